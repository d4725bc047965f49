/**
 * The parts of a validator fix that are JSON to type, for the Preview to show in <code> (monospace),
 * as text only: a line as it should read ("…so that the line reads: { "id": "jade", … }"), a field
 * with its value ("when": { "conduct": "critical", "gte": 1 }), an id or a field's name in straight
 * quotes ("narration"), a bracket or a quote named alone (Delete this }), an escape (\n). Prose in
 * straight quotes, with a space in it and no JSON around it (a menu's name, "Reopen with Encoding";
 * wording to use; the words of a text to write without its Markdown or HTML marks, even one word),
 * stays prose, as the page's own names in curly quotes do. The text is only split: the parts joined
 * are the text as it was, and nothing in it is read as markup.
 */
export interface TextPart {
  code: boolean;
  text: string;
}

/** The index just after a JSON string opening at `at` (a straight quote), or -1 when it does not close. */
function stringEnd(text: string, at: number): number {
  for (let i = at + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '"') return i + 1;
  }
  return -1;
}

/** The index just after the bracket that closes the one at `at` (strings skipped), or -1 when none does. */
function bracketEnd(text: string, at: number): number {
  const stack: string[] = [];
  for (let i = at; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      const end = stringEnd(text, i);
      if (end < 0) return -1;
      i = end - 1;
    } else if (c === '{' || c === '[') stack.push(c === '{' ? '}' : ']');
    else if (c === '}' || c === ']') {
      if (stack.pop() !== c) return -1;
      if (stack.length === 0) return i + 1;
    }
  }
  return -1;
}

