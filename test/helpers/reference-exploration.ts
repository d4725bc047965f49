import { applyEffects, conditionsOf, initialVariables, whenHolds, type Variables } from '../../src/machines/conditions.js';
import { conductAfter, conductStart, type Conduct } from '../../src/machines/conduct.js';
import { scenarioGraph } from '../../src/machines/graph.js';
import { indexScenario } from '../../src/machines/scenario-index.js';
import { analyseBest, CRITICAL_CAP, percentOfBest } from '../../src/machines/scoring.js';
import type { Next, Scenario, When } from '../../src/machines/schema/scenario.js';

/** What the reference finds: per ending its worst and best score and whether a critical violation reaches it; the best uncapped score with one. */
export interface ReferenceFindings {
  endings: Record<string, { worst: number; best: number; afterCritical: boolean }>;
  bestWithCritical?: number;
}

function route(next: Next, variables: Variables, conduct: Conduct): string | undefined {
  if (typeof next === 'string') return next;
  return next.find((r) => r.when === undefined || whenHolds(r.when, variables, conduct))?.to;
}

/**
 * The findings of the exploration, worked out the plain way for scenarios too big for brute force:
 * every reachable (node, variables, conduct but points) with the explicit set of every points total
 * that reaches it, each total stepped on its own with the game's own `whenHolds` and `conductAfter`.
 * Conduct is kept whole (the critical count, the best so far when a condition reads the percentage,
 * violation counts of the principles conditions name): nothing of the exploration's intervals, caps,
 * classes or numbering is used.
 */
export function referenceFindings(s: Scenario): ReferenceFindings {
  const index = indexScenario(s);
  const best = analyseBest(s).best;
  const named = new Set<string>();
  let percent = false;
  const read = (when: When | undefined) => {
    for (const c of conditionsOf(when)) {
      if ('conduct' in c && c.principle) named.add(c.principle);
      if ('conduct' in c && c.conduct === 'percent') percent = true;
    }
  };
  for (const n of s.nodes) {
    if (n.kind === 'decision') for (const r of n.replies) {
      read(r.when);
      if (typeof r.next !== 'string') for (const x of r.next) read(x.when);
    } else if (n.kind === 'scene' && typeof n.next !== 'string') for (const x of n.next) read(x.when);
  }
  type State = { variables: Variables; conduct: Conduct; totals: Set<number> };
  const states = new Map<string, Map<string, State>>();
  /** The state at `node` with these variables and conduct (its points aside). */
  const stateAt = (node: string, variables: Variables, conduct: Conduct) => {
    const key = JSON.stringify([variables, conduct.critical, percent ? conduct.possible : 0, [...named].map((p) => conduct.violations[p] ?? 0)]);
    let at = states.get(node);
    if (!at) states.set(node, (at = new Map()));
    let state = at.get(key);
    if (!state) at.set(key, (state = { variables, conduct: { ...conduct, points: 0 }, totals: new Set() }));
    return state;
  };
  stateAt(s.start, initialVariables(s.variables), conductStart(best)).totals.add(0);
  const out: ReferenceFindings = { endings: {} };
  for (const id of scenarioGraph(s).order) {
    const node = index.nodes.get(id);
    for (const state of states.get(id)?.values() ?? []) {
      if (node?.kind === 'ending') {
        for (const total of state.totals) {
          const uncapped = percentOfBest(total, best);
          const critical = state.conduct.critical > 0;
          const score = critical ? Math.min(CRITICAL_CAP, uncapped) : uncapped;
          const e = (out.endings[id] ??= { worst: Infinity, best: -Infinity, afterCritical: false });
          e.worst = Math.min(e.worst, score);
          e.best = Math.max(e.best, score);
          e.afterCritical ||= critical;
          if (critical) out.bestWithCritical = Math.max(out.bestWithCritical ?? -Infinity, uncapped);
        }
        continue;
      }
      // Each total is stepped on its own; what a move does to variables and to conduct other than
      // points does not depend on the points, so it is worked out once per move.
      const moves = node?.kind === 'scene' ? [{ when: undefined, effects: node.effects, next: node.next, assessments: undefined }]
        : node?.kind === 'decision' ? node.replies.map((r) => ({ when: r.when, effects: r.effects, next: r.next, assessments: r.assessments })) : [];
      for (const move of moves) {
        const variables = applyEffects(move.effects, state.variables, index.variables).variables;
        const after = move.assessments && node?.kind === 'decision' ? conductAfter(state.conduct, move.assessments, node.replies) : state.conduct;
        const targets = new Map<string, State>();
        // One conduct before and one after per move, their points set per total (the game's
        // functions only read them), rather than two copies per total.
        const beforeTotal: Conduct = { ...state.conduct };
        const afterTotal: Conduct = { ...after };
        for (const total of state.totals) {
          beforeTotal.points = total;
          if (!whenHolds(move.when, state.variables, beforeTotal)) continue;
          const reached = total + after.points;
          afterTotal.points = reached;
          const to = route(move.next, variables, afterTotal);
          if (to === undefined) continue;
          let target = targets.get(to);
          if (!target) targets.set(to, (target = stateAt(to, variables, after)));
          target.totals.add(reached);
        }
      }
    }
  }
  return out;
}
