import { applyEffects, effectResult, initialVariables, readsConduct, valueOf, whenHolds, type VariableChange, type Variables } from './conditions.js';
import { conductAfter, conductOf, conductStart, CRITICAL_CAP, percentOfBest, type Conduct } from './conduct.js';

export { CRITICAL_CAP, percentOfBest };
import { graphMoves, scenarioGraph, type GraphMoves } from './graph.js';
import { getPrinciple, getSection, guideCitation, type Severity } from './guide.js';
import { growthWords, missedChances, strengthWords } from './report/words.js';
import { assessmentsValue, indexScenario, replyValue, routesOf, type ScenarioIndex } from './scenario-index.js';
import type { EndingKind, EndingNode, Next, Reply, Route, Scenario, ScenarioNode } from './schema/scenario.js';
import type { Turn } from './types.js';

/** One step of a path through a scenario: a decision and the reply taken there. */
export interface PathStep {
  nodeId: string;
  replyId: string;
  /** The reply's score: weights followed minus weights violated. */
  value: number;
}

/** The best a scenario allows, and the path that earns it. */
export interface BestAnalysis {
  /** The highest total any path can earn, ignoring conditions (an upper bound). */
  best: number;
  /** The best total reachable from a node, ignoring conditions (undefined for an id not in the graph's order). */
  bestFrom: (id: string) => number | undefined;
  /** The best-practice path, played with real variable values. */
  path: PathStep[];
  /** What that path earns; equals `best` unless conditions block the ideal path. */
  pathScore: number;
  /** The ending the best-practice path reaches. */
  endingId: string | undefined;
  /** The first decision where a condition kept the best path from the ideal reply or route. */
  blockedAt?: BlockedAt;
}

/** Where the best-practice path is kept from the ideal reply or route, and by which condition. */
export interface BlockedAt {
  nodeId: string;
  /** The reply (at a decision) or the node (after a scene) the ideal path takes. */
  wanted: string;
  /**
   * The condition that stops it, from the node: ["replies", 1, "when"] (the ideal reply is not
   * offered), ["replies", 1, "next", 0, "when"] or ["next", 0, "when"] (its route is not taken).
   */
  at?: (string | number)[];
  /** That condition's target when it is a route's: the node it would lead to. */
  routeTo?: string;
  /** True when the condition holds and is in the way: an earlier route that is taken first. */
  takenFirst?: boolean;
  /** With takenFirst: the node the route it comes before leads to. */
  wantedTo?: string;
  /** The variables' values the condition is tested with on the best-practice path. */
  values?: Variables;
}

const analyses = new WeakMap<Scenario, BestAnalysis>();

/**
 * The values after a reply's effects: `applyEffects(...).variables`, worked out the same way
 * (each effect on a declared, set variable, clamped to its range) without the list of changes.
 */
function valuesAfter(effects: Reply['effects'], variables: Variables, declared: ScenarioIndex['variables']): Variables {
  if (effects === undefined || effects.length === 0) return variables;
  const next: Variables = { ...variables };
  for (const effect of effects) {
    const to = effectResult(effect, valueOf(next, effect.var), declared);
    if (to !== undefined) next[effect.var] = to;
  }
  return next;
}

/**
 * The best achievable score by dynamic programming over the scenario's graph in topological
 * order (linear in nodes + replies + routes; never enumerates paths), and the best-practice path.
 * Requires an acyclic graph, which the validator guarantees.
 */
export function analyseBest(scenario: Scenario): BestAnalysis {
  const cached = analyses.get(scenario);
  if (cached) return cached;
  const analysis = computeBest(scenario);
  analyses.set(scenario, analysis);
  return analysis;
}

/** The same analysis without the per-scenario cache (for benchmarks). */
export function computeBest(scenario: Scenario): BestAnalysis {
  const index = indexScenario(scenario);
  const moves = graphMoves(scenarioGraph(scenario));
  // By node number; NaN for a node not in the graph's order (not reached, or on a cycle).
  const bestAt = totalsAfter(moves, true);
  const bestFrom = (id: string): number | undefined => {
    const v = moves.number.get(id);
    const b = v === undefined ? NaN : (bestAt[v] as number);
    return b === b ? b : undefined;
  };
  const fromStart = bestFrom(scenario.start) ?? -Infinity;
  const best = Number.isFinite(fromStart) ? fromStart : 0;
  return { best, bestFrom, ...walkBestPath(index, moves, bestAt, bestFrom, best) };
}

/** The total from node number `t` (-1: no node) in a table of totalsAfter, or `none` when none comes from it. */
function bestAfter(totals: Float64Array, t: number, none = -Infinity): number {
  const b = t < 0 ? NaN : (totals[t] as number);
  return b === b ? b : none;
}

