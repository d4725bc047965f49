// @vitest-environment jsdom
// My records' "Room in this browser" names each scenario in progress and each copy set aside by its
// scenario's title; a bundled scenario's title comes with the app's scenario files, read after the
// page's first frame. Its entries were listed at once with the scenario's id standing in for the
// title, then named again: a screen reader heard "trafficker-contact", and a button with the focus
// changed its name under it (a loaded CI machine found the id-named button before the title came).
// The scenarios are held back here (scenariosReadBy) to look at the page in between.
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { memoryStore, RECORDS_KEY, type Store } from '../../src/machines/index.js';
import Records from '../../src/web/pages/Records.js';
import { StoreContext } from '../../src/web/store.js';
import { EMPTY_RECORDS, scenariosHeldBack } from './helpers.js';

const { hold: holdScenarios } = scenariosHeldBack();

afterEach(cleanup);

const ID = 'trafficker-contact';
const TITLE = 'A text from her ‘cousin’';
const store = (): Store => memoryStore({
  [RECORDS_KEY]: EMPTY_RECORDS,
  [`saves/${ID}.json`]: 's'.repeat(100),
  [`saves/${ID}.json.damaged-2026-11-02T09-00-00`]: '{"broken',
});

const renderRecords = (s: Store) => render(<StoreContext.Provider value={s}><Records /></StoreContext.Provider>);
const roomPart = () => within(screen.getByRole('heading', { level: 2, name: 'Room in this browser' }).parentElement!);

describe('My records names a scenario in progress and a copy set aside by its title, never by its id first', () => {
  it('while the scenarios are still coming, no entry is listed under its id; once they come, each is named by its title', async () => {
    const release = holdScenarios();
    renderRecords(store());
    // The section and its lists' headings are drawn with the page; what the room holds is counted.
    const room = roomPart();
    await room.findByRole('heading', { level: 3, name: 'Scenarios in progress' });
    expect(room.getByRole('heading', { level: 3, name: 'Damaged copies' })).toBeTruthy();
    expect(room.queryAllByRole('button', { name: /damaged save|Remove this progress/ })).toEqual([]);
    expect(room.getByRole('heading', { level: 2, name: 'Room in this browser' }).parentElement!.textContent).not.toContain(ID);
    await release(true);
    const download = await room.findByRole('button', { name: /^Download the damaged save of “A text/ });
    expect(download.textContent).toMatch(new RegExp(`^Download the damaged save of “${TITLE}” set aside on `));
    expect(room.getByRole('button', { name: `Remove this progress (your progress in “${TITLE}”)` })).toBeTruthy();
  });

  it('when the scenarios cannot be read (offline, the app updated on its host), the entries are listed under their ids: nothing else names them', async () => {
    const release = holdScenarios();
    renderRecords(store());
    const room = roomPart();
    await room.findByRole('heading', { level: 3, name: 'Scenarios in progress' });
    expect(room.queryAllByRole('button', { name: /damaged save|Remove this progress/ })).toEqual([]);
    await release(false);
    expect((await room.findByRole('button', { name: /^Download the damaged save of / })).textContent).toMatch(new RegExp(`^Download the damaged save of “${ID}” set aside on `));
    expect(room.getByRole('button', { name: `Remove this progress (your progress in “${ID}”)` })).toBeTruthy();
  });
});

// From the web check (session 61): the records' title of a scenario was taken before the app's own
// for its entries here, so a practice recorded under another title (one the scenario had before an
// update, or a backup edited by hand: "<img src=x>") named the scenario in progress and the last
// debrief of the app's own scenario by that title, where the Scenarios page and the debrief name it
// by its own.
describe('an entry of one of the app\'s own scenarios is named by the app\'s title for it', () => {
  it('not by the title a practice of it was recorded under', async () => {
    const practice = {
      id: '0b1e3a1c-0000-4000-8000-000000000061', scenarioId: ID, scenarioVersion: 1, title: 'An old title <b>for it</b>', mode: 'practice',
      completedAt: '2026-11-01T10:00:00.000Z', score: { earned: 0, best: 10, percent: 0, capped: false }, band: 'needs-review', decisions: [], principles: [],
    };
    const s = memoryStore({
      [RECORDS_KEY]: JSON.stringify({ format: 'casa-practice-records', formatVersion: 2, best: {}, playthroughs: [practice] }),
      [`saves/${ID}.json`]: 's'.repeat(100),
      [`debriefs/${ID}.json`]: 'd'.repeat(100),
    });
    renderRecords(s);
    const room = roomPart();
    expect(await room.findByRole('button', { name: `Remove this progress (your progress in “${TITLE}”)` })).toBeTruthy();
    expect(room.getByRole('button', { name: `Remove this debrief (the last debrief of “${TITLE}”)` })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2, name: 'Room in this browser' }).parentElement!.textContent).not.toContain('An old title');
  });
});
