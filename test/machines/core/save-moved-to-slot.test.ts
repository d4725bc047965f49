import { describe, expect, it } from 'vitest';
import { memoryStore, readSave, saveKey, writeSave, type PlayableScenario, type ScenarioLoader } from '../../../src/machines/index.js';
import { example, play } from './fixtures.js';

// A save kept under another key than its slot (a copy, or since b510d80a a file whose name is not
// UTF-8, listed under its U+FFFD spelling) is moved to its slot when resumed. The save already in
// that slot, another playthrough of the same scenario, was written over without a word: lost.

const now = new Date('2026-12-06T16:00:00Z');
const playable: PlayableScenario = { scenario: example, file: 'example.json', bundled: true };
const loader: ScenarioLoader = () => playable;

describe('a save resumed from another key than its slot', () => {
  it('moves to its slot, and the other save that was there is moved aside, not written over', () => {
    const store = memoryStore();
    const slot = writeSave(store, playable, play(example, 'practice', ['phone-curious']).getPersistedSnapshot(), undefined, now);
    const inSlot = store.read(slot) as string;
    const copy = 'saves/copy\ufffd.json';
    store.write(copy, store.read(slot) as string);
    writeSave(store, playable, play(example, 'practice', []).getPersistedSnapshot(), undefined, now);
    const other = store.read(slot) as string;
    store.write(copy, inSlot);
    store.write(slot, other);
    expect(readSave(store, loader, copy, now)).toMatchObject({ kind: 'ok', key: slot });
    expect(store.read(slot)).toBe(inSlot);
    expect(store.read(copy)).toBeUndefined();
    const kept = store.list('saves/').filter((e) => e.key !== slot).map((e) => e.key);
    expect(kept).toEqual([expect.stringMatching(/^saves\/.*\.replaced-2026-12-06T16-00-00$/)]);
    expect(store.read(kept[0] as string)).toBe(other);
  });

  it('the same save in its slot already: the copy is removed, nothing set aside', () => {
    const store = memoryStore();
    const slot = writeSave(store, playable, play(example, 'practice', ['phone-curious']).getPersistedSnapshot(), undefined, now);
    store.write('saves/copy.json', store.read(slot) as string);
    expect(readSave(store, loader, 'saves/copy.json', now)).toMatchObject({ kind: 'ok', key: slot });
    expect(store.list('saves/').map((e) => e.key)).toEqual([slot]);
  });

  it('a newer version\'s save in its slot is left as it is, and the copy stays where it is', () => {
    const store = memoryStore();
    const slot = writeSave(store, playable, play(example, 'practice', ['phone-curious']).getPersistedSnapshot(), undefined, now);
    const copyText = store.read(slot) as string;
    const newer = JSON.stringify({ ...JSON.parse(copyText) as object, formatVersion: 2 });
    store.write(slot, newer);
    store.write('saves/copy.json', copyText);
    readSave(store, loader, 'saves/copy.json', now);
    expect(store.read(slot)).toBe(newer);
    expect(store.read('saves/copy.json')).toBe(copyText);
    expect(saveKey(playable)).toBe(slot);
  });
});
