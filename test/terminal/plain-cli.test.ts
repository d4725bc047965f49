/* eslint-disable no-control-regex -- these patterns exist to find control characters */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatValidation } from '../../src/machines/validate/index.js';
import { selectView, startSession } from '../../src/machines/index.js';
import { loadScenarioFile } from '../../src/terminal/files.js';
import { roomSessionArgs, saveProgress } from '../../src/terminal/saves.js';
import { loadPlayable } from '../../src/terminal/scenario-source.js';
import { BIN, ROOT, runChild, runInProcess as inProcess, runWithState, type CliRun } from './helpers/cli.js';
import { envWithSaveFile, FIXTURES, SCENARIOS, tempEnv } from './helpers/ink.js';
import { stateDir } from '../../src/terminal/state.js';
import { gatedPhoneText, PHONE_REASON, reasonedPhoneText } from '../helpers/fixtures.js';
import { chooseScenario } from '../../src/terminal/plain.js';

const NEW_PHONE = join(SCENARIOS, 'new-phone.json');

/** A copy of new-phone whose "You need to tell me the truth" needs trust 80 or more (it starts at 50); returns its path. */
function gatedNewPhone(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'casa-gated-')), 'new-phone.json');
  writeFileSync(path, gatedPhoneText(readFileSync(NEW_PHONE, 'utf8')));
  return path;
}

/** The built program as a child process with piped stdin (so it is not a TTY): for what only a process shows. */
const child = (args: string[], input: string, env: NodeJS.ProcessEnv) => runChild(args, input, { HOME: env.XDG_STATE_HOME, ...env });
/** The same run in this process, with the same stdin, environment and argv (see runPiped). */
const cli = runWithState;

