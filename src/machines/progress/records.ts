import { countWords } from '../text/first-few.js';
import { cleanLine, isBlank } from '../text/clean.js';
import { mayRepeatKeys, repeatedKey } from '../text/json-keys.js';
import { quoteValue, shownFileName } from '../text/quote.js';
import type { Debrief, OutcomeBand } from '../scoring.js';
import type { EndingKind, Scenario } from '../schema/scenario.js';
import { isScenarioId } from '../scenario-id.js';
import type { SessionMode } from '../types.js';
import { FINGERPRINT_PATTERN, scenarioFingerprint } from './fingerprint.js';
import { localDate, localTime } from './local-clock.js';
import { derivedUuid, randomUuid, UUID_PATTERN, weakRandomBytes, type RandomBytes } from './ids.js';
import { asideWords, exclusively, leftInPlaceOf, leftWhereItWas, SET_ASIDE_KEEP, type Store } from './store.js';

/** The best result a volunteer has had on one scenario. */
export interface CompletionRecord {
  /** Best score as a percentage of the best the scenario allows. */
  bestPercent: number;
  completions: number;
  /** ISO time of the last completion. */
  lastCompleted: string;
}

/** Completion records by scenario id. */
export type Records = Record<string, CompletionRecord>;

/** One decision of a recorded playthrough: enough to export it (xAPI) without the save. */
export interface DecisionRecord {
  nodeId: string;
  /** The reply chosen. */
  replyId: string;
  /** Its points: the weights it follows minus those it violates. */
  points: number;
  /** The most points any reply offered at this decision had (a greyed-out reply was not offered). */
  bestPoints: number;
  /**
   * The reply taken was best practice here, as the debrief said it ("Best practice here: ✓ the
   * same"; the core's `sameAsBest`, bestPracticeAt). Not the same as points equal to `bestPoints`:
   * on the best-practice path its reply alone is best practice, even where another is worth more.
   * Absent in records made before it was kept (the xAPI export then works it out again from the
   * scenario of the same version, or leaves it out: see report/xapi.ts).
   */
  bestPractice?: boolean;
  /** The reply's verdicts on the guide's principles. */
  assessments: { principle: string; verdict: 'follows' | 'violates'; weight: number }[];
}

/** How one principle went over a recorded playthrough. */
export interface PrincipleRecord {
  principleId: string;
  status: 'violated' | 'missed' | 'followed';
  followed: number;
  violated: number;
  missed: number;
  /**
   * Of `missed`, those at decisions where the reply taken was not best practice (the debrief's
   * `missedBelowBest`): a principle followed with some of these was kept to at only some of its
   * chances, and is under "To work on". Absent in records made before it was kept (the xAPI export
   * then works it out again from the scenario of the same version, or leaves out what it decides:
   * see report/xapi.ts).
   */
  missedBelowBest?: number;
}

/**
 * One completed playthrough (records format 2). Its `id` is a random UUID v4 drawn once, when it was
 * recorded: a backup import recognises the playthrough by it (no duplicates), it is the xAPI
 * registration, and the xAPI statement ids are derived from it (so exporting twice gives the same ids).
 */
export interface PlaythroughRecord {
  id: string;
  scenarioId: string;
  scenarioVersion: number;
  /**
   * The scenario's content fingerprint when it was played (scenarioFingerprint: SHA-256 of its
   * JSON, keys sorted), never its path: an export finds the scenario again among those at hand by
   * id, version and this, and describes its decisions only from that one. Absent in records made
   * before it was kept (then the id and version are all there is to go by).
   */
  scenarioHash?: string;
  /** The scenario's title when it was played. */
  title: string;
  /**
   * The anonymous learner id of the records it was kept in before, when that is not these records'
   * own: set when a backup from another device (the terminal, another browser) with a learner id of
   * its own is loaded into records that have one. Its xAPI statements keep naming that learner, as
   * they did when exported there: their ids are derived from the record's id, and a learning record
   * store refuses a statement whose id it has with other content (another actor).
   */
  learner?: string;
  mode: SessionMode;
  /** ISO time the playthrough started, when the UI knew it. */
  startedAt?: string;
  /** ISO time it ended. */
  completedAt: string;
  /**
   * Whole minutes spent (at least 1), when known: `seconds` rounded to the nearest minute, left out
   * when that is 0 (a run of under 30 seconds). Kept beside `seconds` for records made before those
   * were kept, and for an older casa-practice reading these (it takes minutes of at least 1 only).
   */
  minutes?: number;
  /**
   * Whole seconds spent, when measured (see `secondsSpent`): what totals add up, rounding only the
   * sum to minutes (recordSeconds), so that a run of a few seconds is not a minute and many runs of
   * under a minute are not lost. Absent in records made before it was kept (their minutes count).
   */
  seconds?: number;
  score: { earned: number; best: number; percent: number; capped: boolean };
  band: OutcomeBand;
  ending?: { id: string; kind: EndingKind };
  decisions: DecisionRecord[];
  principles: PrincipleRecord[];
}

/** The records file (format 2): best results per scenario, every completed playthrough, and the anonymous learner id. */
export interface RecordsFile {
  format: 'casa-practice-records';
  formatVersion: 2;
  /** A random UUID naming this volunteer anonymously in exports (xAPI account name). */
  learner?: string;
  best: Records;
  playthroughs: PlaythroughRecord[];
}

/**
 * The anonymous learner id records name the volunteer by (xapiLearner): their own, or, for records
 * without one, one derived from the oldest playthrough's id (the same at every export of those records).
 */
export function learnerOf(learner: string | undefined, playthroughs: readonly PlaythroughRecord[]): string {
  if (learner !== undefined && UUID_PATTERN.test(learner)) return learner;
  const oldest = [...playthroughs].sort((a, b) => a.completedAt.localeCompare(b.completedAt) || a.id.localeCompare(b.id))[0];
  return derivedUuid(oldest?.id ?? '', 'learner');
}

export const RECORDS_FORMAT_VERSION = 2;

/** Where the records are kept in the store. */
export const RECORDS_KEY = 'records.json';

/** Records read back: repaired entries dropped, and a one-line notice when the file had to be set aside. */
export interface RecordsRead {
  records: Records;
  /** Every completed playthrough kept, oldest first (none in records written before format 2). */
  playthroughs: PlaythroughRecord[];
  learner?: string;
  /** One line for the volunteer, saying where a file set aside went in the terminal's words (see `setAside`; the terminal shows recordsSetAsideLines of it). */
  notice?: string;
  /** The records file that could not be understood and was set aside (never deleted), for a UI to word itself. */
  setAside?: RecordsSetAside;
  /**
   * Set when the stored records were not written: the file could not be read, or could not be moved
   * aside, and is the only copy of what it holds, so it is never written over. What these records
   * hold beyond it (a playthrough just finished) is kept only in what was returned.
   */
  unsaved?: true;
  /**
   * Set when the records were written by a newer version of casa-practice (its records format, a
   * number above RECORDS_FORMAT_VERSION): nothing is wrong with them, but this version cannot read
   * them. They are left as they are (never moved aside or written over: `unsaved` is set too), no
   * new records are started, and what is finished meanwhile is not added to them.
   */
  newer?: number;
}

/**
 * What to do about records of a newer version, in the terminal's words (the end of recordsNewerNotice's
 * line by default): the program is updated. Nothing more is promised: the terminal saves a run only
 * when it is left, so a run finished at one sitting has no save to put back.
 */
export const RECORDS_NEWER_TODO = 'Update casa-practice to see them; until then, what you finish with this version cannot be added to them.';

/**
 * The one line for records written by a newer version of casa-practice (`version`: their records
 * format), said as what it is, not as damage; `todo`: what to do, in the UI's words.
 */
export function recordsNewerNotice(version: number, todo: string = RECORDS_NEWER_TODO): string {
  return `Your completion records were written by a newer version of casa-practice (records format ${version}), which this version cannot read. Nothing is wrong with them: they were left as they are, and nothing is written over them. ${todo}`;
}

