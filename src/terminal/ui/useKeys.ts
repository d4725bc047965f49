import { useInput, useStdin, type Key } from 'ink';
import { createContext, useContext, useLayoutEffect, useRef, useState } from 'react';
import { actionOf, keysIn, type Action } from '../keys.js';
import { useKeysAllowed } from './useScreenSize.js';

/** A screen's key handler as the router holds it: replaced on every render, so never stale. */
interface KeyListener {
  handle: (input: string, key: Key) => void;
  active: boolean;
  /** The arrival the screen was drawn after (see KeyClock): keys that came before it are not its. */
  since: number;
  /** A "Loading…" line keeping keys for the screen that comes (useHeldKeys), not a screen. */
  holds?: boolean;
}

/**
 * When keys came, counted in inputs from the terminal. Keys pasted or sent together ("3⏎") come in
 * one input, and the key router hands them on one by one, each after the last one's screen is
 * drawn: without this, the Enter of "3⏎" typed on the picker met the content note the 3 had just
 * opened and skipped it, and "⏎1" on the note answered a decision no one had seen. Each key keeps
 * the arrival of the input it came in, and a screen takes only keys that arrived after it was drawn.
 */
interface KeyClock {
  /** Inputs received from the terminal so far (several keys in one input count once). */
  arrivals: number;
  /** The arrival of the key the router is sending back through Ink, while it is. */
  replaying?: number;
  /** The arrival of the key being handed to the screens now. */
  handling: number;
}

/** A key typed while "Loading…" showed, kept for the screen that comes (see useHeldKeys). */
interface HeldKey {
  input: string;
  key: Key;
  /** The arrival it came in: keys typed together stay together when they are handed on. */
  at: number;
}

/** What the app's key router shares with the screens: their handlers and the clock. */
interface KeyRouter {
  listeners: Set<KeyListener>;
  clock: KeyClock;
  /** Keys typed while "Loading…" showed, in order (see useHeldKeys). */
  held: HeldKey[];
  /** Hands the held keys on, one after another, to the screen that has just started listening. */
  release: () => void;
}

/** The screens' key handlers, in the order they were mounted (see useKeyRouter). */
const KeyRouterContext = createContext<KeyRouter | undefined>(undefined);
export const KeyRouterProvider = KeyRouterContext.Provider;

/**
 * One key listener for the whole app, handing each key to the screens mounted at that moment.
 * Ink attaches a useInput handler in an effect that runs after the frame is drawn, so a key typed
 * the moment a new screen appears (a paste, a script, a fast typist on a loaded machine) used to
 * reach the screen that had just gone: Enter on a content note just drawn opened the picker's
 * highlighted scenario. Screens here register in layout effects, which run as the frame is
 * committed, so the new screen is listening before any key can arrive. Mounted once, in App; give
 * its value to KeyRouterProvider.
 */
export function useKeyRouter(): KeyRouter {
  const { isRawModeSupported, internal_eventEmitter: events } = useStdin();
  const [router] = useState<KeyRouter>(() => ({ listeners: new Set<KeyListener>(), clock: { arrivals: 0, handling: 0 }, held: [], release: () => undefined }));
  const [queue] = useState(() => keyQueue(router, (key) => events?.emit('input', key)));
  router.release = queue.release;
  useLayoutEffect(() => queue.stop, [queue]);
  useInput(queue.push, { isActive: isRawModeSupported === true });
  return router;
}

