import { DEBRIEFS_PREFIX, FACILITATION_PREFIX, RECORDS_KEY, SAVES_PREFIX, type AsideReason } from '../machines/light.js';

/**
 * What the web app keeps in the browser's storage, by kind, from the keys alone: for the limit's
 * refusal (local-store: where room can be made) and for My records' "Room in this browser" and its
 * list of copies set aside. Only this app writes these keys, but a key is still read as text: nothing
 * in it is run, and a name shown from it is shown as text.
 */

/** The kinds of value kept: the records, a scenario in progress, a last debrief, a presenter session, a copy set aside, and the rest (the projector's few bytes). */
export type KeptKind = 'records' | 'progress' | 'debrief' | 'presenter' | 'copy' | 'other';

/** A copy set aside (Store.moveAside, asideKey): `<its key>.damaged-2026-11-20T15-30-00`, or `.outdated-…`, `.replaced-…`, `-2` after it for a second in the same second. */
const ASIDE = /^(.+)\.(damaged|outdated|replaced)-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})(?:-\d{1,3})?$/;

/** A copy set aside, read from its key. */
export interface AsideCopy {
  key: string;
  /** The key it was set aside from (records.json, saves/youth-discloses.json…). */
  of: string;
  /** The kind of value it was. */
  kind: Exclude<KeptKind, 'copy' | 'other'> | 'other';
  why: AsideReason;
  /** When it was set aside (ISO, UTC): the time in its key, else when it was written. */
  at: string;
  /** The scenario's slot for a save, debrief or presenter session (its id first), else undefined. */
  slot?: string;
}

/** The kind of a key's value (a key under the store's prefix, without it). */
export function keptKind(key: string): KeptKind {
  if (ASIDE.test(key)) return 'copy';
  return keyKind(key);
}

function keyKind(key: string): Exclude<KeptKind, 'copy'> {
  if (key === RECORDS_KEY) return 'records';
  if (key.startsWith(SAVES_PREFIX)) return 'progress';
  if (key.startsWith(DEBRIEFS_PREFIX)) return 'debrief';
  if (key.startsWith(FACILITATION_PREFIX)) return 'presenter';
  return 'other';
}

/** The copy set aside a key names, or undefined when it names none. `modified`: when it was written (for a key whose time cannot be read). */
export function asideCopy(key: string, modified = 0): AsideCopy | undefined {
  const m = ASIDE.exec(key);
  if (!m) return undefined;
  const of = m[1]!;
  const parsed = Date.parse(`${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
  const at = new Date(Number.isNaN(parsed) ? modified : parsed).toISOString();
  const kind = keyKind(of);
  const slot = kind === 'progress' || kind === 'debrief' || kind === 'presenter' ? /^[^/]+\/(.+)\.json$/.exec(of)?.[1] : undefined;
  return { key, of, kind, why: m[2] as AsideReason, at, ...(slot !== undefined ? { slot } : {}) };
}

/** The scenario id a slot starts with (slotName: the id, then "--from-…", "--file-…" or "--set"). */
export function slotScenarioId(slot: string): string {
  const cut = slot.indexOf('--');
  return cut < 0 ? slot : slot.slice(0, cut);
}

/** The heading My records lists the copies set aside under, by what they are: the refusal names it too. */
export function copiesHeading(copies: readonly { why: AsideReason }[]): string {
  const whys = (['damaged', 'outdated', 'replaced'] as const).filter((why) => copies.some((c) => c.why === why));
  const listed = whys.length <= 1 ? (whys[0] ?? 'damaged') : `${whys.slice(0, -1).join(', ')} and ${whys.at(-1)}`;
  return `${listed.charAt(0).toUpperCase()}${listed.slice(1)} copies`;
}

/** The heading of My records' section that shows what takes the room. */
export const ROOM_HEADING = 'Room in this browser';

/** The UTF-8 length of a string, counted without copying it (a UTF-16 pair is 4 bytes, as 2 + 2 of its halves). */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdfff ? 2 : 3;
  }
  return n;
}

/** A size in the words of the limit: "3 MB", "12 KB" (at least 1 KB). */
export function sizeWords(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB` : `${Math.max(1, Math.ceil(bytes / 1024))} KB`;
}

/**
 * The sizes of the parts of a whole and of the whole, in one unit (KB, or tenths of a MB from 1 MB
 * on, as sizeWords chooses for the whole), so that the parts shown add up to the whole shown: each
 * part rounded up on its own added to more than the whole (8 KB + 46 KB of 53 KB). The whole is
 * rounded as sizeWords rounds it; its units go to the parts by their whole units, then one more each
 * to those with the largest remainders (largest remainder), so each part is its size rounded down or
 * up. A part given no unit is said to be less than one ("less than 1 KB").
 */
export function partSizeWords(parts: readonly number[]): { whole: string; parts: string[]; units: number[]; mb: boolean } {
  const bytes = parts.reduce((a, b) => a + b, 0);
  const mb = bytes >= 1024 * 1024;
  const units = mb ? Math.round((bytes / 1024 / 1024) * 10) : Math.max(1, Math.ceil(bytes / 1024));
  const shares = shareUnits(parts, units, mb);
  return { whole: unitWords(units, mb), parts: shares.map((n) => partWords(n, mb)), units: shares, mb };
}

/**
 * The sizes of the entries of one part, in the part's unit (`mb`: partSizeWords'), adding up to the
 * part's `units` as shown: each entry rounded up on its own added to more than its kind's line (two
 * saves of 1.5 KB said 2 KB each under "Scenarios in progress (2): 3 KB"). Shared as partSizeWords
 * shares the whole: each entry its size rounded down or up.
 */
export function entrySizeWords(entries: readonly number[], units: number, mb: boolean): string[] {
  return shareUnits(entries, units, mb).map((n) => partWords(n, mb));
}

const unitWords = (n: number, mb: boolean) => (mb ? `${n / 10} MB` : `${n} KB`);
const partWords = (n: number, mb: boolean) => (n === 0 ? `less than ${unitWords(1, mb)}` : unitWords(n, mb));

/** `units` (KB, or tenths of a MB) given out to `parts` by their whole units, then one more each to those with the largest remainders. */
function shareUnits(parts: readonly number[], units: number, mb: boolean): number[] {
  const unit = mb ? (1024 * 1024) / 10 : 1024;
  const shares = parts.map((b) => Math.floor(b / unit));
  let left = units - shares.reduce((a, b) => a + b, 0);
  const byRemainder = parts.map((b, i) => i).sort((i, j) => (parts[j]! / unit - shares[j]!) - (parts[i]! / unit - shares[i]!) || parts[j]! - parts[i]! || i - j);
  for (const i of byRemainder) {
    if (left <= 0) break;
    shares[i]! += 1;
    left -= 1;
  }
  return shares;
}
