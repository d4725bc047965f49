import { expect } from 'vitest';
import { createActor } from 'xstate';
import { compileScenario, getPrinciple, selectView, startSession, type Debrief, type Reply, type Scenario, type ScenarioNode, type SessionActor } from '../../src/machines/index.js';

type DecisionNode = Extract<ScenarioNode, { kind: 'decision' }>;

/**
 * Drives the compiled machine through the replies in order (scenes continue by themselves): the
 * actor, and the nodes it passed through, scenes included. `offered`: each reply must be on offer
 * where it is chosen (an error names it otherwise); without it, one that is not is ignored.
 */
export function driveReplies(scenario: Scenario, replies: readonly string[], offered = false) {
  const actor = createActor(compileScenario(scenario), { input: {} }).start();
  const nodes = [String(actor.getSnapshot().value)];
  actor.subscribe((s) => {
    if (nodes.at(-1) !== String(s.value)) nodes.push(String(s.value));
  });
  const continueScenes = () => {
    while (actor.getSnapshot().can({ type: 'scene.continue' })) actor.send({ type: 'scene.continue' });
  };
  for (const id of replies) {
    continueScenes();
    if (offered && !actor.getSnapshot().can({ type: 'reply.choose', replyId: id })) throw new Error(`${id} is not on offer at ${String(actor.getSnapshot().value)}`);
    actor.send({ type: 'reply.choose', replyId: id });
  }
  continueScenes();
  return { actor, nodes };
}

/** Plays the replies in order through the compiled machine (scenes continue by themselves); the debrief, or undefined if it did not end. */
export function playReplies(scenario: Scenario, replies: readonly string[]): Debrief | undefined {
  const { actor } = driveReplies(scenario, replies);
  return actor.getSnapshot().status === 'done' ? (actor.getSnapshot().output as Debrief) : undefined;
}

/** A practice session (seed 7) after the replies in order, scenes continued, at the next decision (or the end). */
export function sessionAfter(scenario: Scenario, replies: readonly string[]): SessionActor {
  const actor = startSession(scenario, 'practice', undefined, 7);
  const continueScenes = () => {
    while (actor.getSnapshot().can({ type: 'scene.continue' })) actor.send({ type: 'scene.continue' });
  };
  for (const replyId of replies) {
    continueScenes();
    actor.send({ type: 'reply.choose', replyId });
  }
  continueScenes();
  return actor;
}

/**
 * Reply ids of a playthrough that, at each decision met, takes the reply `pick` chooses among the
 * enabled ones the session offers there (scenes continued).
 */
export function pathPicking(scenario: Scenario, pick: (node: DecisionNode, offered: Reply[]) => Reply | undefined): string[] {
  const actor = startSession(scenario, 'practice');
  const ids: string[] = [];
  for (let guard = 0; guard < 100 && actor.getSnapshot().status !== 'done'; guard++) {
    if (actor.getSnapshot().can({ type: 'scene.continue' })) {
      actor.send({ type: 'scene.continue' });
      continue;
    }
    const view = selectView(scenario, actor.getSnapshot());
    const node = scenario.nodes.find((n) => n.id === view.nodeId);
    if (node?.kind !== 'decision') break;
    const chosen = pick(node, node.replies.filter((r) => view.replies.some((v) => v.id === r.id && v.enabled)));
    if (!chosen) throw new Error(`no reply picked at ${node.id}`);
    ids.push(chosen.id);
    actor.send({ type: 'reply.choose', replyId: chosen.id });
  }
  return ids;
}

/** Reply ids that, at each decision met, take the enabled reply breaking the most critical principles of the guide (the first when none does), as the session offers them. */
export function criticalPath(scenario: Scenario): string[] {
  const critical = (r: { assessments?: readonly { principle: string; verdict: string }[] }) => (r.assessments ?? []).filter((a) => a.verdict === 'violates' && getPrinciple(a.principle)?.severity === 'critical').length;
  return pathPicking(scenario, (_node, offered) => offered.reduce((a, b) => (critical(b) > critical(a) ? b : a)));
}

/** A node's narration, then its lines' texts, in the order shown (an error names a node that is not there). */
export function shownAt(scenario: Scenario, nodeId: string): string[] {
  const n = scenario.nodes.find((x) => x.id === nodeId);
  if (!n) throw new Error(`${scenario.id} has no node ${nodeId}`);
  return [...('narration' in n && n.narration ? [n.narration] : []), ...('lines' in n ? (n.lines ?? []).map((l) => l.text) : [])];
}

/** shownAt, as one text. */
export const toldAt = (scenario: Scenario, nodeId: string): string => shownAt(scenario, nodeId).join(' ');

/** The nodes strictly between two nodes on a playthrough (each must be on it, `to` after `from`). */
export function nodesBetween(nodes: readonly string[], from: string, to: string): string[] {
  const a = nodes.indexOf(from);
  const b = nodes.indexOf(to);
  expect(a, `${from} on ${nodes.join(' ')}`).toBeGreaterThanOrEqual(0);
  expect(b, `${to} after ${from} on ${nodes.join(' ')}`).toBeGreaterThan(a);
  return nodes.slice(a + 1, b);
}
