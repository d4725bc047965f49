import { createActor } from 'xstate';
import { describe, expect, it } from 'vitest';
import { compileScenario } from '../../src/machines/compile.js';
import { indexScenario, replyValue } from '../../src/machines/scenario-index.js';
import { analyseBest, type Debrief } from '../../src/machines/scoring.js';
import type { Scenario } from '../../src/machines/schema/scenario.js';
import type { SessionEvent } from '../../src/machines/types.js';
import { BUNDLED_IDS, bundledScenario } from '../helpers/bundled.js';
import { loadValidFixture } from '../helpers/fixtures.js';
import { shortestWaysToDone, type Reached } from '../helpers/machine-steps.js';

const cases: [string, () => Scenario][] = [
  ['example.json', () => loadValidFixture('good/example.json')],
  // Validated once per worker (other files read them too).
  ...BUNDLED_IDS.map((id): [string, () => Scenario] => [`${id}.json`, () => bundledScenario(id)]),
];

describe.each(cases)('model-based play of %s', (_name, load) => {
  // Worked out when a test of this scenario first runs (not while the file is collected: a run of
  // one test, -t, then pays for its own scenario only), and once for the tests below.
  let model: { scenario: Scenario; index: ReturnType<typeof indexScenario>; machine: ReturnType<typeof compileScenario>; endings: string[]; paths: Reached[] } | undefined;
  const get = () => {
    if (model) return model;
    const scenario = load();
    const index = indexScenario(scenario);
    const machine = compileScenario(scenario);
    const endings = scenario.nodes.filter((n) => n.kind === 'ending').map((n) => n.id);
    // States are told apart by node and variables only: the transcript would make every path unique.
    const paths = shortestWaysToDone(
      machine,
      (snapshot): SessionEvent[] => {
        const node = index.nodes.get(String(snapshot.value));
        if (node?.kind === 'scene') return [{ type: 'scene.continue' }];
        if (node?.kind === 'decision') return node.replies.map((r): SessionEvent => ({ type: 'reply.choose', replyId: r.id }));
        return [];
      },
      (snapshot) => `${String(snapshot.value)} ${JSON.stringify(snapshot.context.variables)}`,
    );
    return (model = { scenario, index, machine, endings, paths });
  };

  // States are node and variables only, and routes into a strong ending read the score (80% or
  // more): the shortest way to a state may be too poor for it, so the best replies are played too.
  it('reaches every ending (the shortest paths, and the best replies every time)', () => {
    const { index, machine, endings, paths } = get();
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
    const reached = new Set(paths.map((p) => String(p.snapshot.value)));
    reached.add(String(actor.getSnapshot().value));
    expect(reached).toEqual(new Set(endings));
  });

  it('replays the shortest path to each ending through the compiled machine and checks the debrief', () => {
    const { scenario, index, machine, paths } = get();
    const best = analyseBest(scenario).best;
    // Every finished state (node and variables) the search reached through the compiled machine,
    // its debrief checked against the replies of the shortest way there. Each step was taken once,
    // from the state before it (replaying each way from the start cost its length again: 60,000
    // steps for the 3,800 ways of testifying.json, against 20,000 between its states).
    for (const path of paths) {
      let earned = 0;
      for (const event of path.events) if (event.type === 'reply.choose') earned += replyValue(index.replies.get(event.replyId)!.reply);
      const snap = path.snapshot;
      const debrief = snap.output as Debrief | undefined;
      const raw = best <= 0 ? 0 : Math.max(0, Math.min(100, Math.round((100 * earned) / best)));
      const firstNonCritical = debrief ? debrief.principles.findIndex((p) => !(p.status === 'violated' && p.severity === 'critical')) : -1;
      const criticalRows = debrief ? debrief.principles.filter((p) => p.status === 'violated' && p.severity === 'critical').length : -1;
      // One expect per path (its per-call cost dominated this file), comparing everything the path is checked for.
      expect({
        status: snap.status,
        ending: debrief?.ending?.id,
        earned: debrief?.score.earned,
        best: debrief?.score.best,
        percent: debrief?.score.percent,
        criticalRowsFirst: firstNonCritical === -1 ? debrief?.principles.length : firstNonCritical,
        turns: debrief?.turns.length,
      }).toStrictEqual({
        status: 'done',
        ending: String(snap.value),
        earned,
        best,
        // A critical violation caps the percentage at 50, whatever the points.
        percent: debrief && debrief.criticalViolations.length > 0 ? Math.min(50, raw) : raw,
        // The critical violations are listed first.
        criticalRowsFirst: criticalRows,
        turns: snap.context.transcript.length,
      });
    }
    // And a session (an actor, as the apps run it) playing the shortest way to each ending takes
    // every step and finishes where the search did, with the same debrief.
    const firstTo = new Map<string, Reached>();
    for (const path of paths) if (!firstTo.has(String(path.snapshot.value))) firstTo.set(String(path.snapshot.value), path);
    for (const path of firstTo.values()) {
      const actor = createActor(machine, { input: { mode: 'practice' } }).start();
      for (const event of path.events) {
        if (!actor.getSnapshot().can(event)) expect(actor.getSnapshot().can(event), `${JSON.stringify(event)} at ${String(actor.getSnapshot().value)}`).toBe(true);
        actor.send(event);
      }
      expect({ status: actor.getSnapshot().status, value: actor.getSnapshot().value, output: actor.getSnapshot().output })
        .toStrictEqual({ status: 'done', value: path.snapshot.value, output: path.snapshot.output });
    }
  });

  it('the best-practice path scores 100%', () => {
    const { scenario, machine } = get();
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
