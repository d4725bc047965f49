import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { debriefExport, type ExportedDebrief, FACILITATION_PREFIX, OUT_OF_DATE_SUMMARY, sessionSummaryFile, keepDebriefExport, type PlayableScenario, facilitatedDecision, facilitationMarkdown, localFileStamp, shownFileName, summaryBaseName, type Debrief, type FacilitatedDecision, type RestoredFacilitation, type Scenario, type SessionMode, type SessionView } from '../machines/index.js';
import { packageVersion } from './paths.js';
import { stateDir, writeAtomic, writeNew } from './state.js';
import { canWrite, checkStateFolder, stateStore } from './node/state-store.js';
import { columnsOf, wrapWords } from './wrap.js';

/** Where exports and session summaries go: <state dir>/exports. */
export function exportsDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(stateDir(env), 'exports');
}

/**
 * The files a debrief export wrote, with what it wrote in them, or (an export kept with a trainer-led
 * session, read in a later run) a digest of it: to tell them unchanged since (unchangedExport).
 */
export interface DebriefFiles {
  markdown: string;
  json: string;
  written?: { markdown: string; json: string };
  digest?: { markdown: string; json: string };
}

/** The hex SHA-256 of a text as written (UTF-8). */
function digestOf(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** An export as a trainer-led session keeps it (the core's ExportedDebrief): its paths and digests; undefined without either. */
export function keptExport(files: DebriefFiles): ExportedDebrief | undefined {
  const digest = files.digest ?? (files.written === undefined ? undefined : { markdown: digestOf(files.written.markdown), json: digestOf(files.written.json) });
  return digest === undefined ? undefined : { markdown: files.markdown, json: files.json, digest };
}

/**
 * Notes an export beside the kept debrief of the playthrough it is of (the core's keepDebriefExport),
 * so that the debrief opened again from the picker says where it is at e instead of writing a second
 * pair. For the kept debrief of this very playthrough only: the caller knows it was kept.
 */
export function noteKeptExport(env: NodeJS.ProcessEnv, playable: Pick<PlayableScenario, 'scenario' | 'file' | 'bundled' | 'from' | 'set' | 'preview'>, files: DebriefFiles): void {
  const exported = keptExport(files);
  if (exported !== undefined) keepDebriefExport(stateStore(env), playable, exported);
}

/**
 * Writes the debrief as Markdown and JSON (into `dir`, by default the exports folder); returns both
 * paths. `at`: in place of an earlier export's two files (a trainer-led session's, at a later ending).
 */
export function exportDebrief(scenario: Scenario, debrief: Debrief, env: NodeJS.ProcessEnv = process.env, now = new Date(), opts: { mode?: SessionMode; dir?: string; recorded?: boolean; trainerLed?: boolean; at?: { markdown: string; json: string } } = {}): DebriefFiles {
  let appVersion: string | undefined;
  try {
    appVersion = packageVersion();
  } catch {
    // not worth failing an export for
  }
  const files = debriefExport(scenario, debrief, now, { mode: opts.mode, appVersion, ...(opts.recorded === false ? { recorded: false } : {}), ...(opts.trainerLed === true ? { trainerLed: true } : {}) });
  // A name no file has yet (-2, -3… as records exports are named): a second export in the same second
  // (this session's next ending, its earlier export changed since) was written over the first.
  const named = join(opts.dir ?? exportsDir(env), files.baseName);
  let base = named;
  for (let n = 2; opts.at === undefined && (existsSync(`${base}.md`) || existsSync(`${base}.json`)); n++) base = `${named}-${n}`;
  const markdown = opts.at?.markdown ?? `${base}.md`;
  const json = opts.at?.json ?? `${base}.json`;
  writeAtomic(markdown, files.markdown);
  writeAtomic(json, files.json);
  return { markdown, json, written: { markdown: files.markdown, json: files.json }, digest: { markdown: digestOf(files.markdown), json: digestOf(files.json) } };
}

/** Larger than any export: a file this large at a kept export's path is not read to compare. */
const MAX_EXPORT_BYTES = 16 * 1024 * 1024;

/** An export's two files as it wrote them: neither removed nor changed since (by the trainer, or another export). */
export function unchangedExport(files: DebriefFiles): boolean {
  const { written, digest } = files;
  if (written === undefined && digest === undefined) return false;
  try {
    // Regular files only: a kept session's paths are untrusted (a folder, a pipe or a device there is not the export).
    if ([files.markdown, files.json].some((p) => { const st = statSync(p); return !st.isFile() || st.size > MAX_EXPORT_BYTES; })) return false;
    const [markdown, json] = [readFileSync(files.markdown, 'utf8'), readFileSync(files.json, 'utf8')];
    if (written !== undefined) return markdown === written.markdown && json === written.json;
    return digest !== undefined && digestOf(markdown) === digest.markdown && digestOf(json) === digest.json;
  } catch {
    return false;
  }
}

/**
 * Whether an export's two files are this very debrief's, as that export wrote them: unchanged since
 * (unchangedExport), and the JSON one of the same scenario and version, trainer-led or not as
 * `as.trainerLed` says (alone, in the same mode, and no what-if replay), with this debrief in it (the
 * export kept with a finished trainer-led session opened again, or with a kept debrief opened again
 * from the picker: one written at an ending the room went back from, and not written again,
 * describes another ending; a kept debrief's paths are untrusted).
 */
export function exportOfDebrief(files: DebriefFiles, scenario: Pick<Scenario, 'id' | 'version'>, debrief: Debrief, as: { trainerLed: boolean; mode?: SessionMode } = { trainerLed: true }): boolean {
  if (!unchangedExport(files)) return false;
  try {
    const kept = JSON.parse(readFileSync(files.json, 'utf8')) as { scenario?: { id?: unknown; version?: unknown }; trainerLed?: unknown; mode?: unknown; whatIf?: unknown; debrief?: unknown };
    const how = as.trainerLed ? kept.trainerLed === true : kept.trainerLed === undefined && kept.whatIf === undefined && kept.mode === (as.mode ?? 'practice');
    return how && kept.scenario?.id === scenario.id && kept.scenario.version === scenario.version && JSON.stringify(kept.debrief) === JSON.stringify(debrief);
  } catch {
    return false;
  }
}

/**
 * A path as shown on screen: relative to the state folder when inside it (short enough not to wrap),
 * named as shownFileName names it (quoted, escapes shown): cleaned, a state folder whose path holds
 * an escape was named as another folder.
 */
export function shownPath(path: string, env: NodeJS.ProcessEnv = process.env): string {
  return shownFileName(isWithin(path, stateDir(env)) ? relative(stateDir(env), path) : path);
}

/** Whether a path is inside a folder (not the folder itself). */
export function isWithin(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/**
 * Where a file in the state folder went, as printed on leaving the full-screen app `width` columns
 * wide: the whole path on a row of its own where it fits one, else as the screen names it, its path
 * within the state folder on a row of its own and "(in the state folder …)" on the next. The whole
 * path, longer than the row, was broken by the terminal mid-name (at 60 columns
 * "…/exports/testifying-session" and "-2026-12-06T06-58-19.md" on the next row). Where even that
 * path is longer than the row (a live room's summary, "-room-<code>" in its name: 62 columns for
 * youth-discloses), the file's name alone on its row and "(in exports/ in the state folder …)"
 * after it. The words in brackets are wrapped at spaces, the state folder kept whole on a row of
 * its own where it does not fit after them (wordsThenPath). A file outside the state folder (a
 * trainer-led summary written where the app was started, the state folder not writable) is named so
 * too where its whole path is longer than the row: its name on its row, "(in the folder <folder>)" after it
 * (the terminal broke the whole path mid-name, "…-2026-12-" / "06T09-40-58.md").
 */
export function leavingPath(path: string, width: number, env: NodeJS.ProcessEnv = process.env): string {
  const whole = shownFileName(path);
  const within = shownPath(path, env);
  if (columnsOf(whole) <= width) return whole;
  if (within === whole) return `${shownFileName(basename(path))}\n${wordsThenPath('(in the folder', shownFileName(dirname(path)), ')', width)}`;
  const state = shownStateDir(env);
  if (columnsOf(within) <= width) return `${within}\n${wordsThenPath('(in the state folder', state, ')', width)}`;
  const folder = dirname(relative(stateDir(env), path));
  return `${shownFileName(basename(path))}\n${wordsThenPath(`(in ${folder === '.' ? '' : `${shownFileName(folder)}/ `}in the state folder`, state, ')', width)}`;
}

/**
 * Words and then a folder's path (with what closes the sentence, ")"), on one row where they fit
 * `width`, else the words wrapped and the path whole on a row of its own: never broken at a space in
 * it. (wrapWords tells a path's words from the sentence's by their "/", so a folder whose name has
 * a space and more words after it, "/tmp/x/my practice folder" or "…/my practice folder for the
 * volunteers/casa-practice", was broken at that space, its last words on the next row.)
 */
function wordsThenPath(words: string, folder: string, close: string, width: number): string {
  const one = `${words} ${folder}${close}`;
  return columnsOf(one) <= width ? one : `${wrapWords(words, width)}\n${folder}${close}`;
}

/** The state folder as shown on screen (~ for the home folder), as shownFileName names it: it comes from the environment. */
export function shownStateDir(env: NodeJS.ProcessEnv = process.env): string {
  const dir = stateDir(env);
  const home = env.HOME || homedir();
  return shownFileName(home && dir.startsWith(`${home}/`) ? `~/${dir.slice(home.length + 1)}` : dir);
}

/**
 * Somewhere else to export when the state folder cannot be written: the folder the app was started
 * in (the shell's PWD) if writable, else the temp folder.
 */
export function fallbackExportDir(env: NodeJS.ProcessEnv = process.env, cwd = env.PWD || process.cwd()): string {
  return canWrite(cwd) ? cwd : tmpdir();
}

/** What a trainer-led session that ends before the room entered anything says in place of a summary. */
export const NOTHING_ENTERED_WORDS = 'Nothing was entered in this session, so no summary was written.';

/**
 * Writes a trainer-led session's summary to the exports folder and returns its path. Its name has
 * the local time, as the screens show it (example-new-phone-session-2026-12-03T10-00-00.md; it was
 * UTC, which a trainer in Los Angeles read as eight hours off). Never over another summary: one
 * written in the same second, or in the hour a change from daylight saving time repeats (the summary
 * so far, then a session started over and ended at once, or another terminal's), gets "-2", "-3"…
 * after its time (see writeNew).
 */
export function writeSessionSummary(scenario: Scenario, decisions: readonly FacilitatedDecision[], debrief: Debrief | undefined, env: NodeJS.ProcessEnv = process.env, now = new Date(), opts: { carriedOn?: boolean; path?: string; dir?: string; session?: string } = {}): string {
  const words = facilitationMarkdown(scenario, decisions, debrief, now);
  const markdown = opts.session === undefined ? words : `${words}${sessionMark(opts.session, words)}`;
  // The summary written at an ending the room then went back from: written again in its place, so
  // no file is left saying the room took a branch it took back.
  if (opts.path !== undefined) {
    writeAtomic(opts.path, markdown);
    return opts.path;
  }
  // A kept session carried on, then stopped or started over before the room entered anything more,
  // has nothing new to say: the summary written when it stopped is named again, not written twice.
  // Only where this one is written (the exports folder): written elsewhere (the state folder refuses
  // writes, so where the app was started), the same words as a summary in the exports folder named
  // that file as "written to" where the state folder "cannot be written", and no file where u said.
  const dir = opts.dir ?? exportsDir(env);
  const same = opts.carriedOn && resolve(dir) === resolve(exportsDir(env)) ? sameSessionSummary(scenario, markdown, env) : undefined;
  return same ?? writeNew(join(dir, summaryBaseName(scenario, localFileStamp(now))), '.md', markdown);
}

/**
 * Where a trainer-led session's summary is written when the state folder cannot be written: where
 * the debrief's e: export writes then (fallbackExportDir: the folder the app was started in, else
 * the temp folder). Undefined where the state folder can be written (its exports folder). The room's
 * votes were lost with the state folder: "The session summary could not be written (permission
 * denied)" as the session ended, where the same app's export wrote elsewhere.
 */
export function roomSummaryDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return stateStore(env).savingFailure() !== undefined ? fallbackExportDir(env) : undefined;
}

/**
 * roomSummaryDir once a summary could not be written into the state folder: the folder is tried
 * (checkStateFolder's test write) when none of its writes was refused yet, since the summary can be
 * the first write it refuses (made read-only during the last decision, the summary at the ending is
 * written before the finished session is kept). Undefined where the folder still takes writes (its
 * exports folder alone refused: the caller says so). The debrief said only "The session summary could
 * not be written (the disk is read-only)", and q left with the room's votes in no file.
 */
export function refusedSummaryDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (roomSummaryDir(env) === undefined) checkStateFolder(env);
  return roomSummaryDir(env);
}

/**
 * The exit code on leaving a trainer-led session that the room entered something in, the same full
 * screen and line by line (q at a decision, the debrief left, its debrief opened again): 0 where its
 * summary was written (`written`) and the state folder keeps the session as it stands; 74 where the
 * summary could not be written, or the state folder refused a write of the session and has taken
 * none since (from the start, or part-way through: the summary then written where e: export writes).
 * Line by line, the state folder refusing writes part-way through, a summary written elsewhere
 * exited 0 where the full-screen app exited 74. (Input ended line by line is 1, as when playing;
 * Ctrl-C 130.)
 */
export function roomExitCode(written: boolean, env: NodeJS.ProcessEnv = process.env): 0 | 74 {
  return written && stateStore(env).failure() === undefined ? 0 : 74;
}

/**
 * Where the summary a trainer-led session wrote at its ending (`path`) goes when it is written again
 * after u from that ending: undefined in that file, where it can be written; else the folder a new
 * file goes to (writeSummaryFile: where e: export writes once the state folder refuses writes, or the
 * exports folder), its path as it is. A finished session opened again while the state folder was
 * read-only said the summary "is then written again in the same file", which was refused.
 */
export function summaryRewriteDir(path: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const refused = isWithin(path, stateDir(env)) ? roomSummaryDir(env) !== undefined : !canWrite(dirname(path));
  return refused ? (roomSummaryDir(env) ?? exportsDir(env)) : undefined;
}

/** The first words of a trainer-led session's summary written outside the state folder (roomSummaryDir), its path after them. */
export const SUMMARY_ELSEWHERE = 'The state folder cannot be written, so the session summary was written to:';

/**
 * Said where the state folder cannot be written: where the session's summary goes (roomSummaryDir's
 * folder), as its path is shown. Never the sentence's end: words follow it ("… when it ends."), so the
 * path is not followed by a full stop that a copy of it takes ("…/my practice folder.").
 */
export function summaryGoesTo(dir: string): string {
  return `its summary is written to ${shownFileName(dir)}`;
}

/**
 * A summary's words without its date line: "Trainer-led session, 2026-12-03 02:00 (UTC−08:00).", on
 * the clock its name has (localTimeWords), or "… 2026-12-03 10:00 UTC." as summaries said it before.
 */
const undated = (markdown: string) => unmarked(markdown).replace(/^Trainer-led session, \d{4}-\d\d-\d\d \d\d:\d\d(?: UTC| \(UTC[^)\n]*\))\.$/m, '');

/** A new trainer-led session's id (RoomProgress.sessionId): 16 random hex digits. */
export function newSessionId(): string {
  return randomBytes(8).toString('hex');
}

/** The first 16 hex digits of digestOf: tells whether a summary was changed since it was written. */
const shortDigest = (text: string) => digestOf(text).slice(0, 16);

/**
 * The line after a summary's words that says which session wrote it (RoomProgress.sessionId) and, as
 * a digest of those words, whether they were changed since: an HTML comment, which Markdown does not
 * show. Carried on, the session writes its summary again in the newest file it marked, where that
 * file is as it wrote it (laterSessionSummary).
 */
const sessionMark = (session: string, words: string) => `\n<!-- casa-practice trainer-led session ${session} (${shortDigest(words)}): carried on, it writes its summary in this file again -->\n`;
const MARK = /\n<!-- casa-practice trainer-led session ([0-9a-f]{8,64}) \(([0-9a-f]{16})\): [^\n]*-->\n$/;

/** A summary's words without the session's mark (sessionMark), or as they are where it has none. */
const unmarked = (text: string) => text.replace(MARK, '');

/** Whether `text` is a summary marked by `session` (sessionMark) and its words are as that session wrote them. */
export function markedBy(text: string, session: string): boolean {
  const mark = MARK.exec(text);
  return mark !== null && mark[1] === session && mark[2] === shortDigest(text.slice(0, mark.index));
}

/** The newest summary of the scenario when it says what `markdown` says (its date aside), else undefined. */
function sameSessionSummary(scenario: Scenario, markdown: string, env: NodeJS.ProcessEnv): string | undefined {
  const newest = newestSessionSummary(scenario, env);
  if (newest === undefined) return undefined;
  try {
    return undated(readFileSync(newest, 'utf8')) === undated(markdown) ? newest : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The summary a finished trainer-led session wrote at its ending, found again when the session is
 * opened again: the newest summary of the scenario that says what this session's says (its date
 * aside), or undefined when none does (deleted, or written again since). Going back from that ending
 * then writes the summary again in its place, as a session that has not been closed does.
 */
export function finishedSessionSummary(scenario: Scenario, decisions: readonly FacilitatedDecision[], debrief: Debrief, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return summarySaying(scenario, decisions, debrief, env)?.path;
}

/**
 * How much earlier than the kept session's last write its summary may seem to have been written (a
 * file system that keeps times to the second or two): the summary is written after it.
 */
const KEPT_BEFORE_MS = 2_000;

/**
 * The summary a kept trainer-led session wrote when it stopped (q, or a closed window), found again
 * when the session is carried on: the newest summary of the scenario that says what the session had
 * then (the decisions followed, and the decision it stopped at with its votes; or, written on a
 * closed window line by line, the decisions followed alone), written no earlier than the session was
 * last kept. Every later summary of the session is written in its place, so the trainer has one file
 * for the session, the whole of it: finished after a stop, it was written beside the summary so far,
 * two files for one session, the first of them only part of it. Undefined when none is found (deleted,
 * changed since, or an identical summary of an earlier session only): a new file is written then,
 * never over another session's summary.
 */
export function stoppedSessionSummary(resumed: Pick<RestoredFacilitation, 'key' | 'playable' | 'decisions' | 'progress' | 'finished'>, here: Pick<SessionView, 'kind' | 'nodeId' | 'title' | 'discussionPrompt' | 'replies'>, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (resumed.finished) return undefined;
  const { scenario } = resumed.playable;
  const stoppedAt = here.kind === 'decision' ? [[...resumed.decisions, facilitatedDecision(here, resumed.progress.current.votes)]] : [];
  const said = [...stoppedAt, resumed.decisions].filter((d) => d.length > 0);
  // The file the session kept as its summary's (RoomProgress.summary), wherever it is, where it still
  // says what the session had: carried on from another folder than the one it was written in (the
  // state folder could not be written as the session began), it was not found, and a second file was
  // written for the same session.
  const kept = resumed.progress.summary;
  if (kept !== undefined && said.some((d) => fileSays(kept, (text) => undated(text) === undated(facilitationMarkdown(scenario, d, undefined))))) return kept;
  let keptAt: number | undefined;
  try {
    keptAt = stateStore(env).list(FACILITATION_PREFIX).find((s) => s.key === resumed.key)?.modified;
  } catch {
    return undefined;
  }
  if (keptAt === undefined) return undefined;
  const found = said.flatMap((d) => summarySaying(scenario, d, undefined, env, keptAt - KEPT_BEFORE_MS) ?? []);
  return found.sort((a, b) => b.at - a.at)[0]?.path;
}

/** Whether `path` is a file (of a summary's size at most) whose text `says`; false where it cannot be read. */
function fileSays(path: string, says: (text: string) => boolean): boolean {
  try {
    const st = statSync(path);
    return st.isFile() && st.size <= 4 * 1024 * 1024 && says(readFileSync(path, 'utf8'));
  } catch {
    return false;
  }
}

/** The newest summary of the scenario (written at `since` or later) that says what a session's says, its date aside. */
function summarySaying(scenario: Scenario, decisions: readonly FacilitatedDecision[], debrief: Debrief | undefined, env: NodeJS.ProcessEnv, since = -Infinity): { path: string; at: number } | undefined {
  const words = undated(facilitationMarkdown(scenario, decisions, debrief));
  // Its date line is the only part of the file that may differ in length (a few bytes at most).
  const bytes = Buffer.byteLength(words);
  // Only a file of about the right size is read, so a large file named like a summary is not read whole for nothing.
  return newestSummaryWhere(exportsDir(env), scenario, (size) => Math.abs(size - bytes) <= 200, since, (text) => undated(text) === words);
}

/**
 * The newest summary of `scenario` in `dir` (its name as summaryBaseName makes it, ".md") written at
 * `since` or later, of a size `sized` takes, whose text `says`. Each file on its own: one that cannot
 * be read (a folder or a pipe named like a summary, a file without permission) is passed over, not
 * the end of the search; undefined where the folder cannot be listed.
 */
function newestSummaryWhere(dir: string, scenario: Scenario, sized: (size: number) => boolean, since: number, says: (text: string) => boolean): { path: string; at: number } | undefined {
  const prefix = summaryBaseName(scenario, '');
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.startsWith(prefix) && name.endsWith('.md'));
  } catch {
    return undefined;
  }
  const found = names.flatMap((name) => {
    const path = join(dir, name);
    try {
      const st = statSync(path);
      return st.isFile() && sized(st.size) && st.mtimeMs >= since ? [{ path, at: st.mtimeMs }] : [];
    } catch {
      return [];
    }
  }).sort((a, b) => b.at - a.at);
  return found.find(({ path }) => {
    try {
      return says(readFileSync(path, 'utf8'));
    } catch {
      return false;
    }
  });
}

