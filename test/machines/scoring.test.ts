import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { replyValue } from '../../src/machines/scenario-index.js';
import { analyseBest, bestPracticeAt, buildDebrief, offeredAtTurns, type Debrief } from '../../src/machines/scoring.js';
import type { Scenario, ScenarioNode } from '../../src/machines/schema/scenario.js';
import { validateScenario } from '../../src/machines/validate/index.js';
import { loadValidFixture } from '../helpers/fixtures.js';
import { playReplies } from '../helpers/play.js';

const example = loadValidFixture('good/example.json');

function play(scenario: Scenario, replies: string[]): Debrief {
  const debrief = playReplies(scenario, replies);
  expect(debrief).toBeDefined();
  return debrief as Debrief;
}

describe('scoring and debrief', () => {
  it('the best-practice path scores 100% and reaches the strong ending', () => {
    const best = analyseBest(example);
    expect(best.path.map((s) => s.replyId)).toEqual(['phone-curious', 'after-supervisor']);
    const debrief = play(example, best.path.map((s) => s.replyId));
    expect(debrief.score.percent).toBe(100);
    expect(debrief.ending?.kind).toBe('strong');
    expect(debrief.bestPath).toEqual(best.path);
  });

  it('the score is the percentage of the best achievable, never below 0', () => {
    // phone-ignore (+1) then after-wait (-1): 0 of 4.
    expect(play(example, ['phone-ignore', 'after-wait']).score).toEqual({ earned: 0, best: 4, percent: 0, capped: false });
    // phone-ignore (+1) then after-supervisor (+2): 3 of 4 = 75%.
    expect(play(example, ['phone-ignore', 'after-supervisor']).score).toEqual({ earned: 3, best: 4, percent: 75, capped: false });
    expect(play(example, ['phone-accuse', 'after-search']).score.percent).toBe(0);
  });

  it('lists critical violations first, then other violations, misses and strengths', () => {
    const d = play(example, ['phone-accuse', 'after-search']);
    expect(d.criticalViolations).toEqual([expect.objectContaining({ principleId: 'no-investigating', section: 'Prohibited Activities', replyId: 'after-search' })]);
    expect(d.principles[0]).toMatchObject({ principleId: 'no-investigating', status: 'violated', severity: 'critical' });
    const statuses = d.principles.map((p) => p.status);
    expect(statuses).toEqual([...statuses].sort((a, b) => ['violated', 'missed', 'followed'].indexOf(a) - ['violated', 'missed', 'followed'].indexOf(b)));
    expect(d.growthAreas[0]).toMatch(/^Critical: /);
  });

  // Titles were compared in the machine's default language, which Node takes from LANG and a
  // browser from its settings: in Hungarian "cs" is a letter after "c", and "CSEC status only if
  // confirmed" came after "Curious, not interrogating" (as with LANG=hu_HU.UTF-8).
  it('principles of the same standing are in English alphabetical order of title, whatever language the machine is set to', () => {
    const scenario = structuredClone(example);
    for (const node of scenario.nodes) {
      if (node.kind !== 'decision') continue;
      for (const r of node.replies) if (r.id === 'phone-curious') r.assessments.push({ principle: 'report-csec-status-confirmed-only', verdict: 'follows' } as (typeof r.assessments)[number]);
    }
    // A machine set to Hungarian: comparisons that name no language are Hungarian ones.
    const hungarian = vi.spyOn(String.prototype, 'localeCompare').mockImplementation(function (this: string, that: string, locales?: Intl.LocalesArgument, options?: Intl.CollatorOptions) {
      return new Intl.Collator(locales ?? 'hu', options).compare(this, that);
    });
    let titles: string[];
    try {
      titles = play(scenario, ['phone-curious', 'after-supervisor']).principles.filter((p) => p.status === 'followed' && p.severity === 'core').map((p) => p.title);
    } finally {
      hungarian.mockRestore();
    }
    expect(titles.filter((t) => /^(CSEC status|Curious)/.test(t))).toEqual(['CSEC status only if confirmed', 'Curious, not interrogating']);
  });

  it('a principle another reply followed is a missed chance', () => {
    const d = play(example, ['phone-ignore', 'after-wait']);
    const missed = d.principles.find((p) => p.principleId === 'curious-not-interrogating');
    expect(missed).toMatchObject({ status: 'missed', missed: 1, section: 'Red Flags' });
    expect(missed?.notes[0]).toMatchObject({ verdict: 'missed', replyId: 'phone-curious' });
    expect(d.strengths).toEqual([expect.stringContaining('Don\'t jump to conclusions')]);
  });

  /** The example with "curious-not-interrogating" also followed by `replyId` (at "after-visit"). */
  const curiousAlsoAt = (replyId: string): Scenario => {
    const scenario = structuredClone(example);
    for (const node of scenario.nodes) {
      if (node.kind !== 'decision') continue;
      for (const r of node.replies) if (r.id === replyId) r.assessments.push({ principle: 'curious-not-interrogating', verdict: 'follows' } as (typeof r.assessments)[number]);
    }
    return scenario as Scenario;
  };

  it('a principle followed at one decision and missed at another is a growth area, with how often, and not a strength as well', () => {
    // Missed at "phone" (phone-ignore; phone-curious follows it), followed at "after-visit".
    const d = play(curiousAlsoAt('after-supervisor'), ['phone-ignore', 'after-supervisor']);
    const p = d.principles.find((x) => x.principleId === 'curious-not-interrogating');
    expect(d.strengths.join(' ')).not.toContain('Curious, not interrogating');
    expect(d.growthAreas).toContain(`You kept to "Curious, not interrogating" at only 1 of 2 chances (guide: "Red Flags"). ${p?.rule}`);
    // After what was gone against and missed throughout.
    expect(d.growthAreas.at(-1)).toMatch(/^You kept to "Curious, not interrogating" at only 1 of 2/);
    // The status, counts and score are as before: followed once, missed once.
    expect(p).toMatchObject({ status: 'followed', followed: 1, missed: 1, missedBelowBest: 1 });
    expect(d.score).toEqual({ earned: 4, best: 5, percent: 80, capped: false });
  });

  it('a chance "missed" beside a best-practice reply is not one: a perfect playthrough is told only that it kept to the principle', () => {
    // A weaker reply at "after-visit" (after-wait) follows it too; the best path takes after-supervisor there.
    const scenario = curiousAlsoAt('after-wait');
    const d = play(scenario, analyseBest(scenario).path.map((s) => s.replyId));
    expect(d.score.percent).toBe(100);
    expect(d.strengths).toContain('You kept to "Curious, not interrogating" (guide: "Red Flags").');
    expect(d.growthAreas).toEqual([]);
    expect(d.principles.find((x) => x.principleId === 'curious-not-interrogating')).toMatchObject({ status: 'followed', followed: 1, missed: 1, missedBelowBest: 0 });
  });

  it('quotes a principle whose title has quotation marks of its own once, its own marks made single', () => {
    // A reply that follows "no-awol-label", whose title quotes the words to say and not to say.
    const scenario = structuredClone(example);
    for (const node of scenario.nodes) {
      if (node.kind !== 'decision') continue;
      for (const r of node.replies) if (r.id === 'phone-ignore') r.assessments.push({ principle: 'no-awol-label', verdict: 'follows' } as (typeof r.assessments)[number]);
    }
    const strengths = play(scenario as Scenario, ['phone-ignore', 'after-wait']).strengths;
    expect(strengths).toContain('You kept to "Saying \'left placement without permission\', not \'AWOL\'" (guide: "Using Appropriate Language").');
    const missed = play(scenario as Scenario, ['phone-curious', 'after-wait']).growthAreas;
    expect(missed.find((g) => g.includes('AWOL'))).toMatch(/^You missed a chance for "Saying 'left placement without permission', not 'AWOL'" \(guide: "Using Appropriate Language"\)\. /);
  });

  it('a principle never followed and missed at more than one decision says how many chances were missed', () => {
    // "no-awol-label" followed by a reply not taken at each of the two decisions: two chances missed.
    const scenario = structuredClone(example);
    for (const node of scenario.nodes) {
      if (node.kind !== 'decision') continue;
      for (const r of node.replies) if (r.id === 'phone-ignore' || r.id === 'after-wait') r.assessments.push({ principle: 'no-awol-label', verdict: 'follows' } as (typeof r.assessments)[number]);
    }
    const twice = play(scenario as Scenario, ['phone-curious', 'after-supervisor']);
    expect(twice.principles.find((p) => p.principleId === 'no-awol-label')).toMatchObject({ status: 'missed', missed: 2 });
    expect(twice.growthAreas.find((g) => g.includes('AWOL'))).toMatch(/^You missed 2 chances for "Saying 'left placement without permission', not 'AWOL'" \(guide: "Using Appropriate Language"\)\. /);
  });

  it('each turn carries its value and the best value available at that decision', () => {
    const d = play(example, ['phone-ignore', 'after-supervisor']);
    expect(d.turns.map((t) => [t.replyId, t.value, t.bestValue])).toEqual([['phone-ignore', 1, 2], ['after-supervisor', 2, 2]]);
  });

  it('a transcript without an ending still gets a debrief (stopped early)', () => {
    const d = buildDebrief(example, []);
    expect(d.ending).toBeUndefined();
    expect(d.score).toEqual({ earned: 0, best: 4, percent: 0, capped: false });
  });
});

