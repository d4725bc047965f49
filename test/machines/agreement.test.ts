import { describe, expect, it } from 'vitest';
import { agreementWords, roomAgreement } from '../../src/machines/index.js';

describe('how often the room matched best practice', () => {
  it('counts decisions whose most-voted reply is best practice, and the share of votes for best practice', () => {
    const a = roomAgreement([
      { entries: [{ votes: 3, best: true }, { votes: 1, best: false }] },
      { entries: [{ votes: 1, best: true }, { votes: 4, best: false }] },
      // A tie between best practice and another reply: the room did not choose best practice (a
      // 4–4–4 split was counted as matching).
      { entries: [{ votes: 2, best: true }, { votes: 2, best: false }] },
      // A tie between two best-practice replies: it did.
      { entries: [{ votes: 2, best: true }, { votes: 2, best: true }, { votes: 1, best: false }] },
      { entries: [{ votes: 0, best: true }, { votes: 0, best: false }] }, // no votes: left out
    ]);
    expect(a).toEqual({ decisions: 4, matched: 2, matchedPercent: 50, votes: 18, votesForBest: 10, votesForBestPercent: 56 });
    expect(agreementWords(a)).toBe("The room's most-voted reply was best practice at 2 of 4 decisions with votes (50%); 10 of 18 votes (56%) went to best-practice replies.");
  });

  it('says so when no votes were entered', () => {
    expect(agreementWords(roomAgreement([{ entries: [{ votes: 0, best: true }] }]))).toMatch(/^No votes were entered/);
  });
});
