import { existsSync, mkdtempSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runFacilitatePlain } from '../../src/terminal/facilitate-plain.js';
import { checkStateFolder } from '../../src/terminal/node/state-store.js';
import { loadPlayable } from '../../src/terminal/scenario-source.js';
import { appElement, KEY, newPhone, press, renderAt, tap, tempEnv, throughEnding } from './helpers/ink.js';
import { bundledFile } from './helpers/layout.js';
import { readOnlyFolder } from './helpers/refusing-fs.js';

// As root a folder made read-only (chmod -R a-w) still takes writes: the refusal a volunteer meets
// there is simulated by node:fs refusing every write into one folder with EACCES.
vi.mock('node:fs', async (importOriginal) => (await import('./helpers/refusing-fs.js')).folderRefusingFs(await importOriginal<typeof import('node:fs')>()));

afterEach(() => {
  readOnlyFolder.path = '';
  cleanup();
});

/** The frame's words on one line, the quit prompt's border gone. */
/** youth-discloses, loaded as the app loads a bundled file, for a trainer-led session. */
function youthDiscloses() {
  const playable = loadPlayable(bundledFile('youth-discloses.json'));
  if ('problems' in playable) throw new Error(playable.problems);
  return playable;
}

/** A folder the app is started in (where a summary goes when the state folder refuses it), and a state folder of its own. */
function startedHere() {
  const here = mkdtempSync(join(tmpdir(), 'casa-here-'));
  return { here, env: tempEnv({ PWD: here }) };
}

const oneLine = (frame: string | undefined) => (frame ?? '').replace(/[│╭╮╰╯─]/g, ' ').replace(/\s+/g, ' ');

/** A state folder that refuses every write from the start, checked as `run` checks it before the app opens. */
function readOnlyFromStart() {
  const env = tempEnv();
  const folder = join(env.XDG_STATE_HOME as string, 'casa-practice');
  readOnlyFolder.path = folder;
  expect(checkStateFolder(env)).toMatch(/cannot be written \(permission denied\)/);
  return { env, folder };
}

describe('q where the state folder could not be written from the start', () => {
  // It said only "This playthrough cannot be saved and will be lost.": not why, nor which folder,
  // where a folder made read-only mid-scenario was named, with why and what to do (quitRetryWords).
  it('practice, full screen: "Quit without saving?" names the folder and why, and y saves once it is writable (60×24)', async () => {
    const { env, folder } = readOnlyFromStart();
    const { element, exit } = appElement({ env, start: { kind: 'play', playable: newPhone(), showNote: true } });
    const r = await renderAt(element, 60, 24);
    await press(r, KEY.enter, '1', KEY.enter, 'q');
    const frame = r.lastFrame() ?? '';
    expect(frame).toContain('Quit without saving?');
    // The folder, why and what to do as the start notice said them (here the saves folder is the one to open).
    expect(oneLine(frame)).toContain(`This playthrough cannot be saved: ${folder} cannot be written (permission denied). Make ${folder}/saves writable, then press y to save after all; otherwise y quits and this playthrough is lost. y: quit · n: keep going`);
    const rows = frame.split('\n');
    expect(rows.length).toBeLessThanOrEqual(24);
    expect(Math.max(...rows.map((l) => [...l].length))).toBeLessThanOrEqual(60);
    // As the words say: made writable, y saves.
    readOnlyFolder.path = '';
    await tap(r, 'y');
    expect(exit.mock.calls[0]?.[0]).toMatch(/^Progress saved to/);
    expect(exit.mock.calls[0]?.[1]).toBe(0);
  });

  it('trainer-led, full screen: "Stop now?" names the folder that refused and why (60×24)', async () => {
    const { env, folder } = readOnlyFromStart();
    const playable = youthDiscloses();
    const { element } = appElement({ env, start: { kind: 'facilitate', playable } });
    const r = await renderAt(element, 60, 24);
    await press(r, KEY.enter, '3', 'q');
    const frame = r.lastFrame() ?? '';
    expect(oneLine(frame)).toContain(`Stop now? The session is not kept: ${folder} cannot be written (permission denied); its summary is written to`);
    const rows = frame.split('\n');
    expect(rows.length).toBeLessThanOrEqual(24);
    expect(rows[0]).toContain('What Kiara tells you');
    expect(Math.max(...rows.map((l) => [...l].length))).toBeLessThanOrEqual(60);
  });
});

