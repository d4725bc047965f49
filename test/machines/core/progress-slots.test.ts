import { describe, expect, it } from 'vitest';
import {
  agoWords, continueChoices, finishPlaythrough, repliesMadeWords, keepDebrief, keepDebriefExport, keptDebriefFailure, keptDebriefFailureInOne, keepProgress, mayReplaceSave, memoryStore, outdatedAtSight, quickEntry, saveKeptInstead, readKeptDebrief, readSave, saveKey, saveSummary,
  startingAt, writeSave, type Debrief, type PlayableScenario, type ScenarioLoader, type ScenarioRef,
} from '../../../src/machines/index.js';
import { hasKeptDebrief, leftInPlace, SET_ASIDE_KEEP } from '../../../src/machines/progress/index.js';
import { example, expectOneCleanLine, play } from './fixtures.js';

// Save slots keyed by file and id, the continue / start-over policy, and the last debrief kept.

const now = new Date('2025-01-31T10:20:30Z');
const bundledPlayable: PlayableScenario = { scenario: example, file: '/app/scenarios/example-new-phone.json', bundled: true };
const trainerPlayable: PlayableScenario = { scenario: example, file: '/home/trainer/my-copy.json' };

/** A loader that finds the bundled example by id and the trainer's copy by its path; records what it was asked. */
function loaderFor(asked: ScenarioRef[] = []): ScenarioLoader {
  return (ref, from) => {
    asked.push(ref);
    const moved = startingAt(example, from);
    if (!moved.ok) return { error: moved.error };
    if (ref.source === 'bundled' && ref.id === example.id) return { ...bundledPlayable, scenario: moved.scenario, from };
    if (ref.source === 'file' && ref.file === trainerPlayable.file) return { ...trainerPlayable, scenario: moved.scenario, from };
    if (ref.source === 'file' && ref.legacy && ref.file.endsWith('/scenarios/example-new-phone.json')) return { ...bundledPlayable, scenario: moved.scenario, from };
    return { error: 'The saved scenario is gone.' };
  };
}

describe('save slots by file and id', () => {
  it('gives a trainer\'s file with a bundled scenario\'s id a slot of its own', () => {
    const store = memoryStore();
    const bundledKey = writeSave(store, bundledPlayable, play(example, 'practice', ['phone-curious']).getPersistedSnapshot(), undefined, now);
    const trainerKey = writeSave(store, trainerPlayable, play(example, 'practice', []).getPersistedSnapshot(), undefined, now);
    expect(bundledKey).toBe('saves/example-new-phone.json');
    expect(trainerKey).toMatch(/^saves\/example-new-phone--file-[0-9a-f]{8}\.json$/);
    expect(trainerKey).not.toBe(bundledKey);
    expect(saveKey({ ...trainerPlayable, file: '/elsewhere/my-copy.json' })).not.toBe(trainerKey);
    expect(saveSummary(store, bundledKey)?.replies).toBe(1);
    expect(saveSummary(store, trainerKey)?.replies).toBe(0);
  });

  it('keeps no path for a bundled scenario, only its id (the version is in the session)', () => {
    const store = memoryStore();
    const key = writeSave(store, bundledPlayable, play(example, 'practice', []).getPersistedSnapshot(), undefined, now);
    const text = store.read(key) as string;
    expect(text).not.toContain('/app/scenarios');
    expect(JSON.parse(text)).toMatchObject({ scenario: { source: 'bundled', id: example.id }, session: { scenarioId: example.id, scenarioVersion: example.version } });
    const asked: ScenarioRef[] = [];
    expect(readSave(store, loaderFor(asked), key, now)).toMatchObject({ kind: 'ok', playable: { bundled: true } });
    expect(asked).toEqual([{ source: 'bundled', id: example.id }]);
  });

  it('keeps a trainer\'s file by its path', () => {
    const store = memoryStore();
    const key = writeSave(store, trainerPlayable, play(example, 'practice', []).getPersistedSnapshot(), undefined, now);
    const asked: ScenarioRef[] = [];
    expect(readSave(store, loaderFor(asked), key, now)).toMatchObject({ kind: 'ok', key, playable: { file: trainerPlayable.file } });
    expect(asked).toEqual([{ source: 'file', file: trainerPlayable.file, id: example.id }]);
  });

  it('resumes an older save that kept an absolute path to a bundled scenario, and moves it to its slot', () => {
    const store = memoryStore();
    const key = writeSave(store, bundledPlayable, play(example, 'practice', ['phone-curious']).getPersistedSnapshot(), undefined, now);
    const old = JSON.parse(store.read(key) as string) as Record<string, unknown>;
    delete old.scenario;
    old.scenarioFile = '/old/clone/of/the/app/scenarios/example-new-phone.json';
    store.remove(key);
    store.write('saves/example-new-phone--old.json', JSON.stringify(old));
    const asked: ScenarioRef[] = [];
    const r = readSave(store, loaderFor(asked), 'saves/example-new-phone--old.json', now);
    expect(asked).toEqual([{ source: 'file', file: '/old/clone/of/the/app/scenarios/example-new-phone.json', id: example.id, legacy: true }]);
    expect(r).toMatchObject({ kind: 'ok', key: 'saves/example-new-phone.json', playable: { bundled: true } });
    expect(store.read('saves/example-new-phone--old.json')).toBeUndefined();
    expect(saveSummary(store, 'saves/example-new-phone.json')?.replies).toBe(1);
  });
});

