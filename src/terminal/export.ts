import { join } from 'node:path';
import { debriefExport, facilitationMarkdown, fileStamp, summaryBaseName, type Debrief, type FacilitatedDecision, type Scenario } from '../machines/index.js';
import { stateDir, writeAtomic } from './state.js';

/** Where exports and session summaries go: <state dir>/exports. */
export function exportsDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(stateDir(env), 'exports');
}

/** Writes the debrief as Markdown and JSON; returns both paths. */
export function exportDebrief(scenario: Scenario, debrief: Debrief, env: NodeJS.ProcessEnv = process.env, now = new Date()): { markdown: string; json: string } {
  const files = debriefExport(scenario, debrief, now);
  const base = join(exportsDir(env), files.baseName);
  writeAtomic(`${base}.md`, files.markdown);
  writeAtomic(`${base}.json`, files.json);
  return { markdown: `${base}.md`, json: `${base}.json` };
}

/** Writes a trainer-led session's summary to the exports folder and returns its path. */
export function writeSessionSummary(scenario: Scenario, decisions: readonly FacilitatedDecision[], debrief: Debrief | undefined, env: NodeJS.ProcessEnv = process.env, now = new Date()): string {
  const path = join(exportsDir(env), `${summaryBaseName(scenario, fileStamp(now))}.md`);
  writeAtomic(path, facilitationMarkdown(scenario, decisions, debrief, now));
  return path;
}
