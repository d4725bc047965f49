import { join } from 'node:path';

/** The project folder. */
export const ROOT = join(import.meta.dirname, '..', '..', '..');

/**
 * The command line that starts the built program, as a user runs it: `node bin/casa-practice.js`.
 * `npm test` builds dist/ first and test/global-setup.ts rebuilds it when src/ is newer, so child
 * processes skip tsx's start-up (about half a second each) and test the code that ships.
 */
export const BIN = [process.execPath, join(ROOT, 'bin', 'casa-practice.js')] as const;

/** Runs the CLI in this process with collecting streams: its exit code and everything it printed. */
export async function runInProcess(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  // Loaded on first use, so a test that mocks node:fs sees its mock in the CLI's modules too.
  const { runCli } = await import('../../../src/terminal/cli.js');
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}
