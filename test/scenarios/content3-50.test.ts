import { describe, expect, it } from 'vitest';
import { getPrinciple } from '../../src/machines/guide.js';
import { BUNDLED_IDS, bundledDecision, bundledReply, bundledScenario } from '../helpers/bundled.js';

// Session content3-50: a fresh read of jae-and-hyung and harm-reduction against the guide, played line by line and
// full screen. What is fixed here is what harm-reduction said the guide says. The guide says the harm reduction
// approach "allows service providers to begin exploring why youth are leaving care, what needs remain unmet and what
// structural barriers exist" (Harm Reduction), and that "Discussing triggers and strategies for dealing with
// triggers prior to relapse will be important in conversations with the young person" (Likelihood of Relapse).
// Scoring is unchanged.

/** Every feedback, facilitator note and discussion prompt of a scenario. */
const teaching = (id: string): string[] =>
  bundledScenario(id).nodes.flatMap((n) => [
    'facilitatorNote' in n ? (n.facilitatorNote ?? '') : '',
    'discussionPrompt' in n ? (n.discussionPrompt ?? '') : '',
    ...(n.kind === 'decision' ? n.replies.map((r) => r.feedback) : []),
  ]);

describe('session content3-50: harm-reduction says what the guide says', () => {
  // d2-placement said hearing the need "is the first step of harm reduction": the guide gives harm reduction no
  // steps, and session 49 (guide-words-49) took "begins by exploring" out of two scenarios for the same reason.
  it('d2-placement: hearing the need is not "the first step of harm reduction"; the approach makes room to explore unmet needs', () => {
    const fb = bundledReply('harm-reduction', 'd2-why', 'd2-placement').feedback;
    expect(fb).not.toMatch(/first step of harm reduction/i);
    expect(fb).toContain('the harm reduction approach makes room to explore what needs remain unmet (Harm Reduction)');
  });

  // d2-why's facilitator note said "Harm reduction asks what needs remain unmet", the "asks" session 49 replaced
  // with "makes room to explore" in four other scenarios (61288c17).
  it('d2-why\'s facilitator note does not say harm reduction asks what needs remain unmet', () => {
    const note = bundledDecision('harm-reduction', 'd2-why').facilitatorNote ?? '';
    expect(note).not.toMatch(/harm reduction (approach )?asks/i);
    expect(note).toMatch(/\bthe harm reduction approach makes room to explore what needs remain unmet \(Harm Reduction\)/i);
  });

  // d4-words said "harm reduction lets him define safety (Harm Reduction), and it asks CASAs to talk about triggers
  // before a relapse": the guide says that talk "will be important" (guide-words-49 settled the same words in
  // before-relapse), and "it" read as harm reduction, which says nothing of triggers.
  it('d4-words says the trigger talk will be important, as the guide does, and does not give it to harm reduction', () => {
    const fb = bundledReply('harm-reduction', 'd4-plan', 'd4-words').feedback;
    expect(fb).not.toMatch(/asks? CASAs to talk about triggers/);
    expect(fb).toContain('the guide says talking about triggers before a relapse will be important (Likelihood of Relapse)');
  });

  it('harm-reduction\'s version was raised for the change', () => {
    expect(bundledScenario('harm-reduction').version).toBeGreaterThanOrEqual(38);
  });
});

describe('session content3-50: in every bundled scenario', () => {
  it.each(BUNDLED_IDS)('%s gives harm reduction no "first step" and does not say the guide asks for the trigger talk', (id) => {
    for (const t of teaching(id)) {
      expect(t).not.toMatch(/\b(first|opening) step of (the )?harm reduction/i);
      expect(t).not.toMatch(/\basks? (CASAs|you) to (talk|discuss)[^.]{0,20}\btriggers\b/i);
    }
  });
});

// The rule of immigration-screening, which jae-and-hyung's debrief quotes under "To work on" and "Strengths", said:
// "consult your Advocate Supervisor to connect with CLC's immigration attorney so the youth is screened by someone
// with trafficking expertise". The guide says, in separate sentences, that it is critical that an immigration
// attorney with trafficking expertise screen the child, that CLC has an attorney specialized and managing cases for
// youth with immigration needs, and to consult the Advocate Supervisor to connect with an immigration attorney at
// CLC (Legal Advocacy): it does not say CLC's attorney has that expertise, the reading content-review holds
// red-flags to.
describe('session content3-50: the immigration-screening rule the debrief quotes', () => {
  it('does not say connecting with CLC\'s attorney is how the youth is screened by someone with trafficking expertise', () => {
    const rule = getPrinciple('immigration-screening')?.rule ?? '';
    expect(rule).not.toMatch(/CLC's immigration attorney so|screened by someone with trafficking expertise/);
    expect(rule).toMatch(/an immigration attorney with trafficking expertise/);
    expect(rule).toMatch(/connect with an immigration attorney at CLC/);
  });
});
