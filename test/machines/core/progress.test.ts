import { describe, expect, it } from 'vitest';
import {
  asideKey, asideWords, clearSave, leftInPlace, finishPlaythrough, keepProgress, latestSaveKey, MAX_COMPLETIONS, memoryStore, mergeCompletion, parseRecords, practiceClock, readRecords, readSave, recordCompletion, RECORDS_KEY,
  recordsSetAsideNotice, afterColon, resumeFailure, resumeFailureLines, OUTDATED_KEEP, SET_ASIDE_KEEP, setAsideInOne, saveKey, startingAt, writeSave,
  type Debrief, type PlayableScenario, type ScenarioLoader, type Store,
} from '../../../src/machines/index.js';
import { CLEAR, CLIPBOARD, CONTROL, example, expectMovedAside, expectOneCleanLine, HOSTILE, play, RLO, TITLE } from './fixtures.js';

const now = new Date('2025-01-31T10:20:30Z');
const exampleFile = '/scenarios/example.json';
const playable: PlayableScenario = { scenario: example, file: exampleFile, bundled: true };
const KEY = 'saves/example-new-phone.json';
const ASIDE = 'saves/example-new-phone.json.damaged-2025-01-31T10-20-30';

/** Finds the example by its file, as a UI would; anything else is gone. */
const loader: ScenarioLoader = (ref, from) => {
  const found = ref.source === 'bundled' ? ref.id === example.id : ref.file === exampleFile;
  if (!found) return { error: `The saved scenario is gone: ${ref.source === 'bundled' ? ref.id : ref.file}.` };
  const moved = startingAt(example, from);
  return moved.ok ? { scenario: moved.scenario, file: exampleFile, bundled: true, from } : { error: moved.error };
};

/** The text of a real save after one reply and a scene, as written by writeSave. */
function savedText(mode: 'practice' | 'assessment' = 'practice', startedAt?: string): string {
  const store = memoryStore();
  const actor = play(example, mode, ['phone-curious']);
  writeSave(store, playable, actor.getPersistedSnapshot(), startedAt, now);
  return store.read(KEY) as string;
}

/** A save as an object, to damage. */
const savedObject = () => JSON.parse(savedText()) as Record<string, unknown> & { session: Record<string, unknown> & { snapshot: Record<string, unknown> } };

describe('the store', () => {
  it('names a damaged value after its key and the time, safe in file names', () => {
    expect(asideKey('records.json', now)).toBe('records.json.damaged-2025-01-31T10-20-30');
  });

  it('names an outdated value as outdated, not damaged', () => {
    expect(asideKey('saves/x.json', now, 'outdated')).toBe('saves/x.json.outdated-2025-01-31T10-20-30');
    const store = memoryStore({ 'a.json': 'text' });
    expect(store.moveAside('a.json', now, 'outdated')).toBe('a.json.outdated-2025-01-31T10-20-30');
    expect(store.read('a.json.outdated-2025-01-31T10-20-30')).toBe('text');
  });

  it('moves a value aside by keeping its text under the new key', () => {
    const store = memoryStore({ 'a.json': 'text' });
    expect(store.moveAside('a.json', now)).toBe('a.json.damaged-2025-01-31T10-20-30');
    expect(store.read('a.json')).toBeUndefined();
    expect(store.read('a.json.damaged-2025-01-31T10-20-30')).toBe('text');
  });

  // Found in use: a second damaged file in the same second replaced the first damaged copy.
  it('keeps two values set aside in the same second, the second under -2', () => {
    const store = memoryStore({ 'a.json': 'first' });
    expect(store.moveAside('a.json', now)).toBe('a.json.damaged-2025-01-31T10-20-30');
    store.write('a.json', 'second');
    expect(store.moveAside('a.json', now)).toBe('a.json.damaged-2025-01-31T10-20-30-2');
    expect(store.read('a.json.damaged-2025-01-31T10-20-30')).toBe('first');
    expect(store.read('a.json.damaged-2025-01-31T10-20-30-2')).toBe('second');
  });

  it('lists keys under a prefix only', () => {
    const store = memoryStore({ 'saves/a.json': '1', 'records.json': '2', 'saves-not/b.json': '3' });
    expect(store.list('saves/').map((e) => e.key)).toEqual(['saves/a.json']);
  });
});

describe('save slots', () => {
  it('gives each scenario, and each --from start, a key of its own', () => {
    expect(saveKey(playable)).toBe(KEY);
    expect(saveKey({ ...playable, from: 'after-visit' })).toBe('saves/example-new-phone--from-after-visit.json');
  });

  it('clears only the finished playthrough\'s save', () => {
    const store = memoryStore({ [KEY]: '{}', 'saves/example-new-phone--from-after-visit.json': '{}' });
    clearSave(store, playable);
    expect([...store.data.keys()]).toEqual(['saves/example-new-phone--from-after-visit.json']);
  });

  it('finds the most recently written save, never a damaged one set aside', () => {
    let t = 0;
    const store = memoryStore({}, () => ++t);
    store.write('saves/old.json', '{}');
    store.write('saves/new.json', '{}');
    store.write('saves/newer.json.damaged-2025-01-31T10-20-30', '{}');
    store.write('records.json', '{}');
    expect(latestSaveKey(store)).toBe('saves/new.json');
    expect(latestSaveKey(memoryStore())).toBeUndefined();
  });

  it('says why a save could not be resumed in one clean line', () => {
    const line = resumeFailure(`bad\n${TITLE}thing.${CLEAR}`, `saves/x.json.damaged-1${CLIPBOARD}`);
    expectOneCleanLine(line);
    // The place named as it is (quoted, the escape written out): cleaned, it named another file.
    expect(line).toBe('Could not resume: bad thing. The save was moved to "saves/x.json.damaged-1\\u001b]52;c;cm0gLXJmIH4=\\u0007"; starting fresh.');
  });

  it('lets each UI word where a save set aside is kept', () => {
    const line = resumeFailure('The saved progress is damaged.', 'saves/x.json.damaged-1', (movedTo) => `Kept in this browser (${movedTo.length} characters)`);
    expect(line).toBe('Could not resume: the saved progress is damaged. Kept in this browser (22 characters); starting fresh.');
  });
});

