import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { decisionChain, sceneChain } from '../../bench/hostile.js';
import {
  createRoom, decisionSetup, introductionsAt, MAX_PEOPLE_ON_PHONE, MAX_PEOPLE_SENT, peopleMet, presenterView, reduceRoom, restoreRoom, resumeRecap, roomContext, roomSceneNumber, roomSessionView,
  sceneNumberAt, serializeRoom, voterView, backToDecision, decisionTotals, roomDecisions, roomDidWords,
  type PersistedScenarioSnapshot, type PresenterAction, type PresenterCommand, type PresenterView, type RoomContext, type RoomInput, type RoomState,
} from '../../src/machines/index.js';
import { cleanLine, cleanText } from '../../src/machines/text/clean.js';
import { validScenario } from '../helpers/fixtures.js';

// The live room's scene number ("Scene N"), introductions, who's who and a decision's setup were each
// worked out by replaying the playthrough from its start at every moment (quadratic in a long chain
// of scenes). They are now carried forward from step to step beside the room's state, and worked
// out by a replay only where nothing is known: a new room, a kept room reopened, Back, back from the
// ending. The machine's steps are counted through xstate's `transition` (the replays and the room's
// own steps use it; a new room's first snapshot does not).
const steps = vi.hoisted(() => ({ count: 0 }));
vi.mock('xstate', async (importOriginal) => {
  const real = await importOriginal<typeof import('xstate')>();
  return { ...real, transition: (...args: Parameters<typeof real.transition>) => { steps.count++; return real.transition(...args); } };
});

// The presenter view's list of the decisions followed and how the room did were worked out from
// every decision made, at every change (quadratic in a long session of decisions); they are now
// carried forward too. The work is counted by the core's best-practice look-ups (each decision's
// scoring makes one).
const scoring = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../src/machines/scoring.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/machines/scoring.js')>();
  return { ...real, bestPracticeAt: (...args: Parameters<typeof real.bestPracticeAt>) => { scoring.count++; return real.bestPracticeAt(...args); } };
});

const ROOM = 'ABC234';
const NOW = new Date('2026-12-01T10:00:00Z');
const PHONE = 'device-000000000001';


/** A room driven as the server drives it, with one phone joined; `seen` after each change: what the room's screens are sent. */
function driven(ctx: RoomContext, start: RoomState) {
  let state = start;
  let seq = state.presenterSeq;
  const apply = (input: RoomInput) => {
    const result = reduceRoom(ctx, state, input);
    if (!result.ok) throw new Error(result.message);
    state = result.state;
  };
  const present = (command: PresenterCommand) => apply({ from: 'presenter', message: { room: ROOM, token: 'x'.repeat(43), seq: ++seq, ...command } as PresenterAction });
  if (!Object.hasOwn(state.devices, PHONE)) apply({ from: 'voter', device: PHONE, message: { type: 'join', room: ROOM, device: PHONE } });
  return { get state() { return state; }, present, apply, view: () => roomSessionView(ctx, state) };
}

/** What the room's screens show of the path so far: the presenter view's fields worked out from it, and a phone's who's who. */
function shown(ctx: RoomContext, state: RoomState) {
  const view: PresenterView = presenterView(ctx, state, 1);
  return {
    sceneNumber: view.sceneNumber, roomSceneNumber: roomSceneNumber(ctx, state), introductions: view.introductions, people: view.people, setup: view.setup,
    phone: voterView(ctx, state, PHONE).people, decisions: view.decisions, did: view.did,
  };
}

/**
 * The same, worked out as the room did before: by the core's replays from the start at this moment
 * (sceneNumberAt, introductionsAt, peopleMet with the room's reveals, decisionSetup or, at the
 * story's first decision, resumeRecap's scenes).
 */
