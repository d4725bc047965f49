import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { selectView, startSession } from '../../src/machines/index.js';
import { loadPlayable } from '../../src/terminal/scenario-source.js';
import { bundledFile } from './helpers/layout.js';
import { playElement } from './helpers/play.js';
import { appElement, KEY, press, renderAt, tempEnv } from './helpers/ink.js';

afterEach(() => cleanup());

const HOME = '\u001b[H';
const END = '\u001b[F';

/**
 * saturday-shoots played at 60×24 to the decision after the scene its first reply leads to (that
 * scene is then in the recap), and opened again from that save at 60×24: "Where you left off".
 */
async function resumedAtDecision2() {
  const playable = loadPlayable(bundledFile('saturday-shoots.json'), 'd1-aunt');
  if ('problems' in playable) throw new Error(playable.problems);
  const actor = startSession(playable.scenario, 'practice', undefined, 1);
  const env = tempEnv();
  const live = await renderAt(playElement({ playable, actor, env }), 60, 24);
  await press(live, '1', KEY.enter, KEY.enter);
  expect(selectView(playable.scenario, actor.getSnapshot()).kind).toBe('decision');
  live.unmount();
  return renderAt(appElement({ env, start: { kind: 'play', playable, snapshot: actor.getPersistedSnapshot(), showNote: false } }).element, 60, 24);
}

// Found in the solo-60 tmux pass: resumed at 60×24, "Where you left off" held the last reply, its
// feedback and the scene after it, the scene's lines below the window ("↓ 8 more below"), and Enter
// ("Enter: continue") opened the decision: the scene was never read (after a quit on the feedback it
// had never been shown), and the decision, which has words of its own, does not show it again.
describe('Enter on "Where you left off" reads on to the rows below before it goes on', () => {
  it('at 60×24: "Enter: read on" pages down to the scene\'s last line, then "Enter: continue" opens the decision', async () => {
    const r = await resumedAtDecision2();
    const first = r.lastFrame();
    expect(first).toContain('Where you left off');
    // The check below means something: the recap is taller than the window, the scene's last line below it.
    expect(first).toMatch(/↓ \d+ more below/);
    expect(first).not.toContain('Meron (youth): ');
    const frames: string[] = [];
    for (let i = 0; i < 20 && r.lastFrame().includes('Where you left off'); i++) {
      const frame = r.lastFrame();
      frames.push(frame);
      const keys = frame.split('\n').at(-1) ?? '';
      // The help line says what Enter does here: read on while rows are below, go on at the end.
      expect(keys, frame).toMatch(/more below/.test(frame) ? /^Enter: read on · / : /^Enter: continue · /);
      for (const row of frame.split('\n')) expect([...row].length, row).toBeLessThanOrEqual(60);
      await press(r, KEY.enter);
    }
    // Every page was shown, the last at the recap's end, before Enter opened the decision.
    expect(frames.length).toBeGreaterThan(1);
    expect(frames.at(-1)).toContain('(end)');
    expect(frames.some((f) => f.includes('Meron (youth): '))).toBe(true);
    expect(r.lastFrame()).not.toContain('Where you left off');
    expect(r.lastFrame()).toMatch(/What do you (say|do)/);
    r.unmount();
  });

  // Home and End did nothing on the recap (they scroll a scene, the feedback and the debrief).
  it('at 60×24: End goes to the recap\'s end (Enter then goes on), Home back to its top', async () => {
    const r = await resumedAtDecision2();
    const first = r.lastFrame();
    expect(first).toMatch(/↓ \d+ more below/);
    await press(r, END);
    expect(r.lastFrame()).toContain('(end)');
    expect(r.lastFrame()).toContain('Meron (youth): ');
    expect(r.lastFrame().split('\n').at(-1)).toMatch(/^Enter: continue · /);
    await press(r, HOME);
    expect(r.lastFrame()).toBe(first);
    await press(r, END, KEY.enter);
    expect(r.lastFrame()).not.toContain('Where you left off');
    r.unmount();
  });
});
