import { facilitationStanding, quoteValue, saveKey, saveStanding, validateScenario, type PlayableScenario, type ScenarioLoader, type ScenarioRef, type Store } from '../machines/index.js';
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

/**
 * The bundled scenarios among `ids` whose save opening it would not continue, and why, found as
 * opening it finds it (the core's saveStanding, replaying it and moving nothing): 'outdated' (made
 * with another version of the scenario, or before it was changed under the same one) or 'damaged'.
 * For the first page, which offered "Continue where you stopped" for each, the click then saying it
 * could not; it loads this module (and the core with it) only once a save waits. A scenario whose
 * file now has errors is left out: its page says so, and leaves its save where it is.
 */
export function unusableSaves(store: Store, texts: readonly ScenarioText[], ids: readonly string[]): Map<string, 'outdated' | 'damaged'> {
  return unusableOf(ids, (id) => saveStanding(store, keeping(texts, id), saveKey({ scenario: { id } })));
}

/**
 * The same for presenter mode's list (unusableSaves'): the bundled scenarios among `ids` whose kept
 * presenter session opening it would set aside, and why (the core's facilitationStanding), where it
 * offered "Resume the presenter session" and the click then started a new one.
 */
export function unusableSessions(store: Store, texts: readonly ScenarioText[], ids: readonly string[]): Map<string, 'outdated' | 'damaged'> {
  return unusableOf(ids, (id) => facilitationStanding(store, keeping(texts, id), { scenario: { id }, bundled: true }));
}

/** Each of `ids` whose standing says opening it would set it aside, and why. */
function unusableOf(ids: readonly string[], standing: (id: string) => ReturnType<typeof saveStanding>): Map<string, 'outdated' | 'damaged'> {
  const found = new Map<string, 'outdated' | 'damaged'>();
  for (const id of ids) {
    const why = standing(id);
    if (why === 'outdated' || why === 'damaged') found.set(id, why);
  }
  return found;
}

/** loaderFor's, leaving where it is what belongs to `id` when its file now has errors (its page says so). */
function keeping(texts: readonly ScenarioText[], id: string): ScenarioLoader {
  const load = loaderFor(texts, id);
  return (ref) => {
    const loaded = load(ref);
    return 'error' in loaded && ref.id === id ? { ...loaded, keep: true } : loaded;
  };
}
