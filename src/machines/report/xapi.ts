import { countWords } from '../text/first-few.js';
import { initialTransition, transition } from 'xstate';
import { compileScenario } from '../compile.js';
import { getPrinciple, getSection } from '../guide.js';
import { scenarioFingerprint } from '../progress/fingerprint.js';
import { derivedUuid } from '../progress/ids.js';
import { learnerOf, recordSeconds, type PlaythroughRecord, type PrincipleRecord } from '../progress/records.js';
import { indexScenario, replyValue } from '../scenario-index.js';
import { bestPracticeAt, buildDebrief, offeredAtTurns, type Debrief } from '../scoring.js';
import type { DecisionNode, Reply, Scenario } from '../schema/scenario.js';
import { cleanDeep, cleanLine, isBlank } from '../text/clean.js';

/**
 * xAPI 1.0.3 statements for recorded playthroughs, for a learning record store or an LMS.
 *
 * Per playthrough, in order: `initialized` (the scenario); one `answered` per decision (the decision
 * as a `choice` interaction, `result.response` the reply id, the reply's points and its verdicts per
 * principle in a result extension); one `scored` per principle touched; `completed` (duration,
 * completion, success, score, outcome band); `terminated`.
 *
 * One definition per decision. An LRS keeps one definition per activity id, the last it received
 * (xAPI 1.0.3 Data 2.4.4.1: it "SHOULD update the stored Activity Definition"), and reads every
 * statement of that activity by it. So a decision's definition is the same in every playthrough of
 * the scenario at one version, as H5P's choice questions list every answer and their correct ones
 * whatever the learner did: its `choices` are every reply of the decision in the version played, in
 * the file's order, also one greyed out ("not available now") or hidden on this playthrough's way
 * there (the export is read after play, by whoever keeps the records; hiding a reply during play is
 * so that it does not give its condition away). The activity id stays the decision's own, without
 * the version (`context.revision` names it): a reworded reply is the same decision to a report, and
 * an LRS takes a newer version's definition as the provider's update. Its `correctResponsesPattern`
 * (one pattern per reply: any one is a correct response) is given only where best practice there
 * is the same on every path (decisionDefinition): a decision whose best practice depends on what was
 * offered (court-report's "Hearing support" names its order reply once the youth's status is
 * confirmed, sitting with her otherwise) has none, for a pattern that names the order would call
 * correct a reply that was greyed out. Without the scenario at the version played (gone, or only a
 * newer version at hand) a decision has no definition at all: the LRS keeps the one it has, and
 * "Decision 3" with the chosen reply as its one choice (as it was) differed from one playthrough to
 * the next. A decision without a title is named by its id, the same on every path.
 *
 * Which scenario was played. A record keeps its scenario's id, version and content fingerprint
 * (`scenarioHash`, scenarioFingerprint), never the path of its file: a path names the volunteer's
 * folders and would travel in every backup and export. An exporter offers every scenario it has at
 * hand (scenariosAtHand: the bundled ones; in the terminal those in a folder named with
 * --scenarios; in the web app those played or checked in this visit), and a decision is described
 * only from the one with the record's id, version and fingerprint (playedScenario; a record made
 * before the fingerprint was kept goes by id and version). The records left without definitions,
 * and why, are said beside the export in words (xapiDefinitionGaps, xapiGapWords): a report reads
 * a choice interaction's `result.response` through its definition's `choices` (H5P's multichoice
 * statements send every choice with the id result.response uses), and without one shows bare ids.
 *
 * What one playthrough had there, which the definition cannot say, is in the result. `success` is
 * best practice as the debrief said it (the core's bestPracticeAt, among the replies offered at that
 * moment; on the best-practice path only that path's reply): the debrief's "Best practice here: ✓ the
 * same" (the record's `bestPractice`), never "as many points as the best offered": the path's reply
 * may be worth fewer points there than another, which is then not best practice. The extensions
 * `offered` (the reply ids that could be chosen there, greyed-out and hidden ones left out) and
 * `best-practice` (best practice among them) say the rest. Both need what was offered, worked out by
 * playing the record's replies through the scenario at its version (as for `missedBelowBest` below);
 * without that they are left out, and `success` is given only when the record kept it.
 *
 * Words. A decision's title, prompt and replies are given only from the scenario at the record's
 * version: another version's may not be what the volunteer read.
 *
 * The scenario's own activity (initialized, completed, terminated, and every statement's parent) has
 * one definition too, the same from every exporter: its type (simulation) and its name, the title the
 * record kept (the scenario's title at the version played), and nothing else. Its summary was given
 * as the description only where the exporter had the scenario at the version played (the web app and
 * the terminal bundle only the newest; a volunteer's own file is not looked up), so the definition an
 * LRS kept depended on which export reached it last: one without the summary replaced one with it.
 * The title is in every record, so every export gives the same fields for the same id and version.
 *
 * A principle's `scored` statement says what the debrief said of it, counted in times as the debrief
 * counts (never the summed weights of the record's `followed` and `violated`, which its extension
 * keeps as recorded). Its chances: the decisions where it was kept to, those where it was gone
 * against, and the chances missed as the debrief counts them: for a principle never followed nor gone
 * against (status "missed"), every one ("You missed 3 chances for"); otherwise only those missed at
 * a decision where the reply taken was not best practice (`missedBelowBest`: a best-practice reply
 * misses nothing, and a greyed-out reply was no chance). `score.raw` is times kept minus times gone
 * against, `score.max` the chances (`min` their negative) and `score.scaled` raw over max, so a
 * principle the debrief says was kept to "at only 1 of 4 chances" scores 1 of 4, 0.25. `success` is
 * true exactly for the debrief's strengths: followed, and no chance missed below best practice.
 *
 * Records made before `missedBelowBest` was kept. Where it matters (a miss was recorded) it is worked
 * out again when `scenarioOf` gives the scenario at the record's version: the recorded replies are
 * played through it, and used only when that playthrough gives back everything the record holds
 * (each decision's verdicts, every principle's status and counts, the points and the ending); the
 * principle extension then says `missedBelowBestRecomputed: true` beside it (with no miss recorded,
 * it is 0 and said without). Otherwise the record cannot say
 * which misses were beside best practice, and the statement claims nothing it does not know: no
 * `success` for a principle followed (violated and missed ones are no success either way), and no
 * `scaled`, `min` or `max` where the chances depend on it; `raw` and the recorded counts remain.
 *
 * Ids. The record's id (a random UUID v4 drawn when the playthrough was recorded) is the statements'
 * `context.registration`; each statement's id is derived from it and the statement's place
 * ("answered/3", "scored/no-investigating") with SHA-256, formatted as a UUID v4. So exporting the
 * same records twice, or from a restored backup, gives the same statement ids, and an LRS that
 * receives them again recognises them instead of storing duplicates.
 *
 * Actor. An anonymous account: `account.homePage` names this tool and `account.name` is the random
 * learner id kept with the records; for a playthrough brought in a backup from another device whose
 * records had a learner id of their own, that one (the record's `learner`), so that its statements,
 * exported there before, are the same here: an LRS refuses a statement id it has with another actor
 * (xAPI 1.0.3 Communication 2.1.3: 409 Conflict). A real name appears only when the volunteer typed one (for the
 * certificate) and chose to include it.
 */

