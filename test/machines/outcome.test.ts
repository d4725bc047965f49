import { describe, expect, it } from 'vitest';
import { buildDebrief, CRITICAL_CAP, debriefModel, outcomeOf, percentOfBest, type Debrief, type Scenario } from '../../src/machines/index.js';
import { loadValidFixture } from '../helpers/fixtures.js';
import { playReplies } from '../helpers/play.js';

const example = loadValidFixture('good/example.json');

function play(scenario: Scenario, replies: string[]): Debrief {
  const debrief = playReplies(scenario, replies);
  if (!debrief) throw new Error('the playthrough did not end');
  return debrief;
}

/** The example with a prohibited act that also earns many points, so points alone would look strong. */
function criticalButHighScoring(): Scenario {
  const s = structuredClone(example);
  const after = s.nodes.find((n) => n.id === 'after-visit');
  if (after?.kind !== 'decision') throw new Error('fixture changed');
  const search = after.replies.find((r) => r.id === 'after-search');
  if (!search) throw new Error('fixture changed');
  search.assessments = [
    { principle: 'no-investigating', verdict: 'violates', weight: 1 },
    { principle: 'stay-supportive-after-relapse', verdict: 'follows', weight: 3 },
    { principle: 'validate-feelings-of-loss', verdict: 'follows', weight: 3 },
  ];
  return s;
}

describe('the outcome band follows conduct', () => {
  it.each([
    [100, 0, 'strong'], [80, 0, 'strong'], [79, 0, 'developing'], [50, 0, 'developing'], [49, 0, 'needs-review'], [0, 0, 'needs-review'],
    [100, 1, 'needs-review'], [50, 2, 'needs-review'],
  ] as const)('%i%% with %i critical violations is %s', (percent, critical, band) => {
    expect(outcomeOf(percent, critical).band).toBe(band);
  });

  it('a critical violation caps the percentage and gives Needs review, however many points the playthrough earned', () => {
    const s = criticalButHighScoring();
    const d = play(s, ['phone-curious', 'after-search']);
    expect(d.score.earned).toBe(d.score.best);
    expect(d.criticalViolations).toHaveLength(1);
    expect(d.score.percent).toBe(CRITICAL_CAP);
    expect(d.score.capped).toBe(true);
    expect(d.outcome.band).toBe('needs-review');
    expect(debriefModel(s, d).outcome.label).toBe('Needs review');
  });

  it('the best path of the example is Strong and not capped', () => {
    const d = play(example, ['phone-curious', 'after-supervisor']);
    expect(d.outcome).toMatchObject({ band: 'strong', label: 'Strong' });
    expect(d.score).toMatchObject({ percent: 100, capped: false });
  });

  it('a scenario whose best total is not positive scores 0%, never "−6 of −6 (100%)"', () => {
    expect(percentOfBest(-6, -6)).toBe(0);
    expect(percentOfBest(0, 0)).toBe(0);
    expect(percentOfBest(3, 4)).toBe(75);
    expect(percentOfBest(-2, 4)).toBe(0);
  });
});

describe('the path comparison pairs replies by decision', () => {
  it('beside each reply stands the best reply at that same decision, and the best path from the start is a list of its own', () => {
    // phone-accuse leads to the guarded branch; the best path goes through the open one.
    const d = play(example, ['phone-accuse', 'after-wait']);
    const m = debriefModel(example, d);
    expect(d.turns.map((t) => [t.nodeId, t.bestReplyId])).toEqual([['phone', 'phone-curious'], ['after-visit', 'after-supervisor']]);
    expect(m.paths.map((p) => p.where)).toEqual(d.turns.map((t) => example.nodes.find((n) => n.id === t.nodeId)?.title));
    expect(m.paths.every((p) => !p.same)).toBe(true);
    expect(m.bestPath.map((s) => s.reply)).toEqual(["That's a nice one! How did you get it?", 'Call your Advocate Supervisor to talk through what you noticed.']);
  });

  it('a reply that is best practice at its decision is marked the same', () => {
    const m = debriefModel(example, play(example, ['phone-curious', 'after-wait']));
    expect(m.paths.map((p) => p.same)).toEqual([true, false]);
  });

  it('a transcript that stopped early still pairs each decision it met', () => {
    const d = buildDebrief(example, []);
    expect(debriefModel(example, d).paths).toEqual([]);
  });
});
