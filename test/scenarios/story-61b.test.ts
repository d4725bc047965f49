import { describe, expect, it } from 'vitest';
import { replyValue } from '../../src/machines/scenario-index.js';
import type { Reply } from '../../src/machines/schema/scenario.js';
import { BUNDLED_IDS, bundledDecision, bundledReply, bundledScenario } from '../helpers/bundled.js';

// Session 61 (reader-b-61): all sixteen scenarios read from one angle, "could a volunteer pick the best reply from its
// wording alone?". Length, position and "the only one asking" are already held (answer-key.test.ts); what was left were
// words and openings that sat on one side only, across the whole library:
// - "I'm so glad" (7 decisions), "I promise" (11), "sorry" (7) and "I think" (10) were in wrong replies only: gushing,
//   promising, apologising or giving an opinion read as "wrong", whatever the reply then did;
// - the best reply was the only one to open on what the youth feels ("Makes sense…", "That's a scary thing…",
//   "Losing all of them would be hard") at 18 of the 29 decisions where any reply opened so (13 of 28 now): "pick the one that
//   validates first". A kind volunteer often does open so and then lectures, rushes or promises;
// - "matters" was in seven best replies and one wrong one, three of them in saturday-shoots;
// - "really" was in wrong replies only (17 decisions); "but" (19 decisions to 4) and an opening "Okay" (18 to 3) mostly
//   so: the "validate, but…" and "Okay, I won't tell" of a kind volunteer. Five best replies now say one of them as plainly.
// Each case below was seen failing on the files as they stood before the fix; scores are unchanged.

type Side = { best: Reply[]; wrong: Reply[] };

function split(id: string, nodeId: string): Side {
  const replies = bundledDecision(id, nodeId).replies;
  const top = Math.max(...replies.map(replyValue));
  return { best: replies.filter((r) => replyValue(r) === top), wrong: replies.filter((r) => replyValue(r) < top) };
}

/** Every decision of every bundled scenario, split into its best and its other replies. */
function everyDecision(): (Side & { at: string })[] {
  return BUNDLED_IDS.flatMap((id) => bundledScenario(id).nodes.flatMap((n) => (n.kind === 'decision' ? [{ at: `${id}/${n.id}`, ...split(id, n.id) }] : [])));
}

const scored = (r: Reply) => r.assessments.map((a) => `${a.principle} ${a.verdict} ${a.weight ?? 1}`).join(', ');
const norm = (t: string) => t.replace(/[’‘]/g, "'");

