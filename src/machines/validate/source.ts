import { countWords } from '../text/first-few.js';
import { printParseErrorCode, visit, type ParseError, type ParseErrorCode } from 'jsonc-parser';
import { lineAsWritten, quoteAsWritten, quoteValue } from '../text/quote.js';
import type { JsonPath, Problem, UnlocatedProblem } from './problem.js';
import { controlInTextFix, hiddenCharacters, likelyCauseOnLine, likelySyntaxCause, mendedText, type Mending } from './syntax.js';

/** Larger files are refused before parsing (a 50,000-node scenario with long texts is about 120 MB). */
export const MAX_FILE_BYTES = 128 * 1024 * 1024;
/** Scenario files nest about eight levels; anything this deep is not a scenario. */
export const MAX_DEPTH = 64;

/** The byte offset of the first invalid UTF-8 sequence, or -1 when the bytes are valid UTF-8. */
export function findInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    if (i + need >= n) return i;
    let cp = b & (0xff >> (need + 2));
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** Maps string offsets to 1-based line and column. */
export class LineMap {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }
  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (this.starts[lo] as number) + 1 };
  }
  /** The offset where 1-based `line` starts (the end of the text past its last line). */
  start(line: number): number {
    return this.starts[line - 1] ?? Number.MAX_SAFE_INTEGER;
  }
}

/** The offset where nesting first goes deeper than MAX_DEPTH, or -1. Strings are skipped. */
export function findExcessiveNesting(text: string, maxDepth = MAX_DEPTH): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      // A string: most of a scenario's text is inside strings, so its end is found with indexOf.
      i = stringEnd(text, i);
      if (i < 0) return -1;
    } else if (c === 123 || c === 91) {
      if (++depth > maxDepth) return i;
    } else if (c === 125 || c === 93) depth--;
  }
  return -1;
}

/**
 * The offset of the quote that closes the string opened at `open`, or -1 if it is never closed:
 * the first quote after it with an even number of backslashes right before it (each pair is an
 * escaped backslash; an odd one escapes the quote). The same as reading the string character by
 * character, a backslash taking the character after it.
 */
function stringEnd(text: string, open: number): number {
  for (let q = text.indexOf('"', open + 1); q >= 0; q = text.indexOf('"', q + 1)) {
    let b = q - 1;
    while (text.charCodeAt(b) === 92) b--;
    if ((q - 1 - b) % 2 === 0) return q;
  }
  return -1;
}

const SYNTAX_HELP: Record<string, [string, string]> = {
  InvalidSymbol: ['unexpected character', 'JSON allows only objects ({ }), lists ([ ]), texts in double quotes, numbers, true, false and null; remove this character, or put the text it is part of in double quotes'],
  InvalidNumberFormat: ['this number is not written the JSON way', 'write numbers like 12 or 3.5, without leading zeros, "+" or trailing dots'],
  PropertyNameExpected: ['a field name in double quotes was expected here', 'write the field name in double quotes ("title": …), and remove any comma before a closing }'],
  ValueExpected: ['a value was expected here', 'put a value (a text in double quotes, a number, true, false, null, { } or [ ]) here, and remove any comma before a closing ] or }'],
  ColonExpected: ['a colon ":" was expected after the field name', 'separate every field name from its value with a colon: "title": "…"'],
  CommaExpected: ['a comma was expected between two items', 'add a comma after the value before it'],
  CloseBraceExpected: ['the object is not closed', 'add the missing "}" (check that every { has its })'],
  CloseBracketExpected: ['the list is not closed', 'add the missing "]" (check that every [ has its ])'],
  EndOfFileExpected: ['there is more text after the end of the scenario object', 'a file holds exactly one scenario, one { ... } object: remove what follows it (a scenario pasted twice: delete the second copy; another scenario: put it in a file of its own)'],
  InvalidCommentToken: ['comments are not allowed in JSON', 'remove the comment; put notes for other authors in "authorNotes" (never shown), or notes for the trainer leading a session in "facilitatorNote"'],
  UnexpectedEndOfComment: ['a comment is not closed (and comments are not allowed in JSON)', 'remove the comment'],
  UnexpectedEndOfString: ['a text is not closed', 'add the closing double quote; a text cannot run over a line break (write \\n instead)'],
  UnexpectedEndOfNumber: ['a number ends too early', 'finish the number, e.g. 60 or 0.5'],
  InvalidUnicode: ['a \\u escape is not valid', 'write \\u followed by exactly four hex digits, or type the character itself'],
  InvalidEscapeCharacter: ['this backslash escape is not valid JSON', 'use \\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX; to write a backslash, double it'],
  InvalidCharacter: ['a control character (such as a tab or line break) is inside a text', 'write \\t or \\n instead of the raw character'],
};

/** The message of a comma left out between two items (the place given is the second item). */
export const COMMA_EXPECTED = `Not valid JSON: ${(SYNTAX_HELP.CommaExpected as [string, string])[0]}.`;

const MAX_SYNTAX_PROBLEMS = 5;

/**
 * The callbacks of one jsonc-parser visit of a text, kept to be gone through again: three numbers a
 * callback in `events` (its kind, offset, and length, or for an error its code), and the names of
 * the properties in the order they came. They place every offset up to `upTo` (Infinity: every
 * offset of the text).
 */
export interface VisitSteps {
  events: number[];
  names: string[];
  upTo: number;
}

