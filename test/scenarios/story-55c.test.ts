import { describe, expect, it } from 'vitest';
import { bundledReply, bundledScenario } from '../helpers/bundled.js';
import { playReplies } from '../helpers/play.js';

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

describe('reread2-55: trafficker-contact\'s mixed ending tells a playthrough that kept nothing from the team what it did, not that the team lacks the picture', () => {
  // The mixed ending's narration (and its trust-60 variant) told every playthrough that crossed a line or held
  // something back that "something went around the team instead of through it" and "The team is working with less
  // than the full picture". A volunteer who answered "Tasha" once and then sent Ms. Okafor and Dana the whole
  // thread, their own message too (d2-thread-stop-report), or who searched and kept nothing back, was told the team
  // lacked what they had given it. Those playthroughs (held-back 0, one line crossed) are now told the line they
  // crossed; a playthrough that kept something back is told as before (content-review's cases).
  const best = ['d1-text-screenshot', 'd3-morning-facts', 'd4-visit-boundary', 'd5-open-include', 'd6-parking-walk', 'd7-supervisor-honest', 'd8-plan-stay', 'd9-last-forward'];
  const cold = (path: string[]) => path.map((r) => (r === 'd4-visit-boundary' ? 'd4-visit-grill' : r === 'd5-open-include' ? 'd5-shut-door-open' : r));
  // Imani's trust after a path (starts at 50; only reply effects change it here), as content-review's trustAfter counts it.
  const trust = (path: string[]) => {
    const s = bundledScenario('trafficker-contact');
    const replies = s.nodes.flatMap((n) => (n.kind === 'decision' ? n.replies : []));
    let t = 50;
    for (const id of path) {
      for (const e of replies.find((r) => r.id === id)?.effects ?? []) if (e.var === 'trust' && 'add' in e && typeof e.add === 'number') t = Math.min(100, Math.max(0, t + e.add));
    }
    return t;
  };
  const answered = ['d1-text-who', 'd2-thread-stop-report', ...best.slice(1)];
  const lastReply = best.map((r) => (r === 'd9-last-forward' ? 'd9-last-reply' : r));
  const searched = ['d1-text-search', ...best.slice(1)];
  const ending = (path: string[]) => {
    const d = playReplies(bundledScenario('trafficker-contact'), path);
    expect(d?.ending?.id, path.join(' > ')).toBe('end-mixed');
    return d?.ending?.narration ?? '';
  };

  it('one message to the people around Quan, everything shared: told the message, not a team without the picture', () => {
    for (const path of [answered, cold(answered), lastReply]) {
      const told = ending(path);
      expect(told, path.join(' > ')).not.toMatch(/less than the full picture|went around the team/);
      expect(told).toMatch(/you answered the people around Quan once/);
      expect(told).toMatch(/CASAs should have no communication with a youth's trafficker/);
      expect(told).not.toMatch(/went looking/);
    }
  });

  it('one search, nothing held back and nobody answered: told the search', () => {
    for (const path of [searched, cold(searched)]) {
      const told = ending(path);
      expect(told, path.join(' > ')).not.toMatch(/less than the full picture|went around the team/);
      expect(told).toMatch(/You never answered the people around Quan\. But you went looking into them yourself/);
      expect(told).toMatch(/CASAs should not investigate allegations of CSEC/);
    }
  });

  it('the trust line is told as before: only a playthrough that lost her trust hears she is still deciding', () => {
    for (const path of [answered, lastReply, searched]) {
      expect(trust(path)).toBeGreaterThanOrEqual(60);
      expect(ending(path)).toMatch(/still sees you most Saturdays/);
      expect(ending(path)).not.toMatch(/still deciding how much she can count on you/);
    }
    for (const path of [cold(answered), cold(searched)]) {
      expect(trust(path)).toBeLessThan(60);
      expect(ending(path)).not.toMatch(/still sees you most Saturdays/);
      expect(ending(path)).toMatch(/still deciding how much she can count on you/);
    }
  });

  it('a playthrough that kept something from the team is still told so', () => {
    const deleted = best.map((r) => (r === 'd9-last-forward' ? 'd9-last-delete' : r));
    const both = answered.map((r) => (r === 'd5-open-include' ? 'd5-open-secret' : r));
    expect(ending(both)).toMatch(/went around the team.*less than the full picture/);
    // Since reader-a-58, one thing kept back and no line crossed is told as what it was (story-58a).
    expect(ending(deleted)).toMatch(/every message reached her team but the last.*deleted that night without showing anyone/);
  });
});

describe('reread2-55: the Court Report list is told in the guide\'s strength', () => {
  // The guide says reports "must" be objective, evidenced and strengths-based, and that "it is important that CASAs
  // to not disclose" what may lead to a negative perception, listing substance use among "information to not disclose".
  // court-report d-recs-unconfirmed-substance said the substance use was something "the report must leave out".
  it('no feedback in the two scenarios says the report "must" leave something out', () => {
    for (const id of ['trafficker-contact', 'court-report']) {
      const said = bundledScenario(id).nodes.flatMap((n) => (n.kind === 'decision' ? n.replies : []))
        .filter((r) => /\bmust (leave|keep) (it )?out\b|\bmust not (include|disclose|mention)\b/i.test(r.feedback)).map((r) => r.id);
      expect(said, id).toEqual([]);
    }
  });

  it('d-recs-unconfirmed-substance names the guide\'s list instead, scored as before', () => {
    const f = bundledReply('court-report', 'd-recs-unconfirmed', 'd-recs-unconfirmed-substance').feedback;
    expect(f).toMatch(/which the guide lists among what not to disclose in a court report/);
    expect(f).toContain('(Potential Recommendations; Court Report)');
    // reader-c-61: the recommendation now weighs 1 beside the Court Report rule (story-61c).
    expect(scored('court-report', 'd-recs-unconfirmed', 'd-recs-unconfirmed-substance')).toEqual(['no-revealing-recommendations violates 1', 'report-no-substance-use violates 2']);
  });
});
