// Playthroughs of the bundled scenarios, for the story-continuity tests (test/scenarios/story*.test.ts): kept
// apart from play.ts, which the jsdom tests import too, as bundled.ts reads the scenarios folder from disk.
import type { Debrief } from '../../src/machines/index.js';
import { bundledScenario } from './bundled.js';
import { driveReplies, nodesBetween, playReplies, toldAt } from './play.js';

/** What the volunteer is told on the way from one node to another on a playthrough of a bundled scenario (both left out; each reply must be on offer). */
export function toldBetween(id: string, replies: readonly string[], from: string, to: string): string {
  const s = bundledScenario(id);
  return nodesBetween(driveReplies(s, replies, true).nodes, from, to).map((n) => toldAt(s, n)).join(' ');
}

/** The debrief of a playthrough of a bundled scenario, which must end (an error names the path otherwise). */
export function endedOn(id: string, replies: readonly string[]): Debrief {
  const d = playReplies(bundledScenario(id), replies);
  if (!d) throw new Error(`${id}: ${replies.join(' > ')} did not end`);
  return d;
}
