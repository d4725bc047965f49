import { describe, expect, it } from 'vitest';
import { whenHolds } from '../../src/machines/conditions.js';
import { scoreOf } from '../../src/machines/conduct.js';
import { getPrinciple, getSection, principles } from '../../src/machines/guide.js';
import { answerKeyFigures, wordingMisses } from '../../src/machines/audit/index.js';
import { replyValue } from '../../src/machines/scenario-index.js';
import { computeBest } from '../../src/machines/scoring.js';
import { bundledReply, bundledScenario } from '../helpers/bundled.js';
import { endedOn } from '../helpers/story.js';
import { walkPlaythroughs } from '../helpers/walk.js';

// Session lpc-54: left-placement-calls ("The 11:40 p.m. call"). Ari left her placement without permission,
// calls at night and comes back to her placement five weeks later; the story never has her go back to anyone
// exploiting her. Three replies were credited on safety-is-priority and the learning goals listed it, with
// feedback saying "putting her safety first (Likelihood of Relapse)". The guide asks for that reassurance only
// "Should a youth return to their trafficker", and principles.json carries the condition. Each credit is now
// on what the guide says for this situation, and the knock-ons (best total, near misses, the strong ending's
// "no plan" variant) still hold.

const ID = 'left-placement-calls';
const s = () => bundledScenario(ID);

/** Principles whose rule (principles.json) holds only once the youth has gone back to the person exploiting them. */
const onlyAfterReturnToExploiter = principles.filter((p) => /^If the youth (goes back|returns) to the person exploiting them\b/.test(p.rule)).map((p) => p.id);

const decisions = () => s().nodes.flatMap((n) => (n.kind === 'decision' ? [n] : []));
const replies = () => decisions().flatMap((d) => d.replies);
const scored = (node: string, reply: string) => bundledReply(ID, node, reply).assessments.map((a) => `${a.principle} ${a.verdict} ${a.weight ?? 1}`).join(', ');
const cites = (principle: string) => `(${getSection(getPrinciple(principle)?.section ?? '')?.heading})`;