/**
 * The most (or, `most` false, the fewest) points from each node on to an ending, ignoring
 * conditions, by node number: dynamic programming in the graph's order backwards (linear; never
 * enumerates paths). NaN for a node not in the order (not reached, or on a cycle).
 */
function totalsAfter(moves: GraphMoves, most: boolean): Float64Array {
  const { list, order, moveFirst, routeAt, routeTarget } = moves;
  const totals = new Float64Array(list.length).fill(NaN);
  const none = most ? -Infinity : Infinity;
  for (let i = order.length - 1; i >= 0; i--) {
    const v = order[i] as number;
    const node = list[v] as ScenarioNode;
    if (node.kind === 'ending') {
      totals[v] = 0;
      continue;
    }
    let total = none;
    const k = moveFirst[v] as number;
    const count = node.kind === 'scene' ? 1 : node.replies.length;
    for (let j = 0; j < count; j++) {
      const value = node.kind === 'scene' ? 0 : replyValue(node.replies[j] as Reply);
      for (let r = routeAt[k + j] as number; r < (routeAt[k + j + 1] as number); r++) {
        const then = value + bestAfter(totals, routeTarget[r] as number, none);
        total = most ? Math.max(total, then) : Math.min(total, then);
      }
    }
    totals[v] = total;
  }
  return totals;
}

/** The node at number `v` (undefined for -1: no node). */
function nodeAt(moves: GraphMoves, v: number): ScenarioNode | undefined {
  return v < 0 ? undefined : moves.list[v];
}

/** The number of the node route `r` of move `k` leads to (-1: no route taken, or no node has its id). */
function routeTo(moves: GraphMoves, k: number, r: number): number {
  return r < 0 ? -1 : (moves.routeTarget[(moves.routeAt[k] as number) + r] as number);
}

/** A scene played with these values: the values after its effects, and the node its route taken leads to. */
function sceneStep(index: ScenarioIndex, moves: GraphMoves, v: number, scene: Extract<ScenarioNode, { kind: 'scene' }>, variables: Variables, conduct: Conduct): { variables: Variables; to: number } {
  const then = valuesAfter(scene.effects, variables, index.variables);
  return { variables: then, to: routeTo(moves, moves.moveFirst[v] as number, routeTaken(scene.next, then, conduct)) };
}

/** The index of the first route of `next` that holds (0 for a plain "next"), or -1. */
function routeTaken(next: Next, variables: Variables, conduct: Conduct): number {
  if (typeof next === 'string') return 0;
  for (let r = 0; r < next.length; r++) {
    const when = (next[r] as Route).when;
    if (when === undefined || whenHolds(when, variables, conduct)) return r;
  }
  return -1;
}

/** Whether some route of a list reads the volunteer's conduct. */
function routesReadConduct(routes: readonly Route[]): boolean {
  for (const r of routes) if (r.when !== undefined && readsConduct(r.when)) return true;
  return false;
}

/**
 * The best-practice path, played with real values: at each node the reply (or a scene's route)
 * whose points plus the best total after it are highest, among those its conditions allow. Nodes
 * are walked by number (GraphMoves), so no id is looked up on the way.
 */
