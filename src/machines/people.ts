import { ownStart, ownVariables } from './playable.js';
import { initialTransition, transition } from 'xstate';
import { compileScenario } from './compile.js';
import { indexScenario } from './scenario-index.js';
import type { Scenario, ScenarioNode } from './schema/scenario.js';
import { selectView, type SnapshotLike } from './selectors.js';
import type { PersistedScenarioSnapshot } from './session.js';
import { replay } from './recap.js';
import { cleanLine } from './text/clean.js';
import { firstIndex, nameKeys } from './text/names.js';
import type { SessionContext } from './types.js';
import type { RoomRound } from './facilitation/saved.js';
import { revealData } from './facilitation/votes.js';

/**
 * "Who's who" for a volunteer playing: the people of the story met so far, as a volunteer in real
 * life knows their case team. The cast list of a scenario is never shown whole: a character who
 * only appears later (someone tied to the trafficker reaching out) would be given away.
 */

/** What a who's who says before anyone has appeared (in every UI). */
export const NO_ONE_MET = 'No one has appeared in the story yet.';

/** Who's who's count after its heading while the story goes on: "(3 met so far)" (in every UI). */
export const MET_SO_FAR = 'met so far';
/** …and once the session has ended, when nobody more will be met: "(3 met)". */
export const MET_IN_ALL = 'met';

/** A character met so far, in clean one-line text. */
export interface Person {
  id: string;
  name: string;
  /** Who they are in the story ("dependency attorney at the Children's Law Center"); may be empty. */
  role: string;
  /** The scenario's sentence introducing them; empty when it has none. */
  description: string;
}

/** One piece of what the volunteer was shown: text, or a character speaking. */
type Shown = { text: string } | { speaker: string };

/** A node's shown parts in screen order, up to its prompt (its replies are added by the caller). */
function nodeParts(node: ScenarioNode, narration: string | undefined): Shown[] {
  const parts: Shown[] = [];
  if (node.title) parts.push({ text: node.title });
  if (narration) parts.push({ text: narration });
  for (const l of node.lines ?? []) parts.push({ speaker: l.character }, { text: l.text });
  if (node.kind === 'decision' && node.prompt) parts.push({ text: node.prompt });
  return parts;
}

/**
 * The characters met so far in a playthrough, in order of first appearance: everyone who has
 * spoken, or whose name is in text already shown (titles, narration, lines, the replies offered,
 * and in practice mode the feedback on each reply chosen, or in a trainer-led session the feedback
 * revealed), over the path taken to where the session stands and the moment it stands at, the
 * current decision's replies included. No one
 * who appears only later is listed. A session whose path cannot be replayed (an edited scenario)
 * gets the people of the current moment alone.
 *
 * `room`: a trainer-led session (every UI's, from what it keeps: RoomProgress). There the trainer
 * reveals the feedback of every reply offered at a decision, so a name in any revealed reply's
 * feedback was seen by the room: met once it has been revealed (each decision followed whose
 * round says `revealed`, and the one on screen while `current.revealed`, or once it was, before
 * the trainer went back to the votes: `wasRevealed`), never before, and a
 * reply's feedback the room was not shown (followed without a reveal) names no one.
 */
export function peopleMet(scenario: Scenario, snapshot: PersistedScenarioSnapshot, room?: RoomReveals): Person[] {
  const replayed = replayMet(scenario, snapshot, room);
  if (replayed === undefined) {
    const shown: Shown[] = [];
    const node = indexScenario(scenario).nodes.get(String((snapshot as unknown as { value: unknown }).value));
    if (node) shown.push(...nodeParts(node, node.kind === 'ending' ? undefined : node.narration), ...(node.kind === 'decision' ? node.replies.filter((r) => r.hidden !== true).map((r) => ({ text: r.text })) : []));
    if (node?.kind === 'decision' && room !== undefined && seen(room.current)) shown.push(...node.replies.filter((r) => r.hidden !== true).map((r) => ({ text: r.feedback })));
    return peopleIn(scenario, [...wayHere(scenario), ...shown]);
  }
  return peopleMetAt(scenario, replayed.here, replayed.met, room);
}

