import { describe, expect, it } from 'vitest';
import { pinsFor } from '../helpers/pins.js';

// Session content-49: fresh eyes on before-relapse and saturday-shoots, against the guide and the story.

describe('saturday-shoots: the story holds together', () => {
  const { bestWith } = pinsFor('saturday-shoots');

  // d6-phone ("Take her phone for the weekend") sets `phone`, and s6-phone says Tigist took it on Thursday
  // night. After the promise to come and get her (d4-rescue), the harmful ending had Meron text you at 12:40
  // on Sunday morning as if from her own phone, which her aunt was keeping all weekend.
  it('after the promise to come and get her and the phone taken for the weekend, her late text comes from a number you don\'t know', () => {
    const debrief = bestWith({ 'd4-honest': 'd4-rescue', 'd6-kid': 'd6-phone' });
    expect(debrief?.ending).toMatchObject({ id: 'end-harmful', kind: 'harmful' });
    const told = debrief?.ending?.narration ?? '';
    expect(told).toContain("Tigist keeps Meron's phone all weekend");
    expect(told).toContain("a text comes from a number you don't know");
    expect(told).not.toMatch(/Meron texts you/);
    expect(told).toContain('You promised.');
  });

  it('with her phone left to her, the same promise still ends on her own text', () => {
    const told = bestWith({ 'd4-honest': 'd4-rescue' })?.ending?.narration ?? '';
    expect(told).toMatch(/^At 12:40 on Sunday morning Meron texts you/);
  });
});
