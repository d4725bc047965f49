import { describe, expect, it } from 'vitest';
import {
  fitToSave, fitWords, memoryStore, missingFileWords, peekScenario, readSave, relocateSave, saveKey, writeSave, type PlayableScenario, type Scenario,
} from '../../../src/machines/index.js';
import { bundled, example, expectOneCleanLine, HOSTILE, play } from './fixtures.js';

// A save of a trainer's file that moved: reporting it, matching a file found elsewhere to it by
// scenario id and version, and re-pointing the save at it. A refusal changes nothing in the store.

const now = new Date('2025-01-31T10:20:30Z');
const OLD = '/media/usb-a/training/new-phone.json';
const NEW = '/media/usb-b/training/new-phone.json';
const trainer: PlayableScenario = { scenario: example, file: OLD };

/** A store holding one save of the example's trainer copy at OLD, one reply in. */
function savedAtOld(playable: PlayableScenario = trainer, replies: string[] = ['phone-curious']) {
  const store = memoryStore();
  const key = writeSave(store, playable, play(playable.scenario, 'practice', replies).getPersistedSnapshot(), '2025-01-31T10:00:00.000Z', now);
  return { store, key };
}

/** Everything in the store, to compare before and after. */
const contents = (store: ReturnType<typeof memoryStore>) => Object.fromEntries([...store.data.entries()].map(([k, v]) => [k, v.text]));

const withVersion = (scenario: Scenario, version: number): Scenario => ({ ...scenario, version });

describe('a save whose trainer file moved', () => {
  it('is reported with what a UI needs to ask for the file: its key, the path it names, the scenario id and version', () => {
    const { store, key } = savedAtOld();
    const r = readSave(store, () => ({ error: 'The file moved.', keep: true }), key, now);
    expect(r).toEqual({ kind: 'bad', error: 'The file moved.', missing: { key, file: OLD, id: example.id, version: example.version } });
    expect(store.read(key)).toBeDefined();
  });

  it('names no file to look for when the save is of a bundled scenario', () => {
    const store = memoryStore();
    const key = writeSave(store, { ...trainer, bundled: true }, play(example, 'practice', []).getPersistedSnapshot(), undefined, now);
    const r = readSave(store, () => ({ error: 'gone', keep: true }), key, now);
    expect(r).toEqual({ kind: 'bad', error: 'gone' });
  });

  it('shows the path it names with its escapes visible, never acted on', () => {
    const { store, key } = savedAtOld({ ...trainer, file: `/tmp/${HOSTILE}x.json` });
    const r = readSave(store, () => ({ error: 'moved', keep: true }), key, now);
    const missing = r.kind === 'bad' ? r.missing : undefined;
    // Kept as the save names it, and shown only through the words, escaped: dropping the escapes
    // named another path, perhaps a file that exists (the terminal walkthrough).
    expect(missing?.file).toBe(`/tmp/${HOSTILE}x.json`);
    const words = missingFileWords(missing ?? { file: '' });
    expectOneCleanLine(words);
    expect(words).toContain('\\u001b');
  });
});

describe('matching a file found elsewhere to a save', () => {
  it('fits only the same scenario id and version', () => {
    expect(fitToSave({ id: 'a', version: 1 }, { id: 'a', version: 1 })).toBe('fits');
    expect(fitToSave({ id: 'a', version: 1 }, { id: 'a', version: 2 })).toBe('other-version');
    expect(fitToSave({ id: 'a', version: 1 }, { id: 'b', version: 1 })).toBe('other-scenario');
  });

  it('says plainly which version the save is for and which the file is', () => {
    const words = fitWords({ id: 'example-new-phone', version: 1 }, { id: 'example-new-phone', version: 3 }, NEW);
    expect(words).toBe(`The save is for version 1 of "example-new-phone"; the file "${NEW}" is version 3, so the save cannot continue in it (the story may have changed).`);
  });

  it('says what another scenario is, by title and id', () => {
    expect(fitWords({ id: 'example-new-phone', version: 1 }, { id: 'youth-discloses', version: 1, title: 'What Kiara tells you' }, NEW))
      .toBe(`"${NEW}" is "What Kiara tells you" (id "youth-discloses"), not the scenario of this save ("example-new-phone").`);
  });

  it('peeks at a file\'s id, version and title without validating it, and at nothing that is not a scenario object', () => {
    expect(peekScenario('{"id": "x", "version": 2, "title": "A\\u001b[2J title"}')).toEqual({ id: 'x', version: 2, title: 'A title' });
    expect(peekScenario('{"id": "x", "version": "2"}')).toEqual({ id: 'x' });
    expect(peekScenario('{"id": 7}')).toBeUndefined();
    expect(peekScenario('[{"id": "x"}]')).toBeUndefined();
    expect(peekScenario('not json')).toBeUndefined();
  });
});

