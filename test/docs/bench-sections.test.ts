import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BENCH_SECTIONS } from '../../bench/sections.js';

// `npm run bench -- <section>`: a section name the runner does not know ran nothing and printed
// nothing (after the build), so a typo ("startp") looked like a bench with no tables and exit 0.
const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');

describe('npm run bench sections', () => {
  it('the list is the runner\'s: every section bench/run.ts runs, and nothing else', () => {
    const run = [...new Set([...read('bench/run.ts').matchAll(/only === '([a-z-]+)'/g)].map((m) => m[1]))].sort();
    expect([...BENCH_SECTIONS].sort()).toEqual(run);
  });

  it('every section the README names is one', () => {
    const row = read('README.md').split('\n').find((l) => l.startsWith('| `npm run bench`')) ?? '';
    const named = [...(row.match(/one section: [^)]*\)/)?.[0] ?? '').matchAll(/`(?:npm run bench -- )?([a-z-]+)`/g)].map((m) => m[1]);
    expect(named).toContain('hostile');
    expect(named.length).toBeGreaterThanOrEqual(8);
    for (const s of named) expect(BENCH_SECTIONS, s).toContain(s);
  });

  it('a section it does not have is refused, exit 2, with the ones it has', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/run.ts', 'startp'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('npm run bench: there is no section "startp". Run one of core, hostile,');
    expect(r.stderr).toContain('startup');
    expect(r.status).toBe(2);
  }, 60_000);
});
