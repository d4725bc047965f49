import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getPrinciple } from '../../src/machines/guide.js';
import { bundledDecision, bundledReply, bundledScenario } from '../helpers/bundled.js';

// Session safety-53: the guide asks for the safety reassurance in one situation. Its words, in Likelihood of
// Relapse: "Should a youth return to their trafficker, ... It will be essential for you to remain a source of
// support and acceptance and reassure the youth that your main priority is their safety regardless of their
// choices." The debrief quotes a principle's rule; safety-is-priority's dropped the condition its neighbours
// (relapse-not-personal, remain-accepting) keep, so every debrief told volunteers the guide asks it always.

const guide = readFileSync(new URL('../../scenarios/guide/csec-in-service-guide.txt', import.meta.url), 'utf8').replace(/\s+/g, ' ');
const CONDITION = /^If the youth (returns|goes back) to the person exploiting them, /;

describe('safety-53: safety-is-priority keeps the guide\'s condition, as its neighbours do', () => {
  it('the guide gives the reassurance for a youth who returns to their trafficker', () => {
    expect(guide).toContain(
      'Should a youth return to their trafficker, it is important to keep in mind that a relapse is not a reflection of your efforts as a CASA. It will be essential for you to remain a source of support and acceptance and reassure the youth that your main priority is their safety regardless of their choices.',
    );
  });

  it.each(['relapse-not-personal', 'remain-accepting', 'safety-is-priority'])('%s says when: if the youth goes back to the person exploiting them', (id) => {
    const p = getPrinciple(id);
    expect(p?.section).toBe('relapse');
    expect(p?.rule ?? '').toMatch(CONDITION);
  });

  it('safety-is-priority\'s rule, in the project\'s words', () => {
    expect(getPrinciple('safety-is-priority')?.rule).toBe(
      'If the youth goes back to the person exploiting them, reassure them that your main priority is their safety regardless of the choices they make.',
    );
  });
});

// Where the youth has gone back to no one, the decision no longer scores the reassurance: each credit is re-cited
// to the principle the guide supports in the reply's words, or dropped; the best reply stays the best.
const scored = (id: string, nodeId: string, replyId: string) =>
  bundledReply(id, nodeId, replyId).assessments.map((a) => `${a.principle} ${a.verdict} ${a.weight ?? 1}`).join(', ');
const value = (id: string, nodeId: string, replyId: string) =>
  bundledReply(id, nodeId, replyId).assessments.reduce((v, a) => v + (a.verdict === 'follows' ? 1 : -1) * (a.weight ?? 1), 0);
const bestOf = (id: string, nodeId: string) => {
  const d = bundledDecision(id, nodeId);
  const top = Math.max(...d.replies.map((r) => value(id, nodeId, r.id)));
  return d.replies.filter((r) => value(id, nodeId, r.id) === top).map((r) => r.id);
};
/** Nothing at the decision scores the reassurance or cites Likelihood of Relapse for it, except the note saying it does not. */
const notScoredAt = (id: string, nodeId: string) => {
  const d = bundledDecision(id, nodeId);
  for (const r of d.replies) {
    expect(r.assessments.map((a) => a.principle), `${id} ${r.id}`).not.toContain('safety-is-priority');
    expect(r.feedback, `${id} ${r.id}`).not.toContain('(Likelihood of Relapse)');
  }
  // contenta-54: saturday-shoots says Meron has been to the shoots but has not left anyone to go back to.
  expect(d.facilitatorNote ?? '').toMatch(/has not (gone back to anyone|left anyone to go back to).*so this decision does not score that reassurance/);
  expect(bundledScenario(id).learningGoals).not.toContain('safety-is-priority');
};

