import { describe, expect, it } from 'vitest';
import {
  backupText, clearFacilitation, clearSave, importBackup, parseBackup, restoreRefusal, restoreReplacedSave, facilitationKey, finishPlaythrough, keepDebrief, keepProgress, memoryStore, readFacilitation, readKeptDebrief, readSave, saveKey, saveSummary, startFacilitation,
  writeFacilitation, writeSave, type Debrief, type PlayableScenario, type ScenarioLoader,
} from '../../../src/machines/index.js';
import { debriefKey, latestSaveKey, newerSaveKeys, newerSavesWords, slotScenarioId } from '../../../src/machines/light.js';
import { example, play } from './fixtures.js';

// Found by the saves-47 review: a save, trainer-led session or kept debrief written by a newer
// casa-practice (an old tab left open after an update, a terminal not yet updated) was moved aside
// as `….damaged-…` ("uses format version 2, which this version … does not read"), and the web's
// next step, or a new playthrough's first save, wrote straight over it.

const now = new Date('2026-12-06T16:00:00Z');
const playable: PlayableScenario = { scenario: example, file: 'example.json', bundled: true };
const loader: ScenarioLoader = () => playable;

/** This version's stored text under `key`, with its format version (or its session's) made newer. */
function newerOf(text: string, where: 'top' | 'session' = 'top'): string {
  const raw = JSON.parse(text) as { formatVersion: number; session?: { formatVersion: number } };
  if (where === 'top') raw.formatVersion = 2;
  else if (raw.session) raw.session.formatVersion = 3;
  return JSON.stringify(raw);
}

