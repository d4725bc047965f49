import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { appendFile, rename, rm, writeFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { hostname, networkInterfaces } from 'node:os';
import { basename, join } from 'node:path';
import { renderUnicodeCompact } from 'uqr';
import {
  afterColon, backToDecision,
  cleanLine, notStarted, createRoom, peekRoom, restoreRoom, ROOM_SAVE_CUT_OFF, roomCodeFrom, roomContext, roomSave, roomSessionView, roomSummaryFileName, roomSummaryMarkdown, quoteAsWritten, setAsideLines, shownFileName, visibleLine,
  type RoomContext, type RoomState, type RoomWritten,
} from '../../machines/index.js';
import { parseArgs, UsageError } from '../args.js';
import type { CliIO } from '../commands.js';
import { exportsDir, fallbackExportDir, leavingPath, shownStateDir, SUMMARY_ELSEWHERE } from '../export.js';
import { command, commandName, helpText, textWidth } from '../invocation.js';
import { fileStore } from '../node/file-store.js';
import { errorWords } from '../node/state-store.js';
import { holderText, openHolder } from '../node/file-lock.js';
import { packageRoot } from '../paths.js';
import { sessionSeed } from '../seed.js';
import { stateDir, writeAtomic } from '../state.js';
import { commandLines, wrapText, wrapWords } from '../wrap.js';
import { CONTROLS_HELP, roomControls } from './controls.js';
import { readVoterFiles, startRoomServer, type RoomServer } from './server.js';

export const ROOM_HELP = `Usage: casa-practice room <scenario> [--host ADDRESS] [--port N]
       casa-practice room --resume [--host ADDRESS] [--port N]

Starts a live room on this laptop: volunteers vote from their phones on the
local network (no accounts, no internet). Prints the join address, a QR code and
a short room code for the room, and the presenter address (with a secret token)
for this laptop's browser. Votes stay on this laptop; the room is saved in the
state folder on every change, and the session summary is written there when the
session ends or the room is closed (Ctrl+C; none before the session started).
The session is run from the presenter page or from this terminal (n next: past
the content note or a scene, o open the vote, l lock, r reveal, f the
facilitator note for you before the reveal, a reply number to follow that reply,
u back to the decision before, s status, j the join address and QR code again, p
the presenter address again (the page keeps its secret only in the tab it was
opened in), w who's who, b a break that the phones are told of, e end).

Options:
  --host ADDRESS  address to listen on (default 0.0.0.0: every network of this
                  laptop; 127.0.0.1 for this machine only; --resume reuses the
                  room's)
  --port N        port (default: a free one; --resume reuses the room's port)
  --resume        carry on with the last room: same code, votes and position
  -h, --help      show this help

A room stopped without Ctrl+C (its terminal window closed, the laptop shut down)
is kept: the next "room <scenario>" says so and how to carry it on, and opens
nothing; run it again to start a new room instead.

Guest Wi-Fi often keeps devices from reaching each other: use a phone hotspot or
a travel router instead.
Exit codes: 0 closed, 1 nothing to resume, the last room was stopped (said once)
or the room could not start, 2 usage error, 74 the state folder could not be
written as the room started (no room is opened).
`;

const ROOMS = 'rooms/';

/** Said as a room closes before its session started (no step taken, no vote): no summary is written. */
export const NOT_STARTED_CLOSED = 'Room closed. No session summary was written: the session had not started, so there is nothing to sum up.';

/** This laptop's addresses on its networks (IPv4, not loopback). */
export function lanAddresses(): string[] {
  return Object.values(networkInterfaces()).flatMap((list) => (list ?? []).filter((a) => a.family === 'IPv4' && !a.internal).map((a) => a.address));
}

function urlHost(host: string): string {
  return isIP(host) === 6 ? `[${host}]` : host;
}

function parsePort(text: string | true | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (typeof text !== 'string' || !/^\d{1,5}$/.test(text) || Number(text) > 65535) throw new UsageError(`--port takes a whole number from 0 to 65535 (0: any free port), not ${typeof text === 'string' ? quoteAsWritten(text, 20) : String(text)}`);
  return Number(text);
}

/** What `room` prints for the trainer: where phones join and where the presenter page is. */
export function roomAddresses(host: string, port: number, room: string, token: string, scenarioId: string): { join: string; others: string[]; presenter: string; local: boolean } {
  const any = host === '0.0.0.0' || host === '::';
  const lan = any ? lanAddresses() : [];
  const joinHost = any ? (lan[0] ?? '127.0.0.1') : host;
  const path = `/join?room=${room}`;
  // The presenter page runs on this laptop: loopback when the room listens on every network, else
  // the address it listens on. A room on 127.0.0.2 (or on localhost where that is ::1, as on macOS)
  // was given 127.0.0.1 here, where nothing listens: the presenter page did not open.
  const presenterHost = any ? '127.0.0.1' : host;
  return {
    join: `http://${urlHost(joinHost)}:${port}${path}`,
    others: lan.slice(1).map((a) => `http://${urlHost(a)}:${port}${path}`),
    // The web app routes by the hash (#/presenter/<scenario>); the room and its secret go in the
    // query, which only this laptop's own server sees (no Referer leaves the page).
    presenter: `http://${urlHost(presenterHost)}:${port}/?room=${room}&token=${token}#/presenter/${encodeURIComponent(scenarioId)}`,
    local: any ? lan.length === 0 : host === 'localhost' || host.startsWith('127.') || host === '::1',
  };
}

/** The characters of an address --host takes (and a room file may name): letters, digits, dots, colons and dashes. */
const HOST_CHARACTERS = /^[A-Za-z0-9.:-]{1,253}$/;

/** An address --host takes (and a room file may name): of HOST_CHARACTERS, and no hostProblem. */
function isHost(host: unknown): host is string {
  return typeof host === 'string' && host.trim() !== '' && HOST_CHARACTERS.test(host) && hostProblem(host) === undefined;
}

/**
 * Why an address of the right characters is none a room can listen on, in words, or undefined. Both
 * were looked up as names, and the room said only "could not start: getaddrinfo ENOTFOUND …": an
 * address copied with its port (127.0.0.1:8080, as a browser shows it), and one mistyped in its
 * numbers (192.168.1.256, 192.168.1.).
 */
export function hostProblem(host: string): string | undefined {
  const withPort = /^([^:]+):(\d{1,5})$/.exec(host);
  if (withPort) return `--host takes the address alone, and --port its port: --host ${withPort[1]} --port ${withPort[2]}`;
  if (/^[\d.]+$/.test(host) && isIP(host) === 0) return `--host ${host} is not an address: an address is four numbers from 0 to 255 with dots between them, such as 192.168.1.20`;
  return undefined;
}

/**
 * What the room says when it cannot listen, in words (the error's code: `port` in use, `host` not
 * this laptop's or not found by its name, a port only an administrator may take), never a bare
 * "getaddrinfo ENOTFOUND".
 */
export function listenFailure(e: unknown, host: string, port: number, resume: boolean): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  // A new room said only that, and the trainer had no next step (a second room left open, a port
  // chosen beforehand): the default is a free port, so leaving --port out always starts one.
  if (code === 'EADDRINUSE') return `port ${port} is in use by another program${resume ? ' (phones will need the new address: pass --port 0 for any free port)' : ': leave --port out for any free port, or pass another'}`;
  if (code === 'EADDRNOTAVAIL') return `${host} is not an address of this laptop`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_FAIL') return `no address of this laptop is named ${host}: give --host one of its addresses in numbers (such as 192.168.1.20), or leave --host out to listen on every network of this laptop`;
  if (code === 'EACCES') return `port ${port} may be taken only by an administrator on this laptop (ports below 1024, usually): pass --port 0 for any free port, or a port from 1024 up`;
  return e instanceof Error ? e.message : String(e);
}

