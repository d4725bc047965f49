import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createRoom, PAGE_ID, PRESENTER_PROTOCOL, roomContext, roomSessionView, validateScenario, type PresenterCommand, type RoomState, type Scenario } from '../../src/machines/index.js';
import { startRoomServer, type RoomServer } from '../../src/terminal/room/server.js';
import { packageRoot } from '../../src/terminal/paths.js';
import { connectRoom, roomLinkFrom, type RoomClient, type RoomSnapshot, type SocketLike } from '../../src/web/room-client.js';
import { loadValidFixture } from '../helpers/fixtures.js';
import { deviceId, Phone } from '../terminal/helpers/room.js';

const scenario = validateScenario(readFileSync(join(packageRoot(), 'scenarios/red-flags.json')), 'red-flags.json').scenario as Scenario;
const ROOM = 'CXNT23';
const TOKEN = 'c'.repeat(43);
const ctx = roomContext(scenario);
const servers: RoomServer[] = [];
const clients: RoomClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(state: RoomState, port = 0): Promise<RoomServer> {
  const server = await startRoomServer({ ctx, state, token: TOKEN, host: '127.0.0.1', port, persist: () => undefined, log: () => undefined, joinUrl: `http://192.0.2.1:9/join?room=${ROOM}` });
  servers.push(server);
  return server;
}

function until(client: RoomClient, pred: (s: RoomSnapshot) => boolean): Promise<RoomSnapshot> {
  return new Promise((resolve, reject) => {
    const guard = setTimeout(() => reject(new Error(`timed out; last snapshot ${JSON.stringify(client.getSnapshot()).slice(0, 300)}`)), 15_000);
    const check = () => {
      const s = client.getSnapshot();
      if (!pred(s)) return;
      clearTimeout(guard);
      off();
      resolve(s);
    };
    const off = client.subscribe(check);
    check();
  });
}

