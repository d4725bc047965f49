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
