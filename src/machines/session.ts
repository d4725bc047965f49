import { initialTransition, transition, type ActorOptions, type SnapshotFrom } from 'xstate';
import { compileScenario, type ScenarioMachine } from './compile.js';
import { isSeed } from './reply-order.js';
import type { Scenario } from './schema/scenario.js';
import type { SessionContext, SessionInput, SessionMode, Turn } from './types.js';
import { applyEffects, initialVariables, specOf, valueOf, type VariableChange, type Variables, type VariableSpec } from './conditions.js';
import { scenarioStamp } from './progress/fingerprint.js';
import { quoteValue } from './text/quote.js';

/** A scenario machine's persisted snapshot, as `actor.getPersistedSnapshot()` gives and `createActor` takes back. */
export type PersistedScenarioSnapshot = ReturnType<ScenarioMachine['getPersistedSnapshot']>;

/** How a session starts: fresh in a mode, or from a snapshot `restoreSession` proved sound. */
export interface SessionStart {
  mode: SessionMode;
  snapshot?: PersistedScenarioSnapshot;
  /** A new session's seed for the order of replies (a restored one keeps its own). */
  seed?: number;
}

/** The options for `createActor(compileScenario(scenario), options)`, for new and restored sessions alike. */
export function actorOptions(scenario: Scenario, start: SessionStart): ActorOptions<ScenarioMachine> & { input: SessionInput } {
  const input: SessionInput = isSeed(start.seed) ? { mode: start.mode, seed: start.seed } : { mode: start.mode };
  if (start.snapshot === undefined) return { input };
  const { snapshot } = start;
  const owner = 'context' in snapshot && isRecord(snapshot.context) ? snapshot.context.scenarioId : scenario.id;
  if (owner !== scenario.id) throw new Error(`This snapshot belongs to the scenario "${String(owner)}", not "${scenario.id}".`);
  return { input, snapshot: start.snapshot };
}

/** What is written to disk or localStorage for a session in progress. */
export interface SavedSession {
  format: 'casa-practice-session';
  formatVersion: 1;
  scenarioId: string;
  scenarioVersion: number;
  /** ISO time of the save. */
  savedAt: string;
  /**
   * The scenario the session was saved with, stamped (scenarioStamp), and the values it began with
   * (its variables' starting values, an author's `--set` ones among them). Only read when the save no
   * longer fits the scenario: the same stamp, and the save itself was changed since (damaged); another,
   * and the scenario was changed under the same version (outdated), these values naming a starting
   * value changed. Absent from saves made before they were kept (same format version: both optional,
   * and a reader before them passes them by); such a save is judged from its replies alone.
   */
  scenarioStamp?: string;
  startValues?: Variables;
  /** `actor.getPersistedSnapshot()`, unchanged. */
  snapshot: unknown;
}

/**
 * Restoring either gives back a snapshot proven consistent with the scenario, or says why not;
 * `outdated`: the save is sound but was made with another version of the scenario (not damaged).
 */
/**
 * A restored snapshot, or why not: `error` in words for a save; `damaged`, what is wrong with it in
 * a few words ("its state is missing or malformed"), for a caller that names the thing otherwise
 * (a kept debrief is not "saved progress"); `outdated` when it was made with another version, or
 * before the scenario was changed under the same version: then `changed` says what changed, in a
 * few words for such a caller ("the reply "x" it chose at "y" has changed (its feedback)").
 */
export type RestoreResult = { ok: true; snapshot: PersistedScenarioSnapshot; mode: SessionMode } | { ok: false; error: string; outdated?: true; damaged?: string; changed?: string };

/** What is wrong with a save whose session is missing or not one (see restoreSession). */
const NO_SESSION = 'its playthrough is missing or unreadable';

/** Saved progress that is damaged, with what is wrong with it. */
function damagedSave(detail: string): { ok: false; error: string; damaged: string } {
  return { ok: false, error: `The saved progress is damaged (${detail}).`, damaged: detail };
}

/** Wraps a persisted snapshot with the scenario's id and version. */
export function saveSession(scenario: Scenario, persistedSnapshot: unknown, now = new Date()): SavedSession {
  return {
    format: 'casa-practice-session',
    formatVersion: 1,
    scenarioId: scenario.id,
    scenarioVersion: scenario.version,
    savedAt: now.toISOString(),
    ...savedWith(scenario),
    snapshot: JSON.parse(JSON.stringify(persistedSnapshot)) as unknown,
  };
}