/**
 * A summary written after a kept session was last kept, of that session gone further: where a state
 * folder stops taking writes mid-session (made read-only), the session stays kept as it was then,
 * and its summary is written where e: export writes (roomSummaryDir) as it stops; a closed window
 * said so to nobody. Found in that folder as this run has it (fallbackExportDir: the folder the app
 * was started in), the newest summary of the scenario written since it was kept that holds each
 * decision the kept session followed as it says them, or, of a session that marks its summaries
 * (RoomProgress.sessionId), the newest it marked and unchanged since; and in the folder the run that
 * kept it was started in (RoomProgress.summaryDir, kept as the session went). Undefined where there
 * is none: a session kept before sessions were marked, and before any decision was followed, cannot
 * be told from another (stopped at its first decision, it wrote a second file when carried on).
 */
export function laterSessionSummary(kept: Pick<RestoredFacilitation, 'playable' | 'decisions' | 'savedAt'> & { progress?: Pick<RestoredFacilitation['progress'], 'summaryDir' | 'sessionId'> }, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const since = kept.savedAt === undefined ? Number.NaN : Date.parse(kept.savedAt);
  const session = kept.progress?.sessionId;
  if ((kept.decisions.length === 0 && session === undefined) || Number.isNaN(since)) return undefined;
  const { scenario } = kept.playable;
  const markdown = facilitationMarkdown(scenario, kept.decisions, undefined);
  // The decisions followed, as any later summary of the session says them (its title and date above).
  const block = markdown.slice(markdown.indexOf('\n## Decision 1:'), markdown.indexOf('\n## How the room did'));
  // (A file far larger than a summary is not read whole for nothing.) Where this run would write it,
  // and where the run that kept the session would have (RoomProgress.summaryDir): carried on from
  // another folder, the summary written where the app was started then was not found.
  const dirs = [...new Set([fallbackExportDir(env), ...(kept.progress?.summaryDir === undefined ? [] : [kept.progress.summaryDir])])];
  // A session that marks its summaries (RoomProgress.sessionId): the newest it marked, unchanged since
  // (stopped at its first decision, nothing else tells it from another session's); else, kept before
  // sessions were marked, the newest that holds its decisions followed.
  const says = session === undefined ? (text: string) => text.includes(block) : (text: string) => markedBy(text, session);
  const found = dirs.flatMap((dir) => newestSummaryWhere(dir, scenario, (size) => size <= 4 * 1024 * 1024, since, says) ?? []);
  return found.sort((a, b) => b.at - a.at)[0]?.path;
}

