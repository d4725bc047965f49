import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, it, type ExpectStatic } from 'vitest';
import { readOnlyTestable, ROOT } from './helpers/cli.js';
import { whenIdle } from './helpers/idle.js';

/**
 * The issue's "Done means" run, on a real terminal: the built CLI in a detached tmux session, driven
 * with send-keys and read with capture-pane. Every wait re-reads the screen when the app has drawn
 * something (or ended), as a control-mode client of tmux reports it; nothing sleeps a fixed time.
 * Run it alone with `npm run e2e:terminal`.
 */
const TMUX = '/usr/bin/tmux';
const HAVE_TMUX = existsSync(TMUX);
// The tmux server, and the shell it runs each pane's command in, in a locale every machine has: with
// LANG or LC_ALL naming one the machine lacks (a container's en_US.UTF-8 never generated), bash
// wrote "setlocale: LC_ALL: cannot change locale" into the pane, wider than its 60 columns.
const TMUX_ENV = { ...process.env, LC_ALL: 'C.UTF-8' };
// Root writes anywhere: as root, a read-only state folder is only read-only to another user (uid
// 65534, through setpriv). Any other user (a CI runner's, as on GitHub) runs the app as itself: the
// test was skipped there.
const AS_ROOT = process.getuid?.() === 0;
const CAN_READ_ONLY = !AS_ROOT || (existsSync('/usr/bin/setpriv') && readOnlyTestable());
const SESSION = 'casa';
const TITLE = 'What Kiara tells you';
const temps: string[] = [];

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** `cwd`: the folder the app is started in (ROOT when not given), the script then named by its whole path. */
interface Env { state: string; home: string; extra?: Record<string, string>; cwd?: string }

function tempEnv(): Env {
  const dir = mkdtempSync(join(tmpdir(), 'casa-tmux-'));
  temps.push(dir);
  const state = join(dir, 'state');
  const home = join(dir, 'home');
  mkdirSync(state);
  mkdirSync(home);
  return { state, home };
}

/** The shell command that runs the built CLI with an isolated state folder and home. */
function command(env: Env, args: string[] = [], prefix: string[] = []): string {
  const vars = { XDG_STATE_HOME: env.state, HOME: env.home, CASA_PRACTICE_SEED: '1', NO_COLOR: '1', TERM: 'xterm-256color', PATH: process.env.PATH ?? '/usr/bin:/bin', ...env.extra };
  const assigns = Object.entries(vars).map(([k, v]) => `${k}=${quote(v)}`);
  const where = env.cwd === undefined ? [] : ['cd', quote(env.cwd), '&&'];
  return [...where, ...prefix, 'env', '-i', ...assigns, quote(process.execPath), env.cwd === undefined ? 'bin/casa-practice.js' : quote(join(ROOT, 'bin', 'casa-practice.js')), ...args.map(quote)].join(' ');
}

let servers = 0;

/**
 * One tmux server (its own socket, so tests run side by side) with one detached session running the
 * app. The screen is read with capture-pane through a control-mode client, which also reports every
 * write the app makes (%output): a wait re-reads the screen only when something was drawn, and the
 * app's exit is an event too (the pane's shell signals a wait-for channel once the app has ended).
 */
class Term {
  readonly socket = `casa-e2e-${process.pid}-${Date.now().toString(36)}-${servers++}`;
  /** Bumped on every write to the pane and when the app ends. */
  private version = 0;
  private readonly waiters = new Set<() => void>();
  private control: ChildProcess | undefined;
  private readonly watchers: ChildProcess[] = [];
  private readonly replies: { lines: string[]; done: (lines: string[]) => void; fail: (e: Error) => void }[] = [];
  private runs = 0;
  /** Whether the app of the latest start or restart has ended. */
  exited = false;

  tmux(...args: string[]): string {
    return execFileSync(TMUX, ['-L', this.socket, '-f', '/dev/null', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: TMUX_ENV });
  }

  /** The pane's command: the app, then a signal that it has ended (the pane stays, to read its last words). */
  private paneCommand(env: Env, args: string[], prefix: string[], pipe?: string): string {
    this.exited = false;
    return `${command(env, args, prefix)}${pipe ? ` | ${pipe}` : ''}; ${quote(TMUX)} -L ${quote(this.socket)} wait-for -S exited-${++this.runs}`;
  }

  /** Waits for the signal of the latest run (tmux keeps a signal sent before the wait until it starts). */
  private watchExit(): void {
    const run = this.runs;
    const watch = spawn(TMUX, ['-L', this.socket, '-f', '/dev/null', 'wait-for', `exited-${run}`], { stdio: 'ignore', env: TMUX_ENV });
    watch.on('exit', (code) => {
      if (code !== 0 || run !== this.runs) return;
      this.exited = true;
      this.changed();
    });
    this.watchers.push(watch);
  }

