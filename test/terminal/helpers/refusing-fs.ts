/**
 * node:fs with renameSync refusing some renames, for a test's vi.mock factory (it imports nothing,
 * so that it can be loaded from inside the mock of node:fs). As root a read-only folder still takes
 * writes, so a state folder that takes none is simulated here: every file the app writes is put in
 * place by a rename, and a damaged file is moved aside by one. `refusal` gives the error for a rename
 * to `to`, or undefined to let it happen.
 */
export function refusingRenames<T extends { renameSync: (from: never, to: never) => void }>(fs: T, refusal: (to: string) => Error | undefined): T {
  return {
    ...fs,
    renameSync(from: Parameters<T['renameSync']>[0], to: Parameters<T['renameSync']>[1]) {
      const refused = refusal(String(to));
      if (refused) throw refused;
      fs.renameSync(from, to);
    },
  };
}

/** The error a read-only file system gives a rename. */
export const readOnly = (): Error => Object.assign(new Error('EROFS: read-only file system, rename'), { code: 'EROFS' });

/** While `on`, readOnlyFs refuses every rename, as a read-only state folder would (a test turns it on and off). */
export const refused = { on: false };

/** node:fs taking no write while `refused.on`: for `vi.mock('node:fs', …)` (see unwritable-saves.test). */
export function readOnlyFs<T extends { renameSync: (from: never, to: never) => void }>(fs: T): T {
  return refusingRenames(fs, () => (refused.on ? readOnly() : undefined));
}
