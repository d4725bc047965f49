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
  const texts = (owner: unknown, keys: readonly string[], base: () => JsonPath) => {
    if (!isRecord(owner)) return;
    for (const key of keys) {
      const value = Object.hasOwn(owner, key) ? owner[key] : undefined;
      if (typeof value === 'string') visit(value, () => [...base(), key], key);
    }
  };
  const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
  if (!isRecord(raw)) return;
  texts(raw, SCENARIO_TEXTS, () => []);
  list(raw.characters).forEach((c, i) => texts(c, CHARACTER_TEXTS, () => ['characters', i]));
  list(raw.variables).forEach((v, i) => texts(v, ['label'], () => ['variables', i]));
  list(raw.nodes).forEach((node, i) => {
    if (!isRecord(node)) return;
    texts(node, NODE_TEXTS, () => ['nodes', i]);
    list(node.lines).forEach((line, j) => texts(line, ['text'], () => ['nodes', i, 'lines', j]));
    list(node.replies).forEach((reply, j) => texts(reply, REPLY_TEXTS, () => ['nodes', i, 'replies', j]));
    list(node.variants).forEach((variant, k) => texts(variant, ['narration'], () => ['nodes', i, 'variants', k]));
  });
}
