import type { JsonPath } from './problem.js';

/**
 * A map by JSON path that tells paths apart as their parts joined with "\u0000" would (the key the
 * checks made per problem), without making that text. A path into a node (["nodes", i, …]) is kept
 * by the node's index, then the rest of the path: a file of 100,000 nodes, each with an error at
 * its "ID", was 100,000 texts made, hashed and kept in a table per check (schemaProblems' places
 * said, foldKnockOns' causes), the hottest lines of both. Any other path is kept by that text.
 * For paths read from a file, where a list's index is a number.
 */
export class PathMap<V> {
  /** Per node index, the rest of the first path into that node (its parts joined) and its value. */
  private readonly rests: (string | undefined)[] = [];
  private readonly values: (V | undefined)[] = [];
  /** Every other path, by its parts joined: paths not into a node, and a node's second path on. */
  private readonly others = new Map<string, V>();
  private count = 0;

  /** How many paths have a value. */
  get size(): number {
    return this.count;
  }

  /** The value at `path` (followed by `key`, when given). */
  get(path: JsonPath, key?: string | number): V | undefined {
    const i = nodeIndex(path, key);
    if (i >= 0 && this.rests[i] === restOf(path, key)) return this.values[i];
    return this.others.size === 0 ? undefined : this.others.get(joined(path, key));
  }

  has(path: JsonPath, key?: string | number): boolean {
    return this.get(path, key) !== undefined;
  }

  /** Sets the value at `path` (followed by `key`, when given); a value is never undefined. */
  set(path: JsonPath, value: V, key?: string | number): this {
    const i = nodeIndex(path, key);
    if (i >= 0) {
      const rest = restOf(path, key);
      const there = this.rests[i];
      if (there === rest) {
        this.values[i] = value;
        return this;
      }
      // A path is kept in one place only: the node's own, unless it is among the others already.
      if (there === undefined && (this.others.size === 0 || !this.others.has(joined(path, key)))) {
        this.rests[i] = rest;
        this.values[i] = value;
        this.count++;
        return this;
      }
    }
    const at = joined(path, key);
    if (!this.others.has(at)) this.count++;
    this.others.set(at, value);
    return this;
  }

  delete(path: JsonPath): boolean {
    const i = nodeIndex(path);
    if (i >= 0 && this.rests[i] !== undefined && this.rests[i] === restOf(path)) {
      this.rests[i] = undefined;
      this.values[i] = undefined;
      this.count--;
      return true;
    }
    const gone = this.others.delete(joined(path));
    if (gone) this.count--;
    return gone;
  }
}

/** The node a path (followed by `key`) of three parts or more is into ("nodes", i, …), or -1. */
function nodeIndex(path: JsonPath, key?: string | number): number {
  if (path.length + (key === undefined ? 0 : 1) < 3 || path[0] !== 'nodes') return -1;
  const i = path[1];
  return typeof i === 'number' && Number.isInteger(i) && i >= 0 ? i : -1;
}

/** A node's path past its index (then `key`), joined. */
function restOf(path: JsonPath, key?: string | number): string {
  if (key === undefined) return path.length === 3 ? String(path[2]) : path.slice(2).join('\u0000');
  return path.length === 2 ? String(key) : `${path.slice(2).join('\u0000')}\u0000${key}`;
}

function joined(path: JsonPath, key?: string | number): string {
  const at = path.join('\u0000');
  return key === undefined ? at : `${at}\u0000${key}`;
}
