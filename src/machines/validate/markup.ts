import { countWords } from '../text/first-few.js';
import { quoteValue, shorten } from '../text/quote.js';
import { pointerWords } from './pointers.js';
import { placeAt, type JsonPath, type UnlocatedProblem } from './problem.js';
import { forEachText } from './texts.js';

/**
 * markdown: a text written with Markdown's marks ("How are *you* doing", "[the guide](https://…)",
 * "# Saturday"). Both apps show a scenario's text as written (as text, never as markup), so a
 * volunteer sees the asterisks, the brackets and the address: say where, and what to write instead.
 * Author notes are not shown to volunteers and are not read. Each mark of a text is listed (up to
 * MAX_MARKS_PER_TEXT, then counted), in at most MAX_MARKUP_TEXTS texts; one more warning counts the rest.
 */

export const MAX_MARKUP_TEXTS = 20;
/** At most this many marks of one text are listed one by one; the last listed says how many more it holds. */
export const MAX_MARKS_PER_TEXT = 5;
/** At most this many warnings of one kind (markdown, html-tag) are listed, however many texts. */
export const MAX_MARKUP_WARNINGS = 40;
/** Marks of one text are counted up to this many (a hostile text holds millions). */
const MAX_COUNTED = 1000;

/** Emphasis: *word*, **words**, _word_, __words__, the marks hugging the words, outside a word. */
const EMPHASIS = /(?<![\p{L}\p{N}*_\\])(\*\*|\*|__|_)(?=[^\s*_])([^*_\n]{0,200}?[^\s*_\\])\1(?![\p{L}\p{N}*_])/gu;
/** A link: [words](address). */
const LINK = /\[([^\]\n]{1,200})\]\(([^)\s]{1,2000})\)/g;
/** A heading: a line that starts with one to six # and a space. */
const HEADING = /(?:^|\n)(#{1,6}) +\S/g;

interface Found {
  index: number;
  /** Where the mark ends (the next is looked for from there). */
  end: number;
  message: string;
  fix: string;
  /** More places in the text the message names ("{place:0}"), by index. */
  places?: number[];
  /** A run of paragraph tags ("</p><p>"): where it is in the text, and the tags as quoted. */
  paragraph?: { edge: 'start' | 'end' | 'between' | 'both'; shown: string; closed?: string };
}

/** Up to `limit` matches of the global `pattern` in `text`, in order. */
function matches(pattern: RegExp, text: string, limit: number): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null && out.length < limit; m = pattern.exec(text)) {
    out.push(m);
    if (m[0] === '') pattern.lastIndex++;
  }
  pattern.lastIndex = 0;
  return out;
}

/** The Markdown marks in `text` (up to `limit`), in order, each in words. */
function markdownMarks(text: string, limit: number): Found[] {
  const found: Found[] = [];
  for (const e of matches(EMPHASIS, text, limit)) {
    const [whole, mark = '', words = ''] = e;
    const marks = mark[0] === '*' ? 'asterisks' : 'underscores';
    found.push({
      index: e.index, end: e.index + whole.length,
      message: `This text writes ${quoteValue(whole, 40)} with Markdown's ${marks} for emphasis, but the apps show text as written: a volunteer sees the ${marks}.`,
      fix: `Write ${quoteValue(words, 40)} without the ${marks}. To stress a word, let the sentence carry it (put the word where the voice falls, at the end).`,
    });
  }
  for (const l of matches(LINK, text, limit)) {
    found.push({
      index: l.index, end: l.index + l[0].length,
      message: `This text writes a Markdown link, ${quoteValue(l[0], 40)}, but the apps show text as written: a volunteer sees the brackets and the address, and no link to follow.`,
      fix: `Write the words alone, ${quoteValue(l[1] ?? '', 40)}; a scenario's text is never a link.`,
    });
  }
  for (const h of matches(HEADING, text, limit)) {
    const at = h.index + (text[h.index] === '\n' ? 1 : 0);
    found.push({
      index: at, end: h.index + h[0].length,
      message: `This text starts a line with ${quoteValue(`${h[1] ?? '#'} `)}, a Markdown heading, but the apps show text as written: a volunteer sees the ${(h[1] ?? '#').length > 1 ? 'marks' : 'mark'}.`,
      fix: 'Remove the "#"; a node\'s "title" is its heading, shown above its text.',
    });
  }
  // In the text's order; a mark inside another (emphasis in a link's words) is the other's.
  const sorted = found.sort((a, b) => a.index - b.index);
  const out: Found[] = [];
  for (const f of sorted) {
    const last = out[out.length - 1];
    if (last && f.index < last.end) continue;
    out.push(f);
    if (out.length === limit) break;
  }
  return out;
}

