import { cleanLine } from '../text/clean.js';
import type { Store } from './store.js';

// Save keys and listing, apart from reading and writing saves: a picker checks for a save
// without loading XState.

/** The folder-like prefix of every save key. */
export const SAVES_PREFIX = 'saves/';

/**
 * The save key of a playthrough: one per scenario (and per --from start, and one for author tests
 * with --set values), so one never overwrites another.
 */
export function saveKey(playable: { scenario: { id: string }; from?: string; set?: unknown }): string {
  const base = playable.from === undefined ? playable.scenario.id : `${playable.scenario.id}--from-${playable.from}`;
  const name = playable.set === undefined ? base : `${base}--set`;
  return `${SAVES_PREFIX}${name}.json`;
}

/** Removes a playthrough's save once it is finished. */
export function clearSave(store: Store, playable: { scenario: { id: string }; from?: string; set?: unknown }): void {
  store.remove(saveKey(playable));
}

/** The key of the most recently written save, if any (damaged ones set aside are not saves). */
export function latestSaveKey(store: Store): string | undefined {
  const saves = store.list(SAVES_PREFIX).filter((s) => s.key.endsWith('.json'));
  saves.sort((a, b) => b.modified - a.modified);
  return saves[0]?.key;
}

/** The one line shown when a save cannot be resumed (and where it was moved, when it was). */
export function resumeFailure(error: string, movedTo?: string): string {
  return `Could not resume: ${cleanLine(error)} ${movedTo === undefined ? 'The save was left where it is' : `The save was moved to ${cleanLine(movedTo)}`}; starting fresh.`;
}
