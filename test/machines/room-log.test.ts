import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createActor, type AnyActorRef } from 'xstate';
import { describe, expect, it } from 'vitest';
import { decisionChain } from '../../bench/hostile.js';
import {
  actorOptions, analyseBest, createRoom, presenterView, readRoomLog, reduceRoom, restoreRoom, roomContext, roomDebrief, roomSave, roomSessionView, saveSession, serializeRoom, undoEnding, voterView,
  type PresenterAction, type PresenterCommand, type RoomContext, type RoomInput, type RoomState, type RoomWritten, type SavedSession,
} from '../../src/machines/index.js';
import { validScenario } from '../helpers/fixtures.js';

// A live room's file is an append log (src/machines/room/log.ts): each save adds a line of what
// changed, and each step of the session keeps the saved turns it does not change. Each step copied
// the session's whole transcript, and each save wrote the whole room (every decision followed, the
// whole transcript): over a generated chain of 1,000 decisions a step took 16 to 21 s in all and a
// save 21 to 27 s. What the room shows and what its file reads back as must not change.

const ROOM = 'ABC234';
const NOW = new Date('2026-12-01T10:00:00Z');
const PHONES = ['device-000000000001', 'device-000000000002', 'device-000000000003'];


/** A room driven as the server drives it, its file written as the room command writes it (roomSave: appended, or whole). */
function driven(ctx: RoomContext, start: RoomState) {
  let state = start;
  let seq = state.presenterSeq;
  let written: RoomWritten | undefined;
  let file = '';
  const saves = { appended: 0, whole: 0, longest: 0 };
  const save = () => {
    const next = roomSave(written, state);
    if (next.append) {
      file += next.text;
      saves.appended++;
      // The ending's save too: the session's debrief (the machine's output at its end) is not saved, but worked out again.
      saves.longest = Math.max(saves.longest, next.text.length);
    } else {
      file = next.text;
      saves.whole++;
    }
    written = next.written;
  };
  save();
  const apply = (input: RoomInput) => {
    const result = reduceRoom(ctx, state, input);
    if (!result.ok) throw new Error(result.message);
    state = result.state;
    save();
  };
  const present = (command: PresenterCommand) => apply({ from: 'presenter', message: { room: ROOM, token: 'x'.repeat(43), seq: ++seq, ...command } as PresenterAction });
  const vote = (device: string, reply: number) => apply({ from: 'voter', device, message: { type: 'vote', room: ROOM, seq: (state.devices[device]?.seq ?? 0) + 1, round: state.round, reply } });
  for (const device of PHONES) apply({ from: 'voter', device, message: { type: 'join', room: ROOM, device } });
  return { get state() { return state; }, get file() { return file; }, saves, present, vote, view: () => roomSessionView(ctx, state) };
}

/** What the room's screens are sent: the presenter page's view and each phone's. */
function shown(ctx: RoomContext, state: RoomState) {
  return { presenter: presenterView(ctx, state, PHONES.length), phones: PHONES.map((d) => voterView(ctx, state, d)) };
}

const bundled = join(import.meta.dirname, '../../scenarios');
const files = readdirSync(bundled).filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'));

