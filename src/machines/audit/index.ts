import { countWords } from '../text/first-few.js';
import type { EndingKind, Scenario } from '../schema/scenario.js';
import { cleanLine } from '../text/clean.js';
import { formatProblem, type JsonPath, type Problem } from '../validate/problem.js';
import type { FilePlace } from '../validate/index.js';
import { answerKeyFigures, asks, type AnswerKeyFigures } from './answer-key.js';
import { analyseBest, STRONG_FROM } from '../scoring.js';
import { exploreScenario } from './explore.js';
import { probedReaches } from './probe.js';
import { houseRuleFailures, SEARCH_STATE_LIMIT, unexplainedToldWords, type HouseRuleFailure, type UnexplainedTold } from './house-rules.js';

/**
 * The audit of a scenario for a trainer: does the outcome follow conduct (from the exploration of
 * every reachable state), and does the wording or order give the answer key away (from the
 * answer-key figures)? The thresholds are the project's own rules for its scenarios.
 */
export const AUDIT_THRESHOLDS = {
  /** At most this share of decisions may have the best reply as the longest. */
  bestLongestMax: 33,
  /**
   * The best reply should be the shortest in this range of decisions: never the shortest is a tell
   * ("not the short one"), and so is the shortest by habit ("pick the short one"; the bundled
   * scenarios drifted there, and test/scenarios/answer-key.test.ts bounds each at 40%).
   */
  bestShortestMin: 20,
  bestShortestMax: 40,
  /** At least this share of decisions should have a near-miss distractor. */
  nearMissMin: 50,
  /**
   * At most this share of decisions may have the best reply as the only one that ends on a question
   * ("Want to make a plan?" beside replies that all end flat). Were questions spread by chance (one
   * reply in six asks one), about one decision in ten would; a habit past 15% is learnt: "pick the
   * one that asks", which is not the guide.
   */
  onlyBestAsksMax: 15,
  /** The best reply should come first in the file in this range of decisions. */
  bestFirstMin: 25,
  bestFirstMax: 45,
  /**
   * The shares above mean something over this many decisions or more. Over fewer (one short file)
   * a single decision moves a share by 20 points or more, so a miss is shown to look at, not failed.
   */
  minDecisions: 10,
  /**
   * In an audit of several scenarios, the best reply should be the longest, and the shortest, in at
   * most this share of each one's own decisions (test/scenarios/answer-key.test.ts bounds the
   * bundled scenarios the same): a habit in one scenario is what a volunteer playing it learns, and
   * the shares across a folder hide it. Checked in scenarios of scenarioMinDecisions decisions or
   * more (over fewer, one decision moves a share by more than 20 points); failed, as the shares
   * across a set are, in a scenario of minDecisions decisions or more, else shown to look at.
   */
  scenarioLengthMax: 40,
  /**
   * The same for the best reply as the only one ending on a question, in each scenario's own
   * decisions: at most this share (in one scenario of eight decisions it was four).
   */
  scenarioAsksMax: 25,
  scenarioMinDecisions: 5,
} as const;

/** One scenario's audit. */
export interface ScenarioAudit {
  id: string;
  title: string;
  states: number;
  complete: boolean;
  /** The lowest final score (after the critical cap) that reaches each kind of ending, if any. */
  worstByKind: Partial<Record<EndingKind, number>>;
  /** Whether a playthrough with a critical violation can reach each kind of ending. */
  criticalByKind: Partial<Record<EndingKind, boolean>>;
  /** The highest score a playthrough with a critical violation can have, before and after the cap. */
  bestWithCritical?: { uncapped: number; capped: number };
  /**
   * The strong ending a playthrough scoring under 80% reaches (the poorest such), and one a
   * playthrough with a critical violation reaches, each with the node (and reply) whose "next"
   * sends that playthrough there: the places an endings' failure names.
   */
  strongUnder?: StrongReach;
  strongAfterCritical?: StrongReach;
  /**
   * The house rules of docs/authoring.md §10 it breaks (house-rules.ts): a playthrough that does
   * what the guide rules out ending strong, a Strong-band playthrough on a worse ending that does not
   * say why, and the structural rules (decisions on every playthrough, replies at each decision,
   * consequences of poor replies, a variable steering the story).
   */
  houseRules: HouseRuleFailure[];
  figures: AnswerKeyFigures;
}

/** A strong ending reached when it should not be, and the way in (see ScenarioAudit). */
export interface StrongReach {
  endingId: string;
  entry?: { nodeId: string; replyId?: string };
}

/** Audits one valid scenario. */
export function auditScenario(scenario: Scenario): ScenarioAudit {
  const found = exploreScenario(scenario);
  const worstByKind: ScenarioAudit['worstByKind'] = {};
  const criticalByKind: ScenarioAudit['criticalByKind'] = {};
  // Past the exploration's limit, what the two whole playthroughs of the probes show is added.
  const probed = found.complete ? [] : probedReaches(scenario, analyseBest(scenario).best, found.endings);
  let strongUnder: StrongReach | undefined;
  let strongAfterCritical: StrongReach | undefined;
  for (const e of [...found.endings, ...probed]) {
    if (e.kind === 'strong' && e.worst < STRONG_FROM && e.worst < (worstByKind.strong ?? 100)) strongUnder = { endingId: e.endingId, ...(e.worstEntry ? { entry: e.worstEntry } : {}) };
    if (e.kind === 'strong' && e.afterCritical && !strongAfterCritical) strongAfterCritical = { endingId: e.endingId, ...(e.criticalEntry ? { entry: e.criticalEntry } : {}) };
    worstByKind[e.kind] = Math.min(worstByKind[e.kind] ?? 100, e.worst);
    criticalByKind[e.kind] = (criticalByKind[e.kind] ?? false) || e.afterCritical;
  }
  return {
    id: scenario.id, title: cleanLine(scenario.title), states: found.states, complete: found.complete, worstByKind, criticalByKind,
    ...(strongUnder ? { strongUnder } : {}), ...(strongAfterCritical ? { strongAfterCritical } : {}),
    ...(found.bestWithCritical ? { bestWithCritical: { uncapped: found.bestWithCritical.uncapped, capped: Math.min(50, found.bestWithCritical.uncapped) } } : {}),
    houseRules: houseRuleFailures(scenario, { explored: found.complete, limit: SEARCH_STATE_LIMIT }),
    figures: answerKeyFigures([scenario]),
  };
}

