import { conditionHolds, conditionsOf, initialVariables, isConductCondition, specOf, whenHolds, type Variables, type VariableSpec } from '../conditions.js';
import { conductAfter, conductStart, type Conduct } from '../conduct.js';
import type { GraphMoves } from '../graph.js';
import { principles } from '../guide.js';
import { replyValue, type ScenarioIndex } from '../scenario-index.js';
import type { Condition, ConductCondition, Effect, Next, Reply, Route, ScenarioNode, Variable, When } from '../schema/scenario.js';
import { EMPTY, keepPoints, removePoints, type PointsSet } from './points-set.js';
import { giveBack, takeInts } from './scratch.js';

/**
 * The moves of the exploration: every way out of every node (a reply, or a scene's continue), with
 * what it does to the variables and to the conduct that conditions read, all numbered so that a
 * state is three small numbers and a set of points. Variables are numbered per distinct set of
 * values ("vectors"), conduct per distinct class the conditions can tell apart; a vector and a
 * class together are a "pair".
 */

/** What of conduct the scenario's conditions read, so states that differ elsewhere are merged. */
export interface ConductUse {
  /** Whether some condition reads points, the score or the percentage so far (then states keep exact sets of points). */
  points: boolean;
  /** Counts above this are the same to every condition (critical violations). */
  criticalCap: number;
  /** Per principle, the count above which conditions cannot tell apart. */
  violationCaps: Map<string, number>;
  /** Whether some condition reads the percentage so far (then the best points so far matter). */
  percent: boolean;
}

/** What of conduct no condition reads yet. */
function noConductUse(): ConductUse {
  return { points: false, criticalCap: 1, violationCaps: new Map(), percent: false };
}

/** One above the largest bound of a comparison (at least 1): counts from there on compare alike. */
function boundOf(c: { gte?: number; gt?: number; lte?: number; lt?: number; eq?: number; ne?: number }): number {
  return Math.max(...[c.gte, c.gt, c.lte, c.lt, c.eq, c.ne].filter((b): b is number => b !== undefined).map((b) => Math.ceil(b) + 1), 1);
}

/** Adds what a `when` reads of conduct to `use`; returns whether it reads points (see readsPoints). */
function readConduct(use: ConductUse, when: When | undefined): boolean {
  if (when === undefined) return false;
  // A single condition is read as it is (no list of one made for it: this runs for every route).
  if (!Array.isArray(when)) return readConditionConduct(use, when as Condition);
  let points = false;
  for (const c of when) points = readConditionConduct(use, c) || points;
  return points;
}

/** readConduct for one condition. */
function readConditionConduct(use: ConductUse, c: Condition): boolean {
  if (!isConductCondition(c)) return false;
  if (c.conduct === 'critical') use.criticalCap = Math.max(use.criticalCap, boundOf(c));
  else if (c.conduct === 'percent') return (use.percent = use.points = true);
  else if (c.conduct === 'points' || c.conduct === 'score') return (use.points = true);
  else if (c.conduct === 'violations' && c.principle) use.violationCaps.set(c.principle, Math.max(use.violationCaps.get(c.principle) ?? 0, boundOf(c)));
  return false;
}

/** Whether a condition reads the points so far (directly, or as the score or percentage). */
function readsPoints(c: Condition): boolean {
  return isConductCondition(c) && (c.conduct === 'points' || c.conduct === 'score' || c.conduct === 'percent');
}

/**
 * What a list of routes tests, as a number for a table of lists (equal lists have equal numbers,
 * different ones mostly different): the shape of each route's "when" and every field that
 * `conditionHolds` reads, without building text. Two lists share a number in `Moves` only when
 * `sameRoutes` says they test the same.
 */
function routesHash(routes: readonly Route[]): number {
  let h = routes.length;
  for (let r = 0; r < routes.length; r++) {
    const when = (routes[r] as Route).when;
    if (when === undefined) h = Math.imul(h ^ 0x2a, 0x9e3779b1);
    else if (!Array.isArray(when)) h = conditionHash(h, when as Condition);
    else {
      h = Math.imul(h ^ (0x1000 + when.length), 0x9e3779b1);
      for (let i = 0; i < when.length; i++) h = conditionHash(h, when[i] as Condition);
    }
  }
  return h;
}