describe('resuming a save from its file\'s new place', () => {
  it('resumes exactly where it stopped, and the save now names the new path in the new file\'s slot', () => {
    const { store, key } = savedAtOld();
    const before = JSON.parse(store.read(key) as string);
    const r = relocateSave(store, key, { scenario: example, file: NEW });
    if (r.kind !== 'ok') throw new Error(r.error);
    expect(r.playable.file).toBe(NEW);
    expect(r.mode).toBe('practice');
    expect(r.startedAt).toBe('2025-01-31T10:00:00.000Z');
    expect(r.snapshot).toEqual(before.session.snapshot);
    expect(r.key).toBe(saveKey({ scenario: example, file: NEW }));
    expect(r.key).not.toBe(key);
    expect(store.read(key)).toBeUndefined();
    const after = JSON.parse(store.read(r.key) as string);
    expect(after.scenario).toEqual({ source: 'file', file: NEW, id: example.id });
    // Nothing else about the save changed: the session and its start are the same.
    expect(after.session).toEqual(before.session);
    expect(after.startedAt).toBe(before.startedAt);
    // Read again the ordinary way, it is found at the new path.
    const again = readSave(store, (ref) => (ref.source === 'file' && ref.file === NEW ? { scenario: example, file: NEW } : { error: 'wrong place' }), r.key, now);
    expect(again).toMatchObject({ kind: 'ok', key: r.key, playable: { file: NEW } });
  });

  it('keeps a --from save\'s start', () => {
    const start = { ...trainer, scenario: { ...example, start: 'after-visit' }, from: 'after-visit' };
    const { store, key } = savedAtOld(start, []);
    const r = relocateSave(store, key, { scenario: example, file: NEW });
    if (r.kind !== 'ok') throw new Error(r.error);
    expect(r.playable.from).toBe('after-visit');
    expect(r.playable.scenario.start).toBe('after-visit');
    expect(r.key).toBe(saveKey({ scenario: example, file: NEW, from: 'after-visit' }));
  });

  it('refuses another version of the scenario, says which, and changes nothing', () => {
    const { store, key } = savedAtOld();
    const before = contents(store);
    const r = relocateSave(store, key, { scenario: withVersion(example, 2), file: NEW });
    expect(r).toMatchObject({ kind: 'refused', reason: 'other-version' });
    expect(r.kind === 'refused' && r.error).toContain('The save is for version 1 of "example-new-phone"; the file "/media/usb-b/training/new-phone.json" is version 2');
    expect(contents(store)).toEqual(before);
  });

  it('refuses another scenario, says what it is, and changes nothing', () => {
    const { store, key } = savedAtOld();
    const before = contents(store);
    const other = bundled('youth-discloses');
    const r = relocateSave(store, key, { scenario: other, file: NEW });
    expect(r).toMatchObject({ kind: 'refused', reason: 'other-scenario' });
    expect(r.kind === 'refused' && r.error).toContain(`is ${JSON.stringify(other.title)} (id "youth-discloses"), not the scenario of this save ("example-new-phone")`);
    expect(contents(store)).toEqual(before);
  });

  it('refuses a file of the same id and version whose story no longer fits the save, and changes nothing', () => {
    const { store, key } = savedAtOld();
    const before = contents(store);
    // Edited without raising its version: the reply the save made is gone.
    const edited: Scenario = { ...example, nodes: example.nodes.map((n) => (n.kind === 'decision' && n.id === 'phone' ? { ...n, replies: n.replies.filter((r) => r.id !== 'phone-curious') } : n)) };
    const r = relocateSave(store, key, { scenario: edited, file: NEW });
    expect(r).toMatchObject({ kind: 'refused', reason: 'does-not-fit' });
    expectOneCleanLine(r.kind === 'refused' ? r.error : undefined);
    expect(contents(store)).toEqual(before);
  });

  it('never replaces a save the file at the new place already has', () => {
    const { store, key } = savedAtOld();
    writeSave(store, { ...trainer, file: NEW }, play(example, 'practice', ['phone-curious', 'after-supervisor']).getPersistedSnapshot(), undefined, now);
    const before = contents(store);
    const r = relocateSave(store, key, { scenario: example, file: NEW });
    expect(r).toMatchObject({ kind: 'refused', reason: 'taken' });
    expect(r.kind === 'refused' && r.error).toContain('already has a save of its own (2 replies made)');
    expect(contents(store)).toEqual(before);
  });

  it('refuses a save that is gone or names no file, and a damaged one is left where it is', () => {
    const store = memoryStore({ 'saves/x.json': 'not json' });
    expect(relocateSave(store, 'saves/none.json', { scenario: example, file: NEW })).toMatchObject({ kind: 'refused', reason: 'gone' });
    expect(relocateSave(store, 'saves/x.json', { scenario: example, file: NEW })).toMatchObject({ kind: 'refused', reason: 'gone' });
    expect(store.read('saves/x.json')).toBe('not json');
    const key = writeSave(store, { ...trainer, bundled: true }, play(example, 'practice', []).getPersistedSnapshot(), undefined, now);
    expect(relocateSave(store, key, { scenario: example, file: NEW })).toMatchObject({ kind: 'refused', reason: 'gone' });
  });

  it('echoes a hostile path with its escapes visible, on one line', () => {
    const { store, key } = savedAtOld();
    const r = relocateSave(store, key, { scenario: withVersion(example, 2), file: `/tmp/${HOSTILE}\nx.json` });
    const error = r.kind === 'refused' ? r.error : undefined;
    expectOneCleanLine(error);
    expect(error).toContain('\\u001b]0;pwned');
  });
});
