import { findNodeAtLocation, parseTree, type Node as JsonNode } from 'jsonc-parser';
import { isScenarioId } from '../scenario-id.js';
import { conditionsOf, type Variables } from '../conditions.js';
import { describeWhen } from '../graph-model.js';
import { exploreScenario } from '../audit/explore.js';
import { analyseBest, canBeMissed, offeredOnBestPath, type BlockedAt, type PathStep } from '../scoring.js';
import { signed } from '../report/words.js';
import { indexScenario, replyValue } from '../scenario-index.js';
import { ScenarioNode, SceneNode, DecisionNode, EndingNode, Scenario, Character, Variable, Id, Line, Next, Reply, Assessment, type Reply as ReplyType, type Scenario as ScenarioType, type When } from '../schema/scenario.js';
import { visibleLine } from '../text/clean.js';
import { countWords, firstFew, MAX_NAMED } from '../text/first-few.js';
import { quoteValue, shownFileName } from '../text/quote.js';
import { conformsToCharacter, conformsToNode, conformsToVariable, scenarioKeyCount } from './conforms.js';
import { integrityProblems } from './integrity.js';
import { unusedCharacterProblems } from './cast.js';
import { groupRepeats } from './repeats.js';
import { foldKnockOns } from './fold.js';
import { foldSameInvalidIds } from './same-id.js';
import { invisibleCharacterProblems, withHiddenCharacters } from './invisible.js';
import { markupProblems } from './markup.js';
import { withPointers, pointerWords, type AuthoringPointers } from './pointers.js';
import { closest, formatProblem, PLACES_AT, pushAll, RELATED_AT, resetSuggestionBudget, type JsonPath, type Problem, type UnlocatedProblem } from './problem.js';
import { isWordForId, schemaProblems } from './schema-issues.js';
import { semanticProblems, type CheckInput, type LooseNode } from './semantic.js';
import { duplicateKeyProblems, LineMap, rawStringOffset, findExcessiveNesting, mayRepeatKeys, findInvalidUtf8, locateProblems, locationPaths, MAX_DEPTH, MAX_FILE_BYTES, problemPositions, scanSyntax, syntaxProblems, valueBefore, COMMA_EXPECTED, type VisitSteps } from './source.js';

/** The validator's verdict: the scenario when it has no errors, and every problem found. */
export interface ValidationResult {
  ok: boolean;
  /** Present when there are no errors (warnings allowed). */
  scenario?: ScenarioType;
  problems: Problem[];
  errors: number;
  warnings: number;
  /**
   * How many problems were left out of `problems` (only MAX_PROBLEMS are kept, errors before
   * warnings), by code, and how many of them are errors and how many warnings.
   */
  truncated?: { count: number; codes: Record<string, number>; errors?: number; warnings?: number };
}

/** What a caller that can read files adds to a validation (the core reads none). */
export interface ValidateOptions {
  /**
   * Whether the file's "$schema" path leads to the scenario schema from the file's folder, and if
   * not, the path that would. The terminal's validate passes it; a browser cannot tell.
   */
  schemaRef?: (value: string) => { found: true } | { found: false; path: string };
  /**
   * The file's name without ".json", when the file must be named after its scenario's id: a file in
   * the app's scenarios folder, which the picker and `play <id>` find by that name. Unset elsewhere.
   */
  fileStem?: string;
  /**
   * Another scenario file in the app's scenarios folder that holds a scenario with this id.
   * Completion records, kept by id, would mix them up wherever the file is; saved progress and the
   * picker's list too when the file is in that folder (`fileStem` set), where saves are kept by id
   * alone. The terminal's validate passes it.
   */
  sameIdElsewhere?: (id: string) => string | undefined;
  /**
   * The app's scenario file that this file, with its name and this id but other text, is a changed
   * version of, as it is to be shown: a caller that holds the app's scenarios as they were built
   * (the web app's Preview) and cannot tell an edit of one of them, opened from the scenarios
   * folder, from a copy. Told to give it an id of its own (duplicate-scenario-id), a trainer
   * changing the app's scenario was asked to copy it. Checked before sameIdElsewhere.
   */
  changesAppFile?: (id: string) => string | undefined;
  /**
   * The other files validated in the same run (a folder, or several files named), outside the app's
   * scenarios folder, that hold a scenario with this id, as they are to be shown. Completion records
   * are kept by scenario id, so the two would share them. The terminal's validate passes it.
   */
  sameIdInRun?: (id: string) => readonly string[];
  /**
   * The command line that runs the program with these arguments where the caller was started, for a
   * fix that names a command: the terminal's command() ("npm run cli -- schema --for <this file>",
   * "node bin/casa-practice.js …"). The core cannot know how it was started; without it, a fix
   * names the command by its words alone (the "schema --for <this file>" command).
   */
  command?: (args: string) => string;
  /**
   * Where the fixes send a trainer for the authoring guide's worked example, its list of principle
   * ids and the format's JSON Schema, for a caller whose trainer has not the program's files (the
   * web app's Preview), and a fix that named a file says what it would have told; without it, the
   * fixes name docs/authoring.md, scenarios/guide/ and the scenarios folder's scenario.schema.json.
   */
  authoring?: AuthoringPointers;
}

/** A command named in a fix or message: the caller's full command line, or its words alone. */
function commandWords(args: string, options: ValidateOptions, quoted: boolean): string {
  if (options.command) return quoted ? `"${options.command(args)}"` : options.command(args);
  return `the "${args}" command`;
}

/** The name every "$schema" of a scenario ends with: the file `npm run schema` writes. */
export const SCHEMA_FILE_NAME = 'scenario.schema.json';

/** At most this many problems are listed per file; the rest are counted. */
export const MAX_PROBLEMS = 200;

const utf8 = new TextDecoder('utf-8');

/**
 * The text with each carriage return that is not followed by a line feed (old Mac line endings)
 * made a line feed, so that lines are counted as an editor shows them: JSON reads the two alike
 * (white space between values, a control character inside a string), and every offset stays where
 * it was.
 */
function oneLineBreak(text: string): string {
  return text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
}

