import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const OUT = join(ROOT, 'dist-web');

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
export default function setup(): void {
  const sources = Math.max(...['src/web', 'src/machines', 'scenarios', 'index.html', 'vite.config.ts', 'package.json'].map((p) => newest(join(ROOT, p))));
  if (existsSync(join(OUT, 'index.html')) && newest(OUT) >= sources) return;
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && k !== 'TEST')) as NodeJS.ProcessEnv;
  env.NODE_ENV = 'production';
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--outDir', OUT, '--emptyOutDir', '--logLevel', 'warn'], { cwd: ROOT, env, stdio: 'inherit' });
}
