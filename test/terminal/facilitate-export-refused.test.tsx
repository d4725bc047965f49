import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runFacilitatePlain } from '../../src/terminal/facilitate-plain.js';
import { stateDir } from '../../src/terminal/state.js';
import { checkStateFolder } from '../../src/terminal/node/state-store.js';
import { appElement, KEY, newPhone, press, renderAt, tap, tempEnv, throughEnding } from './helpers/ink.js';
import { newPhoneFinishedAndExported } from './helpers/already-exported.js';
import { readOnlyFolder } from './helpers/refusing-fs.js';

// As root a folder made read-only still takes writes: node:fs refuses every write into one folder
// with EACCES instead (as test/terminal/kept-room-unwritable.test.tsx does).
vi.mock('node:fs', async (importOriginal) => (await import('./helpers/refusing-fs.js')).folderRefusingFs(await importOriginal<typeof import('node:fs')>()));

afterEach(() => {
  readOnlyFolder.path = '';
  cleanup();
});

const oneLine = (frame: string | undefined) => (frame ?? '').replace(/\s+/g, ' ');

/** The debrief exports (not the session summaries) in `dir`. */
const debriefsIn = (dir: string) => readdirSync(dir).filter((f) => f.includes('-debrief-')).sort();

/**
 * A trainer-led session of the new phone finished and its debrief exported there with e (the state
 * folder writable), then opened again by a new process in a copy of that state folder, which now
 * takes no writes, started in a folder of its own (where e writes then).
 */
async function reopenedReadOnly(columns: number, rows: number) {
  const first = tempEnv();
  await newPhoneFinishedAndExported(first);
  const here = mkdtempSync(join(tmpdir(), 'casa-here-'));
  const env = tempEnv({ PWD: here });
  cpSync(stateDir(first), stateDir(env), { recursive: true, preserveTimestamps: true });
  // The kept session names its export by its whole path: in the copy, the copy's files (as if the
  // same folder had been made read-only; this process keeps what it knows of a folder by its path).
  for (const name of readdirSync(stateDir(env), { recursive: true, encoding: 'utf8' }).filter((n) => n.endsWith('.json') && !n.startsWith('exports'))) {
    const path = join(stateDir(env), name);
    writeFileSync(path, readFileSync(path, 'utf8').replaceAll(stateDir(first), stateDir(env)));
  }
  readOnlyFolder.path = stateDir(env);
  expect(checkStateFolder(env)).toMatch(/cannot be written \(permission denied\)/);
  const app = appElement({ env, start: { kind: 'facilitate', playable: newPhone() } });
  const r = await renderAt(app.element, columns, rows);
  await press(r, KEY.enter, KEY.enter);
  expect(r.lastFrame()).toContain('Debrief: Example: the new phone');
  return { r, app, here, env, exports: join(stateDir(env), 'exports') };
}

