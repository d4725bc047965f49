import { leftInPlaceOf, leftWhereItWas, newerSaveNotice, recordsNewerNotice, recordsSetAsideNotice, resumeFailure, roomMadeWords, type RecordsSetAside, type Store } from '../machines/light.js';
import { STORAGE_UNREADABLE } from './adapters/local-store.js';
import { ROOM_HEADING } from './kept-here.js';

/** Whether moveAside left a value where it was because this browser's storage refused to be read (not for want of room). */
const unreadableStorage = (movedTo: string): boolean => leftInPlaceOf(movedTo)?.why === STORAGE_UNREADABLE;

/**
 * Where what was set aside is, in a browser's words: a copy under another key of this site's storage,
 * or (the storage full, no room for a copy; or the storage refusing to be read) still under its own
 * key, as it was: never written over.
 */
const keptInBrowser = (what: 'them' | 'the save' | 'the session' | 'it') => (movedTo: string) => leftWhereItWas(movedTo)
  ? `${what === 'them' ? 'they are' : `${what} is`} left as ${what === 'them' ? 'they were' : 'it was'} in this browser's storage for this site (${unreadableStorage(movedTo) ? 'nothing was changed' : 'it is full, with no room for a copy; nothing was deleted'})`
  : `a copy of ${what} is kept in this browser's storage for this site (nothing was deleted)`;

// The core says what was set aside; here, where. A key such as records.json.damaged-… names an entry
// of this site's storage that the volunteer cannot open, so the browser's words leave it out.

/**
 * Where My records shows what was set aside, after "My records" (a link where the page makes one,
 * SetAsideWhere): the copy, listed in its "Room in this browser" section to download or remove; or,
 * left where it was (the storage full, no room for a copy), what takes the room, shown there. The
 * notices of saves, last debriefs, presenter sessions and records alike end with these words.
 */
export const COPY_LISTED = `lists the copy under “${ROOM_HEADING}”, to download or remove`;
export const ROOM_SHOWN = `shows what takes the room this browser keeps for casa-practice, under “${ROOM_HEADING}”`;

/**
 * What to do when the records shown are not all there were: load a backup (`there`: in My records,
 * named just before; `here`: on My records itself, with its button; `above`: said below it), said the same way by every
 * records notice.
 */
function bringBack(where: 'here' | 'above' | 'there' | 'records'): string {
  const how = where === 'here' ? 'with “Load a backup file” below' : where === 'above' ? 'with “Load a backup file” above' : where === 'there' ? 'there' : 'in My records';
  return `If you have a backup file, load it ${how} to bring your records back.`;
}

/**
 * The one line for records set aside, in a browser's words. Then, as the other notices of a value
 * set aside say, where My records shows it (on My records itself, below), and what to do: load a
 * backup to bring the records back, or, left as they were (storage full), download one to keep
 * what is shown. A notice of the core's that sets nothing aside (records that could not be read
 * and hold nothing to keep) ends with what to do too: load a backup.
 *
 * `loaded`: found by loading a backup on My records (importBackup's read of the records here), so
 * "load a backup" is no longer the thing to do: it says instead what became of the backup, the
 * records set aside first, then the backup loaded into the new ones. (Records left as they were
 * are not loaded over: importBackup refuses, and My records says so with LOAD_ONCE_ROOM.)
 *
 * `downloaded`: found by downloading a backup on My records (backupText's read), said after
 * backupDownloaded below the backup controls: "Load a backup file" is above, and, left as they
 * were, the backup just downloaded holds what is shown (its button was the thing to do).
 */
