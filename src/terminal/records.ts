import { join } from 'node:path';
import { readIfExists, stateDir, writeAtomic } from './state.js';

/** The best result a volunteer has had on one scenario. */
export interface CompletionRecord {
  /** Best score as a percentage of the best the scenario allows. */
  bestPercent: number;
  completions: number;
  lastCompleted: string;
}

/** Completion records by scenario id. */
export type Records = Record<string, CompletionRecord>;

function recordsPath(env: NodeJS.ProcessEnv): string {
  return join(stateDir(env), 'records.json');
}

/** The records, or none when the file is missing or unreadable (they are a convenience, not progress). */
export function readRecords(env: NodeJS.ProcessEnv = process.env): Records {
  try {
    const raw = JSON.parse(readIfExists(recordsPath(env)) ?? '{}') as unknown;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return {};
    const out: Records = {};
    for (const [id, r] of Object.entries(raw as Record<string, Partial<CompletionRecord>>)) {
      if (typeof r?.bestPercent === 'number' && typeof r.completions === 'number') {
        out[id] = { bestPercent: r.bestPercent, completions: r.completions, lastCompleted: String(r.lastCompleted ?? '') };
      }
    }
    return out;
  } catch {
    return {};
  }
}

/** Adds one completed playthrough, keeping the best percentage. */
export function recordCompletion(scenarioId: string, percent: number, env: NodeJS.ProcessEnv = process.env, now = new Date()): Records {
  const records = readRecords(env);
  const old = Object.hasOwn(records, scenarioId) ? records[scenarioId] : undefined;
  records[scenarioId] = {
    bestPercent: Math.max(percent, old?.bestPercent ?? 0),
    completions: (old?.completions ?? 0) + 1,
    lastCompleted: now.toISOString(),
  };
  writeAtomic(recordsPath(env), `${JSON.stringify(records, null, 2)}\n`);
  return records;
}
