import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { readRecords, readSave, recordCompletion, RECORDS_KEY } from '../../src/machines/index.js';
import { stateStore } from '../../src/terminal/node/state-store.js';
import { tempEnv } from './helpers/ink.js';

// A file system that refuses to rename a file aside (to "….damaged-…") but takes every other write,
// the atomic writes' own renames included: the case where the only copy was written over.
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  return {
    ...fs,
    renameSync(from: Parameters<typeof fs.renameSync>[0], to: Parameters<typeof fs.renameSync>[1]) {
      if (String(to).includes('.damaged-')) throw Object.assign(new Error('EPERM: operation not permitted, rename'), { code: 'EPERM' });
      fs.renameSync(from, to);
    },
  };
});

describe('the state store when a damaged file cannot be moved aside', () => {
  it('never writes over it in this session: later writes to it are kept in memory, and said so', () => {
    const env = tempEnv();
    const dir = join(env.XDG_STATE_HOME ?? '', 'casa-practice');
    mkdirSync(join(dir, 'saves'), { recursive: true });
    writeFileSync(join(dir, RECORDS_KEY), '{ damaged records');
    writeFileSync(join(dir, 'saves/x.json'), '{ damaged save');
    const store = stateStore(env);

    const read = readRecords(store);
    expect(read.notice).toContain('could not be moved aside (permission denied)');
    // A store that hides the file it could not move reads as "no records": the next finish wrote over it.
    recordCompletion(store, 'example-new-phone', 80);
    expect(readFileSync(join(dir, RECORDS_KEY), 'utf8')).toBe('{ damaged records');
    expect(store.inMemoryOnly(RECORDS_KEY)).toBe(true);
    expect(readRecords(store).records['example-new-phone']?.bestPercent).toBe(80);
    expect(store.failure()).toBe(`Your records were not updated: ${join(dir, RECORDS_KEY)} is damaged and could not be moved aside (permission denied), so it was left untouched (it is repaired once it can be moved); this finished scenario is kept in memory only and will be missing from your records after you quit.`);
    expect(store.savingFailure()).toBeUndefined();

    // A save the same: a fresh start's save does not replace the damaged one on disk.
    expect(readSave(store, () => ({ error: 'not needed' }), 'saves/x.json').kind).toBe('bad');
    store.write('saves/x.json', '{"fresh":true}');
    expect(readFileSync(join(dir, 'saves/x.json'), 'utf8')).toBe('{ damaged save');
    expect(store.read('saves/x.json')).toBe('{"fresh":true}');
    expect(store.savingFailure()).toMatch(/^Progress is not being saved: .*saves\/x\.json is damaged and could not be moved aside \(permission denied\), so it was left untouched/);
    store.remove('saves/x.json');
    expect(readFileSync(join(dir, 'saves/x.json'), 'utf8')).toBe('{ damaged save');
  });
});