/** `casa-practice room`: runs until Ctrl+C (or SIGTERM / a closed terminal), then writes the summary. */
export async function roomCommand(argv: readonly string[], io: CliIO, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const args = parseArgs(argv, ['help', 'host', 'port', 'resume'], ['host', 'port']);
  if (args.flags.has('help')) {
    io.out(helpText(ROOM_HELP, commandName(env)));
    return 0;
  }
  const askedHost = args.flags.get('host');
  if (askedHost !== undefined && !isHost(askedHost)) {
    throw new UsageError((typeof askedHost === 'string' && HOST_CHARACTERS.test(askedHost) ? hostProblem(askedHost) : undefined) ?? '--host takes an address such as 0.0.0.0, 127.0.0.1 or 192.168.1.20');
  }
  const askedPort = parsePort(args.flags.get('port'));
  const resume = args.flags.has('resume');
  if (resume && args.positionals.length > 0) throw new UsageError('room --resume carries on with the last room; name no scenario');
  if (!resume && args.positionals.length !== 1) throw new UsageError('room needs one scenario (a file or an id such as youth-discloses)');
  // Ctrl+C, SIGTERM and a closed terminal (SIGHUP) are taken from here on, not once the room runs:
  // they were taken only after the controls had started, and SIGTERM the moment "Listening on" was
  // printed ended the process outright (no "Room closed.", the room's marker left naming it).
  const signals = takeSignals();
  try {
    return await runRoom(resume ? undefined : args.positionals[0] as string, askedHost, askedPort, io, env, signals);
  } finally {
    signals.release();
  }
}

