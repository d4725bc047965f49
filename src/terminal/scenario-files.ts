import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Scenario files in a folder: every *.json except JSON Schemas, sorted by name. A link named *.json
 * is one when it leads to a regular file, and when it leads nowhere (or round in a loop): the
 * reader then says so for that file. A link to a folder, a device or a pipe is left out, as such
 * entries themselves are: reading one would block or never end (the picker lists every file).
 */
export function scenarioFilesIn(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.name.endsWith('.json') && !e.name.endsWith('.schema.json') && (e.isFile() || (e.isSymbolicLink() && linkToFileOrNothing(join(dir, e.name)))))
    .map((e) => join(dir, e.name))
    .sort();
}

function linkToFileOrNothing(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return true;
  }
}
