import type { PlayableScenario } from '../playable.js';
import { dryStanding, parseScenarioRef, scenarioRef, type ScenarioLoader, type ScenarioRef, type Standing } from '../progress/saves.js';
import { newerSaveAt, newerSaveFormat, newerSaveNotice, type SlotOf } from '../progress/slots.js';
import type { AsideReason, Store } from '../progress/store.js';
import { exportedDebriefOf, type ExportedDebrief } from '../progress/exported.js';
import { replayConversation } from '../recap.js';
import { keptStartValues, restoreSession, saveSession, type PersistedScenarioSnapshot, type RestoreResult, type SavedSession } from '../session.js';
import { specOf, valueOf } from '../conditions.js';
import type { SessionView } from '../selectors.js';
import { cleanLine } from '../text/clean.js';
import { quoteValue } from '../text/quote.js';
import type { SessionContext } from '../types.js';
import { facilitatedDecision, summaryBaseName, type FacilitatedDecision } from './summary.js';
import { MAX_VOTES, revealData, type RevealEntry, type Votes } from './votes.js';
import { facilitationKey } from './slot.js';

export type { ExportedDebrief } from '../progress/exported.js';
export { FACILITATION_PREFIX, facilitationDecision, facilitationFinished, facilitationKey, finishedFacilitationText, keptAsItWasWords, keptFacilitation, roomMadeWords, type KeptFacilitation } from './slot.js';

/**
 * A trainer-led session kept through the Store port, so a page reloaded (or a tab closed by
 * accident) comes back to the same decision with the room's votes and the summary so far. Only
 * what the trainer entered is kept beside the core's saved session: the votes at each decision
 * and whether its replies were revealed. Titles, replies and the reveal are rebuilt from the
 * scenario on restore, so the summary never carries text that did not come from the scenario.
 */

/** One decision as the room met it: the votes entered (by reply id) and whether the replies were revealed. */
export interface RoomRound {
  votes: Votes;
  revealed: boolean;
  /**
   * Whether the replies were revealed at some time, though no longer (the trainer went back to the
   * votes): the room has seen every reply's feedback all the same (who's who counts its names). Kept
   * only when true; a session kept before it was recorded reads as `revealed` says.
   */
  wasRevealed?: boolean;
}

/** What a trainer-led session has gathered besides the session itself. */
export interface RoomProgress {
  /** Each decision the room followed, in order (one per reply in the session's transcript). */
  past: RoomRound[];
  /** The decision on screen now (no votes and not revealed at a scene). */
  current: RoomRound;
  /**
   * The trainer ended the session before its story did (web presenter mode's "End the session", as
   * a live room's): it is not carried on, and opens on how the room did and its summary.
   */
  ended?: boolean;
  /**
   * The debrief a terminal's e exported at this session's ending, kept once the room has gone back
   * from that ending (u): at the next ending, in this run or after the session is carried on, it is
   * written again for that ending (if unchanged since), and leaving before then says that it
   * describes the ending taken back. Not kept, a session stopped and carried on left the file
   * describing an ending the room never kept, and nothing said so.
   */
  exported?: ExportedDebrief;
  /**
   * The file this session's summary was last written to (an absolute path), kept with the session
   * once it is written (q, a closed window): carried on, the session writes its summary there again,
   * from whatever folder the app is started in (see keptSummaryPath). It was found only in the state
   * folder's exports, or in the folder the app was started in: a summary written outside the state
   * folder (it could not be written as the session began), carried on from another folder, was
   * joined by a second file for the same session.
   */
  summary?: string;
  /**
   * Where this session's summary goes should the state folder stop taking writes (the folder the app
   * was started in, an absolute path), kept as the session goes: carried on from another folder, a
   * summary written there after the session was last kept is found (and named) all the same.
   */
  summaryDir?: string;
  /**
   * Which session this is (a random id, hex digits, made as the session begins), kept as it goes and
   * written in each of its summaries (a line Markdown does not show): carried on, the session finds
   * the summary it wrote where nothing could be kept as it stopped (the state folder refused writes
   * at its first decision), and writes its summary there again. Nothing told that summary from
   * another session's, and a second file was written for the same session.
   */
  sessionId?: string;
}

