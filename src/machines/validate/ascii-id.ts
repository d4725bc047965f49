import { countWords } from '../text/first-few.js';
import { quoteValue } from '../text/quote.js';
import { columnAt, type UnlocatedProblem } from './problem.js';

/** One character an id cannot hold where it is, by kind: how it is named and counted. */
type Mistake = { index: number; kind: 'capital' | 'space' | 'underscore' | 'hyphen' | 'other' | 'foreign'; name: string; edge?: boolean; segment: string; todo?: string };

const KIND_WORDS: Record<Mistake['kind'], [string, string]> = {
  capital: ['a capital', 'capitals'], space: ['a space', 'spaces'], underscore: ['an underscore', 'underscores'],
  hyphen: ['a hyphen too many', 'hyphens too many'], other: ['another sign', 'other signs'],
  foreign: ['another character other than a to z, 0 to 9 and the hyphen', 'other characters other than a to z, 0 to 9 and the hyphen'],
};

/** One character of a value as a reader counts it (an emoji with its variation selector is one), and where it starts (a UTF-16 index). */
export interface IdPart { index: number; segment: string }
/** A character outside plain ASCII in words, and what to do with it: "an emoji, "❤️" (U+2764 U+FE0F; …)", "delete it, the variation selector with it". */
export type ForeignWords = (segment: string) => { name: string; todo: string };

/** At most this many characters outside plain ASCII are named one by one after the first mistake; the rest are counted. */
const FOREIGN_NAMED = 3;

/**
 * The characters of `value` that make it no id, in order: a capital, a space, an underscore, a
 * hyphen at its start or end or after another, any other sign, and (with `foreign`) a character
 * outside plain ASCII, named by `foreign`. The id rule is the schema's (scenario-id.ts SLUG):
 * lower-case letters and digits in words joined by single hyphens.
 */
function mistakesOf(parts: readonly IdPart[], foreign?: ForeignWords): Mistake[] {
  // A character outside plain ASCII is one, but for the plain letter before a skin tone ("h" and
  // U+1F3FD), which is read as the letter it is (as withForeignCharacter does).
  const units: { index: number; segment: string; ascii: boolean }[] = [];
  for (const { index, segment } of parts) {
    if (/^[\x20-\x7e]+$/.test(segment)) {
      for (let k = 0; k < segment.length; k++) units.push({ index: index + k, segment: segment[k] as string, ascii: true });
      continue;
    }
    const from = /^[a-zA-Z]\p{M}+$/u.test(segment) ? 0 : Math.max(0, segment.search(/[^\x20-\x7e]/));
    for (let k = 0; k < from; k++) units.push({ index: index + k, segment: segment[k] as string, ascii: true });
    units.push({ index: index + from, segment: segment.slice(from), ascii: false });
  }
  const out: Mistake[] = [];
  const last = units.length - 1;
  for (let i = 0; i < units.length; i++) {
    const { index, segment: c, ascii } = units[i] as (typeof units)[number];
    const before = units[i - 1]?.segment;
    if (!ascii) {
      const words = foreign?.(c);
      if (words) out.push({ index, kind: 'foreign', name: `${words.name},`, segment: c, todo: words.todo });
      continue;
    }
    if (/[a-z0-9]/.test(c)) continue;
    if (/[A-Z]/.test(c)) out.push({ index, kind: 'capital', name: `a capital, ${quoteValue(c)},`, segment: c });
    else if (c === '-') {
      if (i === 0 || i === last || before === '-') out.push({ index, kind: 'hyphen', name: before === '-' ? 'a second hyphen' : 'a hyphen', edge: i === 0 || i === last, segment: c });
    } else if (c === ' ') out.push({ index, kind: 'space', name: 'a space', segment: c });
    else if (c === '_') out.push({ index, kind: 'underscore', name: 'an underscore (_)', segment: c });
    else out.push({ index, kind: 'other', name: `the character ${quoteValue(c)}`, segment: c });
  }
  return out;
}

