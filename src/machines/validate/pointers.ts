import { languageRules } from '../guide.js';

/**
 * Where a fix sends a trainer for more than it says: the authoring guide's worked example and its
 * list of principle ids, the language rules' file, the format's JSON Schema. The terminal's trainer
 * has the program's folder (docs/authoring.md, scenarios/guide/, scenarios/scenario.schema.json),
 * and the fixes name those files; a caller without them (the web app's Preview, where a trainer has
 * only the page) names what it offers instead (ValidateOptions), and a fix that named a file says
 * what the file would have told (the language rules' ids and what each allows).
 */
export interface AuthoringPointers {
  /** Where a worked example to start from is, as the end of "start from …" ("the worked example on this page"). */
  example: string;
  /** Where the principle ids are listed, as the end of "The principle ids are …" ("listed on this page"). */
  principleIds: string;
  /**
   * Where the format's JSON Schema (scenario.schema.json) is to be had, as a clause after its name
   * ("which … offers to download"): for an editor's checks, and for a field the validator can only
   * say is not of an allowed form.
   */
  schema: string;
  /** How to check the file again, as a clause after "; " ("check it again with “Check again”"); "validate again" without one. */
  again?: string;
  /**
   * What finds a file of the app's scenarios folder by the name its id gives it, as the end of "a
   * file is named after its id, which … looks for"; the terminal names its play command (the caller's
   * ValidateOptions.command, "npm run cli -- play <id>"), a command a page has no use for.
   */
  findsById?: string;
  /**
   * What a file outside the app's scenarios folder that has the id of one of the app's scenarios
   * would share with it, as the end of "The app's scenario file … has the id … too: ". The terminal
   * says that completion records are kept by id wherever the file is, and saved progress per file; a
   * caller whose plays save nothing (the web Preview's) says what holds there.
   */
  sharedId?: string;
  /**
   * What a file of the app's scenarios folder that has the id of another file there would share
   * with it, as the end of "The app's scenario file … has the id … too: ". The terminal says that its
   * saved progress and completion records are kept by id there and that its picker lists both; a
   * caller that opens the app's scenarios otherwise (the web app opens one by its id) says what holds there.
   */
  sharedIdInApp?: string;
}

// Set for the length of one validateScenario call (synchronous), as the suggestion budget is: the
// fixes that name a file are written deep in the schema's checks, which take no options.
let current: AuthoringPointers | undefined;

/** Runs `check` with the fixes pointing where `pointers` say (the program's files when undefined). */
export function withPointers<T>(pointers: AuthoringPointers | undefined, check: () => T): T {
  const before = current;
  current = pointers;
  try {
    return check();
  } finally {
    current = before;
  }
}

