import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getPrinciple } from '../../src/machines/guide.js';

// Session safety-53: the guide asks for the safety reassurance in one situation. Its words, in Likelihood of
// Relapse: "Should a youth return to their trafficker, ... It will be essential for you to remain a source of
// support and acceptance and reassure the youth that your main priority is their safety regardless of their
// choices." The debrief quotes a principle's rule; safety-is-priority's dropped the condition its neighbours
// (relapse-not-personal, remain-accepting) keep, so every debrief told volunteers the guide asks it always.

const guide = readFileSync(new URL('../../scenarios/guide/csec-in-service-guide.txt', import.meta.url), 'utf8').replace(/\s+/g, ' ');
const CONDITION = /^If the youth (returns|goes back) to the person exploiting them, /;

describe('safety-53: safety-is-priority keeps the guide\'s condition, as its neighbours do', () => {
  it('the guide gives the reassurance for a youth who returns to their trafficker', () => {
    expect(guide).toContain(
      'Should a youth return to their trafficker, it is important to keep in mind that a relapse is not a reflection of your efforts as a CASA. It will be essential for you to remain a source of support and acceptance and reassure the youth that your main priority is their safety regardless of their choices.',
    );
  });

  it.each(['relapse-not-personal', 'remain-accepting', 'safety-is-priority'])('%s says when: if the youth goes back to the person exploiting them', (id) => {
    const p = getPrinciple(id);
    expect(p?.section).toBe('relapse');
    expect(p?.rule ?? '').toMatch(CONDITION);
  });

  it('safety-is-priority\'s rule, in the project\'s words', () => {
    expect(getPrinciple('safety-is-priority')?.rule).toBe(
      'If the youth goes back to the person exploiting them, reassure them that your main priority is their safety regardless of the choices they make.',
    );
  });
});
