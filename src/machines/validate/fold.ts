import { countWords, firstFew } from '../text/first-few.js';
import { quoteValue } from '../text/quote.js';
import { PathMap } from './path-map.js';
import { PLACES_AT, placeAt, type JsonPath, type UnlocatedProblem } from './problem.js';

/**
 * One mistake reported once, at its cause. A node whose id is written wrongly ("R-Supervisor",
 * "r_supervisor", a hidden character in it), a node copied and not renamed, or a node with no "id"
 * as text (the line deleted, "ID" or "id " for its name, 7 or null for its value) made every
 * "next", "to" or "start" naming the id meant an unknown-node error of its own; those stood above
 * the error at the node (a trainer reads from the top, and the references come first in the file),
 * so the trainer met four knock-ons before the cause. Here each group of such errors
 * (UnlocatedProblem.cause) is folded into the cause's own error, which lists the places that name
 * the id (the first MAX_PLACES, with their line and column, then how many more). When the cause's
 * error is not reported (another check said something else about that node), the knock-ons stay as
 * they are.
 */

/** At most this many places are named by line and column in a folded error; the rest are counted. */
export const MAX_PLACES = 5;


type Cause = NonNullable<UnlocatedProblem['cause']>;

/**
 * Whether `p` is the error a cause is reported as: invalid-id, duplicate-id, or for a node with no
 * "id" as text, the missing-field error for "id", the wrong-type error at its "id", or the
 * unknown-field error at the field spelt like "id" ("ID"), which says "id" is missing.
 */
function reportsCause(p: UnlocatedProblem, cause: Cause | undefined): boolean {
  if (cause?.kind === 'invalid') return p.code === 'invalid-id';
  if (cause?.kind === 'copy') return p.code === 'duplicate-id';
  if (cause?.kind !== 'idless') return false;
  if (!cause.idAt) return p.code === 'missing-field' && p.message.endsWith(' is missing "id".');
  if (cause.idAt.key === 'id') return p.code === 'wrong-type';
  return p.code === 'unknown-field' && p.message.includes(', which is missing "id".');
}

/** The codes of the errors a cause may be reported as (see reportsCause). */
const CAUSE_CODES = new Set(['invalid-id', 'duplicate-id', 'missing-field', 'wrong-type', 'unknown-field']);

export function foldKnockOns(problems: UnlocatedProblem[]): UnlocatedProblem[] {
  // The problems by their index in `problems`, not by themselves: Sets and Maps of 100,000 problems
  // (a file of nodes whose "id" is written "ID") each gave every problem an identity hash.
  // By the cause's path, in a PathMap: a text per path (joined), made for each cause and again for
  // each error that may report one, was 200,000 texts for 100,000 causes.
  const byCause = new PathMap<number[]>();
  for (let i = 0; i < problems.length; i++) {
    const cause = (problems[i] as UnlocatedProblem).cause;
    if (!cause) continue;
    const group = byCause.get(cause.path);
    if (group) group.push(i);
    else byCause.set(cause.path, [i]);
  }
  if (byCause.size === 0) return problems;
  // Each problem's fate: 0 as it is, FOLDED folded into its cause's error, k > 0 the cause of groups[k - 1].
  const fate = new Int32Array(problems.length);
  const groups: UnlocatedProblem[][] = [];
  const causes: UnlocatedProblem[] = [];
  for (let i = 0; i < problems.length; i++) {
    const p = problems[i] as UnlocatedProblem;
    if (p.cause || p.severity !== 'error' || !CAUSE_CODES.has(p.code)) continue;
    const at = byCause.get(p.path);
    if (!at || !reportsCause(p, (problems[at[0] as number] as UnlocatedProblem).cause) || !at.some((j) => (problems[j] as UnlocatedProblem).code === 'unknown-node')) continue;
    groups.push(at.map((j) => problems[j] as UnlocatedProblem));
    causes.push(p);
    fate[i] = groups.length;
    for (const j of at) fate[j] = FOLDED;
    byCause.delete(p.path);
  }
  // The knock-ons the graph checks gave (no-way-to-end, unreachable) send the trainer to the
  // unknown-node errors about a copy's id (or the id a node lost): those are now the duplicate-id
  // (or missing-field, wrong-type, unknown-field) error.
  // (Made when first needed: most files have no such knock-on.)
  let sentTo: Map<string, string> | undefined;
  const out: UnlocatedProblem[] = [];
  for (let i = 0; i < problems.length; i++) {
    const p = problems[i] as UnlocatedProblem;
    const f = fate[i] as number;
    if (f === FOLDED) continue;
    if (f > 0) {
      out.push(withKnockOns(p, groups[f - 1] as UnlocatedProblem[]));
      continue;
    }
    if (p.cause) {
      const { cause: _cause, ...rest } = p;
      out.push(rest);
      continue;
    }
    if (groups.length === 0 || !p.message.includes('see the unknown-node error')) {
      out.push(p);
      continue;
    }
    sentTo ??= new Map(causes.flatMap((to, k) => {
      const g = groups[k] as UnlocatedProblem[];
      return g[0]?.cause && g[0].cause.kind !== 'invalid' ? [[quoteValue(g[0].cause.named), to.code] as const] : [];
    }));
    const see = sentTo.size === 0 ? undefined : seeWhere(p.message, sentTo);
    out.push(see === undefined ? p : { ...p, message: p.message.replace(/see the unknown-node errors?(?: where (?:it is|they are) named)?/g, see) });
  }
  return out;
}

