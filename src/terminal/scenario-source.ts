import { resolve } from 'node:path';
import { formatValidation } from '../machines/validate/index.js';
import type { Scenario } from '../machines/schema/scenario.js';
import { UsageError } from './args.js';
import { loadScenarioFile, resolveScenarioPath } from './files.js';

/** A scenario ready to play, with where it came from (saves refer back to the file). */
export interface PlayableScenario {
  scenario: Scenario;
  /** Absolute path of the file it was read from. */
  file: string;
  /** The node a `--from` playthrough starts at. */
  from?: string;
}

/** A file that could not be played: its problems, printed exactly as `validate` prints them. */
export interface UnplayableScenario {
  problems: string;
}

/** Reads and validates a scenario by id or path; unreadable files throw FileAccessError (exit 2). */
export function loadPlayable(nameOrPath: string, from?: string): PlayableScenario | UnplayableScenario {
  const path = resolveScenarioPath(nameOrPath);
  const loaded = loadScenarioFile(path);
  if (!loaded.result.scenario) return { problems: formatValidation(loaded.result, loaded.path) };
  return { scenario: startingAt(loaded.result.scenario, from), file: resolve(path), from };
}

/**
 * The scenario as the machine should see it when an author starts at a later node: the same
 * scenario with `start` moved (variables keep their declared defaults). The core compiles any
 * valid scenario, so this needs nothing from it.
 */
export function startingAt(scenario: Scenario, from: string | undefined): Scenario {
  if (from === undefined || from === scenario.start) return scenario;
  const node = scenario.nodes.find((n) => n.id === from);
  if (!node) {
    const ids = scenario.nodes.map((n) => n.id);
    const shown = ids.slice(0, 12).join(', ') + (ids.length > 12 ? ', …' : '');
    throw new UsageError(`--from: "${scenario.id}" has no node "${from}" (nodes: ${shown})`);
  }
  if (node.kind === 'ending') throw new UsageError(`--from: "${from}" is an ending; start at a scene or decision`);
  return { ...scenario, start: from };
}
