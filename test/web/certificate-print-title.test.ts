import { describe, expect, it, vi } from 'vitest';
import { certificatePrintTitle } from '../../src/web/title.js';

// The title while the certificate is printed is the PDF's file name (Chromium, Edge and Safari offer it).
const bytes = (text: string) => new TextEncoder().encode(text).length;

describe('the certificate\'s print title, from the name typed, fits a file name', () => {
  it('a long name of 4-byte characters is cut to fit 255 bytes with ".pdf" (60 of them made 277)', () => {
    // 𝒮 (U+1D4AE) and 𠮷 (U+20BB7, in Japanese names) take 4 bytes each in UTF-8.
    for (const letter of ['𝒮', '𠮷', '😀']) {
      const title = certificatePrintTitle(2026, letter.repeat(100));
      expect(bytes(`${title}.pdf`)).toBeLessThanOrEqual(255);
      expect(title).toMatch(new RegExp(`^casa-practice certificate 2026 - (?:${letter})+$`, 'u'));
    }
    // 60 characters of 3 bytes still fit whole, as the README says.
    expect(certificatePrintTitle(2026, '李'.repeat(80))).toBe(`casa-practice certificate 2026 - ${'李'.repeat(60)}`);
  });

  it('is cut between characters as a reader counts them: no half of a flag, no part of a family emoji', () => {
    // "A" then flags: a cut after 60 code points left one regional indicator (a letter in a box).
    const flags = certificatePrintTitle(2026, `A${'🇺🇸'.repeat(40)}`);
    const indicators = [...flags].filter((c) => /\p{Regional_Indicator}/u.test(c)).length;
    expect(indicators % 2).toBe(0);
    expect(flags).toMatch(/🇺🇸$/u);
    // A family (woman, joiner, woman, joiner, girl) is one character: whole or not at all.
    const family = '👩\u200d👩\u200d👧';
    const title = certificatePrintTitle(2026, `A${family.repeat(30)}`);
    expect(title.endsWith(family)).toBe(true);
    expect(title.slice('casa-practice certificate 2026 - A'.length).split(family).join('')).toBe('');
  });

  // The whole name was segmented into characters, in time growing with the square of its length
  // (2.3 s at 100,000 characters; the field holds 200, the function any text it is given).
  it('segments only the start of a long name, as much as could be kept', () => {
    const segment = vi.spyOn(Intl.Segmenter.prototype, 'segment');
    try {
      expect(certificatePrintTitle(2026, 'a'.repeat(100_000))).toBe(`casa-practice certificate 2026 - ${'a'.repeat(60)}`);
      expect(Math.max(...segment.mock.calls.map(([text]) => text.length))).toBeLessThanOrEqual(200);
    } finally {
      segment.mockRestore();
    }
  });
});
