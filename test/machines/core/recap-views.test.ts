import { describe, expect, it } from 'vitest';
import { generateScenario } from '../../../bench/generate.js';
import { resumeRecap, selectView, startSession } from '../../../src/machines/index.js';
import { validateScenario } from '../../../src/machines/validate/index.js';

// How many session views the recap works out, to check it works out only those it shows.
const views = { count: 0 };
const countedView: typeof selectView = (...args) => (views.count++, selectView(...args));

/**
 * The recap of a resumed save shows the scenes passed since the last reply, with each one's meter
 * changes (a4fe7d5). It worked out a whole session view for every scene of the replay, from the
 * start, to keep only the last few: opening a save 5,000 steps into a long scenario took 60% longer.
 */
describe('resumeRecap', () => {
  it('works out a view only for the scenes it shows, however long the save', () => {
    const scenario = validateScenario(JSON.stringify(generateScenario(300)), 'generated.json').scenario!;
    const actor = startSession(scenario, 'practice', undefined, 7);
    let passedScenes = 0;
    for (let step = 0; step < 200; step++) {
      const snap = actor.getSnapshot();
      if (snap.can({ type: 'scene.continue' })) {
        passedScenes++;
        actor.send({ type: 'scene.continue' });
        continue;
      }
      const node = scenario.nodes.find((n) => n.id === String(snap.value));
      if (node?.kind !== 'decision' || node.id === 'last') break;
      actor.send({ type: 'reply.choose', replyId: node.replies[0]!.id });
    }
    expect(passedScenes).toBeGreaterThan(20);
    views.count = 0;
    const recap = resumeRecap(scenario, actor.getPersistedSnapshot() as Parameters<typeof resumeRecap>[1], countedView);
    expect(views.count).toBe(recap.scenes.length);
  });
});
