import { decisionVoteTotals, facilitationMarkdown } from '../facilitation/summary.js';
import { cell } from '../report/markdown.js';
import { percentOf } from '../report/words.js';
import { decisionTotals, roomDebrief, roomDecisions, type RoomContext, type RoomState } from './state.js';

/** How often the room matched best practice: per decision and over the session. */
export interface RoomMatch {
  decisions: { title: string; votes: number; bestVotes: number; followedBest: boolean }[];
  votes: number;
  bestVotes: number;
  /** Decisions whose followed branch was a best-practice reply. */
  followedBest: number;
}

/** The room's votes against best practice, over every decision followed so far. */
export function roomMatch(state: RoomState): RoomMatch {
  const decisions = state.history.map(decisionTotals).map(({ title, votes, bestVotes, followedBest }) => ({ title, votes, bestVotes, followedBest }));
  return {
    decisions,
    votes: decisions.reduce((n, d) => n + d.votes, 0),
    bestVotes: decisions.reduce((n, d) => n + d.bestVotes, 0),
    followedBest: decisions.filter((d) => d.followedBest).length,
  };
}

/**
 * The votes for best practice at one decision, "3 (60%)"; with no votes at all, "0" (as each reply's
 * votes read above it): "0 (0%)" said that none of the votes went to best practice, when there were none.
 */
const bestWords = (d: { votes: number; bestVotes: number }) => `${d.bestVotes}${d.votes > 0 ? ` (${percentOf(d.bestVotes, d.votes)}%)` : ''}`;

/**
 * The live room's session summary: the core's facilitation summary (each decision's tally, the
 * branch taken, the debrief if the scenario ended), its "How the room did" going on decision by
 * decision: the room's code and phones, and a table of each decision's votes for best practice and
 * whether the branch followed was best practice (once, there: it was a second section after the
 * debrief, "How often the room matched best practice", saying the session's figures over again). No device ids and no individual votes: counts only. Dated when the room
 * began (as its file name is), so every copy of one room's summary is the same text: the presenter
 * page's download, and the laptop's file however often it is written again (at the end, at close).
 */
export function roomSummaryMarkdown(ctx: RoomContext, state: RoomState, now?: Date): string {
  if (now !== undefined) return summaryAt(ctx, state, now);
  // Dated when the room began: one text per state, worked out once (the presenter page's view and the laptop's file read the same).
  const cached = summaries.get(state);
  if (cached?.ctx === ctx) return cached.text;
  const text = summaryAt(ctx, state, new Date(state.createdAt));
  summaries.set(state, { ctx, text });
  return text;
}

const summaries = new WeakMap<RoomState, { ctx: RoomContext; text: string }>();

function summaryAt(ctx: RoomContext, state: RoomState, now: Date): string {
  const decisions = roomDecisions(ctx, state);
  const match = roomMatch(state);
  // The decision the session stopped at, with votes: counted under "How the room did" (as presenter
  // mode counts the decision on screen), so listed here too, with no branch.
  const stopped = decisions.length > match.decisions.length ? decisions.at(-1) : undefined;
  const stoppedVotes = stopped ? decisionVoteTotals(ctx.scenario, stopped) : undefined;
  const phones = Object.keys(state.devices).length;
  const lines = [`Room code ${state.room}; ${phones} ${phones === 1 ? 'phone' : 'phones'} joined.`];
  // (No decision followed: "How the room did" has said so already.)
  if (match.decisions.length > 0 || stoppedVotes?.votes) {
    lines.push('', '### Decision by decision', '');
    lines.push('| Decision | Votes | Votes for best practice | Branch followed was best practice |', '|---|---|---|---|');
    match.decisions.forEach((d, i) => lines.push(`| ${i + 1}. ${cell(d.title)} | ${d.votes} | ${bestWords(d)} | ${d.followedBest ? 'yes' : 'no'} |`));
    if (stopped && stoppedVotes?.votes) lines.push(`| ${match.decisions.length + 1}. ${cell(stopped.title)} | ${stoppedVotes.votes} | ${bestWords(stoppedVotes)} | not followed: the session stopped here |`);
  }
  // Over the session: said once, under "How the room did" (facilitationMarkdown), in presenter mode's words; then this.
  return facilitationMarkdown(ctx.scenario, decisions, roomDebrief(ctx, state), now, false, lines);
}