describe('presenter room client', () => {
  it('reads the room link from the address fragment, refusing anything else', () => {
    expect(roomLinkFrom(`?room=${ROOM}&token=${TOKEN}`)).toEqual({ room: ROOM, token: TOKEN });
    expect(roomLinkFrom(`#room=${ROOM}&token=${TOKEN}`)).toEqual({ room: ROOM, token: TOKEN });
    expect(roomLinkFrom(`#room=${ROOM}`)).toBeUndefined();
    expect(roomLinkFrom(`#room=abc&token=${TOKEN}`)).toBeUndefined();
    expect(roomLinkFrom(`#room=${ROOM}&token=<script>`)).toBeUndefined();
    expect(roomLinkFrom('')).toBeUndefined();
  });

  it('takes the room on a break and back: the view says so (the room refuses other steps meanwhile), a reconnection keeps it, and the phones wait with it', async () => {
    const server = await serve(createRoom(ctx, ROOM, 5, new Date()));
    const origin = `ws://127.0.0.1:${server.port}`;
    const client = connectRoom({ link: { room: ROOM, token: TOKEN }, origin, open: (url) => new WebSocket(url) as unknown as SocketLike, backoff: { first: 20, max: 100 } });
    clients.push(client);
    const ready = await until(client, (s) => s.status === 'open');
    const phone = await Phone.join(origin, ROOM, deviceId(1));
    expect(client.send({ type: 'break', on: true })).toBe(true);
    await until(client, (s) => s.view?.onBreak === true);
    await phone.until((v) => v.phase === 'break', 'the break');
    client.send({ type: 'advance', node: ready.view!.session.nodeId });
    expect((await until(client, (s) => s.error !== undefined)).error?.code).toBe('on-break');
    // The room restarts during the break: the client's welcome says it is still on.
    const kept = server.state();
    await server.close();
    servers.splice(servers.indexOf(server), 1);
    await until(client, (s) => s.status === 'reconnecting');
    await serve(kept, server.port);
    expect((await until(client, (s) => s.status === 'open')).view).toMatchObject({ onBreak: true, breakNumber: 1 });
    client.send({ type: 'break', on: false, break: 1 });
    const back = (await until(client, (s) => s.view !== undefined && s.view.onBreak === undefined)).view;
    expect(back?.phase).toBe('idle');
    // The room names this page as the one that ended it: the id its hello named, the same after the reconnection.
    expect(client.page).toMatch(PAGE_ID);
    expect(back).toMatchObject({ breakEndedBy: 'page', breakEndedPage: client.page });
  });

  it('drives a room: hello, commands with seq, live counts, refusals, and a reconnect after the server restarts', async () => {
    const server = await serve(createRoom(ctx, ROOM, 5, new Date()));
    const origin = `ws://127.0.0.1:${server.port}`;
    const client = connectRoom({ link: { room: ROOM, token: TOKEN }, origin, open: (url) => new WebSocket(url) as unknown as SocketLike, backoff: { first: 20, max: 100 } });
    clients.push(client);
    const ready = await until(client, (s) => s.status === 'open');
    expect(ready.join).toBe(`http://192.0.2.1:9/join?room=${ROOM}`);
    expect(ready.view?.phase).toBe('idle');
    expect(client.send({ type: 'advance', node: ready.view!.session.nodeId })).toBe(true);
    const atDecision = await until(client, (s) => s.view?.session.kind === 'decision');
    client.send({ type: 'open', node: atDecision.view!.session.nodeId });
    const opened = await until(client, (s) => s.view?.phase === 'open');
    const phone = await Phone.join(origin, ROOM, deviceId(1));
    await phone.vote(opened.view!.session.replies[0]!.number);
    expect((await until(client, (s) => s.count?.voted === 1)).count).toMatchObject({ joined: 1, connected: 1, voted: 1 });
    client.send({ type: 'choose', round: opened.view!.round, reply: opened.view!.session.replies[0]!.id });
    expect((await until(client, (s) => s.error !== undefined)).error?.code).toBe('not-now');
    // The server goes away and comes back on the same port with the same state: the client reconnects and resyncs its seq.
    const kept = server.state();
    await server.close();
    servers.splice(servers.indexOf(server), 1);
    await until(client, (s) => s.status === 'reconnecting');
    await serve(kept, server.port);
    await until(client, (s) => s.status === 'open' && s.error === undefined);
    client.send({ type: 'reveal', round: opened.view!.round });
    const revealed = await until(client, (s) => s.view?.phase === 'revealed');
    expect(revealed.view?.reveal?.total).toBe(1);
    // A command from the laptop's terminal moves the room's seq on; the page's next command still counts.
    const server2 = servers[servers.length - 1]!;
    expect(server2.present({ type: 'choose', round: opened.view!.round, reply: opened.view!.session.replies[0]!.id }).ok).toBe(true);
    const moved = await until(client, (s) => s.view?.phase === 'idle');
    const next = (s: RoomSnapshot) => (s.view!.session.kind === 'scene' ? { type: 'advance' as const, node: s.view!.session.nodeId } : { type: 'open' as const, node: s.view!.session.nodeId });
    client.send(next(moved));
    const after = await until(client, (s) => s.error !== undefined || s.view !== moved.view);
    expect(after.error).toBeUndefined();
    // A second presenter window (or a reloaded page) starts from the room's seq, so its commands count.
    const second = connectRoom({ link: { room: ROOM, token: TOKEN }, origin, open: (url) => new WebSocket(url) as unknown as SocketLike });
    clients.push(second);
    const ready2 = await until(second, (s) => s.status === 'open');
    second.send(ready2.view!.phase === 'open' ? { type: 'lock', round: ready2.view!.round } : next(ready2));
    const answered = await until(second, (s) => s.error !== undefined || s.view !== ready2.view);
    expect(answered.error).toBeUndefined();
    client.close();
    await until(client, (s) => s.status === 'closed');
    expect(client.send({ type: 'end' })).toBe(false);
  });

  it('keeps the moment the room sent whole: the views after it come without the session and show it still; a view naming a moment it was not sent makes it say hello again, which brings it whole', async () => {
    const server = await serve(createRoom(ctx, ROOM, 5, new Date()));
    const origin = `ws://127.0.0.1:${server.port}`;
    /** What the room sent this page, as text, and what the page sent it (the test's socket records both). */
    const received: string[] = [];
    const sentToRoom: string[] = [];
    let socket: WebSocket | undefined;
    const client = connectRoom({ link: { room: ROOM, token: TOKEN }, origin, open: (url) => {
      const ws = new WebSocket(url);
      socket = ws;
      ws.on('message', (data) => received.push(String(data)));
      const send = ws.send.bind(ws);
      (ws as unknown as { send: (text: string) => void }).send = (text: string) => {
        sentToRoom.push(text);
        send(text);
      };
      return ws as unknown as SocketLike;
    } });
    clients.push(client);
    const ready = await until(client, (s) => s.status === 'open');
    client.send({ type: 'advance', node: ready.view!.session.nodeId });
    const atDecision = (await until(client, (s) => s.view?.session.kind === 'decision')).view!;
    const from = received.length;
    client.send({ type: 'open', node: atDecision.session.nodeId });
    const opened = (await until(client, (s) => s.view?.phase === 'open')).view!;
    // The open vote came without the session (the same moment), and the page shows the one it kept.
    const [openMessage] = received.slice(from).map((t) => JSON.parse(t) as { view: { session?: unknown; sessionKey: string } });
    expect(openMessage?.view.session).toBeUndefined();
    expect(openMessage?.view.sessionKey).toBe(atDecision.sessionKey);
    expect(opened.session).toBe(atDecision.session);
    // A view of a moment this page was never sent (never expected): no view without its session; a hello, whose welcome brings it.
    const hellos = () => sentToRoom.filter((t) => (JSON.parse(t) as { type: string }).type === 'hello').length;
    expect(hellos()).toBe(1);
    const before = client.getSnapshot();
    const { session: _omit, ...rest } = opened;
    socket!.emit('message', Buffer.from(JSON.stringify({ type: 'view', view: { ...rest, phase: 'locked', sessionKey: '1-0000000000000000' } })), false);
    expect(client.getSnapshot().view).toBe(before.view);
    expect(hellos()).toBe(2);
    const welcomes = received.filter((t) => (JSON.parse(t) as { type: string }).type === 'welcome');
    await until(client, () => received.filter((t) => (JSON.parse(t) as { type: string }).type === 'welcome').length > welcomes.length);
    const again = await until(client, (s) => s.view !== before.view);
    expect(again.view?.phase).toBe('open');
    expect(again.view?.session.replies.map((r) => r.id)).toEqual(opened.session.replies.map((r) => r.id));
  });

  it('told by the room that this page is out of date, it stops: the room\'s words, no view, no commands, no reconnecting', async () => {
    const server = await serve(createRoom(ctx, ROOM, 5, new Date()));
    const origin = `ws://127.0.0.1:${server.port}`;
    const opened: string[] = [];
    // This page played as one from before the room's version: the address names the version before.
    const client = connectRoom({
      link: { room: ROOM, token: TOKEN }, origin, backoff: { first: 1, max: 1 },
      open: (url) => {
        opened.push(url);
        return new WebSocket(url.replace(`?v=${PRESENTER_PROTOCOL}`, `?v=${PRESENTER_PROTOCOL - 1}`)) as unknown as SocketLike;
      },
    });
    clients.push(client);
    const stale = await until(client, (s) => s.status !== 'connecting');
    expect(stale.status).toBe('outdated');
    expect(stale.error).toMatchObject({ code: 'outdated', message: expect.stringMatching(/^This page is out of date.*Reload the page/) });
    expect(stale.view).toBeUndefined();
    expect(client.send({ type: 'end' })).toBe(false);
    // A phone joins meanwhile (a few round trips, far longer than the 1 ms backoff): the page has not tried again.
    await Phone.join(origin, ROOM, deviceId(3));
    expect(opened).toEqual([`${origin}/ws/presenter?v=${PRESENTER_PROTOCOL}`]);
    expect(client.getSnapshot().status).toBe('outdated');
    // Closing it (the page going away) keeps what it said.
    client.close();
    expect(client.getSnapshot().status).toBe('outdated');
    expect(server.state().presenterSeq).toBe(0);
  });

  // It said "Connecting to the room… The room refused that: Not allowed." and kept the room code on the page.
  it('with a token that is not the room\'s (an address copied short), it stops and says to open the address the room printed', async () => {
    const server = await serve(createRoom(ctx, ROOM, 5, new Date()));
    const origin = `ws://127.0.0.1:${server.port}`;
    const opened: string[] = [];
    const client = connectRoom({ link: { room: ROOM, token: 'x'.repeat(43) }, origin, backoff: { first: 1, max: 1 }, open: (url) => { opened.push(url); return new WebSocket(url) as unknown as SocketLike; } });
    clients.push(client);
    const refused = await until(client, (s) => s.status !== 'connecting');
    expect(refused.status).toBe('gone');
    expect(refused.error?.message).toMatch(/^This presenter address does not carry this room's key.*Open the presenter address that the room command printed/);
    await Phone.join(origin, ROOM, deviceId(5));
    expect(opened).toHaveLength(1);
    expect(server.state().presenterSeq).toBe(0);
  });

  // Ctrl+C on the laptop after the session ended: the page said "Connection to the room lost:
  // reconnecting…" for as long as it stayed open.
  it('once the session has ended, the room closing is expected: it stops, keeps the last view (and its summary), and does not try again', async () => {
    const server = await serve(createRoom(ctx, ROOM, 5, new Date()));
    const origin = `ws://127.0.0.1:${server.port}`;
    const opened: string[] = [];
    const client = connectRoom({ link: { room: ROOM, token: TOKEN }, origin, backoff: { first: 1, max: 1 }, open: (url) => { opened.push(url); return new WebSocket(url) as unknown as SocketLike; } });
    clients.push(client);
    await until(client, (s) => s.status === 'open');
    expect(client.send({ type: 'end' })).toBe(true);
    await until(client, (s) => s.view?.phase === 'ended');
    await server.close();
    const after = await until(client, (s) => s.status !== 'open');
    expect(after.status).toBe('ended');
    expect(after.view?.summary?.markdown).toMatch(/^# Session summary/);
    // A room started again on the port meanwhile (a few round trips, far longer than the 1 ms backoff) is not tried.
    await serve(createRoom(ctx, ROOM, 5, new Date()), server.port);
    await Phone.join(origin, ROOM, deviceId(4));
    expect(opened).toHaveLength(1);
    client.close();
    expect(client.getSnapshot().status).toBe('ended');
  });

  // The room closed (Ctrl+C) at the ending its story reached, which the terminal says can be resumed
  // to go back to the last decision: resumed, the phones came back, but the page stayed on "The
  // session has ended and the room has closed" for good, its "Back to decision N" doing nothing (room-45).
  it('at the ending the story reached, the room closing stops nothing for good: resumed (to go back), the room is found again', async () => {
    const exampleCtx = roomContext(loadValidFixture('good/example.json'));
    const first = await startRoomServer({ ctx: exampleCtx, state: createRoom(exampleCtx, ROOM, 5, new Date()), token: TOKEN, host: '127.0.0.1', port: 0, persist: () => undefined, log: () => undefined });
    servers.push(first);
    // The laptop's terminal plays the story to its ending (best practice at each decision, no votes).
    for (let guard = 0; guard < 20 && first.state().phase !== 'ended'; guard++) {
      const state = first.state();
      const view = roomSessionView(exampleCtx, state);
      const best = () => exampleCtx.scenario.nodes.find((n) => n.id === view.nodeId && n.kind === 'decision');
      const step: PresenterCommand = view.kind === 'scene' ? { type: 'advance', node: view.nodeId }
        // The example opens on a decision: shown first (the first step), its vote opened after.
        : state.phase === 'idle' ? (state.presenterSeq === 0 ? { type: 'advance', node: view.nodeId } : { type: 'open', node: view.nodeId })
        : state.phase === 'open' ? { type: 'reveal', round: state.round }
        : { type: 'choose', round: state.round, reply: (best() as { replies: { id: string }[] }).replies[0]!.id };
      expect(first.present(step).ok).toBe(true);
    }
    expect(first.state().phase).toBe('ended');
    const origin = `ws://127.0.0.1:${first.port}`;
    const client = connectRoom({ link: { room: ROOM, token: TOKEN }, origin, backoff: { first: 5, max: 20 }, open: (url) => new WebSocket(url) as unknown as SocketLike });
    clients.push(client);
    const atEnding = await until(client, (s) => s.status === 'open');
    expect(atEnding.view).toMatchObject({ phase: 'ended', session: { done: true } });
    const kept = first.state();
    await first.close();
    servers.splice(servers.indexOf(first), 1);
    // Closed: said as the end of the session, the ending and its summary kept.
    const closed = await until(client, (s) => s.status !== 'open');
    expect(closed.status).toBe('ended');
    expect(closed.view?.summary?.markdown).toMatch(/^# Session summary/);
    // `room --resume` on the same port: the page is connected again, at the ending, and can go back.
    const resumed = await startRoomServer({ ctx: exampleCtx, state: kept, token: TOKEN, host: '127.0.0.1', port: first.port, persist: () => undefined, log: () => undefined });
    servers.push(resumed);
    const again = await until(client, (s) => s.status === 'open');
    expect(again.view).toMatchObject({ phase: 'ended', session: { done: true } });
    expect(client.send({ type: 'back', node: again.view!.session.nodeId })).toBe(true);
    expect((await until(client, (s) => s.view?.phase === 'revealed')).error).toBeUndefined();
  });

  it('left open on an earlier room when a new room starts on the same port, it stops and says so in words (not "not allowed"), with no view and no reconnecting', async () => {
    const first = await serve(createRoom(ctx, ROOM, 5, new Date()));
    const origin = `ws://127.0.0.1:${first.port}`;
    const opened: string[] = [];
    const client = connectRoom({ link: { room: ROOM, token: TOKEN }, origin, backoff: { first: 1, max: 1 }, open: (url) => {
      opened.push(url);
      return new WebSocket(url) as unknown as SocketLike;
    } });
    clients.push(client);
    await until(client, (s) => s.status === 'open');
    // The trainer closes the room and starts a new one (new code, new secret) on the same port.
    await first.close();
    servers.splice(servers.indexOf(first), 1);
    await until(client, (s) => s.status === 'reconnecting');
    const other = 'DXNT45';
    const next = await startRoomServer({ ctx, state: createRoom(ctx, other, 6, new Date()), token: 'd'.repeat(43), host: '127.0.0.1', port: first.port, persist: () => undefined, log: () => undefined });
    servers.push(next);
    const gone = await until(client, (s) => s.status !== 'reconnecting' && s.status !== 'connecting');
    expect(gone.status).toBe('gone');
    expect(gone.error).toMatchObject({ code: 'wrong-room', message: 'This presenter page is for a room that is no longer running here. Open the presenter address that the room command printed in the terminal for the room running now.' });
    expect(gone.view).toBeUndefined();
    expect(client.send({ type: 'end' })).toBe(false);
    // A phone joins the new room meanwhile (round trips far longer than the 1 ms backoff): the page has not tried again.
    const tries = opened.length;
    await Phone.join(`ws://127.0.0.1:${next.port}`, other, deviceId(4));
    expect(opened.length).toBe(tries);
    client.close();
    expect(client.getSnapshot().status).toBe('gone');
    expect(next.state().presenterSeq).toBe(0);
  });
});
