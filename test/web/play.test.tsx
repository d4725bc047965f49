// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { memoryStore } from '../../src/machines/light.js';
import { startSession, TOO_SOON_WORDS, validateScenario, type Debrief as DebriefData } from '../../src/machines/index.js';
import { BACK_IN_DEBRIEF, Debrief } from '../../src/web/components/Debrief.js';
import { UNDONE_WORDS, WELCOME_BACK, WHAT_IF_NOTE } from '../../src/web/components/Session.js';
import { SAVE_DAMAGED, SAVE_OUTDATED } from '../../src/web/storage-words.js';
import { renderPractice } from './helpers/render-session.js';
import { localStore } from '../../src/web/adapters/local-store.js';
import exampleText from '../fixtures/good/example.json?raw';
import { PHONE_REASON, reasonedPhoneText } from '../helpers/fixtures.js';
import { announcedDuring, atFirstDecision, captureDownloads, openFromFirstPage, playToDebrief, readAloud, renderApp, watchAnnouncements, replyKey } from './helpers.js';

afterEach(cleanup);

/** The app opened at `hash` in a new store, with the first reply given (key 1): its save is there. */
async function firstReplyAt(hash: string) {
  const user = userEvent.setup();
  const store = memoryStore();
  const app = renderApp(hash, store);
  await screen.findByRole('group', { name: /./ });
  await replyKey(user, '1');
  return { user, store, app };
}

/** A save as another tab left it after a reply more (the first repeated: the tab only compares). */
function wentOn(mine: string) {
  const slot = JSON.parse(mine) as { activeMs?: number; session: { snapshot: { context: { transcript: unknown[] } } } };
  const { snapshot } = slot.session;
  return { ...slot, session: { ...slot.session, snapshot: { ...snapshot, context: { ...snapshot.context, transcript: [...snapshot.context.transcript, snapshot.context.transcript[0]] } } } };
}

/** The page hidden or shown again (another tab, the laptop closed), as the browser tells it. */
function pageShown(state: 'hidden' | 'visible') {
  Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });
  act(() => void document.dispatchEvent(new Event('visibilitychange')));
}

/** The other tab writes `theirs` into the save under `name`; the browser tells this tab with a storage event. */
function otherTabWrites(name: string, theirs: string) {
  const before = window.localStorage.getItem(name);
  window.localStorage.setItem(name, theirs);
  act(() => void window.dispatchEvent(new StorageEvent('storage', { key: name, oldValue: before, newValue: theirs, storageArea: window.localStorage })));
}

/**
 * Opens the app as a page is opened, with its address already there (renderApp's own change of
 * address would reach the app as a hashchange after the page has moved its address on).
 */
async function openAt(hash: string, store: ReturnType<typeof memoryStore>) {
  const arrived = new Promise((resolve) => addEventListener('hashchange', resolve, { once: true }));
  location.hash = hash;
  await arrived;
  return renderApp(hash, store);
}

/** What every live region of the page (statuses, polite regions, the conversation's log, alerts) says while `act` runs. */
/**
 * Enter on the focused "Back to your debrief": the volunteer's own debrief back, the focus on the
 * what-if pressed (its text `pressed`), and "Back in your debrief." said once, the only words any live
 * region of the page says meanwhile.
 */
async function backSaysOnce(user: ReturnType<typeof userEvent.setup>, pressed: string | null | undefined): Promise<void> {
  const said = await liveDuring(async () => {
    await user.keyboard('{Enter}');
    await screen.findByRole('heading', { level: 1, name: /^Debrief: / });
    await vi.waitFor(() => expect(document.activeElement?.textContent).toBe(pressed));
    await screen.findByText(BACK_IN_DEBRIEF);
  });
  expect(said).toEqual([BACK_IN_DEBRIEF]);
}

async function liveDuring(act: () => Promise<unknown>): Promise<string[]> {
  const watch = watchAnnouncements('[role="status"], [aria-live]:not([aria-live="off"]), [role="log"], [role="alert"]');
  try {
    await act();
  } finally {
    watch.stop();
  }
  return watch.said;
}

