import { assertEvent, assign, setup, type AnyStateMachine, type AnyStateNode } from 'xstate';
import { applyEffects, initialVariables, mergeChanges, readsConduct, whenHolds } from './conditions.js';
import { conductAfter, conductCarried, conductOf, NO_CONDUCT } from './conduct.js';
import { isSeed } from './reply-order.js';
import { indexScenario, routesOf, type ScenarioIndex } from './scenario-index.js';
import { analyseBest, buildDebrief, type Debrief } from './scoring.js';
import type { Route, Scenario, ScenarioNode } from './schema/scenario.js';
import type { SessionContext, SessionEvent, SessionInput, Tallies, Turn } from './types.js';

/** A guard or action reference as it appears in the machine config: a name and JSON params. */
interface Named<P> {
  type: string;
  params: P;
}

interface TransitionConfig {
  target: string;
  guard?: Named<Record<string, string | number>>;
  actions?: Named<Record<string, string | number>>[];
}

/** The JSON-serialisable part of a compiled scenario: one state per node, named guards and actions only. */
export interface MachineConfigJson {
  id: string;
  initial: string;
  states: Record<string, { type?: 'final'; output?: { ending: string }; on?: Record<string, TransitionConfig[]> }>;
  on: Record<string, TransitionConfig[]>;
}

type On = Record<string, TransitionConfig[]>;

/** The transitions of one scene or decision state. */
function stateOn(node: Exclude<ScenarioNode, { kind: 'ending' }>): On {
  if (node.kind === 'scene') {
    return {
      'scene.continue': routesOf(node.next).map((route, r) => ({
        target: route.to,
        guard: { type: 'sceneRoute', params: { node: node.id, route: r } },
        actions: node.effects?.length ? [{ type: 'applySceneEffects', params: { node: node.id } }] : [],
      })),
    };
  }
  const choose: TransitionConfig[] = [];
  for (const reply of node.replies) {
    const routes = routesOf(reply.next);
    for (let r = 0; r < routes.length; r++) {
      choose.push({
        target: (routes[r] as Route).to,
        guard: { type: 'replyRoute', params: { reply: reply.id, route: r } },
        actions: [{ type: 'recordReply', params: { reply: reply.id } }],
      });
    }
  }
  return { 'reply.choose': choose };
}

/** The machine-level transitions: undo back to any decision, and restart. */
function rootOn(scenario: Scenario, nodes: Iterable<ScenarioNode>): On {
  const undo: TransitionConfig[] = [];
  for (const node of nodes) {
    if (node.kind === 'decision') undo.push({ target: `.${node.id}`, guard: { type: 'canUndoTo', params: { node: node.id } }, actions: [{ type: 'undoDecision', params: {} }] });
  }
  return {
    'decision.undo': undo,
    'scenario.restart': [{ target: `.${scenario.start}`, actions: [{ type: 'restart', params: {} }] }],
  };
}

/**
 * The machine config for a scenario, as plain JSON: every behaviour is a named, parameterised
 * guard or action (no functions, no invoke/after), so it can be stored, diffed and traversed.
 */
export function buildMachineConfig(scenario: Scenario): MachineConfigJson {
  const states: MachineConfigJson['states'] = {};
  for (const node of scenario.nodes) {
    if (Object.hasOwn(states, node.id)) continue;
    states[node.id] = node.kind === 'ending' ? { type: 'final', output: { ending: node.id } } : { on: stateOn(node) };
  }
  return { id: scenario.id, initial: scenario.start, states, on: rootOn(scenario, indexScenario(scenario).nodes.values()) };
}

/** The context a new session starts with. */
export function initialContext(scenario: Scenario, input: SessionInput | undefined): SessionContext {
  const seed = input?.seed;
  return {
    scenarioId: scenario.id,
    scenarioVersion: scenario.version,
    mode: input?.mode === 'assessment' ? 'assessment' : 'practice',
    // Only when given, so a session without one (and its save) has exactly the old shape.
    ...(isSeed(seed) ? { seed } : {}),
    variables: initialVariables(scenario.variables),
    transcript: [],
    tallies: {},
  };
}

/** Per-principle weights followed and violated, recomputed from a transcript. */
export function talliesOf(transcript: readonly Turn[]): Tallies {
  let tallies: Tallies = {};
  for (const turn of transcript) tallies = talliesAfter(tallies, turn);
  return tallies;
}