/** What a save keeps of the scenario it was made with (SavedSession's scenarioStamp and startValues). */
export function savedWith(scenario: Scenario): Pick<SavedSession, 'scenarioStamp' | 'startValues'> {
  return { scenarioStamp: scenarioStamp(scenario), startValues: initialVariables(scenario.variables) };
}

/**
 * Why a save made with another version of the scenario cannot carry on, in the words every UI
 * shows (usually an older version: the scenario was updated since).
 */
export function outdatedSaveWords(scenario: Pick<Scenario, 'id' | 'version'>, savedVersion: number): string {
  const which = savedVersion < scenario.version ? 'an older' : 'a newer';
  return `This save was made with ${which} version of the scenario "${scenario.id}" (version ${quoteValue(savedVersion, 20)}; it is now version ${scenario.version}), and the story may have changed since, so it cannot carry on.`;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Checks a saved session against the scenario and returns a snapshot for
 * `createActor(machine, actorOptions(scenario, { mode, snapshot }))`. The saved transcript is replayed through the machine from the start and the
 * result must equal what was saved, so a damaged, edited or outdated save is refused whole,
 * never half-restored.
 */
export function restoreSession(scenario: Scenario, saved: unknown, machine: ScenarioMachine = compileScenario(scenario)): RestoreResult {
  // Always read from inside a save (a slot, a room session, a debrief) whose own header was checked:
  // a session missing or of another format is that save damaged, not something else. "This is not
  // a casa-practice save" was said of a save with the right header and a broken session.
  if (!isRecord(saved) || saved.format !== 'casa-practice-session') return { ok: false, error: `This casa-practice save is damaged (${NO_SESSION}).`, damaged: NO_SESSION };
  if (saved.formatVersion !== 1) return { ok: false, error: `This save uses format version ${quoteValue(saved.formatVersion, 20)}, which this version of casa-practice does not read.` };
  if (saved.scenarioId !== scenario.id) {
    return { ok: false, error: `This save belongs to the scenario ${quoteValue(saved.scenarioId)}, not "${scenario.id}".` };
  }
  if (saved.scenarioVersion !== scenario.version) {
    if (saved.scenarioVersion === undefined) return damagedSave('it has no scenario version');
    if (typeof saved.scenarioVersion !== 'number') return damagedSave(`its scenario version, ${quoteValue(saved.scenarioVersion, 20)}, is not a number`);
    return { ok: false, error: outdatedSaveWords(scenario, saved.scenarioVersion), outdated: true };
  }
  const snap = saved.snapshot;
  if (!isRecord(snap) || !isRecord(snap.context) || typeof snap.value !== 'string' || (snap.status !== 'active' && snap.status !== 'done')) {
    return damagedSave('its state is missing or malformed');
  }
  const context = snap.context as Partial<SessionContext>;
  const mode: SessionMode = context.mode === 'assessment' ? 'assessment' : 'practice';
  if (context.mode !== mode || !Array.isArray(context.transcript)) {
    return damagedSave('its mode or transcript is malformed');
  }
  // The order replies were shown in: replayed with the same seed, or none for a save made before
  // shuffling existed (which then resumes in file order, exactly as it was played).
  const seed: unknown = context.seed;
  if ('seed' in context && !isSeed(seed)) return damagedSave('its seed is not a whole number');
  try {
    const replayed = replay(machine, scenario.nodes.length, isSeed(seed) ? { mode, seed } : { mode }, context.transcript, snap.value);
    const fits = replayed !== undefined && JSON.stringify(replayed.context) === JSON.stringify(snap.context) && replayed.status === snap.status;
    // Stamped with this very scenario: whatever does not fit was changed in the save (by hand, or
    // a disk), not in the scenario. Where it waits, its values before its first reply: each is the
    // save's word alone, and a save moved to another step read as the story's route changed.
    const sameScenario = !fits && typeof saved.scenarioStamp === 'string' && saved.scenarioStamp === scenarioStamp(scenario);
    if (!fits && !sameScenario) {
      // A save that does not fit, whose own replies name a reply the file no longer has (or has
      // scored or answered otherwise): the scenario was changed under the same version, most often
      // by its author between two test runs. That save is sound (kept as outdated); "damaged", and
      // "send it to whoever helps you", sent a trainer who had fixed a typo in a feedback hunting
      // for a broken file.
      const changed = changedUnder(scenario, context.transcript, context.variables, { value: snap.value, status: snap.status }, machine, isSeed(seed) ? { mode, seed } : { mode }, startValuesOf(saved.startValues));
      if (changed !== undefined) return { ok: false, error: changedScenarioWords(scenario, changed), outdated: true, changed: whatChanged(changed) };
    }
    if (!replayed) return sameScenario ? damagedSave(LEADS_ELSEWHERE) : { ok: false, error: `The saved progress does not fit this scenario (${LEADS_ELSEWHERE}).` };
    if (!fits) return damagedSave(VALUES_MISMATCH);
    return { ok: true, snapshot: machine.getPersistedSnapshot(replayed), mode };
  } catch {
    return { ok: false, error: 'The saved progress is damaged and could not be read.', damaged: 'it could not be read' };
  }
}

/** What `restoreSession` says of a save whose replies, replayed, do not lead where it waits. */
const LEADS_ELSEWHERE = 'its replies do not lead where it says';

/** A save's startValues as kept (whole numbers by variable), or undefined (absent or malformed: judged without them). */
function startValuesOf(raw: unknown): Variables | undefined {
  if (!isRecord(raw)) return undefined;
  const values: Variables = {};
  for (const [id, v] of Object.entries(raw)) {
    if (typeof v !== 'number' || !Number.isFinite(v)) return undefined;
    values[id] = v;
  }
  return values;
}

/**
 * What `restoreSession` says of a save whose replies, replayed, did not lead to its values: a save
 * kept with other starting values than it is read with (see keptStartValues) reads so as well.
 */
export const VALUES_MISMATCH = 'its values do not match its replies';

/**
 * The starting values a saved session must have begun with, worked out from the session itself, for
 * a save that does not say them (a trainer-led session kept before its `--set` values were): its values
 * now with every reply's change taken back (each change says what it changed from) are its values when
 * its first decision opened; a scene on the way there (`--from` a scene) changed them by as much as it
 * changes this scenario's own starting values, so that is taken back too. Numbers as the machine holds
 * them (a flag 0 or 1), clamped to each variable's range. Undefined when the save is not one to read.
 * Only a guess to try: `restoreSession` with the values it gives still checks every reply.
 */
export function keptStartValues(scenario: Scenario, saved: unknown): Variables | undefined {
  if (!isRecord(saved) || !isRecord(saved.snapshot) || !isRecord(saved.snapshot.context)) return undefined;
  const context = saved.snapshot.context as Partial<SessionContext>;
  if (!isRecord(context.variables) || !Array.isArray(context.transcript)) return undefined;
  const values: Variables = {};
  for (const [id, v] of Object.entries(context.variables)) if (typeof v === 'number' && Number.isFinite(v)) values[id] = v;
  for (const turn of [...context.transcript].reverse()) {
    if (!isRecord(turn)) return undefined;
    for (const changes of [turn.sceneChanges, turn.changes]) {
      if (changes === undefined) continue;
      if (!Array.isArray(changes)) return undefined;
      for (const c of [...(changes as unknown[])].reverse()) if (isRecord(c) && typeof c.var === 'string' && typeof c.from === 'number') values[c.var] = c.from;
    }
  }
  // A scene on the way to the first decision (--from a scene) may have changed them: the values it
  // began with are those that, played to its first decision, give these; found by taking back what
  // the scenes changed from a guess (a few times, for a change held at a variable's end of range).
  const specs = (scenario.variables ?? []).map((v) => ({ v, spec: specOf(v) }));
  const clamp = (spec: VariableSpec, n: number) => Math.min(spec.max, Math.max(spec.min, n));
  const atFirst: Variables = {};
  for (const { v, spec } of specs) atFirst[v.id] = clamp(spec, valueOf(values, v.id) ?? spec.start);
  const first: unknown = context.transcript[0];
  if (!isRecord(first) || typeof first.nodeId !== 'string') return atFirst;
  const firstNode = first.nodeId;
  const seed: unknown = context.seed;
  const opened = (start: Variables): Variables | undefined => {
    const variables = specs.map(({ v }) => ({ ...v, start: v.type === 'flag' ? start[v.id] === 1 : start[v.id] })) as Scenario['variables'];
    try {
      const at = replay(compileScenario({ ...scenario, variables }), scenario.nodes.length, isSeed(seed) ? { mode: 'practice', seed } : { mode: 'practice' }, [], firstNode);
      return at?.context.variables;
    } catch {
      return undefined;
    }
  };
  let guess = { ...atFirst };
  for (let i = 0; i < 4; i++) {
    const got = opened(guess);
    if (!got || specs.every(({ v }) => valueOf(got, v.id) === atFirst[v.id])) break;
    const next: Variables = {};
    for (const { v, spec } of specs) next[v.id] = clamp(spec, (guess[v.id] ?? spec.start) + (atFirst[v.id] ?? spec.start) - (valueOf(got, v.id) ?? spec.start));
    guess = next;
  }
  return guess;
}

type Snapshot = SnapshotFrom<ScenarioMachine>;

function replay(machine: ScenarioMachine, nodes: number, input: SessionInput, transcript: unknown[], value: string): Snapshot | undefined {
  let [snapshot] = initialTransition(machine, input);
  const limit = nodes + 1;
  const continueUntil = (nodeId: string): boolean => {
    for (let i = 0; i < limit && snapshot.value !== nodeId; i++) {
      if (!snapshot.can({ type: 'scene.continue' })) return false;
      [snapshot] = transition(machine, snapshot, { type: 'scene.continue' });
    }
    return snapshot.value === nodeId;
  };
  for (const turn of transcript) {
    if (!isRecord(turn) || typeof turn.nodeId !== 'string' || typeof turn.replyId !== 'string') return undefined;
    if (!continueUntil(turn.nodeId)) return undefined;
    const event = { type: 'reply.choose' as const, replyId: turn.replyId };
    if (!snapshot.can(event)) return undefined;
    [snapshot] = transition(machine, snapshot, event);
  }
  return continueUntil(value) ? snapshot : undefined;
}

/**
 * The first reply a save's transcript chose that the scenario no longer has as it was then: its
 * decision or the reply gone (renamed or removed), or the reply with other feedback, assessments or
 * effects; else where it parts from the scenario replayed (partedOnTheWay: a route, a scene's effects), or the point where it waits (`value`), gone. Undefined when every reply is there so and it parts nowhere (a save that still does not fit is then damaged,
 * not outdated). A reply's effects are compared with what the save recorded of them from the save's
 * own values (`variables`, each turn's changes taken back to find the values before it), never with
 * a replay from the scenario's starting values: a save begun with other values (--set) records other
 * changes from the same effects, and that is keptStartValues' to tell.
 */
function changedUnder(scenario: Scenario, transcript: unknown[], variables: unknown, snap: { value: string; status: unknown }, machine: ScenarioMachine, input: SessionInput, startValues: Variables | undefined): Changed | undefined {
  const { value } = snap;
  const before = valuesBeforeEachTurn(transcript, variables);
  const declared = new Map((scenario.variables ?? []).map((v) => [v.id, v]));
  for (const [i, turn] of transcript.entries()) {
    // A turn short of what every save's turn holds is damaged, whatever the scenario says now.
    if (!isRecord(turn) || typeof turn.nodeId !== 'string' || typeof turn.replyId !== 'string' || typeof turn.feedback !== 'string' || !Array.isArray(turn.assessments)) return undefined;
    const at = { nodeId: turn.nodeId, replyId: turn.replyId };
    const node = scenario.nodes.find((n) => n.id === turn.nodeId);
    if (node?.kind !== 'decision') return { ...at, gone: 'decision' };
    const reply = node.replies.find((r) => r.id === turn.replyId);
    if (!reply) return { ...at, gone: 'reply' };
    if (reply.feedback !== turn.feedback) return { ...at, changed: 'its feedback' };
    const assessments = reply.assessments.map((a) => (a.weight === undefined ? { principle: a.principle, verdict: a.verdict } : { principle: a.principle, verdict: a.verdict, weight: a.weight }));
    if (JSON.stringify(assessments) !== JSON.stringify(turn.assessments)) return { ...at, changed: 'its scoring' };
    const values = before?.[i];
    const effects = values === undefined ? undefined : changedEffects(applyEffects(reply.effects, values, declared).changes, turn.changes as VariableChange[]);
    if (effects !== undefined) return { ...at, changed: `its effect on ${effects}` };
  }
  // Every reply as it was, but the point where the save waits (a decision, a scene) renamed or
  // removed since: the scenario changed too, not the save (it was "does not fit this scenario").
  // Only of a save whose every turn and value is whole: one short of them is damaged.
  if (before === undefined) return undefined;
  const waits = scenario.nodes.find((n) => n.id === value);
  const opening = before[0] ?? (variables as Variables);
  const start = { now: initialVariables(scenario.variables), saved: startValues, flags: new Set((scenario.variables ?? []).filter((v) => v.type === 'flag').map((v) => v.id)) };
  return (waits ? partedOnTheWay(machine, scenario.nodes.length, input, transcript as Turn[], snap, waits.kind === 'ending', opening, start) : undefined) ?? (waits ? undefined : { at: value, gone: 'wait' });
}

/**
 * Where a save whose every reply is as the scenario has it (changedUnder) parts from the scenario
 * now, replayed from the start: the way to its first decision (or to where it waits), whether each
 * reply is still offered, where it leads and what the scenes on the way change. Undefined when it
 * does not part so, or when the difference cannot be told from an edit of the save itself:
 * - The save keeps no record of the scenes before its first decision (a turn keeps the changes of the
 *   scenes after its reply). Values there unlike the scenario's are the scenario's doing only for a
 *   save that keeps the values it began with (`start.saved`, with its stamp: restoreSession comes here
 *   only when the scenario is not the one it was saved with): a starting value changed since, else
 *   what the scenes on the way there change. A save kept before those were cannot tell them from its
 *   own values edited (a `--set` playthrough read with others is told by keptStartValues).
 * - `opening`, the values at its first decision, are worked out from its values now and each turn's
 *   changes, each change checked against them (valuesBeforeEachTurn): a value edited by hand breaks
 *   that chain and never reaches here.
 * - A turn after a reply corroborates where that reply led (its decision and reply as the scenario
 *   has them); where the save waits is its word alone, taken when it agrees with the save's status
 *   (an ending only when finished).
 * A save edited consistently (its values and the changes recorded for its scenes alike) holds what an
 * honest save of the scenario as it was would: restoreSession calls it damaged where its stamp names
 * the scenario it is read with; else (another scenario, or a save kept before stamps) it reads here
 * as the scenario changed, as it must.
 */
function partedOnTheWay(machine: ScenarioMachine, nodes: number, input: SessionInput, transcript: readonly Turn[], snap: { value: string; status: unknown }, endsThere: boolean, opening: Variables, start: { now: Variables; saved: Variables | undefined; flags: ReadonlySet<string> }): Changed | undefined {
  let [snapshot] = initialTransition(machine, input);
  const continueUntil = (nodeId: string): boolean => {
    for (let i = 0; i <= nodes && snapshot.value !== nodeId; i++) {
      if (!snapshot.can({ type: 'scene.continue' })) return false;
      [snapshot] = transition(machine, snapshot, { type: 'scene.continue' });
    }
    return snapshot.value === nodeId;
  };
  // Where the save waits is its word alone: believed only when its status agrees with it.
  if (endsThere !== (snap.status === 'done')) return undefined;
  const first = transcript[0];
  if (!continueUntil(first?.nodeId ?? snap.value)) return { from: 'start', to: snap.value, ...(first ? { chose: first.replyId, to: first.nodeId } : {}) };
  if (!sameValues(snapshot.context.variables, opening)) {
    if (start.saved === undefined) return undefined;
    const starts = differing(start.now, start.saved);
    // A flag (held as 0 or 1) said as the scenario says it.
    const said = (v: string, n: number | undefined) => (n === undefined ? undefined : start.flags.has(v) ? String(n === 1) : String(n));
    if (starts.length > 0) return { starts: starts.map((v) => ({ var: v, now: said(v, valueOf(start.now, v)), was: said(v, valueOf(start.saved!, v)) })) };
    return { before: first?.nodeId ?? snap.value, first: first !== undefined, changes: namedList(differing(snapshot.context.variables, opening)) };
  }
  for (const [i, turn] of transcript.entries()) {
    const at = { nodeId: turn.nodeId, replyId: turn.replyId };
    const event = { type: 'reply.choose' as const, replyId: turn.replyId };
    if (!snapshot.can(event)) return { ...at, changed: 'when it is offered' };
    [snapshot] = transition(machine, snapshot, event);
    const next = transcript[i + 1];
    if (!continueUntil(next?.nodeId ?? snap.value)) return { ...at, leads: next?.nodeId ?? snap.value, ...(next ? { chose: next.replyId } : {}) };
    const scenes = changedEffects(snapshot.context.transcript[i]?.sceneChanges ?? [], turn.sceneChanges ?? []);
    if (scenes !== undefined) return { ...at, scenes };
  }
  return undefined;
}

/** Whether two sets of values hold the same variables at the same values. */
function sameValues(a: Variables, b: Variables): boolean {
  return differing(a, b).length === 0;
}

/** The variables two sets of values hold otherwise (one without it, or at another value), in the order first met. */
function differing(a: Variables, b: Variables): string[] {
  const ids = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...ids].filter((id) => valueOf(a, id) === undefined || valueOf(a, id) !== valueOf(b, id));
}