function replayed(ctx: RoomContext, state: RoomState): ReturnType<typeof shown> {
  const { scenario } = ctx;
  const snapshot = state.session.snapshot as PersistedScenarioSnapshot;
  const view = roomSessionView(ctx, state);
  const ended = state.phase === 'ended';
  const notStarted = (state.beforeStart === true || state.presenterSeq === 0) && state.phase === 'idle' && state.history.length === 0;
  const introductions = introductionsAt(scenario, snapshot);
  const people = peopleMet(scenario, snapshot, { past: state.history.map(() => ({ revealed: true })), current: { revealed: state.phase === 'revealed' || state.endedRevealed === true } });
  const own = decisionSetup(scenario, snapshot);
  const recap = view.kind === 'decision' && !view.done ? resumeRecap(scenario, snapshot) : undefined;
  const opening = recap && recap.lastReply === undefined ? recap.scenes : [];
  const setup = (own.length > 0 ? own : opening).map((s) => ({
    title: s.heading, ...(s.narration ? { narration: cleanText(s.narration) } : {}),
    lines: s.lines.map((l) => ({ speaker: cleanLine(l.speaker), ...(l.role ? { role: cleanLine(l.role) } : {}), text: cleanText(l.text) })),
  }));
  const n = sceneNumberAt(scenario, snapshot);
  return {
    sceneNumber: view.kind === 'scene' ? n : undefined, roomSceneNumber: n, introductions: !ended && introductions.length > 0 ? introductions : undefined,
    people: people.slice(0, MAX_PEOPLE_SENT), setup: !ended && setup.length > 0 ? setup : undefined,
    phone: notStarted ? [] : people.slice(0, MAX_PEOPLE_ON_PHONE).map((p) => ({ name: p.name, ...(p.role !== '' ? { role: p.role } : {}) })),
    // As the presenter view listed them before: from every decision made, at every change.
    decisions: state.history.map(decisionTotals), did: roomDidWords(scenario, roomDecisions(ctx, state)),
  };
}