/** The signals that close a room, taken once: the first is kept until the room can act on it (handle). */
function takeSignals() {
  let got: NodeJS.Signals | undefined;
  let handler: ((signal: NodeJS.Signals) => void) | undefined;
  const on = (signal: NodeJS.Signals) => {
    if (got !== undefined) return;
    got = signal;
    handler?.(signal);
  };
  for (const s of SIGNALS) process.on(s, on);
  return {
    /** The signal taken, if one came. */
    get got() {
      return got;
    },
    /** Calls `stop` with the signal taken, now if one came already. */
    handle(stop: (signal: NodeJS.Signals) => void) {
      handler = stop;
      if (got !== undefined) stop(got);
    },
    /**
     * The room is closing: a second Ctrl+C ends the process at once, as before. SIGTERM and SIGHUP
     * stay taken (and pass unheeded) until the room is closed: a closed terminal window sends more
     * than one (the system's to the program in front, the shell's to its jobs), and the second,
     * once let go, ended the process in the middle of closing: no summary, its open marker left.
     */
    closing() {
      process.removeListener('SIGINT', on);
    },
    /** Lets go of the signals. */
    release() {
      for (const s of SIGNALS) process.removeListener(s, on);
    },
  };
}

/** The room file `room --resume` carries on with: the last one saved. */
function latestRoom(store: ReturnType<typeof fileStore>) {
  return store.list(ROOMS).filter((f) => f.key.endsWith('.json')).sort((a, b) => b.modified - a.modified)[0];
}

/**
 * The last room, where it was stopped by a signal the trainer may not have seen the closing words
 * of (SIGTERM, a closed terminal: its `.stopped` marker) or ended without closing (killed, a crash:
 * its `.open` marker names a process that no longer runs here), and could be carried on: its code
 * and title. The markers are removed, so that the trainer is told once.
 */
function stoppedRoom(store: ReturnType<typeof fileStore>, title: (file: string) => string | undefined): { room: string; title: string } | undefined {
  const latest = latestRoom(store);
  if (!latest) return undefined;
  const base = latest.key.slice(0, -'.json'.length);
  const stopped = store.read(`${base}.stopped`) !== undefined;
  const open = store.read(`${base}.open`);
  const [, host] = (open ?? '').trim().split(' ');
  const crashed = open !== undefined && host === hostname() && openHolder(open) === undefined;
  if (!stopped && !crashed) return undefined;
  const peek = peekRoom(store.read(latest.key) ?? '');
  // A session ended for everyone has nothing to carry on (a stopped one is marked only if it has).
  if (!peek.ok || (!stopped && peek.phase === 'ended')) return undefined;
  try {
    if (stopped) store.remove(`${base}.stopped`);
    if (crashed) store.remove(`${base}.open`);
  } catch {
    // A folder that takes no change: the new room cannot be kept there either, and says so.
    return undefined;
  }
  const file = peek.meta.file;
  return { room: peek.room, title: (typeof file === 'string' ? title(file) : undefined) ?? peek.scenarioId };
}

