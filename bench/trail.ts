// Presenter mode's and the play page's per-step work on a long chain of scenes: the scene number
// ("Scene N"), who is introduced, and who's who.
import {
  createRoom, decisionTotals, introductionsAt, peopleMet, presenterView, reduceRoom, roomContext, roomDecisions, roomDidWords, roomSave, roomSessionView, sceneNumberAt, startSession, validateScenario, voterView,
  type PresenterCommand, type PresenterAction, type RoomContext, type RoomInput, type RoomState, type RoomWritten, type Scenario, type SessionActor,
} from '../src/machines/index.js';
import { Trail } from '../src/web/trail.js';
import { printTable } from './core.js';
import { decisionChain, sceneChain } from './hostile.js';

/** The bound per 1,000 scenes, in ms: `npm run bench` ends with exit code 1 past it. */
const TARGET_MS = 3_000;

type Way = 'carried' | 'replayed';

/**
 * What a page works out at every step of a chain of `count` untitled scenes played to its decision,
 * as it works it out (src/web/trail.ts, without rendering): presenter mode its scene number,
 * introductions and who's who with the room's reveals; the play page its who's who. `replayed`: each
 * by the core's replay from the start at every step, as both pages did before (quadratic).
 */
function playChain(scenario: Scenario, page: 'presenter' | 'who', way: Way): number {
  const actor: SessionActor = startSession(scenario, 'practice', undefined, 1);
  const trail = new Trail(scenario);
  const room = page === 'presenter' ? { past: [], current: { revealed: false } } : undefined;
  const t0 = performance.now();
  let last: number | undefined;
  for (;;) {
    if (way === 'carried') {
      if (page === 'presenter') {
        last = trail.sceneNumber(actor);
        trail.introductions(actor);
      }
      trail.people(actor, room);
    } else {
      const persisted = actor.getPersistedSnapshot();
      if (page === 'presenter') {
        last = sceneNumberAt(scenario, persisted);
        introductionsAt(scenario, persisted);
      }
      peopleMet(scenario, persisted, room);
    }
    const from = actor.getSnapshot();
    if (!from.can({ type: 'scene.continue' })) break;
    actor.send({ type: 'scene.continue' });
    trail.handOn(from, actor.getSnapshot());
  }
  const ms = performance.now() - t0;
  actor.stop();
  if (page === 'presenter' && last !== undefined) throw new Error(`the chain ended at scene ${last}, not its decision`);
  return ms;
}

const ROOM = 'ABC234';
const PHONE = 'device-000000000001';

/**
 * The live room's work at every step of a chain of `count` untitled scenes played to its decision
 * and on to the ending through the room's reducer (src/machines/room/state.ts), as the room server
 * does it at each step: the presenter view (scene number, introductions, who's who, the decision's
 * setup), a phone's view and the state as written to the state folder. Before it was carried
 * forward, the room's state replayed the playthrough from its start for each of the first three at
 * every step and for the setup at the decision (quadratic).
 */
function playRoomChain(scenario: Scenario): number {
  const ctx: RoomContext = roomContext(scenario);
  let state: RoomState = createRoom(ctx, ROOM, 1, new Date('2026-12-01T10:00:00Z'));
  let seq = 0;
  const apply = (input: RoomInput) => {
    const result = reduceRoom(ctx, state, input);
    if (!result.ok) throw new Error(result.message);
    state = result.state;
  };
  const present = (command: PresenterCommand) => apply({ from: 'presenter', message: { room: ROOM, token: 'x'.repeat(43), seq: ++seq, ...command } as PresenterAction });
  const t0 = performance.now();
  apply({ from: 'voter', device: PHONE, message: { type: 'join', room: ROOM, device: PHONE } });
  let last: number | undefined;
  let written: RoomWritten | undefined;
  const shown = () => {
    last = presenterView(ctx, state, 1).sceneNumber ?? last;
    voterView(ctx, state, PHONE);
    // Saved as the room command saves it (roomSave: what changed, appended).
    written = roomSave(written, state).written;
  };
  shown();
  for (let view = roomSessionView(ctx, state); view.kind === 'scene'; view = roomSessionView(ctx, state)) {
    present({ type: 'advance', node: view.nodeId });
    shown();
  }
  const decision = roomSessionView(ctx, state);
  present({ type: 'open', node: decision.nodeId });
  apply({ from: 'voter', device: PHONE, message: { type: 'vote', room: ROOM, seq: 1, round: state.round, reply: 1 } });
  present({ type: 'reveal', round: state.round });
  shown();
  present({ type: 'choose', round: state.round, reply: decision.replies[0]!.id });
  shown();
  const ms = performance.now() - t0;
  if (state.phase !== 'ended') throw new Error('the room did not reach the ending');
  if (last !== scenario.nodes.length - 2) throw new Error(`the room's last scene was numbered ${String(last)}, not ${scenario.nodes.length - 2}`);
  return ms;
}

