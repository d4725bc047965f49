import { join } from 'node:path';
import { loadPlayable, type PlayableScenario } from '../../../src/terminal/scenario-source.js';
import { BUNDLED } from './layout.js';

/**
 * A scenario moved by --from (a new object each load) with the replies of one decision rewritten,
 * on copies of that decision and its replies. A file validated before hands out the same scenario
 * object again (src/terminal/files.ts), nodes and all: rewriting replies in place rewrote them for
 * every later load in the same worker (a test after it saw each reply lengthened twice, and
 * decision-setup's the-list d9-report no longer fitted its window).
 */
export function withReplies(playable: PlayableScenario, nodeId: string, text: (text: string, i: number) => string): PlayableScenario {
  const scenario = playable.scenario as { nodes: { id: string; replies?: { text: string }[] }[] };
  scenario.nodes = scenario.nodes.map((n) => (n.id === nodeId && n.replies ? { ...n, replies: n.replies.map((r, i) => ({ ...r, text: text(r.text, i) })) } : n));
  return playable;
}

/** Words that make a reply some 320 characters long. */
export const LONGER = ` ${'It says only what this CASA saw and heard, in plain words. '.repeat(3)}`;

/**
 * Trainers write their own scenarios, and a reply can run to some 300 characters. The-list's last
 * decision (as `play the-list --from d9-report` opens it), each reply lengthened in memory (no
 * scenario file changed) with words of its own at its end, "Reply N ends here.", to find it by.
 */
export function longReplies(): { playable: PlayableScenario; ends: string[] } {
  const loaded = loadPlayable(join(BUNDLED, 'the-list.json'), 'd9-report');
  if ('problems' in loaded) throw new Error(loaded.problems);
  const ends: string[] = [];
  const playable = withReplies(loaded, 'd9-report', (text, i) => {
    ends.push(`Reply ${i + 1} ends here.`);
    return `${text}${LONGER}Reply ${i + 1} ends here.`;
  });
  return { playable, ends };
}
