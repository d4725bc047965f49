import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Presenter } from './helpers/room.js';
import { openRoom } from './helpers/room-command.js';
import { readOnlyFolder } from './helpers/refusing-fs.js';

// As root a folder made read-only still takes writes: node:fs refuses here every new file, link,
// rename and removal of a file there inside the state folder, as a read-only folder would.
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const { folderRefusingFs, permissionDenied, readOnlyFolder: folder } = await import('./helpers/refusing-fs.js');
  const inside = (path: unknown) => folder.path !== '' && typeof path === 'string' && path.startsWith(`${folder.path}/`);
  return {
    ...folderRefusingFs(fs),
    rmSync: ((path: string, options?: Parameters<typeof fs.rmSync>[1]) => {
      if (inside(path) && fs.existsSync(path)) throw permissionDenied();
      fs.rmSync(path, options);
    }) as typeof fs.rmSync,
  };
});

// …and node:fs/promises, which saves the room on every change, the same way.
vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  const { permissionDenied, readOnlyFolder: folder } = await import('./helpers/refusing-fs.js');
  const inside = (path: unknown) => folder.path !== '' && typeof path === 'string' && path.startsWith(`${folder.path}/`);
  return {
    ...fs,
    writeFile: (async (path: string, ...rest: unknown[]) => {
      if (inside(path)) throw permissionDenied();
      return (fs.writeFile as (...a: unknown[]) => Promise<void>)(path, ...rest);
    }) as typeof fs.writeFile,
    // A save adds what changed to the room's file: refused too, as on a read-only disk.
    appendFile: (async (path: string, ...rest: unknown[]) => {
      if (inside(path)) throw permissionDenied();
      return (fs.appendFile as (...a: unknown[]) => Promise<void>)(path, ...rest);
    }) as typeof fs.appendFile,
  };
});

afterEach(() => {
  readOnlyFolder.path = '';
});


