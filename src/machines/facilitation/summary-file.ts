/**
 * Which file a trainer-led session's summary is written in, so that the trainer has one file for
 * the session where that can be done, and is told plainly which file is up to date where it cannot.
 * The app finds the files (the terminal on disk); the choice, and the words, are the same for every
 * app that writes summaries to files.
 */

/** The summaries of a session found as it is carried on or opened again (each undefined where none was). */
export interface SessionSummaryFiles {
  /** The summary a finished session wrote at its ending (opened again: written again after u). */
  atEnding?: string;
  /**
   * A summary written since the session was last kept: the state folder refused the write that
   * would have kept where it went (it holds more of the session than the kept one). `marked`:
   * found by the session's own mark (its id), so certainly this session's; else found by what it
   * says (a session kept before sessions were marked).
   */
  writtenSince?: { path: string; marked: boolean };
  /** The summary kept with the session (where its summary was last written, as far as the kept session knows). */
  kept?: string;
}

/**
 * Where a session carried on writes its summary again, and an earlier summary of it passed over
 * (`outOfDate`), which the app names as out of date where it names the summary. The one written at
 * the ending first; then one written since the session was last kept, which is newer than the one
 * kept with it: q wrote the summary in the exports folder, and a later q, the state folder refusing
 * writes by then, wrote it where the app was started and said that file was the summary. Carried on,
 * the session wrote the older file again, and the file the trainer had been told was the summary
 * stayed as it was. One found only by what it says is taken where nothing was kept.
 */
export function sessionSummaryFile(found: SessionSummaryFiles): { path?: string; outOfDate?: string } {
  if (found.atEnding !== undefined) return { path: found.atEnding };
  const since = found.writtenSince;
  if (since !== undefined && (since.marked || found.kept === undefined)) {
    return { path: since.path, ...(found.kept !== undefined && found.kept !== since.path ? { outOfDate: found.kept } : {}) };
  }
  return found.kept !== undefined ? { path: found.kept } : {};
}

/**
 * Said after the summary's path, on its own line, where an earlier summary of the same session is
 * out of date: the session's summary could not be written again in it (its folder refuses writes
 * now), so a new file was written; or, carried on, the newer of the two was written again. The
 * earlier file's path follows on a line of its own.
 */
export const OUT_OF_DATE_SUMMARY = 'That file is the up-to-date summary. An earlier summary of this session, now out of date, is:';
