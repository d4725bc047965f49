import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  backupLeftOutNote, backupLeftOutQuestion, backupText, cleanLine, finishPlaythrough, importBackup, leftInPlace, MAX_BACKUP_ENTRIES, MAX_COMPLETIONS, MAX_RECORD_MINUTES, memoryStore, mergeRecordsFiles, recordsWriteBack, minutesSpent, parseBackup, parseRecordsFile, playthroughRecord, readRecords, recordCompletion, recordPlaythrough, RECORDS_KEY, recordsCsv, restorePlaythroughs, writeSave, xapiFile,
  restoreReplacedSave, saveKey, type Debrief, type PlayableScenario, type PlaythroughRecord, type RecordsFile, type Store,
} from '../../../src/machines/index.js';
import { backupOfManyScenarios } from '../../../bench/hostile.js';
import { example, play } from './fixtures.js';
import { inTimeZone, timeZoneForFile } from '../../helpers/time-zone.js';

const recordsTextOf = (file: RecordsFile) => `${JSON.stringify(file, null, 2)}\n`;

// Damaged practices are named by when they were finished on the local clock: 18:30 UTC is 10:30 a.m. in Los Angeles.
timeZoneForFile('America/Los_Angeles');
const now = new Date('2026-02-10T18:30:00Z');
/** Where records read at `now` and found damaged are set aside. */
const SET_ASIDE = 'records.json.damaged-2026-02-10T18-30-00';
/** Records stored as `text` and read at `now`: the finished scenarios read (by id) are `kept`, and `text` is set aside whole, as it was. */
function readSetAside(text: string, kept: string[]) {
  const store = memoryStore({ [RECORDS_KEY]: text });
  const read = readRecords(store, now);
  expect(read.playthroughs.map((p) => p.id)).toEqual(kept);
  expect(store.read(SET_ASIDE)).toBe(text);
  return { store, read };
}
const playable: PlayableScenario = { scenario: example, file: '/scenarios/example.json', bundled: true };
const debrief = (replies = ['phone-curious', 'after-supervisor']) => play(example, 'practice', replies).getSnapshot().output as Debrief;
let counter = 0;
const bytes = (b: Uint8Array) => {
  counter++;
  for (let i = 0; i < b.length; i++) b[i] = (counter * 13 + i * 29) & 0xff;
  return b;
};
const record = (at: Date, replies?: string[]): PlaythroughRecord =>
  playthroughRecord(example, debrief(replies), { mode: 'practice', startedAt: new Date(at.getTime() - 7 * 60_000).toISOString(), randomBytes: bytes }, at);

// Found by the session-29 review: a best result whose last completion was later than today (a clock
// set wrong once) was left out of a backup as damaged, and asked about, while the records file on the
// same device kept it, future date and all. Both now keep the best result and drop only the date.
describe('a best result dated later than today: kept without its date, in the records file and in a backup alike', () => {
  const future = { bestPercent: 80, completions: 3, lastCompleted: '2099-01-01T00:00:00.000Z' };
  const withinADay = { bestPercent: 60, completions: 1, lastCompleted: new Date(now.getTime() + 12 * 60 * 60_000).toISOString() };

  it('reading the records file', () => {
    const store = memoryStore();
    store.write(RECORDS_KEY, JSON.stringify({ format: 'casa-practice-records', formatVersion: 2, best: { 'example-new-phone': future, 'youth-discloses': withinADay }, playthroughs: [] }));
    const read = readRecords(store, now);
    expect(read.records).toEqual({ 'example-new-phone': { ...future, lastCompleted: '' }, 'youth-discloses': withinADay });
    expect(read).not.toHaveProperty('notice');
    // Format 1 (the bare table of best results) the same.
    expect(parseRecordsFile(JSON.stringify({ 'example-new-phone': future }), now)).toMatchObject({ ok: true, file: { best: { 'example-new-phone': { ...future, lastCompleted: '' } } } });
  });

  it('restoring a backup: nothing is left out, and the restored records are what reading them would give', () => {
    const from = memoryStore();
    from.write(RECORDS_KEY, JSON.stringify({ format: 'casa-practice-records', formatVersion: 2, best: {}, playthroughs: [] }));
    const backup = JSON.parse(backupText(from, now).text) as { records: { best: Record<string, unknown> } };
    backup.records.best['example-new-phone'] = future;
    backup.records.best['youth-discloses'] = withinADay;
    const parsed = parseBackup(JSON.stringify(backup), now);
    expect(parsed).toMatchObject({ ok: true, leftOut: [] });
    if (!parsed.ok) return;
    const into = memoryStore();
    importBackup(into, parsed.backup, now);
    expect(readRecords(into, now).records).toEqual({ 'example-new-phone': { ...future, lastCompleted: '' }, 'youth-discloses': withinADay });
  });
});

describe('records format 2: every completed playthrough is kept', () => {
  it('finishing a playthrough keeps it with its decisions, minutes and mode, and draws an anonymous learner id once', () => {
    const store = memoryStore();
    const out = finishPlaythrough(store, playable, debrief(), now, { mode: 'assessment', startedAt: '2026-02-10T18:18:00.000Z', randomBytes: bytes });
    expect(out?.playthroughs).toHaveLength(1);
    const p = out!.playthroughs[0]!;
    expect(p).toMatchObject({ scenarioId: example.id, mode: 'assessment', minutes: 12, completedAt: now.toISOString(), band: 'strong', score: { percent: 100 } });
    expect(p.decisions.map((d) => d.replyId)).toEqual(['phone-curious', 'after-supervisor']);
    expect(p.decisions[0]!.assessments.length).toBeGreaterThan(0);
    expect(p.principles.length).toBeGreaterThan(0);
    const learner = out!.learner;
    expect(learner).toMatch(/^[0-9a-f-]{36}$/);
    const second = finishPlaythrough(store, playable, debrief(['phone-curious', 'after-search']), now, { randomBytes: bytes });
    expect(second?.learner).toBe(learner);
    expect(second?.playthroughs.map((x) => x.id)).toEqual([p.id, second!.playthroughs[1]!.id]);
    expect(second?.records[example.id]).toMatchObject({ completions: 2, bestPercent: 100 });
    // Read back exactly.
    expect(readRecords(store)).toEqual({ records: second!.records, playthroughs: second!.playthroughs, learner });
  });

  it('records written before format 2 (best results only) stay readable and are kept when a playthrough is added', () => {
    const old = JSON.stringify({ 'youth-discloses': { bestPercent: 90, completions: 3, lastCompleted: '2025-05-01T00:00:00.000Z' } });
    expect(parseRecordsFile(old)).toMatchObject({ ok: true, migratedFrom: 1, file: { playthroughs: [] } });
    const store = memoryStore({ [RECORDS_KEY]: old });
    expect(readRecords(store).records['youth-discloses']).toEqual({ bestPercent: 90, completions: 3, lastCompleted: '2025-05-01T00:00:00.000Z' });
    recordPlaythrough(store, record(now), bytes, now);
    const read = readRecords(store);
    expect(read.notice).toBeUndefined();
    expect(read.records['youth-discloses']?.completions).toBe(3);
    expect(read.records[example.id]?.completions).toBe(1);
    expect(read.playthroughs).toHaveLength(1);
    expect(JSON.parse(store.read(RECORDS_KEY)!)).toMatchObject({ format: 'casa-practice-records', formatVersion: 2 });
    // recordCompletion (best only) keeps the playthroughs.
    recordCompletion(store, 'red-flags', 40, now);
    expect(readRecords(store).playthroughs).toHaveLength(1);
  });

  // Found by the records2-47 review: records written by a newer version (an old tab left open after
  // an update) were called damaged, moved aside, and new records started beside them.
  it('a records file from a newer version is said to be one, left as it is, and never written over or started anew', () => {
    const newer = JSON.stringify({ format: 'casa-practice-records', formatVersion: 3, everything: [] });
    const store = memoryStore({ [RECORDS_KEY]: newer });
    const read = readRecords(store, now);
    expect(read.notice).toBe('Your completion records were written by a newer version of casa-practice (records format 3), which this version cannot read. Nothing is wrong with them: they were left as they are, and nothing is written over them. Update casa-practice to see them; until then, what you finish with this version cannot be added to them.');
    expect(read.notice).not.toMatch(/damaged/);
    expect(read).toMatchObject({ newer: 3, unsaved: true });
    expect(read).not.toHaveProperty('setAside');
    const untouched = () => {
      expect(store.read(RECORDS_KEY)).toBe(newer);
      expect(store.list('').map((e) => e.key)).toEqual([RECORDS_KEY]);
    };
    untouched();
    // Finishing, adding back, loading a backup, writing held records back: none writes over them, nor beside them.
    const finished = recordPlaythrough(store, record(now), bytes, now);
    expect(finished).toMatchObject({ newer: 3, unsaved: true });
    untouched();
    expect(restorePlaythroughs(store, [record(now)], now)).toBe(0);
    recordCompletion(store, 'example-new-phone', 80, now);
    untouched();
    const backup = parseBackup(backupText(memoryStore(), now).text, now);
    if (!backup.ok) throw new Error(backup.error);
    expect(importBackup(store, backup.backup, now)).toMatchObject({ refused: true, newer: 3, message: expect.stringMatching(/^Nothing was loaded from that backup, and nothing was changed: your records here were written by a newer version of casa-practice/) as unknown });
    untouched();
    expect(recordsWriteBack(newer, recordsTextOf({ format: 'casa-practice-records', formatVersion: 2, best: {}, playthroughs: [] }), now)).toBe('newer');
    // A backup made meanwhile says it does not hold them.
    expect(backupText(store, now)).toMatchObject({ newer: 3 });
    untouched();
  });

  it('a backup whose records or saves are of a newer format says so, not that they are damaged or malformed', () => {
    const made = JSON.parse(backupText(memoryStore(), now).text) as { records: Record<string, unknown>; saves: Record<string, unknown> };
    const records = parseBackup(JSON.stringify({ ...made, records: { ...made.records, formatVersion: 3 } }), now);
    expect(records).toEqual({ ok: false, error: 'This file cannot be loaded: it was made by a newer version of casa-practice (records format 3); update casa-practice and try again. Nothing was changed.' });
    const store = memoryStore();
    writeSave(store, playable, play(example, 'practice', ['phone-curious']).getPersistedSnapshot(), undefined, now);
    const withSave = JSON.parse(backupText(store, now).text) as { records: { playthroughs: unknown[] }; saves: Record<string, Record<string, unknown>> };
    withSave.records.playthroughs.push(record(now));
    for (const save of Object.values(withSave.saves)) save.formatVersion = 2;
    const saves = parseBackup(JSON.stringify(withSave), now);
    expect(saves).toMatchObject({ ok: true, leftOut: [{ what: 'the scenario in progress saves/example-new-phone.json', why: 'it was saved by a newer version of casa-practice (save format 2)' }] });
  });

  it('a malformed playthrough is left out and the rest kept (and a record is never added twice)', () => {
    const good = record(now);
    const text = JSON.stringify({ format: 'casa-practice-records', formatVersion: 2, best: {}, playthroughs: [good, { ...good, id: 'nope' }, { ...good, score: 'full' }, good] });
    const parsed = parseRecordsFile(text);
    expect(parsed.ok && parsed.file.playthroughs.map((p) => p.id)).toEqual([good.id]);
    const store = memoryStore();
    recordPlaythrough(store, good, bytes, now);
    recordPlaythrough(store, good, bytes, now);
    expect(readRecords(store).playthroughs).toHaveLength(1);
    expect(readRecords(store).records[example.id]?.completions).toBe(1);
  });

  // Found by the records2-47 review: a damaged practice was named only by its place ("completed
  // practice 2"), so the volunteer could not tell which practice it was.
  it('a damaged practice is named by its title and when it was finished on the local clock, its escapes shown; by its place when those cannot be read', () => {
    const [a, b] = [record(now), record(now)];
    const named = (p: Record<string, unknown>) => readRecords(memoryStore({ [RECORDS_KEY]: JSON.stringify({ format: 'casa-practice-records', formatVersion: 2, best: {}, playthroughs: [a, p] }) }), now).setAside?.why;
    expect(named({ ...b, mode: 'facilitated' })).toBe('the practice of "Example: the new phone" finished on 2026-02-10 at 10:30 a.m.: its mode is neither practice nor assessment');
    // In Kiritimati (UTC+14) 18:30 UTC is the next morning.
    expect(inTimeZone('Pacific/Kiritimati', () => named({ ...b, mode: 'facilitated' }))).toMatch(/^the practice of "Example: the new phone" finished on 2026-02-11 at 8:30 a\.m\.: /);
    expect(named({ ...b, mode: 'facilitated', title: 'Kiara\u001b[2J\u202eevil' })).toBe('the practice of "Kiara\\u001b[2J\\u202eevil" finished on 2026-02-10 at 10:30 a.m.: its mode is neither practice nor assessment');
    expect(named({ ...b, completedAt: 'soon' })).toBe('completed practice 2, of "Example: the new phone": its completion time is not an ISO 8601 time');
    expect(named({ id: 7, title: 42, completedAt: null })).toBe('completed practice 2: its id is not a UUID');
    expect(named({ title: '', scenarioId: 'youth-discloses', completedAt: '2026-02-09T20:15:00.000Z' })).toBe('the practice of "youth-discloses" finished on 2026-02-09 at 12:15 p.m.: its id is not a UUID');
  });

  it('stored records with a playthrough that cannot be read are set aside as they were before the rest is written back, with a notice', () => {
    // E.g. written by a newer version (a mode this one does not know) or edited by hand: the next
    // completion used to write the records back without it, and the practice was gone unsaid.
    const [a, b] = [record(now), record(now)];
    const text = JSON.stringify({ format: 'casa-practice-records', formatVersion: 2, best: {}, playthroughs: [a, { ...b, mode: 'facilitated' }] });
    const { store, read } = readSetAside(text, [a.id]);
    expect(read.setAside).toEqual({ movedTo: SET_ASIDE, why: 'the practice of "Example: the new phone" finished on 2026-02-10 at 10:30 a.m.: its mode is neither practice nor assessment', partly: { unreadable: 1, kept: 1 } });
    expect(read.notice).toBe('Part of your completion records was damaged: 1 finished scenario could not be read (the practice of "Example: the new phone" finished on 2026-02-10 at 10:30 a.m.: its mode is neither practice nor assessment) and is left out of your records; they were moved to records.json.damaged-2026-02-10T18-30-00, and the other 1 finished scenario was kept.');
    // The readable part is the records now: read again, nothing more is set aside or said.
    expect(readRecords(store, now)).toEqual({ records: read.records, playthroughs: [read.playthroughs[0]] });
    recordPlaythrough(store, b, bytes, now);
    expect(readRecords(store, now).playthroughs.map((p) => p.id)).toEqual([a.id, b.id]);
  });

  it('restorePlaythroughs adds back, in one write, what another tab\'s write left out, and writes nothing when none is missing', () => {
    const [a, b, c] = [record(new Date('2026-02-10T10:00:00Z')), record(new Date('2026-02-10T11:00:00Z')), record(new Date('2026-02-10T12:00:00Z'))];
    const store = memoryStore();
    recordPlaythrough(store, b, bytes, now);
    let writes = 0;
    const write = store.write;
    store.write = (k, t) => {
      writes++;
      write(k, t);
    };
    // This tab recorded a and c; the records now hold only b (another tab's write).
    expect(restorePlaythroughs(store, [a, b, c], now)).toBe(2);
    expect(writes).toBe(1);
    const read = readRecords(store, now);
    expect(read.playthroughs.map((p) => p.id)).toEqual([a.id, b.id, c.id]);
    expect(read.records[example.id]?.completions).toBe(3);
    expect(restorePlaythroughs(store, [a, c], now)).toBe(0);
    expect(writes).toBe(1);
  });

  it('minutes come from the start time, capped when a playthrough was left open for days', () => {
    const d = debrief();
    // 10 seconds are 10 seconds: never raised to a minute (see the total's test in xapi-csv).
    expect(playthroughRecord(example, d, { startedAt: '2026-02-10T18:29:50.000Z' }, now)).toMatchObject({ seconds: 10 });
    expect(playthroughRecord(example, d, { startedAt: '2026-02-10T18:29:50.000Z' }, now).minutes).toBeUndefined();
    expect(playthroughRecord(example, d, { startedAt: '2026-02-10T18:29:10.000Z' }, now)).toMatchObject({ seconds: 50, minutes: 1 });
    expect(playthroughRecord(example, d, { startedAt: '2026-02-01T00:00:00.000Z' }, now).minutes).toBe(Math.max(60, 3 * example.estimatedMinutes));
    expect(playthroughRecord(example, d, { activeMs: 25 * 60_000, startedAt: '2026-02-01T00:00:00.000Z' }, now).minutes).toBe(25);
    expect(playthroughRecord(example, d, {}, now).minutes).toBeUndefined();
  });
});

