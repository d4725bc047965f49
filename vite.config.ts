import { defineConfig } from 'vitest/config';

const ALL = ['test/**/*.test.ts', 'test/**/*.test.tsx'];
// rendering forces colour on before chalk loads; validate-unreadable mocks node:fs. Each needs a
// module graph of its own.
const OWN_MODULES = ['test/terminal/rendering.test.tsx', 'test/terminal/validate-unreadable.test.ts'];
// End-to-end tests in headless Chromium over the built web app: their own project (longer timeouts,
// one file at a time, the web app built first by their global setup, only when they are selected).
const E2E = ['test/web/e2e/**/*.test.ts'];

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Child-process tests run the built CLI; rebuild dist/ first when src/ is newer.
    globalSetup: ['test/global-setup.ts'],
    // Vitest's default on 2 cores is one worker; child-process tests mostly wait, so use both.
    maxWorkers: 2,
    projects: [
      // Files share one module graph per worker (no test mocks modules or changes globals):
      // re-importing Ink, React, xstate and zod for every file was a third of the run.
      { extends: true, test: { name: 'shared', include: ALL, exclude: [...OWN_MODULES, ...E2E], isolate: false } },
      { extends: true, test: { name: 'own', include: OWN_MODULES } },
      { extends: true, test: { name: 'e2e', include: E2E, globalSetup: ['test/web/e2e/global-setup.ts'], testTimeout: 120_000, hookTimeout: 120_000, fileParallelism: false } },
    ],
  },
});