/** The text as the validator reads it and counts its lines: without a byte-order mark, one line break. */
function readText(text: string): string {
  return oneLineBreak(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
}

/** A place in a scenario file as validate reports it: the file as shown, 1-based line and column. */
export interface FilePlace {
  file: string;
  line: number;
  column: number;
}

/**
 * Where paths into a scenario file are, for a tool that names places of a file that validated (the
 * audit): the same locator, over the same text, as validateScenario's problems, so a place is
 * reported as validate would report a problem there. Given the file's text or bytes (UTF-8).
 */
export function scenarioPlaces(input: string | Uint8Array, fileName: string): (paths: readonly JsonPath[]) => FilePlace[] {
  const text = readText(typeof input === 'string' ? input : utf8.decode(input));
  const file = shownFileName(fileName);
  return (paths) => locateProblems(text, file, paths.map((path) => ({ severity: 'warning' as const, code: '', path: [...path], message: '', fix: '' })))
    .map((p) => ({ file: p.file, line: p.line, column: p.column }));
}

/**
 * Validates a scenario file's text (or raw bytes) and returns every problem at once, each with
 * file, line:column, JSON path, message and fix. Never throws on any input.
 */
export function validateScenario(input: string | Uint8Array, fileName = 'scenario.json', options: ValidateOptions = {}): ValidationResult {
  return withPointers(options.authoring, () => validateText(input, fileName, options));
}

function validateText(input: string | Uint8Array, fileName: string, options: ValidateOptions): ValidationResult {
  resetSuggestionBudget();
  if (input.length > MAX_FILE_BYTES) {
    return single(fileName, 'file-too-large', `The file is ${mb(input.length)} MB; scenario files are limited to ${mb(MAX_FILE_BYTES)} MB.`, 'Split the scenario into several smaller scenarios.');
  }
  let text: string;
  if (typeof input === 'string') {
    text = input;
  } else {
    const document = documentKind(input);
    if (document) return single(fileName, 'not-plain-text', `The file is ${document}, not plain text: its name ends in .json, but a scenario file holds only the JSON text.`, DOCUMENT_FIX);
    const utf32 = utf32Encoding(input);
    if (utf32) {
      return single(fileName, 'not-utf8', `The file is saved as ${utf32} text, not as UTF-8.`,
        'Save it as UTF-8: open it in an editor that reads UTF-32 (Notepad++ or a recent Windows Notepad) and save it with the encoding "UTF-8"; VS Code cannot open UTF-32 files.');
    }
    const utf16 = utf16Encoding(input);
    if (utf16) {
      return single(fileName, 'not-utf8', `The file is saved as ${utf16} text (what Windows Notepad calls "${utf16 === 'UTF-16 LE' ? 'Unicode' : 'Unicode big endian'}"), not as UTF-8.`,
        `Save it as UTF-8: in VS Code click "${utf16}" in the status bar at the bottom right, choose "Save with Encoding" and pick "UTF-8"; in Notepad choose File → Save As and set Encoding to "UTF-8".`);
    }
    const bad = findInvalidUtf8(input);
    if (bad >= 0) {
      const before = oneLineBreak(utf8.decode(input.subarray(0, bad)));
      return finish(before, fileName, [{ severity: 'error', code: 'not-utf8', path: [], offset: before.length,
        message: `The file is not valid UTF-8 text (byte ${bad} is not part of a UTF-8 character).`,
        fix: 'The file was saved in an older encoding, often "Western (Windows 1252)". In VS Code click the encoding name in the status bar at the bottom right. If accented letters or curly quotes near here look wrong (�), first choose "Reopen with Encoding" and pick "Western (Windows 1252)"; then choose "Save with Encoding" and pick "UTF-8". Saving as UTF-8 before reopening turns those letters into � for good.' }]);
    }
    text = utf8.decode(input);
  }
  text = readText(text);
  if (text.startsWith('{\\rtf')) return single(fileName, 'not-plain-text', 'The file is a rich-text document (RTF, as WordPad or TextEdit save it), not plain text: its name ends in .json, but a scenario file holds only the JSON text.', DOCUMENT_FIX);
  if (text.trim() === '') return single(fileName, 'empty-file', 'The file is empty.', pointerWords.emptyFile());
  // JSON.parse copes with any depth, and the schema only descends as deep as a scenario goes, so
  // the depth scan is needed only before the recursive steps: syntax errors, repair and locating.
  const tooDeep = (): ValidationResult | undefined => {
    const deep = findExcessiveNesting(text);
    if (deep < 0) return undefined;
    return finish(text, fileName, [{ severity: 'error', code: 'too-deep', path: [], offset: deep,
      message: `The JSON is nested more than ${MAX_DEPTH} levels deep here; a scenario needs about eight.`, fix: 'Check for runaway [ or { brackets.' }]);
  };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    const deep = tooDeep();
    if (deep) return deep;
    // One strict scan gives the errors and, for a file whose errors get a path, the steps that
    // path is read from.
    const scan = scanSyntax(text, text.length <= SYNTAX_PATHS_UP_TO);
    const syntax = syntaxProblems(text, undefined, scan.errors);
    if (syntax.length === 0) syntax.push({ severity: 'error', code: 'json-syntax', path: [], offset: 0, message: `Not valid JSON: ${(e as Error).message}.`, fix: 'Check the JSON syntax.' });
    return finish(text, fileName, syntaxWhere(text, syntax, scan.steps));
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    const what = Array.isArray(raw) ? 'a list ([ … ])' : raw === null ? 'null' : `a ${typeof raw}`;
    // A scenario wrapped in [ ]: the fix is to take the brackets away, not to wrap it again.
    const list: unknown[] = Array.isArray(raw) ? raw : [];
    const wrapped = list.length > 0 && list.every((x) => x !== null && typeof x === 'object' && !Array.isArray(x));
    const fix = !wrapped ? pointerWords.notAnObject()
      : list.length === 1 ? 'Remove the [ at the start of the file and the ] at its end: the scenario is the { … } between them.'
        : `Each scenario goes in a file of its own: this list holds ${list.length} objects. Put each { … } in its own .json file, without the [ ] and the commas between them.`;
    return finish(text, fileName, [{ severity: 'error', code: 'not-an-object', path: [], message: `The file holds ${what}, but a scenario is one JSON object ({ … }).`, fix }]);
  }
  // A valid file passes the quick check and is used as parsed; zod runs when it is not, to say why.
  // It counts the keys of every object on the way, which the key scan below compares with the text.
  const quickKeys = scenarioKeyCount(raw);
  // The scenario, or zod's issues: held here, not in zod's result, so that they are let go once read
  // (below): the issues of 100,000 nodes whose "id" is written "ID", some 80 MB, were held through
  // every check after, and each full collection went through them.
  const parsed: { data?: ScenarioType; issues?: ZodIssues } = quickKeys >= 0 ? { data: raw as ScenarioType } : schemaParse(raw as Record<string, unknown>);
  if (parsed.issues) {
    const deep = tooDeep();
    if (deep) return deep;
  }
  const problems: UnlocatedProblem[] = parsed.issues ? schemaProblems(raw, parsed.issues) : [];
  // The key scan walks the text recursively, so it runs only when keys may repeat, and is skipped
  // when the nesting is not a scenario's.
  const keysUnique = !(quickKeys >= 0 ? mayRepeatKeys(text, raw, quickKeys) : mayRepeatKeys(text, raw));
  if (!keysUnique && findExcessiveNesting(text) < 0) pushAll(problems, duplicateKeyProblems(text));
  const checkInput = parsed.data ? completeInput(parsed.data) : partialInput(raw as Record<string, unknown>, parsed.issues);
  parsed.issues = undefined;
  if (checkInput) pushAll(problems, semanticProblems(checkInput));
  if (!keysUnique) listedTwice(text, raw, problems);
  if (!keysUnique) idWrittenTwice(text, raw, problems);
  const ref = (raw as Record<string, unknown>).$schema;
  if (typeof ref === 'string') problems.push(...schemaRefProblems(ref, options));
  problems.push(...idProblems((raw as Record<string, unknown>).id, options));
  problems.push(...invisibleCharacterProblems(raw));
  problems.push(...markupProblems(raw));
  pushAll(problems, unusedCharacterProblems(raw));
  const hasErrors = problems.some((p) => p.severity === 'error');
  if (parsed.data && !hasErrors) {
    const best = analyseBest(parsed.data);
    if (best.blockedAt) problems.push(bestPathBlocked(parsed.data, best.blockedAt, best.pathScore, best.best));
    problems.push(...missedOnBestPath(parsed.data, best.path));
    problems.push(...bestHereNotBestPath(parsed.data, best.path));
    problems.push(...integrityProblems(parsed.data, problems));
  }
  return finish(text, fileName, folded(raw, problems), parsed.data && !hasErrors ? parsed.data : undefined, keysUnique, raw);
}

/**
 * The problems with hidden characters named, knock-ons folded into their causes and repeats grouped.
 * `problems` is emptied: the lists as found are let go before the file is located (they held the
 * 100,000 unknown-node errors folded into the errors at the nodes they name to the end).
 */
function folded(raw: unknown, problems: UnlocatedProblem[]): UnlocatedProblem[] {
  const hidden = withHiddenCharacters(raw, problems);
  problems.length = 0;
  return groupRepeats(foldSameInvalidIds(raw, foldKnockOns(hidden)));
}

/** The errors a top-level list written twice causes, by the list: only the last is read. */
const KNOCK_ON_OF_LIST: Readonly<Record<string, string>> = { variables: 'unknown-variable', characters: 'unknown-character', nodes: 'unknown-node' };

/**
 * A top-level "variables", "characters" or "nodes" written twice (a list pasted lower down): JSON
 * keeps the last, so the first's ids are not declared, and each reference to one was told to add
 * what is there already ("No variables are declared in this scenario yet: add a "variables" list").
 * Their fix says to merge the two lists instead (found by author-50). The first list's line is the
 * duplicate-key warning's ("first on line N"). Only a reference to an id an earlier list declares:
 * one that no list has keeps its own fix ("trsut", Did you mean "trust"?, was told to merge; found
 * by hostile-50). The earlier lists are read from the text (`raw` holds the last alone), once.
 */
function listedTwice(text: string, raw: unknown, problems: UnlocatedProblem[]): void {
  // The fix for each knock-on code, from the list's first duplicate-key warning; then one pass over
  // the problems. (A "variables" written 40,000 times, each warning reading every problem: 4 s.)
  const fixes = new Map<string, { list: string; fix: string }>();
  for (const d of problems) {
    if (d.code !== 'duplicate-key' || d.path.length !== 1) continue;
    const list = String(d.path[0]);
    const code = Object.hasOwn(KNOCK_ON_OF_LIST, list) ? KNOCK_ON_OF_LIST[list] : undefined;
    if (code === undefined || fixes.has(code)) continue;
    const line = /\(first on line (\d+)\)/.exec(d.message)?.[1];
    if (line === undefined) continue;
    fixes.set(code, { list, fix: `This file has "${list}" twice, the first on line ${line}: only the last is read, so what the first declares is not declared. Merge the two into one "${list}" list (see the duplicate-key warning).` });
  }
  if (fixes.size === 0) return;
  const hidden = idsOfEarlierLists(text, new Set([...fixes.values()].map((f) => f.list)));
  for (const p of problems) {
    const f = fixes.get(p.code);
    if (f === undefined) continue;
    const id = valueAt(raw, p.path);
    if (typeof id === 'string' && hidden.get(f.list)?.has(id) === true) p.fix = f.fix;
  }
}

/** The list whose items an "id" written twice belongs to, the error a reference to its first id gets, and the item's name. */
const ID_TWICE: Readonly<Record<string, { code: string; item: string }>> = {
  nodes: { code: 'unknown-node', item: 'node' },
  characters: { code: 'unknown-character', item: 'character' },
  variables: { code: 'unknown-variable', item: 'variable' },
};

/**
 * A node (character, variable) with "id" written twice, "d2-next" and then "d2-after": JSON keeps
 * the last, and a "next" naming the first was told "There is no node with the id "d2-next"", with
 * that id in plain sight in the file, and to add a node with it (found by author-57). Said as it
 * is, with the two lines and the two ways to mend it. The earlier ids are read from the text (`raw`
 * holds the last alone), once.
 */
function idWrittenTwice(text: string, raw: unknown, problems: UnlocatedProblem[]): void {
  const twice = problems.filter((d) => d.code === 'duplicate-key' && d.path.length === 3 && d.path[2] === 'id' && typeof d.path[1] === 'number' && Object.hasOwn(ID_TWICE, String(d.path[0])));
  if (twice.length === 0) return;
  const root = parseTree(text, [], { disallowComments: true });
  if (!root) return;
  const lines = new LineMap(text);
  /** Each id dropped, by its list's error code: where it is, and the id kept in its place. */
  const dropped = new Map<string, { list: string; index: number; line: number; kept: string; keptLine: number }>();
  for (const d of twice) {
    const list = String(d.path[0]);
    const index = d.path[1] as number;
    const ids = (findNodeAtLocation(root, [list, index])?.children ?? []).filter((p) => p.children?.[0]?.value === 'id').map((p) => p.children?.[1]);
    const last = ids[ids.length - 1];
    if (typeof last?.value !== 'string') continue;
    for (const v of ids.slice(0, -1)) {
      if (typeof v?.value !== 'string' || v.value === last.value) continue;
      const key = `${ID_TWICE[list]?.code ?? ''}\u0000${v.value}`;
      if (!dropped.has(key)) dropped.set(key, { list, index, line: lines.position(v.offset).line, kept: last.value, keptLine: lines.position(last.offset).line });
    }
  }
  if (dropped.size === 0) return;
  for (const p of problems) {
    const id = valueAt(raw, p.path);
    const d = typeof id === 'string' ? dropped.get(`${p.code}\u0000${id}`) : undefined;
    if (d === undefined || typeof id !== 'string') continue;
    const item = ID_TWICE[d.list]?.item ?? 'item';
    const where = `${d.list}[${d.index}]`;
    p.message = `There is no ${item} with the id ${quoteValue(id)}: ${where} has it as its "id" (line ${d.line}), but has "id": ${quoteValue(d.kept)} too (line ${d.keptLine}), and only the last "id" counts (see the duplicate-key warning).`;
    p.fix = `Keep one "id" in ${where}: delete "id": ${quoteValue(d.kept)} (line ${d.keptLine}) for this to name it, or write ${quoteValue(d.kept)} here if that is its id.`;
  }
}

