import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readRecords, readSave, recordCompletion, RECORDS_KEY } from '../../src/machines/index.js';
import { loadRecords, stateStore } from '../../src/terminal/node/state-store.js';
import { appElement, KEY, newPhone, playToDebrief, press, renderApp, tap, tempEnv } from './helpers/ink.js';

// A file system that refuses to rename a file aside (to "….damaged-…") but takes every other write,
// the atomic writes' own renames included: the case where the only copy was written over. (Until
// `aside.refused` is turned off: the file can then be repaired.)
const aside = vi.hoisted(() => ({ refused: true }));
vi.mock('node:fs', async (importOriginal) => {
  const { refusingRenames } = await import('./helpers/refusing-fs.js');
  return refusingRenames(await importOriginal<typeof import('node:fs')>(), (to) => (aside.refused && to.includes('.damaged-') ? Object.assign(new Error('EPERM: operation not permitted, rename'), { code: 'EPERM' }) : undefined));
});

describe('the state store when a damaged file cannot be moved aside', () => {
  it('never writes over it in this session: later writes to it are kept in memory, and said so', () => {
    const env = tempEnv();
    const dir = join(env.XDG_STATE_HOME ?? '', 'casa-practice');
    mkdirSync(join(dir, 'saves'), { recursive: true });
    writeFileSync(join(dir, RECORDS_KEY), '{ damaged records');
    writeFileSync(join(dir, 'saves/x.json'), '{ damaged save');
    const store = stateStore(env);

    const read = readRecords(store);
    expect(read.notice).toContain('could not be moved aside (permission denied)');
    // Read again, it is still there and still said to be damaged (hidden, it read as "no records", said nowhere).
    expect(readRecords(store).notice).toBe(read.notice);
    // The next finish writes nothing over it (the terminal shows it from memory: see loadRecords), and is said not to be recorded.
    expect(recordCompletion(store, 'example-new-phone', 80).unsaved).toBe(true);
    store.notTaken(RECORDS_KEY);
    expect(readFileSync(join(dir, RECORDS_KEY), 'utf8')).toBe('{ damaged records');
    expect(store.failure()).toBe(`Your records were not updated: ${join(dir, RECORDS_KEY)} is damaged and could not be moved aside (permission denied), so it was left as it was (it is repaired once it can be moved); this finished scenario is kept in memory only and will be missing from your records after you quit.`);
    expect(store.lostWrites()).toBe(true);
    expect(store.savingFailure()).toBeUndefined();

    // A save the same: a fresh start's save does not replace the damaged one on disk.
    expect(readSave(store, () => ({ error: 'not needed' }), 'saves/x.json').kind).toBe('bad');
    store.write('saves/x.json', '{"fresh":true}');
    expect(readFileSync(join(dir, 'saves/x.json'), 'utf8')).toBe('{ damaged save');
    expect(store.read('saves/x.json')).toBe('{"fresh":true}');
    expect(store.savingFailure()).toMatch(/^Progress is not being saved: .*saves\/x\.json is damaged and could not be moved aside \(permission denied\), so it was left as it was/);
    store.remove('saves/x.json');
    expect(readFileSync(join(dir, 'saves/x.json'), 'utf8')).toBe('{ damaged save');
  });
});

