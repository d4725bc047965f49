import { defineConfig } from 'vitest/config';

const ALL = ['test/**/*.test.ts', 'test/**/*.test.tsx'];
// rendering forces colour on before chalk loads; validate-unreadable mocks node:fs. Each needs a
// module graph of its own.
const OWN_MODULES = ['test/terminal/rendering.test.tsx', 'test/terminal/validate-unreadable.test.ts'];

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
      { extends: true, test: { name: 'shared', include: ALL, exclude: OWN_MODULES, isolate: false } },
      { extends: true, test: { name: 'own', include: OWN_MODULES } },
    ],
  },
});