/** The ids the top-level `lists` declare in each of their copies but the last (the one JSON keeps). */
function idsOfEarlierLists(text: string, lists: ReadonlySet<string>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const root = parseTree(text, [], { disallowComments: true });
  const copies = new Map<string, JsonNode[]>();
  for (const property of root?.type === 'object' ? root.children ?? [] : []) {
    const [key, value] = property.children ?? [];
    if (key === undefined || value === undefined || typeof key.value !== 'string' || !lists.has(key.value)) continue;
    const list = copies.get(key.value);
    if (list) list.push(value);
    else copies.set(key.value, [value]);
  }
  for (const [list, values] of copies) {
    const ids = new Set<string>();
    for (const value of values.slice(0, -1)) {
      if (value.type !== 'array') continue;
      for (const item of value.children ?? []) {
        const id = item.type === 'object' ? findNodeAtLocation(item, ['id']) : undefined;
        if (typeof id?.value === 'string') ids.add(id.value);
      }
    }
    out.set(list, ids);
  }
  return out;
}

/**
 * best-path-blocked, at the condition that is in the way (the ideal reply's "when", or the "when" of
 * the route it needs or of the route taken instead), with the values the best path brings there.
 */
function bestPathBlocked(scenario: ScenarioType, blocked: BlockedAt, pathScore: number, best: number): UnlocatedProblem {
  const nodeIndex = scenario.nodes.findIndex((n) => n.id === blocked.nodeId);
  const node = scenario.nodes[nodeIndex];
  const headline = `Conditions keep the best-practice path at ${quoteValue(blocked.nodeId)} from taking ${quoteValue(blocked.wanted)}, so no playthrough can score 100% (the best path earns ${pathScore} of ${best}).`;
  const generic = { severity: 'warning' as const, code: 'best-path-blocked', path: ['nodes', nodeIndex] as JsonPath, message: headline,
    fix: 'Loosen the "when" conditions on the best replies or routes, or change the effects before them so the ideal path stays open.' };
  if (!blocked.at || !node) return generic;
  const when = valueAt(node, blocked.at) as When | undefined;
  const path: JsonPath = ['nodes', nodeIndex, ...blocked.at];
  const values = valuesRead(scenario, when, blocked.values);
  const withValues = values ? `, and on the best path ${values}` : ', which the best path does not meet';
  const where = blocked.at[0] === 'replies' && blocked.at.length > 3 ? ' after the reply' : ' there';
  if (blocked.takenFirst) {
    const first = when === undefined ? `has no "when", so it is always taken first` : `is taken first: ${describeWhen(when, MAX_NAMED)} holds${values ? ` (${values}${where})` : ''}`;
    const wantedTo = quoteValue(blocked.wantedTo ?? '');
    return { ...generic, path, message: `${headline} An earlier route, to ${quoteValue(blocked.routeTo ?? '')}, comes before the route to ${wantedTo} and ${first}.`,
      fix: `Make this route's "when" stricter, or move the route to ${wantedTo} before it.` };
  }
  const needs = blocked.routeTo === undefined ? `${quoteValue(blocked.wanted)} is offered only when ${describeWhen(when, MAX_NAMED)}` : `${blocked.at[0] === 'replies' ? 'Its route' : 'The route'} to ${quoteValue(blocked.routeTo)} needs ${describeWhen(when, MAX_NAMED)}`;
  return { ...generic, path, message: `${headline} ${needs}${withValues}${values ? where : ''}.`,
    fix: 'Loosen this "when", or change the effects before it so that the best replies meet it.' };
}

/** "trust is 60" for each variable a condition reads, with its value on the best path. */
function valuesRead(scenario: ScenarioType, when: When | undefined, values: Variables | undefined): string {
  if (!values) return '';
  const ids = [...new Set(conditionsOf(when).flatMap((c) => ('var' in c ? [c.var] : [])))];
  return firstFew(ids.slice(0, MAX_NAMED).map((id) => {
    const value = values[id];
    const flag = scenario.variables?.find((v) => v.id === id)?.type === 'flag';
    return `${id} is ${flag ? (value ? 'yes' : 'no') : String(value)}`;
  }), { separator: ' and ', total: ids.length });
}

function valueAt(root: unknown, path: readonly (string | number)[]): unknown {
  let at = root;
  for (const key of path) at = at !== null && typeof at === 'object' ? (at as Record<string | number, unknown>)[key] : undefined;
  return at;
}

/**
 * "$schema" tells an editor where the format is described, so that it suggests fields and
 * underlines mistakes; the program itself ignores it. Any path to scenario.schema.json will do
 * (a file outside scenarios/ needs a path from its own folder); another schema is a warning, and
 * so is a path that leads nowhere, when the caller can tell.
 */
