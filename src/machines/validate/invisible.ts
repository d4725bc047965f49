import { countWords } from '../text/first-few.js';
import { cleanLine, forEachRemoved, isBlank, loneSurrogates, SHOWS_NOTHING, type RemovedPart } from '../text/clean.js';
import { pointerWords } from './pointers.js';
import { withIdMistakes } from './ascii-id.js';
import { quoteAsWritten, quoteValue } from '../text/quote.js';
import type { JsonPath, UnlocatedProblem } from './problem.js';
import { ODD_SPACES } from './syntax.js';
import { forEachText, TEXT_KEYS } from './texts.js';

/**
 * invisible-character: a text of the scenario that holds a terminal escape sequence, a control
 * character, a bidirectional control or an invisible (zero-width) character. Every screen shows
 * the text without it (text/clean.ts), so it is no danger, but the author meant something else, or
 * pasted it unknowingly (from a terminal, a web page, a word processor): say where it is and what
 * it is. What the apps show on purpose is not reported: line breaks (\n, in the texts shown as
 * paragraphs; in a one-line text line-break-in-line says so), tabs (shown as white space), and the
 * joiners and marks cleanText keeps (an emoji's joiner, a Persian non-joiner, a mark in
 * right-to-left text).
 */

/** At most this many texts are reported one by one; one more warning counts the rest. */
export const MAX_INVISIBLE_TEXTS = 20;

/** Texts always shown on one line, where line-break-in-line reports a vertical tab, form feed or U+0085 (LINE_BREAK in semantic.ts). */
const ONE_LINE = new Set(['title', 'name', 'role', 'label', 'unavailableReason']);
/** Those three: in a one-line text they are line-break-in-line's. */
const BREAKS = new Set(['\u000b', '\u000c', '\u0085']);

const NAMES: Record<string, string> = {
  '\u0000': 'a NUL character', '\u0007': 'a bell character', '\u0008': 'a backspace character', '\u000b': 'a vertical tab', '\u000c': 'a form feed',
  '\u001b': 'an escape character', '\u007f': 'a delete character', '\u0085': 'a next-line character',
  '\u200b': 'a zero-width space', '\u200c': 'a zero-width non-joiner', '\u200d': 'a zero-width joiner', '\u200e': 'a left-to-right mark', '\u200f': 'a right-to-left mark',
  '\u202a': 'a left-to-right embedding', '\u202b': 'a right-to-left embedding', '\u202c': 'a pop-directional-formatting character', '\u202d': 'a left-to-right override', '\u202e': 'a right-to-left override',
  '\u2060': 'a word joiner', '\u2066': 'a left-to-right isolate', '\u2067': 'a right-to-left isolate', '\u2068': 'a first-strong isolate', '\u2069': 'a pop-directional-isolate character',
  '\ufeff': 'a zero-width no-break space (byte order mark)',
};

