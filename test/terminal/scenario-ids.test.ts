import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../src/machines/validate/index.js';
import { runCli } from '../../src/terminal/cli.js';
import { inScenariosDir } from '../../src/terminal/node/scenario-ids.js';
import { loadPlayable, warningsOf } from '../../src/terminal/scenario-source.js';
import { readFixture } from '../helpers/fixtures.js';

// Found by the authoring pass: a trainer starts a scenario by copying one (docs/authoring.md says
// so), and a copy that keeps the original's id validated without a word, though the picker then
// listed two scenarios under one id and progress and records, kept by id, mixed them up. A file
// in scenarios/ not named after its id was silent too (only the project's own tests caught it).

async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

const scenarios = fileURLToPath(new URL('../../scenarios/', import.meta.url));

/** A bundled scenario copied, unchanged, to a draft outside the project. */
function copyOf(id: string, name: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'casa-ids-')), name);
  writeFileSync(file, readFileSync(join(scenarios, `${id}.json`)));
  return file;
}

describe('validate: a copy of a scenario that keeps its id', () => {
  it('is warned about at its "id", naming the app\'s file with that id and saying to give it a new one', async () => {
    const file = copyOf('youth-discloses', 'my-copy.json');
    const r = await run('validate', '--json', file);
    const problems = (JSON.parse(r.out) as { files: { problems: { code: string; line: number; column: number; message: string; fix: string }[] }[] }).files[0]?.problems ?? [];
    const p = problems.find((q) => q.code === 'duplicate-scenario-id');
    expect(p?.message).toBe(`The app's scenario file "${join(scenarios, 'youth-discloses.json')}" has the id "youth-discloses" too: completion records (best score, times finished) are kept by scenario id wherever the file is, so this file and that scenario would share them. (Saved progress stays apart: outside the scenarios folder it is kept per file.)`);
    expect(p?.fix).toContain('a copy of a scenario needs a new id');
    const text = readFileSync(file, 'utf8');
    expect(text.split('\n')[(p?.line ?? 0) - 1]?.slice((p?.column ?? 0) - 1)).toMatch(/^"youth-discloses"/);
    // Outside scenarios/ a file may have any name: no id-not-file-name.
    expect(problems.map((q) => q.code)).not.toContain('id-not-file-name');
  });

  // The message said "saved progress ... would mix" for every copy, but outside the scenarios folder
  // a save is kept by id and file (slotName): only the records mix there. In the folder, where
  // saves are kept by id alone and the picker lists every file, both mix.
  it('says only what mixes: records outside the scenarios folder, saves and records (and the picker) in it', () => {
    const text = readFileSync(join(scenarios, 'youth-discloses.json'));
    const original = join(scenarios, 'youth-discloses.json');
    const dup = (options: { fileStem?: string }) => validateScenario(text, 'kiara.json', { ...options, sameIdElsewhere: () => original }).problems.find((p) => p.code === 'duplicate-scenario-id');
    const outside = dup({});
    expect(outside?.message).toContain('completion records (best score, times finished) are kept by scenario id wherever the file is');
    expect(outside?.message).toContain('(Saved progress stays apart: outside the scenarios folder it is kept per file.)');
    expect(outside?.message).not.toContain('picker');
    const inFolder = dup({ fileStem: 'kiara' });
    expect(inFolder?.message).toBe(`The app's scenario file "${original}" has the id "youth-discloses" too: in the scenarios folder saved progress and completion records (best score, times finished) are kept by scenario id, so the two would share them, and the picker would list both.`);
  });

  it('the bundled scenarios themselves, and a draft with an id of its own, are not', async () => {
    const r = await run('validate', '--strict', scenarios);
    expect(r.out).not.toContain('duplicate-scenario-id');
    expect(r.out).not.toContain('id-not-file-name');
    expect(r.code).toBe(0);
    const own = copyOf('youth-discloses', 'kiara-again.json');
    writeFileSync(own, readFileSync(own, 'utf8').replace('"id": "youth-discloses"', '"id": "kiara-again"'));
    expect((await run('validate', own)).out).not.toContain('duplicate-scenario-id');
  });
});

