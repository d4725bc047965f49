import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import type { Finished, KeepResult, PlayableScenario, ResumeResult, RunOrigin, SaveHold, SaveSummary, ScenarioRef } from '../machines/index.js';
import * as core from '../machines/index.js';
import { FileAccessError } from './errors.js';
import { command, otherStartValues, roomSessionArgs } from './invocation.js';
// Kept with the command words (the app's content note names it without loading this module).
export { roomSessionArgs };
import { fileStore } from './node/file-store.js';
import { inScenariosDir } from './node/scenario-ids.js';
import { errorWords, failureReason, hasSave, saveNextTimeWords, stateFolderFix, stateStore } from './node/state-store.js';
import { leavingPath } from './export.js';
import { scenariosDir } from './paths.js';
import { columnsOf } from './wrap.js';
import { loadPlayable } from './scenario-source.js';
import { stateDir } from './state.js';
import { UsageError } from './args.js';

/** The folder of saved sessions. */
export function savesDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(stateDir(env), 'saves');
}

/**
 * Why the saves folder, which is there, cannot be listed (errorWords), said for `resume` with the
 * folder's path; undefined when it can be, or is not there (nothing saved yet, or a file in the way:
 * the start's notice says that). Listed as empty (the store lists no key it cannot see), a folder
 * made unreadable (chmod 000, another user's with mode 700) holding a save was said as "No saved
 * session was found".
 */
export function unlistedSavesWords(env: NodeJS.ProcessEnv = process.env): string | undefined {
  try {
    readdirSync(savesDir(env));
    return undefined;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException | undefined)?.code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    return `Your saves could not be read: the folder ${core.shownFileName(savesDir(env))} cannot be opened (${errorWords(e)}). Make it readable by you to continue a save; choose a scenario.`;
  }
}

/** Saves a session in progress (atomically); returns the file written. */
export function writeSave(playable: PlayableScenario, persistedSnapshot: unknown, env: NodeJS.ProcessEnv = process.env, startedAt?: string, activeMs?: number): string {
  const store = stateStore(env);
  return store.pathOf(core.writeSave(store, playable, persistedSnapshot, startedAt, new Date(), activeMs));
}

/**
 * Saves a run in progress by the core's policy (never over a further save unless the volunteer
 * chose to start over and replied) and says what happened in one or two lines for the volunteer.
 * `ok` is false when the state folder could not be written. `activeMs`: the practice time so far
 * (see the core's practiceClock), so that time between sittings is never counted. `hold`: the save
 * a continued run holds (the core's SaveHold): when another terminal went on with that save since,
 * nothing is written and one line says so. `undone`: the run made replies and undid them all (a run
 * that started over then keeps the earlier save, and is not said to have made no reply).
 */
export function saveProgress(playable: PlayableScenario, persistedSnapshot: unknown, origin: RunOrigin, env: NodeJS.ProcessEnv = process.env, startedAt?: string, activeMs?: number, hold?: SaveHold, undone = false, resumeArgs = 'resume', width?: number): { ok: boolean; message: string; result: KeepResult } {
  const store = stateStore(env);
  const result = core.keepProgress(store, playable, persistedSnapshot, { origin, startedAt, ...(activeMs !== undefined ? { activeMs } : {}), ...(hold ? { hold } : {}), undone });
  // The save kept over this one is this session's own, held in memory since the disk refused it:
  // written again now (the folder may take it again), as a save of the same progress.
  const kept = !result.saved && !('behind' in result) && store.inMemoryOnly(result.key) ? store.read(result.key) : undefined;
  if (kept !== undefined) store.write(result.key, kept);
  if ((result.saved || kept !== undefined) && store.inMemoryOnly(result.key)) {
    // Said as the app ends: the session kept in memory ends with it.
    const why = failureReason(env) ?? '';
    // An older save of this scenario still on the disk is kept, as the quit prompt said (keptSaveWords).
    const older = keptSaveWords(saveKeptOnDisk(playable, env), env);
    return { ok: false, result, message: `Progress could not be saved: ${why}, so this playthrough was not kept. ${saveNextTimeWords(env)}${older ? ` ${older}` : ''}` };
  }
  // (`resume --plain` after a run with --plain asked for: in a terminal `resume` opened the full-screen app.)
  const resume = `Continue with: ${command(resumeArgs, env)}`;
  // The state folder comes from the environment: its path is shown with any escapes in it escaped (raw, ESC ] 0 ; … BEL retitled the terminal).
  // In a window narrower than the line (`width`, the full-screen app's), the path is named as other
  // leaving words name theirs (leavingPath): the file whole on a row, its folder under it; the
  // terminal would otherwise break it mid-name ("trafficker-contact.j" / "son" at 60 columns).
  const path = store.pathOf(result.key);
  const line = `Progress saved to ${core.shownFileName(path)}`;
  const savedTo = width === undefined || columnsOf(line) <= width ? line : `Progress saved to:\n${leavingPath(path, width, env)}`;
  if (kept !== undefined) return { ok: true, result, message: `${savedTo}\n${resume}` };
  // The save kept is the one `resume` opens only when it is the newest of any scenario's.
  if (!result.saved) return { ok: true, result, message: 'behind' in result || 'newer' in result ? result.reason : `${result.reason}\n${core.latestSaveKey(store) === result.key ? resume : 'Opening this scenario again offers it.'}` };
  return { ok: true, result, message: `${savedTo}\n${resume}` };
}

