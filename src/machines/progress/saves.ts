import { restoreSession, saveSession, type PersistedScenarioSnapshot, type SavedSession } from '../session.js';
import type { PlayableScenario } from '../playable.js';
import { cleanLine } from '../text/clean.js';
import { quoteValue } from '../text/quote.js';
import type { SessionMode } from '../types.js';
import { latestSaveKey, mayReplaceSave, newerSaveAt, newerSaveFormat, newerSaveNotice, NEWER_SAVE_NOT_KEPT, repliesMadeWords, saveKey, saveSummary, type RunOrigin, type SaveSummary } from './slots.js';
import { exclusively, type AsideReason, type Store } from './store.js';

/** Where a save finds its scenario again: a bundled one by id (the version is checked on restore), a trainer's file by path. */
export type ScenarioRef =
  | { source: 'bundled'; id: string }
  /** `legacy`: read from a save made before bundled scenarios were saved by id (its path may be a bundled one's). */
  | { source: 'file'; file: string; id: string; legacy?: boolean };

/**
 * A session in progress as kept in the store: the core's saved session (scenario id and version,
 * the persisted snapshot, when it was saved), when the playthrough started, and where the UI finds
 * the scenario again.
 */
export interface SaveSlot {
  format: 'casa-practice-terminal-save';
  formatVersion: 1;
  /** Where the scenario is found again. No absolute path is kept for a bundled scenario. */
  scenario?: ScenarioRef;
  /** Older saves: the scenario's file path, bundled or not (read, never written). */
  scenarioFile?: string;
  /** The node a `--from` playthrough started at. */
  from?: string;
  /** The starting values a `--set` playthrough was given, as typed. */
  set?: Record<string, string>;
  /** A `--preview` playthrough (PlayableScenario.preview): not recorded when finished. */
  preview?: true;
  /** ISO time the playthrough started. */
  startedAt?: string;
  /**
   * Milliseconds of practice in the playthrough up to this save, when the UI measured it: breaks
   * and the time between sittings (the page or program closed) left out. A resumed playthrough
   * counts on from it, not from `startedAt`, so a day away does not count as practice.
   */
  activeMs?: number;
  session: SavedSession;
}

/** The most practice time a save may claim (a day): anything beyond is not a measurement. */
const MAX_ACTIVE_MS = 24 * 60 * 60_000;

/** A measured practice time fit to keep: a whole number of milliseconds from 0 to a day, else undefined. */
function activeTime(ms: unknown): number | undefined {
  return typeof ms === 'number' && Number.isFinite(ms) && ms >= 0 ? Math.min(MAX_ACTIVE_MS, Math.round(ms)) : undefined;
}

/**
 * The practice time a save stands for: the time it measured (`activeMs`) or, for a save made
 * before that was kept, the time from its start to the save (the last step taken), never the time
 * since, which would count the days it waited. Undefined when neither is known.
 */
export function savedActiveMs(slot: Partial<Pick<SaveSlot, 'startedAt' | 'activeMs' | 'session'>>): number | undefined {
  const measured = activeTime(slot.activeMs);
  if (measured !== undefined) return measured;
  const start = typeof slot.startedAt === 'string' ? Date.parse(slot.startedAt) : NaN;
  const savedAt: unknown = (slot.session as { savedAt?: unknown } | undefined)?.savedAt;
  const end = typeof savedAt === 'string' ? Date.parse(savedAt) : NaN;
  return Number.isFinite(start) && Number.isFinite(end) && end >= start ? activeTime(end - start) : undefined;
}

/** The reference a save keeps to its scenario. */
export function scenarioRef(playable: Pick<PlayableScenario, 'scenario' | 'file' | 'bundled'>): ScenarioRef {
  return playable.bundled === true ? { source: 'bundled', id: playable.scenario.id } : { source: 'file', file: playable.file, id: playable.scenario.id };
}

/**
 * Saves a session in progress; returns its key. `activeMs`: the practice time so far, when the UI
 * measures it (see SaveSlot.activeMs).
 */