/** The variables (quoted, listed) whose change a reply's effects make now otherwise than the save recorded; undefined when none. */
function changedEffects(now: readonly VariableChange[], recorded: readonly VariableChange[]): string | undefined {
  const key = (c: VariableChange | undefined) => (c === undefined ? '' : `${c.from}>${c.to}`);
  const vars = [...new Set([...now, ...recorded].map((c) => c.var))].filter((v) => key(now.find((c) => c.var === v)) !== key(recorded.find((c) => c.var === v)));
  return vars.length === 0 ? undefined : namedList(vars);
}

/** Variables named in a list: "a", "a and b", "a, b and c", "a, b, c and 2 more". */
function namedList(vars: readonly string[]): string {
  const named = vars.slice(0, 3).map((v) => quoteValue(v, 40));
  return vars.length > 3 ? `${named.join(', ')} and ${vars.length - 3} more` : named.length === 1 ? `${named[0]}` : `${named.slice(0, -1).join(', ')} and ${named.at(-1)}`;
}

/**
 * A save's values as each of its turns began: its values now, with every later turn's changes (its
 * scenes', then its reply's: each says what it changed from) taken back. Undefined when the save does
 * not hold them so (its values or a turn's changes malformed: then damaged, never outdated).
 */
function valuesBeforeEachTurn(transcript: unknown[], variables: unknown): Variables[] | undefined {
  if (!isRecord(variables)) return undefined;
  const values: Variables = {};
  for (const [id, v] of Object.entries(variables)) {
    if (typeof v !== 'number') return undefined;
    values[id] = v;
  }
  const isChange = (c: unknown): c is VariableChange => isRecord(c) && typeof c.var === 'string' && typeof c.from === 'number' && typeof c.to === 'number';
  const out: Variables[] = [];
  for (const turn of [...transcript].reverse()) {
    if (!isRecord(turn) || !Array.isArray(turn.changes)) return undefined;
    for (const changes of [turn.sceneChanges ?? [], turn.changes]) {
      if (!Array.isArray(changes) || !changes.every(isChange)) return undefined;
      // Each change ends where the next (or the values now) begin: a value edited by hand, or a
      // change, breaks that chain, and the save is damaged whatever the scenario says.
      for (const c of [...changes].reverse()) {
        if (valueOf(values, c.var) !== c.to) return undefined;
        values[c.var] = c.from;
      }
    }
    out.unshift({ ...values });
  }
  return out;
}

