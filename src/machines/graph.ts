import { indexScenario } from './scenario-index.js';
import type { Next, Scenario, ScenarioNode } from './schema/scenario.js';

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

/**
 * Reachability, topological order, cycles and dead ends of the graph that starts at `start`.
 * Nodes are numbered and every table is a typed array, so the work is a few linear passes with
 * almost no garbage; the results (and their order) are those of the plain Map/Set algorithm.
 */
export function analyseGraph(nodes: ReadonlyMap<string, ScenarioNode>, start: string): GraphAnalysis {
  const ids: string[] = [];
  const list: ScenarioNode[] = [];
  const number = new Map<string, number>();
  for (const [id, node] of nodes) {
    number.set(id, ids.length);
    ids.push(id);
    list.push(node);
  }
  const n = ids.length;
  // Successors of each reached node as slices of one array (first-seen order, duplicates removed).
  const succStart = new Int32Array(n + 1);
  const succEnd = new Int32Array(n);
  const succ: number[] = [];
  const mark = new Int32Array(n).fill(-1);
  // Every route of every move, as numbers (see GraphMoves), recorded on the way.
  const moveFirst = new Int32Array(n).fill(-1);
  const routeAt: number[] = [];
  const routeTarget: number[] = [];
  const addTarget = (from: number, to: string) => {
    const t = number.get(to);
    routeTarget.push(t ?? -1);
    if (t !== undefined && mark[t] !== from) { mark[t] = from; succ.push(t); }
  };
  const reached = new Uint8Array(n);
  const reachable: number[] = [];
  const first = number.get(start);
  if (first !== undefined) {
    const stack = [first];
    reached[first] = 1;
    reachable.push(first);
    while (stack.length) {
      const v = stack.pop() as number;
      const node = list[v] as ScenarioNode;
      succStart[v] = succ.length;
      moveFirst[v] = routeAt.length;
      if (node.kind === 'scene') {
        routeAt.push(routeTarget.length);
        addNext(node.next, v, addTarget);
      } else if (node.kind === 'decision') {
        for (const reply of node.replies) {
          routeAt.push(routeTarget.length);
          addNext(reply.next, v, addTarget);
        }
      }
      succEnd[v] = succ.length;
      for (let k = succStart[v] as number; k < (succEnd[v] as number); k++) {
        const t = succ[k] as number;
        if (!reached[t]) { reached[t] = 1; reachable.push(t); stack.push(t); }
      }
    }
  }
  routeAt.push(routeTarget.length);
  // Kahn's algorithm: whatever cannot be ordered lies on (or only after) a cycle.
  const indegree = new Int32Array(n);
  for (const v of reachable) for (let k = succStart[v] as number; k < (succEnd[v] as number); k++) { const t = succ[k] as number; indegree[t] = (indegree[t] as number) + 1; }
  const queue: number[] = [];
  for (const v of reachable) if (indegree[v] === 0) queue.push(v);
  const ordered = new Uint8Array(n);
  for (let i = 0; i < queue.length; i++) {
    const v = queue[i] as number;
    ordered[v] = 1;
    for (let k = succStart[v] as number; k < (succEnd[v] as number); k++) {
      const t = succ[k] as number;
      const d = (indegree[t] as number) - 1;
      indegree[t] = d;
      if (d === 0) queue.push(t);
    }
  }
  // Backwards from the endings: whoever is not reached can never finish. Predecessors in CSR form.
  const predCount = new Int32Array(n + 1);
  for (const v of reachable) for (let k = succStart[v] as number; k < (succEnd[v] as number); k++) { const t = (succ[k] as number) + 1; predCount[t] = (predCount[t] as number) + 1; }
  for (let i = 0; i < n; i++) predCount[i + 1] = (predCount[i + 1] as number) + (predCount[i] as number);
  const pred = new Int32Array(predCount[n] as number);
  const fill = predCount.slice(0, n);
  for (const v of reachable) {
    for (let k = succStart[v] as number; k < (succEnd[v] as number); k++) {
      const t = succ[k] as number;
      const at = fill[t] as number;
      pred[at] = v;
      fill[t] = at + 1;
    }
  }
  const canFinish = new Uint8Array(n);
  const back: number[] = [];
  for (const v of reachable) if (list[v]?.kind === 'ending') { canFinish[v] = 1; back.push(v); }
  while (back.length) {
    const v = back.pop() as number;
    for (let k = predCount[v] as number; k < (predCount[v + 1] as number); k++) {
      const p = pred[k] as number;
      if (!canFinish[p]) { canFinish[p] = 1; back.push(p); }
    }
  }
  const reachableIds = new Set<string>();
  const cyclic: string[] = [];
  const deadEnds: string[] = [];
  for (const v of reachable) {
    const id = ids[v] as string;
    reachableIds.add(id);
    if (!ordered[v]) cyclic.push(id);
    if (!canFinish[v]) deadEnds.push(id);
  }
  const order = queue.map((v) => ids[v] as string);
  let loops: string[][] = [];
  if (cyclic.length > 0) {
    const successors = new Map<string, string[]>();
    for (const v of reachable) successors.set(ids[v] as string, succ.slice(succStart[v], succEnd[v]).map((t) => ids[t] as string));
    loops = findLoops(cyclic, successors);
  }
  const analysis: GraphAnalysis = { reachable: reachableIds, order, cyclic, deadEnds, loops };
  numberings.set(analysis, { number, list, order: queue, moveFirst, routeAt, routeTarget });
  return analysis;
}

