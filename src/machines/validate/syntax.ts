import { printParseErrorCode, type ParseError } from 'jsonc-parser';
import { lineAsWritten, quoteAsWritten, quoteValue } from '../text/quote.js';
import { countWords, firstFew } from '../text/first-few.js';
import type { UnlocatedProblem } from './problem.js';
import { pointerWords } from './pointers.js';

/**
 * The mistakes non-programmers make most when typing JSON by hand each set off a cascade of
 * parser errors ("unexpected character", "comma expected", …) that names none of them. These
 * checks look at the first parser error and the text around it, and when they recognise the
 * likely cause they give one problem that says what it is, at the character to change.
 */
export function likelySyntaxCause(text: string, errors: readonly ParseError[]): UnlocatedProblem | undefined {
  const first = errors[0];
  if (!first) return undefined;
  const at = Math.min(first.offset, text.length);
  const code = printParseErrorCode(first.error);
  // A // or /* */ comment: the parser has said so (SYNTAX_HELP) and reads on past it. The causes
  // below read the text after the stop as JSON, and a comment's words are not: a quotation mark in
  // "// ask "Maria"" was taken for one inside the text before it (found by validator-51), hiding the
  // comma left out before the comment.
  if (code === 'InvalidCommentToken' || code === 'UnexpectedEndOfComment') return undefined;
  const atEnd = text.slice(at).trim() === '';
  const lost = atEnd || code === 'CommaExpected' || code === 'PropertyNameExpected' ? bracketsLostMidFile(text, at, atEnd ? 1 : 2) : undefined;
  return lost ?? decimalComma(text, at, code) ?? proseFile(text, at, code) ?? fileNotOpened(text, at, code) ?? textAfterEnd(text, at, code) ?? (code === 'InvalidEscapeCharacter' ? badEscape(text, at) : undefined) ?? notClosedAtEnd(text, at, code) ?? objectsRunTogether(text, at, code) ?? objectNotClosed(text, at, code) ?? listNotClosed(text, at, code) ?? objectNotOpened(text, at, code) ?? curlyQuote(text, at) ?? leadingZero(text, at) ?? strayCharacter(text, at) ?? doubledQuote(text, at) ?? lineBreakInText(text, at) ?? missingClosingQuote(text, at) ?? extraBracket(text, at) ?? nameNotClosed(text, at) ?? unescapedQuote(text, at);
}

/**
 * The causes that the text of one line shows, whatever came before it: a quote inside a text,
 * curly quotes, a leading zero, a stray character. After an earlier mistake the bracket structure
 * is no longer known, so the causes read from it (a bracket missing or too many) are left out.
 */
export function likelyCauseOnLine(text: string, offset: number): UnlocatedProblem | undefined {
  const at = Math.min(offset, text.length);
  return curlyQuote(text, at) ?? leadingZero(text, at) ?? strayCharacter(text, at) ?? doubledQuote(text, at) ?? unescapedQuote(text, at) ?? badEscape(text, at);
}

const CURLY = /[\u201c\u201d\u201e\u201f\u2033\u2018\u2019]/;
const CURLY_DOUBLE = /[\u201c\u201d\u201e\u201f\u2033]/;

function problem(code: string, offset: number, message: string, fix: string, repair?: Repair): UnlocatedProblem {
  const p: UnlocatedProblem = { severity: 'error', code, path: [], offset, message, fix };
  if (repair && repair.with.length > 0 && !repair.with.includes('\n')) repairs.set(p, repair);
  return p;
}

/**
 * The text written over `with.length` characters at `at` that makes a recognised mistake valid JSON
 * the way the author meant it, so that the parser can look on for the next one. It keeps the
 * length and the lines of the text (a digit for a digit, a space for a deleted character), so
 * every offset, line and column after it is still the file's own.
 */
interface Repair {
  at: number;
  with: string;
}
const repairs = new WeakMap<UnlocatedProblem, Repair>();

/** The file with the mistake `p` names mended (same length, same lines), when it is one that has a sure mending. */
export function mendedText(text: string, p: UnlocatedProblem): string | undefined {
  const r = repairs.get(p);
  return r ? `${text.slice(0, r.at)}${r.with}${text.slice(r.at + r.with.length)}` : undefined;
}

/**
 * The value a line ends with before `at` (a note's #): where it ends and how a fix names it (5,
 * "Dani", true, the }), when the line has one after a field's name or in a list.
 */
function valueEndingLine(text: string, start: number, at: number): { end: number; shown: string } | undefined {
  const before = text.slice(start, at).trimEnd();
  const end = start + before.length;
  if (before.endsWith('"')) {
    const open = openingQuoteOf(text, start, at, end - 1);
    return open < 0 ? undefined : { end, shown: quoteAsWritten(text.slice(open + 1, end - 1), 40) };
  }
  const word = /(?:-?[0-9][0-9.eE+-]*|true|false|null|[\]}])$/.exec(before)?.[0];
  if (word === undefined) return undefined;
  return { end, shown: word === '}' || word === ']' ? `the ${word}` : lineAsWritten(word, 40) };
}

/**
 * "estimatedMinutes": 7,5 — a number written with a decimal comma, as much of the world writes it:
 * JSON ends the number at the comma and wants the next field's name (found by validator-52: "a
 * field name in double quotes was expected" and "a value was expected", at the top level). Said at
 * the comma, and read on with a point there.
 */
function decimalComma(text: string, at: number, code: string): UnlocatedProblem | undefined {
  if (code !== 'PropertyNameExpected' || !/[0-9]/.test(text.charAt(at)) || text.charAt(at - 1) !== ',') return undefined;
  const whole = /:[ \t]*(-?[0-9]{1,15})$/.exec(text.slice(Math.max(0, at - 40), at - 1))?.[1];
  const fraction = /^[0-9]{1,15}/.exec(text.slice(at, at + 16))?.[0];
  if (whole === undefined || fraction === undefined) return undefined;
  const comma = at - 1;
  return problem('json-syntax', comma, `Not valid JSON: ${whole},${fraction} is a number written with a decimal comma; JSON writes a decimal point, and reads a comma as the end of the value.`,
    `Write ${whole}.${fraction}, with a point (or a whole number, such as ${whole}, where the field asks for one).`, { at: comma, with: '.' });
}

/** The first character at or after `from` that is not white space ('' at the end of the text). */
function firstAfter(text: string, from: number): string {
  const next = /[^ \t\r\n]/g;
  next.lastIndex = from;
  return next.exec(text)?.[0] ?? '';
}

function lineAround(text: string, at: number): { start: number; end: number } {
  const start = text.lastIndexOf('\n', at - 1) + 1;
  const nl = text.indexOf('\n', at);
  return { start, end: nl < 0 ? text.length : nl };
}

/**
 * Where the text that `close` (a double quote) closes opens, its quotes paired from `start` (a
 * line's start) up to `end`; -1 where `close` closes none (it opens one, or is inside no pair).
 */
function openingQuoteOf(text: string, start: number, end: number, close: number): number {
  let open = -1;
  for (let i = start; i <= close; i++) {
    if (text[i] !== '"') continue;
    const j = nextQuote(text, i + 1, end);
    if (j === close) open = i;
    i = j;
  }
  return open;
}

/** The first '"' from `from` that is not escaped by a backslash, or `end` when there is none before it. */
function nextQuote(text: string, from: number, end: number): number {
  let q = from;
  while (q < end && text[q] !== '"') q += text[q] === '\\' ? 2 : 1;
  return Math.min(q, end);
}

/** The line of the '"' at `at` when that quote opens a text the line does not close; else undefined. */
function openOnItsLine(text: string, at: number): { start: number; end: number } | undefined {
  if (text.charAt(at) !== '"') return undefined;
  const line = lineAround(text, at);
  return nextQuote(text, at + 1, line.end) < line.end ? undefined : line;
}

/** “id”: “x” — a word processor's curly quotes where JSON needs straight ones. */
function curlyQuote(text: string, at: number): UnlocatedProblem | undefined {
  let offset = CURLY.test(text.charAt(at)) ? at : -1;
  if (offset < 0) {
    // "id”: … — a curly quote that closes a name or text: the string runs on, so the parser stops
    // later on the same line. Only quotes next to JSON punctuation count, not quotes inside text.
    const { start, end } = lineAround(text, at);
    const line = text.slice(start, end);
    const m = /(?:^|[{[,:])\s*([\u201c\u201d\u201e\u201f\u2033])|([\u201c\u201d\u201e\u201f\u2033])(?=\s*(?:[:,}\]]|$))/.exec(line);
    if (m) offset = start + (m.index ?? 0) + m[0].search(CURLY_DOUBLE);
  }
  if (offset < 0) return undefined;
  const single = /[\u2018\u2019]/.test(text.charAt(offset));
  // The author's own line with its curly quotes around names and values made straight (those next
  // to JSON punctuation or the line's ends; curly quotes inside a text stay): what to type (without
  // a comma at its end, which the sentence would run into).
  const { start, end } = lineAround(text, offset);
  const line = text.slice(start, end);
  const straight = line.replace(/(^|[{[,:])(\s*)[\u201c\u201d\u201e\u201f\u2033\u2018\u2019]/g, '$1$2"').replace(/[\u201c\u201d\u201e\u201f\u2033\u2018\u2019](?=\s*(?:[:,}\]]|$))/g, '"').trim().replace(/,$/, '');
  const example = straight !== line.trim() && straight.length <= 100 ? `here: ${lineAsWritten(straight)}` : 'as in "id": "first-call"';
  return problem('syntax-curly-quote', offset,
    `Not valid JSON: ${quoteValue(text.charAt(offset))} is a curly (typographic) quotation mark; JSON needs straight double quotes " around every name and text.`,
    `Replace the curly quotes ${single ? '‘ ’' : '“ ”'} around names and text with straight ones, ${example}. Word processors change " into “ ” as you type, so write scenarios in a code editor such as VS Code (or turn off "smart quotes"). Curly quotes inside a text are fine.`);
}

