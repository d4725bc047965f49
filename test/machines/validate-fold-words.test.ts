import { describe, expect, it } from 'vitest';
import { foldKnockOns } from '../../src/machines/validate/fold.js';
import type { UnlocatedProblem } from '../../src/machines/validate/problem.js';
import { problemPositions } from '../../src/machines/validate/source.js';

/**
 * A file of 100,000 nodes whose id is written "ID" (bench "ids written under a misspelt key") has
 * 100,000 folded errors, of which 200 are listed: the words of a folded error are written when they
 * are read, so those only counted cost no message (validate/fold.ts, withKnockOns).
 */
describe('a folded error writes its words when they are read', () => {
  /** The unknown-field error at "ID" (the cause) and the unknown-node error at the "next" naming its id; `reads` counts reads of the cause's words. */
  function group(reads: { count: number }): UnlocatedProblem[] {
    const cause: UnlocatedProblem = {
      severity: 'error', code: 'unknown-field', path: ['nodes', 1, 'ID'], atKey: true,
      get message() { reads.count++; return '"ID" is not a field of a scene node, which is missing "id". Did you mean "id"?'; },
      get fix() { reads.count++; return 'Rename "ID" to "id".'; },
    };
    const knockOn: UnlocatedProblem = {
      severity: 'error', code: 'unknown-node', path: ['nodes', 0, 'next'], message: 'There is no node with the id "scene-0".', fix: 'Add a node.',
      cause: { path: ['nodes', 1, 'ID'], named: 'scene-0', kind: 'idless', idAt: { key: 'ID', text: 'scene-0', last: false } },
    };
    return [knockOn, cause];
  }

  it('folding reads no words of the cause; reading the folded error writes them, as before', () => {
    const reads = { count: 0 };
    const folded = foldKnockOns(group(reads));
    expect(folded).toHaveLength(1);
    // reportsCause reads the cause's message once to know it says "id" is missing.
    const afterFold = reads.count;
    expect(afterFold).toBe(1);
    const [p] = folded as [UnlocatedProblem];
    expect(p).toMatchObject({ severity: 'error', code: 'unknown-field', path: ['nodes', 1, 'ID'], atKey: true, places: [['nodes', 0, 'next']] });
    expect(reads.count).toBe(afterFold);
    expect(p.message).toBe('"ID" is not a field of a scene node, which is missing "id". Did you mean "id"? A "next" names "scene-0" ({places}), the id written here under "ID": it leads to no node until it is written under "id".');
    expect(p.fix).toBe('Rename "ID" to "id", so that the line reads: "id": "scene-0", and the "next" that names it then leads here.');
    // Written once: read again, the words are the same and the cause is not read again.
    const written = reads.count;
    expect({ ...p }.message).toBe(p.message);
    expect(reads.count).toBe(written);
  });
});

describe('problems located only to be counted', () => {
  it('have their places found without their words being read', () => {
    const text = '{\n  "id": "x",\n  "nodes": [1, 2]\n}';
    const unread = (path: (string | number)[]): UnlocatedProblem => ({
      severity: 'warning', code: 'c', path,
      get message(): string { throw new Error('message read'); },
      get fix(): string { throw new Error('fix read'); },
    });
    expect(problemPositions(text, [unread(['id']), unread(['nodes', 1])])).toEqual([{ line: 2, column: 9 }, { line: 3, column: 16 }]);
  });
});