  /** Starts the app in a new detached session of `columns` × `rows`; `pipe`: a command its output goes through (e.g. cat). */
  start(env: Env, columns: number, rows: number, args: string[] = [], prefix: string[] = [], pipe?: string): void {
    const cmd = this.paneCommand(env, args, prefix, pipe);
    this.tmux('new-session', '-d', '-s', SESSION, '-x', String(columns), '-y', String(rows), '-c', ROOT, cmd, ';', 'set-option', '-t', SESSION, 'remain-on-exit', 'on');
    this.watchExit();
    this.attach();
  }

  /** Runs the app again in the same window (same size), after the last run ended. */
  restart(env: Env, args: string[] = []): void {
    this.tmux('respawn-pane', '-k', '-t', SESSION, '-c', ROOT, this.paneCommand(env, args, []));
    this.watchExit();
  }

  private attach(): void {
    const control = spawn(TMUX, ['-L', this.socket, '-f', '/dev/null', '-C', 'attach', '-t', SESSION], { stdio: ['pipe', 'pipe', 'ignore'], env: TMUX_ENV });
    this.control = control;
    let buffer = '';
    // Inside a %begin … %end block of this client's command: its output lines.
    let block: string[] | undefined;
    let ours = false;
    control.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffer += chunk;
      for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (block) {
          if (/^%(end|error) \d+ \d+ \d+$/.test(line)) {
            const reply = ours ? this.replies.shift() : undefined;
            if (reply && line.startsWith('%error')) reply.fail(new Error(`tmux: ${block.join('\n')}`));
            else reply?.done(block);
            block = undefined;
          } else block.push(line);
        } else if (line.startsWith('%begin ')) {
          block = [];
          // Flags 1: a command this client sent (0: the attach itself).
          ours = line.endsWith(' 1');
        } else if (line.startsWith('%output ')) this.changed();
      }
    });
    control.on('exit', () => {
      for (const r of this.replies.splice(0)) r.fail(new Error('the tmux control client ended'));
    });
  }

  /** A command through the control client; resolves with its output lines. */
  private send(cmd: string): Promise<string[]> {
    const control = this.control;
    if (!control?.stdin?.writable) return Promise.reject(new Error('no tmux control client'));
    return new Promise((done, fail) => {
      this.replies.push({ lines: [], done, fail });
      control.stdin!.write(`${cmd}\n`);
    });
  }

  private changed(): void {
    this.version++;
    for (const w of [...this.waiters]) w();
  }

  /** Resolves true once something was drawn (or the app ended) after `seen`, false after `ms`. */
  private after(seen: number, ms: number): Promise<boolean> {
    if (this.version > seen) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (ok: boolean) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(ok);
      };
      const check = () => this.version > seen && done(true);
      const timer = setTimeout(() => done(false), Math.max(0, ms));
      this.waiters.add(check);
    });
  }

  /** The screen as capture-pane prints it: each row ending with a newline; `history` rows that scrolled off above it first. */
  async screen(history = 0): Promise<string> {
    return (await this.send(`capture-pane -p -t ${SESSION}${history > 0 ? ` -S -${history}` : ''}`)).map((l) => `${l}\n`).join('');
  }

  /** The pane's rows. */
  async lines(): Promise<string[]> {
    return (await this.screen()).replace(/\n$/, '').split('\n');
  }

  /**
   * Types keys once the app is idle. A key that arrives while the app is still busy with the screen
   * it has just drawn (its key handler is attached right after the frame, and on a loaded machine
   * that can wait behind other work) is taken by the screen before it: Enter on a content note that
   * has just appeared would reach the picker. A person cannot type that fast; the test waits as a
   * person would, until the app is idle (helpers/idle.ts).
   */
  async keys(...k: string[]): Promise<void> {
    await this.idle();
    await this.send(`send-keys -t ${SESSION} ${k.map(quote).join(' ')}`);
  }

  /** The app's process: the pane's shell runs it as a child (env and setpriv exec into node). */
  async appPid(): Promise<number | undefined> {
    const [shell] = await this.send(`display-message -p -t ${SESSION} '#{pane_pid}'`);
    try {
      const children = readFileSync(`/proc/${shell}/task/${shell}/children`, 'utf8').trim().split(/\s+/).map(Number);
      return children.find((pid) => readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'node');
    } catch {
      return undefined;
    }
  }

  private async idle(): Promise<void> {
    const pid = await this.appPid();
    if (pid !== undefined) await whenIdle(pid);
  }

  /** Re-reads the screen (and `history` rows above it) each time the app draws (or ends) until `ok` holds; fails with what was on the screen. */
  async waitFor(ok: (s: string) => boolean, what: string, timeout = 15_000, history = 0): Promise<string> {
    const end = Date.now() + timeout;
    for (;;) {
      const seen = this.version;
      const s = await this.screen(history);
      if (ok(s)) return s;
      if (!(await this.after(seen, end - Date.now()))) {
        const last = await this.screen(history);
        if (ok(last)) return last;
        throw new Error(`Timed out waiting for ${what}. The screen:\n${last}`);
      }
    }
  }

  waitText(text: string | RegExp, timeout?: number): Promise<string> {
    return this.waitFor((s) => (typeof text === 'string' ? s.includes(text) : text.test(s)), String(text), timeout);
  }

  /**
   * Waits until the app has ended and the screen shows `text` (its last words). The row above the
   * screen is read too: the app erases its last frame and starts its last words where the frame
   * began, often the top row, and tmux then writes "Pane is dead" below the bottom row, scrolling
   * the screen up by one.
   */
  ended(text?: string): Promise<string> {
    return this.waitFor((s) => this.exited && (text === undefined || s.includes(text)), text === undefined ? 'the app to exit' : `the app to exit with "${text}"`, undefined, 1);
  }

  close(): void {
    this.control?.kill();
    for (const w of this.watchers) w.kill();
    try {
      this.tmux('kill-server');
    } catch {
      // No server: nothing to clean up.
    }
    // A killed server can leave its socket file behind.
    rmSync(join(process.env.TMUX_TMPDIR ?? '/tmp', `tmux-${process.getuid?.() ?? 0}`, this.socket), { force: true });
  }
}

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
async function press(t: Term, key: string, what = `the screen after ${key}`): Promise<string> {
  const before = await t.screen();
  await t.keys(key);
  return t.waitFor((s) => s !== before && /· q: |q: quit|q: save|q: see/.test(hints(s)), what);
}

