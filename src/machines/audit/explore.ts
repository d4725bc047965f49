import { scenarioGraph } from '../graph.js';
import { indexScenario, type ScenarioIndex } from '../scenario-index.js';
import { analyseBest, CRITICAL_CAP, percentOfBest } from '../scoring.js';
import type { EndingKind, Next, Scenario, ScenarioNode, When } from '../schema/scenario.js';
import { conductUse, Ints, Moves, type Move } from './moves.js';
import { PointsStore, removePoints, type PointsSet } from './points-set.js';

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

/** The fewest states the exploration may visit before it stops and reports that it is incomplete. */
export const STATE_LIMIT = 60_000;
/** Larger scenarios may use this many states per node, so the bound grows with the file, not faster. */
export const STATES_PER_NODE = 48;
/** Intervals carried from state to state, per state allowed: the bound for sets that break up. */
const INTERVALS_PER_STATE = 16;

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
  criticalPath?: string[];
  bestPath: string[];
}

/** What the exploration found. */
export interface Exploration {
  /** Distinct reachable states (node × variables × conduct that conditions read, points aside). */
  states: number;
  /** The number of states it was allowed to visit. */
  limit: number;
  /** False when the limit was reached: the findings then cover only part of the scenario. */
  complete: boolean;
  endings: EndingReach[];
  /** The highest final percentage (before the cap) of any playthrough with a critical violation, or undefined when none can have one. */
  bestWithCritical?: { uncapped: number; path: string[] };
}

const explorations = new WeakMap<Scenario, Exploration>();

