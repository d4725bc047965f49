import { countWords } from '../text/first-few.js';
import { quoteValue } from '../text/quote.js';
import { formatPath, type JsonPath, type UnlocatedProblem } from './problem.js';

/** How many of a group's other places its message names by line and column; the rest are counted. */
export const REPEATS_SHOWN = 4;

/**
 * The same warning (or error), word for word, given again and again in one list or one text (a
 * learning goal pasted 300 times was 300 "listed again" warnings, found by validator-52): one at the
 * first place, its message saying how many times it comes and where the next few are (line and
 * column), its `repeats` the count. A warning that names places of its own (other than one
 * `related` place the same for all), or is tied to another problem, is left as it is.
 *
 * The place may be an item of the list or a field inside each item (found by validator-53: a
 * principle that is not one, named by 300 assessments of one reply, was 300 errors, each at
 * assessments[i].principle; an unknown "next" in every reply of a node, at replies[i].next; a
 * misspelt field in every assessment): the items' places differ in one index only.
 */
export function groupRepeats(problems: UnlocatedProblem[]): UnlocatedProblem[] {
  // Errors too (found by ids-52: a principle that is not one pasted 300 times into learningGoals
  // was 300 unknown-principle errors), grouped only with errors; a syntax error (placed by its
  // offset) never is.
  const candidate = (p: UnlocatedProblem) => p.offset === undefined && p.places === undefined && p.cause === undefined && !OWN_COUNT.has(p.code);
  // A problem tied to another place (`related`: the assessment a feedback's warning is about) is
  // grouped only with those tied to the same place: counted first, by that place, so that 40,000
  // warnings each tied to an assessment of its own reply are not compared by their words at all.
  // (By index, and only for the problems tied: most files have none, or a few.)
  const ties: (string | undefined)[] = [];
  const tied = new Map<string, number>();
  for (let i = 0; i < problems.length; i++) {
    const p = problems[i] as UnlocatedProblem;
    const t = p.related === undefined || !candidate(p) ? undefined : tieOf(p);
    if (t === undefined) continue;
    ties[i] = t;
    tied.set(t, (tied.get(t) ?? 0) + 1);
  }
  const looked = (p: UnlocatedProblem, i: number) => candidate(p) && (ties[i] === undefined || (tied.get(ties[i] as string) as number) > 1);
  // Most warnings are said once (each names its node): only a message said again is looked at
  // further, so 150,000 different ones cost one pass of a set.
  const seen = new Set<string>();
  const again = new Set<string>();
  problems.forEach((p, i) => {
    if (!looked(p, i)) return;
    if (seen.has(p.message)) again.add(p.message);
    else seen.add(p.message);
  });
  if (again.size === 0) return problems;
  // Only problems alike in all but their place are grouped: each gets the number of what it says
  // (sameNumbers), and one whose number no other has is passed over. (Keys holding the message and
  // fix, two or three per problem, were most of the 137 MB this took for 40,000 warnings each at a reply of its own.)
  const sameOf = sameNumbers(problems.filter((p, i) => again.has(p.message) && looked(p, i)));
  // Each problem said again may be grouped in a few ways: with the others at its very place (a word
  // again and again in one text), or with those whose place differs from its own in one index (the
  // items of that list, or the same field in each). Parts of a path are ids or indices, joined
  // with a character no id holds.
  const options = new Map<UnlocatedProblem, Way[]>();
  const sizes = new Map<string, number>();
  for (const p of problems) {
    const same = sameOf.get(p);
    if (same === undefined) continue;
    const ways = waysOf(p.path, same, ANYWHERE.has(p.code));
    options.set(p, ways);
    for (const w of ways) sizes.set(w.key, (sizes.get(w.key) ?? 0) + 1);
  }
  // The largest groups first (300 nodes each with the same mistake in two replies are two groups of
  // 300, not 300 of two); of the same size, the place itself, then the innermost list.
  const ways = [...options].flatMap(([, list]) => list.map((w, rank) => ({ w, rank, size: sizes.get(w.key) ?? 0 }))).filter((o) => o.size > 1);
  ways.sort((a, b) => b.size - a.size || a.rank - b.rank);
  const order = new Map<string, Way>();
  for (const o of ways) if (!order.has(o.w.key)) order.set(o.w.key, o.w);
  // Each key's problems in the file's order.
  const byKey = new Map<string, UnlocatedProblem[]>();
  for (const p of problems) {
    for (const w of options.get(p) ?? []) {
      if (!order.has(w.key)) continue;
      const list = byKey.get(w.key);
      if (list) list.push(p);
      else byKey.set(w.key, [p]);
    }
  }
  const groups = new Map<string, { way: Way; members: UnlocatedProblem[] }>();
  const taken = new Map<UnlocatedProblem, string>();
  for (const [key, way] of order) {
    const free = (byKey.get(key) ?? []).filter((p) => !taken.has(p));
    if (free.length < 2) continue;
    for (const p of free) taken.set(p, key);
    groups.set(key, { way, members: free });
  }
  if (taken.size === 0) return problems;
  const out: UnlocatedProblem[] = [];
  for (const p of problems) {
    const key = taken.get(p);
    const group = key === undefined ? undefined : groups.get(key);
    if (!group) {
      out.push(p);
      continue;
    }
    const members = group.members;
    if (members[0] !== p) continue;
    const where = group.way.where ?? whereAll(members.map((q) => q.path));
    const others = members.slice(1);
    const shown = others.slice(0, REPEATS_SHOWN);
    const more = others.length - shown.length;
    const grouped: UnlocatedProblem = {
      ...p,
      message: `${p.message} The same ${p.severity} comes ${countWords(members.length)} times ${where}: here, then at {places}${more > 0 ? `, and ${countWords(more)} more` : ''}.`,
      fix: `${p.fix} The same goes for the other ${others.length === 1 ? 'one' : countWords(others.length)}.`,
      places: shown.map((q) => q.path),
      placeIndices: shown.map((q) => q.stringIndex),
      repeats: members.length,
    };
    if (p.atKey === true) grouped.placesAtKey = true;
    out.push(grouped);
  }
  return seeOneError(out);
}