/**
 * html-tag: a text written with HTML's tags ("<br>", "<b>never</b>"), pasted from a web page or
 * written as for one. Both apps show the tags as written. Only tags people write in text are looked
 * for, so "<3", "trust < 60" and "<unknown>" are left alone.
 */
const HTML_TAG = /<\/?(b|i|u|s|em|strong|br|wbr|img|p|div|span|a|h[1-6]|ul|ol|li|font|sup|sub|small|big|mark|strike|del|ins|blockquote|hr|center|tt|code|pre)(?:\s[^<>\n]{0,200})?\s*\/?>/gi;
/** Tags that are never closed ("<br>", "<hr/>", "<img src=…>"): a fix names no closing tag for them. */
const VOID = new Set(['br', 'wbr', 'hr', 'img']);
/** Tags that break a line or a paragraph, and those that format the words between them. */
const BREAKS = new Set(['br', 'p', 'div', 'hr', 'li', 'ul', 'ol', 'blockquote', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'center', 'pre']);
/** More break tags straight after one (white space between): "<br><br>", "</p>\n<p>", one mark. */
const MORE_BREAKS = /(?:[ \t\n]{0,20}<\/?(?:br|p|div|hr|li|ul|ol|blockquote|h[1-6]|center|pre)(?:\s[^<>\n]{0,200})?\s{0,20}\/?>){0,20}/iy;
/** One break tag (as MORE_BREAKS's), looked for after the tags that start a text. */
const BREAK_TAG = /<\/?(?:br|p|div|hr|li|ul|ol|blockquote|h[1-6]|center|pre)(?:\s[^<>\n]{0,200})?\s{0,20}\/?>/gi;
/** The words a tag wraps, up to its closing tag ("<b>finally</b>"), by tag name, made when first needed. */
const WRAPPED = new Map<string, RegExp>();

/** A tag quoted cut at this many characters; a longer one is named by its start and its end. */
const TAG_QUOTED = 40;

/**
 * `tag` for a fix that says to remove it: quoted whole when short, else "the whole tag, from "<img"
 * to the ">" that ends it ("…grinning\">")" (the message quotes its start): cut at 40 characters, "Remove
 * "<img src=\"hood.png\" alt=\"Dani in her ho…"" left the rest of the tag for a trainer to find.
 */
function tagToRemove(tag: string): string {
  if (shorten(tag, TAG_QUOTED) === tag) return quoteValue(tag);
  const name = /^<\/?[a-z0-9]+/i.exec(tag)?.[0] ?? '<';
  const end = [...tag].slice(-20).join('');
  return `the whole tag, from ${quoteValue(name)} to the ">" that ends it (${quoteValue(`…${end}`)})`;
}