/** "version": 01 — JSON numbers cannot start with 0. */
function leadingZero(text: string, at: number): UnlocatedProblem | undefined {
  if (!/[0-9]/.test(text.charAt(at))) return undefined;
  const before = /(?:^|[^0-9.eE+-])(-?0)$/.exec(text.slice(Math.max(0, at - 3), at));
  if (!before?.[1]) return undefined;
  const start = at - before[1].length;
  const written = /^-?0[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/.exec(text.slice(start, start + 40))?.[0];
  if (!written) return undefined;
  const value = String(Number(written));
  return problem('syntax-leading-zero', start,
    `Not valid JSON: numbers cannot start with 0, but this one is written ${quoteValue(written)}.`,
    `Leave out the leading zero: write ${quoteValue(Number(written))}. (A number between 0 and 1 is written 0.5.)`,
    /^-?[0-9.]+$/.test(value) && value.length <= written.length ? { at: start, with: value.padStart(written.length, ' ') } : undefined);
}

/** Spaces that look like a space but are not one to JSON (pasted from a word processor or a web page). */
export const ODD_SPACES: Record<string, string> = {
  '\u00a0': 'a non-breaking space', '\u2002': 'an en space', '\u2003': 'an em space', '\u2007': 'a figure space',
  '\u2009': 'a thin space', '\u200a': 'a hair space', '\u200b': 'a zero-width space', '\u202f': 'a narrow non-breaking space',
  '\u2060': 'a word joiner', '\u3000': 'an ideographic space', '\ufeff': 'a zero-width no-break space',
};

/**
 * A character JSON does not allow where a name or value should start, that a trainer cannot tell
 * from the right one: an invisible space, a dash for a minus, "+5", True, yes, 'single quotes'.
 * Named, so that "unexpected character" on a line that looks right is not a riddle, and reported
 * once instead of with the parser's follow-on errors.
 */
/**
 * After a text's closing quote, only what may end a value on its line: spaces, and a comma or a
 * closing bracket. Worked out without a regular expression: /\s*[,}\]]?\s*$/ backtracks over a run
 * of spaces not at the end of the line in quadratic time (a line of 100,000 spaces took seconds).
 */
function closesValue(tail: string): boolean {
  const t = tail.trim();
  return t === '' || t === ',' || t === '}' || t === ']';
}

/**
 * A line's words with no double quote at all, and the comma that ends them, if any: as
 * /^([^"\s{[\]},'][^"]*?)\s*(,?)\s*$/ would match them, in linear time (that expression took cubic
 * time over spaces followed by a word: 2,000 of them, ten seconds).
 */
function unquotedText(rest: string): [string, string, string] | undefined {
  if (rest.includes('"') || !/^[^"\s{[\]},']/.test(rest)) return undefined;
  const trimmed = rest.trimEnd();
  // { "to": s1-guarded } — an id without its quotes, the brackets of a one-line object or list
  // after it: they close the object, not part of the text (found by validator-52: the fix put
  // them inside the quotes, "s1-guarded }").
  const closed = /^([^\s"{[\]},]+)([ \t]*[}\]][ \t}\],]*)$/.exec(trimmed);
  if (closed?.[1] !== undefined && closed[2] !== undefined) return [rest, closed[1], closed[2]];
  const comma = trimmed.endsWith(',') ? ',' : '';
  return [rest, comma ? trimmed.slice(0, -1).trimEnd() : trimmed, comma];
}

function strayCharacter(text: string, at: number): UnlocatedProblem | undefined {
  const c = text.charAt(at);
  const code = `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  // ```json … ```: the worked example copied from a Markdown page (docs/authoring.md) with its fence
  // lines. Found by author-50: "unexpected character … put the text it is part of in double quotes".
  if (c === '`' || c === '~') {
    const { start, end } = lineAround(text, at);
    const line = text.slice(start, end).replace(/\r$/, '');
    const fence = /^[ \t]*((?:`{3,}|~{3,})[\w+-]{0,20})[ \t]*$/.exec(line)?.[1];
    if (fence !== undefined && text.slice(start, at).trim() === '') {
      return problem('json-syntax', at, `Not valid JSON: ${quoteValue(fence)} is a Markdown code fence, the line around an example on a Markdown page (such as docs/authoring.md); it is not part of the scenario.`,
        'Delete this line. A scenario file starts with { and ends with }.', { at, with: ' '.repeat(fence.length) });
    }
  }
  // # ask Maria — a note after #, as in a spreadsheet or a YAML file (found by author-50: two
  // "unexpected character" errors). Said as a // comment is, and read on without it.
  if (c === '#') {
    const { start, end } = lineAround(text, at);
    const before = text.slice(start, at).trim();
    // Right after a quote with a quote later on the line ("He wrote "#1 fan" on the card."), the #
    // is inside a text a bare quotation mark ended early: that mark is the mistake (found by
    // hostile-50: told "comments are not allowed"). A note after a comma may still quote.
    // A space between the quote and the # is a note's ("d1-where" # "where" question: told a quote
    // inside the text ended it early, with no text to show, found by validator-52).
    const inText = before.endsWith('"') && text.charAt(at - 1) === '"' && text.slice(at, end).includes('"');
    if (!inText && (before === '' || /(?:[,{}[\]"0-9]|true|false|null)$/.test(before))) {
      const note = text.slice(at, end).replace(/\r$/, '');
      const named = `the note after # on this line (${lineAsWritten(note.trimEnd(), 40)})`;
      const elsewhere = 'Notes for other authors go in "authorNotes" (never shown); notes for the trainer leading a session, in "facilitatorNote".';
      // "minutes": 5 # "five" minutes, with the comma left out (or typed at the note's end, where
      // it is part of the note): the next field read as a second value, its place and words those
      // of the note's quoted words ("five: a comma was expected", found by validator-52). One
      // problem names both, and the comma goes right after the value, before the note.
      const value = /(?:"|[0-9]|true|false|null|[\]}])$/.test(before) && !['', '}', ']', ','].includes(firstAfter(text, end)) ? valueEndingLine(text, start, at) : undefined;
      if (value) {
        const column = value.end - start + 1;
        const lineNo = text.slice(0, at).split('\n').length;
        return problem('json-syntax', at, `Not valid JSON: comments are not allowed in JSON, and ${named} is one; the comma after ${value.shown} is missing too${note.trimEnd().endsWith(',') ? ' (the comma at the end of the note is part of the note, so it does not count)' : ''}.`,
          `Delete the note, from # to the end of the line (notes for other authors go in "authorNotes", never shown; notes for the trainer leading a session, in "facilitatorNote"), and type a comma right after ${value.shown}, at line ${lineNo}, column ${column}, so that the line reads: ${lineAsWritten(`${text.slice(start, value.end).trimStart()},`, 100)}`,
          { at: value.end, with: `,${' '.repeat(at + note.length - value.end - 1)}` });
      }
      return problem('json-syntax', at, `Not valid JSON: comments are not allowed in JSON, and ${named} is one.`,
        `Delete the note, from # to the end of the line. ${elsewhere}`, { at, with: ' '.repeat(note.length) });
    }
  }
  // "title": "The gloves"; — a semicolon or full stop typed at the end of a line where the comma
  // goes (found by author-50: "unexpected character … remove this character", then "a comma was
  // expected", two problems for one mark). Read on with a comma there (or nothing, before a } or ]).
  if (c === ';' || c === '.') {
    const { start, end } = lineAround(text, at);
    const before = text.slice(start, at).trimEnd();
    const after = text.slice(at + 1, end).trim();
    // The value the mark follows: the line's last text (its quotes paired from the line's start), or a number, true, false, null or a bracket.
    let valueStart = -1;
    const lastChar = start + before.length - 1;
    for (let i = start; i <= lastChar; i++) {
      if (text[i] !== '"') continue;
      const j = nextQuote(text, i + 1, end);
      if (j === lastChar) valueStart = i;
      i = j;
    }
    const tail = before.slice(-24);
    const value = valueStart >= 0 ? text.slice(valueStart, lastChar + 1) : (c === ';' ? /(?:true|false|null|-?[0-9]{1,20}|[\]}])$/.exec(tail)?.[0] : /(?:true|false|null|[\]}])$/.exec(tail)?.[0]);
    if (value !== undefined && after === '') {
      const next = text.slice(end).trimStart().charAt(0);
      const mark = c === ';' ? 'a semicolon ;' : 'a full stop .';
      if (next === '}' || next === ']') {
        return problem('json-syntax', at, `Not valid JSON: ${mark} after the last value of its ${next === '}' ? 'object' : 'list'}.`,
          `Delete the ${c}, so that the line ends with the value: ${lineAsWritten(value, 100)}`, { at, with: ' ' });
      }
      if (next === '"' || next === '{' || next === '[') {
        return problem('json-syntax', at, `Not valid JSON: ${mark} after the value, where the comma that separates it from the next ${next === '"' ? 'field' : 'item'} goes.`,
          `Write a comma instead: ${lineAsWritten(value, 100)},`, { at, with: ',' });
      }
    }
  }
  // "title": "x": "summary": …   or   "title": "x": at a line's end — a colon typed after a field's
  // value where the comma goes (found by author2-50: "a comma was expected between two items" with
  // "add a comma after the value before it", then "a value was expected here"). Only after a
  // field's value (a name and a colon before it), with a field's name next on the line, or nothing
  // more on it. Read on with a comma there (or nothing, before a } or ]).
  // "gte": 60% — a percent sign typed after a number, as a score is said (found by validator-52:
  // "unexpected character", with a fix about double quotes). Read on without it.
  if (c === '%') {
    const number = /-?[0-9]+(?:\.[0-9]+)?$/.exec(text.slice(Math.max(0, at - 24), at))?.[0];
    if (number !== undefined) {
      return problem('json-syntax', at, `Not valid JSON: a percent sign % after ${number}; a number in JSON is digits only.`,
        `Delete the %: write ${number}. The numbers of a scenario are written without units or signs after them.`, { at, with: ' ' });
    }
  }
  if (c === ':') {
    const colonProblem = colonForComma(text, at);
    if (colonProblem) return colonProblem;
  }
  const space = ODD_SPACES[c];
  if (space) {
    return problem('json-syntax', at, `Not valid JSON: unexpected character: ${space} (${code}), which looks like an ordinary space but is not one to JSON.`,
      'Delete it and type an ordinary space. Such spaces come with text pasted from a word processor or a web page, so look for more of them on the lines you pasted.', { at, with: ' ' });
  }
  if (HIDDEN_SYMBOL.test(c)) return hiddenSymbolProblem(text, hiddenPart(text, at, at + 200, false), []);
  // Right after a text ends, a word or number is more of that text: "She said "no" to me" (a quote
  // inside the text, see unescapedQuote), not a value written the wrong way.
  let before = at - 1;
  while (before >= 0 && (text[before] === ' ' || text[before] === '\t')) before--;
  const afterText = text[before] === '"';
  const number = afterText ? undefined : /^[+\u2012\u2013\u2014\u2212]([0-9]+)/.exec(text.slice(at, at + 24));
  if (number?.[1]) {
    const digits = number[1].replace(/^0+(?=[0-9])/, '');
    return c === '+'
      ? problem('json-syntax', at, `Not valid JSON: this number is not written the JSON way: it starts with "+".`,
        `Leave out the "+": write ${digits} (a number without a sign counts as positive; a negative one is written -${digits}).`, { at, with: ' ' })
      : problem('json-syntax', at, `Not valid JSON: unexpected character: ${quoteValue(c)} (${code}) is a dash, not the minus sign JSON needs.`,
        `Write the number with the hyphen-minus key: -${digits}. Word processors turn - into a dash as you type.`, { at, with: '-' });
  }
  const spelt = afterText ? undefined : wordsForValue(text, at);
  if (spelt) return spelt;
  const word = /^[A-Za-z]+/.exec(text.slice(at, at + 12))?.[0];
  if (!afterText && word !== undefined && /^(?:true|false|yes|no)$/i.test(word) && !/^(?:true|false)$/.test(word)) {
    const meant = /^(?:true|yes)$/i.test(word) ? 'true' : 'false';
    return problem('json-syntax', at, `Not valid JSON: unexpected character: ${quoteValue(word)} is not a JSON value.`,
      `Write ${meant} (in lower case, without quotes): JSON's yes and no are true and false.`);
  }
  if (c === '=' && /"\s*$/.test(text.slice(Math.max(0, at - 40), at))) {
    return problem('json-syntax', at, 'Not valid JSON: a colon ":" was expected after the field name, not "=".',
      'Separate every name from its value with a colon: "title": "…".', { at, with: ':' });
  }
  // title": "The phone" — a field's name that lost its opening quote (found by author-50: three or
  // four errors, none naming it). Read on with its first letter taken for the quote.
  const halfQuoted = !afterText ? /^([A-Za-z_$][A-Za-z0-9_-]{0,40})"\s*:/.exec(text.slice(at, at + 60)) : null;
  if (halfQuoted?.[1] && /[{,]\s*$/.test(text.slice(Math.max(0, at - 200), at))) {
    return problem('json-syntax', at, `Not valid JSON: the field name ${halfQuoted[1]} has no opening double quote.`,
      `Add a " before it: "${halfQuoted[1]}":`, { at, with: '"' });
  }
  // title: "The phone" — a field's name without its quotes, where the object wants a name.
  const bare = !afterText ? /^([A-Za-z_][A-Za-z0-9_-]*)\s*:/.exec(text.slice(at, at + 60)) : null;
  if (bare?.[1] && /[{,]\s*$/.test(text.slice(Math.max(0, at - 200), at))) {
    return problem('json-syntax', at, `Not valid JSON: the field name ${bare[1]} is not in double quotes.`,
      `Write "${bare[1]}": with double quotes around the name, as every field name in JSON has.`);
  }
  // "title": The phone", — a text without its opening quote: words, then a quote that ends the line's value.
  const { end: lineEnd } = lineAround(text, at);
  const rest = text.slice(at, lineEnd);
  if (!afterText && /:\s*$/.test(text.slice(Math.max(0, at - 200), at)) && /^[^"\s{[\]}:,]/.test(rest) && rest.includes('"') && closesValue(rest.slice(rest.indexOf('"') + 1))) {
    const words = rest.slice(0, rest.indexOf('"'));
    return problem('json-syntax', at, 'Not valid JSON: this text has no opening double quote.',
      `Add a " before it: ${quoteValue(`"${words}"`, 60).slice(1, -1).replace(/\\"/g, '"')}.`);
  }
  // "text": I'm glad you came, — a text with no quotes at all: words to the end of the line (not a
  // number, true, false or null). The parser gave one "unexpected character" per word.
  const unquoted = unquotedText(rest);
  if (!afterText && /:\s*$/.test(text.slice(Math.max(0, at - 200), at)) && unquoted?.[1] && !/^(?:[-+]?[0-9.]|(?:true|false|null)\b)/i.test(unquoted[1])) {
    return problem('json-syntax', at, 'Not valid JSON: this text is not in double quotes.',
      `Put a " at its start and another at its end: ${quoteAsWritten(unquoted[1], 80)}${unquoted[2]} (every text in JSON is in double quotes; an apostrophe inside it is fine).`);
  }
  if (c === "'") {
    // 'The new phone', or 'title': the trainer's own words, written with double quotes (the example
    // "title": "The phone" read as if it asked for another title). Only when the text closes on this
    // line and a comma, colon or bracket follows, so "Maya's" in 'Maya's phone' is not taken for it.
    const quoted = /^'([^'"\\\n]+)'(?=\s*(?:[,:}\]]|$))/.exec(rest);
    // 'title': 'The phone' — the name and its value both: the whole of it, as it should be written
    // (found by validator-51: only "title" was shown, and the value was the next run's error).
    const pair = /^'([^'"\\\n]+)'\s*:\s*'([^'"\\\n]*)'(?=\s*(?:[,}\]]|$))/.exec(rest);
    return problem('json-syntax', at, 'Not valid JSON: unexpected character: a single quote \'. JSON needs straight double quotes " around every name and text.',
      pair?.[1] !== undefined && pair[2] !== undefined
        ? `Write ${lineAsWritten(`${quoteAsWritten(pair[1], 60)}: ${quoteAsWritten(pair[2], 80)}`, 160)}, with double quotes instead of single ones, around the name and the text. An apostrophe inside a text is fine: "Isn't it cool?".`
        : quoted?.[1]
        ? `Write ${quoteAsWritten(quoted[1], 80)}, with double quotes instead of single ones. An apostrophe inside a text is fine: "Isn't it cool?".`
        : 'Write "title": "The phone", with double quotes. An apostrophe inside a text is fine: "Isn\'t it cool?".');
  }
  return undefined;
}

/**
 * The problem for a colon at `at` typed after a field's value where the comma goes, or undefined
 * when the colon is not plainly that (see strayCharacter).
 */
function colonForComma(text: string, at: number): UnlocatedProblem | undefined {
  const { start, end } = lineAround(text, at);
  const before = text.slice(start, at).trimEnd();
  const after = text.slice(at + 1, end).replace(/\r$/, '');
  const lastChar = start + before.length - 1;
  // The value the colon follows: the line's last text (its quotes paired from the line's start),
  // or a number, true, false or null, each after a field's name and its colon; or a closing bracket.
  const valueStart = openingQuoteOf(text, start, end, lastChar);
  let value: string | undefined;
  let bracket = false;
  if (valueStart >= 0) {
    if (text.slice(start, valueStart).trimEnd().endsWith(':')) value = text.slice(valueStart, lastChar + 1);
  } else {
    const tail = before.slice(-40);
    value = /"\s*:\s*(-?[0-9][0-9.eE+-]{0,20}|true|false|null)$/.exec(tail)?.[1];
    if (value === undefined && /[\]}]$/.test(tail)) {
      value = tail.slice(-1);
      bracket = true;
    }
  }
  if (value === undefined) return undefined;
  const why = 'A colon goes only between a field\'s name and its value.';
  if (after.trim() === '') {
    const next = text.slice(end).trimStart().charAt(0);
    if (next === '}' || next === ']') {
      return problem('json-syntax', at, `Not valid JSON: a colon : after the last value of its ${next === '}' ? 'object' : 'list'}. ${why}`,
        `Delete the :, so that the line ends with the value: ${lineAsWritten(value, 100)}`, { at, with: ' ' });
    }
    if (next === '"' || (bracket && (next === '{' || next === '['))) {
      return problem('json-syntax', at, `Not valid JSON: a colon : after the value, where the comma that separates it from the next ${next === '"' ? 'field' : 'item'} goes. ${why}`,
        `Write a comma instead: ${lineAsWritten(value, 100)},`, { at, with: ',' });
    }
    return undefined;
  }
  // The next field's name on the same line: "title": "x": "summary": …
  if (!bracket && /^\s*"(?:[^"\\\n]|\\.){0,200}"\s*:/.test(after)) {
    return problem('json-syntax', at, `Not valid JSON: a colon : after the value, where the comma that separates it from the next field goes. ${why}`,
      `Write a comma instead: ${lineAsWritten(value, 100)},`, { at, with: ',' });
  }
  // A second value after the colon, and nothing more: "title": "x": "y", (found by validator-51:
  // "a comma was expected between two items" with "add a comma after the value before it", then "a
  // value was expected here", and a comma alone leaves "y" a value without a field's name). Either
  // the text itself holds a colon and its quotes went round the two halves ("Scene 2": "The porch"),
  // or a comma and the next field's name were left out. Read on without the colon and the second value.
  const second = bracket ? null : /^(\s*)("(?:[^"\\\n]|\\.){0,500}"|-?[0-9][0-9.eE+-]{0,20}|true|false|null)(?=\s*(?:[,}\]]|$))/.exec(after);
  if (second?.[2] !== undefined) {
    const next = second[2];
    const nextAt = at + 1 + (second[1]?.length ?? 0);
    const field = /"((?:[^"\\\n]|\\.){0,200})"\s*:\s*$/.exec(text.slice(start, valueStart >= 0 ? valueStart : lastChar + 1 - value.length))?.[1];
    const shown = (s: string) => lineAsWritten(s, 60);
    const written = `${field !== undefined ? `"${field}": ` : ''}${value}`;
    const asField = `If ${shown(next)} is the value of another field, end this one with a comma and write that field's name in double quotes before the colon: ${lineAsWritten(`${written}, "name-of-the-field": ${next}`, 160)}.`;
    const bothTexts = value.startsWith('"') && next.startsWith('"');
    const joined = bothTexts ? `${value.slice(0, -1)}${text.slice(at, nextAt).replace(/\s+/g, ' ')}${next.slice(1)}` : '';
    const asOne = bothTexts ? ` If the colon is part of the text, put the whole text in one pair of quotes: ${lineAsWritten(`${field !== undefined ? `"${field}": ` : ''}${joined}`, 160)}.` : '';
    return problem('json-syntax', at,
      `Not valid JSON: the value ${shown(value)} is followed by a colon : and a second value, ${shown(next)}, but a field has one value. A colon goes only between a field's name and its value.`,
      `${asField}${asOne}`, { at, with: ' '.repeat(nextAt + next.length - at) });
  }
  return undefined;
}

