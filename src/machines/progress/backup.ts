import { countWords } from '../text/first-few.js';
import { exportFileName, RECORDS_CSV_HEADER } from '../report/records-export.js';
import { isScenarioId } from '../scenario-id.js';
import { cleanLine } from '../text/clean.js';
import { mayRepeatKeys, repeatedKey } from '../text/json-keys.js';
import { quoteValue } from '../text/quote.js';
import { addPlaythroughs, bestResultProblem, damagedPracticeName, mergeRecordsFiles, parseRecordsFile, recordsRoom, RECORDS_FORMAT_VERSION, FUTURE_SLACK_MS, isCompletionTime, parsePlaythrough, readRecordsFile, RECORDS_KEY, recordsText, trustedLastCompleted, utf8Length, type PlaythroughRecord, type Records, type RecordsFile, type RecordsSetAside } from './records.js';
import { newerSaveFormat, SAVES_PREFIX } from './slots.js';
import { exclusively, leftWhereItWas, type Store } from './store.js';

/**
 * A backup of all progress in one file a volunteer keeps (browser storage can be cleared): the
 * records (best results, every completed playthrough, the anonymous learner id) and the sessions in
 * progress. Loading it back merges: playthroughs already here are not added twice (they are known by
 * id, and by the practice they are of: mergeRecordsFiles), best results keep the better, a save replaces the one here only when it is newer, the one
 * here then set aside (never lost: the backup's may not carry on).
 */
export interface BackupFile {
  format: 'casa-practice-backup';
  formatVersion: 1;
  /** ISO time the backup was made. */
  exportedAt: string;
  records: RecordsFile;
  /** Sessions in progress by their key ("saves/youth-discloses.json"), as stored. */
  saves: Record<string, SaveValue>;
}

/** A save as kept in the store; checked only as far as the envelope here (resuming checks the rest). */
export type SaveValue = { format: 'casa-practice-terminal-save'; formatVersion: 1; session: { savedAt: string } } & Record<string, unknown>;

export const BACKUP_FORMAT_VERSION = 1;
/**
 * Larger files are refused before parsing: years of practice take well under 5 MB, and a browser
 * keeps at most about 5 MB for the site, so no backup the web app wrote comes near it (nor could a
 * larger one be kept there). The file is parsed on the page: 20 MB, the limit before, held it still
 * for seconds (a second on a fast desktop); 8 MB takes about a third of a second there.
 */
export const MAX_BACKUP_BYTES = 8 * 1024 * 1024;
/**
 * The most entries a backup may list in each of its tables (completed practice, best results,
 * scenarios in progress): ten finished scenarios a day for 27 years. A file of up to
 * MAX_BACKUP_BYTES can list millions of empty ones ({} is two bytes), each of which was looked
 * at and named as left out, so the tab stood still for many seconds: it is refused whole at once.
 */
export const MAX_BACKUP_ENTRIES = 100_000;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isIsoTime = (v: unknown): v is string => typeof v === 'string' && v.length <= 40 && !Number.isNaN(Date.parse(v)) && /^\d{4}-\d{2}-\d{2}T/.test(v);
const SAVE_KEY = /^saves\/[a-z0-9][a-z0-9-]{0,200}\.json$/;

/** How deep a save may nest (a real one: under 10). JSON.parse reads any depth, but JSON.stringify overflows the stack at a few thousand. */
const MAX_SAVE_DEPTH = 64;

/** Whether a parsed JSON value nests no deeper than `max` (stops as soon as it is deeper, so it never recurses far). */
function nestsWithin(v: unknown, max: number): boolean {
  if (typeof v !== 'object' || v === null) return true;
  if (max <= 0) return false;
  for (const child of Array.isArray(v) ? v : Object.values(v)) if (!nestsWithin(child, max - 1)) return false;
  return true;
}

function asSave(v: unknown): SaveValue | undefined {
  if (!isObject(v) || v.format !== 'casa-practice-terminal-save' || v.formatVersion !== 1 || !isObject(v.session) || !isIsoTime(v.session.savedAt)) return undefined;
  // Nested too deep to be written back: a backup holding it could not be made, and loading it would stop half-way.
  if (!nestsWithin(v, MAX_SAVE_DEPTH)) return undefined;
  return v as SaveValue;
}

/**
 * Why a save whose outline is sound (asSave) could never be resumed, or undefined: no progress in it
 * (its session missing or of another kind), or it is of another scenario than the one its key names
 * (a save's key always starts with its scenario's id: slotName). The checks are those every UI's
 * resume makes first (restoreSession), without the scenario. Loaded from a backup, such a save took
 * the place of a sound one here when it was dated later: the volunteer's progress was gone.
 */
function unusableSave(key: string, save: SaveValue): string | undefined {
  const session = save.session as Record<string, unknown>;
  if (session.format !== 'casa-practice-session' || session.formatVersion !== 1) return 'it holds no progress (its session is missing or malformed)';
  const id = session.scenarioId;
  if (typeof id !== 'string' || !isScenarioId(id)) return 'it does not name its scenario';
  // Older saves name their scenario in their session only (and the file it was in, `scenarioFile`).
  const named = isObject(save.scenario) ? save.scenario.id : id;
  if (named !== id) return `it names the scenario ${quoteValue(named, 40)} but holds progress in ${quoteValue(id, 40)}`;
  if (key !== `${SAVES_PREFIX}${id}.json` && !key.startsWith(`${SAVES_PREFIX}${id}--`)) return `it holds progress in ${quoteValue(id, 40)}, not in the scenario its name says`;
  if (typeof session.scenarioVersion !== 'number') return 'it does not say which version of its scenario it was made with';
  const snap = session.snapshot;
  if (!isObject(snap) || !isObject(snap.context) || typeof snap.value !== 'string' || (snap.status !== 'active' && snap.status !== 'done') || !Array.isArray(snap.context.transcript)) {
    return 'its progress is missing or malformed';
  }
  return undefined;
}

