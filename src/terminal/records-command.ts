import { accessSync, constants, lstatSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, extname, isAbsolute, join, resolve } from 'node:path';
import { backupFileName, backupText, shownCount, newerSavesNotInBackup, BAND_LABELS, certificateData, exportFileName, IN_SERVICE_HOURS_PER_YEAR, localDate, localTime, localYear, NEWER_PRACTICE_NOT_SHOWN, newestFirst, NO_PRACTICE_YET, openingYear, otherPracticeYears, otherYearsWords, PRACTICE_IDLE_MS, keepLearner, readRecords, recordsCsv, scenariosAtHand, shownFileName, shownMinutes, visibleLine, xapiDefinitionGaps, xapiFile, xapiGapWords, xapiLearner, type PlaythroughRecord, type Scenario } from '../machines/index.js';
import { parseArgs, UsageError } from './args.js';
import type { CliIO } from './commands.js';
import { exportsDir, shownPath, shownStateDir } from './export.js';
import { command, commandName, helpText, textWidth } from './invocation.js';
import { errorWords, recordsNoticeLines, stateStore, writeFixWords } from './node/state-store.js';
import { expandPaths, loadScenarioFile, missingFolderSentence, notUtf8OutputWords, notWrittenWhy, scenarioFilesIn } from './files.js';
import { scenariosDir } from './paths.js';
import { stateDir, writeNew, writeNewFile } from './state.js';
import { wrapText, wrapWords } from './wrap.js';

export const RECORDS_HELP = `Usage: casa-practice records [--year YYYY] [--csv] [--backup]
                           [--xapi <file> [--scenarios <folder>]]

Shows the scenarios you finished in the terminal in a year (this year unless
--year says; last year, and says so, while this year has none and last year
has), with the minutes spent in each and their total.

--csv and --backup never write over a file: one made earlier the same day is
kept, and the new one is named with -2, -3 and so on.

Options:
  --year YYYY  another year
  --csv        also write every finished scenario, all years, as a CSV file
               (for a spreadsheet) into the exports folder
  --backup     also write a backup file into the exports folder; load it in
               the web app's My records to keep your practice in one place
               and print its certificate
  --xapi <file>
               also write every finished scenario, all years, as xAPI
               statements (JSON, for an LMS or learning record store) to a
               new file; a file already there is never written over
  --scenarios <folder>
               with --xapi: the folder (or file) of your own scenario
               files, so that the decisions of scenarios you played from
               them are described in the xAPI file as the app's own are;
               give it more than once for more folders
  -h, --help   show this help

Exit codes: 0 done, 1 no finished practice for --xapi, 2 usage error,
66 a --scenarios file or folder could not be read, 70 the xAPI statements
could not be made, 73 the --xapi file is already there, 74 the state folder
or the records file could not be read, or a file could not be written.
`;

/**
 * Why the state folder cannot be read, in words, or undefined when it can (or is not there yet: no
 * practice finished, nothing to read). A folder that cannot exist (part of its path is a file) or
 * cannot be opened read as "No completed practice yet" with exit code 0, as if the records were empty.
 */
function unreadableStateFolder(env: NodeJS.ProcessEnv): string | undefined {
  const dir = stateDir(env);
  try {
    if (!statSync(dir).isDirectory()) return 'it is a file, not a folder';
    accessSync(dir, constants.R_OK | constants.X_OK);
    return undefined;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    return code === 'EACCES' || code === 'EPERM' ? 'permission denied' : errorWords(e);
  }
}

/**
 * What the terminal's total counts. The web app's words (IN_SERVICE_COUNTING) name breaks and
 * hidden tabs, which the terminal has not; its practice clock is the same otherwise.
 */
