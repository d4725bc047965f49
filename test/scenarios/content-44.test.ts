import { describe, expect, it } from 'vitest';
import { computeBest } from '../../src/machines/scoring.js';
import { selectView, startSession, type Debrief, type Scenario } from '../../src/machines/index.js';
import { bundledDecision, bundledReply, bundledScenario } from '../helpers/bundled.js';

// Session 44: judgement calls on content, settled against the guide (scenarios/guide/).
const decision = bundledDecision;
const reply = bundledReply;
const scored = (id: string, nodeId: string, replyId: string) => reply(id, nodeId, replyId).assessments.map((a) => `${a.principle} ${a.verdict} ${a.weight ?? 1}`).sort();
const narration = (id: string, nodeId: string) => {
  const n = bundledScenario(id).nodes.find((x) => x.id === nodeId);
  if (!n) throw new Error(`${id} has no node ${nodeId}`);
  return n.narration ?? '';
};

/** Every playthrough of a scenario (each enabled reply at each decision), with its debrief. */
function everyPlaythrough(s: Scenario): { path: string[]; d: Debrief }[] {
  const out: { path: string[]; d: Debrief }[] = [];
  const walk = (prefix: string[]) => {
    const actor = startSession(s, 'practice');
    const cont = () => {
      while (actor.getSnapshot().can({ type: 'scene.continue' })) actor.send({ type: 'scene.continue' });
    };
    for (const r of prefix) {
      cont();
      actor.send({ type: 'reply.choose', replyId: r });
    }
    cont();
    if (actor.getSnapshot().status === 'done') {
      out.push({ path: prefix, d: actor.getSnapshot().output as Debrief });
      return;
    }
    for (const r of selectView(s, actor.getSnapshot()).replies.filter((x) => x.enabled)) walk([...prefix, r.id]);
  };
  walk([]);
  return out;
}

