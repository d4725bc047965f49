import { resumeFailureInOne, resumeFailureLines, visibleLine, type PlayableScenario, type RunOrigin, type SaveSummary, type SessionMode } from '../machines/light.js';
import type { MissingFile, PersistedScenarioSnapshot, SaveHold } from '../machines/index.js';
import { parseArgs, UsageError, type ParsedArgs } from './args.js';
import { LINE_TOO_LONG, lineReader } from './node/line-reader.js';
import { fixedSeed } from './seed.js';
import type { CliIO } from './commands.js';
import { command, commandName, helpText, shellWord, textWidth } from './invocation.js';
import { columnsOf, wrapWords } from './wrap.js';
// A type only: saves.js (and what it loads) is imported when a command needs it.
import type { roomSessionArgs as RoomSessionArgs } from './saves.js';

export const APP_HELP = `Usage: casa-practice [--assess] [--plain] [--facilitate] [scenario] [--new]

Opens the scenario picker (or the named scenario) in the terminal.

Options:
  --assess      assessment mode: no feedback and no undo until the debrief
  --facilitate  trainer-led session for a room: votes, reveal, written summary
                (line by line too: votes as "3 5 0", r to reveal, then the branch's
                number or reply id, u back to the decision before, s start over). A
                session is kept as it goes: --facilitate with the same scenario carries
                it on, or shows a finished one's debrief (u there goes back from its
                ending). One begun with play --from or --set is kept apart from the
                scenario's own: to carry it on, run the command it prints as it starts
                and as it stops (play with the same scenario, --from and --set, and
                --facilitate); --facilitate with the scenario alone starts another
                session
  --new         with a scenario: start over even if it has a save or a kept
                trainer-led session (--facilitate <scenario> --new starts a new session)
  --plain       line-by-line mode: type a reply's number, or its id from the
                scenario file (always the same reply; numbers follow the shuffled
                order shown); automatic when input or output is not a terminal,
                or TERM=dumb
  -h, --help    show this help

Keys are listed at the bottom of every screen. q asks before quitting and saves
your progress; to continue where you stopped, run:
  casa-practice resume
Opening a scenario that has a save asks whether to continue it or start over.
Replies are shown in an order shuffled per playthrough; CASA_PRACTICE_SEED=N fixes it.
Exit codes: 0 done, 1 problems (a scenario with errors, input ended early), 2 usage error,
74 progress could not be written (the state folder is not writable), 130 Ctrl-C.
`;

export const PLAY_HELP = `Usage: casa-practice play <file|scenario-id> [options]

Validates a scenario file and then plays it. A file with errors is not played: its problems are
printed as the validate command prints them.

Options:
  --new         start over even if this scenario has a save (the save is kept until
                your first reply); without it a save is continued (line by line) or
                you are asked (in the app); with --facilitate, the same for a kept
                trainer-led session, finished or not (kept until the room's first vote)
  --from NODE   start at this scene or decision (variables at their starting values)
  --set VAR=VALUE  start with this variable at this value (repeatable): --set trust=70
                --set told-csw=true; with --from, to test each ending (not recorded as a completion)
  --preview     an author's test of the whole file, as the web app's Preview plays
                it: not added to your records, and saved apart from your own save
  --assess      assessment mode: no feedback and no undo until the debrief
  --facilitate  trainer-led session for a room
  --plain       line-by-line mode: replies from stdin, transcript and debrief as text
                e.g.  printf 'd1-curious\\nd2-needs\\n' | casa-practice play youth-discloses --plain --new
                (a reply's id from the file always means the same reply; a number
                follows the shuffled order shown, which CASA_PRACTICE_SEED=N fixes)
  -h, --help    show this help

Exit codes: 0 played, 1 the file has errors (or input ended early), 2 usage error,
74 progress could not be written, 130 Ctrl-C.
`;

