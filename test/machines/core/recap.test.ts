import { describe, expect, it } from 'vitest';
import { replayConversation, resumeRecap, selectView, startSession, type PersistedScenarioSnapshot } from '../../../src/machines/index.js';
import { bundled, hostileScenario } from './fixtures.js';

/** Drives a session by reply ids, recording every view it shows (scenes continued), as a UI would. */
function playRecording(scenario: ReturnType<typeof bundled>, replies: readonly string[]) {
  const actor = startSession(scenario, 'practice', undefined, 7);
  const shown = [{ nodeId: selectView(scenario, actor.getSnapshot()).nodeId, turns: 0 }];
  const record = () => shown.push({ nodeId: selectView(scenario, actor.getSnapshot()).nodeId, turns: actor.getSnapshot().context.transcript.length });
  for (const replyId of replies) {
    while (actor.getSnapshot().can({ type: 'scene.continue' })) {
      actor.send({ type: 'scene.continue' });
      record();
    }
    actor.send({ type: 'reply.choose', replyId });
    record();
  }
  return { actor, shown };
}

describe('replayConversation', () => {
  const scenario = bundled('youth-discloses');
  const best = (n: number) => {
    const ids: string[] = [];
    const actor = startSession(scenario, 'practice', undefined, 7);
    while (ids.length < n) {
      while (actor.getSnapshot().can({ type: 'scene.continue' })) actor.send({ type: 'scene.continue' });
      const view = selectView(scenario, actor.getSnapshot());
      const reply = view.replies.find((r) => r.enabled);
      if (!reply) break;
      ids.push(reply.id);
      actor.send({ type: 'reply.choose', replyId: reply.id });
    }
    return ids;
  };

  it('gives every moment a UI showed, in order, with the replies chosen before each, ending where the save stands', () => {
    const { actor, shown } = playRecording(scenario, best(3));
    const snapshot = actor.getPersistedSnapshot() as PersistedScenarioSnapshot;
    const moments = replayConversation(scenario, snapshot);
    expect(moments.map((m) => ({ nodeId: m.view.nodeId, turns: m.turns }))).toEqual(shown);
    expect(moments.at(-1)?.view).toEqual(selectView(scenario, actor.getSnapshot()));
  });

  it('a session still at its first moment replays to that moment alone', () => {
    const actor = startSession(scenario, 'practice', undefined, 7);
    const moments = replayConversation(scenario, actor.getPersistedSnapshot() as PersistedScenarioSnapshot);
    expect(moments).toHaveLength(1);
    expect(moments[0]?.turns).toBe(0);
  });

  it('is empty for a save whose path this scenario cannot replay (an edited scenario), as resumeRecap is', () => {
    const { actor } = playRecording(scenario, best(2));
    const snapshot = actor.getPersistedSnapshot() as unknown as { context: { transcript: { nodeId: string; replyId: string }[] } };
    const edited = JSON.parse(JSON.stringify(snapshot)) as typeof snapshot;
    edited.context.transcript[0]!.replyId = 'no-such-reply';
    expect(replayConversation(scenario, edited as unknown as PersistedScenarioSnapshot)).toEqual([]);
    expect(resumeRecap(scenario, edited as unknown as PersistedScenarioSnapshot)).toEqual({ scenes: [] });
  });

  it('gives clean text only, whatever the scenario file holds', () => {
    const hostile = hostileScenario(scenario);
    const actor = startSession(hostile, 'practice', undefined, 7);
    while (actor.getSnapshot().can({ type: 'scene.continue' })) actor.send({ type: 'scene.continue' });
    const text = JSON.stringify(replayConversation(hostile, actor.getPersistedSnapshot() as PersistedScenarioSnapshot));
    expect(text).not.toMatch(/\\u001b|\u202e/i);
    expect(text).toContain('Kiara');
  });
});
