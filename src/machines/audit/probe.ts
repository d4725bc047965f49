import { getPrinciple } from '../guide.js';
import { CRITICAL_CAP, percentOfBest, walkWorst } from '../scoring.js';
import type { Scenario } from '../schema/scenario.js';
import type { EndingReach } from './explore.js';

/**
 * What the probes (walkWorst: the worst reply every time; a prohibited act wherever one is offered)
 * find at a strong ending that the partial exploration did not: a poorer score, or a critical
 * violation, each with its playthrough. One reach per strong ending, as the exploration makes.
 */
export function probedReaches(scenario: Scenario, best: number, explored: readonly EndingReach[]): EndingReach[] {
  const out = new Map<string, EndingReach>();
  const critical = (reply: { assessments: readonly { principle: string; verdict: string }[] }) => reply.assessments.some((a) => a.verdict === 'violates' && getPrinciple(a.principle)?.severity === 'critical');
  for (const probe of [walkWorst(scenario), walkWorst(scenario, critical)]) {
    const ending = scenario.nodes.find((n) => n.id === probe.endingId);
    if (ending?.kind !== 'ending' || ending.ending !== 'strong') continue;
    const afterCritical = probe.conduct.critical > 0;
    const percent = percentOfBest(probe.conduct.points, best);
    const score = afterCritical ? Math.min(CRITICAL_CAP, percent) : percent;
    const known = explored.find((e) => e.endingId === ending.id);
    const path = probe.path.map((p) => p.replyId);
    // Only what the exploration has not found already (it reports that itself): a reach starts at
    // 100%, which nothing reports, and takes a probe's score only if it is lower than the exploration's.
    const reach: EndingReach = out.get(ending.id) ?? { endingId: ending.id, kind: 'strong', worst: 100, best: 100, afterCritical: false, worstPath: [], bestPath: [] };
    if (score < reach.worst && score < (known?.worst ?? 101)) Object.assign(reach, { worst: score, worstPath: path, worstEntry: probe.entry });
    if (afterCritical && !reach.afterCritical && !known?.afterCritical) Object.assign(reach, { afterCritical: true, criticalPath: path, criticalEntry: probe.entry });
    out.set(ending.id, reach);
  }
  return [...out.values()].filter((r) => r.worstPath.length > 0 || r.afterCritical);
}