export function recordsNotice(read: { notice?: string; setAside?: RecordsSetAside; newer?: number }, where: 'records' | 'elsewhere' | 'loaded' | 'downloaded' = 'elsewhere'): string | undefined {
  const here = where !== 'elsewhere';
  const loaded = where === 'loaded';
  const downloaded = where === 'downloaded';
  // Written by a newer version (an old tab left open after an update): nothing is wrong, nothing to bring back.
  if (read.newer !== undefined) return recordsNewerNotice(read.newer, downloaded ? `${RECORDS_NEWER_TODO} ${NEWER_NOT_IN_BACKUP}` : RECORDS_NEWER_TODO);
  if (!read.setAside) return read.notice === undefined ? undefined : `${read.notice} ${loaded ? BACKUP_LOADED_INTO_NEW : bringBack(downloaded ? 'above' : here ? 'here' : 'records')}`;
  const kept = recordsSetAsideNotice(read.setAside, keptInBrowser('them'));
  // Left as they were (storage full): a backup loaded now would live in this tab only, so the one
  // way to keep what is shown is to download it.
  if (leftWhereItWas(read.setAside.movedTo)) {
    // The storage refused to be read: no room to make, but the browser may read it again later.
    if (unreadableStorage(read.setAside.movedTo)) return `${kept} ${STORAGE_UNREADABLE_TODO} ${downloaded ? `${HOLDS_WHAT_IS_SHOWN} To keep what you finish meanwhile, download another later.` : `To keep what you finish meanwhile, download a backup file ${here ? 'with “Download a backup file” below' : 'in My records'}.`}`;
    const room = here ? `What takes the room this browser keeps for casa-practice is shown below, under “${ROOM_HEADING}”.` : `My records ${ROOM_SHOWN}.`;
    return `${kept} ${room} ${downloaded ? HOLDS_WHAT_IS_SHOWN : `To keep what is shown, download a backup file ${here ? 'with “Download a backup file” below' : 'there'}.`}`;
  }
  const listed = here ? `The copy is listed below, under “${ROOM_HEADING}”, to download or remove.` : `My records ${COPY_LISTED}.`;
  return `${kept} ${listed} ${loaded ? BACKUP_LOADED_INTO_NEW : bringBack(downloaded ? 'above' : here ? 'here' : 'there')}`;
}

/**
 * Said after a backup was downloaded: the confirmation, with the file's name (as the CSV's and the
 * xAPI file's are said), before any notice of the records it read (recordsNotice's `downloaded`).
 */
export const backupDownloaded = (file: string): string => `Backup downloaded: ${file}. Keep the file somewhere safe; load it here to bring your records back.`;

/**
 * What to do about records written by a newer version of casa-practice, in a browser's words: this
 * tab runs the older version (left open after an update), and reloading the page runs the newer. A
 * finish's save is put back (the core's finishPlaythrough), so it is finished again after reloading.
 */
export const RECORDS_NEWER_TODO = 'Reload the page to see them. Until then, what you finish in this tab cannot be added to them: its progress stays saved, and finishing it again after reloading adds it.';

/** Of a backup downloaded from a tab that cannot read the records (recordsNotice's `downloaded`). */
const NEWER_NOT_IN_BACKUP = 'The backup file just downloaded does not hold them: reload the page and download one there.';

/** What the backup just downloaded holds, of records left as they were (recordsNotice's `downloaded`). */
const HOLDS_WHAT_IS_SHOWN = 'The backup file just downloaded holds what is shown.';

/** What to do when this browser's storage refused to be read (see recordsNotice). */
const STORAGE_UNREADABLE_TODO = 'Closing the browser and opening casa-practice again may let it read them.';

/** What became of a backup loaded over records that had to be set aside first (recordsNotice's `loaded`). */
const BACKUP_LOADED_INTO_NEW = 'Then the backup you chose was loaded into the new records.';

/** Said after BACKUP_NOT_OVER_DAMAGED on My records: where to see what takes the room, and when the backup refused can be loaded. */
export const LOAD_ONCE_ROOM = `What takes the room this browser keeps for casa-practice is shown below, under “${ROOM_HEADING}”. Once there is room for a copy of them, load the backup again.`;

/**
 * The records notice of the last read of this store that had one, kept for the visit: records are
 * set aside by the first read (on whichever page comes first), and every later read finds them
 * gone, so without this the page a volunteer is sent to (My records) said nothing.
 */
const remembered = new WeakMap<Store, { notice?: string; setAside?: RecordsSetAside; newer?: number }>();

/** Forgets the notice kept for the visit: the records were brought back (a backup loaded). */
export function forgetRecordsNotice(store: Store): void {
  remembered.delete(store);
}