/** The HTML tags in `text` (up to `limit`), in order, each in words: a pair wrapping words, or a run of line breaks, is one. */
function htmlTags(text: string, limit: number): Found[] {
  const out: Found[] = [];
  /** Tags opened in this text: their closing tags are said with them ("<p>" and "</p>"). */
  const opened = new Set<string>();
  /** Where the text's first words start and its last words end: a line break or a rule before or after them is at its edge. */
  let wordsStart: number | undefined;
  let wordsEnd: number | undefined;
  /** Closing tags already said with the tags that open the text (a pair wrapping the whole text): where each starts, and where its run ends. */
  const said = new Map<number, number>();
  HTML_TAG.lastIndex = 0;
  for (let t = HTML_TAG.exec(text); t !== null && out.length < limit; t = HTML_TAG.exec(text)) {
    const name = (t[1] ?? '').toLowerCase();
    const closing = t[0][1] === '/';
    const skipTo = said.get(t.index);
    if (skipTo !== undefined) {
      HTML_TAG.lastIndex = skipTo;
      continue;
    }
    const message = (tag: string) => (tag.indexOf('<', 1) > 0
      ? `This text writes ${quoteValue(tag, 40)}, HTML tags, but the apps show text as written: a volunteer sees the tags.`
      : `This text writes ${quoteValue(tag, 40)}, an HTML tag, but the apps show text as written: a volunteer sees the tag.`);
    if (BREAKS.has(name)) {
      // Each run of break tags, opening or closing, is one mark ("</p><p>" between two paragraphs):
      // "Write \n\n between paragraphs instead of "<p>" and "</p>"" for "<p>Look.</p><p>Then.</p>",
      // followed to the letter, left line breaks at both ends and four between the paragraphs.
      MORE_BREAKS.lastIndex = HTML_TAG.lastIndex;
      const run = MORE_BREAKS.exec(text)?.[0] ?? '';
      const whole = text.slice(t.index, HTML_TAG.lastIndex + run.length);
      HTML_TAG.lastIndex += run.length;
      const shown = quoteValue(whole.replace(/\s+/g, ' '), 40);
      wordsEnd ??= text.trimEnd().length;
      wordsStart ??= text.length - text.trimStart().length;
      // A line break, a rule or a paragraph's tag with no words after it (or before it): "Write \n\n
      // between paragraphs instead of "<hr>"" at the end of a text left "\n\n" there, a blank line on
      // both apps' screens.
      const edge = HTML_TAG.lastIndex >= wordsEnd ? 'end' : t.index <= wordsStart ? 'start' : undefined;
      const many = whole.indexOf('<', 1) > 0;
      const what = name === 'br' ? 'line' : 'paragraph';
      if (edge === 'start' && !closing && !VOID.has(name)) {
        // "<p>Look.</p>": the pair wraps the whole text, so both go, and one warning says so.
        BREAK_TAG.lastIndex = HTML_TAG.lastIndex;
        const last = BREAK_TAG.exec(text);
        MORE_BREAKS.lastIndex = BREAK_TAG.lastIndex;
        const lastEnd = BREAK_TAG.lastIndex + (last ? (MORE_BREAKS.exec(text)?.[0] ?? '').length : 0);
        if (last && last[0][1] === '/' && lastEnd >= wordsEnd) {
          said.set(last.index, lastEnd);
          const closed = text.slice(last.index, lastEnd).replace(/\s+/g, ' ');
          out.push({ index: t.index, end: HTML_TAG.lastIndex,
            ...(PARAGRAPH_RUN.test(whole) && PARAGRAPH_RUN.test(closed) ? { paragraph: { edge: 'both' as const, shown, closed: quoteValue(closed, 40) } } : {}),
            message: `This text writes ${shown} and ${quoteValue(closed, 40)}, HTML tags, but the apps show text as written: a volunteer sees the tags.`,
            fix: `Delete ${shown} and ${quoteValue(closed, 40)}: they wrap the whole text, so no paragraph comes before or after it (write \\n\\n only between paragraphs).` });
          continue;
        }
      }
      out.push({ index: t.index, end: HTML_TAG.lastIndex, message: message(whole.replace(/\s+/g, ' ')),
        ...(PARAGRAPH_RUN.test(whole) ? { paragraph: { edge: edge ?? 'between', shown } } : {}),
        fix: edge ? `Delete ${shown}: ${many ? 'they' : 'it'} ${edge === 'end' ? `end${many ? '' : 's'} the text, so no ${what} follows ${many ? 'them' : 'it'}` : `start${many ? '' : 's'} the text, so no ${what} comes before ${many ? 'them' : 'it'}`} (write ${name === 'br' ? '\\n only where a new line starts, ' : ''}\\n\\n only between paragraphs).`
          : name === 'br' ? `Write \\n where a new line starts (\\n\\n for a new paragraph) instead of ${shown}.`
            : `Write \\n\\n between paragraphs instead of ${shown}.` });
      continue;
    }
    if (closing && opened.has(name)) continue;
    opened.add(name);
    // The words the tags wrap, when they are closed: "<b>finally</b>" → "finally".
    let wrap = WRAPPED.get(name);
    if (!wrap) {
      wrap = new RegExp(`<${name}\\b[^>]*>([^<]{1,200})</${name}>`, 'iy');
      WRAPPED.set(name, wrap);
    }
    wrap.lastIndex = t.index;
    const wrapped = closing ? null : wrap.exec(text);
    const words = wrapped?.[1];
    if (wrapped) HTML_TAG.lastIndex = t.index + wrapped[0].length;
    const emphasis = ['b', 'i', 'u', 'em', 'strong', 'mark', 'big'].includes(name);
    if (name === 'img' || name === 'wbr') {
      // A picture is never shown, its tag is: say what the picture showed, if it matters.
      out.push({
        index: t.index, end: HTML_TAG.lastIndex, message: name === 'img' ? `${message(t[0]).slice(0, -1)}, and no picture.` : message(t[0]),
        fix: name === 'img' ? `Remove ${tagToRemove(t[0])}: a scenario's text is plain text and shows no pictures. If the picture matters to the story, say in words what it shows.`
          : `Remove ${tagToRemove(t[0])}; a scenario's text is plain text.`,
      });
      continue;
    }
    out.push({
      index: t.index, end: HTML_TAG.lastIndex, message: message(t[0]),
      fix: words !== undefined
        ? `Write ${quoteValue(words, 40)} without the tags.${emphasis ? ' To stress a word, let the sentence carry it (put the word where the voice falls, at the end).' : ''}`
        : `Remove ${tagToRemove(t[0])}${closing ? '' : ', and its closing tag if it has one'}; a scenario's text is plain text.`,
    });
  }
  HTML_TAG.lastIndex = 0;
  return withParagraphsTogether(out, out.length >= limit);
}

