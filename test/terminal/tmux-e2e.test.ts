import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { readOnlyTestable, ROOT } from './helpers/cli.js';

/**
 * The issue's "Done means" run, on a real terminal: the built CLI in a detached tmux session, driven
 * with send-keys and read with capture-pane. Every wait polls the screen; nothing sleeps a fixed time.
 * Run it alone with `npm run e2e:terminal`.
 */
const TMUX = '/usr/bin/tmux';
const HAVE_TMUX = existsSync(TMUX);
// Root writes anywhere: a read-only state folder is only read-only to another user.
const CAN_DROP = process.getuid?.() === 0 && existsSync('/usr/bin/setpriv') && readOnlyTestable();
const SOCKET = `casa-e2e-${process.pid}-${Date.now().toString(36)}`;
const SESSION = 'casa';
const TITLE = 'What Kiara tells you';
const temps: string[] = [];

function tmux(...args: string[]): string {
  return execFileSync(TMUX, ['-L', SOCKET, '-f', '/dev/null', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

interface Env { state: string; home: string }

function tempEnv(): Env {
  const dir = mkdtempSync(join(tmpdir(), 'casa-tmux-'));
  temps.push(dir);
  const state = join(dir, 'state');
  const home = join(dir, 'home');
  mkdirSync(state);
  mkdirSync(home);
  return { state, home };
}

/** The shell command tmux runs: the built CLI with an isolated state folder and home. */
function command(env: Env, args: string[] = [], prefix: string[] = []): string {
  const vars = { XDG_STATE_HOME: env.state, HOME: env.home, CASA_PRACTICE_SEED: '1', NO_COLOR: '1', TERM: 'xterm-256color', PATH: process.env.PATH ?? '/usr/bin:/bin' };
  const assigns = Object.entries(vars).map(([k, v]) => `${k}=${quote(v)}`);
  return [...prefix, 'env', '-i', ...assigns, quote(process.execPath), 'bin/casa-practice.js', ...args.map(quote)].join(' ');
}

/** Starts the app in a new detached session (the pane stays after the app exits, to read its last words). */
function start(env: Env, columns: number, rows: number, args: string[] = [], prefix: string[] = []): void {
  tmux('new-session', '-d', '-s', SESSION, '-x', String(columns), '-y', String(rows), '-c', ROOT, command(env, args, prefix), ';',
    'set-option', '-t', SESSION, 'remain-on-exit', 'on');
}

/** Runs the app again in the same window (same size), after the last run ended. */
function restart(env: Env, args: string[] = []): void {
  tmux('respawn-pane', '-k', '-t', SESSION, '-c', ROOT, command(env, args));
}

function screen(): string {
  return tmux('capture-pane', '-p', '-t', SESSION);
}

/** The pane's rows (capture-pane ends the last one with a newline). */
function lines(): string[] {
  return screen().replace(/\n$/, '').split('\n');
}

function keys(...k: string[]): void {
  tmux('send-keys', '-t', SESSION, ...k);
}

const paneDead = () => tmux('display-message', '-p', '-t', SESSION, '#{pane_dead}').trim() === '1';

/** Polls the screen until `ok` holds; fails with what was on the screen. */
async function waitFor(ok: (s: string) => boolean, what: string, timeout = 15_000): Promise<string> {
  const end = Date.now() + timeout;
  let s: string;
  for (;;) {
    s = screen();
    if (ok(s)) return s;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}. The screen:\n${s}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const waitText = (text: string | RegExp, timeout?: number) =>
  waitFor((s) => (typeof text === 'string' ? s.includes(text) : text.test(s)), String(text), timeout);

/** The last non-empty line: the key hints of the screen shown. */
const hints = (s: string) => s.split('\n').filter((l) => l.trim() !== '').at(-1) ?? '';
const longest = (s: string) => Math.max(...s.split('\n').map((l) => [...l].length));
/** The decision number in the header ("Decision 3 of about 8"). */
const decisionOf = (s: string) => Number(/Decision (\d+) of about/.exec(s)?.[1] ?? NaN);

/** The replies offered on a decision screen, each as one line of text (continuation rows joined). */
function replies(s: string): string[] {
  const out: string[] = [];
  for (const l of s.split('\n')) {
    const first = /^ {2}\d\. (.*)$/.exec(l);
    if (first) out.push(first[1] as string);
    else if (out.length > 0 && /^ {5}\S/.test(l)) out[out.length - 1] += ` ${l.trim()}`;
    else if (out.length > 0 && l.trim() !== '') break;
  }
  return out;
}

/** Whether the screen's one box is drawn whole: corners and sides line up, no wider than `columns`. */
function boxIsWhole(s: string, columns: number): boolean {
  const rows = s.split('\n');
  const top = rows.findIndex((l) => l.startsWith('╭'));
  const bottom = rows.findIndex((l) => l.startsWith('╰'));
  if (top < 0 || bottom <= top) return false;
  const width = [...(rows[top] as string)].length;
  if (width > columns || !(rows[top] as string).endsWith('╮') || [...(rows[bottom] as string)].length !== width || !(rows[bottom] as string).endsWith('╯')) return false;
  return rows.slice(top + 1, bottom).every((l) => l.startsWith('│') && l.endsWith('│') && [...l].length === width);
}

/** Presses a key and waits until the screen changed and shows key hints again. */
async function press(key: string, what = `the screen after ${key}`): Promise<string> {
  const before = screen();
  keys(key);
  return waitFor((s) => s !== before && /· q: |q: quit|q: save/.test(hints(s)), what);
}

/** One step forward: the first reply on a decision, Enter on feedback or a scene. */
async function step(s: string): Promise<string> {
  if (/ reply( ·|$)/.test(hints(s))) return press('1');
  if (/Enter: (continue|debrief|see)/i.test(hints(s))) return press('Enter');
  throw new Error(`Unexpected screen:\n${s}`);
}

const isDebrief = (s: string) => /DEBRIEF|Debrief/.test(s.split('\n').slice(0, 3).join('\n')) || /e: export/.test(hints(s));

/** Picks the scenario with this title from the picker by its number. */
async function openFromPicker(title: string): Promise<string> {
  const s = await waitFor((x) => x.includes('choose a scenario') && x.includes(title), 'the picker');
  const row = s.split('\n').find((l) => l.includes(title));
  const n = /(\d+)\./.exec(row ?? '')?.[1];
  expect(n, `a number for ${title}`).toBeDefined();
  keys(n as string);
  return waitFor((x) => !x.includes('choose a scenario') && x.includes(title), `${title} opened`);
}

function killServer(): void {
  try {
    tmux('kill-server');
  } catch {
    // No server: nothing to clean up.
  }
}

afterEach(() => killServer());
afterAll(() => {
  killServer();
  for (const d of temps) {
    try {
      chmodSync(join(d, 'state'), 0o755);
      rmSync(d, { recursive: true, force: true });
    } catch {
      // Left in the temp folder.
    }
  }
});

describe.skipIf(!HAVE_TMUX)(`the terminal app in tmux${HAVE_TMUX ? '' : ' (skipped: /usr/bin/tmux is not installed)'}`, () => {
  it('plays at 120×40, follows a resize to 80×24, quits, resumes, reopens without losing the save, finishes and exports', async () => {
    const env = tempEnv();
    start(env, 120, 40);

    // The picker, at 120 columns.
    await openFromPicker(TITLE);
    expect(longest(await waitText('Content note'))).toBeGreaterThan(80);
    let s = await press('Enter', 'the first decision');
    expect(s).toContain('What do you say or do?');
    expect(decisionOf(s)).toBe(1);

    // A few decisions.
    while (decisionOf(s) < 2 || !/ reply( ·|$)/.test(hints(s))) s = await step(s);
    expect(s).toMatch(/Decision 2 of about \d+/);
    expect(longest(s)).toBeGreaterThan(80);
    const repliesWide = replies(s);
    expect(repliesWide).toHaveLength(3);

    // Too small a window: a notice instead of a broken screen, and the screen comes back after.
    tmux('resize-window', '-t', SESSION, '-x', '44', '-y', '12');
    s = await waitText('Make the window larger.');
    expect(s.replace(/\s+/g, ' ')).toContain('this window is 44×12');
    expect(longest(s)).toBeLessThanOrEqual(44);

    // Resize mid-decision: the next frame is laid out for 80 columns.
    tmux('resize-window', '-t', SESSION, '-x', '80', '-y', '24');
    s = await waitFor((x) => longest(x) <= 80 && x.includes('What do you say or do?') && / reply( ·|$)/.test(hints(x)), 'a frame laid out for 80 columns');
    expect(lines()).toHaveLength(24);
    // The header is on the first row: the frame fits the window rather than scrolling off its top.
    expect(lines()[0]).toMatch(new RegExp(`^${TITLE} · Decision 2 of about \\d+`));
    // The replies read the same: wrapped at spaces, never mid-word, nothing cut off.
    expect(replies(s)).toEqual(repliesWide);

    // Answer decision 2: the feedback box is drawn whole at 80 columns.
    s = await press('1');
    expect(boxIsWhole(s, 80), `a whole box at 80 columns:\n${s}`).toBe(true);
    // Quit on decision 3: q → y saves.
    // The reply as quoted in the feedback box, without the box's sides.
    const lastReply = /“([^”]+?)”/.exec(s.split('\n').slice(0, 8).map((l) => l.replace(/^[│\s]+|[│\s]+$/g, '')).join(' '))?.[1];
    expect(lastReply, 'the reply quoted in the feedback').toBeDefined();
    while (decisionOf(s) < 3 || !/ reply( ·|$)/.test(hints(s))) s = await step(s);
    expect(decisionOf(s)).toBe(3);
    keys('q');
    await waitText('Save your progress and quit?');
    keys('y');
    s = await waitFor((x) => paneDead() && x.includes('Progress saved to'), 'the app to save and exit');
    expect(s).toMatch(/Continue with: .*casa-practice(\.js)? resume/);
    expect(readdirSync(join(env.state, 'casa-practice', 'saves'))).toHaveLength(1);

    // Resume: the same decision, with the recap of where it stopped.
    restart(env, ['resume']);
    s = await waitText('Where you left off');
    expect(decisionOf(s)).toBe(3);
    expect(longest(s)).toBeLessThanOrEqual(80);
    expect(s.replace(/\s+/g, ' ')).toContain(`Your last reply: “${lastReply as string}”`);
    keys('q');
    await waitText('Save your progress and quit?');
    keys('y');
    await waitFor((x) => paneDead() && x.includes('Progress saved to'), 'the app to save and exit');

    // Reopen the same scenario from the picker: it asks Continue / Start over; Continue keeps the save.
    const saveFile = join(env.state, 'casa-practice', 'saves', readdirSync(join(env.state, 'casa-practice', 'saves'))[0] as string);
    const saveBefore = readFileSync(saveFile, 'utf8');
    restart(env);
    await waitFor((x) => x.includes('choose a scenario') && x.includes(`${TITLE} (saved)`), 'the picker marking the save');
    await openFromPicker(TITLE);
    s = await waitText('Start over');
    expect(s).toMatch(/Continue where you stopped \(decision 3,/);
    s = await press('1', 'the continued playthrough');
    expect(s).toContain('Where you left off');
    expect(decisionOf(s)).toBe(3);
    expect(readFileSync(saveFile, 'utf8')).toBe(saveBefore);

    // Finish to the debrief.
    let guard = 0;
    while (!isDebrief(s)) {
      if (++guard > 60) throw new Error(`No debrief after 60 steps:\n${s}`);
      s = await step(s);
    }
    expect(longest(s)).toBeLessThanOrEqual(80);
    expect(s).toMatch(/Strong|Developing|Needs review/);

    // Export: the files are in the state folder's exports/ and the message names them.
    keys('e');
    s = await waitText('exported to:');
    const exportsDir = join(env.state, 'casa-practice', 'exports');
    const files = readdirSync(exportsDir).sort();
    expect(files.some((f) => f.endsWith('.md'))).toBe(true);
    expect(files.some((f) => f.endsWith('.json'))).toBe(true);
    const flat = s.split('\n').map((l) => l.replace(/^[│\s]+|[│\s]+$/g, '')).join('\n');
    for (const f of files) expect(flat).toContain(`exports/${f}`);
    expect(flat).toContain(`(in the state folder ${join(env.state, 'casa-practice')})`);
    expect(longest(s)).toBeLessThanOrEqual(80);

    keys('q');
    await waitFor(() => paneDead(), 'the app to exit');
    expect(paneDead()).toBe(true);
  });

  it('at 60×24 the picker, the content note and a decision fit 60 columns', async () => {
    const env = tempEnv();
    start(env, 60, 24);
    let s = await openFromPicker(TITLE);
    expect(longest(s)).toBeLessThanOrEqual(60);
    s = await waitText('Content note');
    expect(longest(s)).toBeLessThanOrEqual(60);
    s = await press('Enter', 'the first decision');
    expect(s).toContain('What do you say or do?');
    expect(s).toMatch(/^ {2}1\. \S/m);
    expect(longest(s)).toBeLessThanOrEqual(60);
    expect(lines()).toHaveLength(24);
    expect(lines()[0]).toMatch(new RegExp(`^${TITLE} · Decision 1 of about \\d+`));
    keys('q');
    s = await waitText('Save your progress and quit?');
    expect(longest(s)).toBeLessThanOrEqual(60);
    keys('y');
    await waitFor((x) => paneDead() && x.includes('Progress saved to'), 'the app to save and exit');
  });

  it.skipIf(!CAN_DROP)(`with a read-only state folder (as uid 65534) it says so in one line and plays on in memory${CAN_DROP ? '' : ' (skipped: not root, no setpriv, or uid 65534 cannot read this project folder)'}`, async () => {
    const env = tempEnv();
    chmodSync(join(env.state, '..'), 0o755);
    chmodSync(env.home, 0o777);
    chmodSync(env.state, 0o555);
    start(env, 80, 24, [], ['/usr/bin/setpriv', '--reuid=65534', '--regid=65534', '--clear-groups']);
    let s = await waitFor((x) => x.includes('choose a scenario') && x.includes(TITLE), 'the picker');
    expect(s).toMatch(/not being saved/);
    expect(s).toMatch(/permission denied/);
    expect(s).not.toMatch(/EACCES|ERROR| at /);
    expect(longest(s)).toBeLessThanOrEqual(80);
    await openFromPicker(TITLE);
    await waitText('Content note');
    s = await press('Enter', 'the first decision');
    expect(s).toContain('What do you say or do?');
    s = await press('1', 'feedback on the first reply');
    expect(s).toContain('Feedback on your reply');
    expect(s).not.toMatch(/EACCES|ERROR/);
    // Quitting says the playthrough will be lost, rather than promising a save.
    keys('q');
    s = await waitText('Quit without saving?');
    expect(s).not.toContain('Continue later with');
    keys('y');
    s = await waitFor((x) => paneDead() && x.includes('Progress could not be saved'), 'the app to exit');
    expect(s.replace(/\s+/g, ' ')).toContain('so this playthrough was not kept.');
    expect(readdirSync(env.state)).toEqual([]);
  });
});
