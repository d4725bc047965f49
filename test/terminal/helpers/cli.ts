import { spawn, spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';

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

/** What a run of the CLI gave: its exit code (null if a signal ended it) and everything it printed. */
export interface CliRun {
  code: number | null;
  out: string;
  err: string;
}

/**
 * The environment variables the CLI reads. A piped run in this process sees exactly the ones it is
 * given, as a child started with a clean environment would; the others are unset meanwhile.
 */
const CLI_ENV = ['XDG_STATE_HOME', 'HOME', 'CASA_PRACTICE_SEED', 'NO_COLOR', 'PWD', 'npm_lifecycle_event', 'npm_command'];

let piped: Promise<unknown> = Promise.resolve();

/**
 * Runs the CLI in this process as `node bin/casa-practice.js <argv>` run from the project folder with
 * `input` piped to it: stdin is a stream of that text (not a TTY, so the app goes line by line), the
 * variables in CLI_ENV are those of `env`, and process.argv names the real program (hints show the
 * command that started it). Everything is put back afterwards. Costs a few milliseconds where a
 * child process costs half a second of CPU; use a child only for what only a process shows (exit
 * codes through the real binary, signals, a pipe closed early, another user, a real terminal).
 * Runs one at a time: stdin, argv and the environment belong to the whole process.
 */
export function runPiped(argv: readonly string[], input: string, env: NodeJS.ProcessEnv): Promise<CliRun> {
  const run = piped.then(async () => {
    if (process.stdout.isTTY || process.cwd() !== ROOT) throw new Error('runPiped needs a non-TTY stdout and the project folder as the working directory, as a piped child has');
    const saved = { argv: process.argv, stdin: Object.getOwnPropertyDescriptor(process, 'stdin'), env: Object.fromEntries(CLI_ENV.map((k) => [k, process.env[k]])) };
    Object.defineProperty(process, 'stdin', { value: Readable.from([input]), configurable: true, enumerable: true });
    process.argv = [BIN[0], BIN[1], ...argv];
    for (const k of CLI_ENV) {
      if (env[k] === undefined) delete process.env[k];
      else process.env[k] = env[k];
    }
    try {
      return await runInProcess(...argv);
    } finally {
      if (saved.stdin) Object.defineProperty(process, 'stdin', saved.stdin);
      process.argv = saved.argv;
      for (const [k, v] of Object.entries(saved.env)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });
  piped = run.catch(() => undefined);
  return run;
}

/** The CLI piped as `runPiped` runs it, with the state folder (and HOME) of `env` (a tempEnv). */
export function runWithState(argv: readonly string[], input: string, env: NodeJS.ProcessEnv): Promise<CliRun> {
  return runPiped(argv, input, { HOME: env.XDG_STATE_HOME, ...env });
}

/**
 * The built program as a child process, `input` piped to its stdin, with a clean environment (PATH
 * and `env`): for what only a real process shows. Asynchronous, so several can run at once.
 * `cwd` is the folder it runs in (the project folder unless given), `bin` the program's file (a copy of
 * the program elsewhere).
 */
export function runChild(argv: readonly string[], input: string, env: NodeJS.ProcessEnv, opts: { uid?: number; gid?: number; cwd?: string; bin?: string } = {}): Promise<CliRun> {
  const { bin = BIN[1], ...spawnOpts } = opts;
  return new Promise((resolve, reject) => {
    const child = spawn(BIN[0], [bin, ...argv], { cwd: ROOT, env: { PATH: process.env.PATH, ...env }, stdio: ['pipe', 'pipe', 'pipe'], timeout: 30_000, ...spawnOpts });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
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