function walkBestPath(index: ScenarioIndex, moves: GraphMoves, bestAt: Float64Array, bestFrom: (id: string) => number | undefined, best: number) {
  const after = (t: number) => bestAfter(bestAt, t);
  const path: PathStep[] = [];
  let variables = initialVariables(index.scenario.variables);
  let conduct = conductStart(best);
  let pathScore = 0;
  let blockedAt: BestAnalysis['blockedAt'];
  let v = moves.number.get(index.scenario.start) ?? -1;
  let node = nodeAt(moves, v);
  for (let guard = 0; node && node.kind !== 'ending' && guard <= moves.list.length; guard++) {
    if (node.kind === 'scene') {
      const step = sceneStep(index, moves, v, node, variables, conduct);
      variables = step.variables;
      // A condition on the scene's route can send the best path down a weaker branch.
      if (!blockedAt && after(step.to) < after(v)) {
        blockedAt = { nodeId: node.id, wanted: bestRoute(node.next, bestFrom), ...routeBlockage(node.next, ['next'], variables, conduct, bestFrom) };
      }
      node = nodeAt(moves, (v = step.to));
      continue;
    }
    const k = moves.moveFirst[v] as number;
    const here = after(v);
    // The reply chosen so far and where it leads (locals: no object per reply tried).
    let chosen = -1;
    let chosenValue = 0;
    let chosenTotal = -Infinity;
    let chosenTo = -1;
    let chosenAfter: Variables | undefined;
    const replies = node.replies;
    for (let j = 0; j < replies.length; j++) {
      const reply = replies[j] as Reply;
      if (reply.when !== undefined && !whenHolds(reply.when, variables, conduct)) continue;
      // The values after the reply are needed here only to choose among routes; for a plain
      // "next" they are worked out once, for the reply chosen.
      let valuesThen: Variables | undefined;
      let r = 0;
      if (typeof reply.next !== 'string') {
        valuesThen = valuesAfter(reply.effects, variables, index.variables);
        // Conduct after this reply is worked out only for routes that read it.
        r = routeTaken(reply.next, valuesThen, routesReadConduct(reply.next) ? conductAfter(conduct, reply.assessments, replies) : conduct);
        if (r < 0) continue;
      }
      const to = routeTo(moves, k + j, r);
      const value = replyValue(reply);
      const total = value + after(to);
      if (chosen >= 0 && total <= chosenTotal) continue;
      chosen = j;
      chosenValue = value;
      chosenTotal = total;
      chosenTo = to;
      chosenAfter = valuesThen;
    }
    if (chosen < 0) break;
    const reply = replies[chosen] as Reply;
    if (!blockedAt && chosenTotal < here) {
      const wanted = idealReply(index, node.id, bestFrom);
      const at = replies.findIndex((r) => r.id === wanted);
      const ideal = replies[at];
      let blockage: Omit<BlockedAt, 'nodeId' | 'wanted'> = {};
      if (ideal?.when !== undefined && !whenHolds(ideal.when, variables, conduct)) blockage = { at: ['replies', at, 'when'], values: variables };
      else if (ideal) {
        const valuesThen = valuesAfter(ideal.effects, variables, index.variables);
        blockage = routeBlockage(ideal.next, ['replies', at, 'next'], valuesThen, conductAfter(conduct, ideal.assessments, replies), bestFrom);
      }
      blockedAt = { nodeId: node.id, wanted, ...blockage };
    }
    path.push({ nodeId: node.id, replyId: reply.id, value: chosenValue });
    pathScore += chosenValue;
    variables = chosenAfter ?? valuesAfter(reply.effects, variables, index.variables);
    conduct = conductAfter(conduct, reply.assessments, replies);
    v = chosenTo;
    node = nodeAt(moves, v);
  }
  return { path, pathScore, endingId: node?.kind === 'ending' ? node.id : undefined, blockedAt };
}

/** A playthrough played through with real values by `walkWorst`. */
export interface Probe {
  /** The replies taken, in order. */
  path: PathStep[];
  /** The ending reached (undefined when the playthrough stopped before one). */
  endingId?: string;
  /** Where it entered the ending: the node whose "next" sent it there (and the reply, at a decision). */
  entry?: { nodeId: string; replyId?: string };
  /** The conduct at the end: points, critical violations. */
  conduct: Conduct;
}

/**
 * A playthrough played with real values (variables, conduct, conditions, as a session plays it)
 * that takes at each decision, among the replies offered, one `prefer` accepts if there is one,
 * and among those the reply with the fewest points plus the fewest points after it (ignoring
 * conditions). A quick look for the worst a scenario allows, where an exploration of every
 * playthrough stopped at its limit.
 */
export function walkWorst(scenario: Scenario, prefer: (reply: Reply) => boolean = () => false): Probe {
  const index = indexScenario(scenario);
  const moves = graphMoves(scenarioGraph(scenario));
  // The fewest points from each node to an ending (+Infinity where none comes after).
  const worstAt = totalsAfter(moves, false);
  const after = (t: number) => bestAfter(worstAt, t, Infinity);
  const path: PathStep[] = [];
  let variables = initialVariables(scenario.variables);
  let conduct = conductStart(analyseBest(scenario).best);
  let entry: Probe['entry'];
  let v = moves.number.get(scenario.start) ?? -1;
  let node = nodeAt(moves, v);
  for (let guard = 0; node && node.kind !== 'ending' && guard <= moves.list.length; guard++) {
    if (node.kind === 'scene') {
      const step = sceneStep(index, moves, v, node, variables, conduct);
      variables = step.variables;
      entry = { nodeId: node.id };
      node = nodeAt(moves, (v = step.to));
      continue;
    }
    const k = moves.moveFirst[v] as number;
    const replies = node.replies;
    let chosen = -1;
    let chosenPreferred = false;
    let chosenTotal = Infinity;
    let chosenTo = -1;
    let chosenValues: Variables = variables;
    let chosenConduct: Conduct = conduct;
    for (let j = 0; j < replies.length; j++) {
      const reply = replies[j] as Reply;
      if (reply.when !== undefined && !whenHolds(reply.when, variables, conduct)) continue;
      const valuesThen = valuesAfter(reply.effects, variables, index.variables);
      const conductThen = conductAfter(conduct, reply.assessments, replies);
      const r = routeTaken(reply.next, valuesThen, conductThen);
      if (r < 0) continue;
      const to = routeTo(moves, k + j, r);
      const preferred = prefer(reply);
      const total = replyValue(reply) + after(to);
      if (chosen >= 0 && ((chosenPreferred && !preferred) || (chosenPreferred === preferred && total >= chosenTotal))) continue;
      [chosen, chosenPreferred, chosenTotal, chosenTo, chosenValues, chosenConduct] = [j, preferred, total, to, valuesThen, conductThen];
    }
    if (chosen < 0) break;
    const reply = replies[chosen] as Reply;
    path.push({ nodeId: node.id, replyId: reply.id, value: replyValue(reply) });
    entry = { nodeId: node.id, replyId: reply.id };
    variables = chosenValues;
    conduct = chosenConduct;
    v = chosenTo;
    node = nodeAt(moves, v);
  }
  return { path, conduct, ...(node?.kind === 'ending' ? { endingId: node.id, ...(entry ? { entry } : {}) } : {}) };
}

