import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render as inkRender } from 'ink';
import { render as testRender } from 'ink-testing-library';
import type { ReactElement } from 'react';
import chalk from 'chalk';
import { afterAll, beforeAll, vi } from 'vitest';
import { validateEntries } from '../../../src/terminal/catalog-validate.js';
import { listCatalog, type Listing } from '../../../src/terminal/node/catalog-files.js';
import { themeFor, type Theme } from '../../../src/terminal/theme.js';
import { App, type AppStart } from '../../../src/terminal/ui/App.js';
import { CHECKING_SAVES, RESUME_UNCHECKED_LINE } from '../../../src/terminal/ui/Picker.js';
import { loadPlayable, type PlayableScenario } from '../../../src/terminal/scenario-source.js';
import type { SessionMode } from '../../../src/machines/types.js';
// Ink's per-frame caches kept across frames (the same frames, less CPU): see the module.
import './ink-output-cache.js';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
export const SCENARIOS = join(FIXTURES, 'scenarios');

let phone: PlayableScenario | undefined;

/**
 * The small two-decision fixture scenario (fixtures/scenarios/new-phone.json), loaded as the app
 * loads a file: once per worker, then the same object, frozen (a test that changes it in place
 * throws there). The app keeps the result of validating a file only when it has no warning, and
 * this one has one: each call validated it again (facilitate.test calls it a hundred times), and
 * each new scenario object had the core compile its machine and analyses again.
 */
export function newPhone(): PlayableScenario {
  if (phone) return phone;
  const p = loadPlayable(join(SCENARIOS, 'new-phone.json'));
  if ('problems' in p) throw new Error(p.problems);
  return (phone = deepFreeze(p));
}

function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const v of Object.values(value)) deepFreeze(v);
  return value;
}

/** Keys as a terminal sends them. */
export const KEY = { enter: '\r', up: '\u001b[A', down: '\u001b[B', right: '\u001b[C', left: '\u001b[D', tab: '\t', ctrlC: '\u0003', backspace: '\u007f' };

/** Ink renders in debug mode here: every React commit writes one whole frame to stdout. */
interface FrameSink {
  write: (frame: string) => void;
  frames: string[];
}

// Who is waiting for the next frame of each output, keyed by its frames array.
const waiting = new WeakMap<string[], Set<() => void>>();

/** Makes `stdout` tell waiters about each frame, so tests wait for a render instead of sleeping. */
function observe<T extends FrameSink>(stdout: T): T {
  const waiters = new Set<() => void>();
  waiting.set(stdout.frames, waiters);
  const write = stdout.write;
  stdout.write = (frame: string) => {
    write(frame);
    for (const w of [...waiters]) w();
  };
  return stdout;
}

/** Resolves true once more than `count` frames exist, or false after `ms` (a safety net, not a sleep). */
function frameAfter(frames: string[], count: number, ms: number): Promise<boolean> {
  if (frames.length > count) return Promise.resolve(true);
  const waiters = waiting.get(frames);
  if (!waiters) throw new Error('frames not observed: render with renderApp or renderAt');
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      clearTimeout(timer);
      waiters.delete(check);
      resolve(ok);
    };
    const check = () => frames.length > count && done(true);
    const timer = setTimeout(() => done(false), ms);
    waiters.add(check);
  });
}

/**
 * One turn of the event loop. Ink uses React's legacy root: a key's update renders synchronously,
 * but passive effects (which attach the new screen's key handler, or set state again) run in a
 * task React's scheduler posts with setImmediate, queued before ours; nothing in the app uses
 * timers. No setTimeout here: a timer lets the process sleep, and on a loaded machine every
 * wake-up waits for a core.
 */
async function turn(): Promise<void> {
  await new Promise((r) => setImmediate(r));
}

/** What press() needs: the stdin to type into and the frames written so far. */
export interface Typable {
  stdin: { write: (s: string) => void };
  frames: string[];
}

/**
 * How long a key may take to redraw, or a screen to finish loading, before the test gives up. A key
 * that opens a scenario redraws only once it is loaded (the picker stays up meanwhile), and the
 * picker's files are checked after its first frame: on a fresh, loaded machine the modules these
 * import are compiled first. 5 s was a tenth of a test's own limit, and settle() then went on
 * quietly with "checking files…" still on screen (a delay of 6 s put into the check on purpose
 * failed five picker-save-standing cases, each on its next line).
 */