/** One step forward: the first reply on a decision, Enter on feedback or a scene. */
async function step(t: Term, s: string): Promise<string> {
  if (/ reply( ·|$)/.test(hints(s))) return press(t, '1');
  if (/Enter(?: or q)?: (continue|read on|debrief|see)/i.test(hints(s))) return press(t, 'Enter');
  throw new Error(`Unexpected screen:\n${s}`);
}

const isDebrief = (s: string) => /DEBRIEF|Debrief/.test(s.split('\n').slice(0, 3).join('\n')) || /e: export/.test(hints(s));

/** Picks the scenario with this title from the picker by its number. */
/** The picker, moved down as a user would until `title` is in view (the list scrolls when it is longer than the window: 16 scenarios, or a notice above them); its row. */
async function pickerRow(t: Term, title: string): Promise<string | undefined> {
  // Once its files and saves are checked: until then a save is marked "(save…)", not as what it is.
  let s = await t.waitFor((x) => x.includes('choose a scenario') && !/\(checking (files|saves)…\)/.test(x), 'the picker, its files and saves checked');
  for (let moves = 0; !s.includes(title) && moves < 20; moves++) {
    const before = s;
    await t.keys('Down');
    s = await t.waitFor((x) => x !== before, 'the picker to move');
  }
  return s.split('\n').find((l) => l.includes(title));
}

async function openFromPicker(t: Term, title: string, expect: ExpectStatic): Promise<string> {
  const row = await pickerRow(t, title);
  const n = /(\d+)\./.exec(row ?? '')?.[1];
  expect(n, `a number for ${title}`).toBeDefined();
  await t.keys(n as string);
  return t.waitFor((x) => !x.includes('choose a scenario') && x.includes(title), `${title} opened`);
}

/** A tmux server of its own for one test, closed when the test ends. */
/** Full screen: past the content note (Enter) to the first decision. */
async function toFirstDecision(t: Term): Promise<void> {
  await t.waitText('Content note');
  await t.keys('Enter');
  await t.waitText('What do you say or do?');
}

/** Full screen: a reply to the decision on screen, its feedback drawn (q saves nothing before a reply is made in the run). */
async function replyFirst(t: Term): Promise<void> {
  await t.keys('1');
  await t.waitText('Feedback on your reply');
}

/** Full screen, no reply made in the run: q, then y to "Quit? Nothing new to save…"; the screen the app leaves. */
async function quitUnchanged(t: Term): Promise<string> {
  await t.keys('q');
  await t.waitText('Nothing new to save');
  await t.keys('y');
  return t.ended('nothing was saved');
}

/** Full screen: q, then y to "Save your progress and quit?"; the screen the app leaves. */
async function saveAndQuit(t: Term): Promise<string> {
  await t.keys('q');
  await t.waitText('Save your progress and quit?');
  await t.keys('y');
  return t.ended('Progress saved to');
}

/** Line by line: answers the first decision with reply 2 and waits for the second. */
async function toSecondDecision(t: Term): Promise<void> {
  await t.waitText('Type a reply number');
  await t.keys('2', 'Enter');
  await t.waitText(/Decision 2 of about/);
}

/** No line wider than `columns`; then q and Enter save and end the line-by-line session. */
async function expectWithinThenQuit(expect: ExpectStatic, t: Term, lines: readonly string[], columns: number): Promise<void> {
  expect(lines.filter((l) => [...l].length > columns)).toEqual([]);
  await t.keys('q', 'Enter');
  await t.ended('Progress saved to');
}

/** The last 200 lines the app wrote: -J joins the rows the terminal wrapped, so each is a line as written. */
const writtenLines = (t: Term) => t.tmux('capture-pane', '-p', '-J', '-S', '-200', '-t', SESSION).split('\n');

function term(onTestFinished: (fn: () => void) => void): Term {
  const t = new Term();
  onTestFinished(() => t.close());
  return t;
}

afterAll(() => {
  for (const d of temps) {
    try {
      chmodSync(join(d, 'state'), 0o755);
      rmSync(d, { recursive: true, force: true });
    } catch {
      // Left in the temp folder.
    }
  }
});