/**
 * An unreachable warning saying "the 3 places that name "boyfriend" probably mean it (see the
 * unknown-node errors)" when those errors are now one (grouped anywhere in the file): it says
 * "error". Left as it is when some of them are still errors of their own (their words differ).
 */
function seeOneError(problems: UnlocatedProblem[]): UnlocatedProblem[] {
  const plural = /the [\d,]+ places that name ("(?:[^"\\]|\\.)*") probably mean it \(see the unknown-node errors\)/;
  if (!problems.some((p) => p.code === 'unreachable' && plural.test(p.message))) return problems;
  // How many unknown-node errors name each id, counted once (a file may have 100,000 of them).
  const errors = new Map<string, number>();
  for (const q of problems) {
    const named = q.code === 'unknown-node' ? /^There is no node with the id ("(?:[^"\\]|\\.)*")/.exec(q.message)?.[1] : undefined;
    if (named !== undefined) errors.set(named, (errors.get(named) ?? 0) + 1);
  }
  return problems.map((p) => {
    const named = p.code === 'unreachable' ? plural.exec(p.message)?.[1] : undefined;
    if (named === undefined || errors.get(named) !== 1) return p;
    return { ...p, message: p.message.replace('(see the unknown-node errors)', '(see the unknown-node error)') };
  });
}

/** The place `p` is tied to (its `related` place and how), or undefined when it is tied to none. */
function tieOf(p: UnlocatedProblem): string | undefined {
  const related = p.related?.join('\u0001') ?? '';
  return related === '' ? undefined : `${related}\u0000${p.relatedAtKey === true}`;
}

/**
 * For each of `problems`, in order, a short text naming what it says apart from its place (its
 * severity, code, related place, message and fix), the same for problems alike in all those;
 * undefined for one that no other is alike. Looked up by message, then fix, then the rest, so the
 * long texts are compared as they are, not joined into a new one per problem.
 */
function sameNumbers(problems: readonly UnlocatedProblem[]): Map<UnlocatedProblem, string | undefined> {
  const numbers = new Map<string, Map<string, Map<string, number>>>();
  const counts: number[] = [];
  const numberOf: number[] = [];
  for (const p of problems) {
    let byFix = numbers.get(p.message);
    if (!byFix) numbers.set(p.message, (byFix = new Map()));
    let byRest = byFix.get(p.fix);
    if (!byRest) byFix.set(p.fix, (byRest = new Map()));
    const rest = `${p.severity}\u0000${p.code}\u0000${p.related?.join('\u0001') ?? ''}\u0000${p.relatedAtKey === true}\u0000${p.atKey === true}`;
    let n = byRest.get(rest);
    if (n === undefined) {
      byRest.set(rest, (n = counts.length));
      counts.push(0);
    }
    counts[n] = (counts[n] as number) + 1;
    numberOf.push(n);
  }
  const out = new Map<UnlocatedProblem, string | undefined>();
  problems.forEach((p, i) => {
    const n = numberOf[i] as number;
    out.set(p, (counts[n] as number) > 1 ? String(n) : undefined);
  });
  return out;
}

/** Warnings given at each mark of a text up to a cap of their own, the last counting the rest (markup.ts). */
const OWN_COUNT: ReadonlySet<string> = new Set(['markdown', 'html-tag', 'invisible-character', 'quoted-text', 'line-break-at-end']);

