import { createHash } from 'node:crypto';
import { closeSync, constants, existsSync, fstatSync, lstatSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { closest, didYouMean, fileProblem, MAX_FILE_BYTES, quoteAsWritten, scenarioPlaces, shownFileName, validateScenario, type ValidateOptions, type ValidationResult } from '../machines/index.js';
import { FileAccessError } from './errors.js';
import { command, commandName, shellWord } from './invocation.js';
import { verifiedResult } from './node/verified-scenarios.js';
import { scenariosDir } from './paths.js';
import { scenarioFilesIn } from './scenario-files.js';

export { FileAccessError, scenarioFilesIn };

/** A scenario file read from disk and validated. */
export interface LoadedFile {
  path: string;
  result: ValidationResult;
  /**
   * Where paths are in the file, as validate reports places (scenarioPlaces over the text it
   * validated): kept, when asked for, for a file whose scenario validated (the audit names places).
   */
  places?: ReturnType<typeof scenarioPlaces>;
}

/** One thing named on the command line: its files, or why the folder could not be listed. */
export interface ExpandedPath {
  path: string;
  /** Set when the path is a folder that cannot be listed. */
  unreadableFolder?: string;
}

function reason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ELOOP') return 'too many symbolic links';
  if (code === 'ENAMETOOLONG') return 'the name is too long';
  return 'it cannot be read';
}

/**
 * Why a path given on the command line that names nothing names nothing, when its bytes are not
 * UTF-8: Node gives the program such a path with U+FFFD (�) for those bytes, which no file has, and
 * the message named a file that does not exist ("cannot read "bad�.json": no such file"). Said when
 * the path holds U+FFFD and its folder holds a name that is not UTF-8 and reads as that name, or
 * when one of its folders' names holds U+FFFD and cannot be found. `folder`: whether the command
 * also takes a folder (validate, audit), which lists such a file under a name it can say.
 * Undefined otherwise.
 */
export function notUtf8Words(path: string, folder: boolean): string | undefined {
  if (!path.includes('\ufffd')) return undefined;
  const name = basename(path);
  const parent = dirname(path);
  if (name.includes('\ufffd')) {
    try {
      const odd = readdirSync(parent, { encoding: 'buffer' }).find((b) => b.toString('utf8') === name && !Buffer.from(name, 'utf8').equals(b));
      if (odd) {
        const isFolder = statSync(Buffer.concat([Buffer.from(`${parent}${sep}`, 'utf8'), odd]), { throwIfNoEntry: false })?.isDirectory() === true;
        return isFolder ? 'the name has bytes that are not UTF-8 (shown here as \u{FFFD}), so it reached casa-practice as a name no folder has; rename the folder'
          : `the name has bytes that are not UTF-8 (shown here as \u{FFFD}), so it reached casa-practice as a name no file has; rename the file${folder ? ', or pass its folder' : ''}`;
      }
    } catch {
      // Its folder cannot be listed: said below when that folder's own name is the cause.
    }
  }
  if (parent.includes('\ufffd') && !existsSync(parent)) return 'a folder\'s name in the path has bytes that are not UTF-8 (shown here as \u{FFFD}), so it reached casa-practice as a path that leads nowhere; rename that folder';
  return undefined;
}

/**
 * ' Did you mean "<path>"?' for a path given on the command line that names nothing, when its folder
 * holds a name a few letters off (or the name with ".json" after it): that file, written with the
 * folder as it was typed. A bundled id mistyped was told the id meant, a file path only "no such
 * file". An empty string when the folder cannot be listed or holds nothing near.
 */
export function nearFileWords(path: string): string {
  const name = basename(path);
  if (name === '' || name === '.' || name === '..') return '';
  let names: string[];
  try {
    names = readdirSync(dirname(path));
  } catch {
    return '';
  }
  const guess = names.find((n) => n === `${name}.json`) ?? closest(name, names);
  return guess === undefined || guess === name ? '' : ` Did you mean ${quoteAsWritten(`${path.slice(0, path.length - name.length)}${guess}`, 1000)}?`;
}

/** `why`, and when a file beside `path` was most likely meant, a full stop and nearFileWords' question. */
function withNearFile(why: string, path: string): string {
  const near = nearFileWords(path);
  return near === '' ? why : `${why}.${near}`;
}