/** A number of a field for a hash: any value gives one, and equal values the same. */
function fieldHash(v: unknown): number {
  if (typeof v === 'number') return v | 0;
  if (typeof v === 'string') return v.length;
  if (typeof v === 'boolean') return v ? 1 : 2;
  return v === undefined ? 3 : 4;
}

function conditionHash(h: number, c: Condition): number {
  const any = c as Record<string, unknown>;
  h = Math.imul(h ^ ('conduct' in c ? fieldHash(any.conduct) + 7 : fieldHash(any.var)), 0x9e3779b1);
  h = Math.imul(h ^ fieldHash(any.principle), 0x85ebca6b);
  h = Math.imul(h ^ fieldHash(any.is), 0x9e3779b1);
  h = Math.imul(h ^ fieldHash(c.gte), 0x85ebca6b);
  h = Math.imul(h ^ fieldHash(c.gt), 0x9e3779b1);
  h = Math.imul(h ^ fieldHash(c.lte), 0x85ebca6b);
  h = Math.imul(h ^ fieldHash(c.lt), 0x9e3779b1);
  h = Math.imul(h ^ fieldHash(c.eq), 0x85ebca6b);
  return Math.imul(h ^ fieldHash(c.ne), 0x9e3779b1);
}

/**
 * Whether two lists of routes test the same, so take the same route (by its place in the list) for
 * the same variables and conduct, wherever they are: route by route the same shape of "when" and
 * conditions whose every field that `conditionHolds` reads is identical (===).
 */
function sameRoutes(a: readonly Route[], b: readonly Route[]): boolean {
  if (a.length !== b.length) return false;
  for (let r = 0; r < a.length; r++) {
    const x = (a[r] as Route).when;
    const y = (b[r] as Route).when;
    if (x === undefined || y === undefined) {
      if (x !== y) return false;
      continue;
    }
    if (Array.isArray(x) !== Array.isArray(y)) return false;
    if (!Array.isArray(x)) {
      if (!sameCondition(x as Condition, y as Condition)) return false;
      continue;
    }
    const ys = y as Condition[];
    if (x.length !== ys.length) return false;
    for (let i = 0; i < x.length; i++) if (!sameCondition(x[i] as Condition, ys[i] as Condition)) return false;
  }
  return true;
}

function sameCondition(c: Condition, d: Condition): boolean {
  const x = c as Record<string, unknown>;
  const y = d as Record<string, unknown>;
  return ('conduct' in c) === ('conduct' in d) && x.conduct === y.conduct && x.var === y.var && x.principle === y.principle && x.is === y.is
    && c.gte === d.gte && c.gt === d.gt && c.lte === d.lte && c.lt === d.lt && c.eq === d.eq && c.ne === d.ne;
}

/**
 * One comparison of a condition that reads points, as conditions that are monotone in the points:
 * "points", "score" and "percent" never fall as points grow (Math.round, the clamp to 0–100 and
 * the critical cap are all non-decreasing, and the totals they divide by are fixed within a state),
 * so `gte`/`gt` hold from some total up and `lte`/`lt` up to some total; `eq` is both at once and
 * `ne` the rest. Each is evaluated by `conditionHolds` itself, so the cut is where the game cuts.
 */
interface PointsTest {
  op: 'up' | 'down' | 'eq' | 'ne';
  /** The condition with this one comparison (for eq/ne: with gte, then with lte, of the same bound). */
  first: Condition;
  second?: Condition;
}

const pointsTests = new WeakMap<Condition, PointsTest[]>();

function testsOf(c: ConductCondition): PointsTest[] {
  let tests = pointsTests.get(c);
  if (tests) return tests;
  tests = [];
  const base = { conduct: c.conduct, ...(c.principle === undefined ? {} : { principle: c.principle }) } as Condition;
  const one = (op: string, bound: number) => ({ ...base, [op]: bound }) as Condition;
  if (c.gte !== undefined) tests.push({ op: 'up', first: one('gte', c.gte) });
  if (c.gt !== undefined) tests.push({ op: 'up', first: one('gt', c.gt) });
  if (c.lte !== undefined) tests.push({ op: 'down', first: one('lte', c.lte) });
  if (c.lt !== undefined) tests.push({ op: 'down', first: one('lt', c.lt) });
  if (c.eq !== undefined) tests.push({ op: 'eq', first: one('gte', c.eq), second: one('lte', c.eq) });
  if (c.ne !== undefined) tests.push({ op: 'ne', first: one('gte', c.ne), second: one('lte', c.ne) });
  pointsTests.set(c, tests);
  return tests;
}

