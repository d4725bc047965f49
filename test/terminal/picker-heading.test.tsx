import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { columnsOf } from '../../src/terminal/wrap.js';
import { appElement, renderAt, tempEnv } from './helpers/ink.js';

const BUNDLED = join(import.meta.dirname, '..', '..', 'scenarios');
const flat = (frame: string | undefined) => (frame ?? '').replace(/\s+/g, ' ');
/** The line the first scenario's row is on in a picker frame (-1 where none is). */
const listRow = (frame: string) => frame.split('\n').findIndex((line) => line.startsWith('›  1. '));

let unmount: (() => void) | undefined;
afterEach(() => {
  unmount?.();
  unmount = undefined;
});

/**
 * At 60 columns "casa-practice: choose a scenario for a trainer-led session (checking files…)"
 * took two rows, and one once the files were checked: the list moved up a row a few seconds after
 * the trainer started reading it (an assessment's heading too). The word of the check now has a row
 * that is there whether it is said or not.
 */
describe('the picker heading at 60 columns while its files are checked', () => {
  for (const [name, opts] of [
    ['for a trainer-led session', { start: { kind: 'facilitate' } as const }],
    ['for an assessment', { mode: 'assessment' } as const],
    ['plain practice', {}],
  ] as const) {
    it(`${name}: the list stays on the same row once the files are checked`, async () => {
      const r = await renderAt(appElement({ env: tempEnv(), dir: BUNDLED, ...opts }).element, 60, 24);
      unmount = r.unmount;
      expect(flat(r.frames[0])).toContain('(checking files…)');
      expect(flat(r.lastFrame())).not.toContain('checking files');
      const rows = r.frames.map(listRow).filter((at) => at >= 0);
      expect(rows.length).toBeGreaterThan(1);
      expect(rows.filter((at) => at !== rows[0])).toEqual([]);
      for (const frame of r.frames) for (const line of frame.split('\n')) expect(columnsOf(line)).toBeLessThanOrEqual(60);
    });
  }
});