// Found by the session-30 review: when damaged records could not be moved aside (a rename refused)
// but writing worked, the readable part was written back over the file at once, and a finish wrote
// over a wholly damaged one: the only copy of what could not be read was gone.
describe('damaged records that could not be moved aside are never written over', () => {
  /** A store in memory whose moveAside fails as a refused rename does: the value stays where it was. */
  const stuck = () => {
    const store = memoryStore();
    const writes: string[] = [];
    const port: Store & { data: typeof store.data; writes: string[] } = {
      ...store,
      writes,
      write: (key, text) => {
        writes.push(key);
        store.write(key, text);
      },
      moveAside: (key) => leftInPlace(`/state/${key}`, 'permission denied'),
    };
    return port;
  };
  const partlyDamaged = () => {
    const [a, b] = [record(now), record(now)];
    return { a, text: JSON.stringify({ format: 'casa-practice-records', formatVersion: 2, best: {}, playthroughs: [a, { ...b, mode: 'facilitated' }] }) };
  };

  it('partly damaged: reading and recording leave the file as it was, and say so, that the rest is shown, and that this session\'s finishes are not kept there', () => {
    const store = stuck();
    const { a, text } = partlyDamaged();
    store.data.set(RECORDS_KEY, { text, modified: 0 });
    const read = readRecords(store, now);
    expect(store.read(RECORDS_KEY)).toBe(text);
    expect(read.playthroughs.map((p) => p.id)).toEqual([a.id]);
    expect(read.unsaved).toBe(true);
    expect(read.notice).toBe('Part of your completion records is damaged: 1 finished scenario could not be read (the practice of "Example: the new phone" finished on 2026-02-10 at 10:30 a.m.: its mode is neither practice nor assessment); they could not be moved aside (permission denied), so the file was left as it was, at /state/records.json. The rest is shown, but what you finish in this session will not be kept in your records.');
    const c = record(now);
    const out = recordPlaythrough(store, c, bytes, now);
    // The new playthrough is in what was returned (this session), with the readable ones.
    expect(out.playthroughs.map((p) => p.id)).toEqual([a.id, c.id]);
    expect(out.unsaved).toBe(true);
    expect(recordCompletion(store, example.id, 50, now).unsaved).toBe(true);
    expect(restorePlaythroughs(store, [c], now)).toBe(0);
    expect(store.writes).toEqual([]);
    expect(store.read(RECORDS_KEY)).toBe(text);
  });

  it('wholly damaged: a finish does not write over the file, and puts the playthrough\'s save back so it is not lost', () => {
    const store = stuck();
    store.data.set(RECORDS_KEY, { text: '{ not json', modified: 0 });
    const save = '{"a save":true}';
    store.data.set(saveKey(playable), { text: save, modified: 0 });
    const out = finishPlaythrough(store, playable, debrief(), now, { randomBytes: bytes });
    expect(store.read(RECORDS_KEY)).toBe('{ not json');
    expect(store.read(saveKey(playable))).toBe(save);
    expect(out?.unsaved).toBe(true);
    expect(out?.notice).toBe('Your completion records were damaged; they could not be moved aside (permission denied), so the file was left as it was, at /state/records.json and nothing is written over them: this session starts with no records, and what you finish now is kept only for this session.');
    expect(store.read(RECORDS_KEY)).toBe('{ not json');
    expect(store.writes).not.toContain(RECORDS_KEY);
    expect(store.read(saveKey(playable))).toBe(save);
  });

  it('records that could not be read at all are not written over either', () => {
    const store = stuck();
    const port: Store = { ...store, read: (key) => { if (key === RECORDS_KEY) throw new Error('EIO: i/o error'); return store.read(key); } };
    const out = recordPlaythrough(port, record(now), bytes, now);
    expect(store.writes).toEqual([]);
    expect(out.unsaved).toBe(true);
    expect(out.notice).toBe('Your completion records could not be read (EIO: i/o error); they could not be moved aside (permission denied), so the file was left as it was, at /state/records.json and nothing is written over them: this session starts with no records, and what you finish now is kept only for this session.');
    expect(store.writes).toEqual([]);
  });

  it('records that could not be read but could be moved aside are kept there, and new records start beside them', () => {
    // A file this user may not read: kept under another name, as damaged records are, so the finish is recorded.
    const store = memoryStore({ [RECORDS_KEY]: 'unreadable here' });
    const port: Store = { ...store, read: (key) => { if (key === RECORDS_KEY && store.read(key) === 'unreadable here') throw new Error('EACCES: permission denied'); return store.read(key); } };
    const out = recordPlaythrough(port, record(now), bytes, now);
    expect(out.unsaved).toBeUndefined();
    const aside = [...store.data.keys()].find((k) => k.startsWith(`${RECORDS_KEY}.damaged-`))!;
    expect(store.read(aside)).toBe('unreadable here');
    expect(out.notice).toBe(`Your completion records could not be read (EACCES: permission denied); they were moved to ${aside} and new records were started.`);
    // Set aside as damaged records are, for a UI to word where they went itself (a browser names no key).
    expect(out.setAside).toEqual({ movedTo: aside, why: 'EACCES: permission denied', cannotRead: true });
    expect(JSON.parse(store.read(RECORDS_KEY)!).playthroughs).toHaveLength(1);
  });

  it('what holds no data in the records\' place (a named pipe, a device) is replaced by new records, with nothing set aside', () => {
    // Even where nothing could be moved aside: there is nothing in it to keep.
    const store = stuck();
    store.data.set(RECORDS_KEY, { text: 'a pipe', modified: 0 });
    const port: Store = { ...store, read: (key) => { if (key === RECORDS_KEY && store.read(key) === 'a pipe') throw Object.assign(new Error('it is not a regular file'), { holdsNoData: true }); return store.read(key); } };
    const out = recordPlaythrough(port, record(now), bytes, now);
    expect(out.unsaved).toBeUndefined();
    expect(out.notice).toBe('Your completion records could not be read (their file is not a regular file).');
    expect(JSON.parse(store.read(RECORDS_KEY)!).playthroughs).toHaveLength(1);
  });
});

