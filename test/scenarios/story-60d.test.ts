import { describe, expect, it } from 'vitest';
import { bundledReply, bundledScenario } from '../helpers/bundled.js';
import { endedOn } from '../helpers/story.js';

// Session 60 (reader-d-60): the same kind of reply scored the same way across the bundled scenarios. Each case was
// seen failing on the files as they stood before the fix.

const scored = (id: string, node: string, reply: string) => bundledReply(id, node, reply).assessments.map((a) => `${a.principle} ${a.verdict} ${a.weight ?? 1}`);

// 1. jae-and-hyung d6-truth ("I get why you'd miss him, Jae, but a real brother wouldn't have done what he did to
// you.") answers Jae's "I miss him" by arguing with the feeling, at the decision whose trainer note quotes the guide's
// ask that positive supports validate and process feelings of loss (Stages of Exiting CSEC Involvement). It was scored
// only as judgement, so its debrief listed validate-loss as a chance "missed", while d6-goodbye beside it went against
// it; the same denial at every other loss decision goes against validate-loss (the-list d6-friend, youth-relapses
// d3-using at weight 1 beside non-judgmental; whereabouts-unknown d6-deserve).
describe('reader-d-60: jae-and-hyung d6-truth, arguing with the loss, goes against validate-loss', () => {
  const BEST = ['d1-ask', 'd2-honest', 'd3-ruth', 'd4-decline', 'd5-clc', 'd6-loss', 'd7-support'];
  const PATH = BEST.map((r) => (r === 'd6-loss' ? 'd6-truth' : r));

  it('it violates validate-loss beside non-judgmental, as the-list d6-friend and youth-relapses d3-using do', () => {
    expect(scored('jae-and-hyung', 'd6-miss', 'd6-truth')).toEqual(['non-judgmental violates 2', 'validate-loss violates 1']);
    expect(scored('the-list', 'd6-loyal', 'd6-friend')).toEqual(['non-judgmental violates 2', 'validate-loss violates 1']);
    expect(scored('youth-relapses', 'd3-miss', 'd3-using')).toEqual(['non-judgmental violates 2', 'validate-loss violates 1']);
  });

  it('its feedback names the loss, in the guide\'s words and section', () => {
    const fb = bundledReply('jae-and-hyung', 'd6-miss', 'd6-truth').feedback;
    expect(fb).toMatch(/validate and process these feelings of loss/);
    expect(fb).toContain('remain open-minded and non-judgmental when discussing these topics (Stages of Exiting CSEC Involvement)');
    expect(fb.match(/\(Stages of Exiting CSEC Involvement\)/g)?.length).toBe(2);
  });

  it('the debrief says the playthrough went against validate-loss, not that it missed it', () => {
    const d = endedOn('jae-and-hyung', PATH);
    expect(d.principles.find((p) => p.principleId === 'validate-loss')?.status).toBe('violated');
    expect(endedOn('jae-and-hyung', BEST).ending?.id).toBe('end-strong');
  });
});

