import { countWords } from '../text/first-few.js';
import { quoteValue } from '../text/quote.js';
import { PLACES_AT, placeAt, type JsonPath, type UnlocatedProblem } from './problem.js';
import { REPEATS_SHOWN } from './repeats.js';
import { declaredIdMeant, valueAt } from './schema-issues.js';

/**
 * An id that is not one, written the same way where a node (character, variable) is declared and
 * at every place naming it: a scene whose id is "s1 opens up", named by three replies' "next", was
 * four invalid-id errors word for word the same, three of them above the node (found by ids-52).
 * Here the places' errors are folded into the declared id's own error, which names them (the first
 * REPEATS_SHOWN by line and column, then how many more) and counts them all (`repeats`, as
 * repeats.ts does for a warning said again and again). Where no declared id has that error (the
 * node's id is right, or two nodes have it), the places' errors are one error at the first,
 * counting the others, when they are word for word the same. A place whose value is a declared
 * valid id written otherwise ("Boyfriend-Guarded" for "boyfriend-guarded") is told to change to
 * that id (declaredIdMeant), so it is never folded into another item's error.
 */
export function foldSameInvalidIds(raw: unknown, problems: UnlocatedProblem[]): UnlocatedProblem[] {
  const refs = new Map<string, UnlocatedProblem[]>();
  for (const p of problems) {
    if (!isLoneInvalidId(p)) continue;
    const list = listNamed(p.path);
    if (list === undefined) continue;
    const value = valueAt(raw, p.path);
    if (typeof value !== 'string') continue;
    const key = `${list}\u0000${value}`;
    const group = refs.get(key);
    if (group) group.push(p);
    else refs.set(key, [p]);
  }
  if (refs.size === 0) return problems;
  // The declared ids with that error, by list and value: undefined where two items share it.
  const declared = new Map<string, UnlocatedProblem | undefined>();
  for (const p of problems) {
    if (p.code !== 'invalid-id' || p.severity !== 'error' || p.offset !== undefined || !isDeclaredId(p.path)) continue;
    const value = valueAt(raw, p.path);
    if (typeof value !== 'string') continue;
    const key = `${p.path[0] as string}\u0000${value}`;
    if (!refs.has(key)) continue;
    declared.set(key, declared.has(key) ? undefined : p);
  }
  const into = new Map<UnlocatedProblem, { group: UnlocatedProblem[]; list: List; value: string }>();
  const folded = new Set<UnlocatedProblem>();
  for (const [key, group] of refs) {
    const [list, value] = key.split('\u0000') as [List, string];
    const first = group[0] as UnlocatedProblem;
    // A place that names a declared id written otherwise is told to change to it, not to this error's id.
    const meant = declaredIdMeant(raw, first.path[first.path.length - 1], value);
    const owner = meant === undefined ? declared.get(key) : undefined;
    if (owner !== undefined) {
      into.set(owner, { group, list, value });
      for (const p of group) folded.add(p);
      continue;
    }
    if (group.length < 2 || !group.every((p) => p.message === first.message && p.fix === first.fix)) continue;
    into.set(first, { group: group.slice(1), list, value });
    for (const p of group.slice(1)) folded.add(p);
  }
  if (into.size === 0) return problems;
  const out: UnlocatedProblem[] = [];
  for (const p of problems) {
    if (folded.has(p)) continue;
    const fold = into.get(p);
    out.push(fold === undefined ? p : isDeclaredId(p.path) ? withPlacesNaming(p, fold.group, fold.list) : withSameError(p, fold.group, fold.list, fold.value));
  }
  return out;
}

type List = 'nodes' | 'characters' | 'variables';

const NOUN: Readonly<Record<List, string>> = { nodes: 'node', characters: 'character', variables: 'variable' };

/** An invalid-id error of its own: not placed by the text (a syntax error), not tied to another problem, naming no places. */
function isLoneInvalidId(p: UnlocatedProblem): boolean {
  return p.code === 'invalid-id' && p.severity === 'error' && p.offset === undefined && p.cause === undefined && p.places === undefined && p.related === undefined && p.atKey !== true;
}

