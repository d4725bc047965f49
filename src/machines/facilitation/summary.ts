import { debriefModel } from '../report/debrief-model.js';
import { cell, debriefMarkdown } from '../report/markdown.js';
import { percentOf } from '../report/words.js';
import type { Debrief } from '../scoring.js';
import type { Scenario } from '../schema/scenario.js';
import type { SessionView } from '../selectors.js';
import { cleanDeep, cleanLine } from '../text/clean.js';
import { tallyVotes, votesWords, type Votes } from './votes.js';

/** One decision of a trainer-led session: what the room voted and which branch it followed. */
export interface FacilitatedDecision {
  title: string;
  discussionPrompt?: string;
  replies: { number: number; text: string; votes: number }[];
  /** The number of the reply the room followed, or undefined if the session stopped here. */
  chosen?: number;
}

/** The record of one decision from what was on screen and the room's votes. */
export function facilitatedDecision(view: Pick<SessionView, 'nodeId' | 'title' | 'discussionPrompt' | 'replies'>, votes: Votes, chosen?: number): FacilitatedDecision {
  const tally = tallyVotes(view.replies.map((r) => r.id), votes);
  return {
    title: view.title ?? view.nodeId,
    discussionPrompt: view.discussionPrompt,
    replies: view.replies.map((r, i) => ({ number: r.number, text: r.text, votes: tally.entries[i]?.votes ?? 0 })),
    ...(chosen !== undefined ? { chosen } : {}),
  };
}

/** The session summary as Markdown: each decision, its tallies, the branch taken, and the debrief. */
export function facilitationMarkdown(scenario: Scenario, decisions: readonly FacilitatedDecision[], debrief: Debrief | undefined, now = new Date()): string {
  const clean = cleanDeep(decisions);
  const out = [`# Session summary: ${cleanLine(scenario.title)}`, '', `Trainer-led session, ${now.toISOString().slice(0, 16).replace('T', ' ')} UTC.`, ''];
  clean.forEach((d, i) => {
    out.push(`## Decision ${i + 1}: ${cleanLine(d.title)}`, '');
    if (d.discussionPrompt) out.push(`Discussion prompt: ${d.discussionPrompt}`, '');
    const total = d.replies.reduce((sum, r) => sum + r.votes, 0);
    out.push('| # | Reply | Votes |', '|---|---|---|');
    for (const r of d.replies) out.push(`| ${r.number} | ${cell(r.text)} | ${votesWords({ votes: r.votes, percent: percentOf(r.votes, total) }, total)} |`);
    const chosen = d.replies.find((r) => r.number === d.chosen);
    out.push('', chosen ? `Branch taken: ${chosen.number}. ${chosen.text}` : 'The session stopped at this decision.', '');
  });
  out.push(debrief ? debriefMarkdown(debriefModel(scenario, debrief), '##') : '## Debrief\n\nThe session ended before the scenario did.\n');
  return out.join('\n');
}

/** The summary's file name without extension. */
export function summaryBaseName(scenario: Scenario, stamp: string): string {
  return `${scenario.id}-session-${stamp}`;
}