/** Said where a run ends other than by q (input ended, Ctrl-C, a signal, the window closed) before a reply was made or undone in it. */
export const NO_REPLY_UNSAVED = 'No reply was made in this run, so nothing was saved.';

/**
 * A run ended other than by the volunteer's q (input ended, Ctrl-C, SIGTERM, the window closed)
 * before a reply was made or undone in it: what is said in place of a save, or undefined where the
 * save is to be tried as usual (it writes nothing then, and says why: started over with the earlier
 * save kept, or a newer version's save in the slot). Written, such a run became the newest save, and
 * `resume` and the picker's R opened it rather than the playthrough really in progress; a save this
 * run continued is left as it was, not made the newest. `resumeArgs`: the command that continues.
 * `hold`: the save a continued run holds; where another terminal went on with it since (finished it,
 * or saved over it), the save is tried as usual, which writes nothing and says so (FELL_BEHIND_SAVE):
 * "your save is kept as it was" was said of a save another terminal had finished and removed.
 */
export function noReplyEndWords(playable: PlayableScenario, origin: RunOrigin, env: NodeJS.ProcessEnv = process.env, resumeArgs = 'resume', hold?: SaveHold): string | undefined {
  const store = stateStore(env);
  if (origin !== 'continued' && (core.saveKeptInstead(store, playable, 0, origin) !== undefined || core.newerSaveAt(store, core.saveKey(playable)) !== undefined)) return undefined;
  if (origin === 'continued' && hold !== undefined && core.fellBehind(store, hold)) return undefined;
  if (origin !== 'continued') return NO_REPLY_UNSAVED;
  const kept = core.latestSaveKey(store) === core.saveKey(playable) ? `Continue with: ${command(resumeArgs, env)}` : 'Opening this scenario again offers it.';
  return `${NO_REPLY_UNSAVED.slice(0, -1)}: your save is kept as it was.\n${kept}`;
}

/** How the line under a finished playthrough's debrief begins where the state folder cannot be written (recordedLine). */
export const NOT_RECORDED_UNWRITABLE = 'Not added to your records: the state folder cannot be written.';

/** That line whole: what would have a finish counted is the start notice's fix (it said "make it writable", wrong where a file stands in the path). */
function notRecordedUnwritable(env: NodeJS.ProcessEnv): string {
  return `${NOT_RECORDED_UNWRITABLE} To have a finish counted, ${stateFolderFix(env)} and play again.`;
}

/**
 * The debrief's line saying that the finished practice went into the volunteer's records, and the
 * command that shows them; or that it did not, because another terminal went on with the save this
 * run continued (the core's FELL_BEHIND_FINISH); undefined otherwise: `finished` is what
 * finishPlaythrough returned (undefined for a --from or --set run); where the state folder cannot be
 * written, that this finish is not in the records and what would have it counted; undefined when only
 * the records file refused (its own notice says this finish will be missing from them).
 */
