import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { checkStateFolder, errorWords, resilientStore, savingOffLine, stateStore } from '../../src/terminal/node/state-store.js';
import { fileStore } from '../../src/terminal/node/file-store.js';
import { readRecords, RECORDS_KEY } from '../../src/machines/light.js';
import { writeAtomicAsync } from '../../src/terminal/room/command.js';
import { writeAtomic, writeNew } from '../../src/terminal/state.js';
import { exportsDir, newestSessionSummary, shownPath, shownStateDir, writeSessionSummary } from '../../src/terminal/export.js';
import { newPhone, tempEnv } from './helpers/ink.js';
import { inTimeZone } from '../helpers/time-zone.js';

const errno = (code: string) => Object.assign(new Error(`${code}: raw message, lstat '/x'`), { code });

describe('the state store when the folder cannot be written', () => {
  it('keeps what could not be written in memory, reads it back, and says once where and why', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'casa-file-')), 'state');
    writeFileSync(file, '');
    const env = { XDG_STATE_HOME: file };
    expect(checkStateFolder(env)).toBe(`Progress and records will not be kept this run: ${file}/casa-practice cannot be written (part of the path is a file, not a folder). To keep them, move the file state (in that path) out of the way, or start again with XDG_STATE_HOME set to a folder you can write.`);
    const store = stateStore(env);
    // The check at start is not a lost write; a save is.
    expect(store.lostWrites()).toBe(false);
    expect(() => store.write('saves/a.json', '{"x":1}')).not.toThrow();
    expect(store.lostWrites()).toBe(true);
    expect(store.inMemoryOnly('saves/a.json')).toBe(true);
    expect(store.read('saves/a.json')).toBe('{"x":1}');
    expect(store.list('saves/').map((k) => k.key)).toEqual(['saves/a.json']);
    store.remove('saves/a.json');
    expect(store.read('saves/a.json')).toBeUndefined();
    expect(store.list('saves/')).toEqual([]);
  });

  it('a state folder named with escape sequences (it comes from XDG_STATE_HOME) is shown as text, never sent to the terminal', () => {
    const dir = mkdtempSync(join(tmpdir(), 'casa-esc-'));
    const file = join(dir, 'state\u001b]0;owned\u0007\u001b[2J\u202e');
    writeFileSync(file, '');
    const env = { XDG_STATE_HOME: file, HOME: dir };
    const line = checkStateFolder(env) ?? '';
    expect(line).toMatch(/^Progress and records will not be kept this run: ".*state.*casa-practice" cannot be written/);
    // eslint-disable-next-line no-control-regex -- looking for control characters
    const raw = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/;
    expect(line).not.toMatch(raw);
    // Named as it is (quoted, the escapes written out), never cleaned into another folder's name.
    expect(shownStateDir(env)).toBe('"~/state\\u001b]0;owned\\u0007\\u001b[2J\\u202e/casa-practice"');
    expect(shownPath(join(dir, 'elsewhere\u001b[2J.md'), env)).toBe(`"${dir}/elsewhere\\u001b[2J.md"`);
  });

  it('writes to disk as usual when it can', () => {
    const env = tempEnv();
    expect(checkStateFolder(env)).toBeUndefined();
    const store = stateStore(env);
    store.write('saves/b.json', '{}');
    expect(store.inMemoryOnly('saves/b.json')).toBe(false);
    expect(store.failure()).toBeUndefined();
  });

  it.each([
    ['EACCES', 'permission denied'], ['EPERM', 'permission denied'], ['EROFS', 'the disk is read-only'],
    ['ENOTDIR', 'part of the path is a file, not a folder'], ['EEXIST', 'a file is in the way of a folder'],
    ['ENOSPC', 'the disk is full'], ['EDQUOT', 'the disk quota is used up'],
    // A state folder (or its saves folder) that is a link to itself: it read "(error ELOOP)".
    ['ELOOP', 'a link in its path leads round in a loop'],
  ])('says %s in words, without the raw message', (code, words) => {
    expect(errorWords(errno(code))).toBe(words);
    expect(savingOffLine('/s', errno(code))).not.toContain('lstat');
  });

  // At start it said what failed ("Progress is not being saved: … cannot be written (permission
  // denied); this session is kept in memory only.") and nothing of what to do.
  it('says at start that progress and records are not kept this run, and what to do: the folder to make writable (the one above where the state folder is not made yet), or XDG_STATE_HOME', () => {
    const base = mkdtempSync(join(tmpdir(), 'casa-ro-'));
    const dir = join(base, 'casa-practice');
    const todo = (fix: string) => `To keep them, ${fix}, or start again with XDG_STATE_HOME set to a folder you can write.`;
    // Not made yet: the folder it is to be made in needs the permission.
    expect(savingOffLine(dir, errno('EACCES'))).toBe(`Progress and records will not be kept this run: ${dir} cannot be written (permission denied). ${todo(`make ${base} writable`)}`);
    mkdirSync(dir);
    expect(savingOffLine(dir, errno('EPERM'))).toContain(todo('make that folder writable'));
    mkdirSync(join(dir, 'saves'));
    expect(savingOffLine(dir, errno('EACCES'))).toContain(todo(`make ${join(dir, 'saves')} writable`));
    expect(savingOffLine(dir, errno('ENOSPC'))).toContain(todo('free some space'));
    // Nothing plain to do about the disk itself: another folder.
    expect(savingOffLine(dir, errno('EROFS'))).toMatch(/\(the disk is read-only\)\. To keep them, start again with XDG_STATE_HOME set to a folder you can write\.$/);
  });
});

