import { countWords } from '../text/first-few.js';
import { cleanLine, isBlank } from '../text/clean.js';
import { firstIndex, nameKeys } from '../text/names.js';
import { quoteValue } from '../text/quote.js';
import { pointerWords } from './pointers.js';
import type { UnlocatedProblem } from './problem.js';
import { CHARACTER_TEXTS, forEachText } from './texts.js';

/**
 * character-unused: a character declared in "characters" who never speaks (no line names their id)
 * and whom no text names, as "Who's who" reads a name (text/names.ts: the whole name, or a word of
 * a proper name). A volunteer never meets them: most often a person declared for a part not
 * written yet (a grandmother declared, then never used). The characters' own entries, author
 * notes (never shown) and the trainer's facilitator notes and discussion prompts do not count as
 * naming them. Left unsaid while a line names a character
 * that is not declared: that unknown-character error may be the line meant for one of them.
 * The first MAX_UNUSED_LISTED are listed one by one; one more warning counts the rest.
 */

export const MAX_UNUSED_LISTED = 20;
/**
 * Texts a volunteer practising alone is never shown, and "Who's who" (people.ts) does not read: a
 * name only there is not a character met.
 */
const TRAINER_ONLY = new Set(['authorNotes', 'facilitatorNote', 'discussionPrompt']);
/** The texts kept as cleaned while reading them (see unusedCharacterProblems). */
const MAX_CLEANED_KEPT = 1_000;
/** The texts read in all while looking for names (see `named`). */
const MAX_TEXTS_READ = 200_000;

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

const WORD = /[\p{L}\p{M}\p{N}]+/gu;

/** The character-unused warnings of a parsed scenario file (any value: what is not a scenario's shape is passed over). */
export function unusedCharacterProblems(raw: unknown): UnlocatedProblem[] {
  if (!isRecord(raw) || !Array.isArray(raw.characters) || !Array.isArray(raw.nodes)) return [];
  const declared = raw.characters.flatMap((c, index) => (isRecord(c) && typeof c.id === 'string' && typeof c.name === 'string' && !isBlank(c.name)
    ? [{ id: c.id, name: c.name, index }] : []));
  if (declared.length === 0) return [];
  const ids = new Set(declared.map((c) => c.id));
  const speakers = new Set<string>();
  for (const node of raw.nodes) {
    if (!isRecord(node) || !Array.isArray(node.lines)) continue;
    for (const line of node.lines) if (isRecord(line) && typeof line.character === 'string') speakers.add(line.character);
  }
  // A line naming no declared character (a misspelt id, or one in other capitals) is an error that
  // may well be the line meant for a character here: that comes first.
  for (const s of speakers) if (!ids.has(s)) return [];
  const silent = declared.filter((c) => !speakers.has(c.id));
  if (silent.length === 0) return [];

  // The texts that may name them, once: every text of the file but the characters' own and author
  // notes. Each is looked for only in the texts that hold every word of its name (the fewest first):
  // looked for in every text, 20,000 such characters took over a second.
  const keys = nameKeys(declared);
  const wanted = new Set<string>();
  for (const c of silent) for (const k of keys.get(c.id) ?? []) for (const w of k.match(WORD) ?? []) wanted.add(w);
  const texts: string[] = [];
  /** For each word of a name looked for, the texts (by index) that hold it. */
  const holding = new Map<string, number[]>();
  // A text written as one before it ("You wait." in each of 100,000 nodes; a reply's "text" and
  // "feedback" the same in each of 20,000 decisions, one after the other) is cleaned and split into
  // words once: the first MAX_CLEANED_KEPT texts are kept as cleaned, and the last one read.
  const cleaned = new Map<string, { text: string; words: readonly string[] }>();
  let last: { value: string; text: string; words: readonly string[] } | undefined;
  forEachText(raw, (value, _path, key) => {
    if (TRAINER_ONLY.has(key) || (CHARACTER_TEXTS as readonly string[]).includes(key)) return;
    if (value !== last?.value) {
      const kept = cleaned.get(value);
      if (kept) last = { value, ...kept };
      else {
        const text = cleanLine(value).normalize('NFC');
        const words = text.match(WORD) ?? [];
        last = { value, text, words };
        if (cleaned.size < MAX_CLEANED_KEPT) cleaned.set(value, { text, words });
      }
    }
    const { text, words } = last;
    const at = texts.push(text) - 1;
    for (const w of words) {
      if (!wanted.has(w)) continue;
      const list = holding.get(w);
      if (!list) holding.set(w, [at]);
      else if (list[list.length - 1] !== at) list.push(at);
    }
  });
  // Past this many texts read in all, the characters not yet found are taken as named (no warning):
  // a file made so that every name's words are in every text costs no more than this.
  let budget = MAX_TEXTS_READ;
  const named = (c: (typeof declared)[number]) => {
    const whole = cleanLine(c.name).normalize('NFC');
    for (const k of keys.get(c.id) ?? []) {
      const lists = (k.match(WORD) ?? []).map((w) => holding.get(w));
      if (lists.some((l) => l === undefined)) continue;
      const fewest = lists.reduce<number[] | undefined>((a, l) => (a === undefined || (l as number[]).length < a.length ? l : a), undefined);
      // A name with no letters or digits ("…") is looked for in every text.
      for (const i of fewest ?? texts.keys()) {
        if (--budget < 0) return true;
        if (firstIndex(texts[i] as string, [k], whole) >= 0) return true;
      }
    }
    return false;
  };
  const unused = silent.filter((c) => !named(c));

  const out: UnlocatedProblem[] = unused.slice(0, MAX_UNUSED_LISTED).map((c) => {
    const shown = (keys.get(c.id) ?? []).map((k) => quoteValue(k, 40));
    const names = shown.length > 1 ? `${shown.slice(0, -1).join(', ')} or ${shown[shown.length - 1]}` : shown[0] ?? quoteValue(c.name, 40);
    return {
      severity: 'warning', code: 'character-unused', path: ['characters', c.index, 'id'],
      message: `The character ${quoteValue(c.id, 40)} (${quoteValue(c.name, 40)}) never speaks (no line has "character": ${quoteValue(c.id, 40)}) and no text names them (${names}), so a volunteer never meets them: "Who's who" lists a character once they have spoken or been named.`,
      fix: `Give them a line where they take part, e.g. { "character": ${quoteValue(c.id, 40)}, "text": "…" }, or name them in a narration, a line, a reply or its feedback; if they have no part in this story, remove them from "characters".`,
    };
  });
  const rest = unused.slice(MAX_UNUSED_LISTED);
  const first = rest[0];
  if (first) {
    out.push({
      severity: 'warning', code: 'character-unused', path: ['characters', first.index, 'id'],
      message: `${countWords(rest.length)} more character${rest.length === 1 ? '' : 's'} from here on never ${rest.length === 1 ? 'speaks' : 'speak'} and ${rest.length === 1 ? 'is' : 'are'} named in no text (the first ${MAX_UNUSED_LISTED} are listed one by one).`,
      fix: `Give each a line or name them in a text, or remove them from "characters", as the warnings above say; ${pointerWords.again()} to see the rest.`,
    });
  }
  return out;
}
