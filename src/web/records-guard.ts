import { readRecordsKeeping, RECORDS_KEY, restorePlaythroughs, unwrittenRecord, type PlaythroughRecord, type RecordsRead, type Store } from '../machines/light.js';
import { watcherOf } from './adapters/local-store.js';

// A browser keeps a copy of localStorage in each tab and passes changes on a moment later, so a
// playthrough finished here can be left out by another tab that writes the records at the same
// moment (finishing too, or loading a backup) from a copy made before it. This tab remembers what
// it recorded and, whenever it hears that the records changed, adds back whatever is missing.

const guarded = new WeakMap<Store, PlaythroughRecord[]>();

/** Keeps `record`, recorded in `store` by this tab, in the records for as long as the page is open. */
export function guardRecorded(store: Store, record: PlaythroughRecord): void {
  const watch = watcherOf(store);
  if (!watch) return;
  let mine = guarded.get(store);
  if (!mine) {
    const list: PlaythroughRecord[] = [];
    mine = list;
    guarded.set(store, list);
    // Removed altogether (undefined): someone cleared the site's storage on purpose; nothing is put back.
    watch(RECORDS_KEY, (text) => {
      if (text !== undefined) restorePlaythroughs(store, list);
    });
  }
  mine.push(record);
}

// Playthroughs finished in this tab that the records did not take: damaged records that could not be
// copied aside (the storage full) are left as they were and never written over. They are shown for
// as long as the tab is open, and written into the records once these can be repaired.
const unwritten = new WeakMap<Store, PlaythroughRecord[]>();

/**
 * Keeps a finish (finishPlaythrough's result) whose record the stored records did not take, for
 * readRecordsHere; whether it was such a finish, and why: `newer` when the records were written by a
 * newer version of casa-practice (RecordsRead.newer), `damaged` when they are damaged and left as they were.
 */
export function keepUnwritten(store: Store, finished: Parameters<typeof unwrittenRecord>[0]): false | 'damaged' | 'newer' {
  const record = unwrittenRecord(finished);
  if (record === undefined) return false;
  unwritten.set(store, [...(unwritten.get(store) ?? []), record]);
  return finished !== undefined && 'newer' in finished && finished.newer !== undefined ? 'newer' : 'damaged';
}

/** The records as this tab shows them: the stored ones, with what this tab finished that they did not take (the core's readRecordsKeeping). */
export function readRecordsHere(store: Store, now = new Date()): RecordsRead {
  return readRecordsKeeping(store, unwritten.get(store) ?? [], now);
}

/** What this tab finished that the stored records did not take (for a backup, the one way to keep it). */
export function unwrittenHere(store: Store): readonly PlaythroughRecord[] {
  return unwritten.get(store) ?? [];
}
