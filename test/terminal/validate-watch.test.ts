import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, runInProcess } from './helpers/cli.js';
import { fixturePath } from '../helpers/fixtures.js';
import { cannotWatchLine } from '../../src/terminal/validate-watch.js';

// `validate --watch`: trainers edit a scenario in an editor and want it checked each time they save.
// The built program runs as a child (stdout a pipe, not a terminal); each step waits for the line it
// expects in the output, never for a set time.

const EXAMPLE = readFileSync(fixturePath('good/example.json'), 'utf8');
/** The example with an error: a version written as a bare word is not JSON. */
const BROKEN = EXAMPLE.replace('"version": 1', '"version": x');
const HEADER = /\nChecked again at \d\d:\d\d:\d\d: /g;

/** `validate --watch <args>` run in `cwd`; `until` resolves once the output matches. */
function watching(args: string[], cwd: string) {
  const env = { PATH: process.env.PATH, XDG_STATE_HOME: mkdtempSync(join(tmpdir(), 's')) };
  const child = spawn(BIN[0], [BIN[1], 'validate', '--watch', ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const waiting = new Set<() => void>();
  const seen = () => {
    for (const w of [...waiting]) w();
  };
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    out += d;
    seen();
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    err += d;
    seen();
  });
  const closed = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return {
    out: () => out,
    err: () => err,
    /** Resolves when the output so far matches `pattern` (a function: when it returns true). */
    until(pattern: RegExp | ((out: string) => boolean)): Promise<void> {
      const matches = () => (typeof pattern === 'function' ? pattern(out) : pattern.test(out));
      return new Promise((resolve, reject) => {
        // A deadline, not a wait: what was printed by then says what did not come.
        const late = setTimeout(() => {
          if (waiting.delete(w)) reject(new Error(`no ${String(pattern)} within 15 s:\n${out}\n${err}`));
        }, 15_000);
        const w = () => {
          if (!matches()) return;
          waiting.delete(w);
          clearTimeout(late);
          resolve();
        };
        waiting.add(w);
        w();
        void closed.then(() => {
          clearTimeout(late);
          if (waiting.delete(w)) reject(new Error(`it stopped before ${String(pattern)}:\n${out}\n${err}`));
        });
      });
    },
    /** Ctrl+C: SIGINT, as a terminal sends it; the exit code. */
    stop(): Promise<number | null> {
      child.kill('SIGINT');
      return closed;
    },
    kill: () => child.kill('SIGKILL'),
  };
}

const count = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].length;

function folderWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'casa-watch-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('validate --watch', () => {
  it('checks the file again on each save, each report under a line with the time, nothing cleared; Ctrl+C exits 0 without a stack trace', { timeout: 30_000 }, async () => {
    const dir = folderWith({ 'draft.json': EXAMPLE });
    const w = watching(['draft.json'], dir);
    try {
      await w.until(/Press Ctrl\+C to stop\.\n/);
      expect(w.out()).toMatch(/^draft\.json:[^]*draft\.json: valid \(1 warning\)\n\nWatching for saves\. Press Ctrl\+C to stop\.\n$/);
      writeFileSync(join(dir, 'draft.json'), BROKEN);
      await w.until(/\nChecked again at \d\d:\d\d:\d\d: draft\.json was saved\.\ndraft\.json:4:14 error \[json-syntax\][^]*draft\.json: 1 error, 0 warnings\n/);
      writeFileSync(join(dir, 'draft.json'), EXAMPLE);
      await w.until((out) => count(out, HEADER) === 2 && /valid \(1 warning\)\n$/.test(out));
      expect(await w.stop()).toBe(0);
      expect(w.err()).toBe('');
      expect(w.out()).toMatch(/\nStopped watching\.\n$/);
      // Said once; the first report is still there, above the others; no screen clearing.
      expect(count(w.out(), /Ctrl\+C/g)).toBe(1);
      expect(w.out().split('\n').filter((l) => l === 'draft.json: valid (1 warning)')).toHaveLength(2);
      expect(w.out()).not.toContain('\u001b');
    } finally {
      w.kill();
    }
  });

  it('an editor\'s burst of writes is checked once, and a file replaced by a rename (a rename-replace save) is still watched', { timeout: 30_000 }, async () => {
    const dir = folderWith({ 'draft.json': EXAMPLE });
    const file = join(dir, 'draft.json');
    const w = watching(['draft.json'], dir);
    try {
      await w.until(/Press Ctrl\+C to stop\.\n/);
      // One save in steps: the file emptied, half of it, then all of it.
      writeFileSync(file, '');
      writeFileSync(file, EXAMPLE.slice(0, 200));
      writeFileSync(file, EXAMPLE);
      await w.until((out) => count(out, HEADER) >= 1);
      // Saved by writing another file and renaming it over this one: the file is a new one.
      writeFileSync(join(dir, 'draft.json.tmp'), BROKEN);
      renameSync(join(dir, 'draft.json.tmp'), file);
      await w.until((out) => count(out, HEADER) >= 2 && /1 error, 0 warnings\n$/.test(out));
      // Saved in place after that: still seen.
      writeFileSync(file, EXAMPLE);
      await w.until((out) => count(out, HEADER) >= 3 && /valid \(1 warning\)\n$/.test(out));
      const reports = w.out().split(HEADER).slice(1);
      expect(reports, w.out()).toHaveLength(3);
      expect(reports[0]).toMatch(/^draft\.json was saved\.\n(?:draft\.json:2:14 warning \[schema-not-found\].*\n.*\n)draft\.json: valid \(1 warning\)\n$/);
      expect(reports[1]).toMatch(/^draft\.json was saved\.\n/);
      expect(w.out()).not.toContain('draft.json.tmp');
      expect(await w.stop()).toBe(0);
    } finally {
      w.kill();
    }
  });

  it('a file deleted while watched is said, and checked again when it comes back', { timeout: 30_000 }, async () => {
    const dir = folderWith({ 'draft.json': EXAMPLE });
    const w = watching(['draft.json'], dir);
    try {
      await w.until(/Press Ctrl\+C to stop\.\n/);
      rmSync(join(dir, 'draft.json'));
      await w.until(/\nAt \d\d:\d\d:\d\d: draft\.json is gone \(deleted or moved away\): it is checked again if it comes back\.\n/);
      writeFileSync(join(dir, 'draft.json'), BROKEN);
      await w.until(/\nChecked again at \d\d:\d\d:\d\d: draft\.json is back\.\ndraft\.json:4:14 error[^]*draft\.json: 1 error, 0 warnings\n/);
      expect(await w.stop()).toBe(0);
      expect(w.err()).toBe('');
    } finally {
      w.kill();
    }
  });

  it('a folder watched: new .json files are checked (not JSON Schemas nor other files), an empty folder is waited on', { timeout: 30_000 }, async () => {
    const dir = folderWith({});
    mkdirSync(join(dir, 'drafts'));
    const w = watching(['drafts'], dir);
    try {
      await w.until(/Press Ctrl\+C to stop\.\n/);
      expect(w.out()).toBe('No scenario files found in drafts.\n\nWatching for saves and new files. Press Ctrl+C to stop.\n');
      writeFileSync(join(dir, 'drafts', 'notes.txt'), 'to do');
      writeFileSync(join(dir, 'drafts', 'copy.schema.json'), '{}');
      writeFileSync(join(dir, 'drafts', 'first.json'), EXAMPLE);
      await w.until(/\nChecked again at \d\d:\d\d:\d\d: drafts\/first\.json is new\.\n[^]*drafts\/first\.json: valid \(1 warning\)\n/);
      writeFileSync(join(dir, 'drafts', 'second.json'), BROKEN);
      await w.until(/: drafts\/second\.json is new\.\n[^]*drafts\/second\.json: 1 error, 0 warnings\n1 of 2 files valid\n/);
      rmSync(join(dir, 'drafts', 'first.json'));
      await w.until(/\nAt \d\d:\d\d:\d\d: drafts\/first\.json is gone \(deleted or moved away\)\.\n/);
      expect(w.out()).not.toMatch(/notes\.txt|copy\.schema\.json/);
      expect(await w.stop()).toBe(0);
    } finally {
      w.kill();
    }
  });

  // It ended with a FileAccessError's stack trace: the name, listed with U+FFFD, was read as missing.
  it('a folder watched: a new file whose name is not UTF-8 is that file\'s problem, and the watch goes on', { timeout: 30_000 }, async () => {
    const dir = folderWith({ 'draft.json': EXAMPLE });
    const odd = Buffer.concat([Buffer.from(join(dir, 'old-')), Buffer.from([0xff]), Buffer.from('.json')]);
    const w = watching(['.'], dir);
    try {
      await w.until(/Press Ctrl\+C to stop\.\n/);
      try {
        writeFileSync(odd, EXAMPLE);
      } catch {
        return; // A file system that refuses such a name (macOS) cannot hold one.
      }
      await w.until(/: old-\ufffd\.json is new\.\n[^]*old-\ufffd\.json[^\n]*error \[unreadable\][^\n]*its name is not UTF-8 text[^]*1 of 2 files valid\n/);
      writeFileSync(join(dir, 'draft.json'), BROKEN);
      await w.until(/: draft\.json was saved\.\n[^]*draft\.json: 1 error, 0 warnings\n0 of 2 files valid\n/);
      expect(await w.stop()).toBe(0);
      expect(w.err()).toBe('');
    } finally {
      w.kill();
    }
  });

  it('a folder watched that is deleted is said, and watched and checked again when it is made again', { timeout: 30_000 }, async () => {
    const dir = folderWith({});
    mkdirSync(join(dir, 'drafts'));
    writeFileSync(join(dir, 'drafts', 'first.json'), EXAMPLE);
    const w = watching(['drafts'], dir);
    try {
      await w.until(/Press Ctrl\+C to stop\.\n/);
      rmSync(join(dir, 'drafts'), { recursive: true });
      await w.until(/\nAt \d\d:\d\d:\d\d: drafts\/first\.json is gone \(deleted or moved away\); the folder drafts is gone: it is checked again if it comes back\.\nNo scenario files to check now\.\n$/);
      // Made again with a file in it: the folder is said back, and its file checked.
      mkdirSync(join(dir, 'drafts'));
      writeFileSync(join(dir, 'drafts', 'first.json'), BROKEN);
      await w.until(/\nChecked again at \d\d:\d\d:\d\d: the folder drafts is back, checking it again\.\ndrafts\/first\.json:4:14 error[^]*drafts\/first\.json: 1 error, 0 warnings\n/);
      // Watched again: a save and a new file there are seen.
      writeFileSync(join(dir, 'drafts', 'first.json'), EXAMPLE);
      await w.until(/: drafts\/first\.json was saved\.\n[^]*drafts\/first\.json: valid \(1 warning\)\n$/);
      writeFileSync(join(dir, 'drafts', 'second.json'), EXAMPLE);
      await w.until(/: drafts\/second\.json is new\.\n[^]*2 of 2 files valid\n$/);
      // Moved away and another put in its place: the same.
      renameSync(join(dir, 'drafts'), join(dir, 'old-drafts'));
      await w.until(/the folder drafts is gone: it is checked again if it comes back\.\nNo scenario files to check now\.\n$/);
      mkdirSync(join(dir, 'drafts'));
      await w.until(/\nAt \d\d:\d\d:\d\d: the folder drafts is back, checking it again\.\nNo scenario files to check now\.\n$/);
      writeFileSync(join(dir, 'drafts', 'third.json'), BROKEN);
      await w.until(/: drafts\/third\.json is new\.\n[^]*drafts\/third\.json: 1 error, 0 warnings\n/);
      expect(w.out()).not.toContain('old-drafts');
      expect(await w.stop()).toBe(0);
      expect(w.err()).toBe('');
    } finally {
      w.kill();
    }
  });

  it('a file watched whose folder is deleted and made again is checked when it comes back, and its saves after', { timeout: 30_000 }, async () => {
    const dir = folderWith({});
    mkdirSync(join(dir, 'drafts'));
    writeFileSync(join(dir, 'drafts', 'draft.json'), EXAMPLE);
    const w = watching([join('drafts', 'draft.json')], dir);
    try {
      await w.until(/Press Ctrl\+C to stop\.\n/);
      rmSync(join(dir, 'drafts'), { recursive: true });
      await w.until(/: drafts\/draft\.json is gone \(deleted or moved away\): it is checked again if it comes back\.\n/);
      mkdirSync(join(dir, 'drafts'));
      writeFileSync(join(dir, 'drafts', 'draft.json'), BROKEN);
      await w.until(/: drafts\/draft\.json is back\.\n[^]*drafts\/draft\.json: 1 error, 0 warnings\n$/);
      writeFileSync(join(dir, 'drafts', 'draft.json'), EXAMPLE);
      await w.until(/: drafts\/draft\.json was saved\.\n[^]*drafts\/draft\.json: valid \(1 warning\)\n$/);
      expect(await w.stop()).toBe(0);
      expect(w.err()).toBe('');
    } finally {
      w.kill();
    }
  });

  it('with --strict, a file checked again with a warning is not valid', { timeout: 30_000 }, async () => {
    const dir = folderWith({ 'draft.json': EXAMPLE });
    const w = watching(['--strict', 'draft.json'], dir);
    try {
      await w.until(/Press Ctrl\+C to stop\.\n/);
      expect(w.out()).toContain('draft.json: not valid under --strict (1 warning)\n');
      writeFileSync(join(dir, 'draft.json'), `${EXAMPLE}\n`);
      await w.until(/was saved\.\n[^]*draft\.json: not valid under --strict \(1 warning\)\n$/);
      expect(await w.stop()).toBe(0);
    } finally {
      w.kill();
    }
  });

  it('--watch with --json is refused with a usage message (one report for a tool, many for a person)', async () => {
    const r = await runInProcess('validate', '--watch', '--json', fixturePath('good/example.json'));
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain('casa-practice: --watch and --json do not go together: --watch prints a report for you after each save; for a tool, run validate --json after each change\nFor usage, run:\n');
  });
});

describe('validate --watch: a folder that cannot be watched', () => {
  // For an uncommon error (EMFILE, …) the reason is Node's own message, which names the path as the file
  // system has it: a folder named with escape sequences must not reach the terminal raw through it.
  it('is said with its reason cleaned of escape sequences, the folder name too', () => {
    const evil = '/tmp/drafts\u001b]0;owned\u0007\u001b[2J';
    const line = cannotWatchLine(evil, `EMFILE: too many open files, watch '${evil}'`);
    expect(line.includes('\u001b') || line.includes('\u0007')).toBe(false);
    expect(line).toMatch(/^casa-practice: cannot watch .*\(EMFILE: too many open files, watch '.*'\): saves there are not seen\.\n$/);
  });
});
