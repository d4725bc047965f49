import { describe, expect, it } from 'vitest';
import { bundledDecision, bundledReply } from '../helpers/bundled.js';

// Session content5-49: a fresh read of youth-discloses, played through.

// youth-discloses d1-warn's feedback said "Gifts from a boyfriend can be a red flag" in a sentence citing Red Flags.
// The guide's Red Flags does not call a gift a red flag (content3-47 took the same words out of d1-gifts' facilitator
// note); it says red flags "may show risk of CSEC activity, but they may also represent typical teenage development".
// The feedback also said the warning came "before she has said a word about him", when Kiara has just said he is her
// man, got her these and is "kinda obsessed" with her: what the volunteer does not yet know is anything about him.
describe('content5-49: youth-discloses d1-warn\'s feedback says what Red Flags says, and what Kiara has said', () => {
  it('no gift called a red flag; the guide\'s words about red flags and teenage development instead', () => {
    const warn = bundledReply('youth-discloses', 'd1-gifts', 'd1-warn');
    expect(warn.feedback).not.toMatch(/gifts?[^.;]{0,40}(can|may) be a red flag/i);
    expect(warn.feedback).toContain('red flags may show risk of CSEC activity, but they may also represent typical teenage development');
    expect(warn.feedback).toContain('(Red Flags)');
  });

  it('does not say Kiara has not said a word about him, after her line about him', () => {
    const line = bundledDecision('youth-discloses', 'd1-gifts').lines?.map((l) => l.text).join(' ') ?? '';
    expect(line).toMatch(/It's just my man\. He got me these too\./);
    const warn = bundledReply('youth-discloses', 'd1-gifts', 'd1-warn');
    expect(warn.feedback).not.toMatch(/said a word about him/);
  });
});