/**
 * Whether a save is of a scenario opened from a file of the volunteer's own: it names the file's
 * path (`scenario.file`, or an older save's `scenarioFile` with a folder in it; a bare name there is
 * a bundled scenario's), which often names the volunteer (a home folder), and no other device can
 * open that file. Such saves are never put in a backup, nor loaded from one made before that was so.
 */
export function isOwnFileSave(save: Record<string, unknown>): boolean {
  const ref = save.scenario;
  if (isObject(ref) && ref.source === 'file') return true;
  return typeof save.scenarioFile === 'string' && /[/\\]/.test(save.scenarioFile);
}

/**
 * Whether a save is of an author's test run (the terminal's `play … --preview`, `--from` or `--set`):
 * never recorded when finished, and played only by the terminal (the web app resumes a scenario's
 * own save alone, and its Preview keeps nothing). Carried in a backup, the web app loaded it as a
 * scenario in progress "to continue where you left off" that no page offered to continue. Known by
 * the save's fields, or by its key (slotName: a scenario id never holds "--"), for saves made before
 * `preview` was kept in them.
 */
export function isAuthorTestSave(key: string, save: Record<string, unknown>): boolean {
  return save.preview === true || save.from !== undefined || save.set !== undefined || /--(?:from-|set(?:--|\.json$)|preview\.json$)/.test(key);
}

/** The file name a backup is offered under: casa-practice-backup-2026-12-01.json, dated on the volunteer's own day. */
export function backupFileName(now = new Date()): string {
  return exportFileName('backup', 'json', now);
}

/**
 * A backup of everything in the store, as file text. Damaged saves are left out (they stay set aside
 * in the store). `unwritten`: playthroughs this session finished that the stored records did not take.
 */
export function backupText(store: Store, now = new Date(), unwritten: readonly PlaythroughRecord[] = []): { text: string; notice?: string; setAside?: RecordsSetAside; ownFileSaves?: number; testRunSaves?: number; newerSaves?: number; newer?: number } {
  const read = exclusively(store, RECORDS_KEY, () => readRecordsFile(store, now));
  // `newer`: the records were written by a newer version (RecordsRead.newer) and are not in the backup.
  const { notice, setAside, newer } = read;
  // With what this session finished that damaged records left as they were did not take (see
  // unwrittenRecord): the backup is the one way left to keep it.
  const file = addPlaythroughs(read.file, unwritten);
  const saves: Record<string, SaveValue> = {};
  // Scenarios in progress from a file of the volunteer's own are kept by the file's path (a home
  // folder often names the volunteer): a backup would carry it to wherever it is sent, and no other
  // app could open that file. They are left out (they stay here) and counted, for the UI to say.
  let ownFileSaves = 0;
  // An author's test run (isAuthorTestSave) is not practice, and no other app plays it: it stays here, counted to be said.
  let testRunSaves = 0;
  // Saves a newer version of casa-practice wrote: this version cannot read them, so they are not in the backup (counted, for the UI to say).
  let newerSaves = 0;
  for (const { key } of store.list(SAVES_PREFIX)) {
    if (!SAVE_KEY.test(key)) continue;
    try {
      const text = store.read(key);
      if (newerSaveFormat(text) !== undefined) {
        newerSaves++;
        continue;
      }
      const save = text === undefined ? undefined : asSave(JSON.parse(text));
      if (save && isOwnFileSave(save)) ownFileSaves++;
      else if (save && isAuthorTestSave(key, save)) testRunSaves++;
      else if (save) saves[key] = save;
    } catch {
      // A damaged or unreadable save is not backed up; resuming it will set it aside and say so.
    }
  }
  const backup: BackupFile = { format: 'casa-practice-backup', formatVersion: 1, exportedAt: now.toISOString(), records: file, saves };
  return { text: `${JSON.stringify(backup, null, 2)}\n`, ...(notice ? { notice } : {}), ...(setAside ? { setAside } : {}), ...(ownFileSaves > 0 ? { ownFileSaves } : {}), ...(testRunSaves > 0 ? { testRunSaves } : {}), ...(newerSaves > 0 ? { newerSaves } : {}), ...(newer !== undefined ? { newer } : {}) };
}

/** Said of a backup just made that leaves out `count` saves a newer version of casa-practice wrote (backupText's `newerSaves`). */
export function newerSavesNotInBackup(count: number): string {
  const one = count === 1;
  return `${count} ${one ? 'scenario' : 'scenarios'} in progress saved by a newer version of casa-practice ${one ? 'is' : 'are'} not in it: this version cannot read ${one ? 'its save' : 'their saves'}. ${one ? 'It stays' : 'They stay'} here as ${one ? 'it is' : 'they are'}.`;
}

const refuseBackup = (why: string) => cleanLine(`This file cannot be loaded: ${why}. Nothing was changed.`);

/**
 * The refusal of a file larger than any backup, by its size alone (a UI can ask before reading a
 * file of gigabytes into memory); undefined when the size is possible.
 */
export function backupTooLarge(bytes: number): string | undefined {
  return bytes > MAX_BACKUP_BYTES ? refuseBackup(`it is larger than any backup casa-practice writes in a browser (over ${MAX_BACKUP_BYTES / 1024 / 1024} MB), so it is not a backup this page can load`) : undefined;
}

/** One entry of a backup that is damaged and is left out: which (as a volunteer would count it in the file) and why. */
export interface BackupLeftOut {
  what: string;
  why: string;
  /** For a completed practice: its scenario's best result in the file, which counted it and is left out with it. */
  withBest?: string;
}

/**
 * A backup that can be loaded, with the damaged entries that would be left out (usually none); or
 * the one sentence saying why nothing of it can be loaded.
 */
