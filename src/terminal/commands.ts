import { auditData, DRAWING_LIMITS, exportGraph, fileProblem, formatAudit, formatValidation, GraphTooLarge, quoteAsWritten, safeJson, shownFileName, visibleLine, type GraphFormat, type Problem, type Scenario, type ValidateOptions } from '../machines/index.js';
import { lstatSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs, UsageError } from './args.js';
import { helpText } from './invocation.js';
import { fitReport, wrapWords } from './wrap.js';
import { scenariosDir } from './paths.js';
import { expandPaths, FileAccessError, loadScenarioFile, missingFolderWords, notUtf8OutputWords, resolveScenarioArg, unreadableFolder, type LoadedFile } from './files.js';
import { whyNoScenarioFiles } from './scenario-files.js';
import { bundledScenarioFiles, inScenariosDir, sameFile, scenarioIds } from './node/scenario-ids.js';
import { checkSchemaRef, schemaPath, schemaRefFor } from './node/schema-ref.js';
import { errorWords } from './node/state-store.js';
import { writeAtomic } from './state.js';

/** Where a command writes. Tests pass collectors; the real CLI passes process streams. */
export interface CliIO {
  out: (text: string) => void;
  err: (text: string) => void;
  /**
   * The width of the terminal the output is read in, when it goes to one (undefined for a pipe or a
   * file): validate's report and the audit are wrapped to it between words (fitReport); piped, they
   * keep one row per problem and one per fix, for tools.
   */
  columns?: () => number | undefined;
}

/** A report's text as it is to be printed: wrapped between words to the terminal it is read in. */
export function fitted(text: string, io: CliIO): string {
  const columns = io.columns?.();
  return columns ? fitReport(text, columns) : text;
}

export const VALIDATE_HELP = `Usage: casa-practice validate <file|folder>... [--json] [--strict] [--watch]

Checks scenario files against the format and the in-service guide's rules.
Every problem is printed with file:line:column, where it is, what is wrong and how to fix it:
the errors first, then the warnings, each in the order of the file (--json keeps that order).
A folder means every *.json in it (JSON Schemas excepted). In a terminal the report is wrapped
to its width between words; piped or in a file, each problem and each fix is one line.

Options:
  --json     print the result as JSON for editors and scripts
  --strict   treat warnings as problems too (exit 1)
  --watch    keep checking: each time a file is saved, it is checked again, under a line
             "Checked again at 14:02:11: draft.json was saved." (earlier reports stay
             above it); a file or folder deleted is said, and checked again when it
             comes back; a folder's new .json files are checked too. Ctrl+C stops it (exit code 0;
             through npx or npm run, npm reports 130 for a Ctrl+C).
             Not with --json: for a tool, run validate --json after each change
  -h, --help show this help

Exit codes: 0 valid, 1 problems found, 2 usage error (bad option, missing file).
`;

export const GRAPH_HELP = `Usage: casa-practice graph <file> [--format mermaid|dot|svg] [--output <file>]

Prints the scenario as a graph: decisions, scenes and endings (strong, mixed, harmful) are drawn
differently; each reply edge shows its id and its score; a node no playthrough reaches has a
dashed outline and "Unreachable" before its label. In the SVG picture, a label with no room in
it (on an arrow back up a loop) is written in full under the picture, its number on the arrow.

Options:
  --format   mermaid (default; for a Mermaid viewer), dot (Graphviz), or svg: a picture any
             web browser opens, with nothing else installed and nothing sent anywhere;
             with --output and no --format, the file's name says which (.svg, .dot or
             .gv, .mmd or .txt; another ending, such as .png, is refused, and a .json
             file, named as scenarios are, is never written, with --format or without)
  --output   write the graph to this file instead of printing it (- prints it; ./- is a file
             named -); the file is written only when the scenario has no errors, so a graph
             made before is never emptied, and only into a folder that exists (a folder
             that does not, perhaps mistyped, is named and not made)
             (casa-practice graph my-scenario.json --format svg --output my-scenario.svg)
  -h, --help show this help

An SVG picture is drawn for up to ${DRAWING_LIMITS.nodes.toLocaleString('en-US')} nodes whose arrows skip at most ${DRAWING_LIMITS.passPoints.toLocaleString('en-US')}
rows of the picture in all (a trainer's scenario is far below both); a larger graph is refused
with exit code 1: write it with --format dot or --format mermaid, which take any size.

Exit codes: 0 printed or written, 1 the scenario has errors, is too large to draw as svg, or
the file could not be written, 2 usage error.
`;