export const XAPI_VERSION = '1.0.3';

export const VERBS = {
  initialized: 'http://adlnet.gov/expapi/verbs/initialized',
  answered: 'http://adlnet.gov/expapi/verbs/answered',
  scored: 'http://adlnet.gov/expapi/verbs/scored',
  completed: 'http://adlnet.gov/expapi/verbs/completed',
  terminated: 'http://adlnet.gov/expapi/verbs/terminated',
} as const;

export type XapiVerb = keyof typeof VERBS;

/** Where this tool's activity and extension IRIs live by default (".invalid": never looked up, nothing is sent). */
export const DEFAULT_HOME_PAGE = 'https://casa-practice.invalid';

type LanguageMap = Record<string, string>;

export interface XapiActor {
  objectType: 'Agent';
  name?: string;
  account: { homePage: string; name: string };
}

export interface XapiActivity {
  objectType: 'Activity';
  id: string;
  definition?: {
    type?: string;
    name?: LanguageMap;
    description?: LanguageMap;
    interactionType?: 'choice';
    choices?: { id: string; description: LanguageMap }[];
    correctResponsesPattern?: string[];
    extensions?: Record<string, unknown>;
  };
}

export interface XapiResult {
  score?: { scaled?: number; raw?: number; min?: number; max?: number };
  success?: boolean;
  completion?: boolean;
  response?: string;
  duration?: string;
  extensions?: Record<string, unknown>;
}

