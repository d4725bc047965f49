import { initialTransition, transition } from 'xstate';
import { compileScenario } from './compile.js';
import { indexScenario } from './scenario-index.js';
import type { Scenario } from './schema/scenario.js';
import { feedbackOf, momentLines, sceneWords, selectView, type ChangeView, type FeedbackView, type LineView, type SessionView } from './selectors.js';
import type { PersistedScenarioSnapshot } from './session.js';
import { cleanDeep, cleanLine, isBlank } from './text/clean.js';
import type { SessionContext } from './types.js';

/** One scene passed on the way to where a session stopped. */
export interface RecapMoment {
  /**
   * Its heading, as every UI shows it (sceneHeading): its title, or "Scene 3" by its number in the
   * playthrough when it has none (the number it was headed by while it was shown). No `title` of its
   * own: the recaps headed only titled scenes, an untitled one running into the scene or reply before it.
   */
  heading: string;
  narration?: string;
  lines: LineView[];
  /**
   * How leaving the scene changed the meters shown, as the live scene said it (changeWords says
   * each): practice mode only, as the live scene's; empty otherwise. Shown after the scene's lines.
   */
  changes: ChangeView[];
}

/** What set up the moment a resumed session opens on. */
export interface Recap {
  /** The reply that led here (absent before the first decision). */
  lastReply?: string;
  /** "do" when that reply is an action ("Do: …"), "say" for words (with lastReply). */
  lastReplyKind?: 'say' | 'do';
  /**
   * The feedback on that reply, with its verdicts and meter changes, as the live screen showed it
   * after the reply (the volunteer may have quit while reading it): practice mode only, as the live
   * feedback is; assessment mode holds it for the debrief.
   */
  lastFeedback?: FeedbackView;
  /** The scenes passed since that reply (or since the start), in order; the current node is not among them. */
  scenes: RecapMoment[];
}

type MachineState = ReturnType<typeof initialTransition<ReturnType<typeof compileScenario>>>[0];

/**
 * Replays a saved session through the scenario's machine from its start: every scene passed and
 * every reply in its transcript, in order, calling `step` before each move with the state it
 * leaves ("continue" past a scene, "reply" at a decision) and once at the end with the state the
 * save stands at ("here"). False when the save's path cannot be replayed (an edited scenario).
 */
export function replay(scenario: Scenario, snapshot: PersistedScenarioSnapshot, step: (state: MachineState, event: 'continue' | 'reply' | 'here') => void): boolean {
  const machine = compileScenario(scenario);
  const persisted = snapshot as unknown as { value: unknown; context: SessionContext };
  const context = persisted.context;
  const target = String(persisted.value);
  let [state] = initialTransition(machine, { mode: context.mode, ...(context.seed !== undefined ? { seed: context.seed } : {}) });
  const limit = scenario.nodes.length + 1;
  const continueUntil = (nodeId: string): boolean => {
    for (let i = 0; i < limit && state.value !== nodeId; i++) {
      if (!state.can({ type: 'scene.continue' })) return false;
      step(state, 'continue');
      [state] = transition(machine, state, { type: 'scene.continue' });
    }
    return state.value === nodeId;
  };
  for (const turn of context.transcript) {
    if (!continueUntil(turn.nodeId)) return false;
    if (!state.can({ type: 'reply.choose', replyId: turn.replyId })) return false;
    step(state, 'reply');
    [state] = transition(machine, state, { type: 'reply.choose', replyId: turn.replyId });
  }
  if (!continueUntil(target)) return false;
  step(state, 'here');
  return true;
}

/** One moment of a replayed conversation: what the screen showed there, and how many replies had been chosen. */
export interface ConversationMoment {
  view: SessionView;
  turns: number;
  /** At a scene, its heading (sceneHeading: its title, or "Scene 3" by its number among the scenes shown), as every UI heads it. */
  heading?: string;
}

/**
 * The whole conversation up to where a saved session stands, as it was shown: every scene and
 * decision from the start, each with the replies chosen before it, the last being where the save
 * stands. A page reloaded mid-scenario shows this, so the earlier scenes are not lost. Empty when
 * the save cannot be replayed (then show the current moment alone).
 */
