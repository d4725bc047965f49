import { describe, expect, it } from 'vitest';
import { repliesInOrder, revealData, selectView, startSession, type Scenario } from '../../src/machines/index.js';
import { validateScenario } from '../../src/machines/validate/index.js';
import { runFacilitatePlain } from '../../src/terminal/facilitate-plain.js';
import { runPlain } from '../../src/terminal/plain.js';
import { readFixture } from '../helpers/fixtures.js';
import { tempEnv } from '../terminal/helpers/ink.js';

// A reply with "hidden": true is left out of the list while its "when" does not hold (a greyed-out
// reply would give it away); without "hidden" it is shown as not available, as before.

const SECRET_TEXT = 'Ask Jade what she would like you to do next.';
const GREY_TEXT = 'Text Jade to say you enjoyed the visit.';

type Raw = Record<string, unknown> & { nodes: (Record<string, unknown> & { replies?: Record<string, unknown>[] })[] };

function raw(): Raw {
  const r = JSON.parse(readFixture('good/example.json').toString('utf8')) as Raw;
  const after = r.nodes.find((n) => n.id === 'after-visit') as Raw['nodes'][number];
  after.replies?.push(
    { id: 'after-ask', text: SECRET_TEXT, hidden: true, when: { var: 'trust', gte: 60 }, assessments: [{ principle: 'curious-not-interrogating', verdict: 'follows' }],
      feedback: 'Asking what she wants keeps the conversation hers (Red Flags).', next: 'end-mixed' },
    { id: 'after-text', text: GREY_TEXT, when: { var: 'trust', gte: 60 }, assessments: [{ principle: 'curious-not-interrogating', verdict: 'follows' }],
      feedback: 'A friendly message keeps the door open (Red Flags).', next: 'end-mixed' },
  );
  return r;
}

function load(r: Raw = raw()): Scenario {
  const result = validateScenario(Buffer.from(JSON.stringify(r, null, 2)), 'hidden.json');
  expect(result.problems.map((p) => `${p.code}: ${p.message}`)).toEqual([]);
  return result.scenario as Scenario;
}

/** The view at "after-visit" after the first reply `first`, with this seed. */
function atAfterVisit(s: Scenario, first: string, seed?: number) {
  const actor = startSession(s, 'practice', undefined, seed);
  actor.send({ type: 'reply.choose', replyId: first });
  actor.send({ type: 'scene.continue' });
  const view = selectView(s, actor.getSnapshot());
  expect(view.nodeId).toBe('after-visit');
  return { actor, view };
}

describe('hidden replies', () => {
  it('are left out while their condition does not hold, numbered consecutively; a reply without "hidden" is shown greyed', () => {
    const s = load();
    const low = atAfterVisit(s, 'phone-accuse').view; // trust 30
    expect(low.replies.map((r) => r.id)).toEqual(['after-supervisor', 'after-search', 'after-wait', 'after-text']);
    expect(low.replies.map((r) => r.number)).toEqual([1, 2, 3, 4]);
    expect(low.replies.find((r) => r.id === 'after-text')?.enabled).toBe(false);
    const high = atAfterVisit(s, 'phone-curious').view; // trust 60
    expect(high.replies.map((r) => r.id)).toEqual(['after-supervisor', 'after-search', 'after-wait', 'after-ask', 'after-text']);
    expect(high.replies.map((r) => r.number)).toEqual([1, 2, 3, 4, 5]);
    expect(high.replies.every((r) => r.enabled)).toBe(true);
  });

  it('a hidden reply cannot be chosen while hidden, and can once it shows', () => {
    const s = load();
    const low = atAfterVisit(s, 'phone-accuse');
    low.actor.send({ type: 'reply.choose', replyId: 'after-ask' });
    expect(selectView(s, low.actor.getSnapshot()).nodeId).toBe('after-visit');
    const high = atAfterVisit(s, 'phone-curious');
    high.actor.send({ type: 'reply.choose', replyId: 'after-ask' });
    expect(high.actor.getSnapshot().status).toBe('done');
  });

  it('shuffled: the order is worked out over every reply, then hidden ones are left out, so the others keep their places relative to each other', () => {
    const s = load();
    const node = s.nodes.find((n) => n.id === 'after-visit');
    if (node?.kind !== 'decision') throw new Error('no decision');
    const orders = new Set<string>();
    for (let seed = 0; seed < 40; seed++) {
      const all = repliesInOrder(s, seed, 'after-visit', node.replies).map((r) => r.id);
      const low = atAfterVisit(s, 'phone-accuse', seed).view.replies;
      const high = atAfterVisit(s, 'phone-curious', seed).view.replies;
      expect(high.map((r) => r.id)).toEqual(all);
      expect(low.map((r) => r.id)).toEqual(all.filter((id) => id !== 'after-ask'));
      expect(low.map((r) => r.number)).toEqual([1, 2, 3, 4]);
      orders.add(all.join());
    }
    expect(orders.size).toBeGreaterThan(5);
  });

  it('the reveal in a trainer-led session leaves a hidden reply out, and the plain terminal never lists it', async () => {
    const s = load();
    const low = atAfterVisit(s, 'phone-accuse', 3).view;
    expect(revealData(s, low, {}).entries.map((e) => e.replyId)).not.toContain('after-ask');
    expect(revealData(s, low, {}).entries.map((e) => e.number)).toEqual([1, 2, 3, 4]);
    const playable = { scenario: s, file: '/tmp/hidden.json' };
    const io = () => { const o = { text: '', out: (t: string) => (o.text += t), err: (t: string) => (o.text += t) }; return o; };
    // Practice, plain: the accusing reply (trust 30) is the one with this text.
    const accuseFirst = (view: ReturnType<typeof selectView>) => String(view.replies.find((r) => r.id === 'phone-accuse')?.number);
    const env = tempEnv({ CASA_PRACTICE_SEED: '3' });
    const first = accuseFirst(selectView(s, startSession(s, 'practice', undefined, 3).getSnapshot()));
    const plain = io();
    const queue = [first, 'q'];
    await runPlain({ playable, mode: 'practice', io: plain, env, width: 200, readLine: async () => queue.shift() });
    expect(plain.text).toContain(`${GREY_TEXT} (not available now)`);
    expect(plain.text).not.toContain(SECRET_TEXT);
    expect(plain.text).toMatch(/ {2}4\. (Do: )?\S/);
    expect(plain.text).not.toMatch(/ {2}5\. /);
    const room = io();
    const votes = [first, 'r', first, '1 1 1 1', 'r', 'q'];
    await runFacilitatePlain({ playable, io: room, env: tempEnv({ CASA_PRACTICE_SEED: '3' }), width: 200, readLine: async () => votes.shift() });
    expect(room.text).toContain(GREY_TEXT);
    expect(room.text).not.toContain(SECRET_TEXT);
  });

  it('"hidden" without "when" is a warning; "hidden": false is no problem', () => {
    const r = raw();
    const after = r.nodes.find((n) => n.id === 'after-visit')?.replies as Record<string, unknown>[];
    (after[0] as Record<string, unknown>).hidden = true;
    (after[1] as Record<string, unknown>).hidden = false;
    const result = validateScenario(Buffer.from(JSON.stringify(r, null, 2)), 'hidden.json');
    expect(result.problems.map((p) => [p.code, p.severity])).toEqual([['hidden-without-when', 'warning']]);
    expect(result.problems[0]?.message).toContain('"hidden"');
  });
});
