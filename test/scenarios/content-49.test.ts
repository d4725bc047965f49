import { describe, expect, it } from 'vitest';
import { pinsFor } from '../helpers/pins.js';
import { bundledScenario } from '../helpers/bundled.js';
import { driveReplies, playReplies, toldAt } from '../helpers/play.js';
import { computeBest } from '../../src/machines/scoring.js';

// Session content-49: fresh eyes on before-relapse and saturday-shoots, against the guide and the story.

describe('saturday-shoots: the story holds together', () => {
  const { bestWith } = pinsFor('saturday-shoots');

  // d6-phone ("Take her phone for the weekend") sets `phone`, and s6-phone says Tigist took it on Thursday
  // night. After the promise to come and get her (d4-rescue), the harmful ending had Meron text you at 12:40
  // on Sunday morning as if from her own phone, which her aunt was keeping all weekend.
  it('after the promise to come and get her and the phone taken for the weekend, her late text comes from a number you don\'t know', () => {
    const debrief = bestWith({ 'd4-honest': 'd4-rescue', 'd6-kid': 'd6-phone' });
    expect(debrief?.ending).toMatchObject({ id: 'end-harmful', kind: 'harmful' });
    const told = debrief?.ending?.narration ?? '';
    expect(told).toContain("Tigist keeps Meron's phone all weekend");
    expect(told).toContain("a text comes from a number you don't know");
    expect(told).not.toMatch(/Meron texts you/);
    expect(told).toContain('You promised.');
  });

  it('with her phone left to her, the same promise still ends on her own text', () => {
    const told = bestWith({ 'd4-honest': 'd4-rescue' })?.ending?.narration ?? '';
    expect(told).toMatch(/^At 12:40 on Sunday morning Meron texts you/);
  });
});

// content2-49's report: the mixed ending for trust under 60 gave its reasons as "she didn't get much of
// a say, you asked her straight out about Damian, you needed a save, or you went looking into things",
// told to volunteers who did none of those (a deflected visit, a recommendation made over her head, a
// judge spoken to for her). The Damian question now has its own words; every other loss of trust is
// told without reasons it never had.
describe('court-report: the mixed ending tells only what happened', () => {
  const { bestWith } = pinsFor('court-report');

  it('trust lost without asking about Damian or looking into anything is not told as either', () => {
    const d = bestWith({ 'd-visit-ask-voice': 'd-visit-deflect', 'd-recs-more-secondary': 'd-recs-more-move', 'd-hearing-support-order': 'd-hearing-support-speak-for' });
    expect(d?.ending?.id).toBe('end-mixed');
    const told = d?.ending?.narration ?? '';
    expect(told).toMatch(/gone on her phone before the hearing ends/);
    expect(told).not.toMatch(/Damian|looking into|needed a save/);
  });

  it('asking her straight out about Damian is told as that, and nothing else', () => {
    const told = bestWith({ 'd-visit-ask-voice': 'd-visit-ask-boyfriend' })?.ending?.narration ?? '';
    expect(told).toMatch(/you asked her straight out about Damian/);
    expect(told).not.toMatch(/looking into|needed a save|much of a say/);
  });
});

// content2-49's report: a promise of secrecy and a ride booked at 1 a.m. on the same playthrough ended on
// the promise alone (its variant comes first), so the ride went untold in the ending.
describe('couch-rent: the mixed ending tells both the broken promise and the booked ride', () => {
  it('d1-promise d2-grill d3-promise d4-naomi d5-ride d6-fine d7-card d8-strengths', () => {
    const d = playReplies(bundledScenario('couch-rent'), ['d1-promise', 'd2-grill', 'd3-promise', 'd4-naomi', 'd5-ride', 'd6-fine', 'd7-card', 'd8-strengths']);
    expect(d?.ending?.id).toBe('end-mixed');
    const told = d?.ending?.narration ?? '';
    expect(told).toMatch(/after promising you wouldn't/);
    expect(told).toMatch(/the car you booked at 1 a\.m\./);
  });
});

// content2-49's report: d-check-status is "Sunday night", and the CSW answered the call at once with
// "Good timing." The call now reaches her on Monday morning.
describe('court-report: the CSW is called in working hours', () => {
  it('after calling Ms. Alvarez from Sunday night\'s laptop, the scene where she answers is on Monday morning', () => {
    const s = bundledScenario('court-report');
    const decision = s.nodes.find((n) => n.id === 'd-check-status');
    expect(decision && 'narration' in decision ? decision.narration : '').toMatch(/^Sunday night/);
    const scene = s.nodes.find((n) => n.id === 's-csw-confirms');
    expect(scene && 'narration' in scene ? scene.narration : '').toMatch(/^Monday morning/);
  });
});

// content3-49's report: "A week later Ms. Ortega sets up a call with you and Ray about Theo's late
// nights" followed d4-wait (Ray asked to keep an eye) and d4-search (a look at Vince's posts), where
// nobody had told the CSW anything. On those two, Ray has called her himself.
describe('boy-red-flags: the CSW\'s call follows from someone telling her', () => {
  const s = () => bundledScenario('boy-red-flags');
  const best = () => computeBest(s()).path.map((step) => step.replyId);
  const sceneAfter = (d4: string) => {
    const path = best();
    const at = path.findIndex((r) => r.startsWith('d4-'));
    const { nodes } = driveReplies(s(), [...path.slice(0, at), d4]);
    const meeting = nodes.find((n) => n.startsWith('s4-meeting'));
    expect(meeting, nodes.join(' ')).toBeDefined();
    return toldAt(s(), meeting ?? '');
  };
  it.each(['d4-wait', 'd4-search'])('after %s, Ray has called Ms. Ortega himself', (d4) => {
    expect(sceneAfter(d4)).toMatch(/Ray has called Ms\. Ortega himself/);
  });
  it.each(['d4-csw', 'd4-jonah'])('after %s, she sets up the call without Ray calling', (d4) => {
    expect(sceneAfter(d4)).toMatch(/^A week later Ms\. Ortega sets up a call/);
  });
});

// newcomer-49: the strong ending said "Every message and the man in the parking lot went straight to
// Ms. Okafor, Mr. Haddad and Dana", as if the man himself went to the team.
describe('trafficker-contact: the strong ending says what went to the team', () => {
  it('word of the man in the parking lot went to the team, not the man', () => {
    const end = bundledScenario('trafficker-contact').nodes.find((n) => n.id === 'end-strong');
    const told = end?.kind === 'ending' ? [end.narration ?? '', ...(end.variants ?? []).map((v) => v.narration ?? '')].join(' ') : '';
    expect(told).toMatch(/word of the man in the parking lot, went straight to/);
    expect(told).not.toMatch(/Every message and the man in the parking lot went/);
  });
});

// content5-49's report: the mixed ending for a judgement said out loud told "you judged it out loud
// before hearing her out. After that she told you only in hints", also after d3-victim, where Kiara
// had already told you plainly ("Sometimes he asks me to do stuff for money") before the judgement.
describe('youth-discloses: the mixed ending after a judgement fits when it was said', () => {
  it('d3-victim, after she told you plainly, is not told as judging before hearing her out', () => {
    const d = playReplies(bundledScenario('youth-discloses'), ['d1-curious', 'd2-needs', 'd3-victim', 'd4-honest', 'd5-accurate', 'd6-safety', 'd7-share', 'd8-strengths']);
    expect(d?.ending?.id).toBe('end-mixed');
    const told = d?.ending?.narration ?? '';
    expect(told).toMatch(/you judged him out loud, and she heard it as judging her/);
    expect(told).not.toMatch(/before hearing her out|only in hints/);
  });
});