/** The fixes that point somewhere, each as the terminal says it (the program's files) or with the caller's pointers. */
export const pointerWords = {
  /** How to check the file again once a fix is made: the terminal's "validate again", or the caller's. */
  again: (): string => current?.again ?? 'validate again',
  /** What looks for a file of the scenarios folder by its id: the terminal's `command` ("play <id>"), or the caller's words. */
  findsById: (command: string): string => current?.findsById ?? command,
  /** What a file outside the scenarios folder with an app scenario's id would share with it: the terminal's records and saves, or the caller's words. */
  sharedId: (): string => current?.sharedId ?? 'completion records (best score, times finished) are kept by scenario id wherever the file is, so this file and that scenario would share them. (Saved progress stays apart: outside the scenarios folder it is kept per file.)',
  /** What a file of the scenarios folder with another's id there would share with it: the terminal's saves, records and picker, or the caller's words. */
  sharedIdInApp: (): string => current?.sharedIdInApp ?? 'in the scenarios folder saved progress and completion records (best score, times finished) are kept by scenario id, so the two would share them, and the picker would list both.',
  emptyFile: (): string => `A scenario is one JSON object: start from ${current?.example ?? 'the worked example in docs/authoring.md'}.`,
  notAnObject: (): string => `Wrap the scenario in { } with "id", "title", "nodes" and the other fields; see ${current?.example ?? 'docs/authoring.md'}.`,
  /** A file of plain text (prose saved as .json): where to start a scenario from. */
  prose: (): string => `Start from ${current?.example ?? 'the worked example (npx casa-practice new <id>, or docs/examples/first-scenario.json)'} and put your words in its fields ("narration", "text", "feedback", …).`,
  nodes: (): string => `Add "nodes": the list of scene, decision and ending nodes (see ${current?.example ?? 'the worked example in docs/authoring.md'}).`,
  learningGoals: (): string => `Add "learningGoals": the ids of the principles this scenario practises, ${current ? current.principleIds : 'from scenarios/guide/principles.json'}.`,
  /**
   * Where conditions ("when") are explained, as the end of "see …": the authoring guide's section,
   * or, for a caller without it, the worked example's routes (it has conditions on a variable and on
   * conduct), where the caller offers it.
   */
  conditions: (): string => (current ? `the conditions in the routes of ${current.example}` : 'Conditions in docs/authoring.md, section 4'),
  /**
   * Where how scoring works is told, in parentheses after a fix about a score written on an ending:
   * the authoring guide's section; nothing for a caller without it (the Preview page has no such part).
   */
  scoring: (): string => (current ? '' : ' (docs/authoring.md, section 5)'),
  /** After a "Did you mean" principle id. */
  principleMeant: (): string => `The principle ids are ${current?.principleIds ?? 'listed in docs/authoring.md, section 9'}, and offered by the editor's autocomplete.`,
  /** An unknown principle id, none meant: where the ids are. */
  principleIds: (): string => (current ? `a principle id (they are ${current.principleIds})` : 'a principle id from scenarios/guide/principles.json (the JSON Schema lists them for autocomplete; docs/authoring.md lists them in section 9)'),
  /** Where a learning goal's ids are listed (in parentheses). */
  goalIds: (): string => `the ids are ${current?.principleIds ?? 'listed in section 9 of docs/authoring.md'}`,
  /**
   * A field's description from the format, in a fix: a principle id's and a language rule's name the
   * files they come from, which a caller's trainer without them is told of as the other fixes do.
   */
  description: (description: string): string => {
    if (!current) return description;
    if (description.startsWith('The id of a principle in ')) return `The id of a principle (the ids are ${current.principleIds})`;
    if (description.startsWith('The id of a language rule in ')) return `The id of a language rule: ${languageRuleWords()}`;
    return description;
  },
  /** The language rules allowed in a fix that lists them: their ids, from the rules' file, or each with what it allows. */
  languageRules: (ids: readonly unknown[]): string => (current
    ? languageRuleWords(ids)
    : `${ids.map((v) => JSON.stringify(v)).join(', ')} (from scenarios/guide/language-rules.json)`),
  /**
   * A field not of an allowed form, which the checks have no words of their own for: the JSON Schema
   * says what it may be. A caller's trainer is told the field's description, and where the schema is.
   */
  checkField: (description?: string): string => (current
    ? `${description ? `The format says of this field: ${description.replace(/\.?$/, '.')} ` : ''}Check it against the scenario format: the JSON Schema (scenario.schema.json), ${current.schema}.`
    : 'Check this field against the JSON Schema.'),
  /** "$schema" naming another format: where the scenario format's schema is, and how to point to it. */
  schemaRef: (schemaFile: string, command: string): string => (current
    ? `Point it at the scenario format, ${schemaFile}, ${current.schema}: save it in your scenario's folder and write "$schema": "./${schemaFile}", so that an editor such as VS Code checks the file as you type. Or remove "$schema": the file is checked here without it.`
    : `Point it at ${schemaFile} in the program's scenarios folder: "./${schemaFile}" for a file in scenarios/, otherwise the path from this file's folder (${command} prints the line to write).`),
};

/** Each language rule of `ids` (every rule when not given) with what it allows: "\"awol\" (allows \"AWOL\" here)". */
function languageRuleWords(ids?: readonly unknown[]): string {
  const shown = ids ? ids.map(String) : languageRules.map((r) => r.id);
  return shown.map((id) => {
    const terms = languageRules.find((r) => r.id === id)?.terms ?? [];
    return terms.length > 0 ? `${JSON.stringify(id)} (allows ${terms.map((t) => JSON.stringify(t)).join(', ')} in this text)` : JSON.stringify(id);
  }).join(', ');
}