const OBJECT_BEGIN = 0;
const PROPERTY = 1;
const OBJECT_END = 2;
const ARRAY_BEGIN = 3;
const ARRAY_END = 4;
const LITERAL = 5;
const COMMA = 6;
const COLON = 7;
const ERROR = 8;

/**
 * Steps are kept up to this many errors: the places looked for are those of a file's first few
 * syntax errors, and a file of a hundred thousand (a minified line gone wrong) would otherwise keep
 * a step for every item to its end.
 */
const STEPS_UP_TO_ERRORS = 64;

/** What one strict visit of a text found: its syntax errors, and when asked for, its steps. */
export interface SyntaxScan {
  errors: ParseError[];
  steps?: VisitSteps;
}

/**
 * The errors jsonc-parser's `parse` reports (it collects them from this same walk), without
 * building the value it would return; with `keepSteps`, also the walk's steps, from which
 * locationPaths finds places without reading the text again. The strict options change only which
 * errors a comment gives (an error in place of a comment), not the other steps.
 */
export function scanSyntax(text: string, keepSteps = false): SyntaxScan {
  const errors: ParseError[] = [];
  const options = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false };
  if (!keepSteps) {
    visit(text, { onError: (error, offset, length) => { errors.push({ error, offset, length }); } }, options);
    return { errors };
  }
  const events: number[] = [];
  const names: string[] = [];
  let upTo = Infinity;
  let keeping = true;
  // The first step (not an error) past `upTo` places every offset up to it: the last one kept.
  const step = (kind: number, offset: number, length: number): void => {
    if (!keeping) return;
    events.push(kind, offset, length);
    if (offset > upTo) keeping = false;
  };
  visit(text, {
    onObjectBegin: (offset, length) => step(OBJECT_BEGIN, offset, length),
    onObjectProperty: (name, offset, length) => {
      if (keeping) names.push(name);
      step(PROPERTY, offset, length);
    },
    onObjectEnd: (offset, length) => step(OBJECT_END, offset, length),
    onArrayBegin: (offset, length) => step(ARRAY_BEGIN, offset, length),
    onArrayEnd: (offset, length) => step(ARRAY_END, offset, length),
    onLiteralValue: (_value, offset, length) => step(LITERAL, offset, length),
    onSeparator: (sep, offset) => step(sep === ',' ? COMMA : COLON, offset, 0),
    onError: (error, offset, length) => {
      errors.push({ error, offset, length });
      if (!keeping) return;
      events.push(ERROR, offset, error);
      if (errors.length === STEPS_UP_TO_ERRORS) upTo = offset;
    },
  }, options);
  return { errors, steps: { events, names, upTo: keeping ? Infinity : upTo } };
}

function parseErrors(text: string): ParseError[] {
  return scanSyntax(text).errors;
}

/**
 * Syntax problems found by a strict JSON parse, with offsets; empty when the text is valid JSON.
 * `errors`: the parse's errors, when the caller has them already (the mended copy's, below).
 */
