import { describe, expect, it } from 'vitest';
import { bundledScenario } from '../helpers/bundled.js';
import { driveReplies, playReplies, toldAt } from '../helpers/play.js';
import { endedOn, toldBetween } from '../helpers/story.js';
import { walkPlaythroughs } from '../helpers/walk.js';
import { whenHolds } from '../../src/machines/conditions.js';
import type { ScenarioNode } from '../../src/machines/index.js';

// Session storyb-51: places in whereabouts-unknown and left-placement-calls where the story forgot what the
// volunteer had chosen (an ending without the plan just made, Lauren's "keep texting" after the texts stopped),
// and two shrugs in a row in left-placement-calls. Each case plays the paths that showed the fault; each was seen
// failing on the old files.



describe('storyb-51: whereabouts-unknown endings tell the plan made at the kitchen table', () => {
  // d8-plan after the drive along Lake Avenue (d2-drive) ended on the end-mixed variant for "searched", which told
  // the drive and nothing of the plan Dez had just written with you; so did the variant for digging (d2-tablet,
  // d6-trace). The same held for the plan you wrote for her (d8-wrote), and end-distance after d8-wrote named the
  // people Dez would call as if no plan had been handed to her.
  const BASE = ['d1-open', 'd2-learn', 'd3-checkin', 'd4-honest', 'd5-not-mad', 'd6-both', 'd6-tell', 'd7-csw', 'd8-plan'];
  const swap = (pairs: Record<string, string>) => BASE.map((r) => pairs[r] ?? r);

  it('after the drive and d8-plan, the ending tells the drive and the plan she wrote', () => {
    const d = endedOn('whereabouts-unknown', swap({ 'd2-learn': 'd2-drive' }));
    expect(d.ending?.id).toBe('end-mixed');
    expect(d.ending?.narration).toMatch(/Dez writes a short plan with you/);
    expect(d.ending?.narration).toMatch(/drove up and down Lake Avenue/);
    expect(d.ending?.narration).toMatch(/not first responders/);
  });

  it.each([
    ['d2-learn', 'd2-tablet'],
    ['d6-tell', 'd6-trace'],
  ])('after %s is swapped for %s and d8-plan, the ending tells the search and the plan', (best, search) => {
    const d = endedOn('whereabouts-unknown', swap({ [best]: search }));
    expect(d.ending?.id).toBe('end-mixed');
    expect(d.ending?.narration).toMatch(/Dez writes a short plan with you/);
    expect(d.ending?.narration).toMatch(/tried to find out who she was in touch with/); // storya-52: was "went digging for where she was"
  });

  it.each([
    ['d2-learn', 'd2-drive', /Lake Avenue/],
    ['d2-learn', 'd2-tablet', /tried to find out who she was in touch with/],
    ['d6-tell', 'd6-trace', /tried to find out who she was in touch with/],
  ])('after %s is swapped for %s and d8-wrote, the ending tells the search and the plan you wrote', (best, search, told) => {
    const d = endedOn('whereabouts-unknown', swap({ [best]: search, 'd8-plan': 'd8-wrote' }));
    expect(d.ending?.id).toBe('end-mixed');
    expect(d.ending?.narration).toMatch(/the plan you wrote/);
    expect(d.ending?.narration).toMatch(told);
  });

  it('end-distance after d8-wrote tells the plan you wrote, and whom Dez names instead', () => {
    const low = ['d1-stop', 'd2-learn', 'd3-wait', 'd4-honest', 'd5-where', 'd6-tell', 'd7-csw', 'd8-wrote'];
    const d = endedOn('whereabouts-unknown', low);
    expect(d.ending?.id).toBe('end-distance');
    expect(d.ending?.narration).toMatch(/the plan you wrote/);
    expect(d.ending?.narration).toMatch(/a cousin in Pasadena/);
  });

  // Every playthrough: a plan made or written at d8-kitchen is in the ending it reaches (end-ride comes before it).
  // The closing text is picked as the machine picks it: the first variant whose "when" holds at the end.
  it('on every playthrough through d8-plan or d8-wrote, the ending names the plan', () => {
    const s = bundledScenario('whereabouts-unknown');
    const missing: string[] = [];
    let checked = 0;
    walkPlaythroughs(s, ({ ending, vars, conduct, path }) => {
      const last = path.at(-1);
      if (last !== 'd8-plan' && last !== 'd8-wrote') return;
      checked++;
      const narration = ending.variants?.find((v) => whenHolds(v.when, vars, conduct))?.narration ?? ending.narration;
      if (!/plan|napkin/.test(narration)) missing.push(`${path.join(' ')} -> ${ending.id}: ${narration.slice(0, 60)}`);
    });
    expect(checked).toBeGreaterThan(100);
    expect(missing.slice(0, 5)).toEqual([]);
  });
});