/**
 * Why a file named on the command line to be written (new, records --xapi, graph --output) is not
 * written, when its path holds U+FFFD: Node gives the program bytes that are not UTF-8 as U+FFFD
 * (process.argv), so the name meant cannot be written; a file named "out\u{FFFD}.json" was written
 * in its place, and graph made a new folder "dir\u{FFFD}" beside the one meant. In words after
 * "could not write …:", without a full stop; undefined when the path holds no U+FFFD.
 */
export function notUtf8OutputWords(path: string): string | undefined {
  if (!path.includes('\ufffd')) return undefined;
  if (basename(path).includes('\ufffd')) return 'the name has bytes that are not UTF-8 (shown here as \u{FFFD}), so it reached casa-practice as another name, not the one meant; choose a name without them';
  const nowhere = notUtf8Words(path, false);
  return nowhere !== undefined ? `${nowhere}, or name a file in a folder you can write to`
    : 'a folder\'s name in the path has bytes that are not UTF-8 (shown here as \u{FFFD}), so it reached casa-practice as another folder\'s name, not the one meant; rename that folder, or name a file in another folder';
}

/**
 * Why a file named on the command line to be written (graph --output, new) is not: its folder does
 * not exist. Such a folder is not made: graph --output made "scenarois/drafts/" silently for a
 * mistyped "scenarios", and the graph went where the trainer would not look, while new refused it
 * (found by val-56). Said with the folder as typed, the first folder missing when it is higher up
 * (where a typing mistake would be), and the command that makes it. In words after "could not
 * write …:", without a full stop; undefined when the folder is there (or is not there for another
 * reason, such as a file in the path, which writing it says).
 */
export function missingFolderWords(path: string): string | undefined {
  const folder = dirname(path);
  const missing = (at: string) => {
    try {
      statSync(at);
      return false;
    } catch (e) {
      return (e as NodeJS.ErrnoException).code === 'ENOENT' && !isLink(at);
    }
  };
  if (!missing(folder)) return undefined;
  let first = folder;
  for (let up = dirname(first); up !== first && missing(up); up = dirname(up)) first = up;
  const nor = first === folder ? '' : ` (nor does ${shownFileName(first)})`;
  return `the folder ${shownFileName(folder)} does not exist${nor}: check the path for a typing mistake, or make the folder first (mkdir -p ${shellWord(folder)}) and run this again`;
}

/** missingFolderWords as a sentence of its own (new, records --xapi), or undefined when the folder is there. */
export function missingFolderSentence(path: string): string | undefined {
  const missing = missingFolderWords(path);
  return missing === undefined ? undefined : `${missing.charAt(0).toUpperCase()}${missing.slice(1)}.`;
}

/**
 * Why a file to be written (a command's output) could not be, in words before "name a file in a
 * folder you can write to.": a folder whose name is not UTF-8 (notUtf8Words) reached the command as
 * a path that leads nowhere, and was said not to exist, though it is there.
 */
export function notWrittenWhy(path: string, e: unknown, words: (e: unknown) => string): string {
  const code = (e as NodeJS.ErrnoException).code;
  const odd = code === 'ENOENT' ? notUtf8Words(path, false) : undefined;
  if (odd !== undefined) return `${odd.charAt(0).toUpperCase()}${odd.slice(1)}, or`;
  return code === 'ENOENT' ? 'Its folder does not exist:' : `It cannot be written (${words(e)}):`;
}

/**
 * Expands files and folders given on the command line into scenario files. A path that does not
 * exist is a usage error; a folder that cannot be listed is returned marked, so the others still run.
 */
export function expandPaths(paths: readonly string[]): ExpandedPath[] {
  const out: ExpandedPath[] = [];
  // Each file once, in the order first named: "validate draft.json ." checked draft.json twice.
  const seen = new Set<string>();
  const push = (...found: ExpandedPath[]) => {
    for (const f of found) {
      const key = resolve(f.path);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(f);
    }
  };
  for (const p of paths) {
    let isDir: boolean;
    try {
      isDir = statSync(p).isDirectory();
    } catch (e) {
      // A link that leads nowhere (or round in a loop) is there: reported as that file's problem.
      if (isLink(p)) {
        push({ path: p });
        continue;
      }
      const why = reason(e);
      const odd = why === 'no such file' ? notUtf8Words(p, true) : undefined;
      throw new FileAccessError(`cannot read ${quoteAsWritten(p, 1000)}: ${odd ?? (why === 'no such file' ? withNearFile('no such file or folder', p) : why)}`);
    }
    if (!isDir) {
      push({ path: p });
      continue;
    }
    try {
      push(...scenarioFilesIn(p).map((path) => ({ path })));
    } catch (e) {
      push({ path: p, unreadableFolder: reason(e) });
    }
  }
  return out;
}

