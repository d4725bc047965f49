// @vitest-environment jsdom
// Its own module graph (vite.config.ts, OWN_MODULES): it holds back, or refuses, the app's scenario
// list that the first page reads, as when its files do not come (offline, or the app updated on its
// host while the tab was open).
import { act, cleanup, screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderApp, watchAnnouncements } from './helpers.js';

/** While set, a page's read of the scenarios (the first page's, a scenario's) waits for it, and ends as it does. */
let held: Promise<void> | undefined;

vi.mock('../../src/web/scenarios.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/web/scenarios.js')>();
  return {
    ...real,
    scenarioTexts: async () => {
      if (held) await held;
      return real.scenarioTexts();
    },
    bundledById: async (id: string) => {
      if (held) await held;
      return real.bundledById(id);
    },
  };
});

afterEach(() => {
  held = undefined;
  cleanup();
});

/** Holds the scenarios back: returns what lets them come (`ok`) or refuses them. */
function holdScenarios(): (ok: boolean) => Promise<void> {
  let end: (ok: boolean) => void = () => {};
  held = new Promise<void>((resolve, reject) => {
    end = (ok) => (ok ? resolve() : reject(new Error('Failed to fetch dynamically imported module')));
  });
  // Refused, and not waited on by this test before the page does.
  held.catch(() => {});
  return async (ok) => {
    await act(async () => {
      end(ok);
      await held?.catch(() => {});
    });
  };
}

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
