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
  return {
    pathOf,
    maxBytes,
    read: (key) => readIfExists(pathOf(key), maxBytes),
    write(key, text) {
      // Never a file the next read would set aside as too large: the one there is kept as it was.
      if (Buffer.byteLength(text) > maxBytes) throw Object.assign(new Error(`EFBIG: more than ${maxBytes} bytes, write '${pathOf(key)}'`), { code: 'EFBIG' });
      writeAtomic(pathOf(key), text);
    },
    remove: (key) => rmSync(pathOf(key), { force: true }),
    moveAside(key, now, why) {
      const to = pathOf(asideKey(key, now, why, (k) => existsSync(pathOf(k))));
      renameSync(pathOf(key), to);
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
      let names: string[];
      try {
        names = readdirSync(folder);
      } catch {
        return [];
      }
      return names.flatMap((name) => {
        try {
          const s = statSync(join(folder, name));
          return s.isFile() ? [{ key: `${prefix}${name}`, modified: s.mtimeMs }] : [];
        } catch {
          return [];
        }
      });
    },
  };
}
