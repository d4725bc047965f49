// @vitest-environment jsdom
// It holds the app's scenario list back, to keep a check running while the trainer chooses another
// file, and adds to it a file of the app's scenarios/ folder not named after its id and a copy of one of them that keeps its id (scenariosReadBy).
import { act, cleanup, configure, render, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { memoryStore } from '../../src/machines/light.js';
import Preview from '../../src/web/pages/Preview.js';
import { StoreContext } from '../../src/web/store.js';
import example from '../fixtures/good/example.json?raw';
import { MAX_MARKUP_TEXTS } from '../../src/machines/validate/markup.js';
import axe from 'axe-core';
import { AXE_TAGS, COLOUR_RULES } from './helpers/axe-rules.js';
import { renderApp, scenariosReadBy } from './helpers.js';

// While set, every check waits for it (in the middle of checking, after "Checking …" is shown).
let hold: Promise<void> | undefined;
// Waits as long as the other page tests do (test/web/helpers.tsx): a loaded machine can hold a
// render up past Testing Library's default second.
configure({ asyncUtilTimeout: 15_000 });

// A file of the app's scenarios/ folder named otherwise than its id (example-new-phone), as a trainer who copied one may leave it.
const MISNAMED = { file: 'first-court-date.json', text: example };
// One whose lines are written with Markdown's marks, more than are listed one by one (a fix then says to check it again).
const MARKED = { file: 'marked-lines.json', text: (() => {
  const data = JSON.parse(example) as { id: string; nodes: { lines?: unknown[] }[] };
  data.id = 'marked-lines';
  data.nodes[0]!.lines = Array.from({ length: MAX_MARKUP_TEXTS + 1 }, (_, i) => ({ character: 'jade', text: `${i} How are *you* doing?` }));
  return JSON.stringify(data, null, 2);
})() };

// A copy of one of the app's scenarios put in its scenarios/ folder, its id kept, its title changed.
const COPY = { file: 'court-report-copy.json', title: "Writing Lupe's court report (our copy)" };

// The check's look for another file of the app with the same id (sameIdInApp) reads the list.
scenariosReadBy(async (builtIn) => {
  if (hold) await hold;
  const texts = await builtIn();
  const original = texts.find((t) => t.file === 'court-report.json');
  const copy = { file: COPY.file, text: original?.text.replace(/"title": "[^"]*"/, `"title": ${JSON.stringify(COPY.title)}`) ?? '' };
  return [...texts, MISNAMED, MARKED, copy];
});

afterEach(cleanup);

/** Starts checking first.json and leaves it running; returns what lets it go on. */
async function checkHeldBack(input: HTMLElement, user: ReturnType<typeof userEvent.setup>): Promise<() => Promise<void>> {
  let release = () => {};
  const held = new Promise<void>((resolve) => { release = resolve; });
  hold = held;
  await user.upload(input, new File([example], 'first.json'));
  expect(await screen.findByText('Checking first.json…')).toBeTruthy();
  hold = undefined;
  return async () => {
    // The held check runs to its end (act waits for its promises and renders).
    await act(async () => {
      release();
      await held;
    });
  };
}

/** Renders the page, starts checking first.json and holds it, chooses `file` meanwhile, then lets the first check end. */
async function chooseWhileChecking(file: File): Promise<void> {
  const user = userEvent.setup();
  render(<StoreContext value={memoryStore()}><Preview /></StoreContext>);
  const input = screen.getByLabelText('Scenario file (.json)');
  const goOn = await checkHeldBack(input, user);
  await user.upload(input, file);
  await goOn();
}

describe('a check still running when the trainer chooses another file', () => {
  it('a file too large to read, chosen meanwhile, shows its result, not "Checking first.json…" for ever', async () => {
    const huge = new File(['{}'], 'huge.json');
    Object.defineProperty(huge, 'size', { value: 200 * 1024 * 1024 });
    await chooseWhileChecking(huge);
    expect(screen.queryByText(/Checking/)).toBeNull();
    expect(screen.getByText('huge.json: 1 error, 0 warnings.')).toBeTruthy();
    expect(screen.queryByText(/first\.json/)).toBeNull();
  });

  it('a file that cannot be read, chosen meanwhile, says so, with no "Checking first.json…" beside it', async () => {
    const gone = new File(['{}'], 'gone.json');
    Object.defineProperty(gone, 'arrayBuffer', { value: () => Promise.reject(new Error('NotReadableError')) });
    await chooseWhileChecking(gone);
    expect(screen.getByText('The file gone.json could not be read.')).toBeTruthy();
    expect(screen.queryByText(/Checking/)).toBeNull();
  });
});

// Such a file was warned of in the terminal's words, on a page: "which "npx casa-practice play <id>"
// looks for", a command for a trainer who may have no terminal.
describe("an app's own file not named after its id", () => {
  it('is warned of without a terminal command: what looks for it by that name is the app\'s terminal version', async () => {
    render(<StoreContext value={memoryStore()}><Preview file={MISNAMED.file} /></StoreContext>);
    expect(await screen.findByText(/^first-court-date\.json is valid \(1 warning\)/)).toBeTruthy();
    expect(screen.getByText(/^The scenario's id is/).textContent).toBe('The scenario\'s id is "example-new-phone", but the file is named "first-court-date.json": in the scenarios folder a file is named after its id, which the app\'s terminal version (a program run by typing commands) looks for.');
    expect(screen.getByText(/^Problems in/).closest('section')?.textContent).not.toMatch(/casa-practice|npx|npm|play </);
  });
});

// A fix that says to check the file again named “Check again”, which is not on the page for one of
// the app's files: there it is its button “Check <file>” in the folded list of the app's files.
describe("an app's own file whose fix says to check it again", () => {
  it('names the button that checks it, where the page has it', async () => {
    render(<StoreContext value={memoryStore()}><Preview file={MARKED.file} /></StoreContext>);
    const fix = await screen.findByText(/to see the rest\.$/);
    expect(fix.textContent).toBe(`Fix: Write them without the marks, as the warnings above say; check it again (“Check ${MARKED.file}”, under “Or check a file from the app's scenarios/ folder”) to see the rest.`);
    const list = screen.getByText("Or check a file from the app's scenarios/ folder");
    expect(list.tagName).toBe('SUMMARY');
    expect(within(list.parentElement!).getByRole('button', { name: `Check ${MARKED.file}`, hidden: true })).toBeTruthy();
  });
});

// Such a file was warned of on the page in the terminal's words: "in the scenarios folder saved
// progress and completion records … are kept by scenario id, so the two would share them, and the
// picker would list both", of the terminal's picker and its saves.
describe("an app's own file with the id of another of the app's files", () => {
  it('is told what this app does with the two: the Scenarios page opens one of them, and this browser keeps one save and one set of records between them', async () => {
    render(<StoreContext value={memoryStore()}><Preview file={COPY.file} /></StoreContext>);
    const item = (await screen.findByText(/\[duplicate-scenario-id\]/)).closest('li') as HTMLElement;
    expect(within(item).getByText(/^The app's/).textContent).toBe('The app\'s scenario file "scenarios/court-report.json" has the id "court-report" too: the Scenarios page would open only one of the two (this app opens a scenario by its id), and this browser would keep one saved playthrough and one set of completion records (best score, times finished) between them.');
    expect(item.textContent).toContain('Fix: Give this scenario an id of its own');
  });

  it('what it says of the Scenarios page is so: the two cards open one address', async () => {
    // Each card is its file's (keyed by id, React was told two cards were one, and said so).
    const errors = vi.spyOn(console, 'error');
    try {
      renderApp('#/');
      const copy = await screen.findByRole('link', { name: `Practise: ${COPY.title}` });
      expect(copy.getAttribute('href')).toBe(screen.getByRole('link', { name: "Practise: Writing Lupe's court report" }).getAttribute('href'));
      expect(errors.mock.calls.flat().join(' ')).not.toMatch(/same key/);
    } finally {
      errors.mockRestore();
    }
  });

  // The two cards said nothing of it: a trainer who dropped a copy into scenarios/ saw two cards that open one scenario.
  it('the Scenarios page says so on both cards: which file each opens, what they share, and where the fix is checked', async () => {
    renderApp('#/');
    const copyCard = (await screen.findByRole('link', { name: `Practise: ${COPY.title}` })).closest('li') as HTMLElement;
    const originalCard = screen.getByRole('link', { name: "Practise: Writing Lupe's court report" }).closest('li') as HTMLElement;
    const kept = 'one saved playthrough and one set of completion records (best score, times finished) are kept for both. Give one of them an id of its own: Check court-report-copy.json on the Preview page.';
    expect(within(copyCard).getByText(/has this scenario's id/).textContent).toBe(`court-report.json has this scenario's id, "court-report", too. In this browser a scenario opens by its id, so this card opens court-report.json, not court-report-copy.json, and ${kept}`);
    expect(within(originalCard).getByText(/has this scenario's id/).textContent).toBe(`court-report-copy.json has this scenario's id, "court-report", too. In this browser a scenario opens by its id, so only this file, court-report.json, is played, and ${kept}`);
    // Both link to the check of the copy: the Preview leaves the warning to the file not named after the id.
    for (const card of [copyCard, originalCard]) expect(within(card).getByRole('link', { name: 'Check court-report-copy.json on the Preview page' }).getAttribute('href')).toBe('#/preview/court-report-copy.json');
    // No other card says it (the misnamed file has an id of its own).
    expect(screen.getAllByText(/has this scenario's id/)).toHaveLength(2);
    // jsdom lays nothing out: the colour rules are the browser tests' (a link in the text is underlined there).
    const result = await axe.run(copyCard, { runOnly: AXE_TAGS, rules: Object.fromEntries(COLOUR_RULES.map((r) => [r, { enabled: false }])), resultTypes: ['violations'] });
    expect(result.violations.map((v) => v.id)).toEqual([]);
  });
});
