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
 * Child-process tests run the built CLI (dist/). `npm test` builds just before vitest; when vitest is
 * run on its own after editing src/, rebuild here so those tests never exercise stale code.
 */
export default function setup(): void {
  const entry = join(ROOT, 'dist', 'src', 'terminal', 'main.js');
  const configs = ['tsconfig.json', 'tsconfig.build.json', 'package.json'].map((f) => statSync(join(ROOT, f)).mtimeMs);
  const sources = Math.max(newest(join(ROOT, 'src')), ...configs);
  if (existsSync(entry) && newest(join(ROOT, 'dist')) >= sources) return;
  // Types are checked by `tsc --noEmit`; here only the JavaScript is needed.
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json', '--noCheck'], { cwd: ROOT, stdio: 'inherit' });
}