/** `casa-practice validate`: 0 valid, 1 problems, 2 usage error; with --watch, 0 when stopped with Ctrl+C. */
export function validateCommand(argv: readonly string[], io: CliIO): number | Promise<number> {
  const args = parseArgs(argv, ['help', 'json', 'strict', 'watch']);
  if (args.flags.has('help')) {
    io.out(helpText(VALIDATE_HELP));
    return 0;
  }
  const watching = args.flags.has('watch');
  // A report after each save is for a person at a terminal; a tool reads one JSON value and stops.
  if (watching && args.flags.has('json')) throw new UsageError('--watch and --json do not go together: --watch prints a report for you after each save; for a tool, run validate --json after each change');
  if (args.positionals.length === 0) throw new UsageError('validate needs at least one file or folder');
  const resolved = args.positionals.map(resolveScenarioArg);
  for (const r of resolved) if (r.note) io.err(`casa-practice: ${visibleLine(r.note)}\n`);
  const files = expandPaths(resolved.map((r) => r.path));
  // Watched, an empty folder is waited on: the files saved there are checked.
  if (files.length === 0 && !watching) throw noScenarioFiles(args.positionals, resolved.map((r) => r.path));
  const strict = args.flags.has('strict');
  const loaded = checkFiles(files);
  const failed = loaded.filter((f) => failsCheck(f, strict));
  if (args.flags.has('json')) {
    const report = {
      ok: failed.length === 0,
      files: loaded.map((f) => ({
        // Each problem names its file as the report does (the problems carry it cleaned for printing;
        // safeJson escapes what a terminal could act on, so the exact name is kept here).
        // Under --strict a file with warnings is not ok, here as in the report's own "ok" (it said
        // "ok": true for the file beside a report "ok": false).
        file: f.path, ok: f.result.ok && !(strict && f.result.warnings > 0), errors: f.result.errors, warnings: f.result.warnings, problems: f.result.problems.map((p) => ({ ...p, file: f.path })),
        ...(f.result.truncated ? { truncated: f.result.truncated.count, truncatedCodes: f.result.truncated.codes, truncatedErrors: f.result.truncated.errors, truncatedWarnings: f.result.truncated.warnings } : {}),
      })),
    };
    io.out(`${safeJson(report)}\n`);
  } else {
    printReports(loaded, loaded.length, failed.length, strict, io);
    if (files.length === 0) io.out(`${visibleLine(noScenarioFiles(args.positionals, resolved.map((r) => r.path)).message.replace(/^no/, 'No'))}.\n`);
  }
  if (watching) return import('./validate-watch.js').then((m) => m.watchAndValidate(resolved.map((r) => r.path), loaded, strict, io));
  return failed.length === 0 ? 0 : 1;
}

/** Whether a checked file fails validate: errors, or under --strict warnings too. */
export function failsCheck(f: LoadedFile, strict: boolean): boolean {
  return !f.result.ok || (strict && f.result.warnings > 0);
}

/** Each file's report as validate prints it, then "n of m files valid" when more than one file is checked. */
export function printReports(checked: readonly LoadedFile[], total: number, failed: number, strict: boolean, io: CliIO): void {
  for (const f of checked) io.out(`${fitted(strictVerdict(formatValidation(f.result, f.path), f.result, f.path, strict), io)}\n`);
  if (total > 1) io.out(`${total - failed} of ${total} files valid\n`);
}

/**
 * The files of a validate or an audit, each read and checked with every check validate makes, so
 * that the audit lists the same warnings validate prints: whether "$schema" leads to the schema, and
 * ids shared with the app's scenarios or with another file of the run. One file that cannot be read
 * is reported as that file's problem; the others are still checked. With `only`, just the files of
 * those paths are checked (validate --watch, after a save); the others still count for shared ids.
 */