const REDRAW_LIMIT_MS = 30_000;

/**
 * Types keys one at a time, each of which must redraw the screen: waits for the new frame (from the
 * render itself, no fixed sleep), then until the app is idle. A key that redraws nothing within
 * REDRAW_LIMIT_MS fails the test; type such keys with tap().
 */
export async function press(r: Typable, ...keys: string[]): Promise<void> {
  for (const k of keys) {
    const before = r.frames.length;
    r.stdin.write(k);
    if (!(await frameAfter(r.frames, before, REDRAW_LIMIT_MS))) {
      throw new Error(`pressing ${JSON.stringify(k)} drew no new frame in ${REDRAW_LIMIT_MS} ms (use tap() for keys that change nothing); screen:\n${r.frames[r.frames.length - 1] ?? ''}`);
    }
    await settle(r);
  }
}

/**
 * Enter on a resumed playthrough's "Where you left off" until it goes on (Enter reads on to rows
 * below the window first: recap-read-on.test); fails when it is still there after 20 presses.
 */
export async function pastRecap(r: Typable & { lastFrame: () => string | undefined }): Promise<void> {
  await enterPast(r, 'Where you left off');
}

/**
 * Enter until the screen no longer shows `text`: on a screen taller than the window (a recap, a
 * scene, feedback, an ending) Enter reads on to the rows below first (enter-reads-on.test); fails
 * when it is still there after 20 presses.
 */
export async function enterPast(r: Typable & { lastFrame: () => string | undefined }, text: string): Promise<void> {
  for (let i = 0; i < 20 && (r.lastFrame() ?? '').includes(text); i++) await press(r, KEY.enter);
  if ((r.lastFrame() ?? '').includes(text)) throw new Error(`Enter did not go on from "${text}"; screen:\n${r.lastFrame() ?? ''}`);
}

/**
 * Types keys that may change nothing on screen (an unavailable reply, undo where there is none, a
 * key that only exits). Each waits until the app is idle; only for synchronous handlers, so not for
 * keys that load a screen. Returns whether any key drew a new frame.
 */
export async function tap(r: Typable, ...keys: string[]): Promise<boolean> {
  const before = r.frames.length;
  for (const k of keys) {
    r.stdin.write(k);
    await settle(r);
  }
  return r.frames.length > before;
}

/**
 * What a screen shows while something it started is still under way, and changes once it is done:
 * a lazy screen or the core loading, the picker's files being checked, and, after them, the
 * picker's check of the latest save (R's line claims nothing of the save until then, and the
 * "(saved)" marks may change). Without that line here, settle() went quiet in the moment between the
 * files checked and the save checked, and a test read R's line and the marks before they were
 * final (the save check imports the saves module first: slow on a loaded machine). Its words as
 * they wrap at any width.
 */
