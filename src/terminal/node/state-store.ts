import { keptFacilitation, latestSaveKey, leftInPlace, saveSummary, parseRecordsFile, readRecordsKeeping, RECORDS_KEY, recordsSetAsideLines, recordsSetAsideTodo, shownFileName, unwrittenRecord, type PlaythroughRecord, type Records, type RecordsRead, type RecordsSetAside, type CatalogEntry } from '../../machines/light.js';
import type { Finished } from '../../machines/index.js';
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { scenariosDir } from '../paths.js';
import { stateDir } from '../state.js';
import { fileStore, type FileStore } from './file-store.js';

/**
 * The state folder as the core's store, never throwing on a write: when the folder cannot be
 * written (read-only, permission denied, `saves` is a file, a bad XDG_STATE_HOME, disk full) the
 * session goes on in memory and the store says, in one line, where saving failed and why.
 */
export interface StateStore extends FileStore {
  /** The state folder. */
  readonly dir: string;
  /** The first failed write in words (one line), once one has failed, until every write since has been taken again. */
  failure(): string | undefined;
  /**
   * The same for progress only (saves, kept sessions, the check at start): undefined when only the
   * records file refused, so that a screen does not say a playthrough "cannot be saved" (and then save it).
   */
  savingFailure(): string | undefined;
  /**
   * The write savingFailure tells of, when a write failed (not a damaged file left as it was): the
   * file and the error, so that what would have it taken can be said (quitRetryWords).
   */
  savingRefusal(): { path: string; error: unknown } | undefined;
  /** Whether a save, record or debrief (not just the check at start) could not be written. */
  lostWrites(): boolean;
  /** Whether the latest value of a key lives only in memory (its write failed). */
  inMemoryOnly(key: string): boolean;
  /** The text of a key as its file on disk holds it, never a value held in memory (read throws as read does). */
  readKept(key: string): string | undefined;
  /**
   * Says that a value for a key whose damaged file was left as it was (moveAside could not move it)
   * was not written, as a failed write is said (failure, lostWrites): the core writes nothing over
   * such records, so a finish there is never written at all.
   */
  notTaken(key: string): void;
}

/** The key of the small file written at start to check the folder can be written. */
const PROBE = 'saves/.write-test';

/** A file-system error in words a volunteer can act on. */
export function errorWords(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'EROFS': return 'the disk is read-only';
    case 'ENOTDIR': return 'part of the path is a file, not a folder';
    case 'EEXIST': return 'a file is in the way of a folder';
    case 'EISDIR': return 'a folder is in the way of a file';
    case 'ENOSPC': return 'the disk is full';
    case 'EDQUOT': return 'the disk quota is used up';
    case 'ENAMETOOLONG': return 'the path is too long';
    case 'EFBIG': return 'the file would be larger than casa-practice reads back';
    case 'ELOOP': return 'a link in its path leads round in a loop';
    default: return code ? `error ${code}` : 'it could not be written';
  }
}

/**
 * What a volunteer can do about a file that could not be written, by why (errorWords), or undefined
 * where there is nothing plain to say ("error EIO").
 */
export function writeFixWords(e: unknown): string | undefined {
  switch ((e as NodeJS.ErrnoException | undefined)?.code) {
    case 'EACCES': case 'EPERM': return 'make that folder writable';
    case 'EEXIST': case 'ENOTDIR': case 'EISDIR': return 'move what is in the way';
    case 'ENOSPC': case 'EDQUOT': return 'free some space';
    default: return undefined;
  }
}

/** How the line shown when the state folder cannot be written begins (see savingOffLine). */
const SAVING_OFF = 'Progress and records will not be kept this run: ';
/** …and how its second sentence, what to do, begins. */
const TO_KEEP = ' To keep them, ';

/**
 * The folder whose permission stops the writes into the state folder `dir`: the nearest of its saves
 * folder, itself and the folders above it that exists (one missing is to be made in the one above).
 */
function folderToOpen(dir: string): string {
  let folder = join(dir, 'saves');
  while (!existsSync(folder) && dirname(folder) !== folder) folder = dirname(folder);
  return folder;
}

