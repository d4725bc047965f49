import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createActor } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import { describe, expect, it } from 'vitest';
import { compileScenario } from '../../src/machines/compile.js';
import { indexScenario, replyValue } from '../../src/machines/scenario-index.js';
import { analyseBest, type Debrief } from '../../src/machines/scoring.js';
import type { Scenario } from '../../src/machines/schema/scenario.js';
import type { SessionEvent } from '../../src/machines/types.js';
import { validateScenario } from '../../src/machines/validate/index.js';
import { fixturePath } from '../helpers/fixtures.js';

const scenariosDir = fileURLToPath(new URL('../../scenarios/', import.meta.url));
const files = [
  fixturePath('good/example.json'),
  ...readdirSync(scenariosDir).filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json')).map((f) => `${scenariosDir}${f}`),
];

function load(file: string): Scenario {
  const result = validateScenario(readFileSync(file), file);
  if (!result.scenario) throw new Error(`${file} does not validate`);
  return result.scenario;
}

describe.each(files.map((f) => [f.split('/').pop() as string, f]))('model-based play of %s', (_name, file) => {
  const scenario = load(file);
  const index = indexScenario(scenario);
  const machine = compileScenario(scenario);
  const endings = scenario.nodes.filter((n) => n.kind === 'ending').map((n) => n.id);

  // States are told apart by node and variables only: the transcript would make every path unique.
  const paths = getShortestPaths(machine, {
    input: { mode: 'practice' },
    events: (snapshot): SessionEvent[] => {
      const node = index.nodes.get(String(snapshot.value));
      if (node?.kind === 'scene') return [{ type: 'scene.continue' }];
      if (node?.kind === 'decision') return node.replies.map((r): SessionEvent => ({ type: 'reply.choose', replyId: r.id }));
      return [];
    },
    serializeState: (snapshot) => `${String(snapshot.value)} ${JSON.stringify(snapshot.context.variables)}`,
    toState: (snapshot) => snapshot.status === 'done',
  });

  // States are node and variables only, and routes into a strong ending read the score (80% or
  // more): the shortest way to a state may be too poor for it, so the best replies are played too.
  it('reaches every ending (the shortest paths, and the best replies every time)', () => {
    const actor = createActor(machine, { input: { mode: 'practice' } }).start();
    for (let i = 0; i < 500 && actor.getSnapshot().status !== 'done'; i++) {
      const node = index.nodes.get(String(actor.getSnapshot().value));
      if (node?.kind === 'scene') actor.send({ type: 'scene.continue' });
      else if (node?.kind === 'decision') {
        const open = node.replies.filter((r) => actor.getSnapshot().can({ type: 'reply.choose', replyId: r.id }));
        const top = open.reduce((a, b) => (replyValue(b) > replyValue(a) ? b : a));
        actor.send({ type: 'reply.choose', replyId: top.id });
      }
    }
    const reached = new Set(paths.map((p) => String(p.state.value)));
    reached.add(String(actor.getSnapshot().value));
    expect(reached).toEqual(new Set(endings));
  });

  it('replays the shortest path to each ending through the compiled machine and checks the debrief', () => {
    const best = analyseBest(scenario).best;
    for (const path of paths) {
      const actor = createActor(machine, { input: { mode: 'practice' } }).start();
      let earned = 0;
      for (const step of path.steps) {
        if ((step.event as { type: string }).type === 'xstate.init') continue;
        const event = step.event;
        // Checked on every step; expect is called (and fails) only when the event cannot be taken,
        // as its per-call cost was a fifth of this file's time.
        if (!actor.getSnapshot().can(event)) expect(actor.getSnapshot().can(event), `${JSON.stringify(event)} at ${String(actor.getSnapshot().value)}`).toBe(true);
        actor.send(event);
        if (event.type === 'reply.choose') earned += replyValue(index.replies.get(event.replyId)!.reply);
      }
      const snap = actor.getSnapshot();
      const debrief = snap.output as Debrief | undefined;
      const raw = best <= 0 ? 0 : Math.max(0, Math.min(100, Math.round((100 * earned) / best)));
      const firstNonCritical = debrief ? debrief.principles.findIndex((p) => !(p.status === 'violated' && p.severity === 'critical')) : -1;
      const criticalRows = debrief ? debrief.principles.filter((p) => p.status === 'violated' && p.severity === 'critical').length : -1;
      // One expect per path (its per-call cost dominated this file), comparing everything the path is checked for.
      expect({
        status: snap.status,
        value: snap.value,
        ending: debrief?.ending?.id,
        earned: debrief?.score.earned,
        best: debrief?.score.best,
        percent: debrief?.score.percent,
        criticalRowsFirst: firstNonCritical === -1 ? debrief?.principles.length : firstNonCritical,
        turns: debrief?.turns.length,
      }).toStrictEqual({
        status: 'done',
        value: path.state.value,
        ending: String(path.state.value),
        earned,
        best,
        // A critical violation caps the percentage at 50, whatever the points.
        percent: debrief && debrief.criticalViolations.length > 0 ? Math.min(50, raw) : raw,
        // The critical violations are listed first.
        criticalRowsFirst: criticalRows,
        turns: snap.context.transcript.length,
      });
    }
  });

  it('the best-practice path scores 100%', () => {
    const best = analyseBest(scenario);
    const actor = createActor(machine, { input: {} }).start();
    for (const step of best.path) {
      while (actor.getSnapshot().can({ type: 'scene.continue' })) actor.send({ type: 'scene.continue' });
      actor.send({ type: 'reply.choose', replyId: step.replyId });
    }
    while (actor.getSnapshot().can({ type: 'scene.continue' })) actor.send({ type: 'scene.continue' });
    expect((actor.getSnapshot().output as Debrief).score.percent).toBe(100);
  });
});