/** A run of paragraph tags alone ("</p><p>", "<p>", "</p>\n<p>"), white space between. */
const PARAGRAPH_RUN = /^(?:\s*<\/?p(?:\s[^<>]*)?\s*\/?>)+\s*$/i;

/**
 * The runs of paragraph tags of one text as one mark, when it has two or more: a text pasted from a
 * web page, "a</p><p>b</p><p>c", was a warning for each run, the same words and fix each time (up
 * to five a text, on one line). The one warning names where the first is and how many more, and
 * one fix for all: \n\n between paragraphs, the tags at the start and end deleted. A single run
 * keeps its own words (`capped`: the marks were counted only up to a limit, so more may follow).
 */
function withParagraphsTogether(found: Found[], capped: boolean): Found[] {
  const runs = found.filter((f) => f.paragraph !== undefined);
  if (runs.length < 2) return found;
  const places = runs.reduce((n, f) => n + (f.paragraph?.edge === 'both' ? 2 : 1), 0);
  const between = runs.filter((f) => f.paragraph?.edge === 'between');
  const start = runs.find((f) => f.paragraph?.edge === 'start' || f.paragraph?.edge === 'both')?.paragraph?.shown;
  const end = runs.map((f) => f.paragraph).find((p) => p?.edge === 'end' || p?.edge === 'both');
  const endShown = end?.edge === 'both' ? end.closed : end?.shown;
  const first = runs[0] as Found;
  const firstShown = first.paragraph?.shown ?? '';
  const more = `${capped ? 'at least ' : ''}${countWords(places - 1)} more`;
  const betweenWords = between.length === 0 ? ''
    : `Write \n\n between paragraphs instead of the tags between them (${between.length === 1 ? between[0]?.paragraph?.shown : `${capped ? 'at least ' : ''}${between.length} places, the first ${between[0]?.paragraph?.shown}`})`;
  const edges = [start === undefined ? '' : `the ${start} that starts the text`, endShown === undefined ? '' : `the ${endShown} that ends it`].filter((w) => w !== '');
  const edgeWords = edges.length === 0 ? '' : `${betweenWords === '' ? 'Delete' : ', and delete'} ${edges.join(' and ')} (no paragraph comes ${start !== undefined && endShown !== undefined ? 'before or after them' : start !== undefined ? 'before it' : 'after it'}; write \n\n only between paragraphs)`;
  const merged: Found = {
    index: first.index, end: first.end, places: [first.index],
    message: `This text writes HTML paragraph tags in ${places} places (${firstShown} at ${placeAt(0)} and ${more} after it), but the apps show text as written: a volunteer sees the tags.`,
    fix: `${betweenWords}${edgeWords}.`,
  };
  return found.filter((f) => f.paragraph === undefined || f === first).map((f) => (f === first ? merged : f));
}

