import { describe, expect, it } from 'vitest';
import { bundledDecision, bundledReply } from '../helpers/bundled.js';
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

// 2. trafficker-contact end-mixed told every playthrough that kept something from the team the same menu: "something
// went around the team instead of through it: a word sent to the people around Quan, a search of your own, something
// kept from Ms. Okafor or deleted, or a plan of your own for Imani's safety…". A volunteer whose one lapse was
// deleting the last threat (84%, Strong band, kept from the strong ending by it alone) read of words sent to Quan's
// people and searches they never made; so did one whose one lapse was the rescue plan, the promise to Imani, or the
// Monday answer to Ms. Okafor. A playthrough that crossed no line and kept back one thing is now told that thing,
// with the trust line as before (sees you most Saturdays at 60 or more, still deciding under it); two or more, or a
// line crossed as well, are told the menu as before.
describe('story-58a: trafficker-contact tells a playthrough that kept back one thing what it kept back', () => {
  const BEST = ['d1-text-screenshot', 'd3-morning-facts', 'd4-visit-boundary', 'd5-open-include', 'd6-parking-walk', 'd7-supervisor-honest', 'd8-plan-stay', 'd9-last-forward'];
  const swap = (from: Record<string, string>, path = BEST) => path.map((r) => from[r] ?? r);
  const cold = (path: string[]) => swap({ 'd4-visit-boundary': 'd4-visit-grill', 'd5-open-include': 'd5-shut-door-open' }, path);
  const MENU = /went around the team|a search of your own|a word sent to the people around Quan/;
  const cases: [string, Record<string, string>, RegExp][] = [
    ['the last threat deleted', { 'd9-last-forward': 'd9-last-delete' }, /every message reached her team but the last: the 11:02 text, “tell her we see her”, which you blocked and deleted that night without showing anyone/],
    ['the rescue planned alone', { 'd8-plan-stay': 'd8-plan-rescue' }, /the plan you brought Dana already made: a new phone and rides to school, decided without Imani and to be told to Ms\. Okafor once it was set up/],
    ['the promise to Imani', { 'd5-open-include': 'd5-open-secret' }, /you promised to tell no one, not even Ms\. Okafor, and her team never heard it from you/],
    ['the Monday answer played down', { 'd3-morning-facts': 'd3-morning-downplay' }, /when Ms\. Okafor asked what the text said and whether you had written back, your answer gave her less than she asked for/],
    ['the Monday answer put off', { 'd3-morning-facts': 'd3-morning-ask-imani' }, /your answer gave her less than she asked for/],
  ];

  it.each(cases)('%s, in the Strong band: told that, not the menu, and still seeing her most Saturdays', (_name, from, told) => {
    const d = endedOn('trafficker-contact', swap(from));
    expect(d.score.percent).toBeGreaterThanOrEqual(80);
    expect(d.outcome.band).toBe('strong');
    expect(d.ending?.id).toBe('end-mixed');
    expect(d.ending?.narration).toMatch(told);
    expect(d.ending?.narration).toMatch(/^Imani is still placed with Ms\. Reyes and still sees you most Saturdays\. Nobody around Quan ever got a word from you/);
    expect(d.ending?.narration).not.toMatch(MENU);
  });

  it.each(cases.filter(([name]) => name !== 'the promise to Imani'))('%s, her trust lost: told that, and that she is still deciding', (_name, from, told) => {
    const d = endedOn('trafficker-contact', cold(swap(from)));
    expect(d.ending?.id).toBe('end-mixed');
    expect(d.ending?.narration).toMatch(told);
    expect(d.ending?.narration).toMatch(/still deciding how much she can count on you\.$/);
    expect(d.ending?.narration).not.toMatch(/sees you most Saturdays|went around the team/);
  });

  it('two things kept back, or one kept back and a line crossed, are told the menu as before', () => {
    const two = swap({ 'd3-morning-facts': 'd3-morning-downplay', 'd9-last-forward': 'd9-last-delete' });
    const crossed = swap({ 'd1-text-screenshot': 'd1-text-polite', 'd5-open-include': 'd5-open-secret' }, ['d1-text-screenshot', 'd2-thread-stop-report', ...BEST.slice(1)]);
    for (const path of [two, crossed]) {
      const d = endedOn('trafficker-contact', path);
      expect(d.ending?.id, path.join(' > ')).toBe('end-mixed');
      expect(d.ending?.narration).toMatch(/went around the team instead of through it/);
    }
  });

  it('the replies are scored as before, and the flags are set only by the reply each ending names', () => {
    const r = (node: string, id: string) => bundledReply('trafficker-contact', node, id);
    expect(r('d9-last', 'd9-last-delete').effects).toEqual([{ var: 'held-back', add: 1 }, { var: 'deleted-threat', set: true }]);
    expect(r('d5-open', 'd5-open-secret').effects).toEqual([{ var: 'trust', add: 5 }, { var: 'held-back', add: 1 }, { var: 'kept-secret', set: true }]);
    expect(r('d9-last', 'd9-last-delete').assessments.map((a) => `${a.principle} ${a.verdict} ${a.weight ?? 1}`)).toEqual(['no-trafficker-contact follows 2', 'team-communication violates 2']);
    expect(r('d5-open', 'd5-open-secret').assessments.map((a) => `${a.principle} ${a.verdict} ${a.weight ?? 1}`)).toEqual(['team-communication violates 2']);
  });
});