/**
 * Which thresholds a set of scenarios misses, in words (empty when all are met): the endings' checks
 * always; the wording shares only over AUDIT_THRESHOLDS.minDecisions decisions or more (see
 * wordingMisses for fewer).
 */
export function auditFailures(audits: readonly ScenarioAudit[], all: AnswerKeyFigures): string[] {
  const own = scenarioShareFindings(all).filter(fails).map((m) => `${m.share}${where(m)}`);
  return all.decisions >= AUDIT_THRESHOLDS.minDecisions ? [...endingFailures(audits), ...wordingMisses(all), ...own] : [...endingFailures(audits), ...own];
}

/** The endings' checks and the house rules a set of scenarios fails, in words (they fail at any size). */
function endingFailures(audits: readonly ScenarioAudit[]): string[] {
  return audits.flatMap((a) => [...endingChecks(a), ...a.houseRules.map((h) => `${a.id}: ${h.message}`)]);
}

/** The endings' checks (strong after a critical violation, under 80%, the exploration's limit) one scenario fails, in words. */
function endingChecks(a: ScenarioAudit): string[] {
  const out: string[] = [];
  if (a.criticalByKind.strong) out.push(`${a.id}: a playthrough with a critical violation can reach a strong ending`);
  // A strong ending is for the Strong band: under 80% the debrief says Developing (or Needs review).
  if ((a.worstByKind.strong ?? 100) < STRONG_FROM) out.push(`${a.id}: a playthrough scoring ${a.worstByKind.strong}% (under ${STRONG_FROM}%) can reach a strong ending (validate names its replies and the route to guard)`);
  if (!a.complete) out.push(`${a.id}: too many reachable states to check every playthrough`);
  return out;
}

/** The fix of each endings' failure that names places: a strong ending after a critical violation, and one under STRONG_FROM. */
const ENDING_FIXES = [
  'At that "next", send a playthrough with a critical violation elsewhere first: a route { "when": { "conduct": "critical", "gt": 0 }, "to": "<a mixed or harmful ending>" } before the one to the strong ending.',
  `At that "next", send a playthrough under ${STRONG_FROM}% elsewhere first: a route { "when": { "conduct": "score", "lt": ${STRONG_FROM} }, "to": "<a mixed ending>" } before the one to the strong ending.`,
] as const;

/**
 * A scenario's endings' failures as the audit prints them, "- " items: where a strong ending is
 * reached when it should not be, the ending and the "next" that sends the playthrough there, each
 * with file:line:column (as validate gives places), then the fix.
 */
function endingRows(a: ScenarioAudit, scenario: Scenario, locate: Locate | undefined): string[] {
  const failures = endingChecks(a);
  const index = new Map(scenario.nodes.map((n, i) => [n.id, i]));
  const reaches = [a.criticalByKind.strong ? a.strongAfterCritical : undefined, (a.worstByKind.strong ?? 100) < STRONG_FROM ? a.strongUnder : undefined];
  const fixes = ENDING_FIXES;
  // The places of every reach, found in one reading of the file.
  const wanted = reaches.flatMap((r) => (r ? placesOfReach(r, scenario, index) : []));
  const found = locate && wanted.length > 0 ? locate(wanted.map((w) => w.path)) : [];
  let k = 0;
  const rows: string[] = [];
  let f = 0;
  for (const [j, r] of [a.criticalByKind.strong, (a.worstByKind.strong ?? 100) < STRONG_FROM].entries()) {
    if (!r) continue;
    const reach = reaches[j];
    const places = reach ? placesOfReach(reach, scenario, index) : [];
    rows.push(`  - ${failures[f++] ?? ''}${places.length > 0 ? ':' : ''}`);
    for (const p of places) {
      const at = found[k++];
      rows.push(`      ${at ? `${at.file}:${at.line}:${at.column} ` : ''}${p.words}`);
    }
    if (places.length > 1) rows.push(`    fix: ${fixes[j] ?? ''}`);
  }
  return [...rows, ...failures.slice(f).map((x) => `  - ${x}`), ...houseRows(a, locate, true)];
}

/** The house rules checked on playthroughs (listed with the endings' checks); the others are structural (listed last). */
const ON_PLAYTHROUGHS: ReadonlySet<HouseRuleFailure['check']> = new Set(['strong-after-ruled-out', 'strong-band-unexplained', 'house-rules-incomplete']);

/**
 * A scenario's house rules broken, as the audit prints them: what, the places (file:line:column)
 * to change, the playthrough's replies (or the route), and the fix in plain words.
 */