describe('story-54a: left-placement-calls scores what the guide says for a youth who left placement, not the relapse reassurance', () => {
  it('principles.json carries the condition on safety-is-priority and remain-accepting', () => {
    expect(onlyAfterReturnToExploiter).toEqual(expect.arrayContaining(['safety-is-priority', 'remain-accepting']));
  });

  it('the story has Ari go back to no one exploiting her', () => {
    const told = [s().summary, s().contentNote, ...s().characters.map((c) => c.description ?? ''),
      ...s().nodes.flatMap((n) => [n.narration ?? '', ...('lines' in n ? (n.lines ?? []).map((l) => l.text) : []), ...(n.kind === 'ending' ? (n.variants ?? []).map((v) => v.narration) : [])])].join(' ');
    // The going back it tells is to her placement ("Ari never went back to her placement") and to her room.
    expect(told).toMatch(/never went back to her placement/);
    expect(told).not.toMatch(/traffick|exploiter|exploiting her|pimp|(went|goes|gone) back to (him|her|them)\b(?! (placement|room))/i);
  });

  it('no reply is scored on a principle that holds only after a return to the person exploiting the youth, and no learning goal names one', () => {
    const credited = replies().flatMap((r) => r.assessments.filter((a) => onlyAfterReturnToExploiter.includes(a.principle)).map((a) => `${r.id} ${a.principle}`));
    expect(credited).toEqual([]);
    expect(s().learningGoals.filter((g) => onlyAfterReturnToExploiter.includes(g))).toEqual([]);
  });

  it('no feedback or trainer note gives the reassurance or cites Likelihood of Relapse for it', () => {
    const said = [...replies().map((r) => `${r.id}: ${r.feedback}`), ...decisions().flatMap((d) => [`${d.id}: ${d.facilitatorNote ?? ''}`, `${d.id}: ${d.discussionPrompt ?? ''}`])];
    expect(said.filter((t) => /main priority|regardless of|safety (comes )?first|\(Likelihood of Relapse\)/i.test(t))).toEqual([]);
  });

  it('d1-redirect: the redirect to the CSW tonight, scored where the guide says it (Prohibited Activities; Collaboration with Case Parties)', () => {
    expect(scored('d1-call', 'd1-redirect')).toBe('no-picking-up follows 3, csw-partnership follows 2');
    const r = bundledReply(ID, 'd1-call', 'd1-redirect');
    expect(r.text).toMatch(/I'm calling Tomas right now so he can make arrangements/);
    expect(r.feedback).toMatch(/redirected to her CSW to make arrangements, exactly as the guide asks \(Prohibited Activities\)/);
    expect(r.feedback).toMatch(/safety and wellbeing \(Collaboration with Case Parties\)/);
  });

  it('d2-send: sends Gabi\'s number tonight (a resource that can reduce harm) and still the cash; a near miss, warm, not the best', () => {
    const r = bundledReply(ID, 'd2-money', 'd2-send');
    expect(r.text).toMatch(/Zelle you fifty now, and I'm texting you your case manager Gabi's number/);
    expect(scored('d2-money', 'd2-send')).toBe('resources-reduce-harm follows 1, respect-mindset-boundaries violates 2');
    expect(r.feedback).toMatch(/^Gabi's number is a resource that can reduce the possibility of harm \(What if my youth returns from leaving placement\?\)/);
    expect(r.feedback).toMatch(/The guide says nothing about money/);
    expect(r.feedback).toMatch(/CASAs are not first responders \(Prohibited Activities\)\.$/);
  });

  it('d7-promise: asks what makes her want to go (Harm Reduction) beside the promise no one can give', () => {
    const r = bundledReply(ID, 'd7-return', 'd7-promise');
    expect(r.text).toMatch(/promise me you won't leave again.*if something here is making you want to go, tell me/);
    expect(scored('d7-return', 'd7-promise')).toBe('harm-reduction-unmet-needs follows 1, resources-reduce-harm violates 1, respect-mindset-boundaries violates 1');
    expect(r.feedback).toMatch(/exploring why youth leave care and what needs remain unmet \(Harm Reduction\)/);
    expect(r.feedback).toMatch(/cannot stop a child from running away/);
  });

  it('every feedback of the three cites the section of each principle it is scored on', () => {
    for (const [node, reply] of [['d1-call', 'd1-redirect'], ['d2-money', 'd2-send'], ['d7-return', 'd7-promise']] as const) {
      const r = bundledReply(ID, node, reply);
      for (const a of r.assessments) expect(r.feedback, `${reply} ${a.principle}`).toContain(cites(a.principle));
    }
  });
});

describe('story-54a: left-placement-calls, the knock-ons of the re-citing hold', () => {
  it('the best total is still 28, on the same best path; the best reply at d1 and d7 is worth more than the others and not the longest', () => {
    const best = computeBest(s());
    expect(best.best).toBe(28);
    expect(best.path.map((p) => p.replyId)).toEqual(['d1-redirect', 'd2-resources', 'd3-door-open', 'd4-clear', 'd5-steady', 'd6-learn', 'd7-safety-plan', 'd8-needs']);
    for (const [node, id] of [['d1-call', 'd1-redirect'], ['d7-return', 'd7-safety-plan']] as const) {
      const d = decisions().find((x) => x.id === node)!;
      const top = d.replies.find((r) => r.id === id)!;
      expect(d.replies.filter((r) => r !== top).every((r) => replyValue(r) < replyValue(top)), node).toBe(true);
      expect(top.text.length, node).toBeLessThan(Math.max(...d.replies.map((r) => r.text.length)));
    }
  });

  it('the answer key holds: half its decisions or more have a near miss, d2-money and d7-return among them, and audited alone it passes the wording shares', () => {
    const f = answerKeyFigures([s()]);
    expect(f.percent.nearMiss).toBeGreaterThanOrEqual(50);
    expect(f.perDecision.filter((d) => d.nearMiss).map((d) => d.decisionId)).toEqual(expect.arrayContaining(['d2-money', 'd7-return']));
    expect(wordingMisses(f)).toEqual([]);
  });

  // Every ending, and each of its variants, is told on some playthrough; the strong ending only after good
  // conduct (80% or more, nothing critical, never the rescuer).
  it('every ending and every ending variant is told on some playthrough, and the strong ending only after good conduct', () => {
    const told = new Set<string>();
    const strong: { percent: number; critical: number; rescuing: number }[] = [];
    walkPlaythroughs(s(), ({ ending, vars, conduct }) => {
      const k = ending.variants?.findIndex((v) => whenHolds(v.when, vars, conduct)) ?? -1;
      told.add(k < 0 ? `${ending.id} narration` : `${ending.id} variant ${k}`);
      if (ending.ending === 'strong') strong.push({ percent: scoreOf(conduct), critical: conduct.critical, rescuing: Number(vars.rescuing ?? 0) });
    });
    const all = s().nodes.flatMap((n) => (n.kind === 'ending' ? [`${n.id} narration`, ...(n.variants ?? []).map((_, k) => `${n.id} variant ${k}`)] : []));
    expect(all.filter((x) => !told.has(x))).toEqual([]);
    expect(strong.length).toBeGreaterThan(0);
    expect(strong.filter((x) => x.percent < 80 || x.critical > 0 || x.rescuing > 0)).toEqual([]);
  });

  it('the strong ending\'s "no plan" variant is told on a sensible path: best practice, but a promise asked for instead of a plan', () => {
    const d = endedOn(ID, ['d1-redirect', 'd2-resources', 'd3-door-open', 'd4-clear', 'd5-steady', 'd6-learn', 'd7-promise', 'd8-needs']);
    expect(d.ending?.id).toBe('end-strong');
    expect(d.ending?.narration).toMatch(/the visit went to your worries, not to a plan in her own words/);
    expect(d.ending?.narration).toMatch(/no plan of her own yet/);
  });
});
