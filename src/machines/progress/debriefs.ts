import { createActor } from 'xstate';
import { compileScenario } from '../compile.js';
import type { PlayableScenario } from '../playable.js';
import type { Debrief } from '../scoring.js';
import type { SessionMode, Turn } from '../types.js';
import { actorOptions, restoreSession, saveSession } from '../session.js';
import { cleanLine } from '../text/clean.js';
import { quoteValue } from '../text/quote.js';
import { debriefKey, DEBRIEFS_PREFIX, newerSaveAt, newerSaveFormat, newerSaveNotice, type SlotOf } from './slots.js';
import { asideWords, setAsideInOne, type AsideReason, type Store } from './store.js';
import { exportedDebriefOf, type ExportedDebrief } from './exported.js';

/**
 * The last debrief of each scenario is kept next to the completion records, so a volunteer who
 * left the debrief (or lost the window) can open it again from the library. What is kept is the
 * finished session itself (its replies), not the debrief: on reading it is replayed through the
 * scenario like a save, so an edited file can never show a score the replies did not earn.
 */
export function keepDebrief(store: Store, playable: Pick<PlayableScenario, 'scenario' | 'file' | 'bundled' | 'from' | 'set' | 'preview'>, finishedSnapshot: unknown, now = new Date()): string {
  const key = debriefKey(playable);
  // Never over a newer version's kept debrief (newerSaveFormat): it stays as it is.
  if (newerSaveAt(store, key) === undefined) store.write(key, `${JSON.stringify(saveSession(playable.scenario, finishedSnapshot, now), null, 2)}\n`);
  return key;
}

/**
 * Notes beside the kept debrief of a scenario the export a UI wrote of it (e: its two files and
 * digests), so that the debrief opened again from the library can say where that export is instead
 * of writing a second pair of files for the same playthrough. Only into a kept debrief of this
 * version's format (never one a newer version kept, nor a damaged one); whether it was noted. The
 * playthrough kept next replaces the whole file, and its export with it. Read back, the export is
 * untrusted (readKeptDebrief checks its shape; the UI that names it checks its files are still this
 * debrief's as written).
 */
export function keepDebriefExport(store: Store, playable: Pick<PlayableScenario, 'scenario' | 'file' | 'bundled' | 'from' | 'set' | 'preview'>, exported: ExportedDebrief): boolean {
  const key = debriefKey(playable);
  if (newerSaveAt(store, key) !== undefined) return false;
  let kept: unknown;
  try {
    const text = store.read(key);
    if (text === undefined) return false;
    kept = JSON.parse(text);
  } catch {
    return false;
  }
  if (typeof kept !== 'object' || kept === null || Array.isArray(kept) || (kept as { format?: unknown }).format !== 'casa-practice-session' || (kept as { scenarioId?: unknown }).scenarioId !== playable.scenario.id) return false;
  const noted = exportedDebriefOf(exported, playable.scenario.id);
  if (noted === undefined) return false;
  store.write(key, `${JSON.stringify({ ...kept, exported: noted }, null, 2)}\n`);
  return true;
}

/** Whether a scenario has a kept debrief (no XState: for a picker's first frame). */
export function hasKeptDebrief(store: Store, playable: SlotOf): boolean {
  const key = debriefKey(playable);
  return store.list(DEBRIEFS_PREFIX).some((k) => k.key === key);
}

/**
 * A kept debrief read back, or why it cannot be shown (in one clean line). `played` is the finished
 * playthrough's mode, seed and replies, for a what-if replay from one of its decisions (whatIfFrom).
 * `movedTo`: where a kept debrief that cannot be shown was set aside (see readKeptDebrief).
 * `exported`: the export noted beside it (keepDebriefExport), shaped as one (its files unchecked).
 * `damaged`: its text is damaged (not valid JSON, or its parts malformed), what is wrong with it in
 * the core's words (said in `error` too), for a UI to say in words of its own.
 */
export type KeptDebrief = { ok: true; debrief: Debrief; mode: SessionMode; savedAt?: string; played: { mode: SessionMode; seed?: number; transcript: readonly Turn[] }; exported?: ExportedDebrief } | { ok: false; error: string; movedTo?: string; damaged?: string; newer?: number };

/**
 * Reads the last debrief kept for a scenario (the scenario as it is now must still fit it). One that
 * cannot be shown (damaged, of another version of the scenario, unfinished) is set aside as a
 * damaged or outdated save is, never deleted: the library then stops offering it, and `movedTo`
 * says where it went. One that could not be read at all stays where it is.
 */
