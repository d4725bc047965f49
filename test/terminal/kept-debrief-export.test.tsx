import { appendFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { stateDir } from '../../src/terminal/state.js';
import { alreadyExportedFits, eAgainWritesACopy } from './helpers/already-exported.js';
import { appElement, press, renderApp, renderAt, tap, tempEnv } from './helpers/ink.js';

afterEach(() => cleanup());

const oneLine = (frame: string | undefined) => (frame ?? '').replace(/\s+/g, ' ');

/** The debrief exports in the state folder's exports/. */
const exports = (env: NodeJS.ProcessEnv) => readdirSync(join(stateDir(env), 'exports')).filter((f) => f.includes('-debrief-')).sort();

/** The kept debrief's file (one scenario played). */
const keptFile = (env: NodeJS.ProcessEnv) => {
  const dir = join(stateDir(env), 'debriefs');
  return join(dir, readdirSync(dir)[0] as string);
};

/** The new phone played alone to its debrief from the picker, exported there with e, then left (q): the two files. */
async function playedAndExported(env: NodeJS.ProcessEnv): Promise<string[]> {
  const r = await renderApp(appElement({ env }).element);
  await press(r, '1', '\r', '1', '\r', '\r', '1', 'q', 'q');
  expect(r.lastFrame()).toContain('Debrief: Example: the new phone');
  await press(r, 'e');
  expect(r.lastFrame()).toContain('Debrief exported to:');
  await tap(r, 'q');
  cleanup();
  const files = exports(env);
  expect(files).toHaveLength(2);
  return files;
}

/** The kept debrief opened again from the picker with d. */
async function reopened(env: NodeJS.ProcessEnv, columns = 100, rows = 40) {
  const app = appElement({ env });
  const r = await renderAt(app.element, columns, rows);
  await press(r, 'd');
  expect(r.lastFrame()).toContain('Debrief: Example: the new phone');
  return { r, app };
}

// Alone practice: e on the debrief, q, d in the picker and e again wrote a second pair of files for
// the same playthrough without a word (a trainer-led session opened again said "Already exported to:").
describe('e on a kept debrief opened again from the picker', () => {
  it('says the export e wrote of it is saved already, and where, while its files are as written; e again writes another copy', async () => {
    const env = tempEnv();
    const [json, md] = await playedAndExported(env);
    const { r, app } = await reopened(env);
    await press(r, 'e');
    expect(oneLine(r.lastFrame())).toContain(`Already exported to: exports/${md} exports/${json}`);
    expect(oneLine(r.lastFrame())).toContain('e again writes another copy.');
    expect(exports(env)).toEqual([json, md]);
    const copy = await eAgainWritesACopy(r, app.exit, () => exports(env), md as string);
    cleanup();
    // Opened again, it is the copy that is said: the kept debrief notes the export written last.
    const again = await reopened(env);
    await press(again.r, 'e');
    expect(oneLine(again.r.lastFrame())).toContain(`Already exported to: exports/${copy} exports/${copy.replace(/\.md$/, '.json')}`);
    expect(exports(env)).toHaveLength(4);
  });

  it('at 60×24 too, the words fit', async () => {
    const env = tempEnv();
    await playedAndExported(env);
    const { r } = await reopened(env, 60, 24);
    await alreadyExportedFits(r);
  });

  it('changed since on disk: e writes new files and leaves the changed one as it is', async () => {
    const env = tempEnv();
    const [, md] = await playedAndExported(env);
    const path = join(stateDir(env), 'exports', md as string);
    appendFileSync(path, '\nMy notes.\n');
    const changed = readFileSync(path, 'utf8');
    const { r } = await reopened(env);
    await press(r, 'e');
    expect(r.lastFrame()).toContain('Debrief exported to:');
    expect(r.lastFrame()).not.toContain('Already exported');
    expect(exports(env)).toHaveLength(4);
    expect(readFileSync(path, 'utf8')).toBe(changed);
  });

  it('a kept debrief from before exports were noted (no "exported"), or with one that is not an export\'s shape, opens as before and e writes the files', async () => {
    for (const exported of [undefined, { markdown: '/etc/passwd', json: '/etc/passwd', digest: 'x' }]) {
      const env = tempEnv();
      await playedAndExported(env);
      const kept = JSON.parse(readFileSync(keptFile(env), 'utf8')) as Record<string, unknown>;
      expect(kept.exported).toBeDefined();
      delete kept.exported;
      writeFileSync(keptFile(env), JSON.stringify(exported === undefined ? kept : { ...kept, exported }, null, 2));
      const { r } = await reopened(env);
      await press(r, 'e');
      expect(r.lastFrame()).toContain('Debrief exported to:');
      expect(exports(env)).toHaveLength(4);
      cleanup();
    }
  });
});
