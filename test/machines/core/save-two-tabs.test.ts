import { describe, expect, it } from 'vitest';
import { holdSave, joinedActiveMs, movedSinceHold, sameButTime, whileHoldingTime } from '../../../src/machines/progress/saves.js';
import { memoryStore } from '../../../src/machines/progress/store.js';

// One save shared by a scenario's tabs (the core's SaveHold). A tab saves its practice time when it
// is hidden or closed, so a tab opened only to look changes the save without going on with it.
const KEY = 'saves/x.json';
const T0 = Date.parse('2026-01-05T10:00:00Z');
const min = 60_000;
const save = (activeMs: number, at: number, transcript: string[] = ['r1']) => `${JSON.stringify({
  format: 'casa-practice-terminal-save', formatVersion: 1, scenario: { source: 'bundled', id: 'x' }, startedAt: '2026-01-05T09:50:00.000Z', activeMs,
  session: { format: 'casa-practice-session', formatVersion: 1, scenarioId: 'x', scenarioVersion: 3, savedAt: new Date(at).toISOString(), snapshot: { value: 'n2', context: { transcript } } },
}, null, 2)}\n`;
const activeOf = (text: string | undefined) => (JSON.parse(text ?? '{}') as { activeMs?: number }).activeMs;

describe('two tabs of one save: time only, or gone on', () => {
  it('a save that differs only in its time (and when it was written) is the same playthrough; a reply more is not', () => {
    expect(sameButTime(save(10 * min, T0), save(15 * min, T0 + 5 * min))).toBe(true);
    expect(sameButTime(save(10 * min, T0), save(10 * min, T0, ['r1', 'r2']))).toBe(false);
    expect(sameButTime(save(10 * min, T0), undefined)).toBe(false);
    expect(sameButTime(save(10 * min, T0), '{not json')).toBe(false);
  });

  it('the other tab only added time: this tab saves its next step with both times added, none lost', () => {
    const store = memoryStore({ [KEY]: save(10 * min, T0) });
    const hold = holdSave(store, KEY);
    // B looked for 5 minutes (while A was hidden), then saved as it closed.
    store.write(KEY, save(15 * min, T0 + 5 * min));
    // A came back and spent 2 minutes more: its own total is 12.
    const now = new Date(T0 + 7 * min);
    const held = whileHoldingTime(store, hold, { activeMs: 12 * min, progressed: true }, now, (ms) => store.write(KEY, save(ms, now.getTime(), ['r1', 'r2'])));
    expect(held).toEqual({ behind: false, value: undefined, activeMs: 17 * min });
    expect(activeOf(store.read(KEY))).toBe(17 * min);
    expect(hold.text).toBe(store.read(KEY));
  });

  it('two windows side by side counting at once never count more than the wall-clock time since the save', () => {
    expect(joinedActiveMs(save(10 * min, T0), 16 * min, 16 * min, new Date(T0 + 6 * min))).toBe(16 * min);
    expect(joinedActiveMs(save(10 * min, T0), 13 * min, 12 * min, new Date(T0 + 6 * min))).toBe(15 * min);
  });

  it('the other tab went on (a reply more): this tab is behind; when it only looked, its time is added to that save, the replies kept', () => {
    const store = memoryStore({ [KEY]: save(10 * min, T0) });
    const hold = holdSave(store, KEY);
    const theirs = save(14 * min, T0 + 4 * min, ['r1', 'r2']);
    store.write(KEY, theirs);
    const now = new Date(T0 + 6 * min);
    let stepped = false;
    const held = whileHoldingTime(store, hold, { activeMs: 12 * min, progressed: false }, now, () => void (stepped = true));
    expect(held).toEqual({ behind: true, joined: true });
    expect(stepped).toBe(false);
    const after = JSON.parse(store.read(KEY) ?? '{}') as { activeMs: number; session: { snapshot: { context: { transcript: string[] } } } };
    expect(after.activeMs).toBe(16 * min);
    expect(after.session.snapshot.context.transcript).toEqual(['r1', 'r2']);
  });

  it('both went on, or the other finished: behind, and the slot left as the other tab left it', () => {
    const store = memoryStore({ [KEY]: save(10 * min, T0) });
    const hold = holdSave(store, KEY);
    const theirs = save(14 * min, T0 + 4 * min, ['r1', 'r2']);
    store.write(KEY, theirs);
    expect(whileHoldingTime(store, hold, { activeMs: 12 * min, progressed: true }, new Date(T0 + 6 * min), () => undefined)).toEqual({ behind: true, joined: false });
    expect(store.read(KEY)).toBe(theirs);
    store.remove(KEY);
    expect(whileHoldingTime(store, hold, { activeMs: 12 * min, progressed: false }, new Date(T0 + 6 * min), () => undefined)).toEqual({ behind: true, joined: false });
    expect(store.read(KEY)).toBeUndefined();
  });

  it('a run has moved since its hold when its session differs from the held one', () => {
    const hold = { key: KEY, text: save(1, T0) };
    expect(movedSinceHold(hold, { context: { transcript: ['r1'] }, value: 'n2' })).toBe(false);
    expect(movedSinceHold(hold, { value: 'n3', context: { transcript: ['r1', 'r2'] } })).toBe(true);
  });
});
