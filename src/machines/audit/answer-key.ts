import { principles } from '../guide.js';
import { conditionsOf, isConductCondition } from '../conditions.js';
import { indexScenario, replyValue, routesOf } from '../scenario-index.js';
import type { DecisionNode, Next, Reply, Scenario } from '../schema/scenario.js';

/**
 * How much the wording of a scenario gives its answer key away, measured over every decision.
 *
 * - the best reply is the one with the highest value (weights followed minus weights violated);
 *   several replies can share it;
 * - best-first: the first reply in file order is among the best;
 * - best-longest / best-shortest: a best reply is strictly the longest / strictly the shortest
 *   text at its decision (with ties for best, any best reply counts);
 * - near-miss: some reply that is not among the best scores zero or more, or both follows one
 *   principle and violates another;
 * - warm-only-best: the best reply is the only one that uses warm words (see WARM) and is also the
 *   longest: the two tells together;
 * - only-best-asks: a best reply ends on a question (see asks) and no other reply does, so "pick the
 *   one that asks" finds it ("Want to make a plan?" beside replies that all end flat).
 */
export interface DecisionKey {
  scenarioId: string;
  decisionId: string;
  /** Which of the scenarios measured it is in (their order), and its index in that scenario's "nodes". */
  scenarioIndex: number;
  nodeIndex: number;
  replies: number;
  bestIds: string[];
  /** The best replies' indexes in the decision's "replies" (the file's order). */
  bestIndexes: number[];
  bestFirst: boolean;
  bestLongest: boolean;
  bestShortest: boolean;
  nearMiss: boolean;
  warmOnlyBest: boolean;
  onlyBestAsks: boolean;
}

export interface AnswerKeyFigures {
  decisions: number;
  bestFirst: number;
  bestLongest: number;
  bestShortest: number;
  nearMiss: number;
  warmOnlyBestAndLongest: number;
  onlyBestAsks: number;
  /** Replies scoring below zero that use warm words. */
  warmWrongReplies: number;
  /** The same figures as percentages of `decisions`, rounded to one decimal. */
  percent: { bestFirst: number; bestLongest: number; bestShortest: number; nearMiss: number; onlyBestAsks: number };
  perDecision: DecisionKey[];
}

/** Words that make a reply sound kind, whatever it does. */
export const WARM = /\b(i hear you|glad|thank you|thanks for|i'm here|i am here|i care|proud|no judg|that makes sense|makes sense|of course|i'm so sorry|sorry|it's okay|it's ok|i get it|love)\b/i;

