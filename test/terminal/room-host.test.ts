import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hostProblem, listenFailure, roomAddresses } from '../../src/terminal/room/command.js';
import { runInProcess, runPiped } from './helpers/cli.js';
import { Presenter } from './helpers/room.js';
import { spawnRoom, started } from './helpers/room-process.js';

// An address copied with its port, or mistyped in its numbers, was looked up as a name: the room
// said only "the room could not start: getaddrinfo ENOTFOUND 127.0.0.1:8080" (after a lookup on the
// network for a name no computer has). Now a usage error in words, before anything is opened.
describe('room --host that is no address', () => {
  it.each([
    ['127.0.0.1:8080', '--host takes the address alone, and --port its port: --host 127.0.0.1 --port 8080'],
    ['localhost:3000', '--host takes the address alone, and --port its port: --host localhost --port 3000'],
    ['192.168.1.256', '--host 192.168.1.256 is not an address: an address is four numbers from 0 to 255 with dots between them, such as 192.168.1.20'],
    ['192.168.1.', '--host 192.168.1. is not an address: an address is four numbers from 0 to 255 with dots between them, such as 192.168.1.20'],
    ['192.168.1.20.1', '--host 192.168.1.20.1 is not an address: an address is four numbers from 0 to 255 with dots between them, such as 192.168.1.20'],
  ])('--host %s is said in words (exit 2), and no room is opened', async (host, words) => {
    const r = await runInProcess('room', 'red-flags', '--host', host, '--port', '0');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(new RegExp(`^casa-practice: ${words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n`));
    expect(r.err).not.toContain('getaddrinfo');
    expect(r.out).toBe('');
  });

  it('an address or a name a room can listen on has no problem: IPv6 colons are not a port', () => {
    for (const host of ['0.0.0.0', '127.0.0.1', '192.168.1.20', '::1', '::', 'fe80::1', '2001:db8::8:800:200c:417a', '::ffff:192.168.1.20', 'localhost', 'my-laptop.local']) expect(hostProblem(host)).toBeUndefined();
  });

  it('a name no computer has, and a port only an administrator may take, are said in words, not as the system\'s codes', () => {
    for (const code of ['ENOTFOUND', 'EAI_AGAIN']) {
      const words = listenFailure(Object.assign(new Error(`getaddrinfo ${code} my-laptop.lan`), { code }), 'my-laptop.lan', 0, false);
      expect(words).toBe('no address of this laptop is named my-laptop.lan: give --host one of its addresses in numbers (such as 192.168.1.20), or leave --host out to listen on every network of this laptop');
    }
    expect(listenFailure(Object.assign(new Error('listen EACCES: permission denied 0.0.0.0:80'), { code: 'EACCES' }), '0.0.0.0', 80, false)).toBe('port 80 may be taken only by an administrator on this laptop (ports below 1024, usually): pass --port 0 for any free port, or a port from 1024 up');
    expect(listenFailure(Object.assign(new Error('listen EADDRINUSE'), { code: 'EADDRINUSE' }), '0.0.0.0', 8080, true)).toBe('port 8080 is in use by another program (phones will need the new address: pass --port 0 for any free port)');
  });
});

// The presenter address named 127.0.0.1 for every room on this machine only: a room on 127.0.0.2, or
// on localhost where the system takes that for ::1 (macOS), listens where 127.0.0.1 finds nothing,
// and the presenter page did not open ("connection refused").
describe('room --host on this machine only: the presenter address is where the room listens', () => {
  it('names the address the room listens on (every network: this laptop\'s loopback)', () => {
    const presenterOf = (host: string) => new URL(roomAddresses(host, 4000, 'ABC234', 't'.repeat(43), 'red-flags').presenter).host;
    expect(presenterOf('127.0.0.2')).toBe('127.0.0.2:4000');
    expect(presenterOf('localhost')).toBe('localhost:4000');
    expect(presenterOf('::1')).toBe('[::1]:4000');
    expect(presenterOf('127.0.0.1')).toBe('127.0.0.1:4000');
    expect(presenterOf('0.0.0.0')).toBe('127.0.0.1:4000');
    expect(presenterOf('::')).toBe('127.0.0.1:4000');
  });

  it('a room on 127.0.0.2 is presented from the address it prints', async ({ onTestFinished, skip }) => {
    // Linux answers all of 127/8; macOS only 127.0.0.1 unless told otherwise.
    const bindable = await new Promise<boolean>((resolve) => {
      const probe = createServer().once('error', () => resolve(false)).listen(0, '127.0.0.2', () => probe.close(() => resolve(true)));
    });
    if (!bindable) return skip('127.0.0.2 is not an address of this machine');
    const room = started(spawnRoom(['red-flags', '--host', '127.0.0.2', '--port', '0'], { XDG_STATE_HOME: mkdtempSync(join(tmpdir(), 'casa-room-')) }), onTestFinished);
    const [, host, port, code, token] = await room.waitFor(/http:\/\/([\d.]+):(\d+)\/\?room=([A-Z0-9]{6})&token=([A-Za-z0-9_-]+)#\/presenter\/red-flags/);
    expect(host).toBe('127.0.0.2');
    const presenter = await Presenter.connect(`ws://${host}:${port}`, code as string, token as string);
    expect(presenter.view.room).toBe(code);
    presenter.ws.close();
  });
});

// A new room on a port another program holds said only "port N is in use by another program": the
// trainer, with the room due to start, was not told that leaving --port out takes a free one.
describe('room --port that another program holds', () => {
  it('says so with what to do, exit 1, and opens no room', async () => {
    const held = createServer();
    await new Promise<void>((resolve) => held.listen(0, '127.0.0.1', resolve));
    const port = (held.address() as { port: number }).port;
    const state = mkdtempSync(join(tmpdir(), 'casa-port-held-'));
    try {
      const r = await runPiped(['room', 'red-flags', '--host', '127.0.0.1', '--port', String(port)], '', { XDG_STATE_HOME: state });
      expect(r.code).toBe(1);
      expect(r.err).toContain(`the room could not start: port ${port} is in use by another program: leave --port out for any free port, or pass another`);
      expect(r.out).not.toContain('Phones join at');
    } finally {
      await new Promise((resolve) => held.close(resolve));
      rmSync(state, { recursive: true, force: true });
    }
  });
});
