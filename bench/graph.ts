import { toSvg } from '../src/machines/graph-layout.js';
import { drawingSize, GraphTooLarge, layoutScenario, type Scenario } from '../src/machines/index.js';
import { printTable } from './core.js';
import { generateScenario, withLongArrows, withUnreachable } from './generate.js';

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
  console.log('The web preview draws up to 400 nodes (bundled scenarios have under 50).');

  // Hostile shapes: nodes no playthrough reaches (laid in the top row, they took 4.5 s at 1,100
  // nodes and ran out of memory at 11,000), and arrows from every row to the last (refused: their
  // layout grows with the square of the size).
  console.log('\nGraph, hostile shapes: SVG time, or the refusal (see DRAWING_LIMITS)');
  const hostile = [['shape', 'nodes', 'points passed', 'svg ms', 'µs per node']];
  const shapes: [string, number, () => Record<string, unknown>][] = [
    ['10% unreachable', 1_100, () => withUnreachable(1_100, 100)], ['10% unreachable', 11_000, () => withUnreachable(11_000, 1_000)],
    ['arrows to the last row', 300, () => withLongArrows(300)], ['arrows to the last row', 3_000, () => withLongArrows(3_000)],
  ];
  for (const [name, size, make] of shapes) {
    const s = make() as unknown as Scenario;
    const { passPoints } = drawingSize(s);
    const t = performance.now();
    let drawn = true;
    try {
      toSvg(s);
    } catch (e) {
      if (!(e instanceof GraphTooLarge)) throw e;
      drawn = false;
    }
    const ms = performance.now() - t;
    hostile.push([name, String(size), String(passPoints), drawn ? ms.toFixed(0) : `refused in ${ms.toFixed(0)}`, drawn ? ((ms * 1000) / size).toFixed(0) : '']);
  }
  printTable(hostile);
}
