import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { auditCommand, graphCommand, validateCommand, type CliIO } from '../../src/terminal/commands.js';
import { fitReport } from '../../src/terminal/wrap.js';
import { fixturePath } from '../helpers/fixtures.js';

/** A command's output, read in a terminal `columns` wide (undefined: a pipe). */
function output(command: (argv: readonly string[], io: CliIO) => number | Promise<number>, argv: string[], columns?: number): string {
  let out = '';
  command(argv, { out: (t) => (out += t), err: (t) => (out += t), ...(columns === undefined ? {} : { columns: () => columns }) });
  return out;
}

// In a 60-column terminal validate's report (and the audit's) was broken by the terminal mid-word:
// '"w' / 'eight" is the number 5', 'R' / 'ed Flags'. A trainer's first file, with its mistakes.
describe('a report read in a narrow terminal is wrapped between words', () => {
  const file = fixturePath('bad/newcomer-school-absence.json');

  it('validate at 60 columns: every row fits (a word longer than a row aside), no word is cut, each problem still starts with file:line:column', () => {
    const wide = output(validateCommand, [file]);
    const narrow = output(validateCommand, [file], 60);
    expect(narrow).not.toBe(wide);
    const rows = narrow.split('\n');
    for (const row of rows) if ([...row].length > 60) expect(row.trim(), row).not.toContain(' ');
    // The same words in the same order.
    expect(narrow.split(/\s+/)).toEqual(wide.split(/\s+/));
    // Continuation rows are indented under their problem; each problem and each fix still begins a row.
    expect(rows.filter((r) => /:\d+:\d+ (?:error|warning) \[/.test(r)).every((r) => r.startsWith(file))).toBe(true);
    expect(rows.filter((r) => r.startsWith(file)).length).toBe(wide.split('\n').filter((r) => r.startsWith(file)).length);
    expect(rows.filter((r) => r.startsWith('    fix: ')).length).toBe(4);
  });

  it('graph refusing a file with errors prints them wrapped the same way', () => {
    const wide = output(graphCommand, [file]);
    const narrow = output(graphCommand, [file], 60);
    expect(narrow).not.toBe(wide);
    for (const row of narrow.split('\n')) if ([...row].length > 60) expect(row.trim(), row).not.toContain(' ');
    expect(narrow.split(/\s+/)).toEqual(wide.split(/\s+/));
  });

  // Found in tmux at 60×24 (session 54): graph --output into a read-only folder said "could not
  // write /tmp/…/story.svg: the di" over "sk is read-only." The same words, wrapped between them.
  it('graph that cannot write its --output says so wrapped the same way, the path whole on a row', () => {
    const dir = mkdtempSync(join(tmpdir(), 'casa-graph-width-'));
    // A folder in the way of the file: it cannot be written there, even as root.
    const taken = join(dir, 'a-folder-for-the-graphs-of-this-training', 'story.svg');
    mkdirSync(taken, { recursive: true });
    const scenario = fixturePath('good/example.json');
    const wide = output(graphCommand, [scenario, '--format', 'svg', '--output', taken]);
    const narrow = output(graphCommand, [scenario, '--format', 'svg', '--output', taken], 60);
    expect(wide).toContain(`could not write ${taken}: a folder is in the way of a file.`);
    expect(narrow).not.toBe(wide);
    const rows = narrow.trimEnd().split('\n');
    for (const row of rows) if ([...row].length > 60) expect(row.trim(), row).not.toContain(' ');
    expect(rows.some((row) => row.trim().split(' ').includes(`${taken}:`)), narrow).toBe(true);
    expect(narrow.split(/\s+/)).toEqual(wide.split(/\s+/));
  });

  it('piped (no terminal width), the report is as before: one row per problem and one per fix, for tools', () => {
    const piped = output(validateCommand, [file]);
    expect(piped.split('\n').filter((r) => r !== '').every((r) => r.startsWith(file) || r.startsWith('    fix: '))).toBe(true);
  });

  it('the audit at 60 columns: every row fits, no word is cut', () => {
    const wide = output(auditCommand, [fixturePath('bad/principle-not-cited.json')]);
    const narrow = output(auditCommand, [fixturePath('bad/principle-not-cited.json')], 60);
    for (const row of narrow.split('\n')) if ([...row].length > 60) expect(row.trim(), row).not.toContain(' ');
    expect(narrow.split(/\s+/)).toEqual(wide.split(/\s+/));
  });

  it("the audit's places at 60 columns: each decision's file:line:column still begins its row, each fix begins one", () => {
    // The worked example: its share out of range that a change can mend names a reply at its place
    // (good/example.json's two are out of reach over two decisions, said in a line with no place).
    const example = fileURLToPath(new URL('../../docs/examples/first-scenario.json', import.meta.url));
    const wide = output(auditCommand, [example]);
    const narrow = output(auditCommand, [example], 60);
    expect(narrow).not.toBe(wide);
    for (const row of narrow.split('\n')) if ([...row].length > 60) expect(row.trim(), row).not.toContain(' ');
    expect(narrow.split(/\s+/)).toEqual(wide.split(/\s+/));
    const places = (text: string) => text.split('\n').filter((r) => r.startsWith(`      ${example}:`));
    expect(places(wide).length).toBeGreaterThan(0);
    expect(places(narrow).map((r) => /^ +\S+/.exec(r)?.[0])).toEqual(places(wide).map((r) => /^ +\S+/.exec(r)?.[0]));
    expect(narrow.split('\n').filter((r) => r.startsWith('    fix: ')).length).toBe(wide.split('\n').filter((r) => r.startsWith('    fix: ')).length);
  });

  // Seen validating a file in /tmp at 60 columns: the fix's path to the schema, with the comma after
  // it, fitted a row but not after the fix's indent, and the terminal put the '",' on a row of its own.
  it('a word that fits a row but not after its indent is indented less, not broken by the terminal', () => {
    const path = `./${'h'.repeat(10)}/scenarios/${'s'.repeat(8)}/scenario.schema.json`;
    const word = `"${path}",`;
    expect([...word].length).toBeLessThanOrEqual(60);
    expect(9 + [...word].length).toBeGreaterThan(60);
    const report = `file.json:2:14 warning [schema-not-found] $schema: it leads to no file.\n    fix: Write "$schema": ${word} the path to scenario.schema.json from this file's folder.`;
    const rows = fitReport(report, 60).split('\n');
    for (const row of rows) expect([...row].length, row).toBeLessThanOrEqual(60);
    // The word whole on a row of its own, as far under the fix's words as it can be.
    expect(rows).toContain(`${' '.repeat(60 - [...word].length)}${word}`);
    expect(rows.join(' ').split(/\s+/)).toEqual(report.split(/\s+/));
    // A word longer than a whole row keeps the indent (the terminal wraps it whatever the indent).
    const long = `"${'p'.repeat(70)}",`;
    expect(fitReport(`    fix: Write "$schema": ${long} the path.`, 60).split('\n')).toContain(`         ${long}`);
  });

  // From the terminal walkthrough (session 44): at 60 columns the fix of a quote typed twice read
  // '…the line reads: "name":' on one row and '"Dani",' on the next, the line to write split at a
  // space inside it. A fix's snippet (after "reads:", "here:", "e.g." and the like) is kept whole,
  // on a row of its own under the fix where it does not fit after the words, when it fits a row.
  it("a fix's snippet is kept whole, on its own indented row, where it fits a row", () => {
    const fix = (words: string) => `file.json:22:21 error [syntax-extra-quote] characters[0].name: Not valid JSON.\n    fix: ${words}`;
    const dani: [string, string] = ['Remove the extra ", so that the line reads: "name": "Dani",', '"name": "Dani",'];
    const cases: [string, string][] = [
      dani,
      ['Test it in a "when" where the story should differ, e.g. { "var": "told-supervisor", "is": true }, or remove it.', '{ "var": "told-supervisor", "is": true },'],
      ['Replace the curly quotes “ ” around names and text with straight ones, here: "title": "Example: the new phone". Word processors change " into “ ” as you type.', '"title": "Example: the new phone".'],
      ['End the list of routes with a route that has no "when" at all, e.g. { "to": "<id>" }.', '{ "to": "<id>" }.'],
    ];
    for (const [words, snippet] of cases) {
      const report = fix(words);
      const rows = fitReport(report, 60).split('\n');
      for (const row of rows) expect([...row].length, row).toBeLessThanOrEqual(60);
      expect(rows.some((row) => row.includes(snippet)), rows.join('\n')).toBe(true);
      // The same words in the same order.
      expect(rows.join(' ').split(/\s+/)).toEqual(report.split(/\s+/));
    }
    // On a row of its own, under the fix's words (as far as the row lets it).
    expect(fitReport(fix(dani[0]), 60).split('\n')).toContain(`         ${dani[1]}`);
    // A text quoted as an example is prose: wrapped between its words as the fix's.
    const example = fitReport(fix('Write the role without parentheses, e.g. "CSW, Children\'s Social Worker at DCFS" or "relative caregiver, her aunt".'), 60).split('\n');
    expect(example.find((row) => row.startsWith('    fix: '))).toBe('    fix: Write the role without parentheses, e.g. "CSW,');
    // A snippet longer than a row is wrapped between its words as before (nothing better to do).
    const long = `"text": "${'word '.repeat(14)}end",`;
    const rows = fitReport(fix(`Remove the extra ", so that the line reads: ${long}`), 60).split('\n');
    for (const row of rows) if ([...row].length > 60) expect(row.trim(), row).not.toContain(' ');
  });

  // From the terminal walkthrough (verterm-44): at 60 columns the fix of "next": ["a", "b"] read
  // 'To go on to one node, write "next":' on one row and '"boyfriend-open". To go…' on the next.
  // Only the first ": " in a fix was looked at (here the routes, too long for a row), and a snippet
  // after "write" never: every snippet of a fix is kept whole where it fits a row.
  it('every snippet of a fix, after "write" too, is kept whole where it fits a row', () => {
    const fix = 'To go on to one node, write "next": "boyfriend-open". To go one way or another by what has happened so far, write routes with a "when", the last without: "next": [{ "when": { "var": "trust", "gte": 60 }, "to": "boyfriend-open" }, { "to": "boyfriend-guarded" }]. To let the volunteer choose, point "next" at a decision whose replies lead to each.';
    const report = `next-list.json:50:19 error [invalid-next] nodes[0].replies[1].next: "next" lists 2 node ids.\n    fix: ${fix}`;
    for (const width of [60, 80]) {
      const rows = fitReport(report, width).split('\n');
      for (const row of rows) expect([...row].length, row).toBeLessThanOrEqual(width);
      expect(rows.some((row) => row.includes('"next": "boyfriend-open".')), rows.join('\n')).toBe(true);
      expect(rows.join(' ').split(/\s+/)).toEqual(report.split(/\s+/));
    }
    // Two snippets in one fix, each fitting a row: both whole.
    const two = fitReport('    fix: Write "start": "phone-call", or write "title": "The new phone" in its place, e.g. { "to": "end-mixed" } at the end.', 40).split('\n');
    for (const snippet of ['"start": "phone-call",', '"title": "The new phone"', '{ "to": "end-mixed" }']) expect(two.some((row) => row.includes(snippet)), two.join('\n')).toBe(true);
    // A text quoted after "Write" is prose, as after "e.g.".
    expect(fitReport('    fix: Write "a few words of the youth\'s own" without the asterisks, please, now.', 40).split('\n')[0]).toBe('    fix: Write "a few words of the');
  });

  it('validate at 80 columns: the fix of a quote typed twice names the line to write on a row of its own; piped, one row', () => {
    const file = fixturePath('bad/syntax-extra-quote.json');
    const narrow = output(validateCommand, [file], 80).split('\n');
    expect(narrow).toContain('         { "id": "jade", "name": "Jade", "role": "youth", "age": 15 }');
    // At 60 columns it is longer than a row under the fix: wrapped between its words as before (a path longer than a row aside).
    for (const row of output(validateCommand, [file], 60).split('\n')) if ([...row].length > 60) expect(row.trim(), row).not.toContain(' ');
    expect(output(validateCommand, [file]).split('\n').filter((row) => row.startsWith('    fix: '))).toEqual(['    fix: Remove the extra ", so that the line reads: { "id": "jade", "name": "Jade", "role": "youth", "age": 15 }']);
  });
});
