import { describe, expect, it, vi } from 'vitest';
import { sceneChain } from '../../bench/hostile.js';
import { runPlain } from '../../src/terminal/plain.js';
import { readSave } from '../../src/terminal/saves.js';
import { tempEnv } from './helpers/ink.js';
import { branching, playable } from './helpers/scene-numbers.js';

// Line by line, an untitled scene is headed "Scene N" by its number in the playthrough. The player
// worked the number out by replaying the playthrough from its start at every scene: a chain of
// 1,000 scenes took some 71 s (quadratic). It now carries the count forward from scene to scene,
// working it out again only where the count is not known (at the start of a resumed save, after an
// undo). The machine's steps taken by those replays are counted here through xstate's `transition`
// (the one the core's replay takes; the running session does not use it).
const steps = vi.hoisted(() => ({ count: 0 }));
vi.mock('xstate', async (importOriginal) => {
  const real = await importOriginal<typeof import('xstate')>();
  return { ...real, transition: (...args: Parameters<typeof real.transition>) => { steps.count++; return real.transition(...args); } };
});

async function plain(env: NodeJS.ProcessEnv, text: string, lines: string[], resume = false) {
  let out = '';
  const io = { out: (t: string) => (out += t), err: (t: string) => (out += t) };
  const found = resume ? readSave(env) : undefined;
  if (found && found.kind !== 'ok') throw new Error(`no save: ${JSON.stringify(found)}`);
  const queue = [...lines];
  const code = await runPlain({ playable: found?.playable ?? playable(text), snapshot: found?.snapshot, startedAt: found?.startedAt, mode: found?.mode ?? 'practice', io, env, width: 100, readLine: async () => queue.shift() });
  return { code, out };
}

/** The scene headings printed, in order ("-- Scene 3 --", "-- The bus --"), the recap's included. */
const headings = (out: string) => [...out.matchAll(/^-- (.*) --$/gm)].map((m) => m[1]).filter((h) => !/^Decision \d/.test(h ?? ''));

describe('line by line, untitled scenes numbered in the playthrough', () => {
  it('counts every scene passed (a titled one too), and counts again after an undo', async () => {
    const { code, out } = await plain(tempEnv(), branching(), ['d1-a', 'u', 'd1-b', 'd2-a']);
    expect(code).toBe(0);
    // a0 and a1 are the 4th and 5th scenes; undone, b0 is the 4th, and the last scene the 5th.
    // ("Before this" is not printed: d1 has words of its own.)
    expect(headings(out)).toEqual(['Scene 1', 'The bus', 'Scene 3', 'Scene 4', 'Scene 5', 'Scene 4', 'Scene 5']);
  });

  it('a resumed save goes on counting from where it stood', async () => {
    const env = tempEnv();
    await plain(env, branching(), ['d1-a', 'q']);
    const { code, out } = await plain(env, branching(), ['d2-a'], true);
    expect(code).toBe(0);
    // The recap heads the two scenes since the reply as they were headed; the last scene is the 6th.
    expect(headings(out)).toEqual(['Scene 4', 'Scene 5', 'Scene 6']);
  });

  it('a chain of 300 scenes: numbered 1 to 300, with the machine stepped a number of times that grows with the chain, not its square', async () => {
    const text = sceneChain(300);
    steps.count = 0;
    const { code, out } = await plain(tempEnv(), text, ['1']);
    expect(code).toBe(0);
    expect(headings(out)).toEqual(Array.from({ length: 300 }, (_, i) => `Scene ${i + 1}`));
    // Replaying from the start at every scene took 299 × 300 / 2 = 44,850 steps; the debrief and the
    // records replay the playthrough a few times at most.
    expect(steps.count).toBeLessThan(10 * 300);
  });
});