describe('records dated later than today, or claiming more minutes than casa-practice records', () => {
  // A records file or backup is untrusted: a playthrough dated next year counted toward next year's
  // total, and one claiming any minutes (up to 1440) was added to the year as they said.
  const at = (completedAt: string, minutes: number, startedAt?: string): PlaythroughRecord =>
    ({ ...record(new Date(completedAt)), completedAt, minutes, seconds: undefined, ...(startedAt ? { startedAt } : { startedAt: undefined }) });

  it('sets such entries aside as damaged, with the notice other damaged entries get, and keeps the rest as they were', () => {
    const good = at('2026-02-10T12:00:00.000Z', 7, '2026-02-10T11:50:00.000Z');
    const longest = at('2026-02-10T12:30:00.000Z', MAX_RECORD_MINUTES, '2026-02-09T12:00:00.000Z');
    // A clock a few hours ahead (another time zone set wrong) is within the day's slack.
    const aheadToday = at('2026-02-11T06:00:00.000Z', 5, '2026-02-11T05:55:00.000Z');
    const nextYear = at('2027-02-10T12:00:00.000Z', 5);
    const startsLater = at('2026-02-10T12:00:00.000Z', 5, '2026-03-01T00:00:00.000Z');
    const tooMany = at('2026-02-10T13:00:00.000Z', MAX_RECORD_MINUTES + 1, '2026-02-01T00:00:00.000Z');
    const moreThanPassed = at('2026-02-10T14:00:00.000Z', 300, '2026-02-10T13:30:00.000Z');
    const text = JSON.stringify({ format: 'casa-practice-records', formatVersion: 2, best: {}, playthroughs: [good, nextYear, longest, startsLater, tooMany, moreThanPassed, aheadToday] });
    const { read } = readSetAside(text, [good.id, longest.id, aheadToday.id]);
    // Never changed to fit: what is kept says what it said.
    expect(read.playthroughs.map((p) => p.minutes)).toEqual([7, MAX_RECORD_MINUTES, 5]);
    expect(read.notice).toBe('Part of your completion records was damaged: 4 finished scenarios could not be read (the practice of "Example: the new phone" finished on 2027-02-10 at 4:00 a.m.: its completion date, 2027-02-10, is later than today) and are left out of your records; they were moved to records.json.damaged-2026-02-10T18-30-00, and the other 3 finished scenarios were kept.');
    const why = (p: PlaythroughRecord) => {
      const one = readRecords(memoryStore({ [RECORDS_KEY]: JSON.stringify({ format: 'casa-practice-records', formatVersion: 2, best: {}, playthroughs: [p] }) }), now);
      return one.setAside?.why;
    };
    expect(why(startsLater)).toBe('the practice of "Example: the new phone" finished on 2026-02-10 at 4:00 a.m.: its start date, 2026-03-01, is later than today');
    expect(why(tooMany)).toBe(`the practice of "Example: the new phone" finished on 2026-02-10 at 5:00 a.m.: it claims ${MAX_RECORD_MINUTES + 1} minutes, but casa-practice records at most ${MAX_RECORD_MINUTES} for one finished scenario`);
    expect(why(moreThanPassed)).toBe('the practice of "Example: the new phone" finished on 2026-02-10 at 6:00 a.m.: it claims 300 minutes, but only 30 passed from its start to its end');
  });

  it('a playthrough finished here never makes such a record: a start time from another clock that disagrees with its minutes is left out', () => {
    // A save carried in a backup from a device whose clock was 40 minutes ahead, 25 minutes played.
    const theirs = new Date(now.getTime() - 25 * 60_000 + 40 * 60_000).toISOString();
    const made = playthroughRecord(example, debrief(), { activeMs: 25 * 60_000, startedAt: theirs }, now);
    expect(made.minutes).toBe(25);
    expect(made.startedAt).toBeUndefined();
    const store = memoryStore();
    recordPlaythrough(store, made, bytes, now);
    expect(readRecords(store, now)).toMatchObject({ playthroughs: [{ id: made.id, minutes: 25 }] });
    expect(readRecords(store, now).notice).toBeUndefined();
    // A start time that agrees is kept.
    expect(playthroughRecord(example, debrief(), { activeMs: 25 * 60_000, startedAt: '2026-02-10T18:00:00.000Z' }, now).startedAt).toBe('2026-02-10T18:00:00.000Z');
  });

  it('the most minutes a record may hold is what casa-practice records for the longest scenario the schema allows', () => {
    // A number's bounds hold for a real number only: the "then" of its "allOf" test for one, in the
    // test of the rule that tells a number out of them its range.
    const schema = JSON.parse(readFileSync('scenarios/scenario.schema.json', 'utf8')) as { properties: { estimatedMinutes: { allOf: { then: { allOf?: { if?: { maximum?: number } }[] }; else?: unknown }[] } } };
    const longest = schema.properties.estimatedMinutes.allOf.find((a) => a.else !== undefined)?.then.allOf?.find((a) => a.if !== undefined)?.if?.maximum;
    expect(longest).toEqual(expect.any(Number));
    if (longest === undefined) return;
    expect(minutesSpent(longest, now, { activeMs: 30 * 24 * 3_600_000 })).toBe(MAX_RECORD_MINUTES);
    expect(minutesSpent(longest + 1, now, { activeMs: 30 * 24 * 3_600_000 })).toBeGreaterThan(MAX_RECORD_MINUTES);
  });

  it('dates that are not on the calendar (30 February, 31 April, 24:00) are damaged too, in records, in a backup, and never recorded from a save', () => {
    // JavaScript reads 2026-02-30 as 2 March: such a record was listed under a day it does not name,
    // and exported as it stood (an xAPI timestamp a learning record store refuses).
    const good = at('2026-02-10T12:00:00.000Z', 5, '2026-02-10T11:55:00.000Z');
    const feb30 = at('2026-02-30T12:00:00.000Z', 5);
    const apr31 = at('2025-04-31T12:00:00.000Z', 5);
    const midnight = at('2026-02-09T24:00:00.000Z', 5);
    const startFeb29 = at('2026-02-01T12:00:00.000Z', 5, '2025-02-29T11:55:00.000Z');
    const leapDay = at('2024-02-29T12:00:00.000Z', 5, '2024-02-29T11:55:00.000Z');
    const text = JSON.stringify({ format: 'casa-practice-records', formatVersion: 2, best: {}, playthroughs: [good, feb30, apr31, midnight, startFeb29, leapDay] });
    const read = readRecords(memoryStore({ [RECORDS_KEY]: text }), now);
    expect(read.playthroughs.map((p) => p.id)).toEqual([good.id, leapDay.id]);
    expect(read.setAside?.why).toBe('completed practice 2, of "Example: the new phone": its completion time, 2026-02-30T12:00:00, is not a date and time on the calendar');
    const one = (p: PlaythroughRecord) => readRecords(memoryStore({ [RECORDS_KEY]: JSON.stringify({ format: 'casa-practice-records', formatVersion: 2, best: {}, playthroughs: [p] }) }), now).setAside?.why;
    expect(one(midnight)).toBe('completed practice 1, of "Example: the new phone": its completion time, 2026-02-09T24:00:00, is not a date and time on the calendar');
    expect(one(startFeb29)).toBe('the practice of "Example: the new phone" finished on 2026-02-01 at 4:00 a.m.: its start time, 2025-02-29T11:55:00, is not a date and time on the calendar');
    const backup = JSON.stringify({ format: 'casa-practice-backup', formatVersion: 1, exportedAt: now.toISOString(), records: { format: 'casa-practice-records', formatVersion: 2, best: {}, playthroughs: [apr31] }, saves: {} });
    expect(parseBackup(backup, now)).toEqual({ ok: false, error: 'This file cannot be loaded: it is damaged (completed practice 1, of "Example: the new phone": its completion time, 2025-04-31T12:00:00, is not a date and time on the calendar). Nothing was changed.' });
    // A save's start time is untrusted too: a finish never writes a record the next read would refuse.
    const made = playthroughRecord(example, debrief(), { activeMs: 5 * 60_000, startedAt: '2026-02-31T18:25:00.000Z' }, now);
    expect(made.startedAt).toBeUndefined();
    const store = memoryStore();
    recordPlaythrough(store, made, bytes, now);
    expect(readRecords(store, now)).toMatchObject({ playthroughs: [{ id: made.id, minutes: 5 }] });
    expect(readRecords(store, now).notice).toBeUndefined();
  });

  it('a backup holding only one is refused whole, in the words any damaged backup gets; beside other practice it is left out and named', () => {
    const store = memoryStore();
    recordPlaythrough(store, record(new Date('2026-01-05T17:00:00Z')), bytes, now);
    const backup = JSON.parse(backupText(store, now).text) as { records: { playthroughs: Record<string, unknown>[] }; saves: Record<string, { session: { savedAt: string } }> };
    expect(parseBackup(JSON.stringify(backup), now).ok).toBe(true);
    const future = structuredClone(backup);
    future.records.playthroughs[0]!.completedAt = '2026-02-12T09:00:00.000Z';
    expect(parseBackup(JSON.stringify(future), now)).toEqual({ ok: false, error: 'This file cannot be loaded: it is damaged (the practice of "Example: the new phone" finished on 2026-02-12 at 1:00 a.m.: its completion date, 2026-02-12, is later than today). Nothing was changed.' });
    const forged = structuredClone(backup);
    forged.records.playthroughs[0]!.minutes = 5000;
    expect(parseBackup(JSON.stringify(forged), now)).toEqual({ ok: false, error: `This file cannot be loaded: it is damaged (the practice of "Example: the new phone" finished on 2026-01-05 at 9:00 a.m.: it claims 5000 minutes, but casa-practice records at most ${MAX_RECORD_MINUTES} for one finished scenario). Nothing was changed.` });
    // A scenario in progress dated later would count as newer than any save here, and as saved after its scenario was last finished.
    writeSave(store, playable, play(example, 'practice', ['phone-curious']).getPersistedSnapshot(), '2026-02-10T18:00:00.000Z', new Date('2026-03-10T18:00:00.000Z'));
    const laterSave = parseBackup(backupText(store, now).text, now);
    expect(laterSave).toMatchObject({ ok: true, leftOut: [{ what: 'the scenario in progress saves/example-new-phone.json', why: 'it was saved on 2026-03-10, later than today' }] });
    expect(laterSave.ok && laterSave.backup.saves).toEqual({});
    expect(laterSave.ok && laterSave.backup.records.playthroughs).toHaveLength(1);
    store.remove('saves/example-new-phone.json');
    // With nothing else to load, a future-dated save is refused whole.
    const onlySave = JSON.parse(backupText(store, now).text) as { records: { playthroughs: unknown[] }; saves: Record<string, unknown> };
    onlySave.records.playthroughs = [];
    onlySave.saves['saves/example-new-phone.json'] = { format: 'casa-practice-terminal-save', formatVersion: 1, session: { savedAt: '2026-03-10T18:00:00.000Z' } };
    expect(parseBackup(JSON.stringify(onlySave), now)).toEqual({ ok: false, error: 'This file cannot be loaded: it is damaged (the scenario in progress saves/example-new-phone.json: it was saved on 2026-03-10, later than today). Nothing was changed.' });
  });
});

// From the web check (session 44): a completed practice dated year 0000 in a backup was loaded as it
// stood, into the records and from there into every export (an xAPI timestamp of year 0). A date
// before 2000 is no practice casa-practice recorded: left out and named, as a date later than today is.
describe('a completed practice in a backup dated before 2000 (year 0000)', () => {
  it('is left out and named with its reason; the rest loads, and neither the records nor an xAPI export carry it', () => {
    const store = memoryStore();
    recordPlaythrough(store, record(new Date('2026-01-05T17:00:00Z')), bytes, now);
    recordPlaythrough(store, record(new Date('2026-01-06T17:00:00Z'), ['phone-curious', 'after-search']), bytes, now);
    recordPlaythrough(store, record(new Date('2026-01-07T17:00:00Z')), bytes, now);
    const backup = JSON.parse(backupText(store, now).text) as { records: { playthroughs: Record<string, unknown>[] } };
    const [first, second] = backup.records.playthroughs;
    first!.completedAt = '0000-01-01T00:00:00.000Z';
    second!.startedAt = '1999-12-31T23:50:00.000Z';
    const parsed = parseBackup(JSON.stringify(backup), now);
    expect(parsed).toMatchObject({ ok: true, leftOut: [
      { what: 'completed practice 1, of "Example: the new phone"', why: 'its completion date, 0000-01-01, is before 2000, earlier than any practice casa-practice records' },
      { what: 'the practice of "Example: the new phone" finished on 2026-01-06 at 9:00 a.m.', why: 'its start date, 1999-12-31, is before 2000, earlier than any practice casa-practice records' },
    ] });
    // With nothing else in it, it is refused whole, as any damaged backup is.
    const onlyOne = structuredClone(backup);
    onlyOne.records.playthroughs = [first!];
    expect(parseBackup(JSON.stringify(onlyOne), now)).toEqual({ ok: false, error: 'This file cannot be loaded: it is damaged (completed practice 1, of "Example: the new phone": its completion date, 0000-01-01, is before 2000, earlier than any practice casa-practice records). Nothing was changed.' });
    // The first day of 2000 is a date it takes.
    const y2k = structuredClone(onlyOne);
    y2k.records.playthroughs[0] = { ...first!, completedAt: '2000-01-01T00:00:00.000Z', startedAt: '2000-01-01T00:00:00.000Z', minutes: undefined, seconds: undefined };
    expect(parseBackup(JSON.stringify(y2k), now)).toMatchObject({ ok: true, leftOut: [] });
    // The rest loaded: only the third is in the records, and in an export.
    if (!parsed.ok) throw new Error(parsed.error);
    expect(backupLeftOutNote(parsed.leftOut)).toBe('Left out as damaged: completed practice 1, of "Example: the new phone" and the best result for "example-new-phone" it counted; the practice of "Example: the new phone" finished on 2026-01-06 at 9:00 a.m.');
    const into = memoryStore();
    importBackup(into, parsed.backup, now);
    const read = readRecords(into, now);
    expect(read.playthroughs.map((p) => p.completedAt)).toEqual(['2026-01-07T17:00:00.000Z']);
    expect(xapiFile(read.playthroughs, { learner: read.learner ?? '00000000-0000-4000-8000-000000000000' })).not.toContain('0000-01-01');
  });
});

