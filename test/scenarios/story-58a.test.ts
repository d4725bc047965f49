import { describe, expect, it } from 'vitest';
import { bundledReply } from '../helpers/bundled.js';
import { endedOn } from '../helpers/story.js';

// Session reader-a-58: a fresh reader's pass over youth-relapses, the-list and trafficker-contact, against the
// guide (the only source for scoring). Each case was seen failing on the files as they stood before the fix.

// 1. the-list d4-ba ("Call Bà tomorrow and ask her, gently, to stop letting Chú Vinh drive Bảo home; then tell
// Marcus what you did") is the one reply faulted on consult-supervisor-on-suspicion whose cost the mixed ending
// never told: every other (d1-family, d3-secret, d4-wait, d5-promise, d5-call-mom) has a flag and a variant saying
// what it cost. Its feedback says "Bà will tell Bảo who asked", and nothing on the path showed it; a playthrough
// in the Strong band (82%) kept out of the strong ending by that reply alone was told only "Not all of what you
// said or did this fall helped him". It now sets asked-ba, and the mixed ending tells what came of the call.
describe('story-58a: the-list tells what came of asking Bà yourself to stop the drives (d4-ba)', () => {
  const BEST = ['d1-hear', 'd2-light', 'd3-carry', 'd4-marcus', 'd5-honest', 'd6-miss', 'd7-go', 'd8-next', 'd9-strengths'];
  const withBa = BEST.map((r) => (r === 'd4-marcus' ? 'd4-ba' : r));

  it('the Strong-band playthrough kept from the strong ending by d4-ba alone is told why', () => {
    const d = endedOn('the-list', withBa);
    expect(d.score.percent).toBe(82);
    expect(d.outcome.band).toBe('strong');
    expect(d.ending?.id).toBe('end-mixed');
    expect(d.ending?.narration).toMatch(/you called Bà and asked her to stop letting Chú Vinh drive Bảo home, she told Bảo it was his CASA who had asked/);
    expect(d.ending?.narration).not.toMatch(/Not all of what you said or did/);
  });

  it('a low-scoring playthrough through d4-ba is told it too; one through d4-marcus is not', () => {
    const low = endedOn('the-list', ['d1-hear', 'd2-praise', 'd3-stop', 'd4-ba', 'd5-honest', 'd6-miss', 'd7-go', 'd8-done', 'd9-school']);
    expect(low.score.percent).toBeLessThan(50);
    expect(low.ending?.narration).toMatch(/asked her to stop letting Chú Vinh drive Bảo home/);
    const marcus = endedOn('the-list', ['d1-hear', 'd2-praise', 'd3-carry', 'd4-marcus', 'd5-honest', 'd6-miss', 'd7-go', 'd8-all', 'd9-strengths']);
    expect(marcus.ending?.id).toBe('end-mixed');
    expect(marcus.ending?.narration).not.toMatch(/asked her to stop/);
  });

  it('the feedback that promised it is unchanged, and so is the score', () => {
    const r = bundledReply('the-list', 'd4-next', 'd4-ba');
    expect(r.feedback).toMatch(/Bà will tell Bảo who asked\.$/);
    expect(r.assessments.map((a) => `${a.principle} ${a.verdict} ${a.weight ?? 1}`)).toEqual(['consult-supervisor-on-suspicion violates 1', 'no-jumping-to-conclusions violates 1']);
  });
});

