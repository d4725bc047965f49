import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/**
 * Child-process tests run the built CLI (dist/: tsc's output, bundled by scripts/bundle-cli.mjs), as
 * `npx casa-practice` does. When a source is newer than the build (after editing src/, or when vitest
 * is run on its own), rebuild here so those tests never exercise stale code.
 */
export default function setup(): void {
  const entry = join(ROOT, 'dist', 'src', 'terminal', 'main.bundle.js');
  const configs = ['tsconfig.json', 'tsconfig.build.json', 'package.json', 'scripts/bundle-cli.mjs'].map((f) => statSync(join(ROOT, f)).mtimeMs);
  // scenarios/ too: the bundle carries the digests of the bundled scenarios that validate (scripts/bundle-cli.mjs).
  const sources = Math.max(newest(join(ROOT, 'src')), newest(join(ROOT, 'scenarios')), ...configs);
  if (existsSync(entry) && newest(join(ROOT, 'dist')) >= sources) return;
  // Types are checked by `tsc --noEmit`; here only the JavaScript is needed.
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json', '--noCheck'], { cwd: ROOT, stdio: 'inherit' });
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'bundle-cli.mjs')], { cwd: ROOT, stdio: 'inherit' });
}
