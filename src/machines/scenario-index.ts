import type { Assessment, DecisionNode, Next, Reply, Route, Scenario, ScenarioNode, Variable } from './schema/scenario.js';

/** Fast lookups over a validated scenario, built once and shared by the compiler, scoring and UIs. */
export interface ScenarioIndex {
  scenario: Scenario;
  nodes: ReadonlyMap<string, ScenarioNode>;
  /** Each reply with the decision it belongs to. */
  replies: ReadonlyMap<string, { node: DecisionNode; reply: Reply }>;
  variables: ReadonlyMap<string, Variable>;
}

const cache = new WeakMap<Scenario, ScenarioIndex>();

/** Builds (or reuses) the lookups for a scenario. */
export function indexScenario(scenario: Scenario): ScenarioIndex {
  const cached = cache.get(scenario);
  if (cached) return cached;
  const nodes = new Map<string, ScenarioNode>();
  for (const node of scenario.nodes) if (!nodes.has(node.id)) nodes.set(node.id, node);
  const variables = new Map((scenario.variables ?? []).map((v) => [v.id, v] as const));
  // The replies are looked up by a playthrough, a debrief or a compiled machine, not by the
  // validator of a valid file: made when first asked for.
  let replies: Map<string, { node: DecisionNode; reply: Reply }> | undefined;
  const index: ScenarioIndex = {
    scenario, nodes, variables,
    get replies() {
      if (!replies) {
        replies = new Map();
        for (const node of scenario.nodes) {
          if (node.kind !== 'decision') continue;
          for (const reply of node.replies) if (!replies.has(reply.id)) replies.set(reply.id, { node, reply });
        }
      }
      return replies;
    },
  };
  cache.set(scenario, index);
  return index;
}

/** The routes of a `next`: a plain id is one unconditional route. */
export function routesOf(next: Next): Route[] {
  return typeof next === 'string' ? [{ to: next }] : next;
}

/** The weights followed minus the weights violated. */
export function assessmentsValue(assessments: readonly Assessment[]): number {
  let value = 0;
  for (const a of assessments) value += (a.verdict === 'follows' ? 1 : -1) * (a.weight ?? 1);
  return value;
}

/** The value of a reply: the weights it follows minus the weights it violates. */
export function replyValue(reply: Reply): number {
  return assessmentsValue(reply.assessments);
}

/** Every node id a node can lead to, ignoring conditions (duplicates removed). */
export function successorsOf(node: ScenarioNode): string[] {
  if (node.kind === 'ending') return [];
  const out: string[] = [];
  // Called for every node of every scenario checked: plain arrays, no per-call Set.
  const add = (next: Next) => {
    if (typeof next === 'string') {
      if (!out.includes(next)) out.push(next);
    } else for (const r of next) if (!out.includes(r.to)) out.push(r.to);
  };
  if (node.kind === 'scene') add(node.next);
  else for (const reply of node.replies) add(reply.next);
  return out;
}
