import { readdirSync, readFileSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkStateFolder } from '../../src/terminal/node/state-store.js';
import { runPlain } from '../../src/terminal/plain.js';
import { loadPlayable } from '../../src/terminal/scenario-source.js';
import { bundledFile } from './helpers/layout.js';
import { listed, refused } from './helpers/refusing-fs.js';
import { appElement, envWithSave, KEY, newPhone, playToDebrief, press, renderAt, tap, tempEnv } from './helpers/ink.js';

// A state folder that takes no write, as a read-only one (root writes anywhere, so a real read-only
// folder cannot be tested as root): every file written is put in place by a rename, which is refused
// while `refused.on`. What is there already can still be read.
vi.mock('node:fs', async (importOriginal) => (await import('./helpers/refusing-fs.js')).readOnlyFs(await importOriginal<typeof import('node:fs')>()));
afterEach(() => void ((refused.on = false), cleanup()));

const oneLine = (frame: string | undefined) => (frame ?? '').replace(/[│╭╮╰╯─]/g, ' ').replace(/\s+/g, ' ');

/** A state folder with a save of the new-phone example at decision 1, then refusing every write; the save's path and text. */
async function savedThenReadOnly() {
  const env = await envWithSave();
  const saves = join(env.XDG_STATE_HOME as string, 'casa-practice', 'saves');
  const [file] = readdirSync(saves).filter((f) => f.endsWith('.json'));
  if (file === undefined) throw new Error('no save was written');
  const save = join(saves, file);
  return { env, saves, save, before: readFileSync(save, 'utf8') };
}

describe('a state folder that cannot be written, beside a save from before', () => {
  // "Start over (the save is kept until you make your first reply)": the save is never replaced here.
  // And the last words, "…so this playthrough was not kept.", left out the save that is.
  it('the start-over choice says the save stays as it was, and quitting says the earlier save is kept and resume opens it (at 60×24)', async () => {
    const { env, save, before } = await savedThenReadOnly();
    refused.on = true;
    const { element, exit } = appElement({ env });
    const r = await renderAt(element, 60, 24);
    await press(r, '1');
    const choice = oneLine(r.lastFrame());
    expect(choice).toContain('Start over (your save stays as it was, since this playthrough cannot be saved)');
    expect(choice).not.toContain('until you make your first reply');
    const rows = r.lastFrame().split('\n');
    expect(rows.length).toBeLessThanOrEqual(24);
    expect(Math.max(...rows.map((l) => [...l].length))).toBeLessThanOrEqual(60);
    await press(r, '2', KEY.enter, '1', 'q');
    expect(oneLine(r.lastFrame())).toMatch(/this playthrough is lost\. Your earlier save of this scenario \(at decision 1\) is kept as it was\. Continue it with: \S+(?: \S+)? resume/);
    await tap(r, 'y');
    const [said, code] = exit.mock.calls[0] ?? [];
    expect(oneLine(said)).toMatch(/^Progress could not be saved: .+, so this playthrough was not kept\. To save your progress next time, make it writable \(or set XDG_STATE_HOME to a folder you can write\)\. Your earlier save of this scenario \(at decision 1\) is kept as it was\. Continue it with: \S+(?: \S+)? resume$/);
    expect(code).toBe(74);
    expect(readFileSync(save, 'utf8')).toBe(before);
  });

  // The prompt's words about the earlier save come from the saves folder, which was listed (and
  // its saves read) again at every redraw while the prompt was open: each resize read the disk.
  it('the quit prompt reads the saves folder once as it opens, not again when a resize redraws it', async () => {
    const { env, saves } = await savedThenReadOnly();
    refused.on = true;
    const r = await renderAt(appElement({ env }).element, 60, 24);
    await press(r, '1', '2', KEY.enter, '1');
    const readsOfSaves = () => listed.filter((folder) => folder === saves).length;
    const before = readsOfSaves();
    await press(r, 'q');
    expect(oneLine(r.lastFrame())).toMatch(/this playthrough is lost\. Your earlier save of this scenario \(at decision 1\) is kept as it was/);
    const opened = readsOfSaves();
    expect(opened).toBeGreaterThan(before);
    const frames = r.frames.length;
    await r.resize(80, 24);
    await r.resize(60, 30);
    // Redrawn at each size, with the same words, and the folder not read again.
    expect(r.frames.length).toBeGreaterThan(frames);
    expect(oneLine(r.lastFrame())).toMatch(/this playthrough is lost\. Your earlier save of this scenario \(at decision 1\) is kept as it was/);
    expect(readsOfSaves()).toBe(opened);
  });

  it('when the earlier save is not the newest (another scenario saved since), the prompt and the last words say opening this scenario again offers it, not resume', async () => {
    const { env, save, before } = await savedThenReadOnly();
    // Another scenario saved later: resume opens that one.
    const other = loadPlayable(bundledFile('trafficker-contact.json'));
    if ('problems' in other) throw new Error(other.problems);
    const hour = (Date.now() - 3_600_000) / 1000;
    utimesSync(save, hour, hour);
    const second = appElement({ env, start: { kind: 'play', playable: other, showNote: true } });
    const s = await renderAt(second.element, 80, 24);
    // Past its opening scene, a reply made (q saves nothing before one is made in the run).
    await press(s, KEY.enter, KEY.enter, '1', 'q');
    expect(s.lastFrame()).toContain('Save your progress and quit?');
    await tap(s, 'y');
    s.unmount();
    expect(readdirSync(join(save, '..')).filter((f) => f.endsWith('.json'))).toHaveLength(2);

    refused.on = true;
    const { element, exit } = appElement({ env });
    const r = await renderAt(element, 60, 24);
    await press(r, '1', '2', KEY.enter, '1', 'q');
    const prompt = oneLine(r.lastFrame());
    expect(prompt).toMatch(/this playthrough is lost\. Your earlier save of this scenario \(at decision 1\) is kept as it was: opening this scenario again offers that one\./);
    expect(prompt).not.toMatch(/resume opens/);
    const rows = r.lastFrame().split('\n');
    expect(rows.length).toBeLessThanOrEqual(24);
    expect(Math.max(...rows.map((l) => [...l].length))).toBeLessThanOrEqual(60);
    await tap(r, 'y');
    expect(oneLine(exit.mock.calls[0]?.[0])).toMatch(/so this playthrough was not kept\. To save your progress next time, make it writable \(or set XDG_STATE_HOME to a folder you can write\)\. Your earlier save of this scenario \(at decision 1\) is kept as it was: opening this scenario again offers that one\.$/);
    expect(readFileSync(save, 'utf8')).toBe(before);
  });

  it('line by line, --new says the save stays as it was rather than until the first reply', async () => {
    const { env, save, before } = await savedThenReadOnly();
    refused.on = true;
    checkStateFolder(env);
    let said = '';
    const keys = ['1', 'q'];
    await runPlain({ playable: newPhone(), mode: 'practice', io: { out: (t) => (said += t), err: (t) => (said += t) }, env, width: 200, readLine: async () => keys.shift(), origin: 'started-over' });
    expect(said).toContain('Starting over: your save stays as it was, since this playthrough cannot be saved.');
    expect(said).not.toContain('until you make your first reply');
    expect(readFileSync(save, 'utf8')).toBe(before);
  });
});

