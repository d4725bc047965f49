import { createActor, initialTransition, type AnyActorScope, type EventFromLogic, type SnapshotFrom } from 'xstate';
import type { compileScenario } from '../../src/machines/compile.js';

type Machine = ReturnType<typeof compileScenario>;
type Snapshot = SnapshotFrom<Machine>;
type Event = EventFromLogic<Machine>;

/**
 * `transition(machine, snapshot, event)[0]` without its cost per call: xstate's `transition` makes
 * an inert actor scope (a new actor, which computes an initial snapshot) on every call; here one
 * such scope serves every step of the machine (its actions are assigns, resolved by the machine).
 */
export function stepper(machine: Machine): (snapshot: Snapshot, event: Event) => Snapshot {
  const self = createActor(machine, { input: { mode: 'practice' } });
  const scope: AnyActorScope = { self, id: '', sessionId: '', logger: () => {}, defer: () => {}, emit: () => {}, system: self.system, stopChild: () => {}, actionExecutor: () => {} };
  return (snapshot, event) => machine.transition(snapshot, event, scope);
}

/**
 * The snapshot after the event, or undefined when the state cannot take it, worked out once: xstate
 * hands back the snapshot it was given when no transition is enabled (what `snapshot.can(event)`
 * tells, by working out the same guards again). Checked against `can` in test/machines/machine-steps.test.ts.
 */
export function taker(machine: Machine): (snapshot: Snapshot, event: Event) => Snapshot | undefined {
  const step = stepper(machine);
  return (snapshot, event) => {
    const next = step(snapshot, event);
    return next === snapshot ? undefined : next;
  };
}

/** A state the search reached first: its snapshot, and the events of a shortest way there from the start. */
export interface Reached { snapshot: Snapshot; events: Event[] }

/**
 * The finished states of a practice session (told apart by `key`), each with a shortest way there
 * (fewest events), searched breadth first through the compiled machine, as xstate/graph's
 * getShortestPaths finds them, for the cost of one step per way between two states: each step
 * taken once (getShortestPaths steps every event, those the state cannot take too, and its paths
 * are then replayed from the start one by one), an event followed only where the state takes it.
 */
export function shortestWaysToDone(machine: Machine, events: (snapshot: Snapshot) => Event[], key: (snapshot: Snapshot) => string): Reached[] {
  const take = taker(machine);
  const [start] = initialTransition(machine, { mode: 'practice' });
  /** Each state met, with the state and event it was first reached from (a tree: the ways are walked back from it). */
  const from = new Map<string, { snapshot: Snapshot; parent?: string; event?: Event }>([[key(start), { snapshot: start }]]);
  const done: string[] = [];
  for (let queue = [key(start)], at = 0; at < queue.length; at++) {
    const k = queue[at] as string;
    const { snapshot } = from.get(k)!;
    if (snapshot.status === 'done') {
      done.push(k);
      continue;
    }
    for (const event of events(snapshot)) {
      const next = take(snapshot, event);
      if (!next) continue;
      const nk = key(next);
      if (from.has(nk)) continue;
      from.set(nk, { snapshot: next, parent: k, event });
      queue.push(nk);
    }
  }
  return done.map((k) => {
    const reached: Event[] = [];
    for (let at = from.get(k); at?.event; at = from.get(at.parent!)) reached.push(at.event);
    return { snapshot: from.get(k)!.snapshot, events: reached.reverse() };
  });
}
