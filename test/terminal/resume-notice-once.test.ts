import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// `casa-practice resume` with a save that cannot be used, in the full-screen app: the reason is
// shown once, above the picker. It was also printed on stderr before the app started, so the same
// words stood twice (and, with stderr kept in a file, the file held a line the screen had already
// said). Line by line (--plain, or not a terminal) it is said on stderr only (plain-cli.test).
// `script` gives the app a real terminal; stderr goes to a file of its own.
const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin/casa-practice.js');

/** A terminal control sequence (colours, cursor moves) in the app's output. */
// eslint-disable-next-line no-control-regex
const ESCAPE = /\u001b\[[0-9;?]*[A-Za-z]/g;

/** Whether the process has ended (or is a zombie waiting to be reaped). */
function ended(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return /^[ZX]/.test(stat.slice(stat.lastIndexOf(')') + 2));
  } catch {
    return true;
  }
}

describe.runIf(existsSync('/usr/bin/script'))('resume with a save that cannot be used, full screen', () => {
  it('says why once, above the picker, and nothing on stderr', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'casa-once-'));
    const saves = join(dir, 'casa-practice', 'saves');
    mkdirSync(saves, { recursive: true });
    writeFileSync(join(saves, 'youth-discloses.json'), '{ "format": "casa-practice-terminal-save", ');
    const errFile = join(dir, 'stderr.txt');
    const pidFile = join(dir, 'pid');
    const cmd = `sh -c 'echo $$ > ${pidFile}; exec node ${BIN} resume 2> ${errFile}'`;
    const script = spawn('script', ['-qfec', cmd, '/dev/null'], {
      env: { PATH: process.env.PATH, HOME: dir, XDG_STATE_HOME: dir, COLUMNS: '80', LINES: '24', TERM: 'xterm-256color' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    const drawn = new Promise<void>((resolve, reject) => {
      script.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        // The picker drawn with its notice, to its last words.
        if (/Could not resume[\s\S]*choose a scenario\./.test(out.replace(ESCAPE, ''))) resolve();
      });
      script.on('close', () => reject(new Error(`ended before the notice was drawn: ${out.slice(-400)}`)));
    });
    await drawn;
    const pid = Number(readFileSync(pidFile, 'utf8'));
    // Written, if at all, before the app drew its first screen.
    expect(readFileSync(errFile, 'utf8')).toBe('');
    expect(readdirSync(saves)).toEqual([expect.stringMatching(/^youth-discloses\.json\.damaged-/)]);
    // The terminal closes (as a window does): the app ends.
    const closed = new Promise((resolve) => script.on('close', resolve));
    script.kill('SIGKILL');
    await closed;
    for (let i = 0; i < 100 && !ended(pid); i++) await new Promise((r) => setTimeout(r, 50));
    if (!ended(pid)) process.kill(pid, 'SIGKILL');
  });
});
