/**
 * A list that grows with the file (conditions joined with "and", a loop's nodes, principles written
 * in one text) as a message or fix names it: the first few items, then how many more. A "when" of
 * 100,000 conditions joined with "and" had its fix write every one of them back, a 3 MB line.
 */

/** At most this many items of such a list are named; the rest are counted. */
export const MAX_NAMED = 5;

export interface FirstFewOptions {
  /** How many items are named (MAX_NAMED unless said). */
  max?: number;
  /** Between two items: ", " unless said (" → " for a loop, " and " for conditions). */
  separator?: string;
  /** Before the last item when every item is named: " and " unless said (a list written as JSON: ", "). */
  last?: string;
  /** How many of the last items are named too, after the count (a loop's step back to its first node). */
  end?: number;
  /** How many items the list has, when only its first ones are given (not with `end`). */
  total?: number;
  /** What the items counted are, after the count: "… and 1,996 more conditions". */
  noun?: string;
}

/** "1,234": a count as the messages write it. */
export function countWords(n: number): string {
  return n.toLocaleString('en-US');
}

/**
 * `items` joined: every one when there are at most `max` (and `end`), else the first `max`, then
 * "… and 99,990 more" (or, with `end`, "… 99,990 more …" and the last `end` items).
 */
export function firstFew(items: readonly string[], { max = MAX_NAMED, separator = ', ', last = ' and ', end = 0, total = items.length, noun }: FirstFewOptions = {}): string {
  if (total <= max + end) {
    return items.length > 1 ? `${items.slice(0, -1).join(separator)}${last}${items[items.length - 1] ?? ''}` : items[0] ?? '';
  }
  const more = `${countWords(total - max - end)} more${noun === undefined ? '' : ` ${noun}`}`;
  const shown = items.slice(0, max).join(separator);
  if (end > 0) return `${shown}${separator}… ${more} …${separator}${items.slice(-end).join(separator)}`;
  // "a and b … and 3 more": not "a and b and … and 3 more".
  return `${shown}${separator.trim() === 'and' ? ' ' : separator}… and ${more}`;
}

/**
 * A route through the story as a message names it: "d1 → s1 → d2 → end-mixed", whole up to 15
 * nodes, else its first 10, how many more, and its last 5 (a chain of 20,000 scenes in a generated
 * file was written whole, on one line). The audit's fix and the Preview's "Its route" say it alike.
 */
export function routeWords(route: readonly string[]): string {
  return firstFew(route, { separator: ' → ', last: ' → ', max: 10, end: 5 });
}
