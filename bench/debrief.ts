import { buildDebrief, debriefModel, type Scenario, type Turn } from '../src/machines/index.js';
import { printTable } from './core.js';
import { generateScenario } from './generate.js';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/**
 * A hostile playthrough (a save edited by hand, or a generated scenario): `decisions` turns, each a
 * critical violation, so the debrief model finds the turn of every one (turnOf).
 */
function hostilePlaythrough(decisions: number): { scenario: Scenario; transcript: Turn[] } {
  const scenario = generateScenario(decisions + 4) as unknown as Scenario;
  const ids = scenario.nodes.filter((n) => n.kind === 'decision').map((n) => n.id);
  const transcript: Turn[] = Array.from({ length: decisions }, (_, i) => {
    const nodeId = ids[i % ids.length] as string;
    return { nodeId, replyId: `${nodeId}-b`, assessments: [{ principle: 'no-picking-up', verdict: 'violates' }], feedback: 'Never pick up a youth who left placement (Prohibited Activities).', changes: [] };
  });
  return { scenario, transcript };
}

/** The debrief model (what every debrief screen, export and report reads) for long playthroughs: it should grow linearly. */
export function runDebriefBench(sizes = [4_000, 16_000, 64_000], runs = 3): void {
  console.log(`\nDebrief model: playthroughs where every decision is a critical violation (median of ${runs}); µs per decision should stay roughly flat`);
  const rows = [['decisions', 'debrief ms', 'model ms', 'µs per decision (model)']];
  for (const size of sizes) {
    const { scenario, transcript } = hostilePlaythrough(size);
    const debrief = buildDebrief(scenario, transcript);
    if (debrief.criticalViolations.length !== size) throw new Error(`expected ${size} critical violations, got ${debrief.criticalViolations.length}`);
    debriefModel(scenario, debrief);
    const build: number[] = [];
    const model: number[] = [];
    for (let i = 0; i < runs; i++) {
      let t = performance.now();
      buildDebrief(scenario, transcript);
      build.push(performance.now() - t);
      t = performance.now();
      debriefModel(scenario, debrief);
      model.push(performance.now() - t);
    }
    rows.push([String(size), median(build).toFixed(1), median(model).toFixed(1), ((median(model) * 1000) / size).toFixed(1)]);
  }
  printTable(rows);
  console.log('(The turn lookup was quadratic: timed alone, 0.3 s at 16,000 decisions and 1.1 s at 32,000; 0.7 s of the model at 16,000 as first reported.)');
}