export function writeSave(store: Store, playable: PlayableScenario, persistedSnapshot: unknown, startedAt?: string, now = new Date(), activeMs?: number): string {
  const active = activeTime(activeMs);
  const slot: SaveSlot = {
    format: 'casa-practice-terminal-save',
    formatVersion: 1,
    scenario: scenarioRef(playable),
    ...(playable.from !== undefined ? { from: playable.from } : {}),
    ...(playable.set !== undefined ? { set: { ...playable.set } } : {}),
    ...(playable.preview === true ? { preview: true as const } : {}),
    ...(startedAt !== undefined ? { startedAt } : {}),
    ...(active !== undefined ? { activeMs: active } : {}),
    session: saveSession(playable.scenario, persistedSnapshot, now),
  };
  const key = saveKey(playable);
  // Never over a newer version's save (newerSaveFormat): keepProgress says so.
  if (newerSaveAt(store, key) === undefined) store.write(key, `${JSON.stringify(slot, null, 2)}\n`);
  return key;
}

/** Replies made in a persisted snapshot (0 when it has no transcript). */
export function repliesMade(persistedSnapshot: unknown): number {
  const context = typeof persistedSnapshot === 'object' && persistedSnapshot !== null ? (persistedSnapshot as { context?: { transcript?: unknown } }).context : undefined;
  return Array.isArray(context?.transcript) ? context.transcript.length : 0;
}

/**
 * A run's hold on the save it continues: the save's key, and its text as this run last read or
 * wrote it (undefined: there was none). A scenario has one save, shared by every window that opens
 * it (terminals on one state folder, a browser's tabs). When two windows continue the same save and
 * both go on, each counts the practice time the save already held (each finish records it), and
 * each save undoes the other's. So every UI keeps to one rule: before it saves or records, a run
 * finds its slot as it left it; when it does not (another window saved over it, or finished the
 * scenario and removed it), that window went on with it and this run fell behind: it saves and
 * records nothing more, and says so. It under-counts (the stopped run's own time is not kept)
 * rather than count the same minutes twice. The web app's tabs keep a finer rule (whileHoldingTime):
 * a change of the save's time alone (a tab that only looked) is not going on with it.
 */
export interface SaveHold {
  readonly key: string;
  text: string | undefined;
}

/** A save's text, or undefined when there is none or it cannot be read. */
function readQuietly(store: Store, key: string): string | undefined {
  try {
    return store.read(key);
  } catch {
    return undefined;
  }
}

/** A hold on the save under `key` as it is now (see SaveHold). */
export function holdSave(store: Store, key: string): SaveHold {
  return { key, text: readQuietly(store, key) };
}

/** Whether another window went on with the save since this run last read or wrote it (see SaveHold). */
export function fellBehind(store: Store, hold: SaveHold): boolean {
  return readQuietly(store, hold.key) !== hold.text;
}

/**
 * Runs `step` (this run saving or finishing) only while the run still holds its save, under the
 * save's lock so that two processes checking at the same moment cannot both go on; the hold then
 * follows what `step` left in the slot.
 */
export function whileHolding<T>(store: Store, hold: SaveHold, step: () => T): { behind: true } | { behind: false; value: T } {
  return exclusively(store, hold.key, () => {
    if (fellBehind(store, hold)) return { behind: true as const };
    const value = step();
    hold.text = readQuietly(store, hold.key);
    return { behind: false as const, value };
  });
}

/** JSON with its object keys in order, so that two writers' texts of one value compare equal. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) => (typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v));
}

/** A save's text read as an object, or undefined. */
function slotOf(text: string | undefined): Partial<SaveSlot> | undefined {
  if (text === undefined) return undefined;
  try {
    const slot = JSON.parse(text) as unknown;
    return typeof slot === 'object' && slot !== null && !Array.isArray(slot) && (slot as Partial<SaveSlot>).format === 'casa-practice-terminal-save' ? (slot as Partial<SaveSlot>) : undefined;
  } catch {
    return undefined;
  }
}

/** A save without its practice time and the moment it was written: the playthrough it holds. */
function playthroughOf(slot: Partial<SaveSlot>): string {
  const { activeMs: _time, session, ...rest } = slot;
  const { savedAt: _at, ...kept } = (typeof session === 'object' && session !== null ? session : {}) as Partial<SavedSession>;
  return canonical({ ...rest, session: kept });
}

