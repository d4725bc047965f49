import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/terminal/cli.js';
import { loadScenarioFile, readScenarioBytes } from '../../src/terminal/files.js';
import { listCatalog } from '../../src/terminal/node/catalog-files.js';
import { fixturePath, readFixture } from '../helpers/fixtures.js';

async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

const tmp = () => mkdtempSync(join(tmpdir(), 'casa-files-'));

describe('only regular files are read, and never past the size limit', () => {
  // Without the check, opening the pipe waits for a writer forever: the test times out.
  it('a named pipe is refused at once with "not a regular file"', { timeout: 10_000 }, async () => {
    const fifo = join(tmp(), 'pipe.json');
    execFileSync('mkfifo', [fifo]);
    const r = await run('validate', fifo, fixturePath('good/example.json'));
    expect(r.code).toBe(1);
    expect(r.out).toContain('[not-a-file]');
    expect(r.out).toContain('named pipe, not a regular file');
    expect(r.out).toContain('example.json: valid');
  });

  it('a .json link to /dev/zero is refused, not read until memory runs out', { timeout: 10_000 }, async () => {
    const link = join(tmp(), 'zero.json');
    symlinkSync('/dev/zero', link);
    const r = await run('validate', '--json', link);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out) as { files: { problems: { code: string; message: string }[] }[] };
    expect(report.files[0]?.problems.map((p) => p.code)).toEqual(['not-a-file']);
  });

  it.skipIf(!existsSync('/proc/self/status'))('the limit counts bytes read, not the size the file reports (/proc files report 0)', () => {
    const read = readScenarioBytes('/proc/self/status', 64);
    expect(read).toMatchObject({ refused: 'file-too-large' });
  });

  it('a file within the limit is read whole, in chunks', () => {
    const read = readScenarioBytes(fixturePath('good/example.json'));
    expect('bytes' in read && Buffer.from(read.bytes).equals(readFixture('good/example.json'))).toBe(true);
  });
});