/** Whether a reply ends on a question: its last mark a "?" (a closing quote or bracket after it aside). */
export function asks(text: string): boolean {
  return /\?["'”’)\]]*\s*$/.test(text);
}

function isMixed(reply: Reply): boolean {
  return reply.assessments.some((a) => a.verdict === 'follows') && reply.assessments.some((a) => a.verdict === 'violates');
}

export function decisionKey(scenarioId: string, node: DecisionNode, nodeIndex = 0, scenarioIndex = 0): DecisionKey {
  const values = node.replies.map(replyValue);
  const top = Math.max(...values);
  const best = node.replies.filter((_, i) => values[i] === top);
  const lengths = node.replies.map((r) => r.text.length);
  const strictly = (reply: Reply, pick: (a: number, b: number) => boolean) =>
    node.replies.every((r) => r === reply || pick(reply.text.length, r.text.length));
  const bestLongest = best.some((b) => strictly(b, (a, c) => a > c));
  const warm = node.replies.map((r) => WARM.test(r.text));
  const warmIds = node.replies.filter((_, i) => warm[i]).map((r) => r.id);
  return {
    scenarioId,
    decisionId: node.id,
    scenarioIndex,
    nodeIndex,
    replies: node.replies.length,
    bestIds: best.map((r) => r.id),
    bestIndexes: node.replies.flatMap((_, i) => (values[i] === top ? [i] : [])),
    bestFirst: values[0] === top,
    bestLongest,
    bestShortest: best.some((b) => strictly(b, (a, c) => a < c)),
    nearMiss: node.replies.some((r, i) => values[i] !== top && ((values[i] ?? -1) >= 0 || isMixed(r))),
    warmOnlyBest: bestLongest && warmIds.length > 0 && warmIds.every((id) => best.some((b) => b.id === id)) && lengths.length > 1,
    onlyBestAsks: node.replies.length > 1 && best.some((b) => asks(b.text)) && node.replies.every((r, i) => values[i] === top || !asks(r.text)),
  };
}

export function answerKeyFigures(scenarios: readonly Scenario[]): AnswerKeyFigures {
  const perDecision: DecisionKey[] = [];
  let warmWrongReplies = 0;
  for (const [si, s] of scenarios.entries()) {
    for (const [ni, n] of s.nodes.entries()) {
      if (n.kind !== 'decision') continue;
      perDecision.push(decisionKey(s.id, n, ni, si));
      for (const r of n.replies) if (replyValue(r) < 0 && WARM.test(r.text)) warmWrongReplies++;
    }
  }
  const count = (f: (d: DecisionKey) => boolean) => perDecision.filter(f).length;
  const decisions = perDecision.length;
  const pct = (k: number) => Math.round((1000 * k) / Math.max(1, decisions)) / 10;
  const bestFirst = count((d) => d.bestFirst);
  const bestLongest = count((d) => d.bestLongest);
  const bestShortest = count((d) => d.bestShortest);
  const nearMiss = count((d) => d.nearMiss);
  const onlyBestAsks = count((d) => d.onlyBestAsks);
  return {
    decisions,
    bestFirst,
    bestLongest,
    bestShortest,
    nearMiss,
    warmOnlyBestAndLongest: count((d) => d.warmOnlyBest),
    onlyBestAsks,
    warmWrongReplies,
    percent: { bestFirst: pct(bestFirst), bestLongest: pct(bestLongest), bestShortest: pct(bestShortest), nearMiss: pct(nearMiss), onlyBestAsks: pct(onlyBestAsks) },
    perDecision,
  };
}

const critical = new Set(principles.filter((p) => p.severity === 'critical').map((p) => p.id));

/** Every violation of a critical principle (the guide's Prohibited Activities) weighted below 3. */
export function lightCriticalViolations(scenario: Scenario): string[] {
  const out: string[] = [];
  for (const n of scenario.nodes) {
    if (n.kind !== 'decision') continue;
    for (const r of n.replies) for (const a of r.assessments) {
      if (a.verdict === 'violates' && critical.has(a.principle) && (a.weight ?? 1) !== 3) out.push(`${r.id} ${a.principle} weight ${a.weight ?? 1}`);
    }
  }
  return out;
}

/**
 * A negative reply that leaves no trace the story can show: the variables it changes that no
 * condition after it reads (`unread`), and of those the ones some condition elsewhere reads (before
 * it, or on a way it does not lead to: `readElsewhere`).
 */
export interface IdleReply { id: string; decision: string; unread: string[]; readElsewhere: string[] }

/** The variables one "when" reads (conduct aside), added to `into`. */
function noteVariables(when: Parameters<typeof conditionsOf>[0], into: Set<string>): void {
  for (const c of conditionsOf(when)) if (!isConductCondition(c)) into.add(c.var);
}

/** The variables the conditions at a node read: a scene's routes', a decision's replies' and their routes', an ending's variants'. */
function variablesReadAt(n: Scenario['nodes'][number], into: Set<string>): void {
  if (n.kind === 'scene') routesOf(n.next).forEach((r) => noteVariables(r.when, into));
  if (n.kind === 'decision') for (const r of n.replies) { noteVariables(r.when, into); routesOf(r.next).forEach((x) => noteVariables(x.when, into)); }
  if (n.kind === 'ending') n.variants?.forEach((v) => noteVariables(v.when, into));
}

/** The variables the scenario's conditions read: its routes', its replies' and its ending variants' "when"s. */
export function variablesConditionsRead(scenario: Scenario): Set<string> {
  const read = new Set<string>();
  for (const n of scenario.nodes) variablesReadAt(n, read);
  return read;
}

/** How many variables one pass of variablesReadFrom follows (its bits per node): it makes as many passes as it needs. */
const VARIABLES_PER_PASS = 1024;

/**
 * Which of `followed` some condition at a node, or at a node some way on from it (routes taken
 * whatever their conditions), reads: `reads(nodeId, variable)`. One pass over the nodes in reverse
 * order (each after the nodes it leads to: a valid scenario has no loop), each node's set of
 * variables as bits, the union of its own and its successors'; linear in the scenario's size (times
 * `followed` / 32 words a node). A node on a loop (an invalid scenario) counts what it reaches
 * outside the loop.
 */
export function variablesReadFrom(scenario: Scenario, followed: readonly string[]): (nodeId: string, variable: string) => boolean {
  const nodes = scenario.nodes;
  const at = new Map<string, number>();
  nodes.forEach((n, i) => { if (!at.has(n.id)) at.set(n.id, i); });
  const succ: number[][] = nodes.map((n) => {
    const to = n.kind === 'scene' ? routesOf(n.next).map((r) => r.to) : n.kind === 'decision' ? n.replies.flatMap((r) => routesOf(r.next).map((x) => x.to)) : [];
    return [...new Set(to.flatMap((id) => (at.has(id) ? [at.get(id) as number] : [])))];
  });
  // Every node after all it leads to (depth first, without recursion).
  const order: number[] = [];
  const state = new Uint8Array(nodes.length);
  for (let root = 0; root < nodes.length; root++) {
    if (state[root]) continue;
    const stack: [number, number][] = [[root, 0]];
    state[root] = 1;
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as [number, number];
      const next = (succ[top[0]] as number[])[top[1]++];
      if (next === undefined) { state[top[0]] = 2; order.push(top[0]); stack.pop(); }
      else if (!state[next]) { state[next] = 1; stack.push([next, 0]); }
    }
  }
  const varIndex = new Map(followed.map((v, i) => [v, i]));
  const own: number[][] = nodes.map((n) => {
    const read = new Set<string>();
    variablesReadAt(n, read);
    return [...read].flatMap((v) => (varIndex.has(v) ? [varIndex.get(v) as number] : []));
  });
  const passes: Uint32Array[] = [];
  for (let from = 0; from < followed.length; from += VARIABLES_PER_PASS) {
    const words = Math.ceil(Math.min(VARIABLES_PER_PASS, followed.length - from) / 32);
    const bits = new Uint32Array(nodes.length * words);
    for (const i of order) {
      const base = i * words;
      for (const v of own[i] as number[]) if (v >= from && v < from + VARIABLES_PER_PASS) bits[base + ((v - from) >>> 5)] = (bits[base + ((v - from) >>> 5)] as number) | (1 << ((v - from) & 31));
      for (const s of succ[i] as number[]) {
        if (state[s] !== 2) continue;
        for (let w = 0; w < words; w++) bits[base + w] = (bits[base + w] as number) | (bits[s * words + w] as number);
      }
    }
    passes.push(bits);
  }
  return (nodeId, variable) => {
    const i = at.get(nodeId);
    const v = varIndex.get(variable);
    if (i === undefined || v === undefined) return false;
    const pass = Math.floor(v / VARIABLES_PER_PASS);
    const k = v - pass * VARIABLES_PER_PASS;
    const words = Math.ceil(Math.min(VARIABLES_PER_PASS, followed.length - pass * VARIABLES_PER_PASS) / 32);
    return (((passes[pass] as Uint32Array)[i * words + (k >>> 5)] as number) & (1 << (k & 31))) !== 0;
  };
}

