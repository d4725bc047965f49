import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { principles, sections } from '../../src/machines/guide.js';
import { indexScenario, replyValue } from '../../src/machines/scenario-index.js';
import type { Scenario } from '../../src/machines/schema/scenario.js';
import { buildDebrief, analyseBest } from '../../src/machines/scoring.js';
import { validateScenario } from '../../src/machines/validate/index.js';
import type { Turn } from '../../src/machines/types.js';
import { bundledScenario } from '../helpers/bundled.js';
import { minDecisionsOnAnyPath, walkGreedy } from '../helpers/scenario-stats.js';
import { branchingDecisions, routesOnTrust } from '../../src/machines/audit/house-rules.js';

const dir = fileURLToPath(new URL('../../scenarios/', import.meta.url));
const EXPECTED = ['court-report', 'left-placement-calls', 'red-flags', 'trafficker-contact', 'youth-discloses', 'youth-relapses', 'whereabouts-unknown', 'dual-involvement', 'before-relapse', 'boy-red-flags'];
const files = readdirSync(dir).filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json')).sort();
const scenarios = new Map<string, Scenario>();
// Validated once per test worker (test/helpers/bundled.ts), not again in each file that reads them; a
// file that does not validate is left out, and the tests below name it and its problems.
for (const f of files) {
  let s: Scenario | undefined;
  try {
    s = bundledScenario(f.slice(0, -'.json'.length));
  } catch {
    continue;
  }
  scenarios.set(s.id, s);
}
const headings = sections.map((s) => s.heading);

function turnsFor(scenario: Scenario, steps: { nodeId: string; replyId: string }[]): Turn[] {
  const index = indexScenario(scenario);
  return steps.map((s) => {
    const reply = index.replies.get(s.replyId)!.reply;
    return { nodeId: s.nodeId, replyId: s.replyId, assessments: reply.assessments, feedback: reply.feedback, changes: [] };
  });
}

describe('the bundled scenarios', () => {
  it('include the ten the briefs ask for, and every file is named by its scenario id', () => {
    expect(files).toEqual(expect.arrayContaining(EXPECTED.map((id) => `${id}.json`)));
    expect([...scenarios.keys()].sort()).toEqual(files.map((f) => f.replace(/\.json$/, '')));
  });

  it.each(files)('%s validates with no errors and no warnings', (f) => {
    const result = validateScenario(readFileSync(`${dir}${f}`), f);
    expect(result.problems.map((p) => `${p.line}:${p.column} ${p.code} ${p.message}`)).toEqual([]);
  });

  // The debrief's "Best practice here" and "The best-practice path from the start" could name two
  // different replies for one decision (the best path may take a reply worth less there, for what
  // follows it). In the bundled scenarios the path's reply is worth the most at each of its
  // decisions, and more than any reply before it in the file, so both name the same reply.
  it.each(files)('%s: at each decision on the best-practice path, that path takes the reply worth the most there', (f) => {
    const s = scenarios.get(f.replace(/\.json$/, ''))!;
    const index = indexScenario(s);
    const best = analyseBest(s);
    const differ: string[] = [];
    for (const step of best.path) {
      const node = index.nodes.get(step.nodeId);
      if (node?.kind !== 'decision') continue;
      const at = node.replies.findIndex((r) => r.id === step.replyId);
      const rival = node.replies.find((r, k) => r.id !== step.replyId && (replyValue(r) > step.value || (k < at && replyValue(r) === step.value)));
      if (rival) differ.push(`${step.nodeId}: path ${step.replyId} (${step.value}), ${rival.id} (${replyValue(rival)})`);
    }
    expect(differ).toEqual([]);
    const debrief = buildDebrief(s, turnsFor(s, best.path));
    expect(debrief.turns.map((t) => [t.bestReplyId, t.sameAsBest, t.bestReplyValue === t.bestValue])).toEqual(best.path.map((p) => [p.replyId, true, true]));
  });

  it('together exercise every principle of the guide in at least one scored reply', () => {
    const assessed = new Set<string>();
    for (const s of scenarios.values()) for (const n of s.nodes) if (n.kind === 'decision') for (const r of n.replies) for (const a of r.assessments) assessed.add(a.principle);
    const missing = principles.filter((p) => !assessed.has(p.id)).map((p) => p.id);
    expect(missing, `principles no scenario scores: ${missing.join(', ')}`).toEqual([]);
  });
});

