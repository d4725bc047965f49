import type { z } from 'zod';
import { languageRules, principleIds, principles, sections } from '../guide.js';
import { suggestedId } from '../scenario-id.js';
import * as S from '../schema/scenario.js';
import { countWords, firstFew, MAX_NAMED } from '../text/first-few.js';
import { quoteValue } from '../text/quote.js';
import { isBlank } from '../text/clean.js';
import { pointerWords } from './pointers.js';
import { ONE_LINE_TEXTS, TEXT_KEYS } from './texts.js';
import { conductInsteadOfVar, conductMeant } from './conduct-words.js';
import { notACharacter } from './not-a-character.js';
import { PathMap } from './path-map.js';
import { closest, didYouMean, didYouMeanOf, FILLER_WORDS, RELATED_AT, startingWith, suggester, type JsonPath, wordSuggester, type UnlocatedProblem } from './problem.js';

type Issue = z.core.$ZodIssue;
type Shape = Record<string, z.ZodType>;

interface ObjectKind {
  name: string;
  shape: Shape;
}

/**
 * The kinds of object, each made once (objectKindAt made one per call: two for each of 100,000
 * nodes whose "id" is written "ID"). Frozen: callers only read them.
 */
const KIND = {
  scenario: Object.freeze({ name: 'the scenario', shape: S.Scenario.shape }),
  character: Object.freeze({ name: 'a character', shape: S.Character.shape }),
  variable: Object.freeze({ name: 'a variable', shape: S.Variable.shape }),
  scene: Object.freeze({ name: 'a scene node', shape: S.SceneNode.shape }),
  decision: Object.freeze({ name: 'a decision node', shape: S.DecisionNode.shape }),
  ending: Object.freeze({ name: 'an ending node', shape: S.EndingNode.shape }),
  line: Object.freeze({ name: 'a line', shape: S.Line.shape }),
  reply: Object.freeze({ name: 'a reply', shape: S.Reply.shape }),
  effect: Object.freeze({ name: 'an effect', shape: S.Effect.shape }),
  assessment: Object.freeze({ name: 'an assessment', shape: S.Assessment.shape }),
  route: Object.freeze({ name: 'a route', shape: S.Route.shape }),
  variant: Object.freeze({ name: 'a variant', shape: S.EndingVariant.shape }),
  conduct: Object.freeze({ name: 'a conduct condition', shape: S.ConductCondition.shape }),
  condition: Object.freeze({ name: 'a condition', shape: S.VariableCondition.shape }),
} satisfies Record<string, ObjectKind>;

/** Which kind of object sits at a path, judged from the path's shape and the raw data. */
function objectKindAt(path: JsonPath, raw: unknown): ObjectKind | undefined {
  const last = path[path.length - 1];
  const parent = path[path.length - 2];
  if (path.length === 0) return KIND.scenario;
  if (typeof last === 'number') {
    if (path.length === 2 && parent === 'characters') return KIND.character;
    if (path.length === 2 && parent === 'variables') return KIND.variable;
    if (path.length === 2 && parent === 'nodes') {
      const kind = (valueAt(raw, path) as { kind?: unknown } | undefined)?.kind;
      if (kind === 'scene') return KIND.scene;
      if (kind === 'decision') return KIND.decision;
      if (kind === 'ending') return KIND.ending;
      return undefined;
    }
    if (parent === 'lines') return KIND.line;
    if (parent === 'replies') return KIND.reply;
    if (parent === 'effects') return KIND.effect;
    if (parent === 'assessments') return KIND.assessment;
    if (parent === 'when') return conditionKind(valueAt(raw, path));
    if (parent === 'next') return KIND.route;
    if (parent === 'variants') return KIND.variant;
  }
  if (last === 'when') return conditionKind(valueAt(raw, path));
  return undefined;
}

/**
 * Where a field in the wrong object belongs, when it is plainly one of its neighbours': the object
 * around this one (a reply's "feedback" typed inside one of its assessments), or the replies inside
 * a decision ("effects" or "feedback" on the decision itself). Undefined otherwise.
 */
function fieldHome(path: JsonPath, raw: unknown, field: string): FieldHome | undefined {
  const last = path[path.length - 1];
  const list = path[path.length - 2];
  if (typeof last === 'number' && typeof list === 'string') {
    const outer = objectKindAt(path.slice(0, -2), raw);
    if (outer && Object.hasOwn(outer.shape, field) && path.length === 2) return scenarioFieldHome(path, raw, field);
    if (outer && Object.hasOwn(outer.shape, field)) {
      return { name: outer.name, fix: `Move it out of this { } and into ${outer.name.replace(/^an? /, 'the ')} around it, beside ${quoteValue(list)} (with the comma it needs), so that it is not lost.` };
    }
  }
  const kind = objectKindAt(path, raw);
  if (kind?.shape === S.DecisionNode.shape && Object.hasOwn(S.Reply.shape, field)) {
    // Every reply has its own already ("next" written on the decision as well, for where the story
    // goes after it): moving it into one gave that reply the field twice (found by author-59).
    const replies = (valueAt(raw, path) as { replies?: unknown } | undefined)?.replies;
    if (Array.isArray(replies) && replies.length > 0 && replies.every((r) => isObject(r) && Object.hasOwn(r, field))) {
      return { name: 'a reply', message: `${quoteValue(field)} is not a field of a decision node; it is a field of a reply, and each of this decision's replies has its own ${quoteValue(field)} already.`,
        fix: `Remove it from the decision: each reply's own ${quoteValue(field)} is the one used${field === 'next' ? ' (the story goes on by the reply chosen)' : ''}. If its value is the one meant for a reply, write it there in place of the one there.` };
    }
    return { name: 'a reply', fix: `Move it into the reply it belongs to, inside "replies" (each reply has its own ${quoteValue(field)}), so that it is not lost.` };
  }
  return undefined;
}

/** Where a misplaced field belongs: the object's name, the fix, and words and a place of its own for a field of the scenario (scenarioFieldHome). */
interface FieldHome { name: string; fix: string; message?: string; related?: JsonPath }

/**
 * A field of the scenario written inside a node (or a character, or a variable): it belongs at the
 * top level of the file, with "id" and "title". Found by validator-54: the fix said to move it
 * "into the scenario around it, beside "nodes"", which a trainer could not follow, and for "nodes"
 * itself (the nodes after this one written inside it) it asked for a second "nodes" list, which
 * JSON reads as replacing the first.
 */
function scenarioFieldHome(path: JsonPath, raw: unknown, field: string): FieldHome {
  const name = 'the scenario';
  const inner = valueAt(raw, [...path, field]);
  if (field === 'nodes') {
    const count = Array.isArray(inner) ? inner.length : 0;
    const these = count === 1 ? 'the node in it' : `the ${countWords(count)} nodes in it`;
    return {
      name,
      message: `"nodes" is not a field of ${objectKindAt(path, raw)?.name ?? 'a node'}: a scenario has one "nodes" list, at the top level of the file, and every scene, decision and ending is an item of it, never inside another node.`,
      fix: count === 0
        ? 'Delete this "nodes" and its value, and the comma that goes with it.'
        : `Move ${these} to the top-level "nodes" list: cut ${count === 1 ? 'its { … }' : 'each { … }'} out of this "nodes" and paste it after the } that closes this node, with a comma between nodes. Then delete this "nodes": [ ] and the comma that goes with it.`,
    };
  }
  if (valueAt(raw, [field]) !== undefined) {
    return {
      name,
      message: `${quoteValue(field)} is not a field of ${objectKindAt(path, raw)?.name ?? 'this object'}; it is a field of the scenario, and the scenario has it already, at the top level of the file (${RELATED_AT}).`,
      fix: Array.isArray(inner)
        ? `Delete this one and the comma that goes with it, after adding to the ${quoteValue(field)} at ${RELATED_AT} anything this one lists that that one does not.`
        : `Delete this one and the comma that goes with it; if its value is the one meant, write it at ${RELATED_AT} in place of the one there.`,
      related: [field],
    };
  }
  const here = objectKindAt(path, raw)?.name.replace(/^an? /, 'this ') ?? 'this { }';
  return { name, fix: `Move it out of ${here} to the top level of the file, next to "id" and "title", with a comma between it and the field before or after it.` };
}

/**
 * The fix for a reply's text over its limit, by field. A reply's "feedback" was told "a reply is
 * what the volunteer says or does, in a sentence or two", the words for its "text" (found by
 * validator-54).
 */
const REPLY_TOO_LONG: Readonly<Record<string, string>> = {
  text: 'Shorten it: a reply is what the volunteer says or does, in a sentence or two.',
  feedback: 'Shorten it: feedback says in a few sentences why this reply helps or harms, naming the principle and citing the guide\'s section (it is shown after the reply in practice mode and in the debrief).',
};

/**
 * The fix for null written where a field's text belongs: the line to write, what the format says
 * goes in it, and, for a field that may be left out, that deleting it does as well.
 */
function nullTextFix(raw: unknown, path: JsonPath, key: string): string {
  const kind = objectKindAt(path.slice(0, -1), raw);
  const described = describedField(kind, key);
  // A scene without lines needs its narration: deleting it would leave the scene empty.
  const parent = valueAt(raw, path.slice(0, -1)) as { lines?: unknown } | undefined;
  const needed = key === 'narration' && kind?.shape === S.SceneNode.shape && !(Array.isArray(parent?.lines) && parent.lines.length > 0);
  const optional = !needed && kind?.shape[key]?.safeParse(undefined).success === true;
  return `Write the text in double quotes in place of null: ${quoteValue(key)}: "…".`
    + (described ? ` What to write there: ${pointerWords.description(described).replace(/\.?$/, '.')}` : '')
    + (optional ? ` If there is none, delete ${quoteValue(key)}: null and the comma that goes with it.` : '');
}

/**
 * The character ids the scenario declares, for a line whose "character" is not an id: the first
 * few, then how many more, as unknown-character names them. Only ids written as ids are offered.
 * `ask` false: the list alone, for a fix that has said already what to write.
 */
function declaredCharacters(raw: unknown, ask = true): string {
  const named = idsDeclared(raw, 'characters');
  if (named.length === 0) return ' This scenario declares no character with an id yet: give the character who says it an id in "characters", and write that id here.';
  if (named.length === 1) return ` The only character this scenario declares is ${quoteValue(named[0], 40)}.`;
  return ` The characters this scenario declares: ${firstFew(named.slice(0, MAX_NAMED).map((id) => quoteValue(id, 40)), { total: named.length })}${ask ? '; write the id of the one who says this line' : ''}.`;
}

/**
 * The variable ids the scenario declares, for a condition's or an effect's "var" that is not an
 * id (null, a number, empty): listed as declaredCharacters lists characters, so the trainer can
 * copy one (found by val-56: "var": null named none).
 */
function declaredVariables(raw: unknown, path: JsonPath, ask = true): string {
  const named = idsDeclared(raw, 'variables');
  const does = path.includes('effects') ? 'this effect changes' : 'this condition tests';
  if (named.length === 0) return ' This scenario declares no variable with an id yet: declare one in "variables", e.g. { "id": "trust", "label": "…", "min": 0, "max": 100, "start": 50 }, and write its id here.';
  if (named.length === 1) return ` The only variable this scenario declares is ${quoteValue(named[0], 40)}.`;
  return ` The variables this scenario declares: ${firstFew(named.slice(0, MAX_NAMED).map((id) => quoteValue(id, 40)), { total: named.length })}${ask ? `; write the id of the one ${does}` : ''}.`;
}

/** The ids written as ids in the scenario's "characters" or "variables", each once, in file order. */
function idsDeclared(raw: unknown, list: 'characters' | 'variables'): string[] {
  const items = valueAt(raw, [list]);
  const ids = new Set<string>();
  if (Array.isArray(items)) {
    for (let i = 0; i < items.length; i++) {
      const id = valueAt(raw, [list, i, 'id']);
      if (typeof id === 'string' && S.Id.safeParse(id).success) ids.add(id);
    }
  }
  return [...ids];
}

/**
 * A line's "character" or a condition's or effect's "var" left empty (""): it names no one. Said
 * so, with the ids to copy from (it said: use something like "my-id", an id nothing declares).
 */
function emptyName(raw: unknown, path: JsonPath, key: 'character' | 'var', value: string): UnlocatedProblem {
  const blank = value === '' ? 'is empty' : 'holds only white space';
  if (key === 'character') {
    return { severity: 'error', code: 'invalid-id', path, message: `This line's "character" ${blank}: it names no character to say the line.`,
      fix: `Write between the quotes the id of the character who says this line.${declaredCharacters(raw, false)}` };
  }
  const effect = path.includes('effects');
  return { severity: 'error', code: 'invalid-id', path, message: `This ${effect ? 'effect' : 'condition'}'s "var" ${blank}: it names no variable to ${effect ? 'change' : 'test'}.`,
    fix: `Write between the quotes the id of the variable it ${effect ? 'changes' : 'tests'}.${declaredVariables(raw, path, false)}` };
}

/** A condition on the volunteer's conduct has its own fields; any other is read as one on a variable. */
function conditionKind(value: unknown): ObjectKind {
  const conduct = typeof value === 'object' && value !== null && Object.hasOwn(value, 'conduct');
  return conduct ? KIND.conduct : KIND.condition;
}

/** The raw JSON value at a path, or undefined. Only own properties are followed. */
export function valueAt(raw: unknown, path: JsonPath): unknown {
  let cur = raw;
  for (const part of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    if (!Object.hasOwn(cur, part)) return undefined;
    cur = (cur as Record<string | number, unknown>)[part];
  }
  return cur;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return value.length > 40 ? 'text' : `the text ${quoteValue(value)}`;
  // JSON has no infinity: a number too large for one (1e309) is read as Infinity, a word no trainer wrote.
  if (typeof value === 'number') return Number.isFinite(value) ? `the number ${value}` : 'a number too large to read';
  if (typeof value === 'object') return 'an object';
  return String(value);
}

/** The longest text a fix shows whole, to be copied as it is; a longer one is shown by its start and end. */
const WHOLE_TEXT = 160;

/**
 * "narration": ["First paragraph.", "Second."]: one text is expected. The fix writes it as one,
 * with \n\n between the texts (a paragraph each, as a text from a list most likely is), or a space
 * in a text shown on one line (a title, a name, a role, a label, an unavailableReason).
 */
function listOfTexts(path: JsonPath, key: string, texts: string[]): UnlocatedProblem {
  if (texts.length === 1) {
    const [text = ''] = texts;
    return errorAt(path, 'wrong-type', `${quoteValue(key)} should be text in double quotes, but it is a list of one text.`,
      `Take away the square brackets around it, and keep the text in its double quotes: "${key}": ${text.length <= WHOLE_TEXT ? quoteValue(text, WHOLE_TEXT) : '"…"'}.`);
  }
  const oneLine = ONE_LINE_TEXTS.has(key);
  const joined = texts.join(oneLine ? ' ' : '\n\n');
  const shown = joined.length <= WHOLE_TEXT ? quoteValue(joined, WHOLE_TEXT) : `"<first text>${oneLine ? ' ' : '\\n\\n'}<second text>"`;
  return errorAt(path, 'wrong-type', `${quoteValue(key)} should be one text in double quotes, but it is a list of ${texts.length} texts.`,
    oneLine
      ? `Join them into one text, as ${quoteValue(key)} is shown on one line: take away the square brackets, and the quotes and comma between the texts, leaving a space: "${key}": ${shown}.`
      : `Join them into one text: take away the square brackets, and the quotes and comma between the texts, and write \\n\\n where a new paragraph starts (or a space, to run on): "${key}": ${shown}.`);
}

/** describe(value) where it begins a sentence: "The text "narration"", "The value null". */
function describeAtStart(value: unknown): string {
  return value === null || typeof value === 'boolean' ? `The value ${String(value)}` : capitalise(describe(value));
}

const EXPECTED: Record<string, [string, string]> = {
  string: ['text in double quotes', 'Put the text in double quotes, e.g. "…".'],
  number: ['a number', 'Write a number without quotes, e.g. 15.'],
  int: ['a whole number', 'Write a whole number without quotes, e.g. 15.'],
  boolean: ['true or false', 'Write true or false without quotes.'],
  array: ['a list', 'Use a list in square brackets: [ … ].'],
  object: ['an object', 'Use an object in braces: { … }.'],
};

/**
 * Words a trainer writes for a value by its meaning, per field with a fixed set of values, and the
 * value each means: spelling ("Did you mean") does not find "follows" from "good".
 */
/** The ending kind a word stands for ("bad" for "harmful", "good" for "strong"), or undefined: see VALUE_WORDS. */
export function endingKindOfWord(word: string): string | undefined {
  const lower = word.toLowerCase();
  if (lower === 'strong' || lower === 'mixed' || lower === 'harmful') return lower;
  return Object.hasOwn(VALUE_WORDS.ending ?? {}, lower) ? VALUE_WORDS.ending?.[lower]?.value : undefined;
}

const VALUE_WORDS: Record<string, Record<string, { value: string; why: string }>> = (() => {
  const of = (value: string, why: string, words: string[]) => Object.fromEntries(words.map((w) => [w, { value, why }]));
  return {
    verdict: {
      ...of('follows', 'the reply does what the principle asks: its weight is added', ['follow', 'followed', 'following', 'good', 'yes', 'right', 'correct', 'pass', 'passes', 'meets', 'kept', 'keeps', 'positive', 'true', '+']),
      ...of('violates', 'the reply goes against the principle: its weight is taken off', ['violate', 'violated', 'violating', 'violation', 'bad', 'no', 'wrong', 'incorrect', 'fail', 'fails', 'breaks', 'broken', 'negative', 'false', '-']),
    },
    ending: {
      ...of('strong', 'where the best replies lead', ['good', 'best', 'great', 'positive', 'success', 'successful', 'win', 'happy', 'high']),
      ...of('mixed', 'where a mix of good and poor replies leads', ['ok', 'okay', 'neutral', 'medium', 'middle', 'partial', 'average', 'moderate', 'fair']),
      ...of('harmful', 'where the worst replies, especially a critical violation, lead', ['bad', 'worst', 'poor', 'negative', 'harm', 'harmed', 'fail', 'failure', 'low']),
    },
    type: {
      ...of('flag', 'a yes/no fact, true or false', ['boolean', 'bool', 'yes/no', 'yes-no', 'yesno', 'true/false', 'switch', 'checkbox', 'binary']),
      ...of('number', 'a whole number between "min" and "max", the default', ['integer', 'int', 'num', 'numeric', 'whole number', 'meter', 'count']),
    },
    kind: {
      ...of('do', 'something the volunteer does, shown as "Do: …"', ['action', 'act', 'does', 'doing', 'done', 'deed']),
      ...of('say', 'words the volunteer says, the default; you may leave "kind" out', ['speak', 'speech', 'talk', 'says', 'said', 'saying', 'words', 'line']),
    },
  };
})();

/** Words for yes and no, written in quotes where true or false belongs. */
const BOOLEAN_WORDS: Record<string, boolean> = { yes: true, y: true, true: true, on: true, shown: true, show: true, visible: true, no: false, n: false, false: false, off: false, hidden: false, hide: false };

/** Hints for fields a trainer most often leaves out (those that point somewhere: fieldHint). */
const FIELD_HINTS: Record<string, string> = {
  feedback: 'Add "feedback": a sentence or two on why this reply helps or harms, in the guide\'s terms, naming the principle and its section.',
  assessments: 'Add "assessments": [{ "principle": "<principle id>", "verdict": "follows" or "violates", "weight": 1 }].',
  next: 'Add "next": the id of the node that follows, or a list of routes [{ "when": { "var": "trust", "gte": 60 }, "to": "<id>" }, { "to": "<id>" }].',
  replies: 'Add "replies": a list of at least two replies, each with id, text, assessments, feedback and next.',
  kind: 'Add "kind": "scene", "decision" or "ending".',
  ending: 'Add "ending": "strong", "mixed" or "harmful".',
  id: 'Add "id": a lower-case id such as "first-call".',
  start: 'Add "start": the id of the first node.',
  version: 'Add "version": 1 (raise it whenever you change the story).',
  characters: 'Add "characters": [{ "id": "maya", "name": "Maya", "role": "youth", "age": 16 }].',
  text: 'Add "text": the words (or, for "kind": "do", the action).',
  narration: 'Add "narration": what happens, told to the learner.',
};