export interface XapiStatement {
  id: string;
  actor: XapiActor;
  verb: { id: string; display: LanguageMap };
  object: XapiActivity;
  result?: XapiResult;
  context: {
    registration: string;
    revision?: string;
    platform?: string;
    language?: string;
    contextActivities?: { parent?: XapiActivity[]; category?: XapiActivity[] };
    extensions?: Record<string, unknown>;
  };
  timestamp: string;
  version: string;
}

export interface XapiOptions {
  /** The anonymous learner id (the records' `learner`): the account name. */
  learner: string;
  /** The volunteer's name, only when they typed one and chose to include it. */
  name?: string;
  /** The account's homePage and the root of the activity IRIs; default https://casa-practice.invalid. */
  homePage?: string;
  /**
   * The scenario a record was played from, for the decisions' words and every reply (the `choices`):
   * used only when it is the one played (playedScenario: the record's id and version, and its
   * content fingerprint when the record kept one). `scenariosAtHand` makes one from every scenario
   * an exporter has, which picks that one among several of the same id.
   */
  scenarioOf?: (scenarioId: string, record: PlaythroughRecord) => Scenario | undefined;
}

/**
 * Whether `scenario` is the one `record` was played from: the same id and version, and, when the
 * record kept its fingerprint (records made since it was kept), the same content. A volunteer's own
 * file changed after it was played without a new version would give words the volunteer never read.
 */
export function playedScenario(record: PlaythroughRecord, scenario: Scenario | undefined): boolean {
  return scenario !== undefined && scenario.id === record.scenarioId && scenario.version === record.scenarioVersion
    && (record.scenarioHash === undefined || scenarioFingerprint(scenario) === record.scenarioHash);
}

/**
 * A `scenarioOf` over every scenario an exporter has at hand (the bundled ones, those in a folder the
 * volunteer names, those opened in this visit): for each record, the one it was played from
 * (playedScenario), else the newest of its id (for nothing but to say why it was not used).
 */
export function scenariosAtHand(scenarios: Iterable<Scenario>): (scenarioId: string, record: PlaythroughRecord) => Scenario | undefined {
  const byId = new Map<string, Scenario[]>();
  for (const s of scenarios) byId.set(s.id, [...(byId.get(s.id) ?? []), s]);
  return (scenarioId, record) => {
    const same = byId.get(scenarioId) ?? [];
    return same.find((s) => playedScenario(record, s)) ?? [...same].sort((a, b) => b.version - a.version)[0];
  };
}

/** Why a record's decisions have no definition in an xAPI file (see xapiDefinitionGaps). */
export type DefinitionGapReason =
  /** No scenario of its id at hand: played from a file of the volunteer's own, or one the app no longer has. */
  | 'not-at-hand'
  /** Its scenario is at hand only at another version (`versionAtHand`, the newest). */
  | 'other-version'
  /** At hand at the version played, but changed since (another content fingerprint). */
  | 'changed';

/** A recorded playthrough whose decisions an xAPI file gives without definitions, and why. */
export interface DefinitionGap {
  record: PlaythroughRecord;
  reason: DefinitionGapReason;
  /** For 'other-version': the version at hand. */
  versionAtHand?: number;
}

/**
 * The records whose decisions xapiStatements gives no definition (no words, no choices), and why:
 * their scenario at the version played is not among those `scenarioOf` has. A record without
 * decisions has nothing to define and is left out. The UIs say these in words beside the export.
 */
export function xapiDefinitionGaps(records: readonly PlaythroughRecord[], scenarioOf: XapiOptions['scenarioOf']): DefinitionGap[] {
  const out: DefinitionGap[] = [];
  for (const record of records) {
    if (record.decisions.length === 0) continue;
    const found = scenarioOf?.(record.scenarioId, record);
    const scenario = found && found.id === record.scenarioId ? found : undefined;
    if (playedScenario(record, scenario)) continue;
    if (scenario === undefined) out.push({ record, reason: 'not-at-hand' });
    else if (scenario.version !== record.scenarioVersion) out.push({ record, reason: 'other-version', versionAtHand: scenario.version });
    else out.push({ record, reason: 'changed' });
  }
  return out;
}

