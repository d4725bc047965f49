import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { isIP, type AddressInfo, type Socket } from 'node:net';
import { hostname, networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { errorWords } from '../node/state-store.js';
import sirv from 'sirv';
import { renderSVG } from 'uqr';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import {
  leaveBreak, MAX_DEVICES, parsePresenterMessage, parseVoterMessage, PRESENTER_PROTOCOL, presenterView, presenterViewFor, protocolOf, reduceRoom, roomCount, shortenWritten, shownCount, visibleLine, VOTER_PROTOCOL, voterView, voterViewFor,
  type PresenterAction, type PresenterCommand, type PresenterView, type PresenterViewSent, type Rejection, type RoomContext, type RoomInput, type RoomState, type ToPresenter, type ToVoter, type VoterView,
} from '../../machines/index.js';

/**
 * The live room's server: one HTTP server on the address the trainer chose, serving the built web
 * app (sirv), the phones' voter page, and two WebSocket endpoints: /ws/voter for phones and
 * /ws/presenter for the trainer's page. Every message is parsed with the core's schemas and
 * applied with the core's room reducer; the server adds transport only: who is connected, the
 * presenter's token, rate limits, heartbeats, persistence and logging.
 */

/** Heartbeats in a row a connection may leave unanswered before it is dropped (see Connection's `missed`). */
const MISSED_BEATS = 2;

export interface RoomServerOptions {
  ctx: RoomContext;
  state: RoomState;
  /** The presenter's secret. */
  token: string;
  host: string;
  port: number;
  /**
   * Stores a new state. Nobody is told of a change until the write that holds it has finished, so
   * an acknowledged vote is on disk. Writes never overlap: changes that arrive during one are
   * stored together by the next (group commit), so a burst of votes costs a few writes, not one each.
   */
  persist: (state: RoomState) => void | Promise<void>;
  /** One clean line per event worth keeping (refused messages, connections). */
  log: (line: string) => void;
  /**
   * Told once when the room can no longer be saved (until a save succeeds again), with the reason in
   * plain words, to say so with the command that carries on (laid out by the caller, which knows how
   * the app was started); without it, the log gets a line naming "room --resume".
   */
  onUnsaved?: (reason: string) => void;
  /** Called once when the session ends (an ending, or the presenter ends it). */
  onEnded?: (state: RoomState) => void;
  /** Called after every change of phase or moment (not for votes and joins), whoever made it. */
  onChange?: (state: RoomState) => void;
  /** The built web app (dist-web/); when missing, "/" explains how to build it. */
  webDir?: string;
  /** The voter page's files: html, css, js. */
  voterFiles?: VoterFiles;
  /** Where phones join (shown with its QR code on the presenter page: /join/qr.svg). */
  joinUrl?: string;
  /** Ping every this many ms; a connection that has answered none of the last MISSED_BEATS pings is dropped. */
  heartbeatMs?: number;
  /** Open connections at most (default 2,000). */
  maxConnections?: number;
  /** Messages per second a connection may send on average, and in a burst. */
  rate?: { perSecond: number; burst: number };
  /**
   * What one network address (one phone, normally) may do: join this many device ids (a phone in a
   * private window makes a new one at each load) and hold this many connections open (its tabs).
   * Without it one script could make up phones until the room is full, each with a vote.
   */
  perAddress?: { devices: number; connections: number };
  /** What one IPv6 /64 network may do, in place of `perAddress` (see limitGroup). */
  perNetwork?: { devices: number; connections: number };
  /** Addresses the per-address limits do not apply to (default: the laptop itself, isLaptop). */
  trusted?: (address: string) => boolean;
  /**
   * Addresses a presenter page may run the room from, its token proven (default: the laptop itself,
   * isLaptop). The presenter address is for the laptop's browser only (README): a token read off a
   * projected terminal or a photo of it does not make a phone the presenter.
   */
  presenterFrom?: (address: string) => boolean;
}

export interface VoterFiles {
  html: string;
  css: string;
  js: string;
}

export interface RoomServer {
  /** The port actually bound. */
  port: number;
  host: string;
  state(): RoomState;
  /** Applies a presenter command from the laptop itself (the terminal's own controls). */
  present(action: PresenterCommand): { ok: true } | { ok: false; code: Rejection; message: string };
  connectedPhones(): number;
  /** Presenter pages connected right now (their token proven). */
  connectedPresenters(): number;
  /** Resolves once every change is stored and every answer sent. */
  settled(): Promise<void>;
  /** Stores what is pending, closes every connection, stops listening. */
  close(): Promise<void>;
}

/** Limits a connection's messages: a token bucket refilled over time. */
class Bucket {
  private tokens: number;
  private last = performance.now();
  constructor(private readonly perSecond: number, private readonly burst: number) {
    this.tokens = burst;
  }
  take(): boolean {
    const now = performance.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

interface Connection {
  id: number;
  ws: WebSocket;
  role: 'voter' | 'presenter';
  address: string;
  /**
   * A page (phone or presenter) that speaks another version of the protocol (or, from before
   * versions, names none): every message it sends is answered with "reload the page", and it never
   * joins (a phone) or becomes the presenter, whatever token it sends.
   */
  outdated?: string;
  device?: string;
  /**
   * The key of the decision this phone's connection was last sent whole (voterViewFor): later views
   * of the same decision go without its replies' words, which the phone keeps.
   */
  decisionSent?: string;
  /**
   * The key of the moment this presenter connection was last sent whole (presenterViewFor): later
   * views of the same moment go without the session, which the page keeps.
   */
  sessionSent?: string;
  /** The presenter proved the token on this connection (hello or an action). */
  presenter: boolean;
  /**
   * The presenter page's id, as its last hello on this connection named it (protocol 12): the room
   * says it when this connection's command ends a break (`breakEndedPage`), and names the pages on
   * its break with it (`breakPages`). A page that names none is named here after its connection
   * (`pageDrawn`): its break commands are its own, as a page's with an id are.
   */
  page?: string;
  /** `page` was drawn by the server for this connection (its page named none): no page will ever send it again once the connection closes. */
  pageDrawn?: boolean;
  /**
   * Heartbeats in a row this connection has not answered. It is dropped at MISSED_BEATS: one missed
   * beat alone may be this process's own stall (a busy or waking laptop runs its timers before it
   * reads the answers waiting), which would drop every phone at once.
   */
  missed: number;
  bucket: Bucket;
  /** Refused messages not yet in the log, by reason. */
  refused: Map<Rejection, number>;
  refusedTotal: number;
  lastRateNotice: number;
  /** A rate-limit notice held back (one a second at most), sent when the second is up. */
  rateNotice?: ReturnType<typeof setTimeout>;
}

/** Refused messages logged one by one per connection before they are only counted. */
const LOGGED_PER_CONNECTION = 3;
/**
 * Refusal lines in the log (the first few of each connection, and each connection's total when it
 * closes) at most this many in LOG_WINDOW_MS, over all connections: a script opening connection
 * after connection, each refused once, would otherwise print a line each and scroll the trainer's
 * controls away. Past it they are tallied and logged as one line per window.
 */
const LOG_LINES_PER_WINDOW = 30;
const LOG_WINDOW_MS = 10_000;
/** Open connections at most (phones, their extra tabs, presenter windows): a room, and a bound on memory. */
const MAX_CONNECTIONS = 2000;
/** What one address other than the laptop's own may join and hold open (see RoomServerOptions.perAddress). */
const PER_ADDRESS = { devices: 10, connections: 20 };
/**
 * What one IPv6 /64 may join and hold open (see limitGroup): half the room, so that no one network
 * alone fills it, while a classroom whose phones all share the school Wi-Fi's /64 is not capped (a
 * CASA training is tens of people; the room takes MAX_DEVICES).
 */
const PER_NETWORK = { devices: MAX_DEVICES / 2, connections: MAX_CONNECTIONS / 2 };
/** A refused connection attempt is logged once per address and reason in this long; the rest are counted. */
const UPGRADE_LOG_MS = 10_000;

/** A log line at most this long (UTF-16 units), "…" last when cut. */
const LOG_LINE_MAX = 300;

/**
 * A line as the room's log gets it: one line, escapes and line breaks written out (visibleLine), cut
 * to LOG_LINE_MAX by whole characters and whole written escapes (an emoji is not halved into "\ufffd",
 * a written "\n" not left as "\").
 */
export function logLine(line: string): string {
  return shortenWritten(visibleLine(line), LOG_LINE_MAX);
}

/** The address without IPv6's IPv4-mapped prefix, so 192.168.1.5 is one address however it arrived. */
export function plainAddress(address: string): string {
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}

/**
 * What the per-address limits count a connection by. An IPv4 address is one phone (or one NAT),
 * and counts by itself, with the per-address limits.
 *
 * An IPv6 address counts by its /64, with the per-network limits: a phone makes itself new IPv6
 * addresses (privacy addresses, RFC 8981) and a script on any machine can take as many of its /64's
 * 2^64 as it likes, so counted by the whole address one device could take any number of slots. But
 * a /64 is one network, not one phone: every phone on the school's or the venue's Wi-Fi gets its
 * addresses in the same /64, so its limits are a share of the room (PER_NETWORK: half of it), not
 * a phone's. No rule tells phones apart within a /64; what this one gives is that one network (a
 * phone's many addresses, a script's, a host elsewhere) cannot take the whole room, which a real
 * classroom never comes near. A zone (fe80::1%wlan0) is left out: link-local phones share fe80::/64.
 */
export function limitGroup(address: string): { key: string; network: boolean } {
  const bare = address.split('%')[0] ?? address;
  if (isIP(bare) !== 6) return { key: address, network: false };
  const [head = '', tail] = bare.split('::');
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  // An IPv4 address written at the end (::ffff:1.2.3.4, 64:ff9b::1.2.3.4) is two groups, in the last 64 bits.
  const size = (part: string) => groups(part).reduce((n, g) => n + (g.includes('.') ? 2 : 1), 0);
  const all = tail === undefined ? groups(head) : [...groups(head), ...Array<string>(8 - size(head) - size(tail)).fill('0'), ...groups(tail)];
  return { key: `${all.slice(0, 4).map((g) => parseInt(g, 16).toString(16)).join(':')}::/64`, network: true };
}

/** The laptop itself: loopback, or one of its own network addresses (the presenter page opened at --host 192.168.1.20). */
export function isLaptop(address: string): boolean {
  if (address.startsWith('127.') || address === '::1') return true;
  return Object.values(networkInterfaces()).some((list) => (list ?? []).some((a) => plainAddress(a.address) === address));
}
/**
 * What may wait unsent for one connection before the next message (bytes): past it, the connection
 * is dropped as one that does not read. Well above a presenter's largest view and its summary (2 MB).
 */
const MAX_UNREAD_BYTES = 8 * 1024 * 1024;
/** The largest frame the WebSocket layer accepts at all; larger ones close the connection (1009). */
const MAX_FRAME = 64 * 1024;
const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
} as const;

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** Compares the secret in constant time (both hashed first, so lengths never differ). */
export function tokenMatches(expected: string, given: unknown): boolean {
  return typeof given === 'string' && timingSafeEqual(sha256(expected), sha256(given));
}

function sameHost(origin: string, host: string | undefined): boolean {
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}

/**
 * Whether a request's Host names this laptop: an IP address (the join and presenter addresses the
 * room prints are all numbers), localhost, the --host the room listens on, or the laptop's own name
 * (name.local too). A site the trainer has open can re-point its own name at this laptop (DNS
 * rebinding): its pages are then "same origin" with the room, Origin and Host both naming that site,
 * and they reach it from the laptop itself, where no per-address limit applies. Such a request
 * names neither. No Host at all is no browser's (every browser sends one), so it is let through.
 */
export function hostNamesLaptop(host: string | undefined, listening: string): boolean {
  if (host === undefined) return true;
  let name: string;
  try {
    name = new URL(`http://${host}`).hostname.toLowerCase();
  } catch {
    return false;
  }
  if (name.startsWith('[') || isIP(name) !== 0) return true;
  const own = hostname().toLowerCase();
  return name === 'localhost' || name === listening.toLowerCase() || (own !== '' && (name === own || name === `${own}.local`));
}

/** The voter page's Content-Security-Policy: its own script and style only, WebSockets to this host; images from itself, and its empty `data:,` icon. */
function voterCsp(host: string | undefined): string {
  const safeHost = host !== undefined && /^[A-Za-z0-9.:[\]-]{1,100}$/.test(host) ? ` ws://${host} wss://${host}` : '';
  return `default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'${safeHost}; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`;
}

const BUILD_FIRST = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>casa-practice: build the web app first</title></head>
<body><main><h1>The web app is not built yet</h1>
<p>Build the web app first: run <code>npm run build</code> in the casa-practice folder, then start the room again.</p>
<p>Phones can still vote: the join address (<a href="/join">/join</a>) works without it.</p></main></body></html>
`;

/** Starts the room server; resolves once it listens. */
/** The start of a page id the server draws for a connection whose page named none (a page's own id is random: it never starts so but by a 1 in 64⁴ chance, which costs only its break mark at a restart). */
const DRAWN = 'drawn_';

export async function startRoomServer(opts: RoomServerOptions): Promise<RoomServer> {
  const { ctx, token } = opts;
  // A room saved on a break names the pages on it; an id this server drew for a connection (DRAWN)
  // died with the process that drew it, and no page will send it again: it leaves the break as it
  // would have when its connection closed (leaveBreak), so that it does not hold the room on it.
  let state = (opts.state.breakPages ?? []).filter((p) => p.startsWith(DRAWN)).reduce(leaveBreak, opts.state);
  let ended = state.phase === 'ended';
  const rate = opts.rate ?? { perSecond: 10, burst: 30 };
  const connections = new Set<Connection>();
  const byDevice = new Map<string, Set<Connection>>();
  let nextId = 1;
  const log = (line: string) => opts.log(logLine(line));
  const perAddress = opts.perAddress ?? PER_ADDRESS;
  const perNetwork = opts.perNetwork ?? PER_NETWORK;
  const trusted = opts.trusted ?? isLaptop;
  const presenterFrom = opts.presenterFrom ?? isLaptop;
  /** What an address's limits count by (an IPv6 address: its /64), and those limits. */
  const limitsOf = (address: string) => {
    const group = limitGroup(address);
    return { key: group.key, ...(group.network ? perNetwork : perAddress) };
  };
  /** Device ids each limited address (or IPv6 /64: limitGroup) joined (since this server started), and its open connections. */
  const devicesOf = new Map<string, Set<string>>();
  const openFrom = new Map<string, number>();
  /** Refused connection attempts: logged once per address and reason in UPGRADE_LOG_MS, then counted. */
  const upgradeRefusals = new Map<string, { at: number; more: number }>();
  function refuseUpgrade(socket: { end(text: string): void }, status: string, key: string, line: string): void {
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`);
    logRefusal(key, line);
  }
  function logRefusal(key: string, line: string): void {
    const now = performance.now();
    const seen = upgradeRefusals.get(key);
    if (seen && now - seen.at < UPGRADE_LOG_MS) {
      seen.more++;
      return;
    }
    if (upgradeRefusals.size > 1000) upgradeRefusals.clear();
    upgradeRefusals.set(key, { at: now, more: 0 });
    log(seen && seen.more > 0 ? `${line} (and ${shownCount(seen.more)} more like it before)` : line);
  }

  // The folder is read at each request ("dev"), not listed once at start: the web app rebuilt while a
  // room runs (npm start after an update) has new file names, which a list made at start served as
  // "Not found" (the presenter page came up blank until the room was restarted). sirv still serves
  // only what is inside the folder.
  const web = opts.webDir !== undefined && existsSync(join(opts.webDir, 'index.html'))
    ? sirv(opts.webDir, { dev: true, single: true, etag: true, setHeaders: (res) => setHeaders(res, `script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'`) })
    : undefined;

  /** A request for a name that is not this laptop's (see hostNamesLaptop): the line the log gets. */
  const foreignHost = (req: IncomingMessage): string | undefined =>
    hostNamesLaptop(req.headers.host, opts.host) ? undefined : `for ${JSON.stringify((req.headers.host ?? '').slice(0, 80))}, not an address of this laptop (a site's name pointed at it?)`;

  const http: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const foreign = foreignHost(req);
    if (foreign !== undefined) {
      logRefusal(`host ${plainAddress(req.socket.remoteAddress ?? '?')}`, `refused a request ${foreign}`);
      return send(res, 403, 'text/plain; charset=utf-8', 'This is not an address of the room: open the address the trainer shows (in numbers), or scan the QR code.\n');
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed\n');
    const files = opts.voterFiles;
    if (path === '/join' || path === '/join/') {
      if (!files) return send(res, 503, 'text/plain; charset=utf-8', 'The voter page is not built: run npm run build.\n');
      return send(res, 200, 'text/html; charset=utf-8', files.html, voterCsp(req.headers.host));
    }
    if (path === '/join/voter.js' && files) return send(res, 200, 'text/javascript; charset=utf-8', files.js, voterCsp(req.headers.host));
    if (path === '/join/voter.css' && files) return send(res, 200, 'text/css; charset=utf-8', files.css, voterCsp(req.headers.host));
    if (path === '/join/qr.svg' && opts.joinUrl !== undefined) return send(res, 200, 'image/svg+xml', renderSVG(opts.joinUrl, { border: 2, ecc: 'M' }), `default-src 'none'; style-src 'unsafe-inline'`);
    if (web) return web(req, res, () => send(res, 404, 'text/plain; charset=utf-8', 'Not found\n'));
    if (path === '/' || path === '/index.html') return send(res, 200, 'text/html; charset=utf-8', BUILD_FIRST, `default-src 'none'; base-uri 'none'; frame-ancestors 'none'`);
    return send(res, 404, 'text/plain; charset=utf-8', 'Not found\n');
  });

  // Every socket counts, before any request or upgrade: one that never finishes its request, or never
  // upgrades, is held in memory (and a file handle) as long as one that does. One address other than
  // the laptop's may hold twice the WebSocket connections it may have (its page's requests beside
  // them); all together, twice the room's connections.
  const socketsFrom = new Map<string, number>();
  http.maxConnections = 2 * (opts.maxConnections ?? MAX_CONNECTIONS) + 100;
  http.on('connection', (socket: Socket) => {
    const address = plainAddress(socket.remoteAddress ?? '?');
    if (trusted(address)) return;
    const { key, connections: limit } = limitsOf(address);
    const open = socketsFrom.get(key) ?? 0;
    if (open >= 2 * limit) {
      socket.destroy();
      return logRefusal(`sockets ${key}`, `refused a connection from ${address}: ${shownCount(open)} are open from ${key === address ? 'it' : key} already`);
    }
    socketsFrom.set(key, open + 1);
    socket.once('close', () => {
      const left = (socketsFrom.get(key) ?? 1) - 1;
      if (left > 0) socketsFrom.set(key, left);
      else socketsFrom.delete(key);
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME, perMessageDeflate: false });
  http.on('upgrade', (req: IncomingMessage, socket, head) => {
    // Node takes its own error handler off a socket it hands over for an upgrade, and ws puts one on
    // only once it takes the socket: a refused one (below) had none, so a client that reset the
    // connection after its request ("read ECONNRESET") stopped the room, every phone with it.
    socket.on('error', () => socket.destroy());
    const path = (req.url ?? '').split('?')[0];
    const role = path === '/ws/voter' ? 'voter' : path === '/ws/presenter' ? 'presenter' : undefined;
    if (!role) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    const address = plainAddress(req.socket.remoteAddress ?? '?');
    if (connections.size >= (opts.maxConnections ?? MAX_CONNECTIONS)) {
      return refuseUpgrade(socket, '503 Service Unavailable', 'all', `refused a connection: ${shownCount(connections.size)} are open already`);
    }
    const limits = limitsOf(address);
    const open = openFrom.get(limits.key) ?? 0;
    if (!trusted(address) && open >= limits.connections) {
      return refuseUpgrade(socket, '503 Service Unavailable', `open ${limits.key}`, `refused a connection: ${shownCount(open)} connections are open from ${limits.key}`);
    }
    const foreign = foreignHost(req);
    if (foreign !== undefined) return refuseUpgrade(socket, '403 Forbidden', `host ${address}`, `refused a WebSocket ${foreign}`);
    // A page from another site open on a phone must not reach the room through that phone: a
    // browser always names the page's origin, which must be this server.
    const origin = req.headers.origin;
    if (origin !== undefined && !sameHost(origin, req.headers.host)) {
      return refuseUpgrade(socket, '403 Forbidden', `origin ${address}`, `refused a WebSocket from another site (${origin.slice(0, 80)})`);
    }
    const query = (req.url ?? '').split('?')[1] ?? '';
    const version = protocolOf(query);
    const current = role === 'voter' ? VOTER_PROTOCOL : PRESENTER_PROTOCOL;
    const outdated = version === current ? undefined : `a ${role} page of protocol ${version ?? '(none)'}; the room speaks ${current}`;
    wss.handleUpgrade(req, socket, head, (ws) => accept(ws, role, address, outdated));
  });

  function setHeaders(res: ServerResponse, csp: string): void {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
    res.setHeader('Content-Security-Policy', csp);
  }

  function send(res: ServerResponse, status: number, type: string, body: string, csp = `default-src 'none'; frame-ancestors 'none'`): void {
    setHeaders(res, csp);
    res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
  }

  // Group commit: messages wait (in order) while a change is not yet stored.
  let writing = false;
  let dirty = false;
  let scheduled = false;
  // Whether the last save was refused: said once, in plain words, until a save is taken again. Every
  // change (each vote, each step) added "could not save the room: EROFS: … open '…/rooms/….json.25928.8.tmp'"
  // to the trainer's controls, a temp file's name broken over rows.
  let refused = false;
  // What has been said of it. A folder that refuses and takes saves by turns (a flaky disk, a network
  // mount) said both again at every turn, the refusal's notice (several rows) and "saved again", until
  // the controls were lost under them. The first refusal is said and the first save taken again after
  // it; a refusal after that once more, as a folder that fails now and then; then nothing more until
  // the room closes, which says whether its last save was taken.
  const said = { refused: false, again: false, flapping: false };
  let queued: (() => void)[] = [];
  const idleWaiters: (() => void)[] = [];

  function out(conn: Connection, message: ToVoter | ToPresenter): void {
    outText(conn, conn.role === 'voter' ? voterText(message as ToVoter) : JSON.stringify(message));
  }

  /** Sends a message already written out (the same text can go to many connections: tellAll, tellCount). */
  function outText(conn: Connection, text: string): void {
    const send = () => {
      if (conn.ws.readyState !== conn.ws.OPEN) return;
      // Still this much unsent from before: whatever it is, it does not read (a script sending joins,
      // each answered with the whole decision). Dropped, it holds nothing more; a real page reconnects.
      if (conn.ws.bufferedAmount > MAX_UNREAD_BYTES) {
        conn.ws.terminate();
        return logRefusal(`unread ${conn.address}`, `dropped ${conn.role} connection #${conn.id} (${conn.address}): it does not read what it is sent (${(conn.ws.bufferedAmount / 1024 / 1024).toFixed(1)} MB waiting)`);
      }
      conn.ws.send(text);
    };
    if (writing || dirty) queued.push(send);
    else send();
  }

  function markDirty(): void {
    dirty = true;
    if (scheduled || writing) return;
    scheduled = true;
    // After the current message is handled, so its own answers go out with this write.
    queueMicrotask(startWrite);
  }

  function startWrite(): void {
    scheduled = false;
    if (writing || !dirty) return;
    writing = true;
    dirty = false;
    const batch = queued;
    queued = [];
    let done: Promise<void>;
    try {
      done = Promise.resolve(opts.persist(state));
    } catch (e) {
      done = Promise.reject(e);
    }
    void done.then(() => {
      if (refused && !said.again) {
        log('the room is saved in the state folder again.');
        said.again = true;
      }
      refused = false;
    }, (e: unknown) => {
      if (!refused && !said.refused) {
        if (opts.onUnsaved) opts.onUnsaved(errorWords(e));
        else log(`the room can no longer be saved in the state folder (${errorWords(e)}): the session goes on, and room --resume would carry on from where it was last saved. Votes and steps are saved again once the folder can be written.`);
        said.refused = true;
      } else if (!refused && !said.flapping) {
        log(`the room could not be saved in the state folder again (${errorWords(e)}): the folder fails now and then. The room is saved whenever it can be; this is not said again, and when the room is closed it says whether its last change was saved.`);
        said.flapping = true;
      }
      refused = true;
    }).then(() => {
      writing = false;
      for (const send of batch) send();
      if (dirty) return startWrite();
      const rest = queued;
      queued = [];
      for (const send of rest) send();
      for (const w of idleWaiters.splice(0)) w();
    });
  }

  /** Resolves once every change is stored and every answer sent. */
  function settled(): Promise<void> {
    return writing || dirty ? new Promise((resolve) => idleWaiters.push(resolve)) : Promise.resolve();
  }

  function connectedPhones(): number {
    let n = 0;
    for (const set of byDevice.values()) if (set.size > 0) n++;
    return n;
  }

  function tellCount(): void {
    let text: string | undefined;
    for (const c of connections) if (c.role === 'presenter' && c.presenter) outText(c, (text ??= JSON.stringify({ type: 'count', count: roomCount(state, connectedPhones()) })));
  }

  function tellAll(): void {
    tellPresenters();
    for (const c of connections) if (c.role === 'voter' && c.device) out(c, { type: 'view', view: phoneView(c, voterView(ctx, state, c.device)) });
  }

  function tellPresenters(): void {
    const view = presenterView(ctx, state, connectedPhones());
    // Every presenter page is sent one of two texts, each written out once for this state (not once
    // per page: the moment, the reveal and at the end the summary, megabytes at a large decision):
    // with the session, to a page not sent this moment yet, or without it, to one that keeps it.
    const texts = new Map<boolean, string>();
    for (const c of connections) {
      if (c.role !== 'presenter' || !c.presenter) continue;
      const whole = c.sessionSent !== view.sessionKey;
      let text = texts.get(whole);
      if (text === undefined) texts.set(whole, (text = JSON.stringify({ type: 'view', view: presenterFor(c, view), seq: state.presenterSeq } satisfies ToPresenter)));
      else c.sessionSent = view.sessionKey;
      outText(c, text);
    }
  }

  function tellDevice(device: string): void {
    const view = voterView(ctx, state, device);
    for (const c of byDevice.get(device) ?? []) out(c, { type: 'view', view: phoneView(c, view) });
  }

  /** The presenter's view as this connection is sent it: the session whole only the first time for each moment (messages on a connection arrive in order). */
  function presenterFor(conn: Connection, view: PresenterView): PresenterViewSent {
    const sent = presenterViewFor(view, conn.sessionSent);
    if (sent.session !== undefined) conn.sessionSent = sent.sessionKey;
    return sent;
  }

  /** A phone's view as this connection is sent it: the decision whole only the first time (messages on a connection arrive in order). */
  function phoneView(conn: Connection, view: VoterView): VoterView {
    const sent = voterViewFor(view, conn.decisionSent);
    if (sent.decision !== undefined && sent.decisionKey !== undefined) conn.decisionSent = sent.decisionKey;
    return sent;
  }

  /** A page named after its connection is gone: off the room's break (leaveBreak), the other pages told. */
  function pageGone(page: string): void {
    const next = leaveBreak(state, page);
    if (next === state) return;
    state = next;
    markDirty();
    tellPresenters();
  }

  /**
   * As a page asks to end a break: the pages on it with no connection open now are taken off it
   * first (leaveBreak). A page keeps its id over a reload (so that it comes back on its own break),
   * and its connection closing alone could not take it off; but a tab closed during its break never
   * comes back, and it held the room there: another page's "Back from break" took only that page
   * off, and the room (every phone) stayed on the closed tab's break until "End the break for the
   * room". A page reloading at that very moment comes back to the break ended, as after the
   * terminal's b. Not told here: the command's answer tells the pages (true: the state changed).
   */
  function offBreakIfGone(): boolean {
    const open = new Set<string>();
    for (const c of connections) if (c.role === 'presenter' && c.page !== undefined) open.add(c.page);
    const next = (state.breakPages ?? []).filter((p) => !open.has(p)).reduce(leaveBreak, state);
    if (next === state) return false;
    state = next;
    markDirty();
    return true;
  }

  /** Applies a message; stores any new state before telling anyone; says whom to tell. */
  function apply(input: RoomInput) {
    const result = reduceRoom(ctx, state, input);
    const next = result.ok ? result.state : result.state;
    if (next && next !== state) {
      state = next;
      markDirty();
    }
    if (result.ok && result.change === 'all') {
      try {
        opts.onChange?.(state);
      } catch (e) {
        log(`error showing a change: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    // Back from the ending (to the decision whose reply led there): the session can end again, and
    // its summary is then written again over the one written at the first ending.
    if (ended && state.phase !== 'ended') ended = false;
    if (!ended && state.phase === 'ended') {
      ended = true;
      try {
        opts.onEnded?.(state);
      } catch (e) {
        log(`could not write the session summary: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    return result;
  }

  // The refusal lines logged in this window, and the refusals tallied instead once it is full.
  let logWindow = { start: performance.now(), lines: 0 };
  const quiet = { refused: new Map<Rejection, number>(), connections: new Set<number>() };
  /** Whether one more refusal line fits in this window's budget (a new window logs the last one's tally first). */
  function mayLog(): boolean {
    newWindowIfDue();
    if (logWindow.lines >= LOG_LINES_PER_WINDOW) return false;
    logWindow.lines++;
    return true;
  }
  function newWindowIfDue(): void {
    const now = performance.now();
    if (now - logWindow.start < LOG_WINDOW_MS) return;
    logWindow = { start: now, lines: 0 };
    logQuiet();
  }
  function tallyQuietly(conn: Connection, code: Rejection, n: number): void {
    quiet.refused.set(code, (quiet.refused.get(code) ?? 0) + n);
    quiet.connections.add(conn.id);
  }
  function logQuiet(): void {
    if (quiet.refused.size === 0) return;
    const total = [...quiet.refused.values()].reduce((a, b) => a + b, 0);
    const parts = [...quiet.refused].map(([code, n]) => `${code} ${shownCount(n)}`).join(', ');
    const from = quiet.connections.size;
    log(`${shownCount(total)} more refused ${total === 1 ? 'message' : 'messages'} from ${shownCount(from)} ${from === 1 ? 'connection' : 'connections'}, too many to log one by one (${parts})`);
    quiet.refused.clear();
    quiet.connections.clear();
  }

  function refuse(conn: Connection, code: Rejection, detail: string, message = messageFor(conn.role, code)): void {
    conn.refusedTotal++;
    if (conn.refusedTotal > LOGGED_PER_CONNECTION) conn.refused.set(code, (conn.refused.get(code) ?? 0) + 1);
    else if (!mayLog()) tallyQuietly(conn, code, 1);
    else {
      log(`refused ${code} from ${conn.role} connection #${conn.id} (${conn.address}): ${detail}`);
      if (conn.refusedTotal === LOGGED_PER_CONNECTION) log(`further refusals from connection #${conn.id} are counted, and logged as totals`);
    }
    if (code === 'rate-limited') {
      // One notice a second at most: a flood is not answered message by message. The messages
      // refused in that second still get one answer when it is up, so a phone whose last vote was
      // refused hears it (it would otherwise say "Sending your vote…" with no end).
      const now = performance.now();
      const wait = conn.lastRateNotice + 1000 - now;
      if (wait > 0) {
        conn.rateNotice ??= setTimeout(() => {
          conn.rateNotice = undefined;
          conn.lastRateNotice = performance.now();
          out(conn, { type: 'error', code, message });
        }, wait);
        conn.rateNotice.unref();
        return;
      }
      conn.lastRateNotice = now;
    }
    out(conn, { type: 'error', code, message });
  }

  function flushRefusals(conn: Connection): void {
    if (conn.refused.size === 0) return;
    if (!mayLog()) {
      for (const [code, n] of conn.refused) tallyQuietly(conn, code, n);
      conn.refused.clear();
      return;
    }
    const parts = [...conn.refused].map(([code, n]) => `${code} ${shownCount(n)}`).join(', ');
    const total = [...conn.refused.values()].reduce((a, b) => a + b, 0);
    log(`connection #${conn.id} (${conn.role}, ${conn.address}): ${shownCount(total)} more messages refused (${parts})`);
    conn.refused.clear();
  }

  function onVoterMessage(conn: Connection, text: string, bytes: number): void {
    // Before anything else: an outdated page's messages may be any shape, and "malformed" would tell its holder nothing.
    if (conn.outdated !== undefined) return refuse(conn, 'outdated', conn.outdated);
    const parsed = parseVoterMessage(text, bytes);
    if (!parsed.ok) return refuse(conn, parsed.code, parsed.detail);
    const msg = parsed.message;
    if (msg.type === 'join' && conn.device !== undefined && conn.device !== msg.device) return refuse(conn, 'forbidden', 'a second device id on one connection');
    const device = msg.type === 'join' ? msg.device : conn.device;
    if (device === undefined) return refuse(conn, 'not-joined', 'a vote before joining');
    // A device id new to the room counts against its address's limit; a known one may always come back.
    const limits = limitsOf(conn.address);
    const joined = devicesOf.get(limits.key);
    const newDevice = msg.type === 'join' && !Object.hasOwn(state.devices, device) && !trusted(conn.address);
    if (newDevice && joined !== undefined && joined.size >= limits.devices) return refuse(conn, 'too-many-devices', `${joined.size} devices joined from ${limits.key} already`);
    const result = apply({ from: 'voter', device, message: msg });
    if (!result.ok) return refuse(conn, result.code, result.message);
    if (msg.type === 'join') {
      if (newDevice) {
        if (joined) joined.add(device);
        else devicesOf.set(limits.key, new Set([device]));
      }
      const first = conn.device === undefined;
      conn.device = device;
      let set = byDevice.get(device);
      if (!set) byDevice.set(device, (set = new Set()));
      const wasConnected = set.size > 0;
      set.add(conn);
      // A welcome carries the decision whole, always: a phone that joins again on this connection
      // (to catch up, having lost what it kept) is sent it again.
      conn.decisionSent = undefined;
      out(conn, { type: 'welcome', device, seq: state.devices[device]?.seq ?? 0, view: phoneView(conn, voterView(ctx, state, device)) });
      if (first && (!wasConnected || result.change !== 'none')) tellCount();
      return;
    }
    if (result.change === 'count') {
      tellDevice(device);
      tellCount();
    } else tellDevice(device);
  }

  function onPresenterMessage(conn: Connection, text: string, bytes: number): void {
    // As for phones: before the token or the shape, so an old page is told what to do, and never becomes the presenter.
    if (conn.outdated !== undefined) return refuse(conn, 'outdated', conn.outdated);
    const parsed = parsePresenterMessage(text, bytes);
    if (!parsed.ok) return refuse(conn, parsed.code, parsed.detail);
    const msg = parsed.message;
    // The room first: a presenter page left open on an earlier room (a new room started on the same
    // port) holds that room's secret, and "not allowed" would not tell the trainer what happened.
    // The room code is no secret (it is on the projector), so saying it does not match gives nothing away.
    if (msg.room !== state.room) return refuse(conn, 'wrong-room', 'a presenter message for another room');
    if (!tokenMatches(token, msg.token)) return refuse(conn, 'forbidden', 'wrong presenter token');
    // The right token from another device (read off a projected terminal, or a photo of it): refused as
    // forbidden, which the page takes as final, in words that send the trainer to the laptop.
    if (!presenterFrom(conn.address)) return refuse(conn, 'forbidden', 'the presenter token from another device', NOT_THE_LAPTOP);
    conn.presenter = true;
    if (msg.type === 'hello') {
      if (msg.page !== undefined) {
        // Named now, after commands sent without a name: the name drawn for them will not come again.
        if (conn.pageDrawn === true && conn.page !== undefined && conn.page !== msg.page) pageGone(conn.page);
        conn.page = msg.page;
        conn.pageDrawn = false;
      }
      // A welcome carries the session whole, always: a page that says hello again on this connection
      // (to catch up, having lost what it kept) is sent it again.
      conn.sessionSent = undefined;
      return out(conn, { type: 'welcome', seq: state.presenterSeq, view: presenterFor(conn, presenterView(ctx, state, connectedPhones())), ...(opts.joinUrl !== undefined ? { join: opts.joinUrl } : {}) });
    }
    // A page that named no id (in no hello on this connection) is named after its connection: its
    // "Take a break" during another page's break changed nothing, and its "Back from break" then ended
    // that page's break for everyone. Now it is on the break, and its "Back from break" takes only it off.
    if (conn.page === undefined) {
      conn.page = `${DRAWN}${randomBytes(16).toString('base64url')}`;
      conn.pageDrawn = true;
    }
    const gone = msg.type === 'break' && !msg.on && offBreakIfGone();
    const result = apply({ from: 'presenter', message: msg, by: 'page', page: conn.page });
    if (!result.ok) {
      if (gone) tellPresenters();
      return refuse(conn, result.code, result.message);
    }
    if (result.change === 'all') tellAll();
    else if (result.change === 'presenters' || gone) tellPresenters();
    else out(conn, { type: 'view', view: presenterFor(conn, presenterView(ctx, state, connectedPhones())), seq: state.presenterSeq });
  }

  function accept(ws: WebSocket, role: 'voter' | 'presenter', address: string, outdated: string | undefined): void {
    const conn: Connection = {
      id: nextId++, ws, role, address, ...(outdated !== undefined ? { outdated } : {}), presenter: false, missed: 0,
      bucket: new Bucket(role === 'presenter' ? rate.perSecond * 2 : rate.perSecond, role === 'presenter' ? rate.burst * 2 : rate.burst),
      refused: new Map(), refusedTotal: 0, lastRateNotice: -Infinity,
    };
    connections.add(conn);
    const key = limitGroup(address).key;
    openFrom.set(key, (openFrom.get(key) ?? 0) + 1);
    ws.on('pong', () => (conn.missed = 0));
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (!conn.bucket.take()) return refuse(conn, 'rate-limited', 'too many messages');
      const buffer = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
      if (isBinary) return refuse(conn, 'malformed', 'a binary message');
      try {
        if (role === 'voter') onVoterMessage(conn, buffer.toString('utf8'), buffer.length);
        else onPresenterMessage(conn, buffer.toString('utf8'), buffer.length);
      } catch (e) {
        // A fault in handling one message must not take the room down; the state is unchanged.
        log(`error handling a message from connection #${conn.id}: ${e instanceof Error ? e.message : String(e)}`);
      }
    });
    ws.on('error', () => undefined);
    ws.on('close', () => {
      connections.delete(conn);
      clearTimeout(conn.rateNotice);
      const left = (openFrom.get(key) ?? 1) - 1;
      if (left > 0) openFrom.set(key, left);
      else openFrom.delete(key);
      flushRefusals(conn);
      // A page named after its connection can never come back to end its break: off it (the room
      // stays on the break; the other pages are told who is still on it).
      // (Not as the room closes: the room is saved as it was.)
      if (conn.pageDrawn === true && conn.page !== undefined && closing === undefined) pageGone(conn.page);
      if (conn.device !== undefined) {
        const set = byDevice.get(conn.device);
        set?.delete(conn);
        if (set && set.size === 0) {
          byDevice.delete(conn.device);
          tellCount();
        }
      }
    });
  }

  const heartbeat = setInterval(() => {
    newWindowIfDue();
    const dropped: Connection[] = [];
    for (const conn of connections) {
      flushRefusals(conn);
      if (conn.missed >= MISSED_BEATS) {
        dropped.push(conn);
        conn.ws.terminate();
        continue;
      }
      conn.missed += 1;
      try {
        conn.ws.ping();
      } catch {
        conn.ws.terminate();
      }
    }
    if (dropped.length > 0) log(heartbeatDropped(dropped));
  }, opts.heartbeatMs ?? 10_000);
  heartbeat.unref();

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(opts.port, opts.host, () => {
      http.off('error', reject);
      resolve();
    });
  });
  const port = (http.address() as AddressInfo).port;

  let closing: Promise<void> | undefined;
  return {
    port,
    host: opts.host,
    state: () => state,
    connectedPhones,
    connectedPresenters: () => [...connections].filter((c) => c.role === 'presenter' && c.presenter).length,
    present(action) {
      const result = apply({ from: 'presenter', message: { ...action, room: state.room, token, seq: state.presenterSeq + 1 } as PresenterAction, by: 'terminal' });
      if (!result.ok) return { ok: false, code: result.code, message: result.message };
      tellAll();
      return { ok: true };
    },
    settled,
    close() {
      closing ??= settled().then(() => new Promise<void>((resolve) => {
        clearInterval(heartbeat);
        for (const conn of connections) {
          flushRefusals(conn);
          conn.ws.close(1001, 'The room is closing');
        }
        logQuiet();
        // Connections that do not finish the closing handshake promptly are cut.
        const cut = setTimeout(() => {
          for (const conn of connections) conn.ws.terminate();
        }, 500);
        cut.unref();
        wss.close();
        http.close(() => resolve());
        http.closeAllConnections();
      }));
      return closing;
    },
  };
}

