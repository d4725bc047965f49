import { quoteValue } from '../text/quote.js';

/** A path into the scenario JSON, e.g. ["nodes", 3, "replies", 1, "next"]. */
export type JsonPath = (string | number)[];

/** One thing wrong with a scenario file, located and explained so a trainer can fix it. */
export interface Problem {
  severity: 'error' | 'warning';
  /** A stable code per rule, e.g. "unknown-node"; docs/authoring.md explains each. */
  code: string;
  file: string;
  /** 1-based line and column of the place to look. */
  line: number;
  column: number;
  path: JsonPath;
  /**
   * The place in the scenario was not worked out (a syntax error far into a very large file): the
   * path is empty without meaning the top level, and is left out where the problem is written.
   */
  pathUnknown?: true;
  /** What is wrong, in plain words. */
  message: string;
  /** How to fix it. */
  fix: string;
  /**
   * The same problem, word for word, given this many times in one list or text, and listed once
   * (repeats.ts): here is the first place; `repeatedAt` has the next few (REPEATS_SHOWN). An id
   * that is not one, written so at a node and at the places naming it, is one error at the node
   * (same-id.ts): `repeatedAt` has the first few of those places.
   */
  repeats?: number;
  repeatedAt?: { line: number; column: number; path: JsonPath }[];
}

/** A problem before it is given a place in the file. */
export interface UnlocatedProblem {
  severity: 'error' | 'warning';
  code: string;
  path: JsonPath;
  /** As Problem.pathUnknown. */
  pathUnknown?: true;
  message: string;
  fix: string;
  /** As Problem.repeats: this problem stands for so many, its `places` the next few. */
  repeats?: number;
  /** With `repeats`: the index in `places` where the repeated places begin (0 unless said; same-id.ts). */
  repeatsFrom?: number;
  /** Point at the property's key rather than its value (for unknown keys). */
  atKey?: boolean;
  /** For text problems: the index inside the decoded string value. */
  stringIndex?: number;
  /** A fixed place, for problems found before the JSON could be parsed. */
  offset?: number;
  /**
   * A second place the message names (e.g. the ending a route leads to): each "{at}" in the
   * message and fix becomes its "line L, column C" once the file is located.
   */
  related?: JsonPath;
  /** Locate `related` at the property's key rather than its value (where an unknown-field error is). */
  relatedAtKey?: boolean;
  /**
   * More places the message names: each "{places}" in the message and fix becomes their "line L,
   * column C", joined ("line 4, column 9; line 7, column 9"), and each "{place:i}" the `i`th's alone.
   */
  places?: JsonPath[];
  /** For a place of `places` inside a text: the index in its decoded string, as stringIndex (by place). */
  placeIndices?: (number | undefined)[];
  /** Locate each of `places` at its property's key rather than its value (a misspelt field in each item of a list). */
  placesAtKey?: boolean;
  /**
   * The mistake this problem follows from, when that is another problem's (an unknown-node error
   * naming the id a node was meant to have): the path of the cause's problem, the id named, and why
   * the node is not found under it (its id is not a valid one, it is a copy that repeats another's,
   * or it has no "id" as text: the line was deleted, its value is not text, or its name is
   * misspelt). Folded into the cause's problem when that is reported (fold.ts).
   */
  cause?: {
    path: JsonPath;
    named: string;
    kind: 'invalid' | 'copy' | 'idless';
    /** For 'idless': where the node has its id written, not as "id" with text (see LooseNode.idAt). */
    idAt?: { key: string; text?: string; last: boolean };
    /** A node the copy (or the node without an id) leads to that nothing else does (an unreachable warning folded in). */
    unreached?: string;
    /** A node from which no ending can be reached because of it (a no-way-to-end error folded in). */
    stuckAt?: string;
  };
}

/**
 * Appends `items` to `target` one by one: `target.push(...items)` passes each item as an argument,
 * and past about 100,000 (a file with that many references to no node) it threw "Maximum call stack
 * size exceeded" out of validateScenario, which never throws.
 */
export function pushAll<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}

/** Where a problem's message names its related place (see UnlocatedProblem.related). */
export const RELATED_AT = '{at}';

/** Where a problem's message names its places (see UnlocatedProblem.places). */
export const PLACES_AT = '{places}';

/** Where a problem's message names one of its places, the `i`th (from 0): its "line L, column C". */
export const placeAt = (i: number) => `{place:${i}}`;

/**
 * Where a problem's message names the column of character `i` (from 0) of the text it points at
 * (its opening quote): " (column C)" once the file is located, or nothing when it points at no
 * text. The line is the problem's own.
 */
export const columnAt = (i: number) => `{column:${i}}`;

/** What columnAt becomes in a located message, " (column 23)": taken out where no file is shown (new-scenario.ts). */
export const COLUMN_SAID = / \(column \d+\)/g;

/** "nodes[3].replies[1].next" — the path in the form editors and jq users read. */
export function formatPath(path: JsonPath): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(part)) out += out ? `.${part}` : part;
    else out += `[${quoteValue(part, 40)}]`;
  }
  return out || '(top level)';
}

/** One problem as the line a trainer reads: `file:line:col error [code] path: message` then the fix. */
export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}:${p.column} ${p.severity} [${p.code}] ${p.pathUnknown ? '' : `${formatPath(p.path)}: `}${p.message}\n    fix: ${p.fix}`;
}

// Suggestions live in text/suggest.ts (the terminal's command line uses them without the validator).
export { closest, didYouMean, didYouMeanOf, editDistance, FILLER_WORDS, pairSuggester, resetSuggestionBudget, startingWith, suggester, wordSuggester } from '../text/suggest.js';