function houseRows(a: ScenarioAudit, locate: Locate | undefined, onPlaythroughs: boolean): string[] {
  const rules = a.houseRules.filter((h) => ON_PLAYTHROUGHS.has(h.check) === onPlaythroughs);
  const wanted = rules.flatMap((h) => h.places.map((p) => p.path));
  const found = locate && wanted.length > 0 ? locate(wanted) : [];
  let k = 0;
  const rows: string[] = [];
  for (const h of rules) {
    rows.push(`  - ${a.id}: ${h.message}${h.places.length > 0 ? ':' : ''}`);
    for (const p of h.places) {
      const at = found[k++];
      rows.push(`      ${at ? `${at.file}:${at.line}:${at.column} ` : ''}${cleanLine(p.what)}`);
    }
    if (h.replies) rows.push(`      its replies: ${h.replies.map(cleanLine).join(', ')}`);
    // Each says what it was told: the ending's own narration, or a variant that does not count and why.
    for (const o of h.playthroughs?.slice(1) ?? []) rows.push(`      another: ${o.percent}% on ${unexplainedToldWords(cleanLine(o.ending), o.told)}, its replies: ${o.replies.map(cleanLine).join(', ')}`);
    const unnamed = (h.count ?? 0) - (h.playthroughs?.length ?? 0);
    if (h.playthroughs && unnamed > 0) rows.push(`      and ${countWords(unnamed)} more such playthrough${unnamed === 1 ? '' : 's'}`);
    if (h.fix) rows.push(`    fix: ${cleanLine(h.fix)}`);
  }
  return rows;
}

/** The strong ending of a reach, and the "next" that leads into it, with the path validate would give each. */
function placesOfReach(r: StrongReach, scenario: Scenario, index: Map<string, number>): { path: JsonPath; words: string }[] {
  const out: { path: JsonPath; words: string }[] = [];
  const ending = index.get(r.endingId);
  if (ending !== undefined) out.push({ path: ['nodes', ending], words: `${cleanLine(r.endingId)} (the strong ending)` });
  const entry = r.entry;
  const from = entry ? index.get(entry.nodeId) : undefined;
  if (entry && from !== undefined) {
    const node = scenario.nodes[from];
    const reply = entry.replyId !== undefined && node?.kind === 'decision' ? node.replies.findIndex((x) => x.id === entry.replyId) : -1;
    out.push(reply >= 0
      ? { path: ['nodes', from, 'replies', reply, 'next'], words: `${cleanLine(entry.nodeId)}, reply ${cleanLine(entry.replyId ?? '')}: its "next" sends that playthrough there` }
      : { path: ['nodes', from, 'next'], words: `${cleanLine(entry.nodeId)}: its "next" sends that playthrough there` });
  }
  return out;
}

/**
 * Why the length fixes push neither way: a best reply that is always the longest, always the
 * shortest or never the shortest can each be learnt, and none of them is the guide.
 */
const LENGTH_SAYS_NOTHING = 'the length of a reply should say nothing about whether it is the right one.';

/** Why the question fix pushes neither way: asking, or not, should not mark the right reply. */
const QUESTION_SAYS_NOTHING = 'whether a reply ends on a question should say nothing about whether it is the right one.';

/** How many decisions are named where a share is out of range; the rest are counted. */
const NAMED_DECISIONS = 5;

type Decision = AnswerKeyFigures['perDecision'][number];

/** Finds paths in one scenario's file as validate reports places (scenarioPlaces), in the order given. */
export type Locate = (paths: readonly JsonPath[]) => FilePlace[];

/**
 * A wording share out of its range: the decisions that make it so (every one, in the scenarios'
 * order), the reply to change at each, at how many of them a change brings the share into range,
 * (none, over few decisions, may bring a share into a band) and the fix in plain words.
 */
export interface WordingMiss {
  /** "the best reply comes first in 0% of decisions (25–45%)" */
  share: string;
  /** What the decisions listed are: "at" (the share counts them), "none at", "not first at", … */
  at: string;
  decisions: Decision[];
  /** The reply to change at a decision (its index in "replies"), or undefined for the decision as a whole. */
  reply?: (d: Decision, replies: readonly { text: string }[]) => number;
  /** At how many of the decisions a change brings the share into range (the least number). */
  atLeast?: number;
  fix: string;
  /** A share of one scenario's own decisions (scenarioShareFindings): how many it has. */
  scenario?: { decisions: number };
}

/** Whether a scenario's own share out of range fails the audit (over minDecisions of its decisions or more) or is shown to look at. */
const fails = (m: WordingMiss) => (m.scenario?.decisions ?? 0) >= AUDIT_THRESHOLDS.minDecisions;

/**
 * At how many decisions a change (each moving the count by one, `by` +1 or -1) brings the share of
 * `n` decisions (rounded as answerKeyFigures rounds) into range; undefined when no number does (over
 * two decisions a share is 0%, 50% or 100%: none is within 25–45%).
 */
function changesNeeded(count: number, n: number, by: 1 | -1, inRange: (percent: number) => boolean): number | undefined {
  const pct = (k: number) => Math.round((1000 * k) / Math.max(1, n)) / 10;
  for (let k = 1; count + by * k >= 0 && count + by * k <= n; k++) if (inRange(pct(count + by * k))) return k;
  return undefined;
}

const firstBest = (d: Decision) => d.bestIndexes[0] ?? 0;
/** The longest of the best replies: the one that gives it away. */
const longestBest = (d: Decision, replies: readonly { text: string }[]) => d.bestIndexes.reduce((a, b) => ((replies[b]?.text.length ?? 0) > (replies[a]?.text.length ?? 0) ? b : a), firstBest(d));
/** The first of the best replies that ends on a question: the one that gives it away. */
const askingBest = (d: Decision, replies: readonly { text: string }[]) => d.bestIndexes.find((i) => asks(replies[i]?.text ?? '')) ?? firstBest(d);
/** The shortest of the best replies. */
const shortestBest = (d: Decision, replies: readonly { text: string }[]) => d.bestIndexes.reduce((a, b) => ((replies[b]?.text.length ?? 0) < (replies[a]?.text.length ?? 0) ? b : a), firstBest(d));
/** "at 2 of these or more" (or "at this decision", "at all 3 of these"), or "at some of these" where no number of changes brings the share into range. */
const these = (k: number | undefined, of: number) => (k === undefined ? 'at some of these' : k < of ? `at ${k} of these or more` : of === 1 ? 'at this decision' : `at all ${of} of these`);