function schemaRefProblems(ref: string, options: ValidateOptions): UnlocatedProblem[] {
  const name = ref.replace(/[?#].*$/, '').split(/[\\/]/).pop() ?? '';
  if (name !== SCHEMA_FILE_NAME) {
    return [{ severity: 'warning', code: 'schema-not-scenario', path: ['$schema'],
      message: `"$schema" is ${quoteValue(ref)}, which is not the scenario format (${SCHEMA_FILE_NAME}), so an editor checks this file against another format, or none.`,
      fix: pointerWords.schemaRef(SCHEMA_FILE_NAME, commandWords('schema --for <this file>', options, false)) }];
  }
  const found = options.schemaRef?.(ref);
  // A web address: the program never fetches it (it works offline, with its own copy), but an
  // editor may, and then checks the file against whatever is there, or, offline, against nothing.
  // It was accepted without a word (found by val-56).
  if (/^https?:\/\//i.test(ref.trim())) {
    return [{ severity: 'warning', code: 'schema-remote', path: ['$schema'],
      message: `"$schema" is ${quoteValue(ref)}, a web address: an editor such as VS Code may fetch the format from there, so without a connection it offers no suggestions and no red underlines, and what it checks against may not be this program's format. This program works offline and never fetches it.`,
      fix: found && !found.found
        ? `Write "$schema": ${quoteValue(found.path, 300)}, the path to this program's own ${SCHEMA_FILE_NAME} from this file's folder.`
        : pointerWords.schemaRef(SCHEMA_FILE_NAME, commandWords('schema --for <this file>', options, false)) }];
  }
  if (!found || found.found) return [];
  return [{ severity: 'warning', code: 'schema-not-found', path: ['$schema'],
    message: `"$schema" is ${quoteValue(ref)}, but from this file's folder that path leads to no file, so VS Code cannot find the format (no suggestions, no red underlines).`,
    fix: `Write "$schema": ${quoteValue(found.path, 300)}, the path to ${SCHEMA_FILE_NAME} from this file's folder.` }];
}

/**
 * A scenario copied from another (the usual way to start one) keeps the other's id unless the
 * trainer changes it: the picker then lists two scenarios under one id, and progress and records,
 * kept by id, mix them up. And in the scenarios folder, a file not named after its id is not what
 * `play <name>` expects. Both were silent; the tests of the bundled set caught them only there.
 */
function idProblems(id: unknown, options: ValidateOptions): UnlocatedProblem[] {
  if (typeof id !== 'string' || !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id)) return [];
  const out: UnlocatedProblem[] = [];
  const changed = options.changesAppFile?.(id);
  const other = changed === undefined ? options.sameIdElsewhere?.(id) : undefined;
  if (changed !== undefined) {
    out.push({ severity: 'warning', code: 'app-scenario-changed', path: ['id'],
      message: `This file has the name and the id of the app's scenario file ${quoteValue(changed, 200)}, but not its text: it is that scenario changed since the app was built, or another file under its name. Here you check and play this file as it is now; the app's Scenarios page plays the scenario as the app was built until the app is built again with this file in its scenarios/ folder, and then plays this one in its place.`,
      fix: 'If you are changing the app\'s scenario, keep its id and file name: once it is saved in the app\'s scenarios/ folder, start the app again (npm start builds it anew) and the Scenarios page plays it. If it is a new scenario started from that one, give it an id of its own and name the file after it.' });
  }
  if (other !== undefined) {
    out.push({ severity: 'warning', code: 'duplicate-scenario-id', path: ['id'],
      // Saves are kept by id alone in the scenarios folder, by id and file elsewhere (slotName);
      // completion records by id wherever the file is (records.ts). fileStem is set only there.
      message: options.fileStem !== undefined
        ? `The app's scenario file ${quoteValue(other, 200)} has the id ${quoteValue(id)} too: ${pointerWords.sharedIdInApp()}`
        : `The app's scenario file ${quoteValue(other, 200)} has the id ${quoteValue(id)} too: ${pointerWords.sharedId()}`,
      fix: 'Give this scenario an id of its own (a copy of a scenario needs a new id), and name the file after it.' });
  }
  const alsoHere = options.sameIdInRun?.(id) ?? [];
  if (alsoHere.length > 0) {
    const named = alsoHere.slice(0, 3).map((f) => quoteValue(f, 200)).join(', ') + (alsoHere.length > 3 ? ` and ${countWords(alsoHere.length - 3)} more` : '');
    out.push({ severity: 'warning', code: 'duplicate-scenario-id', path: ['id'],
      message: `${alsoHere.length === 1 ? 'The file' : 'The files'} ${named}, checked with this one, ${alsoHere.length === 1 ? 'has' : 'have'} the id ${quoteValue(id)} too: completion records (best score, times finished) are kept by scenario id, so they would share them, and in the scenarios folder the picker would list them under one id with one saved playthrough between them.`,
      fix: 'Give each scenario its own id (a copy of a scenario needs a new id), and name the file after it.' });
  }
  if (options.fileStem !== undefined && options.fileStem !== id) {
    out.push({ severity: 'warning', code: 'id-not-file-name', path: ['id'],
      message: `The scenario's id is ${quoteValue(id)}, but the file is named ${quoteValue(`${options.fileStem}.json`, 200)}: in the scenarios folder a file is named after its id, which ${pointerWords.findsById(commandWords('play <id>', options, true))} looks for.`,
      fix: `Rename the file to ${quoteValue(`${id}.json`)}, or, if this is a new scenario, change "id" to a new id and name the file after it.` });
  }
  return out;
}

/**
 * A principle the best-practice path never follows or violates, although another reply at one of
 * its decisions follows it: even a perfect playthrough then ends with "You missed a chance for"
 * that principle in the debrief (see buildDebrief's "missed"; a reply not offered there on the
 * best path, greyed out or hidden, is no chance; a critical principle is never missed, canBeMissed). A learning goal is reported where
 * it is listed (goal-missed-on-best-path); any other principle at the best reply's assessments at
 * the first decision where it was on offer (missed-on-best-path), since that is where to add it.
 */
function missedOnBestPath(scenario: ScenarioType, path: readonly PathStep[]): UnlocatedProblem[] {
  // A valid scenario's ids are unique, so the index's node for an id is the only one.
  const nodes = indexScenario(scenario).nodes;
  const touched = new Set<string>();
  const offered = new Map<string, { nodeId: string; replyId: string; bestReplyId: string }>();
  // A reply greyed out or hidden there on the path is no chance missed (buildDebrief's "missed"
  // weighs only the replies offered): worked out only if some reply on the path has a "when".
  let offeredAt: ((reply: ReplyType) => boolean)[] | undefined;
  for (const [i, step] of path.entries()) {
    const node = nodes.get(step.nodeId);
    if (node?.kind !== 'decision') continue;
    for (const reply of node.replies) {
      if (reply.when !== undefined && reply.id !== step.replyId && (offeredAt ??= offeredOnBestPath(scenario))[i]?.(reply) === false) continue;
      for (const a of reply.assessments) {
        if (reply.id === step.replyId) touched.add(a.principle);
        else if (a.verdict === 'follows' && !offered.has(a.principle) && canBeMissed(a.principle)) offered.set(a.principle, { nodeId: step.nodeId, replyId: reply.id, bestReplyId: step.replyId });
      }
    }
  }
  const out: UnlocatedProblem[] = [];
  scenario.learningGoals.forEach((goal, k) => {
    const where = offered.get(goal);
    if (!where || touched.has(goal) || scenario.learningGoals.indexOf(goal) !== k) return;
    out.push({ severity: 'warning', code: 'goal-missed-on-best-path', path: ['learningGoals', k],
      message: `The best-practice path never follows the learning goal ${quoteValue(goal)}, although "${where.replyId}" at "${where.nodeId}" does, so even a perfect playthrough is told "You missed a chance for" it.`,
      fix: `If the best reply at "${where.nodeId}" ("${where.bestReplyId}") also follows ${quoteValue(goal)}, add that assessment to it (keeping its value by adjusting the weights if you want the same score); otherwise make the best path follow the goal at another decision, or remove it from "learningGoals".` });
  });
  for (const [principle, where] of offered) {
    if (touched.has(principle) || scenario.learningGoals.includes(principle)) continue;
    const nodeIndex = scenario.nodes.findIndex((n) => n.id === where.nodeId);
    const node = scenario.nodes[nodeIndex];
    const replyIndex = node?.kind === 'decision' ? node.replies.findIndex((r) => r.id === where.bestReplyId) : -1;
    out.push({ severity: 'warning', code: 'missed-on-best-path', path: ['nodes', nodeIndex, 'replies', replyIndex, 'assessments'],
      message: `The best-practice path never follows ${quoteValue(principle)}, although "${where.replyId}" at "${where.nodeId}" does, so even a perfect playthrough is told "You missed a chance for" it.`,
      fix: `If the best reply there ("${where.bestReplyId}") also follows ${quoteValue(principle)}, add that assessment to it (keeping its value by adjusting the weights if you want the same score); if it does not, reword it so that it does, or make the best path follow ${quoteValue(principle)} at another decision.` });
  }
  return out;
}

/**
 * A decision on the best-practice path where that path takes a reply other than the one with the
 * most points there (the first in the file on a tie): it leads to more later. The debrief shows
 * the path's reply as best practice at that decision whenever it is offered (bestPracticeAt), to
 * every volunteer who reaches it, by the best path or another way, so a volunteer offered both who
 * chose the reply worth more (or as much) is told it was not best practice, as is a room at the
 * reveal of a trainer-led session (the same rule). A reply is compared where the decision can be
 * reached with it and the path's reply both offered (their "when"s hold together, by any way in:
 * the exploration of every reachable state); a reply never offered with the path's (greyed out or
 * hidden whenever the decision is reached) is no choice there. The message says whether the best
 * path itself is offered it (offeredOnBestPath, the debrief's rule) or only a volunteer who comes
 * another way, and then under which "when". Reported at the path's reply, whose points are to change.
 */
function bestHereNotBestPath(scenario: ScenarioType, path: readonly PathStep[]): UnlocatedProblem[] {
  const out: UnlocatedProblem[] = [];
  // Each node's place in the file, found once: a findIndex per step of a path through 16,000
  // decisions took 2 s (quadratic; bench "long best-practice path").
  const at = new Map<string, number>();
  scenario.nodes.forEach((n, i) => { if (!at.has(n.id)) at.set(n.id, i); });
  // Worked out only when some decision on the path has a reply worth more than the path's.
  let offeredAt: ((reply: ReplyType) => boolean)[] | undefined;
  path.forEach((step, i) => {
    const nodeIndex = at.get(step.nodeId) ?? -1;
    const node = scenario.nodes[nodeIndex];
    if (node?.kind !== 'decision') return;
    const takenAt = node.replies.findIndex((r) => r.id === step.replyId);
    const taken = node.replies[takenAt];
    if (!taken) return;
    // The replies the points alone would pick over the path's: worth more, or as much and earlier
    // in the file; the most points first (then the file's order), as highestHere picks.
    const beats = node.replies
      .map((r, j) => ({ r, j, v: replyValue(r) }))
      .filter(({ j, v }) => j !== takenAt && (v > step.value || (v === step.value && j < takenAt)))
      .sort((x, y) => y.v - x.v || x.j - y.j);
    if (beats.length === 0) return;
    offeredAt ??= offeredOnBestPath(scenario);
    const onPath = offeredAt[i];
    let top = onPath ? beats.find(({ r }) => onPath(r)) : beats[0];
    let another = false;
    if (!top) {
      const found = exploreScenario(scenario);
      top = beats.find(({ r }) => found.offeredTogether(step.nodeId, [step.replyId, r.id]));
      another = true;
    }
    if (!top) return;
    const name = quoteValue(top.r.id);
    const tied = top.v === step.value;
    const when = another && top.r.when !== undefined ? ` (with ${describeWhen(top.r.when, MAX_NAMED)}, its "when")` : '';
    const chooser = another
      ? `on the best-practice path ${name} is not offered here, but a volunteer who reaches ${quoteValue(step.nodeId)} another way${when} is offered both, and after choosing ${name} is told it was not best practice here; so is a room at a trainer's reveal.`
      : `a volunteer who chooses ${name} is told it was not best practice here, and so is a room at a trainer's reveal.`;
    out.push({ severity: 'warning', code: 'best-here-not-best-path', path: ['nodes', nodeIndex, 'replies', takenAt, 'assessments'],
      message: `At ${quoteValue(step.nodeId)} the best-practice path takes ${quoteValue(step.replyId)} (${signed(step.value)}), because it leads to more points later, but ${name} is worth ${tied ? 'as much' : 'more'} there (${signed(top.v)}): ${chooser}`,
      fix: `Give the reply that is best practice here the most points at this decision: if it is ${quoteValue(step.replyId)}, raise its weights (or lower those of ${name}) until it is worth more; if it is ${name}, the best path prefers ${quoteValue(step.replyId)} only for the points after it, so check the replies that follow ${quoteValue(step.replyId)}.${another ? ` (Or, if ${name} is meant only for a volunteer who comes another way, make its "when" rule out any way in where ${quoteValue(step.replyId)} is offered too.)` : ''}` });
  });
  return out;
}

/** The result for a file that could not be read at all; `why` says why, in plain words. */
export function fileProblem(file: string, kind: 'not-a-file' | 'unreadable' | 'file-too-large', why: string, fix?: string): ValidationResult {
  if (kind === 'not-a-file') return single(file, 'not-a-file', `This is not a scenario file: ${why}.`, fix ?? 'Name a .json file (or a folder of them); pipes, devices and sockets are not read.');
  if (kind === 'file-too-large') return single(file, 'file-too-large', `The file was not read: ${why}; scenario files are limited to ${mb(MAX_FILE_BYTES)} MB.`, fix ?? 'Split the scenario into several smaller scenarios.');
  return single(file, 'unreadable', `It cannot be read: ${why}.`, fix ?? 'Check that the file exists and that you have permission to read it (ls -l shows who may).');
}

/**
 * Scenario.safeParse(raw) for a file that failed the quick check, with the same issues in the same
 * order, but without zod's deep walk and copy of every item that passes: zod checks each item of
 * "nodes", "characters" and "variables" on its own (no check compares items), so an item the quick
 * check accepts has no issues, and a small item that zod also accepts can stand in for it. A node
 * zod is to read is read once for all the nodes written alike (see nodeShape): the others are given
 * its issues at their own place. When that parse succeeds (the quick check is stricter than zod in
 * some odd cases), zod parses the file itself, for the data.
 */
function parseScenario(raw: Record<string, unknown>): { data?: ScenarioType; issues?: ZodIssues } {
  let copy: Record<string, unknown> | undefined;
  const standIns = (key: string, conforms: (v: unknown) => boolean, standIn: object) => {
    const list = raw[key];
    if (!Array.isArray(list)) return;
    let out: unknown[] | undefined;
    for (let i = 0; i < list.length; i++) {
      if (!conforms(list[i])) continue;
      out ??= list.slice();
      out[i] = standIn;
    }
    if (out) (copy ??= { ...raw })[key] = out;
  };
  let nodes: NodesRead | undefined;
  // Only own keys the schema knows are replaced; zod reads the rest from the copy as from the file.
  if (Object.getPrototypeOf(raw) === Object.prototype) {
    nodes = nodesToRead(raw.nodes);
    if (nodes) (copy = { ...raw }).nodes = nodes.read;
    standIns('characters', conformsToCharacter, STAND_IN_CHARACTER);
    standIns('variables', conformsToVariable, STAND_IN_VARIABLE);
  }
  const whole = () => {
    const parsed = Scenario.safeParse(raw, UNREAD_WORDS);
    return parsed.success ? { data: parsed.data } : { issues: parsed.error.issues };
  };
  if (!copy) return whole();
  const quick = Scenario.safeParse(copy, UNREAD_WORDS);
  if (quick.success) return whole();
  if (!nodes) return { issues: quick.error.issues };
  const issues = nodeIssuesInPlace(quick.error.issues, nodes);
  return issues ? { issues } : whole();
}

/**
 * The nodes zod is to read for parseScenario: one of each shape of the nodes the quick check does
 * not accept, in the file's order (or one that stands in for them all when it accepts every node).
 * `readAs`: for each node of the file the quick check
 * does not accept, the index in `read` of the node read for it (-1 for a node it accepts).
 * Undefined when each node is to be read as it is (none alike, none accepted).
 */
interface NodesRead { read: unknown[]; readAs: Int32Array }

function nodesToRead(list: unknown): NodesRead | undefined {
  if (!Array.isArray(list)) return undefined;
  const read: unknown[] = [];
  const readAs = new Int32Array(list.length).fill(-1);
  // The last few nodes read, by their index in `read`, the latest first: a node like one of them is
  // not read again. Looked for only while they are found: a file of nodes each unlike the others
  // (as most broken files are) is not compared node by node for nothing.
  const recent: number[] = [];
  let tries = 0;
  let found = 0;
  for (let i = 0; i < list.length; i++) {
    const node: unknown = list[i];
    if (conformsToNode(node)) continue;
    let same = -1;
    if (tries < SHAPES_TRIED || found * 2 >= tries) {
      tries++;
      for (const r of recent) if (sameShape(node, read[r])) { same = r; break; }
      if (same >= 0) found++;
    }
    if (same >= 0) {
      readAs[i] = same;
      continue;
    }
    recent.unshift(read.length);
    if (recent.length > RECENT_SHAPES) recent.pop();
    readAs[i] = read.length;
    read.push(node);
  }
  if (read.length === list.length) return undefined;
  // Every node accepted: one stands in for them all ("nodes" needs at least one).
  if (read.length === 0) read.push(STAND_IN_NODE);
  return { read, readAs };
}

/** Nodes looked at before the shape of half of those must have been found (see nodesToRead). */
const SHAPES_TRIED = 64;
/** How many of the nodes read last a node is compared with (see nodesToRead). */
const RECENT_SHAPES = 8;
/** Deeper than this, two values are not compared (and taken as unlike): a scenario goes about eight deep. */
const SHAPE_DEPTH = 32;

/**
 * Whether zod reads node `a` as it reads node `b`, so that the two get the same issues (at their own
 * place): the same fields in the same order, with the same values, but for what zod does not look
 * at: the value of a field no node has ("ID": "scene-4"; strictObject reports its name only), and
 * an id where an id is read (a node's "id", "next", a route's "to", a reply's "id": Id accepts
 * any id and says nothing of it).
 */
function sameShape(a: unknown, b: unknown): boolean {
  if (!isRecord(a) || !isRecord(b)) return false;
  const keys = Object.keys(a);
  const other = Object.keys(b);
  if (keys.length !== other.length) return false;
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k] as string;
    if (key !== other[k]) return false;
    if (NODE_FIELDS.has(key) && !sameValue(a[key], b[key], key, 1)) return false;
  }
  return true;
}

