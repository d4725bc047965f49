import { graphMoves, orderPositions, scenarioGraph } from '../graph.js';
import { indexScenario, type ScenarioIndex } from '../scenario-index.js';
import { analyseBest, CRITICAL_CAP, percentOfBest } from '../scoring.js';
import type { EndingKind, Route, Scenario, ScenarioNode, When } from '../schema/scenario.js';
import { GUARD_READS_POINTS, GUARDED, Ints, Moves, READS_POINTS, ROUTES_READ_POINTS } from './moves.js';
import { PointsStore, removePoints, type PointsSet } from './points-set.js';
import { giveBack, takeInts } from './scratch.js';

/**
 * Every playthrough a scenario allows, explored as reachable states rather than paths: a state is
 * the node, the variables, and as much of the conduct so far as the scenario's conditions can tell
 * apart (whether there was a critical violation always; counts and the best points so far only as
 * far as some condition reads them). Points are not part of a state: each state keeps the set of
 * points totals its playthroughs can have, as intervals, and a condition on points sends each part
 * of the set its own way. Two playthroughs in the same state with the same points have the same
 * future, so the findings are exact, and the work is linear in the number of states (times the
 * intervals per set, in practice one or two). Past the limit it stops and says so.
 */

/** The fewest states the exploration may make before it stops and reports that it is incomplete. */
export const STATE_LIMIT = 60_000;
/** Larger scenarios may use this many states per node, so the bound grows with the file, not faster. */
export const STATES_PER_NODE = 32;
/**
 * Steps of work per state allowed (a move tried, an interval of points carried or merged): the
 * bound for nodes with very many replies and for sets of points that break up.
 */
const WORK_PER_STATE = 32;

/** The number of states the exploration of this scenario may visit. */
export function stateLimit(scenario: Scenario): number {
  return Math.max(STATE_LIMIT, STATES_PER_NODE * scenario.nodes.length);
}

/** One ending as the playthroughs reach it. */
export interface EndingReach {
  endingId: string;
  kind: EndingKind;
  /** The lowest and highest final percentage (after the critical cap) that reaches it. */
  worst: number;
  best: number;
  /** Whether some playthrough with a critical violation reaches it. */
  afterCritical: boolean;
  /** The replies of a playthrough with the worst score, one with a critical violation (if any), and one with the best. */
  worstPath: string[];
  /**
   * Where that worst playthrough enters the ending: the node whose "next" (the reply's, at a
   * decision) sends it there. The fix for an ending reached too cheaply is in that "next".
   */
  worstEntry?: { nodeId: string; replyId?: string };
  criticalPath?: string[];
  /** Where that playthrough with a critical violation enters the ending (as worstEntry). */
  criticalEntry?: { nodeId: string; replyId?: string };
  bestPath: string[];
  /**
   * Per variant of the ending (in order): whether its "when" holds for some playthrough that reaches
   * the ending, and whether it is the one shown (the first that holds) to some playthrough. Absent
   * on a reach a probe found (an exploration that stopped at its limit).
   */
  variants?: { holds: boolean; shown: boolean }[];
  /** Whether some playthrough reaching the ending is shown its own narration (no variant holds). */
  narrationShown?: boolean;
}

/** What the exploration found. */
export interface Exploration {
  /** Distinct reachable states (node × variables × conduct that conditions read, points aside). */
  states: number;
  /** The number of states it was allowed to visit. */
  limit: number;
  /** False when the limit was reached: the findings then cover only part of the scenario. */
  complete: boolean;
  /**
   * The nodes of the graph's order (arrows lead to them from the start) that no playthrough reaches:
   * the conditions on the way never let one through. Meaningful when `complete`.
   */
  unvisited: string[];
  endings: EndingReach[];
  /** The highest final percentage (before the cap) of any playthrough with a critical violation, or undefined when none can have one. */
  bestWithCritical?: { uncapped: number; path: string[] };
  /**
   * Whether some playthrough reaches decision `nodeId` offered every one of these replies at once
   * (each one's "when" holds there, with the same values, conduct and points): the decision as it is
   * reached, by any way in, not only by one path. False for a node no playthrough reaches, a
   * reply id not of that decision, or (incomplete) a state past the limit, which was not seen.
   */
  offeredTogether(nodeId: string, replyIds: readonly string[]): boolean;
}

const explorations = new WeakMap<Scenario, Exploration>();

