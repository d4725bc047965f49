import { createActor, transition, type SnapshotFrom } from 'xstate';
import { z } from 'zod';
import { compileScenario, endingDebrief, type ScenarioMachine } from '../compile.js';
import { revealData, type RevealEntry, type Votes } from '../facilitation/votes.js';
import { backToDecision } from '../facilitation/steps.js';
import { facilitatedDecision, NO_DECISIONS_COUNTED, roomDidAdd, roomDidCountsWords, summaryBaseName, type FacilitatedDecision, type RoomDidCounts } from '../facilitation/summary.js';
import { fileStamp } from '../report/export.js';
import { BAND_LABELS, breaksCritical, citationWords, scoreWords } from '../report/words.js';
import type { Scenario, ScenarioNode } from '../schema/scenario.js';
import type { SessionContext } from '../types.js';
import { metBefore, metPassing, peopleMet, peopleMetAt, type Person, type RoomReveals } from '../people.js';
import { indexScenario } from '../scenario-index.js';
import { introductionsAt, sceneHeading, scenesPassed, setupScenes, spokeBefore, spokePassing, type Introduction, type PassedScene, type SetupMoment } from '../recap.js';
import { selectView, unavailableWords, type SessionView } from '../selectors.js';
import { actorOptions, restoreSession, saveSession, savedWith, undoEnding, type PersistedScenarioSnapshot, type SavedSession } from '../session.js';
import { cleanLine, cleanText } from '../text/clean.js';
import { quoteValue, shorten } from '../text/quote.js';
import { fingerprint } from './fingerprint.js';
import { readRoomLog } from './log.js';
import { roomSummaryMarkdown } from './summary.js';
import { COMMAND_SOURCES, DEVICE_ID, isRoomCode, PAGE_ID, type CommandSource, MAX_BEST_PRACTICE_ON_PHONE, MAX_INTRODUCTIONS_SENT, MAX_SUMMARY_SENT, MAX_PEOPLE_ON_PHONE, MAX_LINES_ON_PHONE, MAX_PEOPLE_SENT, MAX_SETUP_SCENES_ON_PHONE, MAX_UNAVAILABLE_ON_PHONE, type PhoneDecision, type PhoneDiscussion, type PhoneScene, type PresenterAction, type PresenterView, type PresenterViewSent, type Rejection, type RevealSent, type RoomCount, type RoomPhase, type VoterMessage, type VoterView } from './protocol.js';

/**
 * The live room as a pure reducer over plain, serialisable state. The session itself is the
 * core's scenario machine (its persisted snapshot is kept in the state and every branch goes
 * through `transition`), the tallies and reveal are `tallyVotes` / `revealData`, and the record
 * of each decision is `facilitatedDecision`: the room adds who may vote when, and nothing else.
 *
 * Rules:
 * - a phone joins with its device id (at most MAX_DEVICES per room); rejoining keeps its vote;
 * - one vote per device per round, changeable while the round is open, refused once locked;
 * - votes are hidden (only counted) until the reveal; the reveal shows every reply's feedback;
 * - only the presenter opens, locks, reveals, chooses the branch and moves past scenes;
 * - on the trainer's break (`onBreak`) nothing changes but the break's end: no votes, no steps;
 * - every sequenced message must carry a larger `seq` than the last accepted from its sender.
 */

/** The most devices one room takes: a training room, and a bound on the state file. */
export const MAX_DEVICES = 500;

/** The most presenter pages one break is the own break of (a trainer's laptop and a co-trainer's, a projector's, a few reloads). */
export const MAX_BREAK_PAGES = 20;

/** A decision the room has voted on and followed. */
export interface RoomDecision {
  node: string;
  round: number;
  /** Each device's vote, by device id. */
  votes: Record<string, string>;
  /** The reply the room followed. */
  chosen: string;
  /** The best-practice reply or replies at that decision. */
  best: string[];
  /** The core's record (title, prompt, replies with vote counts, the number followed). */
  record: FacilitatedDecision;
}

/** Everything a room needs to carry on after a restart; written to the state folder on every change. */
export interface RoomState {
  format: 'casa-practice-room';
  formatVersion: 1;
  room: string;
  scenarioId: string;
  scenarioVersion: number;
  createdAt: string;
  /**
   * The session, as saved by the core (`saveSession`), but for its debrief at an ending (the machine's
   * output, worked out again when read: withoutOutput); restored through `restoreSession` on resume.
   */
  session: SavedSession;
  phase: RoomPhase;
  /** Rounds opened so far; the current round's number. */
  round: number;
  /** The decision the current round is about (set while a round is open, locked or revealed). */
  node?: string;
  /** Votes in the current round: device id → reply id. */
  votes: Record<string, string>;
  /** Joined devices and the last seq accepted from each. */
  devices: Record<string, { seq: number }>;
  /** The last seq accepted from the presenter. */
  presenterSeq: number;
  history: RoomDecision[];
  /**
   * No step taken by the trainer yet (a break is not one): the room's screens show the content note
   * (`notStarted`). Set by `createRoom`, gone with the trainer's first command other than a break.
   * Absent from rooms saved before it, whose start is read from their seq (no command at all).
   */
  beforeStart?: true;
  /** Ended for everyone (`end`) while the decision on screen was revealed: the room had seen its feedback. */
  endedRevealed?: true;
  /**
   * The trainer is on a break (the `break` command): phones are shown only that (`voterView`), votes
   * are refused and kept, and so is every other command. Nothing else changes: back from the break,
   * the room is where it was.
   */
  onBreak?: true;
  /**
   * Where the room's last break was ended (the terminal's b, or a presenter page), until the next
   * break begins: the presenter view says it (`breakEndedBy`). Absent when the room was not told
   * (a reducer caller that gives no `by`).
   */
  breakEndedBy?: CommandSource;
  /**
   * With `breakEndedBy: 'page'`: the id of the presenter page whose command ended it (its hello's
   * `page`), when it named one; the presenter view says it (`breakEndedPage`), so that a page knows
   * whether its own command or another page's ended the break.
   */
  breakEndedPage?: string;
  /**
   * The number of the room's current break, or of its last one (1 for the first, one more for each
   * taken since); absent before any. The presenter view says it (`breakNumber`) and a page's command
   * to end a break names it, so that one sent about a break that is over changes nothing.
   */
  breakNumber?: number;
  /**
   * On a break: the presenter pages (their hello's `page`) whose own break it is, in the order they
   * asked for it (at most MAX_BREAK_PAGES); absent when none (taken from the laptop's terminal, or by
   * a page that named no id). A page's "Back from break" takes it off the break; the break ends with
   * the last of them (see reduceBreak).
   */
  breakPages?: string[];
  /** Whatever the shell wants back on resume (the scenario file, the port): strings and numbers only. */
  meta: Record<string, string | number>;
}

/** The scenario a room plays and its compiled machine. */
export interface RoomContext {
  scenario: Scenario;
  machine: ScenarioMachine;
}

export function roomContext(scenario: Scenario): RoomContext {
  return { scenario, machine: compileScenario(scenario) };
}

type Snapshot = SnapshotFrom<ScenarioMachine>;
// The live snapshot and the view behind each saved session object: votes copy the state but keep
// its session object, so a vote never rebuilds the machine's snapshot or the view.
const live = new WeakMap<SavedSession, Snapshot>();
const views = new WeakMap<SavedSession, SessionView>();
const reveals = new WeakMap<RoomState, ReturnType<typeof revealData>>();
const introduced = new WeakMap<SavedSession, Introduction[]>();

/** A scene passed since the last reply, the newest first: a list each step adds to without copying it. */
interface Passed {
  scene: PassedScene;
  before: Passed | undefined;
}

/**
 * What the path to the session's moment holds, for the moment's scene number, introductions, who's
 * who and setup: the scenes shown from the start (this one counted, at a scene: sceneNumberAt's), who
 * spoke before it (spokeBefore), the people met on the way to it with the room's reveals
 * (metBefore), and the scenes passed since the last reply (scenesPassed's `sinceReply`). Kept beside
 * the room's state (never saved), by its session: worked out by replaying the playthrough from its
 * start only where nothing is known (a new room, a kept room reopened, after Back or an undo), and
 * handed on by each step from the moment before (handOn). Replaying at every step, four times, made
 * a long chain of scenes quadratic in the room.
 */
interface Trail {
  scenes: number;
  spoke: ReadonlySet<string>;
  met: readonly string[];
  passed: Passed | undefined;
}

// null: the session's path cannot be replayed (the core's functions then say what they say for one).
const trails = new WeakMap<SavedSession, Trail | null>();

/** The room's reveals as the core's who's who takes them: every decision followed was revealed (a reply is followed only after the reveal). */
function roomReveals(state: RoomState, revealedNow: boolean): RoomReveals {
  return { past: state.history.map(() => ({ revealed: true })), current: { revealed: revealedNow } };
}

function trailOf(ctx: RoomContext, state: RoomState): Trail | undefined {
  const known = trails.get(state.session);
  if (known !== undefined) return known ?? undefined;
  const snapshot = state.session.snapshot as PersistedScenarioSnapshot;
  const scenes = scenesPassed(ctx.scenario, snapshot);
  const spoke = scenes && spokeBefore(ctx.scenario, snapshot);
  const met = spoke && metBefore(ctx.scenario, snapshot, roomReveals(state, false));
  let trail: Trail | null = null;
  if (scenes && spoke && met) {
    let passed: Passed | undefined;
    for (const scene of scenes.sinceReply) passed = { scene, before: passed };
    trail = { scenes: scenes.scenes, spoke, met, passed };
  }
  trails.set(state.session, trail);
  return trail ?? undefined;
}