/**
 * What changed under a save (changedUnder): its decision, its reply or the point where it waits
 * gone, or what of the reply changed; or (partedOnTheWay) the way from the start to its first
 * decision (`from`: `to`, where it chose `chose`), where a reply now leads (`leads`: the decision it
 * went on to, where it chose `chose`, or where it waits), or what the scenes after it now change.
 */
type Changed =
  | { nodeId: string; replyId: string; gone: 'decision' | 'reply' }
  | { nodeId: string; replyId: string; changed: string }
  | { at: string; gone: 'wait' }
  | { from: 'start'; to: string; chose?: string }
  | { nodeId: string; replyId: string; leads: string; chose?: string }
  | { nodeId: string; replyId: string; scenes: string }
  // Before its first decision (`first`: the save has made a reply; else `before` is where it waits):
  // a variable's starting value (now: undefined, removed; was: undefined, added), or what the scenes change.
  | { starts: { var: string; now: string | undefined; was: string | undefined }[] }
  | { before: string; first: boolean; changes: string };

/** Why a save of a scenario changed since under the same version cannot carry on (restoreSession). */
function changedScenarioWords(scenario: Pick<Scenario, 'id' | 'version'>, changed: Changed): string {
  return `This save was made before the scenario "${scenario.id}" was changed (${whatChanged(changed)}), and the scenario still says version ${scenario.version}, so the save cannot carry on. Whoever changes the story raises its "version", so that such a save is known as outdated.`;
}