export const TERMINAL_COUNTING = `This total counts every scenario you finish, each time you finish it, in practice or assessment mode, with the minutes you spent in it; not the time between sittings, nor a scenario left unfinished, nor a run with --from, --set or --preview. If ${PRACTICE_IDLE_MS / 60_000} minutes pass with no key press (or line typed), those ${PRACTICE_IDLE_MS / 60_000} minutes count but the time after them does not, until the next one. Each finish keeps the seconds spent, and only the total is rounded down to minutes: a scenario finished in under 30 seconds shows 0 min, and its seconds still count.`;

/**
 * What the records are and are not, after the total: IN_SERVICE_CREDIT (My records' words) said
 * shorter, claiming no credit all the same (whether it counts is the Advocate Supervisor's call).
 */
export const RECORDS_CREDIT = `Your own log, not in-service credit by itself: ask your Advocate Supervisor whether it counts toward your in-service training (about ${IN_SERVICE_HOURS_PER_YEAR} hours a year). Totals are by calendar year on this device's clock; each scenario is dated.`;

/** What the total counts, short (TERMINAL_COUNTING says it in full). */
export const COUNTING_SHORT = `Counted: the minutes in each scenario you finish (after ${PRACTICE_IDLE_MS / 60_000} minutes with no key press, none until the next); not one left unfinished, nor a run with --from, --set or --preview; the total is rounded down to minutes, not each finish.`;

/**
 * Whose records these are: the terminal's own. The web app keeps its own in each browser, apart
 * from these (its My records said so of the terminal; the terminal said nothing of the web app).
 * The command is named as it was started (command()): after `npm ci`, `casa-practice` is not on
 * the PATH, and "run casa-practice records --backup" there was "command not found". The command ends
 * the words, on a line of its own (printed with wrapWords, so that a long one is broken only between
 * its words with line continuations): in mid-sentence, it was wrapped as words, and from a long
 * program name pasted rows ran "node" alone. `backupAsked` (records --backup): no command, the
 * backup's path follows.
 */
export const terminalRecordsOwn = (env: NodeJS.ProcessEnv = process.env, backupAsked = false): string =>
  `These are the terminal's records; the web app keeps its own. To keep all your practice in one place, load a backup in the web app's My records.${backupAsked ? '' : ` Write one with:\n${command('records --backup', env)}`}`;

