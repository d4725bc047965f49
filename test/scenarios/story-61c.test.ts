import { describe, expect, it } from 'vitest';
import { replyValue } from '../../src/machines/scenario-index.js';
import { BUNDLED_IDS, bundledReply, bundledScenario } from '../helpers/bundled.js';
import { endedOn } from '../helpers/story.js';

// Session 61 (reader-c-61): does every feedback say what the cited guide section says, no more and no less, and are
// the same kinds of replies scored the same way across the sixteen scenarios? Each case was seen failing on the files
// as they stood before the fix.

const scored = (id: string, node: string, reply: string) => bundledReply(id, node, reply).assessments.map((a) => `${a.principle} ${a.verdict} ${a.weight ?? 1}`);
const allReplies = () => BUNDLED_IDS.flatMap((id) => bundledScenario(id).nodes.flatMap((n) => (n.kind === 'decision' ? n.replies.map((r) => ({ id, node: n.id, r })) : [])));

// 1. the-list d5-promise ("Okay. It stays between us, I promise. Just please don't bring Kenny.") ended its feedback
// on "A promise you cannot keep costs more later than an honest answer now.": a maxim resting on no section of the
// guide, the very sentence reader-b-57 took out of boy-red-flags d3-secret (story-57b). The feedback keeps what the
// guide says (discuss a suspicion with your Advocate Supervisor, Red Flags) and CASA/LA's own mandated-reporter
// statement, named as such.
describe('reader-c-61: no feedback ends on the maxim about promises the guide does not hold', () => {
  // The lead added the hedged form youth-discloses d4-promise-secret ended on ("If she later finds out it wasn't
  // kept, that is likely to cost more trust than honesty costs now."): the same maxim, which no section holds.
  it('no reply in the bundled set says a promise costs more later (or more trust) than an honest answer now', () => {
    const maxim = allReplies().filter(({ r }) => /costs? more later than an honest answer|cost more trust than honesty/i.test(r.feedback)).map(({ id, r }) => `${id} ${r.id}`);
    expect(maxim).toEqual([]);
  });

  it('the-list d5-promise keeps the guide\'s step and the mandated-reporter statement named as CASA/LA\'s own, scored as before', () => {
    const f = bundledReply('the-list', 'd5-kenny', 'd5-promise').feedback;
    expect(f).toContain('discuss it with your Advocate Supervisor to figure out the best next steps (Red Flags)');
    expect(f).toContain('(CASA/LA\'s own statement, not the guide\'s)');
    expect(scored('the-list', 'd5-kenny', 'd5-promise')).toEqual(['consult-supervisor-on-suspicion violates 2']);
  });
});

