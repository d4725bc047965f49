import { asideKey, cleanLine, leftInPlace, memoryStore, RECORDS_KEY, recordsWriteBack, type AsideReason, type Store } from '../../machines/light.js';
import { asideCopy, copiesHeading, ROOM_HEADING, sizeWords, utf8Length } from '../kept-here.js';

/**
 * The core's storage port over `window.localStorage`.
 *
 * - Every key lives under a namespace (`casa-practice/` by default) so other apps on the same origin
 *   (and other copies of this one, with another prefix) never meet our data.
 * - localStorage keeps no modification times, so each write also stamps `<prefix>@modified/<key>`;
 *   `list` reads them (0 when a value was put there by other means).
 * - Nothing is thrown to the UI except what the port allows (`read` may throw, and the core turns that
 *   into a notice). When the browser refuses storage (a blocked or sandboxed page: SecurityError),
 *   the store keeps everything in memory for this tab; when a write does not fit (QuotaExceededError),
 *   the value is kept in memory for this tab and the problem is reported. Either way `problem()` says
 *   so in words for the volunteer, and subscribers hear of it.
 * - `maxBytes` (WEB_STORE_MAX_BYTES) is the most the app keeps in the site's storage all told: every
 *   value under the prefix (records, scenarios in progress, copies set aside, the projector's few
 *   bytes) counts, so no write is taken that would bring the whole past it. (It was a limit per value:
 *   records and each save could each take 3 MB, and a backup of them all could not be loaded back.)
 *   Not counted: the modification stamps and the keys' names, a few dozen bytes a value. The core
 *   writes its records compact when indented they would not fit in the room left (Store.roomFor,
 *   recordsText), and a write too large even so is refused. What is in storage stays as it was (the
 *   volunteer's earlier progress), the new value is kept in memory for this tab, and `problem()`
 *   says so (`too-large`), in words that say whether the value alone is too large or everything
 *   together would be. Values are read whatever their size (only this app writes them, and the
 *   browser holds them already); copies set aside (moveAside) are never refused (the original goes
 *   only once its copy is in storage: refused, the damaged value would stay where it is for good),
 *   but they take their room like any value.
 */

/** Why a value could not be kept in the browser's storage. */
export interface StoreProblem {
  /**
   * `unavailable`: the browser refused storage altogether; `full`: the value did not fit; `too-large`:
   * the value is larger than the store writes (maxBytes); `newer`: records this tab held (a write
   * refused for room) met records a newer version of casa-practice wrote meanwhile, which it cannot
   * add to (RECORDS_HELD_NEWER); `failed`: any other error.
   */
  kind: 'unavailable' | 'full' | 'too-large' | 'newer' | 'failed';
  /** One line for the volunteer. */
  message: string;
  /** The key whose write failed, if any. */
  key?: string;
}

/** The outcome of a write, for a UI that wants to know at once. */
export type WriteResult = { ok: true } | { ok: false; problem: StoreProblem };

export interface LocalStore extends Store {
  /** `local` when values reach localStorage; `memory` when the browser refused it (nothing outlives the tab). */
  readonly backing: 'local' | 'memory';
  /** The namespace in front of every key. */
  readonly prefix: string;
  /** The current problem, if any: set by a failed write, cleared once every value kept in memory has been written. */
  problem(): StoreProblem | undefined;
  /** Calls `listener` whenever `problem()` changes; returns the unsubscribe function. */
  subscribe(listener: (problem: StoreProblem | undefined) => void): () => void;
  /** `write`, with the outcome returned. */
  tryWrite(key: string, text: string): WriteResult;
  /**
   * The keys whose latest value this tab holds in memory only (a write was refused): lost when the
   * tab closes. Each is written again as soon as room may have been made (a value removed, here or
   * in another tab), the records first; a UI compares this before and after to say what was saved.
   */
  pending(): string[];
  /**
   * What each value kept in the browser's storage takes (bytes of UTF-8, by key; stamps left out),
   * as the limit counts it: what is stored, not what this tab holds unsaved in its place.
   */
  stored(): { key: string; bytes: number }[];
  /**
   * Calls `listener` with the new text (undefined: removed) whenever another tab or window of this
   * site changes `key` (the browser's `storage` event); returns the unsubscribe function. A store kept
   * in memory is this tab's alone: never called.
   */
  watch(key: string, listener: (text: string | undefined) => void): () => void;
}

