import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sceneChain } from '../../bench/hostile.js';
import { startSession, type PersistedScenarioSnapshot } from '../../src/machines/index.js';
import { KEY, press, renderAt, settle, tempEnv } from './helpers/ink.js';
import { playElement } from './helpers/play.js';
import { branching, playable } from './helpers/scene-numbers.js';

afterEach(cleanup);

// On the full-screen play screen, an untitled scene is headed "Scene N" by its number in the
// playthrough. It was worked out by replaying the playthrough from its start at every scene
// (quadratic in a long chain of scenes); it is now carried forward from scene to scene, as
// line-by-line play carries it (test/terminal/plain-scene-numbers.test.ts), and worked out again only
// where the count is not known (a resumed save, after an undo). The machine's steps taken by those
// replays are counted through xstate's `transition` (the running session does not use it).
const steps = vi.hoisted(() => ({ count: 0 }));
vi.mock('xstate', async (importOriginal) => {
  const real = await importOriginal<typeof import('xstate')>();
  return { ...real, transition: (...args: Parameters<typeof real.transition>) => { steps.count++; return real.transition(...args); } };
});


/** The heading of the scene on screen ("Scene 3", "The bus"), or undefined. */
const heading = (frame: string | undefined) => /^\s*(Scene \d+|The bus)\s*$/m.exec(frame ?? '')?.[1];

describe('the full-screen play screen, untitled scenes numbered in the playthrough', () => {
  it('counts every scene passed (a titled one too), and counts again after an undo', async () => {
    const p = playable(branching());
    const r = await renderAt(playElement({ playable: p, actor: startSession(p.scenario, 'practice'), env: tempEnv() }), 100, 40);
    const seen = [heading(r.lastFrame())];
    const enter = async (...keys: string[]) => {
      await press(r, ...keys);
      seen.push(heading(r.lastFrame()));
    };
    await enter(KEY.enter);
    await enter(KEY.enter);
    // d1: its first reply (one key), past its feedback, to a0 and a1; undone, its second to b0; then d2 to the last scene.
    await press(r, KEY.enter, '1');
    await enter(KEY.enter);
    await enter(KEY.enter);
    await press(r, KEY.enter, 'u', '2');
    await enter(KEY.enter);
    await press(r, KEY.enter, '1');
    await enter(KEY.enter);
    expect(seen).toEqual(['Scene 1', 'The bus', 'Scene 3', 'Scene 4', 'Scene 5', 'Scene 4', 'Scene 5']);
  });

  it('a resumed save goes on counting from where it stood', async () => {
    const p = playable(branching());
    const played = startSession(p.scenario, 'practice');
    for (const e of ['c', 'c', 'c', 'd1-a', 'c', 'c']) played.send(e === 'c' ? { type: 'scene.continue' } : { type: 'reply.choose', replyId: e });
    expect(String(played.getSnapshot().value)).toBe('d2');
    const actor = startSession(p.scenario, 'practice', played.getPersistedSnapshot() as PersistedScenarioSnapshot);
    const r = await renderAt(playElement({ playable: p, actor, env: tempEnv(), resumed: true }), 100, 40);
    // Where you left off, then d2, its first reply and its feedback: the last scene is the 6th.
    await press(r, KEY.enter, '1', KEY.enter);
    expect(heading(r.lastFrame())).toBe('Scene 6');
  });

  it('two presses of Enter taken before the screen is drawn again: each scene counted once', async () => {
    const p = playable(sceneChain(5));
    const r = await renderAt(playElement({ playable: p, actor: startSession(p.scenario, 'practice'), env: tempEnv() }), 100, 40);
    r.stdin.write(KEY.enter);
    r.stdin.write(KEY.enter);
    await settle(r);
    expect(heading(r.lastFrame())).toBe('Scene 3');
    await press(r, KEY.enter);
    expect(heading(r.lastFrame())).toBe('Scene 4');
  });

  it('a chain of 150 scenes: numbered 1 to 150, with the machine stepped a number of times that grows with the chain, not its square', async () => {
    const p = playable(sceneChain(150));
    steps.count = 0;
    const r = await renderAt(playElement({ playable: p, actor: startSession(p.scenario, 'practice'), env: tempEnv() }), 100, 40);
    const seen = [heading(r.lastFrame())];
    for (let i = 1; i < 150; i++) {
      await press(r, KEY.enter);
      seen.push(heading(r.lastFrame()));
    }
    expect(seen).toEqual(Array.from({ length: 150 }, (_, i) => `Scene ${i + 1}`));
    // Replaying from the start at every scene took 149 × 150 / 2 = 11,175 steps.
    expect(steps.count).toBeLessThan(10 * 150);
  });
});