/**
 * The tallies one turn on: `tallies` (left unchanged) with the turn's assessments added, a principle
 * new to them last, as talliesOf counts them from the transcript (the same sums, in the same order).
 * A reply adds its turn to the session's running tallies with this; recomputing them from the whole
 * transcript at every reply made each reply of a long session walk every turn before it.
 */
export function talliesAfter(tallies: Tallies, turn: Pick<Turn, 'assessments'>): Tallies {
  const next: Tallies = { ...tallies };
  for (const a of turn.assessments) {
    const was = Object.hasOwn(next, a.principle) ? next[a.principle] : undefined;
    const t = { followed: was?.followed ?? 0, violated: was?.violated ?? 0 };
    if (a.verdict === 'follows') t.followed += a.weight ?? 1;
    else t.violated += a.weight ?? 1;
    next[a.principle] = t;
  }
  return next;
}

/**
 * The debrief a session ends with at the ending `endingId`: the machine's output there, from its
 * context alone (so a save that leaves the output out, as the live room's does, is given it back).
 */
export function endingDebrief(scenario: Scenario, context: SessionContext, endingId: string | undefined): Debrief {
  return buildDebrief(scenario, context.transcript, endingId, context.variables);
}

/** Whether the reply is available with this context and its route number `r` is the first that matches (the machine's replyRoute guard). */
function replyRouteHolds(index: ScenarioIndex, bestTotal: () => number, context: SessionContext, replyId: string, r: number): boolean {
  const entry = index.replies.get(replyId);
  if (!entry) return false;
  const route = routesOf(entry.reply.next)[r];
  if (route === undefined) return false;
  // Conduct follows from the transcript; it is worked out only when a condition reads it.
  const before = readsConduct(entry.reply.when) || readsConduct(route.when) ? conductOf(context.transcript, index, bestTotal()) : NO_CONDUCT;
  if (!whenHolds(entry.reply.when, context.variables, before)) return false;
  const after = applyEffects(entry.reply.effects, context.variables, index.variables).variables;
  const conduct = readsConduct(route.when) ? conductAfter(before, entry.reply.assessments, entry.node.replies) : before;
  return whenHolds(route.when, after, conduct);
}

/**
 * Whether a session with this context, standing at the reply's decision, can take the reply (one of
 * its routes' guards holds): what `snapshot.can({ type: 'reply.choose', replyId })` says there, by
 * the machine's own guard, without XState's look through the routes of every reply before it (at a
 * decision of 1,000 replies, the 1,000 looks of one view took 90 ms).
 */
export function canChooseReply(scenario: Scenario, context: SessionContext, replyId: string): boolean {
  const index = indexScenario(scenario);
  const entry = index.replies.get(replyId);
  if (!entry) return false;
  const bestTotal = () => analyseBest(scenario).best;
  const routes = routesOf(entry.reply.next).length;
  for (let r = 0; r < routes; r++) if (replyRouteHolds(index, bestTotal, context, replyId, r)) return true;
  return false;
}

const compiled = new WeakMap<Scenario, ScenarioMachine>();

/**
 * Compiles a validated scenario into an XState v5 machine whose final states output the debrief.
 * Memoised per scenario object: the same scenario always gives the same machine, so a UI hook
 * such as `useActorRef(compileScenario(s))` does not recreate its actor on every render.
 */
export function compileScenario(scenario: Scenario): ScenarioMachine {
  let machine = compiled.get(scenario);
  if (!machine) {
    machine = createScenarioMachine(scenario);
    compiled.set(scenario, machine);
  }
  return machine;
}