/**
 * The trail one step on, from `before` (the moment left, whose trail is `from`) to `after`: by
 * Continue at a scene, or by the reply `replyId` at a decision, which the room followed after its
 * reveal. Undefined when the step did not move (it is worked out again there).
 */
function handOn(ctx: RoomContext, from: Trail, before: Snapshot, after: Snapshot, replyId: string | undefined): Trail | undefined {
  const node = String(before.value);
  if (String(after.value) === node && after.context.transcript.length === before.context.transcript.length) return undefined;
  const index = indexScenario(ctx.scenario);
  return {
    scenes: from.scenes + (index.nodes.get(String(after.value))?.kind === 'scene' ? 1 : 0),
    spoke: spokePassing(ctx.scenario, from.spoke, node),
    met: metPassing(ctx.scenario, from.met, before, replyId, replyId === undefined ? undefined : true),
    passed: replyId !== undefined ? undefined : { scene: { id: node, n: from.scenes }, before: from.passed },
  };
}

/** The node the room's session stands at. */
function nodeOf(ctx: RoomContext, state: RoomState): ScenarioNode | undefined {
  return indexScenario(ctx.scenario).nodes.get(String((state.session.snapshot as { value?: unknown }).value));
}

/** Who the room hears for the first time at the session's moment (worked out once per moment, not on every vote). */
function introductionsOf(ctx: RoomContext, state: RoomState): Introduction[] {
  const cached = introduced.get(state.session);
  if (cached) return cached;
  const trail = trailOf(ctx, state);
  // Its path cannot be replayed: as introductionsAt says then, no one.
  const found = trail ? introductionsAt(ctx.scenario, state.session.snapshot as PersistedScenarioSnapshot, trail.spoke) : [];
  introduced.set(state.session, found);
  return found;
}

/**
 * The number of the scene the room's session stands at in its playthrough (the core's sceneNumberAt:
 * the scenes shown from the start, this one counted), for every UI of the room to head an untitled
 * scene "Scene 3" alike (`sceneWords`); undefined away from a scene, or when the path cannot be
 * replayed. Carried forward from the moment before (trailOf), not worked out on every vote.
 */
export function roomSceneNumber(ctx: RoomContext, state: RoomState): number | undefined {
  if (nodeOf(ctx, state)?.kind !== 'scene') return undefined;
  return trailOf(ctx, state)?.scenes;
}

type RoomPeople = { presenter: Person[]; phone: NonNullable<VoterView['people']> };
const people = new WeakMap<SavedSession, Map<boolean, RoomPeople>>();

/**
 * Who's who in the room: the people the room has met so far (the core's peopleMet, in clean
 * one-line text), with the room's reveals: every decision followed was revealed (a reply is followed
 * only after the reveal), and the one on screen counts once it is. Worked out once per moment and
 * reveal, not on every vote: `presenter` for the trainer's page (at most MAX_PEOPLE_SENT), `phone`
 * what a phone is sent of them (names and roles only, at most MAX_PEOPLE_ON_PHONE).
 */
function peopleOf(ctx: RoomContext, state: RoomState): RoomPeople {
  const revealedNow = state.phase === 'revealed' || state.endedRevealed === true;
  const cached = people.get(state.session)?.get(revealedNow);
  if (cached) return cached;
  const trail = trailOf(ctx, state);
  // Its path cannot be replayed: peopleMet lists the people of the moment alone. With the trail
  // known, the moment alone is added (peopleMetAt reads the current reveal only): the past ones,
  // listed at every moment, made it linear in the decisions made.
  const all = trail ? peopleMetAt(ctx.scenario, snapshotOf(ctx, state), trail.met, { past: [], current: { revealed: revealedNow } }) : peopleMet(ctx.scenario, state.session.snapshot as PersistedScenarioSnapshot, roomReveals(state, revealedNow));
  const found = { presenter: all.slice(0, MAX_PEOPLE_SENT), phone: all.slice(0, MAX_PEOPLE_ON_PHONE).map((p) => ({ name: p.name, ...(p.role !== '' ? { role: p.role } : {}) })) };
  const byReveal = people.get(state.session) ?? new Map<boolean, RoomPeople>();
  byReveal.set(revealedNow, found);
  people.set(state.session, byReveal);
  return found;
}

/** The setup as the room sends it: every scene headed (an untitled one by its number, "Scene 3"). */
type RoomSetup = (NonNullable<PresenterView['setup']>[number] & { title: string })[];
const setups = new WeakMap<SavedSession, RoomSetup>();

/**
 * The scenes that set up the session's decision when it has no words of its own (the core's
 * decisionSetup), or that came before the story's first decision (openingScenesOf), worked out
 * once per moment from the scenes passed since the last reply, carried forward (trailOf): their
 * words only, clean (a trainer-led session shows no meters), each headed as every UI of the room headed it while it was shown: its title, or
 * "Scene 3" by its number in the playthrough (decisionSetup's heading, as every UI heads it). The
 * page and its projector show them under "Before this" when they open that decision other than
 * straight from them; the phones are sent them too (phoneSetupOf). An untitled one had no heading
 * on the laptop and the projector, where the phones headed it "Scene 3".
 */
function setupOf(ctx: RoomContext, state: RoomState): RoomSetup {
  const cached = setups.get(state.session);
  if (cached) return cached;
  // Headed by the core (decisionSetup's heading), as the terminal and presenter mode without a room head them.
  const found = (wordless(nodeOf(ctx, state)) || openingScenesOf(ctx, state) ? passedSince(ctx, state) : []).map((scene) => ({
    // Clean, on one line already (sceneHeading).
    title: scene.heading,
    ...(scene.narration ? { narration: cleanText(scene.narration) } : {}),
    lines: scene.lines.map((l) => ({ speaker: cleanLine(l.speaker), ...(l.role ? { role: cleanLine(l.role) } : {}), text: cleanText(l.text) })),
  }));
  setups.set(state.session, found);
  return found;
}

/**
 * Whether the session stands at the story's first decision (no reply made yet), which the scenes
 * before it (passedSince) come with, whether or not it has words of its own: until the trainer's first
 * step the projector and the phones showed the content note in place of the opening scene, and that
 * step goes past it. The presenter page shows it on the projector under "Before this" at that step
 * (LiveRoom's `opening`), and a decision with no words of its own had it as its setup; one with
 * words of its own (8 of the 16 bundled scenarios: the-list's "Outside the house", asked of Bà Hoa,
 * whom the opening scene introduces) came to the phones without it, so a person who cannot read the
 * projector never had the story's start, and a presenter page reloaded there lost it from the
 * projector. False at any other moment.
 */
function openingScenesOf(ctx: RoomContext, state: RoomState): boolean {
  const view = roomSessionView(ctx, state);
  return view.kind === 'decision' && !view.done && snapshotOf(ctx, state).context.transcript.length === 0;
}

/** A decision with no words of its own (no narration, no spoken lines), which decisionSetup sets up with the scenes before it. */
function wordless(node: ScenarioNode | undefined): boolean {
  return node?.kind === 'decision' && (node.narration ?? '').trim() === '' && (node.lines ?? []).length === 0;
}

/** The scenes passed since the last reply (or the start), as decisionSetup heads them: none when the path cannot be replayed (as decisionSetup says then). */
function passedSince(ctx: RoomContext, state: RoomState): SetupMoment[] {
  const scenes: PassedScene[] = [];
  for (let p = trailOf(ctx, state)?.passed; p; p = p.before) scenes.push(p.scene);
  return setupScenes(ctx.scenario, scenes.reverse());
}

const phoneSetups = new WeakMap<SavedSession, PhoneScene[]>();

/**
 * The scenes that set up the session's decision when it has no words of its own (setupOf, the
 * projector's "Before this", headed alike) as a phone is sent them: at most MAX_LINES_ON_PHONE lines
 * each, the last MAX_SETUP_SCENES_ON_PHONE scenes. Worked out once per moment; empty at any other moment.
 */
function phoneSetupOf(ctx: RoomContext, state: RoomState): PhoneScene[] {
  const cached = phoneSetups.get(state.session);
  if (cached) return cached;
  const found = setupOf(ctx, state).map((scene): PhoneScene => ({
    title: scene.title,
    ...(scene.narration ? { narration: scene.narration } : {}),
    lines: scene.lines.slice(0, MAX_LINES_ON_PHONE),
  })).slice(-MAX_SETUP_SCENES_ON_PHONE);
  phoneSetups.set(state.session, found);
  return found;
}

/**
 * A session's persisted snapshot as the room keeps it, and so saves it: without the machine's output,
 * the debrief at an ending, which snapshotOf works out again from the rest (endingDebrief). The
 * debrief tells every decision made: kept, the save of the step that reached the ending wrote it
 * whole, half a megabyte by the thousandth decision. A room saved with it (before) is read as well.
 */
function withoutOutput<T>(persisted: T): T {
  if (typeof persisted !== 'object' || persisted === null || !Object.hasOwn(persisted, 'output')) return persisted;
  const { output: _debrief, ...rest } = persisted as T & { output?: unknown };
  return rest as T;
}