/** recordsNotice of this read, or else of an earlier read of the same store during this visit. */
export function recordsNoticeThisVisit(store: Store, read: { notice?: string; setAside?: RecordsSetAside; newer?: number }, where: 'records' | 'elsewhere' = 'elsewhere'): string | undefined {
  if (read.notice !== undefined || read.setAside !== undefined) remembered.set(store, { notice: read.notice, setAside: read.setAside, ...(read.newer !== undefined ? { newer: read.newer } : {}) });
  const said = remembered.get(store);
  return said ? recordsNotice(said, where) : undefined;
}

const capital = (t: string) => t.charAt(0).toUpperCase() + t.slice(1);

/**
 * The one line when a save cannot be resumed, in a browser's words. A save the core found damaged
 * (`damaged`: what is wrong with it, in its words: "it is not valid JSON", "its seed is not a whole
 * number") is said in a volunteer's: what happened, that nothing else was touched, and what happens
 * now (the terminal keeps the core's words, for the trainer who reads the file).
 */
export function resumeNotice(error: string, movedTo?: string, damaged?: string, what: 'save' | 'presenter session' = 'save', outdated = false): string {
  const kept = (at: string) => capital(keptInBrowser('the save')(at));
  // A save of another version of its scenario (the core's `outdated`), in a volunteer's words too.
  if (outdated && what === 'save' && movedTo !== undefined) return `${SAVE_OUTDATED} ${kept(movedTo)}. ${OTHERS_SAFE} You start again from the beginning below.`;
  // A presenter session of another version of its scenario, in a trainer's words (as presenter mode's list says it before the click).
  if (outdated && movedTo !== undefined) return `${SESSION_OUTDATED} ${capital(keptInBrowser('the session')(movedTo))}. ${SESSIONS_SAFE} A new session starts from the beginning below.`;
  if (damaged === undefined) return resumeFailure(error, movedTo, kept);
  // A presenter session is not "the save" in a trainer's words (SESSION_DAMAGED calls it a session).
  const noun = what === 'save' ? 'the save' : 'the session';
  const where = movedTo === undefined ? `${capital(noun)} was left where it is` : capital(keptInBrowser(noun)(movedTo));
  return what === 'save'
    ? `${SAVE_DAMAGED} ${where}. ${OTHERS_SAFE} You start again from the beginning below.`
    : `${SESSION_DAMAGED} ${where}. ${SESSIONS_SAFE} A new session starts from the beginning below.`;
}

/**
 * A save, presenter session or kept debrief written by a newer version of casa-practice (the core's
 * `newer`: this tab was left open after an update), in a browser's words: nothing is wrong with it,
 * it was left where it is, and reloading the page runs the version that reads it. What is played
 * below meanwhile starts from the beginning and is not saved over it (the core's keepProgress).
 */
export function newerSaveWords(version: number, what: 'save' | 'presenter session' | 'debrief'): string {
  if (what === 'debrief') return newerSaveNotice(version, 'last debrief kept', 'Reload the page to see it.');
  if (what === 'presenter session') return `${newerSaveNotice(version, 'presenter session kept', NEWER_SAVE_TODO_HERE)} ${NEWER_SESSION_BELOW}`;
  return `${newerSaveNotice(version, 'saved progress', NEWER_SAVE_TODO_HERE)} ${NEWER_SAVE_BELOW}`;
}

/** What to do about a save a newer version of casa-practice wrote, in a browser's words (newerSaveWords, and the first page's list). */
export const NEWER_SAVE_TODO_HERE = 'Reload the page to continue it.';

/** What is played below a newer version's save meanwhile (newerSaveWords). */
export const NEWER_SAVE_BELOW = 'You can play it again from the beginning below, but that playthrough is not saved: reload the page to go on with your saved progress instead.';

/** What is presented below a newer version's presenter session meanwhile (newerSaveWords). */
export const NEWER_SESSION_BELOW = 'A new session starts from the beginning below, but it is not kept: reload the page to go on with the kept one instead.';

