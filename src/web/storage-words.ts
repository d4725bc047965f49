import { recordsSetAsideNotice, resumeFailure, type RecordsSetAside, type Store } from '../machines/light.js';

// The core says what was set aside; here, where. A key such as records.json.damaged-… names an entry
// of this site's storage that the volunteer cannot open, so the browser's words leave it out.

/** The one line for records set aside, in a browser's words; `notice` (the core's) when nothing was set aside. */
export function recordsNotice(read: { notice?: string; setAside?: RecordsSetAside }, where: 'records' | 'elsewhere' = 'elsewhere'): string | undefined {
  if (!read.setAside) return read.notice;
  const kept = recordsSetAsideNotice(read.setAside, () => 'a copy of them is kept in this browser\'s storage for this site (nothing was deleted)');
  return `${kept} If you have a backup file, load it ${where === 'records' ? 'with “Load a backup file” below' : 'on My records'} to bring your records back.`;
}

/**
 * The records notice of the last read of this store that had one, kept for the visit: records are
 * set aside by the first read (on whichever page comes first), and every later read finds them
 * gone, so without this the page a volunteer is sent to (My records) said nothing.
 */
const remembered = new WeakMap<Store, { notice?: string; setAside?: RecordsSetAside }>();

/** Forgets the notice kept for the visit: the records were brought back (a backup loaded). */
export function forgetRecordsNotice(store: Store): void {
  remembered.delete(store);
}

/** recordsNotice of this read, or else of an earlier read of the same store during this visit. */
export function recordsNoticeThisVisit(store: Store, read: { notice?: string; setAside?: RecordsSetAside }, where: 'records' | 'elsewhere' = 'elsewhere'): string | undefined {
  if (read.notice !== undefined || read.setAside !== undefined) remembered.set(store, { notice: read.notice, setAside: read.setAside });
  const said = remembered.get(store);
  return said ? recordsNotice(said, where) : undefined;
}

/** The one line when a save cannot be resumed, in a browser's words. */
export function resumeNotice(error: string, movedTo?: string): string {
  return resumeFailure(error, movedTo, () => 'A copy of the save is kept in this browser\'s storage for this site (nothing was deleted)');
}
