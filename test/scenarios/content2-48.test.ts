import { describe, expect, it } from 'vitest';
import type { Next, Scenario } from '../../src/machines/schema/scenario.js';
import { bundledDecision, bundledReply, bundledScenario } from '../helpers/bundled.js';
import { decisionKey } from '../helpers/answer-key.js';
import { driveReplies, shownAt, toldAt as told } from '../helpers/play.js';

// Session content2-48: a fresh read of harm-reduction and youth-relapses against the guide, played line by line and
// full screen. What is fixed here is story continuity: who a name is, what a reply's feedback says happens next, how
// someone reached a phone, how long a span was. Scoring is unchanged in both files.

const targets = (next: Next): string[] => (typeof next === 'string' ? [next] : next.map((r) => r.to));

/** Every text a volunteer reads at a node, in order: narration, lines, then (at a decision) each reply. */
const readAt = (s: Scenario, nodeId: string): string[] => {
  const n = s.nodes.find((x) => x.id === nodeId);
  return [...shownAt(s, nodeId), ...(n?.kind === 'decision' ? n.replies.map((r) => r.text) : [])];
};

describe('session content2-48: harm-reduction', () => {
  const hr = (): Scenario => bundledScenario('harm-reduction');

  // Elías named Cole in the second scene ("Cole lets me stay when it's bad here", or "At Cole's nobody looks at me")
  // and nothing before it said who Cole is: not the opening scene, not who's who (Cole is no character), not a reply.
  it('on every first reply, the first text that names Cole says who he is', () => {
    for (const reply of bundledDecision('harm-reduction', 'd1-heard').replies) {
      const { nodes } = driveReplies(hr(), [reply.id], true);
      const first = nodes.flatMap((id) => readAt(hr(), id)).find((t) => /\bCole\b/.test(t));
      expect(first, reply.id).toBeDefined();
      expect(first, reply.id).toMatch(/\bCole\b[^.]*\bolder man\b[^.]*\bexploiting him\b/);
    }
    expect(told(hr(), 's0-steps')).toMatch(/\bCole\b/);
  });

  // d2-using's feedback said "What he hears is that the one place he feels accepted is a lie, and he stops talking",
  // and the next scene, the only one after it, has him lower his voice and say "I'm gonna be real with you".
  it('d2-using\'s feedback does not say he stops talking, when the scene after it has him talk', () => {
    const using = bundledReply('harm-reduction', 'd2-why', 'd2-using');
    expect(targets(using.next)).toEqual(['s2-weekends']);
    expect(told(hr(), 's2-weekends')).toMatch(/I'm gonna be real with you/);
    expect(using.feedback).not.toMatch(/stops talking|stop talking|goes quiet|shuts down/);
    expect(using.feedback).toContain('(Stages of Exiting CSEC Involvement)');
  });
});

describe('session content2-48: youth-relapses', () => {
  const yr = (): Scenario => bundledScenario('youth-relapses');

  // The opening says the seven good weeks were on "a new phone number that Kyle, the person exploiting her, didn't
  // have"; s3-open, telling the night she left, said "He texted me that night".
  it('s3-open does not have Kyle text a number the opening says he did not have', () => {
    expect(told(yr(), 's0-back')).toMatch(/a new phone number that Kyle[^.]*didn't have/);
    const open = told(yr(), 's3-open');
    expect(open).toMatch(/that night/);
    expect(open).not.toMatch(/\b(texted|called|phoned) me\b/i);
  });

  // The drive home is two weeks after the Thursday visit, itself days after the week Jazz was gone, the week you
  // "barely slept"; end-strong said you sleep through the night "for the first time in two weeks".
  it('end-strong does not count the sleepless span as two weeks, when it began the week Jazz was gone', () => {
    expect(told(yr(), 's6-later')).toMatch(/^Two weeks later\./);
    expect(told(yr(), 'd8-drive-home')).toMatch(/The week Jazz was gone you barely slept/);
    const strong = told(yr(), 'end-strong');
    expect(strong).toMatch(/you sleep through the night for the first time in/);
    expect(strong).not.toMatch(/in (two|2) weeks/);
  });

  // The best reply was neither the shortest nor the longest at 7 of the 8 decisions, the shortest only at d1-text
  // (12.5%, under the audit's 20-40% for one scenario, which it only notes below 10 decisions): "never the shortest"
  // left two replies to pick from everywhere else. Two best replies lose words, scored as before: d6-yes "I'm still
  // coming." (its "Yes. Every week." answers her), d7-notice the "you" in "What helped on Saturday?". d4-plan, d5-safety
  // and d8-support stay the middle length on purpose (content-review.test.ts, session 30), so the longest stays at none.
  it('the best reply is the shortest at 20-40% of its decisions (the audit\'s share for one scenario)', () => {
    const keys = yr().nodes.flatMap((n) => (n.kind === 'decision' ? [decisionKey('youth-relapses', n)] : []));
    expect(keys).toHaveLength(8);
    const shortest = keys.filter((k) => k.bestShortest).map((k) => k.decisionId);
    expect(shortest.length / keys.length, shortest.join(' ')).toBeGreaterThanOrEqual(0.2);
    expect(shortest.length / keys.length, shortest.join(' ')).toBeLessThanOrEqual(0.4);
    expect(bundledReply('youth-relapses', 'd6-every-week', 'd6-yes').text).toMatch(/^Yes\. Every week\./);
  });
});
