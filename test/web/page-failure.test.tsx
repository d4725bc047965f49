// @vitest-environment jsdom
// It holds back, or refuses, the app's scenario list that the first page and a scenario's page read
// (scenariosReadBy), as when its files do not come (offline, or the app updated on its host while
// the tab was open).
import { act, cleanup, screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LOADING_SAID_AFTER_MS } from '../../src/web/App.js';
import { renderApp, scenariosHeldBack, watchAnnouncements } from './helpers.js';

// The first page's list (scenarioTexts) and a scenario's page (bundledById) both read it.
const { hold: holdScenarios, holdOn } = scenariosHeldBack();

afterEach(() => {
  vi.useRealTimers();
  cleanup();
});

/** Opens My records, then "Scenarios" from the navigation by keyboard (focus stays on its link). */
async function scenariosFromTheNavigation(user: ReturnType<typeof userEvent.setup>): Promise<void> {
  renderApp('#/records');
  await screen.findByRole('heading', { level: 1, name: 'My records' });
  screen.getByRole('link', { name: 'Scenarios' }).focus();
  await user.keyboard('{Enter}');
  await screen.findByText('Loading scenarios…');
}

const ANNOUNCED = '[role="status"], [aria-live="polite"], [role="alert"]';

describe('"Now showing" for a page opened from the navigation', () => {
  it('is said once the page has loaded, not while it is still loading', async () => {
    const user = userEvent.setup();
    const { said, stop } = watchAnnouncements(ANNOUNCED);
    try {
      const release = holdScenarios();
      await scenariosFromTheNavigation(user);
      expect(said.filter((t) => t.startsWith('Now showing'))).toEqual([]);
      await release(true);
      await screen.findByRole('heading', { level: 1, name: 'Practise a conversation' });
      await waitFor(() => expect(said.filter((t) => t.startsWith('Now showing'))).toEqual(['Now showing: Scenarios.']));
      expect(document.activeElement).toBe(screen.getByRole('link', { name: 'Scenarios' }));
    } finally {
      stop();
    }
  });

  it('a page that then fails to load is not said to be showing: its failure is said instead', async () => {
    const user = userEvent.setup();
    const quiet = console.error;
    console.error = () => {};
    const { said, stop } = watchAnnouncements(ANNOUNCED);
    try {
      const refuse = holdScenarios();
      await scenariosFromTheNavigation(user);
      await refuse(false);
      await screen.findByRole('heading', { level: 1, name: 'This page could not be shown' });
      // Said from the navigation's link, which keeps the focus: the alert in the page's place.
      expect(document.activeElement).toBe(screen.getByRole('link', { name: 'Scenarios' }));
      expect(said.filter((t) => /could not be shown/.test(t))).toHaveLength(1);
      expect(said.filter((t) => t.startsWith('Now showing'))).toEqual([]);
      expect(document.querySelector('.sr-only[aria-live="polite"]')?.textContent).toBe('');
    } finally {
      stop();
      console.error = quiet;
    }
  });
});

// Following a scenario's card on the first page: the link goes with the first page, and the focus
// goes to the main content while the scenario is still opening, when all it says is "Loading…" or
// "Opening the scenario…". A screen reader read that, and nothing when the scenario came.
describe('a page still loading when the focus went to the main content', () => {
  async function openKiaraHeld(user: ReturnType<typeof userEvent.setup>): Promise<(ok: boolean) => Promise<void>> {
    renderApp('#/');
    const link = await screen.findByRole('link', { name: /^Practise: What Kiara tells you$/ });
    const release = holdScenarios();
    link.focus();
    await user.keyboard('{Enter}');
    await screen.findByText('Opening the scenario…');
    expect(document.activeElement).toBe(document.getElementById('main'));
    return release;
  }

  it('is named by its heading once it has loaded, if the focus is still there', async () => {
    const user = userEvent.setup();
    const { said, stop } = watchAnnouncements(ANNOUNCED);
    try {
      const release = await openKiaraHeld(user);
      expect(said.filter((t) => t.startsWith('Now showing'))).toEqual([]);
      await release(true);
      await screen.findByRole('heading', { level: 1, name: 'What Kiara tells you' });
      await waitFor(() => expect(said.filter((t) => t.startsWith('Now showing'))).toEqual(['Now showing: What Kiara tells you.']));
      expect(document.activeElement).toBe(document.getElementById('main'));
    } finally {
      stop();
    }
  });

  it('says nothing if the focus has gone elsewhere meanwhile', async () => {
    const user = userEvent.setup();
    const { said, stop } = watchAnnouncements(ANNOUNCED);
    try {
      const release = await openKiaraHeld(user);
      screen.getByRole('button', { name: 'Take a break' }).focus();
      await release(true);
      await screen.findByRole('heading', { level: 1, name: 'What Kiara tells you' });
      // Time for anything that was to be said (the page's own notices) to be said.
      await screen.findByRole('group', { name: /./ });
      expect(said.filter((t) => t.startsWith('Now showing'))).toEqual([]);
    } finally {
      stop();
    }
  });
});

