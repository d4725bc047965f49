import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { whenIdle } from './helpers/idle.js';
import { ended } from './helpers/script-terminal.js';

// Closing the terminal window (the pty goes away) must end the app on every screen, saving what
// it must, even while the machine is busy: a race between the hang-up and reads from the closed
// terminal once left a process spinning for good. `script` gives the app a real pty; killing
// `script` closes it, as closing a window does.
const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin/casa-practice.js');
const HAS_SCRIPT = existsSync('/usr/bin/script');

interface Case {
  name: string;
  args: string;
  /** Keys to type, each followed by the text that shows the screen it leads to. */
  steps: [string, RegExp][];
  first: RegExp;
  /** Whether a save must exist after the hang-up. */
  saves: boolean;
  /** Start with a damaged save, so the app opens on its notice. */
  damagedSave?: boolean;
  /** Whether a trainer-led session's summary must have been written. */
  summary?: boolean;
}

/** Completion records already there: a hang-up must leave them as they were. */
const RECORDS = `${JSON.stringify({ 'red-flags': { bestPercent: 80, completions: 2, lastCompleted: '2026-11-01T10:00:00.000Z' } }, null, 2)}\n`;

const ENTER = '\r';
const CASES: Case[] = [
  { name: 'picker', args: '', first: /choose a scenario/, steps: [], saves: false },
  { name: 'content note', args: 'play youth-discloses', first: /Content note/, steps: [], saves: false },
  { name: 'play', args: 'play youth-discloses', first: /Content note/, steps: [[ENTER, /What do you say or do/]], saves: false },
  { name: 'feedback', args: 'play youth-discloses', first: /Content note/, steps: [[ENTER, /What do you say or do/], ['1', /Feedback on your reply/]], saves: true },
  { name: 'quit prompt', args: 'play youth-discloses', first: /Content note/, steps: [[ENTER, /What do you say or do/], ['1', /Feedback on your reply/], ['q', /Save your progress and quit/]], saves: true },
  { name: 'facilitate', args: '--facilitate youth-discloses', first: /Content note/, steps: [[ENTER, /Discuss|votes/]], saves: false },
  { name: 'how it ended', args: 'play youth-discloses --from d8-report', first: /Content note/, steps: [[ENTER, /: reply/], ['1', /Feedback on your reply/], [ENTER, /how it ended/]], saves: false },
  { name: 'debrief', args: 'play youth-discloses --from d8-report', first: /Content note/, steps: [[ENTER, /: reply/], ['1', /Feedback on your reply/], [ENTER, /how it ended/], [ENTER, /Debrief/]], saves: false },
  { name: 'error notice', args: 'resume', first: /Could not resume/, steps: [], saves: false, damagedSave: true },
  // The room follows a reply at decision 1 first: a session in which nothing was entered leaves no summary.
  { name: 'plain trainer-led', args: '--facilitate youth-discloses --plain', first: /Votes for reply 1/, steps: [['4 0 0 0\rr\r', /Which reply does the room follow/], ['1\r', /Decision 2 of about/]], saves: false, summary: true },
  { name: 'plain mode', args: 'play youth-discloses --plain', first: /Type a reply number/, steps: [['1\r', /Feedback:/]], saves: true },
];

