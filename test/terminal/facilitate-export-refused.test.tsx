import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stateDir } from '../../src/terminal/state.js';
import { checkStateFolder } from '../../src/terminal/node/state-store.js';
import { appElement, KEY, newPhone, press, renderApp, renderAt, tap, tempEnv, throughEnding } from './helpers/ink.js';
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
  const r0 = await renderApp(appElement({ env: first, start: { kind: 'facilitate', playable: newPhone() } }).element);
  await press(r0, KEY.enter, '5', 'r', '1', KEY.enter, '9', 'r', '1');
  await throughEnding(r0);
  await press(r0, 'e');
  expect(r0.lastFrame()).toContain('Debrief exported to:');
  await tap(r0, 'q');
  cleanup();
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
  return { r, here, exports: join(stateDir(env), 'exports') };
}

// Left from term-59: opened again finished with the state folder read-only, u's words promised that
// the debrief exported "is written again at the next ending"; there it was refused ("e tries again"),
// e tried the exports folder again and was refused too, and only a third e wrote it where the app
// was started.
describe('a finished trainer-led session opened again, its state folder read-only, the debrief exported at its ending', () => {
  it('u\'s words say the export cannot be written again there and where e writes it at the next ending; there one e writes it', async () => {
    const { r, here, exports } = await reopenedReadOnly(100, 40);
    const before = debriefsIn(exports);
    const said = oneLine(r.lastFrame());
    expect(said).not.toContain('the debrief exported is written again at the next ending');
    expect(said).toContain(`the debrief exported cannot be written again either: e at the next ending writes it there too.`);
    expect(said).toContain(`so a new summary is then written to ${here};`);
    await press(r, 'u', '3');
    await throughEnding(r);
    const ending = oneLine(r.lastFrame());
    expect(ending).toContain(`could not be written again (permission denied). Press e to write it to: ${here}`);
    expect(ending).not.toContain('e tries again');
    // Written again after u from here: not "in the same files" (they could not be written).
    expect(ending).not.toContain('debrief exported are then written again in the same files');
    expect(ending).toContain(`the summary is then written again in the same file; the debrief exported cannot be written again in its folder: e at the next ending writes it to ${here} instead.`);
    expect(debriefsIn(here)).toEqual([]);
    await press(r, 'e');
    expect(oneLine(r.lastFrame())).toContain(`Debrief exported to: ${here}/`);
    expect(debriefsIn(here)).toHaveLength(2);
    expect(debriefsIn(exports)).toEqual(before);
    // Now the files just written go back with the room, and are written again in place.
    expect(oneLine(r.lastFrame())).toContain('the summary and the debrief exported are then written again in the same files.');
  });

  it('at 60×24 the words fit the screen', async () => {
    const { r } = await reopenedReadOnly(60, 24);
    await press(r, 'u', '3');
    await throughEnding(r);
    const frame = r.lastFrame() ?? '';
    expect(oneLine(frame)).toContain('Press e to write it to:');
    const rows = frame.split('\n');
    expect(rows.length).toBeLessThanOrEqual(24);
    for (const row of rows) expect([...row].length, row).toBeLessThanOrEqual(60);
  });
});
