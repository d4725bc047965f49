import { quoteValue } from '../text/quote.js';
import { PLACES_AT, type JsonPath, type UnlocatedProblem } from './problem.js';

/**
 * One mistake reported once, at its cause. A node whose id is written wrongly ("R-Supervisor",
 * "r_supervisor", a hidden character in it), a node copied and not renamed, or a node whose "id"
 * line was deleted made every "next", "to" or "start" naming the id meant an unknown-node error of
 * its own; those stood above the error at the node (a trainer reads from the top, and the
 * references come first in the file), so the trainer met four knock-ons before the cause. Here each group of such errors (UnlocatedProblem.cause)
 * is folded into the cause's own error, which lists the places that name the id (the first
 * MAX_PLACES, with their line and column, then how many more). When the cause's error is not
 * reported (another check said something else about that node), the knock-ons stay as they are.
 */

/** At most this many places are named by line and column in a folded error; the rest are counted. */
export const MAX_PLACES = 5;

const keyOf = (path: JsonPath) => JSON.stringify(path);

type Cause = NonNullable<UnlocatedProblem['cause']>;

/** Whether `p` is the error a cause of this kind is reported as: invalid-id, duplicate-id, or the missing-field error for "id". */
function reportsCause(p: UnlocatedProblem, kind: Cause['kind'] | undefined): boolean {
  if (kind === 'invalid') return p.code === 'invalid-id';
  if (kind === 'copy') return p.code === 'duplicate-id';
  return kind === 'idless' && p.code === 'missing-field' && p.message.endsWith(' is missing "id".');
}

/** The error the graph checks' knock-ons are sent to once a cause of this kind takes them in. */
const CAUSE_CODE: Record<Cause['kind'], string> = { invalid: 'invalid-id', copy: 'duplicate-id', idless: 'missing-field' };

export function foldKnockOns(problems: UnlocatedProblem[]): UnlocatedProblem[] {
  const byCause = new Map<string, UnlocatedProblem[]>();
  for (const p of problems) {
    if (!p.cause) continue;
    const key = keyOf(p.cause.path);
    const group = byCause.get(key);
    if (group) group.push(p);
    else byCause.set(key, [p]);
  }
  if (byCause.size === 0) return problems;
  const folded = new Set<UnlocatedProblem>();
  const into = new Map<UnlocatedProblem, UnlocatedProblem[]>();
  for (const p of problems) {
    if (p.cause || p.severity !== 'error' || (p.code !== 'invalid-id' && p.code !== 'duplicate-id' && p.code !== 'missing-field')) continue;
    const key = keyOf(p.path);
    const group = byCause.get(key);
    if (!group || !reportsCause(p, group[0]?.cause?.kind) || !group.some((g) => g.code === 'unknown-node')) continue;
    into.set(p, group);
    for (const g of group) folded.add(g);
    byCause.delete(key);
  }
  // The knock-ons the graph checks gave (no-way-to-end, unreachable) send the trainer to the
  // unknown-node errors about a copy's id (or the id a node lost): those are now the duplicate-id
  // (or missing-field) error.
  const sentTo = [...into.values()].flatMap((g) => (g[0]?.cause && g[0].cause.kind !== 'invalid' ? [{ id: quoteValue(g[0].cause.named), code: CAUSE_CODE[g[0].cause.kind] }] : []));
  return problems.flatMap((p): UnlocatedProblem[] => {
    if (folded.has(p)) return [];
    const group = into.get(p);
    if (group) return [withKnockOns(p, group)];
    if (p.cause) {
      const { cause: _cause, ...rest } = p;
      return [rest];
    }
    const to = sentTo.length > 0 && p.message.includes('see the unknown-node error') ? sentTo.find(({ id }) => p.message.includes(id)) : undefined;
    if (to) return [{ ...p, message: p.message.replace(/see the unknown-node errors?(?: where (?:it is|they are) named)?/g, `see the ${to.code} error`) }];
    return [p];
  });
}

/** How the place at `path` names the id: a "next", a route's "to", or "start". */
function namer(path: JsonPath): string {
  const last = path[path.length - 1];
  return last === 'start' ? '"start"' : last === 'to' ? 'a route\'s "to"' : 'a "next"';
}

