import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { initialTransition } from 'xstate';
import { describe, expect, it } from 'vitest';
import { exploreScenario } from '../../src/machines/audit/explore.js';
import { answerKeyFigures } from '../../src/machines/audit/answer-key.js';
import { auditScenario, formatAudit, wordingMisses } from '../../src/machines/audit/index.js';
import { generateScenario } from '../../bench/generate.js';
import { compileScenario, percentOfBest, validateScenario, type Debrief, type Scenario, type ScenarioNode } from '../../src/machines/index.js';
import { readFixture } from '../helpers/fixtures.js';
import { stepper, taker } from '../helpers/machine-steps.js';
import { playReplies } from '../helpers/play.js';
import { referenceFindings } from '../helpers/reference-exploration.js';

type Found = Map<string, { worst: number; best: number; afterCritical: boolean }>;

/**
 * Every playthrough, by brute force through the compiled machine: the reference for the exploration.
 * Given `played`, each playthrough's debrief is kept there by its reply ids (for expectRealPaths).
 */
function bruteForceAll(s: Scenario, played?: Map<string, Debrief>): { endings: Found; bestWithCritical?: number } {
  const machine = compileScenario(s);
  // Each step worked out once (can() and then the transition worked the guards out twice: a fifth of this check's time).
  const take = taker(machine);
  const nodes = new Map(s.nodes.map((n) => [n.id, n]));
  const found: Found = new Map();
  let bestWithCritical: number | undefined;
  const visit = (snapshot: ReturnType<typeof initialTransition<typeof machine>>[0]): void => {
    if (snapshot.status === 'done') {
      const d = snapshot.output as Debrief;
      const id = d.ending?.id as string;
      const f = found.get(id) ?? { worst: Infinity, best: -Infinity, afterCritical: false };
      found.set(id, { worst: Math.min(f.worst, d.score.percent), best: Math.max(f.best, d.score.percent), afterCritical: f.afterCritical || d.criticalViolations.length > 0 });
      if (d.criticalViolations.length > 0) bestWithCritical = Math.max(bestWithCritical ?? -Infinity, percentOfBest(d.score.earned, d.score.best));
      played?.set(snapshot.context.transcript.map((t) => t.replyId).join(' '), d);
      return;
    }
    // A scene goes on by itself; only a decision is offered replies (a decision was asked to
    // continue first, and a step the machine cannot take costs nearly as much as one it can).
    const node = nodes.get(String(snapshot.value));
    if (node?.kind === 'scene') {
      const after = take(snapshot, { type: 'scene.continue' });
      if (after) visit(after);
      return;
    }
    if (node?.kind !== 'decision') return;
    for (const r of node.replies) {
      const next = take(snapshot, { type: 'reply.choose', replyId: r.id });
      if (next) visit(next);
    }
  };
  visit(initialTransition(machine, { mode: 'practice' })[0]);
  return { endings: found, ...(bestWithCritical === undefined ? {} : { bestWithCritical }) };
}

function bruteForce(s: Scenario): Found {
  return bruteForceAll(s).endings;
}

/**
 * The exploration of a scenario, once per scenario object: several properties check its findings
 * against a reference and then replay its playthroughs, and it is pure (same scenario, same result).
 */
const explorations = new WeakMap<Scenario, ReturnType<typeof exploreScenario>>();
function explore(s: Scenario): ReturnType<typeof exploreScenario> {
  let explored = explorations.get(s);
  if (!explored) explorations.set(s, (explored = exploreScenario(s)));
  return explored;
}

/** The exploration's findings in the reference's shape. */
function findingsOf(s: Scenario) {
  const explored = explore(s);
  expect(explored.complete).toBe(true);
  return {
    endings: Object.fromEntries(explored.endings.map((e) => [e.endingId, { worst: e.worst, best: e.best, afterCritical: e.afterCritical }])),
    ...(explored.bestWithCritical ? { bestWithCritical: explored.bestWithCritical.uncapped } : {}),
  };
}

/**
 * Every playthrough the exploration names ends where it says, with the score it says. Given the
 * debrief of every playthrough (bruteForceAll's `played`), each is looked up there rather than
 * played again.
 */
