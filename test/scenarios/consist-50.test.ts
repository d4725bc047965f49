import { describe, expect, it } from 'vitest';
import { getPrinciple, getSection } from '../../src/machines/guide.js';
import { BUNDLED_IDS, bundledReply, bundledScenario } from '../helpers/bundled.js';

// Session consist-50: the same conduct scored by different rules across the bundled scenarios. Only a side
// that contradicts a rule docs/authoring.md states outright was changed; each case was seen failing before it.

const scored = (id: string, node: string, reply: string) =>
  bundledReply(id, node, reply).assessments.map((a) => `${a.principle} ${a.verdict} ${a.weight ?? 1}`).join(', ');

// Docs section 6, "Write replies that follow one principle and break another", used the worked example's
// d1-promise ("I'm so relieved you're okay. Just promise me you won't ever leave like that again"), then
// credited on safety-is-priority and faulted on harm-reduction-unmet-needs. (Since session 53 the example's
// youth, who went back to no one, is not scored on the relapse reassurance; see test/docs/worked-example.)
// In the bundled scenarios, left-placement-calls d7-promise assessed both
// sides (since session lpc-54 on harm-reduction-unmet-needs, not the relapse reassurance); couch-rent d1-promise ("I was worried sick. I'm so glad you're back.") and harm-reduction d1-promise
// ("I'm so glad you're back. You scared us.") assessed only the demand, so the debrief told a volunteer who
// led with worry for the youth that they missed a chance to put the youth's safety first.
describe('consist-50: relief that asks for a promise not to leave again is assessed on both sides', () => {
  const prohibited = (principle: string) => getPrinciple(principle)?.section === 'prohibited-activities';
  const promisesNotToLeave = () => BUNDLED_IDS.flatMap((id) => bundledScenario(id).nodes.flatMap((n) => (n.kind === 'decision'
    ? n.replies.filter((r) => /\bpromise me\b/i.test(r.text) && /won't leave|leave again|no more (nights away|disappearing)/i.test(r.text))
      .filter((r) => !r.assessments.some((a) => a.verdict === 'violates' && prohibited(a.principle)))
      .map((r) => ({ id, node: n.id, r }))
    : [])));

  it('the set holds the three replies, and a promise to come and get her is not among them', () => {
    expect(promisesNotToLeave().map(({ id, r }) => `${id} ${r.id}`).sort()).toEqual([
      'couch-rent d1-promise', 'harm-reduction d1-promise', 'left-placement-calls d7-promise',
    ]);
  });

  it('each follows a principle and breaks what the demand breaks, and its feedback cites the section of each', () => {
    for (const { id, r } of promisesNotToLeave()) {
      expect(r.assessments.some((a) => a.verdict === 'follows'), `${id} ${r.id}`).toBe(true);
      expect(r.assessments.some((a) => a.verdict === 'violates'), `${id} ${r.id}`).toBe(true);
      for (const a of r.assessments) expect(r.feedback, `${id} ${r.id} ${a.principle}`).toContain(`(${getSection(getPrinciple(a.principle)?.section ?? '')?.heading})`);
    }
    // Session lpc-54: left-placement-calls d7-promise no longer follows "Their safety comes first": Ari came back
    // to her placement and has gone back to no one exploiting her, and the guide asks that reassurance "Should a
    // youth return to their trafficker" (Likelihood of Relapse). It now also asks what makes her want to go,
    // which is what harm reduction allows: exploring why youth leave care (Harm Reduction).
    expect(scored('left-placement-calls', 'd7-return', 'd7-promise')).toBe('harm-reduction-unmet-needs follows 1, resources-reduce-harm violates 1, respect-mindset-boundaries violates 1');
    expect(bundledReply('left-placement-calls', 'd7-return', 'd7-promise').text).toMatch(/if something here is making you want to go, tell me/);
    expect(bundledReply('left-placement-calls', 'd7-return', 'd7-promise').feedback).not.toMatch(/Likelihood of Relapse|safety first|main priority/);
    // Session content-56: couch-rent d1-promise lost the relapse reassurance for the same reason (at d1 nobody has named
    // Vic, let alone gone back to him); like the worked example it now asks why Arev left, then asks for the promise.
    expect(scored('couch-rent', 'd1-bench', 'd1-promise')).toBe('harm-reduction-unmet-needs follows 1, resources-reduce-harm violates 1');
    expect(bundledReply('couch-rent', 'd1-bench', 'd1-promise').text).toMatch(/Is that why you left\?/);
    expect(bundledReply('couch-rent', 'd1-bench', 'd1-promise').feedback).not.toMatch(/Likelihood of Relapse|safety first|main priority/);
    // reader-c-61: harm-reduction d1-promise is credited on the acceptance it shows ("I'm so glad you're back"), not on
    // the reassurance that his safety comes first "regardless of their choices", which its promise asks against (story-61c).
    expect(scored('harm-reduction', 'd1-heard', 'd1-promise')).toBe('remain-accepting follows 1, expect-relapse violates 1');
    // The demand is still named as the flaw, in the guide's terms.
    expect(bundledReply('couch-rent', 'd1-bench', 'd1-promise').feedback).toMatch(/cannot stop a child from running away.*\(What if my youth returns from leaving placement\?\)/);
    expect(bundledReply('harm-reduction', 'd1-heard', 'd1-promise').feedback).toMatch(/relapse as part of any change/);
  });
});