/**
 * Who's who carried forward from step to step (a page's, so that a long chain of scenes is not
 * replayed from its start at every step): the ids of the people met on the way to where a session
 * stands, before its current moment (the way to a moved start included), in order of first
 * appearance, by one replay of the playthrough; undefined when its path cannot be replayed (then
 * peopleMet, which lists the people of the current moment alone). metPassing carries it on by a
 * step; peopleMetAt adds the moment a session stands at. peopleMet is these at once.
 */
export function metBefore(scenario: Scenario, snapshot: PersistedScenarioSnapshot, room?: RoomReveals): readonly string[] | undefined {
  return replayMet(scenario, snapshot, room)?.met;
}

/** metBefore, with the state the replay stood at in the end (the session's moment). */
function replayMet(scenario: Scenario, snapshot: PersistedScenarioSnapshot, room?: RoomReveals): { met: string[]; here: SnapshotLike } | undefined {
  const index = indexScenario(scenario);
  const context = (snapshot as unknown as { context: SessionContext }).context;
  const met = meet(scenario, [], wayHere(scenario));
  let turn = 0;
  let here: SnapshotLike | undefined;
  const replayed = replay(scenario, snapshot, (state, event) => {
    if (event === 'here') {
      here = state;
      return;
    }
    const at = turn;
    if (event === 'reply') turn++;
    meet(scenario, met, passedParts(scenario, index, state, event === 'reply' ? context.transcript[at]?.replyId : undefined, room === undefined ? undefined : seen(room.past[at])));
  });
  return replayed && here !== undefined ? { met, here } : undefined;
}

/**
 * The people met on the way (metBefore) after one more step: leaving `state` (the session's
 * snapshot before the step) by Continue at a scene, or by the reply `replyId` at a decision.
 * `revealed`: in a trainer-led session, whether the room was shown that decision's reveal (its
 * round's `revealed` or `wasRevealed`); left out, the reply's feedback is met in practice mode.
 */
export function metPassing(scenario: Scenario, met: readonly string[], state: SnapshotLike, replyId?: string, revealed?: boolean): readonly string[] {
  return meet(scenario, [...met], passedParts(scenario, indexScenario(scenario), state, replyId, revealed));
}

/**
 * Who's who at the moment a session stands at (`state`, its snapshot), from the people met on the
 * way there (metBefore, carried on by metPassing): the same list as peopleMet's, without a replay.
 */
export function peopleMetAt(scenario: Scenario, state: SnapshotLike, met: readonly string[], room?: RoomReveals): Person[] {
  return persons(scenario, meet(scenario, [...met], hereParts(scenario, state, room)));
}

/** What the volunteer is shown at the moment a session stands at: the ending's narration as worked out, the replies offered (and a reveal the room has seen). */
function hereParts(scenario: Scenario, state: SnapshotLike, room: RoomReveals | undefined): Shown[] {
  const node = indexScenario(scenario).nodes.get(String(state.value));
  if (!node) return [];
  const view = selectView(scenario, state);
  const shown = [...nodeParts(node, view.narration), ...view.replies.map((r) => ({ text: r.text }))];
  if (room !== undefined && seen(room.current) && node.kind === 'decision') shown.push(...revealedFeedback(scenario, view));
  return shown;
}

/**
 * What was shown at a moment passed on the way: the node, and at a decision left by `replyId` the
 * replies offered then (a hidden one only where its condition held) and the feedback the volunteer
 * saw (practice mode), or in a trainer-led session (`revealed` given) every reply's, if revealed.
 */
function passedParts(scenario: Scenario, index: ReturnType<typeof indexScenario>, state: SnapshotLike, replyId: string | undefined, revealed: boolean | undefined): Shown[] {
  const node = index.nodes.get(String(state.value));
  if (!node) return [];
  const shown = nodeParts(node, node.kind === 'ending' ? undefined : node.narration);
  if (replyId === undefined || node.kind !== 'decision') return shown;
  for (const r of node.replies) if (r.hidden !== true || r.when === undefined || state.can({ type: 'reply.choose', replyId: r.id })) shown.push({ text: r.text });
  const reply = index.replies.get(replyId)?.reply;
  if (revealed !== undefined) {
    if (revealed) shown.push(...revealedFeedback(scenario, selectView(scenario, state)));
  } else if (reply && state.context.mode === 'practice') shown.push({ text: reply.feedback });
  return shown;
}

