import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { NOT_RECORDED_UNWRITABLE } from '../../src/terminal/saves.js';
import { exportedInsteadWords } from '../../src/terminal/ui/DebriefScreen.js';
import { READ_ONLY_SKIP, readOnlyTestable, runChild, runPiped } from './helpers/cli.js';
import { appElement, KEY, newPhone as loadNewPhone, pickerTitles, playToDebrief, press, renderApp, renderAt, SCENARIOS, tap, tempEnv, validatedCatalog } from './helpers/ink.js';
import { BUNDLED, rows } from './helpers/layout.js';

afterEach(() => cleanup());

const NEW_PHONE = join(SCENARIOS, 'new-phone.json');
// Root can write anywhere: a read-only folder is tested as another user then.
const asOther = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

/**
 * The CLI with piped input: as another user a child process (the built program, exit code as the
 * shell sees it), otherwise in this process (see runPiped).
 */
function cli(args: string[], input: string, env: NodeJS.ProcessEnv, other = false) {
  const all = { HOME: tmpdir(), CASA_PRACTICE_SEED: '1', ...env };
  return other ? runChild(args, input, all, asOther) : runPiped(args, input, all);
}

/** A state folder that cannot be written, three ways. */
// `code`: 74 when the finished playthrough's record could not be written; with only "saves" in the
// way the record is written, nothing failed, and the exit code is 0.
const cases: [string, () => { env: NodeJS.ProcessEnv; other: boolean; why: RegExp; code: number }][] = [
  ['XDG_STATE_HOME is a file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'casa-file-')), 'state');
    writeFileSync(file, 'not a folder');
    return { env: { XDG_STATE_HOME: file }, other: false, why: /part of the path is a file, not a folder/, code: 74 };
  }],
  ['"saves" is a file', () => {
    const env = tempEnv();
    mkdirSync(join(env.XDG_STATE_HOME as string, 'casa-practice'), { recursive: true });
    writeFileSync(join(env.XDG_STATE_HOME as string, 'casa-practice', 'saves'), '');
    return { env, other: false, why: /a file is in the way of a folder|part of the path is a file/, code: 0 };
  }],
  ['the state folder is read-only', () => {
    const env = tempEnv();
    const dir = join(env.XDG_STATE_HOME as string, 'casa-practice');
    mkdirSync(dir, { recursive: true });
    chmodSync(env.XDG_STATE_HOME as string, 0o755);
    chmodSync(dir, 0o555);
    return { env, other: true, why: /permission denied/, code: 74 };
  }],
];

const READ_ONLY = cases[2]!;
const testable = readOnlyTestable();

