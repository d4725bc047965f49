import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT } from './helpers/cli.js';
import { tempEnv } from './helpers/ink.js';

const PRELOAD = pathToFileURL(join(import.meta.dirname, 'fixtures', 'preload', 'unexpected-error.mjs')).href;

// Found by the picker-54 newcomer pass: main.ts set exit code 70 after an unexpected error but never
// ended the process, so a handle left open (a server, a timer) kept it running after the message.
describe('an unexpected error with a handle left open', () => {
  it('says so in plain words and ends the process with 70', async () => {
    // The preload leaves a timer running for good and makes --version meet an error no command expects.
    const child = spawn(BIN[0], ['--import', PRELOAD, BIN[1], '--version'], { cwd: ROOT, env: { PATH: process.env.PATH, ...tempEnv() }, stdio: ['ignore', 'pipe', 'pipe'], timeout: 15_000 });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    // Killed by spawn's timeout (signal SIGTERM, code null) where it does not end by itself.
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('close', (c, s) => resolve([c, s])));
    expect({ code, signal }).toEqual({ code: 70, signal: null });
    // One line of plain words (the app's folder is found by reading package.json, which fails), no stack trace.
    expect(err).toBe('casa-practice: unexpected error: cannot find the casa-practice package folder\n');
    expect(out).toBe('');
  }, 30_000);
});