/**
 * The last exploration's tables, kept alive until the next one replaces them. At a full garbage
 * collection V8 drops the hidden classes no live object has any more, and throws away the
 * optimised code compiled for them ("deoptimised: weak objects"): without one set of tables alive,
 * every exploration after a full collection ran its hottest functions unoptimised until V8
 * compiled them again, about 40–60 ms of the 130 ms a 10,000-node scenario takes. (A long-lived
 * process collects fully now and then: the web preview checking a file again, the picker checking
 * every file.) They hold the last explored scenario's index; nothing reads them through these
 * references (the exploration's playthroughs are written from its own).
 */
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- held, never read (see above)
let lastTables: readonly object[] = [];

/** Explores a valid scenario (memoised per scenario object when the limit is the default). */
export function exploreScenario(scenario: Scenario, limit?: number): Exploration {
  const cached = limit === undefined ? explorations.get(scenario) : undefined;
  if (cached) return cached;
  const result = explore(indexScenario(scenario), limit ?? stateLimit(scenario));
  if (limit === undefined) explorations.set(scenario, result);
  return result;
}

/** `make()`, worked out on the first call and kept. */
function once<T>(make: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = make();
      done = true;
    }
    return value;
  };
}

/**
 * A set of points moved by `by`. A function of its own, not an arrow inside `expand`: a closure
 * there over the move's value makes V8 allocate a context for every expansion, taken or not.
 */
function shifted(set: PointsSet, by: number): PointsSet {
  const out = new Array<number>(set.length);
  for (let i = 0; i < set.length; i++) out[i] = (set[i] as number) + by;
  return out;
}

/**
 * States are made node by node in topological order, so every way into a state is known before
 * the state is expanded: its set of points is final, and each state is expanded once. A move taken
 * is an edge, queued at the node it leads to; when that node's turn comes its edges make its states
 * and stay linked to them, so a playthrough with any total of a state can be written out backwards.
 */