// A volunteer who loaded the wrong backup gets back the save it replaced (My records' "Restore this
// save"): the save there then is set aside first, never written over (test/web/records-restore-replaced).
describe('restoreReplacedSave', () => {
  const KEY = 'saves/example-new-phone.json';
  const save = (savedAt: string) => JSON.stringify({
    format: 'casa-practice-terminal-save', formatVersion: 1, scenario: { source: 'bundled', id: 'example-new-phone' },
    session: { format: 'casa-practice-session', formatVersion: 1, scenarioId: 'example-new-phone', scenarioVersion: 1, savedAt, snapshot: { value: 'd1', status: 'active', context: { transcript: [] } } },
  });
  it('sets the save there aside (as damaged when it cannot be used), puts the copy back and removes it; refuses what is not a replaced save', () => {
    const copy = `${KEY}.replaced-2026-02-09T10-00-00`;
    const mine = save('2026-02-08T10:00:00.000Z');
    const store = memoryStore({ [KEY]: '{"broken', [copy]: mine });
    expect(restoreReplacedSave(store, copy, now)).toEqual({ ok: true, key: KEY, setAside: `${KEY}.damaged-2026-02-10T18-30-00` });
    expect(store.read(KEY)).toBe(mine);
    expect(store.read(`${KEY}.damaged-2026-02-10T18-30-00`)).toBe('{"broken');
    expect(store.read(copy)).toBeUndefined();
    expect(restoreReplacedSave(store, `${KEY}.damaged-2026-02-10T18-30-00`, now)).toEqual({ ok: false, why: 'it is not a save set aside when a backup replaced it' });
    // A copy of another scenario's progress under this key would not resume: refused, as a backup's is.
    const other = `${KEY}.replaced-2026-02-09T11-00-00`;
    store.write(other, save('2026-02-08T10:00:00.000Z').replaceAll('example-new-phone', 'youth-discloses'));
    expect(restoreReplacedSave(store, other, now)).toEqual({ ok: false, why: 'it holds progress in "youth-discloses", not in the scenario its name says' });
    expect(store.read(KEY)).toBe(mine);
  });

  // A copy whose practice was carried on by the backup's save and finished since would be finished a
  // second time, its minutes counted twice (as loading a backup skips a save finished since it was
  // made): refused, nothing moved. A copy of another sitting of the same scenario is restored.
  it('a copy whose practice was finished since is not restored; one of another sitting is', () => {
    const at = new Date('2026-02-09T12:00:00Z');
    const done = record(at);
    const copyOf = (startedAt: string) => JSON.stringify({ ...JSON.parse(save('2026-02-08T10:00:00.000Z')), startedAt });
    const copy = `${KEY}.replaced-2026-02-09T10-00-00`;
    const store = memoryStore({ [copy]: copyOf(done.startedAt!) });
    recordPlaythrough(store, done, bytes, now);
    const result = restoreReplacedSave(store, copy, now);
    expect(result).toEqual({ ok: false, why: 'the practice it holds was finished here on 2026-02-09 (the backup\'s save that replaced it carried it on): if it were restored, it would be finished a second time and its minutes so far counted twice' });
    expect(store.read(KEY)).toBeUndefined();
    expect(store.read(copy)).toBe(copyOf(done.startedAt!));
    store.write(copy, copyOf('2026-02-08T09:50:00.000Z'));
    expect(restoreReplacedSave(store, copy, now)).toEqual({ ok: true, key: KEY });
  });

  // The copy downloaded from My records and chosen under "Load a backup" was "not a casa-practice
  // backup", as if it were any file: it is said as what it is, and where it is put back.
  it('a save chosen as a backup is said to be one, with where a replaced save is restored', () => {
    expect(parseBackup(save('2026-02-08T10:00:00.000Z'), now)).toEqual({ ok: false, error: 'This file cannot be loaded: it is a copy of one scenario in progress (a save), not a backup; a save a loaded backup replaced is put back with “Restore this save” beside it in My records, in the browser it was set aside in; otherwise choose the backup file (casa-practice-backup-….json) instead. Nothing was changed.' });
  });
});