/** "U+200B"; "U+E0065" for a tag character (two UTF-16 units). */
function codePoint(c: string): string {
  return `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The part in words: "a zero-width space (U+200B)", "a terminal escape sequence "\u001b[31m"". */
function described(part: RemovedPart): string {
  if (part.kind === 'escape') return `a terminal escape sequence ${quoteValue(part.text, 24)}`;
  const name = NAMES[part.text] ?? (part.kind === 'control' ? 'a control character' : part.kind === 'bidi' ? 'a bidirectional control' : part.text.charCodeAt(0) === 0xdb40 ? 'a tag character' : 'an invisible operator');
  return `${name} (${codePoint(part.text)})`;
}

/** Why it matters, by kind. */
const WHY: Record<RemovedPart['kind'], string> = {
  escape: 'a terminal would act on it, changing colours, moving the cursor or setting its title; copied from a terminal, most likely',
  control: 'no screen can show it',
  bidi: 'it would change the order in which the text around it reads',
  invisible: 'it takes no space; pasted from a web page or a word processor, most likely',
};

/** What `part` is written as in the file: its JSON escape, the way an author can find it. */
function writtenAs(part: RemovedPart): string {
  // By UTF-16 unit: a tag character is written as two escapes ("\udb40\udc65"), as JSON writes it.
  return part.text.split('').map((c) => {
    const code = c.charCodeAt(0);
    return code >= 0x20 && code < 0x7f ? c : `\\u${code.toString(16).padStart(4, '0')}`;
  }).join('');
}

/** Character `index` (a UTF-16 index) counted as a reader counts them, from 1 (an emoji is one). */
function position(text: string, index: number): number {
  let n = 1;
  for (let i = 0; i < index; i++) {
    const c = text.charCodeAt(i);
    // The first half of a pair (an emoji) is not counted: its second half is. A half on its own is.
    const next = text.charCodeAt(i + 1);
    if (!(c >= 0xd800 && c <= 0xdbff && i + 1 < index && next >= 0xdc00 && next <= 0xdfff)) n++;
  }
  return n;
}

/** Up to 20 characters before `index`, cleaned, quoted: where in the text the part is. */
function before(text: string, index: number): string {
  const from = Math.max(0, index - 40);
  const shown = cleanLine(text.slice(from, index));
  const tail = shown.length > 20 ? `…${shown.slice(-19)}` : shown;
  return tail === '' ? 'at the start of the text' : `after ${quoteValue(tail, 24)}`;
}

/** At most this many parts after a text's first are named one by one (the rest counted). */
const NAMED_AFTER = 3;

/**
 * One text's first reportable part, how many it holds (`all` false: stops at the first, and says
 * 1), and the first NAMED_AFTER parts after it, or undefined.
 */
function scan(text: string, oneLine: boolean, all: boolean): { first: RemovedPart; count: number; next: RemovedPart[] } | undefined {
  let first: RemovedPart | undefined;
  let count = 0;
  const next: RemovedPart[] = [];
  forEachRemoved(text, (part) => {
    if (oneLine && BREAKS.has(part.text)) return true;
    if (first && next.length < NAMED_AFTER) next.push(part);
    first ??= part;
    count++;
    return all;
  });
  return first && { first, count, next };
}

/**
 * " It holds 2 more such characters after it." for the parts of a text past its first; when one
 * is an escape sequence, each is named ("It holds 1 more after it: the escape sequence
 * "\u001b[0m"."): counted as a character, the second of "\u001b[1m…\u001b[0m" read as one
 * character to delete, and deleting "\u001b" alone leaves "[0m" on every screen.
 */
function moreParts(count: number, next: readonly RemovedPart[]): string {
  const more = count - 1;
  if (more <= 0) return '';
  if (!next.some((part) => part.kind === 'escape')) return ` It holds ${countWords(more)} more such character${more > 1 ? 's' : ''} after it.`;
  const named = next.map((part) => (part.kind === 'escape' ? `the escape sequence ${quoteValue(part.text, 24)}` : described(part)));
  const list = more > named.length ? `${named.join(', ')} and ${countWords(more - named.length)} more`
    : named.length > 1 ? `${named.slice(0, -1).join(', ')} and ${named.at(-1) ?? ''}` : named[0] ?? '';
  return ` It holds ${countWords(more)} more after it: ${list}.`;
}

/** " Remove the one after it too, whole ("\u001b[0m", not "\u001b" alone)." (or "the others …, each escape sequence whole") when one of them is an escape sequence. */
function othersWhole(count: number, next: readonly RemovedPart[]): string {
  const sequence = next.find((part) => part.kind === 'escape');
  if (!sequence) return '';
  const written = `${quoteAsWritten(writtenAs(sequence), 30)}, not "\\u001b" alone`;
  return count === 2 ? ` Remove the one after it too, whole (${written}).` : ` Remove the others after it too, each escape sequence whole (${written}).`;
}

/** What the texts past the first hold, in words, as their own warnings name it (a lone surrogate is "half of a character on its own"). */
function moreWords(kinds: { hidden: boolean; halves: boolean }): string {
  const halves = 'half characters on their own (lone surrogates)';
  if (!kinds.hidden) return halves;
  return kinds.halves ? `escape sequences, control or invisible characters, or ${halves},` : 'escape sequences, control or invisible characters';
}

/** A value's first half of a character on its own (a lone surrogate), in the words of its text warning: "half of a character on its own (U+D800, a lone surrogate)". */
function halfWords(value: string, index: number): string {
  return `half of a character on its own (U+${value.charCodeAt(index).toString(16).toUpperCase()}, a lone surrogate)`;
}

/** The invisible-character warnings of a parsed scenario file (any value: only its texts are read). */
export function invisibleCharacterProblems(raw: unknown): UnlocatedProblem[] {
  const out: UnlocatedProblem[] = [];
  let more = 0;
  let firstMore: JsonPath | undefined;
  /** What the texts counted past the first hold: the count says so ("half characters" too, or only). */
  const moreKinds = { hidden: false, halves: false };
  // The text being read and the one last counted, by their number: one holding both kinds is one text more.
  let reading = 0;
  let lastCounted = 0;
  /** Whether there is room for one more warning listed one by one; past it, the rest are counted. */
  const listed = (path: () => JsonPath, kind: keyof typeof moreKinds) => {
    if (out.length < MAX_INVISIBLE_TEXTS) return true;
    if (lastCounted !== reading) more++;
    lastCounted = reading;
    moreKinds[kind] = true;
    firstMore ??= path();
    return false;
  };
  /**
   * Half of a surrogate pair on its own ("\ud800" written in the JSON, an emoji's escape cut in
   * two): no character at all. The screens show U+FFFD in its place (text/clean.ts): the author is
   * told where it is, as for a character the screens leave out.
   */
  const halves = (value: string, path: () => JsonPath) => {
    const lone = loneSurrogates(value);
    const index = lone[0];
    if (index === undefined || !listed(path, 'halves')) return;
    const code = value.charCodeAt(index).toString(16);
    const others = lone.length > 1 ? ` It holds ${countWords(lone.length - 1)} more such half character${lone.length > 2 ? 's' : ''} after it.` : '';
    out.push({
      severity: 'warning', code: 'invisible-character', path: path(), stringIndex: index,
      message: `This text holds half of a character on its own (U+${code.toUpperCase()}, a lone surrogate) at character ${position(value, index)}, ${before(value, index)}: the apps show it as U+FFFD, the replacement character (a question mark in a diamond).${others}`,
      fix: `Remove it or write the whole character: in the file it is written ${quoteAsWritten(`\\u${code}`, 30)}. A character written as escapes (most emoji) takes both halves, one from \\ud800-\\udbff then one from \\udc00-\\udfff ("\\ud83d\\ude00" for a grinning face); or write the character itself.`,
    });
  };
  const hidden = (value: string, path: () => JsonPath, key: string) => {
    // Past the texts listed, it is enough to know that a text holds one.
    const found = scan(value, ONE_LINE.has(key), out.length < MAX_INVISIBLE_TEXTS);
    // Blank as shown, it is blank-text's error (only characters that are not shown).
    if (!found || (value.slice(0, found.first.index).trim() === '' && isBlank(value))) return;
    if (!listed(path, 'hidden')) return;
    const { first, count, next } = found;
    const others = moreParts(count, next);
    out.push({
      severity: 'warning', code: 'invisible-character', path: path(), stringIndex: first.index,
      message: `This text holds ${described(first)} at character ${position(value, first.index)}, ${before(value, first.index)}: the apps leave it out when they show the text (${WHY[first.kind]}).${others}`,
      fix: `Remove the ${first.kind === 'escape' ? 'escape sequence' : 'invisible character'}: in the file it is written ${quoteAsWritten(writtenAs(first), 30)}${first.text.charCodeAt(0) < 0x20 ? '' : ', or pasted in as it is, unseen (VS Code outlines such characters)'}.${BREAKS.has(first.text) ? ' For a new line write \\n.' : ''}${othersWhole(count, next)}`,
    });
  };
  forEachText(raw, (value, path, key) => {
    reading++;
    hidden(value, path, key);
    halves(value, path);
  });
  if (more > 0 && firstMore) {
    out.push({
      severity: 'warning', code: 'invisible-character', path: firstMore,
      message: `${countWords(more)} more text${more === 1 ? '' : 's'} from here on ${more === 1 ? 'holds' : 'hold'} ${moreWords(moreKinds)} too (the first ${MAX_INVISIBLE_TEXTS} are listed one by one).`,
      fix: `Remove them as the warnings above say; ${pointerWords.again()} to see the rest. Text pasted from a terminal or a web page often brings them: retype it, or paste it as plain text.`,
    });
  }
  return out;
}

/**
 * A problem about a name the author typed (an id, a reference to one, a principle, a field's name)
 * whose value holds a character no one can see: a zero-width space pasted from a web page turns
 * "d2-listen" into an invalid id, and the message quoted it as "d2-\u200blisten" and said "Use
 * something like "d2-listen"", which is what the author already sees in the file. Each such
 * problem also says that the value holds a hidden character, which one, and where.
 */
export function withHiddenCharacters(raw: unknown, problems: readonly UnlocatedProblem[]): UnlocatedProblem[] {
  return problems.map((p) => {
    if (p.code === 'invisible-character' || p.code === 'blank-text' || p.offset !== undefined) return p;
    const last = p.path[p.path.length - 1];
    let value: unknown;
    if (p.atKey) value = last;
    else if (last !== undefined && TEXT_KEYS.has(last)) return p;
    else {
      value = raw;
      for (const key of p.path) value = value !== null && typeof value === 'object' ? (value as Record<string | number, unknown>)[key] : undefined;
    }
    if (typeof value !== 'string' || value.length > 200) return p;
    const found = scan(value, false, true);
    const lone = loneSurrogates(value);
    if (!found && lone.length === 0) {
      // A variation selector or a joiner inside an emoji ("❤️" is U+2764 and U+FE0F) is part of a
      // character that shows: the emoji is named, not the selector alone (val-55).
      if (SHOWS_NOTHING.test(value) && !hiddenOnlyInsideShown(value)) return withShowsNothing(p, value);
      const spaced = withOddSpace(p, value);
      if (spaced !== p || p.code !== 'invalid-id') return spaced;
      if (!/[^\x20-\x7e]/.test(value)) return withIdMistakes(p, value);
      // Where the rest is written as an id is ("phone-❤️"), the character outside plain ASCII is
      // named alone; a name ("Jazmín Ruiz": words of letters) is told the id to write; any other
      // ("Phone❤️", a capital and an emoji) is told every character an id cannot hold, in order.
      if (/^[a-z0-9-]*$/.test(value.replace(/[^\x20-\x7e]/gu, ''))) return withForeignCharacter(p, value);
      return NAME.test(value) ? p : withIdMistakes(p, value, graphemes(value), foreignWords);
    }
    // Only halves of characters (an id written "d1\ud800"): named as the text warning names one.
    if (!found) {
      const index = lone[0] as number;
      const pre = cleanLine(value.slice(0, index));
      const after = pre === '' ? 'at its start' : `after ${quoteValue(pre, 40)}`;
      const more = lone.length > 1 ? ` (and ${countWords(lone.length - 1)} more such half character${lone.length > 2 ? 's' : ''})` : '';
      return {
        ...p,
        message: `${p.message} ${quoteValue(value)} holds ${halfWords(value, index)}, ${after}${more}: no character at all, which the apps show as U+FFFD, the replacement character (a question mark in a diamond).`,
        fix: `Delete the half character: put the cursor just ${pre === '' ? 'after the opening quote' : `after ${quoteValue(pre, 40)}`}, where the file shows ${quoteAsWritten(`\\u${value.charCodeAt(index).toString(16)}`, 30)}, and delete that, or type the whole value again. ${p.fix}`,
      };
    }
    const { first, count } = found;
    const halves = lone.length > 0 ? ` It also holds ${halfWords(value, lone[0] as number)}.` : '';
    const shown = cleanLine(value);
    const pre = cleanLine(value.slice(0, first.index));
    const where = pre === '' ? 'at its start' : `after ${quoteValue(pre, 40)}`;
    const more = count > 1 ? ` (and ${countWords(count - 1)} more such character${count > 2 ? 's' : ''})` : '';
    const looks = shown === '' ? '' : `: on screen it looks like ${quoteValue(shown)}, but it is not the same`;
    return {
      ...p,
      message: `${p.message} ${quoteValue(value)} holds a hidden character, ${described(first)}, ${where}${more}${looks} (${WHY[first.kind]}).${halves}`,
      fix: `Delete the hidden character: put the cursor just ${pre === '' ? 'after the opening quote' : `after ${quoteValue(pre, 40)}`} and press Delete (VS Code outlines such characters with a box; where the file shows ${quoteAsWritten(writtenAs(first), 30)} there instead, delete that), or type the whole value again. ${p.fix}`,
    };
  });
}

/** A person's name written where an id goes: words of letters (any script, with their accents), with a space between. */
const NAME = /^(?=.*\s)[\p{L}\p{M}\s.'’-]+$/u;

/** A space that looks like the ordinary one and is not: a non-breaking space, an en space, a thin space… */
const ODD_SPACE = /[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/g;

/**
 * A name (an id, a reference) holding a space that looks like an ordinary one or like nothing (at
 * its end): "r-supervisor\u00a0", a non-breaking space pasted after the id. The message said "The
 * text "r-supervisor " is not a valid id", and the trainer, seeing no space in the file, could not
 * tell what to delete: it says which character it is and where, as for a zero-width space.
 */
function withOddSpace(p: UnlocatedProblem, value: string): UnlocatedProblem {
  // Looked for once before they are listed: most values (100,000 ids named by "next"s) hold none.
  if (value.search(ODD_SPACE) < 0) return p;
  ODD_SPACE.lastIndex = 0;
  const spaces = [...value.matchAll(ODD_SPACE)];
  const first = spaces[0];
  if (!first) return p;
  const c = first[0];
  const index = first.index;
  const name = `${ODD_SPACES[c] ?? 'a space character'} (${codePoint(c)})`;
  const pre = cleanLine(value.slice(0, index));
  const end = index === value.length - 1;
  const where = pre === '' ? 'at its start' : `${end ? 'at its end, ' : ''}after ${quoteValue(pre, 40)}`;
  const looks = end ? 'at the end of a name it looks like nothing at all' : 'on screen it looks like an ordinary space';
  const more = spaces.length > 1 ? ` (and ${countWords(spaces.length - 1)} more such space${spaces.length > 2 ? 's' : ''})` : '';
  return {
    ...p,
    message: `${p.message} ${quoteValue(value)} holds ${name} ${where}${more}: ${looks}, but it is a character of its own, so the value is not the one it looks like (pasted from a web page or a word processor, most likely).`,
    fix: end || pre === ''
      ? `Delete it: put the cursor just ${pre === '' ? 'after the opening quote' : `after ${quoteValue(pre, 40)}`} and press Delete${end ? ' (the closing quote should come straight after it)' : ''}, or type the whole value again. ${p.fix}`
      : `It is just after ${quoteValue(pre, 40)}: replace it, or type the whole value again. ${p.fix}`,
  };
}

/** The characters SHOWS_NOTHING finds (text/clean.ts), each where it is. */
const SHOWS_NOTHING_ALL = new RegExp(SHOWS_NOTHING.source, 'gu');
/** Those the apps keep in a text (text/clean.ts SHOWS_NOTHING), by name. */
const KEPT_NAMES: Record<string, string> = {
  '\u00ad': 'a soft hyphen', '\u034f': 'a combining grapheme joiner', '\u061c': 'an Arabic letter mark',
  '\u115f': 'a Hangul choseong filler', '\u1160': 'a Hangul jungseong filler', '\u3164': 'a Hangul filler', '\uffa0': 'a halfwidth Hangul filler',
  '\u180e': 'a Mongolian vowel separator', '\u2800': 'a braille pattern blank', '\u200c': 'a zero-width non-joiner', '\u200d': 'a zero-width joiner',
  '\u200e': 'a left-to-right mark', '\u200f': 'a right-to-left mark',
};
/** A kept character by name: "a combining grapheme joiner (U+034F)". */
function keptName(c: string): string {
  const code = c.codePointAt(0) ?? 0;
  const name = KEPT_NAMES[c] ?? ((code >= 0xfe00 && code <= 0xfe0f) || (code >= 0xe0100 && code <= 0xe01ef) ? 'a variation selector' : 'a character that shows as nothing');
  return `${name} (${codePoint(c)})`;
}

/**
 * A name (an id, a reference) holding a character that shows as nothing and that the apps keep in
 * a text (text/clean.ts SHOWS_NOTHING): "d1-greeting\u034f", a combining grapheme joiner after the
 * id, was quoted as "d1-greeting͏", which looks like "d1-greeting": it says which character, by
 * code point, and where.
 */
function withShowsNothing(p: UnlocatedProblem, value: string): UnlocatedProblem {
  SHOWS_NOTHING_ALL.lastIndex = 0;
  const all = [...value.matchAll(SHOWS_NOTHING_ALL)];
  const first = all[0];
  if (!first) return p;
  const pre = cleanLine(value.slice(0, first.index));
  const where = pre === '' ? 'at its start' : `after ${quoteValue(pre, 40)}`;
  const more = all.length > 1 ? ` (and ${countWords(all.length - 1)} more such character${all.length > 2 ? 's' : ''})` : '';
  const shown = cleanLine(value.replace(SHOWS_NOTHING_ALL, ''));
  const looks = shown === '' ? ': on screen it looks empty' : `: on screen it looks like ${quoteValue(shown)}, but it is not the same`;
  return {
    ...p,
    message: `${p.message} ${quoteValue(value)} holds ${keptName(first[0])}, a character that shows as nothing, ${where}${more}${looks} (pasted from a web page or a word processor, most likely).`,
    fix: `Delete it: put the cursor just ${pre === '' ? 'after the opening quote' : `after ${quoteValue(pre, 40)}`} and press Delete (VS Code outlines such characters with a box; where the file shows ${quoteAsWritten(writtenAs({ index: first.index, text: first[0], kind: 'invisible' }), 30)} there instead, delete that), or type the whole value again. ${p.fix}`,
  };
}

/** Dashes that look like the hyphen an id takes, by name. */
const DASHES: Record<string, string> = {
  '\u2010': 'a Unicode hyphen', '\u2011': 'a non-breaking hyphen', '\u2012': 'a figure dash', '\u2013': 'an en dash',
  '\u2014': 'an em dash', '\u2015': 'a horizontal bar', '\u2212': 'a minus sign', '\ufe63': 'a small hyphen-minus', '\uff0d': 'a full-width hyphen-minus',
};
const EMOJI = /^(?:\p{Extended_Pictographic}|\p{Regional_Indicator}|\p{Emoji_Modifier})$/u;

/** A character (one grapheme) outside plain ASCII in words, and what to do with it: "an emoji (U+1F621)", "delete it". */
function foreignWords(g: string): { name: string; todo: string } {
  const nfc = g.normalize('NFC');
  // As the file holds it: an accent typed after its letter is two code points.
  const code = [...g].map(codePoint).join(' ');
  if ([...g].some((c) => EMOJI.test(c))) {
    // The emoji as typed, and a variation selector in it named: it shows as nothing, and a trainer
    // who deletes the heart of "❤️" alone still has an id that is not one.
    const selector = /[\ufe0e\ufe0f]/u.exec(g)?.[0];
    const unseen = selector === undefined ? '' : `; ${codePoint(selector)} is a variation selector, which shows as nothing`;
    return { name: `an emoji, ${quoteValue(g)} (${code}${unseen})`, todo: selector === undefined ? 'delete it' : 'delete it, the variation selector with it' };
  }
  if (DASHES[nfc]) return { name: `${DASHES[nfc]} (${code}), which looks like a hyphen but is not one`, todo: 'type a hyphen (-) in its place' };
  const plain = g.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  if (/^[a-z]$/.test(plain)) return { name: `a letter with an accent, ${quoteValue(nfc)} (${code})`, todo: `write ${quoteValue(plain)} in its place` };
  if (/^\p{L}/u.test(nfc)) return { name: `a letter that is not one of a to z, ${quoteValue(nfc)} (${code})`, todo: 'type the letter meant from a to z in its place' };
  return { name: `the character ${quoteValue(nfc)} (${code})`, todo: 'delete it' };
}

/**
 * Whether each character of `value` that shows as nothing (SHOWS_NOTHING) is part of a character
 * that shows, one outside plain ASCII: the variation selector of "❤️", the joiner of an emoji
 * sequence. A selector after a plain letter ("h" and U+FE0F) is not: nothing there shows but "h".
 */
function hiddenOnlyInsideShown(value: string): boolean {
  return graphemes(value).every(({ segment }) => !SHOWS_NOTHING.test(segment) || [...segment].some((c) => c > '\x7f' && !SHOWS_NOTHING.test(c) && !/\s/u.test(c)));
}

/** `value`'s characters as a reader counts them (an emoji flag, a letter and its accent: one each), where the runtime can tell. */
function graphemes(value: string): { index: number; segment: string }[] {
  if (typeof Intl.Segmenter === 'function') return Array.from(new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(value), ({ index, segment }) => ({ index, segment }));
  const out: { index: number; segment: string }[] = [];
  let index = 0;
  for (const segment of value) {
    out.push({ index, segment });
    index += segment.length;
  }
  return out;
}

/**
 * An id holding a character that is not plain ASCII and neither hidden nor a space: an emoji
 * ("phone-\u{1F621}ignore"), an en dash for a hyphen, an accented letter. The message said only
 * "ids must be lower-case letters, digits and single hyphens" (found by validator-54): it names
 * the first such character, by what it is and its code point, and where it is in the id.
 */
function withForeignCharacter(p: UnlocatedProblem, value: string): UnlocatedProblem {
  const all = graphemes(value).filter((g) => /[^\x20-\x7e]/.test(g.segment));
  const grapheme = all[0];
  if (!grapheme) return p;
  // A plain letter with an accent after it ("c" and U+0301) is one letter; a skin tone after a
  // letter ("h" and U+1F3FD) is the emoji alone.
  const from = /^[a-zA-Z]\p{M}+$/u.test(grapheme.segment) ? 0 : grapheme.segment.search(/[^\x20-\x7e]/);
  const first = { index: grapheme.index + from, segment: grapheme.segment.slice(from) };
  const pre = cleanLine(value.slice(0, first.index));
  const last = first.index + first.segment.length === value.length;
  const where = pre === '' ? 'at its start' : `${last ? 'at its end, ' : ''}after ${quoteValue(pre, 40)}`;
  const { name, todo } = foreignWords(first.segment);
  const more = all.length > 1 ? ` (and ${countWords(all.length - 1)} more character${all.length > 2 ? 's' : ''} other than a to z, 0 to 9 and the hyphen)` : '';
  return {
    ...p,
    message: `${p.message} ${quoteValue(value)} holds ${name}, ${where}${more}.`,
    fix: `It is just ${pre === '' ? 'after the opening quote' : `after ${quoteValue(pre, 40)}`}: ${todo}, or type the whole value again. ${p.fix}`,
  };
}