export function checkFiles(files: ReturnType<typeof expandPaths>, keepPlaces = false, only?: ReadonlySet<string>): LoadedFile[] {
  // The app's own scenarios, and any file named here that sits in its folder: the ones the picker lists.
  const ids = scenarioIds([...bundledScenarioFiles(), ...files.filter((f) => f.unreadableFolder === undefined && inScenariosDir(f.path)).map((f) => f.path)]);
  const runIds = files.length > 1 ? scenarioIds(files.filter((f) => f.unreadableFolder === undefined).map((f) => f.path)) : new Map<string, string[]>();
  return files.filter((f) => only === undefined || only.has(f.path)).map((f) => (f.unreadableFolder !== undefined ? unreadableFolder(f.path, f.unreadableFolder) : loadListedFile(f.path, {
    schemaRef: checkSchemaRef(f.path),
    fileStem: inScenariosDir(f.path) ? stemOf(f.path) : undefined,
    // The file named after the id is the original: only the copy is told to change.
    sameIdElsewhere: (id) => ids.get(id)?.find((other) => !sameFile(other, f.path) && !(stemOf(f.path) === id && stemOf(other) !== id)),
    // Two drafts of one id checked together (a trainer's folder): each is told, naming the other.
    // The app's own files are left to sameIdElsewhere (the original there is not told to change).
    sameIdInRun: (id) => (inScenariosDir(f.path) ? [] : (runIds.get(id) ?? []).filter((other) => !inScenariosDir(other) && !sameFile(other, f.path))),
  }, keepPlaces)));
}

/**
 * loadScenarioFile for a file found before it is read (listed in a folder, or named and seen to be
 * there): one not there when read is that file's problem, and the others are still checked. A name
 * that is not UTF-8 text is listed with U+FFFD in its place and cannot be opened by that name; a file
 * deleted or renamed between the listing and the read is gone. Both threw "cannot read …: no such
 * file": validate stopped with exit 2, naming as missing a file that is there, and validate --watch
 * ended with a stack trace when such a file appeared in a folder watched.
 */
function loadListedFile(path: string, options: ValidateOptions, keepPlaces: boolean): LoadedFile {
  try {
    return loadScenarioFile(path, undefined, options, keepPlaces);
  } catch (e) {
    if (!(e instanceof FileAccessError)) throw e;
    return basename(path).includes('\ufffd')
      ? { path, result: fileProblem(path, 'unreadable', 'its name is not UTF-8 text (shown here with �), so it cannot be opened by that name', 'Rename the file to a name of letters, digits and hyphens ending in .json (in a file manager, or with mv in a terminal).') }
      : { path, result: fileProblem(path, 'unreadable', 'it was in its folder when the folder was listed, but gone when it was read (deleted or renamed meanwhile)', 'Check it again once it is back, by the name it has now.') };
  }
}

function stemOf(file: string): string {
  return basename(file).replace(/\.json$/i, '');
}

/**
 * Under --strict a file with warnings fails (exit 1), so its last line must not say "valid":
 * "file: not valid under --strict (1 warning)".
 */
function strictVerdict(text: string, result: { ok: boolean; warnings: number }, path: string, strict: boolean): string {
  if (!strict || !result.ok || result.warnings === 0) return text;
  const lines = text.split('\n');
  lines[lines.length - 1] = `${shownFileName(path)}: not valid under --strict (${result.warnings} warning${result.warnings === 1 ? '' : 's'})`;
  return lines.join('\n');
}

