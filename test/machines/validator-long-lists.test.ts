import { describe, expect, it } from 'vitest';
import { formatValidation, validateScenario } from '../../src/machines/validate/index.js';
import type { Problem } from '../../src/machines/validate/problem.js';
import { readFixture } from '../helpers/fixtures.js';

// A "when" of 100,000 conditions joined with "and" had its fix write every one of them back: one
// line of 3 MB under a report capped at 200 problems. Every list in a message or fix that grows
// with the file is named by its first few items, then counted ("… and 99,996 more"); the problem
// keeps its line and column.

type Node = { id: string; kind: string; next?: unknown; replies?: { id: string; when?: unknown; next: unknown; assessments: { principle: string }[] }[] };
type File = { learningGoals: string[]; nodes: Node[] };

/** The example scenario, parsed, changed by `edit`, and written as JSON.stringify(…, null, 2) writes it. */
function exampleEdited(edit: (file: File) => void): string {
  const file = JSON.parse(readFixture('good/example.json').toString('utf8')) as File;
  edit(file);
  return JSON.stringify(file, null, 2);
}

const node = (file: File, id: string) => file.nodes.find((n) => n.id === id) as Node;
const reply = (file: File, id: string) => file.nodes.flatMap((n) => n.replies ?? []).find((r) => r.id === id) as NonNullable<Node['replies']>[number];
const under = (n: number) => Array.from({ length: n }, (_, i) => ({ var: 'trust', lt: i + 1 }));
/** Line and column (1-based) of the first `needle` in `text`. */
function placeOf(text: string, needle: string): { line: number; column: number } {
  const at = text.indexOf(needle);
  const before = text.slice(0, at).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

/** No message or fix reads longer than this, whatever the file. */
/** The file's one error, of `code` at `path` (every place it stands folded into it), its result and its lines. */
function theOneError(text: string, code: string, path: Problem['path']) {
  const result = validateScenario(text, 'x.json');
  const found = result.problems.filter((q) => q.code === code);
  expect(found).toHaveLength(1);
  expect(result.errors).toBe(1);
  const p = found[0] as Problem;
  expect(p.path).toEqual(path);
  return { result, p, lines: text.split('\n') };
}

const LONGEST = 1_500;

function expectShort(problems: readonly Problem[]): void {
  for (const p of problems) {
    expect(p.message.length, `${p.code} message: ${p.message.slice(0, 200)}`).toBeLessThan(LONGEST);
    expect(p.fix.length, `${p.code} fix: ${p.fix.slice(0, 200)}`).toBeLessThan(LONGEST);
  }
}

describe('lists in messages and fixes that grow with the file are capped: the first few named, the rest counted', () => {
  it('100,000 conditions joined with "and": the fix writes the first five and counts the rest, at the "and" as before', () => {
    const text = exampleEdited((f) => {
      const route = (reply(f, 'phone-curious').next as { when: unknown }[])[0] as { when: unknown };
      route.when = { var: 'trust', gte: 60, and: under(100_000) };
    });
    const result = validateScenario(text, 'x.json');
    expect(result.problems.map((p) => p.code)).toEqual(['unknown-field']);
    const [p] = result.problems as [Problem];
    expect({ line: p.line, column: p.column }).toEqual(placeOf(text, '"and": ['));
    expect(p.fix).toBe('Take out "and" and write "when" as a list of the conditions, each in its own { }: "when": [{ "var": "trust", "gte": 60 }, { "var": "trust", "lt": 1 }, { "var": "trust", "lt": 2 }, { "var": "trust", "lt": 3 }, { "var": "trust", "lt": 4 }, … and 99,996 more].');
    // The report a trainer reads stays short too.
    expect(formatValidation(result, 'x.json').length).toBeLessThan(2 * LONGEST);
  });

  it('a few conditions joined with "and" are all written, as before', () => {
    const text = exampleEdited((f) => {
      ((reply(f, 'phone-curious').next as { when: unknown }[])[0] as { when: unknown }).when = { var: 'trust', gte: 60, and: under(4) };
    });
    expect(validateScenario(text, 'x.json').problems[0]?.fix).toBe('Take out "and" and write "when" as a list of the conditions, each in its own { }: "when": [{ "var": "trust", "gte": 60 }, { "var": "trust", "lt": 1 }, { "var": "trust", "lt": 2 }, { "var": "trust", "lt": 3 }, { "var": "trust", "lt": 4 }].');
  });

  it('a condition joined with "and" whose field and text hold control characters: the fix names it whole, each such character escaped', () => {
    // JSON.stringify left C1 controls and bidi overrides raw: an OSC introducer (U+009D) with its
    // BEL escaped by JSON.stringify was cleaned as an escape sequence running to the end of the fix,
    // which lost the condition's value, the rest of the list and its "]".
    const text = exampleEdited((f) => {
      ((reply(f, 'phone-curious').next as { when: unknown }[])[0] as { when: unknown }).when = { var: 'trust', gte: 60, and: [{ var: 'trust', lt: 3, '\u202e\u009b2J\u009d0;x\u0007': '\u009b31m\u202eevil' }] };
    });
    const [p] = validateScenario(text, 'x.json').problems as [Problem];
    expect(p.fix).toBe('Take out "and" and write "when" as a list of the conditions, each in its own { }: "when": [{ "var": "trust", "gte": 60 }, { "var": "trust", "lt": 3, "\\u202e\\u009b2J\\u009d0;x\\u0007": "\\u009b31m\\u202eevil" }].');
  });

  it('a route written without its list, with a "when" of 20,000 conditions', () => {
    const text = exampleEdited((f) => { reply(f, 'phone-accuse').next = { when: under(20_000), to: 'boyfriend-guarded' }; });
    const { problems } = validateScenario(text, 'x.json');
    expect(problems.map((p) => p.code)).toEqual(['invalid-next']);
    expect(problems[0]?.fix).toBe('Routes go in a list in [ ], and the last has no "when", for when the others do not hold: "next": [{ "when": [{ "var": "trust", "lt": 1 }, { "var": "trust", "lt": 2 }, { "var": "trust", "lt": 3 }, { "var": "trust", "lt": 4 }, { "var": "trust", "lt": 5 }, … and 19,995 more], "to": "boyfriend-guarded" }, { "to": "<id>" }].');
  });

  it('a "when" written as text of 20,000 comparisons', () => {
    const text = exampleEdited((f) => {
      ((reply(f, 'phone-curious').next as { when: unknown }[])[0] as { when: unknown }).when = Array.from({ length: 20_000 }, (_, i) => `trust > ${i}`).join(' and ');
    });
    const { problems } = validateScenario(text, 'x.json');
    expect(problems.map((p) => p.code)).toEqual(['invalid-condition']);
    expect(problems[0]?.fix).toMatch(/^Write "when": \[\{ "var": "trust", "gt": 0 \}, \{ "var": "trust", "gt": 1 \}, \{ "var": "trust", "gt": 2 \}, \{ "var": "trust", "gt": 3 \}, \{ "var": "trust", "gt": 4 \}, … and 19,995 more\]/);
    expectShort(problems);
  });

  it('20,000 principles written in one text, in an assessment and in the learning goals', () => {
    const many = Array.from({ length: 10_000 }, () => 'curious-not-interrogating, no-jumping-to-conclusions').join(', ');
    const text = exampleEdited((f) => {
      (reply(f, 'phone-accuse').assessments[0] as { principle: string }).principle = many;
      f.learningGoals[0] = many;
    });
    const { problems } = validateScenario(text, 'x.json');
    expect(problems.map((p) => p.code)).toEqual(['unknown-principle', 'unknown-principle']);
    expect(problems[0]?.fix).toBe('Write each as an item of its own: "curious-not-interrogating", "no-jumping-to-conclusions", "curious-not-interrogating", "no-jumping-to-conclusions", "curious-not-interrogating", … and 19,995 more.');
    expect(problems[1]?.fix).toMatch(/^Write one assessment for each, in the list: (\{ "principle": "[a-z-]+", "verdict": "violates" \}, ){5}… and 19,995 more\. Each counts 1/);
    expectShort(problems);
  });

  /** The example with `n` scenes in a loop after "boyfriend-open" (from which `exit`, if set, a decision leads out to an ending). */
  const looped = (n: number, exit: boolean) => exampleEdited((f) => {
    node(f, 'boyfriend-open').next = 'loop-0';
    for (let i = 0; i < n; i++) f.nodes.push({ id: `loop-${i}`, kind: 'scene', narration: 'Time passes.', next: i + 1 < n ? `loop-${i + 1}` : exit ? 'way-out' : 'loop-0' } as Node);
    if (exit) {
      const way = JSON.parse(JSON.stringify(node(f, 'after-visit'))) as Node & { title: string };
      way.id = 'way-out';
      for (const r of way.replies ?? []) r.id = `way-out-${r.id}`;
      (way.replies?.[0] as { next: unknown }).next = 'loop-0';
      f.nodes.push(way);
    }
  });

  it('a loop of 20,000 nodes no ending can be reached from: its first five, how many more, and the step that closes it', () => {
    const { problems } = validateScenario(looped(20_000, false), 'x.json');
    const p = problems.find((q) => q.code === 'no-way-to-end');
    expect(p?.message).toMatch(/^No ending can be reached from the loop loop-0 → loop-1 → loop-2 → loop-3 → loop-4 → … 19,994 more … → loop-19999 → loop-0: /);
    expectShort(problems);
  });

  it('a loop of 20,000 nodes with a way out (a cycle): the same', () => {
    const { problems } = validateScenario(looped(20_000, true), 'x.json');
    const p = problems.find((q) => q.code === 'cycle');
    expect(p?.message).toMatch(/^These nodes form a loop: loop-0 → loop-1 → loop-2 → loop-3 → loop-4 → … 19,99\d more … → [a-z0-9-]+ → loop-0\. /);
    expectShort(problems);
  });

  it('a file ending with 60 lists still open: the brackets to add are the first five, then how many more', () => {
    const { problems } = validateScenario(`{ "nodes": ${'['.repeat(60)}`, 'x.json');
    expect(problems.map((p) => p.code)).toEqual(['syntax-not-closed']);
    expect(problems[0]?.fix).toMatch(/^Add a \], then a \], then a \], then a \], then a \], then … and 56 more brackets at the end of the file/);
    expectShort(problems);
  });

  it('a copy not renamed, and 90 nodes stuck until it is: the nodes no ending can be reached from are named once, the first five, then how many more', () => {
    const text = exampleEdited((f) => {
      f.nodes.splice(4, 0, JSON.parse(JSON.stringify(node(f, 'after-visit'))) as Node);
      node(f, 'boyfriend-open').next = 'talk-it-over';
      const routes: unknown[] = [];
      for (let i = 0; i < 90; i++) {
        f.nodes.push({ id: `x-${i}`, kind: 'scene', narration: 'Time passes.', next: 'talk-it-over' } as Node);
        routes.push({ when: { var: 'trust', eq: i }, to: `x-${i}` });
      }
      reply(f, 'phone-accuse').next = [...routes, { to: 'boyfriend-guarded' }];
    });
    const { problems } = validateScenario(text, 'x.json');
    expect(problems.map((p) => p.code)).toEqual(['duplicate-id']);
    expect(problems[0]?.message).toMatch(/ Until then, no ending can be reached from "boyfriend-open", "x-0", "x-1", "x-2", "x-3", … and 86 more\.$/);
    expectShort(problems);
  });

  /** 2,000 tests that always hold, then one that never does (trust starts at 50 and nothing raises it). */
  const never = () => [...Array.from({ length: 2_000 }, () => ({ var: 'trust', lte: 100 })), { var: 'trust', gte: 90 }];

  it('a best reply offered under 2,001 conditions: the conditions named are the first five, the rest counted', () => {
    const text = exampleEdited((f) => { reply(f, 'phone-curious').when = never(); });
    const { problems } = validateScenario(text, 'x.json');
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.map((p) => `${p.message} ${p.fix}`).join('\n')).toContain('trust ≤ 100 and trust ≤ 100 and trust ≤ 100 and trust ≤ 100 and trust ≤ 100 … and 1,996 more conditions');
    expectShort(problems);
  });

  it('the only way into a node, or into an ending, under 2,001 conditions', () => {
    const intoNode = exampleEdited((f) => {
      for (const id of ['phone-curious', 'phone-accuse', 'phone-ignore']) reply(f, id).when = undefined;
      reply(f, 'phone-curious').next = [{ when: never(), to: 'boyfriend-open' }, { to: 'boyfriend-guarded' }];
    });
    const intoEnding = exampleEdited((f) => { reply(f, 'after-supervisor').next = [{ when: never(), to: 'end-strong' }, { to: 'end-mixed' }]; });
    for (const text of [intoNode, intoEnding]) {
      const { problems } = validateScenario(text, 'x.json');
      expect(problems.some((p) => p.code === 'node-never-reached' || p.code === 'ending-never-reached' || p.code === 'best-path-blocked' || p.code === 'condition-never-holds')).toBe(true);
      expectShort(problems);
    }
  });
});

