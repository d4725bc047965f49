import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { cleanLine, quoteAsWritten, shownCount, shownFileName } from '../machines/light.js';
import { shellWord } from './invocation.js';

const JSON_NAME = /\.json$/i;
const SCHEMA_NAME = /\.schema\.json$/i;

/**
 * Scenario files in a folder: every *.json (.JSON too, as Windows may save it) except JSON Schemas,
 * sorted by name. A link named *.json is one when it leads to a regular file, and when it leads
 * nowhere (or round in a loop): the reader then says so for that file. A link to a folder, a device
 * or a pipe is left out, as such entries themselves are: reading one would block or never end (the
 * picker lists every file).
 */
export function scenarioFilesIn(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => JSON_NAME.test(e.name) && !SCHEMA_NAME.test(e.name) && (e.isFile() || (e.isSymbolicLink() && linkToFileOrNothing(join(dir, e.name)))))
    .map((e) => join(dir, e.name))
    .sort();
}

function linkToFileOrNothing(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return true;
  }
}

/**
 * Why a folder holds no scenario files, for the message that says none were found: files whose
 * name ends in .json.txt (Windows hides a known ending, so "story.json" saved from Notepad may be
 * story.json.txt) and folders inside it, which are not looked in. Empty when there is neither.
 */
export function whyNoScenarioFiles(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const hidden = entries.filter((e) => e.isFile() && /\.json\.txt$/i.test(e.name)).map((e) => e.name).sort();
  const folders = entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name).sort();
  // Entries named *.json that scenarioFilesIn leaves out (a named pipe, a device, a socket, a link to
  // a folder or a device): "no scenario files found" alone read as if the folder held no .json at all.
  const notFiles = entries
    .filter((e) => JSON_NAME.test(e.name) && !SCHEMA_NAME.test(e.name) && !e.isFile() && !e.isDirectory() && !(e.isSymbolicLink() && linkToFileOrNothing(join(dir, e.name))))
    .map((e) => e.name)
    .sort();
  const out: string[] = [];
  // Each name in double quotes with what a terminal acts on or hides shown escaped ("a\u001b[31m.json.txt"):
  // cleaned, it named a file or folder that is not there ("rename "a.json.txt"" for a file named a<ESC>[31m.json.txt).
  const quoted = (name: string) => quoteAsWritten(name, 1000);
  // A folder named like a scenario file ("andres-friend.json/", an unzipped copy, say): what was
  // meant is a file, and "no scenario files found in andres-friend.json" read as if the file were empty.
  if (/\.json$/i.test(basename(dir))) out.push(`${quoted(basename(dir))} is a folder, not a scenario file: a folder is checked for the .json files in it`);
  if (hidden.length > 0) out.push(`${hidden.length === 1 ? `${quoted(hidden[0] ?? '')} ends in .txt` : `${hidden.length} files end in .json.txt (${hidden.slice(0, 3).map(quoted).join(', ')}${hidden.length > 3 ? ', …' : ''})`}: scenario files end in .json; rename ${hidden.length === 1 ? 'it' : 'them'} without the .txt (Windows may hide that ending)`);
  if (notFiles.length > 0) out.push(`${notFiles.length === 1 ? `${quoted(notFiles[0] ?? '')} is not a regular file` : `${notFiles.length} .json entries are not regular files (${notFiles.slice(0, 3).map(quoted).join(', ')}${notFiles.length > 3 ? ', …' : ''})`} (a pipe, a device, or a link to one or to a folder): only regular files are read`);
  if (folders.length > 0) out.push(`folders inside it are not looked in (${folders.slice(0, 3).map(quoted).join(', ')}${folders.length > 3 ? ', …' : ''}): name ${folders.length === 1 ? 'that folder' : 'the folder'} itself to check the files in it`);
  return out;
}

