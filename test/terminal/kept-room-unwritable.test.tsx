import { cpSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { localDate, localTime } from '../../src/machines/index.js';
import { runFacilitatePlain } from '../../src/terminal/facilitate-plain.js';
import { checkStateFolder } from '../../src/terminal/node/state-store.js';
import { loadPlayable } from '../../src/terminal/scenario-source.js';
import { appElement, KEY, press, renderAt, tempEnv } from './helpers/ink.js';
import { bundledFile } from './helpers/layout.js';
import { readOnlyFolder } from './helpers/refusing-fs.js';

// As root a folder made read-only still takes writes: node:fs refuses every write into one folder
// with EACCES instead (as test/terminal/quit-unwritable-start.test.tsx does).
vi.mock('node:fs', async (importOriginal) => (await import('./helpers/refusing-fs.js')).folderRefusingFs(await importOriginal<typeof import('node:fs')>()));

afterEach(() => {
  readOnlyFolder.path = '';
  cleanup();
});

const oneLine = (text: string) => text.replace(/\s+/g, ' ');

const youthDiscloses = () => {
  const playable = loadPlayable(bundledFile('youth-discloses.json'));
  if ('problems' in playable) throw new Error(playable.problems);
  return playable;
};

/**
 * A trainer-led session whose state folder stopped taking writes mid-session: kept at decision 2,
 * after which the room went on to decision 3 (refused). Returns its state folder and when the kept
 * session was saved, as the session's file says.
 */
let made: { home: string; savedAt: string; here: string } | undefined;
async function stoppedMidSession() {
  if (made) return made;
  const here = mkdtempSync(join(tmpdir(), 'casa-here-'));
  const env = tempEnv({ PWD: here });
  const folder = join(env.XDG_STATE_HOME as string, 'casa-practice');
  const lines = ['3 1 0', 'r', '1', '2 2 0', 'r', '2', 'q'];
  await runFacilitatePlain({ playable: youthDiscloses(), io: { out: () => undefined, err: () => undefined }, env, width: 200, readLine: async () => {
    if (lines.length === 4) readOnlyFolder.path = folder;
    return lines.shift();
  } });
  readOnlyFolder.path = '';
  const [file] = readdirSync(join(folder, 'facilitation'));
  const savedAt = (JSON.parse(readFileSync(join(folder, 'facilitation', file as string), 'utf8')) as { session: { savedAt: string } }).session.savedAt;
  made = { home: env.XDG_STATE_HOME as string, savedAt, here };
  return made;
}

/**
 * Next time: the same state folder (a copy, so this process has not seen it), unwritable now or not;
 * started in another folder than the session before, or (`samePlace`) in the one it was started in,
 * where its summary went as it stopped.
 */
async function nextTime(unwritable: boolean, samePlace = false) {
  const { home, savedAt, here } = await stoppedMidSession();
  const env = tempEnv({ PWD: samePlace ? here : mkdtempSync(join(tmpdir(), 'casa-here-')) });
  const folder = join(env.XDG_STATE_HOME as string, 'casa-practice');
  cpSync(join(home, 'casa-practice'), folder, { recursive: true });
  if (unwritable) {
    readOnlyFolder.path = folder;
    expect(checkStateFolder(env)).toMatch(/cannot be written \(permission denied\)/);
  } else expect(checkStateFolder(env)).toBeUndefined();
  const words = `Kept as it was at decision 2 (${localDate(savedAt)} ${localTime(savedAt)}): if the room went on after that, what followed was not saved.`;
  return { env, words, first: here };
}

describe('a trainer-led session offered again whose state folder cannot be written now', () => {
  it('full screen: under "Continue at decision 2" it says the session is kept as it was then, and that what followed was not saved (60×24)', async () => {
    const { env, words } = await nextTime(true);
    const { element } = appElement({ env, start: { kind: 'facilitate', playable: youthDiscloses() } });
    const r = await renderAt(element, 60, 24);
    // Past the content note.
    await press(r, KEY.enter);
    const frame = r.lastFrame() ?? '';
    const said = oneLine(frame);
    expect(said).toContain('Continue at decision 2, with the room\'s votes and the summary so far');
    expect(said.indexOf(oneLine(words))).toBeGreaterThan(said.indexOf('Continue at decision 2'));
    expect(said.indexOf(oneLine(words))).toBeLessThan(said.indexOf('2. Start over'));
    const rows = frame.split('\n');
    expect(rows.length).toBeLessThanOrEqual(24);
    expect(Math.max(...rows.map((l) => [...l].length))).toBeLessThanOrEqual(60);
  });

  it('full screen, carried on and stopped at once: q says the session is not kept (the copy on disk is the one from before)', async () => {
    const { env } = await nextTime(true);
    const { element } = appElement({ env, start: { kind: 'facilitate', playable: youthDiscloses() } });
    const r = await renderAt(element, 60, 24);
    await press(r, KEY.enter, '1', 'q');
    const said = oneLine(r.lastFrame() ?? '');
    // (At 60×24 in its short form, where the whole would push the moment out of view: trainer-52.)
    expect(said).toMatch(/Stop now\? (The session is not kept:|Not kept \(permission denied\))/);
    expect(said).not.toMatch(/can be written again|Kept to carry on/);
  });

  // Started in another folder than the session before, whose summary went to the folder that one
  // was started in as it stopped: the session keeps that folder (RoomProgress.summaryDir), so the
  // summary is found and named there, by its whole path (term-51: nothing was said of it, and
  // carried on, the session wrote a second summary for itself in the exports folder).
  it('full screen, the folder writable, started elsewhere: under "Kept as it was" it names the summary written since, by its whole path (120×40)', async () => {
    const { env, words, first } = await nextTime(false);
    const { element } = appElement({ env, start: { kind: 'facilitate', playable: youthDiscloses() } });
    const r = await renderAt(element, 120, 40);
    await press(r, KEY.enter);
    const said = oneLine(r.lastFrame() ?? '');
    expect(said).toContain('Continue at decision 2, with the room\'s votes and the summary so far');
    expect(said).toContain(oneLine(words));
    expect(said).toContain(`A summary of this session written since then is: ${join(first, readdirSync(first)[0] as string)}`);
  });

  for (const unwritable of [true, false]) {
    it(`line by line, started elsewhere, the folder ${unwritable ? 'unwritable' : 'writable'}: after "Continuing the trainer-led session kept at decision 2" it says it is kept as it was, and names the summary written since`, async () => {
      const { env, words, first } = await nextTime(unwritable);
      const lines = ['q'];
      let out = '';
      await runFacilitatePlain({ playable: youthDiscloses(), io: { out: (t) => (out += t), err: (t) => (out += t) }, env, width: 200, readLine: async () => lines.shift() });
      const said = oneLine(out);
      const continuing = said.indexOf('Continuing the trainer-led session kept at decision 2, with the room\'s votes and the summary so far.');
      expect(continuing).toBeGreaterThanOrEqual(0);
      expect(said.indexOf(words)).toBeGreaterThan(continuing);
      expect(said).toContain(`A summary of this session written since then is: ${join(first, readdirSync(first)[0] as string)}`);
    });
  }
});

// Walked in tmux (term2-50, youth-discloses at 60×24 and 120×40, a real read-only bind mount): the
// folder made read-only mid-session, then the window closed (SIGHUP). Its summary went to the folder
// the app was started in, and opened again there the offer said only "what followed was not saved"
// (and, the folder writable again by then, nothing at all). The summary is found there now (one of
// the scenario written since the session was kept that holds each decision it followed) and named.
describe('a trainer-led session offered again where the summary of it written since is, in the folder the app starts in', () => {
  const laterIn = (here: string) => {
    const [file] = readdirSync(here);
    return join(here, file as string);
  };
  for (const unwritable of [true, false]) {
    it(`full screen, the folder ${unwritable ? 'unwritable' : 'writable again'}: under "Kept as it was" it names that summary, its path whole on its rows (60×24)`, async () => {
      const { env, words } = await nextTime(unwritable, true);
      const later = laterIn(env.PWD as string);
      const { element } = appElement({ env, start: { kind: 'facilitate', playable: youthDiscloses() } });
      const r = await renderAt(element, 60, 24);
      await press(r, KEY.enter);
      const frame = r.lastFrame() ?? '';
      const said = oneLine(frame);
      expect(said).toContain(oneLine(words));
      expect(said.indexOf('A summary of this session written since then is:')).toBeGreaterThan(said.indexOf(oneLine(words)));
      expect(said.indexOf('A summary of this session written since then is:')).toBeLessThan(said.indexOf('2. Start over'));
      // Its rows joined are the path (cut at the width only).
      expect(frame.split('\n').map((row) => row.trim()).join('')).toContain(later);
      const rows = frame.split('\n');
      expect(rows.length).toBeLessThanOrEqual(24);
      expect(Math.max(...rows.map((l) => [...l].length))).toBeLessThanOrEqual(60);
    });
  }

  it('line by line: after "Kept as it was" it names that summary, its path on a line of its own', async () => {
    const { env, words } = await nextTime(false, true);
    const later = laterIn(env.PWD as string);
    const lines = ['q'];
    let out = '';
    await runFacilitatePlain({ playable: youthDiscloses(), io: { out: (t) => (out += t), err: (t) => (out += t) }, env, width: 200, readLine: async () => lines.shift() });
    expect(oneLine(out)).toContain(words);
    expect(out).toContain(`A summary of this session written since then is:\n${later}\n`);
  });
});
