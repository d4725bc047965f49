import { describe, expect, it } from 'vitest';
import type { Next } from '../../src/machines/schema/scenario.js';
import { bundledDecision, bundledReply, bundledScenario } from '../helpers/bundled.js';
import { expectNoTell, scored } from '../helpers/tells.js';

// Session content2-47: follow-ups from content-47's fresh read of couch-rent, saturday-shoots and whereabouts-unknown.
// (The supervisor's name is guarded in content-47.test.ts, now over every bundled scenario; the not-first-responder
// credits in prohibited-not-strength.test.ts.)

const targets = (next: Next): string[] => (typeof next === 'string' ? [next] : next.map((r) => r.to));
const scene = (id: string, nodeId: string) => {
  const n = bundledScenario(id).nodes.find((x) => x.id === nodeId);
  if (n?.kind !== 'scene') throw new Error(`${id} has no scene ${nodeId}`);
  return n;
};
const sceneText = (id: string, nodeId: string) => {
  const n = scene(id, nodeId);
  return [n.narration ?? '', ...(n.lines ?? []).map((l) => l.text)].join(' ');
};

describe('session content2-47: what the next scene says follows from the reply before it', () => {
  // couch-rent d1-fix: "Wait here, I'm going to go talk to Mr. Boyd right now." The next scene went on at the bench
  // ("Arev goes back to the drawing on the tablet") without saying whether you went.
  it('couch-rent d1-fix: the scene after it says you went inside to Mr. Boyd, then carries on at the bench as before', () => {
    const after = targets(bundledReply('couch-rent', 'd1-bench', 'd1-fix').next);
    expect(after).toEqual(['s1-fix']);
    expect(scene('couch-rent', 's1-fix').narration).toMatch(/^You go inside and find Mr\. Boyd[^]*When you come back out, Arev is still on the bench\.$/);
    expect(targets(scene('couch-rent', 's1-fix').next).sort()).toEqual(['s1-guarded', 's1-open']);
    for (const id of ['d1-promise', 'd1-heard', 'd1-staff']) {
      expect(targets(bundledReply('couch-rent', 'd1-bench', id).next).sort(), id).toEqual(['s1-guarded', 's1-open']);
    }
  });

  // saturday-shoots d2-sewing: "Forget the shoes. Show me what you've been making?" led to s2-guarded, where Meron
  // answered who got the shoes ("A friend got them. Nia."), a question nobody had asked.
  it('saturday-shoots d2-sewing: Meron shows the sewing, and brings up the shoes herself before she speaks of Nia', () => {
    expect(targets(bundledReply('saturday-shoots', 'd2-shoes', 'd2-sewing').next)).toEqual(['s2-sewing']);
    const text = sceneText('saturday-shoots', 's2-sewing');
    expect(text).toMatch(/green satin/);
    // "already told you" since diffread-47: on the stairs she has just said "Auntie told you about the shoes, huh."
    expect(text).toMatch(/Auntie already told you about the shoes anyway\. A friend got them\. Nia\./);
    expect(targets(scene('saturday-shoots', 's2-sewing').next)).toEqual(['d3-guarded']);
    // The replies that do ask about the shoes still lead to her answer.
    for (const id of ['d2-pile', 'd2-light', 'd2-direct']) {
      expect(targets(bundledReply('saturday-shoots', 'd2-shoes', id).next).sort(), id).toEqual(['s2-guarded', 's2-open']);
    }
  });

  // saturday-shoots s6-exposed: "Miss Dee blocked Nia", then "Nia says I can still come Saturday": if Miss Dee had
  // blocked Nia, Nia could not offer Meron Saturday's shoot.
  it('saturday-shoots s6-exposed: Miss Dee does not block Nia in the same breath as Nia inviting Meron to her shoot', () => {
    const text = sceneText('saturday-shoots', 's6-exposed');
    expect(text).not.toMatch(/blocked Nia/);
    expect(text).toMatch(/Miss Dee made Nia take it down, and now everybody thinks I'm a snitch\. Nia says I can still come Saturday/);
  });

  // whereabouts-unknown d3-updates: Mr. Nasser's line had no setting (a call? a text? he is not in the scene).
  it('whereabouts-unknown d3-updates: Mr. Nasser\'s line is a text, and the decision says so', () => {
    const d = bundledDecision('whereabouts-unknown', 'd3-updates');
    expect(d.narration).toBe('That morning, a text from Mr. Nasser:');
    expect(d.lines?.map((l) => l.character)).toEqual(['nasser']);
  });
});

// whereabouts-unknown: d5-where's "Just tell me you're coming home" lost 2 for not respecting her mindset, right after
// "i just cant come back rn"; d6-come-home's "Come home tonight.", in the same conversation, was not scored for it.
describe('session content2-47: asking Dez to come home, after she said she can\'t yet, is scored the same way wherever it is said', () => {
  it('every reply in that night\'s conversation that asks her to come home goes against respecting her mindset', () => {
    const asking = ['d5-text', 'd6-feelings'].flatMap((d) => bundledDecision('whereabouts-unknown', d).replies.filter((r) => /come home|coming home/i.test(r.text)));
    expect(asking.map((r) => r.id)).toEqual(['d5-where', 'd6-come-home']);
    for (const r of asking) {
      expect(r.assessments.find((a) => a.principle === 'respect-mindset-boundaries')?.verdict, r.id).toBe('violates');
      expect(r.feedback, r.id).toMatch(/respect her mindset and keep healthy boundaries \(What if my youth left placement or their whereabouts are unknown\?\)/);
    }
    expect(bundledReply('whereabouts-unknown', 'd6-feelings', 'd6-come-home').assessments.map((a) => `${a.principle} ${a.verdict} ${a.weight ?? 1}`)).toEqual([
      'remain-accepting follows 1',
      'validate-loss violates 1',
      'respect-mindset-boundaries violates 1',
    ]);
  });
});

// A phrase that only ever appears in best replies, in two scenarios or more, teaches a volunteer who has played both to
// "pick the one with X" without the guide (session 41 took "who you'd call, where you'd go" out of left-placement-calls
// for this). Session content2-47 found these, each in the best reply only: "who you'd call" (couch-rent d7-bad-night,
// saturday-shoots d7-plan, whereabouts-unknown d8-plan), "want to make a (simple) plan" (saturday-shoots,
// whereabouts-unknown), "That's a real loss/fear/question" (saturday-shoots d7-plan, jae-and-hyung d7-support,
// dual-involvement d7-team), "I'm (so) glad you called. I can't come get you, but I'm calling … right now so he can
// … somewhere with lights and people" (left-placement-calls d1-redirect, whereabouts-unknown d7-csw), "I don't know,
// and I won't guess about something this big. CLC has an … attorney" (red-flags r-immigration-clc, jae-and-hyung
// d5-clc), "so I can't keep this to myself. I'll talk to my supervisor" (jae-and-hyung d2-honest, saturday-shoots
// d4-honest, the-list d5-honest), "Not great … Can we talk about that? / I'd like to talk" at the supervisor's "how
// are you doing?" (harm-reduction d7-honest, trafficker-contact d7-supervisor-honest, whereabouts-unknown d4-honest,
// couch-rent d6-rattled), "Tell me more, only if/what you want to" (couch-rent d2-need, youth-discloses d3-thank),
// "Can we work out what" (harm-reduction d3-plan, youth-relapses d4-plan), "makes sense" (five scenarios' best
// replies; jae-and-hyung d6-goodbye said "makes total sense"). The best replies are reworded, scored as before, or
// a wrong reply says the same words (saturday-shoots d4-dawson "I can't keep this from Mr. Dawson", jae-and-hyung
// d6-goodbye "That makes sense"). Left as they are, because the words are what the guide asks and a wrong reply
// keeps the idea in other words: "talk to my supervisor" (red-flags, youth-discloses), "Your safety matters most to
// me" (saturday-shoots, youth-discloses: the guide's reassurance), "screenshot it and send it" (testifying,
// trafficker-contact), "How'd you get them?" (the guide's own example of a fair question).
const TELLS = [
  "who you'd call",
  'want to make a',
  "that's a real",
  'somewhere with lights and people',
  "glad you called i can't come get you",
  "i won't guess about something this big",
  "can't keep this to myself",
  'not great',
  'can we talk about that',
  "i'd like to talk",
  "i'm not sleeping",
  'tell me more only',
  'can we work out what',
  'makes sense',
];

describe('session content2-47: no phrase marks the best reply across scenarios', () => {
  it.each(TELLS)('"%s" is not said only by best replies, in two scenarios or more', (phrase) => {
    expectNoTell(phrase);
  });

  it('the reworded best replies are scored as before', () => {
    expect(scored('couch-rent', 'd7-plan', 'd7-bad-night')).toBe('safety-planning follows 2, harm-reduction-self-determination follows 1, resources-reduce-harm follows 1');
    expect(scored('saturday-shoots', 'd7-saturday', 'd7-plan')).toBe('safety-planning follows 2, harm-reduction-self-determination follows 1, csw-partnership follows 1');
    expect(scored('whereabouts-unknown', 'd7-ride', 'd7-csw')).toBe('no-picking-up follows 2, csw-partnership follows 1, safety-is-priority follows 1');
    expect(scored('jae-and-hyung', 'd5-papers', 'd5-clc')).toMatch(/immigration-screening follows/);
    // d7-csw's safety question, in the words its feedback and d7-rideshare's now quote.
    expect(bundledReply('whereabouts-unknown', 'd7-ride', 'd7-csw').text).toMatch(/Is there somewhere bright and busy to wait\?$/);
    expect(bundledReply('whereabouts-unknown', 'd7-ride', 'd7-csw').feedback).toContain('Asking her to wait somewhere bright and busy puts her safety first (Likelihood of Relapse)');
  });
});