/** A records file that could not be understood, kept under another key. */
export interface RecordsSetAside {
  /** The key it is kept under now (records.json.damaged-…), cleaned. */
  movedTo: string;
  /** Why, when there is more to say than "damaged" (a newer records format; the first unreadable playthrough). */
  why?: string;
  /**
   * Set when only some completed playthroughs (or best results) could not be read: how many were left
   * out, and how many playthroughs were kept (the records go on without the unreadable ones; the copy
   * holds them all). `best`: how many best results by scenario were left out, when any were.
   */
  partly?: { unreadable: number; kept: number; best?: number };
  /**
   * Set when the file has a key written twice in one object (two records files joined by hand): only
   * the last of them could be read (JSON.parse), so what the earlier one held is in the copy alone.
   */
  repeated?: string;
  /**
   * Set when the file could not be read at all (a disk error, permissions: `why` says), rather than
   * read and not understood: it was set aside all the same, and is said to be unreadable, not damaged.
   */
  cannotRead?: true;
}

/**
 * How a UI says where a value set aside is kept, given its new key: the terminal names the file
 * there; a browser's storage is out of the volunteer's reach, so the web app words it without the key.
 */
export type KeptAt = (movedTo: string) => string;

/**
 * The terminal's words for damaged records set aside: they name the file they were moved to, or,
 * when it could not be moved, that it was left as it was, where it is.
 */
export const RECORDS_MOVED_TO: KeptAt = (movedTo) => {
  const left = leftInPlaceOf(movedTo);
  return left ? `they could not be moved aside (${cleanLine(left.why)}), so the file was left as it was, at ${shownFileName(left.place)}` : asideWords('they', movedTo, true);
};

/** The one line for records that were set aside, the place worded by the UI (`keptAt`). */
export function recordsSetAsideNotice(aside: RecordsSetAside, keptAt: KeptAt = RECORDS_MOVED_TO): string {
  const why = aside.why ? ` (${cleanLine(aside.why)})` : '';
  // Not moved aside, the file is the only copy of what it holds: nothing is written over it, and
  // what is finished now lasts only for this session (see readRecordsFile).
  const notMoved = leftWhereItWas(aside.movedTo);
  // A key written twice, and nothing else wrong: what the earlier one held was not read, and how much is not known.
  if (aside.repeated !== undefined && aside.partly && aside.partly.unreadable === 0 && !aside.partly.best) {
    const twice = `Part of your completion records could not be read: the file has ${quoteValue(aside.repeated, 40)} written twice, and only the last one was read`;
    const kept = aside.partly.kept;
    if (notMoved) return `${twice}; ${keptAt(aside.movedTo)}. The rest is shown, but what you finish in this session will not be kept in your records.`;
    if (kept === 0) return `${twice}; ${keptAt(aside.movedTo)}.`;
    return `${twice}; ${keptAt(aside.movedTo)}, and the ${countWords(kept)} finished scenario${kept === 1 ? '' : 's'} read from it ${kept === 1 ? 'was' : 'were'} kept.`;
  }
  if (aside.partly) {
    const { unreadable, kept, best = 0 } = aside.partly;
    const finished = (n: number) => `${countWords(n)} finished scenario${n === 1 ? '' : 's'}`;
    const what = [...(unreadable > 0 || best === 0 ? [finished(unreadable)] : []), ...(best > 0 ? [`${best} best result${best === 1 ? '' : 's'}`] : [])].join(' and ');
    // The readable part is shown (the reader keeps it), but the file is the only copy of the rest.
    if (notMoved) return `Part of your completion records is damaged: ${what} could not be read${why}; ${keptAt(aside.movedTo)}. The rest is shown, but what you finish in this session will not be kept in your records.`;
    // None of the finished scenarios read: not "part of" the records, and no "other 0" kept.
    if (kept === 0 && best === 0 && unreadable > 0) {
      const none = unreadable === 1 ? 'the one finished scenario in them could not be read' : `none of the ${countWords(unreadable)} finished scenarios in them could be read`;
      return `Your completion records were damaged: ${none}${why}, so ${unreadable === 1 ? 'it is' : 'they are'} left out of your records; ${keptAt(aside.movedTo)}.`;
    }
    if (best > 0) return `Part of your completion records was damaged: ${what} could not be read${why} and ${unreadable + best === 1 ? 'is' : 'are'} left out of your records; ${keptAt(aside.movedTo)}, and the rest was kept.`;
    return `Part of your completion records was damaged: ${what} could not be read${why} and ${unreadable === 1 ? 'is' : 'are'} left out of your records; ${keptAt(aside.movedTo)}, and the other ${finished(kept)} ${kept === 1 ? 'was' : 'were'} kept.`;
  }
  const then = notMoved ? 'nothing is written over them: this session starts with no records, and what you finish now is kept only for this session' : 'new records were started';
  return `Your completion records ${aside.cannotRead ? 'could not be read' : 'were damaged'}${why}; ${keptAt(aside.movedTo)} and ${then}.`;
}

/**
 * The terminal's notice for records set aside, as it shows it: recordsSetAsideNotice's line,
 * the place named as "the file below"; then the file's path, whole, on a line of its own, to copy
 * (in mid-sentence it was wrapped with the words around it); then what to do, as the web app's
 * notices end with where the copy is and what to do.
 */
export function recordsSetAsideLines(aside: RecordsSetAside): string {
  const left = leftInPlaceOf(aside.movedTo);
  const line = recordsSetAsideNotice(aside, () => (left ? `they could not be moved aside (${cleanLine(left.why)}), so the file below was left as it was` : 'they were moved to the file below (nothing was deleted)'));
  return `${line}\n${shownFileName(left?.place ?? aside.movedTo)}\n${recordsSetAsideTodo(aside)}`;
}

/** What to do about records set aside, in the terminal's words (the end of recordsSetAsideLines). */
export function recordsSetAsideTodo(aside: RecordsSetAside): string {
  return leftWhereItWas(aside.movedTo)
    ? 'Nothing is written over it; once it can be moved, casa-practice sets it aside and starts new records.'
    : SET_ASIDE_KEEP;
}

/** The notice and what was set aside, as a RecordsRead carries them, and whether the records could not be written. */
function problemOf(read: { notice?: string; setAside?: RecordsSetAside; untouchable?: true; newer?: number }): Pick<RecordsRead, 'notice' | 'setAside' | 'unsaved' | 'newer'> {
  return { ...(read.notice ? { notice: read.notice } : {}), ...(read.setAside ? { setAside: read.setAside } : {}), ...(read.untouchable ? { unsaved: true as const } : {}), ...(read.newer !== undefined ? { newer: read.newer } : {}) };
}

const isPercent = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n) && n >= 0 && n <= 100;
// Safe integers only: 1e300 is a whole number to JavaScript, but one that adding 1 does not change.
const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
const isNumber = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isIsoTime = (v: unknown): v is string => typeof v === 'string' && v.length <= 40 && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(v) && !Number.isNaN(Date.parse(v));

/**
 * Whether an ISO time's date and time of day are ones a clock shows: a month of 1–12, a day the
 * month has, a time of 00:00:00–23:59:59. JavaScript reads "2026-02-30T10:00:00Z" as 2 March and
 * "…T24:00:00Z" as the next day, so a record so dated was listed under a day it does not name, and
 * exported as it stood (an xAPI timestamp a learning record store refuses). Only the text's leading
 * date and time are checked; the rest is isIsoTime's.
 */
