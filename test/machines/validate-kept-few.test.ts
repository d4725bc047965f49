import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../src/machines/validate/index.js';

/**
 * A node out of reach is offered the ids named by a "next" that no node is like, as the way meant to
 * it, when there are three or fewer (semantic.ts, unpaired): only those first three are kept, and
 * that there were more, not every such id (100,000 of them for nodes whose "id" is written "ID").
 */
describe('unreachable: the unknown ids offered as the way meant', () => {
  const scenario = (ids: string[]) => JSON.stringify({
    id: 'unpaired', version: 1, title: 'T', summary: 'S.', contentNote: 'None.', estimatedMinutes: 5,
    learningGoals: ['non-judgmental'], characters: [{ id: 'maya', name: 'Maya', role: 'youth' }], start: 'd1',
    nodes: [
      { id: 'd1', kind: 'decision', prompt: 'P?', facilitatorNote: 'N.', discussionPrompt: 'Q?', replies: [...ids, ids[0], 'end'].map((next, k) => ({
        id: `d1-${k}`, text: `Maya ${k}.`, feedback: 'Good (Red Flags).', assessments: [{ principle: 'non-judgmental', verdict: 'follows' }], next })) },
      { id: 'far-away', kind: 'scene', narration: 'Maya waits.', next: 'end' },
      { id: 'end', kind: 'ending', ending: 'mixed', title: 'End', narration: 'Maya ends.' },
    ],
  }, null, 2);
  const unreachable = (ids: string[]) => validateScenario(scenario(ids), 'x.json').problems.find((p) => p.code === 'unreachable')?.message;

  it('three ids (one named twice) are offered; a fourth, and none is', () => {
    expect(unreachable(['qqq', 'www', 'zzz'])).toContain('A "next" names "qqq" or "www" or "zzz", which are not nodes of this scenario');
    expect(unreachable(['qqq', 'www', 'zzz', 'yyy'])).toMatch(/^Node "far-away" can never be reached from the start, "d1"\.[^"]*$/);
  });
});

/**
 * The places naming an id written under "ID" are folded into the error at that node, when one node
 * only holds it (semantic.ts, naming: how many hold each id is counted with the places naming it).
 */
describe('an id written under "ID" by two nodes', () => {
  const scenario = (holders: number) => JSON.stringify({
    id: 'holders', version: 1, title: 'T', summary: 'S.', contentNote: 'None.', estimatedMinutes: 5,
    learningGoals: ['non-judgmental'], characters: [{ id: 'maya', name: 'Maya', role: 'youth' }], start: 'a',
    nodes: [
      { id: 'a', kind: 'scene', narration: 'Maya waits.', next: 'after' },
      ...Array.from({ length: holders }, () => ({ ID: 'after', kind: 'scene', narration: 'Maya waits.', next: 'end' })),
      { id: 'end', kind: 'ending', ending: 'mixed', title: 'End', narration: 'Maya ends.' },
    ],
  }, null, 2);
  const codes = (holders: number) => validateScenario(scenario(holders), 'x.json').problems.map((p) => p.code).filter((c) => c === 'unknown-node' || c === 'unknown-field');

  it('is left as it is; held by one, the "next" naming it is folded into the error there', () => {
    expect(codes(1)).toEqual(['unknown-field']);
    // (The two unknown-field errors, alike, are one that counts them.)
    expect(codes(2)).toEqual(['unknown-node', 'unknown-field']);
  });
});
