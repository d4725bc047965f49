import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { roomCommand } from '../../src/terminal/room/command.js';
import { Presenter } from './helpers/room.js';

// A state folder that refuses a save and takes the next, by turns (a flaky disk, a network mount):
// node:fs/promises, which saves the room on every change, refuses every other write inside it while
// `flaky.path` is set. The room said the refusal (several rows, the resume command among them) and
// "saved again" at every turn, two notices per change, burying the trainer's controls.
const flaky = vi.hoisted(() => ({ path: '', writes: 0 }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  const refusal = () => Object.assign(new Error('EIO: i/o error, open'), { code: 'EIO' });
  return {
    ...fs,
    writeFile: (async (path: string, ...rest: unknown[]) => {
      if (flaky.path !== '' && typeof path === 'string' && path.startsWith(`${flaky.path}/`) && flaky.writes++ % 2 === 0) throw refusal();
      return (fs.writeFile as (...a: unknown[]) => Promise<void>)(path, ...rest);
    }) as typeof fs.writeFile,
  };
});

afterEach(() => {
  flaky.path = '';
  flaky.writes = 0;
});

const NEW_PHONE = join(import.meta.dirname, 'fixtures', 'scenarios', 'new-phone.json');

/** The room command in this process on 127.0.0.1 (a free port), once it listens; `stop` is its Ctrl+C (SIGTERM's handler, called as the signal would). */
async function openRoom() {
  const env = { XDG_STATE_HOME: mkdtempSync(join(tmpdir(), 'casa-room-flaky-')), PWD: mkdtempSync(join(tmpdir(), 'casa-here-')) };
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
  return { got, done, stop: () => (stop as (s: NodeJS.Signals) => void)('SIGTERM'), base: `ws://127.0.0.1:${m[1]}`, room: m[2] as string, token: m[3] as string, folder: join(env.XDG_STATE_HOME, 'casa-practice') };
}

describe('a live room on a state folder that refuses saves and takes them by turns', () => {
  it('says the first refusal, the first save taken again, and once that the folder fails now and then: not two notices at every turn', async () => {
    const r = await openRoom();
    const presenter = await Presenter.connect(r.base, r.room, r.token);
    try {
      flaky.path = r.folder;
      // Breaks taken and ended, 12 changes, each saved (refused or taken by turns) before it is answered.
      for (let i = 0; i < 6; i++) {
        const on = await presenter.act({ type: 'break', on: true });
        if ('code' in on) throw new Error(`break refused: ${on.message}`);
        const off = await presenter.act({ type: 'break', on: false, break: on.breakNumber });
        if ('code' in off) throw new Error(`back from break refused: ${off.message}`);
      }
      // The last change's save is over before the room is closed.
      await new Promise<void>((resolve) => setImmediate(resolve));
      expect(flaky.writes).toBeGreaterThanOrEqual(12);
    } finally {
      presenter.close();
    }
    const live = r.got.err.replace(/\s+/g, ' ');
    r.stop();
    expect(await r.done).toBe(0);
    // The first refusal, as a folder that stops taking writes is said (with the command that carries on).
    expect(live.split('can no longer be saved').length, live).toBe(2);
    expect(live).toContain('room: the room can no longer be saved in the state folder (error EIO)');
    // The first save taken after it.
    expect(live.split('the room is saved in the state folder again').length, live).toBe(2);
    // The next refusal, once: the folder fails now and then.
    expect(live.split('could not be saved in the state folder again').length, live).toBe(2);
    expect(live).toContain('the folder fails now and then');
    // In that order, and nothing else.
    expect(live.indexOf('can no longer be saved')).toBeLessThan(live.indexOf('the room is saved in the state folder again'));
    expect(live.indexOf('the room is saved in the state folder again')).toBeLessThan(live.indexOf('could not be saved in the state folder again'));
    expect(live.match(/room --resume/g), live).toHaveLength(1);
  });
});
