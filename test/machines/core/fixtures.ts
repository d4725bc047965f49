import { startSession, validateScenario, type Scenario, type SessionMode } from '../../../src/machines/index.js';
import { loadValidFixture } from '../../helpers/fixtures.js';
import { bundledFiles, CLEAR, HOSTILE, RLO } from './light-fixtures.js';

export * from './light-fixtures.js';

// Shared fixtures for the core's unit tests: real scenarios, validated, and hostile copies of them.

/** The small example scenario (test/fixtures/good/example.json). */
export const example: Scenario = loadValidFixture('good/example.json');

/**
 * The example with "Curious, not interrogating" followed at "After the visit" too (by after-supervisor):
 * played phone-ignore then after-supervisor, it is missed at "The new phone" (phone-curious follows it)
 * and kept to at "After the visit": ✓1 ○1.
 */
export const keptOnceMissedOnce: Scenario = (() => {
  const s = structuredClone(example);
  for (const node of s.nodes) {
    if (node.kind !== 'decision') continue;
    for (const r of node.replies) if (r.id === 'after-supervisor') r.assessments.push({ principle: 'curious-not-interrogating', verdict: 'follows' } as (typeof r.assessments)[number]);
  }
  return s;
})();

/** A bundled scenario, validated. */
export function bundled(id: string): Scenario {
  const found = bundledFiles.find((f) => f.file === `${id}.json`);
  if (!found) throw new Error(`no bundled scenario ${id}`);
  const result = validateScenario(Buffer.from(found.text), found.file);
  if (!result.scenario) throw new Error(`${id} is invalid`);
  return result.scenario;
}

const TEXT_KEYS = new Set(['title', 'text', 'narration', 'feedback', 'name', 'label', 'prompt', 'facilitatorNote', 'discussionPrompt', 'summary', 'contentNote']);

/** A copy of a scenario whose every shown text is wrapped in escape sequences and invisible characters. */
export function hostileScenario(scenario: Scenario = example): Scenario {
  return JSON.parse(JSON.stringify(scenario, (key, v: unknown) => (TEXT_KEYS.has(key) && typeof v === 'string' ? `${HOSTILE}${v}\t${RLO}x\r\ny${CLEAR}` : v))) as Scenario;
}

/** A running session driven through the example by reply ids (scenes are continued). */
export function play(scenario: Scenario, mode: SessionMode, replies: readonly string[]) {
  const actor = startSession(scenario, mode);
  for (const replyId of replies) {
    while (actor.getSnapshot().can({ type: 'scene.continue' })) actor.send({ type: 'scene.continue' });
    actor.send({ type: 'reply.choose', replyId });
  }
  while (actor.getSnapshot().can({ type: 'scene.continue' })) actor.send({ type: 'scene.continue' });
  return actor;
}