/** Whether a bracketed run looks like JSON (a string, a colon, an ellipsis standing for one, or nothing inside), not prose in brackets. */
const looksLikeJson = (inner: string): boolean => /["…:]/.test(inner) || inner.trim() === '';

/** The index just after a JSON value at `at` (a string, bracketed JSON, a number, true, false or null), or -1. */
function valueEnd(text: string, at: number): number {
  const c = text[at];
  if (c === '"') return stringEnd(text, at);
  if (c === '{' || c === '[') {
    const end = bracketEnd(text, at);
    return end > 0 && looksLikeJson(text.slice(at + 1, end - 1)) ? end : -1;
  }
  const m = /^(?:-?\d+(?:\.\d+)?|true\b|false\b|null\b)/.exec(text.slice(at));
  return m ? at + m[0].length : -1;
}

/** A run of JSON escapes outside a string ("\n", "\n\n", "\u200b", "\""). */
const ESCAPES = /^(?:\\(?:u[0-9a-fA-F]{4}|["\\/bfnrt]))+/;

/** After a text's words in a markup fix: what to write them without (markup.ts's markdown and html-tag fixes). */
const WITHOUT_MARKS = /^ without the (?:asterisks|underscores|tags)\b/;

/** A quoted HTML tag (or tags) as written: "<" or "</", a letter, and ">" or "…" at its end ("<3" and "trust < 60" are none). */
const HTML_TAG_QUOTED = /^<\/?[A-Za-z][^]*(?:>|…)$/;

/** Whether the character before `at` leaves a lone bracket or quote standing alone (the start, a space, an opening parenthesis). */
const alone = (text: string, at: number): boolean => at === 0 || /[\s(]/.test(text[at - 1]!);
/** Whether the character after a lone bracket or quote ends it as a word (a space, punctuation, the end). */
const aloneAfter = (text: string, at: number): boolean => at + 1 >= text.length || /[\s,.;:)]/.test(text[at + 1]!);

/**
 * What a validator message names in straight quotes alone that is code: an id or a field's name
 * (lower-case first, no space: "after-visit", "estimatedMinutes", "$schema", "__proto__", a file's
 * name). A message also quotes words ("Abuela" and "Rosa" of a character's name, "CSEC" as written,
 * "*die*" and "_die_" with their marks), which stay prose. (Messages that quote a text's own words,
 * lower-case ones too, are not split at all: see WORDS_QUOTED.)
 */
const ID_OR_FIELD = /^(?:\$?[a-z0-9][A-Za-z0-9.-]*|__[a-z]+__)$/;

/**
 * Validator messages (by code) that quote a scenario text's own words, which may be one lower-case
 * word: the language flagged ('"prostitute": Calling a youth…'), the words before an invisible
 * character ('after "every"'), a line written inside quotation marks (quoted-text). The Preview shows them as prose, unsplit.
 */
export const WORDS_QUOTED: ReadonlySet<string> = new Set(['language', 'invisible-character', 'quoted-text']);

/** One code part starting at `at`, or undefined when none starts there. Returns its end. `message`: a validator message (see ID_OR_FIELD). */
function codeAt(text: string, at: number, message = false): number | undefined {
  const c = text[at]!;
  if (c === '\\') {
    const m = ESCAPES.exec(text.slice(at));
    return m ? at + m[0].length : undefined;
  }
  if (c === '"') {
    // A quote standing alone ("Remove the extra ", so that…", "change " into “ ”") is named, not opened.
    if (alone(text, at) && aloneAfter(text, at)) return at + 1;
    const end = stringEnd(text, at);
    if (end < 0) return undefined;
    // A field with its value: "when": { … }, "ending": "mixed", "estimatedMinutes": 5. (A field's
    // name has no space: "a CSEC": "CSEC" is wording quoted, then a colon in the sentence.)
    const key = !/\s/.test(text.slice(at + 1, end - 1));
    const colon = key ? /^:[ ]+/.exec(text.slice(end)) : null;
    if (colon) {
      const value = valueEnd(text, end + colon[0].length);
      if (value > 0) return value;
    }
    // A string with a space in it, alone or before a colon in the sentence, is wording (a menu's
    // name, a phrase to use, a guide section: "Red Flags":), not JSON; with an escape in it, it is a
    // text as written in the file.
    const inner = text.slice(at + 1, end - 1);
    // The words of a text to write again without its markup ('Write "Nothing" without the
    // asterisks', markdown and html-tag) are wording, one word as several: "Nothing" is no id.
    if (WITHOUT_MARKS.test(text.slice(end)) && !inner.includes('\\')) return undefined;
    // An HTML tag as the file writes it ("<hr />", "<wbr>", "<b>never</b>", "<img src=\"…", cut
    // short with "…") is text to find in the file, with a space in it or not: it was code in one
    // place and prose in the next (html-tag's message and fix).
    if (HTML_TAG_QUOTED.test(inner)) return end;
    if (message && !inner.includes('\\') && !ID_OR_FIELD.test(inner)) return undefined;
    return /\s/.test(inner) && !inner.includes('\\') ? undefined : end;
  }
  if (c === '{' || c === '[' || c === '}' || c === ']') {
    if (c === '{' || c === '[') {
      const end = valueEnd(text, at);
      if (end > 0) return end;
    }
    return alone(text, at) && aloneAfter(text, at) ? at + 1 : undefined;
  }
  return undefined;
}

/**
 * A fix split into prose and code, in order; the parts joined are the text as given. `message`: the
 * text is a validator message, whose words alone in quotes are code only when an id or a field's
 * name (ID_OR_FIELD); a fix's are code unless they have a space (a fix tells what to type).
 */
export function codeParts(text: string, message = false): TextPart[] {
  const parts: TextPart[] = [];
  let prose = '';
  for (let i = 0; i < text.length;) {
    const end = codeAt(text, i, message);
    if (end === undefined) {
      // A string of prose in quotes is passed over whole, so that its closing quote opens nothing.
      const skip = text[i] === '"' ? stringEnd(text, i) : -1;
      const next = skip > 0 ? skip : i + 1;
      prose += text.slice(i, next);
      i = next;
      continue;
    }
    if (prose) parts.push({ code: false, text: prose });
    prose = '';
    parts.push({ code: true, text: text.slice(i, end) });
    i = end;
  }
  if (prose) parts.push({ code: false, text: prose });
  return parts;
}
