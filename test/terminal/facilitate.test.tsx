import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { loadPlayable, type PlayableScenario } from '../../src/terminal/scenario-source.js';
import { facilitationKey, recordCompletion } from '../../src/machines/index.js';
import { checkStateFolder, stateStore } from '../../src/terminal/node/state-store.js';
import { stateDir } from '../../src/terminal/state.js';
import { revealHints, voteHints } from '../../src/terminal/keys.js';
import { runFacilitatePlain } from '../../src/terminal/facilitate-plain.js';
import { runPlain } from '../../src/terminal/plain.js';
import { commandName } from '../../src/terminal/invocation.js';
import { inkRows, wrapWords } from '../../src/terminal/wrap.js';
import { EXPORT_TAKEN_BACK, exportTakenBackWords, roomHeading, SUMMARY_EXPORT_BEFORE_SHORT } from '../../src/terminal/ui/FacilitateScreen.js';
import { EXPORTED_AGAIN, shownStateDir } from '../../src/terminal/export.js';
import { MAX_VOTES } from '../../src/machines/index.js';
import { themeFor } from '../../src/terminal/theme.js';
import { appElement, KEY, newPhone, press, renderApp, renderAt, SCENARIOS, tap, tempEnv, throughEnding } from './helpers/ink.js';
import { BUNDLED } from './helpers/layout.js';
import { gatedPhoneText } from '../helpers/fixtures.js';
import { LONGER, withReplies } from './helpers/long-replies.js';

/** The example scenario started at its second decision (--from after-visit), as a trainer tests the end. */
function fromVisit(): PlayableScenario {
  const p = loadPlayable(join(SCENARIOS, 'new-phone.json'), 'after-visit');
  if ('problems' in p) throw new Error(p.problems);
  return p;
}

afterEach(() => cleanup());

