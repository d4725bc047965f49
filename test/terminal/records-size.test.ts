import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRecords, recordPlaythrough, RECORDS_KEY, type PlaythroughRecord } from '../../src/machines/index.js';
import { fileStore } from '../../src/terminal/node/file-store.js';
import { resilientStore } from '../../src/terminal/node/state-store.js';

/**
 * The records file must always be readable by the app that wrote it. Written indented it is about
 * 1.6 times its compact size, so compact records under the read limit (MAX_STATE_BYTES, 64 MB:
 * about 45,000 practices at 56.7 MB) were written back at 88.9 MB, and the next read set them
 * aside as too large: the records looked lost. Here with a small limit given to the store.
 */
describe('records near the store\'s read limit', () => {
  const start = Date.parse('2026-01-01T10:00:00Z');
  const practice = (i: number): PlaythroughRecord => ({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, scenarioId: 'example-new-phone', scenarioVersion: 1, title: 'Example: the new phone', mode: 'practice',
    completedAt: new Date(start + i * 3_600_000).toISOString(), minutes: 5, score: { earned: 3, best: 3, percent: 100, capped: false }, band: 'strong', decisions: [], principles: [],
  });
  const bytes = (b: Uint8Array) => b.fill(7);
  const withPractices = (n: number) => {
    const dir = mkdtempSync(join(tmpdir(), 'recsize'));
    const roomy = fileStore(dir);
    for (let i = 0; i < n; i++) recordPlaythrough(roomy, practice(i), bytes, new Date(start + i * 3_600_000));
    // Compact on disk, as records written near the limit are (or were written by hand, or elsewhere).
    const compact = `${JSON.stringify(JSON.parse(readFileSync(join(dir, RECORDS_KEY), 'utf8')))}\n`;
    writeFileSync(join(dir, RECORDS_KEY), compact);
    return { dir, next: practice(n), compact: Buffer.byteLength(compact) };
  };

  it('are written compact when indented they would pass the limit, and read back whole', () => {
    const { dir, next, compact } = withPractices(30);
    // The next practice fits compact, but not indented.
    const limit = Math.round(compact * 1.2);
    const store = fileStore(dir, {}, limit);
    const read = recordPlaythrough(store, next, bytes, new Date(next.completedAt));
    expect(read.notice).toBeUndefined();
    expect(statSync(join(dir, RECORDS_KEY)).size).toBeLessThanOrEqual(limit);
    const again = readRecords(store);
    expect(again.notice).toBeUndefined();
    expect(again.playthroughs).toHaveLength(31);
  });

  it('are still written indented, as before, while that fits', () => {
    const { dir, next } = withPractices(3);
    const store = fileStore(dir, {}, 1024 * 1024);
    recordPlaythrough(store, next, bytes, new Date(next.completedAt));
    expect(readFileSync(join(dir, RECORDS_KEY), 'utf8')).toMatch(/^\{\n {2}"format"/);
  });

  it('are not written at all past the limit even compact: the file is kept as it was, and the volunteer is told why', () => {
    const { dir, next, compact } = withPractices(30);
    const before = readFileSync(join(dir, RECORDS_KEY), 'utf8');
    // Not even one more practice fits.
    const store = resilientStore(dir, fileStore(dir, {}, compact + 10));
    // The write test at start (checkStateFolder's): the folder takes writes, so a failure is one file's.
    store.write('saves/.write-test', '');
    store.remove('saves/.write-test');
    recordPlaythrough(store, next, bytes, new Date(next.completedAt));
    expect(readFileSync(join(dir, RECORDS_KEY), 'utf8')).toBe(before);
    expect(store.failure()).toMatch(/^Your records were not updated: \S+records\.json cannot be written \(the file would be larger than casa-practice reads back\); this finished scenario is kept in memory only/);
    // In this session the new practice is there (from memory), and the file on disk still reads.
    expect(readRecords(store).playthroughs).toHaveLength(31);
    expect(readRecords(fileStore(dir, {}, compact + 10)).playthroughs).toHaveLength(30);
  });
});
