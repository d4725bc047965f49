import { describe, expect, it } from 'vitest';
import { bundledDecision, bundledReply, bundledScenario } from '../helpers/bundled.js';

// Session reread-b-56: a fresh reader's pass over youth-relapses and left-placement-calls, the two scenarios least
// recently reviewed. Scoring is unchanged in both.

// A sentence ends at . ? or ! before a capital or a quote, but not at "Mr." or "Ms." before a name.
const sentences = (t: string): string[] => t.split(/(?<!\b(?:Mr|Ms|Mrs|Dr)\.)(?<=[.?!])\s+(?=[A-Z"“])/).filter((x) => x.trim() !== '');
const scored = (id: string, node: string, reply: string) =>
  bundledReply(id, node, reply).assessments.map((a) => `${a.principle} ${a.verdict} ${a.weight ?? 1}`);
const LPC = 'left-placement-calls';
const YR = 'youth-relapses';

describe('reread-b-56: no feedback in the two scenarios runs past three sentences (docs/authoring.md: two or three)', () => {
  // youth-relapses d4-call-me had four ("Wanting to be there for her is understandable." stood alone).
  it.each([YR, LPC])('%s', (id) => {
    const long = bundledScenario(id).nodes.flatMap((n) => (n.kind === 'decision' ? n.replies : []))
      .filter((r) => sentences(r.feedback).length > 3).map((r) => r.id);
    expect(long).toEqual([]);
  });

  it('youth-relapses d4-call-me keeps what it says and how it is scored', () => {
    const f = bundledReply(YR, 'd4-triggers', 'd4-call-me').feedback;
    expect(f).toMatch(/^Wanting to be there for her is understandable, but “I'll come get you” is a promise to pick her up/);
    expect(f).toContain('redirect to her CSW to make arrangements');
    expect(f).toMatch(/CASAs are not first responders \(Prohibited Activities\)/);
    expect(f).toContain('Plan with her who the right people are for those moments.');
    expect(scored(YR, 'd4-triggers', 'd4-call-me')).toEqual(['no-picking-up violates 3', 'not-first-responder violates 1']);
  });
});

describe('reread-b-56: trainer notes say what the guide says', () => {
  // The guide: "Employing the harm reduction approach acknowledges that unsafe behavior will continue while a youth
  // is engaging in services" (Harm Reduction). The note said harm reduction "accepts that risk may continue".
  it('youth-relapses d5-phone: harm reduction acknowledges that unsafe behaviour will continue, in the guide\'s words', () => {
    const note = bundledDecision(YR, 'd5-phone').facilitatorNote ?? '';
    expect(note).not.toMatch(/may continue/);
    expect(note).toMatch(/^Harm reduction acknowledges that unsafe behaviour will continue while a youth is engaging in services/);
    expect(note).toContain('curator of her own safety, including how she defines it');
  });
});
