import { indexScenario, replyValue } from '../scenario-index.js';
import type { Scenario } from '../schema/scenario.js';
import { revealReplies, type FeedbackView, type SessionView } from '../selectors.js';
import { sharesOf } from '../report/words.js';
import { bestPracticeAt } from '../scoring.js';

/** The room's votes at one decision, by reply id. */
export type Votes = Readonly<Record<string, number>>;

/** The most one reply can be given: a room, not a stadium (and a typing slip stays visible). */
export const MAX_VOTES = 9999;

/** What every UI says when a count typed for one reply is over MAX_VOTES. */
export const TOO_MANY_VOTES = `At most ${MAX_VOTES} votes per reply: a larger count is kept at ${MAX_VOTES}.`;

/** A vote count made safe: a whole number from 0 to MAX_VOTES. */
export function clampVotes(n: number): number {
  return Number.isFinite(n) ? Math.max(0, Math.min(MAX_VOTES, Math.trunc(n))) : 0;
}

/** Votes for each reply with its share of the room, in the replies' order. */
export interface Tally {
  total: number;
  entries: { replyId: string; votes: number; percent: number }[];
}

/** Counts and percentages for the replies of a decision (each rounded on its own: sharesOf). */
export function tallyVotes(replyIds: readonly string[], votes: Votes): Tally {
  const counts = replyIds.map((id) => clampVotes(Object.hasOwn(votes, id) ? (votes[id] ?? 0) : 0));
  const total = counts.reduce((a, b) => a + b, 0);
  const shares = sharesOf(counts);
  return { total, entries: replyIds.map((replyId, i) => ({ replyId, votes: counts[i] ?? 0, percent: shares[i] ?? 0 })) };
}

/** "12 (40%)", or "0" when nobody has voted. */
/** How many votes the room has entered at a decision, before the reveal: "28 votes entered". */
export function votesEnteredWords(total: number): string {
  return `${total} vote${total === 1 ? '' : 's'} entered`;
}

export function votesWords(entry: { votes: number; percent: number }, total: number): string {
  return `${entry.votes}${total > 0 ? ` (${entry.percent}%)` : ''}`;
}

/** Each reply's points from the core, by reply id. */
export function replyValues(scenario: Scenario, replyIds: readonly string[]): Record<string, number> {
  const index = indexScenario(scenario);
  return Object.fromEntries(replyIds.map((id) => {
    const reply = index.replies.get(id)?.reply;
    return [id, reply ? replyValue(reply) : 0];
  }));
}

/** One reply as a trainer reveals it: its feedback, points, votes, and whether it is best practice here. */
export interface RevealEntry extends FeedbackView {
  /** 1-based number, as the room saw it. */
  number: number;
  value: number;
  votes: number;
  percent: number;
  /**
   * Best practice here, by the debrief's rule (bestPracticeAt), among the replies the room could
   * follow: the best-practice path's reply at a decision it goes through, else every reply worth
   * the most points.
   */
  best: boolean;
}

/** Every reply of a decision with feedback, points and the room's votes, for the reveal. */
export function revealData(scenario: Scenario, view: Pick<SessionView, 'nodeId' | 'replies'>, votes: Votes): { total: number; entries: RevealEntry[] } {
  const feedback = new Map(revealReplies(scenario, view.nodeId).map((f) => [f.replyId, f]));
  const ids = view.replies.map((r) => r.id);
  const values = replyValues(scenario, ids);
  // Best practice by the debrief's rule, among the replies the room could follow (not a greyed-out one).
  const offered = new Set(view.replies.filter((r) => r.enabled).map((r) => r.id));
  const best = new Set(bestPracticeAt(scenario, view.nodeId, (r) => offered.has(r.id))?.replyIds ?? []);
  const tally = tallyVotes(ids, votes);
  const entries = view.replies.flatMap((r, i) => {
    const f = feedback.get(r.id);
    if (!f) return [];
    const t = tally.entries[i] ?? { votes: 0, percent: 0 };
    return [{ ...f, number: r.number, value: values[r.id] ?? 0, votes: t.votes, percent: t.percent, best: best.has(r.id) }];
  });
  return { total: tally.total, entries };
}

/**
 * The reply the room chose at a reveal, for the trainer's next step ("Follow the room's choice"): the
 * one with the most votes, when it alone has them and the story opens it here (`open`). None when
 * nobody voted, when replies tie for the most, or when the most-voted reply is one the story does
 * not open: the trainer then chooses which reply to follow.
 */
export function roomsChoice<E extends { replyId: string; votes: number }>(entries: readonly E[], open: (replyId: string) => boolean): E | undefined {
  const top = Math.max(0, ...entries.map((e) => e.votes));
  const most = entries.filter((e) => e.votes === top);
  const [only] = most;
  return top > 0 && most.length === 1 && only && open(only.replyId) ? only : undefined;
}
