import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { latestSaveKey } from '../../../src/machines/index.js';
import { readSave, savesDir, stateStore } from '../../../src/terminal/saves.js';
import { loadPlayable } from '../../../src/terminal/scenario-source.js';
import { appElement, KEY, newPhone, press, renderApp, tap, tempEnv } from './ink.js';
import { bundledFile } from './layout.js';
import { NEW_PHONE_SAVE } from './slots.js';

// For the cases where a run that made no reply must leave the save really in progress alone
// (interrupt-unsaved: Ctrl-C and signals; quit-no-reply: q then y).

/** The new-phone fixture's save file, as text. */
export const saveText = (env: NodeJS.ProcessEnv) => readFileSync(join(savesDir(env), NEW_PHONE_SAVE), 'utf8');

/** A state folder with the new-phone fixture in progress: one reply, then q and y (asked to save). */
export async function envInProgress(): Promise<NodeJS.ProcessEnv> {
  const env = tempEnv();
  const r = await renderApp(appElement({ env, start: { kind: 'play', playable: newPhone(), showNote: true } }).element);
  await press(r, KEY.enter, '1', 'q');
  expect(r.lastFrame()).toContain('Save your progress and quit?');
  await tap(r, 'y');
  r.unmount();
  return env;
}

/** The newest save, opened as `casa-practice resume` opens it (straight into play). */
export function resumedStart(env: NodeJS.ProcessEnv) {
  const found = readSave(env);
  if (found.kind !== 'ok') throw new Error(`no save to resume: ${found.kind}`);
  return { kind: 'play' as const, playable: found.playable, snapshot: found.snapshot, startedAt: found.startedAt, activeMs: found.activeMs, hold: found.hold, showNote: false };
}

/** Another scenario than the one in progress (youth-discloses), to open and leave with no reply. */
export function otherScenario() {
  const other = loadPlayable(bundledFile('youth-discloses.json'));
  if ('problems' in other) throw new Error(other.problems);
  return other;
}

/** The new-phone save in progress is the only save, still the newest, and unchanged (`inProgress`: its text before). */
export function expectInProgressKept(env: NodeJS.ProcessEnv, inProgress: string): void {
  expect(readdirSync(savesDir(env))).toEqual([NEW_PHONE_SAVE]);
  expect(latestSaveKey(stateStore(env))).toBe(`saves/${NEW_PHONE_SAVE}`);
  expect(saveText(env)).toBe(inProgress);
}
