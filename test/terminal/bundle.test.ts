import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT } from './helpers/cli.js';

const TERMINAL = join(ROOT, 'dist', 'src', 'terminal');

/** The bundled chunk (scripts/bundle-cli.mjs) that holds yoga-layout, Ink's layout engine, and its loader. */
function yogaChunk(): string {
  const chunks = readdirSync(TERMINAL).filter((f) => f.startsWith('bundle-') && f.endsWith('.js'));
  const found = chunks.filter((f) => readFileSync(join(TERMINAL, f), 'utf8').includes('// node_modules/yoga-layout/dist/binaries/yoga-wasm-base64-esm.js'));
  expect(found).toHaveLength(1);
  return join(TERMINAL, found[0] as string);
}

describe('the bundled terminal app', () => {
  it('starts Ink\'s layout engine without fetch(), so Node\'s HTTP client is never loaded', async () => {
    // yoga-layout's loader fetch()es its wasm from a data: URL whenever fetch exists, which loads
    // undici (a tenth of a second of every full-screen start); the bundle hands it the bytes.
    const script = `
      let calls = 0;
      const real = globalThis.fetch;
      globalThis.fetch = (...args) => { calls++; return real(...args); };
      await import(${JSON.stringify(pathToFileURL(yogaChunk()).href)});
      const undici = process.moduleLoadList.some((m) => m.includes('undici'));
      process.stdout.write(JSON.stringify({ calls, undici }));
    `;
    const run = await promisify(execFile)(BIN[0], ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ calls: 0, undici: false });
  });
});
