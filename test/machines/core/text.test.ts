import { describe, expect, it } from 'vitest';
import { cleanDeep, cleanLine, cleanText } from '../../../src/machines/light.js';
import { CONTROL } from './light-fixtures.js';

/** `ascii` written in tag characters (U+E0000 plus each character's code): invisible everywhere. */
const tags = (ascii: string) => [...ascii].map((c) => String.fromCodePoint(0xe0000 + c.charCodeAt(0))).join('');

describe('cleanText removes what could take over a terminal', () => {
  it.each([
    ['an OSC window title ended by BEL', 'a\u001b]0;pwned\u0007b', 'ab'],
    ['an OSC window title ended by ST', 'a\u001b]2;pwned\u001b\\b', 'ab'],
    ['an OSC 52 clipboard write', 'copy\u001b]52;c;cm0gLXJmIH4=\u0007 me', 'copy me'],
    ['an OSC hyperlink', '\u001b]8;;https://evil.example\u0007click\u001b]8;;\u0007', 'click'],
    ['a screen clear', 'x\u001b[2Jy', 'xy'],
    ['colour and cursor moves', '\u001b[1;31mred\u001b[0m\u001b[10A\u001b[?25l', 'red'],
    ['a DCS string', 'a\u001bP1$qm\u001b\\b', 'ab'],
    ['single-character escapes (reverse index, index)', 'a\u001bMb\u001bDc', 'abc'],
    ['an unterminated OSC, up to the end of the text', 'keep\u001b]0;the rest is the title', 'keep'],
    ['a lone ESC at the end', 'a\u001b', 'a'],
  ])('%s', (_name, input, expected) => {
    expect(cleanText(input)).toBe(expected);
  });

  it.each([
    ['C0 controls such as NUL, BEL, backspace and form feed', 'a\u0000b\u0007c\u0008d\u000ce\u000bf', 'abcdef'],
    ['DEL and C1 controls (an 8-bit CSI sequence goes whole, NEL)', 'a\u007fb\u009b2Jc\u0085d', 'abcd'],
    ['bidirectional overrides and isolates', '\u202eevil\u202c \u2066x\u2069 \u202ay', 'evil x y'],
    ['zero-width spaces, joiners and marks between Latin letters, word joiners and BOM', 'p\u200ba\u200cy\u200dp\u200ea\u200fl\u2060\ufeff', 'paypal'],
    ['a joiner before or after a space, at either end, or between a letter and an emoji', '\u200da\u200d b\u200d👍 \u200d', 'a b👍 '],
    ['left-to-right and right-to-left marks in text with no right-to-left letters', 'Maya\u200f (14)\u200e', 'Maya (14)'],
    // Invisible copies of ASCII ("ASCII smuggling"): "Sam" carried a hidden "evil"; a black flag followed by tags that spell no flag keeps the flag alone.
    ['tag characters (U+E0000 to U+E007F) outside a flag\'s tag sequence', `Sam${tags('evil')} 🏴${tags('zz')}\u{E0001}x`, 'Sam 🏴x'],
  ])('removes %s', (_name, input, expected) => {
    expect(cleanText(input)).toBe(expected);
  });

  // Without them, 👩🏽‍🦱 and 🏳️‍🌈 show as two symbols each, and Persian words are misspelt.
  it.each([
    ['the joiners that make one emoji of several', 'Look 👩🏽\u200d🦱 🏳️\u200d🌈 🏳️\u200d⚧️ 👨\u200d👨\u200d👦'],
    ['a non-joiner inside a Persian word', 'Maya (مریم\u200cها)'],
    ['a joiner in a Devanagari conjunct', 'क्\u200dष'],
    ['right-to-left and left-to-right marks in text with Hebrew or Arabic letters', 'Maya (מרים)\u200f, 14\u200e'],
    ['the flags of England, Scotland and Wales (a black flag, tag letters and a cancel tag)', `🏴${tags('gbeng')}\u{E007F} 🏴${tags('gbsct')}\u{E007F} 🏴${tags('gbwls')}\u{E007F}`],
  ])('keeps %s', (_name, text) => {
    expect(cleanText(text)).toBe(text);
  });

  it('keeps newlines, turns tabs into spaces and every line break into a newline', () => {
    expect(cleanText('a\tb\r\nc\rd\u2028e\u2029f\ng')).toBe('a  b\nc\nd\ne\nf\ng');
  });

  // A label, name or title is drawn on one row: a line break of any kind in it is a space there,
  // never a new row (a meter's label ending in "\r" drew ": 1 → 2" on a row of its own).
  it.each([
    ['a carriage return at the end', 'What they get from you\r', 'What they get from you'],
    ['a carriage return, CR LF and LF between words', 'a\rb\r\nc\nd', 'a b c d'],
    ['the line and paragraph separators', 'a\u2028b\u2029c', 'a b c'],
    ['a next-line character (U+0085), vertical tab and form feed, which cleanText removes', 'a\u0085b\u000bc\u000cd', 'a b c d'],
  ])('cleanLine makes one line of %s', (_name, input, expected) => {
    expect(cleanLine(input)).toBe(expected);
  });

  it('leaves ordinary text alone, accents, dashes and symbols included', () => {
    const text = 'Jade’s “new” phone — café, 50% ✓ ✗ ○ −1 👍\nSecond line.';
    expect(cleanText(text)).toBe(text);
  });

  it('shows half of a surrogate pair on its own as U+FFFD, and keeps whole pairs', () => {
    // Left in, encodeURIComponent threw on it (the web preview's graph) and a terminal showed � anyway.
    expect(cleanText('a\ud800b \udc00c 👍 \ud83d\udc4d end\ud83d')).toBe('a\ufffdb \ufffdc 👍 👍 end\ufffd');
    expect(cleanLine('\udfff\ud800')).toBe('\ufffd\ufffd');
    // The same in an engine without String.prototype.isWellFormed (before ES2024: Safari 16.3, Firefox 118).
    const proto = String.prototype as { isWellFormed?: unknown };
    const own = Object.getOwnPropertyDescriptor(proto, 'isWellFormed');
    delete proto.isWellFormed;
    try {
      expect(cleanText('a\ud800b 👍 \udc00')).toBe('a\ufffdb 👍 \ufffd');
      expect(cleanText('👍 whole')).toBe('👍 whole');
    } finally {
      if (own) Object.defineProperty(proto, 'isWellFormed', own);
    }
  });

  it('never lets a control character through, and cleaning twice changes nothing', () => {
    // A fixed pseudo-random mix of escape fragments: deterministic, so a failure can be replayed.
    const parts = ['\u001b', '[', ']', '0;', '52;c;', '\u0007', '\\', 'P', '2J', '\u009b', '\u009d', '\r', '\n', '\t', '\u202e', '\u200b', '\u2028', 'a', ' ', 'é', '\u0000', '\u007f', 'm'];
    let seed = 42;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    for (let i = 0; i < 500; i++) {
      let s = '';
      for (let j = next() % 24; j > 0; j--) s += parts[next() % parts.length];
      const once = cleanText(s);
      expect(once, JSON.stringify(s)).not.toMatch(CONTROL);
      expect(cleanText(once), JSON.stringify(s)).toBe(once);
    }
  });
});