function snapshotOf(ctx: RoomContext, state: RoomState): Snapshot {
  const cached = live.get(state.session);
  if (cached) return cached;
  const persisted = state.session.snapshot as { status?: unknown; value?: unknown; context: SessionContext; output?: unknown };
  // At an ending, its debrief (the machine's output), which the room does not keep (withoutOutput).
  const whole = persisted.status === 'done' && persisted.output === undefined ? { ...persisted, output: endingDebrief(ctx.scenario, persisted.context, String(persisted.value)) } : persisted;
  const snapshot = createActor(ctx.machine, actorOptions(ctx.scenario, { mode: 'practice', snapshot: whole as unknown as PersistedScenarioSnapshot })).getSnapshot();
  live.set(state.session, snapshot);
  return snapshot;
}

/** The session's current moment, as every UI reads it (the same object for the same session: treat it as read-only). */
export function roomSessionView(ctx: RoomContext, state: RoomState): SessionView {
  const cached = views.get(state.session);
  if (cached) return cached;
  const view = selectView(ctx.scenario, snapshotOf(ctx, state));
  views.set(state.session, view);
  return view;
}

/** The reveal of the current round (votes cannot change once revealed, so it is worked out once). */
function revealOf(ctx: RoomContext, state: RoomState): ReturnType<typeof revealData> {
  const cached = reveals.get(state);
  if (cached) return cached;
  const reveal = revealData(ctx.scenario, roomSessionView(ctx, state), countVotes(state.votes));
  reveals.set(state, reveal);
  return reveal;
}

/** A new room. `seed` orders the replies (the shell draws it), `room` is a code from `roomCodeFrom`. */
export function createRoom(ctx: RoomContext, room: string, seed: number, now: Date, meta: Record<string, string | number> = {}): RoomState {
  if (!isRoomCode(room)) throw new Error(`not a room code: ${room}`);
  const actor = createActor(ctx.machine, actorOptions(ctx.scenario, { mode: 'practice', seed }));
  const snapshot = actor.getSnapshot();
  const state: RoomState = {
    format: 'casa-practice-room',
    formatVersion: 1,
    room,
    scenarioId: ctx.scenario.id,
    scenarioVersion: ctx.scenario.version,
    createdAt: now.toISOString(),
    session: saveSession(ctx.scenario, withoutOutput(ctx.machine.getPersistedSnapshot(snapshot)), now),
    phase: snapshot.status === 'done' ? 'ended' : 'idle',
    round: 0,
    votes: {},
    devices: {},
    presenterSeq: 0,
    history: [],
    ...(snapshot.status === 'done' ? {} : { beforeStart: true as const }),
    meta,
  };
  live.set(state.session, snapshot);
  return state;
}

/** What the reducer takes: a phone's message (from a joined connection's device), or the presenter's. */
export type RoomInput =
  | { from: 'voter'; device: string; message: VoterMessage }
  | { from: 'presenter'; message: PresenterAction; by?: CommandSource; page?: string };

/**
 * What changed, so the server knows whom to tell: `count` (a vote or a join), `presenters` (what only
 * the presenter pages are shown: which pages are on the room's break), `all` (the phase or the moment).
 */
export type RoomChange = 'none' | 'count' | 'presenters' | 'all';

/**
 * Accepted (the new state, and whom to tell), or refused with a reason. A refused vote that passed
 * the room and seq checks still used up its seq: `state` then holds the room with that seq recorded
 * (the server stores it), so the same message can never be replayed later.
 */
export type RoomResult = { ok: true; state: RoomState; change: RoomChange } | { ok: false; code: Rejection; message: string; state?: RoomState };

const refuse = (code: Rejection, message: string): RoomResult => ({ ok: false, code, message });

/** Applies one message to the room. Pure: the old state is never changed; refused messages change nothing. */
export function reduceRoom(ctx: RoomContext, state: RoomState, input: RoomInput): RoomResult {
  const { message } = input;
  if (message.room !== state.room) return refuse('wrong-room', 'This message is for another room.');
  if (input.from === 'voter') return reduceVoter(ctx, state, input.device, message as VoterMessage);
  return reducePresenter(ctx, state, input.message, input.by, input.by === 'page' && input.page !== undefined && PAGE_ID.test(input.page) ? input.page : undefined);
}

function checkSeq(last: number, seq: number): RoomResult | undefined {
  if (seq === last) return refuse('replayed', `Message ${seq} was already received.`);
  if (seq < last) return refuse('out-of-order', `Message ${seq} arrived after message ${last}.`);
  return undefined;
}

function reduceVoter(ctx: RoomContext, state: RoomState, device: string, message: VoterMessage): RoomResult {
  if (!DEVICE_ID.test(device)) return refuse('malformed', 'The device id is malformed.');
  if (message.type === 'join') {
    if (message.device !== device) return refuse('forbidden', 'A connection speaks for one device only.');
    if (Object.hasOwn(state.devices, device)) return { ok: true, state, change: 'none' };
    if (Object.keys(state.devices).length >= MAX_DEVICES) return refuse('room-full', `The room is full (${MAX_DEVICES} phones).`);
    return { ok: true, state: { ...state, devices: { ...state.devices, [device]: { seq: 0 } } }, change: 'count' };
  }
  const known = Object.hasOwn(state.devices, device) ? state.devices[device] : undefined;
  if (!known) return refuse('not-joined', 'Join the room first.');
  const bad = checkSeq(known.seq, message.seq);
  if (bad) return bad;
  // From here the message counts as received: its seq is used up whether or not the vote stands.
  const seen = { ...state, devices: { ...state.devices, [device]: { seq: message.seq } } };
  const refused = (code: Rejection, text: string): RoomResult => ({ ok: false, code, message: text, state: seen });
  if (state.onBreak) return refused('on-break', 'The trainer is taking a break: that vote was not counted. Vote again once the break is over.');
  if (state.phase !== 'open') return refused('not-open', state.phase === 'locked' || state.phase === 'revealed' ? 'Voting is closed for this decision.' : 'No vote is open right now.');
  if (message.round !== state.round) return refused('wrong-round', 'That vote was for an earlier decision.');
  const view = roomSessionView(ctx, state);
  // The phone names the reply by its shown number; the room keeps the reply's id.
  const reply = view.replies.find((r) => r.number === message.reply);
  if (!reply || !reply.enabled) return refused('unknown-reply', 'That reply is not one of this decision\'s choices.');
  const next: RoomState = state.votes[device] === reply.id ? seen : { ...seen, votes: { ...state.votes, [device]: reply.id } };
  return { ok: true, state: next, change: next === seen ? 'none' : 'count' };
}

function reducePresenter(ctx: RoomContext, state: RoomState, message: PresenterAction, by: CommandSource | undefined, page: string | undefined): RoomResult {
  const bad = checkSeq(state.presenterSeq, message.seq);
  if (message.type === 'break') return reduceBreak(state, message, bad, by, page);
  if (bad) return bad;
  const seen: RoomState = { ...state, presenterSeq: message.seq };
  // The trainer's first step (a break, above, is not one): the content note makes way.
  delete seen.beforeStart;
  const ok = (next: RoomState): RoomResult => ({ ok: true, state: next, change: 'all' });
  if (state.onBreak) return refuse('on-break', 'The room is on a break: come back from the break first.');
  const view = roomSessionView(ctx, state);
  if (message.type === 'end') {
    if (state.phase === 'ended') return refuse('not-now', 'The session has already ended.');
    // Ended at a reveal: the room has seen that decision's feedback (Who's who keeps the names in it).
    return ok({ ...seen, phase: 'ended', ...(state.phase === 'revealed' ? { endedRevealed: true as const } : {}) });
  }
  if (message.type === 'back' && state.phase === 'ended') return backFromEnding(ctx, seen, state, view, message.node);
  if (state.phase === 'ended') return refuse('not-now', 'The session has ended.');
  switch (message.type) {
    case 'advance': {
      if (message.node !== view.nodeId) return refuse('wrong-node', 'The session is no longer at that scene.');
      // A story that opens on a decision: the first step moves the room past the content note to the
      // decision, shown with its vote not yet open, for the room to discuss first, as at every other
      // decision (where the scene before it leads there). The room's screens then show the decision.
      if (view.kind === 'decision' && notStarted(state)) return ok(seen);
      if (view.kind !== 'scene' || !view.canContinue) return refuse('not-now', 'Only a scene can be moved past; at a decision, open the vote.');
      return step(ctx, seen, { type: 'scene.continue' });
    }
    case 'open': {
      if (message.node !== view.nodeId) return refuse('wrong-node', 'The session is not at that decision.');
      if (view.kind !== 'decision') return refuse('not-now', 'A vote opens only at a decision.');
      // The room pauses at every decision to discuss it before the vote: the first one too.
      if (notStarted(state)) return refuse('not-now', CONTENT_NOTE_FIRST);
      if (state.phase !== 'idle') {
        return refuse('not-now', state.phase === 'open' ? 'The vote for this decision is already open.'
          : state.phase === 'locked' ? 'The vote for this decision is already locked: reveal it next.'
          : 'The votes for this decision are already revealed: follow the reply the story takes next.');
      }
      return ok({ ...seen, phase: 'open', round: state.round + 1, node: view.nodeId, votes: {} });
    }
    case 'lock': {
      if (message.round !== state.round) return refuse('wrong-round', 'That is not the current round.');
      if (state.phase !== 'open') return refuse('not-now', 'Only an open vote can be locked.');
      return ok({ ...seen, phase: 'locked' });
    }
    case 'reveal': {
      if (message.round !== state.round) return refuse('wrong-round', 'That is not the current round.');
      if (state.phase !== 'open' && state.phase !== 'locked') return refuse('not-now', 'Open a vote before revealing it.');
      return ok({ ...seen, phase: 'revealed' });
    }
    case 'choose': {
      if (message.round !== state.round) return refuse('wrong-round', 'That is not the current round.');
      if (state.phase !== 'revealed') return refuse('not-now', 'Reveal the votes before choosing the branch.');
      const reply = view.replies.find((r) => r.id === message.reply);
      if (!reply || !reply.enabled) return refuse('unknown-reply', 'That reply is not available at this decision.');
      // The reveal the room's views showed (worked out once for this state), not worked out again.
      const reveal = revealOf(ctx, state);
      const decision: RoomDecision = {
        node: view.nodeId,
        round: state.round,
        votes: state.votes,
        chosen: reply.id,
        best: reveal.entries.filter((e) => e.best).map((e) => e.replyId),
        record: facilitatedDecision(view, countVotes(state.votes), reply.number),
      };
      return step(ctx, { ...seen, history: followOn(ctx, state.history, [...state.history, decision]), votes: {}, phase: 'idle', node: undefined }, { type: 'reply.choose', replyId: reply.id });
    }
    case 'back': {
      if (message.node !== view.nodeId) return refuse('wrong-node', 'The session is no longer at that moment.');
      const last = state.history.at(-1);
      if (!last || backToDecision(view, state.history.length) === undefined) return refuse('not-now', 'No decision has been followed yet.');
      // In the phase the vote is in: after u at a decision brought back revealed, "open" was not so.
      if (state.phase === 'open') return refuse('not-now', 'The vote here is open: going back is possible before it opens.');
      if (state.phase === 'locked') return refuse('not-now', 'The vote here is locked: going back is possible only before a vote opens here.');
      if (state.phase === 'revealed') return refuse('not-now', 'The votes here are revealed: follow a reply; going back is possible only before a vote opens here.');
      // The decision as the room left it: revealed, with its votes; the round it had.
      const back: RoomState = { ...seen, history: followOn(ctx, state.history, state.history.slice(0, -1)), phase: 'revealed', round: last.round, node: last.node, votes: last.votes };
      return step(ctx, back, { type: 'decision.undo' });
    }
  }
}

