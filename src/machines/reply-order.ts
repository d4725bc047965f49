import type { Scenario } from './schema/scenario.js';

/**
 * The order a decision's replies are shown in. If replies always came in file order, the best
 * reply's position (often first, or last) would soon become an answer key. So each playthrough has
 * a seed (chosen by the UI when the session starts, kept in the session's context and so in every
 * save) and the order at a decision is a pure function of (seed, node id, reply ids): the same
 * playthrough shows the same order after undo, restart, save and resume, and in the trainer's
 * session summary. The core draws no randomness itself; without a seed (older saves, tests,
 * callers that pass none) the order is the file's, and a scenario can keep the file's order
 * with `"shuffleReplies": false`.
 */

/** True when a value can be a session's seed: a safe integer (the UIs draw 32-bit ones). */
export function isSeed(value: unknown): value is number {
  return Number.isSafeInteger(value);
}

/** True when the scenario's replies are shuffled per playthrough (`shuffleReplies` absent or true). */
export function shufflesReplies(scenario: Pick<Scenario, 'shuffleReplies'>): boolean {
  return scenario.shuffleReplies !== false;
}

/** A 32-bit hash of a seed (any safe integer, both halves used) and a text. */
function hash32(seed: number, text: string): number {
  const hi = Math.floor(seed / 0x1_0000_0000) | 0;
  let h = (seed >>> 0) ^ Math.imul(hi ^ 0x2545f491, 0x9e3779b1);
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 0x5bd1e995);
    h ^= h >>> 15;
  }
  h = Math.imul(h ^ text.length ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** mulberry32: a small, well-mixed 32-bit PRNG, numbers in [0, 1). */
function mulberry32(state: number): () => number {
  let a = state | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 0x1_0000_0000;
  };
}

/**
 * The items (a decision's replies, in file order) in the order shown for this seed at this node:
 * a Fisher–Yates shuffle driven by mulberry32 seeded with hash(seed, node id, reply ids). Without
 * a seed, a copy in file order.
 */
export function orderFor<T extends { id: string }>(items: readonly T[], seed: number | undefined, nodeId: string): T[] {
  const out = items.slice();
  if (seed === undefined || !isSeed(seed) || out.length < 2) return out;
  let key = nodeId;
  for (const item of out) key += `\u0000${item.id}`;
  const random = mulberry32(hash32(seed, key));
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = out[i] as T;
    out[i] = out[j] as T;
    out[j] = t;
  }
  return out;
}

/** A decision's replies in the order this session shows them (the scenario may turn shuffling off). */
export function repliesInOrder<T extends { id: string }>(scenario: Pick<Scenario, 'shuffleReplies'>, seed: number | undefined, nodeId: string, replies: readonly T[]): T[] {
  return orderFor(replies, shufflesReplies(scenario) ? seed : undefined, nodeId);
}
