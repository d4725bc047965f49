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

/** `casa-practice resume` in a real terminal (80×24) on `dir`'s state, until `until` is on screen: the screen's text (flattened) and stderr. */
async function resumeScreen(dir: string, until: RegExp): Promise<{ screen: string; err: string }> {
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
      if (until.test(out.replace(ESCAPE, ' ').replace(/\s+/g, ' '))) resolve();
    });
    script.on('close', () => reject(new Error(`ended before ${String(until)} was drawn: ${out.slice(-400)}`)));
  });
  await drawn;
  const pid = Number(readFileSync(pidFile, 'utf8'));
  const err = readFileSync(errFile, 'utf8');
  const closed = new Promise((resolve) => script.on('close', resolve));
  script.kill('SIGKILL');
  await closed;
  for (let i = 0; i < 100 && !ended(pid); i++) await new Promise((r) => setTimeout(r, 50));
  if (!ended(pid)) process.kill(pid, 'SIGKILL');
  return { screen: out.replace(ESCAPE, ' ').replace(/\s+/g, ' '), err };
}

describe.runIf(existsSync('/usr/bin/script'))('resume beside a newer version\'s save of another scenario, full screen', () => {
  it('names that scenario by title above where it left off, and nothing on stderr', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'casa-newer-'));
    expect((await runPiped(['play', 'red-flags', '--plain'], '1\nq\n', { PATH: process.env.PATH, HOME: dir, XDG_STATE_HOME: dir })).code).toBe(0);
    const saves = join(dir, 'casa-practice', 'saves');
    const other = join(saves, 'youth-discloses.json');
    const text = JSON.stringify({ ...(JSON.parse(readFileSync(join(saves, 'red-flags.json'), 'utf8')) as object), formatVersion: 2 });
    writeFileSync(other, text);
    const later = new Date(Date.now() + 60_000);
    utimesSync(other, later, later);
    const { screen, err } = await resumeScreen(dir, /Where you left off/);
    expect(screen).toContain('Another scenario, “What Kiara tells you”, has saved progress from a newer version of casa-practice, which this version leaves untouched. Update casa-practice to continue it.');
    expect(err).toBe('');
    expect(readFileSync(other, 'utf8')).toBe(text);
  });

  // Found by the saves-48 review: with only a newer version's save, the picker's notice said "Your
  // saved progress in this scenario was written by a newer version…" above a list of scenarios.
  it('with only that save: the picker names its scenario by title, offers no R, and says no other save was found', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'casa-newer-'));
    const saves = join(dir, 'casa-practice', 'saves');
    mkdirSync(saves, { recursive: true });
    const other = join(saves, 'youth-discloses.json');
    const text = JSON.stringify({ format: 'casa-practice-terminal-save', formatVersion: 2 });
    writeFileSync(other, text);
    const { screen, err } = await resumeScreen(dir, /q: quit/);
    expect(screen).toContain('“What Kiara tells you” has saved progress from a newer version of casa-practice, which this version leaves untouched. Update casa-practice to continue it. No other saved session was found; choose a scenario.');
    expect(screen).not.toMatch(/in this scenario|press R/);
    expect(err).toBe('');
    expect(readFileSync(other, 'utf8')).toBe(text);
  });
});