/** `casa-practice records`: the year's finished practice and its total, and the files to take it elsewhere. */
export function recordsCommand(argv: readonly string[], io: CliIO, env: NodeJS.ProcessEnv = process.env, now = new Date()): number {
  // "--xapi" with no file after it: the usual "needs a value" said with a name to copy.
  const xapiAt = argv.findIndex((a) => a === '--xapi' || a === '--xapi=');
  if (xapiAt >= 0 && (argv[xapiAt] === '--xapi=' || argv[xapiAt + 1] === undefined || argv[xapiAt + 1]?.startsWith('--'))) {
    throw new UsageError(`--xapi needs the name of a new file to write, e.g. --xapi ${exportFileName('xapi', 'json', now)}`);
  }
  const args = parseArgs(argv, ['help', 'year', 'csv', 'backup', 'xapi', 'scenarios'], ['year', 'xapi', 'scenarios']);
  if (args.flags.has('help')) {
    io.out(helpText(RECORDS_HELP));
    return 0;
  }
  // Only the xAPI file describes decisions: given alone, it would be read and do nothing.
  if (args.flags.has('scenarios') && !args.flags.has('xapi')) throw new UsageError(`--scenarios names your own scenario files for the xAPI file; give it with --xapi, e.g. --xapi ${exportFileName('xapi', 'json', now)} --scenarios ${visibleLine(args.lists.get('scenarios')?.[0] ?? 'my-scenarios')}`);
  const stray = args.positionals[0];
  // A .json named without --xapi before it: most likely the xAPI file meant.
  if (stray !== undefined) throw new UsageError(`records takes no file ("${visibleLine(stray)}")${!args.flags.has('xapi') && /\.json$/i.test(stray) ? `; to write the xAPI statements to it, put --xapi before it` : ''}`);
  const yearText = args.flags.get('year');
  if (typeof yearText === 'string' && !/^\d{4}$/.test(yearText)) throw new UsageError(`--year needs a year such as ${now.getFullYear()} (got "${visibleLine(yearText).slice(0, 20)}")`);
  const width = textWidth();
  const say = (text = '', indent = '') => io.out(`${wrapText(text, width, indent)}\n`);
  // Words that end with a command: the command on rows of its own where it does not fit after them.
  const sayCommand = (text: string) => io.out(`${wrapWords(text, width, `${commandName(env)} `)}\n`);
  // A state folder that cannot be read is said, its path on a line of its own (sanitised: it comes
  // from the environment), with exit code 74 as for any state folder casa-practice cannot use.
  const unreadable = unreadableStateFolder(env);
  if (unreadable !== undefined) {
    const where = env.XDG_STATE_HOME ? 'It is named by XDG_STATE_HOME: set that to a folder you can read and write, or unset it.' : 'Check that you can open that folder.';
    io.err(`${wrapWords(`casa-practice: your records could not be read: the state folder below cannot be opened (${unreadable}).`, width)}\n${shownStateDir(env)}\n${wrapWords(`${where} Nothing was changed.`, width)}\n`);
    return 74;
  }
  const store = stateStore(env);
  const read = readRecords(store, now);
  // Not cut inside a word: the notice names the file the damaged records were moved to, and a path
  // broken across lines cannot be copied.
  const notice = recordsNoticeLines(read);
  // Records that could not be read and are left where they are (root's, mode 600, in a folder this
  // user cannot write, after one \`sudo npx casa-practice\`): they may hold all of the volunteer's
  // practice, and "No completed practice yet" under the notice, exit code 0 (and a CSV or backup of
  // none of it, with --csv or --backup), was not true. Said as a state folder that cannot be read is:
  // on stderr, with what to do, exit code 74, nothing written.
  if (read.setAside?.cannotRead === true && read.unsaved === true) {
    io.err(`${wrapWords(`casa-practice: ${notice ?? ''}`, width)}\n${wrapWords(`Your finished practice cannot be shown${args.flags.has('csv') || args.flags.has('backup') || args.flags.has('xapi') ? ', and no file was written' : ''}: make the records file readable by you (it may belong to another user), then run the command again.`, width)}\n`);
    return 74;
  }
  if (notice) io.out(`${wrapWords(notice, width)}\n`);
  // The year asked for, else this year, or last year when this one has no practice yet and last
  // year has (as the web certificate opens): in January it said "No practice was completed in 2027"
  // and nothing of the year just ended. Said first, in one line (58 columns: one row at 60), so the rows' year is known before them.
  const thisYear = now.getFullYear();
  const year = typeof yearText === 'string' ? Number(yearText) : openingYear(read.playthroughs, thisYear);
  if (year !== thisYear && typeof yearText !== 'string') say(`Showing ${year}: no practice in ${thisYear} yet. Another: --year YYYY`);
  const data = certificateData(read.playthroughs, { year, now });
  // Newest first, as My records lists them (newestFirst says why).
  const rows = newestFirst(read.playthroughs.filter((p) => localYear(p.completedAt) === year));
  for (const p of rows) {
    // "no time recorded", not a dash: a screen reader says nothing for a dash alone (My records says "not recorded").
    say(`${localDate(p.completedAt)} ${localTime(p.completedAt)}  ${p.title}: ${shownMinutes(p) !== undefined ? `${shownMinutes(p)} min` : 'no time recorded'}, ${p.score.percent}%, ${BAND_LABELS[p.band]}, ${p.mode === 'assessment' ? 'Assessment' : 'Practice'}`, '  ');
  }
  // The answer first, the explanation after it, short (about 20 rows of it came before the total,
  // and with nothing finished "Total: 0 hours … from 0 finished scenarios" said the same as "No
  // completed practice yet" under it). With practice, the total; with none this year, that once.
  if (rows.length > 0) {
    say();
    say(`Total: ${data.summary} (${data.breakdown}${data.withoutTime > 0 ? `; ${data.withoutTime} without a recorded time, not counted` : ''}).`);
    // Why the rows' minutes add up to other than the total, when they do, as the certificate says it.
    // (Its own block: as an "if" of the chain below, rows adding up to the total went on to "No
    // practice was completed in 2026." under their own total.)
    if (data.rounding) say(data.rounding);
  }
  // Nothing in this year's list is not nothing kept: practice finished only last year read as
  // "0 hours … from 0 finished scenarios", as if it were lost. The certificate's and My records' words.
  else if (read.playthroughs.length === 0) say(read.newer !== undefined ? NEWER_PRACTICE_NOT_SHOWN : NO_PRACTICE_YET);
  else say(`No practice was completed in ${year}.`);
  const others = otherYearsWords(read.playthroughs, year);
  if (others) sayCommand(`${others} To list one, run: ${command(`records --year ${(otherPracticeYears(read.playthroughs, year)[0] as { year: number }).year}`, env)}`);
  say();
  say(RECORDS_CREDIT);
  if (read.playthroughs.length > 0) say(COUNTING_SHORT);
  // With --backup, the backup is written just below: not "Write one with" the command that wrote it.
  sayCommand(terminalRecordsOwn(env, args.flags.has('backup')));
  const files: [string, string, () => string][] = [];
  if (args.flags.has('csv')) files.push(['CSV', exportFileName('records', 'csv', now), () => recordsCsv(read.playthroughs)]);
  // Scenarios in progress from your own files are not in the backup (their save names the file's path): said after it.
  let ownFileSaves = 0;
  // And an author's test runs in progress (--preview, --from, --set): not practice, and only the terminal plays them.
  let testRunSaves = 0;
  // Nor the saves a newer version of casa-practice wrote (this version cannot read them): said after it too.
  let newerSaves = 0;
  if (args.flags.has('backup')) files.push(['Backup', backupFileName(now), () => {
    const made = backupText(store, now);
    ownFileSaves = made.ownFileSaves ?? 0;
    testRunSaves = made.testRunSaves ?? 0;
    newerSaves = made.newerSaves ?? 0;
    return made.text;
  }]);
  if (files.length > 0) say();
  // Records of a newer version of casa-practice were not read: a CSV or backup written now would hold
  // none of them, and read as if it held them all.
  if (files.length > 0 && read.newer !== undefined) {
    io.err(`${wrapWords(`casa-practice: no ${files.map(([what]) => (what === 'CSV' ? 'CSV' : 'backup')).join(' or ')} file was written: your records were written by a newer version of casa-practice, which this version cannot read. Update casa-practice and run the command again.`, width)}\n`);
    return 1;
  }
  for (const [what, name, text] of files) {
    const path = join(exportsDir(env), name);
    // Never over a file there: a CSV or backup made earlier the same day (same name) may not have
    // been sent or loaded yet, and was replaced without a word. The new one gets "-2", "-3"… (writeNew).
    let written: string;
    try {
      const ext = extname(name);
      written = writeNew(path.slice(0, path.length - ext.length), ext, text());
    } catch (e) {
      // In words a volunteer can act on (not Node's "EEXIST: file already exists, mkdir '…'"), and
      // with the state folder named: the path is within it, not the folder the command was typed in.
      // Then what to do: the message said what failed and why, and stopped (the records are not touched).
      const fix = writeFixWords(e);
      // Wrapped between words to the window, each path whole on a row (wrapWords), as the command's
      // other messages are: at 60 columns the terminal broke it mid-word ("expor" over "ts/…").
      io.err(`${wrapWords(`casa-practice: the ${what === 'CSV' ? 'CSV' : 'backup'} file could not be written to ${visibleLine(shownPath(path, env))} in the state folder ${shownStateDir(env)} (${errorWords(e)}). Your records are unchanged${fix ? `: ${fix}, then run the command again` : ''}.`, width)}\n`);
      return 74;
    }
    // Not wrapped: a path broken across lines cannot be copied.
    io.out(`${what}: ${visibleLine(shownPath(written, env))}\n`);
    if (written !== path) io.out(`${wrapWords(`(a new name: ${visibleLine(basename(path))}, written earlier, is kept as it was)`, width)}\n`);
    if (what === 'Backup' && ownFileSaves > 0) {
      const one = ownFileSaves === 1;
      io.out(`${wrapWords(`(${ownFileSaves} ${one ? 'scenario' : 'scenarios'} in progress from your own scenario files ${one ? 'is' : 'are'} not in it: ${one ? 'its save names' : 'their saves name'} where the file is on this computer, which a backup should not carry, and the web app could not open ${one ? 'it' : 'them'}. ${one ? 'It stays' : 'They stay'} here, to finish in the terminal; ${one ? 'its' : 'their'} finished practice goes in the backup.)`, width)}\n`);
    }
    if (what === 'Backup' && testRunSaves > 0) {
      const one = testRunSaves === 1;
      io.out(`${wrapWords(`(${one ? "1 author's test run" : `${testRunSaves} author's test runs`} in progress (--preview, --from or --set) ${one ? 'is' : 'are'} not in it: ${one ? 'it is' : 'they are'} not practice, and only the terminal plays ${one ? 'it' : 'them'}. ${one ? 'It stays' : 'They stay'} here.)`, width)}\n`);
    }
    if (what === 'Backup' && newerSaves > 0) io.out(`${wrapWords(`(${newerSavesNotInBackup(newerSaves)})`, width)}\n`);
  }
  // The paths are within the state folder, not the folder the command was typed in: said as the debrief's export says it.
  if (files.length > 0) io.out(`(in the state folder ${shownStateDir(env)})\n`);
  const xapi = args.flags.get('xapi');
  if (typeof xapi === 'string') {
    if (files.length === 0) say();
    // The id an export names the volunteer by is kept in the records from now on (keepLearner): one
    // derived from the oldest practice changed when older practice was added later. A state folder
    // that cannot be written names them by the id derived as before.
    let learner = read.learner;
    try {
      learner ??= keepLearner(store, now);
    } catch {
      learner = undefined;
    }
    return writeXapi(xapi, read.playthroughs, learner, args.lists.get('scenarios') ?? [], io, env, now);
  }
  return 0;
}