export function syntaxProblems(text: string, room = MAX_SYNTAX_PROBLEMS, errors = parseErrors(text), hiddenRead = false): UnlocatedProblem[] {
  // Control characters (a terminal's escape sequence, a tab inside a text) first: reported each,
  // the rest read from the file without them (see hiddenCharacters).
  const hidden = hiddenRead ? undefined : hiddenCharacters(text, errors, room);
  if (hidden && hidden.mendings.length > 0) return withHiddenCharacters(text, room, hidden);
  const likely = likelySyntaxCause(text, errors);
  if (likely) {
    // A recognised mistake that has a sure mending (a leading zero, a bracket too many, a quote
    // inside a text, …): mended in a copy of the same length and lines, the parser looks on, and
    // the mistakes after it are reported too. Only when the mending carries the parser past the
    // mistake's line: otherwise the guess was not the whole story, and what follows could be
    // errors the mistake itself set off, so it is reported alone.
    const mended = mendedText(text, likely);
    if (mended === undefined) return [likely];
    const mendedErrors = parseErrors(mended);
    const next = mendedErrors[0];
    const lineEnd = text.indexOf('\n', likely.offset ?? 0);
    if (!next || lineEnd < 0 || next.offset <= lineEnd) return [likely];
    // A later problem placed back at the very place of this one is this one again.
    if (room > 1) return [likely, ...syntaxProblems(mended, room - 1, mendedErrors).filter((p) => p.offset !== likely.offset)];
    return [{ ...likely, message: `${likely.message.slice(0, -1)} (more syntax errors follow; fix these first).` }];
  }
  // A string not closed on its line takes the comma after it too: the "comma expected" that
  // follows is that, not a second mistake (adding a comma there would not help).
  const distinct = errors.filter((e, i) => i === 0 || (e.offset !== errors[i - 1]?.offset
    && !(printParseErrorCode(e.error) === 'CommaExpected' && printParseErrorCode((errors[i - 1] as ParseError).error) === 'UnexpectedEndOfString')));
  const generic = (e: ParseError): UnlocatedProblem => {
    const name = printParseErrorCode(e.error);
    let [message, fix] = SYNTAX_HELP[name] ?? ['the JSON is malformed here', 'check the JSON syntax around this place'];
    if ((name === 'PropertyNameExpected' || name === 'ValueExpected') && /,\s*$/.test(text.slice(Math.max(0, e.offset - 200), e.offset)) && /^[\]}]/.test(text.slice(e.offset))) {
      message = 'a trailing comma before a closing bracket is not allowed in JSON';
      fix = 'remove this comma: it comes after the last item';
    } else if ((name === 'PropertyNameExpected' || name === 'ValueExpected') && text.charAt(e.offset) === ',' && /,\s*$/.test(text.slice(Math.max(0, e.offset - 200), e.offset))) {
      // "5,," or a comma left on the line after one already there: the parser wants an item between.
      message = 'two commas in a row, with nothing between them';
      fix = 'delete this comma: one comma separates two items';
    } else if ((name === 'PropertyNameExpected' || name === 'ValueExpected') && text.charAt(e.offset) === ',' && /[[{]\s*$/.test(text.slice(Math.max(0, e.offset - 200), e.offset))) {
      // "{," or "[,": a comma before the first item.
      message = 'a comma before the first item';
      fix = 'delete this comma: commas go between items, not before the first';
    }
    if (name === 'CommaExpected') {
      // The parser stops at the next item; the comma belongs after the previous one, often at the
      // end of the line before, and before any comment after that value (a comma typed at the end
      // of the line would be inside the comment).
      const { end, comment } = endOfValueBefore(text, e.offset);
      const before = end - 1;
      const line = (offset: number) => text.slice(0, offset).split('\n').length;
      if (before >= 0 && comment) {
        const column = end - (text.lastIndexOf('\n', before) + 1) + 1;
        fix = `add a comma right after ${valueBefore(text, end) ?? 'the value before it'}, at line ${line(before)}, column ${column}: before the comment, not after it (a comma inside a comment does not count)`;
      } else if (before >= 0 && line(before) < line(e.offset)) fix = `add a comma at the end of line ${line(before)}, after the value before it`;
    }
    let offset = e.offset;
    if (message.startsWith('a trailing comma')) {
      // The parser stops at the bracket; the mistake is the comma before it, often a line above.
      const comma = text.lastIndexOf(',', e.offset);
      if (comma >= 0) offset = comma;
    }
    if (name === 'InvalidCharacter') {
      // The parser reports the string's start; point at the character itself, which in a long
      // narration cannot be seen (a tab looks like spaces).
      // eslint-disable-next-line no-control-regex -- finding the control character is the point
      const control = /[\u0000-\u001f]/.exec(text.slice(e.offset, e.offset + 100_000));
      if (control) {
        offset = e.offset + control.index;
        const c = control[0];
        message = c === '\t' ? 'a tab is inside a text' : 'a control character is inside a text';
        fix = c === '\t' ? 'delete it and type spaces (or write \\t)' : controlInTextFix(c).replace(/^D/, 'd').replace(/\.$/, '');
      }
    }
    return { severity: 'error', code: 'json-syntax', path: [], message: `Not valid JSON: ${message}.`, fix: `${fix[0]?.toUpperCase()}${fix.slice(1)}.`, offset };
  };
  // A first draft often has several mistakes. The parser goes on after the first one, so the first
  // error of a later line may be a mistake of its own that one of the usual causes explains (a
  // quote inside a text): then it is named, once, and the follow-on errors on its line are left out.
  const out: UnlocatedProblem[] = [];
  // Offsets only grow: the line break after the current line is looked for once, not per error
  // (a file on one line has none, and each search would read to its end).
  let line = 1;
  let nextBreak = text.indexOf('\n');
  const lineOf = (offset: number) => {
    while (nextBreak >= 0 && nextBreak < offset) {
      line++;
      nextBreak = text.indexOf('\n', nextBreak + 1);
    }
    return line;
  };
  let previousLine = lineOf(distinct[0]?.offset ?? 0);
  let explainedLine = -1;
  let i = 0;
  for (; i < distinct.length && out.length < room; i++) {
    const e = distinct[i] as ParseError;
    const here = lineOf(e.offset);
    if (here === explainedLine) continue;
    const cause = i > 0 && here !== previousLine ? likelyCauseOnLine(text, e.offset) : undefined;
    previousLine = here;
    if (cause) explainedLine = here;
    out.push(cause ?? generic(e));
  }
  const more = distinct.slice(i).filter((e) => lineOf(e.offset) !== explainedLine).length;
  const last = out[out.length - 1];
  if (more > 0 && last) last.message = `${last.message.slice(0, -1)}${moreFollow(more)}`;
  return out;
}

/** "(3 more syntax errors follow; fix these first)." at a message's end, and how many it counts. */
const MORE_FOLLOW = / \((?:([\d,]+) )?more syntax errors? follows?; fix these first\)\.$/;

/**
 * " (3 more syntax errors follow; fix these first).", or "1 more syntax error follows": it said
 * "1 more syntax errors follow" (found by author-59).
 */
function moreFollow(more: number): string {
  return ` (${countWords(more)} more syntax ${more === 1 ? 'error follows' : 'errors follow'}; fix these first).`;
}

/**
 * The problems of `text` with characters no one can see that JSON refuses (hiddenCharacters): those,
 * then, in the file's order among them, the problems of the text without them, placed back in the
 * file (a quote typed twice on the line of an ESC is named as such; the line its fix shows is the
 * line without the ESC, as it reads once both are mended). At most `room`, the last saying how many
 * more.
 */