/**
 * Whether two saves' texts hold the same playthrough at the same point (scenario and its version,
 * start, mode, replies, where it stands), differing at most in their practice time and when they
 * were written: what a tab that only looked (and saved its reading time when hidden or closed)
 * leaves behind. Damaged or absent texts are never the same.
 */
export function sameButTime(a: string | undefined, b: string | undefined): boolean {
  const x = slotOf(a);
  const y = slotOf(b);
  return x !== undefined && y !== undefined && playthroughOf(x) === playthroughOf(y);
}

/** Whether `later` holds the same playthrough as `earlier` (same scenario, version and start), perhaps gone on further. */
function samePlaythrough(earlier: Partial<SaveSlot>, later: Partial<SaveSlot>): boolean {
  const at = (s: Partial<SaveSlot>) => canonical([s.scenario, s.scenarioFile, s.from, s.set, s.preview, s.startedAt, s.session?.scenarioId, s.session?.scenarioVersion]);
  return at(earlier) === at(later);
}

/**
 * The practice time of two windows that went on from one save (`held`, the text both last had),
 * each counting its own time on from the time it holds: `mine` and `theirs` are each window's
 * total. A window's clock stops while its page is hidden, so two tabs of one window never count
 * the same minute: their times since the save add up (taking the larger would drop the minutes of
 * the other). Two windows side by side can both be counting at once, so the sum is held to the
 * wall-clock time since that save was written: no minute is counted twice beyond what elapsed.
 */
export function joinedActiveMs(held: string, mine: number, theirs: number, now: Date): number {
  const slot = slotOf(held);
  const base = slot ? (savedActiveMs(slot) ?? 0) : 0;
  const since = Math.max(0, mine - base) + Math.max(0, theirs - base);
  const savedAt = Date.parse(String(slot?.session?.savedAt));
  const wall = Number.isFinite(savedAt) ? Math.max(0, now.getTime() - savedAt) : Infinity;
  return activeTime(base + Math.min(since, wall)) ?? base;
}

/**
 * What whileHoldingTime did. `behind: false`: the step ran with `activeMs`, the practice time to
 * save (this run's, or joined with another window's that only added time). `behind: true`: another
 * window went on with the save (or finished it), so this run stops; `joined`: this run had only
 * added time since, and that time was added to the other window's save (its replies kept).
 */
export type HeldStep<T> = { behind: false; value: T; activeMs: number } | { behind: true; joined: boolean };

/**
 * whileHolding for a run that counts practice time (`mine`: its total now). One save is shared by
 * a scenario's tabs, and a tab saves its time when hidden or closed, so a tab opened only to look
 * changes the save without going on with it. When the save changed since this run held it only in
 * its time, the run goes on, and the step saves the two windows' time joined (joinedActiveMs).
 * When another window went on (new replies, a new start, finished) the run is behind as before;
 * if this run had made no step of its own since (`progressed` false), its time is added to that
 * window's save first, so neither save loses the other's minutes nor its replies.
 */
export function whileHoldingTime<T>(store: Store, hold: SaveHold, mine: { activeMs: number; progressed: boolean }, now: Date, step: (activeMs: number) => T): HeldStep<T> {
  return exclusively(store, hold.key, (): HeldStep<T> => {
    const there = readQuietly(store, hold.key);
    const held = hold.text;
    let activeMs = mine.activeMs;
    if (there !== held) {
      const theirs = slotOf(there);
      const before = slotOf(held);
      if (held === undefined || theirs === undefined || before === undefined || newerSaveFormat(there ?? '') !== undefined) return { behind: true, joined: false };
      const theirMs = savedActiveMs(theirs) ?? 0;
      if (!sameButTime(held, there)) {
        if (mine.progressed || !samePlaythrough(before, theirs)) return { behind: true, joined: false };
        const joined = joinedActiveMs(held, mine.activeMs, theirMs, now);
        if (joined > theirMs) store.write(hold.key, `${JSON.stringify({ ...theirs, activeMs: joined }, null, 2)}\n`);
        hold.text = readQuietly(store, hold.key);
        return { behind: true, joined: joined > theirMs };
      }
      activeMs = joinedActiveMs(held, mine.activeMs, theirMs, now);
    }
    const value = step(activeMs);
    hold.text = readQuietly(store, hold.key);
    return { behind: false, value, activeMs };
  });
}

