import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { chunks, chunkWith, loadedWith, TERMINAL } from './helpers/bundle.js';
import { BIN, ROOT } from './helpers/cli.js';

describe('the bundled terminal app', () => {
  it('starts Ink\'s layout engine without fetch(), so Node\'s HTTP client is never loaded', async () => {
    // yoga-layout's loader fetch()es its wasm from a data: URL whenever fetch exists, which loads
    // undici (a tenth of a second of every full-screen start); the bundle hands it the bytes.
    const script = `
      let calls = 0;
      const real = globalThis.fetch;
      globalThis.fetch = (...args) => { calls++; return real(...args); };
      await import(${JSON.stringify(pathToFileURL(join(TERMINAL, chunkWith('node_modules/yoga-layout/dist/binaries/yoga-wasm-base64-esm.js'))).href)});
      const undici = process.moduleLoadList.some((m) => m.includes('undici'));
      process.stdout.write(JSON.stringify({ calls, undici }));
    `;
    const run = await promisify(execFile)(BIN[0], ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ calls: 0, undici: false });
  });

  it('loads Ink with DEV=true in the environment as without it: no DevTools connection, no package.json read, nothing printed', async () => {
    // Ink's DevTools support (on with DEV=true) read ../package.json beside the bundle (not there:
    // the full-screen app stopped with "unexpected error: ENOENT"), printed advice to install
    // react-devtools-core, and would connect to localhost:8097 with the screen's tree wherever that
    // package could be found. The program sends nothing anywhere, whatever its environment.
    const ink = pathToFileURL(join(TERMINAL, chunkWith('// node_modules/ink/build/reconciler.js'))).href;
    const script = `
      await import(${JSON.stringify(ink)});
      process.stdout.write(JSON.stringify({ loaded: true }));
    `;
    const run = await promisify(execFile)(BIN[0], ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 30_000, env: { ...process.env, DEV: 'true' } });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ loaded: true });
  });

  it('validates the picker\'s files in a worker without loading the validator on the app\'s thread', () => {
    // The picker is drawn and answers keys with Ink and the light core only; the validator (with
    // zod) is a tenth of a second of CPU to load, paid in the worker, not again by the app.
    const validator = chunkWith('// dist/src/machines/validate/');
    expect(chunkWith('node_modules/zod/')).toBe(validator);
    const starter = chunkWith('new URL("./validate-worker.bundle.js", import.meta.url)');
    const loaded = loadedWith(starter);
    expect(loaded).toContain(chunkWith('// dist/src/machines/library/catalog.js'));
    expect(loaded).not.toContain(validator);
    // The worker is bundled too (its own entry, sharing the core's chunk), not loaded from tsc's files;
    // it loads the validator only for a file whose verdict the build did not record (a bundled
    // scenario changed since, or any other file): node/verified-scenarios.ts.
    const worker = 'validate-worker.bundle.js';
    expect(loadedWith(worker)).not.toContain(validator);
    const lazy = [...(chunks().get(worker) ?? '').matchAll(/\bimport\("\.\/([^"]+)"\)/g)].map((m) => m[1] as string);
    expect(lazy).toHaveLength(1);
    expect(loadedWith(lazy[0] as string)).toContain(validator);
  });
});