function withHiddenCharacters(text: string, room: number, hidden: { mendings: readonly Mending[]; problems: readonly UnlocatedProblem[]; others: number }): UnlocatedProblem[] {
  const parts: string[] = [];
  let from = 0;
  // Where each mending ends in the mended text, and how many characters fewer it has from there on.
  const shifts: { at: number; fewer: number }[] = [];
  let fewer = 0;
  for (const m of hidden.mendings) {
    parts.push(text.slice(from, m.at), m.with);
    from = m.at + m.length;
    fewer += m.length - m.with.length;
    shifts.push({ at: m.at + m.length - fewer, fewer });
  }
  parts.push(text.slice(from));
  const mended = parts.join('');
  /** The offset in `text` of `offset` in the mended text. */
  const placed = (offset: number): number => {
    let lo = 0;
    let hi = shifts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((shifts[mid] as { at: number }).at <= offset) lo = mid + 1;
      else hi = mid;
    }
    return offset + (lo > 0 ? (shifts[lo - 1] as { fewer: number }).fewer : 0);
  };
  const rest = syntaxProblems(mended, room, undefined, true);
  const all = [...hidden.problems, ...rest.map((p) => (p.offset === undefined ? p : { ...p, offset: placed(p.offset) }))]
    .sort((a, b) => (a.offset ?? 0) - (b.offset ?? 0));
  // How many more there are: the texts past the first `room`, those cut here, and those the rest counted.
  let more = hidden.others + Math.max(0, all.length - room);
  const counted = (p: UnlocatedProblem) => {
    const said = MORE_FOLLOW.exec(p.message);
    // Counted as written, 1,234 too (read as one, it lost the rest).
    if (said) more += said[1] === undefined ? 1 : Number(said[1].replace(/,/g, ''));
    return said;
  };
  for (const p of all.slice(room)) counted(p);
  const kept = all.slice(0, room).map((p) => {
    const said = counted(p);
    return said ? { ...p, message: `${p.message.slice(0, said.index)}.` } : p;
  });
  const last = kept[kept.length - 1];
  if (more > 0 && last) kept[kept.length - 1] = { ...last, message: `${last.message.slice(0, -1)}${moreFollow(more)}` };
  return kept;
}

/**
 * What jsonc-parser's getLocation(text, offset).path is for each of `offsets`, from one scan of the
 * text up to the last of them (getLocation scans from the start for each offset). The same visit,
 * without options, and the same steps: each offset's path is the path as it stands at the first
 * callback where getLocation would stop for that offset. Offsets stop in ascending order, since each
 * stopping test holds for every offset at or below some point of the text. Given `steps` (scanSyntax's
 * of this text) that reach every offset, it goes through them in place of reading the text.
 */