/** The hint for a field left out: FIELD_HINTS', or one that says where to look, in the caller's pointers. */
function fieldHint(key: string): string | undefined {
  if (key === 'nodes') return pointerWords.nodes();
  if (key === 'learningGoals') return pointerWords.learningGoals();
  return Object.hasOwn(FIELD_HINTS, key) ? FIELD_HINTS[key] : undefined;
}

function fieldDescription(kind: ObjectKind | undefined, key: string): string {
  const description = describedField(kind, key);
  return description ? ` (${pointerWords.description(description).replace(/\.$/, '')})` : '';
}

/** The format's description of a field of an object of `kind` (of what it wraps, when optional). */
function describedField(kind: ObjectKind | undefined, key: string): string | undefined {
  const field = kind?.shape[key];
  return field?.description ?? (field as { unwrap?: () => z.ZodType } | undefined)?.unwrap?.().description;
}

/** The format's description of the field at `path`, as a fix may tell it (pointerWords.description). */
function describedAt(raw: unknown, path: JsonPath): string | undefined {
  const key = path[path.length - 1];
  const description = typeof key === 'string' ? describedField(objectKindAt(path.slice(0, -1), raw), key) : undefined;
  return description === undefined ? undefined : pointerWords.description(description);
}

function slugify(value: string): string {
  return suggestedId(value);
}

/** Turns zod's issues into problems a trainer can act on. */
/** An object kind's fields, a suggester among them and the fix naming them, by its shape: made once per check (see fieldsOf). */
let kindFields = new WeakMap<object, { known: string[]; suggest: (word: string) => string | undefined; fix: string }>();

/** The fields of `kind` (none when unknown), a suggester among them, and the fix that lists them. */
function fieldsOf(kind: ObjectKind | undefined): { known: string[]; suggest: (word: string) => string | undefined; fix: string } {
  const cached = kind ? kindFields.get(kind.shape) : undefined;
  if (cached) return cached;
  const known = kind ? Object.keys(kind.shape) : [];
  const made = { known, suggest: suggester(known), fix: known.length ? `Remove it, or use one of: ${known.join(', ')}.` : 'Remove it.' };
  // Made per unknown field, they were 100,000 suggesters (and lists) for 100,000 nodes with "ID".
  if (kind) kindFields.set(kind.shape, made);
  return made;
}

export function schemaProblems(raw: unknown, issues: readonly Issue[], prefix: JsonPath = []): UnlocatedProblem[] {
  kindFields = new WeakMap();
  const out: UnlocatedProblem[] = [];
  // The places said per kind (code), then per place (PathMap: a key of kind and place made per
  // problem, "ID" in each of 100,000 nodes, was the hottest line).
  const seen = new Map<string, PathMap<true>>();
  // The messages said per kind and place (missing fields, renames): the first as it is, a Set from the second.
  const said = new Map<string, PathMap<string | Set<string>>>();
  // The places of the renames made so far (a misspelt required field, "ID" for "id"): an unknown
  // field there is said by the rename (see below), so its own problem is not made at all.
  const renamedSoFar = new PathMap<true>();
  // A whole number past 2^53 breaks two bounds: the safe-integer range, and the field's own (120
  // for an age). Only the field's own is worth saying: the other's fix ("at most 9007199254740991")
  // still breaks the first.
  const ownBound = new Set(issues.filter((i) => (i.code === 'too_big' || i.code === 'too_small') && i.origin !== 'int').map((i) => `${i.code}\u0000${i.path.join('\u0000')}`));
  for (const issue of issues) {
    if ((issue.code === 'too_big' || issue.code === 'too_small') && issue.origin === 'int' && ownBound.has(`${issue.code}\u0000${issue.path.join('\u0000')}`)) continue;
    const path = prefix.length === 0 ? issue.path as JsonPath : [...prefix, ...(issue.path as JsonPath)];
    let unsaid: Issue = issue;
    if (issue.code === 'unrecognized_keys' && renamedSoFar.size > 0) {
      // Every problem an unknown field gives is an unknown-field one at the field, which the
      // filter below drops where a rename is: 100,000 nodes with "ID" made each, message and all.
      const keys = issue.keys.filter((k) => !renamedSoFar.has(path, k));
      if (keys.length === 0) continue;
      if (keys.length < issue.keys.length) unsaid = { ...issue, keys };
    }
    for (const p of issueProblems(raw, unsaid, path)) {
      // "" is both too short and blank: one problem per place and kind is enough. Missing fields
      // all point at their object, so each missing field is its own problem (told apart by their
      // messages, kept per place: a key holding the message made 100,000 long strings).
      const at = p.path;
      if (p.code === 'missing-field' || RENAMES.has(p)) {
        let places = said.get(p.code);
        if (!places) said.set(p.code, (places = new PathMap()));
        const messages = places.get(at);
        if (messages === p.message || (typeof messages === 'object' && messages.has(p.message))) continue;
        if (messages === undefined) places.set(at, p.message);
        else if (typeof messages === 'string') places.set(at, new Set([messages, p.message]));
        else messages.add(p.message);
        if (RENAMES.has(p)) renamedSoFar.set(at, true);
        out.push(p);
        continue;
      }
      let places = seen.get(p.code);
      if (!places) seen.set(p.code, (places = new PathMap()));
      if (!places.has(at)) out.push(p);
      places.set(at, true);
    }
  }
  // A misspelt required field is said once, by the problem that names the missing field too.
  // (renamedSoFar holds the place of every rename kept: one is kept whenever one is made there.)
  const renamed = renamedSoFar;
  // A text written as an empty list ("narration": []) is wrong-type (text, in double quotes); zod's
  // other branch (a list of lines) adds "has 0 items; it needs at least 1", a fix that keeps the list.
  let wrongType: Set<string> | undefined;
  for (const p of out) if (p.code === 'wrong-type') (wrongType ??= new Set()).add(p.path.join('\u0000'));
  const kept = renamed.size === 0 && wrongType === undefined ? out : out.filter((p) => (p.code !== 'unknown-field' || RENAMES.has(p) || !renamed.has(p.path))
    && (p.code !== 'too-few' || wrongType === undefined || !wrongType.has(p.path.join('\u0000'))));
  const problems = oneProblemPerGuessedEffect(oneProblemPerIdList(raw, oneProblemPerWrongKind(raw, kept)));
  RENAMES.clear();
  return problems;
}

/** The invalid-effect problems of an effect written with a guessed field ("subtract": 10; see effectFix). */
const GUESSED_EFFECT = new WeakSet<UnlocatedProblem>();

/**
 * { "var": "trust", "subtract": 10 } was two errors with one fix: "This effect has neither "add" nor
 * "set"" at the effect, and "subtract" is not a field of an effect … "add" a negative amount" at the
 * word, both "Write { "var": "trust", "add": -10 }." A trainer counts two mistakes where there is
 * one (found by author2-50). Only the second is kept: it names the word written and says what it
 * means, at the place to change.
 */
function oneProblemPerGuessedEffect(problems: UnlocatedProblem[]): UnlocatedProblem[] {
  if (!problems.some((p) => GUESSED_EFFECT.has(p))) return problems;
  const withUnknownField = new Set(problems.filter((p) => p.code === 'unknown-field').map((p) => p.path.slice(0, -1).join('\u0000')));
  return problems.filter((p) => !GUESSED_EFFECT.has(p) || !withUnknownField.has(p.path.join('\u0000')));
}

/** `p`, added to `set`. */
function marked(set: WeakSet<UnlocatedProblem>, p: UnlocatedProblem): UnlocatedProblem {
  set.add(p);
  return p;
}

/** The invalid-next problems of an item of a "next" list that is an id, not a route (see oneProblemPerIdList). */
const ID_IN_ROUTES = new WeakSet<UnlocatedProblem>();

/**
 * "next": ["d2-a", "d2-b"], a list of ids where one id is expected (two ways on, meant as a choice
 * or a branch), was one error per id, each saying to write that one without the [ ]. Now one error,
 * at the list: one node follows a reply (or a scene), and how the story branches.
 */
function oneProblemPerIdList(raw: unknown, problems: UnlocatedProblem[]): UnlocatedProblem[] {
  if (!problems.some((p) => ID_IN_ROUTES.has(p))) return problems;
  /** Each list looked at, by its path: whether it is one of ids (its problems then folded, once said). */
  const lists = new Map<string, { ids: boolean; said: boolean }>();
  return problems.flatMap((p) => {
    if (!ID_IN_ROUTES.has(p)) return [p];
    const at = p.path.slice(0, -1);
    const key = at.join('\u0000');
    const list = valueAt(raw, at);
    let seen = lists.get(key);
    if (!seen) {
      seen = { ids: Array.isArray(list) && list.length >= 2 && list.every((item) => typeof item === 'string'), said: false };
      lists.set(key, seen);
    }
    if (!seen.ids) return [p];
    if (seen.said) return [];
    seen.said = true;
    const ids = list as string[];
    const after = at[at.length - 3] === 'replies' ? 'this reply' : 'this scene';
    // Each id once (a list with an id twice named it twice, and the routes it gave could lead to
    // one node both ways).
    const distinct = [...new Set(ids)];
    const shown = distinct.slice(0, 3).map((id) => quoteValue(id, 40));
    const named = distinct.length > 3 ? `${shown.join(', ')} and ${countWords(distinct.length - 3)} more` : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
    const how = ': "next" is one node id, or a list of routes (each a { } with a "to") of which the first whose "when" holds is taken.';
    if (distinct.length === 1) {
      return [{
        severity: 'error' as const, code: 'invalid-next', path: at,
        message: `"next" lists ${quoteValue(ids[0], 40)} ${ids.length} times, but one node follows ${after}${how}`,
        fix: `Write "next": ${quoteValue(ids[0], 40)}, once and without the [ ].`,
      }];
    }
    const variable = numberVariable(raw);
    const routes = `[{ "when": { "var": ${quoteValue(variable, 40)}, "gte": 60 }, "to": ${quoteValue(distinct[0], 40)} }, { "to": ${quoteValue(distinct[1], 40)} }]`;
    return [{
      severity: 'error' as const, code: 'invalid-next', path: at,
      message: `"next" lists ${ids.length} node ids, ${distinct.length < ids.length ? `${distinct.length} different: ` : ''}${named}, but one node follows ${after}${how}`,
      fix: `To go on to one node, write "next": ${quoteValue(ids[0], 40)}. To go one way or another by what has happened so far, write routes with a "when", the last without: "next": ${routes}. To let the volunteer choose, point "next" at a decision whose replies lead to each.`,
    }];
  });
}

/** The id of the scenario's first number variable, for an example condition ("trust" when it has none). */
function numberVariable(raw: unknown): string {
  const variables = (raw as { variables?: unknown } | null)?.variables;
  const found = Array.isArray(variables) ? variables.find((v: unknown) => {
    const r = v as { id?: unknown; type?: unknown } | null;
    return typeof r?.id === 'string' && r.type !== 'flag' && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(r.id);
  }) as { id: string } | undefined : undefined;
  return found?.id ?? 'trust';
}

/** The problems of a node that are there only because its "kind" is not the one its fields show. */
const WRONG_KIND = new WeakMap<UnlocatedProblem, { nodePath: JsonPath; field: string; missing: boolean }>();

/**
 * A node whose "kind" says one thing and whose fields another ("kind": "ending" on a node with
 * "replies") was told so once for each field of the wrong kind and once for each field that kind
 * lacks: four errors for one word, among them "An ending node is missing "title"" for a scene that
 * needs none. Now one problem, at the "kind" to change, naming the kind the fields show and, for a
 * node that is meant to be of the kind written, the fields to remove and to add instead.
 */
