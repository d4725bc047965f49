import { validateScenario, type PlayableScenario, type ScenarioRef } from '../machines/index.js';
import { bundledVerdict, type ScenarioText } from './scenarios.js';

/**
 * The core's ScenarioLoader for saves of bundled scenarios: a save names the scenario's id (older
 * saves its file, "youth-discloses.json"), found again among the bundled texts and validated. A
 * trainer's previewed file is not kept by the browser, so its save cannot be resumed. The text is
 * validated once (bundledVerdict): the page reading the save has just validated it to open the scenario.
 */
export function validateBundled(texts: readonly ScenarioText[], ref: ScenarioRef | string): PlayableScenario | { error: string } {
  const file = typeof ref === 'string' ? ref : ref.source === 'bundled' ? `${ref.id}.json` : ref.file;
  const found = texts.find((t) => t.file === file);
  if (!found) return { error: `The scenario file ${file} is no longer part of the app.` };
  const result = bundledVerdict(file, found.text, validateScenario);
  return result.scenario ? { scenario: result.scenario, file, bundled: true } : { error: `The scenario file ${file} now has errors.` };
}
