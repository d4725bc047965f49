// @vitest-environment jsdom
// A check of the file shown that fails (the file moved, renamed or deleted since, or changed so that
// the browser refuses to read it): the page said "Checking mine.json…", then brought the earlier
// check back as it was, "Checked again at 10:15:00: mine.json is valid." announced anew in the status
// region and "Results below are for mine.json, checked again.", as if the edited file had been
// checked. The earlier results stay (a trainer still has their line:column to work from), but the
// verdict and the line above them say the check failed and which check, and when, they are from.
import { cleanup, configure, render, screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import axe from 'axe-core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { memoryStore } from '../../src/machines/light.js';
import Preview from '../../src/web/pages/Preview.js';
import { StoreContext } from '../../src/web/store.js';
import example from '../fixtures/good/example.json?raw';
import { AXE_TAGS, COLOUR_RULES } from './helpers/axe-rules.js';
import { watchAnnouncements } from './helpers.js';
import { previewWithValidFile } from './helpers/render-session.js';

configure({ asyncUtilTimeout: 15_000 });

const broken = example.replace('"estimatedMinutes": 5', '"estimatedMinutes": "five"');

/** The page's clock (Date alone: the user events' and React's timers run as they do). */
const at = (hh: number, mm: number, ss: number) => vi.setSystemTime(new Date(2026, 2, 20, hh, mm, ss));

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  at(10, 15, 0);
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  cleanup();
});

const verdict = (container: HTMLElement) => container.querySelector('[role="status"]')?.textContent;

async function axeClean(container: HTMLElement): Promise<void> {
  const result = await axe.run(container, { runOnly: AXE_TAGS, rules: Object.fromEntries(COLOUR_RULES.map((r) => [r, { enabled: false }])), resultTypes: ['violations'] });
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`)).toEqual([]);
}

describe('a check again that fails does not bring the earlier results back as its own', () => {
  it('"Check again" through a handle, the file gone: the verdict says it was not checked again, and the results are from 10:15:00', async () => {
    const user = userEvent.setup();
    const getFile = vi.fn(async () => new File([broken], 'mine.json'));
    vi.stubGlobal('showOpenFilePicker', vi.fn(async () => [{ name: 'mine.json', getFile }]));
    const { container } = render(<StoreContext value={memoryStore()}><Preview /></StoreContext>);
    await user.click(screen.getByLabelText('Scenario file (.json)'));
    expect(await screen.findByText('mine.json: 1 error, 0 warnings.')).toBeTruthy();
    // The trainer edits the file and saves it elsewhere; five minutes later, "Check again".
    at(10, 20, 0);
    getFile.mockRejectedValueOnce(new DOMException('gone', 'NotFoundError'));
    const { said, stop } = watchAnnouncements('[role="status"]', true);
    try {
      screen.getByRole('button', { name: 'Check mine.json again' }).focus();
      await user.keyboard('{Enter}');
      expect((await screen.findByRole('alert')).textContent).toMatch(/^The file mine\.json could not be read again/);
      await waitFor(() => expect(verdict(container)).not.toBe('Checking mine.json…'));
    } finally {
      stop();
    }
    const words = 'Not checked again. The results below are from the earlier check of mine.json, at 10:15:00 (1 error, 0 warnings).';
    expect(verdict(container)).toBe(words);
    // Announced: the check, then that it failed; never the earlier verdict as if new.
    expect(said).toEqual(['Checking mine.json…', words]);
    expect(screen.getByText(/^Results below are for/).textContent).toBe('Results below are for mine.json as checked at 10:15:00, before the check that failed. Choose a file above to check another one.');
    // Its results, still there to work from, with the way to choose it again: the focus on it, where
    // the button pressed was (that button is gone while the check runs; the focus was left on the
    // page's body, and a keyboard user started again from the top).
    expect(screen.getByRole('heading', { name: 'Problems in mine.json' })).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Check again: choose mine.json again' }));
    await axeClean(container);
  });

  it('chosen again through "Check again" (no handle) and refused by the browser: the same, and a check that then reads it is the new one', async () => {
    const user = userEvent.setup();
    const { container, input } = await previewWithValidFile(user, example);
    at(10, 16, 30);
    // The file window opened by "Check again": the file chosen there cannot be read (Chromium's NotReadableError).
    const opened = vi.spyOn(input, 'click').mockImplementation(() => undefined);
    await user.click(screen.getByRole('button', { name: 'Check again: choose mine.json again' }));
    expect(opened).toHaveBeenCalledTimes(1);
    opened.mockRestore();
    const unreadable = new File([example], 'mine.json');
    Object.defineProperty(unreadable, 'arrayBuffer', { value: () => Promise.reject(new DOMException('changed', 'NotReadableError')) });
    await user.upload(input, unreadable);
    expect((await screen.findByRole('alert')).textContent).toMatch(/^The file mine\.json could not be read again/);
    expect(verdict(container)).toBe('Not checked again. The results below are from the earlier check of mine.json, at 10:15:00 (valid).');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Check again: choose mine.json again' }));
    expect(screen.getByText(/^Results below are for/).textContent).toBe('Results below are for mine.json as checked at 10:15:00, before the check that failed. Choose a file above to check another one.');
    await axeClean(container);
    // Chosen once more, readable now: the new check's own verdict, nothing said of the failed one.
    at(10, 17, 0);
    await user.upload(input, new File([example], 'mine.json'));
    await waitFor(() => expect(verdict(container)).toBe('Checked again at 10:17:00: mine.json is valid.'));
    expect(screen.getByText(/^Results below are for/).textContent).toBe('Results below are for mine.json, checked again. Choose a file above to check another one.');
  });

  it('another file that cannot be read: the results shown are said to be still those of the file before, from its check', async () => {
    const user = userEvent.setup();
    const { container, input } = await previewWithValidFile(user, example);
    at(10, 18, 0);
    const unreadable = new File([example], 'other.json');
    Object.defineProperty(unreadable, 'arrayBuffer', { value: () => Promise.reject(new DOMException('changed', 'NotReadableError')) });
    await user.upload(input, unreadable);
    expect((await screen.findByRole('alert')).textContent).toBe('The file other.json could not be read.');
    expect(verdict(container)).toBe('other.json was not checked. The results below are still those of mine.json, from its check at 10:15:00 (valid).');
    expect(screen.getByText(/^Results below are for/).textContent).toBe('Results below are for mine.json as checked at 10:15:00. Choose a file above to check another one.');
  });
});
