import { basename, isAbsolute, relative } from 'node:path';
import { visibleLine, type PlayableScenario } from '../machines/light.js';
import { commandLines, wrapText } from './wrap.js';

/**
 * The command that runs casa-practice the way it was started here, for hints such as "continue
 * with: … resume": after a fresh clone `casa-practice` is not on PATH, so a hint says
 * `npm run cli -- resume` when started by `npm run cli`, `npx casa-practice resume` under npx,
 * `node bin/casa-practice.js resume` when started by path, and `casa-practice resume` when installed.
 */
export function commandName(env: NodeJS.ProcessEnv = process.env, argv: readonly string[] = process.argv, cwd = process.cwd()): string {
  const event = env.npm_lifecycle_event;
  if (event === 'cli') return 'npm run cli --';
  if (env.npm_command === 'exec' || event === 'npx') return 'npx casa-practice';
  const script = argv[1];
  if (script === undefined) return 'casa-practice';
  if (basename(script) === 'casa-practice') return 'casa-practice';
  if (basename(script) === 'casa-practice.js') {
    const rel = relative(cwd, script);
    const shown = rel === '' || rel.startsWith('..') || isAbsolute(rel) ? script : rel;
    return `node ${/\s/.test(shown) ? JSON.stringify(shown) : shown}`;
  }
  return 'casa-practice';
}

/**
 * A help text with every command line in it ("Usage: casa-practice play …", "casa-practice
 * validate") in the form that works here, as the hints print them: the help said "casa-practice"
 * while the errors said "node bin/casa-practice.js". The program's name as a name (the first line
 * of the main help, "casa-practice: …" before a message) stays.
 */