/** A trainer-led session as kept in the store. */
export interface FacilitationSlot {
  format: 'casa-practice-facilitation';
  formatVersion: 1;
  scenario: ReturnType<typeof scenarioRef>;
  /** The core's saved session (scenario id and version, the persisted snapshot, when it was saved). */
  session: SavedSession;
  past: RoomRound[];
  current: RoomRound;
  /** Only when true (RoomProgress.ended). */
  ended?: true;
  /** RoomProgress.exported, when there is one. */
  exported?: ExportedDebrief;
  /** RoomProgress.summary, when there is one. */
  summary?: string;
  /** RoomProgress.summaryDir, when there is one. */
  summaryDir?: string;
  /** RoomProgress.sessionId, when there is one. */
  sessionId?: string;
  /**
   * The starting values an author's test began with (`--set`, as typed): one slot holds a session of
   * each start whatever its values, so one carried on with others given is restored with its own.
   */
  set?: Record<string, string>;
}

/** Keeps a trainer-led session in progress; returns its key. */
export function writeFacilitation(store: Store, playable: PlayableScenario, persistedSnapshot: unknown, progress: RoomProgress, now = new Date()): string {
  const round = (r: RoomRound): RoomRound => ({ votes: Object.fromEntries(Object.entries(r.votes).filter(([, n]) => n > 0)), revealed: r.revealed, ...(r.wasRevealed === true && !r.revealed ? { wasRevealed: true } : {}) });
  const slot: FacilitationSlot = {
    format: 'casa-practice-facilitation',
    formatVersion: 1,
    scenario: scenarioRef(playable),
    session: saveSession(playable.scenario, persistedSnapshot, now),
    past: progress.past.map(round),
    current: round(progress.current),
    ...(progress.ended === true ? { ended: true as const } : {}),
    ...(progress.exported !== undefined ? { exported: { markdown: progress.exported.markdown, json: progress.exported.json, digest: { ...progress.exported.digest } } } : {}),
    ...(progress.summary !== undefined ? { summary: progress.summary } : {}),
    ...(progress.summaryDir !== undefined ? { summaryDir: progress.summaryDir } : {}),
    ...(progress.sessionId !== undefined ? { sessionId: progress.sessionId } : {}),
    ...(playable.set !== undefined ? { set: { ...playable.set } } : {}),
  };
  const key = facilitationKey(playable);
  // Never over a session a newer version kept (newerSaveFormat): it stays as it is.
  if (newerSaveAt(store, key) === undefined) store.write(key, `${JSON.stringify(slot)}\n`);
  return key;
}

/** Removes a trainer-led session once it has ended or the trainer starts over (never one a newer version kept). */
export function clearFacilitation(store: Store, playable: SlotOf): void {
  if (newerSaveAt(store, facilitationKey(playable)) !== undefined) return;
  store.remove(facilitationKey(playable));
}

/** A kept session, restored: the session, what the room entered, and the summary so far rebuilt from them. */
export interface RestoredFacilitation {
  key: string;
  playable: PlayableScenario;
  snapshot: PersistedScenarioSnapshot;
  progress: RoomProgress;
  /** The record of each decision followed, as the session summary takes them. */
  decisions: FacilitatedDecision[];
  /** The reveal of each decision followed after a reveal, for how often the room matched best practice. */
  reveals: { total: number; entries: RevealEntry[] }[];
  /** The decision it stands at: replies so far + 1. */
  decision: number;
  /**
   * Where it opens, in words true of it: "decision 2", or "the scene before decision 2" for one kept
   * at a scene (q there, after the room followed a reply), "the ending" for one finished.
   */
  standsAt: string;
  /** Whether it has reached its ending (kept until the trainer starts again: its debrief and summary). */
  finished: boolean;
  /** Whether the trainer ended it before its story did (RoomProgress.ended; kept until the trainer starts again: how the room did and its summary). */
  ended: boolean;
  /** When it was last kept (its session's savedAt, as an ISO time), where that is a time: see keptAsItWasWords. */
  savedAt?: string;
}