/**
 * The trainer's break (`break`). A break is the room's, and it is the own break of every presenter
 * page that asked for it (`breakPages`, protocol 14): two pages that take a break at the same
 * moment, each command crossing the other's, are one break (the second joins the first, whatever its
 * seq), which both pages name the same, and each page's "Back from break" only takes that page off
 * it while another page is still on it: neither ends the other's. The break ends with the last of
 * its pages back, or for everyone when ended by what is not on it (the laptop's terminal, "End the
 * break for the room" on a page that did not take it). A page's command comes with its id: the room
 * server names a page that names none after its connection (its "Take a break" during another page's
 * break then put it on that break, as any page's does, and its "Back from break" took only it off,
 * where it changed nothing and then ended the break for everyone), and takes that id off the break
 * when the connection closes (leaveBreak). A command with no page (the terminal's) is not on it.
 *
 * A command that changes nothing (a second "Take a break" from a page already on it, or from the
 * terminal or a page with no id while a break is on; an end of a break that is over) records no seq
 * and is answered with the room as it is: a seq recorded and told to the sender alone left every
 * other page's counter behind the room's, and their next command was refused as out of order.
 */
function reduceBreak(state: RoomState, message: Extract<PresenterAction, { type: 'break' }>, bad: RoomResult | undefined, by: CommandSource | undefined, page: string | undefined): RoomResult {
  const asItIs: RoomResult = { ok: true, state, change: 'none' };
  // In step, the seq is recorded; out of step (two pages that carry on from the same view send the
  // same seq), a change the break numbers and page ids make safe is made without it.
  const seen: RoomState = bad ? state : { ...state, presenterSeq: message.seq };
  const on = state.onBreak === true ? state.breakPages ?? [] : [];
  if (!message.on) {
    // A page names the break it ends (the view's breakNumber). Seq numbers cannot say which break a
    // command meant: a page's counter runs on from its own commands (refused ones too) and can be
    // ahead of the room's, so one sent about a break that is over could end the next. About a break
    // that is not the room's now (over, or never taken) it is answered with the room as it is. The
    // laptop's terminal (in process, reading the room as it is) may leave it out.
    if (message.break === undefined && by === 'page') return refuse('malformed', 'Name the break to end (its number, as the view says it).');
    if (message.break !== undefined && (!state.onBreak || message.break !== (state.breakNumber ?? 1))) return asItIs;
    const mine = page !== undefined && on.includes(page);
    // A page back from its own break while another page is still on it: off it, the room (and every
    // phone) stays on it; the pages are told.
    if (mine && on.length > 1) return { ok: true, state: { ...seen, breakPages: on.filter((p) => p !== page) }, change: 'presenters' };
    // Out of step, from what is not on the break: refused as before (it may be about a break over).
    if (bad && !mine) return bad;
    if (!state.onBreak) return { ok: true, state: seen, change: 'none' };
    const back: RoomState = { ...seen, ...(by !== undefined ? { breakEndedBy: by } : {}), ...(page !== undefined ? { breakEndedPage: page } : {}) };
    delete back.onBreak;
    delete back.breakPages;
    if (by === undefined) delete back.breakEndedBy;
    if (page === undefined) delete back.breakEndedPage;
    return { ok: true, state: back, change: 'all' };
  }
  if (state.onBreak) {
    // A page that asks for a break the room is on (its command crossed another page's, or it came
    // after the terminal's b) is on it too: every page is told (the view names the pages on it); the
    // phones, on the break still, are told nothing.
    if (page === undefined || on.includes(page) || on.length >= MAX_BREAK_PAGES) return asItIs;
    return { ok: true, state: { ...seen, breakPages: [...on, page] }, change: 'presenters' };
  }
  // Out of step, it is taken all the same (its seq not recorded): a page's "Take a break" that crossed
  // another page's last "Back from break" (both carrying on from the same view) was refused as
  // replayed, and its page stayed in its break panel with the phones voting on.
  // An ended session has nothing for the phones to wait for: they go on saying it has ended.
  if (state.phase === 'ended') return refuse('not-now', 'The session has ended.');
  const taken: RoomState = { ...seen, onBreak: true, breakNumber: (state.breakNumber ?? 0) + 1, ...(page !== undefined ? { breakPages: [page] } : {}) };
  delete taken.breakEndedBy;
  delete taken.breakEndedPage;
  if (page === undefined) delete taken.breakPages;
  return { ok: true, state: taken, change: 'all' };
}

/**
 * A page that can never come back is off the room's break (`breakPages`): the room server names a
 * page that names no id of its own after its connection (its hello named none), and when that
 * connection closes, no page will ever send that id again. Left on the break, it held the room
 * there: every other page's "Back from break" took only that page off it. The room stays on the
 * break (the phones too): with no page on it, it is ended as the terminal's is, by "End the break
 * for the room" on any page or b in the terminal. No seq is recorded (no page sent it). The same
 * state when the page is not on the break.
 */
export function leaveBreak(state: RoomState, page: string): RoomState {
  if (state.onBreak !== true || !(state.breakPages ?? []).includes(page)) return state;
  const left = (state.breakPages ?? []).filter((p) => p !== page);
  const next: RoomState = { ...state, breakPages: left };
  if (left.length === 0) delete next.breakPages;
  return next;
}

/**
 * Back from the ending to the decision whose reply led there (a last branch followed by mistake),
 * as \`back\` goes back from any moment before: revealed, with its votes, in the round it had. Only
 * from an ending the story reached: a session ended for everyone (\`end\`) stays ended.
 */
function backFromEnding(ctx: RoomContext, seen: RoomState, state: RoomState, view: SessionView, node: string): RoomResult {
  if (node !== view.nodeId) return refuse('wrong-node', 'The session is no longer at that moment.');
  if (!view.done) return refuse('not-now', 'The session was ended for everyone: it cannot be carried on.');
  const last = state.history.at(-1);
  const undone = last && backToDecision(view, state.history.length) !== undefined ? undoEnding(ctx.scenario, state.session.snapshot, ctx.machine) : undefined;
  if (!last || !undone) return refuse('not-now', 'No decision has been followed yet.');
  const session = saveSession(ctx.scenario, undone, new Date(state.session.savedAt));
  // The turns before the one undone, as the session saved them (the same objects: a save of the
  // room then writes none of them again, roomSave); the replay made them alike.
  const turns = (session.snapshot as Turns).context;
  turns.transcript = (state.session.snapshot as Turns).context.transcript.slice(0, turns.transcript.length);
  return { ok: true, change: 'all', state: { ...seen, session, history: followOn(ctx, state.history, state.history.slice(0, -1)), phase: 'revealed', round: last.round, node: last.node, votes: last.votes } };
}

type Turns = { context: { transcript: unknown[] } };

