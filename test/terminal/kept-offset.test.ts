import { describe, expect, it } from 'vitest';
import type { Row } from '../../src/terminal/debrief-lines.js';
import { keptOffset } from '../../src/terminal/ui/ScrollRows.js';

// keptOffset found how many columns a run of side-by-side rows has with Math.max(...) spread over
// every span of the run: with that many arguments it throws a RangeError ("Maximum call stack size
// exceeded"), on any resize or re-wrap of so long a run of side-by-side rows.
describe('keptOffset on very many rows', () => {
  /** `n` rows side by side, each with `left` in column 0, a line between, and `right` in column 1. */
  const sideBySide = (n: number, left: string, right: string): Row[] => Array.from({ length: n }, () => [{ text: left, column: 0 }, { text: ' │ ' }, { text: right, column: 1 }]);

  it('keeps the place read in 200,000 rows side by side, wrapped again to half as many', () => {
    // Each row after the resize holds two rows' text of each column.
    const before = sideBySide(200_000, 'ab', 'cd');
    const after = sideBySide(100_000, 'abab', 'cdcd');
    expect(keptOffset(before, 150_000, after)).toBe(75_000);
    expect(keptOffset(after, 75_000, before)).toBe(150_000);
  });
});