/**
 * Whether a run's session (`persistedSnapshot`) has moved since the save it holds: a step taken
 * (a reply, a Continue, an undo), not only time counted. A run with no save held has moved.
 */
export function movedSinceHold(hold: SaveHold, persistedSnapshot: unknown): boolean {
  const slot = slotOf(hold.text);
  return slot === undefined || canonical(slot.session?.snapshot) !== canonical(JSON.parse(JSON.stringify(persistedSnapshot)) as unknown);
}

/**
 * The terminal's line (it fits 60 columns) when a run that fell behind (see SaveHold) is saved: its
 * save was not written, and the window that went on holds the playthrough.
 */
export const FELL_BEHIND_SAVE = 'Not saved: you went on in another window; go on there.';

/** The same when it finishes: it was not added to the records (the other window's run counts the earlier time). */
export const FELL_BEHIND_FINISH = 'Not recorded: you went on in another window; go on there.';

/**
 * What keepProgress did: saved the run, or kept the save that was there (and why, for the
 * volunteer), or left it because another window went on with it (`behind`: see SaveHold).
 */
export type KeepResult = { saved: true; key: string } | { saved: false; key: string; existing: SaveSummary; reason: string } | { saved: false; key: string; behind: true; reason: string } | { saved: false; key: string; newer: number; reason: string };

/**
 * How keepProgress saves a run. `undone`: the run made replies and has undone them all (the
 * snapshot keeps no trace of that), so a save kept instead is not said to be kept because no reply
 * was made.
 */
export interface KeepOptions { origin: RunOrigin; startedAt?: string; now?: Date; activeMs?: number; hold?: SaveHold; undone?: boolean }

/**
 * Saves a run in progress unless that would lose a better save: the policy of mayReplaceSave. Every
 * UI saves through this, so opening a scenario never silently overwrites its save. `hold`: the save
 * a continued run holds (see SaveHold); when another window went on with it, nothing is written.
 */
export function keepProgress(store: Store, playable: PlayableScenario, persistedSnapshot: unknown, opts: KeepOptions): KeepResult {
  const { hold } = opts;
  if (!hold) return keepUnheld(store, playable, persistedSnapshot, opts);
  const held = whileHolding(store, hold, () => keepUnheld(store, playable, persistedSnapshot, opts));
  return held.behind ? { saved: false, key: hold.key, behind: true, reason: FELL_BEHIND_SAVE } : held.value;
}

/**
 * The save in a run's slot that keepProgress would keep rather than save this run (`replies` made)
 * over (see mayReplaceSave): a run that started over and has made no reply yet, or one that got no further.
 * Undefined when saving now writes the run. A UI asks it before promising a save ("Save your
 * progress and quit?" was asked where quitting saved nothing new and the earlier save stayed).
 */
export function saveKeptInstead(store: Store, playable: Pick<PlayableScenario, 'scenario' | 'file' | 'bundled' | 'from' | 'set' | 'preview'>, replies: number, origin: RunOrigin): SaveSummary | undefined {
  if (origin === 'continued') return undefined;
  const existing = saveSummary(store, saveKey(playable));
  return existing && !mayReplaceSave(existing, origin, replies) ? existing : undefined;
}

function keepUnheld(store: Store, playable: PlayableScenario, persistedSnapshot: unknown, opts: KeepOptions): KeepResult {
  const key = saveKey(playable);
  // A newer version's save holds the slot: left as it is, and this run not saved (newerSaveFormat).
  const newer = newerSaveAt(store, key);
  if (newer !== undefined) return { saved: false, key, newer, reason: NEWER_SAVE_NOT_KEPT };
  const existing = saveKeptInstead(store, playable, repliesMade(persistedSnapshot), opts.origin);
  if (existing) {
    const reason = opts.origin === 'started-over'
      ? `Your earlier save (${repliesMadeWords(existing)}) was kept: you started over but ${opts.undone === true ? 'undid every reply you made' : 'made no reply yet'}.`
      : `Your earlier save (${repliesMadeWords(existing)}) was kept: this run did not get further.`;
    return { saved: false, key, existing, reason };
  }
  return { saved: true, key: writeSave(store, playable, persistedSnapshot, opts.startedAt, opts.now, opts.activeMs) };
}

