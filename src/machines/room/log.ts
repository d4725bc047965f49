import type { RoomState } from './state.js';

/**
 * The room's file as an append log. Its first line is the whole room as `serializeRoom` writes it
 * (a room file written before the log existed is that line alone, and is read as it always was);
 * each line after it is one save of the room, holding only what changed since the line before:
 * fields set or taken away, the entries of the votes, the devices and the meta that changed, the
 * decisions followed and the session's turns added past the part kept. A save of a long session
 * wrote the whole of it (every decision's record, the session's whole transcript) at every vote and
 * every step: a megabyte at each change by the thousandth decision, and a save that grew with it.
 *
 * The shell appends each line (one write). A save whose append failed, or was cut off by a crash,
 * leaves a line without its end: the next save writes the whole room again (`roomSave` with nothing
 * written), atomically, and a file read with its last line cut off is read without it
 * (`readRoomLog`'s `torn`), the room as it was one save before. The file is written whole again
 * once the lines after its first outweigh it (so it never holds more than about twice the room), so
 * the cost of each save, that rewrite spread over the saves before it, does not grow with the session.
 */

/** What a save wrote last, for the next to add only what changed (`roomSave`). */
export interface RoomWritten {
  /** The room as the file now holds it. */
  state: RoomState;
  /** The length of the file's first line (the whole room), and of every line after it. */
  whole: number;
  added: number;
}

/** A save of the room: `append` the text to the file, or write it whole (atomically: a temp file, then a rename). */
export interface RoomSave {
  append: boolean;
  text: string;
  /** What the file holds once this is written (keep it for the next save only when the write succeeded). */
  written: RoomWritten;
}

/** The lines after the first are appended until they add up to this much at least, or the size of the first, whichever is more. */
const MIN_ADDED = 256 * 1024;

/** The fields of a room state a line may set or take away (nothing else is read from a file). */
const FIELDS: ReadonlySet<string> = new Set<keyof RoomState>([
  'format', 'formatVersion', 'room', 'scenarioId', 'scenarioVersion', 'createdAt', 'session', 'phase', 'round', 'node', 'votes', 'devices',
  'presenterSeq', 'history', 'beforeStart', 'endedRevealed', 'onBreak', 'breakEndedBy', 'breakEndedPage', 'breakNumber', 'breakPages', 'meta',
]);
/** The fields kept by entry (a vote, a device): a line holds the entries that changed. */
const RECORDS = ['votes', 'devices', 'meta'] as const;

type Json = Record<string, unknown>;

/** One save after the first line: the changes from the room the line before left. */
interface Change {
  /** Fields written whole (the session without its transcript: `transcript` puts it back). */
  set?: Json;
  unset?: string[];
  /** By record: the entries set (in the record's order) and those taken away. */
  entries?: Record<string, { set?: Json; unset?: string[] }>;
  /** The decisions followed: the first `keep` kept, then `add`. */
  history?: { keep: number; add: unknown[] };
  /** The session's transcript: the first `keep` turns kept, then `add`. */
  transcript?: { keep: number; add: unknown[] };
}

/**
 * The next save of the room `state`, after `written` (what the file holds, as the last save that
 * succeeded left it; undefined for none, or after a save that failed): the whole room, or one line
 * of what changed. Its work is the size of what changed (and of the room's few small fields), not
 * of the session: the decisions followed and the transcript's turns are told apart from those the
 * file holds by object (the reducer keeps those it does not change: see savedStep).
 */
export function roomSave(written: RoomWritten | undefined, state: RoomState): RoomSave {
  if (written && written.added <= Math.max(MIN_ADDED, written.whole)) {
    const change = changeOf(written.state, state);
    if (change) {
      // Nothing changed: nothing to write.
      const text = Object.keys(change).length === 0 ? '' : `${JSON.stringify(change)}\n`;
      return { append: true, text, written: { state, whole: written.whole, added: written.added + text.length } };
    }
  }
  // As serializeRoom writes it.
  const text = `${JSON.stringify(state)}\n`;
  return { append: false, text, written: { state, whole: text.length, added: 0 } };
}

/** The same, or alike as JSON (an entry of the votes, the devices or the meta: small). */
function same(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null && JSON.stringify(a) === JSON.stringify(b));
}

