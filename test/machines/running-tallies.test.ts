import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createActor, transition } from 'xstate';
import { describe, expect, it } from 'vitest';
import { decisionChain } from '../../bench/hostile.js';
import { talliesOf } from '../../src/machines/compile.js';
import { actorOptions, analyseBest, compileScenario, type Scenario } from '../../src/machines/index.js';
import type { SessionContext, Tallies, Turn } from '../../src/machines/types.js';
import { bundledScenario } from '../helpers/bundled.js';
import { validScenario } from '../helpers/fixtures.js';

// A session's tallies (each principle's weights followed and violated) are kept running: each reply
// adds its turn's assessments to them. They were counted again from the whole transcript at every
// reply, so each reply of a long session walked every turn before it. They must stay what counting
// the transcript gives, key for key (a save is checked against its replay as written).

/** The tallies counted from a transcript, as the machine counted them at every reply (its talliesOf before the running tallies). */
function counted(transcript: readonly Turn[]): Tallies {
  const tallies: Tallies = {};
  for (const turn of transcript) {
    for (const a of turn.assessments) {
      const t = (tallies[a.principle] ??= { followed: 0, violated: 0 });
      if (a.verdict === 'follows') t.followed += a.weight ?? 1;
      else t.violated += a.weight ?? 1;
    }
  }
  return tallies;
}

/** The tallies as saved, and as counted from the transcript (here, and by the core's talliesOf): the same JSON (values and key order). */
function expectCounted(context: SessionContext, at: string): void {
  expect(JSON.stringify(context.tallies), at).toBe(JSON.stringify(counted(context.transcript)));
  expect(JSON.stringify(talliesOf(context.transcript)), at).toBe(JSON.stringify(counted(context.transcript)));
}

const bundled = join(import.meta.dirname, '../../scenarios');
const files = readdirSync(bundled).filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'));

/** Plays the scenario's best path (the first reply available where the path does not say), checking the tallies at every step; Back once, after the second reply. */
function playBest(scenario: Scenario, name: string): number {
  const machine = compileScenario(scenario);
  const best = new Map(analyseBest(scenario).path.map((p) => [p.nodeId, p.replyId]));
  const actor = createActor(machine, actorOptions(scenario, { mode: 'practice', seed: 3 })).start();
  let replies = 0;
  let undone = false;
  for (let moves = 0; moves < 4 * scenario.nodes.length && actor.getSnapshot().status === 'active'; moves++) {
    const snapshot = actor.getSnapshot();
    const node = scenario.nodes.find((n) => n.id === String(snapshot.value));
    if (node?.kind === 'scene') actor.send({ type: 'scene.continue' });
    else if (node?.kind === 'decision') {
      const reply = best.get(node.id) ?? node.replies.find((r) => snapshot.can({ type: 'reply.choose', replyId: r.id }))!.id;
      actor.send({ type: 'reply.choose', replyId: reply });
      replies++;
      if (replies === 2 && !undone) {
        expectCounted(actor.getSnapshot().context, `${name}: before Back`);
        actor.send({ type: 'decision.undo' });
        expectCounted(actor.getSnapshot().context, `${name}: after Back`);
        undone = true;
        replies--;
        continue;
      }
    }
    expectCounted(actor.getSnapshot().context, `${name}: at ${String(actor.getSnapshot().value)}`);
  }
  expect(actor.getSnapshot().status, name).toBe('done');
  return replies;
}

describe('the running tallies equal those counted from the transcript', () => {
  it.each(files)('every step of %s\'s best path, and Back', (name) => {
    // Validated once per test worker (test/helpers/bundled.ts), not again here.
    const scenario = bundledScenario(name.slice(0, -'.json'.length));
    expect(playBest(scenario, name)).toBeGreaterThan(2);
  });

  it('every step of a generated chain of 1,500 decisions', () => {
    const scenario = validScenario(decisionChain(1_500), 'chain.json');
    expect(playBest(scenario, 'chain')).toBe(1_500);
  });

  it('with weights, both verdicts and a principle assessed twice in one reply', () => {
    const turns: Turn[] = [
      { nodeId: 'a', replyId: 'a1', feedback: '', changes: [], assessments: [{ principle: 'p', verdict: 'follows', weight: 2 }, { principle: 'q', verdict: 'violates' }] },
      { nodeId: 'b', replyId: 'b1', feedback: '', changes: [], assessments: [{ principle: 'r', verdict: 'follows', weight: 0.1 }, { principle: 'p', verdict: 'violates', weight: 3 }, { principle: 'r', verdict: 'follows', weight: 0.2 }] },
    ];
    expect(JSON.stringify(counted(turns))).toBe(JSON.stringify(talliesOf(turns)));
    expect(JSON.stringify(talliesOf(turns))).toBe(JSON.stringify({ p: { followed: 2, violated: 3 }, q: { followed: 0, violated: 1 }, r: { followed: 0.1 + 0.2, violated: 0 } }));
  });
});

describe('a reply does not count the turns before it again', () => {
  it('reads the assessments of no earlier turn (800 turns)', () => {
    const count = 800;
    const scenario = validScenario(decisionChain(count + 1), 'chain.json');
    const machine = compileScenario(scenario);
    const actor = createActor(machine, actorOptions(scenario, { mode: 'practice' })).start();
    for (let i = 0; i < count; i++) {
      actor.send({ type: 'reply.choose', replyId: `d${i}-${i % 2 ? 'b' : 'a'}` });
      actor.send({ type: 'scene.continue' });
    }
    const snapshot = actor.getSnapshot();
    expect(snapshot.context.transcript).toHaveLength(count);
    // The turns before, each counting the reads of its assessments.
    let reads = 0;
    const transcript = snapshot.context.transcript.map((turn) => {
      const copy = { ...turn };
      Object.defineProperty(copy, 'assessments', { enumerable: true, get: () => { reads++; return turn.assessments; } });
      return copy;
    });
    const [after] = transition(machine, { ...snapshot, context: { ...snapshot.context, transcript } } as typeof snapshot, { type: 'reply.choose', replyId: `d${count}-a` });
    expect(after.context.transcript).toHaveLength(count + 1);
    expect(reads).toBe(0);
    expectCounted(after.context, 'after the reply');
  });
});
