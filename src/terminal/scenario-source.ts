import { resolve } from 'node:path';
import { formatValidation, startingAt, type PlayableScenario } from '../machines/index.js';
import { UsageError } from './args.js';
import { loadScenarioFile, resolveScenarioPath } from './files.js';
import { bundledScenarioFiles, inScenariosDir, scenarioIds } from './node/scenario-ids.js';
import { checkSchemaRef } from './node/schema-ref.js';

export type { PlayableScenario };

/** A file that could not be played: its problems, printed exactly as `validate` prints them. */
export interface UnplayableScenario {
  problems: string;
}

/** Reads and validates a scenario by id or path; unreadable files throw FileAccessError (exit 2). */
export function loadPlayable(nameOrPath: string, from?: string, set?: Readonly<Record<string, string>>): PlayableScenario | UnplayableScenario {
  const path = resolveScenarioPath(nameOrPath);
  // A file of the trainer's own (a copy of a bundled scenario, often) with the id of one of the
  // app's: completion records, kept by id, would mix the two up. Said as validate says it.
  // And a "$schema" path that leads nowhere from the file's folder (copied from the example), as
  // validate says it: the editor then finds no format to check the file with.
  const loaded = inScenariosDir(path) ? loadScenarioFile(path) : loadScenarioFile(path, undefined, { schemaRef: checkSchemaRef(path), sameIdElsewhere: (id) => scenarioIds(bundledScenarioFiles()).get(id)?.[0] });
  if (!loaded.result.scenario) return { problems: formatValidation(loaded.result, loaded.path) };
  const moved = startingAt(loaded.result.scenario, from, set);
  if (!moved.ok) throw new UsageError(moved.error);
  const file = resolve(path);
  const playable: PlayableScenario = { scenario: moved.scenario, file, from, ...(inScenariosDir(file) ? { bundled: true } : {}), ...(set !== undefined ? { set } : {}) };
  if (loaded.result.warnings > 0) warnings.set(playable, formatValidation(loaded.result, loaded.path));
  return playable;
}

const warnings = new WeakMap<PlayableScenario, string>();

/** The warnings of the file a scenario was loaded from, printed as `validate` prints them (undefined when none). */
export function warningsOf(playable: PlayableScenario): string | undefined {
  return warnings.get(playable);
}
