import { decisionSetup, startSession, selectView, type PersistedScenarioSnapshot, type Scenario } from '../../src/machines/index.js';

/**
 * A save at each decision of `scenario` with no words of its own and a setup (decisionSetup),
 * reached by trying each reply in turn from the start (one save per decision, the first path found),
 * in the order they are found. Sessions use seed 7, so a decision's replies come in one order.
 */
export function setupSaves(scenario: Scenario): Map<string, PersistedScenarioSnapshot> {
  const found = new Map<string, PersistedScenarioSnapshot>();
  const seen = new Set<string>();
  const walk = (snapshot: PersistedScenarioSnapshot | undefined): void => {
    const actor = startSession(scenario, 'practice', snapshot, 7);
    while (actor.getSnapshot().can({ type: 'scene.continue' })) actor.send({ type: 'scene.continue' });
    const view = selectView(scenario, actor.getSnapshot());
    if (view.kind !== 'decision' || seen.has(view.nodeId)) return;
    seen.add(view.nodeId);
    const here = actor.getPersistedSnapshot() as PersistedScenarioSnapshot;
    if (decisionSetup(scenario, here).length > 0) found.set(view.nodeId, here);
    for (const r of view.replies.filter((x) => x.enabled)) {
      const next = startSession(scenario, 'practice', here);
      next.send({ type: 'reply.choose', replyId: r.id });
      walk(next.getPersistedSnapshot() as PersistedScenarioSnapshot);
    }
  };
  walk(undefined);
  return found;
}
