import { createContext, use, useCallback, useLayoutEffect, useState } from 'react';

/**
 * Hands a failure of what a page loads on its own (the scenarios, the core: files that did not come,
 * offline or after an update of the app on its host) to the page's boundary (App's PageBoundary),
 * which says so in place of the page. Without it the page said "Loading…" or "Opening the
 * scenario…" for ever.
 */
export function useFailPage(): (error: unknown) => void {
  const [, setFailed] = useState<never>();
  return useCallback((error: unknown) => setFailed(() => {
    throw error;
  }), []);
}

/** How a page tells App it is still loading what it shows: `hold()` says so, and returns what ends that. */
export interface PageLoad {
  hold(): () => void;
}

export const PageLoadContext = createContext<PageLoad | undefined>(undefined);

/**
 * Says the page is still loading what it shows (its "Loading…" or "Opening the scenario…"), while
 * `loading` is true. App names a page opened from the navigation ("Now showing: Scenarios.") only
 * once it has loaded: a page that then failed to load was announced as shown, and its failure after
 * it. Still loading after a moment (App's LOADING_SAID_AFTER_MS), such a page is said to be
 * "Loading…", once, before it is named. Outside App (a page rendered alone in a test) it does nothing.
 */
export function usePageLoading(loading: boolean): void {
  const load = use(PageLoadContext);
  // A layout effect: held in the same commit as the page first appears, before App looks (its
  // passive effects run after every layout effect of that commit).
  useLayoutEffect(() => (loading && load ? load.hold() : undefined), [loading, load]);
}
