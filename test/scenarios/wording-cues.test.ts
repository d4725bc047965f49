import { describe, expect, it } from 'vitest';
import { replyValue } from '../../src/machines/scenario-index.js';
import type { Reply } from '../../src/machines/schema/scenario.js';
import { BUNDLED_IDS, bundledScenario } from '../helpers/bundled.js';
import { driveReplies, playReplies } from '../helpers/play.js';

// Session 41 (giveaway report, rewriteB): cues besides length that let a volunteer pick the best reply
// without the guide: a wrong reply that names its own mistake ("No need to bring my supervisor in yet"),
// a strawman beside the best reply, guide vocabulary only in the best reply, the same frame in every wrong
// reply ("promise"), a question barrage as the only other option. These pin the rewrites in five scenarios.

function decision(id: string, nodeId: string) {
  const n = bundledScenario(id).nodes.find((x) => x.id === nodeId);
  if (n?.kind !== 'decision') throw new Error(`${id} has no decision ${nodeId}`);
  return n;
}
function reply(id: string, replyId: string): Reply {
  for (const n of bundledScenario(id).nodes) if (n.kind === 'decision') for (const r of n.replies) if (r.id === replyId) return r;
  throw new Error(`${id} has no reply ${replyId}`);
}
const scored = (r: Reply) => r.assessments.map((a) => `${a.principle} ${a.verdict} ${a.weight ?? 1}`).join(', ');
const bestAt = (id: string, nodeId: string) => {
  const replies = decision(id, nodeId).replies;
  const top = Math.max(...replies.map(replyValue));
  return replies.filter((r) => replyValue(r) === top).map((r) => r.id);
};
const questions = (text: string) => (text.match(/\?/g) ?? []).length;
/** The nodes a playthrough passes through, scenes included, choosing the replies in order (each on offer). */
const nodesOn = (id: string, replies: readonly string[]): string[] => driveReplies(bundledScenario(id), replies, true).nodes;