/**
 * Negative replies that leave no trace: they change no variable that a condition after them reads
 * (their own routes', or a route's, a reply's or an ending variant's "when" some way on from their
 * "next": a change no later condition reads is one the story cannot show, and a condition met only
 * before the reply, or on a way it does not lead to, never sees it) and route exactly like a best
 * reply at the same decision, so the story cannot tell them from the best move. A reply that leaves
 * a variable read after it otherwise than every such best reply does (the best reply sets a flag a
 * later route tests, and this one does not) can be told from it, and is not one. Each with the
 * variables it changes that no condition after it reads (none: it changes none).
 */
export function inconsequentialReplyFindings(scenario: Scenario): IdleReply[] {
  const read = variablesConditionsRead(scenario);
  const changedBy = (r: Reply) => [...new Set((r.effects ?? []).filter((e) => e.set !== undefined || (e.add ?? 0) !== 0).map((e) => e.var))];
  /** What a reply's effects do to one variable, comparable between replies. */
  const effectOn = (r: Reply, v: string) => JSON.stringify((r.effects ?? []).filter((e) => e.var === v).map((e) => [e.set, e.add ?? 0]));
  const candidates: { reply: Reply; decision: string; changed: string[]; bests: Reply[] }[] = [];
  for (const n of scenario.nodes) {
    if (n.kind !== 'decision') continue;
    const top = Math.max(...n.replies.map(replyValue));
    const bests = n.replies.filter((r) => replyValue(r) === top);
    for (const r of n.replies) {
      const route = JSON.stringify(routesOf(r.next));
      const alike = bests.filter((b) => JSON.stringify(routesOf(b.next)) === route);
      if (replyValue(r) >= 0 || alike.length === 0) continue;
      candidates.push({ reply: r, decision: n.id, changed: changedBy(r), bests: alike });
    }
  }
  // Only a variable some condition reads can be read after a reply: those are followed.
  const followed = [...new Set(candidates.flatMap((c) => [...c.changed, ...c.bests.flatMap(changedBy)].filter((v) => read.has(v))))];
  const readFrom = followed.length > 0 ? variablesReadFrom(scenario, followed) : () => false;
  const out: IdleReply[] = [];
  for (const { reply, decision, changed, bests } of candidates) {
    const routes = routesOf(reply.next);
    const ownRoutes = new Set<string>();
    routes.forEach((x) => noteVariables(x.when, ownRoutes));
    const readAfter = (v: string) => ownRoutes.has(v) || routes.some((x) => readFrom(x.to, v));
    if (changed.some(readAfter)) continue;
    // Told apart from every best reply it routes like: one of them changes a variable read after, and this reply leaves it otherwise.
    if (bests.every((b) => changedBy(b).some((v) => readAfter(v) && effectOn(b, v) !== effectOn(reply, v)))) continue;
    out.push({ id: reply.id, decision, unread: changed, readElsewhere: changed.filter((v) => read.has(v)) });
  }
  return out;
}

