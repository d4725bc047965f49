/* eslint-disable no-control-regex -- these patterns exist to find control characters */
import { visibleLine } from './clean.js';
/**
 * Values from an untrusted file as they may appear in a message: quoted, cut short, and with every
 * control, bidi and zero-width character shown escaped (\u001b) rather than acted on or silently
 * dropped, so an author can see what is wrong. Browser-safe: no Node APIs.
 */

/**
 * Characters a quoted value shows as \uXXXX so the author can see them: control, bidi and
 * zero-width characters, and the spaces that look like an ordinary one but are not (a non-breaking
 * space, U+00A0, pasted from a web page or a word processor: "r-supervisor\u00a0" was shown as
 * "r-supervisor ", an ordinary space), a soft hyphen, the invisible operators, and the characters
 * that show as nothing (text/clean.ts SHOWS_NOTHING: the combining grapheme joiner, the Arabic
 * letter mark, the Hangul fillers, the Mongolian and Khmer ones, the braille pattern blank; not a
 * variation selector, which an emoji needs).
 */
// eslint-disable-next-line no-misleading-character-class -- each combining character here is matched alone, to be shown as \u…
const SHOWN_ESCAPED = /[\u0000-\u001f\u007f-\u00a0\u00ad\u034f\u061c\u115f\u1160\u1680\u17b4\u17b5\u180b-\u180f\u2000-\u200f\u2028\u2029\u202a-\u202f\u205f-\u206f\u2800\u3000\u3164\ufeff\uffa0]/g;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Printable ASCII without " and \: nothing in it is escaped (most ids and field names; the three replacements cost 100,000 messages a third of a second). */
const PLAIN = /^[ !#-[\]-~]*$/;

function visible(text: string, quotes: boolean): string {
  if (PLAIN.test(text)) return text;
  const escaped = quotes ? text.replace(/["\\]/g, (c) => `\\${c}`) : text;
  return escaped.replace(SHOWN_ESCAPED, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\t') return '\\t';
    if (c === '\r') return '\\r';
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  }).replace(LONE_SURROGATE, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
}

/**
 * A value from a file as it may appear in a message: strings in double quotes, anything else as
 * JSON, with every control, bidi and zero-width character shown escaped (\u001b) rather than acted
 * on or silently dropped, and cut to `max` characters with "…". Lone surrogates are shown
 * escaped too, so the result is always well-formed text.
 */
export function quoteValue(value: unknown, max = 60): string {
  if (typeof value === 'string') return `"${visible(shorten(value, max), true)}"`;
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    // Nested thousands deep (a damaged file's format version), JSON.stringify and String both
    // overflow the stack: the value is named by its kind, and the message is still said.
    text = Array.isArray(value) ? '[…]' : typeof value === 'object' && value !== null ? '{…}' : typeof value;
  }
  return visible(shorten(text, max), false);
}

/**
 * Text from a file in double quotes as it is written there (its \" and \\ left as they are, not
 * escaped again), for a fix that shows what to type; control, bidi and zero-width characters are
 * still shown escaped, and it is cut to `max` characters with "…".
 */
export function quoteAsWritten(text: string, max = 60): string {
  return `"${visible(shorten(text, max), false)}"`;
}

/**
 * A line of a file as a fix shows it, for the author to type: as written, not in quotes, with
 * control, bidi and zero-width characters shown escaped, cut to `max` characters with "…".
 */
export function lineAsWritten(text: string, max = 100): string {
  return visible(shorten(text, max), false);
}

/**
 * A file name or path as a message shows it: as it is when it holds nothing a terminal acts on or
 * that hides, otherwise in double quotes with those characters shown escaped ("bad\u001b[31m.json").
 * Cleaned, the name was another file's: validate reported "bad.json: 1 error" for a file named
 * "bad<ESC>[31m.json" beside a sound bad.json.
 */
export function shownFileName(name: string): string {
  return visibleLine(name) === name ? name : quoteAsWritten(name, 1000);
}

/** At most `max` characters, the last being "…" when cut, never cutting a character in two (an emoji's surrogate pair). */
export function shorten(text: string, max: number): string {
  let out = text;
  if (out.length > max) {
    let cut = Math.max(1, max - 1);
    const code = out.charCodeAt(cut - 1);
    if (code >= 0xd800 && code <= 0xdbff) cut--;
    out = `${out.slice(0, cut)}…`;
  }
  return out;
}

/**
 * One unit of a line whose escapes are written out: an escape as written (\u001b, \u{1F600},
 * \x1b, \n, a doubled backslash) or one character (a whole surrogate pair).
 */
const WRITTEN_UNIT = /\\(?:u\{[0-9a-fA-F]{1,6}\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)|./suy;

/**
 * A line with its escapes written out (visibleLine's \n, quoteValue's \u001b) cut to at most
 * `max` UTF-16 units, the last being "…" when cut: by whole characters and whole written escapes,
 * so the cut leaves neither half of an emoji (a "\ufffd" where it was) nor "\x1" of "\x1b".
 * Reads no further than the cut.
 */
export function shortenWritten(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = Math.max(0, max - 1);
  let end = 0;
  WRITTEN_UNIT.lastIndex = 0;
  for (let m = WRITTEN_UNIT.exec(text); m !== null && WRITTEN_UNIT.lastIndex <= room; m = WRITTEN_UNIT.exec(text)) end = WRITTEN_UNIT.lastIndex;
  WRITTEN_UNIT.lastIndex = 0;
  return `${text.slice(0, end)}…`;
}

/** Characters JSON.stringify leaves raw that a terminal could act on or that disguise text. */
const JSON_UNSAFE = /[\u007f-\u009f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;

/**
 * JSON text (indented) that is safe to print: JSON.stringify already escapes C0 controls; this also
 * escapes DEL, C1 controls, bidi overrides and zero-width characters, so the data is unchanged.
 */
export function safeJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
