import { RECORDS_KEY, restorePlaythroughs, type PlaythroughRecord, type Store } from '../machines/light.js';
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
