import { dirname, resolve } from 'node:path';
import { sortEntries, withRecord, type CatalogEntry, type LeftOut, type Records } from '../machines/index.js';
import { loadScenarioFile } from './files.js';
import { command } from './invocation.js';
import { listCatalog, type Listing } from './node/catalog-files.js';
import { scenariosDir } from './paths.js';

/** The entries whose files validate, each with its playable scenario; the rest are left out, with why. */
export function validateEntries(listing: Listing): Listing {
  const entries: CatalogEntry[] = [];
  const leftOut: LeftOut[] = [...listing.leftOut];
  for (const e of listing.entries) validateOne(e, entries, leftOut);
  return { entries: sortEntries(entries), leftOut };
}

/**
 * The same, one file per turn of the event loop: validating a scenario (with its exploration of
 * every playthrough) takes a moment, and between files the app still answers keys and signals
 * (a closed terminal window must end it within a second).
 */
export async function validateEntriesInTurns(listing: Listing): Promise<Listing> {
  const entries: CatalogEntry[] = [];
  const leftOut: LeftOut[] = [...listing.leftOut];
  for (const e of listing.entries) {
    await new Promise((resolve) => setImmediate(resolve));
    validateOne(e, entries, leftOut);
  }
  return { entries: sortEntries(entries), leftOut };
}

function validateOne(e: CatalogEntry, entries: CatalogEntry[], leftOut: LeftOut[]): void {
  try {
    const scenario = loadScenarioFile(e.file).result.scenario;
    const file = resolve(e.file);
    if (scenario) entries.push({ ...e, playable: { scenario, file, ...(dirname(file) === scenariosDir() ? { bundled: true } : {}) } });
    else leftOut.push({ file: e.file, reason: `it has errors; run ${command('validate')} on it` });
  } catch {
    leftOut.push({ file: e.file, reason: 'it cannot be read' });
  }
}

/** Every valid scenario in a folder (default: the bundled scenarios), validated, with records applied. */
export function loadCatalog(dir: string = scenariosDir(), records: Records = {}): Listing {
  const listing = validateEntries(listCatalog(dir));
  return { ...listing, entries: listing.entries.map((e) => withRecord(e, records)) };
}