/** foldKnockOns' fate of a knock-on folded into its cause's error. */
const FOLDED = -1;

/**
 * Where a knock-on naming ids that are no node's ("naming "a" and "b", which are not nodes";
 * "names "a" or "b", which") sends the trainer once some of those ids' errors are folded (`sentTo`:
 * the id, quoted, and the code of the error it is now in): "see the unknown-field error", or, beside
 * others, "see the unknown-field error for "a", and the unknown-node error where the other is
 * named". Undefined when it names none of them.
 */
function seeWhere(message: string, sentTo: ReadonlyMap<string, string>): string | undefined {
  const names = /(?:naming|names) (".*?"), which (?:are not nodes|is not a node)/.exec(message)?.[1];
  const ids = names?.split(/(?<="), (?=")|(?<=") (?:and|or) (?=")/) ?? [];
  const byCode = new Map<string, string[]>();
  for (const id of ids) {
    const code = sentTo.get(id);
    if (code === undefined) continue;
    const list = byCode.get(code);
    if (list) list.push(id);
    else byCode.set(code, [id]);
  }
  const folded = [...byCode.values()].reduce((n, list) => n + list.length, 0);
  if (folded === 0) return undefined;
  const others = ids.length - folded;
  if (others === 0 && folded === 1) return `see the ${[...byCode.keys()][0] ?? ''} error`;
  const parts = [...byCode].map(([code, list]) => `the ${code} error${list.length > 1 ? 's' : ''} for ${list.slice(0, -1).join(', ')}${list.length > 1 ? ' and ' : ''}${list[list.length - 1] ?? ''}`);
  if (others > 0) parts.push(`the unknown-node error${others > 1 ? 's where the others are' : ' where the other is'} named`);
  return parts.length === 1 ? `see ${parts[0] ?? ''}` : `see ${parts.slice(0, -1).join(', ')}, and ${parts[parts.length - 1] ?? ''}`;
}

/** The index of the node a reference at `path` is in (-1 for "start"). */
function nodeIndex(path: JsonPath): number {
  return path[0] === 'nodes' && typeof path[1] === 'number' ? path[1] : -1;
}

/** How the place at `path` names the id: a "next", a route's "to", or "start". */
function namer(path: JsonPath): string {
  const last = path[path.length - 1];
  return last === 'start' ? '"start"' : last === 'to' ? 'a route\'s "to"' : 'a "next"';
}

/** "a", "a" and "b", "a", "b" and "c": ids quoted, the first few, then how many more. */
function listed(ids: readonly string[], and = 'and'): string {
  const shown = ids.slice(0, 3).map((v) => quoteValue(v));
  if (ids.length > 3) return `${shown.join(', ')} ${and} ${countWords(ids.length - 3)} more`;
  return shown.length > 1 ? `${shown.slice(0, -1).join(', ')} ${and} ${shown[shown.length - 1]}` : shown[0] ?? '';
}

/**
 * The cause's error, saying which places name the id its node was meant to have, and what follows
 * from it. Its message and fix are written when first read: of a file's 100,000 such errors (each
 * node's id written "ID"), only the 200 listed are read (see finish in index.ts); the others are
 * counted.
 */
