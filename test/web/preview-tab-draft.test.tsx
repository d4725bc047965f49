// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { memoryStore } from '../../src/machines/index.js';
import { App } from '../../src/web/App.js';
import { TAB_DRAFT_DAMAGED } from '../../src/web/pages/Preview.js';
import { TAB_DRAFT_KEY, type TabStorage } from '../../src/web/tab-draft.js';
import example from '../fixtures/good/example.json?raw';

afterEach(() => {
  cleanup();
  sessionStorage.clear();
  vi.unstubAllGlobals();
});

/** The app at the Preview page over a store of its own (a reload: nothing of the last page load's memory), with the tab's storage given. */
function openPreview(tab: TabStorage | undefined = sessionStorage) {
  window.location.hash = '#/preview';
  return render(<App store={memoryStore()} tab={tab} />);
}

/** The page reloaded: the app drawn anew over a new store (the page's memory gone), the tab's storage kept. */
function reload(tab: TabStorage | undefined = sessionStorage) {
  cleanup();
  return openPreview(tab);
}

const BROKEN = example.replace('"estimatedMinutes": 5', '"estimatedMinutes": "five"');
const problems = () => [...document.querySelectorAll('.problems > li')].map((li) => li.textContent);

describe("the Preview keeps the trainer's draft for the tab", () => {
  // A trainer who reloaded the page (or opened Preview again from the navigation) lost the draft they
  // had pasted and had to find the file again: the page kept it for its history entry only.
  it('a reload shows the file as last checked, its findings, and a Check again that opens the file window', async () => {
    const user = userEvent.setup();
    const stored = { ...localStorage };
    openPreview();
    await user.upload(await screen.findByLabelText('Scenario file (.json)'), new File([BROKEN], 'mine.json'));
    await screen.findByRole('heading', { level: 2, name: 'Problems in mine.json' });
    const found = problems();
    expect(found).toHaveLength(1);
    expect(await screen.findByText(/^This tab keeps a copy of mine\.json until you close it/)).toBeTruthy();

    reload();
    await screen.findByRole('heading', { level: 2, name: 'Problems in mine.json' });
    expect(problems()).toEqual(found);
    expect(screen.getByText(/^Results below are for/).textContent).toMatch(/^Results below are for mine\.json as checked at \d\d:\d\d:\d\d\. Choose a file above to check another one\.$/);
    expect(screen.getByRole('status').textContent).toBe('mine.json: 1 error, 0 warnings.');
    // The page holds a copy, not the file: Check again opens the file window, and says why.
    const again = screen.getByRole('button', { name: 'Check again: choose mine.json again' });
    expect(again.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(again.getAttribute('aria-describedby') as string)?.textContent).toBe('The page shows the copy of mine.json this tab kept, not the file itself, so the file window opens for you to choose it again.');
    const field = screen.getByLabelText('Scenario file (.json)') as HTMLInputElement;
    const opened = vi.spyOn(field, 'click').mockImplementation(() => undefined);
    await user.click(again);
    expect(opened).toHaveBeenCalledTimes(1);
    opened.mockRestore();
    // The file chosen there, fixed: checked again.
    await user.upload(field, new File([example], 'mine.json'));
    expect(await screen.findByText(/^Checked again at \d\d:\d\d:\d\d: mine\.json is valid\.$/)).toBeTruthy();
    // And the fixed file is the one a reload shows now.
    reload();
    await screen.findByRole('heading', { level: 2, name: 'No problems found in mine.json' });
    // Only the tab's storage holds it: nothing in the browser's lasting storage.
    expect({ ...localStorage }).toEqual(stored);
  });

  it('opened again from the navigation in the same page load, shows the file with its handle: Check again reads the file itself', async () => {
    const user = userEvent.setup();
    let onDisk = BROKEN;
    const getFile = vi.fn(async () => new File([onDisk], 'mine.json'));
    vi.stubGlobal('showOpenFilePicker', vi.fn(async () => [{ name: 'mine.json', getFile }]));
    openPreview();
    await user.click(await screen.findByLabelText('Scenario file (.json)'));
    await screen.findByRole('heading', { level: 2, name: 'Problems in mine.json' });
    // One of the app's files, then Preview from the navigation: a new page, not Back.
    await user.click(screen.getByText("Or check a file from the app's scenarios/ folder"));
    await user.click(screen.getByRole('button', { name: 'Check court-report.json' }));
    await screen.findByRole('heading', { level: 2, name: 'No problems found in court-report.json' });
    await user.click(within(screen.getByRole('navigation', { name: /./ })).getByRole('link', { name: 'Preview a file' }));
    await waitFor(() => expect(location.hash).toBe('#/preview'));
    await screen.findByRole('heading', { level: 2, name: 'Problems in mine.json' });
    onDisk = example;
    await user.click(screen.getByRole('button', { name: 'Check mine.json again' }));
    expect(await screen.findByText(/^Checked again at \d\d:\d\d:\d\d: mine\.json is valid\.$/)).toBeTruthy();
    expect(getFile).toHaveBeenCalledTimes(2);
  });

  it('"Clear mine.json from this page" forgets it, says so, and puts the focus on the file field; a reload then starts empty', async () => {
    const user = userEvent.setup();
    openPreview();
    await user.upload(await screen.findByLabelText('Scenario file (.json)'), new File([BROKEN], 'mine.json'));
    await screen.findByRole('heading', { level: 2, name: 'Problems in mine.json' });
    await user.click(await screen.findByRole('button', { name: 'Clear mine.json from this page' }));
    expect(screen.queryByRole('heading', { level: 2, name: /mine\.json/ })).toBeNull();
    expect(screen.queryByText(/^Results below are for/)).toBeNull();
    expect(screen.getByRole('status').textContent).toBe('Cleared: the page no longer shows or keeps mine.json. The file on your device is not changed.');
    expect(document.activeElement).toBe(screen.getByLabelText('Scenario file (.json)'));
    expect(sessionStorage.getItem(TAB_DRAFT_KEY)).toBeNull();
    reload();
    await screen.findByRole('heading', { level: 1, name: 'Preview a scenario file' });
    await screen.findByText("Or check a file from the app's scenarios/ folder");
    expect(screen.queryByRole('heading', { level: 2, name: /mine\.json/ })).toBeNull();
  });

  it('a damaged copy in the tab (not JSON, wrong fields, a time no clock shows) is left out, said in plain words, and removed; the page works', async () => {
    const user = userEvent.setup();
    for (const damaged of ['{not json', JSON.stringify({ v: 1, name: 'mine.json', at: '12:00:00', bytes: '%%%' }), JSON.stringify({ v: 1, name: 'mine.json' }), '"a string"', 'null',
      // A time of day no clock shows: it was shown as "checked at 99:99:99".
      JSON.stringify({ v: 1, name: 'mine.json', at: '99:99:99', bytes: 'e30=' }), JSON.stringify({ v: 1, name: 'mine.json', at: '24:00:00', bytes: 'e30=' })]) {
      sessionStorage.setItem(TAB_DRAFT_KEY, damaged);
      openPreview();
      expect((await screen.findByRole('alert')).textContent, damaged).toBe(TAB_DRAFT_DAMAGED);
      expect(screen.queryByRole('heading', { level: 2, name: /mine\.json/ })).toBeNull();
      expect(sessionStorage.getItem(TAB_DRAFT_KEY), damaged).toBeNull();
      cleanup();
    }
    // Opened again, nothing is said: the damaged copy is gone.
    openPreview();
    await screen.findByText("Or check a file from the app's scenarios/ folder");
    expect(screen.queryByRole('alert')).toBeNull();
    // And a file opened now is checked and kept as ever.
    await user.upload(screen.getByLabelText('Scenario file (.json)'), new File([example], 'mine.json'));
    await screen.findByRole('heading', { level: 2, name: 'No problems found in mine.json' });
    expect(screen.queryByRole('alert')).toBeNull();
    // Kept once the check is done (its house rules too, which a busy machine finishes after the verdict shows).
    await waitFor(() => expect(sessionStorage.getItem(TAB_DRAFT_KEY)).toContain('mine.json'));
  });

  it('a tab that refuses to keep the copy (storage full or off) says so beside the file, and nothing breaks', async () => {
    const user = userEvent.setup();
    const refusing: TabStorage = { getItem: () => null, setItem: () => { throw new DOMException('full', 'QuotaExceededError'); }, removeItem: () => undefined };
    openPreview(refusing);
    await user.upload(await screen.findByLabelText('Scenario file (.json)'), new File([example], 'mine.json'));
    await screen.findByRole('heading', { level: 2, name: 'No problems found in mine.json' });
    expect(await screen.findByText('This browser would not let the tab keep a copy of mine.json, so after a reload you open it again.')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('keeps nothing for another tab: a tab of its own starts empty', async () => {
    const user = userEvent.setup();
    openPreview();
    await user.upload(await screen.findByLabelText('Scenario file (.json)'), new File([BROKEN], 'mine.json'));
    await screen.findByRole('heading', { level: 2, name: 'Problems in mine.json' });
    const otherTab = new Map<string, string>();
    reload({ getItem: (k) => otherTab.get(k) ?? null, setItem: (k, v) => void otherTab.set(k, v), removeItem: (k) => void otherTab.delete(k) });
    await screen.findByText("Or check a file from the app's scenarios/ folder");
    await act(async () => undefined);
    expect(screen.queryByRole('heading', { level: 2, name: /mine\.json/ })).toBeNull();
  });
});
