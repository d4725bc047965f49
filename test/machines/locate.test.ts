import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JsonPath, UnlocatedProblem } from '../../src/machines/validate/problem.js';
import { locateProblems } from '../../src/machines/validate/source.js';
import { validateScenario } from '../../src/machines/validate/index.js';
import { readFixture } from '../helpers/fixtures.js';

// locateProblems, given the parsed value of a text whose keys are unique, reaches items in the
// second half of a list from the list's end. Wherever it goes from, it must find the places the
// front-to-back pass finds.

/** A deterministic stream of numbers in [0, 1) from a seed (mulberry32). */
function stream(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SPACES = ['', '', ' ', '\n  ', '\t', '\r\n', '\n\n    '];

/** `value` as JSON text with white space of every kind between tokens and some characters written as \u escapes. */
function writeJson(value: unknown, random: () => number): string {
  const ws = () => SPACES[Math.floor(random() * SPACES.length)] as string;
  const str = (s: string) => {
    let out = '"';
    for (let i = 0; i < s.length; i++) {
      const ch = s[i] as string;
      out += random() < 0.15 ? `\\u${s.charCodeAt(i).toString(16).padStart(4, '0')}` : JSON.stringify(ch).slice(1, -1);
    }
    return `${out}"`;
  };
  const write = (v: unknown): string => {
    if (typeof v === 'string') return str(v);
    if (Array.isArray(v)) return `[${ws()}${v.map(write).join(`${ws()},${ws()}`)}${ws()}]`;
    if (v !== null && typeof v === 'object') {
      return `{${ws()}${Object.entries(v).map(([k, x]) => `${str(k)}${ws()}:${ws()}${write(x)}`).join(`${ws()},${ws()}`)}${ws()}}`;
    }
    return JSON.stringify(v);
  };
  return `${ws()}${write(value)}${ws()}`;
}

/** Every path into `value`, and some that leave it (an item past the end, a missing key). */
function pathsOf(value: unknown, at: JsonPath = [], out: JsonPath[] = []): JsonPath[] {
  out.push(at);
  if (Array.isArray(value)) {
    value.forEach((x, i) => pathsOf(x, [...at, i], out));
    out.push([...at, value.length], [...at, value.length + 3, 'x']);
  } else if (value !== null && typeof value === 'object') {
    for (const [k, x] of Object.entries(value)) pathsOf(x, [...at, k], out);
    out.push([...at, 'no such key']);
  }
  return out;
}

const where = (text: string, problems: UnlocatedProblem[], value?: unknown) =>
  locateProblems(text, 'f.json', problems, { keysUnique: true, value }).map((p) => `${p.line}:${p.column}`);

describe('locating problems from both ends of a list', () => {
  it('finds the same places as the front-to-back pass, for any JSON written any way', () => {
    // Keys as authors and hostile files write them: array-index-like keys ("0", "12") are listed
    // first by JavaScript whatever their place in the text.
    const key = fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom('0', '7', '12', '4294967295', '01', '__proto__', 'a"b', 'c\\', 'id'));
    const json = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, tie('leaf'), tie('list'), tie('object')),
      leaf: fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('\\', '"', 'a\\', '\\"', '', 'x"'), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null)),
      list: fc.array(tie('value'), { maxLength: 7 }),
      object: fc.dictionary(key, tie('value'), { maxKeys: 5 }),
    }));
    fc.assert(
      fc.property(json.value, fc.nat(), fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), fc.boolean(), (value, seed, picks, atKey) => {
        const text = writeJson(value, stream(seed));
        const parsed = JSON.parse(text) as unknown;
        const paths = pathsOf(parsed);
        const problems: UnlocatedProblem[] = picks.map((n, i) => ({
          severity: 'warning', code: 'x', message: '', fix: '', path: paths[n % paths.length] as JsonPath,
          ...(atKey && i % 2 === 0 ? { atKey: true } : {}), ...(i % 3 === 2 ? { stringIndex: 1 } : {}),
        }));
        expect(where(text, problems, parsed)).toEqual(where(text, problems));
      }),
      { numRuns: 3000 },
    );
  });

  it('a place near the end of a long list, and one near its start, as in a large scenario', () => {
    const value = { id: 'x', nodes: Array.from({ length: 2000 }, (_, i) => ({ id: `n${i}`, text: `say "hi" \\ ${i}`, next: [{ to: `n${i + 1}` }, 5, true, null] })) };
    for (const text of [JSON.stringify(value), JSON.stringify(value, null, 2), JSON.stringify(value, null, '\t')]) {
      const problems: UnlocatedProblem[] = [['nodes', 1998, 'next', 0, 'to'], ['nodes', 1999, 'next', 3], ['nodes', 1, 'text'], ['nodes', 1999], ['id'], ['nodes', 1500, 'next', 1]]
        .map((path) => ({ severity: 'warning', code: 'x', message: '', fix: '', path }));
      expect(where(text, problems, value)).toEqual(where(text, problems));
      // The places themselves, not only agreement: the last node's fourth "next" item is its null.
      const [line, column] = (where(text, [problems[1] as UnlocatedProblem], value)[0] as string).split(':').map(Number);
      expect(text.split('\n')[(line as number) - 1]?.slice((column as number) - 1).startsWith('null')).toBe(true);
    }
  });

  it('a value whose shape differs from the text is not trusted: the places are found front to back', () => {
    const text = '{"nodes": [1, 2, 3, 4], "end": {"a": 1}}';
    const problems: UnlocatedProblem[] = [{ severity: 'warning', code: 'x', message: '', fix: '', path: ['nodes', 3] }, { severity: 'warning', code: 'x', message: '', fix: '', path: ['end', 'a'] }];
    expect(where(text, problems, { nodes: 'not a list', end: [] })).toEqual(where(text, problems));
    expect(where(text, problems, [])).toEqual(where(text, problems));
  });
});

describe('line endings', () => {
  // A file saved with old Mac line endings (a carriage return alone) had every problem on line 1,
  // at a column in the thousands, though editors show it on many lines.
  it('a file whose lines end in a carriage return alone (or in CR LF) is located as the same file with LF', () => {
    const lf = readFixture('good/example.json').toString('utf8')
      .replace('"kind": "ending"', '"kind": "endng"')
      .replace('"title": "Example: the new phone",', '"title": "Example: the new phone"');
    const at = (text: string) => validateScenario(text, 'x.json').problems.map((p) => `${p.line}:${p.column} ${p.code}`);
    const expected = at(lf);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.some((p) => !p.startsWith('1:'))).toBe(true);
    expect(at(lf.replace(/\n/g, '\r'))).toEqual(expected);
    expect(at(lf.replace(/\n/g, '\r\n'))).toEqual(expected);
    // Once the syntax is right, the schema's problems too.
    const valid = lf.replace('"title": "Example: the new phone"', '"title": "Example: the new phone",');
    expect(at(valid).length).toBeGreaterThan(0);
    expect(at(valid.replace(/\n/g, '\r'))).toEqual(at(valid));
    expect(validateScenario(readFixture('good/example.json').toString('utf8').replace(/\n/g, '\r'), 'x.json').problems).toEqual([]);
  });
});
