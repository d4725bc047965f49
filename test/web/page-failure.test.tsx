// @vitest-environment jsdom
// Its own module graph (vite.config.ts, OWN_MODULES): it holds back, or refuses, the app's scenario
// list that the first page reads, as when its files do not come (offline, or the app updated on its
// host while the tab was open).
import { act, cleanup, screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderApp, watchAnnouncements } from './helpers.js';

/** While set, the first page's read of the scenarios waits for it, and ends as it does. */
let held: Promise<void> | undefined;

vi.mock('../../src/web/scenarios.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/web/scenarios.js')>();
  return { ...real, scenarioTexts: async () => {
    if (held) await held;
    return real.scenarioTexts();
  } };
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
