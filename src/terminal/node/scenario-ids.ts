import { readdirSync, readFileSync, statSync } from 'node:fs';
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

export function inScenariosDir(file: string): boolean {
  return dirname(resolve(file)) === resolve(scenariosDir());
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
