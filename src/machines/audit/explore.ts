import { applyEffects, conditionsOf, initialVariables, whenHolds, type Variables } from '../conditions.js';
import { conductAfter, conductStart, type Conduct } from '../conduct.js';
import { scenarioGraph } from '../graph.js';
import { getPrinciple } from '../guide.js';
import { indexScenario, replyValue, type ScenarioIndex } from '../scenario-index.js';
import { analyseBest, CRITICAL_CAP, percentOfBest } from '../scoring.js';
import type { EndingKind, Next, Reply, Scenario, When } from '../schema/scenario.js';

/**
 * Every playthrough a scenario allows, explored as reachable states rather than paths: a state is
 * the node, the variables, and as much of the conduct so far as the scenario's conditions can tell
 * apart (whether there was a critical violation always; counts and points only as far as some
 * condition reads them), with the lowest and highest points that reach it. Two playthroughs in
 * the same state have the same future, so the findings are exact, and the work is linear in the
 * number of reachable states. Past `limit` states it stops and says so.
 */

/** How many states the exploration visits before it stops and reports that it is incomplete. */
export const STATE_LIMIT = 60_000;

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
  /** Distinct reachable states (node × variables × conduct that matters). */
  states: number;
  /** False when the state limit was reached: the findings then cover only part of the scenario. */
  complete: boolean;
  endings: EndingReach[];
  /** The highest final percentage (before the cap) of any playthrough with a critical violation, or undefined when none can have one. */
  bestWithCritical?: { uncapped: number; path: string[] };
}

/**
 * The playthroughs that reach one state: what they share (the node, the variables, the conduct
 * that conditions read) and the lowest and highest points among them, each with the reply taken
 * and the state before it, so a playthrough with those points can be written out.
 */
interface Reach {
  node: string;
  variables: Variables;
  /** Conduct of one of the playthroughs (its points are the lowest's). */
  conduct: Conduct;
  min: number;
  max: number;
  minFrom?: { reach: Reach; reply?: string };
  maxFrom?: { reach: Reach; reply?: string };
}

/** What of conduct the scenario's conditions read, so states that differ elsewhere are merged. */
interface ConductUse {
  /** Whether some condition reads points or the percentage so far (then points are part of a state). */
  points: boolean;
  /** Counts above this are the same to every condition (critical violations). */
  criticalCap: number;
  /** Per principle, the count above which conditions cannot tell apart. */
  violationCaps: Map<string, number>;
  /** Whether some condition reads the percentage so far (then the best points so far matter). */
  percent: boolean;
}

function conductUse(scenario: Scenario): ConductUse {
  const use: ConductUse = { points: false, criticalCap: 1, violationCaps: new Map(), percent: false };
  const bound = (c: { gte?: number; gt?: number; lte?: number; lt?: number; eq?: number; ne?: number }) =>
    Math.max(...[c.gte, c.gt, c.lte, c.lt, c.eq, c.ne].filter((b): b is number => b !== undefined).map((b) => Math.ceil(b) + 1), 1);
  const read = (when: When | undefined) => {
    for (const c of conditionsOf(when)) {
      if (!('conduct' in c)) continue;
      if (c.conduct === 'critical') use.criticalCap = Math.max(use.criticalCap, bound(c));
      else if (c.conduct === 'percent') use.percent = use.points = true;
      else if (c.conduct === 'points' || c.conduct === 'score') use.points = true;
      else if (c.conduct === 'violations' && c.principle) use.violationCaps.set(c.principle, Math.max(use.violationCaps.get(c.principle) ?? 0, bound(c)));
    }
  };
  const readNext = (next: Next) => {
    if (typeof next !== 'string') for (const r of next) read(r.when);
  };
  for (const n of scenario.nodes) {
    if (n.kind === 'scene') readNext(n.next);
    else if (n.kind === 'decision') for (const r of n.replies) {
      read(r.when);
      readNext(r.next);
    }
  }
  return use;
}

function keyOf(node: string, variables: Variables, c: Conduct, varIds: readonly string[], use: ConductUse): string {
  let key = `${node}|${Math.min(c.critical, use.criticalCap)}`;
  for (const id of varIds) key += `,${variables[id]}`;
  if (use.points) key += `|${c.points}`;
  if (use.percent) key += `|${c.possible}`;
  for (const [p, cap] of use.violationCaps) key += `|${Math.min(Object.hasOwn(c.violations, p) ? (c.violations[p] as number) : 0, cap)}`;
  return key;
}

function route(next: Next, variables: Variables, conduct: Conduct): string | undefined {
  if (typeof next === 'string') return next;
  for (const r of next) if (r.when === undefined || whenHolds(r.when, variables, conduct)) return r.to;
  return undefined;
}

const criticalCounts = new WeakMap<object, number>();

/** How many critical violations a reply commits (worked out once per reply). */
function criticalOf(reply: Reply): number {
  let n = criticalCounts.get(reply);
  if (n === undefined) {
    n = 0;
    for (const a of reply.assessments) if (a.verdict === 'violates' && getPrinciple(a.principle)?.severity === 'critical') n++;
    criticalCounts.set(reply, n);
  }
  return n;
}

/** The replies of the playthrough with the lowest (or highest) points that reaches a state. */
function pathOf(reach: Reach, side: 'min' | 'max'): string[] {
  const out: string[] = [];
  for (let r: Reach | undefined = reach; r; ) {
    const from: Reach['minFrom'] = side === 'min' ? r.minFrom : r.maxFrom;
    if (from?.reply) out.push(from.reply);
    r = from?.reach;
  }
  return out.reverse();
}

const explorations = new WeakMap<Scenario, Exploration>();

