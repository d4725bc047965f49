import { quoteValue } from './quote.js';

/** Edit distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  return boundedDistance(a, b, Math.max(a.length, b.length));
}

/**
 * Edit distance if it is at most `limit`, otherwise limit + 1. Only a band of width 2·limit + 1
 * around the diagonal is computed, so the cost is O(length × limit), not O(length²). Two rows are
 * kept for every call (ROWS), not two lists made per row: 100,000 unknown ids suggested for made
 * some 70 MB of them.
 */
export function boundedDistance(a: string, b: string, limit: number): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const big = limit + 1;
  const n = b.length + 1;
  if (ROWS.a.length < n) {
    ROWS.a = new Float64Array(n * 2);
    ROWS.b = new Float64Array(n * 2);
  }
  let prev = ROWS.a;
  let cur = ROWS.b;
  for (let j = 0; j < n; j++) prev[j] = j <= limit ? j : big;
  for (let i = 1; i <= a.length; i++) {
    cur.fill(big, 0, n);
    const from = Math.max(1, i - limit);
    const to = Math.min(b.length, i + limit);
    cur[0] = i <= limit ? i : big;
    let rowMin = cur[0] as number;
    const ca = a.charCodeAt(i - 1);
    for (let j = from; j <= to; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      const v = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      cur[j] = v > big ? big : v;
      if (v < rowMin) rowMin = v;
    }
    budget -= to - from + 1;
    if (rowMin > limit) return big;
    const done = prev;
    prev = cur;
    cur = done;
  }
  return Math.min(prev[b.length] as number, big);
}

/** The two rows boundedDistance works in (grown for a longer word; numbers, as the lists held). */
const ROWS = { a: new Float64Array(64), b: new Float64Array(64) };

/**
 * Work left for suggestions in this validation, in distance-table cells. A file with thousands of
 * unknown names would otherwise cost (names × candidates); past this budget the problems are
 * still reported, only without "did you mean". Reset by validateScenario for each file.
 */
let budget = 0;
const SUGGESTION_BUDGET = 1_000_000;

/** Gives the next validation its full budget for suggestions. */
export function resetSuggestionBudget(): void {
  budget = SUGGESTION_BUDGET;
}
resetSuggestionBudget();

/**
 * The closest of `candidates` to `word`, if it is close enough to be a likely typo (within about a
 * third of its length, or one contains the other, or the word is a candidate's leading
 * hyphen-separated part: "s1" for "s1-open"). Only candidates of a similar length are
 * compared, each within a bounded band.
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  return closestTwo(word, candidates, false).best;
}

/**
 * closest, and with `ties`, another candidate as likely (`also`): as few changes away, or, where the
 * best is one containing the word, another containing it too ("boyfriend" for "boyfriend-open" and
 * "boyfriend-guarded"). Undefined `also` when the best stands alone.
 */
export function closestTwo(word: string, candidates: Iterable<string>, ties = true): { best?: string; also?: string } {
  if (budget <= 0) return {};
  const w = word.toLowerCase();
  // Never more changes than the word has letters less one: "x" or "f" is not a typo of "id".
  const limit = Math.min(Math.max(2, Math.floor(word.length / 3)), Math.max(0, word.length - 1));
  let best: string | undefined;
  let bestDistance = limit + 1;
  let tie: string | undefined;
  let contained: string | undefined;
  let containedGap = Infinity;
  let containedToo: string | undefined;
  // The candidates the word starts, whole, as their leading hyphen-separated part ("report" for
  // "report-a" and "report-b"): the first two, and how many.
  const leading: string[] = [];
  let leadingCount = 0;
  const lead = `${w}-`;
  for (const c of candidates) {
    if (budget <= 0) break;
    const lc = c.toLowerCase();
    if (w.length > 0 && lc.startsWith(lead)) {
      leadingCount++;
      if (leading.length < 2) leading.push(c);
    }
    const gap = Math.abs(lc.length - w.length);
    // With ties, one as far as the best is looked at too (within the limit).
    const bound = ties && best !== undefined ? Math.min(bestDistance, limit) : bestDistance - 1 < limit ? bestDistance - 1 : limit;
    if (gap <= bound) {
      const d = boundedDistance(w, lc, bound);
      if (d < bestDistance) [best, bestDistance, tie] = [c, d, undefined];
      else if (ties && d === bestDistance && d <= limit) tie ??= c;
    }
    // Containment counts only for names of three letters or more ("x" is in "next" and "text"),
    // or for a word that is a candidate's leading hyphen-separated parts, whole ("s1" for "s1-open"
    // and "s1-guarded", not for "s10-open").
    if (best === undefined && (gap < containedGap || (ties && contained !== undefined))
      && ((Math.min(lc.length, w.length) >= 3 && (lc.includes(w) || w.includes(lc))) || (w.length > 0 && lc.startsWith(`${w}-`)))) {
      budget -= Math.max(lc.length, w.length);
      if (gap < containedGap) {
        if (ties && contained !== undefined) containedToo ??= contained;
        [contained, containedGap] = [c, gap];
      } else containedToo ??= c;
    }
  }
  // A bare word that starts several ids is the start of each of them, not a typo of one: "Did you
  // mean "report-a"?" with "report-b" there too picked one by length or order (found by
  // author2-50). Two are offered as a pair (with `ties`); more, or two without ties, none: the
  // caller's fix names the ids to choose from.
  if (leadingCount >= 2 && bestDistance > 0) return ties && leadingCount === 2 ? { best: leading[0], also: leading[1] } : {};
  if (best === undefined && contained === undefined) {
    const undoubled = closestUndoubled(w, candidates, limit);
    if (undoubled !== undefined) return { best: undoubled };
  }
  return best !== undefined ? { best, also: tie } : { best: contained, also: containedToo };
}