/** The markdown, html-tag and line-break-at-end warnings of a parsed scenario file (any value: only its texts are read). */
export function markupProblems(raw: unknown): UnlocatedProblem[] {
  return [
    ...textProblems(raw, 'markdown', "Markdown's marks", 'marks', (v) => v.includes('*') || v.includes('_') || v.includes('](') || v.includes('#'), markdownMarks),
    ...textProblems(raw, 'html-tag', 'HTML tags', 'tags', (v) => v.includes('<'), htmlTags),
    ...lineBreakAtEndProblems(raw),
    ...quotedTextProblems(raw),
  ];
}

/** The quotation marks that can open a text, and the one that closes each. */
const QUOTE_PAIRS: Readonly<Record<string, string>> = { '"': '"', '“': '”', '„': '“', '«': '»', '”': '”' };
const ANY_QUOTE = /["“”„«»]/;

/**
 * quoted-text: a character's line, or a reply said aloud, written inside quotation marks of its own
 * ("“Look, finally…”"), as a transcript has it. Both apps put a line, and a reply the volunteer says,
 * in quotation marks themselves, so a volunteer sees two pairs (docs/authoring.md: "Do not add
 * quotation marks: the program adds them"). Only a text wrapped whole in one pair, with no other
 * quotation mark inside (a line that quotes twice, "“No,” she says. “A gift.”", is not one), and not
 * a "do" reply (shown as "Do: …", which may quote what is written). Found by author-50. The first
 * MAX_MARKUP_TEXTS are listed, the rest counted.
 */
function quotedTextProblems(raw: unknown): UnlocatedProblem[] {
  const out: UnlocatedProblem[] = [];
  if (!isObject(raw) || !Array.isArray(raw.nodes)) return out;
  const people = new Map<string, string>();
  if (Array.isArray(raw.characters)) {
    for (const c of raw.characters as unknown[]) {
      if (isObject(c) && typeof c.id === 'string' && typeof c.name === 'string') people.set(c.id, typeof c.role === 'string' ? `${c.name} (${c.role})` : c.name);
    }
  }
  let more = 0;
  let firstMore: JsonPath | undefined;
  const check = (text: unknown, path: () => JsonPath, line: string | undefined) => {
    if (typeof text !== 'string') return;
    const body = text.trim();
    const open = body.charAt(0);
    const close = QUOTE_PAIRS[open];
    if (close === undefined || body.length < 3 || body.charAt(body.length - 1) !== close || ANY_QUOTE.test(body.slice(1, -1))) return;
    if (out.length >= MAX_MARKUP_TEXTS) {
      more++;
      firstMore ??= path();
      return;
    }
    const shown = `"${shorten(body, 80)}"`;
    out.push({
      severity: 'warning', code: 'quoted-text', path: path(),
      message: line !== undefined
        ? `This line is written inside quotation marks, but the apps put a character's words in quotation marks themselves, so a volunteer sees two pairs: ${line}: ${shown}`
        : `This reply is written inside quotation marks, but the apps put what the volunteer says in quotation marks themselves, so a volunteer sees two pairs: You: ${shown}`,
      fix: `Delete the ${open} at its start and the ${close} at its end${open === '"' ? ' (written \\" in the file)' : ''}: the apps add their own.`,
    });
  };
  const nodes = raw.nodes as unknown[];
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    if (!isObject(node)) continue;
    if (Array.isArray(node.lines)) {
      const lines = node.lines as unknown[];
      for (let k = 0; k < lines.length; k++) {
        const l = lines[k];
        if (isObject(l)) check(l.text, () => ['nodes', i, 'lines', k, 'text'], typeof l.character === 'string' ? people.get(l.character) ?? l.character : 'A character');
      }
    }
    if (Array.isArray(node.replies)) {
      const replies = node.replies as unknown[];
      for (let j = 0; j < replies.length; j++) {
        const r = replies[j];
        if (isObject(r) && r.kind !== 'do') check(r.text, () => ['nodes', i, 'replies', j, 'text'], undefined);
      }
    }
  }
  if (more > 0 && firstMore) {
    out.push({
      severity: 'warning', code: 'quoted-text', path: firstMore,
      message: `${countWords(more)} more line${more === 1 ? '' : 's'} or repl${more === 1 ? 'y' : 'ies'} from here on ${more === 1 ? 'is' : 'are'} written inside quotation marks too (the first ${MAX_MARKUP_TEXTS} are listed one by one).`,
      fix: `Delete the quotation marks at their starts and ends, as the warnings above say; ${pointerWords.again()} to see the rest.`,
    });
  }
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Texts always shown on one line: a line break in them is line-break-in-line's (semantic.ts). */
const ONE_LINE = new Set(['title', 'name', 'role', 'label', 'unavailableReason']);
/** White space a text may end with; of it, the line breaks (cleanText makes \r, U+2028 and U+2029 new lines). */
const TRAILING = new Set([' ', '\t', '\n', '\r', '\u2028', '\u2029']);
const BREAK = /\r\n|[\n\r\u2028\u2029]/g;

/**
 * line-break-at-end: a text (shown as paragraphs) that starts or ends with a line break, "Look.\n\n"
 * (left by a fix followed to the letter, "Write \n\n between paragraphs instead of "<hr>"" for a rule
 * at the end) or "\n\nLook". It was valid without a word, though the terminal app shows an empty row
 * after the text (a character's closing quote on a row of its own) and, for a blank line ("\n\n"),
 * the web pages a blank line too; at the start, the web pages show an empty line for each line
 * break (pre-line: 60 px against 20 for "\n\nLook") and the terminal app a character's opening quote
 * on a row of its own. One warning a text (both ends in one); the first MAX_MARKUP_TEXTS are listed,
 * the rest counted.
 */
function lineBreakAtEndProblems(raw: unknown): UnlocatedProblem[] {
  const out: UnlocatedProblem[] = [];
  let more = 0;
  let firstMore: JsonPath | undefined;
  forEachText(raw, (value, path, key) => {
    if (key === 'authorNotes' || ONE_LINE.has(key)) return;
    let at = value.length;
    while (at > 0 && TRAILING.has(value.charAt(at - 1))) at--;
    // A blank text is blank-text's error.
    if (at === 0) return;
    let from = 0;
    while (TRAILING.has(value.charAt(from))) from++;
    const head = value.slice(0, from);
    const tail = value.slice(at);
    const first = head.match(BREAK)?.length ?? 0;
    const breaks = tail.match(BREAK)?.length ?? 0;
    if (first === 0 && breaks === 0) return;
    if (out.length >= MAX_MARKUP_TEXTS) {
      more++;
      firstMore ??= path();
      return;
    }
    const shownHead = quoteValue(head, 24);
    const shown = quoteValue(tail, 24);
    const where = path();
    const line = key === 'text' && where.includes('lines');
    // A character's line is shown in quotes, “Look.\n\n”: the closing one on a row of its own.
    const quote = line ? 'the terminal app puts the line\'s closing quote on a row of its own' : '';
    const endWords = breaks > 1
      ? `ends with ${shown}, a blank line after its last words: both apps show it${quote ? `, and ${quote}` : ''}`
      : `ends with a line break (${shown}): ${quote || 'the terminal app shows an empty row after its last words'}`;
    // “\n\nLook”: the opening quote on a row of its own, and an empty line for each break on the web pages.
    const open = line ? ', and the terminal app puts the line\'s opening quote on a row of its own' : '';
    const startWords = first > 1
      ? `starts with ${shownHead}, empty lines before its first words: both apps show them${open}`
      : `starts with a line break (${shownHead}): the web pages show an empty line before its first words${open}`;
    const rule = 'write \\n only where a new line starts, \\n\\n only between paragraphs.';
    out.push({
      severity: 'warning', code: 'line-break-at-end', path: where, stringIndex: first > 0 ? 0 : at,
      message: first > 0 && breaks > 0 ? `This text ${startWords}; it also ${endWords}.`
        : first > 0 ? `This text ${startWords}.` : `This text ${endWords}.`,
      fix: first > 0 && breaks > 0
        ? `Delete the ${shownHead} at its start and the ${shown} at its end, so that its words come straight after the opening quote and the closing quote straight after them: ${rule}`
        : first > 0 ? `Delete the ${shownHead} at its start, so that its first words come straight after the opening quote: ${rule}`
          : `Delete the ${shown} at its end, so that the closing quote comes straight after its last words: ${rule}`,
    });
  });
  if (more > 0 && firstMore) {
    out.push({
      severity: 'warning', code: 'line-break-at-end', path: firstMore,
      message: `${countWords(more)} more text${more === 1 ? '' : 's'} from here on ${more === 1 ? 'starts or ends' : 'start or end'} with a line break too (the first ${MAX_MARKUP_TEXTS} are listed one by one).`,
      fix: `Delete the line breaks at their starts and ends, as the warnings above say; ${pointerWords.again()} to see the rest.`,
    });
  }
  return out;
}

/**
 * The warnings `code` for the texts (author notes left out) where `find` finds what the screens do
 * not show as meant (`maybe` a cheap test first): each mark of a text one by one, up to
 * MAX_MARKS_PER_TEXT (the last listed says how many more the text holds, so that a trainer mends
 * them all in one pass), in the first MAX_MARKUP_TEXTS texts and up to MAX_MARKUP_WARNINGS in all;
 * then one warning for the texts left ("written with `what` too").
 */
function textProblems(raw: unknown, code: string, what: string, short: string, maybe: (value: string) => boolean,
  find: (value: string, limit: number) => Found[]): UnlocatedProblem[] {
  const out: UnlocatedProblem[] = [];
  let texts = 0;
  let more = 0;
  let firstMore: JsonPath | undefined;
  forEachText(raw, (value, path, key) => {
    if (key === 'authorNotes' || !maybe(value)) return;
    const room = Math.min(MAX_MARKS_PER_TEXT, MAX_MARKUP_WARNINGS - out.length);
    // Past the texts listed, it is enough to know that a text holds one.
    const found = find(value, texts < MAX_MARKUP_TEXTS && room > 0 ? MAX_COUNTED : 1);
    if (found.length === 0) return;
    if (texts >= MAX_MARKUP_TEXTS || room <= 0) {
      more++;
      firstMore ??= path();
      return;
    }
    texts++;
    const at = path();
    const listed = found.slice(0, room);
    const rest = found.length - listed.length;
    listed.forEach((f, i) => {
      const last = i === listed.length - 1 && rest > 0;
      const others = `${found.length === MAX_COUNTED ? 'at least ' : ''}${countWords(rest)} more`;
      out.push({
        severity: 'warning', code, path: at, stringIndex: f.index,
        ...(f.places ? { places: f.places.map(() => at), placeIndices: f.places } : {}),
        message: last ? `${f.message} This text holds ${others} after this one.` : f.message,
        fix: last ? `${f.fix} ${rest === 1 ? 'The one after it needs' : 'The others after it need'} the same.` : f.fix,
      });
    });
  });
  if (more > 0 && firstMore) {
    out.push({
      severity: 'warning', code, path: firstMore,
      message: `${countWords(more)} more text${more === 1 ? '' : 's'} from here on ${more === 1 ? 'is' : 'are'} written with ${what} too (the first ${texts} are listed one by one).`,
      fix: `Write them without the ${short}, as the warnings above say; ${pointerWords.again()} to see the rest.`,
    });
  }
  return out;
}