export function isCalendarTime(v: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(v);
  if (!m) return false;
  const [year, month, day, hour = 0, minute = 0, second = 0] = m.slice(1).map((x) => (x === undefined ? undefined : Number(x))) as number[];
  if (month === undefined || day === undefined || year === undefined || month < 1 || month > 12 || day < 1) return false;
  // Day 0 of the next month is the last of this one (Date.UTC maps years 0–99 to 1900s: set the year itself).
  const last = new Date(Date.UTC(2000, month, 0));
  last.setUTCFullYear(year, month, 0);
  return day <= last.getUTCDate() && hour <= 23 && minute <= 59 && second <= 59;
}

/**
 * Whether a best result's last completion is a time to keep: an ISO time on the calendar. Anything
 * else ("banana") sorted after every real time, so merging records kept it as the last completion
 * for good; a record with none known has "" (as one without the field has).
 */
export const isCompletionTime = (v: unknown): v is string => isIsoTime(v) && isCalendarTime(v);

/** Why an ISO time of a record cannot be read (`what`: "start", "completion"), or undefined when it can. */
function timeTextProblem(v: unknown, what: string): string | undefined {
  if (!isIsoTime(v)) return `its ${what} time is not an ISO 8601 time`;
  return isCalendarTime(v) ? undefined : `its ${what} time, ${v.slice(0, 19)}, is not a date and time on the calendar`;
}
// Something left once cleaned (cleanLine): a title or id of spaces or control characters alone was
// taken, stored cleaned as "", and then refused when the records were read again, the practice lost.
const isShortText = (v: unknown, max = 200): v is string => typeof v === 'string' && v.length > 0 && v.length <= max && !isBlank(v);
const BANDS: readonly string[] = ['strong', 'developing', 'needs-review'];
const STATUSES: readonly string[] = ['violated', 'missed', 'followed'];
const ENDINGS: readonly string[] = ['strong', 'mixed', 'harmful'];

/**
 * The most completions of one scenario a best result may claim: more than 25 finished playthroughs
 * a day, every day, for ten years. A records file claiming more (1e300) was not written by casa-practice.
 */
export const MAX_COMPLETIONS = 100_000;

/**
 * Why a best result (the entry for one scenario in a records file or a backup) cannot be read, in
 * words, or undefined when it can: its best score must be a number from 0 to 100 (a percentage;
 * a fraction is read as the whole percentage shown), its completions a whole number from 1 to
 * MAX_COMPLETIONS. Its last completion is never a reason (see trustedLastCompleted).
 */
export function bestResultProblem(r: unknown): string | undefined {
  if (!isObject(r)) return 'it is not a best result';
  const { bestPercent, completions } = r;
  if (typeof bestPercent !== 'number' || !Number.isFinite(bestPercent)) return 'its best score is not a number';
  if (!isPercent(bestPercent)) return `its best score, ${bestPercent}%, is not between 0% and 100%`;
  if (typeof completions !== 'number' || !Number.isInteger(completions) || completions < 1) return `its number of completions, ${quoteValue(completions, 20)}, is not a whole number of at least 1`;
  if (completions > MAX_COMPLETIONS) return `it claims ${completions} completions, more than casa-practice records (${MAX_COMPLETIONS})`;
  return undefined;
}

/**
 * The best results of a records file, checked entry by entry; `unreadable`: how many were left out
 * (a value of the wrong kind or out of range, or an id no scenario could have) and why the first was.
 */
function parseBest(raw: Record<string, unknown>, now: Date): { best: Records; unreadable?: { count: number; first: string } } {
  const best: Records = Object.create(null) as Records;
  let unreadable: { count: number; first: string } | undefined;
  const leaveOut = (id: string, why: string) => {
    unreadable = { count: (unreadable?.count ?? 0) + 1, first: unreadable?.first ?? `the best result for ${quoteValue(id, 60)}: ${why}` };
  };
  for (const [id, r] of Object.entries(raw)) {
    // A key that no scenario could have (escape sequences, spaces) is left out, not cleaned into one
    // that names a real scenario (a best result the volunteer never had).
    if (!isScenarioId(id)) {
      leaveOut(id, 'its scenario id is not one a scenario can have');
      continue;
    }
    const problem = bestResultProblem(r);
    if (problem !== undefined) {
      leaveOut(id, problem);
      continue;
    }
    const { bestPercent, completions, lastCompleted } = r as Record<string, unknown>;
    best[id] = { bestPercent: Math.round(bestPercent as number), completions: completions as number, lastCompleted: trustedLastCompleted(lastCompleted, now) };
  }
  return { best, ...(unreadable ? { unreadable } : {}) };
}

/** The longest estimate a scenario may give (scenario.schema: estimatedMinutes at most 240). */
const LONGEST_ESTIMATE = 240;

/**
 * The most minutes casa-practice ever records for one finished scenario: minutesSpent caps every
 * playthrough at three times its scenario's estimate (or an hour, whichever is more), and no
 * scenario may estimate more than LONGEST_ESTIMATE. A record claiming more was not made by it.
 */
export const MAX_RECORD_MINUTES = Math.max(60, 3 * LONGEST_ESTIMATE);

/**
 * How much later than now a record's times may be and still be read: a day, for a clock set a
 * little wrong on the device that made it (ISO times carry their offset, so time zones need none).
 * A record dated later than that is not of practice done, and would count toward a year to come.
 */
export const FUTURE_SLACK_MS = 24 * 60 * 60_000;

/**
 * A best result's last completion as it is kept: the time written, or '' (none known) when it is
 * later than `now` (more than FUTURE_SLACK_MS) or not a time. A date still to come is of a clock
 * that was wrong once, not of practice done: kept, it would stay the scenario's last completion for
 * good (merging a backup keeps the later). The best result itself (its percentage and completions)
 * is kept, in the records file and in a backup alike: a wrong clock should not cost a volunteer
 * their progress.
 */
export function trustedLastCompleted(value: unknown, now: Date): string {
  return isCompletionTime(value) && Date.parse(value) <= now.getTime() + FUTURE_SLACK_MS ? value : '';
}

/**
 * How far a record's minutes may go past the time from its start to its end. On one device they
 * never do (the practice clock runs only inside that time); a save carried to another device in a
 * backup is finished by another clock, which may differ by a few minutes.
 */
const CLOCKS_SLACK_MINUTES = 10;

/**
 * What is wrong with a record's score, when it could not have come from a playthrough: more points
 * than the best total, or a percentage other than its points give (conduct.ts's percentOfBest, and
 * at most 50 after a critical violation, CRITICAL_CAP, when `capped` says it was lowered). A backup
 * edited to "30 of 27 points, 37%" was taken in as it stood.
 */
function scoreProblem(earned: number, best: number, percent: number, capped: boolean): string | undefined {
  if (best > 0 && earned > best) return `its score claims ${earned} points of a best total of ${best}`;
  const uncapped = best <= 0 ? 0 : Math.max(0, Math.min(100, Math.round((100 * earned) / best)));
  const fits = capped ? percent === 50 && uncapped > 50 : percent === uncapped;
  return fits ? undefined : `its score does not add up: ${earned} of ${best} points is ${uncapped}%${capped ? ' (50% after a critical violation)' : ''}, not ${percent}%`;
}

/** What is wrong with a record's times and minutes, when anything is: a date still to come, or more minutes than casa-practice could have recorded. */
function timeProblem(startedAt: string | undefined, completedAt: string, minutes: number | undefined, now: Date): string | undefined {
  const latest = now.getTime() + FUTURE_SLACK_MS;
  if (Date.parse(completedAt) > latest) return `its completion date, ${completedAt.slice(0, 10)}, is later than today`;
  if (startedAt !== undefined && Date.parse(startedAt) > latest) return `its start date, ${startedAt.slice(0, 10)}, is later than today`;
  if (minutes === undefined) return undefined;
  if (minutes > MAX_RECORD_MINUTES) return `it claims ${minutes} minutes, but casa-practice records at most ${MAX_RECORD_MINUTES} for one finished scenario`;
  if (startedAt === undefined) return undefined;
  const between = Math.max(1, Math.round((Date.parse(completedAt) - Date.parse(startedAt)) / 60_000));
  if (minutes > between + CLOCKS_SLACK_MINUTES) return `it claims ${minutes} minutes, but only ${between} passed from its start to its end`;
  return undefined;
}