async function runRoom(scenario: string | undefined, askedHost: string | undefined, askedPort: number | undefined, io: CliIO, env: NodeJS.ProcessEnv, signals: ReturnType<typeof takeSignals>): Promise<number> {
  const resume = scenario === undefined;
  const store = fileStore(stateDir(env));
  const { loadPlayable } = await import('../scenario-source.js');
  let ctx: RoomContext;
  let state: RoomState;
  if (resume) {
    const latest = latestRoom(store);
    if (!latest) {
      io.err(`${commandWords(`casa-practice: there is no room to resume. Start one with:\n${command('room <scenario>', env)}`, env)}\n`);
      return 1;
    }
    const text = store.read(latest.key) ?? '';
    const peek = peekRoom(text);
    const file = peek.ok ? peek.meta.file : undefined;
    const playable = typeof file === 'string' ? loadPlayable(file) : undefined;
    const restored = playable && !('problems' in playable) ? restoreRoom(roomContext(playable.scenario), text) : undefined;
    if (!playable || 'problems' in playable || !restored?.ok) {
      const why = !peek.ok ? peek.error : !playable ? 'The saved room does not say which scenario it plays.' : 'problems' in playable ? `Its scenario file now has errors:\n${playable.problems}` : restored && !restored.ok ? restored.error : 'The saved room could not be read.';
      const moved = store.moveAside(latest.key, undefined, restored && !restored.ok && restored.outdated ? 'outdated' : 'damaged');
      // As a save set aside is said (setAsideLines): the sentence naming "the file below", the file's
      // path whole on a line of its own (mid-sentence it was wrapped with the words around it), what
      // to do; then the command that starts a new room.
      io.err(`${setAsideLines(`casa-practice: could not resume the room: ${visibleLine(afterColon(why))}`, 'The room file', moved, 'no room was started', 'the next time a room is resumed')}\n${commandWords(`Start a new room with:\n${command('room <scenario>', env)}`, env)}\n`);
      return 1;
    }
    ctx = roomContext(playable.scenario);
    state = restored.state;
    // Its last save cut off (a crash, a full disk): said, and the file is written whole again below
    // from the save before it (nothing else of the file is lost).
    if (restored.torn) io.err(`${wrapText(`casa-practice: ${afterColon(ROOM_SAVE_CUT_OFF)}`, Math.max(40, textWidth()))}\n`);
    if (state.phase === 'ended' && endingBack(ctx, state) === undefined) {
      // Nothing can happen in a room whose session was ended for everyone (phones cannot vote, no
      // branch can be followed): opening it again would only print a QR code for phones to wait at.
      // One at the ending its story reached opens: the room can still go back to the decision that
      // led there (u, or "Back to decision N" on the presenter page), as before it was closed.
      const summary = join(exportsDir(env), roomSummaryFileName(ctx, state));
      io.err(`${endedRoomWords(state.room, summary, terminalColumns(process.stderr), env)}\n`);
      return 1;
    }
  } else {
    // The last room stopped where the trainer may not have seen how to carry it on (a closed
    // terminal, SIGTERM, a crash): said before a new room takes its place as the one --resume opens.
    const stopped = stoppedRoom(store, (file) => {
      const found = loadPlayable(file);
      return 'problems' in found ? undefined : cleanLine(found.scenario.title);
    });
    if (stopped) {
      io.err(`${commandWords(`casa-practice: your last room, ${stopped.room} (${visibleLine(stopped.title)}), was stopped before it was closed (its terminal window was closed, or the process was ended), and it is kept with its votes and where it was. Carry on with it with:\n${command('room --resume', env)}`, env)}\n${wrapText('To start a new room instead, run this command again.', Math.max(40, textWidth()))}\n`);
      return 1;
    }
    const playable = loadPlayable(scenario);
    if ('problems' in playable) {
      io.err(`${playable.problems}\ncasa-practice: no room opened: fix the errors above first.\n`);
      return 1;
    }
    ctx = roomContext(playable.scenario);
    const code = roomCodeFrom(randomBytes(6));
    state = createRoom(ctx, code, sessionSeed(env), new Date(), { file: playable.file, token: randomBytes(32).toString('base64url') });
  }
  const token = String(state.meta.token ?? '');
  if (!/^[A-Za-z0-9_-]{32,128}$/.test(token)) {
    io.err('casa-practice: the saved room has no valid presenter token; start a new room.\n');
    return 1;
  }
  const key = `${ROOMS}${state.room}.json`;
  // One process per room: a room resumed while it is still open in another window (its port then
  // in use) was started again elsewhere with --port 0, and the two copies wrote over each other's
  // votes and summary. The room's marker names the process that has it open.
  const openKey = `${ROOMS}${state.room}.open`;
  // Written when a signal the trainer may not see the closing words of (SIGTERM, a closed terminal)
  // closes a room that can be carried on: the next start of a room says how (stoppedRoom).
  const stoppedKey = `${ROOMS}${state.room}.stopped`;
  const holder = openHolder(store.read(openKey));
  if (holder !== undefined) {
    io.err(`casa-practice: the room ${state.room} is still open in another window (process ${holder}): carry on there. Two copies of one room would each write over the other's votes. To run it from here instead, close it there first (Ctrl+C), then resume it here.\n`);
    return 1;
  }
  // The address the room listened on, if the file names one (untrusted: anything else is the
  // default): a room opened with --host 127.0.0.1 (this machine only) was resumed listening on every
  // network of the laptop, its join address changed, unless --host was given again.
  const savedHost = state.meta.host;
  const host = askedHost ?? (resume && isHost(savedHost) ? savedHost : '0.0.0.0');
  // The port the room had, if the file names a usable one (the file is untrusted: anything else is a free port).
  const savedPort = state.meta.port;
  let port = askedPort ?? (resume && typeof savedPort === 'number' && Number.isInteger(savedPort) && savedPort > 0 && savedPort < 65536 ? savedPort : 0);
  const roomFile = store.pathOf(key);
  // The room as its file holds it: with the address and port it listens on.
  const withPort = (s: RoomState): RoomState => ({ ...s, meta: { ...s.meta, port, host } });
  // What the room's file holds (roomSave): each save appends what changed to it, and writes it whole
  // (atomically) now and then, or after a save that failed, whose line may have been left cut off.
  let written: RoomWritten | undefined;
  const writeWhole = (s: RoomState) => {
    const save = roomSave(undefined, withPort(s));
    written = undefined;
    store.write(key, save.text);
    written = save.written;
  };
  const persist = async (s: RoomState) => {
    const save = roomSave(written, withPort(s));
    written = undefined;
    // Appended only to the file there (never to one made anew, which would hold that line alone).
    if (save.append) await appendFile(roomFile, save.text, { flag: constants.O_WRONLY | constants.O_APPEND });
    else await writeAtomicAsync(roomFile, save.text);
    written = save.written;
  };
  const summaryPath = join(exportsDir(env), roomSummaryFileName(ctx, state));
  // Where the state folder stops taking writes during the session (made read-only, say), the
  // summary goes where e: export writes then (fallbackExportDir), as a trainer-led session's does,
  // and every later summary of the room to the same file there. It said only "room: could not write
  // the session summary: EROFS: …/exports/….md.22730.….tmp", and the room's votes were in no file.
  let summaryElsewhere: string | undefined;
  const writeSummary = (s: RoomState): { path: string; elsewhere: boolean } => {
    const markdown = roomSummaryMarkdown(ctx, s);
    if (summaryElsewhere === undefined) {
      try {
        writeAtomic(summaryPath, markdown);
        return { path: summaryPath, elsewhere: false };
      } catch {
        summaryElsewhere = join(fallbackExportDir(env), basename(summaryPath));
      }
    }
    writeAtomic(summaryElsewhere, markdown);
    return { path: summaryElsewhere, elsewhere: true };
  };
  // The sentence wrapped to the terminal, the path on rows of its own (it broke mid-word at 60 columns).
  const summaryWords = (written: { path: string; elsewhere: boolean }, before = '') => `${wrapText(`${before}${SUMMARY_ELSEWHERE}`, width())}\n${closedSummaryPath(written.path, terminalColumns(), env)}`;
  // Read at every use: the trainer may resize the window mid-session.
  const width = () => Math.max(40, textWidth());
  // Wrapped like the rest, so a refused message in a 60-column window does not break mid-word.
  const log = (line: string) => io.err(`${wrapText(`room: ${line}`, width(), '  ')}\n`);
  // The room no longer saved: the command that carries on named as every hint names it (the
  // prefix that works where the app was started), whole on rows of its own under the words. It said
  // "room --resume" mid-sentence, and at 60 columns the terminal row broke between "room" and "--resume".
  const unsaved = (reason: string) => io.err(`${wrapText(`room: the room can no longer be saved in the state folder (${reason}): the session goes on. Votes and steps are saved again once the folder can be written. Once the room is closed, this carries on from where it was last saved:`, width(), '  ')}\n${resumeRows(env, width())}\n`);

  // Stopped while it was being opened: nothing is written yet (a resumed room's file as it was).
  if (signals.got !== undefined) {
    io.err(`casa-practice: stopped (${signals.got}) before the room opened: no room was opened${resume ? ', and the last room is as it was' : ''}.\n`);
    return signals.got === 'SIGHUP' ? 129 : 0;
  }
  let server: RoomServer;
  const where: { join?: string; controls?: ReturnType<typeof roomControls> } = {};
  try {
    server = await startRoomServer({
      ctx, state, token, host, port, persist, log, onUnsaved: unsaved,
      // Known once the port is bound (port 0 picks one), so read when asked.
      get joinUrl() {
        return where.join;
      },
      onEnded: (s) => {
        const written = writeSummary(s);
        io.out(`${written.elsewhere ? summaryWords(written) : endedSummaryWords(written.path, terminalColumns(), env)}\n`);
      },
      onChange: (s) => where.controls?.changed(s),
      webDir: join(packageRoot(), 'dist-web'),
      voterFiles: readVoterFiles(packageRoot()),
    });
  } catch (e) {
    io.err(`casa-practice: the room could not start: ${visibleLine(listenFailure(e, host, port, resume))}\n`);
    return 1;
  }
  port = server.port;
  try {
    writeWhole(server.state());
    store.write(openKey, holderText());
    // Opened again: the marker of a stop by a signal has been acted on.
    store.remove(stoppedKey);
  } catch (e) {
    // A state folder that takes no write from the start (a read-only disk, say): a room is kept
    // there from its first moment (room --resume after a crash, and one process per room). It
    // said "unexpected error: EROFS: … mkdir '…/rooms'" and left the server listening, the command
    // never ending. Nothing is open yet: the server is closed, and the reason said in plain words.
    await server.close();
    try {
      store.remove(openKey);
    } catch {
      // not written, or still refused: nothing names this process for long (openHolder)
    }
    io.err(`${wrapWords(`casa-practice: no room was opened: the state folder ${shownStateDir(env)} cannot be written (${errorWords(e)}), and a live room is kept there as it goes, so that it can be carried on after a crash or a restart. Start it again with XDG_STATE_HOME set to a folder you can write.`, width())}\n`);
    return 74;
  }

  const at = roomAddresses(host, port, state.room, token, ctx.scenario.id);
  where.join = at.join;
  io.out(`${resume ? 'Resumed' : 'Live room'}: ${cleanLine(ctx.scenario.title)}\n`);
  // The room code, the address phones join at and its QR code: printed now, and again on j.
  const joinBlock = () => `Room code: ${state.room}\n\nPhones join at:\n  ${at.join}\n${at.others.map((other) => `  (or ${other})\n`).join('')}${renderUnicodeCompact(at.join, { border: 2, ecc: 'M' })}\n\n`;
  io.out(joinBlock());
  // Sentences are wrapped to the terminal (addresses are not, so they can be copied whole).
  const say = (text: string) => io.out(`${wrapText(text, width())}\n`);
  if (at.local) say('This room listens on this machine only: phones cannot reach it. Use --host 0.0.0.0 on a shared network.');
  // The presenter address: printed now, and again on p (the page keeps its secret in its own tab only).
  const presenterBlock = () => `${wrapText('Presenter (this laptop only; the link carries the room\'s secret, do not project it):', width())}\n  ${at.presenter}\n`;
  io.out(presenterBlock());
  say(`Listening on ${host === '0.0.0.0' || host === '::' ? `all interfaces (${host})` : host}, port ${port}. Ctrl+C closes the room and writes the session summary.`);
  if (!readVoterFiles(packageRoot())) say('The voter page is not built: run "npm run build" first.');
  where.controls = roomControls(server, ctx, io, width, process.stdin, joinBlock, presenterBlock);
  io.out(`\n${wrapText(CONTROLS_HELP, width())}\n`);
  where.controls.start(server.state());

  return new Promise<number>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      signals.closing();
      where.controls?.close();
      // Ctrl+C is pressed in front of the closing words; SIGTERM and a hang-up may not be seen.
      try {
        const resumable = server.state().phase !== 'ended' || endingBack(ctx, server.state()) !== undefined;
        if (signal !== 'SIGINT' && resumable) store.write(stoppedKey, `${signal}\n`);
        else store.remove(stoppedKey);
      } catch {
        // a folder that takes no change: the closing words still say how to carry on
      }
      // A state folder made read-only since the room opened refuses this too: the marker is left,
      // naming this process, which a later --resume passes over once it has ended (openHolder). It
      // threw here, in the signal's handler: a Node stack trace, exit 1, and no summary.
      try {
        store.remove(openKey);
      } catch {
        // left as said
      }
      let written: { path: string; elsewhere: boolean } | undefined;
      void server.close().then(() => {
        let refused: string | undefined;
        try {
          writeWhole(server.state());
        } catch (e) {
          refused = errorWords(e);
        }
        let summaryFailed: string | undefined;
        // Closed before the session started (the content note still up, no step taken, no vote):
        // there is nothing to sum up. It wrote a summary saying "The room made no decisions" and
        // "The session ended before the scenario did" for a session that never began. The room's
        // file is kept as always (resumable, with the phones that joined).
        const unstarted = notStarted(server.state());
        try {
          if (!unstarted) written = writeSummary(server.state());
        } catch (e) {
          summaryFailed = `casa-practice: could not write the summary: ${visibleLine(e instanceof Error ? e.message : String(e))}\n`;
        }
        const hint = written || unstarted ? closedHint(server.state(), env, endingBack(ctx, server.state())) : undefined;
        // The last save refused: said once, with the command that carries on from where it was last
        // saved, unless the closing words below name that command already (then they say it resumes
        // from there). It was named twice, under the refusal and again under "Resume it with:".
        if (refused !== undefined) {
          const named = hint?.includes(command('room --resume', env)) === true;
          io.err(named
            ? `${wrapText(`casa-practice: the room could not be saved in the state folder (${refused}): resumed, it carries on from where it was last saved.`, width())}\n`
            : `${wrapText(`casa-practice: the room could not be saved in the state folder (${refused}). This carries on from where it was last saved:`, width())}\n${resumeRows(env, width())}\n`);
        }
        if (summaryFailed !== undefined) io.err(summaryFailed);
        if (unstarted) io.out(`\n${wrapText(NOT_STARTED_CLOSED, width())}\n${commandWords(hint ?? '', env)}\n`);
        else if (written) io.out(`\n${written.elsewhere ? summaryWords(written, 'Room closed. ') : `Room closed. Session summary written to:\n${closedSummaryPath(written.path, terminalColumns(), env)}`}\n${commandWords(hint ?? '', env)}\n`);
        resolve(signal === 'SIGINT' || signal === 'SIGTERM' ? 0 : 129);
      });
    };
    signals.handle(stop);
  });
}