/** The wording shares outside their range, each with the decisions that make it so and how to fix them. */
export function wordingFindings(all: AnswerKeyFigures): WordingMiss[] {
  const out: WordingMiss[] = [];
  const p = all.percent;
  const t = AUDIT_THRESHOLDS;
  const n = all.decisions;
  const of = (which: (d: Decision) => boolean) => all.perDecision.filter(which);
  if (p.bestLongest > t.bestLongestMax) {
    const k = changesNeeded(all.bestLongest, n, -1, (x) => x <= t.bestLongestMax);
    const decisions = of((d) => d.bestLongest);
    out.push({
      share: `the best reply is the longest in ${p.bestLongest}% of decisions (at most ${t.bestLongestMax}%)`, at: 'at', decisions,
      reply: longestBest,
      atLeast: k,
      fix: `let a wrong reply be the longest ${these(k, decisions.length)} (a little more in it, or a little less in the best reply, without making the best the shortest): ${LENGTH_SAYS_NOTHING}`,
    });
  }
  // The shortest has a band, as first has: a fix for one end must not push the set to the other.
  const shortestBand = (x: number) => x >= t.bestShortestMin && x <= t.bestShortestMax;
  const shortestShare = `the best reply is the shortest in ${p.bestShortest}% of decisions (${t.bestShortestMin}–${t.bestShortestMax}%)`;
  if (p.bestShortest > t.bestShortestMax) {
    const k = changesNeeded(all.bestShortest, n, -1, shortestBand);
    const decisions = of((d) => d.bestShortest);
    out.push({
      share: shortestShare, at: 'at', decisions,
      reply: shortestBest,
      atLeast: k,
      fix: `let a wrong reply be the shortest ${these(k, decisions.length)} (a little less in it, or a little more in the best reply, without making the best the longest): ${LENGTH_SAYS_NOTHING}`,
    });
  } else if (p.bestShortest < t.bestShortestMin) {
    const k = changesNeeded(all.bestShortest, n, 1, shortestBand);
    const decisions = of((d) => !d.bestShortest);
    out.push({
      share: shortestShare, at: 'it is not the shortest at', decisions,
      reply: firstBest, atLeast: k,
      fix: `let the best reply be the shortest ${these(k, decisions.length)} (a little less in it, or a little more in a wrong reply shorter than it): ${LENGTH_SAYS_NOTHING}`,
    });
  }
  if (p.nearMiss < t.nearMissMin) {
    const k = changesNeeded(all.nearMiss, n, 1, (x) => x >= t.nearMissMin);
    const decisions = of((d) => !d.nearMiss);
    out.push({
      share: `${p.nearMiss}% of decisions have a near miss (at least ${t.nearMissMin}%)`, at: 'none at', decisions, atLeast: k,
      fix: `${these(k, decisions.length)}, add a wrong reply that sounds right: one that scores 0 or more, or follows one principle while it breaks another.`,
    });
  }
  if (p.onlyBestAsks > t.onlyBestAsksMax) {
    const k = changesNeeded(all.onlyBestAsks, n, -1, (x) => x <= t.onlyBestAsksMax);
    const decisions = of((d) => d.onlyBestAsks);
    out.push({
      share: `the best reply is the only one ending on a question in ${p.onlyBestAsks}% of decisions (at most ${t.onlyBestAsksMax}%)`, at: 'at', decisions,
      reply: askingBest, atLeast: k,
      fix: `${these(k, decisions.length)}, let a wrong reply end on a question too (a warm invitation, or a question a caring volunteer might really ask), or say the best reply without one: ${QUESTION_SAYS_NOTHING}`,
    });
  }
  if (p.bestFirst > t.bestFirstMax) {
    const k = changesNeeded(all.bestFirst, n, -1, (x) => x >= t.bestFirstMin && x <= t.bestFirstMax);
    const decisions = of((d) => d.bestFirst);
    out.push({
      share: `the best reply comes first in ${p.bestFirst}% of decisions (${t.bestFirstMin}–${t.bestFirstMax}%)`, at: 'at', decisions,
      reply: () => 0, atLeast: k,
      fix: `move the best reply below a wrong reply ${these(k, decisions.length)}, so that the order of the file does not give it away.`,
    });
  } else if (p.bestFirst < t.bestFirstMin) {
    const k = changesNeeded(all.bestFirst, n, 1, (x) => x >= t.bestFirstMin && x <= t.bestFirstMax);
    const decisions = of((d) => !d.bestFirst);
    out.push({
      share: `the best reply comes first in ${p.bestFirst}% of decisions (${t.bestFirstMin}–${t.bestFirstMax}%)`, at: 'it is not first at', decisions,
      reply: firstBest, atLeast: k,
      fix: `move the best reply to the top of its decision's replies ${these(k, decisions.length)}, so that the order of the file does not give it away.`,
    });
  }
  return out;
}

/**
 * In an audit of several scenarios, each one's own length shares over AUDIT_THRESHOLDS.scenarioLengthMax
 * (the best reply the longest, or the shortest, in too many of its decisions), and its share of
 * decisions where the best reply is the only one ending on a question over scenarioAsksMax, for
 * scenarios of scenarioMinDecisions decisions or more: the shares across a folder hid one scenario's habit.
 */