/**
 * Which route of `next` keeps the path from the best one: the best route's own "when", when it does
 * not hold, or else an earlier route that holds and is taken first.
 */
function routeBlockage(next: Next, base: (string | number)[], variables: Variables, conduct: Conduct, bestFrom: (id: string) => number | undefined): Omit<BlockedAt, 'nodeId' | 'wanted'> {
  if (typeof next === 'string') return {};
  const wanted = bestRoute(next, bestFrom);
  const k = next.findIndex((r) => r.to === wanted);
  const route = next[k];
  if (route?.when !== undefined && !whenHolds(route.when, variables, conduct)) return { at: [...base, k, 'when'], routeTo: route.to, values: variables };
  const first = next.findIndex((r) => r.when === undefined || whenHolds(r.when, variables, conduct));
  const taken = next[first];
  if (taken && first < k) return { at: taken.when === undefined ? [...base, first] : [...base, first, 'when'], routeTo: taken.to, takenFirst: true, wantedTo: wanted, values: variables };
  return {};
}

function bestRoute(next: Next, bestFrom: (id: string) => number | undefined): string {
  const routes = routesOf(next);
  return routes.reduce((a, b) => ((bestFrom(b.to) ?? -Infinity) > (bestFrom(a.to) ?? -Infinity) ? b : a), routes[0] as { to: string }).to;
}

function idealReply(index: ScenarioIndex, nodeId: string, bestFrom: (id: string) => number | undefined): string {
  const node = index.nodes.get(nodeId);
  if (node?.kind !== 'decision') return '';
  let best = node.replies[0]?.id ?? '';
  let bestTotal = -Infinity;
  for (const reply of node.replies) {
    for (const r of routesOf(reply.next)) {
      const total = replyValue(reply) + (bestFrom(r.to) ?? 0);
      if (total > bestTotal) [best, bestTotal] = [reply.id, total];
    }
  }
  return best;
}

/** How the volunteer did on one principle over the whole playthrough. */
export interface PrincipleResult {
  principleId: string;
  title: string;
  rule: string;
  severity: Severity;
  /** The guide heading the principle comes from. */
  section: string;
  status: 'violated' | 'missed' | 'followed';
  followed: number;
  violated: number;
  missed: number;
  /**
   * Of `missed`, the chances missed at decisions where the reply taken was not best practice (see
   * DebriefTurn's `sameAsBest`). A principle `followed` with some of these was kept to at some
   * decisions and let go at others: its strength says at how many of its chances, and it is a growth
   * area too. A miss beside a best-practice reply is not counted: a perfect playthrough is never told
   * it missed a chance (docs/authoring.md, "What missed means"). `status` does not change with it.
   */
  missedBelowBest: number;
  /** What happened each time the principle came up, with the feedback given. */
  notes: { nodeId: string; replyId: string; verdict: 'follows' | 'violates' | 'missed'; feedback: string }[];
}

/** One turn of the volunteer's path, ready to show. */
export interface DebriefTurn extends PathStep {
  /** The most points any reply offered at this decision had (a record's "best points" there). */
  bestValue: number;
  /**
   * Best practice here, by one rule for every view (bestPracticeAt): at a decision the
   * best-practice path from the start goes through, the reply that path takes there; elsewhere
   * the reply with the most points at this decision (the first in the file on a tie); only ever
   * among the replies offered to the volunteer at that moment.
   */
  bestReplyId: string;
  /** The points of `bestReplyId`: "best here" in a debrief. */
  bestReplyValue: number;
  /**
   * The reply taken was best practice here: it is `bestReplyId`, or, at a decision off the
   * best-practice path, a reply worth as many points.
   */
  sameAsBest: boolean;
  feedback: string;
  turn: Turn;
}

