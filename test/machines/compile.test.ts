import { createActor, createMachine, transition, type AnyStateNode } from 'xstate';
import { describe, expect, it } from 'vitest';
import { buildMachineConfig, canChooseReply, compileScenario } from '../../src/machines/compile.js';
import type { Scenario } from '../../src/machines/schema/scenario.js';
import { selectView } from '../../src/machines/selectors.js';
import type { Debrief } from '../../src/machines/scoring.js';
import { loadValidFixture } from '../helpers/fixtures.js';
import { generateScenario } from '../../bench/generate.js';

const scenario = loadValidFixture('good/example.json');

function start(mode: 'practice' | 'assessment' = 'practice') {
  return createActor(compileScenario(scenario), { input: { mode } }).start();
}

describe('compileScenario', () => {
  it('is memoised per scenario object, so UIs keep one machine (and one actor) per scenario', () => {
    expect(compileScenario(scenario)).toBe(compileScenario(scenario));
    const copy = structuredClone(scenario);
    expect(compileScenario(copy)).not.toBe(compileScenario(scenario));
    expect(compileScenario(copy)).toBe(compileScenario(copy));
  });

  it('builds a machine config that is plain JSON: named, parameterised guards and actions only', () => {
    const config = buildMachineConfig(scenario);
    expect(JSON.parse(JSON.stringify(config))).toEqual(config);
    const keys = new Set<string>();
    JSON.stringify(config, (key, value: unknown) => (keys.add(key), value));
    expect(keys.has('invoke')).toBe(false);
    expect(keys.has('after')).toBe(false);
    expect(keys.has('entry')).toBe(false);
    for (const state of Object.values(config.states)) {
      for (const transitions of Object.values(state.on ?? {})) {
        for (const t of transitions) {
          expect(typeof t.guard?.type).toBe('string');
          for (const a of t.actions ?? []) expect(typeof a.type).toBe('string');
        }
      }
    }
    expect(Object.keys(config.states).sort()).toEqual(scenario.nodes.map((n) => n.id).sort());
    expect(config.states['end-strong']).toEqual({ type: 'final', output: { ending: 'end-strong' } });
  });

  it('formats each state\'s transitions on first use exactly as XState would have at creation', () => {
    const transitionsOf = (node: AnyStateNode) =>
      JSON.parse(JSON.stringify([...node.transitions].map(([event, list]) => [event, list.map((t) => (t as unknown as { toJSON(): unknown }).toJSON())]))) as unknown;
    // The last: its start is not the first node, and an id that is an array index ("7") comes first among the keys.
    const reordered = structuredClone(generateScenario(60)) as unknown as typeof scenario;
    reordered.nodes.reverse();
    const renamed = JSON.parse(JSON.stringify(reordered).replaceAll('"n7"', '"7"').replaceAll('"n7-', '"7-')) as typeof scenario;
    for (const s of [scenario, generateScenario(60) as unknown as typeof scenario, renamed]) {
      const eager = createMachine(buildMachineConfig(s) as never);
      const lazy = compileScenario(s);
      expect(lazy.events).toEqual(eager.events);
      for (const machine of [lazy, lazy.provide({})]) {
        expect(transitionsOf(machine.root)).toEqual(transitionsOf(eager.root));
        expect(Object.keys(machine.root.states)).toEqual(Object.keys(eager.root.states));
        for (const [key, node] of Object.entries(eager.root.states)) {
          const mine = machine.root.states[key]!;
          expect(transitionsOf(mine)).toEqual(transitionsOf(node));
          expect(mine.ownEvents).toEqual(node.ownEvents);
          expect([mine.type, mine.order, mine.output]).toEqual([node.type, node.order, node.output]);
          for (const t of mine.transitions.values()) for (const one of t) expect(one.target?.[0]).toBe(machine.root.states[one.target![0]!.key]);
        }
      }
    }
  });

  it('builds a state only when something asks for it, and then as XState would have built it', () => {
    const s = generateScenario(200) as unknown as typeof scenario;
    const machine = compileScenario(s);
    const built = () => (machine as unknown as { idMap: Map<string, unknown> }).idMap.size;
    // The root and the start state.
    expect(built()).toBe(2);
    const actor = createActor(machine, { input: {} }).start();
    actor.send({ type: 'reply.choose', replyId: 'n0-a' });
    actor.send({ type: 'reply.choose', replyId: 'n1-b' });
    expect(actor.getSnapshot().value).toBe('n3');
    expect(built()).toBeLessThan(20);
    // Found by id before and after being built, and the same object as under root.states.
    expect(machine.getStateNodeById('#generated-200.n150')).toBe(machine.root.states.n150);
    expect(machine.getStateNodeById(`${machine.id}.n3`)).toBe(machine.root.states.n3);
    expect('n195' in machine.root.states && 'end-strong' in machine.root.states).toBe(true);
    expect('nope' in machine.root.states).toBe(false);
    expect(machine.root.states.nope).toBeUndefined();
    const eager = createMachine(buildMachineConfig(s) as never);
    expect(JSON.parse(JSON.stringify(machine.definition))).toEqual(JSON.parse(JSON.stringify(eager.definition)));
    expect(built()).toBe(201);
  });

  it('starts at the start node with the declared starting values', () => {
    const actor = start();
    expect(actor.getSnapshot().value).toBe('phone');
    expect(actor.getSnapshot().context.variables).toEqual({ trust: 50 });
    expect(actor.getSnapshot().context.transcript).toEqual([]);
  });

  it('records a turn with the reply, assessments, feedback and variable changes', () => {
    const actor = start();
    actor.send({ type: 'reply.choose', replyId: 'phone-accuse' });
    const { context, value } = actor.getSnapshot();
    expect(value).toBe('boyfriend-guarded');
    expect(context.variables.trust).toBe(30);
    expect(context.transcript).toEqual([{
      nodeId: 'phone',
      replyId: 'phone-accuse',
      assessments: [
        { principle: 'curious-not-interrogating', verdict: 'violates', weight: 2 },
        { principle: 'no-jumping-to-conclusions', verdict: 'violates' },
      ],
      feedback: expect.stringContaining('interrogation') as unknown as string,
      changes: [{ var: 'trust', from: 50, to: 30 }],
    }]);
    expect(context.tallies).toEqual({
      'curious-not-interrogating': { followed: 0, violated: 2 },
      'no-jumping-to-conclusions': { followed: 0, violated: 1 },
    });
  });

  it('routes the same reply differently depending on trust (checked after its effects)', () => {
    const high = start();
    high.send({ type: 'reply.choose', replyId: 'phone-curious' });
    expect(high.getSnapshot().value).toBe('boyfriend-open');

    // Same route list, but lower trust after a cold start: the guarded branch.
    const cold = createActor(compileScenario({ ...scenario, variables: [{ id: 'trust', label: 'Trust', min: 0, max: 100, start: 40 }] }), { input: {} }).start();
    cold.send({ type: 'reply.choose', replyId: 'phone-curious' });
    expect(cold.getSnapshot().value).toBe('boyfriend-guarded');
    expect(cold.getSnapshot().context.variables.trust).toBe(50);
  });

  it('ignores replies that belong to another decision and unknown replies', () => {
    const actor = start();
    expect(actor.getSnapshot().can({ type: 'reply.choose', replyId: 'after-supervisor' })).toBe(false);
    actor.send({ type: 'reply.choose', replyId: 'after-supervisor' });
    actor.send({ type: 'reply.choose', replyId: 'nope' });
    expect(actor.getSnapshot().value).toBe('phone');
    expect(actor.getSnapshot().context.transcript).toHaveLength(0);
  });

  it('undo in practice mode rewinds exactly, variables and tallies included, even from a later scene', () => {
    const actor = start();
    const before = structuredClone(actor.getSnapshot().context);
    actor.send({ type: 'reply.choose', replyId: 'phone-curious' });
    actor.send({ type: 'scene.continue' });
    expect(actor.getSnapshot().value).toBe('after-visit');
    actor.send({ type: 'decision.undo' });
    expect(actor.getSnapshot().value).toBe('phone');
    expect(actor.getSnapshot().context).toEqual(before);
  });

  it('undo is refused in assessment mode and before any decision', () => {
    const fresh = start();
    expect(fresh.getSnapshot().can({ type: 'decision.undo' })).toBe(false);
    const actor = start('assessment');
    actor.send({ type: 'reply.choose', replyId: 'phone-curious' });
    expect(actor.getSnapshot().can({ type: 'decision.undo' })).toBe(false);
    actor.send({ type: 'decision.undo' });
    expect(actor.getSnapshot().value).toBe('boyfriend-open');
    expect(actor.getSnapshot().context.transcript).toHaveLength(1);
  });

  it('restart goes back to the start with fresh values and keeps the mode', () => {
    const actor = start('assessment');
    actor.send({ type: 'reply.choose', replyId: 'phone-accuse' });
    actor.send({ type: 'scene.continue' });
    actor.send({ type: 'scenario.restart' });
    const { value, context } = actor.getSnapshot();
    expect(value).toBe('phone');
    expect(context).toMatchObject({ mode: 'assessment', variables: { trust: 50 }, transcript: [], tallies: {} });
  });

  it('an ending is a final state whose output is the debrief', () => {
    const actor = start();
    actor.send({ type: 'reply.choose', replyId: 'phone-curious' });
    actor.send({ type: 'scene.continue' });
    actor.send({ type: 'reply.choose', replyId: 'after-search' });
    const snap = actor.getSnapshot();
    expect(snap.status).toBe('done');
    const debrief = snap.output as Debrief;
    expect(debrief.ending).toMatchObject({ id: 'end-harmful', kind: 'harmful' });
    expect(debrief.score).toEqual({ earned: -1, best: 4, percent: 0, capped: false });
    expect(debrief.criticalViolations.map((c) => c.principleId)).toEqual(['no-investigating']);
  });

  it('variables stay within their declared range: an effect past min or max stops at the bound', () => {
    // Start near each bound so the reply's effect (+10 or −20) would overshoot it.
    const near = (startAt: number) => createActor(compileScenario({ ...scenario, variables: [{ id: 'trust', label: 'Trust', min: 0, max: 100, start: startAt }] }), { input: {} }).start();
    const low = near(15);
    low.send({ type: 'reply.choose', replyId: 'phone-accuse' });
    expect(low.getSnapshot().context.variables.trust).toBe(0);
    expect(low.getSnapshot().context.transcript[0]?.changes).toEqual([{ var: 'trust', from: 15, to: 0 }]);
    const high = near(95);
    high.send({ type: 'reply.choose', replyId: 'phone-curious' });
    expect(high.getSnapshot().context.variables.trust).toBe(100);
    expect(high.getSnapshot().context.transcript[0]?.changes).toEqual([{ var: 'trust', from: 95, to: 100 }]);
  });
});

