import type { PlayableScenario } from '../playable.js';
import type { Debrief } from '../scoring.js';
import { keepDebrief } from './debriefs.js';
import { playthroughRecord, recordPlaythrough, RECORDS_KEY, type PlaythroughDetails, type PlaythroughRecord, type RecordsRead } from './records.js';
import { whileHolding, type SaveHold } from './saves.js';
import { clearSave, saveKey } from './slots.js';
import type { Store } from './store.js';

/**
 * What finishPlaythrough did: recorded the playthrough (the records, and its record as `recorded`),
 * or nothing at all because another window went on with the save this run continued (`behind`: see
 * SaveHold). Undefined for an author's test run, which is not recorded.
 */
export type Finished = Recorded | { behind: true };

/** A playthrough recorded: the records with it, and its record. */
export type Recorded = RecordsRead & { recorded: PlaythroughRecord };

type FinishDetails = PlaythroughDetails & { finishedSnapshot?: unknown; hold?: SaveHold };

/**
 * A playthrough reached its ending: its save is no longer needed, the completion is recorded (the
 * best result, and the playthrough itself with its decisions for the volunteer's records and
 * exports), and its debrief is kept (given the finished snapshot) so it can be opened again from the
 * library. A `--from`, `--set` or `--preview` playthrough is an author's test, not a completion,
 * so it is not recorded. `details` says what the UI knows beyond the debrief (mode, start time, a random source,
 * the finished snapshot, and `hold`: the save a continued run holds, see SaveHold). Returns the
 * records when one was written, and the playthrough's record (`recorded`, for a UI that must add it
 * again: see restorePlaythroughs); `{ behind: true }`, with nothing removed, recorded or kept, when
 * another window went on with the held save.
 */
export function finishPlaythrough(store: Store, playable: Pick<PlayableScenario, 'scenario' | 'file' | 'bundled' | 'from' | 'set' | 'preview'>, debrief: Debrief, now?: Date, details?: FinishDetails & { hold?: undefined }): Recorded | undefined;
export function finishPlaythrough(store: Store, playable: Pick<PlayableScenario, 'scenario' | 'file' | 'bundled' | 'from' | 'set' | 'preview'>, debrief: Debrief, now: Date, details: FinishDetails): Finished | undefined;
export function finishPlaythrough(store: Store, playable: Pick<PlayableScenario, 'scenario' | 'file' | 'bundled' | 'from' | 'set' | 'preview'>, debrief: Debrief, now = new Date(), details: FinishDetails = {}): Finished | undefined {
  const { hold } = details;
  if (!hold) return finishUnheld(store, playable, debrief, now, details);
  const held = whileHolding(store, hold, () => finishUnheld(store, playable, debrief, now, details));
  return held.behind ? { behind: true } : held.value;
}

function finishUnheld(store: Store, playable: Pick<PlayableScenario, 'scenario' | 'file' | 'bundled' | 'from' | 'set' | 'preview'>, debrief: Debrief, now: Date,
  details: PlaythroughDetails & { finishedSnapshot?: unknown }): Recorded | undefined {
  // The save goes first (in a full storage that is the room the record needs), but it is put back
  // when the record could not be kept beyond this tab or process: closing it would otherwise lose
  // the playthrough altogether (no record, no save); opened again, it goes on at its last decision.
  // A preview never had the volunteer's save: its own slot is cleared, and nothing recorded.
  if (playable.preview === true) {
    clearSave(store, playable);
    return undefined;
  }
  let save: string | undefined;
  try {
    save = store.read(saveKey(playable));
  } catch {
    save = undefined;
  }
  clearSave(store, playable);
  if (playable.from !== undefined || playable.set !== undefined) return undefined;
  const recorded = playthroughRecord(playable.scenario, debrief, details, now);
  const records = recordPlaythrough(store, recorded, details.randomBytes, now);
  if (details.finishedSnapshot !== undefined) keepDebrief(store, playable, details.finishedSnapshot, now);
  // So too when the records were not written at all (a damaged file that could not be moved aside).
  if (save !== undefined && (records.unsaved === true || store.inMemoryOnly?.(RECORDS_KEY) === true)) {
    store.write(saveKey(playable), save);
    // Only worth it where the save itself outlives the tab or process.
    if (store.inMemoryOnly?.(saveKey(playable)) === true) clearSave(store, playable);
  }
  return { ...records, recorded };
}