/** Everything a volunteer sees after a playthrough. */
export interface Debrief {
  scenarioId: string;
  scenarioVersion: number;
  title: string;
  /** The ending reached, or undefined when the playthrough stopped early. */
  ending?: { id: string; kind: EndingKind; title: string; narration: string };
  /**
   * `percent` is earned as a share of the best total, rounded, between 0 and 100, and at most
   * CRITICAL_CAP after a critical violation (`capped` says it was lowered). When the best total
   * is not positive the scenario cannot be scored and `percent` is 0 (the validator warns).
   */
  score: { earned: number; best: number; percent: number; capped: boolean };
  /** The outcome band, from conduct: shown above the percentage by every UI. */
  outcome: Outcome;
  /** Violations of critical principles (the guide's prohibited activities), always shown first. */
  criticalViolations: { principleId: string; title: string; section: string; nodeId: string; replyId: string; feedback: string }[];
  /** One row per principle touched: critical violations first, then violations, misses, strengths. */
  principles: PrincipleResult[];
  strengths: string[];
  growthAreas: string[];
  turns: DebriefTurn[];
  bestPath: PathStep[];
}

/** How a playthrough went, in three bands. */
export type OutcomeBand = 'strong' | 'developing' | 'needs-review';

/** The band with its words. */
export interface Outcome {
  band: OutcomeBand;
  /** "Strong", "Developing" or "Needs review". */
  label: string;
  /** Why, in one sentence a room can follow on a projector: the score and where it falls against the bands. */
  reason: string;
}

/** From this percentage (and no critical violation) a playthrough is Strong. */
export const STRONG_FROM = 80;
/** From this percentage (and no critical violation) a playthrough is Developing; below it, Needs review. */
export const DEVELOPING_FROM = 50;


/** The band of a playthrough from its conduct: any critical violation means Needs review. */
export function outcomeOf(percent: number, criticalViolations: number): Outcome {
  if (criticalViolations > 0) {
    return { band: 'needs-review', label: 'Needs review', reason: `A prohibited activity in the guide (a critical violation) always needs review, and caps the score at ${CRITICAL_CAP}%.` };
  }
  // The score said with its band's bounds ("Under 50%." alone left a room asking under 50% of what,
  // and what it takes to do better): the same words on the debrief, the projector and the terminal.
  const scored = `The score, ${percent}% of the best possible,`;
  if (percent >= STRONG_FROM) return { band: 'strong', label: 'Strong', reason: `${scored} is ${STRONG_FROM}% or more, with no critical violation.` };
  if (percent >= DEVELOPING_FROM) return { band: 'developing', label: 'Developing', reason: `${scored} is from ${DEVELOPING_FROM}% to ${STRONG_FROM - 1}%, with no critical violation; ${STRONG_FROM}% or more is Strong.` };
  return { band: 'needs-review', label: 'Needs review', reason: `${scored} is under ${DEVELOPING_FROM}%, which needs review; ${DEVELOPING_FROM}% or more, with no critical violation, is Developing.` };
}


const STATUS_ORDER = { violated: 0, missed: 1, followed: 2 } as const;
const SEVERITY_ORDER = { critical: 0, core: 1, supporting: 2 } as const;

/** Scores a transcript against the best the scenario allows and explains it in the guide's terms. */
/**
 * The closing text of an ending for this playthrough: the first variant whose `when` holds for the
 * variables and conduct at the end, or the ending's own narration.
 */
export function endingNarration(scenario: Scenario, node: EndingNode, variables: Variables | undefined, transcript: readonly Turn[]): string {
  if (!node.variants) return node.narration;
  const index = indexScenario(scenario);
  const values = variables ?? initialVariables(scenario.variables);
  const conduct = conductOf(transcript, index, analyseBest(scenario).best);
  return node.variants.find((v) => whenHolds(v.when, values, conduct))?.narration ?? node.narration;
}

/** Best practice at one decision, as every view says it (bestPracticeAt). */
export interface BestPractice {
  /** The reply named as best practice here ("Best practice here"). */
  replyId: string;
  /** Its points ("best here"). */
  value: number;
  /**
   * Every reply that counts as best practice here: on the best-practice path, that path's reply
   * alone; elsewhere every offered reply worth `value` (a reply worth as much is as good).
   */
  replyIds: readonly string[];
}

