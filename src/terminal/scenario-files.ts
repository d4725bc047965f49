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

/**
 * Why a folder holds no scenario files, for the message that says none were found: files whose
 * name ends in .json.txt (Windows hides a known ending, so "story.json" saved from Notepad may be
 * story.json.txt) and folders inside it, which are not looked in. Empty when there is neither.
 */
export function whyNoScenarioFiles(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const hidden = entries.filter((e) => e.isFile() && /\.json\.txt$/i.test(e.name)).map((e) => e.name).sort();
  const folders = entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name).sort();
  const out: string[] = [];
  if (hidden.length > 0) out.push(`${hidden.length === 1 ? `"${hidden[0]}" ends in .txt` : `${hidden.length} files end in .json.txt (${hidden.slice(0, 3).map((n) => `"${n}"`).join(', ')}${hidden.length > 3 ? ', …' : ''})`}: scenario files end in .json; rename ${hidden.length === 1 ? 'it' : 'them'} without the .txt (Windows may hide that ending)`);
  if (folders.length > 0) out.push(`folders inside it are not looked in (${folders.slice(0, 3).map((n) => `"${n}"`).join(', ')}${folders.length > 3 ? ', …' : ''}): name ${folders.length === 1 ? 'that folder' : 'the folder'} itself to check the files in it`);
  return out;
}
