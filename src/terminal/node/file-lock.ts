import { randomBytes } from 'node:crypto';
import { closeSync, linkSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';

/**
 * A lock between processes on one file: a lock file created only if none exists (O_EXCL), naming
 * its holder, removed when the update is done. Two terminals that finish a scenario at the same
 * moment each read the records, add their own playthrough and write: under the lock the second
 * reads after the first has written, so neither playthrough is dropped. The lock is held for as
 * long as it takes to read and write one small file (milliseconds).
 *
 * A lock whose holder is gone (killed mid-write: the process no longer runs on this machine) or
 * that is older than `staleMs` (a holder stuck far longer than any update takes) is stale: it is
 * moved aside and taken. Where no lock can be made (a read-only state folder, or none yet), the
 * update runs without one; its writes fail there as they would anyway (or make the folder).
 *
 * Left open: when two processes find the same stale lock at the same moment, the one that moves it
 * aside second may move the first's new lock instead; it sees that (the lock's text is another) and
 * puts it back, but a third process can take the place in between. That needs a holder killed while
 * writing and three processes finishing in the same milliseconds.
 */

/** A lock older than this is stale whoever holds it (an update takes milliseconds). */
export const LOCK_STALE_MS = 10_000;

export interface LockOptions {
  /** Called each time before waiting for a lock another process holds (tests: to know that a process waits, or would). */
  onWait?: () => void;
  /** How old a lock must be to be stale whoever holds it (LOCK_STALE_MS). */
  staleMs?: number;
}

const napCell = new Int32Array(new SharedArrayBuffer(4));
/** Waits `ms` without returning to the event loop (the store's port is synchronous). */
const nap = (ms: number) => void Atomics.wait(napCell, 0, 0, ms);

const codeOf = (e: unknown) => (e as NodeJS.ErrnoException | undefined)?.code;

/** Runs `update` holding the lock file `lockPath` (see above). */
export function withFileLock<T>(lockPath: string, update: () => T, options: LockOptions = {}): T {
  const token = `${process.pid} ${hostname()} ${randomBytes(8).toString('hex')}\n`;
  const held = acquire(lockPath, token, options);
  try {
    return update();
  } finally {
    if (held) release(lockPath, token);
  }
}

/** Takes the lock; false when no lock can be made here (the update then runs without one). */
function acquire(path: string, token: string, options: LockOptions): boolean {
  const staleMs = options.staleMs ?? LOCK_STALE_MS;
  const giveUpAt = Date.now() + 2 * staleMs;
  for (let wait = 1; ; wait = Math.min(50, wait * 2)) {
    const made = create(path, token);
    if (made !== 'held') return made;
    const seen = lockText(path);
    if (seen === undefined) continue; // released meanwhile
    if (isStale(path, seen, staleMs)) {
      if (!breakStale(path, seen)) return false;
      continue;
    }
    // Only a lock whose age cannot be trusted (a clock far off) keeps it this long.
    if (Date.now() > giveUpAt) return false;
    options.onWait?.();
    nap(wait);
  }
}

function create(path: string, token: string): boolean | 'held' {
  let fd: number;
  try {
    // No folder is made for the lock: reading the records must not create the state folder, and a
    // process that plays has made it at start (the check that it can be written).
    fd = openSync(path, 'wx', 0o600);
  } catch (e) {
    return codeOf(e) === 'EEXIST' ? 'held' : false;
  }
  try {
    writeSync(fd, token);
    return true;
  } catch {
    // A lock that does not name its holder would wait out its age in every other process.
    rmSync(path, { force: true });
    return false;
  } finally {
    closeSync(fd);
  }
}

function lockText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function isStale(path: string, text: string, staleMs: number): boolean {
  let modified: number;
  try {
    modified = statSync(path).mtimeMs;
  } catch {
    return false; // gone: the next try takes it
  }
  if (Date.now() - modified > staleMs) return true;
  const [pid, host] = text.split(' ');
  return host === hostname() && /^\d+$/.test(pid ?? '') && !running(Number(pid));
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return codeOf(e) === 'EPERM'; // another user's process
  }
}

/** Moves a stale lock aside; false when it cannot be moved (then no lock can be had here). */
function breakStale(path: string, seen: string): boolean {
  const aside = `${path}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    renameSync(path, aside);
  } catch (e) {
    return codeOf(e) === 'ENOENT';
  }
  // Another process may have taken the stale lock's place just before: its lock is put back.
  if (lockText(aside) !== seen) {
    try {
      linkSync(aside, path);
    } catch {
      // another lock is there now
    }
  }
  rmSync(aside, { force: true });
  return true;
}

function release(path: string, token: string): void {
  try {
    if (readFileSync(path, 'utf8') === token) rmSync(path, { force: true });
  } catch {
    // already gone
  }
}

/** What a marker of a long-lived holder says (see openHolder): this process, on this machine. */
export function holderText(): string {
  return `${process.pid} ${hostname()}\n`;
}

/**
 * The process id in a holder marker (holderText) when that process is another one still running on
 * this machine: e.g. a live room open in another window. Undefined for no marker, this process, a
 * process gone, or a marker from another machine (a state folder shared over a network).
 */
export function openHolder(text: string | undefined): number | undefined {
  const [pid, host] = (text ?? '').trim().split(' ');
  if (host !== hostname() || !/^\d{1,10}$/.test(pid ?? '')) return undefined;
  const n = Number(pid);
  return n !== process.pid && running(n) ? n : undefined;
}
