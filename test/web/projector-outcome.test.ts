import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { breaksCritical, debriefModel, revealData, revealReplies, validateScenario, verdictLine, type ReplyView, type Scenario } from '../../src/machines/index.js';
import { debriefPlain } from '../../src/terminal/debrief-plain.js';
import { projectedOutcome, projectedReveal } from '../../src/web/projector.js';
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
    expect(debrief.score.percent).toBe(37);
    const { outcome, reason } = projectedOutcome(debrief);
    expect(outcome).toBe('Outcome: Needs review');
    expect(reason).toBe('The score, 37% of the best possible, is under 50%, which needs review; 50% or more, with no critical violation, is Developing.');
    // The terminal's trainer-led session ends on the room's debrief: the same words under the same outcome.
    expect(debriefPlain(debriefModel(scenario, debrief), 400, 'room').split('\n')).toContain(`Outcome: Needs review. ${reason}`);
  });
});

describe('the projector\'s reveal, each principle\'s verdict', () => {
  // The projector spelt its verdict lines by hand ("✓ follows Title (guide: …)"): the core's
  // verdictLine, which the terminal's reveal and the debriefs use, could change and the wall not.
  it('reads as the core\'s verdictLine says it, for every reply at every decision of a scenario (critical ones too)', () => {
    const scenario = bundled('trafficker-contact.json');
    let lines = 0;
    let critical = 0;
    for (const node of scenario.nodes) {
      if (node.kind !== 'decision') continue;
      const replies: ReplyView[] = revealReplies(scenario, node.id).map((f, i) => ({ id: f.replyId, number: i + 1, text: f.replyText, kind: f.replyKind, enabled: true }));
      const { entries, total } = revealData(scenario, { nodeId: node.id, replies }, {});
      const projected = projectedReveal(entries, total, replies);
      expect(projected.map((r) => r.verdicts.map((v) => v.text))).toEqual(entries.map((e) => e.assessments.map((a) => verdictLine({ ...a, critical: breaksCritical(a) }))));
      for (const e of entries) {
        lines += e.assessments.length;
        critical += e.assessments.filter(breaksCritical).length;
      }
    }
    expect(lines).toBeGreaterThan(20);
    expect(critical).toBeGreaterThan(0);
  });
});