export function recordedLine(finished: Finished | undefined, env: NodeJS.ProcessEnv = process.env, playable?: Pick<PlayableScenario, 'from' | 'set' | 'preview'>): string | undefined {
  if (finished !== undefined && 'behind' in finished) return core.FELL_BEHIND_FINISH;
  // An author's test run says why it is not in the records (the debrief otherwise reads as any other).
  if (finished === undefined && playable !== undefined) {
    const how = [
      playable.from === undefined ? undefined : `started at "${core.visibleLine(playable.from)}" (--from)`,
      playable.set === undefined ? undefined : `started with ${Object.entries(playable.set).map(([k, v]) => core.visibleLine(`${k}=${v}`)).join(', ')} (--set)`,
    ].filter(Boolean);
    if (how.length === 0 && playable.preview === true) return 'Not added to your records: this run was a preview (--preview), an author\'s test, as the web app\'s Preview plays a file.';
    if (how.length > 0) return `Not added to your records: this run ${how.join(' and ')}, an author's test rather than a whole playthrough.`;
  }
  // A state folder that cannot be written: its notice says "kept in memory only", which did not say
  // that this finish is not in the records, nor what would have it counted.
  if (finished !== undefined && stateStore(env).savingFailure() !== undefined && stateStore(env).inMemoryOnly(core.RECORDS_KEY)) return notRecordedUnwritable(env);
  // Nor when the records were not written (damaged, and could not be moved aside): their notice says so.
  if (finished === undefined || finished.unsaved === true || stateStore(env).inMemoryOnly(core.RECORDS_KEY)) return undefined;
  return `Added to your records: ${command('records', env)}`;
}

/**
 * The save waiting in a playthrough's slot, if any (read without loading it). For a trainer's file
 * with none, a save of the same scenario whose file is gone (the file was moved) is offered instead.
 */
export function saveWaiting(playable: Pick<PlayableScenario, 'scenario' | 'file' | 'bundled' | 'from' | 'set' | 'preview'>, env: NodeJS.ProcessEnv = process.env): SaveSummary | undefined {
  return saveWaitingIn(stateStore(env), playable);
}

/**
 * Where progress cannot be saved: the save of this scenario still in the state folder from before
 * (the disk only: what this session tried to write lives in memory and ends with it), which the next
 * run finds; `latest` when it is the one `resume` opens (the newest save of any scenario).
 */
export function saveKeptOnDisk(playable: Pick<PlayableScenario, 'scenario' | 'file' | 'bundled' | 'from' | 'set' | 'preview'>, env: NodeJS.ProcessEnv = process.env): { summary: SaveSummary; latest: boolean } | undefined {
  const disk = fileStore(stateStore(env).dir);
  const summary = saveWaitingIn(disk, playable);
  return summary && { summary, latest: core.latestSaveKey(disk) === summary.key };
}

/**
 * Where progress cannot be saved, the sentence for a save of this scenario kept from before
 * (saveKeptOnDisk's): it stays as it was, and the next run opens it (`resume` when it is the newest
 * save, otherwise opening the scenario again). Undefined when there is none.
 */
export function keptSaveWords(kept: { summary: SaveSummary; latest: boolean } | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (!kept) return undefined;
  // The command ends the words, as every hint's does, so that it can be copied whole: "…: <command>
  // resume opens that one." was broken before "opens" with a line continuation, and ran as
  // `resume opens that one.`, which resume refuses.
  const earlier = `Your earlier save of this scenario (at decision ${kept.summary.decision}) is kept as it was`;
  return kept.latest ? `${earlier}. Continue it with: ${command('resume', env)}` : `${earlier}: opening this scenario again offers that one.`;
}

function saveWaitingIn(store: core.Store, playable: Pick<PlayableScenario, 'scenario' | 'file' | 'bundled' | 'from' | 'set' | 'preview'>): SaveSummary | undefined {
  const own = core.saveSummary(store, core.saveKey(playable));
  if (own || playable.bundled === true) return own;
  for (const { key } of store.list(core.SAVES_PREFIX)) {
    if (!key.endsWith('.json') || key === core.saveKey(playable)) continue;
    let text: string | undefined;
    try {
      text = store.read(key);
    } catch {
      continue;
    }
    const ref = text === undefined ? undefined : core.savedScenarioRef(text);
    if (ref?.source !== 'file' || ref.id !== playable.scenario.id || existsSync(ref.file)) continue;
    // Same scenario and start (--from/--set), from a file no longer there.
    if (core.saveKey({ ...playable, file: ref.file }) !== key && !(ref.legacy && key === core.saveKey({ ...playable, bundled: true }))) continue;
    const summary = core.saveSummary(store, key);
    if (summary) return summary;
  }
  return undefined;
}

