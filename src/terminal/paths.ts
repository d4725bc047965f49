import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding casa-practice's package.json, whether run from src/ (tsx) or dist/ (built). */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'casa-practice') return dir;
      } catch {
        // not ours; keep looking upward
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the casa-practice package folder');
    dir = parent;
  }
}

/** The bundled scenarios folder. */
export function scenariosDir(): string {
  return join(packageRoot(), 'scenarios');
}

/** The package version from package.json. */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}
