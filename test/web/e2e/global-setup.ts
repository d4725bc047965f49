import type { TestProject } from 'vitest/node';
import { buildWeb, webBuildIsStale } from '../../../scripts/build-if-changed.mjs';
import { launchChromiumServer, serveBuiltApp } from '../helpers/browser.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The built app served (serveBuiltApp) for the whole e2e run, e.g. http://127.0.0.1:41234/ */
    e2eAppUrl: string;
    /** Playwright's endpoint of the one Chromium of the e2e run (ws://127.0.0.1:…/<random path>), or "" … */
    e2eBrowserEndpoint: string;
    /** … and why it could not start (a file that needs it fails with this; the others run). */
    e2eBrowserProblem: string;
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
 * Then, once for the whole e2e run: one static server of the build and one Chromium (a Playwright
 * browser server on 127.0.0.1). Each test file connects to that Chromium and opens its own contexts
 * (fresh storage each); launching Chromium and starting a server per file cost more than
 * the tests of most files.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  build();
  const [app, chromium] = await Promise.all([serveBuiltApp(), launchChromiumServer().catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))))]);
  project.provide('e2eAppUrl', app.url);
  project.provide('e2eBrowserEndpoint', chromium instanceof Error ? '' : chromium.wsEndpoint());
  project.provide('e2eBrowserProblem', chromium instanceof Error ? chromium.message : '');
  return async () => {
    if (!(chromium instanceof Error)) await chromium.close();
    await app.close();
  };
}
