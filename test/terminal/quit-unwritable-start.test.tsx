import { join } from 'node:path';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkStateFolder } from '../../src/terminal/node/state-store.js';
import { loadPlayable } from '../../src/terminal/scenario-source.js';
import { appElement, KEY, newPhone, press, renderAt, tap, tempEnv } from './helpers/ink.js';
import { bundledFile } from './helpers/layout.js';
import { readOnlyFolder } from './helpers/refusing-fs.js';

// As root a folder made read-only (chmod -R a-w) still takes writes: the refusal a volunteer meets
// there is simulated by node:fs refusing every write into one folder with EACCES.
vi.mock('node:fs', async (importOriginal) => (await import('./helpers/refusing-fs.js')).folderRefusingFs(await importOriginal<typeof import('node:fs')>()));

afterEach(() => {
  readOnlyFolder.path = '';
  cleanup();
});

/** The frame's words on one line, the quit prompt's border gone. */
const oneLine = (frame: string | undefined) => (frame ?? '').replace(/[│╭╮╰╯─]/g, ' ').replace(/\s+/g, ' ');

/** A state folder that refuses every write from the start, checked as `run` checks it before the app opens. */
function readOnlyFromStart() {
  const env = tempEnv();
  const folder = join(env.XDG_STATE_HOME as string, 'casa-practice');
  readOnlyFolder.path = folder;
  expect(checkStateFolder(env)).toMatch(/cannot be written \(permission denied\)/);
  return { env, folder };
}

describe('q where the state folder could not be written from the start', () => {
  // It said only "This playthrough cannot be saved and will be lost.": not why, nor which folder,
  // where a folder made read-only mid-scenario was named, with why and what to do (quitRetryWords).
  it('practice, full screen: "Quit without saving?" names the folder and why, and y saves once it is writable (60×24)', async () => {
    const { env, folder } = readOnlyFromStart();
    const { element, exit } = appElement({ env, start: { kind: 'play', playable: newPhone(), showNote: true } });
    const r = await renderAt(element, 60, 24);
    await press(r, KEY.enter, '1', KEY.enter, 'q');
    const frame = r.lastFrame() ?? '';
    expect(frame).toContain('Quit without saving?');
    // The folder, why and what to do as the start notice said them (here the saves folder is the one to open).
    expect(oneLine(frame)).toContain(`This playthrough cannot be saved: ${folder} cannot be written (permission denied). Make ${folder}/saves writable, then press y to save after all; otherwise y quits and this playthrough is lost. y: quit · n: keep going`);
    const rows = frame.split('\n');
    expect(rows.length).toBeLessThanOrEqual(24);
    expect(Math.max(...rows.map((l) => [...l].length))).toBeLessThanOrEqual(60);
    // As the words say: made writable, y saves.
    readOnlyFolder.path = '';
    await tap(r, 'y');
    expect(exit.mock.calls[0]?.[0]).toMatch(/^Progress saved to/);
    expect(exit.mock.calls[0]?.[1]).toBe(0);
  });

  it('trainer-led, full screen: "Stop now?" names the folder that refused and why (60×24)', async () => {
    const { env, folder } = readOnlyFromStart();
    const playable = loadPlayable(bundledFile('youth-discloses.json'));
    if ('problems' in playable) throw new Error(playable.problems);
    const { element } = appElement({ env, start: { kind: 'facilitate', playable } });
    const r = await renderAt(element, 60, 24);
    await press(r, KEY.enter, '3', 'q');
    const frame = r.lastFrame() ?? '';
    expect(oneLine(frame)).toContain(`Stop now? The session is not kept: ${folder} cannot be written (permission denied); its summary is written to`);
    const rows = frame.split('\n');
    expect(rows.length).toBeLessThanOrEqual(24);
    expect(rows[0]).toContain('What Kiara tells you');
    expect(Math.max(...rows.map((l) => [...l].length))).toBeLessThanOrEqual(60);
  });
});
