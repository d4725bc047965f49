import { EventEmitter } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render as inkRender } from 'ink';
import { render as testRender } from 'ink-testing-library';
import type { ReactElement } from 'react';
import { vi } from 'vitest';
import { listCatalog } from '../../../src/terminal/node/catalog-files.js';
import { themeFor, type Theme } from '../../../src/terminal/theme.js';
import { App, type AppStart } from '../../../src/terminal/ui/App.js';
import type { SessionMode } from '../../../src/machines/types.js';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
export const SCENARIOS = join(FIXTURES, 'scenarios');

/** Keys as a terminal sends them. */
export const KEY = { enter: '\r', up: '\u001b[A', down: '\u001b[B', right: '\u001b[C', left: '\u001b[D', tab: '\t', ctrlC: '\u0003', backspace: '\u007f' };

/** Lets React 19 and Ink flush after a keystroke. */
export async function tick(): Promise<void> {
  await new Promise((r) => setImmediate(r));
  await new Promise((r) => setTimeout(r, 20));
}

/** What press() needs: the stdin to type into and the frames written so far. */
export interface Typable {
  stdin: { write: (s: string) => void };
  frames: string[];
}

/**
 * Types keys one at a time. After each, waits until a new frame arrives and the output settles
 * (or 400 ms pass for keys that change nothing), so a slow machine never reads a stale frame.
 */
export async function press(r: Typable, ...keys: string[]): Promise<void> {
  for (const k of keys) {
    const before = r.frames.length;
    r.stdin.write(k);
    const deadline = Date.now() + 400;
    await tick();
    while (r.frames.length === before && Date.now() < deadline) await new Promise((res) => setTimeout(res, 5));
    await settle(r);
  }
}

const BUSY = /Loading…|checking files…/;

/** Waits until no new frame arrives for a tick and nothing is still loading (lazy screens, validation). */
export async function settle(r: Pick<Typable, 'frames'>): Promise<void> {
  const deadline = Date.now() + 5000;
  let seen = -1;
  while (seen !== r.frames.length || (BUSY.test(r.frames[r.frames.length - 1] ?? '') && Date.now() < deadline)) {
    seen = r.frames.length;
    await tick();
  }
}

/**
 * An environment whose state directory is a fresh temp folder, with the order of replies fixed by
 * CASA_PRACTICE_SEED so every run shows the same (shuffled) order; pass `CASA_PRACTICE_SEED: ''`
 * for a random one.
 */
export function tempEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { XDG_STATE_HOME: mkdtempSync(join(tmpdir(), 'casa-term-')), CASA_PRACTICE_SEED: '1', ...extra };
}

/** The App with test services: state in `env`, exits recorded. */
export function appElement(opts: { start?: AppStart; mode?: SessionMode; env: NodeJS.ProcessEnv; theme?: Theme; dir?: string }) {
  const exit = vi.fn<(message?: string) => void>();
  const element = (
    <App start={opts.start ?? { kind: 'picker' }} mode={opts.mode ?? 'practice'} loadCatalog={() => listCatalog(opts.dir ?? SCENARIOS)}
      services={{ env: opts.env, exit, setSaver: () => undefined }} theme={opts.theme ?? themeFor({ NO_COLOR: '1' })} />
  );
  return { element, exit };
}

/** Renders with ink-testing-library (100 columns) and waits for the first frame. */
export async function renderApp(element: ReactElement) {
  const r = testRender(element);
  await tick();
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
  constructor(readonly columns: number, readonly rows = 24) {
    super();
  }
  write = (frame: string) => {
    this.frames.push(frame);
  };
}

/** Renders at a given width and height (ink-testing-library is fixed at 100 columns); same stdin API. */
export async function renderAt(element: ReactElement, columns: number, rows = 24) {
  const stdout = new NarrowStdout(columns, rows);
  const stdin = new FakeStdin();
  const instance = inkRender(element, { stdout: stdout as never, stdin: stdin as never, stderr: new NarrowStdout(columns) as never, debug: true, exitOnCtrlC: false, patchConsole: false });
  await tick();
  await settle(stdout);
  return { stdin, lastFrame: () => stdout.frames[stdout.frames.length - 1] ?? '', frames: stdout.frames, unmount: () => instance.unmount() };
}

/**
 * Plays from the current screen to the debrief, reading the help line to know what to press:
 * Enter to go on, otherwise the first reply that is taken (`pick` says which to try first).
 */
export async function playToDebrief(r: Typable & { lastFrame: () => string | undefined }, pick = 1, limit = 80): Promise<void> {
  for (let i = 0; i < limit; i++) {
    const frame = r.lastFrame() ?? '';
    if (frame.includes('Debrief:')) return;
    if (/Enter: (start|continue|see the debrief)/.test(frame)) {
      await press(r, KEY.enter);
      continue;
    }
    const before = frame;
    for (const n of [pick, 1, 2, 3, 4, 5]) {
      await press(r, String(n));
      if (r.lastFrame() !== before) break;
    }
  }
  throw new Error('did not reach the debrief');
}