const bestSteps = new WeakMap<Scenario, Map<string, PathStep>>();

/** The best-practice path's step at each decision it goes through (the graph is acyclic: once each). */
function bestStepsOf(scenario: Scenario): Map<string, PathStep> {
  let steps = bestSteps.get(scenario);
  if (!steps) {
    steps = new Map();
    for (const s of analyseBest(scenario).path) if (!steps.has(s.nodeId)) steps.set(s.nodeId, s);
    bestSteps.set(scenario, steps);
  }
  return steps;
}

/**
 * Best practice at a decision, the one rule every view follows (the debrief through DebriefTurn's
 * `bestReplyId`, a trainer-led reveal and session summary through their `best` marks), among the
 * replies `offered` at that moment (their "when" held; a greyed-out reply, "not available now",
 * is never named as best practice, nor its points the "best here"). At a decision the
 * best-practice path from the start goes through, the reply that path takes, if it is offered, so
 * that "Best practice here" and "The best-practice path from the start" never name two different
 * replies for one decision; elsewhere (or when the path's reply is not offered) the offered reply
 * with the most points (the first in the file on a tie; every reply tied with it counts as best
 * practice). The path may take a reply worth fewer points here than another because it leads to
 * more later: the validator warns of that (best-here-not-best-path). Undefined for a node that is
 * not a decision, or one where nothing is offered.
 */
export function bestPracticeAt(scenario: Scenario, nodeId: string, offered: (reply: Reply) => boolean = () => true): BestPractice | undefined {
  const node = indexScenario(scenario).nodes.get(nodeId);
  if (node?.kind !== 'decision') return undefined;
  const step = bestStepsOf(scenario).get(nodeId);
  const taken = step && node.replies.find((r) => r.id === step.replyId);
  if (taken && offered(taken)) return { replyId: taken.id, value: replyValue(taken), replyIds: [taken.id] };
  const choices = node.replies.filter(offered);
  const top = highestHere(choices);
  if (!top) return undefined;
  return { ...top, replyIds: choices.filter((r) => replyValue(r) === top.value).map((r) => r.id) };
}

/** A decision's reply ids (by place) and its conditional replies' places. */
interface DecisionReplies { at: ReadonlyMap<string, number>; conditional: readonly number[] }
const decisionReplies = new WeakMap<readonly Reply[], DecisionReplies>();
const NO_REPLIES: readonly Reply[] = [];

/**
 * Each decision's reply ids and conditional replies, found once per scenario (keyed by its replies
 * array, which a scenario keeps): every debrief made them again for each decision it went through
 * (bench "debrief", about an eighth of a debrief's time).
 */
function decisionOf(replies: readonly Reply[]): DecisionReplies {
  let d = decisionReplies.get(replies);
  if (!d) {
    d = { at: new Map(replies.map((r, i) => [r.id, i])), conditional: replies.flatMap((r, i) => (r.when !== undefined ? [i] : [])) };
    decisionReplies.set(replies, d);
  }
  return d;
}

/**
 * Which replies were offered at each decision of a transcript: each turn's test, from the values
 * and conduct the volunteer had there. The values are worked out again as the session had them:
 * from the start values, through the scenes before the first decision (their effects and routes,
 * as the machine plays them), then each turn's recorded changes (its reply's and the scenes' after
 * it); conduct from the replies before. The reply taken always counts as offered; a reply of
 * another decision never does.
 */
export function offeredAtTurns(scenario: Scenario, transcript: readonly Turn[]): ((reply: Reply) => boolean)[] {
  const index = indexScenario(scenario);
  let variables = initialVariables(scenario.variables);
  let conduct = conductStart(analyseBest(scenario).best);
  let node = index.nodes.get(scenario.start);
  for (let guard = 0; node?.kind === 'scene' && guard <= index.nodes.size; guard++) {
    variables = valuesAfter(node.effects, variables, index.variables);
    const r = routeTaken(node.next, variables, conduct);
    node = r < 0 ? undefined : index.nodes.get((routesOf(node.next)[r] as { to: string }).to);
  }
  // The values are changed in place, and each decision's conditional replies tested as it is met:
  // a copy of every value at each turn (for a test made later) cost variables × turns (4.5 s for a
  // scenario of 1,000 variables and a playthrough of 16,000 decisions; bench "debrief").
  variables = { ...variables };
  return transcript.map((turn) => {
    const node = index.nodes.get(turn.nodeId);
    const replies = node?.kind === 'decision' ? node.replies : NO_REPLIES;
    const { at, conditional } = decisionOf(replies);
    // By each reply's place at this decision: 1, greyed out ("not available now").
    const greyed = new Uint8Array(replies.length);
    for (const i of conditional) {
      const r = replies[i] as Reply;
      if (r.when !== undefined && !whenHolds(r.when, variables, conduct)) greyed[i] = 1;
    }
    // Only this decision's replies were offered here; the reply taken always counts.
    const offered = (reply: Reply) => {
      if (reply.id === turn.replyId) return true;
      const i = at.get(reply.id);
      return i !== undefined && greyed[i] === 0;
    };
    for (const c of turn.changes) variables[c.var] = c.to;
    for (const c of turn.sceneChanges ?? []) variables[c.var] = c.to;
    conduct = conductAfter(conduct, turn.assessments, replies);
    return offered;
  });
}

