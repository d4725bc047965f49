import { dirname, resolve } from 'node:path';
import { cleanLine, shownFileName } from '../machines/light.js';
import { checkFiles, failsCheck, fitted, printReports, type CliIO } from './commands.js';
import type { LoadedFile } from './files.js';
import { isFolder, isThere, realPath, watchPaths } from './node/watch-paths.js';
import { scenarioFilesIn } from './scenario-files.js';

/** A file or folder named on the command line. */
interface Named {
  path: string;
  folder: boolean;
}

/**
 * A folder that cannot be watched. `why` may be Node's own message (an uncommon error such as EMFILE),
 * which names the path as the file system has it: cleaned, as any text from outside is.
 */
export function cannotWatchLine(folder: string, why: string): string {
  return `casa-practice: cannot watch ${shownFileName(folder)} (${cleanLine(why)}): saves there are not seen.\n`;
}

/** The time of day on the trainer's clock, 14:02:11. */
function clock(now = new Date()): string {
  return [now.getHours(), now.getMinutes(), now.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

/** The scenario files the named paths stand for now: a named file while it is there, a folder's *.json. */
function filesNow(named: readonly Named[]): string[] {
  const out: string[] = [];
  for (const n of named) {
    if (!n.folder) {
      if (isThere(n.path)) out.push(n.path);
      continue;
    }
    try {
      out.push(...scenarioFilesIn(n.path));
    } catch {
      // A folder gone or unreadable has no files to check now.
    }
  }
  return [...new Set(out)];
}

/** Whether the file is one of the folder's own (a folder named stands for its own files, not its subfolders'). */
function isFileOf(file: string, folder: string): boolean {
  return resolve(dirname(file)) === resolve(folder);
}

/** A list of things said, joined as a sentence: "a; b; c". */
function sentence(parts: readonly string[]): string {
  return `${parts.join('; ')}.`;
}

/**
 * `validate --watch`, after the first report (`first`): checks the files again each time one is
 * saved (a burst of writes is one save), each report under a line that says when and why, nothing
 * above it cleared; a file or folder named that is deleted is said, and checked again when it comes
 * back; a folder named has its new *.json files checked. Stops on Ctrl+C (SIGINT) with exit code 0.
 */
export function watchAndValidate(paths: readonly string[], first: readonly LoadedFile[], strict: boolean, io: CliIO): Promise<number> {
  const named: Named[] = paths.map((path) => ({ path, folder: isFolder(path) }));
  const namedFiles = new Set(named.filter((n) => !n.folder).map((n) => n.path));
  const results = new Map<string, LoadedFile>();
  const listed = new Set(filesNow(named));
  for (const f of first) if (listed.has(f.path)) results.set(f.path, f);
  const shown = (p: string) => shownFileName(p);
  const folderSaidGone = new Set<string>();

  const onChange = (changed: ReadonlySet<string>) => {
    const now = filesNow(named);
    const hit = (p: string) => {
      const abs = resolve(p);
      const real = realPath(abs);
      // An event that named no file stands for every file of its folder.
      return changed.has(abs) || changed.has(dirname(abs)) || (real !== undefined && (changed.has(real) || changed.has(dirname(real))));
    };
    const saved = now.filter((p) => results.has(p) && hit(p));
    // A folder named that is gone is waited for: once one is there again, it is watched and checked.
    const lost = named.filter((n) => n.folder && !folderSaidGone.has(n.path) && !isFolder(n.path));
    const back = named.filter((n) => n.folder && folderSaidGone.has(n.path) && isFolder(n.path));
    for (const n of lost) folderSaidGone.add(n.path);
    for (const n of back) folderSaidGone.delete(n.path);
    const inBack = (p: string) => back.some((n) => isFileOf(p, n.path));
    const added = now.filter((p) => !results.has(p));
    const gone = [...results.keys()].filter((p) => !now.includes(p));
    if (saved.length + added.length + gone.length + lost.length + back.length === 0) return;
    for (const p of gone) results.delete(p);
    const checked = checkFiles(now.map((path) => ({ path })), false, new Set([...saved, ...added]));
    for (const f of checked) results.set(f.path, f);
    const said = [
      ...back.map((n) => `the folder ${shown(n.path)} is back, checking it again`),
      ...saved.map((p) => `${shown(p)} was saved`),
      // The files of a folder that is back are said with it.
      ...added.filter((p) => !inBack(p)).map((p) => `${shown(p)} ${namedFiles.has(p) ? 'is back' : 'is new'}`),
      ...gone.map((p) => `${shown(p)} is gone (deleted or moved away)${namedFiles.has(p) ? ': it is checked again if it comes back' : ''}`),
      ...lost.map((n) => `the folder ${shown(n.path)} is gone: it is checked again if it comes back`),
    ];
    // A blank line, then when and why: each report stands apart from the one before, which stays
    // where it was (nothing is cleared: the trainer may scroll back to it).
    io.out(`\n${fitted(`${checked.length > 0 ? 'Checked again at' : 'At'} ${clock()}: ${sentence(said)}`, io)}\n`);
    const current = now.map((p) => results.get(p)).filter((f): f is LoadedFile => f !== undefined);
    printReports(checked, current.length, current.filter((f) => failsCheck(f, strict)).length, strict, io);
    if (current.length === 0 && named.some((n) => n.folder)) io.out('No scenario files to check now.\n');
  };

  return new Promise((done) => {
    const stopWatching = watchPaths(paths, onChange, ({ folder, why }) => {
      io.err(cannotWatchLine(folder, why));
    });
    const folders = named.some((n) => n.folder);
    io.out(`\nWatching for saves${folders ? ' and new files' : ''}. Press Ctrl+C to stop.\n`);
    const stop = () => {
      process.off('SIGINT', stop);
      stopWatching();
      // In a terminal, Ctrl+C showed "^C" where the next line starts.
      io.out(`${io.columns?.() ? '\n' : ''}Stopped watching.\n`);
      done(0);
    };
    process.on('SIGINT', stop);
  });
}
