// @vitest-environment jsdom
import { act, cleanup, screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { openFromFirstPage, renderApp } from './helpers.js';

afterEach(cleanup);

/** The browser's Back, as jsdom does it (its hashchange may come after history.back returns). */
async function back() {
  await act(async () => {
    const changed = new Promise((resolve) => window.addEventListener('hashchange', resolve, { once: true }));
    history.back();
    await changed;
  });
}

describe('the first page, come back to', () => {
  it('by the browser\'s Back, gives focus back to the scenario\'s link that was followed, not to the top of the list', async () => {
    const user = userEvent.setup();
    // A card far down the list: Tab from the top of the page would take a keyboard user back up
    // past every card above it, away from where the browser puts the page back.
    await openFromFirstPage(user, /^Assessment: Writing Lupe's court report$/, "Writing Lupe's court report");
    await back();
    await screen.findByRole('heading', { level: 1, name: 'Practise a conversation' });
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('link', { name: /^Assessment: Writing Lupe's court report$/ })));
  });

  it('opened afresh (a link to it, not Back), starts from the page as before', async () => {
    const user = userEvent.setup();
    await openFromFirstPage(user, /^Practise: What Kiara tells you$/, 'What Kiara tells you');
    await act(async () => {
      window.location.hash = '#/';
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    await screen.findByRole('link', { name: /^Practise: What Kiara tells you$/ });
    expect(document.activeElement).toBe(document.getElementById('main'));
  });
});

describe("presenter mode's list of scenarios, come back to", () => {
  // A trainer who opened the wrong scenario and pressed Back found the focus at the top of the page
  // (and the page scrolled near its top in Chromium): the next Tab went to the first card, a dozen
  // cards above the one they had opened. As on the first page, the link followed has the focus again.
  it("by the browser's Back, gives focus back to the scenario's link that was followed", async () => {
    const user = userEvent.setup();
    renderApp('#/presenter');
    (await screen.findByRole('link', { name: /^Present: Writing Lupe's court report$/ })).focus();
    await user.keyboard('{Enter}');
    await screen.findByRole('button', { name: 'Start the session' });
    await back();
    await screen.findByRole('heading', { level: 1, name: 'Presenter mode' });
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('link', { name: /^Present: Writing Lupe's court report$/ })));
  });
});

describe("the Preview's list of the app's files, come back to", () => {
  // A trainer who checked one of the app's files (its button opens the file's own address) and
  // pressed Back found the list folded again and the focus on the page's top: as on the first page,
  // the list is open again with the focus on the button used.
  it("by the browser's Back, is open again, the focus on the file's button that was used", async () => {
    const user = userEvent.setup();
    renderApp('#/preview');
    await user.click(await screen.findByText("Or check a file from the app's scenarios/ folder"));
    await user.click(screen.getByRole('button', { name: 'Check court-report.json' }));
    await screen.findByRole('heading', { level: 2, name: 'No problems found in court-report.json' });
    await back();
    await screen.findByRole('heading', { level: 1, name: 'Preview a scenario file' });
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Check court-report.json' })));
    expect(document.activeElement?.closest('details')?.open).toBe(true);
  });
});
