import { exploreScenario } from '../audit/explore.js';
import { analyseBest, CRITICAL_CAP, DEVELOPING_FROM } from '../scoring.js';
import type { EndingReach } from '../audit/explore.js';
import { routesOf } from '../scenario-index.js';
import type { Next, Scenario } from '../schema/scenario.js';
import { quoteValue } from '../text/quote.js';
import { formatPath, RELATED_AT, type JsonPath, type UnlocatedProblem } from './problem.js';

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
    if (e.kind === 'strong' && e.worst < DEVELOPING_FROM) out.push(strongUnder50(scenario, e, nodePath));
    if (e.kind === 'harmful' && e.best >= HARMFUL_WARNING_FROM) {
      out.push({ severity: 'warning', code: 'harmful-at-90', path: nodePath(e.endingId),
        message: `A playthrough scoring ${e.best}% reaches the harmful ending "${e.endingId}": ${replies(e.bestPath)}.`,
        fix: 'Check that the ending follows the volunteer\'s conduct: a near-perfect playthrough rarely deserves a harmful ending.' });
    }
  }
  return out;
}

const SCORE_UNDER = `{ "conduct": "score", "lt": ${DEVELOPING_FROM} }`;
const SCORE_AT_LEAST = `{ "conduct": "score", "gte": ${DEVELOPING_FROM} }`;

/**
 * A strong ending reached with a score under 50%. The ending is where it shows, but the fix is in
 * the "next" that lets the playthrough in, so the problem points there (the route into the ending
 * that the worst playthrough takes) and says what to change in it; the ending stays named.
 */
function strongUnder50(scenario: Scenario, e: EndingReach, nodePath: (id: string) => JsonPath): UnlocatedProblem {
  const ending = quoteValue(e.endingId);
  const reached = `A playthrough scoring ${e.worst}% reaches the strong ending ${ending} (${formatPath(nodePath(e.endingId))}, ${RELATED_AT}): ${replies(e.worstPath)}. Scores under ${DEVELOPING_FROM}% (and every critical violation, capped at ${CRITICAL_CAP}%) must not end strong.`;
  const otherwise = 'or make the poor replies on the way lead elsewhere.';
  const entry = e.worstEntry;
  const nodeIndex = entry ? scenario.nodes.findIndex((n) => n.id === entry.nodeId) : -1;
  const node = scenario.nodes[nodeIndex];
  let next: Next | undefined;
  let path: JsonPath = [];
  let from = '';
  if (node?.kind === 'decision' && entry?.replyId !== undefined) {
    const r = node.replies.findIndex((x) => x.id === entry.replyId);
    next = node.replies[r]?.next;
    path = ['nodes', nodeIndex, 'replies', r, 'next'];
    from = `the reply ${quoteValue(entry.replyId)} (at ${quoteValue(node.id)})`;
  } else if (node?.kind === 'scene') {
    next = node.next;
    path = ['nodes', nodeIndex, 'next'];
    from = `the scene ${quoteValue(node.id)}`;
  }
  if (next === undefined) {
    return { severity: 'error', code: 'strong-under-50', related: nodePath(e.endingId), path: nodePath(e.endingId), message: reached,
      fix: `In the "next" that leads to ${ending}, route on conduct first, e.g. { "when": ${SCORE_UNDER}, "to": "<a mixed or harmful ending>" }, ${otherwise}` };
  }
  const into = (where: string) => `${reached} It gets in through ${where}.`;
  if (typeof next === 'string') {
    return { severity: 'error', code: 'strong-under-50', related: nodePath(e.endingId), path, message: into(`the "next" of ${from}, which sends every playthrough to ${ending}, whatever the score`),
      fix: `Make this "next" a list of routes that checks the score first: "next": [{ "when": ${SCORE_UNDER}, "to": "<a mixed or harmful ending>" }, { "to": ${quoteValue(e.endingId)} }], ${otherwise}` };
  }
  const routes = routesOf(next);
  const r = routes.findIndex((route) => route.to === e.endingId);
  const route = routes[r];
  if (r < 0 || !route) {
    return { severity: 'error', code: 'strong-under-50', related: nodePath(e.endingId), path, message: into(`the "next" of ${from}`),
      fix: `Put { "when": ${SCORE_UNDER}, "to": "<a mixed or harmful ending>" } first in this list of routes, ${otherwise}` };
  }
  const one = routes.filter((x) => x.to === e.endingId).length === 1 ? 'the route' : 'a route';
  if (route.when === undefined) {
    return { severity: 'error', code: 'strong-under-50', related: nodePath(e.endingId), path: [...path, r], message: into(`${one} to it in the "next" of ${from}, which has no "when", so it takes every playthrough the routes before it do not`),
      fix: `Put { "when": ${SCORE_UNDER}, "to": "<a mixed or harmful ending>" } before this route, ${otherwise}` };
  }
  return { severity: 'error', code: 'strong-under-50', related: nodePath(e.endingId), path: [...path, r, 'when'], message: into(`${one} to it in the "next" of ${from}, whose "when" lets this score through`),
    fix: `Add the score to this route's "when", as a list: "when": [ <its condition>, ${SCORE_AT_LEAST} ]; or put { "when": ${SCORE_UNDER}, "to": "<a mixed or harmful ending>" } before it; ${otherwise}` };
}
