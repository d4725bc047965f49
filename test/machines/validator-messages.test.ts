import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../src/machines/validate/index.js';
import type { Problem } from '../../src/machines/validate/problem.js';
import { readFixture } from '../helpers/fixtures.js';

/** The example fixture with one edit (which must change it), and the problems the validator finds in it. */
function exampleWith(from: string | RegExp, to: string) {
  const good = readFixture('good/example.json').toString('utf8');
  const text = good.replace(from, to);
  expect(text).not.toBe(good);
  return { text, problems: validateScenario(text, 'x.json').problems };
}

/** The text a problem's line:column points at, to the end of that line. */
const pointsAt = (text: string, p: Pick<Problem, 'line' | 'column'> | undefined) => text.split('\n')[(p?.line ?? 0) - 1]?.slice((p?.column ?? 0) - 1);

// A reply scored on a principle whose feedback did not cite that principle's section passed
// `validate --strict` and the audit: only the bundled scenarios' content review caught it.
describe('principle-not-cited: a reply scored on a principle its feedback does not cite', () => {
  it('is warned, at the end of the citation where the heading goes, naming the assessment and the section', () => {
    const { text, problems } = exampleWith('which CASAs are prohibited from doing (Prohibited Activities).', 'which CASAs are prohibited from doing (Red Flags).');
    expect(problems.map((p) => p.code)).toEqual(['principle-not-cited']);
    const [p] = problems;
    expect(p?.severity).toBe('warning');
    expect(pointsAt(text, p)).toMatch(/^\)\.",$/);
    const assessment = /"principle": "no-investigating"/.exec(text)!;
    const line = text.slice(0, assessment.index).split('\n').length;
    const column = assessment.index - text.lastIndexOf('\n', assessment.index) + '"principle": '.length;
    expect(p?.message).toBe(`This reply is scored on "no-investigating" (line ${line}, column ${column}), but its feedback does not cite that principle's section of the guide, "Prohibited Activities", so the volunteer cannot look it up.`);
    expect(p?.fix).toBe('Add the section to the citation here, with a semicolon: (Red Flags; Prohibited Activities). Or cite it after the sentence about that point: "… (Prohibited Activities)."');
    // Doing as the fix says clears it.
    expect(validateScenario(text.replace('from doing (Red Flags).', 'from doing (Red Flags; Prohibited Activities).'), 'x.json').problems).toEqual([]);
  });
  it('is not said on top of feedback-no-citation, which already asks for a heading', () => {
    expect(exampleWith('which CASAs are prohibited from doing (Prohibited Activities).', 'which CASAs are prohibited from doing.').problems.map((p) => p.code)).toEqual(['feedback-no-citation']);
  });
});
