import { initialTransition, transition } from 'xstate';
import { compileScenario } from './compile.js';
import type { PersistedScenarioSnapshot } from './session.js';
import type { Scenario } from './schema/scenario.js';
import type { SessionMode, Turn } from './types.js';

/**
 * "What if": a session back at an earlier decision of a playthrough, with the replies before it
 * kept, so a volunteer can try another reply there (the debrief's replay from any decision). The
 * turns are replayed through the machine with the playthrough's mode and seed, so values, scenes
 * and the order of replies are exactly as they were. Undefined when the turns do not fit the
 * scenario (then the UI offers a fresh start).
 */
export function whatIfFrom(scenario: Scenario, played: { mode: SessionMode; seed?: number; transcript: readonly Turn[] }, decision: number): PersistedScenarioSnapshot | undefined {
  const machine = compileScenario(scenario);
  const input = played.seed === undefined ? { mode: played.mode } : { mode: played.mode, seed: played.seed };
  let [snapshot] = initialTransition(machine, input);
  const limit = scenario.nodes.length + 1;
  const continueUntil = (nodeId: string): boolean => {
    for (let i = 0; i < limit && snapshot.value !== nodeId; i++) {
      if (!snapshot.can({ type: 'scene.continue' })) return false;
      [snapshot] = transition(machine, snapshot, { type: 'scene.continue' });
    }
    return snapshot.value === nodeId;
  };
  const turns = played.transcript.slice(0, decision + 1);
  if (decision < 0 || turns.length !== decision + 1) return undefined;
  for (const [i, turn] of turns.entries()) {
    if (!continueUntil(turn.nodeId)) return undefined;
    if (i === decision) return machine.getPersistedSnapshot(snapshot) as PersistedScenarioSnapshot;
    const event = { type: 'reply.choose' as const, replyId: turn.replyId };
    if (!snapshot.can(event)) return undefined;
    [snapshot] = transition(machine, snapshot, event);
  }
  return undefined;
}