/** What changed under a save, in a few words (RestoreResult's `changed`). */
function whatChanged(changed: Changed): string {
  const reached = (to: string, chose: string | undefined) => `${quoteValue(to, 80)}, ${chose === undefined ? 'the step it had reached' : `where it chose ${quoteValue(chose, 80)}`}`;
  const after = (c: { nodeId: string; replyId: string }) => `after the reply ${quoteValue(c.replyId, 80)} it chose at ${quoteValue(c.nodeId, 80)}`;
  const what = 'starts' in changed
    ? startsWords(changed.starts)
    : 'before' in changed
      ? `the scenes before ${changed.first ? `its first decision, ${quoteValue(changed.before, 80)},` : `${quoteValue(changed.before, 80)}, the step it had reached,`} now change ${changed.changes} otherwise`
    : 'at' in changed
    ? `${quoteValue(changed.at, 80)}, the step it had reached, is no longer there`
    : 'from' in changed
      ? `the story no longer leads from its start to ${reached(changed.to, changed.chose)}`
    : 'leads' in changed
      ? `${after(changed)}, the story no longer leads to ${reached(changed.leads, changed.chose)}`
    : 'scenes' in changed
      ? `${after(changed)}, the scenes now change ${changed.scenes} otherwise`
    : 'changed' in changed
      ? `the reply ${quoteValue(changed.replyId, 80)} it chose at ${quoteValue(changed.nodeId, 80)} has changed (${changed.changed})`
      : changed.gone === 'decision'
        ? `the decision ${quoteValue(changed.nodeId, 80)} where it chose ${quoteValue(changed.replyId, 80)} is no longer there`
        : `the reply ${quoteValue(changed.replyId, 80)} it chose at ${quoteValue(changed.nodeId, 80)} is no longer there`;
  return what;
}

