// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { act, cleanup, render, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRoom, memoryStore, presenterView, recordPlaythrough, reduceRoom, roomContext, roomSessionView, validateScenario, type Debrief as DebriefData, type PlaythroughRecord, type Scenario } from '../../src/machines/index.js';
import { LiveRoom } from '../../src/web/components/LiveRoom.js';
import type { RoomSnapshot } from '../../src/web/room-client.js';
import { Debrief } from '../../src/web/components/Debrief.js';
import { Facilitation } from '../../src/web/pages/Presenter.js';
import exampleText from '../fixtures/good/example.json?raw';
import { playToDebrief, renderApp } from './helpers.js';
import { sessionAfter } from '../helpers/play.js';
import { timeZoneForFile } from '../helpers/time-zone.js';

// The app's own stylesheet, put into the test's document: jsdom applies its rules to computed styles.
const CSS = readFileSync(join(import.meta.dirname, '..', '..', 'src', 'web', 'styles.css'), 'utf8');

// The record's date is on the local clock: 18:00 UTC on 18 March is that day in Los Angeles, whatever
// zone the machine is in (in Pacific/Kiritimati it is the 19th).
timeZoneForFile('America/Los_Angeles');

afterEach(() => {
  vi.restoreAllMocks();
  cleanup();
  document.head.querySelectorAll('style[data-app]').forEach((s) => s.remove());
});

/**
 * styles.css in the test's document, until the test ends. `phone`: with its rules for a phone's
 * screen (@media (max-width: 30rem), which jsdom does not match) applied as well.
 */
function withStylesheet(phone = false) {
  const style = document.createElement('style');
  style.dataset.app = '';
  style.textContent = phone ? `${CSS}\n${phoneRules(CSS)}` : CSS;
  document.head.append(style);
}

/** styles.css in the test's document with its rules for paper (@media print, which jsdom does not match) applied as well. */
function withPrintStylesheet() {
  const style = document.createElement('style');
  style.dataset.app = '';
  style.textContent = `${CSS}\n${phoneRules(CSS, '@media print')}`;
  document.head.append(style);
}

/** The rules inside each `media` block (@media (max-width: 30rem) unless named) of `css`, out of it. */
function phoneRules(css: string, media = '@media (max-width: 30rem)'): string {
  const blocks: string[] = [];
  for (let at = css.indexOf(media); at >= 0; at = css.indexOf(media, at + 1)) {
    const open = css.indexOf('{', at);
    let depth = 0;
    for (let i = open; i < css.length; i++) {
      if (css[i] === '{') depth++;
      else if (css[i] === '}' && --depth === 0) {
        blocks.push(css.slice(open + 1, i));
        break;
      }
    }
  }
  return blocks.join('\n');
}

/** Whether the element is printed, by the stylesheet's rules (none of it or its ancestors display: none). */
function printed(el: Element | null): boolean {
  if (!el) throw new Error('not on the page');
  for (let e: Element | null = el; e; e = e.parentElement) if (getComputedStyle(e).display === 'none') return false;
  return true;
}

/**
 * A live room of the example at its first decision's reveal (one phone's vote), rendered as the
 * presenter's page shows it; `open`: at that decision with its vote open, `view` changed by `edit`.
 */
function renderRoomAtReveal({ open = false, edit = (v) => v }: { open?: boolean; edit?: (view: ReturnType<typeof presenterView>) => ReturnType<typeof presenterView> } = {}) {
  const room = roomContext(validateScenario(exampleText, 'example.json').scenario as Scenario);
  const link = { room: 'FAKE23', token: 't'.repeat(43) };
  let state = createRoom(room, link.room, 1, new Date('2026-01-01T00:00:00Z'));
  const act = (message: Record<string, unknown>, from: { from: 'presenter' } | { from: 'voter'; device: string } = { from: 'presenter' }) => {
    const full = from.from === 'presenter' ? { ...message, room: link.room, token: link.token, seq: state.presenterSeq + 1 } : { ...message, room: link.room };
    const result = reduceRoom(room, state, { ...from, message: full } as Parameters<typeof reduceRoom>[2]);
    if (!result.ok) throw new Error(`refused: ${result.code}`);
    state = result.state;
  };
  // The example opens on a decision: the first step shows it (its vote closed), the next opens its vote.
  act({ type: 'advance', node: roomSessionView(room, state).nodeId });
  act({ type: 'open', node: roomSessionView(room, state).nodeId });
  const device = 'phone-0001-abcdefghij';
  act({ type: 'join', device }, { from: 'voter', device });
  act({ type: 'vote', seq: 1, round: state.round, reply: 1 }, { from: 'voter', device });
  if (!open) act({ type: 'reveal', round: state.round });
  const view = edit(presenterView(room, state, 1));
  const snapshot: RoomSnapshot = { status: 'open', room: link.room, view, count: view.count, join: `http://192.0.2.7:8080/join?room=${link.room}` };
  // In the app's presenter-mode frame, whose type the page's text takes.
  render(<div className="app presenter"><LiveRoom link={link} connect={() => ({ subscribe: () => () => undefined, getSnapshot: () => snapshot, send: () => true, close: () => undefined })} /></div>);
}