/**
 * A save in the scenario's own slot too damaged to be summarised (not JSON, not a save, no
 * transcript) is invisible to saveWaiting: opening the scenario (from the picker with Enter, or
 * with play <id>) started a new run as if there were none, whose first save wrote over it and whose
 * finish removed it, without a word. It is moved aside here, never deleted, as resume moves it, and
 * the line that says where is returned for the screen that opens the scenario.
 */
export function setAsideDamagedSave(playable: PlayableScenario, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const store = stateStore(env);
  const key = core.saveKey(playable);
  // Unreadable (no permission to read it, a disk error): set aside as R sets it aside, or left where
  // it is (nothing is then written over it) and said. It was left in place unsaid, and the new run's
  // first save was renamed over it: a file the folder lets be replaced, whatever its own permissions.
  // (Not a regular file, a folder or a pipe in its place: left where it is; a save over it fails and says so.)
  const why = unreadableWhy(store, key);
  if (why === null) return undefined;
  if (why !== undefined) return core.setAsideLines(`Your saved progress in this scenario could not be read (${why}).`, 'The save', store.moveAside(key), 'a new playthrough starts');
  const text = store.read(key);
  if (text === undefined || core.saveSummary(store, key) !== undefined) return undefined;
  const found = readSaveFor(playable, key, env);
  if (found.kind !== 'bad') return undefined;
  // A newer version's save: left where it is, and this run is not saved over it (the core's keepProgress).
  if (found.newer !== undefined) return `${found.error} ${core.NEWER_SAVE_NOT_SAVED}`;
  // Not "Could not resume": the volunteer opened the scenario, and may not know a save was there.
  return core.setAsideLines(`Your saved progress in this scenario could not be used: ${core.afterColon(core.cleanLine(found.error))}`, 'The save', found.movedTo, 'a new playthrough starts');
}

/**
 * What opening a scenario finds in its slot, from the picker or the command line (play <file|id>): a
 * save to offer to continue or start over (`saved`), or, when there is none that can be continued,
 * the lines saying that one was set aside (`setAside`: setAsideUnusableSave's, setAsideDamagedSave's).
 * `play <file>` offered a save made with another edit of the file to continue, and continuing said
 * "Could not resume" and left the author in the list of bundled scenarios, without their file.
 */
export function saveToOffer(playable: PlayableScenario, env: NodeJS.ProcessEnv = process.env): { saved?: core.SaveSummary; setAside?: string } {
  const summary = saveWaiting(playable, env);
  const unusable = summary && setAsideUnusableSave(playable, summary.key, env);
  if (summary && !unusable) return { saved: summary };
  const setAside = unusable || setAsideDamagedSave(playable, env);
  return setAside ? { setAside } : {};
}

/**
 * A save of the scenario being opened (`key`: the one saveWaiting found) that reads as sound but
 * cannot be continued, checked as resuming would (saveStanding, moving nothing): made with another
 * edit of the scenario, or its values edited. It is set aside as continuing it would set it aside
 * (readSaveFor), and the lines that say where it is kept are returned for the screen that opens the
 * scenario, as setAsideDamagedSave's. Opening such a save asked to continue or start over, and
 * continuing said "Could not resume". Undefined when it can be continued (or could not be judged).
 */
export function setAsideUnusableSave(playable: PlayableScenario, key: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const standing = core.saveStanding(stateStore(env), (ref, from, set) => {
    if (ref.id !== playable.scenario.id || from !== playable.from) return { error: '', keep: true };
    return otherStartValues(playable, { ...(set ? { set } : {}) }) ? load(playable.file, from, set) : playable;
  }, key);
  if (standing !== 'outdated' && standing !== 'damaged') return undefined;
  const found = readSaveFor(playable, key, env);
  if (found.kind !== 'bad') return undefined;
  return core.setAsideLines(`Your saved progress in this scenario could not be used: ${core.afterColon(core.cleanLine(found.error))}`, 'The save', found.movedTo, 'a new playthrough starts');
}

/**
 * Reads the save under `key` for the scenario being opened: the one in its slot, or one made when
 * the file was elsewhere (it then moves to this file's slot). The core still checks that the save
 * fits the scenario (id, version, every reply).
 */
