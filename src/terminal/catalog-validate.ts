import { resolve } from 'node:path';
import { sortEntries, withRecord, type CatalogEntry, type LeftOut, type Records } from '../machines/index.js';
import { loadScenarioFile } from './files.js';
import { listCatalog, type Listing } from './node/catalog-files.js';
import { scenariosDir } from './paths.js';

/** The entries whose files validate, each with its playable scenario; the rest are left out, with why. */
export function validateEntries(listing: Listing): Listing {
  const entries: CatalogEntry[] = [];
  const leftOut: LeftOut[] = [...listing.leftOut];
  for (const e of listing.entries) {
    try {
      const scenario = loadScenarioFile(e.file).result.scenario;
      if (scenario) entries.push({ ...e, playable: { scenario, file: resolve(e.file) } });
      else leftOut.push({ file: e.file, reason: 'it has errors; run casa-practice validate on it' });
    } catch {
      leftOut.push({ file: e.file, reason: 'it cannot be read' });
    }
  }
  return { entries: sortEntries(entries), leftOut };
}

/** Every valid scenario in a folder (default: the bundled scenarios), validated, with records applied. */
export function loadCatalog(dir: string = scenariosDir(), records: Records = {}): Listing {
  const listing = validateEntries(listCatalog(dir));
  return { ...listing, entries: listing.entries.map((e) => withRecord(e, records)) };
}
