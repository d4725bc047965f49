// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/machines/light.js';
import { SAVE_DAMAGED, SAVE_OUTDATED } from '../../src/web/storage-words.js';
import { atFirstDecision, editStored, renderApp, replyKey } from './helpers.js';

afterEach(cleanup);

const KEY = 'saves/youth-discloses.json';
const TITLE = 'What Kiara tells you';

/** A store holding a sound save of youth-discloses (one reply made, in `mode`), the page closed. */
async function savedOneReply(mode: 'play' | 'assess' = 'play') {
  const { user, store, page } = await atFirstDecision(`#/${mode}/youth-discloses`);
  await replyKey(user, '1');
  page.unmount();
  return { user, store };
}

type Slot = { session: { scenarioVersion: number; snapshot: { context: Record<string, unknown> } } };
/** Edits the save under KEY (its slot as JSON) and writes it back; returns the text written. */
const editSave = (store: Store, edit: (slot: Slot) => void) => editStored<Slot>(store, KEY, edit);

const cardOf = (title: string) => screen.getByRole('heading', { level: 2, name: title }).closest('li') as HTMLElement;

// From the web check (session 61): a volunteer who came back after a scenario was updated found
// "Continue where you stopped (1 reply made, practice, saved …)" on the first page, above the cards
// and on its card; the click then said the progress could not be picked up, the scenario having
// changed. The first page says so before the click, in the play page's words, and keeps the save.
describe('the first page, a save its scenario has outgrown', () => {
  it('made with another version of the scenario: said at once, with a link that starts again and no Continue link; the save is kept', async () => {
    const { user, store } = await savedOneReply('assess');
    const text = editSave(store, (slot) => {
      slot.session.scenarioVersion -= 1;
    });
    // Seen from the first frame (no Continue link shown, then taken back once the save is replayed).
    const offered: string[] = [];
    const watch = new MutationObserver(() => {
      const link = document.querySelector('.in-progress a');
      if (link?.textContent?.startsWith('Continue')) offered.push(link.textContent);
    });
    watch.observe(document.body, { childList: true, subtree: true, characterData: true });
    renderApp('#/', store);
    const section = await screen.findByRole('region', { name: 'In progress' });
    watch.disconnect();
    expect(offered).toEqual([]);
    const where = '1 reply made, assessment, saved just now';
    const words = `Your saved progress (${where}) cannot be picked up where you left off: the scenario has changed since you saved it, and the story may be different now. Opening the scenario starts it again from the beginning.`;
    expect(section.querySelector('li')?.textContent).toBe(`Start again: ${TITLE}. ${words}`);
    const again = within(section).getByRole('link', { name: `Start again: ${TITLE}` });
    // In the mode it was played in.
    expect(again.getAttribute('href')).toBe('#/assess/youth-discloses');
    const card = cardOf(TITLE);
    expect(within(card).getByText(words).className).toBe('notice');
    // The card offers what a card without a save does: each link's name says what it does.
    expect(within(card).getAllByRole('link').map((a) => a.getAttribute('aria-label'))).toEqual([`Practise: ${TITLE}`, `Assessment: ${TITLE}`]);
    expect(document.body.textContent).not.toMatch(/Continue/);
    expect(store.read(KEY)).toBe(text);

    // Opened, it is said again as the words before the click said it, and set aside (never deleted).
    await user.click(again);
    const notice = (await screen.findByText(/^Your progress in this scenario could not be picked up/)).closest('p') as HTMLElement;
    expect(notice.textContent?.startsWith(SAVE_OUTDATED)).toBe(true);
    expect([...store.data.keys()].some((k) => k.startsWith(`${KEY}.outdated-`))).toBe(true);
  });

  it('damaged in a way only replaying it shows (its values edited): said once checked, a sound save beside it still offered to continue', async () => {
    const { store } = await savedOneReply();
    const text = editSave(store, (slot) => {
      const { context } = slot.session.snapshot;
      expect(typeof context.variables).toBe('object');
      context.variables = { ...(context.variables as object), edited: 99 };
    });
    // A sound save of another scenario (it opens with a scene).
    const user = userEvent.setup();
    const other = renderApp('#/play/red-flags', store);
    await user.click(await screen.findByRole('button', { name: 'Continue' }));
    await screen.findByRole('group', { name: /./ });
    await replyKey(user, '1');
    other.unmount();

    renderApp('#/', store);
    const words = 'Your saved progress (1 reply made, practice, saved just now) cannot be picked up where you left off: what this browser saved of it is damaged and cannot be read. Opening the scenario starts it again from the beginning.';
    const section = await screen.findByRole('region', { name: 'In progress' });
    const again = await within(section).findByRole('link', { name: `Start again: ${TITLE}` });
    expect(again.closest('li')?.textContent).toBe(`Start again: ${TITLE}. ${words}`);
    expect(within(cardOf(TITLE)).getByText(words)).toBeTruthy();
    expect(within(cardOf(TITLE)).queryByRole('link', { name: /^Continue/ })).toBeNull();
    expect(SAVE_DAMAGED).toContain('what this browser saved of it is damaged and cannot be read');
    // The other save, checked in the same pass, is sound: still offered to continue.
    expect(within(section).getByRole('link', { name: 'Continue: New nails, new phone, new boyfriend' })).toBeTruthy();
    expect(within(cardOf('New nails, new phone, new boyfriend')).getByRole('link', { name: /^Continue where you stopped \(1 reply made, practice/ })).toBeTruthy();
    expect(store.read(KEY)).toBe(text);
  });
});
