/**
 * Two or more of the app's scenario files (scenarios/) with one id. The web app opens a scenario by
 * its id (`#/play/<id>`: bundledById, the first file with it in file-name order), and this browser
 * keeps a scenario's saved playthrough and completion records by id: the Scenarios page lists each
 * file as a card, but every card of that id opens the first file. No DOM, no bundler: the build's
 * warning (vite.config.ts) reads the folder with it too.
 */

/** A scenario file's name and its "id" (undefined when it has none that can be read). */
export interface FileId {
  file: string;
  id: string | undefined;
}

/**
 * Each id two or more files share, with those files in the order given (the app's: by file name),
 * so that the first is the one the app opens by that id.
 */
export function sharedIds(files: readonly FileId[]): Map<string, string[]> {
  const byId = new Map<string, string[]>();
  for (const { file, id } of files) if (id !== undefined) byId.set(id, [...(byId.get(id) ?? []), file]);
  return new Map([...byId].filter(([, list]) => list.length > 1));
}

/**
 * The app's order of its scenario files: by the code units of their paths, as the terminal sorts a
 * folder's names. Not localeCompare: its order follows the browser's (or the build machine's)
 * language, so which of two files sharing an id opens, and the one the build's warning names, could
 * differ from one browser or machine to the next ("B.json" before or after "a.json").
 */
export const byFileName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The file name without ".json": a file named after its id is the one a copy was made of. */
export const stemOf = (file: string): string => file.replace(/\.json$/i, '');

/** A scenario file's "id", read without the validator: undefined when it is not JSON or has no string id. */
export function readId(text: string): string | undefined {
  try {
    const raw = JSON.parse(text) as unknown;
    return typeof raw === 'object' && raw !== null && 'id' in raw && typeof raw.id === 'string' ? raw.id : undefined;
  } catch {
    return undefined;
  }
}
