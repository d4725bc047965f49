import { validateScenario, type PlayableScenario, type ScenarioRef } from '../machines/index.js';
import type { ScenarioText } from './scenarios.js';

/**
 * Each bundled text's result, worked out once per file and text: the page that reads a save has
 * just validated the same text to open the scenario (scenarios.ts loadScenario), and validated it
 * again here at every save, kept session or reload it read.
 */
const validated = new Map<string, PlayableScenario | { error: string }>();

/**
 * The core's ScenarioLoader for saves of bundled scenarios: a save names the scenario's id (older
 * saves its file, "youth-discloses.json"), found again among the bundled texts and validated. A
 * trainer's previewed file is not kept by the browser, so its save cannot be resumed.
 */
export function validateBundled(texts: readonly ScenarioText[], ref: ScenarioRef | string): PlayableScenario | { error: string } {
  const file = typeof ref === 'string' ? ref : ref.source === 'bundled' ? `${ref.id}.json` : ref.file;
  const found = texts.find((t) => t.file === file);
  if (!found) return { error: `The scenario file ${file} is no longer part of the app.` };
  const key = `${file}\u0000${found.text}`;
  let loaded = validated.get(key);
  if (!loaded) {
    const result = validateScenario(found.text, file);
    loaded = result.scenario ? { scenario: result.scenario, file, bundled: true } : { error: `The scenario file ${file} now has errors.` };
    validated.set(key, loaded);
  }
  return loaded;
}