/** Why a save cannot be picked up, in a volunteer's words: SAVE_DAMAGED, SAVE_OUTDATED, and the first page's unusableSaveWords. */
const UNUSABLE_WHY = {
  damaged: 'what this browser saved of it is damaged and cannot be read',
  outdated: 'the scenario has changed since you saved it, and the story may be different now',
} as const;

/** What happened to a save found damaged, in a volunteer's words (no file format named). */
export const SAVE_DAMAGED = `Your progress in this scenario could not be picked up where you left off: ${UNUSABLE_WHY.damaged}.`;

/**
 * What happened to a save made with another version of its scenario (the app updated since, most
 * often), in a volunteer's words: the core's ("this save was made with an older version of the
 * scenario "youth-discloses" (version 44; it is now version 45)") name the scenario by its id.
 */
export const SAVE_OUTDATED = `Your progress in this scenario could not be picked up where you left off: ${UNUSABLE_WHY.outdated}.`;

/**
 * A save the first page finds cannot be continued (the core's saveStanding, or outdatedAtSight),
 * said before the volunteer opens it, in the words the play page says it in then (SAVE_OUTDATED,
 * SAVE_DAMAGED): the page offered "Continue where you stopped", and the click said it could not.
 * `where`: where it stopped and when (continueChoices' "3 replies made, practice, saved 2 days ago").
 */
export function unusableSaveWords(why: keyof typeof UNUSABLE_WHY, where?: string): string {
  return `Your saved progress${where === undefined ? '' : ` (${where})`} cannot be picked up where you left off: ${UNUSABLE_WHY[why]}. Opening the scenario starts it again from the beginning.`;
}

/** That a damaged save touched nothing else (each scenario in progress is kept apart, and the records too). */
const OTHERS_SAFE = 'Your records and your other scenarios in progress are not affected.';

/** Why a kept presenter session cannot be picked up, in a trainer's words: SESSION_DAMAGED's, and presenter mode's unusableSessionWords. */
const UNUSABLE_SESSION_WHY = {
  damaged: 'what this browser kept of it is damaged and cannot be read',
  outdated: 'the scenario has changed since the session was kept, and the story may be different now',
} as const;

/** What happened to a presenter session found damaged, in a trainer's words (as a volunteer's save is said). */
export const SESSION_DAMAGED = `The presenter session kept for this scenario could not be picked up where it stopped: ${UNUSABLE_SESSION_WHY.damaged}.`;

/** What happened to a presenter session kept with another version of its scenario (the app updated since), in a trainer's words. */
export const SESSION_OUTDATED = `The presenter session kept for this scenario could not be picked up where it stopped: ${UNUSABLE_SESSION_WHY.outdated}.`;

/**
 * A kept presenter session presenter mode's list finds cannot be opened (the core's
 * facilitationStanding, or outdatedAtSight), said before the trainer opens it: the list offered
 * "Resume the presenter session" (or "Open the finished session"), and the click set it aside and
 * started a new one. `made`: the decisions it made (roomMadeWords); `stage`: how it stopped.
 */
export function unusableSessionWords(why: keyof typeof UNUSABLE_SESSION_WHY, made: number, stage: 'in progress' | 'finished' | 'ended'): string {
  const what = stage === 'finished' ? 'The finished presenter session kept here cannot be opened' : stage === 'ended' ? 'The presenter session ended here cannot be opened' : `The presenter session kept here (${roomMadeWords(made)}) cannot be resumed`;
  return `${what}: ${UNUSABLE_SESSION_WHY[why]}. Opening the scenario starts a new session from the beginning.`;
}

/** That a damaged presenter session touched nothing else (each scenario's session is kept apart, and the records too). */
const SESSIONS_SAFE = 'Your records and the presenter sessions of other scenarios are not affected.';

/** Where a kept debrief that cannot be shown is, in a browser's words (for the core's keptDebriefFailure): a copy kept, or the debrief left as it was. */
export const keptDebriefAt = (movedTo: string): string => capital(keptInBrowser('it')(movedTo));

/** What happened to a kept debrief found damaged, in a volunteer's words. */
export const DEBRIEF_DAMAGED = 'Your last debrief of this scenario cannot be shown: what this browser kept of it is damaged and cannot be read.';