export const RESUME_HELP = `Usage: casa-practice resume [--plain]

Continues the most recently saved session (practice or assessment) exactly where it stopped. A
decision (in practice mode also a scene a reply led to) opens after "Where you left off": your last
reply (in practice mode with its feedback) and the scenes since. With no save, or a damaged
or outdated one (reported in one line and moved aside, never deleted), you choose a scenario from
the list instead. A trainer-led session is carried on with --facilitate and its scenario, not with
resume (which names that command when it finds no other save). When the save is of a scenario file
that has moved, you are asked where it is now: type or paste its new path (or a folder to look in).
If it is the same scenario and version the session goes on and the save names the new path; Enter
(or Esc in the app) goes back with the save unchanged.

Options:
  --plain     line-by-line mode: type a reply's number, or its id from the
              scenario file
  -h, --help  show this help
`;

const FLAGS = ['help', 'assess', 'plain', 'facilitate'];

/** How the app was asked to run. */
interface RunRequest {
  playable?: PlayableScenario;
  snapshot?: PersistedScenarioSnapshot;
  startedAt?: string;
  /** The practice time the resumed save stands for. */
  activeMs?: number;
  /** The resumed save as read (the core's SaveHold). */
  hold?: SaveHold;
  mode: SessionMode;
  plain: boolean;
  /** --plain was asked for (`plain` is true of itself too, where input or output is not a terminal): the commands a session names say it. */
  plainAsked?: boolean;
  facilitate: boolean;
  notice?: string;
  resumed?: boolean;
  /** The scenario's file had warnings (shown before it is played). */
  warnings?: string;
  /** --new: start over without asking, even with a save waiting. */
  startOver?: boolean;
  /** The save to resume is of a trainer's file that moved: ask where it is now first. */
  locate?: MissingFile;
}

/** The options only `play` takes (an author's start, a preview). */
const PLAY_ONLY = ['from', 'set', 'preview'];

/**
 * `--facilitate <scenario> --from NODE` (a trainer starting the room part-way through) said only
 * 'unknown option "--from"': these are play's options, and the same words after `play` run it (with
 * --facilitate kept last, as roomSessionArgs prints it).
 */
function playOnly(all: readonly string[]): void {
  // Words after "--" are scenarios, whatever they look like.
  const argv = all.includes('--') ? all.slice(0, all.indexOf('--')) : all;
  const flag = (w: string | undefined) => /^--([a-z]+)(?:=|$)/.exec(w ?? '')?.[1];
  const name = argv.map(flag).find((n) => n !== undefined && PLAY_ONLY.includes(n));
  if (name === undefined) return;
  const facilitate = argv.includes('--facilitate');
  if (facilitate && argv.includes('--preview')) throw new UsageError('--preview and --facilitate cannot be used together');
  // The scenario first, as play's help writes it: a word that is not an option, nor the value of --from or --set.
  const valueAt = (i: number) => /^--(from|set)$/.test(argv[i - 1] ?? '');
  const scenario = argv.filter((w, i) => !w.startsWith('-') && !valueAt(i));
  const options = argv.filter((w, i) => (w.startsWith('-') || valueAt(i)) && w !== '--facilitate');
  const words = [...(scenario.length > 0 ? scenario.map(shellWord) : ['<scenario>']), ...options.map(shellWord), ...(facilitate ? ['--facilitate'] : [])];
  throw new UsageError(`"--${name}" is an option of play: ${command(`play ${words.join(' ')}`)}`);
}

/** `casa-practice [options] [scenario]`: the picker, or a named scenario. */
export async function appCommand(argv: readonly string[], io: CliIO): Promise<number> {
  // --new as `play` takes it: `--facilitate <scenario> --new` is the command a trainer-led session
  // prints to start over (roomSessionArgs), in the form that carries it on.
  playOnly(argv);
  const args = parseArgs(argv, [...FLAGS, 'new']);
  if (args.flags.has('help')) return help(io, APP_HELP);
  if (args.positionals.length > 1) throw new UsageError('name at most one scenario');
  if (args.flags.has('new') && args.positionals.length === 0) throw new UsageError('--new needs a scenario (e.g. --facilitate youth-discloses --new)');
  return args.positionals[0] === undefined ? run(request(args), io) : playScenario(args, io);
}