export type BackupParse = { ok: true; backup: BackupFile; leftOut: BackupLeftOut[] } | { ok: false; error: string };

/** Where to look instead, when another file of casa-practice's was chosen. */
const CHOOSE_BACKUP = 'choose the backup file (casa-practice-backup-….json) instead';

/**
 * The records table recordsCsv writes: its first row is the header (a spreadsheet that saved it
 * again may have changed the separator or the quoting, so the header's words are looked for in order).
 */
function isRecordsCsv(text: string): boolean {
  const first = text.slice(0, 500).split(/\r?\n/, 1)[0] ?? '';
  let at = 0;
  for (const cell of RECORDS_CSV_HEADER) {
    const found = first.indexOf(cell, at);
    if (found < 0) return false;
    at = found + cell.length;
  }
  return true;
}

/** The xAPI file xapiFile writes: a list of statements, each with an actor, a verb and an object. */
function isXapiStatements(raw: unknown): boolean {
  return Array.isArray(raw) && raw.length > 0 && raw.every((s) => isObject(s) && isObject(s.actor) && isObject(s.verb) && isObject(s.object));
}

/**
 * The earliest time a completed practice in a backup may be dated: casa-practice was written long
 * after it, so a practice dated earlier (year 0000) was not recorded by it. Loaded, it was kept in
 * the records as it stood and carried into every export (an xAPI timestamp of year 0).
 */
export const EARLIEST_PRACTICE = '2000-01-01T00:00:00.000Z';

/** Why a completed practice's start or completion is dated too early to be one casa-practice recorded, or undefined. */
function earlyDateProblem(p: Pick<PlaythroughRecord, 'startedAt' | 'completedAt'>): string | undefined {
  const earliest = Date.parse(EARLIEST_PRACTICE);
  const why = (what: string, at: string) => `its ${what} date, ${at.slice(0, 10)}, is before ${EARLIEST_PRACTICE.slice(0, 4)}, earlier than any practice casa-practice records`;
  if (Date.parse(p.completedAt) < earliest) return why('completion', p.completedAt);
  if (p.startedAt !== undefined && Date.parse(p.startedAt) < earliest) return why('start', p.startedAt);
  return undefined;
}

/**
 * Checks a file meant to be a backup; the file is untrusted input. A file that is foreign, of
 * another format version or damaged in its frame is refused as a whole with one clear sentence.
 * A damaged entry inside (a completed practice, a best result or a scenario in progress) is left
 * out and named in `leftOut`, so one bad entry does not cost a volunteer every other record in the
 * file: a UI asks before loading the rest (backupLeftOutQuestion). Damaged entries are also a
 * completed practice or a scenario in progress dated later than `now` (a day's slack: see
 * parsePlaythrough; a device whose clock was wrong writes such dates), a completed practice dated
 * before EARLIEST_PRACTICE, and a completed practice claiming more minutes than casa-practice
 * records for one. (A best result dated later than `now`
 * is kept without its last completion, as the records file is read: trustedLastCompleted.) When nothing but best results would be
 * left to load, the file is refused whole, naming its first damaged entry.
 */
