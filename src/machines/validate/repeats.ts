import { countWords } from '../text/first-few.js';
import { formatPath, type JsonPath, type UnlocatedProblem } from './problem.js';

/** How many of a group's other places its message names by line and column; the rest are counted. */
export const REPEATS_SHOWN = 4;

/**
 * The same warning (or error), word for word, given again and again in one list or one text (a
 * learning goal pasted 300 times was 300 "listed again" warnings, found by validator-52): one at the
 * first place, its message saying how many times it comes and where the next few are (line and
 * column), its `repeats` the count. A warning that names places of its own (other than one
 * `related` place the same for all), or is tied to another problem, is left as it is.
 */
export function groupRepeats(problems: UnlocatedProblem[]): UnlocatedProblem[] {
  // Errors too (found by ids-52: a principle that is not one pasted 300 times into learningGoals
  // was 300 unknown-principle errors), grouped only with errors; a syntax error (placed by its
  // offset) never is.
  const candidate = (p: UnlocatedProblem) => p.offset === undefined && p.places === undefined && p.cause === undefined && !OWN_COUNT.has(p.code);
  // Most warnings are said once (each names its node): only a message said again is looked at
  // further, so 150,000 different ones cost one pass of a set.
  const seen = new Set<string>();
  const again = new Set<string>();
  for (const p of problems) {
    if (!candidate(p)) continue;
    if (seen.has(p.message)) again.add(p.message);
    else seen.add(p.message);
  }
  if (again.size === 0) return problems;
  const groups = new Map<string, UnlocatedProblem[]>();
  const keys = new Map<UnlocatedProblem, string>();
  for (const p of problems) {
    if (!again.has(p.message) || !candidate(p)) continue;
    // Parts of a path are ids or indices, joined with a character no id holds.
    const key = `${p.severity}\u0000${p.code}\u0000${listOf(p.path).join('\u0001')}\u0000${p.related?.join('\u0001') ?? ''}\u0000${p.relatedAtKey === true}\u0000${p.message}\u0000${p.fix}`;
    keys.set(p, key);
    const group = groups.get(key);
    if (group) group.push(p);
    else groups.set(key, [p]);
  }
  if (keys.size === groups.size) return problems;
  const out: UnlocatedProblem[] = [];
  for (const p of problems) {
    const key = keys.get(p);
    const group = key === undefined ? undefined : groups.get(key);
    if (!group || group.length === 1) {
      out.push(p);
      continue;
    }
    if (group[0] !== p) continue;
    const others = group.slice(1);
    const shown = others.slice(0, REPEATS_SHOWN);
    const more = others.length - shown.length;
    const where = formatPath(listOf(p.path));
    out.push({
      ...p,
      message: `${p.message} The same ${p.severity} comes ${countWords(group.length)} times in ${where}: here, then at {places}${more > 0 ? `, and ${countWords(more)} more` : ''}.`,
      fix: `${p.fix} The same goes for the other ${others.length === 1 ? 'one' : countWords(others.length)}.`,
      places: shown.map((q) => q.path),
      placeIndices: shown.map((q) => q.stringIndex),
      repeats: group.length,
    });
  }
  return out;
}

/** Warnings given at each mark of a text up to a cap of their own, the last counting the rest (markup.ts). */
const OWN_COUNT: ReadonlySet<string> = new Set(['markdown', 'html-tag']);

/** The list a problem's place is an item of (its path without the index), or the field itself. */
function listOf(path: JsonPath): JsonPath {
  return typeof path[path.length - 1] === 'number' ? path.slice(0, -1) : path;
}
