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
  // couch-rent d1-fix, d4-urgent, d5-ride, d5-stay, d7-tatik and d8-status had four; the-list d1-warning, d5-promise,
  // d5-call-mom and d8-funds; red-flags r-two-workers-victim and r-new-team-text-keisha. Each was joined up.
  it.each(['couch-rent', 'the-list', 'red-flags'])('%s', (id) => {
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

  it('the-list: the joined feedback keeps every citation it had', () => {
    const cites: Array<[string, string, string[]]> = [
      ['d1-ba', 'd1-warning', ['(Red Flags)']],
      ['d5-kenny', 'd5-promise', ['(Red Flags)', "(CASA/LA's own statement, not the guide's)"]],
      ['d5-kenny', 'd5-call-mom', ['(Stages of Exiting CSEC Involvement)', '(Red Flags)']],
      ['d8-steps', 'd8-funds', ['(Stages of Exiting CSEC Involvement)', '(Potential Recommendations)', '(Harm Reduction)']],
    ];
    for (const [node, reply, sections] of cites) {
      const f = bundledReply('the-list', node, reply).feedback;
      for (const s of sections) expect(f, `${reply} ${s}`).toContain(s);
    }
  });

  it('red-flags: the joined feedback keeps every citation it had', () => {
    const cites: Array<[string, string, string[]]> = [
      ['r-two-workers', 'r-two-workers-victim', ['(Collaboration with Case Parties)', '(Stages of Exiting CSEC Involvement)']],
      ['r-new-team', 'r-new-team-text-keisha', ['(Collaboration with Case Parties)', 'authorization form']],
    ];
    for (const [node, reply, sections] of cites) {
      const f = bundledReply('red-flags', node, reply).feedback;
      for (const s of sections) expect(f, `${reply} ${s}`).toContain(s);
    }
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

// The guide notes that many youth do not consider themselves victims and asks CASAs to remain open-minded and
// non-judgmental (Stages of Exiting CSEC Involvement). red-flags r-two-workers-victim ("girls who've been trafficked")
// and youth-discloses d3-victim violate non-judgmental for naming it; two replies did the same, unscored.
describe('reread-55: the-list, d6-hurt takes the blame off Bảo without naming him hurt', () => {
  // the-list d6-hurt said "You're the one who's been hurt here" to Bảo, who had just said "Nobody made me", and was
  // credited with following non-judgmental while its feedback faulted it with that principle's own words ("many
  // youth do not consider themselves victims"). It now takes the blame off him without naming what happened to him,
  // and the feedback gives the credit and the fault their own sections' words.
  it('the-list d6-hurt takes the blame off Bảo without naming him hurt, and its feedback does not fault what it credits', () => {
    const r = bundledReply('the-list', 'd6-loyal', 'd6-hurt');
    expect(r.text).not.toMatch(/hurt|victim/i);
    expect(r.text).toMatch(/^None of this is on you, Bảo\./);
    expect(r.text).toMatch(/he's the one who'll answer for it\.$/);
    expect(scored('the-list', 'd6-loyal', 'd6-hurt')).toEqual(['non-judgmental follows 1', 'validate-loss violates 2']);
    expect(r.feedback).not.toMatch(/do not consider themselves victims/);
    expect(r.feedback).toMatch(/made to feel accountable for their situation, and the guide asks CASAs to remain open-minded and non-judgmental \(Stages of Exiting CSEC Involvement\)/);
    expect(r.feedback).toMatch(/validate and process these feelings of loss with the young person \(Stages of Exiting CSEC Involvement\)/);
    // Still longer than the best reply, d6-miss, so the best reply at d6-loyal is not left the longest.
    const replies = bundledScenario('the-list').nodes.find((n) => n.id === 'd6-loyal');
    if (replies?.kind !== 'decision') throw new Error('the-list has no decision d6-loyal');
    const best = replies.replies.find((x) => x.id === 'd6-miss');
    expect(r.text.length).toBeGreaterThan(best?.text.length ?? Infinity);
  });
});

describe('reread-55: red-flags, the wrong promise about papers calls Yesi nothing', () => {
  // red-flags r-immigration-guess said "Trafficking victims automatically get visas, so you'll be fine", a label for
  // Yesi that r-two-workers-victim, three decisions earlier, is faulted for (non-judgmental, weight 2), here unscored.
  // The wrong promise is now about her question itself: what testifying would mean for her papers.
  it('red-flags r-immigration-guess makes its wrong promise without calling Yesi a victim, scored as before', () => {
    const r = bundledReply('red-flags', 'r-immigration', 'r-immigration-guess');
    expect(r.text).not.toMatch(/victim|trafficked/i);
    expect(r.text).toMatch(/If you testify, you automatically get a visa, so you'll be fine\./);
    expect(scored('red-flags', 'r-immigration', 'r-immigration-guess')).toEqual(['immigration-screening violates 2']);
    expect(r.feedback).toContain('(Legal Advocacy)');
  });
});

describe('reread-55: the-list d7-ride cites no section for the motive of a prohibited reply', () => {
  // docs/authoring.md section 6 ("A prohibited act is not a strength"): the feedback may say the instinct is kind, but
  // it cites no section for the motive. d7-ride (an answer to Chú Vinh's offer to drive Bảo to court) said the guide
  // lists transportation and confirming court dates among a CASA's legal support "(Legal Advocacy)", for the very act
  // that is communication with the person exploiting him. It now names what would have kept the line, with its section
  // (d7-go follows csw-partnership, so the debrief counts a missed chance here).
  it('keeps the prohibition and the way to keep it, without the Legal Advocacy citation', () => {
    const f = bundledReply('the-list', 'd7-door', 'd7-ride').feedback;
    expect(f).not.toContain('(Legal Advocacy)');
    expect(f).toMatch(/should not initiate or have any communication with a youth's trafficker \(Prohibited Activities\)/);
    expect(f).toMatch(/Pass his offer on to Mr\. Pham and leave it unanswered: .*\(Collaboration with Case Parties\)\.$/);
    expect(sentences(f).length).toBeLessThanOrEqual(3);
    expect(scored('the-list', 'd7-door', 'd7-ride')).toEqual(['no-trafficker-contact violates 3']);
  });
});
