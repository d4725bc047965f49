import { describe, expect, it } from 'vitest';
import { bundledReply, bundledScenario } from '../helpers/bundled.js';

// Session reread2-55: a fresh reader's pass over trafficker-contact and court-report. Scoring is unchanged in both.

// A sentence ends at . ? or ! before a capital or a quote, but not at "Mr." or "Ms." before a name.
const sentences = (t: string): string[] => t.split(/(?<!\b(?:Mr|Ms|Mrs|Dr)\.)(?<=[.?!])\s+(?=[A-Z"“])/).filter((x) => x.trim() !== '');
const scored = (id: string, node: string, reply: string) =>
  bundledReply(id, node, reply).assessments.map((a) => `${a.principle} ${a.verdict} ${a.weight ?? 1}`);

describe('reread2-55: no feedback in the two scenarios runs past three sentences (docs/authoring.md: two or three)', () => {
  // court-report d-check-status-staff had four: "... (Court Report). Ask the CSW what has been confirmed."
  it.each(['trafficker-contact', 'court-report'])('%s', (id) => {
    const long = bundledScenario(id).nodes.flatMap((n) => (n.kind === 'decision' ? n.replies : []))
      .filter((r) => sentences(r.feedback).length > 3).map((r) => r.id);
    expect(long).toEqual([]);
  });

  it('court-report d-check-status-staff keeps every citation and its advice, scored as before', () => {
    const f = bundledReply('court-report', 'd-check-status', 'd-check-status-staff').feedback;
    for (const s of ['(Collaboration with Case Parties)', '(Prohibited Activities)', '(Court Report)']) expect(f).toContain(s);
    expect(f).toMatch(/not confirmation by DCFS or the court/);
    expect(f).toMatch(/ask the CSW what has been confirmed/);
    expect(scored('court-report', 'd-check-status', 'd-check-status-staff')).toEqual(['no-investigating violates 3', 'csw-partnership follows 1']);
  });
});

describe('reread2-55: feedback does not call a reply harmless while the debrief marks it as going against a principle', () => {
  // court-report d-visit-deflect ("Just the usual: school, placement, that kind of thing.") violates youth-centered (1)
  // and its feedback opened "Not a harmful answer, but it shuts her out...": beside "✗ went against" in the transcript.
  it.each(['trafficker-contact', 'court-report'])('%s', (id) => {
    const said = bundledScenario(id).nodes.flatMap((n) => (n.kind === 'decision' ? n.replies : []))
      .filter((r) => r.assessments.some((a) => a.verdict === 'violates'))
      .filter((r) => /\bnot (a )?harmful\b|\bharmless\b/i.test(r.feedback)).map((r) => r.id);
    expect(said).toEqual([]);
  });

  it('d-visit-deflect still says what it gets wrong, with its section, scored as before', () => {
    const f = bundledReply('court-report', 'd-visit', 'd-visit-deflect').feedback;
    expect(f).toMatch(/shuts her out of something about her own life when she was reaching in \(CASA Role and Expectations\)/);
    expect(scored('court-report', 'd-visit', 'd-visit-deflect')).toEqual(['youth-centered violates 1']);
  });
});
