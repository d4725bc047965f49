/**
 * Where a fix sends a trainer for more than it says: the authoring guide's worked example and its
 * list of principle ids. The terminal's trainer has the program's folder (docs/authoring.md,
 * scenarios/guide/principles.json), and the fixes name those files; a caller without them (the web
 * app's Preview, where a trainer has only the page) names what it offers instead (ValidateOptions).
 */
export interface AuthoringPointers {
  /** Where a worked example to start from is, as the end of "start from …" ("the worked example on this page"). */
  example: string;
  /** Where the principle ids are listed, as the end of "The principle ids are …" ("listed on this page"). */
  principleIds: string;
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
  emptyFile: (): string => `A scenario is one JSON object: start from ${current?.example ?? 'the worked example in docs/authoring.md'}.`,
  notAnObject: (): string => `Wrap the scenario in { } with "id", "title", "nodes" and the other fields; see ${current?.example ?? 'docs/authoring.md'}.`,
  nodes: (): string => `Add "nodes": the list of scene, decision and ending nodes (see ${current?.example ?? 'the worked example in docs/authoring.md'}).`,
  learningGoals: (): string => `Add "learningGoals": the ids of the principles this scenario practises, ${current ? current.principleIds : 'from scenarios/guide/principles.json'}.`,
  /** After a "Did you mean" principle id. */
  principleMeant: (): string => `The principle ids are ${current?.principleIds ?? 'listed in docs/authoring.md, section 9'}, and offered by the editor's autocomplete.`,
  /** An unknown principle id, none meant: where the ids are. */
  principleIds: (): string => (current ? `a principle id (they are ${current.principleIds})` : 'a principle id from scenarios/guide/principles.json (the JSON Schema lists them for autocomplete; docs/authoring.md lists them in section 9)'),
  /** Where a learning goal's ids are listed (in parentheses). */
  goalIds: (): string => `the ids are ${current?.principleIds ?? 'listed in section 9 of docs/authoring.md'}`,
};