/**
 * What an xAPI file leaves out for the records xapiDefinitionGaps found, in words for the volunteer,
 * or undefined when it leaves nothing out: which scenarios (title and version, how many finished),
 * why their decisions were not described, and that the rest of each is in the file. `remedy`: how
 * this app lets them give the scenario files (the terminal's --scenarios, the web app's check page).
 */
export function xapiGapWords(gaps: readonly DefinitionGap[], remedy: string): string | undefined {
  if (gaps.length === 0) return undefined;
  const groups = new Map<string, { gap: DefinitionGap; count: number }>();
  for (const gap of gaps) {
    const key = `${gap.record.scenarioId}\u0000${gap.record.scenarioVersion}\u0000${gap.reason}`;
    const seen = groups.get(key);
    groups.set(key, { gap: seen?.gap ?? gap, count: (seen?.count ?? 0) + 1 });
  }
  const why: Record<DefinitionGapReason, string> = {
    'not-at-hand': 'its scenario file was not at hand',
    'other-version': 'only another version of it was at hand',
    changed: 'its scenario file at hand was changed after it was played, without a new version number',
  };
  const items = [...groups.values()].map(({ gap, count }) => {
    const title = cleanLine(gap.record.title).slice(0, 120);
    const other = gap.reason === 'other-version' && gap.versionAtHand !== undefined ? ` (version ${gap.versionAtHand})` : '';
    return `"${title}", version ${gap.record.scenarioVersion} (${countWords(count)} finished): ${why[gap.reason]}${other}`;
  });
  const n = gaps.length;
  return `${countWords(n)} finished ${n === 1 ? 'scenario' : 'scenarios'} in this xAPI file ${n === 1 ? 'has' : 'have'} no description of ${n === 1 ? 'its' : 'their'} decisions (the words of each decision and its replies), because casa-practice describes them only from the scenario exactly as it was played: ${items.join('; ')}. ${n === 1 ? 'Its' : 'Their'} replies, scores and results are in the file all the same. ${remedy}`;
}

/**
 * ISO 8601 duration of whole seconds: 90 → "PT1M30S", 5400 → "PT1H30M", 25 → "PT25S", 0 → "PT0S".
 * A record keeps the seconds measured, so a finish under a minute is not sent as "PT0M".
 */
export function isoDuration(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const parts = `${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s ? `${s}S` : ''}`;
  return `PT${parts || '0S'}`;
}

const en = (text: string): LanguageMap => ({ 'en-US': text });
const seg = (id: string) => encodeURIComponent(id);

/** The IRIs of this tool's activities and extensions under a home page. */
export function xapiIris(homePage = DEFAULT_HOME_PAGE) {
  const base = `${homePage.replace(/\/+$/, '')}/xapi`;
  return {
    scenario: (id: string) => `${base}/scenarios/${seg(id)}`,
    decision: (scenarioId: string, nodeId: string) => `${base}/scenarios/${seg(scenarioId)}/decisions/${seg(nodeId)}`,
    principle: (id: string) => `${base}/principles/${seg(id)}`,
    extension: (name: string) => `${base}/extensions/${name}`,
  };
}

