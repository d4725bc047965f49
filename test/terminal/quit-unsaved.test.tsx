import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { loadPlayable } from '../../src/terminal/scenario-source.js';
import { bundledFile } from './helpers/layout.js';
import { appElement, envWithSave, KEY, press, renderApp, renderAt, tap, tempEnv } from './helpers/ink.js';

afterEach(() => cleanup());

/** A state folder that cannot be written (a file where the folder should be), even for root. */
function unwritableEnv(): NodeJS.ProcessEnv {
  const file = join(mkdtempSync(join(tmpdir(), 'casa-quit-')), 'state');
  writeFileSync(file, 'not a folder');
  return tempEnv({ XDG_STATE_HOME: file });
}

describe('quitting when progress cannot be saved', () => {
  it('q says the playthrough will be lost instead of promising a save, and the last words do not say it is kept', async () => {
    const { element, exit } = appElement({ env: unwritableEnv() });
    const r = await renderApp(element);
    await press(r, '1', KEY.enter, '1');
    await press(r, 'q');
    const prompt = r.lastFrame() ?? '';
    expect(prompt).toContain('Quit without saving?');
    // Why, and which folder (it said only "cannot be saved and will be lost"); y tries the save again.
    expect(prompt.replace(/[│╭╮╰╯─]/g, ' ').replace(/\s+/g, ' ')).toMatch(/This playthrough cannot be saved: \/\S+ cannot be written \(part of the path is a file, not a folder\)\. Move the file state \(in that path\) out of the way, then press y to save after all; otherwise y quits and this playthrough is lost\./);
    expect(prompt).toContain('y: quit · n: keep going');
    expect(prompt).not.toMatch(/Save your progress|Continue later with/);
    await tap(r, 'y');
    const message = exit.mock.calls[0]?.[0] ?? '';
    expect(message).toMatch(/^Progress could not be saved: \/\S+ cannot be written \(.+\)/);
    expect(message).not.toMatch(/kept in memory/);
    expect(message).toMatch(/not kept/);
  });

  it('the key hints of the decision and the feedback say q quits, not that it saves', async () => {
    const { element } = appElement({ env: unwritableEnv() });
    const r = await renderApp(element);
    await press(r, '1', KEY.enter);
    expect(r.lastFrame()).toMatch(/What do you say or do\?/);
    expect(r.lastFrame()).toMatch(/· q: quit$/m);
    await press(r, '1');
    expect(r.lastFrame()).toContain('Feedback on your reply');
    expect(r.lastFrame()).toMatch(/· q: quit$/m);
    expect(r.lastFrame()).not.toContain('save & quit');
  });

  it('at 60×24 the prompt fits the screen whole, with the decision\'s header still on top', async () => {
    const { element } = appElement({ env: unwritableEnv() });
    const r = await renderAt(element, 60, 24);
    await press(r, '1', KEY.enter, 'q');
    const rows = r.lastFrame().split('\n');
    expect(rows.length).toBeLessThanOrEqual(24);
    expect(rows[0]).toMatch(/Decision 1 of about/);
    expect(r.lastFrame().replace(/[│╭╮╰╯─]/g, ' ').replace(/\s+/g, ' ')).toMatch(/This playthrough cannot be saved: \/\S+ cannot be written \(.+\)\. .* this playthrough is lost\./);
    expect(Math.max(...rows.map((l) => [...l].length))).toBeLessThanOrEqual(60);
    r.unmount();
  });

  it('a resumed playthrough says on its "Where you left off" screen that progress and records will not be kept, as a new one does on its content note (at 60×24)', async () => {
    // A save at decision 2, after a reply (the recap has something to show).
    const env = tempEnv();
    const first = await renderApp(appElement({ env }).element);
    await press(first, '1', KEY.enter, '1', KEY.enter, KEY.enter, 'q');
    await tap(first, 'y');
    first.unmount();
    // A folder where the start-up check writes its small file: the state folder refuses it, even for root.
    mkdirSync(join(env.XDG_STATE_HOME as string, 'casa-practice', 'saves', '.write-test'));
    const r = await renderAt(appElement({ env }).element, 60, 24);
    await press(r, 'R');
    const rows = r.lastFrame().split('\n');
    const shown = r.lastFrame().replace(/\s+/g, ' ');
    expect(shown).toContain('Where you left off');
    expect(shown).toMatch(/Progress and records will not be kept this run: \S+ cannot be written \(.+\)\. To keep them, .+ start again with XDG_STATE_HOME set to a folder you can write\./);
    expect(rows.length).toBeLessThanOrEqual(24);
    expect(rows[0]).toMatch(/Decision 2 of about/);
    expect(Math.max(...rows.map((l) => [...l].length))).toBeLessThanOrEqual(60);
    // The way on is still said (the key hints were pushed below the window).
    expect(r.lastFrame()).toMatch(/Enter: (continue|read on) · u: undo · w: who's who · q: quit/);
    r.unmount();
  });

  it('resumed on its first decision (nothing to recap), it says so there, in place of the key hints until the next key (at 60×24)', async () => {
    const env = await envWithSave();
    mkdirSync(join(env.XDG_STATE_HOME as string, 'casa-practice', 'saves', '.write-test'));
    const r = await renderAt(appElement({ env }).element, 60, 24);
    await press(r, 'R');
    const rows = r.lastFrame().split('\n');
    expect(rows[0]).toMatch(/Decision 1 of about/);
    expect(r.lastFrame().replace(/\s+/g, ' ')).toMatch(/Progress and records will not be kept this run: \S+ cannot be written \(.+\)\. To keep them, .+ start again with XDG_STATE_HOME set to a folder you can write\./);
    expect(rows.length).toBeLessThanOrEqual(24);
    expect(Math.max(...rows.map((l) => [...l].length))).toBeLessThanOrEqual(60);
    await press(r, KEY.down);
    expect(r.lastFrame()).not.toContain('Progress and records will not be kept');
    expect(r.lastFrame()).toMatch(/· q: quit$/m);
    r.unmount();
  });

  /** A playthrough at its second decision whose saves folder then turns into a file: every write fails from now on, even for root. */
  async function savesFolderLost() {
    const env = tempEnv();
    const { element, exit } = appElement({ env });
    const r = await renderApp(element);
    await press(r, '1', KEY.enter, '1', KEY.enter);
    const saves = join(env.XDG_STATE_HOME as string, 'casa-practice', 'saves');
    if (existsSync(saves)) rmSync(saves, { recursive: true });
    mkdirSync(join(saves, '..'), { recursive: true });
    writeFileSync(saves, 'not a folder');
    return { r, exit, saves };
  }

  it('a folder that stops being writable during the session does not lose the playthrough on "save and quit": it asks again, and says why when the volunteer keeps going', async () => {
    const { r, exit } = await savesFolderLost();
    await press(r, 'q');
    expect(r.lastFrame()).toContain('Save your progress and quit?');
    await press(r, 'y');
    expect(exit).not.toHaveBeenCalled();
    expect(r.lastFrame()).toContain('Quit without saving?');
    await press(r, 'n');
    expect(r.lastFrame()).not.toContain('Quit without saving?');
    expect((r.lastFrame() ?? '').replace(/\s+/g, ' ')).toMatch(/Progress is not being saved: \S+ cannot be written/);
    await press(r, 'q');
    await tap(r, 'y');
    expect(exit.mock.calls[0]?.[0]).toMatch(/^Progress could not be saved/);
    expect(exit.mock.calls[0]?.[1]).toBe(74);
  });

  it('a folder made writable again after "Quit without saving?" takes the save: saving comes back without a restart', async () => {
    const { r, exit, saves } = await savesFolderLost();
    await press(r, 'q', 'y');
    expect(r.lastFrame()).toContain('Quit without saving?');
    await press(r, 'n');
    // The volunteer makes the folder writable again, then quits.
    rmSync(saves);
    await press(r, 'q');
    await tap(r, 'y');
    const [said, code] = exit.mock.calls[0] ?? [];
    expect(said).toMatch(/^Progress saved to /);
    expect(code).toBe(0);
    expect(readdirSync(saves).filter((f) => f.endsWith('.json'))).toHaveLength(1);
  });

  it('resumed on a scene, the notice keeps the key hints under it: Enter is the only way on there (at 60×24)', async () => {
    // trafficker-contact's first decision leads to a scene each way: saved there, in an assessment
    // (no recap: it opens on the scene). (q saves nothing before a reply is made in the run.)
    const env = tempEnv();
    const playable = loadPlayable(bundledFile('trafficker-contact.json'));
    if ('problems' in playable) throw new Error(playable.problems);
    const first = await renderApp(appElement({ env, mode: 'assessment', start: { kind: 'play', playable, showNote: true } }).element);
    await press(first, KEY.enter, KEY.enter, '1');
    expect(first.lastFrame()).toMatch(/Enter: continue/);
    await press(first, 'q');
    await tap(first, 'y');
    first.unmount();
    mkdirSync(join(env.XDG_STATE_HOME as string, 'casa-practice', 'saves', '.write-test'));
    const r = await renderAt(appElement({ env }).element, 60, 24);
    await press(r, 'R');
    const shown = r.lastFrame().replace(/\s+/g, ' ');
    expect(shown).toMatch(/Progress and records will not be kept this run/);
    expect(shown).not.toMatch(/What do you say or do\?/);
    expect(r.lastFrame()).toMatch(/Enter: continue/);
    const rows = r.lastFrame().split('\n');
    expect(rows.length).toBeLessThanOrEqual(24);
    r.unmount();
  });

  /** A save of the first scenario at decision 1, then a state folder that refuses the start-up check (even for root). */
  async function saveThenUnwritable() {
    const env = await envWithSave();
    const saves = join(env.XDG_STATE_HOME as string, 'casa-practice', 'saves');
    const [file] = readdirSync(saves).filter((f) => f.endsWith('.json'));
    if (file === undefined) throw new Error('no save was written');
    const before = readFileSync(join(saves, file), 'utf8');
    mkdirSync(join(saves, '.write-test'));
    return { env, save: join(saves, file), before };
  }

  const oneLine = (frame: string | undefined) => (frame ?? '').replace(/[│╭╮╰╯─]/g, ' ').replace(/\s+/g, ' ');

  it('started over beside an older save: q says this playthrough is lost but the older save is kept, and that resume opens it (at 60×24)', async () => {
    const { env, save, before } = await saveThenUnwritable();
    const r = await renderAt(appElement({ env }).element, 60, 24);
    // Open the scenario with the save, start over (2), past the content note, one reply, then q.
    await press(r, '1', '2', KEY.enter, '1', 'q');
    const shown = oneLine(r.lastFrame());
    expect(shown).toContain('Quit without saving?');
    // It said "will be lost" alone, as though nothing of this scenario were kept.
    expect(shown).toMatch(/This playthrough cannot be saved: \/\S+ cannot be written \(.+?\)\. .*? this playthrough is lost\. Your earlier save of this scenario \(at decision 1\) is kept as it was\. Continue it with: \S+(?: \S+)? resume/);
    const rows = r.lastFrame().split('\n');
    expect(rows.length).toBeLessThanOrEqual(24);
    // The status on top (the feedback screen shortens it to make room for the prompt, which now says
    // why, which folder and what to do: the scenario's title gives way first, by design).
    expect(rows[0]).toMatch(/Decision 1 of about 2/);
    expect(Math.max(...rows.map((l) => [...l].length))).toBeLessThanOrEqual(60);
    // (Only the start-up check is refused here, so y would still save: the prompt's words are what is tested.)
    expect(readFileSync(save, 'utf8')).toBe(before);
    r.unmount();
  });

  it('resumed from that save: the same words, and with no save at all only that the playthrough is lost', async () => {
    const { env } = await saveThenUnwritable();
    const r = await renderAt(appElement({ env }).element, 60, 24);
    await press(r, 'R', 'q');
    expect(oneLine(r.lastFrame())).toMatch(/this playthrough is lost\. Your earlier save of this scenario \(at decision 1\) is kept as it was\. Continue it with: \S+(?: \S+)? resume/);
    r.unmount();
    const fresh = await renderAt(appElement({ env: unwritableEnv() }).element, 60, 24);
    await press(fresh, '1', KEY.enter, 'q');
    expect(oneLine(fresh.lastFrame())).toMatch(/This playthrough cannot be saved: \/\S+ cannot be written \(.+?\)\. .*? this playthrough is lost\. y: quit · n: keep going/);
    fresh.unmount();
  });

  it('with a writable state folder the prompt still offers to save', async () => {
    const { element } = appElement({ env: tempEnv() });
    const r = await renderApp(element);
    await press(r, '1', KEY.enter);
    expect(r.lastFrame()).toMatch(/· q: save & quit$/m);
    await press(r, '1', 'q');
    expect(r.lastFrame()).toContain('Save your progress and quit?');
    expect(r.lastFrame()).toContain('y: save and quit');
  });
});
