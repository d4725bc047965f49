import { createActor } from 'xstate';
import { describe, expect, it } from 'vitest';
import { decisionChain } from '../../bench/hostile.js';
import { conductOf, countedConduct } from '../../src/machines/conduct.js';
import { analyseBest, compileScenario, indexScenario, validateScenario, type Scenario } from '../../src/machines/index.js';
import { BUNDLED_IDS, bundledScenario } from '../helpers/bundled.js';

/**
 * Plays `replies` through the compiled machine (scenes continued), checking after every step that
 * the transcript's running count of conduct (carried from reply to reply: conductCarried) is there
 * and equals conduct counted again from its turns. The first read starts the count, as a session's
 * first condition on conduct does; from then on no step counts the turns again. Returns the steps checked.
 */
function runningAgrees(scenario: Scenario, replies: readonly string[]): number {
  const index = indexScenario(scenario);
  const best = analyseBest(scenario).best;
  const actor = createActor(compileScenario(scenario), { input: {} }).start();
  const transcript = () => actor.getSnapshot().context.transcript;
  conductOf(transcript(), index, best);
  let steps = 0;
  const check = () => {
    const now = transcript();
    const running = countedConduct(now, index, best);
    expect(running, `${scenario.id}: no running count after ${now.length} replies`).toBeDefined();
    // A copy of the array has no count of its own: counted from its turns.
    expect(running, `${scenario.id} after ${now.length} replies`).toEqual(conductOf([...now], index, best));
    steps++;
  };
  const continueScenes = () => {
    while (actor.getSnapshot().can({ type: 'scene.continue' })) {
      actor.send({ type: 'scene.continue' });
      check();
    }
  };
  for (const replyId of replies) {
    continueScenes();
    actor.send({ type: 'reply.choose', replyId });
    check();
  }
  continueScenes();
  expect(actor.getSnapshot().status, `${scenario.id} did not reach its ending`).toBe('done');
  return steps;
}

// Conditions that read the conduct so far (a live room's too: its session is this machine) took it
// from every turn of the transcript at every reply; it is now carried from reply to reply.
describe('the running count of conduct', () => {
  it.each(BUNDLED_IDS)('agrees with conduct counted again at every step of %s\'s best path', (id) => {
    const scenario = bundledScenario(id);
    const path = analyseBest(scenario).path.map((s) => s.replyId);
    expect(runningAgrees(scenario, path)).toBeGreaterThanOrEqual(path.length);
  });

  it('agrees over a generated chain of 1,500 decisions whose replies read conduct, a violation at every third', () => {
    const { scenario, problems } = validateScenario(decisionChain(1_500, true), 'chain.json');
    if (!scenario) throw new Error(problems.map((p) => p.message).join('\n'));
    const replies = Array.from({ length: 1_500 }, (_, i) => `d${i}-${i % 3 === 0 ? 'b' : 'a'}`);
    expect(runningAgrees(scenario, replies)).toBe(3_000);
  });

  it('after undoing a reply, conduct is counted again from the turns kept', () => {
    const { scenario } = validateScenario(decisionChain(3, true), 'chain.json');
    const index = indexScenario(scenario!);
    const actor = createActor(compileScenario(scenario!), { input: {} }).start();
    const read = () => conductOf(actor.getSnapshot().context.transcript, index);
    read();
    actor.send({ type: 'reply.choose', replyId: 'd0-b' });
    expect(read()).toMatchObject({ points: -1, violations: { 'curious-not-interrogating': 1 } });
    actor.send({ type: 'decision.undo' });
    expect(read()).toMatchObject({ points: 0, violations: {} });
  });
});