/** A character JSON refuses outside a text that no one can see: a control character, a zero-width or direction mark. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const HIDDEN_SYMBOL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/;

/**
 * A terminal's escape sequence at `at` (ESC [ 2 J), named whole: deleting ESC alone leaves "[2J".
 * Only a real one: ESC [ digits letter (colours, clearing), or ESC ] … ended by BEL or ESC \ on the
 * same line, ending before `end`; anything else after ESC is the file's own JSON and stays.
 */
function escapeSequenceAt(text: string, at: number, end = at + 200): string | undefined {
  if (text.charAt(at) !== '\u001b') return undefined;
  // eslint-disable-next-line no-control-regex -- as above
  const sequence = /^\u001b(?:\[[0-9;?]*[A-Za-z]|\][^\u0007\u001b\n]{0,100}(?:\u0007|\u001b\\))/.exec(text.slice(at, Math.min(end, at + 200)))?.[0];
  return sequence;
}

/** Characters written over: `length` characters at `at` become `with` (nothing, or a space for a tab inside a text). */
export interface Mending {
  at: number;
  length: number;
  with: string;
}

/** The part to delete at `at`: a terminal's escape sequence whole (ending before `end`), else the character; a tab inside a text becomes a space. */
function hiddenPart(text: string, at: number, end: number, inText: boolean): Mending {
  const sequence = escapeSequenceAt(text, at, end);
  return { at, length: sequence?.length ?? 1, with: inText && text.charAt(at) === '\t' ? ' ' : '' };
}

/**
 * " It holds 3 more such characters after it." for the parts of one text (or one run) past the
 * first; when one is an escape sequence, each is named ("It holds 1 more after it: the escape
 * sequence "\u001b[1m"."): counted as a character, an author deleted its ESC alone, leaving "[1m"
 * in the text, which then checked valid and showed on every screen.
 */
