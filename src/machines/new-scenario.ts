import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import { MAX_ID_LENGTH, suggestedId } from './scenario-id.js';
import { validateScenario, type ValidateOptions, type ValidationResult } from './validate/index.js';
import { COLUMN_SAID, type Problem } from './validate/problem.js';

/** What a new scenario file takes from its maker; everything else is the worked example's, as written. */
export interface NewScenarioFields {
  /** The scenario's id (the new file's name without ".json"). */
  id: string;
  /** The "$schema" value that leads from the new file's folder to scenario.schema.json. */
  schemaRef: string;
}

/** The version a new scenario starts at. */
export const NEW_SCENARIO_VERSION = 1;

/**
 * The worked example's text as a new scenario: its top-level "$schema", "id" and "version" values
 * replaced where they are written, its "title" followed by the id in brackets, and every other character as it was (the order of the fields,
 * the layout, the comments a trainer reads in the example's texts). Throws when the example has no
 * such top-level field (a damaged example: there is nothing sound to copy).
 */
export function newScenarioText(example: string, fields: NewScenarioFields): string {
  const tree = parseTree(example);
  const nodeOf = (key: string) => {
    const node = tree ? findNodeAtLocation(tree, [key]) : undefined;
    if (!node) throw new Error(`the worked example has no top-level "${key}"`);
    return node;
  };
  // The title names the id too: two files made with `new` were two rows alike in the scenario picker.
  const title = nodeOf('title').value;
  const values = [['$schema', JSON.stringify(fields.schemaRef)], ['id', JSON.stringify(fields.id)], ['version', String(NEW_SCENARIO_VERSION)],
    ['title', JSON.stringify(`${typeof title === 'string' ? title : 'New scenario'} (${fields.id})`)]] as const;
  const edits = values.map(([key, value]) => {
    const node = nodeOf(key);
    return { offset: node.offset, length: node.length, value };
  });
  // From the end, so that each offset still holds when it is used.
  return edits.sort((a, b) => b.offset - a.offset).reduce((text, e) => text.slice(0, e.offset) + e.value + text.slice(e.offset + e.length), example);
}

/** A new scenario made from the worked example, validated as `validate` would validate the file. */
export interface NewScenario {
  text: string;
  result: ValidationResult;
  /**
   * What refuses this id, in validate's words: an id not spelt as ids are (invalid-id, too-long,
   * blank-text) or one a scenario of the app already has (duplicate-scenario-id). Empty when none.
   */
  idProblems: Problem[];
  /** An id to offer instead, when one of idProblems is about the id's spelling or length. */
  suggestion?: string;
}

/**
 * The worked example as a new scenario with `fields`, and what validate says of it (given the
 * checks a caller that reads files adds: the app's scenario ids, the file's name in its folder).
 */
export function newScenario(example: string, fields: NewScenarioFields, options: ValidateOptions = {}): NewScenario {
  const text = newScenarioText(example, fields);
  const result = validateScenario(text, 'new.json', options);
  // The id is typed on the command line, not read from a file: a column in the file made here ("a
  // capital at its start (column 10)") would point at nothing the trainer sees.
  const idProblems = result.problems.filter((p) => p.path.length === 1 && p.path[0] === 'id' && (p.severity === 'error' || p.code === 'duplicate-scenario-id'))
    .map((p) => ({ ...p, message: p.message.replace(COLUMN_SAID, '') }));
  const spelling = idProblems.some((p) => p.severity === 'error');
  const shortened = suggestedId(fields.id).slice(0, MAX_ID_LENGTH).replace(/-+$/, '');
  return { text, result, idProblems, ...(spelling && shortened !== '' && shortened !== fields.id ? { suggestion: shortened } : {}) };
}
