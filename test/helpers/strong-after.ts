import { applyEffects, conditionsOf, initialVariables, isConductCondition, whenHolds, type Variables } from '../../src/machines/conditions.js';
import { conductAfter, conductStart, type Conduct } from '../../src/machines/conduct.js';
import { indexScenario, routesOf } from '../../src/machines/scenario-index.js';
import type { Next, Scenario } from '../../src/machines/schema/scenario.js';
import { analyseBest } from '../../src/machines/scoring.js';

/**
 * The principles a scenario's conditions read (its routes', replies' and ending variants' "when"s):
 * the conduct a search over its playthroughs must tell apart, as two states differing only there
 * can go on differently.
 */
export function principlesConditionsRead(s: Scenario): Set<string> {
  const read = new Set<string>();
  const note = (when: Parameters<typeof conditionsOf>[0]) => {
    for (const c of conditionsOf(when)) if (isConductCondition(c) && c.principle) read.add(c.principle);
  };
  for (const n of s.nodes) {
    if (n.kind === 'scene') routesOf(n.next).forEach((r) => note(r.when));
    if (n.kind === 'decision') for (const r of n.replies) { note(r.when); routesOf(r.next).forEach((x) => note(x.when)); }
    if (n.kind === 'ending') n.variants?.forEach((v) => note(v.when));
  }
  return read;
}

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
  const read = principlesConditionsRead(s);
  const tracked = [...new Set([...watchedList, ...read])];
  const seen = new Set<string>();
  const found = new Map<string, string[]>();
  const route = (next: Next, vars: Variables, conduct: Conduct) => routesOf(next).find((r) => whenHolds(r.when, vars, conduct))?.to;
  // A state's key: its node, its variables' values (every values object has the declared variables'
  // keys in the same order, so the values alone tell two apart), points, possible, whether a critical
  // violation happened, the counts of the tracked principles that are not 0 (by place in `tracked`)
  // and whether `through` was taken. The variables' and counts' texts are passed down and worked out
  // again only when a scene or reply changes them (most do not), and the replies so far are a list
  // from the last back, sharing what came before, made an array only for a playthrough found. The
  // search's cost was mostly making a long key (the variables as JSON, a count for every tracked
  // principle) and a copy of the path again at every state.
  const trackedAt = new Map(tracked.map((p, i) => [p, i]));
  const countsText = (violations: Conduct['violations']) => {
    const counts: [number, number][] = [];
    for (const p of Object.keys(violations)) {
      const at = trackedAt.get(p);
      if (at !== undefined && violations[p]) counts.push([at, violations[p] as number]);
    }
    return counts.sort((x, y) => x[0] - y[0]).map(([at, n]) => `${at}:${n}`).join();
  };
  const varsTextOf = (vars: Variables) => Object.values(vars).join();
  type Taken = { reply: string; before: Taken | undefined } | undefined;
  const listOf = (taken: Taken) => {
    const path: string[] = [];
    for (let t = taken; t; t = t.before) path.push(t.reply);
    return path.reverse();
  };
  // `took`: whether the replies so far include `through` (always false without it).
  const visit = (id: string | undefined, vars: Variables, varsText: string, conduct: Conduct, counts: string, taken: Taken, took: boolean): void => {
    const node = id === undefined ? undefined : index.nodes.get(id);
    if (!node || (first && found.size > 0)) return;
    const key = [id, varsText, conduct.points, conduct.possible, conduct.critical > 0, counts, took].join('|');
    if (seen.has(key)) return;
    seen.add(key);
    if (node.kind === 'ending') {
      if (node.ending !== 'strong') return;
      const broken = through === undefined ? watchedList.filter((p) => (conduct.violations[p] ?? 0) > 0) : took ? [through] : [];
      for (const p of broken) if (!found.has(p)) found.set(p, listOf(taken));
      return;
    }
    if (node.kind === 'scene') {
      const after = applyEffects(node.effects, vars, index.variables).variables;
      return visit(route(node.next, after, conduct), after, after === vars ? varsText : varsTextOf(after), conduct, counts, taken, took);
    }
    for (const reply of node.replies) {
      if (!whenHolds(reply.when, vars, conduct)) continue;
      const after = applyEffects(reply.effects, vars, index.variables).variables;
      const next = conductAfter(conduct, reply.assessments, node.replies);
      visit(route(reply.next, after, next), after, after === vars ? varsText : varsTextOf(after), next,
        next.violations === conduct.violations ? counts : countsText(next.violations), { reply: reply.id, before: taken }, took || reply.id === through);
    }
  };
  const start = initialVariables(s.variables);
  const conduct = conductStart(analyseBest(s).best);
  visit(s.start, start, varsTextOf(start), conduct, countsText(conduct.violations), undefined, false);
  return found;
}
