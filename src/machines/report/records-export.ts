import { countWords } from '../text/first-few.js';
import { recordSeconds, type PlaythroughRecord } from '../progress/records.js';
import type { SessionMode } from '../types.js';
import { PRACTICE_IDLE_MS } from '../progress/clock.js';
import { cleanLine, isBlank } from '../text/clean.js';
import { localDate, localTime, localYear } from '../progress/local-clock.js';

// On the local clock (progress/local-clock.ts, where the records' own messages date a practice too).
export { localDate, localTime, localYear };
import { BAND_LABELS } from './words.js';

/** The in-service hours a CASA volunteer logs each year (about 12: shared/guidance/context.md, from CASA programs' public pages). */
export const IN_SERVICE_HOURS_PER_YEAR = 12;

/**
 * Which year a total counts, said beside IN_SERVICE_CREDIT. The totals are by calendar year on the
 * volunteer's own clock (certificateData, localDate); neither the guide nor context.md says over
 * which year a program counts its in-service hours, and some count a program year: "about 12 hours
 * a year" beside "in 2026" read as if the two were the same year. Said, with where the dates are.
 */
export const CALENDAR_YEAR_WORDS = 'The totals here are by calendar year, 1 January to 31 December on this device\'s clock; if your program counts its in-service year otherwise, the date of each finished scenario is listed, to add up the ones that count.';

/**
 * What the record is and is not, in the volunteer's words, beside a total. The guide says nothing of
 * in-service hours; CASA programs' public pages say volunteers complete about 12 a year, that many
 * accept online training toward them and ask volunteers to log them. So the tool keeps a log and
 * claims no credit: whether its practice counts is the Advocate Supervisor's decision.
 */
export const IN_SERVICE_CREDIT = `This is your own log, kept by casa-practice: it is not in-service credit by itself. CASA volunteers complete about ${IN_SERVICE_HOURS_PER_YEAR} hours of in-service training a year; ask your Advocate Supervisor whether this practice counts toward yours. ${CALENDAR_YEAR_WORDS}`;

/** The same, on the certificate, for the Advocate Supervisor who receives it. */
export const CERTIFICATE_CREDIT = `This record was made by the volunteer's own copy of casa-practice, from the practice it measured; it is not in-service credit by itself. Whether this practice counts toward the volunteer's in-service hours (about ${IN_SERVICE_HOURS_PER_YEAR} a year) is for their Advocate Supervisor to decide.`;

/**
 * What the web app's total of finished practice counts, in the words My records shows beside it
 * (the terminal's are TERMINAL_COUNTING). It said "Practice done in the terminal and loaded here…",
 * which a volunteer who knew only the web app could not place: it says in plain words that each
 * app keeps its own records, and what the terminal is. (Both UIs keep
 * time by the core's practiceClock: a resumed save counts by its `activeMs`, and idle time after
 * PRACTICE_IDLE_MS without input is left out; the web app also leaves out breaks and hidden-page
 * time, which the terminal does not have: a terminal total would need words of its own for those.)
 * In three parts: My records keeps whose practice it is (IN_SERVICE_COUNTING_OWN) in view and folds
 * the timing rules (this, then IN_SERVICE_COUNTING_TERMINAL); IN_SERVICE_COUNTING is all of it.
 */
export const IN_SERVICE_COUNTING_TIMING = `This total counts every scenario you finish, each time you finish it, in practice or assessment mode, with the minutes you spent in it. Time on a break, or with the scenario closed or in a tab you are not looking at, does not count, nor does a scenario left unfinished or a what-if replay. If ${PRACTICE_IDLE_MS / 60_000} minutes pass with no key press, click, tap or mouse movement, those ${PRACTICE_IDLE_MS / 60_000} minutes count (for reading and thinking) but the time after them does not, until your next key press, click, tap or mouse movement. Each finish keeps the seconds spent, and only the total is rounded down to minutes: a scenario finished in under 30 seconds shows 0 minutes, and its seconds still count.`;

/** Whose practice a total holds (the part of IN_SERVICE_COUNTING My records keeps in view: see Records.tsx). */
export const IN_SERVICE_COUNTING_OWN = `Each app keeps its own records, and so does each browser: this page shows the practice finished in this browser and any backup file loaded here. Practice in another browser, or in casa-practice's terminal version (a program run by typing commands), is kept there until you load its backup file here.`;