function createScenarioMachine(scenario: Scenario) {
  const index = indexScenario(scenario);
  // The best total, for conditions on the score so far: worked out on first use.
  let best: number | undefined;
  const bestTotal = () => (best ??= analyseBest(scenario).best);
  // XState builds a StateNode for every state (and formats its transitions) when a machine is
  // created. It is given the start state only; every other state is built the first time anything
  // asks for it (withLazyStates), and each state's transitions when they are first read
  // (LazyTransitions), so a session pays only for the states it reaches.
  const startNode = index.nodes.get(scenario.start);
  const states: Record<string, object> = {};
  if (startNode) states[startNode.id] = stateConfig(startNode);
  else for (const node of index.nodes.values()) states[node.id] = stateConfig(node);
  const machine = setup({
    types: {
      context: {} as SessionContext,
      events: {} as SessionEvent,
      input: {} as SessionInput,
      output: {} as Debrief,
    },
    guards: {
      /** The chosen reply is this one, it is available, and this route is the first that matches. */
      replyRoute: ({ context, event }, params: { reply: string; route: number }) =>
        event.type === 'reply.choose' && event.replyId === params.reply && replyRouteHolds(index, bestTotal, context, params.reply, params.route),
      /** This route of a scene matches the current values (earlier routes were tried first). */
      sceneRoute: ({ context }, params: { node: string; route: number }) => {
        const node = index.nodes.get(params.node);
        if (node?.kind !== 'scene') return false;
        const route = routesOf(node.next)[params.route];
        if (route === undefined) return false;
        // Like a reply's routes, a scene's are checked after its effects.
        const after = applyEffects(node.effects, context.variables, index.variables).variables;
        return whenHolds(route.when, after, readsConduct(route.when) ? conductOf(context.transcript, index, bestTotal()) : NO_CONDUCT);
      },
      /** Practice mode, and the last decision taken was at this node. */
      canUndoTo: ({ context }, params: { node: string }) =>
        context.mode === 'practice' && context.transcript[context.transcript.length - 1]?.nodeId === params.node,
    },
    actions: {
      recordReply: assign(({ context, event }, params: { reply: string }) => {
        assertEvent(event, 'reply.choose');
        const entry = index.replies.get(params.reply);
        if (!entry) return {};
        const { variables, changes } = applyEffects(entry.reply.effects, context.variables, index.variables);
        const turn: Turn = {
          nodeId: entry.node.id,
          replyId: entry.reply.id,
          // Copied field by field so the transcript (and a save) has one key order whatever the file's.
          assessments: entry.reply.assessments.map((a) => (a.weight === undefined ? { principle: a.principle, verdict: a.verdict } : { principle: a.principle, verdict: a.verdict, weight: a.weight })),
          feedback: entry.reply.feedback,
          changes,
        };
        // The running tallies with this turn's added (talliesAfter), not counted again from every turn;
        // and the running count of conduct where a condition has read it (conductCarried).
        const transcript = [...context.transcript, turn];
        conductCarried(context.transcript, transcript, turn);
        return { variables, transcript, tallies: talliesAfter(context.tallies, turn) };
      }),
      /** A scene's effects, kept on the last turn (if any) so that undoing that decision undoes them too. */
      applySceneEffects: assign(({ context }, params: { node: string }) => {
        const node = index.nodes.get(params.node);
        if (node?.kind !== 'scene') return {};
        const { variables, changes } = applyEffects(node.effects, context.variables, index.variables);
        const last = context.transcript[context.transcript.length - 1];
        if (!last || changes.length === 0) return { variables };
        const { sceneChanges: before, ...rest } = last;
        const merged = mergeChanges(before ?? [], changes);
        const turn: Turn = merged.length > 0 ? { ...rest, sceneChanges: merged } : rest;
        const transcript = [...context.transcript.slice(0, -1), turn];
        conductCarried(context.transcript, transcript, turn);
        return { variables, transcript };
      }),
      undoDecision: assign(({ context }) => {
        const last = context.transcript[context.transcript.length - 1];
        if (!last) return {};
        const variables = { ...context.variables };
        // Newest first: the scenes after the reply, then the reply itself.
        for (const change of last.sceneChanges ?? []) variables[change.var] = change.from;
        for (const change of last.changes) variables[change.var] = change.from;
        const transcript = context.transcript.slice(0, -1);
        // Counted again from the turns kept: a principle only the undone turn assessed is gone from
        // them, not left at zero (taking the turn off the running tallies could not tell the two apart).
        return { variables, transcript, tallies: talliesOf(transcript) };
      }),
      // The same playthrough again: the mode and the seed (so the order of replies) stay.
      restart: assign(({ context }) => initialContext(scenario, { mode: context.mode, seed: context.seed })),
    },
  }).createMachine({
    ...({ id: scenario.id, initial: scenario.start, states } as unknown as Record<string, never>),
    context: ({ input }) => initialContext(scenario, input),
    // The final state's static output names the ending; the root turns it into the debrief.
    output: ({ context, event }) => endingDebrief(scenario, context, endingOf(event)),
  });
  return withLazyStates(machine, scenario, index, startNode !== undefined);
}

/** A state's config as XState is given it (its transitions come from LazyTransitions). */
const INNER = {};
function stateConfig(node: ScenarioNode): object {
  return node.kind === 'ending' ? { type: 'final', output: { ending: node.id } } : INNER;
}

