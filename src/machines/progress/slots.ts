import { countWords } from '../text/first-few.js';
import { quotedTitle } from '../report/words.js';
import { cleanLine } from '../text/clean.js';
import { asideWords, setAsideInOne, setAsideLines, type Store } from './store.js';

// Save keys and listing, apart from reading and writing saves: a picker checks for a save
// without loading XState.

/** The folder-like prefix of every save key. */
export const SAVES_PREFIX = 'saves/';

/** The folder-like prefix of the last debrief kept per scenario. */
export const DEBRIEFS_PREFIX = 'debriefs/';

/** What names a save slot: the scenario's id, where it came from, and an author's --from/--set. */
export interface SlotOf {
  scenario: { id: string };
  /** Where the UI found the scenario (a path in the terminal). */
  file?: string;
  /** A scenario shipped with the app is saved by id alone; any other file by id and file. */
  bundled?: boolean;
  from?: string;
  set?: unknown;
  preview?: boolean;
}

/** A short, stable hash of a text (FNV-1a, 32 bits, hex): tells two files' slots apart in a key. */
export function shortHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/**
 * The name of a playthrough's slot: one per scenario (and per --from start, and one for author
 * tests with --set values), so one never overwrites another. A trainer's file is keyed by its id
 * and its file, so a copy of a bundled scenario (same id) never shares the bundled one's slot.
 */
export function slotName(playable: SlotOf): string {
  const base = playable.from === undefined ? playable.scenario.id : `${playable.scenario.id}--from-${playable.from}`;
  const own = playable.bundled === true || playable.file === undefined ? base : `${base}--file-${shortHash(playable.file)}`;
  const tested = playable.set === undefined ? own : `${own}--set`;
  return playable.preview === true ? `${tested}--preview` : tested;
}

/** The save key of a playthrough. */
export function saveKey(playable: SlotOf): string {
  return `${SAVES_PREFIX}${slotName(playable)}.json`;
}

/** Where the last debrief of a scenario is kept. */
export function debriefKey(playable: SlotOf): string {
  return `${DEBRIEFS_PREFIX}${slotName(playable)}.json`;
}

/** The format version every save, trainer-led session and kept debrief of this version is written in. */
const OWN_FORMAT_VERSION = 1;

/** The kinds of file a newer version may have written in a save's, session's or debrief's place. */
const SAVE_FORMATS: readonly string[] = ['casa-practice-terminal-save', 'casa-practice-facilitation', 'casa-practice-session'];

/**
 * The format version of a save, kept trainer-led session or kept debrief written by a newer version
 * of casa-practice (an old tab left open after an update, a terminal not yet updated): its format
 * version above this one's, or that of the session it holds. Undefined for anything else (none,
 * this version's, damaged). Nothing is wrong with such a file: this version cannot read it, so it
 * is left where it is, never moved aside, written over or removed (see newerSaveAt).
 */
export function newerSaveFormat(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(raw) || typeof raw.format !== 'string' || !SAVE_FORMATS.includes(raw.format)) return undefined;
  const newer = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > OWN_FORMAT_VERSION;
  if (newer(raw.formatVersion)) return raw.formatVersion;
  const session = raw.session;
  return isRecord(session) && session.format === 'casa-practice-session' && newer(session.formatVersion) ? session.formatVersion : undefined;
}

/** newerSaveFormat of what is stored under `key` (undefined when it cannot be read). */
export function newerSaveAt(store: Store, key: string): number | undefined {
  try {
    return newerSaveFormat(store.read(key));
  } catch {
    return undefined;
  }
}

/** What to do about a newer version's save, in the terminal's words (the end of newerSaveNotice's line by default). */
export const NEWER_SAVE_TODO = 'Update casa-practice to continue it.';

/**
 * The one line for a save (`what`: "saved progress", "saved trainer-led session", "last debrief
 * kept") written by a newer version of casa-practice, said as what it is, not as damage; `todo`:
 * what to do, in the UI's words.
 */
export function newerSaveNotice(version: number, what = 'saved progress', todo: string = NEWER_SAVE_TODO): string {
  return `Your ${what} in this scenario was written by a newer version of casa-practice (format version ${version}), which this version cannot read. Nothing is wrong with it: it was left where it is, and nothing is written over it. ${todo}`;
}

/**
 * Said of a new playthrough of a scenario whose save a newer version wrote: it plays, and is
 * recorded when finished, but its progress is not saved (the newer save keeps the slot).
 */
export const NEWER_SAVE_NOT_SAVED = 'This playthrough can be played here, but its progress is not saved until then.';

/** Why a run beside a newer version's save is not saved (NEWER_SAVE_NOT_KEPT, NEWER_SAVE_QUIT). */
const NEWER_SAVE_LEFT = 'your saved progress in this scenario was written by a newer version of casa-practice, and is left as it is. Update casa-practice to continue it.';