/** How a UI finds a save's scenario again: the scenario, or why it cannot be played. */
/**
 * `keep`: the save itself is sound but its scenario cannot be found now (a trainer's file that
 * moved): it is left where it is, so opening the file from its new place can continue it.
 * `present`: with `keep`, the file is where the save names it but cannot be played now (its author
 * is editing it and it has errors): the save waits for the file to be fixed, and no other place of
 * it is asked for.
 */
/**
 * Finds a save's scenario. `aside`: why the save is set aside when the scenario cannot be had:
 * "outdated" for a sound save of a scenario this version of the app does not have (not bundled
 * any more), which "damaged" would send a volunteer looking for a fault in; "damaged" by default.
 */
export type ScenarioLoader = (ref: ScenarioRef, from: string | undefined, set?: Readonly<Record<string, string>>) => PlayableScenario | { error: string; keep?: boolean; present?: boolean; aside?: AsideReason };

/** What `resume` finds. Every text in it is clean (a save is untrusted input). */
export type ResumeResult =
  | { kind: 'none' }
  /**
   * `activeMs`: the practice time the save stands for (see savedActiveMs); a UI counts on from it.
   * `hold`: the save as read, for the run that continues it to save and finish through (see SaveHold).
   */
  | { kind: 'ok'; key: string; playable: PlayableScenario; snapshot: PersistedScenarioSnapshot; mode: SessionMode; startedAt?: string; activeMs?: number; hold: SaveHold }
  /**
   * `missing`: the save is sound as far as it was read, but its trainer's file is not where it
   * says (moved, renamed, a USB stick mounted elsewhere): it is left where it is, and a UI may
   * offer to find the file (see relocateSave).
   */
  /**
   * `damaged`: the save's own text is damaged (not valid JSON, or its parts malformed), what is
   * wrong with it in the core's words (said in `error` too): a UI may say so in words of its own,
   * for a volunteer who does not know what JSON is.
   */
  /**
   * `newer`: the save was written by a newer version of casa-practice (its format version): nothing is
   * wrong with it, and it was left where it is (never moved aside, written over or removed); `error`
   * says so (newerSaveNotice).
   */
  /**
   * `outdated`: the save is sound, but of another version of its scenario (or of the scenario before
   * it was changed under the same version): set aside as outdated; a UI may say so in words of its own.
   */
  | { kind: 'bad'; error: string; movedTo?: string; missing?: MissingFile; damaged?: string; newer?: number; outdated?: true };

/** A save whose trainer's file is not where the save names it: what a UI needs to ask for it again. */
export interface MissingFile {
  /** The save's key. */
  key: string;
  /**
   * The path the save names, as it names it (untrusted: show it through missingFileWords, which
   * quotes it with any control or bidi character shown escaped). Cleaning it (dropping those
   * characters) named another file, perhaps one that exists: "/tmp/ev<ESC>…il.json" was shown as
   * "/tmp/evil.json has moved".
   */
  file: string;
  /** The id of the scenario the save was made with. */
  id: string;
  /** The version of the scenario the save was made with. */
  version: number;
}

/**
 * Reads a save (the most recent one unless a key is given). A save that cannot be used (damaged,
 * outdated, its scenario gone or changed) is moved aside, never deleted, and reported in one line;
 * one made with another version of its scenario is kept as `….outdated-…`, the rest as `….damaged-…`.
 */
