import { useInput, useStdin, type Key } from 'ink';
import { createContext, useContext, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { actionOf, keysIn, type Action } from '../keys.js';
import { useKeysAllowed } from './useScreenSize.js';

/** A screen's key handler as the router holds it: replaced on every render, so never stale. */
interface KeyListener {
  handle: (input: string, key: Key) => void;
  active: boolean;
}

/** The screens' key handlers, in the order they were mounted (see useKeyRouter). */
const KeyRouterContext = createContext<Set<KeyListener> | undefined>(undefined);
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
export function useKeyRouter(): Set<KeyListener> {
  const { isRawModeSupported } = useStdin();
  const [listeners] = useState(() => new Set<KeyListener>());
  const [queue] = useState(() => keyQueue(listeners));
  useLayoutEffect(() => queue.stop, [queue]);
  useInput(queue.push, { isActive: isRawModeSupported === true });
  return listeners;
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
function keyQueue(listeners: Set<KeyListener>) {
  const deliver = (to: readonly KeyListener[], input: string, key: Key) => {
    for (const l of to) if (l.active && listeners.has(l)) l.handle(input, key);
  };
  const waiting: { to: KeyListener[]; input: string; key: Key }[] = [];
  let busy = false;
  let live = true;
  const next = () => setImmediate(() => setImmediate(() => {
    const k = live ? waiting.shift() : undefined;
    busy = k !== undefined;
    if (!k) return;
    deliver(k.to, k.input, k.key);
    next();
  }));
  return {
    push(input: string, key: Key) {
      if (keysIn(input).length > 1) return deliver([...listeners], input, key);
      if (busy) return void waiting.push({ to: [...listeners], input, key });
      busy = true;
      deliver([...listeners], input, key);
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
    // While the window is too small to show the screen, only Ctrl-C (save and leave) works.
    if (run && (allowed.current || actionOf(input, key)?.type === 'interrupt')) run();
  };
  const listening = active && isRawModeSupported === true;
  const [listener] = useState<KeyListener>(() => ({ handle, active: listening }));
  useLayoutEffect(() => {
    listener.handle = handle;
    listener.active = listening;
  });
  useLayoutEffect(() => {
    if (!router) return;
    router.add(listener);
    return () => {
      router.delete(listener);
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
export function useKeySplitter(): void {
  const { internal_eventEmitter: events, isRawModeSupported } = useStdin();
  const queue = useRef<string[]>([]);
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
        events.emit('input', key);
        if (queue.current.length > 0) next();
      }));
    };
    const onInput = (input: string) => {
      if (keysIn(input).length <= 1) return;
      // A double Enter in one chunk (a bounce, a held key) counts once: it never skips the screen
      // the first Enter brought up.
      const keys = keysIn(input).filter((k, i, all) => !(k === '\r' && all[i - 1] === '\r'));
      const idle = queue.current.length === 0;
      queue.current.push(...keys);
      if (idle) next();
    };
    events.on('input', onInput);
    return () => {
      events.off('input', onInput);
    };
  }, [events, isRawModeSupported]);
}
