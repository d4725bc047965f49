import { describe, expect, it } from 'vitest';
import { copiesAndUnknownIds, hiddenCharacterReferences, spacesAfterClosingQuote, spacesInQuotedWeight, spacesInUnquotedText, spacesInWhenText } from '../../bench/hostile.js';
import { validateScenario } from '../../src/machines/validate/index.js';

/**
 * A scenario file is untrusted input: however it is written, validating it takes time in proportion
 * to its size. Two checks for a text written without its quotes ran regular expressions that
 * backtracked over a run of spaces in the middle of a line: cubic time for a text with no quotes at
 * all (2,000 spaces: ten seconds; 8,000: seven minutes), quadratic after a closing quote (100,000
 * spaces: seconds). So was the check for a number with words in quotes ("weight": "3 (critical)"). A minified file, or one padded on purpose, has such lines.
 *
 * The bounds are far above what the file takes now (milliseconds) and far below what it took.
 * (A regular expression cannot be interrupted: were the fault back, this test would take that long.)
 * The files come from bench/hostile.ts: `npm run bench hostile` times them at ×1, ×4 and ×16 this size.
 */
function timed(text: string): { ms: number; codes: string[] } {
  const start = performance.now();
  const result = validateScenario(text, 'padded.json');
  return { ms: performance.now() - start, codes: result.problems.map((p) => p.code) };
}

describe('validating a file with long runs of spaces inside a line takes time in proportion to it', () => {
  it('a weight written as a number, spaces and a word, in quotes', () => {
    const { ms, codes } = timed(spacesInQuotedWeight(150_000));
    expect(codes).toEqual(['wrong-type']);
    expect(ms).toBeLessThan(2_000);
  });
  it('a text with no quotes at all, spaces between its words', () => {
    const { ms, codes } = timed(spacesInUnquotedText(2_000));
    expect(codes).toContain('json-syntax');
    expect(ms).toBeLessThan(2_000);
  });
  it('a "when" written as text, spaces between a comparison and a word', () => {
    // Split at "and", "&" and "," to write each condition out: 160,000 spaces took 81 s.
    const { ms, codes } = timed(spacesInWhenText(40_000));
    expect(codes).toEqual(['invalid-condition']);
    expect(ms).toBeLessThan(2_000);
  });
  it('a text without its opening quote, spaces after its closing one', () => {
    const { ms, codes } = timed(spacesAfterClosingQuote(150_000));
    expect(codes).toContain('json-syntax');
    expect(ms).toBeLessThan(2_000);
  });
});

// Authoring leftovers (author-49): each "next" naming no node looked through every copy not renamed
// (whether the node it suggests is one): 30,000 of each took 9 s, 70,000 some 30 s; now 70,000
// take 2 to 4 s (the bound leaves room for a machine busy with other test files).
describe('validating a file of many copies not renamed and many "next"s naming no node takes time in proportion to it', () => {
  it('70,000 of each', () => {
    const { ms, codes } = timed(copiesAndUnknownIds(70_000));
    expect(codes).toContain('duplicate-id');
    expect(codes).toContain('unknown-node');
    expect(ms).toBeLessThan(18_000);
  });
});

// Hostile-49: each reference that is not a valid id (here an id with a character that shows as
// nothing after it) looked through every node for the one it means, by id or by title: 10,000 such
// "next"s in 10,000 scenes took 4 s, 40,000 some 22 s. Now the nodes are indexed once per
// file: 40,000 take about 1.5 s.
describe('validating a file of many references with a hidden character takes time in proportion to it', () => {
  it('40,000 scenes, each "next" with a combining grapheme joiner after the id', () => {
    const { ms, codes } = timed(hiddenCharacterReferences(40_000));
    expect(codes).toContain('invalid-id');
    expect(ms).toBeLessThan(6_000);
  });
});
