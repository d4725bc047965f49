import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { shownFileName } from '../../src/machines/index.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { stateDir } from '../../src/terminal/state.js';
import { CUT_NOTE, exportedInsteadWords, FOLDER_ABOVE, sayFolderOnce } from '../../src/terminal/ui/DebriefScreen.js';
import { backFromDebriefWords } from '../../src/terminal/ui/FacilitateScreen.js';
import { MIN_ROWS } from '../../src/terminal/ui/useScreenSize.js';
import { appElement, KEY, newPhone, press, renderAt, tap, tempEnv, throughEnding } from './helpers/ink.js';
import { rows as frameRows } from './helpers/layout.js';

afterEach(() => cleanup());

// A state folder longer than two rows of 60 columns, and more than a row of 80 (with a space in it).
const LONG = ['Jane Doe', 'a-folder-name-long-enough-to-need', 'two-rows-of-sixty', 'or-three-even-at-eighty-columns-wide'];

/** Fails unless the frame fits a columns × MIN_ROWS terminal: no row wider, one row spare (as fit.test.tsx asks). */
function expectFits(frame: string, columns: number, what: string) {
  const fr = frameRows(frame);
  expect(fr.length, `${what}: ${fr.length} rows\n${frame}`).toBeLessThanOrEqual(MIN_ROWS - 1);
  for (const row of fr) expect([...row].length, `${what}: ${row}`).toBeLessThanOrEqual(columns);
}

const oneLine = (frame: string) => frameRows(frame).join(' ').replace(/\s+/g, ' ');
const folderRows = (frame: string) => frameRows(frame).filter((row) => row.startsWith('(in the state folder') && row !== FOLDER_ABOVE);
/** The state folder named once: on a row of its own, and "(in the state folder above)" only below it. */
function namedOnce(frame: string) {
  const fr = frameRows(frame);
  expect(folderRows(frame), frame).toHaveLength(1);
  const above = fr.indexOf(FOLDER_ABOVE);
  if (above >= 0) expect(fr.indexOf(folderRows(frame)[0] as string)).toBeLessThan(above);
}