describe('completion records', () => {
  it('reads well-formed records', () => {
    const text = JSON.stringify({ a: { bestPercent: 80, completions: 2, lastCompleted: '2025-01-01T00:00:00.000Z' } });
    expect(parseRecords(text)).toEqual({ a: { bestPercent: 80, completions: 2, lastCompleted: '2025-01-01T00:00:00.000Z' } });
  });

  it('a best score edited by hand to a fraction is read as the whole percentage the app shows (the picker wrapped "66.66666%")', () => {
    const text = JSON.stringify({ a: { bestPercent: 66.66666, completions: 1, lastCompleted: '' } });
    expect(parseRecords(text)?.a?.bestPercent).toBe(67);
  });

  it.each([
    ['truncated JSON', '{"a": {"bestPercent": 80,'],
    ['an array', '[1, 2]'],
    ['null', 'null'],
    ['a string', '"records"'],
    ['escape sequences', `${TITLE}${CLEAR}`],
  ])('gives nothing back for text that is not a records object: %s', (_name, text) => {
    expect(parseRecords(text)).toBeUndefined();
  });

  it('leaves out entries of the wrong shape and keeps the rest', () => {
    const text = JSON.stringify({
      good: { bestPercent: 50, completions: 1, lastCompleted: 'x' },
      textPercent: { bestPercent: '90', completions: 1 },
      over: { bestPercent: 101, completions: 1 },
      under: { bestPercent: -1, completions: 1 },
      none: { bestPercent: 50, completions: 0 },
      fraction: { bestPercent: 50, completions: 1.5 },
      negative: { bestPercent: 50, completions: -3 },
      'text-count': { bestPercent: 50, completions: 'NaN' },
      absurd: { bestPercent: 50, completions: 1e300 },
      'one-too-many': { bestPercent: 50, completions: MAX_COMPLETIONS + 1 },
      nothing: null,
      list: [50, 1],
      number: 7,
    });
    expect(Object.keys(parseRecords(text) ?? {})).toEqual(['good']);
  });

  // "banana" was kept as a last completion, and sorted after every real time, so merging records
  // (backup.ts mergeRecords keeps the later) kept it as the last completion for good.
  it('keeps a last completion that is a time on the calendar, and gives anything else as no time known (empty), keeping the result', () => {
    const text = JSON.stringify({
      id: { bestPercent: 1, completions: 1, lastCompleted: `${CLIPBOARD}${'9'.repeat(100)}` },
      b: { bestPercent: 1, completions: 1, lastCompleted: 5 },
      banana: { bestPercent: 1, completions: 1, lastCompleted: 'banana' },
      'not-on-calendar': { bestPercent: 1, completions: 1, lastCompleted: '2026-02-30T10:00:00.000Z' },
      'a-date-only': { bestPercent: 1, completions: 1, lastCompleted: '2026-02-03' },
      good: { bestPercent: 1, completions: 1, lastCompleted: '2026-02-28T10:00:00.000Z' },
    });
    const records = parseRecords(text) ?? {};
    expect(Object.keys(records)).toEqual(['id', 'b', 'banana', 'not-on-calendar', 'a-date-only', 'good']);
    expect(Object.fromEntries(Object.entries(records).map(([id, r]) => [id, r.lastCompleted]))).toEqual({
      id: '', b: '', banana: '', 'not-on-calendar': '', 'a-date-only': '', good: '2026-02-28T10:00:00.000Z',
    });
    expect(records.banana).toEqual({ bestPercent: 1, completions: 1, lastCompleted: '' });
  });

  // "the-list\u001b]0;X\u0007" was cleaned into "the-list": the picker showed a best result on The
  // list that no playthrough had.
  it('leaves out a best result whose id no scenario could have, instead of cleaning it into one that a scenario has', () => {
    const text = JSON.stringify({ [`the-list${TITLE}`]: { bestPercent: 50, completions: 1, lastCompleted: '' }, 'The List': { bestPercent: 50, completions: 1, lastCompleted: '' }, 'couch-rent': { bestPercent: 80, completions: 2, lastCompleted: '' } });
    expect(Object.keys(parseRecords(text) ?? {})).toEqual(['couch-rent']);
  });

  it('leaves out a "__proto__" id and pollutes no prototype', () => {
    const records = parseRecords('{"__proto__": {"bestPercent": 70, "completions": 1, "lastCompleted": ""}, "constructor": {"bestPercent": 70, "completions": 1, "lastCompleted": ""}}') ?? {};
    expect(Object.keys(records)).toEqual([]);
    expect(({} as Record<string, unknown>).bestPercent).toBeUndefined();
    // Records that hold one all the same (JSON.parse makes "__proto__" an own property) merge without polluting.
    const merged = mergeCompletion(JSON.parse('{"__proto__": {"bestPercent": 70, "completions": 1, "lastCompleted": ""}}') as typeof records, '__proto__', 90, now);
    expect(Object.getOwnPropertyDescriptor(merged, '__proto__')?.value).toMatchObject({ bestPercent: 90, completions: 2 });
  });

  // Session 30: "completions": 1e300 was read as a count (a whole number to JavaScript), and entries
  // out of range (a best score of 250%, -3 or "NaN" completions) were left out without a word: the
  // next finished scenario wrote the records over without them, and no copy was kept.
  it('sets aside records with a best result out of range (1e300 completions, 250%), keeps a copy, says so, and keeps every valid result and playthrough', () => {
    const store = memoryStore();
    recordCompletion(store, 'couch-rent', 80, now);
    recordCompletion(store, 'couch-rent', 60, now);
    const valid = JSON.parse(store.read(RECORDS_KEY) as string) as { best: Record<string, unknown> };
    for (const [bad, why] of [
      [{ bestPercent: 70, completions: 1e300, lastCompleted: '' }, `the best result for "youth-discloses": it claims 1e+300 completions, more than casa-practice records (${MAX_COMPLETIONS})`],
      [{ bestPercent: 250, completions: 2, lastCompleted: '' }, 'the best result for "youth-discloses": its best score, 250%, is not between 0% and 100%'],
      [{ bestPercent: 70, completions: -3, lastCompleted: '' }, 'the best result for "youth-discloses": its number of completions, -3, is not a whole number of at least 1'],
      [{ bestPercent: 70, completions: 'NaN', lastCompleted: '' }, 'the best result for "youth-discloses": its number of completions, "NaN", is not a whole number of at least 1'],
      [{ bestPercent: 'NaN', completions: 1, lastCompleted: '' }, 'the best result for "youth-discloses": its best score is not a number'],
    ] as const) {
      const text = JSON.stringify({ ...valid, best: { ...valid.best, 'youth-discloses': bad } });
      const here = memoryStore({ [RECORDS_KEY]: text });
      const read = readRecords(here, now);
      expect(read.records).toEqual(valid.best);
      expect(read.setAside).toEqual({ movedTo: 'records.json.damaged-2025-01-31T10-20-30', why, partly: { unreadable: 0, kept: 0, best: 1 } });
      expectOneCleanLine(read.notice);
      expect(read.notice).toBe(`Part of your completion records was damaged: 1 best result could not be read (${why}) and is left out of your records; they were moved to records.json.damaged-2025-01-31T10-20-30, and the rest was kept.`);
      // The file as it was is kept, untouched; the readable part is written back at once, and read again says nothing.
      expect(here.read('records.json.damaged-2025-01-31T10-20-30')).toBe(text);
      expect(readRecords(here, now)).toEqual({ records: valid.best, playthroughs: [] });
      recordCompletion(here, 'couch-rent', 90, now);
      expect(readRecords(here, now).records['couch-rent']).toMatchObject({ bestPercent: 90, completions: 3 });
      expect(here.read('records.json.damaged-2025-01-31T10-20-30')).toBe(text);
    }
  });

  it('counts completions up to MAX_COMPLETIONS, which the records still read', () => {
    const records = mergeCompletion({ a: { bestPercent: 50, completions: MAX_COMPLETIONS, lastCompleted: '' } }, 'a', 60, now);
    expect(records.a?.completions).toBe(MAX_COMPLETIONS);
    const store = memoryStore({ [RECORDS_KEY]: JSON.stringify(records) });
    expect(readRecords(store, now)).not.toHaveProperty('setAside');
  });

  it('starts with no records and no notice when there is no file', () => {
    expect(readRecords(memoryStore(), now)).toEqual({ records: {}, playthroughs: [] });
  });

  it.each([
    ['truncated JSON', '{"youth-discloses": {"bestPercent": 8'],
    ['an array', '[]'],
    ['escape sequences', `${TITLE}${CLIPBOARD}${CLEAR}${RLO}`],
  ])('moves a damaged records file aside, untouched, and says so in one clean line: %s', (_name, text) => {
    const store = memoryStore({ [RECORDS_KEY]: text });
    const read = readRecords(store, now);
    expect(read.records).toEqual({});
    expect(store.read(RECORDS_KEY)).toBeUndefined();
    expect(store.read('records.json.damaged-2025-01-31T10-20-30')).toBe(text);
    expectOneCleanLine(read.notice);
    expect(read.notice).toContain('records.json.damaged-2025-01-31T10-20-30');
    // What was set aside, as data: a UI that cannot show the key words the place itself.
    expect(read.setAside).toEqual({ movedTo: 'records.json.damaged-2025-01-31T10-20-30' });
    expect(recordsSetAsideNotice(read.setAside!)).toBe(read.notice);
    expect(recordsSetAsideNotice(read.setAside!, () => 'a copy is kept here')).toBe('Your completion records were damaged; a copy is kept here and new records were started.');
  });

  // Every finished scenario unreadable, the best results read: My records said "Part of your
  // completion records was damaged: 10 finished scenarios could not be read … and the other 0
  // finished scenarios were kept", of a page that then showed no completed practice at all.
  it('says none of the finished scenarios could be read when none could, not "part of" them and "the other 0"', () => {
    const readable = { format: 'casa-practice-records', formatVersion: 2, best: { 'youth-discloses': { bestPercent: 50, completions: 1, lastCompleted: '2025-01-02T10:00:00.000Z' } } };
    const bad = { id: 'not-a-uuid', scenarioId: 'youth-discloses' };
    const store = memoryStore({ [RECORDS_KEY]: JSON.stringify({ ...readable, playthroughs: [bad, bad, bad] }) });
    const read = readRecords(store, now);
    expect(read.setAside?.partly).toEqual({ unreadable: 3, kept: 0 });
    const said = recordsSetAsideNotice(read.setAside!, () => 'a copy is kept here');
    expect(said).toMatch(/^Your completion records were damaged: none of the 3 finished scenarios in them could be read \(completed practice 1, of "youth-discloses": its id is not a UUID\), so they are left out of your records; a copy is kept here\.$/);
    expect(said).not.toMatch(/Part of|other 0/);
  });

  // Said "Your completion records were damaged (its best results are not a table of scenarios)", in
  // the terminal and the web app: "its" had nothing to refer to (the parse error speaks of the file).
  it.each([
    ['best results that are not a table', { best: [] }, 'their best results are not a table of scenarios'],
    ['a list that is not a list', { playthroughs: 'none' }, 'their list of finished scenarios is not a list'],
    ['a format not read here', { formatVersion: 'two' }, 'they use records format "two", which this version of casa-practice does not read'],
  ])('words why whole records were set aside of the records, not of an "it" never named: %s', (_name, change, why) => {
    const store = memoryStore({ [RECORDS_KEY]: JSON.stringify({ format: 'casa-practice-records', formatVersion: 2, best: {}, playthroughs: [], ...change }) });
    const read = readRecords(store, now);
    expect(recordsSetAsideNotice(read.setAside!, () => 'a copy is kept here')).toBe(`Your completion records were damaged (${why}); a copy is kept here and new records were started.`);
    expect(read.notice).not.toMatch(/\bits?\b/);
  });

  // "Your completion records could not be read (it is not a regular file)": the store's reason, of
  // the file, had nothing to refer to in the records' sentence either.
  it('says of records that hold no data (a named pipe, a folder) that their file is not one', () => {
    const store = memoryStore();
    const read = store.read.bind(store);
    store.read = (key) => {
      if (key === RECORDS_KEY) throw Object.assign(new Error('it is a named pipe, not a regular file'), { holdsNoData: true });
      return read(key);
    };
    expect(readRecords(store, now).notice).toBe('Your completion records could not be read (their file is a named pipe, not a regular file).');
  });

  it('says that newer records are a newer version\'s, not damaged, and sets nothing aside', () => {
    const store = memoryStore({ [RECORDS_KEY]: JSON.stringify({ format: 'casa-practice-records', formatVersion: 99, best: {}, playthroughs: [] }) });
    const read = readRecords(store, now);
    expect(read.setAside).toBeUndefined();
    expect(read.newer).toBe(99);
    expect(read.notice).toMatch(/^Your completion records were written by a newer version of casa-practice \(records format 99\), which this version cannot read\. Nothing is wrong with them/);
  });

  // Read as empty, these were written over by the next finished scenario, with no notice and no copy.
  it.each([
    ['finished scenarios written as an object, not a list', { format: 'casa-practice-records', formatVersion: 2, best: {}, playthroughs: { 0: { id: 'x' } } }, /list of finished scenarios is not a list/],
    ['best results written as text', { format: 'casa-practice-records', formatVersion: 2, best: 'x', playthroughs: [] }, /best results are not a table/],
    ['a later format with its name removed', { formatVersion: 2, best: {}, playthroughs: [] }, /format is not named/],
  ])('sets aside records with %s, and the next finish keeps the copy', (_name, value, why) => {
    const text = JSON.stringify(value);
    const store = memoryStore({ [RECORDS_KEY]: text });
    expect(readRecords(store, now).setAside?.why).toMatch(why);
    recordCompletion(store, 'y', 50, now);
    expect(store.read('records.json.damaged-2025-01-31T10-20-30')).toBe(text);
  });

  it('has nothing set aside when the records are fine or missing', () => {
    expect(readRecords(memoryStore(), now).setAside).toBeUndefined();
    const store = memoryStore();
    recordCompletion(store, 'x', 50, now);
    expect(readRecords(store, now)).not.toHaveProperty('setAside');
  });

  it('reports a records file that cannot be read in one clean line, without throwing', () => {
    const store: Store = { ...memoryStore(), read: () => { throw new Error(`EACCES${TITLE}\n${CLEAR}denied`); } };
    const read = readRecords(store, now);
    expect(read.records).toEqual({});
    expectOneCleanLine(read.notice);
    expect(read.notice).toContain('EACCES denied');
  });

  it('merges a completion: counts it, keeps the best score, clamps it to 0–100, and leaves the input alone', () => {
    const records = { a: { bestPercent: 80, completions: 2, lastCompleted: 'then' } };
    expect(mergeCompletion(records, 'a', 60, now).a).toEqual({ bestPercent: 80, completions: 3, lastCompleted: '2025-01-31T10:20:30.000Z' });
    expect(mergeCompletion(records, 'a', 95, now).a?.bestPercent).toBe(95);
    expect(mergeCompletion({}, 'b', 150, now).b?.bestPercent).toBe(100);
    expect(mergeCompletion({}, 'b', -20, now).b).toMatchObject({ bestPercent: 0, completions: 1 });
    expect(records.a.completions).toBe(2);
  });

  it('records a completion over a damaged file: the damaged file is kept aside and the volunteer told', () => {
    const store = memoryStore({ [RECORDS_KEY]: '{"broken' });
    const out = recordCompletion(store, 'example-new-phone', 75, now);
    expect(out.records['example-new-phone']).toMatchObject({ bestPercent: 75, completions: 1 });
    expectOneCleanLine(out.notice);
    expect(store.read('records.json.damaged-2025-01-31T10-20-30')).toBe('{"broken');
    expect(parseRecords(store.read(RECORDS_KEY) as string)).toEqual(out.records);
  });
});

