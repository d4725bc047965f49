import { applyEffects, initialVariables, whenHolds, type Variables } from './conditions.js';
import { scenarioGraph } from './graph.js';
import { getPrinciple, getSection, type Severity } from './guide.js';
import { assessmentsValue, indexScenario, replyValue, routesOf, type ScenarioIndex } from './scenario-index.js';
import type { EndingKind, Next, Reply, Scenario, ScenarioNode } from './schema/scenario.js';
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
  /** The best total reachable from each node, ignoring conditions. */
  bestFrom: ReadonlyMap<string, number>;
  /** The best-practice path, played with real variable values. */
  path: PathStep[];
  /** What that path earns; equals `best` unless conditions block the ideal path. */
  pathScore: number;
  /** The ending the best-practice path reaches. */
  endingId: string | undefined;
  /** The first decision where a condition kept the best path from the ideal reply or route. */
  blockedAt?: { nodeId: string; wanted: string };
}

const analyses = new WeakMap<Scenario, BestAnalysis>();

function resolveRoute(next: Next, variables: Variables): string | undefined {
  if (typeof next === 'string') return next;
  for (const r of next) if (r.when === undefined || whenHolds(r.when, variables)) return r.to;
  return undefined;
}

/** The values after a reply's effects: `applyEffects(...).variables`, without building the list of changes. */
function valuesAfter(effects: Reply['effects'], variables: Variables, declared: ScenarioIndex['variables']): Variables {
  return effects === undefined || effects.length === 0 ? variables : applyEffects(effects, variables, declared).variables;
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
  const graph = scenarioGraph(scenario);
  const bestFrom = new Map<string, number>();
  const bestOf = (id: string) => bestFrom.get(id) ?? -Infinity;
  for (let i = graph.order.length - 1; i >= 0; i--) {
    const id = graph.order[i] as string;
    const node = index.nodes.get(id) as ScenarioNode;
    if (node.kind === 'ending') bestFrom.set(id, 0);
    else if (node.kind === 'scene') bestFrom.set(id, bestVia(node.next, 0, -Infinity, bestOf));
    else {
      let best = -Infinity;
      for (const reply of node.replies) best = bestVia(reply.next, replyValue(reply), best, bestOf);
      bestFrom.set(id, best);
    }
  }
  const best = Number.isFinite(bestOf(scenario.start)) ? bestOf(scenario.start) : 0;
  return { best, bestFrom, ...walkBestPath(index, bestFrom) };
}

/** The larger of `best` and `value` plus the best total after each route of `next`. */
function bestVia(next: Next, value: number, best: number, bestOf: (id: string) => number): number {
  if (typeof next === 'string') return Math.max(best, value + bestOf(next));
  for (const r of next) best = Math.max(best, value + bestOf(r.to));
  return best;
}

function walkBestPath(index: ScenarioIndex, bestFrom: ReadonlyMap<string, number>) {
  const path: PathStep[] = [];
  let variables = initialVariables(index.scenario.variables);
  let pathScore = 0;
  let blockedAt: BestAnalysis['blockedAt'];
  let node = index.nodes.get(index.scenario.start);
  for (let guard = 0; node && node.kind !== 'ending' && guard <= index.nodes.size; guard++) {
    if (node.kind === 'scene') {
      const to = resolveRoute(node.next, variables) ?? '';
      // A condition on the scene's route can send the best path down a weaker branch.
      if (!blockedAt && (bestFrom.get(to) ?? -Infinity) < (bestFrom.get(node.id) ?? -Infinity)) blockedAt = { nodeId: node.id, wanted: bestRoute(node.next, bestFrom) };
      node = index.nodes.get(to);
      continue;
    }
    const here = bestFrom.get(node.id) ?? -Infinity;
    let chosen: { replyId: string; value: number; total: number; to: string; variables: Variables } | undefined;
    for (const reply of node.replies) {
      if (reply.when !== undefined && !whenHolds(reply.when, variables)) continue;
      const after = valuesAfter(reply.effects, variables, index.variables);
      const to = resolveRoute(reply.next, after);
      if (to === undefined) continue;
      const value = replyValue(reply);
      const total = value + (bestFrom.get(to) ?? -Infinity);
      if (!chosen || total > chosen.total) chosen = { replyId: reply.id, value, total, to, variables: after };
    }
    if (!chosen) break;
    if (!blockedAt && chosen.total < here) blockedAt = { nodeId: node.id, wanted: idealReply(index, node.id, bestFrom) };
    path.push({ nodeId: node.id, replyId: chosen.replyId, value: chosen.value });
    pathScore += chosen.value;
    variables = chosen.variables;
    node = index.nodes.get(chosen.to);
  }
  return { path, pathScore, endingId: node?.kind === 'ending' ? node.id : undefined, blockedAt };
}

