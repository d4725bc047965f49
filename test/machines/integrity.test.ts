import fc from 'fast-check';
import { initialTransition, transition } from 'xstate';
import { describe, expect, it } from 'vitest';
import { exploreScenario } from '../../src/machines/audit/explore.js';
import { compileScenario, validateScenario, type Debrief, type Scenario, type ScenarioNode } from '../../src/machines/index.js';
import { readFixture } from '../helpers/fixtures.js';

type Found = Map<string, { worst: number; best: number; afterCritical: boolean }>;

/** Every playthrough, by brute force through the compiled machine: the reference for the exploration. */
function bruteForce(s: Scenario): Found {
  const machine = compileScenario(s);
  const found: Found = new Map();
  const visit = (snapshot: ReturnType<typeof initialTransition<typeof machine>>[0]) => {
    if (snapshot.status === 'done') {
      const d = snapshot.output as Debrief;
      const id = d.ending?.id as string;
      const f = found.get(id) ?? { worst: Infinity, best: -Infinity, afterCritical: false };
      found.set(id, { worst: Math.min(f.worst, d.score.percent), best: Math.max(f.best, d.score.percent), afterCritical: f.afterCritical || d.criticalViolations.length > 0 });
      return;
    }
    if (snapshot.can({ type: 'scene.continue' })) return visit(transition(machine, snapshot, { type: 'scene.continue' })[0]);
    const node = s.nodes.find((n) => n.id === snapshot.value);
    if (node?.kind !== 'decision') return;
    for (const r of node.replies) {
      const event = { type: 'reply.choose' as const, replyId: r.id };
      if (snapshot.can(event)) visit(transition(machine, snapshot, event)[0]);
    }
  };
  visit(initialTransition(machine, { mode: 'practice' })[0]);
  return found;
}

const conditionArb = fc.oneof(
  fc.record({ var: fc.constant('v'), gte: fc.integer({ min: 0, max: 1 }) }),
  fc.record({ conduct: fc.constant('critical'), eq: fc.constant(0) }),
  fc.record({ conduct: fc.constant('score'), gte: fc.integer({ min: 0, max: 100 }) }),
  fc.record({ conduct: fc.constant('percent'), lt: fc.integer({ min: 1, max: 100 }) }),
  fc.record({ conduct: fc.constant('violations'), principle: fc.constant('curious-not-interrogating'), gte: fc.integer({ min: 1, max: 2 }) }),
);

const replyArb = fc.record({
  weight: fc.integer({ min: -3, max: 3 }),
  critical: fc.boolean(),
  interrogates: fc.boolean(),
  add: fc.integer({ min: 0, max: 1 }),
  target: fc.nat(),
  guarded: fc.option(fc.tuple(conditionArb, fc.nat()), { nil: undefined }),
  offeredWhen: fc.option(conditionArb, { nil: undefined }),
});

const randomScenario = fc.tuple(
  fc.array(fc.array(replyArb, { minLength: 2, maxLength: 3 }), { minLength: 2, maxLength: 7 }),
  fc.array(fc.constantFrom('strong', 'mixed', 'harmful'), { minLength: 1, maxLength: 3 }),
).map(([decisions, kinds]) => {
  const ids = [...decisions.map((_, i) => `d${i}`), ...kinds.map((_, i) => `e${i}`)];
  const later = (i: number, pick: number) => ids[i + 1 + (pick % (ids.length - i - 1))] as string;
  const nodes: ScenarioNode[] = decisions.map((replies, i) => ({
    id: `d${i}`, kind: 'decision' as const, facilitatorNote: 'n', discussionPrompt: 'p',
    replies: replies.map((r, j) => ({
      id: `d${i}-r${j}`, text: 't', feedback: 'f (Self-Care)',
      // The first reply is always offered, so no decision is a dead end.
      ...(j > 0 && r.offeredWhen ? { when: r.offeredWhen as never } : {}),
      assessments: [
        ...(r.weight === 0 ? [] : [{ principle: 'self-care', verdict: r.weight > 0 ? 'follows' as const : 'violates' as const, weight: Math.abs(r.weight) }]),
        ...(r.critical ? [{ principle: 'no-investigating', verdict: 'violates' as const, weight: 3 }] : []),
        ...(r.interrogates ? [{ principle: 'curious-not-interrogating', verdict: 'violates' as const }] : []),
      ],
      effects: [{ var: 'v', add: r.add }],
      next: r.guarded === undefined ? later(i, r.target) : [{ when: r.guarded[0] as never, to: later(i, r.guarded[1]) }, { to: later(i, r.target) }],
    })),
  }));
  kinds.forEach((kind, i) => nodes.push({ id: `e${i}`, kind: 'ending', ending: kind, title: 't', narration: 'n' }));
  return {
    id: 'random', version: 1, title: 't', summary: 's', contentNote: 'c', estimatedMinutes: 1, learningGoals: ['self-care'],
    characters: [{ id: 'y', name: 'Y', role: 'youth' }], variables: [{ id: 'v', label: 'v', min: 0, max: 1, start: 0 }], start: 'd0', nodes,
  } as Scenario;
});