describe('a state folder that cannot be written, beside a trainer-led session kept from before', () => {
  // "Start over (the session in progress is replaced once the room votes)": nothing is written
  // here, so the kept session is never replaced.
  it('start over and start a new session say the kept session stays as it was (at 60×24)', async () => {
    const env = tempEnv();
    const first = await renderAt(appElement({ env, start: { kind: 'facilitate', playable: newPhone() } }).element, 60, 24);
    await press(first, KEY.enter, '7', 'q');
    await tap(first, 'y');
    cleanup();
    const kept = readdirSync(join(env.XDG_STATE_HOME as string, 'casa-practice'), { recursive: true }).map(String).filter((f) => f.endsWith('.json'));
    expect(kept.length).toBeGreaterThan(0);
    refused.on = true;
    const r = await renderAt(appElement({ env, start: { kind: 'facilitate', playable: newPhone() } }).element, 60, 24);
    await press(r, KEY.enter);
    const choice = oneLine(r.lastFrame());
    expect(choice).toContain('You have a trainer-led session of this scenario in progress.');
    expect(choice).toContain('Start over (the session in progress stays as it was, since this session cannot be saved)');
    expect(choice).not.toContain('replaced once the room votes');
    const rows = r.lastFrame()?.split('\n') ?? [];
    expect(rows.length).toBeLessThanOrEqual(24);
    expect(Math.max(...rows.map((l) => [...l].length))).toBeLessThanOrEqual(60);
    cleanup();
    // A finished session: its debrief is kept, not "until you start a new one".
    refused.on = false;
    const done = tempEnv();
    const run = await renderAt(appElement({ env: done, start: { kind: 'facilitate', playable: newPhone() } }).element, 60, 24);
    await press(run, KEY.enter, 'r', '1', KEY.enter, 'r', '1');
    cleanup();
    refused.on = true;
    const again = await renderAt(appElement({ env: done, start: { kind: 'facilitate', playable: newPhone() } }).element, 60, 24);
    await press(again, KEY.enter);
    const finished = oneLine(again.lastFrame());
    expect(finished).toContain('finished here: its debrief is kept.');
    expect(finished).toContain('Start a new session (the finished one stays as it was, since this session cannot be saved)');
  });
});

describe('a state folder made read-only during a playthrough', () => {
  // chmod -R a-w on the state folder mid-scenario: the debrief said it twice, and in two ways,
  // "Your records were not updated: …/records.json cannot be written (…); this finished scenario is
  // kept in memory only and will be missing from your records after you quit." above "Not added to
  // your records: the state folder cannot be written. To have a finish counted, make … writable and
  // play again." (8 rows of 24 at 60×24). What failed is said once, and what to do by the line under it.
  it('the debrief says once that the finish is not in the records, and what would have it counted (at 60×24)', async () => {
    const env = tempEnv();
    const { element } = appElement({ env, start: { kind: 'play', playable: newPhone(), showNote: true } });
    const r = await renderAt(element, 60, 24);
    await press(r, KEY.enter);
    refused.on = true;
    await playToDebrief(r);
    const said = oneLine(r.lastFrame());
    expect(said).toMatch(/Not added to your records: the state folder cannot be written\. To have a finish counted, .+ and play again\./);
    expect(said).toMatch(/Your records were not updated: \S+records\.json cannot be written \(the disk is read-only\)\. Not added/);
    expect(said).not.toContain('will be missing from your records after you quit');
    expect(said).not.toContain('kept in memory only');
  });
});
