import { cleanLine } from '../text/clean.js';
import type { Store } from './store.js';

/** The best result a volunteer has had on one scenario. */
export interface CompletionRecord {
  /** Best score as a percentage of the best the scenario allows. */
  bestPercent: number;
  completions: number;
  /** ISO time of the last completion. */
  lastCompleted: string;
}

/** Completion records by scenario id. */
export type Records = Record<string, CompletionRecord>;

/** Where the records are kept in the store. */
export const RECORDS_KEY = 'records.json';

/** Records read back: repaired entries dropped, and a one-line notice when the file had to be set aside. */
export interface RecordsRead {
  records: Records;
  notice?: string;
}

const isPercent = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n) && n >= 0 && n <= 100;
const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0;

/**
 * The records in a text, repaired: entries that are not well-formed are left out. Undefined when the
 * text is not a records object at all (then the caller moves it aside).
 */
export function parseRecords(text: string): Records | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const out: Records = Object.create(null) as Records;
  for (const [id, r] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof r !== 'object' || r === null) continue;
    const { bestPercent, completions, lastCompleted } = r as Record<string, unknown>;
    if (isPercent(bestPercent) && isCount(completions) && completions > 0) {
      out[cleanLine(id)] = { bestPercent, completions, lastCompleted: typeof lastCompleted === 'string' ? cleanLine(lastCompleted).slice(0, 40) : '' };
    }
  }
  return out;
}

/**
 * Reads the records. A file that cannot be understood is moved aside (never overwritten) and
 * reported in one line, the same rule as for a damaged save.
 */
export function readRecords(store: Store, now = new Date()): RecordsRead {
  let text: string | undefined;
  try {
    text = store.read(RECORDS_KEY);
  } catch (e) {
    return { records: {}, notice: `Your completion records could not be read (${cleanLine((e as Error).message)}).` };
  }
  if (text === undefined) return { records: {} };
  const records = parseRecords(text);
  if (records) return { records };
  const movedTo = store.moveAside(RECORDS_KEY, now);
  return { records: {}, notice: `Your completion records were damaged; they were moved to ${movedTo} and new records were started.` };
}

/** The records with one more completion of a scenario, keeping the best percentage. */
export function mergeCompletion(records: Records, scenarioId: string, percent: number, now = new Date()): Records {
  const old = Object.hasOwn(records, scenarioId) ? records[scenarioId] : undefined;
  return {
    ...records,
    [scenarioId]: {
      bestPercent: Math.max(Math.min(100, Math.max(0, percent)), old?.bestPercent ?? 0),
      completions: (old?.completions ?? 0) + 1,
      lastCompleted: now.toISOString(),
    },
  };
}

/** Adds one completed playthrough to the stored records; returns them with any repair notice. */
export function recordCompletion(store: Store, scenarioId: string, percent: number, now = new Date()): RecordsRead {
  const read = readRecords(store, now);
  const records = mergeCompletion(read.records, scenarioId, percent, now);
  store.write(RECORDS_KEY, `${JSON.stringify(records, null, 2)}\n`);
  return { records, notice: read.notice };
}