function withKnockOns(cause: UnlocatedProblem, group: UnlocatedProblem[]): UnlocatedProblem {
  // In the file's order: "start", then by node (a node that failed the schema is checked after the others).
  const refs = group.length === 1 ? (group[0]?.code === 'unknown-node' ? group : []) : group.filter((p) => p.code === 'unknown-node').sort((a, b) => nodeIndex(a.path) - nodeIndex(b.path));
  // After the places the cause's error names already (a copy's replies whose ids repeat too).
  const before = cause.places ?? [];
  const places = before.length === 0 && refs.length === 1 ? [(refs[0] as UnlocatedProblem).path] : [...before, ...refs.slice(0, MAX_PLACES).map((p) => p.path)];
  const { severity, code, path, atKey, stringIndex, offset, related, relatedAtKey } = cause;
  // What the words need of the knock-ons, read now: the getters hold that, not the knock-ons, which
  // are let go (100,000 unknown-node errors, each with its words, were held until the file was located).
  const facts = knockOnFacts(group, refs);
  const p = { severity, code, path, places } as UnlocatedProblem;
  // Getters of its own, as the other fields are: a copy ({ ...p }) reads them, so has the words. The
  // same two for every such error, reading what they need from the error (a getter made per error,
  // in an object literal, held some 600 bytes more of each of 100,000 errors).
  Object.defineProperty(p, WORDS, { value: { cause, facts } satisfies WordsToBe });
  // One field at a time, each by a descriptor made once: defineProperties read the map of both
  // and made their descriptors again for each error, 2.5 times the cost.
  Object.defineProperty(p, 'message', MESSAGE_WHEN_READ);
  Object.defineProperty(p, 'fix', FIX_WHEN_READ);
  if (atKey !== undefined) p.atKey = atKey;
  if (stringIndex !== undefined) p.stringIndex = stringIndex;
  if (offset !== undefined) p.offset = offset;
  if (related !== undefined) p.related = related;
  if (relatedAtKey !== undefined) p.relatedAtKey = relatedAtKey;
  return p;
}

/** Where withKnockOns' error keeps what its words are written from (not enumerable: a copy has the words instead), then the words. */
const WORDS = Symbol('knock-on words');

interface WordsToBe { cause: UnlocatedProblem; facts: KnockOnFacts; words?: { message: string; fix: string } }

/** The words of withKnockOns' error, written when first read. */
function wordsOf(p: UnlocatedProblem): { message: string; fix: string } {
  const state = (p as UnlocatedProblem & { [WORDS]: WordsToBe })[WORDS];
  return (state.words ??= knockOnWords(state.cause, state.facts));
}

/** The message and fix of withKnockOns' error, as own fields written when read (see wordsOf). */
const MESSAGE_WHEN_READ: PropertyDescriptor = { get(this: UnlocatedProblem) { return wordsOf(this).message; }, enumerable: true, configurable: true };
const FIX_WHEN_READ: PropertyDescriptor = { get(this: UnlocatedProblem) { return wordsOf(this).fix; }, enumerable: true, configurable: true };

/** What knockOnWords reads of a cause's knock-ons (`group`) and of those that name the id (`refs`). */
interface KnockOnFacts {
  named: string;
  kind: Cause['kind'];
  idAt: Cause['idAt'];
  /** How many places name the id, and the path of the first. */
  n: number;
  first: JsonPath | undefined;
  stuckAt: readonly string[];
  stuckFrom: readonly string[];
  unreached: readonly string[];
}

/** Most causes have none of these: one empty list for them all. */
const NONE: readonly string[] = [];

/** knockOnWords' facts about the knock-ons of one cause. */
function knockOnFacts(group: readonly UnlocatedProblem[], refs: readonly UnlocatedProblem[]): KnockOnFacts {
  const { named, kind, idAt } = (group[0] as UnlocatedProblem).cause as Cause;
  // What follows until then: a node no ending can be reached from (said on a scene's knock-on, or
  // its own no-way-to-end error), the nodes the copy leads to that nothing else reaches.
  // Loops, not flatMap and Sets: this runs once per cause, 100,000 times for a file of such nodes.
  let stuckAt: string[] | undefined;
  let stuckFrom: string[] | undefined;
  let unreached: string[] | undefined;
  for (const p of group) {
    const stuck = p.cause?.stuckAt;
    if (stuck !== undefined && !(stuckAt ??= []).includes(stuck)) stuckAt.push(stuck);
    const away = p.cause?.unreached;
    if (away !== undefined) (unreached ??= []).push(away);
    // "no ending can be reached from "x-7"": said once, the nodes named together (one such clause
    // for each of 90 places was a message of 4,000 characters, growing with the file).
    const from = p.message.includes('Because of it, ') ? /Because of it, no ending can be reached from (.*)\.$/.exec(p.message)?.[1] : undefined;
    if (from !== undefined && !(stuckFrom ??= []).includes(from)) stuckFrom.push(from);
  }
  return { named, kind, idAt, n: refs.length, first: refs[0]?.path, stuckAt: stuckAt ?? NONE, stuckFrom: stuckFrom ?? NONE, unreached: unreached ?? NONE };
}

