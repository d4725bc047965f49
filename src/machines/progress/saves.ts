import { restoreSession, saveSession, type PersistedScenarioSnapshot, type SavedSession } from '../session.js';
import type { PlayableScenario } from '../playable.js';
import { cleanLine } from '../text/clean.js';
import type { SessionMode } from '../types.js';
import { latestSaveKey, saveKey } from './slots.js';
import type { Store } from './store.js';

/**
 * A session in progress as kept in the store: the core's saved session (scenario id and version,
 * the persisted snapshot, when it was saved), when the playthrough started, and where the UI finds
 * the scenario again.
 */
export interface SaveSlot {
  format: 'casa-practice-terminal-save';
  formatVersion: 1;
  /** Where the UI finds the scenario again: a file path in the terminal. */
  scenarioFile: string;
  /** The node a `--from` playthrough started at. */
  from?: string;
  /** The starting values a `--set` playthrough was given, as typed. */
  set?: Record<string, string>;
  /** ISO time the playthrough started. */
  startedAt?: string;
  session: SavedSession;
}


/** Saves a session in progress; returns its key. */
export function writeSave(store: Store, playable: PlayableScenario, persistedSnapshot: unknown, startedAt?: string, now = new Date()): string {
  const slot: SaveSlot = {
    format: 'casa-practice-terminal-save',
    formatVersion: 1,
    scenarioFile: playable.file,
    ...(playable.from !== undefined ? { from: playable.from } : {}),
    ...(playable.set !== undefined ? { set: { ...playable.set } } : {}),
    ...(startedAt !== undefined ? { startedAt } : {}),
    session: saveSession(playable.scenario, persistedSnapshot, now),
  };
  const key = saveKey(playable);
  store.write(key, `${JSON.stringify(slot, null, 2)}\n`);
  return key;
}


/** How a UI finds a save's scenario again: the scenario, or why it cannot be played. */
export type ScenarioLoader = (scenarioFile: string, from: string | undefined, set?: Readonly<Record<string, string>>) => PlayableScenario | { error: string };

/** What `resume` finds. Every text in it is clean (a save is untrusted input). */
export type ResumeResult =
  | { kind: 'none' }
  | { kind: 'ok'; key: string; playable: PlayableScenario; snapshot: PersistedScenarioSnapshot; mode: SessionMode; startedAt?: string }
  | { kind: 'bad'; error: string; movedTo?: string };

/**
 * Reads a save (the most recent one unless a key is given). A save that cannot be used (damaged,
 * outdated, its scenario gone or changed) is moved aside, never deleted, and reported in one line.
 */
export function readSave(store: Store, load: ScenarioLoader, key: string | undefined = latestSaveKey(store), now = new Date()): ResumeResult {
  if (key === undefined) return { kind: 'none' };
  let text: string | undefined;
  try {
    text = store.read(key);
  } catch (e) {
    // Nothing was moved: the save stays where it is, and the error says why it was not read.
    return { kind: 'bad', error: `The save ${cleanLine(key)} could not be read (${cleanLine((e as Error).message)}).` };
  }
  if (text === undefined) return { kind: 'none' };
  const bad = (error: string): ResumeResult => ({ kind: 'bad', error: cleanLine(error), movedTo: cleanLine(store.moveAside(key, now)) });
  let slot: Partial<SaveSlot>;
  try {
    slot = JSON.parse(text) as Partial<SaveSlot>;
  } catch {
    return bad('The saved progress is damaged (it is not valid JSON).');
  }
  if (typeof slot !== 'object' || slot === null || slot.format !== 'casa-practice-terminal-save') return bad('This is not a casa-practice save.');
  if (slot.formatVersion !== 1) return bad(`This save uses format version ${String(slot.formatVersion)}, which this version of casa-practice does not read.`);
  if (typeof slot.scenarioFile !== 'string' || (slot.from !== undefined && typeof slot.from !== 'string')) return bad('The saved progress is damaged (its scenario is not named).');
  const set: unknown = slot.set;
  if (set !== undefined && (typeof set !== 'object' || set === null || Array.isArray(set) || !Object.values(set).every((v) => typeof v === 'string'))) {
    return bad('The saved progress is damaged (its starting values are malformed).');
  }
  const loaded = load(slot.scenarioFile, slot.from, set as Record<string, string> | undefined);
  if ('error' in loaded) return bad(loaded.error);
  const restored = restoreSession(loaded.scenario, slot.session);
  if (!restored.ok) return bad(restored.error);
  const startedAt = typeof slot.startedAt === 'string' ? cleanLine(slot.startedAt).slice(0, 40) : undefined;
  return { kind: 'ok', key, playable: loaded, snapshot: restored.snapshot, mode: restored.mode, ...(startedAt ? { startedAt } : {}) };
}