describe('a folder name is a folder', () => {
  it('"validate scenarios" (no trailing slash) checks the bundled folder, not scenarios/scenarios.json', async () => {
    const r = await run('validate', 'scenarios');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/(\d+) of \1 files valid/);
  });

  it('a bare word that is both a path here and a bundled id uses the path, and says so', async () => {
    const local = 'youth-discloses';
    expect(existsSync(local)).toBe(false);
    writeFileSync(local, readFixture('good/example.json'));
    try {
      const r = await run('validate', local);
      expect(r.code).toBe(0);
      expect(r.out).toContain('youth-discloses: valid');
      expect(r.err).toContain('is both a path here and a bundled scenario id; using the path');
    } finally {
      rmSync(local);
    }
  });

  // "validate draft.json ." checked draft.json twice and said "2 of 2 files valid".
  it('a file named twice, or named and inside a folder named too, is checked once', async () => {
    const dir = tmp();
    try {
      const file = join(dir, 'draft.json');
      writeFileSync(file, readFixture('good/example.json'));
      const r = await run('validate', file, dir, join(dir, '.', 'draft.json'));
      expect(r.code).toBe(0);
      expect(r.out.match(/draft\.json: valid/g)).toHaveLength(1);
      expect(r.out).not.toMatch(/files valid/);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it('a bare word that is no path here is a bundled scenario id', async () => {
    const r = await run('graph', 'youth-discloses');
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toMatch(/^flowchart TD/);
  });

  it('a folder with a file name holding escape sequences prints them escaped', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'a\u001b]0;owned\u0007.json'), '{}');
    const human = await run('validate', dir);
    const json = await run('validate', '--json', dir);
    // eslint-disable-next-line no-control-regex -- looking for raw escape characters
    for (const out of [human.out, json.out, human.err, json.err]) expect(out).not.toMatch(/[\u001b\u0007]/);
    expect(human.code).toBe(1);
    // In the JSON report the name is escaped, not cleaned, and each problem names its file the same way.
    const report = JSON.parse(json.out) as { files: { file: string; problems: { file: string }[] }[] };
    const [file] = report.files;
    expect(file?.file).toBe(join(dir, 'a\u001b]0;owned\u0007.json'));
    expect(file?.problems.length).toBeGreaterThan(0);
    expect(file?.problems.every((p) => p.file === file.file)).toBe(true);
    // The human report names it as the JSON does, its escapes shown: cleaned, it read "a.json: 1 error",
    // the name of another file (perhaps a sound one beside it).
    const shown = `"${join(dir, 'a\\u001b]0;owned\\u0007.json')}"`;
    expect(human.out).toContain(`${shown}:1:1 error`);
    expect(human.out.split('\n').some((l) => l.startsWith(`${shown}: `) && /\d+ errors?, \d+ warnings?$/.test(l))).toBe(true);
    expect(human.out).not.toContain(join(dir, 'a.json'));
  });

  // A name of bytes that are not UTF-8 (a file from an old system, or a zip): Node lists it with
  // U+FFFD in their place, a name no file has. It stopped the run with exit 2, "cannot read …: no such file".
  it('a folder with a file whose name is not UTF-8 reports that file\'s name as its problem and checks the others', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'good.json'), readFixture('good/example.json'));
    try {
      writeFileSync(Buffer.concat([Buffer.from(join(dir, 'old-')), Buffer.from([0xff, 0xfe]), Buffer.from('.json')]), readFixture('good/example.json'));
    } catch {
      return; // A file system that refuses such a name (macOS) cannot hold one.
    }
    const r = await run('validate', dir);
    expect(r.err).toBe('');
    expect(r.code).toBe(1);
    expect(r.out).toContain('good.json: valid');
    expect(r.out).toMatch(/old-\ufffd\ufffd\.json[^\n]*error \[unreadable\][^\n]*It cannot be read: its name is not UTF-8 text/);
    expect(r.out).toContain('fix: Rename the file');
    expect(r.out).toContain('1 of 2 files valid');
  });

  // Found by hostile-49: named on the command line, such a name reaches the program with U+FFFD for
  // its bytes (Node decodes argv as UTF-8), and "cannot read "bad\ufffd.json": no such file" named a
  // file that does not exist, without a word of why.
  it('a file or folder named on the command line whose name is not UTF-8 is said to be one, with what to do', async () => {
    const dir = tmp();
    try {
      writeFileSync(Buffer.concat([Buffer.from(join(dir, 'bad')), Buffer.from([0xff]), Buffer.from('.json')]), readFixture('good/example.json'));
      mkdirSync(Buffer.concat([Buffer.from(join(dir, 'dir')), Buffer.from([0xfe])]));
    } catch {
      return; // A file system that refuses such a name (macOS) cannot hold one.
    }
    // As Node gives the program the names typed.
    const file = join(dir, 'bad\ufffd.json');
    const folder = join(dir, 'dir\ufffd');
    const said = (name: string, words: string) => `casa-practice: cannot read "${name}": the name has bytes that are not UTF-8 (shown here as \ufffd), so it reached casa-practice as a name no ${words}\n`;
    for (const [args, words] of [
      [['validate', file], 'file has; rename the file, or pass its folder'],
      [['validate', '--json', file], 'file has; rename the file, or pass its folder'],
      [['audit', file], 'file has; rename the file, or pass its folder'],
      [['play', file, '--plain'], 'file has; rename the file'],
      [['graph', file], 'file has; rename the file'],
      [['validate', folder], 'folder has; rename the folder'],
    ] as const) {
      const r = await run(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toBe(said(args.includes(folder) ? folder : file, words));
    }
    // A path through such a folder; a name with U+FFFD that is not there is just not there.
    const through = await run('validate', join(folder, 'a.json'));
    expect(through.err).toBe(`casa-practice: cannot read "${join(folder, 'a.json')}": a folder's name in the path has bytes that are not UTF-8 (shown here as \ufffd), so it reached casa-practice as a path that leads nowhere; rename that folder\n`);
    const gone = await run('validate', join(dir, 'gone\ufffd.json'));
    expect(gone.err).toBe(`casa-practice: cannot read "${join(dir, 'gone\ufffd.json')}": no such file or folder\n`);
  });

  // Found by hostile3-49: a file to be written fared worse. Node gives the program U+FFFD for the
  // bytes, so graph --output dir<0xfe>/g.svg made a new folder "dir\ufffd" beside the one meant and
  // wrote there, and a name with such bytes was written with U+FFFD in their place. Refused, nothing
  // written and nothing made (records --xapi: records-command.test.ts).
  it('a file to be written whose path is not UTF-8 is refused in plain words, and nothing is written or made', async () => {
    const dir = tmp();
    try {
      mkdirSync(Buffer.concat([Buffer.from(join(dir, 'dir')), Buffer.from([0xfe])]));
    } catch {
      return; // A file system that refuses such a name (macOS) cannot hold one.
    }
    const scenario = fixturePath('good/example.json');
    const folder = join(dir, 'dir\ufffd');
    const listed = () => readdirSync(dir, { encoding: 'buffer' }).map((b) => b.toString('hex')).sort();
    const before = listed();
    const nowhere = 'a folder\'s name in the path has bytes that are not UTF-8 (shown here as \ufffd), so it reached casa-practice as a path that leads nowhere; rename that folder, or name a file in a folder you can write to';
    const name = 'the name has bytes that are not UTF-8 (shown here as \ufffd), so it reached casa-practice as another name, not the one meant; choose a name without them';
    const intoFolder = await run('graph', scenario, '--output', join(folder, 'g.svg'));
    expect(intoFolder).toEqual({ code: 1, out: '', err: `casa-practice: could not write ${join(folder, 'g.svg')}: ${nowhere}.\n` });
    const named = await run('graph', scenario, '--output', join(dir, 'g\ufffd.svg'));
    expect(named).toEqual({ code: 1, out: '', err: `casa-practice: could not write ${join(dir, 'g\ufffd.svg')}: ${name}.\n` });
    const made = await run('new', join(folder, 'my-story.json'));
    expect(made.code).toBe(74);
    expect(made.err.replace(/\s+/g, ' ')).toContain(`${nowhere.charAt(0).toUpperCase()}${nowhere.slice(1)}.`);
    expect(listed()).toEqual(before);
    // A folder that has the name with U+FFFD (made by an earlier run) is not the one meant either.
    mkdirSync(folder);
    const there = await run('graph', scenario, '--output', join(folder, 'g.svg'));
    expect(there.code).toBe(1);
    expect(there.err).toBe(`casa-practice: could not write ${join(folder, 'g.svg')}: a folder's name in the path has bytes that are not UTF-8 (shown here as \ufffd), so it reached casa-practice as another folder's name, not the one meant; rename that folder, or name a file in another folder.\n`);
    const madeThere = await run('new', join(folder, 'my-story.json'));
    expect(madeThere.code).toBe(74);
    expect(readdirSync(folder)).toEqual([]);
  });

  it('a name or path that is not there is named with its escapes shown, not as another name', async () => {
    for (const args of [['play', 'n\u001b[2Jo\u009bxpe'], ['validate', 'n\u001b[2Jo\u009bxpe'], ['validate', join(tmp(), 'gone\u202e.json')]]) {
      const r = await run(...args);
      expect(r.code).toBe(2);
      // eslint-disable-next-line no-control-regex -- looking for raw escape characters
      expect(r.err).not.toMatch(/[\u001b\u009b\u202e]/);
      expect(r.err).toMatch(/(no scenario|cannot read) "[^"]*(\\u001b\[2Jo\\u009bxpe|gone\\u202e\.json)"/);
    }
  });
});

