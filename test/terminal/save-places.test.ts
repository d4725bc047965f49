import { copyFileSync, mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandName } from '../../src/terminal/invocation.js';
import { savesDir } from '../../src/terminal/saves.js';
import { ROOT, runWithState } from './helpers/cli.js';
import { SCENARIOS, tempEnv } from './helpers/ink.js';

/** `node bin/casa-practice.js <args>` with piped input, run in this process (see runPiped). */
const cli = runWithState;

describe('where a save finds its scenario again', () => {
  it('a bundled scenario is saved by id, with no absolute path, and resumes', async () => {
    const env = tempEnv();
    expect((await cli(['play', 'youth-discloses', '--plain'], '1\n', env)).code).toBe(1);
    const text = readFileSync(join(savesDir(env), 'youth-discloses.json'), 'utf8');
    expect(text).not.toContain(ROOT);
    expect(JSON.parse(text)).toMatchObject({ scenario: { source: 'bundled', id: 'youth-discloses' } });
    const resumed = await cli(['resume'], '', env);
    expect(resumed.err).toBe('');
    expect(resumed.out).toContain('Continuing where you stopped.');
    // The list line by line marks it too.
    const list = await cli(['--plain'], '', env);
    expect(list.out).toMatch(/\d\. What Kiara tells you \(saved\) \(about/);
    expect(list.out).not.toMatch(/Lupe's court report \(saved\)/);
  });

  it('an older save with an absolute path to a bundled scenario (an app folder since moved) still resumes', async () => {
    const env = tempEnv();
    await cli(['play', 'youth-discloses', '--plain'], '1\n', env);
    const path = join(savesDir(env), 'youth-discloses.json');
    const old = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    delete old.scenario;
    old.scenarioFile = '/home/someone/old-clone/casa-practice/scenarios/youth-discloses.json';
    writeFileSync(path, JSON.stringify(old));
    const resumed = await cli(['resume'], '', env);
    expect(resumed.err).toBe('');
    expect(resumed.out).toContain('Continuing where you stopped.');
    expect(resumed.out).toMatch(/-- Decision 2 of about/);
  });

  it('a trainer\'s file that moved is named, its save is kept, and opening the file where it is now continues it', async () => {
    const env = tempEnv();
    const dir = mkdtempSync(join(tmpdir(), 'casa-trainer-'));
    const file = join(dir, 'mine.json');
    copyFileSync(join(SCENARIOS, 'new-phone.json'), file);
    await cli(['play', file, '--plain'], '1\n', env);
    const before = readdirSync(savesDir(env));
    expect(before).toHaveLength(1);
    const moved = join(dir, 'moved.json');
    renameSync(file, moved);
    // Line by line, resume asks where it is now; Enter goes back to the list, the save as it was.
    const resumed = await cli(['resume'], '\n', env);
    expect(resumed.err).toBe('');
    expect(resumed.out.replace(/\s+/g, ' ')).toContain(`The file "${file}" has moved. Type its new path (or a folder to look in), or press Enter to go back:`);
    expect(resumed.out).toContain('Scenario number (q to quit):');
    expect(readdirSync(savesDir(env))).toEqual(before);
    const reopened = await cli(['play', moved, '--plain'], '', env);
    expect(reopened.out).toContain('Continuing where you stopped (1 reply made, practice, saved just now).');
    expect(reopened.out).toContain('-- Decision 2 of about 2');
    // The save now lives in the moved file's slot.
    const after = readdirSync(savesDir(env));
    expect(after).toHaveLength(1);
    expect(after).not.toEqual(before);
  });

  it('a trainer\'s file with errors (in the middle of an edit) keeps its save where it is: once the file is fixed, resume continues it', async () => {
    const env = tempEnv();
    const dir = mkdtempSync(join(tmpdir(), 'casa-trainer-'));
    const file = join(dir, 'mine.json');
    const good = readFileSync(join(SCENARIOS, 'new-phone.json'), 'utf8');
    writeFileSync(file, good);
    await cli(['play', file, '--plain'], '1\n', env);
    const before = readdirSync(savesDir(env));
    const text = readFileSync(join(savesDir(env), before[0] as string), 'utf8');
    // A stray comma while editing.
    writeFileSync(file, good.replace('{', '{,'));
    const broken = await cli(['resume'], '', env);
    expect(broken.err.replace(/\s+/g, ' ')).toContain(`Could not resume: the saved scenario ${file} now has errors`);
    expect(broken.err).toContain('The save was left where it is');
    // The file is where the save says: no new place of it is asked for.
    expect(broken.out).not.toContain('has moved');
    expect(readdirSync(savesDir(env))).toEqual(before);
    expect(readFileSync(join(savesDir(env), before[0] as string), 'utf8')).toBe(text);
    writeFileSync(file, good);
    const fixed = await cli(['resume'], '', env);
    expect(fixed.err).toBe('');
    expect(fixed.out).toContain('Continuing where you stopped.');
    expect(fixed.out).toContain('-- Decision 2 of about 2');
  });
});

describe('finding a moved scenario file line by line', () => {
  /** A trainer's copy of new-phone saved at decision 2, then moved to another folder; and the save's text. */
  async function savedThenMoved() {
    const env = tempEnv();
    const dir = mkdtempSync(join(tmpdir(), 'casa-stick-a-'));
    const file = join(dir, 'new-phone.json');
    copyFileSync(join(SCENARIOS, 'new-phone.json'), file);
    await cli(['play', file, '--plain'], '1\n', env);
    const folder = mkdtempSync(join(tmpdir(), 'casa-stick-b-'));
    const moved = join(folder, 'new-phone.json');
    renameSync(file, moved);
    const [save] = readdirSync(savesDir(env));
    return { env, file, folder, moved, save: save as string, text: readFileSync(join(savesDir(env), save as string), 'utf8') };
  }

  it('a folder lists the files with the save\'s id; another version or scenario is said; the right file resumes where it stopped, and the save names it from then on', async () => {
    const { env, file, folder, moved, save, text } = await savedThenMoved();
    writeFileSync(join(folder, 'newer.json'), readFileSync(moved, 'utf8').replace('"version": 1', '"version": 3'));
    const other = join(ROOT, 'scenarios', 'youth-discloses.json');
    const answers = ['/no/such/file.json', other, folder, '2', '1', '1'];
    const r = await cli(['resume', '--plain'], `${answers.join('\n')}\n`, env);
    const out = r.out.replace(/\s+/g, ' ');
    expect(out).toContain(`The file "${file}" has moved. Type its new path (or a folder to look in), or press Enter to go back:`);
    expect(out).toContain('Nothing is at "/no/such/file.json"; check the path and try again. Type another path, or press Enter to go back:');
    expect(out).toContain(`"${other}" is "What Kiara tells you" (id "youth-discloses"), not the scenario of this save ("example-new-phone").`);
    expect(out).toContain(`Scenario files in "${folder}" with the id "example-new-phone": 1. new-phone.json (version 1) 2. newer.json (version 3; the save is for version 1) Type a number, another path, or press Enter to go back:`);
    expect(out).toContain(`The save is for version 1 of "example-new-phone"; the file "${join(folder, 'newer.json')}" is version 3, so the save cannot continue in it`);
    // Until the right file is found, the save is as it was.
    expect(r.out.indexOf('Found it')).toBeGreaterThan(r.out.indexOf('is version 3'));
    expect(r.out).toContain(`Found it: the save now names "${moved}".`);
    expect(r.out).toContain('Continuing where you stopped.');
    expect(r.out).toContain('You: "That\'s a nice one! How did you get it?"');
    expect(r.out).toContain('-- Decision 2 of about 2');
    expect(r.out).toContain('Score: 100% (4 of 4 points)');
    expect(r.code).toBe(0);
    // Finished: the save is gone (cleared as any finished playthrough's), none left at the old slot.
    expect(readdirSync(savesDir(env))).toEqual([]);
    expect(text).toContain(file);
    expect(save).toMatch(/^example-new-phone--file-/);
  });

  it('a save found again names the new path and resumes next time without asking', async () => {
    const { env, moved, save } = await savedThenMoved();
    const first = await cli(['resume'], `${moved}\nq\n`, env);
    expect(first.out).toContain('Found it');
    const [now] = readdirSync(savesDir(env));
    expect(now).not.toBe(save);
    expect(JSON.parse(readFileSync(join(savesDir(env), now as string), 'utf8')).scenario).toEqual({ source: 'file', file: moved, id: 'example-new-phone' });
    const again = await cli(['resume'], '', env);
    expect(again.out).not.toContain('has moved');
    expect(again.out).toContain('Continuing where you stopped.');
  });

  it('q, or the end of input, goes back with the save unchanged; a typed path is echoed with its escapes shown', async () => {
    const { env, save, text } = await savedThenMoved();
    const r = await cli(['resume', '--plain'], '/tmp/\u001b]0;pwned\u0007\u001b[2Jx.json\nq\nq\n', env);
    expect(r.out).toContain('Nothing is at "/tmp/\\u001b]0;pwned\\u0007\\u001b[2Jx.json"');
    expect(r.out).not.toContain('\u001b');
    expect(r.out).toContain('Scenario number (q to quit):');
    expect(r.code).toBe(0);
    const ended = await cli(['resume'], '', env);
    expect(ended.out.trimEnd().split('\n').at(-1)).toBe('Input ended before a scenario was chosen.');
    expect(readdirSync(savesDir(env))).toEqual([save]);
    expect(readFileSync(join(savesDir(env), save), 'utf8')).toBe(text);
  });
});

describe('hints name the command that works where the app was started', () => {
  it('follows npm run cli, npx, a path, and an installed command', () => {
    expect(commandName({ npm_lifecycle_event: 'cli' }, ['node', '/x/bin/casa-practice.js'])).toBe('npm run cli --');
    expect(commandName({ npm_command: 'exec', npm_lifecycle_event: 'npx' }, ['node', '/x/node_modules/.bin/casa-practice'])).toBe('npx casa-practice');
    expect(commandName({}, ['node', '/repo/bin/casa-practice.js'], '/repo')).toBe('node bin/casa-practice.js');
    expect(commandName({}, ['node', '/repo/bin/casa-practice.js'], '/elsewhere')).toBe('node /repo/bin/casa-practice.js');
    expect(commandName({}, ['node', '/usr/local/bin/casa-practice'])).toBe('casa-practice');
  });

  it('prints that form after saving', async () => {
    const env = tempEnv();
    expect((await cli(['play', join(SCENARIOS, 'new-phone.json'), '--plain'], '1\n', env)).out).toContain('Continue with: node bin/casa-practice.js resume');
    expect((await cli(['play', join(SCENARIOS, 'new-phone.json'), '--plain'], 'q\n', { ...env, npm_lifecycle_event: 'cli' })).out).toContain('Continue with: npm run cli -- resume');
  });
});