describe('session 44: content judgement calls', () => {
  // Item 2. d4-call-now ("I'm calling Ana the second I get to my car") is credited with working with
  // the CSW, as every reply taking a suspicion straight to the CSW is (docs/authoring.md, section 10).
  // The scene after it had the volunteer hang up on Ana's voicemail without a message: the story undid
  // the step the reply is credited for. Now the message is left, and Ana's later call fits that path.
  it('youth-discloses: the call to Ana that d4-call-now promises is made, and a message left', () => {
    expect(scored('youth-discloses', 'd4-promise', 'd4-call-now')).toEqual(['consult-supervisor-on-suspicion violates 1', 'csw-partnership follows 1', 'youth-centered violates 1']);
    const alarmed = narration('youth-discloses', 's4-alarmed');
    expect(alarmed).toMatch(/voicemail/);
    expect(alarmed).not.toMatch(/without leaving a message/);
    expect(alarmed).toMatch(/You leave your name and number and ask her to call you back/);
    // Ana's Monday call is not "a routine update" on the path where she has your message.
    expect(narration('youth-discloses', 's6-call-routine')).not.toMatch(/routine/);
  });

  // Item 3. "and so is asking your supervisor" had no section; the guide's list (Court Report)
  // already settles what stays out of the report.
  it('court-report d-health-blank: no uncited praise for asking the supervisor', () => {
    const f = reply('court-report', 'd-health', 'd-health-blank').feedback;
    expect(f).not.toMatch(/so is asking your supervisor/);
    expect(f.match(/\(Court Report\)/g)?.length).toBeGreaterThanOrEqual(2);
  });

  // Item 4. "Continue monthly check-in's with parties" is the guide's word (What if my youth left
  // placement…), but only the best reply said "monthly check-ins": a wrong reply now names them too,
  // scored as before.
  it('left-placement-calls d5-silence: the guide\'s "monthly check-ins" is not only in the best reply', () => {
    const stop = reply('left-placement-calls', 'd5-silence', 'd5-stop');
    expect(stop.text).toMatch(/monthly check-in/);
    expect(scored('left-placement-calls', 'd5-silence', 'd5-stop')).toEqual(['keep-communication-open violates 2', 'monthly-check-ins violates 1']);
    expect(reply('left-placement-calls', 'd5-silence', 'd5-steady').text).toMatch(/monthly check-ins/);
  });

  // Item 5. A playthrough under 50% (Needs review) that reached the mixed ending was told "Rina is
  // still doing well … not everything … has been talked through with her", or one small variant, as
  // a playthrough at 79% is. Now it hears that much of what would help her has not been talked through,
  // and what that does to the visits (a consequence for her, not a verdict on the volunteer: docs section 6).
  it('before-relapse: every playthrough under 50% that ends mixed is told so in its ending', () => {
    const s = bundledScenario('before-relapse');
    const ending = s.nodes.find((n) => n.id === 'end-mixed');
    if (ending?.kind !== 'ending') throw new Error('no end-mixed');
    const low = everyPlaythrough(s).filter(({ d }) => d.ending?.id === 'end-mixed' && d.score.percent < 50);
    expect(low.length).toBeGreaterThan(0);
    const told = new Set(low.map(({ d }) => d.ending?.narration));
    const clinic = ending.variants?.find((v) => JSON.stringify(v.when).includes('report-no-sexual-health'))?.narration;
    for (const n of told) {
      if (n === clinic) continue;
      expect(n).toMatch(/much of what would help her next[\s\S]*polite and short/);
    }
  }, 60_000);

  // Item 6: replies that half do a principle; the feedback says what they did and did not do.
  it('red-flags r-csw-terms: says what it gives the CSW, and what it does not', () => {
    const f = reply('red-flags', 'r-csw', 'r-csw-terms').feedback;
    expect(f).not.toMatch(/^Calling the CSW is right/);
    expect(f).toMatch(/what you have noticed/);
    expect(f).toMatch(/\(Collaboration with Case Parties\)/);
    expect(f).toMatch(/\(What is CSEC\?\)/);
  });

  it('court-report d-status-unconfirmed-suspect: the sentence names the status, it does not hint at it', () => {
    const f = reply('court-report', 'd-status-unconfirmed', 'd-status-unconfirmed-suspect').feedback;
    expect(f).not.toMatch(/hinting/);
    expect(f).toMatch(/\(Court Report\)/);
    expect(f).toMatch(/\(Red Flags\)/);
  });

  it('trafficker-contact d5-shut-back-off: says it passes nothing of what you heard to the CSW', () => {
    const f = reply('trafficker-contact', 'd5-shut', 'd5-shut-back-off').feedback;
    expect(f).toMatch(/Ms\. Reyes/);
    expect(f).toMatch(/\(Collaboration with Case Parties\)/);
    expect(f).toMatch(/\(CASA Role and Expectations\)/);
  });

  it('left-placement-calls d2-send: no uncited step, and the crisis point cites Prohibited Activities', () => {
    const f = reply('left-placement-calls', 'd2-money', 'd2-send').feedback;
    expect(f).not.toMatch(/raise the money with your Advocate Supervisor/);
    expect(f).toMatch(/not first responders \(Prohibited Activities\)/);
  });

  it('boy-red-flags d5-grow: answers what it does with Ray\'s word', () => {
    const f = reply('boy-red-flags', 'd5-words', 'd5-grow').feedback;
    expect(f).toMatch(/\(Using Appropriate Language\)/);
    expect(f).toMatch(/\(Red Flags\)/);
    expect(scored('boy-red-flags', 'd5-words', 'd5-grow')).toEqual(['no-jumping-to-conclusions violates 2']);
  });

  // Since safety-53 d2-open does not score the relapse reassurance (Jae has gone back to no one), so d2-scam's
  // feedback no longer measures "worried for your safety" against it.
  it('jae-and-hyung d2-scam: says what it leaves out, and cites no reassurance the decision does not score', () => {
    const f = reply('jae-and-hyung', 'd2-open', 'd2-scam').feedback;
    expect(f).not.toMatch(/\(Likelihood of Relapse\)/);
    expect(f).toMatch(/\(Red Flags\)/);
    // Three sentences at most, as docs section 6 asks of feedback (it had grown to four, 737 characters).
    expect(f.split(/(?<=[.?!])\s+(?=[A-Z])/).length).toBeLessThanOrEqual(3);
    expect(scored('jae-and-hyung', 'd2-open', 'd2-scam')).toEqual(['non-judgmental violates 2']);
  });

  // d4-honest tells Meron her safety comes first; d4-dawson does not. Since safety-53 d4-secret does not score
  // the relapse reassurance (Meron has gone back to no one), so d4-dawson's feedback no longer faults it for that.
  it('saturday-shoots d4-dawson: is not faulted for a reassurance the decision does not score', () => {
    const f = reply('saturday-shoots', 'd4-secret', 'd4-dawson').feedback;
    expect(f).not.toMatch(/\(Likelihood of Relapse\)/);
    expect(f).toMatch(/\(CASA Role and Expectations\)/);
    expect(scored('saturday-shoots', 'd4-secret', 'd4-dawson')).toEqual(['consult-supervisor-on-suspicion violates 1', 'csw-partnership follows 1', 'youth-centered violates 1']);
  });

  it('testifying d1-tell-court: Mr. Osei\'s role is cited', () => {
    const f = reply('testifying', 'd1-have-to', 'd1-tell-court').feedback;
    expect(f).toMatch(/\(Collaboration with Case Parties\)/);
  });

  // Item 7. docs/authoring.md section 5, "What missed means": a principle another reply follows, and
  // the reply taken does not assess, is a missed chance. Where the best reply did not assess it either,
  // a volunteer who took a third reply was told they missed what best practice does not do.
  it.each([
    ['court-report', 'd-school', 'youth-centered'],
    ['red-flags', 'r-new-team', 'team-communication'],
    ['whereabouts-unknown', 'd7-ride', 'safety-is-priority'],
  ])('%s %s: the best reply does everything another reply there is credited for (%s)', (id, nodeId, principle) => {
    const s = bundledScenario(id);
    const best = computeBest(s).path.find((p) => p.nodeId === nodeId);
    if (!best) throw new Error(`the best path does not pass ${nodeId}`);
    const n = decision(id, nodeId);
    const bestReply = n.replies.find((r) => r.id === best.replyId);
    const followedHere = new Set(n.replies.flatMap((r) => r.assessments.filter((a) => a.verdict === 'follows').map((a) => a.principle)));
    expect(followedHere).toContain(principle);
    for (const p of followedHere) expect(bestReply?.assessments.some((a) => a.principle === p && a.verdict === 'follows'), `${best.replyId} follows ${p}`).toBe(true);
  });
});