/** keepProgress's reason when a newer version's save holds the slot: this run was not saved over it. */
export const NEWER_SAVE_NOT_KEPT = `Not saved: ${NEWER_SAVE_LEFT}`;

/**
 * What a UI's quit question says beside a newer version's save (as NEWER_SAVE_NOT_KEPT says on
 * leaving): quitting saves nothing, so it is not asked as "Save your progress and quit?".
 */
export const NEWER_SAVE_QUIT = `This playthrough is not saved: ${NEWER_SAVE_LEFT}`;

/** Removes a playthrough's save once it is finished (never a newer version's: see newerSaveFormat). */
export function clearSave(store: Store, playable: SlotOf): void {
  if (newerSaveAt(store, saveKey(playable)) !== undefined) return;
  store.remove(saveKey(playable));
}

/**
 * The key of the most recently written save this version can read, if any (damaged ones set aside
 * are not saves): the one `resume` opens. A newer version's save (newerSaveAt) is never given: resume
 * opens an older save of another scenario, or none, and names the newer ones' scenarios
 * (newerSavesWords). It landed on the newest of them where every save was one, and said "Your saved
 * progress in this scenario…" before any scenario was named. Saves are read from the newest down
 * until one is not a newer version's: most often one.
 */
export function latestSaveKey(store: Store): string | undefined {
  const saves = store.list(SAVES_PREFIX).filter((s) => s.key.endsWith('.json'));
  saves.sort((a, b) => b.modified - a.modified);
  return saves.find((s) => newerSaveAt(store, s.key) === undefined)?.key;
}

/**
 * The saves a newer version of casa-practice wrote (newerSaveAt), newest first: this version
 * leaves them untouched, and `resume` names their scenarios (newerSavesWords) rather than land on one.
 */
export function newerSaveKeys(store: Store): string[] {
  const saves = store.list(SAVES_PREFIX).filter((s) => s.key.endsWith('.json'));
  saves.sort((a, b) => b.modified - a.modified);
  return saves.filter((s) => newerSaveAt(store, s.key) !== undefined).map((s) => s.key);
}

/**
 * The scenario id a save's key names (slotName: the id, then any "--from-…", "--file-…", "--set"
 * or "--preview" part): read from the key this version chose, not from the save (a newer
 * version's is not read). Undefined for a key not spelt as this version spells them.
 */
export function slotScenarioId(key: string): string | undefined {
  if (!key.startsWith(SAVES_PREFIX) || !key.endsWith('.json')) return undefined;
  const id = key.slice(SAVES_PREFIX.length, -'.json'.length).split('--')[0] ?? '';
  return /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id) ? id : undefined;
}

/** How many scenarios newerSavesWords names; more are counted ("and 3 more"). */
export const NEWER_SAVES_NAMED = 5;

/**
 * The one line naming the scenarios (`titles`, as the UI shows them; cleaned and quoted here) that
 * hold a save a newer version of casa-practice wrote, for where no scenario is named yet (`resume`,
 * a list of scenarios): said as what it is, not as damage, and left untouched. `another`: said
 * beside a save of another scenario that is being continued. `todo`: what to do, in the UI's words.
 * `unnamed`: how many more such saves are files whose name is not UTF-8 (a file store's
 * undecodedName), which name no scenario: said plainly, after the titles. Undefined when there are none.
 */
export function newerSavesWords(titles: readonly string[], another = false, todo: string = NEWER_SAVE_TODO, unnamed = 0): string | undefined {
  const named = [...new Set(titles.map((t) => quotedTitle(cleanLine(t))))];
  const odd = Number.isSafeInteger(unnamed) && unnamed > 0 ? unnamed : 0;
  if (named.length === 0 && odd === 0) return undefined;
  const oddWords = odd === 1 ? 'a save whose file name is not UTF-8' : `${countWords(odd)} saves whose file names are not UTF-8`;
  if (named.length === 0) {
    const who = odd === 1 ? `${another ? 'Another save' : 'A save'} whose file name is not UTF-8 holds` : `${countWords(odd)} ${another ? 'other saves' : 'saves'} whose file names are not UTF-8 hold`;
    return `${who} progress from a newer version of casa-practice, which this version leaves untouched. ${todo.replace(/\bit\b/, odd === 1 ? 'it' : 'them')}`;
  }
  if (odd > 0) {
    // The line's own words are changed, after the titles, not the first such words in the line: a
    // title is the save's own text ("Ready to continue it" read "Ready to continue them").
    const line = newerSavesWords(titles, another, todo.replace(/\bit\b/, 'them')) ?? '';
    const untouched = ', which this version leaves untouched. ';
    const at = line.lastIndexOf(untouched);
    return at < 0 ? line : `${line.slice(0, at)}, and so ${odd === 1 ? 'does' : 'do'} ${oddWords}; this version leaves them untouched. ${line.slice(at + untouched.length)}`;
  }
  // Named up to NEWER_SAVES_NAMED, the rest counted: a state folder of thousands of them (copied in
  // from elsewhere) made one line of many kilobytes.
  const shown = named.slice(0, NEWER_SAVES_NAMED);
  const rest = named.length - shown.length;
  const list = named.length === 1 ? named[0] : rest > 0 ? `${shown.join(', ')} and ${countWords(rest)} more` : `${named.slice(0, -1).join(', ')} and ${named[named.length - 1]}`;
  const one = named.length === 1;
  const who = another ? `${one ? 'Another scenario' : 'Other scenarios'}, ${list}, ${one ? 'has' : 'have'}` : `${list} ${one ? 'has' : 'have'}`;
  return `${who} saved progress from a newer version of casa-practice, which this version leaves untouched. ${todo.replace(/\bit\b/, one ? 'it' : 'them')}`;
}