export function parseBackup(text: string, now = new Date()): BackupParse {
  const refuse = (why: string): BackupParse => ({ ok: false, error: refuseBackup(why) });
  const tooLarge = backupTooLarge(text.length);
  if (tooLarge) return { ok: false, error: tooLarge };
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // The other files My records exports, chosen in its place: said as what they are, not as damage.
  // A file of nothing (a download cut off before it began): "not JSON, or cut short" left the volunteer to guess.
  if (body.trim() === '') return refuse('it is empty');
  if (isRecordsCsv(body)) return refuse(`it is the records table (CSV) that casa-practice exports, not a backup; ${CHOOSE_BACKUP}`);
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch {
    return refuse('it is not a casa-practice backup (it is not JSON, or it was cut short)');
  }
  if (isXapiStatements(raw)) return refuse(`it is the xAPI statements file that casa-practice exports (for an LMS), not a backup; ${CHOOSE_BACKUP}`);
  // A save My records offers to download (a copy set aside): put back beside it, not through here.
  if (isObject(raw) && raw.format === 'casa-practice-terminal-save') {
    return refuse(`it is a copy of one scenario in progress (a save), not a backup; a save a loaded backup replaced is put back with “Restore this save” beside it in My records, in the browser it was set aside in; otherwise ${CHOOSE_BACKUP}`);
  }
  // The records file itself (the terminal's records.json from its state folder, or a copy My records
  // set aside and offered to download): "not a casa-practice backup" said nothing of what it is, nor
  // where a backup comes from.
  if (isObject(raw) && raw.format === 'casa-practice-records') return refuse(`it is a casa-practice records file (the terminal's records.json, or a copy of records set aside), not a backup; the terminal version writes a backup of its records with its records command and --backup; otherwise ${CHOOSE_BACKUP}`);
  if (!isObject(raw) || raw.format !== 'casa-practice-backup') return refuse('it is not a casa-practice backup');
  if (typeof raw.formatVersion !== 'number' || !Number.isInteger(raw.formatVersion)) return refuse('it is damaged (its format version is missing)');
  if (raw.formatVersion > BACKUP_FORMAT_VERSION) return refuse(`it was made by a newer version of casa-practice (backup format ${raw.formatVersion}); update casa-practice and try again`);
  if (raw.formatVersion !== BACKUP_FORMAT_VERSION) return refuse(`it uses backup format ${raw.formatVersion}, which this version does not read`);
  if (!isIsoTime(raw.exportedAt)) return refuse('it is damaged (it does not say when it was made)');
  const records = raw.records;
  // Records of a newer format in a backup of this one (a newer version writing its records anew): not damaged.
  if (isObject(records) && records.format === 'casa-practice-records' && typeof records.formatVersion === 'number' && Number.isSafeInteger(records.formatVersion) && records.formatVersion > RECORDS_FORMAT_VERSION) {
    return refuse(`it was made by a newer version of casa-practice (records format ${records.formatVersion}); update casa-practice and try again`);
  }
  if (!isObject(records) || records.format !== 'casa-practice-records' || records.formatVersion !== 2 || !isObject(records.best) || !Array.isArray(records.playthroughs)) {
    return refuse('it is damaged (its records are missing or malformed)');
  }
  if (records.playthroughs.length > MAX_BACKUP_ENTRIES || Object.keys(records.best).length > MAX_BACKUP_ENTRIES || (isObject(raw.saves) && Object.keys(raw.saves).length > MAX_BACKUP_ENTRIES)) {
    return refuse(`it is damaged (it lists more than ${MAX_BACKUP_ENTRIES.toLocaleString('en-US')} entries, far more than any casa-practice backup)`);
  }
  const leftOut: BackupLeftOut[] = [];
  // A key written twice in one object (two backups joined by hand: "playthroughs" twice): JSON.parse
  // read only the last, and the practice in the first was left out of what was loaded without a word,
  // as the records file's was (parseRecordsFile's `repeated`). Named first, so the volunteer is asked.
  const repeated = mayRepeatKeys(body, raw) ? repeatedKey(body) : undefined;
  if (repeated !== undefined) leftOut.push({ what: 'part of the file', why: `${quoteValue(repeated, 40)} is written twice in one place in it, and only the last was read` });
  const best: Records = Object.create(null) as Records;
  for (const [id, r] of Object.entries(records.best)) {
    // Checked as the records file's best results are (records.ts): a value of the wrong kind, or out
    // of range (1e300 completions, a best score of 250%), is left out and said.
    const problem = bestResultProblem(r);
    if (problem !== undefined || !isObject(r)) {
      leftOut.push({ what: `the best result for ${quoteValue(id)}`, why: problem ?? 'it is malformed' });
      continue;
    }
    // As the records read it (records.ts): an id no scenario could have is left out, and said, not
    // written into the records to be dropped without a word when they are next read.
    if (!isScenarioId(id)) {
      leftOut.push({ what: `the best result for ${quoteValue(id)}`, why: 'its scenario id is not one a scenario can have' });
      continue;
    }
    // Not a time on the calendar ("banana"), it would stay the last completion for good too (it sorts
    // after every real time). None ("", or no field) is how records with none known are written.
    if (typeof r.lastCompleted === 'string' && r.lastCompleted !== '' && !isCompletionTime(r.lastCompleted)) {
      leftOut.push({ what: `the best result for ${quoteValue(id)}`, why: `its last completion, ${quoteValue(r.lastCompleted, 40)}, is not a date and time on the calendar` });
      continue;
    }
    // Dated later than now, the best result is kept without its last completion, as the records
    // file on this device keeps it (trustedLastCompleted): a clock that was wrong once loses no progress.
    best[id] = { bestPercent: r.bestPercent as number, completions: r.completions as number, lastCompleted: trustedLastCompleted(r.lastCompleted, now) };
  }
  const playthroughs: PlaythroughRecord[] = [];
  const ids = new Set<string>();
  for (const [i, p] of records.playthroughs.entries()) {
    const read = parsePlaythrough(p, now);
    const early = 'error' in read ? undefined : earlyDateProblem(read);
    const parsed = early === undefined ? read : { error: early };
    if ('error' in parsed) {
      // Its scenario's best result in the file may come from it: that is left out with it, and
      // said (the best of the practice that is loaded is worked out again on loading).
      // Matched as written: cleaned, "example-new-phone\u200b" took another scenario's best result with it.
      const scenarioId = isObject(p) && typeof p.scenarioId === 'string' ? p.scenarioId : undefined;
      const withBest = scenarioId !== undefined && Object.hasOwn(best, scenarioId) ? scenarioId : undefined;
      if (withBest !== undefined) delete best[withBest];
      leftOut.push({ what: damagedPracticeName(p, i), why: parsed.error, ...(withBest !== undefined ? { withBest: withBest.slice(0, 60) } : {}) });
      continue;
    }
    if (ids.has(parsed.id)) continue;
    ids.add(parsed.id);
    playthroughs.push(parsed);
  }
  const learner = records.learner;
  if (learner !== undefined && (typeof learner !== 'string' || !/^[0-9a-f-]{36}$/.test(learner))) return refuse('it is damaged (its learner id is malformed)');
  if (!isObject(raw.saves)) return refuse('it is damaged (its scenarios in progress are missing)');
  const saves: Record<string, SaveValue> = {};
  for (const [key, value] of Object.entries(raw.saves)) {
    if (!SAVE_KEY.test(key)) {
      leftOut.push({ what: `a scenario in progress with a strange name, ${quoteValue(key)}`, why: 'it is not a name casa-practice gives' });
      continue;
    }
    const save = asSave(value);
    if (!save) {
      // A save of a newer format is not damaged: said as what it is.
      const newer = isObject(value) && value.format === 'casa-practice-terminal-save' && typeof value.formatVersion === 'number' && value.formatVersion > 1;
      leftOut.push({ what: `the scenario in progress ${key}`, why: newer ? `it was saved by a newer version of casa-practice (save format ${String(value.formatVersion)})` : 'it is malformed' });
      continue;
    }
    // Dated later than now, it would count as newer than any save here, and as saved after the scenario was last finished.
    if (Date.parse(save.session.savedAt) > now.getTime() + FUTURE_SLACK_MS) {
      leftOut.push({ what: `the scenario in progress ${key}`, why: `it was saved on ${save.session.savedAt.slice(0, 10)}, later than today` });
      continue;
    }
    // One that could never be resumed would take the place of a sound one here (one of the
    // volunteer's own files is never loaded: it is counted, and said, as such).
    const unusable = isOwnFileSave(save) ? undefined : unusableSave(key, save);
    if (unusable !== undefined) {
      leftOut.push({ what: `the scenario in progress ${key}`, why: unusable });
      continue;
    }
    saves[key] = save;
  }
  const first = leftOut[0];
  if (first && playthroughs.length === 0 && loadableSaves(saves) === 0) return refuse(`it is damaged (${first.what}: ${first.why})`);
  return {
    ok: true,
    backup: {
      format: 'casa-practice-backup',
      formatVersion: 1,
      exportedAt: raw.exportedAt,
      records: { format: 'casa-practice-records', formatVersion: 2, ...(typeof learner === 'string' ? { learner } : {}), best, playthroughs },
      saves,
    },
    leftOut,
  };
}