/** The statements for one recorded playthrough, in the order they happened. */
export function xapiStatements(record: PlaythroughRecord, options: XapiOptions): XapiStatement[] {
  const homePage = options.homePage ?? DEFAULT_HOME_PAGE;
  const iri = xapiIris(homePage);
  const found = options.scenarioOf?.(record.scenarioId, record);
  // The scenario at the version played (and with the content played, when the record kept its
  // fingerprint): only its words are what the volunteer read.
  const played = found && playedScenario(record, found) ? found : undefined;
  const index = played ? indexScenario(played) : undefined;
  const actor: XapiActor = {
    objectType: 'Agent',
    ...(options.name && !isBlank(options.name) ? { name: cleanLine(options.name).slice(0, 200) } : {}),
    // The learner the record was kept under on the device it came from, when it came in a backup
    // (PlaythroughRecord.learner): the same statement ids must keep the same actor.
    account: { homePage, name: record.learner ?? options.learner },
  };
  // Only what every record holds, whoever exports it (see "The scenario's own activity" above): no
  // summary, which only an exporter with the version played could give.
  const scenarioActivity: XapiActivity = {
    objectType: 'Activity',
    id: iri.scenario(record.scenarioId),
    definition: {
      type: 'http://adlnet.gov/expapi/activities/simulation',
      name: en(record.title),
    },
  };
  const parent = { parent: [{ objectType: 'Activity' as const, id: scenarioActivity.id }] };
  const context = (extra: Partial<XapiStatement['context']> = {}): XapiStatement['context'] => ({
    registration: record.id,
    revision: String(record.scenarioVersion),
    platform: 'casa-practice',
    language: 'en-US',
    extensions: { [iri.extension('mode')]: record.mode },
    ...extra,
  });
  const start = record.startedAt ?? record.completedAt;
  const statement = (place: string, verb: XapiVerb, object: XapiActivity, timestamp: string, result?: XapiResult, extra?: Partial<XapiStatement['context']>): XapiStatement => ({
    id: derivedUuid(record.id, place),
    actor,
    verb: { id: VERBS[verb], display: en(verb) },
    object,
    ...(result ? { result } : {}),
    context: context(extra),
    timestamp,
    version: XAPI_VERSION,
  });

  const out: XapiStatement[] = [statement('initialized', 'initialized', scenarioActivity, start)];

  // The replies played through the scenario of the record's version, when that gives back all the
  // record holds: what was offered at each decision, and the debrief's verdict on each reply.
  const replay = played ? replayRecord(record, played) : undefined;
  record.decisions.forEach((d, i) => {
    // The decision's words only from the version played: a newer version's may not be what was read.
    const node = index?.nodes.get(d.nodeId);
    const decision = played && node?.kind === 'decision' ? node : undefined;
    let min: number | undefined;
    // Offered at this decision (a greyed-out reply, "not available now", was no choice), when known.
    const offered = replay?.offered[i];
    // Best practice among the replies offered there, as the debrief said it: this playthrough's, so
    // in the result, never the definition (see "One definition per decision" in the module doc).
    const bestHere = decision && played && offered ? bestPracticeAt(played, d.nodeId, offered)?.replyIds : undefined;
    if (decision) {
      min = offered
        ? Math.min(...decision.replies.filter(offered).map(replyValue))
        // Not known what was offered: the least any reply here is worth, below or at the least offered.
        : Math.min(...decision.replies.map(replyValue));
    }
    // As the debrief said it ("Best practice here: ✓ the same"): kept with the record, or worked out
    // again by the replay; otherwise not claimed (points as many as the best offered are not it: the
    // best-practice path's reply may be worth fewer here, and then a reply worth more is not best practice).
    const success = d.bestPractice ?? replay?.debrief.turns[i]?.sameAsBest;
    const object: XapiActivity = {
      objectType: 'Activity',
      id: iri.decision(record.scenarioId, d.nodeId),
      // Without the scenario at the version played, no definition: the LRS keeps the one it has.
      ...(decision && played ? { definition: decisionDefinition(played, decision) } : {}),
    };
    const result: XapiResult = {
      response: d.replyId,
      ...(success !== undefined ? { success } : {}),
      // A record is untrusted (a backup, a file edited by hand): raw must lie within min..max, or an LRS refuses the statement.
      score: { raw: d.points, ...(d.points <= d.bestPoints ? { max: d.bestPoints } : {}), ...(min !== undefined && min <= d.points ? { min } : {}) },
      extensions: {
        [iri.extension('principles')]: d.assessments.map((a) => ({ principle: a.principle, verdict: a.verdict, weight: a.weight })),
        // What this playthrough had there, which the definition (the same on every path) cannot say.
        ...(decision && offered ? { [iri.extension('offered')]: decision.replies.filter(offered).map((r) => r.id) } : {}),
        ...(bestHere && bestHere.length > 0 ? { [iri.extension('best-practice')]: [...bestHere] } : {}),
      },
    };
    out.push(statement(`answered/${i}`, 'answered', object, record.completedAt, result, { contextActivities: parent }));
  });

  const recomputed = needsRecomputing(record) && replay ? missedBelowBestFrom(record, replay.debrief) : undefined;
  for (const p of record.principles) {
    const principle = getPrinciple(p.principleId);
    const section = principle ? getSection(principle.section)?.heading : undefined;
    const object: XapiActivity = {
      objectType: 'Activity',
      id: iri.principle(p.principleId),
      definition: {
        type: 'http://adlnet.gov/expapi/activities/objective',
        name: en(principle?.title ?? p.principleId),
        ...(principle ? { description: en(principle.rule) } : {}),
        ...(section ? { extensions: { [iri.extension('guide-section')]: section } } : {}),
      },
    };
    const belowBest = p.missedBelowBest ?? (p.missed === 0 ? 0 : recomputed?.get(p.principleId));
    const result = principleResult(record, p, belowBest);
    result.extensions = {
      [iri.extension('principle')]: {
        status: p.status, followed: p.followed, violated: p.violated, missed: p.missed,
        // Known when recorded, when nothing was missed, or when worked out again (and said so).
        ...(belowBest !== undefined ? { missedBelowBest: belowBest } : {}),
        ...(p.missedBelowBest === undefined && p.missed > 0 && belowBest !== undefined ? { missedBelowBestRecomputed: true } : {}),
      },
    };
    out.push(statement(`scored/${p.principleId}`, 'scored', object, record.completedAt, result, { contextActivities: parent }));
  }

  const { earned, best, percent } = record.score;
  out.push(statement('completed', 'completed', scenarioActivity, record.completedAt, {
    completion: true,
    // Strong or Developing count as success; Needs review (under 50%, or any critical violation) does not.
    success: record.band !== 'needs-review',
    score: { scaled: round3(percent / 100), raw: earned, ...(earned <= best ? { max: best } : {}) },
    ...(recordSeconds(record) !== undefined ? { duration: isoDuration(recordSeconds(record) ?? 0) } : {}),
    extensions: {
      [iri.extension('outcome-band')]: record.band,
      ...(record.ending ? { [iri.extension('ending')]: record.ending.kind } : {}),
    },
  }));
  out.push(statement('terminated', 'terminated', scenarioActivity, record.completedAt));
  return cleanDeep(out);
}

