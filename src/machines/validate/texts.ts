import type { JsonPath } from './problem.js';

/**
 * The texts of a scenario file as the schema knows them (the fields it checks as Text), for the
 * warnings about what a text holds (invisible.ts, markup.ts). Read from the parsed file as it is,
 * whatever else is wrong with it.
 */

/** The texts of each kind of object in a scenario. */
export const SCENARIO_TEXTS = ['title', 'summary', 'contentNote', 'authorNotes'] as const;
export const CHARACTER_TEXTS = ['name', 'role', 'description'] as const;
export const NODE_TEXTS = ['title', 'narration', 'prompt', 'facilitatorNote', 'discussionPrompt', 'authorNotes'] as const;
export const REPLY_TEXTS = ['text', 'unavailableReason', 'feedback', 'authorNotes'] as const;

/** The texts always shown on one line: a new line written in one is not started. */
export const ONE_LINE_TEXTS: ReadonlySet<string> = new Set(['title', 'name', 'role', 'label', 'unavailableReason']);

/** Every key the schema checks as a Text. */
export const TEXT_KEYS = new Set<string | number>([...SCENARIO_TEXTS, ...CHARACTER_TEXTS, ...NODE_TEXTS, ...REPLY_TEXTS, 'label']);

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * Calls `visit` with each text of the parsed file `raw` (any value: what is not a scenario's shape
 * is passed over), its key, and its path (built only when asked for), in the file's order. The
 * path function is one for the whole walk: it gives the path of the text being visited, so it is
 * to be called during that visit, not kept for later.
 */
export function forEachText(raw: unknown, visit: (value: string, path: () => JsonPath, key: string) => void): void {
  // Loops, not forEach with a closure per list: three passes over 100,000 nodes made some 170 MB of
  // closures and empty lists for the collector. The path of the text visited is read from these
  // (its owner's list, index, and the list and index inside it), not kept in a closure per text.
  if (!isRecord(raw)) return;
  let list = '';
  let index = -1;
  let inner = '';
  let innerIndex = -1;
  let key = '';
  const path = (): JsonPath => {
    const at: JsonPath = list === '' ? [] : [list, index];
    if (inner !== '') at.push(inner, innerIndex);
    at.push(key);
    return at;
  };
  const texts = (owner: Record<string, unknown>, keys: readonly string[]) => {
    for (const k of keys) {
      const value = Object.hasOwn(owner, k) ? owner[k] : undefined;
      if (typeof value !== 'string') continue;
      key = k;
      visit(value, path, k);
    }
  };
  const items = (value: unknown, keys: readonly string[], name: string) => {
    if (!Array.isArray(value)) return;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (!isRecord(item)) continue;
      if (name === '') index = i;
      else innerIndex = i;
      texts(item, keys);
    }
  };
  texts(raw, SCENARIO_TEXTS);
  list = 'characters';
  items(raw.characters, CHARACTER_TEXTS, '');
  list = 'variables';
  items(raw.variables, ['label'], '');
  list = 'nodes';
  const nodes = Array.isArray(raw.nodes) ? raw.nodes : [];
  for (let i = 0; i < nodes.length; i++) {
    const node: unknown = nodes[i];
    if (!isRecord(node)) continue;
    index = i;
    inner = '';
    texts(node, NODE_TEXTS);
    if (node.lines !== undefined) { inner = 'lines'; items(node.lines, ['text'], inner); }
    if (node.replies !== undefined) { inner = 'replies'; items(node.replies, REPLY_TEXTS, inner); }
    if (node.variants !== undefined) { inner = 'variants'; items(node.variants, ['narration'], inner); }
  }
}
