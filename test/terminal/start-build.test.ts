import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildIsStale } from '../../scripts/build-if-changed.mjs';

/** A project folder with a source, the build settings and (optionally) a build, each with a given age. */
function project(ages: { src: number; dist?: number; config?: number; unbundled?: boolean }): string {
  const root = mkdtempSync(join(tmpdir(), 'casa-build-'));
  const now = Date.now() / 1000;
  const put = (path: string, ageSeconds: number) => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), '');
    utimesSync(join(root, path), now - ageSeconds, now - ageSeconds);
  };
  put('src/terminal/cli.ts', ages.src);
  for (const f of ['tsconfig.json', 'tsconfig.build.json', 'package.json', 'scripts/bundle-cli.mjs']) put(f, ages.config ?? 1000);
  if (ages.dist !== undefined) put('dist/src/terminal/main.js', ages.dist);
  if (ages.dist !== undefined && !ages.unbundled) put('dist/src/terminal/main.bundle.js', ages.dist);
  return root;
}

describe('npm start builds only when a source changed', () => {
  it('builds when there is no build yet', () => {
    expect(buildIsStale(project({ src: 100 }))).toBe(true);
  });
  it('builds when tsc wrote dist/ but the bundle the app starts from is missing', () => {
    expect(buildIsStale(project({ src: 100, dist: 10, unbundled: true }))).toBe(true);
  });
  it('does not build when the build is newer than every source and setting', () => {
    expect(buildIsStale(project({ src: 100, dist: 10 }))).toBe(false);
  });
  it('builds when a source or a build setting is newer than the build', () => {
    expect(buildIsStale(project({ src: 5, dist: 10 }))).toBe(true);
    expect(buildIsStale(project({ src: 100, dist: 10, config: 5 }))).toBe(true);
  });
});
