import { expect } from 'vitest';
import { replyValue } from '../../src/machines/scenario-index.js';
import { BUNDLED_IDS, bundledReply, bundledScenario } from './bundled.js';

// A phrase said only by best replies, in two scenarios or more, teaches a volunteer who has played both to
// "pick the one with X" without the guide (content2-47, diffread-47 and the worked example's test).

/** A text's words, lower case, curly apostrophes made straight. */
export const words = (text: string): string[] => text.toLowerCase().replace(/\u2019/g, "'").match(/[a-z']+/g) ?? [];

/** Whether a text says a phrase (whole words, case and punctuation aside). */
export const says = (text: string, phrase: string): boolean => ` ${words(text).join(' ')} `.includes(` ${phrase} `);

/** A reply's assessments in one line: "safety-planning follows 2, csw-partnership follows 1". */
export const scored = (id: string, node: string, reply: string): string =>
  bundledReply(id, node, reply).assessments.map((a) => `${a.principle} ${a.verdict} ${a.weight ?? 1}`).join(', ');

/** Where a phrase is said in the bundled set: by best replies (their scenarios) and by any other reply ("id/reply"). */
export function whereSaid(phrase: string): { inBest: Set<string>; elsewhere: string[] } {
  const inBest = new Set<string>();
  const elsewhere: string[] = [];
  for (const id of BUNDLED_IDS) {
    for (const n of bundledScenario(id).nodes) {
      if (n.kind !== 'decision') continue;
      const top = Math.max(...n.replies.map(replyValue));
      for (const r of n.replies) {
        if (!says(r.text, phrase)) continue;
        if (replyValue(r) === top) inBest.add(id);
        else elsewhere.push(`${id}/${r.id}`);
      }
    }
  }
  return { inBest, elsewhere };
}

/** Fails when a phrase marks the best reply: said only by best replies, in two scenarios or more (whereSaid). */
export function expectNoTell(phrase: string): void {
  const { inBest, elsewhere } = whereSaid(phrase);
  expect(inBest.size >= 2 && elsewhere.length === 0, `"${phrase}": best in ${[...inBest].join(', ')}; elsewhere in ${elsewhere.join(', ') || 'none'}`).toBe(false);
}
