import { describe, expect, it } from 'vitest';
import { bundledDecision, bundledReply } from '../helpers/bundled.js';

// Session reread-c-53: the guide asks for the safety reassurance in one situation. Its words, in Likelihood of
// Relapse: "Should a youth return to their trafficker, ... reassure the youth that your main priority is their
// safety regardless of their choices." Three scenarios said the guide asks it of a youth who has gone back to no
// one (Theo at d6-train, Jae at d2-open, Kiara at d6-weekend), as saturday-shoots d4 did before reread-a-53.
// Each sentence now names the guide's situation and says the scenario offers the reassurance earlier.
// Seen failing on the old files (boy-red-flags v30, jae-and-hyung v24, youth-discloses v42).

const scored = (id: string, nodeId: string, replyId: string) =>
  bundledReply(id, nodeId, replyId).assessments.map((a) => `${a.principle} ${a.verdict} ${a.weight ?? 1}`).join(', ');
const SITUATION = /(return|go|goes) (back )?to the person exploiting them/;

// Every text at the decision that cites Likelihood of Relapse for the reassurance names the guide's situation.
const eachCitationNamesTheSituation = (id: string, nodeId: string, expected: number) => {
  const d = bundledDecision(id, nodeId);
  const texts = [d.facilitatorNote ?? '', ...d.replies.map((r) => r.feedback)];
  const citing = texts.filter((t) => /main priority|safety first|safety matters|safety comes first|safety your priority/.test(t) && t.includes('(Likelihood of Relapse)'));
  expect(citing.length, `${id} ${nodeId}`).toBe(expected);
  for (const t of citing) expect(t).toMatch(SITUATION);
  for (const t of texts) {
    // The guide's words are "your main priority": "that their main priority" read as the youth's priority.
    expect(t).not.toMatch(/reassure the youth that their main priority/);
    expect(t).not.toMatch(/as the guide asks \(Likelihood of Relapse\)/);
    expect(t).not.toMatch(/[Tt]he guide (says|asks) (the CASA's main priority|you to reassure her|CASAs to reassure a youth that)/);
  }
};

// safety-53 took the reassurance out of the scoring at d6-train and d2-open (test/scenarios/story-53d.test.ts):
// only the note still names it there, to say the decision does not score it.
describe('reread-c-53: boy-red-flags d6-train says when the guide asks for the safety reassurance', () => {
  it('the note names the guide\'s situation; Theo has gone back to no one', () => {
    eachCitationNamesTheSituation('boy-red-flags', 'd6-train', 1);
    expect(bundledDecision('boy-red-flags', 'd6-train').facilitatorNote).toContain(
      'Should a youth return to the person exploiting them, the guide asks CASAs to reassure the youth "that your main priority is their safety regardless of their choices" (Likelihood of Relapse); Theo has not gone back to anyone and nobody yet knows what Vince is to him, so this decision does not score that reassurance.',
    );
  });
});

describe('reread-c-53: jae-and-hyung d2-open says when the guide asks for the safety reassurance', () => {
  it('the note names the guide\'s situation; Jae has gone back to no one', () => {
    eachCitationNamesTheSituation('jae-and-hyung', 'd2-open', 1);
    expect(bundledDecision('jae-and-hyung', 'd2-open').facilitatorNote).toContain(
      'Should a youth return to the person exploiting them, the guide asks CASAs to reassure the youth "that your main priority is their safety regardless of their choices" (Likelihood of Relapse); Jae has not gone back to anyone, so this decision does not score that reassurance;',
    );
    expect(scored('jae-and-hyung', 'd2-open', 'd2-rule')).not.toMatch(/safety-is-priority/);
  });
});

describe('reread-c-53: youth-discloses d6-weekend says when the guide asks for the safety reassurance', () => {
  // v43 (as safety-53 did at d6-train and d2-open): the decision no longer scores the reassurance; it is
  // scored on harm reduction, and only the note names the guide's situation, to say so.
  it('the note names the guide\'s situation and says the decision does not score it; Kiara has left no one to go back to', () => {
    eachCitationNamesTheSituation('youth-discloses', 'd6-weekend', 1);
    const note = bundledDecision('youth-discloses', 'd6-weekend').facilitatorNote ?? '';
    expect(note).toContain('Kiara has not left anyone to go back to, so this decision does not score that reassurance');
    expect(note).not.toMatch(/while the volunteer is clear/);
    for (const r of bundledDecision('youth-discloses', 'd6-weekend').replies) {
      expect(r.assessments.map((a) => a.principle)).not.toContain('safety-is-priority');
      expect(r.feedback).not.toContain('(Likelihood of Relapse)');
    }
    expect(scored('youth-discloses', 'd6-weekend', 'd6-safety')).toBe('harm-reduction-self-determination follows 2, harm-reduction-unmet-needs follows 1');
    expect(scored('youth-discloses', 'd6-weekend', 'd6-forbid')).toBe('harm-reduction-self-determination violates 2');
  });
});