export function scenarioShareFindings(all: AnswerKeyFigures): WordingMiss[] {
  const t = AUDIT_THRESHOLDS;
  const byScenario = new Map<number, Decision[]>();
  for (const d of all.perDecision) byScenario.set(d.scenarioIndex, [...(byScenario.get(d.scenarioIndex) ?? []), d]);
  if (byScenario.size < 2) return [];
  const out: WordingMiss[] = [];
  const ends = [
    { which: 'longest', other: 'shortest', is: (d: Decision) => d.bestLongest, reply: longestBest, change: 'a little more in it, or a little less in the best reply' },
    { which: 'shortest', other: 'longest', is: (d: Decision) => d.bestShortest, reply: shortestBest, change: 'a little less in it, or a little more in the best reply' },
  ] as const;
  for (const own of byScenario.values()) {
    const n = own.length;
    if (n < t.scenarioMinDecisions) continue;
    const name = cleanLine(own[0]?.scenarioId ?? '');
    const asking = own.filter((d) => d.onlyBestAsks);
    const askingPercent = Math.round((1000 * asking.length) / n) / 10;
    if (askingPercent > t.scenarioAsksMax) {
      const k = changesNeeded(asking.length, n, -1, (x) => x <= t.scenarioAsksMax);
      out.push({
        share: `${name}: the best reply is the only one ending on a question in ${askingPercent}% of its ${n} decisions (at most ${t.scenarioAsksMax}% in a scenario)`,
        at: 'at', decisions: asking, reply: askingBest, atLeast: k, scenario: { decisions: n },
        fix: `${these(k, asking.length)}, let a wrong reply end on a question too (a warm invitation, or a question a caring volunteer might really ask), or say the best reply without one: ${QUESTION_SAYS_NOTHING}`,
      });
    }
    for (const e of ends) {
      const decisions = own.filter(e.is);
      const percent = Math.round((1000 * decisions.length) / n) / 10;
      if (percent <= t.scenarioLengthMax) continue;
      const k = changesNeeded(decisions.length, n, -1, (x) => x <= t.scenarioLengthMax);
      out.push({
        share: `${name}: the best reply is the ${e.which} in ${percent}% of its ${n} decisions (at most ${t.scenarioLengthMax}% in a scenario)`,
        at: 'at', decisions, reply: e.reply, atLeast: k, scenario: { decisions: n },
        fix: `let a wrong reply be the ${e.which} ${these(k, decisions.length)} (${e.change}, without making the best the ${e.other}): ${LENGTH_SAYS_NOTHING}`,
      });
    }
  }
  return out;
}

/** ": at d1-phone (example), d3-visit (example) and 4 more": the decisions of a share out of range, by id. */
function where(m: WordingMiss): string {
  if (m.decisions.length === 0) return '';
  const named = m.decisions.slice(0, NAMED_DECISIONS).map((d) => `${cleanLine(d.decisionId)} (${cleanLine(d.scenarioId)})`).join(', ');
  return `: ${m.at} ${named}${m.decisions.length > NAMED_DECISIONS ? ` and ${countWords(m.decisions.length - NAMED_DECISIONS)} more` : ''}`;
}

/** The wording shares outside their range, in words, each naming the decisions that make it so (by id; formatAudit adds where they are). */
export function wordingMisses(all: AnswerKeyFigures): string[] {
  return wordingFindings(all).map((m) => `${m.share}${where(m)}`);
}

/** What the audit says of a share no change can bring into range over `over` decisions (see wordingRows). */
const noChangeHelps = (over: number) => `over ${over} decision${over === 1 ? '' : 's'} no change brings it into range, so nothing needs changing for it here.`;

/**
 * A wording miss as the audit prints it, a "- " item: the share and how many decisions make it so,
 * the first few of them one a row with file:line:column (as validate gives places) of the reply to
 * change, or of the decision, then the rest counted, then the fix.
 */
function wordingRows(m: WordingMiss, scenarios: readonly Scenario[], placeOf: (d: Decision, path: JsonPath) => FilePlace | undefined, over: number): string[] {
  // Over a few decisions a banded share may have no value in its band (over two: 0%, 50% or 100%,
  // none within 20–40%): no change helps, so none is asked for.
  if (m.atLeast === undefined) return [`  - ${m.share}: ${noChangeHelps(over)}`];
  const count = `${m.decisions.length} decision${m.decisions.length === 1 ? '' : 's'}`;
  const rows = [`  - ${m.share}${m.at === 'at' ? ',' : ';'} ${m.at} ${count}:`];
  for (const d of m.decisions.slice(0, NAMED_DECISIONS)) {
    const replies = replyTexts(scenarios, d);
    const r = m.reply?.(d, replies);
    const place = placeOf(d, placePath(d, r));
    const reply = r === undefined ? '' : `, reply ${cleanLine(replyId(scenarios, d, r))}`;
    rows.push(`      ${place ? `${place.file}:${place.line}:${place.column} ${cleanLine(d.decisionId)}` : `${cleanLine(d.decisionId)} (${cleanLine(d.scenarioId)})`}${reply}`);
  }
  if (m.decisions.length > NAMED_DECISIONS) rows.push(`      and ${countWords(m.decisions.length - NAMED_DECISIONS)} more`);
  rows.push(`    fix: ${m.fix.charAt(0).toUpperCase()}${m.fix.slice(1)}`);
  return rows;
}

function decisionNode(scenarios: readonly Scenario[], d: Decision) {
  const node = scenarios[d.scenarioIndex]?.nodes[d.nodeIndex];
  return node?.kind === 'decision' ? node : undefined;
}