export function locationPaths(text: string, offsets: readonly number[], options: { countMissingCommas?: boolean; steps?: VisitSteps } = {}): (string | number)[][] {
  const order = offsets.map((_, i) => i).sort((a, b) => (offsets[a] as number) - (offsets[b] as number));
  const out = offsets.map(() => [] as (string | number)[]);
  const segments: (string | number)[] = [];
  const nextItem = () => {
    const last = segments[segments.length - 1];
    if (typeof last === 'number') segments[segments.length - 1] = last + 1;
    else segments[segments.length - 1] = '';
  };
  let next = 0;
  const allFound = {};
  const sorted = order.map((i) => offsets[i] as number);
  const found = (): void => {
    out[order[next++] as number] = segments.slice();
  };
  // Each gives the current path to each offset still open that is below `bound` (at most `limit`).
  const stopBelow = (bound: number): void => {
    while (next < sorted.length && (sorted[next] as number) < bound) found();
    if (next === sorted.length) throw allFound;
  };
  const stopUpTo = (limit: number): void => {
    while (next < sorted.length && (sorted[next] as number) <= limit) found();
    if (next === sorted.length) throw allFound;
  };
  if (order.length === 0) return out;
  const onObjectBegin = (offset: number) => {
    stopUpTo(offset);
    segments.push('');
  };
  const onObjectProperty = (name: string, offset: number, length: number) => {
    stopBelow(offset);
    segments[segments.length - 1] = name;
    stopUpTo(offset + length);
  };
  const onObjectEnd = (offset: number) => {
    stopUpTo(offset);
    segments.pop();
  };
  const onArrayBegin = (offset: number) => {
    stopUpTo(offset);
    segments.push(0);
  };
  const onArrayEnd = (offset: number) => {
    stopUpTo(offset);
    segments.pop();
  };
  const onLiteral = (offset: number, length: number) => {
    stopBelow(offset);
    stopUpTo(offset + length);
  };
  const onSeparator = (comma: boolean, offset: number) => {
    stopUpTo(offset);
    if (comma) nextItem();
  };
  // A comma left out before a value: the parser reads on as if it were there (counting the
  // items of a list as it does), where getLocation, which counts commas, stays on the item
  // before. (Before a bracket, as after one } too many, no item follows: nothing to count.)
  const onError = (error: ParseErrorCode, offset: number) => {
    if (!options.countMissingCommas || printParseErrorCode(error) !== 'CommaExpected' || !/^[[{"\-0-9tfn]/.test(text.charAt(offset))) return;
    stopBelow(offset);
    nextItem();
  };
  try {
    // Steps that stop short of an offset: read the text instead.
    const steps = options.steps !== undefined && (sorted[sorted.length - 1] as number) <= options.steps.upTo ? options.steps : undefined;
    if (steps) {
      const { events, names } = steps;
      let name = 0;
      for (let i = 0; i < events.length; i += 3) {
        const offset = events[i + 1] as number;
        const length = events[i + 2] as number;
        switch (events[i]) {
          case OBJECT_BEGIN: onObjectBegin(offset); break;
          case PROPERTY: onObjectProperty(names[name++] as string, offset, length); break;
          case OBJECT_END: onObjectEnd(offset); break;
          case ARRAY_BEGIN: onArrayBegin(offset); break;
          case ARRAY_END: onArrayEnd(offset); break;
          case LITERAL: onLiteral(offset, length); break;
          case COMMA: onSeparator(true, offset); break;
          case COLON: onSeparator(false, offset); break;
          case ERROR: onError(length as ParseErrorCode, offset); break;
        }
      }
    } else {
      visit(text, {
        onObjectBegin, onObjectProperty, onObjectEnd, onArrayBegin, onArrayEnd, onError,
        onLiteralValue: (_value, offset, length) => onLiteral(offset, length),
        onSeparator: (sep, offset) => onSeparator(sep === ',', offset),
      });
    }
  } catch (e) {
    if (e !== allFound) throw e;
  }
  // Offsets past every callback get the path where the scan ended, as getLocation returns it.
  while (next < order.length) out[order[next++] as number] = segments.slice();
  return out;
}

/**
 * Turns unlocated problems into located ones. Places named by a JSON path are found in one pass
 * over the text that goes down only into the values some path names and skips the rest (no
 * syntax tree of the whole file, which for a large file costs more than the validation).
 */
export function locateProblems(text: string, file: string, problems: UnlocatedProblem[], options: { keysUnique?: boolean; value?: unknown } = {}): Problem[] {
  const positions = problemPositions(text, problems, options);
  return problems.map((p, i) => {
    const { line, column } = positions[i] as { line: number; column: number };
    return { severity: p.severity, code: p.code, file, line, column, path: p.path, ...(p.pathUnknown ? { pathUnknown: true as const } : {}), message: p.message, fix: p.fix, ...(p.repeats === undefined ? {} : { repeats: p.repeats }) };
  });
}

/**
 * The 1-based line and column of each problem, as locateProblems finds them, without reading its
 * message or fix: for problems only counted, whose words are written when read (see withKnockOns
 * in fold.ts, and locateListed in index.ts).
 */
export function problemPositions(text: string, problems: readonly UnlocatedProblem[], options: { keysUnique?: boolean; value?: unknown } = {}): { line: number; column: number }[] {
  if (problems.length === 0) return [];
  let places: PathPlaces | null = null;
  const offsets = problems.map((p) => {
    if (p.offset !== undefined) return p.offset;
    // The pass goes down only along the problems' paths (what it skips, it skips without
    // recursion), so it is as deep as the longest path: the text's nesting matters only past that.
    places ??= longestPath(problems) <= MAX_DEPTH || findExcessiveNesting(text) < 0 ? locatePaths(text, problems, options.keysUnique === true, options.value) : undefined;
    return offsetOfPath(text, places, p);
  });
  return linePositions(text, offsets);
}

/** 1-based line and column of each offset, by one scan for line breaks up to the last of them. */
function linePositions(text: string, offsets: readonly number[]): { line: number; column: number }[] {
  const order = offsets.map((_, i) => i).sort((a, b) => (offsets[a] as number) - (offsets[b] as number));
  const out = new Array<{ line: number; column: number }>(offsets.length);
  let line = 1;
  let lineStart = 0;
  let nextBreak = text.indexOf('\n');
  for (const i of order) {
    const offset = offsets[i] as number;
    while (nextBreak !== -1 && nextBreak < offset) {
      line++;
      lineStart = nextBreak + 1;
      nextBreak = text.indexOf('\n', lineStart);
    }
    out[i] = { line, column: offset - lineStart + 1 };
  }
  return out;
}

/**
 * A value a problem's path names (or passes through), as found in the text: where it starts, and
 * for an object's property, where its key starts. `found` is false until the scan reaches it.
 */
interface Place {
  found: boolean;
  offset: number;
  keyOffset: number;
  /** Reached as the value of an object's property (not as an item of an array, nor the root). */
  property: boolean;
  keys?: Map<string, Place>;
  items?: Map<number, Place>;
}

type PathPlaces = Place | undefined;

function newPlace(): Place {
  return { found: false, offset: 0, keyOffset: 0, property: false };
}

function longestPath(problems: readonly UnlocatedProblem[]): number {
  let longest = 0;
  for (const p of problems) if (p.offset === undefined && p.path.length > longest) longest = p.path.length;
  return longest;
}

/** How many places are still to be found, and whether the pass may end once none is. */
interface Search {
  left: number;
  stopWhenAllFound: boolean;
}

/** Thrown to end the pass early: every place is found and no key repeats, so none can move. */
const ALL_FOUND = Symbol('all places found');

/** Thrown when the text does not have the shape of the parsed value the two-ended pass was given. */
const NOT_THAT_SHAPE = Symbol('text and value differ');

/**
 * The places every path of `problems` names, found in one pass over valid JSON `text`. With
 * `keysUnique` (no key of the text is repeated, so a place once found is final) the pass ends at
 * the last place instead of reading the rest of the file; given also `value` (the text parsed), it
 * reaches an item in the second half of a list from the list's end, when it knows where the list
 * ends (see visitBetween), instead of reading every item before it.
 */
function locatePaths(text: string, problems: readonly UnlocatedProblem[], keysUnique: boolean, value?: unknown): PathPlaces {
  const root = newPlace();
  const search: Search = { left: 0, stopWhenAllFound: keysUnique };
  for (const p of problems) {
    if (p.offset !== undefined) continue;
    let at = root;
    for (const segment of p.path) {
      if (typeof segment === 'string') {
        at.keys ??= new Map();
        let next = at.keys.get(segment);
        if (!next) {
          at.keys.set(segment, (next = newPlace()));
          search.left++;
        }
        at = next;
      } else {
        at.items ??= new Map();
        let next = at.items.get(segment);
        if (!next) {
          at.items.set(segment, (next = newPlace()));
          search.left++;
        }
        at = next;
      }
    }
  }
  const start = skipSpace(text, 0);
  if (start >= text.length) return undefined;
  root.found = true;
  root.offset = start;
  const places = search.left;
  try {
    if (keysUnique && value !== undefined) {
      try {
        visitBetween(text, start, skipSpaceBack(text, text.length - 1), root, search, value);
        return root;
      } catch (e) {
        if (e !== NOT_THAT_SHAPE) throw e;
        // Not the text of `value` after all: start again, front to back.
        unfind(root);
        search.left = places;
      }
    }
    visitPlace(text, start, root, search);
  } catch (e) {
    if (e !== ALL_FOUND) throw e;
  }
  return root;
}

/** Marks every place below `place` as not found. */
function unfind(place: Place): void {
  for (const child of [...(place.keys?.values() ?? []), ...(place.items?.values() ?? [])]) {
    child.found = false;
    unfind(child);
  }
}

/** Records that `child`'s value starts at `at` (and, for a property, its key at `keyAt`). */
function reach(child: Place, at: number, keyAt: number, search: Search): void {
  child.found = true;
  child.offset = at;
  if (keyAt >= 0) {
    child.keyOffset = keyAt;
    child.property = true;
  }
  search.left--;
  if (search.left === 0 && search.stopWhenAllFound) throw ALL_FOUND;
}

/** Whether a key is an array index, which objects list before their other keys whatever the order in the text. */
function isIndexKey(key: string): boolean {
  return /^(?:0|[1-9]\d{0,9})$/.test(key) && Number(key) < 4294967295;
}

/**
 * Records the places below `place`, whose value runs from `at` to `end` (its first and last
 * characters) and parses to `value`; keys are unique. Only reached where both ends are known: the
 * whole text, an object's last property (whose value ends where the object does), and an item
 * reached from the end of a list. A list's wanted items in its first half are read from the front,
 * those in its second half from its end, so a place near the end of a large file costs little.
 */
function visitBetween(text: string, at: number, end: number, place: Place, search: Search, value: unknown): void {
  const c = text.charCodeAt(at);
  if (c === 123 && place.keys) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw NOT_THAT_SHAPE;
    const keys = Object.keys(value);
    // The last key in the text, when the object lists its keys in the text's order.
    const last = keys.some(isIndexKey) ? undefined : keys[keys.length - 1];
    let wanted = place.keys.size;
    let i = skipSpace(text, at + 1);
    if (text.charCodeAt(i) === 125) return;
    for (;;) {
      const keyStart = i;
      const keyEnd = skipString(text, i);
      const raw = text.slice(keyStart + 1, keyEnd - 1);
      const key = raw.includes('\\') ? (JSON.parse(text.slice(keyStart, keyEnd)) as string) : raw;
      i = skipSpace(text, keyEnd);
      i = skipSpace(text, i + 1); // the colon
      const child = place.keys.get(key);
      if (child) {
        reach(child, i, keyStart, search);
        if (key === last) {
          visitBetween(text, i, skipSpaceBack(text, end - 1), child, search, (value as Record<string, unknown>)[key]);
          return;
        }
        visitPlace(text, i, child, search);
        // Keys are unique: once every wanted key is found, the rest of the object holds none.
        if (--wanted === 0) return;
      }
      i = skipSpace(text, skipValue(text, i));
      if (text.charCodeAt(i) !== 44) return;
      i = skipSpace(text, i + 1);
    }
  }
  if (c === 91 && place.items) {
    if (!Array.isArray(value)) throw NOT_THAT_SHAPE;
    const length = value.length;
    let frontLast = -1;
    let backFirst = length;
    for (const index of place.items.keys()) {
      if (index >= length) continue; // not in the list: never found
      if (index < length / 2) frontLast = Math.max(frontLast, index);
      else backFirst = Math.min(backFirst, index);
    }
    let i = skipSpace(text, at + 1);
    for (let index = 0; index <= frontLast; index++) {
      const child = place.items.get(index);
      if (child) {
        reach(child, i, -1, search);
        i = visitPlace(text, i, child, search);
      } else i = skipValue(text, i);
      i = skipSpace(text, i);
      if (index < frontLast) {
        if (text.charCodeAt(i) !== 44) throw NOT_THAT_SHAPE;
        i = skipSpace(text, i + 1);
      }
    }
    i = skipSpaceBack(text, end - 1);
    for (let index = length - 1; index >= backFirst; index--) {
      const itemStart = valueStartBack(text, i);
      const child = place.items.get(index);
      if (child) {
        reach(child, itemStart, -1, search);
        visitBetween(text, itemStart, i, child, search, value[index]);
      }
      i = skipSpaceBack(text, itemStart - 1);
      if (text.charCodeAt(i) !== (index > 0 ? 44 : 91)) throw NOT_THAT_SHAPE;
      i = skipSpaceBack(text, i - 1);
    }
    return;
  }
  // A string, number or literal, or a container no path goes into: nothing to find inside.
  if (place.keys || place.items) visitPlace(text, at, place, search);
}

/** The offset of the last character at or before `i` that is not white space (-1 if none). */
function skipSpaceBack(text: string, i: number): number {
  for (;;) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 13 && c !== 9) return i;
    i--;
  }
}

/** The offset of the first character of the value whose last character is at `i` (valid JSON). */
function valueStartBack(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === 34) return stringStartBack(text, i);
  if (c === 125 || c === 93) {
    let depth = 0;
    for (let j = i; j >= 0; j--) {
      const d = text.charCodeAt(j);
      // Outside strings a quote can only close one (a string is read back to its opening quote).
      if (d === 34) j = stringStartBack(text, j);
      else if (d === 125 || d === 93) depth++;
      else if ((d === 123 || d === 91) && --depth === 0) return j;
    }
    throw NOT_THAT_SHAPE;
  }
  let j = i;
  for (; j > 0; j--) {
    const d = text.charCodeAt(j - 1);
    if (d === 44 || d === 58 || d === 91 || d === 123 || d === 32 || d === 10 || d === 13 || d === 9) break;
  }
  return j;
}

