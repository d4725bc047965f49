import { lstatSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { newScenario, NEW_SCENARIO_VERSION, shownFileName, visibleLine, type NewScenario } from '../machines/index.js';
import { parseArgs, UsageError } from './args.js';
import type { CliIO } from './commands.js';
import { command, commandName, helpText, shellWord, textWidth } from './invocation.js';
import { bundledScenarioFiles, inScenariosDir, sameFile, scenarioIds } from './node/scenario-ids.js';
import { checkSchemaRef, schemaRefFor } from './node/schema-ref.js';
import { errorWords } from './node/state-store.js';
import { packageRoot, scenariosDir } from './paths.js';
import { missingFolderSentence, notUtf8OutputWords, notWrittenWhy } from './files.js';
import { writeNewFile } from './state.js';
import { commandLines, wrapWords } from './wrap.js';

export const NEW_HELP = `Usage: casa-practice new <id|file>

Starts a new scenario file: a copy of the worked example (docs/examples/first-scenario.json)
with its "id" set to the file's name without .json, "version": 1, the id after its "title"
(so two new files are two rows apart in the picker), and the "$schema" line that leads from the
file's folder to the format (as schema --for gives it); nothing else is changed.
It then names the commands to check and play it.

  casa-practice new first-court-date
  casa-practice new drafts/first-court-date.json

An id alone (first-court-date) writes first-court-date.json into the scenarios folder when run
in the program's own folder (where npm ci was run), and otherwise into the folder you are in; it
says where. A path (anything ending in .json, or with a / in it) writes exactly there, into a
folder that exists. The id is spelt as every id is: lower-case letters, digits and single hyphens.
An id one of the app's scenarios has is refused, and so is a file already there: nothing is
ever written over.

The new file validates and plays as it is. Like the example, it is too small for the house rules
of the bundled set (docs/authoring.md section 10): audit says what to add before it can join it.

Options:
  -h, --help show this help

Exit codes: 0 written, 2 usage error (or an id that cannot be used), 66 the worked example
could not be read, 70 the worked example could not be made a new scenario, 73 a file (or a
folder) is already there, 74 the file could not be written (its folder does not exist or
cannot be written).
`;

/** Whether two paths name one folder (through links too). */
function sameFolder(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return resolve(a) === resolve(b);
  }
}

/**
 * What is at `path` already: 'folder', true for anything else (a file, a link, a device), false for
 * nothing. `throughLink`: a link to a folder is a folder (one to write into, not a thing in the way).
 */
function thereAlready(path: string, throughLink = false): 'folder' | boolean {
  try {
    return (throughLink ? statSync : lstatSync)(path).isDirectory() ? 'folder' : true;
  } catch {
    return false;
  }
}

/**
 * `casa-practice new <id|file>`: a new scenario file from the worked example, its id, version and
 * "$schema" line its own, never over a file. The core makes the text and checks it as validate
 * would (newScenario); this reads the example, decides where the file goes, and writes it.
 */
