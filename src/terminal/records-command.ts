import { join } from 'node:path';
import { backupFileName, backupText, BAND_LABELS, certificateData, exportFileName, IN_SERVICE_CREDIT, localDate, localTime, NO_PRACTICE_YET, otherPracticeYears, otherYearsWords, PRACTICE_IDLE_MS, readRecords, recordsCsv, visibleLine } from '../machines/index.js';
import { parseArgs, UsageError } from './args.js';
import type { CliIO } from './commands.js';
import { exportsDir, shownPath, shownStateDir } from './export.js';
import { command, helpText, textWidth } from './invocation.js';
import { errorWords, stateStore } from './node/state-store.js';
import { writeAtomic } from './state.js';
import { wrapText, wrapWords } from './wrap.js';

export const RECORDS_HELP = `Usage: casa-practice records [--year YYYY] [--csv] [--backup]

Shows the scenarios you finished in the terminal in a year (this year unless
--year says), with the minutes spent in each and their total.

Options:
  --year YYYY  another year
  --csv        also write every finished scenario, all years, as a CSV file
               (for a spreadsheet) into the exports folder
  --backup     also write a backup file into the exports folder; load it in
               the web app's My records to keep your practice in one place
               and print its certificate
  -h, --help   show this help
`;

/**
 * What the terminal's total counts. The web app's words (IN_SERVICE_COUNTING) name breaks and
 * hidden tabs, which the terminal has not; its practice clock is the same otherwise.
 */
export const TERMINAL_COUNTING = `This total counts every scenario you finish, each time you finish it, in practice or assessment mode, with the minutes you spent in it; not the time between sittings, nor a scenario left unfinished, nor a run with --from or --set. If ${PRACTICE_IDLE_MS / 60_000} minutes pass with no key press (or line typed), those ${PRACTICE_IDLE_MS / 60_000} minutes count but the time after them does not, until the next one.`;

/**
 * Whose records these are: the terminal's own. The web app keeps its own in each browser, apart
 * from these (its My records said so of the terminal; the terminal said nothing of the web app).
 * The command is named as it was started (command()): after `npm ci`, `casa-practice` is not on
 * the PATH, and "run casa-practice records --backup" there was "command not found".
 */
export const terminalRecordsOwn = (env: NodeJS.ProcessEnv = process.env): string =>
  `Each app keeps its own records: these are the terminal's, on this computer. The web app keeps its own in each browser, apart from these; to keep all your practice in one place, run ${command('records --backup', env)} and load the backup file it writes in the web app's My records.`;

/** `casa-practice records`: the year's finished practice and its total, and the files to take it elsewhere. */
export function recordsCommand(argv: readonly string[], io: CliIO, env: NodeJS.ProcessEnv = process.env, now = new Date()): number {
  const args = parseArgs(argv, ['help', 'year', 'csv', 'backup'], ['year']);
  if (args.flags.has('help')) {
    io.out(helpText(RECORDS_HELP));
    return 0;
  }
  if (args.positionals.length > 0) throw new UsageError(`records takes no file ("${visibleLine(args.positionals[0] as string)}")`);
  const yearText = args.flags.get('year');
  const year = typeof yearText === 'string' ? Number(yearText) : now.getFullYear();
  if (typeof yearText === 'string' && !/^\d{4}$/.test(yearText)) throw new UsageError(`--year needs a year such as ${now.getFullYear()} (got "${visibleLine(yearText).slice(0, 20)}")`);
  const width = textWidth();
  const say = (text = '', indent = '') => io.out(`${wrapText(text, width, indent)}\n`);
  const store = stateStore(env);
  const read = readRecords(store, now);
  // Not cut inside a word: the notice names the file the damaged records were moved to, and a path
  // broken across lines cannot be copied.
  if (read.notice) io.out(`${wrapWords(read.notice, width)}\n`);
  const data = certificateData(read.playthroughs, { year, now });
  say(`Total: ${data.summary} (${data.breakdown}${data.withoutTime > 0 ? `; ${data.withoutTime} without a recorded time, not counted` : ''}).`);
  const rows = read.playthroughs.filter((p) => localDate(p.completedAt).startsWith(`${year}-`)).sort((a, b) => a.completedAt.localeCompare(b.completedAt));
  // Nothing in this year's list is not nothing kept: practice finished only last year read as
  // "0 hours … from 0 finished scenarios", as if it were lost. The certificate's and My records' words.
  if (read.playthroughs.length === 0) say(NO_PRACTICE_YET);
  else if (rows.length === 0) say(`No practice was completed in ${year}.`);
  const others = otherYearsWords(read.playthroughs, year);
  if (others) say(`${others} To list one, run: ${command(`records --year ${(otherPracticeYears(read.playthroughs, year)[0] as { year: number }).year}`, env)}`);
  if (rows.length > 0) say();
  for (const p of rows) {
    // "no time recorded", not a dash: a screen reader says nothing for a dash alone (My records says "not recorded").
    say(`${localDate(p.completedAt)} ${localTime(p.completedAt)}  ${p.title}: ${p.minutes !== undefined ? `${p.minutes} min` : 'no time recorded'}, ${p.score.percent}%, ${BAND_LABELS[p.band]}, ${p.mode === 'assessment' ? 'Assessment' : 'Practice'}`, '  ');
  }
  say();
  say(IN_SERVICE_CREDIT);
  say();
  say(TERMINAL_COUNTING);
  say();
  say(terminalRecordsOwn(env));
  const files: [string, string, () => string][] = [];
  if (args.flags.has('csv')) files.push(['CSV', exportFileName('records', 'csv', now), () => recordsCsv(read.playthroughs)]);
  if (args.flags.has('backup')) files.push(['Backup', backupFileName(now), () => backupText(store, now).text]);
  if (files.length > 0) say();
  for (const [what, name, text] of files) {
    const path = join(exportsDir(env), name);
    try {
      writeAtomic(path, text());
    } catch (e) {
      // In words a volunteer can act on (not Node's "EEXIST: file already exists, mkdir '…'"), and
      // with the state folder named: the path is within it, not the folder the command was typed in.
      io.err(`casa-practice: the ${what === 'CSV' ? 'CSV' : 'backup'} file could not be written to ${visibleLine(shownPath(path, env))} in the state folder ${shownStateDir(env)} (${errorWords(e)}).\n`);
      return 74;
    }
    // Not wrapped: a path broken across lines cannot be copied.
    io.out(`${what}: ${visibleLine(shownPath(path, env))}\n`);
  }
  // The paths are within the state folder, not the folder the command was typed in: said as the debrief's export says it.
  if (files.length > 0) io.out(`(in the state folder ${shownStateDir(env)})\n`);
  return 0;
}
