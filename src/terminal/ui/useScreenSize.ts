import { useStdout } from 'ink';
import { createContext, useContext, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';

/**
 * Below this many columns or rows a screen cannot be drawn whole; the app asks for a larger window.
 * 60×24 is the smallest size every screen of every bundled scenario is proven to fit (fit.test
 * draws them all at this size): at 50 columns the longest decisions need 27 rows, and at 60
 * columns the longest need all 24 (23 and the row kept spare).
 */
export const MIN_COLUMNS = 60;
export const MIN_ROWS = 24;
/** Body text stops at this width on a wide terminal: long lines are hard to read. */
export const MAX_COLUMNS = 100;

/** The terminal's size now, and the width screens lay text out at. */
export interface ScreenSize {
  /** The terminal's own width. */
  terminalColumns: number;
  /** The width to lay out at: the terminal's, capped at MAX_COLUMNS. */
  columns: number;
  rows: number;
  /** True when the window is smaller than MIN_COLUMNS × MIN_ROWS. */
  tooSmall: boolean;
}

/** The width screens lay out at for the terminal's size as it is right now. */
export function layoutColumns(stdout: NodeJS.WriteStream): number {
  return sizeOf(stdout).columns;
}

function sizeOf(stdout: NodeJS.WriteStream): ScreenSize {
  const terminalColumns = stdout.columns || 80;
  const rows = stdout.rows || 24;
  return { terminalColumns, columns: Math.min(terminalColumns, MAX_COLUMNS), rows, tooSmall: terminalColumns < MIN_COLUMNS || rows < MIN_ROWS };
}

/**
 * The size the App (or a test's shell) read, shared with every screen below it, so that one resize
 * redraws once with every screen at the new size: each screen reading the size for itself made one
 * redraw per screen, the first ones laid out at the new width from the old size.
 */
export const ScreenSizeContext = createContext<ScreenSize | undefined>(undefined);

/**
 * The terminal's size, read again on every stdout 'resize' (Ink's useStdout gives the stream, not
 * its size, and nothing re-renders when the window changes). Every screen lays out from this: the
 * size ScreenSizeContext shares when there is one, else read here.
 */
export function useScreenSize(): ScreenSize {
  const shared = useContext(ScreenSizeContext);
  const own = useOwnScreenSize(shared === undefined);
  return shared ?? own;
}

/** The terminal's size, followed while `follow` is true. */
function useOwnScreenSize(follow: boolean): ScreenSize {
  const { stdout } = useStdout();
  const [size, setSize] = useState(() => sizeOf(stdout));
  useEffect(() => {
    if (!follow) return;
    const onResize = () => setSize((old) => {
      const now = sizeOf(stdout);
      return now.terminalColumns === old.terminalColumns && now.rows === old.rows ? old : now;
    });
    // Before Ink's own listener, so that Ink redraws the new layout, never the old one squeezed
    // into the new width (which the terminal would wrap into rows Ink cannot erase).
    stdout.prependListener('resize', onResize);
    // A resize between the first render and this effect is not missed.
    onResize();
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout, follow]);
  return size;
}

/** Whether keys reach the screen (false while the "make the window larger" notice covers it). */
export const KeysAllowedContext = createContext<RefObject<boolean>>({ current: true });

/** The ref useKeys reads before handing a key to a screen. */
export function useKeysAllowed(): RefObject<boolean> {
  return useContext(KeysAllowedContext);
}

/** A ref that follows a value, for KeysAllowedContext. */
export function useFollowingRef<T>(value: T): RefObject<T> {
  const ref = useRef(value);
  useLayoutEffect(() => {
    ref.current = value;
  }, [value]);
  return ref;
}