describe('left-placement-calls', () => {
  const LPC = 'left-placement-calls';

  it('d1: the car she is sent is a near miss beside the pick-up, scored as picking up (Prohibited Activities), and its playthrough ends on the pickup ending, told as a car', () => {
    // Its motive (her safety) is not scored as a strength: a prohibited act is not (prohibited-not-strength.test.ts).
    expect(scored(reply(LPC, 'd1-rideshare'))).toBe('no-picking-up violates 3, csw-partnership violates 1');
    expect(reply(LPC, 'd1-rideshare').text).not.toMatch(/come get|grabbing my keys/);
    expect(bestAt(LPC, 'd1-call')).toEqual(['d1-redirect']);
    expect(bestAt(LPC, 'd2-ride-ended')).toEqual(['d2r-tell']);
    const d = playReplies(bundledScenario(LPC), ['d1-rideshare', 'd2r-tell', 'd4-clear', 'd5-steady', 'd6-learn', 'd7-safety-plan', 'd8-needs']);
    expect(d?.ending).toMatchObject({ id: 'end-picked-up', kind: 'harmful' });
    expect(d?.ending?.narration).toMatch(/the car you booked that night stays on the record/);
    expect(d?.score.capped).toBe(true);
    // Her safety plan says the car, not "you came that night", nor "not for emergencies" (advice she was never given that night).
    const seen = nodesOn(LPC, ['d1-rideshare', 'd2r-tell', 'd4-clear', 'd5-steady', 'd6-learn', 'd7-safety-plan']);
    expect(seen).toContain('s7-plan-car');
    expect(seen).not.toContain('s7-plan');
    // The drive keeps its own telling.
    expect(playReplies(bundledScenario(LPC), ['d1-pick-up', 'd2-call-csw', 'd4-clear', 'd5-steady', 'd6-learn', 'd7-safety-plan', 'd8-needs'])?.ending?.narration).toMatch(/the pickup stays on the record/);
  });

  it('d6: no reply names the guide\'s services (webinar, advocacy project, share & support); the best says it in plain words and keeps its scoring', () => {
    expect(decision(LPC, 'd6-lauren').replies.filter((r) => /share & support|webinar|advocacy project|\bEAP\b|\bCSEC\b/i.test(r.text)).map((r) => r.id)).toEqual([]);
    expect(scored(reply(LPC, 'd6-learn'))).toBe('continuing-education follows 2, self-care follows 1');
    expect(reply(LPC, 'd6-learn').feedback).toContain('short-term advocacy projects (What if my youth left placement or their whereabouts are unknown?)');
  });

  it('d7: "promise" is not in every wrong reply, and a wrong reply is glad she is back too', () => {
    const wrong = decision(LPC, 'd7-return').replies.filter((r) => r.id !== 'd7-safety-plan');
    expect(wrong.filter((r) => /promise/i.test(r.text)).length).toBeLessThan(wrong.length);
    expect(reply(LPC, 'd7-where').text).toMatch(/glad you're back/);
    expect(scored(reply(LPC, 'd7-where'))).toBe('curious-not-interrogating violates 2');
  });
});

describe('youth-relapses', () => {
  it('d4: the quick fix ("text me instead, delete his number") replaces "be stronger", and is the only other reply ending on a question beside the best', () => {
    expect(reply('youth-relapses', 'd4-delete-number').text).not.toMatch(/be stronger/);
    expect(scored(reply('youth-relapses', 'd4-delete-number'))).toBe('discuss-triggers violates 1, harm-reduction-unmet-needs violates 1, harm-reduction-self-determination violates 1');
    expect(decision('youth-relapses', 'd4-triggers').replies.filter((r) => r.text.trim().endsWith('?')).length).toBeGreaterThan(1);
  });

  it('d8: blaming yourself is something a volunteer does (rereading notes, telling Monica she is fine), still scored as taking the relapse personally', () => {
    expect(reply('youth-relapses', 'd8-fault').text).not.toMatch(/^Decide it was your fault/);
    expect(reply('youth-relapses', 'd8-fault').text).toMatch(/rereading your notes/);
    expect(scored(reply('youth-relapses', 'd8-fault'))).toBe('relapse-not-personal violates 2, self-care violates 1');
  });
});

describe('whereabouts-unknown', () => {
  it('d5: the best reply does not recite the guide ("matters most", "whatever you decide") and keeps its scoring; the wrong one asks one question, not a barrage', () => {
    const best = reply('whereabouts-unknown', 'd5-not-mad');
    expect(best.text).not.toMatch(/matters most|whatever you decide/i);
    expect(scored(best)).toBe('safety-is-priority follows 2, remain-accepting follows 1');
    expect(best.feedback).toContain('(Likelihood of Relapse)');
    expect(questions(reply('whereabouts-unknown', 'd5-where').text)).toBe(1);
  });
});

describe('red-flags', () => {
  it('r-denise and r-testify: the wrong replies give the volunteer\'s reason, not "No need to…", and keep their weights', () => {
    for (const id of ['r-denise-agree', 'r-testify-solo']) expect(reply('red-flags', id).text, id).not.toMatch(/no need to|supervisor in yet|loop everyone/i);
    expect(scored(reply('red-flags', 'r-denise-agree'))).toBe('no-jumping-to-conclusions violates 1, consult-supervisor-on-suspicion violates 2');
    expect(scored(reply('red-flags', 'r-testify-solo'))).toBe('legal-support follows 1, team-communication violates 2');
  });

  it('r-new-team: texting Keisha comes with the call to CLC 4, so the choice turns only on the authorization form; its story finds the case manager', () => {
    const k = reply('red-flags', 'r-new-team-text-keisha');
    expect(k.text).toMatch(/CLC 4/);
    expect(scored(k)).toBe('team-communication follows 1, csec-advocate-authorization violates 2, clc-case-manager-role follows 2');
    expect(replyValue(k)).toBe(1);
    expect(bestAt('red-flags', 'r-new-team')).toEqual(['r-new-team-proper']);
    expect(reply('red-flags', 'r-new-team-attorney').text).not.toMatch(/anything done/);
    const scene = bundledScenario('red-flags').nodes.find((n) => n.id === k.next);
    expect(scene && 'narration' in scene ? scene.narration : '').toMatch(/CSEC case manager/);
  });
});

describe('jae-and-hyung', () => {
  it('d2-open: the barrage is replaced by an honest near miss that names the supervisor, so the secret need not say "not even my supervisor"', () => {
    expect(scored(reply('jae-and-hyung', 'd2-rule'))).toBe('consult-supervisor-on-suspicion follows 2, youth-centered violates 1');
    expect(bestAt('jae-and-hyung', 'd2-open')).toEqual(['d2-honest']);
    expect(decision('jae-and-hyung', 'd2-open').replies.filter((r) => questions(r.text) > 1).map((r) => r.id)).toEqual([]);
    expect(reply('jae-and-hyung', 'd2-keep').text).not.toMatch(/supervisor/);
    expect(reply('jae-and-hyung', 'd2-rule').feedback).toContain('(CASA Role and Expectations)');
  });
});

// polish-41: three tells left after the day's rewording. "deserve" was in four replies, all wrong; the guide's
// own terms at whereabouts d2 and d3 were only in the best reply (giveaway report P10); and the best reply at
// four "what you do with it" decisions read "call the supervisor and work out/plan next steps together" (P6).
describe('polish-41: tells left after the rewording', () => {
  const allReplies = () => BUNDLED_IDS.flatMap((id) => bundledScenario(id).nodes.flatMap((n) => (n.kind === 'decision' ? n.replies.map((r) => ({ id: `${id} ${r.id}`, r })) : [])));

  it('"deserve" no longer marks wrong replies: no reply scoring below zero says it, and the phrases taken out are not back', () => {
    const with_ = allReplies().filter(({ r }) => /deserve/i.test(r.text));
    expect(with_.filter(({ r }) => replyValue(r) < 0).map(({ id }) => id)).toEqual([]);
    expect(with_.length).toBeLessThanOrEqual(1);
    for (const { id, r } of allReplies()) expect(r.text, id).not.toMatch(/deserve so much better|deserve to live where|and deserve you|never did\. You deserve/i);
    // Meaning and scoring kept.
    expect(scored(reply('whereabouts-unknown', 'd6-deserve'))).toBe('validate-loss violates 2');
    expect(reply('whereabouts-unknown', 'd6-deserve').text).toMatch(/^You shouldn't miss him, Dez\./);
    expect(scored(reply('jae-and-hyung', 'd1-promise'))).toBe('youth-centered follows 1, review-recommendations violates 2');
    expect(reply('jae-and-hyung', 'd1-promise').text).toMatch(/I'll put it in my report/);
    expect(scored(reply('saturday-shoots', 'd7-cheer'))).toBe('understand-unmet-needs violates 2');
    expect(reply('saturday-shoots', 'd7-cheer').text).toMatch(/never really your friends/);
  });

  it('whereabouts d2 and d3: the guide\'s terms ("advocacy project", "CLC 4") are not in the best reply alone; the best says it plainly, keeps its scoring, and its feedback names the guide\'s terms', () => {
    const W = 'whereabouts-unknown';
    for (const [nodeId, term] of [['d2-evening', /advocacy project/i], ['d3-updates', /CLC ?4/]] as const) {
      const best = bestAt(W, nodeId);
      const using = decision(W, nodeId).replies.filter((r) => term.test(r.text)).map((r) => r.id);
      expect(using.length === 0 || using.some((id) => !best.includes(id)), `${nodeId}: ${using.join(', ')}`).toBe(true);
    }
    expect(bestAt(W, 'd2-evening')).toEqual(['d2-learn']);
    expect(scored(reply(W, 'd2-learn'))).toBe('continuing-education follows 2');
    expect(reply(W, 'd2-learn').feedback).toContain('short-term advocacy projects');
    expect(bestAt(W, 'd3-updates')).toEqual(['d3-checkin']);
    expect(scored(reply(W, 'd3-checkin'))).toBe('monthly-check-ins follows 2, clc-case-manager-role follows 1');
    expect(reply(W, 'd3-checkin').feedback).toMatch(/CLC 4/);
  });

  it('P6: the best replies at the "what you do with it" decisions no longer share "next steps together"; each still takes the suspicion to the supervisor', () => {
    const p6 = [['boy-red-flags', 'd4-next', 'd4-jonah'], ['couch-rent', 'd4-evening', 'd4-naomi'], ['jae-and-hyung', 'd3-car', 'd3-ruth'], ['saturday-shoots', 'd5-car', 'd5-leah'], ['the-list', 'd4-next', 'd4-marcus']] as const;
    for (const [id, nodeId, best] of p6) {
      expect(bestAt(id, nodeId), id).toEqual([best]);
      expect(scored(reply(id, best)), id).toBe('consult-supervisor-on-suspicion follows 2, no-jumping-to-conclusions follows 1');
    }
    expect(p6.filter(([id, , best]) => /next steps together/i.test(reply(id, best).text)).map(([id]) => id).length).toBeLessThanOrEqual(1);
    for (const [id, best] of [['boy-red-flags', 'd4-jonah'], ['jae-and-hyung', 'd3-ruth'], ['saturday-shoots', 'd5-leah']] as const) expect(reply(id, best).text, id).not.toMatch(/work out next steps|plan next steps/i);
  });
});
