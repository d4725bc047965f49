import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess as run } from './helpers/cli.js';

const ROOT = join(import.meta.dirname, '..', '..');

describe('casa-practice audit', () => {
  it('passes the bundled scenarios: no strong ending after a critical violation or under 50%, and the answer key is hidden', async () => {
    const r = await run('audit', join(ROOT, 'scenarios'));
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/All \d+ scenarios, \d+ decisions:/);
    expect(r.out).toContain('Audit passed.');
    // Every scenario block names its reachable states and the worst score reaching a strong ending, 50% or more.
    const strong = [...r.out.matchAll(/worst score reaching each ending: strong (\d+)%/g)].map((m) => Number(m[1]));
    expect(strong.length).toBeGreaterThanOrEqual(10);
    expect(strong.every((p) => p >= 50)).toBe(true);
    expect(r.out).not.toMatch(/strong \d+% \(also after a critical violation\)/);
  });

  it('audits the bundled scenarios when no file is named', async () => {
    const r = await run('audit');
    expect(r.code).toBe(0);
    expect(r.out).toContain('youth-discloses: What Kiara tells you');
  });

  it('fails, and says why, for a file whose strong ending a critical act can reach', async () => {
    const r = await run('audit', join(ROOT, 'test/fixtures/bad/strong-after-critical.json'));
    expect(r.code).toBe(1);
    // A file with errors is not audited: its problems are printed as validate prints them.
    expect(r.err).toContain('[strong-after-critical]');
  });

  it('explains itself with --help', async () => {
    const r = await run('audit', '--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain('worst score that reaches each');
  });
});
