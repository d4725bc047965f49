import { canChooseReply } from './compile.js';
import { applyEffects, conditionHolds, conditionsOf, isConductCondition, specOf } from './conditions.js';
import { scenarioGraph } from './graph.js';
import { citePrinciple, getPrinciple } from './guide.js';
import { repliesInOrder } from './reply-order.js';
import { indexScenario, routesOf } from './scenario-index.js';
import { endingNarration, type Debrief } from './scoring.js';
import type { Reply, Scenario, ScenarioNode } from './schema/scenario.js';
import { cleanDeep, cleanLine } from './text/clean.js';
import { quoteValue } from './text/quote.js';
import { closest } from './text/suggest.js';
import { signed } from './report/words.js';
import type { SessionContext, SessionEvent, Turn } from './types.js';

/**
 * What both UIs read from a running session. They render these values and send events;
 * they hold no scenario or scoring logic of their own. Every string in a view is clean of escape
 * sequences and invisible characters (scenario files are untrusted), so no UI can forget to.
 */

/** The minimal view of an XState snapshot the selectors need. */
export interface SnapshotLike {
  value: unknown;
  status: string;
  context: SessionContext;
  output?: unknown;
  can(event: SessionEvent): boolean;
}

/** A spoken line with its speaker resolved. */
export interface LineView {
  speaker: string;
  /** The speaker's role, on their first line of the moment only ('' after it, and for a person with none). */
  role: string;
  text: string;
}

/**
 * A moment's lines with their speakers named, each speaker's role beside their first line only:
 * "Ms. Okafor (CSW, Children's Social Worker at DCFS)" before each of her lines in a row made the
 * dialogue heavy to read (every UI shows the role beside the name, and Who's who keeps it).
 */
export function momentLines(lines: readonly { character: string; text: string }[], characters: ReadonlyMap<string, { name: string; role?: string }>): LineView[] {
  const named = new Set<string>();
  return lines.map((l) => {
    const who = characters.get(l.character);
    const first = !named.has(l.character);
    named.add(l.character);
    return { speaker: cleanLine(who?.name ?? l.character), role: first ? cleanLine(who?.role ?? '') : '', text: l.text };
  });
}

/** A reply as offered to the volunteer. */
export interface ReplyView {
  id: string;
  /** 1-based number shown beside the reply: its position in this playthrough's order (see reply-order.ts). */
  number: number;
  text: string;
  kind: 'say' | 'do';
  /** False when a condition keeps it from being chosen right now. */
  enabled: boolean;
  /** Why a reply that is not enabled cannot be chosen now, in the volunteer's words. */
  reason?: string;
}

/** A variable shown to the learner as a meter. */
export interface MeterView {
  id: string;
  label: string;
  value: number;
  min: number;
  max: number;
}

/** How a reply or a scene changed a number the volunteer is shown. */
export interface ChangeView {
  /** The variable's id: two variables may share a label (validate warns). */
  id: string;
  label: string;
  from: number;
  to: number;
}

/**
 * A change as both apps show it: "Arev's trust: 50 → 35 (−15)" (a reply's feedback, and a scene
 * whose effects change a meter).
 */
export function changeWords(c: ChangeView): string {
  return `${c.label}: ${c.from} → ${c.to} (${signed(c.to - c.from)})`;
}

/** The same change as read aloud (a screen reader says "right arrow" for the arrow, or nothing): "Arev's trust: from 50 to 35 (−15)." */
export function changeSpokenWords(c: ChangeView): string {
  return `${c.label}: from ${c.from} to ${c.to} (${signed(c.to - c.from)}).`;
}

/** The feedback on the volunteer's last reply, with the principles and guide sections it touches. */
export interface FeedbackView {
  nodeId: string;
  replyId: string;
  replyText: string;
  /** "do" for an action ("You do: …"), "say" for words. */
  replyKind: 'say' | 'do';
  feedback: string;
  assessments: { principleId: string; title: string; verdict: 'follows' | 'violates'; weight: number; citation: string; severity: string }[];
  changes: ChangeView[];
}

/** Everything a screen needs to show the current moment of a session. */
export interface SessionView {
  /** The scenario's title, on one line. */
  scenarioTitle: string;
  nodeId: string;
  kind: ScenarioNode['kind'];
  title?: string;
  narration?: string;
  lines: LineView[];
  prompt?: string;
  replies: ReplyView[];
  facilitatorNote?: string;
  discussionPrompt?: string;
  canContinue: boolean;
  canUndo: boolean;
  /** "Decision n of about m". */
  progress: { decision: number; about: number };
  meters: MeterView[];
  /** Feedback on the last reply: practice mode only (assessment mode holds it for the debrief). */
  lastFeedback?: FeedbackView;
  /**
   * At a scene with effects, how continuing from it changes the meters shown (changeWords says it):
   * practice mode only, as the meters are; empty otherwise. The meter moves when the scene is left,
   * so the scene says why it will.
   */
  sceneChanges: ChangeView[];
  done: boolean;
  debrief?: Debrief;
}