/**
 * A completed practice that could not be read, named by what can still be read of it, for the
 * volunteer to tell which it is: its scenario's title (else its scenario id) and when it was finished,
 * on the local clock ("the practice of "What Kiara tells you" finished on 2026-03-01 at 10:00 a.m.");
 * by its place in the list (`index`, from 0) when its date cannot be read (or is before 2000), with
 * its title when that can be ("completed practice 2, of "…""), or alone when nothing of it can.
 * What is echoed is quoted with any control or invisible character shown escaped (quoteValue).
 */
export function damagedPracticeName(raw: unknown, index: number): string {
  const r = isObject(raw) ? raw : {};
  const named = typeof r.title === 'string' && !isBlank(r.title) ? r.title : typeof r.scenarioId === 'string' && !isBlank(r.scenarioId) ? r.scenarioId : undefined;
  const of = named === undefined ? '' : ` of ${quoteValue(named, 60)}`;
  const position = `completed practice ${index + 1}`;
  // A date before 2000 ("0000-01-01") is none casa-practice recorded: no help in finding the practice.
  const day = isCompletionTime(r.completedAt) ? localDate(r.completedAt) : '';
  if (!/^\d{4}-/.test(day) || Number(day.slice(0, 4)) < 2000) return `${position}${of ? `,${of}` : ''}`;
  return `the practice${of} finished on ${day} at ${localTime(r.completedAt as string)}`;
}

/**
 * A playthrough record checked field by field, its texts cleaned; or what is wrong with it, in words.
 * Records and backups are untrusted input: besides its shape, a record dated later than `now` (a
 * day's slack) or claiming more minutes than casa-practice records for one playthrough is refused
 * as damaged (never changed to fit: the volunteer's log says what was measured, or nothing).
 */
export function parsePlaythrough(raw: unknown, now = new Date()): PlaythroughRecord | { error: string } {
  if (!isObject(raw)) return { error: 'it is not an object' };
  const r = raw;
  if (typeof r.id !== 'string' || !UUID_PATTERN.test(r.id)) return { error: 'its id is not a UUID' };
  if (!isScenarioId(r.scenarioId)) return { error: typeof r.scenarioId === 'string' && r.scenarioId !== '' ? 'its scenario id is not one a scenario can have' : 'its scenario is not named' };
  if (!isCount(r.scenarioVersion)) return { error: 'its scenario version is not a whole number' };
  if (!isShortText(r.title, 400)) return { error: typeof r.title === 'string' && r.title.length > 400 ? 'its title is longer than 400 characters' : 'its title is missing' };
  if (r.mode !== 'practice' && r.mode !== 'assessment') return { error: 'its mode is neither practice nor assessment' };
  const badStart = r.startedAt === undefined ? undefined : timeTextProblem(r.startedAt, 'start');
  if (badStart) return { error: badStart };
  const badEnd = timeTextProblem(r.completedAt, 'completion');
  if (badEnd || !isIsoTime(r.completedAt)) return { error: badEnd ?? 'its completion time is not an ISO 8601 time' };
  if (r.minutes !== undefined && !(isCount(r.minutes) && r.minutes >= 1)) return { error: 'its minutes are not a whole number of at least 1' };
  if (r.seconds !== undefined && !isCount(r.seconds)) return { error: 'its seconds are not a whole number' };
  const wrongTime = timeProblem(r.startedAt as string | undefined, r.completedAt, r.minutes as number | undefined, now);
  if (wrongTime) return { error: wrongTime };
  // Both are written from the same measure: minutes that are not its seconds rounded were edited.
  if (r.seconds !== undefined && r.minutes !== minutesOfSeconds(r.seconds)) return { error: `its minutes (${r.minutes === undefined ? 'none' : String(r.minutes)}) are not its ${r.seconds} seconds rounded` };
  const s = r.score;
  if (!isObject(s) || !isNumber(s.earned) || !isNumber(s.best) || !isPercent(s.percent) || typeof s.capped !== 'boolean') return { error: 'its score is malformed' };
  const wrongScore = scoreProblem(s.earned, s.best, s.percent, s.capped);
  if (wrongScore) return { error: wrongScore };
  if (typeof r.band !== 'string' || !BANDS.includes(r.band)) return { error: 'its outcome band is unknown' };
  let ending: PlaythroughRecord['ending'];
  if (r.ending !== undefined) {
    if (!isObject(r.ending) || !isShortText(r.ending.id) || typeof r.ending.kind !== 'string' || !ENDINGS.includes(r.ending.kind)) return { error: 'its ending is malformed' };
    ending = { id: cleanLine(r.ending.id), kind: r.ending.kind as EndingKind };
  }
  if (!Array.isArray(r.decisions) || r.decisions.length > 1000) return { error: 'its decisions are not a list' };
  const decisions: DecisionRecord[] = [];
  for (const [i, d] of r.decisions.entries()) {
    const bad = { error: `its decision ${i + 1} is malformed` };
    if (!isObject(d) || !isShortText(d.nodeId) || !isShortText(d.replyId) || !isNumber(d.points) || !isNumber(d.bestPoints) || !Array.isArray(d.assessments) || (d.bestPractice !== undefined && typeof d.bestPractice !== 'boolean')) return bad;
    const assessments: DecisionRecord['assessments'] = [];
    for (const a of d.assessments as unknown[]) {
      if (!isObject(a) || !isShortText(a.principle) || (a.verdict !== 'follows' && a.verdict !== 'violates') || !isCount(a.weight)) return bad;
      assessments.push({ principle: cleanLine(a.principle), verdict: a.verdict, weight: a.weight });
    }
    decisions.push({ nodeId: cleanLine(d.nodeId), replyId: cleanLine(d.replyId), points: d.points, bestPoints: d.bestPoints, ...(d.bestPractice !== undefined ? { bestPractice: d.bestPractice } : {}), assessments });
  }
  if (!Array.isArray(r.principles) || r.principles.length > 1000) return { error: 'its principles are not a list' };
  const principles: PrincipleRecord[] = [];
  for (const [i, p] of r.principles.entries()) {
    if (!isObject(p) || !isShortText(p.principleId) || typeof p.status !== 'string' || !STATUSES.includes(p.status) || !isCount(p.followed) || !isCount(p.violated) || !isCount(p.missed) || (p.missedBelowBest !== undefined && !isCount(p.missedBelowBest))) {
      return { error: `its principle ${i + 1} is malformed` };
    }
    principles.push({
      principleId: cleanLine(p.principleId), status: p.status as PrincipleRecord['status'], followed: p.followed, violated: p.violated, missed: p.missed,
      ...(p.missedBelowBest !== undefined ? { missedBelowBest: p.missedBelowBest } : {}),
    });
  }
  return {
    id: r.id,
    scenarioId: r.scenarioId,
    scenarioVersion: r.scenarioVersion,
    // A fingerprint of another shape is left out, not the playthrough: it only finds the scenario's words again.
    ...(typeof r.scenarioHash === 'string' && FINGERPRINT_PATTERN.test(r.scenarioHash) ? { scenarioHash: r.scenarioHash } : {}),
    title: cleanLine(r.title),
    // Another form is left out, not the playthrough: it only names who the statements are about.
    ...(typeof r.learner === 'string' && UUID_PATTERN.test(r.learner) ? { learner: r.learner } : {}),
    mode: r.mode,
    ...(r.startedAt !== undefined ? { startedAt: r.startedAt as string } : {}),
    completedAt: r.completedAt,
    ...(r.minutes !== undefined ? { minutes: r.minutes as number } : {}),
    ...(r.seconds !== undefined ? { seconds: r.seconds } : {}),
    score: { earned: s.earned, best: s.best, percent: s.percent, capped: s.capped },
    band: r.band as OutcomeBand,
    ...(ending ? { ending } : {}),
    decisions,
    principles,
  };
}

