import { describe, expect, it } from 'vitest';
import { decisionSetup, startSession, type PersistedScenarioSnapshot } from '../../../src/machines/index.js';
import { bundled } from './fixtures.js';
import { sessionAfter } from '../../helpers/play.js';

/** Plays testifying by reply ids (scenes continued), then continues to the next decision. */
function play(replies: readonly string[]) {
  const scenario = bundled('testifying');
  const actor = sessionAfter(scenario, replies);
  return { scenario, actor, setup: () => decisionSetup(scenario, actor.getPersistedSnapshot() as PersistedScenarioSnapshot) };
}

describe('decisionSetup', () => {
  it('gives the scene before a decision with no words of its own, on the path taken: after an undo back to it too', () => {
    const { actor, setup } = play(['d1-scary', 'd2-around', 'd3-team', 'd4-arrange']);
    expect(String(actor.getSnapshot().value)).toBe('d5-date');
    const at = setup();
    expect(at).toHaveLength(1);
    expect(at[0]?.title).toBe('Confirming the date');
    expect(at[0]?.lines.map((l) => `${l.speaker}: ${l.text}`).join()).toContain('Mr. Dunn: Yep, he\'s on here. The 21st');
    // Answered, then undone from the next decision: back at d5, with the same setup.
    actor.send({ type: 'reply.choose', replyId: 'd5-theirs' });
    while (actor.getSnapshot().can({ type: 'scene.continue' })) actor.send({ type: 'scene.continue' });
    expect(String(actor.getSnapshot().value)).toBe('d6-message');
    actor.send({ type: 'decision.undo' });
    expect(String(actor.getSnapshot().value)).toBe('d5-date');
    expect(setup()).toEqual(at);
  });

  it('gives the scene of the path taken when two lead to the decision', () => {
    // d4-drive leads through the other "Confirming the date" scene (the volunteer drove her).
    const { setup } = play(['d1-scary', 'd2-around', 'd3-team', 'd4-drive']);
    const scenario = bundled('testifying');
    const drove = scenario.nodes.find((n) => n.id === 's4-call-drove');
    const other = scenario.nodes.find((n) => n.id === 's4-call');
    const said = (node: typeof drove) => (node?.lines ?? []).map((l) => l.text);
    expect(said(drove)).not.toEqual(said(other));
    expect(setup()[0]?.lines.map((l) => l.text)).toEqual(said(drove));
  });

  it('is empty at a decision with words of its own, and at a scene', () => {
    const { actor, setup } = play(['d1-scary', 'd2-around', 'd3-team']);
    expect(String(actor.getSnapshot().value)).toBe('d4-ride');
    expect(setup()).toEqual([]);
    const scenario = bundled('testifying');
    const fresh = startSession(scenario, 'practice', undefined, 7);
    expect(decisionSetup(scenario, fresh.getPersistedSnapshot() as PersistedScenarioSnapshot)).toEqual([]);
  });
});