/** Why a path is not a regular file, or undefined when it is one. */
function notRegular(stats: { isFile(): boolean; isDirectory(): boolean; isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean }): string | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isDirectory()) return 'it is a folder';
  if (stats.isFIFO()) return 'it is a named pipe, not a regular file';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'it is a device, not a regular file';
  if (stats.isSocket()) return 'it is a socket, not a regular file';
  return 'it is not a regular file';
}

/** The file's bytes, or why they were not read. Reads at most `limit` + 1 bytes, whatever the file claims its size is. */
export function readScenarioBytes(path: string, limit = MAX_FILE_BYTES): { bytes: Uint8Array } | { refused: 'not-a-file' | 'unreadable' | 'file-too-large'; why: string } {
  let fd: number;
  try {
    // Check before opening: opening a named pipe for reading waits for a writer.
    const why = notRegular(statSync(path));
    if (why) return { refused: 'not-a-file', why };
    // O_NONBLOCK: if the file was swapped for a pipe since, opening still returns at once.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    return { refused: 'unreadable', why: reason(e) };
  }
  try {
    const why = notRegular(fstatSync(fd));
    if (why) return { refused: 'not-a-file', why };
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1024 * 1024, limit + 1 - total));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
      total += n;
      if (total > limit) return { refused: 'file-too-large', why: `it is larger than ${(limit / 1024 / 1024).toFixed(1)} MB` };
    }
    return { bytes: Buffer.concat(chunks, total) };
  } catch (e) {
    return { refused: 'unreadable', why: reason(e) };
  } finally {
    closeSync(fd);
  }
}

/**
 * Files this process validated with no error, by the SHA-256 of their bytes: the full-screen picker
 * lists its folder again each time it opens (every file validated again: about a tenth of a second
 * of CPU each, with every playthrough explored), and a scenario chosen there is loaded once more to
 * play. A result with no problem at all names no file and no command, so it holds for the same
 * bytes anywhere. One with warnings names the file as shown (each problem's file) and a fix can
 * name the command as this run was started: it is kept for the same bytes at the same path, with
 * the same command. (A file with errors has no playthroughs to explore; it is validated each
 * time.) The same result, and scenario object, is handed out again (nothing changes a scenario once
 * loaded; the core keeps its analyses per scenario object, so they are not worked out again
 * either). At most KEPT, the first kept going first.
 */
const kept = new Map<string, ValidationResult>();
const KEPT = 64;

function validatedBefore(bytes: Uint8Array, path: string): ValidationResult {
  const digest = createHash('sha256').update(bytes).digest('hex');
  const named = `${digest}\n${path}\n${commandName()}`;
  const before = kept.get(digest) ?? kept.get(named);
  if (before) return before;
  const result = validateScenario(bytes, path, { command: (args) => command(args) });
  if (result.ok && !result.truncated) {
    if (kept.size >= KEPT) kept.delete(kept.keys().next().value as string);
    // Frozen, so that what is shared cannot be changed by one holder for the others: a change in
    // place (a test lengthening replies) throws where it is made instead of reaching the next load.
    deepFreeze(result.scenario);
    deepFreeze(result.problems);
    kept.set(result.problems.length === 0 ? digest : named, result);
  }
  return result;
}

function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const v of Object.values(value)) deepFreeze(v);
}

/**
 * Reads and validates one scenario file. A file that cannot be read (permission, not a regular
 * file, too large) becomes a problem of that file; one that does not exist is a FileAccessError.
 */
export function loadScenarioFile(path: string, limit = MAX_FILE_BYTES, options?: ValidateOptions, keepPlaces = false): LoadedFile {
  const read = readScenarioBytes(path, limit);
  // Bundled files unchanged since the build skip the work of validating again (node/verified-scenarios.ts).
  // A fix that names a command names it as the program was started here (npm run cli --, npx, node bin/…).
  if ('bytes' in read) {
    const result = options ? validateScenario(read.bytes, path, { command: (args) => command(args), ...options })
      : verifiedResult(read.bytes) ?? validatedBefore(read.bytes, path);
    // The places are found in the bytes validated, not in the file read again (it may have changed).
    return keepPlaces && result.scenario ? { path, result, places: scenarioPlaces(read.bytes, path) } : { path, result };
  }
  if (read.why === 'no such file' || read.why === 'it is a folder') {
    // A link (one listed in a folder, say) that leads nowhere or to a folder is that file's
    // problem, and the other files are still checked; nothing at all at the path is a usage error.
    const link = isLink(path);
    if (!link) throw new FileAccessError(`cannot read ${quoteAsWritten(path, 1000)}: ${(read.why === 'no such file' ? notUtf8Words(path, false) : undefined) ?? (read.why === 'no such file' ? withNearFile(read.why, path) : read.why)}`);
    return { path, result: fileProblem(path, read.refused, read.why === 'no such file' ? 'it is a link to a file that does not exist' : 'it is a link to a folder', LINK_FIX) };
  }
  return { path, result: fileProblem(path, read.refused, read.why, read.why === 'too many symbolic links' ? LINK_FIX : undefined) };
}

