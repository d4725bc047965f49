import { dirname, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { sortEntries, type CatalogEntry, type LeftOut } from '../machines/light.js';
import type { FileCheck } from './catalog-validate.js';
import type { Listing } from './node/catalog-files.js';
import { verifiedCheck } from './node/verified-scenarios.js';
import { scenariosDir } from './paths.js';

/**
 * The picker's files validated without blocking the app: validating a scenario (with its
 * exploration of every playthrough) can take most of a second on a busy machine, and meanwhile the
 * app must still answer keys and signals (a closed terminal window must end it within a second).
 * The built app validates in a worker thread; from sources (the tests) it validates one file per
 * turn of the event loop. Only the light core is loaded here: with the worker, the picker's thread
 * never loads the validator (catalog-validate.ts) at all.
 */
export async function validateEntriesInTurns(listing: Listing, useWorker = true): Promise<Listing> {
  // Bundled files unchanged since the build have their verdict already (a few milliseconds each,
  // node/verified-scenarios.ts); a worker is started only for the others.
  const known = new Map<string, FileCheck>();
  for (const e of listing.entries) {
    const check = verifiedCheck(e.file);
    if (check) known.set(e.file, check);
  }
  const rest = listing.entries.map((e) => e.file).filter((f) => !known.has(f));
  const checks = (rest.length > 0 && useWorker && workerUrl()) ? await checkInWorker(rest).catch(() => undefined) : undefined;
  const entries: CatalogEntry[] = [];
  const leftOut: LeftOut[] = [...listing.leftOut];
  for (const e of listing.entries) {
    let check = known.get(e.file) ?? checks?.get(e.file);
    if (!check) {
      await new Promise((resolve) => setImmediate(resolve));
      check = (await import('./catalog-validate.js')).checkFile(e.file);
    }
    place(e, check, entries, leftOut);
  }
  return { entries: sortEntries(entries), leftOut };
}

/** Adds the entry with its playable scenario to `entries`, or to `leftOut` with why. */
export function place(e: CatalogEntry, check: FileCheck, entries: CatalogEntry[], leftOut: LeftOut[]): void {
  const file = resolve(e.file);
  if ('scenario' in check) entries.push({ ...e, playable: { scenario: check.scenario, file, ...(dirname(file) === scenariosDir() ? { bundled: true } : {}) } });
  else leftOut.push({ file: e.file, reason: check.reason });
}

/** The worker's module when running from the built JavaScript (the bundle starts its own, see scripts/bundle-cli.mjs); none from TypeScript sources. */
function workerUrl(): URL | undefined {
  return import.meta.url.endsWith('.js') ? new URL('./node/validate-worker.js', import.meta.url) : undefined;
}

function checkInWorker(files: string[]): Promise<Map<string, FileCheck>> {
  return new Promise((done, fail) => {
    const url = workerUrl();
    if (!url) return fail(new Error('no worker'));
    const checks = new Map<string, FileCheck>();
    const worker = new Worker(url, { workerData: files });
    worker.on('message', (m: { file: string } & FileCheck) => {
      const { file, ...check } = m;
      checks.set(file, check as FileCheck);
    });
    worker.on('error', fail);
    worker.on('exit', () => done(checks));
    // The worker must never keep the app alive: quitting or a hang-up ends the process at once. Only
    // after the listeners: listening for messages refs the worker's port again, which kept a quit
    // right after start waiting for the validation (or main.ts's one-second timer).
    worker.unref();
  });
}