// Each test has its own tmux server, so the three run at the same time.
describe.skipIf(!HAVE_TMUX)(`the terminal app in tmux${HAVE_TMUX ? '' : ' (skipped: /usr/bin/tmux is not installed)'}`, { concurrent: true }, () => {
  it('plays at 120×40, follows a resize to 80×24, quits, resumes, reopens without losing the save, finishes and exports', async ({ expect, onTestFinished }) => {
    const t = term(onTestFinished);
    const env = tempEnv();
    t.start(env, 120, 40);

    // The picker, at 120 columns.
    await openFromPicker(t, TITLE, expect);
    expect(longest(await t.waitText('Content note'))).toBeGreaterThan(80);
    let s = await press(t, 'Enter', 'the first decision');
    expect(s).toContain('What do you say or do?');
    expect(decisionOf(s)).toBe(1);

    // A few decisions.
    while (decisionOf(s) < 2 || !/ reply( ·|$)/.test(hints(s))) s = await step(t, s);
    expect(s).toMatch(/Decision 2 of about \d+/);
    expect(longest(s)).toBeGreaterThan(80);
    const repliesWide = replies(s);
    expect(repliesWide).toHaveLength(3);

    // Too small a window: a notice instead of a broken screen, and the screen comes back after.
    t.tmux('resize-window', '-t', SESSION, '-x', '44', '-y', '12');
    s = await t.waitText('Make the window larger.');
    expect(s.replace(/\s+/g, ' ')).toContain('this window is 44×12');
    expect(longest(s)).toBeLessThanOrEqual(44);

    // Resize mid-decision: the next frame is laid out for 80 columns.
    t.tmux('resize-window', '-t', SESSION, '-x', '80', '-y', '24');
    s = await t.waitFor((x) => longest(x) <= 80 && x.includes('What do you say or do?') && / reply( ·|$)/.test(hints(x)), 'a frame laid out for 80 columns');
    const rows = await t.lines();
    expect(rows).toHaveLength(24);
    // The header is on the first row: the frame fits the window rather than scrolling off its top.
    expect(rows[0]).toMatch(new RegExp(`^${TITLE} · Decision 2 of about \\d+`));
    // The replies read the same: wrapped at spaces, never mid-word, nothing cut off.
    expect(replies(s)).toEqual(repliesWide);

    // Answer decision 2: the feedback box is drawn whole at 80 columns.
    s = await press(t, '1');
    expect(boxIsWhole(s, 80), `a whole box at 80 columns:\n${s}`).toBe(true);
    // Quit on decision 3: q → y saves.
    // The reply as quoted in the feedback box, without the box's sides.
    const lastReply = /“([^”]+?)”/.exec(s.split('\n').slice(0, 8).map((l) => l.replace(/^[│\s]+|[│\s]+$/g, '')).join(' '))?.[1];
    expect(lastReply, 'the reply quoted in the feedback').toBeDefined();
    while (decisionOf(s) < 3 || !/ reply( ·|$)/.test(hints(s))) s = await step(t, s);
    expect(decisionOf(s)).toBe(3);
    s = await saveAndQuit(t);
    expect(s).toMatch(/Continue with: .*casa-practice(\.js)? resume/);
    expect(readdirSync(join(env.state, 'casa-practice', 'saves'))).toHaveLength(1);

    // Resume: the same decision, with the recap of where it stopped.
    t.restart(env, ['resume']);
    s = await t.waitText('Where you left off');
    expect(decisionOf(s)).toBe(3);
    expect(longest(s)).toBeLessThanOrEqual(80);
    expect(s.replace(/\s+/g, ' ')).toContain(`You: “${lastReply as string}”`);
    // Quit at once: nothing new to save, the save left as it was.
    s = await quitUnchanged(t);
    expect(s.replace(/\s+/g, ' ')).toContain('your save is kept as it was');

    // Reopen the same scenario from the picker: it asks Continue / Start over; Continue keeps the save.
    const saveFile = join(env.state, 'casa-practice', 'saves', readdirSync(join(env.state, 'casa-practice', 'saves'))[0] as string);
    const saveBefore = readFileSync(saveFile, 'utf8');
    t.restart(env);
    expect(await pickerRow(t, TITLE), 'the picker marking the save').toContain(`${TITLE} (saved)`);
    await openFromPicker(t, TITLE, expect);
    s = await t.waitText('Start over');
    expect(s).toMatch(/Continue where you stopped \(2 replies made,/);
    s = await press(t, '1', 'the continued playthrough');
    expect(s).toContain('Where you left off');
    expect(decisionOf(s)).toBe(3);
    expect(readFileSync(saveFile, 'utf8')).toBe(saveBefore);

    // Finish to the debrief.
    let guard = 0;
    while (!isDebrief(s)) {
      if (++guard > 60) throw new Error(`No debrief after 60 steps:\n${s}`);
      s = await step(t, s);
    }
    expect(longest(s)).toBeLessThanOrEqual(80);
    expect(s).toMatch(/Strong|Developing|Needs review/);

    // Export: the files are in the state folder's exports/ and the message names them.
    await t.keys('e');
    s = await t.waitText('exported to:');
    const exportsDir = join(env.state, 'casa-practice', 'exports');
    const files = readdirSync(exportsDir).sort();
    expect(files.some((f) => f.endsWith('.md'))).toBe(true);
    expect(files.some((f) => f.endsWith('.json'))).toBe(true);
    const flat = s.split('\n').map((l) => l.replace(/^[│\s]+|[│\s]+$/g, '')).join('\n');
    for (const f of files) expect(flat).toContain(`exports/${f}`);
    expect(flat).toContain(`(in the state folder ${join(env.state, 'casa-practice')})`);
    expect(longest(s)).toBeLessThanOrEqual(80);

    await t.keys('q');
    await t.ended();
    // The app's process is gone (its pane's shell may still be finishing the line after it).
    expect(await t.appPid()).toBeUndefined();
  });

  it('at 60×24 the picker, the content note and a decision fit 60 columns', async ({ expect, onTestFinished }) => {
    const t = term(onTestFinished);
    const env = tempEnv();
    t.start(env, 60, 24);
    let s = await openFromPicker(t, TITLE, expect);
    expect(longest(s)).toBeLessThanOrEqual(60);
    s = await t.waitText('Content note');
    expect(longest(s)).toBeLessThanOrEqual(60);
    s = await press(t, 'Enter', 'the first decision');
    expect(s).toContain('What do you say or do?');
    expect(s).toMatch(/^ {2}1\. \S/m);
    expect(longest(s)).toBeLessThanOrEqual(60);
    const rows = await t.lines();
    expect(rows).toHaveLength(24);
    expect(rows[0]).toMatch(new RegExp(`^${TITLE} · Decision 1 of about \\d+`));
    await t.keys('q');
    // (No reply made in this run: the question says there is nothing new to save.)
    s = await t.waitText('Nothing new to save');
    expect(longest(s)).toBeLessThanOrEqual(60);
    await t.keys('y');
    // The closing words stand alone where the screen was: Ink's last frame (the question just
    // answered, the decision under it) is erased, not left drawn above them.
    s = await t.ended('nothing was saved');
    expect(s).not.toContain('Nothing new to save');
    expect(s).not.toContain('What do you say or do?');
    expect(s).not.toContain(TITLE);
  });

  it('with CI set in its environment (some containers and cloud workspaces set it), draws as it goes and follows a resize', async ({ expect, onTestFinished }) => {
    // Ink in CI mode drew nothing until the app ended: a blank window that still took keys.
    const t = term(onTestFinished);
    t.start({ ...tempEnv(), extra: { CI: 'true' } }, 80, 24, ['play', 'youth-discloses']);
    let s = await t.waitText('Content note');
    expect(longest(s)).toBeGreaterThan(60);
    t.tmux('resize-window', '-t', SESSION, '-x', '60', '-y', '24');
    await t.waitFor((x) => x.includes('Content note') && longest(x) <= 60, 'the content note drawn again at 60 columns');
    await t.keys('Enter');
    s = await t.waitText('What do you say or do?');
    expect(longest(s)).toBeLessThanOrEqual(60);
    await t.keys('q', 'y');
    await t.ended('nothing was saved');
  });

  it.for<[string, Record<string, string>]>([['', {}], [' (Ink\'s screen-reader mode, whose frames end no line)', { INK_SCREEN_READER: 'true' }]])('quitting straight after a redraw erases only the app\'s own frame: what the shell printed above it stays%s', async ([, extra], { expect, onTestFinished }) => {
    const t = term(onTestFinished);
    const env = { ...tempEnv(), extra };
    // A line the shell printed before the app started, just above its first frame.
    t.start(env, 60, 24, ['play', 'youth-discloses'], ['echo', 'ABOVE-THE-APP;']);
    await toFirstDecision(t);
    // q and y in one write: the app exits within a few milliseconds of drawing the question, while
    // Ink still holds its next frame back (it draws at most 30 a second).
    await t.keys('q', 'y');
    await t.ended('nothing was saved');
    const s = await t.screen(30);
    const rows = s.split('\n');
    const above = rows.findIndex((r) => r.startsWith('ABOVE-THE-APP'));
    expect(above, s).toBeGreaterThanOrEqual(0);
    // A long path goes on a row of its own (one word, for copying), so "to" (or "to:", the file then
    // named within the state folder where the whole path is wider than the window) may end the row.
    // (No reply made in this run: nothing is saved, and the words say so.)
    expect(rows[above + 1], s).toMatch(/^No reply was made in this run, so nothing was saved\./);
    expect(s).not.toContain('Nothing new to save');
  });

  it('at 60×24 the words left when the app ends are wrapped at word boundaries, not where the terminal cuts them', async ({ expect, onTestFinished }) => {
    const t = term(onTestFinished);
    const env = tempEnv();
    t.start(env, 60, 24, ['play', 'youth-discloses']);
    await toFirstDecision(t);
    await replyFirst(t);
    await saveAndQuit(t);
    t.restart(env, ['play', 'youth-discloses']);
    await t.waitText('Start over');
    await t.keys('2');
    await toFirstDecision(t);
    await t.keys('C-c');
    const s = await t.ended('you started over');
    // At 60 columns the terminal cut it "…you started over bu" / "t made no reply yet."
    expect(s).toMatch(/you started over\s*\n\s*but made no reply yet\./);
    expect(longest(s)).toBeLessThanOrEqual(60);
  });

  // play <scenario> with a save too damaged to summarise in its slot took it for none: the content
  // note came up without a word about it, and the new run's first save wrote over it.
  it('play <scenario> with a damaged save says above the content note that it was moved aside, and the new run does not write over it', async ({ expect, onTestFinished }) => {
    const t = term(onTestFinished);
    const env = tempEnv();
    const saves = join(env.state, 'casa-practice', 'saves');
    mkdirSync(saves, { recursive: true });
    writeFileSync(join(saves, 'youth-discloses.json'), '{"format": "casa-practice-terminal-save", "formatVer');
    t.start(env, 60, 24, ['play', 'youth-discloses']);
    const s = await t.waitText('Content note');
    expect(s.replace(/\s+/g, ' ')).toMatch(/Your saved progress in this scenario could not be used: the saved progress is damaged \(it is not valid JSON\)\. The save was moved to the file below \(nothing was deleted\); a new playthrough starts\. \/.+\.damaged-\S+ /);
    expect(longest(s)).toBeLessThanOrEqual(60);
    await t.keys('Enter');
    await t.waitText('What do you say or do?');
    await replyFirst(t);
    await saveAndQuit(t);
    const files = readdirSync(saves).sort();
    expect(files).toEqual(['youth-discloses.json', expect.stringMatching(/^youth-discloses\.json\.damaged-/)]);
    expect(readFileSync(join(saves, files[1] as string), 'utf8')).toBe('{"format": "casa-practice-terminal-save", "formatVer');
    // With --new (start over without asking) too: the new run's first reply would replace it.
    for (const f of files) rmSync(join(saves, f));
    writeFileSync(join(saves, 'youth-discloses.json'), '[]');
    t.restart(env, ['play', 'youth-discloses', '--new']);
    const note = await t.waitText('Content note');
    expect(note.replace(/\s+/g, ' ')).toMatch(/Your saved progress in this scenario could not be used: this is not a casa-practice save\. The save was moved to the file below \(nothing was deleted\); a new playthrough starts\. \/.+\.damaged-\S+ /);
    expect(readdirSync(saves)).toEqual([expect.stringMatching(/^youth-discloses\.json\.damaged-/)]);
    await t.keys('q');
    await t.ended();
  });

  // Found in the resume-57 newcomer pass: a save of an author's file, the file then edited under the
  // same version. "play <file>" asked to continue or start over; continuing said "Could not resume"
  // and left the author in the list of bundled scenarios, without their file. Opened from the list, such
  // a save was already set aside as the content note opens; "play <file>" now does the same.
  it('play <file> with a save made before the file was changed sets it aside as outdated above the content note, not offered to continue', async ({ expect, onTestFinished }) => {
    const t = term(onTestFinished);
    const env = tempEnv();
    const file = join(env.home, 'mine.json');
    writeFileSync(file, readFileSync(join(ROOT, 'test', 'fixtures', 'good', 'example.json'), 'utf8').replace('"$schema": "../../../scenarios/scenario.schema.json"', `"$schema": ${JSON.stringify(join(ROOT, 'scenarios', 'scenario.schema.json'))}`));
    // One reply made line by line; the input ends (exit 1) and the progress is saved.
    expect(() => execFileSync(process.execPath, ['bin/casa-practice.js', 'play', file, '--plain'], { cwd: ROOT, input: 'phone-curious\n', env: { XDG_STATE_HOME: env.state, HOME: env.home, PATH: process.env.PATH ?? '/usr/bin:/bin', CASA_PRACTICE_SEED: '1' }, stdio: ['pipe', 'ignore', 'ignore'] })).toThrow(/Command failed/);
    const saves = join(env.state, 'casa-practice', 'saves');
    expect(readdirSync(saves)).toHaveLength(1);
    writeFileSync(file, readFileSync(file, 'utf8').replace('"A light, friendly question', '"A light and friendly question'));
    t.start(env, 60, 24, ['play', file]);
    const s = await t.waitText('Content note');
    const said = s.replace(/\s+/g, ' ');
    expect(said).not.toContain('You have a saved playthrough');
    expect(said).toContain('Your saved progress in this scenario could not be used: this save was made before the scenario "example-new-phone" was changed');
    expect(readdirSync(saves)).toEqual([expect.stringMatching(/\.outdated-/)]);
    await t.keys('q');
    await t.ended();
  });

  // Output into a pipe (| tee session.txt) while the person reads it in the terminal: the line-by-line
  // text was wrapped at 80 columns, and a 60-column window cut most of its lines mid-word.
  it('at 60×24 with its output piped through cat, line by line text is wrapped at 60 columns', async ({ expect, onTestFinished }) => {
    const t = term(onTestFinished);
    const env = tempEnv();
    t.start(env, 60, 24, ['play', 'youth-discloses'], [], 'cat');
    await toSecondDecision(t);
    const written = writtenLines(t);
    expect(written.some((l) => l.includes('Kiara (youth):'))).toBe(true);
    await expectWithinThenQuit(expect, t, written, 60);
  });

  // Line by line, the width was read once at the start: after the window was made narrower, every
  // paragraph was still wrapped at the old width and the terminal cut it mid-word.
  it('line by line follows a resize from 100 to 60 columns mid-scenario', async ({ expect, onTestFinished }) => {
    const t = term(onTestFinished);
    const env = tempEnv();
    t.start(env, 100, 30, ['play', 'youth-discloses', '--plain']);
    await toSecondDecision(t);
    t.tmux('resize-window', '-t', SESSION, '-x', '60', '-y', '30');
    await t.waitFor((s) => longest(s) <= 60, 'the window at 60 columns');
    await t.keys('1', 'Enter');
    // Decision 3 written to its replies (CI once read the pane between its heading and its text).
    await t.waitFor((s) => {
      const at = s.lastIndexOf('Decision 3 of about');
      const asked = at < 0 ? -1 : s.indexOf('What do you say or do?', at);
      return asked > at && s.indexOf('\n  2. ', asked) > asked;
    }, 'decision 3 with its replies', undefined, 200);
    const written = writtenLines(t);
    // Decision 3 and what follows it were written after the resize.
    const after = written.slice(written.findLastIndex((l) => l.includes('Decision 3 of about')));
    expect(after.filter((l) => l.trim() !== '').length).toBeGreaterThan(5);
    await expectWithinThenQuit(expect, t, after, 60);
  });

  it('at 60×24 ending a trainer-led session leaves the summary line, not the question, on screen', async ({ expect, onTestFinished }) => {
    const t = term(onTestFinished);
    const env = tempEnv();
    t.start(env, 60, 24, ['play', 'youth-discloses', '--facilitate']);
    await t.waitText('Content note');
    await t.keys('Enter');
    await t.waitText('Discuss:');
    // One vote, so the room has entered something and ending writes a summary.
    await t.keys('1');
    // (At 60 columns the heading says it in fewer words, to keep its one row.)
    await t.waitText(/· 1 vote( entered)?$/m);
    await t.keys('q');
    await t.waitText('Stop now and write the summary so far?');
    await t.keys('y');
    const s = await t.ended('Session summary written to');
    expect(s).not.toContain('Stop now');
    expect(s).not.toContain('Discuss:');
    expect(longest(s)).toBeLessThanOrEqual(60);
  });

  // Brief term-48's walk: a trainer-led session at 60×24 and 120×40 with NO_COLOR, resized mid-scenario
  // both ways, stopped with q, and carried on with the command it printed, from a folder with spaces.
  it('a trainer-led session resized both ways keeps its one-row heading and its votes, and the command q prints carries it on from a folder with spaces', async ({ expect, onTestFinished }) => {
    const t = term(onTestFinished);
    const env = tempEnv();
    const cwd = join(env.home, 'my practice folder');
    mkdirSync(cwd);
    env.cwd = cwd;
    t.start(env, 60, 24, ['play', 'youth-discloses', '--facilitate']);
    await t.waitText('Content note');
    await t.keys('Enter');
    await t.waitText('Discuss:');
    await t.keys('1', '2');
    await t.waitText(/· 12 votes$/m);
    expect((await t.lines())[0]).toMatch(/^ What Kiara tells you · Decision 1 of about \d+ · 12 votes$/);
    t.tmux('resize-window', '-t', SESSION, '-x', '120', '-y', '40');
    let s = await t.waitFor((x) => /· 12 votes entered$/m.test(x), 'the heading at 120 columns');
    expect(longest(s)).toBeGreaterThan(60);
    t.tmux('resize-window', '-t', SESSION, '-x', '60', '-y', '24');
    s = await t.waitFor((x) => longest(x) <= 60 && /· 12 votes$/m.test(x), 'the heading back at 60 columns');
    expect(s).toContain('· votes: 12');
    await t.keys('q');
    await t.waitText('Stop now and write the summary so far?');
    await t.keys('y');
    s = await t.ended('To carry on with this session later:');
    expect(longest(s)).toBeLessThanOrEqual(60);
    // The command as printed (its continuation lines joined): the program, then the form README teaches.
    const printed = s.slice(s.indexOf('To carry on with this session later:') + 'To carry on with this session later:'.length).replace(/\\\n\s*/g, ' ').split('\n').map((l) => l.trim()).find((l) => l !== '') ?? '';
    const program = `node ${join(ROOT, 'bin', 'casa-practice.js')}`;
    expect(printed.startsWith(`${program} `), printed).toBe(true);
    const args = printed.slice(program.length).trim().split(/\s+/);
    expect(args).toEqual(['--facilitate', 'youth-discloses']);
    t.restart(env, args);
    await t.waitText('Content note');
    await t.keys('Enter');
    await t.waitText('Continue at decision 1');
    await t.keys('Enter');
    s = await t.waitText(/· 12 votes$/m);
    expect(s).toContain('· votes: 12');
  });

  // Walked at 60×24: the live room printed "Summary written to <path>" as its session ended, and on
  // Ctrl+C the whole path on a row of its own, each longer than the row: the terminal broke the path
  // mid-name ("…/youth-discloses-se" / "ssion-…"). In a terminal narrower than it, the file's name is
  // now whole on its own row and its folder under it (leavingPath); piped, the whole path stays
  // (room-restart.test.ts and the room-presenter e2e read it).
  it('at 60×24 the live room names its summary whole on rows of their own as its session ends, on Ctrl+C and on resuming it', async ({ expect, onTestFinished }) => {
    const t = term(onTestFinished);
    const env = tempEnv();
    t.start(env, 60, 24, ['room', 'youth-discloses', '--host', '127.0.0.1']);
    // The story opens on a decision: after the content note, the step that shows it to the room.
    await t.waitText('show the room');
    // The session started (e before it ends nothing: room-controls.test.ts), then ended.
    await t.keys('n', 'Enter');
    await t.waitText(/o: open\s+the\s+vote/);
    await t.keys('e', 'Enter');
    await t.waitText('Type e again to end it');
    await t.keys('e', 'Enter');
    // (Printed in one write: its last row is there once its first is.)
    const ended = await t.waitText(/Summary written to[\s\S]*\.md\n/);
    const file = /\nSummary written to:\n(youth-discloses-session-[0-9T-]+-room-[A-Z0-9]{6}\.md)\n\(in exports\/ in the state folder\n/;
    expect(ended).toMatch(file);
    const name = file.exec(ended)?.[1] as string;
    expect(existsSync(join(env.state, 'casa-practice', 'exports', name))).toBe(true);
    // Ctrl+C: the terminal sends the room SIGINT; it closes and names the summary the same way.
    await t.keys('C-c');
    const closed = await t.ended('Room closed.');
    expect(closed).toContain(`Room closed. Session summary written to:\n${name}\n(in exports/ in the state folder\n${env.state}/casa-practice)\n`);
    // As written (rows the terminal wrapped joined again): from the end of the session on, no line is longer than the row.
    const written = writtenLines(t);
    expect(written.slice(written.findIndex((l) => l.startsWith('Summary written to'))).filter((l) => [...l].length > 60)).toEqual([]);
    // room --resume of that ended room names the summary the same way (on stderr; the sentence ran on into the path, a full stop after it).
    t.restart(env, ['room', '--resume', '--host', '127.0.0.1']);
    const resumed = await t.ended('Start a new room with:');
    expect(resumed).toContain(`Its session summary is:\n${name}\n(in exports/ in the state folder\n${env.state}/casa-practice)\nStart a new room with:\n`);
  });

  it.skipIf(!CAN_READ_ONLY)(`with a read-only state folder${AS_ROOT ? ' (as uid 65534)' : ''} it says so in one line and plays on in memory${CAN_READ_ONLY ? '' : ' (skipped: as root, no setpriv, or uid 65534 cannot read this project folder)'}`, async ({ expect, onTestFinished }) => {
    const t = term(onTestFinished);
    const env = tempEnv();
    chmodSync(join(env.state, '..'), 0o755);
    chmodSync(env.home, 0o777);
    chmodSync(env.state, 0o555);
    t.start(env, 80, 24, [], AS_ROOT ? ['/usr/bin/setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] : []);
    let s = await t.waitFor((x) => x.includes('choose a scenario'), 'the picker');
    // (Read as one line: at 80 columns "(permission denied)" is broken across two rows.)
    const notice = s.replace(/\s+/g, ' ');
    expect(notice).toMatch(/will not be kept this run/);
    expect(notice).toMatch(/permission denied/);
    // And what to do: the folder to make writable (the one the state folder is to be made in), or another one.
    expect(notice).toContain(`To keep them, make ${env.state} writable, or start again with XDG_STATE_HOME set to a folder you can write.`);
    // No error code, error box or stack frame ("    at fn (file:line)"); titles may say " at " ("The rent at Vic's").
    expect(s).not.toMatch(/EACCES|ERROR|^\s+at .*(\(|:\d+:\d+)/m);
    expect(longest(s)).toBeLessThanOrEqual(80);
    await openFromPicker(t, TITLE, expect);
    await t.waitText('Content note');
    s = await press(t, 'Enter', 'the first decision');
    expect(s).toContain('What do you say or do?');
    s = await press(t, '1', 'feedback on the first reply');
    expect(s).toContain('Feedback on your reply');
    expect(s).not.toMatch(/EACCES|ERROR/);
    // Quitting says the playthrough will be lost, rather than promising a save.
    await t.keys('q');
    s = await t.waitText('Quit without saving?');
    expect(s).not.toContain('Continue later with');
    await t.keys('y');
    s = await t.ended('Progress could not be saved');
    expect(s.replace(/\s+/g, ' ')).toContain('so this playthrough was not kept.');
    expect(readdirSync(env.state)).toEqual([]);
  });
});
