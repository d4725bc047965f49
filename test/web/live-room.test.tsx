// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRoom, memoryStore, PAGE_ID, PRESENTER_PROTOCOL, presenterView, presenterViewFor, reduceRoom, roomContext, roomSessionView, roomSummaryFileName, validateScenario, voterView, type PresenterAction, type PresenterCommand, type RoomContext, type RoomState, type Scenario } from '../../src/machines/index.js';
import { clickerClock, PROJECTOR_OVERFLOW_WORDS, SINGLE_KEYS_KEY } from '../../src/web/clicker.js';
import { ANOTHER_PAGES_BREAK, BREAK_ENDED_ELSEWHERE, LiveRoom, OTHER_PAGES_BREAK, OWN_BREAK_ENDED_ELSEWHERE } from '../../src/web/components/LiveRoom.js';
import Presenter from '../../src/web/pages/Presenter.js';
import ProjectorScreen from '../../src/web/pages/ProjectorScreen.js';
import { PROJECTOR_PROTOCOL } from '../../src/web/projector.js';
import { PAGE_ID_KEY, pageIdAtStart, type RoomClient, type RoomLink, type RoomSnapshot } from '../../src/web/room-client.js';
import { ROOM_LINK_KEY } from '../../src/web/room-link.js';
import { bundledById } from '../../src/web/scenarios.js';
import { StoreContext } from '../../src/web/store.js';
import example from '../fixtures/good/example.json?raw';
import { gatedPhoneText } from '../helpers/fixtures.js';
import { announcedDuring, downloadsOfEachTest, overflowingProjector, pagingWindow, readAloud, renderApp, watchAnnouncements } from './helpers.js';

const downloads = downloadsOfEachTest();

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
  // The projector's blank is kept in the tab (sessionStorage) across pages: each test starts shown.
  sessionStorage.clear();
  clickerClock.now = () => performance.now();
});

/**
 * The clicker's clock for a test, a second later at each reading (so no two presses pass for a
 * clicker's double press) until the test sets `clock.t` or `clickerClock.now` itself; the real
 * clock again after each test (afterEach).
 */
function steppingClock() {
  const clock = { t: 0 };
  clickerClock.now = () => (clock.t += 1000);
  return clock;
}

const scenario = validateScenario(example, 'example.json').scenario as Scenario;
const ctx = roomContext(scenario);
const ROOM = 'FAKE23';
const LINK: RoomLink = { room: ROOM, token: 't'.repeat(43) };
const JOIN = `http://192.0.2.7:8080/join?room=${ROOM}`;

/**
 * A room client without a socket: it records what the page sends, and the test plays the room
 * (the core's own reducer and views), pushing snapshots as the server would.
 */
class FakeClient implements RoomClient {
  /** The room's scenario (the example unless a test gives another). */
  readonly ctx: RoomContext;
  /** This page's id, as the room client draws one (the room names it when this page ends a break). */
  readonly page = 'page-this-0123456789ab';
  state: RoomState;
  /**
   * `atContentNote`: the room as created, its content note up. Otherwise a story that opens on a
   * decision (the example does) has had the trainer's first step, which shows that decision with its
   * vote not yet open (a scene-opening story is left at its content note, as created).
   */
  constructor(room: RoomContext = ctx, { atContentNote = false }: { atContentNote?: boolean } = {}) {
    this.ctx = room;
    this.state = createRoom(room, ROOM, 1, new Date('2026-01-01T00:00:00Z'));
    const start = roomSessionView(room, this.state);
    if (atContentNote || start.kind !== 'decision') return;
    const started = reduceRoom(room, this.state, { from: 'presenter', message: { type: 'advance', room: ROOM, token: LINK.token, seq: 1, node: start.nodeId } });
    if (!started.ok) throw new Error(`refused: ${started.code}`);
    this.state = started.state;
  }
  sent: PresenterCommand[] = [];
  snapshot: RoomSnapshot = { status: 'connecting', room: ROOM };
  connected = true;
  closed = false;
  private listeners = new Set<() => void>();
  subscribe = (l: () => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };
  getSnapshot = () => this.snapshot;
  send(command: PresenterCommand): boolean {
    if (this.snapshot.status !== 'open') return false;
    this.sent.push(command);
    return true;
  }
  close(): void {
    this.closed = true;
  }
  set(patch: Partial<RoomSnapshot>): void {
    act(() => {
      this.snapshot = { ...this.snapshot, ...patch };
      for (const l of this.listeners) l();
    });
  }
  /** The room applies the command the page sent last, and tells the page (as the server's view message). */
  answer(): void {
    const command = this.sent[this.sent.length - 1];
    if (!command) throw new Error('nothing sent');
    const result = reduceRoom(this.ctx, this.state, { from: 'presenter', message: { ...command, room: ROOM, token: LINK.token, seq: this.state.presenterSeq + 1 } as PresenterAction });
    if (!result.ok) throw new Error(`refused: ${result.code}`);
    this.state = result.state;
    this.push();
  }
  vote(device: string, reply: string): void {
    const seq = (this.state.devices[device]?.seq ?? 0) + 1;
    // A phone names the reply by its shown number.
    const number = roomSessionView(this.ctx, this.state).replies.find((r) => r.id === reply)?.number ?? 99;
    for (const message of [{ type: 'join' as const, room: ROOM, device }, { type: 'vote' as const, room: ROOM, seq, round: this.state.round, reply: number }]) {
      const result = reduceRoom(this.ctx, this.state, { from: 'voter', device, message });
      if (!result.ok) throw new Error(`vote refused: ${result.code}`);
      this.state = result.state;
    }
    this.set({ count: presenterView(this.ctx, this.state, this.connectedPhones()).count });
  }
  connectedPhones(): number {
    return Object.keys(this.state.devices).length;
  }
  push(): void {
    const view = presenterView(this.ctx, this.state, this.connectedPhones());
    this.set({ status: 'open', view, count: view.count, join: JOIN });
  }
}

function renderRoom() {
  const client = new FakeClient();
  const links: RoomLink[] = [];
  const result = render(<LiveRoom link={LINK} connect={(l) => (links.push(l), client)} />);
  return { client, links, ...result };
}

const status = () => screen.getByRole('status');

/** The live room on the presenter page, with `paused` for the page's own break (its prop, as the presenter page sets it). */
function renderPausable() {
  const client = new FakeClient();
  const page = render(<LiveRoom link={LINK} connect={() => client} />);
  const paused = (on: boolean) => page.rerender(<LiveRoom link={LINK} connect={() => client} paused={on} />);
  return { client, page, paused };
}

/** The presenter page's live room beside a projector window, the room pushed its first state. */
function renderWithProjector(room?: RoomContext, opts?: { atContentNote?: boolean }) {
  const user = userEvent.setup();
  const client = new FakeClient(room, opts);
  render(<><div data-testid="laptop"><LiveRoom link={LINK} connect={() => client} /></div><div data-testid="projector"><ProjectorScreen /></div></>);
  client.push();
  return { user, client, projector: () => within(screen.getByTestId('projector')) };
}

/** From the presenter page: open the vote, one phone votes for `vote`, reveal, and follow `follow` (the server answering each). */
async function voteAndFollow(user: ReturnType<typeof userEvent.setup>, client: FakeClient, vote: string, follow: string) {
  await user.click(screen.getByRole('button', { name: 'Open the vote' }));
  client.answer();
  client.vote('phone-0001-abcdefghij', vote);
  await user.click(screen.getByRole('button', { name: 'Reveal the votes' }));
  client.answer();
  await user.click(within(document.querySelector(`[data-reply="${follow}"]`) as HTMLElement).getByRole('button', { name: /Follow/ }));
  client.answer();
}

/** From the room's start, each of the two decisions voted and followed (best practice) to the story's ending. */
async function toEnding(user: ReturnType<typeof userEvent.setup>, client: FakeClient) {
  client.push();
  await voteAndFollow(user, client, 'phone-curious', 'phone-curious');
  await user.click(screen.getByRole('button', { name: 'Continue' }));
  client.answer();
  await voteAndFollow(user, client, 'after-supervisor', 'after-supervisor');
}