/** The guide's prohibited activities (a handful): compared as text, which is cheaper than a lookup per assessment. */
const CRITICAL_IDS = principles.filter((p) => p.severity === 'critical').map((p) => p.id);

/** How many critical violations a reply commits (as conductAfter counts them). */
function criticalOf(reply: Reply): number {
  let n = 0;
  for (const a of reply.assessments) if (a.verdict === 'violates' && CRITICAL_IDS.includes(a.principle)) n++;
  return n;
}

/**
 * The moves are numbered, and what each does is kept in typed arrays and plain arrays indexed by
 * move number (one allocation per table rather than an object per move, which a young-generation
 * collection would have to copy): a reply of a decision, or a scene's continue.
 */
/** Bits of `Moves.flags`: the move's guard reads points; its routes read points; it has a guard. */
export const GUARD_READS_POINTS = 1;
export const ROUTES_READ_POINTS = 2;
export const READS_POINTS = GUARD_READS_POINTS | ROUTES_READ_POINTS;
export const GUARDED = 4;

/** `Moves.to` of a move whose "next" is a list of routes. */
export const ROUTED = -2;
const NO_ROUTES: readonly Route[] = [];

/** A growable Int32Array, its memory taken from (and given back to) the kept arrays of `scratch`. */
export class Ints {
  data: Int32Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = takeInts(capacity);
  }

  push(v: number): void {
    if (this.length === this.data.length) {
      const grown = takeInts(this.data.length * 2);
      grown.set(this.data);
      giveBack(this.data);
      this.data = grown;
    }
    this.data[this.length++] = v;
  }

  /** Adds `n` entries (their values left over: write before reading). */
  extend(n: number): void {
    const need = this.length + n;
    if (need > this.data.length) {
      const grown = takeInts(Math.max(this.data.length * 2, need));
      grown.set(this.data.subarray(0, this.length));
      giveBack(this.data);
      this.data = grown;
    }
    this.length = need;
  }
}

function gcd(a: number, b: number): number {
  while (b !== 0) {
    const r = a % b;
    a = b;
    b = r;
  }
  return a;
}

/** Above this many entries, the values after effects are looked up in a Map instead of a table. */
const AFTER_TABLE_MAX = 1 << 22;

/** Numbers (whole, below 2^53) to ids, by open addressing in typed arrays: no garbage per entry. */
class CodeTable {
  private codes = new Float64Array(1024);
  private ids = new Int32Array(1024).fill(-1);
  private size = 0;

  private slot(code: number, codes: Float64Array, ids: Int32Array): number {
    const mask = ids.length - 1;
    let at = Math.imul((code >>> 0) ^ Math.floor(code / 4294967296), 0x9e3779b1) & mask;
    while (ids[at] !== -1 && codes[at] !== code) at = (at + 1) & mask;
    return at;
  }

  /** The id of `code`, or -1. */
  get(code: number): number {
    return this.ids[this.slot(code, this.codes, this.ids)] as number;
  }

  /** Adds `code` (not yet in the table) with `id`. */
  add(code: number, id: number): void {
    if (2 * (this.size + 1) > this.ids.length) {
      const codes = new Float64Array(2 * this.ids.length);
      const ids = new Int32Array(2 * this.ids.length).fill(-1);
      for (let i = 0; i < this.ids.length; i++) {
        if (this.ids[i] === -1) continue;
        const at = this.slot(this.codes[i] as number, codes, ids);
        codes[at] = this.codes[i] as number;
        ids[at] = this.ids[i] as number;
      }
      this.codes = codes;
      this.ids = ids;
    }
    const at = this.slot(code, this.codes, this.ids);
    this.codes[at] = code;
    this.ids[at] = id;
    this.size++;
  }
}

