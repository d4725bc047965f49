import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../src/machines/validate/index.js';

/**
 * The words of the unknown-field error at a misspelt required field ("ID" for "id") are written once
 * and shared by the errors that say the same (schema-issues.ts, renameWords): 100,000 nodes whose
 * "id" is written "ID" held 100,000 copies. Each error still says its own field, kind and name.
 */
describe('a misspelt required field: the words are its own', () => {
  const scenario = (nodes: unknown[]) => JSON.stringify({
    id: 'rename-words', version: 1, title: 'T', summary: 'S.', contentNote: 'None.', estimatedMinutes: 5,
    learningGoals: ['non-judgmental'], characters: [{ id: 'maya', name: 'Maya', role: 'youth' }], start: 'a', nodes,
  }, null, 2);
  const reply = (id: string, extra: Record<string, unknown> = {}) => ({ id, text: 'Hi.', feedback: 'Good (Red Flags).', assessments: [{ principle: 'non-judgmental', verdict: 'follows' }], next: 'end', ...extra });
  const renames = (text: string) => validateScenario(text, 'x.json').problems.filter((p) => p.code === 'unknown-field').map((p) => `${p.message.split('?')[0]}? | ${p.fix.split(',')[0]}`);

  it('one after another, each with its own field written, kind and field missing', () => {
    const text = scenario([
      { id: 'a', kind: 'scene', narration: 'N.', next: 'b' },
      { ID: 'b', kind: 'scene', narration: 'N.', next: 'c' },
      { ID: 'c', kind: 'decision', prompt: 'P?', replies: [reply('c-1')] },
      { Id: 'd', kind: 'decision', prompt: 'P?', replies: [reply('d-1')] },
      { id: 'e', kind: 'decision', prompt: 'P?', replies: [{ ...reply('e-1'), next: undefined, nxt: 'end' }] },
      { id: 'end', kind: 'ending', ending: 'mixed', title: 'End', narration: 'It ends.' },
    ]);
    expect(renames(text)).toEqual([
      '"ID" is not a field of a scene node, which is missing "id". Did you mean "id"? | Rename "ID" to "id"',
      '"ID" is not a field of a decision node, which is missing "id". Did you mean "id"? | Rename "ID" to "id"',
      '"Id" is not a field of a decision node, which is missing "id". Did you mean "id"? | Rename "Id" to "id".',
      '"nxt" is not a field of a reply, which is missing "next". Did you mean "next"? | Rename "nxt" to "next".',
    ]);
    // One field spelt like two that are missing ("nxt" for "text" and for "next"): two errors, each naming its own.
    const twice = scenario([
      { id: 'a', kind: 'decision', prompt: 'P?', replies: [reply('a-1'), { ...reply('a-2'), text: undefined, next: undefined, nxt: 'end' }] },
      { id: 'end', kind: 'ending', ending: 'mixed', title: 'End', narration: 'It ends.' },
    ]);
    expect(renames(twice)).toEqual([
      '"nxt" is not a field of a reply, which is missing "text". Did you mean "text"? | Rename "nxt" to "text".',
      '"nxt" is not a field of a reply, which is missing "next". Did you mean "next"? | Rename "nxt" to "next".',
    ]);
    // The next file's words are its own too, not the last file's.
    const other = scenario([
      { id: 'a', kind: 'scene', narration: 'N.', next: 'end' },
      { id: 'end', kind: 'ending', ending: 'mixed', title: 'End', narration: 'It ends.', Title: 'x', variants: [{ when: { conduct: 'critical', eq: 0 }, narraton: 'N.' }] },
    ]);
    expect(renames(other).filter((w) => w.includes('Did you mean'))).toEqual(['"narraton" is not a field of a variant, which is missing "narration". Did you mean "narration"? | Rename "narraton" to "narration".']);
  });
});
