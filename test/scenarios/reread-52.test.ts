import { describe, expect, it } from 'vitest';
import { bundledReply, bundledScenario } from '../helpers/bundled.js';

// Fresh eyes (reread-52) on testifying, saturday-shoots and before-relapse, against the guide. Each case
// pins what a finding changed.
// The guide's harm reduction approach is one of "allowing for youth to be the curators of their own
// safety" (Harm Reduction); it asks nothing. guide-words-50 catches "harm reduction asks"; saturday-shoots
// d7-forbid said the guide "asks that youth be the curators of their own safety (Harm Reduction)".
describe('reread-52: harm reduction allows, it does not ask', () => {
  it('saturday-shoots d7-forbid says the approach allows youth to be the curators of their own safety', () => {
    const feedback = bundledReply('saturday-shoots', 'd7-saturday', 'd7-forbid').feedback;
    expect(feedback).not.toMatch(/asks that youth be the curators/);
    expect(feedback).toContain('its harm reduction approach allows youth to be the curators of their own safety (Harm Reduction)');
  });

  // testifying cites no Harm Reduction; the other two do.
  it.each(['saturday-shoots', 'before-relapse'])('%s never puts "asks" in a clause that cites Harm Reduction', (id) => {
    const texts = bundledScenario(id).nodes.flatMap((n) => [
      'facilitatorNote' in n ? n.facilitatorNote : undefined,
      ...('replies' in n ? n.replies.map((r) => r.feedback) : []),
    ]);
    const clauses = texts.flatMap((t) => t?.match(/[^.;()]*\(Harm Reduction\)/g) ?? []);
    expect(clauses.length).toBeGreaterThan(0);
    expect(clauses.filter((c) => /\basks?\b/.test(c))).toEqual([]);
  });
});