describe('in the app, partly damaged records that cannot be moved aside', () => {
  afterEach(() => {
    aside.refused = true;
    cleanup();
  });
  const oneLine = (frame: string | undefined) => (frame ?? '').replace(/\s+/g, ' ');

  // The first read hid the file it could not move (as for a save): the picker that came back after
  // a playthrough showed no earlier records, only this session's, and said nothing about why.
  it('the picker shows the readable records, before and after a playthrough, and says the file is damaged, left as it was, and not written', async () => {
    const env = tempEnv();
    const dir = join(env.XDG_STATE_HOME ?? '', 'casa-practice');
    // A sound records file with one playthrough at 100%, then one entry damaged by hand.
    const first = await renderApp(appElement({ env, start: { kind: 'play', playable: newPhone(), showNote: true } }).element);
    await press(first, KEY.enter);
    await playToDebrief(first, 1);
    expect(oneLine(first.lastFrame())).toContain('100%');
    first.unmount();
    const file = join(dir, RECORDS_KEY);
    const data = JSON.parse(readFileSync(file, 'utf8')) as { playthroughs: unknown[] };
    data.playthroughs.push({ id: 'not a record' });
    writeFileSync(file, JSON.stringify(data));
    const text = readFileSync(file, 'utf8');

    const r = await renderApp(appElement({ env }).element);
    const notice = /Part of your completion records is damaged: 1 finished scenario could not be read \(completed practice 2: .*\); they could not be moved aside \(permission denied\), so the file was left as it was, at \S+records\.json\. The rest is shown, but what you finish in this session will not be kept in your records\. Nothing is written over it; once it can be moved, casa-practice sets it aside and starts new records\./;
    expect(oneLine(r.lastFrame())).toMatch(notice);
    expect(r.lastFrame()).toContain('best 100%');
    // A poorer playthrough: the picker must still show the earlier 100% (and this one in memory).
    await press(r, '1', KEY.enter);
    await playToDebrief(r, 3);
    expect(oneLine(r.lastFrame())).not.toMatch(/Score: 100%/);
    // The debrief's notice: the file's path on a row of its own, after the line that says "the file below".
    expect(oneLine(r.lastFrame())).toMatch(/Part of your completion records is damaged: 1 finished scenario could not be read \(completed practice 2: .*\); they could not be moved aside \(permission denied\), so the file below was left as it was\. The rest is shown, but what you finish in this session will not be kept in your records\. \S+records\.json Nothing is written over it; once it can be moved, casa-practice sets it aside and starts new records\./);
    await press(r, 'b');
    expect(r.lastFrame()).toContain('best 100%');
    expect(oneLine(r.lastFrame())).toMatch(notice);
    expect(readFileSync(file, 'utf8')).toBe(text);
    expect(loadRecords(env).playthroughs).toHaveLength(2);
  });

  // This session's finishes were kept in memory "and written in once the file can be repaired":
  // untested. Once the file could be moved aside, the readable part and this session's finish were
  // kept in memory all the same (the key stayed "never written over"), and lost at the quit.
  it('once the file can be moved aside, the readable part and this session\'s finish are written to the records, and quitting says nothing was lost', async () => {
    const env = tempEnv();
    const dir = join(env.XDG_STATE_HOME ?? '', 'casa-practice');
    const first = await renderApp(appElement({ env, start: { kind: 'play', playable: newPhone(), showNote: true } }).element);
    await press(first, KEY.enter);
    await playToDebrief(first, 1);
    first.unmount();
    const file = join(dir, RECORDS_KEY);
    const data = JSON.parse(readFileSync(file, 'utf8')) as { playthroughs: { id: string }[] };
    const earlier = data.playthroughs[0]?.id;
    data.playthroughs.push({ id: 'not a record' });
    writeFileSync(file, JSON.stringify(data));
    const text = readFileSync(file, 'utf8');

    const { element, exit } = appElement({ env });
    const r = await renderApp(element);
    await press(r, '1', KEY.enter);
    await playToDebrief(r, 3);
    expect(readFileSync(file, 'utf8')).toBe(text);
    // The file can be moved now: the picker's read repairs it.
    aside.refused = false;
    await press(r, 'b');
    expect(oneLine(r.lastFrame())).toMatch(/Part of your completion records was damaged: 1 finished scenario could not be read .* they were moved to \S+records\.json\.damaged-\S+, and the other 1 finished scenario was kept\. casa-practice cannot use that file/);
    const copies = readdirSync(dir).filter((f) => f.startsWith(`${RECORDS_KEY}.damaged-`));
    expect(copies.map((f) => readFileSync(join(dir, f), 'utf8'))).toEqual([text]);
    const written = JSON.parse(readFileSync(file, 'utf8')) as { playthroughs: { id: string }[]; best: Record<string, { completions: number }> };
    expect(written.playthroughs).toHaveLength(2);
    expect(written.playthroughs[0]?.id).toBe(earlier);
    expect(written.best['example-new-phone']?.completions).toBe(2);
    // Read again: nothing added twice.
    expect(loadRecords(env).playthroughs).toHaveLength(2);
    expect(JSON.parse(readFileSync(file, 'utf8')).playthroughs).toHaveLength(2);
    await tap(r, 'q');
    expect(exit.mock.calls[0]).toEqual([undefined, 0]);
  });
});