export function readSaveFor(playable: PlayableScenario, key: string, env: NodeJS.ProcessEnv = process.env): ResumeResult {
  return core.readSave(stateStore(env), (ref, from, set) => {
    if (ref.id !== playable.scenario.id || from !== playable.from) return { error: `This save is of another scenario or start than "${playable.scenario.id}".` };
    // A test's save begun with other --set values (one slot holds a test of each start, whatever its
    // values) goes on with its own, from this file: checked against the values given now, its replies
    // did not lead to its values, and a sound save was called damaged and set aside (otherStartValues).
    return otherStartValues(playable, { ...(set ? { set } : {}) }) ? load(playable.file, from, set) : playable;
  }, key);
}

/**
 * The title of the scenario a save's key names (the core's slotScenarioId), for a line that names
 * it before it is opened: the bundled scenario's title, else its id; undefined for a key this
 * version does not spell. Read from the key and the app's own file, never from the save (a newer
 * version's save is not read).
 */
export function slotTitle(key: string): string | undefined {
  const id = core.slotScenarioId(key);
  if (id === undefined) return undefined;
  const file = bundledFileOf(id);
  if (file) {
    try {
      const entry = core.quickEntry(file, readFileSync(file, 'utf8'));
      if ('title' in entry && entry.title !== '') return entry.title;
    } catch {
      // Unreadable: named by its id.
    }
  }
  return id;
}

/**
 * What `resume` says of the saves a newer version of casa-practice wrote (the core's
 * newerSavesWords), naming each scenario by title: beside the save it continues (`resumed`, whose
 * own scenario is not named), or where there is none this version can continue. Undefined when
 * there are none.
 */
export function newerSavesLine(resumed?: PlayableScenario, env: NodeJS.ProcessEnv = process.env): string | undefined {
  let keys: string[];
  let store: ReturnType<typeof stateStore>;
  try {
    store = stateStore(env);
    keys = core.newerSaveKeys(store);
  } catch {
    return undefined;
  }
  const others = keys.filter((k) => resumed === undefined || core.slotScenarioId(k) !== resumed.scenario.id);
  // A file whose name is not UTF-8 is listed under a name it does not have (U+FFFD for its bytes): said plainly, not by that name.
  const named = others.filter((k) => !store.undecodedName(k));
  return core.newerSavesWords(named.map((k) => slotTitle(k) ?? unspeltSaveName(k)), resumed !== undefined, undefined, others.length - named.length);
}

/**
 * A save whose key this version does not spell (not a scenario id), named by its file in the saves
 * folder as written there: with ".json", and any control, bidi or zero-width character shown
 * escaped ("\u200b.json"). Named without them, cleaned, "saves/.json" or a name of hidden
 * characters was said as “”, a scenario of no name.
 */
function unspeltSaveName(key: string): string {
  return core.lineAsWritten(key.slice(core.SAVES_PREFIX.length), 100);
}

/** Whether a file is one of the scenarios shipped with the app. */
export function isBundledFile(file: string): boolean {
  return inScenariosDir(file);
}

/** The bundled scenario file with an id, if there is one. */
function bundledFileOf(id: string): string | undefined {
  if (!/^[a-z0-9][a-z0-9-]*$/i.test(id)) return undefined;
  const file = join(scenariosDir(), `${id}.json`);
  return existsSync(file) ? file : undefined;
}

function load(file: string, from: string | undefined, set?: Readonly<Record<string, string>>): PlayableScenario | { error: string; keep?: boolean; present?: boolean } {
  try {
    const playable = loadPlayable(file, from, set);
    // Kept where it is: a file with errors is most often one its author is in the middle of
    // editing, and the save (sound) continues once the file is fixed. Moved aside as damaged, it
    // was lost to resume and to opening the file again. The validate command is named, not given
    // whole: in mid-sentence (the words after it, "The save was left where it is…"), a command is
    // broken by the picker's notice with a line continuation into the sentence.
    return 'problems' in playable ? { keep: true, present: true, error: `The saved scenario ${core.shownFileName(file)} now has errors, which the validate command lists; fix them, then resume again.` } : playable;
  } catch (e) {
    // Its message may end in a question (a file beside it most likely meant, nearFileWords).
    if (e instanceof FileAccessError) return { error: `The saved scenario is gone: ${e.message}${e.message.endsWith('?') ? '' : '.'}` };
    if (e instanceof UsageError) return { error: `The saved scenario no longer fits: ${e.message}.` };
    throw e;
  }
}