export function replayConversation(scenario: Scenario, snapshot: PersistedScenarioSnapshot): ConversationMoment[] {
  const out: ConversationMoment[] = [];
  let turns = 0;
  let scenes = 0;
  const ok = replay(scenario, snapshot, (state, event) => {
    const view = selectView(scenario, state);
    // Counted as sceneNumberAt counts them: the n-th scene shown from the start.
    out.push({ view, turns, ...(view.kind === 'scene' ? { heading: sceneHeading(view.title, ++scenes) } : {}) });
    if (event === 'reply') turns++;
  });
  return ok ? out : [];
}

/**
 * The story just before a saved session's current node: the last reply and the scenes passed
 * since, replayed through the scenario's machine (scenes route on the variables of the moment).
 * A resumed session shows this first, so a decision never opens bare. Empty when nothing led there.
 * `viewOf` works out the view of a moment (selectView; test/machines/core/recap-views.test.ts counts its calls).
 */
export function resumeRecap(scenario: Scenario, snapshot: PersistedScenarioSnapshot, viewOf: typeof selectView = selectView): Recap {
  const index = indexScenario(scenario);
  const persisted = snapshot as unknown as { value: unknown; context: SessionContext };
  const context = persisted.context;
  // Each scene passed since the last reply, with the state of the moment: the meter changes its live
  // view said are worked out below for these only, not for every scene of the whole replay (a view
  // for each scene of a long save doubled the time it took to open). Each with its number among the
  // scenes shown from the start (as sceneNumberAt counts them), which heads an untitled one.
  let passed: { id: string; state: MachineState; n: number }[] = [];
  let scenesShown = 0;
  const replayed = replay(scenario, snapshot, (state, event) => {
    if (event === 'continue' && index.nodes.get(String(state.value))?.kind === 'scene') scenesShown++;
    if (event === 'continue') passed.push({ id: String(state.value), state, n: scenesShown });
    if (event === 'reply') passed = [];
  });
  if (!replayed) return { scenes: [] };
  const last = context.transcript[context.transcript.length - 1];
  const scenes = recapScenes(scenario, passed, (p) => viewOf(scenario, p.state).sceneChanges);
  const lastReply = last ? { lastReply: index.replies.get(last.replyId)?.reply.text ?? last.replyId, lastReplyKind: index.replies.get(last.replyId)?.reply.kind ?? 'say' } : {};
  return cleanDeep({ ...lastReply, ...(last && context.mode === 'practice' ? { lastFeedback: feedbackOf(scenario, last) } : {}), scenes });
}

/** The scenes among these passed, as a recap gives them (not cleaned yet): each headed by its number `n`, with `changesOf` its meter changes. */
function recapScenes<T extends PassedScene>(scenario: Scenario, passed: readonly T[], changesOf: (passed: T) => ChangeView[]): RecapMoment[] {
  const index = indexScenario(scenario);
  const characters = new Map(scenario.characters.map((c) => [c.id, c]));
  return passed.flatMap((p): RecapMoment[] => {
    const node = index.nodes.get(p.id);
    if (!node || node.kind !== 'scene') return [];
    return [{
      heading: sceneHeading(node.title, p.n),
      narration: node.narration,
      // As the moment itself showed them: a speaker's role beside their first line only.
      lines: momentLines(node.lines ?? [], characters),
      changes: changesOf(p),
    }];
  });
}

/**
 * What a resumed session shows before the moment it stopped at ("Where you left off"), or
 * undefined when it opens on that moment itself. At a decision: the recap whenever something led
 * there (a decision must not open bare). At a scene: in practice mode only, when a reply led there
 * (no decision met since it): its feedback came up over that scene after the reply, and the
 * volunteer may have quit while reading it (or on a scene just after), so the reply, its feedback
 * and the scenes passed since are given again, the scene following once they are read. In
 * assessment mode a scene opens as it stood (its feedback waits for the debrief), as does a scene
 * before the first reply (a scene sets itself up).
 */
export function resumeOpening(scenario: Scenario, snapshot: PersistedScenarioSnapshot): Recap | undefined {
  const here = indexScenario(scenario).nodes.get(String((snapshot as unknown as { value: unknown }).value));
  if (!here || (here.kind !== 'decision' && here.kind !== 'scene')) return undefined;
  const recap = resumeRecap(scenario, snapshot);
  if (here.kind === 'scene') return recap.lastFeedback ? recap : undefined;
  return recap.scenes.length > 0 || recap.lastReply ? recap : undefined;
}

