import { WebSocket } from 'ws';
import type { KeptMoment, PhoneDecision, PresenterCommand, PresenterView, PresenterViewSent, RoomCount, ServerError, ToPresenter, ToVoter, VoterView } from '../../../src/machines/index.js';
import { createRoom, keepMoment, keptDecisionView, keptSessionView, parseToPresenter, parseToVoter, presenterSocketPath, reduceRoom, roomSessionView, voterSocketPath, type RoomContext, type RoomState } from '../../../src/machines/index.js';

/**
 * A new room (createRoom) past the trainer's first step when its story opens on a decision: that
 * decision shown, its vote not yet open (the room refuses to open it from the content note). A story
 * that opens on a scene is left at its content note, as created.
 */
export function startedRoom(ctx: RoomContext, room: string, seed: number, now: Date): RoomState {
  const state = createRoom(ctx, room, seed, now);
  const start = roomSessionView(ctx, state);
  if (start.kind !== 'decision') return state;
  const started = reduceRoom(ctx, state, { from: 'presenter', message: { type: 'advance', room, token: 't'.repeat(43), seq: 1, node: start.nodeId } });
  if (!started.ok) throw new Error(`the first step was refused: ${started.message}`);
  return started.state;
}

/** How long a test waits for an event before it fails (a guard against hanging, never a pause). */
const GUARD_MS = 15_000;

/** Messages from one WebSocket, each waited for by predicate (already received ones count). */
class Inbox<T> {
  readonly all: T[] = [];
  private waiters: { pred: (m: T) => boolean; resolve: (m: T) => void; from: number }[] = [];
  push(m: T): void {
    this.all.push(m);
    this.waiters = this.waiters.filter((w) => {
      if (!w.pred(m)) return true;
      w.resolve(m);
      return false;
    });
  }
  /** The first message from index `from` on that matches. */
  next(pred: (m: T) => boolean, from = 0, what = 'a message'): Promise<T> {
    const found = this.all.slice(from).find(pred);
    if (found) return Promise.resolve(found);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), GUARD_MS);
      this.waiters.push({ pred, from, resolve: (m) => {
        clearTimeout(timer);
        resolve(m);
      } });
    });
  }
}

