import { indexScenario, replyValue } from '../machines/index.js';
import type { Debrief } from '../machines/scoring.js';
import type { Scenario } from '../machines/schema/scenario.js';
import { debriefMarkdown } from './debrief-markdown.js';
import { debriefModel } from './debrief-model.js';
import { exportsDir } from './export.js';
import { cleanDeep } from './sanitize.js';
import { fileStamp, writeAtomic } from './state.js';

/** One decision of a trainer-led session: what the room voted and which branch it followed. */
export interface FacilitatedDecision {
  title: string;
  discussionPrompt?: string;
  replies: { number: number; text: string; votes: number }[];
  /** The number of the reply the room followed, or undefined if the session stopped here. */
  chosen?: number;
}

function cell(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim();
}

/** The session summary as Markdown: each decision, its tallies, the branch taken, and the debrief. */
export function facilitationMarkdown(scenario: Scenario, decisions: FacilitatedDecision[], debrief: Debrief | undefined, now = new Date()): string {
  const clean = cleanDeep(decisions);
  const out = [`# Session summary: ${cleanDeep(scenario.title)}`, '', `Trainer-led session, ${now.toISOString().slice(0, 16).replace('T', ' ')} UTC.`, ''];
  clean.forEach((d, i) => {
    out.push(`## Decision ${i + 1}: ${d.title}`, '');
    if (d.discussionPrompt) out.push(`Discussion prompt: ${d.discussionPrompt}`, '');
    const total = d.replies.reduce((sum, r) => sum + r.votes, 0);
    out.push('| # | Reply | Votes |', '|---|---|---|');
    for (const r of d.replies) out.push(`| ${r.number} | ${cell(r.text)} | ${r.votes}${total > 0 ? ` (${Math.round((100 * r.votes) / total)}%)` : ''} |`);
    const chosen = d.replies.find((r) => r.number === d.chosen);
    out.push('', chosen ? `Branch taken: ${chosen.number}. ${chosen.text}` : 'The session stopped at this decision.', '');
  });
  out.push(debrief ? debriefMarkdown(debriefModel(scenario, debrief), '##') : '## Debrief\n\nThe session ended before the scenario did.\n');
  return out.join('\n');
}

/** Writes the session summary to the exports folder and returns its path. */
export function writeSessionSummary(scenario: Scenario, decisions: FacilitatedDecision[], debrief: Debrief | undefined, env: NodeJS.ProcessEnv): string {
  const path = `${exportsDir(env)}/${scenario.id}-session-${fileStamp()}.md`;
  writeAtomic(path, facilitationMarkdown(scenario, decisions, debrief));
  return path;
}

/** Each reply's score from the core (replyValue), by reply id, for the reveal. */
export function replyValues(scenario: Scenario, replyIds: readonly string[]): Record<string, number> {
  const index = indexScenario(scenario);
  return Object.fromEntries(replyIds.map((id) => {
    const reply = index.replies.get(id)?.reply;
    return [id, reply ? replyValue(reply) : 0];
  }));
}
