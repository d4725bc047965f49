import { describe, expect, it } from 'vitest';
import { changeWords, replayConversation, resumeOpening, resumeRecap, sceneHeadingAt, selectView, startingAt, startSession, type PersistedScenarioSnapshot } from '../../../src/machines/index.js';
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

describe('resumeRecap', () => {
  // A scene whose effects move a meter said so live ("Arev's trust: 70 → 55 (−15)"); a resumed
  // terminal session's recap of that scene left it out, so the drop in the meter went unexplained.
  const scenario = bundled('couch-rent');
  const toNightDecision = ['d1-heard', 'd2-need', 'd3-honest', 'd4-server'];

  /** Plays by reply ids in a mode, keeping each scene's live view (its changes) as a UI showed it. */
  function playScenes(mode: 'practice' | 'assessment') {
    const actor = startSession(scenario, mode, undefined, 7);
    let scenes: { heading: string | undefined; changes: ReturnType<typeof selectView>['sceneChanges']; lines: ReturnType<typeof selectView>['lines'] }[] = [];
    const continueThrough = () => {
      scenes = [];
      while (actor.getSnapshot().can({ type: 'scene.continue' })) {
        const view = selectView(scenario, actor.getSnapshot());
        // Headed as the live scene is (sceneHeadingAt: its title, or "Scene N" when it has none).
        scenes.push({ heading: sceneHeadingAt(scenario, actor.getPersistedSnapshot() as PersistedScenarioSnapshot), changes: view.sceneChanges, lines: view.lines });
        actor.send({ type: 'scene.continue' });
      }
    };
    for (const replyId of toNightDecision) {
      continueThrough();
      actor.send({ type: 'reply.choose', replyId });
    }
    continueThrough();
    return { actor, scenes };
  }

  it("gives each scene passed since the last reply with the meter changes its live view said, in the same place", () => {
    const { actor, scenes } = playScenes('practice');
    expect(selectView(scenario, actor.getSnapshot()).title).toBe('1:12 a.m.');
    const recap = resumeRecap(scenario, actor.getPersistedSnapshot() as PersistedScenarioSnapshot);
    // Their lines as the live scene showed them: a speaker's role beside their first line only.
    expect(recap.scenes.map((s) => ({ heading: s.heading, changes: s.changes, lines: s.lines }))).toEqual(scenes);
    const server = recap.scenes.find((s) => s.heading === 'The server');
    expect(server?.changes).toHaveLength(1);
    expect(changeWords(server!.changes[0]!)).toMatch(/^Arev's trust: (\d+) → (\d+) \(−15\)$/);
    expect(server!.changes[0]!.to - server!.changes[0]!.from).toBe(-15);
    // Said once, with the scene that made it: the scene after it has none.
    expect(recap.scenes.find((s) => s.heading === 'Eight days later')?.changes).toEqual([]);
  });

  // The terminal's recap gave the last reply's words only: a volunteer who quit while reading its
  // feedback came back without it (the web's replayed conversation shows each reply's feedback).
  it('names a speaker\'s role beside their first line of a scene only, as the scene showed it live', () => {
    const moved = startingAt(bundled('trafficker-contact'), 's-okafor-plan');
    if (!moved.ok) throw new Error(moved.error);
    const actor = startSession(moved.scenario, 'practice');
    while (actor.getSnapshot().can({ type: 'scene.continue' })) actor.send({ type: 'scene.continue' });
    const recap = resumeRecap(moved.scenario, actor.getPersistedSnapshot() as PersistedScenarioSnapshot);
    const okafor = recap.scenes.flatMap((s) => s.lines).filter((l) => l.speaker === 'Ms. Okafor');
    expect(okafor.map((l) => l.role)).toEqual(['CSW, Children\'s Social Worker at DCFS', '']);
  });

  it("gives the last reply's feedback, verdicts and meter changes as the live view showed them after it, in practice only", () => {
    for (const mode of ['practice', 'assessment'] as const) {
      const actor = startSession(scenario, mode, undefined, 7);
      let shown: ReturnType<typeof selectView>['lastFeedback'];
      for (const replyId of toNightDecision) {
        while (actor.getSnapshot().can({ type: 'scene.continue' })) actor.send({ type: 'scene.continue' });
        actor.send({ type: 'reply.choose', replyId });
        shown = selectView(scenario, actor.getSnapshot()).lastFeedback;
      }
      while (actor.getSnapshot().can({ type: 'scene.continue' })) actor.send({ type: 'scene.continue' });
      const recap = resumeRecap(scenario, actor.getPersistedSnapshot() as PersistedScenarioSnapshot);
      expect(recap.lastReply).toBe(shown?.replyText ?? scenario.nodes.flatMap((n) => (n.kind === 'decision' ? n.replies : [])).find((r) => r.id === 'd4-server')?.text);
      if (mode === 'assessment') {
        expect(shown).toBeUndefined();
        expect(recap.lastFeedback).toBeUndefined();
        continue;
      }
      expect(shown?.replyId).toBe('d4-server');
      expect(shown!.assessments.length + shown!.changes.length).toBeGreaterThan(0);
      expect(recap.lastFeedback).toEqual(shown);
      expect(recap.lastReplyKind).toBe(shown!.replyKind);
    }
  });

  it('says no change in assessment mode, where the live scene showed no meter', () => {
    const { actor } = playScenes('assessment');
    const recap = resumeRecap(scenario, actor.getPersistedSnapshot() as PersistedScenarioSnapshot);
    expect(recap.scenes.map((s) => s.heading)).toContain('The server');
    expect(recap.scenes.every((s) => s.changes.length === 0)).toBe(true);
  });
});

// A practice volunteer who quit on the feedback after a reply (the app saves on the scene under it)
// came back to that scene with the feedback gone: only a decision opened on "Where you left off".
describe('resumeOpening', () => {
  const scenario = bundled('couch-rent');
  const replies = ['d1-heard', 'd2-need', 'd3-honest', 'd4-server'];
  const toScene = (actor: ReturnType<typeof startSession>) => {
    while (actor.getSnapshot().can({ type: 'scene.continue' })) actor.send({ type: 'scene.continue' });
  };
  /** The session after the replies (scenes continued before each), then `scenes` scenes continued past. */
  function saved(mode: 'practice' | 'assessment', made: number, scenes: number) {
    const actor = startSession(scenario, mode, undefined, 7);
    for (const replyId of replies.slice(0, made)) {
      toScene(actor);
      actor.send({ type: 'reply.choose', replyId });
    }
    const feedback = selectView(scenario, actor.getSnapshot()).lastFeedback;
    for (let i = 0; i < scenes; i++) actor.send({ type: 'scene.continue' });
    return { actor, view: selectView(scenario, actor.getSnapshot()), feedback, snapshot: actor.getPersistedSnapshot() as PersistedScenarioSnapshot };
  }

  it("on the scene right after a reply (practice): the reply and its feedback, as the live screen showed it, and no scene yet", () => {
    const { view, feedback, snapshot } = saved('practice', 4, 0);
    expect(view.kind).toBe('scene');
    expect(view.title).toBe('The server');
    expect(feedback?.replyId).toBe('d4-server');
    const opening = resumeOpening(scenario, snapshot);
    expect(opening?.lastFeedback).toEqual(feedback);
    expect(opening?.lastReply).toBe(feedback?.replyText);
    expect(opening?.scenes).toEqual([]);
  });

  it('on a scene further on, no decision since the reply (practice): that feedback, then the scenes passed since, not the one it stands on', () => {
    const { view, feedback, snapshot } = saved('practice', 4, 1);
    expect(view.kind).toBe('scene');
    expect(view.title).toBe('Eight days later');
    const opening = resumeOpening(scenario, snapshot);
    expect(opening?.lastFeedback).toEqual(feedback);
    expect(opening?.scenes.map((s) => s.heading)).toEqual(['The server']);
  });

  it('assessment mode on the same scene: it opens as it stood (no feedback before the debrief)', () => {
    const { view, snapshot } = saved('assessment', 4, 0);
    expect(view.kind).toBe('scene');
    expect(resumeOpening(scenario, snapshot)).toBeUndefined();
  });

  it('a scene before any reply opens as it stood; a decision gets the recap as before', () => {
    expect(resumeOpening(scenario, saved('practice', 0, 0).snapshot)).toBeUndefined();
    const atDecision = startSession(scenario, 'assessment', undefined, 7);
    toScene(atDecision);
    atDecision.send({ type: 'reply.choose', replyId: 'd1-heard' });
    toScene(atDecision);
    const snapshot = atDecision.getPersistedSnapshot() as PersistedScenarioSnapshot;
    expect(selectView(scenario, atDecision.getSnapshot()).kind).toBe('decision');
    expect(resumeOpening(scenario, snapshot)).toEqual(resumeRecap(scenario, snapshot));
    expect(resumeOpening(scenario, snapshot)?.lastFeedback).toBeUndefined();
  });
});
