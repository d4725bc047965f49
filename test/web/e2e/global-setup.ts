import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { launchChromiumServer, serveBuiltApp } from '../helpers/browser.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const OUT = join(ROOT, 'dist-web');

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

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let t = 0;
  for (const e of readdirSync(path)) t = Math.max(t, newest(join(path, e)));
  return t;
}

/**
 * The e2e tests run against the BUILT web app (as a static host would serve it). Build it (about a
 * second) when it is missing or older than its sources. Runs only when an e2e test is selected.
 * The build runs outside vitest's environment: NODE_ENV=production (vitest's "test" would build
 * React's development bundle) and no VITEST variables (the config leaves plugins out under vitest).
 */
function build(): void {
  const sources = Math.max(...['src/web', 'src/machines', 'scenarios', 'index.html', 'vite.config.ts', 'package.json'].map((p) => newest(join(ROOT, p))));
  if (existsSync(join(OUT, 'index.html')) && newest(OUT) >= sources) return;
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && k !== 'TEST')) as NodeJS.ProcessEnv;
  env.NODE_ENV = 'production';
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--outDir', OUT, '--emptyOutDir', '--logLevel', 'warn'], { cwd: ROOT, env, stdio: 'inherit' });
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
