import { describe, expect, it } from 'vitest';
import { bundledDecision, bundledReply } from '../helpers/bundled.js';

// Session second-53: a second reader on the story changes made earlier this session (reread-a/b/c-53). Each case
// was seen failing on the file as it stood before the fix. Wording only; no scoring or version changed.

// Sentences, not split inside a parenthesis's full stop or after a title ("Mr. Dawson").
const sentences = (text: string) => text.split(/(?<=[.!?])(?<!\b(?:Mr|Ms|Mrs)\.)\s+(?=[A-Z"])/);

describe('second-53: saturday-shoots d4-dawson says whose answer leaves out the reassurance', () => {
  // "...the guide asks CASAs to be youth-centered (CASA Role and Expectations). Nor does it tell her what the guide
  // asks CASAs to tell a youth...": "it" read as the guide, the subject of the sentence before. jae-and-hyung d2-rule
  // had the same words and now says "Nor does your answer tell him" (story-53c); d4-dawson now says the same.
  it('no sentence opening "Nor does it" follows a sentence about what the guide asks', () => {
    const f = bundledReply('saturday-shoots', 'd4-secret', 'd4-dawson').feedback;
    const s = sentences(f);
    const loose = s.filter((line, i) => /^Nor does it\b/.test(line) && /the guide (asks|says)/.test(s[i - 1] ?? ''));
    expect(loose).toEqual([]);
    // safety-53 then took the reassurance out of d4's scoring (Meron has gone back to no one): the sentence went.
    expect(f).not.toContain('Likelihood of Relapse');
  });
});

describe('second-53: testifying d7-worry note names the guide before it calls it "it"', () => {
  // The note opened "Besides the ways it says a CASA may be able to help...": a pronoun with nothing before it for a
  // trainer reading the note cold. Its list also stopped at three of the guide's ways and left out writing a
  // statement (Legal Advocacy); it now says "among them", as the d2 note lists all four.
  it('the note opens on the guide, not on "it", and gives its list as examples', () => {
    const note = bundledDecision('testifying', 'd7-worry').facilitatorNote ?? '';
    expect(note).not.toMatch(/^\W*\w+ the ways it says/);
    expect(note.startsWith('Besides the ways the guide says a CASA may be able to help with a youth\'s legal needs (among them courtroom support')).toBe(true);
    expect(note).toMatch(/, it says a CASA may support a youth through criminal proceedings by maintaining communication and understanding among the case parties, most importantly the CSW and dependency attorney \(Legal Advocacy\)\./);
  });
});