/**
 * What the best-practice path is offered at each of its decisions, by the debrief's rule
 * (offeredAtTurns, given the path as the transcript a session playing it records): for the
 * validator, whose warnings about what a perfect playthrough is told must weigh the same replies
 * its debrief does (a reply greyed out or hidden there is no choice). One test per step of
 * analyseBest's path; a step the replay cannot follow (never, for a valid scenario) is left out,
 * with the steps after it.
 */
export function offeredOnBestPath(scenario: Scenario): ((reply: Reply) => boolean)[] {
  const index = indexScenario(scenario);
  const best = analyseBest(scenario);
  let variables = initialVariables(scenario.variables);
  let conduct = conductStart(best.best);
  let node = index.nodes.get(scenario.start);
  /** Plays the scenes from `node` to the next decision or ending: their changes, in order (only the values after them are read). */
  const scenes = (): VariableChange[] => {
    const changes: VariableChange[] = [];
    for (let guard = 0; node?.kind === 'scene' && guard <= index.nodes.size; guard++) {
      const after = applyEffects(node.effects, variables, index.variables);
      variables = after.variables;
      for (const c of after.changes) changes.push(c);
      const r = routeTaken(node.next, variables, conduct);
      node = r < 0 ? undefined : index.nodes.get((routesOf(node.next)[r] as Route).to);
    }
    return changes;
  };
  scenes();
  const transcript: Turn[] = [];
  for (const step of best.path) {
    const entry = index.replies.get(step.replyId);
    if (node?.kind !== 'decision' || entry?.node !== node) break;
    const reply = entry.reply;
    const after = applyEffects(reply.effects, variables, index.variables);
    variables = after.variables;
    conduct = conductAfter(conduct, reply.assessments, node.replies);
    const r = routeTaken(reply.next, variables, conduct);
    node = r < 0 ? undefined : index.nodes.get((routesOf(reply.next)[r] as Route).to);
    transcript.push({ nodeId: step.nodeId, replyId: reply.id, assessments: reply.assessments, feedback: reply.feedback, changes: after.changes, sceneChanges: scenes() });
  }
  return offeredAtTurns(scenario, transcript);
}

/** The reply with the most points among these (the first in the file on a tie). */
export function highestHere(replies: readonly Reply[]): { replyId: string; value: number } | undefined {
  let top: { replyId: string; value: number } | undefined;
  for (const r of replies) {
    const v = replyValue(r);
    if (!top || v > top.value) top = { replyId: r.id, value: v };
  }
  return top;
}

/**
 * Whether a reply that does not assess this principle, where another reply follows it, missed a
 * chance for it. A critical principle (one of the guide's prohibited activities) cannot be missed:
 * it is kept by not doing what it prohibits, so a reply that neither refuses aloud nor does it has
 * kept it ("You kept to 'No communication with a trafficker' at only 3 of 4 chances" read as if
 * the volunteer had once been in touch). Only a violation counts against it.
 */
export function canBeMissed(principleId: string): boolean {
  return getPrinciple(principleId)?.severity !== 'critical';
}

/** How many times a principle was followed (times, not `followed`'s summed weights: a debrief's ✓n). */
const keptTimes = (p: PrincipleResult) => p.notes.filter((n) => n.verdict === 'follows').length;

