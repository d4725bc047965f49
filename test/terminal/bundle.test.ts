import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT } from './helpers/cli.js';

const TERMINAL = join(ROOT, 'dist', 'src', 'terminal');

/** The chunks scripts/bundle-cli.mjs wrote, by file name, with their code. */
function chunks(): Map<string, string> {
  const names = readdirSync(TERMINAL).filter((f) => f === 'main.bundle.js' || (f.startsWith('bundle-') && f.endsWith('.js')));
  return new Map(names.map((f) => [f, readFileSync(join(TERMINAL, f), 'utf8')]));
}

/** The one chunk whose code includes `text` (rolldown starts each module's code with a comment naming it). */
function chunkWith(text: string): string {
  const found = [...chunks()].filter(([, code]) => code.includes(text)).map(([name]) => name);
  expect(found).toHaveLength(1);
  return found[0] as string;
}

/** `chunk` and every chunk it imports statically, directly or not: what loads with it. */
function loadedWith(chunk: string): Set<string> {
  const all = chunks();
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    for (const [, dep] of (all.get(name) ?? '').matchAll(/^import\s[^;]*?from\s*"\.\/([^"]+)";?$/gm)) visit(dep as string);
  };
  visit(chunk);
  return seen;
}

describe('the bundled terminal app', () => {
  it('starts Ink\'s layout engine without fetch(), so Node\'s HTTP client is never loaded', async () => {
    // yoga-layout's loader fetch()es its wasm from a data: URL whenever fetch exists, which loads
    // undici (a tenth of a second of every full-screen start); the bundle hands it the bytes.
    const script = `
      let calls = 0;
      const real = globalThis.fetch;
      globalThis.fetch = (...args) => { calls++; return real(...args); };
      await import(${JSON.stringify(pathToFileURL(join(TERMINAL, chunkWith('// node_modules/yoga-layout/dist/binaries/yoga-wasm-base64-esm.js'))).href)});
      const undici = process.moduleLoadList.some((m) => m.includes('undici'));
      process.stdout.write(JSON.stringify({ calls, undici }));
    `;
    const run = await promisify(execFile)(BIN[0], ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ calls: 0, undici: false });
  });

  it('validates the picker\'s files in a worker without loading the validator on the app\'s thread', () => {
    // The picker is drawn and answers keys with Ink and the light core only; the validator (with
    // zod) is a tenth of a second of CPU to load, paid in the worker, not again by the app.
    const validator = chunkWith('// dist/src/machines/validate/');
    expect(chunkWith('// node_modules/zod/')).toBe(validator);
    const starter = chunkWith('./node/validate-worker.js');
    const loaded = loadedWith(starter);
    expect(loaded).toContain(chunkWith('// dist/src/machines/library/catalog.js'));
    expect(loaded).not.toContain(validator);
  });
});
