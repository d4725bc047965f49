import { debriefModel } from '../report/debrief-model.js';
import { cell, debriefMarkdown, mdLines, mdText } from '../report/markdown.js';
import { localTimeWords } from '../report/export.js';
import { BEST_PRACTICE, percentOf, roomMatchWords, sharesOf, signed } from '../report/words.js';
import { bestPracticeAt, type Debrief } from '../scoring.js';
import type { Scenario } from '../schema/scenario.js';
import { indexScenario } from '../scenario-index.js';
import type { SessionView } from '../selectors.js';
import { getPrinciple, getSection, guideCitation } from '../guide.js';
import { cleanDeep, cleanLine } from '../text/clean.js';
import { agreementWords, roomAgreement, type RevealedVotes, type RoomAgreement } from './agreement.js';
import { replyValues, tallyVotes, votesWords, type Votes } from './votes.js';

/** One decision of a trainer-led session: what the room voted and which branch it followed. */
export interface FacilitatedDecision {
  title: string;
  discussionPrompt?: string;
  /**
   * Each reply as the room saw it; `id` (absent in records made before it was kept) gives its
   * points; `offered: false`, a reply shown greyed out ("not available now"), which the room could
   * not follow (absent: offered, as in records made before it was kept).
   */
  replies: { number: number; text: string; votes: number; id?: string; offered?: false }[];
  /** The number of the reply the room followed, or undefined if the session stopped here. */
  chosen?: number;
}

/** The record of one decision from what was on screen and the room's votes. */
export function facilitatedDecision(view: Pick<SessionView, 'nodeId' | 'title' | 'discussionPrompt' | 'replies'>, votes: Votes, chosen?: number): FacilitatedDecision {
  const tally = tallyVotes(view.replies.map((r) => r.id), votes);
  return {
    title: view.title ?? view.nodeId,
    discussionPrompt: view.discussionPrompt,
    replies: view.replies.map((r, i) => ({ number: r.number, text: r.text, votes: tally.entries[i]?.votes ?? 0, id: r.id, ...(r.enabled ? {} : { offered: false as const }) })),
    ...(chosen !== undefined ? { chosen } : {}),
  };
}

/**
 * A decision's replies with their points, which are best practice (by the debrief's rule,
 * bestPracticeAt, among the replies the room could follow), and which are actions ("do" replies,
 * found by their id in the scenario: the record keeps no kind).
 */
function scored(scenario: Scenario, d: FacilitatedDecision) {
  const ids = d.replies.flatMap((r) => (r.id ? [r.id] : []));
  const values = replyValues(scenario, ids);
  const index = indexScenario(scenario);
  const offered = new Set(d.replies.flatMap((r) => (r.id !== undefined && r.offered !== false ? [r.id] : [])));
  const nodeId = ids.length > 0 ? index.replies.get(ids[0] as string)?.node.id : undefined;
  const best = new Set((nodeId !== undefined ? bestPracticeAt(scenario, nodeId, (r) => offered.has(r.id))?.replyIds : undefined) ?? []);
  return d.replies.map((r) => {
    const value = r.id !== undefined ? values[r.id] : undefined;
    const action = r.id !== undefined && index.replies.get(r.id)?.reply.kind === 'do';
    return { ...r, value, best: r.id !== undefined && best.has(r.id), action };
  });
}

/**
 * The guide's prohibited activities (critical violations) a reply commits, as the debrief names
 * them: Don't investigate (guide: "Prohibited Activities"). A summary made before the story's end
 * has no debrief to list them, so each branch taken says it.
 */
function prohibitedIn(scenario: Scenario, replyId: string | undefined): string[] {
  const reply = replyId === undefined ? undefined : indexScenario(scenario).replies.get(replyId)?.reply;
  return (reply?.assessments ?? []).flatMap((a) => {
    const p = a.verdict === 'violates' ? getPrinciple(a.principle) : undefined;
    return p?.severity === 'critical' ? [`${p.title} (${guideCitation(getSection(p.section)?.heading ?? p.section)})`] : [];
  });
}