/** A transition exactly as XState's own `formatTransition` builds it from a config. */
function formatTransition(source: AnyStateNode, eventType: string, config: TransitionConfig, target: AnyStateNode) {
  const targets = [target];
  const transition: Record<string, unknown> = {
    ...config,
    actions: config.actions ?? [],
    guard: config.guard,
    target: targets,
    source,
    reenter: false,
    eventType,
    toJSON: () => ({ ...transition, source: `#${source.id}`, target: targets.map((t) => `#${t.id}`) }),
  };
  return transition;
}

interface LazySource {
  scenario: Scenario;
  index: ScenarioIndex;
  states: Record<string, AnyStateNode>;
}

/**
 * A state's `transitions` (the map XState reads its candidates from), filled from the scenario
 * the first time anything reads it. A Map, so whatever XState or a tool does with it works.
 */
class LazyTransitions extends Map<string, ReturnType<typeof formatTransition>[]> {
  #filled = false;
  constructor(private readonly stateNode: AnyStateNode, private readonly source: LazySource) {
    super();
  }

  private fill(): void {
    if (this.#filled) return;
    this.#filled = true;
    const { stateNode, source } = this;
    const isRoot = !stateNode.parent;
    const node = isRoot ? undefined : source.index.nodes.get(stateNode.key);
    const on: On = isRoot ? rootOn(source.scenario, source.index.nodes.values()) : node && node.kind !== 'ending' ? stateOn(node) : {};
    for (const eventType of Object.keys(on)) {
      super.set(eventType, (on[eventType] as TransitionConfig[]).map((t) => {
        const target = source.states[isRoot ? t.target.slice(1) : t.target];
        if (!target) throw new Error(`Invalid transition definition for state node '${stateNode.id}': there is no state "${t.target}".`);
        return formatTransition(stateNode, eventType, t, target);
      }));
    }
  }

  override get(key: string) { this.fill(); return super.get(key); }
  override has(key: string) { this.fill(); return super.has(key); }
  override set(key: string, value: ReturnType<typeof formatTransition>[]) { this.fill(); return super.set(key, value); }
  override delete(key: string) { this.fill(); return super.delete(key); }
  override clear() { this.#filled = true; super.clear(); }
  override get size() { this.fill(); return super.size; }
  override keys() { this.fill(); return super.keys(); }
  override values() { this.fill(); return super.values(); }
  override entries() { this.fill(); return super.entries(); }
  override forEach(callback: (value: ReturnType<typeof formatTransition>[], key: string, map: Map<string, ReturnType<typeof formatTransition>[]>) => void, thisArg?: unknown) {
    this.fill();
    super.forEach(callback, thisArg);
  }
  override [Symbol.iterator]() { this.fill(); return super[Symbol.iterator](); }
}

function lazyTransitions(stateNode: AnyStateNode, source: LazySource): void {
  stateNode.transitions = new LazyTransitions(stateNode, source) as unknown as AnyStateNode['transitions'];
}

/** The keys of a states object holding these ids, in its order (array indices first, as objects keep them). */
function stateKeys(index: ScenarioIndex): string[] {
  const keys: Record<string, true> = {};
  for (const id of index.nodes.keys()) keys[id] = true;
  return Object.keys(keys);
}

type StateNodeClass = new (config: object, options: { _parent: AnyStateNode; _key: string; _machine: AnyStateMachine }) => AnyStateNode & { _initialize(): void };

/**
 * Gives a machine created with the start state only (see createScenarioMachine) every other state,
 * built the first time XState, a UI or a tool asks for it: `root.states` answers for every node
 * (keys, values, `in`, Object.keys/entries all as XState's own object would), and `idMap`, which
 * `getStateNodeById` reads, finds a state not built yet. Each state gets the transitions of
 * `buildMachineConfig`, formatted when first read, and the `order` XState would have given it;
 * `machine.events` is what XState would have computed at creation. A test checks all of this
 * against a machine XState builds from `buildMachineConfig`. With `lazyStates` false (a scenario
 * whose start is missing, which the validator never lets through) XState built every state.
 * This reaches into XState's StateNode internals (its constructor, _initialize, order, idMap), so
 * package.json keeps xstate on 5.33.x (~); an upgrade that changes them fails compile.test.ts.
 */
function withLazyStates<M extends AnyStateMachine>(machine: M, scenario: Scenario, index: ScenarioIndex, lazyStates: boolean): M {
  const root = machine.root;
  const built: Record<string, AnyStateNode> = lazyStates ? { ...root.states } : root.states;
  let keys: string[] | undefined;
  let position: Map<string, number> | undefined;
  /** Where XState would have put the state with this key among the root's children (root is 0). */
  const orderOf = (key: string) => {
    keys ??= stateKeys(index);
    if (!position) {
      position = new Map();
      for (let i = 0; i < keys.length; i++) position.set(keys[i] as string, i + 1);
    }
    return position.get(key) ?? -1;
  };
  const source: LazySource = { scenario, index, states: built };
  const build = (key: string): AnyStateNode | undefined => {
    const node = index.nodes.get(key);
    if (!node) return undefined;
    const StateNode = root.constructor as StateNodeClass;
    const child = new StateNode(stateConfig(node), { _parent: root, _key: key, _machine: machine });
    child._initialize();
    child.order = orderOf(key);
    if (node.kind !== 'ending') lazyTransitions(child, source);
    built[key] = child;
    return child;
  };
  const get = (key: string) => (Object.hasOwn(built, key) ? built[key] : build(key));
  if (lazyStates) {
    const isNode = (key: string | symbol): key is string => typeof key === 'string' && index.nodes.has(key);
    const states = new Proxy(built, {
      get: (target, key, receiver) => (isNode(key) ? get(key) : Reflect.get(target, key, receiver) as unknown),
      has: (target, key) => isNode(key) || Reflect.has(target, key),
      ownKeys: () => [...(keys ??= stateKeys(index))],
      getOwnPropertyDescriptor: (target, key) => (isNode(key) ? { value: get(key), writable: true, enumerable: true, configurable: true } : Reflect.getOwnPropertyDescriptor(target, key)),
    });
    root.states = states;
    source.states = states;
    (machine as { states: unknown }).states = states;
    const internals = machine as unknown as { idMap: Map<string, AnyStateNode> };
    const ids = internals.idMap;
    const prefix = `${root.id}.`;
    const lazyIds = new (class extends Map<string, AnyStateNode> {
      override get(id: string) {
        return super.get(id) ?? (id.startsWith(prefix) ? get(id.slice(prefix.length)) : undefined);
      }
      override has(id: string) {
        return super.has(id) || (id.startsWith(prefix) && index.nodes.has(id.slice(prefix.length)));
      }
    })(ids);
    internals.idMap = lazyIds;
    // XState numbered the start state 1, as if it came first.
    const start = built[scenario.start];
    if (start) Object.defineProperty(start, 'order', { get: () => orderOf(scenario.start), set: () => {}, enumerable: true, configurable: true });
  }
  lazyTransitions(root, source);
  for (const key of Object.keys(built)) {
    const node = index.nodes.get(key);
    const child = built[key];
    if (node && child && node.kind !== 'ending') lazyTransitions(child, source);
  }
  // The events XState computes at creation from every state's transitions: worked out when asked for.
  let events: string[] | undefined;
  Object.defineProperty(machine, 'events', {
    get: () => (events ??= eventsOf(index)),
    set: (value: string[]) => { events = value; },
    enumerable: true,
    configurable: true,
  });
  // `provide` builds a new machine from the config, which has only the start state: give it the same.
  const provide = machine.provide.bind(machine);
  machine.provide = ((implementations: Parameters<M['provide']>[0]) => withLazyStates(provide(implementations), scenario, index, lazyStates)) as M['provide'];
  return machine;
}

/** The event types of the machine, in XState's order: the root's, then its states' in the order of their keys. */
function eventsOf(index: ScenarioIndex): string[] {
  const events = new Set<string>(['scenario.restart']);
  for (const key of stateKeys(index)) {
    const node = index.nodes.get(key);
    if (node?.kind === 'decision') events.add('reply.choose').add('decision.undo');
    else if (node?.kind === 'scene') events.add('scene.continue');
  }
  const order = ['decision.undo', 'scenario.restart'];
  return [...order.filter((e) => events.has(e)), ...[...events].filter((e) => !order.includes(e))];
}

function endingOf(event: unknown): string | undefined {
  const output = (event as { output?: { ending?: unknown } }).output;
  return typeof output?.ending === 'string' ? output.ending : undefined;
}

/** The machine type a compiled scenario has. */
export type ScenarioMachine = ReturnType<typeof createScenarioMachine>;