function replyTexts(scenarios: readonly Scenario[], d: Decision): readonly { text: string }[] {
  return decisionNode(scenarios, d)?.replies ?? [];
}

function replyId(scenarios: readonly Scenario[], d: Decision, r: number): string {
  return decisionNode(scenarios, d)?.replies[r]?.id ?? '';
}

/** The path validate would give the reply (or, without one, the decision). */
function placePath(d: Decision, reply: number | undefined): JsonPath {
  return reply === undefined ? ['nodes', d.nodeIndex] : ['nodes', d.nodeIndex, 'replies', reply];
}

/**
 * Where each path asked for is, each scenario's file read once (by its locator) for all its paths;
 * undefined for a scenario without a locator (its decisions are then named by id and scenario).
 */
function placesFor(wanted: readonly { d: Decision; path: JsonPath }[], locators: readonly (Locate | undefined)[]): (d: Decision, path: JsonPath) => FilePlace | undefined {
  const key = (d: Decision, path: JsonPath) => `${d.scenarioIndex} ${JSON.stringify(path)}`;
  const found = new Map<string, FilePlace>();
  const byScenario = new Map<number, { d: Decision; path: JsonPath }[]>();
  for (const w of wanted) byScenario.set(w.d.scenarioIndex, [...(byScenario.get(w.d.scenarioIndex) ?? []), w]);
  // The file name comes as validate shows it (shownFileName: escaped where a terminal could act on it).
  for (const [i, list] of byScenario) {
    const locate = locators[i];
    if (!locate) continue;
    locate(list.map((w) => w.path)).forEach((place, j) => found.set(key((list[j] as { d: Decision }).d, (list[j] as { path: JsonPath }).path), place));
  }
  return (d, path) => found.get(key(d, path));
}

const KINDS: EndingKind[] = ['strong', 'mixed', 'harmful'];

/**
 * The audit as text: a block per scenario, then the figures across all of them and the verdict.
 * `warnings` are the validator's warnings of each scenario's file (validate prints them, and fails
 * only under --strict): each block lists its own under a heading that says they are warnings, not
 * errors, and they are counted above the verdict, which they do not change. A trainer who ran only
 * the audit never saw them. `locators` find places in each scenario's file (scenarioPlaces): a
 * wording share out of range lists its decisions each with file:line:column, as validate reports
 * places; a scenario without one has its decisions named by id and scenario.
 */
export function formatAudit(scenarios: readonly Scenario[], labels: readonly (string | undefined)[] = [], warnings: readonly (readonly Problem[] | undefined)[] = [], locators: readonly (Locate | undefined)[] = []): { text: string; ok: boolean } {
  // A label (the id with its file's name, see the audit command) names the scenario in its heading
  // and its failures in place of the bare id.
  const audits = scenarios.map((s, i) => ({ ...auditScenario(s), id: labels[i] ?? s.id }));
  const all = answerKeyFigures(scenarios);
  const lines: string[] = [];
  const pct = (n: number, of: number) => `${n} of ${of} (${Math.round((100 * n) / Math.max(1, of))}%)`;
  for (const [i, a] of audits.entries()) {
    const f = a.figures;
    lines.push(`${a.id}: ${a.title}`);
    lines.push(`  reachable states: ${a.states.toLocaleString('en-US')}${a.complete ? '' : ' (limit reached: partial)'}`);
    // A partial check knows only what it saw: "—" and "none" are then "not found", not "not possible".
    const seen = a.complete ? '' : ' (in the part checked)';
    lines.push(`  worst score reaching each ending${seen}: ${KINDS.map((k) => `${k} ${a.worstByKind[k] === undefined ? '—' : `${a.worstByKind[k]}%`}${a.criticalByKind[k] ? ' (also after a critical violation)' : ''}`).join(', ')}`);
    lines.push(`  best score with a critical violation: ${a.bestWithCritical ? `${a.bestWithCritical.capped}%${a.bestWithCritical.uncapped > a.bestWithCritical.capped ? ` (${a.bestWithCritical.uncapped}% before the cap)` : ''}${seen}` : a.complete ? 'none possible' : 'none found in the part checked'}`);
    lines.push(`  best reply first: ${pct(f.bestFirst, f.decisions)}, longest: ${pct(f.bestLongest, f.decisions)}, shortest: ${pct(f.bestShortest, f.decisions)}, the only one asking: ${pct(f.onlyBestAsks, f.decisions)}; near misses: ${pct(f.nearMiss, f.decisions)}`);
    const own = (warnings[i] ?? []).filter((p) => p.severity === 'warning');
    if (own.length > 0) {
      lines.push(`  Warnings (${own.length}; not errors: they do not fail the audit, validate --strict does):`);
      // As validate prints them (file:line:column, then the fix), indented under the heading.
      lines.push(...own.flatMap((p) => formatProblem(p).split('\n').map((l) => `    ${l}`)));
    }
    lines.push('');
  }
  const t = AUDIT_THRESHOLDS;
  const decisions = `${all.decisions} decision${all.decisions === 1 ? '' : 's'}`;
  lines.push(scenarios.length === 1 ? `The scenario, ${decisions}:` : `All ${scenarios.length} scenarios, ${decisions}:`);
  lines.push(`  best reply first ${all.percent.bestFirst}% (${t.bestFirstMin}–${t.bestFirstMax}%), longest ${all.percent.bestLongest}% (≤ ${t.bestLongestMax}%), shortest ${all.percent.bestShortest}% (${t.bestShortestMin}–${t.bestShortestMax}%), the only one asking ${all.percent.onlyBestAsks}% (≤ ${t.onlyBestAsksMax}%), near misses ${all.percent.nearMiss}% (≥ ${t.nearMissMin}%)`);
  // Each wording miss names its decisions with file:line:column (as validate reports places): every
  // scenario's file is read once, for all the places named in it.
  const misses = wordingFindings(all);
  const own = scenarioShareFindings(all);
  const named = [...misses, ...own].flatMap((m) => m.decisions.slice(0, NAMED_DECISIONS).map((d) => ({ d, path: placePath(d, m.reply?.(d, replyTexts(scenarios, d))) })));
  const placeOf = placesFor(named, locators);
  const missRows = misses.flatMap((m) => wordingRows(m, scenarios, placeOf, all.decisions));
  const ownRows = (which: readonly WordingMiss[]) => which.flatMap((m) => wordingRows(m, scenarios, placeOf, m.scenario?.decisions ?? 0));
  const ownFailed = own.filter(fails);
  const ownToLook = own.filter((m) => !fails(m));
  const wordingFails = all.decisions >= t.minDecisions;
  const endings = endingFailures(audits);
  const failed = endings.length > 0 || (wordingFails && misses.length > 0) || ownFailed.length > 0;
  if (!wordingFails && misses.length > 0) {
    lines.push(`To look at (over ${all.decisions} decisions one reply moves a share a long way, so these are not failed; they are checked across ${t.minDecisions} decisions or more, e.g. a folder):`);
    lines.push(...missRows);
  }
  if (ownToLook.length > 0) {
    lines.push(`To look at in single scenarios (a scenario of fewer than ${t.minDecisions} decisions is not failed on its own shares; across a folder they hide what a volunteer playing it learns):`);
    lines.push(...ownRows(ownToLook));
  }
  const warned = audits.map((_, i) => (warnings[i] ?? []).filter((p) => p.severity === 'warning').length).filter((n) => n > 0);
  if (warned.length > 0) {
    const n = warned.reduce((a, b) => a + b, 0);
    lines.push(`${n} warning${n === 1 ? '' : 's'} in ${warned.length} scenario${warned.length === 1 ? '' : 's'} (listed in ${warned.length === 1 ? 'its block' : 'their blocks'} above).`);
  }
  if (!failed) lines.push('Audit passed.');
  else lines.push('Audit failed:', ...audits.flatMap((a, i) => endingRows(a, scenarios[i] as Scenario, locators[i])), ...(wordingFails ? missRows : []), ...ownRows(ownFailed),
    // The structural house rules last: the wording's failures above keep their place.
    ...audits.flatMap((a, i) => houseRows(a, locators[i], false)),
    // What the house rules are, for a trainer whose draft (the worked example, say) fails them.
    ...(houseRulesNoteFor(audits) ? [houseRulesNoteFor(audits) as string] : []));
  return { text: `${lines.join('\n')}\n`, ok: !failed };
}

