import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, watch } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { peekRoom } from '../../src/machines/index.js';
import { BIN, ROOT } from './helpers/cli.js';
import { NEW_PHONE } from './helpers/room-command.js';

// Walked (room-58): a live room in a terminal window that was closed (SIGHUP) wrote its file and its
// summary as it should, then died in Node 20's "Assertion failed … node::ResetStdio()" (SIGABRT or
// SIGSEGV, a native stack trace) instead of exiting with its documented code 129: Node puts the
// terminal's settings back as it exits, and aborts where the terminal is gone (nodejs/node#58200,
// fixed after Node 20). The app now points the gone terminal's descriptors at /dev/null first.
//
// A real terminal: `script` gives the room a pty; killing `script` closes it, as closing a window
// does. The command in it stands for the shell a window runs: it stays (the session's leader, as a
// shell is), passes the hang-up on to the room (as a shell passes it to its jobs), and reports how
// the room ended to a file, the room's stderr to another (the terminal is gone by then).

const HAS_SCRIPT = existsSync('/usr/bin/script');

/** The window's "shell": runs the room on the terminal, passes SIGHUP on, writes {code, signal} once it ends. */
const SHELL = `
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const [result, errors, ...args] = process.argv.slice(1);
const room = spawn(process.execPath, args, { stdio: ['inherit', 'inherit', fs.openSync(errors, 'w')] });
process.on('SIGHUP', () => room.kill('SIGHUP'));
room.on('exit', (code, signal) => {
  fs.writeFileSync(result + '.tmp', JSON.stringify({ code, signal }));
  fs.renameSync(result + '.tmp', result);
});
`;

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * `casa-practice <args>` in a terminal (80×24) on `state`, driven by `steps` (keys to type once the
 * output shows a pattern; the last pattern is where the window is closed); resolves with how the
 * program ended and what it wrote to stderr.
 */
async function closedWindow(args: string[], steps: [RegExp, string?][], dir: string, onTestFinished: (fn: () => void) => void) {
  const result = join(dir, 'result.json');
  const errors = join(dir, 'stderr.txt');
  const cmd = [process.execPath, '-e', SHELL, result, errors, BIN[1], ...args].map(quote).join(' ');
  const script = spawn('script', ['-qfec', cmd, '/dev/null'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: dir, XDG_STATE_HOME: join(dir, 'state'), CASA_PRACTICE_SEED: '4', COLUMNS: '80', LINES: '24', TERM: 'xterm-256color' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  onTestFinished(() => {
    if (script.exitCode === null) script.kill('SIGKILL');
  });
  let out = '';
  const waiting = new Set<() => void>();
  script.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    for (const check of [...waiting]) check();
  });
  const waitFor = (re: RegExp) => new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      waiting.delete(check);
      reject(new Error(`never saw ${re}:\n${out.slice(-600)}`));
    }, 20_000);
    const check = () => {
      if (!re.test(out.replace(/\s+/g, ' '))) return;
      waiting.delete(check);
      clearTimeout(timer);
      resolve();
    };
    waiting.add(check);
    check();
  });
  for (const [shows, keys] of steps) {
    await waitFor(shows);
    if (keys !== undefined) script.stdin.write(keys);
  }
  // The "shell" reports once the program has ended (its file appears: waited for by event).
  const ended = new Promise<{ code: number | null; signal: string | null }>((resolve, reject) => {
    const timer = setTimeout(() => {
      watcher.close();
      reject(new Error(`it did not end:\n${existsSync(errors) ? readFileSync(errors, 'utf8') : ''}`));
    }, 20_000);
    const check = () => {
      if (!existsSync(result)) return;
      watcher.close();
      clearTimeout(timer);
      resolve(JSON.parse(readFileSync(result, 'utf8')) as { code: number | null; signal: string | null });
    };
    const watcher = watch(dir, check);
    check();
  });
  // The window closes.
  script.kill('SIGKILL');
  const how = await ended;
  return { how, said: readFileSync(errors, 'utf8'), out };
}

describe.runIf(HAS_SCRIPT)('a terminal window closed under the app', () => {
  it.concurrent('a live room writes its file and summary and exits with 129, not an abort as Node restores the gone terminal', async ({ expect, onTestFinished }) => {
    const dir = mkdtempSync(join(tmpdir(), 'casa-gone-'));
    const state = join(dir, 'state', 'casa-practice');
    // The room is open; the trainer shows the first decision (a session under way has a summary).
    const { how, said, out } = await closedWindow(['room', NEW_PHONE, '--host', '127.0.0.1', '--port', '0'], [[/show the room the first decision/, 'n\r'], [/o: open the vote/]], dir, onTestFinished);
    const code = /Room code: ([A-Z0-9]{6})/.exec(out)?.[1] as string;
    expect(said).not.toMatch(/Assertion failed|ResetStdio|Native stack trace/);
    expect(how).toEqual({ code: 129, signal: null });
    // What the hang-up keeps, as before: the summary so far, the room resumable and marked stopped.
    const exports = readdirSync(join(state, 'exports'));
    expect(exports).toEqual([expect.stringMatching(new RegExp(`^example-new-phone-session-.*-room-${code}\\.md$`))]);
    expect(readFileSync(join(state, 'exports', exports[0] as string), 'utf8')).toMatch(/^# Session summary/);
    expect(peekRoom(readFileSync(join(state, 'rooms', `${code}.json`), 'utf8'))).toMatchObject({ ok: true, room: code });
    expect(existsSync(join(state, 'rooms', `${code}.stopped`))).toBe(true);
  });

  // The full-screen app (Ink, the terminal in raw mode) ended the same way: the fix is where every
  // command exits.
  it.concurrent('play exits with 129 from its content note, not an abort', async ({ expect, onTestFinished }) => {
    const dir = mkdtempSync(join(tmpdir(), 'casa-gone-'));
    // (Nothing typed: a key typed as the app starts may be lost, see hangup.test.ts.)
    const { how, said } = await closedWindow(['play', 'youth-discloses'], [[/Content note/]], dir, onTestFinished);
    expect(said).not.toMatch(/Assertion failed|ResetStdio|Native stack trace/);
    expect(how).toEqual({ code: 129, signal: null });
  });
});
