import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { asks } from '../../src/machines/audit/answer-key.js';
import type { Scenario } from '../../src/machines/schema/scenario.js';
import { bundledDecision, bundledReply, bundledScenario } from '../helpers/bundled.js';
import { expectNoTell, says, scored, whereSaid, words } from '../helpers/tells.js';

// Session diffread-47: a second reader of this session's scenario changes (e22b7be8..), played in context.

// content2-47 reworded best replies that shared a phrase with another scenario's best reply. Three of the new wordings
// shared a phrase again, each with a best reply at the same kind of decision: jae-and-hyung d2-honest "Whatever happens
// next, you'll hear it from me" (couch-rent d3-honest "You'll hear it from me first", both answering "don't tell");
// saturday-shoots d7-plan "That's a lot to lose" (the-list d3-carry "That's a lot to carry at fifteen", both naming what
// the youth stands to lose or carries); whereabouts-unknown d8-plan "The people and places that help" (couch-rent
// d7-bad-night "You pick the people and the numbers", both safety plans). "Whatever happens" came with the first
// (harm-reduction d1-glad). Each is reworded in the reply content2-47 changed, scored as before.
describe('diffread-47: the rewording that took out one shared phrase did not bring in another', () => {
  it.each(["you'll hear it from me", "that's a lot to", 'the people and', 'whatever happens'])(
    '"%s" is not said only by best replies, in two scenarios or more',
    (phrase) => {
      expectNoTell(phrase);
    },
  );

  it('the reworded replies still say what they are credited for, and score as before', () => {
    const jae = bundledReply('jae-and-hyung', 'd2-open', 'd2-honest').text;
    expect(jae).toMatch(/^Your safety comes first for me, so this goes to my supervisor\. /);
    expect(jae).toMatch(/keep you posted/);
    // safety-53: "keep you posted" is credited as youth-centered, no longer the relapse reassurance.
    expect(scored('jae-and-hyung', 'd2-open', 'd2-honest')).toBe('consult-supervisor-on-suspicion follows 2, youth-centered follows 1');

    const meron = bundledReply('saturday-shoots', 'd7-saturday', 'd7-plan').text;
    expect(meron).toMatch(/^Losing all of them would be hard\. Should we make a plan for tomorrow, in case it feels off\? You decide what's in it; we share it with Mr\. Dawson\.$/);
    expect(scored('saturday-shoots', 'd7-saturday', 'd7-plan')).toBe('safety-planning follows 2, harm-reduction-self-determination follows 1, csw-partnership follows 1');

    const dez = bundledReply('whereabouts-unknown', 'd8-kitchen', 'd8-plan').text;
    expect(dez).toMatch(/^Maybe is honest\. Could we write a simple plan, in your words, for when things feel unsafe\? Names, numbers, places\.$/);
    expect(scored('whereabouts-unknown', 'd8-kitchen', 'd8-plan')).toBe(
      'safety-planning follows 2, harm-reduction-self-determination follows 1, expect-relapse follows 1, resources-reduce-harm follows 1, respect-mindset-boundaries follows 1',
    );
  });
});

// whereabouts-unknown d7-csw became a question ("Is there somewhere bright and busy to wait?") beside two replies that
// ended flat: the best reply was the only one asking there (the audit's only-best-asks), as couch-rent d5-redirect is at
// the same 1 a.m. request. d7-rideshare now asks her to text when she is in, as it said before, in a question.
describe('diffread-47: at Dez\'s "Can you come get me?" the best reply is not the only one that asks', () => {
  it('another reply ends on a question too, and d7-rideshare is scored as before', () => {
    const d = bundledDecision('whereabouts-unknown', 'd7-ride');
    expect(d.replies.filter((r) => asks(r.text)).map((r) => r.id).sort()).toEqual(['d7-csw', 'd7-rideshare']);
    expect(bundledReply('whereabouts-unknown', 'd7-ride', 'd7-rideshare').text).toMatch(/I'll let Mr\. Nasser know\. Can you text me when you're in\?$/);
    expect(scored('whereabouts-unknown', 'd7-ride', 'd7-rideshare')).toBe('no-picking-up violates 3, csw-partnership violates 1');
  });
});

// saturday-shoots s2-sewing (new this session): Meron said "Auntie's gonna tell you about the shoes anyway", a moment
// after s1-stairs, where she says "Auntie told you about the shoes, huh." She knows her aunt already has.
describe('diffread-47: saturday-shoots s2-sewing follows what Meron said on the stairs', () => {
  it('she says her aunt has already told you about the shoes, not that she will', () => {
    const stairs = bundledScenario('saturday-shoots').nodes.find((n) => n.id === 's1-stairs');
    expect(stairs?.kind === 'scene' && stairs.lines?.some((l) => l.text === 'Auntie told you about the shoes, huh.')).toBe(true);
    const sewing = bundledScenario('saturday-shoots').nodes.find((n) => n.id === 's2-sewing');
    const said = sewing?.kind === 'scene' ? (sewing.lines ?? []).map((l) => l.text).join(' ') : '';
    expect(said).not.toMatch(/gonna tell you about the shoes/);
    expect(said).toMatch(/^Auntie already told you about the shoes anyway\. A friend got them\. Nia\./);
  });
});

// The worked example (docs/examples/first-scenario.json, docs/authoring.md section 3) is what `casa-practice new`
// copies. Its best reply said "Want to make a plan … Who you'd call, where you'd go. You decide what's in it", the
// phrases sessions 41 and content2-47 took out of the bundled best replies as tells: every scenario started from it
// began with them. Its new words share no phrase of three words or more with the bundled set's best replies alone.
describe('diffread-47: the worked example\'s best reply does not start new scenarios with a tell', () => {
  const example = JSON.parse(readFileSync(new URL('../../docs/examples/first-scenario.json', import.meta.url), 'utf8')) as Scenario;
  const node = example.nodes.find((n) => n.id === 'd2-next-time');
  const plan = node?.kind === 'decision' ? node.replies.find((r) => r.id === 'd2-plan') : undefined;

  it('says none of the phrases taken out of the bundled best replies', () => {
    for (const phrase of ["who you'd call", "where you'd go", 'want to make a', "you decide what's in it", 'the people and']) {
      expect(says(plan?.text ?? '', phrase), phrase).toBe(false);
    }
  });

  it('shares no phrase of three to five words with bundled best replies that no other bundled reply says', () => {
    const w = words(plan?.text ?? '');
    const shared: string[] = [];
    for (let k = 3; k <= 5; k++) {
      for (let i = 0; i + k <= w.length; i++) {
        const phrase = w.slice(i, i + k).join(' ');
        const { inBest, elsewhere } = whereSaid(phrase);
        if (inBest.size > 0 && elsewhere.length === 0) shared.push(`${phrase} (${[...inBest].join(', ')})`);
      }
    }
    expect(shared).toEqual([]);
  });

  it('still offers a plan she makes, shared with Ms. Okafor, scored as before, and stays the longest reply (section 7 shows the audit finding it)', () => {
    expect(plan?.text).toMatch(/plan/);
    expect(plan?.text).toMatch(/your way/);
    expect(plan?.text).toMatch(/Ms\. Okafor/);
    expect(plan?.assessments.map((a) => `${a.principle} ${a.verdict} ${a.weight ?? 1}`)).toEqual([
      'safety-planning follows 2',
      'harm-reduction-self-determination follows 1',
      'csw-partnership follows 1',
    ]);
    const others = node?.kind === 'decision' ? node.replies.filter((r) => r !== plan).map((r) => r.text.length) : [];
    expect(plan?.text.length).toBeGreaterThan(Math.max(...others));
  });
});

describe('diffread-47 judgement calls, taken up', () => {
  it('left-placement-calls d3-stay-on: the CASA keeps communication open, not the guide, which asks CASAs to message and call', () => {
    const feedback = bundledReply('left-placement-calls', 'd3-phone-dying', 'd3-stay-on').feedback;
    expect(feedback).not.toMatch(/The guide keeps communication open/);
    expect(feedback).toMatch(/the guide asks CASAs to keep messaging and calling a youth who has left.*\(What if my youth left placement or their whereabouts are unknown\?\)/);
  });

  it('whereabouts-unknown d7-csw, credited with staying warm, does not open on a cool "Thanks for calling." nor on left-placement-calls\' best opening', () => {
    const reply = bundledReply('whereabouts-unknown', 'd7-ride', 'd7-csw');
    expect(reply.feedback).toMatch(/warm/);
    expect(reply.text).not.toMatch(/^Thanks for calling/);
    expect(says(reply.text, "glad you called")).toBe(false);
  });
});

describe('left-placement-calls: Ari speaks before the call drops, not after', () => {
  // s3-warm said "The call drops." and then gave Ari's "...k. Thanks for not yelling at me." (term3-47's walk).
  it('her last words come in a scene of their own, and the call drops in the next', () => {
    const warm = bundledScenario('left-placement-calls').nodes.find((n) => n.id === 's3-warm');
    if (warm?.kind !== 'scene') throw new Error('no scene s3-warm');
    expect(warm.lines?.[0]?.text).toBe('...k. Thanks for not yelling at me.');
    expect(warm.narration).not.toMatch(/call drops/);
    const after = bundledScenario('left-placement-calls').nodes.find((n) => n.id === warm.next);
    expect(after?.kind === 'scene' ? after.narration : '').toMatch(/^The call drops\./);
  });
});
