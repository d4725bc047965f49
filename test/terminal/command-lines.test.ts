import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { noSaveWords } from '../../src/terminal/app-commands.js';
import { runFacilitatePlain } from '../../src/terminal/facilitate-plain.js';
import { command, commandName, shellWord, textWidth } from '../../src/terminal/invocation.js';
import { runPlain } from '../../src/terminal/plain.js';
import { recordsCommand } from '../../src/terminal/records-command.js';
import { keptSaveWords, newRoomSessionArgs, roomSessionArgs, writeSave } from '../../src/terminal/saves.js';
import { startSession, type SaveSummary } from '../../src/machines/index.js';
import { loadPlayable, type PlayableScenario } from '../../src/terminal/scenario-source.js';
import { columnsOf, commandLines, commandRows, shellWords, wrapWords } from '../../src/terminal/wrap.js';
import { cleanup } from 'ink-testing-library';
import { appElement, KEY, playToDebrief, press, renderAt, SCENARIOS, tap, tempEnv, throughEnding } from './helpers/ink.js';
import { BUNDLED } from './helpers/layout.js';

// A command longer than the terminal (60 columns, started as `node <path>/bin/casa-practice.js`)
// was broken by the terminal mid-word, and one wrapped at a space ran without the words after it.
// It is broken only between its words, with a shell line continuation (" \") ending each broken
// line, so that the lines pasted into bash run the command itself.

/**
 * Names the app, as a volunteer who started it by path from another folder would see it:
 * `node <temp>/xxx…/bin/casa-practice.js`, `columns` wide whatever the temp folder's length.
 */
function nameTheApp(columns: number): void {
  const base = mkdtempSync(join(tmpdir(), 'c'));
  const pad = columns - `node ${base}//bin/casa-practice.js`.length;
  expect(pad).toBeGreaterThan(0);
  process.argv[1] = join(base, 'x'.repeat(pad), 'bin', 'casa-practice.js');
}

/** In a describe: after each test, the app's own path back and Ink's renders cleaned up. */
function restoreAfterEach(): void {
  const argv = process.argv[1];
  afterEach(() => {
    process.argv[1] = argv as string;
    cleanup();
  });
}

/** The words bash makes of a script's command (after `set --`), as it really splits and unquotes them. */
function bashWords(lines: string): string[] {
  const out = execFileSync('bash', ['--norc', '--noprofile', '-c', `set -- ${lines}\nprintf '%s\\0' "$@"`], { encoding: 'utf8' });
  return out.split('\0').slice(0, -1);
}

/**
 * The lines of a command as printed, checked: each fits `width` (but a line of one word longer than
 * the row), each but the last ends with " \" and each after the first is indented; joined as a
 * shell joins them (a backslash before a line break removes both), bash reads the very words of
 * `cmd`, and with the continuations and indents taken off they are `cmd` itself.
 */
function expectCommandLines(printed: string[], cmd: string, width = 60): void {
  expect(printed.length, printed.join('\n')).toBeGreaterThan(1);
  // A path longer than the row is broken only after a "/", its rows ending in a backslash with no
  // space before it (quotes closed before it and opened again after): the rows of one word joined.
  const lines: string[] = [];
  for (const row of printed) {
    // (A row of one word with no "/" to break it at may be longer: the terminal wraps it.)
    if (shellWords(row.replace(/ ?\\$/, '')).length > 1) expect(columnsOf(row), row).toBeLessThanOrEqual(width);
    const before = lines.at(-1);
    if (before !== undefined && /[^ ]\\$/.test(before)) {
      expect(row, row).not.toMatch(/^ /);
      const q = before.endsWith("'\\") && /^\$?'/.test(row);
      lines[lines.length - 1] = q ? `${before.slice(0, -2)}${row.replace(/^\$?'/, '')}` : `${before.slice(0, -1)}${row}`;
    } else lines.push(row);
  }
  expect(bashWords(printed.join('\n'))).toEqual(bashWords(cmd));
  lines.forEach((line, i) => {
    const words = shellWords(line.replace(/ \\$/, ''));
    if (words.length > 1 || columnsOf(line) <= width) expect(columnsOf(line), line).toBeLessThanOrEqual(width);
    if (i < lines.length - 1) expect(line, line).toMatch(/\S \\$/);
    else expect(line).not.toMatch(/\\$/);
    if (i > 0) expect(line).toMatch(/^ {2}\S/);
  });
  expect(bashWords(lines.join('\n'))).toEqual(bashWords(cmd));
  expect(lines.map((l, i) => (i > 0 ? l.slice(2) : l).replace(/ \\$/, '')).join(' ')).toBe(cmd);
}

/** Whether a printed row fits the 60 columns, or is one word longer than that (a path, left whole to be copied). */
const fitsOrOneWord = (row: string) => columnsOf(row) <= 60 || shellWords(row.replace(/ \\$/, '')).length === 1;