function bestRoute(next: Next, bestFrom: ReadonlyMap<string, number>): string {
  const routes = routesOf(next);
  return routes.reduce((a, b) => ((bestFrom.get(b.to) ?? -Infinity) > (bestFrom.get(a.to) ?? -Infinity) ? b : a), routes[0] as { to: string }).to;
}

function idealReply(index: ScenarioIndex, nodeId: string, bestFrom: ReadonlyMap<string, number>): string {
  const node = index.nodes.get(nodeId);
  if (node?.kind !== 'decision') return '';
  let best = node.replies[0]?.id ?? '';
  let bestTotal = -Infinity;
  for (const reply of node.replies) {
    for (const r of routesOf(reply.next)) {
      const total = replyValue(reply) + (bestFrom.get(r.to) ?? 0);
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
  /** What happened each time the principle came up, with the feedback given. */
  notes: { nodeId: string; replyId: string; verdict: 'follows' | 'violates' | 'missed'; feedback: string }[];
}

/** One turn of the volunteer's path, ready to show. */
export interface DebriefTurn extends PathStep {
  /** The best value any reply at this decision had. */
  bestValue: number;
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
  score: { earned: number; best: number; percent: number };
  /** Violations of critical principles (the guide's prohibited activities), always shown first. */
  criticalViolations: { principleId: string; title: string; section: string; nodeId: string; replyId: string; feedback: string }[];
  /** One row per principle touched: critical violations first, then violations, misses, strengths. */
  principles: PrincipleResult[];
  strengths: string[];
  growthAreas: string[];
  turns: DebriefTurn[];
  bestPath: PathStep[];
}

const STATUS_ORDER = { violated: 0, missed: 1, followed: 2 } as const;
const SEVERITY_ORDER = { critical: 0, core: 1, supporting: 2 } as const;

/** Scores a transcript against the best the scenario allows and explains it in the guide's terms. */
export function buildDebrief(scenario: Scenario, transcript: readonly Turn[], endingId?: string): Debrief {
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
        status: 'followed', followed: 0, violated: 0, missed: 0, notes: [],
      };
      results.set(principleId, r);
    }
    return r;
  };
  const criticalViolations: Debrief['criticalViolations'] = [];
  const turns: DebriefTurn[] = [];
  let earned = 0;
  for (const turn of transcript) {
    const node = index.nodes.get(turn.nodeId);
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
    let bestValue = value;
    if (node?.kind === 'decision') {
      for (const other of node.replies) {
        bestValue = Math.max(bestValue, replyValue(other));
        if (other.id === turn.replyId) continue;
        for (const a of other.assessments) {
          if (a.verdict !== 'follows' || touched.has(a.principle)) continue;
          touched.add(a.principle);
          const r = resultFor(a.principle);
          r.missed += 1;
          r.notes.push({ nodeId: turn.nodeId, replyId: other.id, verdict: 'missed', feedback: other.feedback });
        }
      }
    }
    turns.push({ nodeId: turn.nodeId, replyId: turn.replyId, value, bestValue, feedback: reply?.feedback ?? turn.feedback, turn });
  }
  for (const r of results.values()) r.status = r.violated > 0 ? 'violated' : r.followed > 0 ? 'followed' : 'missed';
  const principles = [...results.values()].sort((a, b) =>
    STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.title.localeCompare(b.title));
  const ending = endingId ? index.nodes.get(endingId) : undefined;
  const percent = best.best <= 0 ? (earned >= best.best ? 100 : 0) : Math.max(0, Math.min(100, Math.round((100 * earned) / best.best)));
  return {
    scenarioId: scenario.id,
    scenarioVersion: scenario.version,
    title: scenario.title,
    ending: ending?.kind === 'ending' ? { id: ending.id, kind: ending.ending, title: ending.title, narration: ending.narration } : undefined,
    score: { earned, best: best.best, percent },
    criticalViolations,
    principles,
    strengths: principles.filter((p) => p.status === 'followed').map((p) => `You kept to "${p.title}" (guide: ${p.section}).`),
    growthAreas: principles.filter((p) => p.status !== 'followed').map((p) =>
      `${p.status === 'violated' ? (p.severity === 'critical' ? 'Critical: you went against' : 'You went against') : 'You missed a chance for'} "${p.title}" (guide: ${p.section}). ${p.rule}`),
    turns,
    bestPath: best.path,
  };
}
