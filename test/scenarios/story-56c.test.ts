import { describe, expect, it } from 'vitest';
import { bundledDecision, bundledReply, bundledScenario } from '../helpers/bundled.js';
import { driveReplies, toldAt } from '../helpers/play.js';
import { endedOn, toldBetween } from '../helpers/story.js';
import { walkPlaythroughs } from '../helpers/walk.js';

// Session reread-b-56: a fresh reader's pass over youth-relapses and left-placement-calls, the two scenarios least
// recently reviewed. Scoring is unchanged in both.

// A sentence ends at . ? or ! before a capital or a quote, but not at "Mr." or "Ms." before a name.
const sentences = (t: string): string[] => t.split(/(?<!\b(?:Mr|Ms|Mrs|Dr)\.)(?<=[.?!])\s+(?=[A-Z"“])/).filter((x) => x.trim() !== '');
const scored = (id: string, node: string, reply: string) =>
  bundledReply(id, node, reply).assessments.map((a) => `${a.principle} ${a.verdict} ${a.weight ?? 1}`);
const LPC = 'left-placement-calls';
const YR = 'youth-relapses';

describe('reread-b-56: no feedback in the two scenarios runs past three sentences (docs/authoring.md: two or three)', () => {
  // youth-relapses d4-call-me had four ("Wanting to be there for her is understandable." stood alone).
  it.each([YR, LPC])('%s', (id) => {
    const long = bundledScenario(id).nodes.flatMap((n) => (n.kind === 'decision' ? n.replies : []))
      .filter((r) => sentences(r.feedback).length > 3).map((r) => r.id);
    expect(long).toEqual([]);
  });

  it('youth-relapses d4-call-me keeps what it says and how it is scored', () => {
    const f = bundledReply(YR, 'd4-triggers', 'd4-call-me').feedback;
    expect(f).toMatch(/^Wanting to be there for her is understandable, but “I'll come get you” is a promise to pick her up/);
    expect(f).toContain('redirect to her CSW to make arrangements');
    expect(f).toMatch(/CASAs are not first responders \(Prohibited Activities\)/);
    expect(f).toContain('Plan with her who the right people are for those moments.');
    expect(scored(YR, 'd4-triggers', 'd4-call-me')).toEqual(['no-picking-up violates 3', 'not-first-responder violates 1']);
  });
});

describe('reread-b-56: trainer notes say what the guide says', () => {
  // The guide: "Employing the harm reduction approach acknowledges that unsafe behavior will continue while a youth
  // is engaging in services" (Harm Reduction). The note said harm reduction "accepts that risk may continue".
  it('youth-relapses d5-phone: harm reduction acknowledges that unsafe behaviour will continue, in the guide\'s words', () => {
    const note = bundledDecision(YR, 'd5-phone').facilitatorNote ?? '';
    expect(note).not.toMatch(/may continue/);
    expect(note).toMatch(/^Harm reduction acknowledges that unsafe behaviour will continue while a youth is engaging in services/);
    expect(note).toContain('curator of her own safety, including how she defines it');
  });

  // The guide: "Some youth may not want or be ready to exit the cycle during a CASA's advocacy. Therefore, it is crucial
  // for CASAs to respect a youth's mindset" (What if my youth left placement...?). The note said "not ready to come
  // back", as if the mindset to respect were about returning to placement.
  it('left-placement-calls d3-phone-dying: the mindset to respect is about exiting the cycle, not coming back to placement', () => {
    const note = bundledDecision(LPC, 'd3-phone-dying').facilitatorNote ?? '';
    expect(note).not.toMatch(/ready to come back/);
    expect(note).toMatch(/^Some youth may not want or be ready to exit the cycle during a CASA's advocacy, and the guide asks CASAs to respect that mindset/);
  });
});

describe('reread-b-56: left-placement-calls, the plan Ari writes fits the night she had', () => {
  // After d3-stay-on ("stay on with me until someone gets to you. I'm right here."), the volunteer had made
  // themselves her crisis line that night; her plan still read "my CASA (not for emergencies)" and she said
  // "'Not for emergencies.' See, I do listen.", advice she was never given. A flag set by d3-stay-on now picks
  // a plan that says why her CASA is on it, as the pick-up and the car already do.
  const planAfter = (path: readonly string[]): string => toldBetween(LPC, path, 'd7-return', 'd8-why');
  const REST = ['d4-clear', 'd5-steady', 'd6-learn', 'd7-safety-plan'];

  it('after d3-stay-on, the plan does not say "not for emergencies" and says why her CASA is on it', () => {
    for (const d1 of [['d1-redirect', 'd2-resources'], ['d1-go-back', 'd2-send'], ['d1-redirect', 'd2-who']]) {
      const told = planAfter([...d1, 'd3-stay-on', ...REST]);
      expect(told, d1.join(' ')).toContain('People I can call: Tía Lorena, Gabi my case manager, my CASA.');
      expect(told, d1.join(' ')).not.toMatch(/not for emergencies|I do listen/i);
      expect(told, d1.join(' ')).toMatch(/You're on there 'cause you tried to keep me on the phone that night\. Don't make it weird\./);
    }
  });

  it('where she was not kept on the line, the plan keeps "not for emergencies"', () => {
    for (const d3 of ['d3-door-open', 'd3-where']) {
      const told = planAfter(['d1-redirect', 'd2-resources', d3, ...REST]);
      expect(told, d3).toContain('my CASA (not for emergencies)');
      expect(told, d3).toContain('See, I do listen.');
    }
  });

  it('on every playthrough that makes the plan, "not for emergencies" is told only where the CASA neither came, sent a car, nor kept her on the line', () => {
    const prefixes = new Set<string>();
    walkPlaythroughs(bundledScenario(LPC), ({ path }) => {
      const at = path.indexOf('d7-safety-plan');
      if (at >= 0) prefixes.add(path.slice(0, at + 1).join(' '));
    });
    expect(prefixes.size).toBeGreaterThan(50);
    let kept = 0;
    for (const p of prefixes) {
      const path = p.split(' ');
      const nodes = driveReplies(bundledScenario(LPC), path, true).nodes;
      const told = toldAt(bundledScenario(LPC), nodes[nodes.indexOf('d7-return') + 1] ?? '');
      expect(told, p).toContain('People I can call');
      const rescued = path.some((r) => ['d1-pick-up', 'd1-rideshare', 'd3-stay-on'].includes(r));
      if (rescued) expect(told, p).not.toMatch(/not for emergencies|I do listen/i);
      else { expect(told, p).toMatch(/not for emergencies/); kept++; }
    }
    expect(kept).toBeGreaterThan(0);
  });

  it('d3-stay-on is scored as before', () => {
    expect(scored(LPC, 'd3-phone-dying', 'd3-stay-on')).toEqual(['not-first-responder violates 2']);
  });
});

describe('reread-b-56: left-placement-calls, the handover after the pick-up happens where the volunteer is', () => {
  // s2-handed-over said "By 2 a.m., DCFS has made arrangements and Ari is back at her placement. She doesn't look at
  // you when she gets out of the car.", as if the volunteer were at the placement; they had called Tomas from the
  // gas station's parking lot with Ari in their car (d2-call-csw).
  it('she leaves your car at the gas station before she is back at her placement', () => {
    const told = toldBetween(LPC, ['d1-pick-up', 'd2-call-csw'], 'd2-in-car', 's4-again');
    expect(told).not.toMatch(/gets out of the car\./);
    const car = told.indexOf('gets out of your car');
    expect(car).toBeGreaterThan(-1);
    expect(told.indexOf('back at her placement')).toBeGreaterThan(car);
  });
});

describe('reread-b-56: left-placement-calls, the ending says what the volunteer did while Ari was away', () => {
  // "Back, for now" told every playthrough whose rescuing count was 1 or more "while she was away you stepped in as
  // her rescuer or crisis line", and each such reply was listed as "Times you stepped in as a rescuer or crisis
  // line: 0 → 1". After d6-on-call (a phone kept on loud every night in case she calls) or d5-search (Saturday
  // nights driving past the places she mentioned), nobody stepped in: she never called, and nobody found her.
  const RESCUING = /while she was away you made yourself her rescuer or crisis line, and the guide reminds CASAs that they are not first responders/;

  it.each([
    ['d6-on-call', ['d1-redirect', 'd2-resources', 'd3-door-open', 'd4-clear', 'd5-steady', 'd6-on-call', 'd7-safety-plan', 'd8-needs']],
    ['d5-search', ['d1-redirect', 'd2-resources', 'd3-door-open', 'd4-clear', 'd5-search', 'd6-learn', 'd7-safety-plan', 'd8-needs']],
    ['d3-stay-on', ['d1-redirect', 'd2-resources', 'd3-stay-on', 'd4-clear', 'd5-steady', 'd6-learn', 'd7-safety-plan', 'd8-needs']],
  ])('after %s, the mixed ending says you made yourself her rescuer or crisis line, not that you stepped in', (_reply, path) => {
    const d = endedOn(LPC, path);
    expect(d.ending?.id).toBe('end-mixed');
    expect(d.ending?.narration).toMatch(RESCUING);
    expect(d.ending?.narration).not.toMatch(/stepped in/);
  });

  it('no ending, variant or variable label of the scenario says "stepped in"', () => {
    const s = bundledScenario(LPC);
    const texts = [
      ...s.nodes.flatMap((n) => (n.kind === 'ending' ? [n.narration, ...(n.variants ?? []).map((v) => v.narration)] : [])),
      ...(s.variables ?? []).map((v) => v.label),
    ];
    expect(texts.filter((t) => /stepped in/.test(t))).toEqual([]);
    expect(s.variables?.find((v) => v.id === 'rescuing')?.label).toBe('Times you made yourself her rescuer or crisis line');
  });
});
