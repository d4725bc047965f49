import { describe, expect, it } from 'vitest';
import { sceneNumberAt, sceneWords, startSession, validateScenario, type Scenario, type SessionActor } from '../../src/machines/index.js';
import youthDiscloses from '../../scenarios/youth-discloses.json' with { type: 'json' };

const scenario = validateScenario(JSON.stringify(youthDiscloses), 'youth-discloses.json').scenario as Scenario;
const kindOf = (actor: SessionActor) => scenario.nodes.find((n) => n.id === String(actor.getSnapshot().value))?.kind;

describe('a scene numbered in its playthrough', () => {
  // Untitled scenes were all headed "Scene", several alike in one playthrough.
  it('each scene is numbered by the scenes shown from the start, this one counted; a decision has none', () => {
    const actor = startSession(scenario, 'practice', undefined, 1);
    const seen: (number | undefined)[] = [];
    let scenes = 0;
    for (let step = 0; step < 40 && actor.getSnapshot().status === 'active'; step++) {
      const kind = kindOf(actor);
      if (kind === 'scene') scenes++;
      seen.push(sceneNumberAt(scenario, actor.getPersistedSnapshot()));
      expect(seen.at(-1)).toBe(kind === 'scene' ? scenes : undefined);
      const snap = actor.getSnapshot();
      if (snap.can({ type: 'scene.continue' })) actor.send({ type: 'scene.continue' });
      else {
        const node = scenario.nodes.find((n) => n.id === String(snap.value));
        const reply = node?.kind === 'decision' ? node.replies.find((r) => snap.can({ type: 'reply.choose', replyId: r.id })) : undefined;
        actor.send({ type: 'reply.choose', replyId: reply!.id });
      }
    }
    // This path shows several scenes, untitled ones among them: each a number of its own.
    expect(scenes).toBeGreaterThan(3);
    expect(seen.filter((n) => n !== undefined)).toEqual(Array.from({ length: scenes }, (_, i) => i + 1));
  });

  it('in words: "Scene 3", or "Scene" where the number is not known', () => {
    expect(sceneWords(3)).toBe('Scene 3');
    expect(sceneWords()).toBe('Scene');
  });
});