/** How many of a backup's scenarios in progress would be loaded (not from a file of the volunteer's own: isOwnFileSave). */
function loadableSaves(saves: Record<string, SaveValue>): number {
  return Object.entries(saves).filter(([key, s]) => !isOwnFileSave(s) && !isAuthorTestSave(key, s)).length;
}

/** How many damaged entries are named one by one; the rest are counted. */
const LEFT_OUT_NAMED = 3;

/** "the practice of "…" finished on … (why), … and 4 more" (damagedPracticeName), for the question and the note after loading. */
function leftOutList(leftOut: readonly BackupLeftOut[], withWhy: boolean): string {
  const named = leftOut.slice(0, LEFT_OUT_NAMED).map((e) => {
    const best = e.withBest === undefined ? '' : withWhy ? `; the best result for "${e.withBest}", which counted it, is left out with it` : ` and the best result for "${e.withBest}" it counted`;
    return withWhy ? `${e.what} (${e.why}${best})` : `${e.what}${best}`;
  });
  const more = leftOut.length - named.length;
  return cleanLine(more > 0 ? `${named.join('; ')}; and ${countWords(more)} more` : named.join('; '));
}

/**
 * The question a UI asks before loading a backup with damaged entries: what is damaged and why,
 * and what the rest holds. Nothing has been changed when it is asked.
 */
export function backupLeftOutQuestion(parsed: { backup: BackupFile; leftOut: readonly BackupLeftOut[] }): string {
  const n = parsed.leftOut.length;
  const finished = parsed.backup.records.playthroughs.length;
  const inProgress = loadableSaves(parsed.backup.saves);
  const rest = [
    finished > 0 ? `${countWords(finished)} finished scenario${finished === 1 ? '' : 's'}` : '',
    inProgress > 0 ? `${inProgress} scenario${inProgress === 1 ? '' : 's'} in progress` : '',
  ].filter(Boolean).join(' and ');
  return `${n === 1 ? 'One entry' : `${n} entries`} in this backup ${n === 1 ? 'is' : 'are'} damaged and cannot be loaded: ${leftOutList(parsed.leftOut, true)}. ` +
    `The rest of it (${rest}) can be loaded without ${n === 1 ? 'it' : 'them'}. Nothing has been changed yet.`;
}

/** Said after the rest of a backup with damaged entries was loaded. */
export function backupLeftOutNote(leftOut: readonly BackupLeftOut[]): string {
  // A practice is named by the time it was finished ("… at 10:30 a.m."): no second full stop after it.
  return leftOut.length === 0 ? '' : `Left out as damaged: ${leftOutList(leftOut, false).replace(/\.$/, '')}.`;
}

/** What loading a backup did, with one sentence for the volunteer. */
export interface ImportResult {
  /** Completed practice added. */
  added: number;
  /** Completed practice that was already here (not added twice). */
  alreadyHad: number;
  /**
   * Completed practice left out as the same practice as one here, finished at another time: one
   * scenario in progress carried in a backup and finished both where it was made and where it was
   * loaded (the same scenario started at the same time: practiceOf). Counted once, by the record
   * here (mergeRecordsFiles' `sameProgress`). Not in alreadyHad.
   */
  sameProgress: number;
  /** Scenarios in progress (saves) written (new here, or newer than the one here). */
  savesLoaded: number;
  /** Scenarios in progress (saves) left as they were (the one here is as new or newer). */
  savesKept: number;
  /**
   * Of savesLoaded, those that took the place of a save here: the one here was set aside first
   * (moveAside: `replaced`, or `damaged` when it could not be used), never written over. Each key it
   * was moved to, for a UI to say where.
   */
  savesSetAside: string[];
  /**
   * Scenarios in progress whose save here, older than the backup's, could not be set aside (the
   * storage full): it was kept as it was, and the backup's not loaded over it.
   */
  savesNotReplaced: number;
  /**
   * Scenarios in progress whose save here was written by a newer version of casa-practice
   * (newerSaveFormat): kept as it was (never set aside or written over), and the backup's not loaded.
   */
  savesNewer?: number;
  /**
   * Scenarios in progress (saves) not loaded because they are of a scenario file of the volunteer's
   * own (isOwnFileSave): a backup made before those were left out of backups carries them.
   */
  savesOwnFile: number;
  /**
   * Scenarios in progress (saves) not loaded because they are of an author's test run in the
   * terminal (isAuthorTestSave): a backup made before those were left out of backups carries them.
   */
  savesAuthorTest: number;
  /**
   * Scenarios in progress (saves) not loaded because the records show the scenario finished after
   * the save was made: loaded, it would be finished again and its time so far counted twice.
   */
  savesFinished: number;
  /**
   * Of savesLoaded, those of a scenario the app loading the backup does not have (importBackup's
   * `playsHere` says no: a newer version's, most often): kept, but no page there continues them.
   */
  savesNotPlayedHere?: number;
  message: string;
  /** A repair notice from reading the records here first, if any. */
  notice?: string;
  /** The records here were written by a newer version of casa-practice (RecordsRead.newer): nothing was loaded. */
  newer?: number;
  /** The records here that were set aside on reading them first, for a UI to word itself. */
  setAside?: RecordsSetAside;
  /**
   * Nothing was loaded: the records here are damaged and could not be set aside (the only copy of
   * what they hold, left where they were), and writing the backup in would write over them.
   */
  refused?: true;
}

