import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RECORDS_KEY } from '../../src/machines/light.js';
import { fileStore } from '../../src/terminal/node/file-store.js';
import { checkStateFolder, stateStore } from '../../src/terminal/node/state-store.js';
import { stateDir } from '../../src/terminal/state.js';

describe('the state folder as a store', () => {
  // Found in use: a room session found damaged twice in one second kept only the second copy
  // (rename replaced the first), so the votes in the first were lost.
  it('keeps two files set aside in the same second, the second under -2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'casa-file-store-'));
    const store = fileStore(dir);
    const now = new Date('2025-01-31T10:20:30Z');
    store.write('facilitation/x.json', 'first');
    const first = store.moveAside('facilitation/x.json', now);
    store.write('facilitation/x.json', 'second');
    const second = store.moveAside('facilitation/x.json', now);
    expect(first).toBe(join(dir, 'facilitation', 'x.json.damaged-2025-01-31T10-20-30'));
    expect(second).toBe(join(dir, 'facilitation', 'x.json.damaged-2025-01-31T10-20-30-2'));
    expect(readFileSync(first, 'utf8')).toBe('first');
    expect(readFileSync(second, 'utf8')).toBe('second');
  });

  // Found by hostile-49: names were read as text, and a name that is not UTF-8 came back with U+FFFD
  // for its bytes, which names no file: stat failed and the file was not listed at all.
  it('lists a file whose name is not UTF-8 under that name with U+FFFD, each apart, and reads, moves aside and removes it by its bytes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'casa-file-store-'));
    const saves = join(dir, 'saves');
    mkdirSync(saves);
    const odd = (byte: number) => Buffer.concat([Buffer.from(`${saves}/x`), Buffer.from([byte]), Buffer.from('.json')]);
    writeFileSync(odd(0xff), 'ff');
    writeFileSync(odd(0xfe), 'fe');
    // A file whose name really is "x\ufffd.json" keeps it; a folder so named is not a file.
    writeFileSync(join(saves, 'x\ufffd.json'), 'real');
    mkdirSync(Buffer.concat([Buffer.from(`${saves}/d`), Buffer.from([0x80])]));
    const store = fileStore(dir);
    const keys = store.list('saves/').map((e) => e.key).sort();
    expect(keys).toEqual(['saves/x\ufffd.json', 'saves/x\ufffd~2.json', 'saves/x\ufffd~3.json']);
    expect(keys.map((k) => store.read(k)).sort()).toEqual(['fe', 'ff', 'real']);
    expect(keys.filter((k) => store.undecodedName(k))).toEqual(['saves/x\ufffd~2.json', 'saves/x\ufffd~3.json']);
    const [a, b] = keys.filter((k) => store.undecodedName(k)) as [string, string];
    const moved = store.moveAside(a, new Date('2025-01-31T10:20:30Z'));
    expect(['ff', 'fe']).toContain(readFileSync(moved, 'utf8'));
    store.remove(b);
    expect(readFileSync(join(saves, 'x\ufffd.json'), 'utf8')).toBe('real');
    // Left: the real one, the folder, and the one moved aside (under a name that is UTF-8).
    expect(readdirSync(saves, { encoding: 'buffer' })).toHaveLength(3);
    expect(existsSync(odd(0xff)) || existsSync(odd(0xfe))).toBe(false);
  });
});

/** A state folder that takes writes, but for the records file: a folder (not empty) is where it goes, which no user, root included, can write over. */
function recordsBlocked() {
  const env = { XDG_STATE_HOME: mkdtempSync(join(tmpdir(), 'casa-one-file-')) };
  expect(checkStateFolder(env)).toBeUndefined();
  const store = stateStore(env);
  mkdirSync(join(store.dir, 'records.json', 'in-the-way'), { recursive: true });
  return store;
}

describe('the state folder, when one file in it cannot be written', () => {
  // Found in use: with records.json alone read-only, the debrief said the whole folder could not be
  // written (the save and the kept debrief were written), and nothing said the records were not.
  it('names that file, and for the records says this finished scenario will be missing from them', () => {
    const store = recordsBlocked();
    store.write('saves/x.json', '{}');
    expect(store.failure()).toBeUndefined();
    store.write(RECORDS_KEY, '{}');
    expect(store.failure()).toBe(`Your records were not updated: ${join(store.dir, 'records.json')} cannot be written (a folder is in the way of a file); this finished scenario is kept in memory only and will be missing from your records after you quit.`);
    expect(store.inMemoryOnly(RECORDS_KEY)).toBe(true);
  });
});

describe('the state folder, when it can be written again', () => {
  it('stops failing once every write kept in memory has been taken by the disk again, and not before', () => {
    const store = recordsBlocked();
    store.write(RECORDS_KEY, '{"a":1}');
    store.write('saves/x.json', '{}');
    expect(store.failure()).toMatch(/^Your records were not updated/);
    expect(store.lostWrites()).toBe(true);
    // The folder in the way is gone: the next save is written, but the records are still only in memory.
    rmSync(join(store.dir, 'records.json'), { recursive: true });
    store.write('saves/x.json', '{"b":2}');
    expect(store.failure()).toMatch(/^Your records were not updated/);
    expect(store.inMemoryOnly(RECORDS_KEY)).toBe(true);
    // Written again: nothing lives in memory only, so saving is back.
    store.write(RECORDS_KEY, '{"a":1}');
    expect(store.failure()).toBeUndefined();
    expect(store.lostWrites()).toBe(false);
    expect(readFileSync(join(store.dir, 'records.json'), 'utf8')).toBe('{"a":1}');
  });
});

describe('the state folder is always an absolute path', () => {
  // HOME= in a script put the state under the current folder (".local/state/casa-practice"), where
  // resume run from another folder did not find the save.
  it.each([[''], ['relative/home'], [undefined]])('HOME %j: the account\'s own home folder', (home) => {
    const dir = stateDir({ ...(home === undefined ? {} : { HOME: home }) });
    expect(isAbsolute(dir), dir).toBe(true);
    expect(dir.endsWith(join('.local', 'state', 'casa-practice'))).toBe(true);
  });
  it('an absolute HOME and XDG_STATE_HOME are used as given; a relative XDG_STATE_HOME is not', () => {
    expect(stateDir({ HOME: '/home/volunteer' })).toBe('/home/volunteer/.local/state/casa-practice');
    expect(stateDir({ HOME: '/home/volunteer', XDG_STATE_HOME: '/srv/state' })).toBe('/srv/state/casa-practice');
    expect(stateDir({ HOME: '/home/volunteer', XDG_STATE_HOME: 'rel' })).toBe('/home/volunteer/.local/state/casa-practice');
  });
});
