import { whenHolds } from '../../src/machines/conditions.js';
import { scoreOf } from '../../src/machines/conduct.js';
import type { Scenario } from '../../src/machines/schema/scenario.js';
import { outcomeOf } from '../../src/machines/scoring.js';
import { principlesConditionsRead } from './strong-after.js';
import { walkPlaythroughs } from './walk.js';

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
  const tracked = [...principlesConditionsRead(s)];
  const found: UnexplainedEnding[] = [];
  walkPlaythroughs(s, ({ ending, vars, conduct, path }) => {
    const percent = scoreOf(conduct);
    if (ending.ending !== 'strong' && outcomeOf(percent, conduct.critical).band === 'strong'
      && !ending.variants?.some((v) => whenHolds(v.when, vars, conduct))) found.push({ path, percent, ending: ending.id });
  }, {
    lenient: true,
    // Every values object has the declared variables' keys in the same order (initialVariables,
    // then applyEffects copying it), so the values alone tell two apart, as in strongAfter.
    key: (id, vars, conduct) => [id, Object.values(vars).join(), conduct.points, conduct.possible, conduct.critical, tracked.map((p) => conduct.violations[p] ?? 0).join()].join('|'),
  });
  return found;
}
