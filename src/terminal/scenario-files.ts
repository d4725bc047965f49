import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Scenario files in a folder: every *.json except JSON Schemas, sorted by name. */
export function scenarioFilesIn(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.json') && !e.name.endsWith('.schema.json'))
    .map((e) => join(dir, e.name))
    .sort();
}