export class Moves {
  /** The number of moves. */
  readonly count: number;
  /** What of conduct the conditions on these moves read. */
  readonly use: ConductUse;
  /** Per move: the reply (undefined for a scene's continue). */
  private readonly replies: (Reply | undefined)[] = [];
  /** Per move: its points, in units of the exploration (`Moves.unit`). */
  readonly value: Float64Array;
  /** Per move: the critical violations it commits. */
  readonly criticals: Int32Array;
  /** Per move: GUARD_READS_POINTS, ROUTES_READ_POINTS and GUARDED. */
  readonly flags: Uint8Array;
  /** Per move: its effects as a number (0: none), so the same effects on the same values are worked out once. */
  readonly effectsId: Int32Array;
  /** Per move: the node a plain "next" leads to (-1: not a node of the order), or ROUTED when it is a list of routes. */
  readonly to: Int32Array;
  /**
   * Per move whose routes read no points: its list of routes numbered by what they test (from 1;
   * 0: none), so the route taken is worked out once per list and pair (see `targetFrom`).
   */
  private readonly routesId: Int32Array;
  private readonly routeLists: number;
  /** Pair × routes number to the route taken, plus 1 (0: none holds). */
  private readonly routeTaken = new CodeTable();
  /** The node route r of move k leads to is targets[targetStart[k] + r] (-1: not a node of the order). */
  readonly targetStart: Int32Array;
  readonly targets: Int32Array;
  /** The moves out of node i are numbered first[i] to first[i + 1] - 1. */
  readonly first: Int32Array;
  /** The node each move leaves. */
  readonly nodeOf: Int32Array;
  /** Whether every total fits 32 bits (whole numbers within ±2^31, in units). */
  readonly small: boolean;
  /** Points are counted in units of this (the greatest common divisor of the moves' values). */
  readonly unit: number;
  /** 1 when points are whole numbers (intervals that touch join), 0 when not (every total apart). */
  readonly gap: number;
  readonly classes: Conduct[] = [];
  readonly pairVector = new Ints();
  readonly pairClass = new Ints();
  /** Whether conduct classes are more than the critical count (conditions read percent or violations). */
  private readonly fullConduct: boolean;
  private readonly classSpan: number;
  private readonly vectorCodes = new CodeTable();
  private readonly vectorKeys = new Map<string, number>();
  /** The slot of each declared variable id; the values of vector v are values[v × slots + slot]. */
  private readonly slotOf = new Map<string, number>();
  private readonly slots: number;
  private values = new Float64Array(1024);
  private vectorCount = 0;
  private readonly objects: (Variables | undefined)[] = [];
  private readonly scratch: Float64Array;
  /** Per effects number, what they do (see the constructor). */
  private readonly effectOps: number[][] = [];
  private readonly varMin: number[] = [];
  private readonly varMax: number[] = [];
  private readonly radix: number[] = [];
  private readonly effectsCount: number;
  private afterTable = new Int32Array(0);
  private readonly afterMap = new Map<number, number>();
  private readonly classIds = new Map<string, number>();
  private readonly afterReply = new Map<number, number>();
  private readonly pairIds = new Map<number, number>();

