import { percentOf } from '../report/words.js';

/** One revealed decision of a trainer-led session: each reply's votes and whether it is best practice. */
export interface RevealedVotes {
  entries: readonly { votes: number; best: boolean }[];
}

/** How often the room matched best practice over a session. */
export interface RoomAgreement {
  /** Decisions where the room voted at all. */
  decisions: number;
  /**
   * Of those, decisions where the most-voted reply was a best-practice reply: with a tie, every
   * reply tied for the most votes (a room split 4–4–4 did not choose best practice).
   */
  matched: number;
  matchedPercent: number;
  votes: number;
  votesForBest: number;
  votesForBestPercent: number;
}

/** The room's agreement with best practice: by most-voted reply per decision, and by share of all votes. */
export function roomAgreement(decisions: readonly RevealedVotes[]): RoomAgreement {
  let voted = 0;
  let matched = 0;
  let votes = 0;
  let votesForBest = 0;
  for (const d of decisions) {
    const total = d.entries.reduce((sum, e) => sum + e.votes, 0);
    if (total === 0) continue;
    voted++;
    const top = Math.max(...d.entries.map((e) => e.votes));
    if (d.entries.every((e) => e.best || e.votes !== top)) matched++;
    votes += total;
    votesForBest += d.entries.filter((e) => e.best).reduce((sum, e) => sum + e.votes, 0);
  }
  return { decisions: voted, matched, matchedPercent: percentOf(matched, voted), votes, votesForBest, votesForBestPercent: percentOf(votesForBest, votes) };
}

/**
 * The same agreement from each decision's totals, as a live room keeps them (votes, votes for best
 * practice, whether the most-voted reply was best practice): the live room's pages then say what
 * presenter mode and the terminal say.
 */
export function agreementOfTotals(decisions: readonly { votes: number; bestVotes: number; mostVotedBest: boolean }[]): RoomAgreement {
  const voted = decisions.filter((d) => d.votes > 0);
  const matched = voted.filter((d) => d.mostVotedBest).length;
  const votes = voted.reduce((n, d) => n + d.votes, 0);
  const votesForBest = voted.reduce((n, d) => n + d.bestVotes, 0);
  return { decisions: voted.length, matched, matchedPercent: percentOf(matched, voted.length), votes, votesForBest, votesForBestPercent: percentOf(votesForBest, votes) };
}

/** The agreement in one or two sentences, for the screen and the session summary. */
export function agreementWords(a: RoomAgreement): string {
  if (a.decisions === 0) return 'No votes were entered, so there is no record of how often the room matched best practice.';
  return `The room's most-voted reply was best practice at ${a.matched} of ${a.decisions} decision${a.decisions === 1 ? '' : 's'} with votes (${a.matchedPercent}%); ${a.votesForBest} of ${a.votes} vote${a.votes === 1 ? '' : 's'} (${a.votesForBestPercent}%) went to best-practice replies.`;
}
