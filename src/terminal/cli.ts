import { UsageError } from './args.js';
import { graphCommand, validateCommand, type CliIO } from './commands.js';
import { FileAccessError } from './files.js';
import { packageVersion } from './paths.js';

export const MAIN_HELP = `casa-practice — practise responding to youth affected by commercial sexual
exploitation (CSEC), scored against CASA of Los Angeles's in-service guide.

Usage:
  casa-practice validate <file|folder>...   check scenario files (--json, --strict)
  casa-practice graph <file> [--format mermaid|dot]
  casa-practice --help | --version

Run "casa-practice <command> --help" for a command's options.
`;

type Command = (argv: readonly string[], io: CliIO) => number | Promise<number>;

const COMMANDS: Record<string, Command> = {
  validate: validateCommand,
  graph: graphCommand,
};

/** Runs the CLI and returns its exit code; never throws for user mistakes. */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  const [first, ...rest] = argv;
  try {
    if (first === '--version' || first === '-v') {
      io.out(`${packageVersion()}\n`);
      return 0;
    }
    if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
      io.out(MAIN_HELP);
      return 0;
    }
    const command = Object.hasOwn(COMMANDS, first) ? COMMANDS[first] : undefined;
    if (!command) throw new UsageError(`unknown command "${first}"`);
    return await command(rest, io);
  } catch (e) {
    if (e instanceof UsageError || e instanceof FileAccessError) {
      io.err(`casa-practice: ${e.message}\n${e instanceof UsageError ? 'Run "casa-practice --help" for usage.\n' : ''}`);
      return 2;
    }
    throw e;
  }
}
