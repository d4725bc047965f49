import { describe, expect, it } from 'vitest';
import { bundledDecision, bundledReply } from '../helpers/bundled.js';

// Session reread-c-53: the guide asks for the safety reassurance in one situation. Its words, in Likelihood of
// Relapse: "Should a youth return to their trafficker, ... reassure the youth that your main priority is their
// safety regardless of their choices." Three scenarios said the guide asks it of a youth who has gone back to no
// one (Theo at d6-train, Jae at d2-open, Kiara at d6-weekend), as saturday-shoots d4 did before reread-a-53.
// Each sentence now names the guide's situation and says the scenario offers the reassurance earlier.
// Seen failing on the old files (boy-red-flags v30, jae-and-hyung v24, youth-discloses v42). Scoring unchanged.

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
    expect(t).not.toMatch(/as the guide asks \(Likelihood of Relapse\)/);
    expect(t).not.toMatch(/[Tt]he guide (says|asks) (the CASA's main priority|you to reassure her|CASAs to reassure a youth that)/);
  }
};

describe('reread-c-53: boy-red-flags d6-train says when the guide asks for the safety reassurance', () => {
  it('the note and both credited replies name the guide\'s situation; Theo has gone back to no one', () => {
    eachCitationNamesTheSituation('boy-red-flags', 'd6-train', 3);
    expect(bundledDecision('boy-red-flags', 'd6-train').facilitatorNote).toContain(
      'Should a youth return to the person exploiting them, the guide asks CASAs to reassure the youth that their main priority is their safety regardless of their choices (Likelihood of Relapse); Theo has not gone back to anyone, nobody yet knows what Vince is to him, and this scenario credits care for his safety here all the same.',
    );
    expect(bundledReply('boy-red-flags', 'd6-train', 'd6-once').feedback).toContain(
      'Asking him to check in shows his safety matters to you, close to the reassurance the guide asks CASAs to give should a youth go back to the person exploiting them, offered here before anyone knows what Vince is to him (Likelihood of Relapse).',
    );
    expect(bundledReply('boy-red-flags', 'd6-train', 'd6-ray').feedback).toContain(
      'You also put his safety first, the reassurance the guide asks CASAs to give should a youth go back to the person exploiting them, offered here before anyone knows what Vince is to him (Likelihood of Relapse).',
    );
    expect(scored('boy-red-flags', 'd6-train', 'd6-once')).toBe('safety-is-priority follows 1, csw-partnership violates 2');
    expect(scored('boy-red-flags', 'd6-train', 'd6-ray')).toBe('safety-is-priority follows 1, csw-partnership follows 2');
  });
});

describe('reread-c-53: jae-and-hyung d2-open says when the guide asks for the safety reassurance', () => {
  it('the note and three replies name the guide\'s situation; Jae has gone back to no one', () => {
    eachCitationNamesTheSituation('jae-and-hyung', 'd2-open', 4);
    const note = bundledDecision('jae-and-hyung', 'd2-open').facilitatorNote;
    expect(note).toContain(
      'Should a youth return to the person exploiting them, the guide asks CASAs to reassure the youth that their main priority is their safety regardless of their choices (Likelihood of Relapse); Jae has not gone back to anyone, and this scenario credits the same reassurance here, when the suspicion first comes up. The guide also notes',
    );
    expect(bundledReply('jae-and-hyung', 'd2-open', 'd2-honest').feedback).toContain(
      'You tell him his safety comes first for you, the reassurance the guide asks CASAs to give should a youth go back to the person exploiting them, offered here when the suspicion first comes up (Likelihood of Relapse)',
    );
    expect(bundledReply('jae-and-hyung', 'd2-open', 'd2-scam').feedback).toContain(
      'not as the reassurance the guide asks CASAs to give should a youth go back to the person exploiting them, and which this scenario looks for here: that his safety is your main priority (Likelihood of Relapse).',
    );
    expect(bundledReply('jae-and-hyung', 'd2-open', 'd2-rule').feedback).toContain(
      'Nor does your answer tell him what the guide asks CASAs to tell a youth who goes back to the person exploiting them, and what Jae could hear now: that his safety is your main priority (Likelihood of Relapse).',
    );
    expect(scored('jae-and-hyung', 'd2-open', 'd2-honest')).toBe('consult-supervisor-on-suspicion follows 2, safety-is-priority follows 1');
    expect(scored('jae-and-hyung', 'd2-open', 'd2-rule')).not.toMatch(/safety-is-priority/);
  });
});

describe('reread-c-53: youth-discloses d6-weekend says when the guide asks for the safety reassurance', () => {
  it('the note and three replies name the guide\'s situation; Kiara has left no one to go back to', () => {
    eachCitationNamesTheSituation('youth-discloses', 'd6-weekend', 4);
    const note = bundledDecision('youth-discloses', 'd6-weekend').facilitatorNote ?? '';
    expect(note).toContain(
      'Kiara has not left anyone to go back to, and this scenario credits the same reassurance here, as she decides about the weekend.',
    );
    expect(note).not.toMatch(/while the volunteer is clear/);
    expect(bundledReply('youth-discloses', 'd6-weekend', 'd6-forbid').feedback).toContain(
      'when the reassurance the guide asks CASAs to give should a youth go back to the person exploiting them, and the one this scenario looks for here, is that her safety is your main priority whatever she decides (Likelihood of Relapse).',
    );
    expect(bundledReply('youth-discloses', 'd6-weekend', 'd6-whatever').feedback).toContain(
      'says nothing of what the guide asks CASAs to tell a youth who goes back to the person exploiting them, and what Kiara could hear now: that her safety is your main priority, whatever she chooses (Likelihood of Relapse).',
    );
    expect(bundledReply('youth-discloses', 'd6-weekend', 'd6-safety').feedback).toContain(
      'You made her safety your priority regardless of her choice, the reassurance the guide asks CASAs to give should a youth go back to the person exploiting them, offered here as she decides about the weekend (Likelihood of Relapse).',
    );
    expect(scored('youth-discloses', 'd6-weekend', 'd6-safety')).toBe(
      'safety-is-priority follows 1, harm-reduction-self-determination follows 1, harm-reduction-unmet-needs follows 1',
    );
  });
});
