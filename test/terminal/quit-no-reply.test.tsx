import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { latestSaveKey } from '../../src/machines/index.js';
import { NO_REPLY_UNSAVED, savesDir, stateStore } from '../../src/terminal/saves.js';
import { NO_REPLY_QUIT } from '../../src/terminal/ui/QuitPrompt.js';
import { runWithState } from './helpers/cli.js';
import { appElement, KEY, press, renderApp, tap, tempEnv } from './helpers/ink.js';
import { envInProgress, expectInProgressKept, otherScenario, resumedStart, saveText } from './helpers/in-progress.js';

// Found by term2-61: q then y ("Save your progress and quit?") with no reply made in the run still
// wrote a save, as Ctrl-C no longer did (interrupt-unsaved.test): a scenario just opened and quit
// became the newest save, so `resume` and the picker's R opened it rather than the playthrough
// really in progress; a save resumed and quit at once was written again as the newest. q says there
// is nothing new to save and writes nothing; once a reply is made or undone, q saves as before.

// (The question's box drawn away: its words read on from row to row.)
const oneLine = (text: string | undefined) => (text ?? '').replace(/[│╭╮╰╯─]/g, ' ').replace(/\s+/g, ' ');

describe('the full-screen app: q before a reply is made or undone in the run', () => {
  it('says there is nothing new to save, and y writes no save of a scenario just opened', async () => {
    const env = await envInProgress();
    const inProgress = saveText(env);
    const other = otherScenario();
    const { element, exit } = appElement({ env, start: { kind: 'play', playable: other, showNote: true } });
    const r = await renderApp(element);
    for (let i = 0; i < 10 && /Enter(?: or q)?: (start|continue)/.test(r.lastFrame() ?? ''); i++) await press(r, KEY.enter);
    expect(r.lastFrame()).toMatch(/What do you say or do/);
    await press(r, 'q');
    const asked = oneLine(r.lastFrame());
    expect(asked).toContain(`Quit? ${NO_REPLY_QUIT}`);
    expect(asked).not.toContain('Save your progress and quit?');
    expect(asked).toContain('y: quit');
    await tap(r, 'y');
    expect(exit).toHaveBeenCalledWith(NO_REPLY_UNSAVED, 0);
    r.unmount();
    expectInProgressKept(env, inProgress);
  });

  it('leaves a resumed save as it was, saying so; after an undo, q asks to save and saves', async () => {
    const env = await envInProgress();
    const before = saveText(env);
    const quitAtOnce = appElement({ env, start: resumedStart(env) });
    const r = await renderApp(quitAtOnce.element);
    expect(r.lastFrame()).toContain('Where you left off');
    await press(r, 'q');
    expect(oneLine(r.lastFrame())).toMatch(new RegExp(`Quit\\? ${NO_REPLY_QUIT.replace(/[.?]/g, '\\$&')} Your save \\(1 reply made\\) is kept as it was\\. Continue it with: \\S*casa-practice\\S* resume`));
    await tap(r, 'y');
    const [words, code] = quitAtOnce.exit.mock.calls[0] ?? [];
    expect(code).toBe(0);
    expect(oneLine(words)).toMatch(/^No reply was made in this run, so nothing was saved: your save is kept as it was\. Continue with: \S*casa-practice\S* resume$/);
    r.unmount();
    expect(saveText(env)).toBe(before);

    // An undo is progress made in this run: q offers to save it, and y does.
    const undoing = appElement({ env, start: resumedStart(env) });
    const u = await renderApp(undoing.element);
    await press(u, 'u', 'q');
    expect(u.lastFrame()).toContain('Save your progress and quit?');
    await tap(u, 'y');
    expect(undoing.exit.mock.calls[0]?.[0]).toMatch(/^Progress saved to/);
    u.unmount();
    expect(saveText(env)).not.toBe(before);
  });
});

describe('line by line: q before a reply is made or undone in the run', () => {
  const cli = runWithState;
  const text = (env: NodeJS.ProcessEnv, id: string) => readFileSync(join(savesDir(env), `${id}.json`), 'utf8');

  it('writes nothing and says so; a save it continued stays as it was; after a reply, q saves', async () => {
    const env = tempEnv();
    await cli(['play', 'red-flags', '--plain'], '1\nq\n', env);
    await cli(['play', 'youth-discloses', '--plain'], '1\nq\n', env);
    const before = text(env, 'red-flags');
    // A scenario with no save, quit at once: nothing written.
    const fresh = await cli(['play', 'trafficker-contact', '--plain'], 'q\n', env);
    expect(fresh.code).toBe(0);
    expect(fresh.out).toContain(`${NO_REPLY_UNSAVED}\n`);
    expect(fresh.out).not.toMatch(/Progress saved/);
    expect(readdirSync(savesDir(env)).sort()).toEqual(['red-flags.json', 'youth-discloses.json']);
    // Continued, quit at once: not written again, so not made the newest.
    const again = await cli(['play', 'red-flags', '--plain'], 'q\n', env);
    expect(again.code).toBe(0);
    expect(oneLine(again.out)).toContain('No reply was made in this run, so nothing was saved: your save is kept as it was. Opening this scenario again offers it.');
    expect(text(env, 'red-flags')).toBe(before);
    expect(latestSaveKey(stateStore(env))).toBe('saves/youth-discloses.json');
    // A reply made, then q: saved, and the newest.
    const replied = await cli(['play', 'red-flags', '--plain'], '1\nq\n', env);
    expect(replied.out).toMatch(/Progress saved to/);
    expect(latestSaveKey(stateStore(env))).toBe('saves/red-flags.json');
  });
});