/**
 * "2 capitals and 1 space": the mistakes after the first, counted by kind in the order met; a
 * character outside plain ASCII named on its own (the first FOREIGN_NAMED of them), as the emoji
 * and its variation selector are what the trainer must find.
 */
function othersWords(rest: readonly Mistake[]): string {
  const entries: ({ kind: Mistake['kind']; n: number } | { name: string })[] = [];
  const counted = new Map<Mistake['kind'], { kind: Mistake['kind']; n: number }>();
  let named = 0;
  for (const m of rest) {
    if (m.kind === 'foreign' && named < FOREIGN_NAMED) {
      named++;
      entries.push({ name: m.name.slice(0, -1) });
      continue;
    }
    const entry = counted.get(m.kind);
    if (entry) entry.n++;
    else {
      const made = { kind: m.kind, n: 1 };
      counted.set(m.kind, made);
      entries.push(made);
    }
  }
  const parts = entries.map((e) => ('name' in e ? e.name : e.n === 1 ? KIND_WORDS[e.kind][0] : `${countWords(e.n)} ${KIND_WORDS[e.kind][1]}`));
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1] ?? ''}` : parts[0] ?? '';
}

/**
 * An invalid-id error about a value of plain ASCII ("scene One", "r_supervisor", "d2--listen")
 * names the first character an id cannot hold, where it is (the letters before it, and its
 * column: "{column:i}", filled in once the file is located) and how many more there are; the fix
 * suggests the id corrected, as before. It said only "ids must be lower-case letters, digits and
 * single hyphens", and the trainer looked for the capital or the underscore in a long id (found by
 * val-55).
 *
 * With `parts` and `foreign`, a value that also holds characters outside plain ASCII ("Phone❤️":
 * a capital and an emoji) is told every one in the same way, in order, each such character named
 * by `foreign` (with its variation selector), and the fix says where the first of them is and what
 * to do with it before the id corrected. It was told nothing but the rule (found by val-56).
 */
export function withIdMistakes(p: UnlocatedProblem, value: string, parts?: readonly IdPart[], foreign?: ForeignWords): UnlocatedProblem {
  const ascii = /^[\x20-\x7e]+$/.test(value);
  if ((!ascii && (parts === undefined || foreign === undefined)) || !p.message.includes(' is not a valid id: ')) return p;
  const all = mistakesOf(ascii ? [...value].map((segment, index) => ({ index, segment })) : parts ?? [], foreign);
  const first = all[0];
  if (!first) return p;
  const pre = value.slice(0, first.index);
  const atEnd = first.index + first.segment.length === value.length;
  const where = pre === '' ? 'at its start' : `${atEnd ? 'at its end, ' : ''}after ${quoteValue(pre, 40)}`;
  const why = first.kind === 'hyphen' ? (first.edge ? ': an id starts and ends with a letter or a digit' : ': hyphens in an id come one at a time') : '';
  const rest = all.slice(1);
  const more = rest.length === 0 ? '' : ` It holds ${countWords(rest.length)} more ${rest.length === 1 ? 'character' : 'characters'} an id cannot hold: ${othersWords(rest)}.`;
  // The first character outside plain ASCII, where it is: a trainer who deletes the heart of "❤️"
  // alone still has its variation selector, which shows as nothing.
  const odd = all.find((m) => m.kind === 'foreign');
  const oddPre = odd === undefined ? '' : value.slice(0, odd.index);
  const oddFix = odd === undefined ? ''
    : `${odd === first ? 'It' : `The ${quoteValue(odd.segment)}`} is just ${oddPre === '' ? 'after the opening quote' : `after ${quoteValue(oddPre, 40)}`}: ${odd.todo ?? 'delete it'}, or type the whole value again. `;
  return { ...p, message: `${p.message} It holds ${first.name} ${where}${columnAt(first.index)}${why}.${more}`, fix: `${oddFix}${p.fix}` };
}
