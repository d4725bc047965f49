import { readFileSync } from 'node:fs';
import { isEntry, quickEntry, sortEntries, type CatalogEntry, type LeftOut, type Records } from '../../machines/light.js';
import { scenariosDir } from '../paths.js';
import { scenarioFilesIn } from '../scenario-files.js';

/** What a folder of scenario files offers: entries, and the files left out with why. */
export interface Listing {
  entries: CatalogEntry[];
  leftOut: LeftOut[];
}

/**
 * A quick listing for the picker's first frame: reads each file's library fields without
 * validating it. The app validates the list right after the first frame and drops files with errors.
 */
export function listCatalog(dir: string = scenariosDir(), records: Records = {}): Listing {
  let files: string[];
  try {
    files = scenarioFilesIn(dir);
  } catch {
    return { entries: [], leftOut: [] };
  }
  const entries: CatalogEntry[] = [];
  const leftOut: LeftOut[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      leftOut.push({ file, reason: 'it cannot be read' });
      continue;
    }
    const e = quickEntry(file, text, records);
    if (isEntry(e)) entries.push(e);
    else leftOut.push(e);
  }
  return { entries: sortEntries(entries), leftOut };
}