/**
 * Where a kept session carried on writes its summary (the core's sessionSummaryFile, of the files
 * found here: stoppedSessionSummary and laterSessionSummary), and an earlier summary of it passed over
 * as out of date (`outOfDate`), where that file is still there to be named.
 */
export function carriedOnSummary(resumed: Pick<RestoredFacilitation, 'key' | 'playable' | 'decisions' | 'progress' | 'finished' | 'savedAt'>, here: Pick<SessionView, 'kind' | 'nodeId' | 'title' | 'discussionPrompt' | 'replies'>, env: NodeJS.ProcessEnv = process.env): { path?: string; outOfDate?: string } {
  if (resumed.finished) return {};
  const since = laterSessionSummary(resumed, env);
  const chosen = sessionSummaryFile({ kept: stoppedSessionSummary(resumed, here, env), ...(since === undefined ? {} : { writtenSince: { path: since, marked: resumed.progress.sessionId !== undefined } }) });
  return chosen.outOfDate !== undefined && !existsSync(chosen.outOfDate) ? { ...(chosen.path === undefined ? {} : { path: chosen.path }) } : chosen;
}

/**
 * Where a finished trainer-led session opened again names its summary (the core's sessionSummaryFile):
 * the one it wrote at its ending (finishedSessionSummary), unless a summary it marked was written since
 * it was last kept (laterSessionSummary): opened while the state folder was read-only, gone back from
 * its ending (u) and stopped, it wrote a new file where the app was started and said that file was
 * the up-to-date summary, which could not be kept; opened again, it named the older file. `since`:
 * the newer was taken (the one at the ending, still there, then `outOfDate`).
 */