/** What `readFacilitation` finds. Every text in it is clean (a kept session is untrusted input). */
/**
 * `damaged`: the kept session's own text is damaged (not valid JSON, or its parts malformed), what is
 * wrong with it in the core's words (said in `error` too), as a save's (ResumeResult): a UI may say so
 * in words of its own. `outdated`: it was kept with another version of the scenario (set aside as
 * outdated), as a save's.
 */
export type FacilitationResume = { kind: 'none' } | ({ kind: 'ok' } & RestoredFacilitation) | { kind: 'bad'; error: string; movedTo?: string; damaged?: string; newer?: number; outdated?: true };

const DAMAGED = (what: string) => `The saved trainer-led session is damaged (${what}).`;

/**
 * Reads a scenario's kept trainer-led session. One that cannot be used whole (damaged, from
 * another version of the app or of the scenario, its votes not for the replies of their decision)
 * is moved aside, never deleted, and reported in one line; nothing else is touched.
 */
export function readFacilitation(store: Store, load: ScenarioLoader, playable: SlotOf, now = new Date()): FacilitationResume {
  const key = facilitationKey(playable);
  let text: string | undefined;
  try {
    text = store.read(key);
  } catch (e) {
    return { kind: 'bad', error: `The saved trainer-led session could not be read (${cleanLine((e as Error).message)}).` };
  }
  if (text === undefined) return { kind: 'none' };
  // Kept by a newer version of casa-practice: left where it is (never moved aside), said as what it is.
  const newer = newerSaveFormat(text);
  if (newer !== undefined) return { kind: 'bad', error: newerSaveNotice(newer, 'saved trainer-led session'), newer };
  const bad = (error: string, why?: AsideReason, damaged?: string): FacilitationResume => ({ kind: 'bad', error: cleanLine(error), movedTo: store.moveAside(key, now, why), ...(damaged !== undefined ? { damaged: cleanLine(damaged) } : {}), ...(why === 'outdated' ? { outdated: true as const } : {}) });
  const damagedAs = (what: string): FacilitationResume => bad(DAMAGED(what), undefined, what);
  let slot: unknown;
  try {
    slot = JSON.parse(text);
  } catch {
    return damagedAs('it is not valid JSON');
  }
  if (!isRecord(slot) || slot.format !== 'casa-practice-facilitation') return bad('This is not a casa-practice trainer-led session.', undefined, 'it is not a casa-practice trainer-led session');
  if (slot.formatVersion !== 1) return bad(`This trainer-led session uses format version ${quoteValue(slot.formatVersion, 20)}, which this version of casa-practice does not read.`);
  const ref = parseScenarioRef(slot.scenario);
  if (!ref) return damagedAs('its scenario is not named');
  // Kept under this scenario's start (its key names an author's --from), so read with that start:
  // read with none, a session begun with --from was "of another start" and set aside as damaged.
  // With its own starting values (--set), when it says: restored against others, its replies did not
  // lead to its values, and a sound session was called damaged and set aside.
  const set: unknown = slot.set;
  if (set !== undefined && (!isRecord(set) || !Object.values(set).every((v) => typeof v === 'string'))) return damagedAs('its starting values are malformed');
  let loaded = set === undefined ? load(ref, playable.from) : load(ref, playable.from, set as Record<string, string>);
  if ('error' in loaded) return loaded.keep === true ? { kind: 'bad', error: cleanLine(loaded.error) } : bad(loaded.error);
  let restored = restoreSession(loaded.scenario, slot.session);
  // Kept before the slot kept its starting values (no `set`), and read with other ones given now: its
  // replies did not lead to its values (or, a route taken by a value, where it says), and a sound
  // session, only older, was called damaged and set aside. Carried on with the values it began with,
  // worked out from its replies (keptStartValues), when they replay it exactly. Only under a test's
  // key (--set): one kept without any was begun with the file's own values, and is checked against them.
  // Tried when it reads as outdated too: other values may take another way to its first decision,
  // which reads as the scenario changed (a save of an older version fails again, and says so).
  if (!restored.ok && set === undefined && playable.set !== undefined) {
    const own = startedWith(load, ref, playable.from, loaded, slot.session);
    if (own) [loaded, restored] = own;
  }
  // Kept for an older version of the scenario: sound, so moved aside as outdated, not damaged.
  if (!restored.ok) return bad(restored.error, restored.outdated ? 'outdated' : 'damaged', restored.damaged);
  const past = Array.isArray(slot.past) ? slot.past.map(roundOf) : undefined;
  const current = roundOf(slot.current);
  if (!past || past.some((r) => r === undefined) || current === undefined) return damagedAs('its votes are malformed');
  if (slot.ended !== undefined && slot.ended !== true) return damagedAs('whether it was ended is malformed');
  const rounds = past as RoomRound[];
  // The decision views, rebuilt by replaying the session: the one before each reply, and where it stands.
  const transcript = (restored.snapshot as unknown as { context: SessionContext }).context.transcript;
  const moments = replayConversation(loaded.scenario, restored.snapshot);
  const at = (turns: number): SessionView | undefined => moments.findLast((m) => m.turns === turns)?.view;
  if (moments.length === 0 || rounds.length !== transcript.length) return damagedAs('its votes do not match its decisions');
  const decisions: FacilitatedDecision[] = [];
  const reveals: RestoredFacilitation['reveals'] = [];
  for (const [i, round] of rounds.entries()) {
    const view = at(i);
    const chosen = view?.replies.find((r) => r.id === transcript[i]?.replyId);
    if (!view || view.kind !== 'decision' || !chosen || !fits(round.votes, view)) return damagedAs('its votes do not match its decisions');
    decisions.push(facilitatedDecision(view, round.votes, chosen.number));
    if (round.revealed) reveals.push(revealData(loaded.scenario, view, round.votes));
  }
  const here = at(transcript.length);
  // Away from a decision (a scene, the ending) nothing is entered: no votes, no reveal. A "was
  // revealed" mark there says nothing the past rounds do not (each decision followed was revealed),
  // so it is dropped and the session carries on where it stands, rather than being set aside whole.
  const empty = Object.keys(current.votes).length === 0 && !current.revealed;
  if (!here || (here.kind === 'decision' ? !fits(current.votes, here) : !empty)) return damagedAs('its votes do not match its decisions');
  const standing = here.kind === 'decision' ? current : { votes: {}, revealed: false };
  const finished = restored.snapshot.status === 'done';
  const decision = transcript.length + 1;
  const ended = slot.ended === true && !finished;
  const standsAt = finished ? 'the ending' : here.kind === 'decision' ? `decision ${decision}` : `the scene before decision ${decision}`;
  // Kept by a later version than the one that began the session, or damaged: an export that cannot
  // be used whole is left out, never the session (it carries on as one kept before it was recorded).
  const exported = exportedDebriefOf(slot.exported, loaded.scenario.id);
  // The same for where its summary was written, and where it goes: left out where malformed.
  const summary = keptPath(slot.summary, (name) => name.startsWith(summaryBaseName(loaded.scenario, '')) && name.endsWith('.md'));
  const summaryDir = keptPath(slot.summaryDir, () => true);
  // Which session it is: left out where it is not a session id (hex digits).
  const sessionId = typeof slot.sessionId === 'string' && SESSION_ID.test(slot.sessionId) ? slot.sessionId : undefined;
  const savedAt: unknown = (slot.session as { savedAt?: unknown } | undefined)?.savedAt;
  const when = typeof savedAt === 'string' && !Number.isNaN(Date.parse(savedAt)) ? { savedAt: new Date(savedAt).toISOString() } : {};
  return { kind: 'ok', key, playable: loaded, snapshot: restored.snapshot, progress: { past: rounds, current: standing, ...(ended ? { ended } : {}), ...(exported ? { exported } : {}), ...(summary !== undefined ? { summary } : {}), ...(summaryDir !== undefined ? { summaryDir } : {}), ...(sessionId !== undefined ? { sessionId } : {}) }, decisions, reveals, decision, standsAt, finished, ended, ...when };
}

