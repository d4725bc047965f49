import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkStateFolder } from '../../src/terminal/node/state-store.js';
import { EXPORTED_BESIDE_SUMMARY } from '../../src/terminal/ui/DebriefScreen.js';
import { appElement, KEY, newPhone, press, renderAt, tap, tempEnv, throughEnding } from './helpers/ink.js';
import { readOnlyFolder } from './helpers/refusing-fs.js';

// As root a folder made read-only still takes writes: node:fs refuses every write into the state
// folder with EACCES instead (as quit-unwritable-start.test does).
vi.mock('node:fs', async (importOriginal) => (await import('./helpers/refusing-fs.js')).folderRefusingFs(await importOriginal<typeof import('node:fs')>()));

afterEach(() => {
  readOnlyFolder.path = '';
  cleanup();
});

const oneLine = (frame: string | undefined) => (frame ?? '').replace(/\s+/g, ' ');

// Found by term-60: a trainer-led session begun with the state folder read-only wrote its summary to
// the folder the app was started in, and the debrief said so; the first e then tried the state
// folder's exports all the same: "Could not export to …/exports (permission denied). Press e again
// to write it to: <that folder>". The first e writes beside the summary, and says why it is there.
describe('e on a trainer-led debrief where the state folder could not be written from the start', () => {
  it('the first e exports beside the summary, in the folder the app was started in, saying why (60×24)', async () => {
    const here = mkdtempSync(join(tmpdir(), 'casa-here-'));
    const env = tempEnv({ PWD: here });
    readOnlyFolder.path = join(env.XDG_STATE_HOME as string, 'casa-practice');
    expect(checkStateFolder(env)).toMatch(/cannot be written \(permission denied\)/);
    const { element, exit } = appElement({ env, start: { kind: 'facilitate', playable: newPhone() } });
    const r = await renderAt(element, 60, 24);
    await press(r, KEY.enter, '4', 'r', '1', KEY.enter, '3', 'r', '1');
    await throughEnding(r);
    expect(r.lastFrame()).toContain('Debrief: Example: the new phone');
    expect(readdirSync(here)).toEqual([expect.stringMatching(/^example-new-phone-session-.*\.md$/)]);
    await press(r, 'e');
    const frame = oneLine(r.lastFrame());
    expect(frame).not.toContain('Could not export');
    expect(frame).not.toContain('Press e again');
    expect(frame).toContain(EXPORTED_BESIDE_SUMMARY);
    const written = readdirSync(here).sort();
    expect(written).toEqual([expect.stringMatching(/^example-new-phone-debrief-.*\.json$/), expect.stringMatching(/^example-new-phone-debrief-.*\.md$/), expect.stringMatching(/^example-new-phone-session-.*\.md$/)]);
    // A second e says where it is, as anywhere.
    await press(r, 'e');
    expect(oneLine(r.lastFrame())).toContain('Already exported to:');
    // Leaving names the files e wrote; the exit code says nothing failed in the export.
    await tap(r, 'q');
    const [said] = exit.mock.calls[0] ?? [];
    for (const name of written.filter((n) => n.includes('-debrief-'))) expect(oneLine(said)).toContain(name);
  });
});