export const AUDIT_HELP = `Usage: casa-practice audit [file|folder]... [--json]   (default: the bundled scenarios)

For each scenario: how many states a playthrough can reach, the worst score that reaches each kind
of ending, the best score a playthrough with a critical violation can have, and how often the best
reply is first, longest or shortest, and how many decisions have a near miss; then the same figures
across all the scenarios, against the project's thresholds, and each scenario's own reply lengths
(best reply longest or shortest in at most 40% of its decisions); a share out of range names its
decisions with file:line:column and says how to fix it. It also checks the house rules it can
(docs/authoring.md, section 10): no playthrough that does what the guide rules out ends strong;
every Strong-band playthrough ends strong or on an ending variant whose "when" reads what the
volunteer did (conduct, or a variable a reply changes) and does not hold for every playthrough
reaching that ending (whether the variant's words say why is the author's to check); at least 6
decisions on every playthrough and 3 replies at each decision; a strong, a mixed and a harmful
ending; every violation of a critical principle (a Prohibited Activity) weighs 3; every reply scoring below zero has a
consequence: it leads elsewhere than the best reply, or changes a variable that a condition after
it reads (on some way on from its "next"; one read only before it does not count), or leaves such a
variable otherwise than the best reply does (a flag the best reply sets and it does not); the story's
state decides what comes next in at least two places; at least two decisions have replies that lead
to different next nodes; a "trust" variable shown as a meter, and a route that tests it. Each failure names the places to change with
file:line:column, the playthrough's replies and a fix; a Strong-band playthrough named on a worse
ending says whether it got the ending's own narration or a variant that does not count, and why
not. The other house rules (the wording bans among them) only the bundled set's tests check.
Validate's warnings for each file are listed under its scenario; they do not fail the audit. A file
with errors is not audited: its problems are printed as validate prints them.

Options:
  --json     print the result as JSON for editors and scripts: "files" as validate --json gives
             them (every file, its problems and warnings), "scenarios" (each audited file's
             figures and failures, with file, line and column), "all" (the figures across them
             and the thresholds), "wording" (each share out of range, across them or of
             one "scenario", every decision named) and "houseRulesNote" (when a house rule
             failed: they are the bundled set's, and the files still validate and play)
  -h, --help show this help

Exit codes: 0 the audit passed, 1 it did not (or a file has errors), 2 usage error.
`;

/** \`casa-practice audit\`: does the outcome follow conduct, and does the wording give the answer away? */
export function auditCommand(argv: readonly string[], io: CliIO): number {
  const args = parseArgs(argv, ['help', 'json']);
  if (args.flags.has('help')) {
    io.out(helpText(AUDIT_HELP));
    return 0;
  }
  const resolved = (args.positionals.length > 0 ? args.positionals : [scenariosDir()]).map(resolveScenarioArg);
  for (const r of resolved) if (r.note) io.err(`casa-practice: ${visibleLine(r.note)}\n`);
  const files = expandPaths(resolved.map((r) => r.path));
  if (files.length === 0) throw noScenarioFiles(args.positionals, resolved.map((r) => r.path));
  const scenarios: Scenario[] = [];
  const paths: string[] = [];
  const warnings: Problem[][] = [];
  const places: LoadedFile['places'][] = [];
  let broken = 0;
  const checked = checkFiles(files, true);
  for (const loaded of checked) {
    if (loaded.result.scenario) {
      scenarios.push(loaded.result.scenario);
      paths.push(loaded.path);
      places.push(loaded.places);
      warnings.push(loaded.result.problems.filter((p) => p.severity === 'warning'));
    }
    else {
      broken++;
      if (!args.flags.has('json')) io.err(`${fitted(formatValidation(loaded.result, loaded.path), io)}\n`);
    }
  }
  if (args.flags.has('json')) {
    // As validate --json: one JSON value on stdout, the exact file names kept (safeJson escapes what
    // a terminal could act on), every file listed with its problems (a file with errors is not audited).
    const data = scenarios.length > 0 ? auditData(scenarios, paths, places) : undefined;
    const report = {
      ok: broken === 0 && data?.ok === true,
      files: checked.map((f) => ({
        file: f.path, ok: f.result.ok, audited: f.result.scenario !== undefined, errors: f.result.errors, warnings: f.result.warnings,
        problems: f.result.problems.map((p) => ({ ...p, file: f.path })),
        ...(f.result.truncated ? { truncated: f.result.truncated.count, truncatedCodes: f.result.truncated.codes, truncatedErrors: f.result.truncated.errors, truncatedWarnings: f.result.truncated.warnings } : {}),
      })),
      scenarios: data?.scenarios ?? [],
      all: data?.all ?? null,
      wording: data?.wording ?? [],
      houseRulesNote: data?.houseRulesNote ?? null,
    };
    io.out(`${safeJson(report)}\n`);
    return report.ok ? 0 : 1;
  }
  if (scenarios.length === 0) return 1;
  const audit = formatAudit(scenarios, auditLabels(scenarios, paths), warnings, places);
  const leftOut = `${broken} file${broken === 1 ? '' : 's'} with errors ${broken === 1 ? 'was' : 'were'} left out (see above)`;
  // "Audit passed." above a file left out read as a pass while the exit code said otherwise.
  if (broken > 0 && audit.ok) {
    const checked = `${scenarios.length} file${scenarios.length === 1 ? '' : 's'} checked`;
    io.out(fitted(audit.text.replace(/Audit passed\.\n$/, `Audit not passed: ${leftOut}; the ${checked} passed. Fix the errors and audit again.\n`), io));
  } else {
    io.out(fitted(audit.text, io));
    if (broken > 0) io.out(fitted(`${leftOut}.\n`, io));
  }
  return audit.ok && broken === 0 ? 0 : 1;
}

