import { createActor } from 'xstate';
import { compileScenario } from './compile.js';
import { actorOptions, type PersistedScenarioSnapshot } from './session.js';
import { specOf } from './conditions.js';
import type { Scenario, Variable } from './schema/scenario.js';
import { closest, didYouMean, didYouMeanOf } from './validate/problem.js';
import { quoteValue } from './text/quote.js';
import type { SessionMode } from './types.js';

/** A scenario ready to play, with where it came from (saves refer back to it). */
export interface PlayableScenario {
  scenario: Scenario;
  /** Where the UI found it: a file path in the terminal. */
  file: string;
  /**
   * True for a scenario that ships with the app: its saves name it by id (and version), so moving
   * the app folder keeps them usable. A trainer's own file is saved by its path, and a file with
   * the same id as a bundled scenario gets a save slot of its own.
   */
  bundled?: boolean;
  /** The node a `--from` playthrough starts at. */
  from?: string;
  /** Starting values an author gave (`--set trust=70`), as typed: variable id → value. */
  set?: Readonly<Record<string, string>>;
  /**
   * An author's test of a whole file (`--preview`), as the web app's Preview plays one: never added
   * to the records, and saved in a slot of its own (never over a volunteer's save of the same file).
   */
  preview?: true;
}

/**
 * Starting values for an author's test, as typed ("70", "true"), checked against the declared
 * variables: whole numbers within the range, yes/no flags as true/false (or yes/no). Returns the
 * scenario with those variables' `start` changed, or the first problem in words.
 */
function withValues(scenario: Scenario, values: Readonly<Record<string, string>>): { ok: true; scenario: Scenario } | { ok: false; error: string } {
  const declared = scenario.variables ?? [];
  const starts = new Map<string, number | boolean>();
  for (const [id, text] of Object.entries(values)) {
    const v = declared.find((d) => d.id === id);
    if (!v) {
      const ids = declared.map((d) => d.id);
      return { ok: false, error: `--set: "${scenario.id}" has no variable ${quoteValue(id)}.${didYouMean(id, ids)}${ids.length > 0 ? ` (variables: ${ids.join(', ')})` : ' It declares no variables.'}` };
    }
    const word = text.trim().toLowerCase();
    if (v.type === 'flag') {
      if (!['true', 'false', 'yes', 'no'].includes(word)) return { ok: false, error: `--set: "${id}" is a yes/no flag; give ${id}=true or ${id}=false, not ${quoteValue(text)}` };
      starts.set(id, word === 'true' || word === 'yes');
      continue;
    }
    const spec = specOf(v);
    if (!/^-?\d+$/.test(word) || !Number.isSafeInteger(Number(word))) return { ok: false, error: `--set: "${id}" takes a whole number from ${spec.min} to ${spec.max}, not ${quoteValue(text)}` };
    const n = Number(word);
    if (n < spec.min || n > spec.max) return { ok: false, error: `--set: "${id}" takes a whole number from ${spec.min} to ${spec.max}, not ${n}` };
    starts.set(id, n);
  }
  if (starts.size === 0) return { ok: true, scenario };
  return { ok: true, scenario: { ...scenario, variables: declared.map((v) => (starts.has(v.id) ? ({ ...v, start: starts.get(v.id) } as Variable) : v)) } };
}

// The start a scenario moved by startingAt had in its file, by the moved scenario (see ownStart).
const ownStarts = new WeakMap<Scenario, string>();

/**
 * The start a scenario has in its file, when startingAt moved it (an author's `--from`): the story
 * before the node played from is still the story, and who's who lists the people it named on the
 * way there (see peopleMet). Undefined for a scenario that starts where its file does.
 */
export function ownStart(scenario: Scenario): string | undefined {
  return ownStarts.get(scenario);
}

// The variables a scenario moved by startingAt declares in its file, by the moved scenario (see ownVariables).
const ownDeclared = new WeakMap<Scenario, Scenario['variables']>();