  /**
   * `nodes` are the graph's order (`orderPositions`), and `position` gives each node number's place
   * in it (-1: not in it): the targets of the moves come from `graph` (GraphMoves), looked up there once.
   */
  constructor(private readonly index: ScenarioIndex, readonly nodes: readonly ScenarioNode[], graph: GraphMoves, position: Int32Array,
    private readonly best: number) {
    const nodeCount = nodes.length;
    this.first = new Int32Array(nodeCount + 1);
    // Variables: one slot per declared id (the last declaration of an id counts, as in applyEffects).
    for (const v of index.scenario.variables ?? []) if (!this.slotOf.has(v.id)) this.slotOf.set(v.id, this.slotOf.size);
    this.slots = this.slotOf.size;
    const specs = [...this.slotOf.keys()].map((id) => specOf(index.variables.get(id) as Variable));
    const effectsIds = new Map<string, number>();
    // One effect that adds is the usual case: numbered by variable and amount without building a key.
    const addIds = new Map<string, Map<number, number>>();
    const effectsId = (effects: readonly Effect[] | undefined) => {
      if (effects === undefined || effects.length === 0) return 0;
      const one = effects[0] as Effect;
      if (effects.length === 1 && one.set === undefined && typeof one.add === 'number') {
        let byAmount = addIds.get(one.var);
        if (!byAmount) addIds.set(one.var, (byAmount = new Map()));
        const known = byAmount.get(one.add);
        if (known !== undefined) return known;
        const id = effectsKey(effects);
        byAmount.set(one.add, id);
        return id;
      }
      return effectsKey(effects);
    };
    const effectsKey = (effects: readonly Effect[]) => {
      let key = '';
      for (const e of effects) key += `${e.var}${e.set === undefined ? `+${e.add ?? 0}` : `=${Number(e.set)}`};`;
      let id = effectsIds.get(key);
      if (id === undefined) {
        effectsIds.set(key, (id = effectsIds.size + 1));
        // What applyEffects does, as numbers: per effect on a declared variable, its slot, whether it
        // sets (else adds), the amount, and the range the result is clamped to.
        const ops: number[] = [];
        for (const e of effects) {
          const slot = this.slotOf.get(e.var);
          if (slot === undefined) continue;
          const spec = specs[slot] as VariableSpec;
          ops.push(slot, e.set !== undefined ? 1 : 0, e.set !== undefined ? Number(e.set) : (e.add ?? 0), spec.min, spec.max);
        }
        this.effectOps[id] = ops;
      }
      return id;
    };
    // One pass over the moves, into tables as long as every move and route of the graph (the moves
    // of the nodes in its order are some of them).
    const count = graph.routeAt.length - 1;
    const use = noConductUse();
    this.value = new Float64Array(count);
    this.criticals = new Int32Array(count);
    this.flags = new Uint8Array(count);
    this.effectsId = new Int32Array(count);
    this.to = new Int32Array(count);
    this.targetStart = new Int32Array(count + 1);
    this.targets = new Int32Array(graph.routeTarget.length);
    this.nodeOf = new Int32Array(count);
    this.routesId = new Int32Array(count);
    // Lists of routes by what they test: per hash (routesHash) the numbers of the lists with it,
    // each number's first list kept to compare with (sameRoutes).
    const routeIds = new Map<number, number[]>();
    const routeLists: (readonly Route[])[] = [];
    let k = 0;
    let t = 0;
    const { routeAt, routeTarget } = graph;
    /** The place in the order of the node route `r` leads to (-1: none). */
    const targetOf = (r: number) => {
      const to = routeTarget[r] as number;
      return to < 0 ? -1 : (position[to] as number);
    };
    // `move` is the move's number in GraphMoves, whose routes are routeAt[move] on.
    const add = (i: number, reply: Reply | undefined, effects: readonly Effect[] | undefined, next: Next, move: number) => {
      this.nodeOf[k] = i;
      this.replies.push(reply);
      if (reply !== undefined) {
        this.value[k] = replyValue(reply);
        this.criticals[k] = criticalOf(reply);
      }
      this.effectsId[k] = effectsId(effects);
      let routesReadPoints = false;
      if (typeof next !== 'string') for (const route of next) routesReadPoints = readConduct(use, route.when) || routesReadPoints;
      const guard = reply?.when;
      this.flags[k] = (guard !== undefined ? GUARDED : 0) | (readConduct(use, guard) ? GUARD_READS_POINTS : 0) | (routesReadPoints ? ROUTES_READ_POINTS : 0);
      this.targetStart[k] = t;
      if (typeof next === 'string') {
        this.to[k] = targetOf(routeAt[move] as number);
      } else {
        this.to[k] = ROUTED;
        if (!routesReadPoints) {
          const hash = routesHash(next);
          let same = routeIds.get(hash);
          if (same === undefined) routeIds.set(hash, (same = []));
          let id = 0;
          for (let j = 0; j < same.length && id === 0; j++) if (sameRoutes(routeLists[(same[j] as number) - 1] as readonly Route[], next)) id = same[j] as number;
          if (id === 0) {
            routeLists.push(next);
            same.push((id = routeLists.length));
          }
          this.routesId[k] = id;
        }
        for (let r = 0; r < next.length; r++) this.targets[t++] = targetOf((routeAt[move] as number) + r);
      }
      k++;
    };
    for (let i = 0; i < nodeCount; i++) {
      this.first[i] = k;
      const node = nodes[i] as ScenarioNode;
      const move = graph.moveFirst[graph.order[i] as number] as number;
      if (node.kind === 'scene') add(i, undefined, node.effects, node.next, move);
      else if (node.kind === 'decision') for (let j = 0; j < node.replies.length; j++) { const reply = node.replies[j] as Reply; add(i, reply, reply.effects, reply.next, move + j); }
    }
    // What an ending's variants read of conduct, so that states the variants tell apart stay apart
    // and the exploration can say which variant each playthrough is shown.
    for (const node of nodes) if (node.kind === 'ending') for (const v of node.variants ?? []) readConduct(use, v.when);
    this.first[nodeCount] = k;
    this.targetStart[k] = t;
    this.count = k;
    this.use = use;
    this.effectsCount = effectsIds.size + 1;
    this.routeLists = routeLists.length;

    // Points are whole numbers (weights are), counted in units of the greatest common divisor of
    // the values so that sets stay whole intervals when, say, every weight is 2. A value that is
    // not a whole number (a scenario that skipped validation) keeps every total apart instead.
    const values = this.value;
    let unit = 0;
    let gap = 1;
    for (let j = 0; j < this.count; j++) {
      const v = values[j] as number;
      if (!Number.isSafeInteger(v)) gap = 0;
      else unit = gcd(unit, Math.abs(v));
    }
    if (gap === 0 || unit === 0) unit = 1;
    if (unit !== 1) for (let j = 0; j < this.count; j++) values[j] = (values[j] as number) / unit;
    this.unit = unit;
    this.gap = gap;
    // A playthrough meets each node once, so no total is further from 0 than the sum of each node's largest move.
    let reach = 0;
    for (let i = 0; i < nodeCount; i++) {
      let most = 0;
      for (let j = this.first[i] as number; j < (this.first[i + 1] as number); j++) most = Math.max(most, Math.abs(values[j] as number));
      reach += most;
    }
    this.small = gap === 1 && reach < 2 ** 31 - 1;

    let radix = 1;
    for (const spec of specs) {
      this.varMin.push(spec.min);
      this.varMax.push(spec.max);
      this.radix.push(radix);
      radix *= Math.max(1, spec.max - spec.min + 1);
    }
    // Past 2^53 (or with a range that is not whole numbers) codes would not be exact: every vector is then text.
    if (!(radix <= Number.MAX_SAFE_INTEGER) || !this.varMin.every(Number.isInteger) || !this.varMax.every(Number.isInteger)) this.varMin.fill(Infinity);
    this.scratch = new Float64Array(this.slots);
    // Unless conditions read the percentage or violation counts, a class is the count of critical
    // violations (capped), and a pair is vector × (cap + 1) + class.
    this.fullConduct = use.percent || use.violationCaps.size > 0;
    this.classSpan = use.criticalCap + 1;
    if (!this.fullConduct) for (let k = 0; k <= use.criticalCap; k++) this.classes.push({ best, critical: k, points: 0, possible: 0, violations: {} });
  }

