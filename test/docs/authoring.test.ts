import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { principles } from '../../src/machines/guide.js';
import { analyseBest, startingAt } from '../../src/machines/index.js';
import type { Scenario } from '../../src/machines/schema/scenario.js';
import { validateScenario } from '../../src/machines/validate/index.js';

const root = new URL('../../', import.meta.url);
const doc = readFileSync(new URL('docs/authoring.md', root), 'utf8');
const exampleFile = readFileSync(new URL('docs/examples/first-scenario.json', root), 'utf8');

/** Every problem code the validator's source can emit. */
function emittedCodes(): string[] {
  const dir = fileURLToPath(new URL('src/machines/validate/', root));
  const codes = new Set<string>();
  for (const f of readdirSync(dir)) {
    const text = readFileSync(`${dir}${f}`, 'utf8');
    for (const m of text.matchAll(/(?:\berror|\bwarn|\bproblem|\bsingle)\((?:fileName, |file, )?'([a-z][a-z0-9-]+)'|code: '([a-z][a-z0-9-]+)'/g)) codes.add((m[1] ?? m[2]) as string);
  }
  return [...codes].sort();
}

describe('docs/authoring.md', () => {
  it('holds the worked example exactly as docs/examples/first-scenario.json', () => {
    const blocks = [...doc.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]);
    expect(blocks).toHaveLength(1);
    expect(blocks[0]).toBe(exampleFile);
  });

  it('the worked example passes the validator with no errors and no warnings', () => {
    const result = validateScenario(exampleFile, 'first-scenario.json');
    expect(result.problems).toEqual([]);
  });

  it('explains every message code the validator can emit', () => {
    const codes = emittedCodes();
    expect(codes.length).toBeGreaterThan(40);
    expect(codes.filter((c) => !doc.includes(`\`${c}\``))).toEqual([]);
  });

  it('says what --from does to the score, and the worked example bears it out (a trainer saw "Score: 4 of 4" and wondered)', () => {
    expect(doc).toContain('`--from d2-next-time` in the worked example plays out of 4 points, not 7');
    const example = JSON.parse(exampleFile) as Scenario;
    expect(analyseBest(example).best).toBe(7);
    const moved = startingAt(example, 'd2-next-time');
    expect(moved.ok && analyseBest(moved.scenario).best).toBe(4);
  });

  it('uses only real principle ids in its examples (a trainer copied "no-secrecy-promises" from section 4 and got unknown-principle)', () => {
    const used = [...doc.matchAll(/"principle": "([^"]*)"/g)].map((m) => m[1] ?? '').filter((id) => !/^<.*>$|^…$/.test(id));
    expect(used.length).toBeGreaterThan(5);
    expect(used.filter((id) => !principles.some((p) => p.id === id))).toEqual([]);
  });

  it('lists every principle id', () => {
    expect(principles.filter((p) => !doc.includes(`\`${p.id}\``)).map((p) => p.id)).toEqual([]);
  });
});

describe('the syntax messages in docs/authoring.md are the ones the validator gives', () => {
  const example = readFileSync(new URL('docs/examples/first-scenario.json', root), 'utf8');
  /** The message of the one syntax problem in `text`, after "Not valid JSON: ". */
  const messageOf = (text: string) => {
    expect(text).not.toBe(example);
    const problems = validateScenario(text, 'x.json').problems;
    expect(problems).toHaveLength(1);
    return problems[0]?.message.replace(/^Not valid JSON: /, '') ?? '';
  };
  /** The table row whose first cell starts the message, and the text of that row. */
  const rowFor = (message: string) => doc.split('\n').find((line) => line.startsWith('| ') && (line.slice(2).split(' | ')[0] ?? '').split(' / ').some((cell) => cell !== '' && message.startsWith(cell)));

  it.each([
    ['+5', '"estimatedMinutes": 5', '"estimatedMinutes": +5', '`+5`'],
    ['5.', '"estimatedMinutes": 5', '"estimatedMinutes": 5.', '`5.`'],
    ['a non-breaking space', '"version": 1', '"version":\u00a01', 'non-breaking space'],
    ['a dash for a minus sign', '"add": -15', '"add": \u201315', 'dash'],
    ['a tab inside a text', '"Example: back', '"Example:\tback', 'tab'],
  ])('%s: its message has a row that names it', (_name, from, to, named) => {
    const row = rowFor(messageOf(example.replace(from, to)));
    expect(row).toBeDefined();
    expect(row).toContain(named);
  });
});
