import { afterEach, describe, expect, it, vi } from 'vitest';
import { Presenter } from './helpers/room.js';
import { openRoom } from './helpers/room-command.js';

// A state folder that refuses a save and takes the next, by turns (a flaky disk, a network mount):
// node:fs/promises, which saves the room on every change, refuses every other write inside it while
// `flaky.path` is set. The room said the refusal (several rows, the resume command among them) and
// "saved again" at every turn, two notices per change, burying the trainer's controls.
const flaky = vi.hoisted(() => ({ path: '', writes: 0 }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  const refusal = () => Object.assign(new Error('EIO: i/o error, open'), { code: 'EIO' });
  const refused = (path: unknown) => flaky.path !== '' && typeof path === 'string' && path.startsWith(`${flaky.path}/`) && flaky.writes++ % 2 === 0;
  return {
    ...fs,
    writeFile: (async (path: string, ...rest: unknown[]) => {
      if (refused(path)) throw refusal();
      return (fs.writeFile as (...a: unknown[]) => Promise<void>)(path, ...rest);
    }) as typeof fs.writeFile,
    // A save adds what changed to the room's file (the file is written whole now and then).
    appendFile: (async (path: string, ...rest: unknown[]) => {
      if (refused(path)) throw refusal();
      return (fs.appendFile as (...a: unknown[]) => Promise<void>)(path, ...rest);
    }) as typeof fs.appendFile,
  };
});

afterEach(() => {
  flaky.path = '';
  flaky.writes = 0;
});


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