/** The message and fix of withKnockOns' error: the cause's, with the places naming the id and what follows from it. */
function knockOnWords(cause: UnlocatedProblem, facts: KnockOnFacts): { message: string; fix: string } {
  const { named, kind, idAt, n, first, stuckAt, stuckFrom, unreached } = facts;
  const id = quoteValue(named);
  const more = n > MAX_PLACES ? ` and ${countWords(n - MAX_PLACES)} more` : '';
  const before = cause.places ?? [];
  const at = before.length === 0 ? PLACES_AT : Array.from({ length: Math.min(n, MAX_PLACES) }, (_, i) => placeAt(before.length + i)).join('; ');
  const who = n === 1 && first ? `${namer(first)} names ${id} (${at})` : `${n} places name ${id} (${at}${more})`;
  const them = n === 1 && first ? `the ${namer(first).replace(/^a /, '').replace(/^a route's /, 'route\'s ')} that names it` : `the ${n} places that name it`;
  const clauses: string[] = [];
  if (stuckFrom.length > 0) clauses.push(`no ending can be reached from ${firstFew(stuckFrom)}`);
  if (stuckAt.length > 0) clauses.push(`no ending can be reached from ${listed(stuckAt, 'or')}`);
  if (unreached.length > 0) clauses.push(`${listed(unreached)}, where this ${kind === 'copy' ? 'copy' : 'node'} goes on to, ${unreached.length === 1 ? 'is' : 'are'} out of reach (nothing else leads there)`);
  const after = clauses.length > 0 ? ` Until then, ${clauses.join('; ')}.` : '';
  if (kind === 'invalid') {
    const use = `Use something like ${id}.`;
    const change = `Change it to ${id}: then ${them} ${n === 1 ? 'leads' : 'lead'} here.`;
    return {
      message: `${cause.message} ${who[0]?.toUpperCase()}${who.slice(1)}, meaning this node: ${n === 1 ? 'it leads' : 'they lead'} to no node until its id is ${id}.${after}`,
      fix: cause.fix.endsWith(use) ? `${cause.fix.slice(0, -use.length)}${change}` : `${cause.fix} ${change}`,
    };
  }
  if (kind === 'idless' && idAt) {
    // Its id written as another field ("ID") or not as text (7): the fix is that line as it should
    // read (its own row in a terminal: src/terminal/wrap.ts keeps a fix's snippet whole).
    const line = `"id": ${id}${idAt.last ? '' : ','}`;
    const lead = `${line} and ${them} then ${n === 1 ? 'leads' : 'lead'} here.`;
    if (idAt.text !== undefined && idAt.text !== named) {
      // "ID": "aftervisit": the id the places name, written otherwise, under a name that is not "id".
      return {
        message: `${cause.message} ${who[0]?.toUpperCase()}${who.slice(1)}, which is no node's id, and the id written here under ${quoteValue(idAt.key)} is ${quoteValue(idAt.text)}, the same id written otherwise: if this node is the one meant there, its id should be ${id}.${after}`,
        fix: `Rename ${quoteValue(idAt.key)} to "id" and write the id as ${n === 1 ? 'that place names' : 'those places name'} it, so that the line reads: ${lead} If it is not the node meant there, rename ${quoteValue(idAt.key)} to "id" all the same and correct ${n === 1 ? 'that place' : 'those places'} to the id of the node meant.`,
      };
    }
    if (idAt.text !== undefined) {
      // "ID": "after-visit": the id is written, under a name that is not "id".
      return {
        message: `${cause.message} ${who[0]?.toUpperCase()}${who.slice(1)}, the id written here under ${quoteValue(idAt.key)}: ${n === 1 ? 'it leads' : 'they lead'} to no node until it is written under "id".${after}`,
        fix: `Rename ${quoteValue(idAt.key)} to "id", so that the line reads: ${lead}`,
      };
    }
    return {
      message: `${cause.message} ${who[0]?.toUpperCase()}${who.slice(1)}, which is no node's id: if this node is the one meant there, its id should be ${id}.${after}`,
      fix: `${idAt.key === 'id' ? 'Write the id as text' : `Rename ${quoteValue(idAt.key)} to "id" and write the id as text`}, so that the line reads: ${lead} If it is not the node meant there, give it an id of its own and correct ${n === 1 ? 'that place' : 'those places'} to the id of the node meant.`,
    };
  }
  if (kind === 'idless') {
    // The line to write is its own row in a terminal (src/terminal/wrap.ts keeps a fix's snippet whole).
    return {
      message: `${cause.message} ${who[0]?.toUpperCase()}${who.slice(1)}, which is no node's id: if this node is the one meant there, its id should be ${id}.${after}`,
      fix: `Give it back its id, as the node's first line: "id": ${id}, and ${them} then ${n === 1 ? 'leads' : 'lead'} here. If it is not the node meant there, give it an id of its own and correct ${n === 1 ? 'that place' : 'those places'} to the id of the node meant.`,
    };
  }
  return {
    message: `${cause.message} ${who[0]?.toUpperCase()}${who.slice(1)}, which is no node's id: if this copy is the node meant there, its id should be ${id}.${after}`,
    fix: `${cause.fix} If this copy is the node ${id} is meant for, rename it ${id}: then ${them} ${n === 1 ? 'leads' : 'lead'} here. If not, correct ${n === 1 ? 'that place' : 'those places'} to the id of the node meant.`,
  };
}
