import type { PracticeClock } from '../machines/index.js';

/**
 * The part of the Web Locks API (navigator.locks) a practice turn uses: an exclusive lock by name,
 * held until the callback's promise settles, the wait given up when `signal` aborts.
 */
export interface TurnLocks {
  request(name: string, options: { signal?: AbortSignal }, callback: (lock: unknown) => Promise<void>): Promise<unknown>;
}

/** The browser's locks, or undefined where there are none (jsdom, an old browser, an insecure page). */
export function browserLocks(): TurnLocks | undefined {
  const locks = typeof navigator === 'undefined' ? undefined : (navigator as { locks?: TurnLocks }).locks;
  return locks && typeof locks.request === 'function' ? locks : undefined;
}

/** The lock of one save's practice time, by the save's name in localStorage (its store's prefix and key). */
export const turnLockName = (storedAs: string): string => `casa-practice/practice-time/${storedAs}`;

/**
 * The lock of the save under `key` in `store`: only a store in localStorage (one with a prefix) is
 * shared by a browser's windows; a store in memory (the tests', or the local store's own when the
 * browser refused localStorage: each tab's saves its own) needs none.
 */
export function turnLockOf(store: object, key: string): string | undefined {
  const { prefix, backing } = store as { prefix?: unknown; backing?: unknown };
  return typeof prefix === 'string' && backing !== 'memory' ? turnLockName(`${prefix}${key}`) : undefined;
}

export interface PracticeTurnOptions {
  /** The clock's idle limit (PRACTICE_IDLE_MS): a window left alone that long gives up its turn. */
  idleAfterMs: number;
  now?: () => number;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

/**
 * Who counts a save's practice time. Two windows of one save, both on the screen, both counted
 * their minutes (each up to the idle limit after its last input), and the save joined the two
 * (joinedActiveMs): a minute of the overlap counted twice. With the browser's locks, one window of
 * a save counts at a time: the one holding the save's lock. A window asks for it while it is shown,
 * off a break and used within the idle limit, and gives it up when hidden, on a break or left alone
 * that long; its clock counts only while it holds it. Getting the lock, or waiting for it, is no
 * input: a window that gets it after its own idle limit counts nothing (the clock's resume, not as
 * input). Without locks the clock counts whenever the window is shown and off a break, as before.
 */
export interface PracticeTurn {
  /** The window is shown and off a break (`true`: coming back counts as input), or no longer (`false`). */
  shown(on: boolean): void;
  /** A key, click, tap or mouse movement. */
  input(): void;
  /** The window stops counting for good (its session finished or stopped, or the page closed). */
  close(): void;
}

export function practiceTurn(clock: PracticeClock, locks: TurnLocks | undefined, name: string, shown: boolean, options: PracticeTurnOptions): PracticeTurn {
  const now = options.now ?? Date.now;
  const setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
  const clearTimer = options.clearTimer ?? ((t) => clearTimeout(t as ReturnType<typeof setTimeout>));
  const idle = options.idleAfterMs;
  let open = shown;
  let closed = false;
  let lastInput = now();
  // The lock held (its release), or the wait for it (its abort).
  let release: (() => void) | undefined;
  let waiting: AbortController | undefined;
  let timer: unknown;

  const stopTimer = () => {
    if (timer !== undefined) clearTimer(timer);
    timer = undefined;
  };
  // The turn given up (or the wait): the clock stops counting at `at`.
  const giveUp = (at: number) => {
    stopTimer();
    if (release) {
      clock.pause(at);
      const r = release;
      release = undefined;
      r();
    }
    waiting?.abort();
    waiting = undefined;
  };
  // Left alone: the turn goes at the idle limit after the last input (the clock counts to there).
  const armTimer = () => {
    stopTimer();
    const left = lastInput + idle - now();
    if (left <= 0) return giveUp(lastInput + idle);
    timer = setTimer(() => {
      timer = undefined;
      armTimer();
    }, left);
  };
  const ask = () => {
    if (!locks || closed || !open) return;
    // (The timer, when it is due, looks again at the last input: not set anew at every mouse movement.)
    if (timer === undefined) armTimer();
    if (release || waiting) return;
    const wait = new AbortController();
    waiting = wait;
    locks.request(name, { signal: wait.signal }, () => {
      if (waiting !== wait) return Promise.resolve();
      waiting = undefined;
      const at = now();
      if (closed || !open || at >= lastInput + idle) {
        stopTimer();
        return Promise.resolve();
      }
      clock.resume(at, false);
      return new Promise<void>((resolve) => {
        release = resolve;
      });
    }).catch(() => {
      // The wait given up (aborted): nothing to do.
    });
  };

  if (!locks) {
    return {
      shown(on) {
        if (closed) return;
        open = on;
        if (on) clock.resume(now());
        else clock.pause(now());
      },
      input() {
        clock.input(now());
      },
      close() {
        closed = true;
      },
    };
  }
  clock.pause(now());
  ask();
  return {
    shown(on) {
      if (closed || on === open) return;
      open = on;
      const at = now();
      if (on) {
        // Coming back is input, as a break that ends is: counted once this window has the turn.
        lastInput = at;
        clock.input(at);
        ask();
      } else {
        giveUp(at);
        clock.pause(at);
      }
    },
    input() {
      const at = now();
      lastInput = Math.max(lastInput, at);
      clock.input(at);
      ask();
    },
    close() {
      if (closed) return;
      closed = true;
      giveUp(now());
      clock.pause(now());
    },
  };
}
