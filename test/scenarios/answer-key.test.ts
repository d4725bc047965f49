import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { indexScenario } from '../../src/machines/scenario-index.js';
import { AUDIT_THRESHOLDS, answerKeyFigures as auditFigures, wordingMisses } from '../../src/machines/audit/index.js';
import type { Scenario } from '../../src/machines/schema/scenario.js';
import { BUNDLED_DIR, BUNDLED_IDS, bundledScenario } from '../helpers/bundled.js';
import { answerKeyFigures, inconsequentialReplies, lightCriticalViolations, stateSteeredDecisions, WARM } from '../helpers/answer-key.js';

const IDS = BUNDLED_IDS;
const all = () => IDS.map(bundledScenario);

describe('the wording of the bundled scenarios does not give the answer key away', () => {
  const figures = () => answerKeyFigures(all());
  const list = (pick: (d: ReturnType<typeof figures>['perDecision'][number]) => boolean) =>
    figures().perDecision.filter(pick).map((d) => `${d.scenarioId}/${d.decisionId}`).join(', ');

  it('counts every decision of every bundled scenario', () => {
    expect(figures().decisions).toBeGreaterThanOrEqual(103);
  });

  it('the best reply is the longest in at most a third of decisions', () => {
    expect(figures().percent.bestLongest, list((d) => d.bestLongest)).toBeLessThanOrEqual(33);
  });

  it('the best reply is the shortest in at least a fifth of decisions', () => {
    expect(figures().percent.bestShortest, list((d) => d.bestShortest)).toBeGreaterThanOrEqual(20);
  });

  // Keeping the best reply off the longest made it the shortest by habit (youth-discloses: 5 of 8
  // decisions, 38% of all): a volunteer could learn "pick the short one". With three replies a share
  // near a third is chance; so neither extreme may hold at most of a set's, or a scenario's, decisions.
  it('the best reply is the shortest in at most 35% of decisions', () => {
    expect(figures().percent.bestShortest, list((d) => d.bestShortest)).toBeLessThanOrEqual(35);
  });

  it.each(IDS)('%s: the best reply is the shortest in at most 40% of its decisions, and the longest in at most 40%', (id) => {
    const f = answerKeyFigures([bundledScenario(id)]);
    const at = (pick: (d: (typeof f.perDecision)[number]) => boolean) => f.perDecision.filter(pick).map((d) => d.decisionId).join(', ');
    expect(f.percent.bestShortest, `shortest at ${at((d) => d.bestShortest)}`).toBeLessThanOrEqual(40);
    expect(f.percent.bestLongest, `longest at ${at((d) => d.bestLongest)}`).toBeLessThanOrEqual(40);
  });

  // "Pick the one that asks": in youth-relapses the best reply was the only one ending on a
  // question at 4 of 8 decisions, and across the set at 23 of 146 (chance is about one in ten).
  it('the best reply is the only one ending on a question in at most 15% of decisions', () => {
    expect(figures().percent.onlyBestAsks, list((d) => d.onlyBestAsks)).toBeLessThanOrEqual(15);
  });

  it.each(IDS)('%s: the best reply is the only one ending on a question in at most 25% of its decisions', (id) => {
    const f = answerKeyFigures([bundledScenario(id)]);
    expect(f.percent.onlyBestAsks, f.perDecision.filter((d) => d.onlyBestAsks).map((d) => d.decisionId).join(', ')).toBeLessThanOrEqual(25);
  });

  // A trainer who audits one bundled file (`audit scenarios/<id>.json`, say to copy it as a model)
  // has it held to the set's shares once it has 10 decisions or more: a bundled file must pass
  // there too (trafficker-contact failed alone at 20% "only one asking", within its 25% above).
  it.each(IDS)('%s: audited alone, passes the wording shares the audit holds a file of 10 decisions or more to', (id) => {
    const f = auditFigures([bundledScenario(id)]);
    expect(f.decisions < AUDIT_THRESHOLDS.minDecisions ? [] : wordingMisses(f)).toEqual([]);
  });

  it('the best reply comes first in between a quarter and 45% of decisions', () => {
    expect(figures().percent.bestFirst).toBeGreaterThanOrEqual(25);
    expect(figures().percent.bestFirst).toBeLessThanOrEqual(45);
  });

  it('at least half the decisions have a near miss (a distractor scoring zero or more, or following one principle while breaking another)', () => {
    expect(figures().percent.nearMiss, list((d) => !d.nearMiss)).toBeGreaterThanOrEqual(50);
  });

  it('warm words are not a tell: wrong replies use them too, and the best reply is rarely both the longest and the only warm one', () => {
    expect(figures().warmWrongReplies).toBeGreaterThanOrEqual(10);
    expect(figures().warmOnlyBestAndLongest, list((d) => d.warmOnlyBest)).toBeLessThanOrEqual(3);
  });

  it('the measure itself tells best from longest, shortest and first (a tiny decision)', () => {
    const f = answerKeyFigures([{
      id: 'x', version: 1, title: 'x', summary: 'x', contentNote: 'x', estimatedMinutes: 1, learningGoals: ['self-care'],
      characters: [{ id: 'a', name: 'A', role: 'youth' }], start: 'd',
      nodes: [
        { id: 'd', kind: 'decision', replies: [
          { id: 'r1', text: 'a long and wrong reply, kindly meant', assessments: [{ principle: 'self-care', verdict: 'violates' }], feedback: 'x', next: 'e' },
          { id: 'r2', text: 'short best', assessments: [{ principle: 'self-care', verdict: 'follows', weight: 2 }], feedback: 'x', next: 'e' },
          { id: 'r3', text: 'a mixed one here', assessments: [{ principle: 'self-care', verdict: 'follows' }, { principle: 'no-investigating', verdict: 'violates', weight: 3 }], feedback: 'x', next: 'e' },
        ] },
        { id: 'e', kind: 'ending', ending: 'strong', title: 'e', narration: 'e' },
      ],
    } as Scenario]);
    expect(f.perDecision[0]).toMatchObject({ bestIds: ['r2'], bestFirst: false, bestLongest: false, bestShortest: true, nearMiss: true });
  });
});