/**
 * Words that end with a command, printed to the terminal's width: the command whole on lines of
 * its own, broken only between its words with line continuations where it is longer (wrapWords).
 * Quoted mid-sentence ('start one with "<command> room <scenario>".'), the terminal broke it
 * anywhere, and pasted it ran with the quotes and the full stop.
 */
function commandWords(text: string, env: NodeJS.ProcessEnv, columns = textWidth()): string {
  return wrapWords(text, Math.max(40, Math.min(columns, 100)), `${commandName(env)} `);
}

/**
 * `room --resume` as the app was started (command), indented under a notice's words and broken only
 * between its words with line continuations where it is longer than the row (commandLines).
 */
export function resumeRows(env: NodeJS.ProcessEnv, columns: number): string {
  return commandLines(command('room --resume', env), Math.max(10, columns - 2), '  ', commandName(env)).map((line) => `  ${line}`).join('\n');
}

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** The terminal's width where `stream` (stdout unless said) is one; undefined into a pipe or a file (read at each use: the window may be resized). */
function terminalColumns(stream: NodeJS.WriteStream = process.stdout): number | undefined {
  return stream.isTTY && stream.columns > 0 ? stream.columns : undefined;
}

/**
 * What `room --resume` says of a last room whose session has ended, its summary named. In a terminal
 * (`columns`) the summary's path is on rows of its own, within the state folder where the whole is
 * longer than the row (leavingPath): mid-sentence, at 60 columns the terminal broke it mid-name, and
 * the full stop after it was copied with it. Into a pipe or a file, the same rows, none wrapped: the
 * path whole on its own line, no full stop after it. (Piped, the sentence was wrapped at 80 columns,
 * "carry" / "on.", with the path mid-sentence and its full stop after it: copied, the path took the dot.)
 */
