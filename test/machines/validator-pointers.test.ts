import { describe, expect, it } from 'vitest';
import { validateScenario, type AuthoringPointers } from '../../src/machines/index.js';
import example from '../fixtures/good/example.json?raw';

/** Where a caller without the program's files (the web app) sends a trainer instead. */
const HERE: AuthoringPointers = { example: 'the worked example HERE', principleIds: 'listed HERE' };

/** Every fix of `text` validated with `options`. */
const fixes = (text: string, authoring?: AuthoringPointers) => validateScenario(text, 'mine.json', authoring ? { authoring } : {}).problems.map((p) => p.fix);

/** The example without one of its fields. */
function without(field: string): string {
  const data = JSON.parse(example) as Record<string, unknown>;
  delete data[field];
  return JSON.stringify(data, null, 2);
}

// Files a trainer has wrong in the ways whose fixes point to the authoring guide or the principles file.
const CASES: [string, string][] = [
  ['an empty file', ''],
  ['a list, not an object', '[1, 2]'],
  ['no "nodes"', without('nodes')],
  ['no "learningGoals"', without('learningGoals')],
  ['an empty "learningGoals"', example.replace(/"learningGoals": \[[^\]]*\]/, '"learningGoals": []')],
  ['a misspelt principle id', example.replace('"principle": "curious-not-interrogating"', '"principle": "curious-not-interogating"')],
  ['an unknown principle id', example.replace('"principle": "curious-not-interrogating"', '"principle": "zzz"')],
];

describe("where the validator's fixes send a trainer", () => {
  // The web app's trainer has no docs/authoring.md nor scenarios/guide/: the fixes sent them there.
  it.each(CASES)('%s: with the caller\'s pointers, no fix names a file of the program, and one names the place given', (_case, text) => {
    const found = fixes(text, HERE);
    expect(found.filter((f) => /docs\/|authoring\.md|principles\.json/.test(f))).toEqual([]);
    expect(found.some((f) => f.includes('HERE'))).toBe(true);
  });

  // The terminal's trainer has the program's folder: the fixes name its files, as they did.
  it.each(CASES)('%s: without them, a fix names docs/authoring.md or the principles file', (_case, text) => {
    const found = fixes(text);
    expect(found.some((f) => /docs\/authoring\.md|scenarios\/guide\/principles\.json/.test(f))).toBe(true);
    expect(found.some((f) => f.includes('HERE'))).toBe(false);
  });

  it('the pointers last for one validation only', () => {
    fixes('', HERE);
    expect(fixes('')).toEqual(['A scenario is one JSON object: start from the worked example in docs/authoring.md.']);
  });
});
