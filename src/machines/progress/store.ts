import { cleanLine } from '../text/clean.js';
import { shownFileName } from '../text/quote.js';

/**
 * Storage is a port: the core says what it keeps, each UI says where. Keys are slash-separated
 * names such as "saves/youth-discloses.json" or "records.json"; values are text (JSON).
 * The terminal's adapter writes files atomically under the state folder; the web app's uses
 * localStorage; tests use memoryStore().
 */
export interface Store {
  /**
   * The text under a key, or undefined when there is none. Throws when it exists but cannot be read;
   * the error has `holdsNoData: true` when what is there cannot hold saved data (not a regular file:
   * a named pipe, a device, a folder), so writing the key may replace it.
   */
  read(key: string): string | undefined;
  /** Replaces the text under a key in one step (never half-written). */
  write(key: string, text: string): void;
  /** Removes a key; no error when it is already gone. */
  remove(key: string): void;
  /**
   * Keeps a value that cannot be used under a new key (never deletes it) and says where, for the
   * volunteer; `why` names the new key (see asideKey), damaged unless said otherwise. When it cannot
   * be moved it stays where it is (say so with leftInPlace), and the store never writes over it for
   * the rest of the session: it is the only copy (later writes to that key are kept in memory).
   */
  moveAside(key: string, now?: Date, why?: AsideReason): string;
  /**
   * The largest text (bytes of UTF-8) this store reads back, when it has a limit: a larger value
   * would be set aside as too large by the next read, so the core writes its records compact when
   * indented they would pass it (see recordsText), and the store refuses a write past it.
   */
  readonly maxBytes?: number;
  /**
   * The most bytes (UTF-8) a value written to `key` may take now, when the store's limit counts
   * everything it holds (a browser's: WEB_STORE_MAX_BYTES for the whole site), not each value: the
   * limit less all else kept. The core writes its records compact when indented they would not fit
   * in it. Left out when each value has a limit of its own (maxBytes), or none.
   */
  roomFor?(key: string): number;
  /** The keys under a prefix ("saves/"), each with when it was last written (ms since 1970). */
  list(prefix: string): { key: string; modified: number }[];
  /**
   * Runs `update`, a read-modify-write of `key`, so that no other process writing the same place runs
   * one of `key` at the same moment (a lock): two terminals finishing together would otherwise each
   * read the records, add their own playthrough and write, and the second write would drop the
   * first's. Left out by a store no other process writes (memory), or whose places change hands in
   * another way (a browser's tabs: see restorePlaythroughs). A store that cannot lock (a read-only
   * folder) runs `update` all the same.
   */
  exclusive?<T>(key: string, update: () => T): T;
  /**
   * Whether the value under `key` is held for this tab or process only, because writing it failed
   * (the browser's storage full, a disk that refused it): it is lost when the tab or program closes.
   * Left out by a store that keeps nothing beyond this process anyway (memory).
   */
  inMemoryOnly?(key: string): boolean;
}

/** Runs `update` under the store's lock of `key` when it has one (see Store.exclusive). */
export function exclusively<T>(store: Store, key: string, update: () => T): T {
  return store.exclusive ? store.exclusive(key, update) : update();
}

/**
 * Why a value is set aside. `damaged`: it cannot be read as what it claims to be. `outdated`: it is
 * sound, but was written for another version of its scenario (the story may have changed), so it
 * cannot carry on; it is not called damaged, which would send a volunteer looking for a fault.
 * `replaced`: a save here that a newer one from a loaded backup took the place of; kept, as the
 * backup's may not carry on (damaged in a way its outline does not show), so no progress is lost.
 */
export type AsideReason = 'damaged' | 'outdated' | 'replaced';

/**
 * The key a value set aside is moved to: saves/x.json.damaged-2025-01-31T10-20-30, or .outdated-…, .replaced-…;
 * with `taken`, the first of that key, then -2, -3… after it, that no value has yet, so that two
 * set aside in the same second are both kept (the second replaced the first).
 */
export function asideKey(key: string, now = new Date(), why: AsideReason = 'damaged', taken?: (key: string) => boolean): string {
  const first = `${key}.${why}-${now.toISOString().slice(0, 19).replace(/:/g, '-')}`;
  if (!taken) return first;
  let to = first;
  for (let n = 2; taken(to) && n < 1000; n++) to = `${first}-${n}`;
  return to;
}

/** A store in memory: for tests, and for a session that cannot save anywhere else. */
export function memoryStore(initial: Record<string, string> = {}, clock: () => number = Date.now): Store & { data: Map<string, { text: string; modified: number }> } {
  const data = new Map(Object.entries(initial).map(([k, text]) => [k, { text, modified: clock() }]));
  return {
    data,
    read: (key) => data.get(key)?.text,
    write: (key, text) => void data.set(key, { text, modified: clock() }),
    remove: (key) => void data.delete(key),
    moveAside(key, now, why) {
      const to = asideKey(key, now, why, (k) => data.has(k));
      const entry = data.get(key);
      if (entry) data.set(to, entry);
      data.delete(key);
      return to;
    },
    list: (prefix) => [...data.entries()].filter(([k]) => k.startsWith(prefix)).map(([key, v]) => ({ key, modified: v.modified })),
  };
}