function expectRealPaths(s: Scenario, played?: ReadonlyMap<string, Debrief>) {
  const explored = explore(s);
  const play = (path: string[]) => {
    const d = played ? played.get(path.join(' ')) : playReplies(s, path);
    expect(d, `${path.join(' → ')} does not finish`).toBeDefined();
    return d as Debrief;
  };
  for (const e of explored.endings) {
    const worst = play(e.worstPath);
    expect([worst.ending?.id, worst.score.percent]).toEqual([e.endingId, e.worst]);
    const top = play(e.bestPath);
    expect([top.ending?.id, top.score.percent]).toEqual([e.endingId, e.best]);
    if (e.afterCritical) {
      const critical = play(e.criticalPath as string[]);
      expect(critical.ending?.id).toBe(e.endingId);
      expect(critical.criticalViolations.length).toBeGreaterThan(0);
    } else expect(e.criticalPath).toBeUndefined();
  }
  if (explored.bestWithCritical) {
    const d = play(explored.bestWithCritical.path);
    expect(d.criticalViolations.length).toBeGreaterThan(0);
    expect(percentOfBest(d.score.earned, d.score.best)).toBe(explored.bestWithCritical.uncapped);
  }
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

/** A bound on points, the score or the percentage so far, sometimes between two whole numbers (where rounding decides). */
const pointsConditionArb = (measures: ('points' | 'score' | 'percent')[]) => fc.record({
  conduct: fc.constantFrom(...measures),
  ops: fc.uniqueArray(fc.constantFrom('gte', 'gt', 'lte', 'lt', 'eq', 'ne'), { minLength: 1, maxLength: 2 }),
  bounds: fc.tuple(fc.integer({ min: -4, max: 100 }), fc.integer({ min: -4, max: 100 })),
  half: fc.boolean(),
}).map(({ conduct, ops, bounds, half }) => {
  const bound = (b: number) => (conduct === 'points' ? (b % 13) : b) + (half && conduct !== 'points' ? 0.5 : 0);
  return Object.fromEntries([['conduct', conduct], ...ops.map((op, i) => [op, bound(bounds[i] as number)])]);
});

/**
 * Conditions of every kind, most on points; `wide`: fewer that tell playthroughs apart otherwise
 * (variables, percent, violations); `onPoints` false: none on points, the score or the percentage.
 */
const whenArbOf = (wide: boolean, onPoints = true) => {
  const one = fc.oneof(
    { arbitrary: pointsConditionArb(wide ? ['points', 'score', 'score', 'points', 'percent'] : ['points', 'score', 'percent']), weight: !onPoints ? 0 : wide ? 12 : 4 },
    { arbitrary: fc.record({ var: fc.constant('v'), gte: fc.integer({ min: 0, max: 2 }) }), weight: 1 },
    { arbitrary: fc.record({ var: fc.constant('v'), lt: fc.integer({ min: 0, max: 3 }) }), weight: wide ? 0 : 1 },
    { arbitrary: fc.record({ var: fc.constant('f'), is: fc.boolean() }), weight: wide ? 0 : 1 },
    { arbitrary: fc.record({ conduct: fc.constant('critical'), eq: fc.constant(0) }), weight: 1 },
    { arbitrary: fc.record({ conduct: fc.constant('violations'), principle: fc.constant('curious-not-interrogating'), gte: fc.integer({ min: 1, max: 2 }) }), weight: 1 },
  );
  return fc.oneof(one, fc.array(one, { minLength: 2, maxLength: 2 }));
};

/** Effects on a number from 0 to 2 (adds, and sets that may fall outside, to be clamped) and on a yes/no flag. */
const effectsArbOf = (wide: boolean) => {
  const one = fc.oneof(
    { arbitrary: fc.record({ var: fc.constant('v'), add: wide ? fc.constantFrom(0, 0, 0, 1, -1) : fc.integer({ min: -2, max: 2 }) }), weight: 3 },
    { arbitrary: fc.record({ var: fc.constant('v'), set: fc.integer({ min: -1, max: 3 }) }), weight: wide ? 0 : 1 },
    { arbitrary: fc.record({ var: fc.constant('f'), set: fc.boolean() }), weight: wide ? 0 : 1 },
  );
  return fc.array(one, { minLength: 0, maxLength: 2 });
};

const replyArbOf = (wide: boolean, onPoints = true) => {
  const when = whenArbOf(wide, onPoints);
  return fc.record({
    weights: fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 0, maxLength: 2 }),
    critical: wide ? fc.constant(false) : fc.boolean(),
    interrogates: wide ? fc.constant(false) : fc.boolean(),
    effects: effectsArbOf(wide),
    target: fc.nat(),
    guarded: fc.option(fc.tuple(when, fc.nat(), when, fc.nat()), { nil: undefined }),
    offeredWhen: fc.option(when, { nil: undefined }),
  });
};

