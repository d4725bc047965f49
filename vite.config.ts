import react from '@vitejs/plugin-react';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { defineConfig, type Plugin } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { CHUNK_LIST } from './scripts/build-if-changed.mjs';
import { buildPlugin, sharedIdsAtBuild } from './scripts/shared-ids-plugin.js';
import { serviceWorkerSource } from './src/web/service-worker.js';

const ALL = ['test/**/*.test.ts', 'test/**/*.test.tsx'];
// Files that mock a module need a module graph of their own (in a shared worker, state-store-stuck's
// failing rename reached the files after it: untrusted-state hung): validate-unreadable,
// state-store-stuck and others mock node:fs, open-race the terminal's saves, ink-wrap-measure
// string-width (counting calls). A dependency handed in instead lets a file share a worker: the web
// app's pages read their scenario list through readScenariosWith (test/web/helpers.tsx
// scenariosReadBy), and recap-views counts the core's views through resumeRecap's viewOf.
// test/test-config.test.ts fails when a file that mocks a module is not in this list.
const OWN_MODULES = [
  'test/terminal/validate-unreadable.test.ts',
  'test/terminal/state-store-stuck.test.ts',
  'test/terminal/ink-wrap-measure.test.ts',
  'test/terminal/open-race.test.tsx',
  'test/terminal/unwritable-saves.test.tsx',
  'test/terminal/picker-notices.test.tsx',
  // mocks the saves module to hold the picker check of the saves back (marks-57)
  'test/terminal/picker-save-marks.test.tsx',
  'test/terminal/records-xapi-unwritable.test.ts',
  'test/terminal/quit-save-refused.test.tsx',
  // mocks node:fs to refuse reading and moving a save (term-55)
  'test/terminal/resume-unusable.test.tsx',
  'test/web/scene-heading-agreement.test.tsx',
  // Mocks nothing, but looks at the first render of a page before its code (React.lazy) has come:
  // in a worker shared with other files, the code of that page may already be loaded (CI failed on it).
  'test/web/page-failure.test.tsx',
  // mocks node:fs to refuse writes into one folder (term-49); in a shared worker the real module was
  // already loaded, and its refusals reached the files after it (a full run failed five of its tests and
  // the export test after it).
  'test/terminal/quit-unwritable-start.test.tsx',
  // mocks node:fs to refuse writes into one folder, as the file above does (term3-49)
  'test/terminal/kept-room-unwritable.test.tsx',
  // mocks node:fs and node:fs/promises to refuse writes under the state folder of a live room (trainer-50):
  // in a shared worker the real modules were loaded already, and a full run failed three of its tests
  'test/terminal/room-unwritable.test.ts',
  // mocks node:fs/promises to cut a room save off part way (room-55)
  'test/terminal/room-log.test.ts',
  // mocks node:fs to refuse writes into the state folder while a trainer-led session stops (trainer-52)
  'test/terminal/facilitate-refused-one-summary.test.tsx',
  // mocks node:fs to refuse writes into the state folder of a finished session opened again (term-60)
  'test/terminal/facilitate-export-refused.test.tsx',
  'test/terminal/facilitate-export-readonly.test.tsx',
  // mocks xstate to count the steps a replay of the playthrough takes (term-52): plain play once
  // replayed from the start at every scene
  'test/terminal/plain-scene-numbers.test.ts',
  // mocks xstate to count the steps a replay of the playthrough takes (scenes-52): trainer-led line
  // by line, the full-screen play and trainer screens and the web play page once replayed from the
  // start at every scene
  'test/terminal/facilitate-plain-scene-numbers.test.ts',
  'test/terminal/play-screen-scene-numbers.test.tsx',
  'test/terminal/facilitate-screen-scene-numbers.test.tsx',
  'test/web/session-scene-numbers.test.tsx',
  // mocks xstate to count the steps a replay of the playthrough takes (perf-53): presenter mode once
  // replayed from the start at every step for its scene number, introductions and who is who
  'test/web/presenter-trail.test.tsx',
  // mocks xstate to count the steps a replay of the playthrough takes (room-53): the live room once
  // replayed from the start at every step for its scene number, introductions, who is who and setup
  'test/machines/room-trail.test.ts',
  // mocks node:fs/promises to refuse every other save of a live room (term-52)
  'test/terminal/room-flapping.test.ts',
];
// The web app's component tests run under jsdom, each file with a fresh DOM.
const WEB_COMPONENTS = ['test/web/**/*.test.tsx'];

