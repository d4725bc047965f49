import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Scenario } from '../../src/machines/schema/scenario.js';
import { conformsToScenario, scenarioKeyCount } from '../../src/machines/validate/conforms.js';
import { generateScenario } from '../../bench/generate.js';

const roots = ['../fixtures/', '../../scenarios/'].map((d) => fileURLToPath(new URL(d, import.meta.url)));
function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? jsonFiles(p) : p.endsWith('.json') && !p.endsWith('.schema.json') ? [p] : [];
  });
}
const samples: unknown[] = [generateScenario(40)];
for (const file of roots.flatMap(jsonFiles)) {
  try { samples.push(JSON.parse(readFileSync(file, 'utf8'))); } catch { /* not JSON: the validator's other tests cover it */ }
}

/** A small deterministic PRNG, so a failure names a reproducible case. */
function rng(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
}
const odd: unknown[] = ['', ' ', '\n', 'Bad Id', 'constructor', 'a--b', 'x'.repeat(81), 'y'.repeat(5000), 'n1', 'end-strong', 'follows', 'violates', 'say', 'do',
  'scene', 'decision', 'ending', 'strong', 'non-judgmental', 'awol', 1.5, -1, 0, 1, 3, 4, 121, 241, 2 ** 53, true, null, [], {}, [{}], [{ var: 'trust' }], { var: 'trust', gte: 1 }, ['awol']];

/**
 * Every place of a sample (an item of a list, or a key of an object), as the keys that lead to it,
 * in the order a walk from the root meets them. Listed once per sample: a copy has the same places.
 */
const placesOfSample = new Map<unknown, (string | number)[][]>();
function placesOf(value: unknown): (string | number)[][] {
  let places = placesOfSample.get(value);
  if (!places) {
    const found: (string | number)[][] = [];
    const walk = (v: unknown, path: (string | number)[]) => {
      if (Array.isArray(v)) v.forEach((x, i) => { found.push([...path, i]); walk(x, [...path, i]); });
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) { found.push([...path, k]); walk(x, [...path, k]); }
    };
    walk(value, []);
    placesOfSample.set(value, (places = found));
  }
  return places;
}

/** A copy of a list or an object, its items or values shared. */
const shallow = <T,>(v: T): T => (Array.isArray(v) ? [...v] : { ...v }) as T;

/**
 * Changes one random place: drops or adds a key, or replaces a value with an edge case. Only the
 * lists and objects on the way to the place are copied (a whole copy of a bundled scenario for each
 * mutation was a sixth of this file's time); the rest is shared with the sample, which nothing
 * changes (zod returns a copy, the quick path and the key counts only read).
 */
function mutate(value: unknown, random: () => number): unknown {
  const places = placesOf(value);
  const place = places[Math.floor(random() * places.length)];
  if (!place) return structuredClone(value);
  const copy = shallow(value);
  let parent = copy as Record<string | number, unknown> | unknown[];
  for (const key of place.slice(0, -1)) {
    const child = shallow((parent as Record<string | number, unknown>)[key]) as Record<string | number, unknown> | unknown[];
    (parent as Record<string | number, unknown>)[key] = child;
    parent = child;
  }
  const key = place[place.length - 1] as string | number;
  const roll = random();
  const target = parent as Record<string | number, unknown>;
  if (roll < 0.15 && !Array.isArray(parent)) delete target[key];
  else if (roll < 0.25 && !Array.isArray(parent)) {
    const added = ['extra', '__proto__', 'when', 'weight', 'lines', 'narration', 'set'][Math.floor(random() * 7)] as string;
    target[added] = odd[Math.floor(random() * odd.length)];
    // Assigning "__proto__" sets the object's prototype, which JSON has no words for: the value
    // goes through JSON, as a file's would. Every other change leaves plain JSON data, which the
    // trip through JSON would only copy (a fifth of this file's time, on 2,500 scenarios).
    if (added === '__proto__') return JSON.parse(JSON.stringify(copy)) as unknown;
  } else if (roll < 0.3 && Array.isArray(parent)) parent.length = 0;
  else target[key] = odd[Math.floor(random() * odd.length)];
  return copy;
}