// 3. youth-relapses end-contacted opened "Your Advocate Supervisor has to bring your contact with the person exploiting
// Jazz to her team" on every path there, also after d8-fault ("Text Monica, your supervisor, that you're fine") and
// d8-push-through (the feeling pushed down, Monica told nothing): the supervisor could only bring it to the team if
// she had heard it, and on those paths nobody told her. Those paths are now told that the team heard of it before
// Monica heard of it from the volunteer; the path that talked the week through with Monica (d8-support) is told that
// the text came up in that call.
describe('story-58a: youth-relapses end-contacted says how the team heard of the text to Kyle, as the path allows', () => {
  const TO_KYLE = ['d1-glad', 'd2-process', 'd3-not-stupid', 'd4-plan', 'd5-text-him', 'd6-yes', 'd7-notice'];

  it.each(['d8-fault', 'd8-push-through'])('after %s, Monica is not said to bring it to the team', (d8) => {
    const d = endedOn('youth-relapses', [...TO_KYLE, d8]);
    expect(d.ending?.id).toBe('end-contacted');
    expect(d.ending?.narration).not.toMatch(/Advocate Supervisor has to bring|she has to bring it/);
    expect(d.ending?.narration).toMatch(/^Word of the text you sent Kyle from Jazz's phone reaches her team before Monica hears of it from you/);
    expect(d.ending?.narration).toMatch(/A month after you texted him, Jazz changes her number/);
  });

  it('after d8-support, the text comes up when the week is talked through with Monica, and she brings it to the team', () => {
    const d = endedOn('youth-relapses', [...TO_KYLE, 'd8-support']);
    expect(d.ending?.id).toBe('end-contacted');
    expect(d.ending?.narration).toMatch(/^When you talk the week through with Monica, you tell her about the text you sent Kyle from Jazz's phone, and she has to bring it to Jazz's team/);
    expect(d.criticalViolations.map((v) => v.replyId)).toEqual(['d5-text-him']);
  });
});

// 4. the-list d9-report's facilitator note said reports "must not disclose incriminating information". The guide says
// "CASAs must make sure that their reports are objective, supported by evidence, and strengths-based. As such, it is
// important that CASAs to not disclose any incriminating information…" (Court Report): the "must" is for the first
// sentence only, as reread2-55 held the feedback of trafficker-contact and court-report to.
describe('story-58a: the-list d9-report\'s note tells the Court Report section in the guide\'s strength', () => {
  it('"must" for objective, evidenced and strengths-based; "it is important" for what not to disclose', () => {
    const note = bundledDecision('the-list', 'd9-report').facilitatorNote ?? '';
    expect(note).not.toMatch(/must not disclose/);
    expect(note).toMatch(/reports must be objective, supported by evidence and strengths-based, and it is important not to disclose incriminating information that may lead to a negative perception of the youth or violate their confidentiality/);
  });
});

// 5. A prohibited act is not credited with its motive (docs/authoring.md section 6); where another reply at the
// decision keeps the principle behind that motive, the debrief counts it missed there, so the feedback says what
// would have kept it, with its section. youth-relapses d5-text-him ("However protective it feels…") was told it
// missed "Their safety comes first" and "The youth defines their own safety" at decision 5 (d5-safety keeps both)
// with only "Take the worry to your Advocate Supervisor instead"; trafficker-contact d4-visit-pass ("It feels small
// and it pleases her… if it gets you your ID back") was told it missed youth-centered there (d4-visit-boundary keeps
// it) with nothing on what would have. Scoring unchanged.
describe('story-58a: a prohibited act whose motive another reply keeps says what would have kept it', () => {
  const missedAt = (id: string, path: string[], principle: string) =>
    (endedOn(id, path).principles.find((p) => p.principleId === principle)?.notes ?? []).filter((n) => n.verdict === 'missed').map((n) => n.nodeId);

  it('youth-relapses d5-text-him: her safety first and her own say in it, each with its section', () => {
    const r = bundledReply('youth-relapses', 'd5-phone', 'd5-text-him');
    expect(r.assessments.map((a) => `${a.principle} ${a.verdict} ${a.weight ?? 1}`)).toEqual(['no-trafficker-contact violates 3']);
    expect(r.feedback).toMatch(/^However protective it feels/);
    expect(r.feedback).toMatch(/reassure her that it is your main priority whatever she chooses \(Likelihood of Relapse\)/);
    expect(r.feedback).toMatch(/leave what to do about his texts in her hands \(Harm Reduction\)/);
    const path = ['d1-glad', 'd2-process', 'd3-not-stupid', 'd4-plan', 'd5-text-him', 'd6-yes', 'd7-notice', 'd8-support'];
    for (const p of ['safety-is-priority', 'harm-reduction-self-determination']) {
      expect(missedAt('youth-relapses', path, p), p).toContain('d5-phone');
    }
  });

  it('trafficker-contact d4-visit-pass: her real need taken to Ms. Okafor with her, with its section', () => {
    const r = bundledReply('trafficker-contact', 'd4-visit', 'd4-visit-pass');
    expect(r.assessments.map((a) => `${a.principle} ${a.verdict} ${a.weight ?? 1}`)).toEqual(['no-trafficker-contact violates 3', 'csw-partnership follows 1']);
    expect(r.feedback).toMatch(/^It feels small and it pleases her/);
    expect(r.feedback).toMatch(/taking her real need, her ID and her things, to Ms\. Okafor with her \(CASA Role and Expectations\)\.$/);
    const path = ['d1-text-screenshot', 'd3-morning-facts', 'd4-visit-pass', 'd5-open-include', 'd6-parking-walk', 'd7-supervisor-honest', 'd8-plan-stay', 'd9-last-forward'];
    expect(missedAt('trafficker-contact', path, 'youth-centered')).toContain('d4-visit');
  });
});
