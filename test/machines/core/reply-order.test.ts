import { describe, expect, it } from 'vitest';
import {
  facilitatedDecision, facilitationMarkdown, memoryStore, orderFor, readSave, replyValues, restoreSession, revealData, saveSession, selectView, startFacilitation, startSession, writeSave,
  type Scenario, type SessionActor,
} from '../../../src/machines/index.js';
import { bundled, example } from './fixtures.js';

// No answer key in the order: a decision's replies are shown in an order shuffled per playthrough,
// a pure function of the session's seed, the node and the reply ids.

const disclose = bundled('youth-discloses');
const fileOrder = (scenario: Scenario, nodeId: string) => {
  const node = scenario.nodes.find((n) => n.id === nodeId);
  return node?.kind === 'decision' ? node.replies.map((r) => r.id) : [];
};
const shown = (scenario: Scenario, actor: SessionActor) => selectView(scenario, actor.getSnapshot()).replies.map((r) => r.id);
const toDecision = (actor: SessionActor) => {
  while (actor.getSnapshot().can({ type: 'scene.continue' })) actor.send({ type: 'scene.continue' });
};
/** A seed whose order at the first decision is not the file's (most are). */
function shuffledSeed(scenario: Scenario): number {
  for (let seed = 1; seed <= 100; seed++) {
    const a = startSession(scenario, 'practice', undefined, seed);
    toDecision(a);
    const v = selectView(scenario, a.getSnapshot());
    if (v.replies.map((r) => r.id).join() !== fileOrder(scenario, v.nodeId).join()) return seed;
  }
  throw new Error('no seed of 1 to 100 shuffles the first decision');
}

