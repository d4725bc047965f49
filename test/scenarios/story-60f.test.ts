import { describe, expect, it } from 'vitest';
import { bundledReply, bundledScenario } from '../helpers/bundled.js';
import { endedOn } from '../helpers/story.js';

// Session 60 (reader-e-60): small text errors in endings that readers flagged. Each case was seen failing on the
// files as they stood before the fix.

/** Every narration of an ending (its base text and each variant's), for a bundled scenario. */
function endingTexts(id: string, ending: string): string[] {
  const n = bundledScenario(id).nodes.find((x) => x.id === ending);
  if (!n || n.kind !== 'ending') throw new Error(`${id}: no ending ${ending}`);
  return [n.narration, ...(n.variants ?? []).map((v) => v.narration)];
}

describe('reader-e-60: endings claim nothing the path did not do, and say who is who', () => {
  // harm-reduction d9-file and d9-csw both recommend Restoration Funds for the gym; only Grace's review is left out.
  // The mixed ending's variant for that said "The gym funds wait for the next hearing", which nothing on the path does.
  it('harm-reduction end-mixed does not say the gym funds wait, when the report that went in recommends them', () => {
    expect(bundledReply('harm-reduction', 'd9-recommend', 'd9-file').text).toContain('Restoration Funds');
    expect(bundledReply('harm-reduction', 'd9-recommend', 'd9-csw').text).toContain('Restoration Funds');
    for (const t of endingTexts('harm-reduction', 'end-mixed')) expect(t).not.toMatch(/gym funds wait/i);
  });

  // trafficker-contact: d5-shut-back-off passes on nothing of what Imani said or Ms. Reyes noticed (its feedback says
  // so), and reaches the first end-mixed variant (no line crossed, nothing held back), which said "everything that came
  // in reached Ms. Okafor…". What reached the team on every such path is the messages; the variant says that.
  it('trafficker-contact end-mixed, reached after d5-shut-back-off, claims only the messages reached the team', () => {
    expect(bundledReply('trafficker-contact', 'd5-shut', 'd5-shut-back-off').feedback).toContain('passes on nothing');
    const texts = endingTexts('trafficker-contact', 'end-mixed');
    for (const t of texts) expect(t).not.toContain('everything that came in reached');
    expect(texts.some((t) => t.includes('every message that came in reached Ms. Okafor, Mr. Haddad and Dana'))).toBe(true);
  });

  // saturday-shoots end-mixed, flag held: "Leah helps you think through next steps… At your next visit she talks about
  // school" read first as Leah (the supervisor) talking about school; it is Meron.
  it('saturday-shoots end-mixed names Meron, not "she" just after Leah, as the one who talks about school', () => {
    const t = endingTexts('saturday-shoots', 'end-mixed').find((x) => x.includes('Leah helps you think through next steps'));
    expect(t).toBeDefined();
    expect(t).toContain('At your next visit Meron talks about school');
  });

  // the-list: d8-all's feedback quoted the reply in curly quotes; the file quotes in straight ones everywhere else.
  it('the-list quotes with straight quotes throughout, d8-all feedback included', () => {
    expect(bundledReply('the-list', 'd8-steps', 'd8-all').feedback).toContain('"you\'re not safe"');
    expect(JSON.stringify(bundledScenario('the-list'))).not.toMatch(/[“”]/);
  });

  // red-flags: the strong ending told a playthrough through r-defense-everything (the non-strengths put in the
  // statement, the supervisor told after) "you know where you fit in it", while r-defense-no was told "you are still
  // learning where you fit in it". A variant keyed on the principle pushed audit past SEARCH_STATE_LIMIT; the base
  // narration now claims only that the volunteer is part of the team, which every path to it is.
  it('red-flags: no strong ending tells a playthrough it knows where it fits, r-defense-everything included', () => {
    const BEST = ['r-nails-curious', 'r-boyfriend-light', 'r-denise-balanced', 'r-supervisor-facts', 'r-csw-share', 'r-two-workers-explain', 'r-new-team-proper', 'r-defense-yes', 'r-immigration-clc', 'r-testify-team', 'r-plan-together'];
    const d = endedOn('red-flags', BEST.map((r) => (r === 'r-defense-yes' ? 'r-defense-everything' : r)));
    expect(d.ending?.id).toBe('end-strong');
    expect(d.ending?.narration).not.toMatch(/you know where you fit/);
    for (const t of endingTexts('red-flags', 'end-strong')) expect(t).not.toMatch(/you know where you fit/);
  });
});