/** The ids of inconsequentialReplyFindings' replies. */
export function inconsequentialReplies(scenario: Scenario): string[] {
  return inconsequentialReplyFindings(scenario).map((r) => r.id);
}

/**
 * Places where a variable decides which decision (or ending) comes next, not only which scene
 * is shown: a list of routes with at least one condition whose targets lead, through scenes, to
 * different decisions or endings.
 */
export function stateSteeredPlaces(scenario: Scenario): string[] {
  const index = indexScenario(scenario);
  const memo = new Map<string, string>();
  /**
   * The decisions or endings a node leads to, passing through scenes (every route of a scene). Worked
   * out with a stack of its own, not by calling itself: a chain of 20,000 scenes (a generated or
   * damaged file validate accepts) overflowed the call stack, and audit said only "unexpected error:
   * Maximum call stack size exceeded". A scene met again while it is still being worked out (a loop,
   * which validate refuses) counts as itself, as before.
   */
  const ahead = (start: string): string => {
    const stack: { id: string; targets?: string[] }[] = [{ id: start }];
    const open = new Set<string>();
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as { id: string; targets?: string[] };
      const node = index.nodes.get(top.id);
      if (memo.has(top.id) || (top.targets === undefined && open.has(top.id))) stack.pop();
      else if (!node || node.kind !== 'scene') {
        memo.set(top.id, top.id);
        stack.pop();
      } else if (top.targets === undefined) {
        open.add(top.id);
        top.targets = routesOf(node.next).map((r) => r.to);
        for (const to of top.targets) if (!memo.has(to)) stack.push({ id: to });
      } else {
        memo.set(top.id, [...new Set(top.targets.map((to) => memo.get(to) ?? to))].sort().join('|'));
        open.delete(top.id);
        stack.pop();
      }
    }
    return memo.get(start) ?? start;
  };
  const places: string[] = [];
  const check = (where: string, next: Next) => {
    const routes = routesOf(next);
    if (!routes.some((r) => r.when)) return;
    if (new Set(routes.map((r) => ahead(r.to))).size > 1) places.push(where);
  };
  for (const n of scenario.nodes) {
    if (n.kind === 'scene') check(n.id, n.next);
    else if (n.kind === 'decision') for (const r of n.replies) check(`${n.id}/${r.id}`, r.next);
  }
  return places;
}

/** The places counted by the decision they happen at (several replies of one decision count once). */
export function stateSteeredDecisions(scenario: Scenario): string[] {
  return [...new Set(stateSteeredPlaces(scenario).map((p) => p.split('/')[0] as string))];
}
