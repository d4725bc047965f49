import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// The full-screen app in a real terminal: `script` gives it one (80×24), its stderr kept in a file.

const ROOT = join(import.meta.dirname, '..', '..', '..');
const BIN = join(ROOT, 'bin/casa-practice.js');
/** A terminal control sequence (colours, cursor moves) in the app's output. */
// eslint-disable-next-line no-control-regex
const ESCAPE = /\u001b\[[0-9;?]*[A-Za-z]/g;

/**
 * Whether the process has ended. Once its terminal closes, the app's parent (`script`) is gone and
 * it is reparented to this machine's init, which reaps orphans only from time to time: a process that
 * has exited stays a zombie (state Z, no CPU, nothing running) until then, and still answers kill(0).
 */
export function ended(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  try {
    // /proc/PID/stat: "pid (comm) state ..."; the name may hold spaces, the state follows the last ")".
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return /^[ZX]/.test(stat.slice(stat.lastIndexOf(')') + 2));
  } catch {
    return true;
  }
}

/**
 * `casa-practice resume` in a real terminal (80×24) on `dir`'s state, until `until` matches the
 * screen's text (its control sequences and runs of white space each made one space): that text, and
 * what the app wrote on stderr by then. The terminal is then closed, as a window is, and the app
 * waited for to end.
 */
export async function resumeScreen(dir: string, until: RegExp): Promise<{ screen: string; err: string }> {
  const errFile = join(dir, 'stderr.txt');
  const pidFile = join(dir, 'pid');
  const cmd = `sh -c 'echo $$ > ${pidFile}; exec node ${BIN} resume 2> ${errFile}'`;
  const script = spawn('script', ['-qfec', cmd, '/dev/null'], {
    env: { PATH: process.env.PATH, HOME: dir, XDG_STATE_HOME: dir, COLUMNS: '80', LINES: '24', TERM: 'xterm-256color' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  const flat = () => out.replace(ESCAPE, ' ').replace(/\s+/g, ' ');
  const drawn = new Promise<void>((resolve, reject) => {
    script.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (until.test(flat())) resolve();
    });
    script.on('close', () => reject(new Error(`ended before ${String(until)} was drawn: ${out.slice(-400)}`)));
  });
  await drawn;
  const pid = Number(readFileSync(pidFile, 'utf8'));
  // Written, if at all, before the app drew what was waited for.
  const err = readFileSync(errFile, 'utf8');
  const closed = new Promise((resolve) => script.on('close', resolve));
  script.kill('SIGKILL');
  await closed;
  for (let i = 0; i < 100 && !ended(pid); i++) await new Promise((r) => setTimeout(r, 50));
  if (!ended(pid)) process.kill(pid, 'SIGKILL');
  return { screen: flat(), err };
}
