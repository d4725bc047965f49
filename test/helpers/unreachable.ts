import type { Scenario } from '../../src/machines/schema/scenario.js';

/**
 * The scenario with two nodes no playthrough reaches (validate warns, the file stays valid): a scene
 * "orphan-scene" that nothing leads to, and the ending "end-extra" that only it leads to, so one
 * unreachable node has an arrow in and one has none.
 */
export function withUnreachable(scenario: Scenario): Scenario {
  const s = structuredClone(scenario);
  s.nodes.push(
    { id: 'orphan-scene', kind: 'scene', title: 'Left over', narration: 'An old draft.', next: 'end-extra' },
    { id: 'end-extra', kind: 'ending', ending: 'mixed', title: 'Never reached', narration: 'Nobody gets here.' },
  );
  return s;
}