// Found by validator-51: a learning goal pasted 300 times near the top of the file gave 300
// duplicate-goal warnings, which filled the 200 places of the report in the file's order: the
// errors further down, which stop the scenario from playing, were only counted. Past the cap the
// errors come first, then the warnings, and the count says how many of each were left out.
// (Those 300 are one warning now, below: 300 scenes no playthrough reaches, after the first node,
// are 300 different warnings.)
describe('past the 200 problems listed, no error is hidden behind warnings', () => {
  const goals = (f: File) => { f.nodes.splice(1, 0, ...Array.from({ length: 300 }, (_, i) => ({ id: `spare-${i}`, kind: 'scene', narration: 'You wait.', next: 'end-strong' }) as Node)); };

  it('300 warnings above an error: the error is listed first, and the count says the rest are all warnings', () => {
    const text = exampleEdited((f) => {
      goals(f);
      (f.nodes.flatMap((n) => n.replies ?? []).at(-1) as { effects?: unknown }).effects = [{ var: 'nope', add: 1 }];
    });
    const result = validateScenario(text, 'x.json');
    expect([result.errors, result.warnings]).toEqual([1, 300]);
    expect(result.problems).toHaveLength(200);
    expect(result.problems.map((p) => [p.severity, p.code])[0]).toEqual(['error', 'unknown-variable']);
    expect(result.problems[0]?.line).toBeGreaterThan(result.problems.at(-1)?.line ?? Infinity);
    expect(result.problems.slice(1).every((p) => p.severity === 'warning')).toBe(true);
    // The warnings listed are the first ones in the file, in its order.
    const lines = result.problems.slice(1).map((p) => p.line);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
    expect(result.truncated).toEqual({ count: 101, codes: { unreachable: 101 }, errors: 0, warnings: 101 });
    const report = formatValidation(result, 'x.json').split('\n');
    expect(report[0]).toMatch(/^x\.json:\d+:\d+ error \[unknown-variable\] nodes\[\d+\]\.replies\[2\]\.effects\[0\]\.var: /);
    expect(report.at(-2)).toBe('…and 101 more problems, all warnings, of these kinds (unreachable ×101); fix these first and validate again.');
  });

  it('an error that names another place (a reply id used twice), below 300 warnings: listed first, with that place', () => {
    const text = exampleEdited((f) => {
      goals(f);
      const replies = f.nodes.flatMap((n) => n.replies ?? []);
      (replies.at(-1) as { id: string }).id = (replies[0] as { id: string }).id;
    });
    const result = validateScenario(text, 'x.json');
    expect(result.errors).toBe(1);
    expect(result.problems[0]).toMatchObject({ severity: 'error', code: 'duplicate-id' });
    expect(result.problems[0]?.message).toMatch(/line \d+, column \d+/);
    expect(result.problems.slice(1).every((p) => p.severity === 'warning')).toBe(true);
    expect(result.truncated?.errors).toBe(0);
  });

  it('more errors than the cap: the 200 listed are all errors, and the count says how many errors and warnings are left out', () => {
    const text = exampleEdited((f) => {
      goals(f);
      for (let i = 0; i < 250; i++) f.nodes.push({ id: `lost-${i}`, kind: 'scene', narration: 'You wait.', next: `nowhere-${i}` } as Node);
    });
    const result = validateScenario(text, 'x.json');
    expect(result.problems).toHaveLength(200);
    expect(result.problems.every((p) => p.severity === 'error')).toBe(true);
    const { errors = -1, warnings = -1, count } = result.truncated ?? { count: 0 };
    expect(errors).toBe(result.errors - 200);
    expect(warnings).toBe(result.warnings);
    expect(count).toBe(errors + warnings);
    expect(formatValidation(result, 'x.json').split('\n').at(-2)).toMatch(new RegExp(`^…and ${count} more problems, ${errors} errors and ${warnings} warnings, of these kinds \\(`));
  });
});

