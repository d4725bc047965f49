import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { roomCommand } from '../../../src/terminal/room/command.js';

/** The fixture scenario the room command tests open: a short story with a decision. */
export const NEW_PHONE = join(import.meta.dirname, '..', 'fixtures', 'scenarios', 'new-phone.json');

/**
 * The room command in this process on 127.0.0.1 (a free port), once it listens; `stop` is its Ctrl+C
 * (SIGTERM's handler, called as the signal would). `more` is added to its environment (a fresh state
 * folder and a fresh folder it was started in). A file that mocks node:fs or node:fs/promises mocks
 * them for the room this opens too.
 */
export async function openRoom(more: NodeJS.ProcessEnv = {}) {
  const here = mkdtempSync(join(tmpdir(), 'casa-here-'));
  const env = { XDG_STATE_HOME: mkdtempSync(join(tmpdir(), 'casa-room-')), PWD: here, ...more };
  const before = new Set(process.listeners('SIGTERM'));
  const got = { out: '', err: '' };
  let listening: () => void = () => undefined;
  const listens = new Promise<void>((resolve) => (listening = resolve));
  const io = { out: (t: string) => ((got.out += t), /Listening on/.test(got.out) && listening()), err: (t: string) => (got.err += t) };
  const done = roomCommand([NEW_PHONE, '--host', '127.0.0.1', '--port', '0'], io, env);
  await Promise.race([listens, done.then((code) => { throw new Error(`the room exited (${code}):\n${got.out}\n${got.err}`); })]);
  const stop = process.listeners('SIGTERM').find((l) => !before.has(l));
  if (!stop) throw new Error('the room took no signal');
  const m = /http:\/\/127\.0\.0\.1:(\d+)\/\?room=([A-Z0-9]{6})&token=([A-Za-z0-9_-]+)/.exec(got.out);
  if (!m) throw new Error(`no presenter address:\n${got.out}`);
  return { here, env, got, done, stop: () => (stop as (s: NodeJS.Signals) => void)('SIGTERM'), base: `ws://127.0.0.1:${m[1]}`, room: m[2] as string, token: m[3] as string, folder: join(env.XDG_STATE_HOME, 'casa-practice') };
}
