import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT } from './helpers/cli.js';
import { SCENARIOS, tempEnv } from './helpers/ink.js';

// Line by line, scenes wait for no input: the loop went from one to the next without a turn of the
// event loop, so a file with a long chain of scenes (a generated or damaged one of a few MB, which
// validate accepts) ran through them for minutes (each step costs more as the story grows) deaf to
// SIGTERM and Ctrl-C, and timeout(1) could not stop it (found by newcomer-51 with a 10 MB file).

const SCENES = 2_000;

/** The test scenario with SCENES scenes one after another after each first scene, before the second decision. */
function chained(dir: string): string {
  const file = JSON.parse(readFileSync(join(SCENARIOS, 'new-phone.json'), 'utf8')) as { $schema?: string; nodes: { id: string; kind: string; next?: unknown }[] };
  delete file.$schema;
  for (const n of file.nodes) if (n.next === 'after-visit') n.next = 'chain-0';
  for (let i = 0; i < SCENES; i++) file.nodes.push({ id: `chain-${i}`, kind: 'scene', narration: 'Time passes.', next: i + 1 < SCENES ? `chain-${i + 1}` : 'after-visit' } as never);
  const path = join(dir, 'long-chain.json');
  writeFileSync(path, JSON.stringify(file, null, 2));
  return path;
}

describe('line by line, a long chain of scenes', () => {
  it('SIGTERM while the scenes go by: the progress is saved and the program ends with 143, at once', async () => {
    const env = tempEnv();
    const file = chained(env.XDG_STATE_HOME as string);
    const child = spawn(BIN[0], [BIN[1], 'play', file, '--plain', '--preview'], { cwd: ROOT, env: { PATH: process.env.PATH, HOME: env.XDG_STATE_HOME, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // stdin is left open: were the scenes all gone by, the second decision would wait for a line.
    child.stdin.write('phone-curious\n');
    try {
      // Waits for the chain to be under way (the third scene printed), then stops it.
      await new Promise<void>((resolve, reject) => {
        const deadline = Date.now() + 30_000;
        const check = () => {
          if (/-- Scene 3 --/.test(out)) resolve();
          else if (Date.now() > deadline) reject(new Error(`no third scene; out so far:\n${out.slice(-1500)}\n${err}`));
          else setTimeout(check, 20);
        };
        check();
      });
      child.kill('SIGTERM');
      const code = await Promise.race([exited, new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), 10_000))]);
      expect(code).toBe(143);
    } finally {
      child.kill('SIGKILL');
    }
    expect(out).toMatch(/Progress saved to/);
    const saves = join(env.XDG_STATE_HOME as string, 'casa-practice', 'saves');
    expect(existsSync(saves) && readdirSync(saves).some((f) => f.startsWith('example-new-phone--file-'))).toBe(true);
    expect(err).toBe('');
  }, 60_000);
});
