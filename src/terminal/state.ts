import { closeSync, constants, existsSync, fstatSync, linkSync, lstatSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { basename, dirname, isAbsolute, join } from 'node:path';

/**
 * The user's state directory and the files in it: the saved session, completion records and
 * exports. Every write is atomic (temp file + rename) so a crash never leaves half a file.
 */

/**
 * $XDG_STATE_HOME/casa-practice, or ~/.local/state/casa-practice. Only an absolute folder is taken:
 * an empty or relative HOME (HOME= in a script) put the state under the current folder, where
 * `resume` run from anywhere else would not find it; the account's own home folder is used then.
 */
export function stateDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_STATE_HOME && env.XDG_STATE_HOME.startsWith('/') ? env.XDG_STATE_HOME : join(homeFolder(env), '.local', 'state');
  return join(base, 'casa-practice');
}

/** The first absolute one of $HOME, the account's home folder and Node's idea of it. */
function homeFolder(env: NodeJS.ProcessEnv): string {
  const account = () => {
    try {
      return userInfo().homedir;
    } catch {
      return undefined;
    }
  };
  for (const h of [env.HOME, account(), homedir()]) if (h && isAbsolute(h)) return h;
  return '/';
}

/**
 * Makes a folder and the folders above it that are missing, like `mkdir -p`. (Node's own
 * recursive mkdir never returns where a folder cannot be made although the one above it exists:
 * under /proc it tries again forever.) Throws as mkdir does: EEXIST when a file is in the way.
 */
export function makeFolders(dir: string): void {
  if (made(dir)) return;
  const parent = dirname(dir);
  if (parent !== dir) makeFolders(parent);
  if (!made(dir)) mkdirSync(dir);
}

/** Makes the folder if the one above it exists: true when it is there now, false when the one above is missing. */
function made(dir: string): boolean {
  try {
    mkdirSync(dir);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return false;
    if (code === 'EEXIST' && statSync(dir).isDirectory()) return true;
    throw e;
  }
}

/**
 * Writes a file atomically, creating its folder. Private to the user (0600) unless `mode` says
 * otherwise (a file made to be shared, such as a graph, takes 0666 less the umask).
 */
export function writeAtomic(path: string, text: string, mode = 0o600): void {
  makeFolders(dirname(path));
  const temp = `${path}.${process.pid}.${Date.now()}.tmp`;
  try {
    // 'wx': a new file only, so a link someone placed at the temp name is never written through.
    writeFileSync(temp, text, { mode, flag: 'wx' });
    renameSync(temp, path);
  } catch (e) {
    // Only a temp file this call made is removed (not whatever was in the way of it).
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') rmSync(temp, { force: true });
    throw e;
  }
}

/** Errors of a file system that has no hard links (some network and removable drives). */
const NO_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV']);

/**
 * Writes `text` as a new file, never over another: `${base}${ext}`, else `${base}-2${ext}`,
 * `-3`… the first name no file has; returns its path. The whole text is written to a temp file
 * first and then linked to the name, which fails where a file already is, so two processes writing
 * at once (two terminals ending sessions in the same second) each get a name of their own. Where
 * the file system has no hard links, the first name free at the time is used.
 */
export function writeNew(base: string, ext: string, text: string): string {
  makeFolders(dirname(base));
  const temp = `${base}.${process.pid}.${Date.now()}.tmp`;
  try {
    writeFileSync(temp, text, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') rmSync(temp, { force: true });
    throw e;
  }
  try {
    for (let n = 1; ; n++) {
      const path = n === 1 ? `${base}${ext}` : `${base}-${n}${ext}`;
      try {
        linkSync(temp, path);
        return path;
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code ?? '';
        if (code === 'EEXIST') continue;
        if (!NO_LINKS.has(code)) throw e;
        if (existsSync(path)) continue;
        renameSync(temp, path);
        return path;
      }
    }
  } finally {
    rmSync(temp, { force: true });
  }
}

/**
 * Writes `text` as a new file at `path` the user named, never over anything there (a file, a link,
 * a folder): the whole text is written to a temp file beside it and then linked to the name, which
 * fails with EEXIST where something already is, so a half-written file is never seen under the name
 * and two writers cannot both win. Where the file system has no hard links, the name is checked and
 * the temp file renamed to it. The folder is not made: a folder that does not exist is the user's
 * typing mistake (ENOENT), not a place to create.
 */
export function writeNewFile(path: string, text: string, mode = 0o600): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    writeFileSync(temp, text, { mode, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') rmSync(temp, { force: true });
    throw e;
  }
  try {
    try {
      linkSync(temp, path);
    } catch (e) {
      if (!NO_LINKS.has((e as NodeJS.ErrnoException).code ?? '')) throw e;
      // lstat, not exists: a link to nothing is something there too.
      if (lstatSync(path, { throwIfNoEntry: false })) throw Object.assign(new Error(`EEXIST: file already exists, '${path}'`), { code: 'EEXIST' });
      renameSync(temp, path);
    }
  } finally {
    rmSync(temp, { force: true });
  }
}

/** Larger state files are not read: years of records take well under 5 MB. */
export const MAX_STATE_BYTES = 64 * 1024 * 1024;

/**
 * The text of a file, or undefined when it does not exist. Only a regular file of at most `limit`
 * bytes is read: a save or records file that is (or links to) a named pipe would wait for a writer
 * for ever, and /dev/zero would fill the memory until the program crashed.
 */
export function readIfExists(path: string | Buffer, limit = MAX_STATE_BYTES): string | undefined {
  let fd: number;
  try {
    // O_NONBLOCK: opening a named pipe returns at once (without it, it waits for a writer).
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    // Missing, or a part of its path is a file (a state folder that cannot exist): nothing was saved there.
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw e;
  }
  try {
    const stats = fstatSync(fd);
    // Nothing a volunteer finished is in it (a pipe, a device, a folder): see Store.read's holdsNoData.
    if (!stats.isFile()) throw Object.assign(new Error('it is not a regular file'), { holdsNoData: true });
    if (stats.size > limit) throw new Error(`it is larger than ${limit / 1024 / 1024} MB`);
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}