function open(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/** A simulated phone: joins with its device id, votes with increasing seq, reconnects keeping its id. */
export class Phone {
  ws!: WebSocket;
  inbox = new Inbox<ToVoter>();
  view?: VoterView;
  seq = 0;
  closed!: Promise<void>;
  /** Where it connects: this version's voter page's address unless a test plays an older page. */
  path = voterSocketPath();
  constructor(readonly base: string, readonly room: string, readonly device: string) {}

  static async join(base: string, room: string, device: string): Promise<Phone> {
    const phone = new Phone(base, room, device);
    await phone.connect();
    return phone;
  }

  /** Every message as it came on the current connection (its text), to measure what the room sends. */
  received: string[] = [];
  /** The decision the room last sent whole on the current connection, as the voter page keeps it. */
  kept?: { key: string; decision: PhoneDecision };

  async connect(): Promise<ToVoter & { type: 'welcome' }> {
    this.inbox = new Inbox<ToVoter>();
    this.received = [];
    this.kept = undefined;
    this.ws = await open(`${this.base}${this.path}`);
    this.closed = new Promise((resolve) => this.ws.once('close', () => resolve()));
    this.ws.on('message', (data) => {
      this.received.push(String(data));
      // Every message passes the protocol's schema, as the room promises (the voter page reads it as this type).
      if (!parseToVoter(String(data))) throw new Error(`a message to a phone that does not fit the protocol: ${String(data).slice(0, 200)}`);
      const m = JSON.parse(String(data)) as ToVoter;
      if (m.type === 'welcome' || m.type === 'view') {
        // As the voter page does: a view of the decision kept comes without its replies, and gets them back here.
        if (m.view.decision && m.view.decisionKey !== undefined) this.kept = { key: m.view.decisionKey, decision: m.view.decision };
        const shown = keptDecisionView(m.view, this.kept);
        if (!shown) throw new Error(`a view of a decision this phone was not sent: ${String(data).slice(0, 200)}`);
        m.view = shown;
        this.view = shown;
      }
      this.inbox.push(m);
    });
    this.ws.send(JSON.stringify({ type: 'join', room: this.room, device: this.device }));
    const welcome = (await this.inbox.next((m) => m.type === 'welcome' || m.type === 'error', 0, `welcome for ${this.device}`)) as ToVoter;
    if (welcome.type !== 'welcome') throw new Error(`join refused: ${JSON.stringify(welcome)}`);
    this.seq = Math.max(this.seq, welcome.seq);
    return welcome;
  }

  /** Sends a vote for a reply by its shown number (all a phone knows of it) and waits until the room confirms it (this phone's view shows it) or refuses it. */
  async vote(reply: number, round = this.view?.round ?? 0): Promise<VoterView | ServerError> {
    const from = this.inbox.all.length;
    this.send({ type: 'vote', room: this.room, seq: ++this.seq, round, reply });
    // Votes count only while a round is open, so a confirmation is an open view showing this vote.
    const m = await this.inbox.next((x) => (x.type === 'view' && x.view.phase === 'open' && x.view.vote === reply) || x.type === 'error', from, `vote ack for ${this.device}`);
    return m.type === 'error' ? m : (m as { view: VoterView }).view;
  }

  send(message: unknown): void {
    this.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** The next error after what was received so far. */
  nextError(from = this.inbox.all.length): Promise<ServerError> {
    return this.inbox.next((m) => m.type === 'error', from, 'an error') as Promise<ServerError>;
  }

  /** Waits for a view in which `pred` holds (the current one counts). */
  async until(pred: (v: VoterView) => boolean, what = 'a view'): Promise<VoterView> {
    if (this.view && pred(this.view)) return this.view;
    const m = await this.inbox.next((x) => (x.type === 'view' || x.type === 'welcome') && pred(x.view), 0, `${what} on ${this.device}`);
    return (m as { view: VoterView }).view;
  }

  /** Drops the connection without a goodbye, as a phone losing Wi-Fi would. */
  async drop(): Promise<void> {
    this.ws.terminate();
    await this.closed;
  }
}

/** A simulated presenter page: hello with the token, then commands with increasing seq. */
export class Presenter {
  ws!: WebSocket;
  inbox = new Inbox<ToPresenter>();
  view!: PresenterView;
  count!: RoomCount;
  seq = 0;
  /** Every message as it came (its text), to measure what the room sends. */
  received: string[] = [];
  /** The moment the room last sent whole, as the presenter page keeps it. */
  kept?: KeptMoment;
  constructor(readonly base: string, readonly room: string, readonly token: string, readonly page?: string) {}

  /**
   * Connects and says hello; `path` plays a page of another version (this version's address by
   * default); `page`: the page's id, named in its hello as the presenter page names its own.
   */
  static async connect(base: string, room: string, token: string, path = presenterSocketPath(), page?: string): Promise<Presenter> {
    const p = new Presenter(base, room, token, page);
    p.ws = await open(`${base}${path}`);
    p.ws.on('message', (data) => {
      p.received.push(String(data));
      // Every message passes the protocol's schema: the presenter page's client drops one that does not.
      if (!parseToPresenter(String(data))) throw new Error(`a message to the presenter that does not fit the protocol: ${String(data).slice(0, 200)}`);
      const m = JSON.parse(String(data)) as ToPresenter;
      if (m.type === 'welcome' || m.type === 'view') {
        // As the presenter page does: a view of the moment kept comes without its session, and gets it back here.
        p.kept = keepMoment(m.view, p.kept);
        const shown = keptSessionView(m.view, p.kept);
        if (!shown) throw new Error(`a view of a moment this presenter was not sent: ${String(data).slice(0, 200)}`);
        (m as { view: PresenterView | PresenterViewSent }).view = shown;
        p.view = shown;
        p.count = shown.count;
      } else if (m.type === 'count') p.count = m.count;
      p.inbox.push(m);
    });
    p.ws.send(JSON.stringify({ type: 'hello', room, token, ...(page !== undefined ? { page } : {}) }));
    const welcome = await p.inbox.next((m) => m.type === 'welcome' || m.type === 'error', 0, 'presenter welcome');
    if (welcome.type !== 'welcome') throw new Error(`presenter refused: ${JSON.stringify(welcome)}`);
    p.seq = welcome.seq;
    return p;
  }

  /** Sends a command and returns the view that follows it, or the error. */
  async act(command: PresenterCommand): Promise<PresenterView | ServerError> {
    const from = this.inbox.all.length;
    this.ws.send(JSON.stringify({ ...command, room: this.room, token: this.token, seq: ++this.seq }));
    const m = await this.inbox.next((x) => x.type === 'view' || x.type === 'error', from, `answer to ${command.type}`);
    return m.type === 'error' ? m : (m as { view: PresenterView }).view;
  }

  /** Waits until the counts satisfy `pred` (the latest counts count). */
  async until(pred: (c: RoomCount) => boolean, what = 'counts'): Promise<RoomCount> {
    if (this.count && pred(this.count)) return this.count;
    const m = await this.inbox.next((x) => (x.type === 'count' && pred(x.count)) || ((x.type === 'view' || x.type === 'welcome') && pred(x.view.count)), 0, what);
    return m.type === 'count' ? m.count : (m as { view: PresenterView }).view.count;
  }

  close(): void {
    this.ws.close();
  }
}

/** A device id as the voter page makes them (16–64 URL-safe characters). */
export function deviceId(i: number): string {
  return `phone-${String(i).padStart(4, '0')}-abcdefghij`;
}

/** A small deterministic random generator for test choices. */
export function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648);
}
