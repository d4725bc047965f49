// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { memoryStore, RECORDS_KEY, type Store } from '../../src/machines/index.js';
import { localStore } from '../../src/web/adapters/local-store.js';
import Records from '../../src/web/pages/Records.js';
import { StoreContext } from '../../src/web/store.js';
import { downloadsOfEachTest, EMPTY_RECORDS } from './helpers.js';

afterEach(cleanup);

// Downloads caught where the page makes them (a blob URL and an anchor's click), without the app around it.
const downloads = downloadsOfEachTest();

const OLDER = `${RECORDS_KEY}.damaged-2026-11-02T09-00-00`;
const NEWER = `${RECORDS_KEY}.damaged-2026-11-20T15-30-00`;

const renderRecords = (store: Store) => render(<StoreContext.Provider value={store}><Records /></StoreContext.Provider>);
const removeButtons = () => screen.getAllByRole('button', { name: /^Remove this copy \(the damaged records set aside on / });

// Copies of damaged records count toward the 3 MB the browser keeps for the app, and could only be
// downloaded: near the limit they kept progress from being saved, with no way to make room.
describe('My records: damaged copies set aside', () => {
  it('each copy can be removed, asked first with what is lost; keeping it (or Escape) changes nothing and gives the focus back', async () => {
    const store = memoryStore({ [RECORDS_KEY]: EMPTY_RECORDS, [OLDER]: '{"broken 1', [NEWER]: '{"broken 2' });
    const user = userEvent.setup({ delay: null });
    renderRecords(store);
    // One remove button per copy, each named by its copy (its visible words first), beside its download.
    expect(removeButtons()).toHaveLength(2);
    const remove = removeButtons()[0]!;
    expect(remove.textContent).toMatch(/^Remove this copy/);
    expect(remove.getAttribute('aria-expanded')).toBe('false');
    // By keyboard: Enter asks; the focus goes to the safe answer.
    remove.focus();
    await user.keyboard('{Enter}');
    const question = screen.getByRole('group', { name: /^Remove the damaged records set aside on / });
    expect(remove.getAttribute('aria-expanded')).toBe('true');
    expect(remove.getAttribute('aria-controls')).toBe(question.id);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Keep this copy' }));
    expect(question.textContent).toContain('You have not downloaded this copy during this visit. Removing it deletes it from this browser for good: what it holds cannot be brought back from here, only from a file you downloaded. Your records shown on this page are not changed.');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('group', { name: /^Remove the damaged/ })).toBeNull();
    expect(document.activeElement).toBe(remove);
    await user.click(remove);
    await user.click(screen.getByRole('button', { name: 'Keep this copy' }));
    expect(document.activeElement).toBe(remove);
    expect([...store.data.keys()]).toEqual([RECORDS_KEY, OLDER, NEWER]);
  });

  it('a copy removed is gone from the store and the list, said politely, the focus on the section; the last one removed, the section says none is left', async () => {
    const store = memoryStore({ [RECORDS_KEY]: EMPTY_RECORDS, [OLDER]: '{"broken 1', [NEWER]: '{"broken 2' });
    const user = userEvent.setup({ delay: null });
    renderRecords(store);
    // Downloaded first: the question says so.
    await user.click(screen.getAllByRole('button', { name: /^Download the damaged records set aside on / })[0]!);
    expect(await downloads[0]?.blob.text()).toBe('{"broken 2');
    await user.click(removeButtons()[0]!);
    expect(screen.getByRole('group', { name: /^Remove the damaged/ }).textContent).toContain('You downloaded this copy during this visit.');
    await user.click(screen.getByRole('button', { name: 'Remove it for good' }));
    expect(store.data.has(NEWER)).toBe(false);
    expect(store.data.has(OLDER)).toBe(true);
    expect(removeButtons()).toHaveLength(1);
    const heading = screen.getByRole('heading', { level: 3, name: 'Damaged copies' });
    expect(document.activeElement).toBe(heading);
    const said = screen.getByText(/^The damaged records set aside on .* were removed from this browser\./);
    expect(said.textContent).toMatch(/ One copy set aside is still kept here\.$/);
    expect(said.closest('[aria-live="polite"]')).not.toBeNull();
    // The last one: the heading stays with the news, and the focus on it.
    await user.click(removeButtons()[0]!);
    await user.click(screen.getByRole('button', { name: 'Remove it for good' }));
    expect([...store.data.keys()]).toEqual([RECORDS_KEY]);
    expect(screen.queryAllByRole('button', { name: /^Remove this copy/ })).toHaveLength(0);
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 3, name: 'Damaged copies' }));
    expect(screen.getByText(/were removed from this browser\. No copies set aside are kept here now\.$/)).toBeTruthy();
  });

  it('in the browser\'s storage, a copy removed makes the room a save was refused for', async () => {
    window.localStorage.clear();
    const store = localStore({ maxBytes: 1000 });
    window.localStorage.setItem(`casa-practice/${OLDER}`, `{"broken ${'x'.repeat(600)}`);
    const save = 's'.repeat(500);
    expect(store.tryWrite('saves/a.json', save)).toMatchObject({ ok: false, problem: { message: expect.stringMatching(/To make room, remove the copy set aside under “Damaged copies” on My records/) } });
    const user = userEvent.setup({ delay: null });
    renderRecords(store);
    await user.click(removeButtons()[0]!);
    await user.click(screen.getByRole('button', { name: 'Remove it for good' }));
    expect(window.localStorage.getItem(`casa-practice/${OLDER}`)).toBeNull();
    expect(store.tryWrite('saves/a.json', save)).toEqual({ ok: true });
    window.localStorage.clear();
  });
});