describe('a save whose scenario cannot be found now', () => {
  it('is left where it is when the UI says to keep it (a trainer\'s file that moved), and moved aside otherwise', () => {
    const store = memoryStore();
    const key = writeSave(store, trainerPlayable, play(example, 'practice', []).getPersistedSnapshot(), undefined, now);
    const r = readSave(store, () => ({ error: 'The file moved.', keep: true }), key, now);
    expect(r).toMatchObject({ kind: 'bad', error: 'The file moved.' });
    expect(r).not.toHaveProperty('movedTo');
    expect(store.read(key)).toBeDefined();
    const gone = readSave(store, () => ({ error: 'The file has errors.' }), key, now);
    expect(gone).toMatchObject({ kind: 'bad', movedTo: expect.stringContaining('.damaged-') });
    expect(store.read(key)).toBeUndefined();
  });
});

describe('a save with the right header and a broken session', () => {
  // It was called "This is not a casa-practice save" (restoreSession's words for a session of another
  // format): it is one, damaged, and is moved aside as damaged.
  it.each([['no session', undefined], ['a number', 42], ['a session of another format', { format: 'x' }]])('says the casa-practice save is damaged (%s) and moves it aside as damaged', (_name, session) => {
    const store = memoryStore();
    const key = writeSave(store, bundledPlayable, play(example, 'practice', ['phone-curious']).getPersistedSnapshot(), undefined, now);
    const slot = JSON.parse(store.read(key) as string) as Record<string, unknown>;
    slot.session = session;
    store.write(key, JSON.stringify(slot));
    const r = readSave(store, loaderFor([]), key, now);
    expect(r).toMatchObject({ kind: 'bad', error: 'This casa-practice save is damaged (its playthrough is missing or unreadable).', movedTo: expect.stringContaining(`${key}.damaged-`) });
    expect(store.read(key)).toBeUndefined();
  });
});

