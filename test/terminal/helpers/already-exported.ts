import { cleanup } from 'ink-testing-library';
import { expect } from 'vitest';
import { appElement, KEY, newPhone, press, renderApp, tap, throughEnding, type Typable } from './ink.js';

/** In `env`, a trainer-led session of the new phone taken to its ending, its debrief exported there with e, then left (q). */
export async function newPhoneFinishedAndExported(env: NodeJS.ProcessEnv): Promise<void> {
  const r = await renderApp(appElement({ env, start: { kind: 'facilitate', playable: newPhone() } }).element);
  await press(r, KEY.enter, '5', 'r', '1', KEY.enter, '9', 'r', '1');
  await throughEnding(r);
  await press(r, 'e');
  expect(r.lastFrame()).toContain('Debrief exported to:');
  await tap(r, 'q');
  cleanup();
}

/**
 * A debrief opened again whose export is on disk as written (alone practice: kept-debrief-export;
 * trainer-led: facilitate-export-reopened): e says where it is saved already; at 60×24 those words
 * fit the screen.
 */
export async function alreadyExportedFits(r: Typable & { lastFrame: () => string | undefined }): Promise<void> {
  await press(r, 'e');
  const frame = r.lastFrame() ?? '';
  expect(frame).toContain('Already exported to:');
  const rows = frame.split('\n');
  expect(rows.length).toBeLessThanOrEqual(24);
  expect(Math.max(...rows.map((l) => [...l].length))).toBeLessThanOrEqual(60);
}

/**
 * After "Already exported to:", e again writes another copy (four files in the exports folder), and
 * leaving with q names that copy, not the first export `first`. (Named by the time to the second, the
 * copy is "…-2.md" only when written in the same second as the first; a test that asked for "-2"
 * failed when the second had turned.)
 */
export async function eAgainWritesACopy(r: Typable & { lastFrame: () => string | undefined }, exit: { mock: { calls: unknown[][] } }, exported: () => string[], first: string): Promise<string> {
  await press(r, 'e');
  expect(r.lastFrame()).toContain('Debrief exported to:');
  expect(exported()).toHaveLength(4);
  await tap(r, 'q');
  const named = /^Debrief exported to:\nexports\/(example-new-phone-debrief-\S+\.md)\n/.exec(String(exit.mock.calls.at(-1)?.[0]))?.[1];
  expect(named).toBeDefined();
  expect(named).not.toBe(first);
  expect(exported()).toContain(named);
  return named ?? '';
}