/**
 * The session saved one step on (`after`, reached from `before`, whose saved form is `saved`): what
 * `saveSession(ctx.scenario, ctx.machine.getPersistedSnapshot(after))` gives, without copying the
 * whole transcript at every step. The machine only ever changes a transcript's tail (a reply adds a
 * turn, a scene's effects replace the last, Back takes it off), and keeps the turns before it as they
 * were (the same objects): the saved turns of that common part are kept (the same objects too, which
 * a save of the room reads to write only the turns added: roomSave), and the others copied as
 * saveSession copies them. The rest of the snapshot (the values, the tallies, where it stands) is
 * small, and copied whole. Copying the transcript (and walking it, in getPersistedSnapshot) at every
 * step made a long session's steps grow with it.
 */
function savedStep(ctx: RoomContext, saved: SavedSession, before: Snapshot, after: Snapshot): SavedSession {
  const was = before.context.transcript;
  const now = after.context.transcript;
  const kept = (saved.snapshot as Turns).context.transcript;
  let same = Math.min(was.length, now.length);
  while (same > 0 && was[same - 1] !== now[same - 1]) same--;
  // The snapshot as getPersistedSnapshot writes it, its transcript left out (put back below, in its place).
  // Without the debrief at an ending too (withoutOutput): worked out again from the rest when read.
  const light = withoutOutput(ctx.machine.getPersistedSnapshot({ ...after, context: { ...after.context, transcript: [] } } as Snapshot));
  const next = saveSession(ctx.scenario, light, new Date(saved.savedAt));
  const transcript = kept.slice(0, same);
  for (let i = same; i < now.length; i++) transcript.push(JSON.parse(JSON.stringify(now[i])) as unknown);
  (next.snapshot as Turns).context.transcript = transcript;
  return next;
}

function step(ctx: RoomContext, state: RoomState, event: { type: 'scene.continue' } | { type: 'reply.choose'; replyId: string } | { type: 'decision.undo' }): RoomResult {
  const before = snapshotOf(ctx, state);
  // What the moment left knew (worked out by a replay only where nothing was), handed on below: a
  // going back is worked out again where it lands.
  const known = event.type === 'decision.undo' ? undefined : trailOf(ctx, state);
  const [after] = transition(ctx.machine, before, event);
  const next: RoomState = {
    ...state,
    session: savedStep(ctx, state.session, before, after),
    phase: after.status === 'done' ? 'ended' : state.phase,
  };
  if (next.node === undefined) delete next.node;
  live.set(next.session, after);
  const carried = known && handOn(ctx, known, before, after, event.type === 'reply.choose' ? event.replyId : undefined);
  if (carried) trails.set(next.session, carried);
  return { ok: true, state: next, change: 'all' };
}

/** The current round's votes as counts by reply id (the core's `Votes`). */
export function countVotes(votes: Readonly<Record<string, string>>): Votes {
  const counts: Record<string, number> = {};
  for (const reply of Object.values(votes)) counts[reply] = (counts[reply] ?? 0) + 1;
  return counts;
}

/** Joined, connected (the server knows) and voted. */
export function roomCount(state: RoomState, connected: number): RoomCount {
  return { round: state.round, joined: Object.keys(state.devices).length, connected, voted: Object.keys(state.votes).length };
}

/** Whether the current round's votes may be shown (tally and feedback). */
function revealed(state: RoomState): boolean {
  return state.phase === 'revealed';
}

/**
 * What one phone sees: the replies while a round is open or locked, its own vote, and after the
 * reveal the feedback for its own reply (if it voted) and for the best-practice replies besides it,
 * as the room sees them revealed: a weaker vote learns which reply was best practice and why. At
 * most MAX_BEST_PRACTICE_ON_PHONE of those (the first in shown order), with how many more there are:
 * a scenario of a thousand tied replies sent every phone megabytes at each update. A principle the
 * reply breaks that is critical says so in its citation (", critical"), as everywhere else.
 */
export function voterView(ctx: RoomContext, state: RoomState, device: string): VoterView {
  const vote = Object.hasOwn(state.votes, device) ? state.votes[device] : undefined;
  // On a break: that, with the scenario's title, and nothing of the session (the room keeps it all).
  if (state.onBreak && state.phase !== 'ended') return { room: state.room, phase: 'break', round: state.round, scenarioTitle: cleanLine(ctx.scenario.title) };
  // Who's who, with every view: the people named so far (names and roles only). None before the
  // trainer's first step: the phones and the projector show the content note, not the opening moment
  // the laptop shows, and the phones listed its people as met ("4 met so far") before the room had.
  const met = { people: notStarted(state) ? [] : peopleOf(ctx, state).phone };
  // At the ending the story reached: its title and text, as the projector shows them (version 13).
  if (state.phase === 'ended') {
    const ending = phoneEndingOf(roomSessionView(ctx, state));
    return { room: state.room, phase: 'ended', round: state.round, ...(ending ? { ending } : {}), ...met };
  }
  // Before the trainer's first step, the scenario's title and content note, as the projector shows
  // them: a person who cannot read the projector reads them here (text only).
  // After it, at a decision shown for the room to discuss before its vote: the decision's words
  // (not its replies, which come with the vote), for the same person.
  if (state.phase === 'idle' || state.node === undefined) {
    if (notStarted(state)) return { room: state.room, phase: 'waiting', round: state.round, scenarioTitle: cleanLine(ctx.scenario.title), contentNote: contentNoteOf(ctx), ...met };
    const moment = roomSessionView(ctx, state);
    const discussing = phoneDiscussionOf(moment, phoneSetupOf(ctx, state));
    // At a scene: its words, as the projector shows them, for the same person (version 11).
    const scene = discussing ? undefined : phoneSceneOf(ctx, state, moment);
    return { room: state.room, phase: 'waiting', round: state.round, ...(discussing ? { discussing } : {}), ...(scene ? { scene } : {}), ...met };
  }
  const view = roomSessionView(ctx, state);
  const { decision, key } = phoneDecisionOf(view, phoneSetupOf(ctx, state));
  const shown = vote === undefined ? undefined : view.replies.find((r) => r.id === vote)?.number;
  const base: VoterView = { room: state.room, phase: state.phase, round: state.round, decision, decisionKey: `${state.round}-${key}`, ...(shown !== undefined ? { vote: shown } : {}), ...met };
  if (!revealed(state)) return base;
  const reveal = phoneRevealOf(ctx, state);
  const own = vote === undefined ? undefined : reveal.byReply.get(vote);
  // The best-practice replies other than its own, in shown order: the first MAX_BEST_PRACTICE_ON_PHONE sent.
  const sent: RevealEntry[] = [];
  for (const e of reveal.best) {
    if (sent.length === MAX_BEST_PRACTICE_ON_PHONE) break;
    if (e !== own) sent.push(e);
  }
  const others = reveal.best.length - (own?.best ? 1 : 0);
  if (!own && others === 0) return base;
  return { ...base, feedback: { ...(own ? { mine: { ...reveal.part(own), best: own.best } } : {}), bestPractice: sent.map(reveal.part), moreBestPractice: others - sent.length } };
}

type PhoneFeedback = NonNullable<VoterView['feedback']>['bestPractice'][number];
interface PhoneReveal {
  /** Each reply's entry by its id. */
  byReply: Map<string, RevealEntry>;
  /** The best-practice entries, in shown order. */
  best: RevealEntry[];
  /** An entry as a phone is sent it (worked out once per entry, the same object for every phone). */
  part: (e: RevealEntry) => PhoneFeedback;
}
const phoneReveals = new WeakMap<RoomState, PhoneReveal>();

/**
 * The reveal as the phones are sent it, worked out once per state (not for every phone at each
 * update: at a decision of a thousand replies each phone's view sorted and searched them all, 0.9 ms
 * a phone, 180 ms for 200 phones at the reveal).
 */
function phoneRevealOf(ctx: RoomContext, state: RoomState): PhoneReveal {
  const cached = phoneReveals.get(state);
  if (cached) return cached;
  const entries = [...revealOf(ctx, state).entries].sort((a, b) => a.number - b.number);
  const parts = new Map<RevealEntry, PhoneFeedback>();
  const part = (e: RevealEntry): PhoneFeedback => {
    let found = parts.get(e);
    if (!found) parts.set(e, (found = { number: e.number, replyText: e.replyText, feedback: e.feedback, principles: e.assessments.map((a) => ({ title: a.title, verdict: a.verdict, citation: citationWords(a.citation, breaksCritical(a)) })) }));
    return found;
  };
  const found: PhoneReveal = { byReply: new Map(entries.map((e) => [e.replyId, e])), best: entries.filter((e) => e.best), part };
  phoneReveals.set(state, found);
  return found;
}

/**
 * A phone's view as one connection is sent it: without the decision (its replies' words, the bulk of
 * a view) when `sent`, the key of the decision that connection was last sent whole, is this view's
 * `decisionKey`. The phone keeps the decision it was sent and the key says it still holds; a new
 * connection (a reload, a phone back on Wi-Fi) was sent none, so its welcome carries it whole.
 */
export function voterViewFor(view: VoterView, sent: string | undefined): VoterView {
  if (view.decision === undefined || view.decisionKey === undefined || view.decisionKey !== sent) return view;
  const { decision: _sent, ...rest } = view;
  return rest;
}

/**
 * The view as the phone shows it: a view that names the decision it kept (`kept`, the last one it
 * was sent whole) without carrying it, with that decision put back; `undefined` when it names one
 * the phone was not sent (it should join again: the welcome carries it). The voter page does the
 * same in its own words (it imports no code); the room's tests play phones with this.
 */