describe('backup file', () => {
  function storeWithProgress() {
    const store = memoryStore();
    recordPlaythrough(store, record(new Date('2026-01-05T17:00:00Z')), bytes, now);
    recordPlaythrough(store, record(new Date('2026-01-06T17:00:00Z'), ['phone-curious', 'after-search']), bytes, now);
    const actor = play(example, 'practice', ['phone-curious']);
    writeSave(store, playable, actor.getPersistedSnapshot(), '2026-02-10T18:00:00.000Z', now);
    return store;
  }

  it('round-trips into an empty store: records, learner and the session in progress', () => {
    const from = storeWithProgress();
    const { text } = backupText(from, now);
    const parsed = parseBackup(text);
    if (!parsed.ok) throw new Error(parsed.error);
    const to = memoryStore();
    const result = importBackup(to, parsed.backup, now);
    expect(result).toMatchObject({ added: 2, alreadyHad: 0, savesLoaded: 1, savesKept: 0 });
    expect(result.message).toBe('Added 2 finished scenarios to your records; loaded 1 scenario in progress, to continue where you left off.');
    expect(readRecords(to)).toEqual(readRecords(from));
    expect(to.read('saves/example-new-phone.json')).toBe(from.read('saves/example-new-phone.json'));
  });

  // Found in the web check (session 61): a backup from a newer version held saves of scenarios the
  // app loading it does not have, and it said they were loaded "to continue where you left off".
  it('saves of scenarios the loading app does not have (playsHere) are kept, and said not to continue there', () => {
    const from = storeWithProgress();
    const parsed = parseBackup(backupText(from, now).text);
    if (!parsed.ok) throw new Error(parsed.error);
    const other = memoryStore();
    const none = importBackup(other, parsed.backup, now, () => false);
    expect(none).toMatchObject({ savesLoaded: 1, savesNotPlayedHere: 1 });
    expect(none.message).toBe('Added 2 finished scenarios to your records; kept 1 scenario in progress whose scenario is not in this app: it cannot be continued here, and it stays in this browser (and in the backups you download here).');
    expect(other.read('saves/example-new-phone.json')).toBe(from.read('saves/example-new-phone.json'));
    // Two, and nothing else to say: the plural, and the sentence begun with a capital.
    const two = structuredClone(parsed.backup);
    two.saves['saves/example-2.json'] = two.saves['saves/example-new-phone.json']!;
    two.records.playthroughs = [];
    expect(importBackup(memoryStore(), two, now, () => false).message).toBe('Kept 2 scenarios in progress whose scenarios are not in this app: they cannot be continued here, and they stay in this browser (and in the backups you download here).');
    // One the app has is said as before.
    expect(importBackup(memoryStore(), parsed.backup, now, (id) => id === example.id).message).toBe('Added 2 finished scenarios to your records; loaded 1 scenario in progress, to continue where you left off.');
  });

  // An edited backup was taken in as it stood: a score of 30 of 27 points at 37%, or a record
  // copied under a new id (its minutes then counted twice).
  it('a score that could not come from a playthrough is refused, and a copy of a playthrough under a new id is not added again', () => {
    const store = storeWithProgress();
    const backup = JSON.parse(backupText(store, now).text) as { records: { playthroughs: { id: string; score: { earned: number; best: number; percent: number; capped: boolean } }[] } };
    const [first] = backup.records.playthroughs;
    if (!first) throw new Error('no playthrough');
    const inflated = structuredClone(backup);
    inflated.records.playthroughs[0]!.score = { ...first.score, earned: first.score.best + 3 };
    // Beside other practice it is left out and named (as any damaged record is).
    expect(parseBackup(JSON.stringify(inflated), now)).toMatchObject({ ok: true, leftOut: [{ why: `its score claims ${first.score.best + 3} points of a best total of ${first.score.best}` }] });
    const wrongPercent = structuredClone(backup);
    wrongPercent.records.playthroughs[0]!.score = { ...first.score, percent: (first.score.percent + 37) % 100 };
    expect(parseBackup(JSON.stringify(wrongPercent), now)).toMatchObject({ ok: true, leftOut: [{ why: expect.stringContaining(`its score does not add up: ${first.score.earned} of ${first.score.best} points is ${first.score.percent}%`) }] });
    // A copy under a new id, into the store it came from and into an empty one.
    const copied = structuredClone(backup);
    copied.records.playthroughs.push({ ...structuredClone(first), id: '00000000-0000-4000-8000-00000000c0de' });
    const parsed = parseBackup(JSON.stringify(copied), now);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(importBackup(store, parsed.backup, now)).toMatchObject({ added: 0 });
    const empty = memoryStore();
    expect(importBackup(empty, parsed.backup, now)).toMatchObject({ added: 2 });
    expect(readRecords(empty).playthroughs).toHaveLength(2);
  });

  // Records damaged and left where they were (no room to set them aside) are the only copy of what
  // they hold: the backup was written over them all the same, under a notice saying nothing would be.
  it('over damaged records left where they were, nothing is loaded: neither records nor saves are written', () => {
    const parsed = parseBackup(backupText(storeWithProgress(), now).text);
    if (!parsed.ok) throw new Error(parsed.error);
    const inner = memoryStore({ [RECORDS_KEY]: '{"broken' });
    const full: Store = { ...inner, moveAside: (key) => leftInPlace(key, 'the storage is full') };
    const result = importBackup(full, parsed.backup, now);
    expect(result).toMatchObject({ refused: true, added: 0, savesLoaded: 0, setAside: { movedTo: expect.stringContaining('left in place') } });
    expect(result.message).toBe('Nothing was loaded from that backup, and nothing was changed: your records here are damaged and could not be set aside, and loading it would write over them.');
    expect([...inner.data.keys()]).toEqual([RECORDS_KEY]);
    expect(inner.read(RECORDS_KEY)).toBe('{"broken');
  });

  it('loading the same backup twice, or into the store it came from, adds nothing', () => {
    const store = storeWithProgress();
    const before = readRecords(store);
    const parsed = parseBackup(backupText(store, now).text);
    if (!parsed.ok) throw new Error(parsed.error);
    const again = importBackup(store, parsed.backup, now);
    expect(again).toMatchObject({ added: 0, alreadyHad: 2, savesLoaded: 0, savesKept: 1 });
    expect(again.message).toBe('2 finished scenarios were already in your records and were not added again; 1 scenario in progress was already here, as new or newer, and was kept as it was.');
    expect(readRecords(store)).toEqual(before);
  });

  // One scenario in progress, carried in a backup to a second browser and finished in both, made two
  // records (each its own id and finish) that both held the minutes before the backup; merging the
  // second browser's backup counted them twice. The same practice (the same scenario started at the
  // same time, as its save kept it) counts once, and the import says so; another practice counts.
  it('one scenario in progress finished in two browsers counts once when their backups are merged, and is said so; another practice of it still counts', () => {
    const started = '2026-02-10T18:00:00.000Z';
    const browserA = memoryStore();
    recordPlaythrough(browserA, record(new Date('2026-01-05T17:00:00Z')), bytes, now);
    writeSave(browserA, playable, play(example, 'practice', ['phone-curious']).getPersistedSnapshot(), started, new Date('2026-02-10T18:15:00Z'), 15 * 60_000);
    const carried = parseBackup(backupText(browserA, now).text, now);
    if (!carried.ok) throw new Error(carried.error);
    const browserB = memoryStore();
    expect(importBackup(browserB, carried.backup, now)).toMatchObject({ added: 1, savesLoaded: 1 });
    // Finished in both: 20 minutes here (15 before the backup), 22 there (the same 15, and 7 of its own).
    const finishedA = finishPlaythrough(browserA, playable, debrief(), new Date('2026-02-10T18:20:00Z'), { mode: 'practice', startedAt: started, activeMs: 20 * 60_000, randomBytes: bytes });
    const finishedB = finishPlaythrough(browserB, playable, debrief(), new Date('2026-02-10T18:25:00Z'), { mode: 'practice', startedAt: started, activeMs: 22 * 60_000, randomBytes: bytes });
    expect(finishedA?.recorded.id).not.toBe(finishedB?.recorded.id);
    // Browser B also practised the scenario again, from its beginning: another practice.
    recordPlaythrough(browserB, record(new Date('2026-02-10T18:29:00Z')), bytes, now);
    const fromB = parseBackup(backupText(browserB, now).text, now);
    if (!fromB.ok) throw new Error(fromB.error);
    const result = importBackup(browserA, fromB.backup, now);
    expect(result).toMatchObject({ added: 1, alreadyHad: 1, sameProgress: 1 });
    expect(result.message).toBe('Added 1 finished scenario to your records; 1 finished scenario was already in your records and was not added again; 1 finished scenario was not added because it was the same practice as another (one scenario in progress, carried in a backup and finished in two places), so its time counts once.');
    const merged = readRecords(browserA, now).playthroughs;
    expect(merged.filter((p) => p.startedAt === started).map((p) => p.id)).toEqual([finishedA?.recorded.id]);
    expect(merged).toHaveLength(3);
    // The minutes: 20 of the practice carried over (not 20 + 22), 7 of the other practice, and the January one.
    expect(merged.reduce((sum, p) => sum + (p.seconds ?? 0), 0)).toBe((20 + 7) * 60 + (record(new Date('2026-01-05T17:00:00Z')).seconds ?? 0));
    // Loaded again, nothing changes, and the same is said of it.
    expect(importBackup(browserA, fromB.backup, now)).toMatchObject({ added: 0, sameProgress: 1 });
    expect(readRecords(browserA, now).playthroughs).toEqual(merged);
  });

  // From the hostile-48 review: a backup that itself holds one practice finished twice (merged on a
  // device before one practice counted once) said the second was "the same practice as one already in
  // your records" of records that were empty. It is the same practice as another: said so, wherever
  // the other is.
  it('a backup holding one practice finished twice, loaded into empty records, adds it once and does not say the other was already here', () => {
    const started = '2026-02-10T18:00:00.000Z';
    const source = memoryStore();
    const first = finishPlaythrough(source, playable, debrief(), new Date('2026-02-10T18:20:00Z'), { mode: 'practice', startedAt: started, activeMs: 20 * 60_000, randomBytes: bytes });
    const raw = JSON.parse(backupText(source, now).text) as { records: { playthroughs: { id: string; completedAt: string }[] } };
    const twice = { ...raw.records.playthroughs[0]!, id: (first?.recorded.id ?? '').replace(/.$/, (c) => (c === '0' ? '1' : '0')), completedAt: '2026-02-10T18:25:00.000Z' };
    raw.records.playthroughs.push(twice);
    const parsed = parseBackup(JSON.stringify(raw), now);
    if (!parsed.ok) throw new Error(parsed.error);
    const empty = memoryStore();
    const result = importBackup(empty, parsed.backup, now);
    expect(result).toMatchObject({ added: 1, alreadyHad: 0, sameProgress: 1 });
    expect(result.message).toBe('Added 1 finished scenario to your records; 1 finished scenario was not added because it was the same practice as another (one scenario in progress, carried in a backup and finished in two places), so its time counts once.');
    expect(result.message).not.toContain('already in your records');
    expect(readRecords(empty, now).playthroughs).toHaveLength(1);
  });

  it('says one finished scenario and one scenario in progress in the singular, and nothing of what there was none of', () => {
    const store = memoryStore();
    recordPlaythrough(store, record(new Date('2026-01-05T17:00:00Z')), bytes, now);
    writeSave(store, playable, play(example, 'practice', ['phone-curious']).getPersistedSnapshot(), '2026-02-10T18:00:00.000Z', now);
    const parsed = parseBackup(backupText(store, now).text);
    if (!parsed.ok) throw new Error(parsed.error);
    const again = importBackup(store, parsed.backup, now);
    expect(again).toMatchObject({ added: 0, alreadyHad: 1, savesLoaded: 0, savesKept: 1 });
    expect(again.message).toBe('1 finished scenario was already in your records and was not added again; 1 scenario in progress was already here, as new or newer, and was kept as it was.');
    const empty = parseBackup(backupText(memoryStore(), now).text);
    if (!empty.ok) throw new Error(empty.error);
    expect(importBackup(memoryStore(), empty.backup, now).message).toBe('This backup holds no finished scenarios and no scenarios in progress: nothing was added.');
  });

  it('merges with progress made on another device: union of playthroughs, best kept, learner here kept', () => {
    const a = storeWithProgress();
    const b = memoryStore();
    recordPlaythrough(b, record(new Date('2026-01-07T17:00:00Z')), bytes, now);
    const learnerB = readRecords(b).learner;
    const parsed = parseBackup(backupText(a, now).text);
    if (!parsed.ok) throw new Error(parsed.error);
    importBackup(b, parsed.backup, now);
    const merged = readRecords(b);
    expect(merged.playthroughs.map((p) => p.completedAt)).toEqual(['2026-01-05T17:00:00.000Z', '2026-01-06T17:00:00.000Z', '2026-01-07T17:00:00.000Z']);
    expect(merged.records[example.id]).toMatchObject({ completions: 3, bestPercent: 100, lastCompleted: '2026-01-07T17:00:00.000Z' });
    expect(merged.learner).toBe(learnerB);
  });

  it.each([
    ['not JSON', 'hello', /not a casa-practice backup \(it is not JSON/],
    ['cut short', '{"format": "casa-practice-backup", "formatVersion": 1, "exp', /not JSON, or it was cut short/],
    ['another program\'s JSON', '{"statements": []}', /it is not a casa-practice backup\./],
    ['a records file', '{"format": "casa-practice-records", "formatVersion": 2}', /it is a casa-practice records file \(the terminal's records\.json, or a copy of records set aside\), not a backup;/],
    ['a newer version', '{"format": "casa-practice-backup", "formatVersion": 7}', /made by a newer version of casa-practice \(backup format 7\)/],
    ['no records', '{"format": "casa-practice-backup", "formatVersion": 1, "exportedAt": "2026-01-01T00:00:00Z", "saves": {}}', /its records are missing or malformed/],
  ])('refuses %s with a clear sentence', (_name, text, message) => {
    const r = parseBackup(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatch(message);
      expect(r.error).toMatch(/Nothing was changed\.$/);
    }
  });

  // My records' own exports chosen in place of the backup: named as what they are, not as damage.
  it('names the records table (CSV) and the xAPI file casa-practice exports, as spreadsheets save them too, and loads neither', () => {
    const store = storeWithProgress();
    const { playthroughs, learner } = readRecords(store);
    const csv = recordsCsv(playthroughs);
    const xapi = xapiFile(playthroughs, { learner: learner ?? '00000000-0000-4000-8000-000000000000' });
    const csvWords = /^This file cannot be loaded: it is the records table \(CSV\) that casa-practice exports, not a backup; choose the backup file \(casa-practice-backup-….json\) instead\. Nothing was changed\.$/;
    // As exported (a byte order mark first), without it, and saved again with semicolons and quotes.
    for (const text of [csv, csv.slice(1), csv.replace(/,/g, ';').replace(/^\uFEFFDate/, '"Date"')]) {
      const r = parseBackup(text);
      expect(r.ok ? 'loaded' : r.error).toMatch(csvWords);
    }
    const r = parseBackup(xapi);
    expect(r.ok ? 'loaded' : r.error).toBe('This file cannot be loaded: it is the xAPI statements file that casa-practice exports (for an LMS), not a backup; choose the backup file (casa-practice-backup-….json) instead. Nothing was changed.');
    // The records file itself (the terminal's records.json, a copy set aside), and an empty file, are said as what they are.
    const recordsFile = store.read(RECORDS_KEY)!;
    const r2 = parseBackup(recordsFile);
    expect(r2.ok ? 'loaded' : r2.error).toBe('This file cannot be loaded: it is a casa-practice records file (the terminal\'s records.json, or a copy of records set aside), not a backup; the terminal version writes a backup of its records with its records command and --backup; otherwise choose the backup file (casa-practice-backup-….json) instead. Nothing was changed.');
    for (const empty of ['', '\uFEFF', ' \n']) {
      const r3 = parseBackup(empty);
      expect(r3.ok ? 'loaded' : r3.error).toBe('This file cannot be loaded: it is empty. Nothing was changed.');
    }
    // Other files are refused as before.
    expect(parseBackup('Date,Scenario\r\n').ok ? 'loaded' : (parseBackup('Date,Scenario\r\n') as { error: string }).error).toMatch(/it is not JSON, or it was cut short/);
    expect(parseBackup('[]').ok ? 'loaded' : (parseBackup('[]') as { error: string }).error).toMatch(/it is not a casa-practice backup\./);
  });

  it('names a damaged entry\'s id or key with its escapes shown, never cleaned into another scenario\'s, and takes no other scenario\'s best result with it', () => {
    const store = storeWithProgress();
    const good = JSON.parse(backupText(store, now).text) as { records: { best: Record<string, unknown>; playthroughs: Record<string, unknown>[] }; saves: Record<string, unknown> };
    const [save] = Object.values(good.saves);
    const hostile = structuredClone(good);
    // Cleaned, each of these read as a real scenario's: "the best result for "example-new-phone"" is damaged.
    hostile.records.best['example-new-phone\u202e'] = good.records.best['example-new-phone'];
    hostile.saves['saves/example-new-phone\u200b.json'] = save;
    // A damaged practice of no scenario (its id is not one): the best result of the scenario its cleaned id names stays.
    const stray = structuredClone(good.records.playthroughs[0]!);
    stray.scenarioId = 'example-new-phone\u200b';
    hostile.records.playthroughs.push(stray);
    const r = parseBackup(JSON.stringify(hostile), now);
    if (!r.ok) throw new Error(r.error);
    expect(r.leftOut.map((e) => e.what)).toEqual(['the best result for "example-new-phone\\u202e"', 'the practice of "Example: the new phone" finished on 2026-01-05 at 9:00 a.m.', 'a scenario in progress with a strange name, "saves/example-new-phone\\u200b.json"']);
    expect(r.leftOut[1]).not.toHaveProperty('withBest');
    expect(Object.keys(r.backup.records.best)).toEqual(['example-new-phone']);
    expect(backupLeftOutQuestion(r)).toContain('the best result for "example-new-phone\\u202e" (its scenario id is not one a scenario can have)');
  });

  // Two backups joined by hand ("playthroughs" twice in the records): JSON.parse read the last list
  // alone, and the practice in the first was not loaded, nothing said, as a records file's was.
  it('a key written twice (two backups joined by hand) is named before anything loads: the volunteer is asked, as for a damaged entry', () => {
    const store = storeWithProgress();
    const text = backupText(store, now).text;
    const good = JSON.parse(text) as { records: { playthroughs: { id: string }[] } };
    const [first, second] = good.records.playthroughs;
    // One backup holding the second practice, with the first's list pasted in above its own.
    const joined = JSON.stringify({ ...good, records: { ...good.records, playthroughs: [second] } }, null, 2)
      .replace('"playthroughs": [', () => `"playthroughs": ${JSON.stringify([first])},\n    "playthroughs": [`);
    const r = parseBackup(joined, now);
    if (!r.ok) throw new Error(r.error);
    expect(r.leftOut).toEqual([{ what: 'part of the file', why: '"playthroughs" is written twice in one place in it, and only the last was read' }]);
    expect(backupLeftOutQuestion(r)).toBe('One entry in this backup is damaged and cannot be loaded: part of the file ("playthroughs" is written twice in one place in it, and only the last was read). The rest of it (1 finished scenario and 1 scenario in progress) can be loaded without it. Nothing has been changed yet.');
    expect(r.backup.records.playthroughs.map((p) => p.id)).toEqual([second!.id]);
    // A backup as written here has no key twice: nothing is left out.
    expect(parseBackup(text, now)).toMatchObject({ ok: true, leftOut: [] });
    // A key twice deep inside (a save's) is named the same way, with its name's escapes shown.
    const saveTwice = text.replace('"format": "casa-practice-terminal-save",', '"format": "casa-practice-terminal-save",\n      "x\\u001b[2J": 1, "x\\u001b[2J": 2,');
    const s = parseBackup(saveTwice, now);
    expect(s).toMatchObject({ ok: true, leftOut: [{ what: 'part of the file', why: '"x\\u001b[2J" is written twice in one place in it, and only the last was read' }] });
  });

  it('leaves out a damaged playthrough, best result or save inside, naming each, and keeps the rest', () => {
    const store = storeWithProgress();
    const good = JSON.parse(backupText(store, now).text) as { records: { best: Record<string, unknown>; playthroughs: Record<string, unknown>[] }; saves: Record<string, unknown> };
    const damaged = structuredClone(good);
    damaged.records.playthroughs[1]!.completedAt = 'yesterday\u001b[2J';
    const r = parseBackup(JSON.stringify(damaged));
    expect(r).toMatchObject({ ok: true, leftOut: [{ what: 'completed practice 2, of "Example: the new phone"', why: 'its completion time is not an ISO 8601 time' }] });
    expect(r.ok && r.backup.records.playthroughs.map((p) => p.id)).toEqual([good.records.playthroughs[0]!.id]);
    expect(r.ok && Object.keys(r.backup.saves)).toEqual(Object.keys(good.saves));
    if (!r.ok) throw new Error(r.error);
    // The question a UI asks before loading the rest, and the note after, name it (no escape sequence from the file).
    expect(backupLeftOutQuestion(r)).toBe('One entry in this backup is damaged and cannot be loaded: completed practice 2, of "Example: the new phone" (its completion time is not an ISO 8601 time; the best result for "example-new-phone", which counted it, is left out with it). The rest of it (1 finished scenario and 1 scenario in progress) can be loaded without it. Nothing has been changed yet.');
    expect(backupLeftOutNote(r.leftOut)).toBe('Left out as damaged: completed practice 2, of "Example: the new phone" and the best result for "example-new-phone" it counted.');
    // Loading the rest changes the records only by what is good: the best result the file gives the
    // scenario counted the practice left out, so it is left out too and worked out from what loads.
    expect(Object.keys(r.backup.records.best)).toEqual([]);
    const into = memoryStore();
    expect(importBackup(into, r.backup, now)).toMatchObject({ added: 1, savesLoaded: 1 });
    const kept = good.records.playthroughs[0] as { completedAt: string; score: { percent: number } };
    expect(readRecords(into, now).records['example-new-phone']).toEqual({ bestPercent: kept.score.percent, completions: 1, lastCompleted: kept.completedAt });
    // A title too long is said as such, not as "missing" (a volunteer looking at the file sees one there).
    const longTitle = structuredClone(good);
    longTitle.records.playthroughs[0]!.title = 'A'.repeat(401);
    expect(parseBackup(JSON.stringify(longTitle))).toMatchObject({ ok: true, leftOut: [{ what: `the practice of "${'A'.repeat(59)}…" finished on 2026-01-05 at 9:00 a.m.`, why: 'its title is longer than 400 characters' }] });
    const noTitle = structuredClone(good);
    delete noTitle.records.playthroughs[0]!.title;
    expect(parseBackup(JSON.stringify(noTitle))).toMatchObject({ ok: true, leftOut: [{ what: 'the practice of "example-new-phone" finished on 2026-01-05 at 9:00 a.m.', why: 'its title is missing' }] });
    const badKey = structuredClone(good);
    badKey.saves['../../etc/passwd'] = Object.values(good.saves)[0];
    const strange = parseBackup(JSON.stringify(badKey));
    expect(strange).toMatchObject({ ok: true, leftOut: [{ what: expect.stringMatching(/strange name, "\.\.\/\.\.\/etc\/passwd"/) }] });
    expect(strange.ok && Object.keys(strange.backup.saves)).toEqual(Object.keys(good.saves));
    const badSave = structuredClone(good);
    badSave.saves['saves/x.json'] = { format: 'something-else' };
    expect(parseBackup(JSON.stringify(badSave))).toMatchObject({ ok: true, leftOut: [{ what: 'the scenario in progress saves/x.json', why: 'it is malformed' }] });
    const badBest = structuredClone(good);
    badBest.records.best['example-new-phone'] = { bestPercent: 140, completions: 1 };
    const best = parseBackup(JSON.stringify(badBest));
    expect(best).toMatchObject({ ok: true, leftOut: [{ what: 'the best result for "example-new-phone"', why: 'its best score, 140%, is not between 0% and 100%' }] });
    expect(best.ok && Object.keys(best.backup.records.best)).toEqual([]);
    // Session 30: 1e300 completions is a whole number to JavaScript, and was taken in as one.
    const absurd = structuredClone(good);
    absurd.records.best['example-new-phone'] = { bestPercent: 50, completions: 1e300 };
    const huge = parseBackup(JSON.stringify(absurd));
    expect(huge).toMatchObject({ ok: true, leftOut: [{ what: 'the best result for "example-new-phone"', why: `it claims 1e+300 completions, more than casa-practice records (${MAX_COMPLETIONS})` }] });
    expect(huge.ok && Object.keys(huge.backup.records.best)).toEqual([]);
    // A last completion that is no time ("banana" sorted after every real one, so merging kept it for
    // good) or not a day on the calendar is left out, and said, shown escaped. (One later than today
    // is kept without its date: see "a best result dated later than today".)
    for (const [written, shown] of [['banana', '"banana"'], ['2026-02-30T10:00:00.000Z', '"2026-02-30T10:00:00.000Z"'], ['\u001b[2J2026-01-01T00:00:00.000Z', '"\\u001b[2J2026-01-01T00:00:00.000Z"']]) {
      const junkBest = structuredClone(good);
      junkBest.records.best['example-new-phone'] = { bestPercent: 50, completions: 1, lastCompleted: written };
      const junk = parseBackup(JSON.stringify(junkBest), now);
      expect(junk).toMatchObject({ ok: true, leftOut: [{ what: 'the best result for "example-new-phone"', why: `its last completion, ${shown}, is not a date and time on the calendar` }] });
      expect(junk.ok && Object.keys(junk.backup.records.best)).toEqual([]);
    }
    // One with no last completion (records read with a damaged one keep it as empty) still loads.
    const noTime = structuredClone(good);
    noTime.records.best['example-new-phone'] = { bestPercent: 50, completions: 1, lastCompleted: '' };
    expect(parseBackup(JSON.stringify(noTime), now)).toMatchObject({ ok: true, leftOut: [], backup: { records: { best: { 'example-new-phone': { lastCompleted: '' } } } } });
    // A best result under an id no scenario could have was loaded, then dropped without a word the
    // next time the records were read (records.ts leaves such ids out): it is left out here, and said.
    const oddBest = structuredClone(good);
    oddBest.records.best['The List\u001b]0;x\u0007'] = { bestPercent: 50, completions: 1, lastCompleted: '2026-01-01T00:00:00.000Z' };
    const odd = parseBackup(JSON.stringify(oddBest), now);
    expect(odd).toMatchObject({ ok: true, leftOut: [{ what: 'the best result for "The List\\u001b]0;x\\u0007"', why: 'its scenario id is not one a scenario can have' }] });
    expect(odd.ok && Object.keys(odd.backup.records.best)).toEqual(Object.keys(good.records.best));
    // Many damaged entries: three are named and the rest counted.
    const many = structuredClone(good);
    for (let i = 0; i < 5; i++) many.saves[`saves/x${i}.json`] = { format: 'something-else' };
    const counted = parseBackup(JSON.stringify(many));
    if (!counted.ok) throw new Error(counted.error);
    expect(backupLeftOutNote(counted.leftOut)).toBe('Left out as damaged: the scenario in progress saves/x0.json; the scenario in progress saves/x1.json; the scenario in progress saves/x2.json; and 2 more.');
    expect(backupLeftOutQuestion(counted)).toMatch(/^5 entries in this backup are damaged and cannot be loaded: .*; and 2 more\. The rest of it \(2 finished scenarios and 1 scenario in progress\) can be loaded without them\./);
  });

  it('any damage to any part of a backup is refused whole or left out, never thrown, and loading what is left never loses a record here', () => {
    const good = JSON.parse(backupText(storeWithProgress(), now).text) as unknown;
    // Every place in the file: [path to it, its parent, its key].
    const places: (string | number)[][] = [];
    const walk = (v: unknown, path: (string | number)[]) => {
      places.push(path);
      if (typeof v === 'object' && v !== null) for (const [k, child] of Object.entries(v)) walk(child, [...path, Array.isArray(v) ? Number(k) : k]);
    };
    walk(good, []);
    // The records it is loaded into: another practice, not in the backup.
    const here = memoryStore();
    recordPlaythrough(here, record(new Date('2026-01-20T17:00:00Z')), bytes, now);
    const recordsHere = readRecords(here, now).playthroughs.map((p) => p.id);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(places.length - 1), fc.oneof(fc.jsonValue(), fc.constant(undefined))), { minLength: 1, maxLength: 3 }), (damage) => {
        const file = structuredClone(good) as Record<string | number, unknown>;
        for (const [at, value] of damage) {
          const path = places[at] as (string | number)[];
          if (path.length === 0) continue;
          let parent: unknown = file;
          for (const key of path.slice(0, -1)) parent = typeof parent === 'object' && parent !== null ? (parent as Record<string | number, unknown>)[key] : undefined;
          if (typeof parent !== 'object' || parent === null) continue;
          const key = path[path.length - 1] as string | number;
          if (value === undefined && !Array.isArray(parent)) delete (parent as Record<string | number, unknown>)[key];
          else (parent as Record<string | number, unknown>)[key] = value ?? null;
        }
        const parsed = parseBackup(JSON.stringify(file), now);
        if (!parsed.ok) {
          expect(parsed.error).toMatch(/^This file cannot be loaded: .+\. Nothing was changed\.$/);
          return;
        }
        for (const e of parsed.leftOut) expect(e.what.length > 0 && e.why.length > 0).toBe(true);
        // Nothing from the file reaches the words unclean (control characters, escapes, bidi controls).
        const question = backupLeftOutQuestion(parsed);
        expect(cleanLine(question)).toBe(question);
        const into = memoryStore(Object.fromEntries(here.list('').map(({ key }) => [key, here.read(key) as string])));
        importBackup(into, parsed.backup, now);
        // What was here, and each practice loaded, once: none lost, none counted twice.
        const after = readRecords(into, now).playthroughs.map((p) => p.id).sort();
        expect(after).toEqual([...new Set([...recordsHere, ...parsed.backup.records.playthroughs.map((p) => p.id)])].sort());
      }),
      { numRuns: 300 },
    );
  });

  // Found by the property above (seed 1362874656): an ending id of a space was taken, stored cleaned
  // as "", and the record was then refused each time the records were read: a practice loaded, said
  // added, and lost. Text that cleans to nothing is refused when the file is read, said as left out.
  it.each([
    ['ending id is a space', (p: Record<string, unknown>) => void ((p.ending as Record<string, unknown>).id = ' ')],
    ['title is a control character', (p: Record<string, unknown>) => void (p.title = '\u0007')],
  ])('a finished scenario whose %s is left out when the file is read, never added and then lost', (_what, damage) => {
    const good = JSON.parse(backupText(storeWithProgress(), now).text) as { records: { playthroughs: Record<string, unknown>[] } };
    const first = good.records.playthroughs[0]!;
    damage(first);
    const parsed = parseBackup(JSON.stringify(good), now);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.backup.records.playthroughs.map((p) => p.id)).not.toContain(first.id);
    expect(parsed.leftOut.length).toBeGreaterThan(0);
    const into = memoryStore();
    const result = importBackup(into, parsed.backup, now);
    expect(readRecords(into, now).playthroughs).toHaveLength(result.added);
  });

  it('a save nested thousands deep (JSON.stringify overflows the stack) is refused in a backup file, and left out of a backup made here', () => {
    const store = storeWithProgress();
    const deep = (depth: number) => `{"format":"casa-practice-terminal-save","formatVersion":1,"session":{"savedAt":"2026-02-10T18:00:00.000Z","snapshot":${'['.repeat(depth)}${']'.repeat(depth)}}}`;
    const good = backupText(store, now).text;
    const hostile = good.replace(/"saves": \{/, `"saves": { "saves/a-deep.json": ${deep(20_000)},`);
    const recordsBefore = store.read(RECORDS_KEY);
    // Loading it stopped with a RangeError after writing the saves before it and before the records: now it is left out, and the rest can load.
    const parsedHostile = parseBackup(hostile);
    expect(parsedHostile).toMatchObject({ ok: true, leftOut: [{ what: 'the scenario in progress saves/a-deep.json', why: 'it is malformed' }] });
    expect(parsedHostile.ok && Object.keys(parsedHostile.backup.saves)).toEqual(['saves/example-new-phone.json']);
    expect(store.read(RECORDS_KEY)).toBe(recordsBefore);
    // Such a save in this browser's storage (edited by hand) made "Download a backup" throw: it is left out, the rest backed up.
    store.write('saves/a-deep.json', deep(20_000));
    const made = parseBackup(backupText(store, now).text);
    expect(made.ok && Object.keys(made.backup.saves)).toEqual(['saves/example-new-phone.json']);
    // A real save's depth is kept (in the backup made here; this one holds no progress, which loading it leaves out).
    store.write('saves/a-deep.json', deep(20));
    const shallow = JSON.parse(backupText(store, now).text) as { saves: Record<string, unknown> };
    expect(Object.keys(shallow.saves).sort()).toEqual(['saves/a-deep.json', 'saves/example-new-phone.json']);
  });

  it('a backup listing more entries than any volunteer could make is refused whole, before each is looked at', () => {
    // 5,000,000 empty entries (15 MB, under the size limit) beside one real practice were each looked
    // at and named as left out: the tab stood still for some 15 s before asking about them.
    const store = storeWithProgress();
    const good = JSON.parse(backupText(store, now).text) as { records: { playthroughs: unknown[]; best: Record<string, unknown> }; saves: Record<string, unknown> };
    const withEntries = (n: number, where: 'playthroughs' | 'best' | 'saves') => {
      const copy = structuredClone(good);
      if (where === 'playthroughs') copy.records.playthroughs.push(...Array.from({ length: n }, () => ({})));
      else if (where === 'best') for (let i = 0; i < n; i++) copy.records.best[`s${i}`] = {};
      else for (let i = 0; i < n; i++) copy.saves[`saves/s${i}.json`] = {};
      return JSON.stringify(copy);
    };
    const before = store.read(RECORDS_KEY);
    for (const where of ['playthroughs', 'best', 'saves'] as const) {
      const refused = parseBackup(withEntries(MAX_BACKUP_ENTRIES + 1, where));
      expect(refused, where).toEqual({ ok: false, error: `This file cannot be loaded: it is damaged (it lists more than ${MAX_BACKUP_ENTRIES.toLocaleString('en-US')} entries, far more than any casa-practice backup). Nothing was changed.` });
      // At the limit, it is read as any other: the damaged entries left out and counted.
      const read = parseBackup(withEntries(MAX_BACKUP_ENTRIES - 10, where));
      expect(read.ok && read.leftOut.length, where).toBe(MAX_BACKUP_ENTRIES - 10);
    }
    expect(store.read(RECORDS_KEY)).toBe(before);
  });

  // Found by the hostile-input review (session 43): each scenario's best result was worked out by
  // looking through every playthrough, once per scenario: 30,000 practices of 30,000 scenarios (a
  // 7 MB file, under the size limit) held the tab for some 12 s. The time is the bench's to bound
  // (`npm run bench -- hostile`, "Hostile backups"); here, that every scenario gets its own best.
  it('loading a backup of practices each of a scenario of its own: each scenario keeps its own best result', () => {
    const n = 3_000;
    const { text, completedAt } = backupOfManyScenarios(n, now);
    const parsed = parseBackup(text, now);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.leftOut).toEqual([]);
    const store = memoryStore();
    expect(importBackup(store, parsed.backup, now).added).toBe(n);
    const read = readRecords(store, now);
    expect(Object.keys(read.records)).toHaveLength(n);
    expect(read.records['s-0']).toEqual({ bestPercent: 50, completions: 1, lastCompleted: completedAt(0) });
    expect(read.records[`s-${(n - 1).toString(36)}`]).toEqual({ bestPercent: 50, completions: 1, lastCompleted: completedAt(n - 1) });
  });

  it('a damaged save here is set aside, not overwritten, when the backup brings one for the same scenario', () => {
    const parsed = parseBackup(backupText(storeWithProgress(), now).text);
    if (!parsed.ok) throw new Error(parsed.error);
    const store = memoryStore({ 'saves/example-new-phone.json': '{"damaged' });
    expect(importBackup(store, parsed.backup, now)).toMatchObject({ savesLoaded: 1 });
    expect(store.read('saves/example-new-phone.json.damaged-2026-02-10T18-30-00')).toBe('{"damaged');
    expect(JSON.parse(store.read('saves/example-new-phone.json')!).format).toBe('casa-practice-terminal-save');
  });

  it('a scenario in progress in the backup that has been finished since is not loaded again (its time would count twice)', () => {
    // Backed up half-way, then finished here: loading the backup back used to bring the half-played
    // session back as "continue where you left off", its practice time so far to be counted again.
    const store = storeWithProgress();
    const parsed = parseBackup(backupText(store, now).text);
    if (!parsed.ok) throw new Error(parsed.error);
    const later = new Date('2026-02-10T18:45:00Z');
    finishPlaythrough(store, playable, debrief(), later, { randomBytes: bytes });
    expect(store.read('saves/example-new-phone.json')).toBeUndefined();
    const result = importBackup(store, parsed.backup, later);
    expect(result).toMatchObject({ savesLoaded: 0, savesKept: 0, savesFinished: 1 });
    expect(result.message).toBe('2 finished scenarios were already in your records and were not added again; 1 scenario in progress was finished since it was saved and was not loaded again.');
    expect(store.read('saves/example-new-phone.json')).toBeUndefined();
    // Where the scenario was last finished before the save was made, the save loads as before.
    expect(importBackup(memoryStore(), parsed.backup, later)).toMatchObject({ savesLoaded: 1, savesFinished: 0 });
  });

  it('a scenario in progress in the backup that no app could resume (no progress in it, another scenario\'s, under another scenario\'s name) is left out and named, and never replaces the one here', () => {
    // Found by the hostile-input review (session 43): only a save's outline was checked (its format
    // and a date), so a save with nothing else in it, dated later than the one here, was "loaded"
    // over it: the volunteer's progress was gone, and the next resume set the empty one aside.
    const good = JSON.parse(backupText(storeWithProgress(), now).text) as { saves: Record<string, Record<string, unknown>> };
    const key = 'saves/example-new-phone.json';
    const save = good.saves[key]!;
    const session = save.session as Record<string, unknown>;
    const later = '2026-02-10T18:20:00.000Z';
    const damaged: Record<string, Record<string, unknown>> = {
      'an outline only': { format: 'casa-practice-terminal-save', formatVersion: 1, session: { savedAt: later } },
      'no progress in its session': { ...save, session: { ...session, snapshot: {}, savedAt: later } },
      'its session of another scenario': { ...save, session: { ...session, scenarioId: 'youth-discloses', savedAt: later } },
      'another scenario\'s save under this name': { ...save, scenario: { source: 'bundled', id: 'youth-discloses' }, session: { ...session, scenarioId: 'youth-discloses', savedAt: later } },
    };
    for (const [what, bad] of Object.entries(damaged)) {
      const here = memoryStore();
      writeSave(here, playable, play(example, 'practice', []).getPersistedSnapshot(), undefined, new Date('2026-02-01T00:00:00Z'));
      const mine = here.read(key);
      const parsed = parseBackup(JSON.stringify({ ...good, saves: { [key]: bad } }), now);
      if (!parsed.ok) throw new Error(parsed.error);
      expect(parsed.leftOut, what).toEqual([{ what: `the scenario in progress ${key}`, why: expect.stringMatching(/^its? /) as unknown }]);
      expect(importBackup(here, parsed.backup, now), what).toMatchObject({ savesLoaded: 0 });
      expect(here.read(key), what).toBe(mine);
    }
    // The backup's own save, untouched, still replaces an older one here.
    const here = memoryStore();
    writeSave(here, playable, play(example, 'practice', []).getPersistedSnapshot(), undefined, new Date('2026-02-01T00:00:00Z'));
    const parsed = parseBackup(JSON.stringify(good), now);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.leftOut).toEqual([]);
    expect(importBackup(here, parsed.backup, now)).toMatchObject({ savesLoaded: 1 });
    expect(JSON.parse(here.read(key)!)).toEqual(save);
  });

  it('a save here that is newer than the backup\'s is kept; an older one is replaced', () => {
    const store = storeWithProgress();
    const parsed = parseBackup(backupText(store, now).text);
    if (!parsed.ok) throw new Error(parsed.error);
    const later = new Date('2026-02-11T09:00:00Z');
    writeSave(store, playable, play(example, 'practice', []).getPersistedSnapshot(), undefined, later);
    const mine = store.read('saves/example-new-phone.json');
    expect(importBackup(store, parsed.backup, now)).toMatchObject({ savesKept: 1, savesLoaded: 0 });
    expect(store.read('saves/example-new-phone.json')).toBe(mine);
    const older = structuredClone(parsed.backup);
    const fresh = memoryStore();
    writeSave(fresh, playable, play(example, 'practice', []).getPersistedSnapshot(), undefined, new Date('2025-01-01T00:00:00Z'));
    expect(importBackup(fresh, older, now)).toMatchObject({ savesLoaded: 1 });
    expect(JSON.parse(fresh.read('saves/example-new-phone.json')!).session.savedAt).toBe(now.toISOString());
  });

  // Found by the hostile-input review (session 43): the backup's save is checked only as far as its
  // outline, so one whose replies no longer replay (damaged subtly), dated later, was written over a
  // good save here, and the volunteer's progress was gone. The one here is set aside first, and said.
  /** A backup with a newer save of the example, and a store here holding an older save of it (`mine`, its text). */
  function olderSaveHere() {
    const parsed = parseBackup(backupText(storeWithProgress(), now).text);
    if (!parsed.ok) throw new Error(parsed.error);
    const key = 'saves/example-new-phone.json';
    const store = memoryStore();
    writeSave(store, playable, play(example, 'practice', ['phone-curious']).getPersistedSnapshot(), undefined, new Date('2026-02-01T00:00:00Z'));
    return { parsed, key, store, mine: store.read(key) };
  }

  it('an older save here that the backup\'s replaces is set aside first (replaced), never written over, and the words say so', () => {
    const { parsed, key, store: here, mine } = olderSaveHere();
    const result = importBackup(here, parsed.backup, now);
    const aside = `${key}.replaced-2026-02-10T18-30-00`;
    expect(result).toMatchObject({ savesLoaded: 1, savesSetAside: [aside], savesNotReplaced: 0 });
    expect(here.read(aside)).toBe(mine);
    expect(JSON.parse(here.read(key)!)).toEqual(parsed.backup.saves[key]);
    expect(result.message).toBe('Added 2 finished scenarios to your records; loaded 1 scenario in progress, to continue where you left off (the save that was here for it was set aside, not deleted).');
    // Of two loaded, one over a save here: said of that one.
    const two = structuredClone(parsed.backup);
    two.saves['saves/youth-discloses.json'] = { ...structuredClone(parsed.backup.saves[key]!), scenario: { source: 'bundled', id: 'youth-discloses' } };
    const again = memoryStore();
    writeSave(again, playable, play(example, 'practice', []).getPersistedSnapshot(), undefined, new Date('2026-02-01T00:00:00Z'));
    expect(importBackup(again, two, now).message).toContain('loaded 2 scenarios in progress, to continue where you left off (the save that was here for 1 of them was set aside, not deleted).');
    // A damaged one here is named as set aside too.
    const damaged = memoryStore({ [key]: '{"damaged' });
    expect(importBackup(damaged, parsed.backup, now)).toMatchObject({ savesLoaded: 1, savesSetAside: [`${key}.damaged-2026-02-10T18-30-00`] });
  });

  it('an older save here that could not be set aside (the storage full) is kept as it was, and the backup\'s not loaded over it', () => {
    const { parsed, key, store: inner, mine } = olderSaveHere();
    const full: Store = { ...inner, moveAside: (k) => leftInPlace(k, 'the storage is full') };
    const result = importBackup(full, parsed.backup, now);
    expect(result).toMatchObject({ savesLoaded: 0, savesSetAside: [], savesNotReplaced: 1 });
    expect(inner.read(key)).toBe(mine);
    expect(result.message).toBe('Added 2 finished scenarios to your records; 1 scenario in progress here, older than the backup\'s, could not be set aside to make way for it, so it was kept as it was and the backup\'s not loaded.');
  });
});