// 2. A recommendation that tells the court something on the guide's do-not-disclose list (Court Report) breaks that
// rule, and also what Potential Recommendations says "may be inappropriate" before a youth has self-disclosed.
// review-60 (story-60e) weighed the recommendation 1 beside the Court Report rule at 2 in youth-discloses, as
// court-report d-recs-unconfirmed-restoration and d-recs-csec-prenatal already did. Two replies still weighed it 2:
// couch-rent d8-services (a referral to a CSEC advocate for a youth nobody has confirmed), the same recommendation
// as youth-discloses d8-hint-services with no reason in the story to weigh it more; and court-report
// d-recs-unconfirmed-substance (an outpatient substance use program), which then cost more (-4) than writing the
// substance use into the report outright (d-wellbeing-substance, -3), the inversion review-60 removed for status.
describe('reader-c-61: a recommendation that discloses a do-not-disclose item weighs the same in every scenario', () => {
  const DISCLOSURE = ['report-csec-status-confirmed-only', 'report-no-undisclosed-pregnancy', 'report-no-sexual-health', 'report-no-substance-use'];
  const revealing = () => allReplies().filter(({ r }) => r.assessments.some((a) => a.principle === 'no-revealing-recommendations' && a.verdict === 'violates')
    && r.assessments.some((a) => DISCLOSURE.includes(a.principle) && a.verdict === 'violates'));

  it('each weighs the recommendation 1 beside the Court Report rule at 2', () => {
    const found = revealing();
    expect(found.map(({ id, r }) => `${id} ${r.id}`).sort()).toEqual([
      'couch-rent d8-services', 'court-report d-recs-csec-prenatal', 'court-report d-recs-unconfirmed-restoration',
      'court-report d-recs-unconfirmed-substance', 'youth-discloses d8-hint-services',
    ]);
    for (const { id, r } of found) {
      const weight = (p: string) => r.assessments.find((a) => a.principle === p)?.weight ?? 1;
      expect(weight('no-revealing-recommendations'), `${id} ${r.id}`).toBe(1);
      const rule = r.assessments.find((a) => DISCLOSURE.includes(a.principle))!;
      expect(weight(rule.principle), `${id} ${r.id} ${rule.principle}`).toBe(2);
    }
  });

  it('in a scenario, implying the item through a recommendation costs no more than writing it into the report', () => {
    const inverted: string[] = [];
    for (const id of BUNDLED_IDS) {
      const replies = bundledScenario(id).nodes.flatMap((n) => (n.kind === 'decision' ? n.replies : []));
      for (const p of DISCLOSURE) {
        const breaks = replies.filter((r) => r.assessments.some((a) => a.principle === p && a.verdict === 'violates'));
        const implied = breaks.filter((r) => r.assessments.some((a) => a.principle === 'no-revealing-recommendations' && a.verdict === 'violates'));
        const stated = breaks.filter((r) => !implied.includes(r));
        for (const i of implied) for (const s of stated) if (replyValue(i) < replyValue(s)) inverted.push(`${id} ${p}: ${i.id} ${replyValue(i)} < ${s.id} ${replyValue(s)}`);
      }
    }
    expect(inverted).toEqual([]);
    expect(replyValue(bundledReply('court-report', 'd-recs-unconfirmed', 'd-recs-unconfirmed-substance'))).toBe(replyValue(bundledReply('court-report', 'd-wellbeing', 'd-wellbeing-substance')));
  });

  it('couch-rent d8-services still goes against both rules in the debrief, and the story still does not end strong', () => {
    const BEST = ['d1-heard', 'd2-need', 'd3-honest', 'd4-naomi', 'd5-redirect', 'd6-rattled', 'd7-bad-night', 'd8-strengths'];
    const d = endedOn('couch-rent', BEST.map((r) => (r === 'd8-strengths' ? 'd8-services' : r)));
    expect(d.principles.find((p) => p.principleId === 'report-csec-status-confirmed-only')?.status).toBe('violated');
    expect(d.principles.find((p) => p.principleId === 'no-revealing-recommendations')?.status).toBe('violated');
    expect(d.ending?.id).toBe('end-mixed');
    expect(endedOn('couch-rent', BEST).ending?.id).toBe('end-strong');
  });
});

// 3. A reply that promises, or goes, to pick up a youth who left placement without permission breaks the guide's rule
// (no-picking-up, critical, weight 3) and, by making the volunteer the one who answers a crisis, not-first-responder
// beside it. Every such reply in the set weighs the second 1 (harm-reduction d3-ride, jae-and-hyung d6-rescue,
// youth-relapses d4-call-me, whereabouts-unknown d8-promise: "day or night, I'll come and get you"), except
// saturday-shoots d4-rescue ("I'll come and get you, whatever time it is and wherever you are, no questions asked"),
// which weighed it 2 with nothing in the story to weigh it more.
describe('reader-c-61: a promise to come and get a youth weighs the first-responder point the same in every scenario', () => {
  it('every reply that breaks no-picking-up and not-first-responder weighs them 3 and 1', () => {
    const both = allReplies().filter(({ r }) => ['no-picking-up', 'not-first-responder'].every((p) => r.assessments.some((a) => a.principle === p && a.verdict === 'violates')));
    expect(both.length).toBeGreaterThanOrEqual(10);
    const off = both.filter(({ r }) => r.assessments.some((a) => (a.principle === 'no-picking-up' && a.weight !== 3) || (a.principle === 'not-first-responder' && (a.weight ?? 1) !== 1)))
      .map(({ id, r }) => `${id} ${r.id}`);
    expect(off).toEqual([]);
    expect(scored('saturday-shoots', 'd4-secret', 'd4-rescue')).toEqual(['no-picking-up violates 3', 'not-first-responder violates 1']);
  });
});