export function endedRoomWords(room: string, summary: string, columns: number | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const start = `Start a new room with:\n${command('room <scenario>', env)}`;
  if (columns === undefined) return `casa-practice: the last room (${room}) has ended, so there is nothing to carry on. Its session summary is:\n${visibleLine(summary)}\n${start}`;
  return `${commandWords(`casa-practice: the last room (${room}) has ended, so there is nothing to carry on. Its session summary is:`, env, columns)}\n${leavingPath(summary, columns, env)}\n${commandWords(start, env, columns)}`;
}

/**
 * What the room prints as its session ends (e, or the ending the story reached): "Summary written to
 * <path>" on one row where it fits the terminal's `columns`; where it does not, the path on rows of
 * its own, named within the state folder where the whole is longer than the row (leavingPath), as
 * the trainer-led screens name it: at 60 columns the terminal broke the whole path mid-name. Into a
 * pipe or a file (`columns` undefined) the line is as it was, whole, for scripts that read it.
 */
export function endedSummaryWords(path: string, columns: number | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (columns === undefined) return `Summary written to ${path}`;
  const line = `Summary written to ${shownFileName(path)}`;
  return [...line].length <= columns ? line : `Summary written to:\n${leavingPath(path, columns, env)}`;
}

/**
 * The summary's path under "Room closed. Session summary written to:" (Ctrl+C): whole where it fits
 * the terminal's `columns`, else within the state folder (leavingPath; at 60 columns
 * "…/youth-discloses-se" / "ssion-…" was broken mid-word); whole into a pipe or a file.
 */
