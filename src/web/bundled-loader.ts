import { validateScenario, type PlayableScenario } from '../machines/index.js';
import type { ScenarioText } from './scenarios.js';

/**
 * The core's ScenarioLoader for saves of bundled scenarios: a save names its file
 * ("youth-discloses.json"), found again among the bundled texts and validated.
 */
export function validateBundled(texts: readonly ScenarioText[], file: string): PlayableScenario | { error: string } {
  const found = texts.find((t) => t.file === file);
  if (!found) return { error: `The scenario file ${file} is no longer part of the app.` };
  const result = validateScenario(found.text, file);
  return result.scenario ? { scenario: result.scenario, file } : { error: `The scenario file ${file} now has errors.` };
}