describe('the debrief with a long state folder fits 60×24 and 80×24, and says the folder once', () => {
  // A trainer-led debrief says where the summary went (the state folder, a long one on three rows
  // of 60), how the room did and what u does: e then said the folder again, and the frame was
  // 27 rows at 60×24 (31 with a folder this long).
  it.each([60, 80])('trainer-led, at %i columns: on opening, after e, after e again, with s asking; q prints whole what was cut short', async (columns) => {
    const home = join(mkdtempSync(join(tmpdir(), 's')), ...LONG);
    mkdirSync(home, { recursive: true });
    const env = tempEnv({ XDG_STATE_HOME: home });
    const folder = `(in the state folder ${stateDir(env)})`;
    expect(folder.length).toBeGreaterThan(columns);
    const { element, exit } = appElement({ env, start: { kind: 'facilitate', playable: newPhone() } });
    const r = await renderAt(element, columns, MIN_ROWS);
    await press(r, KEY.enter, '4', 'r', '1');
    await press(r, KEY.enter, 'r', '1');
    await throughEnding(r);
    expectFits(r.lastFrame(), columns, 'the debrief');
    // What u (in the help line) does, on the screen whole at every step: at 60×24, after e, it was
    // left out, and read only in the words printed on leaving. Where rows are short, where the
    // summary was written gives way first (printed on leaving all the same), and the export names
    // the state folder itself.
    // (Once e has exported the debrief, they say that it is written again too, at the next ending.)
    let backWords = backFromDebriefWords(2, 'written');
    const onScreen = () => expect(oneLine(r.lastFrame()), r.lastFrame()).toContain(backWords);
    onScreen();
    backWords = backFromDebriefWords(2, 'written', true);
    await press(r, 'e');
    expectFits(r.lastFrame(), columns, 'after e');
    namedOnce(r.lastFrame());
    onScreen();
    await press(r, 'e');
    expectFits(r.lastFrame(), columns, 'after e again');
    namedOnce(r.lastFrame());
    onScreen();
    await press(r, 's');
    expect(r.lastFrame()).toContain('Start a new session');
    expectFits(r.lastFrame(), columns, 'with s asking');
    // (While s asks, u is not offered, and at 60 columns the question's third row leaves no room for
    // what u does; n, and it is back.)
    await press(r, 'n');
    onScreen();
    // How the room did opens the Summary section (not above it) and u's words take two rows: the
    // notice, long folder and all, is no longer cut short here (it was, and said so). Leaving prints
    // where the summary went, the folder whole, all the same.
    expect(frameRows(r.lastFrame())).not.toContain(CUT_NOTE);
    namedOnce(r.lastFrame() ?? '');
    await tap(r, 'q');
    const said = exit.mock.calls[0]?.[0] ?? '';
    expect(said.split('\n')).toContain(folder);
    expect(said).toMatch(/Debrief exported to:\n\S.*debrief-\S+\.md\n/);
    expect(said).toContain('Session summary written to:');
    // Read on the screen, not printed again.
    expect(said).not.toContain('returns to decision 2');
  });

  // Played alone with a state folder that cannot be written: e writes to the folder the app was
  // started in (long too) at once, saying why (a second e wrote there, after the first had failed).
  it.each([60, 80])('played alone, at %i columns, with a long state folder that cannot be written: after e writes elsewhere', async (columns) => {
    const base = join(mkdtempSync(join(tmpdir(), 's')), ...LONG);
    mkdirSync(base, { recursive: true });
    const file = join(base, 'state');
    writeFileSync(file, 'not a folder');
    const pwd = join(base, 'where-the-app-was-started-from-a-long-folder-name-too');
    mkdirSync(pwd);
    const env = tempEnv({ XDG_STATE_HOME: file, PWD: pwd });
    const { element, exit } = appElement({ env, start: { kind: 'play', playable: newPhone(), showNote: false } });
    const r = await renderAt(element, columns, MIN_ROWS);
    await press(r, KEY.enter, '1', KEY.enter, KEY.enter, '1', KEY.enter);
    await throughEnding(r);
    expectFits(r.lastFrame(), columns, 'the debrief');
    await press(r, 'e');
    expect(r.lastFrame()).not.toContain('Could not export to');
    expect((r.lastFrame() ?? '').replace(/\s+/g, ' ')).toContain(exportedInsteadWords(pwd, env));
    expectFits(r.lastFrame(), columns, 'after e wrote elsewhere');
    // Where there is room (80 columns), each path is whole on rows of its own, cut after a "/" (a
    // name whole on the next row) or at the width (pathLineRows): the rows pasted together are the path.
    if (columns === 80) {
      const fr = frameRows(r.lastFrame());
      const from = fr.findIndex((row) => row.endsWith('was started in:')) + 1;
      expect(from).toBeGreaterThan(0);
      const to = fr.findIndex((row, i) => i >= from && row.endsWith('.md'));
      expect(fr.slice(from, to).every((row) => [...row].length <= 80 && (row.endsWith('/') || [...row].length === 80)), fr.join('\n')).toBe(true);
      expect(fr[to]).toMatch(/^example-new-phone-debrief-\S+\.md$/);
      expect(fr.slice(from, to + 1).join('')).toMatch(new RegExp(`^${pwd.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/example-new-phone-debrief-\\S+\\.md$`));
    }
    await press(r, 'e');
    expectFits(r.lastFrame(), columns, 'after e again');
    await tap(r, 'q');
    const said = exit.mock.calls[0]?.[0] ?? '';
    // Leaving names the files as it names a summary there (leavingPath): each name whole on its row,
    // then the folder (their whole paths, longer than the row, broke mid-name).
    expect(said).toMatch(/Debrief exported to:\nexample-new-phone-debrief-\S+\.md\nexample-new-phone-debrief-\S+\.json\n\(in the folder\n/);
    expect(said).toContain(`(in the folder\n${pwd})`);
    // Why nothing was saved, once: the notice's "Progress is not being saved: …" cut short on the
    // screen says what the last line does, and is not printed again.
    expect(said).toMatch(/Nothing was saved in the state folder: /);
    expect(said.split(file).length - 1, said).toBe(1);
  });
});

// Brief term-48 (E): where e wrote outside the state folder (it cannot be written: the folder the app
// was started in), a path longer than the row was cut short on the debrief ("/tmp/…/trainer's fol…
// ebrief-2026-12-06T17-04-22.md") and printed whole only on leaving. It is whole on rows of its
// own, cut at the width only, at 60 and 120 columns: notices that leaving prints anyway give way
// first. A control character in the folder's name is shown escaped, never sent to the terminal.
describe('a long export path on the debrief', () => {
  it.each([[60, 24], [120, 40]])('trainer-led, at %i×%i, written outside the state folder: whole, wrapped, escapes shown', async (columns, rows) => {
    const base = join(mkdtempSync(join(tmpdir(), 's')), 'the trainer\'s folder with a long name for the room sessions', 'of december \u001b[31mred');
    mkdirSync(base, { recursive: true });
    const file = join(base, 'state');
    writeFileSync(file, 'not a folder');
    const env = tempEnv({ XDG_STATE_HOME: file, PWD: base });
    const { element } = appElement({ env, start: { kind: 'facilitate', playable: newPhone() } });
    const r = await renderAt(element, columns, rows);
    await press(r, KEY.enter, '4', 'r', '1');
    await press(r, KEY.enter, 'r', '1');
    await throughEnding(r);
    // The first e writes beside the summary, in the folder the app was started in (facilitate-export-readonly.test).
    await press(r, 'e');
    const frame = r.lastFrame();
    expect(frameRows(frame).length, frame).toBeLessThanOrEqual(rows - 1);
    for (const row of frameRows(frame)) expect([...row].length, row).toBeLessThanOrEqual(columns);
    expect(frame).not.toContain('\u001b');
    const written = readdirSync(base).filter((f) => /-debrief-/.test(f)).sort();
    expect(written).toHaveLength(2);
    const fr = frameRows(frame);
    const from = fr.findIndex((row) => row.endsWith('exported beside the summary:')) + 1;
    expect(from, frame).toBeGreaterThan(0);
    const shown = written.reverse().map((f) => shownFileName(join(base, f)));
    expect(shown[0]).toContain('\\u001b[31mred');
    // Where the summary went is whole too where there is room (at 60×24 it gives way, printed on leaving).
    if (columns === 120) {
      const summary = readdirSync(base).find((f) => /-session-/.test(f)) as string;
      const head = fr.indexOf('The state folder cannot be written, so the session summary was written to:') + 1;
      expect(fr.slice(head, head + 2).join(''), frame).toBe(shownFileName(join(base, summary)));
    }
    // Each path on rows of its own, the rows joined the path exactly: nothing cut out of it.
    let at = from;
    for (const path of shown) {
      const n = Math.ceil([...path].length / columns);
      expect(fr.slice(at, at + n).join(''), frame).toBe(path);
      at += n;
    }
  });
});

// Walkthrough (session 47): at 60×24 the trainer-led debrief had a blank row under its tab line (the
// scrolling section's "more above" row, blank at the top), at 120×40 none, its first words right
// under the tabs. A section that fits with a row to spare has the blank row too; one that fits only
// without it keeps its rows (it does not scroll for a blank row).
describe('a blank row under the debrief\'s tab line at every size', () => {
  it.each([[60, 24], [80, 24], [120, 40]])('trainer-led, at %i×%i', async (columns, rows) => {
    const { element } = appElement({ env: tempEnv(), start: { kind: 'facilitate', playable: newPhone() } });
    const r = await renderAt(element, columns, rows);
    await press(r, KEY.enter, '4', 'r', '1', KEY.enter, '3', 'r', '1');
    await throughEnding(r);
    // Each section in turn (Tab), back to the first.
    for (const tab of ['1', '2', '3', '4']) {
      if (tab !== '1') await press(r, KEY.tab);
      const fr = frameRows(r.lastFrame());
      const tabs = fr.findIndex((row) => row.includes('Summary]') || row.includes(' 1 Summary '));
      expect(tabs, r.lastFrame()).toBeGreaterThan(0);
      expect(fr.length, r.lastFrame()).toBeLessThanOrEqual(rows - 1);
      expect(fr[tabs + 1]?.trim(), `tab ${tab}\n${r.lastFrame()}`).toBe('');
      expect(fr[tabs + 2]?.trim(), `tab ${tab}\n${r.lastFrame()}`).not.toBe('');
    }
  });
});

// Quitting a trainer-led debrief whose export and summary were both written where the app was
// started (the state folder read-only) said "(in the folder <that folder>)" under each, four rows
// apart; facilitate-export-refused.test.tsx plays it through.
describe('sayFolderOnce: a folder outside the state folder, named by leavingPath, is said once', () => {
  const exported = 'Debrief exported to:\na-debrief.md\na-debrief.json';
  it.each([
    ['on one row', '(in the folder /tmp/here)'],
    ['wrapped, the folder on a row of its own', '(in the folder\n/tmp/a folder with spaces long enough to wrap)'],
  ])('%s', (_name, folderWords) => {
    const summary = `The state folder cannot be written, so the session summary was written to:\na-session.md\n${folderWords}`;
    expect(sayFolderOnce([`${exported}\n${folderWords}`, summary])).toEqual([`${exported}\n${folderWords}`, 'The state folder cannot be written, so the session summary was written to:\na-session.md\n(in the folder above)']);
  });
  it('keeps a different folder named, and a file in the state folder as it was', () => {
    const parts = [`${exported}\n(in the folder /tmp/here)`, 'summary:\na-session.md\n(in the folder /tmp/elsewhere)', 'out of date:\nexports/a-session.md\n(in the state folder /tmp/state)'];
    expect(sayFolderOnce(parts)).toEqual(parts);
  });
});
