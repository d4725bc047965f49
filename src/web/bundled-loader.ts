import { quoteValue, validateScenario, type PlayableScenario, type ScenarioRef } from '../machines/index.js';
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

/**
 * The loader for what a page keeps of the bundled scenario `id` (its save, its presenter session):
 * validateBundled, for a save that names this scenario only. One kept under this scenario's key that
 * names another (a key renamed by hand in the browser's storage) is refused, and so set aside as
 * damaged, as the terminal's readSaveFor refuses it: loaded by what it names, it played the other
 * scenario at this one's address (#/play/youth-discloses showed red-flags), and was moved into the
 * other scenario's slot, putting that scenario's own progress aside as a replaced copy.
 */
export function loaderFor(texts: readonly ScenarioText[], id: string): (ref: ScenarioRef) => PlayableScenario | { error: string } {
  return (ref) => ref.id === id ? validateBundled(texts, ref) : { error: `It belongs to the scenario ${quoteValue(ref.id, 60)}, not "${id}".` };
}
