import { describe, expect, it } from 'vitest';
import { startFacilitation, startingAt, startSession } from '../../../src/machines/index.js';
import { bundled, example, play } from './fixtures.js';

describe('startingAt', () => {
  it('gives back the very same scenario when nothing moves, so a memoised compile is reused', () => {
    expect(startingAt(example, undefined)).toEqual({ ok: true, scenario: example });
    const same = startingAt(example, 'phone');
    expect(same.ok && same.scenario).toBe(example);
  });

  it('moves the start to a later decision or scene and leaves the original alone', () => {
    for (const from of ['after-visit', 'boyfriend-open']) {
      const moved = startingAt(example, from);
      expect(moved.ok).toBe(true);
      if (!moved.ok) return;
      expect(moved.scenario.start).toBe(from);
      expect(moved.scenario.nodes).toBe(example.nodes);
    }
    expect(example.start).toBe('phone');
  });

  // The list named the endings too, which cannot be started at.
  it('refuses an unknown node as a value, naming the scenes and decisions there are', () => {
    expect(startingAt(example, 'nowhere')).toEqual({
      ok: false,
      error: '--from: "example-new-phone" has no node "nowhere". (scenes and decisions: phone, boyfriend-open, boyfriend-guarded, after-visit)',
    });
  });

  it('a misspelt ending is not suggested, and an ending named says where a run can start', () => {
    expect(startingAt(example, 'end-strng')).toEqual({ ok: false, error: '--from: "example-new-phone" has no node "end-strng". (scenes and decisions: phone, boyfriend-open, boyfriend-guarded, after-visit)' });
    expect(startingAt(example, 'end-strong')).toEqual({ ok: false, error: '--from: "end-strong" is an ending; start at a scene or decision (phone, boyfriend-open, boyfriend-guarded, after-visit)' });
  });

  it('a misspelt node: the guess right after the name, as --set does, not run on after the list', () => {
    expect(startingAt(example, 'after-vist')).toEqual({
      ok: false,
      error: '--from: "example-new-phone" has no node "after-vist". Did you mean "after-visit"? (scenes and decisions: phone, boyfriend-open, boyfriend-guarded, after-visit)',
    });
  });

  // "d2-nxt" got no "did you mean": too many letters differ from "d2-next-time" for a typo's guess.
  it('a node id cut short or misspelt after its number is guessed from the one scene or decision that begins the same way', () => {
    const s = bundled('youth-discloses');
    const r = startingAt(s, 'd2-nxt');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toContain('has no node "d2-nxt". Did you mean "d2-cares"?');
    const bare = startingAt(s, 'd2');
    expect(!bare.ok && bare.error).toContain('has no node "d2". Did you mean "d2-cares"?');
    // Two that begin the same way: no guess.
    expect(startingAt(example, 'boyfriend-x')).toEqual({ ok: false, error: '--from: "example-new-phone" has no node "boyfriend-x". (scenes and decisions: phone, boyfriend-open, boyfriend-guarded, after-visit)' });
  });

  it('shows at most twelve node names for a large scenario', () => {
    const s = bundled('court-report');
    const r = startingAt(s, 'nowhere');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.endsWith(', …)')).toBe(true);
    expect(r.error.split('(scenes and decisions: ')[1]!.split(', ')).toHaveLength(13);
  });
});

describe('starting sessions', () => {
  it('starts a fresh session at the scenario\'s start in the mode asked for', () => {
    for (const mode of ['practice', 'assessment'] as const) {
      const snap = startSession(example, mode).getSnapshot();
      expect(snap.value).toBe('phone');
      expect(snap.status).toBe('active');
      expect(snap.context.mode).toBe(mode);
      expect(snap.context.transcript).toEqual([]);
    }
  });

  it('starts a moved scenario at its new start', () => {
    const moved = startingAt(example, 'after-visit');
    if (!moved.ok) throw new Error(moved.error);
    expect(startSession(moved.scenario, 'practice').getSnapshot().value).toBe('after-visit');
  });

  it('continues from a persisted snapshot where it was left, undo included', () => {
    const before = play(example, 'practice', ['phone-curious']);
    const resumed = startSession(example, 'assessment', JSON.parse(JSON.stringify(before.getPersistedSnapshot())));
    const snap = resumed.getSnapshot();
    expect(snap.value).toBe('after-visit');
    expect(snap.context).toEqual(before.getSnapshot().context);
    resumed.send({ type: 'decision.undo' });
    expect(resumed.getSnapshot().value).toBe('phone');
    expect(resumed.getSnapshot().context.variables.trust).toBe(50);
  });

  it('runs a trainer-led session in practice mode, so the room sees every reply\'s feedback', () => {
    const actor = startFacilitation(example);
    expect(actor.getSnapshot().context.mode).toBe('practice');
    actor.send({ type: 'reply.choose', replyId: 'phone-accuse' });
    expect(actor.getSnapshot().can({ type: 'decision.undo' })).toBe(true);
  });
});
