import { applyEffects, initialVariables, whenHolds, type Variables } from '../../src/machines/conditions.js';
import { conductAfter, conductStart, scoreOf, type Conduct } from '../../src/machines/conduct.js';
import { indexScenario, routesOf } from '../../src/machines/scenario-index.js';
import type { Next, Scenario } from '../../src/machines/schema/scenario.js';
import { analyseBest, outcomeOf } from '../../src/machines/scoring.js';
import { principlesConditionsRead } from './strong-after.js';

/** A Strong-band playthrough that ends on a mixed or harmful ending's plain narration: its replies, score and ending. */
export interface UnexplainedEnding { path: string[]; percent: number; ending: string }

/**
 * Playthroughs whose debrief says Strong (no critical violation, 80% or more) but whose story ends
 * on a mixed or harmful ending told in its plain narration (no variant holds), so nothing says why
 * the story went worse than the band. Every playthrough is tried (scene effects applied); states
 * that cannot differ in future (node, variables, points, possible, critical, and violation counts of
 * the principles conditions name) are visited once, so a path is given for each such state reached.
 */
export function strongBandUnexplained(s: Scenario): UnexplainedEnding[] {
  const index = indexScenario(s);
  const read = principlesConditionsRead(s);
  const tracked = [...read];
  const seen = new Set<string>();
  const found: UnexplainedEnding[] = [];
  const route = (next: Next, vars: Variables, conduct: Conduct) => routesOf(next).find((r) => whenHolds(r.when, vars, conduct))?.to;
  const visit = (id: string | undefined, vars: Variables, conduct: Conduct, path: string[]): void => {
    const node = id === undefined ? undefined : index.nodes.get(id);
    if (!node) return;
    const key = [id, JSON.stringify(vars), conduct.points, conduct.possible, conduct.critical, tracked.map((p) => conduct.violations[p] ?? 0)].join('|');
    if (seen.has(key)) return;
    seen.add(key);
    if (node.kind === 'ending') {
      const percent = scoreOf(conduct);
      if (node.ending !== 'strong' && outcomeOf(percent, conduct.critical).band === 'strong'
        && !node.variants?.some((v) => whenHolds(v.when, vars, conduct))) found.push({ path, percent, ending: node.id });
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