describe('storyb-51: whereabouts-unknown remembers the promise of a ride', () => {
  // d8-promise: "call me first, any time, day or night, and I'll come get you". With trust under 40 it ended on
  // end-distance, which named whom Dez would call and said nothing of the promise, nor of Priya asking you to talk it
  // through, as end-mixed does after the same reply. Every playthrough through d8-promise now ends telling it.
  it('on every playthrough through d8-promise, the ending tells the promise to come and get her', () => {
    const s = bundledScenario('whereabouts-unknown');
    const endings = new Set<string>();
    const missing: string[] = [];
    walkPlaythroughs(s, ({ ending, vars, conduct, path }) => {
      if (path.at(-1) !== 'd8-promise') return;
      endings.add(ending.id);
      const narration = ending.variants?.find((v) => whenHolds(v.when, vars, conduct))?.narration ?? ending.narration;
      if (!/your promise to come and get her/.test(narration) || !/not allowed to keep/.test(narration)) missing.push(`${path.join(' ')} -> ${ending.id}`);
    });
    expect([...endings].sort()).toEqual(['end-distance', 'end-mixed']);
    expect(missing.slice(0, 5)).toEqual([]);
  });

  it('end-distance after d8-promise, as the machine plays it', () => {
    const d = endedOn('whereabouts-unknown', ['d1-stop', 'd2-learn', 'd3-wait', 'd4-honest', 'd5-where', 'd6-tell', 'd7-csw', 'd8-promise']);
    expect(d.ending?.id).toBe('end-distance');
    expect(d.ending?.narration).toMatch(/your promise to come and get her, which you are not allowed to keep/);
    expect(d.ending?.narration).toMatch(/Priya .* talk it through with Mr\. Nasser/);
  });
});

