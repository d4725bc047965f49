import { useInput, useStdin } from 'ink';
import { useEffect, useLayoutEffect, useRef } from 'react';
import { actionOf, keysIn, type Action } from '../keys.js';
import { useKeysAllowed } from './useScreenSize.js';

/**
 * Calls `onAction` for each key that means something. Without a raw-mode TTY, Ink's
 * isRawModeSupported is undefined rather than false, so the check is `=== true`. Input holding
 * several keys is left to useKeySplitter, which hands them back one at a time.
 */
export function useKeys(onAction: (action: Action, input: string) => void, active = true): void {
  const { isRawModeSupported } = useStdin();
  const allowed = useKeysAllowed();
  useInput((input, key) => {
    if (keysIn(input).length > 1) return;
    const action = actionOf(input, key);
    // While the window is too small to show the screen, only Ctrl-C (save and leave) works.
    if (action && (allowed.current || action.type === 'interrupt')) onAction(action, input);
  }, { isActive: active && isRawModeSupported === true });
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
      const keys = keysIn(input);
      if (keys.length <= 1) return;
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
