import { createActor } from 'xstate';
import { compileScenario } from './compile.js';
import { actorOptions, type PersistedScenarioSnapshot } from './session.js';
import type { Scenario } from './schema/scenario.js';
import type { SessionMode } from './types.js';

/** A scenario ready to play, with where it came from (saves refer back to it). */
export interface PlayableScenario {
  scenario: Scenario;
  /** Where the UI found it: a file path in the terminal. */
  file: string;
  /** The node a `--from` playthrough starts at. */
  from?: string;
}

/**
 * The scenario as the machine should see it when an author starts at a later node: the same
 * scenario with `start` moved (variables keep their declared defaults). The same object comes
 * back when nothing moves, so a memoised compile is reused.
 */
export function startingAt(scenario: Scenario, from: string | undefined): { ok: true; scenario: Scenario } | { ok: false; error: string } {
  if (from === undefined || from === scenario.start) return { ok: true, scenario };
  const node = scenario.nodes.find((n) => n.id === from);
  if (!node) {
    const ids = scenario.nodes.map((n) => n.id);
    const shown = ids.slice(0, 12).join(', ') + (ids.length > 12 ? ', …' : '');
    return { ok: false, error: `--from: "${scenario.id}" has no node "${from}" (nodes: ${shown})` };
  }
  if (node.kind === 'ending') return { ok: false, error: `--from: "${from}" is an ending; start at a scene or decision` };
  return { ok: true, scenario: { ...scenario, start: from } };
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