/**
 * Under a failure on the house rules, what they are: the bundled set's (docs/authoring.md section
 * 10), which a draft that validates may fail and still play. Undefined when none failed.
 */
function houseRulesNoteFor(audits: readonly Pick<ScenarioAudit, 'houseRules'>[]): string | undefined {
  const n = audits.filter((a) => a.houseRules.length > 0).length;
  if (n === 0) return undefined;
  return `These are the house rules of the bundled set (docs/authoring.md section 10): ${n === 1 ? 'the file still validates and plays as it is' : 'the files still validate and play as they are'}; a scenario added to scenarios/ must meet them.`;
}

/** A place in a scenario's file, for the audit's data: the file as given (not shown-escaped; safeJson escapes it when printed). */
export interface AuditPlace {
  file: string;
  line: number;
  column: number;
}

/** One of a scenario's endings' checks that failed, for the audit's data (see auditData). */
export interface AuditEndingFailure {
  /** "strong-after-critical", "strong-under-80", "exploration-incomplete", or a house rule's check (HouseRuleFailure). */
  check: 'strong-after-critical' | 'strong-under-80' | 'exploration-incomplete' | HouseRuleFailure['check'];
  message: string;
  /** The strong ending and the "next" that sends the playthrough there (a house rule: the places it names), each where it is in the file. */
  places: (Partial<AuditPlace> & { path: JsonPath; what: string })[];
  /** A house rule's playthrough: its replies in order (or, for too few decisions, the route's nodes). */
  replies?: string[];
  route?: string[];
  /**
   * strong-band-unexplained: the first playthroughs found (up to 3, the first that of `replies`),
   * each with its replies, score, ending and what it was told there (`told`: null, the ending's own
   * narration; else the variant's index in "variants" and why it does not count, "always" or
   * "reads-nothing"), and how many there are.
   */
  playthroughs?: { replies: string[]; percent: number; ending: string; told: UnexplainedTold | null }[];
  playthroughCount?: number;
  fix?: string;
}

/** A wording share out of range, for the audit's data: every decision that makes it so, each with its place. */
export interface AuditWordingMiss {
  share: string;
  /** The scenario whose own decisions the share is of (scenarioShareFindings); null: across every scenario audited. */
  scenario: string | null;
  /** True over AUDIT_THRESHOLDS.minDecisions decisions or more (it fails the audit); false: to look at. */
  failed: boolean;
  /** At how many of the decisions a change brings the share into range (null: no number does). */
  atLeast: number | null;
  decisions: (Partial<AuditPlace> & { scenario: string; decision: string; reply: string | null })[];
  fix: string;
}

/**
 * The audit as data (`audit --json`): what formatAudit prints, for editors and scripts. Each
 * scenario with its file (as given), its figures, its endings' failures with places; the figures
 * across all of them with the thresholds; every wording share out of range with all its decisions
 * (the text names five). Ids and titles are as written in the files: the caller prints it with
 * safeJson, which escapes what a terminal could act on. `ok` is the audit's own verdict (validate's
 * warnings do not change it; files with errors are the caller's to count).
 */
