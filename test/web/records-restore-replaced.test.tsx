// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { analyseBest, memoryStore, playthroughRecord, recordPlaythrough, RECORDS_KEY, validateScenario, type Scenario } from '../../src/machines/index.js';
import youthDisclosesText from '../../scenarios/youth-discloses.json?raw';
import { playReplies } from '../helpers/play.js';
import { localStore } from '../../src/web/adapters/local-store.js';
import Records from '../../src/web/pages/Records.js';
import { StoreContext } from '../../src/web/store.js';
import { EMPTY_RECORDS } from './helpers.js';

afterEach(cleanup);

// From the web check (session 44): a save here that a loaded backup's newer one took the place of
// was set aside ("Replaced copies") and could be downloaded or removed, never loaded back, and the
// file downloaded was refused by "Load a backup" (it is a save, not a backup). A volunteer who loaded
// the wrong backup lost the practice the backup replaced. The copy can now be restored, the save it
// replaces set aside in turn (never written over), keyboard-only, asked first.

const KEY = 'saves/youth-discloses.json';
const save = (savedAt: string, value = 'd1') => JSON.stringify({
  format: 'casa-practice-terminal-save', formatVersion: 1, scenario: { source: 'bundled', id: 'youth-discloses' },
  session: { format: 'casa-practice-session', formatVersion: 1, scenarioId: 'youth-discloses', scenarioVersion: 1, savedAt, snapshot: { value, status: 'active', context: { mode: 'practice', transcript: [] } } },
});
const backupOver = (savedAt: string) => JSON.stringify({
  format: 'casa-practice-backup', formatVersion: 1, exportedAt: '2026-11-30T11:00:00.000Z',
  records: { format: 'casa-practice-records', formatVersion: 2, best: {}, playthroughs: [] },
  saves: { [KEY]: JSON.parse(save(savedAt, 'd4')) as unknown },
});
const asideKeys = (store: { list(p: string): { key: string }[] }) => store.list('saves/').map((e) => e.key).filter((k) => k.includes('.replaced-')).sort();

