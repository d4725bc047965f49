import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { debriefModel, validateScenario, type Scenario } from '../../src/machines/index.js';
import { debriefPlain } from '../../src/terminal/debrief-plain.js';
import { projectedOutcome } from '../../src/web/projector.js';
import { criticalPath, playReplies } from '../helpers/play.js';

const bundled = (file: string): Scenario => {
  const s = validateScenario(readFileSync(join(import.meta.dirname, '../../scenarios', file), 'utf8'), file).scenario;
  if (!s) throw new Error(`${file} invalid`);
  return s;
};

describe('the projector\'s end screen, critical violations', () => {
  // trafficker-contact along its most critical path breaks "No communication with a trafficker" at
  // six decisions: the projector listed the same line six times, with nothing to tell them apart.
  it('names each principle once, and where it was broken at more than one decision, at which ones (as the laptop\'s debrief groups them)', () => {
    const scenario = bundled('trafficker-contact.json');
    const debrief = playReplies(scenario, criticalPath(scenario));
    if (!debrief) throw new Error('did not end');
    const times = debrief.criticalViolations.filter((c) => c.title === 'No communication with a trafficker').length;
    expect(times).toBeGreaterThan(1);
    // The decisions (numbered from 1, as the projector's "Decision N of about M") whose reply broke it.
    const at = debrief.turns.flatMap((t, i) => (t.turn.assessments.some((a) => a.principle === 'no-trafficker-contact' && a.verdict === 'violates') ? [i + 1] : []));
    expect(at).toHaveLength(times);
    const { critical } = projectedOutcome(debrief);
    expect(critical).toEqual([
      `✗ No communication with a trafficker (guide: "Prohibited Activities"), at decisions ${at.slice(0, -1).join(', ')} and ${at.at(-1)}`,
      '✗ Don\'t investigate (guide: "Prohibited Activities")',
    ]);
  });
});

describe('the projector\'s end screen, why the outcome is what it is', () => {
  // A room whose replies scored under 50% with no critical violation read "Outcome: Needs review"
  // and "Under 50%." on the projector: under 50% of what, and what it takes to do better, went unsaid.
  it('says the score, of what, and where it falls: the same sentence as the terminal\'s trainer-led debrief', () => {
    const scenario = bundled('trafficker-contact.json');
    const debrief = playReplies(scenario, ['d1-text-screenshot', 'd3-morning-downplay', 'd4-visit-grill', 'd5-shut-door-open', 'd6-parking-walk', 'd7-supervisor-fine', 'd8-plan-stay', 'd9-last-delete']);
    if (!debrief) throw new Error('did not end');
    expect(debrief.criticalViolations).toEqual([]);
    expect(debrief.score.percent).toBe(38);
    const { outcome, reason } = projectedOutcome(debrief);
    expect(outcome).toBe('Outcome: Needs review');
    expect(reason).toBe('A score of 38% of the most points this scenario allows is under 50%, which needs review; 50% or more, with no critical violation, is Developing.');
    // The terminal's trainer-led session ends on the room's debrief: the same words under the same outcome.
    expect(debriefPlain(debriefModel(scenario, debrief), 400, 'room').split('\n')).toContain(`Outcome: Needs review. ${reason}`);
  });
});
