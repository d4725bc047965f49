import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandName, helpText } from '../../src/terminal/invocation.js';
import { MAIN_HELP, mainHelp } from '../../src/terminal/cli.js';
import { APP_HELP, PLAY_HELP, RESUME_HELP, runsPlain } from '../../src/terminal/app-commands.js';
import { AUDIT_HELP, GRAPH_HELP, SCHEMA_HELP, VALIDATE_HELP } from '../../src/terminal/commands.js';
import { RECORDS_HELP } from '../../src/terminal/records-command.js';
import { ROOM_HELP } from '../../src/terminal/room/command.js';
import { NEW_HELP } from '../../src/terminal/new-command.js';
import { CONTROLS_HELP } from '../../src/terminal/room/controls.js';
import { fitReadReport } from '../../src/terminal/wrap.js';
import { BIN, ROOT, runChild, runInProcess, runPiped } from './helpers/cli.js';
import { SCENARIOS, tempEnv } from './helpers/ink.js';

// What the command line says must agree with what it does, and a typo gets a suggestion.

const NEW_PHONE = join(SCENARIOS, 'new-phone.json');

describe('line by line or full screen', () => {
  it('runs line by line when asked, without a terminal on either side, or in a terminal that cannot move the cursor (TERM=dumb)', () => {
    expect(runsPlain(false, true, true, { TERM: 'xterm-256color' })).toBe(false);
    expect(runsPlain(false, true, true, {})).toBe(false);
    expect(runsPlain(true, true, true, { TERM: 'xterm-256color' })).toBe(true);
    expect(runsPlain(false, undefined, true, { TERM: 'xterm' })).toBe(true);
    expect(runsPlain(false, true, false, { TERM: 'xterm' })).toBe(true);
    expect(runsPlain(false, true, true, { TERM: 'dumb' })).toBe(true);
    expect(APP_HELP.replace(/\s+/g, ' ')).toContain('automatic when input or output is not a terminal, or TERM=dumb');
  });
});

// The help said "opening the scenario again carries it on" of every trainer-led session; one begun
// with --from or --set is kept apart, and only the command it prints carries it on.
describe('--help says how a trainer-led session is carried on, as it is', () => {
  it('--facilitate with the scenario carries on its own session; one begun with play --from/--set, only the command it prints', async () => {
    const help = APP_HELP.replace(/\s+/g, ' ');
    expect(help).not.toMatch(/opening the scenario again carries it on/);
    expect(help).toContain('--facilitate with the same scenario carries it on');
    expect(help).toContain('One begun with play --from or --set is kept apart from the scenario\'s own: to carry it on, run the command it prints as it starts and as it stops (play with the same scenario, --from and --set, and --facilitate); --facilitate with the scenario alone starts another session');
    const env = tempEnv();
    const read = (out: string) => out.replace(/ \\\n +/g, ' ');
    // Begun with --from and --set, stopped after a vote: the command printed is the help's (with --plain, as typed).
    const begun = await runPiped(['play', NEW_PHONE, '--from', 'after-visit', '--set', 'trust=70', '--facilitate', '--plain'], '4 0 0\nq\n', env);
    const printed = /To carry on with this session later:\n(.+)\n/.exec(read(begun.out))?.[1];
    expect(printed, begun.out).toBe(`${commandName(env, BIN, ROOT)} play ${NEW_PHONE} --from after-visit --set trust=70 --facilitate --plain`);
    // --facilitate with the scenario alone: another session, not this one.
    const own = await runPiped(['--facilitate', NEW_PHONE, '--plain'], 'q\n', env);
    expect(own.out).not.toContain('Continuing the trainer-led session');
    // The printed command carries it on.
    const again = await runPiped(['play', NEW_PHONE, '--from', 'after-visit', '--set', 'trust=70', '--facilitate', '--plain'], 'q\n', env);
    expect(again.out).toContain('Continuing the trainer-led session kept at decision 1');
  });
});