// Backups made before scenarios in progress from a volunteer's own files were left out of them
// still carry those saves, each naming the file's path (a home folder names the volunteer): loading
// one put the path into this store, for a save no app here could open. They are left out on
// loading too, and said so in one sentence however many there are.
describe('a backup made before own-file saves were left out of backups', () => {
  const bundled = () => {
    const store = memoryStore();
    recordPlaythrough(store, record(new Date('2026-01-05T17:00:00Z')), bytes, now);
    const key = writeSave(store, playable, play(example, 'practice', ['phone-curious']).getPersistedSnapshot(), '2026-02-10T18:00:00.000Z', now);
    const backup = JSON.parse(backupText(store, now).text) as { saves: Record<string, Record<string, unknown>>; records: { playthroughs: unknown[] } };
    return { backup, key, save: backup.saves[key]! };
  };
  // As the terminal wrote them: by the file's path, and (older saves) by scenarioFile alone.
  const ownFile = (save: Record<string, unknown>) => ({ ...save, scenario: { source: 'file', file: '/home/maria-lopez/casa/example.json', id: 'example-new-phone' } });
  const legacyOwnFile = (save: Record<string, unknown>) => {
    const { scenario: _scenario, ...rest } = save;
    return { ...rest, scenarioFile: 'C:\\Users\\maria-lopez\\casa\\example.json' };
  };

  it('leaves them out of what is loaded, keeps the rest, and says so once', () => {
    const { backup, key, save } = bundled();
    backup.saves['saves/mine-one.json'] = ownFile(save);
    backup.saves['saves/mine-two.json'] = legacyOwnFile(save);
    const parsed = parseBackup(JSON.stringify(backup), now);
    if (!parsed.ok) throw new Error(parsed.error);
    const into = memoryStore();
    const result = importBackup(into, parsed.backup, now);
    expect(result).toMatchObject({ added: 1, savesLoaded: 1, savesOwnFile: 2 });
    expect(into.list('saves/').map((e) => e.key)).toEqual([key]);
    for (const { key: k } of into.list('')) expect(into.read(k)).not.toContain('maria-lopez');
    expect(result.message).toBe('Added 1 finished scenario to your records; loaded 1 scenario in progress, to continue where you left off. 2 scenarios in progress from scenario files of your own were left out: their saves name where those files were on the device the backup was made on, which this app does not keep, and they could not be opened here. Finish them there.');
    expect(result.message.match(/left out/g)).toHaveLength(1);
  });

  it('one alone is said in the singular, and a backup of nothing else adds nothing', () => {
    const { backup, save } = bundled();
    backup.saves = { 'saves/mine-one.json': ownFile(save) };
    backup.records.playthroughs = [];
    const parsed = parseBackup(JSON.stringify(backup), now);
    if (!parsed.ok) throw new Error(parsed.error);
    const into = memoryStore();
    const result = importBackup(into, parsed.backup, now);
    expect(result).toMatchObject({ added: 0, savesLoaded: 0, savesOwnFile: 1 });
    expect(into.list('saves/')).toEqual([]);
    expect(result.message).toBe('Nothing was added. One scenario in progress from a scenario file of your own was left out: its save names where that file was on the device the backup was made on, which this app does not keep, and it could not be opened here. Finish it there.');
  });

  it('the question before loading a partly damaged backup does not count them as what would be loaded', () => {
    const { backup, save } = bundled();
    backup.saves['saves/mine-one.json'] = ownFile(save);
    backup.records.playthroughs.push({ broken: true });
    const parsed = parseBackup(JSON.stringify(backup), now);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(backupLeftOutQuestion(parsed)).toContain('The rest of it (1 finished scenario and 1 scenario in progress) can be loaded');
    // With nothing but it beside the damage, there is nothing to load: refused whole, as any such backup is.
    backup.records.playthroughs = [{ broken: true }];
    backup.saves = { 'saves/mine-one.json': ownFile(save) };
    expect(parseBackup(JSON.stringify(backup), now)).toMatchObject({ ok: false });
  });
});

