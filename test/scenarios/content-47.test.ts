import { describe, expect, it } from 'vitest';
import type { Next, Scenario } from '../../src/machines/schema/scenario.js';
import { BUNDLED_IDS, bundledDecision, bundledReply, bundledScenario } from '../helpers/bundled.js';

// Session content-47: a fresh read of couch-rent, saturday-shoots and whereabouts-unknown against the guide.

const targets = (next: Next): string[] => (typeof next === 'string' ? [next] : next.map((r) => r.to));

/**
 * Where a playthrough shows the Advocate Supervisor's first name before the story has said who she is: walks
 * every way through the scenario (routes' conditions ignored, so every way a playthrough could go), and names
 * each narration, line, reply or ending text that names her in a sentence that does not say she is the
 * supervisor, when nothing shown before it on that way has. A line she speaks herself introduces her (it is
 * shown under her name and role), and so does any reply at a decision, for all of them (they are shown together).
 */
function supervisorNamedBeforeIntroduced(s: Scenario): string[] {
  const supervisor = s.characters.find((c) => /Advocate Supervisor/.test(c.role ?? ''));
  if (!supervisor) throw new Error(`${s.id} has no Advocate Supervisor`);
  const first = supervisor.name.split(/\s+/)[0]!;
  const named = new RegExp(`\\b${first}\\b`);
  const introduces = new RegExp(`\\b${first}\\b[^.?!]*\\b[Ss]upervis(or|ion)\\b|\\b[Ss]upervis(or|ion call with)\\b,?( is)? ${first}\\b`);
  const nodes = new Map(s.nodes.map((n) => [n.id, n]));
  const found = new Set<string>();
  const told = (text: string | undefined, introduced: boolean, where: string): boolean => {
    for (const sentence of (text ?? '').split(/(?<=[.?!])\s+/)) {
      if (!named.test(sentence)) continue;
      if (introduces.test(sentence)) introduced = true;
      else if (!introduced) found.add(where);
    }
    return introduced;
  };
  const seen = new Set<string>();
  const stack: [string, boolean][] = [[s.start, false]];
  while (stack.length > 0) {
    const [id, before] = stack.pop()!;
    if (seen.has(`${id} ${before}`)) continue;
    seen.add(`${id} ${before}`);
    const n = nodes.get(id)!;
    let introduced = told(n.narration, before, `${id} (narration)`);
    for (const line of n.lines ?? []) {
      if (line.character === supervisor.id) introduced = true;
      introduced = told(line.text, introduced, `${id} (a line)`);
    }
    if (n.kind === 'ending') {
      for (const v of n.variants ?? []) told(v.narration, introduced, `${id} (a variant)`);
    } else if (n.kind === 'scene') {
      for (const to of targets(n.next)) stack.push([to, introduced]);
    } else {
      told(n.prompt, introduced, `${id} (prompt)`);
      // Every reply is shown at once: one that says who she is introduces her for the others too.
      const shown = introduced || n.replies.some((r) => r.text.split(/(?<=[.?!])\s+/).some((x) => named.test(x) && introduces.test(x)));
      for (const r of n.replies) {
        told(r.text, shown, r.id);
        for (const to of targets(r.next)) stack.push([to, shown]);
      }
    }
  }
  return [...found].sort();
}

// saturday-shoots named Leah first in two replies at d5-car ("Phone Leah before you start the engine", "before
// you bother Leah"): until then the story had said only "my supervisor", and nothing said who Leah was (couch-rent
// says "Your Advocate Supervisor is Naomi Brandt" before its like decision, whereabouts-unknown "Priya, your
// Advocate Supervisor").
// Session content2-47 walked every bundled scenario: testifying named Hannah first in d6-forward and d6-block ("send it to
// Ms. Ibarra and Hannah", "No need to rattle Selene, Ms. Ibarra or Hannah") and in the endings after them, before the
// check-in scene says she is the supervisor; harm-reduction named Grace in end-drive and end-message, reached from
// d6 without "Your supervision call with Grace". Seen failing on testifying v15 and harm-reduction v34.
describe('session content-47: the Advocate Supervisor is introduced before a reply or a scene names her', () => {
  it.each(BUNDLED_IDS)('%s', (id) => {
    expect(supervisorNamedBeforeIntroduced(bundledScenario(id))).toEqual([]);
  });

  it('saturday-shoots d5-car says who Leah is before its replies name her', () => {
    expect(bundledDecision('saturday-shoots', 'd5-car').narration).toMatch(/Your Advocate Supervisor is Leah Goldman\.$/);
  });

  it('testifying d6-message says who Hannah is before its replies name her; harm-reduction\'s endings after d6 say who Grace is', () => {
    expect(bundledDecision('testifying', 'd6-message').narration).toBe('Your Advocate Supervisor is Hannah Petrov.');
    const hr = bundledScenario('harm-reduction');
    for (const id of ['end-drive', 'end-message']) {
      expect(hr.nodes.find((n) => n.id === id)?.narration, id).toMatch(/Grace Liu, your Advocate Supervisor,/);
    }
  });
});

// whereabouts-unknown d5-two-weeks: "The guide asks you to remain a source of support and acceptance, not someone
// she has to apologise to before she can come back (Likelihood of Relapse)". The guide says nothing of apologies;
// the second half is this project's reading, and is now said in its own voice, after the guide's words.
describe('session content-47: feedback does not put words in the guide\'s mouth', () => {
  it('whereabouts-unknown d5-two-weeks: the guide asks you to remain a source of support and acceptance; the apology is the feedback\'s own', () => {
    const r = bundledReply('whereabouts-unknown', 'd5-text', 'd5-two-weeks');
    expect(r.feedback).not.toMatch(/guide asks[^.]*apologi/);
    expect(r.feedback).toContain('The guide asks you to remain a source of support and acceptance (Likelihood of Relapse).');
    expect(r.feedback).toMatch(/apologise/);
    expect(r.assessments).toEqual([{ principle: 'remain-accepting', verdict: 'violates', weight: 2 }]);
  });

  // Red Flags: "It may be appropriate to ask the youth how they paid for an expensive item or for more information
  // about their boyfriend, but do not interrogate them." saturday-shoots said the guide allows asking "more about a
  // relationship", of a question about a friend; couch-rent d2-rent says it as the guide does (its example is about
  // a boyfriend).
  it('saturday-shoots d3g-sister and d3-guarded\'s note give the guide\'s example, a boyfriend, not "a relationship"', () => {
    const r = bundledReply('saturday-shoots', 'd3-guarded', 'd3g-sister');
    const note = bundledDecision('saturday-shoots', 'd3-guarded').facilitatorNote ?? '';
    for (const text of [r.feedback, note]) {
      expect(text).not.toMatch(/about a relationship/);
      expect(text).toMatch(/may be appropriate to ask a youth for more information \(its example is about a boyfriend\), but not to interrogate[^(]*\(Red Flags\)/);
    }
    expect(r.assessments.map((a) => `${a.principle} ${a.verdict}`)).toEqual(['non-judgmental follows', 'understand-unmet-needs follows', 'curious-not-interrogating follows']);
  });
});