describe('writing and reading saves', () => {
  it('reads back a save where it was left, with its mode and start time', () => {
    const store = memoryStore();
    const actor = play(example, 'assessment', ['phone-curious']);
    const key = writeSave(store, playable, actor.getPersistedSnapshot(), '2025-01-31T09:00:00.000Z', now);
    expect(key).toBe(KEY);
    const r = readSave(store, loader, undefined, now);
    expect(r).toMatchObject({ kind: 'ok', key: KEY, mode: 'assessment', startedAt: '2025-01-31T09:00:00.000Z', playable: { file: exampleFile } });
    if (r.kind === 'ok') expect(r.snapshot).toEqual(actor.getPersistedSnapshot());
  });

  it('keeps a --from playthrough apart and restores it from its own start', () => {
    const store = memoryStore();
    const moved = startingAt(example, 'after-visit');
    if (!moved.ok) throw new Error(moved.error);
    const fromPlayable = { scenario: moved.scenario, file: exampleFile, bundled: true, from: 'after-visit' };
    const key = writeSave(store, fromPlayable, play(moved.scenario, 'practice', []).getPersistedSnapshot(), undefined, now);
    expect(key).toBe('saves/example-new-phone--from-after-visit.json');
    const r = readSave(store, loader, key, now);
    expect(r).toMatchObject({ kind: 'ok', playable: { from: 'after-visit', scenario: { start: 'after-visit' } } });
    expect(r.kind === 'ok' && 'startedAt' in r).toBe(false);
  });

  it('keeps the practice time measured so far, and for an older save counts only up to its last step', () => {
    const store = memoryStore();
    const snapshot = play(example, 'practice', ['phone-curious']).getPersistedSnapshot();
    writeSave(store, playable, snapshot, '2025-01-31T09:00:00.000Z', now, 12 * 60_000);
    expect(readSave(store, loader, undefined, new Date('2025-02-03T00:00:00Z'))).toMatchObject({ kind: 'ok', activeMs: 12 * 60_000 });
    // A save without it (made before it was kept): from its start to when it was written (the
    // last step, 80 minutes 30 s later), not to the day it is opened again.
    const older = JSON.parse(store.read(KEY) as string);
    delete older.activeMs;
    store.write(KEY, JSON.stringify(older));
    expect(readSave(store, loader, undefined, new Date('2025-02-03T00:00:00Z'))).toMatchObject({ kind: 'ok', activeMs: 80.5 * 60_000 });
    // Nonsense is not a measurement: a negative or absurd time is left out or held to a day.
    store.write(KEY, JSON.stringify({ ...older, activeMs: -5 }));
    expect(readSave(store, loader, undefined, now)).toMatchObject({ activeMs: 80.5 * 60_000 });
    store.write(KEY, JSON.stringify({ ...older, activeMs: 1e12 }));
    expect(readSave(store, loader, undefined, now)).toMatchObject({ activeMs: 24 * 60 * 60_000 });
  });

  it('a practice clock counts a resumed save\'s time and this sitting\'s, less its breaks', () => {
    const clock = practiceClock(1_000_000, 5 * 60_000);
    clock.pause(1_000_000 + 60_000);
    expect(clock.activeMs(1_000_000 + 30 * 60_000)).toBe(6 * 60_000);
    clock.resume(1_000_000 + 40 * 60_000);
    clock.resume(1_000_000 + 41 * 60_000);
    expect(clock.activeMs(1_000_000 + 42 * 60_000)).toBe(8 * 60_000);
    // Opened during a break: nothing counts until it ends.
    const paused = practiceClock(0, 0, true);
    expect(paused.activeMs(10 * 60_000)).toBe(0);
    paused.resume(10 * 60_000);
    expect(paused.activeMs(13 * 60_000)).toBe(3 * 60_000);
  });

  it('a practice clock with an idle limit stops after that long without input and starts again at the next', () => {
    const min = 60_000;
    const clock = practiceClock(0, 0, false, { idleAfterMs: 10 * min });
    clock.input(3 * min);
    // Left alone after 3 minutes: the 10 minutes after the last input count, the rest does not.
    expect(clock.activeMs(8 * min)).toBe(8 * min);
    expect(clock.activeMs(50 * min)).toBe(13 * min);
    clock.input(50 * min);
    expect(clock.activeMs(55 * min)).toBe(18 * min);
    // A break that ends is a return: it counts on from there, as it did before.
    clock.pause(56 * min);
    clock.resume(90 * min);
    expect(clock.activeMs(95 * min)).toBe(24 * min);
    // Left alone again (10 more minutes count, to 100), then a break: idle and break are not taken off twice.
    clock.pause(120 * min);
    expect(clock.activeMs(200 * min)).toBe(29 * min);
    clock.resume(200 * min);
    expect(clock.activeMs(201 * min)).toBe(30 * min);
    // Started again not as input (a window given its turn to count): only what is left of the idle
    // limit since the last input counts.
    clock.pause(205 * min);
    clock.resume(206 * min, false);
    // (5 minutes to 205, then 206 to 210: the 10 minutes after the input at 200)
    expect(clock.activeMs(230 * min)).toBe(38 * min);
    clock.pause(230 * min);
    clock.resume(240 * min, false);
    expect(clock.activeMs(250 * min)).toBe(38 * min);
    clock.input(250 * min);
    expect(clock.activeMs(251 * min)).toBe(39 * min);
    // Without the option (the terminal, which reports no input), nothing changes.
    const plain = practiceClock(0, 5 * min);
    expect(plain.activeMs(60 * min)).toBe(65 * min);
  });

  it('finds nothing when there is no save, or the key named has none', () => {
    expect(readSave(memoryStore(), loader, undefined, now)).toEqual({ kind: 'none' });
    expect(readSave(memoryStore(), loader, 'saves/other.json', now)).toEqual({ kind: 'none' });
  });

  const withSession = (f: (s: ReturnType<typeof savedObject>) => unknown) => () => {
    const s = savedObject();
    return JSON.stringify(f(s) ?? s);
  };

  it.each<[string, () => string]>([
    ['truncated JSON', () => savedText().slice(0, 120)],
    ['escape sequences instead of JSON', () => `${TITLE}${CLIPBOARD}${CLEAR}${RLO}`],
    ['JSON null', () => 'null'],
    ['a JSON array', () => '[{"format": "casa-practice-terminal-save"}]'],
    ['another format', withSession((s) => ({ ...s, format: 'other' }))],
    // A future format version (of the save or its session) is a newer version's save, not damaged: newer-saves.test.
    ['a format version that is an escape sequence', withSession((s) => ({ ...s, formatVersion: `${TITLE}${CLEAR}2` }))],
    ['a scenario file of the wrong type', withSession((s) => ({ ...s, scenario: { source: 'file', id: example.id, file: 42 } }))],
    ['an older save whose scenario file is of the wrong type', withSession((s) => ({ ...s, scenario: undefined, scenarioFile: 42 }))],
    ['a scenario reference of an unknown source', withSession((s) => ({ ...s, scenario: { source: 'web', id: example.id } }))],
    ['a --from of the wrong type', withSession((s) => ({ ...s, from: ['after-visit'] }))],
    ['a --from node that does not exist, named with escapes', withSession((s) => ({ ...s, from: `nowhere${TITLE}${CLIPBOARD}` }))],
    ['a scenario file that is gone, named with escapes', withSession((s) => ({ ...s, scenario: { source: 'file', id: example.id, file: `/tmp/${TITLE}${CLIPBOARD}\n${CLEAR}x.json${RLO}` } }))],
    ['an older save whose scenario file is gone, named with escapes', withSession((s) => ({ ...s, scenario: undefined, scenarioFile: `/tmp/${TITLE}${CLIPBOARD}\n${CLEAR}x.json${RLO}` }))],
    ['a session for another scenario', withSession((s) => { s.session.scenarioId = `youth-relapses${TITLE}`; })],
    ['a scenario version that is not a number', withSession((s) => { s.session.scenarioVersion = `${TITLE}1`; })],
    ['no session', withSession((s) => { delete (s as Partial<typeof s>).session; })],
    ['a tampered variable', withSession((s) => { (s.session.snapshot.context as { variables: Record<string, unknown> }).variables.trust = 100; })],
    ['a snapshot of the wrong type', withSession((s) => { (s.session as Record<string, unknown>).snapshot = `${CLEAR}snapshot`; })],
    ['a "__proto__" key in place of the session', () => savedText().replace('"session"', '"__proto__"')],
    ['a "__proto__" key inside the snapshot', withSession((s) => { s.session.snapshot = JSON.parse(JSON.stringify(s.session.snapshot).replace('"context"', '"__proto__"')) as Record<string, unknown>; })],
  ])('moves a damaged save aside, untouched, and reports it in one clean line: %s', (_name, make) => {
    const text = make();
    const store = memoryStore({ [KEY]: text });
    const r = readSave(store, loader, undefined, now);
    expectMovedAside(r, store, KEY, ASIDE, text);
    if (r.kind !== 'bad') return;
    expect(latestSaveKey(store)).toBeUndefined();
    expectOneCleanLine(resumeFailure(r.error, r.movedTo));
  });

  it.each([
    ['an older', 0, 'version 0; it is now version 1'],
    ['a newer', 2, 'version 2; it is now version 1'],
  ])('a sound save made with %s version of its scenario is kept as outdated, not called damaged, and says which versions', (which, version, versions) => {
    const s = savedObject();
    s.session.scenarioVersion = version;
    const text = JSON.stringify(s);
    const store = memoryStore({ [KEY]: text });
    const r = readSave(store, loader, undefined, now);
    expectMovedAside(r, store, KEY, 'saves/example-new-phone.json.outdated-2025-01-31T10-20-30', text);
    if (r.kind !== 'bad') return;
    expect(r.error).toBe(`This save was made with ${which} version of the scenario "example-new-phone" (${versions}), and the story may have changed since, so it cannot carry on.`);
    expect(r.error).not.toContain('damaged');
    expect(resumeFailure(r.error, r.movedTo)).toBe(`Could not resume: ${r.error.replace(/^This /, 'this ')} The save was moved to saves/example-new-phone.json.outdated-2025-01-31T10-20-30; starting fresh.`);
  });

  it('names the version a future save uses, and the scenario a foreign save belongs to', () => {
    // Read by its key (opening its scenario): resume passes a newer version's save over (latestSaveKey).
    const future = readSave(memoryStore({ [KEY]: JSON.stringify({ ...savedObject(), formatVersion: 2 }) }), loader, KEY, now);
    expect(future.kind === 'bad' && future.error).toContain('format version 2');
    const s = savedObject();
    s.session.scenarioId = 'youth-relapses';
    const foreign = readSave(memoryStore({ [KEY]: JSON.stringify(s) }), loader, undefined, now);
    expect(foreign.kind === 'bad' && foreign.error).toContain('"youth-relapses"');
  });

  it('cleans the start time of an otherwise sound save and keeps it short', () => {
    const store = memoryStore({ [KEY]: JSON.stringify({ ...savedObject(), startedAt: `${TITLE}2025-01-31${CLEAR}T09:00${'0'.repeat(80)}` }) });
    const r = readSave(store, loader, undefined, now);
    expect(r.kind).toBe('ok');
    if (r.kind === 'ok') {
      expect(r.startedAt).toBe(`2025-01-31T09:00${'0'.repeat(80)}`.slice(0, 40));
      expect(r.startedAt).not.toMatch(CONTROL);
    }
  });

  it('ignores a start time of the wrong type', () => {
    const r = readSave(memoryStore({ [KEY]: JSON.stringify({ ...savedObject(), startedAt: { at: 1 } }) }), loader, undefined, now);
    expect(r.kind === 'ok' && 'startedAt' in r).toBe(false);
  });

  it('reports a save that cannot be read in one clean line, without throwing', () => {
    const store: Store = { ...memoryStore({ [KEY]: '{}' }), read: () => { throw new Error(`EISDIR${HOSTILE}\nillegal`); } };
    const r = readSave(store, loader, KEY, now);
    expect(r.kind).toBe('bad');
    if (r.kind === 'bad') expectOneCleanLine(r.error);
  });

  it('reports an unreadable save whose key carries escapes with a clean place', () => {
    const key = `saves/${TITLE}x.json`;
    const store: Store = { ...memoryStore({ [key]: '{}' }), read: () => { throw new Error('EACCES'); } };
    const r = readSave(store, loader, undefined, now);
    expect(r.kind).toBe('bad');
    if (r.kind === 'bad') {
      expect(r.movedTo).toBeUndefined();
      expect(r.error).not.toMatch(CONTROL);
      expect(store.list('saves/').map((s) => s.key)).toEqual([key]);
    }
  });
});

