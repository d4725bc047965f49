import { describe, expect, it } from 'vitest';
import { replyValue } from '../../src/machines/scenario-index.js';
import { BUNDLED_IDS, bundledReply, bundledScenario } from '../helpers/bundled.js';
import { endedOn } from '../helpers/story.js';

// Session 60 (review-60): a second opinion on the day's scoring and ending changes. Each case was seen failing on the
// files as they stood before the fix.

const scored = (id: string, node: string, reply: string) => bundledReply(id, node, reply).assessments.map((a) => `${a.principle} ${a.verdict} ${a.weight ?? 1}`);
const breaks = (r: { assessments: readonly { principle: string; verdict: string }[] }, principle: string) =>
  r.assessments.some((a) => a.principle === principle && a.verdict === 'violates');

// 1. youth-discloses v45 (reader-d-60) scored d8-hint-services ("leave the boyfriend out, but … recommend a referral
// to a CSEC advocate such as Saving Innocence, and CSEC-specific counselling") against report-csec-status-confirmed-only
// at 2 beside no-revealing-recommendations at 2: -4, below d8-all-in beside it (-3), which writes into the report as
// fact "Kiara is being commercially sexually exploited by her 23-year-old boyfriend" and ends on "Her secret in the
// court file". Both break the guide's firm Court Report rule (CSEC status unless confirmed); the all-in also breaks
// the report's objectivity and her confidentiality (Court Report: "must"), where the hint adds what the guide says
// "may be inappropriate" (Potential Recommendations). Scored so, a volunteer who kept the disclosure out of the
// narrative was told it cost more than putting it in the court file, and a trainer's reveal showed the same. The
// same recommendation in court-report (d-recs-unconfirmed-restoration), the precedent reader-d-60 cites, weighs the
// recommendation 1 beside the Court Report rule at 2: youth-discloses now does the same (-3).
describe('review-60: a recommendation that implies unconfirmed CSEC status costs no more than writing the status into the report', () => {
  it('at every bundled decision, a reply that implies it through a recommendation is worth no less than one that states it', () => {
    const inverted: string[] = [];
    for (const id of BUNDLED_IDS) {
      for (const n of bundledScenario(id).nodes) {
        if (n.kind !== 'decision') continue;
        const status = n.replies.filter((r) => breaks(r, 'report-csec-status-confirmed-only'));
        const implied = status.filter((r) => breaks(r, 'no-revealing-recommendations'));
        const stated = status.filter((r) => !breaks(r, 'no-revealing-recommendations'));
        for (const i of implied) for (const s of stated) if (replyValue(i) < replyValue(s)) inverted.push(`${id}/${n.id}: ${i.id} ${replyValue(i)} < ${s.id} ${replyValue(s)}`);
      }
    }
    expect(inverted).toEqual([]);
  });

  it('youth-discloses d8-hint-services weighs the recommendation 1 beside the Court Report rule at 2, as court-report does', () => {
    expect(scored('youth-discloses', 'd8-report', 'd8-hint-services')).toEqual(['no-revealing-recommendations violates 1', 'report-csec-status-confirmed-only violates 2']);
    expect(scored('court-report', 'd-recs-unconfirmed', 'd-recs-unconfirmed-restoration')).toEqual(['no-revealing-recommendations violates 1', 'report-csec-status-confirmed-only violates 2']);
  });

  it('a playthrough that hinted in its recommendations scores no lower than the same one that wrote her status in as fact', () => {
    const BEST = ['d1-curious', 'd2-needs', 'd3-thank', 'd4-honest', 'd5-accurate', 'd6-safety', 'd7-share', 'd8-strengths'];
    const hinted = endedOn('youth-discloses', BEST.map((r) => (r === 'd8-strengths' ? 'd8-hint-services' : r)));
    const allIn = endedOn('youth-discloses', BEST.map((r) => (r === 'd8-strengths' ? 'd8-all-in' : r)));
    expect(allIn.ending?.id).toBe('end-exposed');
    expect(hinted.ending?.id).toBe('end-mixed');
    expect(hinted.score.percent).toBeGreaterThanOrEqual(allIn.score.percent);
    expect(hinted.principles.find((p) => p.principleId === 'report-csec-status-confirmed-only')?.status).toBe('violated');
    expect(hinted.principles.find((p) => p.principleId === 'no-revealing-recommendations')?.status).toBe('violated');
  });
});