/**
 * What readFacilitation would do with a scenario's kept session, found without moving, writing or
 * removing anything (as saveStanding for a save): for presenter mode's list, which offered "Resume the
 * presenter session" for a session kept with another version of the scenario, or whose values were
 * edited, and the click then set it aside. Every check readFacilitation makes is made, replaying it included.
 */
export function facilitationStanding(store: Store, load: ScenarioLoader, playable: SlotOf): Standing {
  return dryStanding(store, facilitationKey(playable), (dry) => readFacilitation(dry, load, playable));
}

/**
 * A session kept without its starting values, loaded with the values it began with (as `--set` words,
 * those the file's own start does not already give) and restored with them; undefined when none fit.
 */
function startedWith(load: ScenarioLoader, ref: ScenarioRef, from: string | undefined, loaded: PlayableScenario, session: unknown): [PlayableScenario, RestoreResult] | undefined {
  const values = keptStartValues(loaded.scenario, session);
  const own = load(ref, from, {});
  if (!values || 'error' in own) return undefined;
  const words: Record<string, string> = {};
  for (const v of own.scenario.variables ?? []) {
    const value = valueOf(values, v.id);
    const spec = specOf(v);
    if (value !== undefined && value !== spec.start) words[v.id] = spec.flag ? String(value === 1) : String(value);
  }
  const again = load(ref, from, words);
  if ('error' in again) return undefined;
  const restored = restoreSession(again.scenario, session);
  return restored.ok ? [again, restored] : undefined;
}