/** The store's `watch` when it has one (a LocalStore); undefined for other stores (memory, in tests). */
export function watcherOf(store: Store | undefined): LocalStore['watch'] | undefined {
  const watch = (store as Partial<LocalStore> | undefined)?.watch;
  return typeof watch === 'function' ? watch : undefined;
}

export interface LocalStoreOptions {
  /** Namespace for the keys; default `casa-practice/`. */
  prefix?: string;
  /** Where to find the storage; default `() => window.localStorage` (reading that property can itself throw). */
  storage?: () => Storage;
  /** Milliseconds since 1970, for the modification stamps. */
  clock?: () => number;
  /** The most bytes of UTF-8 kept in storage, all values together; default WEB_STORE_MAX_BYTES. */
  maxBytes?: number;
}

export const DEFAULT_PREFIX = 'casa-practice/';

/**
 * The most the web store keeps in the site's storage, all values together (bytes of UTF-8): 3 MB.
 * A backup (My records) holds the
 * records indented, about twice their compact size (2.1 times for playthroughs of six decisions),
 * and the sessions in progress, and the page loads back a backup of up to 8 MB (the core's
 * MAX_BACKUP_BYTES, not imported here: it is not in the first page's part of the core). Records of
 * 3 MB compact make a backup of about 6.3 MB, which loads; of 4 MB, one of 8.3 MB, which would not.
 * Some 1,100 finished scenarios fit, and a browser keeps about 5 MB for the whole site. Counted
 * for everything together, the records and the scenarios in progress beside them make a backup
 * under 8 MB too (a save is kept indented already), and the browser's own limit is not reached first.
 */
export const WEB_STORE_MAX_BYTES = 3 * 1024 * 1024;

/**
 * The words for a write the store does not take: the value alone larger than the store keeps (the
 * records' words as the terminal says them), or (`alone` false) everything kept together would be.
 * Then where room can be made: the copies set aside (`copies`, any kind: damaged or outdated records,
 * saves, debriefs, presenter sessions) can be removed under their heading on My records, and My
 * records' "Room in this browser" shows what takes the room and where each part can be removed. Not
 * said when the value alone is too large: no room made would let it in.
 */
function tooLargeProblem(key: string, maxBytes: number, alone: boolean, copies: readonly { why: AsideReason }[] = []): StoreProblem {
  const limit = sizeWords(maxBytes);
  const together = `everything casa-practice keeps in this browser (your records, scenarios in progress and any copies set aside) would be more than the ${limit} it keeps`;
  const message = key === RECORDS_KEY
    ? `Your records were not updated: ${alone ? `they would be larger than this browser keeps for casa-practice (${limit})` : `with them, ${together}`}. Your records as they were are kept; what was added since is kept only until you close the tab. Download a backup from My records to keep it.`
    : `This progress could not be saved: ${alone ? `it would be larger than this browser keeps for casa-practice (${limit})` : `with it, ${together}`}, so it is kept only until you close the tab. Your progress saved before is kept as it was.`;
  if (alone) return { kind: 'too-large', key, message };
  const room = `“${ROOM_HEADING}” on My records shows what takes the room and where each part can be removed; once there is room, this tab saves what it kept.`;
  if (copies.length === 0) return { kind: 'too-large', key, message: `${message} ${room}` };
  const them = copies.length === 1 ? 'it' : 'them';
  const which = copies.length === 1 ? 'the copy' : `the ${copies.length} copies`;
  return { kind: 'too-large', key, message: `${message} To make room, remove ${which} set aside under “${copiesHeading(copies)}” on My records (download ${them} first if you want to keep ${them}). ${room}` };
}


/**
 * Why moveAside left a value where it was when this browser's storage refused to be read (see
 * leftInPlace): storage-words tells it from the storage being full by these words.
 */
export const STORAGE_UNREADABLE = 'this browser\'s storage for this site could not be read';

/**
 * Said when records this tab held in memory (a write refused for room) are to be written back and
 * the records stored were written meanwhile by a newer version of casa-practice (a tab opened after
 * an update): this tab cannot read them, so it neither writes over them nor adds to them. Said as
 * that, not as the storage being full (there may be room now). The backup this tab downloads holds
 * what it held, and the newer version loads it.
 */
