import { basename, isAbsolute, relative } from 'node:path';
import type { PlayableScenario } from '../machines/light.js';
import { wrapText } from './wrap.js';

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
  const named = name === 'casa-practice' ? text : text.replace(/(?<![\w./-])casa-practice(?= (?:play|resume|records|room|validate|graph|audit|schema|<command>|\[|-))/g, name);
  return width === undefined ? named : fitHelp(named, width);
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
 * Rows that fit are left as they are.
 */
export function fitHelp(text: string, width: number): string {
  const w = Math.max(20, width);
  const len = (t: string) => [...t].length;
  if (text.split('\n').every((l) => len(l) <= w)) return text;
  const lead = (l: string) => len(l) - len(l.trimStart());
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
      if (!row) {
        out.push(len(line) <= w ? line : wrapText(line, w, ' '.repeat(lead(line) + 2)));
        continue;
      }
      const [, head = '', first = ''] = row;
      const words = [first];
      // Rows indented deeper than the option continue its description.
      while (i + 1 < lines.length && lead(lines[i + 1] as string) > lead(line)) words.push((lines[++i] as string).trim());
      if (len(line) <= w && words.length === 1) {
        out.push(line);
        continue;
      }
      const desc = words.join(' ');
      // wrapText joins words with one space, so the column's padding is added after wrapping.
      const column = (indent: string, text: string) => wrapText(text, w - len(indent)).split('\n').map((r, k) => `${k === 0 && indent === head ? head : ' '.repeat(len(indent))}${r}`).join('\n');
      if (len(head) <= w - 24) out.push(column(head, desc));
      else out.push(wrapText(head.trimEnd(), w, ' '.repeat(lead(line) + 2)), column(' '.repeat(lead(line) + 4), desc));
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
 * session is kept apart from the scenario's own (`--facilitate <scenario>` opened another).
 */
export function roomSessionArgs(playable: Pick<PlayableScenario, 'file' | 'bundled' | 'from' | 'set'> & { scenario: { id: string } }): string {
  const scenario = playable.bundled ? playable.scenario.id : shellWord(playable.file);
  const start = `${playable.from !== undefined ? ` --from ${shellWord(playable.from)}` : ''}${Object.entries(playable.set ?? {}).map(([k, v]) => ` --set ${shellWord(`${k}=${v}`)}`).join('')}`;
  return start === '' ? `--facilitate ${scenario}` : `play ${scenario}${start} --facilitate`;
}
