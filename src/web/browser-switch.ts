import { useSyncExternalStore } from 'react';

/** An on/off choice this browser keeps (on unless turned off), read, set, and followed by components. */
export interface BrowserSwitch {
  /** Whether it is on (on unless turned off). */
  on(): boolean;
  /** Turns it on or off, for every page and tab of the app in this browser. */
  set(on: boolean): void;
  /** Whether it is on, kept up to date (changed here or in another tab or window of the app). */
  useOn(): boolean;
}

/**
 * A switch kept in localStorage under `key` ("off" when off, nothing when on), so the choice holds
 * for every page and tab of the app in this browser until it is changed; when the browser refuses
 * storage, the choice lasts as long as the page. The presenter pages' single-key shortcuts and the
 * play page's reply keys (WCAG 2.1.4: single-character shortcuts can be turned off) are two.
 */
export function browserSwitch(key: string): BrowserSwitch {
  let inMemory = true;
  const listeners = new Set<() => void>();
  const on = (): boolean => {
    try {
      return window.localStorage.getItem(key) !== 'off';
    } catch {
      return inMemory;
    }
  };
  const set = (value: boolean): void => {
    inMemory = value;
    try {
      if (value) window.localStorage.removeItem(key);
      else window.localStorage.setItem(key, 'off');
    } catch {
      // Storage refused: the choice lasts as long as this page.
    }
    for (const l of listeners) l();
  };
  const subscribe = (listener: () => void): (() => void) => {
    listeners.add(listener);
    // Changed in another tab or window of the app.
    const onStorage = (e: StorageEvent) => {
      if (e.key === key || e.key === null) listener();
    };
    window.addEventListener('storage', onStorage);
    return () => {
      listeners.delete(listener);
      window.removeEventListener('storage', onStorage);
    };
  };
  function useOn(): boolean {
    return useSyncExternalStore(subscribe, on, () => true);
  }
  return { on, set, useOn };
}