describe('playing a scenario in the browser', () => {
  let finishedOnce: { data: Record<string, string>; score?: string | null; outcome: string | null; whatIfs: number } | undefined;
  /** Keeps, the first time, what a practice playthrough of youth-discloses with 1 at every decision left in `store` (a new one) and shows at its debrief (afterYouthDiscloses). */
  function keepFinished(store: ReturnType<typeof memoryStore>) {
    finishedOnce ??= {
      data: Object.fromEntries([...store.data].map(([k, v]) => [k, v.text])),
      score: screen.getByText(/^Score:/).parentElement?.textContent,
      outcome: screen.getByRole('heading', { name: /^Outcome: / }).textContent,
      whatIfs: screen.getAllByRole('button', { name: /What if: replay from here/ }).length,
    };
  }

  // A newcomer opened a scenario and pressed 2: nothing, the focus being on the page (opened from its
  // address) or on the main content (from the first page), and the keys acting only in the decision,
  // until two Tabs put the focus there. They act from the moment the decision is shown, wherever the
  // focus is, except in a text field or with a question open; and since a key that acts from anywhere
  // can be typed by speech software or pressed by mistake (WCAG 2.1.4), a checkbox after the replies
  // turns them off for this browser, and on again.
  it('takes the reply keys wherever the focus is on the page, from the moment the decision is shown; not in a text field or with a question open; turned off and on by the checkbox after the replies', async () => {
    const user = userEvent.setup();
    renderApp('#/play/youth-discloses');
    await screen.findByRole('group', { name: /./ });
    const said = () => screen.queryAllByText(/^You( do)?:$/).length;
    const key = () => document.querySelector('.replies button.reply:not(:disabled)')?.getAttribute('aria-keyshortcuts') as string;
    expect(document.getElementById('reply-keys')?.textContent).toMatch(/^Press \d( to \d|, \d| or \d)/);
    // The page, as opened from its address: the focus on nothing.
    expect(document.activeElement).toBe(document.body);
    await user.keyboard(key());
    expect(said()).toBe(1);
    // Undone (practice): back at the decision, and a key answers from anywhere on the page.
    // The main content (focused on arriving from the first page) and a control elsewhere (a link of the navigation).
    const places = () => [document.getElementById('main') as HTMLElement, screen.getByRole('link', { name: 'My records' })];
    for (const [i] of places().entries()) {
      await user.click(screen.getByRole('button', { name: 'Undo last reply' }));
      expect(said()).toBe(0);
      const place = places()[i] as HTMLElement;
      act(() => place.focus());
      expect(document.activeElement).toBe(place);
      await user.keyboard(key());
      expect(said(), place.textContent ?? place.tagName).toBe(1);
    }
    await user.click(screen.getByRole('button', { name: 'Undo last reply' }));
    // Typing in a text field: its keys are its own.
    const field = document.createElement('input');
    document.body.append(field);
    try {
      act(() => field.focus());
      await user.keyboard(key());
      expect(field.value).toBe(key());
      expect(said()).toBe(0);
    } finally {
      field.remove();
    }
    // Turned off: no key answers, anywhere, and the hint is gone; the checkbox keeps the choice for this browser.
    const box = within(screen.getByRole('group', { name: /./ })).getByRole('checkbox', { name: 'Number keys choose a reply' });
    expect((box as HTMLInputElement).checked).toBe(true);
    const on = key();
    const shortcuts = () => [...document.querySelectorAll('.replies button.reply')].map((b) => b.getAttribute('aria-keyshortcuts'));
    expect(shortcuts().every((k) => k !== null)).toBe(true);
    await user.click(box);
    expect(localStorage.getItem('casa-practice-reply-keys')).toBe('off');
    expect(document.getElementById('reply-keys')).toBeNull();
    // Nor do the replies name a key to a screen reader (aria-keyshortcuts, read as "shortcut 1"): they
    // still did, for keys that did nothing.
    expect(shortcuts().every((k) => k === null)).toBe(true);
    for (const place of [screen.getByRole('button', { name: 'Take a break' }), document.querySelector<HTMLElement>('.replies button.reply:not(:disabled)') as HTMLElement]) {
      act(() => place.focus());
      await user.keyboard(on);
      expect(said()).toBe(0);
    }
    // On again.
    await user.click(screen.getByRole('checkbox', { name: 'Number keys choose a reply' }));
    expect(localStorage.getItem('casa-practice-reply-keys')).toBeNull();
    expect(key()).toBe(on);
    await user.keyboard(key());
    expect(said()).toBe(1);
    // A question open (Start again?, at the next decision): a number is no answer to the decision behind it.
    for (let step = 0; !screen.queryByRole('group', { name: /./ }); step++) {
      if (step > 20) throw new Error('no second decision');
      await user.click(screen.getByRole('button', { name: 'Continue' }));
    }
    await user.click(screen.getByRole('button', { name: 'Start again from the beginning' }));
    const question = screen.getByRole('group', { name: 'Start again from the beginning?' });
    await user.keyboard(key());
    expect(question.isConnected).toBe(true);
    expect(said()).toBe(1);
  });

  it('plays to the debrief by keyboard alone, with focus on the new content after each reply', async () => {
    const user = userEvent.setup();
    const store = memoryStore();
    renderApp('#/play/youth-discloses', store);
    const log = await screen.findByRole('log');
    expect(log).toBeTruthy();
    // Wait for the first decision, then reply by its number key.
    await screen.findByRole('group', { name: /what do you say or do|./i });
    const before = log.querySelectorAll('.moment').length;
    await replyKey(user, '1');
    expect(log.querySelectorAll('.moment').length).toBeGreaterThan(before);
    // Focus moved, synchronously with the reply, onto the newest moment's heading.
    const moments = log.querySelectorAll('.moment');
    expect(document.activeElement).toBe(moments[moments.length - 1]?.querySelector('.moment-heading'));
    // The reply is in the transcript, attributed to the volunteer, with feedback (practice mode).
    expect(within(log).getAllByText(/^You( do)?:$/).length).toBe(1);
    expect(within(log).getAllByText('Feedback').length).toBe(1);
    const replies = 1 + (await playToDebrief(user));
    const heading = screen.getByRole('heading', { level: 1, name: /^Debrief:/ });
    expect(document.activeElement).toBe(heading);
    expect(screen.getByRole('heading', { name: /^Outcome: / })).toBeTruthy();
    // The replies are shuffled per playthrough, so the score differs from run to run: "1 point below
    // zero" (words.ts scoreWords) failed, now and then, a pattern that allowed only "points".
    expect(screen.getByText(/^Score:/).parentElement?.textContent).toMatch(/^Score: \d+% \((\d+ of \d+ points|\d+ points? below zero, of \d+ possible)/);
    expect(screen.getByRole('heading', { name: 'Critical violations' })).toBeTruthy();
    expect(screen.getAllByRole('button', { name: /What if: replay from here/ })).toHaveLength(replies);
    // Each what-if button says which decision it goes back to, by number and title: unique even where
    // a trainer's own file gives two decisions the same title.
    const whatIfs = screen.getAllByRole('button', { name: /What if: replay from here/ }).map((b) => b.textContent);
    expect(whatIfs.map((n, i) => n?.startsWith(`What if: replay from here (decision ${i + 1}: `))).toEqual(whatIfs.map(() => true));
    // Each region has its own name in a screen reader's list of landmarks (a table's scroll region inside its section too).
    const regionNames = screen.getAllByRole('region').map((r) => r.getAttribute('aria-label') ?? document.getElementById(r.getAttribute('aria-labelledby') ?? '')?.textContent);
    expect(regionNames.length).toBeGreaterThan(4);
    expect(regionNames.filter((n, i) => regionNames.indexOf(n) !== i)).toEqual([]);
    // Finished: the save is gone and the completion recorded, with a history entry for My records.
    expect(store.read('saves/youth-discloses.json')).toBeUndefined();
    const records = JSON.parse(store.read('records.json') ?? '{}');
    expect(records.best['youth-discloses']?.completions).toBe(1);
    expect(records.playthroughs).toHaveLength(1);
    expect(records.playthroughs[0].mode).toBe('practice');
    expect(records.playthroughs[0].decisions).toHaveLength(replies);
    keepFinished(store);
    // What if: back at the second decision, with the first reply kept; not recorded again.
    await user.click(screen.getAllByRole('button', { name: /What if: replay from here/ })[1] as HTMLElement);
    expect(screen.getByText(/^What if: you are back at an earlier decision/)).toBeTruthy();
    expect(screen.getByText(/^Decision 2 of about/)).toBeTruthy();
    expect(within(screen.getByRole('log')).getAllByText(/^You( do)?:$/).length).toBe(1);
    await playToDebrief(user);
    expect(JSON.parse(store.read('records.json') ?? '{}').playthroughs).toHaveLength(1);
  });

  it("opening a scenario from the first page leaves focus in the new page's content, not on the body", async () => {
    const user = userEvent.setup();
    await openFromFirstPage(user, /^Practise: What Kiara tells you$/, 'What Kiara tells you');
    // The link is gone with the first page: focus is on the main content, where a screen reader
    // goes on reading, and Tab goes on from there.
    expect(document.activeElement).toBe(document.getElementById('main'));
    // The focus went there while the scenario was still opening (all the main content said was
    // "Loading…"): once it has, it is named once, by its heading (test/web/page-failure.test.tsx).
    const said = () => [...document.querySelectorAll('[aria-live="polite"]')].filter((r) => !document.getElementById('main')?.contains(r)).map((r) => r.textContent).join('');
    await waitFor(() => expect(said()).toBe('Now showing: What Kiara tells you.'));
    // A link of the navigation stays where it was, and keeps focus; the page it opened is named once
    // in a polite region (a screen reader says nothing of a focused link or a new title).
    const nav = screen.getByRole('link', { name: 'My records' });
    nav.focus();
    await user.keyboard('{Enter}');
    await screen.findByRole('heading', { level: 1, name: 'My records' });
    expect(document.activeElement).toBe(nav);
    expect(said()).toBe('Now showing: My records.');
  });

  it('the conversation is found by its headings, not by a landmark per moment named "Scene" alike', async () => {
    const user = userEvent.setup();
    renderApp('#/play/youth-discloses');
    const log = await screen.findByRole('log', { name: 'Conversation' });
    await screen.findByRole('group', { name: /./ });
    for (let i = 0; i < 4; i++) {
      if (screen.queryByRole('group', { name: /./ })) await replyKey(user, '1');
      else await user.click(screen.getByRole('button', { name: 'Continue' }));
    }
    const headings = within(log).getAllByRole('heading', { level: 3 });
    expect(headings.length).toBeGreaterThan(3);
    expect(within(log).queryAllByRole('region')).toEqual([]);
    // Several of this scenario's scenes have no title: as landmarks they were all "Scene", and their
    // headings were too. Each is headed by its number in the playthrough, the titled scenes counted.
    const untitled = headings.map((h) => h.textContent ?? '').filter((t) => /^Scene\b/.test(t));
    expect(untitled.length).toBeGreaterThan(1);
    expect(untitled.every((t) => /^Scene \d+$/.test(t))).toBe(true);
    expect(new Set(untitled).size).toBe(untitled.length);
  });

  it('saves on every step and resumes after the page is opened again', async () => {
    const { user, store, page: first } = await atFirstDecision();
    await replyKey(user, '2');
    const saved = store.read('saves/youth-discloses.json');
    expect(saved).toBeDefined();
    expect(JSON.parse(saved ?? '{}').session.snapshot.context.transcript).toHaveLength(1);
    await user.keyboard('{Enter}');
    const before = screen.getByRole('log').textContent;
    const chosen = within(screen.getByRole('log')).getByText(/^You( do)?:$/).parentElement?.textContent;
    first.unmount();

    // Announced once by screen readers, as the page opens.
    const announced = await announcedDuring(async () => {
      renderApp('#/play/youth-discloses', store);
      await screen.findByText(/Welcome back/);
    });
    expect(announced.filter((t) => t.startsWith('Welcome back'))).toEqual(['Welcome back: you are where you left off.']);
    const log = screen.getByRole('log');
    // The whole conversation so far is shown again as it was (scenes, the reply and its feedback),
    // and the session continues from the same place.
    expect(log.textContent).toContain(chosen?.replace(/^You( do)?:\s*/, '') ?? 'missing');
    // ("Welcome back" is said where the page opens, in the conversation: welcome-back.test.tsx.)
    expect(log.textContent?.replace(WELCOME_BACK, '')).toBe(before);
    expect(within(log).queryByText('Earlier in this conversation')).toBeNull();
    // The welcome is for the moment the save opens: it goes at the next step.
    const next = screen.queryByRole('button', { name: 'Continue' });
    if (next) await user.click(next);
    else await replyKey(user, '1');
    expect(screen.queryByText(/Welcome back/)).toBeNull();
  });

  /** Opens trafficker-contact with `store`, goes on past its first scene and makes one reply (saved): a save to come back to. */
  async function playOneReply(store: ReturnType<typeof memoryStore>) {
    const user = userEvent.setup();
    const page = renderApp('#/play/trafficker-contact', store);
    await user.click(await screen.findByRole('button', { name: 'Continue' }));
    await screen.findByRole('group', { name: /./ });
    await replyKey(user, '1');
    await screen.findByRole('button', { name: 'Continue' });
    return page;
  }

  it('opened again, a save goes to where the volunteer left off: focus on its newest moment, not the top of the conversation', async () => {
    const store = memoryStore();
    const first = await playOneReply(store);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Continue' }));
    const where = document.querySelector('#transcript .moment:last-of-type .moment-heading')?.textContent;
    first.unmount();

    renderApp('#/play/trafficker-contact', store);
    await screen.findByText(/Welcome back/);
    const moments = screen.getByRole('log').querySelectorAll('.moment');
    expect(moments.length).toBeGreaterThan(2);
    await vi.waitFor(() => expect(document.activeElement).toBe(moments[moments.length - 1]?.querySelector('.moment-heading')));
    expect(document.activeElement?.textContent).toBe(where);
  });

  it('on the first page, a scenario with a save says where it stopped and when, in the terminal\'s words (the core\'s continueChoices)', async () => {
    const store = memoryStore();
    (await playOneReply(store)).unmount();

    renderApp('#/', store);
    const link = await screen.findByRole('link', { name: /^Continue where you stopped/ });
    expect(link.textContent).toBe('Continue where you stopped (1 reply made, practice, saved just now)');
    expect(link.getAttribute('aria-label')).toBe('Continue where you stopped (1 reply made, practice, saved just now): A text from her “cousin”');
  });

  // The first page left open (a volunteer who went back to the scenarios and then to lunch) went on
  // saying "saved just now" hours later: its words were made once, when the saves were read.
  it("on the first page left open, says when a save was made as of the volunteer's return, not of the page's opening", async () => {
    const store = memoryStore();
    (await playOneReply(store)).unmount();
    renderApp('#/', store);
    const section = await screen.findByRole('region', { name: 'In progress' });
    expect(section.querySelector('li')?.textContent).toBe('Continue: A text from her “cousin” (1 reply made, practice, saved just now)');
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 2 * 60 * 60_000 + 5_000);
      // Back at the page: its window has the focus again (or the page is shown again).
      await act(async () => window.dispatchEvent(new FocusEvent('focus')));
      expect(section.querySelector('li')?.textContent).toBe('Continue: A text from her “cousin” (1 reply made, practice, saved 2 hours ago)');
      const link = screen.getByRole('link', { name: /^Continue where you stopped/ });
      expect(link.textContent).toBe('Continue where you stopped (1 reply made, practice, saved 2 hours ago)');
      expect(link.getAttribute('aria-label')).toBe('Continue where you stopped (1 reply made, practice, saved 2 hours ago): A text from her “cousin”');
    } finally {
      vi.useRealTimers();
    }
  });

  // A volunteer who closed the tab mid-scenario and opened the app again saw nothing at the top of
  // the first page to say a scenario was in progress: its card's Continue link was wherever its
  // title sorts (What Kiara tells you: the 15th card, 9,000 px down on a phone).
  it('on the first page, scenarios in progress are listed above the cards, each linking to where it stopped', async () => {
    const { store, app } = await firstReplyAt('#/assess/youth-discloses');
    app.unmount();
    renderApp('#/', store);
    const section = await screen.findByRole('region', { name: 'In progress' });
    const link = within(section).getByRole('link', { name: "Continue: What Kiara tells you" });
    expect(link.getAttribute('href')).toBe('#/assess/youth-discloses');
    expect(link.closest('li')?.textContent).toBe('Continue: What Kiara tells you (1 reply made, assessment, saved just now)');
    expect(within(section).getAllByRole('link')).toHaveLength(1);
    const cards = screen.getByRole('list', { name: 'Scenarios' });
    expect(section.compareDocumentPosition(cards) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('on the first page, with nothing in progress, there is no list of it', async () => {
    renderApp('#/', memoryStore());
    await screen.findByRole('list', { name: 'Scenarios' });
    expect(screen.queryByRole('region', { name: 'In progress' })).toBeNull();
  });

  // The card's Continue link of a saved assessment was a practice address (#/play/…): the volunteer
  // who pressed "Continue where you stopped (…, assessment, …)" was told that an unfinished
  // assessment "was waiting, so it goes on here", as if they had asked to practise.
  it('on the first page, a saved assessment\'s Continue link opens it at its own address, with no word of another mode', async () => {
    const { user, store, app } = await firstReplyAt('#/assess/youth-discloses');
    app.unmount();
    renderApp('#/', store);
    const link = await screen.findByRole('link', { name: /^Continue where you stopped \(1 reply made, assessment/ });
    expect(link.getAttribute('href')).toBe('#/assess/youth-discloses');
    await user.click(link);
    await screen.findByText(/Welcome back/);
    expect(screen.getByText('Assessment: feedback waits for the debrief')).toBeTruthy();
    expect(screen.queryByText(/was waiting/)).toBeNull();
  });

  /** Plays youth-discloses with `store` (a new one) to its debrief (kept and recorded); its score line as shown. */
  async function finishYouthDiscloses(store: ReturnType<typeof memoryStore>) {
    renderApp('#/play/youth-discloses', store);
    await screen.findByRole('group', { name: /./ });
    await playToDebrief(userEvent.setup());
    keepFinished(store);
    return { score: screen.getByText(/^Score:/).parentElement?.textContent };
  }

  /**
   * A store as a practice playthrough of youth-discloses to its debrief left it, with that debrief's
   * score line, outcome and number of what-if buttons as shown at its end: for the tests of a
   * debrief opened again, which look at the playthrough's end only for these. Played once per file
   * (kept by the first test to finish one with 1 at every decision); each test gets its own copy of the stored text.
   */
  async function afterYouthDiscloses() {
    if (!finishedOnce) {
      await finishYouthDiscloses(memoryStore());
      cleanup();
    }
    const once = finishedOnce as NonNullable<typeof finishedOnce>;
    return { ...once, store: memoryStore(once.data) };
  }

  /** The last debrief of youth-discloses opened again at its own address (as the card's "See your last debrief" opens it). */
  async function lastDebriefOpened() {
    const kept = await afterYouthDiscloses();
    renderApp('#/debrief/youth-discloses', kept.store);
    await screen.findByRole('heading', { level: 1, name: /^Debrief: / });
    return kept;
  }

  it('a debrief left (the tab closed, a phone reloading the page) can be opened again from the first page, as in the terminal', async () => {
    const user = userEvent.setup();
    const { store, score, outcome } = await afterYouthDiscloses();

    renderApp('#/', store);
    const link = await screen.findByRole('link', { name: /^See your last debrief: / });
    await user.click(link);
    const heading = await screen.findByRole('heading', { level: 1, name: /^Debrief: / });
    expect(screen.getByRole('heading', { name: /^Outcome: / }).textContent).toBe(outcome);
    expect(screen.getByText(/^Score:/).parentElement?.textContent).toBe(score);
    // Opened again, not played again: nothing more is added to the records.
    expect(JSON.parse(store.read('records.json') ?? '{}').playthroughs).toHaveLength(1);
    // Focus goes to the heading in an effect after the debrief is drawn (the heading can be found
    // a moment before; meanwhile the change of page has put focus on the main content).
    await vi.waitFor(() => expect(document.activeElement).toBe(heading));
    expect(screen.getByRole('link', { name: 'Back to the scenarios' })).toBeTruthy();
  });

  it('the debrief can be downloaded as the Markdown file the terminal writes (scenario, mode, outcome, score), at the end and when opened again', async () => {
    const files = captureDownloads();
    const user = userEvent.setup();
    const store = memoryStore();
    const { score } = await finishYouthDiscloses(store);
    const outcome = screen.getByRole('heading', { name: /^Outcome: / }).textContent ?? '';
    await user.click(screen.getByRole('button', { name: 'Download this debrief' }));
    expect(files.map((f) => f.name)).toEqual([expect.stringMatching(/^youth-discloses-debrief-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.md$/)]);
    const text = await (files[0] as { blob: Blob }).blob.text();
    expect(text).toMatch(/^# Debrief: /);
    expect(text).toContain('Practice mode');
    expect(text).toContain(outcome.replace(/^Outcome: /, ''));
    expect(text).toContain((score ?? '').replace(/^Score:\s*/, ''));
    // Said beside the button, as My records' downloads are: a screen reader heard nothing of it (only
    // the browser's own notice, where there is one), and on a phone the browser's own may not show.
    const said = () => screen.getByText(/^Debrief downloaded: /);
    expect(said().textContent).toBe(`Debrief downloaded: ${files[0]?.name}.`);
    expect(said().closest('[aria-live="polite"]')).toBeTruthy();
    cleanup();
    renderApp(location.hash, store);
    await screen.findByRole('heading', { level: 1, name: /^Debrief: / });
    expect(screen.queryByText(/^Debrief downloaded: /)).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Download this debrief' }));
    expect(files).toHaveLength(2);
    expect(said().textContent).toBe(`Debrief downloaded: ${files[1]?.name}.`);
  });

  // The screen said "This was a what-if replay: not added to your records", and the file downloaded
  // there said only "Practice mode", as a playthrough's does: handed to a supervisor, it passed for one.
  it('the debrief of a what-if replay, downloaded, says it is a what-if replay', async () => {
    const files = captureDownloads();
    const user = userEvent.setup();
    const store = memoryStore();
    await finishYouthDiscloses(store);
    await user.click(screen.getAllByRole('button', { name: /What if: replay from here/ })[1] as HTMLElement);
    await screen.findByText(/^What if: you are back at an earlier decision/);
    await playToDebrief(user);
    expect(screen.getByText(/This was a what-if replay: not added to your records\./)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Download this debrief' }));
    const text = await (files[0] as { blob: Blob }).blob.text();
    expect(text).toContain('_Practice mode · a what-if replay, not added to the records · exported');
  });

  it('at the debrief the address is the kept debrief\'s: a reload there shows the debrief again, not a new playthrough', async () => {
    const user = userEvent.setup();
    const store = memoryStore();
    const { score } = await finishYouthDiscloses(store);
    expect(location.hash).toBe('#/debrief/youth-discloses');
    cleanup();

    // The reload.
    renderApp(location.hash, store);
    await screen.findByRole('heading', { level: 1, name: /^Debrief: / });
    expect(screen.getByText(/^Score:/).parentElement?.textContent).toBe(score);
    expect(JSON.parse(store.read('records.json') ?? '{}').playthroughs).toHaveLength(1);
    // Try again goes back to playing, at the play address.
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    await screen.findByRole('group', { name: /./ });
    expect(location.hash).toBe('#/play/youth-discloses');
  });

  // Try again at the end of a playthrough put focus on the first moment and said "Started again";
  // on a debrief opened again (the first page's link, My records, a reload) it left focus on the
  // page's main content, a screen away from the conversation, and said nothing.
  it('"Try again" on a debrief opened again (from the first page) puts focus on the conversation\'s start and says so, as at the end of a playthrough', async () => {
    const user = userEvent.setup();
    const store = memoryStore();
    const firstMoment = () => {
      const moments = screen.getByRole('log').querySelectorAll('.moment');
      expect(moments).toHaveLength(1);
      return moments[0]?.querySelector('.moment-heading');
    };
    // Just finished.
    await finishYouthDiscloses(store);
    screen.getByRole('button', { name: 'Try again' }).focus();
    const afterFinished = await liveDuring(() => user.keyboard('{Enter}'));
    await screen.findByRole('group', { name: /./ });
    await vi.waitFor(() => expect(document.activeElement).toBe(firstMoment()));
    expect(afterFinished).toEqual(['Started again from the beginning.']);
    cleanup();
    // Opened again from the first page.
    store.remove('saves/youth-discloses.json');
    renderApp('#/', store);
    await user.click(await screen.findByRole('link', { name: /^See your last debrief: / }));
    const heading = await screen.findByRole('heading', { level: 1, name: /^Debrief: / });
    await vi.waitFor(() => expect(document.activeElement).toBe(heading));
    screen.getByRole('button', { name: 'Try again' }).focus();
    const afterKept = await liveDuring(async () => {
      await user.keyboard('{Enter}');
      await screen.findByRole('group', { name: /./ });
      await vi.waitFor(() => expect(document.activeElement).toBe(firstMoment()));
      await screen.findByText('Started again from the beginning.');
    });
    expect(afterKept).toEqual(['Started again from the beginning.']);
    expect(location.hash).toBe('#/play/youth-discloses');
  });

  // A debrief opened again (a reload, the library's link) had no what-if buttons, and said nothing of it.
  it('a debrief opened again offers what-if as at the end of the playthrough: a replay not recorded, not saved, and a reload opens the debrief again', async () => {
    const user = userEvent.setup();
    const { store, score, whatIfs: replies } = await afterYouthDiscloses();
    renderApp('#/debrief/youth-discloses', store);
    await screen.findByRole('heading', { level: 1, name: /^Debrief: / });
    const whatIfs = screen.getAllByRole('button', { name: /What if: replay from here/ });
    expect(whatIfs).toHaveLength(replies);
    await user.click(whatIfs[1] as HTMLElement);
    await screen.findByText(/^What if: you are back at an earlier decision/);
    // Back at the second decision, the first reply kept in the conversation.
    expect(screen.getByText(/^Decision 2 of about/)).toBeTruthy();
    expect(within(screen.getByRole('log')).getAllByText(/^You( do)?:$/)).toHaveLength(1);
    await playToDebrief(user);
    expect(screen.getByText(/This was a what-if replay: not added to your records\./)).toBeTruthy();
    expect(JSON.parse(store.read('records.json') ?? '{}').playthroughs).toHaveLength(1);
    expect(location.hash).toBe('#/debrief/youth-discloses');
    cleanup();
    renderApp(location.hash, store);
    await screen.findByRole('heading', { level: 1, name: /^Debrief: / });
    expect(screen.getByText(/^Score:/).parentElement?.textContent).toBe(score);
  });

  it('a kept debrief that is damaged is named as one, not as "No debrief kept", and says what is wrong in a volunteer\'s words', async () => {
    const store = memoryStore({ 'debriefs/youth-discloses.json': '{"format":"casa-practice-session","formatVersion":1,"scenarioId":"youth-discloses"}' });
    renderApp('#/debrief/youth-discloses', store);
    const heading = await screen.findByRole('heading', { level: 1, name: 'The last debrief cannot be shown' });
    expect(heading.nextElementSibling?.textContent).toBe('Your last debrief of this scenario cannot be shown: what this browser kept of it is damaged and cannot be read. A copy of it is kept in this browser\'s storage for this site (nothing was deleted). Your records are not affected. To have a debrief of this scenario again, play it again. My records lists the copy under “Room in this browser”, to download or remove. Back to the scenarios.');
    // The title is set in an effect after the page is drawn (the heading can be found a moment before).
    await vi.waitFor(() => expect(document.title).toMatch(/^The last debrief cannot be shown/));
    // Set aside, not deleted: the first page no longer offers it (it offered it again on every visit).
    expect(store.read('debriefs/youth-discloses.json')).toBeUndefined();
    expect(store.list('debriefs/').map((k) => k.key)).toEqual([expect.stringMatching(/^debriefs\/youth-discloses\.json\.damaged-/)]);
    cleanup();
    renderApp('#/', store);
    const card = (await screen.findByRole('heading', { name: /Kiara/ })).closest('li')!;
    expect(within(card).queryByRole('link', { name: /^See your last debrief/ })).toBeNull();
  });

  it('a damaged save gives a clear notice and a clean start, and is moved aside, not deleted', async () => {
    // Of the scenario's current version (a save of another version is a different case): damaged in its snapshot.
    const { version } = JSON.parse((await import('../../scenarios/youth-discloses.json?raw')).default) as { version: number };
    const store = memoryStore({ 'saves/youth-discloses.json': `{"format": "casa-practice-terminal-save", "formatVersion": 1, "scenarioFile": "youth-discloses.json", "session": {"format": "casa-practice-session", "formatVersion": 1, "scenarioId": "youth-discloses", "scenarioVersion": ${version}, "snapshot": {"value": "nowhere", "status": "active", "context": {"mode": "practice", "transcript": [{"nodeId": "x", "replyId": "y"}]}}}}` });
    renderApp('#/play/youth-discloses', store);
    const notice = await screen.findByText(/^Could not resume:/);
    expect(notice.textContent).toMatch(/starting fresh/);
    // Where the save went, in a browser's words (not a storage key the volunteer cannot open).
    expect(notice.textContent).toMatch(/A copy of the save is kept in this browser's storage for this site \(nothing was deleted\); starting fresh\. My records lists the copy under “Room in this browser”, to download or remove\.$/);
    expect(notice.textContent).not.toMatch(/\.damaged-|saves\//);
    expect(screen.getByText(/^Decision 1 of about/)).toBeTruthy();
    expect([...store.data.keys()].some((k) => k.startsWith('saves/youth-discloses.json.damaged-'))).toBe(true);
  });

  // A save kept under another scenario's key (the key renamed by hand in the browser's storage) was
  // loaded by the scenario it names: #/play/red-flags played youth-discloses, and the save was moved
  // into youth-discloses' slot, that scenario's own progress put aside as a replaced copy. It is set
  // aside as damaged, as the terminal's readSaveFor does, and this scenario starts from the beginning.
  it("a save of another scenario under this one's key is set aside, not played here nor moved over that scenario's own save", async () => {
    const { store, app } = await firstReplyAt('#/play/youth-discloses');
    app.unmount();
    const own = store.read('saves/youth-discloses.json') as string;
    const slot = JSON.parse(own) as { activeMs?: number };
    store.write('saves/red-flags.json', JSON.stringify({ ...slot, activeMs: (slot.activeMs ?? 0) + 1000 }));
    renderApp('#/play/red-flags', store);
    const notice = await screen.findByText(/^Could not resume:/);
    expect(notice.textContent).toContain('Could not resume: it belongs to the scenario "youth-discloses", not "red-flags".');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('New nails, new phone, new boyfriend');
    expect(document.body.textContent).not.toContain('What Kiara tells you');
    expect(store.read('saves/youth-discloses.json')).toBe(own);
    const keys = [...store.data.keys()];
    expect(keys.filter((k) => k.startsWith('saves/youth-discloses.json.'))).toEqual([]);
    expect(keys.some((k) => k.startsWith('saves/red-flags.json.damaged-'))).toBe(true);
  });

  // From the web check (session 61): a save made before its scenario was updated (a new version of
  // the app: scenarios change often) was said in the core's words for a trainer at a terminal, "Could
  // not resume: this save was made with an older version of the scenario "youth-discloses" (version
  // 44; it is now version 45) … starting fresh", naming the scenario by its id. Said in a volunteer's.
  it('a save made before its scenario was updated is said in a volunteer\'s words, and set aside as outdated', async () => {
    const { store, app } = await firstReplyAt('#/play/youth-discloses');
    app.unmount();
    const slot = JSON.parse(store.read('saves/youth-discloses.json') as string) as { session: { scenarioVersion: number } };
    slot.session.scenarioVersion -= 1;
    store.write('saves/youth-discloses.json', JSON.stringify(slot));
    renderApp('#/play/youth-discloses', store);
    const notice = (await screen.findByText(/^Your progress in this scenario could not be picked up/)).closest('p') as HTMLElement;
    expect(notice.textContent).toBe(`${SAVE_OUTDATED} A copy of the save is kept in this browser's storage for this site (nothing was deleted). Your records and your other scenarios in progress are not affected. You start again from the beginning below. My records lists the copy under “Room in this browser”, to download or remove.`);
    expect(document.body.textContent).not.toMatch(/Could not resume|youth-discloses|version \d/);
    expect(screen.getByText(/^Decision 1 of about/)).toBeTruthy();
    expect([...store.data.keys()].some((k) => k.startsWith('saves/youth-discloses.json.outdated-'))).toBe(true);
  });

  // A damaged save was said to the volunteer in the core's words for a terminal, "Could not resume:
  // The saved progress is damaged (it is not valid JSON)": a volunteer does not know what JSON is.
  // Said in theirs: what happened, that their records and other saves are not affected, what happens
  // now and where the copy is; nothing of the damaged text is shown, as text or as markup.
  it('a save that is not JSON at all is said in a volunteer\'s words, nothing of its text shown, and set aside the same way', async () => {
    const store = memoryStore({ 'saves/youth-discloses.json': '\u0000{"format": <img src=x onerror="window.__xss=1"> \u202egnp.exe \u001b[2J' });
    renderApp('#/play/youth-discloses', store);
    const notice = (await screen.findByText(/^Your progress in this scenario could not be picked up/)).closest('p') as HTMLElement;
    expect(notice.textContent).toBe(`${SAVE_DAMAGED} A copy of the save is kept in this browser's storage for this site (nothing was deleted). Your records and your other scenarios in progress are not affected. You start again from the beginning below. My records lists the copy under “Room in this browser”, to download or remove.`);
    expect(SAVE_DAMAGED).not.toMatch(/JSON/);
    expect(document.body.textContent).not.toMatch(/JSON|Could not resume|gnp|onerror/);
    expect(['\u202e', '\u001b'].some((c) => document.body.textContent?.includes(c))).toBe(false);
    expect(document.querySelector('img')).toBeNull();
    expect(screen.getByRole('group', { name: /./ })).toBeTruthy();
    expect([...store.data.keys()].some((k) => k.startsWith('saves/youth-discloses.json.damaged-'))).toBe(true);
  });

  it('assessment mode shows neither the trust meter nor feedback until the debrief', async () => {
    const user = userEvent.setup();
    renderApp('#/assess/youth-discloses');
    await screen.findByRole('group', { name: /./ });
    expect(document.querySelector('meter')).toBeNull();
    expect(screen.queryByText(/trust/i)).toBeNull();
    await replyKey(user, '1');
    expect(within(screen.getByRole('log')).getByText(/^You( do)?:$/)).toBeTruthy();
    expect(screen.queryByText('Feedback')).toBeNull();
    expect(screen.queryByRole('button', { name: /Undo/ })).toBeNull();
  });

  // A key pressed twice (150–300 ms apart) answered the decision the first press brought, unseen,
  // and in an assessment nothing takes a reply back.
  it('in an assessment, a reply key pressed again as the next decision appears does not answer it, and says so', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const t0 = Date.parse('2026-11-20T18:00:00Z');
      vi.setSystemTime(t0);
      const user = userEvent.setup();
      renderApp('#/assess/court-report');
      await user.click(await screen.findByRole('button', { name: 'Continue' }));
      await screen.findByRole('group', { name: /./ });
      expect(screen.getByText(/^Decision 1 of about/)).toBeTruthy();
      await replyKey(user, '1');
      expect(screen.getByText(/^Decision 2 of about/)).toBeTruthy();
      vi.setSystemTime(t0 + 200);
      // Read out, not only shown: focus is on the new decision's heading, and a screen reader user
      // heard nothing of why the key did nothing (its status appeared with its words already in it).
      const said = await announcedDuring(() => replyKey(user, '1'));
      expect(screen.getByText(/^Decision 2 of about/)).toBeTruthy();
      expect(said).toEqual([TOO_SOON_WORDS]);
      expect(screen.getByRole('status').textContent).toMatch(/^That key was pressed again as this decision appeared, so it did not answer it/);
      expect(within(screen.getByRole('log')).getAllByText(/^You( do)?:$/)).toHaveLength(1);
      // A moment later the same key answers this decision.
      vi.setSystemTime(t0 + 1_200);
      await replyKey(user, '1');
      expect(screen.getByText(/^Decision 3 of about/)).toBeTruthy();
    } finally {
      vi.useRealTimers();
    }
  });

  it('practice mode shows the trust meter with its text, and undo takes the reply back', async () => {
    const user = userEvent.setup();
    renderApp('#/play/youth-discloses');
    await screen.findByRole('group', { name: /./ });
    const meter = document.querySelector('meter');
    expect(meter).not.toBeNull();
    expect(screen.getByText(/^\d+ of 100$/)).toBeTruthy();
    await replyKey(user, '1');
    expect(screen.getAllByText(/^You( do)?:$/)).toHaveLength(1);
    // The feedback is found by its heading, under the heading of the moment it answers.
    const feedback = within(screen.getByRole('log')).getByRole('heading', { level: 4, name: 'Feedback' });
    expect(feedback.closest('.moment')?.querySelector('h3')).toBeTruthy();
    // The change to trust in words: the arrow drawn for the eye is read "right arrow", or not at all.
    expect(readAloud(document.querySelector('.feedback .changes') as HTMLElement)).toMatch(/^Kiara's trust: from 50 to \d+ \([+−]\d+\)\. $/);
    expect(screen.getByText(/^Kiara's trust: 50 → \d+ \([+−]\d+\)$/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Undo last reply' }));
    expect(screen.queryAllByText(/^You( do)?:$/)).toHaveLength(0);
    expect(screen.getByText(/^Decision 1 of about/)).toBeTruthy();
  });

  /** A step through couch-rent (Continue, then the reply `reply`), and the three steps to its fourth decision, where "Use the invite link" is a reply. */
  function couchRentSteps(user: ReturnType<typeof userEvent.setup>) {
    const go = async (reply: RegExp) => {
      await user.click(await screen.findByRole('button', { name: 'Continue' }));
      await user.click(await screen.findByRole('button', { name: reply }));
    };
    const toTheInviteLink = async () => {
      for (const reply of [/I heard him/, /Somewhere nobody/, /I can't promise that/]) await go(reply);
    };
    return { go, toTheInviteLink };
  }

  // A scene's effects moved the meter with nothing said: couch-rent's "The server" takes 15 from
  // Arev's trust as the volunteer goes on, and the meter just dropped (nothing read aloud).
  it('a scene that changes a meter says so with the scene, in the conversation read aloud, and the meter follows', async () => {
    const user = userEvent.setup();
    renderApp('#/play/couch-rent');
    const trust = () => Number(document.querySelector('meter')?.getAttribute('value'));
    const { toTheInviteLink } = couchRentSteps(user);
    await toTheInviteLink();
    await user.click(await screen.findByRole('button', { name: 'Continue' }));
    const before = trust();
    const said = await liveDuring(() => user.click(screen.getByRole('button', { name: /Use the invite link/ })));
    const scene = screen.getByRole('heading', { level: 3, name: 'The server' }).closest('.moment') as HTMLElement;
    expect(within(scene).getByText(`Arev's trust: ${before} → ${before - 15} (−15)`)).toBeTruthy();
    expect(readAloud(scene.querySelector('.changes') as HTMLElement)).toBe(`Arev's trust: from ${before} to ${before - 15} (−15). `);
    // Read out with the scene, as the log adds it.
    expect(said.join(' ')).toContain(`Arev's trust: from ${before} to ${before - 15} (−15).`);
    expect(trust()).toBe(before);
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(trust()).toBe(before - 15);
    // Said once, where the scene is: the next moment does not say it again.
    expect(screen.getAllByText(`Arev's trust: ${before} → ${before - 15} (−15)`)).toHaveLength(1);
  });

  // Checked (it was listed as missing): a page reloaded after such a scene shows its change again,
  // in the same words, as the live conversation did (the terminal's recap is another matter).
  it("a save opened again shows a scene's change to a meter as the live conversation did", async () => {
    const user = userEvent.setup();
    const store = memoryStore();
    const first = renderApp('#/play/couch-rent', store);
    const { go, toTheInviteLink } = couchRentSteps(user);
    await toTheInviteLink();
    await go(/Use the invite link/);
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    const live = screen.getByRole('log').textContent ?? '';
    expect(live).toMatch(/Arev's trust: \d+ → \d+ \(−15\)/);
    first.unmount();
    renderApp('#/play/couch-rent', store);
    await screen.findByText(/Welcome back/);
    expect(screen.getByRole('log').textContent?.replace(WELCOME_BACK, '')).toBe(live);
  });

  it("assessment mode says nothing of a scene's change (no meter, no feedback until the debrief)", async () => {
    const user = userEvent.setup();
    renderApp('#/assess/couch-rent');
    const { go, toTheInviteLink } = couchRentSteps(user);
    await toTheInviteLink();
    await go(/Use the invite link/);
    expect(await screen.findByRole('heading', { level: 3, name: 'The server' })).toBeTruthy();
    expect(document.querySelector('.changes')).toBeNull();
    expect(screen.queryByText(/Arev's trust/)).toBeNull();
  });

  // Undo moved the focus to the decision's heading, which said only its name ("Your turn"), as when
  // the decision first came: a screen-reader user could not tell the reply had been taken back.
  it('undo is said: the last reply was taken back, once each time', async () => {
    const user = userEvent.setup();
    renderApp('#/play/youth-discloses');
    const heading = () => document.querySelector<HTMLElement>('#transcript .moment:last-of-type .moment-heading');
    await screen.findByRole('group', { name: /./ });
    const decision = heading()?.textContent;
    await replyKey(user, '1');
    const said = await liveDuring(async () => {
      await user.click(screen.getByRole('button', { name: 'Undo last reply' }));
      await screen.findByText(UNDONE_WORDS);
    });
    expect(said).toEqual([UNDONE_WORDS]);
    // Focus is at the decision again, named by its heading.
    expect(document.activeElement).toBe(heading());
    expect(heading()?.textContent).toBe(decision);
    // Said again the next time (a new paragraph), not left in the page unchanged; gone after a reply.
    await replyKey(user, '2');
    expect(screen.queryByText(UNDONE_WORDS)).toBeNull();
    const again = await liveDuring(async () => {
      await user.click(screen.getByRole('button', { name: 'Undo last reply' }));
      await screen.findByText(UNDONE_WORDS);
    });
    expect(again).toEqual([UNDONE_WORDS]);
  });

  it('says where the playthrough stands at a scene in the words the terminal uses (the core\'s progressWords)', async () => {
    const user = userEvent.setup();
    renderApp('#/play/trafficker-contact');
    await screen.findByRole('button', { name: 'Continue' });
    const status = () => (document.querySelector('.status-line') as HTMLElement).textContent;
    // Before the first decision: not "0 of about 9 decisions made".
    expect(status()).toMatch(/^Practice\. About \d+ decisions ahead\.$/);
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await screen.findByRole('group', { name: /./ });
    expect(status()).toMatch(/^Practice\. Decision 1 of about \d+\.$/);
    await replyKey(user, '1');
    await screen.findByRole('button', { name: 'Continue' });
    expect(status()).toMatch(/^Practice\. After 1 of about \d+ decisions\.$/);
  });

  /** The example with its reply "phone-accuse" offered only at trust 80 or more, played in a fresh session. */
  function renderWithClosedReply() {
    const file = JSON.parse(exampleText) as { nodes: { id: string; replies?: { id: string; when?: unknown }[] }[] };
    const reply = file.nodes.find((n) => n.id === 'phone')?.replies?.find((r) => r.id === 'phone-accuse');
    if (!reply) throw new Error('fixture changed');
    reply.when = { var: 'trust', gte: 80 };
    const scenario = renderPractice(JSON.stringify(file));
    return scenario;
  }

  it('a reply that cannot be chosen yet says why, in the terminal\'s words (the core\'s unavailableWords)', async () => {
    renderWithClosedReply();
    const closed = (await screen.findAllByRole('button')).filter((b) => b.classList.contains('reply') && (b as HTMLButtonElement).disabled);
    expect(closed).toHaveLength(1);
    const n = closed[0]?.querySelector('.num')?.textContent;
    // The keys hint names only the keys that choose something ("Press 1 to 3" counted the closed one).
    const open = [1, 2, 3].filter((k) => String(k) !== n);
    expect(document.getElementById('reply-keys')?.textContent).toBe(`Press ${open[0]} or ${open[1]} to choose.`);
    // Not "Not open to you at this point.": what it needs, from a meter the volunteer can see.
    const why = document.getElementById(closed[0]?.getAttribute('aria-describedby') ?? '');
    expect(why?.textContent?.trim()).toBe(`Reply ${n} is not available now: it needs Jade's trust at least 80 (now 50).`);
    // Pressing its number says so (read out), and chooses nothing.
    await replyKey(userEvent.setup(), String(n));
    const said = document.querySelector('.replies [aria-live="polite"]');
    expect(said?.textContent).toBe(`Reply ${n} is not available now: it needs Jade's trust at least 80 (now 50).`);
    expect(screen.queryByRole('button', { name: 'Continue' })).toBeNull();
    expect((await screen.findAllByRole('button')).filter((b) => b.classList.contains('reply'))).toHaveLength(closed.length + 2);
  });

  // A number past the replies (9 of 3) did nothing and said nothing: a keyboard or screen reader
  // user could not tell a key that missed from a page that had stopped listening.
  it('a number key past the replies says there is no such reply and which keys choose, once a press, the focus left where it was', async () => {
    const user = userEvent.setup();
    renderPractice(exampleText);
    const group = await screen.findByRole('group', { name: /./ });
    const count = within(group).getAllByRole('button').filter((b) => b.classList.contains('reply')).length;
    expect(count).toBeLessThan(9);
    const words = `There is no reply 9 here. Press 1 to ${count} to choose.`;
    const watch = watchAnnouncements('[aria-live="polite"]');
    await replyKey(user, '9');
    const focused = document.activeElement;
    await waitFor(() => expect(watch.said).toEqual([words]));
    expect(document.querySelector('.replies [aria-live="polite"]')?.textContent).toBe(words);
    // Pressed again, said again (a new paragraph), and only that: nothing chosen, the focus not moved.
    await user.keyboard('9');
    await waitFor(() => expect(watch.said).toEqual([words, words]));
    watch.stop();
    expect(document.activeElement).toBe(focused);
    expect(document.querySelector('.line.yours')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Continue' })).toBeNull();
    // A key that chooses still chooses.
    await user.keyboard('1');
    await screen.findByText(/^You( do)?:/);
  });

  it('a reply closed by something the volunteer cannot see says its author\'s reason beside it and when its number is pressed', async () => {
    renderPractice(reasonedPhoneText(exampleText));
    const closed = (await screen.findAllByRole('button')).filter((b) => b.classList.contains('reply') && (b as HTMLButtonElement).disabled);
    expect(closed).toHaveLength(1);
    const n = closed[0]?.querySelector('.num')?.textContent;
    const words = `Reply ${n} is not available now: ${PHONE_REASON}.`;
    expect(document.getElementById(closed[0]?.getAttribute('aria-describedby') ?? '')?.textContent?.trim()).toBe(words);
    await replyKey(userEvent.setup(), String(n));
    expect(document.querySelector('.replies [aria-live="polite"]')?.textContent).toBe(words);
  });

  it('a "do" reply once chosen reads "You do:", as in the terminal, not "You:" as if it were said', async () => {
    const user = userEvent.setup();
    renderPractice(exampleText);
    await user.click(await screen.findByRole('button', { name: /Say nothing about the phone/ }));
    const yours = document.querySelector('.line.yours');
    expect(yours?.textContent).toBe('You do: Say nothing about the phone and move on to school.');
    expect(screen.queryAllByText('You:')).toHaveLength(0);
  });

  // WCAG 2.5.3 Label in Name: each reply shows its number (its key) and, for an action, "Do:" before
  // its words; a speech-input user says "click 2". Its name starts with what is shown, in that
  // order, the number once (with a full stop after it, a pause before the words). Chromium's names
  // are checked in test/web/e2e/app.e2e.ts.
  it("names each reply as it is shown, its number first, then \"Do:\" for an action, then its words; a closed one too", async () => {
    const scenario = renderWithClosedReply();
    const group = await screen.findByRole('group', { name: /./ });
    const replies = scenario.nodes.find((n) => n.id === 'phone');
    if (replies?.kind !== 'decision') throw new Error('fixture changed');
    const buttons = within(group).getAllByRole('button');
    expect(buttons).toHaveLength(3);
    for (const button of buttons) {
      const key = button.getAttribute('aria-keyshortcuts');
      const reply = replies.replies.find((r) => button.textContent?.endsWith(r.text));
      if (!key || !reply) throw new Error(`reply not found: ${button.textContent}`);
      const name = `${key}. ${reply.kind === 'do' ? 'Do: ' : ''}${reply.text}`;
      // Found by the name a speech-input user says, from its visible number on (the whole name: the number once).
      expect(within(group).getByRole('button', { name })).toBe(button);
    }
    expect(within(group).getByRole('button', { name: /^\d\. Do: Say nothing about the phone and move on to school\.$/ })).toBeTruthy();
    // The closed reply keeps its number in its name; why it is closed is its description, not its name.
    const closed = buttons.find((b) => (b as HTMLButtonElement).disabled);
    expect(closed?.getAttribute('aria-keyshortcuts')).toMatch(/^\d$/);
    expect(within(group).getByRole('button', { name: `${closed?.getAttribute('aria-keyshortcuts')}. Who bought you that? You need to tell me the truth.`, description: /is not available now/ })).toBe(closed);
  });

  it('opened straight from a link, a scenario shows its content note before it starts, as the terminal does', async () => {
    const user = userEvent.setup();
    renderApp('#/play/youth-discloses');
    await screen.findByRole('group', { name: /./ });
    const note = screen.getByText('Content note:').parentElement;
    const file = JSON.parse((await import('../../scenarios/youth-discloses.json?raw')).default) as { contentNote: string };
    expect(note?.textContent).toContain(file.contentNote);
    expect(note?.textContent).toMatch(/Take a break whenever you need one/);
    // Said once, before the first reply: it goes with it.
    await replyKey(user, '1');
    expect(screen.queryByText('Content note:')).toBeNull();
  });

  it('reads the status line as separate phrases and the trust meter once, with its meaning', async () => {
    renderApp('#/play/youth-discloses');
    await screen.findByRole('group', { name: /./ });
    const status = document.querySelector('.status-line') as HTMLElement;
    expect(readAloud(status)).toMatch(/^Practice\. Decision 1 of about \d+\.$/);
    // Its label and its value in words, as text; the bar drawn beside them is not read (Chromium gave
    // a <meter> its number only, not its aria-valuetext: the e2e "the trust meter is read in words").
    const head = readAloud(document.querySelector('.play-head') as HTMLElement);
    expect(head.split("Kiara's trust")).toHaveLength(2);
    expect(head.match(/\d+ of 100/g)).toHaveLength(1);
    expect(head).toMatch(/Kiara's trust: \d+ of 100/);
    expect(screen.queryByRole('meter')).toBeNull();
    expect(document.querySelector('meter')?.getAttribute('aria-hidden')).toBe('true');
  });

  // Each step put the new moment in the conversation's log (a polite live region: its words read out
  // as they arrive), its heading first, and moved the focus to that heading, which a screen reader
  // read again: "Scene 2" twice. The heading is said by the focus alone; the log says the rest.
  it('says a new moment\'s heading once: by the focus on it, not in the conversation log too', async () => {
    const { user } = await atFirstDecision();
    const log = screen.getByRole('log', { name: 'Conversation' });
    // What the log reads out of what is added to it: each added node's words, less any part of it
    // marked aria-live="off" (or hidden), as the log adds it.
    const spoken = (n: Node): string => (n instanceof Element
      ? (n.getAttribute('aria-live') === 'off' || n.getAttribute('aria-hidden') === 'true' ? '' : [...n.childNodes].map(spoken).join(''))
      : n.textContent ?? '');
    const said: string[] = [];
    const watch = new MutationObserver((records) => {
      for (const r of records) for (const n of r.addedNodes) if (spoken(n).trim()) said.push(spoken(n));
    });
    watch.observe(log, { childList: true, subtree: true });
    for (let step = 0; step < 3; step++) {
      said.length = 0;
      const before = log.querySelectorAll('.moment').length;
      if (document.querySelector('.play > [role="group"].replies')) await replyKey(user, '1');
      else {
        screen.getByRole('button', { name: 'Continue' }).focus();
        await user.keyboard('{Enter}');
      }
      await vi.waitFor(() => expect(log.querySelectorAll('.moment').length).toBeGreaterThan(before));
      const moment = [...log.querySelectorAll('.moment')].at(-1) as HTMLElement;
      const heading = moment.querySelector('.moment-heading') as HTMLElement;
      // Said by the focus…
      expect(document.activeElement).toBe(heading);
      expect(heading.textContent).toMatch(/./);
      // …and the moment by the log, its heading left out: its words after the heading, once.
      const rest = moment.textContent?.slice(heading.textContent?.length ?? 0) ?? '';
      expect(moment.textContent?.startsWith(heading.textContent ?? '')).toBe(true);
      expect(said.filter((t) => t === rest), `step ${step + 1}: ${JSON.stringify(said)}`).toHaveLength(1);
      expect(said.join('\n')).not.toContain(heading.textContent);
    }
    watch.disconnect();
  });

  // The hint on the two modes was on every card: a screen reader going through the 13 cards read it 13 times.
  it('says what practice and assessment are once, above the scenarios, each card keeping its own mode links', async () => {
    renderApp('#/');
    const list = await screen.findByRole('list', { name: 'Scenarios' });
    const hints = screen.getAllByText(/Practice shows feedback after each reply/);
    expect(hints).toHaveLength(1);
    expect(list.contains(hints[0] as HTMLElement)).toBe(false);
    expect(hints[0]?.compareDocumentPosition(list)).toBe(Node.DOCUMENT_POSITION_FOLLOWING);
    const cards = within(list).getAllByRole('listitem');
    expect(cards.length).toBeGreaterThanOrEqual(13);
    for (const card of cards) {
      const title = within(card).getByRole('heading', { level: 2 }).textContent;
      expect(within(card).getAllByRole('link').map((a) => a.getAttribute('aria-label'))).toEqual([`Practise: ${title}`, `Assessment: ${title}`]);
    }
  });

  it("reads each scenario card's length and completion as two phrases, not run together", async () => {
    renderApp('#/');
    const meta = (await screen.findAllByText(/^About \d+ minutes/))[0]?.closest('.meta') as HTMLElement;
    expect(readAloud(meta)).toMatch(/^About \d+ minutes\. Not completed yet\.$/);
  });

  // A reload during a what-if replay started a new playthrough from the beginning, with no word.
  it('a reload during a what-if replay opens the debrief it came from again', async () => {
    const user = userEvent.setup();
    const store = memoryStore();
    const score = await whatIfAfterPlaying(user, store, 1);
    await replyKey(user, '1');
    expect(location.hash).toBe('#/debrief/youth-discloses');
    cleanup();
    renderApp(location.hash, store);
    await screen.findByRole('heading', { level: 1, name: /^Debrief: / });
    expect(screen.getByText(/^Score:/).parentElement?.textContent).toBe(score);
  });

  // A what-if's debrief offered Try again, My records and Back to the scenarios: the volunteer's own
  // debrief, the one the what-if replayed from, came back only by a reload or the card's "See your
  // last debrief". "Back to your debrief" shows it again, the focus back on the "What if: replay
  // from here" pressed on it (it was on its heading, at the top: a keyboard user went down the whole
  // debrief again for the next what-if), with its what-ifs (whose debriefs lead back to it too);
  // nothing is recorded again.
  it('a what-if\'s debrief leads back to your own debrief, by the keyboard, the focus on the what-if pressed', async () => {
    const user = userEvent.setup();
    const backToYours = async (from: number, own: { score?: string | null | undefined; whatIfs: number }) => {
      // Its words name the decision too ("… (decision 2: The question)"), for a screen reader.
      const pressed = screen.getAllByRole('button', { name: /What if: replay from here/ })[from]?.textContent;
      expect(pressed).toMatch(new RegExp(`\\(decision ${from + 1}: `));
      await user.click(screen.getAllByRole('button', { name: /What if: replay from here/ })[from] as HTMLElement);
      await screen.findByText(/^What if: you are back at /);
      await playToDebrief(user);
      expect(screen.getByText(/This was a what-if replay: not added to your records\./)).toBeTruthy();
      // Its heading and the page's title say it is a what-if's, not the volunteer's own debrief.
      expect(screen.getByRole('heading', { level: 1, name: /^What-if debrief: / })).toBeTruthy();
      await vi.waitFor(() => expect(document.title).toMatch(/^What-if debrief: /));
      const back = screen.getByRole('button', { name: 'Back to your debrief' });
      // In "What next", after Try again.
      expect(back.previousElementSibling?.textContent).toBe('Try again');
      back.focus();
      // The focus on the what-if says only that button's name: the page says where it is, once,
      // in one polite region (every live region of the page watched), and nothing else.
      await backSaysOnce(user, pressed);
      expect(screen.getByText(BACK_IN_DEBRIEF).closest('[aria-live]')?.getAttribute('aria-live')).toBe('polite');
      expect(document.activeElement).toBe(screen.getAllByRole('button', { name: /What if: replay from here/ })[from]);
      expect(screen.getByText(/^Score:/).parentElement?.textContent).toBe(own.score);
      expect(screen.getByText(/Added to My records\./)).toBeTruthy();
      expect(screen.queryByText(/what-if replay/)).toBeNull();
      expect(screen.queryByRole('button', { name: 'Back to your debrief' })).toBeNull();
      expect(screen.getAllByRole('button', { name: /What if: replay from here/ })).toHaveLength(own.whatIfs);
      expect(document.title).toMatch(/^Debrief: /);
    };
    // At the end of the playthrough: twice, the second what-if from the debrief come back to.
    const store = memoryStore();
    const { score } = await finishYouthDiscloses(store);
    const whatIfs = screen.getAllByRole('button', { name: /What if: replay from here/ }).length;
    await backToYours(1, { score, whatIfs });
    await backToYours(0, { score, whatIfs });
    expect(JSON.parse(store.read('records.json') ?? '{}').playthroughs).toHaveLength(1);
    expect(location.hash).toBe('#/debrief/youth-discloses');
    cleanup();
    // A debrief opened again (the card's "See your last debrief").
    const kept = await lastDebriefOpened();
    await backToYours(1, kept);
    await backToYours(2, kept);
    expect(JSON.parse(kept.store.read('records.json') ?? '{}').playthroughs).toHaveLength(1);
  });

  // During a what-if, before its debrief, the only way out was "Start again from the beginning": a
  // volunteer who wanted their own debrief back had to play the what-if to its end, or lose the
  // debrief's page for a new playthrough. "Back to your debrief" is beside it, at every step of the
  // replay (after a reply made in it too), as on the what-if's debrief; the focus back on the what-if pressed.
  it('a what-if leads back to your own debrief before its end too, by the keyboard, the focus on the what-if pressed, your result unchanged', async () => {
    const user = userEvent.setup();
    const backMidWay = async (from: number, own: { score?: string | null | undefined; outcome?: string | null | undefined; whatIfs: number }, reply: boolean) => {
      const pressed = screen.getAllByRole('button', { name: /What if: replay from here/ })[from]?.textContent;
      expect(pressed).toMatch(new RegExp(`\\(decision ${from + 1}: `));
      await user.click(screen.getAllByRole('button', { name: /What if: replay from here/ })[from] as HTMLElement);
      await screen.findByText(/^What if: you are back at /);
      if (reply) await replyKey(user, '1');
      expect(screen.queryByRole('heading', { level: 1, name: /^Debrief: / })).toBeNull();
      const back = screen.getByRole('button', { name: 'Back to your debrief' });
      // With the replay's own controls (after "Start again from the beginning", where there is one).
      expect(back.closest('.controls')?.textContent).toMatch(/Back to your debrief$/);
      back.focus();
      await backSaysOnce(user, pressed);
      expect(document.activeElement).toBe(screen.getAllByRole('button', { name: /What if: replay from here/ })[from]);
      expect(screen.getByText(/^Score:/).parentElement?.textContent).toBe(own.score);
      expect(screen.getByRole('heading', { name: /^Outcome: / }).textContent).toBe(own.outcome);
      expect(screen.queryByText(/what-if replay/)).toBeNull();
      expect(screen.queryByText(WHAT_IF_NOTE)).toBeNull();
      expect(screen.getAllByRole('button', { name: /What if: replay from here/ })).toHaveLength(own.whatIfs);
      expect(document.title).toMatch(/^Debrief: /);
    };
    // At the end of the playthrough.
    const store = memoryStore();
    const { score } = await finishYouthDiscloses(store);
    const outcome = screen.getByRole('heading', { name: /^Outcome: / }).textContent;
    const whatIfs = screen.getAllByRole('button', { name: /What if: replay from here/ }).length;
    expect(screen.getByText(/Added to My records\./)).toBeTruthy();
    await backMidWay(1, { score, outcome, whatIfs }, false);
    expect(screen.getByText(/Added to My records\./)).toBeTruthy();
    await backMidWay(0, { score, outcome, whatIfs }, true);
    expect(JSON.parse(store.read('records.json') ?? '{}').playthroughs).toHaveLength(1);
    expect(location.hash).toBe('#/debrief/youth-discloses');
    cleanup();
    // A debrief opened again (the card's "See your last debrief").
    const kept = await lastDebriefOpened();
    await backMidWay(1, kept, true);
    await backMidWay(2, kept, false);
    expect(JSON.parse(kept.store.read('records.json') ?? '{}').playthroughs).toHaveLength(1);
  });

  // Found by a newcomer (session 48): "What if: replay from here" at decision 1 said "you are back
  // at an earlier decision with your earlier replies kept", where there is no reply before it to keep.
  it('a what-if from the first decision says so, not that earlier replies are kept', async () => {
    const user = userEvent.setup();
    renderApp('#/play/youth-discloses');
    await screen.findByRole('group', { name: /./ });
    await playToDebrief(user);
    await user.click(screen.getAllByRole('button', { name: /What if: replay from here/ })[0] as HTMLElement);
    const notice = await screen.findByText(/^What if: you are back at/);
    expect(notice.textContent).toBe('What if: you are back at the first decision, to choose again. This replay is not added to your records, and not saved: if the page is reloaded, your debrief opens again.');
  });

  it('announces the what-if notice once, as a polite status that is in the page before its words', async () => {
    const user = userEvent.setup();
    renderApp('#/play/youth-discloses');
    await screen.findByRole('group', { name: /./ });
    await playToDebrief(user);
    const announced = await announcedDuring(async () => {
      await user.click(screen.getAllByRole('button', { name: /What if: replay from here/ })[1] as HTMLElement);
      await screen.findByText(/^What if: you are back at an earlier decision/);
      await replyKey(user, '1');
    });
    expect(announced.filter((t) => t.startsWith('What if'))).toEqual(['What if: you are back at an earlier decision with your earlier replies kept. This replay is not added to your records, and not saved: if the page is reloaded, your debrief opens again.']);
    expect(screen.getByRole('status').textContent).toMatch(/^What if:/);
  });

  // On a phone the what-if's notice was screens above the decision the volunteer landed at (after
  // the replayed conversation): a sighted volunteer saw a decision like the playthrough's own, and
  // nothing said this replay would not count. It is said just above the decision too, at every step.
  it('a what-if says it is one just above the current decision, at each step of the replay, and a playthrough does not', async () => {
    const user = userEvent.setup();
    renderApp('#/play/youth-discloses');
    await screen.findByRole('group', { name: /./ });
    expect(screen.queryByText(WHAT_IF_NOTE)).toBeNull();
    await playToDebrief(user);
    await user.click(screen.getAllByRole('button', { name: /What if: replay from here/ })[1] as HTMLElement);
    await screen.findByText(/^What if: you are back at an earlier decision/);
    const placed = () => {
      const note = screen.getByText(WHAT_IF_NOTE);
      const group = screen.queryByRole('group', { name: /./ });
      return {
        // After the conversation, right before the decision's replies (or before Continue at a scene).
        afterLog: Boolean(screen.getByRole('log').compareDocumentPosition(note) & Node.DOCUMENT_POSITION_FOLLOWING),
        beforeDecision: group ? note.nextElementSibling === group : note.nextElementSibling?.classList.contains('controls'),
        // Plain text, not a live region: the status above the conversation says it once.
        live: note.closest('[role="status"], [aria-live], [role="log"], [role="alert"]') !== null,
      };
    };
    const want = { afterLog: true, beforeDecision: true, live: false };
    expect(placed()).toEqual(want);
    await replyKey(user, '1');
    expect(placed()).toEqual(want);
    await playToDebrief(user);
    expect(screen.queryByText(WHAT_IF_NOTE)).toBeNull();
  });

  // Start again in a what-if said "The 4 replies you have made in this playthrough will be lost.
  // This cannot be undone.": the replies before the what-if are the finished playthrough's, kept
  // with its debrief (which can be replayed again); only the what-if's own replies go.
  it("Start again in a what-if says only the what-if's own replies are lost, and the playthrough's debrief is kept, as it is", async () => {
    const user = userEvent.setup();
    const store = memoryStore();
    const score = await whatIfAfterPlaying(user, store, 2);
    const confirmWords = async () => {
      await user.click(screen.getByRole('button', { name: 'Start again from the beginning' }));
      return screen.getByRole('group', { name: 'Start again from the beginning?' }).querySelector('p')?.textContent ?? '';
    };
    // Two replies kept from the playthrough, none made in the what-if yet.
    let words = await confirmWords();
    expect(words).toMatch(/^This what-if replay ends; you have made no reply in it yet\. The playthrough it replays is kept: "See your last debrief"/);
    expect(words).not.toMatch(/cannot be undone|2 replies/);
    await user.click(screen.getByRole('button', { name: 'No, keep going' }));
    await replyKey(user, '1');
    words = await confirmWords();
    expect(words).toMatch(/^The reply you have made in this what-if replay will be lost: a what-if is not saved\. The playthrough it replays is kept/);
    expect(words).toMatch(/Your records of finished playthroughs stay as they are\.$/);
    expect(words).not.toMatch(/cannot be undone|3 replies/);
    await user.click(screen.getByRole('button', { name: 'Yes, start again' }));
    await screen.findByText(/^Decision 1 of about/);
    // True: the playthrough's debrief opens again, as it was.
    cleanup();
    renderApp('#/debrief/youth-discloses', store);
    await screen.findByRole('heading', { level: 1, name: /^Debrief: / });
    expect(screen.getByText(/^Score:/).parentElement?.textContent).toBe(score);
  });

  it('Start again, What if and Try again leave focus on the conversation, not on the page body', async () => {
    const user = userEvent.setup();
    renderApp('#/play/youth-discloses');
    await screen.findByRole('group', { name: /./ });
    const currentHeading = () => {
      const moments = screen.getByRole('log').querySelectorAll('.moment');
      return moments[moments.length - 1]?.querySelector('.moment-heading');
    };
    await replyKey(user, '1');
    screen.getByRole('button', { name: 'Start again from the beginning' }).focus();
    await user.keyboard('{Enter}');
    screen.getByRole('button', { name: 'Yes, start again' }).focus();
    // Focus goes to the first moment's heading, which only names it: that the playthrough started
    // again is said, once, and goes at the first step.
    const said = await liveDuring(() => user.keyboard('{Enter}'));
    expect(said).toEqual(['Started again from the beginning.']);
    expect(screen.getByText(/^Decision 1 of about/)).toBeTruthy();
    expect(document.activeElement).toBe(currentHeading());
    await replyKey(user, '1');
    expect(screen.queryByText('Started again from the beginning.')).toBeNull();
    await playToDebrief(user);
    (screen.getAllByRole('button', { name: /What if: replay from here/ })[1] as HTMLElement).focus();
    await user.keyboard('{Enter}');
    expect(screen.getByText(/^Decision 2 of about/)).toBeTruthy();
    expect(document.activeElement).toBe(currentHeading());
    await playToDebrief(user);
    screen.getByRole('button', { name: 'Try again' }).focus();
    await user.keyboard('{Enter}');
    expect(screen.getByText(/^Decision 1 of about/)).toBeTruthy();
    expect(document.activeElement).toBe(currentHeading());
  });

  it('a saved assessment opens as an assessment, and starting again is where to change the mode: "Start again in practice instead"', async () => {
    const { user, store, app } = await firstReplyAt('#/assess/youth-discloses');
    app.unmount();
    // Opened again at a practice address (a Practise link followed in another tab, a bookmark): still the assessment.
    renderApp('#/play/youth-discloses', store);
    await screen.findByText(/Welcome back/);
    expect(screen.getByText('Assessment: feedback waits for the debrief')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Start again from the beginning' }));
    const confirm = screen.getByRole('group', { name: 'Start again from the beginning?' });
    expect(within(confirm).getAllByRole('button').map((b) => b.textContent)).toEqual(['No, keep going', 'Yes, start again', 'Start again in practice instead']);
    const said = await liveDuring(async () => {
      await user.click(within(confirm).getByRole('button', { name: 'Start again in practice instead' }));
      await screen.findByRole('group', { name: /./ });
    });
    // The mode changed: said, not only shown in the status line.
    expect(said).toEqual(['Started again from the beginning, in practice mode.']);
    // A new playthrough in practice: the trust meter and undo; its save is a practice one.
    expect(screen.getByText('Practice')).toBeTruthy();
    expect(document.querySelector('meter')).not.toBeNull();
    expect(within(screen.getByRole('log')).queryByText(/^You( do)?:$/)).toBeNull();
    await replyKey(user, '1');
    expect(screen.getByRole('button', { name: 'Undo last reply' })).toBeTruthy();
    expect(JSON.parse(store.read('saves/youth-discloses.json') ?? '{}').session.snapshot.context.mode).toBe('practice');
  });

  // A trainer's assessment link, opened where a practice run waited, went on in practice under the
  // #/assess address with no word about it; a practice link (the library's Practise button) where
  // an assessment waited opened the assessment with no word: no feedback, no undo, and no reason.
  it.each([
    {
      waiting: 'a practice run', saved: '#/play/youth-discloses', asked: '#/assess/youth-discloses', status: 'Practice',
      says: 'An unfinished practice run of this scenario was waiting, so it goes on here, in practice, with feedback. To take the assessment instead, choose “Start again from the beginning”, then “Start again in assessment instead”.',
    },
    {
      waiting: 'an assessment', saved: '#/assess/youth-discloses', asked: '#/play/youth-discloses', status: 'Assessment: feedback waits for the debrief',
      says: 'An unfinished assessment of this scenario was waiting, so it goes on here, as an assessment: no feedback until the debrief, and no undo. To practise instead, choose “Start again from the beginning”, then “Start again in practice instead”.',
    },
  ])('a link to the other mode where $waiting waits says it goes on, and how to change mode; the address says its mode', async ({ saved, asked, status, says }) => {
    const { store, app } = await firstReplyAt(saved);
    app.unmount();
    await openAt(asked, store);
    await screen.findByText(/Welcome back/);
    expect(screen.getByText(status)).toBeTruthy();
    expect(screen.getByText(/^An unfinished .* of this scenario was waiting/).textContent).toBe(says);
    expect(screen.getByRole('button', { name: 'Start again from the beginning' })).toBeTruthy();
    expect(location.hash).toBe(saved);
  });

  it('a save of the other mode with no reply yet gives way to the mode asked for', async () => {
    const user = userEvent.setup();
    const store = memoryStore();
    const first = renderApp('#/assess/court-report', store);
    // The first moment is a scene: Continue saves the session before any reply.
    await user.click(await screen.findByRole('button', { name: 'Continue' }));
    await screen.findByRole('group', { name: /./ });
    expect(JSON.parse(store.read('saves/court-report.json') ?? '{}').session.snapshot.context.mode).toBe('assessment');
    first.unmount();
    await openAt('#/play/court-report', store);
    await screen.findByRole('button', { name: 'Continue' });
    expect(screen.queryByText(/was waiting/)).toBeNull();
    expect(screen.queryByText('Assessment: feedback waits for the debrief')).toBeNull();
    expect(location.hash).toBe('#/play/court-report');
  });

  it('starting again in the other mode moves the address to that mode: a reload before the first reply keeps it', async () => {
    const { user, store, app: first } = await firstReplyAt('#/play/youth-discloses');
    await user.click(screen.getByRole('button', { name: 'Start again from the beginning' }));
    await user.click(screen.getByRole('button', { name: 'Start again in assessment instead' }));
    await screen.findByRole('group', { name: /./ });
    expect(screen.getByText('Assessment: feedback waits for the debrief')).toBeTruthy();
    expect(location.hash).toBe('#/assess/youth-discloses');
    first.unmount();
    // The reload (a phone dropping the page) before any reply, so with no save to resume.
    renderApp(location.hash, store);
    await screen.findByRole('group', { name: /./ });
    expect(screen.getByText('Assessment: feedback waits for the debrief')).toBeTruthy();
    // And back: starting again in practice gives the practice address again.
    await replyKey(user, '1');
    await user.click(screen.getByRole('button', { name: 'Start again from the beginning' }));
    await user.click(screen.getByRole('button', { name: 'Start again in practice instead' }));
    await screen.findByRole('group', { name: /./ });
    expect(location.hash).toBe('#/play/youth-discloses');
  });

  it('Start again asks first, in the page: Escape or No keeps the progress and its save, Yes deletes them', async () => {
    const user = userEvent.setup();
    const { store } = renderApp('#/play/youth-discloses');
    await screen.findByRole('group', { name: /./ });
    await replyKey(user, '1');
    const saved = store.read('saves/youth-discloses.json');
    expect(JSON.parse(saved ?? '{}').session.snapshot.context.transcript).toHaveLength(1);
    const startAgain = screen.getByRole('button', { name: 'Start again from the beginning' });
    startAgain.focus();
    await user.keyboard('{Enter}');
    // Nothing is lost yet: the question says what would be, and focus is on its safe answer.
    const confirm = screen.getByRole('group', { name: 'Start again from the beginning?' });
    expect(confirm.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(confirm.getAttribute('aria-describedby') ?? '')?.textContent).toMatch(/The reply you have made in this playthrough will be lost, and the progress saved in this browser will be deleted\. This cannot be undone\./);
    expect(startAgain.getAttribute('aria-expanded')).toBe('true');
    expect(document.activeElement).toBe(within(confirm).getByRole('button', { name: 'No, keep going' }));
    expect(store.read('saves/youth-discloses.json')).toBe(saved);
    // A number key does not answer anything behind the question.
    await user.keyboard('1');
    expect(within(screen.getByRole('log')).getAllByText(/^You( do)?:$/)).toHaveLength(1);
    // Escape cancels: the question goes, focus is back on the button, the progress is as it was.
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('group', { name: 'Start again from the beginning?' })).toBeNull();
    expect(document.activeElement).toBe(startAgain);
    expect(startAgain.getAttribute('aria-expanded')).toBe('false');
    expect(store.read('saves/youth-discloses.json')).toBe(saved);
    expect(within(screen.getByRole('log')).getAllByText(/^You( do)?:$/)).toHaveLength(1);
    // No does the same.
    await user.keyboard('{Enter}');
    await user.click(screen.getByRole('button', { name: 'No, keep going' }));
    expect(screen.queryByRole('group', { name: 'Start again from the beginning?' })).toBeNull();
    expect(document.activeElement).toBe(startAgain);
    expect(store.read('saves/youth-discloses.json')).toBe(saved);
    // Escape on the button that opened it closes it too.
    await user.keyboard('{Enter}');
    startAgain.focus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('group', { name: 'Start again from the beginning?' })).toBeNull();
    expect(store.read('saves/youth-discloses.json')).toBe(saved);
    // Yes starts again from the first decision, and the save is gone.
    await user.click(startAgain);
    await user.click(screen.getByRole('button', { name: 'Yes, start again' }));
    expect(screen.getByText(/^Decision 1 of about/)).toBeTruthy();
    expect(within(screen.getByRole('log')).queryAllByText(/^You( do)?:$/)).toHaveLength(0);
    expect(store.read('saves/youth-discloses.json')).toBeUndefined();
  });

  // "Went on" is a reply more in the other tab's save. A save that differs only in its time is not:
  // a tab saves its reading time when hidden or closed, so one opened only to look changes the save
  // too, and this tab carries on (see the tests after this one).
  it.each([
    ['went on with it', (mine: string) => JSON.stringify({ ...wentOn(mine), activeMs: 3_600_000 })],
    ['finished it', () => undefined],
  ])('the same save continued in two tabs: when another tab %s, this one stops at its next step, saving and recording nothing more', async (_, theirs) => {
    // Two tabs opened the same save and both went on: each counted the practice time in the save
    // before the second opened it, and each finish recorded it again.
    const { user, store } = await atFirstDecision();
    await replyKey(user, '1');
    const key = 'saves/youth-discloses.json';
    const other = theirs(store.read(key) ?? '');
    if (other === undefined) store.remove(key);
    else store.write(key, other);
    const next = screen.queryByRole('button', { name: 'Continue' });
    if (next) await user.click(next);
    else await replyKey(user, '1');
    expect(screen.getByRole('alert').textContent).toMatch(/^You went on with this scenario in another tab or window, so it stopped here: nothing more from this tab is saved or added to your records\. To go on here, reload this page/);
    // The other tab's save stays as it left it (or gone), and this tab offers no further step.
    expect(store.read(key)).toBe(other);
    expect(screen.queryByRole('group', { name: /./ })).toBeNull();
    expect(screen.queryByRole('button', { name: /Continue|Undo|Start again/ })).toBeNull();
    await user.keyboard('1');
    expect(store.read(key)).toBe(other);
  });

  // Tab B took a reply and showed its feedback, and only then said that tab A had gone on with the
  // scenario and that the reply did not count.
  it('the same save in two tabs: the moment another tab saves, this one says so and offers no reply, before any key', async () => {
    window.localStorage.clear();
    const store = localStore();
    const user = userEvent.setup();
    renderApp('#/play/youth-discloses', store);
    await screen.findByRole('group', { name: /./ });
    await replyKey(user, '1');
    const key = `${store.prefix}saves/youth-discloses.json`;
    const mine = window.localStorage.getItem(key);
    expect(mine).not.toBeNull();
    // The other tab writes the save with a reply more; the browser tells this tab with a storage event.
    // (Its time is more than this tab counted since: nothing of this tab's is added to it.)
    const theirs = JSON.stringify({ ...wentOn(mine ?? '{}'), activeMs: 3_600_000 });
    window.localStorage.setItem(key, theirs);
    act(() => void window.dispatchEvent(new StorageEvent('storage', { key, oldValue: mine, newValue: theirs, storageArea: window.localStorage })));
    expect(screen.getByRole('alert').textContent).toMatch(/^You went on with this scenario in another tab or window, so it stopped here/);
    expect(screen.queryByRole('group', { name: /./ })).toBeNull();
    expect(screen.queryByRole('button', { name: /Continue|Undo|Start again/ })).toBeNull();
    await user.keyboard('1');
    expect(window.localStorage.getItem(key)).toBe(theirs);
    window.localStorage.clear();
  });

  // Two tabs of one save, on a fake clock from t0: this tab open at its first reply, its save's key named.
  const MIN = 60_000;
  const T0 = Date.parse('2026-01-05T10:00:00Z');
  const withTwoTabs = async (body: (tab: { user: ReturnType<typeof userEvent.setup>; name: string }) => Promise<void>) => {
    vi.useFakeTimers({ toFake: ['Date'], now: T0 });
    window.localStorage.clear();
    try {
      const store = localStore();
      const user = userEvent.setup();
      renderApp('#/play/youth-discloses', store);
      await screen.findByRole('group', { name: /./ });
      await replyKey(user, '1');
      await body({ user, name: `${store.prefix}saves/youth-discloses.json` });
    } finally {
      vi.useRealTimers();
      delete (document as { visibilityState?: unknown }).visibilityState;
      window.localStorage.clear();
    }
  };

  // A tab opened on the same save only to look, then hidden or closed, saves its reading time: this
  // tab said "You went on with this scenario in another tab" and stopped. It carries on now, and its
  // next save keeps both tabs' minutes (a hidden tab's clock stops, so tabs of one window never count
  // the same minute: their times add up), for the in-service hours counted from them.
  it('the same save in two tabs: when the other only looked (its save differs in its time alone), this one carries on and keeps both times', () =>
    withTwoTabs(async ({ user, name }) => {
      const min = MIN;
      const t0 = T0;
      const read = () => JSON.parse(window.localStorage.getItem(name) ?? '{}') as { activeMs?: number; session: { snapshot: { context: { transcript: unknown[] } } } };
      // A minute on, the volunteer opens the scenario in tab B: this tab is hidden, and saves its minute.
      vi.setSystemTime(t0 + min);
      pageShown('hidden');
      expect(read().activeMs).toBe(min);
      // B opens the save, is read for five minutes, and is closed: it saves its time, nothing else.
      vi.setSystemTime(t0 + 6 * min);
      const looked = read();
      otherTabWrites(name, `${JSON.stringify({ ...looked, activeMs: 6 * min, session: { ...looked.session, savedAt: new Date().toISOString() } }, null, 2)}\n`);
      expect(screen.queryByRole('alert')).toBeNull();
      // Back in this tab for a minute, the volunteer goes on.
      pageShown('visible');
      vi.setSystemTime(t0 + 7 * min);
      const next = screen.queryByRole('button', { name: 'Continue' });
      if (next) await user.click(next);
      else await replyKey(user, '1');
      expect(screen.queryByRole('alert')).toBeNull();
      // Saved, with all seven minutes: this tab's two and B's five.
      expect(read().activeMs).toBe(7 * min);
      expect(window.localStorage.getItem(name)).not.toContain(new Date(t0 + 6 * min).toISOString());
    }));

  // The other window went on (a reply more) while this one was being read, and its save holds fewer
  // minutes than this tab counted (that window was minimized a while): this tab stops, as before, but
  // its minutes are added to the other's save, whose replies stay as they are.
  it('the same save in two windows: when the other went on, this one stops and its time is added to that save, the replies kept', () =>
    withTwoTabs(async ({ name }) => {
      const min = MIN;
      const t0 = T0;
      const mine = window.localStorage.getItem(name) ?? '{}';
      expect((JSON.parse(mine) as { activeMs?: number }).activeMs).toBe(0);
      // Three minutes reading here; the other window, shown for one of them, makes a reply.
      vi.setSystemTime(t0 + 3 * min);
      const theirs = wentOn(mine);
      otherTabWrites(name, `${JSON.stringify({ ...theirs, activeMs: min, session: { ...theirs.session, savedAt: new Date().toISOString() } }, null, 2)}\n`);
      expect(screen.getByRole('alert').textContent).toMatch(/^You went on with this scenario in another tab or window/);
      const after = JSON.parse(window.localStorage.getItem(name) ?? '{}') as { activeMs?: number; session: { snapshot: { context: { transcript: unknown[] } } } };
      expect(after.activeMs).toBe(3 * min);
      expect(after.session.snapshot.context.transcript).toEqual(theirs.session.snapshot.context.transcript);
    }));

  it('when another tab finished the same save first, the last reply here shows the debrief but records nothing', async () => {
    // The same random source in both runs: the same order of replies, so the same steps end it.
    const zeros = vi.spyOn(crypto, 'getRandomValues').mockImplementation((b) => b);
    try {
      const step = async (user: ReturnType<typeof userEvent.setup>) => {
        if (screen.queryByRole('group', { name: /./ })) await replyKey(user, '1');
        else await user.click(screen.getByRole('button', { name: /^(Continue|See the debrief)$/ }));
      };
      const once = memoryStore();
      const first = renderApp('#/play/youth-discloses', once);
      await screen.findByRole('log');
      let steps = 0;
      for (const user = userEvent.setup(); !document.getElementById('debrief-heading') && steps < 80; steps++) await step(user);
      expect(once.read('records.json')).toContain('youth-discloses');
      first.unmount();

      const store = memoryStore();
      renderApp('#/play/youth-discloses', store);
      await screen.findByRole('log');
      const user = userEvent.setup();
      for (let i = 0; i < steps - 1; i++) await step(user);
      expect(document.getElementById('debrief-heading')).toBeNull();
      // The other tab finished it: its save is gone (and its playthrough recorded there).
      store.remove('saves/youth-discloses.json');
      await step(user);
      expect(document.getElementById('debrief-heading')).not.toBeNull();
      expect(screen.getByRole('alert').textContent).toMatch(/^You went on with this scenario in another tab or window/);
      expect(screen.getByText(/^Practice mode\. Not added to your records\.$/)).toBeTruthy();
      expect(store.read('records.json')).toBeUndefined();
    } finally {
      zeros.mockRestore();
    }
  });

  it('a number key held down answers one decision, not the next ones too', async () => {
    const user = userEvent.setup();
    renderApp('#/play/red-flags');
    await screen.findByRole('log');
    // Held: one keydown, then the keyboard's auto-repeat. Along this path a decision follows a decision (twice, seen in Chromium).
    let replies = 0;
    for (let step = 0; step < 80 && !document.getElementById('debrief-heading'); step++) {
      if (screen.queryByRole('group', { name: /./ })) {
        await replyKey(user, '{1>4/}');
        replies++;
        if (!document.getElementById('debrief-heading')) expect(within(screen.getByRole('log')).getAllByText(/^You( do)?:$/)).toHaveLength(replies);
      } else await user.click(screen.getByRole('button', { name: /^(Continue|See the debrief)$/ }));
    }
    expect(document.getElementById('debrief-heading')).not.toBeNull();
  });
});

/**
 * youth-discloses played to its debrief (1 at each decision) in `store`, then "What if: replay from
 * here" at the decision numbered `from` (0-based); returns the debrief's score line as it was.
 */
async function whatIfAfterPlaying(user: ReturnType<typeof userEvent.setup>, store: ReturnType<typeof memoryStore>, from: number): Promise<string | undefined> {
  renderApp('#/play/youth-discloses', store);
  await screen.findByRole('group', { name: /./ });
  await playToDebrief(user);
  const score = screen.getByText(/^Score:/).parentElement?.textContent ?? undefined;
  await user.click(screen.getAllByRole('button', { name: /What if: replay from here/ })[from] as HTMLElement);
  await screen.findByText(/^What if: you are back at /);
  return score;
}

describe('the debrief in the browser', () => {
  /** The debrief of the example's harmful path (as in the core's report tests: −6 of a best of 4), drawn. */
  /** The debrief of the example played with `replies`, its debrief changed by `change` (a playthrough stopped early). */
  const renderExampleDebrief = (text: string, replies: readonly string[], change: (d: DebriefData) => DebriefData = (d) => d) => {
    const example = validateScenario(text, 'example.json').scenario;
    if (!example) throw new Error('not valid');
    const actor = startSession(example, 'practice');
    for (const replyId of replies) {
      while (actor.getSnapshot().can({ type: 'scene.continue' })) actor.send({ type: 'scene.continue' });
      actor.send({ type: 'reply.choose', replyId });
    }
    while (actor.getSnapshot().can({ type: 'scene.continue' })) actor.send({ type: 'scene.continue' });
    render(<Debrief scenario={example} debrief={change(actor.getSnapshot().output as DebriefData)} mode="practice" recorded={false} whatIf={false} onTryAgain={() => undefined} />);
  };
  const renderHarmfulDebrief = (text = exampleText) => renderExampleDebrief(text, ['phone-accuse', 'after-search']);

  it('names its parts at the top, each button taking the focus (and the screen) to that part, the last to what comes next', async () => {
    renderHarmfulDebrief();
    const user = userEvent.setup();
    const route = window.location.hash;
    const parts = screen.getByRole('navigation', { name: 'Parts of this debrief' });
    // Buttons, not links: the address's hash is the app's route, so a link "#outcome-heading" copied
    // or opened in a new tab led to the first page. No link of the debrief is to a fragment of it.
    expect(within(parts).queryAllByRole('link')).toEqual([]);
    expect([...document.querySelectorAll('article.debrief a[href^="#"]')].map((a) => a.getAttribute('href')).filter((h) => !h!.startsWith('#/'))).toEqual([]);
    const links = within(parts).getAllByRole('button');
    // The outcome and score first (the overview), then the story's ending.
    expect(links.map((l) => l.textContent)).toEqual(['Outcome', 'Ending', 'Critical violations', 'Principles', 'Transcript', 'Your path beside best practice', 'What next']);
    const headings = ['Outcome:', 'Ending:', 'Critical violations', 'Principles of the guide', 'Transcript', 'Your path beside best practice', 'What next'];
    for (const [i, link] of links.entries()) {
      link.focus();
      await user.keyboard('{Enter}');
      expect(document.activeElement?.tagName, link.textContent!).toBe('H2');
      expect(document.activeElement?.textContent?.startsWith(headings[i]!), `${link.textContent} → ${document.activeElement?.textContent}`).toBe(true);
    }
    // What next is the heading just before Try again (the next Tab).
    await user.tab();
    expect(document.activeElement?.textContent).toBe('Try again');
    expect(window.location.hash, 'the route is left alone').toBe(route);
  });

  // Folded on a phone (each decision's feedback, what each principle to work on asks, the paths):
  // a reader who wants it all opens it with one press, as GOV.UK's "Show all sections".
  it('"Show all details" opens every folded part and "Hide all details" closes them; each opened one by one says the same', async () => {
    renderHarmfulDebrief();
    const user = userEvent.setup();
    const folds = () => [...document.querySelectorAll('article.debrief details')].map((d) => (d as HTMLDetailsElement).open);
    const button = screen.getByRole('button', { name: 'Show all details' });
    expect(button.getAttribute('aria-expanded')).toBe('false');
    // Two decisions, four principles to work on, the paths.
    expect(folds()).toEqual([false, false, false, false, false, false, false]);
    await user.click(button);
    expect(folds().every(Boolean)).toBe(true);
    expect([button.textContent, button.getAttribute('aria-expanded')]).toEqual(['Hide all details', 'true']);
    await user.click(button);
    expect(folds().some(Boolean)).toBe(false);
    expect([button.textContent, button.getAttribute('aria-expanded')]).toEqual(['Show all details', 'false']);
    // Opened one by one: the last one opened, the button offers to hide them all.
    for (const summary of document.querySelectorAll<HTMLElement>('article.debrief summary')) await user.click(summary);
    expect(folds().every(Boolean)).toBe(true);
    await waitFor(() => expect(button.textContent).toBe('Hide all details'));
  });

  it('on paper every folded part is open (beforeprint), and after printing those it opened are shut again', () => {
    renderHarmfulDebrief();
    const folds = () => [...document.querySelectorAll('article.debrief details')].map((d) => (d as HTMLDetailsElement).open);
    const first = document.querySelector('article.debrief details') as HTMLDetailsElement;
    first.open = true;
    act(() => void window.dispatchEvent(new Event('beforeprint')));
    expect(folds().every(Boolean)).toBe(true);
    act(() => void window.dispatchEvent(new Event('afterprint')));
    // Only the one the reader had opened stays open.
    expect(folds()).toEqual([true, false, false, false, false, false, false]);
  });

  it('a score below zero is said in words, as the terminal says it, and no minus is a hyphen', () => {
    renderHarmfulDebrief();
    expect(screen.getByText(/^Score:/).parentElement?.textContent).toBe('Score: 0% (6 points below zero, of 4 possible)');
    expect(document.body.textContent).not.toMatch(/-\d/);
  });

  it('quotes a reply that was said, and marks an action as "Do:", not quoted as if it were said', () => {
    renderHarmfulDebrief();
    const text = document.body.textContent ?? '';
    expect(text).toContain('You chose: “Who bought you that? You need to tell me the truth.” (−3; best here +2)');
    expect(text).toContain('You chose: Do: Look Jade up on social media tonight to see who the boyfriend is. (−3; best here +2)');
    expect(text).not.toContain('“Look Jade');
  });

  it('marks an action as "Do:" in the path beside best practice and in the best-practice path too, never quoted as if it were said', () => {
    renderHarmfulDebrief();
    const row = screen.getByRole('rowheader', { name: '2. After the visit' }).closest('tr')!;
    // Each cell's words, less the label of its column that a phone's screen shows in it (hidden from screen readers, which read the header).
    const labels = [...row.querySelectorAll('.cell-label')];
    expect(labels.map((l) => [l.textContent, l.getAttribute('aria-hidden')])).toEqual([['Your reply: ', 'true'], ['Best practice here: ', 'true']]);
    expect([...row.querySelectorAll('td')].map((td) => [...td.childNodes].filter((n) => !labels.includes(n as Element)).map((n) => n.textContent).join(''))).toEqual([
      'Do: Look Jade up on social media tonight to see who the boyfriend is. (−3)',
      expect.stringMatching(/^Do: Call your Advocate Supervisor .* \(\+2\)$/),
    ]);
    expect(document.body.textContent).not.toContain('“Call your Advocate Supervisor');
    // The best-practice path in full (no decision taken, so none of it was shown above): words said
    // quoted, an action "Do: …".
    cleanup();
    renderExampleDebrief(exampleText, ['phone-accuse', 'after-search'], (d) => ({ ...d, turns: [] }));
    const best = bestPathAfterHeading();
    expect(best.map((e) => e.tagName)).toEqual(['OL']);
    const steps = [...best[0]!.querySelectorAll('li')].map((li) => li.textContent);
    expect(steps[0]).toBe('The new phone: “That\'s a nice one! How did you get it?” (+2)');
    expect(steps[1]).toMatch(/^After the visit: Do: Call your Advocate Supervisor .* \(\+2\)$/);
    expect(document.body.textContent).not.toContain('“Call your Advocate Supervisor');
  });

  /** What follows "The best-practice path from the start" in its section: its paragraphs and lists. */
  const bestPathAfterHeading = () => {
    const heading = screen.getByRole('heading', { name: 'The best-practice path from the start', level: 3 });
    const out: Element[] = [];
    for (let e = heading.nextElementSibling; e; e = e.nextElementSibling) out.push(e);
    return out;
  };

  // It said again, word for word, the decisions and best replies the table had just shown: about a
  // thousand pixels of a phone's debrief.
  it('says the best-practice path from the start without repeating the table above it: its decisions in a line, those it did not show in a list numbered as the path is', () => {
    renderHarmfulDebrief();
    let best = bestPathAfterHeading();
    expect(best.map((e) => [e.tagName, e.textContent])).toEqual([['P', 'Decisions 1 and 2: the same decisions as in your path above, where the best-practice reply for each is shown.']]);
    expect(document.body.textContent).not.toContain('The new phone: “That\'s a nice one!');
    cleanup();
    // Stopped after the first decision: the second, never reached, in full, as item 2 of the path.
    renderExampleDebrief(exampleText, ['phone-curious', 'after-supervisor'], (d) => ({ ...d, turns: d.turns.slice(0, 1) }));
    best = bestPathAfterHeading();
    expect(best.map((e) => e.tagName)).toEqual(['P', 'OL']);
    expect(best[0]!.textContent).toBe('Decision 1: the same decision as in your path above, where its best-practice reply is shown.');
    expect(best[1]!.getAttribute('start')).toBe('2');
    expect(within(best[1] as HTMLElement).getAllByRole('listitem').map((li) => li.textContent)).toEqual([expect.stringMatching(/^After the visit: Do: Call your Advocate Supervisor .* \(\+2\)$/)]);
    cleanup();
    // Best practice all the way: one sentence.
    renderExampleDebrief(exampleText, ['phone-curious', 'after-supervisor']);
    expect(bestPathAfterHeading().map((e) => [e.tagName, e.textContent])).toEqual([['P', 'Your path above is the best-practice path: your reply was best practice at every decision.']]);
  });

  it('names the decision of a critical violation in quotation marks once, also when its title is a quotation of its own', () => {
    const critical = () => document.querySelector('.critical li')?.textContent ?? '';
    renderHarmfulDebrief();
    expect(critical()).toBe('✗ Don\'t investigate (guide: "Prohibited Activities"): see decision 2 (“After the visit”) below.');
    for (const quoted of ['“After the visit”', '"After the visit"']) {
      cleanup();
      renderHarmfulDebrief(exampleText.replace('"title": "After the visit"', `"title": ${JSON.stringify(quoted)}`));
      // ““After the visit”” (or “"After the visit"”) read as a stutter of quotation marks.
      expect(critical()).toContain(`(guide: "Prohibited Activities"): see decision 2 (${quoted}) below.`);
    }
  });

  // A critical violation's reply and feedback were in the debrief twice (under "Critical violations"
  // and with the reply) and its principle three times (a table of principles, then "To work on").
  it('says a critical violation\'s feedback once, with its reply: the list of critical violations names the principle and links to that decision', async () => {
    const user = userEvent.setup();
    renderHarmfulDebrief();
    const feedback = 'Researching a youth online is investigating, which CASAs are prohibited from doing (Prohibited Activities).';
    const text = document.body.textContent ?? '';
    expect(text.split(feedback)).toHaveLength(2);
    expect(text.split('Look Jade up on social media tonight')).toHaveLength(3); // the reply, and the path beside best practice
    // Each principle once: in the list of principles (no table of them as well).
    const principles = within(screen.getByRole('region', { name: 'Principles of the guide' }));
    expect(principles.queryByRole('table')).toBeNull();
    // The decisions one by one are headed "Transcript", as in the Markdown export and the terminal (it said "Your replies, annotated").
    expect(screen.getByRole('region', { name: 'Transcript' }).querySelectorAll('li[id]')).toHaveLength(2);
    expect(principles.getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      expect.stringMatching(/^Critical: you went against "Don't investigate" \(guide: "Prohibited Activities"\)\. CASAs are not allowed/),
      expect.stringMatching(/^You went against "Curious, not interrogating" \(guide: "Red Flags"\)\./),
      expect.stringMatching(/^You went against "Don't jump to conclusions from red flags" \(guide: "Red Flags"\)\./),
      expect.stringMatching(/^You missed a chance for "Take suspicions to the Advocate Supervisor" \(guide: "Red Flags"\)\./),
    ]);
    // Each names its principle in its summary, what the guide asks opened on demand.
    expect(principles.getAllByRole('listitem').map((li) => li.querySelector('details:not([open]) > summary')?.textContent)).toEqual([
      'Critical: you went against "Don\'t investigate" (guide: "Prohibited Activities").',
      'You went against "Curious, not interrogating" (guide: "Red Flags").',
      'You went against "Don\'t jump to conclusions from red flags" (guide: "Red Flags").',
      'You missed a chance for "Take suspicions to the Advocate Supervisor" (guide: "Red Flags").',
    ]);
    // Where the feedback is, the verdict says it is a critical one.
    const decision = screen.getByRole('heading', { level: 3, name: 'After the visit' }).closest('li')!;
    expect(decision.textContent).toContain('✗ violates Don\'t investigate (guide: "Prohibited Activities", critical)');
    expect(decision.textContent).toContain(feedback);
    // Folded on the page, a decision's verdicts and feedback are opened by its button ("Feedback on this reply").
    const folded = decision.querySelector('details')!;
    expect(folded.open).toBe(false);
    expect(folded.querySelector('summary')?.textContent).toBe('Feedback on this reply (decision 2)');
    expect(folded.textContent).toContain(feedback);
    // Its button (in the sentence: no fragment link, which opened anew led to the first page) goes there, and opens it (the page's address, a route, stays as it is).
    const before = location.hash;
    // (The missed chance under "To work on" names the same decision: the critical violation's own.)
    await user.click(within(document.querySelector<HTMLElement>('ul.critical')!).getByRole('button', { name: 'decision 2 (“After the visit”)' }));
    expect(document.activeElement).toBe(within(decision).getByRole('heading', { level: 3 }));
    expect(folded.open).toBe(true);
    expect(location.hash).toBe(before);
  });

  // Followed once and missed once, it was only "You kept to" it, and not among what to work on.
  it('says of a principle kept to at one decision and missed at another both, in its strength and under "To work on"', () => {
    const file = JSON.parse(exampleText) as { nodes: { replies?: { id: string; assessments: unknown[] }[] }[] };
    for (const n of file.nodes) for (const r of n.replies ?? []) if (r.id === 'after-supervisor') r.assessments.push({ principle: 'curious-not-interrogating', verdict: 'follows' });
    renderExampleDebrief(JSON.stringify(file), ['phone-ignore', 'after-supervisor']);
    const principles = within(screen.getByRole('region', { name: 'Principles of the guide' }));
    const items = (name: string) => principles.getByRole('heading', { level: 3, name }).nextElementSibling?.textContent ?? '';
    expect(items('To work on')).toContain('You kept to "Curious, not interrogating" at only 1 of 2 chances (guide: "Red Flags").');
    expect(items('Strengths')).not.toContain('Curious, not interrogating');
  });
});
