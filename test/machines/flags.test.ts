import { describe, expect, it } from 'vitest';
import { analyseBest, exploreScenario, exportGraph, selectView, startSession, type Scenario } from '../../src/machines/index.js';
import { validateScenario } from '../../src/machines/validate/index.js';
import { readFixture } from '../helpers/fixtures.js';

// Yes/no flags: { "type": "flag", "start": false }, tested with "is", changed with "set": true/false.

type Node = Record<string, unknown>;
type Raw = Record<string, unknown> & { nodes: Node[]; variables: Node[] };

/** The example with a flag "asked" set by the curious reply; the supervisor call ends strong only if it is set. */
function raw(): Raw {
  const r = JSON.parse(readFixture('good/example.json').toString('utf8')) as Raw;
  r.variables.push({ id: 'asked', label: 'You asked Jade about the phone', type: 'flag', start: false });
  const phone = r.nodes.find((n) => n.id === 'phone') as Node & { replies: Node[] };
  (phone.replies[0] as Node).effects = [{ var: 'trust', add: 10 }, { var: 'asked', set: true }];
  const after = r.nodes.find((n) => n.id === 'after-visit') as Node & { replies: Node[] };
  (after.replies[0] as Node).next = [
    { when: { conduct: 'score', lt: 80 }, to: 'end-mixed' },
    { when: { var: 'asked', is: true }, to: 'end-strong' },
    { to: 'end-mixed' },
  ];
  return r;
}

const load = (r: Raw) => validateScenario(Buffer.from(JSON.stringify(r, null, 2)), 'flags.json');
const problems = (r: Raw) => load(r).problems.map((p) => `${p.severity} ${p.code}: ${p.message}`);

function scenario(): Scenario {
  const result = load(raw());
  expect(result.problems.map((p) => `${p.code}: ${p.message}`)).toEqual([]);
  return result.scenario as Scenario;
}

describe('yes/no flags', () => {
  it('start as declared, are set by effects and tested with "is"; never shown as a meter or a change', () => {
    const s = scenario();
    const actor = startSession(s, 'practice');
    expect(actor.getSnapshot().context.variables).toEqual({ trust: 50, asked: 0 });
    actor.send({ type: 'reply.choose', replyId: 'phone-curious' });
    expect(actor.getSnapshot().context.variables).toEqual({ trust: 60, asked: 1 });
    const view = selectView(s, actor.getSnapshot());
    expect(view.meters.map((m) => m.id)).toEqual(['trust']);
    expect(view.lastFeedback?.changes.map((c) => c.label)).toEqual(['Jade\'s trust']);
    actor.send({ type: 'scene.continue' });
    actor.send({ type: 'reply.choose', replyId: 'after-supervisor' });
    expect(actor.getSnapshot().output?.ending?.id).toBe('end-strong');
    // Without the flag set, the same call ends mixed.
    const other = startSession(s, 'practice');
    other.send({ type: 'reply.choose', replyId: 'phone-ignore' });
    other.send({ type: 'scene.continue' });
    other.send({ type: 'reply.choose', replyId: 'after-supervisor' });
    expect(other.getSnapshot().output?.ending?.id).toBe('end-mixed');
    // Undo puts the flag back.
    const again = startSession(s, 'practice');
    again.send({ type: 'reply.choose', replyId: 'phone-curious' });
    again.send({ type: 'decision.undo' });
    expect(again.getSnapshot().context.variables).toEqual({ trust: 50, asked: 0 });
  });

  it('a flag that starts true, and "is": false', () => {
    const r = raw();
    (r.variables[1] as Node).start = true;
    const after = r.nodes.find((n) => n.id === 'after-visit') as Node & { replies: Node[] };
    (after.replies[0] as Node).next = [{ when: { conduct: 'score', lt: 80 }, to: 'end-mixed' }, { when: { var: 'asked', is: false }, to: 'end-mixed' }, { to: 'end-strong' }];
    expect(problems(r)).toEqual([]);
    const s = load(r).scenario as Scenario;
    const actor = startSession(s, 'practice');
    expect(actor.getSnapshot().context.variables.asked).toBe(1);
    actor.send({ type: 'reply.choose', replyId: 'phone-curious' });
    actor.send({ type: 'scene.continue' });
    actor.send({ type: 'reply.choose', replyId: 'after-supervisor' });
    expect(actor.getSnapshot().output?.ending?.id).toBe('end-strong');
  });

  it('the best path, the exploration and the graph use them', () => {
    const s = scenario();
    expect(analyseBest(s).endingId).toBe('end-strong');
    expect(exploreScenario(s).endings.find((e) => e.endingId === 'end-strong')?.bestPath).toEqual(['phone-curious', 'after-supervisor']);
    // A flag in a condition reads as the fact: "if asked".
    expect(exportGraph(s, 'mermaid')).toMatch(/ if asked"\|/);
  });

  it('the validator speaks of yes/no: numbers on a flag, "is" on a number, add on a flag, true on a number, a malformed flag', () => {
    const r = raw();
    const phone = r.nodes.find((n) => n.id === 'phone') as Node & { replies: Node[] };
    (phone.replies[0] as Node).effects = [{ var: 'trust', set: true }, { var: 'asked', add: 1 }, { var: 'asked', set: 1 }];
    (phone.replies[1] as Node).when = [{ var: 'asked', gte: 1 }, { var: 'trust', is: true }];
    const found = problems(r);
    expect(found.filter((p) => p.includes('flag-mismatch'))).toEqual([
      'error flag-mismatch: "trust" is a number from 0 to 100, not a yes/no flag, so it cannot be set to true.',
      'error flag-mismatch: "asked" is a yes/no flag, so it can only be set to true (yes) or false (no).',
      'error flag-mismatch: "asked" is a yes/no flag, so it can only be set to true (yes) or false (no).',
      'error flag-mismatch: "asked" is a yes/no flag, so it cannot be compared with numbers.',
      'error flag-mismatch: "is" tests a yes/no flag, but "trust" is a number from 0 to 100.',
    ]);
    const bad = raw();
    bad.variables[1] = { id: 'asked', label: 'x', type: 'flag', start: 0 };
    expect(problems(bad)[0]).toContain('invalid-variable: A yes/no flag ("type": "flag") has "start": true or false');
    const noRange = raw();
    noRange.variables[0] = { id: 'trust', label: 'x', start: 5 };
    expect(problems(noRange)[0]).toContain('invalid-variable: A number variable needs whole numbers for "min", "max" and "start"; "trust" has no "min" or "max".');
  });
});