/** `casa-practice play <file>`: validate, then play. */
export async function playCommand(argv: readonly string[], io: CliIO): Promise<number> {
  const args = parseArgs(argv, [...FLAGS, 'from', 'set', 'new', 'preview'], ['from', 'set']);
  if (args.flags.has('help')) return help(io, PLAY_HELP);
  // "--set trust= 70" (a space after "=") leaves "70" as a second file name: say what was meant
  // before counting files, which said only "play needs exactly one scenario file or id".
  startingValues(args.lists.get('set') ?? []);
  if (args.positionals.length !== 1) throw new UsageError('play needs exactly one scenario file or id');
  return playScenario(args, io);
}

/** A slot name a bundled scenario's trainer-led session is kept under: its id, and the scene of an author's --from. */
const ROOM_SLOT = /^([a-z0-9]+(?:-[a-z0-9]+)*)(?:--from-([a-z0-9]+(?:-[a-z0-9]+)*))?$/;

/**
 * What `resume` says when no volunteer's save is waiting. A trainer-led session is kept apart and
 * carried on by opening its scenario with --facilitate as it was begun: one begun at a scene with
 * --from (and --set) is kept apart from the scenario's own, so `--facilitate <scenario>` opened
 * another session. So each is named, with the command that carries it on (roomSessionArgs) when
 * the slot is a bundled scenario's id, with or without --from; otherwise the forms of that command.
 * Every command ends its line, to be copied (wrapWords breaks a long one with line continuations).
 */
export function noSaveWords(roomSessions: readonly string[], argsOf: typeof RoomSessionArgs, env: NodeJS.ProcessEnv = process.env, newer?: string): string {
  // Saves a newer version wrote (newerSavesLine, naming their scenarios) are said first, on a line of
  // their own: "No saved session was found" alone was not true of them.
  if (newer !== undefined) return `${newer}\n${noSaveWords(roomSessions, argsOf, env).replace(/^No saved /, 'No other saved ')}`;
  if (roomSessions.length === 0) return 'No saved session was found; choose a scenario.';
  const which = roomSessions.map((s) => visibleLine(s)).join(', ');
  const lead = `No saved practice session was found. A trainer-led session is kept (${which}).`;
  const [only] = roomSessions;
  const slot = roomSessions.length === 1 && only !== undefined ? ROOM_SLOT.exec(only) : null;
  if (slot) {
    const args = argsOf({ bundled: true, file: '', scenario: { id: slot[1] as string }, ...(slot[2] !== undefined ? { from: slot[2] } : {}) });
    return `${lead} Choose a scenario, or carry it on with:\n${command(args, env)}`;
  }
  const from = roomSessions.some((s) => s.includes('--from-'));
  const setOnly = roomSessions.some((s) => !s.includes('--from-') && s.endsWith('--set'));
  const own = roomSessions.some((s) => !s.includes('--from-') && !s.endsWith('--set'));
  const forms = [
    own ? `One of a scenario: ${command('--facilitate <scenario>', env)}` : undefined,
    from ? `One begun with --from: ${command('play <scenario> --from NODE [--set …] --facilitate', env)}` : undefined,
    setOnly ? `One begun with --set: ${command('play <scenario> --set … --facilitate', env)}` : undefined,
  ].filter((f) => f !== undefined);
  return `${lead} Choose a scenario, or carry ${roomSessions.length === 1 ? 'it' : 'one'} on by opening its scenario as it was begun:\n${forms.join('\n')}`;
}