describe('My records: a replaced save can be restored', () => {
  it('by keyboard alone: asked first, restored in its place, the save it replaces set aside in turn, said politely, the focus on the list\'s heading', async () => {
    const mine = save('2026-11-29T10:00:00.000Z');
    const store = memoryStore({ [RECORDS_KEY]: EMPTY_RECORDS, [KEY]: mine });
    const user = userEvent.setup({ delay: null });
    render(<StoreContext value={store}><Records /></StoreContext>);
    await user.upload(screen.getByLabelText('Load a backup file'), new File([backupOver('2026-11-30T10:00:00.000Z')], 'casa-practice-backup-2026-11-30.json'));
    await screen.findByText(/^Loaded 1 scenario in progress/);
    const theirs = store.read(KEY)!;
    const [copy] = asideKeys(store);
    expect(store.read(copy!)).toBe(mine);
    // The copy's own button, named by what it restores.
    const restore = await screen.findByRole('button', { name: /^Restore this save \(the replaced save of “.+” set aside on .+\)$/ });
    restore.focus();
    await user.keyboard('{Enter}');
    const question = screen.getByRole('group', { name: /^Restore the replaced save of “.+” set aside on / });
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Keep things as they are' }));
    expect(question.textContent).toContain('The save there now is set aside in its place, not deleted: it is listed here under “Replaced copies”, to restore or download in turn.');
    // Escape keeps everything as it was.
    await user.keyboard('{Escape}');
    expect(document.activeElement).toBe(restore);
    expect(store.read(KEY)).toBe(theirs);
    await user.keyboard('{Enter}');
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Restore it' }));
    await user.keyboard('{Enter}');
    // Restored as it was; the backup's save set aside, not lost; the copy restored is gone from the list.
    expect(store.read(KEY)).toBe(mine);
    const after = asideKeys(store);
    expect(after).toHaveLength(1);
    expect(after[0]).not.toBe(copy);
    expect(store.read(after[0]!)).toBe(theirs);
    const heading = screen.getByRole('heading', { level: 3, name: 'Replaced copies' });
    expect(document.activeElement).toBe(heading);
    const said = screen.getByText(/^The replaced save of “.+” set aside on .+ was restored: that scenario continues from it\./);
    expect(said.textContent).toMatch(/ The save that was there was set aside in its place, listed here under “Replaced copies”\.$/);
    expect(said.closest('[aria-live="polite"]')).not.toBeNull();
    // Restoring that one puts the backup's back: nothing is ever lost either way.
    await user.click(screen.getByRole('button', { name: /^Restore this save/ }));
    await user.click(screen.getByRole('button', { name: 'Restore it' }));
    expect(store.read(KEY)).toBe(theirs);
    expect(asideKeys(store).map((k) => store.read(k))).toEqual([mine]);
  });

  it('with no save there now, the copy is put back and nothing else is set aside', async () => {
    const mine = save('2026-11-29T10:00:00.000Z');
    const copy = `${KEY}.replaced-2026-11-30T11-00-00`;
    const store = memoryStore({ [RECORDS_KEY]: EMPTY_RECORDS, [copy]: mine });
    const user = userEvent.setup({ delay: null });
    render(<StoreContext value={store}><Records /></StoreContext>);
    await user.click(await screen.findByRole('button', { name: /^Restore this save/ }));
    expect(screen.getByRole('group', { name: /^Restore the replaced save/ }).textContent).toContain('There is no save of this scenario here now: this one becomes it.');
    await user.click(screen.getByRole('button', { name: 'Restore it' }));
    expect(store.read(KEY)).toBe(mine);
    expect([...store.data.keys()].sort()).toEqual([RECORDS_KEY, KEY]);
    expect(screen.getByText(/was restored: that scenario continues from it\.$/)).toBeTruthy();
  });

  it('only a replaced save offers it (not a damaged or outdated one); a copy that is no save is refused with its reason, nothing changed', async () => {
    const theirs = save('2026-11-30T10:00:00.000Z', 'd4');
    const mine = save('2026-11-29T10:00:00.000Z');
    const copy = `${KEY}.replaced-2026-11-30T12-00-00`;
    const store = memoryStore({ [RECORDS_KEY]: EMPTY_RECORDS, [KEY]: theirs, [copy]: mine, [`${KEY}.damaged-2026-11-30T11-00-00`]: '{}', [`${KEY}.outdated-2026-11-30T11-00-00`]: save('2026-11-28T10:00:00.000Z') });
    const user = userEvent.setup({ delay: null });
    render(<StoreContext value={store}><Records /></StoreContext>);
    // Listed with its scenario's title (loaded after the list is drawn: the page is drawn again then,
    // which, after the damage below, would rightly say it cannot be restored before it is asked).
    expect(await screen.findAllByRole('button', { name: /^Restore this save \(the replaced save of “What Kiara tells you”/ })).toHaveLength(1);
    expect(screen.getAllByRole('button', { name: /^Restore this save/ })).toHaveLength(1);
    // Damaged after the page listed it: refused when asked, with why.
    store.write(copy, '{"not a save');
    await user.click(screen.getByRole('button', { name: /^Restore this save/ }));
    await user.click(screen.getByRole('button', { name: 'Restore it' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('That copy could not be restored: it cannot be read as a save (it was damaged since it was set aside). Nothing was changed.');
    // Said right under the heading that takes the focus (its polite region, then the alert), not under
    // every list, where on a phone it was a screen below and went unseen (verweb-44).
    const heading = screen.getByRole('heading', { level: 3, name: /copies$/ });
    expect(document.activeElement).toBe(heading);
    expect(alert.previousElementSibling?.previousElementSibling).toBe(heading);
    expect(store.read(KEY)).toBe(theirs);
    expect(store.read(copy)).toBe('{"not a save');
    // Listed again, it is not offered: what is wrong with it is said beside it instead.
    expect(screen.queryByRole('button', { name: /^Restore this save/ })).toBeNull();
    expect(screen.getByText('This save cannot be restored: it cannot be read as a save (it was damaged since it was set aside).')).toBeTruthy();
  });

  // From the web check (verweb-44): a copy whose practice the backup's save carried on and was finished
  // since was offered ("this one becomes it"), then refused. It is not offered: why is said beside it.
  it('a copy whose practice was finished since is not offered for restoring, and says why', async () => {
    const s = validateScenario(youthDisclosesText, 'youth-discloses.json').scenario as Scenario;
    const startedAt = '2026-11-29T09:50:00.000Z';
    const done = playthroughRecord(s, playReplies(s, analyseBest(s).path.map((p) => p.replyId))!, { mode: 'practice', startedAt, randomBytes: () => new Uint8Array(16).fill(7) }, new Date('2026-11-30T12:00:00.000Z'));
    const store = memoryStore({ [`${KEY}.replaced-2026-11-30T11-00-00`]: JSON.stringify({ ...JSON.parse(save('2026-11-29T10:00:00.000Z')) as object, startedAt }) });
    recordPlaythrough(store, done, () => new Uint8Array(16).fill(9), new Date('2026-11-30T12:00:00.000Z'));
    render(<StoreContext value={store}><Records /></StoreContext>);
    expect(await screen.findByText(/^This save cannot be restored: the practice it holds was finished here on 2026-11-30 \(the backup's save that replaced it carried it on\): if it were restored, it would be finished a second time and its minutes so far counted twice\.$/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^Restore this save/ })).toBeNull();
    expect(screen.getByRole('button', { name: /^Download the replaced save/ })).toBeTruthy();
  });

  it('in a browser whose storage has no room for both, it is refused before anything moves, saying how to make room', async () => {
    window.localStorage.clear();
    const mine = save('2026-11-29T10:00:00.000Z');
    const theirs = save('2026-11-30T10:00:00.000Z', 'd4');
    const copy = `${KEY}.replaced-2026-11-30T11-00-00`;
    // Room for the two saves, not for a third copy beside them.
    const store = localStore({ maxBytes: mine.length + theirs.length + EMPTY_RECORDS.length + 50 });
    store.write(RECORDS_KEY, EMPTY_RECORDS);
    store.write(KEY, theirs);
    store.write(copy, mine);
    const user = userEvent.setup({ delay: null });
    render(<StoreContext value={store}><Records /></StoreContext>);
    await user.click(await screen.findByRole('button', { name: /^Restore this save/ }));
    await user.click(screen.getByRole('button', { name: 'Restore it' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/^That copy could not be restored: this browser's storage for this site has no room to keep the save there now beside it\. Nothing was changed; remove a copy or a scenario in progress you no longer need/);
    expect(store.read(KEY)).toBe(theirs);
    expect(store.read(copy)).toBe(mine);
    expect(store.pending()).toEqual([]);
    window.localStorage.clear();
  });

  it('when the browser refuses the write itself (its own quota), the save is restored for the tab and the copy is kept, said so', async () => {
    window.localStorage.clear();
    const mine = save('2026-11-29T10:00:00.000Z');
    const theirs = save('2026-11-30T10:00:00.000Z', 'd4');
    const copy = `${KEY}.replaced-2026-11-30T11-00-00`;
    let full = false;
    const ls = window.localStorage;
    const storage = new Proxy(ls, {
      get(target, name) {
        if (name === 'setItem') return (k: string, v: string) => {
          if (full && k === `casa-practice/${KEY}`) throw new DOMException('full', 'QuotaExceededError');
          target.setItem(k, v);
        };
        const value = Reflect.get(target, name) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const store = localStore({ storage: () => storage });
    store.write(RECORDS_KEY, EMPTY_RECORDS);
    store.write(KEY, theirs);
    store.write(copy, mine);
    const user = userEvent.setup({ delay: null });
    render(<StoreContext value={store}><Records /></StoreContext>);
    full = true;
    await user.click(await screen.findByRole('button', { name: /^Restore this save/ }));
    await user.click(screen.getByRole('button', { name: 'Restore it' }));
    expect(screen.getByText(/was restored: that scenario continues from it\./).textContent).toMatch(/ It is kept only in this tab for now, for want of room in this browser's storage, so the copy stays listed here too\.$/);
    expect(store.read(KEY)).toBe(mine);
    expect(store.inMemoryOnly?.(KEY)).toBe(true);
    // Nothing lost when the tab closes: the copy and the backup's save are both in storage.
    expect(ls.getItem(`casa-practice/${copy}`)).toBe(mine);
    expect(Object.keys(ls).filter((k) => k.includes('.replaced-') && !k.includes('@modified')).map((k) => ls.getItem(k)).sort()).toEqual([mine, theirs].sort());
    window.localStorage.clear();
  });
});
