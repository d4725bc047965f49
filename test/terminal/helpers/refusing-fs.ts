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

/** Every folder readOnlyFs's readdirSync has listed, in order: a test counts the reads of one (clear it first). */
export const listed: string[] = [];

/** node:fs taking no write while `refused.on`, and noting each folder listed (`listed`): for `vi.mock('node:fs', …)` (see unwritable-saves.test). */
export function readOnlyFs<T extends { renameSync: (from: never, to: never) => void; readdirSync: (path: never, ...rest: never[]) => unknown }>(fs: T): T {
  const refusing = refusingRenames(fs, () => (refused.on ? readOnly() : undefined));
  return {
    ...refusing,
    readdirSync: ((path: Parameters<T['readdirSync']>[0], ...rest: never[]) => {
      listed.push(String(path));
      return fs.readdirSync(path, ...rest);
    }) as T['readdirSync'],
  };
}

/** The folder whose writes folderRefusingFs refuses (none while empty): a test sets it. */
export const readOnlyFolder = { path: '' };

/** The error a folder the user may not write gives. */
export const permissionDenied = (): Error => Object.assign(new Error('EACCES: permission denied, open'), { code: 'EACCES' });

/**
 * node:fs refusing, as a folder without write permission would for another user than root, every
 * new file, link and rename into `readOnlyFolder.path` (and below it): for `vi.mock('node:fs', …)`.
 * As root, chmod -w does not stop writes.
 */
export function folderRefusingFs<T extends { writeFileSync: (path: never, ...rest: never[]) => void; linkSync: (from: never, to: never) => void; renameSync: (from: never, to: never) => void }>(fs: T): T {
  const inside = (path: unknown) => readOnlyFolder.path !== '' && typeof path === 'string' && path.startsWith(`${readOnlyFolder.path}/`);
  return {
    ...fs,
    writeFileSync: ((path: Parameters<T['writeFileSync']>[0], ...rest: never[]) => {
      if (inside(path)) throw permissionDenied();
      fs.writeFileSync(path, ...rest);
    }) as T['writeFileSync'],
    linkSync: ((from: Parameters<T['linkSync']>[0], to: Parameters<T['linkSync']>[1]) => {
      if (inside(to)) throw permissionDenied();
      fs.linkSync(from, to);
    }) as T['linkSync'],
    renameSync: ((from: Parameters<T['renameSync']>[0], to: Parameters<T['renameSync']>[1]) => {
      if (inside(to)) throw permissionDenied();
      fs.renameSync(from, to);
    }) as T['renameSync'],
  };
}