  /** The pair a playthrough starts in. */
  startPair(): number {
    const start = initialVariables(this.index.scenario.variables);
    for (const [id, slot] of this.slotOf) this.scratch[slot] = start[id] as number;
    return this.pairOf(this.vectorOfScratch(), this.fullConduct ? this.classOf(conductStart(this.best)) : 0);
  }

  /** The vector whose values are in `scratch`, numbered when first met. */
  private vectorOfScratch(): number {
    const values = this.scratch;
    // Values inside their declared ranges are a number in mixed radix; anything else, text.
    let code = 0;
    for (let i = 0; i < this.slots && code >= 0; i++) {
      const v = values[i] as number;
      const min = this.varMin[i] as number;
      code = Number.isInteger(v) && v >= min && v <= (this.varMax[i] as number) ? code + (v - min) * (this.radix[i] as number) : -1;
    }
    let id: number | undefined;
    if (code >= 0) {
      id = this.vectorCodes.get(code);
      if (id < 0) this.vectorCodes.add(code, (id = this.newVector()));
    } else {
      const key = values.join(',');
      id = this.vectorKeys.get(key);
      if (id === undefined) this.vectorKeys.set(key, (id = this.newVector()));
    }
    return id;
  }

  private newVector(): number {
    const at = this.vectorCount * this.slots;
    if (at + this.slots > this.values.length) {
      const grown = new Float64Array(2 * (at + this.slots));
      grown.set(this.values);
      this.values = grown;
    }
    this.values.set(this.scratch, at);
    this.objects.push(undefined);
    return this.vectorCount++;
  }

