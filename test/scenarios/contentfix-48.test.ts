import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../src/machines/schema/scenario.js';
import { bundledDecision, bundledReply, bundledScenario } from '../helpers/bundled.js';
import { decisionKey } from '../helpers/answer-key.js';
import { driveReplies, toldAt as told } from '../helpers/play.js';

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