/**
 * Finds a save's scenario again: a bundled one by its id (wherever the app folder now is), a
 * trainer's file by its path. An older save that named a bundled scenario by an absolute path
 * (of this or an earlier copy of the app) is recognised by its id and resumes.
 */
function loadForSave(ref: ScenarioRef, from: string | undefined, set?: Readonly<Record<string, string>>): ReturnType<core.ScenarioLoader> {
  if (ref.source === 'bundled') {
    const file = bundledFileOf(ref.id);
    return file ? load(file, from, set) : { error: `The saved scenario ${core.quoteValue(ref.id)} is not bundled with this version of casa-practice.`, aside: 'outdated' };
  }
  if (ref.legacy) {
    const file = bundledFileOf(ref.id);
    if (file && basename(dirname(ref.file)) === 'scenarios' && basename(ref.file) === basename(file)) return load(file, from, set);
  }
  if (!existsSync(ref.file)) {
    // A save of this version names its file by an absolute path: kept, to be continued from the
    // file's new place. An older save (or one naming a relative path) is set aside as before.
    const keep = ref.legacy !== true && isAbsolute(ref.file);
    // No command to carry it on: one set aside is no longer found by opening the file, and a kept
    // one whose file can be looked for opens the screen that asks where it is (readSave's missing).
    // "…open it from where it is now with <command> play <file> to continue this save." was not
    // true of either, and had the command mid-sentence: the picker's notice broke it with a line
    // continuation inside the sentence.
    return { keep, error: `The scenario file ${core.shownFileName(ref.file)} was moved or deleted, so this save cannot carry on.` };
  }
  return load(ref.file, from, set);
}

/**
 * Reads the most recent save (or the one under `key`). A save that cannot be used (damaged,
 * outdated, its scenario gone or changed) is moved aside, never deleted, and reported in one line.
 */
export function readSave(env: NodeJS.ProcessEnv = process.env, key?: string): ResumeResult {
  const store = stateStore(env);
  const at = key ?? core.latestSaveKey(store);
  // A save that cannot be read at all (no permission to read it, a disk error, too large) is set
  // aside too, under a name of its own beside it (a rename: not one byte of it is changed), or left
  // where it is, and why said, where it cannot be moved. It was left where it was, and the picker
  // offered it as waiting each time, for R to say again that it could not be read.
  const why = at === undefined ? undefined : unreadableWhy(store, at);
  if (at !== undefined && typeof why === 'string') return { kind: 'bad', error: `Your latest save could not be read (${why}).`, movedTo: store.moveAside(at) };
  return at === undefined ? core.readSave(store, loadForSave) : core.readSave(store, loadForSave, at);
}

/**
 * Why the file of the save under `key` cannot be read, in words (errorWords, or the store's own
 * words), or undefined when it can be; null where what is there is not a file at all (a folder, a
 * pipe: Store.read's holdsNoData), which is never moved: it is not a save.
 */
function unreadableWhy(store: core.Store, key: string): string | undefined | null {
  try {
    store.read(key);
    return undefined;
  } catch (e) {
    if ((e as { holdsNoData?: unknown } | undefined)?.holdsNoData === true) return null;
    return (e as NodeJS.ErrnoException | undefined)?.code !== undefined ? errorWords(e) : core.cleanLine((e as Error).message);
  }
}

/**
 * How the save R opens stands once the picker's files are checked (the core's saveStanding, which
 * replays it as resuming would, moving nothing): 'outdated' when its scenario has changed since
 * (another version, or edited under the same one), 'damaged' when it does not fit it (values
 * edited), 'unreadable', 'save' when it resumes, or 'unlisted' where that cannot be told without
 * loading a file the picker has not (a scenario not in the list). A --from or --set save is checked too, its
 * start and values applied to the listed scenario as loading the file applies them; it was passed
 * over unchecked and offered as "A saved session is waiting", for R to set it aside. Undefined when
 * there is no save to offer.
 */
export function latestSaveStanding(entries: readonly core.CatalogEntry[], env: NodeJS.ProcessEnv = process.env): 'save' | 'unlisted' | 'damaged' | 'outdated' | 'unreadable' | undefined {
  const store = stateStore(env);
  const key = core.latestSaveKey(store);
  if (key === undefined) return undefined;
  const standing = core.saveStanding(store, listedLoader(entries), key);
  // 'kept': its scenario is not in the list (a trainer's file elsewhere, moved, or with errors), so
  // it was not replayed: 'unlisted', which the picker says as such ("waiting" claimed it resumes).
  return standing === 'damaged' || standing === 'outdated' || standing === 'unreadable' ? standing : standing === 'none' ? undefined : standing === 'kept' ? 'unlisted' : 'save';
}

