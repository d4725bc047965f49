import { assertEvent, assign, setup } from 'xstate';
import { applyEffects, initialVariables, whenHolds } from './conditions.js';
import { indexScenario, routesOf } from './scenario-index.js';
import { buildDebrief, type Debrief } from './scoring.js';
import type { Scenario } from './schema/scenario.js';
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

/**
 * The machine config for a scenario, as plain JSON: every behaviour is a named, parameterised
 * guard or action (no functions, no invoke/after), so it can be stored, diffed and traversed.
 */
export function buildMachineConfig(scenario: Scenario): MachineConfigJson {
  const states: MachineConfigJson['states'] = {};
  const undo: TransitionConfig[] = [];
  for (const node of scenario.nodes) {
    if (Object.hasOwn(states, node.id)) continue;
    if (node.kind === 'ending') {
      states[node.id] = { type: 'final', output: { ending: node.id } };
    } else if (node.kind === 'scene') {
      states[node.id] = {
        on: {
          'scene.continue': routesOf(node.next).map((route, r) => ({
            target: route.to,
            guard: { type: 'sceneRoute', params: { node: node.id, route: r } },
            actions: [],
          })),
        },
      };
    } else {
      const choose: TransitionConfig[] = [];
      for (const reply of node.replies) {
        routesOf(reply.next).forEach((route, r) => {
          choose.push({
            target: route.to,
            guard: { type: 'replyRoute', params: { reply: reply.id, route: r } },
            actions: [{ type: 'recordReply', params: { reply: reply.id } }],
          });
        });
      }
      states[node.id] = { on: { 'reply.choose': choose } };
      undo.push({ target: `.${node.id}`, guard: { type: 'canUndoTo', params: { node: node.id } }, actions: [{ type: 'undoDecision', params: {} }] });
    }
  }
  return {
    id: scenario.id,
    initial: scenario.start,
    states,
    on: {
      'decision.undo': undo,
      'scenario.restart': [{ target: `.${scenario.start}`, actions: [{ type: 'restart', params: {} }] }],
    },
  };
}

/** The context a new session starts with. */
export function initialContext(scenario: Scenario, input: SessionInput | undefined): SessionContext {
  return {
    scenarioId: scenario.id,
    scenarioVersion: scenario.version,
    mode: input?.mode === 'assessment' ? 'assessment' : 'practice',
    variables: initialVariables(scenario.variables),
    transcript: [],
    tallies: {},
  };
}

/** Per-principle weights followed and violated, recomputed from a transcript. */
export function talliesOf(transcript: readonly Turn[]): Tallies {
  const tallies: Tallies = {};
  for (const turn of transcript) {
    for (const a of turn.assessments) {
      const t = Object.hasOwn(tallies, a.principle) ? tallies[a.principle] : (tallies[a.principle] = { followed: 0, violated: 0 });
      if (!t) continue;
      if (a.verdict === 'follows') t.followed += a.weight ?? 1;
      else t.violated += a.weight ?? 1;
    }
  }
  return tallies;
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
  const config = buildMachineConfig(scenario);
  return setup({
    types: {
      context: {} as SessionContext,
      events: {} as SessionEvent,
      input: {} as SessionInput,
      output: {} as Debrief,
    },
    guards: {
      /** The chosen reply is this one, it is available, and this route is the first that matches. */
      replyRoute: ({ context, event }, params: { reply: string; route: number }) => {
        if (event.type !== 'reply.choose' || event.replyId !== params.reply) return false;
        const entry = index.replies.get(params.reply);
        if (!entry || !whenHolds(entry.reply.when, context.variables)) return false;
        const after = applyEffects(entry.reply.effects, context.variables, index.variables).variables;
        const route = routesOf(entry.reply.next)[params.route];
        return route !== undefined && whenHolds(route.when, after);
      },
      /** This route of a scene matches the current values (earlier routes were tried first). */
      sceneRoute: ({ context }, params: { node: string; route: number }) => {
        const node = index.nodes.get(params.node);
        if (node?.kind !== 'scene') return false;
        const route = routesOf(node.next)[params.route];
        return route !== undefined && whenHolds(route.when, context.variables);
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
          assessments: entry.reply.assessments.map((a) => ({ ...a })),
          feedback: entry.reply.feedback,
          changes,
        };
        const transcript = [...context.transcript, turn];
        return { variables, transcript, tallies: talliesOf(transcript) };
      }),
      undoDecision: assign(({ context }) => {
        const last = context.transcript[context.transcript.length - 1];
        if (!last) return {};
        const variables = { ...context.variables };
        for (const change of last.changes) variables[change.var] = change.from;
        const transcript = context.transcript.slice(0, -1);
        return { variables, transcript, tallies: talliesOf(transcript) };
      }),
      restart: assign(({ context }) => initialContext(scenario, { mode: context.mode })),
    },
  }).createMachine({
    ...(config as unknown as Record<string, never>),
    context: ({ input }) => initialContext(scenario, input),
    // The final state's static output names the ending; the root turns it into the debrief.
    output: ({ context, event }) => buildDebrief(scenario, context.transcript, endingOf(event)),
  });
}

function endingOf(event: unknown): string | undefined {
  const output = (event as { output?: { ending?: unknown } }).output;
  return typeof output?.ending === 'string' ? output.ending : undefined;
}

/** The machine type a compiled scenario has. */
export type ScenarioMachine = ReturnType<typeof createScenarioMachine>;