export function newCommand(argv: readonly string[], io: CliIO): number {
  const args = parseArgs(argv, ['help']);
  if (args.flags.has('help')) {
    io.out(helpText(NEW_HELP));
    return 0;
  }
  const example = 'first-court-date';
  if (args.positionals.length === 0) throw new UsageError(`new needs the new scenario's id or the file to write, e.g. ${example} or drafts/${example}.json`);
  if (args.positionals.length > 1) throw new UsageError(`new makes one scenario at a time: name one id or file (a name with spaces goes in quotes), not ${args.positionals.length}`);
  const given = args.positionals[0] as string;
  if (given.trim() === '') throw new UsageError(`new needs the new scenario's id or the file to write, e.g. ${example}`);
  const asPath = /\.json$/i.test(given) || given.includes('/') || given.includes('\\');
  if (asPath && !/\.json$/i.test(given)) {
    // A folder that is there (drafts/sub, no slash at its end) is one to write into, as drafts/ is:
    // told to "write drafts/sub.json", a file beside it, the trainer was sent out of the folder named.
    const slash = /[\\/]$/.test(given);
    throw new UsageError(slash || thereAlready(given, true) === 'folder'
      ? `new needs the file's name too: a scenario file is named after its id, e.g. ${visibleLine(`${given}${slash ? '' : '/'}${example}.json`)}`
      : `a scenario file's name ends in .json: write ${visibleLine(`${given}.json`)}`);
  }
  const cwd = process.cwd();
  // An id alone: the program's scenarios folder only when the trainer works in the program's own
  // folder (as npm run cli always runs); from anywhere else (npx from a trainer's own folder), the
  // folder they are in, never a folder inside npm's cache they would not find again.
  const inProgram = sameFolder(cwd, packageRoot());
  const path = asPath ? given : join(inProgram ? scenariosDir() : cwd, `${given}.json`);
  // As the hints name it: as typed, or from where the command ran.
  const shown = asPath ? given : relative(cwd, path);
  const id = basename(path).replace(/\.json$/i, '');
  const width = textWidth();
  const say = (text: string) => io.err(`${wrapWords(text, width, commandName())}\n`);
  /** A command to copy, on rows of its own (broken only between words, with shell continuations). */
  const commandRows = (args: string) => commandLines(command(args), width - 2, '  ', commandName()).map((l) => `  ${l}`).join('\n');

  let exampleText: string;
  const examplePath = join(packageRoot(), 'docs', 'examples', 'first-scenario.json');
  try {
    exampleText = readFileSync(examplePath, 'utf8');
  } catch (e) {
    say(`casa-practice: no scenario file was written: the worked example ${shownFileName(examplePath)} could not be read (${errorWords(e)}).`);
    return 66;
  }
  const ids = scenarioIds(bundledScenarioFiles());
  let made: NewScenario;
  try {
    made = newScenario(exampleText, { id, schemaRef: schemaRefFor(path) }, {
      schemaRef: checkSchemaRef(path),
      fileStem: inScenariosDir(path) ? id : undefined,
      // Another of the app's files with this id; the file at this very path is said below as being there.
      sameIdElsewhere: (wanted) => ids.get(wanted)?.find((other) => !sameFile(other, path)),
      command: (a) => command(a),
    });
  } catch (e) {
    say(`casa-practice: no scenario file was written: the worked example ${shownFileName(examplePath)} could not be made a new scenario (${visibleLine(e instanceof Error ? e.message : String(e))}).`);
    return 70;
  }

  /** The first "<id>-2", "<id>-3"… that none of the app's scenarios has. */
  const freeId = (): string => {
    for (let n = 2; ; n++) if (!ids.has(`${id}-${n}`)) return `${id}-${n}`;
  };
  // The same place, with another id: as typed (its folder kept), quoted for a shell where it needs it.
  const withId = (other: string) => shellWord(asPath ? `${given.slice(0, given.length - basename(given).length)}${other}.json` : other);
  if (made.idProblems.length > 0) {
    const from = asPath ? ` (a scenario's id is its file's name without .json)` : '';
    const words = made.idProblems.map((p) => `${visibleLine(p.message)} ${visibleLine(p.fix)}`).join(' ');
    let instead = made.suggestion;
    if (instead === undefined && made.idProblems.some((p) => p.code === 'duplicate-scenario-id')) instead = freeId();
    say(`casa-practice: no scenario file was written${from}: ${words}`);
    if (instead !== undefined) io.err(`For example:\n${commandRows(`new ${withId(instead)}`)}\n`);
    return 2;
  }

  // Never over anything: refused as records --xapi refuses (exit 73), the path on a line of its own.
  const notWritten = (why: string, exit: number) => {
    io.err(`casa-practice: no scenario file was written to\n  ${shownFileName(shown)}\n${wrapWords(why, width)}\n`);
    return exit;
  };
  const exists = 'It already exists, and it is not written over: name a new file, or move that one away first.';
  // Bytes that are not UTF-8 reached the command as U+FFFD: the folder meant cannot be written into.
  const odd = notUtf8OutputWords(path);
  if (odd !== undefined) return notWritten(`${odd.charAt(0).toUpperCase()}${odd.slice(1)}.`, 74);
  const there = thereAlready(path);
  if (there === 'folder') return notWritten(`It is a folder: name a new file in it, such as ${shownFileName(join(shown, `${example}.json`))}`, 73);
  if (there && ids.get(id)?.some((file) => resolve(file) === resolve(path))) {
    // One of the app's own scenarios (new red-flags, in the program's folder): moving it away, as
    // the words for any other file suggest, would take it out of the picker. A new id is the way.
    notWritten("It is one of the app's scenarios (the scenario picker lists it), and it is not written over: give the new scenario an id of its own.", 73);
    io.err(`For example:\n${commandRows(`new ${withId(freeId())}`)}\n`);
    return 73;
  }
  if (there) return notWritten(exists, 73);
  if (!made.result.ok) {
    say(`casa-practice: no scenario file was written: the worked example ${shownFileName(examplePath)} has errors as a new scenario; run validate on it.`);
    return 70;
  }
  // Its folder, as graph --output says it: named, and how to make it.
  const missing = missingFolderSentence(path);
  if (missing !== undefined) return notWritten(missing, 74);
  try {
    // Made to be edited and shared: the usual permissions (0666 less the umask), not private like saves.
    writeNewFile(path, made.text, 0o666);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return notWritten(exists, 73);
    return notWritten(`${notWrittenWhy(path, e, errorWords)} name a file in a folder you can write to.`, 74);
  }

  const here = inScenariosDir(path) ? ", in the program's scenarios folder: the scenario picker lists it"
    : asPath ? ''
      : ` in the folder you are in (${shownFileName(cwd)}): an id alone writes into the program's scenarios folder only when run in the program's own folder`;
  const out = (text: string) => io.out(`${wrapWords(text, width, commandName())}\n`);
  out(`Wrote ${shownFileName(shown)}${here}.`);
  out(`It is the worked example with "id": ${JSON.stringify(id)}, "version": ${NEW_SCENARIO_VERSION}, the id after its "title" (the picker's row) and a "$schema" line for its folder. It validates and plays as it is; like the example, it is too small for the bundled set's house rules (audit says what to add; docs/authoring.md section 10).`);
  out('Write your story in it (docs/authoring.md, sections 3 to 6), then check it, play it as your test, and audit it:');
  const file = shellWord(shown);
  io.out(`${[`validate ${file}`, `play ${file} --preview`, `audit ${file}`].map(commandRows).join('\n')}\n`);
  return 0;
}