/**
 * "Decision n of about m": the words every app and view (play, --facilitate, plain mode, the room's
 * terminal controls, the projector) gives a decision, from its progress. One wording: each built it
 * on its own before, and a change to one left the others saying it another way.
 */
export function decisionProgressWords(progress: Pick<SessionView['progress'], 'decision' | 'about'>): string {
  return `Decision ${progress.decision} of about ${progress.about}`;
}

/**
 * A scene in words where it has no title of its own: by its number in the playthrough ("Scene 3",
 * the core's sceneNumberAt; the n-th scene shown), or "Scene" when the number is not known.
 * Untitled scenes were all "Scene", several alike in one playthrough.
 */
export function sceneWords(n?: number): string {
  return n === undefined ? 'Scene' : `Scene ${n}`;
}

/**
 * Where the playthrough stands, in the words both apps show: "Decision n of about m" at a decision;
 * at a scene "About m decisions ahead" before the first and "After n of about m decisions" later.
 */
export function progressWords(view: Pick<SessionView, 'kind' | 'progress'>): string {
  const { decision, about } = view.progress;
  if (view.kind === 'decision') return decisionProgressWords(view.progress);
  return decision === 0 ? `About ${about} decisions ahead` : `After ${decision} of about ${about} decisions`;
}

const remainingCache = new WeakMap<Scenario, Map<string, { min: number; max: number }>>();

/** Fewest and most decisions left from each node (linear DP over the acyclic graph). */
function decisionsRemaining(scenario: Scenario): Map<string, { min: number; max: number }> {
  const cached = remainingCache.get(scenario);
  if (cached) return cached;
  const index = indexScenario(scenario);
  const { order } = scenarioGraph(scenario);
  const out = new Map<string, { min: number; max: number }>();
  for (let i = order.length - 1; i >= 0; i--) {
    const node = index.nodes.get(order[i] as string) as ScenarioNode;
    if (node.kind === 'ending') {
      out.set(node.id, { min: 0, max: 0 });
      continue;
    }
    const targets = node.kind === 'scene' ? routesOf(node.next) : node.replies.flatMap((r) => routesOf(r.next));
    const add = node.kind === 'decision' ? 1 : 0;
    const after = targets.map((t) => out.get(t.to) ?? { min: 0, max: 0 });
    out.set(node.id, { min: Math.min(...after.map((a) => a.min)) + add, max: Math.max(...after.map((a) => a.max)) + add });
  }
  remainingCache.set(scenario, out);
  return out;
}

/** The feedback view of one transcript turn (clean text). */
export function feedbackOf(scenario: Scenario, turn: Turn): FeedbackView {
  return cleanDeep(rawFeedbackOf(scenario, turn));
}

function rawFeedbackOf(scenario: Scenario, turn: Turn): FeedbackView {
  const index = indexScenario(scenario);
  const reply = index.replies.get(turn.replyId)?.reply;
  return {
    nodeId: turn.nodeId,
    replyId: turn.replyId,
    replyText: reply?.text ?? turn.replyId,
    replyKind: reply?.kind ?? 'say',
    feedback: turn.feedback,
    assessments: turn.assessments.map((a) => {
      const p = getPrinciple(a.principle);
      return { principleId: a.principle, title: p?.title ?? a.principle, verdict: a.verdict, weight: a.weight ?? 1, citation: citePrinciple(a.principle), severity: p?.severity ?? 'supporting' };
    }),
    // Yes/no flags are facts the story keeps, not amounts: never shown as numbers. A label is one line
    // (cleanLine: the cleanDeep of feedbackOf keeps a "\r" in it as a new line, drawn as a row of its own).
    changes: turn.changes.filter((c) => index.variables.get(c.var)?.type !== 'flag').map((c) => ({ id: c.var, label: cleanLine(index.variables.get(c.var)?.label ?? c.var), from: c.from, to: c.to })),
  };
}

/**
 * A decision's replies as offered: in this playthrough's order (worked out over every reply id, so
 * a reply appearing never reshuffles the others), without the hidden replies whose condition does
 * not hold now, and numbered 1, 2, 3… over what is left.
 */
