import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPiped } from './helpers/cli.js';

// Found by the saves-48 review: full screen, `casa-practice resume` opened the newest save this
// version reads and said nothing of a newer version's save of another scenario. It is said above
// "Where you left off", not on stderr (printed before the app, a line is wrapped mid-word by the
// terminal and pushed away). `script` gives the app a real terminal; stderr goes to a file.
const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin/casa-practice.js');
// eslint-disable-next-line no-control-regex
const ESCAPE = /\u001b\[[0-9;?]*[A-Za-z]/g;

function ended(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return /^[ZX]/.test(stat.slice(stat.lastIndexOf(')') + 2));
  } catch {
    return true;
  }
}

describe.runIf(existsSync('/usr/bin/script'))('resume beside a newer version\'s save of another scenario, full screen', () => {
  it('names that scenario by title above where it left off, and nothing on stderr', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'casa-newer-'));
    const env = { PATH: process.env.PATH, HOME: dir, XDG_STATE_HOME: dir };
    expect((await runPiped(['play', 'red-flags', '--plain'], '1\nq\n', env)).code).toBe(0);
    const saves = join(dir, 'casa-practice', 'saves');
    mkdirSync(saves, { recursive: true });
    const other = join(saves, 'youth-discloses.json');
    const text = JSON.stringify({ ...(JSON.parse(readFileSync(join(saves, 'red-flags.json'), 'utf8')) as object), formatVersion: 2 });
    writeFileSync(other, text);
    const later = new Date(Date.now() + 60_000);
    utimesSync(other, later, later);
    const errFile = join(dir, 'stderr.txt');
    const pidFile = join(dir, 'pid');
    const cmd = `sh -c 'echo $$ > ${pidFile}; exec node ${BIN} resume 2> ${errFile}'`;
    const script = spawn('script', ['-qfec', cmd, '/dev/null'], {
      env: { ...env, COLUMNS: '80', LINES: '24', TERM: 'xterm-256color' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    const drawn = new Promise<void>((resolve, reject) => {
      script.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (/Where you left off/.test(out.replace(ESCAPE, ''))) resolve();
      });
      script.on('close', () => reject(new Error(`ended before where it left off was drawn: ${out.slice(-400)}`)));
    });
    await drawn;
    const pid = Number(readFileSync(pidFile, 'utf8'));
    const screen = out.replace(ESCAPE, ' ').replace(/\s+/g, ' ');
    expect(screen).toContain('Another scenario, “What Kiara tells you”, has saved progress from a newer version of casa-practice, which this version leaves untouched. Update casa-practice to continue it.');
    expect(readFileSync(errFile, 'utf8')).toBe('');
    expect(readFileSync(other, 'utf8')).toBe(text);
    const closed = new Promise((resolve) => script.on('close', resolve));
    script.kill('SIGKILL');
    await closed;
    for (let i = 0; i < 100 && !ended(pid); i++) await new Promise((r) => setTimeout(r, 50));
    if (!ended(pid)) process.kill(pid, 'SIGKILL');
  });
});
