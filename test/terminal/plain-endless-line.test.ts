import { spawn } from 'node:child_process';
import { createReadStream, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LINE_TOO_LONG } from '../../src/terminal/node/line-reader.js';
import { BIN, ROOT } from './helpers/cli.js';
import { SCENARIOS, tempEnv } from './helpers/ink.js';

// Line by line, readline keeps a line whole until its break comes: input with none (< /dev/zero, a
// file of another kind piped in) filled the memory until the system stopped the program, with a
// native stack trace and the progress made before it unsaved. The heap is capped here so that, were
// it so again, the program would be stopped soon, not after taking the machine's memory.

describe('line by line, a line of input with no break in sight', () => {
  it.each([
    ['a reply', ['play', join(SCENARIOS, 'new-phone.json'), '--plain', '--new'], 'phone-curious\n', 'Input ended before the scenario finished.'],
    ['the room\'s counts', ['--facilitate', join(SCENARIOS, 'new-phone.json'), '--plain', '--new'], '1 2 0\n', 'Input ended before the session finished.'],
  ])('ends the input after %s with a sentence: the progress is saved and the program ends with 1', async (_what, argv, first, ended) => {
    const env = tempEnv();
    const child = spawn(BIN[0], [BIN[1], ...argv], {
      cwd: ROOT, env: { PATH: process.env.PATH, HOME: env.XDG_STATE_HOME, CASA_PRACTICE_SEED: '1', NODE_OPTIONS: '--max-old-space-size=96', ...env }, stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.stdin.on('error', () => undefined);
    child.stdin.write(first);
    // Then zeros without end, as `< /dev/zero` gives them.
    const zeros = createReadStream('/dev/zero');
    zeros.pipe(child.stdin);
    try {
      const code = await Promise.race([exited, new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), 30_000))]);
      expect(code).toBe(1);
    } finally {
      zeros.destroy();
      child.kill('SIGKILL');
    }
    expect(err).toContain(LINE_TOO_LONG.slice(0, 60));
    expect(err).not.toMatch(/v8::|FATAL|heap/i);
    expect(out).toContain(ended);
    // What was entered before it is kept.
    const folder = join(env.XDG_STATE_HOME as string, 'casa-practice', argv[0] === 'play' ? 'saves' : 'facilitation');
    expect(existsSync(folder) && readdirSync(folder).some((f) => f.startsWith('example-new-phone'))).toBe(true);
  }, 60_000);
});
