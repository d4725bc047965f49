import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

/** Every test file under test/, as a path from the project folder. */
function testFiles(dir = join(ROOT, 'test')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return testFiles(path);
    return /\.test\.tsx?$/.test(e.name) ? [relative(ROOT, path)] : [];
  });
}

describe('the test configuration', () => {
  // Most files share a worker's modules (isolate: false): a file that mocks a module there leaks its
  // mock into the files after it, or finds the real module already loaded. state-store-stuck's
  // refusing rename (node:fs) reached untrusted-state, which then hung reading a named pipe.
  it('every test file that mocks a module runs in a module graph of its own (OWN_MODULES in vite.config.ts)', () => {
    const config = readFileSync(join(ROOT, 'vite.config.ts'), 'utf8');
    const list = /const OWN_MODULES = \[([^\]]*)\]/.exec(config)?.[1] ?? '';
    const own = [...list.matchAll(/'([^']+)'/g)].map((m) => m[1] ?? '');
    const mocking = testFiles().filter((f) => /\bvi\.(do)?mock\(/.test(readFileSync(join(ROOT, f), 'utf8')) && f !== 'test/test-config.test.ts');
    expect(mocking.length).toBeGreaterThan(0);
    expect(mocking.filter((f) => !own.includes(f))).toEqual([]);
    // And the list names no file that is not there.
    expect(own.filter((f) => !testFiles().includes(f))).toEqual([]);
  });
});
