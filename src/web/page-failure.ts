import { useCallback, useState } from 'react';

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
