import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { startSession, type PersistedScenarioSnapshot } from '../../src/machines/index.js';
import { loadPlayable } from '../../src/terminal/scenario-source.js';
import { KEY, press, renderAt, tempEnv } from './helpers/ink.js';
import { BUNDLED } from './helpers/layout.js';
import { playElement } from './helpers/play.js';

afterEach(cleanup);

// testifying's decision 5 has no words of its own: "What do you say to Mr. Dunn?" asks about his
// line in the scene before it. Opened other than from that scene (an undo back to it, a resume's
// recap), it was drawn bare, and the volunteer had to answer a line no longer on the screen.
const DUNN = 'Mr. Dunn (group home staff member): “Yep, he\'s on here.';

/** testifying played by reply ids to the next decision after them (scenes continued). */
function testifying(replies: readonly string[]) {
  const playable = loadPlayable(join(BUNDLED, 'testifying.json'));
  if ('problems' in playable) throw new Error(playable.problems);
  const actor = startSession(playable.scenario, 'practice', undefined, 7);
  const on = () => {
    while (actor.getSnapshot().can({ type: 'scene.continue' })) actor.send({ type: 'scene.continue' });
  };
  for (const replyId of replies) {
    on();
    actor.send({ type: 'reply.choose', replyId });
  }
  on();
  return { playable, actor };
}

/** The frame's rows as drawn (the last row of Ink's output is the cursor's). */
const rowsOf = (frame: string) => frame.replace(/\n$/, '').split('\n');

describe('a decision with no words of its own, opened without its scene', () => {
  it('after u back to it, shows the scene before it under "Before this:", at 60×24 with every reply and the keys', async () => {
    const { playable, actor } = testifying(['d1-scary', 'd2-around', 'd3-team', 'd4-arrange', 'd5-theirs']);
    expect(String(actor.getSnapshot().value)).toBe('d6-message');
    const r = await renderAt(playElement({ playable, actor, env: tempEnv() }), 60, 24);
    expect(r.lastFrame()).not.toContain('Mr. Dunn');
    await press(r, 'u');
    const frame = r.lastFrame();
    expect(frame).toContain('Decision 5 of');
    expect(frame).toContain('Before this:');
    expect(frame).toContain(DUNN);
    // The setup comes before the decision's question, and the replies and keys are all still there.
    expect(frame.indexOf(DUNN)).toBeLessThan(frame.indexOf('What do you say to Mr. Dunn?'));
    for (const text of ['Hm, I had the 14th.', 'I have the 14th from Ms. Ibarra.', 'Oh, you\'d know better than me']) expect(frame).toContain(text);
    expect(frame).toContain('u: undo');
    expect(rowsOf(frame).length).toBeLessThanOrEqual(23);
    // Answered, the next decision opens as it always does: the setup was for the decision undone to.
    await press(r, '1', KEY.enter);
    expect(r.lastFrame()).not.toContain('Before this:');
  });

  it('after a resume\'s "Where you left off", Enter opens it with its scene', async () => {
    const { playable, actor: played } = testifying(['d1-scary', 'd2-around', 'd3-team', 'd4-arrange']);
    const actor = startSession(playable.scenario, 'practice', played.getPersistedSnapshot() as PersistedScenarioSnapshot);
    const r = await renderAt(playElement({ playable, actor, env: tempEnv(), resumed: true }), 60, 24);
    expect(r.lastFrame()).toContain('Where you left off');
    await press(r, KEY.enter);
    const frame = r.lastFrame();
    expect(frame).toContain('What do you say to Mr. Dunn?');
    expect(frame).toContain('Before this:');
    expect(frame).toContain(DUNN);
    expect(rowsOf(frame).length).toBeLessThanOrEqual(23);
  });

  it('is drawn bare when played straight from its scene, which was just on the screen', async () => {
    const { playable, actor } = testifying(['d1-scary', 'd2-around', 'd3-team']);
    const r = await renderAt(playElement({ playable, actor, env: tempEnv() }), 60, 24);
    await press(r, '3');
    await press(r, KEY.enter);
    expect(r.lastFrame()).toContain(DUNN);
    await press(r, KEY.enter);
    expect(r.lastFrame()).toContain('What do you say to Mr. Dunn?');
    expect(r.lastFrame()).not.toContain('Before this:');
  });
});