function moreAfter(text: string, rest: readonly Mending[]): string {
  const count = rest.length;
  if (count === 0) return '';
  if (!rest.some((m) => m.length > 1)) return ` It holds ${countWords(count)} more such character${count > 1 ? 's' : ''} after it.`;
  const named = rest.slice(0, 3).map((m) => (m.length > 1 ? `the escape sequence ${quoteValue(text.slice(m.at, m.at + m.length))}` : quoteValue(text.charAt(m.at))));
  const list = count > 3 ? `${named.join(', ')} and ${countWords(count - 3)} more` : named.length > 1 ? `${named.slice(0, -1).join(', ')} and ${named.at(-1)}` : named[0];
  return ` It holds ${countWords(count)} more after it: ${list}.`;
}

/** ", and the others after them, each escape sequence whole ("[1m" too, not the ESC alone)", or ", and the others" when none is one. */
function andTheOthers(text: string, rest: readonly Mending[]): string {
  if (rest.length === 0) return '';
  const sequence = rest.find((m) => m.length > 1);
  return sequence ? ` and the others after them, each escape sequence whole (${quoteValue(text.slice(sequence.at + 1, sequence.at + sequence.length))} too, not the ESC alone)` : ' and the others';
}

/** The problem for the hidden part `first` outside a text (a stray ESC, a NUL…), `rest` the parts after it in its run. */
function hiddenSymbolProblem(text: string, first: Mending, rest: readonly Mending[]): UnlocatedProblem {
  const { at } = first;
  const c = text.charAt(at);
  const code = `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  const sequence = first.length > 1 ? text.slice(at, at + first.length) : undefined;
  return problem('json-syntax', at, sequence
    ? `Not valid JSON: unexpected characters: a terminal's escape sequence ${quoteValue(sequence)}, invisible in most editors.${moreAfter(text, rest)}`
    : `Not valid JSON: unexpected character: an invisible control character ${quoteValue(c)} (${code}).${moreAfter(text, rest)}`,
  `Delete ${sequence ? `all ${sequence.length} of these characters` : 'it'}${andTheOthers(text, rest)}: most editors do not show ${sequence || rest.length > 0 ? 'them' : 'it'} (VS Code shows a small box, or "ESC"). Such characters come with text pasted from a terminal or another program.`);
}

/** The problem for the control character `first` inside a text (a tab, an ESC and its sequence, a NUL…), `rest` the parts after it in that text. */
function controlInTextProblem(text: string, first: Mending, rest: readonly Mending[]): UnlocatedProblem {
  const { at } = first;
  const c = text.charAt(at);
  const more = moreAfter(text, rest);
  if (c === '\t') return problem('json-syntax', at, `Not valid JSON: a tab is inside a text.${more}`, 'Delete it and type spaces (or write \\t).');
  if (first.length > 1) {
    const sequence = text.slice(at, at + first.length);
    return problem('json-syntax', at, `Not valid JSON: a terminal's escape sequence ${quoteValue(sequence)} is inside a text, invisible in most editors.${more}`,
      `Delete all ${sequence.length} of these characters${andTheOthers(text, rest)}: most editors do not show them (VS Code shows a small box, or "ESC"). Such characters come with text pasted from a terminal or another program.`);
  }
  return problem('json-syntax', at, `Not valid JSON: a control character is inside a text.${more}`, controlInTextFix(c));
}

const CONTROL_NAMES: Record<string, string> = {
  '\u0000': 'a NUL character', '\u0007': 'a bell character', '\u0008': 'a backspace character', '\u000b': 'a vertical tab', '\u000c': 'a form feed', '\u001b': 'an escape character',
};

/**
 * The fix for a control character (not a tab) written as it is inside a text: delete it, saying
 * which it is. It was "Delete it, or write \n for a new line" for every one, words meant for a line
 * break: an ESC (what is left of a terminal's colour code) or a bell has no place in a scenario.
 */
export function controlInTextFix(c: string): string {
  const which = `${quoteValue(c)}, ${CONTROL_NAMES[c] ?? 'a control character'}, U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  const unseen = 'Most editors do not show it (VS Code shows a small box).';
  if (c === '\u001b') return `Delete it (it is ${which}): what is left of a terminal's escape code (a colour, say), which has no place in a scenario. Most editors do not show it (VS Code shows a small box, or "ESC"). It comes with text pasted from a terminal.`;
  // A vertical tab or a form feed breaks a line in some programs: it may stand for one.
  if (c === '\u000b' || c === '\u000c') return `Delete it (it is ${which}); if a new line was meant there, write \\n instead. ${unseen}`;
  return `Delete it (it is ${which}): no screen shows it, and it has no place in a scenario. ${unseen} It comes with text pasted from another program.`;
}

/**
 * The characters no one can see that JSON refuses, by the parser's errors: inside a text (a tab, a
 * terminal's escape sequence, a NUL…) and outside one. Each is a mistake whatever else is wrong, and
 * deleting it (a tab inside a text: typing a space) changes nothing else of the file: they are
 * reported, and the rest of the file is read as if they were gone (source.ts, syntaxProblems), so a
 * quote typed twice on the same line is still named as such. One problem for each text (or run
 * outside the texts) that holds any, at its first, for the first `room` of them; `others` counts the
 * rest. `mendings` are every one of them, in the file's order.
 */
export function hiddenCharacters(text: string, errors: readonly ParseError[], room: number): { mendings: Mending[]; problems: UnlocatedProblem[]; others: number } {
  const mendings: Mending[] = [];
  const problems: UnlocatedProblem[] = [];
  let others = 0;
  /** Where the last part found ends: an error inside an escape sequence already named is part of it. */
  let covered = 0;
  for (const e of errors) {
    if (e.offset < covered) continue;
    const name = printParseErrorCode(e.error);
    const inText = name === 'InvalidCharacter';
    if (!inText && !(name === 'InvalidSymbol' && HIDDEN_SYMBOL.test(text.charAt(e.offset)))) continue;
    // A text: the error is at its opening quote, and every control character in it is one (a line
    // break is another mistake). Outside: the error is at the run of characters JSON refuses.
    const end = Math.min(text.length, e.offset + Math.max(1, e.length));
    const last = inText ? end - 1 : end;
    const before = mendings.length;
    for (let i = inText ? e.offset + 1 : e.offset; i < last; i++) {
      const c = text.charAt(i);
      if (inText ? c >= ' ' || c === '\n' || c === '\r' : !HIDDEN_SYMBOL.test(c)) continue;
      const part = hiddenPart(text, i, inText ? last : i + 200, inText);
      mendings.push(part);
      i += part.length - 1;
      covered = part.at + part.length;
    }
    const first = mendings[before];
    if (!first) continue;
    if (problems.length < room) {
      const rest = mendings.slice(before + 1);
      problems.push(inText ? controlInTextProblem(text, first, rest) : hiddenSymbolProblem(text, first, rest));
    }
    else others++;
  }
  return { mendings, problems, others };
}

/**
 * "narration": "First paragraph.
 * Second paragraph." — text pasted with its line breaks. The parser reports the string as not
 * closed at its opening quote, then one error for each word of the next line. When a later line
 * closes it (a quote followed by , } or ] at the end of a line), this is one problem, at the break.
 */
function lineBreakInText(text: string, at: number): UnlocatedProblem | undefined {
  const first = openOnItsLine(text, at);
  if (!first) return undefined;
  const pasted = pastedTextEnd(text, first.end);
  if (!pasted) return undefined;
  const { closing, lines, quoted } = pasted;
  const breakAt = text.charAt(first.end - 1) === '\r' ? first.end - 1 : first.end;
  const quotes = quoted === undefined ? '' : ` It also has quotation marks inside it (line ${quoted}): write each as \\" (or use ' or “ ” there).`;
  if (lines === 1) {
    return problem('syntax-line-break', breakAt,
      'Not valid JSON: this text runs over a line break. In JSON a text stays on one line, however long.',
      `Join it with the next line (delete the line break here), and write \\n where the text should start a new line (\\n\\n for a new paragraph).${quotes}`);
  }
  // A paragraph or more pasted in: say every break at once, or each run of validate finds one
  // more ("runs over a line break", three times for a text pasted over four lines).
  const last = lineNumber(text, closing);
  return problem('syntax-line-break', breakAt,
    `Not valid JSON: this text runs over ${lines} line breaks, down to line ${last}. In JSON a text stays on one line, however long.`,
    `Join its ${lines + 1} lines into one (delete each line break, from here to line ${last}), and write \\n where the text should start a new line (\\n\\n for a new paragraph${pasted.blank ? ', where it has an empty line' : ''}).${quotes}`);
}

/**
 * Where a text that runs on past the end of its line (`lineEnd`, the offset of that line's end)
 * ends, when later lines close it: the closing quote, how many line breaks it runs over, whether
 * it has an empty line, and the first line with quotation marks inside it. The next quote, on a
 * later line, must end the text: followed by , } or ] and the end of its line, or by the end of its
 * line when the next line with text starts with , } or ] (the text is the last field of its object,
 * such as an ending's narration, or the last item of its list). A later line of prose may quote
 * someone ('Then she said "nobody gets it".'): its quotation marks are part of the text when the
 * line is no field ("name": …) and does not start with a bracket, and the text ends at its last
 * quote (found by author-50: five errors, none of them the line break). Up to 50 lines on.
 */
function pastedTextEnd(text: string, lineEnd: number): { closing: number; lines: number; blank: boolean; quoted?: number } | undefined {
  let quoted: number | undefined;
  for (let start = lineEnd + 1, lines = 1; start < text.length && lines <= 50; lines++) {
    const { end } = lineAround(text, start);
    const q = nextQuote(text, start, end);
    if (q < end) {
      const closesAt = (from: number) => /^"\s*[,}\]]\s*$/.test(text.slice(from, end))
        || (/^"\s*$/.test(text.slice(from, end)) && /^\s*[,}\]]/.test(text.slice(end)));
      let closing = q;
      if (!closesAt(q)) {
        // Prose with quotation marks in it: not a field's name, nor a line that starts with a bracket,
        // nor a list's next text, whole on its line and followed by a comma or the list's end
        // ("learningGoals" one a line, a closing quote left out above it: found by hostile-50).
        const line = text.slice(start, end);
        if (/^\s*(?:[{}[\]]|"(?:[^"\\]|\\.)*"\s*:)/.test(line)) return undefined;
        if (/^\s*"(?:[^"\\]|\\.)*"\s*(?:,\s*)?\r?$/.test(line) && (/,\s*\r?$/.test(line) || /^\s*[\]}]/.test(text.slice(end)))) return undefined;
        quoted ??= lineNumber(text, q);
        let last = q;
        for (let i = nextQuote(text, q + 1, end); i < end; i = nextQuote(text, i + 1, end)) last = i;
        if (last === q || !closesAt(last)) {
          // The text goes on to the next line (its quotation marks paired on this one).
          start = end + 1;
          continue;
        }
        closing = last;
      }
      return { closing, lines, blank: /\n[ \t\r]*\n/.test(text.slice(lineEnd - 1, closing)), ...(quoted === undefined ? {} : { quoted }) };
    }
    start = end + 1;
  }
  return undefined;
}