export function helpText(text: string, name: string = commandName(), width: number | undefined = helpWidth()): string {
  const named = name === 'casa-practice' ? text : text.replace(/(?<![\w./-])casa-practice(?= (?:play|resume|records|room|validate|graph|audit|schema|new|<command>|\[|-))/g, name);
  return width === undefined ? named : fitHelp(named, width, name);
}

/**
 * The width line-by-line text is wrapped at (at most 100): the terminal's where stdout is one; where
 * stdout goes into a pipe (`| tee session.txt`, `| cat`) while stderr is still the terminal, that
 * terminal's, since the person reads it there: wrapped at 80 in a 60-column window, every long
 * line was cut mid-word by the terminal. Otherwise (a file, a script) 80.
 */
export function textWidth(): number {
  return Math.min(process.stdout.columns || (process.stderr.isTTY ? process.stderr.columns : 0) || 80, 100);
}

/** The terminal's width when help goes to a terminal; piped help is left as written. */
function helpWidth(): number | undefined {
  return process.stdout.isTTY && process.stdout.columns > 0 ? process.stdout.columns : undefined;
}

/**
 * A help text laid out again for a terminal narrower than it was written for (it is written for
 * 80 to 100 columns; the app supports 60), so that the terminal never breaks a word: a paragraph of
 * sentences is wrapped again; an option or command row ("  --csv   also write …", its description
 * possibly continued on rows indented under it) keeps its description in its column, or, when that
 * column leaves too little room, has it on the rows below; any other long row is wrapped with a hang.
 * An example command (a row of its own that runs `name`, possibly after "e.g.", in a description
 * too) stays a command: on rows of its own, broken only between its words with shell line
 * continuations (commandLines), so that it can still be copied. Wrapped as words, the scripting
 * example was broken at 60 columns with nothing to say that it goes on, and under --plain it was
 * run into the sentences around it. Rows that fit are left as they are.
 */
export function fitHelp(text: string, width: number, name?: string): string {
  const w = Math.max(20, width);
  const len = (t: string) => [...t].length;
  if (text.split('\n').every((l) => len(l) <= w)) return text;
  const lead = (l: string) => len(l) - len(l.trimStart());
  // An example to copy: a command that runs the program, with no placeholder (<file>) and no column of words beside it.
  const example = (l: string) => {
    const m = /^(e\.g\. +)?(\S.*)$/.exec(l.trim());
    const cmd = m?.[2] ?? '';
    return name !== undefined && m !== null && !/[<[]|\S {2,}\S/.test(cmd) && (cmd.startsWith(`${name} `) || cmd.includes(` ${name} `)) ? { label: m[1] ?? '', cmd } : undefined;
  };
  /** The example's rows at `indent`: its label ("e.g.  ") and the command's first line, then its other lines (indented by commandLines). */
  const exampleRows = (indent: string, { label, cmd }: { label: string; cmd: string }) =>
    commandLines(cmd, Math.max(10, w - len(indent) - len(label)), '  ', cmd.startsWith(`${name ?? ''} `) ? name : undefined)
      .map((l, k) => `${indent}${k === 0 ? label : ''}${l}`).join('\n');
  return text.replace(/\n$/, '').split('\n\n').map((para) => {
    const lines = para.split('\n');
    if (lines.every((l) => lead(l) === 0)) return wrapText(lines.join(' '), w);
    const out: string[] = [];
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] as string;
      const row = lead(line) > 0 ? /^(\s+\S.*?\s{2,})(\S.*)$/.exec(line) : null;
      if (!row && lead(line) === 0) {
        // A sentence broken over rows goes on until a row ends in "." or ":".
        let sentence = line;
        while (!/[.:]$/.test(sentence) && i + 1 < lines.length && lead(lines[i + 1] as string) === 0) sentence += ` ${lines[++i] as string}`;
        out.push(wrapText(sentence, w));
        continue;
      }
      // An option alone on its row ("  --xapi <file>"), its description on the deeper rows below:
      // each of those was wrapped as a row of its own, with a hang.
      const below = i + 1 < lines.length ? lead(lines[i + 1] as string) : 0;
      const alone = !row && /^\s+-/.test(line) && below > lead(line);
      if (!row && !alone) {
        const cmd = len(line) > w ? example(line) : undefined;
        out.push(len(line) <= w ? line : cmd ? exampleRows(' '.repeat(lead(line)), cmd) : wrapText(line, w, ' '.repeat(lead(line) + 2)));
        continue;
      }
      const [, head = line, first = ''] = row ?? [];
      // Rows indented deeper than the option continue its description: its words, and any example
      // command among them as a part of its own.
      const parts: (string | NonNullable<ReturnType<typeof example>>)[] = [first];
      while (i + 1 < lines.length && lead(lines[i + 1] as string) > lead(line)) {
        const next = lines[++i] as string;
        const cmd = example(next);
        const last = parts[parts.length - 1];
        if (cmd) parts.push(cmd);
        else if (typeof last === 'string') parts[parts.length - 1] = last === '' ? next.trim() : `${last} ${next.trim()}`;
        else parts.push(next.trim());
      }
      if (len(line) <= w && parts.length === 1 && !alone) {
        out.push(line);
        continue;
      }
      // wrapText joins words with one space, so the column's padding is added after wrapping.
      const column = (indent: string, text: string) => wrapText(text, w - len(indent)).split('\n').map((r, k) => `${k === 0 && indent === head ? head : ' '.repeat(len(indent))}${r}`).join('\n');
      const narrow = alone || len(head) > w - 24;
      if (narrow) out.push(wrapText(head.trimEnd(), w, ' '.repeat(lead(line) + 2)));
      const under = ' '.repeat(alone && below <= w - 24 ? below : narrow ? lead(line) + 4 : len(head));
      parts.forEach((part, k) => {
        if (typeof part !== 'string') out.push(exampleRows(under, part));
        else out.push(column(k === 0 && !narrow ? head : under, part));
      });
    }
    return out.join('\n');
  }).join('\n\n') + (text.endsWith('\n') ? '\n' : '');
}

/** Characters a hint never prints raw: controls (C0 but none, DEL, C1), bidi, zero-width and separators. */
// eslint-disable-next-line no-control-regex -- the point is to find control characters
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;

/**
 * A file path (or other word from outside) as one word of a command line in a hint, to copy into a
 * shell: as it is when it needs no quoting, in single quotes when it has spaces or shell
 * characters, and as $'…' (bash and zsh) with its control and invisible characters (and spaces,
 * so the word is not wrapped apart) escaped when it has any. A scenario file named with an escape
 * sequence was printed raw in "To start over instead: … play <file> --new", and the terminal acted on it.
 */
