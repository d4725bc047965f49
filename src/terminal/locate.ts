import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanLine, fitToSave, formatValidation, peekScenario, quoteValue, relocateSave, shownFileName, type MissingFile, type ResumeResult } from '../machines/index.js';
import { FileAccessError, loadScenarioFile, readScenarioBytes, type LoadedFile } from './files.js';
import { command, shellWord } from './invocation.js';
import { stateStore } from './node/state-store.js';
import { isBundledFile } from './saves.js';
import { scenarioFilesIn } from './scenario-files.js';

// Finding the file of a save whose trainer's scenario moved: what a volunteer or trainer typed or
// pasted, looked at on disk. The core decides whether a file is the save's (id and version) and
// re-points the save; this module only reads the file system. Shared by the app and plain mode.

/** A file in a folder that names the save's scenario id. */
export interface FolderMatch {
  /** Its path. */
  file: string;
  /**
   * Its name for a list, with any control, bidi or zero-width character shown escaped (shownFileName):
   * cleaned, "draft.json" and "draft<ZWSP>.json" were listed as the same name.
   */
  name: string;
  /** The version it names (undefined when it names none). */
  version?: number;
  /** Whether its version is the save's. */
  fits: boolean;
}

/** What looking at a typed path found. Every text in it is clean, but a folder's path, which is as typed (show it quoted: quoteValue). */
export type LookResult =
  /** The save's scenario: the save now names this file and resumes. */
  | { kind: 'resumed'; found: Extract<ResumeResult, { kind: 'ok' }> }
  /** A folder: its files with the save's scenario id (at least one). */
  | { kind: 'folder'; folder: string; files: FolderMatch[] }
  /**
   * Not the save's scenario, or nothing usable there: why, and a file's problems as validate prints
   * them. A message's last line may be a command (starting with commandName): lay it out with
   * commandRows or wrapWords.
   */
  | { kind: 'refused'; message: string; problems?: string };

/** A path as it may be echoed: quoted, its escapes shown. */
const shown = (path: string) => quoteValue(path, 160);

/**
 * The path a volunteer typed or pasted: trimmed, without the quotes a file manager adds, ~ for the
 * home folder, a file:// address, and backslash-escaped spaces when the path as typed is not there.
 * Relative to the folder the app was started in. Undefined when nothing was typed.
 */
export function typedPath(typed: string, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string | undefined {
  let text = typed.trim();
  if (text.length >= 2 && (text[0] === '"' || text[0] === "'") && text.endsWith(text[0])) text = text.slice(1, -1);
  if (text === '') return undefined;
  if (text.startsWith('file://')) {
    try {
      text = fileURLToPath(text);
    } catch {
      // not a file address after all: taken as typed
    }
  }
  if (text === '~' || text.startsWith('~/')) text = `${env.HOME ?? homedir()}${text.slice(1)}`;
  const path = resolve(cwd, text);
  if (!exists(path) && /\\./.test(text)) {
    const unescaped = resolve(cwd, text.replace(/\\(.)/g, '$1'));
    if (exists(unescaped)) return unescaped;
  }
  return path;
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Looks at what was typed for the save's file: a file is validated as `casa-practice validate`
 * does and, when it is the save's scenario and version, the save resumes from it and names it from
 * now on; a folder lists its scenario files with the save's id. Anything else is refused with one
 * line, and the save is left exactly as it was.
 */
export function lookFor(missing: MissingFile, typed: string, env: NodeJS.ProcessEnv = process.env): LookResult {
  const path = typedPath(typed, env);
  if (path === undefined) return { kind: 'refused', message: 'Type the path of the scenario file, or of a folder to look in.' };
  let folder: boolean;
  try {
    folder = statSync(path).isDirectory();
  } catch {
    return { kind: 'refused', message: `Nothing is at ${shown(path)}; check the path and try again.` };
  }
  return folder ? lookInFolder(missing, path) : tryFile(missing, path, env);
}

/** The scenario files in a folder that name the save's scenario id, with their versions. */
function lookInFolder(missing: MissingFile, folder: string): LookResult {
  let files: string[];
  try {
    files = scenarioFilesIn(folder);
  } catch (e) {
    return { kind: 'refused', message: `The folder ${shown(folder)} cannot be listed (${cleanLine((e as Error).message)}).` };
  }
  const matches: FolderMatch[] = [];
  for (const file of files) {
    const read = readScenarioBytes(file);
    const peek = 'bytes' in read ? peekScenario(Buffer.from(read.bytes).toString('utf8')) : undefined;
    if (peek?.id !== missing.id) continue;
    matches.push({ file, name: shownFileName(basename(file)), ...(peek.version !== undefined ? { version: peek.version } : {}), fits: peek.version !== undefined && fitToSave(missing, { id: peek.id, version: peek.version }) === 'fits' });
  }
  if (matches.length === 0) {
    const n = files.length;
    return { kind: 'refused', message: `No scenario file in ${shown(folder)} has the id ${shown(missing.id)} (${n} .json file${n === 1 ? '' : 's'} looked at).` };
  }
  // As typed: the screens quote it (quoteValue), escapes shown; cleaned, it named the folder beside it.
  return { kind: 'folder', folder, files: matches };
}

/** Validates one file and, if it is the save's scenario and version, resumes the save from it. */
export function tryFile(missing: MissingFile, path: string, env: NodeJS.ProcessEnv = process.env): LookResult {
  let loaded: LoadedFile;
  try {
    loaded = loadScenarioFile(path);
  } catch (e) {
    if (e instanceof FileAccessError) return { kind: 'refused', message: `Nothing is at ${shown(path)}; check the path and try again.` };
    throw e;
  }
  const scenario = loaded.result.scenario;
  if (!scenario) {
    const n = loaded.result.errors;
    return {
      kind: 'refused',
      // The command ends the words, on a line of its own (the screens lay it out with commandRows,
      // plain mode with wrapWords), and names the file tried: "…; check it with <command> validate
      // <file>." had it mid-sentence, wrapped as words, and <file> to be typed again.
      message: `${shown(path)} has ${n} error${n === 1 ? '' : 's'}, so it cannot be played. See why with:\n${command(`validate ${shellWord(path)}`, env)}`,
      problems: formatValidation(loaded.result, path),
    };
  }
  const found = relocateSave(stateStore(env), missing.key, { scenario, file: path, ...(isBundledFile(path) ? { bundled: true } : {}) });
  return found.kind === 'ok' ? { kind: 'resumed', found } : { kind: 'refused', message: found.error };
}

/** A folder's file as listed: "mine.json (version 1)", or with the version the save needs when it differs. */
export function matchLabel(match: FolderMatch, missing: Pick<MissingFile, 'version'>): string {
  const version = match.version === undefined ? 'no version' : `version ${match.version}`;
  return `${match.name} (${version}${match.fits ? '' : `; the save is for version ${missing.version}`})`;
}
