import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../src/machines/schema/scenario.js';
import { bundledDecision, bundledReply, bundledScenario } from '../helpers/bundled.js';
import { decisionKey } from '../helpers/answer-key.js';
import { driveReplies, nodesBetween, shownAt, toldAt as told } from '../helpers/play.js';

// Session contentfix-48: small story-continuity slips that today's fresh readers reported, each fixed with the
// smallest change to the text that keeps the scoring, the reply lengths and the guide's words as they were.

/** Every text shown on a playthrough of these replies (narration and lines, and each chosen reply), in order. */
const textsOn = (s: Scenario, replies: readonly string[]): { node: string; text: string; speaker?: string }[] => {
  const { nodes } = driveReplies(s, replies, true);
  const chosen = new Set(replies);
  return nodes.flatMap((id) => {
    const n = s.nodes.find((x) => x.id === id);
    if (!n) return [];
    const out: { node: string; text: string; speaker?: string }[] = [];
    if ('narration' in n && n.narration) out.push({ node: id, text: n.narration });
    for (const l of n.lines ?? []) out.push({ node: id, text: l.text, speaker: l.character });
    if (n.kind === 'decision') for (const r of n.replies) if (chosen.has(r.id)) out.push({ node: id, text: r.text });
    return out;
  });
};

/** Whether the best reply at a decision is the longest and the shortest there: kept as it was before the change. */
const bestLength = (scenarioId: string, decisionId: string, was: { longest: boolean; shortest: boolean }) => {
  const key = decisionKey(scenarioId, bundledDecision(scenarioId, decisionId));
  expect({ longest: key.bestLongest, shortest: key.bestShortest }, `${scenarioId} ${decisionId}`).toEqual(was);
};

describe('session contentfix-48: youth-relapses', () => {
  const yr = (): Scenario => bundledScenario('youth-relapses');

  // Jazz said "He remembers my birthday. My mom doesn't even."; the best reply answered "He was there every day",
  // which she never said.
  it('d3-not-stupid rests on what Jazz said (her birthday remembered), not on "he was there every day"', () => {
    expect(told(yr(), 'd3-miss')).toContain("He remembers my birthday. My mom doesn't even.");
    const text = bundledReply('youth-relapses', 'd3-miss', 'd3-not-stupid').text;
    expect(text).not.toMatch(/every day/i);
    expect(text).toMatch(/\bremember(s|ed|ing)?\b|\bbirthday\b/i);
    expect(text).toMatch(/you can miss him without going back to him/);
    bestLength('youth-relapses', 'd3-miss', { longest: false, shortest: false });
  });

  // d5-safety ends on "If he keeps texting, what would help?" and d5-block on "Let's block him together, tonight";
  // the next scene had Jazz go straight to DREAM court without a word about either.
  it('after d5-safety and d5-block Jazz answers (or turns it down) before she changes the subject to DREAM court', () => {
    const before = ['d1-glad', 'd2-process', 'd3-not-stupid', 'd4-plan'];
    const heard = (reply: string): string[] => {
      const texts = textsOn(yr(), [...before, reply]);
      const at = texts.findIndex((t) => t.text === bundledReply('youth-relapses', 'd5-phone', reply).text);
      const dream = texts.findIndex((t) => /DREAM court/.test(t.text));
      expect(at, reply).toBeGreaterThanOrEqual(0);
      expect(dream, reply).toBeGreaterThan(at);
      return texts.slice(at + 1, dream).filter((t) => t.speaker === 'jazz').map((t) => t.text);
    };
    const helps = heard('d5-safety');
    expect(helps).toHaveLength(1);
    expect(helps[0]).toMatch(/\bBri\b/);
    const block = heard('d5-block');
    expect(block).toHaveLength(1);
    expect(block[0]).toMatch(/not ready/);
    // the reply the scene answers is still the one it follows
    expect(bundledReply('youth-relapses', 'd5-phone', 'd5-safety').text).toMatch(/If he keeps texting, what would help\?$/);
  });
});