export function readSave(store: Store, load: ScenarioLoader, key: string | undefined = latestSaveKey(store), now = new Date()): ResumeResult {
  if (key === undefined) return { kind: 'none' };
  let text: string | undefined;
  try {
    text = store.read(key);
  } catch (e) {
    // Nothing was moved: the save stays where it is, and the error says why it was not read.
    return { kind: 'bad', error: `The save ${cleanLine(key)} could not be read (${cleanLine((e as Error).message)}).` };
  }
  if (text === undefined) return { kind: 'none' };
  // Written by a newer version of casa-practice (the save or the session it holds): left where it is.
  const newer = newerSaveFormat(text);
  if (newer !== undefined) return { kind: 'bad', error: newerSaveNotice(newer), newer };
  const bad = (error: string, why?: AsideReason, damaged?: string): ResumeResult => ({ kind: 'bad', error: cleanLine(error), movedTo: store.moveAside(key, now, why), ...(damaged !== undefined ? { damaged: cleanLine(damaged) } : {}), ...(why === 'outdated' ? { outdated: true as const } : {}) });
  const parsed = parseSlot(text);
  if (!parsed.ok) return bad(parsed.error, undefined, parsed.damaged);
  const { slot, ref, set } = parsed;
  const found = load(ref, slot.from, set);
  // A preview's save goes on as a preview: finished, it is not recorded either.
  const loaded = 'error' in found || slot.preview !== true ? found : { ...found, preview: true as const };
  if ('error' in loaded) {
    if (loaded.keep !== true) return bad(loaded.error, loaded.aside);
    const version = savedVersion(slot);
    const missing = ref.source === 'file' && loaded.present !== true && version !== undefined ? { key, file: ref.file, id: cleanLine(ref.id), version } : undefined;
    return { kind: 'bad', error: cleanLine(loaded.error), ...(missing ? { missing } : {}) };
  }
  const restored = restoreSession(loaded.scenario, slot.session);
  // A save of an older version of the scenario is sound: it is kept as outdated, not damaged.
  if (!restored.ok) return bad(restored.error, restored.outdated ? 'outdated' : 'damaged', restored.damaged);
  const startedAt = typeof slot.startedAt === 'string' ? cleanLine(slot.startedAt).slice(0, 40) : undefined;
  const activeMs = savedActiveMs(slot);
  const own = saveKey(loaded);
  if (own !== key) {
    // An older save kept under another key (before trainer files had slots of their own): it
    // moves to its slot, so the playthrough's next save replaces it instead of leaving a copy.
    // Another save in that slot (a playthrough of its own, beside a copy or a file whose name is not
    // UTF-8) is moved aside first, not written over; a newer version's save there is left as it is,
    // and so is this one (the run's hold on the slot then finds it changed and saves over neither).
    let there: string | undefined;
    let readable = true;
    try {
      there = store.read(own);
    } catch {
      readable = false;
    }
    if (readable && (there === undefined || newerSaveFormat(there) === undefined)) {
      if (there !== undefined && there !== text) store.moveAside(own, now, 'replaced');
      store.write(own, text);
      store.remove(key);
    }
  }
  return { kind: 'ok', key: own, playable: loaded, snapshot: restored.snapshot, mode: restored.mode, ...(startedAt ? { startedAt } : {}), ...(activeMs !== undefined ? { activeMs } : {}), hold: { key: own, text } };
}


/**
 * What readSave would do with the save under `key`, found without moving, writing or removing
 * anything (for a picker offering R, which said "A saved session is waiting" of a save made with an
 * older version of its scenario, or whose values were edited, and R then set it aside): 'ok' (it
 * resumes), 'none', 'newer' (a newer version's, left where it is), 'unreadable' (the store could not
 * read it), 'kept' (it stays where it is: its scenario cannot be had now) or why it would be set
 * aside ('damaged', 'outdated'). Every check readSave makes is made, replaying its replies included.
 */
export function saveStanding(store: Store, load: ScenarioLoader, key: string): Standing {
  return dryStanding(store, key, (dry) => readSave(dry, load, key));
}

/** What opening a kept thing would do with it (saveStanding's, facilitationStanding's). */
export type Standing = 'ok' | 'none' | 'newer' | 'unreadable' | 'kept' | AsideReason;

/**
 * What `read` (readSave, readFacilitation) does with the thing under `key`, run over `store` with
 * nothing written, removed or moved: 'unreadable' when the store cannot read it, 'newer' for a newer
 * version's, why it would be set aside, or 'kept' when it would stay where it is.
 */