/** Whether this process may write in a folder that is there (export.ts asks it of a summary's folder and of where the app was started). */
export function canWrite(folder: string): boolean {
  try {
    accessSync(folder, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Whether a path is a file (not a folder, and there). */
function isFile(path: string): boolean {
  try {
    return !statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The one line shown when progress cannot be saved (the folder named as shownFileName names it: it
 * comes from the environment): that nothing of this run is kept, the folder and why, then what to do
 * so that it is, in words that name the folder rather than "it" (it said "this session is kept in
 * memory only", and nothing of what to do): the fix for why (writeFixWords; for permission, the
 * folder that needs it: its saves folder, or the one above where the state folder is not made yet),
 * or another folder named in XDG_STATE_HOME.
 */
export function savingOffLine(dir: string, e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  const open = code === 'EACCES' || code === 'EPERM' ? folderToOpen(dir) : undefined;
  // A file where a folder of the path should be: the nearest part of the path that exists is it,
  // named by its own name (the path was just said: a long one twice took rows a screen needs).
  const inWay = code === 'ENOTDIR' || code === 'EEXIST' ? folderToOpen(dir) : undefined;
  // Its saves folder refused, and the state folder itself can no more be written (`chmod -R a-w` on
  // a folder already used): the saves folder made writable, the check at start passed and the
  // records, debriefs and exports beside it still went unwritten: the folder just named, and all in it.
  const fix = open !== undefined && open === join(dir, 'saves') && !canWrite(dir) ? 'make that folder and everything in it writable'
    : open !== undefined && open !== dir ? `make ${shownFileName(open)} writable`
    : inWay !== undefined && isFile(inWay) ? `move the file ${shownFileName(basename(inWay))} (in that path) out of the way`
    : writeFixWords(e);
  return `${SAVING_OFF}${shownFileName(dir)} cannot be written (${errorWords(e)}).${TO_KEEP}${fix ? `${fix}, or ` : ''}start again with XDG_STATE_HOME set to a folder you can write.`;
}

/**
 * Why the save at "save and quit" was refused, for the quit prompt that then asks "Quit without
 * saving?" (the state folder stopped taking writes during the session), and what would have it
 * taken: the folder (the nearest part of the save's path that is there: the one to make writable,
 * or a file in the way), why (errorWords), and that y, which tries the save again, saves after the
 * fix (writeFixWords'). The prompt said only "This playthrough cannot be saved and will be lost.":
 * why, and that it could still be saved, came only after n, or after the playthrough was gone.
 * Undefined where no write failed (a damaged save left as it was: y cannot save over it).
 */
export function quitRetryWords(env: NodeJS.ProcessEnv = process.env, atQuit = true): string | undefined {
  const refusal = stateStore(env).savingRefusal();
  if (refusal === undefined) return undefined;
  const { folder, fix } = refusedAt(refusal, 'that folder');
  // `atQuit` false: refused from the start (checkStateFolder), before any save of progress was tried
  // (y tries one all the same): the folder, why and what to do as the start notice said them
  // (refusedWords, stateFolderFix). The prompt said only "This playthrough cannot be saved and will
  // be lost.", where one refused mid-scenario named the folder, why, and what to do.
  const [why, todo] = atQuit ? [`${shownFileName(folder)} cannot be written (${errorWords(refusal.error)})`, fix] : [refusedWords(env) ?? '', stateFolderFix(env)];
  const retry = todo ? `${todo[0]?.toUpperCase()}${todo.slice(1)}, then press y to save after all; otherwise y quits and this playthrough is lost.` : 'y tries once more, then quits: if it is refused again, this playthrough is lost.';
  return `${atQuit ? 'Your progress could not be saved' : 'This playthrough cannot be saved'}: ${why}. ${retry}`;
}

/**
 * Why the state folder took no write at the start, as its notice said it (failureReason): "<state
 * folder> cannot be written (permission denied)", for a question that says why nothing is kept;
 * undefined where no save was refused.
 */
export function refusedWords(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return stateStore(env).savingFailure() === undefined ? undefined : failureReason(env);
}

/**
 * The store's "Progress is not being saved: …" line (savingFailure) in one row of a 60-column screen,
 * for a screen whose moment it would push out of view: why (errorWords), not the file, which a quit
 * question names. Undefined where no save was refused. A damaged file left as it was (no write failed)
 * is said without a why: q says it.
 */
export function savingFailureShort(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const store = stateStore(env);
  if (store.savingFailure() === undefined) return undefined;
  const refusal = store.savingRefusal();
  return refusal === undefined ? 'Progress is not being saved: q says why.' : `Progress is not being saved (${errorWords(refusal.error)}).`;
}

/**
 * Where a refused save was refused, and what would have it taken: the nearest part of its path that
 * is there (the folder to make writable, or a file in the way) and the fix, the folder named as
 * `named` says it ("that folder" after naming it; its path where nothing named it before).
 */
function refusedAt(refusal: { path: string; error: unknown }, named?: string): { folder: string; fix: string } {
  const code = (refusal.error as NodeJS.ErrnoException | undefined)?.code;
  let folder = dirname(refusal.path);
  while (!existsSync(folder) && dirname(folder) !== folder) folder = dirname(folder);
  const inWay = (code === 'ENOTDIR' || code === 'EEXIST') && isFile(folder);
  const fix = code === 'EACCES' || code === 'EPERM' ? `make ${named ?? shownFileName(folder)} writable`
    : inWay ? `move the file ${shownFileName(basename(folder))} out of the way`
    : writeFixWords(refusal.error);
  return { folder, fix: fix ?? '' };
}

/**
 * A failure line (StateStore.failure) without savingOffLine's second sentence, what to do, or a
 * records line without what becomes of this finish: for a screen that says these itself (a
 * debrief's NOT_RECORDED_UNWRITABLE), where the two together took the rows a long state folder's
 * path needs. Any other line as it is.
 */
export function withoutToDo(line: string): string {
  // The records file refused once the run was under way (the folder made read-only mid-scenario): the
  // line under it says that this finish is not in the records, and what would have it counted;
  // "kept in memory only and will be missing from your records" above it said so again, otherwise.
  if (line.startsWith(RECORDS_NOT_UPDATED) && line.endsWith(RECORDS_IN_MEMORY)) return `${line.slice(0, -RECORDS_IN_MEMORY.length)}.`;
  const at = line.startsWith(SAVING_OFF) ? line.lastIndexOf(TO_KEEP) : -1;
  return at < 0 ? line : line.slice(0, at);
}

/**
 * The one line when the folder can be written but one file in it cannot (made read-only, say):
 * that file named, and for the records, that this finished scenario will be missing from them.
 */
function fileNotSavedLine(path: string, key: string, e: unknown): string {
  if (key === RECORDS_KEY) return `${RECORDS_NOT_UPDATED}${shownFileName(path)} cannot be written (${errorWords(e)})${RECORDS_IN_MEMORY}`;
  return `Progress is not being saved: ${shownFileName(path)} cannot be written (${errorWords(e)}); this session is kept in memory only.`;
}

/**
 * The one line when a damaged file could not be moved aside (see moveAside): it is left as it was,
 * the only copy of what it holds, and this session's writes to it are kept in memory instead.
 */
function leftUntouchedLine(path: string, key: string, why: string): string {
  const what = `${shownFileName(path)} is damaged and could not be moved aside (${why}), so it was left as it was (it is repaired once it can be moved)`;
  if (key === RECORDS_KEY) return `${RECORDS_NOT_UPDATED}${what}${RECORDS_IN_MEMORY}`;
  return `Progress is not being saved: ${what}; this session is kept in memory only.`;
}

const RECORDS_NOT_UPDATED = 'Your records were not updated: ';
const RECORDS_IN_MEMORY = '; this finished scenario is kept in memory only and will be missing from your records after you quit.';

// One store per state folder for the whole process, so what was kept in memory is found again.
const stores = new Map<string, StateStore>();

/** The state folder ($XDG_STATE_HOME/casa-practice) as the core's store. */
export function stateStore(env: NodeJS.ProcessEnv = process.env): StateStore {
  const dir = stateDir(env);
  let store = stores.get(dir);
  if (!store) stores.set(dir, (store = resilientStore(dir)));
  return store;
}

const GONE = Symbol('removed');

/**
 * A key's file as `files` reads it, a file-system error thrown in words (errorWords), its code kept:
 * the core says a read error's message to the volunteer ("The last debrief could not be read (…)",
 * "Your completion records could not be read (…)"), and Node's own was "EACCES: permission denied,
 * open '/home/…/records.json'", its code and the path in the middle of a sentence. An error of the
 * store's own (a file too large, not a regular file) has words and no code: thrown as it is.
 */
function readInWords(files: FileStore, key: string): string | undefined {
  try {
    return files.read(key);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException | undefined)?.code;
    throw typeof code === 'string' ? Object.assign(new Error(errorWords(e)), { code }) : e;
  }
}

/** The store stateStore keeps for a folder, over `files` (a test gives a file store with a small limit). */
export function resilientStore(dir: string, files: FileStore = fileStore(dir)): StateStore {
  // Keys whose latest value lives only in memory (or was removed there), because the disk refused.
  const memory = new Map<string, { text: string | typeof GONE; modified: number }>();
  let failed: string | undefined;
  // The first failed write of anything but the records file.
  let savingFailed: string | undefined;
  // …and that write: its file and error (see savingRefusal).
  let savingRefused: { path: string; error: unknown } | undefined;
  let lost = false;
  // Keys whose damaged file could not be moved aside, and why: never written over in this process.
  const untouchable = new Map<string, string>();
  // Whether the folder took the test write at start: then a later failure is one file's, not the folder's.
  let folderWritable = false;
  const fail = (key: string, e: unknown) => {
    const line = folderWritable && key !== PROBE ? fileNotSavedLine(files.pathOf(key), key, e) : savingOffLine(dir, e);
    failed ??= line;
    if (key !== RECORDS_KEY && savingFailed === undefined) {
      savingFailed = line;
      savingRefused = { path: files.pathOf(key), error: e };
    }
    if (key !== PROBE) lost = true;
  };
  // A write that the disk took again (the folder was made writable again, the disk has room again):
  // once nothing lives only in memory, saving is back, and the store says so by no longer failing.
  const recovered = (key: string) => {
    memory.delete(key);
    memory.delete(PROBE);
    if (memory.size === 0) {
      failed = undefined;
      lost = false;
    }
    if (![...memory.keys()].some((k) => k !== RECORDS_KEY)) savingFailed = savingRefused = undefined;
  };
  // A value for a key left as it was (see moveAside) that was not written: said as a failed write is.
  const refused = (key: string, why: string) => {
    const line = leftUntouchedLine(files.pathOf(key), key, why);
    failed ??= line;
    if (key !== RECORDS_KEY) savingFailed ??= line;
    lost = true;
  };
  return {
    dir,
    maxBytes: files.maxBytes,
    pathOf: files.pathOf,
    undecodedName: (key) => files.undecodedName(key),
    notTaken(key) {
      const why = untouchable.get(key);
      if (why !== undefined) refused(key, why);
    },
    failure: () => failed,
    savingFailure: () => savingFailed,
    savingRefusal: () => savingRefused,
    lostWrites: () => lost,
    inMemoryOnly: (key) => memory.has(key) && memory.get(key)?.text !== GONE,
    readKept: (key) => readInWords(files, key),
    read(key) {
      const m = memory.get(key);
      if (m) return m.text === GONE ? undefined : m.text;
      return readInWords(files, key);
    },
    write(key, text) {
      const why = untouchable.get(key);
      if (why !== undefined) {
        // The file there is the only copy of what it holds: this value is kept in memory instead.
        refused(key, why);
        memory.set(key, { text, modified: Date.now() });
        return;
      }
      try {
        files.write(key, text);
        if (key === PROBE) folderWritable = true;
        // (The probe is removed just after: it is not a write of the session's.)
        if (key === PROBE) memory.delete(key);
        else recovered(key);
      } catch (e) {
        fail(key, e);
        memory.set(key, { text, modified: Date.now() });
      }
    },
    remove(key) {
      if (untouchable.has(key)) {
        memory.set(key, { text: GONE, modified: Date.now() });
        return;
      }
      try {
        files.remove(key);
        if (key === PROBE) memory.delete(key);
        else recovered(key);
      } catch {
        memory.set(key, { text: GONE, modified: Date.now() });
      }
    },
    moveAside(key, now, why) {
      try {
        const to = files.moveAside(key, now, why);
        memory.delete(key);
        // Moved at last (a file once left as it was): its key is written again. (Still marked, the
        // repaired records and this session's finishes were kept in memory and lost at the quit,
        // the damaged file being gone from its place.)
        untouchable.delete(key);
        return to;
      } catch (e) {
        // It cannot be moved: it stays where it is, and nothing written to its key later in this
        // session goes over it (a rename refused while writes are taken would otherwise replace
        // the only copy). A save is no longer read (it is not offered again, damaged); the records
        // are read again each time, as they are: their reader shows the readable part and says,
        // each time, that the file is damaged and left as it was. (Hidden too, every read after the
        // first found no records and nothing to say: the picker came back empty after a playthrough.)
        if (key !== RECORDS_KEY) memory.set(key, { text: GONE, modified: Date.now() });
        untouchable.set(key, errorWords(e));
        return leftInPlace(files.pathOf(key), errorWords(e));
      }
    },
    // Where the folder cannot be written no lock is made: the update runs, its writes kept in memory.
    exclusive: (key, update) => files.exclusive(key, update),
    list(prefix) {
      const out = new Map(files.list(prefix).map((e) => [e.key, e]));
      for (const [key, m] of memory) {
        if (!key.startsWith(prefix)) continue;
        if (m.text === GONE) out.delete(key);
        else out.set(key, { key, modified: m.modified });
      }
      return [...out.values()];
    },
  };
}

/** Why the state folder cannot be written ("… cannot be written (…)"), without the line's framing; undefined when it can. */
export function failureReason(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const line = stateStore(env).failure();
  if (line?.startsWith(RECORDS_NOT_UPDATED)) return line.slice(RECORDS_NOT_UPDATED.length).replace(RECORDS_IN_MEMORY, '');
  if (line?.startsWith(SAVING_OFF)) return line.slice(SAVING_OFF.length, line.lastIndexOf(`.${TO_KEEP}`));
  return line?.replace(/^Progress is not being saved: /, '').replace(/; this session is kept in memory only\.?$/, '');
}

/**
 * What was not saved and why, in one sentence, as the last words of a run that exits 74: "Nothing
 * was saved in the state folder: … cannot be written (…)." (the state folder: just above it can
 * be "Debrief exported to: …" elsewhere, and a bare "Nothing was saved" read as if that failed) or, when only the records file refused, "Your records were
 * not updated: …/records.json cannot be written (…)." (it said "Nothing was saved: Your records
 * were not updated: … will be missing from your records after you quit..", after the quit).
 */
export function notSavedWords(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const reason = failureReason(env);
  if (reason === undefined) return undefined;
  if (stateStore(env).failure()?.startsWith(RECORDS_NOT_UPDATED)) return `${RECORDS_NOT_UPDATED}${reason}.`;
  return `Nothing was saved in the state folder: ${reason}. ${saveNextTimeWords(env)}`;
}

/**
 * What to do so that the next run saves, after the last words of one the state folder refused
 * (they said what failed and why, and nothing of what to do; the debrief's "make it writable" was
 * gone from the screen by then): the debrief's words, and where XDG_STATE_HOME names the folder
 * (stateDir takes only an absolute one), that another folder can be named there.
 */
export function saveNextTimeWords(env: NodeJS.ProcessEnv = process.env): string {
  const named = env.XDG_STATE_HOME?.startsWith('/') === true;
  return `To save your progress next time, ${stateFolderFix(env)}${named ? ' (or set XDG_STATE_HOME to a folder you can write)' : ''}.`;
}

/**
 * What to do so that the state folder can be written, as the start notice said it (savingOffLine,
 * without its "or start again with XDG_STATE_HOME…"): the folder to make writable, named (it said
 * "make it writable", the state folder, when the one to open was the folder above it, not made yet),
 * or what to do for another cause (a file where a folder should be: "move the file … out of the way",
 * where "make it writable" could not help); "make it writable" where the notice named no fix.
 */
export function stateFolderFix(env: NodeJS.ProcessEnv = process.env): string {
  const line = stateStore(env).failure();
  const at = line?.startsWith(SAVING_OFF) ? line.lastIndexOf(TO_KEEP) : -1;
  const fix = line !== undefined && at >= 0 ? line.slice(at + TO_KEEP.length).replace(/(?:, or )?start again with XDG_STATE_HOME set to a folder you can write\.$/, '') : '';
  if (fix !== '') return fix;
  // Refused during the session (the check at start passed): the folder that refused it, named. "Make
  // it writable" came after the save file's path, though the folder is what has to take the write.
  const refusal = stateStore(env).savingRefusal();
  const refused = refusal === undefined ? '' : refusedAt(refusal).fix;
  return refused === '' ? 'make it writable' : refused;
}

/**
 * Checks at start that progress can be saved: creates the state folder and its saves folder and
 * writes a small file there. Returns the one line to show when it cannot, or undefined.
 */
export function checkStateFolder(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const store = stateStore(env);
  store.write(PROBE, '');
  store.remove(PROBE);
  return store.failure();
}

/**
 * Whether a saved session this version can resume is waiting: not where the only saves are a
 * newer version's, which latestSaveKey passes over (R would only say it cannot continue them).
 */
export function hasSave(env: NodeJS.ProcessEnv = process.env): boolean {
  return latestSaveKey(stateStore(env)) !== undefined;
}

/**
 * What R on the picker would open (the save hasSave finds, latestSaveKey's): 'save' for one to
 * continue, 'damaged' for one too damaged to continue (read, but not a save saveSummary can
 * summarise, as the picker marks "(damaged save)"): R sets it aside and says why. The picker said "A
 * saved session is waiting: press R to resume it." of such a save, and R then said "Could not
 * resume". 'unreadable' for one that cannot be read at all (no permission to read it, a disk error,
 * larger than casa-practice reads): it was offered as waiting too, and R said it could not be read
 * and left it there, offered again each time; R now sets it aside as well (readSave in saves.ts).
 * Only what can be told without loading the scenario: a save that reads as sound may still not fit
 * its scenario (saveStanding, checked once the picker's files are). Undefined when there is none.
 */
export function resumeOffer(env: NodeJS.ProcessEnv = process.env): 'save' | 'damaged' | 'unreadable' | undefined {
  const store = stateStore(env);
  const key = latestSaveKey(store);
  if (key === undefined) return undefined;
  if (!readableAt(store, key)) return 'unreadable';
  return damagedSaveAt(store, key) ? 'damaged' : 'save';
}

/** How a list of scenarios marks one whose save is damaged (the full-screen picker and the line-by-line list alike). */
export const DAMAGED_SAVE_MARK = '(damaged save)';
/** How a list of scenarios marks one whose save was made with another edit of it, once checked (the full-screen picker and the line-by-line list alike). */
export const OUTDATED_SAVE_MARK = '(outdated save)';

/** A kept trainer-led session as a list of scenarios marks it: the decision it stands at, and whether it has finished. */
export interface RoomSessionMark {
  decision: number;
  finished: boolean;
}

/** The scenarios with a trainer-led session kept, by file: where it stands and whether it has finished. */
export function roomSessionMarks(env: NodeJS.ProcessEnv, entries: readonly Pick<CatalogEntry, 'id' | 'file'>[]): Map<string, RoomSessionMark> {
  const store = stateStore(env);
  const bundledDir = scenariosDir();
  const marks = new Map<string, RoomSessionMark>();
  for (const e of entries) {
    const file = resolve(e.file);
    const kept = keptFacilitation(store, { scenario: { id: e.id }, file, bundled: dirname(file) === bundledDir });
    if (kept) marks.set(e.file, kept);
  }
  return marks;
}

/** After a title (the full-screen picker and the line-by-line list alike): a trainer-led session kept of it. */
export function roomSessionMarkWords(room: RoomSessionMark | undefined): string {
  return room === undefined ? '' : room.finished ? ' (finished)' : ' (in progress)';
}

/** Whether the save under `key` can be read but is too damaged to continue (opening it sets it aside and starts anew). */
export function damagedSaveAt(store: ReturnType<typeof stateStore>, key: string): boolean {
  return saveSummary(store, key) === undefined && readableAt(store, key);
}

/** Whether the value under `key` can be read (a save that cannot is not called damaged: opening its scenario, or R, leaves it where it is). */
export function readableAt(store: Pick<ReturnType<typeof stateStore>, 'read'>, key: string): boolean {
  try {
    return store.read(key) !== undefined;
  } catch {
    return false;
  }
}

// Playthroughs finished in this process that the records file did not take (damaged, and left as it
// was because it could not be moved aside: the core writes nothing over it), by state folder.
const unwritten = new Map<string, PlaythroughRecord[]>();

/** Notes a finish (finishPlaythrough's result) whose record the records file did not take, so that loadRecords shows it for the rest of the session. */
export function noteFinish(finished: Finished | undefined, env: NodeJS.ProcessEnv = process.env): void {
  const record = unwrittenRecord(finished);
  if (record === undefined) return;
  const store = stateStore(env);
  store.notTaken(RECORDS_KEY);
  unwritten.set(store.dir, [...(unwritten.get(store.dir) ?? []), record]);
}

/**
 * The notice of a read of the records as the terminal shows it: records set aside in the core's
 * terminal words with the file's path whole on a line of its own and what to do
 * (recordsSetAsideLines), as the web app's notices end with where the copy is and what to do; any
 * other notice as the core gave it.
 */
export function recordsNoticeLines(read: { notice?: string; setAside?: RecordsSetAside } | undefined): string | undefined {
  return read?.setAside ? recordsSetAsideLines(read.setAside) : read?.notice;
}

/**
 * The same as one notice of the picker's, which shows each line of its notices as a notice of its
 * own (three for these, where a 60×24 window has room for the first words of three in all): the
 * core's line, the path in it, then what to do.
 */
export function recordsNoticeInOne(read: { notice?: string; setAside?: RecordsSetAside } | undefined): string | undefined {
  return read?.setAside && read.notice ? `${read.notice} ${recordsSetAsideTodo(read.setAside)}` : read?.notice;
}

/**
 * The best results as the records file on disk holds them (its readable part), when a finish of
 * this process is held in memory only: the state folder or the records file refused it, or the file
 * is damaged and left as it was (noteFinish). A picker shows these, never a score that was not kept
 * (it showed "best 0%" for a run the state folder refused, gone at the quit). Undefined when every
 * finish was kept, or none was made.
 */
export function keptRecords(env: NodeJS.ProcessEnv = process.env): Records | undefined {
  const store = stateStore(env);
  if (!store.inMemoryOnly(RECORDS_KEY) && (unwritten.get(store.dir) ?? []).length === 0) return undefined;
  let text: string | undefined;
  try {
    text = store.readKept(RECORDS_KEY);
  } catch {
    // Unreadable: nothing on disk can be shown as kept.
  }
  const parsed = text === undefined ? undefined : parseRecordsFile(text);
  return parsed?.ok ? parsed.file.best : {};
}

/**
 * The completion records (a damaged file is moved aside and reported in `notice`). A partly damaged
 * file that could not be moved aside is left as it was and read again each time: its readable part,
 * its notice, and the playthroughs finished in this session (kept in memory only, see noteFinish).
 * Once the file can be repaired, those are written into it (the core's readRecordsKeeping).
 */
export function loadRecords(env: NodeJS.ProcessEnv = process.env): RecordsRead {
  const store = stateStore(env);
  const mine = unwritten.get(store.dir) ?? [];
  const read = readRecordsKeeping(store, mine);
  if (mine.length === 0) unwritten.delete(store.dir);
  return read;
}