/** ImportResult.message when nothing was loaded because the records here could not be set aside. */
export const BACKUP_NOT_OVER_DAMAGED = 'Nothing was loaded from that backup, and nothing was changed: your records here are damaged and could not be set aside, and loading it would write over them.';

/** Said instead of BACKUP_NOT_OVER_DAMAGED when the records here were written by a newer version of casa-practice (RecordsRead.newer). */
export const BACKUP_NOT_OVER_NEWER = 'Nothing was loaded from that backup, and nothing was changed: your records here were written by a newer version of casa-practice, which this version cannot read, and loading it would write over them.';

/**
 * Merges a checked backup into the store; loading the same backup twice changes nothing the second
 * time. `playsHere`: whether the app loading it has a scenario, by id, where it knows; a save of one
 * it does not have is loaded all the same (kept, and in the next backup) and said not to continue here.
 */
export function importBackup(store: Store, backup: BackupFile, now = new Date(), playsHere?: (id: string) => boolean): ImportResult {
  return exclusively(store, RECORDS_KEY, () => importUnlocked(store, backup, now, playsHere));
}

function importUnlocked(store: Store, backup: BackupFile, now: Date, playsHere?: (id: string) => boolean): ImportResult {
  const { file: here, notice, setAside, untouchable, newer } = readRecordsFile(store, now);
  // Left where they were (not moved aside), the records here are the only copy of what they hold:
  // nothing is written, neither they nor the backup's saves (a backup half loaded is no answer).
  if (untouchable) return { added: 0, alreadyHad: 0, sameProgress: 0, savesLoaded: 0, savesKept: 0, savesSetAside: [], savesNotReplaced: 0, savesFinished: 0, savesOwnFile: 0, savesAuthorTest: 0, message: newer !== undefined ? BACKUP_NOT_OVER_NEWER : BACKUP_NOT_OVER_DAMAGED, refused: true, ...(notice ? { notice } : {}), ...(setAside ? { setAside } : {}), ...(newer !== undefined ? { newer } : {}) };
  const { file: merged, added: incoming, sameProgress } = mergeRecordsFiles(here, backup.records);
  const playthroughs = merged.playthroughs;
  let savesLoaded = 0;
  let savesKept = 0;
  let savesFinished = 0;
  let savesOwnFile = 0;
  let savesAuthorTest = 0;
  let savesNotReplaced = 0;
  let savesNewer = 0;
  let savesNotPlayedHere = 0;
  const savesSetAside: string[] = [];
  // When each scenario was last finished, by the records merged (here and in the backup).
  const lastFinished = new Map<string, number>();
  for (const p of playthroughs) lastFinished.set(p.scenarioId, Math.max(lastFinished.get(p.scenarioId) ?? -Infinity, Date.parse(p.completedAt)));
  for (const [key, save] of Object.entries(backup.saves)) {
    // Left out, as a backup made now leaves it out: it names where the file was on the device the
    // backup was made on (often a home folder with the volunteer's name), and could not be opened here.
    if (isOwnFileSave(save)) {
      savesOwnFile++;
      continue;
    }
    // Left out, as a backup made now leaves it out: no page here would offer to continue it.
    if (isAuthorTestSave(key, save)) {
      savesAuthorTest++;
      continue;
    }
    const ref = save.scenario as { id?: unknown } | undefined;
    const finished = typeof ref?.id === 'string' ? lastFinished.get(ref.id) : undefined;
    if (finished !== undefined && finished >= Date.parse(save.session.savedAt)) {
      savesFinished++;
      continue;
    }
    let mine: SaveValue | undefined;
    let unusable = false;
    try {
      const text = store.read(key);
      // A newer version's save here is left as it is (not damaged): the backup's is not loaded over it.
      if (newerSaveFormat(text) !== undefined) {
        savesNewer++;
        continue;
      }
      if (text !== undefined) {
        mine = asSave(JSON.parse(text));
        unusable = mine === undefined;
      }
    } catch {
      unusable = true;
    }
    if (mine && Date.parse(mine.session.savedAt) >= Date.parse(save.session.savedAt)) {
      savesKept++;
      continue;
    }
    // A save here that cannot be used is set aside, never overwritten. One that can, older, is set
    // aside too: the backup's passed only the outline's checks (parseBackup), and one whose replies
    // no longer replay would otherwise have cost the volunteer the progress here.
    if (unusable) {
      const to = store.moveAside(key, now);
      if (!leftWhereItWas(to)) savesSetAside.push(to);
    } else if (mine) {
      const to = store.moveAside(key, now, 'replaced');
      // Left where it was (no room for a copy): the only copy of that progress, kept, and the backup's not loaded over it.
      if (leftWhereItWas(to)) {
        savesNotReplaced++;
        continue;
      }
      savesSetAside.push(to);
    }
    store.write(key, `${JSON.stringify(save, null, 2)}\n`);
    savesLoaded++;
    if (playsHere && typeof ref?.id === 'string' && !playsHere(ref.id)) savesNotPlayedHere++;
  }
  store.write(RECORDS_KEY, recordsText(merged, recordsRoom(store)));
  const alreadyHad = backup.records.playthroughs.length - incoming - sameProgress;
  const counts = { added: incoming, alreadyHad, sameProgress, savesLoaded, savesKept, savesSetAside, savesNotReplaced, ...(savesNewer > 0 ? { savesNewer } : {}), savesFinished, savesOwnFile, savesAuthorTest, ...(savesNotPlayedHere > 0 ? { savesNotPlayedHere } : {}) };
  return { ...counts, message: importWords(counts), ...(notice ? { notice } : {}), ...(setAside ? { setAside } : {}) };
}

