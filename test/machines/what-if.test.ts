import { createActor } from 'xstate';
import { describe, expect, it } from 'vitest';
import { compileScenario, startSession, whatIfFrom } from '../../src/machines/index.js';
import { loadValidFixture } from '../helpers/fixtures.js';

describe('what if: back to an earlier decision of a finished playthrough', () => {
  const scenario = loadValidFixture('good/example.json');

  function finished(seed: number) {
    const actor = startSession(scenario, 'practice', undefined, seed);
    actor.send({ type: 'reply.choose', replyId: 'phone-curious' });
    actor.send({ type: 'scene.continue' });
    actor.send({ type: 'reply.choose', replyId: 'after-wait' });
    const snap = actor.getSnapshot();
    expect(snap.status).toBe('done');
    return snap.context;
  }

  it('stands at the chosen decision with the replies before it, the same values and the same seed', () => {
    const context = finished(1234);
    const second = whatIfFrom(scenario, context, 1);
    if (!second) throw new Error('no snapshot');
    const actor = createActor(compileScenario(scenario), { snapshot: second, input: { mode: 'practice' } }).start();
    const snap = actor.getSnapshot();
    expect(snap.value).toBe('after-visit');
    expect(snap.status).toBe('active');
    expect(snap.context.transcript.map((t) => t.replyId)).toEqual(['phone-curious']);
    expect(snap.context.variables.trust).toBe(60);
    expect(snap.context.seed).toBe(1234);
    // Another reply can be tried there.
    actor.send({ type: 'reply.choose', replyId: 'after-supervisor' });
    expect(actor.getSnapshot().status).toBe('done');

    const first = whatIfFrom(scenario, context, 0);
    const again = createActor(compileScenario(scenario), { snapshot: first, input: { mode: 'practice' } }).start().getSnapshot();
    expect(again.value).toBe('phone');
    expect(again.context.transcript).toEqual([]);
  });

  it('gives nothing for a decision out of range or turns that do not fit the scenario', () => {
    const context = finished(7);
    expect(whatIfFrom(scenario, context, 2)).toBeUndefined();
    expect(whatIfFrom(scenario, context, -1)).toBeUndefined();
    expect(whatIfFrom(scenario, { ...context, transcript: [{ ...context.transcript[0]!, replyId: 'nope' }, context.transcript[1]!] }, 1)).toBeUndefined();
  });
});
