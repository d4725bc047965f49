import { describe, expect, it } from 'vitest';
import { whenHolds } from '../../src/machines/conditions.js';
import { BUNDLED_IDS, bundledReply, bundledScenario } from '../helpers/bundled.js';
import { walkPlaythroughs } from '../helpers/walk.js';

// Fresh eyes (reread-52) on testifying, saturday-shoots and before-relapse, against the guide. Each case
// pins what a finding changed.
// The guide's harm reduction approach is one of "allowing for youth to be the curators of their own
// safety" (Harm Reduction); it asks nothing. guide-words-50 catches "harm reduction asks"; saturday-shoots
// d7-forbid said the guide "asks that youth be the curators of their own safety (Harm Reduction)".
describe('reread-52: harm reduction allows, it does not ask', () => {
  it('saturday-shoots d7-forbid says the approach allows youth to be the curators of their own safety', () => {
    const feedback = bundledReply('saturday-shoots', 'd7-saturday', 'd7-forbid').feedback;
    expect(feedback).not.toMatch(/asks that youth be the curators/);
    expect(feedback).toContain('its harm reduction approach allows youth to be the curators of their own safety (Harm Reduction)');
  });

  // testifying cites no Harm Reduction; the other two do.
  it.each(['saturday-shoots', 'before-relapse'])('%s never puts "asks" in a clause that cites Harm Reduction', (id) => {
    const texts = bundledScenario(id).nodes.flatMap((n) => [
      'facilitatorNote' in n ? n.facilitatorNote : undefined,
      ...('replies' in n ? n.replies.map((r) => r.feedback) : []),
    ]);
    const clauses = texts.flatMap((t) => t?.match(/[^.;()]*\(Harm Reduction\)/g) ?? []);
    expect(clauses.length).toBeGreaterThan(0);
    expect(clauses.filter((c) => /\basks?\b/.test(c))).toEqual([]);
  });
});

// The same fault with the verb carried over: harm-reduction d3-judge said "the guide asks you to stay a source
// of support ... (Likelihood of Relapse) and to let him define his own safety (Harm Reduction)", d4-rules
// "The guide asks CASAs to respect ... (What if ...), and to let him set what safety means (Harm
// Reduction)". A clause citing Harm Reduction that opens with "and to" hangs off the sentence's "asks".
describe('reread-52: no "asks ... and to ..." carried into a Harm Reduction clause', () => {
  it.each(BUNDLED_IDS)('%s', (id) => {
    const texts = bundledScenario(id).nodes.flatMap((n) => [
      'facilitatorNote' in n ? n.facilitatorNote : undefined,
      ...('replies' in n ? n.replies.map((r) => r.feedback) : []),
    ]);
    const carried = texts
      .flatMap((t) => t?.split(/(?<=[.!?])\s+/) ?? [])
      .filter((sentence) => /\basks?\b/.test(sentence))
      .filter((sentence) => (sentence.match(/[^;()]*\(Harm Reduction\)/g) ?? []).some((c) => /^[\s,]*and to\b/.test(c)));
    expect(carried).toEqual([]);
  });
});

// testifying: the mixed ending's variant for d7-da (her worries emailed to the DA's office) said Ms. Ibarra
// and Mr. Osei "heard about her name and Lonnie's cousin from the DA's office, not from you". Every
// playthrough that shows that variant took d6-forward (d6-block's variant comes first, d6-profile ends on
// end-looked, d6-reply ends at once), so Ms. Ibarra had the cousin's message from you two nights before.
// What they did not have from you is what Selene was dreading.
describe('reread-52: testifying, what the team heard from the DA\'s office', () => {
  it('the went-to-da variant is shown only after d6-forward, and tells her fears as news, not his cousin', () => {
    const s = bundledScenario('testifying');
    const shown: string[][] = [];
    walkPlaythroughs(s, ({ ending, vars, conduct, path }) => {
      const variant = ending.variants?.find((v) => whenHolds(v.when, vars, conduct));
      if (!variant?.narration.includes("from the DA's office")) return;
      shown.push(path);
      expect(path, path.join(' ')).toContain('d6-forward');
      expect(variant.narration).not.toMatch(/heard about [^.]*cousin from the DA's office/);
      expect(variant.narration).toContain("heard what she was dreading, her old name read out and Lonnie's cousin being there, from the DA's office, not from you");
    });
    expect(shown.length).toBeGreaterThan(0);
  });
});

// before-relapse: the mixed ending under 50% said "much of what would help her next, what she wants and what
// might pull her back, has not really been talked through with her". 189 of the playthroughs that show it
// took d2-ask and d3-strategies (e.g. d1-yours d2-ask d3-strategies d4-sleep d5-online d6-three d7-funds
// d8-agree, 32%): Rina named her triggers (Fridays, fights with her mom, money) and who she would text.
describe('reread-52: before-relapse, the mixed ending under 50% after the trigger talk', () => {
  it('does not say what might pull her back was never talked through, on the playthroughs where it was', () => {
    const s = bundledScenario('before-relapse');
    let afterTalk = 0;
    walkPlaythroughs(s, ({ ending, vars, conduct, path }) => {
      const variant = ending.variants?.find((v) => whenHolds(v.when, vars, conduct));
      if (!variant?.narration.includes('polite and short')) return;
      if (!path.includes('d3-strategies')) return;
      afterTalk += 1;
      expect(variant.narration, path.join(' ')).not.toMatch(/pull her back/);
      expect(variant.narration).toContain('much of what would help her next has not really been talked through with her');
    });
    expect(afterTalk).toBeGreaterThan(0);
  });
});
