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
export const REPLY_TEXTS = ['text', 'feedback', 'authorNotes'] as const;

/** Every key the schema checks as a Text. */
export const TEXT_KEYS = new Set<string | number>([...SCENARIO_TEXTS, ...CHARACTER_TEXTS, ...NODE_TEXTS, ...REPLY_TEXTS, 'label']);

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * Calls `visit` with each text of the parsed file `raw` (any value: what is not a scenario's shape
 * is passed over), its key, and its path (built only when asked for), in the file's order.
 */
export function forEachText(raw: unknown, visit: (value: string, path: () => JsonPath, key: string) => void): void {
  // Loops, not forEach with a closure per list: three passes over 100,000 nodes made some 170 MB of
  // closures and empty lists for the collector.
  const texts = (owner: unknown, keys: readonly string[], base: JsonPath) => {
    if (!isRecord(owner)) return;
    for (const key of keys) {
      const value = Object.hasOwn(owner, key) ? owner[key] : undefined;
      if (typeof value === 'string') visit(value, () => [...base, key], key);
    }
  };
  if (!isRecord(raw)) return;
  texts(raw, SCENARIO_TEXTS, []);
  const items = (value: unknown, keys: readonly string[], base: (i: number) => JsonPath) => {
    if (!Array.isArray(value)) return;
    for (let i = 0; i < value.length; i++) if (isRecord(value[i])) texts(value[i], keys, base(i));
  };
  items(raw.characters, CHARACTER_TEXTS, (i) => ['characters', i]);
  items(raw.variables, ['label'], (i) => ['variables', i]);
  const nodes = Array.isArray(raw.nodes) ? raw.nodes : [];
  for (let i = 0; i < nodes.length; i++) {
    const node: unknown = nodes[i];
    if (!isRecord(node)) continue;
    texts(node, NODE_TEXTS, ['nodes', i]);
    if (node.lines !== undefined) items(node.lines, ['text'], (j) => ['nodes', i, 'lines', j]);
    if (node.replies !== undefined) items(node.replies, REPLY_TEXTS, (j) => ['nodes', i, 'replies', j]);
    if (node.variants !== undefined) items(node.variants, ['narration'], (k) => ['nodes', i, 'variants', k]);
  }
}
