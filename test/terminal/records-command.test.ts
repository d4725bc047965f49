import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseBest, startSession, writeSave, importBackup, xapiFile, xapiLearner, MAX_RECORD_MINUTES, memoryStore, NO_PRACTICE_YET, parseBackup, playthroughRecord, readRecords, recordPlaythrough, type Debrief } from '../../src/machines/index.js';
import { stateStore } from '../../src/terminal/node/state-store.js';
import { recordsCommand } from '../../src/terminal/records-command.js';
import { textWidth } from '../../src/terminal/invocation.js';
import { writeNewFile } from '../../src/terminal/state.js';
import { wrapWords } from '../../src/terminal/wrap.js';
import { example, play } from '../machines/core/fixtures.js';
import { BUNDLED_IDS, bundledScenario } from '../helpers/bundled.js';
import { playReplies } from '../helpers/play.js';
import { READ_ONLY_SKIP, readOnlyTestable, runChild, runInProcess } from './helpers/cli.js';
import { tempEnv } from './helpers/ink.js';
import { timeZoneForFile } from '../helpers/time-zone.js';

// The terminal recorded every finished scenario with its minutes, but nothing showed them, totalled
// them or took them anywhere: practice played in the terminal could not reach the in-service log.

// The files' names and the year's rows are on the local clock: 18:00 UTC is 10:00 the same day in
// Los Angeles, whatever zone the machine is in (in Pacific/Kiritimati it is the next day).
timeZoneForFile('America/Los_Angeles');
const now = new Date('2026-03-02T18:00:00Z');
const debrief = () => play(example, 'practice', ['phone-curious', 'after-supervisor']).getSnapshot().output as Debrief;

function envWithPractice() {
  const env = tempEnv();
  const store = stateStore(env);
  const at = (iso: string, minutes: number, title = example.title) =>
    recordPlaythrough(store, { ...playthroughRecord(example, debrief(), { activeMs: minutes * 60_000, randomBytes: (b) => crypto.getRandomValues(b) }, new Date(iso)), title }, (b) => crypto.getRandomValues(b), now);
  at('2025-11-20T18:00:00Z', 30);
  at('2026-02-10T18:00:00Z', 25);
  at('2026-03-01T18:00:00Z', 11, '=HYPERLINK("x")\u001b[2J evil');
  return env;
}

function run(argv: string[], env: NodeJS.ProcessEnv) {
  let out = '';
  let err = '';
  const code = recordsCommand(argv, { out: (t) => void (out += t), err: (t) => void (err += t) }, env, now);
  // Wrapped to the terminal's width: read as one line.
  return { code, out, err, flat: out.replace(/\s+/g, ' ') };
}

