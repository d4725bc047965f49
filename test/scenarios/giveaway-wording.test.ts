import { describe, expect, it } from 'vitest';
import { replyValue } from '../../src/machines/scenario-index.js';
import type { Reply } from '../../src/machines/schema/scenario.js';
import { pinsFor } from '../helpers/pins.js';

// Session 41: a report-only reader found wording, not length, that let a volunteer pick the best reply
// without knowing the guide (every wrong reply saying "I care", the same "straight out, because I care"
// question in scenario after scenario, the only calm email to the CSW being the best one, "not that word…
// but a CSEC", "not even my supervisor"). These pin the rewrites in the four scenarios it covered.

const FILES = ['youth-discloses', 'couch-rent', 'saturday-shoots', 'boy-red-flags'] as const;
const pins = Object.fromEntries(FILES.map((id) => [id, pinsFor(id)])) as Record<(typeof FILES)[number], ReturnType<typeof pinsFor>>;

const decision = (id: (typeof FILES)[number], nodeId: string) => {
  const n = pins[id].scenario().nodes.find((x) => x.id === nodeId);
  if (n?.kind !== 'decision') throw new Error(`${id} has no decision ${nodeId}`);
  return n;
};
const split = (id: (typeof FILES)[number], nodeId: string) => {
  const replies = decision(id, nodeId).replies;
  const top = Math.max(...replies.map(replyValue));
  return { best: replies.filter((r) => replyValue(r) === top), wrong: replies.filter((r) => replyValue(r) < top) };
};
const scored = (r: Reply) => r.assessments.map((a) => `${a.principle} ${a.verdict} ${a.weight ?? 1}`).join(', ');

