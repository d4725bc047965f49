import type { Debrief } from '../scoring.js';
import type { Scenario } from '../schema/scenario.js';
import type { SessionMode } from '../types.js';
import { debriefModel } from './debrief-model.js';
import type { Voice } from './words.js';
import { debriefMarkdown } from './markdown.js';

/** A timestamp safe in file names: 2025-01-31T10-20-30 (UTC). */
export function fileStamp(now = new Date()): string {
  return now.toISOString().slice(0, 19).replace(/:/g, '-');
}

/**
 * The same stamp on the clock where the program runs, as every screen shows time: 10:20:30 UTC is
 * 2025-01-31T02-20-30 in Los Angeles. It names no zone, so such names do not sort by time across a
 * change of daylight saving time (an hour repeats) or of time zone: find the newest file by when it
 * was written, not by its name.
 */
export function localFileStamp(now = new Date()): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}T${two(now.getHours())}-${two(now.getMinutes())}-${two(now.getSeconds())}`;
}

/**
 * When, on the clock where the program runs, as the file's name says it, with its offset from UTC so
 * it stays exact: 10:20 UTC is "2025-01-31 02:20 (UTC−08:00)" in Los Angeles in January. (It said
 * "2025-01-31 10:20 UTC": in Los Angeles after 16:00, the next day's date, beside a file name, My
 * records, the CSV and the certificate with the volunteer's own.)
 */
export function localTimeWords(now = new Date()): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const east = -now.getTimezoneOffset();
  const offset = `${east < 0 ? '\u2212' : '+'}${two(Math.floor(Math.abs(east) / 60))}:${two(Math.abs(east) % 60)}`;
  return `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())} ${two(now.getHours())}:${two(now.getMinutes())} (UTC${offset})`;
}

/** A debrief as the files a volunteer keeps: a Markdown document and the debrief as JSON. */
export interface DebriefExport {
  /** File name without extension, on the local clock (localFileStamp), e.g. "youth-discloses-debrief-2025-01-31T02-20-30". */
  baseName: string;
  markdown: string;
  json: string;
}

/** The name and version of the exported JSON's format. */
export const DEBRIEF_EXPORT_FORMAT = { format: 'casa-practice-debrief', formatVersion: 1 } as const;

/** What an export says about itself: the mode played and, when the UI knows it, the app's version. */
export interface ExportMeta {
  mode?: SessionMode;
  appVersion?: string;
  /**
   * A what-if replay (the web app): a finished playthrough's replies up to one decision, then other
   * ones. Not a playthrough of its own and not in the records, and the file says so, as the screen
   * does: a supervisor handed it must not take it for one.
   */
  whatIf?: boolean;
  /**
   * False for a playthrough that is not in the records for another reason (a preview of a scenario
   * file, an author's test with --from or --set, one another tab recorded first): the file says so.
   */
  recorded?: boolean;
  /**
   * A trainer-led session's debrief (the terminal's `e` at its end): it speaks of the room, as the
   * screen and the session summary do, and says it is a trainer-led session, never in the records. It
   * said "Practice mode" and "You went against…", "Your path beside best practice": a supervisor
   * handed it took a room's session for one volunteer's practice.
   */
  trainerLed?: boolean;
}

/**
 * The export of a finished playthrough; each UI decides where the files go. Both files say what
 * they are: format and version, the mode played, the scenario and its version, and when.
 */
export function debriefExport(scenario: Scenario, debrief: Debrief, now = new Date(), meta: ExportMeta = {}): DebriefExport {
  const mode = meta.mode ?? 'practice';
  const trainerLed = meta.trainerLed === true;
  const header = {
    ...DEBRIEF_EXPORT_FORMAT,
    exportedAt: now.toISOString(),
    mode,
    scenario: { id: scenario.id, version: scenario.version },
    ...(meta.whatIf === true ? { whatIf: true } : {}),
    ...(trainerLed ? { trainerLed: true } : {}),
    ...(meta.whatIf === true || meta.recorded === false || trainerLed ? { recorded: false } : {}),
    ...(meta.appVersion !== undefined ? { appVersion: meta.appVersion } : {}),
  };
  const voice: Voice = trainerLed ? 'room' : 'you';
  const kind = trainerLed ? 'Trainer-led session · not added to the records' : `${mode === 'assessment' ? 'Assessment' : 'Practice'} mode${meta.whatIf === true ? ' · a what-if replay, not added to the records' : meta.recorded === false ? ' · not added to the records' : ''}`;
  const markdown = debriefMarkdown(debriefModel(scenario, debrief), '#', voice).replace(/\n/, `\n\n_${kind} · exported ${localTimeWords(now)} · scenario version ${scenario.version} · ${DEBRIEF_EXPORT_FORMAT.format} format ${DEBRIEF_EXPORT_FORMAT.formatVersion}_\n`);
  return {
    baseName: `${scenario.id}-debrief-${localFileStamp(now)}`,
    markdown,
    json: `${JSON.stringify({ ...header, debrief }, null, 2)}\n`,
  };
}
