import { giveBack, takeBytes, takeInts } from './scratch.js';

/**
 * Sets of points totals for the exploration: sorted, disjoint intervals of whole numbers, written
 * flat as [lo0, hi0, lo1, hi1, …]. With `gap` 1 (whole numbers) intervals that touch are joined
 * (hi + 1 = next lo), so a set has one way of being written; with `gap` 0 (points that are not
 * whole numbers, which a validated scenario never has) every interval is a single value and only
 * equal values join.
 */
export type PointsSet = number[];

export const EMPTY: PointsSet = [];

/** Whether `p` is in the set. */
export function hasPoints(set: PointsSet, p: number): boolean {
  let lo = 0;
  let hi = (set.length >> 1) - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (p < (set[2 * mid] as number)) hi = mid - 1;
    else if (p > (set[2 * mid + 1] as number)) lo = mid + 1;
    else return true;
  }
  return false;
}

/** The first total in (a, b] where `test` holds, by bisection, given that it fails at a, holds at b, and never fails again once it holds. */
function firstWhere(a: number, b: number, test: (p: number) => boolean): number {
  while (b - a > 1) {
    const mid = a + Math.floor((b - a) / 2);
    if (test(mid)) b = mid;
    else a = mid;
  }
  return b;
}

/**
 * The part of the set where `holds` is true, for a `holds` that never goes from true back to false
 * as points grow ('up') or never from false back to true ('down'); each interval is cut once,
 * found by bisection. `set` itself when all of it holds.
 */
export function keepPoints(set: PointsSet, holds: (p: number) => boolean, direction: 'up' | 'down'): PointsSet {
  let out: PointsSet | undefined;
  for (let i = 0; i < set.length; i += 2) {
    const lo = set[i] as number;
    const hi = set[i + 1] as number;
    let keepLo = lo;
    let keepHi = hi;
    if (direction === 'up') {
      if (!holds(hi)) keepLo = Infinity;
      else if (!holds(lo)) keepLo = firstWhere(lo, hi, holds);
    } else if (!holds(lo)) keepLo = Infinity;
    else if (!holds(hi)) keepHi = firstWhere(lo, hi, (p) => !holds(p)) - 1;
    const whole = keepLo === lo && keepHi === hi;
    if (whole && out === undefined) continue;
    out ??= set.slice(0, i);
    if (keepLo <= keepHi) out.push(keepLo, keepHi);
  }
  return out ?? set;
}

/** The totals of `set` that are not in `part` (a subset of `set`). */
export function removePoints(set: PointsSet, part: PointsSet, gap: number): PointsSet {
  if (part.length === 0) return set;
  const out: number[] = [];
  let j = 0;
  for (let i = 0; i < set.length; i += 2) {
    let lo = set[i] as number;
    const hi = set[i + 1] as number;
    // Every interval of `part` lies inside one interval of `set`.
    while (j < part.length && (part[j] as number) <= hi) {
      const plo = part[j] as number;
      const phi = part[j + 1] as number;
      if (plo > lo) out.push(lo, gap === 0 ? lo : plo - gap);
      lo = gap === 0 ? Infinity : phi + gap;
      j += 2;
    }
    if (lo <= hi) out.push(lo, hi);
  }
  return out;
}

/**
 * The sets of every state of an exploration, by state number: one or two intervals (the usual
 * case) inline in a typed array, more in an array of their own, so that a million states make no
 * garbage. A set to add comes in through `incoming` (`loadState` or `loadArray`, shifted).
 */
const BIG = 3;

export class PointsStore {
  /** Whole numbers that fit 32 bits (as a scenario's totals do) take half the memory. */
  private inline: Int32Array | Float64Array;
  /** Intervals held inline (1 or 2), or BIG when the set is in `more`. */
  private count: Uint8Array;
  private more = new Map<number, number[]>();
  size = 0;
  private incoming = new Float64Array(64);
  private incomingLength = 0;
  private merged = new Float64Array(64);

  /**
   * `gap` 1: whole numbers, intervals that touch are joined; 0: single values, only equal ones
   * join. `small`: every total is a whole number within ±2^31.
   */
  constructor(private readonly gap: number, capacity = 1024, private readonly small = false) {
    this.inline = small ? takeInts(4 * capacity) : new Float64Array(4 * capacity);
    this.count = takeBytes(capacity);
  }

  /** The incoming set is state `s`'s, plus `by`. */
  loadState(s: number, by: number): void {
    const n = this.count[s] as number;
    if (n !== BIG) {
      const at = 4 * s;
      const inline = this.inline;
      const incoming = this.incoming;
      incoming[0] = (inline[at] as number) + by;
      incoming[1] = (inline[at + 1] as number) + by;
      if (n === 2) {
        incoming[2] = (inline[at + 2] as number) + by;
        incoming[3] = (inline[at + 3] as number) + by;
      }
      this.incomingLength = 2 * n;
    } else this.loadArray(this.more.get(s) as number[], by);
  }

  /** The incoming set is `set`, plus `by`. */
  loadArray(set: PointsSet, by: number): void {
    if (set.length > this.incoming.length) this.incoming = new Float64Array(2 * set.length);
    for (let i = 0; i < set.length; i++) this.incoming[i] = (set[i] as number) + by;
    this.incomingLength = set.length;
  }

