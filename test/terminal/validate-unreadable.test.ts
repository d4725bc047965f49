import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { readFixture } from '../helpers/fixtures.js';
import { runInProcess as run } from './helpers/cli.js';

// Tests run as root here, where permissions do not stop reads: fake EACCES for names holding "locked".
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const denied = (path: unknown, call: string) => Object.assign(new Error(`EACCES: permission denied, ${call} '${String(path)}'`), { code: 'EACCES' });
  return {
    ...fs,
    openSync: ((path: string, ...rest: unknown[]) => {
      if (String(path).includes('locked')) throw denied(path, 'open');
      return (fs.openSync as (...a: unknown[]) => number)(path, ...rest);
    }) as typeof fs.openSync,
    readdirSync: ((path: string, ...rest: unknown[]) => {
      if (String(path).includes('locked')) throw denied(path, 'scandir');
      return (fs.readdirSync as (...a: unknown[]) => unknown)(path, ...rest);
    }) as typeof fs.readdirSync,
  };
});

describe('one unreadable file or folder does not stop the others', () => {
  const dir = mkdtempSync(join(tmpdir(), 'casa-unreadable-'));
  writeFileSync(join(dir, 'a-good.json'), readFixture('good/example.json'));
  writeFileSync(join(dir, 'b-locked.json'), readFixture('good/example.json'));
  writeFileSync(join(dir, 'c-broken.json'), '[');
  const lockedDir = join(dir, 'locked-folder');
  mkdirSync(lockedDir);

  it('a folder run reports the unreadable file as its problem and checks the rest', async () => {
    const r = await run('validate', dir);
    expect(r.code).toBe(1);
    expect(r.out).toContain('a-good.json: valid');
    expect(r.out).toMatch(/b-locked\.json:1:1 error \[unreadable\] \(top level\): It cannot be read: permission denied\./);
    expect(r.out).toContain('c-broken.json: 1 error');
    expect(r.out).toContain('1 of 3 files valid');
    expect(r.err).toBe('');
  });

  it('--json still gives one parseable report with every file', async () => {
    const r = await run('validate', '--json', dir);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out) as { files: { file: string; ok: boolean; problems: { code: string }[] }[] };
    expect(report.files.map((f) => [f.file.split('/').pop(), f.ok])).toEqual([['a-good.json', true], ['b-locked.json', false], ['c-broken.json', false]]);
    expect(report.files[1]?.problems.map((p) => p.code)).toEqual(['unreadable']);
  });

  it('an unreadable folder is one clear problem, not exit 70 with a raw EACCES', async () => {
    const r = await run('validate', lockedDir, join(dir, 'a-good.json'));
    expect(r.code).toBe(1);
    expect(r.out).toContain('[unreadable]');
    expect(r.out).toContain('it is a folder that cannot be listed (permission denied)');
    expect(r.out).not.toContain('scandir');
    expect(r.out).toContain('a-good.json: valid');
  });
});