/**
 * "title": "The first paragraph,  — the closing quote left out, with the next line a new field
 * ("narration": …) or a closing bracket. The parser says only "a string is not closed" at the
 * opening quote; the quote belongs at the end of the text, before the comma that ends the line.
 * (A text that a later line closes is a line break in the text: lineBreakInText.)
 */
function missingClosingQuote(text: string, at: number): UnlocatedProblem | undefined {
  const first = openOnItsLine(text, at);
  if (!first) return undefined;
  // The line before the opening quote is a field's name, or nothing (an item of a list).
  const before = /^\s*("[^"]*"\s*:\s*)?$/.exec(text.slice(first.start, at));
  if (!before) return undefined;
  // The next line with text starts what may follow the text, so the text ended on this line: after
  // a field's value another field or the object's }, after an item of a list another item or the ].
  // (A field's value followed by a line starting with a bare " is a text that runs over a line
  // break: "Jade looks up. / "No," she says.) At the end of the file the file was cut short: that
  // is "a string is not closed", brackets and all.
  const next = /\S/.exec(text.slice(first.end));
  const field = before[1] !== undefined;
  if (!next || !(field ? /^(?:"[^"\n]*"\s*:|\})/ : /^[{}[\]"]/).test(text.slice(first.end + next.index))) return undefined;
  const line = text.slice(at + 1, first.end).replace(/\r$/, '');
  const comma = /,\s*$/.exec(line);
  const textEnd = at + 1 + (comma ? comma.index : line.trimEnd().length);
  const written = text.slice(at + 1, textEnd);
  if (written.trim() === '') return undefined;
  // What comes next says whether a comma belongs after the text: none before a closing bracket
  // (the text is the last of its { } or [ ]), one before another field or item.
  const closing = /^[}\]]/.test(text.slice(first.end + next.index));
  const fix = closing && comma
    ? `Add " at the end of the text and leave out the comma after it (nothing follows it in its ${text[first.end + next.index] === '}' ? '{ }' : '[ ]'}): ${textEnding(written)}"`
    : !closing && !comma
      ? `Add " and a comma at the end of the text: ${textEnding(written)}",`
      : `Add " at the end of the text${comma ? ', before the comma' : ''}: ${textEnding(written)}"${comma ? ',' : ''}`;
  // (For the parser only, keeping every offset: the text's last character becomes its closing
  // quote, and the comma goes or comes as the fix says, so the parser looks on past this line.)
  const mend = written.endsWith('\\') ? undefined
    : closing && comma ? { at: textEnd - 1, with: '" ' }
      : !closing && !comma ? (written.length >= 2 ? { at: textEnd - 2, with: '",' } : undefined)
        : { at: textEnd - 1, with: '"' };
  return problem('json-syntax', textEnd, 'Not valid JSON: this text has no closing double quote, so it runs on to the end of the line.', fix, mend);
}

/** A text as written, opening quote included, or for a long one its last words after "…" (where the quote goes). */
function textEnding(written: string): string {
  if (written.length <= 80) return quoteAsWritten(written, 80).replace(/"$/, '');
  const space = written.indexOf(' ', written.length - 60);
  return `"…${quoteAsWritten(written.slice(space < 0 ? written.length - 60 : space + 1), 80).replace(/^"|"$/g, '')}`;
}

interface Opener {
  char: '{' | '[';
  offset: number;
  /** The name of the field this object or list is the value of, if any. */
  key?: string;
}

/** Brackets open at `at`, and how many of each closing bracket the whole text has too many. */
function bracketState(text: string, at: number): { open: Opener[]; extraBraces: number; extraBrackets: number; lastClosed?: Opener } {
  const stack: Opener[] = [];
  let open: Opener[] = [];
  let lastClosedAtStop: Opener | undefined;
  let lastClosed: Opener | undefined;
  let braces = 0;
  let brackets = 0;
  let lastString = '';
  let key: string | undefined;
  for (let i = 0; i < text.length; i++) {
    if (i === at) [open, lastClosedAtStop] = [[...stack], lastClosed];
    const c = text.charAt(i);
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"' && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      lastString = text.slice(i + 1, j);
      if (j > at && i < at) [open, lastClosedAtStop] = [[...stack], lastClosed];
      i = j;
    } else if (c === ':') key = lastString;
    else if (c === ',') key = undefined;
    else if (c === '{' || c === '[') {
      stack.push({ char: c, offset: i, key });
      key = undefined;
      if (c === '{') braces++;
      else brackets++;
    } else if (c === '}' || c === ']') {
      if (c === '}') braces--;
      else brackets--;
      if (stack[stack.length - 1]?.char === (c === '}' ? '{' : '[')) lastClosed = stack.pop();
    }
  }
  if (at >= text.length) [open, lastClosedAtStop] = [[...stack], lastClosed];
  return { open, extraBraces: -braces, extraBrackets: -brackets, lastClosed: lastClosedAtStop };
}

/** "next": "x" }}, — one closing bracket too many, which no comma can fix. */
function extraBracket(text: string, at: number): UnlocatedProblem | undefined {
  const c = text.charAt(at);
  if (c !== '}' && c !== ']') return undefined;
  const state = bracketState(text, at);
  const top = state.open[state.open.length - 1];
  const matches = top?.char === (c === '}' ? '{' : '[');
  if (matches || (c === '}' ? state.extraBraces : state.extraBrackets) < 1) return undefined;
  const line = (offset: number) => text.slice(0, offset).split('\n').length;
  const what = (o: Opener) => `${o.char === '{' ? 'the object' : 'the list'}${o.key !== undefined ? ` ${quoteValue(o.key)}` : ''} opened on line ${line(o.offset)}`;
  const last = state.lastClosed;
  // The bracket before it is the one that closed `last` (a } for an object), not one like this.
  const closed = last ? `The ${last.char === '{' ? '}' : ']'} before it already closes ${what(last)}` : 'Nothing is open here';
  const still = top ? `; what is still open here is ${what(top)}, which ${top.char === '{' ? 'a }' : 'a ]'} closes` : last ? ', which is the whole scenario, so nothing is left to close' : '';
  // "lines": { … } ]: a field's object followed straight by a ], as when the [ of a list of one was
  // left out; the [ to add is offered before deleting the ].
  const listLost = c === ']' && last?.char === '{' && last.key !== undefined && top?.char === '{' && text.slice(0, at).trimEnd().endsWith('}');
  const missingOpen = listLost ? `If ${quoteValue(last.key ?? '')} is a list ([ … ]), its [ is missing: add it before the { on line ${line(last.offset)}, after ${quoteValue(last.key ?? '')}:. Otherwise delete` : 'Delete';
  return problem('syntax-extra-bracket', at,
    `Not valid JSON: this ${c} is one closing bracket too many. ${closed}${still}.`,
    `${missingOpen} this ${c} (do not add a comma before it). Clicking next to a bracket in VS Code highlights its partner.`, { at, with: ' ' });
}

/** Line and column (1-based) of an offset, as "line 3, column 5". */
function lineColumn(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return `line ${line}, column ${offset - start + 1}`;
}

/**
 * { … "nodes": [ … ] — the file ends with an object or list still open (often the last } was lost
 * when copying). The parser says only "the object is not closed", at the end; this names what is
 * open, where it was opened, and which brackets to add at the end, in order.
 */
function notClosedAtEnd(text: string, at: number, code: string): UnlocatedProblem | undefined {
  if ((code !== 'CloseBraceExpected' && code !== 'CloseBracketExpected') || text.slice(at).trim() !== '') return undefined;
  const { open } = bracketState(text, text.length);
  if (open.length === 0) return undefined;
  const end = endOfTextBefore(text, text.length);
  const lastLine = lineColumn(text, end).replace(/, column.*/, '');
  const innermost = open.length - 1;
  const closers = open.map((o) => (o.char === '{' ? '}' : ']')).reverse();
  const closes = open.map((_, i) => openerWords(text, open, i)).reverse();
  // Past a few (a file of 60 lists opened and never closed), the first ones and how many more.
  const add = closers.length === 1 ? `a ${closers[0]}` : firstFew(closers.map((c) => `a ${c}`), { separator: ', then ', last: ', then ', noun: 'brackets' });
  return problem('syntax-not-closed', end,
    `Not valid JSON: the file ends before ${openerWords(text, open, innermost)} is closed.`,
    `Add ${add} at the end of the file, after the last text on ${lastLine}, to close ${firstFew(closes, { separator: ', then ', last: ', then ' })}. If it is a bracket further up that is missing, add it there instead: clicking next to a bracket in VS Code highlights its partner.`);
}

/**
 * { "id": "a", … "next": "x"   { "id": "b", … — a reply (or node) whose closing } was lost: the
 * parser asks for a comma where the next object starts. Inside an object a { cannot start a field,
 * so the object still open there is the one to close, with "}," after its last value.
 */
function objectNotClosed(text: string, at: number, code: string): UnlocatedProblem | undefined {
  if (text.charAt(at) === ']') return objectNotClosedAtListEnd(text, at, code);
  if (text.charAt(at) !== '{') return undefined;
  let end = endOfTextBefore(text, at);
  // The object's } lost, its comma kept: the parser then wants a field's name where the next object starts.
  const comma = code === 'PropertyNameExpected' && text.charAt(end - 1) === ',';
  if (code !== 'CommaExpected' && !comma) return undefined;
  const { open } = bracketState(text, at);
  const innermost = open.length - 1;
  if (open[innermost]?.char !== '{' || innermost < 1) return undefined;
  if (comma) end = endOfTextBefore(text, end - 1);
  const lastLine = lineColumn(text, end).replace(/, column.*/, '');
  const inList = open[innermost - 1]?.char === '[';
  const add = comma ? `a } at the end of ${lastLine}, after its last value and before the comma,` : `${inList ? '"},"' : 'a }'} at the end of ${lastLine}, after its last value,`;
  return problem('syntax-not-closed', end,
    `Not valid JSON: a new object starts on ${lineColumn(text, at).replace(/, column.*/, '')} while ${openerWords(text, open, innermost)} is still open.`,
    `Add ${add} to close that object${inList && !comma ? ' and separate it from the next one' : ''}. Clicking next to a bracket in VS Code highlights its partner.`);
}

/**
 * "next": "x"  ] — the last object of a list (the last reply, the last node) lost its }: the parser
 * asks for a comma at the ] that ends the list, and a comma there only moves the error. Only when
 * the whole text has fewer } than {; with a ] too many as well, the ] was typed for the }.
 */
