import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { READ_ONLY_SKIP, readOnlyTestable, ROOT, runChild } from './helpers/cli.js';

// `casa-practice new <id|file>`: the worked example as a new scenario file, run as a trainer runs
// it (the built program, a child process with its stdin a pipe, in the folder they work in).

const EXAMPLE = readFileSync(join(ROOT, 'docs', 'examples', 'first-scenario.json'), 'utf8');

/** A folder of the test run with a state folder and home of its own in it. */
function place(): { dir: string; env: NodeJS.ProcessEnv } {
  const dir = mkdtempSync(join(tmpdir(), 'casa-new-'));
  mkdirSync(join(dir, '.state'));
  return { dir, env: { XDG_STATE_HOME: join(dir, '.state'), HOME: dir } };
}

/** The example with the four values `new` sets, and nothing else changed: the file it must write. */
function expected(id: string, schema: string): string {
  return EXAMPLE.replace('"$schema": "../../scenarios/scenario.schema.json"', `"$schema": ${JSON.stringify(schema)}`)
    .replace('"id": "first-scenario"', `"id": ${JSON.stringify(id)}`)
    .replace(/"version": \d+,/, '"version": 1,')
    .replace('"title": "Example: back from the weekend"', `"title": ${JSON.stringify(`Example: back from the weekend (${id})`)}`);
}

/** A printed command's rows as one line, as a shell reads rows ending in " \\". */
const unbroken = (text: string) => text.replace(/ \\\n +/g, ' ');

/** The commands printed on rows of their own, indented, each as one line. */
function nextCommands(out: string): string[] {
  return unbroken(out).split('\n').filter((l) => /^ {2}\S/.test(l)).map((l) => l.trim());
}