export function reopenedSummary(resumed: Pick<RestoredFacilitation, 'playable' | 'decisions' | 'progress' | 'savedAt'>, debrief: Debrief, env: NodeJS.ProcessEnv = process.env): { path?: string; outOfDate?: string; since: boolean } {
  const atEnding = finishedSessionSummary(resumed.playable.scenario, resumed.decisions, debrief, env);
  // Marked only: one found by what it says is not told from the summary of another session's ending.
  const later = resumed.progress.sessionId === undefined ? undefined : laterSessionSummary(resumed, env);
  const chosen = sessionSummaryFile({ ...(atEnding === undefined ? {} : { atEnding }), ...(later === undefined ? {} : { writtenSince: { path: later, marked: true } }) });
  const since = chosen.path !== undefined && chosen.path !== atEnding;
  return { ...(chosen.path === undefined ? {} : { path: chosen.path }), ...(chosen.outOfDate !== undefined && existsSync(chosen.outOfDate) ? { outOfDate: chosen.outOfDate } : {}), since };
}

/** A summary written (writeSummaryFile): where, whether outside the state folder though the session began where it could be written, and an earlier summary of the session now out of date. */
export interface SummaryWritten {
  path: string;
  elsewhere: boolean;
  outOfDate?: string;
}

/**
 * Writes a trainer-led session's summary with `write` (the caller's writeSessionSummary: a new file
 * in `dir`, or in the exports folder without one; in `target` again where given), and where that is
 * refused, as a new file: in `dir`, else where `refused` says (the folder e: export writes to once
 * the state folder refuses writes), else (a file of its own refused, the state folder taking writes)
 * in the exports folder. `target`, left behind there, is then out of date, and said to be
 * (OUT_OF_DATE_SUMMARY). The summary kept with the session, in the exports folder, refused once the
 * state folder was made read-only: q said "The session summary could not be written" where the
 * session began read-only (its summary was said to go where the app was started), and the room's
 * votes were lost; begun writable, a second file was written and nothing said the first was out of date.
 * Throws the first error where no file could be written.
 */