export function keptDecisionView(view: VoterView, kept: { key: string; decision: PhoneDecision } | undefined): VoterView | undefined {
  if (view.decision !== undefined || view.decisionKey === undefined) return view;
  return kept?.key === view.decisionKey ? { ...view, decision: kept.decision } : undefined;
}

const phoneDiscussions = new WeakMap<SessionView, PhoneDiscussion | undefined>();

/**
 * What a phone is shown of the decision the room is discussing before its vote (clean text, as the
 * projector shows it; no ids, no replies), with the scenes that set it up when it has no words of its
 * own (`setup`, phoneSetupOf), worked out once per moment; undefined at any other moment (a scene, an
 * ending).
 */
function phoneDiscussionOf(view: SessionView, setup: readonly PhoneScene[]): PhoneDiscussion | undefined {
  if (phoneDiscussions.has(view)) return phoneDiscussions.get(view);
  const found: PhoneDiscussion | undefined = view.kind !== 'decision' || view.done ? undefined : {
    ...(view.title ? { title: cleanLine(view.title) } : {}),
    ...(setup.length > 0 ? { setup: [...setup] } : {}),
    ...(view.narration ? { narration: cleanText(view.narration) } : {}),
    lines: phoneLinesOf(view),
    ...(view.discussionPrompt ? { discussionPrompt: cleanText(view.discussionPrompt) } : {}),
    ...(view.prompt ? { prompt: cleanText(view.prompt) } : {}),
  };
  phoneDiscussions.set(view, found);
  return found;
}

const phoneScenes = new WeakMap<SessionView, PhoneScene | undefined>();

/**
 * What a phone is shown of the scene the trainer is showing (clean text, as the projector shows it,
 * headed as it is: its title, or "Scene 3"), worked out once per moment; undefined elsewhere.
 */
function phoneSceneOf(ctx: RoomContext, state: RoomState, view: SessionView): PhoneScene | undefined {
  if (phoneScenes.has(view)) return phoneScenes.get(view);
  const found: PhoneScene | undefined = view.kind !== 'scene' ? undefined : {
    // The core's one sceneHeading, as setupOf heads the setup scenes (the number only for an untitled one).
    title: sceneHeading(view.title, view.title ? undefined : roomSceneNumber(ctx, state)),
    ...(view.narration ? { narration: cleanText(view.narration) } : {}),
    lines: phoneLinesOf(view),
  };
  phoneScenes.set(view, found);
  return found;
}

const phoneEndings = new WeakMap<SessionView, VoterView['ending']>();

/**
 * What a phone is shown of the ending the story reached (clean text, as the projector heads and
 * shows it: its title, and the text of the variant that applies), with the room's outcome band and
 * score in the core's words (the debrief's label, scoreWords), as the projector shows them under it
 * (version 14), worked out once per moment; undefined at any other moment (a session ended for
 * everyone before an ending).
 */
function phoneEndingOf(view: SessionView): VoterView['ending'] {
  if (phoneEndings.has(view)) return phoneEndings.get(view);
  const debrief = view.debrief;
  const found: VoterView['ending'] = view.kind !== 'ending' || !debrief ? undefined : {
    title: cleanLine(view.title ?? ''),
    ...(view.narration ? { narration: cleanText(view.narration) } : {}),
    outcome: BAND_LABELS[debrief.outcome.band],
    score: scoreWords(debrief.score),
  };
  phoneEndings.set(view, found);
  return found;
}

/** The lines spoken at a moment as a phone is sent them: at most MAX_LINES_ON_PHONE, clean text. */
function phoneLinesOf(view: SessionView): PhoneDiscussion['lines'] {
  return view.lines.slice(0, MAX_LINES_ON_PHONE).map((l) => ({ speaker: cleanLine(l.speaker), ...(l.role ? { role: cleanLine(l.role) } : {}), text: cleanText(l.text) }));
}

const phoneDecisions = new WeakMap<SessionView, { decision: PhoneDecision; key: string }>();

/**
 * What a phone is shown of the decision at this moment (no node or reply ids: they can name the
 * answer; each reply goes by its shown number) and a fingerprint of it, worked out once per moment,
 * not for every phone at every vote. The same object for every phone: treat it as read-only. At a
 * decision with no words of its own, the scenes that set it up (`setup`, phoneSetupOf, version 12).
 */
function phoneDecisionOf(view: SessionView, setup: readonly PhoneScene[]): { decision: PhoneDecision; key: string } {
  const cached = phoneDecisions.get(view);
  if (cached) return cached;
  // Its narration and lines too (version 11), as the room discussed them: the phone keeps them in
  // reach during the vote, for a person who cannot read the projector.
  const lines = phoneLinesOf(view);
  const decision: PhoneDecision = {
    ...(view.title !== undefined ? { title: view.title } : {}),
    // Its words are in the scenes before it (version 12): the phone keeps those in reach instead.
    ...(setup.length > 0 ? { setup: [...setup] } : {}),
    ...(view.narration ? { narration: cleanText(view.narration) } : {}),
    ...(lines.length > 0 ? { lines } : {}),
    ...(view.prompt !== undefined ? { prompt: view.prompt } : {}),
    // A reply not available now says why (version 15), in the words the projector shows beside it:
    // the phone said only "(not available now)". One line, cut to what the protocol takes.
    replies: view.replies.map((r) => ({ number: r.number, text: r.text, kind: r.kind, enabled: r.enabled, ...(r.enabled ? {} : { unavailable: shorten(cleanLine(unavailableWords(r)), MAX_UNAVAILABLE_ON_PHONE) }) })),
  };
  const found = { decision, key: fingerprint(JSON.stringify(decision)) };
  phoneDecisions.set(view, found);
  return found;
}

/** What the presenter page sees: the moment, the phase, counts, and the tally only after the reveal. */
/** The ended room's summary as the presenter page is sent it: none when it is longer than the page takes (MAX_SUMMARY_SENT); the laptop writes it all the same. */
function summarySent(ctx: RoomContext, state: RoomState): Pick<PresenterView, 'summary'> {
  const markdown = roomSummaryMarkdown(ctx, state);
  return markdown.length <= MAX_SUMMARY_SENT ? { summary: { fileName: roomSummaryFileName(ctx, state), markdown } } : {};
}

/** The summary's file name: the scenario, when the room was created, and the room code (the same on the laptop and in the page). */
export function roomSummaryFileName(ctx: RoomContext, state: RoomState): string {
  return `${summaryBaseName(ctx.scenario, fileStamp(new Date(state.createdAt)))}-room-${state.room}.md`;
}

const presenterViews = new WeakMap<RoomState, { ctx: RoomContext; view: PresenterView }>();

/**
 * What the presenter page sees of this state, with the phones connected now. Worked out once per
 * state (a change of the room): the server's views to every page, the terminal's block, its s, w and
 * reveal, a page's hello, all read the same one; only the count is new at each call. Treat it as
 * read-only. At a decision of a thousand replies each working out took 30 ms (the room's figures
 * so far), 160 ms once ended (its summary), and a step worked it out two to four times.
 */
export function presenterView(ctx: RoomContext, state: RoomState, connected: number): PresenterView {
  const cached = presenterViews.get(state);
  const view = cached?.ctx === ctx ? cached.view : workOutPresenterView(ctx, state, connected);
  if (cached?.ctx !== ctx) presenterViews.set(state, { ctx, view });
  // The count in its place among the keys (the view's JSON reads as before).
  return view.count.connected === connected ? view : { ...view, count: roomCount(state, connected) };
}

function workOutPresenterView(ctx: RoomContext, state: RoomState, connected: number): PresenterView {
  const session = roomSessionView(ctx, state);
  return {
    room: state.room,
    phase: state.phase,
    round: state.round,
    count: roomCount(state, connected),
    ...(state.onBreak ? { onBreak: true as const } : state.breakEndedBy !== undefined ? { breakEndedBy: state.breakEndedBy, ...(state.breakEndedBy === 'page' && state.breakEndedPage !== undefined ? { breakEndedPage: state.breakEndedPage } : {}) } : {}),
    // A room resumed on a break from before breaks had numbers: it is the first the room knows of (as the reducer takes it).
    ...(state.breakNumber !== undefined ? { breakNumber: state.breakNumber } : state.onBreak ? { breakNumber: 1 } : {}),
    ...(state.onBreak && state.breakPages !== undefined && state.breakPages.length > 0 ? { breakPages: state.breakPages } : {}),
    session,
    sessionKey: sessionKeyOf(session),
    people: peopleOf(ctx, state).presenter,
    ...(session.kind === 'scene' && roomSceneNumber(ctx, state) !== undefined ? { sceneNumber: roomSceneNumber(ctx, state) } : {}),
    ...(state.phase !== 'ended' && introductionsOf(ctx, state).length > 0 ? { introductions: introductionsOf(ctx, state).slice(0, MAX_INTRODUCTIONS_SENT) } : {}),
    ...(state.phase !== 'ended' && setupOf(ctx, state).length > 0 ? { setup: setupOf(ctx, state) } : {}),
    ...(revealed(state) ? { reveal: revealOf(ctx, state) } : {}),
    decisions: followedOf(ctx, state.history).totals,
    did: didWords(ctx, state),
    ...(notStarted(state) ? { contentNote: contentNoteOf(ctx) } : {}),
    ...(state.phase === 'ended' ? summarySent(ctx, state) : {}),
  };
}

const sessionKeys = new WeakMap<SessionView, string>();

