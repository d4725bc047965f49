import { describe, expect, it } from 'vitest';
import { bundledScenario } from '../helpers/bundled.js';
import { driveReplies, playReplies, toldAt } from '../helpers/play.js';

// Session contentb-47: fresh eyes on boy-red-flags, before-relapse and court-report, played through in the
// terminal and checked against the guide. Each case below was seen failing before its fix.

describe('contentb-47: court-report keeps its calendar', () => {
  // The opening puts the review three weeks away, with the draft due "next Friday"; the visit is on a
  // Saturday, the draft is done on a Thursday night and goes in the next day. So the report is filed a week
  // or more into those three weeks: the hallway on hearing day cannot be "three weeks later".
  const s = bundledScenario('court-report');
  const best = ['d-opening-strengths', 'd-school-evidence', 'd-health-records', 'd-visit-ask-voice', 'd-check-status-call-csw', 'd-status-confirmed-factual', 'd-wellbeing-strengths', 'd-recs-csec-restoration', 'd-recs-more-secondary'];

  it('the opening sets the review three weeks away and the draft due the next Friday; the draft is finished on the Thursday night before it is due', () => {
    expect(toldAt(s, 's-kitchen-table')).toMatch(/review is in three weeks/);
    expect(toldAt(s, 's-kitchen-table')).toMatch(/next Friday/);
    expect(toldAt(s, 's-visit')).toMatch(/^Saturday\./);
    expect(toldAt(s, 'd-review')).toMatch(/Thursday night; the report is due tomorrow/);
  });

  it.each([
    ['reviewed by Marisa', 'd-review-supervisor', 's-filed-reviewed'],
    ['sent in without her', 'd-review-skip', 's-filed'],
  ])('a report %s meets Lupe on hearing day, not three weeks or more after it is filed', (_how, review, scene) => {
    const { nodes } = driveReplies(s, [...best, review], true);
    expect(nodes).toContain(scene);
    expect(toldAt(s, scene)).toMatch(/^The report is filed\./);
    expect(toldAt(s, scene)).not.toMatch(/\b(three|four|five|six|\d+) weeks later\b/i);
  });
});

describe('contentb-47: boy-red-flags tells the drive to Union Station wherever it ends', () => {
  // d6-drive ("Stay at the station. I'm getting in the car now.") goes to end-drive, or with Theo's trust
  // under 40 to end-closed, whose narration began at "Theo stops answering your texts": the drive, and
  // what came of it, was never told.
  const s = bundledScenario('boy-red-flags');

  it('a drive with little trust left ends closed, and the ending says what happened at the station', () => {
    const d = playReplies(s, ['d1-agree', 'd2-pile', 'd3-press', 'd4-jonah', 'd5-person', 'd6-drive']);
    expect(d?.ending?.id).toBe('end-closed');
    expect(d?.ending?.narration).toMatch(/Union Station/);
    expect(d?.ending?.narration).toMatch(/Theo stops answering your texts/);
  });

  it('the same low-trust playthrough that calls Ray and Ms. Ortega instead is told no drive', () => {
    const d = playReplies(s, ['d1-agree', 'd2-pile', 'd3-press', 'd4-jonah', 'd5-person', 'd6-ray']);
    expect(d?.ending?.id).toBe('end-closed');
    expect(d?.ending?.narration).not.toMatch(/Union Station|drive/);
  });
});