/**
 * The node numbering an analysis was made with, and every way out of every reachable node as
 * numbers, so that the analyses that walk the graph again (the best score, the exploration) look
 * no id up: each id a "next" names was looked up once, here.
 */
export interface GraphMoves {
  /** Ids to node numbers (the first node of each id, in the file's order). */
  number: ReadonlyMap<string, number>;
  /** The node of each number. */
  list: readonly ScenarioNode[];
  /** The graph's order (`GraphAnalysis.order`) as node numbers. */
  order: readonly number[];
  /**
   * The moves out of reachable node v, a scene's continue or each reply of a decision in the
   * file's order, are numbered moveFirst[v] on (-1 for a node not reached).
   */
  moveFirst: Int32Array;
  /**
   * The routes of move k are routeTarget[routeAt[k]] to routeTarget[routeAt[k + 1] − 1], in the
   * file's order (a plain "next" is one route): each the number of the node it leads to, or -1 when
   * no node has its id.
   */
  routeAt: readonly number[];
  routeTarget: readonly number[];
}

const numberings = new WeakMap<GraphAnalysis, GraphMoves>();

/** The numbering and moves an analysis was made with (see GraphMoves). */
export function graphMoves(graph: GraphAnalysis): GraphMoves {
  return numberings.get(graph) as GraphMoves;
}

/**
 * The nodes of `graph.order` and each id's position in that order (-1 for an id that is not in
 * it), from the numbering the analysis already made, so that callers need no map of their own.
 */
export function orderPositions(graph: GraphAnalysis): { nodes: ScenarioNode[]; positionOf: (id: string) => number; position: Int32Array } {
  const { number, list, order } = graphMoves(graph);
  const position = new Int32Array(list.length).fill(-1);
  const nodes = new Array<ScenarioNode>(order.length);
  for (let i = 0; i < order.length; i++) {
    const v = order[i] as number;
    position[v] = i;
    nodes[i] = list[v] as ScenarioNode;
  }
  const positionOf = (id: string) => {
    const v = number.get(id);
    return v === undefined ? -1 : (position[v] as number);
  };
  return { nodes, positionOf, position };
}

function addNext(next: Next, from: number, add: (from: number, to: string) => void): void {
  if (typeof next === 'string') add(from, next);
  else for (const r of next) add(from, r.to);
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
