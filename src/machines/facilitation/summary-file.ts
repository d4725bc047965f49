/**
 * Which file a trainer-led session's summary is written in, so that the trainer has one file for
 * the session where that can be done, and is told plainly which file is up to date where it cannot.
 * The app finds the files (the terminal on disk); the choice, and the words, are the same for every
 * app that writes summaries to files.
 */

/** The summaries of a session found as it is carried on or opened again (each undefined where none was). */
export interface SessionSummaryFiles {
  /** The summary a finished session wrote at its ending, found as it is opened again (written again after u, unless a newer one was written since). */
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
 * Where a session carried on (or a finished one opened again) writes its summary again, and an
 * earlier summary of it passed over (`outOfDate`), which the app names as out of date where it names
 * the summary. A summary marked by the session and written since it was last kept first: it is newer
 * than the one kept with it, or the one written at its ending. q wrote the summary in the exports
 * folder, and a later q, the state folder refusing writes by then, wrote it where the app was started
 * and said that file was the summary; carried on, the session wrote the older file again, and the
 * file the trainer had been told was the summary stayed as it was. So too a finished session opened
 * while the state folder was read-only, gone back from its ending (u) and stopped: that could not be
 * kept, and opened again it named the summary of its ending where leaving had named the newer file
 * as up to date. Else the one written at the ending, else the one kept. One found only by what it
 * says (not marked) is taken only where neither was found.
 */
export function sessionSummaryFile(found: SessionSummaryFiles): { path?: string; outOfDate?: string } {
  const earlier = found.atEnding ?? found.kept;
  const since = found.writtenSince;
  if (since !== undefined && (since.marked || earlier === undefined)) {
    return { path: since.path, ...(earlier !== undefined && earlier !== since.path ? { outOfDate: earlier } : {}) };
  }
  return earlier !== undefined ? { path: earlier } : {};
}

/**
 * Said after the summary's path, on its own line, where an earlier summary of the same session is
 * out of date: the session's summary could not be written again in it (its folder refuses writes
 * now), so a new file was written; or, carried on, the newer of the two was written again. The
 * earlier file's path follows on a line of its own.
 */
export const OUT_OF_DATE_SUMMARY = 'That file is the up-to-date summary. An earlier summary of this session, now out of date, is:';
