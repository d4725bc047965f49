import { initialTransition, transition } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import { describe, expect, it } from 'vitest';
import { compileScenario } from '../../src/machines/compile.js';
import { indexScenario } from '../../src/machines/scenario-index.js';
import type { SessionEvent } from '../../src/machines/types.js';
import { loadValidFixture } from '../helpers/fixtures.js';
import { shortestWaysToDone, taker } from '../helpers/machine-steps.js';

// Small scenarios with scenes, decisions and replies offered only at some trust (best-here-gated: two).
const fixtures = ['good/example.json', 'good/gated-best.json', 'good/best-here-gated.json'];

describe.each(fixtures)('the test helpers that step a compiled machine, on %s', (name) => {
  const scenario = loadValidFixture(name);
  const index = indexScenario(scenario);
  const machine = compileScenario(scenario);
  const events = (snapshot: { value: unknown }): SessionEvent[] => {
    const node = index.nodes.get(String(snapshot.value));
    if (node?.kind === 'scene') return [{ type: 'scene.continue' }];
    if (node?.kind === 'decision') return node.replies.map((r): SessionEvent => ({ type: 'reply.choose', replyId: r.id }));
    return [];
  };
  const key = (snapshot: { value: unknown; context: { variables: unknown } }) => `${String(snapshot.value)} ${JSON.stringify(snapshot.context.variables)}`;

  it('taker: undefined exactly where the state cannot take the event (can), else the snapshot xstate\'s transition gives', () => {
    const take = taker(machine);
    let refused = 0;
    const queue = [initialTransition(machine, { mode: 'practice' })[0]];
    for (let at = 0; at < queue.length; at++) {
      const snapshot = queue[at]!;
      if (snapshot.status === 'done') continue;
      // Every event at every state: a scene's replies and a decision's "continue" too.
      const all: SessionEvent[] = [{ type: 'scene.continue' }, ...[...index.replies.keys()].map((replyId): SessionEvent => ({ type: 'reply.choose', replyId }))];
      for (const event of all) {
        const next = take(snapshot, event);
        expect(next !== undefined, `${JSON.stringify(event)} at ${String(snapshot.value)}`).toBe(snapshot.can(event));
        if (!next) {
          refused++;
          continue;
        }
        const [theirs] = transition(machine, snapshot, event);
        expect({ value: next.value, status: next.status, context: next.context, output: next.output }).toStrictEqual({ value: theirs.value, status: theirs.status, context: theirs.context, output: theirs.output });
        queue.push(next);
      }
    }
    expect(refused).toBeGreaterThan(0);
  });

  it('shortestWaysToDone: the finished states getShortestPaths finds, each by a way as short, that plays to it', () => {
    const mine = shortestWaysToDone(machine, events, key);
    const theirs = getShortestPaths(machine, { input: { mode: 'practice' }, events, serializeState: key, toState: (s) => s.status === 'done' });
    const byKey = (ways: { key: string; length: number }[]) => Object.fromEntries(ways.map((w) => [w.key, w.length]));
    expect(byKey(mine.map((w) => ({ key: key(w.snapshot), length: w.events.length }))))
      .toEqual(byKey(theirs.map((p) => ({ key: key(p.state), length: p.steps.filter((s) => (s.event as { type: string }).type !== 'xstate.init').length }))));
    const take = taker(machine);
    for (const way of mine) {
      let snapshot = initialTransition(machine, { mode: 'practice' })[0];
      for (const event of way.events) snapshot = take(snapshot, event)!;
      expect(snapshot.status).toBe('done');
      expect(key(snapshot)).toBe(key(way.snapshot));
      expect(snapshot.output).toStrictEqual(way.snapshot.output);
    }
  });
});
