import { describe, expect, it } from 'vitest';
import { debriefModel } from '../../src/machines/index.js';
import { bundledDecision, bundledReply, bundledScenario } from '../helpers/bundled.js';
import { playReplies } from '../helpers/play.js';

// A fresh second reader (readerA-43) on youth-discloses, red-flags, left-placement-calls,
// whereabouts-unknown and saturday-shoots. Each case pins what a finding changed.
const decision = bundledDecision;
const reply = bundledReply;
const scored = (r: { assessments: readonly { principle: string; verdict: string; weight?: number }[] }) => r.assessments.map((a) => `${a.principle} ${a.verdict} ${a.weight ?? 1}`).join(', ');
const played = (id: string, replies: string[]) => {
  const s = bundledScenario(id);
  const d = playReplies(s, replies);
  if (!d) throw new Error(`${id}: ${replies.join(' > ')} did not end`);
  return { debrief: d, model: debriefModel(s, d) };
};

describe('second reader (readerA-43)', () => {
  // red-flags r-two-workers-explain ("Mr. Ramirez is still your main one", said to Yesi) was credited with
  // "Work with the CSW": an explanation to the youth is no collaboration with the CSW, and a volunteer who
  // called Mr. Ramirez (r-csw-terms) and then told Yesi "no idea" was told "You kept to "Work with the CSW"
  // at only 1 of 2 chances". What it does beside the CSEC CSW's role is describe the worker, not her, the
  // open-minded, non-judgmental stance the reply beside it breaks (Stages of Exiting CSEC Involvement).
  it('red-flags: explaining her two social workers to Yesi is not counted as a chance to work with the CSW', () => {
    const explain = reply('red-flags', 'r-two-workers', 'r-two-workers-explain');
    expect(scored(explain)).toBe('csec-csw-role follows 2, non-judgmental follows 1');
    expect(explain.feedback).toContain('(Stages of Exiting CSEC Involvement)');
    const { model } = played('red-flags', ['r-nails-curious', 'r-boyfriend-light', 'r-denise-balanced', 'r-supervisor-facts', 'r-csw-terms', 'r-two-workers-shrug', 'r-new-team-proper', 'r-defense-yes', 'r-immigration-clc', 'r-testify-team', 'r-plan-together']);
    const csw = [...model.growthAreas, ...model.strengths].filter((l) => l.includes('"Work with the CSW"'));
    expect(csw).toHaveLength(1);
    expect(csw[0]).not.toMatch(/at only|missed/);
    // Mr. Okoye is the one pointed to the CSW.
    expect(reply('red-flags', 'r-defense', 'r-defense-no').feedback).not.toMatch(/Sending her to the CSW/);
  });

  // left-placement-calls d4-say-nothing writes that Ari is "away from placement", the guide's own words
  // (Using Appropriate Language), and was told "You missed a chance for "Saying 'left placement without
  // permission', not 'AWOL'"".
  it('left-placement-calls: an update that says "away from placement" is credited with the guide\'s words, not told it missed them', () => {
    const say = reply('left-placement-calls', 'd4-update', 'd4-say-nothing');
    expect(say.text).toMatch(/away from placement/);
    expect(scored(say)).toBe('team-communication violates 1, no-awol-label follows 1, csw-partnership follows 1');
    expect(say.feedback).toContain('(Using Appropriate Language)');
    const { model } = played('left-placement-calls', ['d1-redirect', 'd2-resources', 'd3-door-open', 'd4-say-nothing', 'd5-steady', 'd6-learn', 'd7-safety-plan', 'd8-needs']);
    expect(model.growthAreas.filter((l) => l.includes('not \'AWOL\''))).toEqual([]);
    expect(model.strengths.filter((l) => l.includes('not \'AWOL\''))).toHaveLength(1);
  });

  // left-placement-calls end-mixed: its "trust 65 or more" variant ("you are still her CASA, and she answers
  // your texts. But the reasons she left are still there…") was told to playthroughs under 50% (Needs review)
  // that sent her money, stayed on the line as her crisis line and warned her about the judge; it says
  // nothing of what the volunteer did. Under 50% the ending's own words ("some moments along the way cost you").
  // (That playthrough, with d4-clear, scored 50% once content2-44 credited d7-safety-plan with resources that
  // reduce harm, and 46% since content2-47 took from d3-stay-on the credit for keeping communication open, the
  // motive of the crisis role (prohibited-not-strength.test.ts). With d4-say-nothing it is lower still.)
  it('left-placement-calls: a Needs review playthrough does not end on the words that leave out what it cost', () => {
    const { debrief } = played('left-placement-calls', ['d1-redirect', 'd2-send', 'd3-stay-on', 'd4-say-nothing', 'd5-steady', 'd6-learn', 'd7-safety-plan', 'd8-judge']);
    expect(debrief.outcome.band).toBe('needs-review');
    expect(debrief.ending?.id).toBe('end-mixed');
    expect(debrief.ending?.narration).toMatch(/some moments along the way cost you/);
    // That playthrough as first found (d4-clear) scores 46% since content2-47 (50%, the foot of Developing, after
    // content2-44): the mild words wait for 65% (left-placement-calls v29), so it still hears what it cost.
    const { debrief: edge } = played('left-placement-calls', ['d1-redirect', 'd2-send', 'd3-stay-on', 'd4-clear', 'd5-steady', 'd6-learn', 'd7-safety-plan', 'd8-judge']);
    expect(edge.score.percent).toBe(46);
    expect(edge.ending?.narration).toMatch(/some moments along the way cost you/);
    // A Developing one with trust as high, and a score of 65% or more, still gets it.
    const { debrief: dev } = played('left-placement-calls', ['d1-redirect', 'd2-resources', 'd3-door-open', 'd4-say-nothing', 'd5-steady', 'd6-learn', 'd7-promise', 'd8-needs']);
    expect(dev.score.percent).toBe(75);
    expect(dev.outcome.band).toBe('developing');
    expect(dev.ending?.narration).toMatch(/^Ari is back at her placement, you are still her CASA, and she answers your texts\. But the reasons/);
  });

  // whereabouts-unknown: a playthrough that sent Dez a rideshare (a pick-up, Prohibited Activities) and then
  // made no plan with her got the ending's own words, which say nothing of the ride; the variants that name it
  // were told only after a plan.
  it.each([['d8-love'], ['d8-later']])('whereabouts-unknown: the rideshare, then %s, is named in the ending', (last) => {
    const { debrief } = played('whereabouts-unknown', ['d1-open', 'd2-learn', 'd3-checkin', 'd4-running', 'd5-not-mad', 'd6-both', 'd6-tell', 'd7-rideshare', last]);
    expect(debrief.criticalViolations.map((c) => c.replyId)).toEqual(['d7-rideshare']);
    expect(debrief.ending?.id).toBe('end-mixed');
    expect(debrief.ending?.narration).toContain('you arranged her ride, not Mr. Nasser');
    expect(debrief.ending?.narration).toMatch(/Nobody has talked with her about what she would do the next time things feel unsafe/);
  });

  // saturday-shoots end-mixed: after a promise of secrecy, a volunteer who emailed Mr. Dawson (d5-email) and
  // never phoned Leah was told "You took what Meron told you to Leah after promising her…".
  it('saturday-shoots: the promise variant does not say it went to Leah when it went to Mr. Dawson', () => {
    const { debrief } = played('saturday-shoots', ['d1-talk', 'd2-light', 'd3-open-secret', 'd4-honest', 'd5-email', 'd6-kid', 'd7-dawson']);
    expect(debrief.ending?.id).toBe('end-mixed');
    expect(debrief.ending?.narration).toContain('after promising her it would stay between you');
    expect(debrief.ending?.narration).not.toMatch(/to Leah/);
  });

  // youth-discloses d8-report: the guide's words for what it tests, a report that is "strengths-based" and
  // keeps out CSEC status unless "confirmed by DCFS/the court" (Court Report), were only in the best reply.
  // A wrong reply beside it now says each, doing the wrong thing, and is scored as before.
  it.each([[/strength/i, 'd8-hint-services'], [/confirmed/i, 'd8-all-in']])('youth-discloses d8: %s is not only in the best reply', (word, wrongId) => {
    const d = decision('youth-discloses', 'd8-report');
    const value = (r: (typeof d.replies)[number]) => r.assessments.reduce((s, a) => s + (a.verdict === 'follows' ? 1 : -1) * (a.weight ?? 1), 0);
    const top = Math.max(...d.replies.map(value));
    expect(d.replies.filter((r) => word.test(r.text) && value(r) < top).map((r) => r.id)).toEqual([wrongId]);
    // reader-d-60: it also goes against report-csec-status-confirmed-only (story-60d.test.ts); review-60: the
    // recommendation now weighs 1 beside it, as in court-report, so it costs no more than the all-in (story-60e.test.ts).
    expect(scored(reply('youth-discloses', 'd8-report', 'd8-hint-services'))).toBe('no-revealing-recommendations violates 1, report-csec-status-confirmed-only violates 2');
    expect(scored(reply('youth-discloses', 'd8-report', 'd8-all-in'))).toBe('report-csec-status-confirmed-only violates 2, report-objective-strengths-based violates 1');
  });

  // The guide's words for what two more decisions test were only in the best reply: left-placement-calls
  // d7-return "safety plan" (What if my youth returns from leaving placement?) and whereabouts-unknown
  // d6-feelings "act on" (the feelings "do not have to be acted upon", Stages of Exiting CSEC Involvement).
  // The wrong reply beside each now says it too, doing the wrong thing, and is scored as before.
  it.each([
    ['left-placement-calls', 'd7-return', /safety plan/i, 'd7-card', 'resources-reduce-harm follows 1, harm-reduction-self-determination violates 1'],
    ['whereabouts-unknown', 'd6-feelings', /\bact on\b/i, 'd6-deserve', 'validate-loss violates 2'],
  ])('%s %s: %s is not only in the best reply', (id, nodeId, word, wrongId, scoredAs) => {
    const d = decision(id, nodeId);
    const value = (r: (typeof d.replies)[number]) => r.assessments.reduce((s, a) => s + (a.verdict === 'follows' ? 1 : -1) * (a.weight ?? 1), 0);
    const top = Math.max(...d.replies.map(value));
    expect(d.replies.filter((r) => word.test(r.text) && value(r) < top).map((r) => r.id)).toEqual([wrongId]);
    expect(scored(reply(id, nodeId, wrongId))).toBe(scoredAs);
  });
});