export function auditData(scenarios: readonly Scenario[], files: readonly string[], locators: readonly (Locate | undefined)[] = []) {
  const audits = scenarios.map((s) => auditScenario(s));
  const all = answerKeyFigures(scenarios);
  const t = AUDIT_THRESHOLDS;
  const wordingFails = all.decisions >= t.minDecisions;
  const own = scenarioShareFindings(all);
  const misses = [...wordingFindings(all), ...own];
  const placeOf = placesFor(misses.flatMap((m) => m.decisions.map((d) => ({ d, path: placePath(d, m.reply?.(d, replyTexts(scenarios, d))) }))), locators);
  const at = (file: string | undefined, place: FilePlace | undefined): Partial<AuditPlace> => (place && file !== undefined ? { file, line: place.line, column: place.column } : {});
  const kinds = (pick: (k: EndingKind) => number | boolean | undefined) => Object.fromEntries(KINDS.map((k) => [k, pick(k) ?? null]));
  const scenarioRows = audits.map((a, i) => {
    const scenario = scenarios[i] as Scenario;
    const index = new Map(scenario.nodes.map((n, j) => [n.id, j]));
    const failures: AuditEndingFailure[] = [];
    const words = endingChecks(a);
    // In endingFailures' order, each with the fix the text gives where it names places.
    const checks: [AuditEndingFailure['check'], boolean, StrongReach | undefined, string | undefined][] = [
      ['strong-after-critical', a.criticalByKind.strong === true, a.strongAfterCritical, ENDING_FIXES[0]],
      ['strong-under-80', (a.worstByKind.strong ?? 100) < STRONG_FROM, a.strongUnder, ENDING_FIXES[1]],
      ['exploration-incomplete', !a.complete, undefined, undefined],
    ];
    let w = 0;
    for (const [check, failed, reach, fix] of checks) {
      if (!failed) continue;
      const wanted = reach ? placesOfReach(reach, scenario, index) : [];
      const found = locators[i] && wanted.length > 0 ? (locators[i] as Locate)(wanted.map((p) => p.path)) : [];
      failures.push({ check, message: words[w++] ?? '', places: wanted.map((p, k) => ({ ...at(files[i], found[k]), path: p.path, what: p.words })), ...(fix && wanted.length > 0 ? { fix } : {}) });
    }
    const housePaths = a.houseRules.flatMap((h) => h.places.map((p) => p.path));
    const houseFound = locators[i] && housePaths.length > 0 ? (locators[i] as Locate)(housePaths) : [];
    let hk = 0;
    for (const h of a.houseRules) {
      failures.push({
        check: h.check, message: `${a.id}: ${h.message}`, places: h.places.map((p) => ({ ...at(files[i], houseFound[hk++]), path: p.path, what: p.what })),
        ...(h.replies ? { replies: h.replies } : {}), ...(h.route ? { route: h.route } : {}),
        ...(h.playthroughs ? { playthroughs: h.playthroughs, playthroughCount: h.count ?? h.playthroughs.length } : {}), ...(h.fix ? { fix: h.fix } : {}),
      });
    }
    const f = a.figures;
    return {
      file: files[i] ?? null, id: scenario.id, title: scenario.title, states: a.states, complete: a.complete,
      worstScoreReaching: kinds((k) => a.worstByKind[k]), criticalCanReach: kinds((k) => a.criticalByKind[k] ?? false),
      bestWithCritical: a.bestWithCritical ?? null,
      decisions: f.decisions, bestFirst: f.bestFirst, bestLongest: f.bestLongest, bestShortest: f.bestShortest, onlyBestAsks: f.onlyBestAsks, nearMiss: f.nearMiss,
      failures,
    };
  });
  const wording: AuditWordingMiss[] = misses.map((m) => ({
    share: m.share, scenario: m.scenario ? (m.decisions[0]?.scenarioId ?? null) : null, failed: m.scenario ? fails(m) : wordingFails, atLeast: m.atLeast ?? null,
    decisions: m.decisions.map((d) => {
      const r = m.reply?.(d, replyTexts(scenarios, d));
      return { ...at(files[d.scenarioIndex], placeOf(d, placePath(d, r))), scenario: d.scenarioId, decision: d.decisionId, reply: r === undefined ? null : replyId(scenarios, d, r) };
    }),
    fix: ((f) => `${f.charAt(0).toUpperCase()}${f.slice(1)}`)(m.atLeast === undefined ? noChangeHelps(m.scenario?.decisions ?? all.decisions) : m.fix),
  }));
  const ok = scenarioRows.every((s) => s.failures.length === 0) && wording.every((w) => !w.failed);
  return {
    ok,
    /** Said when a house rule failed (formatAudit's last line): they are the bundled set's, and the files still validate and play. */
    houseRulesNote: houseRulesNoteFor(audits) ?? null,
    scenarios: scenarioRows,
    all: {
      scenarios: scenarios.length, decisions: all.decisions,
      percent: { bestFirst: all.percent.bestFirst, bestLongest: all.percent.bestLongest, bestShortest: all.percent.bestShortest, onlyBestAsks: all.percent.onlyBestAsks, nearMiss: all.percent.nearMiss },
      thresholds: { ...t },
      wordingChecked: wordingFails,
    },
    wording,
  };
}

/** The audit's data (see auditData). */
export type AuditData = ReturnType<typeof auditData>;

export { answerKeyFigures, type AnswerKeyFigures } from './answer-key.js';
export { exploreScenario, STATE_LIMIT, type EndingReach, type Exploration } from './explore.js';