  /** A vector's values as the object conditions read (made when first asked for). */
  variablesOf(vector: number): Variables {
    let values = this.objects[vector];
    if (values === undefined) {
      values = {};
      for (const [id, slot] of this.slotOf) values[id] = this.values[vector * this.slots + slot] as number;
      this.objects[vector] = values;
    }
    return values;
  }

  /** The vector after move `k`'s effects. */
  vectorAfter(vector: number, k: number): number {
    const effects = this.effectsId[k] as number;
    if (effects === 0) return vector;
    const key = vector * this.effectsCount + effects;
    if (key < this.afterTable.length) {
      const after = (this.afterTable[key] as number) - 1;
      if (after >= 0) return after;
    }
    const known = this.afterMap.get(key);
    if (known !== undefined) return known;
    const values = this.scratch;
    for (let i = 0; i < this.slots; i++) values[i] = this.values[vector * this.slots + i] as number;
    const ops = this.effectOps[effects] as number[];
    for (let j = 0; j < ops.length; j += 5) {
      const slot = ops[j] as number;
      const raw = ops[j + 1] === 1 ? (ops[j + 2] as number) : (values[slot] as number) + (ops[j + 2] as number);
      values[slot] = Math.min(ops[j + 4] as number, Math.max(ops[j + 3] as number, raw));
    }
    const after = this.vectorOfScratch();
    if (key >= this.afterTable.length && key < AFTER_TABLE_MAX) {
      const grown = new Int32Array(Math.min(AFTER_TABLE_MAX, Math.max(2 * this.afterTable.length, key + 1, 256)));
      grown.set(this.afterTable);
      this.afterTable = grown;
    }
    if (key < this.afterTable.length) this.afterTable[key] = after + 1;
    else this.afterMap.set(key, after);
    return after;
  }

  private classOf(c: Conduct): number {
    const critical = Math.min(c.critical, this.use.criticalCap);
    const violations: Record<string, number> = {};
    let key = `${critical}|${this.use.percent ? c.possible : 0}`;
    for (const [p, cap] of this.use.violationCaps) {
      const n = Math.min(Object.hasOwn(c.violations, p) ? (c.violations[p] as number) : 0, cap);
      violations[p] = n;
      key += `|${n}`;
    }
    let id = this.classIds.get(key);
    if (id === undefined) {
      this.classIds.set(key, (id = this.classes.length));
      this.classes.push({ best: this.best, critical, points: 0, possible: this.use.percent ? c.possible : 0, violations });
    }
    return id;
  }

  /** The conduct class after move number `k`. */
  classAfter(cls: number, k: number): number {
    // A scene's continue commits nothing (its criticals are 0, and a class is at most the cap).
    if (!this.fullConduct) return Math.min(this.use.criticalCap, cls + (this.criticals[k] as number));
    const reply = this.replyOf(k);
    if (reply === undefined) return cls;
    const key = cls * this.count + k;
    let after = this.afterReply.get(key);
    if (after === undefined) {
      const replies = (this.nodes[this.nodeOf[k] as number] as Extract<ScenarioNode, { kind: 'decision' }>).replies;
      this.afterReply.set(key, (after = this.classOf(conductAfter(this.classes[cls] as Conduct, reply.assessments, replies))));
    }
    return after;
  }

  pairOf(vector: number, cls: number): number {
    if (!this.fullConduct) {
      const pair = vector * this.classSpan + cls;
      while (this.pairVector.length <= pair) {
        this.pairVector.push(Math.floor(this.pairVector.length / this.classSpan));
        this.pairClass.push(this.pairClass.length % this.classSpan);
      }
      return pair;
    }
    const key = vector * 2 ** 24 + cls;
    let pair = this.pairIds.get(key);
    if (pair === undefined) {
      this.pairIds.set(key, (pair = this.pairVector.length));
      this.pairVector.push(vector);
      this.pairClass.push(cls);
    }
    return pair;
  }

  /** Move `k`'s reply (undefined for a scene's continue), found from its node and place. */
  replyOf(k: number): Reply | undefined {
    return this.replies[k];
  }

  /** Move `k`'s guard (undefined: none). */
  guardOf(k: number): When | undefined {
    return ((this.flags[k] as number) & GUARDED) === 0 ? undefined : this.replyOf(k)?.when;
  }

