// @vitest-environment jsdom
import { act, cleanup, fireEvent, render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { analyseBest, memoryStore, playthroughRecord, recordPlaythrough, validateScenario, type Scenario } from '../../src/machines/index.js';
import Certificate from '../../src/web/pages/Certificate.js';
import Records from '../../src/web/pages/Records.js';
import { StoreContext } from '../../src/web/store.js';
import { msToNextDay } from '../../src/web/today.js';
import exampleText from '../fixtures/good/example.json?raw';
import { playReplies } from '../helpers/play.js';

// My records worked out "this year" when it was drawn: a page left open over New Year went on
// totalling the old year as "so far", under practice finished in the new one. The year now follows
// the clock, by one timer to the next midnight (none firing in between), removed with the page.

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const example = validateScenario(exampleText, 'example.json').scenario as Scenario;
const debrief = playReplies(example, analyseBest(example).path.map((p) => p.replyId))!;
let n = 0;
const bytes = (b: Uint8Array) => b.map((_, i) => (++n * 31 + i * 7) & 0xff);

/** A store holding a practice of the example finished at each of `finished` (12 minutes each). */
function storeFinishedOn(...finished: Date[]) {
  const store = memoryStore();
  // In the order they were finished (records read at an earlier time take a later finish for a clock set wrong).
  [...finished].sort((a, b) => a.getTime() - b.getTime()).forEach((at, i) => {
    const record = playthroughRecord(example, debrief, { mode: 'practice', startedAt: new Date(at.getTime() - 12 * 60_000).toISOString(), randomBytes: bytes }, at);
    // Each its own id (the one bytes gives is the same each time: one practice, recorded once).
    recordPlaythrough(store, { ...record, id: `0b1e3a1c-0000-4000-8000-00000000000${i}` }, bytes, at);
  });
  return store;
}

describe('My records over New Year', () => {
  it('the year\'s total turns to the new year at midnight, with no timer firing before then, and leaves no timer behind', () => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'], now: new Date(2026, 11, 31, 23, 58, 0) });
    const store = memoryStore();
    const finished = new Date(2026, 5, 1, 12, 0, 0);
    recordPlaythrough(store, playthroughRecord(example, debrief, { mode: 'practice', startedAt: new Date(finished.getTime() - 12 * 60_000).toISOString(), randomBytes: bytes }, finished), bytes, finished);
    const page = render(<StoreContext.Provider value={store}><Records /></StoreContext.Provider>);
    const total = () => page.container.querySelector('.records-total')?.textContent ?? '';
    expect(total()).toContain('of finished practice in 2026 (12 minutes from 1 finished scenario)');
    // The page's one timer is due at midnight, not sooner.
    expect(vi.getTimerCount()).toBe(1);
    act(() => void vi.advanceTimersToNextTimer());
    expect(new Date(Date.now())).toEqual(new Date(2027, 0, 1));
    expect(total()).toContain('0 hours of finished practice in 2027 (0 minutes from 0 finished scenarios). Finished in other years: 2026 (1 finished scenario).');
    // Set again for the next midnight, and removed with the page.
    expect(vi.getTimerCount()).toBe(1);
    page.unmount();
    expect(vi.getTimerCount()).toBe(0);
  });

  // A computer asleep over midnight wakes with the timer not yet fired (timers wait out the sleep).
  // With some practice kept: with none, the page names no year (it says once that there is none).
  it('shown again after a sleep past New Year, the page looks at the clock at once', () => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'], now: new Date(2026, 11, 31, 18, 0, 0) });
    const store = memoryStore();
    const finished = new Date(2026, 5, 1, 12, 0, 0);
    recordPlaythrough(store, playthroughRecord(example, debrief, { mode: 'practice', startedAt: new Date(finished.getTime() - 12 * 60_000).toISOString(), randomBytes: bytes }, finished), bytes, finished);
    const page = render(<StoreContext.Provider value={store}><Records /></StoreContext.Provider>);
    const total = () => page.container.querySelector('.records-total')?.textContent ?? '';
    expect(total()).toContain('in 2026');
    vi.setSystemTime(new Date(2027, 0, 1, 9, 0, 0));
    expect(document.visibilityState).toBe('visible');
    act(() => void document.dispatchEvent(new Event('visibilitychange')));
    expect(total()).toContain('in 2027');
    // Still one timer, now for the next midnight.
    expect(vi.getTimerCount()).toBe(1);
    act(() => void vi.advanceTimersToNextTimer());
    expect(new Date(Date.now())).toEqual(new Date(2027, 0, 2));
  });

  it('the certificate offers the new year at midnight and is dated that day, the year chosen left as it was', () => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'], now: new Date(2026, 11, 31, 23, 59, 0) });
    const page = render(<StoreContext.Provider value={memoryStore()}><Certificate /></StoreContext.Provider>);
    const years = () => [...page.container.querySelectorAll('option')].map((o) => o.textContent);
    const chosen = () => page.container.querySelector('select')?.value;
    expect(years()).toEqual(['2026']);
    expect(page.container.textContent).toContain('Made by casa-practice on 2026-12-31.');
    act(() => void vi.advanceTimersToNextTimer());
    expect(years()).toEqual(['2027', '2026']);
    expect(chosen()).toBe('2026');
    expect(page.container.textContent).toContain('Made by casa-practice on 2027-01-01.');
  });

  // In January the certificate opened on the new year ("No practice was completed in 2027"), while
  // the one a volunteer hands in then is last year's. When the year begun has no practice and the
  // year before has, it opens on the year before and says so beside the Year list, with how to
  // switch; otherwise it opens on this year, as before.
  it('in a January with no practice yet, the certificate opens on last year\'s, says which year it shows and how to switch', () => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'], now: new Date(2027, 0, 6, 9, 0, 0) });
    const page = render(<StoreContext.Provider value={storeFinishedOn(new Date(2026, 10, 20, 12, 0, 0), new Date(2025, 5, 1, 12, 0, 0))}><Certificate /></StoreContext.Provider>);
    const select = page.getByLabelText('Year') as HTMLSelectElement;
    const certificate = () => page.container.querySelector('.certificate')?.textContent ?? '';
    expect(select.value).toBe('2026');
    expect(certificate()).toMatch(/completed the role-play\s+practice below in 2026/);
    const note = 'This certificate is for 2026, last year: no practice has been finished in 2027 yet. To show another year, choose it in the Year list.';
    expect(document.getElementById(select.getAttribute('aria-describedby') ?? '')?.textContent).toBe(note);
    // Switched to this year: its certificate, as before, and the note has served its turn.
    fireEvent.change(select, { target: { value: '2027' } });
    expect(certificate()).toContain('No practice was completed in 2027.');
    expect(page.container.textContent).not.toContain(note);
    expect(select.hasAttribute('aria-describedby')).toBe(false);
    fireEvent.change(select, { target: { value: '2026' } });
    expect(page.container.textContent).not.toContain(note);
  });

  // Practice finished meanwhile in another tab: the note no longer says this year has none.
  it('opened on last year\'s, the certificate stops saying this year has no practice once some is finished in another tab', () => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'], now: new Date(2027, 0, 6, 9, 0, 0) });
    const store = storeFinishedOn(new Date(2026, 10, 20, 12, 0, 0));
    const changed: (() => void)[] = [];
    const watched = Object.assign(store, { watch: (_key: string, then: () => void) => (changed.push(then), () => undefined) });
    const page = render(<StoreContext.Provider value={watched}><Certificate /></StoreContext.Provider>);
    expect(page.container.textContent).toContain('no practice has been finished in 2027 yet');
    const finished = new Date(2027, 0, 6, 8, 30, 0);
    recordPlaythrough(store, { ...playthroughRecord(example, debrief, { mode: 'practice', startedAt: new Date(finished.getTime() - 12 * 60_000).toISOString(), randomBytes: bytes }, finished), id: '0b1e3a1c-0000-4000-8000-000000000009' }, bytes, finished);
    act(() => changed.forEach((then) => then()));
    // The year shown stays as it was (the volunteer may be reading it); the note that 2027 has none goes.
    expect((page.getByLabelText('Year') as HTMLSelectElement).value).toBe('2026');
    expect(page.container.textContent).not.toContain('no practice has been finished in 2027 yet');
    expect(page.getByLabelText('Year').hasAttribute('aria-describedby')).toBe(false);
  });

  it.each([
    ['this year has practice', [new Date(2027, 0, 3, 12, 0, 0), new Date(2026, 10, 20, 12, 0, 0)]],
    ['the only practice is two years back', [new Date(2025, 5, 1, 12, 0, 0)]],
    ['there is no practice at all', []],
  ])('the certificate opens on this year, with no note, when %s', (_, finished) => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'], now: new Date(2027, 0, 6, 9, 0, 0) });
    const page = render(<StoreContext.Provider value={storeFinishedOn(...finished)}><Certificate /></StoreContext.Provider>);
    expect((page.getByLabelText('Year') as HTMLSelectElement).value).toBe('2027');
    expect(page.getByLabelText('Year').hasAttribute('aria-describedby')).toBe(false);
    expect(page.container.textContent).not.toContain('This certificate is for');
  });

  it('the timer is set for the next local midnight: a day at most, never a tight loop', () => {
    expect(msToNextDay(new Date(2026, 11, 31, 23, 59, 30))).toBe(30_000);
    expect(msToNextDay(new Date(2027, 0, 1, 0, 0, 0))).toBe(new Date(2027, 0, 2).getTime() - new Date(2027, 0, 1).getTime());
    expect(msToNextDay(new Date(2026, 11, 31, 23, 59, 59, 999))).toBe(1000);
  });
});