export function writeSummaryFile(write: (dir: string | undefined, path: string | undefined) => string, target: string | undefined, dir: string | undefined, refused: () => string | undefined): SummaryWritten {
  try {
    return { path: write(dir, target), elsewhere: false };
  } catch (e) {
    const other = dir ?? refused();
    if (other === undefined && target === undefined) throw e;
    let path: string;
    try {
      path = write(other, undefined);
    } catch {
      throw e;
    }
    return { path, elsewhere: dir === undefined && other !== undefined, ...(target !== undefined && target !== path && existsSync(target) ? { outOfDate: target } : {}) };
  }
}

/** OUT_OF_DATE_SUMMARY and the earlier file (`shown`: its path as the caller shows it), on a line of its own. */
export function outOfDateWords(shown: string): string {
  return `${OUT_OF_DATE_SUMMARY}\n${shown}`;
}

/** Said under "Kept as it was at …" (keptAsItWasWords) where laterSessionSummary found one, the file after it on a line of its own (laterSummaryWords). */
export const LATER_SUMMARY = 'A summary of this session written since then is:';

/** LATER_SUMMARY and the file, whole on a line of its own. */
export function laterSummaryWords(path: string): string {
  return `${LATER_SUMMARY}\n${shownFileName(path)}`;
}

/**
 * The newest session summary of a scenario in the exports folder, or undefined when there is none:
 * what a finished session opened again names as its summary. Newest by when the file was written
 * (its mtime), not by its name: names carry local time without a zone, so after a change from
 * daylight saving time, or a trip to another time zone, a later summary can have the earlier name.
 */