describe('writes never follow a link in the state folder', () => {
  it('a link to another file at the records file name is replaced, not written through; one at the temp name makes the write fail, not write through', () => {
    const dir = mkdtempSync(join(tmpdir(), 'casa-links-'));
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'the other file');
    const records = join(dir, 'records.json');
    symlinkSync(victim, records);
    writeAtomic(records, '{}');
    expect(readFileSync(victim, 'utf8')).toBe('the other file');
    expect(lstatSync(records).isSymbolicLink()).toBe(false);
    // The temp name is predictable (pid and time): a link placed there beforehand must not be followed.
    const at = vi.spyOn(Date, 'now').mockReturnValue(1_700_000_000_000);
    try {
      symlinkSync(victim, `${records}.${process.pid}.1700000000000.tmp`);
      expect(() => writeAtomic(records, '{"x":1}')).toThrow(/EEXIST/);
    } finally {
      at.mockRestore();
    }
    expect(readFileSync(victim, 'utf8')).toBe('the other file');
    expect(readFileSync(records, 'utf8')).toBe('{}');
  });

  it('the live room\'s file too: a link at its temp name (pid and a count) is not written through', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'casa-links-'));
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'the other file');
    const room = join(dir, 'ABC234.json');
    // The first temp name this process has not used yet is taken by a link: the write fails rather than follow it.
    const planted = Array.from({ length: 50 }, (_, i) => `${room}.${process.pid}.${i + 1}.tmp`);
    for (const p of planted) symlinkSync(victim, p);
    await expect(writeAtomicAsync(room, '{"room":1}')).rejects.toThrow(/EEXIST/);
    expect(readFileSync(victim, 'utf8')).toBe('the other file');
  });
});

describe('a new file is never written over another', () => {
  it('takes the first free name of base, base-2, base-3…, leaves the files in the way as they were, and no temp file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'casa-new-'));
    const base = join(dir, 'exports', 'summary');
    expect(writeNew(base, '.md', 'one')).toBe(`${base}.md`);
    expect(writeNew(base, '.md', 'two')).toBe(`${base}-2.md`);
    // A file someone else made at the next name (another terminal, the same second) is skipped.
    writeFileSync(`${base}-3.md`, 'not ours');
    expect(writeNew(base, '.md', 'four')).toBe(`${base}-4.md`);
    expect(['summary.md', 'summary-2.md', 'summary-3.md', 'summary-4.md'].map((f) => readFileSync(join(dir, 'exports', f), 'utf8'))).toEqual(['one', 'two', 'not ours', 'four']);
    expect(readdirSync(join(dir, 'exports')).sort()).toEqual(['summary-2.md', 'summary-3.md', 'summary-4.md', 'summary.md']);
  });

  it('session summaries written in the same second get "-2", "-3" after their time, each with its own text', () => {
    const env = tempEnv();
    const { scenario } = newPhone();
    const now = new Date('2026-12-03T10:00:00Z');
    const paths = [0, 1, 2].map(() => writeSessionSummary(scenario, [], undefined, env, now));
    expect(new Set(paths).size).toBe(3);
    expect(paths[1]).toBe((paths[0] ?? '').replace(/\.md$/, '-2.md'));
    expect(paths[2]).toBe((paths[0] ?? '').replace(/\.md$/, '-3.md'));
    expect(readdirSync(exportsDir(env))).toHaveLength(3);
    for (const p of paths) expect(readFileSync(p, 'utf8')).toContain(scenario.title);
  });
});

