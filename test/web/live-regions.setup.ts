import { afterEach, beforeEach, expect } from 'vitest';
import { watchNestedLiveRegions } from './helpers/live-regions.js';

// For every jsdom test of the web app (vite.config.ts: the 'web' and 'own' projects' setupFiles): no live
// region is rendered inside another, in any page or state a test brings up, from its first render
// to its last change (an alert inside a polite region may be read twice). The e2e tests check the
// same in Chromium each time they run axe (helpers/browser.ts, runAxe), the voter page too.
let watch: ReturnType<typeof watchNestedLiveRegions> | undefined;

beforeEach(() => {
  // Files of the 'own' project without a page (run under Node) have no document to watch.
  if (typeof document !== 'undefined') watch = watchNestedLiveRegions();
});

afterEach(() => {
  const found = watch?.stop() ?? [];
  watch = undefined;
  expect(found, 'a live region rendered inside another live region').toEqual([]);
});
