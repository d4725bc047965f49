import { resolve } from 'node:path';
import { listCatalog, sortEntries, type CatalogEntry } from './catalog.js';
import { loadScenarioFile } from './files.js';
import { scenariosDir } from './paths.js';

/** The entries whose files validate, each with its playable scenario; the rest are dropped. */
export function validateEntries(entries: readonly CatalogEntry[]): CatalogEntry[] {
  const out: CatalogEntry[] = [];
  for (const e of entries) {
    try {
      const scenario = loadScenarioFile(e.file).result.scenario;
      if (scenario) out.push({ ...e, playable: { scenario, file: resolve(e.file) } });
    } catch {
      // vanished since listing: not offered
    }
  }
  return sortEntries(out);
}

/** Every valid scenario in a folder (default: the bundled scenarios), validated. */
export function loadCatalog(dir: string = scenariosDir()): CatalogEntry[] {
  return validateEntries(listCatalog(dir));
}