function oneProblemPerWrongKind(raw: unknown, problems: readonly UnlocatedProblem[]): UnlocatedProblem[] {
  const nodes = new Map<string, { at: number; nodePath: JsonPath; remove: string[]; add: string[] }>();
  const out: UnlocatedProblem[] = [];
  for (const p of problems) {
    const wrong = WRONG_KIND.get(p);
    if (!wrong) {
      out.push(p);
      continue;
    }
    const key = wrong.nodePath.join('\u0000');
    const node = nodes.get(key) ?? { at: out.length, nodePath: wrong.nodePath, remove: [], add: [] };
    if (!nodes.has(key)) {
      nodes.set(key, node);
      out.push(p);
    }
    (wrong.missing ? node.add : node.remove).push(wrong.field);
  }
  for (const { at, nodePath, remove, add } of nodes.values()) {
    const mismatch = kindMismatch(raw, nodePath);
    if (!mismatch) continue;
    const a = (kind: string) => `${kind === 'ending' ? 'an' : 'a'} ${kind}`;
    const fields = (keys: readonly string[]) => quoteList(keys.map((k) => quoteValue(k)));
    const instead = [remove.length > 0 && `remove ${fields(remove)}`, add.length > 0 && `add ${fields(add)}`].filter((x): x is string => x !== false).join(' and ');
    out[at] = {
      severity: 'error', code: 'node-kind', path: [...nodePath, 'kind'],
      message: `This node's "kind" is "${mismatch.written}", but it has the fields of ${a(mismatch.kind)} (${mismatch.why}). Did you mean "${mismatch.kind}"?`,
      fix: `Change its "kind" to "${mismatch.kind}".${instead ? ` If it is meant to be ${a(mismatch.written)}, ${instead} instead.` : ''}`,
    };
  }
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * A field spelt like one its object has already ("ID" beside "id", "Text" beside "text"): "Did you
 * mean "id"? Rename it to "id"" would give the object that field twice. Said as such, pointing at
 * the one there; when that one's value is not of its form and this one's is ("id": 7 beside "ID":
 * "after-visit"), the fix is to write this value there.
 */
function writtenTwice(kind: ObjectKind | undefined, path: JsonPath, key: string, meant: string, object: Record<string, unknown>): UnlocatedProblem {
  const a = kind?.name ?? 'this object';
  const own = a.replace(/^an? /, 'this ');
  const schema = kind?.shape[meant];
  const there = object[meant];
  const here = object[key];
  const wrongThere = schema !== undefined && !schema.safeParse(there).success;
  const move = wrongThere && schema.safeParse(here).success && (typeof here === 'string' || typeof here === 'number' || typeof here === 'boolean');
  const shown = typeof here === 'string' ? quoteValue(here, 80) : String(here);
  return {
    severity: 'error', code: 'unknown-field', path: [...path, key], atKey: true, related: [...path, meant],
    message: `${quoteValue(key)} is not a field of ${a}. It is spelt like ${quoteValue(meant)}, which ${own} has already (${RELATED_AT})${wrongThere ? `, written as ${describe(there)}` : ''}: ${a} has one ${quoteValue(meant)}.`,
    fix: move
      ? `Write its value at ${quoteValue(meant)} (${RELATED_AT}), so that it reads: ${quoteValue(meant)}: ${shown}, and remove ${quoteValue(key)}.`
      : `Remove ${quoteValue(key)}; if its value is the one meant, write it at ${quoteValue(meant)} (${RELATED_AT}) in place of the one there.`,
  };
}

/** The fields of a condition, which a route holds inside its "when", not beside its "to". */
const ROUTE_CONDITION_FIELDS: ReadonlySet<string> = new Set(S.ROUTE_CONDITION_FIELDS);

/**
 * The fields of a condition written on a route or a reply, outside its "when", in the file's order:
 * on a route any of them; on a reply only with "var" or "conduct" (a reply's "principle" alone is an
 * assessment's, see scoringField), and "principle" only with "conduct".
 */
function conditionFieldsOf(kind: ObjectKind | undefined, keys: readonly string[]): string[] {
  if (kind?.name === 'a route') return keys.filter((k) => ROUTE_CONDITION_FIELDS.has(k));
  if (kind?.name !== 'a reply' || !keys.some((k) => k === 'var' || k === 'conduct')) return [];
  return keys.filter((k) => ROUTE_CONDITION_FIELDS.has(k) && (k !== 'principle' || keys.includes('conduct')));
}

/**
 * A route whose condition is written beside its "to", without "when" around it:
 * { "var": "trust", "gte": 60, "to": "end-strong" }, or a reply's among its fields. Found by
 * author-59: each field was an error of its own, "var" told to be removed and "gte" said to be
 * "spelt like "to"" and to be removed too, which lost the condition. One error, at the first of
 * them, with the route (or the reply's "when") written out.
 */
function conditionOutsideWhen(raw: unknown, path: JsonPath, fields: readonly string[], reply: boolean): UnlocatedProblem {
  const object = valueAt(raw, path);
  const own = isObject(object) ? object : {};
  const condition = Object.fromEntries(fields.map((f) => [f, own[f]]));
  const written = plainObjectWritten(condition) ?? '{ … }';
  const before = own.when === undefined ? undefined : Array.isArray(own.when) ? own.when.map(plainObjectWritten) : [plainObjectWritten(own.when)];
  const when = before === undefined ? written : `[${[...before.map((w) => w ?? '{ … }'), written].join(', ')}]`;
  const to = typeof own.to === 'string' ? quoteValue(own.to) : '"<id>"';
  const named = quoteList(fields.map((f) => quoteValue(f)));
  const list = before === undefined ? '' : ' (a "when" of two conditions or more is a list, and all of them must hold)';
  const already = before === undefined ? '' : `, which this ${reply ? 'reply' : 'route'} has already`;
  return errorAt([...path, fields[0] as string], 'unknown-field',
    reply
      ? `${named} ${fields.length === 1 ? 'is a field' : 'are fields'} of a condition, not of a reply: the condition under which a reply is offered goes inside its "when"${already}.`
      : `${named} ${fields.length === 1 ? 'is a field' : 'are fields'} of a condition, not of a route: a route's condition goes inside its "when"${already}.`,
    reply
      ? `Write ${before === undefined ? '' : 'the reply\'s '}"when": ${when} in their place${list}.`
      : `Write the route as { "when": ${when}, "to": ${to} }${list}.`,
    { atKey: true });
}

/** "a", "a and b", "a, b and c". */
function quoteList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** An error at `path` (a module function: a closure made per issue was 100,000 of them, each named). */
function errorAt(path: JsonPath, code: string, message: string, fix: string, extra: Partial<UnlocatedProblem> = {}): UnlocatedProblem {
  return { severity: 'error', code, path, message, fix, ...extra };
}

function issueProblems(raw: unknown, issue: Issue, path: JsonPath): UnlocatedProblem[] {
  const key = path[path.length - 1];
  // Items are counted from 1 in words ("item 1 of "characters""), as routes and conditions are;
  // the path printed before the message counts from 0.
  const parentKey = path[path.length - 2];
  // Written when a message needs it (keyNameOf): the missing field of 100,000 nodes ("ID" for "id")
  // needs none. (A function of its own, not a closure made per issue.)
  const value = valueAt(raw, path);

  switch (issue.code) {
    case 'unrecognized_keys': {
      const kind = objectKindAt(path, raw);
      const { known, suggest, fix } = fieldsOf(kind);
      const mismatch = kindMismatch(raw, path);
      const conditionFields = conditionFieldsOf(kind, issue.keys);
      return issue.keys.flatMap((k): UnlocatedProblem | UnlocatedProblem[] => {
        // "is" on a conduct condition with no "var": said by its invalid-condition error (conductIs).
        if (kind?.name === 'a conduct condition' && k === 'is' && conductIs(value) !== undefined) return [];
        if (conditionFields.includes(k)) {
          // Said once, at the first of them, for all the condition's fields written outside its "when".
          return k === conditionFields[0] ? [conditionOutsideWhen(raw, path, conditionFields, kind?.name === 'a reply')] : [];
        }
        if (mismatch && Object.hasOwn(NODE_SHAPES[mismatch.kind], k)) {
          // Said once for the node, with its other fields of the wrong kind: see oneProblemPerWrongKind.
          const p: UnlocatedProblem = { severity: 'error', code: 'unknown-field', path: [...path, k], atKey: true, message: `${quoteValue(k)} is not a field of ${kind?.name ?? 'this node'}.`, fix: `Remove ${quoteValue(k)}.` };
          WRONG_KIND.set(p, { nodePath: path, field: k, missing: false });
          return p;
        }
        if (kind?.name === 'an ending node' && (k === 'replies' || k === 'next')) {
          // An ending given replies, or a way on (found by validator-52: told only to remove it,
          // with the list of an ending's fields, not why an ending has none).
          return { severity: 'error' as const, code: 'unknown-field', path: [...path, k], atKey: true,
            message: `${quoteValue(k)} is not a field of an ending node: an ending closes the story, so nothing follows it${k === 'replies' ? ' and no one replies there' : ''}.`,
            fix: `Remove ${quoteValue(k)}. If the story should go on here, make this node a decision ("kind": "decision", with a "prompt" and its "replies") or a scene ("kind": "scene", with a "next"), and lead it on to an ending.` };
        }
        if (kind?.name === 'an ending node' && k === 'effects') {
          // An ending's own change to trust (found by author-61: "Remove it, or use one of: id, kind, …"
          // said nothing of why, nor where a change made on the way there goes).
          return { severity: 'error' as const, code: 'unknown-field', path: [...path, k], atKey: true,
            message: '"effects" is not a field of an ending node: an ending closes the story, so nothing comes after it for an effect to change.',
            fix: 'Move the effects into the reply (or the scene) that leads to this ending, beside its "next", so that the change is made on the way here; or remove them.' };
        }
        const scoring = scoringField(kind, k, raw, path);
        if (scoring) return scoring;
        const guessed = guessedField(kind, k, raw, path);
        const meant = guessed ? guessed.meant : suggest(k);
        // A field of the object around this one, or of the replies inside it, typed in the wrong
        // { }: the fix is to move it ("Remove it" deleted the trainer's feedback). So it is when its
        // spelling is near one of this object's own, unless its meaning is (found by validator-54:
        // a scenario's "shuffleReplies": false inside a decision was told to be written at the
        // decision's "replies", in place of the replies).
        const home = meant === undefined || !known.includes(meant) || !guessed ? fieldHome(path, raw, k) : undefined;
        if (home) {
          return { severity: 'error' as const, code: 'unknown-field', path: [...path, k], atKey: true,
            message: home.message ?? `${quoteValue(k)} is not a field of ${kind?.name ?? 'this object'}; it is a field of ${home.name}.`, fix: home.fix,
            ...(home.related ? { related: home.related, relatedAtKey: true } : {}) };
        }
        if (meant !== undefined && known.includes(meant) && isObject(value) && Object.hasOwn(value, meant)) return writtenTwice(kind, path, k, meant, value);
        const hint = guessed ? guessed.hint : didYouMeanOf(meant);
        // A field that is nearly one of the object's own: the fix is to rename it, as the message
        // asks (removing ">=" would leave a condition with no comparison).
        return {
          severity: 'error' as const,
          code: 'unknown-field',
          path: [...path, k],
          atKey: true,
          message: `${quoteValue(k)} is not a field of ${kind?.name ?? 'this object'}.${hint}`,
          fix: meant !== undefined && known.includes(meant) ? `Rename it to "${meant}" (the fields of ${kind?.name ?? 'this object'}: ${known.join(', ')}).` : guessed?.fix ?? fix,
        };
      });
    }
    case 'invalid_type': {
      const parentPath = path.slice(0, -1);
      if (value === undefined && typeof key === 'string') {
        const kind = objectKindAt(parentPath, raw);
        return joinedInstead(raw, parentPath, kind, key) ? [] : [missingField(raw, parentPath, kind, key, path)];
      }
      if (typeof key === 'number' && path[path.length - 2] === 'next' && typeof value === 'string') {
        return [marked(ID_IN_ROUTES, errorAt(path, 'invalid-next', `Route ${key + 1} of "next" should be a route in braces, but it is ${describe(value)}.`,
          `To go on to one node, write "next": ${quoteValue(value)} without the [ ]; a list of "next" holds routes: [{ "when": { "var": "trust", "gte": 60 }, "to": ${quoteValue(value)} }, { "to": "<id>" }].`))];
      }
      if (typeof key === 'number' && path[path.length - 2] === 'assessments' && typeof value === 'string' && issue.expected === 'object') {
        const principle = principleIds.includes(value) ? value : '<principle id>';
        return [errorAt(path, 'wrong-type', `${capitalise(keyNameOf(key, parentKey))} should be an assessment in braces, but it is ${describe(value)}.`,
          `Write each assessment as an object: { "principle": ${quoteValue(principle)}, "verdict": "follows" } (or "violates"; add "weight": 2 or 3 if it counts more).`)];
      }
      if (typeof value === 'boolean' && typeof key === 'string' && ['gte', 'gt', 'lte', 'lt', 'eq', 'ne'].includes(key)) {
        const tested = (valueAt(raw, path.slice(0, -1)) as { var?: unknown } | undefined)?.var;
        // "ne": false holds when the flag is true: the "is" that means the same is the other value.
        const is = key === 'ne' ? !value : value;
        return [errorAt(path, 'wrong-type', `${capitalise(keyNameOf(key, parentKey))} compares numbers, but it is ${describe(value)}.`,
          `A yes/no flag is tested with "is": write { "var": ${typeof tested === 'string' ? quoteValue(tested) : '"<flag id>"'}, "is": ${String(is)} }${key === 'ne' ? ` (not ${String(value)})` : ''}.`)];
      }
      const [plainWords, fallbackFix] = EXPECTED[issue.expected] ?? [issue.expected, `Use ${issue.expected} here.`];
      // "yes", "no", "true": the word a trainer means, written as JSON's true or false.
      const yesNo = issue.expected === 'boolean' && typeof value === 'string' ? BOOLEAN_WORDS[value.trim().toLowerCase()] : undefined;
      if (yesNo !== undefined) {
        return [errorAt(path, 'wrong-type', `${capitalise(keyNameOf(key, parentKey))} should be true or false, but it is ${describe(value)}.`,
          `Write ${typeof key === 'string' ? `"${key}": ` : ''}${String(yesNo)}, without quotes: JSON's yes and no are true and false.`)];
      }
      const isNumber = issue.expected === 'number' || issue.expected === 'int';
      // A field with a fixed range says it, so that a word ("high") is told which numbers it may be.
      const range = isNumber ? rangeOf(path) : undefined;
      const words = range ? `${range.whole ? 'a whole number' : 'a number'} ${range.words}` : plainWords;
      const fix = isNumber ? numberFix(key, value, issue.expected === 'int' || range?.whole === true, range) : fallbackFix;
      // A line of dialogue written as the text alone: a list of lines, each naming who says it.
      if (issue.expected === 'array' && key === 'lines' && typeof value === 'string') {
        const first = (valueAt(raw, ['characters', 0]) as { id?: unknown } | undefined)?.id;
        const who = typeof first === 'string' && first !== '' ? quoteValue(first) : '"<character id>"';
        return [errorAt(path, 'wrong-type', `${capitalise(keyNameOf(key, parentKey))} should be a list of lines, each with the character who says it, but it is ${describe(value)}.`,
          // The text itself when short enough to read in the fix; else a place for it (a cut text copied would lose its end).
          `Write "lines": [{ "character": ${who}, "text": ${value.length <= 60 ? quoteValue(value, 60) : '"…"'} }]${value.length <= 60 ? '' : ', with your text in "text"'}: "character" is the id of the character who says it, and more lines go inside the [ ], separated by commas. (Words no one says belong in "narration".)`)];
      }
      // null where a text belongs ("feedback": null): "Put the text in double quotes" named neither
      // the field nor what to write in it (found by validator-54).
      // A line's "character" names one of the scenario's characters: they are listed to copy from
      // (it named none, found by val-55).
      // So is a condition's or an effect's "var", with the variables (found by val-56).
      const choices = key === 'character' ? declaredCharacters(raw) : key === 'var' ? declaredVariables(raw, path) : '';
      if (value === null && issue.expected === 'string' && typeof key === 'string') return [errorAt(path, 'wrong-type', `${capitalise(keyNameOf(key, parentKey))} should be ${words}, but it is ${describe(value)}.`, `${nullTextFix(raw, path, key)}${choices}`)];
      // A text written as a list of texts ("narration": ["First paragraph.", "Second."], "title":
      // ["The messages"]): told 'Put the text in double quotes, e.g. "…".', which it was already
      // (found by author-57). The one text to write, joined where there are several.
      if (issue.expected === 'string' && typeof key === 'string' && TEXT_KEYS.has(key) && Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string')) {
        return [listOfTexts(path, key, value as string[])];
      }
      // Text where a list of ids is expected ("allowLanguage": "awol", "learningGoals":
      // "safety-planning, csw-partnership"): 'Use a list in square brackets: [ … ].' showed no item.
      if (issue.expected === 'array' && (key === 'allowLanguage' || key === 'learningGoals') && typeof value === 'string' && !isBlank(value)) {
        const items = value.split(/\s*(?:[,;]|\band\b)\s*/).filter((v) => v !== '');
        return [errorAt(path, 'wrong-type', `${capitalise(keyNameOf(key, parentKey))} should be a list, even of one, but it is ${describe(value)}.`,
          `Put square brackets around ${items.length > 1 ? `the ${items.length} ids, each in its own double quotes` : 'it'}: "${key}": [${firstFew(items.map((v) => quoteValue(v)), { last: ', ' })}].`)];
      }
      // Effects written as text ("trust +15"), the list or an item of it: the effects written out.
      const effectsText = typeof value === 'string' && (key === 'effects' || (typeof key === 'number' && parentKey === 'effects'))
        ? joinedParts(value).map((p) => effectFromText(p, raw)) : [];
      if (effectsText.length > 0 && effectsText.every((e) => e !== undefined)) {
        return [errorAt(path, 'wrong-type', `${capitalise(keyNameOf(key, parentKey))} should be ${key === 'effects' ? 'a list of effects' : 'an effect in braces'}, but it is ${describe(value)}.`,
          `Write ${key === 'effects' ? `"effects": ${writtenList(effectsText as string[])}` : (effectsText as string[]).join(', ')}: each change is an object, "add" for an amount to add (negative to take away), "set" for a value to set.`)];
      }
      // One item where a list is expected: the list of one is the object in square brackets.
      const listOfOne = issue.expected === 'array' && typeof key === 'string' && typeof value === 'object' && value !== null && !Array.isArray(value);
      return [errorAt(path, 'wrong-type', `${capitalise(keyNameOf(key, parentKey))} should be ${words}, but it is ${describe(value)}.`,
        listOfOne ? `Put square brackets around the object: ${keyNameOf(key, parentKey)}: [ { … } ] is a list of one, and more items go inside the brackets, separated by commas.` : `${fix}${choices}`)];
    }
    case 'invalid_value': {
      // A required field with a fixed set of values ("ending", "verdict") that is not there at all.
      if (value === undefined && typeof key === 'string' && !Object.hasOwn(valueAt(raw, path.slice(0, -1)) ?? {}, key)) {
        const kind = objectKindAt(path.slice(0, -1), raw);
        return joinedInstead(raw, path.slice(0, -1), kind, key) ? [] : [missingField(raw, path.slice(0, -1), kind, key, path)];
      }
      const isPrinciple = path.includes('learningGoals') || key === 'principle';
      // Two principles in one ("safety-planning, csw-partnership"): one each, as it is scored.
      const several = isPrinciple && typeof value === 'string' ? value.split(/\s*(?:[,;/&+]|\band\b)\s*/).filter((v) => v !== '') : [];
      if (several.length > 1 && several.every((v) => principleIds.includes(v))) {
        const named = firstFew(several.map((v) => quoteValue(v)), { last: ', ' });
        if (key === 'principle') {
          const assessment = valueAt(raw, path.slice(0, -1)) as { verdict?: unknown } | undefined;
          const verdict = assessment?.verdict === 'violates' ? 'violates' : 'follows';
          // No weight copied to each: the reply's points add the assessments' weights up.
          return [errorAt(path, 'unknown-principle', `${quoteValue(value)} names ${several.length} principles, but an assessment is of one principle.`,
            `Write one assessment for each, in the list: ${firstFew(several.map((v) => `{ "principle": ${quoteValue(v)}, "verdict": "${verdict}" }`), { last: ', ' })}. Each counts 1 unless given a "weight" (1 to 3), and the reply's points add them up.`)];
        }
        return [errorAt(path, 'unknown-principle', `${quoteValue(value)} names ${several.length} principles in one item.`, `Write each as an item of its own: ${named}.`)];
      }
      if (isPrinciple) {
        // A likely misspelling: the fix says what to write, as the message's "Did you mean" suggests.
        // A principle's title written for its id ("Looking after yourself"): the id, as the message says.
        const titled = principleByTitle(String(value));
        const byWords = principlesByWords(String(value));
        const meant = titled?.id ?? closest(String(value), principleIds) ?? (byWords.length === 1 ? byWords[0] : undefined);
        const hint = principleHint(value);
        return [errorAt(path, 'unknown-principle', `${quoteValue(value)} is not a principle of the guide.${hint}`,
          meant !== undefined && (titled !== undefined || hint === didYouMeanOf(meant))
            ? `Change it to ${quoteValue(meant)}. (${pointerWords.principleMeant()})`
            : byWords.length > 1 && hint === didYouMeanAmong(byWords)
              ? `Change it to the one meant, ${orList(byWords)}. (${pointerWords.principleMeant()})`
              : `Use ${sharingWords(String(value)) ? 'one of those if it is the principle meant, or ' : ''}${pointerWords.principleIds()}.`)];
      }
      if (path.includes('allowLanguage')) {
        // "AWOL", "a CSEC": the word the language warning named, for the rule's id it gave (found by author-61).
        const meant = languageRuleMeant(value);
        if (meant !== undefined) {
          return [errorAt(path, 'unknown-language-rule', `${quoteValue(value)} is not a language rule.${meant.term ? ` It is a word of the rule ${quoteValue(meant.id)}: "allowLanguage" names a rule by its id.` : ` Did you mean ${quoteValue(meant.id)}?`}`,
            `Change it to ${quoteValue(meant.id)}.`)];
        }
        return [errorAt(path, 'unknown-language-rule', `${quoteValue(value)} is not a language rule.`,
          `Use one of: ${pointerWords.languageRules(issue.values)}.`)];
      }
      const options = issue.values.map((v) => JSON.stringify(v)).join(', ');
      // { "conduct": "trust", … }: a declared variable written with "conduct" (found by author-50:
      // told to use "critical", "score"…, none of which was meant). The condition with "var" instead.
      if (key === 'conduct' && typeof value === 'string' && declaredVariable(raw, value)) {
        const condition = valueAt(raw, path.slice(0, -1));
        const rest = typeof condition === 'object' && condition !== null && !Array.isArray(condition)
          ? Object.entries(condition).filter(([k, v]) => k !== 'conduct' && k !== 'principle' && typeof v !== 'object').slice(0, 6).map(([k, v]) => `${quoteValue(k, 40)}: ${quoteValue(v, 40)}`)
          : [];
        return [errorAt(path, 'invalid-value', `${capitalise(keyNameOf(key, parentKey))} is ${describe(value)}, which is not allowed here: ${quoteValue(value)} is a variable of this scenario, and a variable is tested with "var".`,
          `Write { "var": ${quoteValue(value)}${rest.map((r) => `, ${r}`).join('')} }. ("conduct" tests the volunteer's replies so far: ${options}.)`)];
      }
      // { "conduct": "score at least 80" }: the whole condition written as the measure's words (found
      // by author-61: told 'Did you mean "score"?' and "Use one of: …", the 80 lost). The condition they say.
      if (key === 'conduct' && typeof value === 'string' && /[0-9]/.test(value)) {
        const condition = valueAt(raw, path.slice(0, -1));
        const said = isObject(condition) && Object.keys(condition).every((k) => k === 'conduct') ? oneConditionFromText(value, raw) : undefined;
        if (said !== undefined && said.startsWith('{ "conduct": ')) {
          return [errorAt(path, 'invalid-value', `${capitalise(keyNameOf(key, parentKey))} is ${describe(value)}, which is not allowed here: "conduct" names only what is measured, and a comparison such as "gte" (at least) holds the number.`,
            `Write the condition as ${said}.`)];
        }
      }
      // A word for what it means ("good" for a verdict, "action" for a reply's kind): the value meant, by its meaning.
      const meaning = typeof key === 'string' && typeof value === 'string' ? VALUE_WORDS[key]?.[value.trim().toLowerCase()] : undefined;
      if (meaning !== undefined && issue.values.map(String).includes(meaning.value)) {
        return [errorAt(path, 'invalid-value', `${capitalise(keyNameOf(key, parentKey))} is ${describe(value)}, which is not allowed here. Did you mean "${meaning.value}"?`,
          `Write "${String(key)}": "${meaning.value}" (${meaning.why}). The values are ${options}.`)];
      }
      // "Strong", "Follows": the value with a capital, which is to be written in lower case.
      const lower = typeof key === 'string' && typeof value === 'string' ? value.trim().toLowerCase() : undefined;
      if (lower !== undefined && lower !== value && issue.values.map(String).includes(lower)) {
        return [errorAt(path, 'invalid-value', `${capitalise(keyNameOf(key, parentKey))} is ${describe(value)}, which is not allowed here. Did you mean "${lower}"?`,
          `Write "${String(key)}": "${lower}", ${lowerCaseWords(value as string)}. The values are ${options}.`)];
      }
      return [errorAt(path, 'invalid-value', `${capitalise(keyNameOf(key, parentKey))} is ${describe(value)}, which is not allowed here.${didYouMean(String(value), issue.values.map(String))}`, `Use one of: ${options}.`)];
    }
    case 'invalid_union': {
      if ('discriminator' in issue && issue.discriminator === 'kind') {
        const kindValue = valueAt(raw, path);
        const nodePath = path.slice(0, -1);
        const options = 'Set "kind" to "scene" (narration, then the story moves on), "decision" (the volunteer chooses a reply) or "ending".';
        const guess = closest(String(kindValue), ['scene', 'decision', 'ending']);
        const fields = fieldsKind(valueAt(raw, nodePath));
        // A word of the trainer's own ("choice", "question"): the kind the node's fields show.
        const shown = kindValue !== undefined && guess === undefined ? fields : undefined;
        return [errorAt(path, 'node-kind', kindValue === undefined ? 'This node has no "kind".' : `${describeAtStart(kindValue)} is not a node kind.${didYouMeanOf(guess)}`,
          kindValue === undefined ? kindFromFields(valueAt(raw, nodePath)) ?? options
            : guess !== undefined ? guessedKindFix(kindValue, guess as NodeKindName, fields)
            : shown ? `Write "kind": "${shown.kind}" (${shown.why}).` : options, { path: kindValue === undefined ? nodePath : path })];
      }
      if (typeof value === 'object' && value !== null && !Array.isArray(value) && (Object.hasOwn(value, 'conduct') || Object.hasOwn(value, 'var'))) {
        // A condition: the "when" union (one condition or a list) and then the condition union
        // (on a variable or on conduct). Follow the branch the author wrote: "conduct" or "var".
        const notList = issue.errors.filter((b) => !(b.length === 1 && b[0]?.code === 'invalid_type' && b[0].expected === 'array' && b[0].path.length === 0));
        const branch = notList.length === 1 ? notList[0] : notList.length === 2 ? notList[Object.hasOwn(value, 'conduct') ? 1 : 0] : undefined;
        if (branch) return branch.flatMap((i) => issueProblems(raw, i, [...path, ...(i.path as JsonPath)]));
      }
      if (value === undefined && typeof key === 'string') {
        const parentPath = path.slice(0, -1);
        const kind = objectKindAt(parentPath, raw);
        return joinedInstead(raw, parentPath, kind, key) ? [] : [missingField(raw, parentPath, kind, key, path)];
      }
      // Report the branch that got furthest: its issues are the ones the author meant to write. A
      // branch refused for its type has its other checks on the value dropped: zod runs them all the
      // same (an id's 80-character limit on a list of 81 ids, "too many items (at most 80)"), and
      // they made that branch look further gone than the one the author wrote.
      const branches = issue.errors.map(wrongTypeOnly).filter((b) => b.length > 0);
      const deeper = branches.find((b) => b.some(wentDeeper));
      if (deeper) return deeper.flatMap((i) => issueProblems(raw, i, [...path, ...(i.path as JsonPath)]));
      if (key === 'next' || (typeof key === 'number' && path[path.length - 2] === 'next')) {
        return [errorAt(path, 'invalid-next', `"next" should be a node id or a list of routes, but it is ${describe(value)}.`,
          (key === 'next' ? oneRouteFix(value) : undefined) ?? 'Write "next": "<node id>", or "next": [{ "when": { "var": "trust", "gte": 60 }, "to": "<id>" }, { "to": "<id>" }].')];
      }
      if (key === 'when') {
        const written = typeof value === 'string' ? conditionFromText(value, raw) : undefined;
        // Text joining conditions with "and": how to write them, as the editor says it (TEXT_AND_WORDS).
        const joins = typeof value === 'string' && TEXT_AND.test(value);
        // A text is quoted (its start, when long), not named "text": "it is text, which joins
        // conditions with "and"" did not say which (found by author-60).
        const message = `"when" should be a condition or a list of conditions, but it is ${typeof value === 'string' ? `the text ${quoteValue(value)}` : describe(value)}${joins ? `, which joins conditions with "and": ${S.JOIN_AS_LIST}` : '.'}`;
        // "otherwise": what a route without "when", or an ending's own narration, is for.
        if (typeof value === 'string' && OTHERWISE_WORDS.has(value.trim().toLowerCase())) {
          return [errorAt(path, 'invalid-condition', message, path.includes('variants')
            ? 'A variant is told only when its "when" holds; what is told otherwise is the ending\'s own "narration": put this text there, and remove the variant.'
            : 'Leave "when" out of this route: a route with no "when" is the one taken otherwise, and it comes last.')];
        }
        // (Not for a text with a sign or a number in it: a comparison, written another way.)
        if (typeof value === 'string' && !joins && !written && !isBlank(value) && !/[<>=≤≥≠!\d]/.test(value)) {
          // Words for a fact of the story ("if he was pushed"): told to write { "var": "trust",
          // "gte": 60 }, a trainer had no way from the words to a condition (found by author-59).
          return [errorAt(path, 'invalid-condition', message,
            `A "when" tests a variable or the volunteer's conduct, written as an object, e.g. { "var": "trust", "gte": 60 } or { "conduct": "critical", "gte": 1 }. For a fact of the story, such as ${quoteValue(value, 60)}, ${flagSteps('<flag id>')}, and test it here: "when": { "var": "<flag id>", "is": true }.`)];
        }
        // Comparisons and facts of the story joined with "and" ("trust over 60 and he told his CSW"):
        // the list, a flag's test in the place of each fact, and how to make the flag (found by
        // author-60: told only 'Write "when": { "var": "trust", "gte": 60 }').
        const withFacts = typeof value === 'string' && joins && !written ? joinedWithFacts(value, raw) : undefined;
        if (withFacts) return [errorAt(path, 'invalid-condition', message, withFacts)];
        return [errorAt(path, 'invalid-condition', message,
          written ? `Write "when": ${written}.${written.startsWith('[') ? ' A list of conditions must all hold.' : ''} Conditions are objects: gte (≥), gt (>), lte (≤), lt (<), eq (=), ne (≠)${written.includes('"is"') ? '; "is" tests a yes/no flag' : ''}.` : 'Write "when": { "var": "trust", "gte": 60 } or a list of such objects that must all hold.')];
      }
      if (typeof key === 'number' && path[path.length - 2] === 'when') {
        if (typeof value === 'string' && AND_ITEM.test(value)) {
          // [{ … }, "and", { … }]: a list's conditions all hold already (the editor says so too).
          return [errorAt(path, 'invalid-condition', `Condition ${key + 1} of the "when" list should be a condition in braces, but it is the text "and": ${S.LIST_AND_WORDS}`, 'Take out "and" and the comma after it; the conditions on either side stay in the list.')];
        }
        const written = typeof value === 'string' ? conditionFromText(value, raw) : undefined;
        return [errorAt(path, 'invalid-condition', `Condition ${key + 1} of the "when" list should be a condition in braces, but it is ${describe(value)}.`,
          written ? `Write it as ${written.startsWith('[') ? written.slice(1, -1) : written}: each condition is an object (gte ≥, gt >, lte ≤, lt <, eq =, ne ≠).` : 'Write each condition as an object, e.g. [{ "var": "trust", "gte": 60 }, { "conduct": "score", "gte": 50 }].')];
      }
      const changed = key === 'set' ? (valueAt(raw, path.slice(0, -1)) as { var?: unknown } | undefined)?.var : undefined;
      if (typeof changed === 'string' && declaredFlag(raw, changed)) {
        return [errorAt(path, 'wrong-type', `${capitalise(keyNameOf(key, parentKey))} should be true or false for the yes/no flag ${quoteValue(changed)}, but it is ${describe(value)}.`,
          `${quoteValue(changed)} is a yes/no flag: write "set": true (yes) or "set": false (no), without quotes.`)];
      }
      const variable = key === 'start' && path.length === 3 && path[0] === 'variables' ? valueAt(raw, path.slice(0, -1)) as { id?: unknown; type?: unknown } | undefined : undefined;
      if (variable?.type === 'flag') {
        // "start": "no" on a variable declared "type": "flag": the value meant, written as JSON's.
        const said = typeof value === 'string' ? value.trim().toLowerCase() : undefined;
        const meant = said === 'yes' || said === 'true' ? 'true' : said === 'no' || said === 'false' ? 'false' : undefined;
        const name = typeof variable.id === 'string' ? ` ${quoteValue(variable.id)}` : '';
        return [errorAt(path, 'wrong-type', `"start" should be true or false for the yes/no flag${name}, but it is ${describe(value)}.`,
          meant ? `Write "start": ${meant}, without quotes.` : 'Write "start": true (yes) or "start": false (no), without quotes.')];
      }
      if (key === 'start' || key === 'set') {
        // "start": "50": the number meant, without its quotes, as "weight": "2" is told.
        const number = typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value.trim()) : undefined;
        return [errorAt(path, 'wrong-type', `${capitalise(keyNameOf(key, parentKey))} should be a whole number, or true or false for a yes/no flag, but it is ${describe(value)}.`,
          number !== undefined ? `Write "${key}": ${number}, without quotes.` : 'Write a whole number such as 50, or true or false without quotes for a variable with "type": "flag".')];
      }
      return [errorAt(path, 'wrong-type', `${capitalise(keyNameOf(key, parentKey))} does not have an allowed form (it is ${describe(value)}).`, pointerWords.checkField(describedAt(raw, path)))];
    }
    case 'invalid_format': {
      const looksLikeId = issue.message.includes('lower-case');
      if (looksLikeId && (value === 'constructor' || value === 'prototype')) {
        return [errorAt(path, 'invalid-id', `${quoteValue(value)} is a reserved word and cannot be used as an id.`, `Use something like "${slugify(value)}".`)];
      }
      if (looksLikeId && typeof value === 'string' && value.trim() === '' && (key === 'next' || key === 'to' || key === 'start')) return [emptyReference(raw, path, key)];
      if (looksLikeId && typeof value === 'string' && value.trim() === '' && (key === 'character' || key === 'var')) return [emptyName(raw, path, key, value)];
      if (looksLikeId) {
        const meant = typeof value === 'string' ? declaredIdMeant(raw, key, value) : undefined;
        // { "var": "Score", "gte": 80 }: the volunteer's conduct, in capitals. Said with what the
        // lower-case "score" is told (conductInsteadOfVar), not "use score" and then, once that
        // is done, "write conduct" (found by author2-50).
        const parent = key === 'var' && !meant && typeof value === 'string' ? valueAt(raw, path.slice(0, -1)) : undefined;
        const conduct = typeof parent === 'object' && parent !== null && !Array.isArray(parent)
          ? conductInsteadOfVar(value as string, path.includes('effects') ? undefined : parent as Readonly<Record<string, unknown>>) : undefined;
        if (conduct !== undefined) {
          return [errorAt(path, 'unknown-variable', `The variable ${quoteValue(value)} is not declared (and an id is written in lower case): ${conduct.why}`, conduct.fix)];
        }
        // "Narrator" (or "You"): said as "narrator" is, not first "write it narrator" and then, once
        // it is, that the narrator is no character.
        const line = key === 'character' && !meant && typeof value === 'string' ? valueAt(raw, path.slice(0, -1)) as { text?: unknown } | undefined : undefined;
        const notOne = line !== undefined ? notACharacter(value as string, line.text, idsDeclared(raw, 'characters')) : undefined;
        if (notOne !== undefined) return [errorAt(path, 'unknown-character', `There is no character with the id ${quoteValue(value)}: ${notOne.why}`, notOne.fix)];
        // A node named in words ("the mixed ending"): the node it most likely means, not an id made
        // of its words that no node has (found by author-60: told 'Use something like
        // "the-mixed-ending"', which then led nowhere).
        const node = !meant && typeof value === 'string' && (key === 'next' || key === 'to' || key === 'start') ? nodeNamedInWords(raw, value) : undefined;
        return [errorAt(path, 'invalid-id', `${describeAtStart(value)} is not a valid id: ids ${issue.message}.`,
          meant ? `Change it to ${quoteValue(meant.id)}, the id of ${meant.what}.`
            : node ? `Change it to ${quoteValue(node.id)}, the id of ${node.what}, if that is the node meant: ${quoteValue(key)} names a node by its id.`
            : typeof value === 'string' ? `Use something like "${slugify(value)}".` : 'Use an id like "first-call".')];
      }
      return [errorAt(path, 'blank-text', `${capitalise(keyNameOf(key, parentKey))} is blank.`, blankTextFix(raw, path))];
    }
    case 'too_small': {
      if (issue.origin === 'string') return [errorAt(path, 'blank-text', `${capitalise(keyNameOf(key, parentKey))} is empty.`, blankTextFix(raw, path))];
      if (issue.origin === 'array') {
        const count = Array.isArray(value) ? value.length : 0;
        if (key === 'learningGoals' && path.length === 1) return [errorAt(path, 'too-few', '"learningGoals" is empty: it needs at least one learning goal.', learningGoalsFix(raw))];
        const fix = key === 'replies' ? 'Give the decision at least two replies, or make it a scene with "next".' : `Add at least ${Number(issue.minimum)} ${Number(issue.minimum) === 1 ? 'item' : 'items'}.`;
        return [errorAt(path, 'too-few', `${capitalise(keyNameOf(key, parentKey))} has ${count} ${count === 1 ? 'item' : 'items'}; it needs at least ${Number(issue.minimum)}.`, fix)];
      }
      if (isWeight(path)) {
        // A negative weight means "against": that is the verdict's to say (found by author-50: told
        // to remove the assessment, the point the trainer meant to score).
        if (typeof value === 'number' && value < 0 && value >= -3 && Number.isInteger(value)) {
          const assessment = valueAt(raw, path.slice(0, -1)) as { verdict?: unknown } | undefined;
          return [errorAt(path, 'out-of-range', `${capitalise(keyNameOf(key, parentKey))} is ${describe(value)}; a weight is ${WEIGHT_RANGE.words}.`,
            assessment?.verdict === 'violates'
              ? `A weight says how much, never which way: "verdict": "violates" already counts it against the reply. Write "weight": ${-value}.`
              : `A weight says how much, never which way: "verdict" says that. To count this principle against the reply, write "verdict": "violates", "weight": ${-value}.`)];
        }
        return [errorAt(path, 'out-of-range', `${capitalise(keyNameOf(key, parentKey))} is ${describe(value)}; a weight is ${WEIGHT_RANGE.words}.`,
          `Use 1, 2 or 3 (${WEIGHT_RANGE.meaning}). A reply that does not touch this principle needs no assessment of it: remove the assessment instead.`)];
      }
      return [errorAt(path, 'out-of-range', `${capitalise(keyNameOf(key, parentKey))} is ${describe(value)}; it must be at least ${Number(issue.minimum)}.`, `Use a value of ${Number(issue.minimum)} or more.`)];
    }
    case 'too_big': {
      if (issue.origin === 'string') {
        const length = typeof value === 'string' ? value.length : 0;
        const splittable = ['narration', 'text', 'feedback', 'facilitatorNote', 'discussionPrompt'].includes(String(key));
        return [errorAt(path, 'too-long', `${capitalise(keyNameOf(key, parentKey))} is ${length} characters long; the limit is ${Number(issue.maximum)}.`, splittable ? (path.includes('replies') ? REPLY_TOO_LONG[String(key)] ?? 'Shorten it.' : 'Shorten it, or split the text across two nodes.') : 'Shorten it.')];
      }
      if (issue.origin === 'array' && key === 'replies') {
        // A live room numbers a decision's replies on the phones, and takes numbers up to MAX_REPLIES.
        const count = Array.isArray(value) ? value.length : 0;
        return [errorAt(path, 'too-many', `This decision has ${count} replies; a decision can have at most ${Number(issue.maximum)}, the most a live room can number on the phones.`,
          'Remove replies until there are no more than that (three or four are best), or split the choice across two decisions.')];
      }
      if (issue.origin === 'array') return [errorAt(path, 'too-many', `${capitalise(keyNameOf(key, parentKey))} has too many items (at most ${Number(issue.maximum)}).`, 'Remove some items.')];
      if (isWeight(path)) {
        return [errorAt(path, 'out-of-range', `${capitalise(keyNameOf(key, parentKey))} is ${describe(value)}; a weight is ${WEIGHT_RANGE.words}.`,
          `Use 3 or less (${WEIGHT_RANGE.meaning}).`)];
      }
      return [errorAt(path, 'out-of-range', `${capitalise(keyNameOf(key, parentKey))} is ${describe(value)}; it must be at most ${Number(issue.maximum)}.`, `Use a value of ${Number(issue.maximum)} or less.`)];
    }
    case 'custom':
      // Only escapes or invisible characters: blank as every screen shows it ("" or "  " is said by the checks before).
      if (issue.message === S.INVISIBLE_ONLY) {
        return [errorAt(path, 'blank-text', `${capitalise(keyNameOf(key, parentKey))} is ${quoteValue(value)}: it ${S.INVISIBLE_ONLY} (escape sequences, control or invisible characters), so it shows as blank.`, blankTextFix(raw, path))];
      }
      // { "var": "trust", ">=": 60 } has no comparison, but the unknown-field problem at ">=" says
      // to write "gte" there, which is the whole fix: one mistake, one problem.
      if (issue.message.includes('comparison') && typeof value === 'object' && value !== null && Object.keys(value).some((k) => comparisonMeant(k) !== undefined)) return [];
      // A scene whose "narration" (or "lines") is misspelt ("narator"): the unknown-field problem there
      // says to rename it, which is the whole fix (found by author-60: "has no narration" as well).
      if (issue.message === S.SCENE_NEEDS && typeof value === 'object' && value !== null && !Array.isArray(value)
        && (misspeltAs(value, objectKindAt(path, raw), 'narration') ?? misspeltAs(value, objectKindAt(path, raw), 'lines')) !== undefined) return [];
      return [customProblem(issue.message, path, value)];
    default:
      return [errorAt(path, 'invalid-value', `${capitalise(keyNameOf(key, parentKey))}: ${issue.message}.`, pointerWords.checkField(describedAt(raw, path)))];
  }
}