/**
 * The log line for the connections one heartbeat dropped: one line for them all. A line each
 * scrolled the trainer's controls away when many went at once: the venue's Wi-Fi gone for a moment
 * (every phone), or a script holding hundreds of connections open and then going silent.
 */
export function heartbeatDropped(dropped: readonly { role: Connection['role']; id: number; address: string }[]): string {
  const [one] = dropped;
  if (dropped.length === 1 && one) return `dropped ${one.role} connection #${one.id} (${one.address}): no answer to the heartbeat`;
  const from = new Map<string, number>();
  for (const c of dropped) from.set(c.address, (from.get(c.address) ?? 0) + 1);
  const shown = [...from].slice(0, 3).map(([address, n]) => (n === 1 ? address : `${shownCount(n)} from ${address}`));
  const more = from.size - shown.length;
  return `dropped ${shownCount(dropped.length)} connections: no answer to the heartbeat (${shown.join(', ')}${more > 0 ? `, and ${shownCount(more)} more ${more === 1 ? 'address' : 'addresses'}` : ''})`;
}

const decisionTexts = new WeakMap<object, string>();

/**
 * A message to a phone as text, with the decision it carries (its replies' words: half a megabyte at
 * a decision of a thousand replies) written out once per decision, not once per phone: the same
 * object goes to every phone (phoneDecisionOf), and each phone's first view of the decision carries it,
 * 200 phones at the open vote, 100 MB of JSON. The view is the message's last key and its decision
 * the view's, so the text is the rest of the message with the decision's text put in at its end.
 */