export function shellWord(word: string): string {
  if (/^[A-Za-z0-9_./:@%+=,-]+$/.test(word)) return word;
  if (!UNPRINTABLE.test(word)) return `'${word.replace(/'/g, "'\\''")}'`;
  const escaped = [...word].map((c) => {
    if (c === '\\' || c === "'") return `\\${c}`;
    const code = c.codePointAt(0) ?? 0;
    if (c !== ' ' && !UNPRINTABLE.test(c)) return c;
    return code < 0x80 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
  return `$'${escaped.join('')}'`;
}

/** A full command line for a hint: `command("resume")` → "npm run cli -- resume". */
export function command(args: string, env: NodeJS.ProcessEnv = process.env): string {
  return `${commandName(env)} ${args}`;
}

/**
 * The arguments that open this trainer-led session of a scenario again, as it was opened: by its
 * bundled id or its file, and with an author's start (--from, --set) when it had one, since such a
 * session is kept apart from the scenario's own (`--facilitate <scenario>` opened another);
 * `startOver`: the arguments that start a new one instead (`--new`). Every command the app prints
 * for a trainer-led session is built here, in the form the README teaches: `--facilitate
 * <scenario>` (`play <scenario> --from … --facilitate` only for an author's start, which only
 * `play` takes). Starting over was printed as `play <scenario> --facilitate --new` beside
 * `--facilitate <scenario>` to carry on, two forms for one session.
 */
export function roomSessionArgs(playable: Pick<PlayableScenario, 'file' | 'bundled' | 'from' | 'set' | 'preview'> & { scenario: { id: string } }, startOver = false): string {
  const scenario = playable.bundled ? playable.scenario.id : shellWord(playable.file);
  const start = `${playable.from !== undefined ? ` --from ${shellWord(playable.from)}` : ''}${Object.entries(playable.set ?? {}).map(([k, v]) => ` --set ${shellWord(`${k}=${v}`)}`).join('')}`;
  const fresh = startOver ? ' --new' : '';
  return start === '' ? `--facilitate ${scenario}${fresh}` : `play ${scenario}${start} --facilitate${fresh}`;
}

/**
 * What an author's test run (--from, --set, --preview) is, said from its start as its debrief's last
 * line says it at the end (recordedLine): `line` under the title (line by line, and the content
 * note), `short` in the status line of every full-screen play screen. Undefined for a run that is
 * recorded. Both fit 60 columns. (It said nothing until the debrief: "(about 15 min, practice mode)"
 * read as any volunteer's playthrough, where the web app's Preview says so throughout.) Not "not
 * saved": the terminal keeps a test's progress, apart from the volunteer's own save.
 */
export function testRunWords(playable: Pick<PlayableScenario, 'from' | 'set' | 'preview'>): { line: string; short: string } | undefined {
  const flags = [playable.from === undefined ? undefined : '--from', playable.set === undefined ? undefined : '--set'].filter(Boolean);
  // As recordedLine: a --from or --set run is said as such, with --preview or without.
  if (flags.length > 0) return { line: `Author's test (${flags.join(', ')}): not added to your records.`, short: 'author\'s test, not recorded' };
  if (playable.preview === true) return { line: 'Preview (--preview): not added to your records.', short: 'preview, not recorded' };
  return undefined;
}

/** Starting values (--set) as said: "trust=80, told-csw=true" (a save's are untrusted: shown escaped). */
function valuesWords(set: Readonly<Record<string, string>> | undefined): string {
  const entries = Object.entries(set ?? {});
  return entries.length === 0 ? 'no --set values' : entries.map(([k, v]) => visibleLine(`${k}=${v}`)).join(', ');
}

/** The same starting values, whatever their order or case ("yes" is not "true": told apart, as typed). */
function sameValues(a: Readonly<Record<string, string>> | undefined, b: Readonly<Record<string, string>> | undefined): boolean {
  const norm = (set: Readonly<Record<string, string>> | undefined) => JSON.stringify(Object.entries(set ?? {}).map(([k, v]) => `${k}=${v.trim().toLowerCase()}`).sort());
  return norm(a) === norm(b);
}

/**
 * A test's save begun with other starting values (--set) than the run opened now: a slot holds one
 * test of each start whatever its values, so `--set trust=10` finds the save of a `--set trust=80`
 * run. Continuing carries that save on with its own values (checked against the values given now,
 * it was called damaged and set aside), and starting over begins with the new ones: both said, as
 * `saved` and `given` ("trust=80", "trust=10"). Undefined when they are the same, or the save says none.
 */
export function otherStartValues(playable: Pick<PlayableScenario, 'set'>, saved: { set?: Readonly<Record<string, string>> } | undefined): { saved: string; given: string } | undefined {
  if (saved?.set === undefined || sameValues(saved.set, playable.set)) return undefined;
  return { saved: valuesWords(saved.set), given: valuesWords(playable.set) };
}