/** A field's name as a message says it: "narration" quoted, "item 2 of "replies"", or "the file". */
function keyNameOf(key: JsonPath[number] | undefined, parentKey: JsonPath[number] | undefined): string {
  return typeof key === 'string' ? quoteValue(key) : typeof key === 'number' ? `item ${key + 1}${typeof parentKey === 'string' ? ` of ${quoteValue(parentKey)}` : ''}` : 'the file';
}

/**
 * The fix for a blank text: a required field ("feedback") must be written, and only an optional one
 * ("narration" of a decision) may be removed instead. Saying "or remove the field if it is optional"
 * left the trainer to guess which it was, and removing "feedback" only turned the problem into
 * missing-field.
 */
function blankTextFix(raw: unknown, path: JsonPath): string {
  const key = path[path.length - 1];
  if (typeof key !== 'string') return 'Write the text, or remove this item from the list.';
  const field = objectKindAt(path.slice(0, -1), raw)?.shape[key];
  if (field === undefined) return 'Write the text, or remove the field if it is optional.';
  return field.safeParse(undefined).success
    ? `Write the text, or remove ${quoteValue(key)}: it is optional here.`
    : `Write the text: ${quoteValue(key)} is required here, so it cannot be left out or empty.`;
}

/** An example value for each number field, within its range ("weight" is 1–3, so never 15). */
const NUMBER_EXAMPLES: Record<string, number> = {
  weight: 2, estimatedMinutes: 10, version: 1, age: 16, min: 0, max: 100, start: 50, add: 10, set: 50,
  gte: 60, gt: 60, lte: 40, lt: 40, eq: 50, ne: 50,
};

/**
 * The fix for a number written the wrong way. Text that reads as a number ("10", "+15") is that
 * number without quotes; a decimal where a whole number belongs is rounded both ways; otherwise an
 * example that fits the field (the old "e.g. 15" for every field was out of range for "weight").
 */
function numberFix(key: string | number | undefined, value: unknown, whole: boolean, range?: NumberRange): string {
  const field = typeof key === 'string' ? `"${key}": ` : '';
  if (range && typeof value === 'string') {
    // A word ("high"), or a number with words around it ("about 5", "3 (critical)").
    // (A number alone in quotes, "2", is the number without quotes, below.)
    // Trimmed first: /\s*%?\s*$/ backtracks over spaces before a word in quadratic time (100,000: seconds).
    const inText = /^[+-]?[\d.]+\s*%?$/.test(value.trim()) ? undefined : /^\D*?(\d+)\D*$/.exec(value)?.[1];
    const meant = range.fromWord?.(value) ?? (inText !== undefined && range.holds(Number(inText)) ? Number(inText) : undefined);
    if (meant !== undefined) return `Write ${whole ? 'a whole number' : 'a number'} ${range.words}, without quotes${range.meaning ? ` (${range.meaning})` : ''}: for ${quoteValue(value)}, write ${field}${meant}.`;
  }
  // "60%": a score is tested in percent already ("lt": 80 is under 80%), so the number alone.
  const percent = typeof value === 'string' && /^\s*[+-]?(\d+(\.\d+)?|\.\d+)\s*%\s*$/.test(value);
  const digits = typeof value === 'string' ? value.replace(/%\s*$/, '') : value;
  const written = typeof digits === 'string' && /^\s*[+-]?(\d+(\.\d+)?|\.\d+)\s*$/.test(digits) ? Number(digits.trim()) : typeof digits === 'number' ? digits : undefined;
  if (written !== undefined && Number.isFinite(written)) {
    const without = [written > 0 && /^\s*\+/.test(String(value)) ? 'the +' : '', percent ? 'the %' : ''].filter(Boolean).join(' and ');
    // "4" in quotes for a weight: without quotes it would be out of range next (one fix, not two in turn).
    if (range && Number.isInteger(written) && !range.holds(written)) {
      const example = (typeof key === 'string' && Object.hasOwn(NUMBER_EXAMPLES, key) ? NUMBER_EXAMPLES[key] : undefined) ?? 1;
      return `Write ${whole ? 'a whole number' : 'a number'} ${range.words}, without quotes${range.meaning ? ` (${range.meaning})` : ''}: ${written} is outside that range; e.g. ${field}${example}.`;
    }
    if (!whole || Number.isInteger(written)) return `Write the number without quotes${without ? ` and without ${without}` : ''}: ${field}${written}.${percent ? PERCENT_NOTE : ''}`;
    return `Write a whole number, without a decimal point: ${field}${Math.floor(written)} or ${field}${Math.ceil(written)}.`;
  }
  const example = (typeof key === 'string' && Object.hasOwn(NUMBER_EXAMPLES, key) ? NUMBER_EXAMPLES[key] : undefined) ?? 15;
  if (range) return `Write ${whole ? 'a whole number' : 'a number'} ${range.words}, without quotes${range.meaning ? ` (${range.meaning})` : ''}, e.g. ${field}${example}.`;
  return `Write ${whole ? 'a whole number' : 'a number'} without quotes, e.g. ${field}${example}.`;
}

/** After the fix for "80%": what the number means in a condition on the score (and on a variable). */
const PERCENT_NOTE = ' A condition on "score" or "percent" counts in percent already ("lt": 80 is under 80%); a variable counts in its own units.';

/** A number field's fixed range, in words, for a value of the wrong type written there. */
interface NumberRange {
  whole: boolean;
  /** "from 1 to 3" */
  words: string;
  /** What the numbers mean, when that helps choose one. */
  meaning?: string;
  /** The number a word means ("high" → 3), if it reads as one. */
  fromWord?: (word: string) => number | undefined;
  /** Whether a number is in the range. */
  holds: (n: number) => boolean;
}

const NUMBER_WORDS: Record<string, number> = { zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };
const numberWord = (word: string) => NUMBER_WORDS[word.trim().toLowerCase()];