// 4. harm-reduction d1-promise ("I'm so glad you're back. You scared us. Just promise me no more disappearing?") was
// credited on safety-is-priority, whose rule is the guide's "reassure the youth that your main priority is their safety
// regardless of their choices" (Likelihood of Relapse): a reply whose one request is a promise about his choices says the
// opposite of "regardless". What it does carry is acceptance on his return ("I'm so glad you're back"), which the same
// section asks for (remain a source of support and acceptance); it is credited on that, its value unchanged (0), so the
// debrief now tells the volunteer the reassurance was a chance missed (d1-glad carries it: "whatever happens").
describe('reader-c-61: a promise asked of the youth is not credited as safety first "regardless of their choices"', () => {
  const BEST = ['d1-glad', 'd2-need', 'd3-plan', 'd4-words', 'd5-share', 'd6-glad', 'd7-honest', 'd8-steps', 'd9-review'];

  it('no reply that asks the youth to promise something is credited on safety-is-priority', () => {
    const credited = allReplies().filter(({ r }) => /\bpromise me\b/i.test(r.text)
      && r.assessments.some((a) => a.principle === 'safety-is-priority' && a.verdict === 'follows')).map(({ id, r }) => `${id} ${r.id}`);
    expect(credited).toEqual([]);
  });

  it('harm-reduction d1-promise is credited on acceptance, faulted on the demand, and worth what it was', () => {
    const r = bundledReply('harm-reduction', 'd1-heard', 'd1-promise');
    expect(scored('harm-reduction', 'd1-heard', 'd1-promise')).toEqual(['remain-accepting follows 1', 'expect-relapse violates 1']);
    expect(replyValue(r)).toBe(0);
    expect(r.feedback).toMatch(/source of support and acceptance, which is right \(Likelihood of Relapse\)/);
    expect(r.feedback).toMatch(/main priority regardless of his choices \(Likelihood of Relapse\)/);
    expect(r.feedback).toMatch(/relapse as part of any change/);
  });

  it('the debrief of a playthrough through it lists the safety-first reassurance as missed, not followed', () => {
    const d = endedOn('harm-reduction', BEST.map((x) => (x === 'd1-glad' ? 'd1-promise' : x)));
    expect(d.principles.find((p) => p.principleId === 'safety-is-priority')?.status).toBe('missed');
    expect(d.principles.find((p) => p.principleId === 'expect-relapse')?.status).toBe('violated');
    expect(endedOn('harm-reduction', BEST).principles.find((p) => p.principleId === 'safety-is-priority')?.status).toBe('followed');
  });
});

describe('reader-c-61: each changed file is one version on', () => {
  it('the-list 36, couch-rent 35, court-report 44, saturday-shoots 31, harm-reduction 42', () => {
    expect(bundledScenario('the-list').version).toBeGreaterThanOrEqual(36);
    expect(bundledScenario('couch-rent').version).toBeGreaterThanOrEqual(35);
    expect(bundledScenario('court-report').version).toBeGreaterThanOrEqual(44);
    expect(bundledScenario('saturday-shoots').version).toBeGreaterThanOrEqual(31);
    expect(bundledScenario('harm-reduction').version).toBeGreaterThanOrEqual(42);
  });
});
