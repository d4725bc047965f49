import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  breaksCritical, citationWords, CONTENT_NOTE_FIRST, MAX_INTRODUCTIONS_SENT, MAX_SUMMARY_SENT, MAX_UNAVAILABLE_ON_PHONE, unavailableWords, createRoom, isRoomCode, keepMoment, keptDecisionView, keptSessionView, leaveBreak, localTimeWords, presenterViewFor, type KeptMoment, type PresenterViewSent, MAX_BEST_PRACTICE_ON_PHONE, MAX_CLIENT_MESSAGE_BYTES, MAX_DEVICES, parsePresenterMessage, parseToPresenter, parseToVoter, parseVoterMessage, presenterView, reduceRoom,
  restoreRoom, revealData, roomCodeFrom, roomContext, roomMatch, roomSceneNumber, roomSessionView, roomSummaryMarkdown, serializeRoom, tallyVotes, utf8Length, validateScenario, voterView, voterViewFor,
  type PresenterAction, type PresenterCommand, type RoomInput, type RoomResult, type RoomState, type Scenario,
} from '../../src/machines/index.js';
import { peopleMet } from '../../src/machines/people.js';
import { MAX_REPLIES } from '../../src/machines/schema/scenario.js';
import { loadValidFixture, phoneOffPath } from '../helpers/fixtures.js';

const example = loadValidFixture('good/example.json');
const redFlags = validateScenario(readFileSync(new URL('../../scenarios/red-flags.json', import.meta.url)), 'red-flags.json').scenario as Scenario;
const ROOM = 'ABC234';
const NOW = new Date('2026-12-01T10:00:00Z');
const device = (i: number) => `device-${String(i).padStart(12, '0')}`;

/** A room on `phoneOffPath(scenario)` taken to "phone" (round 1 was the greeting); `join` phones joined first. */
function atPhoneOffPath(scenario: Scenario, join: number[]) {
  const r = setup(phoneOffPath(scenario));
  for (const i of join) r.join(device(i));
  r.present({ type: 'open', node: 'greeting' });
  r.present({ type: 'reveal', round: 1 });
  expect(r.present({ type: 'choose', round: 1, reply: 'greeting-phone' }).ok).toBe(true);
  expect(r.view().nodeId).toBe('phone');
  return r;
}

/**
 * A room driven by a presenter with its own seq counter, as a page would. A story that opens on a
 * decision (the example does) is taken past its content note first, as the trainer's first step
 * (`advance`): the decision is shown, its vote not yet open. `atContentNote`: left at the content note.
 */
function setup(scenario: Scenario = example, { atContentNote = false }: { atContentNote?: boolean } = {}) {
  const ctx = roomContext(scenario);
  let state = createRoom(ctx, ROOM, 7, NOW);
  let presenterSeq = 0;
  const start = roomSessionView(ctx, state);
  if (!atContentNote && start.kind === 'decision') {
    const started = reduceRoom(ctx, state, { from: 'presenter', message: { type: 'advance', room: ROOM, token: 'x'.repeat(43), seq: ++presenterSeq, node: start.nodeId } });
    if (!started.ok) throw new Error(started.message);
    state = started.state;
  }
  const seqs = new Map<string, number>();
  const apply = (input: RoomInput): RoomResult => {
    const result = reduceRoom(ctx, state, input);
    if (result.ok) state = result.state;
    else if (result.state) state = result.state;
    return result;
  };
  const present = (action: PresenterCommand & { seq?: number }) =>
    apply({ from: 'presenter', message: { room: ROOM, token: 'x'.repeat(43), seq: action.seq ?? ++presenterSeq, ...action } as PresenterAction });
  const join = (d: string) => apply({ from: 'voter', device: d, message: { type: 'join', room: ROOM, device: d } });
  const view = () => roomSessionView(ctx, state);
  /** The number a phone shows for a reply id at the current decision (99: not one of its replies). */
  const shown = (reply: string) => view().replies.find((r) => r.id === reply)?.number ?? 99;
  /** A phone's vote for a reply, named (as a phone does) by its shown number. */
  const vote = (d: string, reply: string, opts: { round?: number; seq?: number } = {}) => {
    const seq = opts.seq ?? (seqs.get(d) ?? 0) + 1;
    seqs.set(d, Math.max(seqs.get(d) ?? 0, seq));
    return apply({ from: 'voter', device: d, message: { type: 'vote', room: ROOM, seq, round: opts.round ?? state.round, reply: shown(reply) } });
  };
  return { ctx, get state() { return state; }, set state(s: RoomState) { state = s; }, present, join, vote, view, shown, apply };
}

/** The first decision voted on (device i votes votes[i - 1]), revealed and followed with `chosen`: the choose's result. */
function followFirst(r: ReturnType<typeof setup>, votes: readonly string[], chosen: string) {
  r.present({ type: 'open', node: 'phone' });
  votes.forEach((v, i) => r.vote(device(i + 1), v));
  r.present({ type: 'reveal', round: r.state.round });
  return r.present({ type: 'choose', round: r.state.round, reply: chosen });
}

/** A room where three phones joined and the vote on the first decision is open, with these votes cast (device i votes votes[i - 1]). */
function openVote(votes: readonly string[]) {
  const r = setup();
  for (const i of [1, 2, 3]) r.join(device(i));
  r.present({ type: 'open', node: 'phone' });
  votes.forEach((reply, i) => r.vote(device(i + 1), reply));
  return r;
}

function expectRefused(result: RoomResult, code: string) {
  expect(result.ok ? 'accepted' : result.code).toBe(code);
}

describe('room protocol: parsing', () => {
  const join = JSON.stringify({ type: 'join', room: ROOM, device: device(1) });
  it('accepts well-formed voter and presenter messages', () => {
    expect(parseVoterMessage(join)).toMatchObject({ ok: true, message: { type: 'join', device: device(1) } });
    expect(parseVoterMessage(JSON.stringify({ type: 'vote', room: ROOM, seq: 1, round: 1, reply: 2 })).ok).toBe(true);
    // A phone names a reply by its shown number only: a reply id is not a vote.
    expect(parseVoterMessage(JSON.stringify({ type: 'vote', room: ROOM, seq: 1, round: 1, reply: 'phone-curious' }))).toMatchObject({ ok: false, code: 'malformed' });
    expect(parsePresenterMessage(JSON.stringify({ type: 'open', room: ROOM, token: 't'.repeat(43), seq: 3, node: 'phone' })).ok).toBe(true);
  });

  it('refuses oversized, non-JSON and malformed messages with a reason', () => {
    expect(parseVoterMessage(`{"type":"join","pad":"${'x'.repeat(MAX_CLIENT_MESSAGE_BYTES)}"}`)).toMatchObject({ ok: false, code: 'too-large' });
    // Multi-byte characters count as bytes, not as UTF-16 units.
    expect(parseVoterMessage(`"${'é'.repeat(600)}"`)).toMatchObject({ ok: false, code: 'too-large' });
    expect(parseVoterMessage('{"type":')).toMatchObject({ ok: false, code: 'malformed' });
    const bad = [
      { type: 'join', room: ROOM },
      { type: 'join', room: 'abc234', device: device(1) },
      { type: 'join', room: 'ABC23O', device: device(1) },
      { type: 'join', room: ROOM, device: 'short' },
      { type: 'join', room: ROOM, device: device(1), extra: 1 },
      { type: 'vote', room: ROOM, seq: 0, round: 1, reply: 'a' },
      { type: 'vote', room: ROOM, seq: 1.5, round: 1, reply: 'a' },
      { type: 'vote', room: ROOM, seq: 1, round: 1, reply: '<script>' },
      { type: 'vote', room: ROOM, seq: '1', round: 1, reply: 'a' },
      { type: 'shout', room: ROOM },
      [], null, 42, 'vote',
    ];
    for (const b of bad) expect(parseVoterMessage(JSON.stringify(b)), JSON.stringify(b)).toMatchObject({ ok: false, code: 'malformed' });
    expect(parseVoterMessage(`{"type":"vote","room":"${ROOM}","seq":1,"round":1,"reply":"a","__proto__":{"x":1}}`)).toMatchObject({ ok: false, code: 'malformed' });
    expect(parsePresenterMessage(JSON.stringify({ type: 'open', room: ROOM, token: 'short', seq: 1, node: 'phone' }))).toMatchObject({ ok: false, code: 'malformed' });
  });

  it('names a presenter message sent on a voter connection, whatever it carries', () => {
    for (const type of ['hello', 'open', 'lock', 'reveal', 'choose', 'advance', 'end']) {
      expect(parseVoterMessage(JSON.stringify({ type, room: ROOM, token: 't'.repeat(43), seq: 1, round: 1, node: 'phone', reply: 'phone-curious' }))).toMatchObject({ ok: false, code: 'not-presenter' });
    }
  });

  it('counts UTF-8 bytes exactly', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => utf8Length(s) === Buffer.byteLength(s, 'utf8')));
  });

  it('room codes use an alphabet without look-alikes', () => {
    const code = roomCodeFrom(new Uint8Array([0, 30, 31, 255, 100, 7]));
    expect(isRoomCode(code)).toBe(true);
    expect(code).toHaveLength(6);
    fc.assert(fc.property(fc.uint8Array({ minLength: 6, maxLength: 6 }), (b) => isRoomCode(roomCodeFrom(b)) && !/[01OIL]/.test(roomCodeFrom(b))));
    expect(() => roomCodeFrom(new Uint8Array(3))).toThrow();
  });
});