export function newestSessionSummary(scenario: Scenario, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dir = exportsDir(env);
  const prefix = summaryBaseName(scenario, '');
  let newest: { path: string; at: number } | undefined;
  try {
    for (const name of readdirSync(dir)) {
      if (!name.startsWith(prefix) || !name.endsWith('.md')) continue;
      const path = join(dir, name);
      const at = statSync(path).mtimeMs;
      if (!newest || at > newest.at) newest = { path, at };
    }
  } catch {
    // No exports folder (or it cannot be read): the folder is named instead.
  }
  return newest?.path;
}

/** Leaving at a decision (q, a closed window) or starting over (s) after u from an ending whose debrief e exported: that file describes the ending taken back. */
export const EXPORT_TAKEN_BACK = 'The debrief exported at the ending the room went back from describes that ending, not the session as it stopped:';

/**
 * EXPORT_TAKEN_BACK and the file, as q, a closed window and s say it, full screen and line by line
 * (the one place it is worded): the whole path where it fits a row, else within the state folder
 * (leavingPath). At the session's next ending the file is written again for that ending (exportAgain).
 */
export function exportTakenBackWords(markdown: string, columns: number, env: NodeJS.ProcessEnv = process.env): string {
  return `${EXPORT_TAKEN_BACK}\n${leavingPath(markdown, columns, env)}`;
}

