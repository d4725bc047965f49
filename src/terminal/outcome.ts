import type { Debrief } from '../machines/scoring.js';
import { recordCompletion } from './records.js';
import { clearSave } from './saves.js';
import type { PlayableScenario } from './scenario-source.js';

/**
 * A playthrough reached its ending: its save is no longer needed and the best score is kept.
 * A `--from` playthrough is an author's test, not a completion, so it is not recorded.
 */
export function finishPlaythrough(playable: PlayableScenario, debrief: Debrief, env: NodeJS.ProcessEnv = process.env): void {
  clearSave(playable, env);
  if (playable.from === undefined) recordCompletion(playable.scenario.id, debrief.score.percent, env);
}