/** Words of warmth, apology, promise or opinion that a reply of either kind can say. */
const TWO_SIDED: [string, RegExp][] = [
  ["I'm so glad", /\bI'm so glad\b/i],
  ['I promise', /\bI promise\b/i],
  ['sorry', /\bsorry\b/i],
  ['I think', /\bI think\b/i],
  ['makes sense', /\bmakes sense\b/i],
  ['matters', /\bmatters\b/i],
  ['really', /\breally\b/i],
];

/** A first sentence that names what the youth feels or lives through, before anything else. */
const ACKNOWLEDGES = /makes sense|sounds like|matters|is real\b|is hard|would (be hard|hurt)|big deal|scary|a lot to|not stupid|not messed up|I get (why|it|that)|I hear you|I know (it's|that)|right to be|important to you|doesn't make you|both be true|is honest|is a relief/i;
const firstSentence = (t: string) => norm(t).split(/(?<=[.!?])\s/)[0] ?? '';

describe('reader-b-61: library-wide, no word of warmth or opinion marks one side', () => {
  it.each(TWO_SIDED)('"%s" is said in some best reply and in some wrong reply', (_phrase, rx) => {
    const decisions = everyDecision();
    const inBest = decisions.filter((d) => d.best.some((r) => rx.test(norm(r.text)))).map((d) => d.at);
    const inWrong = decisions.filter((d) => d.wrong.some((r) => rx.test(norm(r.text)))).map((d) => d.at);
    expect(inBest.length, `only wrong replies say it: ${inWrong.join(', ')}`).toBeGreaterThan(0);
    expect(inWrong.length, `only best replies say it: ${inBest.join(', ')}`).toBeGreaterThan(0);
    // Neither side may hold it more than four times as often as the other (matters was 7 to 1).
    expect(inBest.length, `best ${inBest.join(', ')}; wrong ${inWrong.join(', ')}`).toBeLessThanOrEqual(4 * inWrong.length);
  });

  it('the best reply is the only one opening on what the youth feels in at most half of the decisions where any reply opens so', () => {
    const open = everyDecision()
      .map((d) => ({ at: d.at, best: d.best.some((r) => ACKNOWLEDGES.test(firstSentence(r.text))), wrong: d.wrong.some((r) => ACKNOWLEDGES.test(firstSentence(r.text))) }))
      .filter((d) => d.best || d.wrong);
    const onlyBest = open.filter((d) => d.best && !d.wrong).map((d) => d.at);
    expect(open.length).toBeGreaterThanOrEqual(20);
    expect(onlyBest.length / open.length, onlyBest.join(', ')).toBeLessThanOrEqual(0.5);
  });

  it('the measure sees an opening acknowledgement, and not one further on', () => {
    expect(ACKNOWLEDGES.test(firstSentence('Makes sense you care about him. He showed up.'))).toBe(true);
    expect(ACKNOWLEDGES.test(firstSentence('Let it go. That makes sense.'))).toBe(false);
  });
});

describe('reader-b-61: the rewrites, each keeping its scores', () => {
  it.each([
    ['youth-relapses', 'd6-every-week', 'd6-yes', /^Yes\. Every week\. Really\./, /\breally\b/i],
    ['red-flags', 'r-court-nerves', 'r-court-nerves-offer', /^You really don't have to talk about it/, /\breally\b/i],
    ['jae-and-hyung', 'd7-screening', 'd7-support', /^Scary, I know, but it's your call\./, /\bbut\b/],
    ['whereabouts-unknown', 'd7-ride', 'd7-csw', /I can't drive out, but Mr\. Nasser can arrange a ride\./, /\bbut\b/],
    ['youth-discloses', 'd6-weekend', 'd6-safety', /^Okay\. Your safety matters most/, /^Okay\b/],
  ] as const)('%s %s: the best reply %s says, as plainly as a wrong reply at its decision, what only wrong replies said', (id, node, replyId, says, word) => {
    const r = bundledReply(id, node, replyId);
    expect(r.text).toMatch(says);
    const { best, wrong } = split(id, node);
    expect(best).toContain(r);
    // "really" was in no best reply at all; "but" and "Okay" are said by a wrong reply at the same decision.
    if (String(word) !== String(/\breally\b/i)) expect(wrong.some((w) => word.test(w.text)), wrong.map((w) => w.text).join(' | ')).toBe(true);
  });

  it('whereabouts d7-csw is no longer the only reply to name Dez, and none of the five became the longest at its decision', () => {
    expect(bundledReply('whereabouts-unknown', 'd7-ride', 'd7-csw').text).not.toMatch(/\bDez\b/);
    for (const [id, node, replyId] of [['youth-relapses', 'd6-every-week', 'd6-yes'], ['red-flags', 'r-court-nerves', 'r-court-nerves-offer'], ['jae-and-hyung', 'd7-screening', 'd7-support'], ['whereabouts-unknown', 'd7-ride', 'd7-csw'], ['youth-discloses', 'd6-weekend', 'd6-safety']] as const) {
      const r = bundledReply(id, node, replyId);
      expect(bundledDecision(id, node).replies.some((x) => x !== r && x.text.length > r.text.length), `${id} ${replyId}`).toBe(true);
    }
  });

  it('whereabouts d5-text and harm-reduction d6-text: the best reply is as glad as the one that asks where she is or comes to get him', () => {
    for (const [id, node] of [['whereabouts-unknown', 'd5-text'], ['harm-reduction', 'd6-text']] as const) {
      const { best, wrong } = split(id, node);
      expect(best.every((r) => /I'm so glad/.test(r.text)), id).toBe(true);
      expect(wrong.some((r) => /I'm so glad/.test(r.text)), id).toBe(true);
    }
    expect(scored(bundledReply('whereabouts-unknown', 'd5-text', 'd5-not-mad'))).toBe('safety-is-priority follows 2, remain-accepting follows 1');
    expect(scored(bundledReply('harm-reduction', 'd6-text', 'd6-glad'))).toBe('keep-communication-open follows 1, no-trafficker-contact follows 1, csw-partnership follows 1, remain-accepting follows 1');
  });

  it('harm-reduction d6-glad is no longer the longest reply at its decision', () => {
    const replies = bundledDecision('harm-reduction', 'd6-text').replies;
    const glad = bundledReply('harm-reduction', 'd6-text', 'd6-glad');
    expect(replies.some((r) => r !== glad && r.text.length > glad.text.length)).toBe(true);
  });

  it('youth-discloses d4-honest makes the promise its feedback credits (to keep her informed), beside the one it cannot make', () => {
    const r = bundledReply('youth-discloses', 'd4-promise', 'd4-honest');
    expect(r.text).toMatch(/I can't promise that/);
    expect(r.text).toMatch(/I promise to tell you what happens/);
    expect(r.feedback).toContain('Promising to keep her informed');
    expect(scored(r)).toBe('consult-supervisor-on-suspicion follows 2, youth-centered follows 1');
  });

  // court-report d-hearing-repair-own was not given the apology: it made the best reply there the longest or the
  // second-longest (content-review's session-33 cap), and its feedback praises "taking her upset seriously", which
  // needs its opening "You're right to be upset" (38b). harm-reduction d6r-csw owns a mistake too, and now says sorry.
  it('harm-reduction d6r-csw apologises for the offer it takes back, and stays the shortest reply at its decision', () => {
    const r = bundledReply('harm-reduction', 'd6-ride', 'd6r-csw');
    expect(r.text).toMatch(/^Sorry, I can't come, and I shouldn't have offered\./);
    expect(r.feedback).toContain('You own the mistake');
    expect(bundledDecision('harm-reduction', 'd6-ride').replies.every((x) => x === r || x.text.length > r.text.length)).toBe(true);
    expect(scored(r)).toBe('no-picking-up follows 2, csw-partnership follows 1, keep-communication-open follows 1');
  });

  it('before-relapse d8-ongoing gives its view as "I think", as the agreeing reply gives its own', () => {
    const r = bundledReply('before-relapse', 'd8-step-down', 'd8-ongoing');
    expect(r.text).toMatch(/\bI think\b/);
    expect(scored(r)).toBe('ongoing-support follows 2, expect-relapse follows 1, youth-centered follows 1');
  });

  it.each([
    ['saturday-shoots', 'd7-saturday', 'd7-cheer', 'understand-unmet-needs violates 2'],
    ['testifying', 'd1-have-to', 'd1-right', 'youth-centered violates 2'],
    ['youth-relapses', 'd3-miss', 'd3-positive', 'youth-centered follows 1, validate-loss violates 1'],
    ['dual-involvement', 'd5-jordan', 'd5-rithy', 'csec-advocate-authorization violates 1'],
  ] as const)('%s %s: the wrong reply %s opens on her or his feelings (or Jordan\'s point) as the best one does, and keeps its score', (id, node, replyId, score) => {
    const r = bundledReply(id, node, replyId);
    expect(ACKNOWLEDGES.test(firstSentence(r.text)), r.text).toBe(true);
    expect(split(id, node).best.some((b) => ACKNOWLEDGES.test(firstSentence(b.text)))).toBe(true);
    expect(scored(r)).toBe(score);
  });

  it('youth-discloses d6-forbid says "matters most" as the best reply does: the ultimatum, not the words, is what is wrong', () => {
    const { best } = split('youth-discloses', 'd6-weekend');
    expect(best.map((r) => r.id)).toEqual(['d6-safety']);
    expect(best[0]?.text).toMatch(/Your safety matters most/);
    const forbid = bundledReply('youth-discloses', 'd6-weekend', 'd6-forbid');
    expect(forbid.text).toMatch(/your safety matters most/i);
    expect(scored(forbid)).toBe('harm-reduction-self-determination violates 2');
  });

  it('saturday-shoots: the best replies no longer say "matters" at both d3 decisions a playthrough can meet and at d4', () => {
    const sister = bundledReply('saturday-shoots', 'd3-guarded', 'd3g-sister');
    expect(sister.text).not.toMatch(/\bmatters\b/);
    expect(scored(sister)).toBe('non-judgmental follows 1, understand-unmet-needs follows 1, curious-not-interrogating follows 1');
  });
});
