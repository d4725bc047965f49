import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { principles } from '../../src/machines/guide.js';
import type { Scenario } from '../../src/machines/schema/scenario.js';
import { bundledScenario } from '../helpers/bundled.js';

// Issue 11: across the bundled scenarios, every principle of the guide is practised at two or more
// decisions (not one moment only), and every principle has a reply that breaks it, so no principle
// can be scored by picking whichever reply mentions it. The exception is what the guide only says a
// CASA can do, or may find applies (principles marked `optional`: Restoration Funds, a secondary CSW,
// the usual recommendations, under Potential Recommendations; and Legal Advocacy's "A CASA may be able
// to assist by providing courtroom support, …" and "CASA may support the youth through this process"):
// leaving those out is not against the guide, so no reply may be scored as violating them; a reply
// that leaves them out misses the credit, and is scored on what it does break, if anything.
const dir = fileURLToPath(new URL('../../scenarios/', import.meta.url));
const files = readdirSync(dir).filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json')).sort();
// Validated once per test worker (test/helpers/bundled.ts), not again in each file that reads them.
const scenarios: Scenario[] = files.map((f) => bundledScenario(f.slice(0, -'.json'.length)));

/** For each principle: the decisions (scenario/decision) that assess it, and the replies that violate it. */
function coverage(list: readonly Scenario[]) {
  const decisions = new Map<string, Set<string>>(principles.map((p) => [p.id, new Set()]));
  const violations = new Map<string, string[]>(principles.map((p) => [p.id, []]));
  for (const s of list) for (const n of s.nodes) {
    if (n.kind !== 'decision') continue;
    for (const r of n.replies) for (const a of r.assessments) {
      decisions.get(a.principle)?.add(`${s.id}/${n.id}`);
      if (a.verdict === 'violates') violations.get(a.principle)?.push(`${s.id}/${r.id}`);
    }
  }
  return { decisions, violations };
}

/** Principles the guide states as something a CASA can do, or that may apply, not as a rule. */
const optional = new Set(principles.filter((p) => p.optional).map((p) => p.id));

/** Replies (scenario/reply: principle) scored as violating an optional principle. */
function optionalViolations(list: readonly Scenario[]): string[] {
  const found: string[] = [];
  for (const s of list) for (const n of s.nodes) {
    if (n.kind !== 'decision') continue;
    for (const r of n.replies) for (const a of r.assessments) {
      if (a.verdict === 'violates' && optional.has(a.principle)) found.push(`${s.id}/${r.id}: ${a.principle}`);
    }
  }
  return found;
}

describe('the bundled scenarios practise every principle more than once', () => {
  it('include the four scenarios of issue 11', () => {
    expect(scenarios.map((s) => s.id)).toEqual(expect.arrayContaining(['boy-red-flags', 'dual-involvement', 'before-relapse', 'whereabouts-unknown']));
    expect(scenarios.length).toBeGreaterThanOrEqual(10);
  });

  it('score every principle of the guide at two or more decisions', () => {
    const { decisions } = coverage(scenarios);
    const thin = [...decisions].filter(([, at]) => at.size < 2).map(([id, at]) => `${id} (${[...at].join(', ') || 'nowhere'})`);
    expect(thin, `principles scored at fewer than two decisions: ${thin.join('; ')}`).toEqual([]);
  });

  it('have, for every principle the guide does not leave optional, at least one reply that violates it', () => {
    const { violations } = coverage(scenarios);
    const onlyFollowed = [...violations].filter(([id, at]) => !optional.has(id) && at.length === 0).map(([id]) => id);
    expect(onlyFollowed, `principles no reply breaks: ${onlyFollowed.join(', ')}`).toEqual([]);
  });

  it('score no reply as violating what the guide only says a CASA can or may do (Potential Recommendations; Legal Advocacy)', () => {
    expect([...optional].sort()).toEqual(['legal-support', 'recommend-restoration-funds', 'recommend-secondary-csw', 'usual-recommendations', 'victim-witness-support']);
    expect(optionalViolations(scenarios)).toEqual([]);
  });

  it('the measure notices a principle practised at one decision only, or never broken', () => {
    const one = scenarios.find((s) => s.id === 'before-relapse');
    if (!one) throw new Error('before-relapse did not validate');
    const { decisions, violations } = coverage([one]);
    // before-relapse alone scores immigration screening at one decision, and no reply in it breaks self-care.
    expect(decisions.get('immigration-screening')?.size).toBe(1);
    expect(violations.get('self-care')).toEqual([]);
    expect(violations.get('report-no-sexual-health')).toEqual(['before-relapse/d7-clinic']);
  });

  it('the measure notices a reply scored as violating an optional principle', () => {
    const one = structuredClone(scenarios.find((s) => s.id === 'before-relapse'));
    if (!one) throw new Error('before-relapse did not validate');
    for (const n of one.nodes) if (n.kind === 'decision') for (const r of n.replies) {
      if (r.id === 'd7-no-funds') r.assessments = [{ principle: 'recommend-restoration-funds', verdict: 'violates', weight: 2 }];
    }
    expect(optionalViolations([one])).toEqual(['before-relapse/d7-no-funds: recommend-restoration-funds']);
  });
});