/** How the terminal's clock differs: said with the timing rules. */
export const IN_SERVICE_COUNTING_TERMINAL = 'The terminal version times practice the same way, except that it has no break and cannot tell when its window is out of sight.';

export const IN_SERVICE_COUNTING = `${IN_SERVICE_COUNTING_TIMING} ${IN_SERVICE_COUNTING_OWN} ${IN_SERVICE_COUNTING_TERMINAL}`;

/** What My records (web) and `casa-practice records` (terminal) say when nothing was finished yet. */
export const NO_PRACTICE_YET = 'No completed practice yet. Finish a scenario and it appears here.';

/**
 * Said in NO_PRACTICE_YET's place when the records were written by a newer version of casa-practice
 * (RecordsRead.newer): they may hold practice, which this version cannot show (their notice says why).
 */
export const NEWER_PRACTICE_NOT_SHOWN = 'Your completed practice cannot be shown by this version of casa-practice: your records were written by a newer one.';

/**
 * The years with finished practice other than `year`, newest first, each with how many were
 * finished: a total for one year (the terminal's, this year's by default) said "0 hours … from 0
 * finished scenarios" to a volunteer whose practice was all last year, as if it were lost.
 */
export function otherPracticeYears(records: readonly PlaythroughRecord[], year: number): { year: number; count: number }[] {
  const counts = new Map<number, number>();
  for (const r of records) {
    const y = localYear(r.completedAt);
    if (Number.isInteger(y) && y > 0 && y !== year) counts.set(y, (counts.get(y) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[0] - a[0]).map(([y, count]) => ({ year: y, count }));
}

/**
 * Beside a year's total, the other years with finished practice, in one sentence both apps say:
 * "Also finished in other years: 2025 (2 finished scenarios)." ("Finished in …" when the year shown
 * has none); undefined when there are none. Each app adds how to see another year.
 */
export function otherYearsWords(records: readonly PlaythroughRecord[], year: number): string | undefined {
  const others = otherPracticeYears(records, year);
  if (others.length === 0) return undefined;
  const inYear = records.some((r) => localYear(r.completedAt) === year);
  const list = others.map((o) => `${o.year} (${countWords(o.count)} finished ${o.count === 1 ? 'scenario' : 'scenarios'})`).join(', ');
  return `${inYear ? 'Also finished in' : 'Finished in'} other years: ${list}.`;
}

/** Whether any practice was finished in `year` (the volunteer's local year, as totals count it). */
export function hasPracticeIn(records: readonly Pick<PlaythroughRecord, 'completedAt'>[], year: number): boolean {
  return records.some((r) => localYear(r.completedAt) === year);
}

/**
 * The year a year's practice is shown for when none is asked for, by both apps (the web certificate
 * and the terminal's `records`): `thisYear`, unless it has no finished practice and the year before
 * has, then the year before, and each says so. In January both opened on "No practice was completed
 * in 2027", when the year a volunteer most likely looks for then is the one just ended. Not only in January: any
 * time this year has none and last year has.
 */
export function openingYear(records: readonly Pick<PlaythroughRecord, 'completedAt'>[], thisYear: number): number {
  return !hasPracticeIn(records, thisYear) && hasPracticeIn(records, thisYear - 1) ? thisYear - 1 : thisYear;
}

/**
 * Completed practice in the order both apps list it on screen, My records and the terminal's
 * `records`: newest first. My records lists every year under this year's total, so newest first keeps
 * what that total counts together at the top, the practice just finished (the one a volunteer comes
 * to see counted) on the first row; the terminal lists a year the same way, so that the same row
 * comes first in both. (The terminal listed oldest first.) The certificate and the CSV, an hours log
 * on paper and a spreadsheet, stay in date order, oldest first.
 */
export function newestFirst<T extends Pick<PlaythroughRecord, 'completedAt'>>(records: readonly T[]): T[] {
  return [...records].sort((a, b) => b.completedAt.localeCompare(a.completedAt));
}

const MODE_WORDS: Record<SessionMode, string> = { practice: 'Practice', assessment: 'Assessment' };

/**
 * The name a file of the records is offered under, dated on the volunteer's own day as the rows in
 * it are (not the UTC day: on a Los Angeles evening that is already tomorrow): casa-practice-records-2026-12-01.csv.
 */
export function exportFileName(what: 'records' | 'xapi' | 'backup', extension: string, now = new Date()): string {
  return `casa-practice-${what}-${localDate(now.toISOString())}.${extension}`;
}

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, a quote, a line break or leading/trailing
 * space, quotes doubled. A text starting with = + - @ (or a tab or carriage return) would run as a
 * formula in a spreadsheet, so it gets a leading apostrophe. Where a spreadsheet's separator is the
 * semicolon (Excel in much of Europe), a cell also starts after each ";" in a text, quoted or not:
 * a space goes between a ";" and a = + - @ after it.
 */
export function csvCell(value: string | number | undefined): string {
  if (value === undefined) return '';
  let text = typeof value === 'number' ? String(value) : value;
  if (typeof value === 'string') text = text.replace(/;(?=[=+\-@\t\r])/g, '; ');
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows as CSV text: CRLF after every row, the header first. */
export function csvText(rows: readonly (readonly (string | number | undefined)[])[]): string {
  return rows.map((r) => `${r.map(csvCell).join(',')}\r\n`).join('');
}

export const RECORDS_CSV_HEADER = ['Date', 'Scenario', 'Minutes spent', 'Score (%)', 'Outcome', 'Mode', 'Completed at (UTC)'] as const;

/**
 * The CSV's columns after RECORDS_CSV_HEADER (which a CSV of an older casa-practice has, and a
 * backup's reader knows it by): the seconds measured (recordSeconds; blank when no time was
 * recorded). Each row's "Minutes spent" is rounded to the nearest minute (0 under 30 seconds), so
 * that column summed is not the certificate's total; this one summed, divided by 60 and rounded
 * down, is (certificateData adds the same seconds and rounds only the sum).
 */
export const RECORDS_CSV_MORE = ['Seconds spent'] as const;

/**
 * The byte order mark a CSV file starts with: without it Excel reads a CSV as the computer's legacy
 * code page, and a title such as "Elías's weekends" arrives as "ElÃ­as's weekends". Other
 * spreadsheets skip it.
 */
export const CSV_BOM = '\uFEFF';

/**
 * A record's minutes as its row shows them: its seconds to the nearest minute (0 for a run of under 30
 * seconds, which the total still counts: see certificateData), or its minutes for a record made before
 * seconds were kept; undefined when no time was recorded. The same in every app and export.
 */
export function shownMinutes(record: Pick<PlaythroughRecord, 'minutes' | 'seconds'>): number | undefined {
  const seconds = recordSeconds(record);
  return seconds === undefined ? undefined : Math.round(seconds / 60);
}

/** The completed practice as a CSV file (CSV_BOM first), oldest first: date, scenario, minutes spent, score, band, mode, completion time, seconds spent (RECORDS_CSV_MORE). */
export function recordsCsv(records: readonly PlaythroughRecord[]): string {
  const sorted = [...records].sort((a, b) => a.completedAt.localeCompare(b.completedAt));
  return CSV_BOM + csvText([
    [...RECORDS_CSV_HEADER, ...RECORDS_CSV_MORE],
    ...sorted.map((r) => [localDate(r.completedAt), cleanLine(r.title), shownMinutes(r), r.score.percent, BAND_LABELS[r.band], MODE_WORDS[r.mode], r.completedAt, recordSeconds(r)]),
  ]);
}

/** What a printable certificate for the in-service hours log shows. */
export interface CertificateData {
  /** The volunteer's name, when they typed one. */
  name?: string;
  /** The calendar year covered. */
  year: number;
  items: { date: string; title: string; minutes?: number; percent: number; outcome: string; mode: string }[];
  totalMinutes: number;
  /** Total hours to one decimal place, rounded down (never more than was practised). */
  totalHours: number;
  requiredHours: number;
  /** Hours still to log this year toward the required hours (0 when met), to one decimal place, rounded up. */
  remainingHours: number;
  /** How many items have no time recorded (not counted in the total). */
  withoutTime: number;
  /** The total in words: "3.5 hours of finished practice in 2026" (not called in-service hours: see IN_SERVICE_CREDIT). */
  summary: string;
  /** What the total is made of, in words: "212 minutes from 9 finished scenarios". */
  breakdown: string;
  /**
   * Set when the minutes of the rows, each rounded to the nearest minute, do not add up to the
   * total (which adds the seconds measured and rounds down once): why, in words, for the Advocate
   * Supervisor who adds up the column. Three runs of 10 minutes 40 seconds each show 11, and total 32.
   */
  rounding?: string;
}

/**
 * Why rows of minutes, each rounded to the nearest minute, add up to other than their total (the
 * seconds measured, added and rounded down once); undefined when they add up to it. `rows` names the
 * rows where a list holds other rows too (My records' table, with other years: "the rows of 2026").
 */
export function minutesRoundingWords(rowsMinutes: number, totalMinutes: number, rows = 'the rows'): string | undefined {
  return rowsMinutes === totalMinutes ? undefined
    : `The minutes in ${rows} add up to ${rowsMinutes}, not ${totalMinutes}: each row is its own time rounded to the nearest minute, and the total adds the seconds casa-practice measured and is rounded down once.`;
}

/**
 * The certificate of completed practice in one calendar year (the volunteer's local year): every
 * playthrough with its date and minutes, and the total toward the yearly in-service hours.
 */
export function certificateData(records: readonly PlaythroughRecord[], options: { name?: string; year?: number; now?: Date } = {}): CertificateData {
  const year = options.year ?? (options.now ?? new Date()).getFullYear();
  const inYear = records.filter((r) => localYear(r.completedAt) === year).sort((a, b) => a.completedAt.localeCompare(b.completedAt));
  const items = inYear.map((r) => {
    const minutes = shownMinutes(r);
    return {
      date: localDate(r.completedAt),
      title: cleanLine(r.title),
      ...(minutes !== undefined ? { minutes } : {}),
      percent: r.score.percent,
      outcome: BAND_LABELS[r.band],
      mode: MODE_WORDS[r.mode],
    };
  });
  // The seconds measured are added up and only the sum rounded to minutes: each run rounded (or
  // raised to a minute, as before) made a test run of 3 seconds a minute, and ten runs of 20 seconds
  // none. Rounded down, as the hours are: 719.5 minutes rounded to 720 read "12 hours" (720 minutes)
  // with 30 seconds of the twelfth hour not practised.
  const totalMinutes = Math.floor(inYear.reduce((sum, r) => sum + (recordSeconds(r) ?? 0), 0) / 60);
  // Tenths of an hour are 6 minutes. The total is rounded down and what remains up, so that 717
  // minutes is 11.9 hours with 0.1 to go, never "12 hours" toward 12 that are not all there.
  const totalHours = Math.floor(totalMinutes / 6) / 10;
  const name = options.name === undefined || isBlank(options.name) ? '' : cleanLine(options.name).slice(0, 200);
  const rowsMinutes = items.reduce((sum, i) => sum + (i.minutes ?? 0), 0);
  const rounding = minutesRoundingWords(rowsMinutes, totalMinutes);
  return {
    ...(rounding ? { rounding } : {}),
    ...(name ? { name } : {}),
    year,
    items,
    totalMinutes,
    totalHours,
    requiredHours: IN_SERVICE_HOURS_PER_YEAR,
    remainingHours: Math.max(0, Math.ceil((IN_SERVICE_HOURS_PER_YEAR * 60 - totalMinutes) / 6) / 10),
    withoutTime: items.filter((i) => i.minutes === undefined).length,
    // A few minutes round to 0.0 hours: say "under 0.1" rather than a total of 0 beside "3 minutes".
    summary: `${totalMinutes > 0 && totalHours === 0 ? 'under 0.1 hours' : `${totalHours} ${totalHours === 1 ? 'hour' : 'hours'}`} of finished practice in ${year}`,
    breakdown: `${countWords(totalMinutes)} ${totalMinutes === 1 ? 'minute' : 'minutes'} from ${countWords(items.length)} finished ${items.length === 1 ? 'scenario' : 'scenarios'}`,
  };
}
