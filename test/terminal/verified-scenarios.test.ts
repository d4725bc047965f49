import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { verifiedCheck, verifiedResult } from '../../src/terminal/node/verified-scenarios.js';
import { loadScenarioFile } from '../../src/terminal/files.js';
import { BUNDLED_DIR, BUNDLED_IDS } from '../helpers/bundled.js';

// The test workers run the app from its sources, whose list of verified digests is empty: they get
// the build's list (test/global-setup.ts, test/verified-scenarios.setup.ts) instead of each
// validating every bundled scenario again. catalog-worker.test checks the built app's list, and
// that its verdicts equal the validator's.
describe('the bundled scenarios in a test worker', () => {
  const files = BUNDLED_IDS.map((id) => `${BUNDLED_DIR}${id}.json`);

  it('have their verdict from the build, as in the built app', () => {
    expect(inject('verifiedScenarios').length).toBeGreaterThanOrEqual(10);
    for (const file of files) {
      const bytes = readFileSync(file);
      expect(verifiedResult(bytes)?.ok, file).toBe(true);
      expect(verifiedCheck(file)?.scenario, file).toBe(verifiedResult(bytes)?.scenario);
      // One more byte: not the bytes the build validated.
      expect(verifiedResult(Buffer.concat([bytes, Buffer.from(' ')])), `${file} changed`).toBeUndefined();
    }
  });

  it('are loaded as one object each, frozen, as files.ts keeps what it validates (the core keeps its analyses per scenario object)', () => {
    for (const file of files) {
      const bytes = readFileSync(file);
      const first = verifiedResult(bytes);
      expect(verifiedResult(bytes), file).toBe(first);
      expect(Object.isFrozen(first?.scenario?.nodes[0]), file).toBe(true);
      expect(loadScenarioFile(file).result, file).toBe(first);
    }
  });
});