export function voterText(message: ToVoter): string {
  if (message.type === 'error') return JSON.stringify(message);
  const { view, ...envelope } = message;
  const { decision, ...rest } = view;
  if (decision === undefined) return JSON.stringify(message);
  let text = decisionTexts.get(decision);
  if (text === undefined) decisionTexts.set(decision, (text = JSON.stringify(decision)));
  const head = JSON.stringify({ ...envelope, view: { ...rest, decision: 0 } });
  return `${head.slice(0, -'0}}'.length)}${text}}}`;
}

/** What a phone or the presenter is told when a message is refused (the log has the detail). */
const MESSAGES: Record<Rejection, string> = {
  'too-large': 'That message was too large.',
  malformed: 'That message could not be understood.',
  'wrong-room': 'That message was for another room: reload the page from the join address.',
  replayed: 'That message was already received.',
  'out-of-order': 'That message arrived out of order.',
  'not-joined': 'Join the room first.',
  'not-presenter': 'Only the presenter can do that.',
  forbidden: 'Not allowed.',
  'rate-limited': 'Too many messages: slow down.',
  'room-full': 'The room is full.',
  'too-many-devices': 'This phone has joined too many times (a private window counts as a new phone each time it loads). Ask the trainer for help.',
  'not-open': 'No vote is open right now.',
  'wrong-round': 'That was for an earlier decision.',
  'wrong-node': 'The session has moved on.',
  'unknown-reply': 'That is not one of the choices.',
  'not-now': 'That cannot be done right now.',
  'on-break': 'The trainer is taking a break, so that vote was not counted: vote again once the break is over.',
  // Also read by pages from before versions, which show an error's message as it is: words only, no button to rely on.
  outdated: 'This page is out of date: casa-practice was updated. Reload the page to vote (your browser\'s reload button, or pull the page down).',
};

