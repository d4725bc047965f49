import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPlayable } from '../../../src/terminal/scenario-source.js';

// The scenario the scene-numbering tests play (test/terminal/*-scene-numbers.test.*), and how they load one.

const reply = (id: string, next: string, verdict: 'follows' | 'violates' = 'follows') => ({
  id, text: `Reply ${id}.`, feedback: 'It matters (Stages of Exiting CSEC Involvement).', assessments: [{ principle: 'non-judgmental', verdict }], next,
});

/**
 * Three scenes (the second titled) before a decision; its first reply goes through two more scenes
 * to a second decision, its second through one; the second decision through one scene to the end.
 */
export function branching(): string {
  const scene = (id: string, next: string, title?: string) => ({ id, kind: 'scene', ...(title ? { title } : {}), narration: `Narration of ${id}.`, next });
  const decision = (id: string, replies: unknown[]) => ({ id, kind: 'decision', title: `Decision ${id}`, narration: 'Maya waits.', prompt: 'What do you say?', facilitatorNote: 'Note.', discussionPrompt: 'Prompt?', replies });
  return JSON.stringify({
    id: 'scene-numbers', version: 1, title: 'Scene numbers', summary: 'Scene numbers.', contentNote: 'None.', estimatedMinutes: 5,
    learningGoals: ['non-judgmental'], characters: [{ id: 'maya', name: 'Maya', role: 'youth' }], start: 's0',
    nodes: [
      scene('s0', 's1'), scene('s1', 's2', 'The bus'), scene('s2', 'd1'),
      decision('d1', [reply('d1-a', 'a0'), reply('d1-b', 'b0', 'violates')]),
      scene('a0', 'a1'), scene('a1', 'd2'), scene('b0', 'd2'),
      decision('d2', [reply('d2-a', 'last'), reply('d2-b', 'last', 'violates')]),
      scene('last', 'end-mixed'),
      { id: 'end-mixed', kind: 'ending', ending: 'mixed', title: 'End', narration: 'It ends.' },
    ],
  });
}


/** A scenario's text written to a file of its own and loaded as the app loads one (a generated chain, or branching()). */
export function playable(text: string) {
  const dir = mkdtempSync(join(tmpdir(), 'chain-'));
  const path = join(dir, 'scenario.json');
  writeFileSync(path, text);
  const p = loadPlayable(path);
  if ('problems' in p) throw new Error(p.problems);
  return p;
}