/**
 * A decision's definition: the same for every playthrough of the scenario at this version (see "One
 * definition per decision" in the module doc). Every reply of the decision, in the file's order,
 * whatever was offered on the way there; the correct responses only when best practice there is the
 * same on every path: bestPracticeAt with every reply offered names replies that have no condition
 * ("when"), which are offered wherever the decision is met, so no path can change it (a reply with a
 * condition can be greyed out or hidden, and best practice is then another reply).
 */
function decisionDefinition(scenario: Scenario, decision: DecisionNode): NonNullable<XapiActivity['definition']> {
  const best = bestPracticeAt(scenario, decision.id)?.replyIds ?? [];
  const stable = best.length > 0 && best.every((id) => decision.replies.find((r) => r.id === id)?.when === undefined);
  return {
    type: 'http://adlnet.gov/expapi/activities/cmi.interaction',
    // Its own title, else its id: "Decision 3" was its place in one playthrough, another on another path.
    name: en(decision.title ?? decision.id),
    description: en(decision.prompt ?? 'What do you say or do?'),
    interactionType: 'choice',
    choices: decision.replies.map((r) => ({ id: r.id, description: en(r.text) })),
    // One pattern per reply: any one of them is a correct response.
    ...(stable ? { correctResponsesPattern: [...best] } : {}),
  };
}

/**
 * A principle's success and score as the debrief says them (see the module doc). `belowBest`: its
 * chances missed below best practice, undefined when the record cannot tell.
 */
function principleResult(record: PlaythroughRecord, p: PrincipleRecord, belowBest: number | undefined): XapiResult {
  // Times, as the debrief's "1 of 4 chances" and ✓n ✗n count them: one for each verdict on it.
  let kept = 0;
  let against = 0;
  for (const d of record.decisions) {
    for (const a of d.assessments) {
      if (a.principle !== p.principleId) continue;
      if (a.verdict === 'follows') kept += 1;
      else against += 1;
    }
  }
  const raw = kept - against;
  const missed = p.status === 'missed' ? p.missed : belowBest;
  // Kept to at every chance, as the debrief's strengths: one followed at some decisions and
  // missed below best practice at others is under "To work on" there, and no success here.
  const success = p.status !== 'followed' ? false : belowBest === undefined ? undefined : belowBest === 0;
  const chances = missed === undefined ? undefined : kept + against + missed;
  return {
    ...(success !== undefined ? { success } : {}),
    score: { raw, ...(chances !== undefined && chances > 0 ? { scaled: round3(raw / chances), min: -chances, max: chances } : {}) },
  };
}