/**
 * Why a records text could not be used, or the records in it (repaired: malformed entries left out).
 * `unreadable`: how many playthroughs were left out as malformed (duplicates are not counted), and why the first was;
 * `unreadableBest`: the same for best results by scenario (see bestResultProblem);
 * `repeated`: a key written twice in one object of the text (the first it holds): JSON.parse read
 * only the last of them, so what the earlier one held is not in `file` (parseRecordsFile only).
 */
export type RecordsParse = { ok: true; file: RecordsFile; migratedFrom?: number; unreadable?: { count: number; first: string }; unreadableBest?: { count: number; first: string }; repeated?: string } | { ok: false; error: string; newer?: number };

/**
 * Reads a records text of any version this code knows. Format 1 (before playthroughs were kept) was
 * the bare object of best results by scenario id; it is read as format 2 with no playthroughs.
 */
export function parseRecordsFile(text: string, now = new Date()): RecordsParse {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, error: 'it is not valid JSON' };
  }
  const parsed = parseRecordsValue(raw, now);
  // "playthroughs" written twice (two records files joined by hand): read as it stands, the earlier
  // list was not read, and the next write dropped it from the file without a word.
  const repeated = parsed.ok && mayRepeatKeys(text, raw) ? repeatedKey(text) : undefined;
  return repeated === undefined || !parsed.ok ? parsed : { ...parsed, repeated };
}

/** `parseRecordsFile` for a value already parsed from JSON. `now`: see parsePlaythrough. */
export function parseRecordsValue(raw: unknown, now = new Date()): RecordsParse {
  if (!isObject(raw)) return { ok: false, error: 'it is not a records object' };
  if (typeof raw.format !== 'string') {
    // A later format whose name was lost (or edited away) is not format 1: its lists would be read as scenario ids.
    if ('playthroughs' in raw || 'formatVersion' in raw) return { ok: false, error: 'its format is not named' };
    // Format 1: { [scenarioId]: { bestPercent, completions, lastCompleted } }.
    const { best, unreadable } = parseBest(raw, now);
    return { ok: true, file: { format: 'casa-practice-records', formatVersion: 2, best, playthroughs: [] }, migratedFrom: 1, ...(unreadable ? { unreadableBest: unreadable } : {}) };
  }
  if (raw.format !== 'casa-practice-records') return { ok: false, error: 'it is not a casa-practice records file' };
  // Written by a newer version of casa-practice (an old tab left open after an update, a terminal
  // not yet updated): not damaged, only not readable here. Said as such, and never set aside.
  if (typeof raw.formatVersion === 'number' && Number.isSafeInteger(raw.formatVersion) && raw.formatVersion > RECORDS_FORMAT_VERSION) {
    return { ok: false, error: `it was written by a newer version of casa-practice (records format ${raw.formatVersion})`, newer: raw.formatVersion };
  }
  if (raw.formatVersion !== RECORDS_FORMAT_VERSION) {
    // Quoted, with any control or invisible character shown escaped: cleaned, "\u001b[2J" read as "records format ,".
    return { ok: false, error: `it uses records format ${quoteValue(raw.formatVersion, 20)}, which this version of casa-practice does not read` };
  }
  // Either written as something else than a list or an object: the whole file is set aside, as an
  // unreadable one is, rather than read as empty and written over on the next finish.
  if (raw.playthroughs !== undefined && !Array.isArray(raw.playthroughs)) return { ok: false, error: 'its list of finished scenarios is not a list' };
  if (raw.best !== undefined && !isObject(raw.best)) return { ok: false, error: 'its best results are not a table of scenarios' };
  const { best, unreadable: unreadableBest } = isObject(raw.best) ? parseBest(raw.best, now) : { best: Object.create(null) as Records, unreadable: undefined };
  const seen = new Set<string>();
  const playthroughs: PlaythroughRecord[] = [];
  let unreadable: { count: number; first: string } | undefined;
  for (const [i, p] of (Array.isArray(raw.playthroughs) ? raw.playthroughs : []).entries()) {
    const parsed = parsePlaythrough(p, now);
    if ('error' in parsed) {
      unreadable = { count: (unreadable?.count ?? 0) + 1, first: unreadable?.first ?? `${damagedPracticeName(p, i)}: ${parsed.error}` };
      continue;
    }
    if (seen.has(parsed.id)) continue;
    seen.add(parsed.id);
    playthroughs.push(parsed);
  }
  const learner = typeof raw.learner === 'string' && UUID_PATTERN.test(raw.learner) ? raw.learner : undefined;
  return { ok: true, file: { format: 'casa-practice-records', formatVersion: 2, ...(learner ? { learner } : {}), best, playthroughs }, ...(unreadable ? { unreadable } : {}), ...(unreadableBest ? { unreadableBest } : {}) };
}

/**
 * The best results in a records text (either format), repaired: entries that are not well-formed are
 * left out. Undefined when the text is not a records file at all (then the caller moves it aside).
 */
export function parseRecords(text: string): Records | undefined {
  const parsed = parseRecordsFile(text);
  return parsed.ok ? parsed.file.best : undefined;
}

/**
 * The records as a file text (format 2): indented, or compact when indented (about 1.6 times the
 * size) it would pass `maxBytes`, the most the store reads back (Store.maxBytes). Indented, records
 * of about 45,000 practices read at 56.7 MB were written back at 88.9 MB, past the terminal's 64 MB
 * limit: the next read set them aside and the volunteer's records seemed to start over.
 */
/** The most bytes the records may take in `store`: its room for them when it counts all it holds, else its limit per value. */
export function recordsRoom(store: Pick<Store, 'maxBytes' | 'roomFor'>): number | undefined {
  return store.roomFor?.(RECORDS_KEY) ?? store.maxBytes;
}

export function recordsText(file: RecordsFile, maxBytes?: number): string {
  const indented = `${JSON.stringify(file, null, 2)}\n`;
  return maxBytes !== undefined && utf8Length(indented) > maxBytes ? `${JSON.stringify(file)}\n` : indented;
}

/** The UTF-8 length of a string (without TextEncoder or Buffer: the core needs no DOM or Node types). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * Reads the records file; a file that cannot be understood is moved aside (never overwritten) with a
 * notice. So is a file with completed playthroughs that cannot be read (written by a newer version,
 * or edited by hand): the next write would drop them silently, so the file as it was is moved aside
 * and the readable part written back at once, with a notice. `untouchable`: the file is still where
 * it was, the only copy of what it holds (it could not be read, or could not be moved aside), so
 * it must not be written over: no caller writes the records then.
 */