export function readKeptDebrief(store: Store, playable: Pick<PlayableScenario, 'scenario' | 'file' | 'bundled' | 'from' | 'set' | 'preview'>, now = new Date()): KeptDebrief | undefined {
  const key = debriefKey(playable);
  let text: string | undefined;
  try {
    text = store.read(key);
  } catch (e) {
    return { ok: false, error: `The last debrief could not be read (${cleanLine((e as Error).message)}).` };
  }
  if (text === undefined) return undefined;
  // Kept by a newer version of casa-practice: left where it is, said as what it is.
  const newer = newerSaveFormat(text);
  if (newer !== undefined) return { ok: false, error: newerSaveNotice(newer, 'last debrief kept', 'Update casa-practice to see it.'), newer };
  // `damaged`: what is wrong with a damaged one, in the core's words (in `error` too), for a UI to say in its own.
  const refuse = (error: string, why: AsideReason = 'damaged', damaged?: string): KeptDebrief => ({ ok: false, error, movedTo: store.moveAside(key, now, why), ...(damaged !== undefined ? { damaged: cleanLine(damaged) } : {}) });
  let saved: unknown;
  try {
    saved = JSON.parse(text);
  } catch {
    return refuse('The last debrief kept is damaged (it is not valid JSON).', 'damaged', 'it is not valid JSON');
  }
  // Another scenario's playthrough under this one's name (storage edited by hand): said of the
  // debrief, not in restoreSession's words of a save ("This save belongs to the scenario …").
  const { format, scenarioId: owner } = (saved ?? {}) as { format?: unknown; scenarioId?: unknown };
  if (format === 'casa-practice-session' && typeof owner === 'string' && owner !== playable.scenario.id) return refuse(`The last debrief kept is of another scenario, ${quoteValue(owner)}, not of "${cleanLine(playable.scenario.id)}", so it cannot be shown.`);
  const machine = compileScenario(playable.scenario);
  const restored = restoreSession(playable.scenario, saved, machine);
  if (!restored.ok) {
    // In the debrief's own words: it is not "saved progress", and nothing carries on from it.
    if (restored.damaged !== undefined) return refuse(`The last debrief kept is damaged (${cleanLine(restored.damaged)}).`, 'damaged', restored.damaged);
    // Changed under the same version: said as that, with what changed (it was "of another version").
    if (restored.outdated && restored.changed !== undefined) return refuse(`The last debrief kept was of the scenario "${cleanLine(playable.scenario.id)}" before it was changed (${cleanLine(restored.changed)}), and the scenario still says version ${playable.scenario.version}, so it cannot be shown.`, 'outdated');
    if (restored.outdated) return refuse(`The last debrief kept was of another version of the scenario "${cleanLine(playable.scenario.id)}" (it is now version ${playable.scenario.version}), and the story may have changed since, so it cannot be shown.`, 'outdated');
    return refuse(`The last debrief cannot be shown: ${cleanLine(restored.error)}`);
  }
  const actor = createActor(machine, actorOptions(playable.scenario, { mode: restored.mode, snapshot: restored.snapshot }));
  actor.start();
  const snapshot = actor.getSnapshot();
  actor.stop();
  if (snapshot.status !== 'done' || snapshot.output === undefined) return refuse('The last debrief kept is of a playthrough that did not finish.');
  const savedAt = (saved as { savedAt?: unknown }).savedAt;
  const { seed, transcript } = snapshot.context;
  const played = { mode: restored.mode, transcript, ...(seed === undefined ? {} : { seed }) };
  // The export noted beside it (keepDebriefExport), where it has the shape of one; a kept debrief
  // without one (written before exports were noted, or never exported) reads as before.
  const exported = exportedDebriefOf((saved as { exported?: unknown }).exported, playable.scenario.id);
  return { ok: true, debrief: snapshot.output as Debrief, mode: restored.mode, played, ...(typeof savedAt === 'string' && !Number.isNaN(Date.parse(savedAt)) ? { savedAt: new Date(savedAt).toISOString() } : {}), ...(exported !== undefined ? { exported } : {}) };
}

/**
 * The one line shown when a kept debrief cannot be shown: why, and where it was set aside. `keptAt`
 * words the place for the UI (the terminal names the file; the web app, which cannot point into a
 * browser's storage, says a copy is kept there).
 */
export function keptDebriefFailure(kept: { error: string; movedTo?: string }, keptAt: (movedTo: string) => string = (to) => asideWords('It', to)): string {
  return kept.movedTo === undefined ? cleanLine(kept.error) : `${cleanLine(kept.error)} ${keptAt(kept.movedTo)}.`;
}

/**
 * keptDebriefFailure as the terminal's picker says it, in one notice as a save or records set aside
 * are there (setAsideInOne; in lines, the picker showed the sentence, the path and what to do as
 * three notices): why, where it was set aside, "choose a scenario", then what to do. A debrief left
 * where it was is tried again when it is asked for again (the picker still offers it).
 */
export function keptDebriefFailureInOne(kept: { error: string; movedTo?: string }): string {
  return kept.movedTo === undefined ? cleanLine(kept.error) : setAsideInOne(`${cleanLine(kept.error)} ${asideWords('It', kept.movedTo)}; choose a scenario.`, kept.movedTo, 'the next time you ask to see it');
}
