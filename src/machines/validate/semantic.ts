import type { Variables } from '../conditions.js';
import { analyseGraph, scenarioGraph } from '../graph.js';
import { getPrinciple, languageRules, principles, sections, uncitedSectionOf } from '../guide.js';
import { findLanguageHits, type LanguageHit } from '../language.js';
import { idFromText, isScenarioId, MAX_ID_LENGTH } from '../scenario-id.js';
import { indexScenario, successorsOf } from '../scenario-index.js';
import { Id, type Assessment, type Condition, type Effect, type Line, type Next, type Reply, type Scenario, type ScenarioNode, type Variable, type When } from '../schema/scenario.js';
import { quoteValue } from '../text/quote.js';
import { countWords, firstFew, MAX_NAMED } from '../text/first-few.js';
import { valuesDisablingAll } from './coverage.js';
import { specOf } from '../conditions.js';
import { closest, didYouMean, didYouMeanOf, FILLER_WORDS, pairSuggester, placeAt, pushAll, RELATED_AT, type JsonPath, type UnlocatedProblem, wordSuggester } from './problem.js';
import { conductInsteadOfVar } from './conduct-words.js';
import { notACharacter } from './not-a-character.js';
import { REPEATS_SHOWN } from './repeats.js';
import { endingKindOfWord } from './schema-issues.js';

/** A line break, as cleanLine (text/clean.ts) turns it into a space: \n, \r, the Unicode line and paragraph separators, and the three below. */
const LINE_BREAK = /[\n\r\u2028\u2029\u0085\v\f]/;
/** The line-break characters that are control characters (left out of a text of several lines), as the file writes them. */
const DROPPED_BREAK: Record<string, { name: string; written: string }> = {
  '\v': { name: 'vertical tab', written: '\\u000b' },
  '\f': { name: 'form feed', written: '\\u000c' },
  '\u0085': { name: 'next-line character (U+0085)', written: '\\u0085' },
};

/** Where a node's "next" (or one of its replies' "next") leads to `to`: the path inside the node, and the reply. */
function nextBack(node: ScenarioNode, to: string): { at: JsonPath; reply?: string } | undefined {
  const inNext = (next: Next | undefined, base: JsonPath): JsonPath | undefined => {
    if (next === undefined) return undefined;
    if (typeof next === 'string') return next === to ? base : undefined;
    const k = next.findIndex((r) => r.to === to);
    return k >= 0 ? [...base, k] : undefined;
  };
  if (node.kind === 'scene') {
    const at = inNext(node.next, ['next']);
    return at ? { at } : undefined;
  }
  if (node.kind !== 'decision') return undefined;
  for (const [j, reply] of node.replies.entries()) {
    const at = inNext(reply.next, ['replies', j, 'next']);
    if (at) return { at, reply: reply.id };
  }
  return undefined;
}

/** The ids a node that failed the schema leads to: its "next", its routes' "to", its replies' "next". */
function looseSuccessors(node: LooseNode): string[] {
  const out: string[] = [];
  nextIds(node.next, out);
  for (const { reply } of node.replies) nextIds(reply.next, out);
  return out;
}

/** The ids a "next" names (its own, or its routes' "to"s), added to `out`: a function of the module, not a closure per node. */
function nextIds(next: Next | Partial<Reply>['next'], out: string[]): void {
  if (typeof next === 'string') out.push(next);
  else if (Array.isArray(next)) for (const r of next) if (typeof r?.to === 'string') out.push(r.to);
}

/**
 * The path of the error the schema checks give a node without an id as text: the missing-field
 * error at the node, or the wrong-type error at its "id", or the unknown-field error at the field
 * spelt like "id" (see LooseNode.idAt).
 */
function idErrorPath(node: LooseNode): JsonPath {
  return node.idAt ? [...node.path, node.idAt.key] : node.path;
}

/** The place an unknown-node fix offering `node` names: that error's, at the field's name for unknown-field. */
function idErrorAt(node: LooseNode): Partial<UnlocatedProblem> {
  return node.idAt && node.idAt.key !== 'id' ? { related: idErrorPath(node), relatedAtKey: true } : { related: idErrorPath(node) };
}

/** The other way an unknown-node fix offers to mend a reference to `id`: give it to the node without an id as text, pointing at the error there. */
function orGiveId(node: LooseNode, id: string): string {
  const at = node.idAt;
  if (!at) return ` Or, if it means the node without a valid "id" (${RELATED_AT}; see the missing-field error), give that node "id": "${id}".`;
  const which = at.key === 'id' ? 'whose "id" is not text' : `whose "id" is written ${quoteValue(at.key)}`;
  return ` Or, if it means the node ${which} (${RELATED_AT}; see the ${at.key === 'id' ? 'wrong-type' : 'unknown-field'} error), change that line to "id": "${id}".`;
}

/** Where each kept node, character and variable sits in the file's lists. */
export type RawIndex = Pick<ReadonlyMap<object, number>, 'get'>;

/** What the semantic checks look at: the parts of a scenario that passed the schema. */
export interface CheckInput {
  /** The scenario, holding only the nodes, characters and variables that passed the schema. */
  scenario: Scenario;
  /** The index each kept node, character and variable has in the file. */
  rawIndex: RawIndex;
  /** Ids of nodes, characters and variables that exist in the file but failed the schema. */
  brokenIds: Set<string>;
  /** The characters that failed the schema, by their id as written, with their index in "characters". */
  brokenCharacters?: ReadonlyMap<string, number>;
  /** Whether the whole file passed the schema (whole-graph checks need that). */
  complete: boolean;
  /**
   * The parts of nodes that failed the schema which are valid on their own, so that an error in one
   * field does not hide the problems of the others (a bad "feedback" and a misspelt "next").
   */
  looseNodes?: LooseNode[];
  /**
   * Nodes written inside a node's "nodes" list (an unknown-field error of their own), by id: where
   * each is, and the id of the node whose "nodes" holds it. The story cannot reach them there, but
   * they exist: a "next" naming one is not told to add a node with that id.
   */
  nestedNodes?: ReadonlyMap<string, { path: JsonPath; inside: string | undefined; leadsTo: readonly string[] }>;
  /** "variables" is there but not a list: every variable named elsewhere is unknown because of it, not of its own. */
  variablesBroken?: boolean;
  /**
   * The places ("nodes.1.replies.0.next.0") of the objects kept only once their misspelt fields
   * were left out (each reported as unknown-field): a route whose "when" is written "if" has no
   * "when" here, but that is not what the trainer wrote.
   */
  strippedAt?: ReadonlySet<string>;
}

/** The valid parts of a node that failed the schema, with their places in the file. */
export interface LooseNode {
  path: JsonPath;
  /** The node's id as written, when it is text (it may be the part that is broken). */
  id?: string;
  /**
   * Where a node without an id as text has one written: `key` "id" when its value is not text, or
   * a field spelt like "id" ("ID", "id "), with its value when that is text; `last` when it is the
   * node's last field (the line to write has no comma then). Undefined when it has no such field.
   */
  idAt?: { key: string; text?: string; last: boolean };
  next?: Next;
  lines: { line: Line; index: number }[];
  replies: { reply: Partial<Reply>; index: number }[];
}

/** A JSON path, built only when a problem needs it. */
type Path = () => JsonPath;

/** The comparisons of a condition, each a number. */
const COMPARISON_KEYS = ['gte', 'gt', 'lte', 'lt', 'eq', 'ne'] as const;

