import type { PlayableScenario } from '../playable.js';
import type { Debrief } from '../scoring.js';
import { keepDebrief } from './debriefs.js';
import { recordCompletion, type RecordsRead } from './records.js';
import { clearSave } from './slots.js';
import type { Store } from './store.js';

/**
 * A playthrough reached its ending: its save is no longer needed, the completion is recorded, and
 * its debrief is kept (given the finished snapshot) so it can be opened again from the library.
 * A `--from` or `--set` playthrough is an author's test, not a completion, so it is not recorded.
 * Returns the records when one was written.
 */
export function finishPlaythrough(store: Store, playable: Pick<PlayableScenario, 'scenario' | 'file' | 'bundled' | 'from' | 'set'>, debrief: Debrief, now = new Date(), finishedSnapshot?: unknown): RecordsRead | undefined {
  clearSave(store, playable);
  if (playable.from !== undefined || playable.set !== undefined) return undefined;
  const records = recordCompletion(store, playable.scenario.id, debrief.score.percent, now);
  if (finishedSnapshot !== undefined) keepDebrief(store, playable, finishedSnapshot, now);
  return records;
}