/**
 * The number of the scene a session stands at in its playthrough: the scenes passed from the start,
 * this one counted ("Scene 3", sceneWords). Untitled scenes were all headed "Scene", several alike
 * in one playthrough. Undefined away from a scene, or when the path cannot be replayed.
 */
export function sceneNumberAt(scenario: Scenario, snapshot: PersistedScenarioSnapshot): number | undefined {
  const index = indexScenario(scenario);
  if (index.nodes.get(String((snapshot as unknown as { value: unknown }).value))?.kind !== 'scene') return undefined;
  let scenes = 0;
  const replayed = replay(scenario, snapshot, (state) => {
    if (index.nodes.get(String(state.value))?.kind === 'scene') scenes++;
  });
  return replayed ? scenes : undefined;
}

/** A scene passed on the way: its node, and its number among the scenes shown from the start (sceneNumberAt's, this one counted). */
export interface PassedScene {
  id: string;
  n: number;
}

/**
 * The way to where a session stands, by one replay of the playthrough (undefined when its path
 * cannot be replayed), for a caller that carries it forward from step to step (the live room):
 * `scenes`, the scenes shown from the start, the current one counted when it is a scene
 * (sceneNumberAt's number there); `sinceReply`, the scenes passed since the last reply (or since the
 * start), in order, which setupScenes makes the setup decisionSetup gives. A step on adds one to
 * `scenes` when it lands on a scene; Continue adds the scene left to `sinceReply`, a reply empties it.
 */
export function scenesPassed(scenario: Scenario, snapshot: PersistedScenarioSnapshot): { scenes: number; sinceReply: PassedScene[] } | undefined {
  const index = indexScenario(scenario);
  let scenes = 0;
  let sinceReply: PassedScene[] = [];
  const replayed = replay(scenario, snapshot, (state, event) => {
    if (index.nodes.get(String(state.value))?.kind === 'scene') scenes++;
    // Counted as resumeRecap counts them.
    if (event === 'continue') sinceReply.push({ id: String(state.value), n: scenes });
    if (event === 'reply') sinceReply = [];
  });
  return replayed ? { scenes, sinceReply } : undefined;
}

/**
 * These scenes passed (scenesPassed's `sinceReply`, carried forward) as decisionSetup gives them
 * (each headed by its title or its number, clean), without their meter changes (`changes` empty):
 * a trainer-led session shows none.
 */
export function setupScenes(scenario: Scenario, passed: readonly PassedScene[]): SetupMoment[] {
  return cleanDeep(recapScenes(scenario, passed, () => []));
}

/**
 * A scene's heading, as every UI shows it (live, under "Before this", in "Where you left off"): its
 * title, or "Scene 3" by its number in the playthrough when it has none (sceneWords; "Scene" when
 * the number is not known). One function, so that a scene is headed alike wherever it is shown: the
 * terminal's play screen gave an untitled scene no heading while it was on screen, then "Scene 2"
 * under "Before this" after an undo.
 */
export function sceneHeading(title: string | undefined, n: number | undefined): string {
  // Clean, on one line, as the live view's title is (selectView): a UI prints it as it is.
  const shown = title === undefined ? '' : cleanLine(title);
  return shown !== '' && !isBlank(shown) ? shown : sceneWords(n);
}

/**
 * The heading of the scene a session stands at (sceneHeading: its title, or "Scene N" by
 * sceneNumberAt), as the recaps and "Before this" head it later. Undefined away from a scene.
 * `counted`: the scene's number where the caller carries the count forward from scene to scene
 * (the line-by-line player: replaying the playthrough from its start at every scene made a long
 * chain of scenes quadratic, some 71 s for 1,000); without it, worked out by replaying.
 */
export function sceneHeadingAt(scenario: Scenario, snapshot: PersistedScenarioSnapshot, counted?: number): string | undefined {
  const node = indexScenario(scenario).nodes.get(String((snapshot as unknown as { value: unknown }).value));
  if (node?.kind !== 'scene') return undefined;
  // The number only where it heads the scene (a replay from the start): a titled scene is headed by its title.
  return sceneHeading(node.title, !isBlank(node.title ?? '') ? undefined : counted ?? sceneNumberAt(scenario, snapshot));
}

