/**
 * The presenter page's connection to a live room (`casa-practice room`): a browser WebSocket, no
 * React. The page reads it with `useSyncExternalStore(client.subscribe, client.getSnapshot)` and
 * sends commands with `client.send({ type: 'open', node })`. Every message from the server is
 * checked against the core's schema. The room and its secret come from the presenter address the
 * room command prints, `/?room=ABC234&token=…#/presenter/<scenario-id>`: `roomLinkHere()` (the query
 * only ever goes to this laptop's own room server; the page sends no Referer), which keeps them in
 * the tab and takes the token out of the address bar.
 *
 * Without a room (static hosting, or no fragment) the presenter mode keeps its typed tallies.
 */
import { backToDecision, keepMoment, keptSessionView, PAGE_ID, parseToPresenter, presenterSocketPath, type PresenterCommand, type PresenterView, type PresenterViewSent, type KeptMoment, type RoomCount, type ServerError } from '../machines/index.js';
import type { RoomLink } from './room-link.js';

export { roomLinkFrom, roomLinkHere, roomNamedHere, type RoomLink } from './room-link.js';

/**
 * `outdated`: the room speaks another version of the protocol than this page (casa-practice was
 * updated while the page was open, or the other way round). Only a reload helps, so the client has
 * stopped; `error` holds the room's words.
 * `gone`: the room running at this address is another one than this page's (the trainer started a
 * new room on the same port). Nothing this page sends can count there, so the client has stopped;
 * `error` holds the room's words.
 * `ended`: the session had ended when the room closed, its last view kept. Ended for everyone, the
 * client has stopped; at the ending the story reached (backFromEnding), it looks for the room again
 * (resumed to go back) and is `open` once found.
 */
export type RoomStatus = 'connecting' | 'open' | 'reconnecting' | 'closed' | 'outdated' | 'gone' | 'ended';

/** Everything the presenter page shows from the room; a new object on every change. */
export interface RoomSnapshot {
  status: RoomStatus;
  room: string;
  /** The session's moment, phase, counts, and after the reveal the tally (the core's types). */
  view?: PresenterView;
  /** Joined, connected and voted, updated on every vote. */
  count?: RoomCount;
  /** Where phones join (show it with its QR code: `qrUrl`). */
  join?: string;
  /** The last refusal of a command, in words. */
  error?: ServerError;
}

/** The WebSocket the client needs (the browser's; tests pass ws's, which behaves the same). */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

export interface RoomClientOptions {
  link: RoomLink;
  /** ws:// or wss:// origin of the room server; default: this page's own origin. */
  origin?: string;
  /** Opens a socket; default: the browser's WebSocket. */
  open?: (url: string) => SocketLike;
  /** Reconnect delays: the first, and the most (ms). */
  backoff?: { first: number; max: number };
  /** The page's id (default: drawn at random, once per client: the same across its reconnections). */
  page?: string;
}

