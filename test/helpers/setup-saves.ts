import { decisionSetup, startSession, selectView, type PersistedScenarioSnapshot, type Scenario } from '../../src/machines/index.js';

/**
 * A save at each decision of `scenario` the story can reach, on the first path that reaches it
 * (each reply tried in turn from the start, depth first), in the order they are found. `seed` is
 * the session's (it orders a decision's replies); the default is startSession's.
 */
export function firstPathSaves(scenario: Scenario, seed?: number): Map<string, PersistedScenarioSnapshot> {
  const found = new Map<string, PersistedScenarioSnapshot>();
  const walk = (snapshot: PersistedScenarioSnapshot | undefined): void => {
    const actor = startSession(scenario, 'practice', snapshot, seed);
    while (actor.getSnapshot().can({ type: 'scene.continue' })) actor.send({ type: 'scene.continue' });
    const view = selectView(scenario, actor.getSnapshot());
    if (view.kind !== 'decision' || found.has(view.nodeId)) return;
    const here = actor.getPersistedSnapshot() as PersistedScenarioSnapshot;
    found.set(view.nodeId, here);
    for (const r of view.replies.filter((x) => x.enabled)) {
      const next = startSession(scenario, 'practice', here);
      next.send({ type: 'reply.choose', replyId: r.id });
      walk(next.getPersistedSnapshot() as PersistedScenarioSnapshot);
    }
  };
  walk(undefined);
  return found;
}

/**
 * A save at each decision of `scenario` with no words of its own and a setup (decisionSetup), on
 * the first path that reaches it (firstPathSaves, seed 7).
 */
export function setupSaves(scenario: Scenario): Map<string, PersistedScenarioSnapshot> {
  return new Map([...firstPathSaves(scenario, 7)].filter(([, save]) => decisionSetup(scenario, save).length > 0));
}
