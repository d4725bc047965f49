import { describe, expect, it } from 'vitest';
import { buildDebrief, debriefModel, selectView, startSession, type Scenario } from '../../src/machines/index.js';
import { validateScenario } from '../../src/machines/validate/index.js';
import { runPlain } from '../../src/terminal/plain.js';
import { readFixture } from '../helpers/fixtures.js';
import { tempEnv } from '../terminal/helpers/ink.js';

// Endings whose closing text varies: the first variant whose "when" holds (variables and conduct
// at the end) replaces the narration, in the debrief and in every UI.

type Node = Record<string, unknown>;
type Raw = Record<string, unknown> & { nodes: Node[] };

const HIGH_TRUST = 'Jade texts you that evening to say thanks for listening.';
const WOBBLY = 'Your supervisor reminds you that the first question set the tone.';

function raw(): Raw {
  const r = JSON.parse(readFixture('good/example.json').toString('utf8')) as Raw;
  const mixed = r.nodes.find((n) => n.id === 'end-mixed') as Node;
  mixed.variants = [
    { when: { var: 'trust', gte: 60 }, narration: HIGH_TRUST },
    { when: { conduct: 'violations', principle: 'curious-not-interrogating', gte: 1 }, narration: WOBBLY },
  ];
  return r;
}

function scenario(): Scenario {
  const result = validateScenario(Buffer.from(JSON.stringify(raw(), null, 2)), 'variants.json');
  expect(result.problems.map((p) => `${p.code}: ${p.message}`)).toEqual([]);
  return result.scenario as Scenario;
}

function play(s: Scenario, first: string, last: string) {
  const actor = startSession(s, 'practice');
  actor.send({ type: 'reply.choose', replyId: first });
  actor.send({ type: 'scene.continue' });
  actor.send({ type: 'reply.choose', replyId: last });
  const snap = actor.getSnapshot();
  return { snap, view: selectView(s, snap), debrief: snap.output };
}

describe('ending variants', () => {
  it('the first variant that holds at the end replaces the narration in the view, the debrief and its words', () => {
    const s = scenario();
    const high = play(s, 'phone-curious', 'after-wait'); // trust 60 → mixed, first variant
    expect(high.debrief?.ending?.id).toBe('end-mixed');
    expect(high.view.narration).toBe(HIGH_TRUST);
    expect(high.debrief?.ending?.narration).toBe(HIGH_TRUST);
    expect(debriefModel(s, high.debrief as NonNullable<typeof high.debrief>).ending?.narration).toBe(HIGH_TRUST);
    const accused = play(s, 'phone-accuse', 'after-wait'); // trust 30, violated curious-not-interrogating
    expect(accused.view.narration).toBe(WOBBLY);
    expect(accused.debrief?.ending?.narration).toBe(WOBBLY);
    const plain = play(s, 'phone-ignore', 'after-wait'); // trust 50, no violation: the ending's own text
    expect(plain.debrief?.ending?.narration).toBe('Nothing bad happens this week, but the team does not know what you noticed.');
    // buildDebrief given the ending id and the values at the end does the same on its own.
    expect(buildDebrief(s, high.snap.context.transcript, 'end-mixed', high.snap.context.variables).ending?.narration).toBe(HIGH_TRUST);
  });

  it('the terminal prints the variant', async () => {
    const s = scenario();
    let out = '';
    const io = { out: (t: string) => (out += t), err: (t: string) => (out += t) };
    // The numbers shown with seed 1 (CASA_PRACTICE_SEED=1), from a session with the same seed.
    const probe = startSession(s, 'practice', undefined, 1);
    const number = (id: string) => String(selectView(s, probe.getSnapshot()).replies.find((r) => r.id === id)?.number);
    const first = number('phone-curious');
    probe.send({ type: 'reply.choose', replyId: 'phone-curious' });
    probe.send({ type: 'scene.continue' });
    const queue = [first, number('after-wait')];
    expect(await runPlain({ playable: { scenario: s, file: '/tmp/variants.json' }, mode: 'practice', io, env: tempEnv({ CASA_PRACTICE_SEED: '1' }), width: 300, readLine: async () => queue.shift() })).toBe(0);
    expect(out).toContain(HIGH_TRUST);
  });

  it('the validator checks a variant\'s condition', () => {
    const r = raw();
    ((r.nodes.find((n) => n.id === 'end-mixed') as Node).variants as Node[])[0] = { when: { var: 'trst', gte: 60 }, narration: 'x' };
    const result = validateScenario(Buffer.from(JSON.stringify(r, null, 2)), 'variants.json');
    expect(result.problems.map((p) => [p.code, p.path])).toContainEqual(['unknown-variable', ['nodes', 5, 'variants', 0, 'when', 'var']]);
  });
});
