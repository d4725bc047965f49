// @vitest-environment jsdom
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { ToVoter, VoterView } from '../../src/machines/index.js';
import voterHtml from '../../src/web/voter/voter.html?raw';

/**
 * The phone's voter page (src/web/voter/voter.ts, which runs as it loads) in jsdom, over a fake
 * WebSocket the test plays the room through, with fake timers for its reconnection backoff. Loaded
 * once for the file: the page keeps its state in its module, as on a phone.
 */
const ROOM = 'FAKE23';
const TITLE = 'Example: the new phone';

class FakeSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  static all: FakeSocket[] = [];
  readonly OPEN = 1;
  readyState = 0;
  sent: unknown[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((e: { data: string }) => void) | null = null;
  onclose: (() => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(text: string) {
    this.sent.push(JSON.parse(text));
  }
  close() {
    this.readyState = 3;
  }
  /** The room accepts the connection: the page joins. */
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  deliver(message: ToVoter) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
  /** The room goes away (its server stopped): the connection closes. */
  drop() {
    this.readyState = 3;
    this.onclose?.();
  }
}

const status = () => document.getElementById('status')?.textContent ?? '';
const latest = () => FakeSocket.all.at(-1)!;
const added: { target: EventTarget; type: string; listener: EventListenerOrEventListenerObject }[] = [];

beforeAll(async () => {
  vi.useFakeTimers();
  vi.stubGlobal('WebSocket', FakeSocket);
  window.history.replaceState(null, '', `/join?room=${ROOM}`);
  document.body.innerHTML = /<body>([^]*)<\/body>/.exec(voterHtml)?.[1] ?? '';
  // The listeners the page adds (a phone waking up, back online): taken off again after the file.
  for (const target of [document, window]) {
    const add = target.addEventListener.bind(target);
    vi.spyOn(target, 'addEventListener').mockImplementation((type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions) => {
      if (listener) {
        added.push({ target, type, listener });
        add(type, listener, options);
      }
    });
  }
  await import('../../src/web/voter/voter.js');
  for (const target of [document, window]) vi.mocked(target.addEventListener).mockRestore();
});

afterAll(() => {
  for (const { target, type, listener } of added) target.removeEventListener(type, listener);
  vi.unstubAllGlobals();
  vi.useRealTimers();
  document.body.replaceChildren();
  window.history.replaceState(null, '', '/');
});

const view = (v: Omit<VoterView, 'room'>): VoterView => ({ room: ROOM, ...v });

// Found walking a live room: with the trainer's terminal closed (or the room restarting) during a
// break, phones said only "Connection lost. Reconnecting…", and a volunteer took it that a vote
// might be going on without them.
it('a phone that lost the room during a break says the room was on a break and that it is reconnecting; it keeps trying, and shows the session once the room is back', async () => {
  latest().open();
  expect(latest().sent).toEqual([{ type: 'join', room: ROOM, device: expect.any(String) }]);
  const device = (latest().sent[0] as { device: string }).device;
  latest().deliver({ type: 'welcome', device, seq: 0, view: view({ phase: 'break', round: 1, scenarioTitle: TITLE }) });
  expect(status()).toMatch(/^On a break: Example: the new phone\. The trainer is taking a break/);
  // The room's server stops.
  latest().drop();
  const offline = `On a break: ${TITLE}. The connection to the room was lost during the break. Reconnecting… Once it is back, this page shows where the session is.`;
  expect(status()).toBe(offline);
  // It keeps trying (its backoff: about half a second, then a second), and says the same while the room is still away.
  const tries = FakeSocket.all.length;
  await vi.advanceTimersByTimeAsync(700);
  expect(FakeSocket.all.length).toBe(tries + 1);
  latest().drop();
  expect(status()).toBe(offline);
  // The room is back (resumed, the break over): the open vote.
  await vi.advanceTimersByTimeAsync(1300);
  expect(FakeSocket.all.length).toBe(tries + 2);
  latest().open();
  latest().deliver({ type: 'welcome', device, seq: 0, view: view({ phase: 'open', round: 1, decisionKey: '1-0123456789abcdef', decision: { replies: [{ number: 1, text: 'Ask how her day was.', kind: 'say', enabled: true }] } }) });
  expect(status()).toBe('Vote now: choose a reply.');
  // Lost outside a break: the plain words, as before.
  latest().drop();
  expect(status()).toBe('Connection lost. Reconnecting…');
});