/**
 * A file or folder as a word of a command line in a hint: from the working folder when it is in it
 * ("scenarios/", "drafts/a.json"), else as it is; quoted for a shell (shellWord). "… validate
 * /home/trainer/projects/casa-practice/scenarios" was wider than 60 columns, and the terminal broke
 * it mid-word. A folder keeps a trailing / so that it is never taken for a scenario id.
 */
export function commandPath(path: string, cwd: string = process.cwd(), folder = false): string {
  const rel = relative(cwd, path);
  if (rel === '') return '.';
  if (rel.startsWith('..') || isAbsolute(rel)) return shellWord(path);
  return shellWord(folder ? `${rel}/` : rel);
}

/**
 * The picker's notice for a scenario found to have errors when opened (before the picker had
 * checked it): the validate command on a line of its own, as the left-out notice gives it.
 */
export function hasErrorsNotice(title: string, file: string, run: (args: string) => string, cwd: string = process.cwd()): string {
  return `"${cleanLine(title)}" has errors. To see them, run:\n${run(`validate ${commandPath(file, cwd)}`)}`;
}

/** How many left-out files the notice names (the rest are counted, and the folder is checked). */
const NAMED_LEFT_OUT = 3;
/** The narrowest terminal the app fits: a command of at most this many columns is never broken. */
const COMMAND_COLUMNS = 60;

/**
 * The picker's notice for the scenario files it left out (errors, not valid JSON, unreadable), as
 * the web Library's "1 file left out: broken.json (it has errors)." says it, with the command that
 * shows why: `validate` on those files (a file of the app's scenarios folder by its name without
 * ".json", which validate finds there; any other by its path, from the working folder when it is
 * in it), or on their folder when there are
 * more than three (or when their paths make the command longer than a 60-column row and the folder
 * is shorter). The command is on a line of its own. File names are shown with anything a terminal
 * acts on escaped, never acted on, and the command's words quoted for a shell (shellWord).
 * Undefined when none is left out.
 */
export function leftOutNotice(leftOut: readonly { file: string; reason: string }[], appFolder: string, run: (args: string) => string, exists: (path: string) => boolean = existsSync, cwd: string = process.cwd()): string | undefined {
  if (leftOut.length === 0) return undefined;
  const named = leftOut.slice(0, NAMED_LEFT_OUT).map((l) => `${shownFileName(basename(l.file))} (${cleanLine(l.reason)})`).join('; ');
  const arg = (path: string, folder = false) => commandPath(path, cwd, folder);
  const byName = (file: string) => {
    const stem = basename(file).replace(JSON_NAME, '');
    // validate takes a bare word for the app's file of that name, unless a file or folder here has that name.
    return resolve(dirname(file)) === resolve(appFolder) && /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(stem) && !exists(stem) ? stem : arg(file);
  };
  const folders = [...new Set(leftOut.map((l) => dirname(l.file)))];
  const byFolder = run(`validate ${folders.slice(0, NAMED_LEFT_OUT).map((f) => arg(f, true)).join(' ')}`);
  let cmd = leftOut.length <= NAMED_LEFT_OUT ? run(`validate ${leftOut.map((l) => byName(l.file)).join(' ')}`) : byFolder;
  // The files by path too long for a 60-column row: their folder, when that is shorter (it checks them too).
  if ([...cmd].length > COMMAND_COLUMNS && [...byFolder].length < [...cmd].length) cmd = byFolder;
  const count = `${leftOut.length} file${leftOut.length === 1 ? '' : 's'} left out`;
  // The command on a line of its own (the picker shows it as its own row): after the words, at 60
  // columns a long path was cut after a "/", and a copied command took the line break with it.
  // More than three: how many more, in words (an ellipsis before the full stop read "; …. To see why").
  const more = leftOut.length > NAMED_LEFT_OUT ? `; and ${shownCount(leftOut.length - NAMED_LEFT_OUT)} more` : '';
  return `${count}: ${named}${more}. To see why, run:\n${cmd}`;
}
