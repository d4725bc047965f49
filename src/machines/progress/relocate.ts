import { startingAt, type PlayableScenario } from '../playable.js';
import type { Scenario } from '../schema/scenario.js';
import { restoreSession } from '../session.js';
import { cleanLine } from '../text/clean.js';
import { quoteValue } from '../text/quote.js';
import { parseSlot, savedActiveMs, savedVersion, scenarioRef, type MissingFile, type ResumeResult, type SaveSlot } from './saves.js';
import { repliesMadeWords, saveKey, saveSummary } from './slots.js';
import type { Store } from './store.js';

// A save of a trainer's file that moved (renamed, its folder moved, a USB stick mounted elsewhere):
// the UI asks where the file is now, and the core decides whether what it found is the save's
// scenario, and re-points the save at it. Nothing here deletes or overwrites a save that is not
// resumed.

/** How a scenario found somewhere relates to a save: the same scenario and version, another version, or another scenario. */
export type SaveFit = 'fits' | 'other-version' | 'other-scenario';

/** Whether a scenario (by id and version) is the one a save was made with. */
export function fitToSave(saved: Pick<MissingFile, 'id' | 'version'>, found: { id: string; version: number }): SaveFit {
  if (found.id !== saved.id) return 'other-scenario';
  return found.version === saved.version ? 'fits' : 'other-version';
}

/** What a file says it is, read without validating it (for listing a folder): its id, version and title, when it names them. */
export interface ScenarioPeek {
  id: string;
  version?: number;
  /** Clean, one line. */
  title?: string;
}

/** The id, version and title a scenario file's text names; undefined when it is not JSON naming an id. */
export function peekScenario(text: string): ScenarioPeek | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const { id, version, title } = raw as Record<string, unknown>;
  if (typeof id !== 'string') return undefined;
  return { id, ...(typeof version === 'number' && Number.isSafeInteger(version) ? { version } : {}), ...(typeof title === 'string' ? { title: cleanLine(title) } : {}) };
}

/** A path or name as it may be echoed: quoted, escapes shown, cut short. */
const shown = (text: string): string => quoteValue(text, 160);

/** Words for a scenario found that is not the save's: what it is and what the save needs, one line. */
export function fitWords(saved: Pick<MissingFile, 'id' | 'version'>, found: { id: string; version?: number; title?: string }, file: string): string {
  const fit = found.version === undefined ? (found.id === saved.id ? 'other-version' : 'other-scenario') : fitToSave(saved, { id: found.id, version: found.version });
  if (fit === 'other-scenario') {
    const what = found.title ? `${shown(found.title)} (id ${shown(found.id)})` : `the scenario ${shown(found.id)}`;
    return `${shown(file)} is ${what}, not the scenario of this save (${shown(saved.id)}).`;
  }
  if (fit === 'other-version') {
    return `The save is for version ${saved.version} of ${shown(saved.id)}; the file ${shown(file)} is ${found.version === undefined ? 'of no version' : `version ${found.version}`}, so the save cannot continue in it (the story may have changed).`;
  }
  return `${shown(file)} is version ${saved.version} of ${shown(saved.id)}.`;
}

/** Why a scenario found for a save was not used; `error` is one clean line. */
export type RelocateRefusal = {
  kind: 'refused';
  /** other-scenario / other-version: not the save's; does-not-fit: same id and version but the replies do not replay in it; taken: that file has a save of its own; gone: the save itself cannot be read now. */
  reason: SaveFit | 'does-not-fit' | 'taken' | 'gone';
  error: string;
};

/** A save resumed from its file's new place, or why not. */
export type RelocateResult = Extract<ResumeResult, { kind: 'ok' }> | RelocateRefusal;

/**
 * Resumes the save under `key` from its scenario found at a new place, and re-points the save at
 * it: the same scenario id and version, its replies replayed through the file as restoreSession
 * checks them, and no save of that file already in the slot it moves to. Anything else is refused
 * with one clean line, and the store is left exactly as it was (the save is never moved aside,
 * replaced or removed by a refusal). `found` is the scenario as validated from the file, before
 * any --from or --set (the save's own start is applied here).
 */
export function relocateSave(store: Store, key: string, found: Pick<PlayableScenario, 'file' | 'bundled'> & { scenario: Scenario }): RelocateResult {
  const refuse = (reason: RelocateRefusal['reason'], error: string): RelocateRefusal => ({ kind: 'refused', reason, error: cleanLine(error) });
  let text: string | undefined;
  try {
    text = store.read(key);
  } catch (e) {
    return refuse('gone', `The save could not be read (${cleanLine((e as Error).message)}); it was left where it is.`);
  }
  if (text === undefined) return refuse('gone', 'The save is no longer there.');
  const parsed = parseSlot(text);
  if (!parsed.ok) return refuse('gone', `${parsed.error} It was left where it is.`);
  const { slot, ref, set } = parsed;
  const version = savedVersion(slot);
  if (ref.source !== 'file' || version === undefined) return refuse('gone', 'This save does not name a scenario file to look for.');
  const saved = { id: ref.id, version };
  const fit = fitToSave(saved, found.scenario);
  if (fit !== 'fits') return refuse(fit, fitWords(saved, found.scenario, found.file));
  const start = startingAt(found.scenario, slot.from, set);
  if (!start.ok) return refuse('does-not-fit', `${shown(found.file)} is version ${version} of ${shown(ref.id)}, but the save does not fit it: ${start.error}.`);
  const playable: PlayableScenario = {
    scenario: start.scenario, file: found.file,
    ...(found.bundled === true ? { bundled: true } : {}),
    ...(slot.from !== undefined ? { from: slot.from } : {}),
    ...(set !== undefined ? { set } : {}),
    ...(slot.preview === true ? { preview: true as const } : {}),
  };
  const restored = restoreSession(playable.scenario, slot.session);
  if (!restored.ok) return refuse('does-not-fit', `${shown(found.file)} is version ${version} of ${shown(ref.id)}, but the save does not fit it: ${restored.error}`);
  const own = saveKey(playable);
  if (own !== key) {
    let there: string | undefined;
    try {
      there = store.read(own);
    } catch {
      there = '';
    }
    if (there !== undefined) {
      const other = saveSummary(store, own);
      return refuse('taken', `${shown(found.file)} already has a save of its own${other ? ` (${repliesMadeWords(other)})` : ''}; open that file to continue it. This save was left where it is.`);
    }
  }
  // The save as it was, naming the file where it is now. Written to its new slot before the old
  // one is removed: a failure in between leaves a copy, never nothing.
  const { scenarioFile: _older, ...rest } = slot;
  const moved: Partial<SaveSlot> = { ...rest, scenario: scenarioRef(playable) };
  const movedText = `${JSON.stringify(moved, null, 2)}\n`;
  store.write(own, movedText);
  if (own !== key) store.remove(key);
  const startedAt = typeof slot.startedAt === 'string' ? cleanLine(slot.startedAt).slice(0, 40) : undefined;
  // The practice time the save stands for goes with it, as readSave gives it.
  const activeMs = savedActiveMs(slot);
  return { kind: 'ok', key: own, playable, snapshot: restored.snapshot, mode: restored.mode, ...(startedAt ? { startedAt } : {}), ...(activeMs !== undefined ? { activeMs } : {}), hold: { key: own, text: movedText } };
}

/** The words a UI shows when a save's file is missing, before asking where it is now. */
export function missingFileWords(missing: Pick<MissingFile, 'file'>): string {
  return `The file ${shown(missing.file)} has moved.`;
}
