import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/terminal/cli.js';
import { readScenarioBytes } from '../../src/terminal/files.js';
import { fixturePath, readFixture } from '../helpers/fixtures.js';

async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

const tmp = () => mkdtempSync(join(tmpdir(), 'casa-files-'));

describe('only regular files are read, and never past the size limit', () => {
  // Without the check, opening the pipe waits for a writer forever: the test times out.
  it('a named pipe is refused at once with "not a regular file"', { timeout: 10_000 }, async () => {
    const fifo = join(tmp(), 'pipe.json');
    execFileSync('mkfifo', [fifo]);
    const r = await run('validate', fifo, fixturePath('good/example.json'));
    expect(r.code).toBe(1);
    expect(r.out).toContain('[not-a-file]');
    expect(r.out).toContain('named pipe, not a regular file');
    expect(r.out).toContain('example.json: valid');
  });

  it('a .json link to /dev/zero is refused, not read until memory runs out', { timeout: 10_000 }, async () => {
    const link = join(tmp(), 'zero.json');
    symlinkSync('/dev/zero', link);
    const r = await run('validate', '--json', link);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out) as { files: { problems: { code: string; message: string }[] }[] };
    expect(report.files[0]?.problems.map((p) => p.code)).toEqual(['not-a-file']);
  });

  it.skipIf(!existsSync('/proc/self/status'))('the limit counts bytes read, not the size the file reports (/proc files report 0)', () => {
    const read = readScenarioBytes('/proc/self/status', 64);
    expect(read).toMatchObject({ refused: 'file-too-large' });
  });

  it('a file within the limit is read whole, in chunks', () => {
    const read = readScenarioBytes(fixturePath('good/example.json'));
    expect('bytes' in read && Buffer.from(read.bytes).equals(readFixture('good/example.json'))).toBe(true);
  });
});

describe('a folder name is a folder', () => {
  it('"validate scenarios" (no trailing slash) checks the bundled folder, not scenarios/scenarios.json', async () => {
    const r = await run('validate', 'scenarios');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/(\d+) of \1 files valid/);
  });

  it('a bare word that is both a path here and a bundled id uses the path, and says so', async () => {
    const local = 'youth-discloses';
    expect(existsSync(local)).toBe(false);
    writeFileSync(local, readFixture('good/example.json'));
    try {
      const r = await run('validate', local);
      expect(r.code).toBe(0);
      expect(r.out).toContain('youth-discloses: valid');
      expect(r.err).toContain('is both a path here and a bundled scenario id; using the path');
    } finally {
      rmSync(local);
    }
  });

  it('a bare word that is no path here is a bundled scenario id', async () => {
    const r = await run('graph', 'youth-discloses');
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toMatch(/^flowchart TD/);
  });

  it('a folder with a file name holding escape sequences prints them escaped', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'a\u001b]0;owned\u0007.json'), '{}');
    const human = await run('validate', dir);
    const json = await run('validate', '--json', dir);
    // eslint-disable-next-line no-control-regex -- looking for raw escape characters
    for (const out of [human.out, json.out, human.err, json.err]) expect(out).not.toMatch(/[\u001b\u0007]/);
    expect(human.code).toBe(1);
  });
});