// Walked as a trainer (trainer-50, jae-and-hyung on a real read-only bind mount): the state folder
// made read-only during a live room. At the ending the terminal said only "room: could not write the
// session summary: EROFS: read-only file system, open '…/exports/…-room-PHGH7H.m' / 'd.22730.….tmp'",
// and Ctrl+C then ended in a Node stack trace (the room's open marker could not be removed), exit 1,
// with no summary anywhere. The summary now goes where e: export writes then (the folder the room
// was started in), as a trainer-led session's does, and Ctrl+C closes the room as always.
describe('a live room whose state folder stops taking writes', () => {
  it('Ctrl+C closes it without a stack trace and writes the summary where e: export writes then, saying so', async () => {
    const r = await openRoom();
    // The session started (a room closed before it writes no summary at all: room-signals.test.ts).
    const presenter = await Presenter.connect(r.base, r.room, r.token);
    try {
      const view = await presenter.act({ type: 'advance', node: presenter.view.session.nodeId });
      if ('code' in view) throw new Error(`advance refused: ${view.message}`);
    } finally {
      presenter.close();
    }
    readOnlyFolder.path = r.folder;
    r.stop();
    expect(await r.done).toBe(0);
    const written = readdirSync(r.here);
    expect(written).toEqual([expect.stringMatching(new RegExp(`^example-new-phone-session-.*-room-${r.room}\\.md$`))]);
    expect(readFileSync(join(r.here, written[0] as string), 'utf8')).toMatch(/^# Session summary/);
    expect(r.got.out.replace(/\s+/g, ' ')).toContain(`Room closed. The state folder cannot be written, so the session summary was written to: ${join(r.here, written[0] as string)}`);
    expect(r.got.err).not.toMatch(/could not write the summary/);
  });

  // Walked in tmux (term-51): Ctrl+C with the last save refused named the command that carries the
  // room on twice, under the refusal ("This carries on from where it was last saved:") and again
  // under "Resume it with:" a few rows below. Once now, under "Resume it with:".
  it('Ctrl+C with the last save refused names the command that carries the room on once, and says it resumes from where it was last saved', async () => {
    const r = await openRoom();
    readOnlyFolder.path = r.folder;
    r.stop();
    expect(await r.done).toBe(0);
    const said = `${r.got.err}\n${r.got.out.split('Ctrl+C closes the room')[1] ?? ''}`;
    expect(said.match(/room --resume/g)).toHaveLength(1);
    expect(r.got.out.split('Room closed.')[1]).toMatch(/Resume it with:\n\S*casa-practice\S* room --resume/);
    expect(r.got.err.replace(/\s+/g, ' ')).toContain('the room could not be saved in the state folder (permission denied): resumed, it carries on from where it was last saved.');
  });

  // The same walk: every change of the room (each vote, each step) added the line "room: could not
  // save the room: EROFS: read-only file system, open '…/rooms/N3MHHN.json.25928.8.tmp'" to the
  // trainer's controls, a temp file's name broken over rows. Said once now, in plain words.
  it('says once, in plain words, that the room is no longer saved, however many changes follow', async () => {
    const r = await openRoom();
    const presenter = await Presenter.connect(r.base, r.room, r.token);
    try {
      readOnlyFolder.path = r.folder;
      const first = presenter.view.session.nodeId;
      for (const command of [{ type: 'advance', node: first }, { type: 'open', node: first }, { type: 'lock', round: 1 }, { type: 'reveal', round: 1 }] as const) {
        const view = await presenter.act(command);
        if ('code' in view) throw new Error(`${command.type} refused: ${view.message}`);
      }
      // Each change is saved (and refused) before the next is answered; the last one's refusal is awaited here.
      await new Promise<void>((resolve) => setImmediate(resolve));
    } finally {
      presenter.close();
    }
    r.stop();
    await r.done;
    expect(r.got.err, r.got.err).not.toMatch(/could not save the room/);
    expect(r.got.err.split('can no longer be saved').length, r.got.err).toBe(2);
    expect(r.got.err).not.toMatch(/\.tmp/);
    expect(r.got.err.replace(/\s+/g, ' ')).toContain('room: the room can no longer be saved in the state folder (permission denied)');
  });

  // Walked (term3-50): at 60 columns the notice ended a row with "room" and began the next with
  // "--resume", and named the command without the prefix that runs it where the app was started
  // ("npx casa-practice" after npm ci), which every other hint prints. Now the command is whole,
  // on rows of its own, as the other hints print it; the same at Ctrl+C, when the last save fails.
  it('names the command that carries on as the other hints do, whole on a row of its own, at 60 columns', async () => {
    const columns = Object.getOwnPropertyDescriptor(process.stdout, 'columns');
    Object.defineProperty(process.stdout, 'columns', { value: 60, configurable: true });
    try {
      const r = await openRoom({ npm_command: 'exec' });
      const presenter = await Presenter.connect(r.base, r.room, r.token);
      try {
        readOnlyFolder.path = r.folder;
        const view = await presenter.act({ type: 'advance', node: presenter.view.session.nodeId });
        if ('code' in view) throw new Error(`advance refused: ${view.message}`);
        await new Promise<void>((resolve) => setImmediate(resolve));
      } finally {
        presenter.close();
      }
      const live = r.got.err;
      r.stop();
      await r.done;
      const rows = r.got.err.split('\n');
      expect(rows.every((row) => row.length <= 60), r.got.err).toBe(true);
      // Once as the save is refused; at Ctrl+C under "Resume it with:" alone (the refusal then says
      // only that it resumes from where it was last saved).
      expect(rows.filter((row) => /--resume/.test(row)), r.got.err).toEqual(['  npx casa-practice room --resume']);
      expect(r.got.out.split('Room closed.')[1]?.split('\n').filter((row) => /--resume/.test(row))).toEqual(['npx casa-practice room --resume']);
      expect(live, live).toContain('  npx casa-practice room --resume');
      expect(r.got.err).not.toMatch(/\broom\s*\n\s*--resume/);
    } finally {
      if (columns) Object.defineProperty(process.stdout, 'columns', columns);
      else delete (process.stdout as { columns?: number }).columns;
    }
  });

  it('the summary at the session\'s end goes there too, said so, and Ctrl+C writes it again in the same file', async () => {
    const r = await openRoom();
    const presenter = await Presenter.connect(r.base, r.room, r.token);
    try {
      readOnlyFolder.path = r.folder;
      const ended = await presenter.act({ type: 'end' });
      expect('code' in ended ? ended.code : ended.phase).toBe('ended');
    } finally {
      presenter.close();
    }
    const written = readdirSync(r.here);
    expect(written).toEqual([expect.stringMatching(/^example-new-phone-session-.*\.md$/)]);
    const path = join(r.here, written[0] as string);
    expect(r.got.out.replace(/\s+/g, ' ')).toContain(`The state folder cannot be written, so the session summary was written to: ${path}`);
    expect(r.got.err).not.toMatch(/could not write the session summary/);
    r.stop();
    expect(await r.done).toBe(0);
    expect(readdirSync(r.here)).toEqual(written);
    expect(r.got.out.replace(/\s+/g, ' ')).toContain(`Room closed. The state folder cannot be written, so the session summary was written to: ${path}`);
  });
});

// Walked in tmux at 60×24 (newcomer-54, a real read-only bind mount): a room started while the
// state folder took no write printed "casa-practice: unexpected error: EROFS: read-only file system,
// mkdir '…/casa-practice/rooms'", and the command never ended: its server stayed listening, with no
// controls, until the window was closed. It now says why in plain words, closes what it opened and
// exits 74, with nothing written.
describe('a live room whose state folder takes no write from the start', () => {
  it('is not opened: a plain message, no "unexpected error", exit 74, and the command ends', async () => {
    const { mkdtempSync, mkdirSync } = await vi.importActual<typeof import('node:fs')>('node:fs');
    const { tmpdir } = await import('node:os');
    const { roomCommand, ROOM_HELP } = await import('../../src/terminal/room/command.js');
    const { NEW_PHONE } = await import('./helpers/room-command.js');
    const state = mkdtempSync(join(tmpdir(), 'casa-room-ro-'));
    const folder = join(state, 'casa-practice');
    mkdirSync(folder, { recursive: true });
    readOnlyFolder.path = folder;
    const got = { out: '', err: '' };
    const io = { out: (t: string) => void (got.out += t), err: (t: string) => void (got.err += t) };
    const before = process.listeners('SIGTERM').length;
    const code = await roomCommand([NEW_PHONE, '--host', '127.0.0.1', '--port', '0'], io, { XDG_STATE_HOME: state, PWD: state });
    expect(code, got.err).toBe(74);
    expect(got.err).not.toMatch(/unexpected error|EROFS|EACCES|at .*\.js:\d+/);
    const said = got.err.replace(/\s+/g, ' ');
    expect(said).toContain(`casa-practice: no room was opened: the state folder ${folder} cannot be written (permission denied)`);
    expect(said).toContain('XDG_STATE_HOME');
    // No room to carry on, and no signal handler left behind (the command ended; its server is closed).
    expect(got.out).not.toContain('Listening on');
    expect(process.listeners('SIGTERM').length).toBe(before);
    // As the README says it.
    expect(readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8').replace(/\s+/g, ' ')).toContain('a state folder that cannot be written when it starts (a read-only disk) opens no room: it says so, exit code 74.');
    // And as room --help lists its exit codes: 74 was missing there, only 0, 1 and 2 were named.
    expect(ROOM_HELP.replace(/\s+/g, ' ')).toContain('74 the state folder could not be written as the room started (no room is opened).');
    expect(readdirSync(folder, { recursive: true }).filter((f) => /\.(json|open|tmp)$/.test(String(f)))).toEqual([]);
  });
});