/** Explores a valid scenario (memoised per scenario object when the limit is the default). */
export function exploreScenario(scenario: Scenario, limit?: number): Exploration {
  const cached = limit === undefined ? explorations.get(scenario) : undefined;
  if (cached) return cached;
  const result = explore(indexScenario(scenario), limit ?? stateLimit(scenario));
  if (limit === undefined) explorations.set(scenario, result);
  return result;
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
  const use = conductUse(scenario);
  // Unless a condition reads points nothing splits a set, and a state keeps only its lowest and highest.
  const exact = use.points;
  const { order } = scenarioGraph(scenario);
  const nodeCount = order.length;
  const numberOf = new Map<string, number>();
  for (let i = 0; i < nodeCount; i++) numberOf.set(order[i] as string, i);
  const nodes: ScenarioNode[] = order.map((id) => index.nodes.get(id) as ScenarioNode);
  const m = new Moves(index, nodes, numberOf, use, best);
  const moves = m.moves;
  const unit = m.unit;

  // Room for as many states as allowed (memory never touched costs nothing), and a few edges each.
  const stateCapacity = limit + 1;
  const edgeCapacity = 4 * stateCapacity;
  const edgeFrom = new Ints(edgeCapacity);
  const edgeMove = new Ints(edgeCapacity);
  const edgePair = new Ints(edgeCapacity);
  const edgeNext = new Ints(edgeCapacity);
  const queueHead = new Int32Array(nodeCount).fill(-1);
  const queueTail = new Int32Array(nodeCount).fill(-1);
  /** The points an edge carries when only part of its state's set takes it (a condition read points). */
  const carried = new Map<number, PointsSet>();
  /** Playthroughs from state `from` by move `k` reach node `to` with variables and class `pair`. */
  const send = (to: number, pair: number, from: number, k: number, part: PointsSet | undefined) => {
    if (to < 0) return;
    const e = edgeFrom.length;
    edgeFrom.push(from);
    edgeMove.push(k);
    edgePair.push(pair);
    edgeNext.push(-1);
    if (part !== undefined) carried.set(e, part);
    if (queueTail[to] === -1) queueHead[to] = e;
    else edgeNext.data[queueTail[to] as number] = e;
    queueTail[to] = e;
  };

  // The states: of node i, those numbered from firstState[i] to firstState[i + 1] - 1.
  const statePair = new Ints(stateCapacity);
  const stateNode = new Ints(stateCapacity);
  const firstEdge = new Ints(stateCapacity);
  const firstState = new Int32Array(nodeCount + 1);
  const points = new PointsStore(m.gap, stateCapacity);
  /** Per pair, the node whose states are being made and the state it has there. */
  let stamp = new Int32Array(256).fill(-1);
  let stateOfPair = new Int32Array(256);
  let complete = true;
  let work = 0;
  const workLimit = INTERVALS_PER_STATE * limit;
  const newState = (node: number, pair: number) => {
    const s = points.create();
    statePair.push(pair);
    stateNode.push(node);
    firstEdge.push(-1);
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
  /** Makes the states of node `i` from the edges queued there. */
  const gather = (i: number) => {
    for (let e = queueHead[i] as number, following: number; e !== -1; e = following) {
      following = edgeNext.data[e] as number;
      const pair = edgePair.data[e] as number;
      const part = carried.size > 0 ? carried.get(e) : undefined;
      if (part !== undefined) {
        points.loadArray(part, 0);
        carried.delete(e);
      } else points.loadState(edgeFrom.data[e] as number, (moves[edgeMove.data[e] as number] as Move).value);
      work += points.incomingIntervals;
      let s: number;
      if (pair < stamp.length && stamp[pair] === i) {
        s = stateOfPair[pair] as number;
        if (exact) points.unite(s);
        else points.widen(s);
      } else {
        if (points.size >= limit) {
          complete = false;
          continue;
        }
        s = newState(i, pair);
      }
      edgeNext.data[e] = firstEdge.data[s] as number;
      firstEdge.data[s] = e;
    }
  };

  /** Playthroughs from state `state` by move `k`. */
  const expand = (state: number, k: number) => {
    const move = moves[k] as Move;
    const pair = statePair.data[state] as number;
    const vector = m.pairVector.data[pair] as number;
    const cls = m.pairClass.data[pair] as number;
    let part: PointsSet | undefined;
    if (move.when !== undefined) {
      if (move.guardReadsPoints) {
        part = m.where(points.toArray(state), move.when, vector, cls);
        if (part.length === 0) return;
      } else if (!m.holds(move.when, vector, cls)) return;
    }
    const vectorTo = m.vectorAfter(vector, move);
    const clsTo = m.classAfter(cls, move, k);
    const pairTo = m.pairOf(vectorTo, clsTo);
    if (!move.routesReadPoints) {
      const r = m.routeIndex(move.next, vectorTo, clsTo);
      if (r >= 0) send(move.targets[r] as number, pairTo, state, k, part?.map((p) => p + move.value));
      return;
    }
    // Routes read conduct after the reply, points included: each takes the part of the rest it holds for.
    const routes = move.next as Exclude<Next, string>;
    let rest = part ?? points.toArray(state);
    if (move.value !== 0) rest = rest.map((p) => p + move.value);
    for (let r = 0; r < routes.length && rest.length > 0; r++) {
      const when = (routes[r] as { when?: When }).when;
      const yes = when === undefined ? rest : m.where(rest, when, vectorTo, clsTo);
      if (yes.length === 0) continue;
      send(move.targets[r] as number, pairTo, state, k, yes);
      if (when === undefined) break;
      rest = removePoints(rest, yes, m.gap);
    }
  };

  // Per ending: the states with the lowest and highest score, and one after a critical violation;
  // their playthroughs are written out once, at the end.
  const found = new Map<string, { kind: EndingKind; worst: number; best: number; worstAt: number; bestAt: number; criticalAt?: number }>();
  let bestWithCritical: { uncapped: number; at: number } | undefined;
  const start = numberOf.get(scenario.start);
  for (let i = 0; i < nodeCount && work <= workLimit; i++) {
    firstState[i] = points.size;
    if (i === start) {
      points.loadArray([0, 0], 0);
      newState(i, m.startPair());
    } else gather(i);
    const node = nodes[i] as ScenarioNode;
    const end = points.size;
    if (node.kind !== 'ending') {
      for (let state = firstState[i] as number; state < end; state++) {
        for (let k = m.first[i] as number; k < (m.first[i + 1] as number); k++) expand(state, k);
      }
      continue;
    }
    for (let state = firstState[i] as number; state < end; state++) {
      const critical = m.critical(statePair.data[state] as number);
      const low = percentOfBest(points.lowest(state) * unit, best);
      const high = percentOfBest(points.highest(state) * unit, best);
      const worst = critical ? Math.min(CRITICAL_CAP, low) : low;
      const top = critical ? Math.min(CRITICAL_CAP, high) : high;
      let e = found.get(node.id);
      if (!e) found.set(node.id, (e = { kind: node.ending, worst, best: top, worstAt: state, bestAt: state }));
      if (worst < e.worst) [e.worst, e.worstAt] = [worst, state];
      if (top > e.best) [e.best, e.bestAt] = [top, state];
      if (critical && e.criticalAt === undefined) e.criticalAt = state;
      if (critical && (!bestWithCritical || high > bestWithCritical.uncapped)) bestWithCritical = { uncapped: high, at: state };
    }
  }
  if (work > workLimit) complete = false;

  /** Whether move `k` from state `from` with `total` points (in units) leads to node `to`. */
  const leadsTo = (from: number, k: number, total: number, to: number) => {
    const move = moves[k] as Move;
    const pair = statePair.data[from] as number;
    const vector = m.pairVector.data[pair] as number;
    const cls = m.pairClass.data[pair] as number;
    if (move.when !== undefined && !m.holdsWith(move.when, vector, cls, total)) return false;
    const r = m.routeWith(move.next, m.vectorAfter(vector, move), m.classAfter(cls, move, k), total + move.value);
    return r >= 0 && move.targets[r] === to;
  };

  /**
   * The replies of a playthrough that reaches `state` with `total` points (in units), found
   * backwards: an edge into the state from a state that holds the points before it, and whose move
   * takes those points to this node. With exact sets every total of a set has one. With lowest and
   * highest only (nothing reads points), the walk asks only for a state's lowest or highest, and an
   * edge from a state whose range holds `total − value` then starts from that state's own lowest or
   * highest (no way in gives less, or more), so the walk stays on real totals.
   */
  const pathTo = (state: number, total: number): string[] => {
    const out: string[] = [];
    let s = state;
    let p = total;
    for (let guard = 0; guard <= nodeCount; guard++) {
      let from = -1;
      let k = -1;
      for (let e = firstEdge.data[s] as number; e !== -1; e = edgeNext.data[e] as number) {
        const t = edgeFrom.data[e] as number;
        const move = edgeMove.data[e] as number;
        const q = p - (moves[move] as Move).value;
        if (!points.has(t, q) || (exact && !leadsTo(t, move, q, stateNode.data[s] as number))) continue;
        from = t;
        k = move;
        break;
      }
      if (from < 0) break;
      const move = moves[k] as Move;
      if (move.reply) out.push(move.reply.id);
      p -= move.value;
      s = from;
    }
    return out.reverse();
  };

  const endings: EndingReach[] = [...found].map(([endingId, e]) => ({
    endingId, kind: e.kind, worst: e.worst, best: e.best, afterCritical: e.criticalAt !== undefined,
    worstPath: pathTo(e.worstAt, points.lowest(e.worstAt)), bestPath: pathTo(e.bestAt, points.highest(e.bestAt)),
    ...(e.criticalAt === undefined ? {} : { criticalPath: pathTo(e.criticalAt, points.lowest(e.criticalAt)) }),
  }));
  return {
    states: points.size, limit, complete, endings,
    ...(bestWithCritical ? { bestWithCritical: { uncapped: bestWithCritical.uncapped, path: pathTo(bestWithCritical.at, points.highest(bestWithCritical.at)) } } : {}),
  };
}