/** sameShape's comparison of two values under `key` (see there). */
function sameValue(a: unknown, b: unknown, key: string, depth: number): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a === b || ((key === 'id' || key === 'next' || key === 'to') && isScenarioId(a) && isScenarioId(b));
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return Object.is(a, b);
  if (depth > SHAPE_DEPTH) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let k = 0; k < a.length; k++) if (!sameValue(a[k], b[k], '', depth + 1)) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const keys = Object.keys(a);
  const other = Object.keys(b);
  if (keys.length !== other.length) return false;
  for (let k = 0; k < keys.length; k++) {
    const field = keys[k] as string;
    if (field !== other[k] || !sameValue((a as Record<string, unknown>)[field], (b as Record<string, unknown>)[field], field, depth + 1)) return false;
  }
  return true;
}

/**
 * The issues zod gave the nodes read (nodesToRead), each given to every node read as that one, at
 * its place in the file, in the file's order, where zod gives the issues of "nodes". Undefined when
 * zod's issues of the nodes are not together in one run (then the file is read as it is).
 */
function nodeIssuesInPlace(issues: ZodIssues, nodes: NodesRead): ZodIssues | undefined {
  const isNodes = (i: ZodIssues[number]) => i.path[0] === 'nodes' && typeof i.path[1] === 'number';
  const first = issues.findIndex(isNodes);
  if (first < 0) return issues;
  let end = first;
  while (end < issues.length && isNodes(issues[end] as ZodIssues[number])) end++;
  for (let k = end; k < issues.length; k++) if ((issues[k] as ZodIssues[number]).path[0] === 'nodes') return undefined;
  if (issues.slice(0, first).some((i) => i.path[0] === 'nodes')) return undefined;
  const byRead = new Map<number, ZodIssues>();
  for (let k = first; k < end; k++) {
    const issue = issues[k] as ZodIssues[number];
    const list = byRead.get(issue.path[1] as number);
    if (list) list.push(issue);
    else byRead.set(issue.path[1] as number, [issue]);
  }
  const out: ZodIssues = issues.slice(0, first);
  const { readAs } = nodes;
  for (let i = 0; i < readAs.length; i++) {
    const r = readAs[i] as number;
    if (r < 0) continue;
    for (const issue of byRead.get(r) ?? []) out.push({ ...issue, path: ['nodes', i, ...issue.path.slice(2)] });
  }
  for (let k = end; k < issues.length; k++) out.push(issues[k] as ZodIssues[number]);
  return out;
}

/**
 * zod's words for a missing or wrong-typed field and for an unknown one, which schemaProblems never
 * reads (it says them in its own), left unwritten: zod wrote one for each of 100,000 nodes whose
 * "id" is written "ID", twice. Its words for the other issues are written as before.
 */
const UNREAD_WORDS: NonNullable<Parameters<typeof Scenario.safeParse>[1]> = {
  error: (issue) => (issue.code === 'invalid_type' || issue.code === 'unrecognized_keys' ? '' : undefined),
};

/** zod's issues with a scenario that failed the quick check. */
type ZodIssues = Extract<ReturnType<typeof Scenario.safeParse>, { success: false }>['error']['issues'];

/** parseScenario's answer, the scenario or the issues, without zod's result (which holds both). */
function schemaParse(raw: Record<string, unknown>): { data?: ScenarioType; issues?: ZodIssues } {
  return parseScenario(raw);
}

// Frozen: zod only reads them (its output is a copy), and nothing can change them between files.
const STAND_IN_NODE = Object.freeze({ id: 'x', kind: 'ending', ending: 'mixed', title: 'x', narration: 'x' });
const STAND_IN_CHARACTER = Object.freeze({ id: 'x', name: 'x', role: 'x' });
const STAND_IN_VARIABLE = Object.freeze({ id: 'x', label: 'x', start: 0, min: 0, max: 1 });

function completeInput(scenario: ScenarioType): CheckInput {
  // Every item passed the schema, so each sits at its own place; the table is built only if a problem needs a path.
  let table: Map<object, number> | undefined;
  const rawIndex = {
    get(item: object): number | undefined {
      if (!table) {
        const t = new Map<object, number>();
        scenario.nodes.forEach((n, i) => t.set(n, i));
        scenario.characters.forEach((c, i) => t.set(c, i));
        (scenario.variables ?? []).forEach((v, i) => t.set(v, i));
        table = t;
      }
      return table.get(item);
    },
  };
  return { scenario, rawIndex, brokenIds: new Set(), complete: true };
}

/** Keeps the parts that pass the schema so reference checks can still run on them. */
function partialInput(raw: Record<string, unknown>, issues: readonly Issue[] = []): CheckInput | undefined {
  const rawIndex = new Map<object, number>();
  // The items the whole file's parse found a field of wrong or missing ("nodes.3"): parsed again on
  // their own they fail as surely, and 100,000 nodes whose "id" is written "ID" took half a second.
  // By list, each a Set of indices: not a text per item ("nodes.3"), 100,000 of them.
  const fieldWrong = new Map<string, Set<number>>();
  for (const i of issues) {
    if (typeof i.path[1] !== 'number' || !FIELD_ISSUES.has(i.code)) continue;
    const list = String(i.path[0]);
    const items = fieldWrong.get(list);
    if (items) items.add(i.path[1]);
    else fieldWrong.set(list, new Set([i.path[1]]));
  }
  const brokenIds = new Set<string>();
  const brokenCharacters = new Map<string, number>();
  const strippedAt = new Set<string>();
  const keep = <T extends object>(list: unknown, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: readonly Issue[] } } }, conforms: (v: unknown) => boolean, listKey: string): T[] => {
    if (!Array.isArray(list)) return [];
    const kept: T[] = [];
    list.forEach((item, i) => {
      // An item the quick check accepts is one zod would return a copy of: it is kept as it is.
      if (conforms(item)) { rawIndex.set(item as T, i); kept.push(item as T); return; }
      if (fieldWrong.get(listKey)?.has(i) === true) {
        broken(item, i);
        return;
      }
      const r = schema.safeParse(item);
      // A misspelt key should not hide the item from reference checks: drop unknown keys and retry;
      // not when a field it has is wrong or missing, which no dropped key mends (a node whose "id"
      // is written "ID": copying and parsing 100,000 such nodes again cost a second).
      const retry = r.success || r.error.issues.some((i) => FIELD_ISSUES.has(i.code)) ? r : schema.safeParse(withoutUnknownKeys(item, r.error.issues));
      if (retry.success) {
        rawIndex.set(retry.data, i);
        kept.push(retry.data);
        if (!r.success) for (const issue of r.error.issues) if (issue.code === 'unrecognized_keys') strippedAt.add([listKey, i, ...issue.path].join('.'));
      }
      else broken(item, i);
    });
    return kept;
    function broken(item: unknown, i: number) {
      if (!item || typeof item !== 'object' || typeof (item as { id?: unknown }).id !== 'string') return;
      brokenIds.add((item as { id: string }).id);
      if (listKey === 'characters') brokenCharacters.set((item as { id: string }).id, i);
    }
  };
  const start = Id.safeParse(raw.start);
  if (!Array.isArray(raw.nodes)) return undefined;
  const scenario = {
    id: 'x', version: 1, title: typeof raw.title === 'string' ? raw.title : 'x', summary: typeof raw.summary === 'string' ? raw.summary : 'x',
    contentNote: typeof raw.contentNote === 'string' ? raw.contentNote : 'x', estimatedMinutes: 1, learningGoals: [],
    characters: keep(raw.characters, Character, conformsToCharacter, 'characters'), variables: keep(raw.variables, Variable, conformsToVariable, 'variables'), nodes: keep(raw.nodes, ScenarioNode, conformsToNode, 'nodes'),
    start: start.success ? start.data : '',
  } as unknown as ScenarioType;
  if (!Array.isArray(raw.characters)) for (const n of scenario.nodes) for (const l of n.lines ?? []) brokenIds.add(l.character);
  if (!start.success) brokenIds.add('');
  const kept = new Set(scenario.nodes.map((n) => rawIndex.get(n)));
  const looseNodes = (raw.nodes as unknown[]).flatMap((item, i) => (kept.has(i) ? [] : looseNode(item, i)));
  if (!Array.isArray(raw.characters)) for (const n of looseNodes) for (const { line } of n.lines) brokenIds.add(line.character);
  const nestedNodes = nodesInside(raw.nodes as unknown[]);
  return { scenario, rawIndex, brokenIds, brokenCharacters, complete: false, looseNodes, strippedAt, ...(nestedNodes.size > 0 ? { nestedNodes } : {}), ...(raw.variables !== undefined && !Array.isArray(raw.variables) ? { variablesBroken: true } : {}) };
}