/** Every problem the schema cannot see: references, the graph, conditions, language. */
export function semanticProblems(input: CheckInput): UnlocatedProblem[] {
  const { scenario, rawIndex, brokenIds } = input;
  const out: UnlocatedProblem[] = [];
  const error = (code: string, path: JsonPath, message: string, fix: string, extra: Partial<UnlocatedProblem> = {}) =>
    out.push({ severity: 'error', code, path, message, fix, ...extra });
  const warn = (code: string, path: JsonPath, message: string, fix: string, extra: Partial<UnlocatedProblem> = {}) =>
    out.push({ severity: 'warning', code, path, message, fix, ...extra });

  /** Whether the object at `path` had a misspelt field left out (see CheckInput.strippedAt). */
  const misspeltFieldIn = (path: JsonPath) => input.strippedAt?.has(path.join('.')) === true;

  // Paths are built only when a problem is reported: most checks pass.
  const nodePath = (node: ScenarioNode): JsonPath => ['nodes', rawIndex.get(node) ?? 0];
  // The index keeps the first node (and reply) of each id, as the compiler and scoring do.
  const index = indexScenario(scenario);
  const nodes = index.nodes;
  const characters = new Set<string>();
  const variables = new Map<string, Variable>();
  /** Variables some effect changes or some condition tests (see variable-unused). */
  const usedVariables = new Set<string>();
  /** Variables some condition tests (see flag-never-tested). */
  const testedVariables = new Set<string>();

  // Text both apps show on one line (a heading, a status line, "Name (role):"): a line break in it
  // is shown as a space, which the author who typed it would not expect.
  const oneLine = (text: string | undefined, path: () => JsonPath, what: string) => {
    if (text === undefined || !LINE_BREAK.test(text)) return;
    // Every line break is shown as a space there (cleanLine); a vertical tab, form feed or U+0085
    // is a control character, not written as \n: say which one is there.
    const found = LINE_BREAK.exec(text)![0];
    const dropped = DROPPED_BREAK[found];
    if (dropped) {
      warn('line-break-in-line', path(), `This ${what} holds a ${dropped.name} (a control character), but it is always shown on one line: the character becomes a space.`,
        `Write it on one line (remove the "${dropped.written}").`);
      return;
    }
    warn('line-break-in-line', path(), `This ${what} has a line break, but it is always shown on one line: the break becomes a space.`,
      'Write it on one line (remove the "\\n").');
  };
  oneLine(scenario.title, () => ['title'], 'title');
  for (const c of scenario.characters) {
    oneLine(c.name, () => ['characters', rawIndex.get(c) ?? 0, 'name'], 'name');
    oneLine(c.role, () => ['characters', rawIndex.get(c) ?? 0, 'role'], 'role');
  }
  for (const v of scenario.variables ?? []) oneLine(v.label, () => ['variables', rawIndex.get(v) ?? 0, 'label'], 'label');

  /**
   * The replies of `node` that repeat earlier replies' ids (two or more, or any in a copy whose own
   * id repeats, `copyOf`), said once: at the copy's duplicate-id error when its id repeats too, else
   * at the first of them. The first MAX_PLACES are named with their line and column, the rest counted
   * (and named); the fix gives an id to write for the first, prefixed with this decision's id.
   */
  const repeatedReplies = (node: ScenarioNode & { kind: 'decision' }, repeats: { j: number; id: string; node: ScenarioNode; k: number }[], copyOf: ScenarioNode | undefined) => {
    const n = repeats.length;
    const m = node.replies.length;
    const shown = repeats.slice(0, MAX_REPLY_PLACES);
    const rest = repeats.slice(MAX_REPLY_PLACES);
    const restWords = rest.length === 0 ? '' : `, and ${countWords(rest.length)} more further down its replies (${rest.slice(0, MAX_LISTED).map((r) => quoteValue(r.id, 40)).join(', ')}${rest.length > MAX_LISTED ? ', …' : ''})`;
    const each = shown.map((r, i) => `${quoteValue(r.id, 40)} (${placeAt(i)})`);
    const list = rest.length > 0 || each.length === 1 ? `${each.join(', ')}${restWords}` : `${each.slice(0, -1).join(', ')} and ${each[each.length - 1] ?? ''}`;
    const owners = [...new Set(repeats.map((r) => r.node))];
    const one = owners.length === 1 ? owners[0] as ScenarioNode : undefined;
    const by = one === node ? 'by other replies of this decision'
      : one === copyOf && one ? 'by the replies of that node'
        : one ? `by the replies of node ${quoteValue(one.id, 40)} (${RELATED_AT})`
          : `by replies of the nodes ${owners.slice(0, MAX_LISTED).map((o) => (o === node ? 'this decision' : quoteValue(o.id, 40))).join(', ')}${owners.length > MAX_LISTED ? ', …' : ''}`;
    const which = n === 1 ? 'The id of one of its replies is' : n === m ? `The ids of all ${m} of its replies are` : `The ids of ${n} of its ${m} replies are`;
    const places = shown.map((r) => [...nodePath(node), 'replies', r.j, 'id']);
    const firstRepeat = repeats[0] as (typeof repeats)[number];
    if (copyOf) {
      // Said at the node's own duplicate-id error, to which fold.ts may add the places naming the id meant.
      const p = copyError.get(node) as UnlocatedProblem;
      p.message = `${p.message} ${which} already used ${by} too: ${list}.`;
      const tail = tailAfter(firstRepeat.id, firstRepeat.node.id);
      const base = p.fix;
      const those = `Then give ${n === 1 ? 'that reply' : 'each of those replies'} an id of its own too (a reply id must be unique in the whole scenario)`;
      p.fix = `${base} ${those}, e.g. its new id followed by ${quoteValue(`-${tail}`, 40)}.`;
      // Once the copy is paired with the id meant for it (folded, below), the example is written out.
      renameCopyReplies.set(node, (newId) => {
        const written = `${newId}-${tail}`;
        if (Id.safeParse(written).success && !index.replies.has(written) && !nodes.has(written)) p.fix = `${base} ${those}, e.g. ${quoteValue(written, 80)} for ${quoteValue(firstRepeat.id, 40)} once it is ${quoteValue(newId)}.`;
      });
      p.places = places;
      return;
    }
    const written = `${node.id}-${tailAfter(firstRepeat.id, firstRepeat.node.id)}`;
    const example = Id.safeParse(written).success && !index.replies.has(written) && !nodes.has(written) ? ` e.g. ${quoteValue(written, 80)} for ${quoteValue(firstRepeat.id, 40)}` : ' e.g. "d2-listen"';
    const whichHere = n === m ? `The ids of all ${m} replies of this decision are` : `The ids of ${n} of the ${m} replies of this decision are`;
    error('duplicate-id', [...nodePath(node), 'replies', firstRepeat.j, 'id'],
      `${whichHere} already used ${by}: ${list}. A decision copied keeps its replies' ids, and a reply id must be unique in the whole scenario.`,
      `Give each of these replies an id of its own, prefixed with this decision's id,${example}.`,
      { places, ...(one && one !== node ? { related: [...nodePath(one), 'id'] } : {}) });
  };

  /**
   * A reply whose id a node has too ("s2", a reply, beside the scene "s2"; or a reply with its own
   * decision's id). Nothing breaks: a "next" or "to" names nodes only, and records, saves and the
   * graph keep a reply's id apart from a node's. But the trainer reads one id as one thing: a "next"
   * naming "s2" meant as "where the reply s2 goes" silently leads to the node (it is never said as a
   * reply named, see replyNamed), the graph labels an arrow "s2 (+2)" beside the box of node "s2",
   * and messages naming "s2" can mean either. A warning, with a free id to write.
   */
  const replyIdIsNodeId = (decision: ScenarioNode & { kind: 'decision' }, j: number, id: string, other: ScenarioNode) => {
    const which = other === decision ? 'this decision\'s own id' : `the id of the ${other.kind} ${quoteValue(other.id, 40)} too (nodes[${rawIndex.get(other) ?? 0}], ${RELATED_AT})`;
    warn('reply-id-is-node-id', [...nodePath(decision), 'replies', j, 'id'],
      `The reply id ${quoteValue(id, 40)} is ${which}: a "next" or a route's "to" naming ${quoteValue(id, 40)} leads to ${other === decision ? 'this decision' : 'that node'}, never to where this reply goes, and in the graph this reply's arrow and ${other === decision ? 'the decision\'s' : 'that node\'s'} box are both labelled ${quoteValue(id, 40)}.`,
      `Give the reply an id no node has, prefixed with its decision's id, e.g. ${quoteValue(freeReplyId(decision, id), 80)} (if volunteers have played this version, raise "version" too: a saved playthrough names its replies by id).`,
      other === decision ? {} : { related: [...nodePath(other), 'id'] });
  };
  /**
   * An id to propose for the reply `id` of `decision`: its decision's id before the reply's own words,
   * or "-reply" after it, then "-reply-2"…; no node's nor reply's, nor one proposed for another reply,
   * and at most MAX_ID_LENGTH long (the reply's words cut short to make room). An id of 74 to 80
   * characters made every "-reply-k" too long: each such reply parsed 100 of them and was offered
   * "d2-listen" (10,000 replies: 1.6 seconds more).
   */
  const proposedIds = new Set<string>();
  /** The next "-reply-k" to try for a stem, so replies cut to one stem do not try the same k again. */
  const nextReplyK = new Map<string, number>();
  const freeReplyId = (decision: ScenarioNode, id: string): string => {
    const taken = (c: string) => nodes.has(c) || index.replies.has(c) || brokenIds.has(c) || proposedIds.has(c);
    /** `stem` cut to leave room for `suffix` in an id (ids are slugs: cut, it loses only trailing hyphens). */
    const fit = (stem: string, suffix: string) => `${stem.slice(0, MAX_ID_LENGTH - suffix.length).replace(/-+$/, '')}${suffix}`;
    const propose = (c: string) => { proposedIds.add(c); return c; };
    const first = id === decision.id ? fit(id, '-reply') : fit(`${decision.id}-${tailAfter(id, decision.id)}`, '');
    for (const c of [first, fit(id, '-reply')]) if (!taken(c)) return propose(c);
    // Room for the largest k that can be needed (one more than every id there is), so each k's
    // candidate has the same stem and differs from every other's.
    const stem = id.slice(0, MAX_ID_LENGTH - `-reply-${nodes.size + index.replies.size + brokenIds.size + proposedIds.size + 2}`.length).replace(/-+$/, '');
    for (let k = nextReplyK.get(stem) ?? 2; ; k++) {
      const c = `${stem}-reply-${k}`;
      if (!taken(c)) { nextReplyK.set(stem, k + 1); return propose(c); }
    }
  };

  // Duplicate ids: the first one wins, every later one is reported.
  const replyIds = new Set<string>();
  /** The duplicate-id error of each node whose id repeats an earlier node's. */
  const copyError = new Map<ScenarioNode, UnlocatedProblem>();
  /** For a copy whose replies' ids repeat too: writes the id to give its first such reply into its error's fix, once its own new id is known. */
  const renameCopyReplies = new Map<ScenarioNode, (newId: string) => void>();
  for (const node of scenario.nodes) {
    oneLine(node.title, () => [...nodePath(node), 'title'], 'title');
    const first = nodes.get(node.id);
    const copyOf = first !== node ? first as ScenarioNode : undefined;
    if (copyOf) {
      // Where the first one is, by line and column as well: "nodes[8]" alone had the trainer count nodes.
      error('duplicate-id', [...nodePath(node), 'id'], `Another node already has the id "${node.id}": nodes[${rawIndex.get(copyOf) ?? 0}] (${RELATED_AT}), the one every "next" and "to" naming it leads to.`,
        RENAME_COPY, { related: [...nodePath(copyOf), 'id'] });
      copyError.set(node, out[out.length - 1] as UnlocatedProblem);
    }
    if (node.kind !== 'decision') continue;
    const replies = node.replies;
    /** This decision's replies whose id an earlier reply has: j, and where that earlier reply is. */
    const repeats: { j: number; id: string; node: ScenarioNode & { kind: 'decision' }; k: number }[] = [];
    for (let j = 0; j < replies.length; j++) {
      const reply = replies[j] as Reply;
      const size = replyIds.size;
      if (replyIds.add(reply.id).size !== size) {
        // The first reply with this id; a repeat is a duplicate-id error below, renamed anyway.
        const sameAsNode = nodes.get(reply.id);
        if (sameAsNode) replyIdIsNodeId(node, j, reply.id, sameAsNode);
        continue;
      }
      const first = index.replies.get(reply.id);
      if (first && first.reply !== reply) repeats.push({ j, id: reply.id, node: first.node, k: first.node.replies.indexOf(first.reply) });
    }
    // A decision copied (and renamed, or not) repeats every reply id of the one it was copied
    // from: one error per reply had the trainer meet four errors for one copy. They are one error
    // at the copy, listing each reply to rename with its line and column.
    if (repeats.length >= 2 || (repeats.length === 1 && copyOf)) {
      repeatedReplies(node, repeats, copyOf);
      continue;
    }
    for (const { j, id, node: at, k } of repeats) {
      if (at === node) {
        // A reply copied within its decision to write another: an id from the one it was copied
        // from ("d2-next-time-ride" for the reply about a safety plan) or "d2-listen" said nothing of
        // it. Asked for one that says what it does, begun as the decision's other replies are.
        const otherIds = [...new Set(replies.filter((_, i) => i !== j).map((r) => r.id))];
        const others = firstFew(otherIds.slice(0, 3).map((r) => quoteValue(r, 40)), { max: 3, total: otherIds.length });
        const prefix = sharedPrefix(otherIds);
        // Every other reply has this id (a decision of two, the second copied): "as the other replies
        // do ("d2-reframe")" gave the id taken as the one to write (found by author-61).
        const begun = otherIds.every((r) => r === id) ? `as reply ${k + 1}'s does (${quoteValue(id, 40)} is taken)` : `as the other replies of this decision do (${others})`;
        error('duplicate-id', [...nodePath(node), 'replies', j, 'id'], `The reply id "${id}" is already used by reply ${k + 1} of this decision (${RELATED_AT}).`,
          `Give this reply an id of its own that says what it does${prefix === '' ? '' : `, beginning ${quoteValue(`${prefix}-`, 40)} ${begun}`}: a reply copied keeps the id it was copied with, and a reply id must be unique in the whole scenario.`,
          { related: [...nodePath(at), 'replies', k, 'id'] });
        continue;
      }
      // An id to write, as for two or more ("d2-next-time-again-plan" for "d2-plan"): the example
      // "d2-listen", which no file has, was written as it stood.
      const written = `${node.id}-${tailAfter(id, at.id)}`;
      const example = Id.safeParse(written).success && !index.replies.has(written) && !nodes.has(written) ? `${quoteValue(written, 80)} for ${quoteValue(id, 40)}` : '"d2-listen"';
      // Where the first one is: in the same decision, "in node "d1-phone"" named the node being read.
      error('duplicate-id', [...nodePath(node), 'replies', j, 'id'], `The reply id "${id}" is already used by a reply of node "${at.id}" (${RELATED_AT}).`,
      `Reply ids must be unique in the whole scenario; prefix them with the node id, e.g. ${example}.`, { related: [...nodePath(at), 'replies', k, 'id'] });
    }
  }
  for (const c of scenario.characters) {
    const path: JsonPath = ['characters', rawIndex.get(c) ?? 0, 'id'];
    if (characters.has(c.id)) error('duplicate-id', path, `Another character already has the id "${c.id}".`, 'Give every character its own id.');
    characters.add(c.id);
    // Both apps show the role in parentheses after the name: "Ms. Okafor (CSW)".
    if (/[()]/.test(c.role)) {
      warn('role-in-parentheses', ['characters', rawIndex.get(c) ?? 0, 'role'], 'The role is shown in parentheses after the name, so parentheses inside it are doubled on screen: "Name (CSW (DCFS))".',
        'Write the role without parentheses, e.g. "CSW, Children\'s Social Worker at DCFS" or "relative caregiver, her aunt".');
    }
  }
  // Numbers by label (spaces and capitals aside): a volunteer tells meters, and a reply's changes, apart only by their labels.
  const labelled = new Map<string, { id: string; label: string; index: number }>();
  for (const v of scenario.variables ?? []) {
    const base: JsonPath = ['variables', rawIndex.get(v) ?? 0];
    if (variables.has(v.id)) error('duplicate-id', [...base, 'id'], `Another variable already has the id "${v.id}".`, 'Give every variable its own id.');
    else variables.set(v.id, v);
    if (v.type !== 'flag' && typeof v.label === 'string') {
      const key = v.label.trim().replace(/\s+/g, ' ').toLocaleLowerCase('en-US');
      const first = labelled.get(key);
      if (first === undefined) labelled.set(key, { id: v.id, label: v.label, index: rawIndex.get(v) ?? 0 });
      else {
        warn('duplicate-label', [...base, 'label'], `This label is the same as that of the number variables[${first.index}] (${quoteValue(first.id, 40)}), ${quoteValue(first.label, 60)}: a volunteer would see two meters, or two changes in a reply's feedback, called the same and could not tell which is which.`,
          'Give each number a label of its own that says what it measures, e.g. "Jade\'s trust in you" and "Jade\'s trust in her CSW".');
      }
    }
    if (v.type === 'flag' || v.min === undefined || v.max === undefined || typeof v.start !== 'number') continue;
    if (v.min > v.max) error('variable-range', [...base, 'min'], `"min" (${v.min}) is greater than "max" (${v.max}).`, 'Swap them, or fix the range.');
    else if (v.start < v.min || v.start > v.max) error('variable-range', [...base, 'start'], `"start" (${v.start}) is outside ${v.min}–${v.max}.`, `Use a start value between ${v.min} and ${v.max}.`);
  }

  const nodeKnown = (id: string) => nodes.has(id) || brokenIds.has(id);
  // Built once: thousands of unknown references must not each copy and scan every id.
  let suggestNode: ((word: string) => { best?: string; also?: string }) | undefined;
  /** Node ids by the words of an id too unlike them to spell ("mixed-end" for "end-mixed"), two at most, as the message names. */
  let nodesByWords: ((word: string) => string[]) | undefined;
  /** The ending ids of each kind (two at most: one is told, several are not), listed when a "next" first names an ending by its kind's word. */
  let endingsByKind: Map<string, string[]> | undefined;
  // A node whose own id is not a valid id ("D4 Worry") is never suggested as it is: a reference
  // written that way would be refused too. When the reference is that id written validly, the
  // message says which node is meant and that its id is the one to change.
  let misspeltIds: Map<string, { written: string; path: JsonPath }> | undefined;
  /**
   * The unknown-node errors whose fix offers the node that repeats another's id (a copy not
   * renamed), by the id they name: when they all name one id and one node repeats an id, they are
   * folded into that node's duplicate-id error (validate/fold.ts), the cause, which a trainer reading
   * from the top then meets first.
   */
  /** The node whose id, not a valid one, is `id` written wrongly ("R-Supervisor" for "r-supervisor"), if any. */
  const misspeltNode = (id: string) => {
    misspeltIds ??= new Map((input.looseNodes ?? []).flatMap((n) => (n.id !== undefined && !isScenarioId(n.id) ? [[slugId(n.id), { written: n.id, path: n.path }] as const] : [])));
    return misspeltIds.get(id);
  };
  const copyMeant: { id: string; problem: UnlocatedProblem }[] = [];
  /**
   * Every unknown-node error about "start", a "next" or a "to", with the id it names; `plain` when
   * it is not one said otherwise (a reply's id, an id written wrongly at a node). When they all name
   * one id and one node has lost its "id", they are folded into that node's missing-field error.
   */
  const unknownNamed: { id: string; problem: UnlocatedProblem; plain: boolean }[] = [];
  const noteUnknown = (id: string, plain: boolean) => unknownNamed.push({ id, problem: out[out.length - 1] as UnlocatedProblem, plain });
  /** A node id, by the misspelt reference first suggested it ("end-harmfull" for "end-harmful"). */
  const misspeltFor = new Map<string, string>();
  /**
   * Unknown ids named by a "next" or "to" with no node like them to suggest ("end-good" for
   * "end-strong"), in the file's order: the first UNPAIRED_OFFERED only, as the unreachable warning
   * offers them only when there are no more (a Set of 100,000 ids, each a "next" naming a node whose
   * "id" is written "ID", was kept to learn that there were more than three).
   */
  const unpaired: string[] = [];
  let unpairedMore = false;
  const addUnpaired = (id: string) => {
    if (unpairedMore || unpaired.includes(id)) return;
    if (unpaired.length === UNPAIRED_OFFERED) unpairedMore = true;
    else unpaired.push(id);
  };
  /**
   * How many times "start", a "next" or a "to" names each id: counted when first asked, in two maps,
   * one of the ids of nodes there and one of any other id. The suggestions asked about are nodes:
   * one map of all ids was 100,000 entries for 100,000 "next"s naming no node, of which only those
   * a rename is offered for (the node suggested has nothing leading to it) were ever asked.
   */
  const referenceCounts: [Map<string, number> | undefined, Map<string, number> | undefined] = [undefined, undefined];
  const references = (id: string): number => {
    const known = nodes.has(id) ? 0 : 1;
    let counts = referenceCounts[known];
    if (!counts) {
      const out = new Map<string, number>();
      const one = (to: unknown) => { if (typeof to === 'string' && (nodes.has(to) ? 0 : 1) === known) out.set(to, (out.get(to) ?? 0) + 1); };
      const add = (next: Next | undefined) => {
        if (Array.isArray(next)) for (const r of next) one((r as { to?: unknown } | undefined)?.to);
        else one(next);
      };
      one(scenario.start);
      for (const node of scenario.nodes) {
        if (node.kind === 'scene') add(node.next);
        else if (node.kind === 'decision') for (const reply of node.replies) add(reply.next);
      }
      for (const loose of input.looseNodes ?? []) {
        add(loose.next);
        for (const { reply } of loose.replies) add(reply.next);
      }
      referenceCounts[known] = counts = out;
    }
    return counts.get(id) ?? 0;
  };
  /**
   * The other way to mend references to a missing id, when the node spelt nearly like it is one
   * nothing leads to and several places name the missing id: its own id may be the typo
   * ("end-mixd", and three replies naming "end-mixed"), and renaming it is one change where
   * correcting the references is several. Undefined otherwise.
   */
  const renameInstead = (nodeId: string, named: string): string | undefined => {
    if (references(nodeId) > 0) return undefined;
    const count = references(named);
    if (count < 2) return undefined;
    return `rename the node "${nodeId}" to "${named}" (nothing leads to it yet, and ${count} places name "${named}": one change instead of ${count})`;
  };
  /** The node whose "next" is being checked (for a reply-id named there, see replyNamed). */
  let checkingNode: string | undefined;
  /** Each reply id's decision and the node its plain "next" names, found once (when a reference names no node). */
  let replyOwners: Map<string, { decision: string; next?: string; routes: boolean }> | undefined;
  /**
   * A "next" or "to" naming a reply instead of a node ("next": "d2-plan", a reply of "d2-next-time"):
   * said as such, with the two things it can mean: its decision (to offer its replies), and where
   * that reply leads (to go on as it does). Undefined when `id` is no reply's.
   */
  const replyNamed = (id: string, path: Path): boolean => {
    if (!replyOwners) {
      replyOwners = new Map();
      for (const n of scenario.nodes) {
        if (n.kind !== 'decision') continue;
        for (const r of n.replies) if (!replyOwners.has(r.id)) replyOwners.set(r.id, { decision: n.id, routes: typeof r.next !== 'string', ...(typeof r.next === 'string' ? { next: r.next } : {}) });
      }
    }
    const owner = replyOwners.get(id);
    if (!owner) return false;
    // The reply's own id in its own "next" (found by validator-54: its fix said 'to go on where
    // "d1-ask" leads, write "d1-ask"', the id already there).
    const at = path();
    const [nodesKey, i, repliesKey, j] = at;
    const own = nodesKey === 'nodes' && repliesKey === 'replies' && typeof i === 'number' && typeof j === 'number'
      ? (scenario.nodes[i] as { replies?: readonly Reply[] } | undefined)?.replies?.[j]?.id : undefined;
    addUnpaired(id);
    if (own === id) {
      // The nodes it may go on to: any but its own decision (a loop).
      const others = [...nodes.keys()].filter((n) => n !== checkingNode);
      const listed = others.length === 0 ? '' : ` (${firstFew(others.slice(0, MAX_LISTED).map((n) => quoteValue(n, 40)), { max: MAX_LISTED, total: others.length })})`;
      error('unknown-node', at, `This ${at[at.length - 1] === 'to' ? 'route\'s "to"' : '"next"'} names its own reply, ${quoteValue(id)}: a "next" (or a route's "to") names the node the story goes on to after this reply, a scene, decision or ending, not a reply.`,
        `Write the id of the node that comes after this reply${listed}; to end the story here, write the id of an ending.`);
      return true;
    }
    const ways = [
      owner.decision !== checkingNode ? `to offer the replies of that decision, write ${quoteValue(owner.decision)}` : '',
      owner.next !== undefined && owner.next !== checkingNode && owner.next !== id ? `to go on where ${quoteValue(id)} leads, write ${quoteValue(owner.next)}` : '',
      owner.routes ? `to go on as ${quoteValue(id)} does, copy its "next" (its list of routes)` : '',
    ].filter(Boolean);
    // Paired with a node nothing leads to, as a misspelt id is (see unreachable's words): unpaired, above.
    error('unknown-node', at, `There is no node with the id ${quoteValue(id)}: it is a reply of the decision ${quoteValue(owner.decision)}, and a "next" (or a route's "to") names a node, the scene, decision or ending the story goes on to.`,
      ways.length > 0 ? `Name a node instead: ${ways.join('; or ')}.` : 'Name the scene, decision or ending the story goes on to.');
    return true;
  };
  /**
   * ' (the endings: "end-strong", "end-mixed")' for an id that names an ending ("good-ending"), else
   * the scenario's node ids (up to MAX_LISTED, then how many more): the ids a trainer can write.
   */
  // The two lists, worked out once: per unknown reference they made 20,000 of them take 18 s.
  let choices: { endings: string[]; all: string[] } | undefined;
  // And their words, two at most, written once: per unknown reference, 100,000 lists of five ids.
  const choiceWords = new Map<string[], string>();
  /** Each leading hyphen-separated part of a node id ("report" of "report-a"), to the first few ids it starts and how many. */
  let leadingParts: Map<string, { first: string[]; count: number }> | undefined;
  const nodeChoices = (id: string): string => {
    choices ??= { endings: [...nodes.values()].filter((n) => n.kind === 'ending').map((n) => n.id), all: [...nodes.keys()] };
    const { endings, all } = choices;
    // "report" with "report-a", "report-b", … (closestTwo offers none of several): those. Looked up
    // in an index of the ids' leading parts made once, not searched for each id named.
    if (leadingParts === undefined) {
      leadingParts = new Map();
      for (const n of all) {
        for (let dash = n.indexOf('-'); dash > 0; dash = n.indexOf('-', dash + 1)) {
          const part = n.slice(0, dash);
          const known = leadingParts.get(part);
          if (known === undefined) leadingParts.set(part, { first: [n], count: 1 });
          else if (known.count++ < MAX_LISTED) known.first.push(n);
        }
      }
    }
    const starting = leadingParts.get(id.toLowerCase());
    if (starting !== undefined && starting.count >= 2) return ` (those whose id starts with ${quoteValue(id, 40)}: ${firstFew(starting.first.map((v) => quoteValue(v, 40)), { max: MAX_LISTED, total: starting.count })})`;
    const [label, ids] = /(?:^|-)end(?:ing)?(?:-|$)/.test(id) && endings.length > 0 ? ['the endings: ', endings] : ['', all];
    if (ids.length === 0) return '';
    const written = choiceWords.get(ids);
    if (written !== undefined) return written;
    const more = ids.length > MAX_LISTED ? ` and ${countWords(ids.length - MAX_LISTED)} more` : '';
    const words = ` (${label}${ids.slice(0, MAX_LISTED).map((v) => quoteValue(v, 40)).join(', ')}${more})`;
    choiceWords.set(ids, words);
    return words;
  };
  /** The first node whose id another node before it already has (null: none), found when first needed. */
  let repeated: ScenarioNode | null | undefined;
  /** Every node whose id an earlier node has (found with `repeated`). */
  let copies: ScenarioNode[] = [];
  /** Their ids. */
  let copyIds = new Set<string>();
  /** The one node that failed the schema without an id as text (null: none, or more than one). */
  let idless: LooseNode | null | undefined;
  const checkTarget = (id: string, path: Path) => {
    if (!nodeKnown(id) && replyNamed(id, path)) { noteUnknown(id, false); return; }
    const nested = nodeKnown(id) ? undefined : input.nestedNodes?.get(id);
    if (nested !== undefined) {
      // The node is there, inside another node's "nodes" (found by validator-54): "add a node with
      // this id" made a second one, a duplicate once the first is moved out.
      const inside = nested.inside === undefined ? 'a node' : `the node ${quoteValue(nested.inside)}`;
      error('unknown-node', path(), `There is no node with the id "${id}" in the scenario's "nodes" list: the node "${id}" is written inside the "nodes" of ${inside} (${RELATED_AT}), where the story cannot reach it.`,
        `Move the node "${id}" out to the top-level "nodes" list, as the unknown-field error at that "nodes" says: this reference then leads to it. Do not add another node with this id: once that one is moved, the two would share it.`,
        { related: nested.path, relatedAtKey: true });
      noteUnknown(id, false);
      return;
    }
    if (!nodeKnown(id)) {
      const candidates = (): string[] => [...nodes.keys(), ...[...brokenIds].filter((b) => Id.safeParse(b).success)];
      suggestNode ??= pairSuggester(candidates());
      const meant = misspeltNode(id);
      if (meant !== undefined) {
        // Folded into that node's invalid-id error, which lists the places naming the id (fold.ts).
        error('unknown-node', path(), `There is no node with the id "${id}": the node meant is probably the one whose id is written ${quoteValue(meant.written)}, which is not a valid id.`,
          `Change that node's "id" to "${id}" (lower-case letters, digits and single hyphens); this reference then works.`, { cause: { path: [...meant.path, 'id'], named: id, kind: 'invalid' } });
        noteUnknown(id, false);
      } else {
        // Two nodes as likely ("boyfriend" for "boyfriend-open" and "boyfriend-guarded"): the one
        // nothing leads to is the one meant (the other is reached already); it was the first by
        // spelling, while the unreachable warning at the other said nothing of this "next". When
        // that does not tell them apart, both are offered.
        let guess = suggestNode(id);
        if (guess.best === undefined) {
          nodesByWords ??= wordSuggester(candidates(), { most: 2, ignore: FILLER_WORDS });
          const [best, also] = nodesByWords(id);
          if (best !== undefined) guess = { best, also };
        }
        if (guess.best === undefined) {
          // "end-bad", "end-good": the one ending of the kind its word means (found by author-61:
          // told only to use one of the endings or add a node).
          // (The endings listed once by kind: 20,000 places naming no node would each go through every node.)
          const kinds = new Set(id.split('-', 20).map(endingKindOfWord).filter((k): k is string => k !== undefined));
          const [kind] = kinds;
          if (endingsByKind === undefined) {
            endingsByKind = new Map();
            for (const n of scenario.nodes) if (n.kind === 'ending') endingsByKind.set(n.ending, [...(endingsByKind.get(n.ending) ?? []), n.id].slice(0, 2));
          }
          const endings = kinds.size === 1 && kind !== undefined ? endingsByKind.get(kind) ?? [] : [];
          if (endings.length === 1 && endings[0] !== undefined) guess = { best: endings[0], also: undefined };
        }
        let meantId = guess.best;
        let orAlso = guess.also;
        // (Looked for once: `??=` would look again after finding none, null being nullish.)
        if (repeated === undefined) {
          copies = scenario.nodes.filter((n) => nodes.get(n.id) !== n);
          copyIds = new Set(copies.map((c) => c.id));
          repeated = copies[0] ?? null;
        }
        // An id like one a copy not renamed repeats ("d2-next-time-again" with two "d2-next-time"):
        // the copy is most likely the node meant, not the original. "Did you mean "d2-next-time"?"
        // had the trainer lead there, leaving the copy without an id of its own.
        // (Looked up, not searched: 20,000 copies and as many places naming no node took 9 s.)
        if (repeated !== null && ((meantId !== undefined && copyIds.has(meantId)) || (orAlso !== undefined && copyIds.has(orAlso)))) {
          meantId = undefined;
          orAlso = undefined;
        }
        if (meantId !== undefined && orAlso !== undefined) {
          const away = (n: string) => n !== scenario.start && references(n) === 0;
          if (away(orAlso) !== away(meantId)) {
            if (away(orAlso)) meantId = orAlso;
            orAlso = undefined;
          }
        }
        if (meantId !== undefined && orAlso === undefined && !misspeltFor.has(meantId)) misspeltFor.set(meantId, id);
        if (meantId === undefined || orAlso !== undefined) addUnpaired(id);
        // The node suggested that nothing leads to: its own id may be the typo ("end-mixd" for the
        // "end-mixed" every reply names), and changing each reference to it would spread the typo.
        // A node copied and not renamed (its id repeats another's) may be the one meant: "add a node"
        // alone had the trainer write a third copy.
        // A node whose "id" line was deleted (the only one without a valid id) may be the one meant:
        // "add a node" alone had the trainer write a second copy of it.
        if (idless === undefined) {
          const without = (input.looseNodes ?? []).filter((n) => n.id === undefined);
          idless = without.length === 1 ? without[0] ?? null : null;
        }
        // Two copies or more: each is named where it is (naming the first alone sent the trainer to
        // rename it for an id meant for the second).
        const shownCopies = copies.length > MAX_LISTED ? copies.slice(0, MAX_LISTED) : copies;
        // Two copies or more: renaming one of them is said first, each copy by line (it came after
        // "Use the id of a node … or add a node", as "Or, if it means one of the 2 nodes that repeat
        // another's id", which a trainer read past).
        const renameFirst = meantId === undefined && repeated !== null && copies.length > 1
          ? `If one of the ${copies.length} copies not renamed (${firstFew(shownCopies.map((c, i) => `${quoteValue(c.id, 40)} at ${placeAt(i)}`), { last: ', or ', total: copies.length })}) is the node meant here, rename that copy "${id}" (their duplicate-id errors say which ids the copies can take). If ${copies.length === 2 ? 'neither' : 'none'} is, `
          : undefined;
        const orRename = meantId === undefined && repeated !== null
          ? copies.length > 1 ? '' : ` Or, if it means the node that repeats the id ${quoteValue(repeated.id)} (${RELATED_AT}; see the duplicate-id error), change that node's "id" to "${id}".`
          : meantId === undefined && idless !== null ? orGiveId(idless, id) : '';
        // A suggested ending is named as one ("end-strong" (the strong ending)): chosen by spelling
        // alone, "end-stong" on a poor reply was changed to lead to the strong ending.
        const meantNode = meantId === undefined ? undefined : nodes.get(meantId);
        const endingWords = meantNode?.kind === 'ending' ? ` (the ${meantNode.ending} ending)` : '';
        const alsoNode = orAlso === undefined ? undefined : nodes.get(orAlso);
        const alsoWords = orAlso === undefined ? '' : ` or "${orAlso}"${alsoNode?.kind === 'ending' ? ` (the ${alsoNode.ending} ending)` : ''}`;
        error('unknown-node', path(), `There is no node with the id "${id}".${meantId === undefined ? '' : ` Did you mean "${meantId}"${endingWords}${alsoWords}?`}`,
          meantId === undefined ? renameFirst !== undefined ? `${renameFirst}use the id of a node in "nodes"${nodeChoices(id)}, or add a node with this id.` : `Use the id of a node in "nodes"${nodeChoices(id)}, or add a node with this id.${orRename}`
            : orAlso !== undefined ? `Change it to "${meantId}"${endingWords}${alsoWords}, whichever is meant here, or add a node with the id "${id}".`
              : `Change it to "${meantId}"${endingWords}, or ${renameInstead(meantId, id) ?? `add a node with the id "${id}"`}.`,
          orRename === '' && renameFirst === undefined ? {} : repeated !== null ? copies.length > 1 ? { places: shownCopies.map((c) => [...nodePath(c), 'id']) } : { related: [...nodePath(repeated), 'id'] } : idless ? idErrorAt(idless) : {});
        if ((orRename !== '' || renameFirst !== undefined) && repeated !== null) copyMeant.push({ id, problem: out[out.length - 1] as UnlocatedProblem });
        noteUnknown(id, true);
      }
    }
  };
  /**
   * A condition or effect names a variable that is not declared: the fix lists the declared ones
   * (a few), as "did you mean" does for a node id, so a trainer sees the names they can use.
   */
  const unknownVariable = (name: string, path: JsonPath, flag: boolean, condition?: Condition) => {
    const declared = [...variables.keys()];
    // "score", "critical"…: the volunteer's conduct, which a condition tests with "conduct" and no
    // effect sets. Declaring such a variable, as the fix below says, makes one no reply changes
    // (found by author-50: { "var": "score", "gte": 80 } was told to declare "score").
    const conduct = conductInsteadOfVar(name, condition as Readonly<Record<string, unknown>> | undefined);
    if (conduct !== undefined) {
      error('unknown-variable', path, `The variable ${quoteValue(name, 40)} is not declared: ${conduct.why}`, conduct.fix);
      return;
    }
    // { "var": "malia", "gte": 60 }: a character's id, for the variable about her ("Malia's trust";
    // found by author-57: told to declare a variable "malia"). The number whose label names her.
    const character = didYouMean(name, declared) === '' ? scenario.characters.find((c) => c.id === name) : undefined;
    if (character !== undefined) {
      const named = [...variables.values()].filter((v) => v.type !== 'flag' && labelNames(v.label, character.name));
      const [meant] = named;
      const about = meant !== undefined && named.length === 1 ? meant : undefined;
      error('unknown-variable', path, `The variable ${quoteValue(name, 40)} is not declared: ${quoteValue(name, 40)} is the id of the character ${quoteValue(character.name, 40)}, and "var" names a variable.${about ? ` Did you mean ${quoteValue(about.id, 40)} (${quoteValue(about.label, 60)})?` : ''}`,
        about ? `Change it to ${quoteValue(about.id, 40)}, the id of the variable ${quoteValue(about.label, 60)}.`
          : declared.length === 0 ? `Declare a variable about ${quoteValue(character.name, 40)} in "variables" and name it here, e.g. { "id": "${name}-trust", "label": "${visibleLabel(character.name)}'s trust", "min": 0, "max": 100, "start": 50 }.`
            : `Write the id of the variable meant (this scenario declares ${declared.slice(0, MAX_LISTED).map((v) => quoteValue(v, 40)).join(', ')}${declared.length > MAX_LISTED ? ` and ${countWords(declared.length - MAX_LISTED)} more` : ''}), or declare one about ${quoteValue(character.name, 40)} in "variables".`);
      return;
    }
    const shown = declared.slice(0, MAX_LISTED).map((v) => quoteValue(v, 40)).join(', ');
    const more = declared.length > MAX_LISTED ? ` and ${countWords(declared.length - MAX_LISTED)} more` : '';
    const example = flag ? `{ "id": ${quoteValue(name, 40)}, "label": "…", "type": "flag", "start": false }` : `{ "id": ${quoteValue(name, 40)}, "label": "…", "min": 0, "max": 100, "start": 50 }`;
    const use = declared.length === 0 ? 'No variables are declared in this scenario yet: add a "variables" list'
      : `Use a declared variable (this scenario declares ${shown}${more}), or declare it in "variables"`;
    error('unknown-variable', path, `The variable ${quoteValue(name, 40)} is not declared.${didYouMean(name, declared)}`, `${use}, e.g. ${example}.`);
  };
  /** Checks one condition; true when it was reported as never holding. */
  const checkCondition = (c: Condition, path: Path): boolean => {
    if (!('var' in c)) return checkConduct(c, path);
    usedVariables.add(c.var);
    testedVariables.add(c.var);
    const declared = variables.get(c.var);
    if (!declared) {
      if (!brokenIds.has(c.var) && !input.variablesBroken) unknownVariable(c.var, [...path(), 'var'], c.is !== undefined, c);
      return false;
    }
    const spec = specOf(declared);
    if (spec.min > spec.max) return false; // the range itself is reported
    const compares = c.gte !== undefined || c.gt !== undefined || c.lte !== undefined || c.lt !== undefined || c.eq !== undefined || c.ne !== undefined;
    if (spec.flag) {
      if (compares) error('flag-mismatch', path(), `"${c.var}" is a yes/no flag, so it cannot be compared with numbers.`, `Test it with { "var": "${c.var}", "is": true } (yes) or "is": false (no).`);
      return false;
    }
    if (c.is !== undefined) {
      error('flag-mismatch', [...path(), 'is'], `"is" tests a yes/no flag, but "${c.var}" is a number from ${spec.min} to ${spec.max}.`, 'Compare it with gte, gt, lte, lt, eq or ne, or declare it with "type": "flag".');
      return false;
    }
    if (!holdsSomewhere([c], spec.min, spec.max)) {
      warn('condition-never-true', path(), `This condition can never hold: ${neverWhy([c], c.var, spec)}.`,
        'Change the numbers so some value in the range passes, or remove the condition.');
      return true;
    }
    return false;
  };
  /**
   * A list of conditions that each can hold but never all at once, on one variable: "trust" at
   * least 60 and below 40, or a flag both yes and no. (The list is reported once, at its place.)
   */
  const checkTogether = (when: readonly Condition[], path: Path) => {
    const byVar = new Map<string, Extract<Condition, { var: string }>[]>();
    for (const c of when) if ('var' in c) byVar.set(c.var, [...(byVar.get(c.var) ?? []), c]);
    for (const [name, conditions] of byVar) {
      const declared = variables.get(name);
      if (conditions.length < 2 || !declared) continue;
      const spec = specOf(declared);
      // A range that is itself wrong (min above max) is reported as such.
      if (spec.min > spec.max) continue;
      const flags = new Set(conditions.flatMap((c) => (c.is === undefined ? [] : [c.is])));
      const never = spec.flag ? flags.size > 1 : !holdsSomewhere(conditions, spec.min, spec.max);
      if (!never) continue;
      warn('condition-never-true', path(), `These conditions can never hold together: ${spec.flag ? `"${name}" would have to be yes and no at once` : neverWhy(conditions, name, spec)}.`,
        'Change the numbers so some value passes them all, or remove one of them.');
    }
  };
  const checkConduct = (c: Extract<Condition, { conduct: string }>, path: Path): boolean => {
    // Counts are whole numbers from 0; a percentage runs from 0 to 100; points can be negative.
    const [min, max] = c.conduct === 'percent' || c.conduct === 'score' ? [0, 100] : c.conduct === 'points' ? [-Infinity, Infinity] : [0, Infinity];
    const lo = Math.max(min, c.gte ?? -Infinity, c.gt !== undefined ? Math.floor(c.gt) + 1 : -Infinity);
    const hi = Math.min(max, c.lte ?? Infinity, c.lt !== undefined ? Math.ceil(c.lt) - 1 : Infinity);
    const eqOk = c.eq === undefined || (Number.isInteger(c.eq) && c.eq >= lo && c.eq <= hi);
    if (lo > hi || !eqOk) {
      const range = c.conduct === 'percent' || c.conduct === 'score' ? 'a whole percentage from 0 to 100' : c.conduct === 'points' ? 'a whole number of points' : 'a whole count from 0 up';
      warn('condition-never-true', path(), `This condition can never hold: "${c.conduct}" is ${range}.`,
        'Change the numbers so some value passes, or remove the condition.');
      return true;
    }
    // A percentage written as a fraction, 0.8 for 80% (found by author-59): it holds, at 1% and up,
    // so nothing else said so; a strong ending guarded by it let 33% through.
    const fraction = c.conduct === 'percent' || c.conduct === 'score' ? COMPARISON_KEYS.find((k) => { const v = c[k]; return v !== undefined && v > 0 && v < 1; }) : undefined;
    if (fraction !== undefined) {
      const v = c[fraction] as number;
      const meant = Math.round(v * 100);
      warn('percentage-as-fraction', [...path(), fraction], `"${c.conduct}" is a percentage from 0 to 100, so "${fraction}": ${v} here means ${v}%, not ${meant}%.`,
        `Write the percentage, without the % sign: "${fraction}": ${meant}.`);
    }
    return false;
  };
  const checkWhen = (when: When | undefined, path: Path) => {
    if (when === undefined) return;
    if (!Array.isArray(when)) {
      checkCondition(when, path);
      return;
    }
    let reported = false;
    when.forEach((c, k) => {
      reported = checkCondition(c, () => [...path(), k]) || reported;
    });
    if (!reported) checkTogether(when, path);
  };
  /**
   * The route to end a list with: for routes guarding a strong ending (a trainer's usual first
   * "next": [{ "when": { "conduct": "score", "gte": 80 }, "to": "end-strong" }]), the scenario's
   * mixed ending, by its id, where it has one; "<id>" read as "add any route" (found by author-58).
   */
  const noFallbackFix = (next: readonly { to: string }[]): string => {
    const toStrong = next.some((route) => { const n = nodes.get(route.to); return n?.kind === 'ending' && n.ending === 'strong'; });
    let mixed: string | undefined;
    if (toStrong) for (const n of nodes.values()) if (n.kind === 'ending' && n.ending === 'mixed') { mixed = n.id; break; }
    return mixed === undefined
      ? 'End the list with a route that has no "when", e.g. { "to": "<id>" }.'
      : `End the list with a route that has no "when", for the playthroughs that meet none of the conditions above: e.g. { "to": ${quoteValue(mixed)} }, the mixed ending.`;
  };
  const checkNext = (next: Next, path: Path) => {
    if (typeof next === 'string') return checkTarget(next, path);
    const last = next[next.length - 1];
    // A route without "when" written before the last one is the fallback put in the wrong place:
    // route-no-fallback says to move it, and the routes after it are not also said to be unused.
    const fallback = last?.when === undefined ? -1 : next.findIndex((route) => route.when === undefined);
    next.forEach((route, k) => {
      checkTarget(route.to, () => [...path(), k, 'to']);
      if (route.when !== undefined) checkWhen(route.when, () => [...path(), k, 'when']);
      if (k < next.length - 1 && route.when === undefined && fallback < 0 && !misspeltFieldIn([...path(), k])) {
        warn('route-never-used', [...path(), k + 1], `Route ${k + 2} is never used: route ${k + 1} has no "when", so it is always taken first.`,
          'Move the route without "when" to the end of the list.');
      }
    });
    if (last?.when !== undefined) {
      error('route-no-fallback', [...path(), next.length - 1], 'The last route has a "when": if no route matches, the story would have nowhere to go.',
        fallback >= 0 ? `Move route ${fallback + 1}, which has no "when", to the end of the list.` : noFallbackFix(next));
    }
  };
  /** The first character whose id another before it already has (null: none), found when first needed. */
  let copiedCharacter: (typeof scenario.characters)[number] | null | undefined;
  const checkLine = (line: Line, path: Path) => {
    if (!characters.has(line.character) && !brokenIds.has(line.character)) {
      // "Tavita" declared, "tavita" named: the same character, its id written with capitals.
      const lower = line.character.toLowerCase();
      const sameLetters = [...input.brokenCharacters ?? []].find(([id]) => id.toLowerCase() === lower && id !== line.character)
        ?? (lower !== line.character && characters.has(lower) ? [lower, rawIndex.get(scenario.characters.find((c) => c.id === lower) as object) ?? 0] as const : undefined);
      if (sameLetters) {
        const [declared, k] = sameLetters;
        const lowerDeclared = declared === lower;
        error('unknown-character', [...path(), 'character'], `There is no character with the id ${quoteValue(line.character)}, but there is ${quoteValue(declared)} (${RELATED_AT}): the two ids differ only in capitals, which count in an id.`,
          lowerDeclared ? `Ids are lower-case letters, digits and single hyphens: change this one to ${quoteValue(declared)}.`
            : `Ids are lower-case letters, digits and single hyphens: change the character's id to ${quoteValue(lower)} (${RELATED_AT}); every line naming ${quoteValue(lower)} is then right. Do not add another character.`,
          { related: ['characters', k, 'id'] });
        return;
      }
      const meantId = closest(line.character, characters);
      // A line "said" by the narrator, or by the volunteer: neither is a character (found by
      // author-60: told to add a character "narrator", who would then be shown as speaking).
      const notOne = meantId === undefined ? notACharacter(line.character, line.text, [...characters.keys()]) : undefined;
      if (notOne !== undefined) {
        error('unknown-character', [...path(), 'character'], `There is no character with the id "${line.character}": ${notOne.why}`, notOne.fix);
        return;
      }
      // A character copied and not renamed (its id repeats another's) may be the one meant: "add a
      // character" alone had the trainer write a third, for the same person.
      // (Looked for once, as `repeated` is for nodes: null when none.)
      if (copiedCharacter === undefined) {
        const seen = new Set<string>();
        copiedCharacter = scenario.characters.find((c) => seen.has(c.id) || (seen.add(c.id), false)) ?? null;
      }
      const copy = meantId === undefined ? copiedCharacter ?? undefined : undefined;
      const orRename = copy === undefined ? ''
        : ` Or, if it means the character ${quoteValue(copy.name, 40)}, whose id repeats ${quoteValue(copy.id)} (${RELATED_AT}; see the duplicate-id error), change that character's "id" to ${quoteValue(line.character)}.`;
      error('unknown-character', [...path(), 'character'], `There is no character with the id "${line.character}".${didYouMeanOf(meantId)}`,
        meantId !== undefined ? `Change it to "${meantId}", or add a character with the id "${line.character}".` : `${unknownCharacterFix(line.character)}${orRename}`,
        copy === undefined ? {} : { related: ['characters', rawIndex.get(copy) ?? 0, 'id'] });
    }
  };
  /** With no near id: the characters the scenario declares (a few), and one to add, as for a variable. */
  const unknownCharacterFix = (name: string) => {
    const declared = [...characters.keys()];
    const shown = declared.slice(0, MAX_LISTED).map((c) => quoteValue(c, 40)).join(', ');
    const more = declared.length > MAX_LISTED ? ` and ${countWords(declared.length - MAX_LISTED)} more` : '';
    const use = declared.length === 0 ? 'Add it to "characters"' : `Use a declared character (this scenario declares ${shown}${more}), or add it to "characters"`;
    return `${use}, e.g. { "id": ${quoteValue(name, 40)}, "name": "…", "role": "…" }.`;
  };
  const checkLines = (node: ScenarioNode) => {
    const lines = node.lines;
    // A path (a closure) is made only for a line that may have a problem.
    if (lines) {
      for (let j = 0; j < lines.length; j++) {
        const line = lines[j] as Line;
        if (!characters.has(line.character)) checkLine(line, () => [...nodePath(node), 'lines', j]);
      }
    }
  };
  /** Unknown variables and out-of-range "set" values in a reply's or a scene's effects. */
  const checkEffects = (effects: readonly Effect[] | undefined, path: Path) => {
    if (!effects) return;
    for (let k = 0; k < effects.length; k++) {
      const e = effects[k] as Effect;
      usedVariables.add(e.var);
      const declared = variables.get(e.var);
      const spec = declared && specOf(declared);
      if (spec?.flag && (e.add !== undefined || typeof e.set !== 'boolean')) {
        error('flag-mismatch', [...path(), 'effects', k, e.add !== undefined ? 'add' : 'set'], `"${e.var}" is a yes/no flag, so it can only be set to true (yes) or false (no).`,
          `Write { "var": "${e.var}", "set": true } or { "var": "${e.var}", "set": false }.`);
      } else if (spec && !spec.flag && typeof e.set === 'boolean') {
        error('flag-mismatch', [...path(), 'effects', k, 'set'], `"${e.var}" is a number from ${spec.min} to ${spec.max}, not a yes/no flag, so it cannot be set to ${String(e.set)}.`,
          `Set a whole number between ${spec.min} and ${spec.max}, or declare "${e.var}" with "type": "flag".`);
      } else if (!spec) {
        if (!brokenIds.has(e.var) && !input.variablesBroken) unknownVariable(e.var, [...path(), 'effects', k, 'var'], typeof e.set === 'boolean');
      } else if (typeof e.set === 'number' && !spec.flag && (e.set < spec.min || e.set > spec.max)) {
        warn('effect-out-of-range', [...path(), 'effects', k, 'set'], `"set" ${e.set} is outside ${spec.min}–${spec.max}; it will be clamped.`,
          `Use a value between ${spec.min} and ${spec.max}.`);
      }
    }
  };
  /** Checks the reply's fields that are present (all of them, unless the reply failed the schema). */
  const checkReply = (reply: Partial<Reply>, path: Path) => {
    if (reply.when !== undefined) checkWhen(reply.when, () => [...path(), 'when']);
    if (reply.hidden === true && reply.when === undefined && !misspeltFieldIn(path())) {
      warn('hidden-without-when', [...path(), 'hidden'], 'This reply is "hidden" but has no "when", so it is always shown: "hidden" does nothing.',
        'Add a "when" saying when the reply appears, or remove "hidden".');
    }
    // The reason is shown only beside a reply listed as not available: never without a "when" (the
    // reply is always available), nor on a hidden reply (left out of the list instead).
    if (reply.unavailableReason !== undefined && !misspeltFieldIn(path())) {
      if (reply.when === undefined) {
        warn('unavailable-reason-never-shown', [...path(), 'unavailableReason'], 'This reply has an "unavailableReason" but no "when", so it is always available and the reason is never shown.',
          'Add a "when" saying when the reply is offered, or remove "unavailableReason".');
      } else if (reply.hidden === true) {
        warn('unavailable-reason-never-shown', [...path(), 'unavailableReason'], 'This reply is "hidden", so while its "when" does not hold it is left out of the list, and its "unavailableReason" is never shown.',
          'Remove "hidden" to list the reply as not available with this reason, or remove "unavailableReason".');
      }
    }
    // A plain "next" naming a node has nothing to report: no path (closure) is made for it.
    if (reply.next !== undefined && (typeof reply.next !== 'string' || !nodeKnown(reply.next))) checkNext(reply.next, () => [...path(), 'next']);
    checkEffects(reply.effects, path);
    if (reply.assessments?.length === 0) {
      warn('no-assessment', [...path(), 'assessments'], 'This reply is not assessed against any principle, so it scores nothing and the debrief cannot explain it.',
        'Add at least one { "principle": "<id>", "verdict": "follows" | "violates", "weight": 1 }.');
    }
    if (reply.feedback !== undefined) {
      const before = out.length;
      if (!endsWithOneHeading(reply.feedback)) citationProblems(reply.feedback, () => [...path(), 'feedback'], out, reply.assessments);
      // Cited well, but not every section the reply is scored on (only then: a feedback citing
      // nothing, or a misspelt heading, is told that first).
      if (out.length === before && reply.assessments) uncitedPrinciples(reply.feedback, reply.assessments, path, out);
    }
    const assessments = reply.assessments ?? [];
    // A principle the guide says a CASA may or can do is credited when followed, never violated
    // (docs/authoring.md §9): a reply that leaves it out misses its credit, which the debrief says.
    assessments.forEach((a, k) => {
      const principle = a.verdict === 'violates' ? getPrinciple(a.principle) : undefined;
      if (principle?.optional !== true) return;
      warn('optional-principle-violated', [...path(), 'assessments', k, 'verdict'],
        `The principle "${principle.id}" ("${principle.title}") is one the guide says a CASA may do: leaving it out misses its credit, it is not a violation.`,
        'Score the reply on a principle it does break, or leave this one out of its assessments: where another reply here follows it, the debrief counts a chance missed.');
    });
    // One warning per principle assessed more than once, at its second assessment, saying how many
    // times: one assessed 6 times was told "assessed twice", five times over (found by validator-54).
    const at = new Map<string, number[]>();
    assessments.forEach((a, k) => {
      const list = at.get(a.principle);
      if (list) list.push(k);
      else at.set(a.principle, [k]);
    });
    for (const [principle, ks] of at) {
      if (ks.length < 2) continue;
      const [first, second, ...rest] = ks as [number, number, ...number[]];
      const assessed = (k: number): JsonPath => [...path(), 'assessments', k];
      if (rest.length === 0) {
        warn('duplicate-assessment', assessed(second), `The principle "${principle}" is assessed twice in this reply.`, 'Keep one assessment per principle and set its weight.');
        continue;
      }
      const shown = rest.slice(0, REPEATS_SHOWN);
      const more = rest.length - shown.length;
      warn('duplicate-assessment', assessed(second),
        `The principle "${principle}" is assessed ${countWords(ks.length)} times in this reply: first at ${placeAt(0)}; again here; then at ${shown.map((_, i) => placeAt(i + 1)).join('; ')}${more > 0 ? `, and ${countWords(more)} more` : ''}.`,
        `Keep one assessment of "${principle}" in this reply and remove the other ${countWords(ks.length - 1)}; to make it count more, set the weight of the one kept (1 to 3).`,
        { places: [assessed(first), ...shown.map(assessed)] });
    }
  };

  const misspeltStart = nodeKnown(scenario.start) ? undefined : misspeltNode(scenario.start);
  if (misspeltStart) {
    error('unknown-node', ['start'], `"start" names "${scenario.start}", but there is no node with that id: the node meant is probably the one whose id is written ${quoteValue(misspeltStart.written)}, which is not a valid id.`,
      `Change that node's "id" to "${scenario.start}" (lower-case letters, digits and single hyphens); "start" then works.`, { cause: { path: [...misspeltStart.path, 'id'], named: scenario.start, kind: 'invalid' } });
    noteUnknown(scenario.start, false);
  } else if (!nodeKnown(scenario.start)) {
    // The fix says what the message's "Did you mean" suggests, as a "next" naming no node does.
    const meant = closest(scenario.start, [...nodes.keys()]);
    error('unknown-node', ['start'], `"start" names "${scenario.start}", but there is no node with that id.${didYouMeanOf(meant)}`,
      meant === undefined ? 'Set "start" to the id of the first node.' : `Change it to "${meant}", or to the id of whichever node the story starts at.`);
    noteUnknown(scenario.start, true);
  }
  // A playthrough that starts at an ending ends before its first decision (and everything else in
  // the file is out of reach, which is not worth saying node by node).
  const startsAtEnding = nodes.get(scenario.start)?.kind === 'ending';
  if (startsAtEnding) {
    // The first scene or decision in the file, written out (found by author-61: the trainer had to find it).
    const first = scenario.nodes.find((n) => n.kind !== 'ending');
    error('start-is-ending', ['start'], `"start" names the ending "${scenario.start}", so a playthrough would end before the first decision.`,
      first ? `Set "start" to the id of the first scene or decision: "start": ${quoteValue(first.id, 60)}, the first in "nodes" that is not an ending.` : 'Set "start" to the id of the first scene or decision.');
  }
  let hasEnding = false;
  for (const n of nodes.values()) if (n.kind === 'ending') { hasEnding = true; break; }
  if (input.complete && !hasEnding) {
    error('no-ending', ['nodes'], 'The scenario has no ending node, so no playthrough can finish.', 'Add a node with "kind": "ending", an "ending" kind, a "title" and a "narration".');
  }
  // Found by validator-53: a story of scenes and an ending only was told 'A playthrough scoring 0%
  // reaches the strong ending "end-good" (…): (no replies)' and that no playthrough earns points,
  // neither naming what is missing: a decision, where the volunteer chooses and is scored.
  let hasDecision = false;
  for (const n of nodes.values()) if (n.kind === 'decision') { hasDecision = true; break; }
  if (input.complete && !hasDecision) {
    error('no-decision', ['nodes'], 'The scenario has no decision node, so a volunteer never chooses a reply and nothing is scored.',
      'Add a node with "kind": "decision", a "prompt" and "replies" (each with "text", "assessments", "feedback" and "next"), and point "start" or a scene\'s "next" at it. Section 3 of docs/authoring.md has a worked example.');
  }

  for (const node of scenario.nodes) {
    checkLines(node);
    checkingNode = node.id;
    if (node.kind === 'scene') {
      if (typeof node.next !== 'string' || !nodeKnown(node.next)) checkNext(node.next, () => [...nodePath(node), 'next']);
      checkEffects(node.effects, () => nodePath(node));
    }
    if (node.kind === 'ending') node.variants?.forEach((v, k) => checkWhen(v.when, () => [...nodePath(node), 'variants', k, 'when']));
    if (node.kind !== 'decision') continue;
    node.replies.forEach((reply, j) => checkReply(reply, () => [...nodePath(node), 'replies', j]));
    if (!node.facilitatorNote) warn('no-facilitator-note', nodePath(node), `Decision "${node.id}" has no "facilitatorNote" for trainer-led sessions.`, 'Add "facilitatorNote": what a trainer should watch for or draw out here.');
    if (!node.discussionPrompt) warn('no-discussion-prompt', nodePath(node), `Decision "${node.id}" has no "discussionPrompt" for trainer-led sessions.`, 'Add "discussionPrompt": a question the trainer can put to the room before revealing the answers.');
    const stuck = valuesDisablingAll(node.replies, variables);
    if (stuck) {
      error('all-replies-disabled', [...nodePath(node), 'replies'], `Every reply of "${node.id}" can be unavailable at once (for example when ${describeValues(stuck, variables)}), leaving the volunteer with nothing to choose.`,
        'Give at least one reply no "when", or make the conditions cover every value.');
    }
  }

  checkingNode = undefined;
  for (const loose of input.looseNodes ?? []) {
    loose.lines.forEach(({ line, index }) => checkLine(line, () => [...loose.path, 'lines', index]));
    if (loose.next !== undefined) checkNext(loose.next, () => [...loose.path, 'next']);
    loose.replies.forEach(({ reply, index }) => checkReply(reply, () => [...loose.path, 'replies', index]));
  }

  // A copy not renamed, and every "next" or "to" naming no node names one id: the copy is most
  // likely the node they mean. Those errors, and what the graph checks find because of them (the
  // nodes the copy leads to, out of reach; a node from which no ending can then be reached), are
  // folded into its duplicate-id error (fold.ts).
  type NodeFold = { id: string; path: JsonPath; kind: 'copy' | 'idless'; leadsTo: readonly string[]; idAt?: LooseNode['idAt'] };
  const nodeFolds: NodeFold[] = [];
  /** Each copy's duplicate-id error, when no pairing of copies and ids was found (see its call). */
  function openCopies(): void {
    const named = new Map<string, UnlocatedProblem[]>();
    for (const c of copyMeant) {
      const list = named.get(c.id);
      if (list) list.push(c.problem);
      else named.set(c.id, [c.problem]);
    }
    const ids = [...named.keys()];
    const shownIds = ids.slice(0, MAX_LISTED);
    const k = ids.length;
    const c = copies.length;
    const quoted = firstFew(shownIds.map((id) => quoteValue(id)), { last: ' or ', total: k });
    const either = k === 2 ? `either ${quoted}` : `one of ${quoted}`;
    for (const copy of copies) {
      const p = copyError.get(copy);
      if (!p) continue;
      const before = p.places ?? [];
      const others = copies.slice(0, MAX_LISTED + 1).filter((o) => o !== copy).slice(0, MAX_LISTED);
      const otherAt = firstFew(others.map((_, i) => placeAt(before.length + i)), { total: c - 1 });
      const idAt = before.length + others.length;
      const idWords = firstFew(shownIds.map((id, i) => {
        const n = named.get(id)?.length ?? 0;
        return `${quoteValue(id)} (at ${placeAt(idAt + i)}${n > 1 ? `, and ${countWords(n - 1)} more place${n > 2 ? 's' : ''}` : ''})`;
      }), { total: k });
      p.places = [...before, ...others.map((o) => [...nodePath(o), 'id']), ...shownIds.map((id) => (named.get(id)?.[0] as UnlocatedProblem).path)];
      const rest = p.fix.startsWith(RENAME_COPY) ? p.fix.slice(RENAME_COPY.length) : ` ${p.fix}`;
      if (c === 1) {
        p.message = `${p.message} ${k} ids are named but are no node's: ${idWords}. This copy is most likely meant to have one of them, but nothing in the file says which.`;
        p.fix = `Rename this copy to the id meant for it, ${either}: the places naming it then lead here. Correct the places naming the other${k > 2 ? 's' : ''} to the node meant, or add a node with ${k > 2 ? 'those ids' : 'that id'}.${rest}`;
        continue;
      }
      const copiesWords = `This node and the ${c === 2 ? 'one' : `${c - 1} others`} at ${otherAt} are copies whose ids repeat another node's`;
      const which = k >= c ? 'Each copy is most likely meant to have one of them' : k === 1 ? 'One of the copies is most likely meant to have it' : 'Some of the copies are most likely meant to have them';
      p.message = k === 1
        ? `${p.message} ${copiesWords}, and the id ${idWords} is named but is no node's. ${which}, but nothing in the file says which.`
        : `${p.message} ${copiesWords}, and ${k} ids are named but are no node's: ${idWords}. ${which}, but nothing in the file says which.`;
      const others2 = `the ${c === 2 ? 'copy' : 'copies'} at ${otherAt}`;
      p.fix = k === 1
        ? `Rename the copy meant for ${quoted} to ${quoted} (this one, or ${others2}), and give the other${c > 2 ? 's ids of their' : ' an id of its'} own. The places naming ${quoted} then lead to it.${rest}`
        : `Rename each copy to the id meant for it, ${either}: this one, and ${others2}. The places naming each id then lead to the copy given it.${k < c ? ' A copy meant for none of them takes an id of its own.' : ''}${rest}`;
    }
  }
  // Two or three copies, and as many ids named: each copy is meant for one of them, but which for
  // which? A copy is never meant for an id its own "next" names (the story cannot loop back to
  // it): when that leaves one pairing, or the copies are alike, each copy takes in the places naming
  // its id. Otherwise (two copies and one id, or a pairing left open) nothing says which copy a place
  // means, and each unknown-node error stays, offering every copy.
  const meantIds = [...new Set(copyMeant.map((c) => c.id))];
  if (copyMeant.length > 0 && repeated && copies.length === meantIds.length && copies.length <= 3) {
    const pairings = copies.length === 1 ? [meantIds] : orders(meantIds).filter((ids) => ids.every((id, i) => !successorsOf(copies[i] as ScenarioNode).includes(id)));
    const [pairing] = pairings;
    // Copies alike in every field (pasted and not yet edited) are as good as one another for each id:
    // each takes the id named in order. Left unfolded, three such copies were three unknown-node
    // errors, each offering all three copies, and three duplicate-id errors.
    const alike = copies.length > 1 && copies.every((c) => JSON.stringify(c) === JSON.stringify(copies[0]));
    if ((pairings.length === 1 || alike) && pairing) {
      pairing.forEach((id, i) => {
        const copy = copies[i] as ScenarioNode;
        const fold: NodeFold = { id, path: [...nodePath(copy), 'id'], kind: 'copy', leadsTo: successorsOf(copy) };
        nodeFolds.push(fold);
        renameCopyReplies.get(copy)?.(id);
        for (const c of copyMeant) if (c.id === id) c.problem.cause = { path: fold.path, named: id, kind: 'copy' };
      });
    }
  }
  // Left open (no copy folded): nothing says which copy a place means, and each unknown-node error
  // offers every copy. Each copy's duplicate-id error says so too, with the ids named where no node
  // has them and the other copies, by line: rename each copy to the id meant for it. It said only
  // "rename this one, and the "next" or "to" that should lead here", naming neither.
  if (copyMeant.length > 0 && repeated && !nodeFolds.some((f) => f.kind === 'copy')) openCopies();
  // The same for a node whose "id" line was deleted, whose id is not text ("id": 7), or whose "id"
  // is written as another field ("ID"): when it is the only node without an id as text, no node
  // repeats an id, and "start" and every "next" or "to" naming no node name one id, that is most
  // likely the id it lost (folded into the error at it: missing-field, wrong-type or unknown-field).
  // A field spelt like "id" whose value is text has that id: the places naming it are folded, and
  // only those, for each such node (two nodes holding one id are left as they are).
  const withoutId = (input.looseNodes ?? []).filter((n) => n.id === undefined);
  const lostId = unknownNamed[0]?.id;
  // Each id named, with the places naming it and how many nodes written below hold it (one map, and
  // a list only for an id named twice or more: 100,000 nodes whose "id" is written "ID", each named
  // once, had a list each and a second map of 100,000 to count their holders).
  type Naming = { refs: (typeof unknownNamed)[number] | typeof unknownNamed; holders: number };
  const naming = new Map<string, Naming>();
  for (const u of unknownNamed) {
    const known = naming.get(u.id);
    if (known === undefined) naming.set(u.id, { refs: u, holders: 0 });
    else if (Array.isArray(known.refs)) known.refs.push(u);
    else known.refs = [known.refs, u];
  }
  // isScenarioId is Id's check, without a parse per node (100,000 nodes whose "id" is written "ID").
  // (Each with what its id names, looked up once.)
  const written: LooseNode[] = [];
  const writtenNamed: Naming[] = [];
  for (const n of withoutId) {
    const named = n.idAt?.key !== 'id' && n.idAt?.text !== undefined ? naming.get(n.idAt.text) : undefined;
    if (named === undefined || !isScenarioId(n.idAt?.text as string)) continue;
    named.holders++;
    written.push(n);
    writtenNamed.push(named);
  }
  if (nodeFolds.length === 0) {
    for (let k = 0; k < written.length; k++) {
      const node = written[k] as LooseNode;
      const id = node.idAt?.text as string;
      const named = writtenNamed[k] as Naming;
      const { refs } = named;
      if (named.holders !== 1 || !(Array.isArray(refs) ? refs.every((u) => u.plain) : refs.plain)) continue;
      const fold: NodeFold = { id, path: idErrorPath(node), kind: 'idless', leadsTo: looseSuccessors(node), idAt: node.idAt };
      nodeFolds.push(fold);
      if (!Array.isArray(refs)) refs.problem.cause = { path: fold.path, named: id, kind: 'idless', idAt: node.idAt };
      else for (const { problem } of refs) problem.cause = { path: fold.path, named: id, kind: 'idless', idAt: node.idAt };
    }
  }
  if (nodeFolds.length === 0 && written.length === 0 && lostId !== undefined && unknownNamed.every((u) => u.plain && u.id === lostId) && !scenario.nodes.some((n) => nodes.get(n.id) !== n)) {
    const node = withoutId.length === 1 ? withoutId[0] : undefined;
    // A field spelt like "id" holding another text: the node has that id, not the one named; unless
    // it is the id named written otherwise ("ID": "aftervisit" for "after-visit", see writtenOtherwise).
    if (node && (node.idAt?.text === undefined || writtenOtherwise(node.idAt.text, lostId))) {
      const fold: NodeFold = { id: lostId, path: idErrorPath(node), kind: 'idless', leadsTo: looseSuccessors(node), idAt: node.idAt };
      nodeFolds.push(fold);
      for (const { problem } of unknownNamed) problem.cause = { path: fold.path, named: lostId, kind: 'idless', idAt: node.idAt };
    }
  }
  /** Each fold by the id it names, and by the nodes its node leads to (the first fold leading there). */
  // Looked through for the first question, indexed for the next (most files ask once, if at all:
  // two maps of 100,000 folds each, for 100,000 nodes whose "id" is written "ID", to answer one).
  let foldNamedIndex: Map<string, NodeFold> | undefined;
  let foldLeadingIndex: Map<string, NodeFold> | undefined;
  let foldsAsked = 0;
  const foldNamed = (id: string): NodeFold | undefined => {
    if (foldNamedIndex === undefined && foldsAsked++ === 0) return nodeFolds.findLast((f) => f.id === id);
    foldNamedIndex ??= new Map(nodeFolds.map((f) => [f.id, f]));
    return foldNamedIndex.get(id);
  };
  const foldLeadingTo = (id: string): NodeFold | undefined => {
    if (foldLeadingIndex === undefined && foldsAsked++ === 0) return nodeFolds.find((f) => f.leadsTo.includes(id));
    if (foldLeadingIndex === undefined) {
      foldLeadingIndex = new Map();
      for (const f of nodeFolds) for (const t of f.leadsTo) if (!foldLeadingIndex.has(t)) foldLeadingIndex.set(t, f);
    }
    return foldLeadingIndex.get(id);
  };
  const causeOf = (f: NodeFold, then: { unreached: string } | { stuckAt: string }) => ({ cause: { path: f.path, named: f.id, kind: f.kind, ...then, ...(f.idAt ? { idAt: f.idAt } : {}) } });

  // Whole-graph checks need every node: a broken node's edges are unknown.
  if (brokenIds.size === 0 && nodes.has(scenario.start) && !startsAtEnding) {
    const graph = input.complete ? scenarioGraph(scenario) : analyseGraph(nodes, scenario.start);
    // Out of reach, each node is named once, at the first of its run: the nodes after it, out of
    // reach only because it is, are listed in its message (one warning each, "remove it", had the
    // trainer delete the rest of the story when a single "next" was misspelt).
    const away = [...nodes.values()].filter((node) => !graph.reachable.has(node.id));
    const place = new Map(away.map((node, i) => [node.id, i]));
    const awayAfter = (node: ScenarioNode) => successorsOf(node).filter((t) => t !== node.id && place.has(t));
    const after = new Set<string>();
    for (const node of away) for (const t of awayAfter(node)) after.add(t);
    const firsts = away.filter((node) => !after.has(node.id));
    /** The unreachable nodes after the `roots` (not the roots), in the file's order; undefined past `limit` of them. */
    const beyond = (roots: readonly ScenarioNode[], limit: number): string[] | undefined => {
      const seen = new Set(roots.map((n) => n.id));
      const todo = roots.slice();
      const out: string[] = [];
      while (todo.length) {
        for (const t of awayAfter(todo.pop() as ScenarioNode)) {
          if (seen.has(t)) continue;
          if (out.length === limit) return undefined;
          seen.add(t);
          out.push(t);
          todo.push(nodes.get(t) as ScenarioNode);
        }
      }
      return out.sort((a, b) => (place.get(a) as number) - (place.get(b) as number));
    };
    const covered = new Set(beyond(firsts, Infinity));
    /** The nodes written inside a node's "nodes" list that lead to `id`. */
    let nestedLeading: Map<string, string[]> | undefined;
    const nestedTo = (id: string): string[] => {
      if (input.nestedNodes === undefined) return [];
      // By the node led to, made once: a search per node out of reach would be nodes × nested nodes.
      if (nestedLeading === undefined) {
        nestedLeading = new Map();
        for (const [from, { leadsTo }] of input.nestedNodes) {
          for (const to of new Set(leadsTo)) {
            const list = nestedLeading.get(to);
            if (list) list.push(from);
            else nestedLeading.set(to, [from]);
          }
        }
      }
      return nestedLeading.get(id) ?? [];
    };
    // Each first node's own list is worked out while that stays cheap (roots sharing a long run would repeat it).
    let budget = 100_000;
    for (const node of away) {
      if (covered.has(node.id)) continue;
      // Nodes that only lead to one another in a loop have no first: each is named, on its own.
      const rest = after.has(node.id) ? [] : beyond([node], Math.max(budget, 0));
      budget -= rest?.length ?? budget;
      const count = rest === undefined ? 'The nodes' : rest.length === 1 ? 'The node' : `The ${rest.length} nodes`;
      const also = rest?.length === 0 ? '' : ` ${count} after it${rest ? `, ${rest.slice(0, 3).map((id) => quoteValue(id)).join(', ')}${rest.length > 3 ? ` and ${countWords(rest.length - 3)} more` : ''},` : ''} ${rest?.length === 1 ? 'is' : 'are'} out of reach because of it (not listed again).`;
      // Often only because a "next" meant for it is misspelt: say so, so the trainer does not delete it.
      const misspelt = misspeltFor.get(node.id);
      if (misspelt !== undefined) {
        const count = references(misspelt);
        const rename = references(node.id) === 0 && count > 1 ? `, or rename this node to ${quoteValue(misspelt)}` : '';
        warn('unreachable', nodePath(node), `Node "${node.id}" can never be reached from the start, "${scenario.start}": ${count > 1 ? `the ${count} places that name ${quoteValue(misspelt)} probably mean it (see the unknown-node errors)` : `the "next" that names ${quoteValue(misspelt)} probably means it (see the unknown-node error)`}.${also}`,
          `Correct ${count > 1 ? 'them' : 'that "next"'} to "${node.id}"${rename}; this warning goes with ${count > 1 ? 'them' : 'it'}.`);
      } else if (nestedTo(node.id).length > 0) {
        // Reached from a node written inside another's "nodes" (found by validator-54): "remove it
        // and the nodes after it" would delete the rest of the story.
        const from = nestedTo(node.id);
        const named = `${from.slice(0, 3).map((id) => quoteValue(id)).join(from.length > 3 ? ', ' : ' and ')}${from.length > 3 ? ` and ${countWords(from.length - 3)} more` : ''}`;
        warn('unreachable', nodePath(node), `Node "${node.id}" can never be reached from the start, "${scenario.start}".${also} ${from.length > 1 ? `The nodes ${named}, which lead here, are` : `The node ${named}, which leads here, is`} written inside another node's "nodes" list, where the story cannot reach ${from.length > 1 ? 'them' : 'it'} (see the unknown-node errors).`,
          `Move ${from.length > 1 ? 'those nodes' : 'that node'} out to the top-level "nodes" list, as the unknown-field error at that "nodes" says; this warning goes with it.`);
      } else {
        // A "next" naming a node that does not exist, too unlike any id to suggest one ("end-good"
        // for "end-strong"), may still be the way meant to this node: "remove it" had a trainer
        // delete the only strong ending. A few such names are offered; many are typos of their own.
        const maybe = unpaired.length > 0 && !unpairedMore && !after.has(node.id) ? [...unpaired] : [];
        const named = maybe.map((id) => quoteValue(id)).join(' or ');
        const hint = maybe.length === 0 ? '' : ` A "next" names ${named}, which ${maybe.length > 1 ? 'are not nodes' : 'is not a node'} of this scenario (see the unknown-node error${maybe.length > 1 ? 's' : ''}).`;
        // Reached only through the copy (or the node without an id): out of reach until it has the id meant for it.
        const leading = foldLeadingTo(node.id);
        const fold = leading ? causeOf(leading, { unreached: node.id }) : {};
        warn('unreachable', nodePath(node), `Node "${node.id}" can never be reached from the start, "${scenario.start}".${also}${hint}`,
          maybe.length > 0 ? `If the "next" that names ${named} is meant for this node, correct it to "${node.id}"; otherwise point another reply's or scene's "next" at it, or remove it${also === '' ? '' : ' and the nodes after it'}.`
            : also === '' ? 'Point a reply\'s or scene\'s "next" at it, or remove it.' : 'Point a reply\'s or scene\'s "next" at it, or remove it and the nodes after it.', fold);
      }
    }
    const dead = new Set(graph.deadEnds);
    // "the reply "x" (at "d2")" or the scene's id: whose "next" goes back to `to`.
    const backWho = (from: string, to: string) => {
      const reply = nextBack(nodes.get(from) as ScenarioNode, to)?.reply;
      return reply === undefined ? quoteValue(from) : `the reply ${quoteValue(reply)} (at ${quoteValue(from)})`;
    };
    // A stretch of nodes no ending can be reached from always goes round a loop (a path that never
    // ends repeats a node), unless a "next" names a node that does not exist (reported as unknown-node).
    // The place to fix is inside the loop: one problem per such loop, at the step that closes it as
    // listed (the "next" of the last node before the first one comes round again), as for `cycle`.
    const deadLoops = hasEnding ? graph.loops.filter((l) => dead.has(l[0] as string)) : [];
    const startNote = dead.has(scenario.start) ? ` Not even the start (${quoteValue(scenario.start)}) leads to an ending, so no playthrough can finish.` : '';
    for (const loop of deadLoops) {
      const first = loop[0] as string;
      const closing = loop[loop.length - 2] as string;
      const node = nodes.get(closing) as ScenarioNode;
      const back = nextBack(node, first);
      const at = back ? [...nodePath(node), ...back.at] : nodePath(node);
      const route = back !== undefined && typeof back.at[back.at.length - 1] === 'number';
      const self = loop.length === 2;
      const nextOf = `${route ? 'a route in ' : ''}${self && node.kind === 'scene' ? 'its own "next"' : `the "next" of ${backWho(closing, first)}`}`;
      const which = self ? `${nextOf} leads straight back to ${node.kind === 'scene' ? 'it' : quoteValue(first)}` : `${nextOf}, which goes back to ${quoteValue(first)} and closes the loop`;
      error('no-way-to-end', route ? [...at, 'to'] : at,
        `No ending can be reached from ${self ? `the node ${quoteValue(first)}` : `the loop ${loopWords(loop)}`}: no way on from ${self ? 'it' : 'these nodes'} leads to an ending, so a playthrough that gets here never finishes. Shown here: ${which}.${startNote}`,
        `Point ${route ? 'this route\'s "to"' : 'this "next"'} at a node that leads to an ending, instead of back to ${quoteValue(first)}: that is the way out of the loop. A story moves forward and never returns to a node it has passed.`);
    }
    // Without a loop ahead, a dead stretch ends at a "next" naming no node (already an error):
    // report where the story first enters it, once per entry.
    const toLoop = new Set<string>();
    for (const loop of deadLoops) toLoop.add(loop[0] as string);
    if (toLoop.size < dead.size) {
      // Backwards from the loops through the dead nodes: whoever is not reached leads to none.
      const before = new Map<string, string[]>();
      for (const id of dead) {
        for (const t of successorsOf(nodes.get(id) as ScenarioNode)) {
          const list = before.get(t);
          if (list) list.push(id);
          else before.set(t, [id]);
        }
      }
      const todo = [...toLoop];
      while (todo.length) for (const p of before.get(todo.pop() as string) ?? []) if (!toLoop.has(p)) { toLoop.add(p); todo.push(p); }
    }
    const entries = new Set<string>(dead.has(scenario.start) ? [scenario.start] : []);
    if (dead.size > 0) {
      for (const id of graph.reachable) {
        if (dead.has(id)) continue;
        for (const t of successorsOf(nodes.get(id) as ScenarioNode)) if (dead.has(t)) entries.add(t);
      }
    }
    // The "next"s naming no node that a dead stretch runs into, from where the story enters it: the
    // cause, named in the message (a trainer reading the list from the top meets this problem
    // first, above the unknown-node error further down the file).
    const missingAfter = (from: string): string[] => {
      const seen = new Set([from]);
      const todo = [from];
      const missing = new Set<string>();
      while (todo.length) {
        for (const t of successorsOf(nodes.get(todo.pop() as string) as ScenarioNode)) {
          if (!nodes.has(t)) missing.add(t);
          else if (dead.has(t) && !seen.has(t)) {
            seen.add(t);
            todo.push(t);
          }
        }
      }
      return [...missing];
    };
    for (const id of hasEnding ? entries : []) {
      if (toLoop.has(id)) continue;
      // The node's own "next"s name no node, and that is all (a scene's misspelt "next", four
      // lines below its id): one error, the unknown-node there, which says what follows from it.
      const own = successorsOf(nodes.get(id) as ScenarioNode);
      if (own.length > 0 && own.every((t) => !nodes.has(t))) {
        // The errors at this node ("nodes", its index): compared part by part, not each path cut and
        // joined (100,000 unknown-node errors, when the start's "next" names no node).
        const [inList, atIndex] = nodePath(nodes.get(id) as ScenarioNode).map(String);
        const named = out.filter((q) => q.code === 'unknown-node' && q.path.length >= 2 && String(q.path[0]) === inList && String(q.path[1]) === atIndex);
        if (named.length > 0) {
          const stuck = ` Because of it, no ending can be reached from ${quoteValue(id)}${id === scenario.start ? ', the start, so no playthrough can finish' : ''}.`;
          for (const q of named) q.message += stuck;
          continue;
        }
      }
      const all = missingAfter(id);
      const stuckBy = all[0] === undefined ? undefined : foldNamed(all[0]);
      const missing = all.slice(0, 3);
      const names = missing.map((m) => quoteValue(m)).join(' and ');
      error('no-way-to-end', nodePath(nodes.get(id) as ScenarioNode), missing.length > 0
        ? `From node "${id}" no ending can be reached: the way on from it runs into a "next" naming ${names}, which ${missing.length > 1 ? 'are not nodes' : 'is not a node'} of this scenario (see the unknown-node error where ${missing.length > 1 ? 'they are' : 'it is'} named).`
        : `From node "${id}" no ending can be reached.`,
      missing.length > 0
        ? `Correct that "next" (a misspelt id, or a node not written yet) so it names a node that leads to an ending; this error goes with it.`
        : 'Give it (or the nodes after it) a path to an ending node: check that every "next" after it names a node that exists.',
      stuckBy && all.every((m) => m === stuckBy.id) ? causeOf(stuckBy, { stuckAt: id }) : {});
    }
    for (const loop of graph.loops.filter((l) => !dead.has(l[0] as string))) {
      const closing = loop[loop.length - 2] as string;
      const node = nodes.get(closing) as ScenarioNode;
      const back = nextBack(node, loop[0] as string);
      const who = backWho(closing, loop[0] as string);
      error('cycle', back ? [...nodePath(node), ...back.at] : nodePath(node), `These nodes form a loop: ${loopWords(loop)}. Scenarios move forward, so every playthrough ends and can be scored.`,
        `Point the "next" of ${who} at a node further on instead of back to "${loop[0]}". If going back is the point, copy "${loop[0]}" as a new node (e.g. "${loop[0]}-again") that moves the story on.`);
    }
  }

  if (input.complete) {
    // A scenario has a handful of goals: look for them only, and stop once each is found.
    const assessed = new Set<string>();
    const goals = scenario.learningGoals;
    // Every node, a second one with the same id too (already reported): its replies assess all the same.
    find: for (const node of scenario.nodes) {
      if (node.kind !== 'decision') continue;
      for (const r of node.replies) {
        for (const a of r.assessments) {
          if (assessed.has(a.principle) || !goals.includes(a.principle)) continue;
          assessed.add(a.principle);
          if (goals.every((g) => assessed.has(g))) break find;
        }
      }
    }
    scenario.learningGoals.forEach((goal, k) => {
      if (scenario.learningGoals.indexOf(goal) !== k) {
        // "listed twice" was said of each copy, however many there were (found by validator-52).
        warn('duplicate-goal', ['learningGoals', k], `The learning goal ${quoteValue(goal)} is listed again: it is listed first at {at}.`, 'Remove this one.', { related: ['learningGoals', scenario.learningGoals.indexOf(goal)] });
        return;
      }
      if (!assessed.has(goal)) warn('goal-not-assessed', ['learningGoals', k], `The learning goal "${goal}" is not assessed by any reply.`, 'Assess it in at least one reply, or remove it from "learningGoals".');
    });
  }

  // A variable nothing changes and nothing tests does nothing: often one renamed in one place only.
  // (Said only when every node passed the schema: the replies of one that did not may well use it.)
  // Nor when a misspelt field was left out of a node: it may be the "effects" or "when" that uses it.
  const everyNode = (input.looseNodes ?? []).length === 0 && scenario.nodes.length > 0 && ![...input.strippedAt ?? []].some((at) => at.startsWith('nodes.'));
  for (const v of everyNode ? scenario.variables ?? [] : []) {
    if (usedVariables.has(v.id) || variables.get(v.id) !== v) continue;
    warn('variable-unused', ['variables', rawIndex.get(v) ?? 0, 'id'], `No effect changes the variable "${v.id}" and no condition tests it, so it does nothing${v.shown ? ' (its meter stays at its start value)' : ''}.`,
      `Change it in a reply's or a scene's "effects" and test it in a "when", or remove it from "variables".`);
  }

  // A flag is never shown (a number's changes are, in a reply's feedback): set but never tested, it
  // changes nothing, and the author who set it meant something to follow from it.
  for (const v of everyNode ? scenario.variables ?? [] : []) {
    if (v.type !== 'flag' || !usedVariables.has(v.id) || testedVariables.has(v.id) || variables.get(v.id) !== v) continue;
    warn('flag-never-tested', ['variables', rawIndex.get(v) ?? 0, 'id'], `The flag "${v.id}" is set, but no condition tests it, and a flag is never shown, so setting it changes nothing.`,
      `Test it in a "when" where the story should differ, e.g. { "var": "${v.id}", "is": true }, or remove it from "variables" and from the effects that set it.`);
  }

  // A number that can only be 0 or 1 is a yes/no fact: feedback would show it as "0 → 1".
  for (const v of scenario.variables ?? []) {
    if (v.type === 'flag' || v.min !== 0 || v.max !== 1 || variables.get(v.id) !== v) continue;
    warn('number-is-yes-no', ['variables', rawIndex.get(v) ?? 0, 'max'], `The variable "${v.id}" is a number from 0 to 1, so a reply's feedback shows it changing as "0 → 1".`,
      'A yes/no fact is a flag: write "type": "flag" and "start": false (no "min" or "max"), change it with "set": true, and test it with "is": true or "is": false.');
  }

  // Two endings telling the same story, word for word (an ending copied and not rewritten; found by
  // validator-54): a volunteer reading either cannot tell the outcomes apart.
  const endingTold = new Map<string, ScenarioNode>();
  for (const node of scenario.nodes) {
    if (node.kind !== 'ending' || typeof node.narration !== 'string') continue;
    const told = node.narration.trim().replace(/\s+/g, ' ');
    if (told === '') continue;
    const first = endingTold.get(told);
    if (first === undefined) {
      endingTold.set(told, node);
      continue;
    }
    // A copy with the same id too is a duplicate-id error, which says so.
    if (first.id === node.id) continue;
    warn('duplicate-ending-text', [...nodePath(node), 'narration'],
      `The ending ${quoteValue(node.id)} tells the same story as the ending ${quoteValue(first.id)} (${RELATED_AT}): their narration is word for word the same, so a volunteer who reaches either reads the same outcome.`,
      `Rewrite this narration to tell how the story turned out after the replies that lead to ${quoteValue(node.id)}${node.kind === 'ending' && first.kind === 'ending' && node.ending !== first.ending ? ` (a ${node.ending} ending; ${quoteValue(first.id)} is a ${first.ending} one)` : ''}.`,
      { related: [...nodePath(first), 'narration'] });
  }
  pushAll(out, languageProblems(scenario, rawIndex));
  return out;
}

