import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/terminal/paths.js';
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
 */
function timed(text: string): { ms: number; codes: string[] } {
  const start = performance.now();
  const result = validateScenario(text, 'padded.json');
  return { ms: performance.now() - start, codes: result.problems.map((p) => p.code) };
}

describe('validating a file with long runs of spaces inside a line takes time in proportion to it', () => {
  it('a weight written as a number, spaces and a word, in quotes', () => {
    const scenario = readFileSync(join(packageRoot(), 'scenarios/youth-discloses.json'), 'utf8');
    const padded = scenario.replace('"weight": 2', `"weight": "1${' '.repeat(150_000)}x"`);
    expect(padded).not.toBe(scenario);
    const { ms, codes } = timed(padded);
    expect(codes).toEqual(['wrong-type']);
    expect(ms).toBeLessThan(2_000);
  });
  it('a text with no quotes at all, spaces between its words', () => {
    const spaces = ' '.repeat(2_000);
    const { ms, codes } = timed(`{"title": a${spaces}x${spaces}x\n}`);
    expect(codes).toContain('json-syntax');
    expect(ms).toBeLessThan(2_000);
  });
  it('a text without its opening quote, spaces after its closing one', () => {
    const { ms, codes } = timed(`{"title": a"${' '.repeat(150_000)}x\n}`);
    expect(codes).toContain('json-syntax');
    expect(ms).toBeLessThan(2_000);
  });
});