// Found by the records review (session 47): the terminal's `records --backup` carried the save of
// an author's test run (`play … --preview`, `--from`, `--set`), and the web app loaded it as "1
// scenario in progress, to continue where you left off", listed it in "Room in this browser" under
// the scenario's title as one that "goes when it is finished", and no page offered to continue it.
describe('author\'s test runs in progress (--preview, --from, --set)', () => {
  const tests: PlayableScenario[] = [{ ...playable, preview: true }, { ...playable, from: 'n2' }, { ...playable, set: { trust: '60' } }];
  const storeWithTests = () => {
    const store = memoryStore();
    recordPlaythrough(store, record(new Date('2026-01-05T17:00:00Z')), bytes, now);
    const snapshot = play(example, 'practice', ['phone-curious']).getPersistedSnapshot();
    const own = writeSave(store, playable, snapshot, '2026-02-10T18:00:00.000Z', now);
    const keys = tests.map((t) => writeSave(store, t, snapshot, '2026-02-10T18:00:00.000Z', now));
    return { store, own, keys };
  };

  it('are left out of a backup made here, and stay here', () => {
    const { store, own, keys } = storeWithTests();
    const backup = JSON.parse(backupText(store, now).text) as { saves: Record<string, unknown> };
    expect(Object.keys(backup.saves)).toEqual([own]);
    for (const key of keys) expect(store.read(key)).toBeDefined();
  });

  it('carried by an older backup, are not loaded, and the words say so rather than "to continue where you left off"', () => {
    const { store, keys } = storeWithTests();
    const backup = JSON.parse(backupText(store, now).text) as { saves: Record<string, unknown> };
    for (const key of keys) backup.saves[key] = JSON.parse(store.read(key)!) as unknown;
    // One made before `preview` was kept in a save is known by its key.
    const { preview: _p, ...unmarked } = JSON.parse(store.read(keys[0]!)!) as Record<string, unknown>;
    backup.saves['saves/youth-discloses--preview.json'] = { ...unmarked, scenario: { source: 'bundled', id: 'youth-discloses' }, session: { ...(unmarked.session as object), scenarioId: 'youth-discloses' } };
    const parsed = parseBackup(JSON.stringify(backup), now);
    if (!parsed.ok) throw new Error(parsed.error);
    const into = memoryStore();
    const result = importBackup(into, parsed.backup, now);
    expect(result).toMatchObject({ added: 1, savesLoaded: 1, savesAuthorTest: 4 });
    expect(into.list('saves/').map((e) => e.key)).toEqual(['saves/example-new-phone.json']);
    expect(result.message).toBe('Added 1 finished scenario to your records; loaded 1 scenario in progress, to continue where you left off. 4 author\'s test runs in progress (played in the terminal with --preview, --from or --set) were left out: they are not added to your records, and only the terminal plays them.');
    // Alone in a backup: nothing is added, said once in the singular.
    const only = { ...backup, saves: { [keys[0]!]: backup.saves[keys[0]!] }, records: { ...(backup as unknown as { records: object }).records, playthroughs: [] } };
    const alone = parseBackup(JSON.stringify(only), now);
    if (!alone.ok) throw new Error(alone.error);
    expect(importBackup(memoryStore(), alone.backup, now).message).toBe('Nothing was added. One author\'s test run in progress (played in the terminal with --preview, --from or --set) was left out: it is not added to your records, and only the terminal plays it.');
  });
});