/** A fingerprint of a moment as the presenter page is sent it (its JSON's length and 64-bit hash), worked out once per moment. */
function sessionKeyOf(session: SessionView): string {
  const cached = sessionKeys.get(session);
  if (cached !== undefined) return cached;
  const json = JSON.stringify(session);
  const key = `${json.length.toString(36)}-${fingerprint(json)}`;
  sessionKeys.set(session, key);
  return key;
}

/**
 * A presenter view as one connection is sent it: without the session (the moment's words and every
 * reply: the bulk of a view at a large decision) when `sent`, the key of the moment that connection
 * was last sent whole, is this view's `sessionKey`; with the Who's who only beside the session or a
 * reveal (when it can change); with the reveal as `RevealSent`. The page keeps the session it was sent
 * (`keptSessionView`); a hello (a new connection, or a page catching up) is answered with it whole.
 */
export function presenterViewFor(view: PresenterView, sent: string | undefined): PresenterViewSent {
  const { session, reveal, people: met, ...rest } = view;
  const whole = view.sessionKey !== sent;
  // Who's who changes only with the moment and at its reveal: sent with either, kept by the page between.
  return { ...rest, ...(whole ? { session } : {}), ...(met && (whole || reveal) ? { people: met } : {}), ...(reveal ? { reveal: revealSent(reveal) } : {}) };
}

const revealsSent = new WeakMap<{ total: number; entries: RevealEntry[] }, RevealSent>();

/**
 * The reveal as the presenter page is sent it (`RevealSent`): each reply's feedback, points, votes,
 * best practice and verdicts, each principle once; not its words, kind and number, which the page
 * has in the session. Worked out once per reveal, not for each message that carries it.
 */
function revealSent(reveal: { total: number; entries: RevealEntry[] }): RevealSent {
  const cached = revealsSent.get(reveal);
  if (cached) return cached;
  const principles: RevealSent['principles'] = [];
  const at = new Map<string, number>();
  const place = (a: RevealEntry['assessments'][number]): number => {
    const known = at.get(a.principleId);
    if (known !== undefined) return known;
    principles.push({ id: a.principleId, title: a.title, citation: a.citation, severity: a.severity });
    at.set(a.principleId, principles.length - 1);
    return principles.length - 1;
  };
  const sent: RevealSent = {
    total: reveal.total,
    principles,
    entries: reveal.entries.map((e) => ({ replyId: e.replyId, feedback: e.feedback, value: e.value, votes: e.votes, percent: e.percent, best: e.best, assessments: e.assessments.map((a) => ({ p: place(a), verdict: a.verdict, weight: a.weight })) })),
  };
  revealsSent.set(reveal, sent);
  return sent;
}

/**
 * The core's reveal (`revealData`'s records) from the one the page was sent and the session it
 * shows: each reply's words, kind and number from the session. Undefined when it names a reply or
 * principle the session or the reveal does not have (a view that does not fit: the page asks again).
 */
function revealFromSent(session: SessionView, sent: RevealSent): { total: number; entries: RevealEntry[] } | undefined {
  const replies = new Map(session.replies.map((r) => [r.id, r]));
  const entries: RevealEntry[] = [];
  for (const e of sent.entries) {
    const reply = replies.get(e.replyId);
    if (!reply) return undefined;
    const assessments: RevealEntry['assessments'] = [];
    for (const a of e.assessments) {
      const p = sent.principles[a.p];
      if (!p) return undefined;
      assessments.push({ principleId: p.id, title: p.title, verdict: a.verdict, weight: a.weight, citation: p.citation, severity: p.severity });
    }
    entries.push({ nodeId: session.nodeId, replyId: e.replyId, replyText: reply.text, replyKind: reply.kind, feedback: e.feedback, assessments, changes: [], number: reply.number, value: e.value, votes: e.votes, percent: e.percent, best: e.best });
  }
  return { total: sent.total, entries };
}

/**
 * The view as the presenter page shows it: one sent without its session gets back the one the page
 * kept (`kept`, the last sent whole: `keepMoment`) when the key names it, and the Who's who kept
 * with it when it carries none; `undefined` when it names one the page was not sent (it should say
 * hello again: the welcome carries it whole). The reveal sent (`RevealSent`) becomes the core's again.
 */
export function keptSessionView(view: PresenterViewSent, kept: KeptMoment | undefined): PresenterView | undefined {
  const same = kept?.key === view.sessionKey;
  const session = view.session ?? (same ? kept?.session : undefined);
  if (!session) return undefined;
  const { reveal: sent, ...rest } = view;
  const people = view.people ?? (same ? kept?.people : undefined);
  const shown = { ...rest, session, ...(people ? { people } : {}) };
  if (!sent) return shown;
  const reveal = revealFromSent(session, sent);
  return reveal ? { ...shown, reveal } : undefined;
}

/** What a presenter page keeps of the moment it was last sent whole: its key, the session, and the Who's who last sent with it. */
export interface KeptMoment {
  key: string;
  session: SessionView;
  people?: PresenterView['people'];
}

/**
 * What the page keeps after a view arrives (`kept`: what it kept before): the moment sent whole, or
 * the same moment with the Who's who sent at its reveal; otherwise what it kept.
 */
export function keepMoment(view: PresenterViewSent, kept: KeptMoment | undefined): KeptMoment | undefined {
  if (view.session !== undefined) return { key: view.sessionKey, session: view.session, ...(view.people ? { people: view.people } : {}) };
  if (kept && view.people && kept.key === view.sessionKey) return { ...kept, people: view.people };
  return kept;
}

/** The scenario's content note and minutes, as the room's screens show them until the trainer's first step (clean text). */
function contentNoteOf(ctx: RoomContext): { text: string; minutes: number } {
  return { text: cleanText(ctx.scenario.contentNote), minutes: ctx.scenario.estimatedMinutes };
}

/**
 * Said when the vote at a story's first decision is opened while the content note is still up: the
 * room is shown the decision first, to discuss it with its vote closed, as at every other decision.
 */
export const CONTENT_NOTE_FIRST = 'The content note is still up: show the decision first (the next step), for the room to discuss it before its vote opens.';

/**
 * Nothing done yet: no step by the trainer (a room resumed before one is still at its start). A break
 * is not a step: taken at the content note, it had the room's screens leave the note for the first
 * moment (the break's command counted as the first step).
 */
export function notStarted(state: RoomState): boolean {
  return (state.beforeStart === true || state.presenterSeq === 0) && state.phase === 'idle' && state.history.length === 0;
}

/**
 * How the room voted at one decision: votes, votes for best practice, whether a most-voted reply was
 * best practice (a tie counts only when every reply tied for the most votes is, as presenter mode
 * counts it: a 4–4–4 split was counted as the room choosing best practice), and
 * whether the branch followed was.
 */
export function decisionTotals(d: RoomDecision): { title: string; chosen?: number; votes: number; bestVotes: number; mostVotedBest: boolean; followedBest: boolean } {
  const all = Object.values(d.votes);
  const perReply = new Map<string, number>();
  for (const r of all) perReply.set(r, (perReply.get(r) ?? 0) + 1);
  const top = Math.max(0, ...perReply.values());
  return {
    title: cleanLine(d.record.title),
    ...(d.record.chosen !== undefined ? { chosen: d.record.chosen } : {}),
    votes: all.length,
    bestVotes: all.filter((r) => d.best.includes(r)).length,
    mostVotedBest: top > 0 && [...perReply].every(([r, n]) => n !== top || d.best.includes(r)),
    followedBest: d.best.includes(d.chosen),
  };
}

/**
 * The decisions followed, as the presenter view lists them (decisionTotals) and as how the room did
 * counts them (roomDidAdd), kept beside the room's history (never saved), by its list: handed on by
 * each decision followed and each going back (followOn), and worked out from every decision only
 * where nothing is known (a new room, a kept room reopened). Worked out from every decision at every
 * change, they made a long session quadratic in the decisions made. Treat `totals` as read-only: the
 * views of every state with this history share it.
 */
interface Followed {
  ctx: RoomContext;
  totals: ReturnType<typeof decisionTotals>[];
  counts: RoomDidCounts;
}

const followed = new WeakMap<readonly RoomDecision[], Followed>();

function followedOf(ctx: RoomContext, history: readonly RoomDecision[]): Followed {
  const known = followed.get(history);
  if (known?.ctx === ctx) return known;
  let counts = NO_DECISIONS_COUNTED;
  for (const d of history) counts = roomDidAdd(ctx.scenario, counts, d.record);
  const found = { ctx, totals: history.map(decisionTotals), counts };
  followed.set(history, found);
  return found;
}

/**
 * The history `to`, one decision followed on from `from` or one gone back: what is known of `from`
 * (followedOf) is handed on to it, the decision added or taken off. Returns `to`.
 */
function followOn(ctx: RoomContext, from: readonly RoomDecision[], to: RoomDecision[]): RoomDecision[] {
  const known = followed.get(from);
  if (known?.ctx !== ctx || followed.has(to)) return to;
  if (to.length === from.length + 1) {
    const added = to[to.length - 1]!;
    followed.set(to, { ctx, totals: [...known.totals, decisionTotals(added)], counts: roomDidAdd(ctx.scenario, known.counts, added.record) });
  } else if (to.length === from.length - 1) {
    const gone = from[from.length - 1]!;
    followed.set(to, { ctx, totals: known.totals.slice(0, -1), counts: roomDidAdd(ctx.scenario, known.counts, gone.record, -1) });
  }
  return to;
}

