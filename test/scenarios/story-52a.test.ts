import { describe, expect, it } from 'vitest';
import { endedOn, toldBetween } from '../helpers/story.js';

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