describe('links in a folder', () => {
  /** A folder of the good example, a link to a file with an error, and links that lead nowhere, round in a loop, to a device and to a folder. */
  const folder = () => {
    const dir = tmp();
    const elsewhere = tmp();
    writeFileSync(join(dir, 'good.json'), readFixture('good/example.json'));
    writeFileSync(join(elsewhere, 'draft.json'), readFixture('good/example.json').toString('utf8').replace('"estimatedMinutes": 5', '"estimatedMinutes": "five"'));
    symlinkSync(join(elsewhere, 'draft.json'), join(dir, 'linked.json'));
    symlinkSync(join(elsewhere, 'gone.json'), join(dir, 'broken.json'));
    symlinkSync('loop.json', join(dir, 'loop.json'));
    symlinkSync('/dev/zero', join(dir, 'zero.json'));
    mkdirSync(join(elsewhere, 'sub'));
    symlinkSync(join(elsewhere, 'sub'), join(dir, 'sub.json'));
    return dir;
  };

  it('a link to a scenario file is checked like the file itself; one that leads nowhere is that file\'s problem, and the others are still checked', { timeout: 10_000 }, async () => {
    const dir = folder();
    const r = await run('validate', dir);
    expect(r.code).toBe(1);
    expect(r.err).toBe('');
    expect(r.out).toMatch(/good\.json: valid/);
    expect(r.out).toMatch(/linked\.json:8:\d+ error \[wrong-type\] estimatedMinutes/);
    expect(r.out).toContain('broken.json:1:1 error [unreadable] (top level): It cannot be read: it is a link to a file that does not exist.');
    expect(r.out).toContain('loop.json:1:1 error [unreadable] (top level): It cannot be read: too many symbolic links.');
    expect(r.out.match(/fix: Point the link at the scenario file \(ls -l shows where it leads\), or delete the link\./g)).toHaveLength(2);
    // A link to a device or a folder is left out, as the device or folder itself would be.
    expect(r.out).not.toMatch(/zero\.json|sub\.json/);
    expect(r.out).toContain('1 of 4 files valid');
  });

  it('a link that leads nowhere, named on the command line, is that file\'s problem too, not "no such file or folder"', async () => {
    const dir = folder();
    const r = await run('validate', join(dir, 'broken.json'), join(dir, 'good.json'));
    expect(r.code).toBe(1);
    expect(r.out).toContain('It cannot be read: it is a link to a file that does not exist.');
    expect(r.out).toContain('good.json: valid');
  });

  it('the picker\'s listing reads no device or folder behind a link, and leaves out the links it cannot read', { timeout: 10_000 }, () => {
    const listing = listCatalog(folder());
    expect(listing.entries.map((e) => e.file.split('/').pop())).toEqual(['good.json']);
    // (linked.json is read, and left out for its error; the device and the folder are never read.)
    expect(listing.leftOut.map((l) => [l.file.split('/').pop(), l.reason]).sort()).toEqual([['broken.json', 'it cannot be read'], ['linked.json', expect.stringContaining('estimated minutes')], ['loop.json', 'it cannot be read']]);
  });

  it('validate --json --strict: a file with warnings only is not ok, in the file\'s entry as in the report', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'casa-strict-'));
    const file = join(dir, 'warned.json');
    // No facilitator note on a decision: a warning, not an error.
    writeFileSync(file, readFixture('good/example.json').toString('utf8').replace(/"facilitatorNote": "[^"]*",\s*/, ''));
    const plain = JSON.parse((await run('validate', '--json', file)).out) as { ok: boolean; files: { ok: boolean; warnings: number }[] };
    expect(plain.ok).toBe(true);
    expect(plain.files[0]).toMatchObject({ ok: true });
    expect(plain.files[0]?.warnings).toBeGreaterThan(0);
    const strict = JSON.parse((await run('validate', '--json', '--strict', file)).out) as { ok: boolean; files: { ok: boolean }[] };
    expect(strict.ok).toBe(false);
    expect(strict.files[0]?.ok).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  });
});

