import { copyFileSync, mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandName } from '../../src/terminal/invocation.js';
import { savesDir } from '../../src/terminal/saves.js';
import { ROOT, runPiped } from './helpers/cli.js';
import { SCENARIOS, tempEnv } from './helpers/ink.js';

/** `node bin/casa-practice.js <args>` with piped input, run in this process (see runPiped). */
const cli = (args: string[], input: string, env: NodeJS.ProcessEnv) => runPiped(args, input, { HOME: env.XDG_STATE_HOME, ...env });

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
    const resumed = await cli(['resume'], '', env);
    expect(resumed.err).toContain(`The scenario file ${file} was moved or deleted; open it from where it is now with node bin/casa-practice.js play <file> to continue this save. The save was left where it is`);
    expect(resumed.err.trim().split('\n')).toHaveLength(1);
    expect(readdirSync(savesDir(env))).toEqual(before);
    const reopened = await cli(['play', moved, '--plain'], '', env);
    expect(reopened.out).toContain('Continuing where you stopped (decision 2, saved just now).');
    expect(reopened.out).toContain('-- Decision 2 of about 2');
    // The save now lives in the moved file's slot.
    const after = readdirSync(savesDir(env));
    expect(after).toHaveLength(1);
    expect(after).not.toEqual(before);
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