/**
 * The nodes written inside a node's "nodes" list, at any depth, by id (the first of each id), with
 * the id of the node holding them (see CheckInput.nestedNodes). Each node is looked at once.
 */
function nodesInside(nodes: readonly unknown[]): Map<string, { path: JsonPath; inside: string | undefined; leadsTo: string[] }> {
  const found = new Map<string, { path: JsonPath; inside: string | undefined; leadsTo: string[] }>();
  const todo: { list: unknown; path: JsonPath; inside: string | undefined }[] = [];
  const idOf = (node: unknown) => (isRecord(node) && typeof node.id === 'string' ? node.id : undefined);
  nodes.forEach((node, i) => { if (isRecord(node) && Object.hasOwn(node, 'nodes')) todo.push({ list: node.nodes, path: ['nodes', i, 'nodes'], inside: idOf(node) }); });
  for (let k = 0; k < todo.length; k++) {
    const next = todo[k] as (typeof todo)[number];
    if (!Array.isArray(next.list)) continue;
    const { path, inside } = next;
    next.list.forEach((node, j) => {
      const id = idOf(node);
      if (id !== undefined && !found.has(id)) found.set(id, { path: [...path, j, 'id'], inside, leadsTo: namedBy(node) });
      if (isRecord(node) && Object.hasOwn(node, 'nodes')) todo.push({ list: node.nodes, path: [...path, j, 'nodes'], inside: id });
    });
  }
  return found;
}

/** The ids a node's "next" (its routes' "to") and its replies' name, as written. */
function namedBy(node: unknown): string[] {
  if (!isRecord(node)) return [];
  const ids: string[] = [];
  const of = (next: unknown) => {
    if (typeof next === 'string') ids.push(next);
    else if (Array.isArray(next)) for (const route of next) if (isRecord(route) && typeof route.to === 'string') ids.push(route.to);
  };
  of(node.next);
  if (Array.isArray(node.replies)) for (const reply of node.replies) if (isRecord(reply)) of(reply.next);
  return ids;
}

/** The parts of a node that failed the schema which are valid on their own (see CheckInput.looseNodes). */
function looseNode(item: unknown, index: number): LooseNode[] {
  if (!isRecord(item)) return [];
  const lines = Array.isArray(item.lines) ? item.lines.flatMap((l: unknown, j) => {
    const r = Line.safeParse(l);
    return r.success ? [{ line: r.data, index: j }] : [];
  }) : [];
  // An id, as most are, is taken as it is (what Next's parse would give back): parsing it made
  // 100,000 nodes of an otherwise broken file allocate some 100 MB more.
  const next = item.kind !== 'scene' ? undefined : isScenarioId(item.next) ? { success: true as const, data: item.next } : Next.safeParse(item.next);
  const replies = item.kind === 'decision' && Array.isArray(item.replies) ? item.replies.flatMap((r: unknown, j) => {
    if (!isRecord(r)) return [];
    const parts: Record<string, unknown> = {};
    for (const [key, schema] of Object.entries(Reply.shape)) {
      if (!Object.hasOwn(r, key)) continue;
      const field = (schema as { safeParse(v: unknown): { success: boolean; data?: unknown } }).safeParse(r[key]);
      if (field.success) parts[key] = field.data;
      // A list of assessments one of which is wrong (a principle id misspelt): the sound ones are
      // kept, for what is said about the feedback (the section of a principle it is scored on).
      else if (key === 'assessments' && Array.isArray(r[key])) {
        const sound = (r[key] as unknown[]).flatMap((a) => { const one = Assessment.safeParse(a); return one.success ? [one.data] : []; });
        if (sound.length > 0) parts[key] = sound;
      }
    }
    return [{ reply: parts as Partial<ReplyType>, index: j }];
  }) : [];
  const idAt = idWritten(item);
  return [{ path: ['nodes', index], id: typeof item.id === 'string' ? item.id : undefined, ...(idAt ? { idAt } : {}), next: next?.success ? next.data : undefined, lines, replies }];
}

/** The fields a node of any kind has. */
const NODE_FIELDS = new Set([SceneNode, DecisionNode, EndingNode].flatMap((s) => Object.keys(s.shape)));

/**
 * Where a node without an id as text has one written (see LooseNode.idAt): its "id", not text, or
 * a field that is no node's spelt like "id" ("ID", "Id", "id ") or a longer word for it
 * ("identifier"), as the schema's unknown-field error takes it for "id" (closest, fieldMeant).
 * Undefined when it has neither.
 */
function idWritten(item: Record<string, unknown>): LooseNode['idAt'] {
  if (Object.hasOwn(item, 'id')) return typeof item.id === 'string' ? undefined : idAt(item, Object.keys(item), 'id');
  const keys = Object.keys(item);
  // Only a short name can be a typo of "id" (closest's limit): the others are not compared, but
  // "identifier", a longer word for it, is taken for it as the unknown-field error takes it.
  const key = keys.find((k) => (k.length <= 4 && !NODE_FIELDS.has(k) && closest(k, ID_ONLY) === 'id') || isWordForId(k.toLowerCase()));
  return key === undefined ? undefined : idAt(item, keys, key);
}

/** The one field closest compares a short name with in idWritten. */
const ID_ONLY: readonly string[] = ['id'];

