import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import { asideKey, type Store } from '../../machines/light.js';
import { MAX_STATE_BYTES, readIfExists, writeAtomic } from '../state.js';
import { withFileLock, type LockOptions } from './file-lock.js';

/**
 * The core's storage port on the file system: each key is a file under `dir` ("saves/x.json" →
 * dir/saves/x.json). Writes are atomic (temp file + rename); damaged files are renamed aside.
 */
export interface FileStore extends Store {
  /** The file a key is kept in. */
  pathOf(key: string): string;
  exclusive<T>(key: string, update: () => T): T;
  /**
   * Whether a key list gave names a file whose name is not UTF-8 (bytes a copy from another system
   * or an archive can leave): its key is the name with U+FFFD for those bytes, which names no file,
   * so the store keeps the name's bytes and reads, removes and moves aside that file by them. A UI
   * names such a save plainly ("a save whose file name is not UTF-8"): its key is not its name.
   */
  undecodedName(key: string): boolean;
}

/**
 * The name a file's name (`bytes`) is listed under: as it is when it is UTF-8; otherwise with
 * U+FFFD for the bytes that are not (as Node reads it), then "~2", "~3"… before its extension when
 * that is another file's name already (`taken`, which it joins). `next`: the number to try next
 * for each such name, so that thousands of names alike are not each tried from "~2" again.
 */
function listedName(bytes: Buffer, taken: Set<string>, next: Map<string, number>): { name: string; undecoded: boolean } {
  const name = bytes.toString('utf8');
  if (Buffer.from(name, 'utf8').equals(bytes)) return { name, undecoded: false };
  const dot = name.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  let listed = name;
  let n = next.get(name) ?? 2;
  for (; taken.has(listed); n++) listed = `${stem}~${n}${ext}`;
  next.set(name, n);
  taken.add(listed);
  return { name: listed, undecoded: true };
}

/**
 * A store whose keys are files under `dir`. Its `exclusive` locks a key against other processes with
 * a lock file beside it (key.lock; see file-lock.ts); within one update it is not taken again.
 * `maxBytes`: the largest file it reads (see readIfExists); it writes none larger (Store.maxBytes).
 */
export function fileStore(dir: string, lock: LockOptions = {}, maxBytes = MAX_STATE_BYTES): FileStore {
  const pathOf = (key: string): string => {
    const path = normalize(join(dir, key));
    // Keys come from the core, but a key must never reach outside the folder.
    if (!path.startsWith(normalize(dir) + sep)) throw new Error(`not a key of this store: ${key}`);
    return path;
  };
  const holding = new Set<string>();
  /** The file of each key list gave for a name that is not UTF-8 (FileStore.undecodedName), by its bytes. */
  const undecoded = new Map<string, Buffer>();
  /** Where a key's file is: its bytes for a name that is not UTF-8, else its path. */
  const fileOf = (key: string): string | Buffer => undecoded.get(key) ?? pathOf(key);
  return {
    pathOf,
    maxBytes,
    undecodedName: (key) => undecoded.has(key),
    read: (key) => readIfExists(fileOf(key), maxBytes),
    write(key, text) {
      // Never a file the next read would set aside as too large: the one there is kept as it was.
      if (Buffer.byteLength(text) > maxBytes) throw Object.assign(new Error(`EFBIG: more than ${maxBytes} bytes, write '${pathOf(key)}'`), { code: 'EFBIG' });
      writeAtomic(pathOf(key), text);
    },
    remove(key) {
      rmSync(fileOf(key), { force: true });
      undecoded.delete(key);
    },
    moveAside(key, now, why) {
      const to = pathOf(asideKey(key, now, why, (k) => existsSync(pathOf(k))));
      renameSync(fileOf(key), to);
      undecoded.delete(key);
      return to;
    },
    exclusive(key, update) {
      if (holding.has(key)) return update();
      holding.add(key);
      try {
        return withFileLock(`${pathOf(key)}.lock`, update, lock);
      } finally {
        holding.delete(key);
      }
    },
    list(prefix) {
      const folder = pathOf(prefix.endsWith('/') ? `${prefix}.` : prefix);
      let names: Buffer[];
      try {
        // As bytes: read as text, a name that is not UTF-8 came back with U+FFFD for its bytes, a
        // name no file has, and the file (a newer version's save) was left out without a word.
        names = readdirSync(folder, { encoding: 'buffer' });
      } catch {
        return [];
      }
      const taken = new Set(names.map((b) => b.toString('utf8')).filter((n, i) => Buffer.from(n, 'utf8').equals(names[i] as Buffer)));
      const next = new Map<string, number>();
      const folderBytes = Buffer.from(folder + sep, 'utf8');
      return names.flatMap((bytes) => {
        const { name, undecoded: odd } = listedName(bytes, taken, next);
        const key = `${prefix}${name}`;
        const file = odd ? Buffer.concat([folderBytes, bytes]) : join(folder, name);
        try {
          const s = statSync(file);
          if (!s.isFile()) return [];
          if (odd && Buffer.isBuffer(file)) undecoded.set(key, file);
          return [{ key, modified: s.mtimeMs }];
        } catch {
          return [];
        }
      });
    },
  };
}
