import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Scenario } from '../../src/machines/schema/scenario.js';
import { validateScenario } from '../../src/machines/validate/index.js';

/** The folder of the bundled scenario files. */
export const BUNDLED_DIR = fileURLToPath(new URL('../../scenarios/', import.meta.url));
/**
 * Every bundled scenario, by id (each is scenarios/<id>.json): the ten the briefs ask for (pinned in
 * test/scenarios/requirements.test.ts) and any added since, so that a new scenario is held to the
 * same checks without a list to update.
 */
export const BUNDLED_IDS = readdirSync(BUNDLED_DIR).filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json')).map((f) => f.slice(0, -'.json'.length)).sort();
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

/** A bundled scenario's decision, by id; throws when there is no decision of that id. */
export function bundledDecision(id: string, nodeId: string) {
  const n = bundledScenario(id).nodes.find((x) => x.id === nodeId);
  if (n?.kind !== 'decision') throw new Error(`${id} has no decision ${nodeId}`);
  return n;
}

/** A reply of a bundled scenario's decision, by ids; throws when there is none. */
export function bundledReply(id: string, nodeId: string, replyId: string) {
  const r = bundledDecision(id, nodeId).replies.find((x) => x.id === replyId);
  if (!r) throw new Error(`${id}/${nodeId} has no reply ${replyId}`);
  return r;
}