describe('every bundled scenario\'s best path through the room, with Back from its ending: shown and saved as when each step copied the whole session', () => {
  it.each(files)('%s', (name) => {
    const scenario = validScenario(readFileSync(join(bundled, name), 'utf8'), name);
    const ctx = roomContext(scenario);
    const best = new Map(analyseBest(scenario).path.map((p) => [p.nodeId, p.replyId]));
    const room = driven(ctx, createRoom(ctx, ROOM, 5, NOW));
    // The session as the room saved it before: the machine's persisted snapshot, copied whole (saveSession), from a playthrough of its own.
    let actor: AnyActorRef = createActor(ctx.machine, actorOptions(scenario, { mode: 'practice', seed: 5 })).start();
    const before = (): SavedSession => saveSession(scenario, ctx.machine.getPersistedSnapshot(actor.getSnapshot() as never), NOW);
    let checked = 0;
    const check = (what: string) => {
      const at = `${name}: ${what} at ${room.view().nodeId}`;
      const old = before();
      // Saved as before, key for key, but for the debrief at an ending (the machine's output): worked out again from the rest when read.
      const { output: debrief, ...rest } = old.snapshot as { output?: unknown };
      expect(debrief === undefined, at).toBe(room.state.phase !== 'ended' || !room.view().done);
      expect(JSON.stringify(room.state.session), at).toBe(JSON.stringify({ ...old, snapshot: rest }));
      expect(JSON.stringify(room.state.session)).not.toContain('"output"');
      // Shown as before: the same room with the session as it was saved (a new object: every view worked out again from it).
      expect(shown(ctx, room.state), at).toEqual(shown(ctx, { ...room.state, session: old }));
      // The file reads back as the room, as serializeRoom wrote it whole at every save.
      const read = readRoomLog(room.file);
      expect(read.ok && !read.torn && `${JSON.stringify(read.room)}\n`, at).toBe(serializeRoom(room.state));
      checked++;
    };
    check('start');
    let backFromEnding = false;
    for (let moves = 0; moves < 400; moves++) {
      const view = room.view();
      if (room.state.phase === 'ended') {
        if (backFromEnding || !view.done) break;
        // Back from the ending the story reached, to the decision that led there.
        room.present({ type: 'back', node: view.nodeId });
        const undone = undoEnding(scenario, before().snapshot, ctx.machine);
        actor = createActor(ctx.machine, actorOptions(scenario, { mode: 'practice', snapshot: undone })).start();
        backFromEnding = true;
        check('back from the ending');
        continue;
      }
      if (view.kind === 'scene') {
        room.present({ type: 'advance', node: view.nodeId });
        actor.send({ type: 'scene.continue' });
        check('advance');
        continue;
      }
      if (room.state.beforeStart === true) {
        room.present({ type: 'advance', node: view.nodeId });
        check('past the content note');
        continue;
      }
      if (room.state.phase === 'idle') {
        room.present({ type: 'open', node: view.nodeId });
        const open = view.replies.filter((r) => r.enabled);
        PHONES.forEach((device, i) => room.vote(device, open[i % open.length]!.number));
        check('votes');
      }
      if (room.state.phase !== 'revealed') room.present({ type: 'reveal', round: room.state.round });
      check('reveal');
      const reply = best.get(view.nodeId) ?? view.replies.find((r) => r.enabled)!.id;
      room.present({ type: 'choose', round: room.state.round, reply });
      actor.send({ type: 'reply.choose', replyId: reply });
      check('choose');
    }
    expect(backFromEnding, name).toBe(true);
    expect(checked).toBeGreaterThan(5);
    // Resumed from its file: the same room, shown the same.
    const restored = restoreRoom(ctx, room.file);
    if (!restored.ok) throw new Error(restored.error);
    expect(restored.torn).toBeUndefined();
    expect(JSON.parse(serializeRoom(restored.state))).toEqual(JSON.parse(serializeRoom(room.state)));
    expect(shown(ctx, restored.state)).toEqual(shown(ctx, room.state));
    // Appended to at every save but the first.
    expect(room.saves.whole, name).toBe(1);
  });
});

describe('a long session: what each step and each save does does not grow with it', () => {
  const count = 300;
  const ctx = roomContext(validScenario(decisionChain(count), 'chain.json'));
  const room = driven(ctx, createRoom(ctx, ROOM, 1, NOW));
  const turns = (s: RoomState) => (s.session.snapshot as { context: { transcript: object[] } }).context.transcript;
  let shared = 0;
  room.present({ type: 'advance', node: room.view().nodeId });
  for (let i = 0; i < count; i++) {
    const decision = room.view();
    room.present({ type: 'open', node: decision.nodeId });
    room.vote(PHONES[0]!, 1 + (i % 2));
    room.present({ type: 'reveal', round: room.state.round });
    const kept = turns(room.state);
    room.present({ type: 'choose', round: room.state.round, reply: decision.replies[i % 2]!.id });
    // The turns saved before the step are kept as they were, not copied again.
    if (kept.length > 0 && kept.every((t, n) => turns(room.state)[n] === t)) shared++;
    room.present({ type: 'advance', node: room.view().nodeId });
  }
  const ended = room.state.phase;
  // Back from the ending to the last decision (its save holds none of the turns before it).
  room.present({ type: 'back', node: room.view().nodeId });

  it('each step keeps the session\'s saved turns it does not change', () => {
    expect(ended).toBe('ended');
    expect(room.state.phase).toBe('revealed');
    expect(shared).toBe(count - 1);
  });

  it('each save adds a line the size of what changed, and the file is written whole again only now and then', () => {
    // Thousands of saves; the file written whole at the start, and again once the lines after its first outweigh it.
    expect(room.saves.appended).toBeGreaterThan(count * 5);
    expect(room.saves.whole).toBeLessThanOrEqual(4);
    // A line holds a decision, a vote or a turn, never the session (the room's file is over 100 kB by the end); the ending's save too,
    // which held the session's debrief (every decision made: 150 kB here, half a megabyte at 1,000 decisions).
    expect(serializeRoom(room.state).length).toBeGreaterThan(100_000);
    expect(room.saves.longest).toBeLessThan(4_000);
    const restored = restoreRoom(ctx, room.file);
    if (!restored.ok) throw new Error(restored.error);
    expect(JSON.parse(serializeRoom(restored.state))).toEqual(JSON.parse(serializeRoom(room.state)));
  });
});