/** A new page id (PAGE_ID): 22 URL-safe characters from 16 random bytes. */
export function newPageId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * Where this tab keeps its presenter page's id over a reload (sessionStorage: this tab only). A page
 * reloaded during its own break came back with a new id: the room's break (`breakPages`) named the
 * old one, so the page showed it as another page's, and the room stayed on it until "End the break
 * for the room" or the terminal's b. The id is taken out of the tab as the page starts and put back
 * only as it goes (`pagehide`: a reload, a link followed, the tab closed), so a tab duplicated while
 * the page is open (which copies the tab's sessionStorage) draws an id of its own.
 */
export const PAGE_ID_KEY = 'casa-practice/presenter-page';

let pageId: string | undefined;

/** This page's id for the room (pageIdAtStart, once): the same for the page's life. */
export function thisPageId(): string {
  return (pageId ??= pageIdAtStart());
}

/**
 * The id of a page that starts now: the one its tab kept over a reload (read as untrusted: anything
 * but a PAGE_ID is not taken), or a new one; kept in the tab again as the page goes.
 */
export function pageIdAtStart(): string {
  let kept: string | null = null;
  try {
    kept = sessionStorage.getItem(PAGE_ID_KEY);
    sessionStorage.removeItem(PAGE_ID_KEY);
  } catch {
    // Storage refused: an id for this page's life only.
  }
  const id = kept !== null && PAGE_ID.test(kept) ? kept : newPageId();
  const keep = () => {
    try {
      sessionStorage.setItem(PAGE_ID_KEY, id);
    } catch {
      // Storage refused: a reload draws a new id.
    }
  };
  // Back from the browser's page cache, the page is open again: out of the tab again.
  const open = (event: Event) => {
    if (!(event as PageTransitionEvent).persisted) return;
    try {
      sessionStorage.removeItem(PAGE_ID_KEY);
    } catch {
      // Nothing kept.
    }
  };
  globalThis.addEventListener?.('pagehide', keep);
  globalThis.addEventListener?.('pageshow', open);
  return id;
}

export interface RoomClient {
  /**
   * This page's id (PAGE_ID), named in every hello: the room names it when this page's command ends
   * a break (`breakEndedPage`). Absent: a client that names none (the room's view cannot say this page).
   */
  readonly page?: string;
  subscribe(listener: () => void): () => void;
  getSnapshot(): RoomSnapshot;
  /** Sends a presenter command (room, token and seq are added); false when not connected. */
  send(command: PresenterCommand): boolean;
  close(): void;
}

/** The QR code of the join address, as the room server draws it (an SVG image on the same origin). */
export const qrUrl = '/join/qr.svg';

const OPEN = 1;

/**
 * At the ending the story reached, the decision the room can go back to ("Back to decision N", u in
 * the terminal), or undefined: a session ended for everyone (or not ended) has none.
 */
export function backFromEnding(view: PresenterView | undefined): number | undefined {
  return view?.phase === 'ended' && view.session.done === true ? backToDecision(view.session, view.decisions.length) : undefined;
}

/** Connects to the room as its presenter, reconnecting with backoff until closed. */
export function connectRoom(options: RoomClientOptions): RoomClient {
  const { link } = options;
  const origin = options.origin ?? `${globalThis.location?.protocol === 'https:' ? 'wss' : 'ws'}://${globalThis.location?.host ?? ''}`;
  const open = options.open ?? ((url: string) => new WebSocket(url) as unknown as SocketLike);
  const backoff = options.backoff ?? { first: 500, max: 10_000 };
  const page = options.page ?? newPageId();
  const hello = () => JSON.stringify({ type: 'hello', room: link.room, token: link.token, page });
  const listeners = new Set<() => void>();
  let snapshot: RoomSnapshot = { status: 'connecting', room: link.room };
  let socket: SocketLike | undefined;
  let seq = 0;
  let attempt = 0;
  let closed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  /**
   * The moment the room last sent whole, with its key and Who's who: later views of it name the key
   * and leave the session out (the room sends it once per moment and connection; every welcome
   * carries it again), and Who's who too except at the reveal.
   */
  let kept: KeptMoment | undefined;

  /** The view as the page shows it, with its session; undefined (and a hello sent, which brings it whole) for a moment never sent. */
  const shown = (ws: SocketLike, sent: PresenterViewSent): PresenterView | undefined => {
    kept = keepMoment(sent, kept);
    const view = keptSessionView(sent, kept);
    if (!view) ws.send(hello());
    return view;
  };

  const set = (patch: Partial<RoomSnapshot>) => {
    snapshot = { ...snapshot, ...patch };
    for (const l of listeners) l();
  };

  const connect = () => {
    // The address names this page's protocol version: a room of another version says "reload" instead of misreading it.
    const ws = open(`${origin}${presenterSocketPath()}`);
    socket = ws;
    ws.onopen = () => ws.send(hello());
    ws.onmessage = (event) => {
      const message = typeof event.data === 'string' ? parseToPresenter(event.data) : undefined;
      if (!message) return;
      if (message.type === 'welcome') {
        attempt = 0;
        seq = Math.max(seq, message.seq);
        const view = shown(ws, message.view);
        if (view) set({ status: 'open', view, count: view.count, error: undefined, ...(message.join !== undefined ? { join: message.join } : {}) });
      } else if (message.type === 'view') {
        // Commands from the laptop's terminal or another presenter window move the room's seq on.
        seq = Math.max(seq, message.seq ?? 0);
        const view = shown(ws, message.view);
        if (view) set({ view, count: view.count });
      }
      else if (message.type === 'count') set({ count: message.count });
      else if (message.code === 'outdated' || message.code === 'wrong-room' || message.code === 'forbidden') {
        // Nothing this page sends can count, and reconnecting would only be refused again: stop, say so
        // (forbidden: the address's token is not this room's, the only refusal of that name a presenter gets).
        closed = true;
        socket = undefined;
        ws.onclose = null;
        ws.close();
        set({ status: message.code === 'outdated' ? 'outdated' : 'gone', error: message, view: undefined, count: undefined });
      } else {
        set({ error: message });
        // Refused as out of step (another presenter window sent commands): the next hello resyncs.
        if (message.code === 'replayed' || message.code === 'out-of-order') ws.close();
      }
    };
    ws.onerror = () => undefined;
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = undefined;
      if (closed) return set({ status: 'closed' });
      // The session had ended: the room closing now (Ctrl+C on the laptop) is expected. The last view
      // stays (its summary can still be downloaded). Ended for everyone, there is nothing left to
      // reconnect for; at the ending the story reached, the room can be resumed (room --resume) to go
      // back to the decision that led there, as the terminal says: the client keeps looking for it.
      const ended = snapshot.view?.phase === 'ended';
      if (ended && backFromEnding(snapshot.view) === undefined) return set({ status: 'ended' });
      const delay = Math.min(backoff.max, backoff.first * 2 ** attempt);
      attempt = Math.min(attempt + 1, 10);
      set({ status: ended ? 'ended' : 'reconnecting' });
      timer = setTimeout(connect, delay);
    };
  };
  connect();

  return {
    page,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => snapshot,
    send(command) {
      if (!socket || socket.readyState !== OPEN || snapshot.status !== 'open') return false;
      socket.send(JSON.stringify({ ...command, room: link.room, token: link.token, seq: ++seq }));
      return true;
    },
    close() {
      closed = true;
      clearTimeout(timer);
      socket?.close(1000);
      if (!socket && snapshot.status !== 'outdated' && snapshot.status !== 'gone' && snapshot.status !== 'ended') set({ status: 'closed' });
    },
  };
}
