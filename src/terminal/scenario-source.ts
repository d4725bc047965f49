import { resolve } from 'node:path';
import { formatValidation, startingAt, type PlayableScenario } from '../machines/index.js';
import { UsageError } from './args.js';
import { loadScenarioFile, resolveScenarioPath } from './files.js';

export type { PlayableScenario };

/** A file that could not be played: its problems, printed exactly as `validate` prints them. */
export interface UnplayableScenario {
  problems: string;
}

/** Reads and validates a scenario by id or path; unreadable files throw FileAccessError (exit 2). */
export function loadPlayable(nameOrPath: string, from?: string, set?: Readonly<Record<string, string>>): PlayableScenario | UnplayableScenario {
  const path = resolveScenarioPath(nameOrPath);
  const loaded = loadScenarioFile(path);
  if (!loaded.result.scenario) return { problems: formatValidation(loaded.result, loaded.path) };
  const moved = startingAt(loaded.result.scenario, from, set);
  if (!moved.ok) throw new UsageError(moved.error);
  return { scenario: moved.scenario, file: resolve(path), from, ...(set !== undefined ? { set } : {}) };
}
