import { describe, expect, it } from 'vitest';
import { bundledScenario } from '../helpers/bundled.js';
import { playReplies } from '../helpers/play.js';
import { pinsFor } from '../helpers/pins.js';

// diffread-49: a second reader of the day's scenario changes, against the guide's words.

// left-placement-calls d8-judge: the change to "the guide's harm reduction approach makes room to
// explore ... (Harm Reduction), and to stay non-judgmental (Stages of Exiting CSEC Involvement)" left
// staying non-judgmental as something harm reduction "makes room" for. The guide says it is important
// for CASAs "to remain open-minded and non-judgmental" (Stages of Exiting CSEC Involvement), a section
// of its own; the feedback now says so in its own clause.
describe('left-placement-calls d8-judge', () => {
  const { reply } = pinsFor('left-placement-calls');
  it('does not give harm reduction the guide\'s non-judgmental stance', () => {
    const f = reply('d8-judge').feedback;
    expect(f).not.toMatch(/makes room to[^.]*and to stay non-judgmental/);
    expect(f).toMatch(/makes room to explore why she leaves and what needs are unmet \(Harm Reduction\), and the guide asks CASAs to remain open-minded and non-judgmental \(Stages of Exiting CSEC Involvement\)/);
  });
});

// youth-relapses: the guide says "Discussing triggers and strategies for dealing with triggers prior
// to relapse will be important in conversations with the young person" (Likelihood of Relapse); it
// does not "ask" for the talk (before-relapse was corrected the same way, guide-words-49.test.ts).
describe('youth-relapses: the trigger talk in the guide\'s strength', () => {
  const { scenario, reply } = pinsFor('youth-relapses');
  it('d4-delete-number says the conversation will be important, not that the guide asks for it', () => {
    const f = reply('d4-delete-number').feedback;
    expect(f).not.toMatch(/the conversation the guide asks for/);
    expect(f).toMatch(/the conversation the guide says will be important: what sets off a return for her/);
  });
  it('no facilitator note says the guide asks CASAs to talk about triggers', () => {
    const notes = scenario().nodes.map((n) => ('facilitatorNote' in n ? n.facilitatorNote ?? '' : ''));
    expect(notes.filter((t) => /guide asks CASAs to talk with the youth about triggers/.test(t))).toEqual([]);
    expect(notes.some((t) => /triggers and strategies for dealing with them, before a relapse, will be important/.test(t))).toBe(true);
  });
});

// court-report's mixed ending: content2-49's change gave trust under 60 two variants, one for the
// question about Damian and one "without reasons", both placed before the variants for looking into
// the allegation yourself. A playthrough that texted Ms. Pruitt for specifics (or searched Lupe and
// Damian online), a Prohibited Activity, and lost Lupe's trust was told neither: the old text had
// named it ("you went looking into things that were DCFS's to confirm"). It is told again, with the
// question about Damian where that was asked too.
describe('court-report: looking into the allegation yourself is told when trust is lost too', () => {
  const path = (visit: string) => ['d-opening-strengths', 'd-school-glowing', 'd-health-records', visit, 'd-check-status-staff', 'd-status-unconfirmed-omit', 'd-wellbeing-vague', 'd-recs-unconfirmed-restoration', 'd-review-supervisor', 'd-hearing-support-speak-for'];
  it('d-check-status-staff, trust under 60, no question about Damian', () => {
    const d = playReplies(bundledScenario('court-report'), path('d-visit-promise'));
    expect(d?.ending?.id).toBe('end-mixed');
    const told = d?.ending?.narration ?? '';
    expect(told).toMatch(/you went looking into what staff said about Damian yourself, and the guide says CASAs should not investigate allegations of CSEC/);
    expect(told).toMatch(/gone on her phone before the hearing ends/);
    expect(told).not.toMatch(/asked her straight out|talks volleyball/);
  });
  it('d-check-status-staff after asking her straight out about Damian: both are told', () => {
    const d = playReplies(bundledScenario('court-report'), path('d-visit-ask-boyfriend'));
    expect(d?.ending?.id).toBe('end-mixed');
    const told = d?.ending?.narration ?? '';
    expect(told).toMatch(/you asked her straight out about Damian/);
    expect(told).toMatch(/you went looking into what staff said about him yourself: the guide says CASAs should not investigate allegations of CSEC/);
  });
});