export function dryStanding(store: Store, key: string, read: (dry: Store) => { kind: 'ok' | 'none' } | { kind: 'bad'; newer?: number }): Standing {
  let aside: AsideReason | undefined;
  const dry: Store = {
    read: (k) => store.read(k),
    list: (prefix) => store.list(prefix),
    write: () => undefined,
    remove: () => undefined,
    moveAside(k, _now, why = 'damaged') {
      if (k === key) aside = why;
      return '';
    },
  };
  try {
    store.read(key);
  } catch {
    return 'unreadable';
  }
  const found = read(dry);
  if (found.kind !== 'bad') return found.kind;
  if (found.newer !== undefined) return 'newer';
  return aside ?? 'kept';
}

/**
 * A save's text read as a slot: the slot, the scenario it names and its starting values, or why it
 * cannot be used (`damaged`: what is wrong with a damaged one, as ResumeResult's).
 */
export type SlotParse = { ok: true; slot: Partial<SaveSlot>; ref: ScenarioRef; set?: Record<string, string> } | { ok: false; error: string; damaged?: string };

/** A save that is damaged, with what is wrong with it (SlotParse's `damaged`). */
const damagedSlot = (detail: string): SlotParse => ({ ok: false, error: `The saved progress is damaged (${detail}).`, damaged: detail });

/** Reads a save's text as far as its scenario and start (its session is checked by restoreSession). */
export function parseSlot(text: string): SlotParse {
  let slot: Partial<SaveSlot>;
  try {
    slot = JSON.parse(text) as Partial<SaveSlot>;
  } catch {
    return damagedSlot('it is not valid JSON');
  }
  if (typeof slot !== 'object' || slot === null || slot.format !== 'casa-practice-terminal-save') return { ok: false, error: 'This is not a casa-practice save.', damaged: 'it is not a casa-practice save' };
  if (slot.formatVersion !== 1) return { ok: false, error: `This save uses format version ${quoteValue(slot.formatVersion, 20)}, which this version of casa-practice does not read.` };
  const ref = refOf(slot);
  if (!ref || (slot.from !== undefined && typeof slot.from !== 'string')) return damagedSlot('its scenario is not named');
  const set: unknown = slot.set;
  if (set !== undefined && (typeof set !== 'object' || set === null || Array.isArray(set) || !Object.values(set).every((v) => typeof v === 'string'))) {
    return damagedSlot('its starting values are malformed');
  }
  return { ok: true, slot, ref, ...(set !== undefined ? { set: set as Record<string, string> } : {}) };
}

/** The version of the scenario a save was made with, when it names one. */
export function savedVersion(slot: Partial<SaveSlot>): number | undefined {
  const version: unknown = (slot.session as { scenarioVersion?: unknown } | undefined)?.scenarioVersion;
  return typeof version === 'number' && Number.isSafeInteger(version) ? version : undefined;
}

/** The scenario a save names: its reference, or for an older save its path and the id its session names. */
function refOf(slot: Partial<SaveSlot>): ScenarioRef | undefined {
  const r: unknown = slot.scenario;
  if (typeof r === 'object' && r !== null) return parseScenarioRef(r);
  const id: unknown = (slot.session as { scenarioId?: unknown } | undefined)?.scenarioId;
  return typeof slot.scenarioFile === 'string' && typeof id === 'string' ? { source: 'file', file: slot.scenarioFile, id, legacy: true } : undefined;
}

/** A scenario reference read from untrusted JSON: a bundled id, or a file and its id; undefined otherwise. */
export function parseScenarioRef(r: unknown): ScenarioRef | undefined {
  if (typeof r !== 'object' || r === null) return undefined;
  const { source, id, file } = r as Record<string, unknown>;
  if (source === 'bundled' && typeof id === 'string') return { source, id };
  if (source === 'file' && typeof id === 'string' && typeof file === 'string') return { source, id, file };
  return undefined;
}

/**
 * The scenario a save names, read without XState (for a UI looking for a save whose trainer's file
 * moved). Undefined when the text is not a save that names one.
 */
export function savedScenarioRef(text: string): ScenarioRef | undefined {
  try {
    const slot = JSON.parse(text) as unknown;
    return typeof slot === 'object' && slot !== null && (slot as Partial<SaveSlot>).format === 'casa-practice-terminal-save' ? refOf(slot as Partial<SaveSlot>) : undefined;
  } catch {
    return undefined;
  }
}