describe('the live room carries the decisions followed and how the room did forward', () => {
  it('a generated chain of 150 decisions: listed and counted as worked out from every decision, with the scoring done a number of times that grows with the chain, not its square', () => {
    const scenario = validScenario(decisionChain(150));
    const ctx = roomContext(scenario);
    const room = driven(ctx, createRoom(ctx, ROOM, 1, NOW));
    room.present({ type: 'advance', node: room.view().nodeId });
    scoring.count = 0;
    const seen: { decisions: PresenterView['decisions']; did: string[] }[] = [];
    const expected: typeof seen = [];
    const look = () => {
      const view = presenterView(ctx, room.state, 1);
      seen.push({ decisions: view.decisions, did: view.did });
    };
    for (let i = 0; i < 150; i++) {
      const decision = room.view();
      room.present({ type: 'open', node: decision.nodeId });
      look();
      room.apply({ from: 'voter', device: PHONE, message: { type: 'vote', room: ROOM, seq: i + 1, round: room.state.round, reply: 1 + (i % 3 === 0 ? 1 : 0) } });
      look();
      room.present({ type: 'reveal', round: room.state.round });
      look();
      room.present({ type: 'choose', round: room.state.round, reply: decision.replies[i % 2]!.id });
      look();
      room.present({ type: 'advance', node: room.view().nodeId });
      look();
    }
    expect(room.state.phase).toBe('ended');
    const counted = scoring.count;
    // Worked out from every decision at every change: 150 decisions × 5 changes × up to 150 decisions, twice.
    expect(counted).toBeLessThan(20 * 150);
    // What a replay of every decision gives, at the end and on the way (worked out again here, uncounted).
    const final = presenterView(ctx, room.state, 1);
    expected.push({ decisions: room.state.history.map(decisionTotals), did: roomDidWords(scenario, roomDecisions(ctx, room.state)) });
    expect({ decisions: final.decisions, did: final.did }).toEqual(expected[0]);
    expect(final.decisions).toHaveLength(150);
    expect(final.did).toEqual([
      expect.stringMatching(/^The branch the room took was best practice at \d+ of 150 decisions/),
      expect.stringMatching(/^The room's most-voted reply was best practice at \d+ of 150 decisions with votes/),
    ]);
    expect(seen.at(-1)).toEqual(expected[0]);
  });
});

describe('the live room carries the scene number, introductions, who\'s who and setup forward', () => {
  it('a generated chain of 150 scenes: numbered 1 to 150 and set up as a replay says, with the machine stepped a number of times that grows with the chain, not its square', () => {
    const scenario = validScenario(sceneChain(150));
    const ctx = roomContext(scenario);
    steps.count = 0;
    const room = driven(ctx, createRoom(ctx, ROOM, 1, NOW));
    const states = [room.state];
    const numbers = [shown(ctx, room.state).sceneNumber];
    while (room.view().kind === 'scene') {
      room.present({ type: 'advance', node: room.view().nodeId });
      states.push(room.state);
      numbers.push(shown(ctx, room.state).sceneNumber);
    }
    room.present({ type: 'open', node: 'd1' });
    room.apply({ from: 'voter', device: PHONE, message: { type: 'vote', room: ROOM, seq: 1, round: 1, reply: 1 } });
    room.present({ type: 'reveal', round: 1 });
    states.push(room.state);
    shown(ctx, room.state);
    room.present({ type: 'choose', round: 1, reply: room.view().replies[0]!.id });
    states.push(room.state);
    shown(ctx, room.state);
    const spent = steps.count;
    expect(room.state.phase).toBe('ended');
    expect(numbers).toEqual([...Array.from({ length: 150 }, (_, i) => i + 1), undefined]);
    // At the story's first decision, the 150 scenes before it (the content note stood in for the first).
    expect(shown(ctx, states[150]!).setup?.map((s) => s.title)).toEqual(Array.from({ length: 150 }, (_, i) => `Scene ${i + 1}`));
    // Replaying from the start at every moment took 150 × 151 / 2 = 11,325 steps for the number alone
    // (and as many again for the introductions and for who's who).
    expect(spent).toBeLessThan(5 * 150);
    for (const state of states) expect(shown(ctx, state), String((state.session.snapshot as { value: unknown }).value)).toEqual(replayed(ctx, state));
  });

  it('a kept room reopened mid-chain (a restart): the moment it stands at worked out by one replay, and the count goes on from there', () => {
    const scenario = validScenario(sceneChain(150));
    const ctx = roomContext(scenario);
    const first = driven(ctx, createRoom(ctx, ROOM, 1, NOW));
    for (let i = 1; i < 70; i++) first.present({ type: 'advance', node: first.view().nodeId });
    steps.count = 0;
    const restored = restoreRoom(ctx, serializeRoom(first.state));
    if (!restored.ok) throw new Error(restored.error);
    const room = driven(ctx, restored.state);
    const numbers = [shown(ctx, room.state).sceneNumber];
    while (room.view().kind === 'scene') {
      room.present({ type: 'advance', node: room.view().nodeId });
      numbers.push(shown(ctx, room.state).sceneNumber);
    }
    expect(numbers).toEqual([...Array.from({ length: 81 }, (_, i) => i + 70), undefined]);
    // restoreRoom's proof and the room's one replay on reopening (69 steps each for the path, some
    // more for each of what is worked out), then one step a scene; at every step it was 70 to 150 each.
    expect(steps.count).toBeLessThan(5 * 150);
    expect(shown(ctx, room.state)).toEqual(replayed(ctx, room.state));
  });

  it('who\'s who after a decision followed keeps a person named only in the feedback the room was shown at its reveal (another reply\'s), as a replay says', () => {
    const story = JSON.parse(sceneChain(2)) as { characters: unknown[]; nodes: { id: string; next?: string; replies?: { id: string; feedback: string; next: string }[] }[] };
    story.characters.push({ id: 'ortiz', name: 'Ms. Ortiz', role: 'social worker' });
    const d1 = story.nodes.find((n) => n.id === 'd1')!;
    d1.replies![1]!.feedback = 'Ms. Ortiz would say it matters (Red Flags).';
    d1.replies![0]!.next = 'after';
    story.nodes.push({ id: 'after', kind: 'scene', narration: 'Later.', next: 'end-mixed' } as never);
    const ctx = roomContext(validScenario(JSON.stringify(story)));
    const room = driven(ctx, createRoom(ctx, ROOM, 1, NOW));
    while (room.view().kind === 'scene') room.present({ type: 'advance', node: room.view().nodeId });
    room.present({ type: 'open', node: 'd1' });
    room.present({ type: 'reveal', round: 1 });
    expect(shown(ctx, room.state).people?.map((p) => p.name)).toEqual(['Maya', 'Ms. Ortiz']);
    room.present({ type: 'choose', round: 1, reply: 'd1-a' });
    expect(room.view().nodeId).toBe('after');
    expect(shown(ctx, room.state).people?.map((p) => p.name)).toEqual(['Maya', 'Ms. Ortiz']);
    expect(shown(ctx, room.state)).toEqual(replayed(ctx, room.state));
  });
});

// Every bundled scenario, played through the room along random paths (random votes, replies
// followed, now and then Back to the decision last followed, back from the ending, a restart of the
// room from its saved state, ended for everyone): what the room's screens are sent is, at every step,
// what the core's replay from the start gives.
describe('what the room carries forward agrees with a replay from the start, along random paths', () => {
  const dir = join(import.meta.dirname, '../../scenarios');
  const files = readdirSync(dir).filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'));
  it.each(files)('%s', (file) => {
    const scenario = validScenario(readFileSync(join(dir, file), 'utf8'), file);
    const ctx = roomContext(scenario);
    let seed = 11;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    let backs = 0;
    for (let run = 0; run < 3; run++) {
      let room = driven(ctx, createRoom(ctx, ROOM, run + 1, NOW));
      const check = (what: string) => expect(shown(ctx, room.state), `${file} run ${run} ${what} at ${room.view().nodeId} (${room.state.phase})`).toEqual(replayed(ctx, room.state));
      check('start');
      for (let moves = 0; moves < 150; moves++) {
        const view = room.view();
        if (room.state.phase === 'ended') {
          // Back from the ending the story reached, now and then; a room ended for everyone stays ended.
          if (view.done && backToDecision(view, room.state.history.length) !== undefined && random() < 0.5) {
            room.present({ type: 'back', node: view.nodeId });
            backs++;
            check('back from the ending');
            continue;
          }
          break;
        }
        if (random() < 0.05) {
          const restored = restoreRoom(ctx, serializeRoom(room.state));
          if (!restored.ok) throw new Error(restored.error);
          room = driven(ctx, restored.state);
          check('reopened');
        }
        if (view.kind === 'scene') {
          room.present({ type: 'advance', node: view.nodeId });
          check('advance');
          continue;
        }
        if (room.state.phase === 'idle') {
          if (room.state.beforeStart === true) {
            room.present({ type: 'advance', node: view.nodeId });
            check('past the content note');
            continue;
          }
          if (backToDecision(view, room.state.history.length) !== undefined && random() < 0.2) {
            room.present({ type: 'back', node: view.nodeId });
            backs++;
            check('back');
            continue;
          }
          room.present({ type: 'open', node: view.nodeId });
          const open = view.replies.filter((r) => r.enabled);
          room.apply({ from: 'voter', device: PHONE, message: { type: 'vote', room: ROOM, seq: room.state.devices[PHONE]!.seq + 1, round: room.state.round, reply: open[Math.floor(random() * open.length)]!.number } });
          check('open');
          continue;
        }
        if (room.state.phase === 'open' || room.state.phase === 'locked') {
          room.present({ type: 'reveal', round: room.state.round });
          check('reveal');
          if (random() < 0.03) {
            room.present({ type: 'end' });
            check('ended revealed');
          }
          continue;
        }
        const open = view.replies.filter((r) => r.enabled);
        room.present({ type: 'choose', round: room.state.round, reply: open[Math.floor(random() * open.length)]!.id });
        check('choose');
      }
    }
    // Each scenario was taken back at least once (Back, or back from the ending), where nothing was carried.
    expect(backs).toBeGreaterThan(0);
  });
});