/** The debrief of a playthrough; `variables` (the values at the end) choose an ending's variant closing text. */
export function buildDebrief(scenario: Scenario, transcript: readonly Turn[], endingId?: string, variables?: Variables): Debrief {
  const index = indexScenario(scenario);
  const best = analyseBest(scenario);
  const results = new Map<string, PrincipleResult>();
  const resultFor = (principleId: string): PrincipleResult => {
    let r = results.get(principleId);
    if (!r) {
      const p = getPrinciple(principleId);
      r = {
        principleId,
        title: p?.title ?? principleId,
        rule: p?.rule ?? '',
        severity: p?.severity ?? 'supporting',
        section: (p && getSection(p.section)?.heading) ?? '',
        status: 'followed', followed: 0, violated: 0, missed: 0, missedBelowBest: 0, notes: [],
      };
      results.set(principleId, r);
    }
    return r;
  };
  // What the volunteer was offered at each decision: best practice is chosen among those replies.
  const offeredAt = offeredAtTurns(scenario, transcript);
  const criticalViolations: Debrief['criticalViolations'] = [];
  const turns: DebriefTurn[] = [];
  let earned = 0;
  transcript.forEach((turn, i) => {
    const node = index.nodes.get(turn.nodeId);
    const offered = offeredAt[i] as (reply: Reply) => boolean;
    const reply = index.replies.get(turn.replyId)?.reply;
    const value = assessmentsValue(turn.assessments);
    earned += value;
    const touched = new Set<string>();
    for (const a of turn.assessments) {
      touched.add(a.principle);
      const r = resultFor(a.principle);
      if (a.verdict === 'follows') r.followed += a.weight ?? 1;
      else r.violated += a.weight ?? 1;
      r.notes.push({ nodeId: turn.nodeId, replyId: turn.replyId, verdict: a.verdict, feedback: turn.feedback });
      if (a.verdict === 'violates' && r.severity === 'critical') {
        criticalViolations.push({ principleId: a.principle, title: r.title, section: r.section, nodeId: turn.nodeId, replyId: turn.replyId, feedback: turn.feedback });
      }
    }
    const here = bestPracticeAt(scenario, turn.nodeId, offered) ?? { replyId: turn.replyId, value, replyIds: [turn.replyId] };
    const sameAsBest = here.replyIds.includes(turn.replyId);
    let bestValue = value;
    if (node?.kind === 'decision') {
      for (const other of node.replies) {
        // A greyed-out reply ("not available now") was no chance: neither best practice nor a miss.
        if (!offered(other)) continue;
        bestValue = Math.max(bestValue, replyValue(other));
        if (other.id === turn.replyId) continue;
        for (const a of other.assessments) {
          if (a.verdict !== 'follows' || touched.has(a.principle) || !canBeMissed(a.principle)) continue;
          touched.add(a.principle);
          const r = resultFor(a.principle);
          r.missed += 1;
          if (!sameAsBest) r.missedBelowBest += 1;
          r.notes.push({ nodeId: turn.nodeId, replyId: other.id, verdict: 'missed', feedback: other.feedback });
        }
      }
    }
    turns.push({ nodeId: turn.nodeId, replyId: turn.replyId, value, bestValue, bestReplyId: here.replyId, bestReplyValue: here.value, sameAsBest, feedback: reply?.feedback ?? turn.feedback, turn });
  });
  for (const r of results.values()) r.status = r.violated > 0 ? 'violated' : r.followed > 0 ? 'followed' : 'missed';
  // Titles in English order ('en'), not the default language's (LANG, the browser's settings).
  const principles = [...results.values()].sort((a, b) =>
    STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.title.localeCompare(b.title, 'en'));
  const ending = endingId ? index.nodes.get(endingId) : undefined;
  const uncapped = percentOfBest(earned, best.best);
  const percent = criticalViolations.length > 0 ? Math.min(CRITICAL_CAP, uncapped) : uncapped;
  return {
    scenarioId: scenario.id,
    scenarioVersion: scenario.version,
    title: scenario.title,
    ending: ending?.kind === 'ending' ? { id: ending.id, kind: ending.ending, title: ending.title, narration: endingNarration(scenario, ending, variables, transcript) } : undefined,
    score: { earned, best: best.best, percent, capped: percent < uncapped },
    outcome: outcomeOf(percent, criticalViolations.length),
    criticalViolations,
    principles,
    // Kept to at every chance for it. One kept to at some decisions and missed at others is a growth
    // area, said once ("at only 1 of 4 chances"): a strength would hide the chances missed.
    strengths: principles.filter((p) => p.status === 'followed' && p.missedBelowBest === 0).map((p) => strengthWords(p, guideCitation(p.section))),
    // Those gone against or missed, then those kept to at some decisions and missed at others. The
    // chances missed: for one never followed, each decision where it was missed ("You missed 3
    // chances for"); for one followed elsewhere, those missed below best practice ("at only 1 of 4").
    growthAreas: principles.filter((p) => p.status !== 'followed' || p.missedBelowBest > 0).map((p) =>
      growthWords({ title: p.title, rule: p.rule, status: p.status, critical: p.severity === 'critical', kept: keptTimes(p), missed: missedChances(p) }, guideCitation(p.section))),
    turns,
    bestPath: best.path,
  };
}