/** idWritten's answer for `key` of `item` (whose keys are `keys`): a function of the module, not a closure per node (100,000 of them, each named under tsx). */
function idAt(item: Record<string, unknown>, keys: readonly string[], key: string): LooseNode['idAt'] {
  const text = item[key];
  const last = keys[keys.length - 1] === key;
  return typeof text === 'string' ? { key, text, last } : { key, last };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

type Issue = { code: string; path: PropertyKey[]; keys?: string[] };

/** The issues of a field the schema knows (missing, of the wrong type, out of range), which dropping an unknown key never mends. */
const FIELD_ISSUES = new Set(['invalid_type', 'too_big', 'too_small', 'invalid_value', 'invalid_format', 'not_multiple_of']);

/** A deep copy of `item` without the keys zod reported as unrecognized. */
function withoutUnknownKeys(item: unknown, issues: readonly Issue[]): unknown {
  const unknown = issues.filter((i) => i.code === 'unrecognized_keys');
  if (unknown.length === 0) return item;
  const copy = JSON.parse(JSON.stringify(item)) as unknown;
  for (const issue of unknown) {
    let target = copy as Record<PropertyKey, unknown> | undefined;
    for (const part of issue.path) target = target?.[part] as Record<PropertyKey, unknown> | undefined;
    if (target && typeof target === 'object') for (const k of issue.keys ?? []) delete target[k];
  }
  return copy;
}

function finish(text: string, fileName: string, problems: UnlocatedProblem[], scenario?: ScenarioType, keysUnique = false, value?: unknown): ValidationResult {
  const file = shownFileName(fileName);
  let listed: Problem[];
  let rest: readonly { severity: Problem['severity']; code: string }[];
  if (problems.length > MAX_PROBLEMS && problems.some((p) => p.related !== undefined || p.places !== undefined)) {
    ({ listed, rest } = locateListed(text, file, problems, keysUnique, value));
  } else {
    const located = locateWithRelated(text, file, problems, keysUnique, value).sort((a, b) => a.line - b.line || a.column - b.column);
    // The errors first, then the warnings, each kind in the file's order: past the cap, 300 warnings
    // near the top (a learning goal listed again and again) filled the 200 places and the errors
    // further down, which stop the scenario from playing, were only counted (found by validator-51);
    // under it, a trainer reading a long list met the errors, the ones that stop the file loading,
    // scattered among the warnings (val-55).
    const ordered = errorsFirst(located);
    listed = ordered.slice(0, MAX_PROBLEMS);
    rest = ordered.slice(MAX_PROBLEMS);
  }
  let errors = 0;
  for (const p of listed) if (p.severity === 'error') errors++;
  for (const p of rest) if (p.severity === 'error') errors++;
  const result: ValidationResult = { ok: errors === 0, scenario: errors === 0 ? scenario : undefined, problems: listed.map(safe), errors, warnings: listed.length + rest.length - errors };
  if (rest.length > 0) {
    const codes: Record<string, number> = {};
    let restErrors = 0;
    for (const p of rest) {
      codes[p.code] = (codes[p.code] ?? 0) + 1;
      if (p.severity === 'error') restErrors++;
    }
    result.truncated = { count: rest.length, codes, errors: restErrors, warnings: rest.length - restErrors };
  }
  return result;
}

/** The errors, then the warnings, each in the order given. */
function errorsFirst<T extends { severity: Problem['severity'] }>(problems: readonly T[]): T[] {
  return [...problems.filter((p) => p.severity === 'error'), ...problems.filter((p) => p.severity !== 'error')];
}

/**
 * The problems in the file's order, as locateWithRelated and a sort give them, but with only the
 * first MAX_PROBLEMS, the ones listed, located with their words and the places their messages
 * name; the rest are counted, by severity and code, as they are (their place found only to sort
 * them): a file of 100,000 mistakes that each name a place (a node's id written "ID", named by a
 * "next") had every place found, and its message written, to be counted only.
 */
function locateListed(text: string, file: string, problems: UnlocatedProblem[], keysUnique: boolean, value: unknown): { listed: Problem[]; rest: UnlocatedProblem[] } {
  const order = orderByNodes(text, problems, keysUnique, value) ?? inFileOrder(text, problems, problems.map((_, i) => i), keysUnique, value);
  const listed = locateWithRelated(text, file, order.slice(0, MAX_PROBLEMS).map((i) => problems[i] as UnlocatedProblem), keysUnique, value);
  return { listed, rest: order.slice(MAX_PROBLEMS).map((i) => problems[i] as UnlocatedProblem) };
}

/**
 * The problems `which` (indices into `problems`), errors first, then warnings, each in the file's
 * order (by line and column; at one place, in the order given): as finish lists them.
 */
function inFileOrder(text: string, problems: readonly UnlocatedProblem[], which: readonly number[], keysUnique: boolean, value: unknown): number[] {
  const at = problemPositions(text, which.map((i) => problems[i] as UnlocatedProblem), { keysUnique, value });
  // Errors first, as in finish: the cap never hides an error behind warnings.
  return errorsFirst(at.map((_, k) => k).sort((a, b) => (at[a] as { line: number }).line - (at[b] as { line: number }).line || (at[a] as { column: number }).column - (at[b] as { column: number }).column)
    .map((k) => ({ i: which[k] as number, severity: (problems[which[k] as number] as UnlocatedProblem).severity }))).map((o) => o.i);
}

/**
 * inFileOrder of every problem, as far as finish reads it, with only some of them located: the
 * MAX_PROBLEMS listed in their order, then the rest, each code's first in its place (finish's
 * `truncated.codes` lists the codes in that order), the others after it. A problem inside a node
 * (its path "nodes", i, …) is in the text of that node, and the nodes are in the file in their
 * order: the listed ones are in the first nodes, with every problem elsewhere. Only those, and for
 * each severity and code the first node of the rest that has one, are located: a file of 100,000
 * nodes whose "id" is written "ID" had every error located to list 200. Undefined where a path may
 * not be found in its node's text (a key written twice, a path deeper than the pass goes).
 */
function orderByNodes(text: string, problems: readonly UnlocatedProblem[], keysUnique: boolean, value: unknown): number[] | undefined {
  const nodes = keysUnique && value !== null && typeof value === 'object' ? (value as { nodes?: unknown }).nodes : undefined;
  if (!Array.isArray(nodes) || nodes.length === 0) return undefined;
  const count = nodes.length;
  // Each problem's node, -1 for one elsewhere (or placed by its offset).
  const nodeOf = new Int32Array(problems.length);
  const errorsIn = new Int32Array(count);
  const warningsIn = new Int32Array(count);
  let errors = 0;
  for (let i = 0; i < problems.length; i++) {
    const p = problems[i] as UnlocatedProblem;
    if (p.offset === undefined && p.path.length > MAX_DEPTH) return undefined;
    if (p.severity === 'error') errors++;
    const k = p.path[1];
    const inNode = p.offset === undefined && p.path[0] === 'nodes' && typeof k === 'number' && Number.isInteger(k) && k >= 0 && k < count;
    nodeOf[i] = inNode ? k : -1;
    if (!inNode) continue;
    const counts = p.severity === 'error' ? errorsIn : warningsIn;
    counts[k] = (counts[k] as number) + 1;
  }
  /** The last node whose problems of one severity, with those of the nodes before, make `wanted` (the last node when they never do). */
  const cut = (inNode: Int32Array, wanted: number): number => {
    if (wanted <= 0) return -1;
    let sum = 0;
    for (let k = 0; k < count; k++) if ((sum += inNode[k] as number) >= wanted) return k;
    return count - 1;
  };
  const lastError = cut(errorsIn, MAX_PROBLEMS);
  const lastWarning = cut(warningsIn, MAX_PROBLEMS - errors);
  // Past the cut, the first node of each severity and code (by code, a map per severity: a key of
  // both was made twice per problem, 200,000 texts for 100,000 errors).
  const firstAfter = { error: new Map<string, number>(), warning: new Map<string, number>() };
  for (let i = 0; i < problems.length; i++) {
    const k = nodeOf[i] as number;
    const p = problems[i] as UnlocatedProblem;
    if (k < 0 || k <= (p.severity === 'error' ? lastError : lastWarning)) continue;
    const first = firstAfter[p.severity].get(p.code);
    if (first === undefined || k < first) firstAfter[p.severity].set(p.code, k);
  }
  const located: number[] = [];
  const unlocated: number[] = [];
  for (let i = 0; i < problems.length; i++) {
    const k = nodeOf[i] as number;
    const p = problems[i] as UnlocatedProblem;
    if (k < 0 || k <= (p.severity === 'error' ? lastError : lastWarning) || firstAfter[p.severity].get(p.code) === k) located.push(i);
    else unlocated.push(i);
  }
  const order = inFileOrder(text, problems, located, keysUnique, value);
  const rest = order.slice(MAX_PROBLEMS);
  const restErrors = rest.filter((i) => (problems[i] as UnlocatedProblem).severity === 'error');
  const restWarnings = rest.filter((i) => (problems[i] as UnlocatedProblem).severity !== 'error');
  return [...order.slice(0, MAX_PROBLEMS), ...restErrors, ...unlocated.filter((i) => (problems[i] as UnlocatedProblem).severity === 'error'), ...restWarnings, ...unlocated.filter((i) => (problems[i] as UnlocatedProblem).severity !== 'error')];
}

/**
 * The problems located, those whose message names a second place with that place's line and
 * column written in. The problems' places and the places they name are found in the same pass
 * over the text (a large file's pass costs about as much as parsing it).
 */
function locateWithRelated(text: string, file: string, problems: UnlocatedProblem[], keysUnique: boolean, value: unknown): Problem[] {
  const naming = problems.filter((p) => p.related !== undefined || p.places !== undefined);
  const extra = naming.flatMap((p): UnlocatedProblem[] => [
    ...(p.related ? [{ ...p, path: p.related, offset: undefined, stringIndex: undefined, ...(p.relatedAtKey ? { atKey: true } : {}) }] : []),
    ...(p.places ?? []).map((path, i) => ({ severity: p.severity, code: p.code, message: '', fix: '', path, stringIndex: p.placeIndices?.[i], ...(p.placesAtKey ? { atKey: true } : {}) })),
  ]);
  const all = locateProblems(text, file, [...problems, ...extra], { keysUnique, value });
  const placed = all.slice(problems.length);
  const located = placed.map((q) => `line ${q.line}, column ${q.column}`);
  let k = 0;
  const at = new Map(naming.map((p) => {
    const related = p.related ? located[k++] ?? 'line 1, column 1' : undefined;
    const first = k;
    const each = (p.places ?? []).map(() => located[k++] ?? 'line 1, column 1');
    const repeatedAt = p.repeats === undefined ? undefined : placed.slice(first + (p.repeatsFrom ?? 0), k).map((q) => ({ line: q.line, column: q.column, path: q.path }));
    return [p, { related, places: each.join('; '), each, repeatedAt }];
  }));
  let lines: LineMap | undefined;
  return problems.map((p, i) => {
    const problem = withColumns(text, all[i] as Problem, () => (lines ??= new LineMap(text)));
    const where = at.get(p);
    if (where === undefined) return problem;
    const fill = (s: string) => {
      const related = where.related === undefined ? s : s.replaceAll(RELATED_AT, where.related);
      return related.replaceAll(PLACES_AT, where.places).replace(/\{place:(\d+)\}/g, (_, i: string) => where.each[Number(i)] ?? 'line 1, column 1');
    };
    return { ...problem, message: fill(problem.message), fix: fill(problem.fix), ...(where.repeatedAt ? { repeatedAt: where.repeatedAt } : {}) };
  });
}

/**
 * The problem with each "{column:i}" of its message (problem.ts columnAt) written as " (column C)",
 * C the column of character i of the text it points at; without it where it points at no text.
 */
function withColumns(text: string, p: Problem, lines: () => LineMap): Problem {
  if (!p.message.includes('{column:')) return p;
  const quote = lines().start(p.line) + p.column - 1;
  const inText = text.charCodeAt(quote) === 34;
  return { ...p, message: p.message.replace(/\{column:(\d+)\}/g, (_, i: string) => (inText ? ` (column ${p.column + rawStringOffset(text, quote, Number(i)) - quote})` : '')) };
}

/** Values from the file are quoted where they are put into messages; this is the last line of defence. */
function safe(p: Problem): Problem {
  return { ...p, message: visibleLine(p.message), fix: visibleLine(p.fix) };
}

/**
 * "UTF-16 LE" or "UTF-16 BE" for a file saved in UTF-16 (Notepad's "Unicode", some Windows tools'
 * default): its byte-order mark, or without one, a NUL byte beside every ASCII character. Such a
 * file was "byte 0 is not part of a UTF-8 character" (with the mark) or a page of "unexpected
 * character" errors at every other column (without it), neither of which names the cause.
 */
/** UTF-32 by its byte-order mark, or by three zero bytes in each of the first characters. */
function utf32Encoding(bytes: Uint8Array): 'UTF-32 LE' | 'UTF-32 BE' | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0 && bytes[3] === 0) return 'UTF-32 LE';
  if (bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe && bytes[3] === 0xff) return 'UTF-32 BE';
  const units = Math.min(Math.floor(bytes.length / 4), 50);
  if (units < 2) return undefined;
  let le = 0;
  let be = 0;
  for (let i = 0; i < units; i++) {
    const [a, b, c, d] = [bytes[4 * i], bytes[4 * i + 1], bytes[4 * i + 2], bytes[4 * i + 3]];
    if (a !== 0 && b === 0 && c === 0 && d === 0) le++;
    else if (a === 0 && b === 0 && c === 0 && d !== 0) be++;
  }
  if (le >= units * 0.9) return 'UTF-32 LE';
  if (be >= units * 0.9) return 'UTF-32 BE';
  return undefined;
}

/** The fix for a document saved with a .json name: its text copied into a plain-text editor. */
const DOCUMENT_FIX = 'Open it in the program that made it, copy the scenario\'s text, paste it into a new file in VS Code (or Notepad, or TextEdit in plain-text mode) and save that as .json. Changing its encoding would not help: the file is not text.';

/**
 * A word-processor document saved under a .json name, by its first bytes: a .docx or .odt (a zip
 * file: "PK", 3, 4) or an old .doc (an OLE file). Its bytes are not UTF-8, and the encoding advice
 * ("reopen as Windows 1252, save as UTF-8") would have turned it into garbage.
 */