/**
 * Whether the keys of `to` are those of `from` kept, in their order, then the new ones: what the
 * line's reader makes of them (a value set keeps its key's place, a new key goes last), so that the
 * room read back is written out as it was, key for key. Otherwise the record is written whole.
 */
function keysInOrder(from: object, to: object): boolean {
  const after = Object.keys(to);
  let i = 0;
  for (const key of Object.keys(from)) {
    if (!Object.hasOwn(to, key)) continue;
    if (after[i] !== key) return false;
    i++;
  }
  return true;
}

/** The length of the common start of two lists whose common start is the same objects (the reducer's lists), from the end. */
function keptOf(from: readonly unknown[], to: readonly unknown[]): number {
  let keep = Math.min(from.length, to.length);
  while (keep > 0 && from[keep - 1] !== to[keep - 1]) keep--;
  return keep;
}

type SessionJson = { snapshot: { context: { transcript: unknown[] } & Json } & Json } & Json;

/** The line from `from` to `to`, or undefined when it must be written whole (a key order a line cannot keep). */
function changeOf(from: RoomState, to: RoomState): Change | undefined {
  const a = from as unknown as Json;
  const b = to as unknown as Json;
  if (!keysInOrder(a, b)) return undefined;
  const change: Change = {};
  const set: Json = {};
  const unset: string[] = [];
  for (const key of Object.keys(a)) if (!Object.hasOwn(b, key)) unset.push(key);
  for (const key of Object.keys(b)) {
    const was = Object.hasOwn(a, key) ? a[key] : undefined;
    const now = b[key];
    if (was === now) continue;
    if (was !== undefined && (RECORDS as readonly string[]).includes(key)) {
      const entries = entriesOf(was as Json, now as Json);
      if (entries === undefined) set[key] = now;
      else if (entries.set || entries.unset) (change.entries ??= {})[key] = entries;
    } else if (key === 'history' && Array.isArray(was)) {
      const list = now as unknown[];
      const keep = keptOf(was, list);
      change.history = { keep, add: list.slice(keep) };
    } else if (key === 'session' && was !== undefined) {
      const session = now as SessionJson;
      const turns = session.snapshot.context.transcript;
      const keep = keptOf((was as SessionJson).snapshot.context.transcript, turns);
      // The transcript's place kept in the session's keys (a session is checked against its replay as written).
      set[key] = { ...session, snapshot: { ...session.snapshot, context: { ...session.snapshot.context, transcript: null } } };
      change.transcript = { keep, add: turns.slice(keep) };
    } else set[key] = now;
  }
  if (Object.keys(set).length > 0) change.set = set;
  if (unset.length > 0) change.unset = unset;
  return change;
}

/** A record's entries that changed, or undefined when its keys would not come back in their order. */
function entriesOf(from: Json, to: Json): { set?: Json; unset?: string[] } | undefined {
  if (!keysInOrder(from, to)) return undefined;
  const set: Json = {};
  const unset = Object.keys(from).filter((k) => !Object.hasOwn(to, k));
  let any = false;
  for (const [k, v] of Object.entries(to)) {
    if (Object.hasOwn(from, k) && same(from[k], v)) continue;
    set[k] = v;
    any = true;
  }
  return { ...(any ? { set } : {}), ...(unset.length > 0 ? { unset } : {}) };
}

/**
 * A room's file read back: the room its lines add up to (as JSON, to be checked whole by the
 * caller), and whether its last line was cut off (`torn`: a save a crash or a full disk stopped
 * part way; the room is as the line before left it). A line before the last that cannot be read is
 * the file damaged, not cut off: refused whole (`error`), never half-read.
 */
export function readRoomLog(text: string): { ok: true; room: unknown; torn: boolean } | { ok: false; error: string } {
  // A room file as it was written before the log: one JSON document, read as it always was.
  try {
    return { ok: true, room: JSON.parse(text) as unknown, torn: false };
  } catch {
    // more than one line, or damaged
  }
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  let room: unknown;
  try {
    room = JSON.parse(lines[0] ?? '');
  } catch {
    return { ok: false, error: 'The saved room is damaged (it is not JSON).' };
  }
  for (let i = 1; i < lines.length; i++) {
    const next = applyLine(room, lines[i] as string);
    if (next !== undefined) {
      room = next;
      continue;
    }
    if (i === lines.length - 1) return { ok: true, room, torn: true };
    return { ok: false, error: `The saved room is damaged (its save ${i + 1} of ${lines.length} cannot be read).` };
  }
  return { ok: true, room, torn: false };
}

