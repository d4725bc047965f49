import type { Scenario } from '../machines/index.js';
import { loadScenario, scenarioTexts } from './scenarios.js';

/** Every bundled scenario, validated, by id: the words of decisions and replies for the xAPI export. */
export async function bundledScenarios(): Promise<Map<string, Scenario>> {
  const texts = await scenarioTexts();
  const loaded = await Promise.all(texts.map((t) => loadScenario(t.file, t.text)));
  return new Map(loaded.flatMap((l) => (l.ok ? [[l.playable.scenario.id, l.playable.scenario] as const] : [])));
}