/** `word` with each run of one letter written once ("narration" → "naration"). */
function undoubled(word: string): string {
  return word.replace(/(.)\1+/g, '$1');
}

/**
 * The candidate `w` (in lower case) is within `limit` changes of once each run of a doubled letter is
 * written once in both, when closestTwo found none: a doubled letter left single, or a single one
 * doubled, is one more slip on top of the others ("narator" for "narration", three changes away,
 * two once "rr" counts as "r"; found by author-60). Only candidates or words with a doubled letter
 * are compared again (the others' distance is the same), and a tie between two offers neither.
 */
function closestUndoubled(w: string, candidates: Iterable<string>, wordLimit: number): string | undefined {
  const short = undoubled(w);
  // The limit of the word as it is once undoubled: "qqq" is "q", which no change makes "d1".
  const limit = Math.min(wordLimit, Math.max(2, Math.floor(short.length / 3)), Math.max(0, short.length - 1));
  let found: string | undefined;
  let foundDistance = limit + 1;
  let tied = false;
  for (const c of candidates) {
    if (budget <= 0) return undefined;
    const lc = c.toLowerCase();
    const other = undoubled(lc);
    if (other === lc && short === w) continue;
    if (Math.abs(other.length - short.length) > limit) continue;
    const d = boundedDistance(short, other, Math.min(foundDistance, limit));
    if (d < foundDistance) [found, foundDistance, tied] = [c, d, false];
    else if (d === foundDistance && d <= limit) tied = true;
  }
  return tied ? undefined : found;
}

/**
 * Memoised suggestions against one set of candidates (e.g. every node id), built once per check:
 * the likely meant candidate (see closest), or undefined. `didYouMeanOf` words it.
 */
export function suggester(candidates: Iterable<string>): (word: string) => string | undefined {
  const list = [...candidates];
  const memo = new Map<string, string | undefined>();
  return (word) => {
    if (memo.has(word)) return memo.get(word);
    // With the budget spent, closest finds nothing for any word: nothing to work out or to keep
    // (84,000 of 100,000 unknown ids, each a memo entry of its own).
    if (budget <= 0) return undefined;
    const guess = closest(word, list);
    memo.set(word, guess);
    return guess;
  };
}

/** As suggester, with a second candidate as likely when there is one (see closestTwo). */
export function pairSuggester(candidates: Iterable<string>): (word: string) => { best?: string; also?: string } {
  const list = [...candidates];
  const memo = new Map<string, { best?: string; also?: string }>();
  return (word) => {
    const known = memo.get(word);
    if (known) return known;
    // As in suggester: with the budget spent, no guess, and none kept.
    if (budget <= 0) return {};
    const guess = closestTwo(word, list);
    memo.set(word, guess);
    return guess;
  };
}

/** The candidates `word` starts, whole, as their leading hyphen-separated part ("report" for "report-a"), in their order. */
export function startingWith(word: string, candidates: Iterable<string>): string[] {
  const lead = `${word.toLowerCase()}-`;
  if (lead === '-') return [];
  return [...candidates].filter((c) => c.toLowerCase().startsWith(lead));
}

/** ' Did you mean "x"?' for a guess, or an empty string for none. */
export function didYouMeanOf(guess: string | undefined): string {
  return guess ? ` Did you mean ${quoteValue(guess)}?` : '';
}

