import { describe, expect, it } from 'vitest';
import { feedbackOf, revealReplies, selectView, startSession, type Debrief, type Scenario, type SessionMode } from '../../../src/machines/index.js';
import { CONTROL, example, expectClean, expectOneCleanLine, hostileScenario, play } from './fixtures.js';

const view = (scenario: Scenario, mode: SessionMode, replies: string[]) => selectView(scenario, play(scenario, mode, replies).getSnapshot());

describe('feedback policy', () => {
  it('practice mode shows the feedback on the last reply, with its principles', () => {
    const v = view(example, 'practice', ['phone-accuse']);
    expect(v.nodeId).toBe('after-visit');
    expect(v.lastFeedback).toMatchObject({ nodeId: 'phone', replyId: 'phone-accuse', replyText: 'Who bought you that? You need to tell me the truth.' });
    expect(v.lastFeedback?.feedback).toContain('interrogation');
    expect(v.lastFeedback?.assessments.map((a) => [a.principleId, a.verdict])).toEqual([['curious-not-interrogating', 'violates'], ['no-jumping-to-conclusions', 'violates']]);
    expect(v.lastFeedback?.changes).toEqual([{ id: 'trust', label: "Jade's trust", from: 50, to: 30 }]);
  });

  it('assessment mode holds the feedback back until the debrief', () => {
    const v = view(example, 'assessment', ['phone-accuse']);
    expect(v.nodeId).toBe('after-visit');
    expect(v.lastFeedback).toBeUndefined();
    expect(JSON.stringify(v)).not.toContain('interrogation');
    expect(v.canUndo).toBe(false);
  });

  it('assessment mode gives the feedback in the debrief at the end', () => {
    const v = view(example, 'assessment', ['phone-accuse', 'after-supervisor']);
    expect(v.done).toBe(true);
    expect(v.lastFeedback).toBeUndefined();
    expect((v.debrief as Debrief).turns[0]?.feedback).toContain('interrogation');
  });

  it('there is no feedback before the first reply', () => {
    expect(selectView(example, startSession(example, 'practice').getSnapshot()).lastFeedback).toBeUndefined();
  });
});

describe('what a screen is given', () => {
  it('numbers the replies from 1 and says what can be done', () => {
    const v = selectView(example, startSession(example, 'practice').getSnapshot());
    expect(v.replies.map((r) => [r.number, r.id, r.kind, r.enabled])).toEqual([[1, 'phone-curious', 'say', true], [2, 'phone-accuse', 'say', true], [3, 'phone-ignore', 'do', true]]);
    expect(v).toMatchObject({ kind: 'decision', title: 'The new phone', prompt: 'What do you say or do?', canContinue: false, canUndo: false, done: false });
    expect(v.lines).toEqual([{ speaker: 'Jade', role: 'youth', text: "Look, finally a phone that doesn't die every hour." }]);
    expect(v.meters).toEqual([{ id: 'trust', label: "Jade's trust", value: 50, min: 0, max: 100 }]);
  });

  it('lets a scene continue, and keeps facilitator notes off endings', () => {
    const actor = startSession(example, 'practice');
    actor.send({ type: 'reply.choose', replyId: 'phone-curious' });
    const scene = selectView(example, actor.getSnapshot());
    expect(scene).toMatchObject({ kind: 'scene', nodeId: 'boyfriend-open', canContinue: true, replies: [] });
    const end = view(example, 'practice', ['phone-curious', 'after-supervisor']);
    expect(end).toMatchObject({ kind: 'ending', done: true });
    expect(end.facilitatorNote).toBeUndefined();
    expect(end.discussionPrompt).toBeUndefined();
  });
});

describe('clean text everywhere', () => {
  const hostile = hostileScenario();

  it('gives the scenario title on one clean line', () => {
    expectOneCleanLine(selectView(hostile, startSession(hostile, 'practice').getSnapshot()).scenarioTitle);
  });

  it('cleans narration, lines, replies, notes and meters, keeping paragraph breaks', () => {
    const v = selectView(hostile, startSession(hostile, 'practice').getSnapshot());
    expectClean(v);
    expect(v.narration).toContain('\n');
    expect(v.lines[0]?.text).toContain("Look, finally a phone that doesn't die every hour.");
    expect(v.replies[0]?.text).toContain("That's a nice one!");
  });

  it('cleans the feedback on the last reply', () => {
    const v = view(hostile, 'practice', ['phone-accuse']);
    expect(v.lastFeedback).toBeDefined();
    expectClean(v.lastFeedback);
  });

  it('cleans a scene\'s lines and an ending\'s narration', () => {
    const actor = startSession(hostile, 'practice');
    actor.send({ type: 'reply.choose', replyId: 'phone-accuse' });
    expectClean(selectView(hostile, actor.getSnapshot()).lines);
    const end = view(hostile, 'practice', ['phone-accuse', 'after-search']);
    expect(end.narration).not.toMatch(CONTROL);
    expect(end.title).not.toMatch(CONTROL);
  });

  it('cleans the reveal and the feedback of any transcript turn', () => {
    expectClean(revealReplies(hostile, 'phone'));
    const turn = play(hostile, 'practice', ['phone-curious']).getSnapshot().context.transcript[0]!;
    expect(turn.feedback).toMatch(CONTROL);
    expectClean(feedbackOf(hostile, turn));
  });
});