/** "a", "a" and "b", "a", "b" and "c": ids quoted, the first few, then how many more. */
function listed(ids: readonly string[], and = 'and'): string {
  const shown = ids.slice(0, 3).map((v) => quoteValue(v));
  if (ids.length > 3) return `${shown.join(', ')} ${and} ${ids.length - 3} more`;
  return shown.length > 1 ? `${shown.slice(0, -1).join(', ')} ${and} ${shown[shown.length - 1]}` : shown[0] ?? '';
}

/** The cause's error, saying which places name the id its node was meant to have, and what follows from it. */
function withKnockOns(cause: UnlocatedProblem, group: UnlocatedProblem[]): UnlocatedProblem {
  const { named, kind } = (group[0] as UnlocatedProblem).cause as Cause;
  const refs = group.filter((p) => p.code === 'unknown-node');
  const first = refs[0];
  const id = quoteValue(named);
  const n = refs.length;
  const more = n > MAX_PLACES ? ` and ${n - MAX_PLACES} more` : '';
  const places = refs.slice(0, MAX_PLACES).map((p) => p.path);
  const who = n === 1 && first ? `${namer(first.path)} names ${id} (${PLACES_AT})` : `${n} places name ${id} (${PLACES_AT}${more})`;
  const them = n === 1 && first ? `the ${namer(first.path).replace(/^a /, '').replace(/^a route's /, 'route\'s ')} that names it` : `the ${n} places that name it`;
  // What follows until then: a node no ending can be reached from (said on a scene's knock-on, or
  // its own no-way-to-end error), the nodes the copy leads to that nothing else reaches.
  const stuckAt = [...new Set(group.flatMap((p) => p.cause?.stuckAt ?? []))];
  const clauses = [...new Set(group.flatMap((p) => /Because of it, (no ending can be reached from .*)\.$/.exec(p.message)?.[1] ?? []))];
  if (stuckAt.length > 0) clauses.push(`no ending can be reached from ${listed(stuckAt, 'or')}`);
  const unreached = group.flatMap((p) => p.cause?.unreached ?? []);
  if (unreached.length > 0) clauses.push(`${listed(unreached)}, where this ${kind === 'copy' ? 'copy' : 'node'} goes on to, ${unreached.length === 1 ? 'is' : 'are'} out of reach (nothing else leads there)`);
  const after = clauses.length > 0 ? ` Until then, ${clauses.join('; ')}.` : '';
  if (kind === 'invalid') {
    const use = `Use something like ${id}.`;
    const change = `Change it to ${id}: then ${them} ${n === 1 ? 'leads' : 'lead'} here.`;
    return {
      ...cause, places,
      message: `${cause.message} ${who[0]?.toUpperCase()}${who.slice(1)}, meaning this node: ${n === 1 ? 'it leads' : 'they lead'} to no node until its id is ${id}.${after}`,
      fix: cause.fix.endsWith(use) ? `${cause.fix.slice(0, -use.length)}${change}` : `${cause.fix} ${change}`,
    };
  }
  if (kind === 'idless') {
    // The line to write is its own row in a terminal (src/terminal/wrap.ts keeps a fix's snippet whole).
    return {
      ...cause, places,
      message: `${cause.message} ${who[0]?.toUpperCase()}${who.slice(1)}, which is no node's id: if this node is the one meant there, its id should be ${id}.${after}`,
      fix: `Give it back its id, as the node's first line: "id": ${id}, and ${them} then ${n === 1 ? 'leads' : 'lead'} here. If it is not the node meant there, give it an id of its own and correct ${n === 1 ? 'that place' : 'those places'} to the id of the node meant.`,
    };
  }
  return {
    ...cause, places,
    message: `${cause.message} ${who[0]?.toUpperCase()}${who.slice(1)}, which is no node's id: if this copy is the node meant there, its id should be ${id}.${after}`,
    fix: `${cause.fix} If this copy is the node ${id} is meant for, rename it ${id}: then ${them} ${n === 1 ? 'leads' : 'lead'} here. If not, correct ${n === 1 ? 'that place' : 'those places'} to the id of the node meant.`,
  };
}
