import { describe, expect, it } from 'vitest';
import { debriefModel } from '../../src/machines/index.js';
import { bundledScenario } from '../helpers/bundled.js';
import { playReplies } from '../helpers/play.js';

// A fresh second reader (readerB-43) on boy-red-flags, couch-rent, jae-and-hyung, the-list and testifying.
// Each case pins what a finding changed.
const play = (id: string, replies: string[]) => {
  const s = bundledScenario(id);
  const d = playReplies(s, replies);
  if (!d) throw new Error(`${id}: ${replies.join(' > ')} did not end`);
  return { d, m: debriefModel(s, d) };
};

describe('second reader (readerB-43)', () => {
  // boy-red-flags d1-maybe ("I'll talk it through with my supervisor", said to Ray, who asked nothing
  // of the kind) followed "Take suspicions to the Advocate Supervisor". A volunteer who agreed with Ray
  // on the porch and then sent Jonah the notes that evening (d4-jonah) was told "You kept to … at only
  // 1 of 2 chances", as if the suspicion had not reached Jonah. The chance is d4-next, where the notes go.
  describe('boy-red-flags: the supervisor chance is where the notes go (d4-next), not a word to Ray', () => {
    const SUPERVISOR = '"Take suspicions to the Advocate Supervisor"';
    const after = ['d2-light', 'd3-careful', 'd4-jonah', 'd5-person', 'd6-ray'];
    it.each(['d1-agree', 'd1-textbook'])('%s to Ray, then the notes to Jonah: kept to, no chance missed', (d1) => {
      const { m } = play('boy-red-flags', [d1, ...after]);
      expect(m.growthAreas.filter((g) => g.includes(SUPERVISOR))).toEqual([]);
      expect(m.strengths.filter((g) => g.includes(SUPERVISOR))).toHaveLength(1);
    });
    it('telling Ray, then emailing Ms. Ortega without Jonah, is still "went against"', () => {
      const { m } = play('boy-red-flags', ['d1-maybe', 'd2-light', 'd3-careful', 'd4-csw', 'd5-person', 'd6-ray']);
      expect(m.growthAreas.filter((g) => g.includes(SUPERVISOR))).toEqual([expect.stringMatching(/^You went against/)]);
    });
  });

  // boy-red-flags end-mixed: the "emailed" variant said "At your next visit Theo talks about the BMX frame and
  // the tire shop" to a volunteer who had pressed Theo (trust 50, Needs review at 13%); and once d1-maybe no
  // longer counts, d1-tonight (the sit-down planned without Jonah) can score 80% and end mixed, told nothing
  // of why. The warm words are kept for a playthrough that kept Theo's trust; the sit-down is named.
  it('boy-red-flags: an emailed playthrough that lost Theo\'s trust is not told he talks about the BMX frame; one that kept it still is', () => {
    const cold = play('boy-red-flags', ['d1-tonight', 'd2-light', 'd3-press', 'd4-csw', 'd5-person', 'd6-once']).d;
    expect(cold.outcome.band).toBe('needs-review');
    expect(cold.ending?.narration).toContain('Jonah heard about Vince from her');
    expect(cold.ending?.narration).not.toMatch(/BMX/);
    const warm = play('boy-red-flags', ['d1-maybe', 'd2-light', 'd3-careful', 'd4-csw', 'd5-person', 'd6-ray']).d;
    expect(warm.ending?.narration).toMatch(/talks about the BMX frame and the tire shop/);
  });

  it('boy-red-flags: the sit-down planned with Ray (d1-tonight) at 80% ends mixed and the ending names it', () => {
    const { d } = play('boy-red-flags', ['d1-tonight', 'd2-light', 'd3-drop', 'd4-jonah', 'd5-person', 'd6-ray']);
    expect(d.score.percent).toBeGreaterThanOrEqual(80);
    expect(d.ending?.id).toBe('end-mixed');
    expect(d.ending?.narration).toMatch(/his CASA wanted a word with him/);
  });

  // couch-rent end-mixed's own narration ("… The door is open; they are not sure yet how far to walk through
  // it.") was what a playthrough at 0% was told when it set no flag (d1-fix, d2-verdict, d5-stay, d7-break…).
  it('couch-rent: a Needs-review playthrough with no flag is not told "the door is open"; one at 50% or more still is', () => {
    const low = play('couch-rent', ['d1-fix', 'd2-verdict', 'd3-honest', 'd4-urgent', 'd5-stay', 'd6-weekend', 'd7-break', 'd8-strengths']).d;
    expect(low.score.percent).toBeLessThan(50);
    expect(low.ending?.id).toBe('end-mixed');
    expect(low.ending?.narration).not.toMatch(/door is open/);
    expect(low.ending?.narration).toMatch(/reasons to be careful with you/);
    // Session consist-50: d1-promise is credited on one side of relief that asks for a promise (docs section 6; since
    // content-56 on asking why Arev left, Harm Reduction), so the path through d7-bad-night scores 82% (Strong) and
    // rightly ends strong; the playthrough at 50-79% is the same one with d7-card (68%).
    const mid = play('couch-rent', ['d1-promise', 'd2-need', 'd3-honest', 'd4-urgent', 'd5-redirect', 'd6-rattled', 'd7-card', 'd8-strengths']).d;
    expect(mid.score.percent).toBeGreaterThanOrEqual(50);
    expect(mid.ending?.narration).toMatch(/door is open/);
  });

  // the-list end-mixed's trust variant ("Bảo still meets you for bánh mì on Garvey and sends you photos of his
  // board") was told to a playthrough at 36% (Needs review) that had kept his trust.
  // (Since reader-a-58, d4-ba sets a flag whose variant comes first, so both paths go through d4-marcus: they set no
  // flag and end with trust at 60 or more, the trust variant's other condition.)
  it('the-list: a Needs-review playthrough is not told Bảo still meets you for bánh mì and sends photos', () => {
    const { d } = play('the-list', ['d1-hear', 'd2-praise', 'd3-stop', 'd4-marcus', 'd5-honest', 'd6-hurt', 'd7-go', 'd8-done', 'd9-strengths']);
    expect(d.score.percent).toBeLessThan(50);
    expect(d.ending?.id).toBe('end-mixed');
    expect(d.ending?.narration).not.toMatch(/bánh mì|photos/);
    const ok = play('the-list', ['d1-hear', 'd2-praise', 'd3-carry', 'd4-marcus', 'd5-honest', 'd6-miss', 'd7-go', 'd8-all', 'd9-strengths']).d;
    expect(ok.score.percent).toBeGreaterThanOrEqual(50);
    expect(ok.ending?.narration).toMatch(/bánh mì/);
  });

  // testifying d5-date: d5-check is credited youth-centered for calling Selene by her name, not the word staff
  // use; d5-theirs ("Could you tell her I'll see her on the 21st?") does the same and was not, so the debrief
  // told that volunteer they missed the chance ("at only 2 of 3 chances").
  it('testifying: d5-theirs calls Selene "her" and is credited for it; the debrief does not count a youth-centered miss there', () => {
    const { m } = play('testifying', ['d1-scary', 'd2-around', 'd3-team', 'd4-arrange', 'd5-theirs', 'd6-forward', 'd7-tell', 'd8-honest']);
    const yc = '"Youth-centered, strengths-based, culturally sensitive"';
    expect(m.growthAreas.filter((g) => g.includes(yc))).toEqual([]);
    expect(m.strengths.filter((g) => g.includes(yc))).toHaveLength(1);
  });

  // The guide's own word for what a decision tests was said only by the best reply: jae d2-open "Your safety
  // comes first for me" (Likelihood of Relapse: "your main priority is their safety"), couch-rent d5-night
  // "somewhere safe", couch-rent d7-plan "Want to plan…?" (a safety plan). A volunteer could pick on the word.
  // A wrong reply beside each now says it too, as people do, and is scored as before (couch-rent d5-ride, a
  // car booked to get Arev, no longer follows safety-is-priority: a prohibited act is not scored as a strength,
  // test/scenarios/prohibited-not-strength.test.ts).
  it.each([
    ['jae-and-hyung', 'd2-open', /\bsafe(ty)?\b/i, 'd2-scam', 'non-judgmental violates 2'],
    ['couch-rent', 'd5-night', /\bsafe\b/i, 'd5-ride', 'no-picking-up violates 3, csw-partnership violates 1'],
    ['couch-rent', 'd7-plan', /\bplan\b/i, 'd7-card', 'resources-reduce-harm follows 1, harm-reduction-self-determination violates 1'],
  ] as const)('%s %s: the best reply is not the only one with the guide\'s word (%s), and %s keeps its scoring', (id, nodeId, word, wrongId, scoredAs) => {
    const n = bundledScenario(id).nodes.find((x) => x.id === nodeId);
    if (n?.kind !== 'decision') throw new Error(`${id} has no decision ${nodeId}`);
    const value = (r: (typeof n.replies)[number]) => r.assessments.reduce((s, a) => s + (a.verdict === 'follows' ? 1 : -1) * (a.weight ?? 1), 0);
    const top = Math.max(...n.replies.map(value));
    expect(n.replies.filter((r) => value(r) === top && word.test(r.text))).toHaveLength(1);
    expect(n.replies.filter((r) => value(r) < top && word.test(r.text)).map((r) => r.id)).toEqual([wrongId]);
    const wrong = n.replies.find((r) => r.id === wrongId)!;
    expect(wrong.assessments.map((a) => `${a.principle} ${a.verdict} ${a.weight ?? 1}`).join(', ')).toBe(scoredAs);
    // The best reply is still not longer than every wrong reply there.
    expect(Math.max(...n.replies.filter((r) => value(r) < top).map((r) => r.text.length))).toBeGreaterThanOrEqual(n.replies.find((r) => value(r) === top)!.text.length);
  });
});