/** Said where e's lines go when a trainer-led debrief's earlier export was written again for this ending (in place). */
export const EXPORTED_AGAIN = 'Debrief export written again for this ending:';
/** …as new files, the earlier ones changed or removed since (never written over then). */
export const EXPORTED_ANEW = 'Debrief exported for this ending (the earlier export was changed or removed, so it is left as it is):';

/**
 * A trainer-led session's debrief exported at an ending the room then went back from (`before`),
 * written for the ending reached now: in its two files where they are as that export wrote them, else
 * (changed or removed since) in new files beside them, never over a changed one. `inPlace` says which.
 * Where their folder takes no writes now (a finished session opened again while the state folder is
 * read-only: exportRewriteDir), in new files where the session's summary goes then (`elsewhere`): the
 * words before u said the export "is written again at the next ending", which was refused, and e
 * tried the read-only folder again. `error` where it could not be written (e tries again).
 */
export function exportAgain(scenario: Scenario, debrief: Debrief, before: DebriefFiles, env: NodeJS.ProcessEnv = process.env, opts: { mode?: SessionMode; recorded?: boolean; trainerLed?: boolean } = {}): { inPlace: boolean; files?: DebriefFiles; elsewhere?: boolean; error?: unknown } {
  const inPlace = unchangedExport(before);
  try {
    return { inPlace, files: exportDebrief(scenario, debrief, env, new Date(), { ...opts, dir: dirname(before.markdown), ...(inPlace ? { at: before } : {}) }) };
  } catch (e) {
    const to = exportRewriteDir(before, env);
    if (to === undefined) return { inPlace, error: e };
    try {
      return { inPlace, files: exportDebrief(scenario, debrief, env, new Date(), { ...opts, dir: to }), elsewhere: true };
    } catch (again) {
      return { inPlace, error: again };
    }
  }
}