/**
 * Writes the xAPI file the web app's My records downloads (the core's xapiFile, with the records'
 * learner id and the bundled scenarios' words) to a new file the volunteer named. Never over a file:
 * an LMS export a volunteer kept is not replaced without a word. Returns the exit code.
 */
function writeXapi(path: string, playthroughs: readonly PlaythroughRecord[], learner: string | undefined, ownFolders: readonly string[], io: CliIO, env: NodeJS.ProcessEnv, now: Date): number {
  // As typed, in quotes with its invisible characters escaped when it has any; on a line of its own,
  // never cut across lines (a path cut in two cannot be copied), the words around it wrapped.
  const shown = shownFileName(path);
  const width = textWidth();
  const notWritten = (why: string, exit: number) => {
    io.err(`casa-practice: no xAPI file was written to\n  ${shown}\n${wrapWords(why, width)}\n`);
    return exit;
  };
  if (playthroughs.length === 0) {
    io.err(`${wrapWords('casa-practice: there is no finished practice to put in an xAPI file yet; finish a scenario first. No xAPI file was written.', width)}\n`);
    return 1;
  }
  const exists = 'It already exists, and it is not written over: name a new file, or move that one away first.';
  // Bytes that are not UTF-8 reached the command as U+FFFD: a file by that name is not the one meant.
  const odd = notUtf8OutputWords(path);
  if (odd !== undefined) return notWritten(`${odd.charAt(0).toUpperCase()}${odd.slice(1)}.`, 74);
  // Its folder named, and how to make it, as new and graph --output say it (a mistyped folder is not made).
  const missing = missingFolderSentence(path);
  if (missing !== undefined) return notWritten(missing, 74);
  const there = thereAlready(path);
  if (there === 'folder') return notWritten(`It is a folder: name a new file in it, such as ${shownFileName(join(path, exportFileName('xapi', 'json', now)))}`, 73);
  if (there) return notWritten(exists, 73);
  // The scenarios at hand: the bundled ones, and the volunteer's own named with --scenarios. A
  // record keeps no path to the file it was played from (it would travel in every backup), only
  // its id, version and content fingerprint, by which the one played is found among these.
  let own: Scenario[];
  try {
    own = scenariosIn(ownFolders);
  } catch (e) {
    return notWritten(`--scenarios: ${visibleLine(e instanceof Error ? e.message : String(e))}.`, 66);
  }
  let text: string;
  let gaps: string | undefined;
  try {
    const scenarioOf = scenariosAtHand([...bundledScenarios().values(), ...own]);
    text = xapiFile(playthroughs, { learner: xapiLearner(learner, playthroughs), scenarioOf });
    gaps = xapiGapWords(xapiDefinitionGaps(playthroughs, scenarioOf), 'To have them described, make a new xAPI file with --scenarios naming the folder of the scenario files they were played from, as they were then:');
  } catch {
    return notWritten('The xAPI statements could not be made from your records.', 70);
  }
  try {
    writeNewFile(path, text);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return notWritten(exists, 73);
    return notWritten(`${notWrittenWhy(path, e, errorWords)} name a file in a folder you can write to.`, 74);
  }
  const count = playthroughs.length;
  io.out(`xAPI: ${shown} (${shownCount(count)} finished ${count === 1 ? 'scenario' : 'scenarios'}, all years)\n`);
  // A path typed relative to where the command ran: the folder said, as the state folder is for the CSV.
  if (!isAbsolute(path)) io.out(`(in the folder ${shownHome(resolve(dirname(path)), env)})\n`);
  // The command on a line of its own, never cut across lines, to copy.
  if (gaps) io.out(`${wrapWords(gaps, width)}\n  ${command(`records --xapi ${exportFileName('xapi', 'json', now)} --scenarios <folder>`, env)}\n`);
  return 0;
}

