import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateScenario, type Scenario } from '../../src/machines/index.js';
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