/** After a listed scenario's title, where its save was written by a newer version of casa-practice (the terminal's lists mark a save "(saved)"). */
export const NEWER_SAVE_MARK = '(saved by a newer version)';

/** The terminal's words for a save set aside: it names the file it was moved to. */
export const SAVE_MOVED_TO = (movedTo: string): string => asideWords('The save', movedTo);

/**
 * The one line shown when a save cannot be resumed (and where it was moved, when it was). `keptAt`
 * words the place for the UI: the terminal names the file; a browser's storage is out of reach, so
 * the web app says where in its own words. `then` says what happens next: the playthrough starts
 * fresh, or (`'choose a scenario'`) the UI goes back to its list.
 */
export function resumeFailure(error: string, movedTo?: string, keptAt: (movedTo: string) => string = SAVE_MOVED_TO, then = 'starting fresh'): string {
  return `Could not resume: ${afterColon(cleanLine(error))} ${movedTo === undefined ? 'The save was left where it is' : keptAt(movedTo)}; ${then}.`;
}

/**
 * resumeFailure in the terminal's lines (setAsideLines): the sentence naming "the file below", the
 * file's path on a line of its own, what to do. `what`: the save, or the room session.
 */
export function resumeFailureLines(error: string, movedTo: string | undefined, then = 'starting fresh', what = 'The save'): string {
  return setAsideLines(`Could not resume: ${afterColon(cleanLine(error))}`, what, movedTo, then);
}

/**
 * A reason said after a colon ("Could not resume: …"), which goes on the sentence: its first word in
 * lower case where it is a capitalised word ("The saved progress is damaged", "This save was made
 * …", "A …"), which read "Could not resume: The saved …". A word in capitals ("JSON", "I"), a
 * quoted title or a path is left as written.
 */
export function afterColon(reason: string): string {
  return /^(?:[A-Z][a-z]|A )/.test(reason) ? `${reason.charAt(0).toLowerCase()}${reason.slice(1)}` : reason;
}

/**
 * resumeFailure as the terminal's picker says it (R, or `resume` opening the picker), in one notice
 * as every file set aside is said there (setAsideInOne): the line naming the file, then what to do.
 */
export function resumeFailureInOne(error: string, movedTo: string | undefined): string {
  return setAsideInOne(resumeFailure(error, movedTo, undefined, 'choose a scenario'), movedTo);
}

/** What a picker says about a save without loading it: how far it got and when. */
export interface SaveSummary {
  key: string;
  /** Replies made so far. */
  replies: number;
  /** The decision the volunteer stopped at (replies + 1). */
  decision: number;
  /** ISO time of the save, when it says. */
  savedAt?: string;
  /** The mode the save plays in (practice unless it says assessment). */
  mode: 'practice' | 'assessment';
  /**
   * The starting values an author's test began with (`--set`, as typed), when it says: a slot holds
   * one test of each start, whatever its values, so a run opened with others can say so.
   */
  set?: Record<string, string>;
  /** The version of the scenario the save was made with, when it names one (see outdatedAtSight). */
  scenarioVersion?: number;
}

/**
 * A save's summary read without XState (the save is untrusted: only its transcript's length and
 * its time and mode are looked at, and nothing is moved). Undefined when there is no readable save.
 */