// The built web app's Content-Security-Policy: scripts, styles, fonts and requests from the page's
// own origin only (no inline script, no CDN, no analytics). The dev server leaves it out: its
// React refresh preamble is an inline script.
const CSP = [
  "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data: blob:", "font-src 'self'",
  "connect-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'none'", "frame-src 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'casa-practice-csp',
    apply: 'build',
    transformIndexHtml: (html) => html.replace('<meta charset="utf-8" />', `<meta charset="utf-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`),
  };
}
/** Writes sw.js with every file of the build, so the app works offline once loaded (src/web/service-worker.ts). */
function serviceWorker(): Plugin {
  return {
    name: 'casa-practice-service-worker',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle).filter((f) => f !== 'index.html' && !f.startsWith('voter/')).sort();
      const version = createHash('sha256').update(files.join('\n')).digest('hex').slice(0, 12);
      this.emitFile({ type: 'asset', fileName: 'sw.js', source: serviceWorkerSource(['index.html', ...files], version) });
    },
  };
}

/**
 * Writes the list of the build's chunks, each with the chunks it imports and the source modules in
 * it, for test/web/first-page.test.ts to check what the first page loads in the build that is
 * served (instead of building the app again to look).
 */
function chunkList(): Plugin {
  return buildPlugin('casa-practice-chunk-list', (rootOf) => ({
    writeBundle(_options, bundle) {
      const root = rootOf();
      const chunks = Object.values(bundle).flatMap((o) => (o.type === 'chunk'
        ? [{ fileName: o.fileName, isEntry: o.isEntry, imports: o.imports, dynamicImports: o.dynamicImports, modules: o.moduleIds.map((m) => relative(root, m).replace(/\\/g, '/')) }]
        : []));
      const file = join(root, CHUNK_LIST);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, `${JSON.stringify({ chunks }, null, 1)}\n`);
    },
  }));
}

// End-to-end tests in headless Chromium over the built web app: their own project (longer timeouts,
// the web app built and Chromium started by their global setup, only when they are selected). They
// are one test file, browser.test.ts, which collects the parts (*.e2e.ts) one after another.
const E2E = ['test/web/e2e/**/*.test.ts'];
const cacheFor = (project: string) => `node_modules/.cache/casa-practice/vitest/${project}`;

/**
 * The order the files are handed to the workers: the projects in this order (Vitest's own is by
 * name), and Vitest's order within each (failed first, then longest first). A worker keeps its
 * modules only while the next file is of the same project, so each project's files stay together.
 * The browser tests come first, as one file that mostly waits on Chromium and servers; the jsdom
 * component tests and then the rest take the other workers meanwhile, and the many short files of
 * 'shared' even out the finish.
 */
// The terminal app from sources knows the verdicts of the bundled scenarios from the build, as the
// built app does, instead of each worker validating them all again (test/global-setup.ts provides them).
const VERIFIED_SETUP = 'test/verified-scenarios.setup.ts';

const PROJECT_ORDER = ['e2e', 'web', 'own', 'shared'];
class ProjectOrder extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification) => PROJECT_ORDER.indexOf(f.project.name);
    return sorted.map((f, i) => ({ f, i })).sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i).map(({ f }) => f);
  }
}