/**
 * How the audit names each scenario: by its id, with its file's name when that is not "<id>.json" or
 * when another file audited has the same id (two headings "game-money: The gaming friend" could not
 * be told apart). Two files of one id and one name in different folders are named by their paths.
 */
function auditLabels(scenarios: readonly Scenario[], paths: readonly string[]): (string | undefined)[] {
  return scenarios.map((s, i) => {
    const path = paths[i] ?? '';
    const shared = scenarios.some((t, j) => j !== i && t.id === s.id);
    if (!shared && stemOf(path) === s.id) return undefined;
    const sameName = scenarios.some((t, j) => j !== i && t.id === s.id && basename(paths[j] ?? '') === basename(path));
    return `${s.id} (${shownFileName(sameName ? path : basename(path))})`;
  });
}

/**
 * The graph format a file name asks for by its extension: undefined when it has none (Mermaid, the
 * default), null for one that is no graph format here (story.png would hold Mermaid text).
 */
function formatOfName(file: string): GraphFormat | undefined | null {
  const ext = /\.([a-z0-9]+)$/i.exec(basename(file))?.[1]?.toLowerCase();
  if (ext === undefined) return undefined;
  return ext === 'svg' ? 'svg' : ext === 'dot' || ext === 'gv' ? 'dot' : ext === 'mmd' || ext === 'mermaid' || ext === 'txt' ? 'mermaid' : null;
}

/** "no scenario files found in mine/", with why when the folder holds look-alikes (whyNoScenarioFiles). */
function noScenarioFiles(named: readonly string[], paths: readonly string[]): UsageError {
  const why = paths.flatMap((p) => whyNoScenarioFiles(p));
  return new UsageError(visibleLine(`no scenario files found in ${(named.length > 0 ? named : paths).map(shownFileName).join(', ')}${why.length > 0 ? `; ${why.join('; ')}` : ''}`));
}

const FORMAT_NAMES: Record<GraphFormat, string> = { mermaid: 'Mermaid', dot: 'DOT', svg: 'SVG' };
const EXTENSIONS: Record<GraphFormat, string> = { mermaid: 'mmd', dot: 'dot', svg: 'svg' };
/** Picture formats a trainer may ask for: graph writes none of them, but svg is a picture a browser shows. */
const PICTURE_FORMATS = /^(png|jpe?g|gif|pdf|webp|bmp|tiff?)$/i;