function offeredReplies(scenario: Scenario, snapshot: SnapshotLike, nodeId: string, replies: readonly Reply[]): ReplyView[] {
  const out: ReplyView[] = [];
  // At the decision the session stands at, asked of the machine's guard directly (canChooseReply):
  // can() looks through the routes of every reply before the one asked about, 90 ms a view at a
  // decision of 1,000 replies.
  const here = snapshot.status === 'active' && String(snapshot.value) === nodeId;
  for (const r of repliesInOrder(scenario, snapshot.context.seed, nodeId, replies)) {
    const enabled = here ? canChooseReply(scenario, snapshot.context, r.id) : snapshot.can({ type: 'reply.choose', replyId: r.id });
    if (r.hidden === true && r.when !== undefined && !enabled) continue;
    out.push({ id: r.id, number: out.length + 1, text: r.text, kind: r.kind ?? 'say', enabled, ...(enabled ? {} : { reason: unavailableReason(scenario, snapshot, r) }) });
  }
  return out;
}

/** Why a reply cannot be chosen now, as both apps say it: "Reply 3 is not available now: it needs …". */
export function unavailableWords(reply: Pick<ReplyView, 'number' | 'reason'>): string {
  const reason = reply.reason ?? NOT_THIS_POINT;
  // An author's reason may end in its own "?" or "!" (a full stop is taken off: unavailableReason).
  return `Reply ${reply.number} is not available now: ${reason}${/[.!?…]$/.test(reason) ? '' : '.'}`;
}

/** Why a reply is not available when nothing the volunteer can see (a meter) explains it, and its author wrote no reason. */
const NOT_THIS_POINT = 'it does not fit this point in the story';

/**
 * What a line-by-line run says to an answer shaped like a reply id (lower-case words joined by
 * hyphens, as an author scripting a path types them) that no reply at this decision has: the
 * likely meant id, and this decision's ids with their numbers. Undefined for anything else (a
 * volunteer's stray word gets the list of numbers instead).
 */
export function unknownReplyIdWords(answer: string, replies: readonly Pick<ReplyView, 'id' | 'number'>[]): string | undefined {
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)+$/.test(answer) || answer.length > 80 || replies.some((r) => r.id === answer)) return undefined;
  const guess = closest(answer, replies.map((r) => r.id));
  const ids = replies.map((r) => `${r.number}: ${r.id}`).join(', ');
  return `No reply at this decision has the id ${quoteValue(answer)}.${guess ? ` Did you mean ${quoteValue(guess)}?` : ''} Its replies: ${ids}.`;
}

/**
 * In an assessment (no undo, no feedback between decisions), a reply key pressed again within this
 * many milliseconds of the reply key that brought the decision up does not answer it: a key pressed
 * twice (150–300 ms apart) answered the next decision unseen, and nothing could take it back. Both
 * apps refuse it and say so (TOO_SOON_WORDS); a scene in between starts the count again.
 */
export const DOUBLE_PRESS_MS = 400;
/** What both apps say when they refuse such a second press. */
export const TOO_SOON_WORDS = 'That key was pressed again as this decision appeared, so it did not answer it: in an assessment a reply cannot be taken back. Press a number to answer this decision.';

const COMPARE = [['gte', 'at least'], ['gt', 'above'], ['lte', 'at most'], ['lt', 'below'], ['eq', 'exactly'], ['ne', 'anything but']] as const;

/**
 * Why a reply cannot be chosen now. A meter the volunteer can see is named with what it needs and
 * its value now; anything hidden (other variables, how the conversation has gone) is not spelled
 * out, since that would give the story away: the reply's "unavailableReason", its author's words
 * for it, is said instead, or else that it does not fit this point in the story. The author's
 * reason is left out when only shown meters keep the reply closed (it would explain a condition
 * that holds).
 */
export function unavailableReason(scenario: Scenario, snapshot: Pick<SnapshotLike, 'context'>, reply: Reply): string {
  const failing = conditionsOf(reply.when).filter((c) => isConductCondition(c) || !conditionHolds(c, snapshot.context.variables));
  const parts: string[] = [];
  let unseen = false;
  for (const c of failing) {
    if (isConductCondition(c)) {
      unseen = true;
      continue;
    }
    const v = scenario.variables?.find((x) => x.id === c.var);
    if (!v?.shown || v.type === 'flag') {
      unseen = true;
      continue;
    }
    const needs = COMPARE.filter(([key]) => c[key] !== undefined).map(([key, words]) => `${words} ${c[key] as number}`).join(' and ');
    if (needs) parts.push(`${cleanLine(v.label)} ${needs} (now ${snapshot.context.variables[v.id] ?? specOf(v).start})`);
    else unseen = true;
  }
  // One line, without the full stop unavailableWords puts after it (nor one left blank by cleaning).
  const authored = reply.unavailableReason === undefined ? '' : cleanLine(reply.unavailableReason).trim().replace(/\.+$/, '').trim();
  const said = [
    ...(authored !== '' && (unseen || parts.length === 0) ? [authored] : []),
    ...(parts.length > 0 ? [`it needs ${parts.join(', and ')}`] : []),
  ];
  return said.length > 0 ? said.join('; ') : NOT_THIS_POINT;
}

