import { describe, expect, it } from 'vitest';
import { asks } from '../../src/machines/audit/answer-key.js';
import { bundledDecision, bundledReply, bundledScenario } from '../helpers/bundled.js';
import { expectNoTell, scored } from '../helpers/tells.js';

// Session content3-47: a fresh read of red-flags, trafficker-contact and youth-discloses, played through.

// trafficker-contact d5-open-handle asked Imani "What's her number?", but Tasha's number is the one that texted you
// (d1-text), and at the boba shop a moment before Imani asked you to "just text her I'm good" (d4-visit): both of
// them know you have it. The reply now offers the text and asks Imani if that is okay, still ending on a question.
describe('content3-47: trafficker-contact d5-open-handle does not ask for a number the volunteer already has', () => {
  it('Imani has just asked you to text Tasha, so the reply does not ask her for Tasha\'s number', () => {
    const visit = bundledDecision('trafficker-contact', 'd4-visit');
    expect(visit.lines?.map((l) => l.text).join(' ')).toMatch(/Can you just text her I'm good\?/);
    const handle = bundledReply('trafficker-contact', 'd5-open', 'd5-open-handle');
    expect(handle.text).not.toMatch(/number/i);
    expect(handle.text).toMatch(/^I'll text Tasha myself/);
    expect(asks(handle.text)).toBe(true);
    expect(scored('trafficker-contact', 'd5-open', 'd5-open-handle')).toBe('no-trafficker-contact violates 3');
    expect(handle.feedback).toContain('a text from you to Tasha would in effect be a message to him');
  });
});

// trafficker-contact s-weeks-later follows every reply at d8-plan, d8-plan-pause among them ("I think I should pause
// visits until things calm down"), yet told that "last Saturday she showed you a practice test on the DMV app": a visit
// the volunteer had just said would stop. Imani now texts the practice test from her new number, as she might on any path.
// (Since contentfix-49, d8-plan's replies go to s-weeks-later at trust 60 or more, and to s-weeks-later-quiet, without the
// practice test, under it: test/scenarios/contentfix-49.test.ts. Neither tells of a visit.)
describe('content3-47: trafficker-contact, the month after "pause visits" does not tell of a Saturday visit', () => {
  it('the scenes d8-plan-pause can lead to tell of no visit', () => {
    const pause = bundledReply('trafficker-contact', 'd8-plan', 'd8-plan-pause');
    expect(pause.text).toMatch(/pause visits/);
    const to = typeof pause.next === 'string' ? [pause.next] : pause.next.map((r) => r.to);
    expect(to).toContain('s-weeks-later-quiet');
    for (const id of [...to, 's-weeks-later']) {
      const n = bundledScenario('trafficker-contact').nodes.find((x) => x.id === id);
      expect(n?.kind === 'scene' ? n.narration ?? '' : '', id).not.toMatch(/showed you|Saturday|visit/);
    }
    const later = bundledScenario('trafficker-contact').nodes.find((n) => n.id === 's-weeks-later');
    const told = later?.kind === 'scene' ? later.narration ?? '' : '';
    expect(told).toMatch(/changed Imani's phone number/);
    expect(told).toMatch(/texts you[^]*practice test on the DMV app \(“forty-four out of forty-six, so basically I'm a professional”\)/);
    expect(told).toMatch(/Then, at 11:02 on a Tuesday night, a new unknown number with a 626 area code:$/);
  });
});

// Phrases said only by best replies, in two scenarios or more (test/helpers/tells.ts), found in this session's three
// scenarios: "missing him" (jae-and-hyung d6-loss, trafficker-contact d5-open-include, whereabouts-unknown d6-both),
// "what you've seen" (court-report d-status-unconfirmed-omit, dual-involvement d3-strengths, youth-discloses
// d8-strengths), "I can't promise that" (couch-rent d3-honest, youth-discloses d4-honest) and "want to be on (that
// call)" (harm-reduction d5-share, trafficker-contact d5-open-include). A wrong reply beside the best now says the
// first three, as a caring volunteer might (the secret-keeper who also says missing him is okay; the report that keeps
// to her strengths and what you've seen, then hints in its recommendations; the volunteer who won't promise and calls
// the CSW at once); the fourth, a best reply, asks in other words. Each is scored as before.
describe('content3-47: no phrase marks the best reply across scenarios', () => {
  it.each(['missing him', "what you've seen", "i can't promise that", 'want to be on'])(
    '"%s" is not said only by best replies, in two scenarios or more',
    (phrase) => {
      expectNoTell(phrase);
    },
  );

  it('the reworded replies are scored as before', () => {
    expect(scored('trafficker-contact', 'd5-open', 'd5-open-secret')).toBe('team-communication violates 2');
    expect(scored('trafficker-contact', 'd5-open', 'd5-open-include')).toBe('team-communication follows 2, youth-centered follows 2');
    expect(asks(bundledReply('trafficker-contact', 'd5-open', 'd5-open-include').text)).toBe(true);
    // reader-d-60: it also goes against report-csec-status-confirmed-only (story-60d.test.ts); review-60: the
    // recommendation now weighs 1 beside it, as in court-report, so it costs no more than the all-in (story-60e.test.ts).
    expect(scored('youth-discloses', 'd8-report', 'd8-hint-services')).toBe('no-revealing-recommendations violates 1, report-csec-status-confirmed-only violates 2');
    expect(scored('youth-discloses', 'd4-promise', 'd4-call-now')).toBe('consult-supervisor-on-suspicion violates 1, csw-partnership follows 1, youth-centered violates 1');
  });
});

// youth-discloses d1-gifts' facilitator note said the guide "reminds us that an older partner or a gift is a red flag,
// not proof". The guide's Red Flags says an older partner "doesn't necessarily mean they are being trafficked" and that
// red flags do not guarantee CSEC involvement; it does not call a gift a red flag (it says asking how a youth paid for
// an expensive item may be appropriate). The note now says what the guide says.
describe('content3-47: youth-discloses d1-gifts\' note attributes to the guide only what it says', () => {
  it('no "a gift is a red flag" in the guide\'s name; the older partner and the red flags in its words', () => {
    const note = bundledDecision('youth-discloses', 'd1-gifts').facilitatorNote ?? '';
    expect(note).not.toMatch(/gift is a red flag/);
    expect(note).toContain('an older partner does not necessarily mean she is being trafficked');
    expect(note).toContain('red flags do not guarantee CSEC involvement (Red Flags)');
  });
});

// red-flags s-guarded follows r-nails-skip ("Say nothing about the nails or the phone … and ask about school instead"),
// as well as r-nails-interrogate: trust starts at 50 and the skip leaves it there, under s-open's 60. Yesi answered "A
// friend did them. Can we not?", a question about her nails that, on the skip path, nobody asked. She now answers in
// words that fit both (the questions about who paid, or the question about school), and pulls her hands back.
describe('content3-47: red-flags, after the volunteer says nothing about the nails, Yesi does not answer a question about them', () => {
  it('r-nails-skip leads to s-guarded, where Yesi says nothing about who did her nails', () => {
    const skip = bundledReply('red-flags', 'r-nails', 'r-nails-skip');
    expect(skip.text).toMatch(/^Say nothing about the nails or the phone/);
    expect(skip.effects ?? []).toEqual([]);
    const targets = typeof skip.next === 'string' ? [skip.next] : skip.next.map((r) => r.to);
    expect(targets).toContain('s-guarded');
    const start = bundledScenario('red-flags').variables?.find((v) => v.id === 'trust');
    expect(start && 'start' in start ? start.start : undefined).toBe(50);
    const guarded = bundledScenario('red-flags').nodes.find((n) => n.id === 's-guarded');
    const said = guarded?.kind === 'scene' ? (guarded.lines ?? []).map((l) => l.text).join(' ') : '';
    expect(said).not.toMatch(/did them|nails|paid/i);
    expect(said).toMatch(/^It's fine\. Can we not\? That's Junior\. You don't know him\.$/);
    expect(guarded?.kind === 'scene' ? guarded.narration : '').toMatch(/pulls her hands back into her sleeves/);
  });
});

// youth-discloses s1-guarded follows d1-warn ("Just be careful, Kiara. Guys who buy that many gifts sometimes want
// something back"; trust 40) as well as d1-cross-exam. Kiara opened with "Around.", an answer to "where" (where he gets
// his money, or where they met) that d1-warn never asked. She now opens with "He's not like that.", which answers the
// warning and the questions alike; "Twenty-three" stays (content-review's session check).
describe('content3-47: youth-discloses, after the warning Kiara does not answer a question nobody asked', () => {
  it('d1-warn leads to s1-guarded, where Kiara answers the warning', () => {
    const warn = bundledReply('youth-discloses', 'd1-gifts', 'd1-warn');
    expect(warn.text).not.toMatch(/\?/);
    expect(warn.effects).toEqual([{ var: 'trust', add: -10 }]);
    const targets = typeof warn.next === 'string' ? [warn.next] : warn.next.map((r) => r.to);
    expect(targets).toEqual(['s1-open', 's1-guarded']);
    const guarded = bundledScenario('youth-discloses').nodes.find((n) => n.id === 's1-guarded');
    const said = guarded?.kind === 'scene' ? (guarded.lines ?? []).map((l) => l.text).join(' ') : '';
    expect(said).not.toMatch(/^Around\b/);
    expect(said).toBe("He's not like that. He's older. Twenty-three, okay? Not everybody needs to know my business.");
  });
});
