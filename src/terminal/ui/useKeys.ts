import { useInput, useStdin, type Key } from 'ink';
import { createContext, useContext, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { actionOf, keysIn, type Action } from '../keys.js';
import { useKeysAllowed } from './useScreenSize.js';

/** A screen's key handler as the router holds it: replaced on every render, so never stale. */
interface KeyListener {
  handle: (input: string, key: Key) => void;
  active: boolean;
  /** The arrival the screen was drawn after (see KeyClock): keys that came before it are not its. */
  since: number;
}

/**
 * When keys came, counted in inputs from the terminal. Keys pasted or sent together ("3⏎") come in
 * one input and useKeySplitter hands them over one by one, each after the last one's screen is
 * drawn: without this, the Enter of "3⏎" typed on the picker met the content note the 3 had just
 * opened and skipped it, and "⏎1" on the note answered a decision no one had seen. Each key keeps
 * the arrival of the input it came in, and a screen takes only keys that arrived after it was drawn.
 */
export interface KeyClock {
  /** Inputs received from the terminal so far (several keys in one input count once). */
  arrivals: number;
  /** The arrival of the key being replayed by useKeySplitter, while it is. */
  replaying?: number;
  /** The arrival of the key being handed to the screens now. */
  handling: number;
}

/** What the app's key router shares with the screens: their handlers and the clock. */
interface KeyRouter {
  listeners: Set<KeyListener>;
  clock: KeyClock;
}

/** The screens' key handlers, in the order they were mounted (see useKeyRouter). */
const KeyRouterContext = createContext<KeyRouter | undefined>(undefined);
export const KeyRouterProvider = KeyRouterContext.Provider;

/** A new clock for one app (give it to useKeySplitter and useKeyRouter). */
export function newKeyClock(): KeyClock {
  return { arrivals: 0, handling: 0 };
}

/**
 * One key listener for the whole app, handing each key to the screens mounted at that moment.
 * Ink attaches a useInput handler in an effect that runs after the frame is drawn, so a key typed
 * the moment a new screen appears (a paste, a script, a fast typist on a loaded machine) used to
 * reach the screen that had just gone: Enter on a content note just drawn opened the picker's
 * highlighted scenario. Screens here register in layout effects, which run as the frame is
 * committed, so the new screen is listening before any key can arrive. Mounted once, in App; give
 * its value to KeyRouterProvider.
 */
export function useKeyRouter(clock: KeyClock): KeyRouter {
  const { isRawModeSupported } = useStdin();
  const [router] = useState(() => ({ listeners: new Set<KeyListener>(), clock }));
  const [queue] = useState(() => keyQueue(router));
  useLayoutEffect(() => queue.stop, [queue]);
  useInput(queue.push, { isActive: isRawModeSupported === true });
  return router;
}

/**
 * Hands keys to the screens one at a time, each after the previous one's update has rendered. Ink
 * splits one chunk of input at its escape sequences and emits the parts in one go ("↓↓⏎" from a
 * paste, tmux send-keys or a fast typist over SSH is three keys in the same turn), while React
 * renders a key's update only after that turn: the later keys met handlers still holding the
 * screen as it was before the first, and Enter opened the scenario highlighted before the arrows
 * moved. A key that comes while one is being handled waits (two turns, as in useKeySplitter: the
 * new frame's effects have run by then), and then goes to the screens that were listening when
 * it came, with their handlers of now; a screen that appeared meanwhile does not get it, as it
 * would not have if the key had been handled at once. Several keys in one string are left to
 * useKeySplitter, which sends them back one by one.
 */
function keyQueue({ listeners, clock }: KeyRouter) {
  const deliver = (to: readonly KeyListener[], input: string, key: Key, at: number) => {
    clock.handling = at;
    for (const l of to) if (l.active && listeners.has(l)) l.handle(input, key);
  };
  const waiting: { to: KeyListener[]; input: string; key: Key; at: number }[] = [];
  let busy = false;
  let live = true;
  const next = () => setImmediate(() => setImmediate(() => {
    const k = live ? waiting.shift() : undefined;
    busy = k !== undefined;
    if (!k) return;
    deliver(k.to, k.input, k.key, k.at);
    next();
  }));
  return {
    push(input: string, key: Key) {
      const at = clock.replaying ?? clock.arrivals;
      if (keysIn(input).length > 1) return deliver([...listeners], input, key, at);
      if (busy) return void waiting.push({ to: [...listeners], input, key, at });
      busy = true;
      deliver([...listeners], input, key, at);
      next();
    },
    stop() {
      live = false;
      waiting.length = 0;
    },
  };
}

/**
 * Calls `onAction` for each key that means something. Without a raw-mode TTY, Ink's
 * isRawModeSupported is undefined rather than false, so the check is `=== true`. Input holding
 * several keys is left to useKeySplitter, which hands them back one at a time. Inside the app the
 * key router delivers the keys; a screen rendered on its own (in a test) listens through Ink.
 */
export function useKeys(onAction: (action: Action, input: string) => void, active = true): void {
  const { isRawModeSupported } = useStdin();
  const allowed = useKeysAllowed();
  const router = useContext(KeyRouterContext);
  const handle = (input: string, key: Key) => {
    if (keysIn(input).length > 1) return;
    const action = actionOf(input, key);
    // A key that arrived before this screen was drawn (the rest of "3⏎" that opened it) is not
    // for it; Ctrl-C always is.
    if (router && router.clock.handling <= listener.since && action?.type !== 'interrupt') return;
    // While the window is too small to show the screen, only Ctrl-C (save and leave) works.
    if (action && (allowed.current || action.type === 'interrupt')) onAction(action, input);
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
    return () => {
      router.listeners.delete(listener);
    };
  }, [router, listener]);
  useInput(handle, { isActive: router === undefined && listening });
}

