import { describe, expect, it } from 'vitest';
import { whenHolds } from '../../src/machines/conditions.js';
import { bundledScenario } from '../helpers/bundled.js';
import { driveReplies, toldAt } from '../helpers/play.js';
import { toldBetween } from '../helpers/story.js';
import { walkPlaythroughs } from '../helpers/walk.js';

// Session storya-51: story-continuity faults earlier readers listed in dual-involvement and jae-and-hyung, left
// unfixed (something told twice to a volunteer who already knew it; a text from the youth nobody answers; an
// ending whose words are not true for the paths that reach it). Each case plays the paths that showed the fault.
// Scoring is unchanged.

/** The nodes a playthrough passes through (each reply must be on offer where it is chosen). */
const nodesOn = (id: string, replies: string[]) => driveReplies(bundledScenario(id), replies, true).nodes;


describe('storya-51: dual-involvement, the next hearing is told once', () => {
  // d1-hearing: the volunteer sat in the courtroom when the judge set the next hearing in three weeks
  // (s2-at-hearing). After d2-ask (no introduction), s2-cold had Mr. Trujillo tell it again, as news.
  it.each([
    ['d1-hearing', 's2-at-hearing'],
    ['d1-supervisor', 's2-after-call'],
    ['d1-wait', 's2-after-call'],
  ])('after %s and a call that does not introduce you, the date is told at %s and not again in s2-cold', (first, where) => {
    const nodes = nodesOn('dual-involvement', [first, 'd2-ask']);
    expect(nodes).toEqual(expect.arrayContaining([where, 's2-cold', 'd3-hearing']));
    const told = toldBetween('dual-involvement', [first, 'd2-ask'], 'd2-intro', 'd3-hearing');
    expect(told.match(/three weeks/g)).toHaveLength(1);
    const cold = toldAtNode('dual-involvement', 's2-cold');
    expect(cold).not.toMatch(/three weeks|next hearing is/);
    // What is new to the volunteer is still told: Ms. Adeyemi's silence since the call (she was reached, so not
    // "has not called back": storyb-52), and that Mr. Trujillo will be there.
    expect(cold).toMatch(/She has not been in touch since/);
    expect(cold).toMatch(/he plans to be there himself/);
  });
});

describe('storya-51: jae-and-hyung, after the family dinner', () => {
  const BEST = ['d1-ask', 'd2-honest', 'd3-ruth', 'd4-decline', 'd5-clc', 'd6-loss', 'd7-support'];
  // Jae shut down at d1 and the volunteer called the police: another way to the same dinner.
  const LOW = ['d1-grill', 'd2s-press', 'd3-police', 'd4-decline', 'd5-quiet', 'd6-truth', 'd7-wait'];
  const TEXT = /umma says u went to the dinner\. u sat at a table w him\?\?/;

  // s4-dinner-listen and s4-dinner-confront end on Jae's text that night; the next scene, the café in December,
  // went straight to papers as if he had sent nothing. Jae now brings the dinner up first, as fits what you did there.
  it.each([
    ['d4-listen', /Umma says you didn't say anything\. You just sat there while he talked\./],
    ['d4-confront', /Umma says you told him to leave me alone\. In front of everybody\./],
  ])('after %s, the café answers his text before it turns to papers', (dinner, answer) => {
    for (const way of [BEST, LOW]) {
      const replies = way.map((r) => (r === 'd4-decline' ? dinner : r));
      const told = toldBetween('jae-and-hyung', replies, 'd4-dinner', 'd5-papers');
      expect(told).toMatch(TEXT);
      expect(told).toMatch(/you'd rather talk about it in person/);
      expect(told).toMatch(answer);
      expect(told).toMatch(/Mr\. Serrano asked if I have papers/);
      const at = (re: RegExp) => told.search(re);
      expect(at(TEXT)).toBeLessThan(at(answer));
      expect(at(answer)).toBeLessThan(at(/Mr\. Serrano asked if I have papers/));
    }
  });

  it.each(['d4-decline', 'd4-text'])('after %s, with no dinner, the café says nothing of one', (reply) => {
    const told = toldBetween('jae-and-hyung', BEST.map((r) => (r === 'd4-decline' ? reply : r)), 'd4-dinner', 'd5-papers');
    expect(told).not.toMatch(/dinner|in person/);
    expect(told).toMatch(/Mr\. Serrano asked if I have papers/);
  });

  // The harmful ending's "contacted" variant said Sung-min "tells the whole family his own version of what passed
  // between him and Jae's CASA", and Ms. Yoon stopped answering your calls. After the dinner the whole family had
  // been at the table to see it, and Ms. Yoon had asked you to come. Every playthrough through the dinner is walked.
  it('every playthrough through the dinner ends harmful on words true for it; the text to Sung-min keeps its own', () => {
    const told = new Map<string, Set<string>>();
    walkPlaythroughs(bundledScenario('jae-and-hyung'), ({ ending, vars, conduct, path }) => {
      const d4 = path.find((r) => r.startsWith('d4-')) ?? '';
      const narration = ending.variants?.find((v) => whenHolds(v.when, vars, conduct))?.narration ?? ending.narration;
      if (['d4-listen', 'd4-confront', 'd4-text'].includes(d4)) expect(ending.id, path.join(' ')).toBe('end-harmful');
      if (!told.has(d4)) told.set(d4, new Set());
      told.get(d4)?.add(narration);
    });
    for (const dinner of ['d4-listen', 'd4-confront']) {
      const texts = [...(told.get(dinner) ?? [])];
      expect(texts, dinner).toHaveLength(1);
      expect(texts[0]).toMatch(/you sat at a table with Sung-min, and the whole family saw it/);
      expect(texts[0]).not.toMatch(/his own version|what passed between|stops answering your calls/);
      expect(texts[0]).toMatch(/He doesn't go to the screening/);
    }
    const text = [...(told.get('d4-text') ?? [])];
    expect(text).toHaveLength(1);
    expect(text[0]).toMatch(/his own version of what passed between him and Jae's CASA/);
    expect(text[0]).not.toMatch(/dinner|table/);
  });
});

function toldAtNode(id: string, nodeId: string): string {
  return toldAt(bundledScenario(id), nodeId);
}
