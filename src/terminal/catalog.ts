import type { Scenario } from '../machines/schema/scenario.js';
import { loadScenarioFile, scenarioFilesIn } from './files.js';
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
  playable: PlayableScenario;
}

/** Every valid scenario in a folder (default: the bundled scenarios); files with errors are left out. */
export function loadCatalog(dir: string = scenariosDir()): CatalogEntry[] {
  let files: string[];
  try {
    files = scenarioFilesIn(dir);
  } catch {
    return [];
  }
  const out: CatalogEntry[] = [];
  for (const file of files) {
    let scenario: Scenario | undefined;
    try {
      scenario = loadScenarioFile(file).result.scenario;
    } catch {
      continue;
    }
    if (scenario) out.push(entryOf({ scenario, file }));
  }
  return out.sort((a, b) => a.title.localeCompare(b.title));
}

/** The picker entry for one playable scenario. */
export function entryOf(playable: PlayableScenario): CatalogEntry {
  const s = playable.scenario;
  return { id: s.id, title: s.title, summary: s.summary, contentNote: s.contentNote, minutes: s.estimatedMinutes, playable };
}

/** The entry with its display text cleaned of terminal escapes (the scenario itself untouched). */
export function cleanEntry(e: CatalogEntry): CatalogEntry {
  return { ...e, title: cleanText(e.title), summary: cleanText(e.summary), contentNote: cleanText(e.contentNote) };
}
