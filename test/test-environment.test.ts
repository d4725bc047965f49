import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';

// What the tests take from the machine they run on, made the same on every machine.
describe("the tests' environment", () => {
  // Tests read state folders and scenario paths under it on screens 60 and 80 columns wide
  // (test/global-setup.ts): with a CI runner's long TMPDIR they were cut across rows.
  it('temporary folders are made in a short folder of the run, whatever TMPDIR the machine sets', () => {
    expect(tmpdir()).toBe(process.env.CASA_TEST_TMPDIR);
    expect(tmpdir().length).toBeLessThanOrEqual('/tmp/cXXXXXX'.length);
  });
});