/**
 * The variables as a scenario moved by startingAt declares them in its file, their own starting
 * values (not those --set gives at the node played from): a playthrough from the file's own start
 * begins with these (see peopleMet's way there). Undefined for a scenario that starts where its file does.
 */
export function ownVariables(scenario: Scenario): Scenario['variables'] | undefined {
  return ownStarts.has(scenario) ? ownDeclared.get(scenario) : undefined;
}

/**
 * The scenario as the machine should see it when an author starts at a later node: the same
 * scenario with `start` moved, and the variables an author set (`--set trust=70`, checked against
 * their ranges and types) starting at those values instead of their declared ones. The same object
 * comes back when nothing changes, so a memoised compile is reused.
 */
export function startingAt(scenario: Scenario, from: string | undefined, values?: Readonly<Record<string, string>>): { ok: true; scenario: Scenario } | { ok: false; error: string } {
  if (values !== undefined && Object.keys(values).length > 0) {
    const set = withValues(scenario, values);
    if (!set.ok) return set;
    const moved = startingAt(scenario, from);
    if (!moved.ok) return moved;
    const both = { ...moved.scenario, variables: set.scenario.variables };
    if (moved.scenario !== scenario) {
      ownStarts.set(both, scenario.start);
      ownDeclared.set(both, ownDeclared.get(moved.scenario) ?? scenario.variables);
    }
    return { ok: true, scenario: both };
  }
  if (from === undefined || from === scenario.start) return { ok: true, scenario };
  const node = scenario.nodes.find((n) => n.id === from);
  // Only a scene or a decision can be started at: those are the ones named and suggested.
  const ids = scenario.nodes.filter((n) => n.kind !== 'ending').map((n) => n.id);
  const shown = ids.slice(0, 12).join(', ') + (ids.length > 12 ? ', …' : '');
  if (!node) return { ok: false, error: `--from: "${scenario.id}" has no node ${quoteValue(from)}.${didYouMeanOf(closest(from, ids) ?? sameStem(from, ids))} (scenes and decisions: ${shown})` };
  if (node.kind === 'ending') return { ok: false, error: `--from: ${quoteValue(from)} is an ending; start at a scene or decision (${shown})` };
  const moved = { ...scenario, start: from };
  ownStarts.set(moved, ownStart(scenario) ?? scenario.start);
  ownDeclared.set(moved, ownStarts.has(scenario) ? ownDeclared.get(scenario) : scenario.variables);
  return { ok: true, scenario: moved };
}

/**
 * The one scene or decision whose id begins as `from` does, up to its first hyphen, when none is
 * close enough to be a typo of it: "d2-nxt" (or "d2") is "d2-next-time" (or "d2-cares"), the
 * decision the author numbered 2, though too many letters differ for an edit-distance guess.
 */
function sameStem(from: string, ids: readonly string[]): string | undefined {
  // "d2" alone too: the number without the rest of the id.
  const dash = from.indexOf('-');
  if (dash === 0 || from === '') return undefined;
  const stem = (dash < 0 ? `${from}-` : from.slice(0, dash + 1)).toLowerCase();
  const found = ids.filter((id) => id.toLowerCase().startsWith(stem));
  return found.length === 1 ? found[0] : undefined;
}

/**
 * Starts a scenario's machine, fresh or from a snapshot that restoreSession proved sound. A fresh
 * session takes `seed`, the playthrough's seed for the order of replies, which the UI draws (e.g.
 * `crypto.getRandomValues(new Uint32Array(1))[0]`); without one replies keep the file's order. A
 * restored session keeps the seed in its snapshot.
 */
export function startSession(scenario: Scenario, mode: SessionMode, snapshot?: PersistedScenarioSnapshot, seed?: number) {
  const actor = createActor(compileScenario(scenario), actorOptions(scenario, { mode, snapshot, seed }));
  actor.start();
  return actor;
}

/** A trainer-led session: always practice mode, since the room discusses every reply's feedback. */
export function startFacilitation(scenario: Scenario, seed?: number) {
  return startSession(scenario, 'practice', undefined, seed);
}

/** A running session. */
export type SessionActor = ReturnType<typeof startSession>;
