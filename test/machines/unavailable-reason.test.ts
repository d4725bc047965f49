import { describe, expect, it } from 'vitest';
import { selectView, startSession, unavailableWords, type Scenario } from '../../src/machines/index.js';
import { validateScenario } from '../../src/machines/validate/index.js';
import { readFixture } from '../helpers/fixtures.js';

// A reply offered but not available now ("when" not holding, not "hidden") says why. A condition on
// something the volunteer cannot see (a flag, a hidden number, their conduct) is not spelled out:
// the reply's "unavailableReason", its author's words in the story, is said instead, or without one
// "it does not fit this point in the story". A shown meter's need is named as before.

const REASON = 'you have already told Ms. Rivera what Jade said';

type Raw = Record<string, unknown> & { variables: Record<string, unknown>[]; nodes: (Record<string, unknown> & { replies?: Record<string, unknown>[] })[] };

/**
 * The example with a hidden flag "told" (set by "phone-accuse", which leaves trust at 30;
 * "phone-curious" leaves it false and trust at 60) and three replies at "after-visit" offered only
 * while it is false: one with the author's reason, one without, and one that needs trust 80 too.
 */
function raw(reason: string = REASON): Raw {
  const r = JSON.parse(readFixture('good/example.json').toString('utf8')) as Raw;
  r.variables.push({ id: 'told', label: 'You told the CSW', type: 'flag', start: false });
  const phone = r.nodes.find((n) => n.id === 'phone')?.replies?.find((x) => x.id === 'phone-accuse') as Record<string, unknown>;
  phone.effects = [...(phone.effects as unknown[]), { var: 'told', set: true }];
  const reply = (id: string, text: string, extra: Record<string, unknown>) => ({ id, kind: 'do', text, ...extra,
    assessments: [{ principle: 'csw-partnership', verdict: 'follows' }], feedback: 'The CSW needs to know (Collaboration with Case Parties).', next: 'end-mixed' });
  r.nodes.find((n) => n.id === 'after-visit')?.replies?.push(
    reply('after-email', 'Email Ms. Rivera what Jade said.', { when: { var: 'told', is: false }, unavailableReason: reason }),
    reply('after-note', 'Leave Ms. Rivera a note.', { when: { var: 'told', is: false } }),
    reply('after-call', 'Call Ms. Rivera with Jade beside you.', { when: [{ var: 'told', is: false }, { var: 'trust', gte: 80 }], unavailableReason: reason }),
  );
  return r;
}

function load(r: Raw = raw()): Scenario {
  const result = validateScenario(Buffer.from(JSON.stringify(r, null, 2)), 'reason.json');
  expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
  return result.scenario as Scenario;
}

/** The replies offered at "after-visit" after the first reply `first`, by id. */
function offered(s: Scenario, first: string) {
  const actor = startSession(s, 'practice', undefined, 1);
  actor.send({ type: 'reply.choose', replyId: first });
  actor.send({ type: 'scene.continue' });
  const view = selectView(s, actor.getSnapshot());
  expect(view.nodeId).toBe('after-visit');
  return new Map(view.replies.map((r) => [r.id, r]));
}