/**
 * Keys that arrive together in one chunk (a paste, fast typing over SSH: "2\r", "12") reach Ink's
 * input listeners as one string. Mounted once at the top of the app, this splits such a chunk and
 * sends its keys back through Ink's own input channel one at a time, each after the previous one's
 * update has rendered and its effects have run (so every screen listens with its latest handler):
 * the Enter of "2\r" meets the feedback the 2 brought up, exactly as if typed slowly. Keys still
 * queued keep their order ahead of anything typed after them.
 */
export function useKeySplitter(clock: KeyClock): void {
  const { internal_eventEmitter: events, isRawModeSupported } = useStdin();
  const queue = useRef<{ key: string; at: number }[]>([]);
  const live = useRef(true);
  useLayoutEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);
  useEffect(() => {
    if (!events || isRawModeSupported !== true) return;
    const next = () => {
      // Two turns: React runs a render's passive effects (which attach the new handlers) in a task
      // it posts while committing, and the next key must come after them.
      setImmediate(() => setImmediate(() => {
        const key = queue.current.shift();
        if (key === undefined || !live.current) return;
        clock.replaying = key.at;
        try {
          events.emit('input', key.key);
        } finally {
          clock.replaying = undefined;
        }
        if (queue.current.length > 0) next();
      }));
    };
    const onInput = (input: string) => {
      if (clock.replaying !== undefined) return;
      // Every input from the terminal is one arrival (counted before the key router sees it: this
      // listener goes first).
      const at = ++clock.arrivals;
      if (keysIn(input).length <= 1) return;
      // A double Enter in one chunk (a bounce, a held key) counts once: it never skips the screen
      // the first Enter brought up.
      const keys = keysIn(input).filter((k, i, all) => !(k === '\r' && all[i - 1] === '\r'));
      const idle = queue.current.length === 0;
      queue.current.push(...keys.map((key) => ({ key, at })));
      if (idle) next();
    };
    events.prependListener('input', onInput);
    return () => {
      events.off('input', onInput);
    };
  }, [events, isRawModeSupported, clock]);
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