// Records a web tab held unwritten (no room) were written back as held once room was made, over
// another tab's newer records. The merge loading a backup does is the core's own now, and serves both.
describe('records held unwritten, written back beside records stored since (recordsWriteBack, mergeRecordsFiles)', () => {
  const file = (playthroughs: PlaythroughRecord[], learner?: string): RecordsFile => {
    const store = memoryStore();
    for (const p of playthroughs) recordPlaythrough(store, p, bytes, new Date(p.completedAt));
    const text = store.read(RECORDS_KEY);
    const parsed = text === undefined ? undefined : parseRecordsFile(text, now);
    const base: RecordsFile = parsed?.ok ? parsed.file : { format: 'casa-practice-records', formatVersion: 2, best: {}, playthroughs: [] };
    return learner === undefined ? base : { ...base, learner };
  };
  const text = (f: RecordsFile) => `${JSON.stringify(f, null, 2)}\n`;
  const first = record(new Date('2026-02-01T10:00:00Z'));
  const mine = record(new Date('2026-02-03T10:00:00Z'), ['phone-ignore', 'after-supervisor']);
  const theirs = record(new Date('2026-02-02T10:00:00Z'));

  it('keeps what is stored and adds what was held: every playthrough once, in order, the best score and the completions kept', () => {
    const stored = file([first, theirs], 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa');
    const held = file([first, mine], 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa');
    const written = recordsWriteBack(text(stored), text(held), now);
    if (written === 'damaged') throw new Error('not damaged');
    const parsed = parseRecordsFile(written, now);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.file.playthroughs.map((p) => p.id)).toEqual([first.id, theirs.id, mine.id]);
    expect(parsed.file.best[example.id]).toEqual({ bestPercent: Math.max(first.score.percent, mine.score.percent), completions: 3, lastCompleted: mine.completedAt });
    expect(mine.score.percent).toBeLessThan(first.score.percent);
    expect(parsed.file.learner).toBe('aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa');
    // Written again (the other tab hears and writes back too): nothing changes.
    expect(recordsWriteBack(written, text(held), now)).toBe(written);
  });

  it('a playthrough held under another learner keeps its name; the stored records keep theirs', () => {
    const { file: merged, added } = mergeRecordsFiles(file([theirs], 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa'), file([mine], 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb'));
    expect(added).toBe(1);
    expect(merged.learner).toBe('aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa');
    expect(merged.playthroughs.find((p) => p.id === mine.id)?.learner).toBe('bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb');
    expect(merged.playthroughs.find((p) => p.id === theirs.id)?.learner).toBeUndefined();
  });

  it('the held text as it is with nothing stored, or when it is not records; "damaged" when what is stored cannot be read whole (never written over)', () => {
    const held = text(file([mine]));
    expect(recordsWriteBack(undefined, held, now)).toBe(held);
    expect(recordsWriteBack(text(file([theirs])), 'not records', now)).toBe('not records');
    expect(recordsWriteBack('{"broken', held, now)).toBe('damaged');
    const partly = { ...file([theirs]), playthroughs: [theirs, { ...theirs, id: 'not an id', minutes: -5 }] };
    expect(recordsWriteBack(JSON.stringify(partly), held, now)).toBe('damaged');
    // Compact when indented it would not fit.
    const written = recordsWriteBack(text(file([theirs])), held, now, text(file([theirs, mine])).length - 1);
    expect(written).toBe(`${JSON.stringify(JSON.parse(written))}\n`);
  });
});

// Two records files joined by hand (a volunteer copying the practice of another computer into this
// one) can hold "playthroughs" twice. JSON.parse reads the last alone: the practice in the earlier
// list was not shown, and the next finish wrote the records over without it, no copy kept, not a word.
describe('a records file with a key written twice (two records files joined by hand)', () => {
  const twice = (earlier: PlaythroughRecord[], later: PlaythroughRecord[]) => {
    const file = JSON.parse(recordsTextOf({ format: 'casa-practice-records', formatVersion: 2, best: {}, playthroughs: later })) as Record<string, unknown>;
    return JSON.stringify(file, null, 2).replace('"playthroughs": [', `"playthroughs": ${JSON.stringify(earlier)},\n  "playthroughs": [`);
  };

  it('is set aside as it was (both lists in the copy) and said so; what was read is kept, and a finish after it loses nothing', () => {
    const first = record(new Date('2026-02-01T18:00:00Z'));
    const second = record(new Date('2026-02-03T18:00:00Z'));
    const text = twice([first], [second]);
    expect(parseRecordsFile(text, now)).toMatchObject({ ok: true, repeated: 'playthroughs' });
    // The file as it was is the copy, the earlier list in it.
    const { store, read } = readSetAside(text, [second.id]);
    expect(read.setAside).toMatchObject({ movedTo: SET_ASIDE, repeated: 'playthroughs', partly: { unreadable: 0, kept: 1 } });
    expect(read.notice).toBe('Part of your completion records could not be read: the file has "playthroughs" written twice, and only the last one was read; they were moved to records.json.damaged-2026-02-10T18-30-00, and the 1 finished scenario read from it was kept.');
    // Read again, the records say nothing more.
    expect(readRecords(store, now).notice).toBeUndefined();
    recordPlaythrough(store, record(now), bytes, now);
    expect(readRecords(store, now).playthroughs).toHaveLength(2);
    expect(store.read(SET_ASIDE)).toBe(text);
    // Records held in a tab are not merged over such a file: it is set aside first (recordsWriteBack).
    expect(recordsWriteBack(text, recordsTextOf({ format: 'casa-practice-records', formatVersion: 2, best: {}, playthroughs: [first] }), now)).toBe('damaged');
  });

  it('a key said twice only inside a text (a title quoting "a": b) is no key written twice', () => {
    const quoted = { ...record(new Date('2026-02-01T18:00:00Z')), title: 'He said "playthroughs": then "playthroughs": again' };
    const text = recordsTextOf({ format: 'casa-practice-records', formatVersion: 2, best: {}, playthroughs: [quoted] });
    const parsed = parseRecordsFile(text, now);
    expect(parsed.ok).toBe(true);
    expect(parsed).not.toHaveProperty('repeated');
    const store = memoryStore({ [RECORDS_KEY]: text });
    expect(readRecords(store, now)).toMatchObject({ playthroughs: [{ id: quoted.id }] });
    expect(readRecords(store, now).notice).toBeUndefined();
  });

  it('with none of its finished scenarios read (the last list empty), says so without a count of none', () => {
    const text = twice([record(new Date('2026-02-01T18:00:00Z'))], []);
    const { read } = readSetAside(text, []);
    expect(read.notice).toBe('Part of your completion records could not be read: the file has "playthroughs" written twice, and only the last one was read; they were moved to records.json.damaged-2026-02-10T18-30-00.');
  });
});
