import { basename, isAbsolute, relative } from 'node:path';

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
export function helpText(text: string, name: string = commandName()): string {
  return name === 'casa-practice' ? text : text.replace(/(?<![\w./-])casa-practice(?= (?:play|resume|records|room|validate|graph|audit|schema|<command>|\[|-))/g, name);
}

/** A full command line for a hint: `command("resume")` → "npm run cli -- resume". */
export function command(args: string, env: NodeJS.ProcessEnv = process.env): string {
  return `${commandName(env)} ${args}`;
}