/** `casa-practice graph`: prints Mermaid, DOT or SVG, or writes it to a file (--output). */
export function graphCommand(argv: readonly string[], io: CliIO): number {
  const args = parseArgs(argv, ['help', 'format', 'output'], ['format', 'output']);
  if (args.flags.has('help')) {
    io.out(helpText(GRAPH_HELP));
    return 0;
  }
  if (args.positionals.length !== 1) throw new UsageError('graph needs exactly one scenario file');
  // "-" is standard output, as for most tools that write files.
  const given = args.flags.get('output');
  const output = given === '-' ? undefined : given;
  const flag = args.flags.get('format');
  const asked = typeof flag === 'string' ? flag.toLowerCase() : flag;
  if (typeof asked === 'string' && asked !== 'mermaid' && asked !== 'dot' && asked !== 'svg') throw new UsageError(`--format must be "mermaid", "dot" or "svg", not ${quoteAsWritten(flag as string, 20)}${PICTURE_FORMATS.test(asked.trim()) ? ': for a picture, write --format svg and open the file in a browser (which can print it or save it as a PDF)' : ''}`);
  const target = resolveScenarioArg(args.positionals[0] as string);
  // Without --format, a file named story.svg gets a picture, not Mermaid text (story.dot or .gv, DOT).
  const named = typeof output === 'string' ? formatOfName(output) : undefined;
  const format = (asked ?? named ?? 'mermaid') as string;
  if (output === '') throw new UsageError('--output needs a file name, e.g. --output story.svg');
  // The graph written over the scenario itself would lose the trainer's work.
  if (typeof output === 'string' && sameFile(output, target.path)) {
    throw new UsageError(`--output ${shownPath(output)} is the scenario file itself; name another file for the graph, e.g. --output story.${format === 'mermaid' ? 'mmd' : format}`);
  }
  // A .json file is where scenarios are kept, and a graph is never JSON: "--format svg --output
  // story-2.json" (the next name in the folder, a slip of the Tab key) wrote a picture over another of
  // the trainer's scenarios, and said only "Wrote the graph". Refused whatever the file holds, or if none is there yet.
  if (typeof output === 'string' && /\.json$/i.test(output)) {
    throw new UsageError(`--output ${shownPath(output)} names a .json file, as scenario files are named: a graph is Mermaid, DOT or SVG, never JSON, and nothing is written over a .json file; name it ${shownFileName(basename(output).replace(/\.[^.]+$/, `.${EXTENSIONS[format as GraphFormat]}`))}`);
  }
  if (named === null && asked === undefined) {
    throw new UsageError(`--output ${shownPath(output as string)}: the graph is Mermaid (.mmd or .txt), DOT (.dot or .gv) or an SVG picture (.svg); name the file with one of these, or give --format`);
  }
  // story.dot holding an SVG picture opens in nothing that reads .dot.
  if (typeof asked === 'string' && typeof named === 'string' && named !== asked) {
    throw new UsageError(`--output ${shownPath(output as string)} names a ${FORMAT_NAMES[named]} file, but --format is ${asked}; name it ${shownFileName(basename(output as string).replace(/\.[^.]+$/, `.${EXTENSIONS[asked as GraphFormat]}`))}, or leave out --format`);
  }
  if (target.note) io.err(`casa-practice: ${visibleLine(target.note)}\n`);
  // A trainer's own file's "$schema" is checked as validate and play check it: a path copied from
  // the example that leads nowhere was said by validate alone. Only that warning is said here, on
  // stderr before the graph (the graph is for the story's shape; validate lists the rest).
  const file = inScenariosDir(target.path) ? loadScenarioFile(target.path) : loadScenarioFile(target.path, undefined, { schemaRef: checkSchemaRef(target.path) });
  if (!file.result.scenario) {
    io.err(`${fitted(formatValidation(file.result, file.path), io)}\n`);
    if (typeof output === 'string') io.err(`casa-practice: ${shownPath(output)} was not written.\n`);
    return 1;
  }
  const schemaWarnings = file.result.problems.filter((p) => p.code === 'schema-not-found' || p.code === 'schema-not-scenario' || p.code === 'schema-remote');
  if (schemaWarnings.length > 0) {
    // As validate prints them, without its verdict line (which counts every warning of the file).
    const shown = formatValidation({ ...file.result, problems: schemaWarnings, truncated: undefined }, file.path).split('\n').slice(0, -1).join('\n');
    io.err(`Warning about this file (the graph is drawn anyway):\n${fitted(shown, io)}\n\n`);
  }
  let graph: string;
  try {
    graph = exportGraph(file.result.scenario, format as GraphFormat);
  } catch (e) {
    // A picture past its limits (a generated or damaged file): said, with the formats that draw any size.
    if (!(e instanceof GraphTooLarge)) throw e;
    const dot = typeof output === 'string' ? `--format dot --output ${shownFileName(`${basename(output).replace(/\.[^.]+$/, '')}.dot`)}` : '--format dot';
    io.err(`casa-practice: ${e.message} Write it as text instead: ${dot} (for Graphviz), or --format mermaid.\n`);
    if (typeof output === 'string') io.err(`casa-practice: ${shownPath(output)} was not written.\n`);
    return 1;
  }
  if (typeof output !== 'string') {
    io.out(graph);
    return 0;
  }
  const problem = writeOutput(output, graph);
  if (problem !== undefined) {
    // Wrapped between words in a terminal (the path whole on a row), as the report is: at 60
    // columns the terminal broke it mid-word ("the di" over "sk is read-only").
    const said = `casa-practice: could not write ${shownPath(output)}: ${problem}.`;
    const columns = io.columns?.();
    io.err(`${columns ? wrapWords(said, columns) : said}\n`);
    return 1;
  }
  io.out(`Wrote the graph (${format}) to ${shownPath(output)}.\n`);
  return 0;
}

