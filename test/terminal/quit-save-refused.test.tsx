import { mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadPlayable } from '../../src/terminal/scenario-source.js';
import { appElement, KEY, press, renderAt, tap, tempEnv } from './helpers/ink.js';
import { bundledFile } from './helpers/layout.js';
import { readOnlyFolder } from './helpers/refusing-fs.js';

// As root a folder made read-only (chmod -R a-w) still takes writes: the refusal a volunteer meets
// there is simulated by node:fs refusing every write into one folder with EACCES.
vi.mock('node:fs', async (importOriginal) => (await import('./helpers/refusing-fs.js')).folderRefusingFs(await importOriginal<typeof import('node:fs')>()));

afterEach(() => {
  readOnlyFolder.path = '';
  cleanup();
});

// eslint-disable-next-line no-control-regex
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/;
/** The frame's words on one line, the quit prompt's border gone. */
const oneLine = (frame: string | undefined) => (frame ?? '').replace(/[│╭╮╰╯─]/g, ' ').replace(/\s+/g, ' ');

/** A playthrough at its second decision at 60×24, whose saves folder then refuses writes (permission denied). */
async function savesLocked(env: NodeJS.ProcessEnv) {
  const { element, exit } = appElement({ env });
  const r = await renderAt(element, 60, 24);
  await press(r, '1', KEY.enter, '1', KEY.enter);
  const saves = join(env.XDG_STATE_HOME as string, 'casa-practice', 'saves');
  readOnlyFolder.path = saves;
  return { r, exit, saves };
}

describe('"save and quit" refused because the state folder stopped being writable mid-scenario', () => {
  it('the "Quit without saving?" asked then says which folder, why, and that y saves once it is writable; it does (at 60×24)', async () => {
    const { r, exit, saves } = await savesLocked(tempEnv());
    await press(r, 'q', 'y');
    expect(exit).not.toHaveBeenCalled();
    const frame = r.lastFrame() ?? '';
    expect(frame).toContain('Quit without saving?');
    // It said only "This playthrough cannot be saved and will be lost.": why came after n, or as the app ended.
    expect(oneLine(frame)).toContain(`Your progress could not be saved: ${saves} cannot be written (permission denied). Make that folder writable, then press y to save after all; otherwise y quits and this playthrough is lost. y: quit · n: keep going`);
    const rows = frame.split('\n');
    expect(rows.length).toBeLessThanOrEqual(24);
    expect(rows[0]).toMatch(/Example: the new phone/);
    expect(Math.max(...rows.map((l) => [...l].length))).toBeLessThanOrEqual(60);
    // The volunteer makes the folder writable, and presses y as the prompt says.
    readOnlyFolder.path = '';
    await tap(r, 'y');
    const [said, code] = exit.mock.calls[0] ?? [];
    expect(said).toMatch(/^Progress saved to/);
    expect(code).toBe(0);
    expect(readdirSync(saves).filter((f) => f.endsWith('.json'))).toHaveLength(1);
  });

  it('on the feedback screen too, and asked again after n; left unwritable, y quits with 74 (at 60×24)', async () => {
    const env = tempEnv();
    const { element, exit } = appElement({ env });
    const r = await renderAt(element, 60, 24);
    await press(r, '1', KEY.enter);
    readOnlyFolder.path = join(env.XDG_STATE_HOME as string, 'casa-practice', 'saves');
    await press(r, '1');
    expect(r.lastFrame()).toContain('Feedback on your reply');
    const words = /Your progress could not be saved: \S+ cannot be written \(permission denied\)\. Make that folder writable, then press y to save after all; otherwise y quits and this playthrough is lost\. y: quit · n: keep going/;
    await press(r, 'q', 'y');
    expect(r.lastFrame()).toContain('Feedback on your reply');
    expect(oneLine(r.lastFrame())).toMatch(words);
    expect(r.lastFrame()!.split('\n').length).toBeLessThanOrEqual(24);
    await press(r, 'n', 'q');
    expect(oneLine(r.lastFrame())).toMatch(words);
    await tap(r, 'y');
    expect(exit.mock.calls[0]?.[0]).toMatch(/^Progress could not be saved/);
    // What to do next time names the folder that refused the save: "make it writable" came after the
    // save file's path, though the folder is what has to take the write (newcomer-48).
    expect(String(exit.mock.calls[0]?.[0]).replace(/\s+/g, ' ')).toContain(`To save your progress next time, make ${join(env.XDG_STATE_HOME as string, 'casa-practice', 'saves')} writable`);
    expect(exit.mock.calls[0]?.[1]).toBe(74);
  });

  it('a long state folder with escapes in its path: shown escaped, whole, and the prompt still fits 60×24 with the status on top', async () => {
    const home = join(mkdtempSync(join(tmpdir(), 'casa-quit-refused-')), 'a rather long folder name for the volunteer\u001b]0;x\u0007', 'state');
    mkdirSync(home, { recursive: true });
    const { r } = await savesLocked(tempEnv({ XDG_STATE_HOME: home }));
    await press(r, 'q', 'y');
    const frame = r.lastFrame() ?? '';
    expect(frame).not.toMatch(RAW);
    expect(oneLine(frame)).toMatch(/Your progress could not be saved: ".*\\u001b]0;x\\u0007.*casa-practice\/saves" cannot be written \(permission denied\)\. Make that folder writable, then press y to save after all; otherwise y quits and this playthrough is lost\. y: quit · n: keep going/);
    const rows = frame.split('\n');
    expect(rows.length).toBeLessThanOrEqual(24);
    expect(rows[0]).toMatch(/Example: the new phone/);
    expect(Math.max(...rows.map((l) => [...l].length))).toBeLessThanOrEqual(60);
  });

  it('over a scene with little room to spare at 60×24, with a long state folder, its rows are counted (quitPromptExtra): nothing scrolls off', async () => {
    const home = join(mkdtempSync(join(tmpdir(), 'casa-quit-refused-')), 'volunteer-practice-state-kept-on-the-shared-drive');
    mkdirSync(home);
    const env = tempEnv({ XDG_STATE_HOME: home });
    const playable = loadPlayable(bundledFile('the-list.json'));
    if ('problems' in playable) throw new Error(playable.problems);
    const { element } = appElement({ env, start: { kind: 'play', playable, showNote: true } });
    const r = await renderAt(element, 60, 24);
    // Past the content note and the first scene, a reply, and on from its feedback to the next scene.
    await press(r, KEY.enter, KEY.enter, '2', KEY.enter);
    expect(r.lastFrame()).toContain('The walk to Garvey');
    readOnlyFolder.path = join(env.XDG_STATE_HOME as string, 'casa-practice', 'saves');
    await press(r, 'q', 'y');
    const rows = (r.lastFrame() ?? '').split('\n');
    expect(oneLine(r.lastFrame())).toMatch(/Your progress could not be saved: .* this playthrough is lost\. y: quit · n: keep going/);
    // The top row is the status: with its title, or (the walk to Garvey grew a line about Ông, so the
    // question no longer fits beside it) without, where the question takes the moment's place until
    // it is answered. Either way nothing scrolled off the top.
    expect(rows[0]).toMatch(/^(The list on Chú Vinh's phone|After 1 of about \d+ decisions)/);
    // One row kept spare, so that the frame never scrolls the terminal.
    expect(rows.length).toBeLessThanOrEqual(23);
    expect(Math.max(...rows.map((l) => [...l].length))).toBeLessThanOrEqual(60);
  });
});
