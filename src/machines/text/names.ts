import { cleanLine } from './clean.js';

/**
 * How a text names a character, as "Who's who" reads it (people.ts) and the validator's
 * character-unused warning does: by the whole name, or a proper name's own words.
 */

/** Titles before a surname ("Mr. Osei"): not a name on their own. */
const TITLES = new Set(['Mr.', 'Mr', 'Ms.', 'Ms', 'Mrs.', 'Mrs', 'Miss', 'Mx.', 'Mx', 'Dr.', 'Dr']);

/**
 * The words a character is named by in text: the whole name, and for a proper name (every word
 * capitalised: "Hannah Petrov", "Ms. Ibarra", "Tita Marivic") each of its words but a title, so
 * "Ibarra" and "Hannah" count too. A descriptive name ("An account you don't know", "Man by a black
 * car") counts only whole: its words are ordinary words. A word two characters' names share names
 * neither.
 */
export function nameKeys(characters: readonly { id: string; name: string }[]): Map<string, string[]> {
  const words = new Map<string, string[]>();
  const shared = new Map<string, number>();
  for (const c of characters) {
    const name = cleanLine(c.name).normalize('NFC');
    const parts = name.split(' ').filter((w) => w !== '');
    const proper = parts.length > 1 && parts.every((w) => /^\p{Lu}/u.test(w));
    const own = proper ? parts.filter((w) => !TITLES.has(w)).map((w) => w.replace(/[.,]$/u, '')).filter((w) => w.length > 1) : [];
    words.set(c.id, [...new Set(own)]);
    for (const w of new Set(own)) shared.set(w, (shared.get(w) ?? 0) + 1);
  }
  const out = new Map<string, string[]>();
  for (const c of characters) {
    const name = cleanLine(c.name).normalize('NFC');
    out.set(c.id, [...new Set([name, ...(words.get(c.id) ?? []).filter((w) => shared.get(w) === 1)])].filter((k) => k !== ''));
  }
  return out;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A capitalised word just before `at` that does not start its sentence ("Monterey" in "in Monterey Park"). */
function namedBefore(text: string, at: number): boolean {
  if (text[at - 1] !== ' ') return false;
  const words = text.slice(0, at - 1).split(' ');
  const word = words[words.length - 1] ?? '';
  if (!/^\p{Lu}/u.test(word) || TITLES.has(word)) return false;
  const earlier = words[words.length - 2];
  return earlier !== undefined && !/[.!?:;“"(]$/u.test(earlier);
}

/** Each name's pattern (whole words only), made once: peopleMet looks at every text shown at every step. */
const patterns = new Map<string, RegExp>();
function wholeWords(key: string): RegExp {
  let re = patterns.get(key);
  if (!re) {
    if (patterns.size >= 2000) patterns.clear();
    re = new RegExp(`(?<![\\p{L}\\p{M}\\p{N}])${escape(key)}(?![\\p{L}\\p{M}\\p{N}])`, 'gu');
    patterns.set(key, re);
  }
  re.lastIndex = 0;
  return re;
}

/**
 * Where in `text` a name first appears as whole words (case as written), or -1. A single word of a
 * name ("Park" of "Ms. Park") does not count inside another name: next to a capitalised word
 * ("Monterey Park", "Park Street"; a word that starts its sentence aside: "Call Monica").
 */
export function firstIndex(text: string, keys: readonly string[], whole: string): number {
  let best = -1;
  for (const key of keys) {
    // Most texts hold no name at all: the words themselves first, before a pattern is run.
    if (!text.includes(key)) continue;
    const re = wholeWords(key);
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const end = m.index + key.length;
      if (key !== whole && (namedBefore(text, m.index) || /^ \p{Lu}/u.test(text.slice(end)))) continue;
      if (best < 0 || m.index < best) best = m.index;
      break;
    }
  }
  return best;
}
