import { join } from 'node:path';
import type { Debrief } from '../machines/scoring.js';
import type { Scenario } from '../machines/schema/scenario.js';
import { debriefMarkdown } from './debrief-markdown.js';
import { debriefModel } from './debrief-model.js';
import { fileStamp, stateDir, writeAtomic } from './state.js';

/** Where exports and session summaries go: <state dir>/exports. */
export function exportsDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(stateDir(env), 'exports');
}

/** Writes the debrief as Markdown and JSON; returns both paths. */
export function exportDebrief(scenario: Scenario, debrief: Debrief, env: NodeJS.ProcessEnv = process.env, now = new Date()): { markdown: string; json: string } {
  const base = join(exportsDir(env), `${scenario.id}-debrief-${fileStamp(now)}`);
  const markdown = `${base}.md`;
  const json = `${base}.json`;
  writeAtomic(markdown, debriefMarkdown(debriefModel(scenario, debrief)));
  writeAtomic(json, `${JSON.stringify(debrief, null, 2)}\n`);
  return { markdown, json };
}