const isJson = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown, most: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= most;

/** The room after one line, or undefined when the line cannot be read or does not fit the room (nothing of it is applied). */
function applyLine(room: unknown, line: string): Json | undefined {
  let change: unknown;
  try {
    change = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (!isJson(room) || !isJson(change)) return undefined;
  const { set, unset, entries, history, transcript } = change;
  for (const key of Object.keys(change)) if (!['set', 'unset', 'entries', 'history', 'transcript'].includes(key)) return undefined;
  if (set !== undefined && (!isJson(set) || Object.keys(set).some((k) => !FIELDS.has(k)))) return undefined;
  if (unset !== undefined && (!Array.isArray(unset) || unset.some((k) => typeof k !== 'string' || !FIELDS.has(k)))) return undefined;
  // Fields kept in their places, new ones last, as the room had them (keysInOrder); every key one of FIELDS.
  // Built by entries (never by assignment): a key such as "__proto__" stays a key, refused by the room's check.
  const fields = new Map(Object.entries(room).filter(([k]) => !(unset as string[] | undefined)?.includes(k)));
  for (const [k, v] of Object.entries(set ?? {})) fields.set(k, v);
  if (entries !== undefined) {
    if (!isJson(entries)) return undefined;
    for (const [key, patch] of Object.entries(entries)) {
      const was = fields.get(key);
      if (!(RECORDS as readonly string[]).includes(key) || !isJson(was) || !isJson(patch)) return undefined;
      const { set: add, unset: gone } = patch;
      if (Object.keys(patch).some((k) => k !== 'set' && k !== 'unset') || (add !== undefined && !isJson(add)) || (gone !== undefined && (!Array.isArray(gone) || gone.some((k) => typeof k !== 'string')))) return undefined;
      // No device, reply or meta is called that: a line naming it is not one this app wrote (the room's check reads records through zod, which would drop it unseen).
      if (add !== undefined && Object.hasOwn(add, '__proto__')) return undefined;
      const kept = new Map(Object.entries(was).filter(([k]) => !(gone as string[] | undefined)?.includes(k)));
      for (const [k, v] of Object.entries(add ?? {})) kept.set(k, v);
      fields.set(key, Object.fromEntries(kept));
    }
  }
  if (history !== undefined) {
    const list = fields.get('history');
    if (!isJson(history) || !Array.isArray(list) || !isCount(history.keep, list.length) || !Array.isArray(history.add)) return undefined;
    fields.set('history', [...list.slice(0, history.keep), ...(history.add as unknown[])]);
  }
  if (transcript !== undefined) {
    // With the session it belongs to (set by the same line, its transcript's place left null), after the session the room had.
    const before = room.session;
    const session = isJson(set) ? set.session : undefined;
    const turns = isJson(before) && isJson(before.snapshot) && isJson(before.snapshot.context) ? before.snapshot.context.transcript : undefined;
    if (!isJson(transcript) || !Array.isArray(turns) || !isCount(transcript.keep, turns.length) || !Array.isArray(transcript.add)) return undefined;
    if (!isJson(session) || !isJson(session.snapshot) || !isJson(session.snapshot.context) || session.snapshot.context.transcript !== null) return undefined;
    const context = { ...session.snapshot.context, transcript: [...turns.slice(0, transcript.keep), ...(transcript.add as unknown[])] };
    fields.set('session', { ...session, snapshot: { ...session.snapshot, context } });
  } else if (isJson(set) && set.session !== undefined) {
    // A session set whole needs no turns put back; one with its transcript's place left null does.
    const s = set.session;
    if (isJson(s) && isJson(s.snapshot) && isJson(s.snapshot.context) && s.snapshot.context.transcript === null) return undefined;
  }
  return Object.fromEntries(fields);
}
