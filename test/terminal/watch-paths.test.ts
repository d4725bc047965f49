import { pbkdf2 } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { watchPaths } from '../../src/terminal/node/watch-paths.js';

// From a CI run on a busy machine: `validate --watch` said a file's deleted folder was gone, the
// folder was made again with the file in it, and nothing more was ever said. A folder that is gone
// was waited for with fs.watchFile, whose first look at the path is taken off the main thread
// (libuv's thread pool), later: a folder made again before that look was never seen to change.
// Here the thread pool is kept busy from the deletion on, and the folder made again as soon as it is
// said gone, as on a busy machine.

/** Keeps every thread of libuv's pool busy for a while (hashing), as other work on a busy machine does. */
function busyThreadPool(): Promise<unknown> {
  const threads = Number(process.env.UV_THREADPOOL_SIZE ?? 4);
  return Promise.all(Array.from({ length: threads * 2 }, () => new Promise((resolve) => {
    pbkdf2('x', 'y', 300_000, 64, 'sha512', resolve);
  })));
}

describe('watchPaths', () => {
  it('a watched folder deleted, then made again before the machine has looked at its path, is watched again and said as changed', { timeout: 20_000 }, async () => {
    const root = mkdtempSync(join(tmpdir(), 'watch-'));
    const folder = join(root, 'drafts');
    mkdirSync(folder);
    writeFileSync(join(folder, 'draft.json'), '{}');
    const changes: Set<string>[] = [];
    let seen: (() => void) | undefined;
    let busy: Promise<unknown> | undefined;
    const stop = watchPaths([join(folder, 'draft.json')], (changed) => {
      changes.push(new Set(changed));
      seen?.();
      if (changes.length === 1) {
        // Told it is gone (the thread pool still busy): the folder made again at once.
        mkdirSync(folder);
        writeFileSync(join(folder, 'draft.json'), '{"again": true}');
      }
    }, () => undefined, 20);
    try {
      const after = (n: number) => new Promise<void>((resolve) => {
        seen = () => {
          if (changes.length >= n) resolve();
        };
        seen();
      });
      rmSync(folder, { recursive: true });
      busy = busyThreadPool();
      await after(1);
      await after(2);
      expect([...changes[1]!]).toContain(folder);
      await busy;
    } finally {
      stop();
      rmSync(root, { recursive: true, force: true });
    }
  });
});
