import { sortEntries, withRecord, type CatalogEntry, type LeftOut, type Records, type Scenario } from '../machines/index.js';
import { place } from './catalog-worker.js';
import { loadScenarioFile } from './files.js';
import { listCatalog, type Listing } from './node/catalog-files.js';
import { scenariosDir } from './paths.js';

/** The entries whose files validate, each with its playable scenario; the rest are left out, with why. */
export function validateEntries(listing: Listing): Listing {
  const entries: CatalogEntry[] = [];
  const leftOut: LeftOut[] = [...listing.leftOut];
  for (const e of listing.entries) place(e, checkFile(e.file), entries, leftOut);
  return { entries: sortEntries(entries), leftOut };
}

/** One file's verdict for the picker: its playable scenario, or why it is left out. */
export type FileCheck = { scenario: Scenario } | { reason: string };

export function checkFile(file: string): FileCheck {
  try {
    const scenario = loadScenarioFile(file).result.scenario;
    // The picker's notice gives the command that shows them (leftOutNotice).
    return scenario ? { scenario } : { reason: 'it has errors' };
  } catch {
    return { reason: 'it cannot be read' };
  }
}

/** Every valid scenario in a folder (default: the bundled scenarios), validated, with records applied. */
export function loadCatalog(dir: string = scenariosDir(), records: Records = {}): Listing {
  const listing = validateEntries(listCatalog(dir));
  return { ...listing, entries: listing.entries.map((e) => withRecord(e, records)) };
}
