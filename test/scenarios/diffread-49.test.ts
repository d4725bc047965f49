import { describe, expect, it } from 'vitest';
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