export const RECORDS_HELD_NEWER = 'Your records were not updated: the records in this browser were written by a newer version of casa-practice (in a tab opened after an update), which this tab cannot add to. Nothing is wrong with them, and they were not written over. What you finished in this tab is kept only until you close it: download a backup from My records, then reload the page and load that backup in My records to add it.';

const MODIFIED = '@modified/';
/** The latest time a Date can hold (ms since 1970): a later number is no time at all (new Date(1e300).toISOString() throws). */
const LATEST_TIME = 8.64e15;

/**
 * A value's write time as its stamp under MODIFIED holds it (the storage is untrusted: the stamp is
 * text anyone may have changed), or 0, a time not known: a stamp that is not a whole number of
 * milliseconds from 1970 up to the latest time a Date holds. A finite number past it (1e300) was
 * listed as it was, and My records' "Room in this browser" stopped the page turning it into a date.
 */
function stampTime(stamp: string | null): number {
  const time = Number(stamp);
  return stamp !== null && Number.isSafeInteger(time) && time >= 0 && time <= LATEST_TIME ? time : 0;
}
const UNAVAILABLE = 'This browser does not let the page save anything (a private window or a privacy setting), so progress lasts only until you close the tab.';

function isQuota(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const { name, code } = e as { name?: unknown; code?: unknown };
  // 22: most browsers; 1014: old Firefox; names differ by browser.
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED' || code === 22 || code === 1014;
}

function problemOf(e: unknown, key: string): StoreProblem {
  if (isQuota(e)) {
    return { kind: 'full', key, message: 'Your browser\'s storage for this site is full, so this progress is kept only until you close the tab. Download a backup from My records to keep it.' };
  }
  if (typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'SecurityError') {
    return { kind: 'unavailable', key, message: UNAVAILABLE };
  }
  const detail = e instanceof Error ? cleanLine(e.message).slice(0, 200) : 'unknown error';
  return { kind: 'failed', key, message: `Your progress could not be saved in this browser (${detail}); it is kept only until you close the tab.` };
}

