import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { SCHEMA_FILE_NAME } from '../../machines/index.js';
import { scenariosDir } from '../paths.js';

/** The .json files of the app's scenarios folder (the schema excepted): the scenarios the picker lists. */
export function bundledScenarioFiles(): string[] {
  try {
    return readdirSync(scenariosDir()).filter((n) => n.endsWith('.json') && n !== SCHEMA_FILE_NAME).map((n) => join(scenariosDir(), n));
  } catch {
    return [];
  }
}

/**
 * Whether a file is in the app's scenarios folder, reached by any way there: a link to that folder
 * (or the folder itself a link) is the same folder. `validate scenarios/` through a linked folder
 * told each bundled file that it shared its own id with the app's file (found by author-61).
 */
export function inScenariosDir(file: string): boolean {
  const folder = dirname(resolve(file));
  const scenarios = resolve(scenariosDir());
  return folder === scenarios || realFolder(folder) === realFolder(scenarios);
}

/** A folder's path with its links followed; the path as it is when that cannot be done (it is not there). */
function realFolder(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** Whether two paths name one file: the same path, or (through a link) the same file on disk. */
export function sameFile(a: string, b: string): boolean {
  if (resolve(a) === resolve(b)) return true;
  try {
    const [x, y] = [statSync(a), statSync(b)];
    return x.dev === y.dev && x.ino === y.ino;
  } catch {
    return false;
  }
}

/**
 * Scenario id → the files (each once, as named) that hold a scenario with it. A file that cannot be
 * read or parsed, is not a regular file, or is too big for a scenario, has no id here (its own validation says why).
 */
export function scenarioIds(paths: readonly string[]): Map<string, string[]> {
  const ids = new Map<string, string[]>();
  const seen = new Set<string>();
  for (const path of paths) {
    const key = resolve(path);
    if (seen.has(key)) continue;
    seen.add(key);
    try {
      // Only a regular file (followed through a link) within a scenario's size: reading a named pipe
      // or a device (a link to /dev/zero) would block or never end.
      const stats = statSync(path);
      if (!stats.isFile() || stats.size > 1_000_000) continue;
      const id = (JSON.parse(readFileSync(path, 'utf8')) as { id?: unknown } | null)?.id;
      if (typeof id === 'string') ids.set(id, [...(ids.get(id) ?? []), path]);
    } catch {
      // Not readable or not JSON: no id to compare.
    }
  }
  return ids;
}