/** A random acyclic scenario: node i only leads to nodes after it; the last nodes are endings. */
const randomScenario = fc.integer({ min: 3, max: 9 }).chain((size) =>
  fc.tuple(
    fc.array(fc.array(fc.record({ target: fc.nat(), weight: fc.integer({ min: -3, max: 3 }), secondRoute: fc.option(fc.nat(), { nil: undefined }) }), { minLength: 2, maxLength: 3 }), { minLength: size, maxLength: size }),
    fc.integer({ min: 1, max: 3 }),
  ).map(([decisions, endings]) => buildRandom(decisions, endings)));

function buildRandom(decisions: { target: number; weight: number; secondRoute?: number }[][], endingCount: number): Scenario {
  const n = decisions.length;
  const ids = [...decisions.map((_, i) => `d${i}`), ...Array.from({ length: endingCount }, (_, i) => `e${i}`)];
  const later = (i: number, pick: number) => ids[i + 1 + (pick % (ids.length - i - 1))] as string;
  const nodes: ScenarioNode[] = decisions.map((replies, i) => ({
    id: `d${i}`, kind: 'decision' as const, facilitatorNote: 'n', discussionPrompt: 'p',
    replies: replies.map((r, j) => ({
      id: `d${i}-r${j}`, text: 't', feedback: 'f',
      assessments: r.weight === 0 ? [] : [{ principle: 'self-care', verdict: r.weight > 0 ? 'follows' as const : 'violates' as const, weight: Math.abs(r.weight) }],
      effects: [{ var: 'v', add: 1 }],
      next: r.secondRoute === undefined ? later(i, r.target) : [{ when: { var: 'v', gte: 100 }, to: later(i, r.secondRoute) }, { to: later(i, r.target) }],
    })),
  }));
  for (let i = 0; i < endingCount; i++) nodes.push({ id: `e${i}`, kind: 'ending', ending: 'strong', title: 't', narration: 'n' });
  void n;
  return {
    id: 'random', version: 1, title: 't', summary: 's', contentNote: 'c', estimatedMinutes: 1, learningGoals: ['self-care'],
    characters: [{ id: 'y', name: 'Y', role: 'youth' }], variables: [{ id: 'v', label: 'v', min: 0, max: 100, start: 0 }], start: 'd0', nodes,
  } as Scenario;
}

