import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { checkStateFolder } from '../../src/terminal/node/state-store.js';
import { loadPlayable } from '../../src/terminal/scenario-source.js';
import { appElement, KEY, press, renderAt, tempEnv } from './helpers/ink.js';
import { bundledFile } from './helpers/layout.js';

afterEach(() => {
  cleanup();
});

/** The frame's words on one line, the quit prompt's border gone. */
const oneLine = (frame: string) => frame.replace(/[│╭╮╰╯─]/g, ' ').replace(/\s+/g, ' ');

// Found by hostile3-49: XDG_STATE_HOME some 2,200 characters long, through a plain file (so the
// state folder cannot be made). At 60×24 the path took every row: the opening notice pushed the
// scenario's title off the top, and after q "Quit without saving?" and the start of the path
// scrolled off (the prompt was 50 rows). The path is now shortened in the middle where it would not
// fit; whole where it does (quit-unwritable-start.test.tsx).
describe('a state folder with a very long path that cannot be written, at 60×24', () => {
  it('the opening notice and the quit prompt keep their words and keys on screen, the path shortened in the middle', async () => {
    const base = mkdtempSync(join(tmpdir(), 'casa-long-'));
    writeFileSync(join(base, 'afile'), '');
    const segments = Array.from({ length: 200 }, (_, i) => `segment${String(i).padStart(3, '0')}`);
    const env = tempEnv({ XDG_STATE_HOME: join(base, 'afile', ...segments) });
    expect(checkStateFolder(env)).toMatch(/cannot be written \(part of the path is a file, not a folder\)/);
    const playable = loadPlayable(bundledFile('red-flags.json'));
    if ('problems' in playable) throw new Error(playable.problems);
    const { element } = appElement({ env, start: { kind: 'play', playable, showNote: true } });
    const r = await renderAt(element, 60, 24);
    const fits = (frame: string) => {
      const rows = frame.split('\n');
      expect(rows.length).toBeLessThanOrEqual(24);
      expect(Math.max(...rows.map((l) => [...l].length))).toBeLessThanOrEqual(60);
    };
    const shortened = /\/…\/(?:segment\d{3}\/)*segment199\/casa-practice cannot be written/;
    const first = r.lastFrame() ?? '';
    fits(first);
    expect(first.split('\n')[0]).toBe('Progress and records will not be kept this run:');
    expect(oneLine(first)).toMatch(shortened);
    expect(oneLine(first)).toContain(`${base}/`);
    expect(first).toContain('New nails, new phone, new boyfriend');
    expect(first).toContain('Enter: start · q: quit');
    await press(r, KEY.enter, 'q');
    const asked = r.lastFrame() ?? '';
    fits(asked);
    expect(oneLine(asked)).toContain(`Quit without saving? This playthrough cannot be saved: ${base}/`);
    expect(oneLine(asked)).toMatch(shortened);
    expect(oneLine(asked)).toContain('y: quit · n: keep going');
  });
});