describe('a state folder that cannot be written', () => {
  // Walked in tmux (term-49, --plain at 60 columns): the line at start went to a terminal as one long
  // line, which the terminal broke mid-word ("… not be kept this ru" / "n: …"). On a terminal it is
  // wrapped between words, its path whole on a row of its own; piped, it stays one line (above).
  it('line by line on a terminal 60 columns wide, the line at start is wrapped between words, its path whole', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'casa-file-')), 'state');
    writeFileSync(file, 'not a folder');
    const saved = { isTTY: process.stderr.isTTY, columns: process.stderr.columns };
    Object.assign(process.stderr, { isTTY: true, columns: 60 });
    let r;
    try {
      r = await runPiped(['play', NEW_PHONE, '--plain'], '1\n1\n', { HOME: tmpdir(), CASA_PRACTICE_SEED: '1', XDG_STATE_HOME: file });
    } finally {
      Object.assign(process.stderr, saved);
    }
    const rows = r.err.trimEnd().split('\n');
    expect(rows.length, r.err).toBeGreaterThan(1);
    for (const row of rows) if (row !== join(file, 'casa-practice')) expect([...row].length, row).toBeLessThanOrEqual(60);
    expect(rows.some((row) => row.includes(join(file, 'casa-practice'))), r.err).toBe(true);
    expect(rows.join(' ')).toMatch(/^casa-practice: Progress and records will not be kept this run: \S+ cannot be written \(part of the path is a file, not a folder\)\. To keep them, /);
  });

  // Concurrent: the read-only cases are child processes running as another user, and run at the same time.
  it.concurrent.for(testable ? cases : cases.filter((c) => c !== READ_ONLY))('%s: one clear line at start, the session goes on in memory, the debrief is shown, exit 74 for a failed write only', async ([, make], { expect }) => {
    const { env, other, why, code } = make();
    const r = await cli(['play', NEW_PHONE, '--plain'], '1\n1\n', env, other);
    const lines = r.err.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^casa-practice: Progress and records will not be kept this run: \/\S+ cannot be written \(.*\)\. To keep them, (.+, or )?start again with XDG_STATE_HOME set to a folder you can write\.$/);
    expect(lines[0]).toMatch(why);
    expect(r.err).not.toMatch(/ at |Error|EACCES|ENOTDIR|EEXIST|lstat/);
    expect(r.out).toContain('DEBRIEF');
    expect(r.out).toContain('Score: 100% (4 of 4 points)');
    // Only a record that reached the disk is said to be in the records (with only "saves" in the way).
    expect(r.out.includes('Added to your records')).toBe(code === 0);
    // And one that did not says so, and what would have it counted ("kept in memory only" did not).
    expect(r.out.replace(/\s+/g, ' ').includes(NOT_RECORDED_UNWRITABLE)).toBe(code !== 0);
    expect(r.code).toBe(code);
  });

  // Listed as skipped, with why, where the read-only case cannot run.
  if (!testable) it.skip(`${READ_ONLY[0]}${READ_ONLY_SKIP}`, () => undefined);

  it.skipIf(!testable)(`saving on quit says it could not save, and why, without a stack trace${testable ? '' : READ_ONLY_SKIP}`, { concurrent: true }, async ({ expect }) => {
    const { env, other } = READ_ONLY[1]();
    const r = await cli(['play', NEW_PHONE, '--plain'], '1\nq\n', env, other);
    // Wrapped at the width (the path kept whole): read as one line.
    expect(r.out.replace(/\s+/g, ' ')).toMatch(/Progress could not be saved: \/\S+ cannot be written \(permission denied\)/);
    expect(r.out).not.toContain('Progress saved to');
    expect(r.code).toBe(74);
  });

  // The tmux walkthrough (tmuxwalk-43): after `chmod -R a-w` on a state folder that had been used
  // (its saves folder there too), the notice said "make …/casa-practice/saves writable": done, the
  // check at start passed, and the finish still went unrecorded (records.json is in the folder above).
  it.skipIf(!testable)(`a used state folder made read-only with its saves folder: the fix named is the state folder and everything in it, not its saves folder alone${testable ? '' : READ_ONLY_SKIP}`, { concurrent: true }, async ({ expect }) => {
    const env = tempEnv();
    const dir = join(env.XDG_STATE_HOME as string, 'casa-practice');
    mkdirSync(join(dir, 'saves'), { recursive: true });
    chmodSync(env.XDG_STATE_HOME as string, 0o755);
    chmodSync(join(dir, 'saves'), 0o555);
    chmodSync(dir, 0o555);
    const r = await cli(['play', NEW_PHONE, '--plain'], '1\n1\n', env, true);
    expect(r.err).toContain(`${dir} cannot be written (permission denied). To keep them, make that folder and everything in it writable, or start again with XDG_STATE_HOME set to a folder you can write.`);
    expect(r.err).not.toContain('saves writable');
    expect(r.out.replace(/\s+/g, ' ')).toContain('To have a finish counted, make that folder and everything in it writable and play again.');
    expect(r.code).toBe(74);
  });

  it('a command that writes nothing exits 0; a quit whose save fails exits 74', async () => {
    const { env, other } = cases[0]![1]();
    const r = await cli(['validate', NEW_PHONE], '', env, other);
    expect(r.code).toBe(0);
    const q = await cli(['play', NEW_PHONE, '--plain', '--new'], 'q\n', env, other);
    expect(q.err).toMatch(/^casa-practice: Progress and records will not be kept this run/);
    expect(q.code).toBe(74);
  });

  // A newcomer's tmux walkthrough (term-42): the picker's notice said what failed ("Progress is not
  // being saved: … cannot be written (…); this session is kept in memory only.") and nothing of what
  // to do. Whole on the picker at the smallest window and a large one, the list still below it.
  it.for([[60, 24], [120, 40]] as const)('at %i×%i the picker says whole that progress and records are not kept this run, and what to do, above the list', async ([columns, height]) => {
    const file = join(mkdtempSync(join(tmpdir(), 'casa-file-')), 'state');
    writeFileSync(file, 'not a folder');
    const { element } = appElement({ env: { XDG_STATE_HOME: file, CASA_PRACTICE_SEED: '1' }, catalog: validatedCatalog(BUNDLED) });
    const r = await renderAt(element, columns, height);
    const frame = rows(r.lastFrame()).map((l) => l.trimEnd());
    expect(frame.length).toBeLessThan(height);
    expect(Math.max(...frame.map((l) => [...l].length))).toBeLessThanOrEqual(columns);
    expect(frame[0]).toBe('casa-practice: choose a scenario');
    expect(frame.join(' ').replace(/\s+/g, ' ')).toContain(`Progress and records will not be kept this run: ${file}/casa-practice cannot be written (part of the path is a file, not a folder). To keep them, move the file state (in that path) out of the way, or start again with XDG_STATE_HOME set to a folder you can write.`);
    expect(frame.join('\n')).not.toContain('n: read notices');
    expect(pickerTitles(r.lastFrame()).length).toBeGreaterThanOrEqual(columns === 60 ? 5 : 16);
    expect(frame.at(-1)).toMatch(/q: quit$/);
    r.unmount();
  });

  it('in the app: the picker says so, the debrief is shown (no ERROR box), and the first e exports to the folder the app was started in, saying why', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'casa-file-')), 'state');
    writeFileSync(file, 'not a folder');
    const elsewhere = mkdtempSync(join(tmpdir(), 'casa-here-'));
    const env = { XDG_STATE_HOME: file, CASA_PRACTICE_SEED: '1', PWD: elsewhere };
    const { element, exit } = appElement({ env });
    const r = await renderApp(element);
    expect((r.lastFrame() ?? '').replace(/\n/g, ' ')).toContain('Progress and records will not be kept this run:');
    await press(r, '1');
    // The content note does not promise saving it cannot do.
    expect(r.lastFrame()).toContain('Progress and records will not be kept this run:');
    expect(r.lastFrame()!.replace(/\s+/g, ' ')).not.toContain('q saves your progress');
    await press(r, KEY.enter);
    await playToDebrief(r);
    const frame = r.lastFrame() ?? '';
    expect(frame).not.toContain('ERROR');
    expect(frame).toContain('Debrief: Example: the new phone');
    expect(frame.replace(/\n/g, ' ')).toMatch(/Progress and records will not be kept this run: .* cannot be written \(part of the path is a file, not a folder\)/);
    expect(frame).not.toContain('Added to your records');
    // What would have it counted is the start notice's fix: the file in the way, by name ("make it
    // writable" could not help).
    expect(frame.replace(/\s+/g, ' ')).toContain(`${NOT_RECORDED_UNWRITABLE} To have a finish counted, move the file state (in that path) out of the way and play again.`);
    // What to do is said once, by the line under it (the two took the rows a long folder needs).
    expect(frame.replace(/\s+/g, ' ')).not.toContain('To keep them,');
    // Found by term2-61: the first e tried the exports folder in the state folder the notice says
    // cannot be written, and said "Press e again to write it to: <the folder started in>"; e was the
    // ask. It writes there at once now, as a trainer-led session's e writes beside its summary.
    await press(r, 'e');
    expect(r.lastFrame()).not.toContain('Could not export');
    expect(r.lastFrame()).not.toContain('Press e again');
    expect(r.lastFrame()!.replace(/\s+/g, ' ')).toContain(exportedInsteadWords(elsewhere, env));
    expect(exportedInsteadWords(elsewhere, env)).toBe('The state folder cannot be written, so the debrief was exported to the folder the app was started in:');
    expect(readdirSync(elsewhere).sort()).toEqual([expect.stringMatching(/\.json$/), expect.stringMatching(/\.md$/)]);
    // A second e says where it is, as anywhere.
    await press(r, 'e');
    expect(r.lastFrame()).toContain('Already exported to:');
    expect(readdirSync(elsewhere)).toHaveLength(2);
    // q on the debrief leaves the app: nothing more is drawn, so tap (not press, which waits 5 s for a frame).
    await tap(r, 'q');
    expect(exit.mock.calls[0]?.[1]).toBe(74);
    // The last words say where the debrief went and why the exit code says something failed (the screen is cleared).
    const said = exit.mock.calls[0]?.[0] ?? '';
    expect(said).toContain(`Debrief exported to:\n${elsewhere}`);
    // "in the state folder": the debrief just above was saved, elsewhere (session 33: a bare
    // "Nothing was saved" under "Debrief exported to:" read as if the export had failed).
    expect(said).toMatch(/\nNothing was saved in the state folder: .* cannot be written \(part of the path is a file, not a folder\)\. To save your progress next time, move the file state \(in that path\) out of the way \(or set XDG_STATE_HOME to a folder you can write\)\.$/);
    expect(existsSync(file)).toBe(true);
  });

  it('the places it could not export to, and the one it exported to instead, are named with escapes in their paths shown, never raw', async () => {
    // The state folder (XDG_STATE_HOME) and the folder the app was started in (PWD) come from the
    // environment: "Could not export to …", "Press e again to write it to: …" and "Debrief exported
    // to: …" printed them as they were, and ESC ] 0 ; … BEL retitled the terminal.
    // eslint-disable-next-line no-control-regex
    const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/;
    const file = join(mkdtempSync(join(tmpdir(), 'casa-file-')), 'state\u001b]0;x\u0007');
    writeFileSync(file, 'not a folder');
    const elsewhere = join(mkdtempSync(join(tmpdir(), 'casa-here-')), 'here\u001b]0;y\u0007\u202e');
    mkdirSync(elsewhere);
    const { element, exit } = appElement({ env: { XDG_STATE_HOME: file, CASA_PRACTICE_SEED: '1', PWD: elsewhere } });
    const r = await renderApp(element);
    await press(r, '1');
    await press(r, KEY.enter);
    await playToDebrief(r);
    await press(r, 'e');
    expect(r.lastFrame()!.replace(/\s+/g, ' ')).toContain('the debrief was exported to the folder the app was started in:');
    expect(r.lastFrame()).not.toMatch(RAW);
    expect(r.lastFrame()!.replace(/\n/g, '')).toContain('here\\u001b]0;y\\u0007\\u202e');
    expect(readdirSync(elsewhere)).toHaveLength(2);
    await tap(r, 'q');
    const said = exit.mock.calls[0]?.[0] ?? '';
    expect(said).toContain('Debrief exported to:');
    expect(said).not.toMatch(RAW);
  });

  /** A state folder that cannot be made (a file where it goes), and a run played there to its debrief. */
  const noStateFolder = () => {
    const file = join(mkdtempSync(join(tmpdir(), 'casa-file-')), 'state');
    writeFileSync(file, '');
    return file;
  };
  const debriefThatSavedNothing = async (file = noStateFolder()) => {
    const { element, exit } = appElement({ env: { XDG_STATE_HOME: file, CASA_PRACTICE_SEED: '1' } });
    const r = await renderApp(element);
    await press(r, '1', KEY.enter);
    await playToDebrief(r);
    return { r, exit };
  };

  // Its last words say what to do so that the next run saves (a newcomer's walkthrough, session 41:
  // they said what failed and nothing of what to do; only the debrief, gone from the screen by then,
  // said "make it writable"), and, where XDG_STATE_HOME names the folder, that another can be named.
  it('q on the debrief of a run that saved nothing says why as it exits 74, not nothing at all', async () => {
    const { r, exit } = await debriefThatSavedNothing();
    await tap(r, 'q');
    const [said, code] = exit.mock.calls[0] ?? [];
    expect(code).toBe(74);
    expect(said).toMatch(/^Nothing was saved in the state folder: .* cannot be written \(part of the path is a file, not a folder\)\. To save your progress next time, move the file state \(in that path\) out of the way \(or set XDG_STATE_HOME to a folder you can write\)\.$/);
  });

  // The tmux walkthrough (tmuxwalk-43): back on the picker, d opened the debrief as "Your last
  // debrief of this scenario, from …", as one kept on disk is; after a restart it was gone, unsaid.
  it('d on the picker after a run that saved nothing says the debrief is kept for this run only', async () => {
    const { r } = await debriefThatSavedNothing();
    await press(r, 'b');
    expect(r.lastFrame()).toContain('d: see your last debrief.');
    await press(r, 'd');
    const shown = (r.lastFrame() ?? '').replace(/\s+/g, ' ');
    expect(shown).toContain('Your last debrief of this scenario, from');
    expect(shown).toContain('Kept for this run only: the state folder cannot be written, so it is gone once you quit.');
  });

  // Back on the picker after such a debrief, q exited 0 and said nothing: the finished playthrough
  // was gone without a word, where q on its debrief said why and exited 74.
  it('q on the picker after a run that saved nothing says why and exits 74 too; before any playthrough it exits 0', async () => {
    const file = noStateFolder();
    const before = appElement({ env: { XDG_STATE_HOME: file, CASA_PRACTICE_SEED: '1' } });
    const first = await renderApp(before.element);
    await tap(first, 'q');
    expect(before.exit.mock.calls[0]).toEqual([undefined, 0]);
    first.unmount();
    const { r, exit } = await debriefThatSavedNothing(file);
    await press(r, 'b');
    expect(r.lastFrame()).toContain('choose a scenario');
    await tap(r, 'q');
    const [said, code] = exit.mock.calls[0] ?? [];
    expect(code).toBe(74);
    expect(said).toMatch(/^Nothing was saved in the state folder: .* cannot be written \(part of the path is a file, not a folder\)\. To save your progress next time, move the file state \(in that path\) out of the way \(or set XDG_STATE_HOME to a folder you can write\)\.$/);
  });

  // The same in the default folder (~/.local/state), with no XDG_STATE_HOME to name: "Progress
  // could not be saved: …, so this playthrough was not kept." said nothing of what to do either.
  it('q in the middle of a scenario whose progress could not be saved says what to do so that the next run saves', async () => {
    const home = mkdtempSync(join(tmpdir(), 'casa-home-'));
    writeFileSync(join(home, '.local'), '');
    const unnamed = appElement({ env: { HOME: home, CASA_PRACTICE_SEED: '1' } });
    const s = await renderApp(unnamed.element);
    await press(s, '1', KEY.enter, '1', 'q');
    await tap(s, 'y');
    const said = unnamed.exit.mock.calls[0]?.[0] ?? '';
    expect(said).toMatch(/^Progress could not be saved: .* cannot be written \([^)]+\), so this playthrough was not kept\. To save your progress next time, move the file \.local \(in that path\) out of the way\.$/);
    expect(said).not.toContain('XDG_STATE_HOME');
  });

  // Only the records file refused (the folder took the check at start): the last words read
  // "Nothing was saved: Your records were not updated: … will be missing from your records after
  // you quit..", a sentence inside a sentence, saying after the quit what would happen after it.
  it('q on the debrief when only the records file cannot be written says that the records were not updated, in one sentence', async () => {
    const env = tempEnv();
    // A folder (not empty) where the records file goes: it cannot be written there, even as root.
    mkdirSync(join(env.XDG_STATE_HOME as string, 'casa-practice', 'records.json', 'x'), { recursive: true });
    const { element, exit } = appElement({ env, start: { kind: 'play', playable: loadNewPhone(), showNote: true } });
    const r = await renderApp(element);
    await press(r, KEY.enter);
    await playToDebrief(r);
    expect(r.lastFrame()!.replace(/\s+/g, ' ')).toContain('Your records were not updated:');
    await tap(r, 'q');
    const [said, code] = exit.mock.calls[0] ?? [];
    expect(code).toBe(74);
    expect(said).toMatch(/^Your records were not updated: \S*records\.json cannot be written \([^)]+\)\.$/);
  });

  // play <scenario> read the records as the app started, for a picker it never showed: a damaged
  // records file was moved aside then, its notice was never drawn, and the debrief said only "Added
  // to your records", so the volunteer never learnt that their earlier practice had been set aside.
  it('play <scenario> with a damaged records file: the debrief says the records were damaged and where they went', async () => {
    const env = tempEnv();
    const dir = join(env.XDG_STATE_HOME as string, 'casa-practice');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'records.json'), '{"playthroughs": [');
    const { element } = appElement({ env, start: { kind: 'play', playable: loadNewPhone(), showNote: true } });
    const r = await renderApp(element);
    await press(r, KEY.enter);
    // Nothing is moved aside before the playthrough is finished.
    expect(readdirSync(dir).filter((f) => f.startsWith('records.json'))).toEqual(['records.json']);
    await playToDebrief(r);
    const aside = readdirSync(dir).filter((f) => f.startsWith('records.json.damaged-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dir, aside[0] as string), 'utf8')).toBe('{"playthroughs": [');
    expect(r.lastFrame()!.replace(/\s+/g, ' ')).toMatch(/Your completion records were damaged; they were moved to the file below \(nothing was deleted\) and new records were started\. \S*records\.json\.damaged-\S+ casa-practice cannot use that file, but you can keep it/);
  });

  // Only the records file refused: the next playthrough's content note said "(q quits)", its keys
  // "q: quit", and q asked "Quit without saving? This playthrough cannot be saved and will be
  // lost." — then saved it ("Progress saved to …").
  it('when only the records file cannot be written, the next playthrough still offers to save, and saves', async () => {
    const env = tempEnv();
    mkdirSync(join(env.XDG_STATE_HOME as string, 'casa-practice', 'records.json', 'x'), { recursive: true });
    const { element, exit } = appElement({ env });
    const r = await renderApp(element);
    await press(r, '1', KEY.enter);
    await playToDebrief(r);
    expect(r.lastFrame()!.replace(/\s+/g, ' ')).toContain('Your records were not updated:');
    await press(r, 'b', '1');
    expect(r.lastFrame()!.replace(/\s+/g, ' ')).toContain('Once you have started, q saves your progress and quits.');
    await press(r, KEY.enter, '1');
    expect(r.lastFrame()).toContain('q: save & quit');
    await press(r, 'q');
    expect(r.lastFrame()).toContain('Save your progress and quit?');
    expect(r.lastFrame()).not.toContain('cannot be saved');
    await tap(r, 'y');
    expect(exit.mock.calls[0]?.[0]).toMatch(/^Progress saved to /);
  });

  // The content note promised "kept as it goes", nothing said otherwise during the session, and
  // every vote was lost at the end with exit 74.
  // Walked in tmux (term3-44), the state folder read-only as uid 65534: leaving a trainer-led session
  // said "The session summary could not be written (permission denied)" and the room's votes were
  // lost, where the debrief's e: export writes elsewhere. The summary now goes where e: export
  // writes (the folder the app was started in, else the temp folder), said before and after.
  it('in a trainer-led session: the content note, the first screen and the quit question say the session is not kept and where its summary goes; leaving writes it there', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'casa-file-')), 'state');
    writeFileSync(file, 'not a folder');
    const elsewhere = mkdtempSync(join(tmpdir(), 'casa-here-'));
    const env = { XDG_STATE_HOME: file, CASA_PRACTICE_SEED: '1', PWD: elsewhere };
    const { element, exit } = appElement({ env, start: { kind: 'facilitate' } });
    const r = await renderApp(element);
    await press(r, '1');
    const note = (r.lastFrame() ?? '').replace(/[│╭╮╰╯─]/g, '').replace(/\s+/g, ' ');
    expect(note).toContain('Progress and records will not be kept this run:');
    expect(note).toContain(`This session cannot be kept, since the state folder cannot be written (see above): q ends it, and its summary is written to ${elsewhere} when it ends.`);
    expect(note).not.toContain('kept as it goes');
    // The folder's path is never followed by a full stop (copied, the path took the dot with it).
    expect(note).not.toContain(`${elsewhere}.`);
    await press(r, KEY.enter);
    expect((r.lastFrame() ?? '').replace(/\s+/g, ' ')).toContain(`The state folder cannot be written: this session is not kept, and its summary is written to ${elsewhere} when it ends.`);
    await press(r, '4', 'q');
    expect((r.lastFrame() ?? '').replace(/\s+/g, ' ')).toContain(`Stop now? The session is not kept: ${join(file, 'casa-practice')} cannot be written (part of the path is a file, not a folder); its summary is written to ${elsewhere} as it stops. (y / n)`);
    await tap(r, 'y');
    const said = exit.mock.calls[0]?.[0] ?? '';
    const written = readdirSync(elsewhere);
    expect(written).toEqual([expect.stringMatching(/^example-new-phone-session-.*\.md$/)]);
    expect(said.replace(/\s+/g, ' ')).toContain(`The state folder cannot be written, so the session summary was written to: ${join(elsewhere, written[0] as string)}`);
    expect(readFileSync(join(elsewhere, written[0] as string), 'utf8')).toContain('That\'s a nice one!');
    // A write failed (nothing is kept): exit 74 still.
    expect(exit.mock.calls[0]?.[1]).toBe(74);
  });

  // Walked in tmux at 60×24 (verfinalterm-44), the state folder "…/ro base/with spaces in it/state of
  // the app" read-only as uid 65534: the content note's first line broke the path at a space
  // ("…/vft/ro" on one row, "base/with spaces…" on the next), as Ink wraps any line, so that the first
  // row read as a path of its own and the rows copied lost the space.
  it('a state folder with spaces in its path is said whole on the content note at 60 columns, cut only at the row\'s width', async () => {
    const base = join(mkdtempSync(join(tmpdir(), 'casa-sp-')), 'ro base', 'with spaces in it');
    mkdirSync(base, { recursive: true });
    const file = join(base, 'state of the app');
    writeFileSync(file, 'not a folder');
    const dir = join(file, 'casa-practice');
    const env = { XDG_STATE_HOME: file, CASA_PRACTICE_SEED: '1', PWD: mkdtempSync(join(tmpdir(), 'casa-here-')) };
    const r = await renderAt(appElement({ env, start: { kind: 'facilitate' } }).element, 60, 24);
    await press(r, '1');
    const shown = (r.lastFrame() ?? '').split('\n');
    expect(shown[0]).toContain('Progress and records will not be kept this run:');
    // The path starts a row, and its rows joined as they are give it back whole.
    const first = shown.findIndex((row) => row.startsWith(dir.slice(0, 10)));
    expect(first).toBeGreaterThan(-1);
    expect(shown.slice(first, first + 3).map((row) => row.trimEnd()).join('')).toContain(dir);
    for (const row of shown) expect([...row].length).toBeLessThanOrEqual(60);
  });

  // Left from session 45 (walked in tmux at 60×24, the state folder read-only as uid 65534, the app
  // started in "…/my practice folder for the volunteers"): the quit question (q) broke that folder's
  // path at a space ("…/my" on one row, "practice folder for the volunteers as it stops." on the
  // next), as did the first screen's line and the content note: told from the sentence by its "/"
  // alone, a last name with spaces had no end. A path longer than the row is cut at the row's width.
  it.for([
    ['fits a row', 'my practice folder for the room'],
    ['is longer than a row', 'my practice folder for the volunteers of the county court'],
  ])('the folder the summary goes to, spaces and all, is never broken at a space where it %s: content note, first screen, quit question (60 columns)', async ([, name]) => {
    const file = join(mkdtempSync(join(tmpdir(), 'casa-file-')), 'state');
    writeFileSync(file, 'not a folder');
    const here = join(mkdtempSync(join(tmpdir(), 'sp-')), name as string);
    mkdirSync(here);
    const env = { XDG_STATE_HOME: file, CASA_PRACTICE_SEED: '1', PWD: here };
    const r = await renderAt(appElement({ env, start: { kind: 'facilitate' } }).element, 60, 24);
    /** The path read back from the rows it is drawn on: from the column it starts at on its first row, each row's rest (a box's border off) joined. */
    const pathRows = (stage: string) => {
      const rows = (r.lastFrame() ?? '').split('\n');
      for (const row of rows) expect([...row].length, stage).toBeLessThanOrEqual(60);
      const first = rows.findIndex((row) => row.includes(dirname(here)));
      expect(first, `${stage}: ${rows.join('\n')}`).toBeGreaterThan(-1);
      const column = rows[first]?.indexOf(dirname(here)) ?? 0;
      const drawn = rows.slice(first, first + 3).map((row) => row.slice(column).replace(/ *│? *$/, ''));
      // Whole on its row where it fits one (56 columns inside the note's box); else cut at the
      // row's width only (anywhere, a space included), its rows joined giving it back.
      if (here.length <= 56) expect(drawn[0], `${stage}: ${rows.join('\n')}`).toContain(here);
      else expect(drawn.join(''), `${stage}: ${rows.join('\n')}`).toContain(here);
    };
    await press(r, '1');
    expect((r.lastFrame() ?? '').replace(/[│╭╮╰╯─]/g, '').replace(/\s+/g, ' ')).toContain('its summary is written to');
    pathRows('content note');
    await press(r, KEY.enter);
    pathRows('first screen');
    await press(r, '4', 'q');
    expect((r.lastFrame() ?? '').replace(/\s+/g, ' ')).toContain(`Stop now? The session is not kept: ${join(file, 'casa-practice')} cannot be written (part of the path is a file, not a folder);`);
    pathRows('quit question');
  });

  it.skipIf(!testable)(`a read-only state folder, line by line as uid 65534: the summary is written where e: export writes, and said${testable ? '' : READ_ONLY_SKIP}`, { concurrent: true }, async ({ expect }) => {
    const { env, other } = READ_ONLY[1]();
    const here = mkdtempSync(join(tmpdir(), 'casa-here-'));
    chmodSync(here, 0o777);
    const r = await cli(['play', NEW_PHONE, '--facilitate', '--plain'], '4 0 0\nr\n1\nq\n', { ...env, PWD: here }, other);
    const said = r.out.replace(/\s+/g, ' ');
    expect(said).toContain(`This session is not kept as it goes, since the state folder cannot be written (see above): q ends it, and its summary is written to ${here} when it ends.`);
    const written = readdirSync(here);
    expect(written).toEqual([expect.stringMatching(/^example-new-phone-session-.*\.md$/)]);
    expect(said).toContain(`The state folder cannot be written, so the session summary was written to: ${join(here, written[0] as string)}`);
    expect(said).not.toContain('could not be written');
    expect(r.code).toBe(74);
  });
});
