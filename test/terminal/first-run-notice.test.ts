import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PREPARING, sayPreparing } from '../../scripts/build-if-changed.mjs';
import { ROOT } from './helpers/cli.js';

/** A stderr that keeps what is written to it. */
const stderrOf = (isTTY: boolean) => {
  const stream = { isTTY, text: '', write: (t: string) => void (stream.text += t) };
  return stream;
};

// The first `npx casa-practice` in the project folder installs it into npm's cache, which runs
// "prepare" (a full build) with its output hidden: only npm's spinner, for about half a minute, two
// on a loaded machine, with no word of what was happening.
describe('the first run says it is preparing the app', () => {
  it('npm runs the notice before the build in "prepare"', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.prepare).toMatch(/^node scripts\/build-if-changed\.mjs --say-preparing && npm run build/);
  });

  it('under npm\'s "prepare" with stderr hidden, the line goes to the terminal too, after a carriage return over the spinner', () => {
    const tty = join(mkdtempSync(join(tmpdir(), 'tty-')), 'tty');
    const stderr = stderrOf(false);
    expect(sayPreparing({ stderr, env: { npm_lifecycle_event: 'prepare' }, openTty: () => openSync(tty, 'w') })).toEqual(['stderr', 'terminal']);
    expect(stderr.text).toBe('Preparing casa-practice for its first run (about a minute)…\n');
    expect(readFileSync(tty, 'utf8')).toBe(`\r${PREPARING}\n`);
  });

  it('on a terminal\'s stderr, or outside npm, stderr alone; with no terminal to open (CI), stderr alone and no error', () => {
    const never = () => {
      throw new Error('the terminal was opened');
    };
    for (const [isTTY, env] of [[true, { npm_lifecycle_event: 'prepare' }], [false, {}]] as const) {
      const stderr = stderrOf(isTTY);
      expect(sayPreparing({ stderr, env, openTty: never })).toEqual(['stderr']);
      expect(stderr.text).toBe(`${PREPARING}\n`);
    }
    const stderr = stderrOf(false);
    const noTerminal = () => {
      throw Object.assign(new Error('ENXIO: no such device or address, open \'/dev/tty\''), { code: 'ENXIO' });
    };
    expect(sayPreparing({ stderr, env: { npm_lifecycle_event: 'prepare' }, openTty: noTerminal })).toEqual(['stderr']);
    expect(stderr.text).toBe(`${PREPARING}\n`);
  });

  it('the script says it and builds nothing (a process, stderr piped, no terminal)', () => {
    const fd = openSync('/dev/null', 'r');
    try {
      // setsid: a session of its own, with no terminal to open (as in CI).
      const run = spawnSync('setsid', ['--wait', process.execPath, join(ROOT, 'scripts', 'build-if-changed.mjs'), '--say-preparing'], { cwd: ROOT, env: { PATH: process.env.PATH, npm_lifecycle_event: 'prepare' }, stdio: [fd, 'pipe', 'pipe'], encoding: 'utf8' });
      expect(run.status).toBe(0);
      expect(run.stderr).toBe(`${PREPARING}\n`);
      expect(run.stdout).toBe('');
    } finally {
      closeSync(fd);
    }
  });
});
