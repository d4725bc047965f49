import type { Debrief, Scenario, SessionMode, Store, Turn } from '../machines/index.js';

/**
 * Each completed playthrough, for "My records" (the core's records keep only the best score per
 * scenario). Kept under one key, versioned; a damaged list is moved aside by the caller's notice.
 */
export const HISTORY_KEY = 'history.json';

export interface HistoryEntry {
  id: string;
  scenarioId: string;
  scenarioVersion: number;
  title: string;
  mode: SessionMode;
  startedAt: string;
  completedAt: string;
  minutes: number;
  percent: number;
  band: string;
  label: string;
  seed?: number;
  transcript: Turn[];
}

interface HistoryFile {
  format: 'casa-practice-history';
  formatVersion: 1;
  entries: HistoryEntry[];
}

export function readHistory(store: Store): { entries: HistoryEntry[]; notice?: string } {
  let text: string | undefined;
  try {
    text = store.read(HISTORY_KEY);
  } catch {
    return { entries: [], notice: 'Your list of completed practices could not be read in this browser.' };
  }
  if (text === undefined) return { entries: [] };
  try {
    const file = JSON.parse(text) as Partial<HistoryFile>;
    if (file.format === 'casa-practice-history' && file.formatVersion === 1 && Array.isArray(file.entries)) return { entries: file.entries.filter(isEntry) };
  } catch {
    // moved aside below
  }
  const to = store.moveAside(HISTORY_KEY);
  return { entries: [], notice: `Your list of completed practices was damaged or from another version; it was set aside (${to}) and a new list was started.` };
}

function isEntry(e: unknown): e is HistoryEntry {
  if (typeof e !== 'object' || e === null) return false;
  const r = e as Record<string, unknown>;
  return typeof r.id === 'string' && typeof r.scenarioId === 'string' && typeof r.title === 'string' && typeof r.completedAt === 'string'
    && typeof r.percent === 'number' && typeof r.minutes === 'number' && (r.mode === 'practice' || r.mode === 'assessment') && Array.isArray(r.transcript);
}

export function addHistory(store: Store, p: { scenario: Scenario; debrief: Debrief; mode: SessionMode; startedAt: string; transcript: Turn[]; seed?: number }, now = new Date()): HistoryEntry {
  const { entries } = readHistory(store);
  const started = Date.parse(p.startedAt);
  const entry: HistoryEntry = {
    id: crypto.randomUUID ? crypto.randomUUID() : uuid(),
    scenarioId: p.scenario.id,
    scenarioVersion: p.scenario.version,
    title: p.debrief.title,
    mode: p.mode,
    startedAt: p.startedAt,
    completedAt: now.toISOString(),
    minutes: Number.isFinite(started) ? Math.max(0, Math.round((now.getTime() - started) / 60000)) : 0,
    percent: p.debrief.score.percent,
    band: p.debrief.outcome.band,
    label: p.debrief.outcome.label,
    ...(p.seed !== undefined ? { seed: p.seed } : {}),
    transcript: p.transcript,
  };
  const file: HistoryFile = { format: 'casa-practice-history', formatVersion: 1, entries: [...entries, entry] };
  store.write(HISTORY_KEY, JSON.stringify(file));
  return entry;
}

function uuid(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