export function closedSummaryPath(path: string, columns: number | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return columns === undefined ? visibleLine(path) : leavingPath(path, columns, env);
}

/**
 * The decision a room at the ending its story reached can still go back to (u in the terminal,
 * "Back to decision N" on the presenter page); undefined for a session ended for everyone (e) or
 * one not at an ending.
 */
export function endingBack(ctx: RoomContext, state: RoomState): number | undefined {
  if (state.phase !== 'ended') return undefined;
  const view = roomSessionView(ctx, state);
  return view.done ? backToDecision(view, state.history.length) : undefined;
}

/**
 * What the trainer can do next once the room is closed: carry on with it, or (its session ended)
 * start a new one; the command on a line of its own (lay it out with commandWords). `back`: the
 * decision a room at its story's ending can go back to (endingBack), once resumed.
 */
export function closedHint(state: RoomState, env: NodeJS.ProcessEnv, back?: number): string {
  return state.phase !== 'ended'
    ? `Resume it with:\n${command('room --resume', env)}`
    : back === undefined
      ? `The session has ended. Start a new room with:\n${command('room <scenario>', env)}`
      : `The scenario has reached its ending. To go back to decision ${back}, resume the room with:\n${command('room --resume', env)}\nTo start a new room:\n${command('room <scenario>', env)}`;
}

let temps = 0;
/** Writes a file atomically without blocking the room: a temp file, then a rename over the old one. */
export async function writeAtomicAsync(path: string, content: string): Promise<void> {
  const temp = `${path}.${process.pid}.${++temps}.tmp`;
  try {
    // 'wx': a new file only, so a link someone placed at the (predictable) temp name is never written through.
    await writeFile(temp, content, { mode: 0o600, flag: 'wx' });
    await rename(temp, path);
  } catch (e) {
    // Only a temp file this call made is removed (not whatever was in the way of it).
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') await rm(temp, { force: true });
    throw e;
  }
}