/** ' Did you mean "x"?' or an empty string. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  return didYouMeanOf(closest(word, candidates));
}

/** Words that say nothing of which id is meant ("the" of "the mixed ending" for "end-mixed"): left out of a node id's words. */
export const FILLER_WORDS: ReadonlySet<string> = new Set(['the', 'and']);

/** A word of an id counts for wordSuggester from three letters, letters among them ("s1", "no", "d2" do not). */
function wordsOf(id: string, ignore: ReadonlySet<string>): string[] {
  // An id as ids are written (lower-case letters, digits, hyphens) is split at its hyphens, the
  // same words without the Unicode pattern, the Set and the copy: 100,000 ids named by "next"s.
  if (PLAIN_ID.test(id)) {
    const words: string[] = [];
    for (const w of id.split('-')) if (w.length >= 3 && /[a-z]/.test(w) && !ignore.has(w) && !words.includes(w)) words.push(w);
    return words;
  }
  return [...new Set(id.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 3 && /\p{L}/u.test(w) && !ignore.has(w)))];
}

/** Lower-case ASCII letters, digits and hyphens only (see wordsOf). */
const PLAIN_ID = /^[a-z0-9-]*$/;

/**
 * Whether two words of ids are one word's forms or one's start: the same, a three-letter word that
 * starts the other ("end", "ending"), or four letters or more in common at their start that make
 * half the shorter or more ("pickup" and "picking", "judging" and "judgmental"; not "report" and
 * "relapse").
 */
function sameStem(a: string, b: string): boolean {
  if (a === b) return true;
  const shorter = Math.min(a.length, b.length);
  let common = 0;
  while (common < shorter && a.charCodeAt(common) === b.charCodeAt(common)) common++;
  return shorter === 3 ? common === 3 : common >= 4 && common >= 0.5 * shorter;
}

/** A word looked up in more candidates' words than this is too common to pick one out, and is not looked through. */
const WORDS_BUCKET_LIMIT = 48;

/**
 * Suggestions by the words of an id, for a misspelling too far from every candidate by edit distance
 * ("no-pickup" for "no-picking-up", "mixed-end" for "end-mixed"): the candidates (at most `most`,
 * those with the fewest other words first) whose hyphen-separated words match every word of the
 * id (of three letters or more, not in `ignore`), each by sameStem. None when more than `most` do,
 * or when the id has no such word. The candidates' words are indexed once by their first three
 * letters, and a lookup goes through one list of at most WORDS_BUCKET_LIMIT per word of the id, so
 * that the cost grows with the candidates and the ids asked, not with their product.
 */
export function wordSuggester(candidates: Iterable<string>, options: { ignore?: Iterable<string>; most?: number } = {}): (word: string) => string[] {
  const ignore = new Set(options.ignore ?? []);
  const most = options.most ?? 3;
  const list = [...candidates];
  const words = list.map((c) => wordsOf(c, ignore));
  // The first three letters of a word, to the candidates (by index) with a word starting so, and that word.
  const index = new Map<string, { at: number; word: string }[]>();
  words.forEach((ws, at) => {
    for (const word of ws) {
      const key = word.slice(0, 3);
      let bucket = index.get(key);
      if (!bucket) index.set(key, (bucket = []));
      if (bucket.length <= WORDS_BUCKET_LIMIT) bucket.push({ at, word });
    }
  });
  const memo = new Map<string, string[]>();
  return (id) => {
    const known = memo.get(id);
    if (known) return known;
    // With the budget spent, none found (and none kept, as below): the id is not even split.
    if (budget <= 0) return [];
    let found: string[] = [];
    const asked = wordsOf(id, ignore);
    let matching: Set<number> | undefined;
    for (const word of asked) {
      const bucket = index.get(word.slice(0, 3)) ?? [];
      budget -= bucket.length + 1;
      if (budget <= 0 || bucket.length > WORDS_BUCKET_LIMIT) { matching = new Set(); break; }
      const these = new Set(bucket.filter((b) => sameStem(word, b.word) && (matching === undefined || matching.has(b.at))).map((b) => b.at));
      matching = these;
      if (matching.size === 0) break;
    }
    if (matching !== undefined && matching.size > 0 && matching.size <= most) {
      found = [...matching].sort((a, b) => (words[a] as string[]).length - (words[b] as string[]).length || a - b).map((at) => list[at] as string);
    }
    // (Not kept when the budget ran out: a later validation, with its own budget, asks again.)
    if (budget > 0) memo.set(id, found);
    return found;
  };
}
