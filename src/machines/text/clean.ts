/* eslint-disable no-control-regex -- these patterns exist to find control characters */
/**
 * Scenario files, saves and records are untrusted: a string could carry escape sequences that move
 * a terminal's cursor, set its title or write to the clipboard, or invisible characters that
 * disguise text. Every string a UI shows passes through here first; the selectors, the report and
 * the library apply it, so no UI can forget it.
 */

// ESC-introduced sequences (CSI, OSC, DCS/SOS/PM/APC, single-character escapes) and their 8-bit C1
// introducers, then any leftover control characters (C0 except newline, DEL, C1), bidirectional
// overrides and isolates, and invisible characters (zero-width space, word joiner and the like, BOM;
// tag characters: TAGS).
const ESCAPES = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?|[PX^_][^\u001b\u009c]*(?:\u001b\\|\u009c)?|[@-Z\\-_])?|\u009b[0-?]*[ -/]*[@-~]?|[\u009d\u0090\u0098\u009e\u009f][^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?/g;
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
const SEPARATORS = /[\u2028\u2029]/g;
/**
 * Tag characters (U+E0000 to U+E007F, written \udb40\udc00 to \udb40\udc7f): invisible, one for
 * each ASCII character, so a whole sentence can ride unseen in a name or a title ("ASCII
 * smuggling"). They mean something only in an emoji tag sequence, a flag of England, Scotland or
 * Wales (🏴, tag letters or digits, a cancel tag), which is kept whole; any other is removed.
 */
const TAGS = /\ud83c\udff4(?:\udb40[\udc30-\udc39\udc61-\udc7a]){1,6}\udb40\udc7f|\udb40[\udc00-\udc7f]/g;
/** Where `text`'s tag characters that are not part of a flag's tag sequence start (UTF-16 indexes, in order). */
function strayTags(text: string): Set<number> {
  const out = new Set<number>();
  if (!text.includes('\udb40')) return out;
  for (const m of text.matchAll(TAGS)) if (m[0].length === 2) out.add(m.index);
  return out;
}
/**
 * Half of a surrogate pair on its own ("\ud800" in a file's JSON): no character at all. It is shown
 * as U+FFFD (�), as a terminal or a downloaded file would show it: left in, it stopped the web
 * preview (encodeURIComponent throws on it when the graph's picture is made).
 */
const LONE_SURROGATES = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
/** Whether a text has no lone surrogate: the engine's own check where it has one (ES2024), else the pattern. */
const LONE_SURROGATE = new RegExp(LONE_SURROGATES.source);
const wellFormed = (text: string): boolean => (text as { isWellFormed?: () => boolean }).isWellFormed?.() ?? !LONE_SURROGATE.test(text);

/** Where `text` holds half of a surrogate pair on its own (UTF-16 indexes, in order): none in a well-formed text. */
export function loneSurrogates(text: string): number[] {
  return wellFormed(text) ? [] : [...text.matchAll(LONE_SURROGATES)].map((m) => m.index);
}

/**
 * The zero-width non-joiner and joiner (U+200C, U+200D) and the left-to-right and right-to-left
 * marks (U+200E, U+200F) are part of how some text is written: a joiner makes one emoji of 👩🏽‍🦱 or
 * 🏳️‍🌈 (without it, two symbols), a non-joiner spells Persian words (مریم‌ها), a mark keeps a
 * number or a bracket on the right side of a Hebrew or Arabic name. Joiners are kept between
 * emoji and between letters of scripts that join them (not Latin, Greek or Cyrillic), marks in text
 * that has right-to-left letters; anywhere else they are removed (between Latin letters they only
 * disguise a word: p‍a‍y‍pal).
 */
const JOINERS = /[\u200c-\u200f]/g;
const EMOJI_BEFORE = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0F]$/u;
const EMOJI_AFTER = /^\p{Extended_Pictographic}/u;
/** A letter or mark of a script that joins its letters or has conjuncts (not Latin, Greek, Cyrillic). */
const JOINING_BEFORE = /(?:(?![\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}])\p{L}|\p{M})$/u;
const JOINING_AFTER = /^(?:(?![\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}])\p{L}|\p{M})/u;
/** A letter of a right-to-left script. */
const RTL = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;

/** The character (code point) before `at`, or ''. */
function charBefore(text: string, at: number): string {
  const low = text.charCodeAt(at - 1);
  if (low >= 0xdc00 && low <= 0xdfff && at >= 2) {
    const high = text.charCodeAt(at - 2);
    if (high >= 0xd800 && high <= 0xdbff) return text.slice(at - 2, at);
  }
  return text.slice(Math.max(0, at - 1), at);
}

/** Whether the joiner or mark at `at` is kept (see JOINERS); `rtl`: the text has right-to-left letters. */
function keepJoiner(c: string, text: string, at: number, rtl: boolean): boolean {
  if (c === '\u200e' || c === '\u200f') return rtl;
  const before = charBefore(text, at);
  const point = text.codePointAt(at + 1);
  const after = point === undefined ? '' : String.fromCodePoint(point);
  if (c === '\u200d' && EMOJI_BEFORE.test(before) && EMOJI_AFTER.test(after)) return true;
  return JOINING_BEFORE.test(before) && JOINING_AFTER.test(after);
}

/** A part of a text that cleanText removes, with where it starts (a UTF-16 index) and what it is. */
export interface RemovedPart {
  index: number;
  text: string;
  /** A terminal escape sequence, a control character, a bidirectional control, or an invisible character. */
  kind: 'escape' | 'control' | 'bidi' | 'invisible';
}