export function readRecordsFile(store: Store, now = new Date()): { file: RecordsFile; notice?: string; setAside?: RecordsSetAside; untouchable?: true; newer?: number } {
  const empty = (): RecordsFile => ({ format: 'casa-practice-records', formatVersion: 2, best: Object.create(null) as Records, playthroughs: [] });
  let text: string | undefined;
  try {
    text = store.read(RECORDS_KEY);
  } catch (e) {
    const why = cleanLine((e as Error).message);
    // A named pipe, a device or a folder where the records belong holds nothing finished: the next
    // write replaces it (a folder refuses, and the finish is said not to be recorded). The store says
    // why of "it", the file: said of the records, "their file" ("it" had nothing to refer to).
    if ((e as { holdsNoData?: unknown }).holdsNoData === true) return { file: empty(), notice: `Your completion records could not be read (${why.replace(/^it is /, 'their file is ')}).` };
    // A file that cannot be read (permissions, a disk error) may hold practice: it is moved aside like
    // damaged records, so new records can start beside it; left where it was, it is the only copy of
    // what it holds and is never written over (`untouchable`).
    // Said as records set aside are (setAside), so that a UI words where they are itself.
    const setAside: RecordsSetAside = { movedTo: store.moveAside(RECORDS_KEY, now), why, cannotRead: true };
    return { file: empty(), notice: recordsSetAsideNotice(setAside), setAside, ...(leftWhereItWas(setAside.movedTo) ? { untouchable: true as const } : {}) };
  }
  if (text === undefined) return { file: empty() };
  const parsed = parseRecordsFile(text, now);
  if (parsed.ok && (parsed.unreadable || parsed.unreadableBest || parsed.repeated !== undefined)) {
    // Left out here, the unreadable entries would be gone at the next write without a word: the file
    // as it was is kept aside, and the readable part written back.
    const best = parsed.unreadableBest?.count;
    const setAside: RecordsSetAside = {
      movedTo: store.moveAside(RECORDS_KEY, now),
      why: parsed.unreadable?.first ?? parsed.unreadableBest?.first ?? (parsed.repeated === undefined ? undefined : `${quoteValue(parsed.repeated, 40)} is written twice in it, and only the last was read`),
      partly: { unreadable: parsed.unreadable?.count ?? 0, kept: parsed.file.playthroughs.length, ...(best ? { best } : {}) },
      ...(parsed.repeated !== undefined ? { repeated: parsed.repeated } : {}),
    };
    // Not moved aside, the file is the only copy of the unreadable part: it is not written over.
    if (leftWhereItWas(setAside.movedTo)) return { file: parsed.file, notice: recordsSetAsideNotice(setAside), setAside, untouchable: true };
    store.write(RECORDS_KEY, recordsText(parsed.file, recordsRoom(store)));
    return { file: parsed.file, notice: recordsSetAsideNotice(setAside), setAside };
  }
  if (parsed.ok) return { file: parsed.file };
  // A newer version's records are left as they are: not moved aside, not written over, and no new
  // records started beside them (what is finished meanwhile is not recorded: see RecordsRead.newer).
  if (parsed.newer !== undefined) return { file: empty(), notice: recordsNewerNotice(parsed.newer), untouchable: true, newer: parsed.newer };
  const setAside: RecordsSetAside = { movedTo: store.moveAside(RECORDS_KEY, now), ...(parsed.error.startsWith('it uses records format') || parsed.error.startsWith('its ') ? { why: ofTheRecords(parsed.error) } : {}) };
  return { file: empty(), notice: recordsSetAsideNotice(setAside), setAside, ...(leftWhereItWas(setAside.movedTo) ? { untouchable: true as const } : {}) };
}

/**
 * A whole-file parse error ("its best results are …", "it uses records format …", said of the file)
 * worded of the records, as the set-aside notice names them: "Your completion records were damaged
 * (their best results are …)", where "its" had nothing to refer to.
 */
function ofTheRecords(error: string): string {
  return error.replace(/^its /, 'their ').replace(/^it uses /, 'they use ');
}

/**
 * Reads the records. A file that cannot be understood is moved aside (never overwritten) and
 * reported in one line, the same rule as for a damaged save.
 */
export function readRecords(store: Store, now = new Date()): RecordsRead {
  // Under the records' lock: a partly damaged file is written back at once (see readRecordsFile).
  const read = exclusively(store, RECORDS_KEY, () => readRecordsFile(store, now));
  const { file } = read;
  return { records: file.best, playthroughs: file.playthroughs, ...(file.learner ? { learner: file.learner } : {}), ...problemOf(read) };
}

/** The records with one more completion of a scenario, keeping the best percentage. */
export function mergeCompletion(records: Records, scenarioId: string, percent: number, now = new Date()): Records {
  const old = Object.hasOwn(records, scenarioId) ? records[scenarioId] : undefined;
  return {
    ...records,
    [scenarioId]: {
      bestPercent: Math.max(Math.min(100, Math.max(0, percent)), old?.bestPercent ?? 0),
      // At most MAX_COMPLETIONS, which the records' own check allows (one more would set them aside).
      completions: Math.min(MAX_COMPLETIONS, (old?.completions ?? 0) + 1),
      lastCompleted: now.toISOString(),
    },
  };
}

/** Adds one completed playthrough to the stored best results only (no playthrough kept); returns the records with any repair notice. */
export function recordCompletion(store: Store, scenarioId: string, percent: number, now = new Date()): RecordsRead {
  const { read, file } = exclusively(store, RECORDS_KEY, () => {
    const read = readRecordsFile(store, now);
    const file: RecordsFile = { ...read.file, best: mergeCompletion(read.file.best, scenarioId, percent, now) };
    // Never over a file that could not be read or moved aside: the only copy of what it holds.
    if (!read.untouchable) store.write(RECORDS_KEY, recordsText(file, recordsRoom(store)));
    return { read, file };
  });
  return { records: file.best, playthroughs: file.playthroughs, ...(file.learner ? { learner: file.learner } : {}), ...problemOf(read) };
}

/** What a UI knows about a playthrough beyond its debrief. */
export interface PlaythroughDetails {
  mode?: SessionMode;
  /** ISO time the playthrough started (the save keeps it across reloads). */
  startedAt?: string;
  /**
   * Milliseconds actually spent, when the UI measured it (e.g. without breaks or hidden-tab time).
   * Without it, the time from `startedAt` to the end is used, at most 3× the scenario's estimate.
   */
  activeMs?: number;
  /** Random bytes for the record's id: `(b) => crypto.getRandomValues(b)`. */
  randomBytes?: RandomBytes;
}

/**
 * Whole seconds spent on a playthrough: the measured time when given (the time from start to end
 * less the breaks taken), otherwise the time from start to end. Either can be inflated by a session
 * left open or resumed days later, so it is capped at three times the scenario's estimate (or 1 hour,
 * whichever is more). Undefined when nothing is known. Never raised to a minute: a test run of a few
 * seconds counts those seconds, no more.
 */
export function secondsSpent(estimatedMinutes: number, now: Date, details: Pick<PlaythroughDetails, 'startedAt' | 'activeMs'>): number | undefined {
  let ms = details.activeMs;
  const cap = Math.max(60, 3 * estimatedMinutes);
  if (ms === undefined && details.startedAt !== undefined) ms = now.getTime() - Date.parse(details.startedAt);
  if (ms === undefined || !Number.isFinite(ms) || ms < 0) return undefined;
  return Math.min(cap * 60, Math.round(ms / 1000));
}

/** secondsSpent in whole minutes, to the nearest (0 for under 30 seconds). */
export function minutesSpent(estimatedMinutes: number, now: Date, details: Pick<PlaythroughDetails, 'startedAt' | 'activeMs'>): number | undefined {
  const seconds = secondsSpent(estimatedMinutes, now, details);
  return seconds === undefined ? undefined : Math.round(seconds / 60);
}

/** The minutes a record keeps for its seconds: rounded to the nearest, left out under 30 seconds (see PlaythroughRecord.minutes). */
function minutesOfSeconds(seconds: number): number | undefined {
  const minutes = Math.round(seconds / 60);
  return minutes >= 1 ? minutes : undefined;
}

/**
 * The seconds a record counts toward a total: those measured, or for a record made before they were
 * kept its whole minutes; undefined when no time was recorded. Totals add these and round only the
 * sum (certificateData), the same in every app.
 */
export function recordSeconds(record: Pick<PlaythroughRecord, 'minutes' | 'seconds'>): number | undefined {
  return record.seconds ?? (record.minutes === undefined ? undefined : record.minutes * 60);
}

