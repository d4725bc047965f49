import { describe, expect, it } from 'vitest';
import { debriefModel } from '../../src/machines/index.js';
import { bundledScenario } from '../helpers/bundled.js';
import { playReplies } from '../helpers/play.js';

// A prohibition (a critical principle: the guide's Prohibited Activities) is kept by not doing what it
// prohibits. A reply that neither says no aloud nor does it is no missed chance for it: the debrief said
// "You kept to "No communication with a trafficker" at only 3 of 4 chances" of a volunteer who was never
// in touch with anyone tied to the trafficker (found by the second reader, session 43).
describe('the debrief never says a prohibition was missed', () => {
  const NO_CONTACT = '"No communication with a trafficker"';
  const told = (id: string, replies: string[]) => {
    const s = bundledScenario(id);
    const d = playReplies(s, replies);
    if (!d) throw new Error(`${replies.join(' > ')} did not end`);
    const m = debriefModel(s, d);
    return {
      growth: m.growthAreas.filter((g) => g.includes(NO_CONTACT)),
      strengths: m.strengths.filter((g) => g.includes(NO_CONTACT)),
      listed: d.principles.find((p) => p.principleId === 'no-trafficker-contact'),
    };
  };

  it('trafficker-contact: questions about "Tasha" (d4-visit-grill) instead of saying no to her text, otherwise best practice: kept to, a strength', () => {
    const { growth, strengths, listed } = told('trafficker-contact',
      ['d1-text-screenshot', 'd3-morning-facts', 'd4-visit-grill', 'd5-shut-door-open', 'd6-parking-walk', 'd7-supervisor-honest', 'd8-plan-stay', 'd9-last-forward']);
    expect(growth).toEqual([]);
    expect(strengths).toHaveLength(1);
    expect(listed).toMatchObject({ status: 'followed', missed: 0, missedBelowBest: 0 });
  });

  it('harm-reduction: offering to fetch her from where she is (d6-address) does not mention Cole: not listed against the prohibition on contact', () => {
    const { growth, listed } = told('harm-reduction', ['d1-glad', 'd2-need', 'd3-plan', 'd4-words', 'd5-share', 'd6-address']);
    expect(growth).toEqual([]);
    expect(listed).toBeUndefined();
  });

  it('a prohibition broken is still said, as critical', () => {
    const { growth } = told('trafficker-contact',
      ['d1-text-screenshot', 'd3-morning-facts', 'd4-visit-pass', 'd5-open-include', 'd6-parking-walk', 'd7-supervisor-honest', 'd8-plan-stay', 'd9-last-forward']);
    expect(growth).toHaveLength(1);
    expect(growth[0]).toMatch(/^Critical: you went against "No communication with a trafficker"/);
  });
});

// harm-reduction: leaving Elías's midnight text on read (d6-silent), otherwise best practice, scores 83%
// and ends strong; the strong ending said nothing of it (second reader, session 43). It now tells what
// the silence cost (What if my youth left placement or their whereabouts are unknown?: keep messaging).
describe('harm-reduction: the strong ending after the midnight text left on read', () => {
  const BEST = ['d1-glad', 'd2-need', 'd3-plan', 'd4-words', 'd5-share', 'd6-glad', 'd7-honest', 'd8-steps', 'd9-review'];
  const ending = (replies: string[]) => {
    const d = playReplies(bundledScenario('harm-reduction'), replies);
    if (!d) throw new Error(`${replies.join(' > ')} did not end`);
    return { id: d.ending?.id, narration: d.ending?.narration ?? '', percent: d.score.percent };
  };

  it('is still strong, and says he stopped texting from Cole\'s after the one you left on read', () => {
    const silent = ending(BEST.map((r) => (r === 'd6-glad' ? 'd6-silent' : r)));
    expect(silent.id).toBe('end-strong');
    expect(silent.percent).toBeGreaterThanOrEqual(80);
    expect(silent.narration).toContain('the night you left his message on read was the last time he tried');
  });

  it('the best path\'s strong ending does not say it', () => {
    expect(ending(BEST).narration).not.toContain('on read');
  });
});
