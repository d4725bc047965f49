// @vitest-environment jsdom
import { act, cleanup, screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { practiceClock, PRACTICE_IDLE_MS } from '../../src/machines/index.js';
import { localStore } from '../../src/web/adapters/local-store.js';
import { practiceTurn, turnLockName, turnLockOf, type TurnLocks } from '../../src/web/practice-turn.js';
import { memoryStore } from '../../src/machines/light.js';
import { renderApp, replyKey } from './helpers.js';

afterEach(cleanup);

const MIN = 60_000;

/**
 * Exclusive locks by name as the browser's navigator.locks keeps them: granted in the order asked,
 * a callback called later (never at once, as in the browser), the lock held until its promise
 * settles, a wait given up when its signal aborts.
 */
function fakeLocks() {
  const holders = new Set<string>();
  const queues = new Map<string, Array<() => void>>();
  const next = (name: string) => {
    holders.delete(name);
    queues.get(name)?.shift()?.();
  };
  let grants = 0;
  const locks: TurnLocks & { held(name: string): boolean; grants(): number; hold(name: string): Promise<() => void> } = {
    request(name, { signal }, callback) {
      return new Promise((resolve, reject) => {
        const grant = () => {
          holders.add(name);
          grants += 1;
          void Promise.resolve().then(() => callback({ name })).then((v) => {
            next(name);
            resolve(v);
          }, (e: unknown) => {
            next(name);
            reject(e instanceof Error ? e : new Error(String(e)));
          });
        };
        const queue = queues.get(name) ?? [];
        queues.set(name, queue);
        if (!holders.has(name) && queue.length === 0) return grant();
        queue.push(grant);
        signal?.addEventListener('abort', () => {
          const at = queue.indexOf(grant);
          if (at < 0) return;
          queue.splice(at, 1);
          reject(new DOMException('The request was aborted.', 'AbortError'));
        });
      });
    },
    held: (name) => holders.has(name),
    grants: () => grants,
    // Another window's turn: held from when it is granted until the function it gives is called.
    hold: (name) => new Promise((granted) => void locks.request(name, {}, () => new Promise<void>((release) => granted(release)))),
  };
  return locks;
}

/** Two windows of one save, each a clock and its turn on `locks` (or none), on fake timers from time 0. */
function twoWindows(locks: TurnLocks | undefined, { late = false } = {}) {
  vi.useFakeTimers({ now: 0 });
  // `late`: the windows' idle timers never come (a laptop asleep, a browser holding timers back).
  const timers = late ? { setTimer: () => 0, clearTimer: () => undefined } : {};
  const window = () => {
    const clock = practiceClock(Date.now(), 0, false, { idleAfterMs: PRACTICE_IDLE_MS });
    return { clock, turn: practiceTurn(clock, locks, turnLockName('casa-practice/saves/s.json'), true, { idleAfterMs: PRACTICE_IDLE_MS, ...timers }) };
  };
  return { a: window(), b: window() };
}
/** Time goes on `ms`, timers due meanwhile fired and the locks' callbacks run. */
const later = (ms: number) => vi.advanceTimersByTimeAsync(ms);

describe('practice turns: two windows of one save count one at a time (navigator.locks)', () => {
  afterEach(() => void vi.useRealTimers());

  it('both on the screen and both used: only the window with the turn counts; the other takes it on when that one is hidden', async () => {
    const locks = fakeLocks();
    const { a, b } = twoWindows(locks);
    await later(0);
    expect(locks.held(turnLockName('casa-practice/saves/s.json'))).toBe(true);
    // Twenty minutes, each window used every minute (the volunteer moves between them).
    for (let m = 1; m <= 20; m++) {
      await later(MIN);
      a.turn.input();
      b.turn.input();
    }
    expect(a.clock.activeMs(Date.now()) + b.clock.activeMs(Date.now())).toBe(20 * MIN);
    // A is hidden: B counts from there.
    a.turn.shown(false);
    await later(5 * MIN);
    expect(a.clock.activeMs(Date.now())).toBe(20 * MIN);
    expect(b.clock.activeMs(Date.now())).toBe(5 * MIN);
  });

  it('a window left alone gives up its turn at the idle limit; the other, used meanwhile, counts on from there (no minute twice, none lost)', async () => {
    const locks = fakeLocks();
    const { a, b } = twoWindows(locks);
    await later(0);
    // B is used at 8 minutes; A is left alone from its opening.
    await later(8 * MIN);
    b.turn.input();
    await later(22 * MIN);
    // A counted its 10 minutes, B the 8 after (to its own limit, 10 after its input): 18 minutes, all the time either was in use.
    expect(a.clock.activeMs(Date.now())).toBe(10 * MIN);
    expect(b.clock.activeMs(Date.now())).toBe(8 * MIN);
    expect(locks.held(turnLockName('casa-practice/saves/s.json'))).toBe(false);
  });

  it('getting the turn is no input: the waiting window counts only to the idle limit of its own last input', async () => {
    const locks = fakeLocks();
    const { a, b } = twoWindows(locks);
    await later(5 * MIN);
    a.turn.input();
    b.turn.input();
    // A is hidden at 8 minutes: B gets the turn, and counts to 15 (10 after its input at 5), not to 18.
    await later(3 * MIN);
    a.turn.shown(false);
    await later(22 * MIN);
    expect(b.clock.activeMs(Date.now())).toBe(7 * MIN);
    expect(a.clock.activeMs(Date.now())).toBe(8 * MIN);
    // Used again at 30: it asks again, and counts on.
    b.turn.input();
    await later(2 * MIN);
    expect(b.clock.activeMs(Date.now())).toBe(9 * MIN);
  });

  it('getting the turn is no input even when the idle timer is late: the clock itself counts only to the idle limit of the last input', async () => {
    const locks = fakeLocks();
    const { a, b } = twoWindows(locks, { late: true });
    await later(5 * MIN);
    b.turn.input();
    // A, left alone, keeps its turn (its timer late) until it is hidden at 12 minutes: B gets it, and
    // counts to 15 (10 after its last input), not on to 22.
    await later(7 * MIN);
    a.turn.shown(false);
    await later(10 * MIN);
    expect(b.clock.activeMs(Date.now())).toBe(3 * MIN);
    expect(a.clock.activeMs(Date.now())).toBe(10 * MIN);
  });

  it('a window that stops for good (finished, or another went on) lets the next count at once', async () => {
    const locks = fakeLocks();
    const { a, b } = twoWindows(locks);
    await later(MIN);
    a.turn.close();
    await later(2 * MIN);
    expect(a.clock.activeMs(Date.now())).toBe(MIN);
    expect(b.clock.activeMs(Date.now())).toBe(2 * MIN);
  });

  it('without locks (jsdom, an old browser) each window counts as before', async () => {
    const { a, b } = twoWindows(undefined);
    await later(5 * MIN);
    a.turn.shown(false);
    await later(5 * MIN);
    a.turn.shown(true);
    await later(MIN);
    expect(a.clock.activeMs(Date.now())).toBe(6 * MIN);
    expect(b.clock.activeMs(Date.now())).toBe(10 * MIN);
  });
});

describe('which saves take turns', () => {
  it('a save in localStorage has a lock by its name there; a save in memory (storage refused: each tab its own) none', () => {
    expect(turnLockOf(localStore(), 'saves/a.json')).toBe(turnLockName('casa-practice/saves/a.json'));
    expect(turnLockOf(localStore({ prefix: 'other/' }), 'saves/a.json')).toBe(turnLockName('other/saves/a.json'));
    expect(turnLockOf(localStore({ storage: () => { throw new Error('refused'); } }), 'saves/a.json')).toBeUndefined();
    expect(turnLockOf(memoryStore(), 'saves/a.json')).toBeUndefined();
  });
});

describe('the play page takes its turn to count', () => {
  it('while another window of the save holds the turn, this one counts nothing; it counts from when that window lets go', async () => {
    const locks = fakeLocks();
    Object.defineProperty(navigator, 'locks', { value: locks, configurable: true });
    vi.useFakeTimers({ toFake: ['Date'], now: Date.parse('2026-01-05T10:00:00Z') });
    window.localStorage.clear();
    try {
      const store = localStore();
      const name = `${store.prefix}saves/youth-discloses.json`;
      // The other window, opened first, has the turn.
      const letGo = await locks.hold(turnLockName(name));
      const t0 = Date.now();
      const user = userEvent.setup();
      renderApp('#/play/youth-discloses', store);
      await screen.findByRole('group', { name: /./ });
      await replyKey(user, '1');
      // Five minutes with both windows on the screen; then the other is hidden and lets go.
      vi.setSystemTime(t0 + 5 * MIN);
      letGo();
      await waitFor(() => expect(locks.grants()).toBe(2));
      // Three minutes more here, then this tab is hidden: it saves its time, three minutes.
      vi.setSystemTime(t0 + 8 * MIN);
      Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
      act(() => void document.dispatchEvent(new Event('visibilitychange')));
      expect((JSON.parse(window.localStorage.getItem(name) ?? '{}') as { activeMs?: number }).activeMs).toBe(3 * MIN);
      // Hidden, it gave up its turn.
      await waitFor(() => expect(locks.held(turnLockName(name))).toBe(false));
    } finally {
      vi.useRealTimers();
      delete (navigator as { locks?: unknown }).locks;
      delete (document as { visibilityState?: unknown }).visibilityState;
      window.localStorage.clear();
    }
  });
});