function explore(index: ScenarioIndex, limit: number): Exploration {
  const scenario = index.scenario;
  const best = analyseBest(scenario).best;
  // Nodes are numbered by their place in the graph's topological order (-1: not in it).
  const graph = scenarioGraph(scenario);
  const { nodes, positionOf, position } = orderPositions(graph);
  const nodeCount = nodes.length;
  const m = new Moves(index, nodes, graphMoves(graph), position, best);
  // Unless a condition reads points nothing splits a set, and a state keeps only its lowest and highest.
  const exact = m.use.points;
  const value = m.value;
  const flags = m.flags;
  const unit = m.unit;

  // A move taken is queued at the node it leads to (from, move, pair), in a slot that stays as an
  // edge once that node's states are made: linked (queueNext) after the edges into the same state
  // that came before it. A slot whose move made no state (past the limit) is used again.
  let queueCapacity = 1024;
  let queueFrom = takeInts(queueCapacity);
  let queueMove = takeInts(queueCapacity);
  let queuePair = takeInts(queueCapacity);
  let queueNext = takeInts(queueCapacity);
  let queueUsed = 0;
  let queueFree = -1;
  const queueHead = new Int32Array(nodeCount).fill(-1);
  const queueTail = new Int32Array(nodeCount).fill(-1);
  /** The points a queued move carries when only part of its state's set takes it (a condition read points). */
  const carried = new Map<number, PointsSet>();
  /** Playthroughs from state `from` by move `k` reach node `to` with variables and class `pair`. */
  const send = (to: number, pair: number, from: number, k: number, part: PointsSet | undefined) => {
    if (to < 0) return;
    let q = queueFree;
    if (q !== -1) queueFree = queueNext[q] as number;
    else {
      if (queueUsed === queueCapacity) {
        queueCapacity *= 2;
        const grow = (a: Int32Array) => {
          const b = takeInts(queueCapacity);
          b.set(a.subarray(0, queueUsed));
          giveBack(a);
          return b;
        };
        [queueFrom, queueMove, queuePair, queueNext] = [grow(queueFrom), grow(queueMove), grow(queuePair), grow(queueNext)];
      }
      q = queueUsed++;
    }
    queueFrom[q] = from;
    queueMove[q] = k;
    queuePair[q] = pair;
    queueNext[q] = -1;
    if (part !== undefined) carried.set(q, part);
    if (queueTail[to] === -1) queueHead[to] = q;
    else queueNext[queueTail[to] as number] = q;
    queueTail[to] = q;
  };

  // The states, numbered node by node; the moves into state s are the queue's slots firstEdge[s]
  // (-1: none, the start), queueNext[that], and so on to -1, in the order they came.
  const statePair = new Ints();
  const firstEdge = new Ints();
  const points = new PointsStore(m.gap, 1024, m.small);
  /** Per pair, the node whose states are being made and the state it has there. */
  let stamp = new Int32Array(256).fill(-1);
  let stateOfPair = new Int32Array(256);
  let complete = true;
  let work = 0;
  const workLimit = WORK_PER_STATE * limit;
  /** A new state at `node` with `pair`, the incoming set of points and its first edge (-1: none). */
  const newState = (node: number, pair: number, edge: number) => {
    const s = points.create();
    statePair.push(pair);
    firstEdge.push(edge);
    if (pair >= stamp.length) {
      const size = Math.max(2 * stamp.length, pair + 1);
      const grownStamp = new Int32Array(size).fill(-1);
      grownStamp.set(stamp);
      stamp = grownStamp;
      const grownState = new Int32Array(size);
      grownState.set(stateOfPair);
      stateOfPair = grownState;
    }
    stamp[pair] = node;
    stateOfPair[pair] = s;
    return s;
  };
  /** Per state of the node being made (from its first), its last edge so far. */
  let lastEdge = new Int32Array(256);
  /** Makes the states of node `i` from the moves queued there, and keeps those moves as edges. */
  const gather = (i: number) => {
    const firstNew = points.size;
    for (let q = queueHead[i] as number, following: number; q !== -1; q = following) {
      following = queueNext[q] as number;
      const pair = queuePair[q] as number;
      const part = carried.size > 0 ? carried.get(q) : undefined;
      if (part !== undefined) {
        points.loadArray(part, 0);
        carried.delete(q);
      } else points.loadState(queueFrom[q] as number, value[queueMove[q] as number] as number);
      queueNext[q] = -1;
      if (pair < stamp.length && stamp[pair] === i) {
        const s = stateOfPair[pair] as number;
        work += points.incomingIntervals + points.intervals(s);
        if (exact) points.unite(s);
        else points.widen(s);
        const local = s - firstNew;
        queueNext[lastEdge[local] as number] = q;
        lastEdge[local] = q;
      } else if (points.size < limit) {
        const local = newState(i, pair, q) - firstNew;
        work += points.incomingIntervals;
        if (local === lastEdge.length) {
          const grown = new Int32Array(2 * local);
          grown.set(lastEdge);
          lastEdge = grown;
        }
        lastEdge[local] = q;
      } else {
        complete = false;
        queueNext[q] = queueFree;
        queueFree = q;
      }
    }
  };

  /** Playthroughs from state `state` by move `k`. */
  const expand = (state: number, k: number) => {
    work++;
    const pair = statePair.data[state] as number;
    const vector = m.pairVector.data[pair] as number;
    const cls = m.pairClass.data[pair] as number;
    const moveFlags = flags[k] as number;
    const moveValue = value[k] as number;
    let part: PointsSet | undefined;
    if ((moveFlags & GUARDED) !== 0) {
      const guard = m.guardOf(k) as When;
      if ((moveFlags & GUARD_READS_POINTS) !== 0) {
        part = m.where(points.toArray(state), guard, vector, cls);
        if (part.length === 0) return;
      } else if (!m.holds(guard, vector, cls)) return;
    }
    const vectorTo = m.vectorAfter(vector, k);
    const clsTo = m.classAfter(cls, k);
    const pairTo = m.pairOf(vectorTo, clsTo);
    if ((moveFlags & ROUTES_READ_POINTS) === 0) {
      send(m.targetFrom(k, vectorTo, clsTo, pairTo), pairTo, state, k, part === undefined ? undefined : shifted(part, moveValue));
      return;
    }
    // Routes read conduct after the reply, points included: each takes the part of the rest it holds for.
    const routes = m.routesOf(k);
    const firstTarget = m.targetStart[k] as number;
    let rest = part ?? points.toArray(state);
    if (moveValue !== 0) rest = shifted(rest, moveValue);
    for (let r = 0; r < routes.length && rest.length > 0; r++) {
      const when = (routes[r] as Route).when;
      const yes = when === undefined ? rest : m.where(rest, when, vectorTo, clsTo);
      if (yes.length === 0) continue;
      send(m.targets[firstTarget + r] as number, pairTo, state, k, yes);
      if (when === undefined) break;
      rest = removePoints(rest, yes, m.gap);
    }
  };

  /**
   * Which of an ending's variants the playthroughs in `state` are shown: each part of its points
   * the first variant whose "when" holds there, the rest the ending's own narration.
   */
  const variantsShown = (variants: readonly { when: Route['when'] }[], state: number, e: { variants: { holds: boolean; shown: boolean }[]; narrationShown: boolean }) => {
    const pair = statePair.data[state] as number;
    const vector = m.pairVector.data[pair] as number;
    const cls = m.pairClass.data[pair] as number;
    const all = points.toArray(state);
    let rest = all;
    for (let v = 0; v < variants.length; v++) {
      const seen = e.variants[v] as { holds: boolean; shown: boolean };
      const when = (variants[v] as { when: Route['when'] }).when;
      if (when === undefined) continue;
      if (seen.holds && seen.shown && rest.length === 0) break;
      if (!seen.holds && m.where(all, when, vector, cls).length > 0) seen.holds = true;
      if (rest.length === 0) continue;
      const yes = m.where(rest, when, vector, cls);
      if (yes.length === 0) continue;
      seen.shown = true;
      rest = removePoints(rest, yes, m.gap);
    }
    if (rest.length > 0) e.narrationShown = true;
  };

  // Per ending: the states with the lowest and highest score, and one after a critical violation;
  // their playthroughs are written out once, at the end.
  const found = new Map<string, { kind: EndingKind; node: number; worst: number; best: number; worstAt: number; bestAt: number; criticalAt?: number; variants: { holds: boolean; shown: boolean }[]; narrationShown: boolean }>();
  let bestWithCritical: { uncapped: number; at: number; node: number } | undefined;
  const start = positionOf(scenario.start);
  const unvisited: string[] = [];
  // The states of node i are numbered stateFirst[i] to stateFirst[i + 1] - 1 (made node by node).
  const stateFirst = new Int32Array(nodeCount + 1);
  let made = 0;
  for (let i = 0; i < nodeCount && work <= workLimit; i++) {
    const first = points.size;
    stateFirst[i] = first;
    made = i + 1;
    if (i === start) {
      points.loadArray([0, 0], 0);
      newState(i, m.startPair(), -1);
    } else gather(i);
    const node = nodes[i] as ScenarioNode;
    const end = points.size;
    if (end === first) unvisited.push(node.id);
    if (node.kind !== 'ending') {
      const firstMove = m.first[i] as number;
      const endMove = m.first[i + 1] as number;
      for (let state = first; state < end && work <= workLimit; state++) for (let k = firstMove; k < endMove; k++) expand(state, k);
      continue;
    }
    for (let state = first; state < end; state++) {
      const critical = m.critical(statePair.data[state] as number);
      const low = percentOfBest(points.lowest(state) * unit, best);
      const high = percentOfBest(points.highest(state) * unit, best);
      const worst = critical ? Math.min(CRITICAL_CAP, low) : low;
      const top = critical ? Math.min(CRITICAL_CAP, high) : high;
      let e = found.get(node.id);
      if (!e) found.set(node.id, (e = { kind: node.ending, node: i, worst, best: top, worstAt: state, bestAt: state, variants: (node.variants ?? []).map(() => ({ holds: false, shown: false })), narrationShown: !node.variants }));
      if (node.variants) variantsShown(node.variants, state, e);
      if (worst < e.worst) [e.worst, e.worstAt] = [worst, state];
      if (top > e.best) [e.best, e.bestAt] = [top, state];
      if (critical && e.criticalAt === undefined) e.criticalAt = state;
      if (critical && (!bestWithCritical || high > bestWithCritical.uncapped)) bestWithCritical = { uncapped: high, at: state, node: i };
    }
  }
  if (work > workLimit) complete = false;
  // The nodes after the last one made (the limit stopped the loop) have no states.
  stateFirst.fill(points.size, made);

  /** Whether move `k` from state `from` with `total` points (in units) leads to node `to`. */
  const leadsTo = (from: number, k: number, total: number, to: number) => {
    const pair = statePair.data[from] as number;
    const vector = m.pairVector.data[pair] as number;
    const cls = m.pairClass.data[pair] as number;
    const guard = m.guardOf(k);
    if (guard !== undefined && !m.holdsWith(guard, vector, cls, total)) return false;
    return m.targetWith(k, m.vectorAfter(vector, k), m.classAfter(cls, k), total + (value[k] as number)) === to;
  };

  /**
   * The replies of a playthrough that reaches `state` (at node `node`) with `total` points (in
   * units), found backwards: an edge into the state from a state that holds the points before it,
   * and whose move takes those points to this node. With exact sets every total of a set has one.
   * With lowest and highest only (nothing reads points), the walk asks only for a state's lowest or
   * highest, and an edge from a state whose range holds `total − value` then starts from that
   * state's own lowest or highest (no way in gives less, or more), so the walk stays on real totals.
   */
  const pathTo = (state: number, node: number, total: number, entry?: (nodeId: string, replyId?: string) => void): string[] => {
    const out: string[] = [];
    let s = state;
    let at = node;
    let p = total;
    for (let guard = 0; guard <= nodeCount; guard++) {
      let from = -1;
      let k = -1;
      for (let e = firstEdge.data[s] as number; e !== -1; e = queueNext[e] as number) {
        const t = queueFrom[e] as number;
        const move = queueMove[e] as number;
        const q = p - (value[move] as number);
        // A move whose guard and routes read no points takes every total of its state the same way.
        const read = ((flags[move] as number) & READS_POINTS) !== 0;
        if (!points.has(t, q) || (exact && read && !leadsTo(t, move, q, at))) continue;
        from = t;
        k = move;
        break;
      }
      if (from < 0) break;
      const reply = m.replyOf(k);
      if (guard === 0 && entry) entry((nodes[m.nodeOf[k] as number] as ScenarioNode).id, reply?.id);
      if (reply) out.push(reply.id);
      p -= value[k] as number;
      s = from;
      at = m.nodeOf[k] as number;
    }
    return out.reverse();
  };

  // The playthroughs are written out when first read: most readers (the validator, on a file with
  // no problem to report) read none, and writing one walks back through the tables.
  const endings: EndingReach[] = [...found].map(([endingId, e]) => {
    const entryOf = (state: number) => {
      let entry: EndingReach['worstEntry'];
      const path = pathTo(state, e.node, points.lowest(state), (nodeId, replyId) => { entry = replyId === undefined ? { nodeId } : { nodeId, replyId }; });
      return { path, entry };
    };
    const worst = once(() => entryOf(e.worstAt));
    const critical = once(() => (e.criticalAt === undefined ? undefined : entryOf(e.criticalAt)));
    const top = once(() => pathTo(e.bestAt, e.node, points.highest(e.bestAt)));
    return {
      endingId, kind: e.kind, worst: e.worst, best: e.best, afterCritical: e.criticalAt !== undefined,
      get worstPath() { return worst().path; },
      get worstEntry() { return worst().entry; },
      get criticalPath() { return critical()?.path; },
      get criticalEntry() { return critical()?.entry; },
      get bestPath() { return top(); },
      variants: e.variants, narrationShown: e.narrationShown,
    };
  });
  const offeredTogether = (nodeId: string, replyIds: readonly string[]): boolean => {
    const i = positionOf(nodeId);
    if (i < 0 || (nodes[i] as ScenarioNode).kind !== 'decision') return false;
    const moves: number[] = [];
    for (const id of replyIds) {
      let found = -1;
      for (let k = m.first[i] as number; k < (m.first[i + 1] as number) && found < 0; k++) if (m.replyOf(k)?.id === id) found = k;
      if (found < 0) return false;
      moves.push(found);
    }
    for (let state = stateFirst[i] as number; state < (stateFirst[i + 1] as number); state++) {
      const pair = statePair.data[state] as number;
      const vector = m.pairVector.data[pair] as number;
      const cls = m.pairClass.data[pair] as number;
      // The points for which every guard read so far holds (a guard may read points).
      let part: PointsSet | undefined;
      let all = true;
      for (const k of moves) {
        const guard = m.guardOf(k);
        if (guard === undefined) continue;
        if (((flags[k] as number) & GUARD_READS_POINTS) !== 0) {
          part = m.where(part ?? points.toArray(state), guard, vector, cls);
          if (part.length === 0) all = false;
        } else if (!m.holds(guard, vector, cls)) all = false;
        if (!all) break;
      }
      if (all) return true;
    }
    return false;
  };
  const result: Exploration = { states: points.size, limit, complete, endings, unvisited, offeredTogether };
  if (bestWithCritical) {
    const { uncapped, at, node } = bestWithCritical;
    const path = once(() => pathTo(at, node, points.highest(at)));
    result.bestWithCritical = { uncapped, get path() { return path(); } };
  }
  // The tables stay with the exploration, for its playthroughs, and the last one's stay alive
  // after it too (see lastTables).
  lastTables = [m, statePair, firstEdge, queueFrom, queueMove, queueNext, points];
  // Only the pairs are not needed any more.
  giveBack(queuePair);
  return result;
}