/** "Live room: a generated chain": ms per scene should stay roughly flat. */
export function runRoomChainBench(sizes = [1_000, 2_000]): void {
  console.log('\nLive room: a generated chain of untitled scenes played through the room\'s reducer to its decision and ending, each step\'s presenter view, phone view and saved state (src/machines/room/state.ts); ms per scene should stay roughly flat');
  const rows: string[][] = [['scenes', 'ms', 'µs per scene', `under ${TARGET_MS / 1000} s per 1,000`]];
  const over: string[] = [];
  const chain = (count: number) => {
    const { scenario } = validateScenario(sceneChain(count), 'chain.json');
    if (!scenario) throw new Error(`chain of ${count}: not valid`);
    return scenario;
  };
  // Untimed first, so that the first size is not timed on cold code.
  playRoomChain(chain(50));
  for (const count of sizes) {
    const ms = playRoomChain(chain(count));
    const ok = ms < (TARGET_MS * count) / 1_000;
    rows.push([count.toLocaleString('en-US'), ms.toFixed(0), ((ms * 1000) / count).toFixed(0), ok ? 'yes' : 'NO']);
    if (!ok) over.push(`${count} scenes`);
  }
  printTable(rows);
  console.log(`Target: under ${TARGET_MS / 1000} s per 1,000 scenes.`);
  if (over.length > 0) {
    console.log(`Over the target: ${over.join(', ')}.`);
    process.exitCode = 1;
  }
}

/**
 * "Presenter: a generated chain" and "Who's who: a generated chain": ms per scene should stay
 * roughly flat carried forward; replayed at every step (the way before, timed at a shorter chain
 * only) it grows with the chain.
 */
export function runTrailBench(sizes = [1_000, 2_000], replayedAt = [250, 500]): void {
  const chain = (count: number) => {
    const { scenario } = validateScenario(sceneChain(count), 'chain.json');
    if (!scenario) throw new Error(`chain of ${count}: not valid`);
    return scenario;
  };
  for (const [page, title] of [['presenter', 'Presenter: a generated chain of untitled scenes, each step\'s scene number, introductions and who\'s who (src/web/trail.ts, not rendered)'], ['who', 'Who\'s who: a generated chain of untitled scenes, the play page\'s who\'s who at each step (src/web/trail.ts, not rendered)']] as const) {
    console.log(`\n${title}; ms per scene should stay roughly flat`);
    const rows: string[][] = [['worked out', 'scenes', 'ms', 'µs per scene', `under ${TARGET_MS / 1000} s per 1,000`]];
    const over: string[] = [];
    // Untimed first, so that the first size is not timed on cold code.
    playChain(chain(50), page, 'carried');
    const runs: [Way, number][] = [...sizes.map((n): [Way, number] => ['carried', n]), ...replayedAt.map((n): [Way, number] => ['replayed', n])];
    for (const [way, count] of runs) {
      const ms = playChain(chain(count), page, way);
      const ok = ms < (TARGET_MS * count) / 1_000;
      rows.push([way === 'carried' ? 'carried forward' : 'replayed at every step (before)', count.toLocaleString('en-US'), ms.toFixed(0), ((ms * 1000) / count).toFixed(0), way === 'replayed' ? '-' : ok ? 'yes' : 'NO']);
      if (way === 'carried' && !ok) over.push(`${count} scenes`);
    }
    printTable(rows);
    console.log(`Target: under ${TARGET_MS / 1000} s per 1,000 scenes carried forward.`);
    if (over.length > 0) {
      console.log(`Over the target: ${over.join(', ')}.`);
      process.exitCode = 1;
    }
  }
}