describe('continue or start over', () => {
  it('replaces a save only from a continued run, a run that got further, or after starting over and replying', () => {
    const seven = { replies: 7 };
    expect(mayReplaceSave(undefined, 'new', 0)).toBe(true);
    expect(mayReplaceSave(seven, 'continued', 0)).toBe(true);
    expect(mayReplaceSave(seven, 'started-over', 0)).toBe(false);
    expect(mayReplaceSave(seven, 'started-over', 1)).toBe(true);
    expect(mayReplaceSave(seven, 'new', 1)).toBe(false);
    expect(mayReplaceSave(seven, 'new', 7)).toBe(false);
    expect(mayReplaceSave(seven, 'new', 8)).toBe(true);
  });

  it('keeps the further save when a run that started over is saved before its first reply, and says so', () => {
    const store = memoryStore();
    const key = writeSave(store, bundledPlayable, play(example, 'practice', ['phone-curious']).getPersistedSnapshot(), undefined, now);
    const before = store.read(key);
    // Asked before a save is promised (the quit question), the same answer, with nothing written.
    expect(saveKeptInstead(store, bundledPlayable, 0, 'started-over')).toMatchObject({ key, replies: 1 });
    expect(saveKeptInstead(store, bundledPlayable, 1, 'started-over')).toBeUndefined();
    expect(saveKeptInstead(store, bundledPlayable, 0, 'continued')).toBeUndefined();
    expect(store.read(key)).toBe(before);
    const kept = keepProgress(store, bundledPlayable, play(example, 'practice', []).getPersistedSnapshot(), { origin: 'started-over', now });
    expect(kept).toMatchObject({ saved: false, key, existing: { replies: 1, decision: 2 } });
    if (!kept.saved) expectOneCleanLine(kept.reason);
    expect(kept).toMatchObject({ reason: 'Your earlier save (1 reply made) was kept: you started over but made no reply yet.' });
    // Back at no reply after undoing every reply made (the UI knows; the snapshot does not): said so.
    expect(keepProgress(store, bundledPlayable, play(example, 'practice', []).getPersistedSnapshot(), { origin: 'started-over', now, undone: true })).toMatchObject({ saved: false, reason: 'Your earlier save (1 reply made) was kept: you started over but undid every reply you made.' });
    expect(store.read(key)).toBe(before);
    // A fresh run that did not get further keeps it too.
    expect(keepProgress(store, bundledPlayable, play(example, 'practice', []).getPersistedSnapshot(), { origin: 'new', now }).saved).toBe(false);
    expect(store.read(key)).toBe(before);
    // A continued run replaces it, even after an undo back to the start.
    expect(keepProgress(store, bundledPlayable, play(example, 'practice', []).getPersistedSnapshot(), { origin: 'continued', now })).toEqual({ saved: true, key });
    expect(saveSummary(store, key)?.replies).toBe(0);
  });

  it('replaces the save once the volunteer who started over makes a reply', () => {
    const store = memoryStore();
    writeSave(store, bundledPlayable, play(example, 'practice', ['phone-curious']).getPersistedSnapshot(), undefined, now);
    const after = keepProgress(store, bundledPlayable, play(example, 'practice', ['phone-accuse']).getPersistedSnapshot(), { origin: 'started-over', now });
    expect(after.saved).toBe(true);
    expect(store.read(saveKey(bundledPlayable))).toContain('phone-accuse');
  });

  // "decision 8" for a save at the scene after decision 7, which the page opens as "After 7 of about 11 decisions".
  it('says how far a save got in replies made, which holds whether it stopped at a decision or at a scene after one', () => {
    expect([0, 1, 7].map((replies) => repliesMadeWords({ replies }))).toEqual(['no reply yet', '1 reply made', '7 replies made']);
    expect(continueChoices({ replies: 7, mode: 'practice' }, now).continueLabel).toMatch(/^Continue where you stopped \(7 replies made, practice, saved /);
  });

  it('summarises a save without loading it, and words the question', () => {
    const store = memoryStore();
    const key = writeSave(store, bundledPlayable, play(example, 'practice', ['phone-curious']).getPersistedSnapshot(), undefined, new Date('2025-01-31T08:20:30Z'));
    const summary = saveSummary(store, key);
    expect(summary).toEqual({ key, replies: 1, decision: 2, savedAt: '2025-01-31T08:20:30.000Z', mode: 'practice', scenarioVersion: example.version });
    const words = continueChoices(summary!, now);
    expect(words.continueLabel).toBe('Continue where you stopped (1 reply made, practice, saved 2 hours ago)');
    expect(words.startOverLabel).toBe('Start over (the save is kept until you make your first reply)');
    expect(words.plainNotice).toBe('Continuing where you stopped (1 reply made, practice, saved 2 hours ago).');
    // An assessment's save says so: the volunteer may be starting the other mode.
    const assessment = memoryStore();
    const assessed = writeSave(assessment, bundledPlayable, play(example, 'assessment', ['phone-curious']).getPersistedSnapshot(), undefined, now);
    expect(continueChoices(saveSummary(assessment, assessed)!, now).continueLabel).toBe('Continue where you stopped (1 reply made, assessment, saved just now)');
    expect(saveSummary(memoryStore({ [key]: '{"session": 1}' }), key)).toBeUndefined();
    expect(saveSummary(memoryStore({ [key]: 'not json' }), key)).toBeUndefined();
  });

  // The web app's first page offered "Continue where you stopped" for a save made before its scenario
  // was updated, and opening it then said it could not: it is seen at once, as readSave finds it.
  it('sees a save made with another version of its scenario without loading it, as resuming it finds it', () => {
    const store = memoryStore();
    const key = writeSave(store, bundledPlayable, play(example, 'practice', ['phone-curious']).getPersistedSnapshot(), undefined, now);
    const summary = saveSummary(store, key)!;
    const listed = quickEntry('example-new-phone.json', JSON.stringify(example));
    expect(listed).toMatchObject({ version: example.version });
    expect(outdatedAtSight(summary, (listed as { version?: number }).version)).toBe(false);
    const updated = { ...example, version: example.version + 1 };
    expect(outdatedAtSight(summary, updated.version)).toBe(true);
    expect(readSave(memoryStore({ [key]: store.read(key)! }), () => ({ ...bundledPlayable, scenario: updated }), key)).toMatchObject({ kind: 'bad', outdated: true });
    // A file or a save that names no version is left to the full check (saveStanding).
    expect(outdatedAtSight(summary, undefined)).toBe(false);
    expect(outdatedAtSight({}, example.version)).toBe(false);
  });

  it('says how long ago in words', () => {
    expect(agoWords('2025-01-31T10:20:10Z', now)).toBe('just now');
    expect(agoWords('2025-01-31T10:19:30Z', now)).toBe('1 minute ago');
    expect(agoWords('2025-01-31T09:20:30Z', now)).toBe('1 hour ago');
    expect(agoWords('2025-01-27T10:20:30Z', now)).toBe('4 days ago');
    expect(agoWords('yesterday', now)).toBe('some time ago');
  });
});

// A damaged save or kept debrief was said to the web's volunteer in the core's words, "(it is not
// valid JSON)". The core says what is wrong in `error` as before (the terminal's words, unchanged),
// and marks it damaged (`damaged`: what is wrong), for a UI to say in words of its own; a save that
// is sound but cannot be used (another version, its scenario gone) is not marked.
describe('a damaged save or kept debrief is marked damaged, its error unchanged', () => {
  it.each([
    ['not JSON', () => '\u001b[2J{"format": <img src=x>', 'The saved progress is damaged (it is not valid JSON).', 'it is not valid JSON'],
    ['not a save', () => '{"format": "x"}', 'This is not a casa-practice save.', 'it is not a casa-practice save'],
    ['no scenario named', () => '{"format": "casa-practice-terminal-save", "formatVersion": 1}', 'The saved progress is damaged (its scenario is not named).', 'its scenario is not named'],
    ['a broken session', (good: string) => good.replace(/"mode": "practice"/, '"mode": 7'), 'The saved progress is damaged (its mode or transcript is malformed).', 'its mode or transcript is malformed'],
  ])('a save: %s', (_name, text, error, damaged) => {
    const store = memoryStore();
    const key = writeSave(store, bundledPlayable, play(example, 'practice', ['phone-curious']).getPersistedSnapshot(), undefined, now);
    store.write(key, text(store.read(key) as string));
    expect(readSave(store, loaderFor([]), key, now)).toEqual({ kind: 'bad', error, damaged, movedTo: expect.stringContaining(`${key}.damaged-`) });
  });

  it('a save of another version of its scenario, or in a format this version does not read, is not marked damaged', () => {
    const store = memoryStore();
    const key = writeSave(store, bundledPlayable, play(example, 'practice', ['phone-curious']).getPersistedSnapshot(), undefined, now);
    const good = store.read(key) as string;
    store.write(key, good.replace(/"scenarioVersion": \d+/, '"scenarioVersion": 999'));
    expect(readSave(store, loaderFor([]), key, now)).not.toHaveProperty('damaged');
    store.write(key, good.replace(/"formatVersion": 1/, '"formatVersion": 7'));
    expect(readSave(store, loaderFor([]), key, now)).not.toHaveProperty('damaged');
  });

  it('a kept debrief: not JSON, or its playthrough broken; not one of another version', () => {
    const store = memoryStore();
    const key = keepDebrief(store, bundledPlayable, play(example, 'practice', ['phone-curious', 'after-supervisor']).getPersistedSnapshot(), now);
    const good = store.read(key) as string;
    store.write(key, '{"broken');
    expect(readKeptDebrief(store, bundledPlayable, now)).toEqual({ ok: false, error: 'The last debrief kept is damaged (it is not valid JSON).', damaged: 'it is not valid JSON', movedTo: expect.stringContaining(`${key}.damaged-`) });
    store.write(key, good.replace(/"mode": "practice"/, '"mode": 7'));
    expect(readKeptDebrief(store, bundledPlayable, now)).toMatchObject({ ok: false, error: 'The last debrief kept is damaged (its mode or transcript is malformed).', damaged: 'its mode or transcript is malformed' });
    store.write(key, good.replace(/"scenarioVersion": \d+/, '"scenarioVersion": 999'));
    expect(readKeptDebrief(store, bundledPlayable, now)).not.toHaveProperty('damaged');
  });
});

describe('the last debrief kept', () => {
  const finished = () => play(example, 'practice', ['phone-curious', 'after-supervisor']);

  it('is kept when a playthrough finishes and read back as the same debrief', () => {
    const store = memoryStore();
    const actor = finished();
    const debrief = actor.getSnapshot().output as Debrief;
    finishPlaythrough(store, bundledPlayable, debrief, now, { finishedSnapshot: actor.getPersistedSnapshot() });
    expect(hasKeptDebrief(store, bundledPlayable)).toBe(true);
    expect(hasKeptDebrief(store, trainerPlayable)).toBe(false);
    const { context } = actor.getSnapshot();
    // With the replies, mode and seed a what-if replays from (whatIfFrom).
    expect(readKeptDebrief(store, bundledPlayable)).toEqual({ ok: true, debrief, mode: 'practice', savedAt: now.toISOString(), played: { mode: 'practice', transcript: context.transcript, ...(context.seed === undefined ? {} : { seed: context.seed }) } });
    const assessed = play(example, 'assessment', ['phone-curious', 'after-supervisor']);
    keepDebrief(store, bundledPlayable, assessed.getPersistedSnapshot(), now);
    expect(readKeptDebrief(store, bundledPlayable)).toMatchObject({ ok: true, mode: 'assessment' });
  });

  // Alone practice: e on a debrief, q, then d in the picker and e again wrote a second pair of files
  // for the same playthrough. The kept debrief now notes its export; what is read back is untrusted.
  it('notes the export e wrote beside it, read back where it has an export\'s shape; one without it, or with a malformed one, still reads', () => {
    const store = memoryStore();
    const key = keepDebrief(store, bundledPlayable, finished().getPersistedSnapshot(), now);
    const older = store.read(key) as string;
    const exported = { markdown: '/state/exports/example-new-phone-debrief-2025-01-31T10-20-30.md', json: '/state/exports/example-new-phone-debrief-2025-01-31T10-20-30.json', digest: { markdown: 'a'.repeat(64), json: 'b'.repeat(64) } };
    // Without one (kept before exports were noted): as before.
    expect(readKeptDebrief(store, bundledPlayable)).not.toHaveProperty('exported');
    expect(keepDebriefExport(store, bundledPlayable, exported)).toBe(true);
    expect(readKeptDebrief(store, bundledPlayable)).toMatchObject({ ok: true, savedAt: now.toISOString(), exported });
    // The playthrough itself is as it was.
    const { exported: noted, ...rest } = JSON.parse(store.read(key) as string) as { exported: unknown };
    expect(noted).toEqual(exported);
    expect(rest).toEqual(JSON.parse(older));
    // Malformed in the file: the debrief reads all the same, without an export.
    for (const bad of [7, 'x', { ...exported, digest: { markdown: 'nothex', json: 'b'.repeat(64) } }, { ...exported, json: '/etc/passwd' }, { ...exported, markdown: '/state/exports/other-debrief-1.md', json: '/state/exports/other-debrief-1.json' }, { ...exported, markdown: `/x\0/${'y'.repeat(10)}/example-new-phone-debrief-1.md` }]) {
      store.write(key, JSON.stringify({ ...JSON.parse(older), exported: bad }));
      const read = readKeptDebrief(store, bundledPlayable);
      expect(read, JSON.stringify(bad)).toMatchObject({ ok: true });
      expect(read, JSON.stringify(bad)).not.toHaveProperty('exported');
    }
    // Never noted into nothing, a damaged one, or another scenario's; nor is a malformed export written.
    expect(keepDebriefExport(memoryStore(), bundledPlayable, exported)).toBe(false);
    store.write(key, '{"broken');
    expect(keepDebriefExport(store, bundledPlayable, exported)).toBe(false);
    expect(store.read(key)).toBe('{"broken');
    store.write(key, older);
    expect(keepDebriefExport(store, bundledPlayable, { ...exported, json: 'elsewhere.json' })).toBe(false);
    expect(store.read(key)).toBe(older);
    // The next playthrough kept replaces it, export and all.
    keepDebrief(store, bundledPlayable, finished().getPersistedSnapshot(), now);
    expect(readKeptDebrief(store, bundledPlayable)).not.toHaveProperty('exported');
  });

  it('is not kept for an author\'s --from test', () => {
    const store = memoryStore();
    const actor = finished();
    finishPlaythrough(store, { ...bundledPlayable, from: 'after-visit' }, actor.getSnapshot().output as Debrief, now, { finishedSnapshot: actor.getPersistedSnapshot() });
    expect(store.list('debriefs/')).toEqual([]);
  });

  it('refuses a kept debrief whose replies were edited, in one clean line', () => {
    const store = memoryStore();
    const key = keepDebrief(store, bundledPlayable, finished().getPersistedSnapshot(), now);
    const kept = JSON.parse(store.read(key) as string) as { snapshot: { context: { variables: Record<string, number> } } };
    kept.snapshot.context.variables.trust = 3;
    store.write(key, JSON.stringify(kept));
    const r = readKeptDebrief(store, bundledPlayable);
    expect(r?.ok).toBe(false);
    if (r && !r.ok) expectOneCleanLine(r.error);
    store.write(key, '\u001b[2J{');
    const broken = readKeptDebrief(store, bundledPlayable);
    expect(broken?.ok).toBe(false);
    expect(readKeptDebrief(memoryStore(), bundledPlayable)).toBeUndefined();
  });

  // A damaged one stayed in its place: the library kept offering "See your last debrief" and every
  // visit met the same "cannot be shown". It is set aside as a damaged save is, never deleted.
  it('sets a kept debrief that cannot be shown aside (damaged or outdated, never deleted), so it is no longer offered', () => {
    const store = memoryStore();
    const key = keepDebrief(store, bundledPlayable, finished().getPersistedSnapshot(), now);
    const good = store.read(key) as string;
    for (const [text, reason] of [['\u001b[2J{', 'damaged'], [good.replace(/"scenarioVersion": \d+/, '"scenarioVersion": 999'), 'outdated'], [good.replace(/"status": "done"/, '"status": "active"'), 'damaged']] as const) {
      store.write(key, text);
      expect(hasKeptDebrief(store, bundledPlayable)).toBe(true);
      const r = readKeptDebrief(store, bundledPlayable, now);
      if (!r || r.ok) throw new Error(`read as ${JSON.stringify(r)}`);
      expect(r.movedTo).toBe(`${key}.${reason}-${now.toISOString().slice(0, 19).replace(/:/g, '-')}`);
      expect(store.read(r.movedTo!)).toBe(text);
      expect(store.read(key)).toBeUndefined();
      expect(hasKeptDebrief(store, bundledPlayable)).toBe(false);
      expect(keptDebriefFailure(r)).toBe(`${r.error} It was moved to ${r.movedTo}.`);
      expect(keptDebriefFailure(r, () => 'A copy is kept')).toBe(`${r.error} A copy is kept.`);
      store.remove(r.movedTo!);
    }
    // One that cannot be read at all stays where it is, and the line says nothing of a move.
    const unreadable = { ...memoryStore(), read: () => { throw new Error('EACCES: permission denied'); } };
    const r = readKeptDebrief(unreadable, bundledPlayable, now);
    expect(r).toEqual({ ok: false, error: 'The last debrief could not be read (EACCES: permission denied).' });
    expect(keptDebriefFailure(r as { error: string })).toBe('The last debrief could not be read (EACCES: permission denied).');
  });

  // The terminal's picker said "… It was moved to /home/…/debriefs/x.json.damaged-…." and nothing
  // to do; then the sentence, the path and what to do on lines of their own, which the picker (a
  // notice a line) showed as three notices where a save or records set aside are one. One notice.
  it('as the terminal\'s picker says it: one line, where it went, then what to do', () => {
    const error = 'The last debrief kept is damaged (it has no scenario version).';
    expect(keptDebriefFailureInOne({ error, movedTo: '/s/debriefs/x.json.damaged-1' }))
      .toBe(`${error} It was moved to /s/debriefs/x.json.damaged-1; choose a scenario. ${SET_ASIDE_KEEP}`);
    // Left where it was, it is tried again when asked for again (the picker still offers it).
    expect(keptDebriefFailureInOne({ error, movedTo: leftInPlace('/s/debriefs/x.json', 'permission denied') }))
      .toBe(`${error} It could not be moved aside (permission denied) and is still at /s/debriefs/x.json; choose a scenario. Nothing is written over it; casa-practice tries again to set it aside the next time you ask to see it.`);
    // Escapes in the path shown, not sent; not moved at all, the error alone.
    expect(keptDebriefFailureInOne({ error, movedTo: '/s/\u001b[2Jx.json' })).toContain('It was moved to "/s/\\u001b[2Jx.json"; choose');
    expect(keptDebriefFailureInOne({ error: 'The last debrief could not be read (EACCES).' })).toBe('The last debrief could not be read (EACCES).');
  });

  // It said "The last debrief cannot be shown: The saved progress is damaged (its scenario
  // version, undefined, is not a number)": "undefined" shown to a volunteer, and not a save.
  it('says what is wrong with a damaged debrief in the debrief\'s own words, never "undefined"', () => {
    const store = memoryStore();
    const key = keepDebrief(store, bundledPlayable, finished().getPersistedSnapshot(), now);
    const kept = JSON.parse(store.read(key) as string) as Record<string, unknown>;
    const read = (change: (k: Record<string, unknown>) => void) => {
      const copy = structuredClone(kept);
      change(copy);
      store.write(key, JSON.stringify(copy));
      const r = readKeptDebrief(store, bundledPlayable);
      return r && !r.ok ? r.error : undefined;
    };
    expect(read((k) => delete k.scenarioVersion)).toBe('The last debrief kept is damaged (it has no scenario version).');
    expect(read((k) => { k.scenarioVersion = 'two'; })).toBe('The last debrief kept is damaged (its scenario version, "two", is not a number).');
    expect(read((k) => { k.snapshot = 7; })).toBe('The last debrief kept is damaged (its state is missing or malformed).');
    expect(read((k) => { k.format = 'x'; })).toBe('The last debrief kept is damaged (its playthrough is missing or unreadable).');
    // Another scenario's playthrough under this scenario's name (a browser's storage edited by hand):
    // it said "The last debrief cannot be shown: This save belongs to the scenario …", a debrief
    // called a save, its sentence begun again after the colon.
    expect(read((k) => { k.scenarioId = 'red-flags'; })).toBe(`The last debrief kept is of another scenario, "red-flags", not of "${example.id}", so it cannot be shown.`);
    expect(read((k) => { k.scenarioVersion = (example.version as number) + 1; })).toBe(`The last debrief kept was of another version of the scenario "${example.id}" (it is now version ${example.version}), and the story may have changed since, so it cannot be shown.`);
  });

  // A debrief kept before its scenario was changed under the same version (an author's test run, a
  // reply's feedback fixed since) said it "was of another version of the scenario (it is now version
  // 1)": the version is the same, and what changed was not said.
  it('a debrief kept before its scenario was changed under the same version says what changed, not "another version"', () => {
    const store = memoryStore();
    keepDebrief(store, bundledPlayable, finished().getPersistedSnapshot(), now);
    const changed = structuredClone(example);
    for (const n of changed.nodes) if (n.kind === 'decision') for (const r of n.replies) if (r.id === 'after-supervisor') r.feedback += ' Edited.';
    const r = readKeptDebrief(store, { ...bundledPlayable, scenario: changed });
    expect(r && !r.ok && r.error).toBe(`The last debrief kept was of the scenario "${example.id}" before it was changed (the reply "after-supervisor" it chose at "after-visit" has changed (its feedback)), and the scenario still says version ${example.version}, so it cannot be shown.`);
  });
});
