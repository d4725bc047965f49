// Authoring aid: `npx tsx test/helpers/report.ts scenarios/x.json` prints what issue #3 asks of a scenario.
import { readFileSync } from 'node:fs';
import { buildDebrief, analyseBest } from '../../src/machines/scoring.js';
import { indexScenario } from '../../src/machines/scenario-index.js';
import { formatValidation, validateScenario } from '../../src/machines/validate/index.js';
import { branchingDecisions, hasConditionalRouting, minDecisionsOnAnyPath, walkGreedy } from './scenario-stats.js';
import type { Turn } from '../../src/machines/types.js';

for (const file of process.argv.slice(2)) {
  const result = validateScenario(readFileSync(file), file);
  console.log(formatValidation(result, file));
  const s = result.scenario;
  if (!s) continue;
  const index = indexScenario(s);
  const decisions = s.nodes.filter((n) => n.kind === 'decision');
  const endings = s.nodes.filter((n) => n.kind === 'ending');
  const toTurns = (steps: { nodeId: string; replyId: string }[]): Turn[] => steps.map((st) => {
    const r = index.replies.get(st.replyId)!.reply;
    return { nodeId: st.nodeId, replyId: st.replyId, assessments: r.assessments, feedback: r.feedback, changes: [] };
  });
  const best = analyseBest(s);
  const worst = walkGreedy(s, (a, b) => a < b);
  const worstDebrief = buildDebrief(s, toTurns(worst.steps), worst.endingId);
  const bestDebrief = buildDebrief(s, toTurns(best.path), best.endingId);
  console.log({
    decisions: decisions.length,
    minDecisionsOnAnyPath: minDecisionsOnAnyPath(s),
    minRepliesPerDecision: Math.min(...decisions.map((d) => d.replies.length)),
    endingKinds: endings.map((e) => e.kind === 'ending' && e.ending),
    branchingDecisions: branchingDecisions(s),
    conditionalRouting: hasConditionalRouting(s),
    bestPath: best.path.map((p) => p.replyId).join(' > '),
    bestEnding: best.endingId && index.nodes.get(best.endingId)?.kind === 'ending' ? (index.nodes.get(best.endingId) as { ending: string }).ending : undefined,
    bestPercent: bestDebrief.score.percent,
    worstPath: worst.steps.map((p) => p.replyId).join(' > '),
    worstEnding: worst.endingKind,
    worstPercent: worstDebrief.score.percent,
    worstCritical: worstDebrief.criticalViolations.map((c) => c.principleId),
    principlesAssessed: [...new Set(decisions.flatMap((d) => d.kind === 'decision' ? d.replies.flatMap((r) => r.assessments.map((a) => a.principle)) : []))].length,
  });
}