/** A reply's words in the summary: an action as "Do: …" (as the debrief below it writes one), never as if it were said. */
const replyWords = (r: { text: string; action: boolean }, escape: (text: string) => string): string => `${r.action ? 'Do: ' : ''}${escape(r.text)}`;

/** The votes at one decision, and how many went to a best-practice reply. */
export function decisionVoteTotals(scenario: Scenario, d: FacilitatedDecision): { votes: number; bestVotes: number } {
  const replies = scored(scenario, d);
  return { votes: replies.reduce((n, r) => n + r.votes, 0), bestVotes: replies.reduce((n, r) => n + (r.best ? r.votes : 0), 0) };
}

/** How often the room's votes matched best practice over these decisions (those with votes). */
export function decisionsAgreement(scenario: Scenario, decisions: readonly FacilitatedDecision[]): RoomAgreement {
  return roomAgreement(decisions.map((d): RevealedVotes => ({ entries: scored(scenario, d) })));
}

/**
 * How the room did, as the summary's "How the room did" says it and every screen that ends a
 * session repeats it: how often the branch it took was best practice, then how its votes matched
 * (presenter mode's words, agreementWords); "The room made no decisions." when it made none.
 */
export function roomDidWords(scenario: Scenario, decisions: readonly FacilitatedDecision[]): string[] {
  let taken = 0;
  let branchBest = 0;
  for (const d of decisions) {
    const chosen = scored(scenario, d).find((r) => r.number === d.chosen);
    if (!chosen) continue;
    taken++;
    if (chosen.best) branchBest++;
  }
  const agreement = decisionsAgreement(scenario, decisions);
  if (taken === 0 && agreement.decisions === 0) return ['The room made no decisions.'];
  return [...(taken > 0 ? [roomMatchWords(branchBest, taken, 'The branch the room took was')] : []), ...(agreement.decisions > 0 ? [agreementWords(agreement)] : [])];
}

/**
 * What roomDidWords says, as counts that add up decision by decision, for a caller that carries them
 * forward from step to step (a live room: worked out from every decision made at every change, they
 * made a long session quadratic): the branches taken and how many were best practice, then the
 * decisions with votes, how many the most-voted reply matched, the votes and those for best practice.
 */
export interface RoomDidCounts {
  taken: number;
  branchBest: number;
  voted: number;
  matched: number;
  votes: number;
  votesForBest: number;
}

/** No decision made yet. */
export const NO_DECISIONS_COUNTED: RoomDidCounts = { taken: 0, branchBest: 0, voted: 0, matched: 0, votes: 0, votesForBest: 0 };

/** The counts with one decision added (`sign` -1: taken off, as the room goes back), as roomDidWords and roomAgreement count it. */
export function roomDidAdd(scenario: Scenario, counts: RoomDidCounts, d: FacilitatedDecision, sign: 1 | -1 = 1): RoomDidCounts {
  const replies = scored(scenario, d);
  const chosen = replies.find((r) => r.number === d.chosen);
  const total = replies.reduce((sum, r) => sum + r.votes, 0);
  const voted = total > 0;
  const top = voted ? Math.max(...replies.map((r) => r.votes)) : 0;
  return {
    taken: counts.taken + (chosen ? sign : 0),
    branchBest: counts.branchBest + (chosen?.best ? sign : 0),
    voted: counts.voted + (voted ? sign : 0),
    matched: counts.matched + (voted && replies.every((r) => r.best || r.votes !== top) ? sign : 0),
    votes: counts.votes + (voted ? sign * total : 0),
    votesForBest: counts.votesForBest + (voted ? sign * replies.filter((r) => r.best).reduce((sum, r) => sum + r.votes, 0) : 0),
  };
}