/**
 * How strongly an assessment counts, as a trainer may say it in words: the numbers of
 * docs/authoring.md ("How to choose a weight": 3 for a prohibited activity or the very best or
 * worst move, 2 for the main point, 1 for a secondary one).
 */
const WEIGHT_WORDS: Record<string, number> = {
  low: 1, minor: 1, small: 1, light: 1, secondary: 1, normal: 1, default: 1,
  medium: 2, moderate: 2, main: 2, mid: 2, middle: 2,
  high: 3, major: 3, heavy: 3, strong: 3, critical: 3, severe: 3, max: 3, maximum: 3,
};

/** Whether `path` is an assessment's "weight". */
function isWeight(path: readonly PropertyKey[]): boolean {
  return path[path.length - 1] === 'weight' && path[path.length - 3] === 'assessments';
}

const WEIGHT_RANGE: NumberRange & { meaning: string } = {
  whole: true, words: 'from 1 to 3', holds: (n) => n >= 1 && n <= 3, meaning: '1, the default, for a secondary point; 2 for the main point of the decision; 3 for a prohibited activity or the very best or worst move',
  fromWord: (w) => {
    const n = numberWord(w) ?? WEIGHT_WORDS[w.trim().toLowerCase()];
    return n !== undefined && n >= 1 && n <= 3 ? n : undefined;
  },
};

/** The fixed range of the number field at `path` (weight, estimatedMinutes, age, version), if it has one. */
function rangeOf(path: readonly PropertyKey[]): NumberRange | undefined {
  const key = path[path.length - 1];
  if (isWeight(path)) return WEIGHT_RANGE;
  if (path.length === 1 && key === 'estimatedMinutes') return { whole: true, words: 'from 1 to 240', meaning: 'about how many minutes one playthrough takes', fromWord: numberWord, holds: (n) => n >= 1 && n <= 240 };
  if (path.length === 1 && key === 'version') return { whole: true, words: 'of 1 or more', fromWord: (w) => { const n = numberWord(w); return n !== undefined && n >= 1 ? n : undefined; }, holds: (n) => n >= 1 };
  if (key === 'age' && path[path.length - 3] === 'characters') return { whole: true, words: 'from 0 to 120', meaning: 'the age in years', fromWord: numberWord, holds: (n) => n >= 0 && n <= 120 };
  return undefined;
}

const normalTitle = (t: string) => t.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

/** The principle whose title `text` is (capitals and punctuation aside). */
function principleByTitle(text: string): (typeof principles)[number] | undefined {
  return principles.find((p) => normalTitle(p.title) === normalTitle(text));
}

/**
 * "Did you mean" for a principle written as a trainer reads it in the guide or in docs/authoring.md:
 * its title ("Looking after yourself") names its id, and a section heading ("Court Report") is
 * answered with the principles of that section; otherwise the nearest id by spelling.
 */
function principleHint(value: unknown): string {
  const text = String(value);
  const norm = normalTitle;
  const byTitle = principleByTitle(text);
  if (byTitle) return ` It is the title of the principle whose id is "${byTitle.id}": write "${byTitle.id}".`;
  const spelt = closest(text, principleIds);
  if (spelt !== undefined) return didYouMeanOf(spelt);
  // "no" for "no-awol-label", "no-jumping-to-conclusions", …: the ones it starts, not one of them.
  const starting = startingWith(text, principleIds);
  if (starting.length >= 2) return ` The principles whose id starts with ${quoteValue(text, 40)}: ${firstFew(starting.map((id) => quoteValue(id)), { last: ' and ' })}.`;
  const section = sections.find((s) => norm(s.heading) === norm(text));
  if (section) {
    const ids = principles.filter((p) => p.section === section.id).map((p) => `"${p.id}"`);
    if (ids.length > 0) return ` ${quoteValue(section.heading)} is a section of the guide; the principles from it are ${ids.join(', ')}.`;
  }
  const byWords = principlesByWords(text);
  if (byWords.length > 0) return didYouMeanAmong(byWords);
  const sharing = sharingWords(text);
  if (sharing) return ` The principles with ${sharing.words.map((w) => quoteValue(w)).join(' or ')} in their id: ${sharing.ids.map((id) => quoteValue(id)).join(', ')}.`;
  return '';
}

/** Words too common in principle ids to pick one out. */
const COMMON_WORDS = new Set(['with', 'from', 'youth', 'the', 'not', 'and', 'for']);

/**
 * The principles (up to three) whose ids have every word of `text` among theirs, a word's other
 * form or start counting ("no-pickup": "no-picking-up"): a misspelling too far from every id for
 * "Did you mean" by spelling (see wordSuggester).
 */
let byWordsOf: ((id: string) => string[]) | undefined;
function principlesByWords(text: string): string[] {
  byWordsOf ??= wordSuggester(principleIds, { ignore: COMMON_WORDS });
  return byWordsOf(text);
}

/** '"a" or "b"', '"a", "b" or "c"'. */
const orList = (ids: readonly string[]): string => ids.length > 1 ? `${ids.slice(0, -1).map((id) => quoteValue(id)).join(', ')} or ${quoteValue(ids[ids.length - 1] as string)}` : quoteValue(ids[0] ?? '');

/** ' Did you mean "a"?' or ' Did you mean "a", "b" or "c"?'. */
const didYouMeanAmong = (ids: readonly string[]): string => (ids.length === 1 ? didYouMeanOf(ids[0]) : ` Did you mean ${orList(ids)}?`);

/**
 * The principles (up to five) whose ids share a word of four letters or more with `text`
 * ("tell-supervisor": "consult-supervisor-on-suspicion", "plan-advocacy-with-supervisor"), and the
 * words shared; undefined when none does.
 */
function sharingWords(text: string): { words: string[]; ids: string[] } | undefined {
  const words = [...new Set(text.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length >= 4 && !COMMON_WORDS.has(w)))];
  const ids = principleIds.filter((id) => id.split('-').some((w) => words.includes(w)));
  if (ids.length === 0 || ids.length > 5) return undefined;
  return { words: words.filter((w) => ids.some((id) => id.split('-').includes(w))), ids };
}

/**
 * The problems missingField made at a misspelt name; they stand for that name's unknown-field
 * problem. Emptied when schemaProblems ends: a WeakSet held each of 100,000 renames ("ID" for "id")
 * for as long as the problem lived, and every full collection went through them all.
 */
const RENAMES = new Set<UnlocatedProblem>();

/**
 * The fields of each object checked for missing ones that are not of its kind, with their lowercase:
 * listed once per object, not again for each field it lacks (an object with 100,000 unknown fields
 * and ten missing went over every field ten times, lowercasing each for closest).
 */
const FOREIGN_FIELDS = new WeakMap<object, { shape: ObjectKind['shape'] | undefined; fields: { name: string; lower: string }[] }>();

/**
 * The first field of `object` not of its kind that is spelt nearly like `key` (closest), or is a word
 * used for it (fieldMeant). A field closest could not take for `key` (too long or too short for its
 * edit distance, neither containing the other) is passed over without calling it: closest would
 * spend nothing of its budget on it and return nothing, so the answer is the same.
 */
function misspeltAs(object: object, kind: ObjectKind | undefined, key: string): string | undefined {
  let known = FOREIGN_FIELDS.get(object);
  const want = key.toLowerCase();
  if (!known || known.shape !== kind?.shape) {
    const keys = Object.keys(object);
    if (keys.length < LISTED_FROM) {
      // A few fields are looked at as they are, nothing kept: a list and a WeakMap entry for each
      // of 100,000 nodes whose "id" is written "ID" (each missing one field) cost more than the look.
      for (const name of keys) {
        if (kind && Object.hasOwn(kind.shape, name)) continue;
        if (speltAs(name, name.toLowerCase(), want, kind, key)) return name;
      }
      return undefined;
    }
    const fields = keys.filter((k) => !(kind && Object.hasOwn(kind.shape, k))).map((name) => ({ name, lower: name.toLowerCase() }));
    FOREIGN_FIELDS.set(object, (known = { shape: kind?.shape, fields }));
  }
  for (const { name, lower } of known.fields) if (speltAs(name, lower, want, kind, key)) return name;
  return undefined;
}

/** An object's foreign fields are listed once (FOREIGN_FIELDS) when it has this many fields or more. */
const LISTED_FROM = 16;

/** Whether the field `name` (`lower` in lower case) of an object of `kind` is `key` misspelt (`want` in lower case), as misspeltAs takes it. */
function speltAs(name: string, lower: string, want: string, kind: ObjectKind | undefined, key: string): boolean {
  return (mayBeTypo(name, lower, want) && closest(name, [key]) === key) || fieldMeant(kind, name) === key
    || (kind?.name === 'a route' && ((key === 'to' && name === 'next') || (Object.hasOwn(GUESSED_ROUTE_FIELDS, name) && GUESSED_ROUTE_FIELDS[name] === key)));
}

/** Whether closest(word, [candidate]) could return the candidate: within its edit limit by length, or one containing the other (its two ways). */
function mayBeTypo(word: string, lower: string, candidate: string): boolean {
  const limit = Math.min(Math.max(2, Math.floor(word.length / 3)), Math.max(0, word.length - 1));
  if (Math.abs(candidate.length - lower.length) <= limit) return true;
  return Math.min(candidate.length, lower.length) >= 3 && (candidate.includes(lower) || lower.includes(candidate));
}

/**
 * A required field that is missing. When the object has a field that is not one of its own and is
 * spelt nearly like it ("assesments"), that is the mistake: it is reported once, at the misspelt
 * name, saying which field is missing and to rename it (not to add a second one).
 */
/**
 * "The reply "d3-wait" is missing "feedback".": a reply or node with an id is named by it, so it can
 * be found by searching the file (and in Preview, which has no cursor to put at the line). Written
 * only where a message says it (not for a misspelt name, "ID" for "id", which says it otherwise).
 */
function missingWords(object: unknown, kind: ObjectKind | undefined, key: string): string {
  const ownId = typeof object === 'object' && object !== null && !Array.isArray(object) ? (object as { id?: unknown }).id : undefined;
  const named = kind && typeof ownId === 'string' && !isBlank(ownId) ? `${capitalise(kind.name.replace(/^an? /, 'the '))} ${quoteValue(ownId, 40)}` : capitalise(kind?.name ?? 'this object');
  return `${named} is missing "${key}".`;
}

/** A text joining conditions with "and", as the editor reads one (S.TEXT_AND_PATTERN). */
const TEXT_AND = new RegExp(S.TEXT_AND_PATTERN);
/** "and" alone, an item of a list of conditions (S.AND_ITEM_PATTERN). */
const AND_ITEM = new RegExp(S.AND_ITEM_PATTERN);

/**
 * Whether a condition without "var" and "conduct" has "and" or "or" instead ({ "and": [ … ] }): its
 * unknown-field error there says what to write; "is missing "var"" beside it would have the trainer
 * add a "var" to the { } that should go. The editor says it once too (scenario.ts, withConditionChoice).
 */
function joinedInstead(raw: unknown, parentPath: JsonPath, kind: ObjectKind | undefined, key: string): boolean {
  if ((kind?.name !== 'a condition' && kind?.name !== 'a conduct condition') || (key !== 'var' && key !== 'conduct')) return false;
  const object = valueAt(raw, parentPath);
  if (typeof object !== 'object' || object === null || Array.isArray(object)) return false;
  const has = (k: string) => Object.hasOwn(object, k);
  return (has('and') || has('or')) && !has('var') && !has('conduct');
}

/**
 * The words of the unknown-field error at a misspelt required field ("ID" for "id"), the last
 * written kept: the same two texts for each of 100,000 nodes whose "id" is written "ID", written
 * once and shared, not written again for each (they are held to the end, as the causes the places
 * naming each id are folded into).
 */
let lastRename: { misspelt: string; kindName: string; key: string; words: { message: string; fix: string } } | undefined;
function renameWords(misspelt: string, kindName: string, key: string): { message: string; fix: string } {
  if (lastRename?.misspelt === misspelt && lastRename.kindName === kindName && lastRename.key === key) return lastRename.words;
  const words = {
    message: `${quoteValue(misspelt)} is not a field of ${kindName}, which is missing "${key}". Did you mean "${key}"?`,
    fix: `Rename ${quoteValue(misspelt)} to "${key}".`,
  };
  lastRename = { misspelt, kindName, key, words };
  return words;
}

function missingField(raw: unknown, parentPath: JsonPath, kind: ObjectKind | undefined, key: string, path: JsonPath): UnlocatedProblem {
  const object = valueAt(raw, parentPath);
  const misspelt = typeof object === 'object' && object !== null && !Array.isArray(object) ? misspeltAs(object, kind, key) : undefined;
  if (key === 'var' && (kind?.name === 'a condition' || kind?.name === 'an effect') && typeof object === 'object' && object !== null && !Array.isArray(object)) {
    // { "trust": { "gte": 60 } } or { "trust": 10 }: the variable's id written as the field.
    // One mistake, one problem (author-61): at the variable's name, where the fix is typed, saying
    // "var" is missing too; it stands for the unknown-field problem there (see RENAMES), which gave
    // the same fix a second time.
    const named = Object.keys(object).find((k) => declaredVariable(raw, k));
    const meant = named === undefined ? variableKeyMeant(raw, object, kind) : { key: named, id: named };
    if (meant !== undefined) {
      const renamed: UnlocatedProblem = { severity: 'error', code: 'unknown-field', path: [...parentPath, meant.key], atKey: true,
        ...variableAsField(kind.name, meant.key, meant.id, (object as Record<string, unknown>)[meant.key], raw) };
      RENAMES.add(renamed);
      return renamed;
    }
    // { "score": 80 }, { "critical": 0 }: a conduct measure written as the field. One problem at the
    // name, with the condition on conduct to write (it was "Add var" and "Remove it, or use one of:
    // var, gte, …", neither naming "conduct").
    const measureKey = kind.name === 'a condition' ? Object.keys(object).slice(0, 20).find((k) => !Object.hasOwn(kind.shape, k) && conductMeant(k) !== undefined) : undefined;
    if (measureKey !== undefined) {
      const renamed: UnlocatedProblem = { severity: 'error', code: 'unknown-field', path: [...parentPath, measureKey], atKey: true,
        ...conductAsField(measureKey, (object as Record<string, unknown>)[measureKey], raw) };
      RENAMES.add(renamed);
      return renamed;
    }
  }
  const item = parentPath[parentPath.length - 1];
  if (kind?.name === 'a variant' && key === 'when' && misspelt === undefined && typeof item === 'number') {
    // "This object is missing "when"", "Add "when"": not what a variant is, nor what to write.
    const endingId = (valueAt(raw, parentPath.slice(0, -2)) as { id?: unknown } | undefined)?.id;
    const ending = typeof endingId === 'string' && !isBlank(endingId) ? `the ending ${quoteValue(endingId, 40)}` : 'its ending';
    return errorAt(path, 'missing-field', `Variant ${item + 1} of ${ending} is missing "when": the condition under which its narration is told instead of the ending's own "narration".`,
      `Add "when", e.g. "when": { "conduct": "critical", "gte": 1 } (see ${pointerWords.conditions()}). A text told whatever happened belongs in the ending's "narration": move it there and remove the variant.`, { path: parentPath });
  }
  if (kind?.name === 'a route' && key === 'to') {
    // { "when": { "var": "trust", "gte": 60, "to": "x" } }: the condition's } came after "to".
    const when = typeof object === 'object' && object !== null ? (object as { when?: unknown }).when : undefined;
    const inside = [when, ...(Array.isArray(when) ? when : [])].map((c) => (typeof c === 'object' && c !== null && !Array.isArray(c) ? (c as { to?: unknown }).to : undefined)).find((to) => to !== undefined);
    if (inside !== undefined) {
      return errorAt(path, 'missing-field', `${missingWords(object, kind, key)} It is written inside the route's "when".`,
        `Close the condition before "to": { "when": { … }, "to": ${typeof inside === 'string' ? quoteValue(inside) : '"<id>"'} }.`, { path: parentPath });
    }
  }
  if (kind?.name === 'a reply' && key === 'next' && parentPath[parentPath.length - 2] === 'replies') {
    // "next" written once on the decision, for all its replies: each reply needs its own.
    const decision = valueAt(raw, parentPath.slice(0, -2));
    const shared = typeof decision === 'object' && decision !== null && !Array.isArray(decision) ? (decision as { next?: unknown }).next : undefined;
    if (shared !== undefined) {
      const to = typeof shared === 'string' ? quoteValue(shared) : '"<id>"';
      return errorAt(path, 'missing-field', `${missingWords(object, kind, key)} Its decision has a "next" (${typeof shared === 'string' ? to : describe(shared)}), but a decision goes on by the reply chosen: each reply has its own "next".`,
        `Add "next": ${to} to this reply (or the id of the node this reply leads to), and remove the decision's "next".`, { path: parentPath });
    }
  }
  // A field of the scenario written inside a character or a node (found by validator-54): "Add
  // "summary"" had the trainer write a second one, leaving the first where it is not read.
  const stray = parentPath.length === 0 && misspelt === undefined ? scenarioFieldInside(raw, key) : undefined;
  if (stray !== undefined) {
    return errorAt(path, 'missing-field', `${missingWords(object, kind, key)} It is written inside ${stray.name} (${RELATED_AT}), where it is not read.`,
      `Move it out of ${stray.name} to the top level of the file, next to "id" and "title", with a comma between it and the field before or after it (the unknown-field error there says the same).`,
      { path: parentPath, related: [...stray.path, key], relatedAtKey: true });
  }
  if (key === 'start' && parentPath.length === 0 && misspelt === undefined) {
    // The id to write, when the first node has one: "Add "start": the id of the first node" left a
    // newcomer to work out which node that was and how to write it.
    const nodes = typeof object === 'object' && object !== null ? (object as { nodes?: unknown }).nodes : undefined;
    const firstId = Array.isArray(nodes) && typeof nodes[0] === 'object' && nodes[0] !== null ? (nodes[0] as { id?: unknown }).id : undefined;
    if (typeof firstId === 'string' && S.Id.safeParse(firstId).success) {
      return errorAt(path, 'missing-field', missingWords(object, kind, key), `Add "start": ${quoteValue(firstId)}, the id of the node the story begins with (${quoteValue(firstId)} is the first in "nodes").`, { path: parentPath });
    }
  }
  if (misspelt !== undefined) {
    // One mistake, one problem, where the fix is typed: at the misspelt name. (Reported also as
    // missing at the { of its object, the two pointed at each other and counted as two errors.)
    const { message, fix } = renameWords(misspelt, kind?.name ?? 'this object', key);
    const renamed: UnlocatedProblem = { severity: 'error', code: 'unknown-field', path: [...parentPath, misspelt], message, fix, atKey: true };
    RENAMES.add(renamed);
    return renamed;
  }
  const mismatch = kindMismatch(raw, parentPath);
  const shownShape = mismatch ? NODE_SHAPES[mismatch.kind] : undefined;
  if (shownShape && !(Object.hasOwn(shownShape, key) && !shownShape[key]?.safeParse(undefined).success)) {
    // Missing only because of the "kind" written (the kind the fields show does not need it): said
    // once for the node, with its fields of the wrong kind (see oneProblemPerWrongKind).
    const p = errorAt(path, 'missing-field', missingWords(object, kind, key), fieldHint(key) ?? `Add "${key}".`, { path: parentPath });
    WRONG_KIND.set(p, { nodePath: parentPath, field: key, missing: true });
    return p;
  }
  return errorAt(path, 'missing-field', missingWords(object, kind, key), fieldHint(key) ?? `Add "${key}"${fieldDescription(kind, key)}.`, { path: parentPath });
}

/**
 * The first character, variable or node holding `key`, a field of the scenario that is not one of
 * its own ("summary" in a character), by its path and in words ("the character "jade""). The
 * scenario's "nodes" is left to its own error (see scenarioFieldHome).
 */
