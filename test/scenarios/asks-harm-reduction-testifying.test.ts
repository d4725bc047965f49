import { describe, expect, it } from 'vitest';
import { replyValue } from '../../src/machines/scenario-index.js';
import type { Reply } from '../../src/machines/schema/scenario.js';
import { bundledScenario } from '../helpers/bundled.js';

// "Pick the one that asks": at 4 of harm-reduction's 10 decisions and 3 of testifying's 8, the best
// reply was the only one ending on a question, and at the supervision check-ins the best reply was the
// template "Not great / Wiped out… Can we talk it through?" beside "I'm fine. This isn't about me."
// (the giveaway report's P7; its P8 is the safety-plan invitation at harm-reduction d3 and d4). A warm
// wrong reply now asks too, or the best reply ends flat, so the choice rests on what each reply does.

/** Ends on a question ("?", a closing quote or bracket after it aside), as the audit check counts it. */
const asks = (text: string) => /\?["'”’)\s]*$/.test(text.trim());

function decisionOf(id: string, nodeId: string) {
  const n = bundledScenario(id).nodes.find((x) => x.id === nodeId);
  if (n?.kind !== 'decision') throw new Error(`${id} has no decision ${nodeId}`);
  return n;
}

/** Whether a best reply is the only kind of reply at the decision that ends on a question. */
function onlyBestAsks(replies: readonly Reply[]): boolean {
  const top = Math.max(...replies.map(replyValue));
  return replies.some((r) => replyValue(r) === top && asks(r.text)) && !replies.some((r) => replyValue(r) < top && asks(r.text));
}

function replyOf(id: string, nodeId: string, replyId: string): Reply {
  const r = decisionOf(id, nodeId).replies.find((x) => x.id === replyId);
  if (!r) throw new Error(`${id}/${nodeId} has no reply ${replyId}`);
  return r;
}
const scoring = (id: string, nodeId: string, replyId: string) =>
  replyOf(id, nodeId, replyId).assessments.map((a) => `${a.principle} ${a.verdict} ${a.weight ?? 1}`).join(', ');

function shareOnlyBestAsks(id: string): { share: number; at: string } {
  const decisions = bundledScenario(id).nodes.filter((n) => n.kind === 'decision');
  const only = decisions.filter((n) => n.kind === 'decision' && onlyBestAsks(n.replies)).map((n) => n.id);
  return { share: only.length / decisions.length, at: only.join(', ') };
}

/** At a supervision check-in: the best reply is not the "Can we talk…?" template, ends flat, and is not the longest. */
function checkInBestIsPlain(id: string, nodeId: string): void {
  const replies = decisionOf(id, nodeId).replies;
  const top = Math.max(...replies.map(replyValue));
  for (const best of replies.filter((r) => replyValue(r) === top)) {
    expect(best.text, `${id}/${best.id}`).not.toMatch(/Can we talk/);
    expect(asks(best.text), `${id}/${best.id}`).toBe(false);
    expect(replies.some((r) => r !== best && r.text.length > best.text.length), `${id}/${best.id} is the longest`).toBe(true);
    expect(scoring(id, nodeId, best.id), `${id}/${best.id}`).toBe('self-care follows 2');
  }
}

describe('harm-reduction: the best reply is not found by picking the one that asks', () => {
  it('the best reply is the only one ending on a question at no more than a quarter of its decisions', () => {
    const { share, at } = shareOnlyBestAsks('harm-reduction');
    expect(share, at).toBeLessThanOrEqual(0.25);
  });

  it('at d3, d4 and d7 a wrong reply asks too, or the best reply ends flat', () => {
    for (const node of ['d3-weekends', 'd4-plan', 'd7-self']) expect(onlyBestAsks(decisionOf('harm-reduction', node).replies), node).toBe(false);
  });

  it('the ride and the printed template ask kindly and keep their scoring; the template names his people too', () => {
    const ride = replyOf('harm-reduction', 'd3-weekends', 'd3-ride');
    expect(ride.text).toMatch(/I'll come get you\..*\?$/);
    expect(scoring('harm-reduction', 'd3-weekends', 'd3-ride')).toBe('no-picking-up violates 3, not-first-responder violates 1');
    // Still printed and filled in before he has said what sends him to Cole's; naming Rosa and Daniel no
    // longer singles out the best reply.
    expect(replyOf('harm-reduction', 'd4-plan', 'd4-template').text).toMatch(/Rosa and Daniel.*\?$/);
    expect(scoring('harm-reduction', 'd4-plan', 'd4-template')).toBe('safety-planning follows 1, harm-reduction-self-determination violates 1');
  });

  it('at supervision the best reply is plain, and the reply that turns to the case admits the strain instead of "I\'m fine. This isn\'t about me."', () => {
    checkInBestIsPlain('harm-reduction', 'd7-self');
    const fine = replyOf('harm-reduction', 'd7-self', 'd7-fine');
    expect(fine.text).not.toMatch(/I'm fine|isn't about me/);
    expect(fine.text).toMatch(/I'll manage\..*\?$/);
    expect(scoring('harm-reduction', 'd7-self', 'd7-fine')).toBe('self-care violates 1');
  });
});

describe('testifying: the best reply is not found by picking the one that asks', () => {
  it('the best reply is the only one ending on a question at no more than a quarter of its decisions', () => {
    const { share, at } = shareOnlyBestAsks('testifying');
    expect(share, at).toBeLessThanOrEqual(0.25);
  });

  it('at d5 and d8 a wrong reply asks too, or the best reply ends flat', () => {
    for (const node of ['d5-date', 'd8-self']) expect(onlyBestAsks(decisionOf('testifying', node).replies), node).toBe(false);
  });

  it('leaving the date with the home asks kindly and keeps its scoring', () => {
    expect(replyOf('testifying', 'd5-date', 'd5-theirs').text).toMatch(/see her on the 21st\?$/);
    // It also calls Selene 'her', not the staff's word, and is credited for it as d5-check is (readerB-43).
    expect(scoring('testifying', 'd5-date', 'd5-theirs')).toBe('team-communication violates 1, youth-centered follows 1');
  });

  it('at the check-in the best reply is plain, and the drained reply that would hand her on asks Hannah', () => {
    checkInBestIsPlain('testifying', 'd8-self');
    const stepBack = replyOf('testifying', 'd8-self', 'd8-step-back');
    expect(stepBack.text).toMatch(/^Honestly\? Drained\..*\?$/);
    // contenta-54: no longer faulted on ongoing-support, which the guide gives for support after exiting (story-54b).
    expect(scoring('testifying', 'd8-self', 'd8-step-back')).toBe('self-care follows 1');
  });
});
