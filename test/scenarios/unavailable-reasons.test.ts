import { describe, expect, it } from 'vitest';
import { selectView, unavailableWords, type Scenario } from '../../src/machines/index.js';
import { BUNDLED_IDS, bundledScenario } from '../helpers/bundled.js';
import { sessionAfter } from '../helpers/play.js';

// A bundled reply offered but not available now says why in the story's words (its
// "unavailableReason"), not "it does not fit this point in the story": a volunteer saw saturday-shoots'
// "Email Mr. Dawson tonight…" greyed after calling him at d4, with no reason a person would give.

/** The replies at the decision reached after `replies`, by id. */
function offeredAfter(s: Scenario, replies: readonly string[], at: string) {
  const view = selectView(s, sessionAfter(s, replies).getSnapshot());
  expect(view.nodeId).toBe(at);
  return new Map(view.replies.map((r) => [r.id, r]));
}

describe('bundled replies not available now say why in the story\'s words', () => {
  it('saturday-shoots: after telling Meron you are calling Mr. Dawson (d4), the email at d5 says the call was made', () => {
    const s = bundledScenario('saturday-shoots');
    const email = offeredAfter(s, ['d1-talk', 'd2-light', 'd3-open-glad', 'd4-dawson'], 'd5-car').get('d5-email');
    expect(email?.enabled).toBe(false);
    expect(unavailableWords(email as NonNullable<typeof email>)).toBe(`Reply ${email?.number} is not available now: you have just called Mr. Dawson from the sidewalk and told him what you saw and what Meron told you.`);
  });

  it('court-report: without DCFS\'s confirmation, the attorney order for Restoration Funds says nothing was confirmed', () => {
    const s = bundledScenario('court-report');
    const path = ['d-opening-strengths', 'd-school-glowing', 'd-health-sti', 'd-visit-promise', 'd-check-status-staff', 'd-status-unconfirmed-omit', 'd-wellbeing-vague', 'd-recs-unconfirmed-restoration', 'd-review-supervisor'];
    const order = offeredAfter(s, path, 'd-hearing-support').get('d-hearing-support-order');
    expect(order?.enabled).toBe(false);
    expect(order?.reason).toBe('nobody at DCFS or the court has confirmed anything about CSEC to you');
  });

  it('every shown reply with a "when" on something the volunteer cannot see has a reason', () => {
    const missing: string[] = [];
    for (const id of BUNDLED_IDS) {
      const s = bundledScenario(id);
      const shownMeters = new Set((s.variables ?? []).filter((v) => v.shown && v.type !== 'flag').map((v) => v.id));
      for (const node of s.nodes) {
        if (node.kind !== 'decision') continue;
        for (const r of node.replies) {
          if (r.when === undefined || r.hidden === true || r.unavailableReason !== undefined) continue;
          const conditions = Array.isArray(r.when) ? r.when : [r.when];
          if (conditions.some((c) => !('var' in c) || !shownMeters.has(c.var))) missing.push(`${id}/${node.id}/${r.id}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});