/**
 * The offset of the quote that opens the string closed by the quote at `close`: the first quote
 * before it with an even number of backslashes right before it (inside a string every quote but
 * the opening one is escaped; outside strings there are no backslashes).
 */
function stringStartBack(text: string, close: number): number {
  for (let q = close > 0 ? text.lastIndexOf('"', close - 1) : -1; q >= 0; q = q > 0 ? text.lastIndexOf('"', q - 1) : -1) {
    let b = q - 1;
    while (b >= 0 && text.charCodeAt(b) === 92) b--;
    if ((q - 1 - b) % 2 === 0) return q;
  }
  throw NOT_THAT_SHAPE;
}

/** Forgets what was found below `place` (a repeated key: the last one counts, as in JSON.parse). */
function forget(place: Place, search: Search): void {
  for (const child of [...(place.keys?.values() ?? []), ...(place.items?.values() ?? [])]) {
    if (!child.found) continue;
    child.found = false;
    search.left++;
    forget(child, search);
  }
}

/** Records the places below `place`, whose value starts at `at`; returns the offset after the value. */
function visitPlace(text: string, at: number, place: Place, search: Search): number {
  const c = text.charCodeAt(at);
  const object = c === 123 && place.keys !== undefined;
  if (object || (c === 91 && place.items)) {
    // One loop for both: an object's member starts with its key, an array's is found by index.
    let i = skipSpace(text, at + 1);
    if (text.charCodeAt(i) === (object ? 125 : 93)) return i + 1;
    for (let index = 0; ; index++) {
      let child: Place | undefined;
      let keyStart = -1;
      if (object) {
        keyStart = i;
        const keyEnd = skipString(text, i);
        const raw = text.slice(keyStart + 1, keyEnd - 1);
        const key = raw.includes('\\') ? (JSON.parse(text.slice(keyStart, keyEnd)) as string) : raw;
        i = skipSpace(text, keyEnd);
        i = skipSpace(text, i + 1); // the colon
        child = place.keys?.get(key);
      } else child = place.items?.get(index);
      if (child) {
        // A repeated key: the last one counts (an array's item is reached once, so never here).
        if (child.found) forget(child, search);
        else search.left--;
        child.found = true;
        child.offset = i;
        if (object) {
          child.keyOffset = keyStart;
          child.property = true;
        }
        if (search.left === 0 && search.stopWhenAllFound) throw ALL_FOUND;
        i = visitPlace(text, i, child, search);
      } else i = skipValue(text, i);
      i = skipSpace(text, i);
      if (text.charCodeAt(i) !== 44) return i + 1;
      i = skipSpace(text, i + 1);
    }
  }
  return skipValue(text, at);
}

