import { lstatSync, realpathSync, statSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/** How long a file must be left alone before its changes are handed on: an editor's save is a burst. */
export const QUIET_MS = 200;
/** A file written without pause for longer than this is handed on anyway, then again when it stops. */
const MOST_MS = 2000;
/** How often a watched folder that is gone is looked for (one stat of its path), to watch it again when it is back. */
export const BACK_POLL_MS = 500;

/** A folder that could not be watched, or stopped being watched, and why. */
export interface WatchTrouble {
  folder: string;
  why: string;
}

/**
 * Watches files and folders for `validate --watch`. Each file is watched through its folder (and,
 * for a link, the folder of the file it leads to), the events filtered by name: an editor that saves
 * by writing another file and renaming it over the first (a rename-replace save) replaces the file
 * itself, and a watch on the file would then follow the old one, deleted, and see no later save.
 * Watching the folder also sees a file deleted and written again, and a new file in a folder named.
 * A folder watched that is deleted (or moved away) is looked for until one is there again, then
 * watched again and handed on as changed (its own path).
 * Events come in bursts (VS Code writes a file in more than one step): `onChange` is called once the
 * folders have been quiet for QUIET_MS, with the absolute paths the events named (a folder's own
 * path when an event named no file). Returns a function that stops watching.
 */
export function watchPaths(
  paths: readonly string[],
  onChange: (changed: ReadonlySet<string>) => void,
  onTrouble: (trouble: WatchTrouble) => void,
  quietMs = QUIET_MS,
): () => void {
  const folders = new Set<string>();
  for (const p of paths) {
    const abs = resolve(p);
    if (isFolder(abs)) folders.add(abs);
    else {
      folders.add(dirname(abs));
      const real = realPath(abs);
      if (real !== undefined) folders.add(dirname(real));
    }
  }
  let changed = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let first = 0;
  let stopped = false;
  const note = (path: string) => {
    changed.add(path);
    first ||= Date.now();
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, Math.max(0, Math.min(quietMs, first + MOST_MS - Date.now())));
  };
  /** Each folder's watch: the folder it saw (device and inode), or undefined while it is waited for. */
  const watched = new Map<string, { watcher: FSWatcher; seen: string } | undefined>();
  const polled = new Map<string, NodeJS.Timeout>();
  /**
   * A folder gone (deleted, or moved away: a watch follows the folder it began on) is waited for:
   * its path is looked at every BACK_POLL_MS (one stat, however deep the folder was; its parent may
   * be gone too), and once a folder is there again it is watched, and said as changed. Looked at by
   * a timer, not fs.watchFile: watchFile's first look is taken later, off the main thread, and a
   * folder made again before it (a busy machine) was never seen to change, so never watched again.
   */
  const awaitReturn = (folder: string) => {
    watched.set(folder, undefined);
    if (polled.has(folder)) return;
    const back = () => {
      if (stopped || !isFolder(folder)) return;
      clearInterval(polled.get(folder));
      polled.delete(folder);
      if (start(folder)) note(folder);
    };
    polled.set(folder, setInterval(back, BACK_POLL_MS));
    back();
  };
  /** Watches the folder; false when it could not be (said through onTrouble, or waited for when gone). */
  const start = (folder: string): boolean => {
    const seen = identity(folder);
    if (seen === undefined) {
      awaitReturn(folder);
      return false;
    }
    try {
      const watcher = watch(folder, { persistent: true }, (_event, name) => note(name ? join(folder, name.toString()) : folder));
      watcher.on('error', (e: NodeJS.ErrnoException) => {
        watcher.close();
        if (stopped) return;
        // Some systems end a folder's watch with an error when the folder is deleted.
        if (!isFolder(folder)) {
          awaitReturn(folder);
          note(folder);
        } else {
          watched.delete(folder);
          onTrouble({ folder, why: troubleWords(e) });
        }
      });
      watched.set(folder, { watcher, seen });
      return true;
    } catch (e) {
      watched.delete(folder);
      onTrouble({ folder, why: troubleWords(e as NodeJS.ErrnoException) });
      return false;
    }
  };
  /**
   * Before the changes are handed on: a folder watched that is gone, or is another folder now (made
   * again, or one moved into its place), is watched again, or waited for. Its own deletion shows as
   * an event naming the folder's own name inside it.
   */
  const checkFolders = () => {
    for (const [folder, w] of watched) {
      if (w === undefined) continue;
      const self = join(folder, basename(folder));
      const other = identity(folder) !== w.seen || (changed.has(self) && !isThere(self));
      if (!other) continue;
      w.watcher.close();
      if (start(folder)) changed.add(folder);
    }
  };
  function flush() {
    timer = undefined;
    first = 0;
    checkFolders();
    const now = changed;
    changed = new Set();
    onChange(now);
  }
  for (const folder of folders) start(folder);
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    for (const w of watched.values()) w?.watcher.close();
    for (const poll of polled.values()) clearInterval(poll);
  };
}

/** The folder's device and inode ("2049:1234"), or undefined when no folder is there. */
function identity(folder: string): string | undefined {
  try {
    const s = statSync(folder);
    return s.isDirectory() ? `${s.dev}:${s.ino}` : undefined;
  } catch {
    return undefined;
  }
}

/** Whether anything (a file, a folder, a link even to nothing) is at a path. */
export function isThere(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** The path a link leads to (the path itself when it is no link), or undefined when it leads nowhere. */
export function realPath(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

/** Whether the path is a folder (or a link to one). */
export function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function troubleWords(e: NodeJS.ErrnoException | undefined): string {
  const code = e?.code;
  if (code === 'ENOENT') return 'it is gone';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOSPC') return 'the system watches too many files already (raise fs.inotify.max_user_watches)';
  return e?.message ?? 'it cannot be watched';
}
