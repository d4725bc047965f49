import { compileScenario } from '../src/machines/compile.js';
import { computeBest } from '../src/machines/scoring.js';
import { formatValidation, validateScenario } from '../src/machines/validate/index.js';
import { generateScenario } from './generate.js';
import { unknownFields, unknownReferences } from './hostile.js';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function time(runs: number, fn: () => unknown): number {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return median(samples);
}

/** Times JSON.parse alone against validate + compile + best score, for growing scenarios. */
export function runCoreBench(sizes = [100, 1_000, 10_000, 50_000]): void {
  console.log('\nCore: validate (schema, checks, best-score analysis) + compile, against JSON.parse of the same file (median)');
  const rows: string[][] = [['nodes', 'file MB', 'JSON.parse ms', 'validate ms', 'of which best score ms', 'compile ms', 'total ms', 'total / parse', 'µs per node']];
  for (const size of sizes) {
    const text = JSON.stringify(generateScenario(size), null, 2);
    const runs = size >= 50_000 ? 3 : size >= 10_000 ? 5 : 15;
    if (!validateScenario(text, 'bench.json').ok) throw new Error(`generated scenario of ${size} nodes does not validate`);
    const parse = time(runs, () => JSON.parse(text));
    const phases = { validate: [] as number[], best: [] as number[], compile: [] as number[], total: [] as number[] };
    for (let r = 0; r < runs; r++) {
      // A fresh parse each run, as a real load does, so no per-scenario cache is reused.
      const t0 = performance.now();
      const scenario = validateScenario(text, 'bench.json').scenario!;
      const t1 = performance.now();
      compileScenario(scenario);
      const t2 = performance.now();
      computeBest(scenario);
      const t3 = performance.now();
      phases.validate.push(t1 - t0);
      phases.compile.push(t2 - t1);
      phases.best.push(t3 - t2);
      phases.total.push(t2 - t0);
    }
    const [validate, best, compile, total] = [median(phases.validate), median(phases.best), median(phases.compile), median(phases.total)];
    rows.push([String(size), (text.length / 1e6).toFixed(1), parse.toFixed(1), validate.toFixed(1), best.toFixed(1), compile.toFixed(1), total.toFixed(1), `${(total / parse).toFixed(1)}×`, ((total * 1000) / size).toFixed(1)]);
  }
  printTable(rows);
  console.log('Targets: µs per node roughly flat (linear growth); at 10,000 nodes total within 10× JSON.parse.');
}

/** Prints rows as an aligned text table. */
export function printTable(rows: string[][]): void {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  for (const [i, r] of rows.entries()) {
    console.log(r.map((cell, c) => cell.padStart(widths[c]!)).join('  '));
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
}

/** Hostile files: many unknown references and many unknown fields must stay near-linear. */
export function runHostileBench(): void {
  console.log('\nHostile files: validate + print the report (median of 3); µs per mistake should stay roughly flat');
  const rows: string[][] = [['shape', 'mistakes', 'file MB', 'ms', 'µs per mistake', 'report KB']];
  const shapes: [string, number, (n: number) => string][] = [
    ['unknown references', 5_000, unknownReferences], ['unknown references', 20_000, unknownReferences],
    ['unknown fields', 10_000, unknownFields], ['unknown fields', 100_000, unknownFields],
  ];
  for (const [name, count, make] of shapes) {
    const text = make(count);
    let report = '';
    const ms = time(3, () => (report = formatValidation(validateScenario(text, 'hostile.json'), 'hostile.json')));
    rows.push([name, String(count), (text.length / 1e6).toFixed(1), ms.toFixed(0), ((ms * 1000) / count).toFixed(1), (report.length / 1024).toFixed(0)]);
  }
  printTable(rows);
  console.log('Target: each shape well under 3 s on two cores; the report is capped at 200 problems.');
}