function objectNotClosedAtListEnd(text: string, at: number, code: string): UnlocatedProblem | undefined {
  if (code !== 'CommaExpected') return undefined;
  const { open, extraBraces, extraBrackets } = bracketState(text, at);
  const innermost = open.length - 1;
  if (open[innermost]?.char !== '{' || open[innermost - 1]?.char !== '[' || extraBraces >= 0 || extraBrackets < 0) return undefined;
  const placeOf = (offset: number) => lineColumn(text, offset).replace(/, column.*/, '');
  if (extraBrackets > 0) {
    return problem('syntax-not-closed', at,
      `Not valid JSON: this ] is where ${openerWords(text, open, innermost)} ends, but an object ends with }, not ].`,
      'Change this ] to }. Clicking next to a bracket in VS Code highlights its partner.');
  }
  const end = endOfTextBefore(text, at);
  const where = endOfTextAfter(text, end) >= lineAround(text, end).end ? `at the end of ${placeOf(end)}` : `at ${lineColumn(text, end)}`;
  return problem('syntax-not-closed', end,
    `Not valid JSON: ${openerWords(text, open, innermost - 1)} ends on ${placeOf(at)} while ${openerWords(text, open, innermost)} is still open.`,
    `Add a } ${where}, after its last value, to close that object before the ] closes the list. Clicking next to a bracket in VS Code highlights its partner.`);
}

/**
 * "nodes": [ { … } } — a list whose ] was lost, found where the text goes on as if it were closed:
 * at a } (or ]) that closes what encloses the list, or at a "field": that belongs to the object
 * around it. The parser asks for a comma there, and a comma only moves the error. Only when the
 * whole text has fewer ] than [, so the ] is missing rather than misplaced.
 */
function listNotClosed(text: string, at: number, code: string): UnlocatedProblem | undefined {
  if (code !== 'CommaExpected') return undefined;
  const c = text.charAt(at);
  // A field's name is an item to the parser, so it stops at the colon after it.
  let name = -1;
  if (c === '"') {
    const { end } = lineAround(text, at);
    const close = nextQuote(text, at + 1, end);
    if (close < end && text.charAt(endOfTextAfter(text, close + 1)) === ':') name = at;
  } else if (c === ':') {
    const quote = endOfTextBefore(text, at) - 1;
    const { start } = lineAround(text, quote);
    for (let i = start; i < quote; i++) {
      if (text[i] !== '"') continue;
      const j = nextQuote(text, i + 1, quote + 1);
      if (j === quote) name = i;
      i = j;
    }
  }
  if (c !== '}' && name < 0) return undefined;
  const from = name < 0 ? at : name;
  const { open, extraBrackets, extraBraces } = bracketState(text, from);
  const innermost = open.length - 1;
  const list = open[innermost];
  if (list?.char !== '[' || extraBrackets >= 0 || innermost < 1) return undefined;
  const placeOf = (offset: number) => lineColumn(text, offset).replace(/, column.*/, '');
  // [ "id": … } — a [ typed for {: the list holds nothing but this field, and a } closes it.
  if (name >= 0 && endOfTextAfter(text, list.offset + 1) === name && extraBraces > 0) {
    return problem('syntax-not-closed', list.offset,
      `Not valid JSON: ${openerWords(text, open, innermost)} holds the field ${quoteValue(text.slice(name + 1, nextQuote(text, name + 1, text.length)), 40)}: fields go in an object, which starts with {, not [.`,
      'Change this [ to { (its } is already there). Clicking next to a bracket in VS Code highlights its partner.');
  }
  // [ "a", "b" }, — a } typed for ]: the text has a } too many, and it is this one.
  if (name < 0 && extraBraces > 0) {
    return problem('syntax-not-closed', at,
      `Not valid JSON: this } is where ${openerWords(text, open, innermost)} ends, but a list ends with ], not }.`,
      'Change this } to ]. Clicking next to a bracket in VS Code highlights its partner.');
  }
  let end = endOfTextBefore(text, from);
  // The list's ] lost, its comma kept: the ] goes before that comma.
  const comma = name >= 0 && text.charAt(end - 1) === ',';
  if (comma) end = endOfTextBefore(text, end - 1);
  // Where to type it: the end of a line, or a line and column when more follows on that line.
  const lineEnd = lineAround(text, end).end;
  const where = endOfTextAfter(text, end) >= lineEnd ? `at the end of ${placeOf(end)}` : `at ${lineColumn(text, end)}`;
  const add = name < 0 ? `a ] ${where}` : comma ? `a ] after the list's last item (${where}), before the comma,` : `"]," ${where}`;
  const fieldName = name < 0 ? '' : text.slice(name + 1, nextQuote(text, name + 1, text.length));
  return problem('syntax-not-closed', end,
    `Not valid JSON: ${name < 0 ? 'a } closes an object' : `the field ${quoteValue(fieldName, 40)} starts`} on ${placeOf(from)} while ${openerWords(text, open, innermost)} is still open.`,
    `Add ${add}${name < 0 ? ", after the list's last item," : ''} to close that list${name >= 0 && !comma ? ' and separate it from the next field' : ''}. Clicking next to a bracket in VS Code highlights its partner.`);
}

/**
 * },   "id": "d1-glad", …   — an item of a list whose { was lost (its line deleted), after the
 * comma that ends the item before it: the parser reads its first field's name as an item, and stops
 * at the colon after it ("a comma was expected", then one such error per field and "more text
 * after the end", none of which adding a comma mends). The { goes before that name.
 */
function objectNotOpened(text: string, at: number, code: string): UnlocatedProblem | undefined {
  if (code !== 'CommaExpected' || text.charAt(at) !== ':') return undefined;
  const quote = endOfTextBefore(text, at) - 1;
  if (text.charAt(quote) !== '"') return undefined;
  // The name's opening quote: the last quote before it on its line that pairs with it.
  const { start } = lineAround(text, quote);
  let name = -1;
  for (let i = start; i < quote; i++) {
    if (text[i] !== '"') continue;
    const j = nextQuote(text, i + 1, quote + 1);
    if (j === quote) name = i;
    i = j;
  }
  if (name < 0) return undefined;
  const before = text.charAt(endOfTextBefore(text, name) - 1);
  if (before !== ',' && before !== '[') return undefined;
  const { open, extraBraces, extraBrackets } = bracketState(text, name);
  const innermost = open.length - 1;
  // One { fewer than } (its } is still there), the brackets otherwise paired, and a list open here.
  if (open[innermost]?.char !== '[' || extraBraces !== 1 || extraBrackets !== 0 || innermost < 1) return undefined;
  const field = quoteValue(text.slice(name + 1, quote), 40);
  const line = lineColumn(text, name).replace(/, column.*/, '');
  return problem('syntax-not-closed', name,
    `Not valid JSON: the field ${field} on ${line} is an item of ${openerWords(text, open, innermost)}, but fields go in an object, and the { that opens this one is missing.`,
    `Add a { before ${field} on ${line}${endOfTextAfter(text, start) === name ? ' (on a line of its own above it, as the list\'s other objects have)' : ''}, to open this object; its } is there already. Clicking next to a bracket in VS Code highlights its partner.`);
}

/** The offset of the first text at or after `at` (white space skipped). */
function endOfTextAfter(text: string, at: number): number {
  let i = at;
  while (i < text.length && /\s/.test(text.charAt(i))) i++;
  return i;
}

/** The offset just after the last text before `at` (where a missing bracket is typed). */
function endOfTextBefore(text: string, at: number): number {
  let end = at;
  while (end > 0 && /\s/.test(text.charAt(end - 1))) end--;
  return end;
}

/** "the list "nodes" (its [ at line 17, column 12)": the bracket `open[i]` in words, with its place. */
function openerWords(text: string, open: readonly Opener[], i: number): string {
  const o = open[i] as Opener;
  const parent = open[i - 1];
  const kind = o.char === '{' ? 'object' : 'list';
  const name = i === 0 ? `the scenario's outer ${kind}`
    : o.key !== undefined ? `the ${kind} ${quoteValue(o.key)}`
      : parent?.char === '[' ? `${kind === 'object' ? 'an' : 'a'} ${kind} in the list${parent.key !== undefined ? ` ${quoteValue(parent.key)}` : ''}` : `${kind === 'object' ? 'an' : 'a'} ${kind}`;
  return `${name} (its ${o.char} at ${lineColumn(text, o.offset)})`;
}

/**
 * "name": "Dani"",   "name"": "Dani",   — one quote too many, just after a text or a field's name
 * closes. The parser reads it as the start of another text, so it stopped there with "a string is
 * not closed" or "a colon was expected" (and "add the closing quote" was the wrong fix). Only where
 * the line reads right with that quote gone: what follows it is what may follow a text (a comma, a
 * colon, a bracket or the end of the line) and the line's other quotes pair up.
 */
function doubledQuote(text: string, at: number): UnlocatedProblem | undefined {
  if (text.charAt(at) !== '"' || text.charAt(at - 1) !== '"') return undefined;
  const { start, end } = lineAround(text, at);
  // The quote before it must close a text that starts on this line (walking the line's texts).
  let closes = false;
  for (let i = start; i < at; i++) {
    if (text[i] !== '"') continue;
    const j = nextQuote(text, i + 1, end);
    if (j === at - 1) closes = true;
    i = j;
  }
  if (!closes) return undefined;
  const rest = text.slice(at + 1, end).replace(/\r$/, '');
  if (!/^\s*(?:[,:}\]]|$)/.test(rest)) return undefined;
  // The rest of the line's texts must close on the line once the extra quote is gone.
  for (let i = at + 1; i < end; i++) {
    if (text[i] !== '"') continue;
    i = nextQuote(text, i + 1, end);
    if (i >= end) return undefined;
  }
  const line = text.slice(start, end).replace(/\r$/, '');
  const mended = `${line.slice(0, at - start)}${line.slice(at - start + 1)}`.trim();
  return problem('syntax-extra-quote', at,
    'Not valid JSON: one double quote too many, straight after the one that closes the text before it: JSON reads it as the start of another text.',
    mended.length <= 100 ? `Remove the extra ", so that the line reads: ${lineAsWritten(mended)}` : 'Remove the extra ": one " closes a text.', { at, with: ' ' });
}

/**
 * "title: "The phone", — a field's name that lost its closing quote: the parser reads "title: " as
 * the name and stops at the value's first word, which unescapedQuote took for a quotation mark
 * inside a text, its "Here:" making the name "title: \"The phone" (found by author-50). A text in
 * a name's place (after { or a comma) that is a name and a colon. Read on with the colon and the
 * value's quote moved: "title":"The phone", the same length.
 */
