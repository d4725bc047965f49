import { describe, expect, it } from 'vitest';
import { PathMap } from '../../src/machines/validate/path-map.js';
import type { JsonPath } from '../../src/machines/validate/problem.js';

/** The key the checks made per problem, which PathMap must tell paths apart as. */
const joined = (path: JsonPath, key?: string | number) => [...path, ...(key === undefined ? [] : [key])].join('\u0000');

describe('PathMap: a map by JSON path, without a text per path', () => {
  const paths: JsonPath[] = [
    ['nodes', 0, 'ID'], ['nodes', 0, 'id'], ['nodes', 0, 'replies', 1, 'id'], ['nodes', 1, 'ID'], ['nodes', 1], ['nodes'], [],
    ['nodes', 7, 'next'], ['nodes', 7, 'next', 0, 'to'], ['characters', 0, 'id'], ['start'], ['nodes', 2, ''], ['nodes', 2, 'a\u0000b'], ['nodes', 2, 'a', 'b'],
  ];

  it('holds what a Map by the joined path holds, through sets, overwrites and deletes in any order', () => {
    let seed = 7;
    const random = (n: number) => (seed = (seed * 48271) % 2147483647) % n;
    for (let round = 0; round < 50; round++) {
      const map = new PathMap<number>();
      const model = new Map<string, number>();
      for (let step = 0; step < 60; step++) {
        const path = paths[random(paths.length)] as JsonPath;
        const op = random(3);
        if (op === 0) {
          map.set(path, step);
          model.set(joined(path), step);
        } else if (op === 1) {
          expect(map.delete(path)).toBe(model.delete(joined(path)));
        }
        for (const p of paths) expect(map.get(p)).toBe(model.get(joined(p)));
        expect(map.size).toBe(model.size);
      }
    }
  });

  it('a path and a key after it are the path with the key at its end', () => {
    const map = new PathMap<string>();
    map.set(['nodes', 3, 'ID'], 'rename');
    map.set(['nodes', 4], 'node', 'Id');
    map.set(['variables', 0], 'variable', 'ID');
    expect(map.get(['nodes', 3], 'ID')).toBe('rename');
    expect(map.has(['nodes', 3], 'id')).toBe(false);
    expect(map.get(['nodes', 4, 'Id'])).toBe('node');
    expect(map.get(['variables', 0, 'ID'])).toBe('variable');
    expect(map.has(['nodes', 3, 'ID', 'x'])).toBe(false);
    expect(map.size).toBe(3);
  });
});