/** The list whose ids the field at `path` names: a "next", a route's "to" or "start" a node, a line's "character" a character, a "var" a variable. */
function listNamed(path: JsonPath): List | undefined {
  const key = path[path.length - 1];
  if (key === 'start') return path.length === 1 ? 'nodes' : undefined;
  if (path[0] !== 'nodes') return undefined;
  return key === 'next' || key === 'to' ? 'nodes' : key === 'character' ? 'characters' : key === 'var' ? 'variables' : undefined;
}

/** Whether `path` is a node's, character's or variable's own "id". */
function isDeclaredId(path: JsonPath): boolean {
  return path.length === 3 && path[2] === 'id' && typeof path[1] === 'number' && (path[0] === 'nodes' || path[0] === 'characters' || path[0] === 'variables');
}

/**
 * The declared id's error, saying the places naming it write it the same way: the first few by
 * line and column (after any places the error names already, whose "{places}" becomes each by its
 * index), the count of the rest. Its message and fix are written when first read, as fold.ts's are.
 */
function withPlacesNaming(owner: UnlocatedProblem, group: UnlocatedProblem[], list: List): UnlocatedProblem {
  const before = owner.places ?? [];
  const shown = group.slice(0, REPEATS_SHOWN);
  const n = group.length;
  const more = n > shown.length ? ` and ${countWords(n - shown.length)} more` : '';
  const at = shown.map((_, i) => placeAt(before.length + i)).join('; ');
  const own = (s: string) => (before.length === 0 ? s : s.replaceAll(PLACES_AT, before.map((_, i) => placeAt(i)).join('; ')));
  const noun = NOUN[list];
  // Beside places that name the id meant (fold.ts: "2 places name "after-visit""), these are the
  // places that name it as written here.
  const also = before.length > 0;
  const them = n === 1
    ? also ? 'Another place names it as written here' : `The place that names this ${noun} writes it the same way`
    : also ? `${countWords(n)} more places name it as written here` : `The ${countWords(n)} places that name this ${noun} write it the same way`;
  const where = n === 1
    ? also ? 'at the place that names it as written here' : `at the place that names this ${noun}`
    : also ? `in the ${countWords(n)} places that name it as written here` : `in the ${countWords(n)} places that name this ${noun}`;
  const lead = list === 'nodes' ? `, and ${n === 1 ? 'it leads' : 'they lead'} here${also ? ' too' : ''}` : '';
  let words: { message: string; fix: string } | undefined;
  const write = () => (words ??= {
    message: `${own(owner.message)} ${them} (${at}${more}): the same error, listed here once.`,
    fix: `${own(owner.fix)} ${also ? 'Write' : 'Then write'} the same id ${where}${lead}.`,
  });
  const p: UnlocatedProblem = {
    ...owner,
    get message() { return write().message; },
    get fix() { return write().fix; },
    places: [...before, ...shown.map((q) => q.path)],
    placeIndices: [...before.map((_, i) => owner.placeIndices?.[i]), ...shown.map((q) => q.stringIndex)],
    repeats: n + 1,
    repeatsFrom: before.length,
  };
  return p;
}

/** The first place's error, when no declared id has it: how many places write the id so, and where the next few are. */
function withSameError(first: UnlocatedProblem, others: UnlocatedProblem[], list: List, value: string): UnlocatedProblem {
  const shown = others.slice(0, REPEATS_SHOWN);
  const more = others.length - shown.length;
  return {
    ...first,
    message: `${first.message} The same error comes ${countWords(others.length + 1)} times, wherever ${quoteValue(value)} names a ${NOUN[list]}: here, then at ${PLACES_AT}${more > 0 ? `, and ${countWords(more)} more` : ''}.`,
    fix: `${first.fix} The same goes for the other ${others.length === 1 ? 'one' : countWords(others.length)}.`,
    places: shown.map((q) => q.path),
    placeIndices: shown.map((q) => q.stringIndex),
    repeats: others.length + 1,
  };
}
