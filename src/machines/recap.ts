import { initialTransition, transition } from 'xstate';
import { compileScenario } from './compile.js';
import { indexScenario } from './scenario-index.js';
import type { Scenario } from './schema/scenario.js';
import type { LineView } from './selectors.js';
import type { PersistedScenarioSnapshot } from './session.js';
import { cleanDeep } from './text/clean.js';
import type { SessionContext } from './types.js';

/** One scene passed on the way to where a session stopped. */
export interface RecapMoment {
  title?: string;
  narration?: string;
  lines: LineView[];
}

/** What set up the moment a resumed session opens on. */
export interface Recap {
  /** The reply that led here (absent before the first decision). */
  lastReply?: string;
  /** The scenes passed since that reply (or since the start), in order; the current node is not among them. */
  scenes: RecapMoment[];
}

/**
 * The story just before a saved session's current node: the last reply and the scenes passed
 * since, replayed through the scenario's machine (scenes route on the variables of the moment).
 * A resumed session shows this first, so a decision never opens bare. Empty when nothing led there.
 */
export function resumeRecap(scenario: Scenario, snapshot: PersistedScenarioSnapshot): Recap {
  const machine = compileScenario(scenario);
  const index = indexScenario(scenario);
  const persisted = snapshot as unknown as { value: unknown; context: SessionContext };
  const context = persisted.context;
  const target = String(persisted.value);
  let [state] = initialTransition(machine, { mode: context.mode, ...(context.seed !== undefined ? { seed: context.seed } : {}) });
  const limit = scenario.nodes.length + 1;
  let passed: string[] = [];
  const continueUntil = (nodeId: string): boolean => {
    for (let i = 0; i < limit && state.value !== nodeId; i++) {
      if (!state.can({ type: 'scene.continue' })) return false;
      passed.push(String(state.value));
      [state] = transition(machine, state, { type: 'scene.continue' });
    }
    return state.value === nodeId;
  };
  for (const turn of context.transcript) {
    if (!continueUntil(turn.nodeId)) return { scenes: [] };
    [state] = transition(machine, state, { type: 'reply.choose', replyId: turn.replyId });
    passed = [];
  }
  if (!continueUntil(target)) return { scenes: [] };
  const characters = new Map(scenario.characters.map((c) => [c.id, c]));
  const last = context.transcript[context.transcript.length - 1];
  const scenes = passed.flatMap((id): RecapMoment[] => {
    const node = index.nodes.get(id);
    if (!node || node.kind !== 'scene') return [];
    return [{
      title: node.title,
      narration: node.narration,
      lines: (node.lines ?? []).map((l) => ({ speaker: characters.get(l.character)?.name ?? l.character, role: characters.get(l.character)?.role ?? '', text: l.text })),
    }];
  });
  return cleanDeep({ ...(last ? { lastReply: index.replies.get(last.replyId)?.reply.text ?? last.replyId } : {}), scenes });
}