export default defineConfig({
  // The web app: index.html at the root, static files in dist-web/ (dist/ is the CLI's tsc output).
  plugins: process.env.VITEST ? [] : [react(), contentSecurityPolicy(), serviceWorker(), chunkList(), sharedIdsAtBuild()],
  base: './',
  // No warning that a plugin took "significant time" (Rolldown's, for the bundler's own users): on a
  // loaded machine a newcomer's first `npm start` printed it among the build's output.
  // Nor the warning that a chunk is over 500 kB: the core (machines-*.js, about 560 kB, the validator and
  // the scoring with it) is one chunk on purpose, served from 127.0.0.1 and kept offline by the service
  // worker; a newcomer's `npm ci && npm start` printed "(!) Some chunks are larger than 500 kB" and
  // read it as a fault. The limit still catches a chunk growing well past it.
  build: { outDir: 'dist-web', emptyOutDir: true, assetsInlineLimit: 0, chunkSizeWarningLimit: 800, rolldownOptions: { checks: { bundlerTimings: false } } },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
  test: {
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Child-process tests run the built CLI; rebuild dist/ first when src/ is newer.
    globalSetup: ['test/global-setup.ts'],
    // Three workers on two cores: one of them is mostly the browser tests, which wait on Chromium
    // (with two workers, a quarter of the machine sat idle while they ran); child-process tests
    // wait too. Measured on this 2-core machine, three pairs of runs: 52.0–52.7 s against 53.2–58.8 s
    // with two workers in the same order, and 56.3–57.0 s before the browser tests were one file.
    maxWorkers: 3,
    sequence: { sequencer: ProjectOrder },
    // Transformed modules are kept on disk between runs (node_modules/.cache, so a fresh install
    // starts empty): about half of the main process's CPU was transforming the same files again on
    // every run. Vitest keys each entry by the file's content, this config file's content, Vitest's
    // version and the lockfile. The JSX transform differs between projects ('shared' compiles for
    // React's production runtime) and is not part of that key, so each project has its own folder.
    experimental: { fsModuleCache: true },
    projects: [
      // Files share one module graph per worker (no test mocks modules or changes globals):
      // re-importing Ink, React, xstate and zod for every file was a third of the run.
      // React's production build, as the CLI runs it (src/terminal/main.ts): the development build
      // checks and records a stack for every element, a sixth of the terminal tests' CPU. JSX is
      // compiled for the production runtime to match (the development runtime's jsxDEV is not there).
      { extends: true, oxc: { jsx: { development: false } }, test: { name: 'shared', experimental: { fsModuleCachePath: cacheFor('shared') }, include: ALL, exclude: [...OWN_MODULES, ...WEB_COMPONENTS, ...E2E], isolate: false, env: { NODE_ENV: 'production' }, setupFiles: [VERIFIED_SETUP] } },
      // Each of these files has a new worker of its own: a thread, not a child process, as starting a
      // Node process for each file cost CPU the tests then waited for (speed-57, this project alone
      // with two workers, back to back: 99.8 s of CPU with threads, 112.1 and 120.5 s with forks;
      // 172 tests pass either way). None of these files changes the working folder, the umask or a
      // signal handler, which a thread cannot do for itself.
      { extends: true, test: { name: 'own', pool: 'threads', experimental: { fsModuleCachePath: cacheFor('own') }, include: OWN_MODULES, setupFiles: ['test/web/live-regions.setup.ts', VERIFIED_SETUP] } },
      // jsdom files share a worker's modules too: setting up jsdom and loading the app for each file
      // was half of their time. Each test renders into a fresh document (cleanup after each). (One
      // worker for this project alone is not possible: Vitest then runs projects with different
      // maxWorkers one after another, in separate sequence.groupOrder groups.)
      // Here and in 'own' (preview-race renders a page), a test also fails if it rendered a live
      // region inside another (test/web/live-regions.setup.ts).
      { extends: true, test: { name: 'web', experimental: { fsModuleCachePath: cacheFor('web') }, include: WEB_COMPONENTS, exclude: OWN_MODULES, environment: 'jsdom', isolate: false, setupFiles: ['test/web/live-regions.setup.ts'] } },
      // The browser tests share one Chromium (their worker's) and one app server (their global setup)
      // and keep their state in their own browser contexts. As one file they take one worker, one part after
      // another, beside the other files (as five, Vitest gave them both workers first).
      // expect.poll waits up to 15 s (its default is 1 s), as Testing Library's queries do: several
      // polls wait for a smooth scroll to end or a round trip to the room server, which a loaded CI
      // machine (Chromium, three workers, tsc and ESLint on two cores) can hold up past a second.
      { extends: true, test: { name: 'e2e', experimental: { fsModuleCachePath: cacheFor('e2e') }, include: E2E, globalSetup: ['test/web/e2e/global-setup.ts'], testTimeout: 120_000, hookTimeout: 120_000, isolate: false, expect: { poll: { timeout: 15_000 } } } },
    ],
  },
});
