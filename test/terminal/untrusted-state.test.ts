/* eslint-disable no-control-regex -- these patterns exist to find control characters */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, runWithState } from './helpers/cli.js';
import { tempEnv } from './helpers/ink.js';
import { SET_ASIDE_KEEP } from '../../src/machines/light.js';

// Saves and records are untrusted input: whatever they hold, no escape sequence or invisible
// character may reach the terminal, and damaged data is moved aside, never lost or overwritten.
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/;
const HOSTILE = '\u001b]0;pwned\u0007\u001b]52;c;cm0gLXJmIH4=\u0007\u001b[2J\u202eevil';

/** `node bin/casa-practice.js <args>` with piped stdin (so it runs line by line), in this process (see runPiped). */
const cli = runWithState;

function writeState(env: NodeJS.ProcessEnv, key: string, text: string): string {
  const path = join(env.XDG_STATE_HOME as string, 'casa-practice', key);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return path;
}

describe('untrusted saves and records never reach the terminal raw', () => {
  it.each([
    ['a format version', { format: 'casa-practice-terminal-save', formatVersion: HOSTILE, scenarioFile: 'x.json', session: {} }],
    ['a scenario file name', { format: 'casa-practice-terminal-save', formatVersion: 1, scenarioFile: `/nowhere/${HOSTILE}.json`, session: {} }],
    ['a scenario id in the session', { format: 'casa-practice-terminal-save', formatVersion: 1, scenarioFile: 'youth-discloses', session: { format: 'casa-practice-session', formatVersion: 1, scenarioId: HOSTILE, scenarioVersion: 1, snapshot: {} } }],
  ])('resume --plain reports a save whose %s holds escape sequences in clean lines (the sentence, the file it was moved to, what to do) and moves it aside', async (_what, save) => {
    const env = tempEnv();
    writeState(env, 'saves/x.json', JSON.stringify(save));
    const r = await cli(['resume', '--plain'], '', env);
    expect(r.err).toMatch(/^casa-practice: Could not resume: .* The save was moved to the file below \(nothing was deleted\); choose a scenario\.\n/);
    const lines = r.err.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toBe(join(env.XDG_STATE_HOME as string, 'casa-practice', 'saves', readdirSync(join(env.XDG_STATE_HOME as string, 'casa-practice', 'saves'))[0] as string));
    expect(lines[2]).toBe(SET_ASIDE_KEEP);
    expect(r.err).not.toMatch(RAW);
    expect(r.out).not.toMatch(RAW);
    expect(readdirSync(join(env.XDG_STATE_HOME as string, 'casa-practice', 'saves'))[0]).toMatch(/^x\.json\.damaged-/);
  });

  it('a value that is nothing but escape sequences is named with them shown escaped, not cleaned away to ""', async () => {
    // Cleaned, the bundled id read 'The saved scenario "" is not bundled' and the records format
    // 'it uses records format , which': the volunteer saw nothing of what was wrong.
    const env = tempEnv();
    const id = '\u001b[2J\u009b31m\u202e';
    writeState(env, 'saves/x.json', JSON.stringify({ format: 'casa-practice-terminal-save', formatVersion: 1, scenario: { source: 'bundled', id }, session: {} }));
    const resumed = await cli(['resume', '--plain'], '', env);
    expect(resumed.err).toContain('Could not resume: the saved scenario "\\u001b[2J\\u009b31m\\u202e" is not bundled with this version of casa-practice.');
    expect(resumed.err).not.toMatch(RAW);
    writeState(env, 'records.json', JSON.stringify({ format: 'casa-practice-records', formatVersion: id, best: {}, playthroughs: [] }));
    const records = await cli(['records'], '', env);
    expect(records.out + records.err).toMatch(/they use records format\s+"\\u001b\[2J\\u009b31m\\u202e", which\s+this\s+version/);
    expect(records.out + records.err).not.toMatch(RAW);
  });

  // Its message said "not bundled with this version", and the file was named "….damaged-…": a
  // volunteer looking in the folder went looking for a fault that was not there.
  it('a sound save of a scenario this version does not bundle is set aside as outdated, not damaged', async () => {
    const env = tempEnv();
    writeState(env, 'saves/gone.json', JSON.stringify({ format: 'casa-practice-terminal-save', formatVersion: 1, scenario: { source: 'bundled', id: 'a-retired-scenario' }, session: {} }));
    const r = await cli(['resume', '--plain'], '', env);
    expect(r.err).toContain('Could not resume: the saved scenario "a-retired-scenario" is not bundled with this version of casa-practice.');
    expect(readdirSync(join(env.XDG_STATE_HOME as string, 'casa-practice', 'saves'))).toEqual([expect.stringMatching(/^gone\.json\.outdated-\d{4}-/)]);
  });

  it('a save whose scenario file, with escapes in its name, now has errors names that file with them shown, and keeps the save', async () => {
    const env = tempEnv();
    const dir = join(env.XDG_STATE_HOME as string, 'drafts');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'draft\u001b[31m\u202e.json');
    writeFileSync(file, '{}');
    writeFileSync(join(dir, 'draft.json'), '{}');
    const save = { format: 'casa-practice-terminal-save', formatVersion: 1, scenario: { source: 'file', file, id: 'draft' }, session: { format: 'casa-practice-session', formatVersion: 1, scenarioId: 'draft', scenarioVersion: 1, snapshot: {} } };
    const path = writeState(env, 'saves/draft--file-1.json', JSON.stringify(save));
    const r = await cli(['resume', '--plain'], '', env);
    expect(r.err).not.toMatch(RAW);
    // Cleaned, it named draft.json, the file beside it.
    expect(r.err).toContain(`Could not resume: the saved scenario "${join(dir, 'draft\\u001b[31m\\u202e.json')}" now has errors`);
    expect(readFileSync(path, 'utf8')).toBe(JSON.stringify(save));
  });

  it('a save naming a missing scenario file with escapes in its path names that path with them shown, not cleaned into the file beside it', async () => {
    // Cleaned, "draft<ESC>[31m<RLO>.json" read as draft.json, a file that is there.
    const env = tempEnv();
    const dir = join(env.XDG_STATE_HOME as string, 'drafts');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'draft.json'), '{}');
    const file = join(dir, 'draft\u001b[31m\u202e.json');
    // An older save (by "scenarioFile"): a file it names that is gone is reported, not asked for.
    writeState(env, 'saves/x.json', JSON.stringify({ format: 'casa-practice-terminal-save', formatVersion: 1, scenarioFile: file, session: { format: 'casa-practice-session', formatVersion: 1, scenarioId: 'draft', scenarioVersion: 1, snapshot: {} } }));
    const r = await cli(['resume', '--plain'], '', env);
    expect(r.err).not.toMatch(RAW);
    expect(r.err).toContain(`Could not resume: the scenario file "${join(dir, 'draft\\u001b[31m\\u202e.json')}" was moved or deleted`);
    expect(r.err).not.toContain(join(dir, 'draft.json'));
  });

  it('a format version nested thousands deep is named by its kind, and the save, records and room session are set aside as any other', async () => {
    // Quoting it in the message overflowed the stack: "casa-practice: unexpected error: Maximum call
    // stack size exceeded" at every start, the save left to stop the next one too.
    const env = tempEnv();
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    writeState(env, 'saves/youth-discloses.json', `{"format":"casa-practice-terminal-save","formatVersion":${deep}}`);
    const resumed = await cli(['resume', '--plain'], '', env);
    expect(resumed.err).toMatch(/^casa-practice: Could not resume: this save uses format version \[…\], which this version of casa-practice does not read\. The save was moved to /);
    expect(readdirSync(join(env.XDG_STATE_HOME as string, 'casa-practice', 'saves'))[0]).toMatch(/^youth-discloses\.json\.damaged-/);
    writeState(env, 'records.json', `{"format":"casa-practice-records","formatVersion":${deep}}`);
    const records = await cli(['records'], '', env);
    expect(records.out + records.err).toMatch(/^Your completion records were damaged \(they use records format \[…\], which/);
    writeState(env, 'facilitation/red-flags.json', `{"format":"casa-practice-facilitation","formatVersion":${deep}}`);
    const room = await cli(['--facilitate', 'red-flags', '--plain'], '', env);
    expect(room.err).toMatch(/^casa-practice: Could not resume: this trainer-led session uses format version \[…\], which/);
    for (const out of [resumed, records, room]) expect(`${out.out}${out.err}`).not.toContain('unexpected error');
  });

  it('a scenario file named with escape sequences is written into a hint\'s command line escaped as a shell word, never raw', async () => {
    // "To start over instead: … play <file> --new" and "To carry on with this session later: …
    // --facilitate <file>" printed the path as it was, and the terminal acted on its escapes.
    const env = tempEnv();
    const dir = join(env.XDG_STATE_HOME as string, 'd');
    mkdirSync(dir, { recursive: true });
    // Short enough for the hint's line: a longer word is cut across lines, as any long path is.
    const file = join(dir, "it's \u001b]0;x\u0007\u009b2J\u202e.json");
    writeFileSync(file, readFileSync(join(ROOT, 'test/terminal/fixtures/scenarios/new-phone.json')));
    await cli(['play', file, '--plain'], '1\nq\n', env);
    const again = await cli(['play', file, '--plain'], 'q\n', env);
    const facilitated = await cli(['--facilitate', file, '--plain'], '1 0 0\n', env);
    for (const r of [again, facilitated]) expect(`${r.out}${r.err}`).not.toMatch(RAW);
    // A command longer than a line is broken between its words with line continuations: joined as bash joins them.
    const start = / play (\$'\S+') --new/.exec(again.out.replace(/ \\\n +/g, ' ').replace(/\n/g, ' '))?.[1];
    const carry = / --facilitate (\$'\S+')/.exec(facilitated.out.replace(/ \\\n +/g, ' ').replace(/\n/g, ' '))?.[1];
    for (const word of [start, carry]) {
      expect(word).toBeDefined();
      // The word a trainer copies gives the shell the file's name back exactly.
      expect(spawnSync('bash', ['-c', `printf '%s' ${word ?? ''}`], { encoding: 'utf8' }).stdout).toBe(file);
    }
  });

  it('resume --plain asks for a moved scenario file whose saved path and id hold escape sequences in clean words, and keeps the save', async () => {
    const env = tempEnv();
    const save = { format: 'casa-practice-terminal-save', formatVersion: 1, scenario: { source: 'file', file: `/nowhere/${HOSTILE}.json`, id: `x${HOSTILE}` }, session: { format: 'casa-practice-session', formatVersion: 1, scenarioId: 'x', scenarioVersion: 1, snapshot: {} } };
    const path = writeState(env, 'saves/x.json', JSON.stringify(save));
    const r = await cli(['resume', '--plain'], `${import.meta.dirname}\n`, env);
    expect(r.out).toContain('has moved. Type its new path');
    expect(r.out).toContain('has the id "x');
    expect(r.out).not.toMatch(RAW);
    expect(r.err).not.toMatch(RAW);
    expect(readFileSync(path, 'utf8')).toBe(JSON.stringify(save));
  });

  it('a state folder named with escape sequences is named with them shown when progress is saved, never raw', async () => {
    // "Progress saved to <state folder>/saves/…" printed the path as it was: a state folder from the
    // environment holding ESC ] 0 ; … BEL retitled the terminal, a bidi override turned the line.
    const env = tempEnv();
    const state = join(env.XDG_STATE_HOME as string, 'st\u001b]0;x\u0007\u202e');
    const r = await cli(['play', 'test/terminal/fixtures/scenarios/new-phone.json', '--plain'], '1\nq\n', { ...env, XDG_STATE_HOME: state });
    expect(`${r.out}${r.err}`).not.toMatch(RAW);
    expect(r.out.replace(/\n/g, ' ')).toContain(`Progress saved to "${join(env.XDG_STATE_HOME as string, 'st\\u001b]0;x\\u0007\\u202e')}/casa-practice/saves/`);
    expect(readdirSync(join(state, 'casa-practice', 'saves'))).toHaveLength(1);
  });

  it('a state folder named with escape sequences is named with them shown when a damaged save or damaged records are moved aside', async () => {
    // The place was cleaned where it was made (the escapes dropped) before the words that show it
    // escaped: "moved to /tmp/…/state/casa-practice/…" named another folder, one that may exist.
    const env = tempEnv();
    const state = join(env.XDG_STATE_HOME as string, 'st\u001b]0;x\u0007\u202eate');
    const shown = `"${join(env.XDG_STATE_HOME as string, 'st\\u001b]0;x\\u0007\\u202eate')}/casa-practice/`;
    writeState({ XDG_STATE_HOME: state }, 'saves/x.json', '{damaged');
    const resumed = await cli(['resume', '--plain'], '', { ...env, XDG_STATE_HOME: state });
    expect(resumed.err).not.toMatch(RAW);
    expect(resumed.err).toContain('The save was moved to the file below (nothing was deleted)');
    // The path on a line of its own, escaped as every name from the environment is.
    expect(resumed.err.split('\n').some((l) => l.startsWith(`${shown}saves/x.json.damaged-`))).toBe(true);
    writeState({ XDG_STATE_HOME: state }, 'records.json', '{damaged');
    const records = await cli(['records'], '', { ...env, XDG_STATE_HOME: state });
    expect(`${records.out}${records.err}`).not.toMatch(RAW);
    expect(`${records.out}${records.err}`.replace(/\n/g, ' ')).toContain('they were moved to the file below (nothing was deleted)');
    // The path on a line of its own, escaped as every name from the environment is.
    expect(records.out.split('\n').some((l) => l.startsWith(`${shown}records.json.damaged-`))).toBe(true);
  });

  it('a damaged records file is moved aside and reported, not silently overwritten, when a playthrough finishes', async () => {
    const env = tempEnv();
    const damaged = `{"youth-discloses": {"bestPercent": 80, "completions": 2, ${HOSTILE}`;
    writeState(env, 'records.json', damaged);
    const r = await cli(['play', 'test/terminal/fixtures/scenarios/new-phone.json', '--plain'], '1\n1\n', env);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^casa-practice: Your completion records were damaged; they were moved to the file below \(nothing was deleted\) and new records were started\.\n\S*records\.json\.damaged-\S+\ncasa-practice cannot use that file, but you can keep it, or send it to whoever helps you with the app; delete it once you no longer need it\.\n$/);
    expect(r.err).not.toMatch(RAW);
    const dir = join(env.XDG_STATE_HOME as string, 'casa-practice');
    const aside = readdirSync(dir).find((n) => n.startsWith('records.json.damaged-'));
    expect(aside && readFileSync(join(dir, aside), 'utf8')).toBe(damaged);
    const records = JSON.parse(readFileSync(join(dir, 'records.json'), 'utf8'));
    expect(records.best['example-new-phone']).toMatchObject({ completions: 1 });
    // The playthrough itself is kept too, with its mode and the minutes spent (plain mode passes both).
    // A test's run of a second or two is those seconds, not a minute.
    expect(records.playthroughs).toMatchObject([{ scenarioId: 'example-new-phone', mode: 'practice', seconds: expect.any(Number) }]);
    expect(records.playthroughs[0].seconds).toBeLessThan(30);
    expect(records.playthroughs[0]).not.toHaveProperty('minutes');
  });

  it.each([
    ['a named pipe (reading it waited for a writer for ever, deaf to Ctrl-C and SIGTERM)', (path: string) => spawnSync('mkfifo', [path])],
    ['a link to /dev/zero (reading it filled the memory until the program crashed)', (path: string) => symlinkSync('/dev/zero', path)],
  ])('a records file that is %s is reported in one line and replaced by new records; the playthrough ends normally', (_what, make) => {
    const env = tempEnv();
    const dir = join(env.XDG_STATE_HOME as string, 'casa-practice');
    mkdirSync(dir, { recursive: true });
    make(join(dir, 'records.json'));
    // A real process, killed outright if it hangs (a process stuck in a read cannot run its SIGTERM handler).
    const r = spawnSync(BIN[0], [BIN[1], 'play', 'test/terminal/fixtures/scenarios/new-phone.json', '--plain'], {
      cwd: ROOT, env: { PATH: process.env.PATH, HOME: env.XDG_STATE_HOME, ...env }, input: '1\n1\n', encoding: 'utf8', timeout: 20_000, killSignal: 'SIGKILL',
    });
    expect(r.signal).toBeNull();
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('casa-practice: Your completion records could not be read (their file is not a regular file).\n');
    expect(JSON.parse(readFileSync(join(dir, 'records.json'), 'utf8')).playthroughs).toHaveLength(1);
  });
});
