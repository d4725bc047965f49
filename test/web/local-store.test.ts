// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { backupText, latestSaveKey, parseBackup, readRecords, recordCompletion, recordPlaythrough, RECORDS_KEY, recordsText, type PlaythroughRecord, type RecordsFile } from '../../src/machines/index.js';
import { recordsNotice } from '../../src/web/storage-words.js';
import { localStore, RECORDS_HELD_NEWER, requestPersistentStorage, WEB_STORE_MAX_BYTES, type StoreProblem } from '../../src/web/adapters/local-store.js';

beforeEach(() => window.localStorage.clear());

/** A Storage over a Map whose setItem can be made to fail like a browser's. */
function fakeStorage(failWith?: () => unknown): Storage & { map: Map<string, string>; fail: (() => unknown) | undefined } {
  const map = new Map<string, string>();
  const s = {
    map,
    fail: failWith,
    get length() { return map.size; },
    key: (i: number) => [...map.keys()][i] ?? null,
    getItem: (k: string) => map.get(k) ?? null,
    setItem(k: string, v: string) {
      if (s.fail) throw s.fail();
      map.set(k, String(v));
    },
    removeItem: (k: string) => void map.delete(k),
    clear: () => map.clear(),
  };
  return s;
}

describe('localStore', () => {
  it('keeps values under its namespace, lists by prefix with write times, and leaves other keys alone', () => {
    let t = 1000;
    window.localStorage.setItem('someone-else', 'x');
    const other = localStore({ prefix: 'other-copy/' });
    other.write('saves/a.json', 'not ours');
    const store = localStore({ clock: () => t });
    expect(store.backing).toBe('local');
    store.write('saves/a.json', 'A');
    t = 2000;
    store.write('saves/b.json', 'B');
    store.write('records.json', '{}');
    expect(window.localStorage.getItem('casa-practice/saves/a.json')).toBe('A');
    expect(store.read('saves/a.json')).toBe('A');
    expect(store.read('saves/none.json')).toBeUndefined();
    expect(store.list('saves/').sort((a, b) => a.key.localeCompare(b.key))).toEqual([
      { key: 'saves/a.json', modified: 1000 },
      { key: 'saves/b.json', modified: 2000 },
    ]);
    expect(latestSaveKey(store)).toBe('saves/b.json');
    store.remove('saves/b.json');
    expect(store.read('saves/b.json')).toBeUndefined();
    expect(latestSaveKey(store)).toBe('saves/a.json');
    expect(window.localStorage.getItem('someone-else')).toBe('x');
    expect(other.read('saves/a.json')).toBe('not ours');
    expect(store.problem()).toBeUndefined();
  });

  it('moves damaged records aside through the core, keeping the damaged text', () => {
    const store = localStore();
    store.write(RECORDS_KEY, '{ not json');
    const now = new Date('2026-12-01T10:00:00Z');
    const read = readRecords(store, now);
    expect(read.notice).toMatch(/damaged; they were moved to records\.json\.damaged-2026-12-01T10-00-00/);
    expect(store.read(RECORDS_KEY)).toBeUndefined();
    expect(store.read('records.json.damaged-2026-12-01T10-00-00')).toBe('{ not json');
    expect(window.localStorage.getItem('casa-practice/records.json.damaged-2026-12-01T10-00-00')).toBe('{ not json');
    // A fresh start works after the move.
    recordCompletion(store, 'youth-discloses', 80, now);
    expect(readRecords(store).records['youth-discloses']?.bestPercent).toBe(80);
  });

  it('moves an outdated value aside under a name that says so, keeping its text', () => {
    const store = localStore();
    store.write('saves/a.json', 'A');
    expect(store.moveAside('saves/a.json', new Date('2026-12-01T10:00:00Z'), 'outdated')).toBe('saves/a.json.outdated-2026-12-01T10-00-00');
    expect(store.read('saves/a.json')).toBeUndefined();
    expect(window.localStorage.getItem('casa-practice/saves/a.json.outdated-2026-12-01T10-00-00')).toBe('A');
  });

  it('a full storage (a real QuotaExceededError from jsdom) is a result, not an exception, and the value lasts for the tab', () => {
    // A limit above jsdom's quota (5 million characters), for the quota to be met first.
    const store = localStore({ maxBytes: 8_000_000 });
    const seen: (StoreProblem | undefined)[] = [];
    store.subscribe((p) => seen.push(p));
    const big = 'x'.repeat(6_000_000);
    let result: ReturnType<typeof store.tryWrite> | undefined;
    expect(() => (result = store.tryWrite('saves/big.json', big))).not.toThrow();
    expect(result).toMatchObject({ ok: false, problem: { kind: 'full', key: 'saves/big.json' } });
    expect(store.problem()?.message).toMatch(/storage for this site is full.*Download a backup/);
    expect(seen.map((p) => p?.kind)).toEqual(['full']);
    expect(store.read('saves/big.json')).toBe(big);
    expect(store.list('saves/').map((e) => e.key)).toEqual(['saves/big.json']);
    // Once the value is gone (or written), the problem clears.
    store.remove('saves/big.json');
    expect(store.problem()).toBeUndefined();
    expect(seen.map((p) => p?.kind)).toEqual(['full', undefined]);
  });

  it('damaged data whose copy does not fit (storage full) stays in storage untouched, and the app goes on in memory', () => {
    const storage = fakeStorage();
    const store = localStore({ storage: () => storage });
    store.write(RECORDS_KEY, '{ not json');
    store.write('saves/a.json', 'first');
    // Full for new keys only: replacing the original (a shorter text) would still fit.
    storage.fail = undefined;
    const setItem = storage.setItem.bind(storage);
    storage.setItem = (k: string, v: string) => {
      if (!storage.map.has(k)) throw new DOMException('quota', 'QuotaExceededError');
      setItem(k, v);
    };
    const read = readRecords(store, new Date('2026-12-01T10:00:00Z'));
    expect(storage.map.get('casa-practice/records.json')).toBe('{ not json');
    expect(read.notice).toMatch(/could not be moved aside/);
    expect(store.problem()?.kind).toBe('full');
    // The core writes nothing over it (and the store reads it again, as it is, each time)...
    expect(recordCompletion(store, 'a', 50, new Date('2026-12-01T10:00:00Z')).unsaved).toBe(true);
    expect(storage.map.get('casa-practice/records.json')).toBe('{ not json');
    expect(readRecords(store, new Date('2026-12-01T10:00:00Z')).notice).toBe(read.notice);
    // Said by that notice: once a write fits again, the page's problem goes and a read does not bring it back.
    store.write('saves/a.json', 'A');
    expect(store.problem()).toBeUndefined();
    expect(readRecords(store, new Date('2026-12-01T10:00:00Z')).notice).toBe(read.notice);
    expect(store.problem()).toBeUndefined();
    // ...and a write to its key all the same is kept in this tab's memory, not in storage.
    store.write(RECORDS_KEY, '{}');
    expect(storage.map.get('casa-practice/records.json')).toBe('{ not json');
    expect(store.inMemoryOnly?.(RECORDS_KEY)).toBe(true);
    store.remove(RECORDS_KEY);
    expect(storage.map.get('casa-practice/records.json')).toBe('{ not json');
    // In the browser's words: left as they were, not "a copy of them is kept" (there is none).
    expect(recordsNotice(read)).toMatch(/^Your completion records were damaged; they are left as they were in this browser's storage for this site \(it is full, with no room for a copy; nothing was deleted\) and nothing is written over them/);
    expect(recordsNotice(read)).not.toMatch(/a copy of them is kept/);
  });

  // A browser whose storage file is damaged throws on reading it (Firefox: NS_ERROR_FILE_CORRUPTED).
  // The core moves records it cannot read aside, and moveAside's check for a free name read the
  // storage too: the read threw on to the page, which showed "This page could not be shown".
  it('a storage that throws on read: the records read gives a notice, and nothing is written or removed', () => {
    const storage = fakeStorage();
    const store = localStore({ storage: () => storage });
    store.write(RECORDS_KEY, '{"format": "casa-practice-records", "formatVersion": 2, "best": {}, "playthroughs": []}');
    const before = new Map(storage.map);
    storage.getItem = () => {
      throw Object.assign(new Error('NS_ERROR_FILE_CORRUPTED'), { name: 'NS_ERROR_FILE_CORRUPTED' });
    };
    const setItem = vi.spyOn(storage, 'setItem');
    const removeItem = vi.spyOn(storage, 'removeItem');
    const read = readRecords(store, new Date('2026-12-01T10:00:00Z'));
    expect(read).toMatchObject({ playthroughs: [], unsaved: true, setAside: { cannotRead: true, why: 'NS_ERROR_FILE_CORRUPTED' } });
    // In the browser's words: left as they were, nothing changed, and what to do (no room to make).
    expect(recordsNotice(read)).toBe('Your completion records could not be read (NS_ERROR_FILE_CORRUPTED); they are left as they were in this browser\'s storage for this site (nothing was changed) and nothing is written over them: this session starts with no records, and what you finish now is kept only for this session. Closing the browser and opening casa-practice again may let it read them. To keep what you finish meanwhile, download a backup file in My records.');
    // Nor does finishing write over them, or a backup fail to be made.
    expect(recordCompletion(store, 'a', 50, new Date('2026-12-01T10:00:00Z')).unsaved).toBe(true);
    expect(backupText(store, new Date('2026-12-01T10:00:00Z')).text).toMatch(/"casa-practice-backup"/);
    expect(setItem).not.toHaveBeenCalled();
    expect(removeItem).not.toHaveBeenCalled();
    expect(storage.map).toEqual(before);
  });

  it('a write that fails and later succeeds clears the problem', () => {
    const storage = fakeStorage();
    const store = localStore({ storage: () => storage });
    storage.fail = () => new DOMException('quota', 'QuotaExceededError');
    store.write('records.json', 'one');
    expect(store.problem()?.kind).toBe('full');
    storage.fail = undefined;
    store.write('records.json', 'two');
    expect(store.problem()).toBeUndefined();
    expect(storage.map.get('casa-practice/records.json')).toBe('two');
  });

  it('a browser that refuses storage (SecurityError) gives a memory store and a notice, never an exception', () => {
    const store = localStore({ storage: () => { throw new DOMException('The operation is insecure.', 'SecurityError'); } });
    expect(store.backing).toBe('memory');
    expect(store.problem()).toMatchObject({ kind: 'unavailable' });
    expect(store.problem()?.message).toMatch(/does not let the page save anything/);
    store.write('saves/a.json', 'A');
    expect(store.read('saves/a.json')).toBe('A');
    expect(store.tryWrite('saves/a.json', 'B')).toMatchObject({ ok: false, problem: { kind: 'unavailable' } });
    expect(latestSaveKey(store)).toBe('saves/a.json');
  });

  it('a storage that throws on first use (blocked) is treated as refused', () => {
    const storage = fakeStorage(() => new DOMException('denied', 'SecurityError'));
    const store = localStore({ storage: () => storage });
    expect(store.backing).toBe('memory');
    expect(() => store.write('k', 'v')).not.toThrow();
    expect(store.read('k')).toBe('v');
  });

  it('watch hears another tab change its key (new text, or undefined once removed), nothing else; a memory store never', () => {
    const store = localStore();
    const heard: (string | undefined)[] = [];
    const stop = store.watch('facilitation/x.json', (t) => heard.push(t));
    const event = (key: string | null, newValue: string | null, storageArea: Storage = window.localStorage) => window.dispatchEvent(new StorageEvent('storage', { key, newValue, storageArea }));
    event('casa-practice/facilitation/x.json', 'new');
    event('casa-practice/facilitation/x.json', null);
    // Its write-time stamp, another key, a key of another prefix, clear(), another storage: not this key.
    event('casa-practice/@modified/facilitation/x.json', '1');
    event('casa-practice/facilitation/y.json', 'other');
    event('facilitation/x.json', 'other app');
    event(null, null);
    event('casa-practice/facilitation/x.json', 'session storage', window.sessionStorage);
    expect(heard).toEqual(['new', undefined]);
    stop();
    event('casa-practice/facilitation/x.json', 'after');
    expect(heard).toEqual(['new', undefined]);
    const refused = localStore({ storage: () => { throw Object.assign(new Error('no'), { name: 'SecurityError' }); } });
    expect(refused.backing).toBe('memory');
    refused.watch('facilitation/x.json', (t) => heard.push(t));
    event('casa-practice/facilitation/x.json', 'new');
    expect(heard).toEqual(['new', undefined]);
  });

  it('an unexpected write error is reported in clean words', () => {
    const storage = fakeStorage();
    const store = localStore({ storage: () => storage });
    storage.fail = () => new Error('disk \u001b[31mgone');
    expect(store.tryWrite('k', 'v')).toMatchObject({ ok: false, problem: { kind: 'failed' } });
    expect(store.problem()?.message).not.toContain('\u001b');
    expect(store.problem()?.message).toMatch(/could not be saved in this browser \(disk .*gone\)/);
  });
});

/**
 * No value larger than the store writes (maxBytes), as the terminal's file store: records written
 * compact when indented they would pass it, refused past it even so (what is in storage kept as it
 * was, the new value kept for the tab, said in words). Here with a small limit given to the store.
 */
describe('localStore\'s size limit', () => {
  const start = Date.parse('2026-01-01T10:00:00Z');
  const practice = (i: number): PlaythroughRecord => ({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, scenarioId: 'example-new-phone', scenarioVersion: 1, title: 'Example: the new phone', mode: 'practice',
    completedAt: new Date(start + i * 3_600_000).toISOString(), minutes: 10, score: { earned: 12, best: 18, percent: 67, capped: false }, band: 'developing', ending: { id: 'e-mixed', kind: 'mixed' },
    decisions: Array.from({ length: 6 }, (_, d) => ({ nodeId: `d${d}-at-the-door`, replyId: `r${d}b`, points: 2, bestPoints: 3, bestPractice: false, assessments: [{ principle: 'trauma-informed-care', verdict: 'follows' as const, weight: 2 }, { principle: 'non-judgemental', verdict: 'violates' as const, weight: 1 }] })),
    principles: Array.from({ length: 8 }, (_, p) => ({ principleId: `principle-${p}`, status: 'followed' as const, followed: 2, violated: 0, missed: 1, missedBelowBest: 0 })),
  });
  const bytes = (b: Uint8Array) => b.fill(7);
  const file = (n: number): RecordsFile => ({ format: 'casa-practice-records', formatVersion: 2, learner: '07070707-0707-4707-8707-070707070707', best: {}, playthroughs: Array.from({ length: n }, (_, i) => practice(i)) });
  /** A storage holding `n` practices, compact (as records written near the limit are), and its text. */
  const withPractices = (n: number) => {
    const storage = fakeStorage();
    const compact = `${JSON.stringify(file(n))}\n`;
    storage.setItem(`casa-practice/${RECORDS_KEY}`, compact);
    return { storage, compact, next: practice(n) };
  };

  it('writes the records compact when indented they would pass the limit, and they read back whole', () => {
    const { storage, compact, next } = withPractices(30);
    const store = localStore({ storage: () => storage, maxBytes: Math.round(compact.length * 1.2) });
    expect(store.maxBytes).toBe(Math.round(compact.length * 1.2));
    expect(recordPlaythrough(store, next, bytes, new Date(next.completedAt)).notice).toBeUndefined();
    expect(store.problem()).toBeUndefined();
    expect(storage.getItem(`casa-practice/${RECORDS_KEY}`)!.length).toBeLessThanOrEqual(store.maxBytes!);
    expect(readRecords(localStore({ storage: () => storage })).playthroughs).toHaveLength(31);
  });

  it('refuses records too large even compact: what is in storage stays as it was, the new practice lasts for the tab, and the volunteer is told in words', () => {
    const { storage, compact, next } = withPractices(30);
    const store = localStore({ storage: () => storage, maxBytes: compact.length + 10 });
    const seen: (StoreProblem | undefined)[] = [];
    store.subscribe((p) => seen.push(p));
    recordPlaythrough(store, next, bytes, new Date(next.completedAt));
    expect(storage.getItem(`casa-practice/${RECORDS_KEY}`)).toBe(compact);
    expect(store.problem()).toMatchObject({ kind: 'too-large', key: RECORDS_KEY });
    expect(seen.map((p) => p?.kind)).toEqual(['too-large']);
    expect(store.problem()?.message).toMatch(/^Your records were not updated: they would be larger than this browser keeps for casa-practice \(\d+ KB\)\. Your records as they were are kept; what was added since is kept only until you close the tab\. Download a backup from My records to keep it\.$/);
    expect(store.inMemoryOnly?.(RECORDS_KEY)).toBe(true);
    // In this tab the new practice is there; in storage (a reload) the 30 before it.
    expect(readRecords(store).playthroughs).toHaveLength(31);
    expect(readRecords(localStore({ storage: () => storage })).playthroughs).toHaveLength(30);
    // Another value past the limit is refused in its own words; one within it is written.
    expect(store.tryWrite('saves/a.json', 'x'.repeat(compact.length + 11))).toMatchObject({ ok: false, problem: { kind: 'too-large', message: expect.stringMatching(/^This progress could not be saved: it would be larger than this browser keeps/) } });
    expect(storage.getItem('casa-practice/saves/a.json')).toBeNull();
    expect(store.tryWrite('saves/b.json', 'small')).toEqual({ ok: true });
  });

  it('counts the limit in bytes of UTF-8, not in characters', () => {
    const store = localStore({ storage: () => fakeStorage(), maxBytes: 12 });
    // Four characters of three bytes each, then one more byte; an emoji is four bytes (two UTF-16 units).
    // Written over one key: the value it replaces is not counted beside it.
    expect(store.tryWrite('a', '\u2019'.repeat(4)).ok).toBe(true);
    expect(store.tryWrite('a', `${'\u2019'.repeat(4)}x`).ok).toBe(false);
    expect(store.tryWrite('a', '\u{1F600}'.repeat(3)).ok).toBe(true);
    expect(store.tryWrite('a', `${'\u{1F600}'.repeat(3)}x`).ok).toBe(false);
    // Beside 12 bytes kept under another key, there is no room for one more.
    expect(store.tryWrite('b', 'x').ok).toBe(false);
  });

  it('still copies aside a damaged value larger than the limit (nothing reads it back), and takes the key again', () => {
    const storage = fakeStorage();
    const damaged = `{ not json ${'x'.repeat(100)}`;
    storage.setItem(`casa-practice/${RECORDS_KEY}`, damaged);
    const store = localStore({ storage: () => storage, maxBytes: 50 });
    const read = readRecords(store, new Date('2026-12-01T10:00:00Z'));
    expect(read.notice).toMatch(/moved to records\.json\.damaged-2026-12-01T10-00-00/);
    expect(storage.getItem('casa-practice/records.json.damaged-2026-12-01T10-00-00')).toBe(damaged);
    expect(store.problem()).toBeUndefined();
  });

  // The limit was per value: the records and each scenario in progress could take 3 MB each, and a
  // backup of them all was past what My records loads back (and the browser's own limit came first).
  it('counts everything kept together: a save that fits alone is refused beside large records, in words that say so, and nothing stored is lost', () => {
    const storage = fakeStorage();
    const records = 'r'.repeat(600);
    storage.setItem(`casa-practice/${RECORDS_KEY}`, records);
    const store = localStore({ storage: () => storage, maxBytes: 1000 });
    expect(store.roomFor!('saves/a.json')).toBe(400);
    expect(store.roomFor!(RECORDS_KEY)).toBe(1000);
    const save = 's'.repeat(500);
    expect(store.tryWrite('saves/a.json', save)).toMatchObject({ ok: false, problem: { kind: 'too-large', key: 'saves/a.json' } });
    expect(store.problem()?.message).toBe('This progress could not be saved: with it, everything casa-practice keeps in this browser (your records, scenarios in progress and any copies set aside) would be more than the 1 KB it keeps, so it is kept only until you close the tab. Your progress saved before is kept as it was. “Room in this browser” on My records shows what takes the room and where each part can be removed; once there is room, this tab saves what it kept.');
    // Nothing stored is lost, and the tab keeps the save.
    expect(storage.getItem(`casa-practice/${RECORDS_KEY}`)).toBe(records);
    expect(storage.getItem('casa-practice/saves/a.json')).toBeNull();
    expect(store.read('saves/a.json')).toBe(save);
    expect(store.inMemoryOnly?.('saves/a.json')).toBe(true);
    // Records grown past the room beside a save stored are refused in the records' words.
    expect(store.tryWrite('saves/b.json', 's'.repeat(300)).ok).toBe(true);
    expect(store.tryWrite(RECORDS_KEY, 'r'.repeat(701))).toMatchObject({ ok: false });
    expect(store.problem()?.message).toMatch(/^Your records were not updated: with them, everything casa-practice keeps in this browser \(your records, scenarios in progress and any copies set aside\) would be more than the 1 KB it keeps\. Your records as they were are kept;/);
    expect(storage.getItem(`casa-practice/${RECORDS_KEY}`)).toBe(records);
    // Replacing a value counts the new one only; the save written once there is room again.
    expect(store.tryWrite(RECORDS_KEY, 'r'.repeat(700)).ok).toBe(true);
    store.remove('saves/b.json');
    expect(store.tryWrite(RECORDS_KEY, 'r'.repeat(500)).ok).toBe(true);
    expect(store.tryWrite('saves/a.json', save).ok).toBe(true);
    expect(store.problem()).toBeUndefined();
  });

  it('copies set aside take their room too (and are still never refused)', () => {
    const storage = fakeStorage();
    const damaged = `{ not json ${'x'.repeat(600)}`;
    storage.setItem(`casa-practice/${RECORDS_KEY}`, damaged);
    const store = localStore({ storage: () => storage, maxBytes: 1000 });
    readRecords(store, new Date('2026-12-01T10:00:00Z'));
    expect(storage.getItem('casa-practice/records.json.damaged-2026-12-01T10-00-00')).toBe(damaged);
    expect(store.tryWrite('saves/a.json', 's'.repeat(500)).ok).toBe(false);
    expect(store.tryWrite('saves/a.json', 's'.repeat(300)).ok).toBe(true);
  });

  it('writes the records compact when indented they would not fit in the room beside what else is kept', () => {
    const { storage, compact, next } = withPractices(30);
    const save = 's'.repeat(compact.length);
    storage.setItem('casa-practice/saves/a.json', save);
    // Room for the records compact, not indented, beside the save; the records indented (about twice
    // the size) are under the limit alone.
    const store = localStore({ storage: () => storage, maxBytes: Math.round(compact.length * 2.08) });
    expect(recordPlaythrough(store, next, bytes, new Date(next.completedAt)).notice).toBeUndefined();
    expect(store.problem()).toBeUndefined();
    expect(readRecords(localStore({ storage: () => storage })).playthroughs).toHaveLength(31);
    expect(storage.getItem('casa-practice/saves/a.json')).toBe(save);
  });

  // Each write read every stored value to total them (some 5 ms a step with 2.4 MB kept).
  it('keeps a running total: after the first write, a write or a removal reads no stored value', () => {
    const storage = fakeStorage();
    storage.setItem(`casa-practice/${RECORDS_KEY}`, 'r'.repeat(600));
    storage.setItem('casa-practice/saves/a.json', 'a'.repeat(100));
    let reads = 0;
    const getItem = storage.getItem;
    storage.getItem = (k: string) => (reads++, getItem(k));
    const store = localStore({ storage: () => storage, maxBytes: 1000 });
    expect(store.tryWrite('saves/b.json', 'b'.repeat(200)).ok).toBe(true);
    reads = 0;
    for (let i = 0; i < 5; i++) expect(store.tryWrite('saves/b.json', 'b'.repeat(200 + i)).ok).toBe(true);
    store.remove('saves/a.json');
    expect(store.roomFor!('saves/a.json')).toBe(1000 - 600 - 204);
    expect(store.tryWrite('saves/a.json', 'a'.repeat(197)).ok).toBe(false);
    expect(store.tryWrite('saves/a.json', 'a'.repeat(196)).ok).toBe(true);
    expect(reads).toBe(0);
  });

  it('another tab\'s write is still counted (the storage event), and a clear() of the storage too', () => {
    const storage = window.localStorage;
    const store = localStore({ maxBytes: 1000 });
    expect(store.tryWrite('saves/a.json', 'a'.repeat(500)).ok).toBe(true);
    // Another tab writes records beside it: this tab hears of it only by the event.
    storage.setItem(`casa-practice/${RECORDS_KEY}`, 'r'.repeat(400));
    window.dispatchEvent(new StorageEvent('storage', { key: `casa-practice/${RECORDS_KEY}`, newValue: storage.getItem(`casa-practice/${RECORDS_KEY}`), storageArea: storage }));
    expect(store.tryWrite('saves/b.json', 'b'.repeat(101)).ok).toBe(false);
    expect(store.tryWrite('saves/b.json', 'b'.repeat(100)).ok).toBe(true);
    // The other tab cleared the site's storage: the room is all there again.
    storage.clear();
    window.dispatchEvent(new StorageEvent('storage', { key: null, storageArea: storage }));
    expect(store.tryWrite('saves/c.json', 'c'.repeat(1000)).ok).toBe(true);
  });

  it('a page back from the back-forward cache counts again (the other tabs\' events may have been missed)', () => {
    const store = localStore({ maxBytes: 1000 });
    expect(store.tryWrite('saves/a.json', 'a'.repeat(500)).ok).toBe(true);
    window.localStorage.setItem(`casa-practice/${RECORDS_KEY}`, 'r'.repeat(400));
    window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
    expect(store.tryWrite('saves/b.json', 'b'.repeat(101)).ok).toBe(false);
  });

  it('a refusal for room says that removing the copies set aside (of any kind) makes room, when there are any, under the heading that lists them', () => {
    const storage = fakeStorage();
    storage.setItem(`casa-practice/${RECORDS_KEY}.damaged-2026-12-01T10-00-00`, '{ not json');
    const store = localStore({ storage: () => storage, maxBytes: 1000 });
    const room = ' “Room in this browser” on My records shows what takes the room and where each part can be removed; once there is room, this tab saves what it kept.';
    const tail = ` To make room, remove the copy set aside under “Damaged copies” on My records (download it first if you want to keep it).${room}`;
    expect(store.tryWrite('saves/a.json', 's'.repeat(995))).toMatchObject({ ok: false, problem: { message: expect.stringMatching(/^This progress could not be saved: with it, everything .* Your progress saved before is kept as it was\. To make room, remove the copy/) } });
    expect(store.problem()?.message.endsWith(tail)).toBe(true);
    // A save made with an earlier version of its scenario, set aside: counted, and the heading says outdated too.
    storage.setItem('casa-practice/saves/youth-discloses.json.outdated-2026-12-02T10-00-00', '{}');
    const again = localStore({ storage: () => storage, maxBytes: 1000 });
    expect(again.tryWrite(RECORDS_KEY, 'r'.repeat(995))).toMatchObject({ ok: false, problem: { message: expect.stringMatching(/Download a backup from My records to keep it\. To make room, remove the 2 copies set aside under “Damaged and outdated copies” on My records \(download them first if you want to keep them\)\. “Room in this browser”/) } });
    // Removing a copy cannot help a value larger than the limit alone: not said then.
    expect(again.tryWrite('saves/a.json', 's'.repeat(1001))).toMatchObject({ ok: false, problem: { message: expect.not.stringMatching(/To make room|Room in this browser/) } });
    // Once removed, nothing is said of them; where room can be seen still is. (The records refused
    // above were written as soon as the copies made room for them.)
    again.remove(`${RECORDS_KEY}.damaged-2026-12-01T10-00-00`);
    again.remove('saves/youth-discloses.json.outdated-2026-12-02T10-00-00');
    expect(storage.getItem(`casa-practice/${RECORDS_KEY}`)).toBe('r'.repeat(995));
    expect(again.tryWrite('saves/a.json', 's'.repeat(5)).ok).toBe(true);
    expect(again.tryWrite('saves/b.json', 's')).toMatchObject({ ok: false, problem: { message: expect.not.stringContaining('To make room') } });
    expect(again.problem()?.message.endsWith(room)).toBe(true);
  });

  // Removing a copy made room, but what the tab held unsaved waited for the next write: at the
  // debrief there is none, and the page went on saying progress lasted only for the tab.
  it('what a refusal left in memory is written as soon as a removal makes room (the records first), and the problem goes', () => {
    const storage = fakeStorage();
    const older = `casa-practice/${RECORDS_KEY}.damaged-2026-12-01T10-00-00`;
    const newer = `casa-practice/${RECORDS_KEY}.damaged-2026-12-02T10-00-00`;
    storage.setItem(older, 'x'.repeat(350));
    storage.setItem(newer, 'y'.repeat(300));
    const store = localStore({ storage: () => storage, maxBytes: 1000 });
    expect(store.tryWrite('saves/a.json', 's'.repeat(300)).ok).toBe(true);
    expect(store.tryWrite('saves/a.json', 's'.repeat(360)).ok).toBe(false);
    expect(store.tryWrite(RECORDS_KEY, 'r'.repeat(300)).ok).toBe(false);
    expect(store.pending().sort()).toEqual([RECORDS_KEY, 'saves/a.json']);
    // Room for one of them: the records are written first; the save still waits, and says so.
    store.remove(newer.slice('casa-practice/'.length));
    expect(storage.getItem(`casa-practice/${RECORDS_KEY}`)).toBe('r'.repeat(300));
    expect(store.pending()).toEqual(['saves/a.json']);
    expect(store.problem()).toMatchObject({ kind: 'too-large', key: 'saves/a.json' });
    // The other copy removed: the save is written, and nothing is said any more.
    store.remove(older.slice('casa-practice/'.length));
    expect(storage.getItem('casa-practice/saves/a.json')).toBe('s'.repeat(360));
    expect(store.pending()).toEqual([]);
    expect(store.inMemoryOnly?.('saves/a.json')).toBe(false);
    expect(store.problem()).toBeUndefined();
  });

  it('room made by another tab (a value removed there) writes what this tab held in memory', () => {
    const storage = window.localStorage;
    storage.setItem('casa-practice/saves/other.json', 'o'.repeat(800));
    const store = localStore({ maxBytes: 1000 });
    expect(store.tryWrite('saves/a.json', 'a'.repeat(300)).ok).toBe(false);
    const seen: (StoreProblem | undefined)[] = [];
    store.subscribe((p) => seen.push(p));
    storage.removeItem('casa-practice/saves/other.json');
    window.dispatchEvent(new StorageEvent('storage', { key: 'casa-practice/saves/other.json', oldValue: 'o'.repeat(800), newValue: null, storageArea: storage }));
    expect(storage.getItem('casa-practice/saves/a.json')).toBe('a'.repeat(300));
    expect(seen).toEqual([undefined]);
  });

  // Records held in this tab (refused for room) were written back as they were held once room was
  // made: another tab's practice finished meanwhile was gone from storage.
  it('records held in one tab, written back once room is made, keep what another tab recorded meanwhile (merged: best score and completions kept)', () => {
    const storage = window.localStorage;
    const copy = `${RECORDS_KEY}.damaged-2026-12-01T10-00-00`;
    const maxBytes = `${JSON.stringify(file(4))}\n`.length + 300;
    storage.setItem(`casa-practice/${RECORDS_KEY}`, `${JSON.stringify(file(2))}\n`);
    storage.setItem(`casa-practice/${copy}`, 'x'.repeat(maxBytes - 100));
    const tabA = localStore({ maxBytes });
    const tabB = localStore({ maxBytes });
    // Tab A finishes a scenario: no room, so its records (0, 1 and 2) are held in memory.
    recordPlaythrough(tabA, practice(2), bytes, new Date(practice(2).completedAt));
    expect(tabA.pending()).toEqual([RECORDS_KEY]);
    // Tab B removes the copy and finishes another, better; tab A hears of the removal a moment later.
    tabB.remove(copy);
    const better = { ...practice(3), score: { earned: 18, best: 18, percent: 100, capped: false }, band: 'strong' as const };
    recordPlaythrough(tabB, better, bytes, new Date(better.completedAt));
    expect(readRecords(tabB).playthroughs.map((p) => p.id)).toEqual([practice(0).id, practice(1).id, better.id]);
    window.dispatchEvent(new StorageEvent('storage', { key: `casa-practice/${copy}`, oldValue: 'x', newValue: null, storageArea: storage }));
    expect(tabA.pending()).toEqual([]);
    expect(tabA.problem()).toBeUndefined();
    // Both tabs' practice is stored, in order, and the best result is the other tab's.
    const stored = readRecords(localStore({ maxBytes }));
    expect(stored.playthroughs.map((p) => p.id)).toEqual([0, 1, 2, 3].map((i) => practice(i).id));
    expect(stored.records['example-new-phone']).toMatchObject({ bestPercent: 100, completions: 4, lastCompleted: better.completedAt });
    expect(stored.learner).toBe(file(0).learner);
  });

  it('records held in a tab are not written over stored records that cannot be read whole: those are set aside first', () => {
    const storage = window.localStorage;
    const copy = `${RECORDS_KEY}.damaged-2026-12-01T10-00-00`;
    storage.setItem(`casa-practice/${copy}`, 'x'.repeat(4500));
    const tab = localStore({ maxBytes: 5000, clock: () => Date.parse('2026-12-05T10:00:00Z') });
    expect(tab.tryWrite(RECORDS_KEY, `${JSON.stringify(file(1))}\n`).ok).toBe(false);
    // Another tab's records, damaged (its list of finished scenarios not a list) where these were to go.
    storage.setItem(`casa-practice/${RECORDS_KEY}`, '{"format":"casa-practice-records","formatVersion":2,"playthroughs":"none"}');
    tab.remove(copy);
    expect(tab.pending()).toEqual([]);
    expect(storage.getItem(`casa-practice/${RECORDS_KEY}.damaged-2026-12-05T10-00-00`)).toBe('{"format":"casa-practice-records","formatVersion":2,"playthroughs":"none"}');
    expect(readRecords(localStore()).playthroughs).toHaveLength(1);
  });

  // Found by the records2-47 review: a newer version's records (another tab, updated) were taken for damaged, copied aside and written over.
  it('records held in a tab are not written over records a newer version wrote, nor is a copy of those set aside', () => {
    const storage = window.localStorage;
    const copy = `${RECORDS_KEY}.damaged-2026-12-01T10-00-00`;
    storage.setItem(`casa-practice/${copy}`, 'x'.repeat(4500));
    const tab = localStore({ maxBytes: 5000, clock: () => Date.parse('2026-12-05T10:00:00Z') });
    expect(tab.tryWrite(RECORDS_KEY, `${JSON.stringify(file(1))}\n`).ok).toBe(false);
    const newer = '{"format":"casa-practice-records","formatVersion":9}';
    storage.setItem(`casa-practice/${RECORDS_KEY}`, newer);
    tab.remove(copy);
    expect(storage.getItem(`casa-practice/${RECORDS_KEY}`)).toBe(newer);
    expect(Object.keys(storage).filter((k) => k.includes(`${RECORDS_KEY}.`))).toEqual([]);
    // Said as what it is: room was just made, and the page said the storage was full.
    expect(tab.problem()).toEqual({ kind: 'newer', key: RECORDS_KEY, message: RECORDS_HELD_NEWER });
    expect(tab.problem()?.message).not.toMatch(/full/);
    expect(tab.pending()).toEqual([RECORDS_KEY]);
    // The backup this tab downloads holds what it held, to load in the newer version after a reload.
    const backup = parseBackup(backupText(tab, new Date('2026-12-05T10:00:00Z')).text, new Date('2026-12-05T10:00:00Z'));
    expect(backup.ok && backup.backup.records.playthroughs.map((p) => p.id)).toEqual(file(1).playthroughs.map((p) => p.id));
  });

  it('by default, the largest records it writes make a backup that My records loads back', () => {
    const store = localStore({ storage: () => fakeStorage() });
    expect(store.maxBytes).toBe(WEB_STORE_MAX_BYTES);
    // As many practices as fit compact (about 1,100), written as the core writes them.
    const one = JSON.stringify(practice(0)).length + 1;
    const fits = Math.floor((WEB_STORE_MAX_BYTES - 200) / one);
    const records = file(fits);
    store.write(RECORDS_KEY, recordsText(records, store.maxBytes));
    expect(store.problem()).toBeUndefined();
    expect(store.read(RECORDS_KEY)!.length).toBeGreaterThan(WEB_STORE_MAX_BYTES * 0.95);
    const backup = backupText(store, new Date('2026-12-01T10:00:00Z')).text;
    const parsed = parseBackup(backup, new Date('2026-12-01T10:00:00Z'));
    expect(parsed.ok && parsed.backup.records.playthroughs.length).toBe(fits);
  });
});

describe('requestPersistentStorage', () => {
  it('is feature-detected and never throws', async () => {
    expect(await requestPersistentStorage(undefined)).toBe('unsupported');
    expect(await requestPersistentStorage({} as Navigator)).toBe('unsupported');
    const storage = (persisted: boolean, persist: () => Promise<boolean>) => ({ storage: { persisted: () => Promise.resolve(persisted), persist } as unknown as StorageManager });
    const persist = vi.fn(() => Promise.resolve(true));
    expect(await requestPersistentStorage(storage(false, persist))).toBe('granted');
    expect(persist).toHaveBeenCalledOnce();
    expect(await requestPersistentStorage(storage(false, () => Promise.resolve(false)))).toBe('denied');
    expect(await requestPersistentStorage(storage(true, persist))).toBe('already');
    expect(await requestPersistentStorage(storage(false, () => Promise.reject(new Error('no'))))).toBe('error');
  });

  it('keeps two values set aside in the same second (the second under -2), as the file store does', () => {
    const store = localStore();
    const now = new Date('2025-01-31T10:20:30Z');
    store.write('records.json', 'first');
    expect(store.moveAside('records.json', now)).toBe('records.json.damaged-2025-01-31T10-20-30');
    store.write('records.json', 'second');
    expect(store.moveAside('records.json', now)).toBe('records.json.damaged-2025-01-31T10-20-30-2');
    expect(store.read('records.json.damaged-2025-01-31T10-20-30')).toBe('first');
    expect(store.read('records.json.damaged-2025-01-31T10-20-30-2')).toBe('second');
  });
});