/**
 * What loading a backup did, in the words My records uses: its records are finished scenarios (as
 * its total counts them) and its saves are scenarios in progress (each continues where it was left
 * off), each counted in the singular or plural as it is, and nothing said of what there was none of.
 */
function importWords({ added, alreadyHad, sameProgress, savesLoaded, savesKept, savesSetAside, savesNotReplaced, savesNewer = 0, savesFinished, savesOwnFile, savesAuthorTest, savesNotPlayedHere = 0 }: Omit<ImportResult, 'message' | 'notice' | 'setAside' | 'refused'>): string {
  const finished = (n: number) => `${countWords(n)} finished scenario${n === 1 ? '' : 's'}`;
  const inProgress = (n: number) => `${n} scenario${n === 1 ? '' : 's'} in progress`;
  const were = (n: number) => (n === 1 ? 'was' : 'were');
  const parts: string[] = [];
  if (added > 0) parts.push(`Added ${finished(added)} to your records`);
  if (alreadyHad > 0) parts.push(`${finished(alreadyHad)} ${were(alreadyHad)} already in your records and ${were(alreadyHad)} not added again`);
  // The same scenario in progress finished twice (here and where the backup was made): its time before the backup is in both.
  if (sameProgress > 0) {
    const one = sameProgress === 1;
    parts.push(`${finished(sameProgress)} ${were(sameProgress)} not added because ${one ? 'it was' : 'they were'} the same practice as ${one ? 'another' : 'others'} (one scenario in progress, carried in a backup and finished in two places), so ${one ? 'its' : 'their'} time counts once`);
  }
  // The saves here they took the place of, set aside: said with them, so no one thinks that progress gone.
  const aside = savesSetAside.length;
  const setAsideWords = aside === 0 ? '' : aside === savesLoaded
    ? ` (the save${aside === 1 ? ' that was here for it was' : 's that were here for them were'} set aside, not deleted)`
    : ` (the save${aside === 1 ? ' that was' : 's that were'} here for ${aside} of them ${were(aside)} set aside, not deleted)`;
  // Of a scenario this app does not have: kept, and said not to continue here (no page here offers to).
  const here = savesLoaded - savesNotPlayedHere;
  const elsewhere = savesNotPlayedHere === 0 ? '' : `${here > 0 ? '; ' : ''}kept ${inProgress(savesNotPlayedHere)} whose scenario${savesNotPlayedHere === 1 ? ' is' : 's are'} not in this app: ${savesNotPlayedHere === 1 ? 'it' : 'they'} cannot be continued here, and ${savesNotPlayedHere === 1 ? 'it stays' : 'they stay'} in this browser (and in the backups you download here)`;
  if (savesLoaded > 0) parts.push(`${here > 0 ? `loaded ${inProgress(here)}, to continue where you left off` : ''}${elsewhere}${setAsideWords}`);
  if (savesKept > 0) parts.push(`${inProgress(savesKept)} ${were(savesKept)} already here, as new or newer, and ${were(savesKept)} kept as ${savesKept === 1 ? 'it was' : 'they were'}`);
  if (savesNotReplaced > 0) parts.push(`${inProgress(savesNotReplaced)} here, older than the backup's, could not be set aside to make way for ${savesNotReplaced === 1 ? 'it' : 'them'}, so ${savesNotReplaced === 1 ? 'it was' : 'they were'} kept as ${savesNotReplaced === 1 ? 'it was' : 'they were'} and the backup's not loaded`);
  if (savesNewer > 0) parts.push(`${inProgress(savesNewer)} here ${were(savesNewer)} saved by a newer version of casa-practice, so ${savesNewer === 1 ? 'it was' : 'they were'} kept as ${savesNewer === 1 ? 'it was' : 'they were'} and the backup's not loaded over ${savesNewer === 1 ? 'it' : 'them'}`);
  if (savesFinished > 0) parts.push(`${inProgress(savesFinished)} ${were(savesFinished)} finished since ${savesFinished === 1 ? 'it was' : 'they were'} saved and ${were(savesFinished)} not loaded again`);
  // Said once, however many there are, in a sentence of its own after what was loaded.
  const one = savesOwnFile === 1;
  const own = savesOwnFile === 0 ? '' : one
    ? ' One scenario in progress from a scenario file of your own was left out: its save names where that file was on the device the backup was made on, which this app does not keep, and it could not be opened here. Finish it there.'
    : ` ${savesOwnFile} scenarios in progress from scenario files of your own were left out: their saves name where those files were on the device the backup was made on, which this app does not keep, and they could not be opened here. Finish them there.`;
  const tests = savesAuthorTest === 0 ? '' : savesAuthorTest === 1
    ? ' One author\'s test run in progress (played in the terminal with --preview, --from or --set) was left out: it is not added to your records, and only the terminal plays it.'
    : ` ${savesAuthorTest} author's test runs in progress (played in the terminal with --preview, --from or --set) were left out: they are not added to your records, and only the terminal plays them.`;
  if (parts.length === 0) return savesOwnFile === 0 && savesAuthorTest === 0 ? 'This backup holds no finished scenarios and no scenarios in progress: nothing was added.' : `Nothing was added.${own}${tests}`;
  const text = parts.join('; ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.${own}${tests}`;
}

/** A save set aside when a loaded backup's newer one took its place (moveAside as `replaced`): its key, then the key it was set aside from. */
const REPLACED_SAVE = /^(saves\/[a-z0-9][a-z0-9-]{0,200}\.json)\.replaced-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}(?:-\d{1,3})?$/;

/** Whether a key names a save a loaded backup replaced (one restoreReplacedSave can put back). */
export const isReplacedSaveKey = (key: string): boolean => REPLACED_SAVE.test(key);

