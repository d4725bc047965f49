import { createActor } from 'xstate';
import { compileScenario } from '../machines/compile.js';
import type { Scenario } from '../machines/schema/scenario.js';
import type { SessionMode } from '../machines/types.js';

/** Starts a scenario's machine, fresh or from a snapshot restoreSession proved sound. */
export function startSession(scenario: Scenario, mode: SessionMode, snapshot?: unknown) {
  const machine = compileScenario(scenario);
  const actor = snapshot === undefined
    ? createActor(machine, { input: { mode } })
    : createActor(machine, { input: { mode }, snapshot: snapshot as never });
  actor.start();
  return actor;
}

/** A running session. */
export type SessionActor = ReturnType<typeof startSession>;