/** What a presenter page is told instead, where it differs from a phone's words. */
const PRESENTER_MESSAGES: Partial<Record<Rejection, string>> = {
  // A page from an earlier room (the room code in its address is not the one running here now).
  'wrong-room': 'This presenter page is for a room that is no longer running here. Open the presenter address that the room command printed in the terminal for the room running now.',
  // A command from another window or the laptop's terminal while the room is on a break.
  'on-break': 'The room is on a break: end the break first (“Back from break” at the top of the presenter page, or “End the break for the room” under the moment, or b in the room’s terminal).',
  // A presenter is refused as forbidden only for a token that is not this room's (an address copied short, or from another room).
  forbidden: 'This presenter address does not carry this room\'s key (it may have been copied short, or be from another room). Open the presenter address that the room command printed in the terminal.',
  // Also read by presenter pages from before versions, which show it after "The room refused that:".
  outdated: 'This page is out of date: casa-practice was updated. Reload the page to carry on presenting (your browser\'s reload button); the room and its votes are kept.',
};

/** A presenter page on another device than the laptop running the room, its token right. */
const NOT_THE_LAPTOP = 'The presenter page runs only in a browser on the laptop running the room. Open the presenter address that the room command printed, on that laptop; this device can join as a phone with the room code.';

function messageFor(role: Connection['role'], code: Rejection): string {
  return (role === 'presenter' ? PRESENTER_MESSAGES[code] : undefined) ?? MESSAGES[code];
}

/** The voter page's files from the package: html and css from src/web/voter, the script as tsc built it. */
export function readVoterFiles(root: string): VoterFiles | undefined {
  try {
    return {
      html: readFileSync(join(root, 'src/web/voter/voter.html'), 'utf8'),
      css: readFileSync(join(root, 'src/web/voter/voter.css'), 'utf8'),
      js: readFileSync(join(root, 'dist/src/web/voter/voter.js'), 'utf8'),
    };
  } catch {
    return undefined;
  }
}