/** Every path's total, by brute force: the reference the linear analysis must match. */
function bruteForceBest(s: Scenario): number {
  const byId = new Map(s.nodes.map((n) => [n.id, n]));
  const visit = (id: string): number => {
    const node = byId.get(id) as ScenarioNode;
    if (node.kind === 'ending') return 0;
    if (node.kind === 'scene') return -Infinity;
    let best = -Infinity;
    for (const r of node.replies) {
      const targets = typeof r.next === 'string' ? [r.next] : r.next.map((x) => x.to);
      for (const t of targets) best = Math.max(best, replyValue(r) + visit(t));
    }
    return best;
  };
  return visit(s.start);
}

describe('the best achievable score from graph analysis', () => {
  it('equals the brute-force maximum over every path on random acyclic scenarios', () => {
    fc.assert(fc.property(randomScenario, (s) => {
      expect(analyseBest(s).best).toBe(bruteForceBest(s));
    }), { numRuns: 300, seed: 7 });
  });

  it('the best-practice path, played through the machine, earns exactly the best (routes here never block it)', () => {
    fc.assert(fc.property(randomScenario, (s) => {
      const best = analyseBest(s);
      if (best.blockedAt) return; // conditions block the ideal route: the validator warns about these
      const d = play(s, best.path.map((p) => p.replyId));
      expect(d.score.earned).toBe(best.best);
      // 100%, unless a critical violation on the way caps it, or nothing positive can be earned.
      expect(d.score.percent).toBe(best.best <= 0 ? 0 : d.criticalViolations.length > 0 ? 50 : 100);
    }), { numRuns: 200, seed: 11 });
  });

  it('plays the best-practice path with the values clamped to their range, as the machine does', () => {
    // trust starts at 95; the best reply adds 10, which stops at 100, so the scene's route on
    // "trust eq 100" is taken. Unclamped (105) it would not be, and the path would be blocked.
    const reply = (id: string, verdict: 'follows' | 'violates', next: string, add?: number) => ({
      id, text: id, feedback: `${id} (Red Flags)`, next, assessments: [{ principle: 'non-judgmental', verdict }], ...(add === undefined ? {} : { effects: [{ var: 'trust', add }] }),
    });
    const s = {
      id: 'clamp', version: 1, title: 'Clamp', summary: 'x', contentNote: 'x', estimatedMinutes: 5, learningGoals: ['non-judgmental'],
      characters: [{ id: 'maya', name: 'Maya', role: 'youth' }], variables: [{ id: 'trust', label: 'Trust', min: 0, max: 100, start: 95 }], start: 'd1',
      nodes: [
        { id: 'd1', kind: 'decision', title: 'D1', narration: 'x', replies: [reply('d1-good', 'follows', 's1', 10), reply('d1-poor', 'violates', 's1')] },
        { id: 's1', kind: 'scene', narration: 'x', next: [{ when: { var: 'trust', eq: 100 }, to: 'd2' }, { to: 'end-mixed' }] },
        { id: 'd2', kind: 'decision', title: 'D2', narration: 'x', replies: [reply('d2-good', 'follows', 'end-strong'), reply('d2-poor', 'violates', 'end-mixed')] },
        { id: 'end-strong', kind: 'ending', ending: 'strong', title: 'S', narration: 'x' },
        { id: 'end-mixed', kind: 'ending', ending: 'mixed', title: 'M', narration: 'x' },
      ],
    } as unknown as Scenario;
    const best = analyseBest(s);
    expect(best.path.map((p) => p.replyId)).toEqual(['d1-good', 'd2-good']);
    expect([best.pathScore, best.best, best.blockedAt, best.endingId]).toEqual([2, 2, undefined, 'end-strong']);
    expect(play(s, ['d1-good', 'd2-good']).score.earned).toBe(2);
  });

  it('the validator warns exactly when conditions block the best-practice path', () => {
    fc.assert(fc.property(randomScenario, (s) => {
      const r = validateScenario(JSON.stringify(s), 'random.json');
      expect(r.problems.some((p) => p.code === 'best-path-blocked')).toBe(analyseBest(s).pathScore < analyseBest(s).best);
    }), { numRuns: 200, seed: 13 });
  });
});

