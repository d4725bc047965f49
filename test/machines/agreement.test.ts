import { describe, expect, it } from 'vitest';
import { agreementWords, roomAgreement } from '../../src/machines/index.js';

describe('how often the room matched best practice', () => {
  it('counts decisions whose most-voted reply is best practice, and the share of votes for best practice', () => {
    const a = roomAgreement([
      { entries: [{ votes: 3, best: true }, { votes: 1, best: false }] },
      { entries: [{ votes: 1, best: true }, { votes: 4, best: false }] },
      { entries: [{ votes: 2, best: true }, { votes: 2, best: false }] }, // a tie with best practice counts as matched
      { entries: [{ votes: 0, best: true }, { votes: 0, best: false }] }, // no votes: left out
    ]);
    expect(a).toEqual({ decisions: 3, matched: 2, matchedPercent: 67, votes: 13, votesForBest: 6, votesForBestPercent: 46 });
    expect(agreementWords(a)).toBe("The room's most-voted reply was best practice at 2 of 3 decisions with votes (67%); 6 of 13 votes (46%) went to best-practice replies.");
  });

  it('says so when no votes were entered', () => {
    expect(agreementWords(roomAgreement([{ entries: [{ votes: 0, best: true }] }]))).toMatch(/^No votes were entered/);
  });
});