function skipSpace(text: string, i: number): number {
  for (;;) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 13 && c !== 9) return i;
    i++;
  }
}

/** The offset after the string whose opening quote is at `i`. */
function skipString(text: string, i: number): number {
  const end = stringEnd(text, i);
  return end < 0 ? text.length : end + 1;
}

/** The offset after the value that starts at `i` (valid JSON). */
function skipValue(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === 34) return skipString(text, i);
  if (c === 123 || c === 91) {
    let depth = 0;
    for (let j = i; j < text.length; j++) {
      const d = text.charCodeAt(j);
      if (d === 34) j = skipString(text, j) - 1;
      else if (d === 123 || d === 91) depth++;
      else if ((d === 125 || d === 93) && --depth === 0) return j + 1;
    }
    return text.length;
  }
  let j = i;
  for (; j < text.length; j++) {
    const d = text.charCodeAt(j);
    if (d === 44 || d === 125 || d === 93 || d === 32 || d === 10 || d === 13 || d === 9) break;
  }
  return j;
}

/** The offset a problem's path leads to: the deepest place of the path that exists. */
function offsetOfPath(text: string, root: PathPlaces, p: UnlocatedProblem): number {
  if (!root) return 0;
  let place = root;
  let len = 0;
  for (const segment of p.path) {
    const next: Place | undefined = typeof segment === 'string' ? place.keys?.get(segment) : place.items?.get(segment);
    if (!next?.found) break;
    place = next;
    len++;
  }
  const exact = len === p.path.length;
  if (exact && p.atKey && place.property) return place.keyOffset;
  if (exact && p.stringIndex !== undefined && text.charCodeAt(place.offset) === 34) return rawStringOffset(text, place.offset, p.stringIndex);
  return place.offset;
}