/** Starts the app on a pty; resolves with its pid once the screens are reached. */
async function startOn(c: Case, dir: string): Promise<{ script: ChildProcess; pid: number }> {
  const pidFile = join(dir, 'pid');
  mkdirSync(join(dir, 'casa-practice'), { recursive: true });
  writeFileSync(join(dir, 'casa-practice', 'records.json'), RECORDS);
  if (c.damagedSave) {
    mkdirSync(join(dir, 'casa-practice', 'saves'), { recursive: true });
    writeFileSync(join(dir, 'casa-practice', 'saves', 'youth-discloses.json'), '{ "format": "casa-practice-terminal-save", ');
  }
  const cmd = `sh -c 'echo $$ > ${pidFile}; exec node ${BIN} ${c.args}'`;
  const script = spawn('script', ['-qfec', cmd, '/dev/null'], {
    env: { PATH: process.env.PATH, HOME: dir, XDG_STATE_HOME: dir, CASA_PRACTICE_SEED: '1', COLUMNS: '80', LINES: '24', TERM: 'xterm-256color' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  const seen = new Set<() => void>();
  script.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
    for (const check of [...seen]) check();
  });
  /** Resolves when the output so far matches `re` (checked on each chunk of output); fails after `limit` ms. */
  const waitFor = (re: RegExp, limit = 20_000) => new Promise<void>((resolve, reject) => {
    const done = (error?: Error) => {
      seen.delete(check);
      clearTimeout(timer);
      if (error) reject(error);
      else resolve();
    };
    const check = () => re.test(out) && done();
    const timer = setTimeout(() => done(new Error(`never saw ${re}: ${out.slice(-400)}`)), limit);
    seen.add(check);
    check();
  });
  await waitFor(c.first);
  // The shell wrote the app's pid before becoming the app (exec).
  const pid = Number(readFileSync(pidFile, 'utf8'));
  for (const [keys, shows] of c.steps) {
    // Once the app is idle on the screen (helpers/idle.ts), as a person would type.
    await whenIdle(pid);
    out = '';
    script.stdin?.write(keys);
    // A key typed in the moment before the app reads the terminal is lost (a known start-up race,
    // see the terminal issue); type it again only while nothing at all has been drawn since.
    for (let tries = 0; tries < 5 && !(await waitFor(/[\s\S]/, 1500).then(() => true, () => false)); tries++) script.stdin?.write(keys);
    await waitFor(shows);
  }
  // The terminal closes while the app waits on the screen.
  await whenIdle(pid);
  return { script, pid };
}

/** Milliseconds until the process has ended, or undefined if it still runs after `limit`. */
async function exitTime(pid: number, limit: number): Promise<number | undefined> {
  const t0 = Date.now();
  for (;;) {
    if (ended(pid)) return Date.now() - t0;
    if (Date.now() - t0 > limit) return undefined;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The CPU totals of /proc/stat: [idle, all], in clock ticks since boot. */
function cpuTicks(): [number, number] {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/).slice(1).map(Number);
  return [(fields[3] ?? 0) + (fields[4] ?? 0), fields.reduce((a, b) => a + b, 0)];
}

/** The share of the machine's CPU time that was idle over the next `ms` milliseconds (0 to 1). */
async function idleShare(ms: number): Promise<number> {
  const [idle0, all0] = cpuTicks();
  await new Promise((r) => setTimeout(r, ms));
  const [idle1, all1] = cpuTicks();
  return all1 > all0 ? (idle1 - idle0) / (all1 - all0) : 1;
}

/**
 * Tries per screen. One in a normal run: the race this guards against (issue 13) was fixed at its
 * cause (stdin released after the app, a hard exit timer, EIO ends the app), and every run of the
 * suite is another try on a machine kept busy. Three tries per screen in every run tripled the
 * file (30 app starts). For a soak run: HANGUP_TRIES=5 npx vitest run test/terminal/hangup.test.ts
 */
const TRIES = Math.max(1, Number(process.env.HANGUP_TRIES) || 1);

describe.runIf(HAS_SCRIPT)('closing the terminal window', () => {
  // The race shows when the machine is busy. In `npm test` it already is (the other files keep both
  // cores at work, and a spinning process would only take a core from them); run alone, the file
  // keeps one core spinning throughout. The cases run five at a time (vitest's maxConcurrency),
  // which keeps the machine busier still and the file short.
  let busy: ChildProcess | undefined;
  beforeAll(async () => {
    if ((await idleShare(300)) > 0.25) busy = spawn(process.execPath, ['-e', 'const end = Date.now() + 600000; while (Date.now() < end) {}'], { stdio: 'ignore' });
  });
  afterAll(() => {
    busy?.kill('SIGKILL');
  });

  it.concurrent.each(CASES.flatMap((c) => Array.from({ length: TRIES }, (_, n) => [c.name, n + 1, c] as const)))('on the %s screen (try %i) ends the app within 2 s, with progress saved where there is any and the records intact', async (_name, _n, c) => {
    const dir = mkdtempSync(join(tmpdir(), 'casa-hup-'));
    const { script, pid } = await startOn(c, dir);
    script.kill('SIGKILL');
    const took = await exitTime(pid, 2000);
    if (took === undefined) process.kill(pid, 'SIGKILL');
    expect(took, 'still running 2 s after the terminal closed').toBeDefined();
    if (c.saves) expect(existsSync(join(dir, 'casa-practice', 'saves', 'youth-discloses.json'))).toBe(true);
    if (c.summary) expect(readdirSync(join(dir, 'casa-practice', 'exports')).some((f) => f.startsWith('youth-discloses-session-'))).toBe(true);
    expect(readFileSync(join(dir, 'casa-practice', 'records.json'), 'utf8')).toBe(RECORDS);
  });
});