/** `casa-practice resume`. */
export async function resumeCommand(argv: readonly string[], io: CliIO): Promise<number> {
  const args = parseArgs(argv, ['help', 'plain']);
  if (args.flags.has('help')) return help(io, RESUME_HELP);
  if (args.positionals.length > 0) throw new UsageError('resume takes no scenario');
  const base = request(args);
  const { keptRoomSessions, newerSavesLine, readSave, roomSessionArgs, unlistedSavesWords } = await import('./saves.js');
  const found = readSave(process.env);
  // None this version can continue: the saves a newer version wrote (passed over) are named by title;
  // none seen in a saves folder that cannot be listed is not "No saved session was found".
  if (found.kind === 'none') return run({ ...base, notice: unlistedSavesWords(process.env) ?? noSaveWords(keptRoomSessions(process.env), roomSessionArgs, process.env, newerSavesLine(undefined, process.env)) }, io);
  // Its trainer's file moved: the app (or the line-by-line prompt) asks where it is now.
  if (found.kind === 'bad' && found.missing) return run({ ...base, locate: found.missing }, io);
  if (found.kind === 'bad') {
    // Line by line, its file's path on a line of its own; above the picker, whose notices are a row
    // each, the same in one notice (the path in it) with what to do, as R on the picker says it.
    // Said once: line by line on stderr, full screen above the picker. Printed on stderr before the
    // full-screen app too, it stood above the picker's own notice of it, the same words twice (and
    // wrapped mid-word by the terminal), as the unwritable state folder's line is not.
    // Written by a newer version of casa-practice: said as the core words it (left where it is, nothing wrong with it).
    if (base.plain) {
      io.err(`${stderrRows(`casa-practice: ${found.newer !== undefined ? found.error : resumeFailureLines(found.error, found.movedTo, 'choose a scenario')}`)}\n`);
      return run(base, io);
    }
    return run({ ...base, notice: found.newer !== undefined ? found.error : resumeFailureInOne(found.error, found.movedTo) }, io);
  }
  // Saves a newer version wrote of other scenarios: passed over (latestSaveKey), and named in one
  // line, left untouched (line by line on stderr; full screen above where it left off).
  const newer = newerSavesLine(found.playable, process.env);
  if (newer !== undefined && base.plain) io.err(`${stderrRows(`casa-practice: ${newer}`)}\n`);
  return run({ ...base, playable: found.playable, snapshot: found.snapshot, startedAt: found.startedAt, activeMs: found.activeMs, hold: found.hold, mode: found.mode, resumed: true, ...(newer !== undefined && !base.plain ? { notice: newer } : {}) }, io);
}

/** `--set trust=70 --set told-csw=true` as variable id → value (checked against the scenario later). */
export function startingValues(words: readonly string[]): Record<string, string> | undefined {
  if (words.length === 0) return undefined;
  // No prototype: "--set __proto__=5" is a name like any other (on {} the assignment was silently ignored).
  const values = Object.create(null) as Record<string, string>;
  for (const word of words) {
    const eq = word.indexOf('=');
    const id = eq < 0 ? '' : word.slice(0, eq).trim();
    const value = eq < 0 ? '' : word.slice(eq + 1).trim();
    if (!id || !value) throw new UsageError(`--set needs VARIABLE=VALUE with no spaces around "=" (e.g. --set trust=70), not "${word}"`);
    if (Object.hasOwn(values, id)) throw new UsageError(`--set: "${id}" is given twice`);
    values[id] = value;
  }
  return values;
}

/**
 * Text for stderr: where stderr is a terminal, each line longer than its width wrapped between words
 * (a path kept whole on a row of its own, a command whole or continued), lines that fit as they are;
 * piped, as it is. The terminal broke such lines mid-word ("it i" / "s now version 29", "no" / "thing
 * was deleted") at 60 columns.
 */
function stderrRows(text: string): string {
  const columns = process.stderr.isTTY ? process.stderr.columns : undefined;
  if (!columns) return text;
  return text.split('\n').map((line) => (columnsOf(line) <= columns ? line : wrapWords(line, columns, `${commandName()} `))).join('\n');
}

