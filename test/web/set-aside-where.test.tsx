// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { leftInPlace, memoryStore, type Store } from '../../src/machines/light.js';
import { renderApp } from './helpers.js';

// A save, a last debrief or a presenter session that could not be used is set aside, and the page
// said "A copy … is kept in this browser's storage for this site" without saying where it can be
// seen: My records lists every copy set aside under "Room in this browser", to download or remove.

afterEach(cleanup);

const ROOM_LINE = 'My records lists the copy under “Room in this browser”, to download or remove.';
const FULL_LINE = 'My records shows what takes the room this browser keeps for casa-practice, under “Room in this browser”.';
const DAMAGED_SAVE = '{"format": "casa-practice-terminal-save", "formatVersion": 1, "scenarioFile": "youth-discloses.json", "session": "not a session"}';

/** A memory store whose moveAside cannot move anything (the browser's storage full): the value stays where it is. */
function fullStore(initial: Record<string, string>): Store & { data: Map<string, { text: string; modified: number }> } {
  const store = memoryStore(initial);
  return { ...store, moveAside: (key: string) => leftInPlace(key, 'the storage is full') };
}

describe('a copy set aside says where My records shows it', () => {
  it('a damaged save: the notice ends by pointing to My records\' "Room in this browser", a link that opens it with the copy listed', async () => {
    const user = userEvent.setup({ delay: null });
    const store = memoryStore({ 'saves/youth-discloses.json': DAMAGED_SAVE });
    renderApp('#/play/youth-discloses', store);
    const notice = (await screen.findByText(/^Could not resume:/)).closest('p') as HTMLElement;
    expect(notice.textContent).toMatch(new RegExp(`A copy of the save is kept in this browser's storage for this site \\(nothing was deleted\\); starting fresh\\. ${ROOM_LINE}$`));
    const link = within(notice).getByRole('link', { name: 'My records' });
    expect(link.getAttribute('href')).toBe('#/records');
    await user.click(link);
    // Where the line said: the room's section, and the copy listed, to download or remove.
    expect(await screen.findByRole('heading', { level: 1, name: 'My records' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2, name: 'Room in this browser' })).toBeTruthy();
    expect(screen.getByText(/^Copies set aside \(1\):/)).toBeTruthy();
    expect(screen.getByRole('button', { name: /^Remove this copy \(the damaged save of / })).toBeTruthy();
  });

  it('a damaged last debrief says the same, in its page\'s line; left in place (storage full), it says so and points to what takes the room', async () => {
    const debrief = '{"format":"casa-practice-session","formatVersion":1,"scenarioId":"youth-discloses"}';
    renderApp('#/debrief/youth-discloses', memoryStore({ 'debriefs/youth-discloses.json': debrief }));
    let heading = await screen.findByRole('heading', { level: 1, name: 'The last debrief cannot be shown' });
    expect(heading.nextElementSibling?.textContent).toBe(`The last debrief kept is damaged (it has no scenario version). A copy of it is kept in this browser's storage for this site (nothing was deleted). ${ROOM_LINE} Back to the scenarios.`);
    expect(within(heading.nextElementSibling as HTMLElement).getByRole('link', { name: 'My records' }).getAttribute('href')).toBe('#/records');
    cleanup();
    // Not moved (no room for a copy): no copy is said to be kept.
    const full = fullStore({ 'debriefs/youth-discloses.json': debrief });
    renderApp('#/debrief/youth-discloses', full);
    heading = await screen.findByRole('heading', { level: 1, name: 'The last debrief cannot be shown' });
    expect(heading.nextElementSibling?.textContent).toBe(`The last debrief kept is damaged (it has no scenario version). It is left as it was in this browser's storage for this site (it is full, with no room for a copy; nothing was deleted). ${FULL_LINE} Back to the scenarios.`);
    expect(full.read('debriefs/youth-discloses.json')).toBe(debrief);
  });

  it('a damaged presenter session says the same on the content note it opens on', async () => {
    const store = memoryStore({ 'facilitation/youth-discloses.json': '{"format":"casa-practice-facilitation"' });
    renderApp('#/presenter/youth-discloses', store);
    const notice = await screen.findByText(/^Could not resume: The saved room session is damaged/);
    expect(notice.textContent).toBe(`Could not resume: The saved room session is damaged (it is not valid JSON). A copy of the save is kept in this browser's storage for this site (nothing was deleted); starting fresh. ${ROOM_LINE}`);
    expect(within(notice).getByRole('link', { name: 'My records' }).getAttribute('href')).toBe('#/records');
  });
});