/** What a session id (RoomProgress.sessionId) is: 8 to 64 hex digits. */
export const SESSION_ID = /^[0-9a-f]{8,64}$/;

/** The longest path a kept session's summary or folder may have (longer is left out, as malformed). */
const MAX_KEPT_PATH = 4096;

/**
 * A path read from a kept session (untrusted): an absolute path ("/…", or "C:\…") of at most
 * MAX_KEPT_PATH characters, with no NUL or other control character and no ".." part, whose last
 * part `named` takes; else undefined. Shown, it is still shown as any file name is (shownFileName).
 */
function keptPath(raw: unknown, named: (name: string) => boolean): string | undefined {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_KEPT_PATH) return undefined;
  if (!/^(?:\/|[A-Za-z]:[\\/])/.test(raw) || [...raw].some((c) => c.charCodeAt(0) < 0x20 || c === '\u007f')) return undefined;
  const parts = raw.split(/[\\/]/);
  if (parts.includes('..')) return undefined;
  return named(parts.at(-1) ?? '') ? raw : undefined;
}

/** Votes are for replies of the decision they were entered at. */
function fits(votes: Votes, view: SessionView): boolean {
  const ids = new Set(view.replies.map((r) => r.id));
  return Object.keys(votes).every((id) => ids.has(id));
}

/** One round read from untrusted JSON: whole vote counts from 0 to MAX_VOTES, a flag, and maybe a second (absent from older sessions). */
function roundOf(raw: unknown): RoomRound | undefined {
  if (!isRecord(raw) || !isRecord(raw.votes) || typeof raw.revealed !== 'boolean') return undefined;
  if (raw.wasRevealed !== undefined && typeof raw.wasRevealed !== 'boolean') return undefined;
  const entries = Object.entries(raw.votes);
  if (!entries.every(([, n]) => typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= MAX_VOTES)) return undefined;
  // fromEntries keeps a "__proto__" key as a plain key (then refused as no reply's id), never a prototype.
  return { votes: Object.fromEntries(entries) as Record<string, number>, revealed: raw.revealed, ...(raw.wasRevealed === true && !raw.revealed ? { wasRevealed: true } : {}) };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
