import { didYouMean, quoteAsWritten, quoteValue, visibleLine } from '../machines/light.js';
import { UsageError } from './args.js';
import type { CliIO } from './commands.js';
import { FileAccessError } from './errors.js';
import { helpText } from './invocation.js';
import { packageVersion } from './paths.js';
import type { COMMAND_NAMES } from './wrap.js';

/** The main help with commands in the form that works where the app was started (e.g. `npx casa-practice`). */
export function mainHelp(name: string): string {
  return helpText(MAIN_HELP, name);
}

export const MAIN_HELP = `casa-practice — practise responding to youth affected by commercial sexual
exploitation (CSEC), scored against CASA of Los Angeles's in-service guide.

Usage:
  casa-practice [--assess] [--plain]          choose a scenario and practise
  casa-practice --facilitate [scenario]       lead a session for a room
  casa-practice play <file|id> [--from NODE]  validate and play a scenario (--set, --assess, --plain)
  casa-practice resume                        continue where you stopped
  casa-practice records                       your finished practice and its minutes (--csv, --backup, --xapi <file>)
  casa-practice room <scenario>               a live room: phones vote (--resume)
  casa-practice new <id|file>                 start a scenario file from the worked example
  casa-practice validate <file|folder>...     check scenario files (--json, --strict, --watch)
  casa-practice graph <file>                  draw a scenario as a graph (--format mermaid|dot|svg, --output)
  casa-practice audit [file|folder]...        do endings follow conduct? is the answer key hidden? (--json)
  casa-practice schema --path | --for <file>  where the format's schema is, for "$schema"
  casa-practice --help | --version

Without a terminal (piped input) the app runs line by line, reading replies by
number (in the shuffled order shown) or by id (from the file, always the same reply):
  printf 'd1-curious\\nd2-needs\\n' | casa-practice play youth-discloses --plain --new

Run "casa-practice <command> --help" for a command's options.
`;

type Command = (argv: readonly string[], io: CliIO) => number | Promise<number>;

// Commands load on demand so starting the picker never pays for the validator or the graph tools.
// (Each of wrap.ts's COMMAND_NAMES, which tell a command in a line from words: the type says so.)
const COMMANDS: Record<(typeof COMMAND_NAMES)[number], () => Promise<Command>> = {
  validate: async () => (await import('./commands.js')).validateCommand,
  graph: async () => (await import('./commands.js')).graphCommand,
  audit: async () => (await import('./commands.js')).auditCommand,
  schema: async () => (await import('./commands.js')).schemaCommand,
  new: async () => (await import('./new-command.js')).newCommand,
  play: async () => (await import('./app-commands.js')).playCommand,
  resume: async () => (await import('./app-commands.js')).resumeCommand,
  records: async () => (await import('./records-command.js')).recordsCommand,
  room: async () => (await import('./room/command.js')).roomCommand,
};

/**
 * Where the command is in a command line that starts with options: the first command's name that
 * follows only options and words that may be an option's value (a word after "--name", not after
 * "--name=value" nor "--"); -1 when there is none.
 */
function commandAfterOptions(argv: readonly string[]): number {
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i] as string;
    if (word === '--') return -1;
    if (word.startsWith('-')) continue;
    if (Object.hasOwn(COMMANDS, word)) return i;
    const before = i > 0 ? (argv[i - 1] as string) : '';
    if (!(before.startsWith('--') && !before.includes('='))) return -1;
  }
  return -1;
}

/** The picker's options that read as a command when typed without their dashes. */
const APP_OPTIONS = new Set(['facilitate', 'assess', 'plain']);