// Every bundled scenario, the ten the briefs ask for and any added since, is held to the house rules.
describe.each([...scenarios.keys()].sort())('scenario %s', (id) => {
  const scenario = () => {
    const s = scenarios.get(id);
    if (!s) throw new Error(`${id} did not validate`);
    return s;
  };
  const decisions = () => scenario().nodes.filter((n) => n.kind === 'decision');

  // The apps put a reply said inside curly double quotes (“…” in the transcript, the debrief, the
  // feedback panel): words quoted inside it take single quotes (‘Tasha’, ‘she's good’), or the
  // reply read “… signed “Tasha” asked …”. (A title that is a quotation is left as it is: quotedTitle.)
  it('quotes inside a reply with single quotes', () => {
    const nested = decisions().flatMap((n) => n.replies.filter((r) => /“[^”]*”/.test(r.text)).map((r) => `${r.id}: ${r.text}`));
    expect(nested).toEqual([]);
  });

  it('has at least 6 decisions on every playthrough and at least 3 replies per decision', () => {
    expect(minDecisionsOnAnyPath(scenario())).toBeGreaterThanOrEqual(6);
    for (const d of decisions()) expect(d.replies.length, d.id).toBeGreaterThanOrEqual(3);
  });

  it('has strong, mixed and harmful endings', () => {
    const kinds = new Set(scenario().nodes.flatMap((n) => (n.kind === 'ending' ? [n.ending] : [])));
    expect([...kinds].sort()).toEqual(['harmful', 'mixed', 'strong']);
  });

  it('branches for real: at least two decisions lead to different follow-up scenes', () => {
    expect(branchingDecisions(scenario()).length).toBeGreaterThanOrEqual(2);
  });

  // The audit's own check (house-rules.ts, trust-meter), so that the audit and these tests agree.
  it('lets the youth\'s trust change what happens next', () => {
    const trust = scenario().variables?.find((v) => v.id === 'trust');
    expect(trust?.shown).toBe(true);
    expect(routesOnTrust(scenario()).length).toBeGreaterThan(0);
  });

  it('has a content note, and a facilitator note and discussion prompt at every decision', () => {
    expect(scenario().contentNote.length).toBeGreaterThan(20);
    for (const d of decisions()) {
      expect(d.facilitatorNote, d.id).toBeTruthy();
      expect(d.discussionPrompt, d.id).toBeTruthy();
    }
  });

  it('gives feedback on every reply that cites a section of the guide and is assessed', () => {
    for (const d of decisions()) for (const r of d.replies) {
      expect(headings.some((h) => r.feedback.includes(h)), `${r.id}: ${r.feedback}`).toBe(true);
      expect(r.assessments.length, r.id).toBeGreaterThan(0);
    }
  });

  it('does not always put the best reply first or make it the longest', () => {
    const bestIndexes = decisions().map((d) => {
      const values = d.replies.map(replyValue);
      return values.indexOf(Math.max(...values));
    });
    expect(bestIndexes.some((i) => i !== 0)).toBe(true);
    expect(new Set(bestIndexes).size).toBeGreaterThan(1);
    const bestIsLongest = decisions().map((d) => {
      const best = d.replies.reduce((a, b) => (replyValue(b) > replyValue(a) ? b : a));
      return d.replies.every((r) => r.text.length <= best.text.length);
    });
    expect(bestIsLongest.some((longest) => !longest)).toBe(true);
  });

  it('has replies that follow one principle while breaking another', () => {
    const mixed = decisions().flatMap((d) => d.replies).filter((r) =>
      r.assessments.some((a) => a.verdict === 'follows') && r.assessments.some((a) => a.verdict === 'violates'));
    expect(mixed.length).toBeGreaterThan(0);
  });

  it('marks every deliberate wrong term on the line or reply that uses it, never globally', () => {
    const raw = JSON.parse(readFileSync(`${dir}${id}.json`, 'utf8')) as Record<string, unknown>;
    expect(raw).not.toHaveProperty('allowLanguage');
    for (const n of scenario().nodes) expect(n.allowLanguage, n.id).toBeUndefined();
  });

  it('the best path reaches a strong ending at 100%', () => {
    const best = analyseBest(scenario());
    expect(best.blockedAt).toBeUndefined();
    const ending = indexScenario(scenario()).nodes.get(best.endingId ?? '');
    expect(ending?.kind === 'ending' && ending.ending).toBe('strong');
    expect(buildDebrief(scenario(), turnsFor(scenario(), best.path), best.endingId).score.percent).toBe(100);
  });

  it('the worst replies reach a harmful ending, critical violations listed first', () => {
    const worst = walkGreedy(scenario(), (a, b) => a < b);
    expect(worst.endingKind).toBe('harmful');
    const debrief = buildDebrief(scenario(), turnsFor(scenario(), worst.steps), worst.endingId);
    expect(debrief.score.percent).toBeLessThan(50);
    const critical = debrief.principles.filter((p) => p.severity === 'critical' && p.status === 'violated');
    expect(debrief.principles.slice(0, critical.length)).toEqual(critical);
    expect(debrief.criticalViolations.map((c) => c.principleId).sort()).toEqual(
      worst.steps.flatMap((s) => indexScenario(scenario()).replies.get(s.replyId)!.reply.assessments
        .filter((a) => a.verdict === 'violates' && principles.find((p) => p.id === a.principle)?.severity === 'critical')
        .map((a) => a.principle)).sort());
  });
});

