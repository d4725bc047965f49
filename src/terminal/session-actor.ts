import { createActor } from 'xstate';
import { compileScenario } from '../machines/compile.js';
import type { Scenario } from '../machines/schema/scenario.js';
import { actorOptions, type PersistedScenarioSnapshot } from '../machines/session.js';
import type { SessionMode } from '../machines/types.js';

/** Starts a scenario's machine, fresh or from a snapshot restoreSession proved sound. */
export function startSession(scenario: Scenario, mode: SessionMode, snapshot?: PersistedScenarioSnapshot) {
  const actor = createActor(compileScenario(scenario), actorOptions(scenario, { mode, snapshot }));
  actor.start();
  return actor;
}

/** A running session. */
export type SessionActor = ReturnType<typeof startSession>;
