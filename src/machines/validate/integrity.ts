import { exploreScenario } from '../audit/explore.js';
import { analyseBest, CRITICAL_CAP, DEVELOPING_FROM } from '../scoring.js';
import type { Scenario } from '../schema/scenario.js';
import type { UnlocatedProblem } from './problem.js';

/** From this final percentage, a playthrough reaching a harmful ending is worth a warning. */
export const HARMFUL_WARNING_FROM = 90;

/** "d1-listen → d2-call-csw → …" (at most eight replies). */
function replies(path: readonly string[]): string {
  const shown = path.slice(0, 8).join(' → ');
  return path.length > 8 ? `${shown} → … (${path.length} replies)` : shown || '(no replies)';
}

/**
 * The outcome must follow the volunteer's conduct: no playthrough with a critical violation, or
 * scoring under 50%, may reach a strong ending (errors), and one scoring 90% or more should not
 * reach a harmful one (a warning). Exact, over every reachable state; runs on valid files only.
 */
export function integrityProblems(scenario: Scenario): UnlocatedProblem[] {
  const out: UnlocatedProblem[] = [];
  const nodePath = (id: string) => ['nodes', scenario.nodes.findIndex((n) => n.id === id)];
  if (analyseBest(scenario).best <= 0) {
    out.push({ severity: 'warning', code: 'best-not-positive', path: ['nodes'],
      message: 'No playthrough can earn more than 0 points, so every playthrough scores 0%.',
      fix: 'Assess at least one reply on the way to each ending as following a principle ("verdict": "follows").' });
  }
  const found = exploreScenario(scenario);
  if (!found.complete) {
    out.push({ severity: 'warning', code: 'exploration-incomplete', path: ['nodes'],
      message: `The scenario has more reachable states (node, variables and conduct) than the ${found.limit.toLocaleString('en-US')} the ending checks look at, so they looked at part of it only.`,
      fix: 'Use fewer variables or narrower ranges, or split the scenario in two.' });
  }
  for (const e of found.endings) {
    if (e.kind === 'strong' && e.afterCritical && e.criticalPath) {
      out.push({ severity: 'error', code: 'strong-after-critical', path: nodePath(e.endingId),
        message: `A playthrough with a critical violation (a prohibited activity) reaches the strong ending "${e.endingId}": ${replies(e.criticalPath)}.`,
        fix: `Route on conduct before this ending, e.g. put { "when": { "conduct": "critical", "gte": 1 }, "to": "<a mixed or harmful ending>" } first in the "next" that leads here.` });
    }
    if (e.kind === 'strong' && e.worst < DEVELOPING_FROM) {
      out.push({ severity: 'error', code: 'strong-under-50', path: nodePath(e.endingId),
        message: `A playthrough scoring ${e.worst}% reaches the strong ending "${e.endingId}": ${replies(e.worstPath)}. Scores under ${DEVELOPING_FROM}% (and every critical violation, capped at ${CRITICAL_CAP}%) must not end strong.`,
        fix: `Route on conduct before this ending, e.g. { "when": { "conduct": "score", "lt": ${DEVELOPING_FROM} }, "to": "<a mixed or harmful ending>" }, or make the poor replies on the way change what happens.` });
    }
    if (e.kind === 'harmful' && e.best >= HARMFUL_WARNING_FROM) {
      out.push({ severity: 'warning', code: 'harmful-at-90', path: nodePath(e.endingId),
        message: `A playthrough scoring ${e.best}% reaches the harmful ending "${e.endingId}": ${replies(e.bestPath)}.`,
        fix: 'Check that the ending follows the volunteer\'s conduct: a near-perfect playthrough rarely deserves a harmful ending.' });
    }
  }
  return out;
}
