import { describe, expect, it } from 'vitest';
import { whenHolds } from '../../src/machines/conditions.js';
import { scoreOf } from '../../src/machines/conduct.js';
import { bundledReply, bundledScenario } from '../helpers/bundled.js';
import { endedOn } from '../helpers/story.js';
import { walkPlaythroughs } from '../helpers/walk.js';

// Session reader-b-60: a fresh reader's pass over boy-red-flags, couch-rent and saturday-shoots.

const COUCH_BEST = ['d1-heard', 'd2-need', 'd3-honest', 'd4-naomi', 'd5-redirect', 'd6-rattled', 'd7-bad-night', 'd8-strengths'];
const swap = (best: readonly string[], changes: Record<string, string>) => best.map((r) => changes[r] ?? r);
const scoredOn = (r: { assessments: readonly { principle: string; verdict: string; weight?: number }[] }) =>
  r.assessments.map((a) => `${a.principle} ${a.verdict} ${a.weight ?? 1}`);

// 1. couch-rent d5-drive ("Send me the address; I'm coming, and I won't call anyone.") keeps Arev's CSW out of the
// night in so many words, and was not scored on it: beside it, d5-stay ("I won't call Mr. Ferreira") and d5-ride (a
// car booked, the CSW told by staff) violate csw-partnership, and harm-reduction d6-address, a pick-up that does tell
// the CSW ("I'll let Ms. Castillo know"), violates it too. The debrief called the one reply that refuses to call
// anyone a "missed chance" to work with the CSW, and the drive's ending (end-drive: "Mr. Ferreira heard about it
// from staff, not from you") told a consequence the score never counted. It now violates csw-partnership at weight 1,
// as d5-stay does, and its feedback cites Collaboration with Case Parties.
describe('reader-b-60: couch-rent d5-drive, "I won\'t call anyone", is scored for keeping the CSW out', () => {
  it('violates csw-partnership (weight 1) beside picking up and first response, and the feedback says why, with its section', () => {
    const r = bundledReply('couch-rent', 'd5-night', 'd5-drive');
    expect(r.text).toMatch(/I won't call anyone/);
    expect(scoredOn(r)).toEqual(['no-picking-up violates 3', 'not-first-responder violates 1', 'csw-partnership violates 1']);
    expect(r.feedback).toMatch(/"I won't call anyone" keeps Mr\. Ferreira, who can make those arrangements, out of the night \(Collaboration with Case Parties\)\./);
    expect(r.feedback).toContain('(Prohibited Activities)');
  });

  it('every reply at 1:12 a.m. that keeps Mr. Ferreira out of the night is scored on it, as in the rest of the set', () => {
    for (const id of ['d5-ride', 'd5-drive', 'd5-stay']) {
      expect(bundledReply('couch-rent', 'd5-night', id).assessments.find((a) => a.principle === 'csw-partnership')?.verdict, id).toBe('violates');
    }
    expect(bundledReply('harm-reduction', 'd6-text', 'd6-address').assessments.find((a) => a.principle === 'csw-partnership')?.verdict).toBe('violates');
  });

  it('the debrief tells a playthrough that drove over that it went against working with the CSW, not that it missed a chance', () => {
    const d = endedOn('couch-rent', swap(COUCH_BEST, { 'd5-redirect': 'd5-drive' }));
    expect(d.ending?.id).toBe('end-drive');
    expect(d.ending?.narration).toMatch(/Mr\. Ferreira heard about it from staff, not from you/);
    expect(d.principles.find((p) => p.principleId === 'csw-partnership')?.status).toBe('violated');
  });
});

// 2. couch-rent end-mixed's variant for a volunteer who told Naomi "Tired, but that's the job" (d6-fine, the flag
// "carrying") opened "Arev is doing a little better." It comes before the variant for a score under 50% ("much of
// what you said and did these weeks gave them reasons to be careful with you"), so 254 Needs-review playthroughs, down
// to 4% (a verdict on Vic, texting through the night in place of the CSW, a break from the server Arev did not
// choose), were told Arev was doing better, while the same playthrough with d6-rattled was told why Arev is careful
// with you. A reply about the volunteer's own sleep changed what the ending said of the youth. The variant now holds
// at 50% or more, as the-list's trust variant does (second-reader-b43); below 50% the score's variant is told.
describe('reader-b-60: couch-rent, "I\'m fine" to Naomi does not make a Needs-review ending say Arev is doing better', () => {
  const LOW = ['d1-promise', 'd2-verdict', 'd3-honest', 'd4-urgent', 'd5-stay', 'd6-fine', 'd7-card', 'd8-strengths'];

  it('a 4% playthrough that said "I\'m fine" is told why Arev is careful with you, as it is without d6-fine', () => {
    const d = endedOn('couch-rent', LOW);
    expect(d.score.percent).toBeLessThan(50);
    expect(d.ending?.id).toBe('end-mixed');
    expect(d.ending?.narration).not.toMatch(/doing a little better/);
    expect(d.ending?.narration).toMatch(/reasons to be careful with you/);
    expect(endedOn('couch-rent', swap(LOW, { 'd6-fine': 'd6-rattled' })).ending?.narration).toBe(d.ending?.narration);
  });

  it('a Developing playthrough that said "I\'m fine" still hears that Arev is doing a little better and you are not', () => {
    const d = endedOn('couch-rent', swap(COUCH_BEST, { 'd1-heard': 'd1-promise', 'd4-naomi': 'd4-urgent', 'd6-rattled': 'd6-fine' }));
    expect(d.score.percent).toBeGreaterThanOrEqual(50);
    expect(d.score.percent).toBeLessThan(80);
    expect(d.ending?.id).toBe('end-mixed');
    expect(d.ending?.narration).toMatch(/^Arev is doing a little better\. You are not/);
  });

  it('no playthrough under 50% is told that Arev is doing a little better', () => {
    const told: string[] = [];
    walkPlaythroughs(bundledScenario('couch-rent'), ({ ending, vars, conduct, path }) => {
      const text = ending.variants?.find((v) => whenHolds(v.when, vars, conduct))?.narration ?? ending.narration;
      if (scoreOf(conduct) < 50 && /doing a little better/.test(text)) told.push(`${scoreOf(conduct)}% ${path.join(' ')}`);
    });
    expect(told).toEqual([]);
  });
});
