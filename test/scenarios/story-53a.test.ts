import { describe, expect, it } from 'vitest';
import { bundledDecision, bundledReply, bundledScenario } from '../helpers/bundled.js';

// Session reread-a-53: three judgement calls left by session 52's readers, decided against the guide's words.
// Each case was seen failing on the old files (testifying v19, saturday-shoots v24, before-relapse v25).
// Scoring is unchanged; the scoring each case relies on is pinned beside it.

const scored = (id: string, nodeId: string, replyId: string) =>
  bundledReply(id, nodeId, replyId).assessments.map((a) => `${a.principle} ${a.verdict} ${a.weight ?? 1}`).join(', ');
const sentences = (text: string) => text.split(/(?<=[.?!])\s+(?=[A-Z])/);

describe('reread-a-53: testifying says what the guide says of the dependency attorney and of criminal proceedings', () => {
  // The guide: the dependency attorney provides "legal advocacy for children and youth in the dependency system"
  // (Collaboration with Case Parties), and "a youth will likely need an advocate regarding other legal issues"
  // (Legal Advocacy). d1's note and two replies' feedback said, of a question about a criminal case, that "the
  // dependency attorney provides her legal advocacy", dropping the guide's scope.
  it('at d1-have-to, every "provides ... legal advocacy" keeps the guide\'s "in the dependency system"', () => {
    const d1 = bundledDecision('testifying', 'd1-have-to');
    const texts = [d1.facilitatorNote ?? '', ...d1.replies.map((r) => r.feedback)];
    const claims = texts.flatMap((t) => t.match(/provides?\b[^.;:()]*legal advocacy[^.;:()]*/g) ?? []);
    expect(claims.length).toBeGreaterThanOrEqual(3);
    for (const claim of claims) expect(claim).toMatch(/in the dependency system/);
    expect(d1.facilitatorNote).toContain('a youth will likely need an advocate regarding other legal issues (Legal Advocacy)');
    // The legal question still goes to Mr. Osei, scored as before.
    expect(bundledReply('testifying', 'd1-have-to', 'd1-tell-court').feedback).toMatch(/question for Mr\. Osei/);
    expect(scored('testifying', 'd1-have-to', 'd1-scary')).toBe('youth-centered follows 2, dependency-attorney-role follows 1');
  });

  // The Legal Advocacy section lists courtroom support, transportation arrangements and confirming court dates among
  // the ways a CASA may help with a youth's legal needs (this scenario credits them at d2, d4 and d5); its crime
  // victim advocacy line adds maintaining communication among the case parties. The d3 and d7 notes told trainers
  // that for criminal proceedings the guide "names one kind of support".
  it('no trainer note says the guide names one kind of support for criminal proceedings; d7 names the others', () => {
    for (const node of bundledScenario('testifying').nodes) {
      if (node.kind === 'decision') expect(node.facilitatorNote ?? '', node.id).not.toMatch(/one kind of support/);
    }
    const d7 = bundledDecision('testifying', 'd7-worry').facilitatorNote ?? '';
    expect(d7).toMatch(/courtroom support, transportation arrangements, confirming court dates/);
    expect(d7).toMatch(/maintaining communication and understanding among the case parties, most importantly the CSW and dependency attorney \(Legal Advocacy\)/);
  });
});

describe('reread-a-53: saturday-shoots d4 says when the guide asks for the safety reassurance', () => {
  // The guide: "Should a youth return to their trafficker, ... reassure the youth that your main priority is their
  // safety regardless of their choices" (Likelihood of Relapse). Meron has gone back to no one; the note and two
  // replies said the guide asks it of her ("as the guide asks", "the guide asks you to reassure her").
  it('every sentence at d4-secret citing the "main priority" reassurance names the guide\'s situation', () => {
    const d4 = bundledDecision('saturday-shoots', 'd4-secret');
    const texts = [d4.facilitatorNote ?? '', ...d4.replies.map((r) => r.feedback)];
    const cited = texts.flatMap(sentences).filter((s) => /main priority/.test(s) && /\(Likelihood of Relapse\)/.test(s));
    // safety-53: only the note still names the reassurance, to say this decision does not score it.
    expect(cited.length).toBe(1);
    for (const sentence of cited) expect(sentence).toMatch(/(return|go|goes) (back )?to the person exploiting them/);
    for (const text of texts) {
      expect(text).not.toMatch(/as the guide asks \(Likelihood of Relapse\)/);
      expect(text).not.toMatch(/the guide asks you to reassure her/);
    }
    // safety-53: the reassurance is no longer credited here (test/scenarios/story-53d.test.ts), and d4-dawson not scored on it.
    expect(scored('saturday-shoots', 'd4-secret', 'd4-honest')).toBe('consult-supervisor-on-suspicion follows 2, youth-centered follows 1');
    expect(scored('saturday-shoots', 'd4-secret', 'd4-dawson')).not.toMatch(/safety-is-priority/);
  });
});

describe('reread-a-53: before-relapse', () => {
  // The guide: "Discussing triggers and strategies for dealing with triggers prior to relapse will be important in
  // conversations with the young person" (Likelihood of Relapse). d2-leave said it "is important" and put "waiting
  // for trouble means having the talk in a crisis", which the guide does not say, before the citation.
  it('d2-leave cites the guide\'s words to Likelihood of Relapse, and its own inference stands outside the citation', () => {
    const f = bundledReply('before-relapse', 'd2-triggers', 'd2-leave').feedback;
    const cited = sentences(f).filter((s) => s.includes('(Likelihood of Relapse)'));
    expect(cited).toHaveLength(1);
    expect(cited[0]).toMatch(/prior to relapse will be important in conversations with the young person \(Likelihood of Relapse\)\.$/);
    expect(f).not.toMatch(/crisis/);
    expect(scored('before-relapse', 'd2-triggers', 'd2-leave')).toBe('discuss-triggers violates 2');
  });

  // The guide's Court Report section: "Some information to not disclose in a court report include: ... STD's or
  // sexual health history"; its "must" is for reports being objective, supported by evidence and strengths-based.
  it('the d7-report note says sexual health history is among what the guide says not to disclose, not "must not include"', () => {
    const note = bundledDecision('before-relapse', 'd7-report').facilitatorNote ?? '';
    expect(note).not.toMatch(/must not include/);
    expect(note).toMatch(/STDs or sexual health history among the information not to disclose/);
    expect(note).toMatch(/can request the dependency attorney to complete an attorney order/);
  });

  // Rina names "Fridays, when Tita works late" as a trigger (s2-open), and the endings have Tita at work on Friday
  // nights; d3-rule asked Tita to hold her phone "after nine on Fridays", when she is not home.
  it('d3-rule\'s phone rule does not need Tita at home on a Friday night', () => {
    const s = bundledScenario('before-relapse');
    const open = s.nodes.find((n) => n.id === 's2-open');
    expect(open?.kind === 'scene' ? open.lines?.map((l) => l.text).join(' ') : '').toMatch(/Fridays, when Tita works late/);
    const rule = bundledReply('before-relapse', 'd3-fridays', 'd3-rule');
    expect(rule.text).not.toMatch(/after nine|hold onto it/);
    expect(rule.text).toMatch(/Tita takes your phone to work with her/);
    expect(rule.feedback).toMatch(/a rule you set and her aunt enforces/);
    expect(scored('before-relapse', 'd3-fridays', 'd3-rule')).toBe('discuss-triggers follows 1, harm-reduction-self-determination violates 2');
  });
});
