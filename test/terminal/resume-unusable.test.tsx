import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { savesDir } from '../../src/terminal/saves.js';
import { columnsOf } from '../../src/terminal/wrap.js';
import { appElement, envWithSave, KEY, press, renderAt, SCENARIOS, tap, tempEnv } from './helpers/ink.js';
import { editSavedTrust, NEW_PHONE_SAVE } from './helpers/slots.js';

// As root a file without read permission is still read: node:fs here refuses to open the files in
// `refuse.read` (EACCES, as for another user), and to rename those in `refuse.rename` (a folder
// that takes no rename), the rest as it is.
const refuse = vi.hoisted(() => ({ read: new Set<string>(), rename: new Set<string>() }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const denied = (what: string) => Object.assign(new Error(`EACCES: permission denied, ${what}`), { code: 'EACCES' });
  return {
    ...fs,
    openSync: ((path: Parameters<typeof fs.openSync>[0], flags?: Parameters<typeof fs.openSync>[1], mode?: Parameters<typeof fs.openSync>[2]) => {
      if (refuse.read.has(String(path))) throw denied('open');
      return fs.openSync(path, flags ?? 'r', mode);
    }) as typeof fs.openSync,
    renameSync: ((from: Parameters<typeof fs.renameSync>[0], to: Parameters<typeof fs.renameSync>[1]) => {
      if (refuse.rename.has(String(from))) throw denied('rename');
      fs.renameSync(from, to);
    }) as typeof fs.renameSync,
  };
});
afterEach(() => {
  refuse.read.clear();
  refuse.rename.clear();
  cleanup();
});

const flat = (frame: string | undefined) => (frame ?? '').replace(/\s+/g, ' ');
const OTHER = 'example-other.json';

/** A state folder with a sound save of the new-phone example, an hour old, and `other`'s text as the newest save (the one R opens). */
async function beside(other: string) {
  const env = await envWithSave();
  const sound = join(savesDir(env), NEW_PHONE_SAVE);
  const soundText = readFileSync(sound, 'utf8');
  utimesSync(sound, new Date(Date.now() - 3_600_000), new Date(Date.now() - 3_600_000));
  const newest = join(savesDir(env), OTHER);
  writeFileSync(newest, other);
  return { env, sound, soundText, newest };
}

/** Each row fits 60 columns, and the frame 24 rows with one to spare. */
function fits(frame: string) {
  for (const row of frame.split('\n')) expect(columnsOf(row)).toBeLessThanOrEqual(60);
  expect(frame.split('\n').length).toBeLessThanOrEqual(23);
}