describe('the order of replies', () => {
  it('is a permutation that depends only on seed, node and reply ids', () => {
    const items = ['a', 'b', 'c', 'd'].map((id) => ({ id }));
    const once = orderFor(items, 42, 'n1').map((r) => r.id);
    expect(orderFor(items, 42, 'n1').map((r) => r.id)).toEqual(once);
    expect([...once].sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(orderFor(items, undefined, 'n1').map((r) => r.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(items.map((r) => r.id)).toEqual(['a', 'b', 'c', 'd']); // not shuffled in place
    // A large seed uses both halves: seeds that differ only above bit 32 still give other orders.
    const high = new Set(Array.from({ length: 24 }, (_, k) => orderFor(items, 7 + k * 2 ** 32, 'n1').map((r) => r.id).join()));
    expect(high.size).toBeGreaterThan(4);
  });

  it('numbers replies by their position shown, 1-based', () => {
    const actor = startSession(disclose, 'practice', undefined, shuffledSeed(disclose));
    toDecision(actor);
    const v = selectView(disclose, actor.getSnapshot());
    expect(v.replies.map((r) => r.number)).toEqual([1, 2, 3]);
    expect(v.replies.map((r) => r.id)).not.toEqual(fileOrder(disclose, v.nodeId));
  });

  it('differs between seeds, with the best reply in each position about equally often', () => {
    const nodeId = 'd1-gifts';
    const ids = fileOrder(disclose, nodeId);
    const values = replyValues(disclose, ids);
    const best = ids.reduce((a, b) => ((values[b] ?? 0) > (values[a] ?? 0) ? b : a));
    const positions = [0, 0, 0];
    const orders = new Set<string>();
    const N = 600;
    for (let seed = 0; seed < N; seed++) {
      const actor = startSession(disclose, 'practice', undefined, seed * 7919 + 13);
      toDecision(actor);
      const order = shown(disclose, actor);
      orders.add(order.join());
      positions[order.indexOf(best)]! += 1;
    }
    expect(orders.size).toBe(6); // every order of 3 replies occurs
    for (const p of positions) {
      expect(p / N).toBeGreaterThanOrEqual(0.2);
      expect(p / N).toBeLessThanOrEqual(0.45);
    }
  });

  it('is the same after undo and after restart (the same playthrough, the same seed)', () => {
    const actor = startSession(disclose, 'practice', undefined, shuffledSeed(disclose));
    toDecision(actor);
    const first = shown(disclose, actor);
    actor.send({ type: 'reply.choose', replyId: first[0] as string });
    toDecision(actor);
    const second = shown(disclose, actor);
    const seed = actor.getSnapshot().context.seed;
    actor.send({ type: 'decision.undo' });
    expect(shown(disclose, actor)).toEqual(first);
    actor.send({ type: 'reply.choose', replyId: first[0] as string });
    toDecision(actor);
    expect(shown(disclose, actor)).toEqual(second);
    actor.send({ type: 'scenario.restart' });
    expect(actor.getSnapshot().context.seed).toBe(seed);
    toDecision(actor);
    expect(shown(disclose, actor)).toEqual(first);
  });

  it('is the same after a save and resume (the seed is in the save)', () => {
    const seed = shuffledSeed(disclose);
    const actor = startSession(disclose, 'practice', undefined, seed);
    toDecision(actor);
    actor.send({ type: 'reply.choose', replyId: shown(disclose, actor)[1] as string });
    toDecision(actor);
    const before = shown(disclose, actor);
    const store = memoryStore();
    writeSave(store, { scenario: disclose, file: 'youth-discloses.json' }, actor.getPersistedSnapshot());
    const found = readSave(store, () => ({ scenario: disclose, file: 'youth-discloses.json' }));
    if (found.kind !== 'ok') throw new Error(`resume failed: ${JSON.stringify(found)}`);
    // A new seed offered to a resumed session is ignored: the save's own seed wins.
    const resumed = startSession(disclose, found.mode, found.snapshot, seed + 1);
    expect(resumed.getSnapshot().context.seed).toBe(seed);
    expect(shown(disclose, resumed)).toEqual(before);
    resumed.send({ type: 'decision.undo' });
    toDecision(resumed);
    const again = startSession(disclose, 'practice', undefined, seed);
    toDecision(again);
    expect(shown(disclose, resumed)).toEqual(shown(disclose, again));
  });

  it('keeps the file order when the scenario sets "shuffleReplies": false', () => {
    const fixed: Scenario = { ...disclose, shuffleReplies: false };
    for (let seed = 0; seed < 50; seed++) {
      const actor = startSession(fixed, 'practice', undefined, seed);
      toDecision(actor);
      expect(shown(fixed, actor)).toEqual(fileOrder(fixed, 'd1-gifts'));
    }
    const shuffling: Scenario = { ...disclose, shuffleReplies: true };
    const seed = shuffledSeed(disclose);
    const actor = startSession(shuffling, 'practice', undefined, seed);
    toDecision(actor);
    expect(shown(shuffling, actor)).not.toEqual(fileOrder(shuffling, 'd1-gifts'));
  });

  it('keeps the file order without a seed, and ignores a seed that is not a safe integer', () => {
    for (const seed of [undefined, 1.5, Number.NaN, 2 ** 53, '7' as unknown as number]) {
      const actor = startSession(disclose, 'practice', undefined, seed);
      expect('seed' in actor.getSnapshot().context).toBe(false);
      toDecision(actor);
      expect(shown(disclose, actor)).toEqual(fileOrder(disclose, 'd1-gifts'));
    }
  });
});

describe('saves and the seed', () => {
  /** A save exactly as casa-practice wrote it before replies were shuffled: no seed anywhere. */
  function preShuffleSave() {
    const actor = startSession(example, 'practice');
    toDecision(actor);
    const first = selectView(example, actor.getSnapshot()).replies[0]?.id as string;
    actor.send({ type: 'reply.choose', replyId: first });
    toDecision(actor);
    const saved = saveSession(example, actor.getPersistedSnapshot(), new Date('2025-01-01T00:00:00Z'));
    const context = (saved.snapshot as { context: Record<string, unknown> }).context;
    expect(Object.keys(context)).toEqual(['scenarioId', 'scenarioVersion', 'mode', 'variables', 'transcript', 'tallies']);
    return saved;
  }

  it('a save made before shuffling (no seed) resumes exactly, in file order', () => {
    const restored = restoreSession(example, preShuffleSave());
    if (!restored.ok) throw new Error(restored.error);
    const resumed = startSession(example, restored.mode, restored.snapshot, 12345);
    expect('seed' in resumed.getSnapshot().context).toBe(false);
    const v = selectView(example, resumed.getSnapshot());
    expect(v.kind).toBe('decision');
    expect(v.replies.map((r) => r.id)).toEqual(fileOrder(example, v.nodeId));
  });

  it('a save with a seed replays with that seed and compares equal', () => {
    const actor = startSession(disclose, 'assessment', undefined, 2 ** 40 + 3);
    toDecision(actor);
    actor.send({ type: 'reply.choose', replyId: shown(disclose, actor)[2] as string });
    toDecision(actor);
    const saved = saveSession(disclose, actor.getPersistedSnapshot());
    const restored = restoreSession(disclose, saved);
    expect(restored.ok).toBe(true);
    if (restored.ok) expect(restored.snapshot).toEqual(saved.snapshot);
  });

  it.each([['a string', '7'], ['a fraction', 1.5], ['null', null], ['too large', 2 ** 53]])('refuses a save whose seed is %s', (_, seed) => {
    const actor = startSession(disclose, 'practice', undefined, 9);
    toDecision(actor);
    const saved = saveSession(disclose, actor.getPersistedSnapshot());
    (saved.snapshot as { context: Record<string, unknown> }).context.seed = seed;
    const r = restoreSession(disclose, saved);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain('seed');
  });
});

describe('a trainer-led session', () => {
  it('lists replies in the summary and the reveal in the order the room saw them', () => {
    const seed = shuffledSeed(disclose);
    const actor = startFacilitation(disclose, seed);
    toDecision(actor);
    const view = selectView(disclose, actor.getSnapshot());
    const roomSaw = view.replies.map((r) => r.text);
    expect(view.replies.map((r) => r.id)).not.toEqual(fileOrder(disclose, view.nodeId));
    const votes = Object.fromEntries(view.replies.map((r, i) => [r.id, i + 1]));
    expect(revealData(disclose, view, votes).entries.map((e) => [e.number, e.replyText, e.votes])).toEqual(view.replies.map((r, i) => [i + 1, r.text, i + 1]));
    const decision = facilitatedDecision(view, votes, 2);
    expect(decision.replies.map((r) => [r.number, r.text, r.votes])).toEqual(roomSaw.map((t, i) => [i + 1, t, i + 1]));
    const md = facilitationMarkdown(disclose, [decision], undefined, new Date('2025-01-01T00:00:00Z'));
    const rows = md.split('\n').filter((l) => /^\| \d+ \|/.test(l));
    expect(rows.map((l) => l.split(' | ')[0])).toEqual(['| 1', '| 2', '| 3']);
    rows.forEach((row, i) => expect(row).toContain((roomSaw[i] as string).slice(0, 30)));
    expect(md).toContain(`Branch taken: 2. ${roomSaw[1] as string}`);
  });
});
