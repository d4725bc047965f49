import type { PlayableScenario } from '../playable.js';
import type { Debrief } from '../scoring.js';
import { recordCompletion, type RecordsRead } from './records.js';
import { clearSave } from './slots.js';
import type { Store } from './store.js';

/**
 * A playthrough reached its ending: its save is no longer needed and the completion is recorded.
 * A `--from` or `--set` playthrough is an author's test, not a completion, so it is not recorded.
 * Returns the records when one was written.
 */
export function finishPlaythrough(store: Store, playable: Pick<PlayableScenario, 'scenario' | 'from' | 'set'>, debrief: Debrief, now = new Date()): RecordsRead | undefined {
  clearSave(store, playable);
  return playable.from === undefined && playable.set === undefined ? recordCompletion(store, playable.scenario.id, debrief.score.percent, now) : undefined;
}
