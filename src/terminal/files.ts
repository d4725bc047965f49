import { readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { validateScenario, type ValidationResult } from '../machines/index.js';
import { scenariosDir } from './paths.js';

/** A scenario file read from disk and validated. */
export interface LoadedFile {
  path: string;
  result: ValidationResult;
}

import { FileAccessError } from './errors.js';
import { scenarioFilesIn } from './scenario-files.js';

export { FileAccessError, scenarioFilesIn };

/** Expands files and folders given on the command line into scenario files. */
export function expandPaths(paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    let isDir: boolean;
    try {
      isDir = statSync(p).isDirectory();
    } catch {
      throw new FileAccessError(`cannot read "${p}": no such file or folder`);
    }
    out.push(...(isDir ? scenarioFilesIn(p) : [p]));
  }
  return out;
}

/** Reads and validates one scenario file; unreadable files become FileAccessError. */
export function loadScenarioFile(path: string): LoadedFile {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'permission denied' : 'it cannot be read';
    throw new FileAccessError(`cannot read "${path}": ${why}`);
  }
  return { path, result: validateScenario(bytes, path) };
}

/**
 * Finds a scenario by file path or by id among the bundled scenarios ("youth-discloses").
 * Returns the path to read.
 */
export function resolveScenarioPath(nameOrPath: string): string {
  if (nameOrPath.endsWith('.json') || nameOrPath.includes('/') || nameOrPath.includes('\\')) return nameOrPath;
  const bundled = join(scenariosDir(), `${basename(nameOrPath)}.json`);
  return bundled;
}