describe('the stylesheet on the pages it styles', () => {
  // The projector's "The story follows: …" line is set large (class "followed"); a principle the
  // volunteer followed was a table row of that same class in the debrief, and its row came out in the
  // projector's 1.5rem type among the others' 1rem. The principles are lists now (each one once,
  // "To work on" and "Strengths"): every item in one size of type still.
  it("the debrief's principles keep one size of type, whatever each principle's result", async () => {
    // One order of the replies (the seed is drawn from the system's random source): "1" throughout
    // is then one playthrough, not a different one each run that may follow no principle at all.
    vi.spyOn(crypto, 'getRandomValues').mockImplementation((b) => b);
    const user = userEvent.setup();
    renderApp('#/play/youth-discloses');
    await screen.findByRole('group', { name: /./ });
    await playToDebrief(user);
    // The stylesheet comes once the debrief is shown, as it would apply to it had it been there all
    // along (computed styles are worked out when asked for): with it in the page during the play,
    // every role query and key matched each element against all of its rules, again after each
    // change (a tenth of this test's CPU or less; most of the rest is the play itself).
    withStylesheet();
    const principles = screen.getByRole('region', { name: 'Principles of the guide' });
    // Pressing 1 throughout follows some principles and goes against others in this scenario.
    // (Looked for in the principles' section, not over the whole debrief: with the stylesheet in the
    // page, each heading's name took its words' styles, worked out against all of its rules.)
    expect(within(principles).getByRole('heading', { name: 'Strengths' })).toBeTruthy();
    expect(within(principles).getByRole('heading', { name: 'To work on' })).toBeTruthy();
    const items = [...principles.querySelectorAll('li')];
    expect(items.length).toBeGreaterThan(1);
    expect(new Set(items.map((li) => getComputedStyle(li).fontSize)).size).toBe(1);
    expect(getComputedStyle(items[0]!).fontSize).toBe(getComputedStyle(principles).fontSize);
  });

  // The debrief's part buttons wrap to three rows on a phone, and the rows were 0.25rem (4 px) apart:
  // a tap meant for one row's button landed on the next row's.
  it("on a phone, the debrief's part buttons are rows at least 24 px high with a comfortable gap between them", () => {
    withStylesheet(true);
    const example = validateScenario(exampleText, 'example.json').scenario;
    if (!example) throw new Error('not valid');
    const actor = sessionAfter(example, ['phone-accuse', 'after-search']);
    render(<Debrief scenario={example} debrief={actor.getSnapshot().output as DebriefData} mode="practice" recorded={false} whatIf={false} onTryAgain={() => undefined} />);
    const parts = screen.getByRole('navigation', { name: 'Parts of this debrief' });
    const px = (length: string) => (length.endsWith('rem') ? parseFloat(length) * 16 : parseFloat(length));
    const list = getComputedStyle(parts.querySelector('ul') as HTMLElement);
    // jsdom keeps the shorthand as written (its row-gap stays "normal"): its first value is the gap between rows.
    const rowGap = px(list.gap.split(' ')[0]!);
    expect(rowGap).toBeGreaterThanOrEqual(8);
    const buttons = within(parts).getAllByRole('button');
    expect(buttons.length).toBeGreaterThan(5);
    for (const b of buttons) expect(px(getComputedStyle(b).minHeight)).toBeGreaterThanOrEqual(24);
  });

  // A live room's reveal on paper printed the room's operation first: "Connected to the room.", the
  // room code, a QR code and join address for a room that is gone once the session ends, and the
  // count of phones, a third of the first page above the moment and the replies.
  it("on paper, a live room's reveal leaves out how to join and the room's connection, and keeps the moment, the replies and the votes", () => {
    withPrintStylesheet();
    renderRoomAtReveal();
    const reveal = screen.getByRole('heading', { name: 'The replies, revealed' }).closest('section');
    expect(printed(reveal)).toBe(true);
    expect(printed(screen.getByRole('heading', { level: 1 }))).toBe(true);
    expect(printed(screen.getByText(/^Votes: 1 \(100%\)/))).toBe(true);
    expect(printed(screen.getByText(/^Room code/))).toBe(false);
    // Folded to a line once phones have joined (the QR code a button away): the whole block is left out.
    expect(printed(document.querySelector('.room-join'))).toBe(false);
    expect(printed(screen.getByText(/^Join at/))).toBe(false);
    expect(printed(screen.getByText(/phone joined/))).toBe(false);
    expect(printed(document.querySelector('.room-status'))).toBe(false);
    // As in presenter mode: no "Follow reply" button on paper.
    // (Queried by their words: hidden from paper, they have no accessible name there.)
    const follow = [...(reveal?.querySelectorAll('button') ?? [])].filter((b) => /^Follow reply/.test(b.textContent ?? ''));
    expect(follow.length).toBeGreaterThan(1);
    expect(follow.filter(printed)).toEqual([]);
  });

  // Who's who printed as its summary alone, "Who's who (1 met so far)": a trainer's printout of a
  // session named no one. On paper it is open, as the debrief's folds are: by the print rules in
  // Chromium (::details-content; the e2e print test of a presenter reveal), by beforeprint elsewhere.
  it("on paper, Who's who is open with each person's name and role, in presenter mode and in a live room, and as it was after", async () => {
    withPrintStylesheet();
    const user = userEvent.setup();
    const example = validateScenario(exampleText, 'example.json').scenario as Scenario;
    for (const where of ['presenter mode', 'a live room'] as const) {
      if (where === 'presenter mode') render(<Facilitation playable={{ scenario: example, file: 'example.json' }} />);
      else renderRoomAtReveal();
      const summary = screen.getByText(/^Who’s who/, { selector: 'summary' });
      const who = summary.closest('details') as HTMLDetailsElement;
      expect(who.open, where).toBe(false);
      act(() => void window.dispatchEvent(new Event('beforeprint')));
      expect(who.open, where).toBe(true);
      expect(within(who).getByRole('listitem').textContent, where).toBe('Jade (youth)');
      expect(printed(within(who).getByText('Jade')), where).toBe(true);
      act(() => void window.dispatchEvent(new Event('afterprint')));
      expect(who.open, where).toBe(false);
      // Opened by the trainer: still open after printing.
      await user.click(summary);
      act(() => void window.dispatchEvent(new Event('beforeprint')));
      act(() => void window.dispatchEvent(new Event('afterprint')));
      expect(who.open, where).toBe(true);
      cleanup();
    }
  });

  // Presenter mode widens the page for the projector (75rem), and the navigation above it and the
  // footer below it stayed at 60rem, centred: their left edges stood 7.5rem inside the page's.
  // Found in a trainer's walkthrough: "Introducing Kiara (youth): …", which the trainer reads aloud
  // to the room, was the smallest grey type on the live room's laptop page (a hint's).
  it("a live room's introduction of a character, read aloud by the trainer, is in the page's text type: its size and colour, not a hint's", () => {
    withStylesheet();
    const jade = { name: 'Jade', role: 'youth', description: 'Jade, 15, loves drawing and her little brother.' };
    renderRoomAtReveal({ open: true, edit: (v) => ({ ...v, introductions: [jade] }) });
    const said = screen.getByText(`Introducing Jade (youth): ${jade.description}`);
    const page = document.querySelector('.app.presenter')!;
    expect({ size: getComputedStyle(said).fontSize, color: getComputedStyle(said).color }).toEqual({ size: getComputedStyle(page).fontSize, color: getComputedStyle(page).color });
  });

  it('in presenter mode the navigation and the footer line up with the page', async () => {
    withStylesheet();
    renderApp('#/presenter');
    await screen.findByRole('heading', { level: 1, name: 'Presenter mode' });
    const width = (selector: string) => getComputedStyle(document.querySelector(selector) as Element).maxWidth;
    expect(width('main')).toBe('75rem');
    expect(width('.nav ul')).toBe(width('main'));
    expect(width('.footer')).toBe(width('main'));
  });

  // On a phone the records' cells wrap (their table scrolls sideways with the minutes in view), and
  // each date broke after its month: "2026-05-" over "28, 5:00" over "p.m.". The date and the time
  // are each kept whole there, in My records and on the certificate.
  it('on a phone, My records and the certificate break no date or time in the middle', async () => {
    withStylesheet(true);
    const store = storeWithOneRecord();
    /** Where each of `words` in the element breaks no line: the white-space of the element holding each. */
    const kept = (cell: Element, words: RegExp[]) => words.map((w) => {
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (w.test(n.textContent ?? '')) return getComputedStyle(n.parentElement as Element).whiteSpace;
      }
      return 'missing';
    });
    const view = renderApp('#/records', store);
    const finished = (await screen.findByText(/^2026-03-18/)).closest('td') as HTMLTableCellElement;
    // The cell itself wraps on a phone (the date and the time may go on lines of their own).
    expect(getComputedStyle(finished).whiteSpace).toBe('normal');
    expect(kept(finished, [/\d{4}-\d{2}-\d{2}/, /\d{1,2}:\d{2}/])).toEqual(['nowrap', 'nowrap']);
    view.unmount();
    renderApp('#/certificate', store);
    await screen.findByRole('heading', { level: 2, name: 'Certificate of completed practice' });
    await userEvent.setup().selectOptions(await screen.findByLabelText('Year'), '2026');
    const date = document.querySelector('.certificate tbody td') as HTMLTableCellElement;
    expect(cellWords(date)).toBe('2026-03-18');
    expect(kept(date, [/\d{4}-\d{2}-\d{2}/])).toEqual(['nowrap']);
  });

  // Printed on Letter or A4, the titles took the certificate's width: every date broke after its
  // month ("2026-01-" over "05") and "Needs review" over two lines, so each row was two lines high
  // and a year's practice (48 scenarios of 15 minutes) ran to four pages instead of two.
  it("the certificate keeps each date, score and outcome on one line", async () => {
    withStylesheet();
    const store = storeWithOneRecord();
    renderApp('#/certificate', store);
    await screen.findByRole('heading', { level: 2, name: 'Certificate of completed practice' });
    const year = await screen.findByLabelText('Year');
    await userEvent.setup().selectOptions(year, '2026');
    const cells = [...document.querySelectorAll<HTMLTableCellElement>('.certificate tbody td')];
    expect(cells.map(cellWords)).toEqual(['2026-03-18', 'New nails, new phone, new boyfriend', '15', '37%', 'Needs review', 'Practice']);
    // The title alone may wrap (a long one, on paper).
    expect(cells.map((c) => getComputedStyle(c).whiteSpace === 'nowrap')).toEqual([true, false, true, true, true, true]);
  });

  // On a phone each row of the certificate is a card, each cell with its column's name before its
  // words (an e2e test in app.e2e.ts draws it): the names are for the eye only, a screen reader
  // names a cell's column from its header, so each is hidden from it and is its column's header.
  it("the certificate's cells name their column for the eye only: a screen reader gets each cell's words under its header", async () => {
    const store = storeWithOneRecord();
    renderApp('#/certificate', store);
    await userEvent.setup().selectOptions(await screen.findByLabelText('Year'), '2026');
    const table = screen.getByRole('table');
    const headers = within(table).getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers).toEqual(['Date', 'Scenario', 'Minutes', 'Score', 'Outcome', 'Mode']);
    const cells = within(table).getAllByRole('cell');
    expect(cells.map((c) => c.querySelector('.cell-label')?.textContent)).toEqual(headers.map((h) => `${h}: `));
    expect(cells.map((c) => c.querySelector('.cell-label')?.getAttribute('aria-hidden'))).toEqual(headers.map(() => 'true'));
    expect(within(table).getByRole('cell', { name: 'Needs review' })).toBe(cells[4]);
    expect(within(table).getByRole('cell', { name: 'New nails, new phone, new boyfriend' })).toBe(cells[1]);
  });
});

/** A cell's words, less its column's name drawn before them on a narrow screen (.cell-label, hidden from screen readers). */
function cellWords(cell: Element): string {
  return [...cell.childNodes].filter((n) => !(n instanceof Element && n.classList.contains('cell-label'))).map((n) => n.textContent).join('');
}

/** A store holding one finished playthrough, on 2026-03-18 (for the tables of My records and the certificate). */
function storeWithOneRecord() {
  const store = memoryStore();
  const record: PlaythroughRecord = {
    id: '0f0e0d0c-0b0a-4908-8706-050403020100', scenarioId: 'youth-discloses', scenarioVersion: 8, title: 'New nails, new phone, new boyfriend',
    mode: 'practice', startedAt: '2026-03-18T17:40:00.000Z', completedAt: '2026-03-18T18:00:00.000Z', minutes: 15,
    score: { earned: 10, best: 27, percent: 37, capped: false }, band: 'needs-review', decisions: [], principles: [],
  };
  recordPlaythrough(store, record, undefined, new Date('2026-03-19T00:00:00Z'));
  return store;
}