describe('storyb-51: left-placement-calls', () => {
  const BEST = ['d1-redirect', 'd2-resources', 'd3-door-open', 'd4-clear', 'd5-steady', 'd6-learn', 'd7-safety-plan', 'd8-needs'];
  const lpc = (pairs: Record<string, string>) => BEST.map((r) => pairs[r] ?? r);

  // d7-where and d7-promise, at low trust: "Ari shrugs and pulls her sleeves down", then s7-walks-off, where Mr. Keith
  // "shrugs at you from the desk". No two nodes in a row on any playthrough tell a shrug.
  it('after d7-where or d7-promise with trust spent, the visit does not tell two shrugs in a row', () => {
    for (const d7 of ['d7-where', 'd7-promise']) {
      const path = lpc({ 'd2-resources': 'd2-who', 'd3-door-open': 'd3-where', 'd5-steady': 'd5-stop', 'd7-safety-plan': d7 }).slice(0, 7);
      const { nodes } = driveReplies(bundledScenario('left-placement-calls'), path, true);
      expect(nodes.slice(-2), d7).toEqual(['s7-walks-off', 'end-shut-out']);
      const told = toldBetween('left-placement-calls', path, 'd7-return', 'end-shut-out');
      expect(told.match(/shrug/gi) ?? [], `${d7}: ${told}`).toHaveLength(1);
    }
  });

  // Every step the story can take (a scene's next, each route, each reply's next), not only the paths above.
  it('no node that tells a shrug leads straight to another that tells one', () => {
    const s = bundledScenario('left-placement-calls');
    const targets = (next: unknown): string[] => (typeof next === 'string' ? [next] : Array.isArray(next) ? next.map((r: { to: string }) => r.to) : []);
    const after = (n: ScenarioNode): string[] => (n.kind === 'scene' ? targets(n.next) : n.kind === 'decision' ? n.replies.flatMap((r) => targets(r.next)) : []);
    const shrugs = (id: string) => /shrug/i.test(toldAt(s, id));
    const twice = s.nodes.filter((n) => shrugs(n.id)).flatMap((n) => after(n).filter(shrugs).map((m) => `${n.id} > ${m}`));
    expect(twice).toEqual([]);
  });

  // d5-stop: "Stop texting for now." Then d6-step-back, and Lauren said "Keep texting her", as if the texts had not
  // stopped. After d5-stop she now hears that they have and asks for them to start again; on the other paths she
  // still says to keep texting.
  it('after d5-stop and d6-step-back, Lauren asks you to start texting again, not to keep texting', () => {
    const told = toldBetween('left-placement-calls', lpc({ 'd5-steady': 'd5-stop', 'd6-learn': 'd6-step-back' }), 'd6-lauren', 'd7-return');
    expect(told).not.toMatch(/keep texting/i);
    expect(told).toMatch(/Start texting her again/);
    expect(told).toMatch(/a training or two, or a short-term advocacy project/);
  });

  it.each(['d5-steady', 'd5-search'])('after %s and d6-step-back, Lauren still says to keep texting her', (d5) => {
    const told = toldBetween('left-placement-calls', lpc({ 'd5-steady': d5, 'd6-learn': 'd6-step-back' }), 'd6-lauren', 'd7-return');
    expect(told).toMatch(/Keep texting her/);
    expect(told).not.toMatch(/again/);
  });

  // d7-safety-plan: Ari writes the people she can call in her own words. Every end-mixed text then closed on "it isn't
  // clear whether she will call you, or anyone on her team, next time", as if she had named nobody. After the plan,
  // each now tells it, and that nobody can say whether she will use it; without it they close as before.
  it('on every playthrough through d7-safety-plan that ends mixed, the ending tells the plan she wrote', () => {
    const s = bundledScenario('left-placement-calls');
    const wrong: string[] = [];
    const seen = { planned: 0, other: 0 };
    walkPlaythroughs(s, ({ ending, vars, conduct, path }) => {
      if (ending.id !== 'end-mixed') return;
      const narration = ending.variants?.find((v) => whenHolds(v.when, vars, conduct))?.narration ?? ending.narration;
      const planned = path.includes('d7-safety-plan');
      seen[planned ? 'planned' : 'other']++;
      const ok = planned
        ? /She has the plan she wrote in her own words/.test(narration) && !/isn't clear whether she will call/.test(narration)
        : !/plan she wrote/.test(narration) && /isn't clear whether she will call you, or anyone on her team/.test(narration);
      if (!ok) wrong.push(`${path.join(' ')}: ${narration.slice(-90)}`);
    });
    expect(seen.planned).toBeGreaterThan(50);
    expect(seen.other).toBeGreaterThan(50);
    expect(wrong.slice(0, 5)).toEqual([]);
  });

  it('the best path with d8-judge for d8-needs ends mixed and tells the plan, as the machine plays it', () => {
    const d = playReplies(bundledScenario('left-placement-calls'), lpc({ 'd8-needs': 'd8-judge' }));
    expect(d?.ending?.id).toBe('end-mixed');
    expect(d?.ending?.narration).toMatch(/a warning about the judge/);
    expect(d?.ending?.narration).toMatch(/She has the plan she wrote in her own words when she came back/);
  });
});