describe('session 41: wording that gave the answer away', () => {
  it('no reply asks "straight out, because I care" (the same frame, always wrong, in scenario after scenario)', () => {
    for (const id of FILES) {
      const framed = pins[id].allReplies().filter((r) => /because I care|I care about you, so/i.test(r.text)).map((r) => r.id);
      expect(framed, id).toEqual([]);
    }
  });

  it('youth-discloses d3-listen: the wrong replies no longer both say "I care"; one opens as calmly as the best and is still scored on judging her', () => {
    const { wrong } = split('youth-discloses', 'd3-listen');
    expect(wrong.filter((r) => /I care/.test(r.text)).map((r) => r.id)).toEqual([]);
    expect(pins['youth-discloses'].reply('d3-victim').text).toMatch(/^Thank you for telling me\. You're not in trouble\./);
    expect(scored(pins['youth-discloses'].reply('d3-victim'))).toBe('non-judgmental violates 2');
    // One direct question is not a string of them: scored on the direct question alone.
    expect(pins['youth-discloses'].reply('d3-direct-question').text.match(/\?/g)).toHaveLength(1);
    expect(scored(pins['youth-discloses'].reply('d3-direct-question'))).toBe('no-direct-csec-questions violates 2');
  });

  it('youth-discloses d1-gifts: the warning is warm and names no trafficking, and is still a conclusion from red flags', () => {
    const warn = pins['youth-discloses'].reply('d1-warn');
    expect(warn.text).not.toMatch(/traffick/i);
    // Session 42: non-judgmental 1 dropped, so the warning weighs what the barrage beside it does (wording-cues-42).
    expect(scored(warn)).toBe('no-jumping-to-conclusions violates 2');
    expect(warn.feedback).toContain('(Red Flags)');
  });

  it('youth-discloses: the promise of secrecy gives the volunteer\'s reason, not "not even my supervisor"; an ultimatum speaks of her safety too', () => {
    const secret = pins['youth-discloses'].reply('d4-promise-secret');
    expect(secret.text).not.toMatch(/not even/);
    expect(secret.text).toContain("Nobody's moving you because of me");
    expect(pins['youth-discloses'].reply('d6-forbid').text).toMatch(/your safety (comes first|matters most)/); // "matters most", as d6-safety says, since reader-b-61 (story-61b)
    expect(replyValue(pins['youth-discloses'].reply('d6-forbid'))).toBeLessThan(0);
  });

  it('couch-rent d2-rent: not every wrong reply is a question, and none says "I care"', () => {
    const { best, wrong } = split('couch-rent', 'd2-rent');
    expect(best.map((r) => r.id)).toEqual(['d2-need']);
    expect(wrong.filter((r) => !r.text.trim().endsWith('?')).map((r) => r.id)).toEqual(['d2-verdict']);
    expect(wrong.filter((r) => /I care/.test(r.text))).toEqual([]);
    expect(scored(pins['couch-rent'].reply('d2-verdict'))).toBe('non-judgmental violates 2, no-jumping-to-conclusions violates 1');
  });

  it('couch-rent d1-bench and d6-supervision: the best reply is not the only one that ends in an invitation, and "I\'m fine" is not "this isn\'t about me"', () => {
    for (const nodeId of ['d1-bench', 'd6-supervision']) {
      const { wrong } = split('couch-rent', nodeId);
      expect(wrong.some((r) => r.text.trim().endsWith('?')), nodeId).toBe(true);
    }
    expect(pins['couch-rent'].reply('d6-fine').text).not.toMatch(/isn't about me/);
    expect(scored(pins['couch-rent'].reply('d6-fine'))).toBe('self-care violates 1');
  });

  it('saturday-shoots d4-secret: the best reply is not the only one to tell someone, to say "I can\'t", or to be glad she told you', () => {
    const { wrong } = split('saturday-shoots', 'd4-secret');
    const dawson = wrong.filter((r) => /I can't/.test(r.text) && /glad you told me/.test(r.text) && /Mr\. Dawson/.test(r.text));
    expect(dawson.map((r) => r.id)).toEqual(['d4-dawson']);
    expect(scored(dawson[0]!)).toBe('csw-partnership follows 1, consult-supervisor-on-suspicion violates 1, youth-centered violates 1');
    expect(pins['saturday-shoots'].strongThrough('d4-dawson')).toBeUndefined();
    const ending = pins['saturday-shoots'].bestWith({ 'd4-honest': 'd4-dawson' })?.ending;
    expect(ending?.kind).toBe('mixed');
    expect(ending?.narration).toContain('settled on the spot, without Leah');
  });

  it.each([
    ['boy-red-flags', 'd4-csw', 'd4-jonah', /Jonah heard about Vince from her/],
    ['saturday-shoots', 'd5-email', 'd5-leah', /the first one was settled without her/],
  ] as const)('%s %s: the email to the CSW keeps to what was seen and said, so only its missing supervisor sets it apart; it never ends strong, and the mixed ending says why', (id, emailId, bestId, why) => {
    const email = pins[id].reply(emailId);
    expect(email.text).not.toMatch(/traffick|groom/i);
    expect(scored(email)).toBe('csw-partnership follows 1, no-jumping-to-conclusions follows 1, consult-supervisor-on-suspicion violates 1');
    expect((email.effects ?? []).some((e) => e.var === 'labelled')).toBe(false);
    expect(pins[id].strongThrough(emailId)).toBeUndefined();
    const ending = pins[id].bestWith({ [bestId]: emailId })?.ending;
    expect(ending?.kind).toBe('mixed');
    expect(ending?.narration).toMatch(why);
  });

  it.each([['boy-red-flags', 'd5-csec'], ['saturday-shoots', 'd6-csec']] as const)('%s %s: the label is not said in the same breath as correcting "prostitute", and is still a people-first violation', (id, replyId) => {
    const r = pins[id].reply(replyId);
    expect(r.text).not.toMatch(/prostitute|that word/i);
    expect(r.text).toMatch(/CSEC kid/);
    expect(r.assessments.find((a) => a.principle === 'people-first-language')).toMatchObject({ verdict: 'violates', weight: 2 });
    expect(r.feedback).toContain('"a youth experiencing CSEC" rather than "a CSEC" (Using Appropriate Language)');
  });
});