describe('a reply not available now says why in its author\'s words', () => {
  it('says the "unavailableReason" where a hidden flag closes the reply, and the old words without one', () => {
    const at = offered(load(), 'phone-accuse'); // told, trust 30
    const email = at.get('after-email');
    expect(email?.enabled).toBe(false);
    expect(email?.reason).toBe(REASON);
    expect(unavailableWords(email as NonNullable<typeof email>)).toBe(`Reply ${email?.number} is not available now: ${REASON}.`);
    expect(at.get('after-note')?.reason).toBe('it does not fit this point in the story');
  });

  it('adds a shown meter\'s need to the reason, and leaves the reason out when only the meter closes the reply', () => {
    const s = load();
    // Told and trust 30: the flag (the author's reason) and the meter (its need) both fail.
    expect(offered(s, 'phone-accuse').get('after-call')?.reason).toBe(`${REASON}; it needs Jade's trust at least 80 (now 30)`);
    // Not told and trust 60: the flag holds, so the reason would not be true; only the meter is named.
    const curious = offered(s, 'phone-curious');
    expect(curious.get('after-email')?.enabled).toBe(true);
    expect(curious.get('after-email')?.reason).toBeUndefined();
    expect(curious.get('after-call')?.reason).toBe("it needs Jade's trust at least 80 (now 60)");
  });

  it('is cleaned like every scenario text: one line, no escape sequences, no full stop doubled', () => {
    const s = load(raw('you have already told\nMs. Rivera \u001b[31mwhat Jade said.'));
    const email = offered(s, 'phone-accuse').get('after-email');
    expect(email?.reason).toBe(REASON);
    expect(unavailableWords(email as NonNullable<typeof email>)).toMatch(/what Jade said\.$/);
    const asked = load(raw('did you not just phone Ms. Rivera?'));
    const q = offered(asked, 'phone-accuse').get('after-email');
    expect(unavailableWords(q as NonNullable<typeof q>)).toMatch(/phone Ms\. Rivera\?$/);
  });
});

describe('validate warns about an "unavailableReason" that is never shown', () => {
  const warnings = (edit: (r: Raw) => void) => {
    const r = raw();
    edit(r);
    const text = JSON.stringify(r, null, 2);
    const found = validateScenario(Buffer.from(text), 'reason.json').problems.filter((p) => p.code === 'unavailable-reason-never-shown');
    return found.map((p) => ({ ...p, at: text.split('\n')[p.line - 1]?.slice(p.column - 1) }));
  };
  const replyOf = (r: Raw, id: string) => r.nodes.find((n) => n.id === 'after-visit')?.replies?.find((x) => x.id === id) as Record<string, unknown>;

  it('on a reply without "when": it is always available', () => {
    const found = warnings((r) => { delete replyOf(r, 'after-email').when; });
    expect(found).toHaveLength(1);
    expect(found[0]?.severity).toBe('warning');
    expect(found[0]?.path).toEqual(['nodes', 3, 'replies', 3, 'unavailableReason']);
    // Its line:column is the reason's text.
    expect(found[0]?.at?.startsWith(`"${REASON}"`)).toBe(true);
    expect(found[0]?.message).toContain('no "when"');
    expect(found[0]?.fix).toBe('Add a "when" saying when the reply is offered, or remove "unavailableReason".');
  });

  it('on a hidden reply: it is left out of the list instead', () => {
    const found = warnings((r) => { replyOf(r, 'after-email').hidden = true; });
    expect(found).toHaveLength(1);
    expect(found[0]?.at?.startsWith(`"${REASON}"`)).toBe(true);
    expect(found[0]?.message).toContain('"hidden"');
    expect(found[0]?.fix).toContain('Remove "hidden"');
  });

  it('not on a shown reply with a "when", nor with "hidden": false', () => {
    expect(warnings(() => {})).toEqual([]);
    expect(warnings((r) => { replyOf(r, 'after-email').hidden = false; })).toEqual([]);
  });

  it('checks its length (160) and its language like the reply\'s other texts', () => {
    const long = raw('x'.repeat(161));
    const result = validateScenario(Buffer.from(JSON.stringify(long, null, 2)), 'reason.json');
    expect(result.problems.map((p) => [p.code, p.path.join('.')])).toContainEqual(['too-long', 'nodes.3.replies.3.unavailableReason']);
    const labelled = raw('Jade is a child prostitute');
    const words = validateScenario(Buffer.from(JSON.stringify(labelled, null, 2)), 'reason.json');
    expect(words.problems.some((p) => p.path.join('.') === 'nodes.3.replies.3.unavailableReason' && p.severity === 'warning' && p.code !== 'unavailable-reason-never-shown')).toBe(true);
  });
});