// "Best practice here" and "best here +N" looked at every reply of a decision, a greyed-out one
// ("not available now": its "when" did not hold) included: court-report told a volunteer who had
// not confirmed the youth's status that best practice at "Hearing support" was a reply they were
// never offered. The fixture's "after-supervisor-boyfriend" (+2) opens only at trust 60 or more.
describe('best practice is chosen among the replies offered at that moment', () => {
  const gated = loadValidFixture('good/gated-best.json');

  it('the best-practice path from the start takes the gated reply, which its own values open', () => {
    expect(analyseBest(gated).path.map((s) => s.replyId)).toEqual(['phone-curious', 'after-supervisor-boyfriend']);
  });

  it('a volunteer who reached the decision with the reply greyed out is shown the best reply they had', () => {
    const d = play(gated, ['phone-ignore', 'after-supervisor']);
    expect(d.turns.map((t) => [t.nodeId, t.replyId, t.bestReplyId, t.bestReplyValue, t.bestValue, t.sameAsBest])).toEqual([
      ['phone', 'phone-ignore', 'phone-curious', 2, 2, false],
      ['after-visit', 'after-supervisor', 'after-supervisor', 1, 1, true],
    ]);
  });

  it('a volunteer who was offered it is shown it, and the open reply is not as good', () => {
    const d = play(gated, ['phone-curious', 'after-supervisor']);
    expect(d.turns.map((t) => [t.bestReplyId, t.bestReplyValue, t.bestValue, t.sameAsBest])).toEqual([
      ['phone-curious', 2, 2, true],
      ['after-supervisor-boyfriend', 2, 2, false],
    ]);
  });

  // A principle only a greyed-out reply follows was "You missed a chance for" it: a chance the
  // volunteer never had. Missed chances are counted among the replies offered, as best practice is.
  it('a principle only the greyed-out reply follows is not a chance missed; offered, it is', () => {
    const copy = structuredClone(gated);
    const gatedReply = copy.nodes.flatMap((n) => (n.kind === 'decision' ? n.replies : [])).find((r) => r.id === 'after-supervisor-boyfriend');
    gatedReply?.assessments.push({ principle: 'csw-partnership', verdict: 'follows' });
    const greyed = play(copy, ['phone-ignore', 'after-supervisor']);
    expect(greyed.principles.find((p) => p.principleId === 'csw-partnership')).toBeUndefined();
    expect(greyed.growthAreas.join(' ')).not.toContain('Work with the CSW');
    const offered = play(copy, ['phone-curious', 'after-supervisor']);
    expect(offered.principles.find((p) => p.principleId === 'csw-partnership')).toMatchObject({ status: 'missed', missed: 1 });
  });

  // Each decision's reply ids and conditional replies are kept per scenario (by its replies array)
  // rather than worked out again by every debrief: a copy of the scenario with the same ids, whose
  // gated reply has lost its "when", is told what its own replies offer, whichever came first.
  it('debriefs of a scenario and of a copy with the same ids but the gate removed, one after the other, each weigh their own replies', () => {
    const open = structuredClone(gated);
    const gatedReply = open.nodes.flatMap((n) => (n.kind === 'decision' ? n.replies : [])).find((r) => r.id === 'after-supervisor-boyfriend');
    if (!gatedReply) throw new Error('no gated reply');
    delete gatedReply.when;
    const bestAt = (s: typeof gated) => play(s, ['phone-ignore', 'after-supervisor']).turns[1]?.bestReplyId;
    // The copy first, then the gated original, and again the other way round.
    expect(bestAt(open)).toBe('after-supervisor-boyfriend');
    expect(bestAt(gated)).toBe('after-supervisor');
    const gatedAgain = structuredClone(gated);
    expect(bestAt(gatedAgain)).toBe('after-supervisor');
    expect(bestAt(structuredClone(open))).toBe('after-supervisor-boyfriend');
  });

  it('offeredAtTurns works out what the session offered, from the transcript alone', () => {
    const d = play(gated, ['phone-ignore', 'after-wait']);
    const tests = offeredAtTurns(gated, d.turns.map((t) => t.turn));
    const at = (nodeId: string) => gated.nodes.find((n) => n.id === nodeId);
    const offered = d.turns.map((t, i) => {
      const node = at(t.nodeId);
      return node?.kind === 'decision' ? node.replies.filter(tests[i]!).map((r) => r.id) : [];
    });
    expect(offered).toEqual([['phone-curious', 'phone-accuse', 'phone-ignore'], ['after-supervisor', 'after-search', 'after-wait']]);
  });

  it('offeredAtTurns: each turn\'s test holds the values of that turn, not later ones, and no other decision\'s reply', () => {
    const d = play(gated, ['phone-ignore', 'after-wait']);
    const turns = d.turns.map((t) => t.turn);
    const tests = offeredAtTurns(gated, turns);
    const second = gated.nodes.find((n) => n.id === turns[1]!.nodeId);
    const first = gated.nodes.find((n) => n.id === turns[0]!.nodeId);
    if (second?.kind !== 'decision' || first?.kind !== 'decision') throw new Error('expected two decisions');
    // Asked after the whole transcript was worked through: still the first turn's answer.
    expect(first.replies.filter(tests[0]!).map((r) => r.id)).toEqual(['phone-curious', 'phone-accuse', 'phone-ignore']);
    expect(second.replies.some(tests[0]!)).toBe(false);
  });

  it('bestPracticeAt: the path\'s reply when offered, else the offered reply worth the most, every reply tied with it counting', () => {
    expect(bestPracticeAt(gated, 'after-visit')).toEqual({ replyId: 'after-supervisor-boyfriend', value: 2, replyIds: ['after-supervisor-boyfriend'] });
    expect(bestPracticeAt(gated, 'after-visit', (r) => r.id !== 'after-supervisor-boyfriend')).toEqual({ replyId: 'after-supervisor', value: 1, replyIds: ['after-supervisor'] });
    expect(bestPracticeAt(gated, 'after-visit', () => false)).toBeUndefined();
    expect(bestPracticeAt(gated, 'boyfriend-open')).toBeUndefined();
  });
});