/** How the room did (roomDidWords of roomDecisions), from the decisions followed as carried forward and the open one. */
function didWords(ctx: RoomContext, state: RoomState): string[] {
  const { counts } = followedOf(ctx, state.history);
  const open = openDecision(ctx, state);
  return roomDidCountsWords(open ? roomDidAdd(ctx.scenario, counts, open) : counts);
}

/** The record of the decision open now (not followed), when the session stands in a round at one. */
function openDecision(ctx: RoomContext, state: RoomState): FacilitatedDecision | undefined {
  if (state.node === undefined || state.phase === 'idle') return undefined;
  const view = roomSessionView(ctx, state);
  return view.kind === 'decision' ? facilitatedDecision(view, countVotes(state.votes)) : undefined;
}

/** The record of every decision so far, plus the open one (not followed) when the session stopped in a round. */
export function roomDecisions(ctx: RoomContext, state: RoomState): FacilitatedDecision[] {
  const done = state.history.map((d) => d.record);
  const open = openDecision(ctx, state);
  return open ? [...done, open] : done;
}

/** The debrief when the session reached an ending. */
export function roomDebrief(ctx: RoomContext, state: RoomState): SessionView['debrief'] {
  return roomSessionView(ctx, state).debrief;
}

// ---- persistence -------------------------------------------------------------------------------

const Id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/).max(80);
/** A time the file names: the room's summary is named by `createdAt` and every later save keeps the session's `savedAt`, so neither may be an invalid date. */
const IsoTime = z.string().max(40).regex(/^\d{4}-\d{2}-\d{2}T/).refine((v) => !Number.isNaN(Date.parse(v)));
const Device = z.string().regex(DEVICE_ID);
/**
 * The longest title a followed decision's record may hold in a room's file: the room writes the
 * decision's clean title (a scenario's is at most 120 characters) or its id (80). A file edited by
 * hand with a longer one (100,000 characters) was restored, and every presenter view then named it
 * among the decisions, past what the presenter page reads (its protocol's 20,000): the page dropped
 * each view and stayed at "Connecting".
 */
const MAX_STORED_TITLE = 1_000;
const StoredDecision = z.object({
  node: Id,
  round: z.number().int().min(1),
  votes: z.record(Device, Id),
  chosen: Id,
  best: z.array(Id),
  record: z.object({
    title: z.string().max(MAX_STORED_TITLE),
    discussionPrompt: z.string().optional(),
    replies: z.array(z.object({ number: z.number().int(), text: z.string(), votes: z.number().int().min(0), id: Id.optional(), offered: z.literal(false).optional() })),
    chosen: z.number().int().optional(),
  }),
});
const StoredRoom = z.object({
  format: z.literal('casa-practice-room'),
  formatVersion: z.literal(1),
  room: z.string().refine(isRoomCode),
  scenarioId: z.string(),
  scenarioVersion: z.number(),
  createdAt: IsoTime,
  session: z.looseObject({ savedAt: IsoTime }),
  phase: z.enum(['idle', 'open', 'locked', 'revealed', 'ended']),
  round: z.number().int().min(0),
  node: Id.optional(),
  votes: z.record(Device, Id),
  devices: z.record(Device, z.object({ seq: z.number().int().min(0) })),
  presenterSeq: z.number().int().min(0),
  history: z.array(StoredDecision),
  beforeStart: z.literal(true).optional(),
  endedRevealed: z.literal(true).optional(),
  onBreak: z.literal(true).optional(),
  breakEndedBy: z.enum(COMMAND_SOURCES).optional(),
  breakEndedPage: z.string().regex(PAGE_ID).optional(),
  breakNumber: z.number().int().min(1).max(1_000_000).optional(),
  breakPages: z.array(z.string().regex(PAGE_ID)).min(1).max(MAX_BREAK_PAGES).optional(),
  meta: z.record(z.string(), z.union([z.string(), z.number()])),
});

/** The room state as text for the state folder. */
export function serializeRoom(state: RoomState): string {
  return `${JSON.stringify(state)}\n`;
}

/**
 * `outdated`: a sound room saved with another version of its scenario (set aside as outdated, not
 * damaged). `torn`: its file's last save was cut off part way (readRoomLog): the room is as the save
 * before left it, and the shell says so (ROOM_SAVE_CUT_OFF) and writes the file whole again.
 */
export type RoomRestore = { ok: true; state: RoomState; torn?: true } | { ok: false; error: string; outdated?: true };

/** What is said of a room file whose last save was cut off part way (RoomRestore's `torn`). */
export const ROOM_SAVE_CUT_OFF = 'The room file\'s last save was cut off part way (the room was stopped, or the disk filled up, while it was being written): the room carries on from the save before it, without the change that save held.';

/** Just the scenario a saved room belongs to (and its meta), before the scenario is loaded. */
export function peekRoom(text: string): { ok: true; scenarioId: string; room: string; meta: Record<string, string | number>; phase: RoomPhase } | { ok: false; error: string } {
  const read = readRoomLog(text);
  if (!read.ok) return read;
  const parsed = StoredRoom.safeParse(read.room);
  if (!parsed.success) return { ok: false, error: 'The saved room is damaged (its fields are malformed).' };
  return { ok: true, scenarioId: parsed.data.scenarioId, room: parsed.data.room, meta: parsed.data.meta, phase: parsed.data.phase };
}

/**
 * A saved room, checked whole: the fields (zod), the session (replayed by `restoreSession`, so it
 * must fit the scenario exactly), and the votes (each must be a reply of the round's decision,
 * from a joined device). Anything else is refused whole, never half-restored.
 */
export function restoreRoom(ctx: RoomContext, text: string): RoomRestore {
  const read = readRoomLog(text);
  if (!read.ok) return read;
  const parsed = StoredRoom.safeParse(read.room);
  if (!parsed.success) return { ok: false, error: 'The saved room is damaged (its fields are malformed).' };
  const data = parsed.data;
  if (data.scenarioId !== ctx.scenario.id) return { ok: false, error: `The saved room plays ${quoteValue(data.scenarioId)}, not "${ctx.scenario.id}".` };
  const session = restoreSession(ctx.scenario, data.session, ctx.machine);
  if (!session.ok) return { ok: false, error: session.error, ...(session.outdated ? { outdated: true as const } : {}) };
  // The session kept is the one restoreSession replayed and proved, not the file's: anything else
  // the file held in it (a field of its own, a value thousands deep that restoring does not read)
  // was kept, and every later save of the room failed ("Maximum call stack size exceeded").
  const saved: SavedSession = {
    format: 'casa-practice-session', formatVersion: 1, scenarioId: ctx.scenario.id, scenarioVersion: ctx.scenario.version, savedAt: data.session.savedAt,
    // Stamped with the scenario it was just proved against, as every later save of the room is; a
    // room saved before sessions were stamped is read as it was written (its next save stamps it).
    ...('scenarioStamp' in data.session ? savedWith(ctx.scenario) : {}),
    // Its debrief at an ending (a room saved before it was left out) is not kept: worked out again from the rest (snapshotOf).
    snapshot: JSON.parse(JSON.stringify(withoutOutput(session.snapshot))) as unknown,
  };
  const state = { ...data, session: saved } as RoomState;
  if (data.node === undefined) delete state.node;
  const snapshot = snapshotOf(ctx, state);
  const view = selectView(ctx.scenario, snapshot);
  // A round at a decision: open, locked or revealed, or ended for everyone during one (`end` keeps
  // its node and votes, which the summary counts). Ended anywhere else (idle, or at the story's
  // ending) names no node and holds no votes.
  if (data.phase !== 'idle' && (data.phase !== 'ended' || data.node !== undefined)) {
    if (data.node !== view.nodeId || view.kind !== 'decision' || data.round < 1) return { ok: false, error: 'The saved room is damaged (its vote is not at the session\'s decision).' };
    const replies = new Set(view.replies.filter((r) => r.enabled).map((r) => r.id));
    for (const [device, reply] of Object.entries(data.votes)) {
      if (!replies.has(reply) || !Object.hasOwn(data.devices, device)) return { ok: false, error: 'The saved room is damaged (a vote is not for one of the decision\'s replies).' };
    }
  } else if (Object.keys(data.votes).length > 0) return { ok: false, error: 'The saved room is damaged (it holds votes but no vote is open).' };
  if (Object.keys(data.devices).length > MAX_DEVICES) return { ok: false, error: 'The saved room is damaged (too many devices).' };
  // Each decision followed names replies of its own node (the summary reads their points by id).
  for (const d of data.history) {
    const node = ctx.scenario.nodes.find((n) => n.id === d.node);
    const ids = new Set(node?.kind === 'decision' ? node.replies.map((r) => r.id) : []);
    if (!ids.has(d.chosen) || d.record.replies.some((r) => r.id !== undefined && !ids.has(r.id))) return { ok: false, error: 'The saved room is damaged (a decision it followed names a reply that is not there).' };
    // Going back to it makes its votes the round's again (counted as voted): each must be for one of
    // its replies, from a device that joined, as in the open round.
    for (const [device, reply] of Object.entries(d.votes)) {
      if (!ids.has(reply) || !Object.hasOwn(data.devices, device)) return { ok: false, error: 'The saved room is damaged (a decision it followed holds a vote that is not for one of its replies).' };
    }
  }
  return { ok: true, state, ...(read.torn ? { torn: true as const } : {}) };
}
