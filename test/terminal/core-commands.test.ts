import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturePath } from '../helpers/fixtures.js';
import { runInProcess as run } from './helpers/cli.js';

describe('casa-practice validate', () => {
  it('exits 0 and says valid for a good file', async () => {
    const r = await run('validate', fixturePath('good/example.json'));
    expect(r.code).toBe(0);
    expect(r.out).toContain('example.json: valid');
  });

  it('exits 1 and prints file:line:column, the problem and its fix', async () => {
    const file = fixturePath('bad/unknown-node.json');
    const r = await run('validate', file);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+ error \\[unknown-node\\] nodes\\[3\\]\\.replies\\[2\\]\\.next: There is no node with the id "end-mixd"\\. Did you mean "end-mixed"\\?`));
    expect(r.out).toContain('    fix: Change it to "end-mixed", or add a node with the id "end-mixd".');
    expect(r.out).toContain('1 error, 0 warnings');
  });

  it('warnings alone pass, unless --strict', async () => {
    const file = fixturePath('bad/unreachable.json');
    expect((await run('validate', file)).code).toBe(0);
    expect((await run('validate', file, '--strict')).code).toBe(1);
  });

  it('validates every scenario in a folder and summarises', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'casa-validate-'));
    writeFileSync(join(dir, 'a.json'), '{}');
    writeFileSync(join(dir, 'b.json'), '[');
    writeFileSync(join(dir, 'ignored.schema.json'), '{}');
    const r = await run('validate', dir);
    expect(r.code).toBe(1);
    expect(r.out).toContain('a.json');
    expect(r.out).toContain('b.json');
    expect(r.out).not.toContain('ignored.schema.json');
    expect(r.out).toContain('0 of 2 files valid');
  });

  it('--json gives tools the same problems as data', async () => {
    const r = await run('validate', '--json', fixturePath('bad/unknown-node.json'));
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out) as { ok: boolean; files: { ok: boolean; problems: { code: string; line: number; column: number; fix: string }[] }[] };
    expect(report.ok).toBe(false);
    expect(report.files[0]?.problems.map((p) => p.code)).toEqual(['unknown-node']);
    expect(report.files[0]?.problems[0]?.line).toBeGreaterThan(1);
  });

  it.each([
    [['validate'], 'at least one file'],
    [['validate', '--nope', 'x.json'], 'unknown option "--nope"'],
    [['validate', 'does-not-exist.json'], 'cannot read "does-not-exist.json"'],
    [['frobnicate'], 'unknown command "frobnicate"'],
    [['graph'], 'exactly one scenario file'],
    [['graph', fixturePath('good/example.json'), '--format', 'png'], '--format must be "mermaid", "dot" or "svg"'],
    [['graph', fixturePath('good/example.json'), '--format'], '"--format" needs a value'],
  ])('usage errors exit 2 with a one-line reason: %j', async (argv, message) => {
    const r = await run(...argv);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it.each([['youth-discloses'], [fixturePath('good/example.json')]])('a scenario named where the command goes (%s) is refused with the command that plays it', async (word) => {
    const r = await run(word);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(new RegExp(`^casa-practice: unknown command "${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"\\. To play that scenario: [^\\n]*casa-practice(\\.js)? play ${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n`));
    // Not a scenario: the usual "did you mean" for commands.
    expect((await run('plya')).err).not.toContain('To play that scenario');
  });
});

describe('casa-practice graph', () => {
  it('prints Mermaid by default and DOT on request', async () => {
    const mermaid = await run('graph', fixturePath('good/example.json'));
    expect(mermaid.code).toBe(0);
    expect(mermaid.out).toMatch(/^flowchart TD/);
    const dot = await run('graph', fixturePath('good/example.json'), '--format=dot');
    expect(dot.out).toMatch(/^digraph /);
  });

  it('draws an SVG picture on request, every node in it', async () => {
    const svg = await run('graph', fixturePath('good/example.json'), '--format', 'svg');
    expect(svg.code).toBe(0);
    expect(svg.out).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg.out.trim().endsWith('</svg>')).toBe(true);
    for (const id of ['phone', 'boyfriend-open', 'end-strong', 'end-harmful']) expect(svg.out).toContain(` · ${id}</text>`);
  });

  it('refuses a scenario with errors, printing its problems', async () => {
    const r = await run('graph', fixturePath('bad/cycle.json'));
    expect(r.code).toBe(1);
    expect(r.err).toContain('[cycle]');
    expect(r.out).toBe('');
  });
});

describe('help and version', () => {
  it.each([['--help'], ['validate', '--help'], ['graph', '-h']])('%j prints usage and exits 0', async (...argv) => {
    const r = await run(...argv);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Usage');
  });

  it('--version prints the package version', async () => {
    const r = await run('--version');
    expect(r.out).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