/**
 * Each character (or escape sequence) cleanText removes, by the same patterns, except tabs and
 * line breaks (\n, \r, U+2028, U+2029), which it shows as white space or a new line. A joiner or
 * mark it keeps (see JOINERS) is not one; whether it is kept is judged by its neighbours in this
 * text (cleanText judges them once the rest is removed: they differ only beside removed characters).
 */
const REMOVED = new RegExp(`${ESCAPES.source}|\\udb40[\\udc00-\\udc7f]|[\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\u200b-\\u200f\\u202a-\\u202e\\u2060-\\u2064\\u2066-\\u2069\\ufeff]`, 'g');
/** Whether a text may hold a part cleanText removes (a quick look before REMOVED's). */
export const MAY_REMOVE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\udb40]/;

/**
 * Calls `visit` with each part of `text` cleanText removes, in order (see REMOVED), until it returns
 * false. Linear in the text: one look for any such character, then one pass of REMOVED.
 */
export function forEachRemoved(text: string, visit: (part: RemovedPart) => boolean | void): void {
  if (!MAY_REMOVE.test(text)) return;
  let rtl: boolean | undefined;
  let tags: Set<number> | undefined;
  REMOVED.lastIndex = 0;
  for (let m = REMOVED.exec(text); m !== null; m = REMOVED.exec(text)) {
    const part = m[0];
    const index = m.index;
    const c = part.charCodeAt(0);
    let kind: RemovedPart['kind'] | undefined;
    if (c === 0xdb40) {
      tags ??= strayTags(text);
      if (tags.has(index)) kind = 'invisible';
    } else if (part.length > 1) kind = 'escape';
    else if (c >= 0x200c && c <= 0x200f) {
      rtl ??= RTL.test(text);
      if (!keepJoiner(part, text, index, rtl)) kind = c >= 0x200e ? 'bidi' : 'invisible';
    } else if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) kind = 'bidi';
    else kind = c >= 0x200b ? 'invisible' : 'control';
    if (kind !== undefined && visit({ index, text: part, kind }) === false) break;
  }
  REMOVED.lastIndex = 0;
}

/** The text with terminal escapes, control and invisible characters removed; tabs become spaces. */
export function cleanText(text: string): string {
  const controlsOut = (wellFormed(text) ? text : text.replace(LONE_SURROGATES, '\ufffd')).replace(ESCAPES, '').replace(/\t/g, '  ').replace(/\r\n?/g, '\n').replace(SEPARATORS, '\n').replace(CONTROLS, '');
  const cleaned = controlsOut.includes('\udb40') ? controlsOut.replace(TAGS, (m) => (m.length === 2 ? '' : m)) : controlsOut;
  if (!/[\u200c-\u200f]/.test(cleaned)) return cleaned;
  const rtl = RTL.test(cleaned);
  return cleaned.replace(JOINERS, (c: string, at: number, all: string) => (keepJoiner(c, all, at, rtl) ? c : ''));
}

/** Clean text for a message that must stay on one line (a file name, a value): a line break shows as \\n. */
export function visibleLine(text: string): string {
  return cleanText(text).replace(/\n/g, '\\n');
}

/**
 * A line break of any kind: \r, \n, U+2028 and U+2029 (which cleanText makes new lines), and the
 * next-line character (U+0085), vertical tab and form feed (control characters cleanText removes).
 */
const LINE_BREAKS = /[\n\r\u2028\u2029\u0085\v\f]/g;

/**
 * One line of clean text, for a text always shown on one line (a title, a name, a meter's label):
 * every run of white space becomes one space, every line break (LINE_BREAKS) included, so a label
 * ending in "\r" or holding a next-line character is still drawn on one row, its words apart.
 */
export function cleanLine(text: string): string {
  return cleanText(text.replace(LINE_BREAKS, ' ')).replace(/\s+/g, ' ').trim();
}

/**
 * Characters that show as nothing and that cleanText keeps, because inside a word of some script
 * they mean something: Unicode's Default_Ignorable_Code_Point characters it does not remove (the
 * soft hyphen U+00AD, a hyphenation hint; the combining grapheme joiner U+034F; the Arabic letter
 * mark U+061C; the Hangul fillers U+115F, U+1160, U+3164 and U+FFA0 of old Hangul and Korean
 * encodings; the Mongolian vowel separator U+180E and free variation selectors; a variation
 * selector after an emoji), and the braille pattern blank U+2800, which is not default-ignorable (a
 * braille cell without dots, the space of braille text) but shows as nothing in any other text.
 * A value of them alone (and white space) is blank (isBlank); in a name typed as an id the
 * validator says which one it holds (validate/invisible.ts).
 */
export const SHOWS_NOTHING = /[\p{Default_Ignorable_Code_Point}\u2800]/u;
/** A character that shows something: not white space, not one of SHOWS_NOTHING's. */
const SHOWS_SOMETHING = /[^\s\p{Default_Ignorable_Code_Point}\u2800]/u;

/**
 * Whether a text shows nothing once cleaned (cleanLine): empty, white space, escape sequences,
 * control and invisible characters, and the characters SHOWS_NOTHING keeps ("\u3164", a Hangul
 * filler, looks like an empty name). Every check that a title, a name or an id is not empty asks
 * this. Linear in the text.
 */
export function isBlank(text: string): boolean {
  return !SHOWS_SOMETHING.test(cleanLine(text));
}

/** A deep copy of a JSON-like value with every string cleaned (object keys are kept as they are). */
export function cleanDeep<T>(value: T): T {
  if (typeof value === 'string') return cleanText(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => cleanDeep(v)) as T;
  // fromEntries defines properties, so a "__proto__" key from a file stays a plain key.
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cleanDeep(v)])) as T;
  return value;
}