/** Runs the CLI and returns its exit code; never throws for user mistakes. */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  const [first, ...rest] = argv;
  try {
    if (first === '--version' || first === '-v') {
      io.out(`${packageVersion()}\n`);
      return 0;
    }
    // "help play" is "play --help", as git and npm take it.
    const topic = rest[0];
    if (first === 'help' && topic !== undefined && Object.hasOwn(COMMANDS, topic)) return await runCli([topic, '--help'], io);
    if (first === '--help' || first === '-h' || first === 'help') {
      io.out(mainHelp((await import('./invocation.js')).commandName()));
      return 0;
    }
    // Options written before the command ("--assess play red-flags", "--plain resume", as git takes
    // its own options) reached the picker's parser, which took the command for a scenario: "name at
    // most one scenario", or 'no scenario "resume"'. The command goes first; its own parser then
    // checks the options. A word after "--name" may be that option's value ("--format dot graph …",
    // "--year 2025 records"), so the command is the first command's name among the words that are
    // options or may be an option's value; the picker's options take no value, so a scenario named
    // first ("--facilitate red-flags") stays the picker's.
    const at = first?.startsWith('-') ? commandAfterOptions(argv) : -1;
    if (at > 0) return await runCli([argv[at] as string, ...argv.slice(0, at), ...argv.slice(at + 1)], io);
    if (first === undefined || first.startsWith('-')) return await (await import('./app-commands.js')).appCommand(argv, io);
    const load = Object.hasOwn(COMMANDS, first) ? COMMANDS[first as keyof typeof COMMANDS] : undefined;
    if (!load) {
      // A scenario's name where the command goes: say how to play it.
      const { command, shellWord } = await import('./invocation.js');
      const play = (await import('./files.js')).namesScenario(first) ? ` To play that scenario: ${command(`play ${first}`)}` : '';
      // An option of the picker typed as a command ("facilitate testifying", as "play" and "room"
      // are typed): the same words with the option, as a trainer meant them.
      const option = APP_OPTIONS.has(first.toLowerCase()) ? ` It is an option: ${command([`--${first.toLowerCase()}`, ...rest].map(shellWord).join(' '))}` : '';
      // Quoted as written: cleaned, "play" with a zero-width space read 'unknown command "play". Did you mean "play"?'.
      // A command's name near it first ("plya"); else a bundled scenario's id mistyped ("red-flag"),
      // with the command that plays it.
      const near = play || option || didYouMean(first, [...Object.keys(COMMANDS), 'help']) || (await import('./files.js')).nearScenarioId(first);
      const nearScenario = near && !near.startsWith(' ') ? ` Did you mean the scenario ${quoteValue(near)}? To play it: ${command(`play ${near}`)}` : near;
      throw new UsageError(`unknown command ${quoteAsWritten(first, 1000)}.${nearScenario ?? ''}`);
    }
    return await (await load())(rest, io);
  } catch (e) {
    if (e instanceof UsageError || e instanceof FileAccessError) {
      // A command's mistake points at that command's help, named as the program was started.
      const topic = first !== undefined && Object.hasOwn(COMMANDS, first) ? `${first} --help` : '--help';
      // Wrapped at word boundaries on a terminal (it would break a long path or word mid-way).
      const line = `casa-practice: ${visibleLine(e.message)}`;
      const columns = process.stderr.isTTY ? process.stderr.columns : undefined;
      const { command, commandName } = await import('./invocation.js');
      // A command in the line (the one that plays a scenario named where the command goes) and the
      // help's command each go on rows of their own where they do not fit after the words before
      // them, broken only between their words with shell line continuations (wrapWords' `keep`):
      // wrapped as words, one was broken at a space ("… play" above "youth-discloses") and its
      // rows, pasted, ran each on its own.
      const wrap = async (text: string) => (columns ? (await import('./wrap.js')).wrapWords(text, columns, `${commandName()} `) : text);
      // The command on a line of its own, as other hints put it ("To see why, run:"): 'Run "…
      // records --help" for usage.' ran past a 60-column row and was cut before its closing quote,
      // and a command copied with its quotes is not one a shell runs.
      const help = e instanceof UsageError ? `For usage, run:\n${await wrap(command(topic))}\n` : '';
      io.err(`${await wrap(line)}\n${help}`);
      return 2;
    }
    throw e;
  }
}
