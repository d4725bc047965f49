import { describe, expect, it, vi } from 'vitest';

// Every text string-width is asked to measure, to check how inkWrap measures long lines.
const measured = vi.hoisted(() => [] as string[]);
vi.mock('string-width', async (importOriginal) => {
  const actual = (await importOriginal<{ default: (s: string) => number }>()).default;
  return { default: (s: string) => (measured.push(s), actual(s)) };
});

const { inkRows, inkWrap } = await import('../../src/terminal/wrap.js');

/**
 * string-width takes time that grows with the square of a text's length (Intl.Segmenter over the
 * whole text): given a whole 232,000-character line of accented words, inkWrap took 53 s where
 * Ink's own wrap-ansi took 1 s, freezing the terminal on a long scenario text or path. inkWrap
 * measures a character at a time, and each distinct character once.
 */
describe('inkWrap on long lines of other scripts', () => {
  const cases: [string, string][] = [
    ['accented words', 'José Ñúñez évidemment à côté '.repeat(400)],
    ['one long CJK word', '漢字かな交じり文'.repeat(1500)],
    ['Hebrew and Arabic', 'שלום مرحبا '.repeat(600)],
    ['a path in other scripts', '/home/José Ñúñez/Документы/漢字/'.repeat(300)],
  ];
  for (const [name, text] of cases) {
    it(`${name}: string-width is asked about single characters only, each once`, () => {
      measured.length = 0;
      const rows = inkWrap(text, 60);
      expect(rows).toBeDefined();
      expect(rows!.split('\n').length).toBeGreaterThan(10);
      expect(inkRows(text, 61)).toBeGreaterThan(10);
      const long = measured.filter((s) => [...s].length > 1);
      expect(long.map((s) => s.slice(0, 20))).toEqual([]);
      expect(measured.length).toBe(new Set(measured).size);
      expect(measured.length).toBeLessThan(40);
    });
  }
});
