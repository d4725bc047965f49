import type { TestProject } from 'vitest/node';
import { buildWeb, webBuildIsStale } from '../../../scripts/build-if-changed.mjs';
import { serveBuiltApp } from '../helpers/browser.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The built app served (serveBuiltApp) for the whole e2e run, e.g. http://127.0.0.1:41234/ */
    e2eAppUrl: string;
  }
}

/**
 * The e2e tests run against the BUILT web app (as a static host would serve it): built here when it
 * is missing or older than its sources, as `npm start` does. Runs only when an e2e test is selected.
 */
function build(): void {
  if (webBuildIsStale()) buildWeb();
}

/**
 * Then, once for the whole e2e run: one static server of the build. Chromium is the worker's own
 * (connectChromium in test/web/helpers/browser.ts: one for all the parts of browser.test.ts, each
 * part opening its own contexts, fresh storage each).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  build();
  const app = await serveBuiltApp();
  project.provide('e2eAppUrl', app.url);
  return async () => {
    await app.close();
  };
}
