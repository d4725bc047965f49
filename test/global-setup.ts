import { accessSync, chmodSync, constants, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildCli, buildIsStale, VERIFIED_LIST } from '../scripts/build-if-changed.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The digests of the bundled scenarios the build of dist/ validated with no problem (test/verified-scenarios.setup.ts). */
    verifiedScenarios: string[];
  }
}

/**
 * Child-process tests run the built CLI (dist/: tsc's output, bundled by scripts/bundle-cli.mjs), as
 * `npx casa-practice` does. When a source is newer than the build (after editing src/, or when vitest
 * is run on its own), rebuild here so those tests never exercise stale code.
 *
 * The tests make hundreds of temporary folders (state folders, scenario files, homes for the CLI)
 * and most leave them to the system. They are all made in one folder of the run instead (TMPDIR,
 * which os.tmpdir() reads, in the workers and the processes they start, which inherit it),
 * removed when the run ends: a run left 392 folders in /tmp. Sticky and open to all, as /tmp
 * is, for the tests that run the CLI as another user.
 */
export default function setup(project?: TestProject): () => void {
  if (buildIsStale()) buildCli();
  // The bundled scenarios the build validated, once for the run: each test worker had validated them
  // all again (src/terminal/node/verified-scenarios.ts, addVerified). (The room's browser tests call
  // this setup to build, with no project.)
  project?.provide('verifiedScenarios', verifiedList());
  // Each project runs this setup: the first makes the folder, the others use it.
  if (process.env.CASA_TEST_TMPDIR) return () => {};
  const outer = process.env.TMPDIR;
  // A short name (/tmp/cXXXXXX, and sXXXXXX for a state folder in it: shorter than
  // /tmp/casa-term-XXXXXX was): tests read paths under it on screens 60 and 80 columns wide.
  const dir = mkdtempSync(join(shortTemp(), 'c'));
  chmodSync(dir, 0o1777);
  process.env.TMPDIR = process.env.CASA_TEST_TMPDIR = dir;
  return () => {
    delete process.env.CASA_TEST_TMPDIR;
    if (outer === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = outer;
    // Folders a test made read-only are writable to root only; as another user they stay.
    rmSync(dir, { recursive: true, force: true, maxRetries: 2 });
  };
}

/** The build's list of verified digests (scripts/bundle-cli.mjs); none when it is missing or not a list of digests, and the workers validate as before. */
function verifiedList(): string[] {
  try {
    const list: unknown = JSON.parse(readFileSync(join(import.meta.dirname, '..', VERIFIED_LIST), 'utf8'));
    return Array.isArray(list) && list.every((d) => typeof d === 'string' && /^[0-9a-f]{64}$/.test(d)) ? list as string[] : [];
  } catch {
    return [];
  }
}

/**
 * The system's temporary folder, or /tmp where that is a longer path: a CI runner's TMPDIR (a work
 * folder such as /home/runner/work/_temp) or a Mac's (/var/folders/…/T/) made every path the tests
 * show longer than the rows they expect it on (23 layout tests failed with a 55-character TMPDIR).
 */
function shortTemp(): string {
  const system = tmpdir();
  if (system.length <= '/tmp'.length || process.platform === 'win32') return system;
  try {
    accessSync('/tmp', constants.W_OK | constants.X_OK);
    return '/tmp';
  } catch {
    return system;
  }
}
