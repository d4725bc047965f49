import { describe, expect, it } from 'vitest';
import { bundledDecision, bundledScenario } from '../helpers/bundled.js';
import { playReplies } from '../helpers/play.js';

// Fresh eyes (content4-50) on left-placement-calls, against the guide. Each case pins what a finding changed.
const played = (id: string, replies: string[]) => {
  const d = playReplies(bundledScenario(id), replies);
  if (!d) throw new Error(`${id}: ${replies.join(' > ')} did not end`);
  return d;
};

const LPC_BEST = ['d1-redirect', 'd2-resources', 'd3-door-open', 'd4-clear', 'd5-steady', 'd6-learn', 'd7-safety-plan', 'd8-needs'];
const lpc = (swap: Record<string, string>) => LPC_BEST.map((r) => swap[r] ?? r);

describe('fresh eyes (content4-50): left-placement-calls', () => {
  // Three playthroughs with one step off the best path score 82%, Strong in the debrief, and end on
  // "Back, for now" (mixed), in words that named none of them: "you are still her CASA, and she answers
  // your texts. But the reasons she left are still there…" (docs section 10: a Strong-band playthrough
  // ends strong, or on a variant that says why it did not; the audit checks only that the variant's
  // "when" reads conduct, the words are the author's).
  it.each([
    ['d3-door-open', 'd3-stay-on', 'not first responders and do not provide crisis intervention services'],
    ['d6-learn', 'd6-step-back', 'you talked of stepping back from her case'],
    ['d8-needs', 'd8-judge', 'you answered with a warning about the judge'],
  ])('instead of %s, %s: the Strong-band playthrough ends mixed on words that name the step', (_best, swap, words) => {
    const d = played('left-placement-calls', lpc({ [_best]: swap }));
    expect(d.score.percent).toBe(82);
    expect(d.outcome.band).toBe('strong');
    expect(d.ending?.id).toBe('end-mixed');
    expect(d.ending?.narration).toContain(words);
  });

  // The words that wait for 65% still wait: a Needs review playthrough with the crisis line and the judge
  // warning hears what it cost in the ending's own words (reader-a-43).
  it('a Needs review playthrough with the crisis line and the judge warning keeps the ending\'s own words', () => {
    const d = played('left-placement-calls', ['d1-redirect', 'd2-send', 'd3-stay-on', 'd4-clear', 'd5-steady', 'd6-learn', 'd7-safety-plan', 'd8-judge']);
    expect(d.outcome.band).toBe('needs-review');
    expect(d.ending?.narration).toMatch(/some moments along the way cost you/);
  });

  // d8-why's facilitator note said "Harm reduction asks why youth leave care…". The guide: the approach
  // "allows service providers to begin exploring why youth are leaving care, what needs remain unmet and
  // what structural barriers exist" (Harm Reduction). Session 49 made the feedback say so
  // (guide-words-49.test.ts); the note was left.
  it('d8-why\'s facilitator note says harm reduction allows exploring why she leaves, not that it asks', () => {
    const note = bundledDecision('left-placement-calls', 'd8-why').facilitatorNote ?? '';
    expect(note).not.toMatch(/[Hh]arm reduction asks/);
    expect(note).toContain('allows service providers to begin exploring why youth leave care');
  });

  // s7-plan: Ari quotes the plan back ("Not for emergencies.") in straight double quotes inside her line,
  // which the apps put in double quotes too: ""Not for emergencies." See, I do listen." in --plain.
  it('Ari\'s line quoting her plan uses single quotes inside the line\'s own double quotes', () => {
    const plan = bundledScenario('left-placement-calls').nodes.find((n) => n.id === 's7-plan');
    const lines = plan && 'lines' in plan ? plan.lines ?? [] : [];
    expect(lines.map((l) => l.text)).toEqual(['‘Not for emergencies.’ See, I do listen.']);
  });
});

// Cross-scenario (content4-50): the guide's harm reduction approach is one of "allowing for youth to be the
// curators of their own safety, including how they define safety" (Harm Reduction). Session 49 took "asks"
// out of what feedback says the approach does about unmet needs (guide-words-49.test.ts); before-relapse
// d3-rule still said "harm reduction asks that she define her own safety".
describe('fresh eyes (content4-50): harm reduction lets a youth define safety; it does not ask it of her', () => {
  it('before-relapse d3-rule says harm reduction lets Rina be the curator of her own safety', () => {
    const rule = bundledDecision('before-relapse', 'd3-fridays').replies.find((r) => r.id === 'd3-rule');
    expect(rule?.feedback).not.toMatch(/harm reduction asks/);
    expect(rule?.feedback).toContain('harm reduction lets her be the curator of her own safety, including how she defines it (Harm Reduction)');
  });
});