describe('saves written by a newer version of casa-practice', () => {
  it('a newer save is said to be one, left where it is, and never moved aside, written over or removed', () => {
    for (const where of ['top', 'session'] as const) {
      const store = memoryStore();
      const key = writeSave(store, playable, play(example, 'practice', ['phone-curious']).getPersistedSnapshot(), undefined, now);
      const newer = newerOf(store.read(key) as string, where);
      store.write(key, newer);
      const untouched = () => {
        expect(store.read(key)).toBe(newer);
        expect(store.list('').map((e) => e.key)).toEqual([key]);
      };
      const found = readSave(store, loader, key, now);
      expect(found).toMatchObject({ kind: 'bad', newer: where === 'top' ? 2 : 3 });
      expect(found).not.toHaveProperty('movedTo');
      if (found.kind !== 'bad') throw new Error('read');
      expect(found.error).toBe(`Your saved progress in this scenario was written by a newer version of casa-practice (format version ${where === 'top' ? 2 : 3}), which this version cannot read. Nothing is wrong with it: it was left where it is, and nothing is written over it. Update casa-practice to continue it.`);
      expect(found.error).not.toMatch(/damaged/);
      untouched();
      // Not offered as a save to continue here, and a new playthrough's progress is not written over it.
      expect(saveSummary(store, key)).toBeUndefined();
      const kept = keepProgress(store, playable, play(example, 'practice', ['phone-curious', 'after-supervisor']).getPersistedSnapshot(), { origin: 'new', now });
      expect(kept).toMatchObject({ saved: false, newer: where === 'top' ? 2 : 3 });
      expect(kept.saved ? '' : kept.reason).toBe('Not saved: your saved progress in this scenario was written by a newer version of casa-practice, and is left as it is. Update casa-practice to continue it.');
      untouched();
      writeSave(store, playable, play(example, 'practice', []).getPersistedSnapshot(), undefined, now);
      clearSave(store, playable);
      untouched();
    }
  });

  it('a new playthrough finished beside a newer save is recorded, and the newer save and kept debrief stay as they are', () => {
    const store = memoryStore();
    const key = writeSave(store, playable, play(example, 'practice', ['phone-curious']).getPersistedSnapshot(), undefined, now);
    const newer = newerOf(store.read(key) as string);
    store.write(key, newer);
    const actor = play(example, 'practice', ['phone-curious', 'after-supervisor']);
    keepDebrief(store, playable, actor.getPersistedSnapshot(), now);
    const newerDebrief = newerOf(store.read(debriefKey(playable)) as string);
    store.write(debriefKey(playable), newerDebrief);
    const finished = finishPlaythrough(store, playable, actor.getSnapshot().output as Debrief, now, { finishedSnapshot: actor.getPersistedSnapshot() });
    expect(finished?.playthroughs).toHaveLength(1);
    expect(store.read(key)).toBe(newer);
    expect(store.read(debriefKey(playable))).toBe(newerDebrief);
    const debrief = readKeptDebrief(store, playable, now);
    expect(debrief).toEqual({ ok: false, newer: 2, error: 'Your last debrief kept in this scenario was written by a newer version of casa-practice (format version 2), which this version cannot read. Nothing is wrong with it: it was left where it is, and nothing is written over it. Update casa-practice to see it.' });
    expect(store.read(debriefKey(playable))).toBe(newerDebrief);
    expect(store.list('').filter((e) => e.key.includes('.damaged-') || e.key.includes('.outdated-'))).toEqual([]);
  });

  it('a trainer-led session kept by a newer version is said to be one, left where it is, and never written over or removed', () => {
    const store = memoryStore();
    const actor = startFacilitation(example, 7);
    const progress = { past: [], current: { votes: {}, revealed: false } };
    const key = writeFacilitation(store, playable, actor.getPersistedSnapshot(), progress, now);
    expect(key).toBe(facilitationKey(playable));
    const newer = newerOf(store.read(key) as string);
    store.write(key, newer);
    const found = readFacilitation(store, loader, playable, now);
    expect(found).toEqual({ kind: 'bad', newer: 2, error: 'Your saved trainer-led session in this scenario was written by a newer version of casa-practice (format version 2), which this version cannot read. Nothing is wrong with it: it was left where it is, and nothing is written over it. Update casa-practice to continue it.' });
    writeFacilitation(store, playable, actor.getPersistedSnapshot(), progress, now);
    clearFacilitation(store, playable);
    expect(store.read(key)).toBe(newer);
    expect(store.list('').map((e) => e.key)).toEqual([key]);
  });

  it('a backup loaded here does not set aside or write over a newer save', () => {
    const other = memoryStore();
    writeSave(other, playable, play(example, 'practice', ['phone-curious', 'after-supervisor']).getPersistedSnapshot(), undefined, new Date(now.getTime() + 60_000));
    const backup = parseBackup(backupText(other, new Date(now.getTime() + 60_000)).text, new Date(now.getTime() + 120_000));
    if (!backup.ok) throw new Error(backup.error);
    const store = memoryStore();
    const key = writeSave(store, playable, play(example, 'practice', ['phone-curious']).getPersistedSnapshot(), undefined, now);
    const newer = newerOf(store.read(key) as string);
    store.write(key, newer);
    const result = importBackup(store, backup.backup, new Date(now.getTime() + 120_000));
    expect(result).toMatchObject({ savesLoaded: 0, savesSetAside: [], savesNewer: 1 });
    expect(result.message).toMatch(/1 scenario in progress here was saved by a newer version of casa-practice, so it was kept as it was and the backup's not loaded over it/);
    expect(store.read(key)).toBe(newer);
    expect(store.list('').filter((e) => e.key.startsWith('saves/')).map((e) => e.key)).toEqual([key]);
    // A backup made here leaves it out, and says so.
    const made = backupText(store, now);
    expect(made.newerSaves).toBe(1);
    expect(Object.keys((JSON.parse(made.text) as { saves: object }).saves)).toEqual([]);
  });

  it('a copy a backup replaced is not restored over a newer save', () => {
    const store = memoryStore();
    const key = writeSave(store, playable, play(example, 'practice', ['phone-curious']).getPersistedSnapshot(), undefined, now);
    const copy = `${key}.replaced-2026-12-05T10-00-00`;
    store.write(copy, store.read(key) as string);
    const newer = newerOf(store.read(key) as string);
    store.write(key, newer);
    const why = 'the save of this scenario there now was written by a newer version of casa-practice, which this version cannot read, and it is left as it is';
    expect(restoreRefusal(store, copy)).toBe(why);
    expect(restoreReplacedSave(store, copy, now)).toEqual({ ok: false, why });
    expect(store.read(key)).toBe(newer);
    expect(store.list('saves/').map((e) => e.key).sort()).toEqual([key, copy]);
  });

  it('a save of this version is still written over, removed, and a damaged one still set aside', () => {
    const store = memoryStore();
    const key = writeSave(store, playable, play(example, 'practice', ['phone-curious']).getPersistedSnapshot(), undefined, now);
    clearSave(store, playable);
    expect(store.read(key)).toBeUndefined();
    store.write(saveKey(playable), '{"format":"casa-practice-terminal-save","formatVersion":"two"}');
    expect(readSave(store, loader, key, now)).toMatchObject({ kind: 'bad', movedTo: `${key}.damaged-2026-12-06T16-00-00` });
  });

  // Found by the saves2-47 review: the newest save was a newer version's (of another scenario), so
  // resume landed on its notice though an older save of this version waited, readable. And by the
  // saves-48 review: with only those, resume landed on the newest, whose notice said "in this
  // scenario" before any scenario was named (the UI now names them: newerSavesWords).
  it('resume opens the newest save this version can read, passing over a newer version\'s; with only those, none', () => {
    let t = 0;
    const store = memoryStore({}, () => ++t);
    const own = writeSave(store, playable, play(example, 'practice', ['phone-curious']).getPersistedSnapshot(), undefined, now);
    const other = 'saves/another-scenario.json';
    const newer = newerOf(store.read(own) as string);
    store.write(other, newer);
    expect(latestSaveKey(store)).toBe(own);
    expect(readSave(store, loader, undefined, now)).toMatchObject({ kind: 'ok', key: own });
    expect(store.read(other)).toBe(newer);
    store.remove(own);
    expect(latestSaveKey(store)).toBeUndefined();
    expect(readSave(store, loader, undefined, now)).toEqual({ kind: 'none' });
    expect(store.read(other)).toBe(newer);
  });

  // Found by the saves-48 review: resume said nothing of a newer version's save of another scenario.
  it('the saves a newer version wrote are found newest first, their scenarios named from the key, in one clean line', () => {
    let t = 0;
    const store = memoryStore({}, () => ++t);
    const own = writeSave(store, playable, play(example, 'practice', ['phone-curious']).getPersistedSnapshot(), undefined, now);
    const newer = newerOf(store.read(own) as string);
    store.write('saves/youth-discloses--from-s2.json', newer);
    store.write('saves/red-flags.json', newer);
    expect(newerSaveKeys(store)).toEqual(['saves/red-flags.json', 'saves/youth-discloses--from-s2.json']);
    expect(slotScenarioId('saves/youth-discloses--from-s2.json')).toBe('youth-discloses');
    expect(slotScenarioId('saves/Not an id.json')).toBeUndefined();
    expect(newerSavesWords([])).toBeUndefined();
    expect(newerSavesWords(['What Kiara tells you'], true)).toBe('Another scenario, “What Kiara tells you”, has saved progress from a newer version of casa-practice, which this version leaves untouched. Update casa-practice to continue it.');
    // Untrusted text (a trainer's title, a key): escapes and line breaks gone; one name said once.
    expect(newerSavesWords(['Red\u001b[31m flags\n', 'Two', 'Two'], false, 'Reload the page to continue it.')).toBe('“Red flags” and “Two” have saved progress from a newer version of casa-practice, which this version leaves untouched. Reload the page to continue them.');
    // Thousands of them (hostile-48: a line of 70 KB): five named, the rest counted.
    const many = Array.from({ length: 5000 }, (_, i) => `Scenario ${i + 1}`);
    expect(newerSavesWords(many, true)).toBe('Other scenarios, “Scenario 1”, “Scenario 2”, “Scenario 3”, “Scenario 4”, “Scenario 5” and 4,995 more, have saved progress from a newer version of casa-practice, which this version leaves untouched. Update casa-practice to continue them.');
    // Saves whose file names are not UTF-8 (a terminal's file store lists them under a name they do not have): said plainly, after the titles (hostile-49).
    expect(newerSavesWords([], false, undefined, 1)).toBe('A save whose file name is not UTF-8 holds progress from a newer version of casa-practice, which this version leaves untouched. Update casa-practice to continue it.');
    // Counted as every message counts (countWords): "5,476", not "5476" (hostile3-49).
    expect(newerSavesWords([], false, undefined, 5476)).toMatch(/^5,476 saves whose file names are not UTF-8 hold /);
    expect(newerSavesWords(['A'], false, undefined, 5476)).toContain(', and so do 5,476 saves whose file names are not UTF-8;');
    expect(newerSavesWords([], true, undefined, 3)).toBe('3 other saves whose file names are not UTF-8 hold progress from a newer version of casa-practice, which this version leaves untouched. Update casa-practice to continue them.');
    expect(newerSavesWords(['What Kiara tells you'], true, undefined, 1)).toBe('Another scenario, “What Kiara tells you”, has saved progress from a newer version of casa-practice, and so does a save whose file name is not UTF-8; this version leaves them untouched. Update casa-practice to continue them.');
    for (const odd of [0, -1, 0.5, Number.NaN]) expect(newerSavesWords([], false, undefined, odd)).toBeUndefined();
    // A title is the save's own text: words of it like the line's own ("continue it", ", which this
    // version leaves untouched. ") are left as written, and the line's own words are the ones changed.
    expect(newerSavesWords(['Ready to continue it'], false, undefined, 2)).toBe('“Ready to continue it” has saved progress from a newer version of casa-practice, and so do 2 saves whose file names are not UTF-8; this version leaves them untouched. Update casa-practice to continue them.');
    expect(newerSavesWords(['A, which this version leaves untouched. B'], false, undefined, 1)).toBe('“A, which this version leaves untouched. B” has saved progress from a newer version of casa-practice, and so does a save whose file name is not UTF-8; this version leaves them untouched. Update casa-practice to continue them.');
    expect(newerSavesWords(many.slice(0, 5))).toBe('“Scenario 1”, “Scenario 2”, “Scenario 3”, “Scenario 4” and “Scenario 5” have saved progress from a newer version of casa-practice, which this version leaves untouched. Update casa-practice to continue them.');
  });
});
