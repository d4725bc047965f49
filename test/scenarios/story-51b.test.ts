import { describe, expect, it } from 'vitest';
import { bundledScenario } from '../helpers/bundled.js';
import { playReplies } from '../helpers/play.js';
import { walkPlaythroughs } from '../helpers/walk.js';
import { whenHolds } from '../../src/machines/conditions.js';

// Session storyb-51: places in whereabouts-unknown where the story forgot what the volunteer had chosen (an ending
// without the plan just made). Each case plays the paths that showed the fault; each was seen failing on the old file.

const ended = (id: string, replies: string[]) => {
  const d = playReplies(bundledScenario(id), replies);
  if (!d) throw new Error(`${id}: ${replies.join(' > ')} did not end`);
  return d;
};

describe('storyb-51: whereabouts-unknown endings tell the plan made at the kitchen table', () => {
  // d8-plan after the drive along Lake Avenue (d2-drive) ended on the end-mixed variant for "searched", which told
  // the drive and nothing of the plan Dez had just written with you; so did the variant for digging (d2-tablet,
  // d6-trace). The same held for the plan you wrote for her (d8-wrote), and end-distance after d8-wrote named the
  // people Dez would call as if no plan had been handed to her.
  const BASE = ['d1-open', 'd2-learn', 'd3-checkin', 'd4-honest', 'd5-not-mad', 'd6-both', 'd6-tell', 'd7-csw', 'd8-plan'];
  const swap = (pairs: Record<string, string>) => BASE.map((r) => pairs[r] ?? r);

  it('after the drive and d8-plan, the ending tells the drive and the plan she wrote', () => {
    const d = ended('whereabouts-unknown', swap({ 'd2-learn': 'd2-drive' }));
    expect(d.ending?.id).toBe('end-mixed');
    expect(d.ending?.narration).toMatch(/Dez writes a short plan with you/);
    expect(d.ending?.narration).toMatch(/drove up and down Lake Avenue/);
    expect(d.ending?.narration).toMatch(/not first responders/);
  });

  it.each([
    ['d2-learn', 'd2-tablet'],
    ['d6-tell', 'd6-trace'],
  ])('after %s is swapped for %s and d8-plan, the ending tells the digging and the plan', (best, search) => {
    const d = ended('whereabouts-unknown', swap({ [best]: search }));
    expect(d.ending?.id).toBe('end-mixed');
    expect(d.ending?.narration).toMatch(/Dez writes a short plan with you/);
    expect(d.ending?.narration).toMatch(/went digging for where she was/);
  });

  it.each([
    ['d2-learn', 'd2-drive', /Lake Avenue/],
    ['d2-learn', 'd2-tablet', /went digging/],
    ['d6-tell', 'd6-trace', /went digging/],
  ])('after %s is swapped for %s and d8-wrote, the ending tells the search and the plan you wrote', (best, search, told) => {
    const d = ended('whereabouts-unknown', swap({ [best]: search, 'd8-plan': 'd8-wrote' }));
    expect(d.ending?.id).toBe('end-mixed');
    expect(d.ending?.narration).toMatch(/the plan you wrote/);
    expect(d.ending?.narration).toMatch(told);
  });

  it('end-distance after d8-wrote tells the plan you wrote, and whom Dez names instead', () => {
    const low = ['d1-stop', 'd2-learn', 'd3-wait', 'd4-honest', 'd5-where', 'd6-tell', 'd7-csw', 'd8-wrote'];
    const d = ended('whereabouts-unknown', low);
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
