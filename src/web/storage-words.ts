import { recordsSetAsideNotice, resumeFailure, type RecordsSetAside } from '../machines/light.js';

// The core says what was set aside; here, where. A key such as records.json.damaged-… names an entry
// of this site's storage that the volunteer cannot open, so the browser's words leave it out.

/** The one line for records set aside, in a browser's words; `notice` (the core's) when nothing was set aside. */
export function recordsNotice(read: { notice?: string; setAside?: RecordsSetAside }, where: 'records' | 'elsewhere' = 'elsewhere'): string | undefined {
  if (!read.setAside) return read.notice;
  const kept = recordsSetAsideNotice(read.setAside, () => 'a copy of them is kept in this browser\'s storage for this site (nothing was deleted)');
  return `${kept} If you have a backup file, load it ${where === 'records' ? 'with “Load a backup file” below' : 'on My records'} to bring your records back.`;
}

/** The one line when a save cannot be resumed, in a browser's words. */
export function resumeNotice(error: string, movedTo?: string): string {
  return resumeFailure(error, movedTo, () => 'A copy of the save is kept in this browser\'s storage for this site (nothing was deleted)');
}