describe('the exploration of reachable states', () => {
  it('finds exactly what brute force over every playthrough finds: each ending\'s worst and best score, and whether a critical violation reaches it', () => {
    fc.assert(fc.property(randomScenario, (s) => {
      const explored = exploreScenario(s);
      expect(explored.complete).toBe(true);
      const mine: Found = new Map(explored.endings.map((e) => [e.endingId, { worst: e.worst, best: e.best, afterCritical: e.afterCritical }]));
      const reference = bruteForce(s);
      expect(reference.size).toBeGreaterThan(0);
      expect(Object.fromEntries(mine)).toEqual(Object.fromEntries(reference));
    }), { numRuns: 300, seed: 7 });
  });

  it('the counterexample it names really is a playthrough that ends there with that score', () => {
    fc.assert(fc.property(randomScenario, (s) => {
      const machine = compileScenario(s);
      for (const e of exploreScenario(s).endings) {
        let [snap] = initialTransition(machine, { mode: 'practice' });
        for (const replyId of e.worstPath) [snap] = transition(machine, snap, { type: 'reply.choose', replyId });
        expect(snap.status).toBe('done');
        expect((snap.output as Debrief).ending?.id).toBe(e.endingId);
        expect((snap.output as Debrief).score.percent).toBe(e.worst);
      }
    }), { numRuns: 150, seed: 9 });
  });

  it('keeps a playthrough with a critical violation apart from one without, where both reach the same node with the same values', () => {
    const reply = (id: string, principle: string, verdict: 'follows' | 'violates', weight: number, next: string) =>
      ({ id, text: 't', feedback: 'f', assessments: [{ principle, verdict, weight }], next });
    const s = {
      id: 'x', version: 1, title: 't', summary: 's', contentNote: 'c', estimatedMinutes: 1, learningGoals: ['self-care'],
      characters: [{ id: 'y', name: 'Y', role: 'youth' }], start: 'd0',
      nodes: [
        { id: 'd0', kind: 'decision', replies: [reply('a', 'no-investigating', 'violates', 3, 'd1'), reply('b', 'self-care', 'follows', 3, 'd1')] },
        { id: 'd1', kind: 'decision', replies: [reply('c', 'self-care', 'follows', 3, 'e0'), reply('d', 'self-care', 'violates', 1, 'e0')] },
        { id: 'e0', kind: 'ending', ending: 'strong', title: 't', narration: 'n' },
      ],
    } as unknown as Scenario;
    const [e] = exploreScenario(s).endings;
    expect(e).toMatchObject({ worst: 0, best: 100, afterCritical: true, criticalPath: ['a', 'd'], bestPath: ['b', 'c'] });
    expect(Object.fromEntries(bruteForce(s))).toEqual({ e0: { worst: 0, best: 100, afterCritical: true } });
  });

  it('stops at the state limit and says it is incomplete', () => {
    const s = validateScenario(readFixture('good/example.json'), 'x.json').scenario as Scenario;
    expect(exploreScenario(s, 3)).toMatchObject({ complete: false, states: 3 });
  });
});

describe('ending integrity in the validator', () => {
  it('warns when a playthrough scoring 90% or more can reach a harmful ending', () => {
    const text = readFixture('good/example.json').toString('utf8').replace('{ "to": "end-strong" }', '{ "to": "end-harmful" }');
    const codes = validateScenario(text, 'x.json').problems.map((p) => `${p.severity} ${p.code}`);
    expect(codes).toContain('warning harmful-at-90');
  });
});

describe('a scenario that cannot be scored', () => {
  it('warns when no playthrough can earn more than 0 points, since everyone would score 0%', () => {
    // Every reply of the example made to violate what it followed.
    const text = readFixture('good/example.json').toString('utf8').replace(/"verdict": "follows"/g, '"verdict": "violates"');
    const problems = validateScenario(text, 'x.json').problems;
    expect(problems.map((p) => `${p.severity} ${p.code}`)).toContain('warning best-not-positive');
    expect(validateScenario(readFixture('good/example.json'), 'x.json').problems.map((p) => p.code)).not.toContain('best-not-positive');
  });
});
