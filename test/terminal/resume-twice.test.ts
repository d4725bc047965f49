import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { FELL_BEHIND_FINISH, FELL_BEHIND_SAVE, readRecords } from '../../src/machines/index.js';
import { stateStore } from '../../src/terminal/node/state-store.js';
import { readSave } from '../../src/terminal/saves.js';
import { BIN, ROOT, runPiped } from './helpers/cli.js';
import { appElement, KEY, press, renderAt, tempEnv, throughEnding } from './helpers/ink.js';

afterEach(() => cleanup());

// Two terminals resuming the same save, both going on: each finish counted the minutes the save
// already held, and each quit wrote over the other's save (or brought back a save the other had
// finished, its minutes to be counted again). The web app's tabs keep to the core's rule (SaveHold);
// the terminal now does too: the one that falls behind saves and records nothing and says so.

const FILE = 'test/terminal/fixtures/scenarios/new-phone.json';
const FIVE_MINUTES = 5 * 60_000;
const savesDir = (env: NodeJS.ProcessEnv) => join(env.XDG_STATE_HOME as string, 'casa-practice', 'saves');
const saves = (env: NodeJS.ProcessEnv) => readdirSync(savesDir(env)).filter((f) => f.endsWith('.json'));
const saveText = (env: NodeJS.ProcessEnv) => readFileSync(join(savesDir(env), saves(env)[0] as string), 'utf8');

/** A state folder holding one save of new-phone at its second decision, standing for five minutes of practice. */
async function savedFiveMinutes(): Promise<NodeJS.ProcessEnv> {
  const env = tempEnv();
  expect((await runPiped(['play', FILE, '--plain'], '1\nq\n', { HOME: env.XDG_STATE_HOME, ...env })).code).toBe(0);
  const path = join(savesDir(env), saves(env)[0] as string);
  writeFileSync(path, JSON.stringify({ ...JSON.parse(readFileSync(path, 'utf8')), activeMs: FIVE_MINUTES }));
  return env;
}

/** `casa-practice resume --plain` as a process of its own, its input typed a line at a time. */
function resume(env: NodeJS.ProcessEnv) {
  const child = spawn(BIN[0], [BIN[1], 'resume', '--plain'], { cwd: ROOT, env: { PATH: process.env.PATH, HOME: env.XDG_STATE_HOME, ...env }, stdio: ['pipe', 'pipe', 'pipe'], timeout: 30_000 });
  let out = '';
  let err = '';
  const waiters: (() => void)[] = [];
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    out += d;
    for (const w of waiters.splice(0)) w();
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  return {
    /** Resolves once it has printed `text` (it has read the save by then); fails if it ends first. */
    says: (text: string) => new Promise<void>((resolve, reject) => {
      const check = () => (out.includes(text) ? resolve() : waiters.push(check));
      void exited.then((code) => (out.includes(text) ? undefined : reject(new Error(`it ended (${code}) without saying "${text}": ${out}${err}`))));
      check();
    }),
    type: (line: string) => child.stdin.write(`${line}\n`),
    exited,
    output: () => ({ out, err }),
  };
}

/** Both processes have read the same save and wait at its decision. */
async function twoOnOneSave(env: NodeJS.ProcessEnv) {
  const first = resume(env);
  await first.says('Type a reply number');
  const second = resume(env);
  await second.says('Type a reply number');
  return [first, second] as const;
}

describe('two terminals resuming the same save', () => {
  it('one finishes: the other, quitting after, writes no save back (its minutes would count again) and says so in one line', async () => {
    const env = await savedFiveMinutes();
    const [first, second] = await twoOnOneSave(env);
    first.type('1');
    expect(await first.exited).toBe(0);
    expect(readRecords(stateStore(env)).playthroughs).toMatchObject([{ scenarioId: 'example-new-phone', minutes: 5 }]);
    second.type('q');
    expect(await second.exited).toBe(0);
    const { out } = second.output();
    expect(out.trimEnd().split('\n').at(-1)).toBe(FELL_BEHIND_SAVE);
    expect(saves(env)).toEqual([]);
    expect(readRecords(stateStore(env)).playthroughs).toHaveLength(1);
  }, 30_000);

  it('one quits: the other, finishing after, records nothing and leaves that save, whose minutes then count once', async () => {
    const env = await savedFiveMinutes();
    const [first, second] = await twoOnOneSave(env);
    // An undo, then q: saved (q saves nothing before a reply is made or undone in the run).
    first.type('u');
    first.type('q');
    expect(await first.exited).toBe(0);
    expect(first.output().out).toMatch(/Progress saved to/);
    const theirs = saveText(env);
    second.type('1');
    expect(await second.exited).toBe(0);
    const { out } = second.output();
    expect(out).toContain(FELL_BEHIND_FINISH);
    expect(out).not.toContain('Added to your records');
    expect(readRecords(stateStore(env)).playthroughs).toEqual([]);
    expect(saveText(env)).toBe(theirs);
    // Going on from the save the first left (back at decision 1): recorded once, with the five minutes it held.
    const r = await runPiped(['resume', '--plain'], '1\n1\n', { HOME: env.XDG_STATE_HOME, ...env });
    expect(r.code, r.err).toBe(0);
    expect(readRecords(stateStore(env)).playthroughs).toMatchObject([{ scenarioId: 'example-new-phone', minutes: 5 }]);
  }, 30_000);

  it('in the app: the run that falls behind says so in one line of its debrief at 60 columns and adds nothing to the records', async () => {
    const env = await savedFiveMinutes();
    // This app resumed the save; another terminal then resumed it too and finished first.
    const found = readSave(env);
    if (found.kind !== 'ok') throw new Error(found.kind);
    const other = await runPiped(['resume', '--plain'], '1\n', { HOME: env.XDG_STATE_HOME, ...env });
    expect(other.code, other.err).toBe(0);
    const { element } = appElement({ env, start: { kind: 'play', playable: found.playable, snapshot: found.snapshot, startedAt: found.startedAt, activeMs: found.activeMs, hold: found.hold, showNote: false, origin: 'continued' } });
    // At 60 columns: the line is one line of the debrief.
    const r = await renderAt(element, 60);
    for (let i = 0; i < 5 && !(r.lastFrame() ?? '').includes('1. '); i++) await press(r, KEY.enter);
    await press(r, '1');
    await press(r, KEY.enter);
    await throughEnding(r);
    expect((r.lastFrame() ?? '').split('\n').map((l) => l.trimEnd())).toContain(FELL_BEHIND_FINISH);
    expect(r.lastFrame()).not.toContain('Added to your records');
    expect(readRecords(stateStore(env)).playthroughs).toHaveLength(1);
    expect(saves(env)).toEqual([]);
  }, 30_000);

  it('the lines fit 60 columns', () => {
    for (const line of [FELL_BEHIND_SAVE, FELL_BEHIND_FINISH]) expect(line.length).toBeLessThanOrEqual(60);
  });
});