/**
 * Hands keys to the screens one at a time, in the order they came, each after the previous one's
 * update has rendered (two turns: the new frame's effects have run by then). Ink splits one chunk
 * of input at its escape sequences and emits the parts in one go ("↓↓⏎" from a paste, tmux
 * send-keys or a fast typist over SSH is three keys in the same turn), while React renders a key's
 * update only after that turn: the later keys met handlers still holding the screen as it was
 * before the first, and Enter opened the scenario highlighted before the arrows moved.
 *
 * A key that comes while one is being handled waits, and then goes to the screens that were
 * listening when it came, with their handlers of now; a screen that appeared meanwhile does not get
 * it, as it would not have if the key had been handled at once. Keys that come together in one
 * string ("2⏎", "12") wait in the same line: each is sent back through Ink's input channel (which
 * tells Enter and Tab from text) when its turn comes, so "2⏎" is the 2 and then the Enter on the
 * feedback it brought up, exactly as if typed slowly. (They had a queue of their own, and "12↓3"
 * sent as one input voted 3 before 12.) A double Enter in one string (a bounce, a held key) counts
 * once. Every key keeps the arrival of its input (KeyClock).
 */
function keyQueue(router: KeyRouter, replay: (key: string) => void) {
  const { listeners, clock } = router;
  const deliver = (to: readonly KeyListener[], input: string, key: Key, at: number) => {
    clock.handling = at;
    for (const l of to) if (l.active && listeners.has(l)) l.handle(input, key);
  };
  /** A held key (see useHeldKeys): handed on as if typed now, to the screens listening now. */
  type Released = { released: HeldKey };
  type Waiting = { to: KeyListener[]; input: string; key: Key; at: number } | { replay: string; at: number } | Released;
  const waiting: Waiting[] = [];
  let busy = false;
  let live = true;
  // The arrival a released key gets: one new arrival for the keys that came together.
  let releasedFrom: number | undefined;
  let releasedAt = 0;
  const handle = (k: Waiting) => {
    if ('released' in k) {
      if (k.released.at !== releasedFrom) {
        releasedFrom = k.released.at;
        releasedAt = ++clock.arrivals;
      }
      // To the screens (a "Loading…" still up beside one would keep it again), or back to "Loading…" when one came again.
      const screens = [...listeners].filter((l) => !l.holds);
      return deliver(screens.length > 0 ? screens : [...listeners], k.released.input, k.released.key, releasedAt);
    }
    if (!('replay' in k)) return deliver(k.to, k.input, k.key, k.at);
    clock.replaying = k.at;
    try {
      replay(k.replay);
    } finally {
      clock.replaying = undefined;
    }
  };
  const next = () => setImmediate(() => setImmediate(() => {
    const k = live ? waiting.shift() : undefined;
    busy = k !== undefined;
    if (!k) return;
    handle(k);
    next();
  }));
  const start = (k: Waiting) => {
    if (busy) return void waiting.push(k);
    busy = true;
    handle(k);
    next();
  };
  return {
    push(input: string, key: Key) {
      // A key sent back from a string of several: its turn, now.
      if (clock.replaying !== undefined) return deliver([...listeners], input, key, clock.replaying);
      const at = ++clock.arrivals;
      const keys = keysIn(input);
      if (keys.length <= 1) return start({ to: [...listeners], input, key, at });
      const [first, ...rest] = keys.filter((k, i, all) => !(k === '\r' && all[i - 1] === '\r'));
      start({ replay: first as string, at });
      waiting.push(...rest.map((k) => ({ replay: k, at })));
    },
    release() {
      if (!live || router.held.length === 0) return;
      waiting.push(...router.held.map((released) => ({ released })));
      router.held.length = 0;
      releasedFrom = undefined;
      // Not in this turn: the screen that asked is still being committed (its other listeners too).
      if (!busy) {
        busy = true;
        next();
      }
    },
    stop() {
      live = false;
      waiting.length = 0;
    },
  };
}

/**
 * For a screen that only says "Loading…" (the app's core or a screen's code is being read): the
 * keys typed meanwhile are kept and handed, in order, to the screen that comes, as if typed the
 * moment it was drawn (a terminal program that is busy reads its type-ahead once it is ready), so
 * a volunteer's quick `1` or `q` at start-up is not lost. They were dropped: nothing listened.
 * Keys that came together with the one that started the loading ("⏎1" on a content note) are
 * still not for the screen that comes, as everywhere (see KeyClock). Ctrl-C is not kept waiting
 * behind a load: `onInterrupt` runs at once.
 */
