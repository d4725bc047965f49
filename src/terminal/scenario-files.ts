import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const JSON_NAME = /\.json$/i;
const SCHEMA_NAME = /\.schema\.json$/i;

/**
 * Scenario files in a folder: every *.json (.JSON too, as Windows may save it) except JSON Schemas,
 * sorted by name. A link named *.json is one when it leads to a regular file, and when it leads
 * nowhere (or round in a loop): the reader then says so for that file. A link to a folder, a device
 * or a pipe is left out, as such entries themselves are: reading one would block or never end (the
 * picker lists every file).
 */
export function scenarioFilesIn(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => JSON_NAME.test(e.name) && !SCHEMA_NAME.test(e.name) && (e.isFile() || (e.isSymbolicLink() && linkToFileOrNothing(join(dir, e.name)))))
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