describe('cleanLine', () => {
  it('makes one line: every run of white space, newlines included, becomes one space', () => {
    expect(cleanLine('  The\tnew\r\n\nphone\u2028here  ')).toBe('The new phone here');
  });

  it('cleans escapes before joining, so a hidden title cannot split the line', () => {
    expect(cleanLine('Could not read\u001b]0;x\u0007\n\u001b[2Jsave.json\u202e')).toBe('Could not read save.json');
  });
});

describe('cleanDeep', () => {
  it('cleans every string in nested objects and arrays and keeps other values as they are', () => {
    const input = { a: '\u001b[2Jx', b: [1, true, null, '\u202ey', { c: 'z\u0007' }], d: 3.5, e: false };
    expect(cleanDeep(input)).toEqual({ a: 'x', b: [1, true, null, 'y', { c: 'z' }], d: 3.5, e: false });
  });

  it('does not change its input', () => {
    const input = { a: ['\u001b[2Jx'] };
    cleanDeep(input);
    expect(input.a[0]).toBe('\u001b[2Jx');
  });

  it('keeps a "__proto__" key from a file as a plain key and pollutes no prototype', () => {
    const input = JSON.parse('{"__proto__": {"polluted": "\\u001b]0;x\\u0007yes"}, "ok": 1}') as Record<string, unknown>;
    const out = cleanDeep(input);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.hasOwn(out, '__proto__')).toBe(true);
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')?.value).toEqual({ polluted: 'yes' });
    expect((out as { polluted?: unknown }).polluted).toBeUndefined();
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('keeps object keys exactly as they are', () => {
    expect(Object.keys(cleanDeep({ 'k\u0007': 'v' }))).toEqual(['k\u0007']);
  });
});
