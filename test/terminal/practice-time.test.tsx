import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PRACTICE_IDLE_MS, readRecords, readSave } from '../../src/machines/index.js';
import { runPlain } from '../../src/terminal/plain.js';
import { stateStore } from '../../src/terminal/node/state-store.js';
import { loadPlayable, type PlayableScenario } from '../../src/terminal/scenario-source.js';
import { runWithState } from './helpers/cli.js';
import { appElement, KEY, press, renderApp, tempEnv } from './helpers/ink.js';

afterEach(() => cleanup());

// The in-service log counts the time a volunteer practised, as the web app does (the core's
// practiceClock): a save keeps the practice time so far, and a playthrough resumed hours later adds
// only the time played since, never the hours between sittings.
const FILE = 'test/terminal/fixtures/scenarios/new-phone.json';
const FIVE_MINUTES = 5 * 60_000;
const cli = runWithState;

/** The one save in the state folder, rewritten as if its `activeMs` of practice had been played three hours ago. */
function backdateSave(env: NodeJS.ProcessEnv): void {
  const dir = join(env.XDG_STATE_HOME as string, 'casa-practice', 'saves');
  const [name] = readdirSync(dir);
  const path = join(dir, name as string);
  const save = JSON.parse(readFileSync(path, 'utf8')) as { activeMs?: unknown; startedAt?: string };
  // The save made by this sitting measured its time.
  expect(typeof save.activeMs).toBe('number');
  save.activeMs = FIVE_MINUTES;
  save.startedAt = new Date(Date.now() - 3 * 3_600_000).toISOString();
  writeFileSync(path, JSON.stringify(save));
}

describe('practice time in the terminal', () => {
  it('line by line: a playthrough saved after 5 minutes and resumed 3 hours later is recorded as 5 minutes, not the hours between', async () => {
    const env = tempEnv();
    expect((await cli(['play', FILE, '--plain'], '1\nq\n', env)).code).toBe(0);
    backdateSave(env);
    const r = await cli(['resume', '--plain'], '1\n', env);
    expect(r.code, r.err).toBe(0);
    expect(readRecords(stateStore(env)).playthroughs).toMatchObject([{ scenarioId: 'example-new-phone', minutes: 5 }]);
  });

  it('in the app: the same, resumed from the save', async () => {
    const env = tempEnv();
    expect((await cli(['play', FILE, '--plain'], '1\nq\n', env)).code).toBe(0);
    backdateSave(env);
    const found = readSave(stateStore(env), (ref) => {
      const p = loadPlayable(ref.source === 'file' ? ref.file : FILE);
      return 'problems' in p ? { error: p.problems } : (p as PlayableScenario);
    });
    if (found.kind !== 'ok') throw new Error(found.kind);
    expect(found.activeMs).toBe(FIVE_MINUTES);
    const { element } = appElement({ env, start: { kind: 'play', playable: found.playable, snapshot: found.snapshot, startedAt: found.startedAt, activeMs: found.activeMs, showNote: false, origin: 'continued' } });
    const r = await renderApp(element);
    for (let i = 0; i < 5 && !(r.lastFrame() ?? '').includes('1. '); i++) await press(r, KEY.enter);
    await press(r, '1');
    await press(r, KEY.enter);
    expect(readRecords(stateStore(env)).playthroughs).toMatchObject([{ scenarioId: 'example-new-phone', minutes: 5 }]);
  });

  // A terminal left open mid-scenario (lunch, a meeting) counted every minute up to the cap (an hour
  // for a 5-minute scenario); the web app stops after PRACTICE_IDLE_MS without input, and My records'
  // counting words say so. The terminal now counts the same way: each key or line is input.
  // 40 minutes before the first input count as 10; the 5 minutes to the second, all 5.
  const GAPS = [40 * 60_000, 5 * 60_000];
  const expected = PRACTICE_IDLE_MS / 60_000 + 5;

  /** Plays FILE with Date faked from a fixed morning, `play` moving the clock on by the GAPS as it gives input; the minutes recorded. */
  async function minutesRecorded(play: (env: ReturnType<typeof tempEnv>, playable: PlayableScenario, gaps: number[]) => Promise<void>) {
    const env = tempEnv();
    const playable = loadPlayable(FILE);
    if ('problems' in playable) throw new Error(playable.problems);
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.parse('2026-03-02T10:00:00Z'));
      await play(env, playable, [...GAPS]);
    } finally {
      vi.useRealTimers();
    }
    expect(readRecords(stateStore(env)).playthroughs).toMatchObject([{ scenarioId: 'example-new-phone', minutes: expected }]);
  }

  it('line by line: 40 minutes before the first line is typed count as 10, as in the web app, and the next 5 as 5', async () => {
    await minutesRecorded(async (env, playable, gaps) => {
      const readLine = async () => {
        vi.setSystemTime(Date.now() + (gaps.shift() ?? 0));
        return '1';
      };
      const io = { out: () => undefined, err: () => undefined };
      expect(await runPlain({ playable, mode: 'practice', io, env, width: 80, readLine })).toBe(0);
    });
  });

  it('in the app: the same, with keys', async () => {
    await minutesRecorded(async (env, playable, gaps) => {
      const { element } = appElement({ env, start: { kind: 'play', playable, showNote: false } });
      const r = await renderApp(element);
      for (let i = 0; i < 12 && readRecords(stateStore(env)).playthroughs.length === 0; i++) {
        vi.setSystemTime(Date.now() + (gaps.shift() ?? 0));
        await press(r, (r.lastFrame() ?? '').includes('1. ') ? '1' : KEY.enter);
      }
    });
  });
});
