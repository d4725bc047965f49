import { buildCli, buildIsStale } from '../scripts/build-if-changed.mjs';

/**
 * Child-process tests run the built CLI (dist/: tsc's output, bundled by scripts/bundle-cli.mjs), as
 * `npx casa-practice` does. When a source is newer than the build (after editing src/, or when vitest
 * is run on its own), rebuild here so those tests never exercise stale code.
 */
export default function setup(): void {
  if (buildIsStale()) buildCli();
}