function scenarioFieldInside(raw: unknown, key: string): { path: JsonPath; name: string } | undefined {
  if (key === 'nodes' || !Object.hasOwn(S.Scenario.shape, key)) return undefined;
  for (const list of ['characters', 'variables', 'nodes'] as const) {
    const items = valueAt(raw, [list]);
    if (!Array.isArray(items)) continue;
    for (let i = 0; i < items.length; i++) {
      const item: unknown = items[i];
      if (typeof item !== 'object' || item === null || Array.isArray(item) || !Object.hasOwn(item, key)) continue;
      const kind = objectKindAt([list, i], raw);
      if (kind !== undefined && Object.hasOwn(kind.shape, key)) continue;
      const id = (item as { id?: unknown }).id;
      const what = kind?.name.replace(/^an? /, 'the ') ?? `item ${i + 1} of ${quoteValue(list)}`;
      return { path: [list, i], name: typeof id === 'string' && !isBlank(id) && kind !== undefined ? `${what} ${quoteValue(id, 40)}` : what };
    }
  }
  return undefined;
}

/**
 * For a node without "kind", the kind its other fields show ("replies": a decision; "ending": an
 * ending; "next" alone: a scene), as the fix to write; undefined when they do not tell.
 */
function kindFromFields(node: unknown): string | undefined {
  const shown = fieldsKind(node);
  return shown && `Add "kind": "${shown.kind}" (${shown.why}).`;
}

type NodeKindName = 'decision' | 'ending' | 'scene';

/** What each kind of node is, as the fix that lists the kinds says it. */
const KIND_MEANS: Record<NodeKindName, string | undefined> = { scene: 'narration, then the story moves on', decision: 'the volunteer chooses a reply', ending: undefined };

/**
 * The fix of a "kind" that is not one but is spelt like one ("decison", "Decision", "scen"), which
 * the message guesses ('Did you mean "decision"?'): it listed all three kinds, as though there were
 * no guess. It says to write the kind guessed, with why (the node's fields, or what that kind is);
 * where the node's fields show another kind ("scen" on a node with "replies"), that one too.
 */
function guessedKindFix(written: unknown, guess: NodeKindName, fields: { kind: NodeKindName; why: string } | undefined): string {
  const a = (kind: string) => `${kind === 'ending' ? 'an' : 'a'} ${kind}`;
  if (fields && fields.kind !== guess) return `Write "kind": "${guess}" if it is meant to be ${a(guess)}, or "kind": "${fields.kind}" if it is ${a(fields.kind)} (${fields.why}).`;
  const why = fields?.why ?? KIND_MEANS[guess];
  // "Decision", " scene": the kind in lower case, or without the space, as other such values are told.
  const lower = typeof written === 'string' && written.trim().toLowerCase() === guess ? `, ${lowerCaseWords(written)}` : '';
  return `Write "kind": "${guess}"${lower}${why ? ` (${why})` : ''}.`;
}
const NODE_SHAPES: Record<NodeKindName, Shape> = { decision: S.DecisionNode.shape, ending: S.EndingNode.shape, scene: S.SceneNode.shape };

/** The kind a node's fields show ("replies": a decision; "ending": an ending; "next" alone: a scene), and why. */
function fieldsKind(node: unknown): { kind: NodeKindName; why: string } | undefined {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return undefined;
  const has = (key: string) => Object.hasOwn(node, key);
  const kinds = ([has('replies') && 'decision', has('ending') && 'ending', has('next') && !has('replies') && 'scene'] as const).filter((k): k is NodeKindName => k !== false);
  const [kind] = kinds;
  if (kinds.length !== 1 || kind === undefined) return undefined;
  return { kind, why: { decision: 'it has "replies"', ending: 'it has "ending"', scene: 'it has "next" and no "replies"' }[kind] };
}

/**
 * A node whose "kind" says one thing and whose fields another ("kind": "scene" with "replies"): the
 * kind the fields show, when it is not the one written. Then "replies is not a field of a scene
 * node; remove it" would have the trainer delete every reply of what is really a decision.
 */
function kindMismatch(raw: unknown, nodePath: JsonPath): { kind: NodeKindName; why: string; written: string } | undefined {
  if (nodePath.length !== 2 || nodePath[0] !== 'nodes') return undefined;
  const node = valueAt(raw, nodePath);
  const written = (node as { kind?: unknown } | undefined)?.kind;
  const shown = fieldsKind(node);
  if (typeof written !== 'string' || !shown || shown.kind === written || !Object.hasOwn(NODE_SHAPES, written)) return undefined;
  return { ...shown, written };
}

/**
 * { "trust": { "gte": 60 } } or { "trust": 10 } (a variable's id written as the field of a
 * condition or an effect) as the object it means: { "var": "trust", "gte": 60 }, the comparisons
 * or the amount kept.
 */
/**
 * { "var": "trust", "gte": 60, "and": { "conduct": "critical", "eq": 0 } } as the list meant:
 * [{ "var": "trust", "gte": 60 }, { "conduct": "critical", "eq": 0 }]. Undefined unless every
 * condition in it is an object of plain values (a text, or an "and" inside "and", is not guessed at).
 */
function andAsList(condition: unknown, key: string): string | undefined {
  if (!isPlainObject(condition)) return undefined;
  const { [key]: inner, ...rest } = condition;
  const parts = [...(Object.keys(rest).length > 0 ? [rest] : []), ...(Array.isArray(inner) ? inner : [inner])];
  const written = parts.map(plainObjectWritten);
  return parts.length > 0 && written.every((w) => w !== undefined) ? writtenList(written as string[]) : undefined;
}

