import { describe, expect, it } from 'vitest';
import { bundledScenario } from '../helpers/bundled.js';
import { endedOn, toldBetween } from '../helpers/story.js';
import { walkPlaythroughs } from '../helpers/walk.js';
import { whenHolds } from '../../src/machines/conditions.js';

// Session storya-52: story continuity in whereabouts-unknown. Each case plays the paths that showed the fault;
// each was seen failing on the old file (version 34). Scoring is unchanged.

const ID = 'whereabouts-unknown';
// The best path; each case swaps in the replies it needs.
const BEST = ['d1-open', 'd2-learn', 'd3-checkin', 'd4-honest', 'd5-not-mad', 'd6-both', 'd6-tell', 'd7-csw', 'd8-plan'];
const swap = (pairs: Record<string, string>) => BEST.map((r) => pairs[r] ?? r);

describe('storya-52: Priya answers what you tell her at d4-priya', () => {
  // d4-step-back ("I think I need to step back from Dez's case until she turns up") and d4-fine ("I'm fine, thanks.
  // ... What else can I be doing for her?") went straight to 1:40 a.m., as if Priya had heard nothing.
  it('after d4-step-back, Priya answers the step back before the 1:40 a.m. text', () => {
    const told = toldBetween(ID, swap({ 'd4-honest': 'd4-step-back' }), 'd4-priya', 's4-1am');
    expect(told).toMatch(/if you step back now, Dez may read it as a door closing/);
    expect(told).toMatch(/how you carry this/);
    expect(endedOn(ID, swap({ 'd4-honest': 'd4-step-back' })).ending?.id).toBe('end-strong');
  });

  it('after d4-fine, Priya goes on to Dez and says she will ask again', () => {
    const told = toldBetween(ID, swap({ 'd4-honest': 'd4-fine' }), 'd4-priya', 's4-1am');
    expect(told).toMatch(/let's go through what's next for her/);
    expect(told).toMatch(/I'll ask again next week/);
  });
});

describe('storya-52: whereabouts-unknown endings tell everything the volunteer did that they tell at all', () => {
  // end-mixed picked the first variant for one thing done: after a search (the drive along Lake Avenue, the tablet,
  // the traced number) it told the search and left out the rideshare (d7-rideshare) and "the future can wait"
  // (d8-later); after the promise of a ride (d8-promise) it left out the search; after the drive and the traced
  // number it told only the number. Each is told now: two flags, drove (d2-drive) and sent-ride (d7-rideshare),
  // tell the drive from the other searches and the rideshare from the promise.
  const TOLD = {
    drive: /drove up and down Lake Avenue looking for her/,
    look: /tried to find out who she was in touch with|looked up the number she texted you from/,
    ride: /you arranged her ride, not Mr\. Nasser/,
    later: /you said the future could wait/,
    promise: /your promise to come and get her, which you are not allowed to keep/,
  };
  const did = (path: readonly string[]) => ({
    drive: path.includes('d2-drive'),
    look: path.includes('d2-tablet') || path.includes('d6-trace'),
    ride: path.includes('d7-rideshare'),
    later: path.includes('d8-later'),
    promise: path.includes('d8-promise'),
  });

  it('on every playthrough that ends mixed, the ending tells each of these it did, and none it did not', () => {
    const s = bundledScenario(ID);
    const wrong: string[] = [];
    let both = 0;
    walkPlaythroughs(s, ({ ending, vars, conduct, path }) => {
      if (ending.id !== 'end-mixed') return;
      const narration = ending.variants?.find((v) => whenHolds(v.when, vars, conduct))?.narration ?? ending.narration;
      const done = did(path);
      if (Object.values(done).filter(Boolean).length >= 2) both++;
      for (const [what, told] of Object.entries(TOLD)) {
        if (done[what as keyof typeof done] !== told.test(narration)) wrong.push(`${what} ${done[what as keyof typeof done] ? 'left out' : 'told'}: ${path.join(' ')}`);
      }
      // The drive and the traced number together: the number by name, not the generic words for a search.
      if (done.drive && done.look && !/looked up the number she texted you from/.test(narration)) wrong.push(`number left out: ${path.join(' ')}`);
    });
    expect(both).toBeGreaterThan(1000);
    expect(wrong.slice(0, 5)).toEqual([]);
  });

  it.each([
    ['the drive and the rideshare, then d8-plan', { 'd2-learn': 'd2-drive', 'd7-csw': 'd7-rideshare' }, [TOLD.drive, TOLD.ride, /Dez writes a short plan with you/]],
    ['the tablet and the rideshare, then d8-wrote', { 'd2-learn': 'd2-tablet', 'd7-csw': 'd7-rideshare', 'd8-plan': 'd8-wrote' }, [TOLD.look, TOLD.ride, /the plan you wrote/]],
    ['the traced number, then d8-later', { 'd6-tell': 'd6-trace', 'd8-plan': 'd8-later' }, [TOLD.look, TOLD.later]],
    ['the drive, then d8-later', { 'd2-learn': 'd2-drive', 'd8-plan': 'd8-later' }, [TOLD.drive, TOLD.later, /not first responders/]],
    ['the rideshare, then d8-later', { 'd7-csw': 'd7-rideshare', 'd8-plan': 'd8-later' }, [TOLD.ride, TOLD.later]],
    ['the tablet, then d8-promise', { 'd2-learn': 'd2-tablet', 'd8-plan': 'd8-promise' }, [TOLD.look, TOLD.promise]],
    ['the rideshare, then d8-promise', { 'd7-csw': 'd7-rideshare', 'd8-plan': 'd8-promise' }, [TOLD.ride, TOLD.promise, /the promise and the ride/]],
    ['the drive and the traced number, then d8-plan', { 'd2-learn': 'd2-drive', 'd6-tell': 'd6-trace' }, [TOLD.drive, /looked up the number she texted you from/]],
  ] as const)('after %s, the ending tells both, as the machine plays it', (_, pairs, told) => {
    const d = endedOn(ID, swap(pairs));
    expect(d.ending?.id).toBe('end-mixed');
    for (const t of told) expect(d.ending?.narration).toMatch(t);
  });

  it('after the rideshare and a search, "she hears" is Dez: the sentence before it is about Priya', () => {
    const d = endedOn(ID, swap({ 'd2-learn': 'd2-drive', 'd7-csw': 'd7-rideshare' }));
    expect(d.ending?.narration).toMatch(/Priya asks you to talk it through with him\. Then Dez hears that you drove/);
  });
});

describe('storya-52: the search into who Dez was in touch with is told as what it was, not "went digging"', () => {
  // "went digging for where she was" told the tablet (d2-tablet: "anything about who she's been talking to") and
  // the traced number (d6-trace: "whose phone she's using") as a hunt for where she was, in a word that reads as a
  // judgement. The ending now says what was done.
  it.each([['d2-learn', 'd2-tablet'], ['d6-tell', 'd6-trace']])('after %s is swapped for %s, the ending says you tried to find out who she was in touch with', (best, search) => {
    const d = endedOn(ID, swap({ [best]: search }));
    expect(d.ending?.narration).toMatch(/she hears that you tried to find out who she was in touch with while she was away/);
  });

  it('no ending or variant of the scenario says digging', () => {
    const texts = bundledScenario(ID).nodes.flatMap((n) => (n.kind === 'ending' ? [n.narration, ...(n.variants ?? []).map((v) => v.narration)] : []));
    expect(texts.filter((t) => /digging/.test(t))).toEqual([]);
  });
});
