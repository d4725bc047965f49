import { createActor } from 'xstate';
import { compileScenario, type Debrief, type Scenario } from '../../src/machines/index.js';

/** Plays the replies in order through the compiled machine (scenes continue by themselves); the debrief, or undefined if it did not end. */
export function playReplies(scenario: Scenario, replies: readonly string[]): Debrief | undefined {
  const actor = createActor(compileScenario(scenario), { input: {} }).start();
  const continueScenes = () => {
    while (actor.getSnapshot().can({ type: 'scene.continue' })) actor.send({ type: 'scene.continue' });
  };
  for (const id of replies) {
    continueScenes();
    actor.send({ type: 'reply.choose', replyId: id });
  }
  continueScenes();
  return actor.getSnapshot().status === 'done' ? (actor.getSnapshot().output as Debrief) : undefined;
}
