import { applyEffects, conditionsOf, initialVariables, isConductCondition, whenHolds, type Variables } from '../../src/machines/conditions.js';
import { conductAfter, conductStart, type Conduct } from '../../src/machines/conduct.js';
import { indexScenario, routesOf } from '../../src/machines/scenario-index.js';
import type { Next, Scenario } from '../../src/machines/schema/scenario.js';
import { analyseBest } from '../../src/machines/scoring.js';

/**
 * Playthroughs (their reply ids) that break one of `watched` (or, given `through`, take that reply)
 * and still end on a strong ending: the first found for each principle broken (keyed by `through`
 * when given). Every playthrough is tried, scene effects applied; states that cannot differ in
 * future (same node, variables, points and the conduct the conditions can read) are visited once.
 * `first` stops at the first one found.
 */
export function strongAfter(s: Scenario, watched: Iterable<string>, { through, first = false }: { through?: string; first?: boolean } = {}): Map<string, string[]> {
  const index = indexScenario(s);
  const watchedList = [...watched];
  const read = new Set<string>();
  const note = (when: Parameters<typeof conditionsOf>[0]) => {
    for (const c of conditionsOf(when)) if (isConductCondition(c) && c.principle) read.add(c.principle);
  };
  for (const n of s.nodes) {
    if (n.kind === 'scene') routesOf(n.next).forEach((r) => note(r.when));
    if (n.kind === 'decision') for (const r of n.replies) { note(r.when); routesOf(r.next).forEach((x) => note(x.when)); }
    if (n.kind === 'ending') n.variants?.forEach((v) => note(v.when));
  }
  const tracked = [...new Set([...watchedList, ...read])];
  const seen = new Set<string>();
  const found = new Map<string, string[]>();
  const route = (next: Next, vars: Variables, conduct: Conduct) => routesOf(next).find((r) => whenHolds(r.when, vars, conduct))?.to;
  const visit = (id: string | undefined, vars: Variables, conduct: Conduct, path: string[]): void => {
    const node = id === undefined ? undefined : index.nodes.get(id);
    if (!node || (first && found.size > 0)) return;
    const key = [id, JSON.stringify(vars), conduct.points, conduct.possible, conduct.critical > 0, tracked.map((p) => conduct.violations[p] ?? 0), through !== undefined && path.includes(through)].join('|');
    if (seen.has(key)) return;
    seen.add(key);
    if (node.kind === 'ending') {
      if (node.ending !== 'strong') return;
      const broken = through === undefined ? watchedList.filter((p) => (conduct.violations[p] ?? 0) > 0) : path.includes(through) ? [through] : [];
      for (const p of broken) if (!found.has(p)) found.set(p, path);
      return;
    }
    if (node.kind === 'scene') {
      const after = applyEffects(node.effects, vars, index.variables).variables;
      return visit(route(node.next, after, conduct), after, conduct, path);
    }
    for (const reply of node.replies) {
      if (!whenHolds(reply.when, vars, conduct)) continue;
      const after = applyEffects(reply.effects, vars, index.variables).variables;
      const next = conductAfter(conduct, reply.assessments, node.replies);
      visit(route(reply.next, after, next), after, next, [...path, reply.id]);
    }
  };
  visit(s.start, initialVariables(s.variables), conductStart(analyseBest(s).best), []);
  return found;
}