/** io whose stderr lines are wrapped for a terminal (stderrRows): line by line, what is said there. */
const wrappedErr = (io: CliIO): CliIO => ({ ...io, err: (text: string) => io.err(stderrRows(text)) });

function help(io: CliIO, text: string): number {
  io.out(helpText(text));
  return 0;
}

/**
 * Whether to run line by line: asked for (--plain), input or output not a terminal, or a terminal
 * that says it cannot move the cursor (TERM=dumb: Emacs' shell, some IDE consoles), where the
 * full-screen app would print every frame after the last.
 */
export function runsPlain(asked: boolean, stdinTTY: boolean | undefined, stdoutTTY: boolean | undefined, env: NodeJS.ProcessEnv): boolean {
  return asked || stdinTTY !== true || stdoutTTY !== true || env.TERM === 'dumb';
}

function request(args: ParsedArgs): RunRequest {
  return {
    mode: args.flags.has('assess') ? 'assessment' : 'practice',
    plain: runsPlain(args.flags.has('plain'), process.stdin.isTTY, process.stdout.isTTY, process.env),
    plainAsked: args.flags.has('plain'),
    facilitate: args.flags.has('facilitate'),
  };
}

async function playScenario(args: ParsedArgs, io: CliIO): Promise<number> {
  const from = args.flags.get('from');
  const set = startingValues(args.lists.get('set') ?? []);
  const { loadPlayable, warningsOf } = await import('./scenario-source.js');
  const loaded = loadPlayable(args.positionals[0] as string, typeof from === 'string' ? from : undefined, set);
  if ('problems' in loaded) {
    // Laid out for a terminal as validate lays out the same report (fitReport): wrapped between words,
    // a fix's rows under its words, and a path longer than the window left whole (wrapText cut it
    // mid-name). Piped, each problem and each fix stays one row.
    // A file's name longer than the row is broken after a "/", its further rows indented (fitReadReport).
    const columns = process.stderr.isTTY ? process.stderr.columns : undefined;
    const { fitReadReport } = await import('./wrap.js');
    io.err(`${columns ? fitReadReport(loaded.problems, Math.min(columns, 100)) : loaded.problems}\n`);
    // As graph says "… was not written": the report alone ends as validate's does, on the count.
    io.err('casa-practice: not played: fix the errors above first.\n');
    return 1;
  }
  if (args.flags.has('preview') && args.flags.has('facilitate')) throw new UsageError('--preview and --facilitate cannot be used together');
  // --preview: an author's test, as the web app's Preview plays a file (see PlayableScenario.preview).
  const playable = args.flags.has('preview') ? { ...loaded, preview: true as const } : loaded;
  // A file with warnings is still played, but its author sees them first.
  return run({ ...request(args), playable, warnings: warningsOf(loaded), startOver: args.flags.has('new') }, io);
}

async function run(req: RunRequest, io: CliIO): Promise<number> {
  if (req.facilitate && req.mode === 'assessment') throw new UsageError('--facilitate and --assess cannot be used together');
  fixedSeed(process.env);
  // On stdout, before the scenario: an author playing a file sees its warnings (it is played anyway).
  if (req.warnings) {
    // Laid out as the report of a file with errors is (fitReadReport): wrapText cut a file's name
    // longer than the row at its width, mid-name.
    const { fitReadReport } = await import('./wrap.js');
    io.out(`Warnings in this file (it is played anyway):\n${fitReadReport(req.warnings, textWidth())}\n\n`);
  }
  // Check at start that progress can be saved; if not, say so once and go on in memory.
  const { checkStateFolder, stateStore } = await import('./node/state-store.js');
  const unwritable = checkStateFolder(process.env);
  // The full-screen app says it on its first screen; printed before it, the line would be wrapped
  // mid-word by the terminal and then pushed away.
  // Wrapped between words on a terminal (as a usage error is): at 60 columns the terminal broke it
  // mid-word ("… not be kept this ru" / "n: …", "(p" / "ermission denied)"); piped, one line.
  if (unwritable && (req.plain || !process.stdout.isTTY)) io.err(`${stderrRows(`casa-practice: ${unwritable}`)}\n`);
  const code = await runApp(req, io);
  // Non-zero for a failed write only: the session itself went on in memory.
  return code === 0 && stateStore(process.env).lostWrites() ? 74 : code;
}