// The Preview's own list of the app's files: each button opens the file's address, a Preview made
// anew (the button pressed goes with the old one: the focus goes to the main content). Its results
// take the focus once the file is checked, after the page has loaded: the page was named as well
// ("Now showing: Preview a scenario file."), between "Checking …" and the results.
describe("a file of the app's scenarios/ folder checked from the Preview", () => {
  it('is said by its results (focused heading, verdict), not also named as a page newly shown', async () => {
    const user = userEvent.setup();
    renderApp('#/preview');
    await user.click(await screen.findByText("Or check a file from the app's scenarios/ folder"));
    const button = screen.getByRole('button', { name: 'Check court-report.json' });
    const { said, stop } = watchAnnouncements(ANNOUNCED, true);
    try {
      // The new page's list of files is held, then the check's own read of them (sameIdInApp), as
      // a browser fetches the one and then loads the validator: the page has loaded before its results.
      let endList = () => {};
      let endCheck = () => {};
      const list = new Promise<void>((resolve) => (endList = resolve));
      holdOn(list);
      button.focus();
      await user.keyboard('{Enter}');
      expect(document.activeElement).toBe(document.getElementById('main'));
      await act(async () => {
        holdOn(new Promise<void>((resolve) => (endCheck = resolve)));
        endList();
        await list;
      });
      await screen.findByText('Checking court-report.json…');
      await act(async () => endCheck());
      const heading = await screen.findByRole('heading', { name: 'No problems found in court-report.json' });
      expect(document.activeElement).toBe(heading);
      await waitFor(() => expect(said).toContain('court-report.json is valid.'));
      expect(said).toEqual(['Checking court-report.json…', 'court-report.json is valid.']);
    } finally {
      stop();
    }
  });
});

/** Any live region: what is inserted into one with its words already in it may not be said at all. */
const LIVE = '[role="status"], [role="alert"], [role="log"], [aria-live]:not([aria-live="off"])';

// A live region must be in the page, empty, before its words change for most screen readers to say
// them: a message inserted with its words (a page's "Loading…") may be said, or not, depending on the
// screen reader. The loading messages are plain text, read where they are; the app's polite region
// says "Loading…", once, for a page opened from the navigation that takes more than a moment.
describe('a loading message', () => {
  it('is plain text, not a live region: the page\'s code ("Loading…"), a scenario, a kept debrief, the first page\'s list, the presenter\'s scenario', async () => {
    // A page's code has not come on its first render (React.lazy), whatever it takes.
    renderApp('#/certificate');
    expect(screen.getByText('Loading…').closest(LIVE)).toBeNull();
    await screen.findByRole('heading', { level: 1 });
    cleanup();
    const release = holdScenarios();
    renderApp('#/play/youth-discloses');
    expect((await screen.findByText('Opening the scenario…')).closest(LIVE)).toBeNull();
    cleanup();
    renderApp('#/debrief/youth-discloses');
    expect((await screen.findByText('Opening the debrief…')).closest(LIVE)).toBeNull();
    cleanup();
    // The first page's list and the presenter's scenario, as they load (the presenter's code first,
    // so that the "Loading…" found is the page's own).
    renderApp('#/');
    expect((await screen.findByText('Loading scenarios…')).closest(LIVE)).toBeNull();
    cleanup();
    await import('../../src/web/pages/Presenter.js');
    renderApp('#/presenter/youth-discloses');
    await act(async () => {});
    expect(document.querySelector('main')?.textContent).toBe('Loading…');
    expect(screen.getByText('Loading…').closest(LIVE)).toBeNull();
    await release(true);
    await screen.findByRole('heading', { level: 1, name: /What Kiara tells you/ });
  });
});