/** How moveAside says a value it could not move is still in its place (see leftInPlace). */
const LEFT_IN_PLACE = ' (left in place: it could not be moved, ';
/** What a store's moveAside returns when the value could not be moved: where it still is, and why. */
export function leftInPlace(place: string, why: string): string {
  return `${place}${LEFT_IN_PLACE}${why})`;
}
/**
 * The words for a value set aside, from what moveAside returned: "The save was moved to …", or,
 * when it could not be moved, "The save could not be moved aside (…) and is still at …" (the
 * place is not said to be where it was "moved to").
 */
export function asideWords(what: string, movedTo: string, plural = false): string {
  // The place named as shownFileName names it: cleaned, a path holding an escape (from the state
  // folder's XDG_STATE_HOME) named another file.
  const left = leftInPlaceOf(movedTo);
  if (!left) return `${what} ${plural ? 'were' : 'was'} moved to ${shownFileName(movedTo)}`;
  return `${what} could not be moved aside (${cleanLine(left.why)}) and ${plural ? 'are' : 'is'} still at ${shownFileName(left.place)}`;
}
/** What to do about a file set aside, in the terminal's words: the file moved aside is kept, not used. */
export const SET_ASIDE_KEEP = 'casa-practice cannot use that file, but you can keep it, or send it to whoever helps you with the app; delete it once you no longer need it.';

/**
 * A value set aside, in the terminal's lines, as recordsSetAsideLines gives records': `opening`
 * (what went wrong), then the place named "the file below" ("The save was moved to the file below
 * (nothing was deleted)", or, not moved, "… could not be moved aside (why), so it was left as it
 * was, in the file below"), then `then` (what happens next); the file's path whole on a line of its
 * own (in mid-sentence it was wrapped with the words around it); then what to do. Not moved aside
 * at all (`movedTo` undefined: it could not even be read), one line, naming no file. `again`: when
 * a value left where it was is tried again.
 */
export function setAsideLines(opening: string, what: string, movedTo: string | undefined, then: string, again = 'the next time it starts'): string {
  if (movedTo === undefined) return `${opening} ${what} was left where it is; ${then}.`;
  const left = leftInPlaceOf(movedTo);
  const where = left ? `${what} could not be moved aside (${cleanLine(left.why)}), so it was left as it was, in the file below` : `${what} was moved to the file below (nothing was deleted)`;
  return `${opening} ${where}; ${then}.\n${shownFileName(left?.place ?? movedTo)}\n${setAsideTodo(movedTo, again)}`;
}

/**
 * The one-line form of setAsideLines, for a list that gives each line a row of its own (the
 * picker's notices, every one of them set aside in this form): the line naming the file, then what
 * to do. `again`: when a value left where it was is tried again.
 */
export function setAsideInOne(line: string, movedTo: string | undefined, again?: string): string {
  return movedTo === undefined ? line : `${line} ${setAsideTodo(movedTo, again)}`;
}

/**
 * What to do about a save set aside as outdated (its key's `.outdated-…`): it is sound, made with
 * another edit of its scenario, so there is nothing to send anyone (SET_ASIDE_KEEP's "send it to
 * whoever helps you with the app" sent an author who had fixed a word of feedback hunting for a fault).
 */
export const OUTDATED_KEEP = 'Nothing is wrong with that file: it was made with another edit of its scenario, and it is kept there as it was in case you want it; delete it once you no longer need it.';

/** Why a value was set aside, read from the key (or path) moveAside moved it to (see asideKey); undefined when it names none. */
export function asideReasonOf(movedTo: string): AsideReason | undefined {
  return /\.(damaged|outdated|replaced)-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d(?:-\d+)?$/.exec(movedTo)?.[1] as AsideReason | undefined;
}

/** What to do about a value set aside (setAsideLines' last line). */
function setAsideTodo(movedTo: string, again = 'the next time it starts'): string {
  if (leftWhereItWas(movedTo)) return `Nothing is written over it; casa-practice tries again to set it aside ${again}.`;
  return asideReasonOf(movedTo) === 'outdated' ? OUTDATED_KEEP : SET_ASIDE_KEEP;
}

/** Where a value moveAside could not move still is, and why it could not be moved; undefined when it was moved. */
export function leftInPlaceOf(movedTo: string): { place: string; why: string } | undefined {
  const at = movedTo.indexOf(LEFT_IN_PLACE);
  if (at < 0 || !movedTo.endsWith(')')) return undefined;
  return { place: movedTo.slice(0, at), why: movedTo.slice(at + LEFT_IN_PLACE.length, -1) };
}
/** Whether what moveAside returned says the value could not be moved. */
export const leftWhereItWas = (movedTo: string): boolean => movedTo.includes(LEFT_IN_PLACE) && movedTo.endsWith(')');