/**
 * The live room's views at every change of a chain of `count` decisions, each followed by a scene
 * (the generated decisionChain), played through the room's reducer as the room server plays it: at
 * each decision the vote opened, a phone's vote, the reveal and the reply followed, then Continue
 * past the scene. Timed: at every change the presenter view (with its list of the decisions followed
 * and how the room did) and a phone's view, worked out as the server works them out. `before`: the
 * list and how the room did worked out from every decision made as well, as the view did before
 * they were carried forward (quadratic in the decisions made). Timed apart: the reducer, and the
 * room's save as the room command makes it (roomSave: a line of what changed, appended to the
 * room's file, which is written whole now and then), with the characters it writes. Each step
 * copied the session's whole transcript, and each save wrote the whole room (every decision
 * followed, the whole transcript): both grew with the session.
 */
function playRoomDecisionChain(scenario: Scenario, count: number, before = false): { views: number; reducer: number; saved: number; chars: number; saves: number; ending: number } {
  const ctx: RoomContext = roomContext(scenario);
  let state: RoomState = createRoom(ctx, ROOM, 1, new Date('2026-12-01T10:00:00Z'));
  let seq = 0;
  const ms = { views: 0, reducer: 0, saved: 0, chars: 0, saves: 0, ending: 0 };
  let written: RoomWritten | undefined;
  const apply = (input: RoomInput) => {
    const t = performance.now();
    const result = reduceRoom(ctx, state, input);
    ms.reducer += performance.now() - t;
    if (!result.ok) throw new Error(result.message);
    state = result.state;
  };
  const present = (command: PresenterCommand) => apply({ from: 'presenter', message: { room: ROOM, token: 'x'.repeat(43), seq: ++seq, ...command } as PresenterAction });
  let phoneSeq = 0;
  const shown = () => {
    const t = performance.now();
    presenterView(ctx, state, 1);
    voterView(ctx, state, PHONE);
    if (before) {
      state.history.map(decisionTotals);
      roomDidWords(ctx.scenario, roomDecisions(ctx, state));
    }
    const t2 = performance.now();
    ms.views += t2 - t;
    const save = roomSave(written, state);
    written = save.written;
    ms.saved += performance.now() - t2;
    ms.chars += save.text.length;
    ms.saves++;
    // The save of the step that reached the ending (the session done: the story's debrief is worked out).
    if (state.phase === 'ended' && ms.ending === 0) ms.ending = save.text.length;
  };
  apply({ from: 'voter', device: PHONE, message: { type: 'join', room: ROOM, device: PHONE } });
  shown();
  // The story opens on a decision: the first step shows it in place of the content note.
  present({ type: 'advance', node: roomSessionView(ctx, state).nodeId });
  shown();
  for (let i = 0; i < count; i++) {
    const decision = roomSessionView(ctx, state);
    if (decision.kind !== 'decision') throw new Error(`step ${i}: not at a decision`);
    present({ type: 'open', node: decision.nodeId });
    shown();
    apply({ from: 'voter', device: PHONE, message: { type: 'vote', room: ROOM, seq: ++phoneSeq, round: state.round, reply: 1 + (i % 2) } });
    shown();
    present({ type: 'reveal', round: state.round });
    shown();
    present({ type: 'choose', round: state.round, reply: decision.replies[i % 2]!.id });
    shown();
    const scene = roomSessionView(ctx, state);
    if (scene.kind !== 'scene') throw new Error(`step ${i}: not at a scene`);
    present({ type: 'advance', node: scene.nodeId });
    shown();
  }
  if (state.phase !== 'ended') throw new Error('the room did not reach the ending');
  const view = presenterView(ctx, state, 1);
  if (view.decisions.length !== count) throw new Error(`the room listed ${view.decisions.length} decisions, not ${count}`);
  return ms;
}

