import { toSvg } from '../src/machines/graph-layout.js';
import { layoutScenario, type Scenario } from '../src/machines/index.js';
import { printTable } from './core.js';
import { generateScenario } from './generate.js';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** The graph drawing (`graph --format svg`, the web preview's picture): layout and SVG time by size. */
export function runGraphBench(sizes = [100, 1_000, 10_000], runs = 3): void {
  console.log(`\nGraph: layout and SVG of generated scenarios (median of ${runs} after a warm-up)`);
  const rows = [['nodes', 'layout ms', 'svg ms (with layout)', 'µs per node', 'width px', 'svg MB']];
  for (const size of sizes) {
    const s = generateScenario(size) as unknown as Scenario;
    layoutScenario(s);
    const layout: number[] = [];
    const svg: number[] = [];
    let width = 0;
    let bytes = 0;
    for (let i = 0; i < runs; i++) {
      let t = performance.now();
      width = layoutScenario(s).width;
      layout.push(performance.now() - t);
      t = performance.now();
      bytes = toSvg(s).length;
      svg.push(performance.now() - t);
    }
    rows.push([String(size), median(layout).toFixed(1), median(svg).toFixed(1), ((median(svg) * 1000) / size).toFixed(0), String(width), (bytes / 1e6).toFixed(2)]);
  }
  printTable(rows);
  console.log('The web preview draws up to 400 nodes (bundled scenarios have under 50); the command line draws any size.');
}