describe('session contentfix-48: testifying', () => {
  const t = (): Scenario => bundledScenario('testifying');

  // After d6-block the volunteer deleted the cousin's message and told no one, yet Selene said she was scared "his
  // cousin's gonna be there": nothing said how she knew of him. The message itself now says he tried to reach her.
  it('before Selene names his cousin, the story has said the cousin tried to reach her (on the paths where you told no one)', () => {
    const paths = [
      ['d1-scary', 'd2-around', 'd3-team', 'd4-arrange', 'd5-check', 'd6-block'],
      ['d1-right', 'd2-practise', 'd3-wait', 'd4-home', 'd5-theirs', 'd6-block'],
      ['d1-scary', 'd2-around', 'd3-team', 'd4-arrange', 'd5-check', 'd6-forward'],
    ];
    const scenes = new Set<string>();
    for (const path of paths) {
      const texts = textsOn(t(), path);
      const first = texts.findIndex((x) => x.speaker === 'selene' && /\bcousin\b/.test(x.text));
      expect(first, path.join(' ')).toBeGreaterThan(0);
      scenes.add(texts[first]?.node ?? '');
      const earlier = texts.slice(0, first).filter((x) => x.speaker === 'account').map((x) => x.text);
      expect(earlier.join(' '), path.join(' ')).toMatch(/\bshe blocked me\b/);
    }
    expect([...scenes].sort()).toEqual(['s6-call', 's6-text']);
  });

  // The hearing is the morning after the call, at 8:30; d7-da promised to call the DA's office "first thing tomorrow".
  it('d7-da does not promise to call the DA\'s office "first thing tomorrow", the hearing\'s own morning', () => {
    expect(told(t(), 's3-friday')).toMatch(/at 8:30/);
    expect(told(t(), 's6-call')).toMatch(/The night before the hearing/);
    expect(told(t(), 's6-text')).toMatch(/The night before the hearing/);
    const da = bundledReply('testifying', 'd7-worry', 'd7-da');
    expect(da.text).not.toMatch(/tomorrow/i);
    expect(da.text).toMatch(/\btonight\b/);
    expect(da.text).toMatch(/DA's office/);
    expect(da.assessments).toEqual([
      { principle: 'youth-centered', verdict: 'follows', weight: 1 },
      { principle: 'team-communication', verdict: 'violates', weight: 1 },
    ]);
    bestLength('testifying', 'd7-worry', { longest: false, shortest: false });
  });
});

describe('session contentfix-48: dual-involvement', () => {
  const di = (): Scenario => bundledScenario('dual-involvement');
  const BEST = ['d1-supervisor', 'd2-introduce', 'd3-strengths', 'd4-explain', 'd5-form', 'd6-needs', 'd7-team', 'd8-secondary'];

  // d7-team said "your CLC lawyer": nothing in the story sets up Rithy's dependency attorney or says what CLC is.
  it('d7-team names Rithy\'s dependency lawyer in words that need no setup', () => {
    const all = di().nodes.flatMap((n) => [...shownAt(di(), n.id), ...(n.kind === 'decision' ? n.replies.map((r) => r.text) : [])]).join(' ');
    expect(all).not.toMatch(/\bCLC\b|Children's Law Center/);
    const team = bundledReply('dual-involvement', 'd7-testify', 'd7-team');
    expect(team.text).toMatch(/\byour dependency lawyer\b/);
    expect(team.text).toMatch(/Mr\. Trujillo/);
    bestLength('dual-involvement', 'd7-testify', { longest: false, shortest: true });
  });

  // d4-unsure promised to tell Rithy what Beth said "on Saturday"; the next Saturday opened on Roz, the courts
  // never mentioned again.
  it('after d4-unsure the next Saturday visit starts with what Beth said about the two courts; after the other replies it does not', () => {
    expect(bundledReply('dual-involvement', 'd4-courts', 'd4-unsure').text).toMatch(/I'll ask Beth and tell you what I find out on Saturday\.$/);
    const saturday = (d4: string): string => {
      const path = BEST.map((r) => (r.startsWith('d4-') ? d4 : r));
      const { nodes } = driveReplies(di(), path, true);
      const title = (id: string): string => {
        const n = di().nodes.find((x) => x.id === id);
        return n && 'title' in n ? (n.title ?? '') : '';
      };
      return nodesBetween(nodes, 'd4-courts', 'd6-roz').map((id) => `${title(id)} ${told(di(), id)}`).join(' ');
    };
    const unsure = saturday('d4-unsure');
    expect(unsure).toMatch(/The next Saturday/);
    expect(unsure).toMatch(/Beth/);
    expect(unsure).toMatch(/DREAM court is a dependency court/);
    expect(unsure).toMatch(/STAR court is part of delinquency court/);
    expect(unsure.indexOf('DREAM court')).toBeLessThan(unsure.indexOf('Everybody keeps asking about Roz'));
    for (const other of ['d4-explain', 'd4-swap']) expect(saturday(other), other).not.toMatch(/DREAM|STAR|Beth/);
  });
});

describe('session contentfix-48: harm-reduction', () => {
  const hr = (): Scenario => bundledScenario('harm-reduction');
  const upTo = (d3: string) => ['d1-glad', 'd2-need', d3];

  // The home would not pay for "the gym" at forty a month, while the report scene said he had already joined a boxing
  // gym and the best paragraph says he boxes at one.
  it('s8-recommend agrees that Elías already goes to the gym: what the home will not pay for is what comes next', () => {
    expect(told(hr(), 's7-report')).toMatch(/He joined a boxing gym near the group home/);
    expect(bundledReply('harm-reduction', 'd8-report', 'd8-steps').text).toMatch(/He boxes at a gym/);
    const recommend = told(hr(), 's8-recommend');
    expect(recommend).toMatch(/forty a month/);
    expect(recommend).toMatch(/free (month|trial)[^.]*(almost |nearly )?(up|over|done)/);
    expect(recommend).toMatch(/not in their budget/);
  });

  // After d3-ride ("you call me and I'll come get you") the scene asked him who he would call, as if the volunteer
  // had not just answered that.
  it('after d3-ride the next scene follows the offer (his number saved, who else he would call); after d3-plan it is as before', () => {
    const after = (d3: string): string => {
      const { nodes } = driveReplies(hr(), upTo(d3), true);
      return nodesBetween(nodes, 'd3-weekends', 'd4-plan').map((id) => told(hr(), id)).join(' ');
    };
    const ride = after('d3-ride');
    expect(ride).not.toMatch(/ask who he would call/);
    expect(ride).toMatch(/your number/);
    expect(ride).toMatch(/who else he would call/);
    expect(ride).toMatch(/Besides you\?/);
    expect(ride).toMatch(/tía Rosa/);
    const plan = after('d3-plan');
    expect(plan).toMatch(/ask who he would call if a night went wrong/);
    expect(plan).not.toMatch(/Besides you/);
  });
});
