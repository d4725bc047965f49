import { describe, expect, it } from 'vitest';
import { hostProblem, listenFailure } from '../../src/terminal/room/command.js';
import { runInProcess } from './helpers/cli.js';

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