export function useHeldKeys(onInterrupt: () => void): void {
  const router = useContext(KeyRouterContext);
  const handle = (input: string, key: Key) => {
    if (!router || keysIn(input).length > 1 || router.clock.handling <= listener.since) return;
    if (actionOf(input, key)?.type === 'interrupt') return onInterrupt();
    router.held.push({ input, key, at: router.clock.handling });
  };
  const [listener] = useState<KeyListener>(() => ({ handle, active: true, since: 0, holds: true }));
  useLayoutEffect(() => {
    listener.handle = handle;
  });
  useLayoutEffect(() => {
    if (!router) return;
    listener.since = router.clock.arrivals;
    router.listeners.add(listener);
    return () => {
      router.listeners.delete(listener);
    };
  }, [router, listener]);
}

/**
 * Calls `onAction` for each key that means something. Without a raw-mode TTY, Ink's
 * isRawModeSupported is undefined rather than false, so the check is `=== true`. Input holding
 * several keys is left to the key router, which hands them back one at a time. Inside the app the
 * key router delivers the keys; a screen rendered on its own (in a test) listens through Ink.
 */
export function useKeys(onAction: (action: Action, input: string) => void, active = true): void {
  useKeyListener((input, key) => {
    const action = actionOf(input, key);
    return action ? () => onAction(action, input) : undefined;
  }, active);
}

/**
 * Every key as Ink gives it (text typed or pasted, one character at a time; Enter, Esc, Backspace
 * as flags), for a screen that takes a line of text, where "q" or "b" is a letter and not an
 * action. While the window is too small, only Ctrl-C comes through.
 */
export function useTyping(onKey: (input: string, key: Key) => void, active = true): void {
  useKeyListener((input, key) => () => onKey(input, key), active);
}

/**
 * A screen's key listener: `handlerOf` says what a key does (undefined when nothing). Keys come
 * through the app's key router, or through Ink for a screen rendered on its own (in a test).
 */
function useKeyListener(handlerOf: (input: string, key: Key) => (() => void) | undefined, active: boolean): void {
  const { isRawModeSupported } = useStdin();
  const allowed = useKeysAllowed();
  const router = useContext(KeyRouterContext);
  const handle = (input: string, key: Key) => {
    if (keysIn(input).length > 1) return;
    const run = handlerOf(input, key);
    const interrupt = actionOf(input, key)?.type === 'interrupt';
    // A key that arrived before this screen was drawn (the rest of "3⏎" that opened it) is not
    // for it; Ctrl-C always is.
    if (router && router.clock.handling <= listener.since && !interrupt) return;
    // While the window is too small to show the screen, only Ctrl-C (save and leave) works.
    if (run && (allowed.current || interrupt)) run();
  };
  const listening = active && isRawModeSupported === true;
  const [listener] = useState<KeyListener>(() => ({ handle, active: listening, since: 0 }));
  useLayoutEffect(() => {
    listener.handle = handle;
    listener.active = listening;
  });
  useLayoutEffect(() => {
    if (!router) return;
    listener.since = router.clock.arrivals;
    router.listeners.add(listener);
    // Keys typed while "Loading…" showed are this screen's, now that it listens.
    router.release();
    return () => {
      router.listeners.delete(listener);
    };
  }, [router, listener]);
  useInput(handle, { isActive: router === undefined && listening });
}

/**
 * For a screen that shows something new without being mounted again (the next decision): a check
 * that the key being handled arrived after `shown` was last drawn, so that keys sent together with
 * the one that brought it up ("⏎1" on a scene) do not answer it unseen. Always true for a screen
 * rendered on its own (no key router).
 */
export function useArrivedAfter(shown: unknown): () => boolean {
  const router = useContext(KeyRouterContext);
  const since = useRef(0);
  useLayoutEffect(() => {
    since.current = router?.clock.arrivals ?? 0;
  }, [shown, router]);
  return () => router === undefined || router.clock.handling > since.current;
}