/** The scenarios in the files and folders named with --scenarios; a file that is not a valid scenario is left out (its records then stay undescribed, and are said so). */
function scenariosIn(paths: readonly string[]): Scenario[] {
  const out: Scenario[] = [];
  for (const { path, unreadableFolder } of expandPaths(paths)) {
    if (unreadableFolder !== undefined) throw new Error(`the folder ${shownFileName(path)} cannot be listed (${unreadableFolder})`);
    try {
      const scenario = loadScenarioFile(path).result.scenario;
      if (scenario) out.push(scenario);
    } catch {
      // left out
    }
  }
  return out;
}

/** A folder as shown on screen: ~ for the home folder, invisible characters escaped. */
function shownHome(dir: string, env: NodeJS.ProcessEnv): string {
  const home = env.HOME || homedir();
  return shownFileName(home && (dir === home || dir.startsWith(`${home}/`)) ? `~${dir.slice(home.length)}` : dir);
}

/** What is at `path` already: 'folder', true for anything else (a file, a link, a device), false for nothing. */
function thereAlready(path: string): 'folder' | boolean {
  try {
    const seen = lstatSync(path);
    return seen.isDirectory() ? 'folder' : true;
  } catch {
    return false;
  }
}

/** The bundled scenarios by id, for the words of the xAPI file; one that cannot be read is left out (its decisions then have no definition). */
function bundledScenarios(): Map<string, Scenario> {
  const out = new Map<string, Scenario>();
  let files: string[];
  try {
    files = scenarioFilesIn(scenariosDir());
  } catch {
    return out;
  }
  for (const file of files) {
    try {
      const scenario = loadScenarioFile(file).result.scenario;
      if (scenario) out.set(scenario.id, scenario);
    } catch {
      // left out
    }
  }
  return out;
}
