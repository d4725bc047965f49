import { describe, expect, it } from 'vitest';
import { introductionsAt, selectView, startSession, type PersistedScenarioSnapshot } from '../../src/machines/index.js';
import { BUNDLED_IDS, bundledScenario } from '../helpers/bundled.js';

// Who is introduced to the room (a character's description, for the facilitator to read aloud):
// once, where the character first speaks on the path taken, never before.

describe('introductions along a playthrough', () => {
  it.each(BUNDLED_IDS)('%s: each character with a description is introduced once, at the first moment they speak on the path taken', (id) => {
    const scenario = bundledScenario(id);
    const described = new Map(scenario.characters.filter((c) => c.description).map((c) => [c.name, c.description]));
    // Two paths: always the first reply offered, and always the last.
    for (const pick of ['first', 'last'] as const) {
      const actor = startSession(scenario, 'practice', undefined, 7);
      const heard = new Set<string>();
      const introduced: string[] = [];
      for (let step = 0; step < 200; step++) {
        const view = selectView(scenario, actor.getSnapshot());
        const intros = introductionsAt(scenario, actor.getPersistedSnapshot() as PersistedScenarioSnapshot);
        const speakingFirst = [...new Set(view.lines.map((l) => l.speaker))].filter((s) => !heard.has(s) && described.has(s));
        expect(intros.map((i) => i.name), `${id} at ${view.nodeId}`).toEqual(speakingFirst);
        for (const i of intros) expect(i.description).toBe(described.get(i.name));
        introduced.push(...intros.map((i) => i.name));
        for (const l of view.lines) heard.add(l.speaker);
        if (view.done) break;
        if (view.kind === 'scene') actor.send({ type: 'scene.continue' });
        else {
          const offered = view.replies.filter((r) => r.enabled);
          actor.send({ type: 'reply.choose', replyId: (pick === 'first' ? offered[0] : offered[offered.length - 1])!.id });
        }
      }
      expect(new Set(introduced).size).toBe(introduced.length);
      // Somebody is introduced on every bundled path (the youth at least speaks).
      expect(introduced.length).toBeGreaterThan(0);
    }
  });

  it('a session whose path cannot be replayed (an edited scenario) introduces no one, rather than failing', () => {
    const scenario = bundledScenario(BUNDLED_IDS[0]!);
    const actor = startSession(scenario, 'practice');
    const snapshot = actor.getPersistedSnapshot() as PersistedScenarioSnapshot & { context: { transcript: unknown[] } };
    const broken = { ...snapshot, value: 'no-such-node', context: { ...snapshot.context, transcript: [{ nodeId: 'nowhere', replyId: 'nothing' }] } };
    expect(introductionsAt(scenario, broken as unknown as PersistedScenarioSnapshot)).toEqual([]);
  });
});
