import type { PlayableScenario } from '../playable.js';
import type { Records } from '../progress/records.js';
import { cleanLine, cleanText } from '../text/clean.js';

/** A scenario as a library lists it. Every text is clean (scenario files are untrusted). */
export interface CatalogEntry {
  id: string;
  title: string;
  summary: string;
  contentNote: string;
  /** Estimated minutes. */
  minutes: number;
  /** Where the UI found it (a file path in the terminal). */
  file: string;
  /** Whether the volunteer has finished it at least once. */
  completed: boolean;
  /** Best score as a percentage, once completed. */
  bestPercent?: number;
  /** The scenario's version, when its file says a whole number: quickEntry's too, read before validating (outdatedAtSight). */
  version?: number;
  /** Present once the file has been validated. */
  playable?: PlayableScenario;
}

/** A file the library does not offer, and why, in words for the volunteer or trainer. */
export interface LeftOut {
  file: string;
  reason: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A quick entry from a file's text, without validating it (validation loads the schema and
 * analyses the graph, which would slow a picker's first frame). The UI validates right after.
 */
export function quickEntry(file: string, text: string, records: Records = {}): CatalogEntry | LeftOut {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { file, reason: 'it is not valid JSON' };
  }
  if (!isRecord(raw)) return { file, reason: 'it is not a scenario (no object at the top)' };
  const { id, title, summary, contentNote, estimatedMinutes, version } = raw;
  if (typeof id !== 'string' || typeof title !== 'string' || typeof summary !== 'string' || typeof contentNote !== 'string' || typeof estimatedMinutes !== 'number') {
    return { file, reason: 'it lacks an id, title, summary, content note or estimated minutes' };
  }
  return withRecord({ id, title: cleanLine(title), summary: cleanText(summary), contentNote: cleanText(contentNote), minutes: estimatedMinutes, file, completed: false, ...(typeof version === 'number' && Number.isSafeInteger(version) ? { version } : {}) }, records);
}

/** The library entry of a validated scenario. */
export function entryOf(playable: PlayableScenario, records: Records = {}): CatalogEntry {
  const s = playable.scenario;
  return withRecord({ id: s.id, title: cleanLine(s.title), summary: cleanText(s.summary), contentNote: cleanText(s.contentNote), minutes: s.estimatedMinutes, file: playable.file, completed: false, playable }, records);
}

/** The entry with its completion and best score from the records. */
export function withRecord(entry: CatalogEntry, records: Records): CatalogEntry {
  const record = Object.hasOwn(records, entry.id) ? records[entry.id] : undefined;
  const { bestPercent: _old, ...rest } = entry;
  return record ? { ...rest, completed: true, bestPercent: record.bestPercent } : { ...rest, completed: false };
}

/** Whether a listing result is an entry (not a file left out). */
export function isEntry(e: CatalogEntry | LeftOut): e is CatalogEntry {
  return 'id' in e;
}

/** Library order: by title. */
export function sortEntries(entries: CatalogEntry[]): CatalogEntry[] {
  // In English order whatever the device's language (the titles are English), so the terminal and
  // the browser list the scenarios alike: with no locale named, a Swedish system put "Ä" after "Z".
  return entries.sort((a, b) => BY_TITLE.compare(a.title, b.title));
}
const BY_TITLE = new Intl.Collator('en');

/**
 * The scenario ids two or more listed files share, in words: each file is listed, but completion
 * records are kept by id, and in the app's scenarios folder so is the save (progress/slots.ts).
 * '2 files have the id "game-money" (a.json, b.json): …'. Undefined when every id is its own.
 */
export function sharedIdWords(entries: readonly CatalogEntry[], name: (file: string) => string = (f) => f): string | undefined {
  const byId = new Map<string, string[]>();
  for (const e of entries) byId.set(e.id, [...(byId.get(e.id) ?? []), e.file]);
  const shared = [...byId].filter(([, files]) => files.length > 1);
  if (shared.length === 0) return undefined;
  const files = (list: string[]) => `${list.slice(0, 3).map((f) => cleanLine(name(f))).join(', ')}${list.length > 3 ? ', …' : ''}`;
  const [first] = shared;
  if (shared.length === 1 && first) return `${first[1].length} files have the id "${cleanLine(first[0])}" (${files(first[1])}): each is listed, with one record and one saved playthrough between them. Give each scenario its own id.`;
  const shown = shared.slice(0, 3).map(([id, list]) => `"${cleanLine(id)}" (${files(list)})`).join('; ');
  return `Files share ids: ${shown}${shared.length > 3 ? '; …' : ''}. Each is listed, with one record and one saved playthrough per id. Give each scenario its own id.`;
}

/** "2 files left out: a.json (it is not valid JSON); b.json (it has errors)". */
export function leftOutWords(leftOut: readonly LeftOut[], name: (file: string) => string = (f) => f): string | undefined {
  if (leftOut.length === 0) return undefined;
  const shown = leftOut.slice(0, 3).map((l) => `${cleanLine(name(l.file))} (${l.reason})`).join('; ');
  return `${leftOut.length} file${leftOut.length === 1 ? '' : 's'} left out: ${shown}${leftOut.length > 3 ? '; …' : ''}.`;
}
