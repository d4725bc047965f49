import { rmSync } from 'node:fs';
import { restoreSession, saveSession, type PersistedScenarioSnapshot, type SavedSession } from '../machines/session.js';
import type { SessionMode } from '../machines/types.js';
import { FileAccessError } from './files.js';
import { loadPlayable, type PlayableScenario } from './scenario-source.js';
import { latestSave, savePath } from './save-slot.js';
import { moveAside, readIfExists, writeAtomic } from './state.js';

export { hasSave, latestSave, savePath, savesDir } from './save-slot.js';

/** The save slot on disk: the core's saved session plus where its scenario lives. */
interface SaveFile {
  format: 'casa-practice-terminal-save';
  formatVersion: 1;
  scenarioFile: string;
  from?: string;
  session: SavedSession;
}

/** What `resume` finds. */
export type ResumeResult =
  | { kind: 'none' }
  | { kind: 'ok'; playable: PlayableScenario; snapshot: PersistedScenarioSnapshot; mode: SessionMode }
  | { kind: 'bad'; error: string; movedTo: string };

/** Saves a session in progress (atomically); returns the file written. */
export function writeSave(playable: PlayableScenario, persistedSnapshot: unknown, env: NodeJS.ProcessEnv = process.env): string {
  const file: SaveFile = {
    format: 'casa-practice-terminal-save',
    formatVersion: 1,
    scenarioFile: playable.file,
    ...(playable.from !== undefined ? { from: playable.from } : {}),
    session: saveSession(playable.scenario, persistedSnapshot),
  };
  const path = savePath(playable, env);
  writeAtomic(path, `${JSON.stringify(file, null, 2)}\n`);
  return path;
}

/** Removes a playthrough's save once it is finished. */
export function clearSave(playable: Pick<PlayableScenario, 'scenario' | 'from'>, env: NodeJS.ProcessEnv = process.env): void {
  rmSync(savePath(playable, env), { force: true });
}

/**
 * Reads the most recent save. A save that cannot be used (damaged, outdated, its scenario gone or
 * changed) is moved aside, never deleted, and reported in one line.
 */
export function readSave(env: NodeJS.ProcessEnv = process.env): ResumeResult {
  const path = latestSave(env);
  const text = path === undefined ? undefined : readIfExists(path);
  if (path === undefined || text === undefined) return { kind: 'none' };
  const bad = (error: string): ResumeResult => ({ kind: 'bad', error: oneLine(error), movedTo: moveAside(path) });
  let file: Partial<SaveFile>;
  try {
    file = JSON.parse(text) as Partial<SaveFile>;
  } catch {
    return bad('The saved progress is damaged (it is not valid JSON).');
  }
  if (typeof file !== 'object' || file === null || file.format !== 'casa-practice-terminal-save') return bad('This is not a casa-practice save.');
  if (file.formatVersion !== 1) return bad(`This save uses format version ${String(file.formatVersion)}, which this version of casa-practice does not read.`);
  if (typeof file.scenarioFile !== 'string' || (file.from !== undefined && typeof file.from !== 'string')) return bad('The saved progress is damaged (its scenario is not named).');
  let playable;
  try {
    playable = loadPlayable(file.scenarioFile, file.from);
  } catch (e) {
    return bad(e instanceof FileAccessError ? `The saved scenario is gone: ${e.message}.` : `The saved scenario no longer fits: ${(e as Error).message}.`);
  }
  if ('problems' in playable) return bad(`The saved scenario ${file.scenarioFile} now has errors; run "casa-practice validate" on it.`);
  const restored = restoreSession(playable.scenario, file.session);
  if (!restored.ok) return bad(restored.error);
  return { kind: 'ok', playable, snapshot: restored.snapshot, mode: restored.mode };
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