/** Explores a valid scenario (memoised per scenario object). */
export function exploreScenario(scenario: Scenario, limit = STATE_LIMIT): Exploration {
  const cached = limit === STATE_LIMIT ? explorations.get(scenario) : undefined;
  if (cached) return cached;
  const result = explore(indexScenario(scenario), limit);
  if (limit === STATE_LIMIT) explorations.set(scenario, result);
  return result;
}

/**
 * States are visited node by node in topological order, so every way into a state is known
 * before the state is expanded: its lowest and highest points are final, and each state is
 * expanded once.
 */
function explore(index: ScenarioIndex, limit: number): Exploration {
  const scenario = index.scenario;
  const best = analyseBest(scenario).best;
  const use = conductUse(scenario);
  // Unless a condition reads points, percentages or violation counts, only the critical count of
  // conduct matters, and it is kept without rebuilding the rest.
  const fullConduct = use.percent || use.violationCaps.size > 0;
  const varIds = (scenario.variables ?? []).map((v) => v.id);
  const { order } = scenarioGraph(scenario);
  const buckets = new Map<string, Map<string, Reach>>();
  let states = 0;
  let complete = true;
  const arrive = (node: string, variables: Variables, conduct: Conduct, from: Reach | undefined, reply: string | undefined, min: number, max: number) => {
    let bucket = buckets.get(node);
    if (!bucket) buckets.set(node, (bucket = new Map()));
    const key = keyOf(node, variables, conduct, varIds, use);
    const reach = bucket.get(key);
    if (!reach) {
      if (states >= limit) {
        complete = false;
        return;
      }
      states++;
      const link = from && { reach: from, reply };
      bucket.set(key, { node, variables, conduct, min, max, minFrom: link, maxFrom: link });
      return;
    }
    if (min < reach.min) {
      reach.min = min;
      reach.minFrom = from && { reach: from, reply };
      reach.conduct = conduct;
    }
    if (max > reach.max) {
      reach.max = max;
      reach.maxFrom = from && { reach: from, reply };
    }
  };
  arrive(scenario.start, initialVariables(scenario.variables), conductStart(best), undefined, undefined, 0, 0);
  // Per ending: the states with the lowest and highest score, and one after a critical violation;
  // their playthroughs are written out once, at the end.
  const found = new Map<string, { kind: EndingKind; worst: number; best: number; worstAt: Reach; bestAt: Reach; criticalAt?: Reach }>();
  let bestWithCritical: { uncapped: number; at: Reach } | undefined;
  for (const id of order) {
    const node = index.nodes.get(id);
    const bucket = buckets.get(id);
    if (!node || !bucket) continue;
    for (const reach of bucket.values()) {
      if (node.kind === 'ending') {
        const critical = reach.conduct.critical > 0;
        const worst = critical ? Math.min(CRITICAL_CAP, percentOfBest(reach.min, best)) : percentOfBest(reach.min, best);
        const top = critical ? Math.min(CRITICAL_CAP, percentOfBest(reach.max, best)) : percentOfBest(reach.max, best);
        let e = found.get(node.id);
        if (!e) found.set(node.id, (e = { kind: node.ending, worst, best: top, worstAt: reach, bestAt: reach }));
        if (worst < e.worst) [e.worst, e.worstAt] = [worst, reach];
        if (top > e.best) [e.best, e.bestAt] = [top, reach];
        if (critical && !e.criticalAt) e.criticalAt = reach;
        const uncapped = percentOfBest(reach.max, best);
        if (critical && (!bestWithCritical || uncapped > bestWithCritical.uncapped)) bestWithCritical = { uncapped, at: reach };
        continue;
      }
      if (node.kind === 'scene') {
        const variables = applyEffects(node.effects, reach.variables, index.variables).variables;
        const to = route(node.next, variables, reach.conduct);
        if (to !== undefined) arrive(to, variables, reach.conduct, reach, undefined, reach.min, reach.max);
        continue;
      }
      for (const reply of node.replies) {
        if (!whenHolds(reply.when, reach.variables, reach.conduct)) continue;
        const variables = reply.effects === undefined || reply.effects.length === 0 ? reach.variables : applyEffects(reply.effects, reach.variables, index.variables).variables;
        const critical = criticalOf(reply);
        const value = replyValue(reply);
        const c = reach.conduct;
        // Only what some condition reads is kept up to date: points when conditions read the score
        // or points (then they are part of the state), and always the count of critical violations.
        const conduct = fullConduct ? conductAfter(c, reply.assessments, node.replies)
          : use.points ? (critical === 0 && value === 0 ? c : { best: c.best, critical: c.critical + critical, points: c.points + value, possible: c.possible, violations: c.violations })
            : critical === 0 ? c : { best: c.best, critical: c.critical + critical, points: c.points, possible: c.possible, violations: c.violations };
        const to = route(reply.next, variables, conduct);
        if (to !== undefined) arrive(to, variables, conduct, reach, reply.id, reach.min + value, reach.max + value);
      }
    }
  }
  const endings: EndingReach[] = [...found].map(([endingId, e]) => ({
    endingId, kind: e.kind, worst: e.worst, best: e.best, afterCritical: e.criticalAt !== undefined,
    worstPath: pathOf(e.worstAt, 'min'), bestPath: pathOf(e.bestAt, 'max'),
    ...(e.criticalAt ? { criticalPath: pathOf(e.criticalAt, 'min') } : {}),
  }));
  return { states, complete, endings, ...(bestWithCritical ? { bestWithCritical: { uncapped: bestWithCritical.uncapped, path: pathOf(bestWithCritical.at, 'max') } } : {}) };
}