describe('trainer-led sessions (--facilitate)', () => {
  it('shows the prompt without scores or the note, tallies votes, reveals every reply with best practice and the note, follows the room, and writes the summary', async () => {
    const env = tempEnv();
    const { element } = appElement({ env, start: { kind: 'facilitate', playable: newPhone() } });
    const r = await renderApp(element);
    await press(r, KEY.enter);
    let frame = r.lastFrame() ?? '';
    expect(frame).toContain('Discuss: What is the most natural thing to say here');
    // The note gives the answer away: hidden from the room until the trainer shows it with f.
    expect(frame).not.toContain('Facilitator note');
    expect(frame).toContain('f: facilitator note');
    expect(frame).not.toMatch(/follows|violates|Score|best practice/);
    await press(r, 'f');
    expect(r.lastFrame()).toContain('Facilitator note: Listen for whether the room treats the phone as proof');
    expect(r.lastFrame()).toContain('f: hide note');
    await press(r, 'f');
    expect(r.lastFrame()).not.toContain('Facilitator note');

    await press(r, '1', '2', KEY.down, '3', KEY.down, '5', KEY.backspace, '+', '+', '-');
    frame = r.lastFrame() ?? '';
    expect(frame).toContain("That's a nice one! How did you get it? · votes: 12");
    expect(frame).toContain('You need to tell me the truth. · votes: 3');
    expect(frame).toContain('move on to school. · votes: 1');
    // The votes in all, at the top as presenter mode says them under its boxes: the trainer sees when the room has voted.
    expect(frame.split('\n').slice(0, 2).join(' ')).toMatch(/Decision 1 of about \d+ · 16 votes entered/);

    await press(r, 'r');
    frame = (r.lastFrame() ?? '').replace(/[│╭╮╰╯─]/g, ' ').replace(/\s+/g, ' ');
    // Side by side: the three replies head three columns of one row.
    expect(r.lastFrame()).toMatch(/1\. That's a nice one! How did +│ 2\. Who bought you that\? You +│ 3\. Do: Say nothing about/);
    for (const cell of ['Votes: 12 (75%)', 'Votes: 3 (19%)', 'Votes: 1 (6%)', 'Score: +2', 'Score: −3', 'Score: +1', '✗ violates Curious', 'Votes in all: 16', '████████░░']) expect(frame).toContain(cell);
    // Best practice is marked under the first reply only, and the note is shown now.
    expect(r.lastFrame()).toMatch(/^ *★ best practice +│/m);
    expect(r.lastFrame()?.match(/★ best practice/g)).toHaveLength(1);
    // The note follows the replies: scroll to it.
    for (let i = 0; i < 10 && /more below/.test(r.lastFrame() ?? ''); i++) await press(r, '\u001b[6~');
    expect((r.lastFrame() ?? '').replace(/\s+/g, ' ')).toContain('Facilitator note: Listen for whether the room treats the phone as proof');

    await press(r, '1', KEY.enter);
    expect(r.lastFrame()).not.toContain('Facilitator note');
    expect(r.lastFrame()).toContain('votes: 0');
    await press(r, '9', 'r', '1');
    // How the story ended first, for the room too; then the debrief.
    expect(await throughEnding(r)).toContain('A plan you made together');
    const end = r.lastFrame() ?? '';
    expect(end).toContain('Debrief: Example: the new phone');
    expect(end).toContain("3 Room's path");
    // The end screen says how the room did as the summary does: the branch it took (left out before), then its votes.
    expect(end.replace(/\s+/g, ' ')).toContain("The branch the room took was best practice at 2 of 2 decisions (100%). The room's most-voted reply was best practice at 2 of 2 decisions with votes (100%); 21 of 25 votes (84%) went to best-practice replies.");
    const path = /Session summary written to:\s+(\S+\.md)/.exec(end)?.[1];
    expect(path).toBeDefined();
    // Shown within the state folder, which the notice names.
    expect(end).toContain(`(in the state folder ${stateDir(env)})`);
    const summary = readFileSync(join(stateDir(env), path as string), 'utf8');
    expect(summary).toContain('## Decision 1: The new phone');
    expect(summary).toContain("| 1 | ★ best practice: That's a nice one! How did you get it? | +2 | 12 (75%) |");
    expect(summary).toContain('| 2 | Who bought you that? You need to tell me the truth. | −3 | 3 (19%) |');
    expect(summary).toContain("Branch taken: 1. That's a nice one! How did you get it? (★ best practice)");
    expect(summary).toContain('The branch the room took was best practice at 2 of 2 decisions (100%).');
    expect(summary).toContain('## Decision 2: After the visit');
    expect(summary).toContain('| 1 | ★ best practice: Do: Call your Advocate Supervisor to talk through what you noticed. | +2 | 9 (100%) |');
    expect(summary).toContain('## Debrief: Example: the new phone');
    expect(summary).toContain('**Score:** 100% (4 of 4 points)');
  });

  /**
   * A trainer-led session played (`keys`) to its ending and through it, its debrief exported with e,
   * then left with q: what leaving said (each line), the state folder named in it exactly once.
   */
  async function leftAfterExport(playable: PlayableScenario, columns: number, rows: number, keys: string[]) {
    const env = tempEnv();
    const { element, exit } = appElement({ env, start: { kind: 'facilitate', playable } });
    const r = await renderAt(element, columns, rows);
    await press(r, ...keys);
    await throughEnding(r);
    await press(r, 'e');
    await tap(r, 'q');
    const said = exit.mock.calls[0]?.[0] ?? '';
    const folder = stateDir(env);
    expect(said.split(folder).length - 1, said).toBe(1);
    return { said, lines: said.split('\n'), folder };
  }

  // From the terminal walkthrough (session 46): e at the end of a trainer-led session wrote the
  // volunteer's debrief, "Practice mode" and "You went against…", "Your path beside best practice",
  // though the screen said "The room…": a supervisor handed the file took it for one volunteer's practice.
  it('e at the end of a session exports the debrief in the room\'s words, as a trainer-led session not added to the records', async () => {
    const env = tempEnv();
    const { element } = appElement({ env, start: { kind: 'facilitate', playable: newPhone() } });
    const r = await renderApp(element);
    await press(r, KEY.enter, KEY.down, '4', 'r', '2', KEY.enter, '3', 'r', '1');
    expect(await throughEnding(r)).toBeDefined();
    await press(r, 'e');
    expect(r.lastFrame()).toContain('Debrief exported to:');
    const exports = join(stateDir(env), 'exports');
    const name = readdirSync(exports).find((f) => /-debrief-.*\.md$/.test(f));
    expect(name).toBeDefined();
    const md = readFileSync(join(exports, name as string), 'utf8');
    expect(md.split('\n')[2]).toMatch(/^_Trainer-led session · not added to the records · exported /);
    expect(md).not.toMatch(/Practice mode|^- You |Your path|Your reply/m);
    expect(md).toContain("## The room's path beside best practice");
    expect(md).toContain('| Decision | The room\'s reply | Best practice here |');
    // …and where the room went against it, as a missed chance's decisions are named.
    expect(md).toMatch(/^- The room went against "Curious, not interrogating" .* Gone against at decision \d+ \("[^"\n]+"\)\.$/m);
    const json = JSON.parse(readFileSync(join(exports, (name as string).replace(/\.md$/, '.json')), 'utf8')) as Record<string, unknown>;
    expect(json).toMatchObject({ trainerLed: true, recorded: false });
  });
  // Walkthrough (session 47, 120×40): leaving the debrief after e printed the exported files as
  // whole paths, the summary under them as the screen names it ("exports/…" and "(in the state
  // folder …)"): two ways of naming files in the same folder, one above the other. Both are named
  // as the screen names them now, the state folder once.
  it('q after e at 120×40 names the exported debrief and the summary the same way, the state folder once', async () => {
    const { said, lines, folder } = await leftAfterExport(newPhone(), 120, 40, [KEY.enter, '4', 'r', '1', KEY.enter, '3', 'r', '1']);
    expect(lines.slice(0, 7), said).toEqual([
      'Debrief exported to:',
      expect.stringMatching(/^exports\/example-new-phone-debrief-\S+\.md$/),
      expect.stringMatching(/^exports\/example-new-phone-debrief-\S+\.json$/),
      `(in the state folder ${folder})`,
      'Session summary written to:',
      expect.stringMatching(/^exports\/example-new-phone-session-\S+\.md$/),
      '(in the state folder above)',
    ]);
  });

  // Walkthrough (session 47, 60×24): left-placement-calls' export is 61 columns within the state
  // folder ("exports/left-placement-calls-debrief-….json"): printed on leaving as the screen names
  // it, the terminal broke it mid-name ("….jso" / "n"). Longer than the row, the files are named
  // by their names, "(in exports/ in the state folder …)" under them, the folder still named once.
  it('q after e at 60×24 with an export path longer than the row names the files whole, each on a row, the state folder once', async () => {
    const { said, lines } = await leftAfterExport(bundled('left-placement-calls.json', 'd8-why'), 60, 24, [KEY.enter, '3', 'r', '1']);
    expect(lines.slice(0, 4), said).toEqual([
      'Debrief exported to:',
      expect.stringMatching(/^left-placement-calls-debrief-\S+\.md$/),
      expect.stringMatching(/^left-placement-calls-debrief-\S+\.json$/),
      expect.stringMatching(/^\(in exports\/ in the state folder/),
    ]);
    expect(lines.slice(0, 3).every((l) => l.length <= 60), said).toBe(true);
    expect(said).toContain('(in the state folder above)');
  });

  // From the terminal walkthrough (session 44): the whole path, longer than a row at 60 columns, was
  // printed on a row of its own all the same, and the terminal broke it mid-name
  // ("…/exports/testifying-session" and "-2026-12-06T06-58-19.md"). Where it does not fit a row it
  // is named as the debrief names it: within the state folder, and the folder on the next row.
  it('at 60 columns q prints where the summary went and the command to carry on, each whole on a row of its own, none longer than the row', async () => {
    const env = { ...tempEnv(), NO_COLOR: '1' };
    const { element, exit } = appElement({ env, start: { kind: 'facilitate', playable: bundled('testifying.json') } });
    const r = await renderAt(element, 60, 24);
    await press(r, KEY.enter, KEY.enter, '7', 'q');
    await tap(r, 'y');
    // Wrapped to the window as the app's last words are printed (run-app).
    const rows = wrapWords(exit.mock.calls[0]?.[0] ?? '', 60, `${commandName(env)} `).split('\n');
    expect(join(stateDir(env), 'exports', 'testifying-session-2026-12-06T06-58-19.md').length).toBeGreaterThan(60);
    for (const row of rows) expect([...row].length, row).toBeLessThanOrEqual(60);
    expect(rows[0]).toBe('Session summary written to:');
    expect(rows[1]).toMatch(/^exports\/testifying-session-[\dT-]+\.md$/);
    expect(rows[2]).toBe(`(in the state folder ${stateDir(env)})`);
    expect(existsSync(join(stateDir(env), rows[1] as string))).toBe(true);
    expect(rows[3]).toBe('To carry on with this session later:');
    expect(rows[4]).toMatch(/^\S*casa-practice\S* --facilitate testifying$/);
  });

  it('at 120 columns q prints the summary\'s whole path on a row of its own, where it fits', async () => {
    const env = { ...tempEnv(), NO_COLOR: '1' };
    const { element, exit } = appElement({ env, start: { kind: 'facilitate', playable: bundled('testifying.json') } });
    const r = await renderAt(element, 120, 40);
    await press(r, KEY.enter, KEY.enter, '7', 'q');
    await tap(r, 'y');
    const rows = wrapWords(exit.mock.calls[0]?.[0] ?? '', 120, `${commandName(env)} `).split('\n');
    expect(rows[0]).toBe('Session summary written to:');
    expect(rows[1]).toMatch(/^\/\S+\/exports\/testifying-session-[\dT-]+\.md$/);
    expect(existsSync(rows[1] as string)).toBe(true);
    expect(rows[2]).toMatch(/^To carry on with this session later:/);
  });

  // From the terminal walkthrough (session 46): a closed window wrote the decisions followed only, so
  // the votes on screen were in the kept session but not in the summary (and a room that had voted at
  // its first decision got none); q writes them, "The session stopped at this decision".
  it('a closed window writes the summary as q does, with the votes entered at the decision on screen', async () => {
    const env = tempEnv();
    const { element, saver } = appElement({ env, start: { kind: 'facilitate', playable: newPhone() } });
    const r = await renderApp(element);
    await press(r, KEY.enter, '3', 'r', '1', KEY.enter, '4');
    expect(r.lastFrame()).toContain('votes: 4');
    const said = saver.current?.();
    expect(said).toMatch(/^Session summary written to:/);
    const exports = join(stateDir(env), 'exports');
    const summary = readFileSync(join(exports, readdirSync(exports)[0] as string), 'utf8');
    expect(summary).toContain('## Decision 2: After the visit');
    expect(summary).toMatch(/\| 4 \(100%\) \|/);
    expect(summary).toContain('The session stopped at this decision.');
  });

  it('a closed window at the first decision, votes entered, writes a summary of them', async () => {
    const env = tempEnv();
    const { element, saver } = appElement({ env, start: { kind: 'facilitate', playable: newPhone() } });
    const r = await renderApp(element);
    await press(r, KEY.enter, '5');
    expect(saver.current?.()).toMatch(/^Session summary written to:/);
    const exports = join(stateDir(env), 'exports');
    expect(readFileSync(join(exports, readdirSync(exports)[0] as string), 'utf8')).toMatch(/## Decision 1: The new phone[\s\S]*\| 5 \(100%\) \|[\s\S]*The session stopped at this decision\./);
  });

  it('ending a session early writes the summary so far', async () => {
    const { element, exit } = appElement({ env: tempEnv(), start: { kind: 'facilitate', playable: newPhone() } });
    const r = await renderApp(element);
    await press(r, KEY.enter, '7', 'q');
    await tap(r, 'y');
    const message = exit.mock.calls[0]?.[0] ?? '';
    const summary = readFileSync(/written to:\n(\S+\.md)/.exec(message)?.[1] as string, 'utf8');
    expect(summary).toContain("| 1 | ★ best practice: That's a nice one! How did you get it? | +2 | 7 (100%) |");
    expect(summary).toContain('The session stopped at this decision.');
    expect(summary).toContain('The session ended before the scenario did.');
  });

  it('Enter after a count moves to the next reply, so "12 Enter 3 Enter 1" is three counts, not 1231 for the first', async () => {
    // A trainer typing the room's counts one after another presses Enter after each; it used to do
    // nothing, so the next count was appended to the same reply (12, then 123, then 1231).
    const r = await renderApp(appElement({ env: tempEnv(), start: { kind: 'facilitate', playable: newPhone() } }).element);
    await press(r, KEY.enter, '1', '2', KEY.enter, '3', KEY.enter, '1');
    const frame = r.lastFrame() ?? '';
    expect(frame).toContain("That's a nice one! How did you get it? · votes: 12");
    expect(frame).toContain('You need to tell me the truth. · votes: 3');
    expect(frame).toContain('move on to school. · votes: 1');
    // The help line says what Enter does here: it moves to the next reply; it chooses no branch.
    expect(frame).toContain('↑↓ Enter: which reply · 0–9 ⌫ + −: its votes');
    // From the last reply Enter goes back to the first, as ↓ does.
    await press(r, KEY.enter, '+');
    expect(r.lastFrame()).toContain("That's a nice one! How did you get it? · votes: 13");
  });

  it('a count past 9999 is kept at 9999 and the help line says so until the next key', async () => {
    const r = await renderApp(appElement({ env: tempEnv(), start: { kind: 'facilitate', playable: newPhone() } }).element);
    await press(r, KEY.enter, '1', '2', '3', '4');
    expect(r.lastFrame()).not.toContain('At most');
    await press(r, '5');
    const frame = (r.lastFrame() ?? '').replace(/\s+/g, ' ');
    expect(frame).toContain("That's a nice one! How did you get it? · votes: 9999");
    expect(frame).toContain('At most 9999 votes per reply: a larger count is kept at 9999.');
    await press(r, KEY.backspace);
    expect(r.lastFrame()).toContain('votes: 999');
    expect(r.lastFrame()).not.toContain('At most');
    expect(r.lastFrame()).toContain('r: reveal');
  });

  it('the reveal says where b goes: back to the votes, which are kept', async () => {
    // The help line said "b: hide", which did not say what comes back.
    const r = await renderApp(appElement({ env: tempEnv(), start: { kind: 'facilitate', playable: newPhone() } }).element);
    await press(r, KEY.enter, '4', 'r');
    expect(r.lastFrame()).toContain('b: back to the votes');
    await press(r, 'b');
    expect(r.lastFrame()).toContain("That's a nice one! How did you get it? · votes: 4");
    expect(r.lastFrame()).toContain('r: reveal');
  });

  it('after the reveal, a reply the story does not open here says why (its number typed said so before, but the reveal gave no reason)', async () => {
    // Tall enough for the whole reveal one under another.
    const r = await renderAt(appElement({ env: tempEnv(), start: { kind: 'facilitate', playable: gatedPhone() } }).element, 60, 80);
    await press(r, KEY.enter, 'r');
    const frame = r.lastFrame().replace(/\s+/g, ' ');
    expect(frame).toMatch(/Reply \d is not available now: it needs Jade's trust at least 80 \(now 50\)\./);
    // Once, under that reply only.
    expect(frame.match(/is not available now/g)).toHaveLength(1);
  });

  // With ten replies or more, "1" at the reveal followed reply 1 at once: the room could never be
  // sent down reply 10, 11 or 12, and the help line said "1–9".
  it('with twelve replies, the branch is typed as when playing: "1 1" follows reply 11, "1 Enter" reply 1', async () => {
    const branchTaken = async (keys: string[]) => {
      const env = tempEnv();
      const { element, exit } = appElement({ env, start: { kind: 'facilitate', playable: manyRepliesPhone() } });
      const r = await renderAt(element, 80, 60);
      await press(r, KEY.enter, 'r');
      expect(r.lastFrame()).toContain('1–12: the branch the room follows');
      await press(r, '1');
      expect(r.lastFrame()).toContain('Reply 1: Enter follows it, or type the next digit.');
      await press(r, ...keys, 'q');
      await tap(r, 'y');
      // (Named within the state folder where the whole path is longer than the 80 columns.)
      const summary = readFileSync(resolve(stateDir(env), /written to:\n(\S+\.md)/.exec(exit.mock.calls[0]?.[0] ?? '')?.[1] as string), 'utf8');
      return /Branch taken: (\d+)\./.exec(summary)?.[1];
    };
    expect(await branchTaken(['1'])).toBe('11');
    expect(await branchTaken([KEY.enter])).toBe('1');
  });

  // The reveal said "violates: Don't investigate (guide: …)" as it says a lesser fault: the live
  // feedback, the debrief and the transcript say ", critical" where a critical principle is broken.
  const CRITICAL = 'violates Don\'t investigate (guide: "Prohibited Activities", critical)';
  it('at the reveal, a reply breaking a critical principle says ", critical" in its verdict, and no other does', async () => {
    const r = await renderAt(appElement({ env: tempEnv(), start: { kind: 'facilitate', playable: newPhone() } }).element, 60, 80);
    // Decision 1 revealed and reply 1 followed; through the scene to decision 2 (looking Jade up online: investigating), revealed.
    await press(r, KEY.enter, 'r', '1', KEY.enter, 'r');
    const frame = r.lastFrame().replace(/\s+/g, ' ');
    expect(frame).toContain('Votes in all: 0');
    expect(frame).toContain(CRITICAL);
    expect(frame.match(/critical/g)).toHaveLength(1);
  });

  // From the terminal walkthrough (session 44): line by line in a 60-column terminal, q printed the
  // summary's whole path on a row of its own, and the terminal broke it mid-name. Where stdout is a
  // terminal (terminalWidth) it is named as the full screen names it where it is longer than the row;
  // into a pipe or a file (no terminalWidth) it stays whole, for scripts.
  it('line by line in a terminal at 60 columns, q names the summary within the state folder, each row whole; piped, the whole path', async () => {
    const env = tempEnv();
    const run = async (terminalWidth?: () => number) => {
      let out = '';
      const lines = ['3 1 0 2', 'q'];
      await runFacilitatePlain({ playable: bundled('testifying.json'), io: { out: (t) => (out += t), err: (t) => (out += t) }, env, width: 60, readLine: async () => lines.shift(), ...(terminalWidth ? { terminalWidth } : {}) });
      return out.split('\n');
    };
    const rows = await run(() => 60);
    const at = rows.indexOf('Session summary written to:');
    expect(rows[at + 1]).toMatch(/^exports\/testifying-session-[\dT-]+\.md$/);
    expect(rows[at + 2]).toBe(`(in the state folder ${stateDir(env)})`);
    expect(existsSync(join(stateDir(env), rows[at + 1] as string))).toBe(true);
    for (const row of rows) expect([...row].length, row).toBeLessThanOrEqual(60);
    const piped = await run();
    expect(piped[piped.indexOf('Session summary written to:') + 1]).toMatch(/^\/\S+\/exports\/testifying-session-[\dT-]+\.md$/);
    // Wide enough, the whole path in a terminal too.
    const wide = await run(() => 200);
    expect(wide[wide.indexOf('Session summary written to:') + 1]).toMatch(/^\/\S+\/exports\/testifying-session-[\dT-]+\.md$/);
  });

  it('line by line in a terminal at 60 columns, a finished session opened again names its summary within the state folder', async () => {
    const env = tempEnv();
    const run = async (lines: string[]) => {
      let out = '';
      await runFacilitatePlain({ playable: newPhone(), io: { out: (t) => (out += t), err: (t) => (out += t) }, env, width: 60, readLine: async () => lines.shift(), terminalWidth: () => 60 });
      return out.split('\n');
    };
    await run(['1 0 0', 'r', '1', '0 1 0', 'r', '1']);
    const rows = await run([]);
    const at = rows.findIndex((row) => row.endsWith('finished, to:'));
    expect(at, rows.join('\n')).toBeGreaterThan(0);
    expect(rows[at + 1]).toMatch(/^exports\/example-new-phone-session-[\dT-]+\.md$/);
    expect(rows[at + 2]).toBe(`(in the state folder ${stateDir(env)})`);
    // (The command to start a new session names the fixture by its long path: left whole to be copied.)
    for (const row of rows.slice(0, at + 3)) expect([...row].length, row).toBeLessThanOrEqual(60);
  });

  it('line by line, the reveal says ", critical" where a reply breaks a critical principle, and nowhere else', async () => {
    let out = '';
    const lines = ['1 0 0', 'r', '1', '0 1 0', 'r', 'q'];
    await runFacilitatePlain({ playable: newPhone(), io: { out: (t) => (out += t), err: (t) => (out += t) }, env: tempEnv(), width: 60, readLine: async () => lines.shift() });
    // At 60 columns the replies go one under another, each verdict on its own rows.
    const reveal = out.slice(out.lastIndexOf('Votes in all:'));
    expect(reveal.replace(/\s+/g, ' ')).toContain(CRITICAL);
    expect(reveal.match(/critical/g)).toHaveLength(1);
  });

  it('line by line, a trainer-led session shows no meter and no meter change, as its full-screen, presenter and projector views', async () => {
    // --plain printed "[Jade's trust: 50 of 100]" under each heading and the scenes' changes, in
    // front of the room, where the other trainer-led views show the story and the votes only.
    let out = '';
    const lines = ['1 0 0', 'r', '1', '0 1 0', 'r', '1', 'q'];
    await runFacilitatePlain({ playable: newPhone(), io: { out: (t) => (out += t), err: (t) => (out += t) }, env: tempEnv(), width: 200, readLine: async () => lines.shift() });
    expect(out).toContain('Votes in all:');
    expect(out).not.toContain("Jade's trust");
    // The same scenario played alone still shows its meter.
    let alone = '';
    const keys = ['1', '1', '', '', 'q'];
    await runPlain({ playable: newPhone(), mode: 'practice', io: { out: (t) => (alone += t), err: (t) => (alone += t) }, env: tempEnv(), width: 200, readLine: async () => keys.shift() });
    expect(alone).toContain("[Jade's trust: 50 of 100]");
  });

  it('an action stays marked "Do:" at the reveal, as in the replies the room voted on: never read as words to say', async () => {
    const r = await renderAt(appElement({ env: tempEnv(), start: { kind: 'facilitate', playable: newPhone() } }).element, 60, 80);
    await press(r, KEY.enter);
    expect(r.lastFrame()).toMatch(/\d\. Do: Say nothing about the phone/);
    await press(r, 'r');
    const frame = r.lastFrame().replace(/\s+/g, ' ');
    expect(frame).toMatch(/\d\. Do: Say nothing about the phone/);
    expect(frame).toMatch(/\d\. Who bought you that\?/);
  });

  it('u goes back to the decision the room last followed a reply at, with its votes and reveal, and the summary forgets that branch', async () => {
    // A branch key pressed by mistake in front of the room could only be put right by starting over.
    const { element, exit } = appElement({ env: tempEnv(), start: { kind: 'facilitate', playable: newPhone() } });
    const r = await renderApp(element);
    await press(r, KEY.enter);
    expect(r.lastFrame()).not.toContain('u: back');
    await press(r, '5', 'r', '1');
    expect(r.lastFrame()).toContain('My boyfriend got it for me.');
    expect(r.lastFrame()).toContain('u: back to decision 1');
    await press(r, 'u');
    const frame = (r.lastFrame() ?? '').replace(/\s+/g, ' ');
    expect(frame).toContain('Decision 1 of about');
    expect(frame).toContain('Votes in all: 5');
    expect(frame).not.toContain('u: back');
    await press(r, 'b');
    expect(r.lastFrame()).toContain("That's a nice one! How did you get it? · votes: 5");
    await press(r, 'r', '3', 'q');
    await tap(r, 'y');
    const summary = readFileSync(/written to:\n(\S+\.md)/.exec(exit.mock.calls[0]?.[0] ?? '')?.[1] as string, 'utf8');
    expect(summary.match(/## Decision 1:/g)).toHaveLength(1);
    expect(summary).toContain('Branch taken: 3. Do: Say nothing about the phone');
    expect(summary).not.toContain("Branch taken: 1.");
  });

  // The last branch key pressed by mistake ended the session: u, which goes back from every earlier branch, did nothing at the end.
  it('u at the ending (and on the debrief) goes back to the last decision revealed with its votes; ending again writes the summary again in the same file', async () => {
    const env = tempEnv();
    const app = appElement({ env, start: { kind: 'facilitate', playable: newPhone() } });
    const r = await renderApp(app.element);
    await press(r, KEY.enter, '5', 'r', '1', KEY.enter, '4', 'r', '1');
    expect(r.lastFrame()).toMatch(/: how it ended\n/);
    expect(r.lastFrame()).toContain('u: back to decision 2');
    await press(r, 'u');
    const frame = (r.lastFrame() ?? '').replace(/\s+/g, ' ');
    expect(frame).toContain('Decision 2 of about');
    expect(frame).toContain('Votes in all: 4');
    // Another branch, then from the debrief's sections this time.
    await press(r, '3');
    await throughEnding(r);
    const debrief = (r.lastFrame() ?? '').replace(/\s+/g, ' ');
    expect(debrief).toContain('Debrief: Example: the new phone');
    expect(debrief).toContain('u: the room returns to decision 2, revealed with its votes; the summary is then written again in the same file.');
    expect(debrief).toContain('u: back to decision 2');
    await press(r, 'u');
    expect((r.lastFrame() ?? '').replace(/\s+/g, ' ')).toContain('Votes in all: 4');
    await press(r, '1');
    await throughEnding(r);
    await tap(r, 'q');
    const [said, code] = app.exit.mock.calls.at(-1) ?? [];
    expect(code).toBe(0);
    // One summary, written again in its place at each ending: the branch followed last.
    const files = readdirSync(join(stateDir(env), 'exports')).filter((f) => f.endsWith('.md'));
    expect(files).toHaveLength(1);
    expect(said).toContain(`exports/${files[0]}`);
    const summary = readFileSync(join(stateDir(env), 'exports', files[0] as string), 'utf8');
    expect(summary.match(/## Decision 2:/g)).toHaveLength(1);
    expect(summary).toMatch(/## Decision 2:[\s\S]*Branch taken: 1\./);
  });

  // From the terminal walkthrough (term2-47): a debrief exported with e, then u and another branch
  // followed to an ending: the file still described the path taken back, and nothing said so.
  it('a debrief exported with e, then u and another ending: the export is written again in the same files for the new ending, said on screen; leaving before that ending says the file describes the one taken back', async () => {
    const env = tempEnv();
    const app = appElement({ env, start: { kind: 'facilitate', playable: newPhone() } });
    const r = await renderApp(app.element);
    const exports = join(stateDir(env), 'exports');
    const debriefs = () => readdirSync(exports).filter((f) => /-debrief-/.test(f)).sort();
    await press(r, KEY.enter, '5', 'r', '1', KEY.enter, '4', 'r', '1');
    await throughEnding(r);
    await press(r, 'e');
    const [json, md] = debriefs();
    const first = readFileSync(join(exports, md as string), 'utf8');
    expect(first).toMatch(/Branch|reply/i);
    // u says the export is written again too.
    expect((r.lastFrame() ?? '').replace(/\s+/g, ' ')).toContain('the summary and the debrief exported are then written again in the same files.');
    await press(r, 'u', '3');
    await throughEnding(r);
    const frame = (r.lastFrame() ?? '').replace(/\s+/g, ' ');
    expect(frame).toContain(`Debrief export written again for this ending: exports/${md as string} exports/${json as string}`);
    // The same two files, now of the ending the room reached.
    expect(debriefs()).toEqual([json, md]);
    const second = readFileSync(join(exports, md as string), 'utf8');
    expect(second).not.toBe(first);
    expect(JSON.parse(readFileSync(join(exports, json as string), 'utf8'))).toMatchObject({ trainerLed: true });
    // e again: already exported, nothing more written.
    await press(r, 'e');
    expect((r.lastFrame() ?? '').replace(/\s+/g, ' ')).toContain(`Already exported to: exports/${md as string}`);
    expect(debriefs()).toEqual([json, md]);
    // Back from this ending too, and stopped there: leaving says the export is of the ending taken back.
    await press(r, 'u', 'q');
    await tap(r, 'y');
    const said = (app.exit.mock.calls.at(-1)?.[0] ?? '').replace(/\s+/g, ' ');
    expect(said, said).toMatch(new RegExp(`${EXPORT_TAKEN_BACK} \\S*exports/${md as string}`));
  });

  // Brief term-48 (A): exported with e, then u, then s (start over) at a decision: q and a closed
  // window there said that the export describes the ending taken back, s said nothing. It says it
  // in q's words (exportTakenBackWords): on the new session's first screen (one row at 60×24,
  // named on leaving), and again as the app is left, by q or a closed window.
  it.each([[100, 30], [60, 24]])('at %i×%i, a debrief exported with e, then u and s: the new session says, as q does, that the export describes the ending taken back', async (columns, rows) => {
    const env = tempEnv();
    const app = appElement({ env, start: { kind: 'facilitate', playable: newPhone() } });
    const r = await renderAt(app.element, columns, rows);
    const exports = join(stateDir(env), 'exports');
    await press(r, KEY.enter, '5', 'r', '1', KEY.enter, '4', 'r', '1');
    await throughEnding(r);
    await press(r, 'e');
    const md = join(exports, readdirSync(exports).find((f) => /-debrief-.*\.md$/.test(f)) as string);
    const words = exportTakenBackWords(md, columns, env);
    await press(r, 'u', 's', 'y');
    const first = r.lastFrame().replace(/\s+/g, ' ');
    expect(first, r.lastFrame()).toContain('Discuss:');
    if (columns === 100) expect(first).toContain(words.replace(/\s+/g, ' '));
    else expect(first).toContain(SUMMARY_EXPORT_BEFORE_SHORT);
    // A closed window now, and q: each says it, in the same words.
    // (On leaving, the state folder is named once: "(in the state folder above)" after the first.)
    const onLeaving = words.replace(`(in the state folder ${shownStateDir(env)})`, '(in the state folder above)');
    expect(app.saver.current?.()).toContain(onLeaving);
    await press(r, 'q');
    await tap(r, 'y');
    const said = app.exit.mock.calls.at(-1)?.[0] ?? '';
    expect(said, said).toContain(onLeaving);
    expect(said).toContain(EXPORT_TAKEN_BACK);
    // The state folder named once (at 60 columns each file within it was followed by it again).
    expect(said.split('\n').filter((l) => l.startsWith('(in the state folder /')).length, said).toBeLessThanOrEqual(1);
  });

  // Brief term-48 (B): exported with e, then u and q: carried on in a later run and taken to another
  // ending, the export still described the ending taken back (its paths were not kept with the
  // session), and nothing said so. Kept with the session now, it is written again in its files at
  // the next ending; leaving before then says what it describes, as in the run that exported it.
  it('a debrief exported with e, then u and q, is written again at the ending the session reaches when carried on in a later run', async () => {
    const env = tempEnv();
    const exports = join(stateDir(env), 'exports');
    const debriefs = () => readdirSync(exports).filter((f) => /-debrief-/.test(f)).sort();
    const one = appElement({ env, start: { kind: 'facilitate', playable: newPhone() } });
    let r = await renderApp(one.element);
    await press(r, KEY.enter, '5', 'r', '1', KEY.enter, '4', 'r', '1');
    await throughEnding(r);
    await press(r, 'e');
    const [json, md] = debriefs();
    const first = readFileSync(join(exports, md as string), 'utf8');
    await press(r, 'u', 'q');
    await tap(r, 'y');
    expect(one.exit.mock.calls.at(-1)?.[0]).toContain(exportTakenBackWords(join(exports, md as string), 100, env));
    cleanup();

    // Carried on, and left again before an ending: it still says so.
    const two = appElement({ env, start: { kind: 'facilitate', playable: newPhone() } });
    r = await renderApp(two.element);
    await press(r, KEY.enter, KEY.enter);
    expect((r.lastFrame() ?? '').replace(/\s+/g, ' ')).toContain('Votes in all: 4');
    await press(r, 'q');
    await tap(r, 'y');
    expect(two.exit.mock.calls.at(-1)?.[0]).toContain(exportTakenBackWords(join(exports, md as string), 100, env));
    cleanup();

    // Carried on to another ending: written again in the same two files, and said so.
    const three = appElement({ env, start: { kind: 'facilitate', playable: newPhone() } });
    r = await renderApp(three.element);
    await press(r, KEY.enter, KEY.enter, '3');
    await throughEnding(r);
    expect((r.lastFrame() ?? '').replace(/\s+/g, ' ')).toContain(`Debrief export written again for this ending: exports/${md as string} exports/${json as string}`);
    expect(debriefs()).toEqual([json, md]);
    const second = readFileSync(join(exports, md as string), 'utf8');
    expect(second).not.toBe(first);
    expect(JSON.parse(readFileSync(join(exports, json as string), 'utf8'))).toMatchObject({ trainerLed: true });
  });

  it('line by line, a session whose debrief was exported full screen (e, u, q) keeps the export, says on q what it describes, and writes it again at its ending', async () => {
    const env = tempEnv();
    const exports = join(stateDir(env), 'exports');
    const debriefs = () => readdirSync(exports).filter((f) => /-debrief-/.test(f)).sort();
    const one = appElement({ env, start: { kind: 'facilitate', playable: newPhone() } });
    const r = await renderApp(one.element);
    await press(r, KEY.enter, '5', 'r', '1', KEY.enter, '4', 'r', '1');
    await throughEnding(r);
    await press(r, 'e', 'u', 'q');
    await tap(r, 'y');
    cleanup();
    const [json, md] = debriefs();
    const first = readFileSync(join(exports, md as string), 'utf8');
    const plain = async (typed: string[]) => {
      let out = '';
      await runFacilitatePlain({ playable: newPhone(), io: { out: (t) => (out += t), err: (t) => (out += t) }, env, width: 200, readLine: async () => typed.shift() });
      return out;
    };
    expect(await plain(['q'])).toContain(exportTakenBackWords(join(exports, md as string), Infinity, env));
    const out = await plain(['3', '']);
    expect(out).toContain(`${EXPORTED_AGAIN}\n${join(exports, md as string)}\n${join(exports, json as string)}\n`);
    expect(debriefs()).toEqual([json, md]);
    expect(readFileSync(join(exports, md as string), 'utf8')).not.toBe(first);
  });

  // Brief term-48 (C): a session started as `play <id> --facilitate` is carried on with the command
  // q prints, in the form README teaches (`npx casa-practice --facilitate [scenario]`), whichever
  // form started it (both work); README names that command where it says how to carry on.
  it('q names the command that carries the session on in the form README teaches', async () => {
    const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8').replace(/\s+/g, ' ');
    expect(readme).toContain('`npx casa-practice --facilitate [scenario]` runs a trainer-led session');
    expect(readme).toContain('opening the scenario again with `--facilitate` (`npx casa-practice --facilitate <scenario>`, the command `q` prints');
    for (const start of ['full screen', 'line by line']) {
      const env = tempEnv({ npm_command: 'exec' });
      let said = '';
      if (start === 'full screen') {
        const app = appElement({ env, start: { kind: 'facilitate', playable: bundled('youth-discloses.json') } });
        const r = await renderApp(app.element);
        await press(r, KEY.enter);
        for (let i = 0; i < 5 && !/r: reveal/.test(r.lastFrame() ?? ''); i++) await press(r, KEY.enter);
        await press(r, '3', 'q');
        await tap(r, 'y');
        said = app.exit.mock.calls.at(-1)?.[0] ?? '';
        cleanup();
      } else {
        const typed = ['3 0 0', 'q'];
        await runFacilitatePlain({ playable: bundled('youth-discloses.json'), io: { out: (t) => (said += t), err: (t) => (said += t) }, env, width: 200, readLine: async () => typed.shift() });
      }
      expect(said, said).toMatch(/To carry on with this session later:\s+npx casa-practice --facilitate youth-discloses(?: --plain)?\n?$/);
    }
  });

  it('a kept export changed since is never written over (new files, said so); a save whose export is damaged or absent carries on, and nothing is written for it', async () => {
    const env = tempEnv();
    const exports = join(stateDir(env), 'exports');
    const debriefs = () => readdirSync(exports).filter((f) => /-debrief-.*\.md$/.test(f)).sort();
    const one = appElement({ env, start: { kind: 'facilitate', playable: newPhone() } });
    let r = await renderApp(one.element);
    await press(r, KEY.enter, '5', 'r', '1', KEY.enter, '4', 'r', '1');
    await throughEnding(r);
    await press(r, 'e', 'u', 'q');
    await tap(r, 'y');
    cleanup();
    const [md] = debriefs();
    // The trainer's own notes in the file since: left as they are, this ending's debrief in new files.
    writeFileSync(join(exports, md as string), 'The trainer\'s own notes.\n');
    r = await renderApp(appElement({ env, start: { kind: 'facilitate', playable: newPhone() } }).element);
    await press(r, KEY.enter, KEY.enter, '3');
    await throughEnding(r);
    expect((r.lastFrame() ?? '').replace(/\s+/g, ' ')).toContain('Debrief exported for this ending (the earlier export was changed or removed, so it is left as it is):');
    expect(readFileSync(join(exports, md as string), 'utf8')).toBe('The trainer\'s own notes.\n');
    expect(debriefs()).toHaveLength(2);
    cleanup();

    // A save whose export is damaged (or from before exports were kept): it carries on all the same.
    for (const exported of [undefined, 'x', { markdown: '/etc/passwd', json: '/etc/passwd.json', digest: { markdown: 'a'.repeat(64), json: 'a'.repeat(64) } }, { markdown: join(exports, md as string), json: 'other.json', digest: { markdown: 'z', json: 1 } }]) {
      const e2 = tempEnv();
      const run = appElement({ env: e2, start: { kind: 'facilitate', playable: newPhone() } });
      r = await renderApp(run.element);
      await press(r, KEY.enter, '5', 'r', '1', KEY.enter, '4', 'r', 'q');
      await tap(r, 'y');
      cleanup();
      const slot = join(stateDir(e2), 'facilitation', readdirSync(join(stateDir(e2), 'facilitation'))[0] as string);
      const text = JSON.parse(readFileSync(slot, 'utf8')) as Record<string, unknown>;
      writeFileSync(slot, `${JSON.stringify({ ...text, exported })}\n`);
      const again = appElement({ env: e2, start: { kind: 'facilitate', playable: newPhone() } });
      r = await renderApp(again.element);
      await press(r, KEY.enter);
      expect(r.lastFrame(), JSON.stringify(exported)).toContain('Continue at decision 2');
      await press(r, KEY.enter, '1');
      await throughEnding(r);
      expect(r.lastFrame()).not.toMatch(/Debrief export(ed)? (written again )?for this ending/);
      expect(existsSync(join(stateDir(e2), 'exports')) ? readdirSync(join(stateDir(e2), 'exports')).filter((f) => /-debrief-/.test(f)) : []).toEqual([]);
      cleanup();
    }
  });

  it('an export changed since (the trainer edited it) is never written over at a later ending: this ending\'s debrief goes to new files, and the screen says why', async () => {
    const env = tempEnv();
    const r = await renderApp(appElement({ env, start: { kind: 'facilitate', playable: newPhone() } }).element);
    const exports = join(stateDir(env), 'exports');
    const debriefs = () => readdirSync(exports).filter((f) => /-debrief-.*\.md$/.test(f)).sort();
    await press(r, KEY.enter, '5', 'r', '1', KEY.enter, '4', 'r', '1');
    await throughEnding(r);
    await press(r, 'e');
    const [md] = debriefs();
    writeFileSync(join(exports, md as string), 'The trainer\'s own notes.\n');
    await press(r, 'u', '3');
    await throughEnding(r);
    expect((r.lastFrame() ?? '').replace(/\s+/g, ' ')).toContain('Debrief exported for this ending (the earlier export was changed or removed, so it is left as it is):');
    expect(readFileSync(join(exports, md as string), 'utf8')).toBe('The trainer\'s own notes.\n');
    expect(debriefs()).toHaveLength(2);
  });

  // Found by the code review (session 47): written again for a later ending outside the state folder
  // (its e: export went to the folder the app was started in), a second e said "Already exported to:"
  // that file "(in the state folder …)", where it is not.
  it('an export written again outside the state folder is said where it is at the next e, not "in the state folder"', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'casa-facilitate-')), 'state');
    writeFileSync(file, 'not a folder');
    const env = tempEnv({ XDG_STATE_HOME: file, PWD: mkdtempSync(join(tmpdir(), 'casa-here-')) });
    const r = await renderApp(appElement({ env, start: { kind: 'facilitate', playable: newPhone() } }).element);
    const here = env.PWD as string;
    const debriefs = () => readdirSync(here).filter((f) => /-debrief-.*\.md$/.test(f));
    await press(r, KEY.enter, '5', 'r', '1', KEY.enter, '4', 'r', '1');
    await throughEnding(r);
    // The exports folder cannot be written: e says where it writes instead, and a second e writes there.
    await press(r, 'e');
    await press(r, 'e');
    expect(debriefs()).toHaveLength(1);
    await press(r, 'u', '3');
    await throughEnding(r);
    expect((r.lastFrame() ?? '').replace(/\s+/g, ' ')).toContain('Debrief export written again for this ending:');
    expect(debriefs()).toHaveLength(1);
    await press(r, 'e');
    const frame = (r.lastFrame() ?? '').replace(/\s+/g, ' ');
    expect(frame).toContain('Already exported to:');
    expect(frame).toContain(debriefs()[0]);
    expect(frame, frame).not.toContain('(in the state folder');
  });

  it('with a state folder that cannot be written, u still goes back from the ending (a branch followed by mistake at the last decision could not be taken back), full screen and line by line', async () => {
    // A file where the state folder goes: nothing can be written there (even as root). The summary
    // goes where the debrief's e: export writes then: the folder the app was started in (PWD).
    const unwritable = () => {
      const file = join(mkdtempSync(join(tmpdir(), 'casa-facilitate-')), 'state');
      writeFileSync(file, 'not a folder');
      return tempEnv({ XDG_STATE_HOME: file, PWD: mkdtempSync(join(tmpdir(), 'casa-here-')) });
    };
    const env = unwritable();
    const r = await renderApp(appElement({ env, start: { kind: 'facilitate', playable: newPhone() } }).element);
    await press(r, KEY.enter, '5', 'r', '1', KEY.enter, '4', 'r', '1');
    expect(r.lastFrame()).toMatch(/: how it ended\n/);
    expect(r.lastFrame()).toContain('u: back to decision 2');
    await press(r, KEY.enter);
    const debrief = (r.lastFrame() ?? '').replace(/\s+/g, ' ');
    expect(debrief).toContain(`The state folder cannot be written, so the session summary was written to: ${env.PWD}/example-new-phone-session-`);
    expect(debrief).toContain('u: the room returns to decision 2, revealed with its votes; the summary is then written again in the same file.');
    expect(debrief).toContain('u: back to decision 2');
    await press(r, 'u');
    const frame = (r.lastFrame() ?? '').replace(/\s+/g, ' ');
    expect(frame).toContain('Decision 2 of about');
    expect(frame).toContain('Votes in all: 4');
    cleanup();

    let out = '';
    const typed = ['5 0 0', 'r', '1', '4 0 0', 'r', '1', 'u', 'q'];
    // As the command line starts it: the state folder checked first.
    const plainEnv = unwritable();
    expect(checkStateFolder(plainEnv)).toBeDefined();
    const code = await runFacilitatePlain({ playable: newPhone(), io: { out: (t) => (out += t), err: (t) => (out += t) }, env: plainEnv, width: 200, readLine: async () => typed.shift() });
    expect(out.replace(/\s+/g, ' ')).toContain('Back to decision 2: the room returns to it, revealed with its votes, to follow another reply. The summary written at this ending is then written again, in the same file, when the session ends or stops. Type u to go back; anything else, or Enter, finishes.');
    // Said once, not a sentence in brackets after "u: back to decision 2 (Back to decision 2: …)" (session 46's walkthrough).
    expect(out).not.toMatch(/\(Back to decision|\.\)/);
    // One summary, written again in its place (the branch followed last), in the folder the app was started in.
    expect(readdirSync(plainEnv.PWD as string)).toHaveLength(1);
    expect(out).toContain("< Back to decision 2, with the room's votes there.");
    expect(code).toBe(74);
  });

  it('u asks first when votes have been entered at this decision, since going back clears them', async () => {
    // A stray u in front of the room cleared 19 votes at once, with no way to get them back.
    const r = await renderApp(appElement({ env: tempEnv(), start: { kind: 'facilitate', playable: newPhone() } }).element);
    await press(r, KEY.enter, '5', 'r', '1');
    while (!/votes: 0/.test(r.lastFrame() ?? '')) await press(r, KEY.enter);
    await press(r, '1', '9');
    expect(r.lastFrame()).toContain('votes: 19');
    await press(r, 'u');
    expect((r.lastFrame() ?? '').replace(/\s+/g, ' ')).toContain('Go back to decision 1? The 19 votes entered at this decision will be cleared. (y / n)');
    await press(r, 'n');
    expect(r.lastFrame()).toContain('votes: 19');
    expect(r.lastFrame()).toContain('u: back to decision 1');
    await press(r, 'u', 'y');
    const frame = (r.lastFrame() ?? '').replace(/\s+/g, ' ');
    expect(frame).toContain('Decision 1 of about');
    expect(frame).toContain('Votes in all: 5');
  });

  it('s starts the session over once the trainer says yes: the summary so far is written first, the kept session goes, and decision 1 comes back empty', async () => {
    // Starting over mid-session was only offered when a kept session was opened again.
    const env = tempEnv();
    const r = await renderApp(appElement({ env, start: { kind: 'facilitate', playable: newPhone() } }).element);
    await press(r, KEY.enter);
    expect(r.lastFrame()).toContain('s: start over');
    // Nothing entered yet: nothing to lose is said.
    await press(r, 's');
    expect((r.lastFrame() ?? '').replace(/\s+/g, ' ')).toContain('Start the session over from the beginning? (y / n)');
    await press(r, 'n', '4', 'r', '1', 's');
    expect((r.lastFrame() ?? '').replace(/\s+/g, ' ')).toContain('Start the session over from the beginning? The decision the room has made and the votes entered will be lost; the summary so far is written first. (y / n)');
    await press(r, 'n');
    expect(r.lastFrame()).toContain('My boyfriend got it for me.');
    await press(r, 's', 'y');
    const frame = (r.lastFrame() ?? '').replace(/\s+/g, ' ');
    expect(frame).toContain('Decision 1 of about');
    expect(frame).not.toMatch(/votes: [1-9]/);
    const path = /The summary of the session before was written to: (\S+\.md) \(in the state folder /.exec(frame)?.[1] as string;
    expect(readFileSync(join(stateDir(env), path), 'utf8')).toContain("Branch taken: 1. That's a nice one! How did you get it?");
    expect(existsSync(join(stateDir(env), facilitationKey(newPhone())))).toBe(false);
  });

  // At 60 columns the whole path was said after "written to", broken mid-name across two rows.
  it('at 60×24, where the summary before a start over went is said with the path within the state folder whole on its row', async () => {
    const env = tempEnv();
    const r = await renderAt(appElement({ env, start: { kind: 'facilitate', playable: newPhone() } }).element, 60, 24);
    await press(r, KEY.enter, '4', 'r', '1', 's', 'y');
    const rows = (r.lastFrame() ?? '').split('\n').map((l) => l.trim());
    const at = rows.indexOf('The summary of the session before was written to:');
    expect(at, r.lastFrame()).toBeGreaterThan(0);
    expect(rows[at + 1]).toMatch(/^exports\/example-new-phone-session-[\dT-]+\.md$/);
    expect(existsSync(join(stateDir(env), rows[at + 1] as string))).toBe(true);
  });

  // From the terminal walkthrough (session 47): after s and y, where the summary before went was said
  // in place of the help line, and the keys were hidden until the trainer pressed one in front of the room.
  it.each([[60, 24, 'youth-discloses'], [120, 40, 'youth-discloses'], [100, 30, 'new-phone']])('at %i×%i (%s), after s and y the help line shows at once, under where the summary before went', async (columns, rows, name) => {
    const env = tempEnv();
    const loaded = name === 'new-phone' ? newPhone() : loadPlayable(join(BUNDLED, `${name}.json`));
    if ('problems' in loaded) throw new Error(loaded.problems);
    const r = await renderAt(appElement({ env, start: { kind: 'facilitate', playable: loaded } }).element, columns, rows);
    await press(r, KEY.enter, '4', 's', 'y');
    const frame = r.lastFrame() ?? '';
    const flat = frame.replace(/\s+/g, ' ');
    // (In one row at 60×24, where the whole notice would push the Discuss prompt out of view.)
    expect(flat).toContain(columns === 60 ? 'Summary of the session before written: named on leaving.' : 'The summary of the session before was written to:');
    expect(flat, frame).toMatch(/r: reveal/);
    // ("q: end" where the moment scrolls at 60×24.)
    expect(flat).toMatch(/q: end\b/);
    // Under the notice, and the frame one row short of the screen (Ink clears a frame as tall as it).
    expect(flat.indexOf('q: end')).toBeGreaterThan(flat.search(/The summary of the session before|Summary of the session before/));
    expect(frame.split('\n').length, frame).toBeLessThanOrEqual(rows - 1);
    expect(Math.max(...frame.split('\n').map((l) => [...l].length))).toBeLessThanOrEqual(columns);
    // Gone at the next key, as before; the keys stay.
    await press(r, KEY.down);
    expect(r.lastFrame()).not.toMatch(/summary of the session before/i);
    expect((r.lastFrame() ?? '').replace(/\s+/g, ' ')).toMatch(/q: end\b/);
  });

  // From the terminal walkthrough (term2-47): at 60×24 the three rows of where the summary before
  // went, above the help line, left youth-discloses' first decision under "↓ 4 more below", its
  // Discuss prompt out of view until the first key. Where the whole notice does not fit, it is one
  // row, and the file is named as the app is left (each summary a start over wrote in this run).
  it.each([[60, 24, false], [120, 40, true]])('at %i×%i, after s and y the first decision is in view whole with the help line; where the summary before went is said whole (%s) or named on leaving', async (columns, rows, whole) => {
    const env = tempEnv();
    const loaded = loadPlayable(join(BUNDLED, 'youth-discloses.json'));
    if ('problems' in loaded) throw new Error(loaded.problems);
    const { element, exit } = appElement({ env, start: { kind: 'facilitate', playable: loaded } });
    const r = await renderAt(element, columns, rows);
    await press(r, KEY.enter, '4', 's', 'y');
    const frame = r.lastFrame() ?? '';
    const flat = frame.replace(/\s+/g, ' ');
    expect(flat, frame).toContain('Discuss: Kiara has just told you he got her the AirPods. What would keep her talking, and what would make her turn the phone face-down again?');
    expect(frame).not.toMatch(/more below|more above/);
    expect(flat).toMatch(/q: end session/);
    expect(frame.split('\n').length, frame).toBeLessThanOrEqual(rows - 1);
    const first = readdirSync(join(stateDir(env), 'exports'));
    expect(first).toHaveLength(1);
    if (whole) expect(flat).toContain(`The summary of the session before was written to: exports/${first[0] as string} (in the state folder ${stateDir(env)})`);
    else {
      const said = frame.split('\n').filter((l) => /summary/i.test(l));
      expect(said.map((l) => l.trim())).toEqual(['Summary of the session before written: named on leaving.']);
    }
    // Started over again: leaving names both summaries of the sessions before, after this one's.
    await press(r, '2', 's', 'y');
    const second = readdirSync(join(stateDir(env), 'exports')).filter((n) => !first.includes(n));
    await press(r, '5', 'q');
    await tap(r, 'y');
    const left = (exit.mock.calls[0]?.[0] ?? '').replace(/\s+/g, ' ');
    const last = readdirSync(join(stateDir(env), 'exports')).filter((n) => !first.includes(n) && !second.includes(n));
    expect([second.length, last.length]).toEqual([1, 1]);
    const at = (name: string) => left.indexOf(name);
    expect(left).toMatch(/^Session summary written to: \S*exports\//);
    expect(at(last[0] as string)).toBeGreaterThan(0);
    expect(left.indexOf('The summaries of the sessions before were written to:')).toBeGreaterThan(at(last[0] as string));
    expect(at(first[0] as string)).toBeGreaterThan(left.indexOf('The summaries of the sessions before'));
    expect(at(second[0] as string)).toBeGreaterThan(at(first[0] as string));
  });

  // A new session begun with s at a finished session's debrief (which named its summary, or at 60×24
  // left it to be printed on leaving) names that summary on leaving too.
  it('s at the debrief, then leaving the new session: the finished session\'s summary is named', async () => {
    const env = tempEnv();
    const { element, exit } = appElement({ env, start: { kind: 'facilitate', playable: newPhone() } });
    const r = await renderApp(element);
    await press(r, KEY.enter, '5', 'r', '1', KEY.enter, '4', 'r', '1');
    await throughEnding(r);
    await press(r, 's', 'y');
    expect(r.lastFrame()).toContain('Decision 1 of about');
    // Nothing said above the keys: the debrief said where its summary went.
    expect(r.lastFrame()).not.toMatch(/summary of the session before/i);
    await press(r, 'q');
    await tap(r, 'y');
    const [name] = readdirSync(join(stateDir(env), 'exports'));
    const said = (exit.mock.calls[0]?.[0] ?? '').replace(/\s+/g, ' ');
    expect(said).toMatch(new RegExp(`^Nothing was entered in this session, so no summary was written\\. The summary of the session before was written to: \\S*${name as string}`));
  });

  // The same at 60×24 where the state folder cannot be written: its three rows pushed the Discuss
  // prompt out of view. In one row; where the summary goes is said by the content note just before,
  // by the quit question and on leaving.
  it('at 60×24 with a state folder that cannot be written, the first decision is in view whole under a one-row notice', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'casa-facilitate-')), 'state');
    writeFileSync(file, 'not a folder');
    const env = tempEnv({ XDG_STATE_HOME: file, PWD: mkdtempSync(join(tmpdir(), 'casa-here-')) });
    const loaded = loadPlayable(join(BUNDLED, 'youth-discloses.json'));
    if ('problems' in loaded) throw new Error(loaded.problems);
    const r = await renderAt(appElement({ env, start: { kind: 'facilitate', playable: loaded } }).element, 60, 24);
    await press(r, KEY.enter);
    const frame = r.lastFrame() ?? '';
    expect(frame.replace(/\s+/g, ' '), frame).toContain('Discuss: Kiara has just told you he got her the AirPods.');
    expect(frame).not.toMatch(/more below/);
    expect(frame.split('\n').map((l) => l.trim())).toContain('State folder cannot be written: this session is not kept.');
    expect(frame).toMatch(/q: end session/);
  });

  it('when the summary so far cannot be written, s and y start nothing over: the session goes on as it was, and stays kept', async () => {
    const env = tempEnv();
    // A file where the exports folder goes: the summary cannot be written there (even as root).
    mkdirSync(stateDir(env), { recursive: true });
    writeFileSync(join(stateDir(env), 'exports'), '');
    const r = await renderApp(appElement({ env, start: { kind: 'facilitate', playable: newPhone() } }).element);
    await press(r, KEY.enter, '4', 'r', '1', 's', 'y');
    const frame = (r.lastFrame() ?? '').replace(/\s+/g, ' ');
    expect(frame).toContain('The summary so far could not be written');
    expect(frame).toContain('the session was not started over: it goes on as it was, and is kept.');
    expect(frame).toContain('My boyfriend got it for me.');
    expect(existsSync(join(stateDir(env), facilitationKey(newPhone())))).toBe(true);
    // u still goes back to decision 1 with its votes: nothing of the session was dropped.
    await press(r, 'u');
    expect(r.lastFrame()).toMatch(/votes: 4|Votes: 4/);
  });

  // (Where the state folder cannot be written, the summary so far goes where the debrief's e: export
  // writes: the folder the app was started in, PWD. It said "no summary is written", and none was.)
  it('with a state folder that cannot be written, s says the summary so far is written where e: export writes, and y starts over (it refused for ever, saying the session "is kept")', async () => {
    // A file where the state folder goes: nothing can be written there (even as root).
    const file = join(mkdtempSync(join(tmpdir(), 'casa-facilitate-')), 'state');
    writeFileSync(file, 'not a folder');
    const here = mkdtempSync(join(tmpdir(), 'casa-here-'));
    const env = tempEnv({ XDG_STATE_HOME: file, PWD: here });
    const r = await renderAt(appElement({ env, start: { kind: 'facilitate', playable: newPhone() } }).element, 60, 24);
    await press(r, KEY.enter, '4', 'r', '1', 's');
    const asked = (r.lastFrame() ?? '').replace(/\s+/g, ' ');
    expect(asked).toContain(`Start the session over from the beginning? The decision the room has made and the votes entered will be lost; the summary so far is written first, to ${here}, since the state folder cannot be written. (y / n)`);
    await press(r, 'y');
    const frame = (r.lastFrame() ?? '').replace(/\s+/g, ' ');
    expect(readdirSync(here)).toHaveLength(1);
    expect(frame).toContain('The summary of the session before was written to:');
    expect(frame.replace(/\s+/g, '')).toContain(join(here, readdirSync(here)[0] as string));
    expect(frame).not.toContain('is kept');
    expect(frame).toContain('Decision 1 of about');
    expect(frame).toContain("That's a nice one! How did you get it? · votes: 0");
    cleanup();

    // Line by line too.
    let out = '';
    const typed = ['4 0 0', 'r', '1', 's', 'y', 'q'];
    await runFacilitatePlain({ playable: newPhone(), io: { out: (t) => (out += t), err: (t) => (out += t) }, env, width: 200, readLine: async () => typed.shift() });
    const said = out.replace(/\s+/g, ' ');
    expect(said).toContain(`Start the session over from the beginning? The decision the room has made and the votes entered will be lost; the summary so far is written first, to ${here}, since the state folder cannot be written. Type y to start over, anything else to carry on.`);
    expect(readdirSync(here)).toHaveLength(2);
    expect(said).not.toContain('and is kept');
    expect(said).toContain('Starting the session over from the beginning.');
  });

  it('the picker hides personal best scores, and the content note says the session is kept as it goes', async () => {
    const env = tempEnv();
    recordCompletion(stateStore(env), 'example-new-phone', 80);
    const practice = await renderApp(appElement({ env }).element);
    expect(practice.lastFrame()).toContain('best 80%');
    cleanup();
    const { element } = appElement({ env, start: { kind: 'facilitate' } });
    const r = await renderApp(element);
    expect(r.lastFrame()).toContain('Example: the new phone');
    expect(r.lastFrame()).not.toMatch(/best \d+%/);
    await press(r, '1');
    const note = (r.lastFrame() ?? '').replace(/[│╭╮╰╯─]/g, ' ').replace(/\s+/g, ' ');
    expect(note).toContain('Content note');
    expect(note).not.toContain('saves your progress');
    expect(note).toContain('A trainer-led session is kept as it goes: q stops it and writes a summary of the votes so far, and opening this scenario again carries on.');
  });

  it('a session begun with --from: the content note and the line-by-line start name the command that carries it on (with --from), not "opening this scenario again"', async () => {
    const env = tempEnv();
    const r = await renderAt(appElement({ env, start: { kind: 'facilitate', playable: fromVisit() } }).element, 100, 40);
    const note = (r.lastFrame() ?? '').replace(/[│╭╮╰╯─]/g, ' ').replace(/\s+/g, ' ');
    expect(note).toContain('Content note');
    expect(note).not.toContain('opening this scenario again carries on');
    expect(note).toMatch(/q stops it and writes a summary of the votes so far; this command carries it on: \S*casa-practice\S* play \S+new-phone\.json(?: \\)? --from after-visit --facilitate/);
    // On rows of its own where the row has no room, broken only between its words (a line continuation).
    expect(r.lastFrame()).toMatch(/^[│ ]*\S*casa-practice\S* play \S+new-phone\.json/m);
    cleanup();
    // A scenario's own session keeps the words.
    const own = await renderAt(appElement({ env, start: { kind: 'facilitate', playable: newPhone() } }).element, 100, 40);
    expect((own.lastFrame() ?? '').replace(/[│╭╮╰╯─]/g, ' ').replace(/\s+/g, ' ')).toContain('and opening this scenario again carries on.');
    cleanup();

    const run = async (playable: PlayableScenario, width: number) => {
      let out = '';
      await runFacilitatePlain({ playable, io: { out: (t) => (out += t), err: (t) => (out += t) }, env: tempEnv(), width, readLine: async () => 'q' });
      return out;
    };
    const plain = await run(fromVisit(), 60);
    expect(plain).not.toContain('opening this scenario with --facilitate again carries it on');
    const cmd = `${commandName(env)} play ${join(SCENARIOS, 'new-phone.json')} --from after-visit --facilitate`;
    expect(plain).toContain(wrapWords(`The session is kept as it goes: q ends it for now and writes a summary of the votes so far; this command carries it on: ${cmd}`, 60, `${commandName(env)} `));
    expect(await run(newPhone(), 200)).toContain('opening this scenario with --facilitate again carries it on.');
  });
});

/**
 * A trainer who quit in the middle (or whose window closed) and opened the scenario again found a
 * new session at decision 1: the room's votes and path were gone, though presenter mode keeps
 * them. The terminal now keeps the session through the core's facilitation slot too.
 */
describe('a trainer-led session kept as it goes', () => {
  const keptFiles = (env: NodeJS.ProcessEnv) => {
    const dir = join(stateDir(env), 'facilitation');
    return existsSync(dir) ? readdirSync(dir) : [];
  };

  it('q keeps it: opening the scenario again carries on at the same decision with its votes and reveal, and the summary covers the whole session', async () => {
    const env = tempEnv();
    const first = appElement({ env, start: { kind: 'facilitate', playable: newPhone() } });
    let r = await renderApp(first.element);
    await press(r, KEY.enter, '5', KEY.enter, '2', 'r', '1');
    await press(r, KEY.enter, '9', 'r', 'q');
    await tap(r, 'y');
    expect(first.exit.mock.calls[0]?.[0]).toMatch(/To carry on with this session later:\s.* --facilitate \S*new-phone\.json/);
    expect(keptFiles(env)).toHaveLength(1);
    cleanup();

    const again = appElement({ env, start: { kind: 'facilitate', playable: newPhone() } });
    r = await renderApp(again.element);
    await press(r, KEY.enter);
    expect(r.lastFrame()).toContain('You have a trainer-led session of this scenario in progress.');
    expect(r.lastFrame()).toContain("Continue at decision 2, with the room's votes and the summary so far");
    await press(r, KEY.enter);
    // Where it stopped: decision 2, revealed, with the room's 9 votes.
    const frame = (r.lastFrame() ?? '').replace(/\s+/g, ' ');
    expect(frame).toContain('Votes in all: 9');
    expect(frame).toContain('the branch the room follows');
    await press(r, '1');
    await throughEnding(r);
    const end = r.lastFrame() ?? '';
    expect(end).toContain('Debrief: Example: the new phone');
    const path = /Session summary written to:\s+(\S+\.md)/.exec(end)?.[1] as string;
    const summary = readFileSync(join(stateDir(env), path), 'utf8');
    expect(summary).toContain("| 1 | ★ best practice: That's a nice one! How did you get it? | +2 | 5 (71%) |");
    expect(summary).toContain("Branch taken: 1. That's a nice one! How did you get it? (★ best practice)");
    expect(summary).toContain('| 1 | ★ best practice: Do: Call your Advocate Supervisor to talk through what you noticed. | +2 | 9 (100%) |');
  });

  /** A session of the new-phone example kept (q, y) at the scene after decision 1, its reply 1 followed with five votes; its state folder. */
  async function keptAtTheSceneAfterDecision1(): Promise<NodeJS.ProcessEnv> {
    const env = tempEnv();
    const r = await renderApp(appElement({ env, start: { kind: 'facilitate', playable: newPhone() } }).element);
    await press(r, KEY.enter, '5', 'r', '1');
    expect(r.lastFrame()).toContain('Enter: continue');
    await press(r, 'q');
    await tap(r, 'y');
    cleanup();
    return env;
  }

  it('one kept at the scene after a decision offers to continue at the scene before decision 2 (not "at decision 2"), and opens on that scene; line by line says so too', async () => {
    const env = await keptAtTheSceneAfterDecision1();
    const r = await renderApp(appElement({ env, start: { kind: 'facilitate', playable: newPhone() } }).element);
    await press(r, KEY.enter);
    expect(r.lastFrame()).toContain("Continue at the scene before decision 2, with the room's votes and the summary so far");
    await press(r, KEY.enter);
    expect(r.lastFrame()).toContain('Enter: continue');
    expect(r.lastFrame()).not.toContain('Decision 2 of about');
    cleanup();
    let out = '';
    const lines = ['q'];
    await runFacilitatePlain({ playable: newPhone(), io: { out: (t) => (out += t), err: (t) => (out += t) }, env, width: 200, readLine: async () => lines.shift() });
    expect(out).toContain("Continuing the trainer-led session kept at the scene before decision 2, with the room's votes");
  });

  it('carried on at a decision with some counts typed, the highlight is on the first reply without a count, so the next count typed does not overwrite reply 1\'s', async () => {
    const env = tempEnv();
    let r = await renderApp(appElement({ env, start: { kind: 'facilitate', playable: fromVisit() } }).element);
    // Reply 1 gets 4 and Enter moves on to reply 2; then the trainer stops.
    await press(r, KEY.enter, '4', KEY.enter, 'q');
    await tap(r, 'y');
    cleanup();
    r = await renderApp(appElement({ env, start: { kind: 'facilitate', playable: fromVisit() } }).element);
    await press(r, KEY.enter);
    expect(r.lastFrame()).toContain('You have a trainer-led session of this scenario in progress.');
    await press(r, KEY.enter);
    expect(r.lastFrame()).toContain('votes: 4');
    await press(r, '3');
    const counts = [...(r.lastFrame() ?? '').matchAll(/votes: (\d+)/g)].map((m) => Number(m[1]));
    expect(counts.slice(0, 2)).toEqual([4, 3]);
  });

  it('one kept at a scene marked "was revealed" carries on at that scene with the room\'s record, not set aside as damaged (full screen and line by line)', async () => {
    const env = await keptAtTheSceneAfterDecision1();
    // Kept at that scene with the mark a decision revealed and taken back to its votes has.
    const store = stateStore(env);
    const key = facilitationKey(newPhone());
    const slot = JSON.parse(store.read(key) as string) as { current: Record<string, unknown> };
    slot.current.wasRevealed = true;
    store.write(key, JSON.stringify(slot));
    const r = await renderApp(appElement({ env, start: { kind: 'facilitate', playable: newPhone() } }).element);
    await press(r, KEY.enter);
    expect(r.lastFrame()).not.toContain('Could not resume');
    expect(r.lastFrame()).toContain("Continue at the scene before decision 2, with the room's votes and the summary so far");
    await press(r, KEY.enter);
    expect(r.lastFrame()).toContain('Enter: continue');
    expect(keptFiles(env).some((f) => f.includes('.damaged'))).toBe(false);
    await press(r, KEY.enter, '9', 'r', '1');
    await throughEnding(r);
    // The summary covers decision 1 too: nothing the room did was thrown away.
    const path = /Session summary written to:\s+(\S+\.md)/.exec(r.lastFrame() ?? '')?.[1] as string;
    expect(readFileSync(join(stateDir(env), path), 'utf8')).toContain('## Decision 1: The new phone');
    cleanup();

    const plainEnv = tempEnv();
    stateStore(plainEnv).write(key, JSON.stringify(slot));
    let out = '';
    const typed = ['q'];
    await runFacilitatePlain({ playable: newPhone(), io: { out: (t) => (out += t), err: (t) => (out += t) }, env: plainEnv, width: 200, readLine: async () => typed.shift() });
    expect(out).not.toContain('damaged');
    expect(out).toContain("Continuing the trainer-led session kept at the scene before decision 2, with the room's votes");
  });

  it('one started with --from carries on: q names the command that opens it again (with --from), and that command carries it on, not setting it aside as "of another start" (full screen and line by line)', async () => {
    const env = tempEnv();
    const first = appElement({ env, start: { kind: 'facilitate', playable: fromVisit() } });
    let r = await renderApp(first.element);
    await press(r, KEY.enter, '4', 'q');
    await tap(r, 'y');
    const said = (first.exit.mock.calls[0]?.[0] ?? '').replace(/\s+/g, ' ');
    expect(said).toMatch(/To carry on with this session later: \S*casa-practice\S* play \S+new-phone\.json --from after-visit --facilitate$/);
    cleanup();
    r = await renderApp(appElement({ env, start: { kind: 'facilitate', playable: fromVisit() } }).element);
    await press(r, KEY.enter);
    expect(r.lastFrame()).not.toContain('Could not resume');
    expect(r.lastFrame()).toContain('You have a trainer-led session of this scenario in progress.');
    await press(r, KEY.enter);
    expect(r.lastFrame()).toContain('votes: 4');
    expect(keptFiles(env).some((f) => f.includes('.damaged'))).toBe(false);
    cleanup();

    // Line by line: stopped, then carried on by the same start.
    const plainEnv = tempEnv();
    const run = async (lines: string[]) => {
      let out = '';
      await runFacilitatePlain({ playable: fromVisit(), io: { out: (t) => (out += t), err: (t) => (out += t) }, env: plainEnv, width: 200, readLine: async () => lines.shift() });
      return out;
    };
    expect((await run(['4 0 0', 'q'])).replace(/\s+/g, ' ')).toMatch(/To carry on with this session later: \S*casa-practice\S* play \S+new-phone\.json --from after-visit --facilitate /);
    const again = await run(['q']);
    expect(again).not.toContain('Could not resume');
    expect(again).toContain('Continuing the trainer-led session kept at decision 1');
    expect(again).toContain('Votes: 1: 4');
  });

  it('a finished session opened again at 60×24 names its summary in rows that wrap as paragraphs do (none opens with a stray space)', async () => {
    const env = tempEnv();
    let r = await renderAt(appElement({ env, start: { kind: 'facilitate', playable: newPhone() } }).element, 60, 24);
    await press(r, KEY.enter, '5', 'r', '1', KEY.enter, '9', 'r', '1');
    cleanup();
    r = await renderAt(appElement({ env, start: { kind: 'facilitate', playable: newPhone() } }).element, 60, 24);
    await press(r, KEY.enter, KEY.enter);
    const rows = (r.lastFrame() ?? '').split('\n');
    const at = rows.findIndex((l) => l.startsWith('Its summary was written when it finished'));
    expect(at).toBeGreaterThan(0);
    // The words run on to the next row, which starts at the first column as every row here does.
    expect(rows[at + 1]).toMatch(/^\S/);
    expect(rows.slice(at, at + 3).join(' ')).toMatch(/finished, to: ?exports\/example-new-phone-session-/);
    // A question's keys stay on one row: "(y /" ended a row here and "n)" began the next.
    await press(r, 's');
    const asked = (r.lastFrame() ?? '').split('\n');
    expect(asked.join(' ').replace(/\s+/g, ' ')).toContain('(its summary file stays). (y / n)');
    expect(asked.some((l) => /\(y\s+\/\s+n\)\s*$/.test(l))).toBe(true);
  });

  it('q before the room has entered anything says no summary is written, and leaves no empty summary file', async () => {
    const env = tempEnv();
    const app = appElement({ env, start: { kind: 'facilitate', playable: newPhone() } });
    const r = await renderApp(app.element);
    await press(r, KEY.enter, 'q');
    expect((r.lastFrame() ?? '').replace(/\s+/g, ' ')).toContain('Stop now? The room has entered nothing yet, so no summary is written. (y / n)');
    await tap(r, 'y');
    expect(app.exit.mock.calls.at(-1)).toEqual(['Nothing was entered in this session, so no summary was written.', 0]);
    expect(existsSync(join(stateDir(env), 'exports'))).toBe(false);
  });

  it('q in a finished session\'s debrief says where its summary is and that the session is kept, as line by line does', async () => {
    const env = tempEnv();
    const app = appElement({ env, start: { kind: 'facilitate', playable: newPhone() } });
    const r = await renderApp(app.element);
    await press(r, KEY.enter, '5', 'r', '1', KEY.enter, '9', 'r', '1');
    await throughEnding(r);
    expect(r.lastFrame()).toContain('Debrief: Example: the new phone');
    await tap(r, 'q');
    const [said, code] = app.exit.mock.calls.at(-1) ?? [];
    expect(code).toBe(0);
    const summary = readdirSync(join(stateDir(env), 'exports'))[0];
    expect(said).toContain(`Session summary written to:\nexports/${summary}`);
    expect(said).toMatch(/This finished session is kept: opening the scenario again shows its debrief\. To start a new session: .*--facilitate \S+ --new$/);
  });

  it('a finished session is kept until the trainer starts a new one: opening the scenario again offers its debrief (not a new session), and s there starts one', async () => {
    // It was removed at the ending, so opening the scenario again started a new session without a word.
    const env = tempEnv();
    let r = await renderApp(appElement({ env, start: { kind: 'facilitate', playable: newPhone() } }).element);
    await press(r, KEY.enter, '5', 'r', '1', KEY.enter, '9', 'r', '1');
    await throughEnding(r);
    expect(r.lastFrame()).toContain('Debrief: Example: the new phone');
    expect(keptFiles(env)).toHaveLength(1);
    cleanup();

    r = await renderApp(appElement({ env, start: { kind: 'facilitate', playable: newPhone() } }).element);
    await press(r, KEY.enter);
    expect(r.lastFrame()).toContain('A trainer-led session of this scenario finished here: its debrief is kept until you start a new one.');
    expect(r.lastFrame()).toContain('Open the finished session: its debrief and how the room did');
    await press(r, KEY.enter);
    const end = (r.lastFrame() ?? '').replace(/\s+/g, ' ');
    expect(end).toContain('Debrief: Example: the new phone');
    expect(end).toContain("The room's most-voted reply was best practice at 2 of 2 decisions with votes (100%)");
    // Its summary was written when it finished: said, not written again.
    // By its file name (it had said only the folder, which holds every summary of every session).
    const written = readdirSync(join(stateDir(env), 'exports'));
    expect(written).toHaveLength(1);
    expect(end).toContain(`Its summary was written when it finished, to: exports/${written[0]}`);
    expect(end).toContain('s: new session');
    await press(r, 's');
    expect((r.lastFrame() ?? '').replace(/\s+/g, ' ')).toContain('Start a new session of this scenario? This finished one is no longer kept to open again (its summary file stays). (y / n)');
    await press(r, 'n');
    expect(r.lastFrame()).toContain('s: new session');
    await press(r, 's', 'y');
    expect(r.lastFrame()).toContain('Decision 1 of about');
    expect(keptFiles(env)).toEqual([]);
  });

  // Opened again finished, the session offered no u: the last branch, followed by mistake before the
  // window closed, could only be put right by starting the whole session over.
  it('a finished session opened again offers u back from its ending, as one just ended; ending again writes its summary again in the same file', async () => {
    const env = tempEnv();
    let r = await renderApp(appElement({ env, start: { kind: 'facilitate', playable: newPhone() } }).element);
    await press(r, KEY.enter, '5', 'r', '1', KEY.enter, '4', 'r', '1');
    await throughEnding(r);
    cleanup();
    const files = () => readdirSync(join(stateDir(env), 'exports')).filter((f) => f.endsWith('.md'));
    const [first] = files();
    const app = appElement({ env, start: { kind: 'facilitate', playable: newPhone() } });
    r = await renderApp(app.element);
    await press(r, KEY.enter, KEY.enter);
    const end = (r.lastFrame() ?? '').replace(/\s+/g, ' ');
    expect(end).toContain(`Its summary was written when it finished, to: exports/${first as string}`);
    expect(end).toContain('u: back to decision 2');
    expect(end.replace(/\s+/g, ' ')).toContain('u: the room returns to decision 2, revealed with its votes; the summary is then written again in the same file.');
    await press(r, 'u');
    const there = (r.lastFrame() ?? '').replace(/\s+/g, ' ');
    expect(there).toContain('Decision 2 of about');
    expect(there).toContain('Votes in all: 4');
    await press(r, '3');
    await throughEnding(r);
    await tap(r, 'q');
    const [said, code] = app.exit.mock.calls.at(-1) ?? [];
    expect(code).toBe(0);
    expect(files()).toEqual([first]);
    expect(said).toContain(`exports/${first as string}`);
    const summary = readFileSync(join(stateDir(env), 'exports', first as string), 'utf8');
    expect(summary.match(/## Decision 2:/g)).toHaveLength(1);
    expect(summary).toMatch(/## Decision 2:[\s\S]*Branch taken: 3\./);
  });

  it('line by line too, a finished session opened again offers u back from its ending, and its summary is written again in the same file', async () => {
    const env = tempEnv();
    const run = async (lines: string[]) => {
      let out = '';
      const code = await runFacilitatePlain({ playable: newPhone(), io: { out: (t) => (out += t), err: (t) => (out += t) }, env, width: 200, readLine: async () => lines.shift() });
      return { code, out };
    };
    const ended = await run(['3 1 0', 'r', '1', '4 2 0', 'r', '1']);
    expect(ended.code).toBe(0);
    const [path] = [...ended.out.matchAll(/Session summary written to:\n(\S+\.md)/g)].map((m) => m[1]);
    const lines = ['u', '3'];
    const again = await run(lines);
    expect(again.code).toBe(0);
    const flat = again.out.replace(/\s+/g, ' ');
    expect(again.out).toContain(`Its summary was written when it finished, to:\n${path as string}\n`);
    expect(flat).toContain('Back to decision 2: the room returns to it, revealed with its votes, to follow another reply. The summary written at this ending is then written again, in the same file, when the session ends or stops. Type u to go back; anything else, or Enter, finishes.');
    expect(again.out.slice(again.out.indexOf('< Back to decision 2'))).toContain('Votes in all: 6');
    expect([...again.out.matchAll(/Session summary written to:\n(\S+\.md)/g)].map((m) => m[1])).toEqual([path]);
    expect(readdirSync(join(stateDir(env), 'exports')).filter((f) => f.endsWith('.md'))).toHaveLength(1);
    expect(readFileSync(path as string, 'utf8')).toMatch(/## Decision 2:[\s\S]*Branch taken: 3\./);
    expect(lines).toHaveLength(0);
  });

  it('line by line at 60 columns, the commands to carry on and to start over are never broken inside: after their words where the row has room, else on a row of their own', async () => {
    // "To carry on with this session later: node bin/casa-practice." ended a row and "js --facilitate
    // testifying" began the next; the command to start over was wrapped at a space.
    const env = tempEnv();
    const run = async (lines: string[]) => {
      let out = '';
      await runFacilitatePlain({ playable: bundled('testifying.json'), io: { out: (t) => (out += t), err: (t) => (out += t) }, env, width: 60, readLine: async () => lines.shift() });
      return out;
    };
    const commandRow = (out: string, words: string) => {
      const rows = out.split('\n');
      const at = rows.findIndex((r) => r.includes(words));
      expect(at).toBeGreaterThanOrEqual(0);
      const row = rows[at] as string;
      const cmd = row.endsWith(words) ? (rows[at + 1] as string) : row.slice(row.indexOf(words) + words.length + 1);
      expect([...row].length).toBeLessThanOrEqual(60);
      return cmd;
    };
    const stopped = await run(['3 5 0 2', 'q']);
    expect(commandRow(stopped, 'To carry on with this session later:')).toMatch(/^\S*casa-practice\S* --facilitate testifying$/);
    // The summary's path too, on a row of its own, whole (after its words the terminal broke it mid-name).
    const rows = stopped.split('\n');
    const at = rows.indexOf('Session summary written to:');
    expect(rows[at + 1]).toMatch(/^\/\S+\/exports\/testifying-session-[\dT-]+\.md$/);
    expect(existsSync(rows[at + 1] as string)).toBe(true);
    const resumed = await run(['q']);
    expect(commandRow(resumed, 'To start over instead:')).toMatch(/^\S*casa-practice\S* --facilitate testifying --new$/);
    // At the ending, the command to start a new session; opened again, the summary's path on its own row.
    // (Carried on from decision 1, where it stopped.)
    const finished = await run(Array.from({ length: 8 }, () => ['3 0 0 0', 'r', '1']).flat());
    expect(commandRow(finished, 'To start a new session:')).toMatch(/^\S*casa-practice\S* --facilitate testifying --new$/);
    const reopened = (await run([])).split('\n');
    const said = reopened.findIndex((row) => row.endsWith('Its summary was written when it finished, to:'));
    expect(said).toBeGreaterThan(0);
    expect(reopened[said + 1]).toMatch(/^\/\S+\/exports\/testifying-session-[\dT-]+\.md$/);
  });

  it('a finished session opened again whose summary file has gone still offers u, and says a new summary is written instead', async () => {
    const env = tempEnv();
    const run = async (lines: string[]) => {
      let out = '';
      await runFacilitatePlain({ playable: newPhone(), io: { out: (t) => (out += t), err: (t) => (out += t) }, env, width: 200, readLine: async () => lines.shift() });
      return out;
    };
    await run(['3 1 0', 'r', '1', '4 2 0', 'r', '1']);
    const dir = join(stateDir(env), 'exports');
    for (const f of readdirSync(dir)) rmSync(join(dir, f));
    const out = (await run(['u', '3'])).replace(/\s+/g, ' ');
    expect(out).toContain('Back to decision 2: the room returns to it, revealed with its votes, to follow another reply. A new summary is then written when the session ends or stops (the one written at this ending was not found to write again). Type u to go back; anything else, or Enter, finishes.');
    const written = readdirSync(dir).filter((f) => f.endsWith('.md'));
    expect(written).toHaveLength(1);
    expect(readFileSync(join(dir, written[0] as string), 'utf8')).toMatch(/## Decision 2:[\s\S]*Branch taken: 3\./);
  });

  /** A session kept after 7 votes for the first reply at decision 1 and q; returns the state folder's env. */
  const keptWithSevenVotes = async () => {
    const env = tempEnv();
    const r = await renderApp(appElement({ env, start: { kind: 'facilitate', playable: newPhone() } }).element);
    await press(r, KEY.enter, '7', 'q');
    await tap(r, 'y');
    cleanup();
    return env;
  };

  // Two windows on one kept session each wrote over what the other's room entered, unsaid.
  it('two windows carrying on the same session: the second to write is not kept, says so, and leaves the first window\'s session as it is', async () => {
    const env = await keptWithSevenVotes();
    const a = await renderApp(appElement({ env, start: { kind: 'facilitate', playable: newPhone() } }).element);
    await press(a, KEY.enter, KEY.enter);
    const b = await renderApp(appElement({ env, start: { kind: 'facilitate', playable: newPhone() } }).element);
    await press(b, KEY.enter, KEY.enter);
    expect(b.lastFrame()).toContain('votes: 7');
    await press(a, KEY.backspace, '5');
    const file = join(stateDir(env), facilitationKey(newPhone()));
    const afterA = readFileSync(file, 'utf8');
    expect(afterA).toContain('"current":{"votes":{');
    await press(b, '9');
    expect((b.lastFrame() ?? '').replace(/\s+/g, ' ')).toContain('Not kept: this session went on in another window, so what the room enters here is not kept; go on there.');
    expect(readFileSync(file, 'utf8')).toBe(afterA);
    // The first window goes on keeping it.
    await press(a, '+');
    expect(readFileSync(file, 'utf8')).not.toBe(afterA);
    expect(a.lastFrame()).not.toContain('Not kept');
  });

  it('line by line too: once another window has gone on with the session, this run keeps nothing more, says so, and does not offer to carry on', async () => {
    const env = await keptWithSevenVotes();
    const file = join(stateDir(env), facilitationKey(newPhone()));
    let other = '';
    let out = '';
    const lines = ['2 1 0', 'r', '1', '3', 'q'];
    const code = await runFacilitatePlain({ playable: newPhone(), io: { out: (t) => (out += t), err: (t) => (out += t) }, env, width: 100, readLine: async () => {
      // After the reveal, another window writes the session (as the Ink app would on a vote there).
      if (lines.length === 3) writeFileSync(file, (other = readFileSync(file, 'utf8').replace('"revealed":true', '"revealed":false')));
      return lines.shift();
    } });
    expect(code).toBe(0);
    expect(out.match(/Not kept: this session went on in another window/g)?.length).toBeGreaterThanOrEqual(1);
    expect(out).not.toContain('To carry on with this session later');
    expect(readFileSync(file, 'utf8')).toBe(other);
  });

  // Carried on and stopped (or started over) before the room entered anything more, a kept session
  // wrote a second summary, identical to the one written when it stopped.
  it('a kept session carried on, then started over or stopped with nothing new, names the summary written when it stopped instead of writing it again', async () => {
    const summaries = (env: NodeJS.ProcessEnv) => readdirSync(join(stateDir(env), 'exports')).filter((n) => n.endsWith('.md'));
    const env = await keptWithSevenVotes();
    const [first] = summaries(env);
    expect(first).toBeDefined();
    const r = await renderApp(appElement({ env, start: { kind: 'facilitate', playable: newPhone() } }).element);
    await press(r, KEY.enter, KEY.enter);
    expect(r.lastFrame()).toContain('votes: 7');
    await press(r, 's', 'y');
    const frame = (r.lastFrame() ?? '').replace(/\s+/g, ' ');
    expect(frame).toContain(`The summary of the session before was written to: exports/${first as string} (in the state folder ${stateDir(env)})`);
    expect(summaries(env)).toEqual([first]);
    cleanup();

    // Line by line: carried on without asking, and q at once.
    const lined = await keptWithSevenVotes();
    const [kept] = summaries(lined);
    let out = '';
    const lines = ['q'];
    await runFacilitatePlain({ playable: newPhone(), io: { out: (t) => (out += t), err: (t) => (out += t) }, env: lined, width: 200, readLine: async () => lines.shift() });
    expect(out).toContain('Continuing the trainer-led session kept at decision 1');
    expect(out).toContain(`Session summary written to:\n${join(stateDir(lined), 'exports', kept as string)}\n`);
    expect(summaries(lined)).toEqual([kept]);
  });

  // The last branch typed by mistake ended the session and the run at once: u, which goes back from every earlier branch, was not offered.
  it('line by line, u at the ending goes back to the last decision revealed with its votes; ending again writes the summary again in the same file', async () => {
    let out = '';
    const env = tempEnv();
    const lines = ['3 1 0', 'r', '1', '4 2 0', 'r', '1', 'u', '3'];
    const code = await runFacilitatePlain({ playable: newPhone(), io: { out: (t) => (out += t), err: (t) => (out += t) }, env, width: 200, readLine: async () => lines.shift() });
    expect(code).toBe(0);
    const flat = out.replace(/\s+/g, ' ');
    expect(flat).toContain('Back to decision 2: the room returns to it, revealed with its votes, to follow another reply. The summary written at this ending is then written again, in the same file, when the session ends or stops. Type u to go back; anything else, or Enter, finishes.');
    const afterBack = out.slice(out.indexOf('< Back to decision 2'));
    expect(afterBack).toContain('Votes in all: 6');
    const paths = [...out.matchAll(/Session summary written to:\n(\S+\.md)/g)].map((m) => m[1]);
    expect(paths).toHaveLength(2);
    expect(paths[1]).toBe(paths[0]);
    expect(readdirSync(join(stateDir(env), 'exports')).filter((f) => f.endsWith('.md'))).toHaveLength(1);
    const summary = readFileSync(paths[1] as string, 'utf8');
    expect(summary.match(/## Decision 2:/g)).toHaveLength(1);
    expect(summary).toMatch(/Branch taken: 3\./);
    // Nothing after the second ending but the end of input: it finishes there.
    expect(lines).toHaveLength(0);
  });

  it('line by line, the branch the room follows can be typed as the reply\'s id, as line-by-line play takes it', async () => {
    let out = '';
    const lines = ['3 1 0', 'r', 'phone-accuse', 'q'];
    await runFacilitatePlain({ playable: newPhone(), io: { out: (t) => (out += t), err: (t) => (out += t) }, env: tempEnv(), width: 200, readLine: async () => lines.shift() });
    expect(out).toContain('Which reply does the room follow? Type its number (or its id).');
    // Followed: the story goes on to the guarded scene that reply leads to, not "Type the number…".
    expect(out).not.toContain('Type the number of the reply the room follows');
    expect(out).toContain('Jade (youth): "Someone gave it to me.');
  });

  it('a kept session carries on with its votes before the reveal too; start over begins at decision 1, and the kept session stays until the new room votes, as --new', async () => {
    const env = await keptWithSevenVotes();
    let r = await renderApp(appElement({ env, start: { kind: 'facilitate', playable: newPhone() } }).element);
    await press(r, KEY.enter, KEY.enter);
    expect(r.lastFrame()).toContain("That's a nice one! How did you get it? · votes: 7");
    cleanup();
    r = await renderApp(appElement({ env, start: { kind: 'facilitate', playable: newPhone() } }).element);
    await press(r, KEY.enter);
    expect(r.lastFrame()).toContain('Start over (the session in progress is replaced once the room votes)');
    await press(r, '2');
    expect(r.lastFrame()).toContain('Decision 1 of about');
    expect(r.lastFrame()).not.toMatch(/votes: [1-9]/);
    // Chosen by mistake and left at once: the session kept before is still there to carry on.
    // (It was deleted the moment Start over was chosen.)
    const kept = keptFiles(env);
    expect(kept).toHaveLength(1);
    await press(r, 'q');
    await tap(r, 'y');
    cleanup();
    r = await renderApp(appElement({ env, start: { kind: 'facilitate', playable: newPhone() } }).element);
    await press(r, KEY.enter);
    expect(r.lastFrame()).toContain('You have a trainer-led session of this scenario in progress.');
    // Started over again, the new room's first vote replaces it.
    await press(r, '2', '3');
    expect(r.lastFrame()).toContain('votes: 3');
    cleanup();
    r = await renderApp(appElement({ env, start: { kind: 'facilitate', playable: newPhone() } }).element);
    await press(r, KEY.enter, KEY.enter);
    expect(r.lastFrame()).toContain("That's a nice one! How did you get it? · votes: 3");
  });

  it('the picker marks a scenario with a room session kept: in progress (with the decisions made) or finished, as presenter mode\'s cards say', async () => {
    const env = await keptWithSevenVotes();
    let r = await renderApp(appElement({ env, start: { kind: 'facilitate' } }).element);
    await waitForPickerEntry(r, 'Example: the new phone (in progress)');
    expect((r.lastFrame() ?? '').replace(/\s+/g, ' ')).toContain('A trainer-led session is in progress here, with no decision made yet: opening it asks to carry on or start over.');
    cleanup();
    // Finished (decision 1 carried on, then decision 2).
    r = await renderApp(appElement({ env, start: { kind: 'facilitate', playable: newPhone() } }).element);
    await press(r, KEY.enter, KEY.enter, 'r', '1', KEY.enter, 'r', '1');
    await throughEnding(r);
    expect(r.lastFrame()).toContain('Debrief: Example: the new phone');
    cleanup();
    r = await renderApp(appElement({ env, start: { kind: 'facilitate' } }).element);
    await waitForPickerEntry(r, 'Example: the new phone (finished)');
    expect((r.lastFrame() ?? '').replace(/\s+/g, ' ')).toContain('A trainer-led session finished here: opening it offers its debrief or a new session.');
  });

  it('play … --facilitate --new starts at decision 1 without asking; the kept session stays until the new room votes, then is replaced', async () => {
    const env = await keptWithSevenVotes();
    const kept = stateStore(env).read(facilitationKey(newPhone()));
    expect(kept).toContain('"votes":{');
    const r = await renderApp(appElement({ env, start: { kind: 'facilitate', playable: newPhone(), startOver: true } }).element);
    await press(r, KEY.enter);
    expect(r.lastFrame()).not.toContain('You have a trainer-led session');
    expect(r.lastFrame()).toContain('Decision 1 of about');
    expect(r.lastFrame()).not.toMatch(/votes: [1-9]/);
    expect(stateStore(env).read(facilitationKey(newPhone()))).toBe(kept);
    await press(r, '3');
    expect(stateStore(env).read(facilitationKey(newPhone()))).not.toBe(kept);
  });

  it('with a state folder that cannot be written, q does not promise that opening the scenario again carries on', async () => {
    const env = tempEnv({ PWD: mkdtempSync(join(tmpdir(), 'casa-here-')) });
    // The state folder's place is taken by a file.
    mkdirSync(env.XDG_STATE_HOME as string, { recursive: true });
    writeFileSync(stateDir(env), '');
    const app = appElement({ env, start: { kind: 'facilitate', playable: newPhone() } });
    const r = await renderApp(app.element);
    await press(r, KEY.enter, '4', 'q');
    await tap(r, 'y');
    expect(app.exit.mock.calls[0]?.[0]).toContain(`The state folder cannot be written, so the session summary was written to:\n${env.PWD}/`);
    expect(app.exit.mock.calls[0]?.[0]).not.toContain('carry on');
  });

  it('opening and leaving at once keeps nothing, and a damaged kept session is set aside (the path of its file on rows of its own, then what to do), never played', async () => {
    const env = tempEnv();
    const first = appElement({ env, start: { kind: 'facilitate', playable: newPhone() } });
    let r = await renderApp(first.element);
    await press(r, KEY.enter, 'q');
    await tap(r, 'y');
    expect(first.exit.mock.calls[0]?.[0]).not.toContain('carry on');
    expect(keptFiles(env)).toEqual([]);
    cleanup();

    const store = stateStore(env);
    store.write(facilitationKey(newPhone()), '{ not json');
    r = await renderApp(appElement({ env, start: { kind: 'facilitate', playable: newPhone() } }).element);
    await press(r, KEY.enter);
    const frame = (r.lastFrame() ?? '').replace(/\s+/g, ' ');
    expect(frame).toContain('Could not resume: the saved trainer-led session is damaged (it is not valid JSON). The trainer-led session was moved to the file below (nothing was deleted); a new session starts.');
    // The file's path whole on rows of its own (pathLineRows), then what to do.
    const rows = (r.lastFrame() ?? '').split('\n').map((row) => row.trim());
    const at = rows.findIndex((row) => row.endsWith('new session starts.'));
    expect(rows[at + 1], r.lastFrame()).toMatch(/^\/\S*$/);
    // The file's name whole on a row: cut after "facilitation/" where the name then fits the next row.
    expect(rows.some((row) => /(^|\/)example-new-phone--\S+\.json\.damaged-\S+$/.test(row)), r.lastFrame()).toBe(true);
    expect(frame).toMatch(/facilitation\/ ?\S+\.damaged-.* casa-practice cannot use that file, but you can keep it, or send it to whoever helps you with the app; delete it once you no longer need it\./);
    expect(frame).toContain('Decision 1 of about');
    expect(keptFiles(env).some((f) => f.includes('.damaged'))).toBe(true);
    // The line gives way to the keys at the next key.
    await press(r, '3');
    expect(r.lastFrame()).not.toContain('Could not resume');
    expect(r.lastFrame()).toContain('r: reveal');
  });
});

/** Waits until the picker shows `title` and moves the highlight onto it (its line about a kept session shows for the highlighted one). */
async function waitForPickerEntry(r: Awaited<ReturnType<typeof renderApp>>, title: string) {
  for (let i = 0; i < 20; i++) {
    const row = (r.lastFrame() ?? '').split('\n').find((l) => l.trimStart().startsWith('›'));
    if (row?.includes(title)) return;
    await press(r, KEY.down);
  }
  expect(r.lastFrame()).toContain(title);
}

/** A frame's rows without trailing spaces (box borders kept: the reveal's columns are drawn with │). */
const lines = (frame: string) => frame.split('\n').map((l) => l.trimEnd());
/** Where two blank rows follow each other in a frame (its last rows aside). */
const doubleBlanks = (frame: string) => lines(frame).flatMap((l, i, all) => (l === '' && all[i + 1] === '' && all.slice(i).some((x) => x !== '') ? [i + 1] : []));
/** Every hint of a help line whole on one row of the frame. */
const hintsWhole = (frame: string, hints: readonly (readonly [string, string])[]) => hints.filter(([k, w]) => !lines(frame).some((l) => l.includes(`${k}: ${w}`)));

/** The new-phone fixture with "You need to tell me the truth" open only at trust 80 or more (it starts at 50). */
/** The new-phone example with nine more replies at its first decision (twelve in all). */
function manyRepliesPhone(): PlayableScenario {
  const file = JSON.parse(readFileSync(join(SCENARIOS, 'new-phone.json'), 'utf8')) as { nodes: { id: string; replies?: { id: string; text: string }[] }[] };
  const replies = file.nodes.find((n) => n.id === 'phone')?.replies;
  const curious = replies?.find((r) => r.id === 'phone-curious');
  if (!replies || !curious) throw new Error('the new-phone fixture changed: no reply "phone-curious" at "phone"');
  for (let k = 1; k <= 9; k++) replies.push({ ...curious, id: `phone-extra-${k}`, text: `Another way to ask, number ${k}.` });
  const path = join(mkdtempSync(join(tmpdir(), 'casa-many-')), 'new-phone.json');
  writeFileSync(path, JSON.stringify(file));
  const p = loadPlayable(path);
  if ('problems' in p) throw new Error(p.problems);
  return p;
}

export function gatedPhone(): PlayableScenario {
  const path = join(mkdtempSync(join(tmpdir(), 'casa-gated-')), 'new-phone.json');
  writeFileSync(path, gatedPhoneText(readFileSync(join(SCENARIOS, 'new-phone.json'), 'utf8')));
  const p = loadPlayable(path);
  if ('problems' in p) throw new Error(p.problems);
  return p;
}

function bundled(name: string, from?: string): PlayableScenario {
  const p = loadPlayable(join(BUNDLED, name), from);
  if ('problems' in p) throw new Error(p.problems);
  return p;
}

/**
 * Reported from a trainer's terminal at 60×24 (and a projector at 120×40): vote counts broken
 * from their reply ("…number? ·" on one row, "votes: 0" on the next), help lines broken inside a
 * hint ("f:" / "facilitator note"), blank rows spent twice (a blank row for the best-practice
 * mark under every reply of the reveal one under another, two above a lone spoken line, two above
 * the reveal), votes and their bar on two rows, marks and votes not level across the reveal's
 * columns, and the summary's path broken mid-name.
 */
describe('trainer-led screens at 60×24 and 120×40', () => {
  it('the vote screen keeps each reply\'s count and each hint whole, scrolling or not', async () => {
    for (const playable of [newPhone(), bundled('trafficker-contact.json', 'd1-text')]) {
      const r = await renderAt(appElement({ env: tempEnv(), start: { kind: 'facilitate', playable } }).element, 60, 24);
      await press(r, KEY.enter, KEY.down, '3');
      const frame = r.lastFrame();
      expect(lines(frame).length).toBeLessThanOrEqual(23);
      expect(lines(frame).filter((l) => / votes: \d+$|^ +votes: \d+$/.test(l))).toHaveLength(playable.scenario.id === 'example-new-phone' ? 3 : 4);
      expect(frame).toMatch(/votes: 3$/m);
      expect(lines(frame).filter((l) => l.endsWith('·'))).toEqual([]);
      // A count on a row of its own keeps its separator (never a lone "votes: 0" row).
      expect(lines(frame).filter((l) => /^ *votes: \d+$/.test(l))).toEqual([]);
      const scrolls = /more below/.test(frame);
      expect(hintsWhole(frame, voteHints('hidden', scrolls))).toEqual([]);
      r.unmount();
    }
  });

  // Brief term-48 (D): at 60×24 the first count typed made the heading two rows ("What Kiara tells
  // you" over "Decision 1 of about 8 · 12 votes entered"), moving the whole screen down a row in
  // front of the room. The count keeps the heading's rows: in fewer words, else the title cut.
  it.each([['colour', {}], ['NO_COLOR', { NO_COLOR: '1' }]] as const)('at 60×24 (%s) a count typed never takes the heading to a second row', async (_, themeEnv) => {
    for (const [name, title] of [['youth-discloses.json', 'What Kiara tells you · Decision 1 of about 8 · 12 votes'], ['the-list.json', '…']] as const) {
      const r = await renderAt(appElement({ env: tempEnv(), start: { kind: 'facilitate', playable: bundled(name) }, theme: themeFor(themeEnv) }).element, 60, 24);
      await press(r, KEY.enter);
      for (let i = 0; i < 5 && !/r: reveal/.test(r.lastFrame()); i++) await press(r, KEY.enter);
      const before = lines(r.lastFrame());
      expect(before[0], r.lastFrame()).toMatch(/ · Decision 1 of about \d+$/);
      await press(r, '1', '2');
      const after = lines(r.lastFrame());
      expect(after[0], r.lastFrame()).toMatch(/ · 12 votes$/);
      if (title !== '…') expect(after[0]?.trim()).toBe(title);
      else expect(after[0]?.trim(), r.lastFrame()).toMatch(/^The list on .*… · Decision 1 of about \d+ · 12 votes$/);
      // Everything under the heading stays where it was.
      expect(after[1]).toBe(before[1]);
      expect(after.length).toBe(before.length);
      r.unmount();
    }
  });

  it('the heading of every bundled scenario keeps its rows with the most votes typed at 60 and 120 columns', () => {
    for (const file of readdirSync(BUNDLED).filter((f) => f.endsWith('.json') && f !== 'scenario.schema.json')) {
      const { title } = bundled(file).scenario;
      for (const width of [58, 118]) {
        for (const entered of [1, 12, MAX_VOTES]) {
          const step = ['Decision 10 of about 12'];
          const rows = (text: string) => inkRows(text, width);
          const heading = roomHeading(title, step, entered, width);
          expect(rows(heading), heading).toBe(rows(roomHeading(title, step, undefined, width)));
          expect(heading).toMatch(new RegExp(`· ${entered} votes?( entered)?$`));
        }
      }
    }
  });

  // Walkthrough (session 47, 120×40): a reply that fills its last row (boy-red-flags d1-ray's third,
  // "…That's textbook trafficking.") had its count alone on the next row, "votes: 0" with no "·",
  // read as a line of its own rather than the reply's count. It keeps its separator there now.
  it.each([[120, 40], [60, 24]])('at %i×%i a count that does not fit after its reply goes on the next row with its "·"', async (columns, rows) => {
    const r = await renderAt(appElement({ env: tempEnv(), start: { kind: 'facilitate', playable: bundled('boy-red-flags.json', 'd1-ray') } }).element, columns, rows);
    await press(r, KEY.enter);
    const all = lines(r.lastFrame());
    expect(all.filter((l) => / votes: \d+$/.test(l)), r.lastFrame()).toHaveLength(4);
    expect(all.filter((l) => /^ *votes: \d+$/.test(l)), r.lastFrame()).toEqual([]);
    expect(all.filter((l) => l.endsWith('·'))).toEqual([]);
    if (columns === 120) {
      // The case is the one seen: the third reply fills its last row, and its count is under it.
      const textbook = all.findIndex((l) => l.endsWith("That's textbook trafficking."));
      expect(textbook, r.lastFrame()).toBeGreaterThan(0);
      expect(all[textbook + 1]).toMatch(/^ {6}· votes: 0$/);
    }
  });

  // From the terminal walkthrough (session 47): at 60×24 the debrief gave 11 of its 24 rows to
  // notices (how the room did 4, where the summary went 3, what u does 4) and 6 to the debrief.
  // How the room did now opens the Summary section; u's words leave out what the help line says.
  it.each([[60, 24, 5], [120, 40, 5]])('at %i×%i the debrief\'s notices take %i rows, how the room did opens its Summary, and what u does is said', async (columns, rows, most) => {
    const r = await renderAt(appElement({ env: tempEnv(), start: { kind: 'facilitate', playable: newPhone() } }).element, columns, rows);
    await press(r, KEY.enter, '4', 'r', '1', KEY.enter, '3', 'r', '1');
    await throughEnding(r);
    const frame = r.lastFrame() ?? '';
    const all = lines(frame);
    expect(all.length, frame).toBeLessThanOrEqual(rows - 1);
    const title = all.findIndex((l) => l.includes('Debrief: Example: the new phone'));
    const tabs = all.findIndex((l) => l.includes('[1 Summary]'));
    expect(tabs - title - 1, frame).toBeLessThanOrEqual(most);
    const notice = all.slice(title + 1, tabs).join(' ').replace(/\s+/g, ' ');
    expect(notice).toMatch(/^Session summary written to: exports\/example-new-phone-session-\S+\.md \(in the state folder /);
    expect(notice).toContain('u: the room returns to decision 2, revealed with its votes; the summary is then written again in the same file.');
    // How the room did, under the tab line, above the ending.
    const section = all.slice(tabs + 1).join(' ').replace(/\s+/g, ' ');
    expect(section).toMatch(/^ ?The branch the room took was best practice at 2 of 2 decisions \(100%\)\. The room's most-voted reply .* went to best-practice replies\. Ending: /);
    expect(frame).toContain('u: back to decision 2');
  });

  it('a count past 9999 is said on the scrolling vote screen too (a long decision at 60×24)', async () => {
    // The scrolling layout drew its own help line and dropped the line said in its place, so the
    // trainer typing a fifth digit saw the count stop at 9999 with no word why.
    const r = await renderAt(appElement({ env: tempEnv(), start: { kind: 'facilitate', playable: bundled('trafficker-contact.json', 'd1-text') } }).element, 60, 24);
    await press(r, KEY.enter, '1', '2', '3', '4', '5');
    const frame = r.lastFrame() ?? '';
    expect(frame).toContain('more below');
    expect(frame).toMatch(/votes: 9999$/m);
    expect(frame.replace(/\s+/g, ' ')).toContain('At most 9999 votes per reply: a larger count is kept at 9999.');
    expect(lines(frame).length).toBeLessThanOrEqual(23);
    await press(r, KEY.backspace);
    expect(r.lastFrame()).not.toContain('At most');
    expect(r.lastFrame()).toContain('r: reveal');
  });

  it('f on a decision too long for 60×24 brings the facilitator note into view, not below the fold', async () => {
    // Walkthrough: at 60×24 the note makes the first decision of youth-discloses too long, so the
    // moment scrolls; it scrolled from the top, the note out of sight below the discussion prompt,
    // and all the trainer saw change was "↓ 7 more below (PgDn)".
    const r = await renderAt(appElement({ env: tempEnv(), start: { kind: 'facilitate', playable: bundled('youth-discloses.json') } }).element, 60, 24);
    await press(r, KEY.enter);
    await press(r, 'f');
    const frame = r.lastFrame() ?? '';
    expect(lines(frame).length).toBeLessThanOrEqual(23);
    expect(frame).toContain('Facilitator note: Most volunteers notice the gifts at');
    await press(r, 'f');
    expect(r.lastFrame()).not.toContain('Facilitator note');
  });

  it('a decision whose replies fill 60×24 (the-list\'s last, votes entered, the note shown) keeps one row spare, with a row of the moment between its "more" lines', async () => {
    // Walkthrough: the moment's window kept 4 rows whatever the replies took, so the frame came to
    // 24 rows and Ink cleared the terminal on every key.
    const r = await renderAt(appElement({ env: tempEnv(), start: { kind: 'facilitate', playable: bundled('the-list.json', 'd9-report') } }).element, 60, 24);
    await press(r, KEY.enter, '3', 'f');
    const frame = r.lastFrame() ?? '';
    expect(frame).toMatch(/· 3 votes/);
    expect(lines(frame).length).toBeLessThanOrEqual(23);
    // (Two rows of it since the heading keeps one row with the count: D of term-48.)
    expect(frame).toMatch(/more above \(PgUp\)\n(?:.+\n)+.*more below \(PgDn\)/);
  });

  it('a decision whose replies are taller than the screen (60×24): the moment and the replies scroll together, the highlighted reply kept in view, one row spare', async () => {
    // Each reply some 320 characters: drawn whole under a 3-row window of the moment, the frame came
    // to 24 rows or more (Ink then clears the terminal on every key).
    const playable = withReplies(bundled('the-list.json', 'd9-report'), 'd9-report', (text) => `${text}${LONGER}`);
    const r = await renderAt(appElement({ env: tempEnv(), start: { kind: 'facilitate', playable } }).element, 60, 24);
    await press(r, KEY.enter);
    let frame = r.lastFrame() ?? '';
    expect(lines(frame).length).toBeLessThanOrEqual(23);
    // The moment first, the replies below it in the same window.
    expect(frame).toContain('The paragraph');
    expect(frame).toMatch(/more below \(PgDn\)/);
    expect(frame).toContain('PgUp PgDn: scroll');
    // ↓ to the last reply: it is brought into the window, and its votes are entered there.
    await press(r, KEY.down, KEY.down, KEY.down, '7');
    frame = r.lastFrame() ?? '';
    expect(lines(frame).length).toBeLessThanOrEqual(23);
    expect(frame).toMatch(/^ › 4\. /m);
    expect(frame).toContain('votes: 7');
    expect(frame).toMatch(/· 7 votes/);
    // PgUp goes back up to the moment, the frame still one row short of the screen.
    await press(r, '\u001b[5~');
    await tap(r, '\u001b[5~', '\u001b[5~', '\u001b[5~');
    frame = r.lastFrame() ?? '';
    expect(lines(frame).length).toBeLessThanOrEqual(23);
    expect(frame).toContain('The paragraph');
    expect(frame).not.toMatch(/more above/);
  });

  it('a vote key on the highlighted reply scrolled out of the window (PgDn, 60×24) brings it back and enters nothing; typed again in view, it counts', async () => {
    // The trainer paged down to read the replies with reply 1 highlighted: a count typed then went
    // to reply 1, out of sight, and Enter moved the highlight on from it unseen.
    const playable = withReplies(bundled('the-list.json', 'd9-report'), 'd9-report', (text) => `${text}${LONGER}`);
    const r = await renderAt(appElement({ env: tempEnv(), start: { kind: 'facilitate', playable } }).element, 60, 24);
    await press(r, KEY.enter);
    for (let i = 0; i < 20 && !(r.lastFrame() ?? '').includes('(end)'); i++) await press(r, '\u001b[6~');
    expect(r.lastFrame()).not.toMatch(/^ › 1\. /m);
    await press(r, '5');
    let frame = r.lastFrame() ?? '';
    expect(lines(frame).length).toBeLessThanOrEqual(23);
    expect(frame).toMatch(/^ › 1\. /m);
    expect(frame).not.toContain('votes entered');
    expect(frame.replace(/\s+/g, ' ')).toContain('Reply 1, the one highlighted, was out of view: it is shown now. Nothing was entered: type its count again.');
    await press(r, '5');
    frame = r.lastFrame() ?? '';
    expect(frame).toMatch(/· 5 votes/);
    expect(frame).toMatch(/^ › 1\. /m);
    // Enter the same: out of view it brings reply 1 back; in view it goes on to reply 2.
    for (let i = 0; i < 20 && !(r.lastFrame() ?? '').includes('(end)'); i++) await press(r, '\u001b[6~');
    await press(r, KEY.enter);
    frame = r.lastFrame() ?? '';
    expect(frame).toMatch(/^ › 1\. /m);
    expect(frame.replace(/\s+/g, ' ')).toContain('Enter again goes on to the next reply.');
    await press(r, KEY.enter);
    expect(r.lastFrame()).toMatch(/^ › 2\. /m);
  });

  it('the reveal one under another (60×24): no blank row for a mark a reply does not have, votes and bar on one row, one blank row above', async () => {
    const r = await renderAt(appElement({ env: tempEnv(), start: { kind: 'facilitate', playable: newPhone() } }).element, 60, 24);
    await press(r, KEY.enter, '3', 'r');
    const frame = r.lastFrame();
    expect(lines(frame).length).toBeLessThanOrEqual(23);
    expect(doubleBlanks(frame)).toEqual([]);
    expect(frame).toMatch(/^ Votes: 3 \(100%\) █{10}$/m);
    // The second reply (no mark): its votes right under its text.
    expect(frame).toMatch(/^ 2\. Who bought you that\? You need to tell me the truth\.\n Votes: 0 \(0%\) ░{10}$/m);
    expect(hintsWhole(frame, revealHints(3))).toEqual([]);
  });

  it('the reveal side by side (120×40): marks, votes and scores level across the columns', async () => {
    const r = await renderAt(appElement({ env: tempEnv(), start: { kind: 'facilitate', playable: bundled('youth-discloses.json') } }).element, 120, 40);
    await press(r, KEY.enter, '4', 'r');
    const rows = lines(r.lastFrame());
    // Whole on screen: the help line offers no scrolling (it always did); at 60×24 it scrolls and says so.
    expect(r.lastFrame()).not.toMatch(/↑↓ PgUp PgDn: scroll|more below/);
    expect(r.lastFrame()).toContain('b: back to the votes');
    expect(rows.filter((l) => (l.match(/Votes: \d+ \(\d+%\) [█░]{10}/g) ?? []).length === 3)).toHaveLength(1);
    expect(rows.filter((l) => (l.match(/Score: [+−]\d/g) ?? []).length === 3)).toHaveLength(1);
    expect(rows.findIndex((l) => l.includes('★ best practice')) + 1).toBe(rows.findIndex((l) => l.includes('Votes:')));
  });

  // The screen the room sees says who someone is as play does, in who's who (w), at every size: no
  // "Introducing …" above the moment (presenter mode keeps those off the projector, on the trainer's
  // laptop page). It was shown only where the moment fitted with it (never at 60×24).
  it('who someone is, in the scenario\'s words, is in who\'s who (w), as when playing: no "Introducing …" on the screen the room sees, full screen or line by line', async () => {
    const playable = loadPlayable(join(BUNDLED, 'boy-red-flags.json'));
    if ('problems' in playable) throw new Error(playable.problems);
    const ray = playable.scenario.characters.find((c) => c.id === 'ray')!;
    const r = await renderAt(appElement({ env: tempEnv(), start: { kind: 'facilitate', playable } }).element, 120, 40);
    await press(r, KEY.enter);
    const flat = () => (r.lastFrame() ?? '').replace(/\s+/g, ' ');
    // The porch: Ray speaks first; the screen has his line, and no introduction.
    expect(flat()).toContain(`${ray.name} (${ray.role}): “`);
    expect(flat()).not.toContain('Introducing');
    await press(r, 'w');
    expect(flat()).toContain(`${ray.name} (${ray.role}) ${ray.description}`);
    cleanup();
    // Line by line the same: no introduction before his first line; w at the decision lists him.
    let out = '';
    const lines = ['w', 'q'];
    await runFacilitatePlain({ playable, io: { out: (t) => (out += t), err: (t) => (out += t) }, env: tempEnv(), width: 400, readLine: async () => lines.shift() });
    const said = out.replace(/\s+/g, ' ');
    expect(said).not.toContain('Introducing');
    expect(said).toContain(ray.description);
  });

  // red-flags' first decision has a title and a discussion prompt but no narration or spoken line:
  // the empty moment still took its blank row, so two stood between the title and "Discuss:".
  it('a decision with no narration or spoken line has one blank row between its title and the discussion prompt (60×24 and 120×40)', async () => {
    const playable = loadPlayable(join(BUNDLED, 'red-flags.json'));
    if ('problems' in playable) throw new Error(playable.problems);
    for (const [columns, rows] of [[60, 24], [120, 40]] as const) {
      const r = await renderAt(appElement({ env: tempEnv(), start: { kind: 'facilitate', playable } }).element, columns, rows);
      await press(r, KEY.enter, KEY.enter);
      const frame = r.lastFrame() ?? '';
      expect(frame).toContain('The nails and the phone');
      expect(frame).toContain('Discuss: ');
      expect(doubleBlanks(frame), `${columns}×${rows}`).toEqual([]);
      cleanup();
    }
  });

  // None bundled: a decision with no title, narration, spoken line, discussion prompt or note (an
  // author's bare question). Its replies still stand a blank row below the heading, as every
  // decision's do, whole or scrolling (where the row above them is the window's "more above" line).
  // The full-screen trainer-led view, projected for the room, drew a decision's replies under no
  // question: the play screen, presenter mode, the projector and the phones head them with it.
  it('a decision\'s question heads its replies, after the Discuss prompt, as the play screen draws it (80×24 and 120×40)', async () => {
    const r = await renderAt(appElement({ env: tempEnv(), start: { kind: 'facilitate', playable: newPhone() } }).element, 80, 24);
    await press(r, KEY.enter);
    for (const [columns, rows] of [[80, 24], [120, 40]] as const) {
      await r.resize(columns, rows);
      const shown = lines(r.lastFrame() ?? '');
      const first = shown.findIndex((l) => /^ › 1\. /.test(l));
      expect(shown[first - 1], shown.join('\n')).toBe(' What do you say or do?');
      expect(shown.findIndex((l) => l.startsWith(' Discuss: ')), shown.join('\n')).toBeLessThan(first - 1);
    }
  });

  // Where only the moment scrolls above the replies (trafficker-contact's first decision at 60×24),
  // the question was not drawn at all: paged down to the replies, the room read the Discuss prompt
  // and "(end)" above them, and voted on replies to "The message is sitting there. What do you do?"
  // unseen. It is the moment's last row, read last, right above the replies.
  it('where only the moment scrolls above the replies (60×24), its last rows are the decision\'s question, above the replies', async () => {
    const playable = bundled('trafficker-contact.json', 'd1-text');
    const r = await renderAt(appElement({ env: tempEnv(), start: { kind: 'facilitate', playable } }).element, 60, 24);
    await press(r, KEY.enter);
    expect(r.lastFrame()).toMatch(/↓ \d+ more below \(PgDn\)\n › 1\. /);
    for (let i = 0; i < 20 && !(r.lastFrame() ?? '').includes('(end)'); i++) await press(r, '\u001b[6~');
    const shown = lines(r.lastFrame() ?? '');
    const end = shown.indexOf(' (end)');
    expect(shown.slice(end - 3, end + 2), shown.join('\n')).toEqual([
      expect.stringMatching(/^ Discuss: What would a reply tell the sender/), ' refuses to say where Imani lives?', ' The message is sitting there. What do you do?', ' (end)', expect.stringMatching(/^ › 1\. /),
    ]);
    expect(shown.length).toBeLessThanOrEqual(23);
  });

  it('a decision with no moment text at all has a blank row between the heading and its question, its replies right under it (60×24, 120×40, and scrolling)', async () => {
    const bare = (repeat: number) => {
      // A copy to change (newPhone() hands out one frozen object).
      const playable = structuredClone(newPhone());
      const node = playable.scenario.nodes.find((n) => n.id === 'phone') as unknown as Record<string, unknown>;
      for (const k of ['title', 'narration', 'lines', 'discussionPrompt', 'facilitatorNote']) delete node[k];
      for (const reply of node.replies as { text: string }[]) reply.text += ' It says only what this CASA saw.'.repeat(repeat);
      return playable;
    };
    const r = await renderAt(appElement({ env: tempEnv(), start: { kind: 'facilitate', playable: bare(0) } }).element, 60, 24);
    await press(r, KEY.enter);
    const headAndFirst = (frame: string) => lines(frame).slice(0, 4);
    const HEAD = [' Example: the new phone · Decision 1 of about 2', '', ' What do you say or do?', expect.stringMatching(/^ › 1\. That's a nice one!/)];
    expect(headAndFirst(r.lastFrame()), r.lastFrame()).toEqual(HEAD);
    await r.resize(120, 40);
    expect(headAndFirst(r.lastFrame()), r.lastFrame()).toEqual(HEAD);
    r.unmount();
    // Replies taller than 60×24: they scroll, the window's first row blank at its top.
    const tall = await renderAt(appElement({ env: tempEnv(), start: { kind: 'facilitate', playable: bare(10) } }).element, 60, 24);
    await press(tall, KEY.enter);
    expect(tall.lastFrame()).toContain('more below (PgDn)');
    expect(headAndFirst(tall.lastFrame()), tall.lastFrame()).toEqual(HEAD);
    expect(lines(tall.lastFrame()).length).toBeLessThanOrEqual(23);
  });

  it('a scene too long for 60×24 (a trainer\'s long narration) scrolls with ↑↓ PgUp PgDn, its heading and keys staying on screen', async () => {
    const p = newPhone();
    const narration = Array.from({ length: 40 }, (_, i) => `Scene sentence ${i + 1} goes on here.`).join(' ');
    const playable = { ...p, scenario: { ...p.scenario, nodes: p.scenario.nodes.map((n) => (n.kind === 'scene' ? { ...n, narration } : n)) } };
    const r = await renderAt(appElement({ env: tempEnv(), start: { kind: 'facilitate', playable } }).element, 60, 24);
    await press(r, KEY.enter, 'r', '1');
    let frame = r.lastFrame() ?? '';
    expect(lines(frame).length).toBeLessThanOrEqual(23);
    expect(lines(frame)[0]).toContain('Example: the new phone');
    expect(frame).toContain('Scene sentence 1 goes on here.');
    // Enter reads on while rows are below (enter-reads-on.test), and goes on at the end.
    expect(frame.replace(/\s+/g, ' ')).toContain('Enter: read on · ↑↓ PgUp PgDn: scroll');
    for (let i = 0; i < 30 && !/\(end\)/.test(r.lastFrame() ?? ''); i++) await press(r, KEY.down);
    frame = r.lastFrame() ?? '';
    expect(frame.replace(/\s+/g, ' ')).toContain('Enter: continue · ↑↓ PgUp PgDn: scroll');
    expect(lines(frame).length).toBeLessThanOrEqual(23);
    expect(frame).toContain('Scene sentence 40 goes on here.');
    expect(frame).toContain('Jade (youth)');
    await press(r, KEY.enter);
    expect(r.lastFrame()).toContain('Decision 2 of about 2');
  });

  // A scene may carry its own discussion prompt and facilitator note (authoring.md: "As for
  // decisions"); presenter mode shows the prompt and has the note behind its "trainer only" button.
  // The terminal never showed the note at a scene (f did nothing there), and line by line left out
  // the scene's prompt too.
  it('a scene\'s own discussion prompt is shown, and f shows its facilitator note (line by line, the prompt)', async () => {
    const p = newPhone();
    const prompt = 'What did Jade just tell you, and what would you ask next?';
    const note = 'Let the room sit with the gift before anyone names it; watch for the urge to warn her.';
    const playable = { ...p, scenario: { ...p.scenario, nodes: p.scenario.nodes.map((n) => (n.kind === 'scene' ? { ...n, discussionPrompt: prompt, facilitatorNote: note } : n)) } };
    for (const [columns, rows] of [[60, 24], [120, 40]] as const) {
      const r = await renderAt(appElement({ env: tempEnv(), start: { kind: 'facilitate', playable } }).element, columns, rows);
      await press(r, KEY.enter, 'r', '1');
      const flat = () => (r.lastFrame() ?? '').replace(/\s+/g, ' ');
      expect(flat()).toContain('Jade (youth)');
      expect(flat()).toContain(`Discuss: ${prompt}`);
      // The note is the trainer's: behind f, as at a decision.
      expect(flat()).not.toContain(note);
      expect(flat()).toContain('f: facilitator note');
      await press(r, 'f');
      expect(flat(), `${columns}×${rows}`).toContain(`Facilitator note: ${note}`);
      expect(lines(r.lastFrame()).length).toBeLessThanOrEqual(rows - 1);
      await press(r, 'f');
      expect(flat()).not.toContain(note);
      await press(r, KEY.enter);
      expect(flat()).toContain('Decision 2 of about 2');
      cleanup();
    }
    let out = '';
    const said = ['r', '1', 'q'];
    await runFacilitatePlain({ playable, io: { out: (t) => (out += t), err: (t) => (out += t) }, env: tempEnv(), width: 400, readLine: async () => said.shift() });
    expect(out).toContain(`Discuss: ${prompt}`);
    expect(out.indexOf(`Discuss: ${prompt}`)).toBeGreaterThan(out.indexOf('Jade (youth): "My boyfriend got it for me.'));
  });

  // A scene that fits without its note but not with it: f turned the scene into a scrolling one
  // left at its top, so the note began on the last row above "↓ … more below" and f seemed to do
  // nothing (a decision's note is scrolled to; the scene's was only when it already scrolled).
  it('f at a scene that fits only without its note scrolls to the note', async () => {
    const p = newPhone();
    const note = 'Ask the room what Jade is telling them about the phone, then about who gave it to her. '.repeat(12).trim();
    // A narration of about 15 rows at 60 columns: the scene fills most of the screen.
    const narration = 'Jade turns the phone over in her hands while you talk, and the case worker waits by the door. '.repeat(9).trim();
    const playable = { ...p, scenario: { ...p.scenario, nodes: p.scenario.nodes.map((n) => (n.kind === 'scene' ? { ...n, narration, facilitatorNote: note } : n)) } };
    const r = await renderAt(appElement({ env: tempEnv(), start: { kind: 'facilitate', playable } }).element, 60, 24);
    await press(r, KEY.enter, 'r', '1');
    const flat = () => (r.lastFrame() ?? '').replace(/\s+/g, ' ');
    expect(flat()).toContain('Jade (youth)');
    expect(flat()).toContain(narration);
    expect(flat()).not.toContain('more below');
    await press(r, 'f');
    // The note's first rows are on the screen, not one row of it below the scene.
    expect(flat()).toContain(`Facilitator note: ${note.slice(0, 120)}`);
    expect(lines(r.lastFrame() ?? '').length).toBeLessThanOrEqual(23);
    await press(r, 'f');
    expect(flat()).not.toContain('Facilitator note');
    expect(flat()).toContain(narration);
  });

  it('a scene with only a spoken line has one blank row above it, and the summary\'s path is whole on its row at 60 columns', async () => {
    const env = tempEnv();
    const r = await renderAt(appElement({ env, start: { kind: 'facilitate', playable: newPhone() } }).element, 60, 24);
    await press(r, KEY.enter, 'r', '1');
    expect(r.lastFrame()).toContain('Jade (youth): “My boyfriend got it for me.');
    expect(doubleBlanks(r.lastFrame())).toEqual([]);
    await press(r, KEY.enter, 'r', '1');
    await throughEnding(r);
    const rows = lines(r.lastFrame());
    const at = rows.indexOf('Session summary written to:');
    expect(rows[at + 1]).toMatch(/^exports\/example-new-phone-session-[\dT-]+\.md$/);
    expect(rows[at + 2]).toBe(`(in the state folder ${stateDir(env)})`);
    expect(Math.max(...rows.map((l) => [...l].length))).toBeLessThanOrEqual(60);
  });

  // Presenter mode and the web head an untitled scene "Scene 2" (the core's sceneNumberAt and
  // sceneWords); this screen named no step at a scene, only the scenario's title.
  it('at 60×24 the heading names the scene by its number in the playthrough, as presenter mode does: "Scene 1" over an untitled one', async () => {
    const r = await renderAt(appElement({ env: tempEnv(), start: { kind: 'facilitate', playable: newPhone() } }).element, 60, 24);
    // The example opens on a decision; the scene its first reply leads to has no title.
    await press(r, KEY.enter, 'r', '1');
    const rows = lines(r.lastFrame() ?? '');
    expect(r.lastFrame()).toContain('My boyfriend got it for me.');
    expect(rows[0]?.trim()).toBe('Example: the new phone · Scene 1');
    expect(rows.length).toBeLessThanOrEqual(23);
    // Past the next decision the heading names it again.
    await press(r, KEY.enter);
    expect(lines(r.lastFrame() ?? '')[0]?.trim()).toBe('Example: the new phone · Decision 2 of about 2');
  });

  // Ink put the long state folder after "(in the state folder", broke it after its separators (a
  // row short each time) and began a row with "/": selected and pasted, it was not the path.
  it('at 60×24 with a state folder longer than a row, its path is on rows of its own, cut after a "/" (or at the width), wherever a notice names it', async () => {
    const home = join(mkdtempSync(join(tmpdir(), 's')), 'Jane Doe', 'a-folder-name-long-enough-to-need', 'two-rows-of-sixty');
    mkdirSync(home, { recursive: true });
    const env = tempEnv({ XDG_STATE_HOME: home });
    const path = `${stateDir(env)})`;
    expect(path.length).toBeGreaterThan(60);
    // The rows from "(in the state folder" on, as many as the path takes, each cut after a "/" (a
    // name whole on the next row) or, with no "/" in its second half, at `width`.
    const pathAt = (rows: string[], width: number) => {
      const at = rows.indexOf('(in the state folder');
      expect(at, rows.join('\n')).toBeGreaterThan(0);
      const taken: string[] = [];
      for (let i = at + 1; i < rows.length && taken.join('').length < path.length; i++) taken.push(rows[i] ?? '');
      expect(taken.slice(0, -1).every((row) => row.length <= width && (row.endsWith('/') || row.length === width)), taken.join('\n')).toBe(true);
      return taken.join('');
    };
    const r = await renderAt(appElement({ env, start: { kind: 'facilitate', playable: newPhone() } }).element, 60, 24);
    // Where the summary before a start over went (the trainer-led screen: 58 columns inside its margins).
    await press(r, KEY.enter, '4', 'r', '1', 's', 'y');
    expect(pathAt(lines(r.lastFrame() ?? '').map((l) => l.slice(1)), 58)).toBe(path);
    await press(r, KEY.enter, 'r', '1');
    await press(r, KEY.enter, 'r', '1');
    await throughEnding(r);
    // Where the session's summary went, in the debrief's notice. (Where e exported the debrief names
    // the folder once, "(in the state folder above)", and short of rows cuts it to one: debrief-fit.test.tsx.)
    expect(pathAt(lines(r.lastFrame() ?? ''), 60)).toBe(path);
  });
});

function testifyingPlayable(): PlayableScenario {
  const p = loadPlayable(join(BUNDLED, 'testifying.json'));
  if ('problems' in p) throw new Error(p.problems);
  return p;
}

describe('the reveal of a trainer-led session', () => {
  it('offers the scroll keys only when there is more to scroll to (testifying decision 1 at 60 columns, 82 to 94 rows: at 88 the reveal is one row longer than fits with the blank row above it)', async () => {
    const offered: number[] = [];
    // One session brought to the reveal, then the window made one row taller at a time, as a
    // terminal resized does (a session started at each height, 13 in all, was most of this file's time).
    const r = await renderAt(appElement({ env: tempEnv(), start: { kind: 'facilitate', playable: testifyingPlayable() } }).element, 60, 82);
    await press(r, KEY.enter);
    await press(r, KEY.enter);
    await press(r, 'r');
    for (let height = 82; height <= 94; height++) {
      if (height > 82) await r.resize(60, height);
      const frame = r.lastFrame();
      expect(frame).toContain('Votes in all');
      if (/PgUp PgDn: scroll/.test(frame)) {
        offered.push(height);
        expect(frame, `at 60×${height}`).toMatch(/more below/);
      }
      expect(frame.split('\n').map((l) => l.trimEnd()).join('\n').trimEnd().split('\n').length, `at 60×${height}`).toBeLessThanOrEqual(height - 1);
    }
    r.unmount();
    expect(offered.length).toBeGreaterThan(0);
    // Not offered at every height: from some height on the reveal fits.
    expect(offered.length).toBeLessThan(13);
  }, 60_000);
});