describe('a latest save that R cannot resume is offered as what R does with it (60x24)', () => {
  // Found by the term-55 pass: a save with no read permission was offered as "A saved session is
  // waiting: press R to resume it."; R said it could not be read and left it there, offered again.
  it('one that cannot be read is offered as such; R sets it aside unchanged, says why, and then offers the sound save', async () => {
    const { env, sound, soundText, newest } = await beside('{"format": "casa-practice-terminal-save"}');
    refuse.read.add(newest);
    const r = await renderAt(appElement({ env }).element, 60, 24);
    expect(flat(r.lastFrame())).toContain('Your latest save cannot be read: R sets it aside, says why.');
    expect(flat(r.lastFrame())).toContain('R: set save aside');
    expect(flat(r.lastFrame())).not.toContain('A saved session is waiting');
    fits(r.lastFrame());
    await press(r, 'R');
    expect(flat(r.lastFrame())).toMatch(/Could not resume: your latest save could not be read \(permission denied\)\. The save was moved to [^;]*example-other\.json\.damaged-\S+; choose a scenario\./);
    refuse.read.clear();
    const aside = readdirSync(savesDir(env)).filter((f) => f.startsWith(`${OTHER}.`));
    expect(aside).toEqual([expect.stringMatching(/^example-other\.json\.damaged-/)]);
    expect(readFileSync(join(savesDir(env), aside[0] as string), 'utf8')).toBe('{"format": "casa-practice-terminal-save"}');
    // The sound save is untouched, offered, and R resumes it.
    expect(readFileSync(sound, 'utf8')).toBe(soundText);
    expect(flat(r.lastFrame())).toContain('A saved session is waiting: press R to resume it.');
    await press(r, 'R');
    expect(flat(r.lastFrame())).toContain('Example: the new phone · Decision 1 of about 2');
    r.unmount();
  });

  it('one that cannot be read nor moved: R says so and why, leaves it as it was, and offers it no more', async () => {
    const { env, newest } = await beside('{"format": "casa-practice-terminal-save"}');
    refuse.read.add(newest);
    refuse.rename.add(newest);
    const r = await renderAt(appElement({ env }).element, 60, 24);
    await press(r, 'R');
    expect(flat(r.lastFrame())).toMatch(/Could not resume: your latest save could not be read \(permission denied\)\. .*could not be moved aside \(permission denied\)/);
    expect(readdirSync(savesDir(env)).sort()).toEqual([OTHER, NEW_PHONE_SAVE].sort());
    refuse.read.clear();
    expect(readFileSync(newest, 'utf8')).toBe('{"format": "casa-practice-terminal-save"}');
    expect(flat(r.lastFrame())).toContain('A saved session is waiting: press R to resume it.');
    r.unmount();
  });

  // Opened with Enter, an unreadable save was left in place unsaid, and the new run's first save
  // was renamed over it (the folder lets a file be replaced whatever the file's own permissions).
  it('opening the scenario of one that cannot be read sets it aside, says so above the content note, and the new run saves beside it', async () => {
    const env = tempEnv();
    mkdirSync(savesDir(env), { recursive: true });
    const file = join(savesDir(env), NEW_PHONE_SAVE);
    writeFileSync(file, '{"kept": "as it was"}');
    refuse.read.add(file);
    const { element, exit } = appElement({ env });
    const r = await renderAt(element, 60, 24);
    await press(r, '1');
    expect(flat(r.lastFrame())).toMatch(/Your saved progress in this scenario could not be read \(permission denied\)\. The save was moved to the file below \(nothing was deleted\); a new playthrough starts\. \S.*\.damaged-/);
    refuse.read.clear();
    const [aside] = readdirSync(savesDir(env));
    expect(aside).toMatch(/\.damaged-/);
    await press(r, KEY.enter, '1', KEY.enter, 'q');
    await tap(r, 'y');
    expect(exit.mock.calls[0]?.[0]).toMatch(/^Progress saved to/);
    expect(readdirSync(savesDir(env)).sort()).toEqual([NEW_PHONE_SAVE, aside].sort());
    expect(readFileSync(join(savesDir(env), aside as string), 'utf8')).toBe('{"kept": "as it was"}');
    r.unmount();
  });

  // Its scenario's version raised since (a trainer edited the file): it read as sound, was offered as
  // waiting, and R then said it was made with an older version and set it aside.
  it('one made with an earlier version of its scenario is offered as such; R sets it aside as outdated and says why', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sc'));
    copyFileSync(join(SCENARIOS, 'new-phone.json'), join(dir, 'new-phone.json'));
    const env = tempEnv();
    const first = await renderAt(appElement({ env, dir }).element, 60, 24);
    // A reply made and undone (q saves nothing before one is made or undone in the run).
    await press(first, '1', KEY.enter, '1', 'u', 'q');
    await tap(first, 'y');
    first.unmount();
    const scenario = JSON.parse(readFileSync(join(dir, 'new-phone.json'), 'utf8')) as { version: number };
    writeFileSync(join(dir, 'new-phone.json'), JSON.stringify({ ...scenario, version: scenario.version + 1 }, null, 2));
    const [save] = readdirSync(savesDir(env));
    const before = readFileSync(join(savesDir(env), save as string), 'utf8');
    const r = await renderAt(appElement({ env, dir }).element, 60, 24);
    expect(flat(r.lastFrame())).toContain('Your latest save is outdated: R sets it aside and says why.');
    expect(flat(r.lastFrame())).not.toContain('A saved session is waiting');
    fits(r.lastFrame());
    await press(r, 'R');
    expect(flat(r.lastFrame())).toMatch(/Could not resume: this save was made with an older version of the scenario "example-new-phone" \(version 1; it is now version 2\).* The save was moved to/);
    const aside = readdirSync(savesDir(env));
    expect(aside).toEqual([expect.stringMatching(/\.outdated-/)]);
    expect(readFileSync(join(savesDir(env), aside[0] as string), 'utf8')).toBe(before);
    r.unmount();
  });

  it('one whose values were edited is offered as damaged; R sets it aside and says why', async () => {
    const env = await envWithSave();
    const file = join(savesDir(env), NEW_PHONE_SAVE);
    editSavedTrust(file, 95);
    const r = await renderAt(appElement({ env }).element, 60, 24);
    expect(flat(r.lastFrame())).toContain('Your latest save is damaged: R sets it aside and says why.');
    expect(flat(r.lastFrame())).not.toContain('A saved session is waiting');
    await press(r, 'R');
    expect(flat(r.lastFrame())).toContain('Could not resume: the saved progress is damaged (its values do not match its replies). The save was moved to');
    expect(readdirSync(savesDir(env))).toEqual([expect.stringMatching(/\.damaged-/)]);
    r.unmount();
  });
});