function documentKind(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'a Word document (.docx) or another zipped file';
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return 'an older Word document (.doc)';
  return undefined;
}

function utf16Encoding(bytes: Uint8Array): 'UTF-16 LE' | 'UTF-16 BE' | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'UTF-16 LE';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'UTF-16 BE';
  const pairs = Math.min(Math.floor(bytes.length / 2), 100);
  if (pairs < 2) return undefined;
  let low = 0;
  let high = 0;
  for (let i = 0; i < pairs; i++) {
    const [a, b] = [bytes[2 * i], bytes[2 * i + 1]];
    if (a !== 0 && b === 0) low++;
    else if (a === 0 && b !== 0) high++;
  }
  if (low >= pairs * 0.9) return 'UTF-16 LE';
  if (high >= pairs * 0.9) return 'UTF-16 BE';
  return undefined;
}

function single(file: string, code: string, message: string, fix: string): ValidationResult {
  return { ok: false, problems: [{ severity: 'error', code, file: shownFileName(file), line: 1, column: 1, path: [], message, fix }], errors: 1, warnings: 0 };
}

function mb(n: number): string {
  return (n / 1024 / 1024).toFixed(1);
}

/**
 * The line after the problems listed when there were more (`truncated`): how many, of which kinds,
 * and how to see them, as the terminal says it ("validate again") or in the caller's words
 * (AuthoringPointers.again: the web Preview's "Check again" button).
 */
export function moreProblemsLine(truncated: NonNullable<ValidationResult['truncated']>, authoring?: AuthoringPointers): string {
  const kinds = Object.entries(truncated.codes).sort((a, b) => b[1] - a[1]).map(([code, n]) => `${code} ×${countWords(n)}`).join(', ');
  const { errors, warnings } = truncated;
  const plural = (n: number, word: string) => `${countWords(n)} ${word}${n === 1 ? '' : 's'}`;
  // How many of them are errors and how many warnings: with the errors listed first, "all warnings" says no error is left unseen.
  const split = errors === undefined || warnings === undefined ? ''
    : errors === 0 ? `, ${truncated.count === 1 ? 'a warning' : 'all warnings'},`
      : warnings === 0 ? `, ${truncated.count === 1 ? 'an error' : 'all errors'},`
        : `, ${plural(errors, 'error')} and ${plural(warnings, 'warning')},`;
  return `…and ${countWords(truncated.count)} more problem${truncated.count === 1 ? '' : 's'}${split} of these kinds (${kinds}); fix these first and ${withPointers(authoring, pointerWords.again)}.`;
}

/** A validation result as the text a trainer reads; `authoring`: the caller's words for where a fix points (the terminal's without). */
export function formatValidation(result: ValidationResult, fileName: string, authoring?: AuthoringPointers): string {
  const file = shownFileName(fileName);
  const lines = result.problems.map(formatProblem);
  if (result.truncated) lines.push(moreProblemsLine(result.truncated, authoring));
  const verdict = result.ok
    ? `${file}: valid${result.warnings ? ` (${result.warnings} warning${result.warnings === 1 ? '' : 's'})` : ''}`
    : `${file}: ${result.errors} error${result.errors === 1 ? '' : 's'}, ${result.warnings} warning${result.warnings === 1 ? '' : 's'}`;
  return [...lines, verdict].join('\n');
}

/** The name of the field the line of `offset` starts with, in double or single quotes ("title": or 'title':), if it starts with one. */
function fieldOfLine(text: string, offset: number): string | undefined {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const m = /^\s*(?:"((?:[^"\\\n]|\\.)*)"|'([^'\n]*)')\s*:/.exec(text.slice(start, Math.min(text.length, start + 300)));
  if (!m) return undefined;
  if (m[2] !== undefined) return m[2];
  try {
    return JSON.parse(`"${m[1] ?? ''}"`) as string;
  } catch {
    return undefined;
  }
}

/**
 * The name of the field the line of `offset` starts with when a curly quote opens or closes it
 * (“title”: or “title": or "title”:), the curly quote at `offset` one of them.
 */
function curlyFieldOfLine(text: string, offset: number): string | undefined {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const m = /^[ \t]*([\u201c\u201d\u201e"])([^\u201c\u201d\u201e"\\\n]{1,200})([\u201c\u201d"])[ \t]*:/.exec(text.slice(start, Math.min(text.length, start + 300)));
  if (!m || (m[1] === '"' && m[3] === '"')) return undefined;
  const nameStart = start + m[0].indexOf(m[1] ?? '');
  const nameEnd = nameStart + 1 + (m[2] ?? '').length;
  return offset === nameStart || offset === nameEnd ? m[2] : undefined;
}

/** Files up to this size get the place of each of their first syntax errors worked out (from the steps the scan that found the errors kept). */
const SYNTAX_PATHS_UP_TO = 2_000_000;
const SYNTAX_PATHS = 20;

/**
 * Where in the scenario each syntax error is, as a path ("nodes[2].replies[0].text"), in place of
 * "(top level)": the property being written when the JSON went wrong, read by jsonc-parser's
 * tolerant scan. Only for the first few errors; in a larger file, only for those in its first
 * SYNTAX_PATHS_UP_TO characters (read again up to the last of them, as getLocation would). An error
 * left without its place is marked `pathUnknown`, so that it is not said to be at the top level: a
 * comment on line 8 of a node in a 2 MB file was "(top level)".
 */
function syntaxWhere(text: string, problems: UnlocatedProblem[], steps: VisitSteps | undefined): UnlocatedProblem[] {
  const large = text.length > SYNTAX_PATHS_UP_TO || !steps;
  const unplaced = (p: UnlocatedProblem, i: number) => p.path.length === 0 && p.offset !== undefined && p.offset > 0 && i < SYNTAX_PATHS;
  const located = (p: UnlocatedProblem, i: number): p is UnlocatedProblem & { offset: number } => unplaced(p, i) && (!large || (p.offset as number) < SYNTAX_PATHS_UP_TO);
  // All of them from the steps of the scan that found the errors, up to the last (getLocation reads
  // the file from the start for each).
  const paths = locationPaths(text, problems.flatMap((p, i) => (located(p, i) ? [p.offset] : [])), { countMissingCommas: true, ...(large ? {} : { steps }) });
  let k = 0;
  return problems.map((p, i) => {
    if (!located(p, i)) return p.path.length === 0 && p.offset !== undefined && p.offset > 0 ? { ...p, pathUnknown: true } : p;
    const path = paths[k++] as (string | number)[];
    const last = path[path.length - 1];
    const list = path[path.length - 2];
    const base = COMMA_EXPECTED.slice(0, -1);
    if (p.message.startsWith(base) && typeof last === 'number' && last > 0) {
      // The place shown is the item after the comma left out: the message names it and the one before.
      const of = typeof list === 'string' ? ` of ${quoteValue(list)}` : '';
      return { ...p, path: path.filter((part) => part !== ''), message: `${base.replace('two items', `item ${last} and item ${last + 1}${of}`)}${p.message.slice(base.length)}`,
        // On one line, the item is named by its value too ("after item 2, "curious-not-interrogating""): in a
        // list of ids on one line, "item 2" left the trainer counting (found by validator-51).
        fix: p.fix === 'Add a comma after the value before it.' && valueBefore(text, p.offset) !== undefined ? `Add a comma after item ${last}, ${valueBefore(text, p.offset) ?? ''}.` : p.fix.replace('the value before it', `item ${last}`) };
    }
    if (p.message.startsWith(base) && typeof last === 'string' && text.startsWith(JSON.stringify(last), p.offset)) {
      // Between two fields of an object, the parser stops at the second one's name: that is the path.
      // On the same line, the value it goes after is named ("between "jade" and "text""): "after
      // the value before it" left the trainer to work out which (author-49).
      const after = p.fix === 'Add a comma after the value before it.' ? valueBefore(text, p.offset) : undefined;
      return { ...p, path: path.filter((part) => part !== ''), message: `${base.replace('between two items', `before the field ${quoteValue(last)}`)}${p.message.slice(base.length)}`,
        fix: after === undefined ? p.fix : `Add a comma between ${after} and ${quoteValue(last)}.` };
    }
    const curlyName = p.code === 'syntax-curly-quote' ? curlyFieldOfLine(text, p.offset) : undefined;
    if (curlyName !== undefined) {
      // “title”: … — a field's name in curly quotes, the first thing on its line: the scan is between
      // two fields, so the path named only the object, "(top level)" for the scenario's own fields
      // (found by validator-52). The field the line writes is named, as for a comment after it.
      return { ...p, path: [...(typeof last === 'string' ? path.slice(0, -1) : path), curlyName].filter((part) => part !== '') };
    }
    if (p.code === 'syntax-curly-quote' && typeof last === 'string' && /[\u201c\u201d]/.test(last)) {
      // "summary”: "…" read up to the next straight quote as one name, 'summary”: ': the path named
      // that (["summary”: "]); the field meant is the part before the curly quote.
      const meant = last.split(/[\u201c\u201d]/)[0] ?? '';
      return { ...p, path: [...path.slice(0, -1), ...(meant.trim() === '' ? [] : [meant])].filter((part) => part !== '') };
    }
    // A field name that lost one of its quotes: the path names that field (nodes[2].title), not the
    // name as misread ('nodes[2]["title: "]') nor only the object.
    const halfQuoted = /^Not valid JSON: the field name "?([A-Za-z_$][A-Za-z0-9_-]*) has no (?:opening|closing) double quote/.exec(p.message)?.[1];
    if (halfQuoted !== undefined) return { ...p, path: [...(typeof last === 'string' ? path.slice(0, -1) : path), halfQuoted].filter((part) => part !== '') };
    const field = last === '' && /comments? (?:are|is) not|a single quote/.test(p.message) ? fieldOfLine(text, p.offset) : undefined;
    if (field !== undefined) {
      // A comment after a field's value, or a field's name in single quotes: the scan is between two
      // fields of the object, so the path named only the object, "(top level)" for the scenario's
      // own fields ("estimatedMinutes": 5, // … on line 8). The field the line writes is named.
      return { ...p, path: [...path.slice(0, -1), field].filter((part) => part !== '') };
    }
    return { ...p, path: path.filter((part) => part !== '') };
  });
}
