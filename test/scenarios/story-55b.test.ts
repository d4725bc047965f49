import { describe, expect, it } from 'vitest';
import { bundledReply, bundledScenario } from '../helpers/bundled.js';
import { toldBetween } from '../helpers/story.js';

// Session reread-55: a fresh reader's pass over couch-rent, the-list and red-flags, the three scenarios least
// recently reviewed. Scoring is unchanged in all three.

// A sentence ends at . ? or ! before a capital or a quote, but not at "Mr." or "Ms." before a name.
const sentences = (t: string): string[] => t.split(/(?<!\b(?:Mr|Ms|Mrs|Dr)\.)(?<=[.?!])\s+(?=[A-Z"])/).filter((x) => x.trim() !== '');
const scored = (id: string, node: string, reply: string) =>
  bundledReply(id, node, reply).assessments.map((a) => `${a.principle} ${a.verdict} ${a.weight ?? 1}`);

describe('reread-55: no feedback in the three scenarios runs past three sentences (docs/authoring.md: two or three)', () => {
  // couch-rent d1-fix, d4-urgent, d5-ride, d5-stay, d7-tatik and d8-status had four. Each was joined up.
  it.each(['couch-rent'])('%s', (id) => {
    const long = bundledScenario(id).nodes.flatMap((n) => (n.kind === 'decision' ? n.replies : []))
      .filter((r) => sentences(r.feedback).length > 3).map((r) => r.id);
    expect(long).toEqual([]);
  });

  it('couch-rent: the joined feedback keeps every citation it had', () => {
    const cites: Array<[string, string, string[]]> = [
      ['d1-bench', 'd1-fix', ['(CASA Role and Expectations)', '(Advocacy Activities)']],
      ['d4-evening', 'd4-urgent', ['(Red Flags)']],
      ['d5-night', 'd5-ride', ['(Prohibited Activities)', '(Collaboration with Case Parties)', '(Likelihood of Relapse)']],
      ['d5-night', 'd5-stay', ['(Prohibited Activities)', '(Collaboration with Case Parties)', '(Likelihood of Relapse)']],
      ['d7-plan', 'd7-tatik', ['(CASA Role and Expectations)', '(Harm Reduction)']],
      ['d8-report', 'd8-status', ['(Court Report)']],
    ];
    for (const [node, reply, sections] of cites) {
      const f = bundledReply('couch-rent', node, reply).feedback;
      for (const s of sections) expect(f, `${reply} ${s}`).toContain(s);
    }
    expect(bundledReply('couch-rent', 'd8-report', 'd8-status').feedback).toMatch(/incriminating information/);
  });
});

describe('reread-55: couch-rent, Arev answers the bargain as a bargain', () => {
  // d3-bargain ("I'll keep it between us, but only if you promise me you're done with Vic's couch for good. Deal?")
  // led to the scene written for d3-promise: Arev's shoulders drop, they bump your shoulder, and say "You're the only
  // adult I can say stuff to", warmth after an ultimatum to give up the one place their name is never wrong.
  const toEvening = (reply: string) => toldBetween('couch-rent', ['d1-heard', 'd2-need', reply], 'd3-glendale', 'd4-evening');

  it('after d3-bargain, Arev takes the deal flatly, and the deal is named', () => {
    const told = toEvening('d3-bargain');
    expect(told).not.toMatch(/only adult I can say stuff to|bump your shoulder/);
    expect(told).toMatch(/Fine\. Deal\./);
    expect(told).toMatch(/the deal sits heavy/);
  });

  it('after d3-promise, the warm scene is unchanged', () => {
    expect(toEvening('d3-promise')).toMatch(/You're the only adult I can say stuff to/);
  });

  it('d3-bargain is scored as before', () => {
    expect(scored('couch-rent', 'd3-glendale', 'd3-bargain')).toEqual(['consult-supervisor-on-suspicion violates 2', 'harm-reduction-self-determination violates 1']);
  });
});