// 2. youth-discloses d8-hint-services ("leave the boyfriend out, but make sure the court gets the message: recommend a
// referral to a CSEC advocate such as Saving Innocence, and CSEC-specific counselling") tells the court, through its
// recommendations, the CSEC status DCFS and the court have not confirmed; its own feedback says so and cites the
// guide's list of what a court report does not disclose (Court Report). It was scored only on Potential
// Recommendations, so its debrief listed "CSEC status only if confirmed" as a chance "missed". The same recommendation
// for an unconfirmed youth in court-report (d-recs-unconfirmed-restoration: "a referral to a CSEC advocate") goes
// against that principle at weight 2, as court-report's substance-use recommendation goes against the Court Report
// principle it discloses.
describe('reader-d-60: youth-discloses d8-hint-services, a recommendation that tells the court her unconfirmed status, goes against the Court Report rule', () => {
  const BEST = ['d1-curious', 'd2-needs', 'd3-thank', 'd4-honest', 'd5-accurate', 'd6-safety', 'd7-share', 'd8-strengths'];
  const PATH = BEST.map((r) => (r === 'd8-strengths' ? 'd8-hint-services' : r));

  it('it violates report-csec-status-confirmed-only at weight 2, as court-report d-recs-unconfirmed-restoration does', () => {
    // review-60: the recommendation weighs 1 beside it, as in court-report, so it costs no more than d8-all-in (story-60e).
    expect(scored('youth-discloses', 'd8-report', 'd8-hint-services')).toEqual(['no-revealing-recommendations violates 1', 'report-csec-status-confirmed-only violates 2']);
    expect(scored('court-report', 'd-recs-unconfirmed', 'd-recs-unconfirmed-restoration')).toContain('report-csec-status-confirmed-only violates 2');
    expect(bundledReply('youth-discloses', 'd8-report', 'd8-hint-services').feedback).toMatch(/CSEC status that DCFS or the court has not confirmed out of a court report \(Court Report\)/);
  });

  it('the debrief says the playthrough went against it, not that it missed it, and the story does not end strong', () => {
    const d = endedOn('youth-discloses', PATH);
    expect(d.principles.find((p) => p.principleId === 'report-csec-status-confirmed-only')?.status).toBe('violated');
    expect(d.ending?.id).toBe('end-mixed');
    expect(endedOn('youth-discloses', BEST).ending?.id).toBe('end-strong');
  });
});

// 3. couch-rent d8-services is the same reply for a youth whose CSEC status nobody has confirmed ("Recommend a referral
// to a CSEC advocate from Saving Innocence"), and its feedback said the referral "tells the court what the narrative
// leaves out" while scoring it only on Potential Recommendations: the same recommendation goes against
// report-csec-status-confirmed-only at weight 2 in court-report (d-recs-unconfirmed-restoration) and youth-discloses
// (d8-hint-services). couch-rent was already at v34 this session; not bumped again.
describe('reader-d-60: couch-rent d8-services, a CSEC advocate referral for a youth not confirmed, goes against the Court Report rule', () => {
  const BEST = ['d1-heard', 'd2-need', 'd3-honest', 'd4-naomi', 'd5-redirect', 'd6-rattled', 'd7-bad-night', 'd8-strengths'];
  const PATH = BEST.map((r) => (r === 'd8-strengths' ? 'd8-services' : r));

  it('it violates report-csec-status-confirmed-only at weight 2, and its feedback cites the Court Report rule', () => {
    expect(scored('couch-rent', 'd8-report', 'd8-services')).toEqual([
      'report-objective-strengths-based follows 1',
      'review-recommendations follows 1',
      // reader-c-61: the recommendation weighs 1 beside the Court Report rule, as in youth-discloses and court-report (story-61c).
      'no-revealing-recommendations violates 1',
      'report-csec-status-confirmed-only violates 2',
    ]);
    expect(bundledReply('couch-rent', 'd8-report', 'd8-services').feedback).toMatch(/CSEC status, which the guide keeps out of a court report unless DCFS or the court has confirmed it \(Court Report\)/);
  });

  it('the debrief says the playthrough went against it, and the story is told of the referral', () => {
    const d = endedOn('couch-rent', PATH);
    expect(d.principles.find((p) => p.principleId === 'report-csec-status-confirmed-only')?.status).toBe('violated');
    expect(d.ending?.id).toBe('end-mixed');
    expect(d.ending?.narration).toMatch(/why the CASA recommends a CSEC advocate/);
  });
});

describe('reader-d-60: each changed file is one version on', () => {
  it('jae-and-hyung 28, youth-discloses 45 (couch-rent stays at 34, bumped earlier this session)', () => {
    expect(bundledScenario('jae-and-hyung').version).toBeGreaterThanOrEqual(28); // 29 since reader-b-61 (story-61b)
    expect(bundledScenario('youth-discloses').version).toBeGreaterThanOrEqual(45); // 46 since reader-b-61 (story-61b)
    expect(bundledScenario('couch-rent').version).toBeGreaterThanOrEqual(34); // 35 since reader-c-61 (story-61c)
  });
});
