import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { savesDir } from '../../src/terminal/saves.js';
import { ROOT } from './helpers/cli.js';
import { appElement, KEY, press, renderApp, renderAt, SCENARIOS, settle, tap, tempEnv } from './helpers/ink.js';

afterEach(() => cleanup());

/** Every save file and its text. */
const savesNow = (env: NodeJS.ProcessEnv) => Object.fromEntries(readdirSync(savesDir(env)).map((f) => [f, readFileSync(join(savesDir(env), f), 'utf8')]));

/**
 * A trainer's copy of the new-phone fixture, played into the scene after the first decision and
 * saved with q; then the copy is moved to another folder (as a USB stick mounted elsewhere). Returns
 * the frame before quitting, where the copy is now, and that folder.
 */
async function savedThenMoved() {
  const env = tempEnv();
  const dir = mkdtempSync(join(tmpdir(), 'casa-stick-a-'));
  copyFileSync(join(SCENARIOS, 'new-phone.json'), join(dir, 'new-phone.json'));
  const { element } = appElement({ env, dir });
  const r = await renderApp(element);
  await press(r, '1', KEY.enter, '1', KEY.enter);
  const before = r.lastFrame() ?? '';
  expect(before).toContain('My boyfriend got it for me');
  await press(r, 'q');
  await tap(r, 'y');
  r.unmount();
  cleanup();
  const stick = mkdtempSync(join(tmpdir(), 'casa-stick-b-'));
  const file = join(stick, 'training', 'new-phone.json');
  mkdirSync(join(stick, 'training'));
  renameSync(join(dir, 'new-phone.json'), file);
  return { env, dir, before, stick, file, folder: join(stick, 'training') };
}

/**
 * Pastes text into the path (one chunk, as a terminal sends a paste) and waits until all of it is
 * on screen: the app hands its characters to the screen one at a time, each drawn before the next.
 */
async function paste(r: Parameters<typeof press>[0] & { lastFrame: () => string | undefined }, text: string) {
  const shown = () => /^Path: (.*)▏$/m.exec(r.lastFrame() ?? '')?.[1] ?? '';
  const start = shown();
  r.stdin.write(text);
  for (let i = 0; i < 2 * text.length && shown() !== start + text; i++) await settle(r);
  expect(shown()).toBe(start + text);
}

const flat = (frame: string | undefined) => (frame ?? '').replace(/\s+/g, ' ');

