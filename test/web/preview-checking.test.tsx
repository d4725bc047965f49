// @vitest-environment jsdom
// While a new check of the file shown runs, the page says only what is true: "Checking <file>…" in
// place of the last check's verdict, and none of its results. They stayed on the page while the
// file's bytes were read (a large file, a slow disk) or its handle opened it: "Checked again at
// 18:49:30: mine.json is valid." and its results read as the new check's, to a trainer and to a
// screen reader. Each check here is held back where it reads the file, as a large file's is.
import { act, cleanup, configure, render, screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import axe from 'axe-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { memoryStore } from '../../src/machines/light.js';
import Preview from '../../src/web/pages/Preview.js';
import { StoreContext } from '../../src/web/store.js';
import example from '../fixtures/good/example.json?raw';
import { AXE_TAGS, COLOUR_RULES } from './helpers/axe-rules.js';
import { watchAnnouncements } from './helpers.js';
import { previewWithValidFile } from './helpers/render-session.js';

// As the other page tests wait: a loaded machine can hold a render up past the default second.
configure({ asyncUtilTimeout: 15_000 });

afterEach(() => {
  vi.unstubAllGlobals();
  cleanup();
});

const broken = example.replace('"estimatedMinutes": 5', '"estimatedMinutes": "five"');

/** A value that comes only when the test lets it (`release`). */
function held<T>(value: T): { promise: Promise<T>; release: () => Promise<void> } {
  let resolve: (v: T) => void = () => {};
  const promise = new Promise<T>((r) => { resolve = r; });
  return {
    promise,
    release: async () => {
      // The held check runs to its end (act waits for its promises and renders).
      await act(async () => {
        resolve(value);
        await promise;
      });
    },
  };
}

/** mine.json with `text` in it, whose bytes come only when the test lets them. */
function slowFile(text: string): { file: File; release: () => Promise<void> } {
  const file = new File([text], 'mine.json');
  const read = held(new TextEncoder().encode(text).buffer);
  Object.defineProperty(file, 'arrayBuffer', { value: () => read.promise });
  return { file, release: read.release };
}

/** What the page says while the check of `name` runs: the check, and nothing of the one before (of mine.json). */
async function saysOnlyChecking(container: HTMLElement, name = 'mine.json'): Promise<void> {
  const verdict = container.querySelector('[role="status"]');
  await waitFor(() => expect(verdict?.textContent).toBe(`Checking ${name}…`));
  const text = container.textContent ?? '';
  expect(text).not.toMatch(/Checked again|is valid|1 error/);
  expect(text).not.toContain('Results below are for');
  expect(screen.queryByRole('heading', { name: /Problems in|No problems found/ })).toBeNull();
  expect(screen.queryByRole('heading', { name: 'House rules of the bundled set' })).toBeNull();
  expect(screen.queryByRole('button', { name: /Play it now|Check .*again|Clear/ })).toBeNull();
  const result = await axe.run(container, { runOnly: AXE_TAGS, rules: Object.fromEntries(COLOUR_RULES.map((r) => [r, { enabled: false }])), resultTypes: ['violations'] });
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`)).toEqual([]);
}

/** Said once each: the check, then its verdict (no verdict of the check before, none twice). */
function saidCheckingThenValid(said: string[]): void {
  expect(said).toHaveLength(2);
  expect(said[0]).toBe('Checking mine.json…');
  expect(said[1]).toMatch(/^Checked again at \d\d:\d\d:\d\d: mine\.json is valid\.$/);
}

describe('a file checked again, while the new check runs', () => {
  it('chosen again in the field: "Checking mine.json…" in place of the last verdict, its results gone, and the new verdict said once', async () => {
    const user = userEvent.setup();
    const { container, input } = await previewWithValidFile(user, example);
    await user.upload(input, new File([example], 'mine.json'));
    expect(await screen.findByText(/^Checked again at \d\d:\d\d:\d\d: mine\.json is valid\.$/)).toBeTruthy();
    // Chosen again once more (the same bytes), its read held back.
    const slow = slowFile(example);
    const { said, stop } = watchAnnouncements('[role="status"]', true);
    try {
      await user.upload(input, slow.file);
      await saysOnlyChecking(container);
      await slow.release();
      await screen.findByRole('heading', { name: 'No problems found in mine.json' });
      expect(screen.getByText(/^Results below are for/).textContent).toBe('Results below are for mine.json, checked again. Choose a file above to check another one.');
      saidCheckingThenValid(said);
    } finally {
      stop();
    }
  });

  it('by its "Check again" (a handle): checking while the file is opened and read, then its results said once and focused, as before', async () => {
    const user = userEvent.setup();
    let next: () => Promise<File> = async () => new File([broken], 'mine.json');
    const getFile = vi.fn(() => next());
    vi.stubGlobal('showOpenFilePicker', vi.fn(async () => [{ name: 'mine.json', getFile }]));
    const { container } = render(<StoreContext value={memoryStore()}><Preview /></StoreContext>);
    await user.click(screen.getByLabelText('Scenario file (.json)'));
    expect(await screen.findByText('mine.json: 1 error, 0 warnings.')).toBeTruthy();
    // The trainer fixes the file; the handle is slow to open it (a network drive).
    const opening = held(new File([example], 'mine.json'));
    next = () => opening.promise;
    const { said, stop } = watchAnnouncements('[role="status"]', true);
    try {
      screen.getByRole('button', { name: 'Check mine.json again' }).focus();
      await user.keyboard('{Enter}');
      await saysOnlyChecking(container);
      await opening.release();
      await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'No problems found in mine.json' })));
      saidCheckingThenValid(said);
    } finally {
      stop();
    }
  });

  it('a file chosen in the window: checking while it is opened; one that cannot be opened is said, and the page does not stay on "Checking"', async () => {
    const user = userEvent.setup();
    const mine = { name: 'mine.json', getFile: async () => new File([example], 'mine.json') };
    // Slow to open (a network drive), and then not there.
    let refuse: () => void = () => {};
    const opening = new Promise<File>((_, reject) => { refuse = () => reject(new DOMException('gone', 'NotFoundError')); });
    opening.catch(() => {});
    const gone = { name: 'other.json', getFile: () => opening };
    vi.stubGlobal('showOpenFilePicker', vi.fn().mockResolvedValueOnce([mine]).mockResolvedValueOnce([gone]));
    const { container } = render(<StoreContext value={memoryStore()}><Preview /></StoreContext>);
    const field = screen.getByLabelText('Scenario file (.json)');
    await user.click(field);
    expect(await screen.findByText('mine.json is valid.')).toBeTruthy();
    await user.click(field);
    await saysOnlyChecking(container, 'other.json');
    await act(async () => {
      refuse();
      await opening.catch(() => {});
    });
    expect((await screen.findByRole('alert')).textContent).toBe('The file other.json could not be read.');
    // The results shown are still those of the file they name, with its own "Check again"; the
    // verdict says so, not "mine.json is valid." announced anew after "Checking other.json…".
    expect(container.querySelector('[role="status"]')?.textContent).toMatch(/^other\.json was not checked\. The results below are still those of mine\.json, from its check at \d\d:\d\d:\d\d \(valid\)\.$/);
    expect(screen.getByText(/^Results below are for/).textContent).toMatch(/^Results below are for mine\.json as checked at \d\d:\d\d:\d\d\. Choose a file above to check another one\.$/);
    expect(screen.getByRole('button', { name: 'Check mine.json again' })).toBeTruthy();
  });
});
