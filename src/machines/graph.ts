import { indexScenario, successorsOf } from './scenario-index.js';
import type { Scenario, ScenarioNode } from './schema/scenario.js';

/** What the shape of a scenario's graph allows, computed in time linear in its size. */
export interface GraphAnalysis {
  /** Node ids reachable from the start. */
  reachable: Set<string>;
  /** Reachable node ids in topological order (every edge goes forward); complete only when `cyclic` is empty. */
  order: string[];
  /** Reachable node ids that lie on a cycle, or after one, so they could not be ordered. */
  cyclic: string[];
  /** Reachable node ids from which no ending can be reached. */
  deadEnds: string[];
  /** Each group of nodes that loop back on one another, as a closed walk "a → b → a". */
  loops: string[][];
}

/** Reachability, topological order, cycles and dead ends of the graph that starts at `start`. */
export function analyseGraph(nodes: ReadonlyMap<string, ScenarioNode>, start: string): GraphAnalysis {
  const successors = new Map<string, string[]>();
  const reachable = new Set<string>();
  if (nodes.has(start)) {
    const stack = [start];
    reachable.add(start);
    while (stack.length) {
      const id = stack.pop() as string;
      const next = successorsOf(nodes.get(id) as ScenarioNode).filter((t) => nodes.has(t));
      successors.set(id, next);
      for (const t of next) if (!reachable.has(t)) { reachable.add(t); stack.push(t); }
    }
  }
  // Kahn's algorithm: whatever cannot be ordered lies on (or only after) a cycle.
  const indegree = new Map<string, number>();
  for (const id of reachable) indegree.set(id, 0);
  for (const id of reachable) for (const t of successors.get(id) ?? []) indegree.set(t, (indegree.get(t) ?? 0) + 1);
  const order: string[] = [];
  const queue = [...reachable].filter((id) => indegree.get(id) === 0);
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i] as string;
    order.push(id);
    for (const t of successors.get(id) ?? []) {
      const d = (indegree.get(t) ?? 0) - 1;
      indegree.set(t, d);
      if (d === 0) queue.push(t);
    }
  }
  const ordered = new Set(order);
  const cyclic = [...reachable].filter((id) => !ordered.has(id));
  // Backwards from the endings: whoever is not reached can never finish.
  const predecessors = new Map<string, string[]>();
  for (const id of reachable) for (const t of successors.get(id) ?? []) {
    const list = predecessors.get(t);
    if (list) list.push(id); else predecessors.set(t, [id]);
  }
  const canFinish = new Set<string>();
  const back = [...reachable].filter((id) => nodes.get(id)?.kind === 'ending');
  for (const id of back) canFinish.add(id);
  while (back.length) {
    const id = back.pop() as string;
    for (const p of predecessors.get(id) ?? []) if (!canFinish.has(p)) { canFinish.add(p); back.push(p); }
  }
  const deadEnds = [...reachable].filter((id) => !canFinish.has(id));
  const loops = cyclic.length === 0 ? [] : findLoops(cyclic, successors);
  return { reachable, order, cyclic, deadEnds, loops };
}

/** Strongly connected groups (iterative Tarjan, linear) that contain a loop, each as a closed walk. */
function findLoops(candidates: string[], successors: ReadonlyMap<string, string[]>): string[][] {
  const pool = new Set(candidates);
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const loops: string[][] = [];
  let counter = 0;
  for (const root of candidates) {
    if (indexOf.has(root)) continue;
    const work: [string, number][] = [[root, 0]];
    while (work.length) {
      const frame = work[work.length - 1] as [string, number];
      const [id, i] = frame;
      if (i === 0 && !indexOf.has(id)) {
        indexOf.set(id, counter);
        low.set(id, counter++);
        stack.push(id);
        onStack.add(id);
      }
      const next = (successors.get(id) ?? []).filter((t) => pool.has(t));
      if (i < next.length) {
        frame[1] = i + 1;
        const t = next[i] as string;
        if (!indexOf.has(t)) work.push([t, 0]);
        else if (onStack.has(t)) low.set(id, Math.min(low.get(id) as number, indexOf.get(t) as number));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent[0], Math.min(low.get(parent[0]) as number, low.get(id) as number));
      if (low.get(id) !== indexOf.get(id)) continue;
      const members = new Set<string>();
      for (;;) {
        const m = stack.pop() as string;
        onStack.delete(m);
        members.add(m);
        if (m === id) break;
      }
      const selfLoop = (successors.get(id) ?? []).includes(id);
      if (members.size > 1 || selfLoop) loops.push(closedWalk(id, members, successors));
    }
  }
  return loops;
}

function closedWalk(start: string, members: Set<string>, successors: ReadonlyMap<string, string[]>): string[] {
  const walk: string[] = [];
  const seen = new Map<string, number>();
  let id = start;
  while (!seen.has(id)) {
    seen.set(id, walk.length);
    walk.push(id);
    id = (successors.get(id) ?? []).find((t) => members.has(t)) as string;
  }
  return [...walk.slice(seen.get(id)), id];
}

const graphs = new WeakMap<Scenario, GraphAnalysis>();

/** The graph analysis of a whole scenario, computed once per scenario object. */
export function scenarioGraph(scenario: Scenario): GraphAnalysis {
  let graph = graphs.get(scenario);
  if (!graph) {
    graph = analyseGraph(indexScenario(scenario).nodes, scenario.start);
    graphs.set(scenario, graph);
  }
  return graph;
}
