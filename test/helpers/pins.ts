import { expect } from 'vitest';
import { indexScenario } from '../../src/machines/scenario-index.js';
import type { Reply } from '../../src/machines/schema/scenario.js';
import { computeBest } from '../../src/machines/scoring.js';
import { bundledScenario } from './bundled.js';
import { playReplies } from './play.js';
import { strongAfter } from './strong-after.js';

/**
 * What a bundled scenario's pinning tests read (test/scenarios/<id>.test.ts): the scenario, a reply
 * by id (throwing when there is none), one of its assessments, every reply, the best path played with
 * some replies swapped, and the first playthrough through a reply that ends strong.
 */
export function pinsFor(id: string) {
  const scenario = () => bundledScenario(id);
  const reply = (replyId: string): Reply => {
    const r = indexScenario(scenario()).replies.get(replyId)?.reply;
    if (!r) throw new Error(`${id} has no reply ${replyId}`);
    return r;
  };
  return {
    scenario,
    reply,
    assessment: (replyId: string, principle: string) => reply(replyId).assessments.find((a) => a.principle === principle),
    allReplies: () => scenario().nodes.flatMap((n) => (n.kind === 'decision' ? n.replies : [])),
    /** The best-practice path's replies with some swapped ("d4-honest" → "d4-rescue"), played through the machine. */
    bestWith(swaps: Record<string, string>) {
      const best = computeBest(scenario()).path.map((step) => step.replyId);
      for (const from of Object.keys(swaps)) expect(best, `the best path takes ${from}`).toContain(from);
      return playReplies(scenario(), best.map((r) => swaps[r] ?? r));
    },
    /** The first playthrough through `replyId` that ends strong (its reply ids), or undefined. */
    strongThrough: (replyId: string) => strongAfter(scenario(), [], { through: replyId, first: true }).get(replyId),
  };
}
