// Ending integrity: the exploration of reachable states, per bundled scenario and on generated ones.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exploreScenario, STATE_LIMIT, STATES_PER_NODE } from '../src/machines/audit/explore.js';
import { validateScenario } from '../src/machines/validate/index.js';
import type { Scenario } from '../src/machines/schema/scenario.js';
import { printTable } from './core.js';
import { generateScenario } from './generate.js';

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
}

/** Times the exploration (fresh each run: it is memoised per scenario object). */
function timeExplore(scenario: Scenario, runs = 5): { ms: number; states: number; complete: boolean } {
  let last = exploreScenario(structuredClone(scenario));
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const copy = structuredClone(scenario);
    const t0 = performance.now();
    last = exploreScenario(copy);
    samples.push(performance.now() - t0);
  }
  return { ms: median(samples), states: last.states, complete: last.complete };
}

export function runIntegrityBench(): void {
  console.log(`\nEnding integrity: reachable states explored (median of 5 after a warm-up; the bound is ${STATE_LIMIT.toLocaleString('en-US')} states, or ${STATES_PER_NODE} per node when more)`);
  const rows: string[][] = [['scenario', 'nodes', 'states', 'complete', 'ms', 'µs per state']];
  const dir = join(import.meta.dirname, '..', 'scenarios');
  const scenarios: [string, Scenario][] = readdirSync(dir).filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json')).flatMap((f) => {
    const s = validateScenario(readFileSync(join(dir, f)), f).scenario;
    return s ? [[f.replace(/\.json$/, ''), s] as [string, Scenario]] : [];
  });
  for (const n of [1_000, 10_000, 50_000]) {
    const s = validateScenario(JSON.stringify(generateScenario(n)), 'generated.json').scenario;
    if (s) scenarios.push([`generated`, s]);
  }
  for (const [name, s] of scenarios) {
    const r = timeExplore(s);
    rows.push([name, String(s.nodes.length), r.states.toLocaleString('en-US'), r.complete ? 'yes' : 'no (bound)', r.ms.toFixed(1), ((1000 * r.ms) / Math.max(1, r.states)).toFixed(2)]);
  }
  printTable(rows);
}
