// @vitest-environment jsdom
import { act, cleanup, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SELF_CARE } from '../../src/web/self-care.js';
import guide from '../../scenarios/guide/csec-in-service-guide.txt?raw';
import { playToDebrief, renderApp, replyKey } from './helpers.js';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});


/**
 * youth-discloses opened at its first decision with the clock (Date only) fixed at t0, for tests
 * that move the clock to measure practice time.
 */
async function playFromT0() {
  vi.useFakeTimers({ toFake: ['Date'] });
  const t0 = Date.parse('2026-11-20T18:00:00Z');
  vi.setSystemTime(t0);
  const user = userEvent.setup();
  const rendered = renderApp('#/play/youth-discloses');
  await screen.findByRole('group', { name: /./ });
  // The page is drawn; let its effects run too (the visibility subscription among them), as they
  // may still be queued when the page appears on a loaded machine.
  await act(async () => {});
  return { t0, user, ...rendered };
}
describe('take a break', () => {
  it("quotes the guide's Self-Care section word for word", () => {
    const section = guide.slice(guide.indexOf(`\n${SELF_CARE.heading}\n`));
    expect(section).toContain(SELF_CARE.text);
  });

  it('is the same button in the same place on every page, pauses the session and returns focus', async () => {
    const user = userEvent.setup();
    const { container } = renderApp('#/play/youth-discloses');
    await screen.findByRole('group', { name: /./ });
    const button = screen.getByRole('button', { name: 'Take a break' });
    // First control in the sticky bar, before the navigation and the page.
    expect(container.querySelector('header.bar button')).toBe(button);
    const title = document.title;
    await user.click(button);
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Take a break' }));
    // The window's title says so (it kept the page's "Practice: …"), and the page's comes back after.
    expect(document.title).toMatch(/^Take a break\b/);
    expect(screen.getByText(SELF_CARE.text)).toBeTruthy();
    // The same panel on every page says only what holds on every page: a what-if replay, a
    // preview or a session whose storage was refused is not saved.
    expect(screen.getByRole('region', { name: 'Take a break' }).textContent).not.toMatch(/saved/i);
    // The bar's button now says what it does, and only that: no pressed state, which a screen
    // reader would read with the new name as "Back from break, toggle button, pressed".
    expect(screen.getByRole('button', { name: 'Back from break' })).toBe(button);
    expect(screen.queryByRole('button', { pressed: true })).toBeNull();
    // Paused: reply keys do nothing while the break is shown.
    await user.keyboard('1');
    expect(screen.queryByText(/^You( do)?:$/)).toBeNull();
    // "Back to where I was" goes back into the conversation, to its newest moment (the current
    // decision, where the keys act).
    const moment = [...container.querySelectorAll('#transcript .moment-heading')].at(-1);
    await user.click(screen.getByRole('button', { name: 'Back to where I was' }));
    expect(document.activeElement).toBe(moment);
    expect(document.title).toBe(title);
    // The bar's button, pressed again to end a break, keeps the focus; the decision is back, and a
    // reply key answers it from there (the keys act wherever the focus is on the page).
    await user.click(button);
    await user.click(button);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Take a break' }));
    await user.keyboard('1');
    expect(screen.getByText(/^You( do)?:$/)).toBeTruthy();
    // The same button on the other pages.
    for (const hash of ['#/', '#/records', '#/preview', '#/presenter']) {
      window.location.hash = hash;
      window.dispatchEvent(new HashChangeEvent('hashchange'));
      await screen.findByRole('heading', { level: 1 });
      expect(container.querySelector('header.bar button')?.textContent).toBe('Take a break');
    }
  });

  it('ends when a link of the navigation is followed during it: the page asked for is shown, not left hidden behind the break', async () => {
    const user = userEvent.setup();
    renderApp('#/play/youth-discloses');
    await screen.findByRole('group', { name: /./ });
    await user.click(screen.getByRole('button', { name: 'Take a break' }));
    const link = screen.getByRole('link', { name: 'My records' });
    await user.click(link);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    expect(await screen.findByRole('heading', { level: 1, name: 'My records' })).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Take a break' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Take a break' })).toBeTruthy();
    // Focus stays on the link followed, and the page it opened is named once.
    expect(document.activeElement).toBe(link);
    expect(screen.getByText('Now showing: My records.')).toBeTruthy();
    // The window's title names the page now shown: the break's end put back the title of the page
    // the break was taken on ("Practice: …" over My records), which a screen reader's list of windows said.
    expect(document.title).toBe('My records — casa-practice');
  });

  it('followed back (the browser\'s Back) during a break, the page shown is the one the title names', async () => {
    const user = userEvent.setup();
    renderApp('#/');
    await screen.findByRole('heading', { level: 1, name: 'Practise a conversation' });
    await act(async () => {
      window.location.hash = '#/preview';
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    await screen.findByRole('heading', { level: 1, name: 'Preview a scenario file' });
    expect(document.title).toBe('Preview a file — casa-practice');
    await user.click(screen.getByRole('button', { name: 'Take a break' }));
    expect(document.title).toBe('Take a break — casa-practice');
    await act(async () => {
      window.location.hash = '#/';
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    await screen.findByRole('heading', { level: 1, name: 'Practise a conversation' });
    expect(document.title).toBe('Scenarios — casa-practice');
  });

  it('leaves the time on a break out of the minutes recorded for the in-service log', async () => {
    // Only the clock is faked: 40 minutes pass on the break, 10 minutes in play.
    const { t0, user, store } = await playFromT0();
    await user.click(screen.getByRole('button', { name: 'Take a break' }));
    vi.setSystemTime(t0 + 40 * 60_000);
    await user.click(screen.getByRole('button', { name: 'Back to where I was' }));
    vi.setSystemTime(t0 + 50 * 60_000);
    await playToDebrief(user);
    const records = JSON.parse(store.read('records.json') ?? '{}');
    expect(records.playthroughs[0].minutes).toBe(10);
  });

  it('counts a playthrough closed half-way and resumed hours later by the time played, not the time away', async () => {
    // 5 minutes of play, the page closed for 3 hours, 2 more minutes after coming back: 7 minutes.
    const { t0, user, ...first } = await playFromT0();
    vi.setSystemTime(t0 + 5 * 60_000);
    await replyKey(user, '1');
    const saved = JSON.parse(first.store.read('saves/youth-discloses.json') ?? '{}');
    expect(saved.activeMs).toBe(5 * 60_000);
    first.unmount();

    vi.setSystemTime(t0 + 3 * 60 * 60_000);
    renderApp('#/play/youth-discloses', first.store);
    await screen.findByText(/Welcome back/);
    vi.setSystemTime(t0 + 3 * 60 * 60_000 + 2 * 60_000);
    await playToDebrief(user);
    const records = JSON.parse(first.store.read('records.json') ?? '{}');
    expect(records.playthroughs[0].minutes).toBe(7);
  });

  it('stops counting a page left in view with no input after 10 minutes, and counts again from the next key', async () => {
    // 3 minutes of play, then 47 minutes with the page in view and nothing pressed (the first 10 of
    // them count), then a key press and 5 more minutes: 18 minutes, not 55.
    const { t0, user, store } = await playFromT0();
    vi.setSystemTime(t0 + 3 * 60_000);
    await replyKey(user, '1');
    vi.setSystemTime(t0 + 50 * 60_000);
    await user.keyboard('{Shift}');
    vi.setSystemTime(t0 + 55 * 60_000);
    await playToDebrief(user);
    const records = JSON.parse(store.read('records.json') ?? '{}');
    expect(records.playthroughs[0].minutes).toBe(18);
  });

  // The save was written only at each step: 3 minutes read after the last one were lost when the
  // page was then hidden or closed (a reload counted only the minutes up to that step).
  it('brings the save\'s minutes up to date when the page is hidden or closed mid-step', async () => {
    const { t0, user, store } = await playFromT0();
    vi.setSystemTime(t0 + 60_000);
    await replyKey(user, '1');
    const activeMs = () => (JSON.parse(store.read('saves/youth-discloses.json') ?? '{}') as { activeMs?: number }).activeMs;
    expect(activeMs()).toBe(60_000);
    vi.setSystemTime(t0 + 4 * 60_000);
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    try {
      act(() => {
        document.dispatchEvent(new Event('visibilitychange'));
      });
    } finally {
      delete (document as { visibilityState?: unknown }).visibilityState;
    }
    expect(activeMs()).toBe(4 * 60_000);
    act(() => {
      document.dispatchEvent(new Event('visibilitychange'));
    });
    vi.setSystemTime(t0 + 6 * 60_000);
    act(() => {
      window.dispatchEvent(new Event('pagehide'));
    });
    expect(activeMs()).toBe(6 * 60_000);
  });

  it('opened and hidden at once, leaves no save behind', async () => {
    const { store } = await playFromT0();
    act(() => {
      window.dispatchEvent(new Event('pagehide'));
    });
    expect(store.read('saves/youth-discloses.json')).toBeUndefined();
  });

  // Only "Back from break" and "Back to where I was" left the break; Escape did nothing.
  it('Escape leaves the break, with focus back in the conversation (its replies next), or on the bar\'s button on a page without one', async () => {
    const user = userEvent.setup();
    const { container } = renderApp('#/play/youth-discloses');
    await screen.findByRole('group', { name: /./ });
    await user.click(screen.getByRole('button', { name: 'Take a break' }));
    expect(screen.getByRole('region', { name: 'Take a break' })).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('region', { name: 'Take a break' })).toBeNull();
    expect(document.activeElement).toBe([...container.querySelectorAll('#transcript .moment-heading')].at(-1));
    await replyKey(user, '1');
    expect(screen.getByText(/^You( do)?:$/)).toBeTruthy();

    window.location.hash = '#/records';
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await screen.findByRole('heading', { level: 1, name: 'My records' });
    await user.click(screen.getByRole('button', { name: 'Take a break' }));
    await user.keyboard('{Escape}');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Take a break' }));
  });

  // Found by phone-50: with "Start again from the beginning?" open in the page, back from a break the
  // focus went to the newest moment's heading, above the question still open further down, and
  // nothing said the question was there. It goes back into the question, where it was.
  it('with the "Start again?" question open, the way back from a break puts the focus back in the question: its "No, keep going", or the button of it that had the focus', async () => {
    const user = userEvent.setup();
    renderApp('#/play/youth-discloses');
    await screen.findByRole('group', { name: /./ });
    await replyKey(user, '1');
    await user.click(await screen.findByRole('button', { name: 'Start again from the beginning' }));
    const keep = screen.getByRole('button', { name: 'No, keep going' });
    expect(document.activeElement).toBe(keep);
    // Escape from the break: the question's safe answer, where the focus was.
    await user.click(screen.getByRole('button', { name: 'Take a break' }));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('region', { name: 'Take a break' })).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'No, keep going' }));
    // Another of its buttons had the focus: "Back to where I was" goes back to it.
    const other = screen.getByRole('button', { name: /^Start again in (assessment|practice) instead$/ });
    other.focus();
    await user.click(screen.getByRole('button', { name: 'Take a break' }));
    await user.click(screen.getByRole('button', { name: 'Back to where I was' }));
    expect(document.activeElement).toBe(other);
    // Answered, the question is gone: a break goes back to the newest moment as before.
    await user.click(screen.getByRole('button', { name: 'No, keep going' }));
    expect(screen.queryByRole('group', { name: 'Start again from the beginning?' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Take a break' }));
    await user.keyboard('{Escape}');
    expect(document.activeElement).toBe([...document.querySelectorAll('#transcript .moment-heading')].at(-1));
  });

  it('leaves out the time the page was hidden (another tab, the screen locked) too', async () => {
    // 4 minutes of play, 2 hours hidden, 3 more minutes: 7 minutes.
    const { t0, user, store } = await playFromT0();
    const visibility = (state: 'hidden' | 'visible') => {
      Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });
      act(() => {
        document.dispatchEvent(new Event('visibilitychange'));
      });
    };
    try {
      vi.setSystemTime(t0 + 4 * 60_000);
      visibility('hidden');
      vi.setSystemTime(t0 + 124 * 60_000);
      visibility('visible');
    } finally {
      delete (document as { visibilityState?: unknown }).visibilityState;
    }
    vi.setSystemTime(t0 + 127 * 60_000);
    await playToDebrief(user);
    const records = JSON.parse(store.read('records.json') ?? '{}');
    expect(records.playthroughs[0].minutes).toBe(7);
  });
});
