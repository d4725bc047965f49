import { applyEffects, initialVariables, whenHolds, type Variables } from '../../src/machines/conditions.js';
import { indexScenario, replyValue, routesOf } from '../../src/machines/scenario-index.js';
import type { Scenario } from '../../src/machines/schema/scenario.js';

/** Plays a scenario by always picking the reply `pick` prefers among those available. */
export function walkGreedy(scenario: Scenario, pick: (a: number, b: number) => boolean) {
  const index = indexScenario(scenario);
  let variables: Variables = initialVariables(scenario.variables);
  const steps: { nodeId: string; replyId: string; value: number }[] = [];
  let node = index.nodes.get(scenario.start);
  while (node && node.kind !== 'ending') {
    if (node.kind === 'scene') {
      const vars = variables;
      node = index.nodes.get(routesOf(node.next).find((r) => whenHolds(r.when, vars))?.to ?? '');
      continue;
    }
    const available = node.replies.filter((r) => whenHolds(r.when, variables));
    let chosen = available[0];
    for (const r of available) if (chosen && pick(replyValue(r), replyValue(chosen))) chosen = r;
    if (!chosen) break;
    steps.push({ nodeId: node.id, replyId: chosen.id, value: replyValue(chosen) });
    variables = applyEffects(chosen.effects, variables, index.variables).variables;
    const vars = variables;
    node = index.nodes.get(routesOf(chosen.next).find((r) => whenHolds(r.when, vars))?.to ?? '');
  }
  return { steps, endingId: node?.id, endingKind: node?.kind === 'ending' ? node.ending : undefined };
}

// The fewest decisions on a playthrough is a house rule the core's audit checks; tests read it from there.
export { minDecisionsOnAnyPath } from '../../src/machines/audit/house-rules.js';

// Decisions whose replies lead to more than one distinct next node (real branching): a house rule the audit checks too.
export { branchingDecisions } from '../../src/machines/audit/house-rules.js';

/** Whether some route depends on a variable (trust changes what happens next). */
export function hasConditionalRouting(scenario: Scenario): boolean {
  return scenario.nodes.some((n) =>
    (n.kind === 'scene' && routesOf(n.next).some((r) => r.when)) ||
    (n.kind === 'decision' && n.replies.some((r) => r.when || routesOf(r.next).some((x) => x.when))));
}