describe('"Loading…" in the polite region', () => {
  const loadingSaid = (said: string[]) => said.filter((t) => t === 'Loading…');

  /** Follows `link` with the scenarios held back, on fake timers (setTimeout alone: what the app waits a moment with); the release. */
  async function followHeld(link: HTMLElement): Promise<(ok: boolean) => Promise<void>> {
    const release = holdScenarios();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    // As following the link does (jsdom tells of the new address on a timer).
    await act(async () => {
      location.hash = link.getAttribute('href') ?? '';
      await vi.advanceTimersByTimeAsync(0);
    });
    return release;
  }

  /**
   * My records, then "Scenarios" from the navigation (the focus stays on its link) while the
   * scenarios are held back, on fake timers (setTimeout alone: what the app waits a moment with).
   */
  async function scenariosHeldFromTheNavigation(): Promise<(ok: boolean) => Promise<void>> {
    renderApp('#/records');
    await screen.findByRole('heading', { level: 1, name: 'My records' });
    const link = screen.getByRole('link', { name: 'Scenarios' });
    link.focus();
    const release = await followHeld(link);
    // (Not vi.waitFor, which moves the fake clock on as it waits.)
    expect(screen.queryByRole('heading', { level: 1, name: 'My records' })).toBeNull();
    expect(document.activeElement).toBe(link);
    return release;
  }

  it('is said once for a page opened from the navigation that has not loaded after a moment, then the page is named', async () => {
    const { said, stop } = watchAnnouncements(ANNOUNCED);
    try {
      const release = await scenariosHeldFromTheNavigation();
      await act(() => vi.advanceTimersByTimeAsync(LOADING_SAID_AFTER_MS - 1));
      expect(loadingSaid(said)).toEqual([]);
      await act(() => vi.advanceTimersByTimeAsync(1));
      expect(loadingSaid(said)).toEqual(['Loading…']);
      await act(() => vi.advanceTimersByTimeAsync(10 * LOADING_SAID_AFTER_MS));
      expect(loadingSaid(said)).toEqual(['Loading…']);
      vi.useRealTimers();
      await release(true);
      await screen.findByRole('heading', { level: 1, name: 'Practise a conversation' });
      await waitFor(() => expect(said.filter((t) => t.startsWith('Now showing'))).toEqual(['Now showing: Scenarios.']));
      expect(loadingSaid(said)).toEqual(['Loading…']);
      expect(document.querySelector('.sr-only[aria-live="polite"]')?.textContent).toBe('Now showing: Scenarios.');
    } finally {
      stop();
    }
  });

  it('is not said for a page that loads within the moment', async () => {
    const { said, stop } = watchAnnouncements(ANNOUNCED);
    try {
      const release = await scenariosHeldFromTheNavigation();
      await act(() => vi.advanceTimersByTimeAsync(LOADING_SAID_AFTER_MS / 2));
      await release(true);
      // Interval 0: vi.waitFor moves the fake clock on by its interval at each look.
      await vi.waitFor(() => expect(said.filter((t) => t.startsWith('Now showing'))).toEqual(['Now showing: Scenarios.']), { interval: 0, timeout: 10_000 });
      await act(() => vi.advanceTimersByTimeAsync(10 * LOADING_SAID_AFTER_MS));
      expect(loadingSaid(said)).toEqual([]);
    } finally {
      stop();
    }
  });

  it('is taken back when the page then fails: its failure is what is said', async () => {
    const quiet = console.error;
    console.error = () => {};
    const { said, stop } = watchAnnouncements(ANNOUNCED);
    try {
      const refuse = await scenariosHeldFromTheNavigation();
      await act(() => vi.advanceTimersByTimeAsync(LOADING_SAID_AFTER_MS));
      expect(loadingSaid(said)).toEqual(['Loading…']);
      vi.useRealTimers();
      await refuse(false);
      await screen.findByRole('heading', { level: 1, name: 'This page could not be shown' });
      expect(document.querySelector('.sr-only[aria-live="polite"]')?.textContent).toBe('');
      expect(said.filter((t) => t.startsWith('Now showing'))).toEqual([]);
    } finally {
      stop();
      console.error = quiet;
    }
  });

  it('is not said when the focus went to the main content, which reads its own "Opening the scenario…"', async () => {
    const { said, stop } = watchAnnouncements(ANNOUNCED);
    try {
      renderApp('#/');
      const link = await screen.findByRole('link', { name: /^Practise: What Kiara tells you$/ });
      link.focus();
      const release = await followHeld(link);
      expect(document.activeElement).toBe(document.getElementById('main'));
      await act(() => vi.advanceTimersByTimeAsync(10 * LOADING_SAID_AFTER_MS));
      expect(loadingSaid(said)).toEqual([]);
      vi.useRealTimers();
      await release(true);
      await waitFor(() => expect(said.filter((t) => t.startsWith('Now showing'))).toEqual(['Now showing: What Kiara tells you.']));
      expect(loadingSaid(said)).toEqual([]);
    } finally {
      stop();
    }
  });
});