describe('live room on the presenter page', () => {
  it('shows the room\'s introductions above the moment, for the trainer to read aloud, and not on the projector', async () => {
    const { client, projector } = renderWithProjector();
    const view = presenterView(ctx, client.state, 0);
    const jade = { name: 'Jade', role: 'youth', description: 'Jade, 15, loves <b>drawing</b> and her little brother.' };
    client.set({ view: { ...view, introductions: [jade] } });
    const said = screen.getByText(`Introducing Jade (youth): ${jade.description}`);
    expect(said.closest('[data-testid="laptop"]')).toBeTruthy();
    expect(said.querySelector('b')).toBeNull();
    expect(projector().queryByText(/Introducing/)).toBeNull();
  });

  it('Who\'s who on the trainer\'s page: the people the room has met so far, closed until opened, as text; a name in feedback joins at the reveal; never on the projector', async () => {
    // A supervisor named (with markup) in one reply's feedback only.
    const cast = structuredClone(scenario);
    cast.characters.push({ id: 'ibarra', name: 'Ms. <b>Ibarra</b>', role: 'Advocate Supervisor', description: 'Your <i>Advocate Supervisor</i>.' });
    const phone = cast.nodes.find((n) => n.id === 'phone');
    if (phone?.kind !== 'decision') throw new Error('fixture changed');
    phone.replies.find((r) => r.id === 'phone-accuse')!.feedback += ' Talk it over with Ms. <b>Ibarra</b> first.';
    const { user, client, projector } = renderWithProjector(roomContext(cast));
    const laptop = within(screen.getByTestId('laptop'));
    const who = () => laptop.getByText(/Who.s who/).closest('details')!;
    expect(who().open).toBe(false);
    expect(who().querySelector('summary')?.textContent).toBe('Who\u2019s who (1 met so far)');
    expect([...who().querySelectorAll('li')].map((li) => li.textContent)).toEqual(['Jade (youth)']);
    await user.click(screen.getByRole('button', { name: 'Open the vote' }));
    client.answer();
    expect(who().querySelectorAll('li')).toHaveLength(1);
    await user.click(screen.getByRole('button', { name: 'Reveal the votes' }));
    client.answer();
    expect(who().querySelector('summary')?.textContent).toBe('Who\u2019s who (2 met so far)');
    expect([...who().querySelectorAll('li')].map((li) => li.textContent)).toEqual(['Jade (youth)', 'Ms. <b>Ibarra</b> (Advocate Supervisor): Your <i>Advocate Supervisor</i>.']);
    expect(who().querySelector('b, i')).toBeNull();
    expect(projector().queryByText(/Who.s who/)).toBeNull();
    // Once the session has ended nobody more will be met: "(2 met)", as the phones say, not "so far".
    await user.click(screen.getByRole('button', { name: 'End the session' }));
    await user.click(screen.getByRole('button', { name: 'Yes, end the session' }));
    client.answer();
    expect(screen.getByRole('heading', { name: 'How often the room matched best practice' })).toBeTruthy();
    expect(who().querySelector('summary')?.textContent).toBe('Who\u2019s who (2 met)');
  });

  // The join block's h2 came before the moment's h1, so heading navigation began at level 2; and
  // before the room's first state there was no h1 at all.
  it('the page\'s headings start at its one h1, before the room\'s state arrives and after; the join block is a named region', () => {
    const client = new FakeClient();
    render(<LiveRoom link={LINK} connect={() => client} />);
    const levels = () => screen.getAllByRole('heading').map((h) => Number(h.tagName.slice(1)));
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
    expect(levels()[0]).toBe(1);
    client.push();
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
    expect(levels()[0]).toBe(1);
    for (let i = 1; i < levels().length; i++) expect(levels()[i]! - levels()[i - 1]!).toBeLessThanOrEqual(1);
    expect(within(screen.getByRole('region', { name: 'Vote from your phone' })).getByText(LINK.room)).toBeTruthy();
  });

  it('shows the room code, join address and QR code, live counts, and sends the trainer\'s commands; the tally with bars on reveal', async () => {
    const user = userEvent.setup();
    const { client, links, unmount } = renderRoom();
    expect(links).toEqual([LINK]);
    expect(status().textContent).toMatch(/Connecting to the room/);
    client.push();
    expect(status().textContent).toBe('Connected to the room.');
    expect(screen.getByText(ROOM).closest('.room-code')).toBeTruthy();
    expect(screen.getByText(JOIN)).toBeTruthy();
    const qr = screen.getByRole('img', { name: `QR code for the join address ${JOIN}` });
    expect(qr.getAttribute('src')).toBe('/join/qr.svg');
    expect(screen.getByText(/0 phones joined \(0 connected\)/)).toBeTruthy();
    // The title, the step and the vote's state, read aloud as three phrases, not run together.
    expect(readAloud(document.querySelector('.status-line') as HTMLElement)).toMatch(/^\S[^.]*\. Decision 1 of about 2\. No vote open\.$/);

    // At the first decision: the facilitator note is the trainer's, hidden until asked for.
    expect(screen.getByText(/What is the most natural thing to say here/)).toBeTruthy();
    const NOTE = /treats the phone as proof of something/;
    expect(screen.queryByText(NOTE)).toBeNull();
    const noteButton = screen.getByRole('button', { name: 'Show the facilitator note (trainer only)' });
    expect(noteButton.getAttribute('aria-expanded')).toBe('false');
    await user.click(noteButton);
    expect(screen.getByText(NOTE)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Hide the facilitator note' }).getAttribute('aria-expanded')).toBe('true');
    await user.click(screen.getByRole('button', { name: 'Hide the facilitator note' }));
    expect(screen.queryByText(NOTE)).toBeNull();
    expect(screen.queryByRole('button', { name: 'Reveal the votes' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Open the vote' }));
    expect(client.sent).toEqual([{ type: 'open', node: 'phone' }]);
    // Until the room answers, the button waits (no double send): marked unavailable, a second press sends nothing.
    expect(screen.getByRole('button', { name: 'Open the vote' }).getAttribute('aria-disabled')).toBe('true');
    await user.click(screen.getByRole('button', { name: 'Open the vote' }));
    expect(client.sent).toEqual([{ type: 'open', node: 'phone' }]);
    client.answer();
    expect(screen.queryByRole('button', { name: 'Open the vote' })).toBeNull();
    // The pressed button went away: the keyboard carries on from the next step.
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Lock the vote' }));

    // Phones join and vote: the counts follow live; the tally stays hidden.
    client.vote('phone-0001-abcdefghij', 'phone-curious');
    expect(screen.getByText(/1 phone joined \(1 connected\); 1 vote in this round/)).toBeTruthy();
    client.vote('phone-0002-abcdefghij', 'phone-curious');
    client.vote('phone-0003-abcdefghij', 'phone-accuse');
    client.vote('phone-0004-abcdefghij', 'phone-ignore');
    client.vote('phone-0005-abcdefghij', 'phone-curious');
    expect(screen.getByText(/5 phones joined \(5 connected\); 5 votes in this round/)).toBeTruthy();
    expect(screen.queryByText(/Best practice/)).toBeNull();
    expect(document.body.textContent).not.toContain('Score:');

    await user.click(screen.getByRole('button', { name: 'Lock the vote' }));
    expect(client.sent.at(-1)).toEqual({ type: 'lock', round: 1 });
    client.answer();
    expect(screen.queryByRole('button', { name: 'Lock the vote' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Reveal the votes' }));
    expect(client.sent.at(-1)).toEqual({ type: 'reveal', round: 1 });
    client.answer();

    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'The replies, revealed' }));
    const list = screen.getByRole('heading', { name: 'The replies, revealed' }).parentElement as HTMLElement;
    expect(within(list).getByText('5 votes in all.')).toBeTruthy();
    const items = [...list.querySelectorAll<HTMLElement>('ol.reveal > li')];
    expect(items).toHaveLength(3);
    const byReply = (id: string) => items.find((li) => li.dataset.reply === id) as HTMLElement;
    expect(byReply('phone-curious').textContent).toContain('★ Best practice');
    expect(byReply('phone-curious').textContent).toContain('Votes: 3 (60%)');
    expect((byReply('phone-curious').querySelector('.vote-bar') as HTMLElement).style.width).toBe('60%');
    expect(byReply('phone-accuse').textContent).toContain('Votes: 1 (20%)');
    expect(byReply('phone-accuse').textContent).not.toContain('Best practice');
    expect(byReply('phone-ignore').textContent).toContain('Votes: 1 (20%)');
    // Each reply's points, in the words of the terminal's room console ("Score: +2"); none before the reveal.
    expect(items.map((li) => [li.dataset.reply, [...li.querySelectorAll('.reply-score')].map((p) => p.textContent)])).toEqual(expect.arrayContaining([['phone-curious', ['Score: +2']], ['phone-accuse', ['Score: −3']], ['phone-ignore', ['Score: +1']]]));
    // An action stays marked "Do:" at the reveal, as in the replies the room voted on: never read as words to say.
    expect(byReply('phone-ignore').querySelector('p')?.textContent).toMatch(/^\d\. Do: Say nothing about the phone/);
    expect(byReply('phone-accuse').querySelector('p')?.textContent).toMatch(/^\d\. Who bought you that\?/);
    expect(list.textContent).toContain('A light, friendly question');
    // The reveal shows the note, whatever the toggle said.
    expect(screen.getByText(NOTE)).toBeTruthy();

    await user.click(within(byReply('phone-curious')).getByRole('button', { name: /Follow reply/ }));
    expect(client.sent.at(-1)).toEqual({ type: 'choose', round: 1, reply: 'phone-curious' });
    client.answer();
    expect(screen.getByText(/My boyfriend got it for me/)).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1 }));
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(client.sent.at(-1)).toEqual({ type: 'advance', node: 'boyfriend-open' });

    // A refusal is said in the status; the connection drops and comes back, and the status says so.
    client.set({ error: { type: 'error', code: 'not-now', message: 'That cannot be done right now.' } });
    expect(status().textContent).toContain('The room refused that: That cannot be done right now.');
    client.set({ status: 'reconnecting' });
    expect(status().textContent).toMatch(/^Connection to the room lost: reconnecting…/);
    expect(screen.getByRole('button', { name: 'Continue' }).getAttribute('aria-disabled')).toBe('true');
    const sentWhileDown = client.sent.length;
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(client.sent).toHaveLength(sentWhileDown);
    client.set({ status: 'open', error: undefined });
    client.answer();
    expect(screen.getByRole('button', { name: 'Open the vote' })).toBeTruthy();
    // Ending is for every phone and cannot be taken back: the page asks first, the safe answer focused.
    const sentBefore = client.sent.length;
    const end = screen.getByRole('button', { name: 'End the session' });
    await user.click(end);
    expect(client.sent).toHaveLength(sentBefore);
    expect(end.getAttribute('aria-expanded')).toBe('true');
    const question = screen.getByRole('group', { name: 'End the session for everyone?' });
    expect(document.activeElement).toBe(within(question).getByRole('button', { name: 'No, keep going' }));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('group', { name: 'End the session for everyone?' })).toBeNull();
    expect(document.activeElement).toBe(end);
    expect(client.sent).toHaveLength(sentBefore);
    await user.click(end);
    await user.click(screen.getByRole('button', { name: 'Yes, end the session' }));
    expect(client.sent.at(-1)).toEqual({ type: 'end' });
    client.answer();
    expect(screen.getByRole('heading', { name: 'How often the room matched best practice' })).toBeTruthy();
    // In the words of presenter mode, the terminal and the summary (its "How the room did").
    const said = "The branch the room took was best practice at 1 of 1 decision (100%). The room's most-voted reply was best practice at 1 of 1 decision with votes (100%); 3 of 5 votes (60%) went to best-practice replies.";
    expect(screen.getByText(said)).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Open the vote|End the session/ })).toBeNull();
    // The summary the room writes on the laptop can be downloaded from the page too.
    await user.click(screen.getByRole('button', { name: 'Download the session summary (Markdown)' }));
    expect(downloads.map((d) => d.name)).toEqual([roomSummaryFileName(ctx, client.state)]);
    expect(downloads[0]?.name).toMatch(/^example-new-phone-session-.*-room-FAKE23\.md$/);
    expect(screen.getByText(`Session summary downloaded: ${downloads[0]?.name}.`).closest('[aria-live="polite"]')).not.toBeNull();
    const markdown = await downloads[0]?.blob.text();
    const undated = (md: string | undefined) => md?.replace(/^Trainer-led session, .*\.$/m, '');
    expect(undated(markdown)).toBe(undated(presenterView(ctx, client.state, 0).summary?.markdown));
    expect(markdown).not.toContain('## How often the room matched best practice');
    expect(markdown).toContain('### Decision by decision');
    expect(markdown).toContain(`## How the room did\n\n${said.replace('(100%). ', '(100%).\n')}\n`);
    expect(markdown).not.toContain('Over the session');
    unmount();
    expect(client.closed).toBe(true);
  });

  // The room opened straight on the first scene: the content note was on no screen.
  it('shows the content note first, on the page and the projector, until the trainer\'s first step', async () => {
    const { user, client, projector } = renderWithProjector(undefined, { atContentNote: true });
    expect(screen.getByRole('region', { name: 'Content note' }).textContent).toContain(scenario.contentNote);
    expect(await projector().findByText(scenario.contentNote)).toBeTruthy();
    expect(projector().queryByText(/What is the most natural thing to say here/)).toBeNull();
    // How to join stays on the projector meanwhile.
    expect(projector().getByText(JOIN)).toBeTruthy();
    // Where the projector window opens and how to make it full screen, as presenter mode's first
    // screen says it (the live room said nothing of it; room-45).
    const howto = 'The projector window opens on this screen: move it to the projector\'s screen and make it full screen there (F11; on a Mac, Control-Command-F).';
    expect(screen.getByRole('button', { name: 'Open a projector window', description: howto })).toBeTruthy();
    // The story opens on a decision: the first step shows it to the room with its vote not yet open,
    // for the room to discuss first, as at every other decision ("Open the vote" went from the content
    // note straight to an open vote; room2-45). Opening it before is not offered (the room refuses it).
    expect(screen.queryByRole('button', { name: 'Open the vote' })).toBeNull();
    // Nor is ending it: there is nothing to end yet (it ended a session that never began, and the
    // laptop wrote a summary of it).
    expect(screen.queryByRole('button', { name: 'End the session' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Show the decision' }));
    expect(client.sent.at(-1)).toEqual({ type: 'advance', node: 'phone' });
    client.answer();
    expect(screen.queryByText(howto)).toBeNull();
    expect(screen.queryByRole('region', { name: 'Content note' })).toBeNull();
    expect(await projector().findByText(/What is the most natural thing to say here/)).toBeTruthy();
    expect(projector().queryByText(scenario.contentNote)).toBeNull();
    expect(client.state.phase).toBe('idle');
    expect(screen.getByText('No vote open.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'End the session' })).toBeTruthy();
    expect(projector().queryByText(/Voting is open/)).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Open the vote' }));
    client.answer();
    expect(client.state.phase).toBe('open');
    expect(await projector().findByText(/Voting is open/)).toBeTruthy();
  });

  // 14 of the 16 bundled scenarios open on a scene. The projector showed the content note instead of
  // it, and the first step (Continue) moved the room past it: the room never saw the opening scene,
  // and boy-red-flags' first decision asked "What do you say to Ray?" about words of Ray's it never
  // saw (room-45). Its scene is now shown there under "Before this" (the laptop showed it already).
  it.each([
    // A first decision with no words of its own (the room also sends it as the decision's setup), and one with words of its own.
    ['boy-red-flags', /that trafficking stuff, that's girls/],
    ['court-report', /./],
  ])('%s: the opening scene the content note stood in for is on the projector at the next moment, under "Before this", until the story moves on', async (id, line) => {
    const user = userEvent.setup();
    const { loaded } = await bundledById(id);
    if (!loaded?.ok) throw new Error(`${id} not loaded`);
    const { client, projector } = renderWithProjector(roomContext(loaded.playable.scenario));
    const opening = roomSessionView(client.ctx, client.state);
    expect(opening.kind).toBe('scene');
    const words = opening.lines.find((l) => line.test(l.text))?.text ?? opening.narration ?? '';
    expect(words).not.toBe('');
    const laptop = within(screen.getByTestId('laptop'));
    expect(laptop.getByText(words, { exact: false })).toBeTruthy();
    expect(await projector().findByText(loaded.playable.scenario.contentNote)).toBeTruthy();
    expect(projector().queryByText(words, { exact: false })).toBeNull();
    await user.click(laptop.getByRole('button', { name: 'Continue' }));
    client.answer();
    expect(roomSessionView(client.ctx, client.state).kind).toBe('decision');
    const setup = await projector().findByRole('region', { name: 'Before this' });
    expect(within(setup).getByText(words, { exact: false })).toBeTruthy();
    // The laptop, which showed the scene a step ago, goes on as before.
    expect(laptop.queryByRole('region', { name: 'Before this' })).toBeNull();
    // Until the first vote opens, the whole join block (QR code, address, code) beside it: people join at
    // the start, and it had gone to one line here, with the scene under "Before this" (room2-45).
    const qr = () => projector().queryByRole('img', { name: `QR code for the join address ${JOIN}` });
    expect(qr()).toBeTruthy();
    expect(projector().getByRole('region', { name: 'Vote from your phone' }).textContent).toContain(ROOM);
    expect(screen.getByTestId('projector').querySelector('.join-line')).toBeNull();
    // With the vote open too (the one line then); the reveal gives the screen to the replies, and the next moment is as it always was.
    await user.click(laptop.getByRole('button', { name: 'Open the vote' }));
    client.answer();
    expect(within(await projector().findByRole('region', { name: 'Before this' })).getByText(words, { exact: false })).toBeTruthy();
    await waitFor(() => expect(qr()).toBeNull());
    expect(screen.getByTestId('projector').querySelector('.join-line')?.textContent).toContain(ROOM);
    const first = roomSessionView(client.ctx, client.state).replies[0]!.id;
    client.vote('phone-0001-abcdefghij', first);
    await user.click(laptop.getByRole('button', { name: 'Reveal the votes' }));
    client.answer();
    await waitFor(() => expect(projector().queryByRole('region', { name: 'Before this' })).toBeNull());
    await user.click(within(document.querySelector(`[data-testid="laptop"] [data-reply="${first}"]`) as HTMLElement).getByRole('button', { name: /Follow/ }));
    client.answer();
    await waitFor(() => expect(projector().queryByText(words, { exact: false })).toBeNull());
    expect(projector().queryByRole('region', { name: 'Before this' })).toBeNull();
  });

  // Walked as a trainer (trainer-50, the-list): the presenter page reloaded while the room discussed
  // the first decision, which has words of its own. Before the reload the projector showed the opening
  // scene under "Before this" (the content note had stood in for it); after it, the scene was gone from
  // the projector, though the room had never seen it anywhere else. The room now sends it as that
  // decision's setup, shown on the laptop and the projector as for any decision the page opens at.
  it('court-report: a presenter page opened (or reloaded) at the first decision shows the opening scene under "Before this", on the laptop and the projector', async () => {
    const { loaded } = await bundledById('court-report');
    if (!loaded?.ok) throw new Error('court-report not loaded');
    const room = roomContext(loaded.playable.scenario);
    const client = new FakeClient(room, { atContentNote: true });
    const opening = roomSessionView(room, client.state);
    if (opening.kind !== 'scene') throw new Error('court-report changed');
    const words = opening.narration ?? opening.lines[0]?.text ?? '';
    expect(words).not.toBe('');
    // The first step, taken before this page opened (the page it replaces took it).
    const stepped = reduceRoom(room, client.state, { from: 'presenter', message: { type: 'advance', room: ROOM, token: LINK.token, seq: client.state.presenterSeq + 1, node: opening.nodeId } });
    if (!stepped.ok) throw new Error(`refused: ${stepped.code}`);
    client.state = stepped.state;
    const first = roomSessionView(room, client.state);
    expect(first.kind).toBe('decision');
    expect(first.lines.length + (first.narration ? 1 : 0)).toBeGreaterThan(0);
    render(<><div data-testid="laptop"><LiveRoom link={LINK} connect={() => client} /></div><div data-testid="projector"><ProjectorScreen /></div></>);
    client.push();
    const projector = () => within(screen.getByTestId('projector'));
    const setup = await projector().findByRole('region', { name: 'Before this' });
    expect(within(setup).getByText(words, { exact: false })).toBeTruthy();
    expect(within(within(screen.getByTestId('laptop')).getByRole('region', { name: 'Before this' })).getByText(words, { exact: false })).toBeTruthy();
    // The whole join block beside it until the first vote opens, as at the first step.
    expect(projector().queryByRole('img', { name: `QR code for the join address ${JOIN}` })).toBeTruthy();
  });

  // "Take a break" changed only the laptop: the projector kept showing the vote and how to join it.
  it('on a break the projector shows the room "Taking a break" under the scenario\'s title (no moment, no vote, no way to join); back from it, what it showed before', async () => {
    const user = userEvent.setup();
    const client = new FakeClient();
    const projector = () => within(screen.getByTestId('projector'));
    const page = render(<><div data-testid="laptop"><LiveRoom link={LINK} connect={() => client} /></div><div data-testid="projector"><ProjectorScreen /></div></>);
    client.push();
    await user.click(screen.getByRole('button', { name: 'Open the vote' }));
    client.answer();
    expect(await projector().findByText(/What is the most natural thing to say here/)).toBeTruthy();
    // The vote's state comes to the projector after the moment it heads (a busy machine shows the gap).
    expect(await projector().findByText(/Voting is open: 0 votes so far/)).toBeTruthy();
    const before = screen.getByTestId('projector').innerHTML;
    page.rerender(<><div data-testid="laptop"><LiveRoom link={LINK} connect={() => client} paused /></div><div data-testid="projector"><ProjectorScreen /></div></>);
    expect(await projector().findByRole('heading', { level: 1, name: 'Taking a break' })).toBeTruthy();
    expect(screen.getByTestId('projector').querySelector('.projector-screen')?.textContent).toBe(`${scenario.title}Taking a breakBack soon: the session carries on from where it stopped.`);
    expect(projector().queryByText(JOIN)).toBeNull();
    page.rerender(<><div data-testid="laptop"><LiveRoom link={LINK} connect={() => client} /></div><div data-testid="projector"><ProjectorScreen /></div></>);
    await waitFor(() => expect(screen.getByTestId('projector').innerHTML).toBe(before));
  });

  // The room was not told of the break: an open vote stayed open on the phones.
  it('the trainer\'s break is the room\'s: the page tells it when the break starts and ends, also when the connection was down meanwhile; a break the page did not take (the terminal\'s, or from before a reload) is shown, with a way to end it, and not ended by the page connecting', async () => {
    const user = userEvent.setup();
    const { client, page, paused } = renderPausable();
    client.push();
    await user.click(screen.getByRole('button', { name: 'Open the vote' }));
    client.answer();
    expect(client.sent).toEqual([{ type: 'open', node: 'phone' }]);
    paused(true);
    expect(client.sent.at(-1)).toEqual({ type: 'break', on: true });
    client.answer();
    expect(client.state.onBreak).toBe(true);
    paused(false);
    expect(client.sent.at(-1)).toEqual({ type: 'break', on: false, break: client.state.breakNumber });
    client.answer();
    expect(client.state.onBreak).toBeUndefined();
    expect(client.state.phase).toBe('open');
    // The connection drops during a break and comes back: the room is still on it, nothing is sent.
    paused(true);
    client.answer();
    const sent = client.sent.length;
    client.set({ status: 'reconnecting' });
    client.push();
    expect(client.sent).toHaveLength(sent);
    // Back from the break while the connection is down: the room is told once it is back.
    client.set({ status: 'reconnecting' });
    paused(false);
    expect(client.sent).toHaveLength(sent);
    client.push();
    expect(client.sent.slice(sent)).toEqual([{ type: 'break', on: false, break: client.state.breakNumber }]);
    client.answer();
    // A break taken from the laptop's terminal (b): the page says so, and can end it; the projector shows it.
    const fromTerminal = reduceRoom(client.ctx, client.state, { from: 'presenter', message: { type: 'break', on: true, room: ROOM, token: LINK.token, seq: client.state.presenterSeq + 1 } });
    if (!fromTerminal.ok) throw new Error('refused');
    client.state = fromTerminal.state;
    client.push();
    // A page opened now (a reload) shows it too, and sends nothing until asked.
    const count = client.sent.length;
    page.unmount();
    render(<LiveRoom link={LINK} connect={() => client} />);
    client.push();
    expect(await screen.findByText(/The room is on a break: the phones show only that/)).toBeTruthy();
    expect(client.sent).toHaveLength(count);
    await user.click(await screen.findByRole('button', { name: 'End the break for the room' }));
    expect(client.sent.at(-1)).toEqual({ type: 'break', on: false, break: client.state.breakNumber });
    client.answer();
    expect(screen.queryByRole('button', { name: 'End the break for the room' })).toBeNull();
  });

  // Protocol 14: two pages' "Take a break" crossing (this page's sent before the room's answer came,
  // the other page's arriving first) were answered as if each page's own, and the first page back
  // from it ended the other's (its panel closed under the trainer). Now one break both pages are on.
  it('a break taken at once with another page: neither page\'s "Back from break" ends the other\'s', async () => {
    const client = new FakeClient();
    const ended = vi.fn();
    const page = render(<LiveRoom link={LINK} connect={() => client} onBreakEnded={ended} />);
    const paused = (on: boolean) => page.rerender(<LiveRoom link={LINK} connect={() => client} paused={on} onBreakEnded={ended} />);
    const region = () => page.container.querySelector('[aria-live="polite"].room-break');
    const other = 'page-other-0123456789ab';
    // The room applies a page's break command, with the seq that page carries on from, and tells this page.
    const room = (from: string, command: PresenterCommand | undefined, seq = client.state.presenterSeq + 1) => {
      const result = reduceRoom(client.ctx, client.state, { from: 'presenter', by: 'page', page: from, message: { ...command, room: ROOM, token: LINK.token, seq } as PresenterAction });
      if (!result.ok) throw new Error(`refused: ${result.code}`);
      client.state = result.state;
      client.push();
    };
    client.push();
    const seq = client.state.presenterSeq + 1;
    paused(true);
    expect(client.sent.at(-1)).toEqual({ type: 'break', on: true });
    room(other, { type: 'break', on: true }, seq);
    room(client.page, client.sent.at(-1), seq);
    expect(client.state).toMatchObject({ onBreak: true, breakNumber: 1, breakPages: [other, client.page] });
    // The other page is back first: the room stays on this page's break, and its panel stays open.
    room(other, { type: 'break', on: false, break: 1 });
    expect(client.state.onBreak).toBe(true);
    expect(ended).not.toHaveBeenCalled();
    // Both on it again, this page back first: the room stays on the other page's break, which the page
    // says, with its way to end it for the room.
    room(other, { type: 'break', on: true });
    paused(false);
    expect(client.sent.at(-1)).toEqual({ type: 'break', on: false, break: 1 });
    room(client.page, client.sent.at(-1));
    expect(client.state).toMatchObject({ onBreak: true, breakPages: [other] });
    await waitFor(() => expect(region()?.textContent).toBe(OTHER_PAGES_BREAK));
    expect(screen.getByRole('button', { name: 'End the break for the room' })).toBeTruthy();
    // The other page back too: the break is over, and the page says where it was ended.
    room(other, { type: 'break', on: false, break: 1 });
    await waitFor(() => expect(region()?.textContent).toBe(BREAK_ENDED_ELSEWHERE.page));
    expect(ended).not.toHaveBeenCalled();
    // A later break the other page takes alone: this page was never on it, so nothing is "still" on
    // for it; the words say another page took it (that page may be closed by now).
    room(other, { type: 'break', on: true });
    expect(client.state).toMatchObject({ onBreak: true, breakNumber: 2, breakPages: [other] });
    await waitFor(() => expect(region()?.textContent).toBe(ANOTHER_PAGES_BREAK));
  });

  // A page reloaded during its own break came back with a new id: the room's break named the old one,
  // so the page showed it as another page's, and the room stayed on it until "End the break for the
  // room" or the terminal's b. Now the page keeps its id over a reload, and comes back on its break.
  it('reloaded during its own break (its id kept), the page comes back on it: nothing sent, and its "Back from break" ends the room\'s break', () => {
    const client = new FakeClient();
    const take = reduceRoom(client.ctx, client.state, { from: 'presenter', by: 'page', page: client.page, message: { type: 'break', on: true, room: ROOM, token: LINK.token, seq: 1 } });
    if (!take.ok) throw new Error('refused');
    client.state = take.state;
    const resumed = vi.fn();
    const page = render(<LiveRoom link={LINK} connect={() => client} onBreakResumed={resumed} />);
    const paused = (on: boolean) => page.rerender(<LiveRoom link={LINK} connect={() => client} paused={on} onBreakResumed={resumed} />);
    client.push();
    expect(resumed).toHaveBeenCalledTimes(1);
    expect(client.sent).toEqual([]);
    // The page on its break again (as App puts it): the room, on it already, is not told.
    paused(true);
    expect(client.sent).toEqual([]);
    paused(false);
    expect(client.sent).toEqual([{ type: 'break', on: false, break: 1 }]);
    const back = reduceRoom(client.ctx, client.state, { from: 'presenter', by: 'page', page: client.page, message: { ...client.sent[0]!, room: ROOM, token: LINK.token, seq: client.state.presenterSeq + 1 } as PresenterAction });
    expect(back.ok && back.state.onBreak).toBeUndefined();
    // Once only, at the page's first view: the room still naming the page on its break just after its
    // "Back from break" (before its answer) does not put the page back on it.
    client.push();
    expect(resumed).toHaveBeenCalledTimes(1);
    expect(client.sent).toHaveLength(1);
  });

  it('a page reloaded during another page\'s break is not put on it: it shows the break with its way to end it', () => {
    const client = new FakeClient();
    const take = reduceRoom(client.ctx, client.state, { from: 'presenter', by: 'page', page: 'page-other-0123456789ab', message: { type: 'break', on: true, room: ROOM, token: LINK.token, seq: 1 } });
    if (!take.ok) throw new Error('refused');
    client.state = take.state;
    const resumed = vi.fn();
    render(<LiveRoom link={LINK} connect={() => client} onBreakResumed={resumed} />);
    client.push();
    expect(resumed).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'End the break for the room' })).toBeTruthy();
    expect(client.sent).toEqual([]);
  });

  // The page's id over a reload: kept in the tab as the page goes, taken out as it starts (a tab
  // duplicated meanwhile draws its own); what the tab holds is read as untrusted.
  it('the page\'s id is kept in the tab over a reload, and only then; anything but an id there is not taken', () => {
    sessionStorage.setItem(PAGE_ID_KEY, '<img src=x onerror=alert(1)>');
    const first = pageIdAtStart();
    expect(first).toMatch(PAGE_ID);
    expect(sessionStorage.getItem(PAGE_ID_KEY)).toBeNull();
    window.dispatchEvent(new Event('pagehide'));
    // Reloaded: the same id; the tab holds none while the page is open.
    expect(pageIdAtStart()).toBe(first);
    expect(sessionStorage.getItem(PAGE_ID_KEY)).toBeNull();
    // A tab duplicated now (its sessionStorage copied) draws an id of its own.
    expect(pageIdAtStart()).not.toBe(first);
  });

  // Protocol 13: the page names the break it ends. Back from its break before the room's answer to
  // its "Take a break" came, that is the break its own command begins: the room numbers them in order.
  it('back from its break before the room said it began, the page names the break its own command begins', () => {
    const { client, paused } = renderPausable();
    client.push();
    paused(true);
    client.answer();
    paused(false);
    client.answer();
    expect(client.state).toMatchObject({ breakNumber: 1 });
    expect(client.state.onBreak).toBeUndefined();
    const sent = client.sent.length;
    paused(true);
    paused(false);
    expect(client.sent.slice(sent)).toEqual([{ type: 'break', on: true }, { type: 'break', on: false, break: 2 }]);
    for (const command of client.sent.slice(sent)) {
      const result = reduceRoom(client.ctx, client.state, { from: 'presenter', by: 'page', message: { ...command, room: ROOM, token: LINK.token, seq: client.state.presenterSeq + 1 } as PresenterAction });
      if (!result.ok) throw new Error(`refused: ${result.code}`);
      client.state = result.state;
    }
    expect(client.state).toMatchObject({ breakNumber: 2, breakEndedBy: 'page' });
    expect(client.state.onBreak).toBeUndefined();
  });

  /** The room's break taken or ended from elsewhere (the terminal's b, or `by` another presenter page): the room's state changed and pushed to the page. */
  const terminalBreak = (client: ReturnType<typeof renderRoom>['client'], by: 'terminal' | 'page' = 'terminal') => (on: boolean) => {
    const result = reduceRoom(client.ctx, client.state, { from: 'presenter', message: { type: 'break', on, room: ROOM, token: LINK.token, seq: client.state.presenterSeq + 1, ...(on ? {} : { break: client.state.breakNumber }) }, by });
    if (!result.ok) throw new Error('refused');
    client.state = result.state;
    client.push();
  };

  // Found walking a live room: "End the break for the room" pressed by keyboard left focus on nothing
  // (the button goes away), and a step refused during the break still said "end the break first" after it.
  it('a break from the terminal: a step refused during it is no longer said once it is over; ending it from the page moves focus to the next step', async () => {
    const user = userEvent.setup();
    const { client } = renderRoom();
    client.push();
    await user.click(screen.getByRole('button', { name: 'Open the vote' }));
    client.answer();
    const terminal = terminalBreak(client);
    const refused = () => client.set({ error: { type: 'error', code: 'on-break', message: 'The room is on a break: end the break first.' } });
    terminal(true);
    refused();
    expect(status().textContent).toContain('end the break first');
    terminal(false);
    expect(status().textContent).not.toContain('end the break first');
    // Another refusal stays until the trainer's next step.
    client.set({ error: { type: 'error', code: 'not-now', message: 'That cannot be done right now.' } });
    terminal(true);
    expect(status().textContent).toContain('That cannot be done right now.');
    refused();
    screen.getByRole('button', { name: 'End the break for the room' }).focus();
    await user.keyboard('{Enter}');
    expect(client.sent.at(-1)).toEqual({ type: 'break', on: false, break: client.state.breakNumber });
    client.answer();
    expect(status().textContent).not.toContain('end the break first');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Lock the vote' }));
    // Ended here: not said as if ended elsewhere.
    expect(screen.queryByText(/break was ended/)).toBeNull();
  });

  // Found walking a live room: with a break taken from the terminal, the status line said "Voting is
  // open.", the notice was in no live region (a screen reader was not told), the refusal named "Back
  // from break", a button that exists only during the page's own break, and the break's end was not said.
  it('a break from the terminal is said in a polite region and on the status line; its refusal names the button there is; its end is said too', async () => {
    const user = userEvent.setup();
    const { client, container } = renderRoom();
    client.push();
    await user.click(screen.getByRole('button', { name: 'Open the vote' }));
    client.answer();
    const terminal = terminalBreak(client);
    const phase = () => (document.querySelector('.status-line') as HTMLElement).lastElementChild?.textContent;
    // The region is in the page, empty, before the break: its words are said when they come.
    const region = container.querySelector('[aria-live="polite"].room-break') as HTMLElement;
    expect(region.textContent).toBe('');
    expect(phase()).toBe('Voting is open.');
    const said = watchAnnouncements('.room-break');
    terminal(true);
    await waitFor(() => expect(said.said.length).toBeGreaterThan(0));
    said.stop();
    expect(container.querySelector('[aria-live="polite"].room-break')).toBe(region);
    // Said once, in words only: the button to end it is after the region, not read as part of the news.
    expect(said.said).toEqual(['The room is on a break: the phones show only that, and cannot vote.']);
    expect(region.textContent).toBe('The room is on a break: the phones show only that, and cannot vote.');
    expect(within(region).queryByRole('button')).toBeNull();
    expect(region.nextElementSibling).toBe(screen.getByRole('button', { name: 'End the break for the room' }));
    expect(phase()).toBe('The room is on a break.');
    client.set({ error: { type: 'error', code: 'on-break', message: 'The room is on a break: end the break first (“Back from break” at the top of the presenter page, or “End the break for the room” under the moment, or b in the room’s terminal).' } });
    expect(status().textContent).toContain('end the break first with “End the break for the room”');
    expect(status().textContent).not.toContain('Back from break');
    terminal(false);
    // Where it was ended: the room says so (the terminal's b here).
    expect(region.textContent).toBe(BREAK_ENDED_ELSEWHERE.terminal);
    expect(region.textContent).toBe('The room’s break was ended from the laptop’s terminal (b): the phones show the session again.');
    expect(phase()).toBe('Voting is open.');
    // Said until the trainer's next step.
    await user.click(screen.getByRole('button', { name: 'Lock the vote' }));
    expect(region.textContent).toBe('');
    client.answer();
    // Taken and ended from another presenter page: that is said; from a room that does not say where, both.
    const otherPage = terminalBreak(client, 'page');
    otherPage(true);
    otherPage(false);
    expect(region.textContent).toBe('The room’s break was ended from another presenter page: the phones show the session again.');
    terminal(true);
    const unsaid = reduceRoom(client.ctx, client.state, { from: 'presenter', message: { type: 'break', on: false, room: ROOM, token: LINK.token, seq: client.state.presenterSeq + 1 } });
    if (!unsaid.ok) throw new Error('refused');
    client.state = unsaid.state;
    client.push();
    expect(region.textContent).toBe(BREAK_ENDED_ELSEWHERE.either);
  });

  // Two pages pressing "End the break for the room" at once: the command that comes second changes
  // nothing, and its page said nothing either, as if it had ended the break itself (or, second to the
  // terminal's b, as if not the terminal had).
  it('a break ended at once from this page and elsewhere: the page says where it was ended unless its own command ended it', async () => {
    const user = userEvent.setup();
    const { client, container } = renderRoom();
    client.push();
    const region = container.querySelector('[aria-live="polite"].room-break') as HTMLElement;
    const other = 'page-other-0123456789ab';
    const room = (on: boolean, by: 'terminal' | 'page', page?: string) => {
      const result = reduceRoom(client.ctx, client.state, { from: 'presenter', message: { type: 'break', on, room: ROOM, token: LINK.token, seq: client.state.presenterSeq + 1, ...(on ? {} : { break: client.state.breakNumber }) }, by, ...(page !== undefined ? { page } : {}) });
      if (!result.ok) throw new Error('refused');
      client.state = result.state;
      client.push();
    };
    const endHere = async () => {
      await user.click(screen.getByRole('button', { name: 'End the break for the room' }));
      expect(client.sent.at(-1)).toEqual({ type: 'break', on: false, break: client.state.breakNumber });
    };
    // The other page's end came first.
    room(true, 'page', other);
    await endHere();
    room(false, 'page', other);
    expect(region.textContent).toBe(BREAK_ENDED_ELSEWHERE.page);
    // This page's came first: nothing to say.
    room(true, 'page', other);
    await endHere();
    room(false, 'page', client.page);
    expect(region.textContent).toBe('');
    // The terminal's b came first.
    room(true, 'page', other);
    await endHere();
    room(false, 'terminal');
    expect(region.textContent).toBe(BREAK_ENDED_ELSEWHERE.terminal);
  });

  it('during the page\'s own break, the room\'s refusal names "Back from break"; ended from the page, the break\'s end is not said as if from elsewhere', async () => {
    const { client, page, paused } = renderPausable();
    client.push();
    paused(true);
    client.answer();
    expect(client.state.onBreak).toBe(true);
    client.set({ error: { type: 'error', code: 'on-break', message: 'The room is on a break: end the break first.' } });
    expect(status().textContent).toContain('end the break first with “Back from break” at the top of the page');
    paused(false);
    client.answer();
    expect(client.state.onBreak).toBeUndefined();
    const region = page.container.querySelector('[aria-live="polite"].room-break') as HTMLElement;
    await waitFor(() => expect(region.textContent).toBe(''));
    expect(screen.queryByText(/break was ended/)).toBeNull();
  });

  // Found walking a live room: a break taken on the page and ended from the terminal's b let the phones
  // vote again, but the laptop kept its "Take a break" panel and the projector "Taking a break" until
  // "Back from break" was pressed. The whole app here (its break is App's), the room played over a fake socket.
  it('a break taken on the page and ended from the terminal ends on the page too: its panel closes, the focus goes to the moment, a polite status says so, and the projector shows the session; reloaded during its break, the page comes back on it', async () => {
    window.history.replaceState(null, '', `/?room=${ROOM}&token=${LINK.token}#/presenter/example`);
    const room = { state: createRoom(ctx, ROOM, 1, new Date('2026-01-01T00:00:00Z')) };
    const sockets: RoomSocket[] = [];
    class RoomSocket {
      readyState = 0;
      onopen: ((e: unknown) => void) | null = null;
      onmessage: ((e: { data: unknown }) => void) | null = null;
      onclose: ((e: unknown) => void) | null = null;
      onerror: ((e: unknown) => void) | null = null;
      sent: PresenterCommand[] = [];
      page?: string;
      constructor() {
        sockets.push(this);
        setTimeout(() => {
          this.readyState = 1;
          this.onopen?.({});
        });
      }
      send(data: string) {
        const message = JSON.parse(data) as PresenterAction | { type: 'hello'; page?: string };
        if (message.type === 'hello') {
          this.page = message.page;
          return this.deliver('welcome');
        }
        this.sent.push(message);
        const result = reduceRoom(ctx, room.state, { from: 'presenter', message, by: 'page', ...(this.page !== undefined ? { page: this.page } : {}) });
        if (result.ok) room.state = result.state;
        this.deliver('view');
      }
      deliver(type: 'welcome' | 'view') {
        const data = JSON.stringify({ type, seq: room.state.presenterSeq, view: presenterViewFor(presenterView(ctx, room.state, 0), undefined) });
        setTimeout(() => this.onmessage?.({ data }));
      }
      close() {}
    }
    vi.stubGlobal('WebSocket', RoomSocket);
    try {
      const user = userEvent.setup();
      renderApp('#/presenter/example');
      const projector = within(render(<ProjectorScreen />).container);
      // The suite's wait (15 s, helpers.tsx), not 5 s: the app's first drawing here loads the presenter page, 1.8 s on a machine at load 15.
      // The example opens on a decision: shown first (its vote not yet open), then the vote.
      await user.click(await screen.findByRole('button', { name: 'Show the decision' }));
      await user.click(await screen.findByRole('button', { name: 'Open the vote' }));
      await waitFor(() => expect(room.state.phase).toBe('open'));
      await user.click(screen.getByRole('button', { name: 'Take a break' }));
      expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1, name: 'Take a break' }));
      await waitFor(() => expect(document.querySelector('.status-line')?.lastElementChild?.textContent).toBe('The room is on a break.'));
      expect(await projector.findByRole('heading', { level: 1, name: 'Taking a break' })).toBeTruthy();
      // The terminal's b.
      const ended = reduceRoom(ctx, room.state, { from: 'presenter', message: { type: 'break', on: false, room: ROOM, token: LINK.token, seq: room.state.presenterSeq + 1 }, by: 'terminal' });
      if (!ended.ok) throw new Error('refused');
      room.state = ended.state;
      sockets.at(-1)?.deliver('view');
      await waitFor(() => expect(screen.queryByRole('region', { name: 'Take a break' })).toBeNull());
      expect(screen.getByRole('button', { name: 'Take a break' })).toBeTruthy();
      // Waited for, not read at once: the focus moves in an effect after the drawing that closes the
      // panel, which a loaded machine's scheduler runs a task later (the wait above can end between).
      await waitFor(() => expect(document.activeElement).toBe(document.querySelector('.live-room h1')));
      const region = document.querySelector('[aria-live="polite"].room-break') as HTMLElement;
      await waitFor(() => expect(region.textContent).toBe(OWN_BREAK_ENDED_ELSEWHERE.terminal));
      await waitFor(() => expect(projector.queryByRole('heading', { level: 1, name: 'Taking a break' })).toBeNull());
      expect(projector.getByText(/What is the most natural thing to say here/)).toBeTruthy();
      // The room, back already, is not told again; and the vote is open, as it was.
      expect(sockets.flatMap((s) => s.sent).filter((c) => c.type === 'break')).toEqual([{ type: 'break', on: true, room: ROOM, token: LINK.token, seq: expect.any(Number) }]);
      expect(room.state.phase).toBe('open');
      // A break taken, and the page reloaded during it (its id kept in the tab): the page comes back on
      // its break, the projector too, and its "Back from break" ends the room's break.
      await user.click(screen.getByRole('button', { name: 'Take a break' }));
      await waitFor(() => expect(room.state.breakPages).toEqual([sockets.at(-1)?.page]));
      cleanup();
      window.dispatchEvent(new Event('pagehide'));
      renderApp('#/presenter/example');
      const reloaded = within(render(<ProjectorScreen />).container);
      expect(await screen.findByRole('region', { name: 'Take a break' })).toBeTruthy();
      expect(await reloaded.findByRole('heading', { level: 1, name: 'Taking a break' })).toBeTruthy();
      await user.click(screen.getByRole('button', { name: 'Back from break' }));
      await waitFor(() => expect(room.state.onBreak).toBeUndefined());
      expect(room.state.breakEndedPage).toBe(sockets.at(-1)?.page);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  // Found walking a live room: disconnected, the page kept "3 phones joined (2 connected)" as if live.
  it('while the connection is down, the phone count says it is from before', () => {
    const { client } = renderRoom();
    client.push();
    const count = () => document.querySelector('.room-count')?.textContent;
    expect(count()).toBe('0 phones joined (0 connected)');
    client.set({ status: 'reconnecting' });
    expect(count()).toBe('Before the connection was lost: 0 phones joined (0 connected)');
    client.push();
    expect(count()).toBe('0 phones joined (0 connected)');
  });

  // A Follow pressed by mistake could not be taken back in a live room (presenter mode has "Back to decision N").
  it('"Back to decision 1" after following a reply sends the room back there, revealed again with its votes; not offered before a reply is followed', async () => {
    const user = userEvent.setup();
    const { client } = renderRoom();
    client.push();
    expect(screen.queryByRole('button', { name: /^Back to decision/ })).toBeNull();
    await voteAndFollow(user, client, 'phone-curious', 'phone-accuse');
    await user.click(screen.getByRole('button', { name: 'Back to decision 1' }));
    expect(client.sent.at(-1)).toEqual({ type: 'back', node: roomSessionView(ctx, client.state).nodeId });
    client.answer();
    expect(screen.getByRole('heading', { name: 'The replies, revealed' })).toBeTruthy();
    expect(client.state.history).toEqual([]);
    expect(screen.queryByRole('button', { name: /^Back to decision/ })).toBeNull();
  });

  // The last branch followed by mistake ended the session with no way back ("Back to decision N" was offered before every other moment).
  it('at the ending the story reached, "Back to decision 2" and Page Up send the room back to the last decision, revealed with its votes; not after the session was ended for everyone', async () => {
    const user = userEvent.setup();
    steppingClock();
    const { client } = renderRoom();
    await toEnding(user, client);
    expect(client.state.phase).toBe('ended');
    expect(screen.getByRole('heading', { name: 'How often the room matched best practice' })).toBeTruthy();
    expect(screen.getByText(/Back to decision 2: the room returns to it, revealed with its votes/).textContent).toContain('written again, in the same file, when the session ends or stops');
    expect(document.getElementById('clicker-keys')?.textContent).toContain('Page Up or Left arrow: Back to decision 2.');
    await user.click(screen.getByRole('button', { name: 'Back to decision 2' }));
    expect(client.sent.at(-1)).toEqual({ type: 'back', node: roomSessionView(ctx, client.state).nodeId });
    client.answer();
    expect(screen.getByRole('heading', { name: 'The replies, revealed' })).toBeTruthy();
    expect(screen.getByText('1 vote in all.')).toBeTruthy();
    expect(client.state).toMatchObject({ phase: 'revealed', round: 2 });
    // Ended again; Page Up (a clicker) goes back too.
    await user.click(within(document.querySelector('[data-reply="after-supervisor"]') as HTMLElement).getByRole('button', { name: /Follow/ }));
    client.answer();
    expect(client.state.phase).toBe('ended');
    await user.keyboard('{PageUp}');
    expect(client.sent.at(-1)).toEqual({ type: 'back', node: roomSessionView(ctx, client.state).nodeId });
    client.answer();
    expect(client.state.phase).toBe('revealed');
    // Ended for everyone (e) before the ending: it stays ended, with no way back offered.
    await user.click(screen.getByRole('button', { name: 'End the session' }));
    await user.click(screen.getByRole('button', { name: 'Yes, end the session' }));
    client.answer();
    expect(client.state.phase).toBe('ended');
    expect(screen.queryByRole('button', { name: /^Back to decision/ })).toBeNull();
    expect(screen.queryByText(/the room returns to it/)).toBeNull();
  });

  // Closed (Ctrl+C) at the ending the story reached, the page said the session had ended and the room
  // had closed, with "Back to decision 2" still offered and doing nothing, though the terminal said to
  // resume the room to go back (room-45).
  it('the room closed at the ending the story reached: the page says how to go back (resume the room), and carries on once it is back', async () => {
    const user = userEvent.setup();
    const { client } = renderRoom();
    await toEnding(user, client);
    client.set({ status: 'ended' });
    expect(status().textContent).toBe('The room has closed at the story\'s ending. The session summary was written on the laptop that ran the room. To go back to decision 2, resume the room on the laptop (room --resume): this page connects to it again by itself.');
    // The room client found it again (resumed).
    client.push();
    expect(status().textContent).toBe('Connected to the room.');
    await user.click(screen.getByRole('button', { name: 'Back to decision 2' }));
    client.answer();
    // Ended for everyone, closed: nothing to go back to, said as before.
    await user.click(screen.getByRole('button', { name: 'End the session' }));
    await user.click(screen.getByRole('button', { name: 'Yes, end the session' }));
    client.answer();
    client.set({ status: 'ended' });
    expect(status().textContent).toBe('The session has ended and the room has closed. The session summary was written on the laptop that ran the room.');
  });

  // A summary downloaded at an ending the room then went back from kept saying the branch taken back,
  // under the same file name as the one downloaded at the new ending, and nothing said so.
  it('a summary downloaded at an ending the room went back from is said to be out of date at the new ending, until it is downloaded again', async () => {
    const user = userEvent.setup();
    const { client } = renderRoom();
    await toEnding(user, client);
    expect(screen.getByText(/Back to decision 2: the room returns to it/).textContent).toContain('a summary already downloaded on this page stays as it is: download it again at the new ending');
    const download = () => user.click(screen.getByRole('button', { name: 'Download the session summary (Markdown)' }));
    await download();
    const stale = /The summary downloaded earlier from this page is out of date/;
    expect(screen.queryByText(stale)).toBeNull();
    // Back to decision 2, and the room follows `reply` to the ending.
    const backAndFollow = async (reply: string) => {
      await user.click(screen.getByRole('button', { name: 'Back to decision 2' }));
      client.answer();
      await user.click(within(document.querySelector(`[data-reply="${reply}"]`) as HTMLElement).getByRole('button', { name: /Follow/ }));
      client.answer();
      expect(client.state.phase).toBe('ended');
    };
    // The same branch again: the same summary, so nothing is out of date.
    await backAndFollow('after-supervisor');
    expect(screen.queryByText(stale)).toBeNull();
    // Another branch: the copy downloaded says the branch taken back.
    await backAndFollow('after-wait');
    expect(screen.getByText(stale)).toBeTruthy();
    await download();
    expect(screen.queryByText(stale)).toBeNull();
    const [first, second] = await Promise.all(downloads.map((d) => d.blob.text()));
    expect(first).not.toBe(second);
    expect(second).toBe(presenterView(ctx, client.state, 0).summary?.markdown);
  });

  it('a projector window shows how to join, the moment, and after the reveal the tally and note; never the trainer\'s buttons', async () => {
    const user = userEvent.setup();
    const client = new FakeClient();
    render(<><LiveRoom link={LINK} connect={() => client} /><div data-testid="projector"><ProjectorScreen /></div></>);
    // Past the content note (the room's first step): the moment.
    client.state = { ...client.state, presenterSeq: 1 };
    client.push();
    const projector = () => within(screen.getByTestId('projector'));
    expect(await projector().findByText(/What is the most natural thing to say here/)).toBeTruthy();
    expect(projector().getByText(ROOM)).toBeTruthy();
    expect(projector().getByText(JOIN)).toBeTruthy();
    expect(projector().getByRole('img', { name: `QR code for the join address ${JOIN}` }).getAttribute('src')).toBe('/join/qr.svg');
    expect(projector().queryAllByRole('button')).toHaveLength(0);
    // The trainer's own look at the note stays on the laptop.
    await user.click(screen.getByRole('button', { name: 'Show the facilitator note (trainer only)' }));
    expect(projector().queryByText(/treats the phone as proof of something/)).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Open the vote' }));
    client.answer();
    client.vote('phone-0001-abcdefghij', 'phone-curious');
    client.vote('phone-0002-abcdefghij', 'phone-accuse');
    // The room sees the vote's state, and how many have voted (it was on the laptop only).
    expect(await projector().findByText(/Voting is open: 2 votes so far$/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Lock the vote' }));
    client.answer();
    expect(await projector().findByText(/ · Voting is closed$/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Reveal the votes' }));
    client.answer();
    expect(await projector().findByText(/treats the phone as proof of something/)).toBeTruthy();
    expect(projector().queryByText(/Voting is/)).toBeNull();
    const best = projector().getByText('★ Best practice').closest('li') as HTMLElement;
    expect(best.textContent).toContain('Votes: 1 (50%)');
    expect(best.querySelector('.reply-score')?.textContent).toMatch(/^Score: [+−]?\d+$/);
    // The reveal gets the screen: how to join on one line (late joiners), without the QR code.
    const joinLine = () => screen.getByTestId('projector').querySelector('.join-line')?.textContent;
    expect(joinLine()).toBe(`Join: ${JOIN} ·, code ${ROOM}`);
    expect(projector().queryByRole('img')).toBeNull();
    await user.click(screen.getAllByRole('button', { name: /Follow reply/ })[0] as HTMLElement);
    client.answer();
    // A scene after the first vote: the one line too.
    expect(await projector().findAllByText('Scene 1')).not.toHaveLength(0);
    expect(joinLine()).toBe(`Join: ${JOIN} ·, code ${ROOM}`);
    expect(projector().queryByRole('img')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'End the session' }));
    await user.click(screen.getByRole('button', { name: 'Yes, end the session' }));
    client.answer();
    // A 1–1 tie between best practice and another reply is not the room choosing best practice, as in presenter mode.
    expect(await projector().findByText(/^The branch the room took was best practice at [01] of 1 decision \((0|100)%\)\. The room's most-voted reply was best practice at 0 of 1 decision with votes \(0%\); 1 of 2 votes \(50%\) went to best-practice replies\.$/)).toBeTruthy();
    expect(projector().getByText('The session has ended.')).toBeTruthy();
    // Ended before the story did: no ending to tell.
    expect(projector().queryByText(/^Ending: /)).toBeNull();
  });

  // The room's projector showed a decision's replies under no question (the laptop and the phones
  // showed it): the room voted without seeing what it was asked.
  it('the projector heads a decision\'s replies with its question, as the laptop and the phones do, while the room discusses and votes; not at the reveal', async () => {
    const { user, client, projector } = renderWithProjector();
    const laptop = within(screen.getByTestId('laptop'));
    await projector().findByText(/What is the most natural thing to say here/);
    const question = laptop.getByRole('heading', { level: 2, name: 'What do you say or do?' });
    expect(projector().getByRole('heading', { level: 2, name: question.textContent ?? '' })).toBeTruthy();
    expect(projector().getByRole('list', { name: 'What do you say or do?' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Open the vote' }));
    client.answer();
    client.vote('phone-0001-abcdefghij', 'phone-curious');
    await waitFor(() => expect(screen.getByTestId('projector').querySelector('.status-line')?.textContent).toMatch(/Voting is open: 1 vote so far/));
    expect(projector().getByRole('heading', { level: 2, name: 'What do you say or do?' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Reveal the votes' }));
    client.answer();
    await projector().findByText('★ Best practice');
    expect(screen.getByTestId('projector').querySelector('h2.prompt')).toBeNull();
  });

  it('the projector shows the whole join block while the room waits for its first vote and while a vote is open, the one line at each reveal, and at the story\'s end its ending above the outcome', async () => {
    const { user, client, projector } = renderWithProjector(undefined, { atContentNote: true });
    const laptop = within(screen.getByTestId('laptop'));
    const qr = () => projector().queryByRole('img', { name: `QR code for the join address ${JOIN}` });
    // The content note, until the trainer's first step.
    await projector().findByText(scenario.contentNote);
    expect(qr()).toBeTruthy();
    expect(screen.getByTestId('projector').querySelector('.join-line')).toBeNull();
    // The first decision shown, its vote not yet open (the story opens on it): the block still. Page Down
    // (a clicker) takes that step, as the button does, named so in the keys' hint.
    steppingClock();
    expect(document.getElementById('clicker-keys')?.textContent).toContain('Page Down or Right arrow: Show the decision.');
    await user.keyboard('{PageDown}');
    expect(client.sent).toEqual([{ type: 'advance', node: 'phone' }]);
    client.answer();
    await projector().findByText(/What is the most natural thing to say here/);
    expect(qr()).toBeTruthy();
    // Every decision in turn: the block while its vote is open, the line at its reveal; the room follows best practice.
    for (let guard = 0; guard < 10 && !screen.queryByRole('heading', { name: 'How often the room matched best practice' }); guard++) {
      const open = screen.queryByRole('button', { name: 'Open the vote' });
      if (!open) {
        await user.click(screen.getByRole('button', { name: 'Continue' }));
        client.answer();
        continue;
      }
      await user.click(open);
      client.answer();
      expect(qr()).toBeTruthy();
      await user.click(screen.getByRole('button', { name: 'Reveal the votes' }));
      client.answer();
      await projector().findByText('★ Best practice');
      expect(qr()).toBeNull();
      const best = laptop.getAllByText('★ Best practice')[0]?.closest('li') as HTMLElement;
      await user.click(within(best).getByRole('button', { name: /Follow reply/ }));
      client.answer();
    }
    const laptopTitle = laptop.getByRole('heading', { level: 1 }).textContent;
    const laptopNarration = laptop.getByRole('log').querySelector('.narration')?.textContent;
    expect(laptopTitle).toBe('A plan you made together');
    expect(await projector().findByRole('heading', { level: 1, name: `Ending: ${laptopTitle}` })).toBeTruthy();
    const shown = [...screen.getByTestId('projector').querySelectorAll('h1, h2, .narration, .followed')].map((e) => e.textContent);
    // The reply that led there (best practice) under the ending's title.
    expect(shown).toEqual([`Ending: ${laptopTitle}`, 'The story followed: Do: Call your Advocate Supervisor to talk through what you noticed.', laptopNarration, 'Outcome: Strong']);
  });

  // Walked by trainer-51: at a vote with no scenes to set it up, the projector showed the whole join
  // block (QR code, address, room code) with the room already in, pushing the moment down and its
  // type smaller, where the presenter page had folded its own to a line once a phone had joined.
  it('at a decision after the first vote, once a phone has joined, the projector shows how to join on one line (address and code), not the whole block; the block stays at a vote no phone had joined when it opened, and does not fold while that vote is open', async () => {
    const { user, client, projector } = renderWithProjector();
    const qr = () => projector().queryByRole('img', { name: `QR code for the join address ${JOIN}` });
    const joinLine = () => screen.getByTestId('projector').querySelector('.join-line')?.textContent;
    await projector().findByText(/What is the most natural thing to say here/);
    // The first vote, opened with no phone joined: the block, kept while the first phone joins and votes.
    await user.click(screen.getByRole('button', { name: 'Open the vote' }));
    client.answer();
    await waitFor(() => expect(qr()).toBeTruthy());
    client.vote('phone-0001-abcdefghij', 'phone-curious');
    await screen.findByText(/1 phone joined/);
    expect(qr()).toBeTruthy();
    expect(joinLine()).toBeUndefined();
    await user.click(screen.getByRole('button', { name: 'Reveal the votes' }));
    client.answer();
    await user.click(within(document.querySelector('[data-reply="phone-curious"]') as HTMLElement).getByRole('button', { name: /Follow/ }));
    client.answer();
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    client.answer();
    // The next decision, a phone in: the one line, before its vote and while it is open.
    await screen.findByRole('button', { name: 'Open the vote' });
    expect(projector().queryByRole('region', { name: 'Before this' })).toBeNull();
    await waitFor(() => expect(joinLine()).toBe(`Join: ${JOIN} ·, code ${ROOM}`));
    expect(qr()).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Open the vote' }));
    client.answer();
    await projector().findByText(/ · Voting is open/);
    expect(joinLine()).toBe(`Join: ${JOIN} ·, code ${ROOM}`);
    expect(qr()).toBeNull();
    expect(projector().getByRole('heading', { level: 1 })).toBeTruthy();
  });

  it('once the trainer follows a reply, the projector says which one the story follows, up to the next reveal, and at the ending which one it followed', async () => {
    const { user, client, projector } = renderWithProjector();
    const followed = () => screen.getByTestId('projector').querySelector('.followed')?.textContent;
    await projector().findByText(/What is the most natural thing to say here/);
    const decide = async (reply: string) => {
      await user.click(screen.getByRole('button', { name: 'Open the vote' }));
      client.answer();
      client.vote('phone-0001-abcdefghij', 'phone-curious');
      await user.click(screen.getByRole('button', { name: 'Reveal the votes' }));
      client.answer();
      await projector().findByText('★ Best practice');
      // The reveal is the decision's replies alone.
      expect(followed()).toBeUndefined();
      await user.click(within(document.querySelector(`[data-reply="${reply}"]`) as HTMLElement).getByRole('button', { name: /Follow/ }));
      client.answer();
    };
    await projector().findByText(JOIN);
    expect(followed()).toBeUndefined();
    // The room voted for another reply; the trainer follows this one.
    await decide('phone-accuse');
    await waitFor(() => expect(followed()).toBe('The story follows: Who bought you that? You need to tell me the truth.'));
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    client.answer();
    // The next decision, its vote open too: still on that branch.
    await projector().findByRole('heading', { level: 1, name: 'After the visit' });
    expect(followed()).toBe('The story follows: Who bought you that? You need to tell me the truth.');
    await user.click(screen.getByRole('button', { name: 'Open the vote' }));
    client.answer();
    await projector().findByText(/Voting is open/);
    expect(followed()).toBe('The story follows: Who bought you that? You need to tell me the truth.');
    await user.click(screen.getByRole('button', { name: 'Reveal the votes' }));
    client.answer();
    await projector().findByText('★ Best practice');
    expect(followed()).toBeUndefined();
    await user.click(within(document.querySelector('[data-reply="after-wait"]') as HTMLElement).getByRole('button', { name: /Follow/ }));
    client.answer();
    const ending = await projector().findByRole('heading', { level: 1, name: /^Ending: / });
    expect(ending.nextElementSibling?.textContent).toBe('The story followed: Do: Decide it is probably nothing and keep it to yourself.');
  });

  it('at a reveal, a reply breaking a critical principle says ", critical" in its verdict, on the laptop and the projector; only there', async () => {
    const { user, client, projector } = renderWithProjector();
    await projector().findByText(/What is the most natural thing to say here/);
    await voteAndFollow(user, client, 'phone-curious', 'phone-curious');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    client.answer();
    await user.click(screen.getByRole('button', { name: 'Open the vote' }));
    client.answer();
    client.vote('phone-0001-abcdefghij', 'after-search');
    await user.click(screen.getByRole('button', { name: 'Reveal the votes' }));
    client.answer();
    await projector().findByText('★ Best practice');
    const laptop = (reply: string) => [...(document.querySelector(`[data-reply="${reply}"]`) as HTMLElement).querySelectorAll('.verdicts li')].map((li) => li.textContent);
    // Looking Jade up online: investigating, a prohibited activity (the guide's critical principle).
    expect(laptop('after-search')).toEqual(['✗ violates Don\'t investigate (guide: "Prohibited Activities", critical)']);
    expect([...laptop('after-wait'), ...laptop('after-supervisor')].join(' ')).not.toMatch(/critical/);
    const onProjector = [...screen.getByTestId('projector').querySelectorAll('.reveal .verdicts li')].map((li) => li.textContent);
    expect(onProjector).toContain('✗ violates Don\'t investigate (guide: "Prohibited Activities", critical)');
    expect(onProjector.filter((t) => t?.includes('critical'))).toHaveLength(1);
  });

  // The web walk (session 43): the laptop said "Outcome: Needs review" alone, the projector why, which
  // violation and the score. Both say it now, in the same words.
  it('at an end reached through a prohibited activity, the projector and the laptop each say why the outcome needs review, name the critical violation and give the score, as presenter mode does', async () => {
    const { user, client, projector } = renderWithProjector();
    await projector().findByText(/What is the most natural thing to say here/);
    await voteAndFollow(user, client, 'phone-accuse', 'phone-accuse');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    client.answer();
    // Looking the youth up online: investigating, a prohibited activity (the guide's critical principle).
    await voteAndFollow(user, client, 'after-search', 'after-search');
    await projector().findByRole('heading', { name: 'Outcome: Needs review' });
    // Under a heading of its own, as the projector and presenter mode's debrief head it: not under
    // "How often the room matched best practice", which named none of it (the web check of session 43).
    const laptop = within(screen.getByTestId('laptop'));
    const onLaptop = [...laptop.getByRole('region', { name: 'Outcome: Needs review' }).querySelectorAll('h2, p, li')].map((e) => e.textContent);
    expect(laptop.getByRole('heading', { level: 2, name: 'Outcome: Needs review' })).toBeTruthy();
    expect(laptop.getByRole('region', { name: 'How often the room matched best practice' }).textContent).not.toMatch(/Outcome|Score|Don't investigate/);
    const onProjector = [...screen.getByTestId('projector').querySelectorAll('h2, p, li')].map((e) => e.textContent);
    const why = (shown: (string | null)[]) => shown.slice(shown.indexOf('Outcome: Needs review'), shown.indexOf('Outcome: Needs review') + 4);
    for (const shown of [onLaptop, onProjector]) {
      expect(why(shown)).toEqual([
        'Outcome: Needs review',
        expect.stringMatching(/^A prohibited activity in the guide \(a critical violation\) always needs review/),
        '✗ Don\'t investigate (guide: "Prohibited Activities")',
        expect.stringMatching(/^Score: /),
      ]);
    }
    expect(why(onLaptop)).toEqual(why(onProjector));
  });

  it('a reply the story does not open at this decision says so on the projector, beside it while the room votes and under it at the reveal, as on the laptop', async () => {
    const gated = validateScenario(gatedPhoneText(example), 'example.json').scenario as Scenario;
    const { user, client, projector } = renderWithProjector(roomContext(gated));
    await projector().findByText(/What is the most natural thing to say here/);
    await user.click(screen.getByRole('button', { name: 'Open the vote' }));
    client.answer();
    const n = roomSessionView(client.ctx, client.state).replies.find((r) => r.id === 'phone-accuse')?.number;
    const words = `Reply ${n} is not available now: it needs Jade's trust at least 80 (now 50).`;
    expect(screen.getByTestId('laptop').textContent).toContain(words);
    const shown = () => [...screen.getByTestId('projector').querySelectorAll('li')].filter((li) => li.textContent?.includes('is not available now'));
    await waitFor(() => expect(shown().map((li) => li.textContent)).toEqual([expect.stringContaining('You need to tell me the truth')]));
    expect(shown()[0]?.textContent).toContain(words);
    client.vote('phone-0001-abcdefghij', 'phone-curious');
    await user.click(screen.getByRole('button', { name: 'Reveal the votes' }));
    client.answer();
    await projector().findByText('★ Best practice');
    expect(shown().map((li) => li.textContent)).toEqual([expect.stringContaining(words)]);
  });

  it('a session ended before the story reached an ending says no reply on the projector\'s end screen', async () => {
    const { user, client, projector } = renderWithProjector();
    await voteAndFollow(user, client, 'phone-curious', 'phone-curious');
    await waitFor(() => expect(screen.getByTestId('projector').querySelector('.followed')?.textContent).toBe('The story follows: That\'s a nice one! How did you get it?'));
    await user.click(screen.getByRole('button', { name: 'End the session' }));
    await user.click(screen.getByRole('button', { name: 'Yes, end the session' }));
    client.answer();
    expect(await projector().findByText('The session has ended.')).toBeTruthy();
    expect(screen.getByTestId('projector').querySelector('.followed')).toBeNull();
  });

  it('the live room\'s presenter page has the checkbox that turns B and . off too: then B blanks nothing, and the button still does', async () => {
    const user = userEvent.setup();
    const { client } = renderRoom();
    client.push();
    const blank = screen.getByRole('button', { name: 'Blank the projector' });
    try {
      await user.click(screen.getByRole('checkbox', { name: 'Single-key shortcuts: B or . blanks the projector' }));
      expect(document.getElementById('clicker-keys')?.textContent).toContain('B and . do nothing: single-key shortcuts are turned off');
      await user.keyboard('b');
      expect(blank.getAttribute('aria-pressed')).toBe('false');
      await user.click(blank);
      expect(blank.getAttribute('aria-pressed')).toBe('true');
    } finally {
      localStorage.removeItem(SINGLE_KEYS_KEY);
    }
  });

  it('a presentation clicker takes the vote one step at a time: Page Down opens it, locks it once a phone has voted, reveals it once locked; never a branch; a double press is not taken; Page Up goes back to the last decision', async () => {
    const user = userEvent.setup();
    const clock = steppingClock();
    const { client } = renderRoom();
    client.push();
    const hint = () => document.getElementById('clicker-keys')?.textContent;
    const open = screen.getByRole('button', { name: 'Open the vote' });
    expect(open.getAttribute('aria-keyshortcuts')).toBe('PageDown ArrowRight');
    expect(hint()).toBe('Clicker keys (also in the projector window): Page Down or Right arrow: Open the vote. B or . (a clicker\'s blank-screen button): blank or show the projector; can be turned off below.');
    await user.keyboard('{PageDown}');
    expect(client.sent).toEqual([{ type: 'open', node: 'phone' }]);
    // Waiting for the room's answer: a press sends nothing more.
    await user.keyboard('{PageDown}');
    expect(client.sent).toHaveLength(1);
    client.answer();
    // The vote is open and no phone has voted: one press must not close it.
    expect(screen.getByRole('button', { name: 'Lock the vote' }).getAttribute('aria-keyshortcuts')).toBe('PageDown ArrowRight');
    expect(screen.getByRole('button', { name: 'Reveal the votes' }).getAttribute('aria-keyshortcuts')).toBeNull();
    expect(hint()).toBe('Clicker keys (also in the projector window): Page Down or Right arrow: Lock the vote, once a phone has voted. B or . (a clicker\'s blank-screen button): blank or show the projector; can be turned off below.');
    expect(await announcedDuring(() => user.keyboard('{PageDown}'))).toEqual(['No phone has voted yet, so Page Down did not lock the vote. It locks it once a vote is in; to close it now, choose “Lock the vote”.']);
    expect(client.sent).toHaveLength(1);
    client.vote('phone-0001-abcdefghij', 'phone-curious');
    // Locks (not reveals) the open vote.
    clock.t = 50_000;
    clickerClock.now = () => clock.t;
    await user.keyboard('{PageDown}');
    expect(client.sent.at(-1)).toEqual({ type: 'lock', round: 1 });
    client.answer();
    // Pressed again 200 ms later (a double press): the locked vote is not revealed.
    clock.t += 200;
    expect(await announcedDuring(() => user.keyboard('{PageDown}'))).toEqual(['Page Down was pressed again as this appeared, so the second press was not taken (the room has not seen this yet). Press it again to go on.']);
    expect(client.sent).toHaveLength(2);
    expect(screen.getByRole('button', { name: 'Reveal the votes' }).getAttribute('aria-keyshortcuts')).toBe('PageDown ArrowRight');
    clock.t += 2000;
    await user.keyboard('{ArrowRight}');
    expect(client.sent.at(-1)).toEqual({ type: 'reveal', round: 1 });
    client.answer();
    clickerClock.now = () => (clock.t += 1000);
    // At the reveal the trainer chooses the branch.
    expect(await announcedDuring(() => user.keyboard('{PageDown}'))).toEqual(['Page Down does not choose the branch: press the Follow button of the reply the story follows.']);
    expect(client.sent).toHaveLength(3);
    await user.click(within(document.querySelector('[data-reply="phone-accuse"]') as HTMLElement).getByRole('button', { name: /Follow/ }));
    client.answer();
    // A scene: Page Down continues; Page Up is "Back to decision 1".
    expect(hint()).toBe('Clicker keys (also in the projector window): Page Down or Right arrow: Continue. Page Up or Left arrow: Back to decision 1. B or . (a clicker\'s blank-screen button): blank or show the projector; can be turned off below.');
    await user.keyboard('{PageUp}');
    expect(client.sent.at(-1)).toEqual({ type: 'back', node: roomSessionView(ctx, client.state).nodeId });
    client.answer();
    expect(screen.getByRole('heading', { name: 'The replies, revealed' })).toBeTruthy();
    // While "End the session" asks, no key steps on (nor ends it).
    await user.click(within(document.querySelector('[data-reply="phone-accuse"]') as HTMLElement).getByRole('button', { name: /Follow/ }));
    client.answer();
    await user.click(screen.getByRole('button', { name: 'End the session' }));
    const sent = client.sent.length;
    await user.keyboard('{PageDown}{PageUp}');
    expect(client.sent).toHaveLength(sent);
    expect(screen.getByRole('group', { name: 'End the session for everyone?' })).toBeTruthy();
  });

  it('a reveal the projector window shows in pages: Page Down and Page Up step through them (the page sent to the projector), each step said; past the last, Page Down chooses no branch; the next reveal starts at its first page', async () => {
    const user = userEvent.setup();
    steppingClock();
    // A projector window that needs a page for each reply (ProjectorScreen measures it in Chromium).
    const window1 = pagingWindow((n) => n.map((x) => [x]));
    try {
      const { client } = renderRoom();
      client.push();
      await user.click(screen.getByRole('button', { name: 'Open the vote' }));
      client.answer();
      client.vote('phone-0001-abcdefghij', 'phone-curious');
      await user.click(screen.getByRole('button', { name: 'Reveal the votes' }));
      client.answer();
      const pagerLine = () => document.querySelector('.reveal-page-now')?.textContent;
      await waitFor(() => expect(pagerLine()).toBe('Projector: page 1 of 3 of the reveal, reply 1.'));
      const hint = () => document.getElementById('clicker-keys')?.textContent;
      expect(hint()).toBe('Clicker keys (also in the projector window): Page Down or Right arrow: Next projector page. B or . (a clicker\'s blank-screen button): blank or show the projector; can be turned off below.');
      expect(await announcedDuring(() => user.keyboard('{PageDown}'))).toEqual(['Projector: page 2 of 3 of the reveal, reply 2.']);
      expect(await announcedDuring(() => user.keyboard('{ArrowRight}'))).toEqual(['Projector: page 3 of 3 of the reveal, reply 3.']);
      await waitFor(() => expect(window1.asked.at(-1)).toEqual({ id: expect.any(String), at: 2 }));
      expect(await announcedDuring(() => user.keyboard('{PageDown}'))).toEqual(['Page Down does not choose the branch: press the Follow button of the reply the story follows.']);
      // The hint names both keys that do nothing here: it said "Page Down does not choose…", as if the Right arrow might.
      expect(hint()).toMatch(/: Page Down or Right arrow does not choose the branch: press the Follow button of the reply the story follows\. Page Up or Left arrow: Previous projector page\. /);
      expect(await announcedDuring(() => user.keyboard('{PageUp}'))).toEqual(['Projector: page 2 of 3 of the reveal, reply 2.']);
      // Nothing of this went to the room: paging is the projector's alone.
      expect(client.sent.map((c) => c.type)).toEqual(['open', 'reveal']);
      await user.click(within(document.querySelector('[data-reply="phone-accuse"]') as HTMLElement).getByRole('button', { name: /Follow/ }));
      client.answer();
      await user.click(screen.getByRole('button', { name: 'Continue' }));
      client.answer();
      await user.click(screen.getByRole('button', { name: 'Open the vote' }));
      client.answer();
      client.vote('phone-0001-abcdefghij', roomSessionView(ctx, client.state).replies[0]!.id);
      await user.click(screen.getByRole('button', { name: 'Reveal the votes' }));
      client.answer();
      await waitFor(() => expect(pagerLine()).toBe('Projector: page 1 of 3 of the reveal, reply 1.'));
    } finally {
      window1.close();
    }
  });

  it('a clicker key pressed in the projector window reaches the room\'s presenter page', async () => {
    const { client } = renderRoom();
    client.push();
    const window_ = new BroadcastChannel('casa-practice-projector');
    try {
      window_.postMessage({ type: 'key', key: 'next', v: PROJECTOR_PROTOCOL });
      await waitFor(() => expect(client.sent).toEqual([{ type: 'open', node: 'phone' }]));
    } finally {
      window_.close();
    }
  });

  it('says when the projector window is from an older version of casa-practice, as presenter mode without a room does', async () => {
    const client = new FakeClient();
    render(<LiveRoom link={LINK} connect={() => client} />);
    client.push();
    await screen.findByRole('button', { name: 'Open a projector window' });
    const window_ = new BroadcastChannel('casa-practice-projector');
    try {
      window_.postMessage({ type: 'hello' });
      expect(await screen.findByText(/^The projector window is from an older version of casa-practice, so it may not show this session as it should\. Choose “Open a projector window” again: it reloads that window\.$/)).toBeTruthy();
    } finally {
      window_.close();
    }
  });

  it('told by the room that it is out of date, the page drops the moment and its buttons for the room\'s words and a focused Reload button; the projector says the trainer must reload', async () => {
    const user = userEvent.setup();
    const client = new FakeClient();
    render(<><LiveRoom link={LINK} connect={() => client} /><div data-testid="projector"><ProjectorScreen /></div></>);
    client.push();
    await user.click(screen.getByRole('button', { name: 'Open the vote' }));
    client.answer();
    expect(document.activeElement?.textContent).toBe('Lock the vote');
    const words = 'This page is out of date: casa-practice was updated. Reload the page to carry on presenting.';
    client.set({ status: 'outdated', view: undefined, count: undefined, error: { type: 'error', code: 'outdated', message: words } });
    expect(status().textContent).toBe(words);
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual(['Reload the page']);
    expect(document.activeElement?.textContent).toBe('Reload the page');
    expect(await within(screen.getByTestId('projector')).findByText('Waiting for the trainer to reload the presenter page.')).toBeTruthy();
    expect(within(screen.getByTestId('projector')).queryByText(/What is the most natural thing to say here/)).toBeNull();
  });

  // The status region came with its words ("Connecting to the room…") and was replaced by another,
  // again with its words, once the client was made: a screen reader said neither.
  it('says "Connecting to the room…" in a status region there, empty, from the start, and then "Connected" in the same region', async () => {
    const client = new FakeClient();
    const watch = watchAnnouncements('[role="status"]', true);
    try {
      render(<LiveRoom link={LINK} connect={() => client} />);
      await waitFor(() => expect(watch.said).toContain('Connecting to the room…'));
      const region = status();
      client.push();
      expect(status()).toBe(region);
      await waitFor(() => expect(watch.said).toContain('Connected to the room.'));
    } finally {
      watch.stop();
    }
  });

  it('trying again without ever having reached the room, it says the room cannot be reached, not that the connection was lost', () => {
    const { client } = renderRoom();
    client.set({ status: 'connecting' });
    expect(status().textContent).toBe('Connecting to the room…');
    client.set({ status: 'reconnecting' });
    expect(status().textContent).toBe('Cannot reach the room at this address: is the room command still running on this laptop, and is this the presenter address it printed? Trying again…');
    // Once reached, a drop is a lost connection.
    client.push();
    client.set({ status: 'reconnecting' });
    expect(status().textContent).toBe('Connection to the room lost: reconnecting…');
  });

  it('when another room runs at its address now, the page drops the moment, its buttons and this room\'s join code for the room\'s words; the projector says what the trainer must do', async () => {
    const client = new FakeClient();
    render(<><LiveRoom link={LINK} connect={() => client} /><div data-testid="projector"><ProjectorScreen /></div></>);
    client.push();
    expect(screen.getByRole('region', { name: 'Vote from your phone' })).toBeTruthy();
    const words = 'This presenter page is for a room that is no longer running here. Open the presenter address that the room command printed in the terminal for the room running now.';
    client.set({ status: 'gone', view: undefined, count: undefined, error: { type: 'error', code: 'wrong-room', message: words } });
    expect(document.querySelector('.room-status')?.textContent).toBe(words);
    expect(document.querySelectorAll('.live-room button')).toHaveLength(0);
    // Its room code and join address are the closed room's: phones sent there would find no room.
    expect(screen.queryByRole('region', { name: 'Vote from your phone' })).toBeNull();
    expect(screen.queryByText(LINK.room)).toBeNull();
    expect(await within(screen.getByTestId('projector')).findByText('Waiting for the trainer to open the presenter page of the room running now.')).toBeTruthy();
  });

  it('one vote at one decision reads in the singular: "1 of 1 vote was for best practice"', async () => {
    const user = userEvent.setup();
    const { client } = renderRoom();
    client.push();
    await user.click(await screen.findByRole('button', { name: 'Open the vote' }));
    client.answer();
    client.vote('phone-0001-abcdefghij', 'phone-curious');
    await user.click(screen.getByRole('button', { name: 'Reveal the votes' }));
    client.answer();
    await user.click(screen.getAllByRole('button', { name: /Follow reply/ })[0] as HTMLElement);
    client.answer();
    await user.click(screen.getByRole('button', { name: 'End the session' }));
    await user.click(screen.getByRole('button', { name: 'Yes, end the session' }));
    client.answer();
    expect(await screen.findByText(/^The branch the room took was best practice at [01] of 1 decision \((0|100)%\)\. The room's most-voted reply was best practice at [01] of 1 decision with votes \((0|100)%\); [01] of 1 vote \((0|100)%\) went to best-practice replies\.$/)).toBeTruthy();
  });

  it('a moment too long for the projector window: Page Down scrolls that window down before it opens the vote (it opened the vote with the rest unseen), and the page says so', async () => {
    const user = userEvent.setup();
    // A projector window whose moment goes on below its edge, recording the scrolls asked of it.
    const window1 = overflowingProjector();
    const { scrolls, overflow } = window1;
    try {
      const { client } = renderRoom();
      client.push();
      await screen.findByRole('button', { name: 'Open the vote' });
      overflow(true, false);
      await waitFor(() => expect(document.getElementById('clicker-keys')?.textContent).toMatch(/^Clicker keys \(also in the projector window\): Page Down or Right arrow: Show more on the projector\. /));
      expect(screen.getByText(PROJECTOR_OVERFLOW_WORDS)).toBeTruthy();
      const sent = client.sent.length;
      await user.keyboard('{PageDown}');
      await waitFor(() => expect(scrolls).toEqual(['next']));
      expect(client.sent).toHaveLength(sent);
      // Scrolled to its end: Page Down opens the vote, as before.
      overflow(false, true);
      await waitFor(() => expect(screen.queryByText(PROJECTOR_OVERFLOW_WORDS)).toBeNull());
      clickerClock.now = () => 1e9;
      await user.keyboard('{PageDown}');
      expect(client.sent.at(-1)).toEqual({ type: 'open', node: 'phone' });
    } finally {
      clickerClock.now = () => performance.now();
      window1.close();
    }
  });

  it('renders the room\'s text as text, never as markup', () => {
    const { client } = renderRoom();
    client.push();
    client.set({ join: '<img src=x onerror="window.__xss=1">', error: { type: 'error', code: 'not-now', message: '<b>bold</b>' } });
    expect(screen.getByRole('img').getAttribute('alt')).toBe('QR code for the join address <img src=x onerror="window.__xss=1">');
    expect(document.querySelectorAll('b')).toHaveLength(0);
    expect(document.querySelectorAll('img')).toHaveLength(1);
    expect(status().textContent).toContain('<b>bold</b>');
  });

  it('without a room link the presenter page keeps the typed tallies', async () => {
    const user = userEvent.setup();
    render(<StoreContext value={memoryStore()}><Presenter id="red-flags" /></StoreContext>);
    // A new session opens on the content note.
    await user.click(await screen.findByRole('button', { name: 'Start the session' }, { timeout: 15_000 }));
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(screen.getAllByRole('spinbutton', { name: /Votes for reply/ }).length).toBeGreaterThan(1);
    expect(screen.getByRole('button', { name: 'Reveal the feedback' })).toBeTruthy();
    expect(screen.queryByText(/Room code/)).toBeNull();
    expect(screen.queryByRole('img', { name: /QR code/ })).toBeNull();
  });

  it('with a room link in the address the presenter page shows the live room instead', () => {
    window.history.replaceState(null, '', `/?room=${ROOM}&token=${LINK.token}#/presenter/red-flags`);
    // No room server here: the page's own client tries the page's origin and says it is connecting.
    const OriginalWebSocket = globalThis.WebSocket;
    const opened: string[] = [];
    globalThis.WebSocket = class {
      readyState = 0;
      onopen = null;
      onmessage = null;
      onclose = null;
      onerror = null;
      constructor(url: string) {
        opened.push(url);
      }
      send() {}
      close() {}
    } as unknown as typeof WebSocket;
    try {
      render(<StoreContext value={memoryStore()}><Presenter id="red-flags" /></StoreContext>);
      expect(status().textContent).toMatch(/Connecting to the room/);
      expect(screen.getByText(ROOM)).toBeTruthy();
      // Naming this page's protocol version, so a room of another version can tell it to reload.
      expect(opened).toEqual([`ws://${location.host}/ws/presenter?v=${PRESENTER_PROTOCOL}`]);
    } finally {
      cleanup();
      globalThis.WebSocket = OriginalWebSocket;
    }
  });
});

// Found in the hostile-input review: the presenter address carried the room's secret in the address
// bar for as long as the page was open, so a trainer mirroring the laptop on the projector showed it
// to the room, and anyone holding it could act as presenter. The page keeps it in the tab
// (sessionStorage) and takes it out of the address; a reload of the tab still presents, another tab does not.
describe('live room: the presenter address\'s secret', () => {
  /** A WebSocket that opens at once and records each hello it is sent (the room and token the page presents with). */
  function helloSockets() {
    const hellos: { room?: string; token?: string }[] = [];
    class Socket {
      readyState = 0;
      onopen: ((e: unknown) => void) | null = null;
      onmessage: ((e: { data: unknown }) => void) | null = null;
      onclose: ((e: unknown) => void) | null = null;
      onerror: ((e: unknown) => void) | null = null;
      constructor() {
        setTimeout(() => {
          this.readyState = 1;
          this.onopen?.({});
        });
      }
      send(data: string) {
        const message = JSON.parse(data) as { type: string; room?: string; token?: string };
        if (message.type === 'hello') hellos.push({ room: message.room, token: message.token });
      }
      close() {}
    }
    vi.stubGlobal('WebSocket', Socket);
    return hellos;
  }
  const footer = () => document.querySelector('footer')?.textContent ?? '';

  it('is out of the address once the page has loaded (room code and route kept); a reload of the tab still presents the room; another tab at that address does not, and says why', async () => {
    const hellos = helloSockets();
    try {
      window.history.replaceState(null, '', `/?room=${ROOM}&token=${LINK.token}#/presenter/red-flags`);
      renderApp('#/presenter/red-flags');
      // Gone from the address at the first frame, which says it is a live room all the same.
      expect(location.href).not.toContain(LINK.token);
      expect(location.search).toBe(`?room=${ROOM}`);
      expect(location.hash).toBe('#/presenter/red-flags');
      expect(footer()).toContain('goes only to the room running on the trainer\'s laptop');
      expect(await screen.findByText(ROOM)).toBeTruthy();
      await waitFor(() => expect(hellos).toEqual([{ room: ROOM, token: LINK.token }]));

      // A reload: the same tab (its sessionStorage), the address as the page left it.
      cleanup();
      renderApp('#/presenter/red-flags');
      expect(footer()).toContain('goes only to the room running on the trainer\'s laptop');
      expect(await screen.findByText(ROOM)).toBeTruthy();
      await waitFor(() => expect(hellos).toHaveLength(2));
      expect(hellos[1]).toEqual({ room: ROOM, token: LINK.token });
      expect(location.href).not.toContain(LINK.token);

      // Another tab (nothing kept in it) at the stripped address: presenter mode without the room,
      // saying so; nothing is sent to the room.
      cleanup();
      sessionStorage.clear();
      renderApp('#/presenter/red-flags');
      expect(await screen.findByRole('button', { name: 'Start the session' }, { timeout: 15_000 })).toBeTruthy();
      expect(screen.getByText(/This address names live room FAKE23, but its presenter secret is kept only in the tab/)).toBeTruthy();
      // The way back into the room: the printed address, which the room's terminal prints again on p.
      expect(screen.getByText(/open the presenter address the room's terminal printed \(type p there to print it again\)\.$/)).toBeTruthy();
      expect(footer()).not.toContain('goes only to the room');
      expect(hellos).toHaveLength(2);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('a link kept in the tab for another room, or not a link, is not taken', async () => {
    const hellos = helloSockets();
    try {
      window.history.replaceState(null, '', `/?room=${ROOM}#/presenter/red-flags`);
      sessionStorage.setItem(ROOM_LINK_KEY, JSON.stringify({ room: 'OTHR23', token: LINK.token }));
      renderApp('#/presenter/red-flags');
      expect(await screen.findByRole('button', { name: 'Start the session' }, { timeout: 15_000 })).toBeTruthy();
      cleanup();
      sessionStorage.setItem(ROOM_LINK_KEY, JSON.stringify({ room: ROOM, token: '<script>' }));
      renderApp('#/presenter/red-flags');
      expect(await screen.findByRole('button', { name: 'Start the session' }, { timeout: 15_000 })).toBeTruthy();
      expect(hellos).toEqual([]);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('live room: a decision with no words of its own, opened other than from the scene before it', () => {
  // testifying's decision 5 ("What do you say to Mr. Dunn?") asks about his line in the scene before
  // it. "Back to decision 5" opened it bare on the live room's page and its projector, as presenter
  // mode without a room did until 8cd2f3a: the room was asked about a line it last saw a branch ago.
  const DUNN = /Yep, he's on here\. The 21st, 8:30, downtown\./;
  const follows = (a: Element, b: Element) => Boolean(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);

  it('"Back to decision 5", and the page opened there, show the scene that set it up under "Before this" (the projector too, until a reveal); gone once the story moves on, never straight from that scene', async () => {
    const user = userEvent.setup();
    const { loaded } = await bundledById('testifying');
    if (!loaded?.ok) throw new Error('testifying not loaded');
    const client = new FakeClient(roomContext(loaded.playable.scenario));
    const projectorPage = render(<ProjectorScreen />);
    const projector = within(projectorPage.container);
    let laptop = render(<LiveRoom link={LINK} connect={() => client} />);
    client.push();
    const page = () => within(laptop.container);
    const onThrough = async () => {
      while (page().queryByRole('button', { name: 'Continue' })) {
        await user.click(page().getByRole('button', { name: 'Continue' }));
        client.answer();
      }
    };
    /** Through the scenes to the next decision; there the room votes for and follows the reply of id `reply`. */
    const follow = async (reply: string) => {
      await onThrough();
      await user.click(page().getByRole('button', { name: 'Open the vote' }));
      client.answer();
      client.vote('phone-0001-abcdefghij', reply);
      await user.click(page().getByRole('button', { name: 'Reveal the votes' }));
      client.answer();
      await user.click(within(laptop.container.querySelector(`[data-reply="${reply}"]`) as HTMLElement).getByRole('button', { name: /Follow/ }));
      client.answer();
    };
    for (const id of ['d1-scary', 'd2-around', 'd3-team', 'd4-arrange']) await follow(id);
    await onThrough();
    // Straight from Mr. Dunn's scene, which the room has just seen: the decision as it always was.
    expect(page().getByRole('heading', { level: 2, name: 'What do you say to Mr. Dunn?' })).toBeTruthy();
    await waitFor(() => expect(projector.getByRole('heading', { level: 1 }).textContent).toBe(page().getByRole('heading', { level: 1 }).textContent));
    expect(screen.queryByRole('region', { name: 'Before this' })).toBeNull();
    expect(screen.queryByText(DUNN)).toBeNull();
    // The trainer's page reloaded here: the setup, on the laptop (a region after the decision's h1)
    // and on the projector (above the decision's replies), while the vote is open too.
    laptop.unmount();
    laptop = render(<LiveRoom link={LINK} connect={() => client} />);
    client.push();
    const setup = page().getByRole('region', { name: 'Before this' });
    expect(within(setup).getByText(DUNN)).toBeTruthy();
    expect(within(setup).getByText(/^Mr\. Dunn/).textContent).toBe('Mr. Dunn (placement staff member):');
    const h1 = page().getByRole('heading', { level: 1 });
    const headings = page().getAllByRole('heading').map((h) => `${h.tagName} ${h.textContent}`);
    expect(headings.indexOf('H2 Before this')).toBe(headings.indexOf(`H1 ${h1.textContent}`) + 1);
    const projected = await projector.findByRole('region', { name: 'Before this' });
    expect(within(projected).getByText(DUNN)).toBeTruthy();
    // How to join, in one line beside it (the whole block and the setup did not fit a 1280×720 projector).
    expect(projectorPage.container.querySelector('.join-line')).toBeTruthy();
    expect(projector.queryByRole('img', { name: /^QR code/ })).toBeNull();
    expect(follows(projector.getByRole('heading', { level: 1 }), projected) && follows(projected, projectorPage.container.querySelector('ol.options') as HTMLElement)).toBe(true);
    await user.click(page().getByRole('button', { name: 'Open the vote' }));
    client.answer();
    expect(within(page().getByRole('region', { name: 'Before this' })).getByText(DUNN)).toBeTruthy();
    // On: the next moment opens as it always does, on both screens.
    client.vote('phone-0001-abcdefghij', 'd5-theirs');
    await user.click(page().getByRole('button', { name: 'Reveal the votes' }));
    client.answer();
    await user.click(within(laptop.container.querySelector('[data-reply="d5-theirs"]') as HTMLElement).getByRole('button', { name: /Follow/ }));
    client.answer();
    expect(screen.queryByRole('region', { name: 'Before this' })).toBeNull();
    await waitFor(() => expect(projector.queryByText(DUNN)).toBeNull());
    // Back to decision 5: revealed with its votes, its setup after its heading on the laptop; the
    // reveal gets the projector's screen, the setup makes way there.
    await onThrough();
    await user.click(page().getByRole('button', { name: 'Back to decision 5' }));
    client.answer();
    expect(page().getByRole('heading', { name: 'The replies, revealed' })).toBeTruthy();
    const again = page().getByRole('region', { name: 'Before this' });
    expect(within(again).getByText(DUNN)).toBeTruthy();
    expect(follows(page().getByRole('heading', { level: 1 }), again) && follows(again, page().getByRole('region', { name: 'The replies, revealed' }))).toBe(true);
    await waitFor(() => expect(projectorPage.container.querySelector('ol.reveal')).toBeTruthy());
    expect(projector.queryByRole('region', { name: 'Before this' })).toBeNull();
    // Another branch this time: gone once the story moves on.
    await user.click(within(laptop.container.querySelector('[data-reply="d5-check"]') as HTMLElement).getByRole('button', { name: /Follow/ }));
    client.answer();
    expect(screen.queryByRole('region', { name: 'Before this' })).toBeNull();
  });

  // Left from session 46: an untitled scene under "Before this" had no heading on the projector (and
  // the laptop), while the phones headed it "Scene 2", as the projector itself did while showing it.
  it('an untitled scene under "Before this" is headed by its number in the playthrough, as the projector headed it while showing it and as the phones head it', async () => {
    const user = userEvent.setup();
    const { loaded } = await bundledById('before-relapse');
    if (!loaded?.ok) throw new Error('before-relapse not loaded');
    const client = new FakeClient(roomContext(loaded.playable.scenario), { atContentNote: true });
    const projectorPage = render(<ProjectorScreen />);
    const projector = within(projectorPage.container);
    let laptop = render(<LiveRoom link={LINK} connect={() => client} />);
    client.push();
    const page = () => within(laptop.container);
    const device = 'phone-0001-abcdefghij';
    // Past the opening scene to d1-good, which has no words of its own; the room follows d1-yours to s1-triggers, untitled.
    await user.click(page().getByRole('button', { name: 'Continue' }));
    client.answer();
    await user.click(page().getByRole('button', { name: 'Open the vote' }));
    client.answer();
    client.vote(device, 'd1-yours');
    await user.click(page().getByRole('button', { name: 'Reveal the votes' }));
    client.answer();
    await user.click(within(laptop.container.querySelector('[data-reply="d1-yours"]') as HTMLElement).getByRole('button', { name: /Follow/ }));
    client.answer();
    expect(roomSessionView(client.ctx, client.state)).toMatchObject({ nodeId: 's1-triggers', title: undefined });
    // Shown, the scene is "Scene 2" on the projector and on the phones.
    await waitFor(() => expect(projector.getByRole('heading', { level: 1 }).textContent).toBe('Scene 2'));
    expect(voterView(client.ctx, client.state, device).scene?.title).toBe('Scene 2');
    await user.click(page().getByRole('button', { name: 'Continue' }));
    client.answer();
    expect(roomSessionView(client.ctx, client.state).nodeId).toBe('d2-triggers');
    const phone = voterView(client.ctx, client.state, device).discussing?.setup?.map((scene) => scene.title);
    expect(phone).toEqual(['Scene 2']);
    // The trainer's page reloaded at d2-triggers: "Before this" on the laptop and the projector, its scene headed as the phones head it.
    laptop.unmount();
    laptop = render(<LiveRoom link={LINK} connect={() => client} />);
    client.push();
    const projected = await projector.findByRole('region', { name: 'Before this' });
    expect(within(projected).getAllByRole('heading', { level: 3 }).map((h) => h.textContent)).toEqual(phone);
    expect(within(page().getByRole('region', { name: 'Before this' })).getAllByRole('heading', { level: 3 }).map((h) => h.textContent)).toEqual(phone);
  });

  it('an untitled opening scene, which the content note stood in for, is headed "Scene 1" under the projector\'s "Before this" at the next moment, as the phones head it', async () => {
    const user = userEvent.setup();
    const { loaded } = await bundledById('before-relapse');
    if (!loaded?.ok) throw new Error('before-relapse not loaded');
    const untitled = structuredClone(loaded.playable.scenario);
    const opening = untitled.nodes.find((n) => n.id === 's0-sunday');
    if (opening?.kind !== 'scene') throw new Error('before-relapse changed');
    delete opening.title;
    const client = new FakeClient(roomContext(untitled), { atContentNote: true });
    const { getByRole } = render(<><div data-testid="laptop"><LiveRoom link={LINK} connect={() => client} /></div><div data-testid="projector"><ProjectorScreen /></div></>);
    client.push();
    expect(getByRole('heading', { level: 1, name: 'Scene 1' })).toBeTruthy();
    await user.click(within(screen.getByTestId('laptop')).getByRole('button', { name: 'Continue' }));
    client.answer();
    expect(roomSessionView(client.ctx, client.state).nodeId).toBe('d1-good');
    const phone = voterView(client.ctx, client.state, 'phone-0001-abcdefghij').discussing?.setup?.map((scene) => scene.title);
    expect(phone).toEqual(['Scene 1']);
    const projected = await within(screen.getByTestId('projector')).findByRole('region', { name: 'Before this' });
    expect(within(projected).getAllByRole('heading', { level: 3 }).map((h) => h.textContent)).toEqual(phone);
  });
});