/**
 * What the story shows on the way to where a moved scenario starts (an author's `--from`, see
 * ownStart), so that who's who lists the people it named before that point too: the moments of
 * the shortest playthrough from the file's own start to that node (the first in the file's order
 * among equals), played through the scenario's machine, so that a scene's route or a reply offered
 * only where its condition holds is taken only where it does (with the variables starting as the
 * file declares them: --set gives the values at the node played from; a way that arrives there with
 * those values is taken where there is one), each with its title, narration, lines and, at a decision, the replies
 * offered; no feedback, since no reply was chosen. Empty when the scenario starts where its file
 * does, or no playthrough leads from there to its start. (The shortest route by the file's links
 * alone went through a scene whose condition could not hold on the way, and named its people.)
 */
function wayHere(scenario: Scenario): Shown[] {
  const first = ownStart(scenario);
  if (first === undefined || first === scenario.start) return [];
  const kept = ways.get(scenario);
  if (kept) return kept;
  const index = indexScenario(scenario);
  const way = playthroughTo(scenario, first).flatMap((state) => {
    const node = index.nodes.get(String(state.value));
    if (!node) return [];
    const view = selectView(scenario, state);
    return [...nodeParts(node, view.narration), ...view.replies.map((r) => ({ text: r.text }))];
  });
  ways.set(scenario, way);
  return way;
}

// The way to each moved scenario's start, worked out once (who's who opens again and again).
const ways = new WeakMap<Scenario, Shown[]>();

type MachineState = ReturnType<typeof initialTransition<ReturnType<typeof compileScenario>>>[0];

/**
 * States of one node a search for the way to a moved start looks at, at most (with different
 * values, or replies chosen before): the variables of a long scenario (the-list's nine decisions)
 * have many more combinations than it takes to find the routes whose conditions can hold.
 */
const WAY_VARIANTS = 4;

/** States a search for the way to a moved start looks at in all, at most. */
const WAY_LIMIT = 5_000;

/**
 * The states of the shortest playthrough of `scenario` from `first` (the file's own start) to its
 * start that arrives with the values --set gives (the shortest that arrives at all, where none
 * does), the start itself left out: breadth first through the machine, a scene continued, at a
 * decision every reply it offers chosen, in the file's order. A state is looked at once by its node
 * and variables (and, where a condition reads the volunteer's conduct, the replies chosen so far),
 * and a node in WAY_VARIANTS states at most. Empty when none leads there so.
 */
