import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NO_REPLY_UNSAVED, savesDir } from '../../src/terminal/saves.js';
import { BIN, ROOT } from './helpers/cli.js';
import { appElement, KEY, press, renderApp, tap, tempEnv } from './helpers/ink.js';
import { envInProgress, expectInProgressKept, otherScenario, resumedStart, saveText } from './helpers/in-progress.js';

// Ctrl-C, SIGTERM, SIGHUP or a closed window in a run with no reply made wrote a save of it: the
// newest, so `resume` and the picker's R opened it rather than the playthrough really in progress;
// and a resumed save quit at once was written again as the newest. Piped input that ends already
// wrote nothing then (plain-input-ends.test); q still asks, and saves what it says it saves.

const oneLine = (text: string) => text.replace(/\s+/g, ' ');

/**
 * The app run line by line in a child process with the state folder of `env`: `reached` resolves once
 * its output so far matches `until`; `exited` gives its exit code; `out()` all it printed so far.
 */
function plainChild(args: string[], env: NodeJS.ProcessEnv, until: RegExp) {
  const child = spawn(BIN[0], [BIN[1], ...args], { cwd: ROOT, env: { PATH: process.env.PATH, HOME: env.XDG_STATE_HOME, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  const reached = new Promise<void>((resolve) => child.stdout.setEncoding('utf8').on('data', (d: string) => {
    out += d;
    if (until.test(out)) resolve();
  }));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, reached, exited, out: () => out };
}

describe('the full-screen app ended by Ctrl-C or a signal before a reply is made in the run', () => {
  it('writes no save of a scenario just opened: resume still opens the playthrough in progress', async () => {
    const env = await envInProgress();
    const inProgress = saveText(env);
    const other = otherScenario();
    const { element, exit, saver } = appElement({ env, start: { kind: 'play', playable: other, showNote: true } });
    const r = await renderApp(element);
    // Read on from the content note to the first decision.
    for (let i = 0; i < 10 && /Enter(?: or q)?: (start|continue)/.test(r.lastFrame() ?? ''); i++) await press(r, KEY.enter);
    expect(r.lastFrame()).toMatch(/What do you say or do/);
    // The window closed (run-app asks the screen what to save), then Ctrl-C: neither writes.
    expect(saver.current?.()).toBe(NO_REPLY_UNSAVED);
    await tap(r, KEY.ctrlC);
    expect(exit).toHaveBeenCalledWith(NO_REPLY_UNSAVED, 130);
    r.unmount();
    expectInProgressKept(env, inProgress);
  });

  it('leaves a resumed save as it was when quit at once, and saves once a reply or an undo is made', async () => {
    const env = await envInProgress();
    const before = saveText(env);
    const quitAtOnce = appElement({ env, start: resumedStart(env) });
    const r = await renderApp(quitAtOnce.element);
    expect(r.lastFrame()).toContain('Where you left off');
    await tap(r, KEY.ctrlC);
    const [words, code] = quitAtOnce.exit.mock.calls[0] ?? [];
    expect(code).toBe(130);
    expect(oneLine(words ?? '')).toMatch(/^No reply was made in this run, so nothing was saved: your save is kept as it was\. Continue with: \S*casa-practice\S* resume$/);
    r.unmount();
    expect(saveText(env)).toBe(before);

    // An undo is progress made in this run: a closed window keeps it.
    const undoing = appElement({ env, start: resumedStart(env) });
    const u = await renderApp(undoing.element);
    await press(u, 'u');
    expect(undoing.saver.current?.()).toMatch(/^Progress saved to/);
    u.unmount();
    expect(saveText(env)).not.toBe(before);
  });
});

describe('line by line, ended by a signal before a reply is made in the run', () => {
  it('SIGTERM writes no save and says so', async () => {
    const env = tempEnv();
    // Until the first decision's replies, printed once the signals are handled (the keys line comes
    // just before the handlers are set: a signal sent on it met Node's default, and ended the run).
    const { child, reached, exited, out: printed } = plainChild(['play', 'red-flags', '--plain'], env, /Type a reply number[\s\S]*\n {2}1\. /);
    try {
      await reached;
      child.kill('SIGTERM');
      expect(await exited).toBe(143);
    } finally {
      child.kill('SIGKILL');
    }
    const out = printed();
    expect(out).toContain(NO_REPLY_UNSAVED);
    expect(out).not.toMatch(/Progress saved/);
    expect(readdirSync(join(env.XDG_STATE_HOME as string, 'casa-practice')).includes('saves') ? readdirSync(savesDir(env)) : []).toEqual([]);
  }, 60_000);
});

// Line by line, a trainer-led session ended by Ctrl-C was killed outright (only a closed window and
// SIGTERM were handled): no summary written, nothing said, though the room had made a decision. The
// full-screen app's Ctrl-C writes the summary, and says where.
describe('line by line, a trainer-led session ended by Ctrl-C', () => {
  it('writes the summary so far and says where, exit 130', async () => {
    const env = tempEnv();
    const { child, reached: atDecision2, exited, out: printed } = plainChild(['--facilitate', 'youth-discloses', '--plain'], env, /Decision 2 of about[\s\S]*Votes for reply 1 of/);
    child.stdin.write('4 0 0\nr\n1\n');
    try {
      await atDecision2;
      child.kill('SIGINT');
      expect(await exited).toBe(130);
    } finally {
      child.kill('SIGKILL');
    }
    const exports = join(env.XDG_STATE_HOME as string, 'casa-practice', 'exports');
    const [summary] = readdirSync(exports).filter((f) => f.startsWith('youth-discloses-session-'));
    expect(summary).toBeDefined();
    const out = printed();
    expect(oneLine(out)).toContain('Session stopped before its end.');
    expect(oneLine(out)).toContain(summary as string);
    expect(oneLine(out)).toMatch(/To carry on with this session later: .*casa-practice\S* --facilitate youth-discloses --plain/);
    expect(readFileSync(join(exports, summary as string), 'utf8')).toMatch(/## Decision 1/);
  }, 60_000);
});