// A trainer reading resume --help took it for the way back into a room's session ("Continues the
// most recently saved session"): resume opens only a practice save, and names a kept trainer-led
// session's command when no practice save waits (noSaveWords). The help says so now.
describe('resume --help says what it does with a trainer-led session', () => {
  it('it carries on a practice save only; a trainer-led session is carried on with --facilitate and its scenario', async () => {
    const help = RESUME_HELP.replace(/\s+/g, ' ');
    expect(help).toContain('Continues the most recently saved session (practice or assessment)');
    expect(help).toContain('A trainer-led session is carried on with --facilitate and its scenario, not with resume');
    // As it is: with only a trainer-led session kept, resume carries nothing on and names that command.
    const env = tempEnv();
    await runPiped(['--facilitate', NEW_PHONE, '--plain'], '4 0 0\nq\n', env);
    const resumed = await runPiped(['resume', '--plain'], 'q\n', env);
    expect(resumed.out.replace(/\s+/g, ' ')).toContain('No saved practice session was found. A trainer-led session is kept');
    expect(resumed.out).not.toContain('Continuing the trainer-led session');
  });
});

describe('the command line says what it does', () => {
  it('--help shows the scripting example as typed, on one line, so it can be copied', async () => {
    const r = await runInProcess('--help');
    // By reply id: numbers follow the shuffled order shown, so '1\n3\n2\n' was a different path each time.
    const example = `printf 'd1-curious\\nd2-needs\\n' | ${commandName()} play youth-discloses --plain --new\n`;
    expect(r.out).toContain(`  ${example}`);
    const play = await runInProcess('play', '--help');
    expect(play.out).toContain(example);
  });

  // The help said "Usage: casa-practice play …" while the error hints said "node bin/casa-practice.js
  // --help": every help and hint now names the program as it was started (see commandName).
  it.each([
    { how: 'by path', env: {}, name: 'node bin/casa-practice.js' },
    { how: 'by npm run cli', env: { npm_lifecycle_event: 'cli' }, name: 'npm run cli --' },
  ])('every command\'s --help and every usage hint name the program as it was started ($how)', async ({ env, name }) => {
    const run = (...argv: string[]) => runPiped(argv, '', { ...tempEnv(), ...env });
    // A command line in a help text: the bare name followed by a command or an option.
    const bare = /(?<![\w./-])casa-practice (?:play|resume|records|room|validate|graph|audit|<command>|\[|-)/;
    for (const command of ['', 'play', 'resume', 'records', 'room', 'validate', 'graph', 'audit', '--plain']) {
      const r = await run(...(command ? [command] : []), '--help');
      expect(r.code, command).toBe(0);
      expect(r.out, command).not.toMatch(bare);
      expect(r.out, command).toContain(command && command !== '--plain' ? `${name} ${command}` : `${name} [--assess]`);
    }
    // A mistake in a command points at that command's help; anything else at the main help.
    for (const [argv, topic] of [[['play'], 'play --help'], [['validate'], 'validate --help'], [['room', '--port', 'x'], 'room --help'], [['history'], '--help'], [['records', 'all'], 'records --help'], [['--bogus'], '--help']] as const) {
      const r = await run(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err, argv.join(' ')).toContain(`For usage, run:\n${name} ${topic}\n`);
    }
    const room = await run('room', '--resume');
    expect(room.err.replace(/ \\\n +/g, ' ')).toContain(`Start one with:\n${name} room <scenario>`);
    // A validator's fix names the command as it was started too: the core said "casa-practice schema
    // --for" whatever the invocation; the terminal now supplies the words (ValidateOptions.command).
    const dir = mkdtempSync(join(tmpdir(), 'casa-hint-'));
    const draft = join(dir, 'draft.json');
    writeFileSync(draft, readFileSync(NEW_PHONE, 'utf8').replace(/"\$schema": "[^"]*"/, '"$schema": "https://json-schema.org/draft-07/schema"'));
    const checked = await run('validate', draft);
    expect(checked.out).toContain('[schema-not-scenario]');
    expect(checked.out).toContain(`(${name} schema --for <this file> prints the line to write)`);
    expect(checked.out).not.toMatch(/(?<![\w./-])casa-practice schema/);
  });

  it('resume --help says what happens when a save cannot be resumed: the list of scenarios, as the app does', async () => {
    const r = await runInProcess('resume', '--help');
    expect(r.out).not.toMatch(/starts? fresh/);
    expect(r.out.replace(/\s+/g, ' ')).toContain('With no save, or a damaged or outdated one (reported in one line and moved aside, never deleted), you choose a scenario from the list instead.');
    // What it does: no save at all, line by line, gives the list.
    const none = await runPiped(['resume', '--plain'], 'q\n', tempEnv());
    expect(none.out).toContain('No saved session was found; choose a scenario.');
    expect(none.out).toContain('Scenario number (q to quit):');
  });

  it('resume names a trainer-led session kept in the state folder, which it does not carry on, and the command that does', async () => {
    const env = tempEnv();
    const kept = join(env.XDG_STATE_HOME ?? '', 'casa-practice', 'facilitation');
    mkdirSync(kept, { recursive: true });
    writeFileSync(join(kept, 'red-flags.json'), '{}\n');
    const one = await runPiped(['resume', '--plain'], 'q\n', env);
    // The command on a line of its own, to be copied.
    expect(one.out.replace(/\s+/g, ' ')).toContain('No saved practice session was found. A trainer-led session is kept (red-flags). Choose a scenario, or carry it on with:');
    expect(one.out).toMatch(/:\n(?:node )?\S*casa-practice\S* --facilitate red-flags\n/);
    writeFileSync(join(kept, 'youth-discloses.json'), '{}\n');
    const two = await runPiped(['resume', '--plain'], 'q\n', env);
    expect(two.out.replace(/\s+/g, ' ')).toContain('A trainer-led session is kept (red-flags, youth-discloses). Choose a scenario, or carry one on by opening its scenario as it was begun:');
    expect(two.out).toMatch(/\nOne of a scenario: (?:node )?\S*casa-practice\S* --facilitate <scenario>\n/);
    // A finished session is kept for its debrief, but there is nothing in it to carry on: not named.
    writeFileSync(join(kept, 'couch-rent.json'), '{"format":"casa-practice-facilitation","session":{"snapshot":{"status":"done"}}}\n');
    const finished = await runPiped(['resume', '--plain'], 'q\n', env);
    expect(finished.out.replace(/\s+/g, ' ')).toContain('A trainer-led session is kept (red-flags, youth-discloses). Choose');
  });

  it('--help names commands in the form that works where the app was started', () => {
    const help = mainHelp('npx casa-practice');
    expect(help).toContain('\n  npx casa-practice resume ');
    expect(help).toContain("| npx casa-practice play youth-discloses --plain");
    expect(help).toContain('Run "npx casa-practice <command> --help"');
    expect(help).not.toMatch(/^ {2}casa-practice /m);
    expect(help.split('\n')[0]).toMatch(/^casa-practice — /);
  });

  // Found by a newcomer (session 48): "graph <file> [--format mermaid|dot|svg]" was the one command
  // in the list with no words on what it does.
  it('--help says what each command does', () => {
    const usage = MAIN_HELP.slice(MAIN_HELP.indexOf('Usage:\n'), MAIN_HELP.indexOf('\n\n', MAIN_HELP.indexOf('Usage:\n'))).split('\n').slice(1);
    expect(usage.length).toBeGreaterThan(8);
    for (const line of usage.filter((l) => !l.includes('--help | --version'))) expect(line, line).toMatch(/^ {2}casa-practice\b.*\S {2,}\S/);
    expect(MAIN_HELP).toMatch(/^ {2}casa-practice graph <file> +\S.*mermaid\|dot\|svg/m);
  });

  it('validate --strict does not call a file with warnings valid when it exits 1', async () => {
    const r = await runInProcess('validate', '--strict', NEW_PHONE);
    expect(r.code).toBe(1);
    const last = r.out.trim().split('\n').pop();
    expect(last).toBe(`${NEW_PHONE}: not valid under --strict (1 warning)`);
    const plain = await runInProcess('validate', NEW_PHONE);
    expect(plain.code).toBe(0);
    expect(plain.out.trim().split('\n').pop()).toBe(`${NEW_PHONE}: valid (1 warning)`);
  });

  it('suggests the command, the scenario id and the --from node meant', async () => {
    const cmd = await runInProcess('plya', 'youth-discloses');
    expect(cmd.code).toBe(2);
    expect(cmd.err).toContain('unknown command "plya". Did you mean "play"?');
    const id = await runInProcess('play', 'youth-disclose', '--plain');
    expect(id.code).toBe(2);
    expect(id.err).toContain('no scenario "youth-disclose": it is not a file here, nor a bundled scenario. Did you mean "youth-discloses"?');
    const from = await runInProcess('play', NEW_PHONE, '--from', 'after-vist');
    expect(from.code).toBe(2);
    expect(from.err).toContain('has no node "after-vist"');
    expect(from.err).toContain('Did you mean "after-visit"?');
  });

  // Found by author-59: "validate my-draft" beside my-draft.json was told "it is not a file here,
  // nor a bundled scenario" with the list of bundled ids; and "validate red-flags" beside a
  // red-flags.json of one's own checked the bundled one without a word.
  it('a name without .json: the file of that name here is pointed to, and a bundled id used in its place is said', async () => {
    const here = mkdtempSync(join(tmpdir(), 'casa-name-'));
    writeFileSync(join(here, 'my-draft.json'), '{}');
    writeFileSync(join(here, 'red-flags.json'), '{}');
    const draft = await runChild(['validate', 'my-draft'], '', tempEnv(), { cwd: here });
    expect(draft.code).toBe(2);
    expect(draft.err).toContain('no scenario "my-draft": it is not a file here, nor a bundled scenario, but "my-draft.json" is a file here: name it with its .json (a name without it is looked for among the bundled scenarios).');
    const bundled = await runChild(['validate', 'red-flags'], '', tempEnv(), { cwd: here });
    expect(bundled.code).toBe(0);
    expect(bundled.err).toContain('"red-flags" is a bundled scenario id; using the bundled one (write "red-flags.json" for the file here)');
  });

  it('play <file> shows the file\'s warnings before playing it, wrapped to the terminal', async () => {
    const env = tempEnv();
    const r = await runPiped(['play', NEW_PHONE, '--plain'], '1\n1\n', { HOME: env.XDG_STATE_HOME, ...env });
    expect(r.code).toBe(0);
    const [before, after] = r.out.split('Content note:');
    expect(before).toContain('Warnings in this file (it is played anyway):');
    expect((before ?? '').replace(/\s+/g, ' ')).toContain('warning [goal-missed-on-best-path] learningGoals[0]: The best-practice path never follows');
    expect(after).toContain('Score: 100% (4 of 4 points)');
    for (const line of r.out.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });

  // A trainer's copy of a bundled scenario keeps its id until changed: its records would be the
  // bundled scenario's. validate said so; play of the copy did not.
  it('play <copy of a bundled scenario> says its id is a bundled scenario\'s, as validate does', async () => {
    const env = tempEnv();
    const draft = join(env.XDG_STATE_HOME as string, 'draft');
    const copy = join(draft, 'kiara.json');
    mkdirSync(draft, { recursive: true });
    writeFileSync(copy, readFileSync(join(ROOT, 'scenarios', 'youth-discloses.json')));
    const r = await runPiped(['play', copy, '--plain'], '', { HOME: env.XDG_STATE_HOME, ...env });
    const [before] = r.out.split('Content note:');
    expect((before ?? '').replace(/\s+/g, ' ')).toContain('warning [duplicate-scenario-id] id: The app\'s scenario file');
    expect((before ?? '').replace(/\s+/g, ' ')).toContain('completion records (best score, times finished) are kept by scenario id wherever the file is');
    // The bundled file itself is the original: no such warning when it is played.
    const own = await runPiped(['play', 'youth-discloses', '--plain'], '', { HOME: env.XDG_STATE_HOME, ...env });
    expect(own.out).not.toContain('duplicate-scenario-id');
  });
});

describe('help in a 60-column terminal', () => {
  const HELPS = { MAIN_HELP, APP_HELP, PLAY_HELP, RESUME_HELP, RECORDS_HELP, VALIDATE_HELP, GRAPH_HELP, AUDIT_HELP, SCHEMA_HELP, NEW_HELP };
  const words = (t: string) => t.split(/\s+/).filter(Boolean);

  it.each(Object.entries(HELPS))('%s is laid out again so the terminal breaks no word, every word kept in order', (_, text) => {
    const fitted = helpText(text, 'node bin/casa-practice.js', 60);
    for (const line of fitted.split('\n')) expect([...line].length, line).toBeLessThanOrEqual(60);
    // (An example command broken over rows ends each but its last with a shell continuation.)
    expect(words(fitted).filter((w) => w !== '\\')).toEqual(words(helpText(text, 'node bin/casa-practice.js', undefined)));
  });

  // The scripting example was wrapped as words: in the main help broken at a space with nothing to
  // say that it goes on, and in play --help run into the sentences of --plain's description.
  it.each([['MAIN_HELP', MAIN_HELP], ['PLAY_HELP', PLAY_HELP]] as const)('%s: the scripting example on rows of its own, continued with " \\", as bash reads it', (_, text) => {
    for (const name of ['npx casa-practice', 'node bin/casa-practice.js', 'node "/tmp/CASA copy/bin/casa-practice.js"']) {
      const fitted = helpText(text, name, 60);
      for (const line of fitted.split('\n')) expect([...line].length, line).toBeLessThanOrEqual(60);
      const example = `printf 'd1-curious\\nd2-needs\\n' | ${name} play youth-discloses --plain --new`;
      const rows = fitted.split('\n');
      const at = rows.findIndex((r) => /^ +(?:e\.g\. +)?printf /.test(r));
      expect(at, fitted).toBeGreaterThan(0);
      const end = rows.findIndex((r, i) => i >= at && !r.endsWith(' \\'));
      expect(end, fitted).toBeGreaterThan(at);
      const typed = rows.slice(at, end + 1).join('\n');
      expect(typed.replace(/ \\\n +/g, ' ').trim().replace(/^e\.g\. +/, ''), fitted).toBe(example);
      // bash reads the rows as the command itself: the same words.
      const argv = (cmd: string) => execFileSync('bash', ['--norc', '--noprofile', '-c', `set -- ${cmd.replace(/^ *(?:e\.g\. +)?/, '').replace(/\|/g, '"|"')}\nprintf '%s\\0' "$@"`], { encoding: 'utf8' });
      expect(argv(typed)).toBe(argv(example));
    }
  });

  // "--xapi <file>" stands alone on its row: each row of its description under it was wrapped on
  // its own, with a hang ("all" / "  years, as xAPI" / "statements …").
  it('an option alone on its row (records --xapi <file>): its description wrapped as one, in one column under it', () => {
    const fitted = helpText(RECORDS_HELP, 'casa-practice', 60).split('\n');
    const at = fitted.indexOf('  --xapi <file>');
    expect(at, fitted.join('\n')).toBeGreaterThan(0);
    const end = fitted.findIndex((l, i) => i > at && /^ {2}-/.test(l));
    const description = fitted.slice(at + 1, end);
    expect(description.length).toBeGreaterThan(1);
    const column = description[0]!.length - description[0]!.trimStart().length;
    for (const row of description) expect(row.length - row.trimStart().length, description.join('\n')).toBe(column);
    // Filled as a paragraph: no row but the last could have taken the next row's first word.
    description.slice(0, -1).forEach((row, k) => expect(row.length + 1 + description[k + 1]!.trim().split(' ')[0]!.length, row).toBeGreaterThan(60));
  });

  it('keeps an option\'s description in its column, and leaves help that is piped as written', () => {
    const fitted = helpText(RECORDS_HELP, 'casa-practice', 60).split('\n');
    const csv = fitted.findIndex((l) => l.startsWith('  --csv '));
    const column = fitted[csv]!.indexOf('also');
    expect(fitted[csv + 1]!.slice(0, column).trim()).toBe('');
    expect(fitted[csv + 1]![column]).toMatch(/\S/);
    expect(helpText(RECORDS_HELP, 'casa-practice', undefined)).toBe(RECORDS_HELP);
  });
});

describe('room --help names the keys the running room takes', () => {
  it('every key of the running room\'s own list (CONTROLS_HELP) is in room --help', () => {
    const keys = [...CONTROLS_HELP.matchAll(/(?:: |· )(\S+) [a-z]/g)].map((m) => (m[1] as string).replace('–', '-'));
    expect(keys).toEqual(expect.arrayContaining(['n', 'o', 'l', 'r', 'f', 'u', 's', 'e']));
    const help = ROOM_HELP.replace(/\s+/g, ' ');
    for (const k of keys) expect(help, k).toMatch(new RegExp(`(?:\\(|, )${k} `));
    // A reply is followed by its number, whatever it is (it said "1-9": a decision may have up to 1000).
    expect(CONTROLS_HELP).toContain('· a reply number to follow that reply ·');
    expect(help).toContain(', a reply number to follow that reply,');
  });
});

describe('errors on a terminal are wrapped at word boundaries, as warnings are', () => {
  /** Runs in process with stderr seen as a terminal of `columns` columns. */
  async function onTerminal(columns: number, ...argv: string[]) {
    const tty = Object.getOwnPropertyDescriptor(process.stderr, 'isTTY');
    const cols = Object.getOwnPropertyDescriptor(process.stderr, 'columns');
    Object.defineProperty(process.stderr, 'isTTY', { value: true, configurable: true });
    Object.defineProperty(process.stderr, 'columns', { value: columns, configurable: true });
    try {
      return await runInProcess(...argv);
    } finally {
      for (const [name, d] of [['isTTY', tty], ['columns', cols]] as const) {
        if (d) Object.defineProperty(process.stderr, name, d);
        else delete (process.stderr as unknown as Record<string, unknown>)[name];
      }
    }
  }
  const rows = (text: string) => text.split('\n').filter((l) => l !== '');
  /** The program as a volunteer started it by path (not by npm or npx, as the test runner is). */
  const PROGRAM = '/home/volunteer/casa-practice/bin/casa-practice.js';
  /** Runs `run` with the app named as started by `program`, npm's variables away; all put back after. */
  async function startedBy(program: string, run: () => Promise<void>) {
    const argv1 = process.argv[1];
    const npm = { npm_command: process.env.npm_command, npm_lifecycle_event: process.env.npm_lifecycle_event };
    process.argv[1] = program;
    delete process.env.npm_command;
    delete process.env.npm_lifecycle_event;
    try {
      await run();
    } finally {
      process.argv[1] = argv1 as string;
      for (const [k, v] of Object.entries(npm)) if (v !== undefined) process.env[k] = v;
    }
  }

  it('a missing file and a file with errors, at 60 columns: no row wider than the window, no word broken', async () => {
    // Paths shorter than the window (a longer one cannot be wrapped without breaking it).
    const dir = mkdtempSync(join(tmpdir(), 'cw-'));
    const broken = join(dir, 'my-scenario.json');
    writeFileSync(broken, '{ "id": "x", ');
    for (const argv of [['play', join(dir, 'no-such-scenario-file.json')], ['play', broken]]) {
      const r = await onTerminal(60, ...argv);
      expect(r.code, argv.join(' ')).toBeGreaterThan(0);
      for (const row of rows(r.err)) expect([...row].length, row).toBeLessThanOrEqual(60);
      expect(r.err.replace(/\s+/g, ' ')).toMatch(/my-scenario\.json|no-such-scenario-file\.json/);
    }
  });

  // 'Run "node /home/…/bin/casa-practice.js records --help" for usage.' ran past a 60-column row and
  // the terminal cut it before the closing quote; the command is now on rows of its own, unquoted.
  it('a usage mistake at 60 columns: the help command on rows of its own, wrapped by words, no row wider than the window', async () => {
    await startedBy(PROGRAM, async () => {
      const r = await onTerminal(60, 'records', 'all');
      expect(r.code).toBe(2);
      const lines = rows(r.err);
      for (const row of lines) expect([...row].length, row).toBeLessThanOrEqual(60);
      const at = lines.indexOf('For usage, run:');
      expect(at, r.err).toBeGreaterThan(0);
      // The command's rows read as the command (a row may end in a shell continuation " \\").
      const typed = lines.slice(at + 1).map((l) => l.replace(/ \\$/, '').trim()).join(' ');
      expect(typed).toBe(`node ${PROGRAM} records --help`);
      expect(lines.slice(at).join('\n')).not.toContain('"');
    });
  });

  // The error line and the help each name a command; wrapped as words, "To play that scenario: node
  // …/casa-practice.js play" stood above "youth-discloses", and the help's command was broken at a
  // space with nothing to say that it goes on: pasted, each row ran on its own (node alone opened
  // the picker).
  it('an unknown command at 60 columns: each command it names on rows of its own, continued with " \\" where broken, as bash runs it', async () => {
    await startedBy(PROGRAM, async () => {
      for (const [argv, named] of [[['youth-discloses'], 'play youth-discloses'], [['facilitate', 'testifying'], '--facilitate testifying']] as const) {
        const r = await onTerminal(60, ...argv);
        expect(r.code).toBe(2);
        for (const row of rows(r.err)) expect([...row].length, row).toBeLessThanOrEqual(60);
        // Rows as a shell reads them: a row ending in " \\" goes on in the next.
        const read = rows(r.err.replace(/ \\\n +/g, ' '));
        expect(read, r.err).toContain(`node ${PROGRAM} ${named}`);
        expect(read, r.err).toContain(`node ${PROGRAM} --help`);
      }
    });
  });

  // play printed a broken file's problems with wrapText, which cut a path longer than the window
  // mid-name; validate lays the same report out with fitReport, which leaves a long path whole.
  /**
   * The locations (file:line:column, or file: on the count's row) at the start of a report's rows as
   * read: each a row that starts with "/" and the rows after it indented two spaces (not four, as
   * a problem's text is), joined.
   */
  const locations = (report: string) => {
    const found: string[] = [];
    for (const row of report.split('\n')) {
      if (row.startsWith('/')) found.push(row);
      else if (/^ {2}\S/.test(row) && found.length > 0) found[found.length - 1] += row.slice(2);
    }
    return found.map((l) => l.split(' ')[0]);
  };

  // Session 55: before a session, a file's warnings were wrapped as prose (wrapText): a file name
  // longer than the window was cut at its last column mid-name, the rest on the next row; broken
  // errors left it whole for the terminal to break, its rest at the left edge as a row of its own.
  it('play of a file with warnings, at 60 columns: a file name longer than the row is broken after a "/", its rows after the first indented two; one that fits is whole on its row', async () => {
    const env = tempEnv();
    const long = join(env.XDG_STATE_HOME as string, 'a-rather-long-folder-name-for-scenarios', 'in-progress-for-the-spring-training');
    mkdirSync(long, { recursive: true });
    const file = join(long, 'my-long-scenario-file-name.json');
    writeFileSync(file, readFileSync(join(SCENARIOS, 'new-phone.json')));
    expect(file.length).toBeGreaterThan(60);
    const stderr = { isTTY: Object.getOwnPropertyDescriptor(process.stderr, 'isTTY'), columns: Object.getOwnPropertyDescriptor(process.stderr, 'columns') };
    Object.defineProperty(process.stderr, 'isTTY', { value: true, configurable: true });
    Object.defineProperty(process.stderr, 'columns', { value: 60, configurable: true });
    const play = async (f: string) => {
      const r = await runPiped(['play', f, '--plain'], 'q\n', env);
      return (r.out.split('Warnings in this file (it is played anyway):\n')[1] ?? '').split('\n\n')[0] ?? '';
    };
    try {
      const report = await play(file);
      for (const row of report.split('\n')) expect([...row].length, row).toBeLessThanOrEqual(60);
      expect(locations(report)).toEqual([`${file}:2:14`, `${file}:11:5`, `${file}:`]);
      // Each row of the name ends after a "/" (the last the file's name, whole).
      const nameRows = report.split('\n').filter((row) => row.startsWith('/') || /^ {2}\S/.test(row));
      for (const row of nameRows.filter((row) => !row.includes('my-long-scenario'))) expect(row, report).toMatch(/\/$/);
      expect(nameRows.filter((row) => row.includes('my-long-scenario'))).toEqual(['  my-long-scenario-file-name.json:2:14', '  my-long-scenario-file-name.json:11:5', '  my-long-scenario-file-name.json:']);
      // A name that fits the row: whole at the start of its row, as before.
      const short = join(env.XDG_STATE_HOME as string, 'p.json');
      writeFileSync(short, readFileSync(join(SCENARIOS, 'new-phone.json')));
      const shortReport = await play(short);
      expect(shortReport.split('\n').filter((row) => row.startsWith('/'))).toEqual([expect.stringMatching(new RegExp(`^${short.replace(/\./g, '\\.')}:2:14 warning`)), expect.stringMatching(new RegExp(`^${short.replace(/\./g, '\\.')}:11:5 warning`)), `${short}: valid (2 warnings)`]);
    } finally {
      for (const [name, d] of Object.entries(stderr)) {
        if (d) Object.defineProperty(process.stderr, name, d);
        else delete (process.stderr as unknown as Record<string, unknown>)[name];
      }
    }
  });

  // Session 59: fitReport sets a quoted path that fits a row only left of its fix's hang as far as
  // it must; read before a session, a path 55–58 columns wide (the "$schema" a fix names, its length
  // set by where the checkout is) then sat two columns in and read as the rest of the file's name.
  it.each([55, 56, 57, 58])('a report read before a session never sets a %i-column path in a fix left of the fix: it is broken after its "/" under it', (length) => {
    const path = `"${'../'.repeat(4)}${'x'.repeat(length - 46)}/scenarios/scenario.schema.json",`;
    expect([...path].length).toBe(length);
    const report = [
      '/tmp/t/my-long-scenario-file-name.json:2:14 warning [schema-not-found] $schema: the path leads to no file.',
      `    fix: Write "$schema": ${path} the path to scenario.schema.json from this file's folder.`,
    ].join('\n');
    const out = fitReadReport(report, 60).split('\n');
    for (const row of out) expect([...row].length, row).toBeLessThanOrEqual(60);
    const fix = out.findIndex((row) => row.startsWith('    fix: '));
    for (const row of out.slice(fix + 1)) expect(row, out.join("\n")).toMatch(/^ {9,}\S/);
    // Nothing added or lost: the fix's words, its path's rows joined.
    expect(out.slice(fix).map((row) => row.trim()).join(' ').replace(/\/ (?=\S)/g, '/')).toBe(report.split('\n')[1]!.trim());
  });

  it('play of a broken file with a path longer than the window: the path broken after a "/", its rows after the first indented two, the report laid out as validate lays it out; piped, one row per problem and fix', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'cw-')), 'a-rather-long-folder-name-for-scenarios-in-progress');
    mkdirSync(dir);
    const broken = join(dir, 'my-long-scenario-file-name.json');
    writeFileSync(broken, '{ "id": "x", ');
    expect(broken.length).toBeGreaterThan(60);
    const r = await onTerminal(60, 'play', broken);
    expect(r.code).toBe(1);
    // The path broken after a "/" (the rest of each row wrapped under it, four spaces in).
    expect(locations(r.err)).toEqual([`${broken}:1:14`, `${broken}:`]);
    for (const row of rows(r.err)) expect([...row].length, row).toBeLessThanOrEqual(60);
    const piped = await runInProcess('play', broken);
    expect(piped.code).toBe(1);
    expect(r.err).toBe(`${fitReadReport(piped.err.replace(/\n$/, ''), 60)}\n`);
    // Piped, as before: each problem and each fix one row.
    expect(rows(piped.err).map((l) => l.replace(broken, 'F'))).toEqual([
      expect.stringMatching(/^F:1:14 error \[json-syntax\] .*Not valid JSON/),
      expect.stringMatching(/^ {4}fix: /),
      'F: 1 error, 0 warnings',
      'casa-practice: not played: fix the errors above first.',
    ]);
  });
});

describe('help <command>', () => {
  it('"help play" and "help room" print that command\'s help, as "play --help" does (it printed the general help)', async () => {
    for (const command of ['play', 'room', 'validate']) {
      const viaHelp = await runInProcess('help', command);
      const direct = await runInProcess(command, '--help');
      expect(viaHelp.code, command).toBe(0);
      expect(viaHelp.out, command).toBe(direct.out);
      expect(viaHelp.out, command).toMatch(new RegExp(`^Usage: .*casa-practice ${command}`));
    }
  });
});
