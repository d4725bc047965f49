import { connect } from 'node:net';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRoom, readRoomLog, reduceRoom, roomContext, roomSessionView, roomSummaryFileName, serializeRoom, OUTDATED_KEEP, SET_ASIDE_KEEP, validateScenario, type PresenterView, type RoomState, type Scenario, type ServerError } from '../../src/machines/index.js';
import { BIN, ROOT, runInProcess } from './helpers/cli.js';
import { closedHint, roomCommand } from '../../src/terminal/room/command.js';
import { deviceId, Phone, Presenter } from './helpers/room.js';
import { spawnRoom, started } from './helpers/room-process.js';

/** Where the room says phones join and where the presenter page is. */
async function addresses(room: ReturnType<typeof spawnRoom>) {
  const join = await room.waitFor(/http:\/\/127\.0\.0\.1:(\d+)\/join\?room=([A-Z0-9]{6})/);
  const presenter = await room.waitFor(/:\d+\/\?room=([A-Z0-9]{6})&token=([A-Za-z0-9_-]+)#\/presenter\/[a-z0-9-]+/);
  await room.waitFor(/Listening on 127\.0\.0\.1/);
  return { port: Number(join[1]), code: join[2] as string, token: presenter[2] as string, base: `ws://127.0.0.1:${join[1]}` };
}

function must(x: PresenterView | ServerError): PresenterView {
  if ('type' in x && x.type === 'error') throw new Error(`refused: ${x.code}`);
  return x as PresenterView;
}

describe('room command as a process', () => {
  // The two rooms run as processes at the same time (each on a port of its own).
  it.concurrent('SIGKILL mid-vote, then room --resume: same code, port, votes and position; no vote lost; SIGTERM writes the summary', async ({ expect, onTestFinished }) => {
    const env = { XDG_STATE_HOME: mkdtempSync(join(tmpdir(), 'casa-room-')), CASA_PRACTICE_SEED: '4' };
    const first = started(spawnRoom(['red-flags', '--host', '127.0.0.1', '--port', '0'], env), onTestFinished);
    const at = await addresses(first);
    let presenter = await Presenter.connect(at.base, at.code, at.token);
    must(await presenter.act({ type: 'advance', node: presenter.view.session.nodeId }));
    const decision = presenter.view.session;
    const opened = must(await presenter.act({ type: 'open', node: decision.nodeId }));
    const phones = await Promise.all(Array.from({ length: 12 }, (_, i) => Phone.join(at.base, at.code, deviceId(i))));
    const replies = decision.replies.map((r) => r.id);
    // A phone names a reply by its shown number.
    const num = (id: string | undefined) => decision.replies.find((r) => r.id === id)!.number;
    const votes = new Map<string, string>();
    await Promise.all(phones.map(async (p, i) => {
      const reply = replies[i % replies.length] as string;
      // Acknowledged means written: the server stores a change before it tells anyone.
      expect(await p.vote(num(reply))).toMatchObject({ vote: num(reply) });
      votes.set(p.device, reply);
    }));
    // Resumed while it is still open in another window: refused, naming that window, rather than
    // told to take another port (two copies wrote over each other's votes and summary).
    const copy = spawnRoom(['--resume', '--host', '127.0.0.1', '--port', '0'], env);
    expect(await copy.exited).toBe(1);
    expect(copy.errors().replace(/\s+/g, ' ')).toContain(`the room ${at.code} is still open in another window (process ${first.child.pid}): carry on there.`);
    expect(copy.output()).toBe('');
    // Killed, it leaves its marker behind: a process that no longer runs holds nothing.
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe(null);
    await Promise.all(phones.map((p) => p.closed));

    const second = started(spawnRoom(['--resume', '--host', '127.0.0.1'], env), onTestFinished);
    const again = await addresses(second);
    expect(second.output()).toContain('Resumed');
    expect(again).toEqual(at);
    // Phones come back with their device ids and find their votes; the presenter carries on its count.
    for (const p of phones) {
      const welcome = await p.connect();
      expect(welcome.view).toMatchObject({ phase: 'open', round: opened.round, vote: num(votes.get(p.device)) });
    }
    presenter = await Presenter.connect(again.base, again.code, again.token);
    expect(presenter.seq).toBe(2);
    expect(presenter.view.count).toMatchObject({ joined: 12, voted: 12, connected: 12 });
    // A phone changes its vote after the restart: its seq carries on from the room's.
    const changed = replies[1] as string;
    expect(await phones[0]!.vote(num(changed))).toMatchObject({ vote: num(changed) });
    votes.set(phones[0]!.device, changed);
    const revealed = must(await presenter.act({ type: 'reveal', round: opened.round }));
    const counts: Record<string, number> = {};
    for (const v of votes.values()) counts[v] = (counts[v] ?? 0) + 1;
    expect(Object.fromEntries(revealed.reveal!.entries.filter((e) => e.votes > 0).map((e) => [e.replyId, e.votes]))).toEqual(counts);
    const chosen = replies[0] as string;
    must(await presenter.act({ type: 'choose', round: opened.round, reply: chosen }));

    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    const summaryPath = /Session summary written to:\n(\S+\.md)\n/.exec(second.output())?.[1];
    expect(summaryPath && existsSync(summaryPath)).toBe(true);
    const summary = readFileSync(summaryPath as string, 'utf8');
    expect(summary).toContain('## Decision 1: ');
    expect(summary).toContain(`of 12 votes`);
    const record = decision.replies.map((r) => `| ${r.number} | `);
    for (const line of record) expect(summary).toContain(line);
    expect(summary).not.toContain(deviceId(0));
    expect(summary).not.toContain(at.token);
  });

  it.concurrent('the trainer can run the room from the terminal: next, open, lock, reveal, follow, end', async ({ expect, onTestFinished }) => {
    const env = { XDG_STATE_HOME: mkdtempSync(join(tmpdir(), 'casa-room-')), CASA_PRACTICE_SEED: '4' };
    const room = started(spawnRoom(['red-flags', '--host', '127.0.0.1'], env, 'pipe'), onTestFinished);
    const at = await addresses(room);
    const type = (line: string) => room.child.stdin!.write(`${line}\n`);
    await room.waitFor(/Scene: [\s\S]*?\(n: next[^)]*\)/);
    type('o');
    await room.waitFor(/A vote opens only at a decision/);
    type('n');
    await room.waitFor(/Decision 1 of about \d+: [\s\S]*?\(o: open the vote[^)]*\)/);
    type('o');
    const first = await room.waitFor(/Vote open \(round 1\)[\s\S]*? {2}1\. (Do: )?([^\n]+)/);
    const phones = await Promise.all([1, 2, 3].map((i) => Phone.join(at.base, at.code, deviceId(i))));
    const replies = phones[0]!.view!.decision!.replies;
    const one = replies.find((r) => r.number === 1)!.number;
    for (const p of phones) expect(await p.vote(one)).toMatchObject({ vote: one });
    type('s');
    await room.waitFor(/3 phones connected, 3 joined; 3 voted in round 1/);
    // j: how phones join again, for a latecomer (printed once at the start, it scrolled away): the
    // room code, the address and the same QR code; the vote stays open.
    const before = room.output().length;
    type('j');
    const again = (await room.waitFor(new RegExp(`(?<=[\\s\\S]{${before}})Room code: ${at.code}\\n\\nPhones join at:\\n {2}\\S+\\n([\\s\\S]*?)\\n\\n`)))[1]!;
    const qr = /Phones join at:\n {2}\S+\n([\s\S]*?)\n\n/.exec(room.output())![1]!;
    expect(again).toBe(qr);
    expect(again.split('\n').length).toBeGreaterThan(10);
    expect(phones[0]!.view!.phase).toBe('open');
    // p: the presenter address again (the page keeps the secret only in the tab it was opened in).
    const beforeP = room.output().length;
    type('p');
    const presenter = (await room.waitFor(new RegExp(`(?<=[\\s\\S]{${beforeP}})\\n {2}(\\S*token=\\S+)\\n`)))[1]!;
    expect(presenter).toContain(`token=${at.token}`);
    expect(phones[0]!.view!.phase).toBe('open');
    // A refused message is logged, wrapped to the terminal's width like everything else.
    phones[0]!.send('[]');
    await room.waitFor(/received array/, 'err');
    expect(room.errors().split('\n').filter((l) => [...l].length > 80)).toEqual([]);
    type('l');
    await room.waitFor(/Vote locked/);
    type('r');
    await room.waitFor(/Votes: 3 \(100%\)/);
    await Promise.all(phones.map((p) => p.until((v) => v.phase === 'revealed' && v.feedback !== undefined)));
    type('1');
    await room.waitFor(/room follows[^\n]*\n\n(Scene|Decision 2)/);
    type('e');
    await room.waitFor(/Type e again to end it/);
    type('e');
    await room.waitFor(/The session has ended/);
    await Promise.all(phones.map((p) => p.until((v) => v.phase === 'ended')));
    room.child.kill('SIGTERM');
    expect(await room.exited).toBe(0);
    const summary = readFileSync(/Session summary written to:\n(\S+\.md)\n/.exec(room.output())![1]!, 'utf8');
    // An action is "Do: …" in the summary, as in the terminal's list of replies.
    expect(summary).toContain(`Branch taken: 1. ${first[1] ? 'Do: ' : ''}${first[2]!.trim().slice(0, 20)}`);
    expect(summary).toMatch(/The room's most-voted reply was best practice at [01] of 1 decision with votes \((0|100)%\); [03] of 3 votes \((0|100)%\) went to best-practice replies\./);
    expect(summary).not.toContain('Over the session');
    expect(summary).toMatch(/\| 1 \| [^|]+ \| [^|]+ \| 3 \(100%\) \|/);
    // Its words fit the terminal (80 columns through a pipe); only addresses and paths may not.
    const long = room.output().split('\n').filter((l) => [...l].length > 80 && !l.includes('/'));
    expect(long).toEqual([]);
    // The session ended before the room closed: the hint is to start a new room (not to resume one
    // that has nothing left to do), with the command as it was run here.
    const here = `node ${BIN[1]!.startsWith(ROOT) ? BIN[1]!.slice(ROOT.length + 1) : BIN[1]}`;
    expect(room.output().replace(/ \\\n +/g, ' ').replace(/\s+/g, ' ')).toContain(`The session has ended. Start a new room with: ${here} room <scenario>`);
    // (The end question before it names "room --resume" to say it will not open this session.)
    expect(room.output().split('Room closed.')[1]).not.toContain('--resume');
  });

  it('room --resume with nothing saved, or with a damaged room file, says so (exit 1) and moves the file aside, naming where with any escape in the state folder written out', async () => {
    // An escape sequence in the state folder's name (XDG_STATE_HOME) is shown written out, not
    // removed: removed, the message would name another folder.
    const env = { XDG_STATE_HOME: mkdtempSync(join(tmpdir(), 'casa-room-\x1b]0;x\x07-')) };
    const io = () => {
      const got = { out: '', err: '' };
      return { got, io: { out: (t: string) => (got.out += t), err: (t: string) => (got.err += t) } };
    };
    const none = io();
    expect(await roomCommand(['--resume', '--host', '127.0.0.1'], none.io, env)).toBe(1);
    expect(none.got.err).toContain('no room to resume');
    const rooms = join(env.XDG_STATE_HOME, 'casa-practice', 'rooms');
    const file = join(ROOT, 'scenarios', 'red-flags.json');
    const scenario = validateScenario(readFileSync(file), file).scenario as Scenario;
    const state = createRoom(roomContext(scenario), 'DMG234', 1, new Date(), { file, token: 'k'.repeat(43) });
    mkdirSync(rooms, { recursive: true });
    writeFileSync(join(rooms, 'DMG234.json'), serializeRoom({ ...state, votes: { [deviceId(1)]: 'r-nails-skip' } }));
    const damaged = io();
    expect(await roomCommand(['--resume', '--host', '127.0.0.1'], damaged.io, env)).toBe(1);
    // The sentence naming "the file below", the path whole on a line of its own (mid-sentence it was
    // wrapped with the words around it), what to do, then the command that starts a new room.
    const lines = damaged.got.err.split('\n');
    expect(lines[0]).toMatch(/^casa-practice: could not resume the room: the saved room is damaged .* The room file was moved to the file below \(nothing was deleted\); no room was started\.$/);
    expect(lines[1]).toMatch(/^"[^"]*casa-room-\\u001b\]0;x\\u0007-[^"]*DMG234\.json\.damaged-[^"]*"$/);
    expect(lines[2]).toBe(SET_ASIDE_KEEP);
    expect(lines.slice(3).join(' ').replace(/\s+/g, ' ')).toBe('Start a new room with: casa-practice room <scenario> ');
    expect(damaged.got.err).not.toContain('\x1b');
    expect(damaged.got.err).not.toContain('\x07');
    expect(readdirSync(rooms).some((f) => f.startsWith('DMG234.json') && f !== 'DMG234.json')).toBe(true);
  });

  it('room --resume of a room saved with an older version of its scenario says so (exit 1) and keeps the file as outdated, not damaged', async () => {
    const env = { XDG_STATE_HOME: mkdtempSync(join(tmpdir(), 'casa-room-')) };
    const rooms = join(env.XDG_STATE_HOME, 'casa-practice', 'rooms');
    const file = join(ROOT, 'scenarios', 'red-flags.json');
    const scenario = validateScenario(readFileSync(file), file).scenario as Scenario;
    const state = createRoom(roomContext(scenario), 'VER234', 1, new Date(), { file, token: 'k'.repeat(43) });
    const text = serializeRoom({ ...state, session: { ...state.session, scenarioVersion: scenario.version - 1 } });
    mkdirSync(rooms, { recursive: true });
    writeFileSync(join(rooms, 'VER234.json'), text);
    const got = { out: '', err: '' };
    expect(await roomCommand(['--resume', '--host', '127.0.0.1'], { out: (t) => (got.out += t), err: (t) => (got.err += t) }, env)).toBe(1);
    expect(got.err).toContain(`could not resume the room: this save was made with an older version of the scenario "${scenario.id}" (version ${scenario.version - 1}; it is now version ${scenario.version})`);
    expect(got.err).not.toContain('damaged');
    const aside = readdirSync(rooms).filter((f) => f !== 'VER234.json');
    expect(aside).toEqual([expect.stringMatching(/^VER234\.json\.outdated-/)]);
    expect(got.err.split('\n').slice(0, 3)).toEqual([expect.stringMatching(/moved to the file below \(nothing was deleted\); no room was started\.$/), join(rooms, aside[0] as string), OUTDATED_KEEP]);
    expect(readFileSync(join(rooms, aside[0] as string), 'utf8')).toBe(text);
  });

  it('room --resume of a room whose session has ended says so and names its summary (exit 1), rather than opening a room nobody can vote in; the words at Ctrl+C say to start a new room, not to resume', async () => {
    const env = { XDG_STATE_HOME: mkdtempSync(join(tmpdir(), 'casa-room-')) };
    const rooms = join(env.XDG_STATE_HOME, 'casa-practice', 'rooms');
    const file = join(ROOT, 'scenarios', 'red-flags.json');
    const ctx = roomContext(validateScenario(readFileSync(file), file).scenario as Scenario);
    const state = createRoom(ctx, 'END234', 1, new Date('2026-12-01T10:00:00Z'), { file, token: 'k'.repeat(43) });
    const ended = reduceRoom(ctx, state, { from: 'presenter', message: { type: 'end', room: 'END234', token: 'k'.repeat(43), seq: 1 } });
    if (!ended.ok) throw new Error(ended.message);
    mkdirSync(rooms, { recursive: true });
    writeFileSync(join(rooms, 'END234.json'), serializeRoom(ended.state));
    const got = { out: '', err: '' };
    // Without the check the room would start (and run until a signal): that counts as a failure at once.
    let opened: () => void = () => undefined;
    const started = new Promise<'started'>((resolve) => (opened = () => resolve('started')));
    const io = { out: (t: string) => ((got.out += t), /Resumed:/.test(got.out) && opened()), err: (t: string) => (got.err += t) };
    expect(await Promise.race([roomCommand(['--resume', '--host', '127.0.0.1'], io, env), started])).toBe(1);
    expect(got.out).toBe('');
    expect(got.err.replace(/ \\\n +/g, ' ').replace(/\s+/g, ' ')).toBe(`casa-practice: the last room (END234) has ended, so there is nothing to carry on. Its session summary is: ${join(env.XDG_STATE_HOME, 'casa-practice', 'exports', roomSummaryFileName(ctx, state))} Start a new room with: casa-practice room <scenario> `);
    // The room file stays as it was (it is not damaged).
    expect(readFileSync(join(rooms, 'END234.json'), 'utf8')).toBe(serializeRoom(ended.state));
    expect(closedHint(ended.state, {})).toBe('The session has ended. Start a new room with:\ncasa-practice room <scenario>');
    expect(closedHint(state, {})).toBe('Resume it with:\ncasa-practice room --resume');
  });

  // Found walking a live room: a room closed at the ending its story reached (the presenter page and
  // u offer "Back to decision N" there) could not be resumed, so a last branch followed by mistake
  // could no longer be taken back once the room was closed, and the words at Ctrl+C said to start again.
  it('room --resume of a room at the ending its story reached opens it, and u goes back to the decision that led there; the words at Ctrl+C say so', async ({ onTestFinished }) => {
    const env = { XDG_STATE_HOME: mkdtempSync(join(tmpdir(), 'casa-room-')) };
    const rooms = join(env.XDG_STATE_HOME, 'casa-practice', 'rooms');
    const file = join(ROOT, 'scenarios', 'red-flags.json');
    const ctx = roomContext(validateScenario(readFileSync(file), file).scenario as Scenario);
    let state = createRoom(ctx, 'FAR234', 1, new Date('2026-12-01T10:00:00Z'), { file, token: 'k'.repeat(43) });
    const present = (message: object) => {
      const result = reduceRoom(ctx, state, { from: 'presenter', message: { ...message, room: 'FAR234', token: 'k'.repeat(43), seq: state.presenterSeq + 1 } as never });
      if (!result.ok) throw new Error(result.message);
      state = result.state;
    };
    while (state.phase !== 'ended') {
      const view = roomSessionView(ctx, state);
      if (view.kind !== 'decision') present({ type: 'advance', node: view.nodeId });
      else {
        present({ type: 'open', node: view.nodeId });
        present({ type: 'reveal', round: state.round });
        present({ type: 'choose', round: state.round, reply: view.replies[0]!.id });
      }
    }
    const decisions = state.history.length;
    expect(closedHint(state, {}, decisions)).toBe(`The scenario has reached its ending. To go back to decision ${decisions}, resume the room with:\ncasa-practice room --resume\nTo start a new room:\ncasa-practice room <scenario>`);
    mkdirSync(rooms, { recursive: true });
    writeFileSync(join(rooms, 'FAR234.json'), serializeRoom(state));
    const room = started(spawnRoom(['--resume', '--host', '127.0.0.1'], env, 'pipe'), onTestFinished);
    await room.waitFor(new RegExp(`Resumed:[\\s\\S]*Back to\\s+decision\\s+${decisions}:[\\s\\S]*Type\\s+u\\s+to\\s+go\\s+back\\.`));
    room.child.stdin!.write('u\n');
    await room.waitFor(/Type the number of the reply the room follows/);
    room.child.kill('SIGTERM');
    expect(await room.exited).toBe(0);
    expect(room.output().split('Room closed.')[1]).toContain('Resume it with:');
  });

  it('room --resume listens where the room listened: one opened with --host 127.0.0.1 stays on this machine only, at the same addresses', async ({ onTestFinished }) => {
    const env = { XDG_STATE_HOME: mkdtempSync(join(tmpdir(), 'casa-room-')) };
    const first = started(spawnRoom(['red-flags', '--host', '127.0.0.1', '--port', '0'], env), onTestFinished);
    const opened = await addresses(first);
    // A phone joins: a round trip, so the room has taken its signals (Ctrl+C closes it) by then.
    await (await Phone.join(opened.base, opened.code, deviceId(1))).drop();
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    // No --host this time: it listened on every network of the laptop (0.0.0.0), its join address the laptop's LAN address.
    const again = started(spawnRoom(['--resume'], env), onTestFinished);
    const listening = await again.waitFor(/Listening on (.*), port (\d+)\./);
    expect([listening[1], Number(listening[2])]).toEqual(['127.0.0.1', opened.port]);
    expect(again.output()).toContain(`http://127.0.0.1:${opened.port}/join?room=${opened.code}`);
    expect(again.output()).toContain('This room listens on this machine only');
    await (await Phone.join(`ws://127.0.0.1:${opened.port}`, opened.code, deviceId(1))).drop();
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
    // The room's file names the address it listens on, as it names its port.
    const read = readRoomLog(readFileSync(join(env.XDG_STATE_HOME, 'casa-practice', 'rooms', `${opened.code}.json`), 'utf8'));
    expect(read.ok && (read.room as RoomState).meta).toMatchObject({ host: '127.0.0.1', port: opened.port });
    // Asked for, another address is taken (the flag over the file).
    const third = started(spawnRoom(['--resume', '--host', 'localhost'], env), onTestFinished);
    expect((await third.waitFor(/Listening on (.*), port/))[1]).toBe('localhost');
  });

  it('room --resume with a port in the room file that no socket can use (the file is untrusted) listens on a free port instead', async ({ onTestFinished }) => {
    const env = { XDG_STATE_HOME: mkdtempSync(join(tmpdir(), 'casa-room-')) };
    const rooms = join(env.XDG_STATE_HOME, 'casa-practice', 'rooms');
    const file = join(ROOT, 'scenarios', 'red-flags.json');
    const scenario = validateScenario(readFileSync(file), file).scenario as Scenario;
    const state = createRoom(roomContext(scenario), 'PRT234', 1, new Date(), { file, token: 'k'.repeat(43) });
    mkdirSync(rooms, { recursive: true });
    writeFileSync(join(rooms, 'PRT234.json'), serializeRoom({ ...state, meta: { ...state.meta, port: 1e308 } }));
    const room = started(spawnRoom(['--resume', '--host', '127.0.0.1'], env), onTestFinished);
    const { port, code } = await addresses(room);
    expect(code).toBe('PRT234');
    expect(port).toBeGreaterThan(0);
    expect(room.errors()).not.toMatch(/could not start|options\.port/);
  });

  it('keeps running when a client resets its connection once its WebSocket request is refused', async ({ onTestFinished }) => {
    // Node takes its error handler off a socket it hands over for an upgrade: a refused one had none,
    // so a reset after the refusal ("read ECONNRESET") ended the process with a stack trace, the room
    // and every phone with it, and no summary written. Any device that reaches the room could send it.
    const env = { XDG_STATE_HOME: mkdtempSync(join(tmpdir(), 'casa-room-')) };
    const room = started(spawnRoom(['red-flags', '--host', '127.0.0.1', '--port', '0'], env), onTestFinished);
    const { port, code, base, token } = await addresses(room);
    const refusedThenReset = (path: string, headers: string) => new Promise<string>((resolve, reject) => {
      const s = connect(port, '127.0.0.1', () => {
        s.write(`GET ${path} HTTP/1.1\r\n${headers}Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`);
      });
      s.once('data', (d) => {
        s.resetAndDestroy();
        resolve(String(d).split('\r\n')[0] ?? '');
      });
      s.once('error', reject);
    });
    const here = `Host: 127.0.0.1:${port}\r\n`;
    // No such endpoint; another site's name (DNS rebinding); a page from another site.
    expect(await refusedThenReset('/nope', here)).toMatch(/ 404 /);
    expect(await refusedThenReset('/ws/voter', 'Host: evil.example\r\n')).toMatch(/ 403 /);
    expect(await refusedThenReset('/ws/voter', `${here}Origin: http://evil.example\r\n`)).toMatch(/ 403 /);
    await room.waitFor(/refused a WebSocket from another site/, 'err');
    // Still running: the presenter and a phone connect, and the room moves on.
    const presenter = await Presenter.connect(base, code, token);
    const phone = await Phone.join(base, code, deviceId(1));
    must(await presenter.act({ type: 'advance', node: presenter.view.session.nodeId }));
    must(await presenter.act({ type: 'open', node: presenter.view.session.nodeId }));
    await phone.until((v) => v.phase === 'open', 'the vote open on the phone');
    expect(await phone.vote(presenter.view.session.replies[0]!.number)).toMatchObject({ phase: 'open' });
    expect(room.child.exitCode).toBe(null);
    expect(room.errors()).not.toMatch(/ECONNRESET|node:events/);
  });

  // author-46: the report of a file with errors ended on its count, and nothing said no room was opened.
  it('a scenario file with errors: its problems, then that no room was opened (exit 1)', async () => {
    const run = await runInProcess('room', join(ROOT, 'test', 'terminal', 'fixtures', 'bad', 'broken.json'), '--host', '127.0.0.1');
    expect(run.code).toBe(1);
    expect(run.err).toContain('error [unknown-node]');
    expect(run.err.trimEnd().split('\n').at(-1)).toBe('casa-practice: no room opened: fix the errors above first.');
  });

  it('refuses bad options with a usage error (exit 2)', async () => {
    for (const args of [['red-flags', '--port', '70000'], ['--resume', 'red-flags'], [], ['red-flags', '--host', 'a b'], ['red-flags', '--bogus']]) {
      const run = await runInProcess('room', ...args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.err).toMatch(/casa-practice: .*\nFor usage, run:\n(npx )?casa-practice room --help\n/);
    }
  });
});
