import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// Ink's own wrapper (a devDependency pinned to the version Ink 6.8 installs), to compare against.
import wrapAnsi from 'wrap-ansi';
import { inkRows, inkWrap } from '../../src/terminal/wrap.js';

/** What Ink draws for a text that does not fit its box. */
const ink = (text: string, width: number) => wrapAnsi(text, width, { trim: false, hard: true });

// Words of every length around a row's width, runs of spaces, and the plain punctuation inkWrap
// counts as one column, so rows fill exactly, words are cut and spaces land at row ends and starts.
const plainChar = fc.constantFrom('a', 'b', 'Z', '9', '.', ',', '"', "'", '(', ')', '-', '“', '”', '‘', '’', '—', '–', '…', '→', '·', '✓', '✗', '█', '░', '›', '↑', '↓');
const word = fc.oneof({ weight: 4, arbitrary: fc.string({ unit: plainChar, minLength: 1, maxLength: 8 }) }, { weight: 1, arbitrary: fc.string({ unit: plainChar, minLength: 9, maxLength: 40 }) });
const gap = fc.oneof({ weight: 6, arbitrary: fc.constant(' ') }, { weight: 1, arbitrary: fc.constantFrom('  ', '   ', '\n', ' \n ') });
const plainText = fc.tuple(fc.constantFrom('', ' ', '  '), fc.array(fc.tuple(word, gap), { maxLength: 30 }), fc.constantFrom('', ' ', '  ')).map(([lead, parts, tail]) => lead + parts.map(([w, g]) => w + g).join('') + tail);
// Anything inkWrap must leave to Ink: wide, combining, emoji, control and escape characters.
const oddChar = fc.constantFrom('漢', 'é', 'e\u0301', '😀', '❤️', '\t', '\r\n', '\u001b[1m', '\u001b[22m', '\u0000', 'ﬀ', '\u200b', 'Å');
const anyText = fc.tuple(plainText, fc.array(fc.tuple(fc.nat(), oddChar), { maxLength: 3 })).map(([text, inserts]) => {
  let out = text;
  for (const [at, c] of inserts) out = out.slice(0, at % (out.length + 1)) + c + out.slice(at % (out.length + 1));
  return out;
});
const width = fc.integer({ min: 1, max: 45 });

describe('inkWrap wraps plain text exactly as Ink (wrap-ansi, trim: false, hard: true)', () => {
  it('gives wrap-ansi\'s result, byte for byte, for plain text at any width', () => {
    fc.assert(fc.property(plainText, width, (text, w) => {
      expect(inkWrap(text, w)).toBe(ink(text, w));
    }), { numRuns: 600, seed: 11 });
  });

  it('leaves to Ink (undefined) any text that is not plain, and is exact otherwise', () => {
    fc.assert(fc.property(anyText, width, (text, w) => {
      const mine = inkWrap(text, w);
      if (mine !== undefined) expect(mine).toBe(ink(text, w));
    }), { numRuns: 400, seed: 12 });
    for (const odd of ['漢字', 'café', 'cafe\u0301', '😀', 'a\tb', 'a\r\nb', '\u001b[1mbold\u001b[22m', 'ﬀ']) expect(inkWrap(`${odd} and more words than fit`, 5)).toBeUndefined();
  });

  it('returns text that fits its width unchanged, as Ink leaves it unwrapped, and never a row wider than the width', () => {
    fc.assert(fc.property(plainText, width, (text, w) => {
      const out = inkWrap(text, w) as string;
      if (text.split('\n').every((l) => l.length <= w)) expect(out).toBe(text);
      for (const row of out.split('\n')) expect(row.length).toBeLessThanOrEqual(w);
    }), { numRuns: 400, seed: 13 });
  });

  it('draws as many rows as inkRows counts', () => {
    fc.assert(fc.property(plainText, width, (text, w) => {
      expect((inkWrap(text, w) as string).split('\n').length).toBe(inkRows(text, w));
    }), { numRuns: 400, seed: 14 });
  });

  it('leaves widths that are not whole columns to Ink', () => {
    expect(inkWrap('some words', 0)).toBeUndefined();
    expect(inkWrap('some words', 4.5)).toBeUndefined();
    expect(inkWrap('some words', Number.NaN)).toBeUndefined();
  });
});