describe('canChooseReply (what a view asks of each reply at the decision it stands at)', () => {
  // Replies offered at some trust only (the fixtures), and at some points, critical count or score so far,
  // on the reply and on its routes (the inline scenario): each asked at every state every playthrough reaches.
  const conduct = {
    id: 'x', version: 1, title: 't', summary: 's', contentNote: 'c', estimatedMinutes: 1, learningGoals: ['self-care'],
    characters: [{ id: 'y', name: 'Y', role: 'youth' }], start: 'd0',
    nodes: [
      { id: 'd0', kind: 'decision', replies: [
        { id: 'a', text: 't', feedback: 'f', assessments: [{ principle: 'self-care', verdict: 'follows', weight: 2 }], next: 'd1' },
        { id: 'b', text: 't', feedback: 'f', assessments: [{ principle: 'no-investigating', verdict: 'violates', weight: 3 }], next: 'd1' },
        { id: 'c', text: 't', feedback: 'f', assessments: [], next: 'd1' },
      ] },
      { id: 'd1', kind: 'decision', replies: [
        { id: 'p', text: 't', feedback: 'f', when: { conduct: 'points', gte: 2 }, assessments: [], next: 'e0' },
        { id: 'q', text: 't', feedback: 'f', when: { conduct: 'critical', eq: 0 }, assessments: [], next: [{ when: { conduct: 'score', gte: 100 }, to: 'e1' }, { when: { conduct: 'points', lt: 0 }, to: 'e0' }] },
        { id: 'r', text: 't', feedback: 'f', assessments: [{ principle: 'self-care', verdict: 'violates' }], next: [{ when: { conduct: 'score', lt: 50 }, to: 'e0' }] },
        { id: 's', text: 't', feedback: 'f', assessments: [], next: 'e1' },
      ] },
      { id: 'e0', kind: 'ending', ending: 'mixed', title: 't', narration: 'n' },
      { id: 'e1', kind: 'ending', ending: 'mixed', title: 't', narration: 'n' },
    ],
  } as unknown as Scenario;
  it.each([
    ['good/example.json', loadValidFixture('good/example.json')],
    ['good/gated-best.json', loadValidFixture('good/gated-best.json')],
    ['good/best-here-gated.json', loadValidFixture('good/best-here-gated.json')],
    ['conditions on conduct', conduct],
  ])('says what can() says, and the view offers what it says (%s)', (_name, s) => {
    const machine = compileScenario(s);
    const said: boolean[] = [];
    const queue = [createActor(machine, { input: { mode: 'practice' } }).getSnapshot()];
    for (let at = 0; at < queue.length; at++) {
      const snapshot = queue[at]!;
      const node = s.nodes.find((n) => n.id === snapshot.value);
      if (node?.kind === 'scene') queue.push(transition(machine, snapshot, { type: 'scene.continue' })[0]);
      if (node?.kind !== 'decision') continue;
      const view = selectView(s, snapshot);
      for (const r of node.replies) {
        const can = snapshot.can({ type: 'reply.choose', replyId: r.id });
        expect(canChooseReply(s, snapshot.context, r.id), `${r.id} at ${node.id} after ${snapshot.context.transcript.map((t) => t.replyId).join(' ')}`).toBe(can);
        expect(view.replies.find((v) => v.id === r.id)?.enabled ?? false).toBe(can);
        said.push(can);
        if (can) queue.push(transition(machine, snapshot, { type: 'reply.choose', replyId: r.id })[0]);
      }
    }
    // Both answers are met (a reply not available now, and one that is).
    expect(new Set(said)).toEqual(new Set(s === conduct || _name.includes('gated') ? [true, false] : [true]));
  });
});
