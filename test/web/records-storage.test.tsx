// @vitest-environment jsdom
import { act, cleanup, render, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import { localDate, localTime, memoryStore, RECORDS_KEY, type Store } from '../../src/machines/index.js';
import { localStore } from '../../src/web/adapters/local-store.js';
import Records from '../../src/web/pages/Records.js';
import { StoreContext } from '../../src/web/store.js';
import { partSizeWords } from '../../src/web/kept-here.js';
import { downloadsOfEachTest, EMPTY_RECORDS } from './helpers.js';

// Copies set aside of saves, last debriefs and presenter sessions count toward the 3 MB the browser
// keeps for the app like the records' own, but My records offered only the records' copies for
// removal, and the limit's refusal pointed there alone. Removing a copy made room, but what the tab
// held unsaved waited for its next write.

afterEach(cleanup);

// Downloads caught where the page makes them (a blob URL and an anchor's click), without the app around it.
const downloads = downloadsOfEachTest();

const RECORDS_COPY = `${RECORDS_KEY}.damaged-2026-11-02T09-00-00`;
const SAVE_COPY = 'saves/youth-discloses.json.outdated-2026-11-20T15-30-00';
const DEBRIEF_COPY = 'debriefs/youth-discloses.json.damaged-2026-11-21T08-00-00';
const SESSION_COPY = 'facilitation/youth-discloses.json.damaged-2026-11-22T08-00-00';

const renderRecords = (store: Store) => render(<StoreContext.Provider value={store}><Records /></StoreContext.Provider>);
const section = (name: RegExp | string) => screen.getByRole('heading', { level: 2, name });
/** A list of the "Room in this browser" section, under its own heading. */
const list = (name: RegExp | string) => screen.getByRole('heading', { level: 3, name });
/**
 * Queries within the part of the page that holds "Room in this browser" (the backup's controls and
 * that section), and that part: a role query with a name over the whole of My records took most of
 * a test's time (each button's name worked out, for every query and every retry of findBy).
 */
const roomPart = () => {
  const part = section('Room in this browser').parentElement!;
  return { part, ...within(part) };
};

describe('My records: room in this browser, and every copy set aside', () => {
  it('lists every kind of copy with its size and date, under a heading that says damaged and outdated; the room each kind takes, and where it goes', async () => {
    const store = memoryStore({
      [RECORDS_KEY]: EMPTY_RECORDS,
      'saves/youth-discloses.json': 's'.repeat(3000),
      [RECORDS_COPY]: '{"broken',
      [SAVE_COPY]: `{"old save${'x'.repeat(2100)}`,
      [DEBRIEF_COPY]: '{"broken debrief',
      [SESSION_COPY]: '{"broken session',
      'facilitation/court-report.json': 'f'.repeat(100),
    });
    const user = userEvent.setup({ delay: null });
    renderRecords(store);
    const room = roomPart();
    // Named by the scenario's title (the bundled scenarios', loaded for it), newest first.
    const downloadsOffered = await room.findAllByRole('button', { name: /^Download the .* of “What Kiara tells you” set aside on / });
    expect(downloadsOffered.map((b) => b.textContent!.replace(/ set aside on .*/, ''))).toEqual([
      'Download the damaged presenter session of “What Kiara tells you”',
      'Download the damaged last debrief of “What Kiara tells you”',
      'Download the outdated save of “What Kiara tells you”',
    ]);
    const copies = list('Damaged and outdated copies');
    // Under the heading: its news (a live region, empty until something is said), its words, its list.
    expect(copies.nextElementSibling!.getAttribute('aria-live')).toBe('polite');
    const items = copies.nextElementSibling!.nextElementSibling!.nextElementSibling!.querySelectorAll(':scope > li');
    expect(items).toHaveLength(4);
    expect(items[2]!.textContent).toMatch(/\(3 KB\)/);
    expect(room.getAllByRole('button', { name: /^Remove this copy \(/ })).toHaveLength(4);
    // The room: by kind, with where each goes; the parts shown add up to the whole shown (3 + 3 of 6 KB).
    expect(section('Room in this browser').nextElementSibling!.textContent).toBe('casa-practice keeps 6 KB in this browser.');
    const kinds = [...section('Room in this browser').nextElementSibling!.nextElementSibling!.querySelectorAll('li')].map((li) => li.textContent);
    expect(kinds).toEqual([
      expect.stringMatching(/^Your records: less than 1 KB\. Never removed here\./),
      expect.stringMatching(/^Scenarios in progress \(1\): 3 KB\. Each goes when it is finished, or started again, from “Practise a conversation”; or remove one below, under “Scenarios in progress”\.$/),
      expect.stringMatching(/^Presenter sessions \(1\): less than 1 KB\. Each goes when the trainer starts the presenter session over, in presenter mode; or remove one below, under “Presenter sessions”\.$/),
      expect.stringMatching(/^Copies set aside \(4\): 3 KB\. Listed below, under “Damaged and outdated copies”: each can be removed\.$/),
    ]);
    // A save's copy downloads as itself, named for what it is.
    await user.click(downloadsOffered[2]!);
    expect(downloads[0]?.name).toMatch(/^casa-practice-outdated-save-youth-discloses-\d{4}-\d{2}-\d{2}\.json$/);
    expect(await downloads[0]?.blob.text()).toBe(store.read(SAVE_COPY));
    const downloadedNews = room.getByText(`Copy downloaded: ${downloads[0]?.name}.`);
    expect(downloadedNews.closest('[aria-live="polite"]')).not.toBeNull();
    // Said beside the copy downloaded, where the focus stays (verfinalweb-44): said under the list's
    // heading, on a phone it was a screen above the last copy of a few, unseen.
    expect(downloadedNews.closest('li')).toBe(downloadsOffered[2]!.closest('li'));
    expect(document.activeElement).toBe(downloadsOffered[2]);
    // Removed once asked: the question is a heading under the list's (h4 under h3).
    const remove = room.getByRole('button', { name: /^Remove this copy \(the outdated save of/ });
    await user.click(remove);
    const question = room.getByRole('group', { name: /^Remove the outdated save of “What Kiara tells you” set aside on / });
    expect(within(question).getByRole('heading', { level: 4 })).toBeTruthy();
    expect(question.textContent).toContain('You downloaded this copy during this visit.');
    expect(question.textContent).toContain('Nothing else kept in this browser is changed.');
    await user.click(within(question).getByRole('button', { name: 'Remove it for good' }));
    expect(store.data.has(SAVE_COPY)).toBe(false);
    expect(store.data.has('saves/youth-discloses.json')).toBe(true);
    expect(room.getByText(/^The outdated save of “What Kiara tells you” set aside on .* was removed from this browser\. 3 copies set aside are still kept here\.$/)).toBeTruthy();
    // Only damaged ones left: the heading says so (and the room's line names it).
    expect(document.activeElement).toBe(list('Damaged copies'));
  });

  // An outdated copy is sound (made with an earlier version of its scenario): nothing in it to send to
  // whoever helps with the app, as the terminal no longer says of one either (resume-56).
  it('sends only a damaged copy to whoever helps with the app: with outdated copies alone, download to keep', async () => {
    const store = memoryStore({ [RECORDS_KEY]: EMPTY_RECORDS, [SAVE_COPY]: '{"old save"}' });
    renderRecords(store);
    const room = roomPart();
    await room.findByRole('button', { name: /^Download the outdated save of / });
    const words = list('Outdated copies').nextElementSibling!.nextElementSibling!.textContent!;
    expect(words).toContain('you can download one to keep. Each');
    expect(words).not.toContain('whoever helps you');
    cleanup();
    renderRecords(memoryStore({ [RECORDS_KEY]: EMPTY_RECORDS, [SAVE_COPY]: '{"old save"}', [DEBRIEF_COPY]: '{"broken' }));
    await roomPart().findByRole('button', { name: /^Download the damaged last debrief of / });
    expect(list('Damaged and outdated copies').nextElementSibling!.nextElementSibling!.textContent).toContain('you can download one to keep, or a damaged one to send to whoever helps you with the app.');
  });

  it('a copy removed makes room, and what this tab held unsaved is saved at once, and said so', async () => {
    window.localStorage.clear();
    window.localStorage.setItem(`casa-practice/${SAVE_COPY}`, `{"old save${'x'.repeat(600)}`);
    const store = localStore({ maxBytes: 1000 });
    const save = 's'.repeat(500);
    const refused = store.tryWrite('saves/youth-discloses.json', save);
    expect(refused).toMatchObject({ ok: false, problem: { message: expect.stringContaining('To make room, remove the copy set aside under “Outdated copies” on My records (download it first if you want to keep it). “Room in this browser” on My records shows what takes the room') } });
    const user = userEvent.setup({ delay: null });
    renderRecords(store);
    expect(screen.getByText(/^Kept only in this tab until you close it, for want of room: your progress in a scenario\./)).toBeTruthy();
    list('Outdated copies');
    // Listed once the scenarios' titles are known (read after the page's first frame).
    await user.click(await screen.findByRole('button', { name: /^Remove this copy/ }));
    await user.click(screen.getByRole('button', { name: 'Remove it for good' }));
    expect(window.localStorage.getItem(`casa-practice/${SAVE_COPY}`)).toBeNull();
    expect(window.localStorage.getItem('casa-practice/saves/youth-discloses.json')).toBe(save);
    expect(store.problem()).toBeUndefined();
    const said = screen.getByText(/was removed from this browser\./);
    expect(said.textContent).toMatch(/No copies set aside are kept here now\. With the room this made, your progress in a scenario, kept only in this tab until now, is saved in this browser now\.$/);
    expect(said.closest('[aria-live="polite"]')).not.toBeNull();
    expect(screen.queryByText(/^Kept only in this tab until you close it/)).toBeNull();
    // The heading stays with the news, named as it was.
    expect(document.activeElement).toBe(list('Outdated copies'));
    window.localStorage.clear();
  });

  it('room made in another tab: what this tab held is saved, and the page stops saying it is kept only here; the room counts what is stored', async () => {
    window.localStorage.clear();
    window.localStorage.setItem('casa-practice/saves/court-report.json', 'o'.repeat(3000));
    window.localStorage.setItem('casa-practice/saves/youth-discloses.json', 'y'.repeat(1000));
    const store = localStore({ maxBytes: 5000 });
    expect(store.tryWrite('saves/youth-discloses.json', 'z'.repeat(2500)).ok).toBe(false);
    renderRecords(store);
    expect(screen.getByText(/^Kept only in this tab until you close it, for want of room: your progress in a scenario\./)).toBeTruthy();
    // What is stored (the earlier save, not the one held in this tab) is what the limit counts.
    const line = (re: RegExp) => screen.getAllByRole('listitem').filter((li) => re.test(li.textContent ?? ''));
    expect(line(/^Scenarios in progress \(2\): 4 KB\./)).toHaveLength(1);
    window.localStorage.removeItem('casa-practice/saves/court-report.json');
    act(() => void window.dispatchEvent(new StorageEvent('storage', { key: 'casa-practice/saves/court-report.json', oldValue: 'o'.repeat(3000), newValue: null, storageArea: window.localStorage })));
    expect(window.localStorage.getItem('casa-practice/saves/youth-discloses.json')).toBe('z'.repeat(2500));
    expect(screen.queryByText(/^Kept only in this tab until you close it/)).toBeNull();
    expect(line(/^Scenarios in progress \(1\): 3 KB\./)).toHaveLength(1);
    window.localStorage.clear();
  });

  it('the page\'s outline holds with a question open: no heading level skipped or repeated under its section (axe\'s heading rules)', async () => {
    const store = memoryStore({ [RECORDS_KEY]: EMPTY_RECORDS, [RECORDS_COPY]: '{"broken' });
    const user = userEvent.setup({ delay: null });
    const { container } = renderRecords(store);
    await user.click(screen.getByRole('button', { name: /^Remove this copy/ }));
    const levels = [...container.querySelectorAll('h1, h2, h3, h4')].map((h) => `${h.tagName} ${h.textContent}`);
    const at = levels.findIndex((l) => l === 'H3 Damaged copies');
    // In the section the notices of a copy set aside name (SetAsideWhere): "Room in this browser".
    expect(levels.slice(0, at).filter((l) => l.startsWith('H2')).at(-1)).toBe('H2 Room in this browser');
    expect(levels[at + 1]).toMatch(/^H4 Remove the damaged records set aside on /);
    const result = await axe.run(container, { runOnly: ['heading-order', 'empty-heading', 'page-has-heading-one'], resultTypes: ['violations'] });
    expect(result.violations.map((v) => v.id)).toEqual([]);
  });
});


// The section said only how a scenario in progress or a last debrief goes (finished, started again,
// replaced): a volunteer on a shared or full browser could not remove one.
/**
 * The question open: Escape closes it, the focus back on its Remove button and the copy kept; Enter
 * asks again, Tab reaches "Remove it for good", and Enter removes it.
 */
async function keptThenRemoved(user: ReturnType<typeof userEvent.setup>, remove: HTMLElement, stored: () => boolean) {
  await user.keyboard('{Escape}');
  expect(document.activeElement).toBe(remove);
  expect(stored()).toBe(true);
  await user.keyboard('{Enter}');
  await user.tab();
  expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Remove it for good' }));
  await user.keyboard('{Enter}');
}

/**
 * With a Remove button focused, by keyboard: Enter asks first (the question's words checked), Tab
 * to "Remove it for good", Enter; then the focus is on the list's heading and the page says what
 * was removed.
 */
async function confirmRemove(user: ReturnType<typeof userEvent.setup>, question: string, lost: string, listName: string, said: RegExp) {
  await user.keyboard('{Enter}');
  expect(screen.getByRole('group', { name: question }).textContent).toContain(lost);
  await user.tab();
  await user.keyboard('{Enter}');
  expect(document.activeElement).toBe(list(listName));
  expect(screen.getByText(said)).toBeTruthy();
}

describe('My records: a scenario in progress or a last debrief can be removed from "Room in this browser"', () => {
  const SAVE_A = 'saves/night-shift.json';
  const SAVE_B = 'saves/bus-stop.json';
  const DEBRIEF = 'debriefs/night-shift.json';

  it('by keyboard alone: asked first with what is lost (Escape keeps it), then removed, said in the live region, the focus on its list\'s heading', async () => {
    const store = memoryStore({ [RECORDS_KEY]: EMPTY_RECORDS, [SAVE_A]: '{"save a"}', [SAVE_B]: '{"save b"}', [DEBRIEF]: '{"debrief"}' });
    const user = userEvent.setup({ delay: null });
    const { container } = renderRecords(store);
    const progress = list('Scenarios in progress');
    expect(section('Room in this browser').compareDocumentPosition(progress) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    // Listed once the scenarios' titles are known (read after the page's first frame).
    expect(await screen.findAllByRole('button', { name: /^Remove this progress \(your progress in “/ })).toHaveLength(2);
    const remove = screen.getByRole('button', { name: 'Remove this progress (your progress in “night-shift”)' });
    remove.focus();
    await user.keyboard('{Enter}');
    const question = screen.getByRole('group', { name: 'Remove your progress in “night-shift”?' });
    // "night-shift" is not one of this app's scenarios: no start from the beginning is promised (records-backup-other-scenario has one of the app's).
    expect(question.textContent).toContain('Removing it deletes this progress from this browser for good. Your records are not changed.');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Keep this progress' }));
    // The outline holds with the question open: an h4 under the list's h3, under the section's h2.
    const levels = [...container.querySelectorAll('h1, h2, h3, h4')].map((h) => `${h.tagName} ${h.textContent}`);
    expect(levels.slice(levels.indexOf('H3 Scenarios in progress'))).toEqual(['H3 Scenarios in progress', 'H4 Remove your progress in “night-shift”?', 'H3 Last debriefs']);
    // axe on the part of the page that changed (the rest of the page, with a question open in this
    // section, is checked by the outline test): on the whole page it took most of this test's time.
    const result = await axe.run(roomPart().part, { runOnly: ['heading-order', 'empty-heading'], resultTypes: ['violations'] });
    expect(result.violations.map((v) => v.id)).toEqual([]);
    await keptThenRemoved(user, remove, () => store.data.has(SAVE_A));
    expect(store.data.has(SAVE_A)).toBe(false);
    expect([...store.data.keys()].sort()).toEqual([DEBRIEF, RECORDS_KEY, SAVE_B]);
    const said = screen.getByText(/^Your progress in “night-shift” was removed from this browser\./);
    expect(said.textContent).toBe('Your progress in “night-shift” was removed from this browser. One scenario in progress is still kept here.');
    expect(said.closest('[aria-live="polite"]')).not.toBeNull();
    expect(document.activeElement).toBe(list('Scenarios in progress'));
    expect(screen.getAllByRole('button', { name: /^Remove this progress/ })).toHaveLength(1);
    // The last debrief, the only one: gone, and the list's heading stays with the news.
    await user.tab();
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Remove this debrief (the last debrief of “night-shift”)' }));
    await confirmRemove(user, 'Remove the last debrief of “night-shift”?', 'Your records (the scenario finished, and its score) are not changed.', 'Last debriefs', /^The last debrief of “night-shift” was removed from this browser\. No last debriefs are kept here now\.$/);
    expect(store.data.has(DEBRIEF)).toBe(false);
    expect(screen.queryByRole('button', { name: /^Remove this debrief/ })).toBeNull();
  });
});

// "A text from her “cousin”" has quotation marks of its own: inside the marks these lists put round a
// title, they read as a quotation closed twice ("“A text from her “cousin””, kept on …"). Inside,
// they become single marks, as a quotation inside a quotation is written.
describe('My records: a title with quotation marks of its own, named in "Room in this browser"', () => {
  it('has its own marks made single inside the double ones put round it', async () => {
    const store = memoryStore({ [RECORDS_KEY]: EMPTY_RECORDS, 'saves/trafficker-contact.json': 's'.repeat(100), 'saves/trafficker-contact.json.damaged-2026-11-02T09-00-00': '{"broken' });
    renderRecords(store);
    const room = roomPart();
    // The bundled scenarios' titles load after the first frame (the id stands in till then): wait for the title.
    const download = await room.findByRole('button', { name: /^Download the damaged save of “A text/ });
    expect(download.textContent).toMatch(/^Download the damaged save of “A text from her ‘cousin’” set aside on /);
    expect(room.getByRole('button', { name: 'Remove this progress (your progress in “A text from her ‘cousin’”)' })).toBeTruthy();
    expect(room.part.textContent).not.toContain('“cousin”');
  });
});

// Presenter sessions took room like the others, but the section said only that each goes when the
// trainer starts the room session over: a trainer on a shared or full browser could not remove one.
describe('My records: a presenter session can be removed from "Room in this browser"', () => {
  const SESSION = 'facilitation/night-shift.json';
  const OTHER = 'facilitation/bus-stop.json';
  /** A kept presenter session as the core writes it, as far as My records reads it: the decisions made, the votes at the one on screen. */
  const kept = (made: number, votes: Record<string, number>) => JSON.stringify({ format: 'casa-practice-facilitation', formatVersion: 1, session: { snapshot: { status: 'active', context: { transcript: Array.from({ length: made }, (_, i) => ({ nodeId: `d${i}` })) } } }, past: [], current: { votes, revealed: false } });

  it('by keyboard alone: asked first with what the room loses (Escape keeps it), then removed, said in the live region, the focus on the list\'s heading', async () => {
    const store = memoryStore({ [RECORDS_KEY]: EMPTY_RECORDS, [SESSION]: kept(2, { a: 3 }), [OTHER]: kept(0, {}) });
    const user = userEvent.setup({ delay: null });
    renderRecords(store);
    const room = roomPart();
    expect(room.getByText(/^Presenter sessions \(2\):/).closest('li')!.textContent).toMatch(/Each goes when the trainer starts the presenter session over, in presenter mode; or remove one below, under “Presenter sessions”\.$/);
    const heading = list('Presenter sessions');
    // Listed once the scenarios' titles are known (read after the page's first frame).
    await room.findByRole('button', { name: 'Remove this presenter session (the presenter session of “night-shift”)' });
    expect(heading.nextElementSibling!.nextElementSibling!.textContent).toMatch(/^“bus-stop”, with no decision made yet, kept on .*“night-shift”, with 2 decisions made, kept on /);
    const remove = room.getByRole('button', { name: 'Remove this presenter session (the presenter session of “night-shift”)' });
    remove.focus();
    await user.keyboard('{Enter}');
    const question = room.getByRole('group', { name: 'Remove the presenter session of “night-shift”?' });
    expect(question.textContent).toContain('Removing it deletes this presenter session from this browser for good. The 2 decisions the room has made and the votes entered will be lost, and presenter mode starts this scenario from the beginning the next time. Download the summary so far in presenter mode first if you want to keep it. Your records are not changed.');
    expect(document.activeElement).toBe(within(question).getByRole('button', { name: 'Keep this presenter session' }));
    // The question is an h4 under the list's h3 (the page's outline with a question open: the outline test).
    const levels = [...room.part.querySelectorAll('h2, h3, h4')].map((h) => `${h.tagName} ${h.textContent}`);
    expect(levels.slice(levels.indexOf('H2 Room in this browser'))).toEqual(['H2 Room in this browser', 'H3 Presenter sessions', 'H4 Remove the presenter session of “night-shift”?']);
    await keptThenRemoved(user, remove, () => store.data.has(SESSION));
    expect([...store.data.keys()].sort()).toEqual([OTHER, RECORDS_KEY]);
    const said = room.getByText(/^The presenter session of “night-shift” was removed from this browser\./);
    expect(said.textContent).toBe('The presenter session of “night-shift” was removed from this browser. One presenter session is still kept here.');
    expect(said.closest('[aria-live="polite"]')).not.toBeNull();
    expect(document.activeElement).toBe(heading);
    // One where the room entered nothing: nothing the room did is lost, said so.
    await user.tab();
    expect(document.activeElement).toBe(room.getByRole('button', { name: 'Remove this presenter session (the presenter session of “bus-stop”)' }));
    await confirmRemove(user, 'Remove the presenter session of “bus-stop”?', 'The room had entered nothing in it yet, so nothing the room did is lost: presenter mode starts this scenario from the beginning the next time.', 'Presenter sessions', /^The presenter session of “bus-stop” was removed from this browser\. No presenter sessions are kept here now\.$/);
    expect(store.data.has(OTHER)).toBe(false);
  });
});

describe('My records: the room each part takes adds up to the room shown', () => {
  // Each part was rounded up on its own, the whole too: 1 KB + 8 KB + 46 KB of 53 KB.
  it('a save of 7.5 KB and a last debrief of 45.3 KB, with records of a few bytes: less than 1 KB + 8 KB + 45 KB of 53 KB', async () => {
    const store = memoryStore({
      [RECORDS_KEY]: EMPTY_RECORDS,
      'saves/youth-discloses.json': 's'.repeat(7680),
      'debriefs/youth-discloses.json': 'd'.repeat(46387),
    });
    renderRecords(store);
    const room = section('Room in this browser');
    expect(room.nextElementSibling!.textContent).toBe('casa-practice keeps 53 KB in this browser.');
    const kinds = [...room.nextElementSibling!.nextElementSibling!.querySelectorAll('li')].map((li) => /^[^:]+: ([^.]+)\./.exec(li.textContent ?? '')?.[1]);
    expect(kinds).toEqual(['less than 1 KB', '8 KB', '45 KB']);
    // The only one of its kind, listed below (once the scenarios' titles are known), says the size its line says (rounded on its own, 46 KB).
    await screen.findByRole('button', { name: /^Remove this debrief/ });
    const sizeIn = (heading: string) => list(heading).nextElementSibling!.nextElementSibling!.querySelector('li .hint')!.textContent;
    expect([sizeIn('Scenarios in progress'), sizeIn('Last debriefs')]).toEqual(['(8 KB)', '(45 KB)']);
  });

  // Within a kind of several, each was rounded up on its own: two saves of 1.5 KB said 2 KB each under
  // "Scenarios in progress (2): 3 KB", and three copies of 0.4 KB "1 KB" each under "Copies set aside (3): 2 KB".
  it('within a kind of several, the sizes listed add up to its line: two saves of 1.5 KB are 2 KB + 1 KB of 3 KB; three copies of 0.4 KB are 1 KB + 1 KB + less than 1 KB of 2 KB', async () => {
    const store = memoryStore({
      [RECORDS_KEY]: EMPTY_RECORDS,
      'saves/youth-discloses.json': 's'.repeat(1536),
      'saves/court-report.json': 'c'.repeat(1536),
      [SAVE_COPY]: 'x'.repeat(410),
      [DEBRIEF_COPY]: 'y'.repeat(410),
      [SESSION_COPY]: 'z'.repeat(410),
    });
    renderRecords(store);
    const room = section('Room in this browser');
    expect(room.nextElementSibling!.textContent).toBe('casa-practice keeps 5 KB in this browser.');
    const kinds = [...room.nextElementSibling!.nextElementSibling!.querySelectorAll('li')].map((li) => /^[^:]+: ([^.]+)\./.exec(li.textContent ?? '')?.[1]);
    expect(kinds).toEqual(['less than 1 KB', '3 KB', '2 KB']);
    /** The sizes listed under a heading of the room's lists, down to the next heading. */
    const sizesIn = (heading: string) => {
      const hints: (string | null)[] = [];
      for (let at = list(heading).nextElementSibling; at && at.tagName !== 'H3'; at = at.nextElementSibling) hints.push(...[...at.querySelectorAll('li .hint')].map((hint) => hint.textContent));
      return hints;
    };
    // Listed once the scenarios' titles are known (read after the page's first frame).
    await screen.findAllByRole('button', { name: /^Remove this progress/ });
    expect(sizesIn('Scenarios in progress')).toEqual(['(2 KB)', '(1 KB)']);
    expect(sizesIn('Damaged and outdated copies')).toEqual(['(1 KB)', '(1 KB)', '(less than 1 KB)']);
  });

  it('from 1 MB on, in tenths of a MB: each part its size rounded down or up, the parts adding up to the whole', () => {
    const mb = 1024 * 1024;
    // 0.55 + 0.55 + a few bytes: 1.1 MB, one half going up, the other down (each alone said 0.6).
    expect(partSizeWords([0.55 * mb, 0.55 * mb, 100])).toMatchObject({ whole: '1.1 MB', parts: ['0.6 MB', '0.5 MB', 'less than 0.1 MB'] });
    // 2.07 + 1.01 + 0.06 MB: 3.1 MB, the one unit left to the largest remainder (2.07's).
    expect(partSizeWords([2.07 * mb, 1.01 * mb, 0.06 * mb])).toMatchObject({ whole: '3.1 MB', parts: ['2.1 MB', '1 MB', 'less than 0.1 MB'] });
    // Under 1 MB, in KB, rounded up as the whole is: 2.1 + 2.1 KB are 5 KB.
    expect(partSizeWords([2150, 2150])).toMatchObject({ whole: '5 KB', parts: ['3 KB', '2 KB'] });
  });
});

// localStorage keeps no write times, so the store stamps each value's under "@modified/": text in the
// browser's storage like any other, and untrusted. A stamp no date can hold (1e300 is a finite number,
// but no time: new Date(1e300).toISOString() throws) stopped My records ("This page could not be
// shown"), as did a copy's time that is no time ("…T23-60-00") with such a stamp. They are a time not known.
describe('My records: hostile write times in the browser\'s storage', () => {
  it('a save, a debrief and a copy whose write times no date can hold are listed without a date, the page whole', async () => {
    window.localStorage.clear();
    const put = (key: string, text: string, stamp: string) => {
      window.localStorage.setItem(`casa-practice/${key}`, text);
      window.localStorage.setItem(`casa-practice/@modified/${key}`, stamp);
    };
    put(RECORDS_KEY, EMPTY_RECORDS, '1e300');
    put('saves/youth-discloses.json', '{"save"}', '1e300');
    put('debriefs/youth-discloses.json', '{"debrief"}', '-8.64e15');
    put('saves/couch-rent.json.damaged-2026-12-01T23-60-00', '{"broken', '8640000000000001');
    renderRecords(localStore());
    const room = roomPart();
    expect(await room.findByRole('button', { name: 'Remove this progress (your progress in “What Kiara tells you”)' })).toBeTruthy();
    expect(room.getByRole('button', { name: 'Remove this debrief (the last debrief of “What Kiara tells you”)' })).toBeTruthy();
    expect(room.getAllByRole('button', { name: /^Download the damaged save of .* set aside on / })).toHaveLength(1);
    expect(room.part.textContent).not.toMatch(/saved on|kept on/);
  });
});

// From the web check (session 61): a backup loaded in a new browser listed each of its scenarios in
// progress as "saved on" the moment the backup was loaded (the store's write time), while the
// Scenarios page said "saved 7 days ago" of the same save, from the save's own time.
describe('My records: a scenario in progress loaded from a backup', () => {
  it('is listed as saved when the volunteer saved it, as the Scenarios page says, not when the backup was loaded', async () => {
    const savedAt = '2026-11-01T15:20:00.000Z';
    const save = {
      format: 'casa-practice-terminal-save', formatVersion: 1, scenario: { source: 'bundled', id: 'youth-discloses' },
      session: { format: 'casa-practice-session', formatVersion: 1, scenarioId: 'youth-discloses', scenarioVersion: 1, savedAt, snapshot: { value: 'd1', status: 'active', context: { mode: 'practice', transcript: [] } } },
    };
    const backup = {
      format: 'casa-practice-backup', formatVersion: 1, exportedAt: '2026-11-01T16:00:00.000Z',
      records: { format: 'casa-practice-records', formatVersion: 2, best: {}, playthroughs: [] },
      saves: { 'saves/youth-discloses.json': save },
    };
    // Loaded a week later (the store's write time).
    const store = memoryStore({}, () => Date.parse('2026-11-08T09:00:00.000Z'));
    const user = userEvent.setup({ delay: null });
    renderRecords(store);
    await user.upload(screen.getByLabelText('Load a backup file'), new File([JSON.stringify(backup)], 'casa-practice-backup-2026-11-01.json'));
    const room = roomPart();
    const item = (await room.findByRole('button', { name: /^Remove this progress/ })).closest('li')!;
    expect(item.textContent).toContain(`“What Kiara tells you”, saved on ${localDate(savedAt)}, ${localTime(savedAt)} `);
  });
});

// From the web check (session 61): the app writes no setting under its prefix, so a value there of no
// kind it knows (a newer version's, or one put there by hand) was listed as "Settings: 2.8 MB. A few bytes."
describe('My records: a value in this browser\'s storage of no kind this version knows', () => {
  it('is listed as such with its size, not called a setting of "a few bytes"', async () => {
    const store = memoryStore({ [RECORDS_KEY]: EMPTY_RECORDS, 'notes/mine.txt': 'n'.repeat(40 * 1024) });
    renderRecords(store);
    const room = roomPart();
    const line = (await room.findByText('Other values:')).closest('li')!;
    expect(line.textContent).toBe('Other values: 40 KB. This version of casa-practice does not know what they are (a newer version may have written them), so it leaves them as they are.');
    expect(room.part.textContent).not.toMatch(/Settings|A few bytes/);
  });
});