/**
 * "of about m" is the most decisions a playthrough can still come to: the estimate is never
 * outrun, so it never grows on the way (a playthrough may end sooner, as a story can, and in
 * practice the estimate then shrinks with the branch). It was the midpoint of the fewest and the
 * most, which no playthrough need have: harm-reduction said "of about 8" where every playthrough
 * has 6 decisions (a harmful ending at the sixth) or 9 (every other), and on the way to the ninth
 * "Decision 8 of about 8" was followed by "Decision 9 of about 9"; so with the best replies in
 * testifying, left-placement-calls and whereabouts-unknown.
 *
 * The length of the scenario as estimated at its start. Assessment mode keeps to it: an estimate
 * worked out again after each reply grows or shrinks with the branch the reply led to, and would
 * hint at how good the reply was before the debrief (as a moving meter would).
 */
function aboutFromStart(scenario: Scenario): number {
  return (decisionsRemaining(scenario).get(scenario.start) ?? { min: 0, max: 0 }).max;
}

/** The current moment of a session, ready to render. */
export function selectView(scenario: Scenario, snapshot: SnapshotLike): SessionView {
  const index = indexScenario(scenario);
  const nodeId = String(snapshot.value);
  const node = index.nodes.get(nodeId);
  if (!node) throw new Error(`unknown node "${nodeId}"`);
  const characters = new Map(scenario.characters.map((c) => [c.id, c]));
  const { context } = snapshot;
  const last = context.transcript[context.transcript.length - 1];
  const remaining = decisionsRemaining(scenario).get(nodeId) ?? { min: 0, max: 0 };
  const taken = context.transcript.length;
  const current = node.kind === 'decision' ? 1 : 0;
  return cleanDeep<SessionView>({
    scenarioTitle: cleanLine(scenario.title),
    nodeId,
    kind: node.kind,
    // One-line fields of the file stay on one line (as the scenario's title and the debrief's turn
    // titles are): a line break in a title, a name or a meter's label broke a screen's row count,
    // and the frame ran past the window's last row.
    title: node.title === undefined ? undefined : cleanLine(node.title),
    narration: node.kind === 'ending' ? endingNarration(scenario, node, context.variables, context.transcript) : node.narration,
    lines: momentLines(node.lines ?? [], characters),
    prompt: node.kind === 'decision' ? (node.prompt ?? 'What do you say or do?') : undefined,
    replies: node.kind === 'decision'
      ? offeredReplies(scenario, snapshot, node.id, node.replies)
      : [],
    facilitatorNote: node.kind === 'ending' ? undefined : node.facilitatorNote,
    discussionPrompt: node.kind === 'ending' ? undefined : node.discussionPrompt,
    canContinue: node.kind === 'scene' && snapshot.can({ type: 'scene.continue' }),
    canUndo: snapshot.status === 'active' && snapshot.can({ type: 'decision.undo' }),
    progress: {
      decision: node.kind === 'decision' ? taken + 1 : taken,
      about: Math.max(taken + current, context.mode === 'assessment' ? aboutFromStart(scenario) : taken + remaining.max),
    },
    // Assessment mode shows no feedback, and a meter that moves with each reply is feedback.
    meters: context.mode === 'assessment' ? [] : (scenario.variables ?? []).filter((v) => v.shown && v.type !== 'flag').map((v) => {
      const spec = specOf(v);
      return { id: v.id, label: cleanLine(v.label), value: context.variables[v.id] ?? spec.start, min: spec.min, max: spec.max };
    }),
    lastFeedback: last && context.mode === 'practice' ? rawFeedbackOf(scenario, last) : undefined,
    sceneChanges: node.kind === 'scene' && context.mode === 'practice' ? sceneChangesOf(index, node.effects, context.variables) : [],
    done: snapshot.status === 'done',
    debrief: snapshot.status === 'done' ? (snapshot.output as Debrief) : undefined,
  });
}

/** The changes a scene's effects make to the meters shown (numbers the volunteer sees), from these values. */
function sceneChangesOf(index: ReturnType<typeof indexScenario>, effects: Parameters<typeof applyEffects>[0], variables: SessionContext['variables']): ChangeView[] {
  return applyEffects(effects, variables, index.variables).changes.flatMap((c) => {
    const v = index.variables.get(c.var);
    return v?.shown === true && v.type !== 'flag' ? [{ id: c.var, label: cleanLine(v.label), from: c.from, to: c.to }] : [];
  });
}

/** Every reply of a decision with its feedback and assessments, in file order (`revealData` puts them in the order shown). */
export function revealReplies(scenario: Scenario, nodeId: string): FeedbackView[] {
  const node = indexScenario(scenario).nodes.get(nodeId);
  if (node?.kind !== 'decision') return [];
  return node.replies.map((r) => feedbackOf(scenario, { nodeId, replyId: r.id, assessments: r.assessments, feedback: r.feedback, changes: [] }));
}
