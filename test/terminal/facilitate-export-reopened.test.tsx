import { appendFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { EXPORTED_AGAIN } from '../../src/terminal/export.js';
import { runFacilitatePlain } from '../../src/terminal/facilitate-plain.js';
import { stateDir } from '../../src/terminal/state.js';
import { alreadyExportedFits, eAgainWritesACopy, newPhoneFinishedAndExported } from './helpers/already-exported.js';
import { appElement, KEY, newPhone, press, renderAt, tempEnv, throughEnding } from './helpers/ink.js';

afterEach(() => cleanup());

const oneLine = (frame: string | undefined) => (frame ?? '').replace(/\s+/g, ' ');

/** The debrief exports in the state folder's exports/ (not the session summary). */
const debriefs = (env: NodeJS.ProcessEnv) => readdirSync(join(stateDir(env), 'exports')).filter((f) => f.includes('-debrief-')).sort();

/** A trainer-led session of the new phone taken to its ending, its debrief exported there with e, then left (q). */
async function finishedAndExported(env: NodeJS.ProcessEnv): Promise<string[]> {
  await newPhoneFinishedAndExported(env);
  const files = debriefs(env);
  expect(files).toHaveLength(2);
  return files;
}

/** The finished session opened again (Enter past the content note, Enter on "Open the finished session"). */
async function reopened(env: NodeJS.ProcessEnv, columns = 100, rows = 40) {
  const app = appElement({ env, start: { kind: 'facilitate', playable: newPhone() } });
  const r = await renderAt(app.element, columns, rows);
  await press(r, KEY.enter, KEY.enter);
  expect(r.lastFrame()).toContain('Debrief: Example: the new phone');
  return { r, app };
}

// Left from term-48: a finished session opened again, e wrote a second pair of files for the very
// debrief its ending had exported (the session keeps that export: `exported`), without a word.
describe('e in a finished trainer-led session opened again', () => {
  it('its ending\'s export, unchanged on disk, is said to be saved already and where; e again writes another copy, asked for', async () => {
    const env = tempEnv();
    const [json, md] = await finishedAndExported(env);
    const { r, app } = await reopened(env);
    await press(r, 'e');
    // (The state folder is named once on the screen: the notice above names it, with the summary.)
    expect(oneLine(r.lastFrame())).toContain(`Already exported to: exports/${md} exports/${json} (in the state folder above) e again writes another copy.`);
    expect(debriefs(env)).toEqual([json, md]);
    // Leaving names the copy written in this run.
    await eAgainWritesACopy(r, app.exit, () => debriefs(env), md as string);
  });

  it('at 60×24 too, the words fit', async () => {
    const env = tempEnv();
    await finishedAndExported(env);
    const { r } = await reopened(env, 60, 24);
    await alreadyExportedFits(r);
  });

  // Walked in tmux (term-49): opened again, u's words said only that the summary is written again,
  // where the ending's export is written again too at the next ending (as just after the ending).
  it('u\'s words say the debrief exported is written again too, as just after the ending, and it is', async () => {
    const env = tempEnv();
    const [json, md] = await finishedAndExported(env);
    const { r } = await reopened(env);
    expect(oneLine(r.lastFrame())).toContain('u: the room returns to decision 2, revealed with its votes; the summary and the debrief exported are then written again in the same files.');
    await press(r, 'u', '3');
    await throughEnding(r);
    expect(oneLine(r.lastFrame())).toContain(`Debrief export written again for this ending: exports/${md} exports/${json}`);
    expect(debriefs(env)).toEqual([json, md]);
  });

  it('changed since on disk: not this ending\'s export as written, so e writes new files and leaves the changed one as it is', async () => {
    const env = tempEnv();
    const [, md] = await finishedAndExported(env);
    const path = join(stateDir(env), 'exports', md as string);
    appendFileSync(path, '\nNotes from the room.\n');
    const changed = readFileSync(path, 'utf8');
    const { r } = await reopened(env);
    await press(r, 'e');
    expect(r.lastFrame()).toContain('Debrief exported to:');
    expect(r.lastFrame()).not.toContain('Already exported');
    expect(debriefs(env)).toHaveLength(4);
    expect(readFileSync(path, 'utf8')).toBe(changed);
  });
});

// Walked in tmux (term-49, --plain at 80 columns): opened again finished, u and a branch to the
// ending wrote the export again and named its files by their whole paths, which the terminal broke
// mid-name ("…T19-33" / "-35.md"), where the summary above them is named within the state folder.
describe('line by line, the export written again at the next ending', () => {
  it('is named as the summary is, each file whole on its row at 60 columns, the state folder once', async () => {
    const env = tempEnv();
    const [json, md] = await finishedAndExported(env);
    const lines = ['u', 'r', '1', ''];
    let out = '';
    await runFacilitatePlain({ playable: newPhone(), io: { out: (t) => (out += t), err: (t) => (out += t) }, env, width: 60, terminalWidth: () => 60, readLine: async () => lines.shift() });
    // Before u: that the export goes back with the room too, as the full-screen words say it.
    expect(out.replace(/\s+/g, ' ')).toContain('when the session ends or stops. The debrief exported at this ending is written again then too. Type u to go back;');
    const rows = out.split('\n');
    const at = rows.indexOf(EXPORTED_AGAIN);
    expect(at, out).toBeGreaterThan(-1);
    expect(rows.slice(at + 1, at + 4)).toEqual([`exports/${md}`, `exports/${json}`, expect.stringMatching(/^\(in the state folder/)]);
    for (const row of rows.slice(at, at + 6)) expect([...row].length, row).toBeLessThanOrEqual(60);
  });
});
