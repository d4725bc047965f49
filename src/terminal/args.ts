import { didYouMean, quoteAsWritten } from '../machines/light.js';
/** Command-line words split into positionals and --flags (values for the flags that take one). */
export interface ParsedArgs {
  positionals: string[];
  flags: Map<string, string | true>;
  /** Every value of each valued flag, in order (`flags` keeps the last): `--set a=1 --set b=2`. */
  lists: Map<string, string[]>;
}

/** Raised for a malformed command line; the CLI prints it with the usage and exits 2. */
export class UsageError extends Error {}

/**
 * Parses `argv`. `valued` names the flags that take a value (`--format dot` or `--format=dot`);
 * every other flag is a switch. Unknown flags are refused so typos don't pass silently.
 */
export function parseArgs(argv: readonly string[], known: readonly string[], valued: readonly string[] = []): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  const lists = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i] as string;
    if (word === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!word.startsWith('-') || word === '-') {
      positionals.push(word);
      continue;
    }
    const [name, inline] = word.startsWith('--') ? splitOnce(word.slice(2), '=') : [word.slice(1), undefined];
    const canonical = name === 'h' ? 'help' : name === 'v' ? 'version' : name;
    if (!known.includes(canonical)) {
      // --stict: "Did you mean "--strict"?", among this command's own options.
      const guess = word.startsWith('--') ? didYouMean(canonical, known) : '';
      // Quoted as written (a hidden character shown escaped): cleaned, "--json" and a zero-width space read as "--json".
      throw new UsageError(`unknown option ${quoteAsWritten(word)}.${guess.replace(/"([^"]+)"/, '"--$1"')}`);
    }
    if (valued.includes(canonical)) {
      const value = inline ?? argv[++i];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`"--${canonical}" needs a value`);
      flags.set(canonical, value);
      lists.set(canonical, [...(lists.get(canonical) ?? []), value]);
    } else {
      if (inline !== undefined) throw new UsageError(`"--${canonical}" takes no value`);
      flags.set(canonical, true);
    }
  }
  return { positionals, flags, lists };
}

function splitOnce(s: string, sep: string): [string, string | undefined] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
}
