import { mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDebrief, summaryBaseName } from '../../src/machines/index.js';
import { exportsDir, finishedSessionSummary, writeSessionSummary } from '../../src/terminal/export.js';
import { newPhone, tempEnv } from './helpers/ink.js';

/**
 * A finished trainer-led session opened again finds the summary it wrote by what it says
 * (finishedSessionSummary), to write it again in its place after u. One entry of the exports folder
 * that could not be read (a folder named like a summary, newer than it) ended the whole search: the
 * summary was "not found" and a second one was written beside it.
 */
describe('finishedSessionSummary', () => {
  it('passes over what it cannot read, and a large file named like a summary, and finds the summary', () => {
    const env = tempEnv();
    const scenario = newPhone().scenario;
    const debrief = buildDebrief(scenario, []);
    const path = writeSessionSummary(scenario, [], debrief, env, new Date('2026-12-03T10:00:00Z'));
    const later = new Date(Date.now() + 60_000);
    const folder = join(exportsDir(env), `${summaryBaseName(scenario, '')}zz-folder.md`);
    mkdirSync(folder);
    utimesSync(folder, later, later);
    const big = join(exportsDir(env), `${summaryBaseName(scenario, '')}zz-big.md`);
    writeFileSync(big, 'x'.repeat(2_000_000));
    utimesSync(big, later, later);
    expect(finishedSessionSummary(scenario, [], debrief, env)).toBe(path);
  });

  it('finds a summary written before its date line was on the local clock ("… 10:00 UTC.")', () => {
    const env = tempEnv();
    const scenario = newPhone().scenario;
    const debrief = buildDebrief(scenario, []);
    const path = writeSessionSummary(scenario, [], debrief, env, new Date('2026-12-03T10:00:00Z'));
    writeFileSync(path, readFileSync(path, 'utf8').replace(/^Trainer-led session, .*$/m, 'Trainer-led session, 2026-12-03 10:00 UTC.'));
    expect(finishedSessionSummary(scenario, [], debrief, env)).toBe(path);
  });
});