// Left from term-59: opened again finished with the state folder read-only, u's words promised that
// the debrief exported "is written again at the next ending"; there it was refused ("e tries again"),
// e tried the exports folder again and was refused too, and only a third e wrote it where the app
// was started. It is written there now at the next ending, where the summary goes, as u says.
describe('a finished trainer-led session opened again, its state folder read-only, the debrief exported at its ending', () => {
  it('u\'s words say the export cannot be written again there but where it goes; at the next ending it is written there', async () => {
    const { r, here, exports } = await reopenedReadOnly(100, 40);
    const before = debriefsIn(exports);
    const said = oneLine(r.lastFrame());
    expect(said).not.toContain('the debrief exported is written again at the next ending');
    expect(said).toContain(`so a new summary is then written to ${here}; the debrief exported cannot be written again either, so it is then written there too.`);
    await press(r, 'u', '3');
    await throughEnding(r);
    const ending = oneLine(r.lastFrame());
    expect(ending).toContain(`Debrief exported for this ending (the earlier export's folder takes no writes now, so it is left as it is): ${here}/`);
    expect(ending).not.toContain('e tries again');
    expect(debriefsIn(here)).toHaveLength(2);
    expect(debriefsIn(exports)).toEqual(before);
    // Now the files just written go back with the room, and are written again in place.
    expect(ending).toContain('the summary and the debrief exported are then written again in the same files.');
    await press(r, 'e');
    expect(oneLine(r.lastFrame())).toContain(`Already exported to: ${here}/`);
    expect(debriefsIn(here)).toHaveLength(2);
  });

  it('at 60×24 the words fit the screen; q names each file once', async () => {
    const { r, here, app } = await reopenedReadOnly(60, 24);
    for (const row of (r.lastFrame() ?? '').split('\n')) expect([...row].length, row).toBeLessThanOrEqual(60);
    await press(r, 'u', '3');
    await throughEnding(r);
    const frame = r.lastFrame() ?? '';
    expect(oneLine(frame)).toContain('Debrief exported for this ending (the earlier export\'s folder takes no writes now, so it is left as it is):');
    // Each file on rows of its own, broken only after its folder.
    expect(frame.split('\n').filter((row) => row === `${here}/`)).toHaveLength(2);
    const rows = frame.split('\n');
    expect(rows.length).toBeLessThanOrEqual(24);
    for (const row of rows) expect([...row].length, row).toBeLessThanOrEqual(60);
    // The summary's path, cut short on the screen, is named by the words leaving prints (its name, then
    // its folder): it was printed again after them, whole, with the out-of-date one, as two bare lines.
    expect(oneLine(frame)).toContain('/…ession-');
    await tap(r, 'q');
    const left = (app.exit.mock.calls[0]?.[0] ?? '') as string;
    const [summary] = readdirSync(here).filter((f) => f.includes('-session-'));
    // Both written where the app was started: the folder named once, after the debrief's files
    // ("(in the folder <here>)" was said again under the summary, four rows below).
    expect(left).toContain(`${summary}\n(in the folder above)`);
    expect(left.split(`(in the folder ${here})`)).toHaveLength(2);
    // (The out-of-date summary in exports/ may have the same name, written in the same second.)
    expect(left.split('\n').filter((row) => row.endsWith(summary as string) && !row.startsWith('exports/'))).toHaveLength(1);
    expect(left.split('\n').filter((row) => row.includes('-session-'))).toHaveLength(2);
    // The debrief exported there named so too, each name whole on its row (its whole path, longer
    // than the row, was broken by the terminal mid-name: "…-01-30-13." over "md").
    const [json, md] = debriefsIn(here);
    expect(left).toContain(`Debrief exported to:\n${md}\n${json}\n(in the folder ${here})`);
  });

  it('line by line: u\'s words say where the export goes, and at the next ending it is written there', async () => {
    const { here, exports, env } = await reopenedReadOnly(100, 40);
    cleanup();
    const before = debriefsIn(exports);
    const lines = ['u', 'r', '1', ''];
    let out = '';
    await runFacilitatePlain({ playable: newPhone(), io: { out: (t) => (out += t), err: (t) => (out += t) }, env, width: 100, readLine: async () => lines.shift() });
    const said = oneLine(out);
    // (Written where it can be written again, the next u says it is: the files named after it.)
    expect(said.indexOf('The debrief exported at this ending is written again then too.')).toBeGreaterThan(said.indexOf('Debrief exported for this ending'));
    expect(said).toContain(`The debrief exported at this ending cannot be written again in its folder, so it is then written to ${here} too. Type u to go back;`);
    expect(said).toContain(`Debrief exported for this ending (the earlier export's folder takes no writes now, so it is left as it is): ${here}/`);
    expect(said).not.toContain('pressing e there exports it');
    expect(debriefsIn(here)).toHaveLength(2);
    expect(debriefsIn(exports)).toEqual(before);
  });
});