describe('casa-practice records', () => {
  it("shows the year's finished practice, its total, and that it is not in-service credit by itself", () => {
    const env = envWithPractice();
    const r = run([], env);
    expect(r.code).toBe(0);
    expect(r.flat).toContain('Total: 0.6 hours of finished practice in 2026 (36 minutes from 2 finished scenarios).');
    expect(r.flat).toContain(': 25 min, 100%, Strong, Practice');
    expect(r.out).not.toContain('30 min');
    // Untrusted text reaches the terminal without its escape sequence.
    expect(r.out).not.toContain('\u001b');
    expect(r.flat).toContain('Your own log, not in-service credit by itself: ask your Advocate Supervisor whether it counts toward your in-service training (about 12 hours a year).');
    // Which year the total is: neither the guide nor the app's sources say a program's in-service year is the calendar year.
    expect(r.flat).toContain('Totals are by calendar year on this device\'s clock; each scenario is dated.');
    expect(r.flat).toContain('Counted: the minutes in each scenario you finish (after 10 minutes with no key press, none until the next); not one left unfinished, nor a run with --from, --set or --preview; the total is rounded down to minutes, not each finish.');
    // Whose records these are: the terminal's own; the web app keeps its own, and the backup joins them.
    expect(r.flat).toContain("These are the terminal's records; the web app keeps its own. To keep all your practice in one place, load a backup in the web app's My records. Write one with: casa-practice records --backup");
    expect(run(['--year', '2025'], env).flat).toContain('Total: 0.5 hours of finished practice in 2025 (30 minutes from 1 finished scenario).');
    expect(() => run(['--year', 'last'], env)).toThrow(/--year needs a year/);
  });

  // Tried in tmux at 60×24: the total came first and the explanations after it, so the screen left
  // above the prompt began at "This total counts every scenario…" with the total scrolled out of
  // sight; then the total came last, after about 20 rows of explanation. The answer first now, and
  // the explanation after it short enough that a 60×24 terminal shows both.
  it('gives the answer first (the list, the total, the other years), then a short explanation; all of it in 60×24', () => {
    const columns = Object.getOwnPropertyDescriptor(process.stdout, 'columns');
    Object.defineProperty(process.stdout, 'columns', { value: 60, configurable: true });
    try {
      const r = run([], envWithPractice());
      const lines = r.out.trimEnd().split('\n');
      expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(60);
      // 24 rows: the prompt's line, and 23 of output above it.
      expect(lines.length, r.out).toBeLessThanOrEqual(23);
      const flat = r.flat;
      const total = flat.indexOf('Total: 0.6 hours of finished practice in 2026 (36 minutes from 2 finished scenarios).');
      expect(total).toBeGreaterThan(0);
      expect(flat.indexOf('Also finished in other years: 2025 (1 finished scenario).')).toBeGreaterThan(total);
      expect(flat.indexOf('Your own log')).toBeGreaterThan(flat.indexOf('records --year 2025'));
      expect(lines.at(-1)).toMatch(/records --backup$/);
    } finally {
      if (columns) Object.defineProperty(process.stdout, 'columns', columns);
      else delete (process.stdout as { columns?: number }).columns;
    }
  });

  // A volunteer whose practice was all last year was told "Total: 0 hours of finished practice in
  // 2026 (0 minutes from 0 finished scenarios)" and nothing else about it, as if it were lost; one
  // with none at all was told the same, where My records says how to start.
  // Session 33, a newcomer after npm ci: records said "run casa-practice records --backup" (and
  // "--year"), a command that is not on the PATH there; every other hint names the way it was started.
  it('names its commands the way the app was started (npm run cli --), as every other hint does', () => {
    const env = { ...envWithPractice(), npm_lifecycle_event: 'cli' };
    const r = run([], env);
    expect(r.flat).toContain("To keep all your practice in one place, load a backup in the web app's My records. Write one with: npm run cli -- records --backup");
    expect(r.flat).toContain('To list one, run: npm run cli -- records --year 2025');
    expect(r.flat).not.toMatch(/run casa-practice/);
  });

  // The terminal listed the year oldest first and My records newest first: the row a volunteer
  // looked for (the practice just finished) was first in one and last in the other.
  it('lists the year newest first, as My records does', () => {
    const r = run([], envWithPractice());
    const newer = r.out.indexOf('2026-03-01');
    const older = r.out.indexOf('2026-02-10');
    expect(newer).toBeGreaterThanOrEqual(0);
    expect(older, r.out).toBeGreaterThan(newer);
    // The total still comes after the list.
    expect(r.out.indexOf('Total:')).toBeGreaterThan(older);
  });

  it('says when nothing was finished yet, and names the other years with practice and how to see them', () => {
    // Once, first, and no "Total: 0 hours … from 0 finished scenarios" saying the same before it.
    const none = run([], tempEnv());
    expect(none.out.startsWith(`${NO_PRACTICE_YET}\n`), none.out).toBe(true);
    expect(none.flat.split(NO_PRACTICE_YET)).toHaveLength(2);
    expect(none.flat).not.toContain('Total:');
    const env = envWithPractice();
    const thisYear = run([], env);
    expect(thisYear.flat).not.toContain(NO_PRACTICE_YET);
    // A year with practice and rows that add up to the total (no rounding note) said, after its
    // total, "No practice was completed in 2026." too (found in tmux by a newcomer, session 48).
    expect(thisYear.flat).toContain('Total: 0.6 hours');
    expect(thisYear.flat).not.toContain('No practice was completed');
    expect(thisYear.flat).toContain('Also finished in other years: 2025 (1 finished scenario). To list one, run: casa-practice records --year 2025');
    const empty = run(['--year', '2024'], env);
    expect(empty.flat).toMatch(/^No practice was completed in 2024\. Finished/);
    expect(empty.flat).toContain('No practice was completed in 2024. Finished in other years: 2026 (2 finished scenarios), 2025 (1 finished scenario). To list one, run: casa-practice records --year 2026');
    expect(empty.flat).not.toContain(NO_PRACTICE_YET);
  });

  // Found by the code review (session 47): the certificate says why its rows' minutes do not add up
  // to its total (certificateData's rounding), but the terminal's list, the same rows and total, did not.
  it("says why the rows' minutes do not add up to the total, as the certificate does, and only then", () => {
    const env = tempEnv();
    const store = stateStore(env);
    // Three runs of 10 minutes 40 seconds: each row shows 11 min, the total is 32 minutes.
    for (const day of ['2026-02-10', '2026-02-11', '2026-02-12']) {
      recordPlaythrough(store, playthroughRecord(example, debrief(), { activeMs: 640_000, randomBytes: (b) => crypto.getRandomValues(b) }, new Date(`${day}T18:00:00Z`)), (b) => crypto.getRandomValues(b), now);
    }
    const r = run([], env);
    expect(r.flat.match(/: 11 min,/g)).toHaveLength(3);
    expect(r.flat).toContain('(32 minutes from 3 finished scenarios).');
    expect(r.flat).toContain('The minutes in the rows add up to 33, not 32: each row is its own time rounded to the nearest minute, and the total adds the seconds casa-practice measured and is rounded down once.');
    // Rows that add up to the total (25 and 11 minutes, whole) need no word.
    expect(run([], envWithPractice()).flat).not.toContain('add up to');
  });

  // Found by records3-48: where the rows added up to the total (no word on rounding), the total was
  // followed by "No practice was completed in 2026." (an "else" of the rounding's "if").
  it('a total is never followed by "No practice was completed" in its own year', () => {
    const whole = run([], envWithPractice());
    expect(whole.flat).toContain('Total: 0.6 hours of finished practice in 2026 (36 minutes from 2 finished scenarios). Also finished in other years: 2025');
    expect(whole.flat).not.toContain('No practice was completed');
    // One run of a few seconds (0 min), as a first practice often is.
    const env = tempEnv();
    recordPlaythrough(stateStore(env), playthroughRecord(example, debrief(), { activeMs: 5_000, randomBytes: (b) => crypto.getRandomValues(b) }, new Date('2026-03-01T18:00:00Z')), (b) => crypto.getRandomValues(b), now);
    const first = run([], env);
    expect(first.flat).toContain('Total: 0 hours of finished practice in 2026 (0 minutes from 1 finished scenario).');
    expect(first.flat).not.toContain('No practice was completed');
  });

  it('a finished scenario without a recorded time says so in words, not with a dash', () => {
    const env = tempEnv();
    const store = stateStore(env);
    recordPlaythrough(store, playthroughRecord(example, debrief(), { randomBytes: (b) => crypto.getRandomValues(b) }, new Date('2026-02-10T18:00:00Z')), (b) => crypto.getRandomValues(b), now);
    const r = run([], env);
    expect(r.flat).toContain(': no time recorded, 100%, Strong, Practice');
    expect(r.flat).toContain('; 1 without a recorded time, not counted');
    expect(r.out).not.toContain('–');
  });

  it('sets aside, in plain words, a finished scenario dated later than today or claiming more minutes than casa-practice records', () => {
    // Counted before: the one dated next year toward next year, the forged one's minutes toward this year.
    const env = envWithPractice();
    const dir = join(env.XDG_STATE_HOME as string, 'casa-practice');
    const file = JSON.parse(readFileSync(join(dir, 'records.json'), 'utf8')) as { playthroughs: Record<string, unknown>[] };
    const [, feb] = file.playthroughs;
    const copy = (n: number, fields: Record<string, unknown>) => ({ ...feb, id: `00000000-0000-4000-8000-00000000000${n}`, ...fields });
    file.playthroughs.push(copy(1, { completedAt: '2027-03-01T18:00:00.000Z' }), copy(2, { minutes: MAX_RECORD_MINUTES * 10 }));
    writeFileSync(join(dir, 'records.json'), JSON.stringify(file));
    const r = run([], env);
    expect(r.code).toBe(0);
    expect(r.flat).toMatch(/^Part of your completion records was damaged: 2 finished scenarios could not be read \(the practice of "Example: the new phone" finished on 2027-03-01 at 10:00 a\.m\.: its completion date, 2027-03-01, is later than today\) and are left out of your records; they were moved to the file below \(nothing was deleted\), and the other 3 finished scenarios were kept\. /);
    // Where the copy is, whole on a line of its own (to copy), then what to do, as the web app's notices end.
    const lines = r.out.split('\n');
    const at = lines.indexOf(join(dir, 'records.json.damaged-2026-03-02T18-00-00'));
    expect(at).toBeGreaterThan(0);
    expect(lines.slice(at + 1).join(' ')).toMatch(/^casa-practice cannot use that file, but you can keep it, or send it to whoever helps you with the app; delete it once you no longer need it\. /);
    expect(r.flat).toContain('Total: 0.6 hours of finished practice in 2026 (36 minutes from 2 finished scenarios).');
    expect(run(['--year', '2027'], env).flat).toMatch(/^No practice was completed in 2027\. /);
    expect(readFileSync(join(dir, 'records.json.damaged-2026-03-02T18-00-00'), 'utf8')).toBe(JSON.stringify(file));
  });

  // Found by the records2-47 review: records.json written by a newer casa-practice (the terminal not
  // yet updated) was called damaged, moved aside as records.json.damaged-…, and new records started.
  it('records written by a newer version are said to be so, left as they are, and no CSV or backup is written of them', () => {
    const env = tempEnv();
    const dir = join(env.XDG_STATE_HOME as string, 'casa-practice');
    mkdirSync(dir, { recursive: true });
    const newer = JSON.stringify({ format: 'casa-practice-records', formatVersion: 3, practice: [{ minutes: 30 }] });
    writeFileSync(join(dir, 'records.json'), newer);
    const r = run([], env);
    expect(r.code).toBe(0);
    expect(r.flat).toMatch(/^Your completion records were written by a newer version of casa-practice \(records format 3\), which this version cannot read\. Nothing is wrong with them: they were left as they are, and nothing is written over them\. Update casa-practice to see them; until then, what you finish with this version cannot be added to them\. /);
    expect(r.out).not.toMatch(/damaged|moved/);
    // Not "No completed practice yet": they may hold practice this version cannot show.
    expect(r.flat).toContain(' Your completed practice cannot be shown by this version of casa-practice: your records were written by a newer one. ');
    expect(r.flat).not.toContain(NO_PRACTICE_YET);
    // A finish meanwhile is not written over them, nor into new records beside them.
    const store = stateStore(env);
    const finished = recordPlaythrough(store, playthroughRecord(example, debrief(), { activeMs: 60_000 }, now), (b) => crypto.getRandomValues(b), now);
    expect(finished).toMatchObject({ newer: 3, unsaved: true });
    const backup = run(['--backup', '--csv'], env);
    expect(backup.code).toBe(1);
    expect(backup.err.replace(/\s+/g, ' ')).toBe('casa-practice: no CSV or backup file was written: your records were written by a newer version of casa-practice, which this version cannot read. Update casa-practice and run the command again. ');
    expect(readdirSync(dir)).toEqual(['records.json']);
    expect(readFileSync(join(dir, 'records.json'), 'utf8')).toBe(newer);
  });

  // Session 30: a best result claiming 1e300 completions (or 250%, or "NaN") was read as it stood,
  // or left out without a word and written over at the next finish, with no copy kept.
  it('sets aside records whose best result is out of range (1e300 completions), says so, and keeps every finished scenario', () => {
    const env = envWithPractice();
    const dir = join(env.XDG_STATE_HOME as string, 'casa-practice');
    const file = JSON.parse(readFileSync(join(dir, 'records.json'), 'utf8')) as { best: Record<string, unknown> };
    const valid = { ...file.best };
    file.best['youth-discloses'] = { bestPercent: 70, completions: 1e300, lastCompleted: '' };
    file.best['couch-rent'] = { bestPercent: 250, completions: 2, lastCompleted: '' };
    const text = JSON.stringify(file);
    writeFileSync(join(dir, 'records.json'), text);
    const r = run([], env);
    expect(r.code).toBe(0);
    expect(r.flat).toMatch(/^Part of your completion records was damaged: 2 best results could not be read \(the best result for "youth-discloses": it claims 1e\+300 completions, more than casa-practice records \(100000\)\) and are left out of your records; they were moved to the file below \(nothing was deleted\), and the rest was kept\. \S*records\.json\.damaged-2026-03-02T18-00-00 casa-practice cannot use that file/);
    expect(r.flat).toContain('Total: 0.6 hours of finished practice in 2026 (36 minutes from 2 finished scenarios).');
    expect(readFileSync(join(dir, 'records.json.damaged-2026-03-02T18-00-00'), 'utf8')).toBe(text);
    // The readable part is written back: the other best results and every playthrough, and run again it says nothing.
    const back = JSON.parse(readFileSync(join(dir, 'records.json'), 'utf8')) as { best: Record<string, unknown>; playthroughs: unknown[] };
    expect(back.best).toEqual(valid);
    expect(back.playthroughs).toHaveLength(3);
    const again = run([], env).flat;
    expect(again).not.toMatch(/damaged/);
    expect(again).toContain('Total: 0.6 hours');
  });

  // The notice was word-wrapped with wrapText, which cuts a word longer than the line: a state
  // folder under a longer home put a line break inside the path ("…T18-0" / "0-00"), and the path
  // copied from the terminal named no file.
  it('a damaged records file is named by its whole path, never cut across lines, however long', () => {
    const env = tempEnv();
    const deep = join(env.XDG_STATE_HOME as string, 'a-rather-long-folder-name-for-this-volunteer', 'and-another-one');
    const dir = join(deep, 'casa-practice');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'records.json'), '[1, 2');
    const r = run([], { ...env, XDG_STATE_HOME: deep });
    const aside = join(dir, 'records.json.damaged-2026-03-02T18-00-00');
    expect(aside.length).toBeGreaterThan(80);
    expect(r.out).toContain(aside);
    expect(readFileSync(aside, 'utf8')).toBe('[1, 2');
    expect(r.flat).toMatch(/^Your completion records were damaged/);
  });

  it('writes a CSV and a backup that the web app loads, into the exports folder', () => {
    const env = envWithPractice();
    const r = run(['--csv', '--backup'], env);
    expect(r.code, r.err).toBe(0);
    const dir = join(env.XDG_STATE_HOME as string, 'casa-practice', 'exports');
    expect(r.out).toContain('CSV: exports/casa-practice-records-2026-03-02.csv');
    expect(r.out).toContain('Backup: exports/casa-practice-backup-2026-03-02.json');
    // The tmux walkthrough (tmuxwalk-43): the backup just asked for came under "Write one with:
    // casa-practice records --backup", the command that had written it.
    expect(r.flat).toContain("To keep all your practice in one place, load a backup in the web app's My records. CSV: exports/");
    expect(r.out).not.toContain('Write one with');
    // exports/ is not in the folder the command was typed in: the line after says where it is.
    expect(r.out).toContain(`json\n(in the state folder ${join(env.XDG_STATE_HOME as string, 'casa-practice')})\n`);
    const csv = readFileSync(join(dir, 'casa-practice-records-2026-03-02.csv'), 'utf8');
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(4);
    const parsed = parseBackup(readFileSync(join(dir, readdirSync(dir).find((f) => f.endsWith('.json'))!), 'utf8'));
    if (!parsed.ok) throw new Error(parsed.error);
    const browser = memoryStore();
    expect(importBackup(browser, parsed.backup, now).added).toBe(3);
    expect(readRecords(browser).playthroughs.map((p) => p.minutes)).toEqual([30, 25, 11]);
  });

  // An author's test run in progress (--preview, --from, --set) is left out of a backup (not practice; only the
  // terminal plays it): said, as the own-file saves are, so that the volunteer does not look for it in the browser.
  it("a backup leaves out an author's test runs in progress, and says so", () => {
    const env = envWithPractice();
    const store = stateStore(env);
    const snapshot = () => startSession(example, 'practice').getPersistedSnapshot();
    writeSave(store, { scenario: example, file: 'example.json', bundled: true, preview: true }, snapshot(), undefined, now);
    writeSave(store, { scenario: example, file: 'example.json', bundled: true, set: { trust: '60' } }, snapshot(), undefined, now);
    const r = run(['--backup'], env);
    expect(r.code, r.err).toBe(0);
    expect(r.flat).toContain("(2 author's test runs in progress (--preview, --from or --set) are not in it: they are not practice, and only the terminal plays them. They stay here.)");
  });

  // A scenario in progress from a volunteer's own file is saved by the file's path (a home folder
  // often names the volunteer), and the backup carried it to wherever it was sent; the web app it is
  // made for cannot open that file anyway. It is left out, and said so; a bundled one goes in.
  it('a backup leaves out the scenarios in progress from your own files (their saves name where the file is), and says so', () => {
    const env = envWithPractice();
    const store = stateStore(env);
    const snapshot = () => startSession(example, 'practice').getPersistedSnapshot();
    const ownPath = join(env.XDG_STATE_HOME as string, 'home', 'maria-lopez', 'casa', 'example.json');
    writeSave(store, { scenario: example, file: ownPath }, snapshot(), undefined, now);
    const bundledKey = writeSave(store, { scenario: example, file: 'example.json', bundled: true }, snapshot(), undefined, now);
    const r = run(['--backup'], env);
    expect(r.code, r.err).toBe(0);
    expect(r.flat).toContain('(1 scenario in progress from your own scenario files is not in it: its save names where the file is on this computer, which a backup should not carry, and the web app could not open it. It stays here, to finish in the terminal; its finished practice goes in the backup.)');
    const dir = join(env.XDG_STATE_HOME as string, 'casa-practice', 'exports');
    const text = readFileSync(join(dir, readdirSync(dir).find((f) => f.endsWith('.json'))!), 'utf8');
    expect(text).not.toContain('maria-lopez');
    const parsed = parseBackup(text);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(Object.keys(parsed.backup.saves)).toEqual([bundledKey]);
    expect(parsed.backup.records.playthroughs).toHaveLength(3);
    // Still here, to go on with.
    expect(store.list('saves/').length).toBe(2);
  });

  // A second --csv or --backup the same day wrote over the first without a word: an export made
  // that morning and not yet sent was lost. The earlier file is kept and the new one named "-2".
  it('a second export the same day keeps the first and says the new name', () => {
    const env = envWithPractice();
    const dir = join(env.XDG_STATE_HOME as string, 'casa-practice', 'exports');
    expect(run(['--csv', '--backup'], env).code).toBe(0);
    // Marked, as a volunteer's export waiting to be sent would be: the second run must not touch it.
    const first = { csv: join(dir, 'casa-practice-records-2026-03-02.csv'), backup: join(dir, 'casa-practice-backup-2026-03-02.json') };
    writeFileSync(first.csv, 'the one made this morning\n');
    writeFileSync(first.backup, 'the backup made this morning\n');
    const r = run(['--csv', '--backup'], env);
    expect(r.code, r.err).toBe(0);
    expect(readFileSync(first.csv, 'utf8')).toBe('the one made this morning\n');
    expect(readFileSync(first.backup, 'utf8')).toBe('the backup made this morning\n');
    expect(r.out).toContain('CSV: exports/casa-practice-records-2026-03-02-2.csv\n');
    expect(r.out).toContain('Backup: exports/casa-practice-backup-2026-03-02-2.json\n');
    expect(r.flat).toContain('(a new name: casa-practice-records-2026-03-02.csv, written earlier, is kept as it was)');
    expect(readFileSync(join(dir, 'casa-practice-records-2026-03-02-2.csv'), 'utf8').split('\r\n').filter(Boolean)).toHaveLength(4);
    const parsed = parseBackup(readFileSync(join(dir, 'casa-practice-backup-2026-03-02-2.json'), 'utf8'));
    expect(parsed.ok).toBe(true);
    // The first export of a day says nothing of a new name.
    expect(run(['--csv'], envWithPractice()).out).not.toContain('a new name');
  });

  // It said "the Backup file could not be written to exports/… (EEXIST: file already exists, mkdir
  // '/…/exports')": Node's message, and a path without the folder it is in.
  it('a file it cannot write is named with the state folder, and why in plain words', () => {
    const env = envWithPractice();
    // A file where the exports folder goes: it cannot be written there, even as root.
    writeFileSync(join(env.XDG_STATE_HOME as string, 'casa-practice', 'exports'), '');
    const r = run(['--backup'], env);
    expect(r.code).toBe(74);
    expect(r.err.replace(/\s+/g, ' ')).toBe(`casa-practice: the backup file could not be written to exports/casa-practice-backup-2026-03-02.json in the state folder ${join(env.XDG_STATE_HOME as string, 'casa-practice')} (a file is in the way of a folder). Your records are unchanged: move what is in the way, then run the command again. `);
  });

  // Found in tmux at 60×24 with the state folder read-only (session 54): the message came out as one
  // line the terminal broke wherever the 60th column fell ("expor" over "ts/casa-practice-backup…",
  // "reco" over "rds are unchanged"), where every other message of the command is wrapped between
  // words to the window, each path whole on a row.
  it('says a file it cannot write in rows of the terminal\'s width, between words, each path whole on a row', () => {
    const columns = Object.getOwnPropertyDescriptor(process.stdout, 'columns');
    Object.defineProperty(process.stdout, 'columns', { value: 60, configurable: true });
    try {
      for (const flag of ['--backup', '--csv']) {
        const env = envWithPractice();
        writeFileSync(join(env.XDG_STATE_HOME as string, 'casa-practice', 'exports'), '');
        const r = run([flag], env);
        expect(r.code).toBe(74);
        const lines = r.err.trimEnd().split('\n');
        expect(lines.length).toBeGreaterThan(1);
        for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(60);
        const file = flag === '--csv' ? 'exports/casa-practice-records-2026-03-02.csv' : 'exports/casa-practice-backup-2026-03-02.json';
        expect(lines.some((line) => line.split(' ').includes(file)), r.err).toBe(true);
        expect(r.err.replace(/\s+/g, ' ')).toContain(`could not be written to ${file} in the state folder`);
        expect(r.err.replace(/\s+/g, ' ')).toContain('Your records are unchanged: move what is in the way, then run the command again.');
      }
    } finally {
      if (columns) Object.defineProperty(process.stdout, 'columns', columns);
      else delete (process.stdout as { columns?: number }).columns;
    }
  });

  it('is a command of the CLI, listed in its help', async () => {
    expect((await runInProcess('--help')).out).toMatch(/records .*\(--csv, --backup, --xapi <file>\)/);
    const help = await runInProcess('records', '--help');
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^Usage: .*records/);
    expect((await runInProcess('records', '--bogus')).code).toBe(2);
    expect(help.out).toMatch(/--xapi <file>\n +also write every finished scenario, all years, as xAPI/);
  });
});