/** The room's changes at each decision of the chain: the vote opened, a phone's vote, the reveal, the reply followed, Continue past the scene. */
const CHANGES_PER_DECISION = 5;

/**
 * How much more each decision's reducer and save may take at the largest size than at the first: a
 * step that copied the session's whole transcript and a save that wrote the whole room took 3.5 and
 * 7 times as long per decision at 1,000 decisions as at 100.
 */
const FLAT = 2;

/** "Live room: a generated chain of decisions": the views', the reducer's and the saves' ms per decision should stay roughly flat. */
export function runRoomDecisionChainBench(sizes = [100, 1_000], beforeAt = [250], conductAt = [100, 1_000]): void {
  console.log('\nLive room: a generated chain of decisions (each followed by a scene) played through the room\'s reducer to its ending: at each decision the vote, the reveal and the reply followed; timed, at every change, the presenter view (its list of the decisions followed, how the room did) and a phone\'s view, the reducer, and the room\'s save as the room command makes it (a line of what changed, the file written whole now and then: src/machines/room/log.ts), with the characters it writes; ms per decision should stay roughly flat for each');
  const rows: string[][] = [['worked out', 'decisions', 'views ms', 'µs per decision', `under ${TARGET_MS / 1000} s per 1,000 changes`, 'reducer µs per decision', 'save µs per decision', 'chars saved per change', 'chars in the ending\'s save', `reducer and save flat (per decision at most ${FLAT}× the first size's)`]];
  const over: string[] = [];
  const chain = (count: number, conduct = false) => {
    const { scenario } = validateScenario(decisionChain(count, conduct), 'chain.json');
    if (!scenario) throw new Error(`chain of ${count} decisions: not valid`);
    return scenario;
  };
  // Untimed first, so that the first size is not timed on cold code.
  playRoomDecisionChain(chain(50), 50);
  // The third kind: every decision's replies read the conduct so far (decisionChain's `conduct`),
  // its running count carried from reply to reply (conductCarried), not counted from every turn.
  const runs: [boolean, number, boolean][] = [...sizes.map((n): [boolean, number, boolean] => [false, n, false]), ...beforeAt.map((n): [boolean, number, boolean] => [true, n, false]), ...conductAt.map((n): [boolean, number, boolean] => [false, n, true])];
  const first: { reducer: number; saved: number }[] = [];
  for (const [before, count, conduct] of runs) {
    const ms = playRoomDecisionChain(chain(count, conduct), count, before);
    const ok = ms.views < (TARGET_MS * CHANGES_PER_DECISION * count) / 1_000;
    const per = { reducer: (ms.reducer * 1000) / count, saved: (ms.saved * 1000) / count };
    const base = before ? undefined : first[Number(conduct)];
    const flat = base === undefined || (per.reducer <= FLAT * base.reducer && per.saved <= FLAT * base.saved);
    if (!before) first[Number(conduct)] ??= per;
    rows.push([before ? 'from every decision (before)' : conduct ? 'carried forward, conduct read' : 'carried forward', count.toLocaleString('en-US'), ms.views.toFixed(0), ((ms.views * 1000) / count).toFixed(0), before ? '-' : ok ? 'yes' : 'NO', per.reducer.toFixed(0), per.saved.toFixed(0), (ms.chars / ms.saves).toFixed(0), ms.ending.toLocaleString('en-US'), base === undefined ? '-' : flat ? 'yes' : 'NO']);
    if (!before && !ok) over.push(`${count} decisions (views)`);
    if (!flat) over.push(`${count} decisions (reducer or save not flat)`);
  }
  printTable(rows);
  console.log(`Target: the views under ${TARGET_MS / 1000} s per 1,000 changes carried forward (${CHANGES_PER_DECISION} changes a decision: ${(TARGET_MS * CHANGES_PER_DECISION) / 1000} s per 1,000 decisions); the reducer's and the saves' time per decision at most ${FLAT}× what it is at the first size.`);
  if (over.length > 0) {
    console.log(`Over the target: ${over.join(', ')}.`);
    process.exitCode = 1;
  }
}