/** A starting value changed (whatChanged): one named with what it was and is, several by name. */
function startsWords(starts: readonly { var: string; now: string | undefined; was: string | undefined }[]): string {
  const [one] = starts;
  if (starts.length > 1 || one === undefined) return `the starting values of ${namedList(starts.map((s) => s.var))} have changed`;
  const name = `the variable ${quoteValue(one.var, 40)}`;
  if (one.now === undefined) return `${name} is no longer there`;
  if (one.was === undefined) return `${name} was added`;
  return `${name} now starts at ${one.now}, where the save began at ${one.was}`;
}

/**
 * The session at the decision whose reply ended it: the ending's snapshot with that last reply taken
 * back, as `decision.undo` takes back a reply anywhere before an ending (an ending is a final state,
 * so the machine itself takes no event there). The transcript without its last turn is replayed
 * from the start, as `restoreSession` replays a save, so the values and the order of replies are
 * exactly as they were at that decision. Undefined when the session has not reached an ending, is
 * in assessment mode (no undo there), or has no reply to take back.
 */
export function undoEnding(scenario: Scenario, persisted: unknown, machine: ScenarioMachine = compileScenario(scenario)): PersistedScenarioSnapshot | undefined {
  if (!isRecord(persisted) || persisted.status !== 'done' || !isRecord(persisted.context)) return undefined;
  const context = persisted.context as Partial<SessionContext>;
  if (context.mode !== 'practice' || !Array.isArray(context.transcript)) return undefined;
  const last: unknown = context.transcript.at(-1);
  if (!isRecord(last) || typeof last.nodeId !== 'string') return undefined;
  const seed: unknown = context.seed;
  try {
    const back = replay(machine, scenario.nodes.length, isSeed(seed) ? { mode: 'practice', seed } : { mode: 'practice' }, context.transcript.slice(0, -1), last.nodeId);
    return back && back.status === 'active' ? machine.getPersistedSnapshot(back) : undefined;
  } catch {
    return undefined;
  }
}
