import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { describe, it } from 'vitest';
import type * as CatalogWorker from '../../src/terminal/catalog-worker.js';
import type * as CatalogFiles from '../../src/terminal/node/catalog-files.js';
import type * as Verified from '../../src/terminal/node/verified-scenarios.js';
import type * as ScenarioFiles from '../../src/terminal/scenario-files.js';
import { chunkExporting, exported } from './helpers/bundle.js';
import { BIN, ROOT } from './helpers/cli.js';

// The built app validates the picker's files in a worker thread, so that a closed terminal or a key
// is answered at once however long the validation takes. From sources (the other tests) the same
// function validates on the main thread; both must give the same picker. Tested as it ships: the
// bundle's chunk (scripts/bundle-cli.mjs) starting the bundled worker, validate-worker.bundle.js.
const built = async <T>(path: string): Promise<T> => (await import(pathToFileURL(join(ROOT, 'dist', path)).href)) as T;
const bundled = async (): Promise<typeof CatalogWorker> => (await import(chunkExporting('validateEntriesInTurns'))) as typeof CatalogWorker;

// They run at the same time: the never-keeps-alive test mostly waits on its child process.
describe.concurrent('validating the picker in a worker thread', () => {
  it('gives the same entries as validating on the main thread, and leaves out a file with errors with the reason', async ({ expect }) => {
    // The bundle knows the verdicts of the bundled files from the build (node/verified-scenarios.ts):
    // copies of two of them must get exactly what tsc's files (no verdicts) find by validating them,
    // a copy changed by one byte is validated again (and has an error), and files that are not
    // bundled are validated in the worker.
    const dir = mkdtempSync(join(tmpdir(), 'casa-worker-'));
    cpSync(join(ROOT, 'scenarios', 'youth-discloses.json'), join(dir, 'youth-discloses.json'));
    cpSync(join(ROOT, 'scenarios', 'court-report.json'), join(dir, 'court-report.json'));
    writeFileSync(join(dir, 'boy-red-flags-changed.json'), readFileSync(join(ROOT, 'scenarios', 'boy-red-flags.json'), 'utf8').replace(/"version": \d+/, '"version": 0'));
    cpSync(join(ROOT, 'test', 'fixtures', 'bad', 'cycle.json'), join(dir, 'cycle.json'));
    cpSync(join(ROOT, 'test', 'fixtures', 'good', 'example.json'), join(dir, 'example.json'));
    const { validateEntriesInTurns } = await bundled();
    const { listCatalog } = await built<typeof CatalogFiles>('src/terminal/node/catalog-files.js');
    const listing = listCatalog(dir);
    expect(listing.entries).toHaveLength(5);

    // A worker that cannot start is no error to the app (it validates on its own thread instead), so
    // see that one started and validated to the end.
    const exits: Promise<number>[] = [];
    const started = (worker: Worker) => exits.push(new Promise((done) => worker.on('exit', done)));
    process.on('worker', started);
    const inWorker = await validateEntriesInTurns(listing).finally(() => process.off('worker', started));
    expect(exits).toHaveLength(1);
    expect(await exits[0]).toBe(0);
    const onMain = await (await built<typeof CatalogWorker>('src/terminal/catalog-worker.js')).validateEntriesInTurns(listing, false);
    expect(inWorker.entries.map((e) => e.id).sort()).toEqual(['court-report', 'example-new-phone', 'youth-discloses']);
    expect(inWorker.entries.every((e) => e.playable?.scenario.nodes)).toBe(true);
    expect(inWorker).toEqual(onMain);
    expect(inWorker.leftOut).toEqual([join(dir, 'cycle.json'), join(dir, 'boy-red-flags-changed.json')].map((file) => ({ file, reason: 'it has errors' })));
  });

  it('knows the verdict of every bundled scenario from the build, and of no file changed since', async ({ expect }) => {
    // The verdict is the validator's result for a file with no problem (the scenario as parsed);
    // the first test sees it equal validating in full.
    const verifiedResult = await exported<typeof Verified.verifiedResult>('// dist/src/terminal/node/verified-scenarios.js', 'verifiedResult');
    const verifiedCheck = await exported<typeof Verified.verifiedCheck>('// dist/src/terminal/node/verified-scenarios.js', 'verifiedCheck');
    const { scenarioFilesIn } = await built<typeof ScenarioFiles>('src/terminal/scenario-files.js');
    const files = scenarioFilesIn(join(ROOT, 'scenarios'));
    expect(files.length).toBeGreaterThanOrEqual(10);
    const dir = mkdtempSync(join(tmpdir(), 'casa-verified-'));
    for (const file of files) {
      const bytes = readFileSync(file);
      const scenario: unknown = JSON.parse(bytes.toString('utf8'));
      expect(verifiedResult(bytes), file).toStrictEqual({ ok: true, scenario, problems: [], errors: 0, warnings: 0 });
      expect(verifiedCheck(file), file).toStrictEqual({ scenario });
      // One more byte, even a space: not the bytes validated at build time.
      const changed = Buffer.concat([bytes, Buffer.from(' ')]);
      expect(verifiedResult(changed), `${file} changed`).toBeUndefined();
      writeFileSync(join(dir, 'changed.json'), changed);
      expect(verifiedCheck(join(dir, 'changed.json')), `${file} changed`).toBeUndefined();
    }
    expect(verifiedCheck(join(dir, 'missing.json'))).toBeUndefined();
    expect(verifiedCheck(dir)).toBeUndefined();
  });

  it('starts no worker when every file has its verdict from the build', async ({ expect }) => {
    // The verdicts equal validating (the first test); here no worker is started for them at all.
    const dir = mkdtempSync(join(tmpdir(), 'casa-worker-'));
    cpSync(join(ROOT, 'scenarios', 'youth-discloses.json'), join(dir, 'youth-discloses.json'));
    cpSync(join(ROOT, 'scenarios', 'court-report.json'), join(dir, 'court-report.json'));
    const { validateEntriesInTurns } = await bundled();
    const listing = (await built<typeof CatalogFiles>('src/terminal/node/catalog-files.js')).listCatalog(dir);
    const started: Worker[] = [];
    const count = (worker: Worker) => started.push(worker);
    process.on('worker', count);
    const checked = await validateEntriesInTurns(listing).finally(() => process.off('worker', count));
    expect(started).toHaveLength(0);
    expect(checked.entries.map((e) => e.id).sort()).toEqual(['court-report', 'youth-discloses']);
    expect(checked.entries.every((e) => e.playable?.scenario.nodes)).toBe(true);
    expect(checked.leftOut).toEqual([]);
  });

  it('never keeps the process alive: a process that ends while the worker validates ends at once', async ({ expect }) => {
    // A process that starts validating scenarios and has nothing else to do (as the app once the
    // user quits from the picker) must end without waiting for the worker. The bundled scenarios,
    // each with one more byte: the build's verdicts do not apply, so the worker validates them all.
    const dir = mkdtempSync(join(tmpdir(), 'casa-worker-'));
    for (const file of (await built<typeof ScenarioFiles>('src/terminal/scenario-files.js')).scenarioFilesIn(join(ROOT, 'scenarios'))) {
      writeFileSync(join(dir, basename(file)), `${readFileSync(file, 'utf8')} `);
    }
    const script = `
      const { validateEntriesInTurns } = await import(${JSON.stringify(chunkExporting('validateEntriesInTurns'))});
      const { listCatalog } = await import(${JSON.stringify(pathToFileURL(join(ROOT, 'dist', 'src/terminal/node/catalog-files.js')).href)});
      let finished = false;
      validateEntriesInTurns(listCatalog(${JSON.stringify(dir)})).then(() => (finished = true));
      process.on('exit', () => process.stdout.write(finished ? 'finished' : 'ended while validating'));
    `;
    const run = await promisify(execFile)(BIN[0], ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('ended while validating');
  });
});