// Found by a trainer: validate (and audit) on a folder of their own said nothing when two drafts in
// it shared an id (only the app's own files were compared), though completion records are kept by
// scenario id (records.ts) and, in the scenarios folder, one save slot serves one id (slots.ts).
describe('validate: two files checked together that share an id', () => {
  type Found = { file: string; problems: { code: string; line: number; column: number; message: string; fix: string }[] };
  /** A folder of drafts: a.json and b.json with one id (none of the app's), c.json with its own. */
  function drafts(): { dir: string; a: string; b: string; c: string } {
    const dir = mkdtempSync(join(tmpdir(), 'casa-ids-run-'));
    const text = readFixture('good/example.json').toString('utf8');
    const write = (name: string, id: string) => {
      const file = join(dir, name);
      writeFileSync(file, text.replace('"id": "example-new-phone"', `"id": "${id}"`));
      return file;
    };
    return { dir, a: write('a.json', 'game-money'), b: write('b.json', 'game-money'), c: write('c.json', 'game-money-two') };
  }

  it('warns on each of them at its "id", naming the other file, in --json and in the report; not the file with an id of its own', async () => {
    const { dir, a, b, c } = drafts();
    const r = await run('validate', '--json', dir);
    const files = (JSON.parse(r.out) as { files: Found[] }).files;
    const dup = (file: string) => files.find((f) => f.file === file)?.problems.filter((p) => p.code === 'duplicate-scenario-id') ?? [];
    for (const [file, other] of [[a, b], [b, a]] as const) {
      const [p, more] = dup(file);
      expect(more).toBeUndefined();
      expect(p?.message).toBe(`The file "${other}", checked with this one, has the id "game-money" too: completion records (best score, times finished) are kept by scenario id, so they would share them, and in the scenarios folder the picker would list them under one id with one saved playthrough between them.`);
      expect(p?.fix).toBe('Give each scenario its own id (a copy of a scenario needs a new id), and name the file after it.');
      expect(readFileSync(file, 'utf8').split('\n')[(p?.line ?? 0) - 1]?.slice((p?.column ?? 0) - 1)).toMatch(/^"game-money"/);
    }
    expect(dup(c)).toEqual([]);
    // The report says the same at file:line:column; under --strict the warnings fail the run.
    const text = await run('validate', '--strict', dir);
    expect(text.out).toContain(`${a}:3:9 warning [duplicate-scenario-id] id: The file "${b}", checked with this one`);
    expect(text.out).toContain(`${b}:3:9 warning [duplicate-scenario-id] id: The file "${a}", checked with this one`);
    expect(text.code).toBe(1);
  });

  it('one file alone, or one named twice (its folder and itself), is not warned', async () => {
    const { dir, a } = drafts();
    expect((await run('validate', a)).out).not.toContain('duplicate-scenario-id');
    const twice = await run('validate', '--json', a, `${dir}/./a.json`);
    expect(twice.out).not.toContain('duplicate-scenario-id');
  });
});

// Found by author-61: a link to the scenarios folder (or the folder itself a link) reaches the
// app's own files by another path, and validate told each of them that the app's file, itself,
// "has the id … too"; play said so too, and kept its progress apart from the picker's.
describe('the scenarios folder reached through a link', () => {
  function linked(): string {
    const link = join(mkdtempSync(join(tmpdir(), 'casa-ids-link-')), 'scenarios');
    symlinkSync(scenarios, link, 'dir');
    return link;
  }

  it('is the same folder: no file is told it shares its own id, and --strict passes', async () => {
    const link = linked();
    const all = await run('validate', '--strict', link);
    expect(all.out).not.toContain('duplicate-scenario-id');
    expect(all.code).toBe(0);
    const one = await run('validate', '--json', join(link, 'red-flags.json'));
    expect((JSON.parse(one.out) as { files: { problems: { code: string }[] }[] }).files[0]?.problems.map((p) => p.code)).toEqual([]);
    expect(inScenariosDir(join(link, 'red-flags.json'))).toBe(true);
  });

  it('play through it is the app\'s own scenario: no warning, and bundled (one save slot with the picker)', () => {
    const playable = loadPlayable(join(linked(), 'red-flags.json'));
    if (!('scenario' in playable)) throw new Error(playable.problems);
    expect(warningsOf(playable)).toBeUndefined();
    expect(playable.bundled).toBe(true);
  });

  it('a copy outside it is still warned, and a link to a file of it is that file', async () => {
    expect((await run('validate', copyOf('red-flags', 'mine.json'))).out).toContain('duplicate-scenario-id');
    const fileLink = join(mkdtempSync(join(tmpdir(), 'casa-ids-link-')), 'red-flags.json');
    symlinkSync(join(scenarios, 'red-flags.json'), fileLink);
    expect((await run('validate', fileLink)).out).not.toContain('duplicate-scenario-id');
  });
});

describe('id-not-file-name: a file in scenarios/ is named after its id', () => {
  const example = readFixture('good/example.json').toString('utf8');

  it('is warned about at the "id" when the validate command says the file is in scenarios/ (fileStem)', () => {
    const result = validateScenario(example, 'first-court-date.json', { fileStem: 'first-court-date' });
    expect(result.problems.map((p) => [p.code, p.severity, p.message])).toEqual([
      ['id-not-file-name', 'warning', 'The scenario\'s id is "example-new-phone", but the file is named "first-court-date.json": in the scenarios folder a file is named after its id, which the "play <id>" command looks for.'],
    ]);
    // In the words the caller supplies: the terminal's, as it was started.
    expect(validateScenario(example, 'first-court-date.json', { fileStem: 'first-court-date', command: (args) => `npx casa-practice ${args}` }).problems[0]?.message)
      .toContain('which "npx casa-practice play <id>" looks for.');
    expect(result.problems[0]?.fix).toBe('Rename the file to "example-new-phone.json", or, if this is a new scenario, change "id" to a new id and name the file after it.');
    expect(validateScenario(example, 'example-new-phone.json', { fileStem: 'example-new-phone' }).problems).toEqual([]);
  });

  it('the validate command asks it only of files in the app\'s scenarios folder', () => {
    expect(inScenariosDir(join(scenarios, 'first-court-date.json'))).toBe(true);
    expect(inScenariosDir(join(tmpdir(), 'first-court-date.json'))).toBe(false);
    expect(inScenariosDir(join(scenarios, 'guide', 'x.json'))).toBe(false);
  });
});