/**
 * The listed scenarios whose save (in their own slot, as the picker marks "(saved)") cannot be
 * continued once checked as resuming would (saveStanding, moving nothing), by file: 'outdated' (made
 * with another edit of the scenario) or 'damaged' (its values edited). Those were marked "(saved)",
 * and opening one asked to continue it, which then said it could not. `files`: the files marked saved.
 */
export function unusableSaves(entries: readonly core.CatalogEntry[], files: ReadonlySet<string>, env: NodeJS.ProcessEnv = process.env): Map<string, 'outdated' | 'damaged'> {
  const store = stateStore(env);
  const load = listedLoader(entries);
  const out = new Map<string, 'outdated' | 'damaged'>();
  for (const e of entries) {
    if (!files.has(e.file) || !e.playable) continue;
    const standing = core.saveStanding(store, load, core.saveKey(e.playable));
    if (standing === 'outdated' || standing === 'damaged') out.set(e.file, standing);
  }
  return out;
}

/**
 * The picker's check of its saves, as latestSaveStanding and unusableSaves, one save to a turn of the
 * event loop: the picker's keys are served between saves (17 saves took about a quarter of a second
 * at once, the keys waiting). `files`: the files marked saved; `latest`: whether to check the save R
 * would resume (it reads as sound).
 */
export async function checkSavesInTurns(entries: readonly core.CatalogEntry[], files: ReadonlySet<string>, latest: boolean, env: NodeJS.ProcessEnv = process.env): Promise<{ offer: ReturnType<typeof latestSaveStanding> | undefined; unusable: Map<string, 'outdated' | 'damaged'> }> {
  const turn = () => new Promise((resolve) => setImmediate(resolve));
  const offer = latest ? latestSaveStanding(entries, env) : undefined;
  const unusable = new Map<string, 'outdated' | 'damaged'>();
  for (const e of entries) {
    if (!files.has(e.file)) continue;
    await turn();
    for (const [file, why] of unusableSaves([e], files, env)) unusable.set(file, why);
  }
  return { offer, unusable };
}

/**
 * A save's scenario found in the picker's validated list (not read again), its --from and --set
 * applied as loadPlayable applies them; a scenario the list has not (yet) got is left unjudged.
 */
function listedLoader(entries: readonly core.CatalogEntry[]): core.ScenarioLoader {
  return (ref, from, set) => {
    const entry = entries.find((e) => e.playable !== undefined && e.id === ref.id && (ref.source === 'bundled' ? e.playable.bundled === true : resolve(e.playable.file) === resolve(ref.file)));
    const listed = entry?.playable;
    if (!listed) return { error: '', keep: true };
    if (from === undefined && set === undefined) return listed;
    const moved = core.startingAt(listed.scenario, from, set);
    // As load() says it (a UsageError of loadPlayable): set aside, the start or values no longer fitting.
    if (!moved.ok) return { error: `The saved scenario no longer fits: ${moved.error}.` };
    return { scenario: moved.scenario, file: listed.file, from, ...(listed.bundled === true ? { bundled: true as const } : {}), ...(set !== undefined ? { set } : {}) };
  };
}

export { hasSave, stateStore };

/**
 * A trainer-led session kept as it goes (the core's facilitation slot, beside a volunteer's save),
 * read for the scenario being opened. One that cannot be used is moved aside and said in one line.
 */
export function readRoomSession(playable: PlayableScenario, env: NodeJS.ProcessEnv = process.env): core.FacilitationResume {
  return core.readFacilitation(stateStore(env), (ref, from, set) => {
    if (ref.id !== playable.scenario.id || from !== playable.from) return { error: `This trainer-led session is of another scenario or start than "${playable.scenario.id}".` };
    // Begun with other --set values: carried on with its own (as readSaveFor), said by the screens (otherStartValues).
    return otherStartValues(playable, { ...(set ? { set } : {}) }) ? load(playable.file, from, set) : playable;
  }, playable);
}