/** At most this many declared names are listed in a fix; the rest are counted. */
const MAX_LISTED = 5;

/** At most this many repeated reply ids of one decision are named with their line and column (as fold.ts's MAX_PLACES). */
const MAX_REPLY_PLACES = 5;

/** Every order of `items` (a few: two or three copies). */
/** The most unknown ids with no node like them an unreachable warning offers as the way meant to its node. */
const UNPAIRED_OFFERED = 3;

function orders<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [items.slice()];
  return items.flatMap((item, i) => orders([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

/**
 * A reply id without the words it shares at its start with its decision's id: "grill" for
 * "d2-grill" in "d2-rent", the part a copy's reply keeps behind the copy's own id.
 */
function tailAfter(replyId: string, nodeId: string): string {
  const words = replyId.split('-');
  const nodeWords = nodeId.split('-');
  let k = 0;
  while (k < words.length - 1 && k < nodeWords.length && words[k] === nodeWords[k]) k++;
  return words.slice(k).join('-');
}

const headings = sections.map((s) => s.heading);
const headingSet = new Set(headings);
/** Each heading with a test for text that ends with it after other words ("see self-care"), in lower case. */
const headingEndings = headings.map((h) => [h, new RegExp(`(?:^|[\\s,:])${escapeRegExp(h.toLowerCase().replace(/[\s.?!:]+$/, ''))}$`)] as const);
/** Each heading with a test for text that has it, whole words, among others ("see red flags, p. 4"), in lower case. */
const headingWithin = headings.map((h) => [h, new RegExp(`(?:^|[^\\p{L}\\p{N}-])${escapeRegExp(h.toLowerCase().replace(/[\s.?!:]+$/, ''))}(?![\\p{L}\\p{N}-])`, 'u')] as const);
/** Each heading by its lower-case form, to name the heading a citation means when only its capitals differ. */
const headingByLowerCase = new Map(headings.map((h) => [h.toLowerCase(), h]));
/** Each principle by its title in lower case, for a title written where its section's heading goes. */
const principleByTitle = new Map(principles.map((p) => [p.title.toLowerCase(), p]));

/**
 * Feedback cites the guide by a section heading in parentheses: "(Red Flags)", or several with
 * semicolons: "(Court Report; What is CSEC?)". Warns when no heading is cited, and for a
 * parenthesis that is a misspelt heading (onto `out`; the path is built only for a warning).
 * Other parentheses are ordinary text.
 */
function citationProblems(feedback: string, path: Path, out: UnlocatedProblem[], assessments?: readonly Partial<Assessment>[]): void {
  const before = out.length;
  if (endsWithOneHeading(feedback)) return;
  let cited = false;
  /** With no heading cited, the first parenthesis that looks like one, and what to say about it. */
  let nearest: UnlocatedProblem | undefined;
  /** With no heading cited, the first parenthesis written as a heading is ("(Warning Signs)"), and where. */
  let titled: { name: string; index: number } | undefined;
  for (const m of feedback.matchAll(/\(([^()]*)\)/g)) {
    let at = (m.index ?? 0) + 1;
    const parts = (m[1] ?? '').split(';');
    // In a list of sections ("(Self-Care; Boundaries)"), every part is meant as one.
    const listOfSections = parts.length > 1 && parts.some((part) => headingSet.has(part.trim()));
    for (const part of parts) {
      const name = part.trim();
      const index = at + part.indexOf(name);
      at += part.length + 1;
      if (name === '') continue;
      if (headingSet.has(name)) {
        cited = true;
        continue;
      }
      // "(Validate the loss, not the return)": a principle's title, which the debrief prints beside
      // its section, written where the section's heading goes.
      const principle = principleByTitle.get(name.toLowerCase().replace(/[\s.]+$/, ''));
      const principleHeading = principle && sections.find((s) => s.id === principle.section)?.heading;
      if (principle && principleHeading) {
        out.push({ severity: 'warning', code: 'unknown-guide-section', path: path(), stringIndex: index,
          message: `${quoteValue(name)} is the title of the principle ${quoteValue(principle.id)}, not a section of the guide, so it cites nothing.`,
          fix: `Cite the principle's section by its heading, exactly as the guide prints it: (${principleHeading}).` });
        continue;
      }
      // "(red flags)": the heading, but not as the guide prints it, which the debrief's readers
      // and the bundled scenarios' rule (section 9) expect.
      const sameWords = headingByLowerCase.get(name.toLowerCase());
      if (sameWords) {
        out.push({ severity: 'warning', code: 'unknown-guide-section', path: path(), stringIndex: index,
          message: `${quoteValue(name)} is not written as the guide prints it: ${quoteValue(sameWords)}.`,
          fix: `Write the section heading exactly as the guide prints it: (${sameWords}).` });
        continue;
      }
      const guess = closest(name, headings);
      if (guess && Math.abs(guess.length - name.length) <= Math.max(2, guess.length / 4)) {
        out.push({ severity: 'warning', code: 'unknown-guide-section', path: path(), stringIndex: index,
          message: `${quoteValue(name)} is not a section of the guide. Did you mean ${quoteValue(guess, 100)}?`,
          fix: `Write the section heading exactly as the guide prints it: (${guess}).` });
        continue;
      }
      if (listOfSections) {
        out.push(nearHeading(name, index, path) ?? { severity: 'warning', code: 'unknown-guide-section', path: path(), stringIndex: index,
          message: `${quoteValue(name)} is not a section of the guide, so it cites nothing (the other headings in these parentheses do).`,
          fix: `Write a section heading exactly as the guide prints it, or remove it. Headings: ${headings.join('; ')}.` });
        continue;
      }
      nearest ??= nearHeading(name, index, path);
      if (titled === undefined && looksLikeHeading(name)) titled = { name, index };
    }
  }
  // Only when nothing is cited: then a heading cut short ("What if my youth left placement?"),
  // run on ("Harm reduction approach") or joined with a comma is the citation the trainer meant.
  if (!cited && out.length === before && nearest) out.push(nearest);
  // A heading the guide does not have ("(Warning Signs)"): said at it, not "does not cite a section"
  // at the feedback's start, which sent the trainer looking at the citation they had written.
  if (!cited && out.length === before && titled) {
    out.push({ severity: 'warning', code: 'unknown-guide-section', path: path(), stringIndex: titled.index,
      message: `${quoteValue(titled.name)} is not a section of the guide, so this feedback cites none.`,
      fix: `${scoredSectionWords(assessments, 'in its place') || 'Write a section heading exactly as the guide prints it. '}Headings: ${headings.join('; ')}.` });
    return;
  }
  if (!cited && out.length === before) {
    // "… see the Red Flags section.": the heading is there, only not in parentheses, which is what
    // counts as a citation. Say so, at the heading, rather than "cites no section".
    const named = namedOutsideParentheses(feedback);
    if (named) {
      out.push({ severity: 'warning', code: 'feedback-no-citation', path: path(), stringIndex: named.index,
        message: `This feedback names the section ${quoteValue(named.heading, 100)}, but not in parentheses, so it does not count as citing the guide.`,
        fix: `Cite it by its heading in parentheses, exactly as the guide prints it, for example at the end of the sentence: "… (${named.heading})."` });
      return;
    }
    out.push({ severity: 'warning', code: 'feedback-no-citation', path: path(),
      message: 'This feedback does not cite a section of the guide, so the volunteer cannot look the rule up.',
      // The section the reply is scored on, when it is known, rather than an example.
      fix: `${scoredSectionWords(assessments, 'after the sentence about that point') || 'Name the section by its heading in parentheses, e.g. "… rather than interrogating her (Red Flags)." '}Headings: ${headings.join('; ')}.` });
  }
}

/**
 * A reply scored on a principle whose guide section its feedback does not cite (scored on
 * "no-investigating" without "(Prohibited Activities)"): the volunteer reading the feedback cannot
 * look that point up. One warning per section, at the end of the feedback's last citation, where
 * the heading is added; it names the assessment, by its place in the file. The rule is the core's
 * (uncitedSectionOf), which the bundled scenarios' content review applies too.
 */
function uncitedPrinciples(feedback: string, assessments: readonly Partial<Assessment>[], path: Path, out: UnlocatedProblem[]): void {
  const done = new Set<string>();
  assessments.forEach((a, k) => {
    if (typeof a?.principle !== 'string') return;
    const section = uncitedSectionOf(feedback, a.principle);
    if (!section || done.has(section.id)) return;
    done.add(section.id);
    const how = howUncited(feedback, section.heading);
    if (how.part !== undefined) {
      out.push({ severity: 'warning', code: 'principle-not-cited', path: [...path(), 'feedback'], related: [...path(), 'assessments', k, 'principle'],
        stringIndex: how.at,
        message: `This reply is scored on ${quoteValue(a.principle)} (${RELATED_AT}), whose section of the guide is ${quoteValue(section.heading, 100)}, but its feedback cites it ${how.runOn ? 'with more words' : 'cut short'}, as ${quoteValue(how.part)}, which does not count as citing it.`,
        fix: `Write the section heading ${how.runOn ? 'alone' : 'in full'}, exactly as the guide prints it: (${section.heading}).` });
      return;
    }
    // "[Prohibited Activities]", "see Prohibited Activities": the heading is there, only not in
    // parentheses, which is what counts as a citation. Said at it.
    if (how.named >= 0) {
      out.push({ severity: 'warning', code: 'principle-not-cited', path: [...path(), 'feedback'], related: [...path(), 'assessments', k, 'principle'],
        stringIndex: how.named,
        message: `This reply is scored on ${quoteValue(a.principle)} (${RELATED_AT}), and its feedback names that principle's section, ${quoteValue(section.heading, 100)}, but not in parentheses, so it does not count as citing it.`,
        fix: `Write it in parentheses, exactly as the guide prints it: (${section.heading}).` });
      return;
    }
    const last = how.last;
    const together = last ? `(${last.inside.trim()}; ${section.heading})` : `(${section.heading})`;
    out.push({ severity: 'warning', code: 'principle-not-cited', path: [...path(), 'feedback'], related: [...path(), 'assessments', k, 'principle'],
      ...(last ? { stringIndex: last.close } : {}),
      message: `This reply is scored on ${quoteValue(a.principle)} (${RELATED_AT}), but its feedback does not cite that principle's section of the guide, ${quoteValue(section.heading, 100)}, so the volunteer cannot look it up.`,
      fix: last
        ? `Add the section to the citation here, with a semicolon: ${together}. Or cite it after the sentence about that point: "… (${section.heading})."`
        : `Cite it by its heading in parentheses after the sentence about that point: "… (${section.heading})."` });
  });
}

/**
 * How `feedback` leaves the section `heading` uncited, read from the feedback alone: the heading cut
 * short or run on in parentheses (`part`, at `at`), else where it is named outside them (`named`,
 * -1: nowhere), and the last parentheses that cite a heading (`last`, where the section is added).
 */
interface HowUncited { part?: string; at: number; runOn: boolean; named: number; last?: { inside: string; close: number } }

/**
 * howUncited's answers, by feedback and heading: a feedback written alike in many replies ("It
 * matters (Red Flags).", in each of 60,000) is read once per heading, not once per reply (its
 * parentheses matched twice, some 150 MB of matches for the collector). Emptied past 1,000 texts.
 */
const uncitedAnswers = new Map<string, Map<string, HowUncited>>();

function howUncited(feedback: string, heading: string): HowUncited {
  let byHeading = uncitedAnswers.get(feedback);
  const known = byHeading?.get(heading);
  if (known) return known;
  if (!byHeading) {
    if (uncitedAnswers.size >= 1_000) uncitedAnswers.clear();
    uncitedAnswers.set(feedback, (byHeading = new Map()));
  }
  // The last parentheses that cite a heading: the section is added inside them, before the ")".
  let last: { inside: string; close: number } | undefined;
  for (const m of feedback.matchAll(/\(([^()]*)\)/g)) {
    const inside = m[1] ?? '';
    if (inside.split(';').some((part) => headingSet.has(part.trim()))) last = { inside, close: (m.index ?? 0) + inside.length + 1 };
  }
  let how: HowUncited | undefined;
  // "(Collaboration)" beside "(Red Flags)": that heading cut to its first words, which counts
  // for nothing while another heading is cited (see nearHeading); or run on, "(Harm reduction
  // approach)". Said at it, to write as the guide prints it.
  const lowerHeading = heading.toLowerCase();
  for (const m of feedback.matchAll(/\(([^()]*)\)/g)) {
    let runOn = false;
    const part = (m[1] ?? '').split(';').map((x) => x.trim()).find((x) => {
      if (x === '') return false;
      if (lowerHeading.startsWith(`${x.toLowerCase().replace(/[\s.?!:]+$/, '')} `)) return true;
      runOn = x.toLowerCase().startsWith(`${lowerHeading} `);
      return runOn;
    });
    if (part === undefined) continue;
    how = { part, at: (m.index ?? 0) + 1 + (m[1] ?? '').indexOf(part), runOn, named: -1, last };
    break;
  }
  how ??= { at: -1, runOn: false, named: feedback.indexOf(heading), last };
  byHeading.set(heading, how);
  return how;
}

/**
 * The first section heading written in the feedback as the guide prints it (capitals and all) but
 * outside parentheses ("see the Red Flags section"), with where it starts; the longest heading
 * wins where two start at the same place.
 */
function namedOutsideParentheses(feedback: string): { heading: string; index: number } | undefined {
  let found: { heading: string; index: number } | undefined;
  for (const heading of headings) {
    const m = new RegExp(`(?<![\\w-])${escapeRegExp(heading)}(?![\\w-])`).exec(feedback);
    if (!m || found && (m.index > found.index || m.index === found.index && heading.length <= found.heading.length)) continue;
    found = { heading, index: m.index };
  }
  return found;
}

/**
 * The headings `name` is made of, joined with commas or "and" ("Red Flags, Self-Care"), when it is
 * two or more of them; undefined otherwise. A heading with "and" in it ("CASA Role and
 * Expectations") is kept whole: the longest heading from each place is taken first.
 */
function headingsJoined(name: string): string[] | undefined {
  // Words at even places, the commas and "and"s between them at odd ones.
  const pieces = name.split(/(\s*,\s*|\s+and\s+)/);
  const out: string[] = [];
  for (let i = 0; i < pieces.length;) {
    let heading: string | undefined;
    let end = pieces.length - 1;
    for (; end >= i; end -= 2) {
      heading = headingByLowerCase.get(pieces.slice(i, end + 1).join('').toLowerCase());
      if (heading !== undefined) break;
    }
    if (heading === undefined) return undefined;
    out.push(heading);
    i = end + 2;
  }
  return out.length > 1 ? out : undefined;
}

/**
 * Words written as a section heading is: two to eight words, the first capitalised and every other
 * one too except short joining words ("Warning Signs", "Rules for Visits"). "(for now)", "(again)",
 * "(What)" or "(CSEC)" are not taken for one.
 */
function looksLikeHeading(name: string): boolean {
  const words = name.replace(/[?!.:]+$/, '').split(/\s+/);
  if (words.length < 2 || words.length > 8) return false;
  return words.every((w, i) => /^\p{Lu}/u.test(w) || (i > 0 && /^(?:a|an|and|the|of|or|to|in|on|for|if|my|with|from|at|by)$/.test(w)));
}

/**
 * "This reply is scored on "curious-not-interrogating", whose section is "Red Flags": write its
 * heading in parentheses, (Red Flags), in its place, exactly as the guide prints it. ": the section to cite, from the reply's own
 * assessments (the first known principle); empty when none is known.
 */
function scoredSectionWords(assessments: readonly Partial<Assessment>[] | undefined, where: string): string {
  for (const a of assessments ?? []) {
    const section = typeof a?.principle === 'string' ? uncitedSectionOf('', a.principle) : undefined;
    if (section) return `This reply is scored on ${quoteValue(a.principle)}, whose section is ${quoteValue(section.heading, 100)}: write its heading in parentheses, (${section.heading}), ${where}, exactly as the guide prints it. `;
  }
  return '';
}

/** "(What if my youth returns?)", "(Harm reduction approach)", "(Red Flags, Self-Care)": the heading(s) meant, as a warning. */
function nearHeading(name: string, index: number, path: Path): UnlocatedProblem | undefined {
  const parts = headingsJoined(name);
  if (parts) {
    return { severity: 'warning', code: 'unknown-guide-section', path: path(), stringIndex: index,
      message: `${quoteValue(name)} names several sections ${name.includes(',') ? 'with a comma' : 'joined with "and"'}, so none of them counts as cited.`,
      fix: `Separate them with a semicolon: (${parts.join('; ')}).` };
  }
  const words = name.toLowerCase().replace(/[\s.?!:]+$/, '');
  if (words.split(/\s+/).length < 2) {
    // One word that begins one heading only ("(Prohibited)" for Prohibited Activities): the heading
    // cut short. Said only when the feedback cites nothing, so "(again)" is never taken for one.
    const starting = words.length >= 3 ? headings.filter((h) => h.toLowerCase().split(/\s+/)[0] === words) : [];
    const [only] = starting;
    if (starting.length !== 1 || only === undefined || only.toLowerCase() === words) return undefined;
    return { severity: 'warning', code: 'unknown-guide-section', path: path(), stringIndex: index,
      message: `${quoteValue(name)} is not a section of the guide, so this feedback cites none. Did you mean ${quoteValue(only, 100)}?`,
      fix: `Write the section heading in full, exactly as the guide prints it: (${only}).` };
  }
  // Cut short to words that begin more than one heading ("What if my youth"): each of them.
  const starting = headings.filter((h) => h.toLowerCase().startsWith(`${words} `));
  if (starting.length > 1) {
    return { severity: 'warning', code: 'unknown-guide-section', path: path(), stringIndex: index,
      message: `${quoteValue(name)} is not a section of the guide. Did you mean ${starting.map((h) => quoteValue(h, 100)).join(' or ')}?`,
      fix: `Write the section heading in full, exactly as the guide prints it: ${starting.map((h) => `(${h})`).join(' or ')}.` };
  }
  // Cut short or run on ("Harm reduction approach"), or with words before it ("see Self-Care"), or
  // with other words round it ("Red Flags, p. 4", "see Red Flags, page 4"): that last was told it
  // named the section "but not in parentheses", which it had written in parentheses.
  const meant = headings.find((h) => { const lower = h.toLowerCase(); return lower.startsWith(words) || words.startsWith(`${lower} `); })
    ?? headingEndings.filter(([, ends]) => ends.test(words)).map(([h]) => h).sort((a, b) => b.length - a.length)[0]
    ?? headingWithin.filter(([, within]) => within.test(words)).map(([h]) => h).sort((a, b) => b.length - a.length)[0]
    ?? misspeltAmongWords(words);
  if (!meant) return undefined;
  return { severity: 'warning', code: 'unknown-guide-section', path: path(), stringIndex: index,
    message: `${quoteValue(name)} is not a section of the guide. Did you mean ${quoteValue(meant, 100)}?`,
    fix: `Write the section heading exactly as the guide prints it: (${meant}).` };
}

/** Whether a variable's label names a character: her whole name, or its first word ("Malia's trust", "Grandma Sina's worry"). */
function labelNames(label: string, name: string): boolean {
  const lower = label.toLowerCase();
  const words = name.toLowerCase().split(/\s+/).filter((w) => w.length >= 3);
  return [name.toLowerCase(), ...words.slice(0, 1)].some((w) => w !== '' && new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(w)}(?![\\p{L}\\p{N}])`, 'u').test(lower));
}

/** A character's name as a label in a fix shows it: a double quote or backslash in it escaped, as typed in the file. */
function visibleLabel(name: string): string {
  return quoteValue(name, 40).slice(1, -1);
}

/** Words written round a heading in a citation ("the Red flag section", "see chapter: Red Flag"); no heading has one. */
const CITATION_WORDS = new Set(['see', 'the', 'section', 'sections', 'chapter', 'guide', 'heading']);

/**
 * A heading misspelt among words written round it ("red flag section", in lower case): the heading,
 * when the rest is near one as a misspelt heading alone is ("(Red Flag)"). Each alone was told
 * "Did you mean", both together only "This feedback does not cite a section", at the feedback's
 * start (found by author-57).
 */
function misspeltAmongWords(words: string): string | undefined {
  const rest = words.split(/[\s:,]+/).filter((w) => w !== '' && !CITATION_WORDS.has(w)).join(' ');
  if (rest === '' || rest === words) return undefined;
  const guess = closest(rest, headings);
  return guess && Math.abs(guess.length - rest.length) <= Math.max(2, guess.length / 4) ? guess : undefined;
}

/** The usual feedback: it ends with one heading in parentheses and has no other (found without a regular expression). */
function endsWithOneHeading(feedback: string): boolean {
  const open = feedback.lastIndexOf('(');
  return open >= 0 && feedback.indexOf('(') === open && feedback.indexOf(')') === feedback.length - 1 && feedback.indexOf(';', open) < 0
    && headings.includes(feedback.slice(open + 1, -1));
}

/** The words all these ids begin with, before their last ("d2" for "d2-ride" and "d2-ask-csw"); "" when none. */
function sharedPrefix(ids: readonly string[]): string {
  const [first, ...rest] = ids.map((id) => id.split('-').slice(0, -1));
  if (!first) return '';
  let n = first.length;
  for (const words of rest) {
    let k = 0;
    while (k < n && k < words.length && words[k] === first[k]) k++;
    n = k;
  }
  return first.slice(0, n).join('-');
}

/** The fix of a node whose id repeats an earlier node's (duplicate-id), before what else is known of it. */
const RENAME_COPY = 'Give every node its own id: rename this one, and the "next" or "to" that should lead here.';

/** A loop as a message names it ("a → b → c → a"): past a few nodes, the first ones, how many more, and the step that closes it. */
function loopWords(loop: readonly string[]): string {
  return firstFew(loop, { separator: ' → ', last: ' → ', end: 2 });
}

/** Values in words: a yes/no flag as yes or no (it read "told-sup is 0"), a number as it is. */
function describeValues(values: Variables, declared: ReadonlyMap<string, Variable>): string {
  const entries = Object.entries(values);
  return firstFew(entries.slice(0, MAX_NAMED).map(([k, v]) => `${k} is ${declared.get(k)?.type === 'flag' ? (v ? 'yes' : 'no') : v}`), { separator: ' and ', total: entries.length });
}

const NODE_TEXT_KEYS = ['title', 'narration', 'prompt', 'facilitatorNote', 'discussionPrompt'] as const;

/**
 * Language warnings for learner-facing text. Each owner (the scenario, a character, a node, a
 * line, a reply) has its texts and the language rules it allows on purpose; paths are built
 * only for a hit. Problems come out owner by owner, texts in order, then unused allowances.
 */
function languageProblems(scenario: Scenario, rawIndex: RawIndex): UnlocatedProblem[] {
  const out: UnlocatedProblem[] = [];
  let used: Set<string> | undefined;
  // Almost no text has a hit, so paths are built (and closures made) only for one that does.
  const report = (hits: readonly LanguageHit[], allow: string[] | undefined, at: JsonPath) => {
    for (const hit of hits) {
      if (allow?.includes(hit.rule.id)) { (used ??= new Set()).add(hit.rule.id); continue; }
      out.push({
        severity: 'warning', code: 'language', path: at, stringIndex: hit.index,
        message: `"${hit.match}": ${hit.rule.message}`,
        fix: `Say "${hit.rule.suggestion}" instead. If a character says this on purpose for the volunteer to respond to, add "allowLanguage": ["${hit.rule.id}"] to that line or reply.`,
      });
    }
  };
  /** The end of an owner's texts: its allowances no text used are reported, and the next owner starts afresh. */
  const owner = (allow: string[] | undefined, ownerPath: () => JsonPath) => {
    if (allow) {
      allow.forEach((id, k) => {
        if (!used?.has(id) && languageRules.some((r) => r.id === id)) {
          out.push({ severity: 'warning', code: 'allow-language-unused', path: [...ownerPath(), 'allowLanguage', k], message: `"allowLanguage" allows "${id}", but this text does not use it.`, fix: 'Remove it from "allowLanguage".' });
        }
      });
    }
    used = undefined;
  };
  const nodeBase = (node: ScenarioNode): JsonPath => ['nodes', rawIndex.get(node) ?? 0];
  let hits: readonly LanguageHit[];
  for (const k of ['title', 'summary', 'contentNote'] as const) if ((hits = findLanguageHits(scenario[k])).length > 0) report(hits, undefined, [k]);
  used = undefined;
  for (const c of scenario.characters) {
    if (!c.description) continue;
    if ((hits = findLanguageHits(c.description)).length > 0) report(hits, undefined, ['characters', rawIndex.get(c) ?? 0, 'description']);
    used = undefined;
  }
  for (const node of scenario.nodes) {
    const allowNode = node.allowLanguage;
    for (const key of NODE_TEXT_KEYS) {
      const value = (node as Record<string, unknown>)[key];
      if (typeof value === 'string' && (hits = findLanguageHits(value)).length > 0) report(hits, allowNode, [...nodeBase(node), key]);
    }
    if (node.kind === 'ending' && node.variants) {
      const variants = node.variants;
      for (let k = 0; k < variants.length; k++) {
        if ((hits = findLanguageHits((variants[k] as { narration: string }).narration)).length > 0) report(hits, allowNode, [...nodeBase(node), 'variants', k, 'narration']);
      }
    }
    if (allowNode) owner(allowNode, () => nodeBase(node));
    used = undefined;
    const lines = node.lines;
    if (lines) {
      for (let j = 0; j < lines.length; j++) {
        const line = lines[j] as Line;
        if ((hits = findLanguageHits(line.text)).length > 0) report(hits, line.allowLanguage, [...nodeBase(node), 'lines', j, 'text']);
        if (line.allowLanguage) owner(line.allowLanguage, () => [...nodeBase(node), 'lines', j]);
        used = undefined;
      }
    }
    if (node.kind !== 'decision') continue;
    const replies = node.replies;
    for (let j = 0; j < replies.length; j++) {
      const reply = replies[j] as Reply;
      if ((hits = findLanguageHits(reply.text)).length > 0) report(hits, reply.allowLanguage, [...nodeBase(node), 'replies', j, 'text']);
      if ((hits = findLanguageHits(reply.feedback)).length > 0) report(hits, reply.allowLanguage, [...nodeBase(node), 'replies', j, 'feedback']);
      if (reply.unavailableReason !== undefined && (hits = findLanguageHits(reply.unavailableReason)).length > 0) report(hits, reply.allowLanguage, [...nodeBase(node), 'replies', j, 'unavailableReason']);
      if (reply.allowLanguage) owner(reply.allowLanguage, () => [...nodeBase(node), 'replies', j]);
      used = undefined;
    }
  }
  return out;
}

/** Whether some whole number from `min` to `max` passes every one of these comparisons. */
function holdsSomewhere(conditions: readonly { gte?: number; gt?: number; lte?: number; lt?: number; eq?: number }[], min: number, max: number): boolean {
  let lo = min;
  let hi = max;
  for (const c of conditions) {
    lo = Math.max(lo, c.gte ?? -Infinity, c.gt !== undefined ? Math.floor(c.gt) + 1 : -Infinity);
    hi = Math.min(hi, c.lte ?? Infinity, c.lt !== undefined ? Math.ceil(c.lt) - 1 : Infinity);
  }
  const eqs = [...new Set(conditions.flatMap((c) => (c.eq === undefined ? [] : [c.eq])))];
  if (eqs.length > 1) return false;
  const eq = eqs[0];
  return eq === undefined ? Math.ceil(lo) <= Math.floor(hi) : Number.isInteger(eq) && eq >= lo && eq <= hi;
}

/**
 * Why comparisons on a variable never hold, in words: their bounds never meet ("cannot be at least
 * 60 and below 40 at once"), or only between whole numbers ("takes whole values only, and none is
 * more than 1 and below 2"), or only outside its range ("only takes whole values from 0 to 100").
 */
function neverWhy(conditions: readonly { gte?: number; gt?: number; lte?: number; lt?: number; eq?: number }[], name: string, spec: { min: number; max: number }): string {
  if (!meetSomewhere(conditions)) return `"${name}" cannot be ${boundWords(conditions)} at once`;
  if (!holdsSomewhere(conditions, -Infinity, Infinity)) return `"${name}" takes whole values only, and none is ${boundWords(conditions)}`;
  return `"${name}" only takes whole values from ${spec.min} to ${spec.max}`;
}

/** Whether some number (whole or not) passes every one of these comparisons. */
function meetSomewhere(conditions: readonly { gte?: number; gt?: number; lte?: number; lt?: number; eq?: number }[]): boolean {
  // The highest lower bound and the lowest upper bound, each with whether it is strict.
  let lo = -Infinity;
  let loStrict = false;
  let hi = Infinity;
  let hiStrict = false;
  const raise = (b: number, strict: boolean) => {
    if (b > lo || (b === lo && strict)) [lo, loStrict] = [b, strict];
  };
  const lower = (b: number, strict: boolean) => {
    if (b < hi || (b === hi && strict)) [hi, hiStrict] = [b, strict];
  };
  for (const c of conditions) {
    if (c.gte !== undefined) raise(c.gte, false);
    if (c.gt !== undefined) raise(c.gt, true);
    if (c.lte !== undefined) lower(c.lte, false);
    if (c.lt !== undefined) lower(c.lt, true);
    if (c.eq !== undefined) {
      raise(c.eq, false);
      lower(c.eq, false);
    }
  }
  return lo < hi || (lo === hi && !loStrict && !hiStrict);
}

/** "at least 60 and below 40": the comparisons of these conditions, in words. */
function boundWords(conditions: readonly { gte?: number; gt?: number; lte?: number; lt?: number; eq?: number }[]): string {
  const words = conditions.flatMap((c) => [
    ...(c.gte !== undefined ? [`at least ${c.gte}`] : []), ...(c.gt !== undefined ? [`more than ${c.gt}`] : []),
    ...(c.lte !== undefined ? [`at most ${c.lte}`] : []), ...(c.lt !== undefined ? [`below ${c.lt}`] : []),
    ...(c.eq !== undefined ? [`exactly ${c.eq}`] : []),
  ]);
  return firstFew(words, { separator: ' and ' });
}

/**
 * Whether `text` is the id `id` written otherwise: the same letters and digits in the same order,
 * capitals, hyphens, spaces, underscores and hidden characters aside ("aftervisit", "After Visit",
 * "after_visit" for "after-visit"). Only that is sure enough to take a node for the one meant; a
 * misspelling ("after-vist") could as well be another id.
 */
function writtenOtherwise(text: string, id: string): boolean {
  const bare = (v: string) => idFromText(v).replace(/-/g, '');
  return bare(text) !== '' && bare(text) === bare(id);
}

/** An invalid id written the way the validator suggests it ("D4 Worry" → "d4-worry"). */
function slugId(value: string): string {
  return idFromText(value);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
