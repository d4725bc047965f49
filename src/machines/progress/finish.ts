import type { PlayableScenario } from '../playable.js';
import type { Debrief } from '../scoring.js';
import { playthroughRecord, recordPlaythrough, type PlaythroughDetails, type RecordsRead } from './records.js';
import { clearSave } from './slots.js';
import type { Store } from './store.js';

/**
 * A playthrough reached its ending: its save is no longer needed and the completion is recorded
 * (the best result, and the playthrough itself with its decisions for the volunteer's records and
 * exports). A `--from` or `--set` playthrough is an author's test, not a completion, so it is not
 * recorded. `details` says what the UI knows beyond the debrief (mode, start time, a random source).
 * Returns the records when one was written.
 */
export function finishPlaythrough(store: Store, playable: Pick<PlayableScenario, 'scenario' | 'from' | 'set'>, debrief: Debrief, now = new Date(), details: PlaythroughDetails = {}): RecordsRead | undefined {
  clearSave(store, playable);
  if (playable.from !== undefined || playable.set !== undefined) return undefined;
  return recordPlaythrough(store, playthroughRecord(playable.scenario, debrief, details, now), details.randomBytes, now);
}
