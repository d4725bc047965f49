import { indexScenario } from '../scenario-index.js';
import { feedbackOf } from '../selectors.js';
import type { Debrief } from '../scoring.js';
import type { Scenario } from '../schema/scenario.js';
import { cleanDeep } from '../text/clean.js';

/**
 * The debrief with every id resolved to the words a volunteer reads (reply texts, decision
 * titles). Pure formatting: the scores and verdicts all come from the core's Debrief.
 */
export interface DebriefModel {
  title: string;
  ending?: { title: string; kind: string; narration: string };
  score: Debrief['score'];
  critical: { title: string; section: string; where: string; reply: string; feedback: string }[];
  principles: { title: string; status: 'violated' | 'missed' | 'followed'; section: string; followed: number; violated: number; missed: number }[];
  turns: { where: string; reply: string; value: number; bestValue: number; feedback: string; verdicts: { title: string; verdict: 'follows' | 'violates'; citation: string }[] }[];
  /** Your path and the best-practice path, step by step (either may be shorter). */
  paths: { yours?: { where: string; reply: string; value: number }; best?: { where: string; reply: string; value: number } }[];
  strengths: string[];
  growthAreas: string[];
}

/** Resolves a debrief's ids against its scenario; all text is cleaned of escapes and invisible characters. */
export function debriefModel(scenario: Scenario, debrief: Debrief): DebriefModel {
  const index = indexScenario(scenario);
  const where = (nodeId: string) => index.nodes.get(nodeId)?.title ?? nodeId;
  const reply = (replyId: string) => index.replies.get(replyId)?.reply.text ?? replyId;
  const length = Math.max(debrief.turns.length, debrief.bestPath.length);
  const model: DebriefModel = {
    title: debrief.title,
    ending: debrief.ending && { title: debrief.ending.title, kind: debrief.ending.kind, narration: debrief.ending.narration },
    score: debrief.score,
    critical: debrief.criticalViolations.map((c) => ({ title: c.title, section: c.section, where: where(c.nodeId), reply: reply(c.replyId), feedback: c.feedback })),
    principles: debrief.principles.map((p) => ({ title: p.title, status: p.status, section: p.section, followed: p.followed, violated: p.violated, missed: p.missed })),
    turns: debrief.turns.map((t) => {
      const view = feedbackOf(scenario, t.turn);
      return {
        where: where(t.nodeId), reply: view.replyText, value: t.value, bestValue: t.bestValue, feedback: t.feedback,
        verdicts: view.assessments.map((a) => ({ title: a.title, verdict: a.verdict, citation: a.citation })),
      };
    }),
    paths: Array.from({ length }, (_, i) => {
      const mine = debrief.turns[i];
      const best = debrief.bestPath[i];
      return {
        yours: mine && { where: where(mine.nodeId), reply: reply(mine.replyId), value: mine.value },
        best: best && { where: where(best.nodeId), reply: reply(best.replyId), value: best.value },
      };
    }),
    strengths: debrief.strengths,
    growthAreas: debrief.growthAreas,
  };
  return cleanDeep(model);
}