function nameNotClosed(text: string, at: number): UnlocatedProblem | undefined {
  let quote = at - 1;
  while (quote >= 0 && (text[quote] === ' ' || text[quote] === '\t')) quote--;
  if (text[quote] !== '"') return undefined;
  const { start } = lineAround(text, at);
  const open = text.lastIndexOf('"', quote - 1);
  if (open < start) return undefined;
  const name = /^([A-Za-z_$][A-Za-z0-9_-]{0,40}):([ \t]*)$/.exec(text.slice(open + 1, quote));
  if (!name?.[1] || !/[{,]\s*$/.test(text.slice(Math.max(0, open - 200), open))) return undefined;
  const colon = open + 1 + name[1].length;
  const gap = quote - colon + 1;
  return problem('json-syntax', open, `Not valid JSON: the field name "${name[1]} has no closing double quote.`,
    `Add a " after it, before the colon: "${name[1]}":`, gap >= 3 ? { at: colon, with: `":${' '.repeat(gap - 3)}"` } : undefined);
}

/** "text": "She said "no" to me" — a straight quote inside text ends the text early. */
function unescapedQuote(text: string, at: number): UnlocatedProblem | undefined {
  if (/^[\s"{}[\]:,]?$/.test(text.charAt(at))) return undefined;
  // The parser stopped just after a text ended: find that text's closing quote on the same line.
  let quote = at - 1;
  while (quote >= 0 && (text[quote] === ' ' || text[quote] === '\t')) quote--;
  if (text[quote] !== '"') return undefined;
  const { start, end } = lineAround(text, at);
  // Walk the line's strings to be sure that quote closes one (and does not open one).
  const open = openingQuoteOf(text, start, end, quote);
  if (open < 0) return undefined;
  const rest = text.slice(at, end);
  const last = /"[\s,}\]]*$/.exec(rest);
  if (!rest.includes('"')) return undefined;
  const found = last ? text.slice(open + 1, at + last.index) : undefined;
  // A text that ends in a lone \ would escape its own closing quote: no example, and not mended.
  const meant = found?.replace(/\\[\s\S]/g, '').endsWith('\\') ? undefined : found;
  // The text as it should be written: each bare " given its \, and what is written \" (or \\,
  // or any escape) already kept as it is. Found by author-50: a text with one pair of quotation
  // marks written \"…\" and another left bare had no example, and was not read on from.
  const written = meant?.replace(/\\[\s\S]|"/g, (c) => (c === '"' ? '\\"' : c));
  let example = '';
  if (meant !== undefined && written !== undefined) {
    const bare = [...meant.matchAll(/\\[\s\S]|"/g)].filter((m) => m[0] === '"').map((m) => m.index);
    const first = bare[0] ?? -1;
    const lastQuote = bare[bare.length - 1] ?? -1;
    if (meant.length <= 100) example = ` Here: ${quoteAsWritten(written, 200)}.`;
    else if (first >= 0 && lastQuote - first <= 60) {
      // A long narration: the part around the quotation marks, which is where to type the \.
      const space = meant.lastIndexOf(' ', first - 30);
      const from = first - 30 > 0 && space > 0 ? space + 1 : 0;
      const after = meant.indexOf(' ', lastQuote + 30);
      const to = after < 0 ? meant.length : after;
      const part = meant.slice(from, to).replace(/\\[\s\S]|"/g, (c) => (c === '"' ? '\\"' : c));
      example = ` Here, in part: ${quoteAsWritten(`${from > 0 ? '…' : ''}${part}${to < meant.length ? '…' : ''}`, 200)}.`;
    }
  }
  // (For the parser only: the bare quotation marks inside the text become apostrophes, its escapes kept.)
  const mend = meant !== undefined ? { at: open + 1, with: meant.replace(/\\[\s\S]|"/g, (c) => (c === '"' ? "'" : c)) } : undefined;
  // Not closed on its line: a text pasted with its line breaks too (found by author-50: said only
  // at the next check, once the quotation marks were mended).
  const pasted = last ? undefined : pastedTextEnd(text, end);
  const breaks = !pasted ? ''
    : pasted.lines === 1 ? ' The text also runs over a line break: join it with the next line, and write \\n where it should start a new line.'
      : ` The text also runs over ${pasted.lines} line breaks, down to line ${lineNumber(text, pasted.closing)}: join its ${pasted.lines + 1} lines into one, and write \\n where it should start a new line (\\n\\n for a new paragraph${pasted.blank ? ', where it has an empty line' : ''}).`;
  return problem('syntax-unescaped-quote', quote,
    'Not valid JSON: a " inside the text ends the text early.',
    `Write \\" for a quotation mark inside text, or use ' or “ ” instead.${example}${breaks}`, mend);
}

interface IndentedOpener extends Opener {
  /** The indentation of the line the bracket is on. */
  indent: number;
  /** The indentation of its first item that starts a line, once seen. */
  items?: number;
}

/**
 * "next": "x"   (a reply's } and the list's ] deleted with their lines)   },  { "id": "next-node", …
 * Brackets lost in the middle of the file that the parser notices only much later: the node's },
 * closes the reply instead, the next node is read as one more reply, and the parser stops at the
 * end of the file (or at a comma it expected further on). The file's indentation still shows what
 * was meant: the first line that starts to the left of where it should (a } that lines up with an
 * outer {, a field or an object that lines up with the items of an outer bracket) is where the
 * brackets went missing. Only when the brackets still open there are exactly the ones the whole
 * text lacks (and at least `least` of them), so untidy indentation alone is never taken for a lost
 * bracket, and one lost bracket keeps the messages that name it where the parser stops.
 */
function bracketsLostMidFile(text: string, stopAt: number, least: number): UnlocatedProblem | undefined {
  const stack: IndentedOpener[] = [];
  let lastString = '';
  let key: string | undefined;
  let lineStart = 0;
  let lineIndent = 0;
  let firstOnLine = true;
  for (let i = 0; i < text.length && i <= stopAt; i++) {
    const c = text.charAt(i);
    if (c === '\n') {
      lineStart = i + 1;
      firstOnLine = true;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') continue;
    if (firstOnLine) {
      firstOnLine = false;
      lineIndent = i - lineStart;
      const top = stack[stack.length - 1];
      if (top && top.offset < lineStart) {
        const closer = c === '}' || c === ']';
        let to = stack.length - 1;
        if (closer && lineIndent < top.indent) to = findLastIndex(stack, (o) => o.indent === lineIndent);
        else if (!closer && lineIndent <= top.indent) to = findLastIndex(stack, (o) => o.indent < lineIndent && (o.items === undefined || o.items === lineIndent));
        else if (!closer) top.items ??= lineIndent;
        if (to < 0 || (closer && stack[to]?.char !== (c === '}' ? '{' : '['))) return undefined;
        if (to < stack.length - 1) return lostBrackets(text, stack, to, i, least);
      }
    }
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"' && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      lastString = text.slice(i + 1, j);
      i = j;
    } else if (c === ':') key = lastString;
    else if (c === ',') key = undefined;
    else if (c === '{' || c === '[') {
      stack.push({ char: c, offset: i, key, indent: lineIndent });
      key = undefined;
    } else if (c === '}' || c === ']') {
      if (stack[stack.length - 1]?.char !== (c === '}' ? '{' : '[')) return undefined;
      stack.pop();
    }
  }
  return undefined;
}

function findLastIndex<T>(items: readonly T[], test: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i] as T)) return i;
  return -1;
}

/** The problem for bracketsLostMidFile: the brackets above `stack[to]` are not closed before the line-starting text at `at`. */
function lostBrackets(text: string, stack: readonly IndentedOpener[], to: number, at: number, least: number): UnlocatedProblem | undefined {
  const missing = stack.slice(to + 1);
  const { extraBraces, extraBrackets } = bracketState(text, at);
  const braces = missing.filter((o) => o.char === '{').length;
  if (missing.length < least || -extraBraces !== braces || -extraBrackets !== missing.length - braces) return undefined;
  const placeOf = (offset: number) => lineColumn(text, offset).replace(/, column.*/, '');
  const c = text.charAt(at);
  const closer = c === '}' || c === ']';
  const name = c === '"' ? /^"((?:[^"\\\n]|\\.)*)"\s*:/.exec(text.slice(at, at + 200))?.[1] : undefined;
  const what = closer ? `the ${c} on ${placeOf(at)} lines up with ${openerWords(text, stack, to)}`
    : `${name !== undefined ? `the field ${quoteValue(name, 40)}` : c === '{' ? 'the object' : c === '[' ? 'the list' : 'the value'} on ${placeOf(at)} lines up with the ${name !== undefined ? 'fields' : 'items'} of ${openerWords(text, stack, to)}`;
  const open = missing.map((_, i) => openerWords(text, stack, to + 1 + i)).reverse();
  let end = endOfTextBefore(text, at);
  const comma = !closer && text.charAt(end - 1) === ',';
  if (comma) end = endOfTextBefore(text, end - 1);
  const typed = `${missing.map((o) => (o.char === '{' ? '}' : ']')).reverse().join(' ')}${closer || comma ? '' : ','}`;
  const where = endOfTextAfter(text, end) >= lineAround(text, end).end ? `at the end of ${placeOf(end)}` : `at ${lineColumn(text, end)}`;
  return problem('syntax-not-closed', end,
    `Not valid JSON: ${what}, but ${open.join(' and ')} ${open.length === 1 ? 'is' : 'are'} not closed before it.`,
    `Add ${quoteValue(typed)} ${where}, after the last value${comma ? ' and before the comma' : ''}, to close ${open.length === 1 ? 'it' : 'them, in that order'}${closer || comma ? '' : ', with a comma before what follows'}. Clicking next to a bracket in VS Code highlights its partner.`);
}

/**
 * "next": "x"   (the lines "}," and "{" between two replies deleted)   "id": "next-reply", … — the
 * parser asks for a comma before "id", and a comma there would only give the reply two ids, the
 * second hiding the first. When the field is the one the open object (an item of a list) began
 * with, it begins the next object: its "}, {" is what is missing.
 */
function objectsRunTogether(text: string, at: number, code: string): UnlocatedProblem | undefined {
  if (code !== 'CommaExpected' || text.charAt(at) !== '"') return undefined;
  const { end: lineEnd } = lineAround(text, at);
  const close = nextQuote(text, at + 1, lineEnd);
  if (close >= lineEnd || text.charAt(endOfTextAfter(text, close + 1)) !== ':') return undefined;
  const name = text.slice(at + 1, close);
  const stack: (Opener & { first?: string })[] = [];
  let lastString = '';
  for (let i = 0; i < at; i++) {
    const c = text.charAt(i);
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"' && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      lastString = text.slice(i + 1, j);
      i = j;
    } else if (c === ':') {
      const top = stack[stack.length - 1];
      if (top?.char === '{' && top.first === undefined) top.first = lastString;
    } else if (c === '{' || c === '[') stack.push({ char: c, offset: i });
    else if ((c === '}' || c === ']') && stack[stack.length - 1]?.char === (c === '}' ? '{' : '[')) stack.pop();
  }
  const innermost = stack.length - 1;
  const top = stack[innermost];
  if (top?.char !== '{' || top.first !== name || stack[innermost - 1]?.char !== '[') return undefined;
  // Keys for openerWords: the list's field name, read from before its [.
  const open = stack.map((o) => ({ ...o, key: /"((?:[^"\\\n]|\\.)*)"\s*:\s*$/.exec(text.slice(Math.max(0, o.offset - 200), o.offset))?.[1] }));
  const end = endOfTextBefore(text, at);
  const placeOf = (offset: number) => lineColumn(text, offset).replace(/, column.*/, '');
  const where = endOfTextAfter(text, end) >= lineAround(text, end).end ? `at the end of ${placeOf(end)}` : `at ${lineColumn(text, end)}`;
  return problem('syntax-not-closed', end,
    `Not valid JSON: the field ${quoteValue(name, 40)} on ${placeOf(at)} is the field ${openerWords(text, open, innermost)} begins with, so it begins the next object, but that object's } and the next one's { are missing before it.`,
    `Add "}, {" ${where}, after the last value, to close that object and open the next one. (A comma alone would give the object a second ${quoteValue(name, 40)}, which hides the first.) Clicking next to a bracket in VS Code highlights its partner.`);
}

/** The 1-based line of `offset` in `text`, as an editor counts it (line breaks are \\n once oneLineBreak has run). */
function lineNumber(text: string, offset: number): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

const NUMBER_WORDS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20, thirty: 30,
  forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90, hundred: 100,
};

/** "fifty", "twenty-five", "twenty five", "one hundred": the number, or undefined for other words. */
function numberInWords(words: string): number | undefined {
  const parts = words.toLowerCase().split(/[\s-]+/).filter((w) => w !== '');
  if (parts.length === 0 || parts.length > 3) return undefined;
  let n = 0;
  for (const w of parts) {
    const v = NUMBER_WORDS[w];
    if (v === undefined) return undefined;
    if (v === 100) n = (n === 0 ? 1 : n) * 100;
    else n += v;
  }
  return n;
}

/**
 * "estimatedMinutes": 5 minutes,   "start": fifty,   — a value written the way a person says it
 * (found by validator-51: "unexpected character … remove this character, or put the text it is
 * part of in double quotes", and "a value was expected here"; quotes would make it a text, which a
 * number field refuses). Words after a number: the number alone. A number in words: its digits.
 * Only a field's value (after a colon) or a list's item, up to a comma, a closing bracket or the
 * line's end. Read on with the words blanked, or the digits written over the word.
 */
function wordsForValue(text: string, at: number): UnlocatedProblem | undefined {
  if (!/[A-Za-z]/.test(text.charAt(at))) return undefined;
  const { start, end } = lineAround(text, at);
  const words = /^[A-Za-z][A-Za-z \t-]{0,40}?(?=[ \t]*(?:[,}\]]|\r?$))/.exec(text.slice(at, Math.min(end, at + 60)))?.[0];
  if (words === undefined) return undefined;
  const before = text.slice(Math.max(start, at - 200), at);
  const field = /"((?:[^"\\\n]|\\.){0,200})"\s*:\s*(?:-?[0-9]+(?:\.[0-9]+)?[ \t]+)?$/.exec(before)?.[1];
  const number = /(?:^|[:[,])\s*(-?[0-9]+(?:\.[0-9]+)?)[ \t]+$/.exec(before)?.[1];
  const shownField = field !== undefined ? `"${field}": ` : '';
  if (number !== undefined) {
    return problem('json-syntax', at,
      `Not valid JSON: the number ${number} has words after it, ${quoteValue(words)}. A number is written alone, without a unit or any words.`,
      `Delete ${quoteValue(words)}, so that it reads: ${lineAsWritten(`${shownField}${number}`, 100)} (the field's meaning gives the unit; a note for other authors goes in "authorNotes").`,
      { at, with: ' '.repeat(words.length) });
  }
  if (!/(?:^|[:[,])\s*$/.test(before)) return undefined;
  const value = numberInWords(words);
  if (value === undefined) return undefined;
  const digits = String(value);
  return problem('json-syntax', at,
    `Not valid JSON: ${quoteValue(words)} is a number written in words; JSON needs it in digits.`,
    `Write ${digits} (in digits, without quotes)${field !== undefined ? `: ${lineAsWritten(`${shownField}${digits}`, 100)}` : ''}.`,
    digits.length <= words.length ? { at, with: digits.padEnd(words.length, ' ') } : undefined);
}

/**
 * "$schema": "…", "id": … with no { before it: the file's opening brace deleted (found by
 * validator-51: "there is more text after the end of the scenario object", at the colon after
 * the first name, which only the first text had been read as).
 */
function fileNotOpened(text: string, at: number, code: string): UnlocatedProblem | undefined {
  if (code !== 'EndOfFileExpected') return undefined;
  const first = endOfTextAfter(text, text.charAt(0) === '\ufeff' ? 1 : 0);
  if (text.charAt(first) !== '"') return undefined;
  const close = nextQuote(text, first + 1, lineAround(text, first).end);
  if (endOfTextAfter(text, close + 1) !== at || text.charAt(at) !== ':') return undefined;
  const name = text.slice(first, close + 1);
  const closed = text.trimEnd().endsWith('}');
  return problem('syntax-not-closed', first,
    `Not valid JSON: the file starts with the field ${lineAsWritten(name, 60)}, but fields go inside an object: the { that opens the scenario is missing.`,
    `Add a { at the very start of the file, before ${lineAsWritten(name, 60)}${closed ? ' (the } that closes it is already at the end)' : ', and a } at its end to close it'}.`);
}

/**
 * Words at the very start of the file: a scenario written out as prose and saved as .json, or a
 * line ("Here is my scenario:") before its {. The parser said "unexpected character" at each word
 * (found by validator-52: five of them, at the top level, none saying what the file lacks).
 */
function proseFile(text: string, at: number, code: string): UnlocatedProblem | undefined {
  const first = endOfTextAfter(text, text.charAt(0) === '\ufeff' ? 1 : 0);
  if (code !== 'InvalidSymbol' || at !== first || !/\p{L}/u.test(text.charAt(at))) return undefined;
  const { end } = lineAround(text, at);
  // title: "…" — a field's name without its quotes (and the file's {): not prose.
  if (/^[A-Za-z_$][\w$-]*[ \t]*:/.test(text.slice(at, end))) return undefined;
  const words = quoteValue(text.slice(at, end).replace(/\r$/, '').trim(), 60);
  const brace = text.indexOf('{', at);
  if (brace >= 0) {
    return problem('json-syntax', at, `Not valid JSON: the file starts with words (${words}) before the { that opens the scenario (${lineColumn(text, brace)}).`,
      'Delete everything before that {: a scenario file starts with { and ends with }. A note for other authors goes in "authorNotes", inside the object.', { at, with: text.slice(at, brace).replace(/[^\n]/g, ' ') });
  }
  return problem('json-syntax', at, `Not valid JSON: the file holds plain text (${words}), not a scenario: a scenario file is one JSON object, starting with { and ending with }.`,
    pointerWords.prose());
}

/**
 * }   Thanks, Maria — words after the } that closes the scenario (a signature, a note, a line
 * pasted from an email). The parser said "unexpected character" at its first letter, then "more
 * text after the end of the scenario object" (found by validator-51): one problem, naming it.
 */
function textAfterEnd(text: string, at: number, code: string): UnlocatedProblem | undefined {
  if (code !== 'InvalidSymbol' || text.slice(0, at).trimEnd().slice(-1) !== '}') return undefined;
  const state = bracketState(text, at);
  if (state.open.length !== 0 || state.lastClosed?.offset !== endOfTextAfter(text, text.charAt(0) === '\ufeff' ? 1 : 0)) return undefined;
  const rest = text.slice(at).trim();
  // A Markdown code fence (```) is named as such by strayCharacter.
  if (/^(?:`{3}|~{3})/.test(rest)) return undefined;
  const firstLine = rest.split('\n')[0]?.replace(/\r$/, '') ?? '';
  const lines = rest.split('\n').length;
  const placeOf = (offset: number) => lineColumn(text, offset).replace(/, column.*/, '');
  return problem('json-syntax', at,
    `Not valid JSON: there is text after the } that closes the scenario (on ${placeOf(endOfTextBefore(text, at) - 1)}): ${quoteValue(firstLine, 60)}${lines > 1 ? ` and ${countWords(lines - 1)} more line${lines > 2 ? 's' : ''}` : ''}.`,
    'Delete it: a scenario file is one { … } object and nothing after its last }. A note for other authors goes in "authorNotes", inside the object.');
}

/**
 * "See C:\Users\maria\notes" — a backslash JSON reads as the start of an escape (\n, \"), before a
 * letter that makes none. The parser said "this backslash escape is not valid JSON" at the text's
 * opening quote, with the list of escapes (found by validator-51): placed at the backslash, with
 * the text as it should be written, each such backslash doubled. Read on with them made "/".
 */
function badEscape(text: string, at: number): UnlocatedProblem | undefined {
  if (text.charAt(at) !== '"') return undefined;
  const { end } = lineAround(text, at);
  const close = nextQuote(text, at + 1, end);
  if (close >= end) return undefined;
  const inner = text.slice(at + 1, close);
  const bad: number[] = [];
  for (const m of inner.matchAll(/\\(u[0-9a-fA-F]{4}|[\s\S])/g)) {
    const escaped = m[1] ?? '';
    if (escaped.length !== 5 && !'"\\/bfnrt'.includes(escaped)) bad.push(m.index);
  }
  const first = bad[0];
  if (first === undefined) return undefined;
  const doubled = inner.replace(/\\(u[0-9a-fA-F]{4}|[\s\S])/g, (m, escaped: string, i: number) => (bad.includes(i) ? `\\${m}` : m));
  // A long text: the part around the first such backslash, where to type.
  const shift = (i: number) => i + bad.filter((b) => b < i).length;
  const from = first > 40 ? Math.max(0, doubled.lastIndexOf(' ', shift(first) - 30) + 1) : 0;
  const to = Math.min(doubled.length, shift(first) + 60);
  const part = `${from > 0 ? '…' : ''}${doubled.slice(from, to)}${to < doubled.length ? '…' : ''}`;
  const more = bad.length - 1;
  // Escapes that are valid but may be part of a path too: C:\Users\maria\notes holds "\n", a new line.
  const valid = [...new Set([...inner.matchAll(/\\(u[0-9a-fA-F]{4}|[\s\S])/g)].filter((m) => /^[bfnrt]$/.test(m[1] ?? '')).map((m) => `"\\${m[1] ?? ''}"`))];
  const letters = valid.length === 0 ? '' : valid.length === 1 ? valid[0] : `${valid.slice(0, -1).join(', ')} and ${valid.at(-1)}`;
  return problem('json-syntax', at + 1 + first,
    `Not valid JSON: a backslash \\ starts an escape in JSON (\\n for a new line, \\" for a quotation mark), and ${quoteAsWritten(inner.slice(first, first + 2), 10)} is not one${more > 0 ? `; this text has ${countWords(more)} more such backslash${more > 1 ? 'es' : ''}` : ''}.`,
    `To write a backslash itself, write two: ${quoteAsWritten(part, 140)}${more > 0 ? ' (each one doubled)' : ''}. In a file path, / works too.${letters ? ` Its ${letters} ${letters.includes(' ') ? 'are' : 'is an'} escape${letters.includes(' ') ? 's' : ''} JSON reads as ${letters.includes(' ') ? 'such' : 'one'} (\\n a new line, \\t a tab): if ${letters.includes(' ') ? 'they are' : 'it is'} meant as a backslash and a letter, double ${letters.includes(' ') ? 'those' : 'that'} backslash${letters.includes(' ') ? 'es' : ''} too.` : ''}`,
    { at: at + 1, with: inner.split('').map((c, i) => (bad.includes(i) ? '/' : c)).join('') });
}