describe('finishing a playthrough', () => {
  const debrief = () => play(example, 'practice', ['phone-curious', 'after-supervisor']).getSnapshot().output as Debrief;

  it('clears the save and records the completion with its score', () => {
    const store = memoryStore({ [KEY]: savedText() });
    const out = finishPlaythrough(store, playable, debrief(), now);
    expect(store.read(KEY)).toBeUndefined();
    expect(out?.records['example-new-phone']).toEqual({ bestPercent: 100, completions: 1, lastCompleted: '2025-01-31T10:20:30.000Z' });
    expect(readRecords(store).records).toEqual(out?.records);
  });

  it('records nothing for a --from playthrough, an author\'s test, but still clears its save', () => {
    const fromKey = 'saves/example-new-phone--from-after-visit.json';
    const store = memoryStore({ [fromKey]: '{}', [KEY]: '{}' });
    expect(finishPlaythrough(store, { ...playable, from: 'after-visit' }, debrief(), now)).toBeUndefined();
    expect(store.read(fromKey)).toBeUndefined();
    expect(store.read(KEY)).toBe('{}');
    expect(store.read(RECORDS_KEY)).toBeUndefined();
  });

  it('a save continued twice (two windows): whichever goes on second saves and records nothing, so the earlier minutes count once', () => {
    // Each window read the same save (20 minutes of practice) and went on.
    const store = memoryStore({ [KEY]: JSON.stringify({ ...savedObject(), activeMs: 20 * 60_000 }) });
    const [first, second] = [readSave(store, loader, KEY, now), readSave(store, loader, KEY, now)];
    if (first.kind !== 'ok' || second.kind !== 'ok') throw new Error('not resumed');
    const snapshot = play(example, 'practice', ['phone-curious']).getPersistedSnapshot();
    // The first saves (twice: its hold follows its own writes) ...
    expect(keepProgress(store, first.playable, snapshot, { origin: 'continued', activeMs: 21 * 60_000, hold: first.hold, now })).toEqual({ saved: true, key: KEY });
    expect(keepProgress(store, first.playable, snapshot, { origin: 'continued', activeMs: 22 * 60_000, hold: first.hold, now })).toEqual({ saved: true, key: KEY });
    const theirs = store.read(KEY);
    // ... the second then neither writes over it nor records its 20 minutes again.
    expect(keepProgress(store, second.playable, snapshot, { origin: 'continued', activeMs: 25 * 60_000, hold: second.hold, now })).toEqual({ saved: false, key: KEY, behind: true, reason: 'Not saved: you went on in another window; go on there.' });
    expect(finishPlaythrough(store, second.playable, debrief(), now, { activeMs: 25 * 60_000, hold: second.hold })).toEqual({ behind: true });
    expect(store.read(KEY)).toBe(theirs);
    expect(store.read(RECORDS_KEY)).toBeUndefined();
    // The first finishes: recorded once; the second's hold stays behind.
    expect(finishPlaythrough(store, first.playable, debrief(), now, { activeMs: 23 * 60_000, hold: first.hold })).toMatchObject({ playthroughs: [{ minutes: 23 }] });
    expect(keepProgress(store, second.playable, snapshot, { origin: 'continued', hold: second.hold, now })).toMatchObject({ saved: false, behind: true });
    expect(store.read(KEY)).toBeUndefined();
  });

  it('checks and writes under the save\'s lock, so two processes checking at once cannot both go on', () => {
    const store = memoryStore({ [KEY]: savedText() });
    const r = readSave(store, loader, KEY, now);
    if (r.kind !== 'ok') throw new Error('not resumed');
    const locked: string[] = [];
    let holding: string | undefined;
    const locking: Store = {
      ...store,
      read: (key) => {
        if (key === KEY) expect(holding).toBe(KEY);
        return store.read(key);
      },
      exclusive: <T,>(key: string, update: () => T): T => {
        locked.push(key);
        const outer = holding;
        holding ??= key;
        try {
          return update();
        } finally {
          holding = outer;
        }
      },
    };
    finishPlaythrough(locking, r.playable, debrief(), now, { hold: r.hold });
    expect(locked[0]).toBe(KEY);
    expect(locked).toContain(RECORDS_KEY);
  });

  it('passes on the notice when the records it adds to were damaged', () => {
    const store = memoryStore({ [RECORDS_KEY]: `${CLEAR}[` });
    const out = finishPlaythrough(store, playable, debrief(), now);
    expectOneCleanLine(out?.notice);
    expect(store.read('records.json.damaged-2025-01-31T10-20-30')).toBe(`${CLEAR}[`);
  });
});