/** A Store over localStorage (or over memory when the browser refuses storage). */
export function localStore(options: LocalStoreOptions = {}): LocalStore {
  const prefix = options.prefix ?? DEFAULT_PREFIX;
  const clock = options.clock ?? Date.now;
  const maxBytes = options.maxBytes ?? WEB_STORE_MAX_BYTES;
  const listeners = new Set<(p: StoreProblem | undefined) => void>();
  let current: StoreProblem | undefined;
  const setProblem = (p: StoreProblem | undefined) => {
    if (p === current) return;
    current = p;
    for (const l of listeners) l(p);
  };

  let storage: Storage | undefined;
  try {
    storage = (options.storage ?? (() => window.localStorage))();
    // Some browsers hand out a storage object that throws on use (Safari private mode of old, blocked cookies).
    const probe = `${prefix}@probe`;
    storage.setItem(probe, '1');
    storage.removeItem(probe);
  } catch (e) {
    // A full storage still reads: keep using it, and report the first write that fails.
    if (!(isQuota(e) && storage)) {
      storage = undefined;
      current = { kind: 'unavailable', message: UNAVAILABLE };
    }
  }

  // Values that could not be written (or, with no storage at all, every value): kept for this tab.
  const memory = memoryStore({}, clock);

  const base = {
    prefix,
    backing: (storage ? 'local' : 'memory') as 'local' | 'memory',
    problem: () => current,
    subscribe(listener: (p: StoreProblem | undefined) => void) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
  if (!storage) {
    const tryWrite = (key: string, text: string): WriteResult => {
      memory.write(key, text);
      return current ? { ok: false, problem: current } : { ok: true };
    };
    // Nothing here outlives the tab, so nothing is "in memory only" as against the rest.
    return { ...base, read: memory.read, remove: memory.remove, moveAside: memory.moveAside, list: memory.list, write: (k, t) => void tryWrite(k, t), tryWrite, pending: () => [], stored: () => [], watch: () => () => {}, inMemoryOnly: () => false };
  }
  const ls = storage;
  // Keys whose damaged value could not be copied aside (storage full): left in storage, the only
  // copy, and never written over or removed by this tab; what this tab writes there stays in memory.
  // A save so left is no longer read (it is not offered again, damaged). The records are read as they
  // are, each time: the core's reader shows their readable part and says, each time, that they are
  // damaged and left as they were (hidden, every read after the first found no records: My records
  // and the scenario cards came back empty, while the notice said the records were left as they were).
  const untouchable = new Set<string>();

  // A failed write's problem becomes the page's, except over the records' own while the records are
  // kept for this tab only: a save refused after them (its room taken by the records, at the next
  // step or the debrief kept at the finish) said only that progress was not saved, and the words
  // that the records were not updated, and to download a backup, were gone from the page.
  const failed = (p: StoreProblem) => {
    if (current?.key === RECORDS_KEY && p.key !== RECORDS_KEY && memory.read(RECORDS_KEY) !== undefined) return;
    setProblem(p);
  };

  /**
   * What each value under the prefix takes (bytes of UTF-8, by its name in storage; stamps left out),
   * and their total: counted once by reading every value, then kept as this tab writes and removes,
   * so a write costs what its own value costs (it read every value each time: some 5 ms a step with
   * 2.4 MB kept). Another tab's writes are not this tab's to know: forgotten, and counted again at
   * the next write, when the browser says one changed our storage (the `storage` event, as `watch`
   * hears it) and when the page comes back from the browser's back-forward cache (its events may
   * have been missed). Without a window to hear them on, nothing is kept: counted at each write.
   * Unreadable storage counts as holding nothing: the browser's own refusal is reported then.
   */
  let sizes: Map<string, number> | undefined;
  let total = 0;
  const keeps = typeof window !== 'undefined' && typeof window.addEventListener === 'function';
  const counted = (name: string) => name.startsWith(prefix) && !name.startsWith(prefix + MODIFIED);
  const measure = (): Map<string, number> => {
    if (sizes) return sizes;
    const found = new Map<string, number>();
    let sum = 0;
    try {
      for (let i = 0; i < ls.length; i++) {
        const name = ls.key(i);
        if (name === null || !counted(name)) continue;
        const n = utf8Length(ls.getItem(name) ?? '');
        found.set(name, n);
        sum += n;
      }
    } catch {
      total = 0;
      return new Map();
    }
    total = sum;
    if (keeps) sizes = found;
    return found;
  };
  // This tab wrote (`bytes`) or removed (undefined) `name`: the count follows, when one is kept.
  const recount = (name: string, bytes: number | undefined) => {
    if (!sizes) return;
    total -= sizes.get(name) ?? 0;
    if (bytes === undefined) sizes.delete(name);
    else {
      sizes.set(name, bytes);
      total += bytes;
    }
  };
  if (keeps) {
    window.addEventListener('storage', (e: StorageEvent) => {
      if (e.storageArea !== null && e.storageArea !== ls) return;
      // A clear() (no key) or a value of ours changed elsewhere.
      if (e.key === null || counted(e.key)) sizes = undefined;
      // Another tab removed or shrank a value: there may be room for what this tab could not write.
      if ((e.key === null || counted(e.key)) && (e.newValue === null || (e.oldValue !== null && e.newValue.length < e.oldValue.length)) && memory.data.size > 0) retryPending();
    });
    window.addEventListener('pageshow', (e: PageTransitionEvent) => {
      if (e.persisted) sizes = undefined;
    });
  }
  /** The bytes kept in storage under the prefix but `key`'s (which a write replaces). */
  const othersThan = (key: string): number => {
    const found = measure();
    return total - (found.get(prefix + key) ?? 0);
  };
  // Whether `bytes` more under `key` fit beside all else stored.
  const fitsBeside = (key: string, bytes: number): boolean => othersThan(key) + bytes <= maxBytes;
  // The room `key` has now: the limit less all else stored.
  const roomFor = (key: string): number => Math.max(0, maxBytes - othersThan(key));

  /**
   * The records this tab writes while it holds its own in memory (a write refused for room): what is
   * stored may be newer, written by another tab meanwhile (a scenario finished there), and this tab's
   * copy, read from memory, does not have it. Written as they were, the records dropped that tab's
   * practice; they are merged with what is stored now (recordsWriteBack), and what is stored, when it
   * cannot be read whole (damaged), is set aside first, never written over. `full`: it could not
   * be set aside (no room), so nothing is written over it; `newer`: a newer version of casa-practice
   * wrote it, which this tab cannot read, so nothing is written over it either.
   */
  const heldRecords = (text: string): string | { refused: 'full' | 'newer' } => {
    let stored: string | undefined;
    try {
      stored = ls.getItem(prefix + RECORDS_KEY) ?? undefined;
    } catch {
      return text;
    }
    const now = new Date(clock());
    const merged = recordsWriteBack(stored, text, now, roomFor(RECORDS_KEY));
    // Written by a newer version of casa-practice: neither set aside nor written over (RecordsRead.newer).
    if (merged === 'newer') return { refused: 'newer' };
    if (merged !== 'damaged') return merged;
    const to = asideKey(RECORDS_KEY, now, 'damaged', (k) => memory.read(k) !== undefined || ls.getItem(prefix + k) !== null);
    return stored !== undefined && copyQuietly(to, stored) ? text : { refused: 'full' };
  };

  // `guarded`: refused past maxBytes (every write but a copy set aside).
  const tryWrite = (key: string, given: string, guarded = true): WriteResult => {
    let text = given;
    if (key === RECORDS_KEY && memory.read(key) !== undefined && !untouchable.has(key)) {
      const merged = heldRecords(given);
      if (typeof merged !== 'string') {
        memory.write(key, given);
        const p: StoreProblem = merged.refused === 'newer' ? { kind: 'newer', key, message: RECORDS_HELD_NEWER } : problemOf(new DOMException('full', 'QuotaExceededError'), key);
        failed(p);
        return { ok: false, problem: p };
      }
      text = merged;
    }
    const bytes = utf8Length(text);
    if (guarded && !fitsBeside(key, bytes)) {
      memory.write(key, text);
      const copies = [...measure().keys()].flatMap((name) => asideCopy(name.slice(prefix.length)) ?? []);
      const p = tooLargeProblem(key, maxBytes, bytes > maxBytes, copies);
      failed(p);
      return { ok: false, problem: p };
    }
    if (untouchable.has(key)) {
      memory.write(key, text);
      const p = problemOf(new DOMException('full', 'QuotaExceededError'), key);
      failed(p);
      return { ok: false, problem: p };
    }
    try {
      ls.setItem(prefix + key, text);
    } catch (e) {
      memory.write(key, text);
      // A refusal for room leaves storage as it was; after any other error, it is counted again.
      if (!isQuota(e)) sizes = undefined;
      const p = problemOf(e, key);
      failed(p);
      return { ok: false, problem: p };
    }
    recount(prefix + key, bytes);
    try {
      ls.setItem(prefix + MODIFIED + key, String(clock()));
    } catch {
      // The value is safe; only its time is missing (list then reports 0).
    }
    memory.remove(key);
    if (current && memory.data.size === 0) setProblem(undefined);
    return { ok: true };
  };

  // A write to storage alone, its failure not reported (see moveAside); whether it was taken.
  const copyQuietly = (key: string, text: string): boolean => {
    try {
      ls.setItem(prefix + key, text);
    } catch (e) {
      if (!isQuota(e)) sizes = undefined;
      return false;
    }
    recount(prefix + key, utf8Length(text));
    try {
      ls.setItem(prefix + MODIFIED + key, String(clock()));
    } catch {
      // The copy is safe; only its time is missing.
    }
    return true;
  };

  // What this tab holds in memory only and may write (not a key left as it was: never written over).
  const pending = () => [...memory.data.keys()].filter((k) => !untouchable.has(k));
  /**
   * Writes again what this tab holds in memory only, now that room may have been made (a value
   * removed here or by another tab): the records first, then the rest. Without this, removing a copy
   * to make room saved nothing until the next write (the next reply, or never, at the debrief), and
   * the page went on saying progress lasted only for the tab. What still does not fit stays in
   * memory, and its refusal is the page's problem again (in words that say so).
   */
  const retryPending = () => {
    const keys = pending().sort((a, b) => Number(b === RECORDS_KEY) - Number(a === RECORDS_KEY));
    for (const key of keys) {
      const text = memory.read(key);
      if (text !== undefined) tryWrite(key, text);
    }
  };

  const remove = (key: string) => {
    memory.remove(key);
    if (untouchable.has(key)) return;
    try {
      ls.removeItem(prefix + key);
      recount(prefix + key, undefined);
      ls.removeItem(prefix + MODIFIED + key);
    } catch {
      // Removing never fails in practice; if it does, the value simply stays (counted again).
      sizes = undefined;
    }
    if (current?.kind === 'full' && memory.data.size === 0) setProblem(undefined);
    // Room made: what waits in memory is written now.
    if (memory.data.size > 0) retryPending();
  };

  return {
    ...base,
    maxBytes,
    roomFor,
    read(key) {
      const kept = memory.read(key);
      if (kept !== undefined || (untouchable.has(key) && key !== RECORDS_KEY)) return kept;
      // May throw (the port allows it): the core turns it into a notice.
      return ls.getItem(prefix + key) ?? undefined;
    },
    write: (key, text) => void tryWrite(key, text),
    tryWrite: (key, text) => tryWrite(key, text),
    pending,
    stored: () => [...measure()].map(([name, bytes]) => ({ key: name.slice(prefix.length), bytes })),
    inMemoryOnly: (key) => memory.read(key) !== undefined,
    watch(key, listener) {
      const name = prefix + key;
      const heard = (e: StorageEvent) => {
        // Only this storage's own key (not its @modified stamp, not a clear() of everything).
        if (e.key !== name || (e.storageArea !== null && e.storageArea !== ls)) return;
        listener(e.newValue ?? undefined);
      };
      window.addEventListener('storage', heard);
      return () => window.removeEventListener('storage', heard);
    },
    remove,
    moveAside(key, now, why) {
      let to: string;
      let text: string | undefined;
      try {
        to = asideKey(key, now, why, (k) => memory.read(k) !== undefined || ls.getItem(prefix + k) !== null);
        // A value left as it was is copied as it is in storage (the only copy), not as this tab has it.
        text = (untouchable.has(key) ? ls.getItem(prefix + key) : undefined) ?? memory.read(key) ?? ls.getItem(prefix + key) ?? undefined;
      } catch {
        // A storage that refuses to be read (a browser's damaged storage file) cannot say where a copy
        // would go nor give the value to copy: nothing is written or removed, and the value is said
        // to be where it was (the caller's notice, never this read's error thrown on to the page).
        return leftInPlace(key, STORAGE_UNREADABLE);
      }
      if (text === undefined) return to;
      // The copy must be in storage before the original goes. A copy kept only in this tab's memory
      // (storage full) was lost with the tab: then the original stays where it is, untouched.
      // Tried again at each read of a value already left as it was: that it does not fit is known and
      // said (the records' notice), so it is not reported again as the page's problem, which would
      // then say on every page that progress lasts only for the tab while saves are written.
      if (!(untouchable.has(key) ? copyQuietly(to, text) : tryWrite(to, text, false).ok)) {
        memory.remove(to);
        memory.remove(key);
        untouchable.add(key);
        return leftInPlace(key, 'this browser\'s storage for this site is full');
      }
      // Copied at last (room was made): the original may go now, and the key is written again.
      untouchable.delete(key);
      remove(key);
      return to;
    },
    list(prefixOfKeys) {
      const found = new Map<string, number>();
      try {
        for (let i = 0; i < ls.length; i++) {
          const name = ls.key(i);
          if (name === null || !name.startsWith(prefix)) continue;
          const key = name.slice(prefix.length);
          if (key.startsWith(MODIFIED) || !key.startsWith(prefixOfKeys)) continue;
          found.set(key, stampTime(ls.getItem(prefix + MODIFIED + key)));
        }
      } catch {
        // Listing is a convenience (the latest save): an unreadable storage lists what memory holds.
      }
      for (const k of untouchable) found.delete(k);
      for (const e of memory.list(prefixOfKeys)) found.set(e.key, e.modified);
      return [...found].map(([key, modified]) => ({ key, modified }));
    },
  };
}

/** What the browser said to a request for persistent storage. */
export type PersistResult = 'granted' | 'already' | 'denied' | 'unsupported' | 'error';

/**
 * Asks the browser not to clear this site's storage under pressure (navigator.storage.persist).
 * Feature-detected; never throws. `already` when storage was persistent before the request.
 */
export async function requestPersistentStorage(nav: Pick<Navigator, 'storage'> | undefined = typeof navigator === 'undefined' ? undefined : navigator): Promise<PersistResult> {
  const storage = nav?.storage as Partial<StorageManager> | undefined;
  if (!storage || typeof storage.persist !== 'function') return 'unsupported';
  try {
    if (typeof storage.persisted === 'function' && (await storage.persisted())) return 'already';
    return (await storage.persist()) ? 'granted' : 'denied';
  } catch {
    return 'error';
  }
}
