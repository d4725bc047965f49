import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { playthroughRecord, recordPlaythrough, type Debrief } from '../../src/machines/index.js';
import { stateStore } from '../../src/terminal/node/state-store.js';
import { recordsCommand } from '../../src/terminal/records-command.js';
import { example, play } from '../machines/core/fixtures.js';
import { tempEnv } from './helpers/ink.js';
import { readOnlyFolder } from './helpers/refusing-fs.js';

// As root a folder made read-only still takes writes: the refusal a volunteer meets in a folder they
// may not write (another user's, a system folder) is simulated by node:fs refusing writes into it.
vi.mock('node:fs', async (importOriginal) => (await import('./helpers/refusing-fs.js')).folderRefusingFs(await importOriginal<typeof import('node:fs')>()));

const now = new Date('2026-03-02T18:00:00Z');

afterEach(() => {
  readOnlyFolder.path = '';
});

describe('casa-practice records --xapi into a folder that cannot be written', () => {
  it('says so in plain words, with the path, and leaves nothing there', () => {
    const env = tempEnv();
    const debrief = play(example, 'practice', ['phone-curious', 'after-supervisor']).getSnapshot().output as Debrief;
    recordPlaythrough(stateStore(env), playthroughRecord(example, debrief, { activeMs: 5 * 60_000, randomBytes: (b) => crypto.getRandomValues(b) }, new Date('2026-03-01T18:00:00Z')), (b) => crypto.getRandomValues(b), now);
    const dir = join(env.XDG_STATE_HOME as string, 'locked');
    mkdirSync(dir);
    readOnlyFolder.path = dir;
    const path = join(dir, 'practice.json');
    let out = '';
    let err = '';
    const code = recordsCommand(['--xapi', path], { out: (t) => void (out += t), err: (t) => void (err += t) }, env, now);
    expect(code).toBe(74);
    expect(err.replace(/\s+/g, ' ')).toBe(`casa-practice: no xAPI file was written to ${path} It cannot be written (permission denied): name a file in a folder you can write to. `);
    expect(err).not.toMatch(/\n\s+at /);
    expect(out).not.toContain('xAPI:');
    expect(existsSync(path)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });
});
