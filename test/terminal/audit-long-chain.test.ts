import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runInProcess as run } from './helpers/cli.js';

// A generated or damaged file, which validate accepts (found with one of 10 MB, 20,000 scenes): here
// the worked example with a chain of 5,000 scenes between its first scenes and its second decision. audit said only "unexpected error:
// Maximum call stack size exceeded" (stateSteeredPlaces followed the chain by calling itself), and
// once past that, its few-decisions fix wrote the whole route, every id on one line.

const SCENES = 5_000;

/** The worked example with SCENES scenes, one after another, from the first scenes (s1-opens-up, s1-guarded) to d2-next-time. */
function chained(): string {
  const file = JSON.parse(readFileSync(join(ROOT, 'docs/examples/first-scenario.json'), 'utf8')) as { id: string; $schema?: string; nodes: { id: string; kind: string; next?: unknown }[] };
  delete file.$schema;
  file.id = 'long-chain';
  for (const n of file.nodes) if (n.next === 'd2-next-time') n.next = 'chain-0';
  for (let i = 0; i < SCENES; i++) file.nodes.push({ id: `chain-${i}`, kind: 'scene', narration: 'Time passes.', next: i + 1 < SCENES ? `chain-${i + 1}` : 'd2-next-time' } as never);
  return JSON.stringify(file, null, 2);
}

describe('audit of a scenario with a very long chain of scenes', () => {
  it('audits it: no "unexpected error", and the route in the few-decisions fix is its first ids, how many more, and its last', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'audit-chain-'));
    const file = join(dir, 'long-chain.json');
    writeFileSync(file, chained());
    const r = await run('audit', file);
    expect(r.err).not.toContain('unexpected error');
    expect(r.err).toBe('');
    expect(r.code).toBe(1);
    // The house rules it fails are said as for any small file: the state steers the way on in one place.
    expect(r.out).toContain('decides which decision (or ending) comes next at 1 place (d2-next-time)');
    const fix = r.out.split('\n').find((l) => l.includes('fix: On that route'));
    expect(fix).toBe(`    fix: On that route (d1-greeting → s1-opens-up → chain-0 → chain-1 → chain-2 → chain-3 → chain-4 → chain-5 → chain-6 → chain-7 → … ${(SCENES - 8 - 3).toLocaleString('en-US')} more … → chain-${SCENES - 3} → chain-${SCENES - 2} → chain-${SCENES - 1} → d2-next-time → end-harmful), lead through 4 more decisions before the ending, so that no playthrough meets fewer than 6.`);
    // No line of the report grows with the file.
    expect(Math.max(...r.out.split('\n').map((l) => l.length))).toBeLessThan(1_500);
  }, 60_000);
});