/**
 * Errors about a name the file uses that is not defined (a node, principle, character, variable,
 * guide section or field): said word for word at several places anywhere in the file, they are one
 * error, whatever lists the places are in. The message names the value, which a trainer can search
 * the file for, so the places past the first few need not be listed. Found by validator-54: 30
 * replies of 5 nodes routing to the same missing id ("to": "nowhere") were 30 errors, since each
 * "to" is in a route list of its own and only one list's items were grouped.
 */
const ANYWHERE: ReadonlySet<string> = new Set(['unknown-node', 'unknown-principle', 'unknown-character', 'unknown-variable', 'unknown-guide-section', 'unknown-field']);

/**
 * One way a problem may be grouped: its key (the same for the problems grouped so), and the words
 * naming where they are ("in learningGoals"), or none when they are worked out from the places
 * grouped (whereAll).
 */
interface Way { key: string; where?: string }

/**
 * The ways a problem at `path` may be grouped, best first: at that very place (the same text), then
 * with the places that differ from it in one index, the last index first ("learningGoals" for
 * learningGoals[3]; "nodes[0].replies[0].assessments (at "principle" in each)" for
 * nodes[0].replies[0].assessments[5].principle, then "nodes[0].replies (at assessments[5].principle in each)", …).
 */
function waysOf(path: JsonPath, same: string, anywhere: boolean): Way[] {
  const ways: Way[] = [];
  const text = path.join('\u0001');
  // The field itself (a text): the same path. An item of a list is grouped with the list's other items below.
  if (typeof path[path.length - 1] !== 'number') ways.push({ key: `=\u0000${text}\u0000${same}`, where: `in ${formatPath(path)}` });
  // The innermost list only: its items' places differ in their last index.
  for (let i = path.length - 1; i >= 0; i--) {
    if (typeof path[i] !== 'number') continue;
    const list = path.slice(0, i);
    const rest = path.slice(i + 1);
    const inEach = rest.length === 0 ? '' : ` (at ${rest.length === 1 && typeof rest[0] === 'string' ? quoteValue(rest[0]) : formatPath(rest)} in each)`;
    ways.push({ key: `${i}\u0000${list.join('\u0001')}\u0002${rest.join('\u0001')}\u0000${same}`, where: `in ${formatPath(list)}${inEach}` });
    break;
  }
  // Last, anywhere in the file: when the places are in one list, the list's words above are used.
  if (anywhere) ways.push({ key: `*\u0000${same}` });
  return ways;
}

/** What the items of a list of the format are called, one and several. */
const ITEM_NOUNS: Readonly<Record<string, readonly [string, string]>> = {
  nodes: ['node', 'nodes'],
  replies: ['reply', 'replies'],
  next: ['route', 'routes'],
  assessments: ['assessment', 'assessments'],
  effects: ['effect', 'effects'],
  lines: ['line', 'lines'],
  characters: ['character', 'characters'],
  variables: ['variable', 'variables'],
  learningGoals: ['learning goal', 'learning goals'],
  when: ['condition', 'conditions'],
};

/**
 * Where the places of a group in several lists are, in words: the lists they are items of, from the
 * innermost that holds each at an item of its own out ("in 30 replies of 5 nodes"; "in 2 replies of
 * nodes[3]"), or "in the file" when they are in lists of different fields.
 */
function whereAll(paths: readonly JsonPath[]): string {
  const first = paths[0] ?? [];
  let common = 0;
  while (common < first.length && paths.every((p) => p.length > common && p[common] === first[common])) common++;
  // Each list the places are items of, outermost first, with how many of its items (counted with the lists they are in) hold one.
  const levels: { name: string; count: number }[] = [];
  let name = first[common - 1];
  for (let i = common; typeof name === 'string' && paths.every((p) => typeof p[i] === 'number'); i += 2) {
    const count = new Set(paths.map((p) => p.slice(0, i + 1).join('\u0001'))).size;
    levels.push({ name, count });
    if (count === paths.length) break;
    const next = first[i + 1];
    if (typeof next !== 'string' || !paths.every((p) => p[i + 1] === next)) break;
    name = next;
  }
  if (levels.length === 0) return common > 0 ? `in ${formatPath(first.slice(0, common))}` : 'in the file';
  const words = levels.reverse().map(({ name: list, count }) => {
    const nouns = ITEM_NOUNS[list];
    return nouns ? `${countWords(count)} ${nouns[count === 1 ? 0 : 1]}` : `${countWords(count)} items of ${quoteValue(list)}`;
  });
  const outer = first.slice(0, common - 1);
  return `in ${words.join(' of ')}${outer.length > 0 ? ` of ${formatPath(outer)}` : ''}`;
}
