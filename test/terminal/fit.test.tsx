import { describe, expect, it } from 'vitest';
import { appElement, KEY, playToDebrief, press, renderAt, tempEnv } from './helpers/ink.js';
import { BUNDLED, rows } from './helpers/layout.js';

// Bundled scenarios in the picker's order, and which replies each run tries first.
const RUNS = [1, 2, 3, 4, 5, 6].flatMap((n) => [
  { n, columns: 60, pick: 1 },
  { n, columns: 60, pick: 2 },
  { n, columns: 80, pick: 3 },
]);

describe('every screen fits a 24-row terminal', () => {
  it.each(RUNS)('scenario $n at $columns×24, trying reply $pick first: no frame taller than 24 rows or wider than the terminal', async ({ n, columns, pick }) => {
    const { element } = appElement({ env: tempEnv(), dir: BUNDLED });
    const r = await renderAt(element, columns);
    await press(r, String(n), KEY.enter);
    await playToDebrief(r, pick);
    expect(r.frames.length).toBeGreaterThan(10);
    for (const frame of new Set(r.frames)) {
      const fr = rows(frame);
      expect(fr.length, frame).toBeLessThanOrEqual(24);
      for (const line of fr) expect([...line].length, line).toBeLessThanOrEqual(columns);
    }
    r.unmount();
  }, 30_000);
});