describe('a save whose scenario file moved', () => {
  it('R asks where the file is now; a wrong path, another scenario and another version are said, and Esc goes back with the save unchanged', async () => {
    const { env, dir, folder } = await savedThenMoved();
    const saves = savesNow(env);
    copyFileSync(join(SCENARIOS, 'new-phone.json'), join(folder, 'newer.json'));
    writeFileSync(join(folder, 'newer.json'), readFileSync(join(folder, 'newer.json'), 'utf8').replace('"version": 1', '"version": 4'));
    const r = await renderApp(appElement({ env, dir }).element);
    await press(r, 'R');
    expect(flat(r.lastFrame())).toContain(`The file "${join(dir, 'new-phone.json')}" has moved. Your save has 1 reply made`);
    expect(r.lastFrame()).toContain('Esc: back to the scenarios');

    await paste(r, '/no/such/place.json');
    await press(r, KEY.enter);
    expect(flat(r.lastFrame())).toContain('Nothing is at "/no/such/place.json"; check the path and try again.');

    // q and b are letters while a path is typed (q goes back only with nothing typed); Backspace and Ctrl-U erase.
    // What was said of the last path goes as soon as the path changes: it stayed while another was typed.
    await press(r, KEY.backspace, KEY.backspace);
    expect(flat(r.lastFrame())).not.toContain('Nothing is at');
    await press(r, 'q', 'b');
    expect(r.lastFrame()).toContain('Path: /no/such/place.jsqb');
    await press(r, '\u0015');
    expect(r.lastFrame()).toMatch(/^Path: ▏$/m);

    // A file with errors is validated as validate does, and its first problem shown.
    await paste(r, join(SCENARIOS, 'broken.json'));
    await press(r, KEY.enter);
    expect(flat(r.lastFrame())).toMatch(/broken\.json" has \d+ errors?, so it cannot be played\. See why with: .*validate \S*broken\.json/);
    expect(r.lastFrame()).toMatch(/broken\.json:\d+:\d+/);
    await press(r, '\u0015');
    await paste(r, join(folder, 'newer.json'));
    await press(r, KEY.enter);
    expect(flat(r.lastFrame())).toContain(`The save is for version 1 of "example-new-phone"; the file "${join(folder, 'newer.json')}" is version 4`);

    await press(r, '\u0015');
    await paste(r, join(ROOT, 'scenarios', 'youth-discloses.json'));
    await press(r, KEY.enter);
    expect(flat(r.lastFrame())).toContain('youth-discloses.json" is "What Kiara tells you" (id "youth-discloses"), not the scenario of this save ("example-new-phone").');

    await press(r, '\u001b');
    expect(r.lastFrame()).toContain('choose a scenario');
    // Its file not in the list (moved), the save was not replayed: not claimed to be waiting (RESUME_UNLISTED_LINE).
    expect(flat(r.lastFrame())).toContain('R tries to resume your latest save (a scenario not listed).');
    expect(savesNow(env)).toEqual(saves);
  });

  it('a folder lists its files with the save\'s id and their versions; the one of the save\'s version is highlighted and resumes exactly where it stopped, and the save names it from then on', async () => {
    const { env, dir, before, file, folder } = await savedThenMoved();
    const saves = savesNow(env);
    writeFileSync(join(folder, 'copy-v2.json'), readFileSync(file, 'utf8').replace('"version": 1', '"version": 2'));
    copyFileSync(join(ROOT, 'scenarios', 'youth-discloses.json'), join(folder, 'other.json'));
    const r = await renderApp(appElement({ env, dir }).element);
    await press(r, 'R');
    await paste(r, folder);
    await press(r, KEY.enter);
    const list = r.lastFrame() ?? '';
    expect(list).toContain('   1. copy-v2.json (version 2; the save is for version 1)');
    // The file of the save's version is highlighted.
    expect(list).toContain('›  2. new-phone.json (version 1)');
    expect(list).not.toContain('other.json');

    await press(r, '1');
    expect(flat(r.lastFrame())).toContain('The save is for version 1 of "example-new-phone"');
    expect(savesNow(env)).toEqual(saves);

    await press(r, KEY.enter);
    // Saved on the scene the first reply led to: that reply's feedback first, then Enter opens the scene as it stood.
    expect(r.lastFrame()).toContain('Where you left off');
    await press(r, KEY.enter);
    expect(r.lastFrame()).toBe(before);
    const [name, ...others] = readdirSync(savesDir(env));
    expect(others).toEqual([]);
    expect(Object.keys(saves)).not.toContain(name);
    const moved = JSON.parse(readFileSync(join(savesDir(env), name as string), 'utf8'));
    expect(moved.scenario).toEqual({ source: 'file', file, id: 'example-new-phone' });
    expect(moved.session).toEqual(JSON.parse(Object.values(saves)[0] as string).session);
  });

  it('opened by "resume" at 60×24, a pasted path resumes; every line fits, and q with nothing typed goes back', async () => {
    const { env, before, file } = await savedThenMoved();
    const { readSave } = await import('../../src/terminal/saves.js');
    const found = readSave(env);
    if (found.kind !== 'bad' || !found.missing) throw new Error('expected a save whose file moved');
    const back = await renderAt(appElement({ env, start: { kind: 'locate', missing: found.missing } }).element, 60, 24);
    for (const line of back.lastFrame().split('\n')) expect([...line].length).toBeLessThanOrEqual(60);
    expect(back.lastFrame()).toContain('Find the scenario file');
    await press(back, 'q');
    expect(back.lastFrame()).toContain('choose a scenario');
    back.unmount();

    const r = await renderApp(appElement({ env, start: { kind: 'locate', missing: found.missing } }).element);
    // A paste arrives as one chunk, quoted as a file manager copies it.
    // Quoted, as a file manager copies a path.
    await paste(r, `'${file}'`);
    await press(r, KEY.enter);
    expect(r.lastFrame()).toContain('Where you left off');
    await press(r, KEY.enter);
    expect(r.lastFrame()).toBe(before);
  });
});

describe('a path as typed or pasted', () => {
  it('is taken relative to where the app started, without a file manager\'s quotes, with ~, file:// and escaped spaces understood', async () => {
    const { typedPath } = await import('../../src/terminal/locate.js');
    const home = mkdtempSync(join(tmpdir(), 'casa-home-'));
    mkdirSync(join(home, 'my stick'));
    const env = { HOME: home };
    expect(typedPath('  ', env, '/work')).toBeUndefined();
    expect(typedPath('""', env, '/work')).toBeUndefined();
    expect(typedPath('training/a.json', env, '/work')).toBe('/work/training/a.json');
    expect(typedPath(" '/media/usb/a.json' ", env, '/work')).toBe('/media/usb/a.json');
    expect(typedPath('"/media/usb/a b.json"', env, '/work')).toBe('/media/usb/a b.json');
    expect(typedPath('~/a.json', env, '/work')).toBe(join(home, 'a.json'));
    expect(typedPath('file:///media/usb/a%20b.json', env, '/work')).toBe('/media/usb/a b.json');
    // A shell-escaped space (a file dragged into a terminal) when the path as typed is not there.
    expect(typedPath('~/my\\ stick', env, '/work')).toBe(join(home, 'my stick'));
    expect(typedPath('/nowhere/a\\ b.json', env, '/work')).toBe('/nowhere/a\\ b.json');
  });
});

describe('a folder looked in', () => {
  it('names its files and itself with hidden characters shown escaped, so two files that look alike are told apart', async () => {
    // Cleaned, "draft.json" and "draft<ZWSP>.json" were listed as two "draft.json", and a folder
    // named with an escape sequence was named as the folder beside it.
    const { lookFor } = await import('../../src/terminal/locate.js');
    const base = mkdtempSync(join(tmpdir(), 'casa-look-'));
    const folder = join(base, 'drafts\u001b[31m');
    mkdirSync(folder);
    const scenario = readFileSync(join(ROOT, 'test/terminal/fixtures/scenarios/new-phone.json'));
    writeFileSync(join(folder, 'draft.json'), scenario);
    writeFileSync(join(folder, 'draft\u200b.json'), scenario);
    const { id, version } = JSON.parse(scenario.toString('utf8')) as { id: string; version: number };
    const look = lookFor({ key: 'saves/x.json', file: join(base, 'gone.json'), id, version }, folder, { HOME: base });
    expect(look.kind).toBe('folder');
    if (look.kind !== 'folder') return;
    expect(look.files.map((f) => f.name).sort()).toEqual(['"draft\\u200b.json"', 'draft.json']);
    expect(look.folder).toBe(folder);
  });
});