/** A record made before `missedBelowBest` was kept, with a miss whose place it does not say. */
function needsRecomputing(record: PlaythroughRecord): boolean {
  return record.principles.some((p) => p.missedBelowBest === undefined && p.missed > 0 && p.status !== 'missed');
}

/**
 * The record's replies played through the scenario it was played from (the same id and version), as
 * the session did: the debrief that gives, and what was offered at each decision (offeredAtTurns).
 * Undefined unless that playthrough gives back all the record holds: the decisions and their
 * verdicts, every principle's status and counts, the points and the ending. A scenario changed
 * without a new version, or a record edited by hand, is not taken for what was played.
 */
function replayRecord(record: PlaythroughRecord, scenario: Scenario): { debrief: Debrief; offered: ((reply: Reply) => boolean)[] } | undefined {
  if (scenario.id !== record.scenarioId || scenario.version !== record.scenarioVersion) return undefined;
  try {
    const machine = compileScenario(scenario);
    let [snapshot] = initialTransition(machine, { mode: record.mode });
    const limit = scenario.nodes.length + 1;
    const continueScenes = () => {
      for (let i = 0; i < limit && snapshot.status === 'active' && snapshot.can({ type: 'scene.continue' }); i++) [snapshot] = transition(machine, snapshot, { type: 'scene.continue' });
    };
    for (const d of record.decisions) {
      continueScenes();
      const event = { type: 'reply.choose' as const, replyId: d.replyId };
      if (snapshot.status !== 'active' || snapshot.value !== d.nodeId || !snapshot.can(event)) return undefined;
      [snapshot] = transition(machine, snapshot, event);
    }
    continueScenes();
    const transcript = snapshot.context.transcript;
    const debrief = snapshot.status === 'done' ? (snapshot.output as Debrief) : buildDebrief(scenario, transcript);
    if (record.ending ? snapshot.status !== 'done' || debrief.ending?.id !== record.ending.id : snapshot.status === 'done') return undefined;
    const sameVerdicts = record.decisions.every((d, i) => {
      const turn = transcript[i];
      return turn !== undefined && turn.assessments.length === d.assessments.length && turn.assessments.every((a, k) => {
        const r = d.assessments[k];
        return r !== undefined && a.principle === r.principle && a.verdict === r.verdict && (a.weight ?? 1) === r.weight;
      });
    });
    if (!sameVerdicts || transcript.length !== record.decisions.length || debrief.score.earned !== record.score.earned || debrief.principles.length !== record.principles.length) return undefined;
    for (const p of record.principles) {
      const q = debrief.principles.find((r) => r.principleId === p.principleId);
      if (!q || q.status !== p.status || q.followed !== p.followed || q.violated !== p.violated || q.missed !== p.missed) return undefined;
    }
    return { debrief, offered: offeredAtTurns(scenario, transcript) };
  } catch {
    return undefined;
  }
}

/** Each principle's chances missed below best practice, from the record's replay (replayRecord). */
function missedBelowBestFrom(record: PlaythroughRecord, debrief: Debrief): Map<string, number> | undefined {
  const out = new Map<string, number>();
  for (const p of record.principles) {
    const q = debrief.principles.find((r) => r.principleId === p.principleId);
    if (!q) return undefined;
    out.set(p.principleId, q.missedBelowBest);
  }
  return out;
}

function round3(n: number): number {
  return Math.max(-1, Math.min(1, Math.round(n * 1000) / 1000));
}

/**
 * The anonymous learner id an xAPI file names the volunteer by: the records' own (drawn when the first
 * playthrough was recorded), or, for records without one (playthroughs kept only for the session
 * beside records that cannot be written, or put back into records started anew), one derived from
 * the oldest playthrough's id: the same at every export of those records, and never shared with
 * another volunteer, as the fixed all-zeros id the web app put in its place was by everyone in that case.
 */
export const xapiLearner: (learner: string | undefined, records: readonly PlaythroughRecord[]) => string = learnerOf;

/** The statements for many playthroughs as one JSON file (an array, as an LRS's statements resource takes). */
export function xapiFile(records: readonly PlaythroughRecord[], options: XapiOptions): string {
  return `${JSON.stringify(records.flatMap((r) => xapiStatements(r, options)), null, 2)}\n`;
}
