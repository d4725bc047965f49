import { realpathSync, statSync, watch, type FSWatcher } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** How long a file must be left alone before its changes are handed on: an editor's save is a burst. */
export const QUIET_MS = 200;
/** A file written without pause for longer than this is handed on anyway, then again when it stops. */
const MOST_MS = 2000;

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
  const flush = () => {
    timer = undefined;
    first = 0;
    const now = changed;
    changed = new Set();
    onChange(now);
  };
  const watchers: FSWatcher[] = [];
  for (const folder of folders) {
    try {
      const w = watch(folder, { persistent: true }, (_event, name) => {
        changed.add(name ? join(folder, name.toString()) : folder);
        first ||= Date.now();
        if (timer) clearTimeout(timer);
        timer = setTimeout(flush, Math.max(0, Math.min(quietMs, first + MOST_MS - Date.now())));
      });
      w.on('error', (e: NodeJS.ErrnoException) => {
        w.close();
        onTrouble({ folder, why: troubleWords(e) });
      });
      watchers.push(w);
    } catch (e) {
      onTrouble({ folder, why: troubleWords(e as NodeJS.ErrnoException) });
    }
  }
  return () => {
    if (timer) clearTimeout(timer);
    for (const w of watchers) w.close();
  };
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
