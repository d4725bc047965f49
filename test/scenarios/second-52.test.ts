import { describe, expect, it } from 'vitest';
import { bundledScenario } from '../helpers/bundled.js';
import { endedOn, toldBetween } from '../helpers/story.js';
import { walkPlaythroughs } from '../helpers/walk.js';
import { whenHolds } from '../../src/machines/conditions.js';

// Session second-52: a second reader on the story changes made earlier this session. Each case plays or walks
// the paths that showed the fault, and was seen failing on the file as it stood before the fix.

const ID = 'whereabouts-unknown';
const BEST = ['d1-open', 'd2-learn', 'd3-checkin', 'd4-honest', 'd5-not-mad', 'd6-both', 'd6-tell', 'd7-csw', 'd8-plan'];
const swap = (pairs: Record<string, string>) => BEST.map((r) => pairs[r] ?? r);
// Sentences, not split after a title ("Mr. Nasser").
const sentences = (text: string) => text.split(/(?<=[.!?])(?<!\b(?:Mr|Ms|Mrs)\.)\s+/);

describe('second-52: whereabouts-unknown endings', () => {
  // end-mixed after the rideshare and d8-love said "... hours after she got in. Nobody has talked with her about what
  // she would do the next time things feel unsafe, and she has not brought it up. Priya asks you to talk it through
  // with him.": "it" read as the plan nobody had made, and "him" was two sentences from Mr. Nasser.
  it('every end-mixed text that asks you to "talk it through with him" names Mr. Nasser in that sentence or the one before', () => {
    const mixed = bundledScenario(ID).nodes.find((n) => n.id === 'end-mixed');
    if (mixed?.kind !== 'ending') throw new Error('no end-mixed');
    const loose: string[] = [];
    for (const narration of [mixed.narration, ...(mixed.variants ?? []).map((v) => v.narration)]) {
      const s = sentences(narration);
      s.forEach((line, i) => {
        if (/talk (it|them) through with him/.test(line) && !/Mr\. Nasser/.test(line) && !/Mr\. Nasser/.test(s[i - 1] ?? '')) loose.push(narration);
      });
    }
    expect(loose).toEqual([]);
  });

  it('after the rideshare and d8-love, Priya asks you to talk the ride through with Mr. Nasser right after the ride is told', () => {
    const d = endedOn(ID, swap({ 'd7-csw': 'd7-rideshare', 'd8-plan': 'd8-love' }));
    expect(d.ending?.id).toBe('end-mixed');
    expect(d.ending?.narration).toMatch(/hours after she got in\. Priya asks you to talk it through with him\. Nobody has talked with her/);
  });

  // end-strong told "While she was away you pulled back from reaching her, and she wrote to you anyway" after
  // d4-step-back; the only playthrough that shows it texted her at d1 (d1-open) and only told Priya it wanted to step
  // back, which Priya now answers (s4-step-back). Nothing shows the volunteer pulling back.
  it('end-strong says you pulled back from reaching her only where you stopped texting her, and tells the talk of stepping back where it happened', () => {
    const wrong: string[] = [];
    let stepBack = 0;
    walkPlaythroughs(bundledScenario(ID), ({ ending, vars, conduct, path }) => {
      if (ending.id !== 'end-strong') return;
      const narration = ending.variants?.find((v) => whenHolds(v.when, vars, conduct))?.narration ?? ending.narration;
      if (/pulled back from reaching her/.test(narration) && !path.includes('d1-stop')) wrong.push(`pulled back: ${path.join(' ')}`);
      if (/step back from her case/.test(narration) !== path.includes('d4-step-back')) wrong.push(`step back: ${path.join(' ')}`);
      if (path.includes('d4-step-back')) stepBack++;
    });
    expect(stepBack).toBeGreaterThan(0);
    expect(wrong).toEqual([]);
  });
});

describe('second-52: Priya answers "let\'s focus on Dez" at d4-priya', () => {
  // d4-running ("Rough ... I've been sleeping badly. But I've started running again ... Let's focus on Dez.") went
  // straight to 1:40 a.m., as if Priya had not heard it; d4-step-back and d4-fine each get her answer (story-52a).
  it('after d4-running, Priya answers the running and the sleeping badly before the 1:40 a.m. text, and the path still ends strong', () => {
    const path = swap({ 'd4-honest': 'd4-running' });
    const told = toldBetween(ID, path, 'd4-priya', 's4-1am');
    expect(told).toMatch(/I'm glad you're running again/);
    expect(told).toMatch(/Sleeping badly for days is a lot/);
    expect(told).toMatch(/come back to you before we hang up/);
    expect(endedOn(ID, path).ending?.id).toBe('end-strong');
  });
});