const LINK_FIX = 'Point the link at the scenario file (ls -l shows where it leads), or delete the link.';

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/** A folder named on the command line that could not be listed, as a problem of that folder. */
export function unreadableFolder(path: string, why: string): LoadedFile {
  return { path, result: fileProblem(path, 'unreadable', `it is a folder that cannot be listed (${why})`) };
}

/** Where a name or path given on the command line points, and a note when it could mean two things. */
export function resolveScenarioArg(nameOrPath: string): { path: string; note?: string } {
  if (/\.json$/i.test(nameOrPath) || nameOrPath.includes('/') || nameOrPath.includes('\\')) return { path: nameOrPath };
  const bundled = join(scenariosDir(), `${basename(nameOrPath)}.json`);
  let local = false;
  try {
    statSync(nameOrPath);
    local = true;
  } catch {
    // not a path here: a bundled scenario id
  }
  if (!local) {
    if (!existsSync(bundled)) {
      const ids = bundledIds();
      // A name that is not UTF-8 (a file or folder here): said as such where it is read (notUtf8Words).
      if (notUtf8Words(nameOrPath, false) !== undefined) return { path: nameOrPath };
      // The file here, named without its .json ("validate my-draft" beside my-draft.json): told
      // "it is not a file here" with the bundled ids, the trainer was not told it was (author-59).
      const withJson = `${nameOrPath}.json`;
      if (isFile(withJson)) {
        throw new FileAccessError(`no scenario ${quoteAsWritten(nameOrPath, 1000)}: it is not a file here, nor a bundled scenario, but ${quoteAsWritten(withJson, 1000)} is a file here: name it with its .json (a name without it is looked for among the bundled scenarios).`);
      }
      throw new FileAccessError(`no scenario ${quoteAsWritten(nameOrPath, 1000)}: it is not a file here, nor a bundled scenario.${didYouMean(nameOrPath, ids)}${ids.length > 0 ? ` (bundled: ${ids.join(', ')})` : ''}`);
    }
    // A file of that name here too: the bundled one is used, and that is said (it was not).
    const withJson = `${nameOrPath}.json`;
    return isFile(withJson) ? { path: bundled, note: `"${nameOrPath}" is a bundled scenario id; using the bundled one (write "${withJson}" for the file here)` } : { path: bundled };
  }
  let alsoBundled = false;
  try {
    alsoBundled = statSync(bundled).isFile();
  } catch {
    // no bundled scenario of that name
  }
  return { path: nameOrPath, note: alsoBundled ? `"${nameOrPath}" is both a path here and a bundled scenario id; using the path "./${nameOrPath}" (write "${bundled}" for the bundled one)` : undefined };
}

/**
 * Finds a scenario by file path or by id among the bundled scenarios ("youth-discloses"). A path
 * that exists is a path; only a bare word that is not a file or folder is a bundled scenario id.
 */
export function resolveScenarioPath(nameOrPath: string): string {
  return resolveScenarioArg(nameOrPath).path;
}

/**
 * Whether a word typed where a command goes names a scenario `play` would open: a bundled scenario's
 * id, or a .json file here (a path with no spaces, so it can be shown in a command to copy).
 */
export function namesScenario(word: string): boolean {
  if (/\s/.test(word)) return false;
  if (/\.json$/i.test(word)) {
    try {
      return statSync(word).isFile();
    } catch {
      return false;
    }
  }
  return bundledIds().includes(word);
}

/** The bundled scenario's id a mistyped word most likely meant ("red-flag" → "red-flags"), if one is near. */
export function nearScenarioId(word: string): string | undefined {
  return /\s/.test(word) ? undefined : closest(word, bundledIds());
}

/** The ids of the bundled scenarios, as their file names give them. */
function bundledIds(): string[] {
  try {
    return scenarioFilesIn(scenariosDir()).map((f) => basename(f, '.json'));
  } catch {
    return [];
  }
}
