// @vitest-environment jsdom
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import example from '../fixtures/good/example.json?raw';
import { atFirstDecision, back, openFromFirstPage, renderApp, replyKey } from './helpers.js';

afterEach(cleanup);

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

  // Back from a scenario continued from "In progress" (above the cards) put the focus on the card
  // followed on an earlier visit, the page scrolled down to it (4,000 px in a 1280 px window), not on
  // the page the volunteer had left: that link's note was never replaced.
  it('by the browser\'s Back after a link followed from outside the cards ("In progress"), does not go to a card followed before', async () => {
    const user = userEvent.setup();
    const { store } = await atFirstDecision('#/play/youth-discloses');
    await replyKey(user, '1');
    await screen.findByRole('button', { name: 'Continue' });
    cleanup();
    await openFromFirstPage(user, /^Assessment: Writing Lupe's court report$/, "Writing Lupe's court report", store);
    await back();
    const card = () => screen.getByRole('link', { name: /^Assessment: Writing Lupe's court report$/ });
    await waitFor(() => expect(document.activeElement).toBe(card()));
    within(screen.getByRole('region', { name: 'In progress' })).getByRole('link', { name: 'Continue: What Kiara tells you' }).focus();
    await user.keyboard('{Enter}');
    await screen.findByRole('heading', { level: 1, name: 'What Kiara tells you' });
    await back();
    await screen.findByRole('heading', { level: 1, name: 'Practise a conversation' });
    await screen.findByRole('region', { name: 'In progress' });
    await act(async () => {});
    expect(document.activeElement).not.toBe(card());
    expect(document.activeElement).toBe(document.getElementById('main'));
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

  // A trainer who had opened their own draft, then looked at one of the app's files, and pressed Back
  // came to an empty Preview: the draft had to be opened again. It is shown as last checked, with its
  // findings and its "Check again", kept in the page's memory only (a new visit to the page, or a
  // reload, starts empty).
  it("by the browser's Back, shows the trainer's own file as last checked, its Check again still working", async () => {
    const user = userEvent.setup();
    const broken = example.replace('"estimatedMinutes": 5', '"estimatedMinutes": "five"');
    // The file on disk, as the trainer edits it; the handle reads it afresh each time, as Chromium's does.
    let onDisk = broken;
    const getFile = vi.fn(async () => new File([onDisk], 'mine.json'));
    vi.stubGlobal('showOpenFilePicker', vi.fn(async () => [{ name: 'mine.json', getFile }]));
    const stored = { ...localStorage };
    try {
      renderApp('#/preview');
      await user.click(await screen.findByLabelText('Scenario file (.json)'));
      await screen.findByRole('heading', { level: 2, name: 'Problems in mine.json' });
      const problems = () => [...document.querySelectorAll('.problems > li')].map((li) => li.textContent);
      const found = problems();
      expect(found).toHaveLength(1);
      const checkedAt = /^mine\.json: 1 error, 0 warnings\.$/;
      expect(screen.getByRole('status').textContent).toMatch(checkedAt);
      await user.click(screen.getByText("Or check a file from the app's scenarios/ folder"));
      await user.click(screen.getByRole('button', { name: 'Check court-report.json' }));
      await screen.findByRole('heading', { level: 2, name: 'No problems found in court-report.json' });
      await back();
      await screen.findByRole('heading', { level: 2, name: 'Problems in mine.json' });
      expect(problems()).toEqual(found);
      expect(screen.getByText(/^Results below are for/).textContent).toMatch(/^Results below are for mine\.json as checked at \d\d:\d\d:\d\d\. Choose a file above to check another one\.$/);
      // The focus on the app's file's button used, as before.
      await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Check court-report.json' })));
      // Nothing of it stored: the page's memory only.
      expect({ ...localStorage }).toEqual(stored);
      expect(JSON.stringify({ ...localStorage })).not.toContain('five');
      // Its Check again reads the file as it is now, through the handle kept.
      onDisk = example;
      await user.click(screen.getByRole('button', { name: 'Check mine.json again' }));
      expect(await screen.findByText(/^Checked again at \d\d:\d\d:\d\d: mine\.json is valid\.$/)).toBeTruthy();
      expect(getFile).toHaveBeenCalledTimes(2);
      // Opened afresh (its link in the navigation, not Back): the page as before, empty.
      await user.click(screen.getByRole('button', { name: 'Check court-report.json' }));
      await screen.findByRole('heading', { level: 2, name: 'No problems found in court-report.json' });
      await user.click(within(screen.getByRole('navigation', { name: /./ })).getByRole('link', { name: 'Preview a file' }));
      await screen.findByRole('heading', { level: 1, name: 'Preview a scenario file' });
      await waitFor(() => expect(location.hash).toBe('#/preview'));
      expect(screen.queryByRole('heading', { level: 2, name: /mine\.json|court-report\.json/ })).toBeNull();
      // And Back twice, to the entry the file was checked again at: as checked again.
      await back();
      await screen.findByRole('heading', { level: 2, name: 'No problems found in court-report.json' });
      await back();
      await screen.findByRole('heading', { level: 2, name: 'No problems found in mine.json' });
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it("by the browser's Back, a file from the plain file field is shown as last checked, and chosen again through its Check again is checked again", async () => {
    const user = userEvent.setup();
    renderApp('#/preview');
    const input = await screen.findByLabelText('Scenario file (.json)');
    await user.upload(input, new File([example], 'mine.json'));
    await screen.findByRole('heading', { level: 2, name: 'No problems found in mine.json' });
    await user.click(screen.getByText("Or check a file from the app's scenarios/ folder"));
    await user.click(screen.getByRole('button', { name: 'Check court-report.json' }));
    await screen.findByRole('heading', { level: 2, name: 'No problems found in court-report.json' });
    await back();
    await screen.findByRole('heading', { level: 2, name: 'No problems found in mine.json' });
    // The file window opens (this browser cannot read the file again), and the file chosen there is the one shown, checked again.
    const field = screen.getByLabelText('Scenario file (.json)') as HTMLInputElement;
    const opened = vi.spyOn(field, 'click').mockImplementation(() => undefined);
    await user.click(screen.getByRole('button', { name: 'Check again: choose mine.json again' }));
    expect(opened).toHaveBeenCalledTimes(1);
    opened.mockRestore();
    await user.upload(field, new File([example], 'mine.json'));
    expect(await screen.findByText(/^Checked again at \d\d:\d\d:\d\d: mine\.json is valid\.$/)).toBeTruthy();
  });
});