/** The command's lines in printed text: from the row that starts with `name` to the first not continued. */
function printedCommand(out: string, after: string, name: string): string[] {
  const rows = out.split('\n');
  const at = rows.findIndex((r, i) => r.startsWith(name) && (rows[i - 1] ?? '').endsWith(after));
  expect(at, out).toBeGreaterThan(0);
  // (A path's rows end in a backslash with no space before it: pathRows.)
  const end = rows.findIndex((r, i) => i >= at && !r.endsWith('\\'));
  return rows.slice(at, end + 1);
}

describe('a command longer than the row is broken only between its words, with line continuations', () => {
  const app = '/tmp/casa practice (copy)/bin/casa-practice.js';
  const name = commandName({}, ['node', app], '/home/volunteer');
  const folder = "/home/volunteer/CASA training/Trainer's scenarios";

  it('the longest real commands at 60 columns: a file in a folder with spaces, --from, --set and --facilitate; quoted words stay whole', () => {
    // The form the app names itself in when started by a path with spaces: node "…".
    expect(name).toBe(`node "${app}"`);
    const playable = { file: `${folder}/youth discloses (copy).json`, scenario: { id: 'youth-discloses' }, from: 'd3-morning-downplay', set: { trust: '70', 'told-csw': 'true' } };
    const cmds = [
      [name, roomSessionArgs(playable)],
      [name, newRoomSessionArgs(playable as unknown as PlayableScenario)],
      ['node bin/casa-practice.js', roomSessionArgs({ ...playable, file: `${folder}/a\u0007bell.json` })],
      ['npm run cli --', roomSessionArgs({ ...playable, bundled: true })],
      ['node bin/casa-practice.js', `validate ${shellWord(folder)} ${shellWord(`${folder}/another one.json`)}`],
    ] as const;
    for (const [program, args] of cmds) {
      const cmd = `${program} ${args}`;
      expect(columnsOf(cmd)).toBeGreaterThan(60);
      const lines = commandLines(cmd, 60, '  ', program);
      expectCommandLines(lines, cmd);
      // The program's name whole on the first line.
      expect(lines[0]?.startsWith(`${program} `)).toBe(true);
      // Any width from the narrowest the app wraps at.
      for (const width of [20, 33, 47, 59]) expectCommandLines(commandLines(cmd, width), cmd, width);
    }
    // An option and its value stay together; a quoted path is never broken inside.
    const lines = commandLines(`${name} ${roomSessionArgs(playable)}`, 60, '  ', name);
    expect(lines.some((l) => /--from d3-morning-downplay\b/.test(l))).toBe(true);
    expect(lines.some((l) => l.includes(`'${folder.replace("'", "'\\''")}/youth discloses (copy).json'`))).toBe(true);
    // A command that fits is left as it is.
    expect(commandLines('node bin/casa-practice.js --facilitate testifying', 60)).toEqual(['node bin/casa-practice.js --facilitate testifying']);
  });

  // At 60 columns the terminal broke such a path mid-name ("…-for-the-training-t" over "eam/…"), and
  // what was copied from the screen named no file (term-54).
  it('a path longer than the row is broken only after a "/", with a backslash bash joins it at; quoted, its quotes closed and opened again', () => {
    const long = `/home/volunteer/${'a-very-long-folder-name/'.repeat(4)}scenario.json`;
    const cmd = `node bin/casa-practice.js play ${long} --from after-visit --facilitate`;
    const lines = commandLines(cmd, 60, '  ', undefined, true);
    expect(lines.slice(1, 4)).toEqual(['  /home/volunteer/a-very-long-folder-name/\\', 'a-very-long-folder-name/a-very-long-folder-name/\\', 'a-very-long-folder-name/scenario.json \\']);
    expectCommandLines(lines, cmd);
    for (const file of ["/tmp/h54/folder with space for the volunteers and their trainers/new-phone-practice-copy.json", "/tmp/it's a folder with a quote for the volunteers/and-a-long-sub-folder-name/x.json", `/tmp/${'a-very-long-folder-name/'.repeat(3)}bell\u0007.json`]) {
      const quoted = `casa-practice --facilitate ${shellWord(file)} --new`;
      const rows = commandLines(quoted, 60, '  ', 'casa-practice', true);
      expectCommandLines(rows, quoted);
      for (const row of rows) expect(columnsOf(row), row).toBeLessThanOrEqual(60);
      expect(rows.every((r) => /^ *(\$?')?[^ ]*\/|^ *'|^casa-practice|^ *--new/.test(r)), rows.join('\n')).toBe(true);
    }
    // A name with no "/" longer than the row is left whole on a row of its own (the terminal wraps it).
    const name = `${'x'.repeat(70)}.json`;
    expect(commandLines(`casa-practice --facilitate ${name} --new`, 60, '  ', undefined, true)).toEqual(['casa-practice --facilitate \\', `  ${name} \\`, '  --new']);
  });

  it('a path ending in the program\'s name ("…/state/casa-practice", installed) is words, not a command broken with continuations', () => {
    const text = `Progress could not be saved: /home/volunteer/.local/state/casa-practice cannot be written (the disk is read-only), so this playthrough was not kept.`;
    for (const out of [wrapWords(text, 60, 'casa-practice '), commandRows(text, 60, 'casa-practice ').join('\n')]) expect(out).not.toContain('\\');
  });

  // Installed, the name is "casa-practice", and what to do about a file set aside begins with it
  // ("casa-practice cannot use that file, …"): on the picker and the debrief at 60 columns it was
  // hung as a command, its rows ending in " \\". A command is the name and then a command or an option.
  it('the program\'s name followed by words, not a command ("casa-practice cannot use that file"), is words', () => {
    const todo = 'casa-practice cannot use that file, but you can keep it, or send it to whoever helps you with the app; delete it once you no longer need it.';
    const left = 'Nothing is written over it; casa-practice tries again to set it aside the next time it starts.';
    for (const text of [todo, `The save was moved to /s/a.json.damaged-1; choose a scenario. ${todo}`, left]) {
      for (const out of [wrapWords(text, 60, 'casa-practice '), commandRows(text, 60, 'casa-practice ').join('\n')]) expect(out).not.toContain('\\');
    }
    // A command, or the name and an option, after the same words still is one.
    expect(commandRows(`${todo} casa-practice validate /home/volunteer/drafts/one.json`, 60, 'casa-practice ').at(-1)).toBe('casa-practice validate /home/volunteer/drafts/one.json');
    expect(wrapWords('Begin one with: casa-practice --facilitate youth-discloses --from after-visit-two', 60, 'casa-practice ').split('\n')).toEqual(['Begin one with:', 'casa-practice --facilitate youth-discloses \\', '  --from after-visit-two']);
  });

  it('after words, in a message (wrapWords): the command on rows of its own, every row fitting', () => {
    const cmd = `${name} ${roomSessionArgs({ file: `${folder}/new phone.json`, scenario: { id: 'new-phone' }, from: 'after-visit', set: { trust: '70' } })}`;
    const out = wrapWords(`Session summary written to:\n/tmp/x.md\nTo carry on with this session later: ${cmd}`, 60, `${name} `);
    const rows = out.split('\n');
    expect(rows.slice(0, 3)).toEqual(['Session summary written to:', '/tmp/x.md', 'To carry on with this session later:']);
    expectCommandLines(rows.slice(3), cmd);
  });
});

describe('line by line at 60 columns, every command printed fits, broken with line continuations', () => {
  const argv = process.argv[1];
  afterEach(() => {
    process.argv[1] = argv as string;
  });

  /** new-phone.json copied into a folder with spaces, opened as an author's test: --from and --set. */
  function authorsCopy(): PlayableScenario {
    const dir = join(mkdtempSync(join(tmpdir(), 'c')), 'My CASA scenarios');
    mkdirSync(dir);
    copyFileSync(join(SCENARIOS, 'new-phone.json'), join(dir, 'new phone (copy).json'));
    const p = loadPlayable(join(dir, 'new phone (copy).json'), 'after-visit', { trust: '70' });
    if ('problems' in p) throw new Error(p.problems);
    return p;
  }

  it('a trainer-led session begun with --from and --set: the command that carries it on, then the one that starts over', async () => {
    // Started by a path with spaces, as `node "/tmp/…/bin/casa-practice.js"`.
    process.argv[1] = join(mkdtempSync(join(tmpdir(), 'a ')), 'bin', 'casa-practice.js');
    const env = { ...tempEnv(), NO_COLOR: '1' };
    const playable = authorsCopy();
    const run = async (lines: string[]) => {
      let out = '';
      await runFacilitatePlain({ playable, io: { out: (t) => (out += t), err: (t) => (out += t) }, env, width: 60, readLine: async () => lines.shift() });
      return out;
    };
    const name = commandName(env);
    expect(name).toMatch(/^node "\/.* .*\/bin\/casa-practice\.js"$/);
    const stopped = await run(['4 0 0', 'q']);
    // q stops it, to be carried on: not "Session ended." above the command that carries it on.
    expect(stopped).toContain('Session stopped before its end.');
    expect(stopped).not.toContain('Session ended');
    expectCommandLines(printedCommand(stopped, 'To carry on with this session later:', name), command(roomSessionArgs(playable), env));
    const resumed = await run(['q']);
    expect(resumed).toContain('Continuing the trainer-led session kept at decision 1');
    expectCommandLines(printedCommand(resumed, 'To start over instead:', name), command(newRoomSessionArgs(playable), env));
    // Nothing else printed runs past the row, and no colour codes.
    for (const out of [stopped, resumed]) {
      expect(out).not.toContain('\u001b');
      for (const row of out.split('\n')) expect(fitsOrOneWord(row), row).toBe(true);
    }
  });

  it('a practice save: the command to start over (--from, --set, the quoted file) and the one to continue', async () => {
    process.argv[1] = join(mkdtempSync(join(tmpdir(), 'a ')), 'bin', 'casa-practice.js');
    const env = { ...tempEnv(), NO_COLOR: '1' };
    const playable = authorsCopy();
    const run = async (lines: string[]) => {
      let out = '';
      await runPlain({ playable, mode: 'practice', io: { out: (t) => (out += t), err: (t) => (out += t) }, env, width: 60, readLine: async () => lines.shift() });
      return out;
    };
    const name = commandName(env);
    // A save at its one decision (written here: q writes none before a reply, and the reply there
    // ends this test run); continued, q leaves it as it was and says how to continue it.
    writeSave(playable, startSession(playable.scenario, 'practice').getPersistedSnapshot(), env);
    const again = await run(['q']);
    expect(printedCommand(again, 'Continue with:', name)).toEqual([`${name} resume`]);
    const startOver = printedCommand(again, 'To start over instead:', name);
    expectCommandLines(startOver, command(`play ${shellWord(playable.file)} --from after-visit --set trust=70 --new`, env));
    for (const row of again.split('\n')) if (!row.startsWith('Progress saved to')) expect(fitsOrOneWord(row), row).toBe(true);
  });
});

describe('resume with no save names a kept trainer-led session with the command that carries it on', () => {
  const env = { npm_lifecycle_event: 'cli' };

  it('one begun with --from (kept apart from the scenario\'s own): play <scenario> --from NODE --facilitate, not --facilitate <scenario>', () => {
    const words = noSaveWords(['youth-discloses--from-d3-morning-downplay'], roomSessionArgs, env);
    expect(words).toContain('A trainer-led session is kept (youth-discloses--from-d3-morning-downplay).');
    expect(words.endsWith('\nnpm run cli -- play youth-discloses --from d3-morning-downplay --facilitate')).toBe(true);
    expect(noSaveWords(['red-flags'], roomSessionArgs, env).endsWith('carry it on with:\nnpm run cli -- --facilitate red-flags')).toBe(true);
  });

  it('several, or one whose --set values or file the slot does not name: the forms of the commands, one begun with --from named with its own', () => {
    const words = noSaveWords(['red-flags', 'youth-discloses--from-d3--set'], roomSessionArgs, env);
    expect(words).toContain('\nOne of a scenario: npm run cli -- --facilitate <scenario>');
    expect(words).toContain('\nOne begun with --from: npm run cli -- play <scenario> --from NODE [--set …] --facilitate');
    expect(words).not.toContain('One begun with --set:');
    expect(noSaveWords(['new-phone--file-0a1b2c3d'], roomSessionArgs, env)).not.toContain('--from');
    // Wrapped at 60 columns as printed: no row runs past it.
    for (const row of wrapWords(words, 60, 'npm run cli -- ').split('\n')) expect(columnsOf(row), row).toBeLessThanOrEqual(60);
  });
});

describe('full screen at 60×24, a command in a picker notice is on rows of its own, broken with line continuations', () => {
  restoreAfterEach();

  it('resume with a kept --from room session: the command that carries it on; and the validate command for the files left out', async () => {
    // Ink wrapped it at any space, with nothing to say that it goes on.
    process.argv[1] = join(mkdtempSync(join(tmpdir(), 'a ')), 'bin', 'casa-practice.js');
    const env = { ...tempEnv(), NO_COLOR: '1' };
    const name = commandName(env);
    const notice = noSaveWords(['youth-discloses--from-d3-listen'], roomSessionArgs, env);
    const cmd = `${name} play youth-discloses --from d3-listen --facilitate`;
    expect(notice.endsWith(`\n${cmd}`)).toBe(true);
    const r = await renderAt(appElement({ env, start: { kind: 'picker', notice } }).element, 60, 24);
    const frame = r.lastFrame() ?? '';
    expect(frame).not.toContain('\u001b');
    const rows = frame.split('\n').map((row) => row.trimEnd());
    for (const row of rows) expect(columnsOf(row), row).toBeLessThanOrEqual(60);
    // (The fixtures folder has two files with errors: the picker names the command that shows why,
    // the folder from the working folder, with its "/" so that it is never read as a scenario id.)
    for (const [words, command] of [[`${name} play`, cmd], [`${name} validate`, `${name} validate ${relative(process.cwd(), SCENARIOS)}/`]] as const) {
      const at = rows.findIndex((row) => row.startsWith(words));
      expect(at, frame).toBeGreaterThan(0);
      const end = rows.findIndex((row, i) => i >= at && !row.endsWith(' \\'));
      expectCommandLines(rows.slice(at, end + 1), command);
    }
  });
});

describe('full screen at 60×24, the quit prompt\'s "Continue later with" command runs when pasted, from a long checkout path', () => {
  restoreAfterEach();

  it('after the first reply of a bundled scenario: the command on rows of its own, continued, and the screen still fits', async () => {
    // Started by path from another folder: the app names itself `node <checkout>/bin/casa-practice.js`,
    // here 50 columns whatever the temp folder's length: whole on a row of the box (56 columns inside),
    // but not with " resume" after it, nor after "Continue later with:". Ink wrapped it at any space.
    nameTheApp(50);
    const env = { ...tempEnv(), NO_COLOR: '1' };
    const name = commandName(env);
    expect(columnsOf(name)).toBe(50);
    const playable = loadPlayable(join(BUNDLED, 'youth-discloses.json'));
    if ('problems' in playable) throw new Error(playable.problems);
    const r = await renderAt(appElement({ env, start: { kind: 'play', playable, showNote: true } }).element, 60, 24);
    await press(r, KEY.enter);
    expect(r.lastFrame()).toContain('Decision 1 of about');
    // A reply made (q asks to save only once one is made or undone in the run): on its feedback.
    await press(r, '1', 'q');
    const frame = r.lastFrame();
    expect(frame).toContain('Save your progress and quit?');
    const rows = frame.split('\n').map((row) => row.trimEnd());
    // The whole screen fits: no row past 60 columns, one row spare.
    expect(rows.length, frame).toBeLessThanOrEqual(23);
    for (const row of rows) expect(columnsOf(row), row).toBeLessThanOrEqual(60);
    // Inside the box: "Continue later with:", then the command, to its first row not continued.
    const inside = rows.map((row) => row.replace(/^│ /, '').replace(/ *│$/, ''));
    const at = inside.findIndex((row) => row.startsWith('Continue later with:'));
    expect(at, frame).toBeGreaterThan(0);
    const end = inside.findIndex((row, i) => i > at && !row.endsWith(' \\'));
    const said = inside.slice(at, end + 1).join('\n').replace(/ \\\n +/g, ' ');
    expect(said, frame).toBe(`Continue later with:\n${name} resume`);
    expectCommandLines(inside.slice(at + 1, end + 1), `${name} resume`);
  });
});

describe('full screen at 60×24, a command word longer than the row keeps the indent of the command\'s lines', () => {
  restoreAfterEach();

  it('the quit prompt from a checkout path longer than the box: every row of the command but its first indented, the path broken after a /', async () => {
    // `node <checkout>/bin/casa-practice.js`, the path alone longer than the box's 56 columns: its
    // line ("  <path> \\") was left to Ink, which put the rest of the path at the box's left edge.
    nameTheApp(70);
    const env = { ...tempEnv(), NO_COLOR: '1' };
    const name = commandName(env);
    const path = name.slice('node '.length);
    expect(columnsOf(path)).toBeGreaterThan(56);
    const playable = loadPlayable(join(BUNDLED, 'youth-discloses.json'));
    if ('problems' in playable) throw new Error(playable.problems);
    const r = await renderAt(appElement({ env, start: { kind: 'play', playable, showNote: true } }).element, 60, 24);
    await press(r, KEY.enter);
    // A reply made (q asks to save only once one is made or undone in the run): on its feedback.
    await press(r, '1', 'q');
    const frame = r.lastFrame();
    expect(frame).toContain('Save your progress and quit?');
    const rows = frame.split('\n').map((row) => row.trimEnd());
    expect(rows.length, frame).toBeLessThanOrEqual(23);
    for (const row of rows) expect(columnsOf(row), row).toBeLessThanOrEqual(60);
    const inside = rows.map((row) => row.replace(/^│ /, '').replace(/ *│$/, ''));
    const at = inside.findIndex((row) => row === 'node \\');
    const end = inside.findIndex((row, i) => i > at && row.trim() === 'resume');
    expect(at, frame).toBeGreaterThan(0);
    expect(end, frame).toBeGreaterThan(at + 2);
    const cmd = inside.slice(at, end + 1);
    // Every row after the first is indented as the command's lines are; the path's rows end after a separator.
    for (const row of cmd.slice(1)) expect(row, frame).toMatch(/^ {2}\S/);
    const pathRows = cmd.slice(1, -1).map((row) => row.slice(2));
    for (const row of pathRows.slice(0, -1)) expect(row, frame).toMatch(/\/$/);
    // Read back, the path is whole: its rows joined, then " \\" and the last line.
    expect(pathRows.join('')).toBe(`${path} \\`);
  });
});

describe('full screen at 60×24, the debrief\'s "Added to your records" command runs when pasted, from a long checkout path', () => {
  restoreAfterEach();

  it('a finished playthrough: the records command on rows of its own, continued, and the screen still fits', async () => {
    // As for the quit prompt: the app named `node <checkout>/bin/casa-practice.js`, 50 columns, so
    // that "Added to your records: <command> records" is longer than the row. Ink wrapped it at any space.
    nameTheApp(50);
    const env = { ...tempEnv(), NO_COLOR: '1' };
    const name = commandName(env);
    const playable = loadPlayable(join(SCENARIOS, 'new-phone.json'));
    if ('problems' in playable) throw new Error(playable.problems);
    const r = await renderAt(appElement({ env, start: { kind: 'play', playable, showNote: true } }).element, 60, 24);
    await press(r, KEY.enter);
    await playToDebrief(r);
    const frame = r.lastFrame();
    const rows = frame.split('\n').map((row) => row.trimEnd());
    expect(rows.length, frame).toBeLessThanOrEqual(23);
    for (const row of rows) expect(columnsOf(row), row).toBeLessThanOrEqual(60);
    const at = rows.findIndex((row) => row.startsWith('Added to your records:'));
    expect(at, frame).toBeGreaterThan(0);
    const end = rows.findIndex((row, i) => i > at && !row.endsWith(' \\'));
    expect(rows.slice(at, end + 1).join('\n').replace(/ \\\n +/g, ' '), frame).toBe(`Added to your records:\n${name} records`);
    // (Here it fits a row of its own; longer, it is broken as the quit prompt's is.)
    if (end > at + 1) expectCommandLines(rows.slice(at + 1, end + 1), `${name} records`);
  });
});

describe('where progress cannot be saved, the command that opens a save kept from before ends the words', () => {
  const argv = process.argv[1];
  afterEach(() => {
    process.argv[1] = argv as string;
  });

  it('as printed when the app ends (wrapWords): the resume command alone on its rows, as bash reads it', () => {
    // "…is kept as it was: <command> resume opens that one." was broken before "opens" with a line
    // continuation from a long checkout path, and ran as `resume opens that one.`, which resume refuses.
    nameTheApp(50);
    const env = tempEnv();
    const name = commandName(env);
    const words = keptSaveWords({ summary: { decision: 1 } as SaveSummary, latest: true }, env) ?? '';
    const rows = wrapWords(`Progress could not be saved: /tmp/x cannot be written, so this playthrough was not kept. ${words}`, 60, `${name} `).split('\n');
    for (const row of rows) expect(columnsOf(row), row).toBeLessThanOrEqual(60);
    const at = rows.findIndex((row) => row.startsWith(name));
    expect(at, rows.join('\n')).toBeGreaterThan(0);
    expect(rows.slice(at).join('\n').replace(/ \\\n +/g, ' ')).toBe(`${name} resume`);
    expect(bashWords(rows.slice(at).join('\n'))).toEqual(bashWords(`${name} resume`));
  });
});

describe('records: the command that writes a backup for the web app ends its words, on rows of its own', () => {
  const argv = process.argv[1];
  afterEach(() => {
    process.argv[1] = argv as string;
  });

  it('from a long program name: the command whole (continuations joined), as bash reads it', () => {
    // "…to keep all your practice in one place, run <command> records --backup and load the backup
    // file…" was wrapped as words: "run node" on one row, the path and "records --backup and" on the next.
    // Named by a path 10 columns shorter than the width it is printed at (80 with no terminal), the
    // command is longer than a row.
    nameTheApp(textWidth() - 10);
    const env = tempEnv();
    const name = commandName(env);
    let out = '';
    expect(recordsCommand([], { out: (t) => void (out += t), err: () => undefined }, env)).toBe(0);
    // Every row fits the width (but a word longer than it).
    for (const row of out.split('\n')) expect(columnsOf(row) <= textWidth() || shellWords(row.replace(/ \\$/, '')).length === 1, row).toBe(true);
    const cmd = `${name} records --backup`;
    const lines = printedCommand(out, 'with:', name);
    expect(lines.length, out).toBeGreaterThan(1);
    expectCommandLines(lines, cmd, textWidth());
    expect(out.replace(/ \\\n +/g, ' ').replace(/\s+/g, ' ')).toContain(`To keep all your practice in one place, load a backup in the web app's My records. Write one with: ${cmd}`);
  });
});

describe('full screen at 60×24, a save whose scenario file is gone: the notice has no command in mid-sentence', () => {
  restoreAfterEach();

  it('resume (R) with an older save naming /gone.json: one sentence, no line continuation, no command that cannot continue it', async () => {
    // "…open it from where it is now with <command> play <file> to continue this save." The picker's
    // notice (commandRows) took everything from the command to the end of the line as the command and
    // put a " \" into the sentence; and the save, set aside, was not continued by opening the file.
    nameTheApp(50);
    const env = { ...tempEnv(), NO_COLOR: '1' };
    const saves = join((env as NodeJS.ProcessEnv).XDG_STATE_HOME as string, 'casa-practice', 'saves');
    mkdirSync(saves, { recursive: true });
    writeFileSync(join(saves, 'youth-discloses.json'), JSON.stringify({ format: 'casa-practice-terminal-save', formatVersion: 1, scenarioFile: '/gone.json', session: { scenarioId: 'youth-discloses', scenarioVersion: 1 } }));
    const r = await renderAt(appElement({ env }).element, 60, 24);
    await press(r, 'R');
    const frame = r.lastFrame();
    const rows = frame.split('\n').map((row) => row.trimEnd());
    for (const row of rows) expect(columnsOf(row), row).toBeLessThanOrEqual(60);
    const at = rows.findIndex((row) => row.startsWith('Could not resume'));
    const end = rows.findIndex((row, i) => i >= at && row.endsWith('need it.'));
    expect(at, frame).toBeGreaterThanOrEqual(0);
    expect(end, frame).toBeGreaterThanOrEqual(at);
    const notice = rows.slice(at, end + 1);
    for (const row of notice) expect(row, frame).not.toMatch(/\\$/);
    // (The path the save was moved to breaks after a "/", with no space.)
    expect(notice.join('\n').replace(/\/\n/g, '/').replace(/\s+/g, ' ')).toMatch(/^Could not resume: the scenario file \/gone\.json was moved or deleted, so this save cannot carry on\. The save was moved to \S+youth-discloses\.json\.damaged-\S+; choose a scenario\. casa-practice cannot use that file, but you can keep it, or send it to whoever helps you with the app; delete it once you no longer need it\.$/);
    expect(readdirSync(saves)).toEqual([expect.stringMatching(/^youth-discloses\.json\.damaged-/)]);
  });
});

describe('finding a moved save\'s file, a file with errors: "See why with:" and the validate command naming it, on rows of its own', () => {
  restoreAfterEach();
  // "…so it cannot be played; check it with <command> validate <file>." had the command mid-sentence:
  // the screen's Paragraph and plain mode's words broke it at any space, "<file>" to be typed again.
  const setUp = () => {
    nameTheApp(50);
    const env = { ...tempEnv(), NO_COLOR: '1' };
    const missing = { key: 'example-new-phone', file: '/gone/new-phone.json', id: 'example-new-phone', version: 1 };
    // In a folder of a known length (a temp folder, not the checkout's fixtures), so that the
    // command breaks the same way wherever the tests run.
    const broken = join(mkdtempSync(join(tmpdir(), 'd')), 'broken.json');
    copyFileSync(join(SCENARIOS, 'broken.json'), broken);
    return { env, missing, broken, cmd: `${commandName(env)} validate ${shellWord(broken)}` };
  };

  it('full screen at 60×24: the sentence ends "See why with:", the command follows whole (continuations joined), every row fits', async () => {
    const { env, missing, broken, cmd } = setUp();
    const r = await renderAt(appElement({ env, start: { kind: 'locate', missing } }).element, 60, 24);
    r.stdin.write(broken);
    await press(r, KEY.enter);
    const frame = r.lastFrame();
    const rows = frame.split('\n').map((row) => row.trimEnd());
    for (const row of rows) expect(columnsOf(row), row).toBeLessThanOrEqual(60);
    expect(frame.replace(/\s+/g, ' ')).toContain('/broken.json" has 2 errors, so it cannot be played. See why with: node ');
    const lines = printedCommand(rows.join('\n'), 'with:', 'node ');
    expect(lines.join('\n').replace(/ \\\n +/g, ' '), frame).toBe(cmd);
    expectCommandLines(lines, cmd);
  });

  it('line by line (locatePlain): the same words, the command on lines of its own as bash reads it', async () => {
    const { env, missing, broken, cmd } = setUp();
    const { locatePlain } = await import('../../src/terminal/locate-plain.js');
    let out = '';
    const answers = [broken];
    const found = await locatePlain(missing, { io: { out: (s: string) => void (out += s), err: () => undefined }, width: 60, env, readLine: async () => answers.shift() });
    expect(found).toBeUndefined();
    const lines = printedCommand(out, 'See why with:', 'node ');
    expect(lines.join('\n').replace(/ \\\n +/g, ' '), out).toBe(cmd);
    expectCommandLines(lines, cmd);
    // The file's problems too: laid out between words at the width (a path longer than a row whole), as validate lays them out.
    expect(out).toMatch(/error \[/);
    for (const row of out.split('\n')) expect(fitsOrOneWord(row), row).toBe(true);
  });
});

describe('room: the commands that start or carry on a room end their words, on lines of their own', () => {
  const argv = process.argv[1];
  afterEach(() => {
    process.argv[1] = argv as string;
  });

  it('from a long program name: room --resume with nothing saved: the room command alone on its lines, whole as bash reads it', async () => {
    // 'start one with "<command> room <scenario>".' had the command mid-sentence in quotes, broken
    // anywhere by the terminal (or by wrapText, for the words at Ctrl+C), and pasted it ran with the
    // quotes and the full stop. Named by a path 10 columns shorter than the width, it is longer than a line.
    nameTheApp(textWidth() - 10);
    const env = tempEnv();
    const name = commandName(env);
    const { roomCommand } = await import('../../src/terminal/room/command.js');
    let err = '';
    expect(await roomCommand(['--resume', '--host', '127.0.0.1'], { out: () => undefined, err: (t) => void (err += t) }, env)).toBe(1);
    for (const row of err.split('\n')) expect(columnsOf(row) <= textWidth() || shellWords(row.replace(/ \\$/, '')).length === 1, row).toBe(true);
    const lines = printedCommand(err, 'Start one with:', name);
    // (<scenario> stands for a file or an id: bash reads a word in its place.)
    const word = (l: string) => l.replace('<scenario>', 'SCENARIO');
    expectCommandLines(lines.map(word), word(`${name} room <scenario>`), textWidth());
    expect(err.replace(/ \\\n +/g, ' ').replace(/\s+/g, ' ')).toBe(`casa-practice: there is no room to resume. Start one with: ${name} room <scenario> `);
  });
});

// Left from session 45 (D): the quit prompt's "Continue later with: node "…" resume", the program
// started from a folder whose name has spaces, broke the quoted path at a space of a folder's name
// ("…my practice folder for the" above "volunteers/app/bin/casa-practice.js"), well short of the row:
// a path longer than the row is cut at the row's width only.
describe('a quoted command path with spaces, longer than the row', () => {
  const cmd = 'node "/tmp/x/my practice folder for the volunteers/app/bin/casa-practice.js"';
  it('is cut at the row\'s width only, never at a space short of it, and its rows give it back', () => {
    const rows = commandRows(`Continue later with: ${cmd} resume`, 56, `${cmd} `);
    expect(rows).toEqual(['Continue later with:', 'node \\', '  "/tmp/x/my practice folder for the volunteers/app/bin/', '  casa-practice.js" \\', '  resume']);
    for (const row of rows) expect(columnsOf(row)).toBeLessThanOrEqual(56);
    // A space where the row ends starts the next row (Ink drops a row's last spaces): at 37 columns the cut falls after "…for the ".
    const at37 = commandRows(`Continue later with: ${cmd} resume`, 37, `${cmd} `).slice(2, -1);
    expect(at37[0]).toBe('  "/tmp/x/my practice folder for the');
    expect(at37[1]).toMatch(/^ {3}volunteers\//);
    expect(at37.map((row) => row.slice(2)).join('')).toBe('"/tmp/x/my practice folder for the volunteers/app/bin/casa-practice.js" \\');
    const narrow = commandRows(`Continue later with: ${cmd} resume`, 40, `${cmd} `).slice(2, -1);
    expect(narrow.map((row) => row.slice(2)).join('')).toBe('"/tmp/x/my practice folder for the volunteers/app/bin/casa-practice.js" \\');
    for (const row of narrow.slice(0, -1)) expect(columnsOf(row) === 40 || row.endsWith(' ') === false).toBe(true);
  });
});

// Walked in tmux at 60 columns (term-54): a finished trainer-led session of a scenario file in a
// deep folder, "To start a new session:" and its command, the file's path on a row of its own, which
// the terminal broke mid-name ("…-for-the-training-t" over "eam/…"). Every row now fits, the path
// broken only after a "/" with a backslash, and bash reads the command as it was.
describe('the command to start a new session, from a scenario file whose path is longer than the row (60 columns)', () => {
  restoreAfterEach();
  /** A copy of the new-phone example in a folder whose path is longer than 60 columns, loaded. */
  function deepPlayable(): { playable: PlayableScenario; file: string } {
    const dir = join(mkdtempSync(join(tmpdir(), 'c')), 'a-rather-long-folder-name-for-the-training-team', 'another-sub-folder');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'new-phone-copy-for-tuesday.json');
    copyFileSync(join(SCENARIOS, 'new-phone.json'), file);
    expect(columnsOf(file)).toBeGreaterThan(60);
    const playable = loadPlayable(file);
    if ('problems' in playable) throw new Error(playable.problems);
    return { playable, file };
  }
  /** The command's rows under `after`, checked: each fits, and bash reads the words of `cmd`. */
  const expectCommand = (out: string, after: string, cmd: string) => {
    const rows = printedCommand(out, after, commandName({}));
    for (const row of rows) expect(columnsOf(row), out).toBeLessThanOrEqual(60);
    expect(bashWords(rows.join('\n'))).toEqual(bashWords(cmd));
  };

  it('line by line, at the ending and opened again', async () => {
    const { playable } = deepPlayable();
    const env = tempEnv();
    const run = async (lines: string[]) => {
      let out = '';
      await runFacilitatePlain({ playable, io: { out: (t) => (out += t), err: (t) => (out += t) }, env, width: 60, terminalWidth: () => 60, readLine: async () => lines.shift() });
      return out;
    };
    const cmd = command(newRoomSessionArgs(playable), {});
    expectCommand(await run(['5 0 0', 'r', '1', '4 0 0', 'r', '1']), 'To start a new session:', cmd);
    expectCommand(await run([]), 'To start a new session:', cmd);
  });

  it('full screen, as printed on leaving (wrapWords)', async () => {
    const { playable } = deepPlayable();
    const env = tempEnv();
    const { element, exit } = appElement({ env, start: { kind: 'facilitate', playable } });
    const r = await renderAt(element, 60, 24);
    await press(r, KEY.enter, '5', 'r', '1', KEY.enter, '4', 'r', '1');
    await throughEnding(r);
    await tap(r, 'q');
    const left = wrapWords(exit.mock.calls[0]?.[0] as string, 60, `${commandName({})} `);
    expectCommand(left, 'To start a new session:', command(newRoomSessionArgs(playable), {}));
  });
});
