import { createActor } from 'xstate';
import { describe, expect, it } from 'vitest';
import { conductOf, percentSoFar } from '../../src/machines/conduct.js';
import { compileScenario, indexScenario, validateScenario, type Scenario } from '../../src/machines/index.js';
import { loadValidFixture } from '../helpers/fixtures.js';
import { playReplies } from '../helpers/play.js';

const example = loadValidFixture('good/example.json');

/** The example where the last decision's "wait" reply routes on conduct instead of going straight to the mixed ending. */
function routedOnConduct(when: unknown): Scenario {
  const s = structuredClone(example);
  const after = s.nodes.find((n) => n.id === 'after-visit');
  if (after?.kind !== 'decision') throw new Error('fixture changed');
  const wait = after.replies.find((r) => r.id === 'after-wait');
  if (!wait) throw new Error('fixture changed');
  wait.next = [{ when: when as never, to: 'end-harmful' }, { to: 'end-mixed' }];
  const result = validateScenario(JSON.stringify(s), 'conduct.json');
  if (!result.scenario) throw new Error(result.problems.map((p) => p.message).join('\n'));
  return result.scenario;
}

function endingOf(s: Scenario, replies: string[]): string | undefined {
  return playReplies(s, replies)?.ending?.id;
}

describe('conduct so far', () => {
  it('counts critical violations, points, the best points the decisions allowed, and violations per principle', () => {
    const index = indexScenario(example);
    const turn = (nodeId: string, replyId: string) => ({ nodeId, replyId, assessments: index.replies.get(replyId)!.reply.assessments });
    const c = conductOf([turn('phone', 'phone-accuse'), turn('after-visit', 'after-search')], index);
    expect(c).toMatchObject({ critical: 1, points: -6, possible: 4, violations: { 'curious-not-interrogating': 1, 'no-jumping-to-conclusions': 1, 'no-investigating': 1 } });
    expect(percentSoFar(c)).toBe(0);
    expect(percentSoFar(conductOf([turn('phone', 'phone-curious')], index))).toBe(100);
    expect(percentSoFar(conductOf([], index))).toBe(100);
  });
});

describe('routes that read conduct', () => {
  it('a route on a principle\'s violations sends the same reply to different endings by what came before', () => {
    const s = routedOnConduct({ conduct: 'violations', principle: 'curious-not-interrogating', gte: 1 });
    expect(endingOf(s, ['phone-accuse', 'after-wait'])).toBe('end-harmful');
    expect(endingOf(s, ['phone-curious', 'after-wait'])).toBe('end-mixed');
  });

  it('a route on the score so far counts the reply just chosen', () => {
    // phone-curious (+2 of 2), then after-wait (−1 of a possible 2): 1 of 4 = 25%.
    const s = routedOnConduct({ conduct: 'percent', lt: 30 });
    expect(endingOf(s, ['phone-curious', 'after-wait'])).toBe('end-harmful');
    expect(endingOf(routedOnConduct({ conduct: 'percent', lt: 20 }), ['phone-curious', 'after-wait'])).toBe('end-mixed');
  });

  it('a reply offered only while there is no critical violation disappears after one', () => {
    const s = structuredClone(example);
    const phone = s.nodes.find((n) => n.id === 'phone');
    if (phone?.kind !== 'decision') throw new Error('fixture changed');
    // A prohibited act at the first decision, for the test's sake.
    phone.replies[2]!.assessments = [{ principle: 'no-picking-up', verdict: 'violates', weight: 3 }];
    const after = s.nodes.find((n) => n.id === 'after-visit');
    if (after?.kind !== 'decision') throw new Error('fixture changed');
    after.replies[0]!.when = { conduct: 'critical', eq: 0 } as never;
    const actor = createActor(compileScenario(s), { input: {} }).start();
    actor.send({ type: 'reply.choose', replyId: phone.replies[2]!.id });
    while (actor.getSnapshot().can({ type: 'scene.continue' })) actor.send({ type: 'scene.continue' });
    expect(actor.getSnapshot().value).toBe('after-visit');
    expect(actor.getSnapshot().can({ type: 'reply.choose', replyId: after.replies[0]!.id })).toBe(false);
    expect(actor.getSnapshot().can({ type: 'reply.choose', replyId: after.replies[1]!.id })).toBe(true);
  });
});

describe('the validator and conduct conditions', () => {
  const codes = (when: unknown) => {
    const s = structuredClone(example) as unknown as { nodes: { id: string; replies?: { id: string; next: unknown }[] }[] };
    const wait = s.nodes.find((n) => n.id === 'after-visit')!.replies!.find((r) => r.id === 'after-wait')!;
    wait.next = [{ when, to: 'end-harmful' }, { to: 'end-mixed' }];
    return validateScenario(JSON.stringify(s), 'c.json').problems.map((p) => `${p.severity} ${p.code}: ${p.message}`);
  };

  it('accepts each measure', () => {
    for (const when of [{ conduct: 'critical', gte: 1 }, { conduct: 'percent', lt: 50 }, { conduct: 'points', lte: 0 }, { conduct: 'violations', principle: 'no-investigating', gte: 1 }]) {
      expect(codes(when).filter((c) => c.startsWith('error'))).toEqual([]);
    }
  });

  it('says "violations" needs a principle, and a principle goes only with "violations"', () => {
    expect(codes({ conduct: 'violations', gte: 1 }).join('\n')).toMatch(/error .*principle/);
    expect(codes({ conduct: 'critical', principle: 'no-investigating', gte: 1 }).join('\n')).toMatch(/error .*principle/);
  });

  it('names the measures when one is misspelt, and warns when a comparison can never hold', () => {
    expect(codes({ conduct: 'criticals', gte: 1 }).join('\n')).toMatch(/error .*critical/);
    expect(codes({ conduct: 'percent', gt: 100 }).join('\n')).toMatch(/warning condition-never-true: .*percent/);
    expect(codes({ conduct: 'critical', lt: 0 }).join('\n')).toMatch(/warning condition-never-true/);
  });
});