/** Items written as JSON, in a list: the first few, then how many more (a "when" of 100,000 conditions was a fix of 3 MB). */
function writtenList(items: readonly string[]): string {
  return `[${firstFew(items, { last: ', ' })}]`;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** { "var": "trust", "gte": 60 } as written in a fix: an object of texts, numbers and true/false only; undefined otherwise. */
function plainObjectWritten(v: unknown): string | undefined {
  if (!isPlainObject(v) || Object.keys(v).length === 0) return undefined;
  const entries = Object.entries(v);
  if (!entries.every(([, x]) => typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean')) return undefined;
  // Its fields and texts cut short as well: a condition has three or four, and an id is short. Each
  // quoted as quoteValue shows a value (control, bidi and zero-width characters escaped): JSON.stringify
  // left C1 controls raw, and an OSC introducer (U+009D) in a field's name, its BEL escaped, was
  // cleaned as an escape sequence to the end of the fix, losing the rest of it.
  return `{ ${firstFew(entries.map(([k, x]) => `${quoteValue(k, 40)}: ${typeof x === 'string' ? quoteValue(x, 80) : JSON.stringify(x)}`), { last: ', ' })} }`;
}

/** A condition as written in a fix: the object, or the list of them (writtenList); "{ … }" for one that is not plain values. */
function conditionWritten(v: unknown): string {
  if (Array.isArray(v)) {
    const items = v.map(plainObjectWritten);
    return items.length > 0 && items.every((w) => w !== undefined) ? writtenList(items as string[]) : '{ … }';
  }
  return plainObjectWritten(v) ?? '{ … }';
}

const POINTS_WORDS = new Set(['score', 'points', 'value']);
const CONDITION_WORDS = new Set(['when', 'condition', 'if']);

/**
 * A score, points or a condition written on a reply or an ending (S.SCORING_FIELD_HINTS): what
 * scores the reply, or leads to the ending, instead, the fix in the file's own ids and values.
 * Found by author-58: a trainer who took an ending for what sets the score ("score": 100 on the
 * strong ending) was told only to remove it, or the fields an ending can have.
 */
function scoringField(kind: ObjectKind | undefined, key: string, raw: unknown, path: JsonPath): UnlocatedProblem | undefined {
  if (kind?.name !== 'a reply' && kind?.name !== 'an ending node') return undefined;
  const word = key.trim().toLowerCase();
  const hints = S.SCORING_FIELD_HINTS[kind.name];
  if (!Object.hasOwn(hints, word)) return undefined;
  const object = valueAt(raw, path) as Record<string, unknown>;
  const id = typeof object.id === 'string' && S.Id.safeParse(object.id).success ? object.id : undefined;
  const field = object[key];
  const message = `${quoteValue(key)} is not a field of ${kind.name}. ${(hints[word] as { why: string }).why}`;
  let fix: string;
  if (kind.name === 'an ending node') {
    const to = id === undefined ? '"<this ending\'s id>"' : quoteValue(id);
    if (CONDITION_WORDS.has(word)) {
      const condition = conditionWritten(field);
      fix = `Remove ${quoteValue(key)} from the ending. Where a "next" leads here, put the condition on that route: [{ "when": ${condition}, "to": ${to} }, { "to": "<another ending>" }]; or, for a closing text told only when it holds, give this ending "variants": [{ "when": ${condition}, "narration": "…" }].`;
    } else {
      // As the bundled scenarios guard them: strong at 80% or more, mixed under 80%, harmful under 50%.
      const guard = object.ending === 'strong' ? '"gte": 80' : object.ending === 'harmful' ? '"lt": 50' : '"lt": 80';
      fix = `Remove ${quoteValue(key)}. Where a "next" leads here, guard that route with the volunteer's score: [{ "when": { "conduct": "score", ${guard} }, "to": ${to} }, { "to": "<another ending>" }]${pointerWords.scoring()}.`;
    }
  } else {
    const assessments = Array.isArray(object.assessments) ? object.assessments : [];
    if (POINTS_WORDS.has(word)) {
      fix = assessments.length > 0
        ? `Remove ${quoteValue(key)}: the reply's "assessments" score it. To make it count more or less, change the "weight" of one of them (1 to 3).`
        : `Remove ${quoteValue(key)}, and score the reply with "assessments": [{ "principle": "<principle id>", "verdict": "follows", "weight": 2 }] ("violates" for a reply that goes against the principle; weight 3 for a prohibited activity or the very best or worst move, 2 for the decision's main point, 1 for a secondary one).`;
    } else {
      const written = `"${word}": ${typeof field === 'string' ? quoteValue(field, 80) : JSON.stringify(field) ?? 'null'}`;
      fix = assessments.length === 1
        ? `Move ${written} into the reply's assessment, inside the { } in "assessments" (in place of its own ${quoteValue(word)}, if it has one).`
        : assessments.length > 1
          ? `Move ${written} into the assessment it belongs to, inside the reply's "assessments": each assessment has its own ${quoteValue(word)}.`
          : `Move it into the reply's "assessments", one { } for each principle the reply follows or violates: "assessments": [${assessmentWritten(object)}].`;
    }
  }
  return { severity: 'error', code: 'unknown-field', path: [...path, key], atKey: true, message, fix };
}

/** The assessment a reply's own "principle", "verdict" and "weight" (any case) make, written out, with a place for each one missing. */
function assessmentWritten(reply: Record<string, unknown>): string {
  const own = (name: string) => Object.entries(reply).find(([k]) => k.trim().toLowerCase() === name)?.[1];
  const principle = own('principle');
  const verdict = own('verdict');
  const weight = own('weight');
  return `{ "principle": ${typeof principle === 'string' ? quoteValue(principle, 80) : '"<principle id>"'}, "verdict": ${verdict === 'follows' || verdict === 'violates' ? `"${verdict}"` : '"follows"'}${typeof weight === 'number' ? `, "weight": ${weight}` : ''} }`;
}

/**
 * "next": { "to": "d2-marcus" }, one route written as routes are: the id alone, or (with a "when")
 * the route in a list ending on one without. Undefined for any other object.
 */
function oneRouteFix(value: unknown): string | undefined {
  if (!isPlainObject(value) || typeof value.to !== 'string' || Object.keys(value).some((k) => k !== 'to' && k !== 'when')) return undefined;
  if (value.when === undefined) return `Write "next": ${quoteValue(value.to)}, the id alone, without the { } and "to".`;
  const when = Array.isArray(value.when) ? value.when.map(plainObjectWritten) : [plainObjectWritten(value.when)];
  const written = when.every((w) => w !== undefined) ? (Array.isArray(value.when) ? writtenList(when as string[]) : when[0]) : '{ … }';
  return `Routes go in a list in [ ], and the last has no "when", for when the others do not hold: "next": [{ "when": ${written}, "to": ${quoteValue(value.to)} }, { "to": "<id>" }].`;
}

/**
 * The words for a variable's id written as a condition's or an effect's field ({ "trust": "+15" },
 * { "trust": { "gte": 60 } }): "var" is missing, and the object to write. A bare amount
 * ({ "trust": 15 }) may mean "add" or "set": the fix writes "add" and says what "set" does.
 */
function variableAsField(kindName: string, key: string, named: string, inner: unknown, raw: unknown): { message: string; fix: string } {
  const written = variableWritten(kindName === 'an effect', named, inner, raw);
  const bare = kindName === 'an effect' && typeof inner === 'number' && Number.isInteger(inner) && inner >= 0 && !declaredFlag(raw, named);
  return {
    message: `${quoteValue(key)} is not a field of ${kindName}, which is missing "var": ${key === named ? `${quoteValue(named)} is a variable` : `it names the variable ${quoteValue(named)}`}, and ${kindName} names its variable with "var".`,
    fix: `Write ${written}${bare ? ` (that adds ${inner} to it; to make it ${inner}, write "set": ${inner} in place of "add": ${inner})` : ''}.`,
  };
}

/** The ids of a "variables" list, in file order (see variableKeyMeant). */
const variableIdLists = new WeakMap<readonly unknown[], string[]>();

/**
 * A field of a condition or an effect without "var" that names a declared variable otherwise: by its
 * label ("Dominique's trust"), in capitals ("Trust"), or misspelt ("trsut"), with the variable's id
 * (found by author-61: two errors, "Remove it" and "Add var", the amount lost). The object's own
 * fields and the comparisons are never taken for one.
 */
function variableKeyMeant(raw: unknown, object: object, kind: ObjectKind): { key: string; id: string } | undefined {
  const variables = valueAt(raw, ['variables']);
  if (!Array.isArray(variables)) return undefined;
  // The ids listed once per list, and misspellings looked for among a scenario's few (a file of
  // 40,000 variables and as many effects without "var" would compare each with each).
  let ids = variableIdLists.get(variables);
  if (ids === undefined) {
    ids = variables.map((v: unknown) => (isObject(v) ? v.id : undefined)).filter((id): id is string => typeof id === 'string');
    variableIdLists.set(variables, ids);
  }
  const spelt = ids.length <= 200 ? ids : [];
  for (const key of Object.keys(object).slice(0, 20)) {
    if (Object.hasOwn(kind.shape, key) || COMPARISON_NAMES.includes(key) || comparisonMeant(key) !== undefined || key.length > 100) continue;
    const id = declaredIdMeant(raw, 'var', key)?.id ?? closest(key.toLowerCase(), spelt);
    if (id !== undefined && declaredVariable(raw, id)) return { key, id };
  }
  return undefined;
}

/**
 * The words for a condition that writes a conduct measure as its field ({ "score": 80 },
 * { "critical": 0 }, { "score": { "gte": 80 } }, { "score": ">= 80" }): the condition on conduct it means.
 */
function conductAsField(key: string, inner: unknown, raw: unknown): { message: string; fix: string } {
  const measure = conductMeant(key) as string;
  const read = typeof inner === 'string' ? oneConditionFromText(`${measure} ${inner}`, raw) : undefined;
  // A bare number: at least that much; no critical violations for 0.
  const compared: Record<string, unknown> | undefined = typeof inner === 'number' && Number.isFinite(inner)
    ? (measure === 'critical' && inner === 0 ? { eq: 0 } : { gte: inner })
    : typeof inner === 'object' && inner !== null && !Array.isArray(inner) ? inner as Record<string, unknown> : {};
  const words = conductInsteadOfVar(key, compared);
  const bare = typeof inner === 'number' && !(measure === 'critical' && inner === 0);
  return {
    message: `${quoteValue(key)} is not a field of a condition, which is missing "var": ${words?.why ?? ''}`,
    fix: read !== undefined ? `Write ${read}.` : (words?.fix ?? '').replace(/ \(see /, bare ? `, for ${String(inner)} or more (for exactly ${String(inner)}, "eq" in place of "gte") (see ` : ' (see '),
  };
}

function variableWritten(effect: boolean, named: string, inner: unknown, raw: unknown): string {
  // { "trust": "+15" }, { "trust": ">= 60" }: the text read as the change or the comparison it says.
  const read = typeof inner === 'string' ? (effect ? effectFromText : oneConditionFromText)(`${named} ${inner}`, raw) : undefined;
  if (read !== undefined) return read;
  const rest = typeof inner === 'object' && inner !== null && !Array.isArray(inner)
    ? Object.entries(inner).map(([k, v]) => [COMPARISON_NAMES.includes(k) ? k : comparisonMeant(k), v] as const)
      .filter(([k, v]) => k !== undefined && (typeof v === 'number' || typeof v === 'boolean')).map(([k, v]) => `, "${String(k)}": ${String(v)}`).join('')
    : typeof inner === 'number' && Number.isInteger(inner) && effect ? `, "add": ${inner}`
      // { "told-supervisor": true }: a flag is set, and tested, with true or false.
      : typeof inner === 'boolean' ? `, "${effect ? 'set' : 'is'}": ${String(inner)}` : '';
  const flag = declaredFlag(raw, named);
  return `{ "var": ${quoteValue(named)}${rest || (effect ? (flag ? ', "set": true' : ', "add": 10') : (flag ? ', "is": true' : ', "gte": 60'))} }`;
}

/**
 * Comparisons written the way a person would guess them (">=", a variable's own "min"), and what
 * they meant: shared with the schema, so that the editor names the same field (S.GUESSED_COMPARISONS).
 */
const GUESSED_COMPARISONS: Readonly<Record<string, string>> = S.GUESSED_COMPARISONS;
/**
 * Comparisons written in words ("at least", "moreThan", "greater_than"), by their words in lower
 * case with single spaces (see comparisonMeant).
 */
const COMPARISON_WORDS: Record<string, string> = {
  'at least': 'gte', minimum: 'gte', 'greater than or equal': 'gte', 'greater than or equal to': 'gte', 'more than or equal to': 'gte', 'greater or equal': 'gte', 'no less than': 'gte',
  'more than': 'gt', 'greater than': 'gt', greater: 'gt', more: 'gt', above: 'gt', over: 'gt',
  'at most': 'lte', maximum: 'lte', 'less than or equal': 'lte', 'less than or equal to': 'lte', 'less or equal': 'lte', 'no more than': 'lte', 'up to': 'lte',
  'less than': 'lt', 'fewer than': 'lt', less: 'lt', fewer: 'lt', below: 'lt', under: 'lt',
  equals: 'eq', equal: 'eq', 'equal to': 'eq', 'is equal to': 'eq', exactly: 'eq',
  'not equal': 'ne', 'not equal to': 'ne', 'not equals': 'ne',
};

/** What each comparison means, in words, beside its name in a message (shared with the schema). */
const COMPARISON_GLOSS: Record<string, string> = S.COMPARISON_GLOSS;

/** The comparison a condition's field stands for: a sign (">="), "min"/"max", or words ("at least", "moreThan"). */
function comparisonMeant(key: string): string | undefined {
  if (Object.hasOwn(GUESSED_COMPARISONS, key)) return GUESSED_COMPARISONS[key];
  const words = key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().replace(/[\s_-]+/g, ' ').trim();
  return Object.hasOwn(COMPARISON_WORDS, words) ? COMPARISON_WORDS[words] : undefined;
}
// "else", "otherwise", "default": the route taken when no other is, which is one with a "to" alone.
// "then", as in "if … then …": the node to go to (it was told "Did you mean "when"?", by spelling).
const GUESSED_ROUTE_FIELDS: Record<string, string> = { if: 'when', condition: 'when', goto: 'to', go: 'to', then: 'to', else: 'to', otherwise: 'to', default: 'to' };
/**
 * A route's "to" written "next", as a reply's is: meant as its "to" only when the route has none (a
 * route with both is not guessed at). It was told to move "next" out into the reply, which has one.
 */
function routeNextMeansTo(raw: unknown, path: JsonPath, key: string): boolean {
  return key === 'next' && valueAt(raw, [...path, 'to']) === undefined;
}
/**
 * Other words a trainer writes for a field ("speaker" for a line's "character", "question" for a
 * decision's "prompt"), by the kind of object: "Did you mean" goes by spelling, and these are not
 * spelt like the field they stand for.
 */
const GUESSED_FIELDS: Record<string, Record<string, string>> = {
  'a line': { speaker: 'character', who: 'character', person: 'character', name: 'character', say: 'text', says: 'text', said: 'text', line: 'text', words: 'text', dialogue: 'text', quote: 'text' },
  'a decision node': { question: 'prompt', ask: 'prompt', choices: 'replies', options: 'replies', answers: 'replies', responses: 'replies', dialogue: 'lines', dialog: 'lines' },
  'a scene node': { then: 'next', goto: 'next', to: 'next', text: 'narration', description: 'narration', dialogue: 'lines', dialog: 'lines' },
  'an ending node': { outcome: 'ending', result: 'ending', rating: 'ending', type: 'ending', dialogue: 'lines', dialog: 'lines' },
  'a reply': { then: 'next', goto: 'next', to: 'next', if: 'when', condition: 'when', say: 'text', says: 'text', words: 'text', reply: 'text', answer: 'text', response: 'text', explanation: 'feedback', comment: 'feedback', why: 'feedback', principles: 'assessments', scoring: 'assessments' },
  'a variable': { meter: 'shown', visible: 'shown', display: 'shown' },
  'an assessment': { result: 'verdict', judgement: 'verdict', judgment: 'verdict', rating: 'verdict', points: 'weight', score: 'weight' },
};

/** The field `key` stands for in an object of `kind`, by GUESSED_FIELDS (capitals aside), or "id" for "identifier" in an object that has an id. */
function fieldMeant(kind: ObjectKind | undefined, key: string): string | undefined {
  const words = kind && GUESSED_FIELDS[kind.name];
  const word = key.toLowerCase();
  if (isWordForId(word) && kind && Object.hasOwn(kind.shape, 'id')) return 'id';
  return words && Object.hasOwn(words, word) ? words[word] : undefined;
}

/** Whether a field's name (in lower case) is a longer word for "id": "identifier". */
export function isWordForId(lower: string): boolean {
  return lower === 'identifier';
}
/** An effect's fields written as a guess: words for "add", and words for taking away (an effect adds a negative amount). */
const GUESSED_ADD = new Set(['plus', 'increase', 'increment', 'inc', 'raise', 'by', 'change', 'amount']);
const GUESSED_TAKE_AWAY = new Set(['subtract', 'minus', 'sub', 'decrease', 'decrement', 'dec', 'reduce', 'lower', 'remove', 'take', 'deduct']);

/**
 * The effect an effect without "add" or "set" means, when its other fields say (a variable's id
 * after "var", an amount after a word such as "subtract"), written out: { "var": "trust", "add": -20 }.
 * Undefined when it has no such word.
 */
function effectMeant(effect: unknown): string | undefined {
  if (typeof effect !== 'object' || effect === null || Array.isArray(effect)) return undefined;
  const fields = effect as Record<string, unknown>;
  const variable = typeof fields.var === 'string' ? quoteValue(fields.var) : '"<variable id>"';
  for (const [k, v] of Object.entries(fields)) {
    const word = k.toLowerCase();
    const amount = typeof v === 'number' && Number.isInteger(v) ? Math.abs(v) : 10;
    if (GUESSED_TAKE_AWAY.has(word)) return `{ "var": ${variable}, "add": -${amount} }`;
    if (GUESSED_ADD.has(word)) return `{ "var": ${variable}, "add": ${typeof v === 'number' && Number.isInteger(v) ? v : 10} }`;
  }
  return undefined;
}

/**
 * ' Did you mean …?' for a field written as a guess that spelling distance gets wrong (">=" is
 * nearer "gt" than "gte"; "if" nearer "to" than "when"), or what to write instead for "or",
 * "and" and a variable's id used as a field, with the fix that says so (removing the field would
 * lose the trainer's "to", variable or comparison). Undefined when there is nothing to add.
 */
function guessedField(kind: ObjectKind | undefined, key: string, raw: unknown, path: JsonPath): { hint: string; meant?: string; fix?: string } | undefined {
  const meaning = (meant: string) => ({ hint: didYouMeanOf(meant), meant });
  if (kind?.name === 'a route' && Object.hasOwn(GUESSED_ROUTE_FIELDS, key)) return meaning(GUESSED_ROUTE_FIELDS[key] as string);
  if (kind?.name === 'a route' && routeNextMeansTo(raw, path, key)) return meaning('to');
  const other = fieldMeant(kind, key);
  if (other !== undefined) return meaning(other);
  const isDeclared = (id: string) => declaredVariable(raw, id);
  const field = valueAt(raw, [...path, key]);
  if (kind?.name === 'an effect' && isDeclared(key)) {
    const written = variableWritten(true, key, field, raw);
    return { hint: ` ${quoteValue(key)} is a variable: name it with "var", e.g. ${written}.`, fix: `Write ${written}.` };
  }
  if (kind?.name === 'an effect' && (GUESSED_ADD.has(key.toLowerCase()) || GUESSED_TAKE_AWAY.has(key.toLowerCase()))) {
    const written = effectMeant({ var: valueAt(raw, [...path, 'var']), [key]: field });
    return GUESSED_ADD.has(key.toLowerCase())
      ? { ...meaning('add'), fix: `Write ${written}.` }
      : { hint: ` There is no ${quoteValue(key)}: to take away, "add" a negative amount, e.g. ${written}.`, fix: `Write ${written}.` };
  }
  if (kind?.name === 'a route' && key.toLowerCase() === 'or') {
    // Beside the route's "when", as inside it: there is no "or".
    return { hint: ` ${S.CONDITION_FIELD_HINTS.or}`,
      fix: 'Take out "or" and write one route for each condition, each with the same "to", before the route with no "when".' };
  }
  if (kind?.name !== 'a condition' && kind?.name !== 'a conduct condition') return undefined;
  if (key === 'to') {
    return { hint: ` ${S.CONDITION_FIELD_HINTS.to}`,
      fix: `Close the condition before "to": { "when": { … }, "to": ${typeof field === 'string' ? quoteValue(field) : '"<id>"'} }.` };
  }
  if (kind.name === 'a conduct condition' && (key === 'var' || key === 'is')) {
    // The trainer's own two, when each comparison follows the one it compares: { "var": "trust",
    // "gt": 60, "conduct": "score", "gte": 80 } (after the strong-under-50 fix's list, merged).
    const split = splitCondition(valueAt(raw, path));
    const list = split && (path[path.length - 1] === 'when' ? `: "when": [${split.join(', ')}]` : `, in its place in the list: ${split.join(', ')}`);
    return { hint: ' One condition tests either a variable ("var") or the volunteer\'s conduct ("conduct"), not both: write two conditions in a list, e.g. [{ "var": "told-csw", "is": true }, { "conduct": "critical", "eq": 0 }].',
      fix: list ? `Split it into two conditions${list}.` : 'Split it into two conditions in a list: one with "var", one with "conduct".' };
  }
  const comparison = comparisonMeant(key);
  if (comparison !== undefined) return { hint: ` Did you mean "${comparison}" (${COMPARISON_GLOSS[comparison] ?? comparison})?`, meant: comparison };
  const word = key.toLowerCase();
  if (word === 'or') {
    return { hint: ` ${S.CONDITION_FIELD_HINTS.or}`,
      fix: path.includes('next') ? 'Take out "or" and write one route for each condition, each with the same "to", before the route with no "when".' : 'Take out "or": a "when" holds only when every condition in it does.' };
  }
  if (word === 'and') {
    // The message says how, in words the editor says too; the fix writes the trainer's own list.
    const list = andAsList(valueAt(raw, path), key);
    return { hint: ` ${S.CONDITION_FIELD_HINTS.and}`,
      fix: `Take out "and" and write "when" as a list of the conditions, each in its own { }${list ? `: "when": ${list}` : ''}.` };
  }
  if (isDeclared(key)) {
    const written = variableWritten(false, key, field, raw);
    return { hint: ` ${quoteValue(key)} is a variable: name it with "var", e.g. ${written}.`, fix: `Write ${written}.` };
  }
  return undefined;
}

/**
 * The language rule an "allowLanguage" item that is none means: one of its words ("AWOL", "a CSEC",
 * any case), its id written otherwise ("A-CSEC", "a csec"), or misspelt ("awoll").
 */
function languageRuleMeant(value: unknown): { id: string; term: boolean } | undefined {
  if (typeof value !== 'string' || value.length > 100) return undefined;
  const lower = value.trim().toLowerCase();
  const byTerm = languageRules.find((r) => r.terms.some((t) => t.toLowerCase() === lower));
  if (byTerm) return { id: byTerm.id, term: true };
  const ids = languageRules.map((r) => r.id);
  const id = ids.find((i) => i === slugify(lower)) ?? closest(lower, ids);
  return id === undefined ? undefined : { id, term: false };
}

const COMPARISON_NAMES = ['gte', 'gt', 'lte', 'lt', 'eq', 'ne', 'is'];

/**
 * A condition with both "var" and "conduct" as the two it holds, each written with the comparisons
 * after it up to the next ({ "var": "trust", "gt": 60, "conduct": "score", "gte": 80 } gives
 * { "var": "trust", "gt": 60 } and { "conduct": "score", "gte": 80 }); undefined when it cannot be
 * read so (a comparison before both, one of them without any, a value that is not plain).
 */
function splitCondition(condition: unknown): string[] | undefined {
  if (!isObject(condition)) return undefined;
  const parts: string[][] = [];
  for (const [k, v] of Object.entries(condition)) {
    const plain = typeof v === 'string' ? quoteValue(v, 40) : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
    if (plain === undefined) return undefined;
    if (k === 'var' || k === 'conduct') parts.push([`"${k}": ${plain}`]);
    else if (parts.length === 0 || !COMPARISON_NAMES.includes(k)) return undefined;
    else parts[parts.length - 1]?.push(`"${k}": ${plain}`);
  }
  return parts.length === 2 && parts.every((p) => p.length >= 2) ? parts.map((p) => `{ ${p.join(', ')} }`) : undefined;
}

/** The ids a "variables" list declares, read once per list (a file's every condition may ask). */
const declaredIds = new WeakMap<readonly unknown[], ReadonlySet<unknown>>();

/**
 * Whether the scenario declares a variable with this id. Asked by each problem that may name one
 * (a declared variable tested with "conduct", above all): 40,000 conditions on the last of 40,000
 * variables read the list each, some 12 s.
 */
function declaredVariable(raw: unknown, id: string): boolean {
  const variables = valueAt(raw, ['variables']);
  if (!Array.isArray(variables)) return false;
  let ids = declaredIds.get(variables);
  if (ids === undefined) {
    ids = new Set(variables.map((v: unknown) => (typeof v === 'object' && v !== null ? (v as { id?: unknown }).id : undefined)));
    declaredIds.set(variables, ids);
  }
  return ids.has(id);
}

/**
 * The declared id a reference written as a name or with capitals means: a line's "character" written
 * as the character's name ("Maya" for "maya"), or a variable or node written so. Undefined when the
 * field refers to nothing declared, or nothing matches.
 */
export function declaredIdMeant(raw: unknown, key: string | number | undefined, value: string): { id: string; what: string } | undefined {
  const list = key === 'character' ? 'characters' : key === 'var' ? 'variables' : key === 'to' || key === 'next' || key === 'start' ? 'nodes' : undefined;
  if (!list) return undefined;
  const items = valueAt(raw, [list]);
  if (!Array.isArray(items)) return undefined;
  // The first item, in file order, whose id is the value as an id or that is named as written.
  const index = meantIndexOf(items, list);
  const byId = index.ids.get(slugify(value));
  // A character written as the apps show the speaker, "Jade (youth)" or "Jade (youth):" (found by
  // author-50: told to use "jade-youth"): its name, the role and colon left off.
  const written = value.trim().toLowerCase();
  const byName = index.names.get(written) ?? (list === 'characters' && written.length <= 200 ? index.names.get(written.replace(/\s*\([^()]*\)\s*:?$|\s*:$/, '')) : undefined);
  const at = byId === undefined ? byName : byName === undefined ? byId : Math.min(byId, byName);
  if (at === undefined) return undefined;
  const { id, name, label, title } = items[at] as { id: string; name?: unknown; label?: unknown; title?: unknown };
  const shown = (text: unknown, noun: string) => (typeof text === 'string' && text.trim() !== '' ? `the ${noun} ${quoteValue(text)}` : `that ${noun}`);
  return { id, what: list === 'characters' ? shown(name, 'character') : list === 'variables' ? shown(label, 'variable') : shown(title, 'node') };
}

/**
 * The node a reference written in words ("the mixed ending", "End Mixd") most likely names, by the
 * spelling of its id or by its words: undefined when none, or several, fit.
 */
const nodeLookups = new WeakMap<readonly unknown[], (slug: string) => string | undefined>();
function nodeNamedInWords(raw: unknown, value: string): { id: string; what: string } | undefined {
  const items = valueAt(raw, ['nodes']);
  if (!Array.isArray(items) || value.length > 200) return undefined;
  // Made once per file, as meantIndexOf is: 20,000 such references would each index every node.
  let look = nodeLookups.get(items);
  if (look === undefined) {
    const ids = [...meantIndexOf(items, 'nodes').ids.keys()];
    const byWords = wordSuggester(ids, { most: 2, ignore: FILLER_WORDS });
    const suggest = suggester(ids);
    nodeLookups.set(items, (look = (slug) => {
      const [one, other] = byWords(slug);
      return suggest(slug) ?? (other === undefined ? one : undefined);
    }));
  }
  const id = look(slugify(value));
  if (id === undefined) return undefined;
  const { title } = items[meantIndexOf(items, 'nodes').ids.get(id) as number] as { title?: unknown };
  return { id, what: typeof title === 'string' && title.trim() !== '' ? `the node ${quoteValue(title)}` : 'that node' };
}

/** Where each id, and each name as written (trimmed, lower case), first appears in a list of a file's characters, variables or nodes. */
interface MeantIndex { ids: Map<string, number>; names: Map<string, number> }
const meantIndexes = new WeakMap<readonly unknown[], MeantIndex>();

/**
 * declaredIdMeant's look-up for one list, made once per file: it looked through every item for each
 * reference that is not an id, and 20,000 such references (a hidden character after each "next")
 * in 20,000 nodes took seconds. Items without an id as text are left out, as they were.
 */
function meantIndexOf(items: readonly unknown[], list: 'characters' | 'variables' | 'nodes'): MeantIndex {
  const known = meantIndexes.get(items);
  if (known) return known;
  const index: MeantIndex = { ids: new Map(), names: new Map() };
  items.forEach((item, i) => {
    if (typeof item !== 'object' || item === null) return;
    const { id, name, label, title } = item as { id?: unknown; name?: unknown; label?: unknown; title?: unknown };
    // An item whose own id is not one is never the id to change to: a character written "Jade",
    // named "Jade", had each line's "character": "Jade" told 'Change it to "Jade"' (found by
    // ids-52). That item's invalid-id error says what to write, for it and for the places naming it.
    if (typeof id !== 'string' || !S.Id.safeParse(id).success) return;
    if (!index.ids.has(id)) index.ids.set(id, i);
    // Named as the file names it: a character by its name, a variable by its label, a node by its title.
    const shownAs = list === 'characters' ? name : list === 'variables' ? label : title;
    if (typeof shownAs === 'string') {
      const lower = shownAs.trim().toLowerCase();
      if (!index.names.has(lower)) index.names.set(lower, i);
    }
  });
  meantIndexes.set(items, index);
  return index;
}

/**
 * A "next", route "to" or "start" left empty (""): it names no node. Said so, with the node that
 * follows in the file and the ending nodes, the ids a trainer usually means (it said only: use
 * something like "my-id").
 */
function emptyReference(raw: unknown, path: JsonPath, key: 'next' | 'to' | 'start'): UnlocatedProblem {
  const items = valueAt(raw, ['nodes']);
  const nodes = (Array.isArray(items) ? items : []).flatMap((item, i) => {
    const { id, kind } = (typeof item === 'object' && item !== null ? item : {}) as { id?: unknown; kind?: unknown };
    return typeof id === 'string' && S.Id.safeParse(id).success ? [{ id, ending: kind === 'ending', i }] : [];
  });
  const listed = (ids: string[]) => `${ids.slice(0, 5).map((id) => quoteValue(id)).join(', ')}${ids.length > 5 ? ` and ${countWords(ids.length - 5)} more` : ''}`;
  const endings = nodes.filter((n) => n.ending).map((n) => n.id);
  if (key === 'start') {
    const first = nodes[0]?.id;
    return { severity: 'error', code: 'invalid-id', path, message: '"start" is empty, so no node is named to begin the story with.',
      fix: first ? `Write the id of the first node, e.g. "start": ${quoteValue(first)} (the first node in "nodes").` : 'Write the id of the first node in "nodes".' };
  }
  const at = typeof path[1] === 'number' ? path[1] : -1;
  const following = nodes.filter((n) => n.i > at && !n.ending).map((n) => n.id);
  const where = path.includes('replies') ? 'this reply' : 'this scene';
  const ending = endings.length > 0 ? `name an ending node: ${listed(endings)}` : 'name an ending node (a node with "kind": "ending" and its "ending", "title" and "debrief"; add one, there is none yet)';
  return { severity: 'error', code: 'invalid-id', path,
    message: `${key === 'to' ? 'This route\'s "to"' : 'This "next"'} is empty, so the next node is missing: the story has nowhere to go after ${where}.`,
    fix: `Write the id of the node that follows${following.length > 0 ? ` (the nodes after this one in the file are ${listed(following)})` : ''}. To end the story here, ${ending}.` };
}

/**
 * What a learning goal is, for an empty "learningGoals", with the principles the file's replies
 * are scored on to choose from (or the example docs/authoring.md gives).
 */
function learningGoalsFix(raw: unknown): string {
  const scored = new Set<string>();
  const nodes = valueAt(raw, ['nodes']);
  for (const node of Array.isArray(nodes) ? nodes : []) {
    const replies = (typeof node === 'object' && node !== null ? (node as { replies?: unknown }).replies : undefined);
    for (const reply of Array.isArray(replies) ? replies : []) {
      const assessments = typeof reply === 'object' && reply !== null ? (reply as { assessments?: unknown }).assessments : undefined;
      for (const a of Array.isArray(assessments) ? assessments : []) {
        const principle = typeof a === 'object' && a !== null ? (a as { principle?: unknown }).principle : undefined;
        if (typeof principle === 'string' && principleIds.includes(principle)) scored.add(principle);
      }
    }
  }
  const ids = [...scored];
  const example = ids.length > 0
    ? `This file's replies are scored on ${ids.slice(0, 5).map((id) => quoteValue(id)).join(', ')}${ids.length > 5 ? ` and ${countWords(ids.length - 5)} more` : ''}: list the ones the scenario is about, e.g. "learningGoals": [${ids.slice(0, 2).map((id) => quoteValue(id)).join(', ')}].`
    : 'For example: "learningGoals": ["curious-not-interrogating", "safety-planning"].';
  return `A learning goal is the id of a principle of the guide this scenario practises (${pointerWords.goalIds()}); each should be assessed by at least one reply. ${example}`;
}

/** Whether the scenario declares `id` as a yes/no flag ("type": "flag"). */
function declaredFlag(raw: unknown, id: string): boolean {
  const variables = valueAt(raw, ['variables']);
  return Array.isArray(variables) && variables.some((v) => typeof v === 'object' && v !== null && (v as { id?: unknown }).id === id && (v as { type?: unknown }).type === 'flag');
}

const SIGNS: Record<string, string> = { '>=': 'gte', '=>': 'gte', '≥': 'gte', '>': 'gt', '<=': 'lte', '=<': 'lte', '≤': 'lte', '<': 'lt', '=': 'eq', '==': 'eq', '!=': 'ne', '≠': 'ne' };

/** "trust > 70" as the condition it means, { "var": "trust", "gt": 70 }; undefined for anything else. */
/** Conduct measures a condition can test without naming a principle (see "Conditions on conduct"). */
const CONDUCT_WORDS = new Set(['score', 'critical', 'percent', 'points']);

/**
 * A condition written as a comparison in a text ("trust >= 60"), written out as JSON. A name that
 * is a conduct measure ("score >= 50") and not one of the file's variables tests conduct.
 */
function conditionFromText(text: string, raw: unknown): string | undefined {
  const written = joinedParts(text).map((p) => oneConditionFromText(p, raw));
  if (written.length === 0 || written.some((w) => w === undefined)) return undefined;
  return written.length === 1 ? written[0] : writtenList(written as string[]);
}

/**
 * "trust >= 50 and score >= 50": several comparisons that must all hold are a list. Split at the
 * joining word or sign alone (each part's spaces are read by its own, anchored, pattern): spaces
 * around it in the pattern read the rest of a run of spaces from each space in it, and a "when"
 * of 160,000 spaces between a comparison and a word took 81 s.
 */
function joinedParts(text: string): string[] {
  return text.split(/(?<=\s)and(?=\s)|&&?|,/i).filter((p) => p.trim() !== '');
}

/** How a fact of the story becomes a yes/no flag whose id is `id`: declared, and set by a reply. */
function flagSteps(id: string): string {
  return `declare a yes/no flag in "variables" ({ "id": "${id}", "label": "…", "type": "flag", "start": false }), set it in the reply that makes it so ("effects": [{ "var": "${id}", "set": true }])`;
}

/**
 * The fix of a text joining comparisons and facts of the story with "and": the list, with a flag's
 * test for each fact, and how to make each flag. Undefined unless every part is one or the other.
 */
function joinedWithFacts(text: string, raw: unknown): string | undefined {
  const parts = joinedParts(text);
  const facts = parts.filter((p) => oneConditionFromText(p, raw) === undefined);
  // (A part with a sign or a number is a comparison written another way, and one that starts with a
  // variable's id ("trust is high") is one without its number: neither is a fact for a flag.)
  const namesVariable = (p: string) => declaredVariable(raw, p.trim().split(/\s/)[0]?.toLowerCase() ?? '');
  if (facts.length === 0 || facts.some((p) => /[<>=≤≥≠!\d]/.test(p) || namesVariable(p))) return undefined;
  // A fact written as an id ("told-csw", a flag not declared yet) keeps it as the flag's id.
  const idOf = (i: number) => {
    const fact = facts[i]?.trim() ?? '';
    return S.Id.safeParse(fact).success ? fact : facts.length === 1 ? '<flag id>' : `<flag ${i + 1} id>`;
  };
  const written = parts.map((p) => oneConditionFromText(p, raw) ?? `{ "var": "${idOf(facts.indexOf(p))}", "is": true }`);
  const steps = facts.length === 1
    ? `For the fact ${quoteValue(facts[0]?.trim())}, ${flagSteps(idOf(0))}.`
    : `For each fact, ${flagSteps('<flag … id>')}: ${facts.map((f, i) => `"${idOf(i)}" for ${quoteValue(f.trim())}`).join(', ')}.`;
  return `Write "when": ${writtenList(written)}, where "is": true tests a yes/no flag. ${steps} A list of conditions must all hold.`;
}

/** What to change in a value that is one of its field's in lower case, once trimmed: its capitals, its spaces or both. */
function lowerCaseWords(value: string): string {
  const spaced = value.trim() !== value;
  const capitals = value.trim() !== value.trim().toLowerCase();
  return spaced && capitals ? 'in lower case and without the space' : spaced ? 'without the space' : 'in lower case';
}

/** Words for "in every other case", written as a "when". */
const OTHERWISE_WORDS = new Set(['otherwise', 'else', 'default', 'fallback', 'always', 'anything else', 'everything else']);

/** Whether `id` is declared in the file as a yes/no flag. */
function declaredAsFlag(raw: unknown, id: string): boolean {
  const variables = (raw as { variables?: unknown }).variables;
  return Array.isArray(variables) && variables.some((v) => (v as { id?: unknown; type?: unknown } | null)?.id === id && (v as { type?: unknown }).type === 'flag');
}

/** "told-csw is true", "told-csw = no", "not told-csw", "told-csw": a declared flag's test, with "is". */
function flagConditionFromText(text: string, raw: unknown): string | undefined {
  const yes: Record<string, boolean> = { true: true, yes: true, false: false, no: false };
  const compared = /^\s*([a-z0-9]+(?:-[a-z0-9]+)*)\s*(is not|isn't|is|==|=|!=|≠)\s*(true|false|yes|no)\s*$/i.exec(text);
  const bare = /^\s*(not\s+|!\s*)?([a-z0-9]+(?:-[a-z0-9]+)*)\s*$/i.exec(text);
  const id = compared?.[1] ?? bare?.[2];
  if (!id || !declaredAsFlag(raw, id)) return undefined;
  let is: boolean;
  if (compared?.[2] && compared[3]) {
    const negated = ['is not', "isn't", '!=', '≠'].includes(compared[2].toLowerCase());
    is = (yes[compared[3].toLowerCase()] ?? true) !== negated;
  } else is = !bare?.[1];
  return `{ "var": ${quoteValue(id)}, "is": ${String(is)} }`;
}

function oneConditionFromText(text: string, raw: unknown): string | undefined {
  const flag = flagConditionFromText(text, raw);
  if (flag) return flag;
  const m = /^\s*([a-z0-9]+(?:-[a-z0-9]+)*)\s*(>=|=>|≥|>|<=|=<|≤|<|==|=|!=|≠)\s*(-?[0-9]+)\s*$/.exec(text);
  if (!m?.[1] || !m[2] || !m[3]) return conditionFromWords(text, raw);
  const variables = (raw as { variables?: unknown }).variables;
  const declared = Array.isArray(variables) && variables.some((v) => (v as { id?: unknown } | null)?.id === m[1]);
  const subject = !declared && CONDUCT_WORDS.has(m[1]) ? `"conduct": ${quoteValue(m[1])}` : `"var": ${quoteValue(m[1])}`;
  return `{ ${subject}, "${SIGNS[m[2]] ?? 'eq'}": ${Number(m[3])} }`;
}

/**
 * Words for a comparison before its number in a text ("trust is at least 60"): those written as a
 * field's name (COMPARISON_WORDS), and those that read only in a sentence ("is not", "isn't", "is").
 */
const TEXT_COMPARISON_WORDS: Readonly<Record<string, string>> = {
  ...COMPARISON_WORDS,
  'not less than': 'gte', 'no fewer than': 'gte', 'not under': 'gte', 'not below': 'gte',
  'not more than': 'lte', 'not over': 'lte', 'not above': 'lte',
  'higher than': 'gt', exceeds: 'gt', 'lower than': 'lt',
  'does not equal': 'ne', 'is not': 'ne', "isn't": 'ne', not: 'ne', is: 'eq',
  // A sign after a subject of more than one word ("critical violations = 0"), which the signs' own pattern does not read.
  ...SIGNS,
};
/** Words after a number that make it a bound ("60 or more"), and the comparison each is. */
const BOUND_WORDS: Readonly<Record<string, string>> = {
  'or more': 'gte', 'or higher': 'gte', 'or above': 'gte', 'or over': 'gte', 'or greater': 'gte', 'and up': 'gte', 'and above': 'gte', 'or better': 'gte', '+': 'gte',
  'or less': 'lte', 'or lower': 'lte', 'or fewer': 'lte', 'or below': 'lte', 'or under': 'lte', 'and under': 'lte', 'and below': 'lte',
};
const COMPARISON_WORDS_PATTERN = new RegExp(`^(.+?) (?:(?:is )?(${Object.keys(TEXT_COMPARISON_WORDS).sort((a, b) => b.length - a.length).join('|')}) )?(-?[0-9]+)(?: ?%| percent)?(?: ?(${Object.keys(BOUND_WORDS).map((w) => w.replace('+', '\\+')).join('|')}))?$`);

/**
 * A comparison written in words, "trust is at least 60", "score 80 or more", "no critical
 * violations", as the condition it means; undefined for anything else. The subject is one of the
 * file's variables (by its id, spaces for hyphens) or a conduct measure (score, critical, points,
 * percent). Found by author-60: such words, alone or joined with "and", got only the fix
 * 'Write "when": { "var": "trust", "gte": 60 }', whatever they said.
 */
function conditionFromWords(text: string, raw: unknown): string | undefined {
  // Words for a comparison are short: a long text is not read (nor a run of spaces searched).
  if (text.length > 120) return undefined;
  const words = text.trim().toLowerCase().replace(/\s+/g, ' ').replace(/^(?:if|when|only if) /, '');
  // Critical violations are the guide's prohibited activities: "no prohibited act" says the same.
  const critical = '(?:critical(?: violations?)?|prohibited (?:acts?|activit(?:y|ies)))';
  if (new RegExp(`^(?:no|zero|without|without any|0) ${critical}$`).test(words)) return '{ "conduct": "critical", "eq": 0 }';
  if (new RegExp(`^(?:(?:after|with|there is|there was|there were) )?(?:a|an|any|one|one or more|at least one|some) ${critical}$`).test(words)) return '{ "conduct": "critical", "gte": 1 }';
  const m = COMPARISON_WORDS_PATTERN.exec(words);
  if (!m?.[1] || !m[3]) return undefined;
  const subject = subjectOf(m[1], raw);
  const bound = m[4] === undefined ? undefined : BOUND_WORDS[m[4]];
  // "trust 60" says no comparison; "trust 60 or more" says it after the number.
  if (subject === undefined || (m[2] === undefined && bound === undefined)) return undefined;
  // "is 60 or more": the bound says it; "at least 60 or more" says it twice, the same way.
  const said = (m[2] === undefined ? undefined : TEXT_COMPARISON_WORDS[m[2]]) ?? 'eq';
  if (bound !== undefined && said !== 'eq' && said !== bound) return undefined;
  return `{ ${subject}, "${bound ?? said}": ${Number(m[3])} }`;
}

/** What a condition in words tests: a declared variable ("var") or a conduct measure ("conduct"), as written in the fix. */
function subjectOf(words: string, raw: unknown): string | undefined {
  const named = variableNamed(words, raw);
  if (named !== undefined) return `"var": ${quoteValue(named)}`;
  const measure = conductMeant(words.replace(/ /g, '-'));
  if (measure !== undefined && measure !== 'violations') return `"conduct": ${quoteValue(measure)}`;
  return undefined;
}

/** The id of the declared variable `words` (in lower case, single spaces) names: by its id (spaces for hyphens), or by its label ("Mateo's trust"). */
function variableNamed(words: string, raw: unknown): string | undefined {
  const id = words.replace(/^(?:the|his|her|their|my|your) /, '').replace(/ /g, '-');
  if (declaredVariable(raw, id)) return id;
  const variables = valueAt(raw, ['variables']);
  const labelled = Array.isArray(variables) ? variables.find((v: unknown) => {
    const { label, id: its } = (typeof v === 'object' && v !== null ? v : {}) as { label?: unknown; id?: unknown };
    return typeof label === 'string' && typeof its === 'string' && label.trim().toLowerCase().replace(/\s+/g, ' ').replace(/[’‘]/g, "'") === words.replace(/[’‘]/g, "'");
  }) as { id: string } | undefined : undefined;
  return labelled?.id;
}

/**
 * An effect written as text ("trust +15", "trust -10", "set trust to 50", "told-csw = true", a
 * flag's id alone), as the effect it means; undefined for anything else, or a variable the file
 * does not declare. Found by author-60: "effects": ["trust +15"] was told only 'Use an object in
 * braces: { … }.', and { "trust": "+15" } to write { "var": "trust", "add": 10 }.
 */
function effectFromText(text: string, raw: unknown): string | undefined {
  if (text.length > 120) return undefined;
  const words = text.trim().toLowerCase().replace(/\s+/g, ' ');
  const bare = variableNamed(words, raw);
  if (bare !== undefined) return declaredFlag(raw, bare) ? `{ "var": ${quoteValue(bare)}, "set": true }` : undefined;
  const m = /^(?:set )?(.+?) ?(\+|-|=|to|becomes) ?(-?[0-9]+|true|false|yes|no)$/.exec(words);
  const id = m?.[1] === undefined ? undefined : variableNamed(m[1], raw);
  if (!m?.[2] || !m[3] || id === undefined) return undefined;
  const yes = BOOLEAN_WORDS[m[3]];
  if (declaredFlag(raw, id)) return yes !== undefined && !'+-'.includes(m[2]) ? `{ "var": ${quoteValue(id)}, "set": ${String(yes)} }` : undefined;
  if (yes !== undefined) return undefined;
  const amount = Number(m[3]);
  return m[2] === '+' || m[2] === '-' ? `{ "var": ${quoteValue(id)}, "add": ${m[2] === '-' ? -Math.abs(amount) : amount} }` : `{ "var": ${quoteValue(id)}, "set": ${amount} }`;
}

/**
 * Whether a union branch got past the first test (the value's type): an issue inside the value, or
 * of another kind. A nested union counts only if one of its own branches went deeper, so that a list
 * of conditions is not read as a failed single condition (whose branches both want an object).
 */
/** A union branch's issues, only the type error when the branch is refused for its type at its root. */
function wrongTypeOnly(branch: readonly Issue[]): Issue[] {
  const wrongType = branch.find((i) => i.path.length === 0 && i.code === 'invalid_type');
  return wrongType ? branch.filter((i) => i.path.length > 0 || i === wrongType) : [...branch];
}

function wentDeeper(issue: Issue): boolean {
  if (issue.path.length > 0) return true;
  if (issue.code === 'invalid_union') return issue.errors.some((b) => b.some(wentDeeper));
  return issue.code !== 'invalid_type';
}

/** The fix of an effect with neither "add" nor "set": what its fields mean, or the two ways to write one for its variable. */
function effectFix(effect: unknown): string {
  const meant = effectMeant(effect);
  if (meant) return `Write ${meant}.`;
  const v = typeof effect === 'object' && effect !== null && typeof (effect as { var?: unknown }).var === 'string' ? quoteValue((effect as { var: string }).var) : '"trust"';
  return `Write { "var": ${v}, "add": 10 } or { "var": ${v}, "set": 50 }.`;
}

/**
 * A conduct condition tested with "is", as a flag is ({ "conduct": "critical", "is": false }): its
 * words, said once (with no "var", the unknown-field error for "is" is left out). Found by author-59:
 * it was told it had no comparison, and that "is" is a variable's, to be split into two conditions.
 */
function conductIs(value: unknown): { message: string; fix: string } | undefined {
  if (!isObject(value) || !Object.hasOwn(value, 'is') || Object.hasOwn(value, 'var') || typeof value.conduct !== 'string') return undefined;
  // With a comparison as well, "is" is only one field too many (its unknown-field error says so).
  if (['gte', 'gt', 'lte', 'lt', 'eq', 'ne'].some((op) => Object.hasOwn(value, op))) return undefined;
  const measure = value.conduct;
  const counted = measure === 'critical' || measure === 'violations';
  const principle = measure === 'violations' && typeof value.principle === 'string' ? `, "principle": ${quoteValue(value.principle)}` : '';
  const written = (op: string, n: number) => `{ "conduct": ${quoteValue(measure)}${principle}, "${op}": ${n} }`;
  return {
    message: `This condition tests ${quoteValue(measure)} with "is", which tests a yes/no flag; ${counted ? `"${measure}" is a count` : `"${measure}" is a number`}, so it is compared with a number.`,
    fix: counted
      ? `Write ${written('eq', 0)} for none so far ("is": false), or ${written('gte', 1)} for one or more ("is": true).`
      : `Write a comparison in place of "is", e.g. ${written('gte', measure === 'points' ? 4 : 80)}.`,
  };
}

function customProblem(message: string, path: JsonPath, value: unknown): UnlocatedProblem {
  if (message.includes('comparison')) {
    const conduct = typeof value === 'object' && value !== null && 'conduct' in value;
    const isInstead = conduct ? conductIs(value) : undefined;
    if (isInstead) return errorAt(path, 'invalid-condition', isInstead.message, isInstead.fix);
    return errorAt(path, 'invalid-condition', 'This condition has no comparison, so it cannot be tested.',
      conduct ? 'Write a condition like { "conduct": "critical", "gte": 1 } (gte, gt, lte, lt, eq or ne).' : 'Write a condition like { "var": "trust", "gte": 60 } (gte, gt, lte, lt, eq or ne).');
  }
  if (message.includes('"principle" goes with')) {
    const violations = typeof value === 'object' && value !== null && (value as { conduct?: unknown }).conduct === 'violations';
    return errorAt(path, 'invalid-condition', violations ? 'A "violations" condition needs "principle": the principle whose violations it counts.' : '"principle" only goes with "conduct": "violations".',
      violations ? 'Add "principle": "<principle id>", e.g. { "conduct": "violations", "principle": "no-investigating", "gte": 1 }.' : 'Remove "principle", or count that principle\'s violations with "conduct": "violations".');
  }
  if (message.includes('"add" or "set"')) {
    const both = typeof value === 'object' && value !== null && 'add' in value && 'set' in value;
    const p = errorAt(path, 'invalid-effect', both ? 'This effect has both "add" and "set"; it can only do one.' : 'This effect has neither "add" nor "set", so it changes nothing.',
      both ? 'Keep either "add" (to change by an amount) or "set" (to set a value).' : effectFix(value));
    return !both && effectMeant(value) !== undefined ? marked(GUESSED_EFFECT, p) : p;
  }
  if (message.startsWith('variable:')) {
    const flag = typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'flag';
    // A number variable with a field left out: which one ("min" deleted with its line), and what to add.
    const fields = typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Record<string, unknown> : undefined;
    const missing = flag || fields === undefined ? [] : (['min', 'max', 'start'] as const).filter((k) => fields[k] === undefined);
    if (missing.length > 0 && fields !== undefined) {
      const min = Number.isSafeInteger(fields.min) ? fields.min as number : 0;
      const max = Number.isSafeInteger(fields.max) ? fields.max as number : Math.max(min, 100);
      const add = { min: `"min": ${Math.min(min, max)} (the lowest value it can take)`, max: `"max": ${max} (the highest)`, start: `"start": ${min} (its value when a playthrough begins)` };
      const id = typeof fields.id === 'string' && !isBlank(fields.id) ? quoteValue(fields.id, 40) : 'this variable';
      return errorAt(path, 'invalid-variable', `A number variable needs whole numbers for "min", "max" and "start"; ${id} has no ${quoteList(missing.map((k) => `"${k}"`)).replace(/ and /, missing.length > 1 ? ' or ' : ' and ')}.`,
        `Add ${quoteList(missing.map((k) => add[k]))}, or add "type": "flag" and "start": true or false for a yes/no fact.`);
    }
    // A flag with a number's fields ("shown": true, as the trust meter beside it has), or a number for
    // "start": named, with what to take out or write, for this flag.
    if (flag && fields !== undefined) {
      const extra = (['min', 'max', 'shown'] as const).filter((k) => fields[k] !== undefined);
      const start = fields.start === undefined || typeof fields.start === 'boolean' ? undefined : fields.start;
      const id = typeof fields.id === 'string' && !isBlank(fields.id) ? quoteValue(fields.id, 40) : 'this flag';
      const has = [...(extra.length > 0 ? [quoteList(extra.map((k) => `"${k}"`))] : []), ...(start !== undefined ? [`"start": ${typeof start === 'string' ? quoteValue(start, 40) : JSON.stringify(start) ?? String(start)}`] : [])];
      if (has.length > 0) {
        const falsy = start === 0 || start === '0' || (typeof start === 'string' && ['no', 'false'].includes(start.trim().toLowerCase()));
        return errorAt(path, 'invalid-variable', `A yes/no flag ("type": "flag") has "start": true or false, and no "min", "max" or "shown"; ${id} has ${has.join(', and ')}.`,
          [...(extra.length > 0 ? [`Remove ${quoteList(extra.map((k) => `"${k}"`))} from ${id}: a flag is never shown as a meter, and has no range.`] : []),
            ...(start !== undefined ? [falsy || start === null ? 'Write "start": false (no) or true (yes).' : 'Write "start": true (yes) or false (no).'] : [])].join(' '));
      }
    }
    return errorAt(path, 'invalid-variable', flag ? 'A yes/no flag ("type": "flag") has "start": true or false, and no "min", "max" or "shown".' : 'A number variable needs whole numbers for "min", "max" and "start".',
      flag ? 'Write { "id": "told-csw", "label": "…", "type": "flag", "start": false }.' : 'Write { "id": "trust", "label": "…", "min": 0, "max": 100, "start": 50 }, or add "type": "flag" and "start": true or false for a yes/no fact.');
  }
  if (message === S.SCENE_NEEDS) {
    return errorAt(path, 'empty-scene', 'This scene has no "narration" and no "lines", so there is nothing to show.', 'Add "narration": "…" or "lines": [{ "character": "<id>", "text": "…" }].');
  }
  return errorAt(path, 'invalid-value', `${formatKey(path)} ${message}.`, pointerWords.checkField());
}

function formatKey(path: JsonPath): string {
  const key = path[path.length - 1];
  return typeof key === 'string' ? quoteValue(key) : 'This item';
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
