import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRoom, reduceRoom, restoreRoom, roomContext, roomSave, serializeRoom, validateScenario, type RoomState, type Scenario } from '../../src/machines/index.js';
import { roomCommand } from '../../src/terminal/room/command.js';
import { deviceId, Presenter } from './helpers/room.js';
import { NEW_PHONE, openRoom } from './helpers/room-command.js';

// The room's file is an append log (src/machines/room/log.ts): each save adds a line of what changed.
// A save cut off part way (a crash, a full disk) leaves a line without its end: while the room runs,
// the next save writes the file whole (atomically) rather than adding to it; on resume, the file is
// read without that line, said so, and written whole again.
// `cut.next`: the next append to a room's file writes half its line, then fails (as a full disk would).
const cut = vi.hoisted(() => ({ next: false }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...fs,
    appendFile: (async (path: string, text: string, ...rest: unknown[]) => {
      if (cut.next && typeof path === 'string' && path.includes('/rooms/')) {
        cut.next = false;
        await (fs.appendFile as (...a: unknown[]) => Promise<void>)(path, text.slice(0, Math.floor(text.length / 2)), ...rest);
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      }
      return (fs.appendFile as (...a: unknown[]) => Promise<void>)(path, text, ...rest);
    }) as typeof fs.appendFile,
  };
});

afterEach(() => {
  cut.next = false;
});

const scenario = validateScenario(readFileSync(NEW_PHONE), NEW_PHONE).scenario as Scenario;
const ctx = roomContext(scenario);
const TOKEN = 'k'.repeat(43);

describe('a live room\'s file, append by append', () => {
  it('a save cut off part way while the room runs: the next save writes the file whole, and the room resumes with every change after it', async () => {
    const r = await openRoom();
    const presenter = await Presenter.connect(r.base, r.room, r.token);
    const file = join(r.folder, 'rooms', `${r.room}.json`);
    try {
      const first = presenter.view.session.nodeId;
      const started = await presenter.act({ type: 'advance', node: first });
      if ('code' in started) throw new Error(started.message);
      // Answered once its save is over (here: refused, half of its line written).
      cut.next = true;
      const opened = await presenter.act({ type: 'open', node: first });
      if ('code' in opened) throw new Error(opened.message);
      expect(cut.next).toBe(false);
      expect(readFileSync(file, 'utf8').endsWith('\n')).toBe(false);
      const locked = await presenter.act({ type: 'lock', round: opened.round });
      if ('code' in locked) throw new Error(locked.message);
      // Written whole: one line, the room as it is.
      const text = readFileSync(file, 'utf8');
      expect(text.split('\n')).toHaveLength(2);
      const restored = restoreRoom(ctx, text);
      if (!restored.ok) throw new Error(restored.error);
      expect(restored.torn).toBeUndefined();
      expect({ phase: restored.state.phase, node: restored.state.node }).toEqual({ phase: 'locked', node: first });
      // And added to again from there.
      const revealed = await presenter.act({ type: 'reveal', round: opened.round });
      if ('code' in revealed) throw new Error(revealed.message);
      const after = readFileSync(file, 'utf8');
      expect(after.startsWith(text) && after.length > text.length).toBe(true);
      expect(restoreRoom(ctx, after)).toMatchObject({ ok: true, state: { phase: 'revealed' } });
    } finally {
      presenter.close();
    }
    r.stop();
    expect(await r.done).toBe(0);
    expect(r.got.err.replace(/\s+/g, ' ')).toContain('the room can no longer be saved in the state folder (the disk is full');
  });

  it('room --resume of a room whose last save was cut off: says so, carries on from the save before it, and writes the file whole again', async () => {
    const env = { XDG_STATE_HOME: mkdtempSync(join(tmpdir(), 'casa-room-')), PWD: mkdtempSync(join(tmpdir(), 'casa-here-')) };
    const rooms = join(env.XDG_STATE_HOME, 'casa-practice', 'rooms');
    mkdirSync(rooms, { recursive: true });
    let state: RoomState = createRoom(ctx, 'CUT234', 1, new Date('2026-12-01T10:00:00Z'), { file: NEW_PHONE, token: TOKEN });
    let save = roomSave(undefined, state);
    let text = save.text;
    const change = (next: RoomState) => {
      save = roomSave(save.written, next);
      state = next;
      return save.text;
    };
    const joined = reduceRoom(ctx, state, { from: 'voter', device: deviceId(1), message: { type: 'join', room: 'CUT234', device: deviceId(1) } });
    if (!joined.ok) throw new Error(joined.message);
    text += change(joined.state);
    const good = state;
    const stepped = reduceRoom(ctx, state, { from: 'presenter', message: { type: 'advance', room: 'CUT234', token: TOKEN, seq: 1, node: 'phone' } });
    if (!stepped.ok) throw new Error(stepped.message);
    const line = change(stepped.state);
    writeFileSync(join(rooms, 'CUT234.json'), text + line.slice(0, 40));

    const got = { out: '', err: '' };
    const before = new Set(process.listeners('SIGTERM'));
    let listening: () => void = () => undefined;
    const listens = new Promise<void>((resolve) => (listening = resolve));
    const io = { out: (t: string) => ((got.out += t), /Listening on/.test(got.out) && listening()), err: (t: string) => (got.err += t) };
    const done = roomCommand(['--resume', '--host', '127.0.0.1', '--port', '0'], io, env);
    await Promise.race([listens, done.then((code) => { throw new Error(`the room exited (${code}):\n${got.out}\n${got.err}`); })]);
    expect(got.out).toContain('Resumed');
    expect(got.err.replace(/\s+/g, ' ')).toBe('casa-practice: the room file\'s last save was cut off part way (the room was stopped, or the disk filled up, while it was being written): the room carries on from the save before it, without the change that save held. ');
    // Written whole again, as it was one save before (the address and port it listens on now in its meta).
    const now = readFileSync(join(rooms, 'CUT234.json'), 'utf8');
    expect(now.split('\n')).toHaveLength(2);
    const read = JSON.parse(now) as RoomState;
    expect({ ...read, meta: { ...read.meta, port: 0 } }).toEqual(JSON.parse(serializeRoom({ ...good, meta: { ...good.meta, port: 0, host: '127.0.0.1' } })));
    const stop = process.listeners('SIGTERM').find((l) => !before.has(l)) as (s: NodeJS.Signals) => void;
    stop('SIGTERM');
    expect(await done).toBe(0);
  });
});