/** roomDidWords from the counts (roomDidAdd's). */
export function roomDidCountsWords(c: RoomDidCounts): string[] {
  if (c.taken === 0 && c.voted === 0) return ['The room made no decisions.'];
  const agreement: RoomAgreement = { decisions: c.voted, matched: c.matched, matchedPercent: percentOf(c.matched, c.voted), votes: c.votes, votesForBest: c.votesForBest, votesForBestPercent: percentOf(c.votesForBest, c.votes) };
  return [...(c.taken > 0 ? [roomMatchWords(c.branchBest, c.taken, 'The branch the room took was')] : []), ...(c.voted > 0 ? [agreementWords(agreement)] : [])];
}

/**
 * The session summary as Markdown: each decision with every reply's points and votes, best practice
 * marked, the branch the room took; how often the room matched best practice; then the debrief,
 * said of the room. `soFar`: the session goes on after this summary (presenter mode's "Download the
 * summary so far"), so it is not said to have stopped or ended. `byDecision`: lines that follow the
 * session's figures under "How the room did" (a live room's decision-by-decision table), so that how
 * the room did is said in one section, not in two.
 */
export function facilitationMarkdown(scenario: Scenario, decisions: readonly FacilitatedDecision[], debrief: Debrief | undefined, now = new Date(), soFar = false, byDecision: readonly string[] = []): string {
  const clean = cleanDeep(decisions);
  const out = [`# Session summary: ${mdText(cleanLine(scenario.title))}`, '', `Trainer-led session, ${localTimeWords(now)}.`, ''];
  clean.forEach((d, i) => {
    out.push(`## Decision ${i + 1}: ${mdText(cleanLine(d.title))}`, '');
    if (d.discussionPrompt) out.push(`Discussion prompt: ${mdLines(d.discussionPrompt)}`, '');
    const replies = scored(scenario, d);
    const total = replies.reduce((sum, r) => sum + r.votes, 0);
    out.push('| # | Reply | Points | Votes |', '|---|---|---|---|');
    const shares = sharesOf(replies.map((r) => r.votes));
    replies.forEach((r, k) => {
      out.push(`| ${r.number} | ${r.best ? `${BEST_PRACTICE}: ` : ''}${replyWords(r, cell)} | ${r.value !== undefined ? signed(r.value) : ''} | ${votesWords({ votes: r.votes, percent: shares[k] ?? 0 }, total)} |`);
    });
    out.push('', `Votes: ${total} in all.`);
    const chosen = replies.find((r) => r.number === d.chosen);
    if (chosen) {
      const best = replies.filter((r) => r.best).map((r) => r.number).join(' or ');
      const prohibited = prohibitedIn(scenario, chosen.id);
      out.push('', `Branch taken: ${chosen.number}. ${replyWords(chosen, (t) => mdLines(t))}${chosen.best ? ` (${BEST_PRACTICE})` : best ? ` (best practice here: ${best})` : ''}`, '');
      if (prohibited.length > 0) out.push(`A prohibited activity in the guide (a critical violation): ${prohibited.map(mdText).join('; ')}.`, '');
    } else out.push('', soFar ? 'The room has not chosen a branch here yet: this summary was made during the session.' : 'The session stopped at this decision.', '');
  });
  // In the words every screen that ends a session uses (roomDidWords): the terminal's debrief, the
  // web's download and end screen say the same.
  out.push('## How the room did', '', ...roomDidWords(scenario, clean), '', ...(byDecision.length > 0 ? [...byDecision, ''] : []));
  out.push(debrief ? debriefMarkdown(debriefModel(scenario, debrief), '##', 'room') : `## Debrief\n\n${soFar ? 'The session is still going: the debrief comes once the story reaches its ending.' : 'The session ended before the scenario did.'}\n`);
  return out.join('\n');
}

/** The summary's file name without extension. */
export function summaryBaseName(scenario: Scenario, stamp: string): string {
  return `${scenario.id}-session-${stamp}`;
}
