import { applyEffects, initialVariables, whenHolds, type Variables } from '../../src/machines/conditions.js';
import { conductAfter, conductStart, type Conduct } from '../../src/machines/conduct.js';
import { indexScenario, routesOf } from '../../src/machines/scenario-index.js';
import type { EndingNode, Next, Scenario } from '../../src/machines/schema/scenario.js';
import { analyseBest } from '../../src/machines/scoring.js';

/** Where a playthrough ended: the ending, the variables and conduct then, and its reply ids. */
export interface Arrival { ending: EndingNode; vars: Variables; conduct: Conduct; path: string[] }

/**
 * Walks every playthrough a scenario allows (scene effects applied, each reply's "when" and each
 * route's conditions read as the machine reads them), calling `atEnding` where each one ends. Given
 * `key`, states with the same key are walked once (the caller says what cannot differ in future);
 * a route that leads nowhere throws, unless `lenient` (then that playthrough is dropped).
 */
export function walkPlaythroughs(s: Scenario, atEnding: (arrival: Arrival) => void, { key, lenient = false }: { key?: (id: string, vars: Variables, conduct: Conduct) => string; lenient?: boolean } = {}): void {
  const index = indexScenario(s);
  const seen = new Set<string>();
  const route = (next: Next, vars: Variables, conduct: Conduct) => routesOf(next).find((r) => whenHolds(r.when, vars, conduct))?.to;
  // The replies so far, from the last back, sharing what came before: made an array only where a
  // playthrough ends or goes nowhere (a copy of the path at every state was most of a walk's cost).
  type Taken = { reply: string; before: Taken } | undefined;
  const listOf = (taken: Taken) => {
    const path: string[] = [];
    for (let t = taken; t; t = t.before) path.push(t.reply);
    return path.reverse();
  };
  const visit = (id: string | undefined, vars: Variables, conduct: Conduct, taken: Taken): void => {
    const node = id === undefined ? undefined : index.nodes.get(id);
    if (!node) {
      if (lenient) return;
      throw new Error(`no way on after ${listOf(taken).join(' ')}`);
    }
    if (key) {
      const k = key(node.id, vars, conduct);
      if (seen.has(k)) return;
      seen.add(k);
    }
    if (node.kind === 'ending') return atEnding({ ending: node, vars, conduct, path: listOf(taken) });
    if (node.kind === 'scene') {
      const after = applyEffects(node.effects, vars, index.variables).variables;
      return visit(route(node.next, after, conduct), after, conduct, taken);
    }
    for (const reply of node.replies) {
      if (!whenHolds(reply.when, vars, conduct)) continue;
      const after = applyEffects(reply.effects, vars, index.variables).variables;
      const next = conductAfter(conduct, reply.assessments, node.replies);
      visit(route(reply.next, after, next), after, next, { reply: reply.id, before: taken });
    }
  };
  visit(s.start, initialVariables(s.variables), conductStart(analyseBest(s).best), undefined);
}
