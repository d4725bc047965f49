import { afterAll, afterEach, beforeAll, beforeEach, vi } from 'vitest';
import { act, configure, getConfig, render, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { memoryStore, type Store } from '../../src/machines/light.js';
import { App } from '../../src/web/App.js';
import { readScenariosWith, type ScenariosReader } from '../../src/web/scenarios.js';
import { PROJECTOR_CHANNEL, PROJECTOR_PROTOCOL, type ProjectedPage, type ProjectorMessage } from '../../src/web/projector.js';

// The first page to open loads the core and a scenario on demand: slower than Testing Library's 1 s.
// A findBy query checks again at every DOM change and every 50 ms until it finds what it waits for;
// each failed check built its error message with the whole document printed (pretty-format), a
// tenth of some files' CPU, for a message nobody reads unless the wait times out. While Testing
// Library waits (it marks that with _disableExpensiveErrorDiagnostics), the error carries the
// message alone; on a timeout waitFor prints the document into it as before (its onTimeout). Every
// other error (a getBy that fails, an element listed in a "found multiple" error) is built as before.
const printedError = getConfig().getElementError;
configure({
  asyncUtilTimeout: 15_000,
  getElementError(message, container) {
    if (message === null || !(getConfig() as { _disableExpensiveErrorDiagnostics?: boolean })._disableExpensiveErrorDiagnostics) return printedError(message, container);
    const error = new Error(message);
    error.name = 'TestingLibraryElementError';
    return error;
  },
});

/** Goes to another address as a link would (the app hears hashchange). */
export async function goTo(hash: string): Promise<void> {
  await act(async () => {
    window.location.hash = hash;
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  });
}

/** The browser's Back, as jsdom does it (its hashchange may come after history.back returns). */
export async function back(): Promise<void> {
  await act(async () => {
    const changed = new Promise((resolve) => window.addEventListener('hashchange', resolve, { once: true }));
    history.back();
    await changed;
  });
}

/** Renders the whole app at a hash route over a given store. */
export function renderApp(hash: string, store: Store = memoryStore()) {
  window.location.hash = hash;
  const result = render(<App store={store} />);
  return { ...result, store };
}

/**
 * A scenario's page opened over a store (a new one unless given), once its first decision is on
 * screen: the page, its store and a user to drive it.
 */
export async function atFirstDecision<S extends Store = ReturnType<typeof memoryStore>>(hash = '#/play/youth-discloses', store: S = memoryStore() as Store as S) {
  const user = userEvent.setup();
  const page = renderApp(hash, store);
  await screen.findByRole('group', { name: /./ });
  return { user, store, page };
}

/**
 * Opens the app at its first page and follows a scenario's card link by keyboard (focus, Enter),
 * as a keyboard user does; resolves once the scenario's page has its heading.
 */
export async function openFromFirstPage(user: ReturnType<typeof userEvent.setup>, link: RegExp, heading: string, store?: Store) {
  const app = renderApp('#/', store);
  (await screen.findByRole('link', { name: link })).focus();
  await user.keyboard('{Enter}');
  await screen.findByRole('heading', { level: 1, name: heading });
  return app;
}

/** Payloads put into every text of a scenario: they must show as text, never run or render as markup. */
/** Edits the JSON kept under `key` in `store` (a save, a kept session) and writes it back; returns the text written. */
export function editStored<T>(store: Store, key: string, edit: (slot: T) => void): string {
  const slot = JSON.parse(store.read(key) as string) as T;
  edit(slot);
  const text = JSON.stringify(slot);
  store.write(key, text);
  return text;
}

export const XSS = ' <script>window.__xss = 1</script><img src=x onerror="window.__xss = 2"> <a href="javascript:window.__xss=3">x</a> "><svg onload="window.__xss=4">';

/** A shorter payload for fields with a length limit (titles, names, labels). */
export const XSS_SHORT = '<img src=x onerror="window.__xss=5">';

/**
 * Presses a reply's number key with the focus in the current decision, by keyboard: Tab first until
 * it is there, as a keyboard user reads on to the replies (the keys act from anywhere on the page:
 * play.test.tsx shows that). After a reply or Continue the app puts the focus on the new moment's
 * heading, where the key is pressed with no Tab (each Tab works out the next stop over the whole
 * page, a third of the time some files took to play a scenario through).
 */
export async function replyKey(user: ReturnType<typeof userEvent.setup>, key: string): Promise<void> {
  for (let tabs = 0; !inCurrentDecision(document.activeElement); tabs++) {
    if (tabs > 40) throw new Error('Tab never reached the current decision');
    await user.tab();
  }
  await user.keyboard(key);
}

/** In the current decision: its replies or its moment. */
function inCurrentDecision(el: Element | null): boolean {
  return el?.closest('.replies, #transcript .moment[data-current]') != null;
}

/**
 * Presses 1 at each decision and Enter on Continue (on "See the debrief" after the reply that ends
 * a practice run's story) until the debrief shows; returns how many replies
 * were given. Each step looks for the decision's named group, or Continue among the page's controls,
 * where they are, not over the whole page (a role query works out the name and visibility of every
 * candidate in the page: as much as a step itself). The group's name is checked where a test waits for
 * the first decision (findByRole('group', { name: /./ })).
 */
export async function playToDebrief(user: ReturnType<typeof userEvent.setup>): Promise<number> {
  let replies = 0;
  for (let step = 0; step < 80; step++) {
    if (document.getElementById('debrief-heading')) return replies;
    if (document.querySelector('.play > [role="group"].replies')) {
      await replyKey(user, '1');
      replies++;
      continue;
    }
    // Practice: the reply that ends the story shows its feedback first; "See the debrief" goes on.
    const next = within(document.querySelector('.play > .controls') as HTMLElement).getByRole('button', { name: document.getElementById('last-reply-heading') ? 'See the debrief' : 'Continue' });
    next.focus();
    await user.keyboard('{Enter}');
  }
  throw new Error('no debrief after 80 steps');
}

/**
 * Files the page offers for download (downloadText: a blob URL on a link that is clicked), kept
 * here instead of saved. Call in beforeEach; the array it returns fills as the page offers files.
 */
export function captureDownloads(files: { name: string; blob: Blob }[] = []): { name: string; blob: Blob }[] {
  let last: Blob | undefined;
  URL.createObjectURL = vi.fn((b: Blob) => ((last = b), 'blob:x'));
  URL.revokeObjectURL = vi.fn();
  HTMLAnchorElement.prototype.click = function click(this: HTMLAnchorElement) {
    if (this.download && last) files.push({ name: this.download, blob: last });
  };
  return files;
}

/** The files offered for download in each test of the file (captureDownloads, emptied before each test): one array, read after the page offers them. */
export function downloadsOfEachTest(): { name: string; blob: Blob }[] {
  const files: { name: string; blob: Blob }[] = [];
  beforeEach(() => {
    files.length = 0;
    captureDownloads(files);
  });
  return files;
}

/**
 * For the tests of this file, the pages read the app's scenarios through `read` (given the built-in
 * files): held back, refused, or with a file added (src/web/scenarios.ts, readScenariosWith); the
 * built-in files again once the file's tests end. Instead of vi.mock, so that the file shares a
 * worker's modules with the others (vite.config.ts: not one of OWN_MODULES).
 */
export function scenariosReadBy(read: ScenariosReader): void {
  beforeAll(() => readScenariosWith(read));
  afterAll(() => readScenariosWith(undefined));
}

/**
 * For the tests of this file, the pages' read of the app's scenarios (scenariosReadBy) can be held
 * back: `hold()` holds it until the function it returns lets it come (`true`) or refuses it (`false`,
 * as when the files do not come: offline, or the app updated on its host); `holdOn(p)` holds it on a
 * promise of the test's own. Nothing is held once a test ends. Call it once, at the file's top level.
 */
export function scenariosHeldBack(): { hold(): (ok: boolean) => Promise<void>; holdOn(p: Promise<void>): void } {
  let held: Promise<void> | undefined;
  scenariosReadBy(async (builtIn) => {
    if (held) await held;
    return builtIn();
  });
  afterEach(() => {
    held = undefined;
  });
  return {
    hold() {
      let end: (ok: boolean) => void = () => {};
      const waited = new Promise<void>((resolve, reject) => {
        end = (ok) => (ok ? resolve() : reject(new Error('Failed to fetch dynamically imported module')));
      });
      // Refused, and not waited on by the test before the page does.
      waited.catch(() => {});
      held = waited;
      return async (ok) => {
        await act(async () => {
          end(ok);
          await waited.catch(() => {});
        });
      };
    },
    holdOn(p) {
      held = p;
    },
  };
}

/** A records file with nothing in it yet, as the core writes one. */
export const EMPTY_RECORDS = `${JSON.stringify({ format: 'casa-practice-records', formatVersion: 2, best: {}, playthroughs: [] })}\n`;

/**
 * Words a screen reader announces from live regions, as they are inserted: watch from now until
 * `stop()`. `within`: the regions (by default polite status regions); `textChanges`: also a text
 * node whose words change in place. A region that appears with its words already in it is not
 * announced, so those words are not listed; except an alert (role="alert", when `within` takes
 * it in), which is read out as it appears, words and all.
 */
export function watchAnnouncements(within = '[role="status"]', textChanges = false): { said: string[]; stop: () => void } {
  const said: string[] = [];
  const observer = new MutationObserver((records) => {
    for (const r of records) {
      const at = r.target instanceof Element ? r.target : r.target.parentElement;
      const inRegion = at?.closest(within) != null;
      for (const n of r.addedNodes) {
        const alert = n instanceof Element && n.getAttribute('role') === 'alert' && n.matches(within);
        if ((inRegion || alert) && n.textContent) said.push(n.textContent);
      }
      if (inRegion && textChanges && r.type === 'characterData' && r.target.textContent) said.push(r.target.textContent);
    }
  });
  observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  return { said, stop: () => observer.disconnect() };
}

/** What a screen reader announces from polite status regions while `act` runs (see watchAnnouncements). */
export async function announcedDuring(act: () => Promise<unknown>): Promise<string[]> {
  const watch = watchAnnouncements();
  try {
    await act();
  } finally {
    watch.stop();
  }
  return watch.said;
}

/**
 * The words a screen reader reads from an element in its reading order: its text, less what is
 * aria-hidden, with a meter read as its name (its labelling element's words, hidden or not) and its value text. Inline elements run together as
 * they do when read aloud: only the words themselves (and punctuation) keep phrases apart.
 */
export function readAloud(el: Element): string {
  if (el.getAttribute('aria-hidden') === 'true') return '';
  if (el.localName === 'meter') return ` ${document.getElementById(el.getAttribute('aria-labelledby') ?? '')?.textContent ?? el.getAttribute('aria-label')}, ${el.getAttribute('aria-valuetext') ?? el.getAttribute('value')} `;
  return [...el.childNodes].map((n) => (n.nodeType === Node.TEXT_NODE ? n.textContent : n instanceof Element ? readAloud(n) : '')).join('');
}

/**
 * A projector window that splits each reveal it is sent into pages by `split` (the reveal's reply
 * numbers to pages of them) and tells the trainer's page, as ProjectorScreen does once it has laid
 * the reveal out (which jsdom cannot: the layout itself is checked in Chromium, room-presenter.e2e).
 * `asked`: the pages the trainer's page asked it for, in order.
 */
export function pagingWindow(split: (numbers: number[]) => number[][], name = 'window-1') {
  const channel = new BroadcastChannel(PROJECTOR_CHANNEL);
  const asked: ProjectedPage[] = [];
  channel.onmessage = (e: MessageEvent<ProjectorMessage>) => {
    const m = e.data;
    if (m.type !== 'state' || m.state.kind !== 'moment' || !m.state.reveal || !m.state.page) return;
    asked.push(m.state.page);
    channel.postMessage({ type: 'pages', id: m.state.page.id, window: name, pages: split(m.state.reveal.map((r) => r.number)), v: PROJECTOR_PROTOCOL } satisfies ProjectorMessage);
  };
  return { asked, close: () => channel.close(), hello: () => channel.postMessage({ type: 'hello', v: PROJECTOR_PROTOCOL } satisfies ProjectorMessage), gone: () => {
      // Closed, as ProjectorScreen says it on its way out: no more pages from it.
      channel.onmessage = null;
      channel.postMessage({ type: 'pages', id: '', window: name, pages: [], v: PROJECTOR_PROTOCOL } satisfies ProjectorMessage);
    } };
}

/**
 * A projector window (on the BroadcastChannel) that says what it shows goes on past its edges
 * (ProjectorScreen measures it in Chromium: app.e2e), recording the scrolls the trainer's page asks
 * of it. `close` it when done.
 */
export function overflowingProjector() {
  const channel = new BroadcastChannel(PROJECTOR_CHANNEL);
  const scrolls: unknown[] = [];
  channel.onmessage = (e: MessageEvent<ProjectorMessage>) => {
    if (e.data.type === 'scroll') scrolls.push(e.data.to);
  };
  const overflow = (below: boolean, above: boolean) => channel.postMessage({ type: 'overflow', window: 'w1', below, above, v: PROJECTOR_PROTOCOL } satisfies ProjectorMessage);
  return { scrolls, overflow, close: () => channel.close() };
}
