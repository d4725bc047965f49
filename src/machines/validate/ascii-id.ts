import { countWords } from '../text/first-few.js';
import { quoteValue } from '../text/quote.js';
import { columnAt, type UnlocatedProblem } from './problem.js';

/** One character an id cannot hold where it is, by kind: how it is named and counted. */
type Mistake = { index: number; kind: 'capital' | 'space' | 'underscore' | 'hyphen' | 'other'; name: string; edge?: boolean };

const KIND_WORDS: Record<Mistake['kind'], [string, string]> = {
  capital: ['a capital', 'capitals'], space: ['a space', 'spaces'], underscore: ['an underscore', 'underscores'],
  hyphen: ['a hyphen too many', 'hyphens too many'], other: ['another sign', 'other signs'],
};

/**
 * The characters of `value` (plain printable ASCII) that make it no id, in order: a capital, a
 * space, an underscore, a hyphen at its start or end or after another, any other sign. The id rule
 * is the schema's (scenario-id.ts SLUG): lower-case letters and digits in words joined by single
 * hyphens.
 */
function mistakesOf(value: string): Mistake[] {
  const out: Mistake[] = [];
  const last = value.length - 1;
  for (let i = 0; i < value.length; i++) {
    const c = value[i] as string;
    if (/[a-z0-9]/.test(c)) continue;
    if (/[A-Z]/.test(c)) out.push({ index: i, kind: 'capital', name: `a capital, ${quoteValue(c)},` });
    else if (c === '-') {
      if (i === 0 || i === last || value[i - 1] === '-') out.push({ index: i, kind: 'hyphen', name: value[i - 1] === '-' ? 'a second hyphen' : 'a hyphen', edge: i === 0 || i === last });
    } else if (c === ' ') out.push({ index: i, kind: 'space', name: 'a space' });
    else if (c === '_') out.push({ index: i, kind: 'underscore', name: 'an underscore (_)' });
    else out.push({ index: i, kind: 'other', name: `the character ${quoteValue(c)}` });
  }
  return out;
}

/** "2 capitals and 1 space": the mistakes after the first, counted by kind in the order met. */
function othersWords(rest: readonly Mistake[]): string {
  const counts = new Map<Mistake['kind'], number>();
  for (const m of rest) counts.set(m.kind, (counts.get(m.kind) ?? 0) + 1);
  const parts = [...counts].map(([kind, n]) => (n === 1 ? KIND_WORDS[kind][0] : `${countWords(n)} ${KIND_WORDS[kind][1]}`));
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1] ?? ''}` : parts[0] ?? '';
}

/**
 * An invalid-id error about a value of plain ASCII ("scene One", "r_supervisor", "d2--listen")
 * names the first character an id cannot hold, where it is (the letters before it, and its
 * column: "{column:i}", filled in once the file is located) and how many more there are; the fix
 * suggests the id corrected, as before. It said only "ids must be lower-case letters, digits and
 * single hyphens", and the trainer looked for the capital or the underscore in a long id (found by
 * val-55).
 */
export function withAsciiMistake(p: UnlocatedProblem, value: string): UnlocatedProblem {
  if (!/^[\x20-\x7e]+$/.test(value) || !p.message.includes(' is not a valid id: ')) return p;
  const all = mistakesOf(value);
  const first = all[0];
  if (!first) return p;
  const pre = value.slice(0, first.index);
  const atEnd = first.index === value.length - 1;
  const where = pre === '' ? 'at its start' : `${atEnd ? 'at its end, ' : ''}after ${quoteValue(pre, 40)}`;
  const why = first.kind === 'hyphen' ? (first.edge ? ': an id starts and ends with a letter or a digit' : ': hyphens in an id come one at a time') : '';
  const rest = all.slice(1);
  const more = rest.length === 0 ? '' : ` It holds ${countWords(rest.length)} more ${rest.length === 1 ? 'character' : 'characters'} an id cannot hold: ${othersWords(rest)}.`;
  return { ...p, message: `${p.message} It holds ${first.name} ${where}${columnAt(first.index)}${why}.${more}` };
}