describe('session summary names', () => {
  it('carry the local time (as every screen shows it), in the same colon-free format', () => {
    const env = tempEnv();
    const { scenario } = newPhone();
    // 18:00 UTC is 10:00 in Los Angeles in December (UTC−8).
    const path = inTimeZone('America/Los_Angeles', () => writeSessionSummary(scenario, [], undefined, env, new Date('2026-12-03T18:00:00Z')));
    expect(path).toBe(join(exportsDir(env), 'example-new-phone-session-2026-12-03T10-00-00.md'));
    const tokyo = inTimeZone('Asia/Tokyo', () => writeSessionSummary(scenario, [], undefined, env, new Date('2026-12-03T18:00:00Z')));
    expect(tokyo).toBe(join(exportsDir(env), 'example-new-phone-session-2026-12-04T03-00-00.md'));
  });

  // From the terminal walkthrough (session 46): the name had the local time, the summary's own date
  // line UTC, so a session at 17:00 in Los Angeles was "…-session-2026-12-03T17-00-00.md" and said
  // "Trainer-led session, 2026-12-04 01:00 UTC.": the next day's date, in the file sent to a supervisor.
  it('the summary\'s date line is on the same clock as its name, with its offset from UTC', () => {
    const env = tempEnv();
    const { scenario } = newPhone();
    const path = inTimeZone('America/Los_Angeles', () => writeSessionSummary(scenario, [], undefined, env, new Date('2026-12-04T01:00:00Z')));
    expect(path).toBe(join(exportsDir(env), 'example-new-phone-session-2026-12-03T17-00-00.md'));
    expect(readFileSync(path, 'utf8').split('\n')[2]).toBe('Trainer-led session, 2026-12-03 17:00 (UTC\u221208:00).');
  });

  it('the newest summary is the one written last, even when the change from daylight saving time gave it the earlier name', () => {
    const env = tempEnv();
    const { scenario } = newPhone();
    // 1 November 2026 in Los Angeles: 01:30 PDT (08:30 UTC), then, after the clocks went back, 01:10 PST (09:10 UTC).
    const before = new Date('2026-11-01T08:30:00Z');
    const after = new Date('2026-11-01T09:10:00Z');
    const [first, second] = inTimeZone('America/Los_Angeles', () => [before, after].map((now) => writeSessionSummary(scenario, [], undefined, env, now)));
    expect(first).toMatch(/-session-2026-11-01T01-30-00\.md$/);
    expect(second).toMatch(/-session-2026-11-01T01-10-00\.md$/);
    // Each file's mtime is when it was written (set here, so the test does not race the clock).
    utimesSync(first as string, before, before);
    utimesSync(second as string, after, after);
    expect((second as string) < (first as string)).toBe(true);
    expect(newestSessionSummary(scenario, env)).toBe(second);
  });
});

describe('the state store when a file cannot be read', () => {
  // A records file or debrief left by \`sudo npx casa-practice\` (root's, mode 600): Node's error put
  // into the core's words read "could not be read (EACCES: permission denied, open '/home/…/records.json')".
  it('throws the error in words, its code kept, so the notices say "permission denied", not Node\'s message and path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'casa-unreadable-'));
    writeFileSync(join(dir, 'records.json'), '{}');
    const files = fileStore(dir);
    const refusing = { ...files, read: (key: string) => {
      throw Object.assign(new Error(`EACCES: permission denied, open '${files.pathOf(key)}'`), { code: 'EACCES' });
    } };
    const store = resilientStore(dir, refusing);
    let thrown: unknown;
    try {
      store.read('debriefs/red-flags.json');
    } catch (e) {
      thrown = e;
    }
    expect((thrown as Error).message).toBe('permission denied');
    expect((thrown as NodeJS.ErrnoException).code).toBe('EACCES');
    const notice = readRecords(store).notice ?? '';
    expect(notice).toMatch(/^Your completion records could not be read \(permission denied\); /);
    expect(notice).not.toContain('EACCES');
    expect(notice).not.toContain(`open '${join(dir, RECORDS_KEY)}'`);
  });
});