/** A character speaking for the first time in a playthrough, with what the scenario says to introduce them. */
export interface Introduction {
  name: string;
  role: string;
  /** The scenario's sentence for a facilitator to read aloud (the character's `description`). */
  description: string;
}

/**
 * The characters who speak for the first time in this playthrough at the moment a session stands
 * at, each with the description a facilitator can read aloud to introduce them (those without one
 * are left out). Worked out from the path actually taken, so a character is introduced once, where
 * the room first hears them, and no one is introduced before they appear (a description names who
 * someone is, which a cast list read out at the start would give away). Empty when the session's
 * path cannot be replayed.
 */
export function introductionsAt(scenario: Scenario, snapshot: PersistedScenarioSnapshot, spoke?: ReadonlySet<string>): Introduction[] {
  const index = indexScenario(scenario);
  const before = spoke ?? spokeBefore(scenario, snapshot);
  if (before === undefined) return [];
  const here = String((snapshot as unknown as { value: unknown }).value);
  const characters = new Map(scenario.characters.map((c) => [c.id, c]));
  const first = [...new Set(speakersAt(index, here))].filter((id) => !before.has(id));
  return cleanDeep(first.flatMap((id): Introduction[] => {
    const c = characters.get(id);
    return c?.description ? [{ name: c.name, role: c.role, description: c.description }] : [];
  }));
}

/** The characters speaking at a node (its lines'), in order. */
function speakersAt(index: ReturnType<typeof indexScenario>, nodeId: string): string[] {
  return (index.nodes.get(nodeId)?.lines ?? []).map((l) => l.character);
}

/**
 * The characters who spoke on the way to where a session stands, before its current moment, by one
 * replay of the playthrough (undefined when its path cannot be replayed): introductionsAt's, which
 * a page can carry forward from step to step (spokePassing), so that a long chain of scenes is not
 * replayed from its start at every step.
 */
export function spokeBefore(scenario: Scenario, snapshot: PersistedScenarioSnapshot): ReadonlySet<string> | undefined {
  const index = indexScenario(scenario);
  const spoke = new Set<string>();
  const replayed = replay(scenario, snapshot, (state, event) => {
    if (event !== 'here') for (const c of speakersAt(index, String(state.value))) spoke.add(c);
  });
  return replayed ? spoke : undefined;
}

/** Those who spoke on the way (spokeBefore) after one more step, leaving the node `nodeId`. */
export function spokePassing(scenario: Scenario, spoke: ReadonlySet<string>, nodeId: string): ReadonlySet<string> {
  const speakers = speakersAt(indexScenario(scenario), nodeId);
  return speakers.every((c) => spoke.has(c)) ? spoke : new Set([...spoke, ...speakers]);
}

/** An introduction in words, as every UI says it: "Introducing Ray (relative caregiver): Ray Barnes, …". */
export function introductionWords(i: Introduction): string {
  return `Introducing ${i.name}${i.role ? ` (${i.role})` : ''}: ${i.description}`;
}

/**
 * A scene that set up a decision with no words of its own (decisionSetup), with the heading every UI
 * shows above it under "Before this" (RecapMoment's: sceneHeading, the one it had while it was shown).
 */
export type SetupMoment = RecapMoment;

/**
 * The setup of the decision a session stands at, when the decision has no words of its own (no
 * narration, no spoken lines: its prompt asks about what the scene before it said, as testifying's
 * "What do you say to Mr. Dunn?" does): the scenes passed directly before it on the path taken
 * (since the last reply, or since the start), as a resumed session's recap gives them, each with its
 * heading (SetupMoment: its title, or "Scene N", the same N for every UI and the live room). In
 * normal play those scenes were on the screen just before; a UI that opens such a decision any other
 * way (after an undo, after a resume's recap, a trainer going back) shows these with it, so it never
 * opens bare. Empty at a decision with words of its own, anywhere else, or when nothing led there.
 */
export function decisionSetup(scenario: Scenario, snapshot: PersistedScenarioSnapshot): SetupMoment[] {
  const here = indexScenario(scenario).nodes.get(String((snapshot as unknown as { value: unknown }).value));
  if (!here || here.kind !== 'decision' || (here.narration ?? '').trim() !== '' || (here.lines ?? []).length > 0) return [];
  // Headed as the recap heads them (sceneHeading, by the number each had while it was shown).
  return resumeRecap(scenario, snapshot).scenes;
}
