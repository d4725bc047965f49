import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
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

let otherUser: boolean | undefined;

/**
 * Whether a read-only state folder can be tested here. Root can write anywhere, so as root the app
 * runs as uid/gid 65534 for it; that user must be able to read the project, which a clone under a
 * private folder (mktemp -d, mode 0700) does not allow. As any other user, the current one will do.
 */
export function readOnlyTestable(): boolean {
  if (process.getuid?.() !== 0) return true;
  otherUser ??= spawnSync(BIN[0], [BIN[1], '--version'], { uid: 65534, gid: 65534, cwd: tmpdir(), encoding: 'utf8', timeout: 30_000 }).status === 0;
  return otherUser;
}

/** Why a read-only test is skipped, for its name. */
export const READ_ONLY_SKIP = ' (skipped: uid 65534 cannot read this project folder)';