export function saveSummary(store: Store, key: string): SaveSummary | undefined {
  let raw: unknown;
  try {
    const text = store.read(key);
    if (text === undefined) return undefined;
    // A newer version's save is not summarised as this version reads saves: it cannot be continued here.
    if (newerSaveFormat(text) !== undefined) return undefined;
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  const session = isRecord(raw) && isRecord(raw.session) ? raw.session : undefined;
  const snapshot = session && isRecord(session.snapshot) ? session.snapshot : undefined;
  const context = snapshot && isRecord(snapshot.context) ? snapshot.context : undefined;
  const transcript = context?.transcript;
  if (!Array.isArray(transcript)) return undefined;
  const savedAt = typeof session?.savedAt === 'string' && !Number.isNaN(Date.parse(session.savedAt)) ? new Date(session.savedAt).toISOString() : undefined;
  const set = isRecord(raw) && isRecord(raw.set) && Object.values(raw.set).every((v) => typeof v === 'string') ? (raw.set as Record<string, string>) : undefined;
  const version = session?.scenarioVersion;
  const scenarioVersion = typeof version === 'number' && Number.isSafeInteger(version) ? version : undefined;
  return { key, replies: transcript.length, decision: transcript.length + 1, ...(savedAt ? { savedAt } : {}), mode: context?.mode === 'assessment' ? 'assessment' : 'practice', ...(set ? { set: { ...set } } : {}), ...(scenarioVersion !== undefined ? { scenarioVersion } : {}) };
}

/**
 * Whether a save was made with another version of its scenario than `version` (the scenario's now),
 * seen without XState: resuming it (readSave, restoreSession checking the version first) sets it
 * aside as outdated. A UI offering to continue a save asks it for its first frame; only the full
 * check (saveStanding, replaying it) also finds a scenario changed under the same version, or a
 * save whose values were edited.
 */
export function outdatedAtSight(summary: Pick<SaveSummary, 'scenarioVersion'>, version: number | undefined): boolean {
  return summary.scenarioVersion !== undefined && version !== undefined && summary.scenarioVersion !== version;
}

/**
 * How a playthrough relates to the save of its slot: there was none when it began ('new'), it
 * continues that save ('continued'), or the volunteer chose to start over ('started-over').
 */
export type RunOrigin = 'new' | 'continued' | 'started-over';

/**
 * Whether a run may replace the save in its slot. A continued run always may (it is that save,
 * undo included). A run that started over may once the volunteer has made a reply: until then the
 * old save is kept. Any other run only replaces a save it got further than.
 */
export function mayReplaceSave(existing: Pick<SaveSummary, 'replies'> | undefined, origin: RunOrigin, replies: number): boolean {
  if (existing === undefined || origin === 'continued') return true;
  if (origin === 'started-over') return replies > 0;
  return replies > existing.replies;
}

/** "just now", "5 minutes ago", "2 hours ago", "3 days ago". */
export function agoWords(iso: string | undefined, now = new Date()): string {
  const then = iso === undefined ? Number.NaN : Date.parse(iso);
  if (Number.isNaN(then)) return 'some time ago';
  const minutes = Math.floor((now.getTime() - then) / 60_000);
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'} ago`;
  if (minutes < 1) return 'just now';
  if (minutes < 60) return unit(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return unit(hours, 'hour');
  return unit(Math.floor(hours / 24), 'day');
}

/**
 * How far a save got, in words that hold wherever it stopped: "7 replies made", "1 reply made", "no
 * reply yet". ("Decision 8" was wrong for a save at the scene after decision 7, which the page opens
 * as "After 7 of about 11 decisions".)
 */
export function repliesMadeWords(summary: Pick<SaveSummary, 'replies'>): string {
  return summary.replies === 0 ? 'no reply yet' : `${summary.replies} ${summary.replies === 1 ? 'reply' : 'replies'} made`;
}

/** Starting over where progress cannot be saved: the save is never replaced (continueChoices, and a plain run's line). */
export const START_OVER_UNSAVED = 'your save stays as it was, since this playthrough cannot be saved';

/**
 * The words of the continue / start over question, for every UI alike. `cannotSave`: progress
 * cannot be saved (a state folder that cannot be written), so starting over never replaces the save
 * ("kept until you make your first reply" promised a replacement that never comes).
 */
export function continueChoices(summary: Pick<SaveSummary, 'replies' | 'savedAt' | 'mode'>, now = new Date(), cannotSave = false): { continueLabel: string; startOverLabel: string; plainNotice: string; where: string } {
  // The mode too: a save may be of the other mode than the one the volunteer is starting in.
  const where = `${repliesMadeWords(summary)}, ${summary.mode}, saved ${agoWords(summary.savedAt, now)}`;
  return {
    continueLabel: `Continue where you stopped (${where})`,
    startOverLabel: cannotSave ? `Start over (${START_OVER_UNSAVED})` : 'Start over (the save is kept until you make your first reply)',
    plainNotice: `Continuing where you stopped (${where}).`,
    /** Where it stopped, alone: "1 reply made, practice, saved just now" (the web's first page lists its saves by it). */
    where,
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