/** The assessment a named reply gets for a principle. */
function assessment(scenarioId: string, replyId: string, principleId: string) {
  const s = bundledScenario(scenarioId);
  const reply = s && indexScenario(s).replies.get(replyId)?.reply;
  if (!reply) throw new Error(`${scenarioId} has no reply ${replyId}`);
  return reply.assessments.find((a) => a.principle === principleId);
}

describe('critical flags follow the guide (Prohibited Activities)', () => {
  it.each([['youth-relapses', 'd4-call-me'], ['left-placement-calls', 'd2-drive-back']])(
    'promising to come and get her, or driving her back yourself (%s %s), is picking up: weight 3', (scenarioId, replyId) => {
      expect(assessment(scenarioId, replyId, 'no-picking-up')).toMatchObject({ verdict: 'violates', weight: 3 });
    });

  it.each([['trafficker-contact', 'd3-morning-ask-imani'], ['trafficker-contact', 'd4-visit-grill']])(
    'asking the youth herself (%s %s) is not investigating (Red Flags allows asking; interrogating is its own fault)', (scenarioId, replyId) => {
      expect(assessment(scenarioId, replyId, 'no-investigating')).toBeUndefined();
    });

  it('grilling Imani with questions is scored as interrogating', () => {
    expect(assessment('trafficker-contact', 'd4-visit-grill', 'curious-not-interrogating')?.verdict).toBe('violates');
  });

  it.each([['court-report', 'd-check-status-staff'], ['trafficker-contact', 'd5-shut-check-phone'], ['court-report', 'd-check-status-search']])(
    'quizzing others about the allegation or searching for evidence (%s %s) is investigating: weight 3', (scenarioId, replyId) => {
      expect(assessment(scenarioId, replyId, 'no-investigating')).toMatchObject({ verdict: 'violates', weight: 3 });
    });

  it.each(IDS)('%s weighs every violation of a critical principle at 3', (id) => {
    expect(lightCriticalViolations(bundledScenario(id))).toEqual([]);
  });
});

describe('every poor reply has a consequence', () => {
  it.each(IDS)('%s: no negative reply both changes no variable and routes exactly like the best reply', (id) => {
    expect(inconsequentialReplies(bundledScenario(id))).toEqual([]);
  });

  it.each(IDS)('%s: the story\'s state changes which decision (or ending) comes next in at least two places', (id) => {
    expect(stateSteeredDecisions(bundledScenario(id)).length).toBeGreaterThanOrEqual(2);
  });
});

describe('wording that overstated the guide, and the strawmen, are gone', () => {
  const text = (id: string) => readFileSync(`${BUNDLED_DIR}${id}.json`, 'utf8');

  it('trafficker-contact no longer says the guide\'s rule covers any communication at all or has no exceptions', () => {
    expect(text('trafficker-contact')).not.toMatch(/covers any communication at all|have no exceptions|no exceptions/);
  });

  it('trafficker-contact: every reply scored as communication with the trafficker says in its feedback that the guide\'s rule is about him', () => {
    // The guide: "CASAs should not initiate or have any communication with a youth's trafficker." Tasha and
    // the man in the parking lot act for him; feedback may apply the rule to them, but must say whom it is about.
    const s = bundledScenario('trafficker-contact');
    const silent: string[] = [];
    for (const n of s.nodes) if (n.kind === 'decision') for (const r of n.replies) {
      const scored = r.assessments.some((a) => a.principle === 'no-trafficker-contact' && a.verdict === 'violates');
      if (scored && !/trafficker|person exploiting/.test(r.feedback)) silent.push(r.id);
    }
    expect(silent).toEqual([]);
  });

  it('court-report no longer says the mandated-reporter duty is handled through the Advocate Supervisor', () => {
    expect(text('court-report')).not.toMatch(/duty[^"]*is handled through the Advocate Supervisor/);
  });

  it('no strawman labels, and no distractor whose stated reason gives the answer away', () => {
    const everything = IDS.map(text).join('\n');
    expect(everything).not.toMatch(/is a CSEC and was prostituted|officially a CSEC|can't ignore you|look him up online tonight/i);
  });

  it('the warm-words pattern recognises the warm phrases the issue names', () => {
    expect(WARM.test("I hear you, but")).toBe(true);
    expect(WARM.test("I'm glad you're safe")).toBe(true);
  });
});
