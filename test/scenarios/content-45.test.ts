import { describe, expect, it } from 'vitest';
import { BUNDLED_IDS, bundledDecision, bundledReply, bundledScenario } from '../helpers/bundled.js';

// Session content-45: fresh eyes on dual-involvement, harm-reduction and youth-relapses, against the guide
// (scenarios/guide/). A fact from outside the guide says where it comes from (docs/authoring.md section 6:
// "If you add a fact from elsewhere …, say where it comes from"), as dual-involvement d4-courts' note names
// the courts' public descriptions (imprintnews.org; courts.ca.gov).
describe('session content-45: a fact from outside the guide names its source', () => {
  it('harm-reduction d4-plan: the note on a plan in his own words names the practitioners\' public description it comes from, not the project\'s own notes, and keeps to what that source says', () => {
    const note = bundledDecision('harm-reduction', 'd4-plan').facilitatorNote ?? '';
    expect(note).toContain('The guide does not prescribe a form; practitioners (e.g. chnola.org), not the guide, describe a plan made with the youth, in his own words, not for him.');
    // "works best" was more than the source says ("a plan made with the youth, in her words, not for her").
    expect(note).not.toMatch(/works best/);
  });

  it('no bundled scenario sends a trainer or volunteer to "the project\'s background notes", which they cannot look up', () => {
    const citing = BUNDLED_IDS.filter((id) => /background notes/i.test(JSON.stringify(bundledScenario(id))));
    expect(citing).toEqual([]);
  });
});

// The guide's court-report rule (Court Report): "CASAs to not disclose any incriminating information that
// may lead to a negative perception of the youth or violate their confidentiality". Without
// "incriminating" it reads as "leave out anything unflattering", broader than the guide and at odds with
// the replies marked down for a report that leaves the hard facts out (harm-reduction d8-rosy).
describe('session content-45: the court-report rule keeps the guide\'s "incriminating"', () => {
  it('every feedback or facilitator note that says what a report leaves out for a negative view or perception says "incriminating"', () => {
    const sentences = BUNDLED_IDS.flatMap((id) => JSON.stringify(bundledScenario(id))
      .split(/(?<=[.!?])\s+/)
      .filter((s) => /leav(?:e|ing) out/.test(s) && /negative (?:view|perception)/.test(s))
      .map((s) => `${id}: ${s}`));
    expect(sentences.length).toBeGreaterThanOrEqual(2);
    expect(sentences.filter((s) => !/incriminating/.test(s))).toEqual([]);
  });
});

// Second reader (diffread-45): the case above looks only at sentences that say what a report "leaves out";
// couch-rent d8-status put the same rule as what "the guide asks CASAs not to disclose", without the
// guide's "incriminating". Any sentence that states the rule, either way, keeps the guide's word.
describe('session content-45 (second reader): the rule stated as what not to disclose keeps "incriminating" too', () => {
  it('every sentence that says the guide asks CASAs not to disclose information for a negative view or perception says "incriminating"', () => {
    const sentences = BUNDLED_IDS.flatMap((id) => JSON.stringify(bundledScenario(id))
      .split(/(?<=[.!?])\s+/)
      .filter((s) => /not (?:to )?disclose/.test(s) && /negative (?:view|perception)/.test(s))
      .map((s) => `${id}: ${s}`));
    expect(sentences.length).toBeGreaterThanOrEqual(2);
    expect(sentences.filter((s) => !/incriminating/.test(s))).toEqual([]);
  });
});

// Second reader, session 45: harm-reduction d8-danger's paragraph states facts the team knows, about a
// youth whose CSEC status is confirmed; its fault is deficit framing, so its feedback rests on the
// report being strengths-based, not on the rule against disclosing incriminating information. And
// where the line a youth objects to is her pregnancy or sexual health, the rule is the guide's list of
// what not to disclose, which the mandated-reporter reply now names beside "incriminating".
describe('session content-45 (second reader): each court-report reply rests on the part of the rule that fits it', () => {
  it('harm-reduction d8-danger: strengths-based, objective and supported by evidence, not the non-disclosure rule', () => {
    const { feedback } = bundledReply('harm-reduction', 'd8-report', 'd8-danger');
    expect(feedback).toContain('strengths-based, as well as objective and supported by evidence (Court Report)');
    expect(feedback).not.toMatch(/incriminating|negative (view|perception)/);
  });
  it('court-report d-hearing-repair-mandated: names the kinds of information the guide lists not to disclose', () => {
    expect(bundledReply('court-report', 'd-hearing-repair', 'd-hearing-repair-mandated').feedback).toContain('and the kinds of information it lists not to disclose (Court Report)');
  });
});
