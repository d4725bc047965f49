import { describe, expect, it } from 'vitest';
import { bundledReply, bundledScenario } from '../helpers/bundled.js';
import { endedOn, toldBetween } from '../helpers/story.js';

// Session reader-b-58: a fresh reader's pass over couch-rent, saturday-shoots and court-report.

const COUCH_BEST = ['d1-heard', 'd2-need', 'd3-honest', 'd4-naomi', 'd5-redirect', 'd6-rattled', 'd7-bad-night', 'd8-strengths'];
const swap = (best: readonly string[], changes: Record<string, string>) => best.map((r) => changes[r] ?? r);

// 1. couch-rent end-strong said "Arev heard all of it from you first". A playthrough can end strong (82%) after
// d1-promise and d3-law ("I can't keep something like this from my supervisor ... it's not up to me. Sorry."), where
// trust is too low for Arev to answer ("Arev goes in to dinner without answering"): nobody asked to be told first, no
// reply promised it, and no scene shows it. What every strong playthrough did is tell Arev on the bench that it would
// go to the supervisor (d3-honest and d3-law both do; d3-promise and d3-bargain set the flag the strong route refuses).
describe('reader-b-58: couch-rent\'s strong ending tells only what every strong path did', () => {
  it('after d1-promise and d3-law (82%, strong) the ending does not say Arev heard it all from you first', () => {
    const path = swap(COUCH_BEST, { 'd1-heard': 'd1-promise', 'd3-honest': 'd3-law' });
    expect(toldBetween('couch-rent', path, 'd3-glendale', 'd4-evening')).toContain('Arev goes in to dinner without answering.');
    const d = endedOn('couch-rent', path);
    expect(d.score.percent).toBe(82);
    expect(d.ending).toMatchObject({ id: 'end-strong', kind: 'strong' });
    expect(d.ending?.narration).not.toMatch(/from you first/);
    expect(d.ending?.narration).toMatch(/Arev knew from you, on the bench, that it would go to your supervisor\./);
  });

  it('the base narration and its variant say the same, and both replies that can lead there tell Arev it goes to the supervisor', () => {
    const end = bundledScenario('couch-rent').nodes.find((n) => n.id === 'end-strong');
    const texts = end?.kind === 'ending' ? [end.narration, ...(end.variants ?? []).map((v) => v.narration)] : [];
    expect(texts).toHaveLength(2);
    for (const t of texts) {
      expect(t).not.toMatch(/from you first/);
      expect(t).toMatch(/Arev knew from you, on the bench, that it would go to your supervisor\./);
    }
    expect(bundledReply('couch-rent', 'd3-glendale', 'd3-honest').text).toMatch(/I'll talk to Naomi, my supervisor/);
    expect(bundledReply('couch-rent', 'd3-glendale', 'd3-law').text).toMatch(/I can't keep something like this from my supervisor/);
    for (const id of ['d3-promise', 'd3-bargain']) {
      expect(bundledReply('couch-rent', 'd3-glendale', id).effects).toContainEqual({ var: 'promised', set: true });
      expect(endedOn('couch-rent', swap(COUCH_BEST, { 'd3-honest': id })).ending?.kind).not.toBe('strong');
    }
  });
});

// 2. couch-rent d3-promise's feedback ended on a maxim of its own: "If Arev later learns it was not kept, that is likely
// to cost more trust than honesty costs now." It rests on no section of the guide; reader-b-57 took the same maxim out
// of boy-red-flags d3-secret. The guide's reason (Red Flags) and CASA/LA's own statement stay.
describe('reader-b-58: couch-rent d3-promise\'s feedback keeps to the guide', () => {
  it('says why the promise cannot be kept, with its citation, and no maxim on the cost of trust', () => {
    const r = bundledReply('couch-rent', 'd3-glendale', 'd3-promise');
    expect(r.feedback).not.toMatch(/cost more trust|costs now/);
    expect(r.feedback).toContain('the guide asks you to discuss it with your Advocate Supervisor (Red Flags)');
    expect(r.feedback).toContain("(CASA/LA's own statement, not the guide's)");
    expect(r.assessments).toEqual([{ principle: 'consult-supervisor-on-suspicion', verdict: 'violates', weight: 2 }]);
  });
});

