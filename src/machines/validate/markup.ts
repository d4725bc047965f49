import { quoteValue } from '../text/quote.js';
import { pointerWords } from './pointers.js';
import type { JsonPath, UnlocatedProblem } from './problem.js';
import { forEachText } from './texts.js';

/**
 * markdown: a text written with Markdown's marks ("How are *you* doing", "[the guide](https://…)",
 * "# Saturday"). Both apps show a scenario's text as written (as text, never as markup), so a
 * volunteer sees the asterisks, the brackets and the address: say where, and what to write instead.
 * Author notes are not shown to volunteers and are not read. At most 20 texts are listed one by
 * one; one more warning counts the rest.
 */

export const MAX_MARKUP_TEXTS = 20;

/** Emphasis: *word*, **words**, _word_, __words__, the marks hugging the words, outside a word. */
const EMPHASIS = /(?<![\p{L}\p{N}*_\\])(\*\*|\*|__|_)(?=[^\s*_])([^*_\n]{0,200}?[^\s*_\\])\1(?![\p{L}\p{N}*_])/u;
/** A link: [words](address). */
const LINK = /\[([^\]\n]{1,200})\]\(([^)\s]{1,2000})\)/;
/** A heading: a line that starts with one to six # and a space. */
const HEADING = /(?:^|\n)(#{1,6}) +\S/;

interface Found {
  index: number;
  message: string;
  fix: string;
}

/** The first Markdown mark in `text`, in words, or undefined. */
function firstMark(text: string): Found | undefined {
  const found: Found[] = [];
  const e = EMPHASIS.exec(text);
  if (e) {
    const [whole, mark = '', words = ''] = e;
    const marks = mark[0] === '*' ? 'asterisks' : 'underscores';
    found.push({
      index: e.index,
      message: `This text writes ${quoteValue(whole, 40)} with Markdown's ${marks} for emphasis, but the apps show text as written: a volunteer sees the ${marks}.`,
      fix: `Write ${quoteValue(words, 40)} without the ${marks}. To stress a word, let the sentence carry it (put the word where the voice falls, at the end).`,
    });
  }
  const l = LINK.exec(text);
  if (l) {
    found.push({
      index: l.index,
      message: `This text writes a Markdown link, ${quoteValue(l[0], 40)}, but the apps show text as written: a volunteer sees the brackets and the address, and no link to follow.`,
      fix: `Write the words alone, ${quoteValue(l[1] ?? '', 40)}; a scenario's text is never a link.`,
    });
  }
  const h = HEADING.exec(text);
  if (h) {
    const at = h.index + (text[h.index] === '\n' ? 1 : 0);
    found.push({
      index: at,
      message: `This text starts a line with ${quoteValue(`${h[1] ?? '#'} `)}, a Markdown heading, but the apps show text as written: a volunteer sees the ${(h[1] ?? '#').length > 1 ? 'marks' : 'mark'}.`,
      fix: 'Remove the "#"; a node\'s "title" is its heading, shown above its text.',
    });
  }
  return found.sort((a, b) => a.index - b.index)[0];
}

/**
 * html-tag: a text written with HTML's tags ("<br>", "<b>never</b>"), pasted from a web page or
 * written as for one. Both apps show the tags as written. Only tags people write in text are looked
 * for, so "<3", "trust < 60" and "<unknown>" are left alone.
 */
const HTML_TAG = /<\/?(b|i|u|s|em|strong|br|p|div|span|a|h[1-6]|ul|ol|li|font|sup|sub|small|big|mark|strike|del|ins|blockquote|hr|center|tt|code|pre)(?:\s[^<>\n]{0,200})?\s*\/?>/i;
/** Tags that break a line or a paragraph, and those that format the words between them. */
const BREAKS = new Set(['br', 'p', 'div', 'hr', 'li', 'ul', 'ol', 'blockquote', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'center', 'pre']);

function firstTag(text: string): Found | undefined {
  const t = HTML_TAG.exec(text);
  if (!t) return undefined;
  const name = (t[1] ?? '').toLowerCase();
  const message = `This text writes ${quoteValue(t[0], 40)}, an HTML tag, but the apps show text as written: a volunteer sees the tag.`;
  if (name === 'br') return { index: t.index, message, fix: `Write \\n where a new line starts (\\n\\n for a new paragraph) instead of ${quoteValue(t[0], 40)}.` };
  if (BREAKS.has(name)) return { index: t.index, message, fix: `Write \\n\\n between paragraphs instead of "<${name}>" and "</${name}>".` };
  // The words the tags wrap, when they are closed: "<b>finally</b>" → "finally".
  const wrapped = new RegExp(`^<${name}\\b[^>]*>([^<]{1,200})</${name}>`, 'i').exec(text.slice(t.index));
  const words = wrapped?.[1];
  const emphasis = ['b', 'i', 'u', 'em', 'strong', 'mark', 'big'].includes(name);
  return {
    index: t.index,
    message,
    fix: words !== undefined
      ? `Write ${quoteValue(words, 40)} without the tags.${emphasis ? ' To stress a word, let the sentence carry it (put the word where the voice falls, at the end).' : ''}`
      : `Remove ${quoteValue(t[0], 40)}, and its closing tag if it has one; a scenario's text is plain text.`,
  };
}

/** The markdown and html-tag warnings of a parsed scenario file (any value: only its texts are read). */
export function markupProblems(raw: unknown): UnlocatedProblem[] {
  return [
    ...textProblems(raw, 'markdown', "Markdown's marks", 'marks', (v) => v.includes('*') || v.includes('_') || v.includes('](') || v.includes('#'), firstMark),
    ...textProblems(raw, 'html-tag', 'HTML tags', 'tags', (v) => v.includes('<'), firstTag),
  ];
}

/**
 * One warning `code` per text (author notes left out) where `find` finds what the screens do not
 * show as meant (`maybe` a cheap test first), the first MAX_MARKUP_TEXTS one by one, then one for
 * the rest ("written with `what` too").
 */
function textProblems(raw: unknown, code: string, what: string, short: string, maybe: (value: string) => boolean,
  find: (value: string) => { index: number; message: string; fix: string } | undefined): UnlocatedProblem[] {
  const out: UnlocatedProblem[] = [];
  let more = 0;
  let firstMore: JsonPath | undefined;
  forEachText(raw, (value, path, key) => {
    if (key === 'authorNotes' || !maybe(value)) return;
    const found = find(value);
    if (!found) return;
    if (out.length >= MAX_MARKUP_TEXTS) {
      more++;
      firstMore ??= path();
      return;
    }
    out.push({ severity: 'warning', code, path: path(), stringIndex: found.index, message: found.message, fix: found.fix });
  });
  if (more > 0 && firstMore) {
    out.push({
      severity: 'warning', code, path: firstMore,
      message: `${more} more text${more === 1 ? '' : 's'} from here on ${more === 1 ? 'is' : 'are'} written with ${what} too (the first ${MAX_MARKUP_TEXTS} are listed one by one).`,
      fix: `Write them without the ${short}, as the warnings above say; ${pointerWords.again()} to see the rest.`,
    });
  }
  return out;
}