// Found by val-55: under the cap, problems were listed in the file's order alone, errors and
// warnings mixed; a trainer reading a long list met the errors (which stop the file loading) here
// and there among the warnings. Errors come first always, then warnings, each in the file's order.
describe('under the 200 problems listed, the errors come first, then the warnings, each in the file\'s order', () => {
  it('warnings above and between two errors: the errors first, then the warnings, the counts unchanged', () => {
    const scene = (id: string, next: string) => ({ id, kind: 'scene', narration: 'You wait.', next }) as Node;
    const text = exampleEdited((f) => {
      f.nodes.splice(1, 0, scene('spare-0', 'end-strong'), scene('spare-1', 'end-strong'));
      (node(f, 'after-visit').replies?.[0] as { effects?: unknown }).effects = [{ var: 'nope', add: 1 }];
      f.nodes.push(scene('late-0', 'end-strong'), scene('late-1', 'end-strong'), scene('lost', 'nowhere'));
    });
    const result = validateScenario(text, 'x.json');
    // In the file's order: spare-0, spare-1 (warnings), "nope" (error), late-0, late-1, lost (warnings), its "next" (error).
    expect(result.problems.map((p) => [p.severity, p.code, p.path.join('.')])).toEqual([
      ['error', 'unknown-variable', 'nodes.5.replies.0.effects.0.var'],
      ['error', 'unknown-node', 'nodes.11.next'],
      ...[1, 2, 9, 10, 11].map((n) => ['warning', 'unreachable', `nodes.${n}`]),
    ]);
    const at = (p: Problem) => p.line * 1e6 + p.column;
    expect(at(result.problems[2] as Problem)).toBeLessThan(at(result.problems[0] as Problem));
    expect([result.errors, result.warnings, result.truncated]).toEqual([2, 5, undefined]);
    // The report lists them in the same order, the summary line last.
    const report = formatValidation(result, 'x.json').split('\n');
    expect(report.filter((l) => l.startsWith('x.json:')).map((l) => / (error|warning) \[/.exec(l)?.[1])).toEqual(['error', 'error', 'warning', 'warning', 'warning', 'warning', 'warning', undefined]);
    expect(report.at(-1)).toBe('x.json: 2 errors, 5 warnings');
  });
});

// Found by validator-52: the same learning goal pasted 300 times was 300 warnings, each saying it
// was "listed twice". The same warning, word for word, in one list or one text is one warning at
// the first place, saying how many times it comes and where the next few are, in the report and
// in the result (repeats, repeatedAt) alike.
describe('the same warning again and again in one list or text is one warning', () => {
  it('a learning goal pasted 300 times: one warning at the first copy, with the count, the original and the next four places', () => {
    const text = exampleEdited((f) => { f.learningGoals = [...f.learningGoals, ...Array<string>(300).fill('no-jumping-to-conclusions')]; });
    const result = validateScenario(text, 'x.json');
    const dup = result.problems.filter((p) => p.code === 'duplicate-goal');
    expect(dup).toHaveLength(1);
    expect(result.warnings).toBe(result.problems.length);
    const p = dup[0] as Problem;
    const lines = text.split('\n');
    const original = placeOf(text, '"no-jumping-to-conclusions"');
    expect(lines[p.line - 1]?.slice(p.column - 1)).toBe('"no-jumping-to-conclusions",');
    expect(p.path).toEqual(['learningGoals', 3]);
    expect(p.message).toBe(`The learning goal "no-jumping-to-conclusions" is listed again: it is listed first at line ${original.line}, column ${original.column}. The same warning comes 300 times in learningGoals: here, then at line ${p.line + 1}, column 5; line ${p.line + 2}, column 5; line ${p.line + 3}, column 5; line ${p.line + 4}, column 5, and 295 more.`);
    expect(p.fix).toBe('Remove this one. The same goes for the other 299.');
    expect(p.repeats).toBe(300);
    expect(p.repeatedAt).toEqual([1, 2, 3, 4].map((k) => ({ line: p.line + k, column: 5, path: ['learningGoals', 3 + k] })));
    expect(formatValidation(result, 'x.json').split('\n').filter((l) => l.includes('[duplicate-goal]'))).toHaveLength(1);
  });

  it('a word the guide asks to avoid, 30 times in one text: one warning at the first, the others counted', () => {
    const text = exampleEdited((f) => { (f.nodes[0] as unknown as { narration: string }).narration += ' She was AWOL.'.repeat(30); });
    const language = validateScenario(text, 'x.json').problems.filter((p) => p.code === 'language');
    expect(language).toHaveLength(1);
    expect(language[0]?.repeats).toBe(30);
    expect(language[0]?.message).toMatch(/ The same warning comes 30 times in nodes\[0\]\.narration: here, then at line \d+, column \d+; .*, and 25 more\.$/);
    const line = text.split('\n')[(language[0]?.line ?? 0) - 1] ?? '';
    expect(line.slice((language[0]?.column ?? 0) - 1).startsWith('AWOL')).toBe(true);
  });

  it('two copies: one warning naming the other place, without a count of more', () => {
    const text = exampleEdited((f) => { f.learningGoals = [...f.learningGoals, 'no-jumping-to-conclusions', 'no-jumping-to-conclusions']; });
    const dup = validateScenario(text, 'x.json').problems.filter((p) => p.code === 'duplicate-goal');
    expect(dup).toHaveLength(1);
    expect(dup[0]?.message).toMatch(/ The same warning comes 2 times in learningGoals: here, then at line \d+, column 5\.$/);
    expect(dup[0]?.fix).toBe('Remove this one. The same goes for the other one.');
  });

  it('different warnings of one kind are not grouped: two goals each listed again are two warnings', () => {
    const text = exampleEdited((f) => { f.learningGoals = [...f.learningGoals, 'no-jumping-to-conclusions', 'curious-not-interrogating']; });
    const dup = validateScenario(text, 'x.json').problems.filter((p) => p.code === 'duplicate-goal');
    expect(dup.map((p) => [p.path, p.repeats])).toEqual([[['learningGoals', 3], undefined], [['learningGoals', 4], undefined]]);
  });
});

// Found by ids-52: a principle that is not one, pasted 300 times into learningGoals, was 300
// unknown-principle errors, word for word the same: the report's 200 were all the same line. The
// same error in one list is one error too, as a warning is.
describe('the same error again and again in one list is one error', () => {
  const pasted = (goals: string[]) => exampleEdited((f) => { f.learningGoals = [...f.learningGoals, ...goals]; });

  it('a principle that is not one, 300 times in learningGoals: one error at the first, with the count and the next four places', () => {
    const text = pasted(Array<string>(300).fill('be-nice'));
    const result = validateScenario(text, 'x.json');
    expect(result.problems.map((p) => p.code)).toEqual(['unknown-principle']);
    expect([result.errors, result.warnings]).toEqual([1, 0]);
    const p = result.problems[0] as Problem;
    expect(p.path).toEqual(['learningGoals', 3]);
    expect(text.split('\n')[p.line - 1]?.slice(p.column - 1)).toBe('"be-nice",');
    expect(p.message).toBe(`"be-nice" is not a principle of the guide. The same error comes 300 times in learningGoals: here, then at line ${p.line + 1}, column 5; line ${p.line + 2}, column 5; line ${p.line + 3}, column 5; line ${p.line + 4}, column 5, and 295 more.`);
    expect(p.fix).toMatch(/^Use a principle id from scenarios\/guide\/principles\.json .* The same goes for the other 299\.$/);
    expect(p.repeats).toBe(300);
    expect(p.repeatedAt).toEqual([1, 2, 3, 4].map((k) => ({ line: p.line + k, column: 5, path: ['learningGoals', 3 + k] })));
    const report = formatValidation(result, 'x.json');
    expect(report.split('\n').filter((l) => l.includes('[unknown-principle]'))).toHaveLength(1);
    expect(report).not.toContain('more problems');
    expect(report).toMatch(/x\.json: 1 error, 0 warnings$/);
  });

  it('two different principles that are not ones, each pasted twice: two errors, each counting its own', () => {
    const result = validateScenario(pasted(['be-nice', 'be-kind', 'be-nice', 'be-kind']), 'x.json');
    expect(result.problems.map((p) => [p.code, p.path, p.repeats, p.repeatedAt?.map((q) => q.path)])).toEqual([
      ['unknown-principle', ['learningGoals', 3], 2, [['learningGoals', 5]]],
      ['unknown-principle', ['learningGoals', 4], 2, [['learningGoals', 6]]],
    ]);
    expect(result.problems[0]?.message).toMatch(/^"be-nice" is not a principle of the guide\. The same error comes 2 times in learningGoals: here, then at line \d+, column 5\.$/);
  });

  it('below 300 warnings, past the cap: the one error is listed first, then the warnings', () => {
    // 300 scenes no playthrough reaches, then learningGoals, moved to the end of the file.
    const text = exampleEdited((f) => {
      const goals = [...f.learningGoals, ...Array<string>(300).fill('be-nice')];
      delete (f as Partial<File>).learningGoals;
      f.nodes.splice(1, 0, ...Array.from({ length: 300 }, (_, i) => ({ id: `spare-${i}`, kind: 'scene', narration: 'You wait.', next: 'end-strong' }) as Node));
      f.learningGoals = goals;
    });
    const result = validateScenario(text, 'x.json');
    expect(result.problems[0]).toMatchObject({ severity: 'error', code: 'unknown-principle', path: ['learningGoals', 3], repeats: 300 });
    expect(result.problems[0]?.line).toBeGreaterThan(result.problems[1]?.line ?? Infinity);
    expect(result.problems.slice(1).every((p) => p.severity === 'warning')).toBe(true);
    expect([result.problems.length, result.errors, result.truncated?.errors]).toEqual([200, 1, 0]);
  });
});

// Found by validator-53: 300 assessments of one reply each naming the same principle that is not
// one were 300 unknown-principle errors, word for word the same: their places run past the list to
// each item's "principle" (assessments[i].principle), so the grouping by list missed them. The
// same for an unknown "next" in many replies of one node, and a misspelt field in every item.
describe('the same error at the same field of each item of one list is one error', () => {
  type Assessment = { principle: string; verdict: string; wieght?: number };

  it('300 assessments of one reply naming a principle that is not one: one error at the first, with the count and the next four places', () => {
    const text = exampleEdited((f) => { reply(f, 'phone-accuse').assessments = Array.from({ length: 300 }, () => ({ principle: 'be-nice', verdict: 'follows' })); });
    const { result, p, lines } = theOneError(text, 'unknown-principle', ['nodes', 0, 'replies', 1, 'assessments', 0, 'principle']);
    expect(lines[p.line - 1]?.slice(p.column - 1)).toBe('"be-nice",');
    // JSON.stringify(…, null, 2) writes each assessment on four lines.
    const next = [1, 2, 3, 4].map((k) => ({ line: p.line + 4 * k, column: p.column, path: ['nodes', 0, 'replies', 1, 'assessments', k, 'principle'] }));
    expect(p.repeats).toBe(300);
    expect(p.repeatedAt).toEqual(next);
    expect(p.message).toBe(`"be-nice" is not a principle of the guide. The same error comes 300 times in nodes[0].replies[1].assessments (at "principle" in each): here, then at ${next.map((q) => `line ${q.line}, column ${q.column}`).join('; ')}, and 295 more.`);
    expect(p.fix).toMatch(/ The same goes for the other 299\.$/);
    const report = formatValidation(result, 'x.json');
    expect(report.split('\n').filter((l) => l.includes('[unknown-principle]'))).toHaveLength(1);
    expect(report).toMatch(/x\.json: 1 error, \d+ warnings?$/);
  });

  it('an unknown "next" in each reply of one node: one error, counting the replies', () => {
    const text = exampleEdited((f) => { for (const r of node(f, 'phone').replies ?? []) r.next = 'nowhere'; });
    const unknown = validateScenario(text, 'x.json').problems.filter((p) => p.code === 'unknown-node');
    expect(unknown.map((p) => [p.path, p.repeats, p.repeatedAt?.map((q) => q.path)])).toEqual([
      [['nodes', 0, 'replies', 0, 'next'], 3, [['nodes', 0, 'replies', 1, 'next'], ['nodes', 0, 'replies', 2, 'next']]],
    ]);
    const at = unknown[0]?.repeatedAt?.map((q) => `line ${q.line}, column ${q.column}`).join('; ') ?? '';
    expect(unknown[0]?.message).toMatch(new RegExp(`^There is no node with the id "nowhere"\\..* The same error comes 3 times in nodes\\[0\\]\\.replies \\(at "next" in each\\): here, then at ${at}\\.$`));
  });

  it('a misspelt field in every assessment of a reply: one error, its places at the misspelt names', () => {
    const text = exampleEdited((f) => {
      reply(f, 'phone-accuse').assessments = ['curious-not-interrogating', 'no-jumping-to-conclusions', 'safety-is-priority'].map((principle): Assessment => ({ principle, verdict: 'follows', wieght: 2 }));
    });
    const result = validateScenario(text, 'x.json');
    const field = result.problems.filter((p) => p.code === 'unknown-field');
    expect(field.map((p) => [p.path, p.repeats])).toEqual([[['nodes', 0, 'replies', 1, 'assessments', 0, 'wieght'], 3]]);
    const p = field[0] as Problem;
    const lines = text.split('\n');
    // The first and the others are each at the name "wieght", not at its value.
    for (const q of [p, ...(p.repeatedAt ?? [])]) expect(lines[q.line - 1]?.slice(q.column - 1)).toBe('"wieght": 2');
    expect(p.message).toMatch(/^"wieght" is not a field of an assessment\. Did you mean "weight"\? The same error comes 3 times in nodes\[0\]\.replies\[1\]\.assessments \(at "wieght" in each\): here, then at line \d+, column \d+; line \d+, column \d+\.$/);
    expect(p.fix).toBe('Rename it to "weight" (the fields of an assessment: principle, verdict, weight). The same goes for the other 2.');
  });

  it('different errors at each item\'s field are not grouped: two principles that are not ones, each once', () => {
    const text = exampleEdited((f) => { reply(f, 'phone-accuse').assessments = [{ principle: 'be-nice' }, { principle: 'be-kind' }].map((a) => ({ ...a, verdict: 'follows' })); });
    const unknown = validateScenario(text, 'x.json').problems.filter((p) => p.code === 'unknown-principle');
    expect(unknown.map((p) => p.repeats)).toEqual([undefined, undefined]);
  });
});

// Found by validator-54: 30 replies across 5 decisions, each with a route to the same missing id
// ("to": "nowhere"), were 30 errors word for word the same: each "to" is in a route list of its own
// (replies[j].next[0].to), and only the items of one list were grouped. An error about a name the
// file uses that is not defined is one error wherever in the file it is said, its words naming the
// lists the places are in.
describe('the same error about a missing id, in several replies of several nodes, is one error', () => {
  type Route = { when?: unknown; to: string };
  /** Five decisions (the example's first, then four more) of six replies each, every reply routing to "nowhere" when trust is 60 or more (or, with `plain`, every other reply's "next" naming it outright). */
  const thirty = (plain = false) => exampleEdited((f) => {
    const phone = node(f, 'phone');
    const template = JSON.stringify(phone.replies?.[0]);
    const decisions = ['phone', 'd1', 'd2', 'd3', 'd4'].map((id, n): Node => ({
      ...phone,
      id,
      replies: Array.from({ length: 6 }, (_, r) => {
        const reply = JSON.parse(template) as NonNullable<Node['replies']>[number];
        reply.id = `${id}-r${r}`;
        const after = n < 4 ? `d${n + 1}` : 'end-strong';
        reply.next = plain && r % 2 === 0 ? 'nowhere' : [{ when: { var: 'trust', gte: 60 }, to: 'nowhere' }, { to: after }] satisfies Route[];
        return reply;
      }),
    }));
    f.nodes = [...decisions, ...f.nodes.filter((n) => n.kind === 'ending')];
  });

  it('30 routes to "nowhere" in 5 decisions: one error at the first, naming the next four places and counting the rest', () => {
    const text = thirty();
    const { result, p, lines } = theOneError(text, 'unknown-node', ['nodes', 0, 'replies', 0, 'next', 0, 'to']);
    for (const q of [p, ...(p.repeatedAt ?? [])]) expect(lines[q.line - 1]?.slice(q.column - 1)).toBe('"nowhere"');
    expect(p.repeats).toBe(30);
    expect(p.repeatedAt?.map((q) => q.path)).toEqual([1, 2, 3, 4].map((j) => ['nodes', 0, 'replies', j, 'next', 0, 'to']));
    const at = p.repeatedAt?.map((q) => `line ${q.line}, column ${q.column}`).join('; ') ?? '';
    expect(p.message).toBe(`There is no node with the id "nowhere". The same error comes 30 times in 30 replies of 5 nodes: here, then at ${at}, and 25 more.`);
    expect(p.fix).toMatch(/^Use the id of a node in "nodes" \(.*\), or add a node with this id\. The same goes for the other 29\.$/);
    const report = formatValidation(result, 'x.json');
    expect(report.split('\n').filter((l) => l.includes('[unknown-node]'))).toEqual([`x.json:${p.line}:${p.column} error [unknown-node] nodes[0].replies[0].next[0].to: ${p.message}`]);
    expect(report).toMatch(/x\.json: 1 error, \d+ warnings?$/);
  });

  it('a "next" naming it outright in some replies and a route\'s "to" in others: still one error', () => {
    const result = validateScenario(thirty(true), 'x.json');
    const unknown = result.problems.filter((p) => p.code === 'unknown-node');
    expect(unknown.map((p) => [p.path, p.repeats])).toEqual([[['nodes', 0, 'replies', 0, 'next'], 30]]);
    expect(unknown[0]?.repeatedAt?.map((q) => q.path)).toEqual([['nodes', 0, 'replies', 1, 'next', 0, 'to'], ['nodes', 0, 'replies', 2, 'next'], ['nodes', 0, 'replies', 3, 'next', 0, 'to'], ['nodes', 0, 'replies', 4, 'next']]);
    expect(unknown[0]?.message).toMatch(/ The same error comes 30 times in 30 replies of 5 nodes: here, then at line \d+, column \d+(; line \d+, column \d+){3}, and 25 more\.$/);
  });

  it('two different missing ids are two errors, each counting its own', () => {
    const text = thirty().replace(/"nowhere"/g, (m, at: number, all: string) => (all.slice(0, at).split('"nowhere"').length % 2 === 0 ? '"elsewhere"' : m));
    const unknown = validateScenario(text, 'x.json').problems.filter((p) => p.code === 'unknown-node');
    expect(unknown.map((p) => [p.message.slice(0, p.message.indexOf('.')), p.repeats])).toEqual([['There is no node with the id "nowhere"', 15], ['There is no node with the id "elsewhere"', 15]]);
  });

  it('a warning said word for word in several nodes is still not grouped across them', () => {
    // Only errors naming something not defined are grouped anywhere: a warning keeps to one list.
    const text = exampleEdited((f) => { for (const id of ['phone', 'after-visit']) delete (node(f, id) as { facilitatorNote?: string }).facilitatorNote; });
    const notes = validateScenario(text, 'x.json').problems.filter((p) => p.code === 'no-facilitator-note');
    expect(notes.map((p) => p.repeats)).toEqual([undefined, undefined]);
  });
});

describe('past the cap, problems inside nodes are located only as far as the list needs them', () => {
  // finish (index.ts orderByNodes) locates the problems of the first nodes, those elsewhere in the
  // file, and of the rest only each code's first: a file of 100,000 nodes whose "id" is written
  // "ID" had all 100,000 errors located to list 200. What is said must not change: here the codes
  // past the cap are counted in the file's order, an error in a node past the cut ("nowhere")
  // before one written after "nodes" ("estimatedMinutes").
  const nodes: Record<string, unknown>[] = [{ id: 'scene-start', kind: 'scene', narration: 'You wait.', next: 'scene-0' }];
  for (let i = 0; i < 250; i++) nodes.push({ ID: `scene-${i}`, kind: 'scene', narration: 'You wait.', next: i + 1 < 250 ? `scene-${i + 1}` : 'after' });
  nodes.push({ id: 'after', kind: 'scene', narration: 'You wait.', next: 'nowhere' });
  nodes.push({ id: 'end', kind: 'ending', ending: 'mixed', title: 'End', narration: 'It ends.' });
  const text = JSON.stringify({ id: 'cut', version: 1, title: 'Cut', summary: 'S.', contentNote: 'None.', learningGoals: ['non-judgmental'],
    characters: [{ id: 'maya', name: 'Maya', role: 'youth' }], start: 'scene-start', nodes, estimatedMinutes: 'five' }, null, 2);
  const result = validateScenario(text, 'cut.json');

  it('lists the first 200 errors in the file\'s order', () => {
    expect(result.problems).toHaveLength(200);
    expect(result.problems.every((p) => p.code === 'unknown-field' && p.severity === 'error')).toBe(true);
    expect(result.problems.map((p) => p.path)).toEqual(Array.from({ length: 200 }, (_, i) => ['nodes', i + 1, 'ID']));
  });

  it('counts the rest by code in the order the file has them, errors first', () => {
    expect(result.truncated).toEqual({ count: 54, codes: { 'unknown-field': 50, 'unknown-node': 1, 'wrong-type': 1, 'character-unused': 1, unreachable: 1 }, errors: 52, warnings: 2 });
    expect(Object.keys(result.truncated?.codes ?? {})).toEqual(['unknown-field', 'unknown-node', 'wrong-type', 'character-unused', 'unreachable']);
    expect(formatValidation(result, 'cut.json')).toContain('of these kinds (unknown-field ×50, unknown-node ×1, wrong-type ×1, character-unused ×1, unreachable ×1)');
  });
});