async function runApp(req: RunRequest, given: CliIO): Promise<number> {
  if (req.plain) {
    // What is said on stderr wrapped between words where it is a terminal (a damaged save set aside,
    // a trainer-led session that cannot carry on, records that refused a write…).
    const io = wrappedErr(given);
    // Wrapped as the app's last words are: a command (noSaveWords) whole on its own line, or broken
    // with line continuations where it is longer than a line.
    if (req.notice && !req.playable) io.out(`${wrapWords(req.notice, textWidth(), `${commandName()} `)}\n`);
    const plain = {
      playable: req.playable, io, env: process.env,
      // Asked again for each paragraph: the window may be resized during the session.
      width: textWidth,
      // A line with no break in sight (< /dev/zero) ends the input, said first: it filled the memory.
      readLine: lineReader(process.stdin, () => io.err(`${LINE_TOO_LONG}\n`)),
      plainAsked: req.plainAsked,
      terminalWidth: () => (process.stdout.isTTY && process.stdout.columns > 0 ? process.stdout.columns : undefined),
    };
    try {
      if (req.facilitate) return await (await import('./facilitate-plain.js')).runFacilitatePlain({ ...plain, startOver: req.startOver });
      const located = req.locate ? await (await import('./locate-plain.js')).locatePlain(req.locate, plain) : undefined;
      // Found: the session goes on from the save. Not found (Enter, q, end of input): the list.
      if (located) return await (await import('./plain.js')).runPlain({ ...plain, playable: located.playable, snapshot: located.snapshot, startedAt: located.startedAt, activeMs: located.activeMs, hold: located.hold, mode: located.mode, origin: 'continued' });
      return await (await import('./plain.js')).runPlain({ ...plain, snapshot: req.snapshot, startedAt: req.startedAt, activeMs: req.activeMs, hold: req.hold, mode: req.mode, origin: req.resumed ? 'continued' : req.startOver ? 'started-over' : undefined });
    } finally {
      process.stdin.pause();
    }
  }
  const { runInteractive } = await import('./ui/run-app.js');
  let saved: SaveSummary | undefined;
  let setAside: string | undefined;
  let origin: RunOrigin | undefined = req.resumed ? 'continued' : req.startOver ? 'started-over' : undefined;
  if (req.playable && !req.facilitate && origin !== 'continued') {
    const saves = await import('./saves.js');
    // A save that cannot be continued (made with another edit of the scenario, its values edited) is
    // set aside as the picker sets it aside, not offered to continue. A new run (--new too) would
    // write over a save too damaged to read: it is moved aside first.
    const found = origin === undefined ? saves.saveToOffer(req.playable, process.env) : { setAside: saves.setAsideDamagedSave(req.playable, process.env) };
    saved = found.saved;
    setAside = found.setAside;
    if (origin === undefined && !saved) origin = 'new';
  }
  const start = req.facilitate
    ? { kind: 'facilitate' as const, playable: req.playable, startOver: req.startOver }
    : req.playable
      ? { kind: 'play' as const, playable: req.playable, snapshot: req.snapshot, startedAt: req.startedAt, activeMs: req.activeMs, hold: req.hold, showNote: !req.resumed, saved, origin, setAside, ...(req.resumed && req.notice !== undefined ? { notice: req.notice } : {}) }
      : req.locate
        ? { kind: 'locate' as const, missing: req.locate }
        : { kind: 'picker' as const, notice: req.notice };
  return runInteractive({ start, mode: req.mode, env: process.env });
}