// A process validates a file with no error once for its bytes (the picker lists its folder again
// each time it opens): the same bytes anywhere (with warnings, at the same path) get the same
// verdict and scenario without the work, and a file changed by one byte, or one with errors, is
// validated in full each time.
describe('a file validated with no error is not validated again in this process', () => {
  const good = readFixture('good/example.json').toString('utf8');
  it('the same bytes at another path give the same scenario; changed bytes are validated again', () => {
    const [a, b] = [join(tmp(), 'a.json'), join(tmp(), 'b.json')];
    writeFileSync(a, good);
    writeFileSync(b, good);
    const first = loadScenarioFile(a).result;
    expect(first.ok).toBe(true);
    expect(loadScenarioFile(b).result.scenario).toBe(first.scenario);
    // One byte changed: its own verdict, then a problem once the title is gone.
    writeFileSync(a, good.replace('"title": "', '"title": "A'));
    expect(loadScenarioFile(a).result.scenario?.title).toBe(`A${first.scenario?.title ?? ''}`);
    writeFileSync(a, good.replace(/"title": "[^"]*",/, ''));
    expect(loadScenarioFile(a).result.problems.map((p) => p.code)).toContain('missing-field');
  });

  // The scenario handed out again is the one object: a test that lengthened its replies in place
  // changed them for every later load in the worker (two terminal tests failed by the order they ran).
  it('the scenario handed out again cannot be changed in place by one holder for the next', () => {
    const a = join(tmp(), 'a.json');
    writeFileSync(a, good.replace('"title": "', '"title": "Frozen '));
    const scenario = loadScenarioFile(a).result.scenario;
    const reply = scenario?.nodes.flatMap((n) => (n.kind === 'decision' ? n.replies : []))[0];
    expect(reply).toBeDefined();
    expect(() => { (reply as { text: string }).text = 'changed'; }).toThrow(TypeError);
    expect(() => { (scenario as { nodes: unknown[] }).nodes.push({}); }).toThrow(TypeError);
    expect(loadScenarioFile(a).result.scenario?.nodes).toEqual(scenario?.nodes);
  });

  // Validating it explores every playthrough, as for a file with no problem: a scenario with a
  // warning in the picker's folder was validated again each time the picker opened.
  it('a file with a warning is validated once for its path and still shows its warning; changed, it is validated again', () => {
    const warned = good.replace(/"facilitatorNote": "[^"]*",\s*/, '');
    const [a, b] = [join(tmp(), 'a.json'), join(tmp(), 'b.json')];
    writeFileSync(a, warned);
    const first = loadScenarioFile(a).result;
    expect(first).toMatchObject({ ok: true, errors: 0, warnings: 1 });
    expect(first.problems.map((p) => [p.code, p.file])).toEqual([['no-facilitator-note', a]]);
    // Not validated again: the result handed out is the one kept, with its warning.
    const second = loadScenarioFile(a).result;
    expect(second).toBe(first);
    expect(second.problems.map((p) => [p.code, p.file])).toEqual([['no-facilitator-note', a]]);
    // The same bytes at another path: its warning names that file.
    writeFileSync(b, warned);
    expect(loadScenarioFile(b).result.problems.map((p) => [p.code, p.file])).toEqual([['no-facilitator-note', b]]);
    // One byte changed: validated again, its own verdict, the warning still there.
    writeFileSync(a, warned.replace('"title": "', '"title": "A'));
    const changed = loadScenarioFile(a).result;
    expect(changed).not.toBe(first);
    expect(changed.scenario?.title).toBe(`A${first.scenario?.title ?? ''}`);
    expect(changed.problems.map((p) => p.code)).toEqual(['no-facilitator-note']);
  });

  it('a file with errors is validated again each time, its problems naming the file read', () => {
    const broken = good.replace(/"title": "[^"]*",/, '');
    const [a, b] = [join(tmp(), 'a.json'), join(tmp(), 'b.json')];
    writeFileSync(a, broken);
    writeFileSync(b, broken);
    expect(loadScenarioFile(a).result.problems[0]?.file).toBe(a);
    expect(loadScenarioFile(b).result.problems[0]?.file).toBe(b);
  });
});

// Found by validator-51: mistakes typed by hand whose messages were generic or named the wrong
// mistake. The report says each once, at its line:column, with the fix, the same in both forms.
describe('hand-typed mistakes: the same problem, place and fix in the report and in --json', () => {
  const example = readFixture('good/example.json').toString('utf8');
  const both = async (text: string) => {
    const file = join(tmp(), 'draft.json');
    writeFileSync(file, text);
    const human = await run('validate', file);
    const json = JSON.parse((await run('validate', '--json', file)).out) as { files: { problems: { line: number; column: number; message: string; fix: string }[] }[] };
    return { file, human, problems: json.files[0]?.problems ?? [] };
  };

  it('"title": "x": "y": one problem at the colon, not "a comma was expected" and "a value was expected"', async () => {
    const { file, human, problems } = await both(example.replace('"title": "Example: the new phone",', '"title": "Example": "the new phone",'));
    expect(problems.map((p) => [p.line, p.column])).toEqual([[5, 21]]);
    expect(problems[0]?.message).toContain('is followed by a colon : and a second value');
    expect(problems[0]?.fix).toContain('"title": "Example: the new phone"');
    expect(human.out).toContain(`${file}:5:21 error [json-syntax] title: ${problems[0]?.message}`);
    expect(human.out).toContain(`fix: ${problems[0]?.fix}`);
    expect(human.out).not.toMatch(/a comma was expected|a value was expected/);
  });

  it('a comma left out before a comment with quotation marks: the comment and the comma, not a quotation mark in the text', async () => {
    const { file, human, problems } = await both(example.replace('"title": "Example: the new phone",', '"title": "Example: the new phone" // ask "Maria"'));
    expect(problems.map((p) => [p.line, p.column, p.message])).toEqual([
      [5, 37, 'Not valid JSON: comments are not allowed in JSON.'],
      [6, 3, 'Not valid JSON: a comma was expected before the field "summary".'],
    ]);
    expect(problems[1]?.fix).toContain('at line 5, column 36: before the comment');
    expect(human.out).toContain(`${file}:6:3 error [json-syntax] summary: ${problems[1]?.message}`);
    expect(human.out).toContain(`fix: ${problems[1]?.fix}`);
    expect(human.out).not.toContain('inside the text ends the text early');
  });

  it('300 warnings above an error: the error is in the report and in --json, and the count says the rest are warnings', async () => {
    // 300 scenes no playthrough reaches (a goal pasted 300 times is one warning now, validator-52), then the error.
    const f = JSON.parse(example) as { nodes: { id?: string; replies?: { effects?: unknown }[] }[] };
    f.nodes.splice(1, 0, ...Array.from({ length: 300 }, (_, i) => ({ id: `spare-${i}`, kind: 'scene', narration: 'You wait.', next: 'end-strong' })));
    (f.nodes.flatMap((n) => n.replies ?? []).at(-1) as { effects?: unknown }).effects = [{ var: 'nope', add: 1 }];
    const { file, human } = await both(JSON.stringify(f, null, 2));
    const json = JSON.parse((await run('validate', '--json', file)).out) as { files: { problems: { severity: string; code: string }[]; truncated: number; truncatedCodes: Record<string, number>; truncatedErrors: number; truncatedWarnings: number }[] };
    const entry = json.files[0];
    expect(entry?.problems[0]).toMatchObject({ severity: 'error', code: 'unknown-variable' });
    // (The file is outside the scenarios folder: its "$schema" path is a warning too, listed.)
    const left = entry?.truncated ?? 0;
    expect(left).toBeGreaterThan(100);
    expect(entry && [entry.truncatedCodes, entry.truncatedErrors, entry.truncatedWarnings]).toEqual([{ unreachable: left }, 0, left]);
    expect(human.out).toMatch(/draft\.json:\d+:\d+ error \[unknown-variable\] nodes\[\d+\]\.replies\[2\]\.effects\[0\]\.var: /);
    expect(human.out).toContain(`…and ${left} more problems, all warnings, of these kinds (unreachable ×${left})`);
  });

  // Found by val-55: under the cap, the report listed errors and warnings mixed, in the file's order.
  it('under the cap: the report and --json list the errors first, then the warnings, each in the file\'s order, in the same order', async () => {
    const f = JSON.parse(example) as { nodes: { id?: string; replies?: { effects?: unknown }[] }[] };
    f.nodes.splice(1, 0, { id: 'spare-0', kind: 'scene', narration: 'You wait.', next: 'end-strong' } as never);
    (f.nodes.flatMap((n) => n.replies ?? []).at(-1) as { effects?: unknown }).effects = [{ var: 'nope', add: 1 }];
    const { file, human, problems } = await both(JSON.stringify(f, null, 2));
    const listed = problems as unknown as { severity: string; code: string; line: number; column: number }[];
    // The "$schema" warning (the file is outside the scenarios folder) and the unreachable scene come before the error in the file.
    expect(listed.map((p) => `${p.severity} ${p.code}`)).toEqual(['error unknown-variable', 'warning schema-not-found', 'warning unreachable']);
    expect(listed[1]?.line).toBeLessThan(listed[0]?.line ?? 0);
    expect(listed[2]?.line).toBeLessThan(listed[0]?.line ?? 0);
    const reported = human.out.split('\n').filter((l) => l.startsWith(`${file}:`) && /^:\d+:\d+ /.test(l.slice(file.length))).map((l) => l.slice(file.length + 1).split(' ').slice(0, 3).join(' '));
    expect(reported).toEqual(listed.map((p) => `${p.line}:${p.column} ${p.severity} [${p.code}]`));
  });

  // Found by validator-52: a learning goal pasted 300 times was 300 warnings in the report and in --json.
  it('a learning goal pasted 300 times: one warning in the report and in --json, with the count and the next places', async () => {
    const f = JSON.parse(example) as { learningGoals: string[] };
    f.learningGoals.push(...Array<string>(300).fill('no-jumping-to-conclusions'));
    const { file, human, problems } = await both(JSON.stringify(f, null, 2));
    const dup = (problems as { code?: string; line: number; column: number; message: string; fix: string; repeats?: number; repeatedAt?: { line: number; column: number; path: unknown[] }[] }[]).filter((p) => p.code === 'duplicate-goal');
    expect(dup).toHaveLength(1);
    const p = dup[0];
    expect(p?.repeats).toBe(300);
    expect(p?.repeatedAt?.map((q) => q.path)).toEqual([['learningGoals', 4], ['learningGoals', 5], ['learningGoals', 6], ['learningGoals', 7]]);
    expect(p?.message).toContain('The same warning comes 300 times in learningGoals: here, then at line ');
    expect(p?.message).toMatch(/, and 295 more\.$/);
    expect(human.out.split('\n').filter((l) => l.includes('[duplicate-goal]'))).toEqual([`${file}:${p?.line}:${p?.column} warning [duplicate-goal] learningGoals[3]: ${p?.message}`]);
    expect(human.out).toContain(`    fix: ${p?.fix}`);
  });

  // Found by ids-52: a principle that is not one pasted 300 times into learningGoals was 300 identical errors.
  it('a principle that is not one, 300 times in learningGoals: one error in the report and in --json, with the count and the next places', async () => {
    const f = JSON.parse(example) as { learningGoals: string[] };
    f.learningGoals.push(...Array<string>(300).fill('be-nice'));
    const { file, human, problems } = await both(JSON.stringify(f, null, 2));
    const unknown = (problems as { code?: string; line: number; column: number; message: string; fix: string; repeats?: number; repeatedAt?: { line: number; column: number; path: unknown[] }[] }[]).filter((p) => p.code === 'unknown-principle');
    expect(unknown).toHaveLength(1);
    const p = unknown[0];
    expect(p?.repeats).toBe(300);
    expect(p?.repeatedAt?.map((q) => q.path)).toEqual([['learningGoals', 4], ['learningGoals', 5], ['learningGoals', 6], ['learningGoals', 7]]);
    expect(p?.message).toMatch(/^"be-nice" is not a principle of the guide\. The same error comes 300 times in learningGoals: here, then at line .*, and 295 more\.$/);
    expect(human.out.split('\n').filter((l) => l.includes('[unknown-principle]'))).toEqual([`${file}:${p?.line}:${p?.column} error [unknown-principle] learningGoals[3]: ${p?.message}`]);
    expect(human.out).toContain(`    fix: ${p?.fix}`);
    expect(human.out).toMatch(/draft\.json: 1 error, 1 warning\n$/);
  });

  // Found by validator-53: 300 assessments of one reply naming a principle that is not one were 300
  // identical errors (their places run past the list, to each item's "principle").
  it('300 assessments of one reply naming a principle that is not one: one error in the report and in --json, with the count and the next places', async () => {
    const f = JSON.parse(example) as { nodes: { replies?: { assessments: unknown[] }[] }[] };
    const reply = f.nodes[0]?.replies?.[1] as { assessments: unknown[] };
    reply.assessments = Array.from({ length: 300 }, () => ({ principle: 'be-nice', verdict: 'follows' }));
    const { file, human, problems } = await both(JSON.stringify(f, null, 2));
    const unknown = (problems as { code?: string; line: number; column: number; message: string; fix: string; repeats?: number; repeatedAt?: { line: number; column: number; path: unknown[] }[] }[]).filter((p) => p.code === 'unknown-principle');
    expect(unknown).toHaveLength(1);
    const p = unknown[0];
    expect(p?.repeats).toBe(300);
    expect(p?.repeatedAt?.map((q) => q.path)).toEqual([1, 2, 3, 4].map((k) => ['nodes', 0, 'replies', 1, 'assessments', k, 'principle']));
    const at = p?.repeatedAt?.map((q) => `line ${q.line}, column ${q.column}`).join('; ') ?? '';
    expect(p?.message).toBe(`"be-nice" is not a principle of the guide. The same error comes 300 times in nodes[0].replies[1].assessments (at "principle" in each): here, then at ${at}, and 295 more.`);
    expect(human.out.split('\n').filter((l) => l.includes('[unknown-principle]'))).toEqual([`${file}:${p?.line}:${p?.column} error [unknown-principle] nodes[0].replies[1].assessments[0].principle: ${p?.message}`]);
    expect(human.out).toContain(`    fix: ${p?.fix}`);
    expect(human.out).toMatch(/draft\.json: 1 error, 1 warning\n$/);
  });

  // Found by validator-54: 30 replies across 5 decisions routing to the same missing id were 30
  // identical errors (each "to" in a route list of its own).
  it('30 replies of 5 decisions routing to a missing id: one error in the report and in --json, with the count and the next places', async () => {
    type Reply = { id: string; next: unknown };
    const f = JSON.parse(example) as { nodes: { id: string; kind: string; replies?: Reply[] }[] };
    const phone = f.nodes[0] as { id: string; kind: string; replies: Reply[] };
    const decisions = ['phone', 'd1', 'd2', 'd3', 'd4'].map((id, n) => ({
      ...phone,
      id,
      replies: Array.from({ length: 6 }, (_, r) => ({ ...phone.replies[0], id: `${id}-r${r}`, next: [{ when: { var: 'trust', gte: 60 }, to: 'nowhere' }, { to: n < 4 ? `d${n + 1}` : 'end-strong' }] })),
    }));
    f.nodes = [...decisions, ...f.nodes.filter((x) => x.kind === 'ending')];
    const { file, human, problems } = await both(JSON.stringify(f, null, 2));
    const unknown = (problems as { code?: string; line: number; column: number; message: string; fix: string; repeats?: number; repeatedAt?: { line: number; column: number; path: unknown[] }[] }[]).filter((p) => p.code === 'unknown-node');
    expect(unknown).toHaveLength(1);
    const p = unknown[0];
    expect(p?.repeats).toBe(30);
    expect(p?.repeatedAt?.map((q) => q.path)).toEqual([1, 2, 3, 4].map((j) => ['nodes', 0, 'replies', j, 'next', 0, 'to']));
    const at = p?.repeatedAt?.map((q) => `line ${q.line}, column ${q.column}`).join('; ') ?? '';
    expect(p?.message).toBe(`There is no node with the id "nowhere". The same error comes 30 times in 30 replies of 5 nodes: here, then at ${at}, and 25 more.`);
    expect(human.out.split('\n').filter((l) => l.includes('[unknown-node]'))).toEqual([`${file}:${p?.line}:${p?.column} error [unknown-node] nodes[0].replies[0].next[0].to: ${p?.message}`]);
    expect(human.out).toContain(`    fix: ${p?.fix}`);
    expect(human.out).toMatch(/draft\.json: 1 error, \d+ warnings\n$/);
  });

  // Found by ids-52: a scene id written "s1 opens up", named so by three replies, was four identical invalid-id errors.
  it('a scene id with a space, named so by three replies: one error at the node in the report and in --json, naming the three places', async () => {
    const { file, human, problems } = await both(example.replaceAll('"boyfriend-guarded"', '"s1 opens up"'));
    const invalid = (problems as { code?: string; line: number; column: number; path: unknown[]; message: string; fix: string; repeats?: number; repeatedAt?: { line: number; column: number; path: unknown[] }[] }[]).filter((p) => p.code === 'invalid-id');
    expect(invalid).toHaveLength(1);
    const p = invalid[0];
    expect(p?.path).toEqual(['nodes', 2, 'id']);
    expect(p?.repeats).toBe(4);
    expect(p?.repeatedAt?.map((q) => q.path)).toEqual([['nodes', 0, 'replies', 0, 'next', 1, 'to'], ['nodes', 0, 'replies', 1, 'next'], ['nodes', 0, 'replies', 2, 'next']]);
    const at = p?.repeatedAt?.map((q) => `line ${q.line}, column ${q.column}`).join('; ') ?? '';
    expect(p?.message).toContain(`The 3 places that name this node write it the same way (${at}): the same error, listed here once.`);
    expect(human.out.split('\n').filter((l) => l.includes('[invalid-id]'))).toEqual([`${file}:${p?.line}:${p?.column} error [invalid-id] nodes[2].id: ${p?.message}`]);
    expect(human.out).toContain(`    fix: ${p?.fix}`);
    expect(human.out).toMatch(/draft\.json: 1 error, 1 warning\n$/);
  });
});