/** The record of a finished playthrough, built from its debrief. */
export function playthroughRecord(scenario: Pick<Scenario, 'id' | 'version' | 'title' | 'estimatedMinutes'> & Partial<Scenario>, debrief: Debrief, details: PlaythroughDetails = {}, now = new Date()): PlaythroughRecord {
  const seconds = secondsSpent(scenario.estimatedMinutes, now, details);
  const minutes = seconds === undefined ? undefined : minutesOfSeconds(seconds);
  // A start time from another device's clock (a save carried in a backup) can disagree with the
  // minutes measured and this clock's end: it is left out rather than make a record parsePlaythrough
  // would refuse. The minutes measured are kept as they are.
  const completedAt = now.toISOString();
  const startedAt = details.startedAt !== undefined && timeTextProblem(details.startedAt, 'start') === undefined && timeProblem(details.startedAt, completedAt, minutes, now) === undefined ? details.startedAt : undefined;
  return {
    id: randomUuid(details.randomBytes ?? weakRandomBytes),
    scenarioId: scenario.id,
    scenarioVersion: scenario.version,
    // Only of a whole scenario (one with its nodes): a fingerprint of part of one matches nothing.
    ...(Array.isArray(scenario.nodes) ? { scenarioHash: scenarioFingerprint(scenario) } : {}),
    title: cleanLine(scenario.title),
    mode: details.mode ?? 'practice',
    ...(startedAt !== undefined ? { startedAt } : {}),
    completedAt,
    ...(minutes !== undefined ? { minutes } : {}),
    ...(seconds !== undefined ? { seconds } : {}),
    score: { ...debrief.score },
    band: debrief.outcome.band,
    ...(debrief.ending ? { ending: { id: debrief.ending.id, kind: debrief.ending.kind } } : {}),
    decisions: debrief.turns.map((t) => ({
      nodeId: t.nodeId,
      replyId: t.replyId,
      points: t.value,
      bestPoints: t.bestValue,
      bestPractice: t.sameAsBest,
      assessments: t.turn.assessments.map((a) => ({ principle: a.principle, verdict: a.verdict, weight: a.weight ?? 1 })),
    })),
    principles: debrief.principles.map((p) => ({ principleId: p.principleId, status: p.status, followed: p.followed, violated: p.violated, missed: p.missed, missedBelowBest: p.missedBelowBest })),
  };
}

/**
 * Adds a finished playthrough to the stored records: the best result for its scenario and the
 * playthrough itself (once: a record already there is not added again). Draws the anonymous
 * learner id the first time.
 */
export function recordPlaythrough(store: Store, record: PlaythroughRecord, randomBytes: RandomBytes = weakRandomBytes, now = new Date()): RecordsRead {
  // Read, add and write under the records' lock, so that another process doing the same at this
  // moment (a second terminal finishing) neither drops this playthrough nor has its own dropped.
  const { read, file } = exclusively(store, RECORDS_KEY, () => {
    const read = readRecordsFile(store, now);
    const known = read.file.playthroughs.some((p) => p.id === record.id);
    const file: RecordsFile = {
      format: 'casa-practice-records',
      formatVersion: 2,
      // Records with practice but no id of their own were named, at any export, by the id derived
      // from their oldest playthrough: they keep it (a new random one renamed every statement
      // exported before). Only records with no practice yet draw one.
      learner: read.file.learner ?? (read.file.playthroughs.length > 0 ? learnerOf(undefined, read.file.playthroughs) : randomUuid(randomBytes)),
      best: known ? read.file.best : mergeCompletion(read.file.best, record.scenarioId, record.score.percent, new Date(record.completedAt)),
      playthroughs: known ? read.file.playthroughs : [...read.file.playthroughs, record],
    };
    // Never over a file that could not be read or moved aside: the only copy of what it holds.
    if (!read.untouchable) store.write(RECORDS_KEY, recordsText(file, recordsRoom(store)));
    return { read, file };
  });
  return { records: file.best, playthroughs: file.playthroughs, learner: file.learner, ...problemOf(read) };
}

/**
 * The anonymous learner id an export names the records by (learnerOf), kept in the records from now
 * on: records without an id of their own are named by the id derived from their oldest playthrough,
 * which older practice added later (put back by another tab, or finished in a tab whose records could
 * not be written then) would change, renaming every statement exported before. The derived id is
 * written into the records the first time it is given out, under the records' lock. Undefined when
 * it cannot be kept: the records hold no practice (nothing is named), or are damaged and left as
 * they were (never written over); the caller names them by learnerOf of what it shows, as before.
 */
export function keepLearner(store: Store, now = new Date()): string | undefined {
  return exclusively(store, RECORDS_KEY, () => {
    const read = readRecordsFile(store, now);
    if (read.file.learner !== undefined) return read.file.learner;
    if (read.untouchable || read.file.playthroughs.length === 0) return undefined;
    const learner = learnerOf(undefined, read.file.playthroughs);
    store.write(RECORDS_KEY, recordsText({ ...read.file, learner }, recordsRoom(store)));
    return learner;
  });
}

/**
 * Adds again, in one write, any of `mine` (playthroughs this UI recorded) that the stored records
 * no longer hold; returns how many. A browser keeps a copy of its storage in each tab and passes
 * changes on a moment later, so another tab finishing or loading a backup at the same time can write
 * the records from a copy made before this tab's playthrough was added, and leave it out. The tab
 * that recorded it calls this when it hears that the records changed. Nothing is written when none
 * is missing, so two tabs doing this settle at once.
 */
export function restorePlaythroughs(store: Store, mine: readonly PlaythroughRecord[], now = new Date()): number {
  return exclusively(store, RECORDS_KEY, () => restoreUnlocked(store, mine, now));
}

function restoreUnlocked(store: Store, mine: readonly PlaythroughRecord[], now: Date): number {
  const read = readRecordsFile(store, now);
  // Nothing is added to a file that must not be written over (see readRecordsFile).
  if (read.untouchable) return 0;
  const known = new Set(read.file.playthroughs.map((p) => p.id));
  const missing = mine.filter((p) => !known.has(p.id));
  if (missing.length === 0) return 0;
  let best = read.file.best;
  for (const p of missing) best = mergeCompletion(best, p.scenarioId, p.score.percent, new Date(p.completedAt));
  const playthroughs = [...read.file.playthroughs, ...missing].sort((a, b) => a.completedAt.localeCompare(b.completedAt));
  store.write(RECORDS_KEY, recordsText({ ...read.file, best, playthroughs }, recordsRoom(store)));
  return missing.length;
}

/**
 * The record of a finished playthrough that the stored records did not take, or undefined: the
 * records file is damaged and was left as it was (it could not be moved aside, see readRecordsFile's
 * `untouchable`), so nothing was written over it. A UI keeps such records for the session
 * (see readRecordsKeeping). `finished`: what finishPlaythrough returned.
 */
export function unwrittenRecord(finished: { unsaved?: true; recorded: PlaythroughRecord } | { behind: true } | undefined): PlaythroughRecord | undefined {
  return finished !== undefined && !('behind' in finished) && finished.unsaved === true ? finished.recorded : undefined;
}

/**
 * The records, with the playthroughs this session finished that they did not take (`unwritten`:
 * unwrittenRecord's, kept by the UI in memory). While the records file is damaged and left as it
 * was, it is read as it is each time: its readable part and its notice, with these added to what is
 * shown (never written over it). Once the records can be written again (the file repaired or moved
 * aside), these are written into them and `unwritten` is emptied.
 */
export function readRecordsKeeping(store: Store, unwritten: PlaythroughRecord[], now = new Date()): RecordsRead {
  const read = readRecords(store, now);
  if (unwritten.length === 0) return read;
  if (read.unsaved === true) return withUnwritten(read, unwritten);
  restorePlaythroughs(store, unwritten, now);
  // The notice of the read that repaired the file (moved it aside) is the news; this read has none.
  const after = readRecords(store, now);
  const said = { ...(read.notice ? { notice: read.notice } : {}), ...(read.setAside ? { setAside: read.setAside } : {}) };
  if (after.unsaved === true) return { ...withUnwritten(after, unwritten), ...said };
  unwritten.splice(0);
  return { ...after, ...said };
}

