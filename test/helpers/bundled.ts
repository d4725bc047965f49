import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Scenario } from '../../src/machines/schema/scenario.js';
import { validateScenario } from '../../src/machines/validate/index.js';

/** The ten bundled scenarios the briefs ask for, by id (each is scenarios/<id>.json). */
export const BUNDLED_IDS = ['court-report', 'left-placement-calls', 'red-flags', 'trafficker-contact', 'youth-discloses', 'youth-relapses', 'whereabouts-unknown', 'dual-involvement', 'before-relapse', 'boy-red-flags'];

/** The folder of the bundled scenario files. */
export const BUNDLED_DIR = fileURLToPath(new URL('../../scenarios/', import.meta.url));
let loaded: Map<string, Scenario> | undefined;

/** A bundled scenario as the validator reads it (loaded once per test worker); throws when it does not validate. */
export function bundledScenario(id: string): Scenario {
  if (!loaded) {
    loaded = new Map();
    for (const each of BUNDLED_IDS) {
      const result = validateScenario(readFileSync(`${BUNDLED_DIR}${each}.json`), `${each}.json`);
      if (result.scenario) loaded.set(each, result.scenario);
    }
  }
  const s = loaded.get(id);
  if (!s) throw new Error(`${id} did not validate`);
  return s;
}