// Walked in tmux (term-49), the state folder made read-only (chmod -R a-w) during a trainer-led
// session at 60×24: q asked "Stop now and write the summary so far? The session is kept to carry on
// later.", though the session's writes were refused, and y left with only "The session summary could
// not be written (permission denied)", exit 74: the room's votes were lost.
// Walked in tmux (term-50, dual-involvement at 60×24, a real read-only bind mount): a session begun
// with the state folder read-only, the mount then taken off, was written to the folder at the next
// step, yet q still asked "Stop now? The session is not kept: … cannot be written (the disk is
// read-only)", and leaving then named the command to carry it on.
describe('q in a trainer-led session begun where the state folder could not be written, which it has taken since', () => {
  it('says the session is kept to carry on later, and where its summary goes as it stops (60×24)', async () => {
    const { env, folder } = readOnlyFromStart();
    // Where its summary goes (fallbackExportDir: the folder the app was started in).
    const here = mkdtempSync(join(tmpdir(), 'casa-here-'));
    env.PWD = here;
    const playable = youthDiscloses();
    const { element, exit } = appElement({ env, start: { kind: 'facilitate', playable } });
    const r = await renderAt(element, 60, 24);
    await press(r, KEY.enter, '3');
    // Made writable: the next vote is kept in the folder.
    readOnlyFolder.path = '';
    await press(r, '4', 'q');
    const said = oneLine(r.lastFrame());
    expect(said).not.toContain('not kept');
    expect(said).toContain('Stop now? The state folder can be written again, so the session is kept to carry on later; its summary is written to');
    const rows = (r.lastFrame() ?? '').split('\n');
    expect(rows.length).toBeLessThanOrEqual(24);
    expect(Math.max(...rows.map((l) => [...l].length))).toBeLessThanOrEqual(60);
    await tap(r, 'y');
    const leaving = exit.mock.calls[0]?.[0] as string;
    expect(readdirSync(here)).toEqual([expect.stringMatching(/^youth-discloses-session-.*\.md$/)]);
    expect(leaving).toMatch(/^Session summary written to:\n\S*youth-discloses-session-\S+\.md/);
    expect(leaving).not.toContain('cannot be written');
    expect(leaving).toContain('To carry on with this session later');
    expect(exit.mock.calls[0]?.[1]).toBe(0);
    expect(readdirSync(join(folder, 'facilitation'))).toHaveLength(1);
  });
});

// Line by line the same (term-54): begun read-only, the folder taking the session from the next
// step on, q and the ending still said "The state folder cannot be written, so the session summary
// was written to:" (the exit code, 0, already agreed that it could be).
describe('line by line, a trainer-led session begun where the state folder could not be written, which it has taken since', () => {
  for (const [leave, lines, playable] of [['q at a decision', ['3 1 0', 'r', '1', '2 2 0', 'q'], youthDiscloses], ['the ending', ['5 0 0', 'r', '1', '4 0 0', 'r', '1'], newPhone]] as const) {
    it(`${leave}: the summary where it was said to go, named without "cannot be written"; 0`, async () => {
      const { env } = readOnlyFromStart();
      const here = mkdtempSync(join(tmpdir(), 'casa-here-'));
      env.PWD = here;
      const typed = [...lines];
      let out = '';
      const code = await runFacilitatePlain({ playable: playable(), io: { out: (t) => (out += t), err: (t) => (out += t) }, env, width: 200, readLine: async () => {
        // Made writable once the room has voted at decision 1: the next step is kept in the folder.
        if (typed.length === lines.length - 1) readOnlyFolder.path = '';
        return typed.shift();
      } });
      // Said as it began: the folder could not be written then.
      expect(out).toContain('This session is not kept as it goes, since the state folder cannot be written');
      const written = readdirSync(here);
      expect(written).toEqual([expect.stringMatching(/-session-.*\.md$/)]);
      // What follows the words said as it began.
      const leaving = out.slice(out.indexOf('s starts the session over (asked first). q ends the session.'));
      expect(leaving).toContain(`Session summary written to:\n${join(here, written[0] as string)}`);
      expect(leaving).not.toContain('cannot be written');
      expect(code, out).toBe(0);
    });
  }
});

