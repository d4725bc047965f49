import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keepPoints, PointsStore, removePoints, type PointsSet } from '../../src/machines/audit/points-set.js';
import { conductMeasure } from '../../src/machines/conduct.js';

/** Every total of an interval set, one by one. */
function totals(set: PointsSet): number[] {
  const out: number[] = [];
  for (let i = 0; i < set.length; i += 2) for (let p = set[i] as number; p <= (set[i + 1] as number); p++) out.push(p);
  return out;
}

/** The interval set of some whole numbers, written as the code writes it. */
function setOf(values: Iterable<number>): PointsSet {
  const sorted = [...new Set(values)].sort((a, b) => a - b);
  const out: number[] = [];
  for (const v of sorted) {
    if (out.length > 0 && v === (out[out.length - 1] as number) + 1) out[out.length - 1] = v;
    else out.push(v, v);
  }
  return out;
}

const values = fc.array(fc.integer({ min: -40, max: 40 }), { minLength: 1, maxLength: 30 });

describe('sets of points totals as intervals', () => {
  it('a state\'s set after uniting is exactly the union, written with touching intervals joined', () => {
    fc.assert(fc.property(fc.array(values, { minLength: 1, maxLength: 6 }), fc.integer({ min: -5, max: 5 }), (sets, by) => {
      const store = new PointsStore(1, 2);
      const expected = new Set<number>();
      let s = -1;
      for (const [i, v] of sets.entries()) {
        store.loadArray(setOf(v), i === 0 ? 0 : by);
        for (const p of v) expected.add(i === 0 ? p : p + by);
        if (i === 0) s = store.create();
        else store.unite(s);
      }
      expect(store.toArray(s)).toEqual(setOf(expected));
      expect(store.lowest(s)).toBe(Math.min(...expected));
      expect(store.highest(s)).toBe(Math.max(...expected));
      // Every total from -50 to 50, compared in one expect (each p is still checked): the totals where has() is wrong.
      const wrong: number[] = [];
      for (let p = -50; p <= 50; p++) if (store.has(s, p) !== expected.has(p)) wrong.push(p);
      expect(wrong).toEqual([]);
    }), { numRuns: 300, seed: 11 });
  });

  it('a state\'s set read into the incoming set and added to another is moved by the points in between', () => {
    fc.assert(fc.property(values, values, fc.integer({ min: -9, max: 9 }), (a, b, by) => {
      const store = new PointsStore(1, 1);
      store.loadArray(setOf(a), 0);
      const from = store.create();
      store.loadArray(setOf(b), 0);
      const to = store.create();
      store.loadState(from, by);
      store.unite(to);
      expect(store.toArray(to)).toEqual(setOf([...b, ...a.map((p) => p + by)]));
    }), { numRuns: 200, seed: 12 });
  });

  it('keeps the part where a condition that only turns on (or only off) as points grow holds, cut at the right total', () => {
    fc.assert(fc.property(values, fc.integer({ min: -45, max: 45 }), fc.boolean(), (v, at, up) => {
      const set = setOf(v);
      const holds = up ? (p: number) => p >= at : (p: number) => p <= at;
      const kept = keepPoints(set, holds, up ? 'up' : 'down');
      expect(kept).toEqual(setOf(totals(set).filter(holds)));
      expect(removePoints(set, kept, 1)).toEqual(setOf(totals(set).filter((p) => !holds(p))));
    }), { numRuns: 300, seed: 13 });
  });

  it('points that are not whole numbers are kept apart, each total its own interval', () => {
    const store = new PointsStore(0, 1);
    store.loadArray([0.5, 0.5, 1.5, 1.5], 0);
    const s = store.create();
    store.loadArray([1, 1, 1.5, 1.5], 0);
    store.unite(s);
    expect(store.toArray(s)).toEqual([0.5, 0.5, 1, 1, 1.5, 1.5]);
    expect(store.has(s, 1.25)).toBe(false);
    const kept = keepPoints(store.toArray(s), (p) => p >= 1, 'up');
    expect(kept).toEqual([1, 1, 1.5, 1.5]);
    expect(removePoints(store.toArray(s), kept, 0)).toEqual([0.5, 0.5]);
  });
});

describe('what conditions read of points never falls as points grow (the exploration cuts sets on this)', () => {
  it('points, score and percent so far are non-decreasing in the points, whatever the best, the best so far and the critical count', () => {
    fc.assert(fc.property(fc.integer({ min: -20, max: 60 }), fc.integer({ min: -20, max: 60 }), fc.integer({ min: 0, max: 2 }), fc.integer({ min: -300, max: 300 }), (best, possible, critical, from) => {
      const falls: string[] = [];
      for (const measure of ['points', 'score', 'percent'] as const) {
        let last = -Infinity;
        for (let points = from; points <= from + 200; points++) {
          const value = conductMeasure({ best, possible, critical, points, violations: {} }, measure);
          if (value < last) falls.push(`${measure} at ${points}: ${last} then ${value}`);
          last = value;
        }
      }
      expect(falls).toEqual([]);
    }), { numRuns: 200, seed: 14 });
  });
});