const BUSY = new RegExp(['Loading…', 'checking files…', CHECKING_SAVES, RESUME_UNCHECKED_LINE].map((line) => line.split(' ').map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+')).join('|'));

/** React's scheduler (the one Ink's reconciler runs its renders and effects on). */
const Scheduler = createRequire(import.meta.url)('scheduler') as { unstable_scheduleCallback(priority: number, callback: () => void): unknown; unstable_IdlePriority: number };

/**
 * Resolves once React's scheduler has run every task it holds of a higher priority than idle:
 * renders and passive effects (a screen's key handler attached, state set again after a frame).
 * The scheduler runs its work in slices of a few milliseconds, each in a task of its own, so on a
 * slow machine two turns of the event loop can pass in the middle of it with no new frame.
 */
function reactIdle(): Promise<void> {
  return new Promise((resolve) => {
    Scheduler.unstable_scheduleCallback(Scheduler.unstable_IdlePriority, () => resolve());
  });
}

/**
 * Waits until the app is idle: two event-loop turns with no new frame, and nothing still loading
 * (lazy screens, validation, the picker's save check: BUSY), for which it waits on the next frame;
 * still loading after REDRAW_LIMIT_MS, it fails the test with the screen, rather than letting the
 * test read a screen that was not done.
 */
export async function settle(r: Pick<Typable, 'frames'>): Promise<void> {
  const deadline = Date.now() + REDRAW_LIMIT_MS;
  for (let quiet = 0; quiet < 2;) {
    const seen = r.frames.length;
    await turn();
    if (r.frames.length !== seen) quiet = 0;
    else if (BUSY.test(r.frames[seen - 1] ?? '')) {
      if (!(await frameAfter(r.frames, seen, deadline - Date.now()))) {
        throw new Error(`the screen was still loading after ${REDRAW_LIMIT_MS} ms; screen:\n${r.frames[r.frames.length - 1] ?? ''}`);
      }
      quiet = 0;
    } else if (quiet === 1) {
      // Quiet for two turns: idle only if React holds no work either (else it draws again after).
      await reactIdle();
      if (r.frames.length !== seen) quiet = 0;
      else quiet++;
    } else quiet++;
  }
}

/**
 * An environment whose state directory is a fresh temp folder, with the order of replies fixed by
 * CASA_PRACTICE_SEED so every run shows the same (shuffled) order; pass `CASA_PRACTICE_SEED: ''`
 * for a random one.
 */
export function tempEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { XDG_STATE_HOME: mkdtempSync(join(tmpdir(), 's')), CASA_PRACTICE_SEED: '1', ...extra };
}

/** A fresh state folder (tempEnv) holding one save file `name` with `text` as written (damaged, a newer version's…): the env and its saves folder. */
export function envWithSaveFile(name: string, text: string): { env: NodeJS.ProcessEnv; saves: string } {
  const env = tempEnv();
  const saves = join(env.XDG_STATE_HOME as string, 'casa-practice', 'saves');
  mkdirSync(saves, { recursive: true });
  writeFileSync(join(saves, name), text);
  return { env, saves };
}

/**
 * A state folder with a save of the new-phone example at its first decision (opened, a reply made
 * and undone, then q and y: q saves nothing before a reply is made or undone in the run), for a
 * picker that offers to resume.
 */
export async function envWithSave(): Promise<NodeJS.ProcessEnv> {
  const env = tempEnv();
  const first = await renderApp(appElement({ env, start: { kind: 'play', playable: newPhone(), showNote: true } }).element);
  await press(first, KEY.enter, '1', 'u', 'q');
  // y saves and leaves (the test's exit draws nothing more).
  await tap(first, 'y');
  first.unmount();
  return env;
}

/**
 * The App with test services: state in `env`, exits recorded. The picker lists the scenario files in
 * `dir` and validates them after its first frame, as the app does; `catalog` gives it a listing
 * instead (e.g. one already validated, see validatedCatalog).
 */
export function appElement(opts: { start?: AppStart; mode?: SessionMode; env: NodeJS.ProcessEnv; theme?: Theme; dir?: string; catalog?: () => Listing }) {
  const exit = vi.fn<(message?: string, code?: number) => void>();
  // What the app would save if its window closed now (run-app calls it on a hang-up).
  const saver: { current?: () => string | undefined } = {};
  const element = (
    <App start={opts.start ?? { kind: 'picker' }} mode={opts.mode ?? 'practice'} loadCatalog={opts.catalog ?? (() => listCatalog(opts.dir ?? SCENARIOS))}
      services={{ env: opts.env, exit, setSaver: (save) => { saver.current = save; } }} theme={opts.theme ?? themeFor({ NO_COLOR: '1' })} />
  );
  return { element, exit, saver };
}

const validated = new Map<string, Listing>();

/**
 * The picker's listing of `dir` with every file already validated, as the app has it once
 * "checking files…" is done. Validated once per folder and process (about half a second for the
 * bundled scenarios), for tests about the picker's layout rather than its checking of files.
 */
export function validatedCatalog(dir: string): () => Listing {
  return () => {
    let listing = validated.get(dir);
    if (!listing) validated.set(dir, (listing = validateEntries(listCatalog(dir))));
    return { entries: [...listing.entries], leftOut: [...listing.leftOut] };
  };
}

/** Renders with ink-testing-library (100 columns) and waits for the first frame. */
export async function renderApp(element: ReactElement) {
  const r = testRender(element);
  observe(r.stdout);
  await settle(r);
  return r;
}

/** A TTY-like stdin, as ink-testing-library makes one. */
class FakeStdin extends EventEmitter {
  isTTY = true;
  data: string | null = null;
  write(data: string) {
    this.data = data;
    this.emit('readable');
    this.emit('data', data);
  }
  read() {
    const d = this.data;
    this.data = null;
    return d;
  }
  setEncoding() {}
  setRawMode() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
}

class NarrowStdout extends EventEmitter {
  frames: string[] = [];
  constructor(public columns: number, public rows = 24) {
    super();
  }
  write = (frame: string) => {
    this.frames.push(frame);
  };
}

/**
 * Renders at a given width and height (ink-testing-library is fixed at 100 columns); same stdin API,
 * and `resize`. `settled: false` returns at once, without waiting for the app to settle (for a test
 * that holds something back the screen says it is waiting for).
 */
export async function renderAt(element: ReactElement, columns: number, rows = 24, { settled = true } = {}) {
  const stdout = observe(new NarrowStdout(columns, rows));
  const stdin = new FakeStdin();
  const instance = inkRender(element, { stdout: stdout as never, stdin: stdin as never, stderr: new NarrowStdout(columns) as never, debug: true, exitOnCtrlC: false, patchConsole: false });
  if (settled) await settle(stdout);
  /** Changes the window's size as a terminal does (new size, then 'resize') and waits for the app to settle. */
  const resize = async (c: number, r: number) => {
    stdout.columns = c;
    stdout.rows = r;
    stdout.emit('resize');
    await settle(stdout);
  };
  return { stdin, lastFrame: () => stdout.frames[stdout.frames.length - 1] ?? '', frames: stdout.frames, rerender: instance.rerender, unmount: () => instance.unmount(), resize };
}

/**
 * Plays from the current screen to the debrief, reading the help line to know what to press:
 * Enter to go on, otherwise the first reply that is taken (`pick` says which to try first).
 */
export async function playToDebrief(r: Typable & { lastFrame: () => string | undefined }, pick = 1, limit = 80): Promise<void> {
  for (let i = 0; i < limit; i++) {
    const frame = r.lastFrame() ?? '';
    if (frame.includes('Debrief:')) return;
    if (/Enter(?: or q)?: (start|continue|see the debrief)/.test(frame)) {
      await press(r, KEY.enter);
      continue;
    }
    // A reply that is not available now only says so; choosing one is synchronous, so tap() can tell.
    for (const n of [pick, 1, 2, 3, 4, 5]) if (await tap(r, String(n)) && !/is not available now/.test(r.lastFrame() ?? '')) break;
  }
  throw new Error('did not reach the debrief');
}

/**
 * From how the story ended (the page a playthrough or trainer-led session opens on once it ends) on
 * to the debrief with Enter; throws when the frame is not that page.
 */
export async function throughEnding(r: Typable & { lastFrame: () => string | undefined }): Promise<string> {
  const frame = r.lastFrame() ?? '';
  if (!/: how it ended\n/.test(frame)) throw new Error(`not on the ending:\n${frame}`);
  await press(r, KEY.enter);
  return frame;
}

// Frames are plain text whatever the machine's environment: chalk (Ink's, the one instance) reads
// FORCE_COLOR as it loads, and a CI runner that sets it (GitHub's and others do, for their logs) had
// colour codes in every frame (93 tests failed with FORCE_COLOR=1). A file about colour asks for it.
chalk.level = 0;

/**
 * Colour support is none in these tests (above), as chalk detects for the test's pipes with no
 * FORCE_COLOR. Sets `level` for the calling file's tests, so they can see colour codes, and puts it
 * back after (the other files in this worker share the module).
 */
export function colourLevelForFile(level: typeof chalk.level): void {
  let before: typeof chalk.level;
  beforeAll(() => {
    before = chalk.level;
    chalk.level = level;
  });
  afterAll(() => {
    chalk.level = before;
  });
}

/** The scenario titles listed in a picker frame, in order. */
export function pickerTitles(frame: string): string[] {
  return [...frame.matchAll(/^\S?\s+\d+\. (.+?)\s{2,}\d+ min/gm)].map((m) => m[1] as string);
}

/** The app on its picker in a fresh state folder, and the titles it lists (at least two, for the open tests). */
export async function openPicker() {
  const { element } = appElement({ env: tempEnv() });
  const r = await renderApp(element);
  const list = pickerTitles(r.lastFrame() ?? '');
  if (list.length < 2) throw new Error(`the picker lists ${list.length} scenarios:\n${r.lastFrame() ?? ''}`);
  return { r, list };
}
