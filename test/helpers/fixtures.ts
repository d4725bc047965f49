import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { validateScenario } from '../../src/machines/validate/index.js';
import type { Scenario } from '../../src/machines/schema/scenario.js';

/** Absolute path of a file under test/fixtures/. */
export function fixturePath(name: string): string {
  return fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
}

/** The bytes of a fixture file. */
export function readFixture(name: string): Buffer {
  return readFileSync(fixturePath(name));
}

/** A fixture that must validate; fails the test with the problems otherwise. */
export function loadValidFixture(name: string): Scenario {
  const result = validateScenario(readFixture(name), name);
  if (!result.scenario) throw new Error(`fixture ${name} is invalid:\n${result.problems.map((p) => p.message).join('\n')}`);
  return result.scenario;
}