/** What exportAgain could not do, said where e's lines go (`error`: the reason in words; `retry`: how to export it). */
export function exportAgainFailedWords(inPlace: boolean, error: string, retry = 'e tries again'): string {
  return `${inPlace ? 'The debrief exported at the ending the room went back from describes that ending, and could not be written again' : 'The debrief exported at the ending the room went back from describes that ending'} (${error}): ${retry}.`;
}

/** Said where e's lines go when exportAgain wrote the export for this ending in another folder (`elsewhere`). */
export const EXPORTED_ELSEWHERE = 'Debrief exported for this ending (the earlier export\'s folder takes no writes now, so it is left as it is):';

/** How EXPORTED_AGAIN, EXPORTED_ANEW or EXPORTED_ELSEWHERE heads what exportAgain wrote. */
export function exportedAgainHeading(again: { inPlace: boolean; elsewhere?: boolean }): string {
  return again.elsewhere ? EXPORTED_ELSEWHERE : again.inPlace ? EXPORTED_AGAIN : EXPORTED_ANEW;
}

/**
 * Where a debrief exported at an ending the room went back from is written at the next ending, when
 * its folder takes no writes now (a finished session opened again while the state folder is
 * read-only), as summaryRewriteDir says of the summary: undefined where it can be written again there.
 */
export function exportRewriteDir(files: DebriefFiles, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return summaryRewriteDir(files.markdown, env);
}