describe('q in a trainer-led session whose state folder stopped taking writes after it began', () => {
  it('says the session is no longer kept, and where its summary goes; y writes it there (60×24)', async () => {
    const { here, env } = startedHere();
    const playable = youthDiscloses();
    const { element, exit } = appElement({ env, start: { kind: 'facilitate', playable } });
    const r = await renderAt(element, 60, 24);
    await press(r, KEY.enter, '3', 'r', '1');
    const folder = join(env.XDG_STATE_HOME as string, 'casa-practice');
    readOnlyFolder.path = folder;
    // The scene, then decision 2: votes, the reveal and the branch, each kept with the session (refused now).
    await press(r, KEY.enter, '2', 'r', '2');
    await press(r, 'q');
    const frame = r.lastFrame() ?? '';
    // (Read without spaces: the file's path, longer than a row, is cut at the row's width.)
    const squeezed = (text: string) => text.replace(/\s+/g, '');
    expect(squeezed(frame)).toContain(squeezed(`Stop now? The session is no longer kept as it goes: ${folder}/facilitation/youth-discloses.json cannot be written (permission denied); its summary is written to ${here} as it stops. (y / n)`));
    const rows = frame.split('\n');
    expect(rows.length).toBeLessThanOrEqual(24);
    expect(Math.max(...rows.map((l) => [...l].length))).toBeLessThanOrEqual(60);
    await tap(r, 'y');
    const [said] = exit.mock.calls[0] ?? [];
    const written = readdirSync(here);
    expect(written).toEqual([expect.stringMatching(/^youth-discloses-session-.*\.md$/)]);
    expect(String(said).replace(/\s+/g, ' ')).toContain(`The state folder cannot be written, so the session summary was written to: ${written[0] as string} (in the folder ${here})`);
    expect(readFileSync(join(here, written[0] as string), 'utf8')).toMatch(/## Decision 2/);
  });
});

// Walked in tmux (term2-50, youth-discloses at 60×24, a real read-only bind mount after the first
// branch): the room went on, voted and revealed, and nothing was said until q; line by line said it
// at once. Now the first refused write says so, in alone practice's words and place (the store's
// line, in place of the help line until the next key), and once only.
describe('full screen, a trainer-led session whose state folder stops taking writes after it began', () => {
  it('says so at the first refused write, in place of the help line until the next key, once (60×24 and 120×40)', async () => {
    for (const [columns, rows] of [[60, 24], [120, 40]] as const) {
      const { env } = startedHere();
      const playable = youthDiscloses();
      const { element } = appElement({ env, start: { kind: 'facilitate', playable } });
      const r = await renderAt(element, columns, rows);
      await press(r, KEY.enter, '3', 'r', '1');
      const folder = join(env.XDG_STATE_HOME as string, 'casa-practice');
      readOnlyFolder.path = folder;
      // The scene before decision 2, then decision 2: its step is the first write refused.
      await press(r, KEY.enter);
      const frame = r.lastFrame() ?? '';
      const words = `Progress is not being saved: ${folder}/facilitation/youth-discloses.json cannot be written (permission denied); this session is kept in memory only.`;
      // (Read without spaces: the file's path, longer than a row at 60 columns, is cut at the row's width.)
      const squeezed = (text: string) => text.replace(/\s+/g, '');
      const shown = frame.split('\n').map((row) => row.trim());
      // Whole where decision 2 fits with it; at 60×24, where it does not, in one row (see the
      // test of decision 1 below: q names the file).
      if (columns === 60) {
        expect(frame).toContain('Progress is not being saved (permission denied).');
        expect(frame).toContain('Discuss: What need might Dre be meeting');
      } else expect(squeezed(frame)).toContain(squeezed(words));
      // In place of the help line, the heading still on top, the frame within the window.
      expect(frame).not.toContain('q: end session');
      expect(shown[0]).toContain('What Kiara tells you');
      expect(frame).toContain('He looks out for me');
      expect(shown.length).toBeLessThanOrEqual(rows);
      expect(Math.max(...frame.split('\n').map((l) => [...l].length))).toBeLessThanOrEqual(columns);
      // The next key (a vote, refused too) brings the help line back, and it is not said again.
      await press(r, '2');
      expect(r.lastFrame()).not.toContain('Progress is not being saved');
      expect(r.lastFrame()).toContain('q: end session');
      await press(r, '+');
      expect(r.lastFrame()).not.toContain('Progress is not being saved');
      readOnlyFolder.path = '';
      r.unmount();
    }
  });
});

// Walked in tmux (term-51, youth-discloses at 60×24, a real read-only bind mount after the first
// vote): the store's line (five rows at 60 columns, the refused file's path on two) took the help
// line's three and two more, and the first Discuss prompt went under "↓ 3 more below (PgDn)" until
// the next key. Where the moment does not fit whole with it, its one-row form is said (q names the file).
describe('full screen, the first refused write of a trainer-led session beside the whole moment', () => {
  it('the notice and every row of decision 1 are in the first frame after it (60×24 and 80×24)', async () => {
    const playable = youthDiscloses();
    const decision = playable.scenario.nodes.find((n) => n.id === 'd1-gifts');
    if (decision?.kind !== 'decision') throw new Error('youth-discloses has no decision d1-gifts');
    const squeezed = (text: string) => text.replace(/\s+/g, '');
    for (const [columns, rows] of [[60, 24], [80, 24]] as const) {
      const { here, env } = startedHere();
      const { element, exit } = appElement({ env, start: { kind: 'facilitate', playable } });
      const r = await renderAt(element, columns, rows);
      await press(r, KEY.enter, '3');
      const folder = join(env.XDG_STATE_HOME as string, 'casa-practice');
      readOnlyFolder.path = folder;
      // The next vote is the first write refused.
      await press(r, KEY.down, '2');
      const frame = r.lastFrame() ?? '';
      const shown = squeezed(frame);
      expect(frame).not.toMatch(/more below|more above/);
      for (const words of [decision.title ?? '', decision.narration ?? '', ...(decision.lines ?? []).map((l) => l.text), `Discuss: ${decision.discussionPrompt ?? ''}`, ...decision.replies.map((reply) => reply.text)]) expect(shown).toContain(squeezed(words));
      const whole = `Progress is not being saved: ${folder}/facilitation/youth-discloses.json cannot be written (permission denied); this session is kept in memory only.`;
      // At 60 columns its one-row form; at 80, where the moment fits with it, the whole line.
      if (columns === 60) {
        expect(frame).toContain('Progress is not being saved (permission denied).');
        expect(shown).not.toContain(squeezed(whole));
      } else expect(shown).toContain(squeezed(whole));
      const lines = frame.split('\n');
      expect(lines.length).toBeLessThanOrEqual(rows);
      expect(lines[0]).toContain('What Kiara tells you');
      expect(Math.max(...lines.map((l) => [...l].length))).toBeLessThanOrEqual(columns);
      // The file it did not name there, q names (with where the summary goes), or, where the question
      // has no room for it beside the moment (its short form, trainer-52), leaving names both.
      await press(r, 'q');
      const asked = squeezed(r.lastFrame() ?? '');
      const named = squeezed(`${folder}/facilitation/youth-discloses.json cannot be written (permission denied); its summary is written to ${here}`);
      if (!asked.includes(named)) {
        expect(asked).toContain(squeezed("Stop now? Not kept (permission denied); the summary's file is named as it stops."));
        await tap(r, 'y');
        const said = squeezed(exit.mock.calls[0]?.[0] ?? '');
        expect(said).toContain(squeezed(`${folder}/facilitation/youth-discloses.json`));
        expect(said).toContain(squeezed(here));
      }
      readOnlyFolder.path = '';
      r.unmount();
    }
  });
});

// Walked in tmux (trainer-52, youth-discloses at 60×24, the state folder refusing writes since the
// first vote): q asked "Stop now? The session is no longer kept as it goes: <the folder> cannot be
// written (…); its summary is written to <the folder the app was started in> as it stops." on five
// rows where the help line had two, and the first Discuss prompt went under "↓ 3 more below" until n.
describe('q once the state folder has refused a trainer-led session\'s writes', () => {
  it('the first frame after q shows the question and every row the moment had (60×24 and 80×24)', async () => {
    const playable = youthDiscloses();
    const squeezed = (text: string) => text.replace(/\s+/g, '');
    for (const [columns, rows] of [[60, 24], [80, 24]] as const) {
      const { env, here } = startedHere();
      const { element, exit } = appElement({ env, start: { kind: 'facilitate', playable } });
      const r = await renderAt(element, columns, rows);
      await press(r, KEY.enter, '3');
      readOnlyFolder.path = join(env.XDG_STATE_HOME as string, 'casa-practice');
      // The first write refused, and the line said in its place gone with the next key.
      await press(r, KEY.down, '2', KEY.down);
      const before = r.lastFrame() ?? '';
      expect(before).not.toMatch(/more below|more above|Progress is not being saved/);
      // Every row of the moment, from the title to the replies (the rows above the help line).
      const moment = before.split('\n').slice(0, before.split('\n').findIndex((l) => /↑↓|Enter/.test(l)));
      expect(moment.join('\n'), before).toContain('Discuss:');
      await press(r, 'q');
      const frame = r.lastFrame() ?? '';
      expect(frame).toContain('Stop now?');
      // At 60 columns its short form (the whole took five rows, the help line two).
      if (columns === 60) expect(oneLine(frame)).toContain("Stop now? Not kept (permission denied); the summary's file is named as it stops. (y / n)");
      expect(frame).not.toMatch(/more below|more above/);
      for (const row of moment) expect(frame.split('\n'), `${columns}×${rows}: ${row}\n${frame}`).toContain(row);
      const lines = frame.split('\n');
      expect(lines.length).toBeLessThanOrEqual(rows);
      expect(Math.max(...lines.map((l) => [...l].length))).toBeLessThanOrEqual(columns);
      // Where the question had no room to name the folder, leaving names the file; y writes it there.
      await tap(r, 'y');
      expect(readdirSync(here)).toEqual([expect.stringMatching(/^youth-discloses-session-.*\.md$/)]);
      expect(squeezed(exit.mock.calls[0]?.[0] ?? '')).toContain(squeezed(here));
      readOnlyFolder.path = '';
      r.unmount();
    }
  });
});

/** The summaries of youth-discloses in the state folder's exports folder (none where there is no such folder). */
function exported(env: NodeJS.ProcessEnv): string[] {
  const dir = join(env.XDG_STATE_HOME as string, 'casa-practice', 'exports');
  return existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.md')) : [];
}

// Walked in tmux (term-51, youth-discloses at 60×24, a real read-only bind mount): a session kept at
// decision 2, the folder made read-only, q wrote the summary so far where the app was started; the
// folder writable again, the session carried on and stopped wrote a second summary in the exports
// folder, two files for one session. Carried on from another folder, the choice to carry on did not
// name the first either. Begun read-only and kept since, carried on from another folder, the same.
describe('one summary file for a trainer-led session whose summary went outside the state folder', () => {
  it('stopped while the folder refused its writes, carried on from another folder once it takes them: the summary written then is named by its whole path, and written again in place', async () => {
    const { here, env } = startedHere();
    const first = appElement({ env, start: { kind: 'facilitate', playable: youthDiscloses() } });
    const r = await renderAt(first.element, 60, 24);
    // Decision 1 followed; at decision 2, 2 votes kept; then the folder refuses, and q.
    await press(r, KEY.enter, '3', 'r', '1', KEY.enter, '2');
    readOnlyFolder.path = join(env.XDG_STATE_HOME as string, 'casa-practice');
    await press(r, '+', 'q');
    await tap(r, 'y');
    const written = readdirSync(here);
    expect(written).toEqual([expect.stringMatching(/^youth-discloses-session-.*\.md$/)]);
    const summary = join(here, written[0] as string);
    r.unmount();
    cleanup();
    readOnlyFolder.path = '';
    const there = mkdtempSync(join(tmpdir(), 'casa-there-'));
    env.PWD = there;
    // A new run, as the trainer's next day: the same state folder by another name (a link to it), so
    // that this process's store does not hand back what it kept in memory while the folder refused.
    const link = join(mkdtempSync(join(tmpdir(), 'casa-link-')), 'state');
    symlinkSync(env.XDG_STATE_HOME as string, link);
    env.XDG_STATE_HOME = link;
    const second = appElement({ env, start: { kind: 'facilitate', playable: youthDiscloses() } });
    const r2 = await renderAt(second.element, 120, 40);
    await press(r2, KEY.enter);
    expect(r2.lastFrame()).toContain('A summary of this session written since then is:');
    expect(r2.lastFrame()).toContain(summary);
    await press(r2, KEY.enter, '4', 'q');
    await tap(r2, 'y');
    const leaving = second.exit.mock.calls[0]?.[0] as string;
    expect(leaving).toContain(`Session summary written to:\n${summary}`);
    expect(readdirSync(here)).toEqual(written);
    expect(readdirSync(there)).toEqual([]);
    expect(exported(env)).toEqual([]);
    expect(readFileSync(summary, 'utf8')).toContain('Votes: 6 in all.');
  });

  it('begun where the folder could not be written and kept since, stopped, then carried on from another folder: its summary is written again in place, not in a second file', async () => {
    const { env } = readOnlyFromStart();
    const here = mkdtempSync(join(tmpdir(), 'casa-here-'));
    env.PWD = here;
    const first = appElement({ env, start: { kind: 'facilitate', playable: youthDiscloses() } });
    const r = await renderAt(first.element, 60, 24);
    await press(r, KEY.enter, '3');
    // Writable again: the session is kept from the next step on, its summary still going where it was said to.
    readOnlyFolder.path = '';
    await press(r, 'r', '1', KEY.enter, '2', 'q');
    await tap(r, 'y');
    const written = readdirSync(here);
    expect(written).toEqual([expect.stringMatching(/^youth-discloses-session-.*\.md$/)]);
    const summary = join(here, written[0] as string);
    expect(first.exit.mock.calls[0]?.[0]).toContain('To carry on with this session later');
    r.unmount();
    cleanup();
    const there = mkdtempSync(join(tmpdir(), 'casa-there-'));
    env.PWD = there;
    const second = appElement({ env, start: { kind: 'facilitate', playable: youthDiscloses() } });
    const r2 = await renderAt(second.element, 120, 40);
    await press(r2, KEY.enter);
    expect(r2.lastFrame()).toContain('You have a trainer-led session of this scenario in progress.');
    await press(r2, KEY.enter, '4', 'q');
    await tap(r2, 'y');
    expect(second.exit.mock.calls[0]?.[0]).toContain(`Session summary written to:\n${summary}`);
    expect(readdirSync(here)).toEqual(written);
    expect(readdirSync(there)).toEqual([]);
    expect(exported(env)).toEqual([]);
    expect(readFileSync(summary, 'utf8')).toContain('Votes: 6 in all.');
  });
});

describe('line by line, a trainer-led session whose state folder stopped taking writes after it began', () => {
  it('says once that it is no longer kept and where its summary goes; q writes the summary there', async () => {
    const { here, env } = startedHere();
    const playable = youthDiscloses();
    const folder = join(env.XDG_STATE_HOME as string, 'casa-practice');
    const lines = ['3 1 0', 'r', '1', '2 2 0', 'r', '2', 'q'];
    let out = '';
    const code = await runFacilitatePlain({ playable, io: { out: (t) => (out += t), err: (t) => (out += t) }, env, width: 200, readLine: async () => {
      // The folder made read-only once the room has followed its first branch.
      if (lines.length === 4) readOnlyFolder.path = folder;
      return lines.shift();
    } });
    const said = out.replace(/\s+/g, ' ');
    expect(said.split('This session is no longer kept as it goes').length).toBe(2);
    expect(said).toMatch(new RegExp(`This session is no longer kept as it goes: ${folder}\\S* cannot be written \\(permission denied\\); its summary is written to ${here} when it ends\\.`));
    const written = readdirSync(here);
    expect(written).toEqual([expect.stringMatching(/^youth-discloses-session-.*\.md$/)]);
    expect(said).toContain(`The state folder cannot be written, so the session summary was written to: ${join(here, written[0] as string)}`);
    expect(said).not.toContain('could not be written');
    expect(said).not.toContain('To carry on with this session later');
    expect(readFileSync(join(here, written[0] as string), 'utf8')).toMatch(/## Decision 3/);
    // 74, as the full-screen app exits after the same refusal (README, trainer-led: the state folder refused
    // the session's writes and took none since; roomExitCode): line by line exited 0 here.
    expect(code).toBe(74);
  });

  it('carried on from another folder once the folder takes writes again, and stopped: that summary is written again in place, no second file', async () => {
    const { here, env } = startedHere();
    const folder = join(env.XDG_STATE_HOME as string, 'casa-practice');
    const first = ['3 1 0', 'r', '1', '2 2 0', 'r', '2', 'q'];
    await runFacilitatePlain({ playable: youthDiscloses(), io: { out: () => undefined, err: () => undefined }, env, width: 200, readLine: async () => {
      if (first.length === 4) readOnlyFolder.path = folder;
      return first.shift();
    } });
    readOnlyFolder.path = '';
    const written = readdirSync(here);
    expect(written).toEqual([expect.stringMatching(/^youth-discloses-session-.*\.md$/)]);
    const summary = join(here, written[0] as string);
    const there = mkdtempSync(join(tmpdir(), 'casa-there-'));
    // A new run (see the full-screen test above): the same state folder by another name.
    const link = join(mkdtempSync(join(tmpdir(), 'casa-link-')), 'state');
    symlinkSync(env.XDG_STATE_HOME as string, link);
    const next = { ...env, PWD: there, XDG_STATE_HOME: link };
    const lines = ['1 4 0', 'q'];
    let out = '';
    await runFacilitatePlain({ playable: youthDiscloses(), io: { out: (t) => (out += t), err: (t) => (out += t) }, env: next, width: 200, readLine: async () => lines.shift() });
    expect(out).toContain(`A summary of this session written since then is:\n${summary}`);
    expect(out).toContain(`Session summary written to:\n${summary}`);
    expect(readdirSync(here)).toEqual(written);
    expect(readdirSync(there)).toEqual([]);
    expect(exported(env)).toEqual([]);
    expect(readFileSync(summary, 'utf8')).toContain('Votes: 5 in all.');
  });
});

// Walked in tmux (trainer-50, jae-and-hyung at 120×40): the state folder made read-only during the
// last decision, once its votes and reveal were kept; the room's branch led to the ending, and the
// debrief said only "The session summary could not be written (the disk is read-only)". q then left
// with exit 74 and no summary anywhere: the votes of every decision were lost. The summary is the
// first write the folder refuses there, so the fallback (roomSummaryDir, which waits for a refused
// save) was not taken; it is now (refusedSummaryDir tries the folder), as at q mid-session. Line by
// line already kept the session before writing the summary there: its case guards that it stays so.
describe('a trainer-led session whose state folder stops taking writes just before its ending', () => {
  it('full screen: the summary at the ending is written where e: export writes then, and the debrief names it (60×24)', async () => {
    const { here, env } = startedHere();
    const { element, exit } = appElement({ env, start: { kind: 'facilitate', playable: newPhone() } });
    const r = await renderAt(element, 60, 24);
    await press(r, KEY.enter, '4', 'r', '1', KEY.enter, '3', 'r');
    readOnlyFolder.path = join(env.XDG_STATE_HOME as string, 'casa-practice');
    await press(r, '1');
    await throughEnding(r);
    const frame = oneLine(r.lastFrame());
    expect(frame).not.toContain('could not be written');
    const written = readdirSync(here);
    expect(written).toEqual([expect.stringMatching(/^example-new-phone-session-.*\.md$/)]);
    // (Read without spaces: the file's path, longer than a row, is cut at the row's width.)
    expect(frame.replace(/\s+/g, '')).toContain(`The state folder cannot be written, so the session summary was written to: ${join(here, written[0] as string)}`.replace(/\s+/g, ''));
    const md = readFileSync(join(here, written[0] as string), 'utf8');
    expect(md).toMatch(/## Decision 2/);
    expect(md).toMatch(/^## Debrief/m);
    await tap(r, 'q');
    // Leaving, the path is longer than the row (60 columns): the file on its row, its folder after it (leavingPath).
    expect(String(exit.mock.calls[0]?.[0]).replace(/\s+/g, ' ')).toContain(`The state folder cannot be written, so the session summary was written to: ${written[0] as string} (in the folder ${here})`);
  });

  it('line by line: the summary at the ending is written where e: export writes then, and said so', async () => {
    const { here, env } = startedHere();
    const folder = join(env.XDG_STATE_HOME as string, 'casa-practice');
    const lines = ['4 0 0', 'r', '1', '3 0 0', 'r', '1', 'q'];
    let out = '';
    await runFacilitatePlain({ playable: newPhone(), io: { out: (t) => (out += t), err: (t) => (out += t) }, env, width: 200, readLine: async () => {
      // The folder made read-only once the last decision's reveal is kept, before its branch.
      if (lines.length === 2) readOnlyFolder.path = folder;
      return lines.shift();
    } });
    const said = out.replace(/\s+/g, ' ');
    expect(said).not.toContain('The session summary could not be written');
    const written = readdirSync(here);
    expect(written).toEqual([expect.stringMatching(/^example-new-phone-session-.*\.md$/)]);
    expect(said).toContain(`The state folder cannot be written, so the session summary was written to: ${join(here, written[0] as string)}`);
    expect(readFileSync(join(here, written[0] as string), 'utf8')).toMatch(/^## Debrief/m);
  });
});