describe('room reducer: who may do what, when', () => {
  // The phones said only "Waiting for the trainer to open the vote." while the projector showed the
  // content note: a person who cannot read the projector never got it (room2-45).
  it('a phone is sent the scenario\'s title and content note until the trainer\'s first step, through the schema; not after it', () => {
    for (const [scenario, start] of [[example, 'phone'], [redFlags, redFlags.start]] as const) {
      const r = setup(scenario, { atContentNote: true });
      r.join(device(1));
      const view = voterView(r.ctx, r.state, device(1));
      expect(view).toMatchObject({ phase: 'waiting', scenarioTitle: scenario.title, contentNote: { text: scenario.contentNote, minutes: scenario.estimatedMinutes } });
      const parsed = parseToVoter(JSON.stringify({ type: 'view', view }));
      expect(parsed?.type === 'view' && parsed.view.contentNote?.text).toBe(scenario.contentNote);
      expect(r.present({ type: 'advance', node: start }).ok).toBe(true);
      const after = voterView(r.ctx, r.state, device(1));
      expect(after.contentNote).toBeUndefined();
      expect(after.scenarioTitle).toBeUndefined();
    }
  });

  // A break taken while the room read the content note counted as the trainer's first step: back from
  // it the projector, the page and the phones had left the note for the first moment (room2-45).
  it('a break at the content note is not the first step: the note stays on the room\'s screens and phones, also after a restart', () => {
    for (const [scenario, start] of [[example, 'phone'], [redFlags, redFlags.start]] as const) {
      const r = setup(scenario, { atContentNote: true });
      r.join(device(1));
      expect(r.present({ type: 'break', on: true }).ok).toBe(true);
      expect(r.present({ type: 'break', on: false, break: 1 }).ok).toBe(true);
      const back = restoreRoom(r.ctx, serializeRoom(r.state));
      for (const state of [r.state, back.ok ? back.state : undefined]) {
        expect(state && presenterView(r.ctx, state, 1).contentNote?.text).toBe(scenario.contentNote);
        expect(state && voterView(r.ctx, state, device(1)).contentNote?.text).toBe(scenario.contentNote);
      }
      // Its vote (the example's first moment is a decision) still waits for the first step, which ends the note.
      if (start === 'phone') expectRefused(r.present({ type: 'open', node: start }), 'not-now');
      expect(r.present({ type: 'advance', node: start }).ok).toBe(true);
      expect(presenterView(r.ctx, r.state, 1).contentNote).toBeUndefined();
      expect(voterView(r.ctx, r.state, device(1)).contentNote).toBeUndefined();
    }
    // A room saved before rooms kept this (no beforeStart): started once any command was taken, as it was read then.
    const r = setup(example, { atContentNote: true });
    const { beforeStart: _, ...old } = r.state;
    expect(presenterView(r.ctx, { ...old, presenterSeq: 2 }, 0).contentNote).toBeUndefined();
    expect(presenterView(r.ctx, old, 0).contentNote).toBeDefined();
  });

  // youth-discloses and left-placement-calls open on a decision: the first step ("Open the vote",
  // Page Down, o) opened its vote from the content note, where every other decision is shown first
  // with its vote closed, for the room to discuss (room2-45).
  it('a story that opens on a decision: content note, then the decision shown with its vote closed, then the vote', () => {
    const r = setup(example, { atContentNote: true });
    r.join(device(1));
    expect(r.view()).toMatchObject({ kind: 'decision', nodeId: 'phone' });
    expect(presenterView(r.ctx, r.state, 1).contentNote).toBeDefined();
    // Its vote cannot open before the room has seen it.
    const early = r.present({ type: 'open', node: 'phone' });
    expect(early.ok ? 'accepted' : `${early.code}: ${early.message}`).toBe(`not-now: ${CONTENT_NOTE_FIRST}`);
    expect(r.state.phase).toBe('idle');
    // The first step: the decision shown, the content note gone, no vote open; the phone waits.
    expectRefused(r.present({ type: 'advance', node: 'after-visit' }), 'wrong-node');
    expect(r.present({ type: 'advance', node: 'phone' })).toMatchObject({ ok: true, change: 'all' });
    expect(r.state).toMatchObject({ phase: 'idle', round: 0 });
    expect(r.view().nodeId).toBe('phone');
    expect(presenterView(r.ctx, r.state, 1).contentNote).toBeUndefined();
    expect(voterView(r.ctx, r.state, device(1))).toMatchObject({ phase: 'waiting', round: 0 });
    // The phone is sent the decision's words to discuss from (voter protocol 10), through the schema; not its replies.
    const node = example.nodes.find((n) => n.id === 'phone');
    if (node?.kind !== 'decision') throw new Error('the example opens on a decision');
    const discussed = voterView(r.ctx, r.state, device(1));
    expect(discussed.discussing).toEqual({ title: node.title, narration: node.narration, lines: [{ speaker: 'Jade', role: 'youth', text: node.lines?.[0]?.text }], discussionPrompt: node.discussionPrompt, prompt: 'What do you say or do?' });
    const parsed = parseToVoter(JSON.stringify({ type: 'view', view: discussed }));
    expect(parsed?.type === 'view' && parsed.view.discussing?.title).toBe(node.title);
    expect(JSON.stringify(discussed)).not.toContain(node.replies[0]?.text);
    expect(discussed.decision).toBeUndefined();
    expectRefused(r.vote(device(1), 'phone-curious', { round: 1 }), 'not-open');
    // Once only: a decision is not moved past (its vote opens next).
    expectRefused(r.present({ type: 'advance', node: 'phone' }), 'not-now');
    expect(r.present({ type: 'open', node: 'phone' })).toMatchObject({ ok: true, change: 'all' });
    expect(r.state).toMatchObject({ phase: 'open', round: 1 });
    // With the vote, the replies; the words to discuss from go.
    expect(voterView(r.ctx, r.state, device(1)).discussing).toBeUndefined();
    expect(voterView(r.ctx, r.state, device(1)).decision?.replies).toHaveLength(node.replies.length);
  });

  // Asked for after session 46: the vote showed the decision's title, question and replies only, so a
  // person who cannot read the projector lost what was said when the vote opened (voter protocol 11).
  it('with the vote, a phone is sent the decision\'s narration and lines, as while the room discussed it, through the schema: in the welcome of a phone that joins mid-vote, not again in the updates after it', () => {
    const r = setup(example, { atContentNote: true });
    r.join(device(1));
    expect(r.present({ type: 'advance', node: 'phone' }).ok).toBe(true);
    const discussed = voterView(r.ctx, r.state, device(1)).discussing;
    expect(r.present({ type: 'open', node: 'phone' }).ok).toBe(true);
    const opened = voterView(r.ctx, r.state, device(1));
    expect(opened.decision).toMatchObject({ title: discussed?.title, narration: discussed?.narration, lines: discussed?.lines, prompt: discussed?.prompt });
    expect(opened.decision?.lines).toHaveLength(1);
    // A phone that joins (or reloads) mid-vote: its welcome carries them, and the schema takes them.
    r.join(device(2));
    const welcome = voterViewFor(voterView(r.ctx, r.state, device(2)), undefined);
    const parsed = parseToVoter(JSON.stringify({ type: 'welcome', device: device(2), seq: 0, view: welcome }));
    expect(parsed?.type === 'welcome' && parsed.view.decision?.narration).toBe(discussed?.narration);
    expect(parsed?.type === 'welcome' && parsed.view.decision?.lines).toEqual(discussed?.lines);
    // An update to a phone that has the decision leaves it out, words and all.
    expect(r.vote(device(2), 'phone-curious').ok).toBe(true);
    expect(voterViewFor(voterView(r.ctx, r.state, device(2)), opened.decisionKey).decision).toBeUndefined();
  });

  it('a phone is sent no decision\'s words to discuss at a scene (the scene\'s own words instead), nor on a break', () => {
    const r = setup(example, { atContentNote: true });
    r.join(device(1));
    expect(r.present({ type: 'advance', node: 'phone' }).ok).toBe(true);
    expect(r.present({ type: 'open', node: 'phone' }).ok).toBe(true);
    expect(r.present({ type: 'reveal', round: 1 }).ok).toBe(true);
    expect(r.present({ type: 'choose', round: 1, reply: 'phone-curious' }).ok).toBe(true);
    expect(r.view().kind).toBe('scene');
    expect(voterView(r.ctx, r.state, device(1))).toMatchObject({ phase: 'waiting' });
    expect(voterView(r.ctx, r.state, device(1)).discussing).toBeUndefined();
    // The scene's own words instead (voter protocol 11), headed as the projector heads an untitled scene, through the schema.
    const sceneNode = example.nodes.find((n) => n.id === r.view().nodeId);
    if (sceneNode?.kind !== 'scene' || !sceneNode.lines?.[0]) throw new Error('fixture changed');
    const atScene = voterView(r.ctx, r.state, device(1));
    expect(atScene.scene).toEqual({ title: 'Scene 1', lines: [{ speaker: 'Jade', role: 'youth', text: sceneNode.lines[0].text }] });
    const parsedScene = parseToVoter(JSON.stringify({ type: 'view', view: atScene }));
    expect(parsedScene?.type === 'view' && parsedScene.view.scene?.title).toBe('Scene 1');
    // On to the decision after it: its words; a break while the room discusses it: only the break.
    expect(r.present({ type: 'advance', node: r.view().nodeId }).ok).toBe(true);
    expect(r.view().kind).toBe('decision');
    expect(voterView(r.ctx, r.state, device(1)).discussing?.title).toBe(r.view().title);
    expect(voterView(r.ctx, r.state, device(1)).scene).toBeUndefined();
    expect(r.present({ type: 'break', on: true }).ok).toBe(true);
    expect(voterView(r.ctx, r.state, device(1))).toMatchObject({ phase: 'break' });
    expect(voterView(r.ctx, r.state, device(1)).discussing).toBeUndefined();
  });

  // Asked for after session 46: a decision with no words of its own (its words are in the scene before
  // it, which the projector shows under "Before this") came to the phones with none, for its
  // discussion and its vote (voter protocol 12).
  it('a decision with no words of its own is sent to phones with the scene that set it up, for its discussion and its vote, headed as the phone headed that scene, through the schema', () => {
    const beforeRelapse = validateScenario(readFileSync(new URL('../../scenarios/before-relapse.json', import.meta.url)), 'before-relapse.json').scenario as Scenario;
    const r = setup(beforeRelapse, { atContentNote: true });
    r.join(device(1));
    const opening = beforeRelapse.nodes.find((n) => n.id === 's0-sunday');
    if (opening?.kind !== 'scene' || !opening.title || !opening.narration || !opening.lines?.[0]) throw new Error('before-relapse changed');
    // The first step: past the opening scene (the content note stood in for it) to d1-good, which has no words.
    expect(r.present({ type: 'advance', node: 's0-sunday' }).ok).toBe(true);
    expect(r.view()).toMatchObject({ kind: 'decision', nodeId: 'd1-good', narration: undefined, lines: [] });
    const sunday = { title: opening.title, narration: opening.narration, lines: [{ speaker: 'Rina', role: 'youth', text: opening.lines[0].text }] };
    const discussed = voterView(r.ctx, r.state, device(1));
    expect(discussed.discussing).toMatchObject({ title: expect.any(String), setup: [sunday], lines: [] });
    expect(discussed.discussing?.narration).toBeUndefined();
    // The same "Before this" the projector is sent.
    expect(presenterView(r.ctx, r.state, 1).setup).toEqual([sunday]);
    // With the vote: the decision carries it, in the welcome of a phone that joins mid-vote too.
    expect(r.present({ type: 'open', node: 'd1-good' }).ok).toBe(true);
    r.join(device(2));
    const welcome = parseToVoter(JSON.stringify({ type: 'welcome', device: device(2), seq: 0, view: voterViewFor(voterView(r.ctx, r.state, device(2)), undefined) }));
    expect(welcome?.type === 'welcome' && welcome.view.decision?.setup).toEqual([sunday]);
    expect(r.present({ type: 'reveal', round: 1 }).ok).toBe(true);
    expect(r.present({ type: 'choose', round: 1, reply: 'd1-yours' }).ok).toBe(true);
    // An untitled scene: the phone heads it "Scene 2" while it is shown, and again under the decision after it.
    expect(r.view().nodeId).toBe('s1-triggers');
    const shown = voterView(r.ctx, r.state, device(1)).scene;
    expect(shown?.title).toBe('Scene 2');
    expect(r.present({ type: 'advance', node: 's1-triggers' }).ok).toBe(true);
    expect(r.view().nodeId).toBe('d2-triggers');
    const parsed = parseToVoter(JSON.stringify({ type: 'view', view: voterView(r.ctx, r.state, device(1)) }));
    expect(parsed?.type === 'view' && parsed.view.discussing?.setup).toEqual([shown]);
    expect(r.present({ type: 'open', node: 'd2-triggers' }).ok).toBe(true);
    expect(voterView(r.ctx, r.state, device(1)).decision?.setup).toEqual([shown]);
    // A decision with words of its own is sent none (the example's first).
    const own = setup(example);
    own.join(device(1));
    expect(voterView(own.ctx, own.state, device(1)).discussing?.setup).toBeUndefined();
    expect(own.present({ type: 'open', node: 'phone' }).ok).toBe(true);
    expect(voterView(own.ctx, own.state, device(1)).decision?.setup).toBeUndefined();
  });

  // Walked as a trainer (trainer-50, the-list at 390×844): the first step goes past the opening scene,
  // which the phones never showed (the content note stood in for it); the projector shows it under
  // "Before this" at the first decision. That decision has words of its own, so the phones were sent
  // no setup: "What do you say to Bà Hoa?" came to a person who cannot read the projector without the
  // scene that introduces her. A later decision with words of its own is still sent none.
  it('the story\'s first decision, with words of its own, is sent to phones with the opening scene the content note stood in for, for its discussion and its vote', () => {
    const theList = validateScenario(readFileSync(new URL('../../scenarios/the-list.json', import.meta.url)), 'the-list.json').scenario as Scenario;
    const r = setup(theList, { atContentNote: true });
    r.join(device(1));
    const opening = theList.nodes.find((n) => n.id === 's0-kitchen');
    if (opening?.kind !== 'scene' || !opening.title || !opening.narration || !opening.lines?.[0]) throw new Error('the-list changed');
    expect(voterView(r.ctx, r.state, device(1)).contentNote).toBeDefined();
    expect(r.present({ type: 'advance', node: 's0-kitchen' }).ok).toBe(true);
    expect(r.view()).toMatchObject({ kind: 'decision', nodeId: 'd1-ba' });
    expect(r.view().lines.length).toBeGreaterThan(0);
    const kitchen = { title: opening.title, narration: opening.narration, lines: [{ speaker: 'Bà Hoa', role: expect.any(String), text: opening.lines[0].text }] };
    const discussed = parseToVoter(JSON.stringify({ type: 'view', view: voterView(r.ctx, r.state, device(1)) }));
    expect(discussed?.type === 'view' && discussed.view.discussing?.setup).toEqual([kitchen]);
    // Its own words still follow, as before.
    expect(discussed?.type === 'view' && discussed.view.discussing?.lines.length).toBeGreaterThan(0);
    expect(r.present({ type: 'open', node: 'd1-ba' }).ok).toBe(true);
    r.join(device(2));
    const welcome = parseToVoter(JSON.stringify({ type: 'welcome', device: device(2), seq: 0, view: voterViewFor(voterView(r.ctx, r.state, device(2)), undefined) }));
    expect(welcome?.type === 'welcome' && welcome.view.decision?.setup).toEqual([kitchen]);
    expect(r.present({ type: 'reveal', round: 1 }).ok).toBe(true);
    expect(r.present({ type: 'choose', round: 1, reply: 'd1-hear' }).ok).toBe(true);
    // Past the first reply: a decision with words of its own is sent none, as before.
    for (let i = 0; i < 20 && !(r.view().kind === 'decision' && r.view().lines.length > 0 && r.view().nodeId !== 'd1-ba'); i++) {
      const v = r.view();
      if (v.kind === 'scene') expect(r.present({ type: 'advance', node: v.nodeId }).ok).toBe(true);
      else {
        expect(r.present({ type: 'open', node: v.nodeId }).ok).toBe(true);
        expect(r.present({ type: 'reveal', round: r.state.round }).ok).toBe(true);
        expect(r.present({ type: 'choose', round: r.state.round, reply: v.replies.find((x) => x.enabled)?.id ?? '' }).ok).toBe(true);
      }
    }
    expect(r.view()).toMatchObject({ kind: 'decision' });
    expect(r.view().lines.length).toBeGreaterThan(0);
    expect(voterView(r.ctx, r.state, device(1)).discussing?.setup).toBeUndefined();
  });

  it('refuses a message for another room and changes nothing', () => {
    const r = setup();
    const before = r.state;
    expectRefused(r.apply({ from: 'voter', device: device(1), message: { type: 'join', room: 'ZZZ999', device: device(1) } }), 'wrong-room');
    expectRefused(r.apply({ from: 'presenter', message: { type: 'open', room: 'ZZZ999', token: 't'.repeat(43), seq: 1, node: 'phone' } }), 'wrong-room');
    expect(r.state).toBe(before);
  });

  it('joins once per device (a rejoin keeps the device), and refuses a join for another device', () => {
    const r = setup();
    expect(r.join(device(1))).toMatchObject({ ok: true, change: 'count' });
    expect(r.join(device(1))).toMatchObject({ ok: true, change: 'none' });
    expect(Object.keys(r.state.devices)).toEqual([device(1)]);
    expectRefused(r.apply({ from: 'voter', device: device(1), message: { type: 'join', room: ROOM, device: device(2) } }), 'forbidden');
  });

  it('is full at MAX_DEVICES phones', () => {
    const r = setup();
    for (let i = 0; i < MAX_DEVICES; i++) expect(r.join(device(i)).ok).toBe(true);
    expectRefused(r.join(device(MAX_DEVICES)), 'room-full');
    expect(r.join(device(3)).ok).toBe(true);
  });

  it('takes votes only from joined devices, only while a round is open, only for its replies', () => {
    const r = setup();
    expectRefused(r.vote(device(1), 'phone-curious', { round: 1 }), 'not-joined');
    r.join(device(1));
    expectRefused(r.vote(device(1), 'phone-curious', { round: 1 }), 'not-open');
    expectRefused(r.present({ type: 'open', node: 'after-visit' }), 'wrong-node');
    expect(r.present({ type: 'open', node: 'phone' })).toMatchObject({ ok: true, change: 'all' });
    expect(r.state.round).toBe(1);
    expectRefused(r.present({ type: 'open', node: 'phone' }), 'not-now');
    expectRefused(r.vote(device(1), 'after-supervisor'), 'unknown-reply');
    expectRefused(r.vote(device(1), 'phone-curious', { round: 2 }), 'wrong-round');
    expect(r.vote(device(1), 'phone-curious')).toMatchObject({ ok: true, change: 'count' });
    expect(r.state.votes).toEqual({ [device(1)]: 'phone-curious' });
  });

  // `o` typed in the room's terminal after the reveal said "The vote for this decision is already
  // open." while it was revealed (or locked), and not what comes next (room-45).
  it('opening a vote at a decision whose vote is open, locked or revealed is refused in words for each', () => {
    const r = setup();
    r.join(device(1));
    r.present({ type: 'open', node: 'phone' });
    const said = () => {
      const result = r.present({ type: 'open', node: 'phone' });
      return result.ok ? 'accepted' : `${result.code}: ${result.message}`;
    };
    expect(said()).toBe('not-now: The vote for this decision is already open.');
    r.vote(device(1), 'phone-curious');
    r.present({ type: 'lock', round: 1 });
    expect(said()).toBe('not-now: The vote for this decision is already locked: reveal it next.');
    r.present({ type: 'reveal', round: 1 });
    expect(said()).toBe('not-now: The votes for this decision are already revealed: follow the reply the story takes next.');
  });

  it('refuses a vote, and a follow, for a reply shown as not available now, by its number or a number past the last', () => {
    // The example with "Say nothing" offered only at high trust: shown, not available, at the first decision.
    const text = readFileSync(new URL('../fixtures/good/example.json', import.meta.url), 'utf8').replace('"id": "phone-ignore",', '"id": "phone-ignore", "when": { "var": "trust", "gte": 90 },');
    const limited = validateScenario(text, 'limited.json').scenario as Scenario;
    const r = setup(limited);
    r.join(device(1));
    r.present({ type: 'open', node: 'phone' });
    expect(r.view().replies.find((x) => x.id === 'phone-ignore')?.enabled).toBe(false);
    expectRefused(r.vote(device(1), 'phone-ignore'), 'unknown-reply');
    const past = r.apply({ from: 'voter', device: device(1), message: { type: 'vote', room: ROOM, seq: 50, round: 1, reply: 1000 } });
    expectRefused(past, 'unknown-reply');
    expect(r.state.votes).toEqual({});
    r.present({ type: 'reveal', round: 1 });
    expectRefused(r.present({ type: 'choose', round: 1, reply: 'phone-ignore' }), 'unknown-reply');
    expect(r.view().nodeId).toBe('phone');
  });

  // A phone showed a reply not available now as "(not available now)" and nothing more, where the
  // projector, the laptop and the play page say why in the core's words (unavailableWords).
  it('sends a phone why a reply is not available now, in the words the projector shows beside it, for a closed reply only (voter protocol 15)', () => {
    // The example with "Say nothing" closed by a hidden flag (with its author's reason) and "Who bought
    // you that?" by the shown trust meter: both offered, neither available, at the first decision.
    const reason = 'you have already told Ms. Rivera what Jade said';
    const raw = JSON.parse(readFileSync(new URL('../fixtures/good/example.json', import.meta.url), 'utf8')) as { variables: unknown[]; nodes: { id: string; replies?: { id: string; when?: unknown; unavailableReason?: string }[] }[] };
    raw.variables.push({ id: 'told', label: 'You told the CSW', type: 'flag', start: true });
    const replies = raw.nodes.find((n) => n.id === 'phone')!.replies!;
    Object.assign(replies.find((x) => x.id === 'phone-ignore')!, { when: { var: 'told', is: false }, unavailableReason: reason });
    Object.assign(replies.find((x) => x.id === 'phone-accuse')!, { when: { var: 'trust', gte: 90 } });
    const result = validateScenario(JSON.stringify(raw), 'closed.json');
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const scenario = result.scenario as Scenario;
    const r = setup(scenario);
    r.join(device(1));
    r.present({ type: 'open', node: 'phone' });
    const sent = () => voterView(r.ctx, r.state, device(1)).decision!.replies;
    const core = new Map(r.view().replies.map((x) => [x.id, x]));
    const ignore = core.get('phone-ignore')!;
    const accuse = core.get('phone-accuse')!;
    const curious = core.get('phone-curious')!;
    expect([ignore.enabled, accuse.enabled, curious.enabled]).toEqual([false, false, true]);
    const on = (n: number) => sent().find((x) => x.number === n);
    expect(on(ignore.number)?.unavailable).toBe(`Reply ${ignore.number} is not available now: ${reason}.`);
    expect(on(accuse.number)?.unavailable).toBe(`Reply ${accuse.number} is not available now: it needs Jade's trust at least 90 (now 50).`);
    // The projector's words, and none for a reply that is open (so nothing in the message hints at it).
    for (const reply of sent()) {
      const c = [...core.values()].find((x) => x.number === reply.number)!;
      if (c.enabled) expect(reply).not.toHaveProperty('unavailable');
      else expect(reply.unavailable).toBe(unavailableWords(c));
    }
    // Still said once the vote is locked and revealed (the buttons stay, greyed).
    r.present({ type: 'lock', round: 1 });
    expect(on(ignore.number)?.unavailable).toBe(unavailableWords(ignore));
    r.present({ type: 'reveal', round: 1 });
    const view = voterView(r.ctx, r.state, device(1));
    expect(view.decision?.replies.find((x) => x.number === ignore.number)?.unavailable).toBe(unavailableWords(ignore));
    // The room's schema takes it; a value that is not a string, is empty or is too long does not fit.
    expect(parseToVoter(JSON.stringify({ type: 'view', view }))).toBeTruthy();
    for (const bad of [7, '', ['x'], 'x'.repeat(MAX_UNAVAILABLE_ON_PHONE + 1)]) {
      const hostile = { ...view, decision: { ...view.decision!, replies: view.decision!.replies.map((x) => x.number === ignore.number ? { ...x, unavailable: bad } : x) } };
      expect(parseToVoter(JSON.stringify({ type: 'view', view: hostile }))).toBeUndefined();
    }
    // A reason longer than the protocol takes (past the validator's limit, as a file edited after it was
    // checked may be) is sent as one line, cut with "…", and still fits.
    const long = structuredClone(scenario);
    const node = long.nodes.find((n) => n.id === 'phone');
    if (node?.kind !== 'decision') throw new Error('the example starts on a decision');
    node.replies.find((x) => x.id === 'phone-ignore')!.unavailableReason = 'you have already told her\nwhat Jade said, '.repeat(40);
    const cut = setup(long);
    cut.join(device(1));
    cut.present({ type: 'open', node: 'phone' });
    const said = voterView(cut.ctx, cut.state, device(1));
    const words = said.decision!.replies.find((x) => x.number === cut.shown('phone-ignore'))!.unavailable!;
    expect(words).toHaveLength(MAX_UNAVAILABLE_ON_PHONE);
    expect(words).toMatch(/^Reply \d+ is not available now: you have already told her what Jade said, .*…$/);
    expect(words).not.toMatch(/[\r\n]/);
    expect(parseToVoter(JSON.stringify({ type: 'view', view: said }))).toBeTruthy();
  });

  it('keeps one vote per device, changeable until the lock, and refuses changes after it', () => {
    const r = openVote(['phone-curious', 'phone-curious', 'phone-accuse']);
    r.vote(device(1), 'phone-ignore');
    r.vote(device(1), 'phone-accuse');
    expect(r.state.votes).toEqual({ [device(1)]: 'phone-accuse', [device(2)]: 'phone-curious', [device(3)]: 'phone-accuse' });
    expect(r.vote(device(2), 'phone-curious')).toMatchObject({ ok: true, change: 'none' });
    expect(r.present({ type: 'lock', round: 1 }).ok).toBe(true);
    expectRefused(r.vote(device(2), 'phone-ignore'), 'not-open');
    expect(r.state.votes[device(2)]).toBe('phone-curious');
    expectRefused(r.present({ type: 'lock', round: 1 }), 'not-now');
  });

  it('refuses replayed and out-of-order messages from a phone and from the presenter', () => {
    const r = setup();
    r.join(device(1));
    r.present({ type: 'open', node: 'phone' });
    expect(r.vote(device(1), 'phone-curious', { seq: 5 }).ok).toBe(true);
    expectRefused(r.vote(device(1), 'phone-accuse', { seq: 5 }), 'replayed');
    expectRefused(r.vote(device(1), 'phone-accuse', { seq: 3 }), 'out-of-order');
    expect(r.state.votes[device(1)]).toBe('phone-curious');
    // A gap is fine: messages sent while a connection dropped may never arrive.
    expect(r.vote(device(1), 'phone-ignore', { seq: 9 }).ok).toBe(true);
    expect(r.state.devices[device(1)]?.seq).toBe(9);
    // A refused vote used up its seq, so it cannot be replayed once it would be accepted.
    r.present({ type: 'lock', round: 1 });
    expectRefused(r.vote(device(1), 'phone-curious', { seq: 10 }), 'not-open');
    expect(r.state.devices[device(1)]?.seq).toBe(10);
    const presenterSeq = r.state.presenterSeq;
    expectRefused(r.present({ type: 'reveal', round: 1, seq: presenterSeq }), 'replayed');
    expectRefused(r.present({ type: 'reveal', round: 1, seq: presenterSeq - 1 }), 'out-of-order');
    expect(r.state.phase).toBe('locked');
  });

  it('hides votes until the reveal; each phone then sees the feedback for its own reply, and a phone that did not vote the best-practice reply\'s', () => {
    const r = setup();
    for (const i of [1, 2, 3, 4]) r.join(device(i));
    r.present({ type: 'open', node: 'phone' });
    r.vote(device(1), 'phone-curious');
    r.vote(device(2), 'phone-accuse');
    r.vote(device(3), 'phone-accuse');
    const open = presenterView(r.ctx, r.state, 4);
    expect(open.reveal).toBeUndefined();
    expect(open.count).toEqual({ round: 1, joined: 4, connected: 4, voted: 3 });
    expect(voterView(r.ctx, r.state, device(1))).toMatchObject({ phase: 'open', vote: r.shown('phone-curious') });
    expect(voterView(r.ctx, r.state, device(1)).feedback).toBeUndefined();
    expect(voterView(r.ctx, r.state, device(4)).vote).toBeUndefined();
    expectRefused(r.present({ type: 'choose', round: 1, reply: 'phone-curious' }), 'not-now');
    expect(r.present({ type: 'reveal', round: 1 }).ok).toBe(true);
    const shown = presenterView(r.ctx, r.state, 4);
    const expected = revealData(example, r.view(), { 'phone-curious': 1, 'phone-accuse': 2 });
    expect(shown.reveal).toEqual(expected);
    expect(shown.reveal?.entries.map((e) => [e.replyId, e.votes])).toEqual(expect.arrayContaining([['phone-curious', 1], ['phone-accuse', 2], ['phone-ignore', 0]]));
    const mine = voterView(r.ctx, r.state, device(2));
    const accuse = expected.entries.find((e) => e.replyId === 'phone-accuse')!;
    const best = expected.entries.find((e) => e.best)!;
    const said = (e: (typeof expected.entries)[number]) => ({ number: e.number, replyText: e.replyText, feedback: e.feedback, principles: e.assessments.map((a) => ({ title: a.title, verdict: a.verdict, citation: citationWords(a.citation, breaksCritical(a)) })) });
    // A weaker vote sees its own reply's feedback and which reply was best practice, and why.
    expect(mine.feedback).toEqual({ mine: { ...said(accuse), best: false }, bestPractice: [said(best)], moreBestPractice: 0 });
    expect(best.replyId).toBe('phone-curious');
    // A best-practice vote sees its own, and no other (there is one best-practice reply here).
    expect(voterView(r.ctx, r.state, device(1)).feedback).toEqual({ mine: { ...said(best), best: true }, bestPractice: [], moreBestPractice: 0 });
    // A phone that did not vote is not left with nothing at the reveal: best practice and why, not as its vote.
    const none = voterView(r.ctx, r.state, device(4));
    expect(none.vote).toBeUndefined();
    expect(none.feedback).toEqual({ bestPractice: [said(best)], moreBestPractice: 0 });
    expect(parseToVoter(JSON.stringify({ type: 'view', view: none }))).toBeDefined();
    // Every message the server would send passes its own schema.
    expect(parseToPresenter(JSON.stringify({ type: 'view', view: presenterViewFor(shown, undefined) }))).toBeDefined();
    expect(parseToPresenter(JSON.stringify({ type: 'view', view: presenterViewFor(shown, shown.sessionKey) }))).toBeDefined();
    expect(parseToVoter(JSON.stringify({ type: 'view', view: mine }))).toBeDefined();
  });

  it('shows a phone every best-practice reply when several tie for the most points (off the best-practice path), in shown order, not only the first', () => {
    // "Say nothing" assessed as "That's a nice one!" is: two best-practice replies at "phone", off the path.
    const tied = structuredClone(example);
    const phone = tied.nodes.find((n) => n.id === 'phone');
    if (phone?.kind !== 'decision') throw new Error('fixture changed');
    phone.replies.find((x) => x.id === 'phone-ignore')!.assessments = structuredClone(phone.replies.find((x) => x.id === 'phone-curious')!.assessments);
    const r = atPhoneOffPath(tied, [1, 2, 3]);
    r.present({ type: 'open', node: 'phone' });
    r.vote(device(1), 'phone-accuse');
    r.vote(device(2), 'phone-ignore');
    r.present({ type: 'reveal', round: 2 });
    const entries = revealData(r.ctx.scenario, r.view(), {}).entries;
    const bestNumbers = entries.filter((e) => e.best).map((e) => e.number).sort((a, b) => a - b);
    expect(bestNumbers).toEqual([r.shown('phone-curious'), r.shown('phone-ignore')].sort((a, b) => a - b));
    const weaker = voterView(r.ctx, r.state, device(1));
    expect(weaker.feedback?.mine).toMatchObject({ number: r.shown('phone-accuse'), best: false });
    expect(weaker.feedback?.bestPractice.map((b) => b.number)).toEqual(bestNumbers);
    expect(voterView(r.ctx, r.state, device(3)).feedback?.bestPractice.map((b) => b.number)).toEqual(bestNumbers);
    // A vote for one of them is told it was best practice, and sees the other as best practice too.
    const one = voterView(r.ctx, r.state, device(2));
    expect(one.feedback?.mine).toMatchObject({ number: r.shown('phone-ignore'), best: true });
    expect(one.feedback?.bestPractice.map((b) => b.number)).toEqual([r.shown('phone-curious')]);
    expect(one.feedback?.bestPractice[0]?.feedback).toBe(entries.find((e) => e.replyId === 'phone-curious')?.feedback);
    for (const d of [1, 2, 3]) expect(parseToVoter(JSON.stringify({ type: 'view', view: voterView(r.ctx, r.state, device(d)) }))).toBeDefined();
  });

  // At a decision of a thousand replies a step of the room worked out the presenter's view two to four
  // times (the server's views, the terminal's block and its reveal: 30 ms each, 160 ms once ended, for
  // the summary), and each phone's view at the reveal sorted and searched the thousand replies again.
  it('works out each state\'s views once: the presenter\'s for every caller (only the count new), the summary, and the reveal every phone is sent part of', () => {
    const r = openVote(['phone-curious', 'phone-accuse']);
    r.present({ type: 'reveal', round: r.state.round });
    const view = presenterView(r.ctx, r.state, 2);
    expect(presenterView(r.ctx, r.state, 2)).toBe(view);
    // Another number of phones connected: the same view but for its count.
    const other = presenterView(r.ctx, r.state, 5);
    expect(other.count).toEqual({ ...view.count, connected: 5 });
    expect(Object.keys(other)).toEqual(Object.keys(view));
    for (const key of ['session', 'reveal', 'decisions', 'did', 'people'] as const) expect(other[key]).toBe(view[key]);
    // A new state (a vote, a step) is worked out again.
    const next = r.present({ type: 'choose', round: r.state.round, reply: 'phone-curious' });
    expect(next.ok && presenterView(r.ctx, r.state, 2)).not.toBe(view);
    // The same best-practice feedback object for every phone at one reveal.
    const s = openVote(['phone-accuse', 'phone-accuse']);
    s.present({ type: 'reveal', round: s.state.round });
    const [one, two] = [device(1), device(3)].map((d) => voterView(s.ctx, s.state, d).feedback?.bestPractice[0]);
    expect(one).toBeDefined();
    expect(one).toBe(two);
    // The summary: once per state, the page's copy and the laptop's file the same text.
    s.present({ type: 'end' });
    expect(presenterView(s.ctx, s.state, 0).summary?.markdown).toBe(roomSummaryMarkdown(s.ctx, s.state));
    expect(roomSummaryMarkdown(s.ctx, s.state, new Date(s.state.createdAt))).toBe(roomSummaryMarkdown(s.ctx, s.state));
  });

  it('sends a phone at most MAX_BEST_PRACTICE_ON_PHONE best-practice replies, the first in shown order, and how many more: a thousand tied replies are not megabytes per phone', () => {
    // A hostile file: the first decision with MAX_REPLIES replies, every one assessed as "That's a nice one!" is (all tied for best practice).
    const hostile = structuredClone(example);
    const phone = hostile.nodes.find((n) => n.id === 'phone');
    if (phone?.kind !== 'decision') throw new Error('fixture changed');
    const curious = phone.replies.find((x) => x.id === 'phone-curious')!;
    phone.replies = Array.from({ length: MAX_REPLIES }, (_, i) => ({ ...structuredClone(curious), id: `tied-${i}`, text: `Tied reply ${i}: ${'a kind, curious question '.repeat(20)}` }));
    const r = atPhoneOffPath(validateScenario(JSON.stringify(hostile), 'hostile.json').scenario as Scenario, [1, 2]);
    r.present({ type: 'open', node: 'phone' });
    r.vote(device(1), 'tied-500');
    r.present({ type: 'reveal', round: 2 });
    // The presenter (the projector) still has every reply.
    expect(presenterView(r.ctx, r.state, 2).reveal?.entries.filter((e) => e.best)).toHaveLength(MAX_REPLIES);
    const first = Array.from({ length: MAX_BEST_PRACTICE_ON_PHONE }, (_, i) => i + 1);
    const none = voterView(r.ctx, r.state, device(2));
    expect(none.feedback?.bestPractice.map((b) => b.number)).toEqual(first);
    expect(none.feedback?.moreBestPractice).toBe(MAX_REPLIES - MAX_BEST_PRACTICE_ON_PHONE);
    // A phone whose own reply is one of them: its own, then the first others, and the rest counted.
    const mine = voterView(r.ctx, r.state, device(1));
    expect(mine.feedback?.mine).toMatchObject({ number: r.shown('tied-500'), best: true });
    expect(mine.feedback?.bestPractice).toHaveLength(MAX_BEST_PRACTICE_ON_PHONE);
    expect(mine.feedback?.moreBestPractice).toBe(MAX_REPLIES - 1 - MAX_BEST_PRACTICE_ON_PHONE);
    for (const d of [1, 2]) {
      const message = JSON.stringify({ type: 'view', view: voterView(r.ctx, r.state, device(d)) });
      expect(parseToVoter(message)).toBeDefined();
      // The decision's replies (for voting) are the bulk; the feedback adds a few replies, not a thousand.
      const feedback = utf8Length(JSON.stringify(voterView(r.ctx, r.state, device(d)).feedback));
      expect(feedback).toBeLessThan(20_000);
    }
    // A phone page of the previous version's shape (every tied reply, no count) is not this protocol's.
    expect(parseToVoter(JSON.stringify({ type: 'view', view: { ...none, feedback: { bestPractice: none.feedback?.bestPractice } } }))).toBeUndefined();
  });

  it('names the decision by a key that holds for its round (votes, the lock, the reveal, back to it) and changes with the decision; a connection sent it whole is sent later views without its replies, and the phone puts them back', () => {
    const r = setup();
    for (const i of [1, 2]) r.join(device(i));
    expect(voterView(r.ctx, r.state, device(1)).decisionKey).toBeUndefined();
    r.present({ type: 'open', node: 'phone' });
    const first = voterView(r.ctx, r.state, device(1));
    const key = first.decisionKey!;
    expect(key).toMatch(/^1-[0-9a-z]+$/);
    r.vote(device(1), 'phone-curious');
    r.vote(device(2), 'phone-accuse');
    const keys = () => [1, 2].map((d) => voterView(r.ctx, r.state, device(d)).decisionKey);
    expect(keys()).toEqual([key, key]);
    r.present({ type: 'lock', round: 1 });
    expect(keys()).toEqual([key, key]);
    r.present({ type: 'reveal', round: 1 });
    expect(keys()).toEqual([key, key]);
    // Sent whole to a connection that was sent none, or another decision; without it once sent.
    const voted = voterView(r.ctx, r.state, device(1));
    expect(voterViewFor(voted, undefined)).toBe(voted);
    expect(voterViewFor(voted, '7-abc')).toBe(voted);
    const later = voterViewFor(voted, key);
    expect(later.decision).toBeUndefined();
    expect(later).toEqual({ ...voted, decision: undefined, decisionKey: key });
    expect(parseToVoter(JSON.stringify({ type: 'view', view: later }))).toBeDefined();
    // The phone shows it with the decision it kept, and cannot show a decision it was not sent.
    const kept = { key, decision: first.decision! };
    expect(keptDecisionView(later, kept)).toEqual(voted);
    expect(keptDecisionView(later, undefined)).toBeUndefined();
    expect(keptDecisionView(later, { key: '9-0000000000000000', decision: first.decision! })).toBeUndefined();
    // The next decision is another key; waiting between them names none.
    r.present({ type: 'choose', round: 1, reply: 'phone-curious' });
    expect(voterView(r.ctx, r.state, device(1))).toEqual({ room: ROOM, phase: 'waiting', round: 1, scene: expect.objectContaining({ title: 'Scene 1' }), people: expect.any(Array) });
    // Back to the decision followed: the same round and words, so the same key (a phone keeps what it has).
    expect(r.present({ type: 'back', node: r.view().nodeId }).ok).toBe(true);
    expect(voterView(r.ctx, r.state, device(1)).decisionKey).toBe(key);
    r.present({ type: 'choose', round: 1, reply: 'phone-curious' });
    while (r.view().kind === 'scene') r.present({ type: 'advance', node: r.view().nodeId });
    r.present({ type: 'open', node: r.view().nodeId });
    const next = voterView(r.ctx, r.state, device(1));
    expect(next.decisionKey).toMatch(/^2-/);
    expect(voterViewFor(next, key)).toBe(next);
    expect(next.decision?.replies.map((x) => x.text)).not.toEqual(first.decision?.replies.map((x) => x.text));
  });

  it('a vote on a decision of a thousand replies sends its phone about a hundred bytes, not the half megabyte of every reply\'s words again', () => {
    const hostile = structuredClone(example);
    const phone = hostile.nodes.find((n) => n.id === 'phone');
    if (phone?.kind !== 'decision') throw new Error('fixture changed');
    const curious = phone.replies.find((x) => x.id === 'phone-curious')!;
    phone.replies = Array.from({ length: MAX_REPLIES }, (_, i) => ({ ...structuredClone(curious), id: `tied-${i}`, text: `Tied reply ${i}: ${'a kind, curious question '.repeat(20)}` }));
    const r = setup(validateScenario(JSON.stringify(hostile), 'hostile.json').scenario as Scenario);
    r.join(device(1));
    r.present({ type: 'open', node: 'phone' });
    const bytes = (view: ReturnType<typeof voterView>) => utf8Length(JSON.stringify({ type: 'view', view }));
    const opened = voterView(r.ctx, r.state, device(1));
    // The first view of the decision carries every reply, once.
    expect(voterViewFor(opened, undefined).decision?.replies).toHaveLength(MAX_REPLIES);
    expect(bytes(voterViewFor(opened, undefined))).toBeGreaterThan(500_000);
    r.vote(device(1), 'tied-500');
    const update = voterViewFor(voterView(r.ctx, r.state, device(1)), opened.decisionKey);
    expect(update).toMatchObject({ phase: 'open', vote: r.shown('tied-500'), decisionKey: opened.decisionKey });
    expect(bytes(update)).toBeLessThan(200);
    r.present({ type: 'lock', round: 1 });
    expect(bytes(voterViewFor(voterView(r.ctx, r.state, device(1)), opened.decisionKey))).toBeLessThan(200);
    // The reveal adds the feedback for a few replies only (MAX_BEST_PRACTICE_ON_PHONE and its own).
    r.present({ type: 'reveal', round: 1 });
    expect(bytes(voterViewFor(voterView(r.ctx, r.state, device(1)), opened.decisionKey))).toBeLessThan(20_000);
  });

  it('says ", critical" in the citation of a principle a reply breaks that is critical, on the phone as everywhere else, and only there', () => {
    const r = setup();
    for (const i of [1, 2, 3]) r.join(device(i));
    followFirst(r, ['phone-curious'], 'phone-curious');
    r.present({ type: 'advance', node: r.view().nodeId });
    r.present({ type: 'open', node: 'after-visit' });
    r.vote(device(1), 'after-search');
    r.vote(device(2), 'after-wait');
    r.present({ type: 'reveal', round: r.state.round });
    const principles = (d: number) => voterView(r.ctx, r.state, device(d)).feedback?.mine?.principles;
    // Looking Jade up online: investigating, one of the guide's prohibited activities.
    expect(principles(1)).toEqual([{ title: "Don't investigate", verdict: 'violates', citation: 'guide: "Prohibited Activities", critical' }]);
    // Not consulting the supervisor breaks a principle that is not critical: no such word.
    expect(principles(2)?.map((p) => p.citation)).toEqual([expect.not.stringContaining('critical')]);
    expect(voterView(r.ctx, r.state, device(3)).feedback?.bestPractice.flatMap((b) => b.principles.map((p) => p.citation))).toEqual([expect.not.stringContaining('critical')]);
  });

  it('follows the branch through the core session and records the decision', () => {
    const r = openVote(['phone-curious', 'phone-curious', 'phone-accuse']);
    r.present({ type: 'reveal', round: 1 });
    expectRefused(r.present({ type: 'choose', round: 2, reply: 'phone-curious' }), 'wrong-round');
    expectRefused(r.present({ type: 'choose', round: 1, reply: 'after-supervisor' }), 'unknown-reply');
    const curious = r.view().replies.find((rep) => rep.id === 'phone-curious');
    expect(r.present({ type: 'choose', round: 1, reply: 'phone-curious' })).toMatchObject({ ok: true, change: 'all' });
    // trust 50 + 10 = 60: the core's routing takes the open branch.
    expect(r.view()).toMatchObject({ nodeId: 'boyfriend-open', kind: 'scene' });
    expect(r.state).toMatchObject({ phase: 'idle', votes: {}, round: 1 });
    expect(r.state.history[0]).toMatchObject({ node: 'phone', chosen: 'phone-curious', best: ['phone-curious'], record: { chosen: curious?.number } });
    expect(r.state.history[0]?.record.replies.find((x) => x.number === curious?.number)?.votes).toBe(2);
    expect(voterView(r.ctx, r.state, device(1))).toEqual({ room: ROOM, phase: 'waiting', round: 1, scene: expect.objectContaining({ title: 'Scene 1' }), people: expect.any(Array) });
    expectRefused(r.present({ type: 'open', node: 'boyfriend-open' }), 'not-now');
    expectRefused(r.present({ type: 'advance', node: 'phone' }), 'wrong-node');
    expect(r.present({ type: 'advance', node: 'boyfriend-open' }).ok).toBe(true);
    expect(r.view().nodeId).toBe('after-visit');
    expectRefused(r.present({ type: 'advance', node: 'after-visit' }), 'not-now');
  });

  it('a phone sees no node or reply id, only each reply\'s shown number; a vote by number lands on exactly that reply', () => {
    const r = setup();
    for (const i of [1, 2, 3]) r.join(device(i));
    const decision = r.view();
    expect(r.present({ type: 'open', node: decision.nodeId }).ok).toBe(true);
    const replies = r.view().replies.filter((x) => x.enabled);
    expect(replies).toHaveLength(3);
    replies.slice(0, 3).forEach((reply, i) => expect(r.vote(device(i + 1), reply.id).ok).toBe(true));
    // The room keeps the reply ids (on the laptop): each device's vote is the reply behind the number it sent.
    expect(r.state.votes).toEqual(Object.fromEntries(replies.slice(0, 3).map((reply, i) => [device(i + 1), reply.id])));
    for (const phase of ['open', 'reveal'] as const) {
      if (phase === 'reveal') r.present({ type: 'reveal', round: 1 });
      replies.slice(0, 3).forEach((reply, i) => {
        const mine = voterView(r.ctx, r.state, device(i + 1));
        expect(mine.vote).toBe(reply.number);
        expect(mine.decision?.replies.map((x) => x.number)).toEqual(r.view().replies.map((x) => x.number));
        const wire = JSON.stringify(mine);
        for (const id of [decision.nodeId, ...r.view().replies.map((x) => x.id)]) expect(wire, `${phase}: ${id}`).not.toContain(`"${id}"`);
      });
    }
  });

  it('never changes the state it is given', () => {
    const r = setup();
    r.join(device(1));
    r.present({ type: 'open', node: 'phone' });
    const frozen = JSON.stringify(r.state);
    const ctx = r.ctx;
    const held = r.state;
    reduceRoom(ctx, held, { from: 'voter', device: device(1), message: { type: 'vote', room: ROOM, seq: 1, round: 1, reply: 1 } });
    reduceRoom(ctx, held, { from: 'presenter', message: { type: 'reveal', room: ROOM, token: 't'.repeat(43), seq: 99, round: 1 } });
    expect(JSON.stringify(held)).toBe(frozen);
  });

  it('plays a whole scenario: tallies exact at every reveal, summary and best-practice counts match the votes', () => {
    const r = setup(redFlags);
    const phones = Array.from({ length: 12 }, (_, i) => device(i));
    for (const p of phones) r.join(p);
    let rng = 42;
    const next = () => (rng = (rng * 1103515245 + 12345) % 2147483648);
    const expectedTallies: Record<string, number>[] = [];
    let bestVotes = 0;
    let total = 0;
    for (let guard = 0; guard < 100 && r.state.phase !== 'ended'; guard++) {
      const view = r.view();
      if (view.kind === 'scene') {
        expect(r.present({ type: 'advance', node: view.nodeId }).ok).toBe(true);
        continue;
      }
      expect(r.present({ type: 'open', node: view.nodeId }).ok).toBe(true);
      const enabled = view.replies.filter((x) => x.enabled);
      const final: Record<string, string> = {};
      for (const p of phones.slice(0, 10 + (next() % 3))) {
        for (let k = 0; k <= next() % 3; k++) {
          const choice = enabled[next() % enabled.length]!.id;
          expect(r.vote(p, choice).ok).toBe(true);
          final[p] = choice;
        }
      }
      if (next() % 2 === 0) r.present({ type: 'lock', round: r.state.round });
      r.present({ type: 'reveal', round: r.state.round });
      const counts: Record<string, number> = {};
      for (const c of Object.values(final)) counts[c] = (counts[c] ?? 0) + 1;
      const shown = presenterView(r.ctx, r.state, phones.length).reveal!;
      expect(Object.fromEntries(shown.entries.filter((e) => e.votes > 0).map((e) => [e.replyId, e.votes]))).toEqual(counts);
      expect(shown.total).toBe(Object.keys(final).length);
      expect(tallyVotes(view.replies.map((x) => x.id), counts).entries.map((e) => e.votes)).toEqual(shown.entries.map((e) => e.votes));
      const best = new Set(shown.entries.filter((e) => e.best).map((e) => e.replyId));
      bestVotes += Object.values(final).filter((c) => best.has(c)).length;
      total += Object.keys(final).length;
      expectedTallies.push(counts);
      // The room follows its most voted reply.
      const top = Object.entries(counts).sort((a, b) => b[1] - a[1])[0]![0];
      expect(r.present({ type: 'choose', round: r.state.round, reply: top }).ok).toBe(true);
    }
    expect(r.state.phase).toBe('ended');
    expect(r.view().done).toBe(true);
    expect(r.state.history.map((d) => countsOf(d.votes))).toEqual(expectedTallies);
    const match = roomMatch(r.state);
    expect(match).toMatchObject({ votes: total, bestVotes });
    const md = roomSummaryMarkdown(r.ctx, r.state, NOW);
    expect(md).toContain(`# Session summary: ${redFlags.title}`);
    expect(md).toContain(`${bestVotes} of ${total} votes`);
    expect(md).toContain('## Debrief');
    expect(md).not.toContain(device(1));
    for (const [i, d] of r.state.history.entries()) {
      expect(md).toContain(`## Decision ${i + 1}: `);
      for (const rep of d.record.replies) expect(rep.votes).toBe(countsOf(d.votes)[replyIdOf(redFlags, d.node, rep.text)] ?? 0);
    }
    expectRefused(r.present({ type: 'end' }), 'not-now');
  });

  it('ends early on the presenter\'s word; the summary keeps the open decision', () => {
    const r = setup();
    r.join(device(1));
    r.present({ type: 'open', node: 'phone' });
    r.vote(device(1), 'phone-ignore');
    expect(r.present({ type: 'end' }).ok).toBe(true);
    expect(voterView(r.ctx, r.state, device(1))).toEqual({ room: ROOM, phase: 'ended', round: 1, people: expect.any(Array) });
    expectRefused(r.vote(device(1), 'phone-curious'), 'not-open');
    expectRefused(r.present({ type: 'reveal', round: 1 }), 'not-now');
    const md = roomSummaryMarkdown(r.ctx, r.state, NOW);
    expect(md).toContain('The session stopped at this decision.');
    // Its vote is counted under "How the room did" (as presenter mode counts the decision on screen), and listed with it.
    expect(md).toContain('| 1. The new phone | 1 | 0 (0%) | not followed: the session stopped here |');
  });

  it('the summary is dated when the room began, so the presenter page\'s download and the laptop\'s file (written at the end, and again when the room closes) are the same text', () => {
    const r = setup();
    r.join(device(1));
    r.present({ type: 'open', node: 'phone' });
    r.vote(device(1), 'phone-curious');
    expect(r.present({ type: 'end' }).ok).toBe(true);
    const offered = presenterView(r.ctx, r.state, 1).summary?.markdown;
    expect(offered).toContain(`Trainer-led session, ${localTimeWords(new Date('2026-12-01T10:00:00Z'))}.`);
    expect(offered).toBe(roomSummaryMarkdown(r.ctx, r.state));
  });

  // A scenario of decisions with a thousand long replies each (valid: each reply up to 1,000
  // characters) made a summary of megabytes: sent at the end, it failed the presenter page's own
  // schema, and the page dropped the view of the ending. It is not sent; the laptop writes it.
  it('a summary longer than the page takes (MAX_SUMMARY_SENT) is not sent with the ending, which the page then reads', () => {
    const big = structuredClone(redFlags);
    for (const node of big.nodes) {
      if (node.kind !== 'decision') continue;
      const template = node.replies[0]!;
      node.replies.push(...Array.from({ length: MAX_REPLIES - node.replies.length }, (_, i) => ({ ...structuredClone(template), id: `${node.id}-more-${i}`, text: `Reply ${i}: ${'a kind, curious question '.repeat(40)}`.slice(0, 1000) })));
    }
    const r = setup(big);
    for (let decisions = 0; decisions < 3; ) {
      const at = r.view();
      if (at.kind !== 'decision') {
        expect(r.present({ type: 'advance', node: at.nodeId }).ok).toBe(true);
        continue;
      }
      r.present({ type: 'open', node: at.nodeId });
      r.present({ type: 'reveal', round: r.state.round });
      expect(r.present({ type: 'choose', round: r.state.round, reply: at.replies.find((x) => x.enabled)!.id }).ok).toBe(true);
      decisions++;
    }
    expect(r.present({ type: 'end' }).ok).toBe(true);
    expect(roomSummaryMarkdown(r.ctx, r.state).length).toBeGreaterThan(MAX_SUMMARY_SENT);
    const view = presenterViewFor(presenterView(r.ctx, r.state, 0), undefined);
    expect(view.phase).toBe('ended');
    expect(view.summary).toBeUndefined();
    expect(parseToPresenter(JSON.stringify({ type: 'view', view }))).toBeDefined();
  });

  // A decision the trainer revealed and followed with no phone voting (the room talked it through):
  // its row read "| 0 | 0 (0%) |", as if none of its votes had gone to best practice.
  it('the summary\'s row for a decision with no votes says 0 for best practice, not 0%, as its replies\' table does', () => {
    const r = setup();
    r.join(device(1));
    expect(followFirst(r, [], 'phone-curious').ok).toBe(true);
    const md = roomSummaryMarkdown(r.ctx, r.state, NOW);
    expect(md).toContain('Votes: 0 in all.');
    expect(md).toMatch(/\| 1\. The new phone \| 0 \| 0 \| yes \|/);
    expect(md).not.toContain('0 (0%)');
  });

  // The summary said how the room did twice: "How the room did" above the debrief, then after it
  // "How often the room matched best practice", a second section on the same figures.
  it('the summary says how the room did in one section: the session\'s figures, then decision by decision, above the debrief', () => {
    const r = setup();
    for (const n of [1, 2]) r.join(device(n));
    expect(followFirst(r, ['phone-curious', 'phone-accuse'], 'phone-accuse').ok).toBe(true);
    const md = roomSummaryMarkdown(r.ctx, r.state, NOW);
    expect(md).not.toContain('How often the room matched best practice');
    expect(md.match(/^## How the room did$/gm)).toHaveLength(1);
    const did = md.slice(md.indexOf('## How the room did'), md.search(/^## Debrief/m));
    expect(did).toContain('The branch the room took was best practice at 0 of 1 decision (0%).');
    expect(did).toContain(`Room code ${ROOM}; 2 phones joined.\n\n### Decision by decision\n`);
    expect(did).toContain('| 1. The new phone | 2 | 1 (50%) | no |');
    // Each figure once: the session's figures are not said again below the debrief.
    expect(md.match(/went to best-practice replies/g)).toHaveLength(1);
    expect(md.slice(md.search(/^## Debrief/m))).not.toContain('| Decision | Votes |');
  });

  it('the summary of a room of one phone at one decision reads in the singular', () => {
    const r = setup();
    r.join(device(1));
    expect(followFirst(r, ['phone-curious'], 'phone-curious').ok).toBe(true);
    const md = roomSummaryMarkdown(r.ctx, r.state, NOW);
    expect(md).toContain(`Room code ${ROOM}; 1 phone joined.`);
    expect(md).toMatch(/The room's most-voted reply was best practice at [01] of 1 decision with votes \((0|100)%\); [01] of 1 vote \((0|100)%\) went to best-practice replies\./);
  });
});

// The reveal (and so each phone, the room's record and its summary) marked as best practice the
// reply with the most points among all the decision's replies, a greyed-out one ("not available
// now") too, which the room could not follow and the debrief never names.
describe('best practice in a room is a reply the room could follow, as the debrief says', () => {
  it('at a decision with the best reply greyed out, the reveal, the phones, the record (kept across a restart) and the summary name the offered one', () => {
    const gated = loadValidFixture('good/gated-best.json');
    const r = setup(gated);
    for (const i of [1, 2]) r.join(device(i));
    r.present({ type: 'open', node: 'phone' });
    r.present({ type: 'reveal', round: 1 });
    expect(r.present({ type: 'choose', round: 1, reply: 'phone-ignore' }).ok).toBe(true);
    for (let v = r.view(); v.kind === 'scene'; v = r.view()) r.present({ type: 'advance', node: v.nodeId });
    expect(r.view().nodeId).toBe('after-visit');
    r.present({ type: 'open', node: 'after-visit' });
    r.vote(device(1), 'after-wait');
    r.present({ type: 'reveal', round: 2 });
    expect(presenterView(r.ctx, r.state, 2).reveal?.entries.filter((e) => e.best).map((e) => e.replyId)).toEqual(['after-supervisor']);
    expect(voterView(r.ctx, r.state, device(1)).feedback?.bestPractice.map((b) => b.number)).toEqual([r.shown('after-supervisor')]);
    expect(r.present({ type: 'choose', round: 2, reply: 'after-wait' }).ok).toBe(true);
    expect(r.state.history.map((d) => d.best)).toEqual([['phone-curious'], ['after-supervisor']]);
    const restored = restoreRoom(r.ctx, serializeRoom(r.state));
    if (!restored.ok) throw new Error(restored.error);
    expect(restored.state.history[1]?.record.replies.find((x) => x.id === 'after-supervisor-boyfriend')?.offered).toBe(false);
    const md = roomSummaryMarkdown(r.ctx, restored.state, NOW);
    expect(md).toContain('★ best practice: Do: Call the Advocate Supervisor about the new phone.');
    expect(md).not.toContain('★ best practice: Do: Call the Advocate Supervisor and tell her');
  });
});

describe('back to the decision the room last followed', () => {
  // A Follow button pressed by mistake could not be taken back in a live room; presenter mode has "Back to decision N".
  it('brings that decision back revealed, with its votes and round; the branch is forgotten, and another can be followed', () => {
    const r = setup();
    for (const n of [1, 2]) r.join(device(n));
    expectRefused(r.present({ type: 'back', node: 'phone' }), 'not-now');
    r.present({ type: 'open', node: 'phone' });
    r.vote(device(1), 'phone-curious');
    r.vote(device(2), 'phone-accuse');
    r.present({ type: 'reveal', round: 1 });
    expect(r.present({ type: 'choose', round: 1, reply: 'phone-accuse' }).ok).toBe(true);
    const after = roomSessionView(r.ctx, r.state);
    expect(r.state.history).toHaveLength(1);
    expectRefused(r.present({ type: 'back', node: 'phone' }), 'wrong-node');
    expect(r.present({ type: 'back', node: after.nodeId }).ok).toBe(true);
    expect(r.state).toMatchObject({ phase: 'revealed', round: 1, node: 'phone', history: [] });
    expect(Object.values(r.state.votes).sort()).toEqual(['phone-accuse', 'phone-curious']);
    expect(roomSessionView(r.ctx, r.state).nodeId).toBe('phone');
    // Each phone sees its feedback again, as at the reveal.
    expect(voterView(r.ctx, r.state, device(1))).toMatchObject({ phase: 'revealed', round: 1, feedback: { mine: { best: true } } });
    // Kept across a restart as it is now.
    const restored = restoreRoom(r.ctx, serializeRoom(r.state));
    expect(restored.ok && restored.state.phase).toBe('revealed');
    expect(r.present({ type: 'choose', round: 1, reply: 'phone-curious' }).ok).toBe(true);
    expect(r.state.history.map((d) => d.chosen)).toEqual(['phone-curious']);
    expect(roomSummaryMarkdown(r.ctx, r.state, NOW)).not.toMatch(/Branch taken: \d\. Who bought you that\?/);
  });

  it('is refused once the vote at the next decision is open (its votes would be lost)', () => {
    const r = setup();
    r.join(device(1));
    followFirst(r, ['phone-curious'], 'phone-curious');
    const scene = roomSessionView(r.ctx, r.state);
    r.present({ type: 'advance', node: scene.nodeId });
    const decision = roomSessionView(r.ctx, r.state);
    r.present({ type: 'open', node: decision.nodeId });
    const refused = r.present({ type: 'back', node: decision.nodeId });
    expectRefused(refused, 'not-now');
    expect(!refused.ok && refused.message).toMatch(/before it opens/);
  });

  // u typed twice (two branches to take back): the second was refused as "The vote here is open", with the votes revealed.
  it('says why it is refused in the phase the vote is in: locked or revealed is not "open"', () => {
    const r = setup();
    r.join(device(1));
    followFirst(r, ['phone-curious'], 'phone-curious');
    for (let v = roomSessionView(r.ctx, r.state); v.kind === 'scene'; v = roomSessionView(r.ctx, r.state)) r.present({ type: 'advance', node: v.nodeId });
    const decision = roomSessionView(r.ctx, r.state);
    expect(decision.kind).toBe('decision');
    r.present({ type: 'open', node: decision.nodeId });
    r.vote(device(1), decision.replies[0]!.id);
    r.present({ type: 'lock', round: r.state.round });
    const locked = r.present({ type: 'back', node: decision.nodeId });
    expectRefused(locked, 'not-now');
    expect(!locked.ok && locked.message).not.toMatch(/is open/);
    expect(!locked.ok && locked.message).toMatch(/locked/);
    r.present({ type: 'reveal', round: r.state.round });
    const revealed = r.present({ type: 'back', node: decision.nodeId });
    expectRefused(revealed, 'not-now');
    expect(!revealed.ok && revealed.message).not.toMatch(/is open/);
    expect(!revealed.ok && revealed.message).toMatch(/revealed/);
  });
});

describe('back from the ending to the decision that led there', () => {
  /** A room at its ending: the first decision followed, then the second with these votes and this reply. */
  function toEnding(votes: readonly string[], chosen: (view: ReturnType<typeof roomSessionView>) => string) {
    const r = setup();
    for (const n of [1, 2]) r.join(device(n));
    followFirst(r, ['phone-curious'], 'phone-curious');
    for (let v = r.view(); v.kind === 'scene'; v = r.view()) r.present({ type: 'advance', node: v.nodeId });
    const decision = r.view();
    r.present({ type: 'open', node: decision.nodeId });
    votes.forEach((v, i) => r.vote(device(i + 1), v));
    r.present({ type: 'reveal', round: r.state.round });
    expect(r.present({ type: 'choose', round: r.state.round, reply: chosen(decision) }).ok).toBe(true);
    return { r, decision };
  }

  // The last branch keyed by mistake ended the session at once, with no way back (u worked before every other ending).
  it('brings the last decision back revealed, with its votes and round; phones see it again; another reply can be followed', () => {
    const first = setup();
    first.join(device(1));
    followFirst(first, ['phone-curious'], 'phone-curious');
    for (let v = first.view(); v.kind === 'scene'; v = first.view()) first.present({ type: 'advance', node: v.nodeId });
    const ids = first.view().replies.map((x) => x.id);
    const { r, decision } = toEnding([ids[0]!, ids[1]!], () => ids[1]!);
    expect(r.state.phase).toBe('ended');
    const ending = r.view();
    expect(ending.done).toBe(true);
    expect(presenterView(r.ctx, r.state, 2).summary).toBeDefined();
    const round = r.state.round;
    expect(r.present({ type: 'back', node: ending.nodeId }).ok).toBe(true);
    expect(r.state).toMatchObject({ phase: 'revealed', round, node: decision.nodeId });
    expect(r.state.history.map((d) => d.node)).toEqual(['phone']);
    expect(Object.values(r.state.votes).sort()).toEqual([ids[0], ids[1]].sort());
    // The session is at that decision as it was: the same replies in the same order, the same values.
    const back = r.view();
    expect(back).toMatchObject({ nodeId: decision.nodeId, kind: 'decision', done: false, replies: decision.replies, meters: decision.meters, progress: decision.progress });
    expect(presenterView(r.ctx, r.state, 2).summary).toBeUndefined();
    expect(presenterView(r.ctx, r.state, 2).reveal?.total).toBe(2);
    // Each phone is back at the revealed decision, with the feedback for its own vote.
    expect(voterView(r.ctx, r.state, device(1))).toMatchObject({ phase: 'revealed', round, vote: decision.replies.find((x) => x.id === ids[0])!.number, feedback: { mine: { number: decision.replies.find((x) => x.id === ids[0])!.number } } });
    // Kept across a restart as it is now.
    const restored = restoreRoom(r.ctx, serializeRoom(r.state));
    expect(restored.ok && restored.state.phase).toBe('revealed');
    // Another reply, and the session ends again with a summary of that branch.
    expect(r.present({ type: 'choose', round, reply: ids[0]! }).ok).toBe(true);
    expect(r.state.phase).toBe('ended');
    expect(r.state.history.map((d) => d.chosen)).toEqual(['phone-curious', ids[0]]);
    expect(presenterView(r.ctx, r.state, 2).summary?.markdown).toBe(roomSummaryMarkdown(r.ctx, r.state));
  });

  it('is refused for a session ended for everyone before its ending, and for a stale moment', () => {
    const r = setup();
    r.join(device(1));
    followFirst(r, ['phone-curious'], 'phone-curious');
    expect(r.present({ type: 'end' }).ok).toBe(true);
    const refused = r.present({ type: 'back', node: r.view().nodeId });
    expectRefused(refused, 'not-now');
    expect(!refused.ok && refused.message).toMatch(/ended for everyone/);
    const { r: done } = toEnding([], (d) => d.replies[0]!.id);
    expectRefused(done.present({ type: 'back', node: 'phone' }), 'wrong-node');
    expect(done.state.phase).toBe('ended');
  });
});

describe('how the room did, at the end of a live session', () => {
  it('counts a decision as matching when a most-voted reply is best practice, as presenter mode does, and says it in its words', () => {
    const r = setup();
    for (const n of [1, 2, 3]) r.join(device(n));
    expect(presenterView(r.ctx, r.state, 3).did).toEqual(['The room made no decisions.']);
    r.present({ type: 'open', node: 'phone' });
    // Two phones for a reply that is not best practice, one for the best: the most-voted reply is not best practice.
    r.vote(device(1), 'phone-accuse');
    r.vote(device(2), 'phone-accuse');
    r.vote(device(3), 'phone-curious');
    r.present({ type: 'reveal', round: 1 });
    expect(r.present({ type: 'choose', round: 1, reply: 'phone-curious' }).ok).toBe(true);
    const [totals] = presenterView(r.ctx, r.state, 3).decisions;
    expect(totals).toMatchObject({ votes: 3, bestVotes: 1, mostVotedBest: false, followedBest: true });
    const words = presenterView(r.ctx, r.state, 3).did.join(' ');
    expect(words).toBe("The branch the room took was best practice at 1 of 1 decision (100%). The room's most-voted reply was best practice at 0 of 1 decision with votes (0%); 1 of 3 votes (33%) went to best-practice replies.");
    // The same two sentences as the summary's "How the room did".
    expect(roomSummaryMarkdown(r.ctx, r.state, NOW)).toContain(`## How the room did\n\n${words.replace('(100%). ', '(100%).\n')}\n`);
  });

  // Ended with a vote open at the next decision (one phone had voted): the screens said "1 of 1
  // decision … 1 of 3 votes", the summary "… of 2 decisions with votes … of 4 votes" above a table
  // of one decision.
  it('ended with a vote open: the screens, the summary\'s "How the room did" and its table count the same decisions', () => {
    const r = setup();
    for (const n of [1, 2, 3]) r.join(device(n));
    expect(followFirst(r, ['phone-curious', 'phone-curious', 'phone-accuse'], 'phone-curious').ok).toBe(true);
    let view = presenterView(r.ctx, r.state, 3);
    if (view.session.kind === 'scene') r.present({ type: 'advance', node: view.session.nodeId });
    view = presenterView(r.ctx, r.state, 3);
    expect(view.session.kind).toBe('decision');
    r.present({ type: 'open', node: view.session.nodeId });
    r.vote(device(1), view.session.replies[0]?.id ?? '');
    r.present({ type: 'end' });
    const ended = presenterView(r.ctx, r.state, 3);
    const md = roomSummaryMarkdown(r.ctx, r.state, NOW);
    const did = md.slice(md.indexOf('## How the room did\n\n') + '## How the room did\n\n'.length).split('\n\n')[0];
    expect(ended.did.join('\n')).toBe(did);
    expect(did).toMatch(/at \d of 2 decisions with votes/);
    expect(did).toMatch(/of 4 votes/);
    const table = md.slice(md.indexOf('### Decision by decision'));
    expect(table.split('\n').filter((l) => /^\| \d\./.test(l))).toHaveLength(2);
    expect(table).toContain('| not followed: the session stopped here |');
  });

  it('a tie between best practice and another reply is not the room choosing best practice', () => {
    const r = setup();
    for (const n of [1, 2]) r.join(device(n));
    r.present({ type: 'open', node: 'phone' });
    r.vote(device(1), 'phone-accuse');
    r.vote(device(2), 'phone-curious');
    r.present({ type: 'reveal', round: 1 });
    expect(r.present({ type: 'choose', round: 1, reply: 'phone-curious' }).ok).toBe(true);
    const [totals] = presenterView(r.ctx, r.state, 2).decisions;
    expect(totals).toMatchObject({ votes: 2, bestVotes: 1, mostVotedBest: false });
  });
});

describe('room state: persistence', () => {
  function midVote() {
    return openVote(['phone-curious', 'phone-accuse']);
  }

  it('round-trips through text and carries on exactly as before', () => {
    const r = midVote();
    const restored = restoreRoom(r.ctx, serializeRoom(r.state));
    expect(restored.ok).toBe(true);
    if (!restored.ok) return;
    expect(restored.state).toEqual(JSON.parse(serializeRoom(r.state)));
    // A room saved before phones named replies by number (the file keeps reply ids, as it always did) resumes: the phone sees its vote's number.
    expect(voterView(r.ctx, restored.state, device(2)).vote).toBe(r.shown('phone-accuse'));
    // Same seq rules after a restart: a replay is still a replay.
    expectRefused(reduceRoom(r.ctx, restored.state, { from: 'voter', device: device(1), message: { type: 'vote', room: ROOM, seq: 1, round: 1, reply: 1 } }), 'replayed');
    const after = reduceRoom(r.ctx, restored.state, { from: 'presenter', message: { type: 'reveal', room: ROOM, token: 't'.repeat(43), seq: restored.state.presenterSeq + 1, round: 1 } });
    expect(after.ok && presenterView(r.ctx, after.state, 0).reveal?.total).toBe(2);
  });

  // "End the session" while a vote was open, locked or revealed keeps that round's votes (the summary
  // counts them); `room --resume` then called the file damaged ("it holds votes but no vote is open")
  // and set it aside, instead of saying the session has ended and naming its summary (room-45).
  it('a room ended for everyone during a vote, with its votes, restores as it was: ended, its votes still for the decision on screen', () => {
    for (const before of ['open', 'locked', 'revealed'] as const) {
      const r = midVote();
      if (before !== 'open') r.present(before === 'locked' ? { type: 'lock', round: 1 } : { type: 'reveal', round: 1 });
      expect(r.present({ type: 'end' }).ok).toBe(true);
      expect(r.state).toMatchObject({ phase: 'ended', node: 'phone' });
      expect(Object.keys(r.state.votes)).toHaveLength(2);
      const restored = restoreRoom(r.ctx, serializeRoom(r.state));
      if (!restored.ok) throw new Error(`${before}: ${restored.error}`);
      expect(restored.state).toEqual(JSON.parse(serializeRoom(r.state)));
      expect(roomSummaryMarkdown(r.ctx, restored.state, NOW)).toBe(roomSummaryMarkdown(r.ctx, r.state, NOW));
      // Still checked as an open round's: a vote for a reply elsewhere, or a round at another node, is damage.
      const saved = JSON.parse(serializeRoom(r.state)) as RoomState;
      expect(restoreRoom(r.ctx, JSON.stringify({ ...saved, votes: { [device(1)]: 'after-supervisor' } })).ok).toBe(false);
      expect(restoreRoom(r.ctx, JSON.stringify({ ...saved, node: 'after-visit' })).ok).toBe(false);
      // Ended with votes but no decision named: damaged, as before.
      const { node: _node, ...nameless } = saved;
      expect(restoreRoom(r.ctx, JSON.stringify(nameless))).toEqual({ ok: false, error: 'The saved room is damaged (it holds votes but no vote is open).' });
    }
  });

  it('keeps the session it replayed, not what else the file held there: a value nested thousands deep no longer stops every later save', () => {
    const r = midVote();
    const text = serializeRoom(r.state);
    expect(text).toContain('"children":{}');
    // Restoring reads the session's context and status; the rest was kept as the file had it, and
    // serializing the room (every change, and the end) threw "Maximum call stack size exceeded".
    const deep = text.replace('"children":{}', `"children":{"x":${'['.repeat(20_000)}${']'.repeat(20_000)}}`).replace('"savedAt":', '"extra":{"a":1},"savedAt":');
    const restored = restoreRoom(r.ctx, deep);
    if (!restored.ok) throw new Error(restored.error);
    expect(JSON.parse(serializeRoom(restored.state))).toEqual(JSON.parse(text));
    // And it carries on: a vote changes and the room saves.
    const voted = reduceRoom(r.ctx, restored.state, { from: 'voter', device: device(1), message: { type: 'vote', room: ROOM, seq: 5, round: 1, reply: r.shown('phone-accuse') } });
    expect(voted.ok).toBe(true);
    if (voted.ok) expect(() => serializeRoom(voted.state)).not.toThrow();
  });

  it('after a decision was followed, a restored room writes the same summary: each reply keeps its points and the best-practice mark', () => {
    const r = midVote();
    r.present({ type: 'reveal', round: 1 });
    expect(r.present({ type: 'choose', round: 1, reply: 'phone-curious' }).ok).toBe(true);
    const before = roomSummaryMarkdown(r.ctx, r.state, NOW);
    expect(before).toMatch(/\| ★ best practice: [^|]+ \| \+\d \|/);
    const restored = restoreRoom(r.ctx, serializeRoom(r.state));
    if (!restored.ok) throw new Error(restored.error);
    expect(roomSummaryMarkdown(r.ctx, restored.state, NOW)).toBe(before);
    // A file whose followed decision names a reply of another node is refused whole.
    const saved = JSON.parse(serializeRoom(r.state)) as RoomState;
    const elsewhere = { ...saved, history: saved.history.map((d) => ({ ...d, record: { ...d.record, replies: d.record.replies.map((x, i) => (i === 0 ? { ...x, id: 'after-supervisor' } : x)) } })) };
    expect(restoreRoom(r.ctx, JSON.stringify(elsewhere))).toEqual({ ok: false, error: 'The saved room is damaged (a decision it followed names a reply that is not there).' });
    expect(restoreRoom(r.ctx, JSON.stringify({ ...saved, history: saved.history.map((d) => ({ ...d, chosen: 'after-supervisor' })) })).ok).toBe(false);
    // Its votes too: going back to that decision makes them the round's votes again, counted as voted
    // on the presenter page though no reply of the decision has them. A vote for a reply of another
    // node, or from a device that never joined, is refused whole, as in the open round.
    const backWith = (votes: Record<string, string>) => restoreRoom(r.ctx, JSON.stringify({ ...saved, history: saved.history.map((d) => ({ ...d, votes })) }));
    const damaged = { ok: false, error: 'The saved room is damaged (a decision it followed holds a vote that is not for one of its replies).' };
    expect(backWith({ ...saved.history[0]!.votes, [device(1)]: 'after-supervisor' })).toEqual(damaged);
    expect(backWith({ ...saved.history[0]!.votes, [device(9)]: 'phone-curious' })).toEqual(damaged);
    expect(backWith(saved.history[0]!.votes).ok).toBe(true);
  });

  // A followed decision's title edited by hand to 100,000 characters was restored, and every
  // presenter view then failed the presenter page's own schema (decisions[].title, 20,000 at most):
  // the page dropped each one, and stayed connecting. Refused whole as damaged instead.
  it('refuses a room whose followed decision has a title longer than a room writes; a restored one gives views the presenter page reads', () => {
    const r = midVote();
    r.present({ type: 'reveal', round: 1 });
    expect(r.present({ type: 'choose', round: 1, reply: 'phone-curious' }).ok).toBe(true);
    const saved = JSON.parse(serializeRoom(r.state)) as RoomState;
    const titled = (title: string) => JSON.stringify({ ...saved, history: saved.history.map((d) => ({ ...d, record: { ...d.record, title } })) });
    expect(restoreRoom(r.ctx, titled('x'.repeat(100_000)))).toEqual({ ok: false, error: 'The saved room is damaged (its fields are malformed).' });
    const long = restoreRoom(r.ctx, titled('\u202ex'.repeat(500)));
    if (!long.ok) throw new Error(long.error);
    const view = presenterViewFor(presenterView(r.ctx, long.state, 0), undefined);
    expect(view.decisions[0]?.title).toBe('x'.repeat(500));
    expect(parseToPresenter(JSON.stringify({ type: 'view', view }))).toBeDefined();
  });

  it('refuses a damaged or mismatched room whole, with a reason', () => {
    const r = midVote();
    const good = JSON.parse(serializeRoom(r.state)) as RoomState;
    const cases: [string, string][] = [
      ['not json', '{"format"'],
      ['wrong format', JSON.stringify({ ...good, format: 'other' })],
      ['bad code', JSON.stringify({ ...good, room: 'abc' })],
      ['vote for a reply elsewhere', JSON.stringify({ ...good, votes: { [device(1)]: 'after-supervisor' } })],
      ['vote from an unknown device', JSON.stringify({ ...good, votes: { [device(9)]: 'phone-curious' } })],
      ['votes with no round open', JSON.stringify({ ...good, phase: 'idle' })],
      ['round at another node', JSON.stringify({ ...good, node: 'after-visit' })],
      ['session edited', JSON.stringify({ ...good, session: { ...good.session, snapshot: { ...(good.session.snapshot as object), value: 'after-visit' } } })],
      // The summary's file name comes from createdAt and every later save keeps savedAt: an invalid date threw "Invalid time value".
      ['creation time not a date', JSON.stringify({ ...good, createdAt: 'not a date' })],
      ['creation time out of range', JSON.stringify({ ...good, createdAt: '+275760-09-13T00:00:00.001Z' })],
      ['save time not a date', JSON.stringify({ ...good, session: { ...good.session, savedAt: '9999-99-99T' } })],
    ];
    for (const [name, text] of cases) {
      const result = restoreRoom(r.ctx, text);
      expect(result.ok, name).toBe(false);
      // Where a session waits is its own claim: moved to a step its replies do not lead to, with the
      // scenario it was saved with (its stamp), the session itself was changed: damaged, not outdated.
      if (!result.ok) expect(result.error, name).toMatch(name === 'session edited' ? /^The saved progress is damaged \(its replies do not lead where it says\)\.$/ : /damaged|not fit|does not fit/);
    }
    expect(restoreRoom(roomContext(redFlags), serializeRoom(r.state))).toMatchObject({ ok: false, error: expect.stringContaining('example-new-phone') });
    // A scenario id with escapes in it is shown with them escaped: cleaned, "x\u001b[2J" read as "x", naming another scenario.
    expect(restoreRoom(r.ctx, JSON.stringify({ ...good, scenarioId: 'x\u001b[2J\u202e' }))).toEqual({ ok: false, error: 'The saved room plays "x\\u001b[2J\\u202e", not "example-new-phone".' });
  });
});

function countsOf(votes: Record<string, string>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of Object.values(votes)) out[v] = (out[v] ?? 0) + 1;
  return out;
}

function replyIdOf(scenario: Scenario, node: string, text: string): string {
  const n = scenario.nodes.find((x) => x.id === node);
  return n?.kind === 'decision' ? (n.replies.find((x) => x.text === text)?.id ?? '') : '';
}

describe('introductions in the presenter view', () => {
  it('name who the room hears for the first time at this moment, in the scenario\'s words, and only there', () => {
    const r = setup(redFlags);
    const yesi = redFlags.characters.find((c) => c.id === 'yesi')!;
    // The opening scene: Yesi speaks first here.
    expect(presenterView(r.ctx, r.state, 0).introductions).toEqual([{ name: yesi.name, role: yesi.role, description: yesi.description }]);
    // The decision after it: nobody new.
    expect(r.present({ type: 'advance', node: r.view().nodeId }).ok).toBe(true);
    expect(r.view().kind).toBe('decision');
    expect(presenterView(r.ctx, r.state, 0).introductions).toBeUndefined();
  });

  // A valid scenario whose opening scene gave lines to 201 characters: the view sent there named all
  // 201, past the presenter page's own schema (200), which refused every view at that moment: the
  // page showed nothing of the room. The first MAX_INTRODUCTIONS_SENT are sent.
  it('names at most MAX_INTRODUCTIONS_SENT, so that a cast heard all at once still gives views the presenter page reads', () => {
    const s = structuredClone(example);
    const crowd = Array.from({ length: MAX_INTRODUCTIONS_SENT + 1 }, (_, i) => ({ id: `person-${i}`, name: `Person ${i}`, role: 'youth', description: 'Someone at the party.' }));
    s.characters.push(...crowd);
    s.nodes.unshift({ id: 'party', kind: 'scene', title: 'The party', narration: 'Everyone says hello.', lines: crowd.map((c) => ({ character: c.id, text: 'Hello.' })), next: s.start });
    s.start = 'party';
    const scenario = validateScenario(JSON.stringify(s), 'party.json').scenario;
    if (!scenario) throw new Error('fixture not valid');
    const r = setup(scenario);
    const view = presenterViewFor(presenterView(r.ctx, r.state, 0), undefined);
    expect(view.introductions?.map((i) => i.name)).toEqual(crowd.slice(0, MAX_INTRODUCTIONS_SENT).map((c) => c.name));
    expect(parseToPresenter(JSON.stringify({ type: 'view', view }))).toBeDefined();
  });
});

/** FNV-1a with 32 bits, as the keys were made up to presenter protocol 7: `from` carries on from a state. */
function fnv32(text: string, from = 0x811c9dc5): number {
  let h = from;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

describe('the key of a moment on the presenter page', () => {
  it('tells apart two moments whose JSON has the same length and the same 32-bit hash: the page is sent the second, not left on the first', () => {
    // Two scenes one after the other, whose words are found here so that the two moments as the page
    // is sent them are the same length with the same 32-bit FNV-1a: a birthday search over their narrations.
    const PLACEHOLDER = 'narrationplaceholder';
    const build = (a: string, b: string) => {
      const s = structuredClone(example);
      s.nodes.unshift(
        { id: 'sa', kind: 'scene', narration: a, lines: [], next: 'sb' } as Scenario['nodes'][number],
        { id: 'sb', kind: 'scene', narration: b, lines: [], next: s.start } as Scenario['nodes'][number],
      );
      s.start = 'sa';
      return s;
    };
    const moments = (s: Scenario) => {
      const r = setup(s);
      const first = presenterView(r.ctx, r.state, 0);
      expect(r.present({ type: 'advance', node: 'sa' }).ok).toBe(true);
      return [first, presenterView(r.ctx, r.state, 0)] as const;
    };
    const [a0, b0] = moments(build(PLACEHOLDER, PLACEHOLDER)).map((v) => JSON.stringify(v.session).split(PLACEHOLDER));
    const [preA = '', sufA = ''] = a0!;
    const [preB = '', sufB = ''] = b0!;
    expect(preA.length + sufA.length).toBe(preB.length + sufB.length);
    // Twelve letters and digits drawn by a generator seeded with the side and the index: a counter's
    // digits vary too little in their low bits for 32-bit hashes of the two sides to meet.
    const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
    const word = (side: number, i: number) => {
      let x = (Math.imul(i, 0x9e3779b1) + side * 40503) >>> 0;
      let w = '';
      for (let k = 0; k < 12; k++) {
        x = (Math.imul(x, 1103515245) + 12345) >>> 0;
        w += LETTERS[(x >>> 16) % LETTERS.length];
      }
      return w;
    };
    const [startA, startB] = [fnv32(preA), fnv32(preB)];
    const seen = new Map<number, number>();
    for (let i = 0; i < 1 << 17; i++) seen.set(fnv32(sufA, fnv32(word(0, i), startA)), i);
    let pair: [string, string] | undefined;
    for (let j = 0; j < 1 << 20 && !pair; j++) {
      const i = seen.get(fnv32(sufB, fnv32(word(1, j), startB)));
      if (i !== undefined) pair = [word(0, i), word(1, j)];
    }
    if (!pair) throw new Error('no 32-bit collision found (the search is sized to find one almost always)');
    const [a, b] = moments(build(...pair));
    const [ja, jb] = [JSON.stringify(a.session), JSON.stringify(b.session)];
    // The two moments as the page is sent them: different, the same length, the same 32-bit hash.
    expect(ja).not.toBe(jb);
    expect(ja.length).toBe(jb.length);
    expect(fnv32(ja)).toBe(fnv32(jb));
    // Their keys differ, so the second moment is sent whole to a page sent the first, and shown.
    expect(b.sessionKey).not.toBe(a.sessionKey);
    const sent = presenterViewFor(b, a.sessionKey);
    expect(sent.session?.nodeId).toBe('sb');
    expect(keptSessionView(sent, { key: a.sessionKey, session: a.session })?.session.nodeId).toBe('sb');
  });
});

describe("who's who on the phones", () => {
  /** The example with a supervisor named first in one reply's feedback, and a role with control characters in it. */
  function cast(): Scenario {
    const s = structuredClone(example);
    s.characters[0]!.role = 'youth\u001b[31m\u0007';
    s.characters.push({ id: 'ibarra', name: 'Ms. <b>Ibarra</b>', role: 'Advocate Supervisor', description: 'Your Advocate Supervisor at CASA of Los Angeles.' });
    const phone = s.nodes.find((n) => n.id === 'phone');
    if (phone?.kind !== 'decision') throw new Error('fixture changed');
    phone.replies.find((r) => r.id === 'phone-accuse')!.feedback += ' Talk it through with Ms. <b>Ibarra</b> first.';
    return s;
  }

  it('sends every phone the people the room has met so far, names and roles only (clean text), with every view; a name in feedback counts once it is revealed', () => {
    const r = setup(cast());
    r.join(device(1));
    const people = () => voterView(r.ctx, r.state, device(1)).people;
    // Before the vote: Jade speaks in the opening decision; the supervisor is named only in feedback not yet shown.
    expect(people()).toEqual([{ name: 'Jade', role: 'youth' }]);
    r.present({ type: 'open', node: 'phone' });
    expect(people()).toEqual([{ name: 'Jade', role: 'youth' }]);
    r.present({ type: 'lock', round: 1 });
    expect(people()).toEqual([{ name: 'Jade', role: 'youth' }]);
    // The reveal shows every reply's feedback: she has been named to the room now.
    r.present({ type: 'reveal', round: 1 });
    const revealed = voterView(r.ctx, r.state, device(1));
    expect(revealed.people).toEqual([{ name: 'Jade', role: 'youth' }, { name: 'Ms. <b>Ibarra</b>', role: 'Advocate Supervisor' }]);
    // The core's own list with the room's reveals, by name and role: no ids, no descriptions.
    const met = peopleMet(r.ctx.scenario, r.state.session.snapshot as never, { past: [], current: { revealed: true } });
    expect(revealed.people).toEqual(met.map((p) => ({ name: p.name, role: p.role })));
    const sent = JSON.stringify(revealed.people);
    for (const absent of ['"ibarra"', 'description', 'CASA of Los Angeles', '\u001b', '\u0007']) expect(sent).not.toContain(absent);
    // Kept after the branch is followed (the decision was revealed), and at the end.
    r.present({ type: 'choose', round: 1, reply: 'phone-curious' });
    expect(voterView(r.ctx, r.state, device(1))).toMatchObject({ phase: 'waiting', people: revealed.people });
    r.present({ type: 'end' });
    expect(voterView(r.ctx, r.state, device(1))).toMatchObject({ phase: 'ended', people: revealed.people });
    // Every such view passes the protocol, and a view without a decision still carries them.
    expect(parseToVoter(JSON.stringify({ type: 'view', view: voterViewFor(revealed, revealed.decisionKey) }))).toBeDefined();
    expect(voterViewFor(revealed, revealed.decisionKey).people).toEqual(revealed.people);
  });

  // Found walking the phone page (session 47): at the content note, before the trainer's first step,
  // before-relapse's phones listed "Who's who (4 met so far)", the people of the opening scene the
  // room had not been shown (the projector and the phones show the content note instead).
  it('names no one to the phones before the trainer\'s first step; the opening moment\'s people come with it', () => {
    const beforeRelapse = validateScenario(readFileSync(new URL('../../scenarios/before-relapse.json', import.meta.url)), 'before-relapse.json').scenario as Scenario;
    for (const [scenario, first] of [[beforeRelapse, 's0-sunday'], [example, 'phone']] as const) {
      const r = setup(scenario, { atContentNote: true });
      r.join(device(1));
      expect(voterView(r.ctx, r.state, device(1))).toMatchObject({ phase: 'waiting', contentNote: expect.any(Object), people: [] });
      // The laptop shows the opening moment already: its page keeps the list.
      expect(presenterView(r.ctx, r.state, 1).people?.length).toBeGreaterThan(0);
      expect(r.present({ type: 'advance', node: first }).ok).toBe(true);
      const met = peopleMet(r.ctx.scenario, r.state.session.snapshot as never, { past: [{ revealed: true }].slice(0, r.state.history.length), current: { revealed: false } });
      expect(met.length).toBeGreaterThan(0);
      expect(voterView(r.ctx, r.state, device(1)).people).toEqual(met.map((p) => ({ name: p.name, ...(p.role ? { role: p.role } : {}) })));
    }
  });

  it('keeps a name from the feedback revealed when the trainer ends the session at that reveal, also after a restart; not when it ends before the reveal', () => {
    const ended = (reveal: boolean) => {
      const r = setup(cast());
      r.join(device(1));
      r.present({ type: 'open', node: 'phone' });
      if (reveal) r.present({ type: 'reveal', round: 1 });
      expect(r.present({ type: 'end' }).ok).toBe(true);
      return r;
    };
    const r = ended(true);
    const names = (state: RoomState) => voterView(r.ctx, state, device(1)).people?.map((p) => p.name);
    expect(names(r.state)).toEqual(['Jade', 'Ms. <b>Ibarra</b>']);
    expect(presenterView(r.ctx, r.state, 0).people?.map((p) => p.name)).toEqual(['Jade', 'Ms. <b>Ibarra</b>']);
    const restored = restoreRoom(r.ctx, serializeRoom(r.state));
    if (!restored.ok) throw new Error(restored.error);
    expect(names(restored.state)).toEqual(['Jade', 'Ms. <b>Ibarra</b>']);
    const early = ended(false);
    expect(voterView(early.ctx, early.state, device(1)).people?.map((p) => p.name)).toEqual(['Jade']);
  });

  it('names no one from a decision\'s feedback before its reveal: the second decision\'s names come with its reveal', () => {
    // The supervisor named in the second decision's feedback only.
    const s = structuredClone(example);
    s.characters.push({ id: 'ibarra', name: 'Ms. Ibarra', role: 'Advocate Supervisor' });
    const after = s.nodes.find((n) => n.id === 'after-visit');
    if (after?.kind !== 'decision') throw new Error('fixture changed');
    after.replies[0]!.feedback += ' Ms. Ibarra will help you plan.';
    const r = setup(s);
    r.join(device(1));
    const names = () => voterView(r.ctx, r.state, device(1)).people?.map((p) => p.name);
    r.present({ type: 'open', node: 'phone' });
    r.present({ type: 'reveal', round: 1 });
    r.present({ type: 'choose', round: 1, reply: 'phone-ignore' });
    while (r.view().kind === 'scene') r.present({ type: 'advance', node: r.view().nodeId });
    expect(r.view().nodeId).toBe('after-visit');
    r.present({ type: 'open', node: 'after-visit' });
    expect(names()).toEqual(['Jade']);
    r.present({ type: 'lock', round: 2 });
    expect(names()).toEqual(['Jade']);
    r.present({ type: 'reveal', round: 2 });
    expect(names()).toEqual(['Jade', 'Ms. Ibarra']);
  });
});

describe('the reveal as the presenter page is sent it', () => {
  it('carries each reply\'s feedback, points, votes and verdicts, each principle once, not the reply\'s words again; the page gets back exactly the core\'s reveal', () => {
    const r = openVote(['phone-curious', 'phone-accuse', 'phone-accuse']);
    r.present({ type: 'reveal', round: 1 });
    const view = presenterView(r.ctx, r.state, 3);
    const whole = presenterViewFor(view, undefined);
    const later = presenterViewFor(view, view.sessionKey);
    for (const sent of [whole, later]) {
      expect(parseToPresenter(JSON.stringify({ type: 'view', view: sent }))).toBeDefined();
      // Through the wire (JSON) and back, with the session the page has: the core's reveal, field for field.
      const back = keptSessionView(JSON.parse(JSON.stringify(sent)) as typeof sent, { key: view.sessionKey, session: view.session });
      expect(back?.reveal).toEqual(revealData(example, r.view(), { 'phone-curious': 1, 'phone-accuse': 2 }));
      expect(back).toEqual(view);
    }
    // No reply's words in the reveal sent, and each principle named once.
    const reveal = JSON.stringify(later.reveal);
    for (const reply of r.view().replies) expect(reveal).not.toContain(reply.text);
    const ids = later.reveal!.principles.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    // A reveal naming a reply or principle the page does not have is not shown half-made: the page asks again.
    expect(keptSessionView({ ...later, reveal: { ...later.reveal!, entries: [{ ...later.reveal!.entries[0]!, replyId: 'not-here' }] } }, { key: view.sessionKey, session: view.session })).toBeUndefined();
    expect(keptSessionView({ ...later, reveal: { ...later.reveal!, principles: [] } }, { key: view.sessionKey, session: view.session })).toBeUndefined();
  });
});

describe("who's who on the presenter page", () => {
  it('is sent with the moment and with its reveal, when it can change, and kept by the page between: the open vote and the lock carry none and still show it', () => {
    const s = structuredClone(example);
    s.characters.push({ id: 'ibarra', name: 'Ms. Ibarra', role: 'Advocate Supervisor', description: 'Your Advocate Supervisor.' });
    const phone = s.nodes.find((n) => n.id === 'phone');
    if (phone?.kind !== 'decision') throw new Error('fixture changed');
    phone.replies.find((r) => r.id === 'phone-accuse')!.feedback += ' Talk it over with Ms. Ibarra first.';
    const r = setup(s);
    const names = (v: { people?: { name: string }[] } | undefined) => v?.people?.map((p) => p.name);
    // The page's side: each view as sent (through JSON), kept as the room client keeps it.
    let kept: KeptMoment | undefined;
    let key: string | undefined;
    const send = () => {
      const view = presenterView(r.ctx, r.state, 0);
      const sent = JSON.parse(JSON.stringify(presenterViewFor(view, key))) as PresenterViewSent;
      if (sent.session) key = sent.sessionKey;
      kept = keepMoment(sent, kept);
      return { sent, shown: keptSessionView(sent, kept) };
    };
    const first = send();
    expect(names(first.sent)).toEqual(['Jade']);
    r.present({ type: 'open', node: 'phone' });
    const opened = send();
    expect(opened.sent.people).toBeUndefined();
    expect(names(opened.shown)).toEqual(['Jade']);
    r.present({ type: 'reveal', round: 1 });
    const revealed = send();
    expect(revealed.sent.session).toBeUndefined();
    expect(names(revealed.sent)).toEqual(['Jade', 'Ms. Ibarra']);
    expect(revealed.shown?.people).toEqual(presenterView(r.ctx, r.state, 0).people);
    // The next moment comes whole, with its people.
    r.present({ type: 'choose', round: 1, reply: 'phone-curious' });
    const next = send();
    expect(next.sent.session).toBeDefined();
    expect(names(next.shown)).toEqual(['Jade', 'Ms. Ibarra']);
  });
});

describe("the trainer's break in a live room", () => {
  it('phones show only the break with the scenario\'s title; their votes are refused and the ones cast kept; back from it, every phone has exactly the view it had', () => {
    const r = openVote(['phone-curious']);
    const before = [1, 2].map((i) => voterView(r.ctx, r.state, device(i)));
    expect(r.present({ type: 'break', on: true }).ok).toBe(true);
    // Nothing of the session: no decision, vote, people or feedback; the title as clean text.
    expect(voterView(r.ctx, r.state, device(1))).toEqual({ room: ROOM, phase: 'break', round: 1, scenarioTitle: 'Example: the new phone' });
    expect(presenterView(r.ctx, r.state, 0).onBreak).toBe(true);
    // A vote, a changed vote: refused, and the vote cast before stands.
    expectRefused(r.vote(device(2), 'phone-accuse'), 'on-break');
    expectRefused(r.vote(device(1), 'phone-accuse'), 'on-break');
    expect(r.state.votes).toEqual({ [device(1)]: 'phone-curious' });
    // A phone that joins during the break sees it.
    expect(r.join(device(9)).ok).toBe(true);
    expect(voterView(r.ctx, r.state, device(9)).phase).toBe('break');
    // The room waits: every step but the break's end is refused (from the terminal, or another window).
    for (const step of [{ type: 'lock', round: 1 }, { type: 'reveal', round: 1 }, { type: 'end' }] as const) expectRefused(r.present(step), 'on-break');
    // The break kept across a restart of the room.
    const restored = restoreRoom(r.ctx, serializeRoom(r.state));
    expect(restored.ok && restored.state.onBreak).toBe(true);
    // A second "on" changes nothing.
    const again = r.present({ type: 'break', on: true });
    expect(again.ok && again.change).toBe('none');
    expect(r.present({ type: 'break', on: false }).ok).toBe(true);
    expect([1, 2].map((i) => voterView(r.ctx, r.state, device(i)))).toEqual(before);
    expect(presenterView(r.ctx, r.state, 0).onBreak).toBeUndefined();
    // The vote is open again: phones vote as before.
    expect(r.vote(device(2), 'phone-accuse').ok).toBe(true);
  });

  it('is refused once the session has ended (the phones go on saying it has ended); ending a break not taken changes nothing', () => {
    const r = openVote([]);
    const off = r.present({ type: 'break', on: false });
    expect(off.ok && off.change).toBe('none');
    r.present({ type: 'end' });
    expectRefused(r.present({ type: 'break', on: true }), 'not-now');
    expect(voterView(r.ctx, r.state, device(1)).phase).toBe('ended');
  });

  it('says where its last break was ended (the terminal or a presenter page), kept across a restart, until the next break; nothing when not told', () => {
    const r = openVote([]);
    const command = (on: boolean) => ({ room: ROOM, token: 'x'.repeat(43), seq: r.state.presenterSeq + 1, type: 'break' as const, on, ...(on ? {} : { break: r.state.breakNumber }) });
    const ended = (by?: 'terminal' | 'page') => {
      r.apply({ from: 'presenter', message: command(true), by });
      expect(presenterView(r.ctx, r.state, 0)).not.toHaveProperty('breakEndedBy');
      expect(r.apply({ from: 'presenter', message: command(false), by }).ok).toBe(true);
      return presenterView(r.ctx, r.state, 0).breakEndedBy;
    };
    expect(ended('terminal')).toBe('terminal');
    const restored = restoreRoom(r.ctx, serializeRoom(r.state));
    expect(restored.ok && presenterView(r.ctx, restored.state, 0).breakEndedBy).toBe('terminal');
    expect(ended('page')).toBe('page');
    expect(ended()).toBeUndefined();
    // A page's message names no source of its own: the schema refuses one.
    expect(parsePresenterMessage(JSON.stringify({ ...command(false), by: 'terminal' })).ok).toBe(false);
  });

  it('says which page ended its last break (its hello\'s id), kept across a restart, until the next break; a second end of it at once changes nothing and is not refused', () => {
    const r = openVote([]);
    const [pageA, pageB] = ['page-a-0123456789abcdef', 'page-b-0123456789abcdef'];
    const command = (on: boolean, seq = r.state.presenterSeq + 1, number = r.state.breakNumber) => ({ room: ROOM, token: 'x'.repeat(43), seq, type: 'break' as const, on, ...(on ? {} : { break: number }) });
    r.apply({ from: 'presenter', message: command(true), by: 'page', page: pageA });
    // Both pages end it at once, with the same seq: the first ends it, the second is answered with the room as it is.
    const seq = r.state.presenterSeq + 1;
    expect(r.apply({ from: 'presenter', message: command(false, seq), by: 'page', page: pageB })).toMatchObject({ ok: true, change: 'all' });
    const second = reduceRoom(r.ctx, r.state, { from: 'presenter', message: command(false, seq), by: 'page', page: pageA });
    expect(second).toEqual({ ok: true, state: r.state, change: 'none' });
    expect(presenterView(r.ctx, r.state, 0)).toMatchObject({ breakEndedBy: 'page', breakEndedPage: pageB });
    const restored = restoreRoom(r.ctx, serializeRoom(r.state));
    expect(restored.ok && presenterView(r.ctx, restored.state, 0).breakEndedPage).toBe(pageB);
    // Out of step and asking for a change (the room is on a new break): about the break before, it changes
    // nothing; about this one, it is refused as out of order, as before.
    r.apply({ from: 'presenter', message: command(true), by: 'page', page: pageA });
    expect(presenterView(r.ctx, r.state, 0)).not.toHaveProperty('breakEndedPage');
    expect(reduceRoom(r.ctx, r.state, { from: 'presenter', message: command(false, seq, 1), by: 'page', page: pageB })).toEqual({ ok: true, state: r.state, change: 'none' });
    expectRefused(reduceRoom(r.ctx, r.state, { from: 'presenter', message: command(false, seq), by: 'page', page: pageB }), 'out-of-order');
    // Ended from the terminal, or by a page that named no id (or a malformed one): no page named.
    for (const input of [{ by: 'terminal' as const, page: pageA }, { by: 'page' as const }, { by: 'page' as const, page: '<b>x</b>' }]) {
      r.apply({ from: 'presenter', message: command(false), ...input });
      expect(presenterView(r.ctx, r.state, 0)).not.toHaveProperty('breakEndedPage');
      r.apply({ from: 'presenter', message: command(true) });
    }
    // A saved room naming a malformed page is refused whole.
    const saved = JSON.parse(serializeRoom(r.state)) as Record<string, unknown>;
    expect(restoreRoom(r.ctx, JSON.stringify({ ...saved, onBreak: undefined, breakEndedBy: 'page', breakEndedPage: '<b>x</b>' })).ok).toBe(false);
    expect(restoreRoom(r.ctx, JSON.stringify({ ...saved, onBreak: undefined, breakEndedBy: 'page', breakEndedPage: pageA })).ok).toBe(true);
    // The hello names it; one of another shape is malformed.
    expect(parsePresenterMessage(JSON.stringify({ type: 'hello', room: ROOM, token: 'x'.repeat(43), page: pageA })).ok).toBe(true);
    expect(parsePresenterMessage(JSON.stringify({ type: 'hello', room: ROOM, token: 'x'.repeat(43), page: 'short' })).ok).toBe(false);
  });

  // Seq numbers cannot say which break a command meant: a page's counter runs on from its own
  // commands, refused ones too, so its "End the break for the room", sent about a break the terminal
  // ended (and took another) meanwhile, came with a seq the room had not seen and ended the new break.
  it('each break has a number, which a page\'s command to end one names: one about a break that is over changes nothing, even with a seq ahead of the room\'s', () => {
    const r = openVote([]);
    const page = 'page-a-0123456789abcdef';
    const off = (number: number | undefined, seq: number) => ({ from: 'presenter' as const, by: 'page' as const, page, message: { room: ROOM, token: 'x'.repeat(43), seq, type: 'break' as const, on: false, ...(number !== undefined ? { break: number } : {}) } });
    // The laptop's terminal (in process: it reads the room as it is, and need not name the break).
    const terminal = (on: boolean) => r.apply({ from: 'presenter', by: 'terminal', message: { room: ROOM, token: 'x'.repeat(43), seq: r.state.presenterSeq + 1, type: 'break', on } });
    expect(presenterView(r.ctx, r.state, 0)).not.toHaveProperty('breakNumber');
    expect(terminal(true).ok).toBe(true);
    expect(presenterView(r.ctx, r.state, 0)).toMatchObject({ onBreak: true, breakNumber: 1 });
    // The page's steps refused during the break used up its seq numbers (the room recorded none).
    const pageSeq = r.state.presenterSeq + 3;
    // The terminal ends that break and takes another.
    expect(terminal(false).ok).toBe(true);
    expect(presenterView(r.ctx, r.state, 0)).toMatchObject({ breakEndedBy: 'terminal', breakNumber: 1 });
    expect(terminal(true).ok).toBe(true);
    expect(presenterView(r.ctx, r.state, 0)).toMatchObject({ onBreak: true, breakNumber: 2 });
    expect(pageSeq).toBeGreaterThan(r.state.presenterSeq);
    // The page's end of break 1 arrives: answered with the room as it is, nothing changed, no seq recorded.
    expect(reduceRoom(r.ctx, r.state, off(1, pageSeq))).toEqual({ ok: true, state: r.state, change: 'none' });
    // Nor one about a break never taken; a page's end that names no break is refused as malformed.
    expect(reduceRoom(r.ctx, r.state, off(3, pageSeq))).toEqual({ ok: true, state: r.state, change: 'none' });
    expectRefused(reduceRoom(r.ctx, r.state, off(undefined, pageSeq)), 'malformed');
    // The break's number is kept across a restart; naming it ends the break.
    const restored = restoreRoom(r.ctx, serializeRoom(r.state));
    expect(restored.ok && presenterView(r.ctx, restored.state, 0).breakNumber).toBe(2);
    expect(r.apply(off(2, pageSeq))).toMatchObject({ ok: true, change: 'all' });
    expect(presenterView(r.ctx, r.state, 0)).toMatchObject({ breakEndedBy: 'page', breakEndedPage: page, breakNumber: 2 });
    // Over: its end again changes nothing (and is not refused as replayed); the next break is number 3.
    expect(reduceRoom(r.ctx, r.state, off(2, pageSeq))).toEqual({ ok: true, state: r.state, change: 'none' });
    expect(terminal(true).ok).toBe(true);
    expect(r.state.breakNumber).toBe(3);
    // A room saved on a break before breaks had numbers resumes on break 1, which a page can end.
    const saved = JSON.parse(serializeRoom(r.state)) as Record<string, unknown>;
    delete saved.breakNumber;
    const old = restoreRoom(r.ctx, JSON.stringify(saved));
    if (!old.ok) throw new Error(old.error);
    expect(presenterView(r.ctx, old.state, 0)).toMatchObject({ onBreak: true, breakNumber: 1 });
    expect(reduceRoom(r.ctx, old.state, off(1, old.state.presenterSeq + 1))).toMatchObject({ ok: true, change: 'all', state: { breakEndedBy: 'page' } });
    // The number is the view's and the command's, a whole number from 1.
    for (const n of [0, 1.5, -1, '1']) expect(parsePresenterMessage(JSON.stringify({ ...off(1, 1).message, break: n })).ok).toBe(false);
    expect(parsePresenterMessage(JSON.stringify(off(1, 1).message)).ok).toBe(true);
  });

  // Two pages' "Take a break" crossing (each sent before the other's answer came, with the same seq):
  // the second was answered with the room as it was, and both pages took the break for their own, so
  // the first "Back from break" ended the other page's break too (its panel closed under the trainer).
  it('two pages that take a break at once are on one break; each one\'s "Back from break" takes only that page off it, the last ends it', () => {
    const r = openVote([]);
    const [pageA, pageB] = ['page-a-0123456789abcdef', 'page-b-0123456789abcdef'];
    const command = (on: boolean, seq: number) => ({ room: ROOM, token: 'x'.repeat(43), seq, type: 'break' as const, on, ...(on ? {} : { break: r.state.breakNumber }) });
    const from = (page: string, on: boolean, seq = r.state.presenterSeq + 1) => r.apply({ from: 'presenter', by: 'page', page, message: command(on, seq) });
    // Both carry on from the same view: the same seq.
    const seq = r.state.presenterSeq + 1;
    expect(from(pageA, true, seq)).toMatchObject({ ok: true, change: 'all' });
    // B's joins it: the pages are told (not the phones, on the break already).
    expect(from(pageB, true, seq)).toMatchObject({ ok: true, change: 'presenters' });
    // One break, which both pages are on, and every page is told so (the view names them).
    expect(r.state).toMatchObject({ onBreak: true, breakNumber: 1, breakPages: [pageA, pageB], presenterSeq: seq });
    expect(presenterView(r.ctx, r.state, 0)).toMatchObject({ onBreak: true, breakNumber: 1, breakPages: [pageA, pageB] });
    const restored = restoreRoom(r.ctx, serializeRoom(r.state));
    expect(restored.ok && restored.state.breakPages).toEqual([pageA, pageB]);
    // A's "Back from break": A is off it, the room stays on it for B; the phones still show the break.
    expect(from(pageA, false)).toMatchObject({ ok: true, change: 'presenters' });
    expect(r.state).toMatchObject({ onBreak: true, breakNumber: 1, breakPages: [pageB] });
    expect(voterView(r.ctx, r.state, device(1)).phase).toBe('break');
    expect(presenterView(r.ctx, r.state, 0)).not.toHaveProperty('breakEndedPage');
    // B's ends it, even when it comes out of step (B carried on from the same view as A's).
    expect(from(pageB, false, r.state.presenterSeq)).toMatchObject({ ok: true, change: 'all' });
    expect(r.state.onBreak).toBeUndefined();
    expect(r.state.breakPages).toBeUndefined();
    expect(presenterView(r.ctx, r.state, 0)).toMatchObject({ breakEndedBy: 'page', breakEndedPage: pageB, breakNumber: 1 });
    expect(presenterView(r.ctx, r.state, 0)).not.toHaveProperty('breakPages');
    // On break 2, A's: what is not on it ends it for everyone (B's "End the break for the room", the terminal).
    expect(from(pageA, true)).toMatchObject({ ok: true, change: 'all' });
    expect(from(pageB, false)).toMatchObject({ ok: true, change: 'all', state: { breakEndedPage: pageB, breakNumber: 2 } });
    expect(r.state.onBreak).toBeUndefined();
    // The terminal's break (no page on it): a page that takes a break then is on it, and is told.
    expect(r.apply({ from: 'presenter', by: 'terminal', message: command(true, r.state.presenterSeq + 1) })).toMatchObject({ ok: true, change: 'all' });
    expect(from(pageB, true)).toMatchObject({ ok: true, change: 'presenters', state: { breakNumber: 3, breakPages: [pageB] } });
    // B's take crossing A's end of A's break (the same seq): A's ends it, B's takes the next (its seq not recorded).
    expect(r.apply({ from: 'presenter', by: 'terminal', message: command(false, r.state.presenterSeq + 1) }).ok).toBe(true);
    expect(from(pageA, true)).toMatchObject({ ok: true, change: 'all', state: { breakNumber: 4, breakPages: [pageA] } });
    const crossing = r.state.presenterSeq + 1;
    expect(from(pageA, false, crossing)).toMatchObject({ ok: true, change: 'all', state: { breakEndedPage: pageA } });
    expect(from(pageB, true, crossing)).toMatchObject({ ok: true, change: 'all', state: { onBreak: true, breakNumber: 5, breakPages: [pageB], presenterSeq: crossing } });
    // A room file naming a page that is not one is refused whole.
    const saved = JSON.parse(serializeRoom(r.state)) as Record<string, unknown>;
    expect(restoreRoom(r.ctx, JSON.stringify({ ...saved, breakPages: ['<b>x</b>'] })).ok).toBe(false);
  });

  // A page named after its connection by the room server (it named no id) can never send its id again
  // once that connection closes: left on the break, it held the room there, every other page's
  // "Back from break" taking only that page off it.
  it('leaveBreak takes a page that is gone off the break: the room stays on it, with no page on it then ended as the terminal\'s', () => {
    const r = openVote([]);
    const [pageA, gone] = ['page-a-0123456789abcdef', 'drawn-0123456789abcdef'];
    const from = (page: string, on: boolean) => r.apply({ from: 'presenter', by: 'page', page, message: { room: ROOM, token: 'x'.repeat(43), seq: r.state.presenterSeq + 1, type: 'break', on, ...(on ? {} : { break: r.state.breakNumber }) } });
    expect(leaveBreak(r.state, gone)).toBe(r.state);
    from(gone, true);
    from(pageA, true);
    const seq = r.state.presenterSeq;
    const left = leaveBreak(r.state, gone);
    expect(left).toMatchObject({ onBreak: true, breakPages: [pageA], presenterSeq: seq });
    expect(leaveBreak(left, pageA)).toMatchObject({ onBreak: true, presenterSeq: seq });
    expect(leaveBreak(left, pageA)).not.toHaveProperty('breakPages');
    expect(voterView(r.ctx, leaveBreak(left, pageA), device(1)).phase).toBe('break');
    // A's back, with the gone page off it, ends the break.
    r.state = left;
    expect(from(pageA, false)).toMatchObject({ ok: true, change: 'all', state: { breakEndedPage: pageA } });
    expect(r.state.onBreak).toBeUndefined();
  });

  // A "Take a break" while the room was on one recorded its seq and told the page that sent it alone:
  // every other page's counter was then behind the room's, and its next command refused as out of order.
  it('a second "Take a break" from a page already on the break, or from the terminal, changes nothing and records no seq', () => {
    const r = openVote([]);
    const [pageA, pageB] = ['page-a-0123456789abcdef', 'page-b-0123456789abcdef'];
    const take = (page: string | undefined, seq: number) => reduceRoom(r.ctx, r.state, { from: 'presenter', by: page === undefined ? 'terminal' : 'page', ...(page !== undefined ? { page } : {}), message: { room: ROOM, token: 'x'.repeat(43), seq, type: 'break', on: true } });
    expect(r.apply({ from: 'presenter', by: 'page', page: pageA, message: { room: ROOM, token: 'x'.repeat(43), seq: r.state.presenterSeq + 1, type: 'break', on: true } }).ok).toBe(true);
    // Page B carries on from this view: its next seq is the room's plus one.
    const next = r.state.presenterSeq + 1;
    for (const again of [take(pageA, next), take(pageA, next + 5), take(undefined, next)]) expect(again).toEqual({ ok: true, state: r.state, change: 'none' });
    // So B's end of the break (it is not on it: for the room) is in step, not refused as replayed.
    expect(r.apply({ from: 'presenter', by: 'page', page: pageB, message: { room: ROOM, token: 'x'.repeat(43), seq: next, type: 'break', on: false, break: 1 } })).toMatchObject({ ok: true, change: 'all' });
    expect(r.state.onBreak).toBeUndefined();
  });

  it('the break command is a presenter message, refused from a phone', () => {
    const msg = JSON.stringify({ type: 'break', room: ROOM, token: 't'.repeat(43), seq: 1, on: true });
    expect(parsePresenterMessage(msg).ok).toBe(true);
    expect(parseVoterMessage(msg)).toMatchObject({ ok: false, code: 'not-presenter' });
  });
});

describe('an untitled scene\'s number in a live room', () => {
  // The room's view carried no number, so the presenter page, its projector window and the laptop's
  // terminal headed every untitled scene "Scene", several alike in one session (presenter mode
  // without a room says "Scene 3", the core's sceneNumberAt).
  const youthDiscloses = validateScenario(readFileSync(new URL('../../scenarios/youth-discloses.json', import.meta.url)), 'youth-discloses.json').scenario as Scenario;

  /** The view as a page of this version gets it: sent (without what it has), parsed against the schema, its moment put back. */
  function onThePage(view: ReturnType<typeof presenterView>) {
    const parsed = parseToPresenter(JSON.stringify({ type: 'view', view: presenterViewFor(view, undefined) }));
    expect(parsed?.type).toBe('view');
    const sent = (parsed as { view: PresenterViewSent }).view;
    return keptSessionView(sent, keepMoment(sent, undefined));
  }

  it('is sent at each scene, the scenes shown from the start counted, this one too; none at a decision; the page gets it through the schema', () => {
    const r = setup(youthDiscloses);
    const seen: (number | undefined)[] = [];
    let scenes = 0;
    // Four scenes are enough to tell a count from a constant (the rest of the path costs time, not proof).
    for (let guard = 0; guard < 30 && r.state.phase !== 'ended' && scenes < 4; guard++) {
      const session = r.view();
      if (session.kind === 'scene') scenes++;
      const view = presenterView(r.ctx, r.state, 0);
      expect(view.sceneNumber).toBe(session.kind === 'scene' ? scenes : undefined);
      expect(roomSceneNumber(r.ctx, r.state)).toBe(view.sceneNumber);
      expect(onThePage(view)?.sceneNumber).toBe(view.sceneNumber);
      if (session.kind === 'scene') seen.push(view.sceneNumber);
      // Each step the room's own way: on past a scene, or a vote opened, revealed and its first open reply followed.
      if (session.kind === 'scene') expect(r.present({ type: 'advance', node: session.nodeId }).ok).toBe(true);
      else {
        expect(r.present({ type: 'open', node: session.nodeId }).ok).toBe(true);
        expect(r.present({ type: 'reveal', round: r.state.round }).ok).toBe(true);
        expect(r.present({ type: 'choose', round: r.state.round, reply: session.replies.find((x) => x.enabled)!.id }).ok).toBe(true);
      }
    }
    // This path shows several untitled scenes: each has a number of its own, in order.
    expect(scenes).toBe(4);
    expect(seen).toEqual(Array.from({ length: scenes }, (_, i) => i + 1));
  });

  it('is the same after the room goes back to a decision and follows another reply, and after a restart', () => {
    const r = setup(youthDiscloses);
    const follow = (reply: (ids: string[]) => string) => {
      const d = r.view();
      expect(d.kind).toBe('decision');
      r.present({ type: 'open', node: d.nodeId });
      r.present({ type: 'reveal', round: r.state.round });
      expect(r.present({ type: 'choose', round: r.state.round, reply: reply(d.replies.filter((x) => x.enabled).map((x) => x.id)) }).ok).toBe(true);
    };
    follow((ids) => ids[0]!);
    expect(presenterView(r.ctx, r.state, 0).sceneNumber).toBe(1);
    expect(r.present({ type: 'advance', node: r.view().nodeId }).ok).toBe(true);
    follow((ids) => ids[0]!);
    const first = r.view().nodeId;
    expect(presenterView(r.ctx, r.state, 0).sceneNumber).toBe(2);
    // Back to that decision (before a vote opens at the next), and another reply followed: still the second scene shown.
    expect(r.present({ type: 'back', node: first }).ok).toBe(true);
    expect(presenterView(r.ctx, r.state, 0).sceneNumber).toBeUndefined();
    follow((ids) => ids.at(-1)!);
    expect(presenterView(r.ctx, r.state, 0).sceneNumber).toBe(2);
    // A room resumed from its file (the laptop restarted) numbers it the same.
    const restored = restoreRoom(r.ctx, serializeRoom(r.state));
    expect(restored.ok && presenterView(r.ctx, restored.state, 0).sceneNumber).toBe(2);
  });
});
