// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import { memoryStore, type Store } from '../../src/machines/light.js';
import { SESSION_OUTDATED } from '../../src/web/storage-words.js';
import { editStored, renderApp } from './helpers.js';

afterEach(() => {
  cleanup();
  history.replaceState(null, '', '/');
});

const ID = 'youth-discloses';
const KEY = `facilitation/${ID}.json`;
const TITLE = 'What Kiara tells you';

type Kept = { session: { scenarioVersion: number; snapshot: { status?: string; context: Record<string, unknown> } }; ended?: boolean };

/** A store holding a presenter session of youth-discloses with votes typed at its first decision, the page closed. */
async function keptSession() {
  const user = userEvent.setup();
  const store = memoryStore();
  const page = renderApp(`#/presenter/${ID}`, store);
  await user.click(await screen.findByRole('button', { name: 'Start the session' }));
  await user.type((await screen.findAllByRole('spinbutton'))[0] as HTMLElement, '2');
  page.unmount();
  return { user, store };
}

/** Edits the kept session under KEY (its slot as JSON) and writes it back; returns the text written. */
const editSession = (store: Store, edit: (slot: Kept) => void) => editStored<Kept>(store, KEY, edit);

const cardOf = (title: string) => screen.getByRole('heading', { level: 2, name: title }).closest('li') as HTMLElement;

// From the web check (session 61): presenter mode's list offered "Resume the presenter session" for a
// session kept with another version of the scenario (or its values edited), and the click then set it
// aside and opened a new one. The list says so before the click, in a trainer's words, offers a new
// session, and keeps the kept one until the trainer opens the scenario (which sets it aside, as before).
describe('presenter mode\'s list, a kept session its scenario has outgrown', () => {
  it('kept with another version of the scenario: said at once, "Start a new session" offered and no Resume; the session is kept', async () => {
    const { user, store } = await keptSession();
    const text = editSession(store, (slot) => {
      slot.session.scenarioVersion -= 1;
    });
    // Seen from the first frame (no Resume link shown, then taken back once the session is replayed).
    const offered: string[] = [];
    const watch = new MutationObserver(() => {
      for (const a of document.querySelectorAll('a')) if (a.textContent?.startsWith('Resume')) offered.push(a.textContent);
    });
    watch.observe(document.body, { childList: true, subtree: true, characterData: true });
    renderApp('#/presenter', store);
    await screen.findByRole('heading', { level: 2, name: TITLE });
    watch.disconnect();
    expect(offered).toEqual([]);
    const card = cardOf(TITLE);
    const words = 'The presenter session kept here (with no decision made yet) cannot be resumed: the scenario has changed since the session was kept, and the story may be different now. Opening the scenario starts a new session from the beginning.';
    expect(within(card).getByText(words).className).toBe('notice');
    expect(within(card).queryByText(/is in progress here/)).toBeNull();
    const start = within(card).getByRole('link', { name: `Start a new session: ${TITLE}` });
    expect(start.getAttribute('href')).toBe(`#/presenter/${ID}`);
    expect(document.body.textContent).not.toMatch(/Resume/);
    expect(store.read(KEY)).toBe(text);
    // axe on the list (what jsdom can check: no colours here).
    const result = await axe.run(screen.getByRole('list', { name: 'Scenarios to present' }), { resultTypes: ['violations'], rules: { 'color-contrast': { enabled: false } } });
    expect(result.violations.map((v) => v.id)).toEqual([]);

    // Opened, it is set aside (never deleted), said as the words before the click said it, and a new session starts from the content note.
    await user.click(start);
    await screen.findByRole('button', { name: 'Start the session' });
    expect([...store.data.keys()].some((k) => k.startsWith(`${KEY}.outdated-`))).toBe(true);
    const notice = (await screen.findByText(/^The presenter session kept for this scenario could not be picked up/)).closest('p') as HTMLElement;
    expect(notice.textContent?.startsWith(`${SESSION_OUTDATED} A copy of the session is kept in this browser`)).toBe(true);
    expect(notice.textContent).toContain('A new session starts from the beginning below.');
    expect(notice.textContent).not.toMatch(/save/);
  });

  it('a finished or ended session kept with another version: "Open the finished session" (or the ended one) is not offered, and why is said', async () => {
    const { store } = await keptSession();
    for (const [stage, words] of [
      ['ended', 'The presenter session ended here cannot be opened: the scenario has changed since the session was kept, and the story may be different now. Opening the scenario starts a new session from the beginning.'],
      ['finished', 'The finished presenter session kept here cannot be opened: the scenario has changed since the session was kept, and the story may be different now. Opening the scenario starts a new session from the beginning.'],
    ] as const) {
      const text = editSession(store, (slot) => {
        slot.session.scenarioVersion -= 1;
        if (stage === 'ended') slot.ended = true;
        else slot.session.snapshot.status = 'done';
      });
      const page = renderApp('#/presenter', store);
      const card = cardOf((await screen.findByRole('heading', { level: 2, name: TITLE })).textContent ?? '');
      expect(within(card).getByText(words).className).toBe('notice');
      expect(within(card).getAllByRole('link').map((a) => a.getAttribute('aria-label'))).toEqual([`Start a new session: ${TITLE}`]);
      expect(document.body.textContent).not.toMatch(/Open the (finished|ended) session|kept until you start it again/);
      expect(store.read(KEY)).toBe(text);
      page.unmount();
    }
  });

  it('damaged in a way only replaying it shows (its values edited): said once checked, a sound session beside it still offered to resume', async () => {
    const { store } = await keptSession();
    const text = editSession(store, (slot) => {
      const { context } = slot.session.snapshot;
      expect(typeof context.variables).toBe('object');
      context.variables = { ...(context.variables as object), edited: 99 };
    });
    // A sound session of another scenario.
    const user = userEvent.setup();
    const other = renderApp('#/presenter/red-flags', store);
    await user.click(await screen.findByRole('button', { name: 'Start the session' }));
    await user.click(await screen.findByRole('button', { name: 'Continue' }));
    await user.type((await screen.findAllByRole('spinbutton'))[0] as HTMLElement, '1');
    other.unmount();

    renderApp('#/presenter', store);
    await screen.findByRole('heading', { level: 2, name: TITLE });
    const words = 'The presenter session kept here (with no decision made yet) cannot be resumed: what this browser kept of it is damaged and cannot be read. Opening the scenario starts a new session from the beginning.';
    const card = cardOf(TITLE);
    expect(await within(card).findByText(words)).toBeTruthy();
    expect(within(card).getByRole('link', { name: `Start a new session: ${TITLE}` })).toBeTruthy();
    // The other session, checked in the same pass, is sound: still offered to resume.
    expect(within(cardOf('New nails, new phone, new boyfriend')).getByRole('link', { name: 'Resume the presenter session: New nails, new phone, new boyfriend' })).toBeTruthy();
    expect(store.read(KEY)).toBe(text);
  });
});
