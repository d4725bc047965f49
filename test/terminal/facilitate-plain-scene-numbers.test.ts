import { describe, expect, it, vi } from 'vitest';
import { sceneChain } from '../../bench/hostile.js';
import { runFacilitatePlain } from '../../src/terminal/facilitate-plain.js';
import { tempEnv } from './helpers/ink.js';
import { branching, playable } from './helpers/scene-numbers.js';

// Trainer-led line by line, an untitled scene is headed "Scene N" by its number in the playthrough.
// It was worked out by replaying the playthrough from its start at every scene (quadratic in a long
// chain of scenes); it is now carried forward from scene to scene, as line-by-line play carries it
// (test/terminal/plain-scene-numbers.test.ts), and worked out again only where the count is not
// known (a kept session carried on, after going back, after starting over). The machine's steps
// taken by those replays are counted through xstate's `transition` (the running session does not use it).
const steps = vi.hoisted(() => ({ count: 0 }));
vi.mock('xstate', async (importOriginal) => {
  const real = await importOriginal<typeof import('xstate')>();
  return { ...real, transition: (...args: Parameters<typeof real.transition>) => { steps.count++; return real.transition(...args); } };
});


async function facilitate(env: NodeJS.ProcessEnv, p: ReturnType<typeof playable>, lines: string[]) {
  let out = '';
  const io = { out: (t: string) => (out += t), err: (t: string) => (out += t) };
  const queue = [...lines];
  const code = await runFacilitatePlain({ playable: p, io, env, width: 100, readLine: async () => queue.shift() });
  return { code, out };
}

/** The scene headings printed, in order ("-- Scene 3 --", "-- The bus --"). */
const headings = (out: string) => [...out.matchAll(/^-- (.*) --$/gm)].map((m) => m[1]).filter((h) => !/^Decision \w/.test(h ?? '') && h !== 'End');

describe('trainer-led line by line, untitled scenes numbered in the playthrough', () => {
  it('counts every scene passed (a titled one too), and counts again after going back', async () => {
    const { out } = await facilitate(tempEnv(), playable(branching()), ['r', '1', 'u', 'r', '2', 'r', '1']);
    // a0 and a1 are the 4th and 5th scenes; gone back, b0 is the 4th, and the last scene the 5th.
    expect(headings(out)).toEqual(['Scene 1', 'The bus', 'Scene 3', 'Scene 4', 'Scene 5', 'Scene 4', 'Scene 5']);
  });

  it('a kept session carried on goes on counting from where it stood', async () => {
    const env = tempEnv();
    const p = playable(branching());
    await facilitate(env, p, ['r', '1', 'q']);
    const { out } = await facilitate(env, p, ['r', '1']);
    // Carried on at the second decision: the last scene is the 6th.
    expect(headings(out)).toEqual(['Scene 6']);
  });

  it('a session started over counts from 1 again', async () => {
    const { out } = await facilitate(tempEnv(), playable(branching()), ['r', '1', 's', 'y']);
    expect(headings(out)).toEqual(['Scene 1', 'The bus', 'Scene 3', 'Scene 4', 'Scene 5', 'Scene 1', 'The bus', 'Scene 3']);
  });

  it('a chain of 300 scenes: numbered 1 to 300, with the machine stepped a number of times that grows with the chain, not its square', async () => {
    const p = playable(sceneChain(300));
    steps.count = 0;
    const { out } = await facilitate(tempEnv(), p, ['r', '1']);
    expect(headings(out)).toEqual(Array.from({ length: 300 }, (_, i) => `Scene ${i + 1}`));
    // Replaying from the start at every scene took 299 × 300 / 2 = 44,850 steps; the debrief and the
    // summary replay the playthrough a few times at most.
    expect(steps.count).toBeLessThan(10 * 300);
  });
});