/**
 * What restoring a replaced save did: `key`, the save restored; `setAside`, where the save that was
 * there went (none when there was none); `heldInTab`, the store could not write it (a browser's
 * storage full) and holds it for this tab only, so the copy was kept too. Or why nothing was changed.
 */
export type RestoreReplacedResult = { ok: true; key: string; setAside?: string; heldInTab?: true } | { ok: false; why: string };

/** RestoreReplacedResult's `why` when the store has no room to keep both the save there and the one restored. */
export const RESTORE_NO_ROOM = 'this browser\'s storage for this site has no room to keep the save there now beside it';

/** RestoreReplacedResult's `why` when the save there now was written by a newer version of casa-practice (newerSaveFormat). */
export const RESTORE_NOT_OVER_NEWER = 'the save of this scenario there now was written by a newer version of casa-practice, which this version cannot read, and it is left as it is';

/** Whether a text is a save whose outline is sound (asSave). */
function isSaveText(text: string): boolean {
  try {
    return asSave(JSON.parse(text)) !== undefined;
  } catch {
    return false;
  }
}

/**
 * When the practice a save holds was finished since (a record of its scenario that started when the
 * save's session did: the backup's save carried it on and it was finished), that record's completion
 * time. A save of another sitting of the same scenario is no such practice, and the records here are
 * only read (unreadable or damaged ones say nothing).
 */
function finishedSince(store: Store, save: SaveValue): string | undefined {
  const started = save.startedAt;
  const id = (save.session as Record<string, unknown>).scenarioId;
  if (typeof started !== 'string' || typeof id !== 'string') return undefined;
  let text: string | undefined;
  try {
    text = store.read(RECORDS_KEY);
  } catch {
    return undefined;
  }
  if (text === undefined) return undefined;
  const read = parseRecordsFile(text);
  if (!read.ok) return undefined;
  return read.file.playthroughs.find((p) => p.scenarioId === id && p.startedAt !== undefined && Date.parse(p.startedAt) === Date.parse(started))?.completedAt;
}

/**
 * Why a save set aside as `replaced` cannot be restored (restoreReplacedSave would refuse it before
 * anything moves), or undefined when it can be: for a UI to say so beside the copy rather than offer
 * a restore that is then refused. Only reads the store.
 */
export function restoreRefusal(store: Store, copyKey: string): string | undefined {
  const checked = restorable(store, copyKey);
  return checked.ok ? undefined : checked.why;
}

/** The checks restoreReplacedSave makes of the copy before anything moves; its key and text when it passes. */
function restorable(store: Store, copyKey: string): { ok: true; key: string; text: string } | { ok: false; why: string } {
  const key = REPLACED_SAVE.exec(copyKey)?.[1];
  if (key === undefined) return { ok: false, why: 'it is not a save set aside when a backup replaced it' };
  let text: string | undefined;
  try {
    text = store.read(copyKey);
  } catch {
    return { ok: false, why: 'it could not be read from storage' };
  }
  if (text === undefined) return { ok: false, why: 'it is no longer kept here' };
  let save: SaveValue | undefined;
  try {
    save = asSave(JSON.parse(text));
  } catch {
    save = undefined;
  }
  if (save === undefined) return { ok: false, why: 'it cannot be read as a save (it was damaged since it was set aside)' };
  const unusable = isOwnFileSave(save) ? undefined : unusableSave(key, save);
  if (unusable !== undefined) return { ok: false, why: unusable };
  // The save there now was written by a newer version of casa-practice: never set aside or written over (newerSaveFormat).
  let there: string | undefined;
  try {
    there = store.read(key);
  } catch {
    there = undefined;
  }
  if (newerSaveFormat(there) !== undefined) return { ok: false, why: RESTORE_NOT_OVER_NEWER };
  const finished = finishedSince(store, save);
  if (finished !== undefined) return { ok: false, why: `the practice it holds was finished here on ${finished.slice(0, 10)} (the backup's save that replaced it carried it on): if it were restored, it would be finished a second time and its minutes so far counted twice` };
  return { ok: true, key, text };
}

/**
 * Puts back a save that a loaded backup's newer one took the place of (importBackup set it aside as
 * `replaced`): a volunteer who loaded the wrong backup gets their progress back. The rule loading a
 * backup keeps, kept here too: the save there now is set aside first (as `replaced`, or `damaged`
 * when it cannot be used), never written over; when it cannot be (no room), nothing is changed. The
 * copy is checked as a backup's save is (unusableSave): one damaged since is refused, with why; so
 * is one whose practice was finished since (finishedSince), which would be counted twice.
 */
export function restoreReplacedSave(store: Store, copyKey: string, now = new Date()): RestoreReplacedResult {
  const checked = restorable(store, copyKey);
  if (!checked.ok) return checked;
  const { key, text } = checked;
  let here: string | undefined;
  let hereUnreadable = false;
  try {
    here = store.read(key);
  } catch {
    hereUnreadable = true;
  }
  // Asked before anything moves: the save there, set aside, takes the room it takes now, and the one
  // restored its own beside it until the copy goes (roomFor leaves out what `key` holds now).
  if (store.roomFor && store.roomFor(key) - (here === undefined ? 0 : utf8Length(here)) < utf8Length(text)) return { ok: false, why: RESTORE_NO_ROOM };
  let setAside: string | undefined;
  if (here !== undefined || hereUnreadable) {
    const to = store.moveAside(key, now, here !== undefined && isSaveText(here) ? 'replaced' : 'damaged');
    if (leftWhereItWas(to)) return { ok: false, why: RESTORE_NO_ROOM };
    setAside = to;
  }
  store.write(key, text);
  const aside = setAside !== undefined ? { setAside } : {};
  // Held for this tab only: the copy stays (the only one that outlives the tab).
  if (store.inMemoryOnly?.(key)) return { ok: true, key, ...aside, heldInTab: true };
  store.remove(copyKey);
  return { ok: true, key, ...aside };
}