describe('a value that could not be set aside is not said to be "moved to" where it still is', () => {
  // A read-only state folder: the terminal said "The save was moved to …/saves/red-flags.json (left
  // in place: it could not be moved, permission denied)", its own path, and that new records were started.
  const stuck = (): Store => ({ ...memoryStore(), moveAside: (key: string) => leftInPlace(`/state/${key}`, 'permission denied') });

  it('words a save, records and a room session left in place as such, and the others as moved', () => {
    expect(asideWords('The save', leftInPlace('/s/a.json', 'permission denied'))).toBe('The save could not be moved aside (permission denied) and is still at /s/a.json');
    expect(asideWords('they', '/s/records.json.damaged-1', true)).toBe('they were moved to /s/records.json.damaged-1');
  });

  // The terminal said a save or room session set aside with its path mid-sentence (wrapped with the
  // words around it) and nothing to do, where records were said in lines (recordsSetAsideLines).
  it('in the terminal\'s lines: the sentence naming "the file below", the path alone, what to do; one line for the picker; no file, no path', () => {
    expect(resumeFailureLines('The saved trainer-led session is damaged.', '/s/room/x.json.damaged-1', 'a new session starts', 'The trainer-led session').split('\n')).toEqual([
      'Could not resume: the saved trainer-led session is damaged. The trainer-led session was moved to the file below (nothing was deleted); a new session starts.',
      '/s/room/x.json.damaged-1',
      SET_ASIDE_KEEP,
    ]);
    expect(resumeFailureLines('Damaged.', leftInPlace('/s/a.json', 'permission denied')).split('\n')).toEqual([
      'Could not resume: damaged. The save could not be moved aside (permission denied), so it was left as it was, in the file below; starting fresh.',
      '/s/a.json',
      'Nothing is written over it; casa-practice tries again to set it aside the next time it starts.',
    ]);
    // A path with an escape is shown escaped on its line, as shownFileName shows it.
    expect(resumeFailureLines('Damaged.', '/s/\u001b[2Ja.json').split('\n')[1]).toBe('"/s/\\u001b[2Ja.json"');
    expect(resumeFailureLines('Unreadable.', undefined)).toBe('Could not resume: unreadable. The save was left where it is; starting fresh.');
    // Picker-54: the reason goes on the sentence after the colon ("Could not resume: The saved …" read
    // as two sentences); a word in capitals, a quoted name or a path is left as written.
    expect(['JSON is broken.', '"Kiara" is gone.', '/s/a.json is gone.', 'A save.'].map(afterColon)).toEqual(['JSON is broken.', '"Kiara" is gone.', '/s/a.json is gone.', 'a save.']);
    expect(setAsideInOne(resumeFailure('Damaged.', '/s/a.json.damaged-1', undefined, 'choose a scenario'), '/s/a.json.damaged-1')).toBe(`Could not resume: damaged. The save was moved to /s/a.json.damaged-1; choose a scenario. ${SET_ASIDE_KEEP}`);
  });

  // An outdated save (sound, made with another edit of its scenario) set aside was told to be sent
  // "to whoever helps you with the app", as a damaged one is: there is nothing wrong with it to send.
  it('an outdated save set aside says it is sound and kept, not to send it to anyone; a damaged one still does', () => {
    const now = new Date('2025-01-31T10:20:30Z');
    const outdated = `/s/${asideKey('saves/a.json', now, 'outdated')}`;
    const lines = resumeFailureLines('This save was made with an older version of the scenario "a".', outdated).split('\n');
    expect(lines).toEqual([
      'Could not resume: this save was made with an older version of the scenario "a". The save was moved to the file below (nothing was deleted); starting fresh.',
      '/s/saves/a.json.outdated-2025-01-31T10-20-30',
      OUTDATED_KEEP,
    ]);
    expect(OUTDATED_KEEP).toContain('made with another edit of its scenario');
    expect(OUTDATED_KEEP).not.toMatch(/whoever helps|send it/);
    // The one-line form of the picker, and a second set aside in the same second (-2).
    expect(setAsideInOne('Could not resume: old.', `${outdated}-2`)).toBe(`Could not resume: old. ${OUTDATED_KEEP}`);
    expect(resumeFailureLines('Damaged.', `/s/${asideKey('saves/a.json', now, 'damaged')}`).split('\n')[2]).toBe(SET_ASIDE_KEEP);
    // Left where it was (it could not be moved): what happens next, whatever it is.
    expect(resumeFailureLines('Old.', leftInPlace('/s/saves/a.json', 'permission denied')).split('\n')[2]).toMatch(/^Nothing is written over it;/);
  });

  it('resuming a damaged save, and reading damaged records, in a store that cannot move them', () => {
    const store = stuck();
    store.write(KEY, '{ not json');
    const r = readSave(store, () => ({ error: 'not needed' }), KEY, now);
    expect(r.kind).toBe('bad');
    const line = r.kind === 'bad' ? resumeFailure(r.error, r.movedTo) : '';
    expect(line).toContain('The save could not be moved aside (permission denied) and is still at /state/saves/example-new-phone.json');
    expect(line).not.toMatch(/moved to/);
    store.write(RECORDS_KEY, '{ not json');
    const read = readRecords(store, now);
    expect(read.notice).toContain('they could not be moved aside (permission denied), so the file was left as it was, at /state/records.json');
    expect(read.notice).not.toMatch(/moved to|new records were started/);
  });
});