  /** Move `k`'s routes (empty for a plain "next"). */
  routesOf(k: number): readonly Route[] {
    if (this.to[k] !== ROUTED) return NO_ROUTES;
    const node = this.nodes[this.nodeOf[k] as number] as ScenarioNode;
    const next = node.kind === 'scene' ? node.next : (this.replyOf(k) as Reply).next;
    return typeof next === 'string' ? NO_ROUTES : next;
  }

  /** Whether a pair's conduct has a critical violation. */
  critical(pair: number): boolean {
    return (this.classes[this.pairClass.data[pair] as number] as Conduct).critical > 0;
  }

  /** The node move `k` leads to from this vector and class (after the move), or -1. */
  targetOf(k: number, vector: number, cls: number): number {
    const to = this.to[k] as number;
    if (to !== ROUTED) return to;
    const variables = this.variablesOf(vector);
    const conduct = this.classes[cls] as Conduct;
    const routes = this.routesOf(k);
    for (let r = 0; r < routes.length; r++) {
      const when = (routes[r] as Route).when;
      if (when === undefined || whenHolds(when, variables, conduct)) return this.targets[(this.targetStart[k] as number) + r] as number;
    }
    return -1;
  }

  /**
   * `targetOf` for a move whose routes read no points, `pair` being this vector and class: the
   * route taken is worked out once per list of routes (by what they test) and pair.
   */
  targetFrom(k: number, vector: number, cls: number, pair: number): number {
    const to = this.to[k] as number;
    if (to !== ROUTED) return to;
    const id = this.routesId[k] as number;
    if (id === 0) return this.targetOf(k, vector, cls);
    const code = pair * this.routeLists + (id - 1);
    let taken = this.routeTaken.get(code);
    if (taken < 0) {
      taken = 0;
      const variables = this.variablesOf(vector);
      const conduct = this.classes[cls] as Conduct;
      const routes = this.routesOf(k);
      for (let r = 0; r < routes.length && taken === 0; r++) {
        const when = (routes[r] as Route).when;
        if (when === undefined || whenHolds(when, variables, conduct)) taken = r + 1;
      }
      this.routeTaken.add(code, taken);
    }
    return taken === 0 ? -1 : (this.targets[(this.targetStart[k] as number) + taken - 1] as number);
  }

  /** Whether a `when` that reads no points holds for this vector and class. */
  holds(when: When, vector: number, cls: number): boolean {
    return whenHolds(when, this.variablesOf(vector), this.classes[cls] as Conduct);
  }

  /** Whether a `when` holds for this vector and class with `total` points (in units). */
  holdsWith(when: When, vector: number, cls: number, total: number): boolean {
    const conduct = this.classes[cls] as Conduct;
    conduct.points = total * this.unit;
    return whenHolds(when, this.variablesOf(vector), conduct);
  }

  /** The node move `k` leads to with `total` points (in units, after the move), or -1. */
  targetWith(k: number, vector: number, cls: number, total: number): number {
    (this.classes[cls] as Conduct).points = total * this.unit;
    return this.targetOf(k, vector, cls);
  }

  /** The part of a set of points (in units) for which `when` holds, with this vector and class. */
  where(set: PointsSet, when: When, vector: number, cls: number): PointsSet {
    const variables = this.variablesOf(vector);
    const conduct = this.classes[cls] as Conduct;
    const unit = this.unit;
    const holds = (cond: Condition) => (p: number) => {
      conduct.points = p * unit;
      return conditionHolds(cond, variables, conduct);
    };
    let part = set;
    for (const c of conditionsOf(when)) {
      if (!readsPoints(c)) {
        if (!conditionHolds(c, variables, conduct)) return EMPTY;
        continue;
      }
      for (const t of testsOf(c as ConductCondition)) {
        if (t.op === 'up') part = keepPoints(part, holds(t.first), 'up');
        else if (t.op === 'down') part = keepPoints(part, holds(t.first), 'down');
        else {
          const equal = keepPoints(keepPoints(part, holds(t.first), 'up'), holds(t.second as Condition), 'down');
          part = t.op === 'eq' ? equal : removePoints(part, equal, this.gap);
        }
        if (part.length === 0) return EMPTY;
      }
    }
    return part;
  }
}
