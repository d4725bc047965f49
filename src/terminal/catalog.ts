import { readFileSync } from 'node:fs';
import { scenarioFilesIn } from './scenario-files.js';
import { scenariosDir } from './paths.js';
import { cleanText } from './sanitize.js';
import type { PlayableScenario } from './scenario-source.js';

/** A scenario as the picker lists it. */
export interface CatalogEntry {
  id: string;
  title: string;
  summary: string;
  contentNote: string;
  minutes: number;
  /** Absolute path of the scenario file. */
  file: string;
  /** Present once the file has been validated. */
  playable?: PlayableScenario;
}

/**
 * A quick listing for the picker's first frame: reads each file's picker fields without
 * validating it (validation loads the schema and analyses the graph, which would slow start-up).
 * The app validates the list right after the first frame and drops files with errors.
 */
export function listCatalog(dir: string = scenariosDir()): CatalogEntry[] {
  let files: string[];
  try {
    files = scenarioFilesIn(dir);
  } catch {
    return [];
  }
  const out: CatalogEntry[] = [];
  for (const file of files) {
    try {
      const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      const { id, title, summary, contentNote, estimatedMinutes } = raw;
      if (typeof id === 'string' && typeof title === 'string' && typeof summary === 'string' && typeof contentNote === 'string' && typeof estimatedMinutes === 'number') {
        out.push({ id, title, summary, contentNote, minutes: estimatedMinutes, file });
      }
    } catch {
      // unreadable or not JSON: not offered
    }
  }
  return sortEntries(out);
}

/** Picker order: by title. */
export function sortEntries(entries: CatalogEntry[]): CatalogEntry[] {
  return entries.sort((a, b) => a.title.localeCompare(b.title));
}

/** The picker entry for one playable scenario. */
export function entryOf(playable: PlayableScenario): CatalogEntry {
  const s = playable.scenario;
  return { id: s.id, title: s.title, summary: s.summary, contentNote: s.contentNote, minutes: s.estimatedMinutes, file: playable.file, playable };
}

/** The entry with its display text cleaned of terminal escapes (the scenario itself untouched). */
export function cleanEntry(e: CatalogEntry): CatalogEntry {
  return { ...e, title: cleanText(e.title), summary: cleanText(e.summary), contentNote: cleanText(e.contentNote) };
}