/**
 * The kept room session of a scenario as this window read it (the core's SaveHold): what
 * keepRoomSession checks before each write, so that two windows running the same session do not
 * each write over what the other's room entered.
 */
export function holdRoomSession(playable: PlayableScenario, env: NodeJS.ProcessEnv = process.env): core.SaveHold {
  return core.holdSave(stateStore(env), core.facilitationKey(playable));
}

/**
 * Keeps a trainer-led session in progress (votes, reveal, the story so far) while this window
 * holds it: false, and nothing written, when another window has gone on with it since.
 */
export function keepRoomSession(playable: PlayableScenario, persistedSnapshot: unknown, progress: core.RoomProgress, hold: core.SaveHold, env: NodeJS.ProcessEnv = process.env): boolean {
  const store = stateStore(env);
  return !core.whileHolding(store, hold, () => core.writeFacilitation(store, playable, persistedSnapshot, progress)).behind;
}

/** Said when a window's room session was not kept because another window went on with it. */
export const ROOM_ELSEWHERE = 'Not kept: this session went on in another window, so what the room enters here is not kept; go on there.';

/**
 * The trainer-led sessions in progress in the state folder, by slot (a bundled scenario's id, or its
 * id with the file's mark): `resume` carries on a volunteer's save, not these, so it names them. A
 * finished session (kept for its debrief until the trainer starts again) has nothing to carry on,
 * nor has one a newer version kept (newerSaveFormat): this version cannot carry it on, and opening
 * its scenario says so.
 */
export function keptRoomSessions(env: NodeJS.ProcessEnv = process.env): string[] {
  try {
    const store = stateStore(env);
    const unfinished = (key: string) => {
      try {
        const text = store.read(key);
        return text !== undefined && core.newerSaveFormat(text) === undefined && !core.finishedFacilitationText(text);
      } catch {
        return true;
      }
    };
    return store.list(core.FACILITATION_PREFIX).map((s) => s.key).filter((k) => k.endsWith('.json') && unfinished(k)).map((k) => k.slice(core.FACILITATION_PREFIX.length, -'.json'.length)).sort();
  } catch {
    return [];
  }
}

/**
 * Whether a trainer-led session of this scenario is kept on disk, so that opening the scenario again
 * carries it on (not when the state folder refused it and it lives in this process's memory only).
 */
export function roomSessionOnDisk(playable: PlayableScenario, env: NodeJS.ProcessEnv = process.env): boolean {
  const store = stateStore(env);
  const key = core.facilitationKey(playable);
  // One a newer version kept is not this session (which was not kept over it): nothing to carry on here.
  return !store.inMemoryOnly(key) && store.read(key) !== undefined && core.newerSaveAt(store, key) === undefined;
}

/** The arguments that start a new trainer-led session of a scenario, whatever is kept of it (roomSessionArgs' form). */
export function newRoomSessionArgs(playable: PlayableScenario): string {
  return roomSessionArgs(playable, true);
}

/** What a trainer is told on leaving a finished session that is kept (line by line and full screen alike). */
export function finishedKeptWords(playable: PlayableScenario, env: NodeJS.ProcessEnv = process.env): string {
  return `This finished session is kept: opening the scenario again shows its debrief. To start a new session: ${command(newRoomSessionArgs(playable), env)}`;
}

/** Removes a kept trainer-led session (the trainer starts over). */
export function dropRoomSession(playable: PlayableScenario, env: NodeJS.ProcessEnv = process.env): void {
  core.clearFacilitation(stateStore(env), playable);
}

/**
 * The line said when a save or trainer-led session cannot be continued (`found`: what the core's
 * readSave or readFacilitation answered), with `then` (what happens next) and `what` (the save, the
 * trainer-led session). One written by a newer version of casa-practice is said as the core words it
 * (nothing is wrong with it, it was left where it is), then `newerThen`: not "Could not resume", and
 * not "The save was left where it is" a second time.
 */
export function cannotContinueLines(found: { error: string; movedTo?: string; newer?: number }, then: string, what = 'The save', newerThen?: string): string {
  if (found.newer !== undefined) return newerThen === undefined ? found.error : `${found.error} ${newerThen}`;
  return core.resumeFailureLines(found.error, found.movedTo, then, what);
}

/** Said of a new trainer-led session begun where a newer version's session is kept: it is not kept either. */
export const NEWER_ROOM_NOT_KEPT = 'A new session starts here, but it is not kept until then.';