/** The keys of every object in a JSON value. */
function keysOf(v: unknown): number {
  if (Array.isArray(v)) return v.reduce((n: number, x) => n + keysOf(x), 0);
  if (v === null || typeof v !== 'object') return 0;
  return Object.entries(v).reduce((n, [, x]) => n + 1 + keysOf(x), 0);
}

describe('conformsToScenario (the validator\'s quick path)', () => {
  it('agrees with the zod schema on every fixture and scenario, and zod returns an equal copy', () => {
    for (const raw of samples) {
      const zod = Scenario.safeParse(raw);
      expect(conformsToScenario(raw)).toBe(zod.success);
      if (zod.success) expect(zod.data).toEqual(raw);
      // The keys it counts on the way, which the validator compares with the text's (duplicate keys).
      expect(scenarioKeyCount(raw)).toBe(zod.success ? keysOf(raw) : -1);
    }
  });

  // Ids and texts are checked by hand (not by the schema's regular expressions) on the quick path.
  it('agrees with the zod schema on ids and texts at their edges', () => {
    const ids = ['', '-', 'a-', '-a', 'a--b', 'a-b', 'A', 'aB', 'a_b', 'a b', 'é', '٠', 'ａ', '0', '09-az', 'constructor', 'prototype', 'constructors', 'x-prototype',
      'a'.repeat(80), 'a'.repeat(81), `${'a-'.repeat(39)}ab`, '\u0000', 'a\n'];
    const texts = ['x', ' x', '\tx', '\u00a0', '\u00a0x', '\u2028', '\u3000y', '\ufeff', '\ufeffx', ' ', '\n\n', '~', '\u007f', '\u0085', 'é', '😀', 'x'.repeat(120), 'x'.repeat(121),
      '\u200b', '\u001b[31m', '\u202e\u2066', ' \u2060', 'x\u200b', '\u200bx'];
    const base = generateScenario(4);
    for (const id of ids) {
      const raw = { ...base, id };
      expect(conformsToScenario(raw), JSON.stringify(id)).toBe(Scenario.safeParse(raw).success);
    }
    for (const title of texts) {
      const raw = { ...base, title };
      expect(conformsToScenario(raw), JSON.stringify(title)).toBe(Scenario.safeParse(raw).success);
    }
    expect(ids.filter((id) => conformsToScenario({ ...base, id })).length).toBeGreaterThan(4);
    expect(texts.filter((title) => !conformsToScenario({ ...base, title })).length).toBeGreaterThan(4);
  });

  it('never accepts what zod rejects, over 2,500 random one-place mutations', () => {
    const random = rng(7);
    let accepted = 0;
    let rejected = 0;
    for (let i = 0; i < 2500; i++) {
      const raw = mutate(samples[i % samples.length], random);
      const zod = Scenario.safeParse(raw);
      const quick = conformsToScenario(raw);
      if (quick !== zod.success) throw new Error(`disagree (quick ${quick}, zod ${zod.success}) on mutation ${i}: ${JSON.stringify(raw).slice(0, 2000)}`);
      // expect is called (and compares) only when the quicker check finds a difference: its deep
      // comparison of a whole scenario, 2,500 times, was a sixth of this test.
      if (zod.success) {
        accepted++;
        if (!isDeepStrictEqual(zod.data, raw)) expect(zod.data).toEqual(raw);
      } else rejected++;
      const keys = scenarioKeyCount(raw);
      if (keys !== (zod.success ? keysOf(raw) : -1)) expect(keys).toBe(zod.success ? keysOf(raw) : -1);
    }
    expect(accepted).toBeGreaterThan(100);
    expect(rejected).toBeGreaterThan(1000);
  });
});