/** The file offset of character `index` of the decoded string whose opening quote is at `quote`. */
export function rawStringOffset(text: string, quote: number, index: number): number {
  let raw = quote + 1;
  for (let decoded = 0; decoded < index && raw < text.length; decoded++) {
    if (text.charCodeAt(raw) === 92) raw += text[raw + 1] === 'u' ? 6 : 2;
    else raw += 1;
  }
  return raw;
}

// mayRepeatKeys lives with repeatedKey (text/json-keys.ts): the records and saves read it too, without the validator.
export { mayRepeatKeys } from '../text/json-keys.js';

/**
 * A warning for every key that appears a second (or later) time in the same object. JSON.parse
 * keeps the last value without a word, so a trainer who pasted a field twice would otherwise
 * never learn which one counts. Call only on valid JSON that is not excessively nested.
 */
export function duplicateKeyProblems(text: string): UnlocatedProblem[] {
  const out: UnlocatedProblem[] = [];
  const stack: Map<string, number>[] = [];
  let lines: LineMap | undefined;
  visit(text, {
    onObjectBegin: () => { stack.push(new Map()); },
    onObjectEnd: () => { stack.pop(); },
    onObjectProperty: (key, offset, _length, _line, _column, pathSupplier) => {
      const keys = stack[stack.length - 1];
      if (!keys) return;
      const first = keys.get(key);
      if (first === undefined) { keys.set(key, offset); return; }
      lines ??= new LineMap(text);
      const firstLine = lines.position(first).line;
      out.push({ severity: 'warning', code: 'duplicate-key', path: [...(pathSupplier() as JsonPath), key], offset,
        message: `The field ${quoteValue(key)} appears again in this object (first on line ${firstLine}); only the last one is used and the earlier value is ignored.`,
        fix: `Keep one ${quoteValue(key)}: delete the one you do not want (or merge the two).` });
    },
  }, { disallowComments: true });
  return out;
}

/**
 * The value that ends just before `at` on its line, as a fix names it: a text as written ("jade"),
 * a number or word as it is (50, true), a closing bracket as "the ]". Undefined when none is there.
 */
export function valueBefore(text: string, at: number): string | undefined {
  let end = at;
  while (end > 0 && (text.charAt(end - 1) === ' ' || text.charAt(end - 1) === '\t')) end--;
  const c = text.charAt(end - 1);
  if (c === '}' || c === ']') return `the ${c}`;
  if (c === '"') {
    const lineStart = text.lastIndexOf('\n', end - 1) + 1;
    // The opening quote: the last quote before it on the line that is not escaped.
    for (let i = end - 2; i >= lineStart; i--) {
      if (text.charAt(i) !== '"') continue;
      let slashes = 0;
      while (text.charAt(i - 1 - slashes) === '\\') slashes++;
      if (slashes % 2 === 0) return quoteAsWritten(text.slice(i + 1, end - 1), 40);
    }
    return undefined;
  }
  const word = /[\w.+-]+$/.exec(text.slice(Math.max(0, end - 40), end))?.[0];
  return word === undefined ? undefined : lineAsWritten(word, 40);
}

/**
 * Where the value before `at` ends: white space and comments (// to the end of a line, or from /* to its end) skipped (a comma left out
 * before a comment that holds quotation marks was taken for a quotation mark inside the text:
 * found by validator-51), and whether a comment was skipped. The // of a line is found by pairing
 * the line's quotes from its start, so "https://…" inside a text is no comment.
 */
function endOfValueBefore(text: string, at: number): { end: number; comment: boolean } {
  let end = at;
  let comment = false;
  for (let guard = 0; guard < 1000; guard++) {
    while (end > 0 && /\s/.test(text.charAt(end - 1))) end--;
    if (end >= 2 && text.charAt(end - 1) === '/' && text.charAt(end - 2) === '*') {
      const open = text.lastIndexOf('/*', end - 3);
      if (open < 0) break;
      end = open;
      comment = true;
      continue;
    }
    const lineStart = text.lastIndexOf('\n', end - 1) + 1;
    let slashes = -1;
    for (let i = lineStart; i < end - 1; i++) {
      const c = text.charAt(i);
      if (c === '"') {
        i++;
        while (i < end && text.charAt(i) !== '"') i += text.charAt(i) === '\\' ? 2 : 1;
      } else if (c === '/' && text.charAt(i + 1) === '/') {
        slashes = i;
        break;
      }
    }
    if (slashes < 0) break;
    end = slashes;
    comment = true;
  }
  return { end, comment };
}