// The terminal had no xAPI export: only a backup to load in the web app, whose My records offers the
// download. A volunteer whose LMS takes xAPI and who practised in the terminal had no way there.
describe('casa-practice records --xapi <file>', () => {
  // Validated once per test worker (test/helpers/bundled.ts), not again in each file that reads them.
  const bundledById = () => new Map(BUNDLED_IDS.map((f) => {
    const s = bundledScenario(f);
    return [s.id, s] as const;
  }));
  const outDir = () => {
    const dir = join(tempEnv().XDG_STATE_HOME as string, 'out');
    mkdirSync(dir);
    return dir;
  };

  it('writes the statements the web app downloads, from the same records, to a new file', () => {
    const env = envWithPractice();
    // One of a bundled scenario, whose decisions the file describes in its words.
    const scenarios = bundledById();
    const bundled = scenarios.get('youth-discloses')!;
    const played = playReplies(bundled, analyseBest(bundled).path.map((p) => p.replyId))!;
    recordPlaythrough(stateStore(env), playthroughRecord(bundled, played, { activeMs: 9 * 60_000, randomBytes: (b) => crypto.getRandomValues(b) }, new Date('2026-03-01T19:00:00Z')), (b) => crypto.getRandomValues(b), now);
    const path = join(outDir(), 'my-practice.json');
    const r = run(['--xapi', path], env);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toContain(`\nxAPI: ${path} (4 finished scenarios, all years)\n`);
    const read = readRecords(stateStore(env), now);
    // The core's function, as My records calls it: the same learner id and the scenarios' words.
    expect(readFileSync(path, 'utf8')).toBe(xapiFile(read.playthroughs, { learner: xapiLearner(read.learner, read.playthroughs), scenarioOf: (id) => scenarios.get(id) }));
    const statements = JSON.parse(readFileSync(path, 'utf8')) as { object: { definition?: { choices?: unknown[] } } }[];
    expect(statements.filter((st) => st.object.definition?.choices).length).toBeGreaterThan(0);
    // Nothing left beside it (the temp file it was written through).
    expect(readdirSync(join(path, '..'))).toEqual(['my-practice.json']);
  });

  // Practice from a volunteer's own scenario file (not bundled) got no decision definitions: the
  // records keep no path to the file (it would travel in backups), so the export could not find it.
  // It is found by id, version and content fingerprint among the files named with --scenarios.
  it('--scenarios: the decisions of practice from your own scenario files are described from them; without it, the records left undescribed are said', () => {
    const env = envWithPractice();
    const mine = join(tempEnv().XDG_STATE_HOME as string, 'my scenarios');
    mkdirSync(mine);
    writeFileSync(join(mine, 'example.json'), `${JSON.stringify(example, null, 2)}\n`);
    const described = (path: string) => (JSON.parse(readFileSync(path, 'utf8')) as { verb: { id: string }; object: { id: string; definition?: { choices?: { id: string }[] } } }[])
      .filter((st) => st.verb.id.endsWith('/answered') && st.object.id.includes(`/scenarios/${example.id}/`));
    const dir = outDir();
    const withIt = run(['--xapi', join(dir, 'with.json'), '--scenarios', mine], env);
    expect(withIt.code, withIt.err).toBe(0);
    expect(described(join(dir, 'with.json')).length).toBeGreaterThan(0);
    expect(described(join(dir, 'with.json')).every((st) => (st.object.definition?.choices?.length ?? 0) > 0)).toBe(true);
    expect(withIt.flat).not.toContain('no description of');

    const without = run(['--xapi', join(dir, 'without.json')], env);
    expect(without.code, without.err).toBe(0);
    expect(described(join(dir, 'without.json')).every((st) => st.object.definition === undefined)).toBe(true);
    expect(without.flat).toContain('3 finished scenarios in this xAPI file have no description of their decisions');
    expect(without.flat).toContain(`version ${example.version} (3 finished): its scenario file was not at hand`);
    expect(without.flat).toContain('make a new xAPI file with --scenarios naming the folder of the scenario files they were played from');
    expect(without.out).toMatch(/\n {2}casa-practice records --xapi casa-practice-xapi-2026-03-02\.json --scenarios <folder>\n$/);
    expect(without.out).not.toContain('\u001b');

    // A file changed since it was played (without a new version) is not taken for it.
    writeFileSync(join(mine, 'example.json'), `${JSON.stringify({ ...example, title: `${example.title} (reworded)` }, null, 2)}\n`);
    expect(run(['--xapi', join(dir, 'changed.json'), '--scenarios', mine], env).flat).toContain('was changed after it was played, without a new version number');
    expect(described(join(dir, 'changed.json')).every((st) => st.object.definition === undefined)).toBe(true);

    // Given alone, or naming nothing there: said, and nothing is written.
    expect(() => run(['--scenarios', mine], env)).toThrow(/--scenarios names your own scenario files for the xAPI file; give it with --xapi/);
    const missing = run(['--xapi', join(dir, 'missing.json'), '--scenarios', join(mine, 'nowhere')], env);
    expect(missing.code).toBe(66);
    expect(missing.err).toMatch(/no xAPI file was written to[\s\S]*--scenarios: cannot read/);
    expect(existsSync(join(dir, 'missing.json'))).toBe(false);
  });

  it('a file named relative to where the command runs: the folder it went into is said', () => {
    const env = { ...envWithPractice(), HOME: '/nonexistent-home' };
    const dir = outDir();
    const typed = relative(process.cwd(), join(dir, 'rel.json'));
    const r = run(['--xapi', typed], env);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(`xAPI: ${typed} (3 finished scenarios, all years)\n(in the folder ${dir})\n`);
    expect(existsSync(join(dir, 'rel.json'))).toBe(true);
    // Under the home folder: said with ~.
    expect(run(['--xapi', relative(process.cwd(), join(dir, 'home.json'))], { ...env, HOME: join(dir, '..') }).out).toContain('(in the folder ~/out)\n');
  });

  it('never writes over a file (or a link) already there, and says so', () => {
    const env = envWithPractice();
    const dir = outDir();
    const path = join(dir, 'kept.json');
    writeFileSync(path, 'an export kept from before');
    const r = run(['--xapi', path], env);
    expect(r.code).toBe(73);
    expect(r.err).toBe(`casa-practice: no xAPI file was written to\n  ${path}\n${wrapWords('It already exists, and it is not written over: name a new file, or move that one away first.', textWidth())}\n`);
    expect(readFileSync(path, 'utf8')).toBe('an export kept from before');
    // The write itself never replaces a file, also one put there after the check (another terminal's).
    expect(() => writeNewFile(path, '[]')).toThrow(expect.objectContaining({ code: 'EEXIST' }) as Error);
    expect(readFileSync(path, 'utf8')).toBe('an export kept from before');
    const link = join(dir, 'link.json');
    symlinkSync(join(dir, 'nowhere.json'), link);
    expect(run(['--xapi', link], env).code).toBe(73);
    expect(existsSync(join(dir, 'nowhere.json'))).toBe(false);
    expect(readdirSync(dir).sort()).toEqual(['kept.json', 'link.json']);
  });

  // Found by the newcomer walkthrough: XDG_STATE_HOME=/etc/hostname/x printed "No completed practice
  // yet" with exit code 0, as if the records were empty, and nothing about the folder.
  it('a state folder that cannot exist is said, its path on a line of its own, with exit code 74; one not made yet is no practice', () => {
    const base = tempEnv().XDG_STATE_HOME as string;
    writeFileSync(join(base, 'a-file'), '');
    const env = { XDG_STATE_HOME: join(base, 'a-file', 'x\u001b[2Jy') };
    const r = run([], env);
    expect(r.code).toBe(74);
    expect(r.out).toBe('');
    const lines = r.err.split('\n');
    expect(r.err.replace(/\s+/g, ' ')).toMatch(/^casa-practice: your records could not be read: the state folder below cannot be opened \(part of the path is a file, not a folder\)\. /);
    // Whole on its own line, its escape sequence shown (in quotes, as every such path), never sent to the terminal.
    expect(lines).toContain(`"${join(base, 'a-file', 'x\\u001b[2Jy', 'casa-practice')}"`);
    expect(r.err).not.toContain('\u001b');
    expect(r.err.replace(/\s+/g, ' ')).toContain('It is named by XDG_STATE_HOME: set that to a folder you can read and write, or unset it. Nothing was changed.');
    expect(r.err).not.toContain(NO_PRACTICE_YET);
    // A folder not made yet (nothing finished so far) is no practice yet, as before.
    const fresh = run([], { XDG_STATE_HOME: join(base, 'not-yet') });
    expect(fresh).toMatchObject({ code: 0, err: '' });
    expect(fresh.flat).toContain(NO_PRACTICE_YET);
  });

  // Found by the newcomer walkthrough: records.json left by one \`sudo npx casa-practice\` (root's, mode
  // 600, in a folder of root's) printed "No completed practice yet" under the notice that it could
  // not be read, with exit code 0, and --csv wrote a CSV of none of the practice it holds.
  it.skipIf(!readOnlyTestable())(`a records file that cannot be read nor set aside is said with what to do, exit code 74, never as "No completed practice yet", and --csv writes nothing${readOnlyTestable() ? '' : READ_ONLY_SKIP}`, async () => {
    const env = envWithPractice();
    const base = env.XDG_STATE_HOME as string;
    const dir = join(base, 'casa-practice');
    chmodSync(base, 0o755);
    chmodSync(join(dir, 'records.json'), 0o000);
    chmodSync(dir, 0o555);
    const other = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const r = await runChild(['records', '--csv'], '', { ...env, HOME: base }, { cwd: base, ...other });
    chmodSync(dir, 0o755);
    expect(r.code).toBe(74);
    expect(r.out).toBe('');
    const flat = r.err.replace(/\s+/g, ' ');
    expect(flat).toMatch(/^casa-practice: Your completion records could not be read \(permission denied\); /);
    expect(flat).toContain('Your finished practice cannot be shown, and no file was written: make the records file readable by you (it may belong to another user), then run the command again.');
    expect(r.err).not.toContain(NO_PRACTICE_YET);
    expect(readdirSync(dir).sort()).toEqual(['records.json']);
  });

  it('a folder whose name is not UTF-8 is said to be one, not a folder that does not exist', () => {
    // Node gives the path with U+FFFD for the bytes that are not UTF-8: a path no folder has, so
    // writing into it failed with ENOENT and the folder, which is there, was said not to exist.
    const env = envWithPractice();
    const dir = outDir();
    mkdirSync(Buffer.concat([Buffer.from(join(dir, 'dir')), Buffer.from([0xfe])]));
    const path = join(dir, 'dir\ufffd', 'x.json');
    const r = run(['--xapi', path], env);
    expect(r.code).toBe(74);
    expect(r.err.replace(/\s+/g, ' ')).toBe(`casa-practice: no xAPI file was written to ${path} A folder's name in the path has bytes that are not UTF-8 (shown here as \ufffd), so it reached casa-practice as a path that leads nowhere; rename that folder, or name a file in a folder you can write to. `);
  });

  // Found by hostile3-49: "--xapi out<0xff>.json" reached the command as "out\ufffd.json" and a file
  // by that name was written, not the one meant. Refused, nothing written.
  it('a file name that is not UTF-8 is refused, and nothing is written', () => {
    const env = envWithPractice();
    const dir = outDir();
    const path = join(dir, 'out\ufffd.json');
    const r = run(['--xapi', path], env);
    expect(r.code).toBe(74);
    expect(r.err.replace(/\s+/g, ' ')).toBe(`casa-practice: no xAPI file was written to ${path} The name has bytes that are not UTF-8 (shown here as \ufffd), so it reached casa-practice as another name, not the one meant; choose a name without them. `);
    expect(r.out).not.toContain('xAPI:');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a folder, or a folder that does not exist, is said in words, without a stack trace', () => {
    const env = envWithPractice();
    const dir = outDir();
    const folder = run(['--xapi', dir], env);
    expect(folder.code).toBe(73);
    expect(folder.err.replace(/\s+/g, ' ')).toBe(`casa-practice: no xAPI file was written to ${dir} It is a folder: name a new file in it, such as ${join(dir, 'casa-practice-xapi-2026-03-02.json')} `);
    const missing = join(dir, 'no-such-folder', 'x.json');
    const r = run(['--xapi', missing], env);
    expect(r.code).toBe(74);
    // The folder named, and how to make it, as new and graph --output say it; nothing made.
    expect(r.err.replace(/\s+/g, ' ')).toBe(`casa-practice: no xAPI file was written to ${missing} The folder ${join(dir, 'no-such-folder')} does not exist: check the path for a typing mistake, or make the folder first (mkdir -p ${join(dir, 'no-such-folder')}) and run this again. `);
    expect(existsSync(join(dir, 'no-such-folder'))).toBe(false);
    // The path on a line of its own, whole however narrow the terminal.
    expect(r.err.split('\n')[1]).toBe(`  ${missing}`);
    // A file where a folder of the path goes.
    writeFileSync(join(dir, 'plain'), '');
    expect(run(['--xapi', join(dir, 'plain', 'x.json')], env).err.replace(/\s+/g, ' ')).toContain('It cannot be written (part of the path is a file, not a folder): name a file in a folder you can write to.');
  });

  it('a path with control characters is echoed escaped, never sent to the terminal as it is', () => {
    const env = envWithPractice();
    const dir = outDir();
    const path = join(dir, 'x\u001b[2Jy.json');
    const r = run(['--xapi', path], env);
    expect(r.code, r.err).toBe(0);
    expect(r.out).not.toContain('\u001b');
    expect(r.out).toContain('x\\u001b[2Jy.json');
    const again = run(['--xapi', path], env);
    expect(again.err).not.toContain('\u001b');
    expect(again.err).toContain('x\\u001b[2Jy.json');
  });

  it('with no file named, or no finished practice, says what to do and writes nothing', () => {
    const env = envWithPractice();
    expect(() => run(['--xapi'], env)).toThrow('--xapi needs the name of a new file to write, e.g. --xapi casa-practice-xapi-2026-03-02.json');
    expect(() => run(['--xapi', '--csv'], env)).toThrow(/--xapi needs the name of a new file/);
    expect(() => run(['--xapi='], env)).toThrow(/--xapi needs the name of a new file/);
    // The file named without --xapi: said how to ask for it; another word is only refused.
    expect(() => run(['practice.json'], env)).toThrow('records takes no file ("practice.json"); to write the xAPI statements to it, put --xapi before it');
    expect(() => run(['all'], env)).toThrow(/^records takes no file \("all"\)$/);
    const path = join(outDir(), 'none.json');
    const r = run(['--xapi', path], tempEnv());
    expect(r.code).toBe(1);
    expect(r.err.replace(/\s+/g, ' ')).toBe('casa-practice: there is no finished practice to put in an xAPI file yet; finish a scenario first. No xAPI file was written. ');
    expect(existsSync(path)).toBe(false);
  });
});