/** The verdict a named reply gets for a principle, read from the scenario a volunteer plays. */
function verdict(scenarioId: string, replyId: string, principleId: string): string | undefined {
  const s = scenarios.get(scenarioId);
  const reply = s && indexScenario(s).replies.get(replyId)?.reply;
  return reply?.assessments.find((a) => a.principle === principleId)?.verdict;
}

describe('particular harmful replies are scored as violations of the right principle', () => {
  it('picking up a youth who left placement violates no-picking-up', () => {
    expect(verdict('left-placement-calls', 'd1-pick-up', 'no-picking-up')).toBe('violates');
  });

  it.each(['d1-text-polite', 'd1-text-who', 'd2-thread-stop', 'd4-visit-pass', 'd2-thread-dropoff', 'd5-open-handle', 'd6-parking-tell-off', 'd6-parking-ask', 'd9-last-reply'])(
    'replying to the trafficker in any way (%s) violates no-trafficker-contact', (replyId) => {
      expect(verdict('trafficker-contact', replyId, 'no-trafficker-contact')).toBe('violates');
    });

  it.each([['trafficker-contact', 'd1-text-search'], ['trafficker-contact', 'd6-parking-plate'], ['red-flags', 'r-denise-instagram']])(
    'looking the youth or a contact up online (%s %s) violates no-investigating', (scenarioId, replyId) => {
      expect(verdict(scenarioId, replyId, 'no-investigating')).toBe('violates');
    });

  it.each([['youth-discloses', 'd3-direct-question'], ['red-flags', 'r-boyfriend-direct']])(
    'asking her directly whether she is being trafficked (%s %s) violates no-direct-csec-questions', (scenarioId, replyId) => {
      expect(verdict(scenarioId, replyId, 'no-direct-csec-questions')).toBe('violates');
    });

  it('telling her you are disappointed in her after a relapse violates remain-accepting and relapse-not-personal', () => {
    expect(verdict('youth-relapses', 'd1-disappointed', 'remain-accepting')).toBe('violates');
    expect(verdict('youth-relapses', 'd1-disappointed', 'relapse-not-personal')).toBe('violates');
  });

  it.each([
    ['d-opening-csec-victim', 'report-csec-status-confirmed-only'],
    ['d-status-unconfirmed-suspect', 'report-csec-status-confirmed-only'],
    ['d-health-pregnancy', 'report-no-undisclosed-pregnancy'],
    ['d-health-sti', 'report-no-sexual-health'],
    ['d-wellbeing-substance', 'report-no-substance-use'],
  ])('putting it in the court report (%s) violates %s', (replyId, principleId) => {
    expect(verdict('court-report', replyId, principleId)).toBe('violates');
  });

  it.each([
    ['left-placement-calls', 'd4-awol-label', 'no-awol-label', 'awol'],
    ['youth-discloses', 'd5-a-csec-label', 'people-first-language', 'a-csec'],
  ])('using the wrong term in the volunteer\'s own words (%s %s) violates %s, and the data says it is deliberate', (scenarioId, replyId, principleId, rule) => {
    expect(verdict(scenarioId, replyId, principleId)).toBe('violates');
    const reply = indexScenario(scenarios.get(scenarioId)!).replies.get(replyId)!.reply;
    expect(reply.allowLanguage).toContain(rule);
    // Without the explicit allowance the validator would flag the words.
    const raw = readFileSync(`${dir}${scenarioId}.json`, 'utf8');
    const withoutAllowance = raw.replace(new RegExp(`("id": "${replyId}"[\\s\\S]*?)"allowLanguage": \\[\\s*"${rule}"\\s*\\],?`), '$1');
    expect(withoutAllowance).not.toBe(raw);
    const result = validateScenario(withoutAllowance, `${scenarioId}.json`);
    expect(result.problems.some((p) => p.code === 'language' || p.code === 'json-syntax')).toBe(true);
    expect(result.problems.some((p) => p.code === 'language' && p.path.includes('replies'))).toBe(true);
  });

  it('a promise of secrecy after a disclosure is scored against taking it to the Advocate Supervisor', () => {
    expect(verdict('youth-discloses', 'd4-promise-secret', 'consult-supervisor-on-suspicion')).toBe('violates');
  });
});