/**
 * Random scenarios whose conditions read points, the score and the percentage so far with every
 * comparison (guards on replies, routes of replies and scenes), effects that add to and set a
 * number and set a flag (on replies and scenes), and, when
 * `even`, every weight 2 (so points move in steps of 2). Up to `size` decisions and scenes, each
 * leading at most `reach` nodes on. `wide`: many playthroughs meet in the same state, so points
 * sets are wide intervals that conditions cut inside.
 */
const pointsScenarioArb = (size: number, reach: number, wide = false, onPoints = true) => fc.tuple(
  fc.array(fc.oneof(
    { arbitrary: fc.array(replyArbOf(wide, onPoints), { minLength: 2, maxLength: 3 }), weight: 3 },
    { arbitrary: fc.record({ effects: effectsArbOf(wide), target: fc.nat(), routed: fc.option(fc.tuple(whenArbOf(wide, onPoints), fc.nat()), { nil: undefined }) }), weight: 1 },
  ), { minLength: 2, maxLength: size }),
  fc.array(fc.constantFrom('strong', 'mixed', 'harmful'), { minLength: 1, maxLength: wide ? 6 : 3 }),
  fc.boolean(),
).map(([steps, kinds, even]) => {
  const ids = [...steps.map((_, i) => `d${i}`), ...kinds.map((_, i) => `e${i}`)];
  const later = (i: number, pick: number) => ids[i + 1 + (pick % Math.min(reach, ids.length - i - 1))] as string;
  // When wide, a route with a condition goes straight to an ending, so where a cut falls shows in its worst and best.
  const guardedTo = (i: number, pick: number) => (wide ? `e${pick % kinds.length}` : later(i, pick));
  const nodes: ScenarioNode[] = steps.map((step, i) => {
    if (!Array.isArray(step)) {
      return { id: `d${i}`, kind: 'scene' as const, narration: 'n', effects: step.effects,
        next: step.routed === undefined ? later(i, step.target) : [{ when: step.routed[0] as never, to: guardedTo(i, step.routed[1]) }, { to: later(i, step.target) }] };
    }
    return {
      id: `d${i}`, kind: 'decision' as const, facilitatorNote: 'n', discussionPrompt: 'p',
      replies: step.map((r, j) => ({
        id: `d${i}-r${j}`, text: 't', feedback: 'f (Self-Care)',
        ...(j > 0 && r.offeredWhen ? { when: r.offeredWhen as never } : {}),
        assessments: [
          ...r.weights.filter((w) => w !== 0).map((w, k) => ({ principle: k === 0 ? 'self-care' : 'youth-centered', verdict: w > 0 ? 'follows' as const : 'violates' as const, weight: even ? 2 : Math.abs(w) })),
          ...(r.critical ? [{ principle: 'no-investigating', verdict: 'violates' as const, weight: even ? 2 : 3 }] : []),
          ...(r.interrogates ? [{ principle: 'curious-not-interrogating', verdict: 'violates' as const, ...(even ? { weight: 2 } : {}) }] : []),
        ],
        effects: r.effects,
        next: r.guarded === undefined ? later(i, r.target)
          : [{ when: r.guarded[0] as never, to: guardedTo(i, r.guarded[1]) }, { when: r.guarded[2] as never, to: guardedTo(i, r.guarded[3]) }, { to: later(i, r.target) }],
      })),
    };
  });
  kinds.forEach((kind, i) => nodes.push({ id: `e${i}`, kind: 'ending', ending: kind, title: 't', narration: 'n' }));
  return {
    id: 'random', version: 1, title: 't', summary: 's', contentNote: 'c', estimatedMinutes: 1, learningGoals: ['self-care'],
    characters: [{ id: 'y', name: 'Y', role: 'youth' }], start: 'd0', nodes,
    variables: [{ id: 'v', label: 'v', min: 0, max: 2, start: 1 }, { id: 'f', label: 'f', type: 'flag', start: false }],
  } as Scenario;
});
const pointsScenario = pointsScenarioArb(7, 20);

/**
 * A chain of decisions (each reply worth −3 to 3 points) into a last node that sends each part of
 * the points its own way: a scene whose routes, or a decision whose replies, have conditions on
 * points, the score or the percentage, each to an ending of its own. Every ending is reached from
 * there only, so its worst and best are exactly where the conditions cut the points.
 */