/**
 * A room file of red-flags v36 written by an earlier room (test/fixtures/room-log), with the scenario
 * as it was then: what it is to resume against.
 */
function oldRoomFile(name: string) {
  const fixtures = join(import.meta.dirname, '../fixtures/room-log');
  const ctx = roomContext(validScenario(readFileSync(join(fixtures, 'red-flags-v36.json'), 'utf8'), 'red-flags-v36.json'));
  return { ctx, old: readFileSync(join(fixtures, name), 'utf8') };
}

describe('a room file written before the append log', () => {
  // red-flags as it was (version 36) and a room of it saved by the room's code before the log:
  // mid-vote, two decisions followed, three phones, a break taken.
  const { ctx, old } = oldRoomFile('room-KPT234-before-log.json');

  it('resumes as it was, and is carried on by lines added to it', () => {
    const restored = restoreRoom(ctx, old);
    if (!restored.ok) throw new Error(restored.error);
    const state = restored.state;
    expect(restored.torn).toBeUndefined();
    // As it was written (its fields in the order the room's check gives them, as before the log).
    expect(JSON.parse(serializeRoom(state))).toEqual(JSON.parse(old));
    expect({ phase: state.phase, decisions: state.history.length, votes: Object.keys(state.votes).length, devices: Object.keys(state.devices).length, breakNumber: state.breakNumber }).toEqual({ phase: 'open', decisions: 2, votes: 3, devices: 3, breakNumber: 1 });
    // The next save adds a line after it (the room command writes the file whole when it opens; a line added here shows it is read as the log's first).
    const written: RoomWritten = { state, whole: old.length, added: 0 };
    const locked = reduceRoom(ctx, state, { from: 'presenter', message: { type: 'lock', room: 'KPT234', token: 'k'.repeat(43), seq: state.presenterSeq + 1, round: state.round } });
    if (!locked.ok) throw new Error(locked.message);
    const save = roomSave(written, locked.state);
    expect(save.append).toBe(true);
    const carried = restoreRoom(ctx, old + save.text);
    if (!carried.ok) throw new Error(carried.error);
    expect(JSON.parse(serializeRoom(carried.state))).toEqual(JSON.parse(serializeRoom(locked.state)));
  });
});

describe('a room file that reached its ending while the room saved the debrief', () => {
  // red-flags v36 played on its best path to its ending, two phones voting, saved line by line by
  // the room's code before the debrief was left out: its last line (the step that reached the
  // ending) holds the session's debrief, the machine's output.
  const { ctx, old } = oldRoomFile('room-HRW567-ending-with-debrief.json');
  const lines = old.split('\n').slice(0, -1);
  const asSaved = (() => {
    const read = readRoomLog(old);
    if (!read.ok) throw new Error(read.error);
    return read.room as RoomState;
  })();
  const debriefSaved = (asSaved.session.snapshot as { output?: { ending: { id: string } } }).output;
  const present = (state: RoomState, command: PresenterCommand) => {
    const result = reduceRoom(ctx, state, { from: 'presenter', message: { room: 'HRW567', token: 'h'.repeat(43), seq: state.presenterSeq + 1, ...command } as PresenterAction });
    if (!result.ok) throw new Error(result.message);
    return result.state;
  };

  it('resumes at its ending, its debrief worked out again as it was saved, and shown as before', () => {
    expect(lines.at(-1)!).toContain('"output"');
    expect(debriefSaved?.ending.id).toBe('end-strong');
    const restored = restoreRoom(ctx, old);
    if (!restored.ok) throw new Error(restored.error);
    const state = restored.state;
    expect(restored.torn).toBeUndefined();
    expect(state.phase).toBe('ended');
    expect(state.history).toHaveLength(asSaved.history.length);
    // Not kept (so never saved again), and the same as saved when worked out.
    expect(serializeRoom(state)).not.toContain('"output"');
    expect(roomDebrief(ctx, state)).toEqual(debriefSaved);
    // As the room showed it with the debrief it saved: the presenter page (its summary with the debrief) and each phone (the ending's band and score).
    const phones = Object.keys(asSaved.devices);
    const views = (s: RoomState) => ({ presenter: presenterView(ctx, s, 2), phones: phones.map((d) => voterView(ctx, s, d)) });
    expect(views(state)).toEqual(views(asSaved));
    expect(presenterView(ctx, state, 2).summary?.markdown).not.toContain('The session ended before the scenario did.');
  });

  it('is carried on by lines added to it: back from the ending, and to it again, with no debrief saved', () => {
    const restored = restoreRoom(ctx, old);
    if (!restored.ok) throw new Error(restored.error);
    let written: RoomWritten = { state: restored.state, whole: lines[0]!.length + 1, added: old.length - lines[0]!.length - 1 };
    let file = old;
    const save = (state: RoomState) => {
      const next = roomSave(written, state);
      expect(next.append).toBe(true);
      file += next.text;
      written = next.written;
      return next.text;
    };
    const back = present(restored.state, { type: 'back', node: roomSessionView(ctx, restored.state).nodeId });
    save(back);
    expect(back.phase).toBe('revealed');
    const again = present(back, { type: 'choose', round: back.round, reply: asSaved.history.at(-1)!.chosen });
    const line = save(again);
    expect(again.phase).toBe('ended');
    expect(line).not.toContain('"output"');
    // The line of the step that reached the ending: the decision followed and its turn, not the debrief (31 kB in the old file's).
    expect(line.length).toBeLessThan(lines.at(-1)!.length / 5);
    const carried = restoreRoom(ctx, file);
    if (!carried.ok) throw new Error(carried.error);
    expect(JSON.parse(serializeRoom(carried.state))).toEqual(JSON.parse(serializeRoom(again)));
    expect(roomDebrief(ctx, carried.state)).toEqual(debriefSaved);
  });

  it('with its ending\'s save cut off: read as the save before left it, and said to be cut off; damaged before it: refused', () => {
    const last = lines.at(-1)!;
    const before = `${lines.slice(0, -1).join('\n')}\n`;
    const restored = restoreRoom(ctx, before + last.slice(0, Math.floor(last.length / 2)));
    if (!restored.ok) throw new Error(restored.error);
    expect(restored.torn).toBe(true);
    expect(restored.state.phase).toBe('revealed');
    const was = restoreRoom(ctx, before);
    expect(was.ok && JSON.parse(serializeRoom(was.state))).toEqual(JSON.parse(serializeRoom(restored.state)));
    const broken = [...lines.slice(0, 3), lines[3]!.slice(0, 10), ...lines.slice(4)].join('\n');
    expect(restoreRoom(ctx, `${broken}\n`)).toEqual({ ok: false, error: `The saved room is damaged (its save 4 of ${lines.length} cannot be read).` });
  });
});