describe('casa-practice new, in the program\'s own folder', () => {
  // A copy of the program (its build, scenarios and worked example), so that the scenarios folder
  // written into is the copy's: the project's own is read by other tests as the bundled set.
  let program = '';
  beforeAll(() => {
    program = mkdtempSync(join(tmpdir(), 'casa-new-program-'));
    for (const part of ['package.json', 'bin', 'dist', 'scenarios']) cpSync(join(ROOT, part), join(program, part), { recursive: true });
    mkdirSync(join(program, 'docs', 'examples'), { recursive: true });
    cpSync(join(ROOT, 'docs', 'examples', 'first-scenario.json'), join(program, 'docs', 'examples', 'first-scenario.json'));
  });
  const bin = () => join(program, 'bin', 'casa-practice.js');

  it('an id alone writes scenarios/<id>.json: the example with that id, version 1 and "./scenario.schema.json", which validates with no warning; then the three commands to run', async () => {
    const { env } = place();
    const r = await runChild(['new', 'first-court-date'], '', env, { cwd: program, bin: bin() });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const file = join(program, 'scenarios', 'first-court-date.json');
    expect(readFileSync(file, 'utf8')).toBe(expected('first-court-date', './scenario.schema.json'));
    expect(r.out.replace(/\s+/g, ' ')).toMatch(/^Wrote scenarios\/first-court-date\.json, in the program's scenarios folder: the scenario picker lists it\. It is the worked example/);
    expect(r.out.replace(/\s+/g, ' ')).toContain('It validates and plays as it is; like the example, it is too small for the bundled set\'s house rules (audit says what to add; docs/authoring.md section 10).');
    expect(nextCommands(r.out)).toEqual([
      'node bin/casa-practice.js validate scenarios/first-court-date.json',
      'node bin/casa-practice.js play scenarios/first-court-date.json --preview',
      'node bin/casa-practice.js audit scenarios/first-court-date.json',
    ]);
    // The commands it names work as printed, from there: validate passes it (no warning, even
    // id-not-file-name or schema-not-found), play previews it, and the audit names the house rules.
    const strict = await runChild(['validate', '--strict', 'scenarios/first-court-date.json'], '', env, { cwd: program, bin: bin() });
    expect(strict.out).toBe('scenarios/first-court-date.json: valid\n');
    expect(strict.code).toBe(0);
    const played = await runChild(['play', 'scenarios/first-court-date.json', '--preview', '--plain', '--new'], 'd1-glad\nd2-plan\n', env, { cwd: program, bin: bin() });
    expect(played.code).toBe(0);
    expect(played.out).toContain('Score: 100% (7 of 7 points)');
    const audit = await runChild(['audit', 'scenarios/first-court-date.json'], '', env, { cwd: program, bin: bin() });
    expect(audit.code).toBe(1);
    expect(audit.out).toMatch(/house rule/i);
  });

  it('refuses an id one of the app\'s scenarios has, in validate\'s words (duplicate-scenario-id), with a free id to use, and a file already there (exit 73)', async () => {
    const { env } = place();
    // Another name for a bundled scenario's id: the file is new, the id is not.
    const copy = join(program, 'drafts');
    mkdirSync(copy);
    const taken = await runChild(['new', 'drafts/youth-discloses.json'], '', env, { cwd: program, bin: bin() });
    expect(taken.code).toBe(2);
    expect(taken.out).toBe('');
    const said = taken.err.replace(/\s+/g, ' ');
    expect(said).toContain(`casa-practice: no scenario file was written (a scenario's id is its file's name without .json): The app's scenario file "${join(program, 'scenarios', 'youth-discloses.json')}" has the id "youth-discloses" too:`);
    expect(said).toContain('Give this scenario an id of its own (a copy of a scenario needs a new id), and name the file after it.');
    expect(taken.err).toMatch(/\nFor example:\n {2}node bin\/casa-practice\.js new drafts\/youth-discloses-2\.json\n$/);
    expect(readdirSync(copy)).toEqual([]);
    // The bundled file itself is there: never written over, and never "move that one away first"
    // (which would take one of the app's scenarios out of the picker): a free id to use instead.
    const before = readFileSync(join(program, 'scenarios', 'red-flags.json'), 'utf8');
    const there = await runChild(['new', 'red-flags'], '', env, { cwd: program, bin: bin() });
    expect(there.code).toBe(73);
    expect(there.err).toBe('casa-practice: no scenario file was written to\n  scenarios/red-flags.json\nIt is one of the app\'s scenarios (the scenario picker lists it), and it is not\nwritten over: give the new scenario an id of its own.\nFor example:\n  node bin/casa-practice.js new red-flags-2\n');
    expect(readFileSync(join(program, 'scenarios', 'red-flags.json'), 'utf8')).toBe(before);
    // The README's table of commands said exit 2 for "a bundled scenario's" id, and new youth-discloses
    // in the program's folder gives 73: it names both exit codes as they are.
    const row = readFileSync(join(ROOT, 'README.md'), 'utf8').split('\n').find((l) => l.startsWith('| `npx casa-practice new ')) ?? '';
    expect(row).toContain("2 usage error or an id that cannot be used (misspelt, or a bundled scenario's for a file of another name or folder), 73 a file already there (a bundled scenario's own file too: `new youth-discloses` in this folder)");
  });
});

describe('casa-practice new, in a folder of the trainer\'s own', () => {
  it('an id alone (npx from another folder) writes ./<id>.json there, says where, with the "$schema" line schema --for gives; the hints run there', async () => {
    const { dir, env } = place();
    const npx = { ...env, npm_command: 'exec' };
    const r = await runChild(['new', 'first-court-date'], '', npx, { cwd: dir });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const forLine = await runChild(['schema', '--for', 'first-court-date.json'], '', env, { cwd: dir });
    const schema = (JSON.parse(`{${forLine.out.trim().replace(/,$/, '')}}`) as { $schema: string }).$schema;
    expect(schema).toBe(relative(dir, join(ROOT, 'scenarios', 'scenario.schema.json')));
    expect(readFileSync(join(dir, 'first-court-date.json'), 'utf8')).toBe(expected('first-court-date', schema));
    expect(r.out.replace(/\s+/g, ' ')).toContain(`Wrote first-court-date.json in the folder you are in (${dir}): an id alone writes into the program's scenarios folder only when run in the program's own folder.`);
    expect(existsSync(join(ROOT, 'scenarios', 'first-court-date.json'))).toBe(false);
    expect(nextCommands(r.out)).toEqual([
      'npx casa-practice validate first-court-date.json',
      'npx casa-practice play first-court-date.json --preview',
      'npx casa-practice audit first-court-date.json',
    ]);
    const strict = await runChild(['validate', '--strict', 'first-court-date.json'], '', env, { cwd: dir });
    expect(strict.out).toBe('first-court-date.json: valid\n');
    // Made to be edited and shared: the usual permissions (0666 less the umask), not private like saves.
    expect(statSync(join(dir, 'first-court-date.json')).mode & 0o044).toBe(0o044 & ~process.umask());
  });

  it('a path writes there; a folder with spaces is quoted in the commands it names, which work as printed', async () => {
    const { dir, env } = place();
    mkdirSync(join(dir, 'my drafts'));
    const r = await runChild(['new', 'my drafts/court-date.json'], '', env, { cwd: dir });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Wrote my drafts\/court-date\.json\.\n/);
    expect(readFileSync(join(dir, 'my drafts', 'court-date.json'), 'utf8')).toBe(expected('court-date', relative(join(dir, 'my drafts'), join(ROOT, 'scenarios', 'scenario.schema.json'))));
    const next = nextCommands(r.out);
    expect(next.map((c) => c.replace(/^\S+ \S+ /, ''))).toEqual([`validate 'my drafts/court-date.json'`, `play 'my drafts/court-date.json' --preview`, `audit 'my drafts/court-date.json'`]);
    // As a shell reads the first: its words, quotes taken off.
    const validate = await runChild(['validate', 'my drafts/court-date.json'], '', env, { cwd: dir });
    expect(validate.out).toBe('my drafts/court-date.json: valid\n');
  });

  it.each([
    [['new', 'My Court Date'], 'casa-practice: no scenario file was written: The text "My Court Date" is not a valid id: ids must be lower-case letters, digits and single hyphens. It holds a capital, "M", at its start. It holds 4 more characters an id cannot hold: 2 spaces and 2 capitals. Use something like "my-court-date".', 'new my-court-date'],
    [['new', 'my drafts/Court Date.json'], 'casa-practice: no scenario file was written (a scenario\'s id is its file\'s name without .json): The text "Court Date" is not a valid id: ids must be lower-case letters, digits and single hyphens. It holds a capital, "C", at its start. It holds 2 more characters an id cannot hold: a space and a capital. Use something like "court-date".', "new 'my drafts/court-date.json'"],
    [['new', 'constructor'], 'casa-practice: no scenario file was written: "constructor" is a reserved word and cannot be used as an id. Use something like "constructor-node".', 'new constructor-node'],
    [['new', 'a'.repeat(85)], `casa-practice: no scenario file was written: "id" is 85 characters long; the limit is 80. Shorten it.`, `new ${'a'.repeat(80)}`],
  ])('refuses an id not spelt as ids are, in validate\'s words, with the command for the id it suggests: %j', async (argv, words, instead) => {
    const { dir, env } = place();
    mkdirSync(join(dir, 'my drafts'));
    const r = await runChild(argv, '', env, { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err.replace(/\s+/g, ' ')).toContain(words);
    expect(unbroken(r.err)).toMatch(new RegExp(`\\nFor example:\\n {2}node \\S+casa-practice\\.js ${instead.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n$`));
    expect(readdirSync(dir).sort()).toEqual(['.state', 'my drafts']);
    expect(readdirSync(join(dir, 'my drafts'))).toEqual([]);
  });

  it('never writes over a file (exit 73, as records --xapi), nor onto a folder, and leaves them as they were', async () => {
    const { dir, env } = place();
    writeFileSync(join(dir, 'mine.json'), 'my own words');
    const r = await runChild(['new', 'mine'], '', env, { cwd: dir });
    expect(r.code).toBe(73);
    expect(r.out).toBe('');
    expect(r.err).toBe('casa-practice: no scenario file was written to\n  mine.json\nIt already exists, and it is not written over: name a new file, or move that one\naway first.\n');
    expect(readFileSync(join(dir, 'mine.json'), 'utf8')).toBe('my own words');
    mkdirSync(join(dir, 'taken.json'));
    const folder = await runChild(['new', 'taken.json'], '', env, { cwd: dir });
    expect(folder.code).toBe(73);
    expect(folder.err).toBe('casa-practice: no scenario file was written to\n  taken.json\nIt is a folder: name a new file in it, such as taken.json/first-court-date.json\n');
    expect(readdirSync(dir).sort()).toEqual(['.state', 'mine.json', 'taken.json']);
  });

  it('a folder that does not exist, or is a file, is said in words with exit 74, and nothing is made', async () => {
    const { dir, env } = place();
    const missing = await runChild(['new', 'drafts/court-date.json'], '', env, { cwd: dir });
    expect(missing.code).toBe(74);
    // The folder named, and how to make it, as graph --output says it (val-56).
    expect(missing.err).toBe('casa-practice: no scenario file was written to\n  drafts/court-date.json\nThe folder drafts does not exist: check the path for a typing mistake, or make\nthe folder first (mkdir -p drafts) and run this again.\n');
    writeFileSync(join(dir, 'notes'), '');
    const file = await runChild(['new', 'notes/court-date.json'], '', env, { cwd: dir });
    expect(file.code).toBe(74);
    expect(file.err).toMatch(/^casa-practice: no scenario file was written to\n {2}notes\/court-date\.json\n/);
    expect(file.err.replace(/\s+/g, ' ')).toContain(' It cannot be written (part of the path is a file, not a folder): name a file in a folder you can write to. ');
    expect(readdirSync(dir).sort()).toEqual(['.state', 'notes']);
  });

  it.skipIf(!readOnlyTestable())(`a folder that cannot be written is said in words with exit 74${readOnlyTestable() ? '' : READ_ONLY_SKIP}`, async () => {
    const { dir } = place();
    const locked = join(dir, 'locked');
    mkdirSync(locked);
    chmodSync(dir, 0o777);
    chmodSync(locked, 0o555);
    const root = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const r = await runChild(['new', 'locked/court-date.json'], '', { XDG_STATE_HOME: join(dir, 'state'), HOME: dir }, { cwd: dir, ...root });
    expect(r.code).toBe(74);
    expect(r.err).toMatch(/^casa-practice: no scenario file was written to\n {2}locked\/court-date\.json\n/);
    expect(r.err.replace(/\s+/g, ' ')).toBe('casa-practice: no scenario file was written to locked/court-date.json It cannot be written (permission denied): name a file in a folder you can write to. ');
    expect(readdirSync(locked)).toEqual([]);
  });

  it.each([
    [['new'], 'casa-practice: new needs the new scenario\'s id or the file to write, e.g. first-court-date or drafts/first-court-date.json'],
    [['new', 'a', 'b'], 'new makes one scenario at a time'],
    [['new', 'drafts/'], 'new needs the file\'s name too: a scenario file is named after its id, e.g. drafts/first-court-date.json'],
    [['new', 'drafts/court-date'], 'a scenario file\'s name ends in .json: write drafts/court-date.json'],
    [['new', '--force', 'x'], 'unknown option "--force"'],
  ])('usage errors exit 2 with a reason and the command for its help: %j', async (argv, words) => {
    const { dir, env } = place();
    const r = await runChild(argv, '', env, { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.err).toContain(words);
    expect(r.err).toMatch(/For usage, run:\nnode \S+casa-practice\.js new --help\n$/);
    expect(readdirSync(dir)).toEqual(['.state']);
  });

  it('a folder that is there, named without a slash at its end, is asked for the file\'s name in it, not told to write a file beside it (exit 2)', async () => {
    const { dir, env } = place();
    mkdirSync(join(dir, 'drafts', 'court'), { recursive: true });
    const r = await runChild(['new', 'drafts/court'], '', env, { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.err).toContain('new needs the file\'s name too: a scenario file is named after its id, e.g. drafts/court/first-court-date.json');
    expect(r.err).not.toContain('drafts/court.json');
    expect(readdirSync(join(dir, 'drafts'))).toEqual(['court']);
    expect(readdirSync(join(dir, 'drafts', 'court'))).toEqual([]);
  });
});

describe('casa-practice new in the help', () => {
  it('is in the list of commands, has its own help, and a misspelt "new" is asked about', async () => {
    const { dir, env } = place();
    const help = await runChild(['--help'], '', { ...env, npm_command: 'exec' }, { cwd: dir });
    expect(help.out).toContain('\n  npx casa-practice new <id|file>                 start a scenario file from the worked example\n');
    const own = await runChild(['help', 'new'], '', { ...env, npm_command: 'exec' }, { cwd: dir });
    expect(own.code).toBe(0);
    expect(own.out).toMatch(/^Usage: npx casa-practice new <id\|file>\n/);
    expect(own.out).toContain('\n  npx casa-practice new drafts/first-court-date.json\n');
    const typo = await runChild(['nwe', 'court-date'], '', env, { cwd: dir });
    expect(typo.code).toBe(2);
    expect(typo.err).toContain('unknown command "nwe". Did you mean "new"?');
    expect(readdirSync(dir)).toEqual(['.state']);
  });
});
