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

/**
 * A hostile scenario: `variables` more variables, and at its first decision `replies` replies, each
 * shown only when a condition holds; a playthrough (a hand-edited save) of `decisions` turns there,
 * each changing a value. What was offered at each turn (offeredAtTurns) is worked out again for the
 * debrief: it once copied every value at every turn (4.5 s for 1,000 variables and 16,000 turns).
 */
function conditionalPlaythrough(replies: number, variables: number, decisions: number): { scenario: Scenario; transcript: Turn[] } {
  const s = generateScenario(20) as { variables: unknown[]; nodes: { kind: string; id: string; replies?: Record<string, unknown>[] }[] };
  s.variables.push(...Array.from({ length: variables }, (_, k) => ({ id: `v${k}`, label: `Value ${k}`, min: 0, max: 100, start: 0 })));
  const decision = s.nodes.find((n) => n.kind === 'decision') as { id: string; replies: Record<string, unknown>[] };
  const base = decision.replies[0] as Record<string, unknown>;
  decision.replies = Array.from({ length: replies }, (_, k) => ({ ...base, id: `w${k}`, when: { var: 'trust', gte: k % 100 },
    assessments: [{ principle: k % 2 ? 'non-judgmental' : 'youth-centered', verdict: 'follows', weight: 1 + (k % 3) }] }));
  const transcript = Array.from({ length: decisions }, (_, i) => ({ nodeId: decision.id, replyId: `w${i % replies}`, assessments: [{ principle: 'non-judgmental', verdict: 'follows' }],
    feedback: 'Kind (Red Flags).', changes: [{ var: 'trust', from: 50, to: (i * 7) % 100 }] })) as unknown as Turn[];
  return { scenario: s as unknown as Scenario, transcript };
}

/** The debrief of playthroughs at decisions with conditional replies, in scenarios of many variables or many replies. */
export function runConditionalDebriefBench(runs = 3): void {
  console.log(`\nDebrief of a playthrough at a decision of conditional replies (median of ${runs}); µs per turn should not grow with the variables`);
  const rows = [['replies', 'variables', 'turns', 'debrief ms', 'µs per turn']];
  for (const [replies, variables, decisions] of [[3, 1_000, 4_000], [3, 1_000, 16_000], [1_000, 1, 4_000], [1_000, 1, 16_000]] as const) {
    const { scenario, transcript } = conditionalPlaythrough(replies, variables, decisions);
    buildDebrief(scenario, transcript);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      buildDebrief(scenario, transcript);
      times.push(performance.now() - t);
    }
    rows.push([String(replies), String(variables), String(decisions), median(times).toFixed(0), ((median(times) * 1000) / decisions).toFixed(1)]);
  }
  printTable(rows);
  console.log('(Copying every value at every turn took 1.2 s at 1,000 variables and 4,000 turns and 4.5 s at 16,000. A decision of 1,000 replies costs about 1,000 times a reply per turn: every reply there is a chance the debrief weighs.)');
}