/** A path as typed, or in quotes with its invisible characters escaped ("o\u001b[31m.svg") when it has any. */
function shownPath(path: string): string {
  return shownFileName(path);
}

/**
 * Writes a file the user named: a new file, or one replaced whole (atomically: a graph half
 * written never replaces a good one). A link is written through, to the file it names, and a
 * file with other names (hard links) is written in place, so that every name sees the new graph;
 * a folder, a device (/dev/null), a named pipe or a socket is refused, never replaced by a file.
 * Returns why it could not, in words, or undefined.
 */
function writeOutput(path: string, text: string): string | undefined {
  // Bytes that are not UTF-8 reached the command as U+FFFD: written, the graph went to another name
  // (and a folder "dir\u{FFFD}" was made beside the one meant).
  const odd = notUtf8OutputWords(path);
  if (odd !== undefined) return odd;
  // A folder that does not exist is not made (a mistyped one would be), as new does not make one.
  const missing = missingFolderWords(path);
  if (missing !== undefined) return missing;
  let target = path;
  try {
    const seen = lstatSync(path);
    if (seen.isSymbolicLink()) {
      try {
        target = realpathSync(path);
      } catch {
        return 'it is a link to a file that does not exist; name the file itself, or remove the link';
      }
    }
    const what = target === path ? seen : statSync(target);
    if (what.isDirectory()) return 'a folder is in the way of a file';
    if (!what.isFile()) {
      const kind = what.isFIFO() ? 'a named pipe' : what.isSocket() ? 'a socket' : 'a device';
      return `it is ${kind}, not a file; name a file for the graph, or leave out --output to print it`;
    }
    if (what.nlink > 1) {
      writeFileSync(target, text);
      return undefined;
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') return errorWords(e);
  }
  try {
    writeAtomic(target, text, 0o666);
  } catch (e) {
    // The file is new here, so what is missing is a folder on its way that could not be made.
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'a folder on the path does not exist and cannot be made' : errorWords(e);
  }
  return undefined;
}

export const SCHEMA_HELP = `Usage: casa-practice schema --path | --for <file>

Where the scenario format's JSON Schema (scenario.schema.json) is, for editors such as VS Code,
which read it from the "$schema" line at the top of a scenario file.

Options:
  --path        print the schema's absolute path
  --for <file>  print the "$schema" line for that file: the path from its folder to the schema
                (a folder: the line for the files in it)
  -h, --help    show this help

Exit codes: 0 printed, 2 usage error.
`;

function isFolder(path: string): boolean {
  if (/[\\/]$/.test(path)) return true;
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** `casa-practice schema`: where scenario.schema.json is, as a path or as a "$schema" line. */
export function schemaCommand(argv: readonly string[], io: CliIO): number {
  const args = parseArgs(argv, ['help', 'path', 'for'], ['for']);
  if (args.flags.has('help')) {
    io.out(helpText(SCHEMA_HELP));
    return 0;
  }
  if (args.positionals.length > 0) throw new UsageError(`schema takes no file without --for (write --for ${visibleLine(args.positionals[0] as string)})`);
  const forFile = args.flags.get('for');
  if (typeof forFile === 'string') {
    // A folder (scenarios/drafts/): the line for the files in it.
    io.out(`"$schema": ${safeJson(schemaRefFor(isFolder(forFile) ? join(forFile, 'scenario.json') : forFile))},\n`);
    return 0;
  }
  if (!args.flags.has('path')) throw new UsageError('schema needs --path or --for <file>');
  io.out(`${visibleLine(schemaPath())}\n`);
  return 0;
}
