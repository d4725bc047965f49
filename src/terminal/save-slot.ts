import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Scenario } from '../machines/schema/scenario.js';
import { stateDir } from './state.js';

/** Where saves live; kept free of the core so the picker can check for a save without loading it. */
/** The folder of saved sessions: one file per scenario (and per --from start), so one never overwrites another. */
export function savesDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(stateDir(env), 'saves');
}

/** The save file for a playthrough. */
export function savePath(playable: { scenario: Pick<Scenario, 'id'>; from?: string }, env: NodeJS.ProcessEnv = process.env): string {
  const key = playable.from === undefined ? playable.scenario.id : `${playable.scenario.id}--from-${playable.from}`;
  return join(savesDir(env), `${key}.json`);
}

/** The most recently written save, if any. */
export function latestSave(env: NodeJS.ProcessEnv = process.env): string | undefined {
  let names: string[];
  try {
    names = readdirSync(savesDir(env)).filter((n) => n.endsWith('.json'));
  } catch {
    return undefined;
  }
  const dated = names.map((n) => join(savesDir(env), n)).map((p) => ({ p, t: statSync(p).mtimeMs }));
  dated.sort((a, b) => b.t - a.t);
  return dated[0]?.p;
}

/** Whether a saved session is waiting. */
export function hasSave(env: NodeJS.ProcessEnv = process.env): boolean {
  return latestSave(env) !== undefined;
}

