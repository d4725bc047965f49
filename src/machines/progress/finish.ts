import type { PlayableScenario } from '../playable.js';
import type { Debrief } from '../scoring.js';
import { keepDebrief } from './debriefs.js';
import { playthroughRecord, recordPlaythrough, type PlaythroughDetails, type PlaythroughRecord, type RecordsRead } from './records.js';
import { clearSave } from './slots.js';
import type { Store } from './store.js';

/**
 * A playthrough reached its ending: its save is no longer needed, the completion is recorded (the
 * best result, and the playthrough itself with its decisions for the volunteer's records and
 * exports), and its debrief is kept (given the finished snapshot) so it can be opened again from the
 * library. A `--from` or `--set` playthrough is an author's test, not a completion, so it is not
 * recorded. `details` says what the UI knows beyond the debrief (mode, start time, a random source,
 * the finished snapshot). Returns the records when one was written, and the playthrough's record
 * (`recorded`, for a UI that must add it again: see restorePlaythroughs).
 */
export function finishPlaythrough(store: Store, playable: Pick<PlayableScenario, 'scenario' | 'file' | 'bundled' | 'from' | 'set'>, debrief: Debrief, now = new Date(),
  details: PlaythroughDetails & { finishedSnapshot?: unknown } = {}): (RecordsRead & { recorded: PlaythroughRecord }) | undefined {
  clearSave(store, playable);
  if (playable.from !== undefined || playable.set !== undefined) return undefined;
  const recorded = playthroughRecord(playable.scenario, debrief, details, now);
  const records = recordPlaythrough(store, recorded, details.randomBytes, now);
  if (details.finishedSnapshot !== undefined) keepDebrief(store, playable, details.finishedSnapshot, now);
  return { ...records, recorded };
}
