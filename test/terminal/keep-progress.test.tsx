import { copyFileSync, mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { localDate, localTime, SET_ASIDE_KEEP } from '../../src/machines/index.js';
import { savesDir } from '../../src/terminal/saves.js';
import { runPiped, runWithState } from './helpers/cli.js';
import { appElement, KEY, press, renderApp, renderAt, SCENARIOS, tap, tempEnv } from './helpers/ink.js';
import { NEW_PHONE_SAVE } from './helpers/slots.js';

afterEach(() => cleanup());

/** A screen's text with its row breaks, box sides and styles taken out. */
// eslint-disable-next-line no-control-regex -- strips styles
const flat = (frame: string | undefined) => (frame ?? '').replace(/\u001b\[[0-9;]*m/g, '').replace(/[│╭╮╰╯─]/g, ' ').replace(/\s+/g, ' ');

const NEW_PHONE = join(SCENARIOS, 'new-phone.json');

/** Opens new-phone from the picker, replies 1, goes on to decision 2, then q y: a save at decision 2. */
async function saveAtDecision2(env: NodeJS.ProcessEnv, dir?: string) {
  const { element, exit } = appElement({ env, dir });
  const r = await renderApp(element);
  await press(r, '1', KEY.enter, '1', KEY.enter, KEY.enter);
  expect(r.lastFrame()).toContain('Decision 2 of about 2');
  await press(r, 'q');
  await tap(r, 'y');
  expect(exit.mock.calls[0]?.[0]).toMatch(/^Progress saved to /);
  r.unmount();
}

const saved = (env: NodeJS.ProcessEnv, name = NEW_PHONE_SAVE) => JSON.parse(readFileSync(join(savesDir(env), name), 'utf8')) as { session: { snapshot: { context: { transcript: { replyId: string }[] } } } };

describe('opening a scenario that has a save', () => {
  it('marks it in the picker and asks: continue where you stopped, or start over', async () => {
    const env = tempEnv();
    await saveAtDecision2(env);
    const { element } = appElement({ env });
    const r = await renderApp(element);
    expect(r.lastFrame()).toMatch(/1\. Example: the new phone \(saved\)/);
    await press(r, '1');
    expect(r.lastFrame()).toContain('1. Continue where you stopped (1 reply made, practice, saved just now)');
    expect(r.lastFrame()).toContain('2. Start over (the save is kept until you make your first reply)');
    await press(r, '1');
    expect(r.lastFrame()).toContain('Decision 2 of about 2');
  });

  it('starting over keeps the save until the first reply: quitting before it leaves the save as it was', async () => {
    const env = tempEnv();
    await saveAtDecision2(env);
    const before = readFileSync(join(savesDir(env), NEW_PHONE_SAVE), 'utf8');
    const { element, exit } = appElement({ env });
    const r = await renderApp(element);
    await press(r, '1', '2');
    expect(r.lastFrame()).toContain('Content note');
    await press(r, KEY.enter);
    expect(r.lastFrame()).toContain('Decision 1 of about 2');
    // Nothing new to save: the help line and the question say so, not "save & quit".
    expect(flat(r.lastFrame())).toContain('q: quit');
    expect(r.lastFrame()).not.toContain('save & quit');
    await press(r, 'q');
    const asked = flat(r.lastFrame());
    expect(asked).not.toContain('Save your progress');
    expect(asked).toContain('Quit? Nothing new to save: you started over and made no reply yet. Your earlier save (1 reply made) is kept. Continue it with: casa-practice resume');
    expect(asked).toContain('y: quit');
    await tap(r, 'y');
    expect(exit.mock.calls[0]?.[0]).toContain('Your earlier save (1 reply made) was kept');
    expect(readFileSync(join(savesDir(env), NEW_PHONE_SAVE), 'utf8')).toBe(before);
  });

  // After the undo it said "you started over and made no reply yet": a reply was made, and undone.
  it('starting over, after a reply and its undo the question again says nothing new is saved, and why, as the words on leaving do; with a reply made it offers the save', async () => {
    const env = tempEnv();
    await saveAtDecision2(env);
    const before = readFileSync(join(savesDir(env), NEW_PHONE_SAVE), 'utf8');
    const { element, exit } = appElement({ env });
    const r = await renderApp(element);
    await press(r, '1', '2', KEY.enter, '2', 'q');
    expect(flat(r.lastFrame())).toContain('Save your progress and quit?');
    await press(r, 'n', 'u', 'q');
    expect(flat(r.lastFrame())).toContain('Quit? Nothing new to save: you started over and undid every reply you made. Your earlier save (1 reply made) is kept.');
    expect(flat(r.lastFrame())).not.toContain('made no reply yet');
    await tap(r, 'y');
    expect(exit.mock.calls[0]?.[0]).toBe('Your earlier save (1 reply made) was kept: you started over but undid every reply you made.\nContinue with: casa-practice resume');
    expect(readFileSync(join(savesDir(env), NEW_PHONE_SAVE), 'utf8')).toBe(before);
  });

  it('starting over where the earlier save is not the newest: the question and the words on leaving do not offer resume, which opens the other save', async () => {
    const env = tempEnv();
    await saveAtDecision2(env);
    // A newer save of another scenario: resume opens that one.
    const other = join(savesDir(env), 'zz-other.json');
    writeFileSync(other, readFileSync(join(savesDir(env), NEW_PHONE_SAVE), 'utf8'));
    utimesSync(other, new Date(Date.now() + 60_000), new Date(Date.now() + 60_000));
    const { element, exit } = appElement({ env });
    const r = await renderApp(element);
    await press(r, '1', '2', KEY.enter, 'q');
    const asked = flat(r.lastFrame());
    expect(asked).toContain('(1 reply made) is kept. Opening this scenario again offers it.');
    expect(asked).not.toContain('resume');
    await tap(r, 'y');
    expect(exit.mock.calls[0]?.[0]).toBe('Your earlier save (1 reply made) was kept: you started over but made no reply yet.\nOpening this scenario again offers it.');
  });

  it('starting over and making a reply replaces the save', async () => {
    const env = tempEnv();
    await saveAtDecision2(env);
    const { element } = appElement({ env });
    const r = await renderApp(element);
    await press(r, '1', '2', KEY.enter, '2');
    expect(r.lastFrame()).toContain('Feedback on your reply');
    await press(r, 'q');
    await tap(r, 'y');
    const transcript = saved(env).session.snapshot.context.transcript;
    expect(transcript).toHaveLength(1);
    expect(transcript[0]?.replyId).toBe('phone-accuse');
  });

  it('a trainer\'s copy with the same id has a save slot of its own', async () => {
    const env = tempEnv();
    const dir = mkdtempSync(join(tmpdir(), 'casa-copy-'));
    copyFileSync(NEW_PHONE, join(dir, 'new-phone.json'));
    await saveAtDecision2(env);
    const before = readFileSync(join(savesDir(env), NEW_PHONE_SAVE), 'utf8');
    const { element, exit } = appElement({ env, dir });
    const r = await renderApp(element);
    // The copy has no save: it opens on its content note, not the question.
    expect(r.lastFrame()).not.toContain('(saved)');
    await press(r, '1');
    expect(r.lastFrame()).toContain('Content note');
    // A reply made (q saves nothing before one is made in the run).
    await press(r, KEY.enter, '1', 'q');
    await tap(r, 'y');
    expect(exit.mock.calls[0]?.[0]).toMatch(/^Progress saved to /);
    expect(readdirSync(savesDir(env))).toHaveLength(2);
    expect(readFileSync(join(savesDir(env), NEW_PHONE_SAVE), 'utf8')).toBe(before);
  });

  it('line by line, a save is continued by default and the volunteer is told so; input ending at once does not lose it', async () => {
    const env = tempEnv();
    // `node bin/casa-practice.js <args>` with piped input, in this process (see runPiped).
    const run = (args: string[], input: string) => runWithState(args, input, env);
    const first = await run(['play', NEW_PHONE, '--plain'], '1\n');
    expect(first.code).toBe(1);
    expect(saved(env).session.snapshot.context.transcript).toHaveLength(1);
    const again = await run(['play', NEW_PHONE, '--plain'], '');
    expect(again.out).toContain('Continuing where you stopped (1 reply made, practice, saved just now).');
    expect(again.out).toContain(`--new`);
    expect(again.out).toContain('-- Decision 2 of about 2');
    expect(saved(env).session.snapshot.context.transcript).toHaveLength(1);
    // --new starts over: with no reply made the save is kept, and it says so.
    const fresh = await run(['play', NEW_PHONE, '--plain', '--new'], '');
    expect(fresh.out).toContain('-- Decision 1 of about 2');
    expect(fresh.out).toContain('Your earlier save (1 reply made) was kept');
    expect(fresh.out).toContain('Starting over: your save is kept until you make your first reply.');
    expect(saved(env).session.snapshot.context.transcript).toHaveLength(1);
  });

  // The first hint said "q save and quit" where q saves nothing: a run started over beside a save
  // (q then said the earlier save was kept) and a state folder that cannot be written (q then said
  // the playthrough was not kept). It says what q will do, as the full-screen app's help line does.
  it('line by line, the first hint says what q does: save and quit where it saves; quit where the earlier save is kept or nothing can be saved', async () => {
    const env = tempEnv();
    const run = async (args: string[], input: string, e = env) => (await runPiped(args, input, { HOME: e.XDG_STATE_HOME, ...e })).out.replace(/\s+/g, ' ');
    const saving = await run(['play', NEW_PHONE, '--plain'], '1\nq\n');
    expect(saving).toContain("w who's who, q save and quit.");
    expect(saving).toContain('Progress saved to ');
    const before = readFileSync(join(savesDir(env), NEW_PHONE_SAVE), 'utf8');
    const over = await run(['play', NEW_PHONE, '--plain', '--new'], 'q\n');
    expect(over).toContain("w who's who, q quit (from your first reply on: save and quit).");
    expect(over).toContain('Your earlier save (1 reply made) was kept: you started over but made no reply yet.');
    expect(over).not.toContain('save and quit.');
    expect(readFileSync(join(savesDir(env), NEW_PHONE_SAVE), 'utf8')).toBe(before);
    // A file where the state folder goes: nothing can be written there.
    const file = join(mkdtempSync(join(tmpdir(), 'casa-file-')), 'state');
    writeFileSync(file, '');
    const lost = await run(['play', NEW_PHONE, '--plain'], 'q\n', tempEnv({ XDG_STATE_HOME: file }));
    expect(lost).toContain("w who's who, q quit (this playthrough cannot be saved).");
    expect(lost).toContain('so this playthrough was not kept.');
  });

  it('line by line, --new with no save waiting says nothing of a save (a script starts every run with --new)', async () => {
    const env = tempEnv();
    const r = await runPiped(['play', NEW_PHONE, '--plain', '--new'], '', { HOME: env.XDG_STATE_HOME, ...env });
    expect(r.out).toContain('-- Decision 1 of about 2');
    expect(r.out).not.toContain('Starting over');
    expect(r.out).not.toContain('your save is kept');
  });

  it('play <scenario> in the app asks too when the scenario has a save', async () => {
    const env = tempEnv();
    await saveAtDecision2(env);
    const { loadPlayable } = await import('../../src/terminal/scenario-source.js');
    const { saveWaiting } = await import('../../src/terminal/saves.js');
    const playable = loadPlayable(NEW_PHONE);
    if ('problems' in playable) throw new Error(playable.problems);
    const saved = saveWaiting(playable, env);
    expect(saved?.decision).toBe(2);
    const { element } = appElement({ env, start: { kind: 'play', playable, showNote: true, saved } });
    const r = await renderApp(element);
    expect(r.lastFrame()).toContain('1. Continue where you stopped (1 reply made, practice, saved just now)');
    await press(r, KEY.enter);
    expect(r.lastFrame()).toContain('Decision 2 of about 2');
  });
});

describe('the debrief is never lost', () => {
  it('q on the last reply\'s feedback goes on to the debrief, and the last debrief can be reopened from the picker', async () => {
    const env = tempEnv();
    const { element, exit } = appElement({ env });
    const r = await renderApp(element);
    await press(r, '1', KEY.enter, '1', KEY.enter, KEY.enter, '1');
    // The help line says what q does here: it does not quit.
    expect(r.lastFrame()).toContain('Enter or q: see the debrief');
    expect(r.lastFrame()).not.toContain('q: quit');
    await press(r, 'q');
    expect(exit).not.toHaveBeenCalled();
    // How the story ended, and q there goes on to the debrief too: a second q is not taken as leaving.
    expect(r.lastFrame()).toContain('A plan you made together');
    expect(r.lastFrame()).toContain('Enter or q: see the debrief');
    await press(r, 'q');
    expect(exit).not.toHaveBeenCalled();
    expect(r.lastFrame()).toContain('Debrief: Example: the new phone');
    const score = /Outcome: .*/.exec(r.lastFrame() ?? '')?.[0];
    expect(score).toBeDefined();
    await tap(r, 'q');
    expect(exit).toHaveBeenCalledTimes(1);
    r.unmount();

    const { element: again } = appElement({ env });
    const p = await renderApp(again);
    expect(p.lastFrame()).toContain('d: see your last debrief.');
    await press(p, 'd');
    expect(p.lastFrame()).toContain('Debrief: Example: the new phone');
    // On the volunteer's clock, as records shows the same playthrough, not in UTC.
    const kept = JSON.parse(readFileSync(join(env.XDG_STATE_HOME as string, 'casa-practice', 'debriefs', readdirSync(join(env.XDG_STATE_HOME as string, 'casa-practice', 'debriefs'))[0] as string), 'utf8')) as { savedAt: string };
    // The time ends in "a.m." or "p.m.", whose point ends the sentence too: not "6:20 a.m..".
    const notice = `Your last debrief of this scenario, from ${localDate(kept.savedAt)} ${localTime(kept.savedAt)}`;
    expect(notice).toMatch(/[ap]\.m\.$/);
    expect(p.lastFrame()?.replace(/\s+/g, ' ')).toContain(notice);
    expect(p.lastFrame()?.replace(/\s+/g, ' ')).not.toContain(`${notice}.`);
    expect(p.lastFrame()).not.toContain('UTC');
    expect(p.lastFrame()).toContain(score);
    await press(p, 'b');
    expect(p.lastFrame()).toContain('choose a scenario');
  });

  // The tmux walkthrough (tmuxwalk-43): at 60 columns the notice above a kept debrief read "…, from
  // 2026-12-06 5:01" on one row and "a.m." alone on the next.
  it('at 60 columns the time above a kept debrief keeps its a.m. or p.m. on its row', async () => {
    const env = tempEnv();
    const first = await renderApp(appElement({ env }).element);
    await press(first, '1', KEY.enter, '1', KEY.enter, KEY.enter, '1', 'q', 'q');
    expect(first.lastFrame()).toContain('Debrief: Example: the new phone');
    first.unmount();
    const p = await renderAt(appElement({ env }).element, 60, 24);
    await press(p, 'd');
    const frame = p.lastFrame() ?? '';
    expect(flat(frame)).toContain('Your last debrief of this scenario, from');
    expect(frame).toMatch(/\d:\d\d[ \u00a0][ap]\.m\./);
  });

  // It stayed in its place: the picker kept offering "d: see your last debrief" and d kept saying it
  // could not be shown. It is set aside as a damaged save is, and the picker says where.
  it('a kept debrief that cannot be shown is moved aside, the picker says where, and stops offering it', async () => {
    const env = tempEnv();
    const { element } = appElement({ env });
    const r = await renderApp(element);
    await press(r, '1', KEY.enter, '1', KEY.enter, KEY.enter, '1', 'q', 'q');
    expect(r.lastFrame()).toContain('Debrief: Example: the new phone');
    r.unmount();
    const dir = join(env.XDG_STATE_HOME as string, 'casa-practice', 'debriefs');
    const [name] = readdirSync(dir);
    writeFileSync(join(dir, name as string), '{"format": "casa-practice-session", "formatVersion": 1, "scenarioId": "\u001b]0;x\u0007"}');

    const { element: again } = appElement({ env });
    const p = await renderApp(again);
    expect(p.lastFrame()).toContain('d: see your last debrief.');
    await press(p, 'd');
    const moved = readdirSync(dir);
    expect(moved).toEqual([expect.stringMatching(new RegExp(`^${name!.replace(/\./g, '\\.')}\\.damaged-`))]);
    const said = p.lastFrame()?.replace(/\s*\n\s*/g, ' ') ?? '';
    // One notice, as a save or records set aside are said on the picker: the sentence with the path
    // in it (long, the terminal wraps it where it must: compared without the breaks), then what to do.
    expect(said).toContain('The last debrief kept is damaged');
    expect(said.replace(/\s/g, '')).toContain(`It was moved to ${join(dir, moved[0]!)}; choose a scenario. ${SET_ASIDE_KEEP}`.replace(/\s/g, ''));
    expect(said).not.toContain('the file below');
    expect(p.lastFrame()).not.toContain('\u001b]');
    expect(p.lastFrame()).toContain('choose a scenario');
    expect(p.lastFrame()).not.toContain('d: see your last debrief.');
  });

  it('Ctrl-C exits with 130', async () => {
    const env = tempEnv();
    const { element, exit } = appElement({ env });
    const r = await renderApp(element);
    await press(r, '1', KEY.enter, '1');
    await tap(r, KEY.ctrlC);
    expect(exit.mock.calls[0]?.[1]).toBe(130);
    expect(statSync(join(savesDir(env), NEW_PHONE_SAVE)).isFile()).toBe(true);
  });
});
