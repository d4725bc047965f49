import { join } from 'node:path';
import type { PlayableScenario, ResumeResult } from '../machines/index.js';
import * as core from '../machines/index.js';
import { FileAccessError } from './errors.js';
import { hasSave, stateStore } from './node/state-store.js';
import { loadPlayable } from './scenario-source.js';
import { stateDir } from './state.js';
import { UsageError } from './args.js';

/** The folder of saved sessions. */
export function savesDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(stateDir(env), 'saves');
}

/** Saves a session in progress (atomically); returns the file written. */
export function writeSave(playable: PlayableScenario, persistedSnapshot: unknown, env: NodeJS.ProcessEnv = process.env, startedAt?: string): string {
  const store = stateStore(env);
  return store.pathOf(core.writeSave(store, playable, persistedSnapshot, startedAt));
}

/** Finds a save's scenario file again, or says why it cannot be played. */
function loadForSave(file: string, from: string | undefined, set?: Readonly<Record<string, string>>): PlayableScenario | { error: string } {
  try {
    const playable = loadPlayable(file, from, set);
    return 'problems' in playable ? { error: `The saved scenario ${file} now has errors; run "casa-practice validate" on it.` } : playable;
  } catch (e) {
    if (e instanceof FileAccessError) return { error: `The saved scenario is gone: ${e.message}.` };
    if (e instanceof UsageError) return { error: `The saved scenario no longer fits: ${e.message}.` };
    throw e;
  }
}

/**
 * Reads the most recent save. A save that cannot be used (damaged, outdated, its scenario gone or
 * changed) is moved aside, never deleted, and reported in one line.
 */
export function readSave(env: NodeJS.ProcessEnv = process.env): ResumeResult {
  return core.readSave(stateStore(env), loadForSave);
}

export { hasSave, stateStore };
