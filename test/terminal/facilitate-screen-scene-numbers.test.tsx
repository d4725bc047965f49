import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sceneChain } from '../../bench/hostile.js';
import { appElement, KEY, press, renderAt, tempEnv } from './helpers/ink.js';
import { branching, playable } from './helpers/scene-numbers.js';

afterEach(cleanup);

// The full-screen trainer-led session names the scene it stands at by its number in the playthrough
// ("Scene 3", the core's sceneNumberAt), as presenter mode's status line does. It was worked out by
// replaying the playthrough from its start at every scene (quadratic in a long chain of scenes); it
// is now carried forward from scene to scene, as line-by-line play carries it, and worked out again
// only where the count is not known (a kept session carried on, after going back). The machine's
// steps taken by those replays are counted through xstate's `transition` (the running session does not use it).
const steps = vi.hoisted(() => ({ count: 0 }));
vi.mock('xstate', async (importOriginal) => {
  const real = await importOriginal<typeof import('xstate')>();
  return { ...real, transition: (...args: Parameters<typeof real.transition>) => { steps.count++; return real.transition(...args); } };
});


/** The scene named in the status line ("Scene 3"), or undefined away from a scene. */
const named = (frame: string | undefined) => /Scene \d+/.exec((frame ?? '').split('\n')[0] ?? '')?.[0];

/** The session opened past its content note, at its first scene. */
async function open(text: string, env = tempEnv()) {
  const r = await renderAt(appElement({ env, start: { kind: 'facilitate', playable: playable(text) } }).element, 100, 40);
  await press(r, KEY.enter);
  return r;
}

describe('the full-screen trainer-led session, scenes numbered in the playthrough', () => {
  it('counts every scene passed (a titled one too), and counts again after going back', async () => {
    const r = await open(branching());
    const seen = [named(r.lastFrame())];
    const step = async (...keys: string[]) => {
      await press(r, ...keys);
      seen.push(named(r.lastFrame()));
    };
    await step(KEY.enter);
    await step(KEY.enter);
    // d1: a vote, the reveal, its first reply to a0 and a1; gone back, its second to b0; then d2 to the last scene.
    await press(r, KEY.enter, '1', 'r');
    await step('1');
    await step(KEY.enter);
    // Back at d1 as the room left it (revealed), the branch is typed at once.
    await press(r, KEY.enter, 'u');
    await step('2');
    await press(r, KEY.enter, '1', 'r');
    await step('1');
    expect(seen).toEqual(['Scene 1', 'Scene 2', 'Scene 3', 'Scene 4', 'Scene 5', 'Scene 4', 'Scene 5']);
  });

  it('a chain of 150 scenes: numbered 1 to 150, with the machine stepped a number of times that grows with the chain, not its square', async () => {
    const r = await open(sceneChain(150));
    steps.count = 0;
    const seen = [named(r.lastFrame())];
    for (let i = 1; i < 150; i++) {
      await press(r, KEY.enter);
      seen.push(named(r.lastFrame()));
    }
    expect(seen).toEqual(Array.from({ length: 150 }, (_, i) => `Scene ${i + 1}`));
    // Replaying from the start at every scene took 149 × 150 / 2 = 11,175 steps.
    expect(steps.count).toBeLessThan(10 * 150);
  });
});