describe('plain mode in this process', () => {
  // A folder in the place of records.json: the playthrough finished, exited 74, and said only that
  // the records could not be read; nothing said it was not added to them (the full screen does).
  // Session 33, line by line in a 60-column terminal with the state folder under a file: q printed
  // "…/casa-practice can" / "not be written (…), s" / "o this playthrough was not kept." (one line of
  // 140 characters, broken by the terminal mid-word). It is wrapped at the mode's width now, without
  // breaking a path (wrapWords), as the full-screen app's last words are.
  it('q with a state folder that cannot be written says so wrapped at the width, no word broken', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'casa-file-')), 'state');
    writeFileSync(file, '');
    const r = await cli(['play', NEW_PHONE, '--plain'], '1\nq\n', { XDG_STATE_HOME: file, HOME: file });
    expect(r.code).toBe(74);
    const at = r.out.indexOf('Progress could not be saved:');
    expect(at).toBeGreaterThan(-1);
    const said = r.out.slice(at).trimEnd();
    expect(said.replace(/\n/g, ' ')).toMatch(/^Progress could not be saved: \S+ cannot be written \(part of the path is a file, not a folder\), so this playthrough was not kept\. To save your progress next time, move the file state \(in that path\) out of the way \(or set XDG_STATE_HOME to a folder you can write\)\.$/);
    for (const line of said.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
  });

  // Session 33: the full-screen picker names the files it left out (today's notice); the list line
  // by line dropped them without a word, so a draft with errors was simply missing from it.
  it('the list line by line names the files it left out and the validate command, wrapped without breaking a word', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'casa-plain-left-out-'));
    writeFileSync(join(dir, 'new-phone.json'), readFileSync(NEW_PHONE));
    writeFileSync(join(dir, 'draft\u001b[31m.json'), '{ "id": "draft", ');
    let out = '';
    const io = { out: (t: string) => void (out += t), err: (t: string) => void (out += t) };
    const chosen = await chooseScenario({ io, width: 60, readLine: () => Promise.resolve('q'), env: tempEnv(), dir });
    expect(chosen).toBe('quit');
    // A command longer than a line is broken between its words, each broken line ending with a
    // shell's line continuation: joined as bash joins them, it is the command.
    const text = out.replace(/ \\\n +/g, ' ').replace(/\s+/g, ' ');
    expect(text).toContain('1. Example: the new phone');
    // The file's path quoted for a shell would make the command longer than 60 columns: it names the
    // folder, which checks the file too (leftOutNotice).
    const command = `casa-practice validate ${dir}`;
    expect(text).toContain(`1 file left out: "draft\\u001b[31m.json" (it is not valid JSON). To see why, run: ${command}`);
    expect(out).not.toContain('\u001b');
    // The command is never broken inside a word, to be copied: broken only at a space, with a line
    // continuation, where it is longer than a line.
    expect(out.replace(/ \\\n +/g, ' ')).toContain(`\n${command}\n`);
    for (const line of out.split('\n')) expect([...line].length).toBeLessThanOrEqual(60);
  });

  it('a finished playthrough whose records cannot be written says it was not added to them, and exits 74', async () => {
    const env = tempEnv();
    mkdirSync(join(stateDir(env), 'records.json'), { recursive: true });
    const r = await cli(['play', NEW_PHONE, '--plain'], '1\n1\n', env);
    expect(r.code).toBe(74);
    expect(r.out).not.toContain('Added to your records');
    expect(r.err).toMatch(/^casa-practice: Your records were not updated: .*records\.json cannot be written \(.*\)\.$/m);
  });

  it('the scenario list hangs each wrapped row under its title, after "10." as after "9."', async () => {
    const r = await cli(['--plain'], 'q\n', tempEnv());
    const list = r.out.slice(r.out.indexOf('Scenarios:'), r.out.indexOf('Scenario number'));
    let column = 0;
    let checked = 0;
    let tens = 0;
    for (const line of list.split('\n').slice(1)) {
      const numbered = /^ {2}\d+\. /.exec(line);
      if (numbered) {
        column = numbered[0].length;
        if (column === 6) tens++;
      } else if (line.trim() !== '') {
        expect(line.length - line.trimStart().length, line).toBe(column);
        checked++;
      }
    }
    expect(tens).toBeGreaterThan(0);
    expect(checked).toBeGreaterThan(10);
  });

  it('--assess holds feedback until the debrief', async () => {
    const r = await cli(['play', NEW_PHONE, '--assess'], '2\n3\n', tempEnv());
    expect(r.code).toBe(0);
    const [play, debrief] = r.out.split('DEBRIEF:');
    expect(play).not.toContain('Feedback');
    expect(play).not.toContain('violates');
    expect(debrief).toContain('Score: 0% (4 points below zero, of 4 possible)');
    expect(debrief).toContain('Feedback: Demanding answers');
  });

  // The full-screen debrief of an assessment says "Assessment mode." (as the exports do); the
  // line-by-line one named no mode, so a printed or kept transcript could not tell it from practice.
  it('the debrief of an assessment says "Assessment mode." under its title; a practice one does not', async () => {
    const assess = await cli(['play', NEW_PHONE, '--plain', '--assess'], '2\n3\n', tempEnv());
    expect(assess.code).toBe(0);
    const debrief = assess.out.slice(assess.out.indexOf('DEBRIEF:'));
    expect(debrief.split('\n').slice(1, 3)).toEqual(['Assessment mode.', '']);
    const practice = await cli(['play', NEW_PHONE, '--plain'], '2\n\n3\n', tempEnv());
    expect(practice.code).toBe(0);
    expect(practice.out).toContain('DEBRIEF:');
    expect(practice.out).not.toContain('Assessment mode.');
  });

  // The help shows "[--assess] [--plain]" before the rest, and options before the command were taken
  // for the picker's, with the command as a scenario's name: "--assess play …" said "name at most one
  // scenario", and "--plain resume" 'no scenario "resume"'.
  it('options written before the command are the command\'s: --assess play, --plain resume', async () => {
    const env = tempEnv();
    const assess = await cli(['--assess', 'play', NEW_PHONE, '--plain'], '2\nq\n', env);
    expect(assess.err).not.toContain('name at most one scenario');
    expect(assess.out).toContain('(about 5 min, assessment mode)');
    expect(assess.out).toContain('Progress saved to');
    const resumed = await cli(['--plain', 'resume'], '3\n', env);
    expect(resumed.err).toBe('');
    expect(resumed.out).toContain('Continuing where you stopped.');
    expect(resumed.out).toContain('Assessment mode.');
    // An option the command has not is refused by the command, in its words.
    const records = await cli(['--assess', 'records'], '', env);
    expect(records.code).toBe(2);
    expect(records.err).toContain('unknown option "--assess"');
    expect(records.err).toMatch(/records --help/);
  });

  // "--format dot graph …", "--year 2025 records", "--host 127.0.0.1 room …" said 'unknown option
  // "--format"' and pointed at the general help: the option's value was taken for the command.
  it('an option with its value written before the command is the command\'s too: --format dot graph, --year records, --for schema', async () => {
    const env = tempEnv();
    const graph = await cli(['--format', 'dot', 'graph', NEW_PHONE], '', env);
    expect(graph.err).toBe('');
    expect(graph.code).toBe(0);
    expect(graph.out).toMatch(/^digraph /);
    // A finish this year, so that the year asked for shows in the answer ("No practice was completed in 2025").
    expect((await cli(['play', NEW_PHONE, '--plain'], '1\n1\n', env)).code).toBe(0);
    const records = await cli(['--year=2025', '--csv', 'records'], '', env);
    expect(records.err).toBe('');
    expect(records.out).toContain('No practice was completed in 2025.');
    expect(records.out).toContain('CSV: ');
    const schema = await cli(['--for', NEW_PHONE, 'schema'], '', env);
    expect(schema.code).toBe(0);
    expect(schema.out).toMatch(/^"\$schema": ".*scenario\.schema\.json",\n$/);
    // A value that is missing is still the command's mistake, named with the command's help.
    const missing = await cli(['--format', 'graph', NEW_PHONE], '', env);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/graph --help/);
  });

  it('input that ends early saves progress (exit 1), and resume continues exactly there', async () => {
    const env = tempEnv();
    const first = await cli(['play', NEW_PHONE, '--plain'], '2\n', env);
    expect(first.code).toBe(1);
    expect(first.out).toContain('Input ended before the scenario finished.');
    expect(first.out).toMatch(/Progress saved to\s+\S*example-new-phone--file-[0-9a-f]{8}\.json/);
    const second = await cli(['resume'], '3\n', env);
    expect(second.code).toBe(0);
    expect(second.out).toContain('Continuing where you stopped.');
    // The decision does not open bare: the reply and the scene that led to it come first.
    const recap = second.out.slice(second.out.indexOf('Where you left off:'), second.out.indexOf('-- Decision 2'));
    expect(recap).toContain('You: "Who bought you that? You need to tell me the truth."');
    expect(recap).toMatch(/Jade \(youth\): "/);
    expect(second.out).toContain('-- Decision 2 of about 2: After the visit --');
    expect(second.out.replace(/\s+/g, ' ')).toContain('"Who bought you that? You need to tell me the truth." (−3; best here +2)');
    expect(second.out).toContain('Score: 0% (4 points below zero, of 4 possible)');
  });

  // Found by val-56: line by line takes a reply's id as well as its number (play --help says so),
  // but the hints named numbers alone; so did --help for the picker and resume.
  it('the hints say a reply id is taken as well as a number, and it is; --help for the picker and resume says so too', async () => {
    const r = await cli(['play', NEW_PHONE, '--plain', '--new'], 'zzz\nphone-curious\nq\n', tempEnv());
    const out = r.out.replace(/\s+/g, ' ');
    expect(out).toContain('Type a reply number (or its id from the scenario file) and press Enter.');
    expect(out).toContain('Please type a number from the list (1, 2, 3), a reply id, w or q.');
    expect(out).toMatch(/> \d\. You: That.s a nice one! How did you get it\?/);
    for (const argv of [['--plain', '--help'], ['resume', '--help']]) {
      const help = (await cli(argv, '', tempEnv())).out.replace(/\s+/g, ' ');
      expect(help, argv.join(' ')).toContain("--plain line-by-line mode: type a reply's number, or its id from the scenario file");
    }
  });

  it('in assessment mode offers no u, in the first hint or when a line is not understood', async () => {
    const r = await cli(['play', NEW_PHONE, '--plain', '--assess'], '7\n2\n1\n', tempEnv());
    // Read with the wrapping undone (the hint is longer than a row since it names ids too).
    const out = r.out.replace(/\s+/g, ' ');
    expect(out).toContain("Type a reply number (or its id from the scenario file) and press Enter. Also: w who's who, q save and quit.");
    expect(out).toContain('Please type a number from the list (1, 2, 3), a reply id, w or q.');
    expect(out).not.toMatch(/\bu undo|u, w or q/);
  });

  // Found by a newcomer: `echo | casa-practice play youth-discloses` offered "u undo" at decision 1,
  // where u only said "There is nothing to undo yet."; the full-screen app's help line offers u only
  // once there is a reply to undo.
  it('in practice offers u only once there is a reply to undo: not at a new run\'s first decision, said when it comes, gone again after undoing every reply', async () => {
    const r = await cli(['play', NEW_PHONE, '--plain'], 'x\n2\nx\nu\nx\n2\nq\n', tempEnv());
    const out = r.out.replace(/\s+/g, ' ');
    const first = out.slice(0, out.indexOf('> 2.'));
    expect(first).toContain("Type a reply number (or its id from the scenario file) and press Enter. Also: w who's who, q save and quit.");
    expect(first).toContain('Please type a number from the list (1, 2, 3), a reply id, w or q.');
    expect(first).not.toMatch(/\bu undo|, u, |\bu to undo/);
    // After the reply, at decision 2: said once, and offered when a line is not understood.
    const second = out.slice(out.indexOf('> 2.'), out.indexOf('Undone: back to the previous decision.'));
    expect(second.match(/You can now type u to undo your last reply\./g)).toHaveLength(1);
    expect(second.indexOf('You can now type u')).toBeGreaterThan(second.indexOf('-- Decision 2 of about'));
    expect(second).toContain('Please type a number from the list (1, 2, 3), a reply id, u, w or q.');
    // Undone back to no reply: the keys again without u, and once more after the next reply.
    const undone = out.slice(out.indexOf('Undone: back to the previous decision.'));
    expect(undone).toContain("Type a reply number (or its id from the scenario file) and press Enter. Also: w who's who,");
    expect(undone.slice(0, undone.indexOf('> 2.'))).toContain('Please type a number from the list (1, 2, 3), a reply id, w or q.');
    expect(undone.slice(undone.indexOf('> 2.'))).toContain('You can now type u to undo your last reply.');
  });

  it('resumed past a reply, offers u in its first keys line, and says nothing more of it', async () => {
    const env = tempEnv();
    await cli(['play', NEW_PHONE, '--plain'], '2\nq\n', env);
    const r = await cli(['resume', '--plain'], 'x\nq\n', env);
    const out = r.out.replace(/\s+/g, ' ');
    expect(out).toContain("Type a reply number (or its id from the scenario file) and press Enter. Also: u undo, w who's who, q save and quit.");
    expect(out).toContain('Please type a number from the list (1, 2, 3), a reply id, u, w or q.');
    expect(out).not.toContain('You can now type u');
  });

  // Reply ids can name the answer ("r-nails-interrogate", "r-denise-balanced"): a word shaped like an
  // id listed this decision's ids (and the likely one) in an assessment too, before any feedback.
  it('in assessment mode lists no reply ids for an id-shaped answer that matches none (practice still does); a right id still answers', async () => {
    const assess = await cli(['play', 'red-flags', '--plain', '--assess', '--new'], 'r-nails\nr-nails-curious\n', tempEnv());
    expect(assess.out).not.toMatch(/r-nails-(interrogate|skip)/);
    expect(assess.out).not.toContain('No reply at this decision has the id');
    expect(assess.out).toMatch(/Please type a number from the list \(1, 2, 3\), a reply id, w or q\./);
    expect(assess.out).toMatch(/> \d\. You: /);
    const practice = await cli(['play', 'red-flags', '--plain', '--new'], 'r-nails\nq\ny\n', tempEnv());
    expect(practice.out.replace(/\s+/g, ' ')).toMatch(/No reply at this decision has the id "r-nails"\..*r-nails-interrogate/);
  });

  // --assess with a practice save waiting went on in practice (the save's mode), and the command it
  // gave for starting over had no --assess: following it started another practice run.
  it('--assess with a practice save waiting says it goes on in practice, and the start-over command keeps --assess', async () => {
    const env = tempEnv();
    await cli(['play', NEW_PHONE, '--plain', '--new'], '1\nq\ny\n', env);
    const asked = await cli(['play', NEW_PHONE, '--plain', '--assess'], '', env);
    // (The command, longer than a line, joined as a shell joins its lines.)
    const said = asked.out.replace(/ \\\n +/g, ' ').replace(/\s+/g, ' ');
    expect(said).toContain('(about 5 min, practice mode)');
    expect(said).toContain('This save is a practice run, so it goes on in practice, with feedback. To start over in assessment instead: ');
    expect(said).toMatch(/play \S*new-phone\.json --assess --new/);
    // The other way round: an assessment save, opened without --assess.
    const env2 = tempEnv();
    await cli(['play', NEW_PHONE, '--plain', '--assess', '--new'], '1\nq\ny\n', env2);
    const plain = (await cli(['play', NEW_PHONE, '--plain'], '', env2)).out.replace(/ \\\n +/g, ' ').replace(/\s+/g, ' ');
    expect(plain).toContain('This save is an assessment, so it goes on as one: no feedback until the debrief, and no undo. To start over in practice instead: ');
    expect(plain).toMatch(/play \S*new-phone\.json --new/);
    // In the mode asked for, as before.
    const same = (await cli(['play', NEW_PHONE, '--plain', '--assess'], '', env2)).out.replace(/ \\\n +/g, ' ').replace(/\s+/g, ' ');
    expect(same).not.toContain('This save is');
    expect(same).toMatch(/To start over instead: \S.*play \S*new-phone\.json --assess --new/);
  });

  it('shows a meter with each heading, not again before an untitled scene between a reply and the next decision', async () => {
    const r = await cli(['play', 'before-relapse', '--plain'], 'd1-yours\nq\n', tempEnv());
    const between = r.out.slice(r.out.indexOf('Feedback:'), r.out.indexOf('-- Decision 2'));
    // The reply's change is in the feedback; the scene after it is a line of Rina's and no meter.
    expect(between).toContain("Rina's trust: 50 → 60");
    expect(between).toContain('Paolo helps, I guess.');
    expect(between).not.toContain("[Rina's trust");
    // Every heading still has its meter under it.
    const headings = r.out.split('\n').filter((l) => l.startsWith('-- '));
    const meters = r.out.split('\n').filter((l) => l.startsWith("[Rina's trust"));
    expect(headings.length).toBeGreaterThanOrEqual(3);
    expect(meters).toEqual(["[Rina's trust: 50 of 100]", "[Rina's trust: 50 of 100]", "[Rina's trust: 60 of 100]"]);
  });

  // A scene's effects moved the meter with nothing said: couch-rent's "The server" takes 15 from
  // Arev's trust, and the next heading's meter was simply lower.
  it('says what a scene changes in a meter under the scene, in the words of a reply\'s feedback; nothing in an assessment', async () => {
    const path = 'd1-heard\nd2-need\nd3-honest\nd4-server\nq\n';
    const r = await cli(['play', 'couch-rent', '--plain'], path, tempEnv());
    const meter = (text: string) => Number(/^\[Arev's trust: (\d+) of 100\]$/m.exec(text)?.[1]);
    const scene = r.out.slice(r.out.indexOf('-- The server --'), r.out.indexOf('-- Eight days later --'));
    const before = meter(scene);
    expect(before).toBeGreaterThanOrEqual(15);
    expect(scene).toContain(`\nArev's trust: ${before} → ${before - 15} (−15)\n`);
    // The next heading's meter has moved by it.
    expect(meter(r.out.slice(r.out.indexOf('-- Eight days later --')))).toBe(before - 15);
    const assessed = await cli(['play', 'couch-rent', '--plain', '--assess'], path, tempEnv());
    expect(assessed.out).toContain('-- The server --');
    expect(assessed.out).not.toContain("Arev's trust");
  });

  // Resumed at the decision after "The server", the recap told the scene without the drop in
  // Arev's trust that the live run had printed under it, so the heading's meter fell unexplained.
  it("resume's recap repeats a scene's meter change as the live run printed it, under the scene", async () => {
    const env = tempEnv();
    const first = await cli(['play', 'couch-rent', '--plain'], 'd1-heard\nd2-need\nd3-honest\nd4-server\n', env);
    expect(first.code).toBe(1);
    const liveScene = first.out.slice(first.out.indexOf('-- The server --'), first.out.indexOf('-- Eight days later --'));
    const change = /^Arev's trust: \d+ → \d+ \(−15\)$/m.exec(liveScene)?.[0];
    expect(change).toBeDefined();
    const second = await cli(['resume'], 'q\n', env);
    const recap = second.out.slice(second.out.indexOf('Where you left off:'), second.out.indexOf('-- Decision 5'));
    // The scene as the live run printed it, its change in the same words at the same place (not its meter heading).
    const recapScene = recap.slice(recap.indexOf('-- The server --'), recap.indexOf('-- Eight days later --'));
    expect(recapScene.trimEnd()).toBe(liveScene.replace(/^\[Arev's trust: \d+ of 100\]\n/m, '').trimEnd());
    expect(recapScene).toContain(`\n${change as string}\n`);
    expect(recap.split(change as string)).toHaveLength(2);
  });

  // The tmux walkthrough (tmuxwalk-43): resumed line by line, the recap ran its scenes together and
  // into the feedback above them ("Jazz's trust: 50 → 30 (−20)" then "Three dots appear…" then "On
  // Thursday…" on the next rows), where the live run, and the full-screen recap, set a blank row before each.
  // Session 47: the live run printed an untitled scene with no heading, the recap too, where
  // "Before this" (and a trainer-led run) heads it "Scene 2": each is now headed by its number in
  // the playthrough (the core's sceneHeadingAt live, sceneHeading in the recap), the same in both.
  it("resume's recap sets out the scenes since the last reply as the live run printed them, each under the same heading (\"Scene 2\" untitled), a blank row before each", async () => {
    const env = tempEnv();
    const first = await cli(['play', 'youth-relapses', '--plain', '--new'], 'd1-disappointed\n', env);
    expect(first.code).toBe(1);
    const change = "  Jazz's trust: 50 → 30 (−20)\n";
    const live = first.out.slice(first.out.indexOf(change), first.out.indexOf('\n\n-- Decision 2'));
    expect(live).toMatch(/\(−20\)\n\n-- Scene 2 --\nThree dots[^]*"k"\n\n-- Scene 3 --\nOn Thursday/);
    const second = await cli(['resume'], 'q\n', env);
    const recap = second.out.slice(second.out.indexOf('Where you left off:'), second.out.indexOf('-- Decision 2'));
    expect(recap).toContain(live);
    // With no reply yet, the first scene is right under the heading, as the full-screen recap has it.
    const opening = tempEnv();
    // (Saved with q after a reply made and undone: neither input that ends nor q before a reply saves anything.)
    expect((await cli(['play', 'couch-rent', '--plain', '--new'], '1\nu\nq\n', opening)).code).toBe(0);
    expect((await cli(['resume'], 'q\n', opening)).out).toContain('Where you left off:\n-- The front door --\n');
  });

  // The verterm walkthrough (session 43): after the recap, the keys line ran on from the last scene's
  // words ("…Whatever she was about to say, she keeps it." then "Type a reply number…" on the next
  // row), read as part of the scene; on a new run it stands under the content note, apart from the scenes.
  it("resume's recap: the last reply's wrapped rows indented, and a blank row before the keys line after it", async () => {
    const env = tempEnv();
    expect((await cli(['play', 'youth-relapses', '--plain', '--new'], 'd1-glad\nd2-hopeful\nd3-not-stupid\nd4-call-me\n', env)).code).toBe(1);
    const out = (await cli(['resume'], 'q\n', env)).out;
    const keys = out.indexOf('Type a reply number');
    expect(keys).toBeGreaterThan(out.indexOf('Where you left off:'));
    expect(out.slice(0, keys)).toMatch(/she keeps it\.\n\n$/);
    // The last reply's wrapped rows are indented, as the live run's "> 2. You: …" was: they began at
    // the margin, like narration.
    const reply = out.slice(out.indexOf('You: "Next time'), out.indexOf('Feedback:', out.indexOf('You: "Next time'))).trimEnd().split('\n');
    expect(reply.length).toBeGreaterThan(1);
    for (const row of reply.slice(1)) expect(row).toMatch(/^ {2}\S/);
  });

  // The full-screen app saves a practice session on the scene a reply led to (its feedback up over
  // it, or just read): resumed line by line, that scene came with the feedback gone.
  it('resume of a practice save standing on the scene a reply led to gives that reply and its feedback first, then the scene; an assessment save, neither', async () => {
    for (const mode of ['practice', 'assessment'] as const) {
      const env = tempEnv();
      const playable = loadPlayable('couch-rent');
      if ('problems' in playable) throw new Error(playable.problems);
      // Played as the app plays it, and saved as its q saves it, on the scene after d4-server.
      const actor = startSession(playable.scenario, mode, undefined, 1);
      for (const replyId of ['d1-heard', 'd2-need', 'd3-honest', 'd4-server']) {
        while (actor.getSnapshot().can({ type: 'scene.continue' })) actor.send({ type: 'scene.continue' });
        actor.send({ type: 'reply.choose', replyId });
      }
      const view = selectView(playable.scenario, actor.getSnapshot());
      expect(view.title).toBe('The server');
      expect(saveProgress(playable, actor.getPersistedSnapshot(), 'new', env).ok).toBe(true);
      const r = await cli(['resume'], 'q\n', env);
      expect(r.code, r.err).toBe(0);
      expect(r.out).toContain('Continuing where you stopped.');
      const sceneAt = r.out.indexOf('-- The server --');
      expect(sceneAt).toBeGreaterThan(0);
      if (mode === 'assessment') {
        expect(r.out).not.toContain('Where you left off');
        expect(r.out).not.toContain('Feedback:');
        continue;
      }
      const f = view.lastFeedback!;
      const recap = r.out.slice(r.out.indexOf('Where you left off:'), sceneAt).replace(/\s+/g, ' ');
      expect(recap).toContain(`You do: ${f.replyText} Feedback: ${f.feedback.replace(/\s+/g, ' ')}`);
      expect(recap).toContain("✗ violates Don't investigate (guide: \"Prohibited Activities\", critical)");
      // The scene is not told twice.
      expect(r.out.split('-- The server --')).toHaveLength(2);
    }
  });

  // An author scripting a path by reply ids was told to "type a number from the list" when an
  // id was misspelt or belonged to another decision.
  it('a reply id that no reply here has names the likely one and this decision\'s ids; a stray word gets the numbers', async () => {
    const r = await cli(['play', 'before-relapse', '--plain'], 'd1-yoursx\nd2-yours\nhello\nq\n', tempEnv());
    const d1 = r.out.slice(r.out.indexOf('-- Decision 1')).replace(/\s+/g, ' ');
    expect(d1).toMatch(/No reply at this decision has the id "d1-yoursx"\. Did you mean "d1-yours"\? Its replies: 1: d1-[a-z-]+, 2: d1-[a-z-]+, 3: d1-[a-z-]+\./);
    expect(d1).toMatch(/No reply at this decision has the id "d2-yours"\. Did you mean "d1-yours"\? Its replies: 1: d1-/);
    expect(d1).toContain('Please type a number from the list (1, 2, 3), a reply id, w or q.');
  });

  it("w at a decision lists who's who: the people met so far, Mr. Osei (named in a reply) as Selene's dependency attorney, no one met later; the decision is still answered after", async () => {
    const r = await cli(['play', 'testifying', '--plain', '--new', '--assess'], 'w\n1\nq\n', tempEnv());
    const who = r.out.slice(r.out.indexOf("Who's who (the people you have met so far):"), r.out.indexOf('> 1.'));
    expect(who.replace(/\s+/g, ' ')).toMatch(/Selene \(youth\): Selene Baptiste, 17.* Ms\. Ibarra \(CSEC CSW at DCFS\): .* Mr\. Osei \(dependency attorney at the Children's Law Center\): Selene's dependency attorney/);
    for (const later of ['Mr. Dunn', "An account you don't know", 'Hannah']) expect(who).not.toContain(later);
    expect(who).not.toMatch(/score|points|%/i);
    // The question and its replies again, under the list: the answer typed next is to them.
    const after = r.out.slice(r.out.indexOf("Who's who (the people you have met so far):"), r.out.indexOf('> 1.'));
    expect(after.replace(/\s+/g, ' ')).toMatch(/Mr\. Osei \(dependency attorney.*What do you say\? 1\. .* 4\. /);
    expect(r.out).toMatch(/> 1\. You/);
  });

  it("a trainer-led session takes w at a decision, before and after the reveal: who's who, then the votes and the reveal go on as they were (w was refused as a count)", async () => {
    const r = await cli(['--facilitate', 'testifying', '--plain'], '5 3 1 0\nw\nr\nw\nq\n', tempEnv());
    const lists = r.out.split("Who's who (the people you have met so far):").slice(1);
    expect(lists).toHaveLength(2);
    for (const who of lists.map((l) => l.slice(0, l.indexOf('\n\n')).replace(/\s+/g, ' '))) {
      expect(who).toMatch(/Selene \(youth\): Selene Baptiste, 17.* Ms\. Ibarra \(CSEC CSW at DCFS\): .* Mr\. Osei \(dependency attorney at the Children's Law Center\)/);
      for (const later of ['Mr. Dunn', 'Hannah']) expect(who).not.toContain(later);
    }
    expect(r.out).not.toContain('Type one count');
    // The votes typed before w are the reveal's.
    expect(r.out).toContain('Votes in all: 9');
    expect(r.out).toContain("w says who's who");
  });

  it('rejects a number that is not offered, and undoes with u in practice', async () => {
    const r = await cli(['play', NEW_PHONE, '--plain'], '7\n2\nu\n1\n1\n', tempEnv());
    // (At the first decision, with no reply to undo yet, u is not offered.)
    expect(r.out).toContain('Please type a number from the list (1, 2, 3), a reply id, w or q.');
    expect(r.out).toContain('Undone: back to the previous decision.');
    expect(r.out).toContain('Score: 100% (4 of 4 points)');
  });

  it('resume with a damaged save says so on stderr (the line, the file below on a line of its own, what to do), moves it aside and starts clean', async () => {
    const { env, saves } = envWithSaveFile('x.json', 'not json');
    const r = await cli(['resume'], '', env);
    expect(r.err.trim().split('\n')).toEqual([
      'casa-practice: Could not resume: the saved progress is damaged (it is not valid JSON). The save was moved to the file below (nothing was deleted); choose a scenario.',
      join(saves, readdirSync(saves)[0] as string),
      'casa-practice cannot use that file, but you can keep it, or send it to whoever helps you with the app; delete it once you no longer need it.',
    ]);
    expect(existsSync(join(saves, 'x.json'))).toBe(false);
    expect(readdirSync(saves)[0]).toMatch(/^x\.json\.damaged-/);
    expect(r.out).toContain('Scenario number (q to quit):');
    expect(r.out).not.toContain('Could not resume');
  });

  // play <scenario> with a save too damaged to summarise in its slot took it for none: the new run
  // started without a word and its first save (here q) wrote over the damaged one.
  it('play with a damaged save in the scenario\'s slot moves it aside, said on stderr with its file on a line of its own, and the new run does not write over it', async () => {
    const env = tempEnv();
    const saves = join(env.XDG_STATE_HOME as string, 'casa-practice', 'saves');
    mkdirSync(saves, { recursive: true });
    writeFileSync(join(saves, 'youth-discloses.json'), 'not json');
    const r = await cli(['play', 'youth-discloses', '--plain'], '1\nq\n', env);
    expect(r.err.trim().split('\n')).toEqual([
      'casa-practice: Your saved progress in this scenario could not be used: the saved progress is damaged (it is not valid JSON). The save was moved to the file below (nothing was deleted); a new playthrough starts.',
      expect.stringMatching(/^\/\S*youth-discloses\.json\.damaged-\S+$/),
      'casa-practice cannot use that file, but you can keep it, or send it to whoever helps you with the app; delete it once you no longer need it.',
    ]);
    expect(r.out).toContain('Progress saved to');
    const files = readdirSync(saves).sort();
    expect(files).toEqual(['youth-discloses.json', expect.stringMatching(/^youth-discloses\.json\.damaged-/)]);
    expect(readFileSync(join(saves, files[1] as string), 'utf8')).toBe('not json');
    // The same with --new (start over without asking): its first reply wrote over the damaged save.
    const again = tempEnv();
    const slot = join(again.XDG_STATE_HOME as string, 'casa-practice', 'saves');
    mkdirSync(slot, { recursive: true });
    writeFileSync(join(slot, 'youth-discloses.json'), '{"format": 7}');
    const fresh = await cli(['play', 'youth-discloses', '--plain', '--new'], '1\nq\n', again);
    expect(fresh.err).toMatch(/^casa-practice: Your saved progress in this scenario could not be used: this is not a casa-practice save\. The save was moved to the file below \(nothing was deleted\); a new playthrough starts\.\n\/\S*youth-discloses\.json\.damaged-\S+\ncasa-practice cannot use that file/m);
    const kept = readdirSync(slot).sort();
    expect(kept).toEqual(['youth-discloses.json', expect.stringMatching(/^youth-discloses\.json\.damaged-/)]);
    expect(readFileSync(join(slot, kept[1] as string), 'utf8')).toBe('{"format": 7}');
  });

  it('input that ends at the list of scenarios says so (exit 1), in practice and in a trainer-led session', async () => {
    for (const args of [[], ['--facilitate']]) {
      const r = await cli(args, '\n', tempEnv());
      expect(r.code).toBe(1);
      expect(r.out).toContain('Please type a number from 1 to');
      expect(r.out.trimEnd().split('\n').at(-1)).toBe('Input ended before a scenario was chosen.');
    }
  });

  it('q at the list of scenarios quits cleanly (exit 0), in practice and in a trainer-led session; a wrong answer says q is there', async () => {
    for (const args of [[], ['--facilitate']]) {
      const r = await cli(args, 'x\nq\n', tempEnv());
      expect(r.code).toBe(0);
      expect(r.err).toBe('');
      expect(r.out).toMatch(/Please type a number from 1 to \d+, or q to quit\./);
      expect(r.out.trimEnd().split('\n').at(-1)).toBe('Scenario number (q to quit):');
    }
  });

});

describe('play <file> and --from', () => {
  // The last line says the file was not played (author-46: the report ended on "1 error, 0
  // warnings", as validate's does, and nothing said the play had not started, or why).
  it('refuses a file with errors, printing its problems exactly as validate does, then that it was not played (exit 1)', async () => {
    const file = join(FIXTURES, 'bad', 'broken.json');
    const r = await inProcess('play', file);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`${formatValidation(loadScenarioFile(file).result, file)}\ncasa-practice: not played: fix the errors above first.\n`);
    expect(r.err).toContain('error [unknown-node]');
    expect(r.out).toBe('');
  });

  it('a missing file is a usage error (exit 2)', async () => {
    const r = await inProcess('play', 'no/such/file.json');
    expect(r.code).toBe(2);
    expect(r.err).toContain('cannot read "no/such/file.json": no such file');
  });

  // Walked in tmux as a newcomer: "play test/fixtures/good/exampel.json" said only "cannot read …: no
  // such file", while a bundled id mistyped ("youth-discloes") is told the id meant. A file beside it
  // with a name a letter or two off (or the name without its .json) is named, as written with its folder.
  it('a mistyped file path names the file beside it that was most likely meant; nothing near, nothing named', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'casa-typo-'));
    writeFileSync(join(dir, 'first-court-date.json'), '{}');
    writeFileSync(join(dir, 'notes.txt'), '');
    for (const [typed, meant] of [['first-cuort-date.json', 'first-court-date.json'], ['first-court-date', 'first-court-date.json'], ['first-court-date.jsn', 'first-court-date.json']] as const) {
      const r = await inProcess('play', join(dir, typed));
      expect(r.code).toBe(2);
      expect(r.err).toBe(`casa-practice: cannot read "${join(dir, typed)}": no such file. Did you mean "${join(dir, meant)}"?\n`);
    }
    const v = await inProcess('validate', join(dir, 'first-cuort-date.json'));
    expect(v.code).toBe(2);
    expect(v.err).toContain(`no such file or folder. Did you mean "${join(dir, 'first-court-date.json')}"?`);
    const far = await inProcess('play', join(dir, 'youth-relapses.json'));
    expect(far.err).toBe(`casa-practice: cannot read "${join(dir, 'youth-relapses.json')}": no such file\n`);
    // A folder that is not there: said as before.
    expect((await inProcess('play', 'no/such/file.json')).err).toBe('casa-practice: cannot read "no/such/file.json": no such file\n');
  });

  it('--from starts at a later node with default variable values', async () => {
    const r = await cli(['play', NEW_PHONE, '--from', 'after-visit', '--plain'], '1\n', tempEnv());
    expect(r.code).toBe(0);
    expect(r.out).not.toContain('The new phone --');
    expect(r.out).toContain('-- Decision 1 of about 1: After the visit --');
    expect(r.out).toContain("[Jade's trust: 50 of 100]");
    expect(r.out).toContain('Score: 100% (2 of 2 points)');
  });

  it('--from an unknown node is a usage error that names the nodes (exit 2)', async () => {
    const r = await inProcess('play', NEW_PHONE, '--from', 'nowhere');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--from: "example-new-phone" has no node "nowhere". (scenes and decisions: phone, boyfriend-open');
  });

  it('--from an ending is refused (exit 2)', async () => {
    const r = await inProcess('play', NEW_PHONE, '--from', 'end-strong');
    expect(r.code).toBe(2);
    expect(r.err).toContain('is an ending');
  });
});

describe('help for every command', () => {
  it.each([['--help'], ['play', '--help'], ['resume', '--help'], ['--facilitate', '--help'], ['--assess', '-h']])('%j prints usage and exits 0', async (...argv) => {
    const r = await inProcess(...argv);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^(Usage|casa-practice)/);
  });

  it('unknown options are usage errors (exit 2)', async () => {
    expect((await inProcess('play', NEW_PHONE, '--fast')).code).toBe(2);
    expect((await inProcess('--facilitate', '--assess', NEW_PHONE)).code).toBe(2);
  });

});

describe('plain mode: going back from the content note', () => {
  it('b after the content note returns to the list when the scenario was picked from it', async () => {
    const r = await cli(['--plain'], '1\nb\n2\n1\nq\n', tempEnv());
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const [beforeBack] = r.out.split(/^Scenario number \(q to quit\):$/m).slice(1);
    expect(beforeBack).toContain('Content note:');
    expect(beforeBack?.replace(/\s+/g, ' ')).toContain('b back to the scenarios');
    expect(r.out.match(/^Scenarios:$/gm)).toHaveLength(2);
    // The second pick starts the second scenario, and q after a reply saves it (not the first).
    const second = r.out.slice(r.out.lastIndexOf('Scenario number (q to quit):'));
    expect(second).toMatch(/^After Jazz goes back \(about \d+ min, practice mode\)$/m);
    expect(second).toMatch(/Progress saved to\s+\S*youth-relapses\.json/);
  });

  it('b is not a way back once a reply is given, nor when the scenario was named on the command line', async () => {
    const picked = await cli(['--plain'], '1\n1\nb\nq\n', tempEnv());
    expect(picked.out.match(/^Scenarios:$/gm)).toHaveLength(1);
    expect(picked.out).toMatch(/Please type a number from the list \([\d, ]+\), a reply id, u, w or q\./);
    const named = await cli(['play', NEW_PHONE, '--plain'], 'b\n1\n1\n', tempEnv());
    expect(named.code).toBe(0);
    expect(named.out).not.toContain('Scenarios:');
    expect(named.out).not.toContain('b back');
    expect(named.out).toContain('Please type a number from the list (1, 2, 3), a reply id, w or q.');
    expect(named.out).toContain('Score: 100% (4 of 4 points)');
  });
});

// After a reply and its undo back to no reply, b was gone (from the keys said again, from the keys
// named after an answer not in the list, and as a key): the run is again as before its first reply.
describe('plain mode: going back after undoing every reply', () => {
  it('b is offered again and goes back to the list', async () => {
    const r = await cli(['--plain'], '1\n1\nu\nx\nb\n2\nq\n', tempEnv());
    expect(r.code).toBe(0);
    const after = r.out.slice(r.out.indexOf('Undone: back to the previous decision.')).replace(/\s+/g, ' ');
    expect(after).toContain("Also: b back to the scenarios (until you reply again), w who's who,");
    expect(after).toMatch(/Please type a number from the list \([\d, ]+\), a reply id, b, w or q\./);
    expect(r.out.match(/^Scenarios:$/gm)).toHaveLength(2);
    expect(r.out.slice(r.out.lastIndexOf('Scenario number (q to quit):'))).toMatch(/^After Jazz goes back \(about \d+ min, practice mode\)$/m);
  });
});

describe('--facilitate without a terminal (line by line)', () => {
  it('prints the prompt, reads votes as a line or one per line, reveals side by side with best practice, bars and the note, follows the branch, and writes the summary', async () => {
    const env = tempEnv();
    const r = await cli(['--facilitate', NEW_PHONE], '12 3 1\nr\n1\n9\n0\n0\nr\n1\n', env);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const [first, rest = ''] = r.out.split('-- Decision 2 of about 2');
    const [beforeReveal = '', reveal = ''] = (first ?? '').split('Votes: 1: 12 · 2: 3 · 3: 1');
    expect(beforeReveal).toContain('Discuss: What is the most natural thing to say here');
    // The note gives the answer away: not before the reveal, and no promise of saving.
    expect(beforeReveal).not.toContain('Facilitator note');
    expect(beforeReveal).not.toMatch(/saves? (your )?progress/);
    expect(reveal).toMatch(/Facilitator note: Listen for whether the room treats the phone as\s+proof/);
    expect(reveal).toMatch(/^★ best practice +│/m);
    expect(reveal.match(/★ best practice/g)).toHaveLength(1);
    expect(reveal).toContain('████████░░');
    expect(reveal).toContain('Votes in all: 16');
    expect(beforeReveal).toContain("1. That's a nice one! How did you get it?");
    // No scores or verdicts before the reveal.
    expect(beforeReveal.slice(beforeReveal.indexOf('-- Decision 1'))).not.toMatch(/Score|✓ follows|✗ violates/);
    // Revealed side by side: the three replies' headings share a row.
    expect(reveal).toMatch(/^1\. That's a nice one! +│ 2\. Who bought you that\? +│ 3\. Do: Say nothing about$/m);
    for (const cell of ['Votes: 12 (75%)', 'Votes: 3 (19%)', 'Votes: 1 (6%)', 'Score: +2', 'Score: −3', 'Score: +1', '✓ follows Curious, not', '✗ violates Curious, not']) expect(reveal).toContain(cell);
    expect(reveal).toContain("> The room follows 1. That's a nice one! How did you get it?");
    // One count per line for the second decision.
    expect(rest).toContain('Votes for reply 2 of 3');
    expect(rest).toContain('Votes: 1: 9 · 2: 0 · 3: 0');
    expect(rest).toContain('DEBRIEF: Example: the new phone');
    // Every line fits 80 columns, except the summary's path and the command to start a new session, each kept whole on a line of its own so it can be copied.
    for (const line of r.out.split('\n').filter((l) => !l.endsWith('.md') && !/--facilitate \S+ --new$/.test(l))) expect([...line].length).toBeLessThanOrEqual(80);

    const path = /Session summary written to:\n(\S+\.md)/.exec(r.out)?.[1] as string;
    expect(path.startsWith(env.XDG_STATE_HOME as string)).toBe(true);
    const summary = readFileSync(path, 'utf8');
    expect(summary).toContain("| 1 | ★ best practice: That's a nice one! How did you get it? | +2 | 12 (75%) |");
    expect(summary).toContain('| 2 | Who bought you that? You need to tell me the truth. | −3 | 3 (19%) |');
    expect(summary).toContain("Branch taken: 1. That's a nice one! How did you get it? (★ best practice)");
    expect(summary).toContain('| 1 | ★ best practice: Do: Call your Advocate Supervisor to talk through what you noticed. | +2 | 9 (100%) |');
    expect(summary).toContain('The branch the room took was best practice at 2 of 2 decisions (100%).');
    expect(summary).toContain('**Score:** 100% (4 of 4 points)');
    // Said of the room, not "you".
    expect(summary).toContain("### The room's path beside best practice\n");
    expect(summary).toContain('- The room kept to "Curious, not interrogating"');
    expect(summary).not.toMatch(/^- You |Your replies|you chose/m);
    expect(r.out).toContain("The room's path beside best practice:\n");
    expect(r.out).toContain('Room: That\'s a nice one!');
  });

  // Presenter mode and the full-screen session head an untitled scene "Scene 1"; line by line
  // printed no heading there at all, its words straight after the room's reply.
  it('heads an untitled scene by its number in the playthrough, as presenter mode does', async () => {
    const r = await cli(['--facilitate', NEW_PHONE], '1 0 0\nr\n1\nq\n', tempEnv());
    expect(r.out).toContain('> The room follows 1. That\'s a nice one! How did you get it?\n\n-- Scene 1 --\nJade (youth): "My boyfriend got it for me.');
  });

  it('q, or input ending early, writes the summary so far (exit 0 and 1)', async () => {
    const stopped = await cli(['--facilitate', NEW_PHONE], '7\nq\n', tempEnv());
    expect(stopped.code).toBe(0);
    const summary = readFileSync(/Session summary written to:\n(\S+\.md)/.exec(stopped.out)?.[1] as string, 'utf8');
    expect(summary).toContain("| 1 | ★ best practice: That's a nice one! How did you get it? | +2 | 7 (100%) |");
    expect(summary).toContain("The room's most-voted reply was best practice at 1 of 1 decision with votes (100%); 7 of 7 votes (100%) went to best-practice replies.");
    expect(summary).toContain('The session stopped at this decision.');
    const ended = await cli(['--facilitate', NEW_PHONE], '1 2 3\n', tempEnv());
    expect(ended.code).toBe(1);
    expect(ended.out).toContain('Input ended before the session finished.');
    expect(ended.out).toMatch(/Session summary written to:\n\S+\.md\n/);
  });

  // From the terminal walkthrough (session 44): a trainer who asked for --plain (a screen reader, a
  // terminal the full screen does not suit) was told to carry on with a command without it, which
  // in a terminal opens the full-screen app instead. Each command this mode names for the same
  // session (to carry on, to start over, to start a new one) keeps --plain when it was asked for;
  // where line by line came of itself (input piped), the commands are as they were.
  it('with --plain asked for, the commands to carry on and to start over say --plain too, and carry the session on line by line', async () => {
    const env = tempEnv();
    /** The command after `words`, on the line after them, as it is printed (`node bin/casa-practice.js …` from the project folder). */
    const said = (out: string, words: string) => new RegExp(`${words}\\n((?:node )?\\S*casa-practice\\S*) ([^\\n]*)\\n`).exec(out)?.[2];
    const stopped = await cli(['--facilitate', 'youth-discloses', '--plain'], '3 1 0\nq\n', env);
    expect(said(stopped.out, 'To carry on with this session later:')).toBe('--facilitate youth-discloses --plain');
    const again = await cli(['--facilitate', 'youth-discloses', '--plain'], 'q\n', env);
    expect(again.out).toContain('Continuing the trainer-led session kept at decision 1');
    expect(said(again.out, 'To start over instead:')).toBe('--facilitate youth-discloses --new --plain');
    expect(said(again.out, 'To carry on with this session later:')).toBe('--facilitate youth-discloses --plain');
    // Line by line of itself (piped, no --plain): as before.
    const piped = await cli(['--facilitate', 'youth-discloses'], 'q\n', env);
    expect(said(piped.out, 'To start over instead:')).toBe('--facilitate youth-discloses --new');
    expect(said(piped.out, 'To carry on with this session later:')).toBe('--facilitate youth-discloses');
  });

  // Left from term-48: the command to start over was printed as `play <scenario> --facilitate --new`
  // beside `--facilitate <scenario>` to carry on, two forms for one session (and `--facilitate
  // <scenario> --new`, the carry-on command with --new added, was refused as an unknown option).
  // Every command printed for a session is roomSessionArgs' form, the one the README teaches.
  it('carry on and start over are printed in one form, --facilitate <scenario> [--new], as the README names them; the one to start over runs as printed', async () => {
    const env = tempEnv();
    const said = (out: string, words: string) => new RegExp(`${words}\\n((?:node )?\\S*casa-practice\\S*) ([^\\n]*)\\n`).exec(out)?.[2];
    const stopped = await cli(['--facilitate', 'youth-discloses'], '3 1 0\nq\n', env);
    expect(said(stopped.out, 'To carry on with this session later:')).toBe('--facilitate youth-discloses');
    const again = await cli(['--facilitate', 'youth-discloses'], 'q\n', env);
    const startOver = said(again.out, 'To start over instead:');
    expect(startOver).toBe('--facilitate youth-discloses --new');
    const fresh = await cli((startOver as string).split(' '), 'q\n', env);
    expect(fresh.err).toBe('');
    expect(fresh.out).not.toContain('Continuing the trainer-led session');
    expect(fresh.out).toContain('-- Decision 1 of about');
    expect(fresh.code).toBe(0);
    // --new alone has no session to start.
    const alone = await cli(['--facilitate', '--new'], '', env);
    expect(alone.code).toBe(2);
    expect(alone.err).toContain('--new needs a scenario');
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8').replace(/\s+/g, ' ');
    const generic = { bundled: true, file: '', scenario: { id: '<scenario>' } };
    expect(readme).toContain(`\`${roomSessionArgs(generic, true)}\``);
    expect(readme).toContain(`\`npx casa-practice ${roomSessionArgs(generic)}\``);
    expect(readme).not.toContain('play <scenario> --facilitate --new');
  });

  // The same for a volunteer: "Continue with: … resume" opened the full-screen app in a terminal
  // after a run with --plain, and so did the command to start over that a save waiting names.
  it('playing with --plain asked for, the command to continue and the one to start over say --plain too', async () => {
    const env = tempEnv();
    // (Read as one line: the command to start over follows its words in a paragraph wrapped at 80 columns.)
    const said = (out: string, words: string) => new RegExp(`${words} (?:node )?\\S*casa-practice\\S* ([a-z-]+(?: [a-z-]+)*)`).exec(out.replace(/\s+/g, ' '))?.[1];
    const stopped = await cli(['play', 'youth-discloses', '--plain', '--new'], '1\nq\n', env);
    expect(said(stopped.out, 'Continue with:')).toBe('resume --plain');
    const again = await cli(['play', 'youth-discloses', '--plain'], '', env);
    expect(said(again.out, 'To start over instead:')).toBe('play youth-discloses --new --plain');
    expect(said(again.out, 'Continue with:')).toBe('resume --plain');
    const resumed = await cli(['resume', '--plain'], '', env);
    expect(said(resumed.out, 'Continue with:')).toBe('resume --plain');
    // Line by line of itself (piped, no --plain): as before.
    const piped = await cli(['play', 'youth-discloses'], '', env);
    expect(said(piped.out, 'To start over instead:')).toBe('play youth-discloses --new');
    expect(said(piped.out, 'Continue with:')).toBe('resume');
  });

  it('keeps the session as it goes: opening the scenario again carries it on (the reveal, the counts, the summary so far); --new starts over; a finished one shows its debrief until --new', async () => {
    const env = tempEnv();
    const kept = join(env.XDG_STATE_HOME as string, 'casa-practice', 'facilitation');
    // Input ends at the reveal of decision 1.
    const first = await cli(['--facilitate', NEW_PHONE], '3 1 0\nr\n', env);
    expect(first.code).toBe(1);
    expect(first.out).toContain('The session is kept as it goes');
    expect(first.out.replace(/ \\\n +/g, ' ')).toMatch(/To carry on with this session later:\s.*--facilitate \S*new-phone\.json/);
    expect(readdirSync(kept)).toHaveLength(1);
    // Carried on at the reveal, before anything is typed: the room picks its branch, votes at decision 2, stops.
    const second = await cli(['--facilitate', NEW_PHONE], '1\n2 0 0\nq\n', env);
    expect(second.code).toBe(0);
    const [resumedAt = '', decision2 = ''] = second.out.split('-- Decision 2 of about 2');
    expect(resumedAt).toContain('Continuing the trainer-led session kept at decision 1');
    expect(resumedAt.replace(/\s+/g, ' ')).toContain('To start over instead: ');
    expect(resumedAt).toContain('Votes in all: 4');
    expect(resumedAt).toContain("> The room follows 1. That's a nice one! How did you get it?");
    expect(decision2).toContain('Votes: 1: 2 · 2: 0 · 3: 0');
    // The summary holds both decisions: the one before the break and the one after.
    const summary = readFileSync(/Session summary written to:\n(\S+\.md)/.exec(second.out)?.[1] as string, 'utf8');
    expect(summary).toContain("| 1 | ★ best practice: That's a nice one! How did you get it? | +2 | 3 (75%) |");
    expect(summary).toContain("Branch taken: 1. That's a nice one! How did you get it? (★ best practice)");
    expect(summary).toContain('| 1 | ★ best practice: Do: Call your Advocate Supervisor to talk through what you noticed. | +2 | 2 (100%) |');
    // --new: a fresh session at decision 1; the kept one stays until the new room votes.
    const fresh = await cli(['play', NEW_PHONE, '--facilitate', '--new'], 'q\n', env);
    expect(fresh.out).not.toContain('Continuing the trainer-led session');
    expect(fresh.out).toContain('-- Decision 1 of about 2');
    expect(fresh.out).not.toContain('To carry on with this session later');
    // Kept as it was, counts and all; the ending keeps it, finished.
    const last = await cli(['--facilitate', NEW_PHONE], 'r\n1\n', env);
    expect(last.out).toContain('Continuing the trainer-led session kept at decision 2');
    expect(last.out.split('-- Decision 2 of about 2')[1]).toContain('Votes: 1: 2 · 2: 0 · 3: 0');
    expect(last.out).toContain('DEBRIEF: Example: the new phone');
    expect(last.code).toBe(0);
    expect(readdirSync(kept)).toHaveLength(1);
    // (The command joined as a shell joins its lines: where it breaks depends on the folder the app is in.)
    expect(last.out.replace(/ \\\n +/g, ' ').replace(/\s+/g, ' ')).toMatch(/This finished session is kept: opening the scenario again shows its debrief\. To start a new session: .*--facilitate \S+ --new/);
    // Opened again: its debrief, not a new session started without a word (it used to be removed at the ending), and nothing written again.
    const summaries = readdirSync(join(env.XDG_STATE_HOME as string, 'casa-practice', 'exports')).length;
    const again = await cli(['--facilitate', NEW_PHONE], '', env);
    expect(again.code).toBe(0);
    // The summary written at the ending, by name (found by what it says): the newest of those the earlier stops wrote.
    const exportsFolder = join(env.XDG_STATE_HOME as string, 'casa-practice', 'exports');
    const newest = readdirSync(exportsFolder).map((f) => join(exportsFolder, f)).sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs).at(-1);
    // The path on a line of its own, whole.
    expect(again.out.replace(/\s+/g, ' ')).toContain('This trainer-led session finished here; its debrief follows. Its summary was written when it finished, to:');
    expect(again.out).toContain(`to:\n${newest as string}\nTo start a new session:`);
    expect(again.out).toContain('DEBRIEF: Example: the new phone');
    expect(again.out).not.toContain('-- Decision 1');
    expect(readdirSync(join(env.XDG_STATE_HOME as string, 'casa-practice', 'exports'))).toHaveLength(summaries);
    const renewed = await cli(['play', NEW_PHONE, '--facilitate', '--new'], 'q\n', env);
    expect(renewed.out).toContain('-- Decision 1 of about 2');
  });

  it('a damaged kept session is moved aside, said on stderr (the line, the file below on a line of its own, what to do), and a new session starts', async () => {
    const env = tempEnv();
    await cli(['--facilitate', NEW_PHONE], '1 0 0\n', env);
    const folder = join(env.XDG_STATE_HOME as string, 'casa-practice', 'facilitation');
    const [slot = ''] = readdirSync(folder);
    writeFileSync(join(folder, slot), '{"format": "casa-practice-facilitation", "formatVersion": 1, "past": [');
    const r = await cli(['--facilitate', NEW_PHONE], 'q\n', env);
    const aside = readdirSync(folder).find((f) => f !== slot) ?? '';
    expect(r.err.trim().split('\n')).toEqual([
      'casa-practice: Could not resume: the saved trainer-led session is damaged (it is not valid JSON). The trainer-led session was moved to the file below (nothing was deleted); a new session starts.',
      join(folder, aside),
      'casa-practice cannot use that file, but you can keep it, or send it to whoever helps you with the app; delete it once you no longer need it.',
    ]);
    expect(r.out).not.toContain('Continuing the trainer-led session');
    expect(r.out).toContain('-- Decision 1 of about 2');
    expect(readdirSync(folder).some((f) => f.startsWith(slot.replace(/\.json$/, '')) && f !== slot)).toBe(true);
  });

  it('with a state folder that cannot be written: says the session is not kept, and q ends with one line and exit 74, not an error', async () => {
    // Its summary goes where the debrief's e: export writes then: the folder the app was started in.
    const here = mkdtempSync(join(tmpdir(), 'casa-here-'));
    const env = tempEnv({ PWD: here });
    // The state folder's place is taken by a file.
    mkdirSync(env.XDG_STATE_HOME as string, { recursive: true });
    writeFileSync(join(env.XDG_STATE_HOME as string, 'casa-practice'), '');
    const r = await cli(['--facilitate', NEW_PHONE], '2 1 0\nq\n', env);
    expect(r.code).toBe(74);
    expect(r.out.replace(/\s+/g, ' ')).toContain(`This session is not kept as it goes, since the state folder cannot be written (see above): q ends it, and its summary is written to ${here} when it ends.`);
    expect(r.out).toContain(`The state folder cannot be written, so the session summary was written to:\n${here}/example-new-phone-session-`);
    expect(readdirSync(here)).toHaveLength(1);
    expect(r.out).not.toContain('To carry on with this session later');
    expect(r.err).not.toMatch(/unexpected error|\bat .*\.js:\d+/);
  });

  it('u goes back to the decision the room last followed a reply at, with its votes and reveal, and the summary forgets that branch', async () => {
    const r = await cli(['--facilitate', NEW_PHONE], 'u\n5 0 0\nr\n1\nu\n3\nq\n', tempEnv());
    expect(r.out).toContain('There is no decision to go back to yet.');
    const [, again = ''] = r.out.split('< Back to decision 1, with the room\'s votes there.');
    // Decision 1 again, revealed as it was, and the room follows another branch.
    expect(again).toContain('-- Decision 1 of about');
    expect(again).toContain('Votes in all: 5');
    expect(again).toContain('> The room follows 3. Do: Say nothing about the phone');
    const summary = readFileSync(/Session summary written to:\n(\S+\.md)/.exec(r.out)?.[1] as string, 'utf8');
    expect(summary.match(/## Decision 1:/g)).toHaveLength(1);
    expect(summary).toContain('Branch taken: 3. Do: Say nothing about the phone');
    expect(summary).not.toContain('Branch taken: 1.');
  });

  // The full-screen app asked first; line by line a u after the counts cleared them unasked.
  it('u asks first when votes have been entered at this decision, since going back clears them', async () => {
    const r = await cli(['--facilitate', NEW_PHONE], '5 0 0\nr\n1\n4 2 0\nu\nn\nr\nu\ny\nq\n', tempEnv());
    const out = r.out.replace(/\s+/g, ' ');
    expect(out).toContain('Go back to decision 1? The 6 votes entered at this decision will be cleared. Type y to go back, anything else to stay.');
    expect(out).toContain("Still at decision 2, with the room's votes.");
    // Not gone back at the n: the reveal that follows is decision 2's, with its 6 votes.
    const [before = ''] = r.out.split("< Back to decision 1, with the room's votes there.");
    expect(before.slice(before.indexOf('Still at decision 2'))).toContain('Votes in all: 6');
    expect(r.out.match(/< Back to decision 1, with the room's votes there\./g)).toHaveLength(1);
  });

  it('back at a revealed decision (u), it asks for the branch, not for votes; b goes back to the votes there and the counts can be put right', async () => {
    const r = await cli(['--facilitate', NEW_PHONE], '5 0 0\nr\n1\nu\n1 1\nb\n2 2 1\nr\n3\nq\n', tempEnv());
    const [, again = ''] = r.out.split('< Back to decision 1, with the room\'s votes there.');
    expect(again.slice(0, again.indexOf('Votes in all'))).not.toContain('Votes for reply 1 of');
    // A count typed at the reveal is told how to go back to the votes.
    expect(again.replace(/\s+/g, ' ')).toMatch(/Type the number of the reply the room follows \([\d, ]+\) or its id, b to go back to the votes/);
    expect(again).toContain('Back to the votes: type new counts, or r to reveal again.');
    expect(again).toContain('Votes in all: 5');
    expect(again.slice(again.indexOf('Back to the votes'))).toMatch(/Votes: 1: 2 · 2: 2 · 3: 1/);
    expect(again).toContain('> The room follows 3. Do: Say nothing about the phone');
  });

  it('s starts the session over once the trainer types y: the summary so far is written first, and decision 1 comes back', async () => {
    const env = tempEnv();
    const r = await cli(['--facilitate', NEW_PHONE], '4 0 0\nr\n1\ns\nn\ns\ny\nq\n', env);
    expect(r.out.replace(/\s+/g, ' ')).toContain('Start the session over from the beginning? The decision the room has made and the votes entered will be lost; the summary so far is written first.');
    expect(r.out).toContain('The session goes on.');
    const [before = '', after = ''] = r.out.split('Starting the session over from the beginning.');
    const first = readFileSync(/Session summary written to:\n(\S+\.md)/.exec(before)?.[1] as string, 'utf8');
    expect(first).toContain("Branch taken: 1. That's a nice one! How did you get it?");
    expect(after).toContain('-- Decision 1 of about');
    // The new session, quit before the room entered anything, leaves no empty summary behind.
    expect(after).toContain('Nothing was entered in this session, so no summary was written.');
    expect(after).not.toContain('Session summary written to');
    expect(readdirSync(join(stateDir(env), 'exports'))).toHaveLength(1);
  });

  it('s and y when the summary so far cannot be written start nothing over: the session goes on at the same decision, with its votes', async () => {
    const env = tempEnv();
    mkdirSync(stateDir(env), { recursive: true });
    writeFileSync(join(stateDir(env), 'exports'), '');
    const r = await cli(['--facilitate', NEW_PHONE], '4 0 0\nr\n1\n2 1 0\ns\ny\nq\n', env);
    const out = r.out.replace(/\s+/g, ' ');
    expect(out).toContain('The summary so far could not be written, so the session was not started over: it goes on as it was, and is kept.');
    expect(out).not.toContain('Starting the session over from the beginning.');
    const after = r.out.split('the session was not started over')[1] ?? '';
    expect(after).toContain('-- Decision 2 of about');
  });

  it('after the reveal, typing the number of a reply the story does not open here says why (it said only that it was not available)', async () => {
    const gated = gatedNewPhone();
    const order = await cli(['--facilitate', gated], 'q\n', tempEnv());
    const n = /(\d)\. Who bought you that\?/.exec(order.out)?.[1] as string;
    const r = await cli(['--facilitate', gated], `r\n${n}\nq\n`, tempEnv());
    const why = `Reply ${n} is not available now: it needs Jade's trust at least 80 (now 50).`;
    // (The reveal says it too, in that reply's column: facilitate.test checks the reveal's words.)
    const after = r.out.split('Which reply does the room follow?')[1] ?? '';
    expect(after.replace(/\s+/g, ' ')).toContain(why);
  });

  it('playing, a reply not available now says why in its author\'s words (typed here by its id, as by its number; it said only "That reply is not available right now.")', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'casa-reasoned-')), 'new-phone.json');
    writeFileSync(path, reasonedPhoneText(readFileSync(NEW_PHONE, 'utf8')));
    const r = await cli(['play', path, '--plain', '--new'], 'phone-accuse\nq\n', tempEnv());
    const n = /(\d)\. Who bought you that\?/.exec(r.out)?.[1] as string;
    expect(n).toBeDefined();
    expect(r.out.replace(/\s+/g, ' ')).toContain(`Reply ${n} is not available now: ${PHONE_REASON}.`);
    expect(r.out).not.toContain('That reply is not available right now.');
  });

  it('rejects counts that do not fit the replies and explains what to type', async () => {
    const r = await cli(['--facilitate', NEW_PHONE], '1 2\nabc\n5 1O 4\nq\n', tempEnv());
    const said = r.out.replace(/\s+/g, ' ');
    // What was wrong is said first (session 46's walkthrough: a typo, "1O" for 10, got the same words as two counts for three replies).
    expect(said).toContain("2 counts for 3 replies. Type one count (for reply 1), 3 counts on one line, r to reveal, w for who's who, or q.");
    expect(said).toContain('"abc" is not a count. Type one count (for reply 1)');
    expect(said).toContain('"1O" is not a count. Type one count (for reply 1)');
    // Enter alone (walked in tmux, term-54: stdin not a terminal, `echo |`): what to type, not '"" is not a count'.
    const empty = await cli(['--facilitate', NEW_PHONE], '\nq\n', tempEnv());
    expect(empty.out).not.toContain('"" is not a count');
    expect(empty.out.replace(/\s+/g, ' ')).toContain("Type one count (for reply 1), 3 counts on one line, r to reveal, w for who's who, or q.");
    // A count past the most a reply can have is refused, saying what the most is; nothing changes.
    const big = await cli(['--facilitate', NEW_PHONE], '4\n12345 0 0\n99999\nq\n', tempEnv());
    expect(big.out).toContain('At most 9999 votes per reply: type the counts again.');
    expect(big.out).toContain('At most 9999 votes per reply: type the count again.');
    expect(big.out).not.toContain('Votes: 1: 9999');
    expect(big.out).not.toContain('2: 9999');
  });
});

// These two start the real program (its exit code as the shell sees it, stdin that is not a TTY, a
// reader that closes the pipe), at the same time, before the tests in this process: the children
// run on the other core while those do. Everything else runs in this process.
let children: { lineByLine: Promise<CliRun>; closedEarly: Promise<string> } | undefined;
const startChildren = () => (children ??= {
  lineByLine: child(['play', NEW_PHONE], '1\n1\n', tempEnv()),
  closedEarly: new Promise<string>((resolve) => {
    const sh = spawn('sh', ['-c', `printf '1\\n1\\n' | "${BIN[0]}" "${BIN[1]}" play "${NEW_PHONE}" | head -c 10`], {
      cwd: ROOT, env: { ...process.env, XDG_STATE_HOME: tempEnv().XDG_STATE_HOME }, stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    sh.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    sh.on('close', () => resolve(err));
  }),
});
beforeAll(() => {
  startChildren();
});

describe('plain mode, end to end as a child process', () => {
  it('with stdin not a TTY (and no --plain) it goes line by line by itself: plays a scripted scenario from piped reply numbers, prints transcript, feedback and debrief, exits 0', async () => {
    const r = await startChildren().lineByLine;
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Content note: Mentions a possible older partner.');
    expect(r.out).toContain('-- Decision 1 of about 2: The new phone --');
    expect(r.out).toContain('Jade (youth): "Look, finally a phone');
    expect(r.out).toContain("> 1. You: That's a nice one! How did you get it?");
    expect(r.out).toContain('✓ follows Curious, not interrogating');
    expect(r.out).toContain('DEBRIEF: Example: the new phone');
    expect(r.out).toContain('Score: 100% (4 of 4 points)');
    expect(r.out).not.toMatch(/\u001b/);
    for (const line of r.out.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
  });

  it('never prints a stack trace when the reader closes the pipe early', async () => {
    const stderr = await startChildren().closedEarly;
    expect(stderr).not.toMatch(/at |Error/);
  });
});