/** `read` with the playthroughs of `unwritten` it does not hold added, and their best results. */
function withUnwritten(read: RecordsRead, unwritten: readonly PlaythroughRecord[]): RecordsRead {
  const { best, playthroughs } = addPlaythroughs({ best: read.records, playthroughs: read.playthroughs }, unwritten);
  return { ...read, records: best, playthroughs };
}

/** Records (best results and playthroughs) with those of `more` they do not hold added, and their best results (unwrittenRecord's, for a backup). */
export function addPlaythroughs<T extends Pick<RecordsFile, 'best' | 'playthroughs'>>(file: T, more: readonly PlaythroughRecord[]): T {
  const known = new Set(file.playthroughs.map((p) => p.id));
  const missing = more.filter((p) => !known.has(p.id));
  if (missing.length === 0) return file;
  let best = file.best;
  for (const p of missing) best = mergeCompletion(best, p.scenarioId, p.score.percent, new Date(p.completedAt));
  return { ...file, best, playthroughs: [...file.playthroughs, ...missing] };
}

/**
 * The practice a playthrough record is of, for telling one practice recorded twice from two: its
 * scenario and the time it started, which a save keeps from the first step through every sitting
 * and carries in a backup (SaveSlot.startedAt). One save finished in two places (a backup loaded in
 * another browser, and the scenario finished there and here) makes two records, each with its own
 * id and finish, that are one practice: the time before the backup is in both. Without a start
 * time, its finish stands in (a copy given a new id has the same). Times compared as times.
 */
export function practiceOf(p: Pick<PlaythroughRecord, 'scenarioId' | 'startedAt' | 'completedAt'>): string {
  const started = p.startedAt === undefined ? Number.NaN : Date.parse(p.startedAt);
  return Number.isNaN(started) ? `${p.scenarioId}\u0000finished\u0000${p.completedAt}` : `${p.scenarioId}\u0000started\u0000${started}`;
}

/**
 * Two sets of records made one, as loading a backup merges it into the records here (importBackup)
 * and as a tab's records held unwritten are written back beside another tab's (recordsWriteBack):
 * `here`'s playthroughs, then those of `more` it does not hold, sorted by when they were finished.
 * Held already: one of the same id, or one of the same practice (practiceOf: the same scenario
 * started at the same time). A copy given a new id (started and finished at the same times) counted
 * its minutes twice; so did one save finished in two browsers, whose time before the backup was in
 * both records. Of one practice the record here is kept (nothing here is removed) and `more`'s left
 * out: its own time after the backup is not counted, rather than the time before it twice (the rule
 * two windows on one save keep: SaveHold). `sameProgress`: how many of `more`'s were left out so, as
 * a practice here finished at another time (a copy of the same finish is simply held already).
 * By scenario, the best percentage of either is kept, the larger count
 * of completions (two devices cannot be told from one backed up twice: never a sum) and the later
 * last completion. The learner: `here`'s, else the one its playthroughs were named by, else
 * `more`'s; a playthrough of `more` named otherwise keeps that name (PlaythroughRecord.learner), so
 * that its xAPI statements never change actor. `added`: how many of `more`'s playthroughs were new.
 */
export function mergeRecordsFiles(here: RecordsFile, more: Pick<RecordsFile, 'learner' | 'best' | 'playthroughs'>): { file: RecordsFile; added: number; sameProgress: number } {
  const known = new Set(here.playthroughs.map((p) => p.id));
  // Each practice held, with when it was finished (a copy of the same finish is no news).
  const practices = new Map(here.playthroughs.map((p) => [practiceOf(p), p.completedAt] as const));
  let sameProgress = 0;
  const incoming = more.playthroughs.filter((p) => {
    if (known.has(p.id)) return false;
    const finished = practices.get(practiceOf(p));
    if (finished !== undefined) {
      if (Date.parse(finished) !== Date.parse(p.completedAt)) sameProgress++;
      return false;
    }
    known.add(p.id);
    practices.set(practiceOf(p), p.completedAt);
    return true;
  });
  // Whom a playthrough's xAPI statements name never changes (their ids are derived from the
  // playthrough's alone, and a learning record store refuses an id it has with another actor): each
  // keeps the learner its records named it by (learnerOf: the records' id, or for records without
  // one the id derived from their oldest playthrough). `here` keeps theirs; records with none take
  // the one their playthroughs were already named by, and only records with no practice yet take
  // `more`'s (a browser cleared, or a second device, restored: the volunteer is the same learner).
  const learner = here.learner ?? (here.playthroughs.length > 0 ? learnerOf(undefined, here.playthroughs) : undefined) ?? more.learner ??
    (more.playthroughs.length > 0 ? learnerOf(undefined, more.playthroughs) : undefined);
  const theirs = learnerOf(more.learner, more.playthroughs);
  const named = incoming.map((p) => (p.learner === undefined && theirs !== learner ? { ...p, learner: theirs } : p));
  const playthroughs = [...here.playthroughs, ...named].sort((a, b) => a.completedAt.localeCompare(b.completedAt));
  // Each scenario's playthroughs summed up in one pass: looked for among all of them once per
  // scenario, a backup of 30,000 practices each of its own scenario (8 MB) held the tab for seconds.
  const played = new Map<string, { percent: number; count: number; last: string }>();
  for (const p of playthroughs) {
    const seen = played.get(p.scenarioId);
    if (!seen) played.set(p.scenarioId, { percent: p.score.percent, count: 1, last: p.completedAt });
    else {
      seen.percent = Math.max(seen.percent, p.score.percent);
      seen.count++;
      if (p.completedAt > seen.last) seen.last = p.completedAt;
    }
  }
  const best: Records = Object.create(null) as Records;
  for (const id of new Set([...Object.keys(here.best), ...Object.keys(more.best), ...played.keys()])) {
    const a = Object.hasOwn(here.best, id) ? here.best[id] : undefined;
    const b = Object.hasOwn(more.best, id) ? more.best[id] : undefined;
    const mine = played.get(id);
    const bestPercent = Math.max(a?.bestPercent ?? 0, b?.bestPercent ?? 0, mine?.percent ?? 0);
    const completions = Math.max(a?.completions ?? 0, b?.completions ?? 0, mine?.count ?? 0);
    const lastCompleted = [a?.lastCompleted ?? '', b?.lastCompleted ?? '', mine?.last ?? ''].sort().at(-1) ?? '';
    best[id] = { bestPercent, completions, lastCompleted };
  }
  return { file: { format: 'casa-practice-records', formatVersion: 2, ...(learner ? { learner } : {}), best, playthroughs }, added: incoming.length, sameProgress };
}

/**
 * What to write under the records' key for records a UI held unwritten (a write refused for want of
 * room, kept in memory) once there may be room: `stored` is what is there now, which another tab or
 * process may have written since (a scenario finished there, a backup loaded). Written as they were
 * held, the records dropped that practice; merged (mergeRecordsFiles: what is stored first, then what
 * was held; best results and completions kept), nothing is lost. The held text as it is when nothing
 * is stored, or when it is not records at all (then it is not this function's to judge); `damaged`
 * when what is stored cannot be read whole (a records file damaged, or with entries that cannot be
 * read): it is the only copy of what it holds, so the caller sets it aside before writing; `newer`
 * when it was written by a newer version of casa-practice: the caller writes nothing. Written
 * compact when indented it would pass `maxBytes` (recordsText).
 */
export function recordsWriteBack(stored: string | undefined, held: string, now = new Date(), maxBytes?: number): string | 'damaged' | 'newer' {
  if (stored === undefined || stored === held) return held;
  const mine = parseRecordsFile(held, now);
  if (!mine.ok) return held;
  const there = parseRecordsFile(stored, now);
  // A newer version's records are neither set aside nor written over (see RecordsRead.newer).
  if (!there.ok && there.newer !== undefined) return 'newer';
  if (!there.ok || there.unreadable || there.unreadableBest || there.repeated !== undefined) return 'damaged';
  return recordsText(mergeRecordsFiles(there.file, mine.file).file, maxBytes);
}