  /** The number of intervals coming in. */
  get incomingIntervals(): number {
    return this.incomingLength >> 1;
  }

  /** A new state whose set is the incoming set; returns its number. */
  create(): number {
    const s = this.size++;
    if (s >= this.count.length || 4 * s + 4 > this.inline.length) {
      const count = takeBytes(Math.max(2 * s, 1024));
      count.set(this.count.subarray(0, s));
      giveBack(this.count);
      this.count = count;
      const inline = this.inline instanceof Int32Array ? takeInts(Math.max(8 * s, 4096)) : new Float64Array(Math.max(8 * s, 4096));
      inline.set(this.inline.subarray(0, 4 * s));
      if (this.inline instanceof Int32Array) giveBack(this.inline);
      this.inline = inline;
    }
    this.store(s, this.incoming, this.incomingLength);
    return s;
  }

  /** Adds the incoming set to state `s`'s. */
  unite(s: number): void {
    const inline = this.inline;
    const incoming = this.incoming;
    const n = this.count[s] as number;
    const at = 4 * s;
    if (n === 1 && this.incomingLength === 2) {
      // One interval each: the usual case, done in place.
      const a0 = inline[at] as number, a1 = inline[at + 1] as number, b0 = incoming[0] as number, b1 = incoming[1] as number;
      if (b0 >= a0 && b1 <= a1) return;
      if (b0 <= a1 + this.gap && a0 <= b1 + this.gap) {
        inline[at] = Math.min(a0, b0);
        inline[at + 1] = Math.max(a1, b1);
        return;
      }
    }
    const have = n !== BIG ? inline : (this.more.get(s) as number[]);
    const haveStart = n !== BIG ? at : 0;
    const haveEnd = n !== BIG ? at + 2 * n : have.length;
    const need = haveEnd - haveStart + this.incomingLength;
    if (need > this.merged.length) this.merged = new Float64Array(2 * need);
    const out = this.merged;
    let len = 0;
    let i = haveStart;
    let j = 0;
    while (i < haveEnd || j < this.incomingLength) {
      let lo: number, hi: number;
      if (j >= this.incomingLength || (i < haveEnd && (have[i] as number) <= (incoming[j] as number))) {
        lo = have[i] as number;
        hi = have[i + 1] as number;
        i += 2;
      } else {
        lo = incoming[j] as number;
        hi = incoming[j + 1] as number;
        j += 2;
      }
      if (len > 0 && lo <= (out[len - 1] as number) + this.gap) {
        if (hi > (out[len - 1] as number)) out[len - 1] = hi;
      } else {
        out[len++] = lo;
        out[len++] = hi;
      }
    }
    this.store(s, out, len);
  }

  /** The number of intervals in state `s`'s set. */
  intervals(s: number): number {
    const n = this.count[s] as number;
    return n !== BIG ? n : (this.more.get(s) as number[]).length >> 1;
  }

  /** Widens state `s`'s single interval to hold the incoming set's lowest and highest. */
  widen(s: number): void {
    const at = 4 * s;
    const lo = this.incoming[0] as number;
    const hi = this.incoming[this.incomingLength - 1] as number;
    if (lo < (this.inline[at] as number)) this.inline[at] = lo;
    if (hi > (this.inline[at + 1] as number)) this.inline[at + 1] = hi;
  }

  private store(s: number, from: Float64Array, length: number): void {
    if (length <= 4) {
      if (this.count[s] === BIG) this.more.delete(s);
      const at = 4 * s;
      for (let k = 0; k < length; k++) this.inline[at + k] = from[k] as number;
      this.count[s] = length >> 1;
    } else {
      this.count[s] = BIG;
      this.more.set(s, numbersOf(from, 0, length));
    }
  }

  /** State `s`'s set as an array. */
  toArray(s: number): PointsSet {
    const n = this.count[s] as number;
    if (n === BIG) return this.more.get(s) as number[];
    return numbersOf(this.inline, 4 * s, 4 * s + 2 * n);
  }

  /** Whether `p` is in state `s`'s set. */
  has(s: number, p: number): boolean {
    const n = this.count[s] as number;
    if (n === BIG) return hasPoints(this.more.get(s) as number[], p);
    const at = 4 * s;
    return (p >= (this.inline[at] as number) && p <= (this.inline[at + 1] as number)) || (n === 2 && p >= (this.inline[at + 2] as number) && p <= (this.inline[at + 3] as number));
  }

  /** The lowest total in state `s`'s set. */
  lowest(s: number): number {
    return this.count[s] !== BIG ? (this.inline[4 * s] as number) : ((this.more.get(s) as number[])[0] as number);
  }

  /** The highest total in state `s`'s set. */
  highest(s: number): number {
    const n = this.count[s] as number;
    if (n !== BIG) return this.inline[4 * s + 2 * n - 1] as number;
    const set = this.more.get(s) as number[];
    return set[set.length - 1] as number;
  }
}

/**
 * The numbers of `from` from `start` up to `end`, as an array: what Array.from(from.subarray(start,
 * end)) makes, by a plain loop (Array.from takes the iterator's way for a typed array, over ten
 * times slower for the few numbers of a points set, and it was a tenth of an exploration).
 */
function numbersOf(from: Float64Array | Int32Array, start: number, end: number): number[] {
  const out: number[] = [];
  for (let i = start; i < end; i++) out.push(from[i] as number);
  return out;
}