describe('safety-53: boy-red-flags d6-train (Theo, a missed train, Vince\'s place; nobody knows what Vince is)', () => {
  it('d6-ray is credited for leaving the drive home to Ray and his CSW (Prohibited Activities), d6-once for nothing but its breach', () => {
    notScoredAt('boy-red-flags', 'd6-train');
    expect(scored('boy-red-flags', 'd6-train', 'd6-ray')).toBe('not-first-responder follows 1, csw-partnership follows 2');
    expect(bundledReply('boy-red-flags', 'd6-train', 'd6-ray').feedback).toContain('CASAs are not first responders and do not provide crisis intervention services (Prohibited Activities).');
    expect(scored('boy-red-flags', 'd6-train', 'd6-once')).toBe('csw-partnership violates 2');
    expect(bundledReply('boy-red-flags', 'd6-train', 'd6-once').feedback).toMatch(/^Asking him to check in is caring, but keeping this from Ray/);
    expect(bestOf('boy-red-flags', 'd6-train')).toEqual(['d6-ray']);
  });
});

describe('safety-53: jae-and-hyung d2-open (Jae asks you to keep the cousin and the lawyer from Umma)', () => {
  it('d2-honest is credited as youth-centered for telling him why and keeping him posted', () => {
    notScoredAt('jae-and-hyung', 'd2-open');
    expect(scored('jae-and-hyung', 'd2-open', 'd2-honest')).toBe('consult-supervisor-on-suspicion follows 2, youth-centered follows 1');
    expect(bundledReply('jae-and-hyung', 'd2-open', 'd2-honest').feedback).toMatch(/keeps him at the centre .*\(CASA Role and Expectations\)\.$/);
    expect(bestOf('jae-and-hyung', 'd2-open')).toEqual(['d2-honest']);
  });
});

describe('safety-53: saturday-shoots d4-secret (Meron: "Don\'t tell my aunt"; nothing has happened yet)', () => {
  it('d4-honest is credited as youth-centered; d4-keep loses the credit for "text me so I know you\'re safe"', () => {
    notScoredAt('saturday-shoots', 'd4-secret');
    expect(scored('saturday-shoots', 'd4-secret', 'd4-honest')).toBe('consult-supervisor-on-suspicion follows 2, youth-centered follows 1');
    expect(bundledReply('saturday-shoots', 'd4-secret', 'd4-honest').feedback).toMatch(/keeps her at the centre .*\(CASA Role and Expectations\)\.$/);
    expect(scored('saturday-shoots', 'd4-secret', 'd4-keep')).toBe('consult-supervisor-on-suspicion violates 2');
    expect(bundledReply('saturday-shoots', 'd4-secret', 'd4-keep').feedback).toMatch(/^Asking her to check in is caring, but agreeing to keep it/);
    expect(bestOf('saturday-shoots', 'd4-secret')).toEqual(['d4-honest']);
  });
});

// Kiara (youth-discloses d6-weekend) has left no one to go back to: the decision is scored on harm
// reduction alone. The one reply left faulting safety-is-priority had been there (a coverage test asks
// that some reply violate each principle): youth-relapses d5-block, where Jazz has gone back to Kyle and
// the volunteer makes help depend on her blocking him.
describe('safety-53: youth-discloses d6 re-scored; youth-relapses d5-block faulted where the guide speaks', () => {
  it('no reply at youth-discloses d6-weekend is scored on the reassurance; d6-safety stays the best', () => {
    const replies = bundledDecision('youth-discloses', 'd6-weekend').replies;
    for (const r of replies) expect(r.assessments.map((a) => a.principle)).not.toContain('safety-is-priority');
    const total = (id: string) => bundledReply('youth-discloses', 'd6-weekend', id).assessments.reduce((n, a) => n + (a.verdict === 'follows' ? 1 : -1) * (a.weight ?? 1), 0);
    for (const r of replies) if (r.id !== 'd6-safety') expect(total('d6-safety')).toBeGreaterThan(total(r.id));
    expect(bundledScenario('youth-discloses').learningGoals).not.toContain('safety-is-priority');
  });

  it('youth-relapses d5-block (after Jazz went back to Kyle) violates safety-is-priority, and says why', () => {
    const r = bundledReply('youth-relapses', 'd5-phone', 'd5-block');
    expect(r.assessments).toContainEqual({ principle: 'safety-is-priority', verdict: 'violates' });
    expect(r.feedback).toContain('reassure a youth who has gone back that her safety is your main priority regardless of her choices (Likelihood of Relapse)');
  });
});