describe('a room file damaged or cut off', () => {
  const scenario = validScenario(readFileSync(join(bundled, 'red-flags.json'), 'utf8'), 'red-flags.json');
  const ctx = roomContext(scenario);
  const room = driven(ctx, createRoom(ctx, ROOM, 1, NOW));
  room.present({ type: 'advance', node: room.view().nodeId });
  room.present({ type: 'open', node: room.view().nodeId });
  const beforeVote = room.file;
  const stateBeforeVote = room.state;
  room.vote(PHONES[0]!, 1);
  const lastLine = room.file.slice(beforeVote.length);

  it('with its last save cut off part way: read as the save before left it, and said to be cut off', () => {
    expect(lastLine.endsWith('\n')).toBe(true);
    for (const cut of [1, Math.floor(lastLine.length / 2), lastLine.length - 2]) {
      const restored = restoreRoom(ctx, beforeVote + lastLine.slice(0, cut));
      if (!restored.ok) throw new Error(restored.error);
      expect(restored.torn).toBe(true);
      expect(JSON.parse(serializeRoom(restored.state))).toEqual(JSON.parse(serializeRoom(stateBeforeVote)));
    }
    // Whole but for its line's end (the write stopped just before it): nothing is lost, nothing to say.
    const whole = restoreRoom(ctx, beforeVote + lastLine.slice(0, -1));
    expect(whole.ok && whole.torn).toBeUndefined();
    expect(whole.ok && JSON.parse(serializeRoom(whole.state))).toEqual(JSON.parse(serializeRoom(room.state)));
  });

  it('with a save before the last that cannot be read: refused whole as damaged, never half-read', () => {
    const lines = room.file.split('\n');
    const broken = [...lines.slice(0, 2), lines[2]!.slice(0, 10), ...lines.slice(3)].join('\n');
    expect(restoreRoom(ctx, broken)).toEqual({ ok: false, error: `The saved room is damaged (its save 3 of ${lines.length - 1} cannot be read).` });
    // A line that does not fit the room (more decisions kept than it has) is unreadable too.
    const unfit = `${room.file}${JSON.stringify({ history: { keep: 5, add: [] } })}\n${lastLine}`;
    expect(restoreRoom(ctx, unfit)).toMatchObject({ ok: false, error: expect.stringMatching(/^The saved room is damaged \(its save \d+ of \d+ cannot be read\)\.$/) });
    // A field of its own, or an entry named "__proto__": refused, not applied.
    expect(restoreRoom(ctx, `${room.file}${JSON.stringify({ set: { extra: 1 } })}\n${lastLine}`).ok).toBe(false);
    expect(restoreRoom(ctx, `${room.file}{"entries":{"votes":{"set":{"__proto__":{"polluted":1}}}}}\n${lastLine}`)).toMatchObject({ ok: false, error: expect.stringContaining('cannot be read') });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
