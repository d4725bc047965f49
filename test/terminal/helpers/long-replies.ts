import { join } from 'node:path';
import { loadPlayable, type PlayableScenario } from '../../../src/terminal/scenario-source.js';
import { BUNDLED } from './layout.js';

/**
 * Trainers write their own scenarios, and a reply can run to some 300 characters. The-list's last
 * decision (as `play the-list --from d9-report` opens it), each reply lengthened in memory (no
 * scenario file changed) with words of its own at its end, "Reply N ends here.", to find it by.
 *
 * The decision and its replies are copies: a file validated before hands out the same scenario
 * object again (src/terminal/files.ts), so lengthening its replies in place lengthened them again
 * for every later load in the same worker (a second test saw each reply end twice).
 */
export function longReplies(): { playable: PlayableScenario; ends: string[] } {
  const playable = loadPlayable(join(BUNDLED, 'the-list.json'), 'd9-report');
  if ('problems' in playable) throw new Error(playable.problems);
  const scenario = playable.scenario as { nodes: { id: string; replies?: { text: string }[] }[] };
  const ends: string[] = [];
  scenario.nodes = scenario.nodes.map((n) => {
    if (n.id !== 'd9-report' || !n.replies) return n;
    return {
      ...n,
      replies: n.replies.map((reply, i) => {
        ends.push(`Reply ${i + 1} ends here.`);
        return { ...reply, text: `${reply.text} ${'It says only what this CASA saw and heard, in plain words. '.repeat(3)}Reply ${i + 1} ends here.` };
      }),
    };
  });
  return { playable, ends };
}