function playthroughTo(scenario: Scenario, first: string): MachineState[] {
  // From the file's own start with the values its variables start with there, as a playthrough from
  // the beginning has them: --set gives the values at the node played from, not at the file's start.
  const declared = ownVariables(scenario) ?? scenario.variables ?? [];
  const machine = compileScenario({ ...scenario, start: first, variables: declared });
  // The values --set gives (those the moved scenario starts with and the file does not): a way that
  // arrives with them is the one taken, where there is one; else the shortest.
  const wanted = (scenario.variables ?? []).filter((v) => declared.find((d) => d.id === v.id)?.start !== v.start);
  const arrives = (state: MachineState) => {
    const values = (state.context as unknown as SessionContext).variables as Record<string, unknown>;
    return wanted.every((v) => values[v.id] === v.start);
  };
  const wayTo = (i: number) => {
    const way: MachineState[] = [];
    for (let at = cameFrom[i] as number; at >= 0; at = cameFrom[at] as number) way.unshift(states[at] as MachineState);
    return way;
  };
  const conduct = JSON.stringify(scenario.nodes).includes('"conduct"');
  const key = (state: MachineState) => {
    const context = state.context as unknown as SessionContext;
    return `${String(state.value)}\u0000${JSON.stringify(context.variables)}${conduct ? `\u0000${context.transcript.map((t) => t.replyId).join(',')}` : ''}`;
  };
  const [initial] = initialTransition(machine, { mode: 'practice' });
  const states: MachineState[] = [initial];
  const cameFrom: number[] = [-1];
  const seen = new Set([key(initial)]);
  const variants = new Map<string, number>([[String(initial.value), 1]]);
  const index = indexScenario(scenario);
  for (let i = 0; i < states.length && states.length < WAY_LIMIT; i++) {
    const state = states[i] as MachineState;
    if (String(state.value) === scenario.start) {
      if (arrives(state)) return wayTo(i);
      continue;
    }
    const node = index.nodes.get(String(state.value));
    const events = node?.kind === 'scene' ? [{ type: 'scene.continue' as const }] : node?.kind === 'decision' ? node.replies.map((r) => ({ type: 'reply.choose' as const, replyId: r.id })) : [];
    for (const event of events) {
      if (!state.can(event)) continue;
      const [next] = transition(machine, state, event);
      const k = key(next);
      const at = String(next.value);
      // (The node played from in as many states as arrive: one may arrive with the values wanted.)
      if (seen.has(k) || (at !== scenario.start && (variants.get(at) ?? 0) >= WAY_VARIANTS)) continue;
      seen.add(k);
      variants.set(at, (variants.get(at) ?? 0) + 1);
      states.push(next);
      cameFrom.push(i);
    }
  }
  // The search stopped at WAY_LIMIT: those found but not yet looked at arrive too.
  const found = states.findIndex((state) => String(state.value) === scenario.start && arrives(state));
  const shortest = found >= 0 ? found : states.findIndex((state) => String(state.value) === scenario.start);
  return shortest >= 0 ? wayTo(shortest) : [];
}

/** Whether the replies were revealed at each decision of a trainer-led session (RoomProgress holds more). */
export interface RoomReveals {
  /** Each decision followed, in order (one per reply in the session's transcript). */
  past: readonly Pick<RoomRound, 'revealed' | 'wasRevealed'>[];
  /** The decision on screen now (not revealed at a scene); `wasRevealed` after going back to its votes. */
  current: Pick<RoomRound, 'revealed' | 'wasRevealed'>;
}

/** Whether the room has seen a decision's reveal: revealed now, or before the trainer went back to the votes. */
function seen(round: Pick<RoomRound, 'revealed' | 'wasRevealed'> | undefined): boolean {
  return round?.revealed === true || round?.wasRevealed === true;
}

/** What a reveal shows of every reply offered at a decision, in its order: each one's feedback (revealData, as every UI's reveal). */
function revealedFeedback(scenario: Scenario, view: ReturnType<typeof selectView>): Shown[] {
  return revealData(scenario, view, {}).entries.map((e) => ({ text: e.feedback }));
}

/** The characters in these shown parts, in order of first appearance. */
function peopleIn(scenario: Scenario, shown: readonly Shown[]): Person[] {
  return persons(scenario, meet(scenario, [], shown));
}

/** `met` (ids, changed in place and returned) with the characters in these shown parts after them, in order of first appearance. */
function meet(scenario: Scenario, met: string[], shown: readonly Shown[]): string[] {
  const keys = nameKeys(scenario.characters);
  const add = (id: string) => {
    if (!met.includes(id)) met.push(id);
  };
  for (const part of shown) {
    if ('speaker' in part) {
      add(part.speaker);
      continue;
    }
    const text = cleanLine(part.text).normalize('NFC');
    const found = scenario.characters
      .map((c) => ({ id: c.id, at: met.includes(c.id) ? -1 : firstIndex(text, keys.get(c.id) ?? [], cleanLine(c.name).normalize('NFC')) }))
      .filter((f) => f.at >= 0)
      .sort((a, b) => a.at - b.at);
    for (const f of found) add(f.id);
  }
  return met;
}

/** The characters of these ids, in clean one-line text. */
function persons(scenario: Scenario, met: readonly string[]): Person[] {
  const characters = new Map(scenario.characters.map((c) => [c.id, c]));
  return met.flatMap((id): Person[] => {
    const c = characters.get(id);
    return c ? [{ id: c.id, name: cleanLine(c.name), role: cleanLine(c.role), description: cleanLine(c.description ?? '') }] : [];
  });
}