const cutScenario = fc.tuple(
  fc.array(fc.array(fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 1, maxLength: 2 }), { minLength: 2, maxLength: 3 }), { minLength: 1, maxLength: 6 }),
  fc.array(fc.oneof(pointsConditionArb(['points', 'score', 'percent']), fc.array(pointsConditionArb(['points', 'score', 'percent']), { minLength: 2, maxLength: 2 })), { minLength: 1, maxLength: 3 }),
  fc.boolean(),
).map(([chain, conditions, scene]) => {
  const assess = (weights: number[]) => weights.filter((w) => w !== 0).map((w, k) => ({ principle: k === 0 ? 'self-care' : 'youth-centered', verdict: w > 0 ? 'follows' as const : 'violates' as const, weight: Math.abs(w) }));
  const nodes: ScenarioNode[] = chain.map((replies, i) => ({
    id: `d${i}`, kind: 'decision' as const, facilitatorNote: 'n', discussionPrompt: 'p',
    replies: replies.map((weights, j) => ({ id: `d${i}-r${j}`, text: 't', feedback: 'f (Self-Care)', assessments: assess(weights), next: `d${i + 1}` })),
  }));
  const last = `d${chain.length}`;
  nodes.push(scene
    ? { id: last, kind: 'scene' as const, narration: 'n', next: [...conditions.map((when, k) => ({ when: when as never, to: `e${k + 1}` })), { to: 'e0' }] }
    : { id: last, kind: 'decision' as const, facilitatorNote: 'n', discussionPrompt: 'p',
      replies: [{ id: 'last-r0', text: 't', feedback: 'f (Self-Care)', assessments: assess([1]), next: 'e0' },
        ...conditions.map((when, k) => ({ id: `last-r${k + 1}`, text: 't', feedback: 'f (Self-Care)', when: when as never, assessments: assess([k - 1]), next: `e${k + 1}` }))] });
  for (let k = 0; k <= conditions.length; k++) nodes.push({ id: `e${k}`, kind: 'ending', ending: 'mixed', title: 't', narration: 'n' });
  return {
    id: 'random', version: 1, title: 't', summary: 's', contentNote: 'c', estimatedMinutes: 1, learningGoals: ['self-care'],
    characters: [{ id: 'y', name: 'Y', role: 'youth' }], start: 'd0', nodes,
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
      // One actor scope for every step (xstate's transition() makes a new actor for each call).
      const step = stepper(machine);
      for (const e of exploreScenario(s).endings) {
        let [snap] = initialTransition(machine, { mode: 'practice' });
        for (const replyId of e.worstPath) snap = step(snap, { type: 'reply.choose', replyId });
        expect(snap.status).toBe('done');
        expect((snap.output as Debrief).ending?.id).toBe(e.endingId);
        expect((snap.output as Debrief).score.percent).toBe(e.worst);
      }
    }), { numRuns: 150, seed: 9 });
  });

  it('with conditions on points, the score and the percentage (every comparison, on replies, routes and scenes), finds what brute force finds, and the best score with a critical violation', () => {
    fc.assert(fc.property(pointsScenario, (s) => {
      const reference = bruteForceAll(s);
      expect(reference.endings.size).toBeGreaterThan(0);
      expect(findingsOf(s)).toEqual({ endings: Object.fromEntries(reference.endings), ...(reference.bestWithCritical === undefined ? {} : { bestWithCritical: reference.bestWithCritical }) });
      // The plain explicit-set reference agrees with brute force here, so it can stand in for it on bigger scenarios.
      expect(referenceFindings(s)).toEqual({ endings: Object.fromEntries(reference.endings), ...(reference.bestWithCritical === undefined ? {} : { bestWithCritical: reference.bestWithCritical }) });
    }), { numRuns: 300, seed: 21 });
  });

  it('when no condition reads points (each state then keeps only its lowest and highest), finds what brute force finds, and its playthroughs are real', () => {
    fc.assert(fc.property(pointsScenarioArb(7, 20, false, false), (s) => {
      const played = new Map<string, Debrief>();
      const reference = bruteForceAll(s, played);
      expect(findingsOf(s)).toEqual({ endings: Object.fromEntries(reference.endings), ...(reference.bestWithCritical === undefined ? {} : { bestWithCritical: reference.bestWithCritical }) });
      expectRealPaths(s, played);
    }), { numRuns: 200, seed: 26 });
    fc.assert(fc.property(pointsScenarioArb(16, 3, true, false), (s) => {
      expect(findingsOf(s)).toEqual(referenceFindings(s));
      expectRealPaths(s);
    }), { numRuns: 150, seed: 27 });
  });

  it('cuts a set of points exactly where a condition on points, the score or the percentage changes (routes and replies that end the playthrough)', () => {
    fc.assert(fc.property(cutScenario, (s) => {
      // Every playthrough's debrief, from the brute force: the exploration's named playthroughs are looked up there.
      const played = new Map<string, Debrief>();
      const reference = bruteForceAll(s, played);
      expect(findingsOf(s)).toEqual({ endings: Object.fromEntries(reference.endings) });
      expectRealPaths(s, played);
    }), { numRuns: 200, seed: 24 });
  });

  it('every playthrough it names (worst, best, with a critical violation, best with one) ends where it says with the score it says', () => {
    fc.assert(fc.property(pointsScenario, (s) => expectRealPaths(s)), { numRuns: 150, seed: 22 });
  });

  it('on bigger random scenarios (up to 16 nodes, where points sets are wide intervals that conditions cut inside), finds what the explicit-set reference finds, and its playthroughs are real', () => {
    fc.assert(fc.property(pointsScenarioArb(16, 3, true), (s) => {
      expect(findingsOf(s)).toEqual(referenceFindings(s));
    }), { numRuns: 300, seed: 23 });
    // Where several states lead into one with different cuts, the walk back must take a way in that really leads there.
    fc.assert(fc.property(pointsScenarioArb(16, 3, true), (s) => expectRealPaths(s)), { numRuns: 100, seed: 25 });
  });

  it('explores a generated scenario of 300 nodes completely, and finds what the explicit-set reference finds; its playthroughs are real', () => {
    const validated = validateScenario(JSON.stringify(generateScenario(300)), 'generated.json');
    const s = validated.scenario as Scenario;
    expect(s).toBeDefined();
    const explored = explore(s);
    expect(explored.complete).toBe(true);
    // Points are not part of a state: node × trust (0–100 in steps of 5) at most.
    expect(explored.states).toBeLessThanOrEqual(300 * 21);
    expect(findingsOf(s)).toEqual(referenceFindings(s));
    expect(explored.endings.find((e) => e.endingId === 'end-strong')?.worst).toBe(50);
    expectRealPaths(s);
    // Validation is pure: the result above is the one a second validation of the same text gives.
    expect(validated.problems.map((p) => p.code)).not.toContain('exploration-incomplete');
  });

  it('takes each list of routes by what it tests: two lists alike but for one field (variable, flag value, comparison, bound, principle) go their own ways from the same state', () => {
    const pairs: [string, unknown, unknown, unknown[]?][] = [
      ['variable', { var: 'v', gte: 1 }, { var: 'w', gte: 1 }],
      ['flag value', { var: 'f', is: true }, { var: 'f', is: false }],
      ['bound', { var: 'v', gte: 1 }, { var: 'v', gte: 2 }],
      ['gte and gt', { var: 'v', gte: 1 }, { var: 'v', gt: 1 }],
      ['lte and lt', { var: 'v', lte: 1 }, { var: 'v', lt: 1 }],
      ['eq and ne', { var: 'v', eq: 1 }, { var: 'v', ne: 1 }],
      ['principle', { conduct: 'violations', principle: 'curious-not-interrogating', gte: 1 }, { conduct: 'violations', principle: 'self-care', gte: 1 }],
      ['one condition and two', { var: 'v', gte: 1 }, [{ var: 'v', gte: 1 }, { var: 'w', gte: 1 }]],
      // d0's routes are then "v ≥ 1", "w ≥ 1", the rest; d1's are "v ≥ 1 and w ≥ 1", the rest.
      ['two routes and one route with two conditions', { var: 'v', gte: 1 }, [{ var: 'v', gte: 1 }, { var: 'w', gte: 1 }], [{ when: { var: 'w', gte: 1 }, to: 'e1' }]],
    ];
    for (const [field, holds, fails, more = []] of pairs) {
      // d0's routes hold and lead on to d1, whose routes (the same but for one field) do not: it ends at e0.
      const s = {
        id: 'x', version: 1, title: 't', summary: 's', contentNote: 'c', estimatedMinutes: 1, learningGoals: ['self-care'],
        characters: [{ id: 'y', name: 'Y', role: 'youth' }], start: 'd0',
        variables: [{ id: 'v', label: 'v', min: 0, max: 2, start: 1 }, { id: 'w', label: 'w', min: 0, max: 2, start: 0 }, { id: 'f', label: 'f', type: 'flag', start: true }],
        nodes: [
          { id: 'd0', kind: 'decision', replies: [{ id: 'a', text: 't', feedback: 'f', assessments: [{ principle: 'curious-not-interrogating', verdict: 'violates' }], next: [{ when: holds, to: 'd1' }, ...more, { to: 'e1' }] }] },
          { id: 'd1', kind: 'decision', replies: [{ id: 'b', text: 't', feedback: 'f', assessments: [{ principle: 'self-care', verdict: 'follows' }], next: [{ when: fails, to: 'e1' }, { to: 'e0' }] }] },
          { id: 'e0', kind: 'ending', ending: 'mixed', title: 't', narration: 'n' },
          { id: 'e1', kind: 'ending', ending: 'mixed', title: 't', narration: 'n' },
        ],
      } as unknown as Scenario;
      expect(exploreScenario(s).endings.map((e) => e.endingId), field).toEqual(['e0']);
      expect([...bruteForce(s).keys()], field).toEqual(['e0']);
    }
  });

  it('writes out a playthrough that really ends there when two states lead into one, one of them holding the same points but sending them elsewhere', () => {
    // "e" is reached with 1 point only through z, y and r2; r1 also holds 1 point (after "a") but sends it to "f".
    // r1 comes before r2 in the order the exploration goes, so its way into "e" is met first when walking back.
    const reply = (id: string, weight: number, next: string) =>
      ({ id, text: 't', feedback: 'f (Self-Care)', assessments: weight === 0 ? [] : [{ principle: 'self-care', verdict: 'follows' as const, weight }], next });
    for (const zFirst of [true, false]) {
      const d0 = [reply('a', 1, 'r1'), reply('b', 3, 'd1')];
      const s = {
        id: 'x', version: 1, title: 't', summary: 's', contentNote: 'c', estimatedMinutes: 1, learningGoals: ['self-care'],
        characters: [{ id: 'y', name: 'Y', role: 'youth' }], start: 'd0',
        nodes: [
          { id: 'd0', kind: 'decision', replies: zFirst ? [reply('z', 1, 'd2'), ...d0] : [...d0, reply('z', 1, 'd2')] },
          { id: 'd1', kind: 'decision', replies: [reply('c', 3, 'r1')] },
          { id: 'd2', kind: 'decision', replies: [reply('y', 0, 'r2')] },
          { id: 'r1', kind: 'scene', narration: 'n', next: [{ when: { conduct: 'points', gte: 5 }, to: 'e' }, { to: 'f' }] },
          { id: 'r2', kind: 'scene', narration: 'n', next: [{ when: { conduct: 'points', gte: 0 }, to: 'e' }, { to: 'f' }] },
          { id: 'e', kind: 'ending', ending: 'mixed', title: 't', narration: 'n' },
          { id: 'f', kind: 'ending', ending: 'mixed', title: 't', narration: 'n' },
        ],
      } as unknown as Scenario;
      expect(exploreScenario(s).endings.find((e) => e.endingId === 'e')?.worstPath).toEqual(['z', 'y']);
      expectRealPaths(s);
    }
  });

  // The playthroughs are written out from the exploration's tables when first read, which may be
  // after other explorations have run: those must not have reused (overwritten) its tables.
  it('writes out the same playthroughs when they are first read after other scenarios were explored', () => {
    const scenarios = fc.sample(randomScenario, { numRuns: 40, seed: 11 });
    const paths = (x: ReturnType<typeof exploreScenario>) => JSON.stringify([x.endings.map((e) => [e.worstPath, e.worstEntry, e.criticalPath, e.criticalEntry, e.bestPath]), x.bestWithCritical?.path]);
    // Explored first, read last; the explorations in between are larger (they grow the tables).
    const first = scenarios.map((s) => exploreScenario(s, 1_000_000));
    for (let size = 20; size <= 200; size += 60) exploreScenario(generateScenario(size) as unknown as Scenario, 1_000_000).endings.forEach((e) => e.bestPath);
    const late = first.map(paths);
    const fresh = scenarios.map((s) => paths(exploreScenario(s, 1_000_000)));
    expect(late).toEqual(fresh);
    expect(fresh.some((p) => p.includes('"'))).toBe(true);
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

  it('stops when the work allowed per state is used up, even with few states (a decision with very many replies)', () => {
    // Only the first reply is ever offered: the work is in trying the others.
    const replies = Array.from({ length: 400 }, (_, k) => ({ id: `r${k}`, text: 't', feedback: 'f (Self-Care)', assessments: [{ principle: 'self-care', verdict: 'follows' }], next: 'e',
      ...(k > 0 ? { when: { var: 'v', gte: 1 } } : {}) }));
    const s = {
      id: 'x', version: 1, title: 't', summary: 's', contentNote: 'c', estimatedMinutes: 1, learningGoals: ['self-care'],
      characters: [{ id: 'y', name: 'Y', role: 'youth' }], variables: [{ id: 'v', label: 'v', min: 0, max: 1, start: 0 }], start: 'd',
      nodes: [{ id: 'd', kind: 'decision', replies }, { id: 'e', kind: 'ending', ending: 'mixed', title: 't', narration: 'n' }],
    } as unknown as Scenario;
    expect(exploreScenario(s, 10)).toMatchObject({ complete: false });
    expect(exploreScenario(s, 20)).toMatchObject({ complete: true, states: 2 });
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

/**
 * A chain of `n` decisions with three replies each, every one leading on to the strong ending; each
 * reply adds the decision's number to a variable of its own, so that the variables' values (and so
 * the states) multiply past the exploration's limit. The first reply is poor, and a prohibited act
 * when `critical`; when `guarded`, the last decision routes a poor score or a critical violation
 * to the mixed ending, as it should.
 */
function tooManyStates(n: number, critical: boolean, guarded = false): Scenario {
  const nodes: Record<string, unknown>[] = [];
  for (let i = 0; i < n; i++) {
    const last = i + 1 === n;
    const next = !last ? `d${i + 1}` : guarded ? [{ when: { conduct: 'critical', gte: 1 }, to: 'end-mixed' }, { when: { conduct: 'score', lt: 50 }, to: 'end-mixed' }, { to: 'end-strong' }] : 'end-strong';
    const reply = (k: number, assessment: object) => ({ id: `d${i}-${'abc'[k]}`, text: 't', feedback: 'f (Red Flags)', effects: [{ var: 'abc'[k], add: i + 1 }], assessments: [assessment], next });
    nodes.push({ id: `d${i}`, kind: 'decision', title: 't', narration: 'n', facilitatorNote: 'f', discussionPrompt: 'p', replies: [
      reply(0, { principle: critical ? 'no-picking-up' : 'curious-not-interrogating', verdict: 'violates', weight: 3 }),
      reply(1, { principle: 'curious-not-interrogating', verdict: 'follows' }),
      reply(2, { principle: 'curious-not-interrogating', verdict: 'follows' }),
    ] });
  }
  nodes.push({ id: 'end-strong', kind: 'ending', ending: 'strong', title: 't', narration: 'n' }, { id: 'end-mixed', kind: 'ending', ending: 'mixed', title: 't', narration: 'n' });
  return {
    id: 'x', version: 1, title: 't', summary: 's', contentNote: 'c', estimatedMinutes: 1, learningGoals: ['curious-not-interrogating'],
    characters: [{ id: 'y', name: 'Y', role: 'youth' }], variables: ['a', 'b', 'c'].map((id) => ({ id, label: id, min: 0, max: 1000, start: 0 })), start: 'd0', nodes,
  } as unknown as Scenario;
}

describe('ending integrity past the exploration\'s limit', () => {
  // The exploration stops at its limit before any ending; playthroughs that take the worst reply
  // (or a prohibited act) every time still find the strong ending reached after poor conduct.
  it.each([
    ['a critical violation', true, 'strong-after-critical'],
    ['a score under 50%', false, 'strong-under-50'],
  ])('finds a strong ending reached after %s, with a playthrough that really ends there', (_what, critical, code) => {
    const s = tooManyStates(30, critical);
    // Its exploration stops at the limit: the warning exploration-incomplete below says so (the
    // validator gives it exactly when exploreScenario's result is not complete), without a second
    // exploration to the limit here.
    const result = validateScenario(JSON.stringify(s), 'x.json');
    expect(result.ok).toBe(false);
    const codes = result.problems.map((p) => `${p.severity} ${p.code}`);
    expect(codes).toContain('warning exploration-incomplete');
    expect(codes).toContain(`error ${code}`);
    const problem = result.problems.find((p) => p.code === code);
    const path = /: (d0-\S+ → .*?) \(30 replies\)/.exec(problem?.message ?? '')?.[1]?.split(' → ').filter((r) => r !== '…');
    expect(path?.length).toBe(8);
    const d = playReplies(s, Array.from({ length: 30 }, (_, i) => `d${i}-a`));
    expect(d?.ending?.id).toBe('end-strong');
    expect(path).toEqual(Array.from({ length: 8 }, (_, i) => `d${i}-a`));
  });

  it('says what the audit saw when its check was partial, instead of "none possible"', () => {
    // One scenario object for the audit and its report, and the guarded one as validation read it:
    // exploreScenario keeps each object's exploration, so each is explored to the limit once.
    const poorScenario = tooManyStates(30, true);
    const poor = auditScenario(poorScenario);
    expect(poor).toMatchObject({ complete: false, criticalByKind: { strong: true } });
    // The failure names the strong ending and the "next" that sends the playthrough there (by id
    // here: given no file, there is no line and column), then how to guard it.
    expect(formatAudit([poorScenario]).text).toMatch(/: a playthrough with a critical violation can reach a strong ending:\n {6}end-strong \(the strong ending\)\n {6}\S+(?:, reply \S+)?: its "next" sends that playthrough there\n {4}fix: At that "next", send a playthrough with a critical violation elsewhere first/);
    const validated = validateScenario(JSON.stringify(tooManyStates(30, true, true)), 'x.json');
    expect(validated.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const text = formatAudit([validated.scenario as Scenario]).text;
    expect(text).toContain('worst score reaching each ending (in the part checked): strong —');
    expect(text).toContain('best score with a critical violation: none found in the part checked');
    expect(text).not.toContain('none possible');
  });
});

describe('the audit\'s best score with a critical violation', () => {
  // The worked example printed "0% (0% before the cap)", and a draft "47% (47% before the cap)"
  // (author walkthrough 44): as though the cap had lowered a score it never reached.
  it('says the score before the cap only when the cap lowered it', () => {
    const s = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'docs/examples/first-scenario.json'), 'utf8')) as Scenario;
    expect(auditScenario(s).bestWithCritical).toEqual({ capped: 0, uncapped: 0 });
    expect(formatAudit([s]).text).toContain('\n  best score with a critical violation: 0%\n');
    const ride = s.nodes.find((n) => n.id === 'd2-next-time');
    if (ride?.kind !== 'decision') throw new Error('no d2-next-time');
    // The ride, worth +5 instead of -3 (still a critical violation), is capped: 3 + 5 of 8 is 100%.
    const worth = { ...s, nodes: s.nodes.map((n) => (n === ride ? { ...ride, replies: ride.replies.map((r) => (r.id === 'd2-ride' ? { ...r, assessments: [...r.assessments, { principle: 'safety-is-priority' as const, verdict: 'follows' as const, weight: 3 }, { principle: 'resources-reduce-harm' as const, verdict: 'follows' as const, weight: 3 }, { principle: 'remain-accepting' as const, verdict: 'follows' as const, weight: 2 }] } : r)) } : n)) };
    expect(formatAudit([worth]).text).toMatch(/\n {2}best score with a critical violation: 50% \(\d+% before the cap\)\n/);
  });
});

describe('the audit names where a wording share is out of range', () => {
  // It said "0% of decisions have a near miss" and not which: a trainer had to find them by hand.
  it('decisions without a near miss, and where the best reply is the longest, are named', () => {
    const s = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'docs/examples/first-scenario.json'), 'utf8')) as Scenario;
    const f = answerKeyFigures([s]);
    const none = { ...f, percent: { ...f.percent, nearMiss: 0 }, perDecision: f.perDecision.map((d) => ({ ...d, nearMiss: false })) };
    expect(wordingMisses(none)).toEqual(expect.arrayContaining([
      '0% of decisions have a near miss (at least 50%): none at d1-greeting (first-scenario), d2-next-time (first-scenario)',
      'the best reply is the longest in 50% of decisions (at most 33%): at d2-next-time (first-scenario)',
    ]));
  });

  // "the best reply comes first in 0% of decisions" named none: which decisions, and the reply to move?
  it('the decisions where the best reply is not first, or not the shortest, are named too; without the file, by id and scenario', () => {
    const s = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'docs/examples/first-scenario.json'), 'utf8')) as Scenario;
    const f = answerKeyFigures([s]);
    expect(wordingMisses(f)).toContain('the best reply comes first in 0% of decisions (25–45%): it is not first at d1-greeting (first-scenario), d2-next-time (first-scenario)');
    const longer = { ...f, percent: { ...f.percent, bestShortest: 0 }, perDecision: f.perDecision.map((d) => ({ ...d, bestShortest: false })) };
    expect(wordingMisses(longer)).toContain('the best reply is the shortest in 0% of decisions (20–40%): it is not the shortest at d1-greeting (first-scenario), d2-next-time (first-scenario)');
    // formatAudit given no file to find places in names the decision by id and scenario, and the reply to change.
    expect(formatAudit([s]).text).toContain('\n      d2-next-time (first-scenario), reply d2-plan\n    fix: Let a wrong reply be the longest');
  });
});
