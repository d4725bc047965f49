import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createRoom, presenterView, SELF_CARE, reduceRoom, type PresenterAction, type PresenterCommand, type PresenterView, type ServerError, outcomeWords, progressWords, roomContext, roomSessionView, scoreWords, unavailableWords, validateScenario, type RoomState, type Scenario } from '../../src/machines/index.js';
import { printMoment } from '../../src/terminal/plain.js';
import { stepText } from '../../src/terminal/ui/StatusLine.js';
import { stepWords } from '../../src/web/projector.js';
import { AT_A_SCENE, BACK_FROM_BREAK, KEYS_TOO_LONG, NOTHING_TO_END, roomControls } from '../../src/terminal/room/controls.js';
import { startRoomServer, type RoomServer } from '../../src/terminal/room/server.js';
import { whoRows } from '../../src/terminal/ui/WhoScreen.js';
import { packageRoot } from '../../src/terminal/paths.js';
import { deviceId, Phone, Presenter } from './helpers/room.js';

// The trainer's terminal controls of a live room, in process: typed lines in, printed blocks out.
const scenario = validateScenario(readFileSync(join(packageRoot(), 'scenarios/red-flags.json')), 'red-flags.json').scenario as Scenario;
const ROOM = 'CTRK23';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanup.splice(0).map((f) => f()));
});

/** A room on 127.0.0.1 with the terminal controls on a pipe; `width` is read whenever it prints. */
/** A presenter's answer that must be a view (not a refusal). */
function must(x: PresenterView | ServerError): PresenterView {
  if ('type' in x) throw new Error(`refused: ${x.code} ${x.message}`);
  return x;
}

async function controlled(width: () => number) {
  const ctx = roomContext(scenario);
  const server: RoomServer = await startRoomServer({ ctx, state: createRoom(ctx, ROOM, 4, new Date('2026-12-01T10:00:00Z')), token: 'c'.repeat(43), host: '127.0.0.1', port: 0, persist: () => undefined, log: () => undefined, onChange: (s) => controls.changed(s) });
  const { controls, output, type, input } = attach(server, ctx, width);
  cleanup.push(async () => {
    controls.close();
    await server.close();
  });
  controls.changed(server.state());
  return {
    server,
    output,
    type,
    input,
  };
}

/** A room of `scenario` on 127.0.0.1 with the terminal controls on a pipe at 60 columns, not yet started (see attach). */
async function servedAt60(scenario: Scenario) {
  const ctx = roomContext(scenario);
  const told: { changed?: (s: RoomState) => void } = {};
  const server = await startRoomServer({ ctx, state: createRoom(ctx, ROOM, 4, new Date('2026-12-01T10:00:00Z')), token: 'c'.repeat(43), host: '127.0.0.1', port: 0, persist: () => undefined, log: () => undefined, onChange: (s) => told.changed?.(s) });
  cleanup.push(() => server.close());
  const { controls, type } = attach(server, ctx, () => 60);
  cleanup.push(async () => controls.close());
  told.changed = controls.changed;
  return { ctx, server, controls, type };
}

/** The terminal controls of `server` on a pipe: what they printed, and `type` (see lineTyper). */
function attach(server: RoomServer, ctx: ReturnType<typeof roomContext>, width: () => number) {
  let out = '';
  const listeners = new Set<() => void>();
  const input = new PassThrough();
  const controls = roomControls(server, ctx, { out: (t) => {
    out += t;
    for (const l of listeners) l();
  }, err: () => undefined }, width, input);
  /** Types a line; resolves with what the room printed from then until `until` matches it. */
  return { controls, output: () => out, type: lineTyper(input, () => out, listeners), input };
}

/** Types a line into `input`; resolves with what was printed from then until `until` matches it (checked whenever `listeners` are told). */
function lineTyper(input: PassThrough, output: () => string, listeners: Set<() => void>) {
  return (line: string, until: RegExp): Promise<string> => {
    const from = output().length;
    return new Promise((resolve, reject) => {
      const guard = setTimeout(() => reject(new Error(`timed out waiting for ${until} after "${line}"; output:\n${output().slice(from)}`)), 10_000);
      const check = () => {
        if (!until.test(output().slice(from))) return;
        listeners.delete(check);
        clearTimeout(guard);
        resolve(output().slice(from));
      };
      listeners.add(check);
      input.write(`${line}\n`);
    });
  };
}

const wider = (text: string, width: number) => text.split('\n').filter((l) => [...l].length > width);

describe('room controls in the terminal', () => {
  it('show the trainer the story: each scene\'s narration and lines, and what is said before a decision, never a node id', async () => {
    const room = await controlled(() => 60);
    const start = room.output();
    // The first scene: its title, narration and what Yesi says, wrapped to the terminal.
    expect(start).toContain('Boba on Garvey');
    expect(start.replace(/\s+/g, ' ')).toContain('Today you meet Yesi at a boba shop on Garvey Avenue.');
    expect(start.replace(/\s+/g, ' ')).toContain('"Okay, don\'t say anything about my nails."');
    expect(start).not.toContain('s-boba');
    const decision = await room.type('n', /o: open the vote/);
    expect(decision).toMatch(/Decision 1 of about \d+: The nails and the phone/);
    expect(decision.replace(/\s+/g, ' ')).toContain('Discuss: What is the most natural thing an adult who likes Yesi would say here?');
    expect(decision).not.toContain('r-nails');
    expect(wider(room.output(), 60)).toEqual([]);
  });

  // readline keeps a line whole until its break comes: a room started with its input from a device
  // (< /dev/zero) grew until the system stopped it, every phone with it.
  it('input with no line break in sight: said once, no more keys are read, and the room carries on', async () => {
    const room = await controlled(() => 60);
    await room.type('n', /o: open the vote/);
    const from = room.output().length;
    room.input.write(Buffer.alloc(150_000));
    await expect.poll(() => room.output().slice(from).replace(/\s+/g, ' '), { timeout: 10_000 }).toContain(KEYS_TOO_LONG);
    expect(room.output().slice(from).split('\n').filter((l) => [...l].length > 60)).toEqual([]);
    // The keys after it are not read; the presenter page (here, present) still runs the room.
    await new Promise<void>((resolve) => room.input.write('\no\n', () => resolve()));
    for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(room.server.state().phase).toBe('idle');
    const node = roomSessionView(roomContext(scenario), room.server.state()).nodeId;
    expect(room.server.present({ type: 'open', node })).toEqual({ ok: true });
    expect(room.server.state().phase).toBe('open');
  });

  it('n at a decision says what to do there, not the whole list of commands', async () => {
    const room = await controlled(() => 60);
    await room.type('n', /o: open the vote/);
    const said = await room.type('n', /\n$/);
    expect(said.replace(/\s+/g, ' ')).toContain('at a decision, open the vote');
    expect(said).not.toContain('Type a letter and Enter');
  });

  it('e asks before ending the session for everyone (e and r are neighbours on the keyboard); only a second e ends it', async () => {
    const room = await controlled(() => 60);
    await room.type('n', /o: open the vote/);
    await room.type('o', /l: lock/);
    const asked = await room.type('e', /Type e again/);
    expect(asked.replace(/\s+/g, ' ')).toContain('End the session for everyone?');
    // What cannot be undone, said as it is: u goes back from an ending the story reached (it said
    // "it cannot be taken back", though u takes back that ending), never from an end for everyone.
    expect(asked.replace(/\s+/g, ' ')).toContain('the session cannot be carried on: unlike an ending the story reaches, u cannot go back from it, and "room --resume" does not open it again.');
    expect(room.server.state().phase).toBe('open');
    // Anything else carries on, and is done as usual.
    await room.type('l', /Vote locked/);
    await room.type('e', /Type e again/);
    const ended = await room.type('e', /The session has ended.*\n/);
    // Its summary is written as it ends: Ctrl+C only closes the room (it said it "writes the summary").
    expect(ended.replace(/\s+/g, ' ')).toContain('The session has ended: phones can no longer vote. Ctrl+C closes the room.');
    expect(room.server.state().phase).toBe('ended');
    // As the question said: u takes nothing back here.
    const back = await room.type('u', /\n$/);
    expect(back.replace(/\s+/g, ' ')).toContain('The session was ended for everyone: it cannot be carried on.');
    expect(room.server.state().phase).toBe('ended');
  });

  it('e before the session started (the content note up) says there is nothing to end, asks nothing and ends nothing, so no summary of a session that never began is written', async () => {
    // It asked "End the session for everyone?", and e again ended the room and wrote a summary saying
    // "The room made no decisions" (the summary is written when the session ends).
    const room = await controlled(() => 60);
    for (const typed of ['e', 'e']) {
      const said = (await room.type(typed, /\n$/)).replace(/\s+/g, ' ');
      expect(said).toContain(NOTHING_TO_END);
      expect(said).not.toContain('End the session for everyone?');
      expect(room.server.state().phase).toBe('idle');
    }
    // The session starts as usual after it, and e then asks as it does.
    await room.type('n', /o: open the vote/);
    expect(await room.type('e', /Type e again/)).toContain('End the session for everyone?');
  });

  it('an answer to "End the session?" other than e (y, as the app\'s other questions take) says the session carries on, not the list of commands', async () => {
    // "y" printed the list of commands, which did not say whether the session had ended.
    const room = await controlled(() => 60);
    await room.type('n', /o: open the vote/);
    await room.type('o', /l: lock/);
    await room.type('e', /Type e again/);
    const said = await room.type('y', /\n$/);
    expect(said.replace(/\s+/g, ' ')).toContain('The session was not ended: it carries on.');
    expect(said.replace(/\s+/g, ' ')).not.toContain('Type a letter and Enter');
    expect(room.server.state().phase).toBe('open');
    // Asked no more: y now is an unknown command, and gets the list.
    expect(await room.type('y', /Type a\s+letter and Enter/)).not.toMatch(/was\s+not\s+ended/);
  });

  it('after the reveal, a number no reply has says which numbers there are (it said "That reply is not available")', async () => {
    const room = await controlled(() => 60);
    await room.type('n', /o: open the vote/);
    await room.type('o', /l: lock/);
    await room.type('r', /Type the number of the reply the room follows/);
    const replies = roomSessionView(roomContext(scenario), room.server.state()).replies.length;
    const said = await room.type('9', /\n$/);
    expect(said.replace(/\s+/g, ' ')).toContain(`There is no reply 9 at this decision: type a number from 1 to ${replies}.`);
    expect(room.server.state().phase).toBe('revealed');
  });

  it('before the reveal too, a number no reply has says which numbers there are (it said "Reveal the votes before choosing the branch")', async () => {
    const room = await controlled(() => 60);
    await room.type('n', /o: open the vote/);
    await room.type('o', /l: lock/);
    const replies = roomSessionView(roomContext(scenario), room.server.state()).replies.length;
    expect((await room.type('9', /\n$/)).replace(/\s+/g, ' ')).toContain(`There is no reply 9 at this decision: type a number from 1 to ${replies}.`);
    // A reply that is there still waits for the reveal.
    expect((await room.type('1', /\n$/)).replace(/\s+/g, ' ')).toContain('Reveal the votes before choosing the branch.');
  });

  it('a number typed at a scene says the scene has no replies and n goes on (it said "Reveal the votes before choosing the branch")', async () => {
    const room = await controlled(() => 60);
    expect(roomSessionView(roomContext(scenario), room.server.state()).kind).toBe('scene');
    const said = (await room.type('1', /\n$/)).replace(/\s+/g, ' ').trim();
    expect(said).toBe(AT_A_SCENE);
    expect(said).not.toContain('Reveal the votes');
    // Nothing changed: n still goes on from the scene.
    await room.type('n', /\((n: next|o: open the vote)/);
  });

  // The presenter page and --facilitate (line by line too) show the facilitator note with the reveal;
  // a room run from this terminal never showed it, at any step.
  it('the reveal shows the decision\'s facilitator note, as the presenter page and --facilitate do', async () => {
    const room = await controlled(() => 60);
    const decision = await room.type('n', /o: open the vote/);
    const note = roomSessionView(roomContext(scenario), room.server.state()).facilitatorNote;
    expect(note).toBeTruthy();
    // Before the reveal it is the trainer's (it often names the answer), as on the projected page.
    expect(decision).not.toContain('Facilitator note');
    await room.type('o', /l: lock/);
    const reveal = await room.type('r', /Type the number of the reply the room follows/);
    expect(reveal.replace(/\s+/g, ' ')).toContain(`Facilitator note: ${note!.replace(/\s+/g, ' ')}`);
    expect(reveal.indexOf('Facilitator note')).toBeLessThan(reveal.indexOf('Type the number of the reply'));
    expect(wider(reveal, 60)).toEqual([]);
  });

  // The presenter page has a "trainer only" button for the note before the vote; the terminal showed
  // it only at the reveal, with no way for the trainer to read it first.
  it('f shows the trainer the facilitator note before the reveal, and the decision says f is there', async () => {
    const room = await controlled(() => 60);
    const decision = await room.type('n', /o: open the vote/);
    expect(decision).toContain('f: facilitator note');
    const note = roomSessionView(roomContext(scenario), room.server.state()).facilitatorNote!;
    const shown = await room.type('f', /\n$/);
    expect(shown.replace(/\s+/g, ' ')).toContain(`Facilitator note (for you; the room sees it at the reveal): ${note.replace(/\s+/g, ' ')}`);
    expect(wider(shown, 60)).toEqual([]);
    // Nothing changed for the room.
    expect(room.server.state().phase).toBe('idle');
    expect((await room.type('o', /l: lock/))).toContain('Vote open');
    // After the reveal the room has seen it: f no longer says it is the trainer's until the reveal.
    await room.type('r', /Type the number of the reply the room follows/);
    const after = (await room.type('f', /\n$/)).replace(/\s+/g, ' ');
    expect(after).toContain(`Facilitator note: ${note.replace(/\s+/g, ' ')}`);
    expect(after).not.toContain('the room sees it at the reveal');
  });

  // court-report's "ask for the order" at the hearing opens only once DCFS confirmed the status: phones
  // show it greyed out, presenter mode and --facilitate say why; this terminal listed it as any other.
  it('a reply the story does not open at this decision is marked in the list, and the reveal and its number say why', async () => {
    const court = validateScenario(readFileSync(join(packageRoot(), 'scenarios/court-report.json')), 'court-report.json').scenario as Scenario;
    const ctx = roomContext(court);
    const told: { changed?: (s: RoomState) => void } = {};
    const server = await startRoomServer({ ctx, state: createRoom(ctx, ROOM, 4, new Date('2026-12-01T10:00:00Z')), token: 'c'.repeat(43), host: '127.0.0.1', port: 0, persist: () => undefined, log: () => undefined, onChange: (s) => told.changed?.(s) });
    cleanup.push(() => server.close());
    // The status never confirmed (staff asked instead), the report reviewed: to the hearing, where the order is closed.
    const path = ['d-opening-strengths', 'd-school-glowing', 'd-health-records', 'd-visit-ask-voice', 'd-check-status-staff', 'd-status-unconfirmed-omit', 'd-wellbeing-strengths', 'd-recs-unconfirmed-usual', 'd-review-supervisor'];
    for (const reply of path) {
      for (let view = roomSessionView(ctx, server.state()); view.kind === 'scene'; view = roomSessionView(ctx, server.state())) expect(server.present({ type: 'advance', node: view.nodeId }).ok).toBe(true);
      const view = roomSessionView(ctx, server.state());
      expect(server.present({ type: 'open', node: view.nodeId }).ok).toBe(true);
      expect(server.present({ type: 'reveal', round: server.state().round }).ok).toBe(true);
      expect(server.present({ type: 'choose', round: server.state().round, reply }).ok).toBe(true);
    }
    for (let view = roomSessionView(ctx, server.state()); view.kind === 'scene'; view = roomSessionView(ctx, server.state())) expect(server.present({ type: 'advance', node: view.nodeId }).ok).toBe(true);
    const view = roomSessionView(ctx, server.state());
    expect(view.nodeId).toBe('d-hearing-support');
    const closed = view.replies.find((r) => r.id === 'd-hearing-support-order')!;
    expect(closed.enabled).toBe(false);
    const { controls, type } = attach(server, ctx, () => 60);
    cleanup.push(async () => controls.close());
    told.changed = controls.changed;
    controls.start(server.state());
    const open = (await type('o', /l: lock/)).replace(/\s+/g, ' ');
    expect(open).toContain(`${closed.number}. Do: ${closed.text} (not available now)`);
    for (const r of view.replies.filter((o) => o.enabled)) expect(open).not.toContain(`${r.text} (not available now)`);
    const reveal = await type('r', /Type the number of the reply the room follows/);
    expect(reveal.replace(/\s+/g, ' ')).toContain(unavailableWords(closed));
    expect(wider(reveal, 60)).toEqual([]);
    expect((await type(String(closed.number), /\n$/)).replace(/\s+/g, ' ')).toContain(unavailableWords(closed));
    expect(server.state().phase).toBe('revealed');
  });

  // A reply followed by mistake could not be taken back in a live room (presenter mode has "Back to decision N").
  it('u goes back to the decision the room last followed, revealed again with its votes; the hint names it where it is possible', async () => {
    const room = await controlled(() => 60);
    await room.type('n', /o: open the vote( · f: facilitator note)?( · w: who.s who)?\)/);
    expect(room.output()).not.toMatch(/u: back/);
    await room.type('o', /l: lock/);
    await room.type('r', /Type the number of the reply the room follows/);
    const after = await room.type('1', /\((n: next|o: open the vote) · u: back to decision 1 · w: who.s who\)/);
    expect(after).toMatch(/u: back to decision 1/);
    expect(room.server.state().history).toHaveLength(1);
    const back = await room.type('u', /Type the number of the reply the room follows/);
    expect(back).toMatch(/Votes|votes/);
    // Which decision it went back to, before its reveal (it printed the reveal alone).
    const view = roomSessionView(roomContext(scenario), room.server.state());
    expect(back.replace(/\s+/g, ' ')).toMatch(new RegExp(`^ Back to decision 1 of about ${view.progress.about}: ${view.title}`));
    expect(room.server.state()).toMatchObject({ phase: 'revealed', round: 1, history: [] });
    expect((await room.type('x', /\n$/)).replace(/\s+/g, ' ')).toContain('u back to the decision before');
  });

  // The last branch keyed by mistake ended the session at once: u, which went back from every other branch, was refused there.
  it('u at the ending goes back to the last decision, revealed with its votes; the phone follows; ending again writes the summary again', async () => {
    const ctx = roomContext(scenario);
    const ended: RoomState[] = [];
    const server: RoomServer = await startRoomServer({ ctx, state: createRoom(ctx, ROOM, 4, new Date('2026-12-01T10:00:00Z')), token: 'c'.repeat(43), host: '127.0.0.1', port: 0, persist: () => undefined, log: () => undefined, onChange: (s) => controls.changed(s), onEnded: (s) => ended.push(s) });
    const { controls, output, type } = attach(server, ctx, () => 80);
    cleanup.push(async () => {
      controls.close();
      await server.close();
    });
    controls.changed(server.state());
    const phone = await Phone.join(`ws://127.0.0.1:${server.port}`, ROOM, deviceId(5));
    cleanup.push(async () => phone.ws.close());
    let last = '';
    let lastVote = 0;
    for (let guard = 0; guard < 60 && server.state().phase !== 'ended'; guard++) {
      const view = roomSessionView(ctx, server.state());
      if (view.kind === 'scene') {
        await type('n', /\((n: next|o: open the vote)|ending/);
        continue;
      }
      await type('o', /l: lock/);
      const first = view.replies.find((r) => r.enabled)!.number;
      const round = server.state().round;
      await phone.until((v) => v.phase === 'open' && v.round === round, 'the open vote');
      expect(await phone.vote(first)).toMatchObject({ vote: first });
      await type('r', /Type the number of the reply the room follows/);
      last = view.nodeId;
      lastVote = first;
      await type(String(first), /\((n: next|o: open the vote)|ending/);
    }
    expect(server.state().phase).toBe('ended');
    expect(ended).toHaveLength(1);
    const decisions = server.state().history.length;
    const flat = output().replace(/\s+/g, ' ');
    expect(flat).toContain(`The scenario has reached its ending, and the session with it. Back to decision ${decisions}: the room returns to it`);
    expect(flat).toContain('when the session ends or stops. Type u to go back. Ctrl+C closes the room.');
    expect(flat).toContain('written again, in the same file, when the session ends or stops');
    const from = phone.inbox.all.length;
    const back = await type('u', /Type the number of the reply the room follows/);
    expect(back.replace(/\s+/g, ' ')).toMatch(new RegExp(`Back to decision ${decisions} of about \\d+`));
    expect(back).toMatch(/votes/i);
    expect(server.state()).toMatchObject({ phase: 'revealed', node: last });
    expect(server.state().history).toHaveLength(decisions - 1);
    // The phone is back at the revealed decision, with the feedback for its vote.
    const seen = await phone.inbox.next((m) => m.type === 'view' && m.view.phase === 'revealed', from, 'the revealed decision on the phone');
    expect(seen.type === 'view' && seen.view).toMatchObject({ phase: 'revealed', vote: lastVote, feedback: {} });
    // Following a reply ends it again, and the summary is written again, for the branch followed now.
    const view = roomSessionView(ctx, server.state());
    const other = view.replies.filter((r) => r.enabled).at(-1)!;
    await type(String(other.number), /ending/);
    expect(ended).toHaveLength(2);
    expect(ended[1]!.history.at(-1)!.chosen).toBe(other.id);
  });

  // The phones and the projector showed the room's outcome and score at the ending; the terminal,
  // where a trainer may run the whole room, showed the ending's words and nothing of how the room did.
  it('at the ending the story reached, say the room\'s outcome (and why) and its score, as the phones show them', async () => {
    const room = await controlled(() => 60);
    const ctx = roomContext(scenario);
    let atEnding = '';
    for (let guard = 0; guard < 60 && room.server.state().phase !== 'ended'; guard++) {
      const view = roomSessionView(ctx, room.server.state());
      if (view.kind === 'scene') {
        atEnding = await room.type('n', /\((n: next|o: open the vote)|ending/);
        continue;
      }
      await room.type('o', /l: lock/);
      await room.type('r', /Type the number of the reply the room follows/);
      // The last reply offered, not the first: the room need not follow best practice.
      atEnding = await room.type(String(view.replies.filter((r) => r.enabled).at(-1)!.number), /\((n: next|o: open the vote)|ending/);
    }
    const debrief = roomSessionView(ctx, room.server.state()).debrief!;
    expect(debrief).toBeDefined();
    const flat = atEnding.replace(/\s+/g, ' ');
    expect(flat).toContain(outcomeWords(debrief.outcome));
    expect(flat).toContain(`The room's score: ${scoreWords(debrief.score)}`);
    // Under the ending's words, before what the trainer can do next.
    expect(flat.indexOf('Outcome: ')).toBeLessThan(flat.indexOf('The scenario has reached its ending'));
    expect(wider(atEnding, 60)).toEqual([]);
  });

  it('introduce each character where the room first hears them, in the scenario\'s words, as the presenter page does', async () => {
    const room = await controlled(() => 60);
    const first = room.output().replace(/\s+/g, ' ');
    const yesi = scenario.characters.find((c) => c.id === 'yesi')!;
    expect(first).toContain(`Introducing ${yesi.name}${yesi.role ? ` (${yesi.role})` : ''}: ${yesi.description}`);
    // Once: the next moment, where Yesi speaks again, does not introduce her again.
    const next = await room.type('n', /\((n: next|o: open the vote)/);
    expect(next).not.toContain(`Introducing ${yesi.name}`);
  });

  it('q says how to close the room (it printed the list of commands, which did not say), and the list names Ctrl+C', async () => {
    const room = await controlled(() => 60);
    expect((await room.type('q', /\n$/)).replace(/\s+/g, ' ')).toContain('To close the room, press Ctrl+C: the session summary is written');
    expect((await room.type('x', /\n$/)).replace(/\s+/g, ' ')).toContain('e end the session (asks first). Ctrl+C closes the room and writes the summary.');
  });

  it('s counts the open round\'s votes, and between votes says none is open (not "0 voted in round 1" after a round that had votes)', async () => {
    const room = await controlled(() => 60);
    const base = `ws://127.0.0.1:${room.server.port}`;
    expect((await room.type('s', /\n$/)).replace(/\s+/g, ' ').trim()).toBe('0 phones connected, 0 joined; no vote is open.');
    await room.type('n', /o: open the vote/);
    await room.type('o', /l: lock/);
    const phone = await Phone.join(base, ROOM, deviceId(7));
    await phone.vote(1);
    expect((await room.type('s', /\n$/)).replace(/\s+/g, ' ').trim()).toBe('1 phone connected, 1 joined; 1 voted in round 1.');
    await room.type('r', /follows/);
    await room.type('1', /\(n: next|o: open the vote/);
    expect(room.server.state().history).toHaveLength(1);
    expect((await room.type('s', /\n$/)).replace(/\s+/g, ' ').trim()).toBe('1 phone connected, 1 joined; no vote is open.');
    phone.ws.close();
  });

  it('b takes a break the phones are told of, as the presenter page\'s does: steps wait for its end; b again prints the open vote as it was, its votes kept', async () => {
    const room = await controlled(() => 60);
    const phone = await Phone.join(`ws://127.0.0.1:${room.server.port}`, ROOM, deviceId(8));
    await room.type('n', /o: open the vote/);
    const open = await room.type('o', /l: lock/);
    await phone.until((v) => v.phase === 'open', 'the open vote');
    expect(await phone.vote(1)).toMatchObject({ vote: 1 });
    const onBreak = (await room.type('b', /share\s+&\s+support\.\n/)).replace(/\s+/g, ' ');
    expect(onBreak).toContain('On a break: the phones show that the session is on a break');
    // With the guide's Self-Care words, as the web's Take a break and the phones show them.
    expect(onBreak).toContain(`From the in-service guide, Self-Care: ${SELF_CARE.text}`);
    expect(await phone.until((v) => v.phase === 'break', 'the break')).toMatchObject({ scenarioTitle: scenario.title });
    expect((await room.type('l', /\n$/)).replace(/\s+/g, ' ')).toContain('The room is on a break: type b to end it first');
    expect(room.server.state().phase).toBe('open');
    // Back: said in a line, then the vote's block again, as it was printed when the vote opened.
    const at = phone.inbox.all.length;
    expect(await room.type('b', /l: lock/)).toBe(`${BACK_FROM_BREAK.terminal}\n${open}`);
    await phone.inbox.next((m) => m.type === 'view' && m.view.phase === 'open', at, 'the vote open again');
    expect(phone.view).toMatchObject({ phase: 'open', vote: 1 });
    // A break taken and ended on a presenter page: the terminal says where it was ended.
    const page = await Presenter.connect(`ws://127.0.0.1:${room.server.port}`, ROOM, 'c'.repeat(43));
    must(await page.act({ type: 'break', on: true }));
    const before = room.output().length;
    expect(must(await page.act({ type: 'break', on: false, break: room.server.state().breakNumber })).breakEndedBy).toBe('page');
    await room.server.settled();
    expect(room.output().slice(before).replace(/\s+/g, ' ')).toBe(`${BACK_FROM_BREAK.page}\n${open}`.replace(/\s+/g, ' '));
    // Two pages on one break (protocol 14): the first back from it leaves the room on it, and the terminal says nothing new.
    const [a, b] = await Promise.all(['page-a-0123456789abcdef', 'page-b-0123456789abcdef'].map((id) => Presenter.connect(`ws://127.0.0.1:${room.server.port}`, ROOM, 'c'.repeat(43), undefined, id)));
    must(await a!.act({ type: 'break', on: true }));
    await b!.inbox.next((m) => m.type === 'view' && m.view.onBreak === true, 0, 'the break on page b');
    b!.seq = room.server.state().presenterSeq;
    expect(must(await b!.act({ type: 'break', on: true })).breakPages).toHaveLength(2);
    await room.server.settled();
    const onIt = room.output().length;
    const heard = b!.inbox.all.length;
    a!.seq = room.server.state().presenterSeq;
    expect(must(await a!.act({ type: 'break', on: false, break: room.server.state().breakNumber })).breakPages).toHaveLength(1);
    await b!.inbox.next((m) => m.type === 'view' && m.view.breakPages?.length === 1, heard, 'page a off the break');
    await room.server.settled();
    expect(room.output().slice(onIt)).toBe('');
    b!.seq = room.server.state().presenterSeq;
    must(await b!.act({ type: 'break', on: false, break: room.server.state().breakNumber }));
    await room.server.settled();
    expect(room.output().slice(onIt).replace(/\s+/g, ' ')).toBe(`${BACK_FROM_BREAK.page}\n${open}`.replace(/\s+/g, ' '));
    for (const p of [page, a!, b!]) p.ws.close();
    phone.ws.close();
  });

  it('at room --resume in the middle of a vote, the first block names the decision and how many voted, then the replies', async () => {
    const room = await controlled(() => 80);
    await room.type('n', /o: open the vote/);
    await room.type('o', /l: lock/);
    const phone = await Phone.join(`ws://127.0.0.1:${room.server.port}`, ROOM, deviceId(3));
    cleanup.push(async () => phone.ws.close());
    await phone.vote(1);
    await room.server.settled();
    // The resumed command's controls, on the same running room (a new terminal).
    let out = '';
    const resumed = roomControls(room.server, roomContext(scenario), { out: (t) => (out += t), err: () => undefined }, () => 80, new PassThrough());
    cleanup.push(async () => resumed.close());
    resumed.start(room.server.state());
    const flat = out.replace(/\s+/g, ' ');
    expect(flat).toMatch(/^ ?Decision 1 of about \d+: /);
    expect(flat).toContain('1 phone connected, 1 joined; 1 voted in round 1.');
    expect(flat.indexOf('voted in round 1')).toBeLessThan(flat.indexOf('Vote open (round 1)'));
    expect(flat).toContain('l: lock · r: reveal');
    // A room started afresh (no vote under way) begins as before, with no count.
    let fresh = '';
    const afresh = roomControls(room.server, roomContext(scenario), { out: (t) => (fresh += t), err: () => undefined }, () => 80, new PassThrough());
    cleanup.push(async () => afresh.close());
    afresh.start(createRoom(roomContext(scenario), ROOM, 4, new Date()));
    expect(fresh).not.toContain('voted');
    // A room not started yet opens on its content note, to read with the room (it went straight to the first scene);
    // one resumed after its first step does not repeat it.
    expect(fresh.replace(/\s+/g, ' ')).toContain(`Content note (about ${scenario.estimatedMinutes} minutes): ${scenario.contentNote.replace(/\s+/g, ' ')}`);
    expect(out).not.toContain('Content note');
  });

  // Found walking a live room: resumed on a break, the terminal said only the break, and the open
  // vote's replies (the numbers to follow after the reveal) came only once the break was over.
  it('at room --resume on a break in the middle of a vote, the first block lists the open vote\'s replies, then says the room is on a break', async () => {
    const room = await controlled(() => 80);
    await room.type('n', /o: open the vote/);
    await room.type('o', /l: lock/);
    await room.type('b', /b:\s+back\s+from\s+the\s+break[^]*showed\)\.\n/);
    let out = '';
    const resumed = roomControls(room.server, roomContext(scenario), { out: (t) => (out += t), err: () => undefined }, () => 80, new PassThrough());
    cleanup.push(async () => resumed.close());
    resumed.start(room.server.state());
    const flat = out.replace(/\s+/g, ' ');
    const replies = roomSessionView(roomContext(scenario), room.server.state()).replies;
    expect(flat).toContain('Vote open (round 1)');
    for (const r of replies) expect(flat).toContain(`${r.number}. ${r.kind === 'do' ? 'Do: ' : ''}${r.text.replace(/\s+/g, ' ')}`);
    expect(flat.indexOf('Vote open (round 1)')).toBeLessThan(flat.indexOf('On a break: the phones show'));
    expect(flat).toContain('b: back from the break (the phones show again what they showed).');
    expect(flat.trimEnd()).toMatch(/From the in-service guide, Self-Care: [^]*share & support\.$/);
  });

  it('follow a resized terminal: a reveal printed after the window narrows fits the new width', async () => {
    let columns = 100;
    const room = await controlled(() => columns);
    await room.type('n', /o: open the vote/);
    await room.type('o', /l: lock/);
    const phone = await Phone.join(`ws://127.0.0.1:${room.server.port}`, ROOM, deviceId(1));
    cleanup.push(async () => phone.ws.close());
    const reply = phone.view!.decision!.replies[0]!.number;
    await phone.vote(reply);
    expect(await room.type('s', /voted/)).toContain('1 phone connected, 1 joined; 1 voted in round 1.');
    columns = 60;
    const reveal = await room.type('r', /Type the number of the reply the room follows · w: who's who\n/);
    expect(reveal).toContain('Votes: 1 (100%)');
    expect(wider(reveal, 60)).toEqual([]);
  });

  // youth-discloses and left-placement-calls open on a decision: o, the first key the terminal offered,
  // took the room from the content note straight to an open vote, where every other decision is
  // shown first, its vote closed, for the room to discuss (room2-45).
  it('a story that opens on a decision: the content note, then n shows the decision with its vote closed, then o opens it', async () => {
    const youth = validateScenario(readFileSync(join(packageRoot(), 'scenarios/youth-discloses.json')), 'youth-discloses.json').scenario as Scenario;
    const { ctx, server, type } = await servedAt60(youth);
    const phone = await Phone.join(`ws://127.0.0.1:${server.port}`, ROOM, deviceId(1));
    cleanup.push(async () => phone.ws.close());
    let first = '';
    const start = roomControls(server, ctx, { out: (t) => void (first += t), err: () => undefined }, () => 60, new PassThrough());
    cleanup.push(async () => start.close());
    start.start(server.state());
    const flat = (t: string) => t.replace(/\s+/g, ' ');
    expect(flat(first)).toContain(`Content note (about ${youth.estimatedMinutes} minutes):`);
    // Not the decision yet, nor a way to open its vote: the step that shows it.
    expect(flat(first)).toContain("(n: show the room the first decision, to discuss before o opens its vote · w: who's who)");
    expect(first).not.toContain('o: open the vote');
    const view = roomSessionView(ctx, server.state());
    expect(view.kind).toBe('decision');
    expect(flat(await type('o', /\n$/))).toContain('The content note is still up: n: show the room the first decision, to discuss before o opens its vote.');
    expect(server.state().phase).toBe('idle');
    const shown = flat(await type('n', /\(o: open the vote[^)]*\)/));
    expect(shown).toContain(`Decision 1 of about ${view.progress.about}: ${view.title}`);
    expect(server.state()).toMatchObject({ phase: 'idle', round: 0 });
    expect(presenterView(ctx, server.state(), 0).contentNote).toBeUndefined();
    // The phone waits, no vote open yet; o opens it.
    expect(phone.view?.phase).toBe('waiting');
    await type('o', /l: lock/);
    await phone.until((v) => v.phase === 'open' && v.round === 1, 'the vote to open');
  });

  // A scene may carry a discussion prompt and a facilitator note of its own (authoring.md: "As for
  // decisions"); the presenter page and projector show them, this terminal showed neither, and f at
  // such a scene said "The facilitator note belongs to a decision; this is not one."
  it('a scene\'s own discussion prompt is shown, and f shows its facilitator note', async () => {
    const data = JSON.parse(readFileSync(join(packageRoot(), 'docs/examples/first-scenario.json'), 'utf8')) as { nodes: { kind: string; facilitatorNote?: string; discussionPrompt?: string }[] };
    for (const n of data.nodes.filter((x) => x.kind === 'scene')) {
      n.discussionPrompt = 'What did Dani just tell you about home, and what did she leave out?';
      n.facilitatorNote = 'Let the room sit with what Dani said before moving on; notice who wants to fix it.';
    }
    const own = validateScenario(JSON.stringify(data), 'first-scenario.json').scenario as Scenario;
    const { ctx, server, controls, type } = await servedAt60(own);
    controls.start(server.state());
    // The story opens on a decision: n shows it to the room first, then o opens its vote.
    await type('n', /o: open the vote/);
    await type('o', /l: lock/);
    await type('r', /Type the number of the reply the room follows/);
    const scene = (await type('1', /\(n: next[^)]*\)/)).replace(/\s+/g, ' ');
    expect(roomSessionView(ctx, server.state()).kind).toBe('scene');
    expect(scene).toContain('Discuss: What did Dani just tell you about home, and what did she leave out?');
    expect(scene).toContain('f: facilitator note');
    // The note is the trainer's: not printed with the scene, only on f.
    expect(scene).not.toContain('Let the room sit');
    const note = (await type('f', /\n$/)).replace(/\s+/g, ' ');
    expect(note).toContain('Facilitator note (for you): Let the room sit with what Dani said before moving on; notice who wants to fix it.');
    expect(server.state().phase).toBe('idle');
  });

  // A decision may have up to 1000 replies (MAX_REPLIES, the phones' limit); the controls took one or
  // two digits, so "105" printed the list of commands, and the list said "1–9 follow that reply".
  it('a reply past 99 is followed by its number, and the list of commands does not say 1–9', async () => {
    const data = JSON.parse(readFileSync(join(packageRoot(), 'docs/examples/first-scenario.json'), 'utf8')) as { nodes: { kind: string; replies?: Record<string, unknown>[] }[] };
    const replies = data.nodes.find((n) => n.kind === 'decision')!.replies!;
    const model = replies[1]!;
    for (let i = replies.length; i < 120; i++) replies.push({ ...model, id: `extra-${i}`, text: `Another thing to say, number ${i}.` });
    const many = validateScenario(JSON.stringify(data), 'first-scenario.json').scenario as Scenario;
    const { ctx, server, controls, type } = await servedAt60(many);
    controls.start(server.state());
    const view = roomSessionView(ctx, server.state());
    expect(view.replies).toHaveLength(120);
    const reply = view.replies.find((r) => r.number === 105)!;
    await type('n', /o: open the vote/);
    await type('o', /l: lock/);
    await type('r', /Type the number of the reply the room follows/);
    await type('105', /\((n: next|o: open the vote)[^)]*\)/);
    expect(server.state().history.map((d) => d.chosen)).toEqual([reply.id]);
    const list = (await type('x', /\n$/)).replace(/\s+/g, ' ');
    expect(list).toContain('a reply number to follow that reply');
    expect(list).not.toContain('1–9');
  });

  // --facilitate has "Who's who" (w); the trainer running a live room from the terminal had no way to
  // say who Mr. Ramirez is once the introductions had scrolled away.
  it('w shows who\'s who as --facilitate does (same heading and layout), fitting 60 columns with no colour codes; the hints name it', async () => {
    const ctx = roomContext(scenario);
    const room = await controlled(() => 60);
    // The hints of a scene, a decision and an open vote name w (as --facilitate's help line does).
    expect(room.output()).toMatch(/\(n: next[^)]*· w: who's who\)/);
    const who = await room.type('w', /Who's who\n[\s\S]*\n$/);
    const people = presenterView(ctx, room.server.state(), 0).people ?? [];
    expect(people.map((p) => p.name)).toContain('Yesi');
    const lines = who.split('\n');
    const at = lines.indexOf('Who\'s who');
    expect(at).toBeGreaterThanOrEqual(0);
    // The heading, a blank row, then each person: the name and role, the scenario's words indented.
    expect(lines[at + 1]).toBe('');
    expect(lines[at + 2]).toBe('Yesi (youth)');
    expect(lines[at + 3]).toMatch(/^ {2}Yesenia, “Yesi”, is sixteen/);
    expect(lines.slice(at + 2, at + 2 + whoRows(people, 60).length)).toEqual(whoRows(people, 60).map((r) => r.map((s) => s.text).join('')));
    expect(who.replace(/\s+/g, ' ')).toContain('Loud when she is comfortable, silent when she isn\'t.');
    expect(who).not.toContain('\x1b');
    // Nothing moved: the room is where it was.
    expect(room.server.state().phase).toBe('idle');
    expect(await room.type('n', /\(o: open the vote[^)]*\)/)).toMatch(/· w: who's who\)/);
    expect(await room.type('o', /l: lock.*\n/)).toContain('w: who\'s who');
    // After the reveal too (w works there): the line ends with it, whole on one row of 60 columns.
    const revealed = await room.type('r', /Type the number of the reply the room follows[^\n]*\n$/);
    expect(revealed.split('\n')).toContain('Type the number of the reply the room follows · w: who\'s who');
    expect(await room.type('w', /Who's who\n[\s\S]*\n$/)).toContain('Yesi (youth)');
    expect(room.server.state().phase).toBe('revealed');
    // The list of commands names it too.
    expect((await room.type('x', /\n$/)).replace(/\s+/g, ' ')).toContain('· w who\'s who ·');
    expect(wider(room.output(), 60)).toEqual([]);
    expect(room.output()).not.toContain('\x1b');
  });
});

describe('"Decision n of about m" is one wording, the core\'s', () => {
  it('the room\'s controls, plain mode, play\'s status (on feedback too) and the projector say a decision as progressWords does for the same state', async () => {
    // Each built the words on its own: a change to the core's (play's and --facilitate's) left the
    // others saying it another way.
    const room = await controlled(() => 60);
    const printed = await room.type('n', /o: open the vote/);
    const view = roomSessionView(roomContext(scenario), room.server.state());
    const words = progressWords(view);
    expect(view.kind).toBe('decision');
    expect(words).toMatch(/^Decision 1 \D+\d+$/);
    expect(printed).toContain(`${words}: ${view.title}`);
    let plain = '';
    printMoment(view, (text = '') => void (plain += `${text}\n`), { meters: false });
    expect(plain).toContain(`-- ${words}: ${view.title} --`);
    expect(stepWords(view)).toBe(words);
    expect(stepText(view)).toBe(words);
    // On the feedback screen the view has moved on (here to a scene): the step is the decision answered.
    expect(stepText({ ...view, kind: 'scene' }, true)).toBe(words);
  });
});

describe('an untitled scene in the room\'s terminal', () => {
  // It printed "Scene" for each, several alike in one session, where the presenter page and its
  // projector say "Scene 3" (the room's sceneNumber): one number for every screen of the room.
  it('is named by its number in the playthrough, as the presenter view numbers it', () => {
    const youth = validateScenario(readFileSync(join(packageRoot(), 'scenarios/youth-discloses.json')), 'youth-discloses.json').scenario as Scenario;
    const ctx = roomContext(youth);
    let state = createRoom(ctx, ROOM, 4, new Date('2026-12-01T10:00:00Z'));
    // No sockets: the controls read the room's state and count from it, and are told of each change.
    const server = { state: () => state, connectedPhones: () => 0 } as unknown as RoomServer;
    let out = '';
    const input = new PassThrough();
    const controls = roomControls(server, ctx, { out: (t) => void (out += t), err: () => undefined }, () => 80, input);
    cleanup.push(async () => controls.close());
    const present = (command: PresenterCommand) => {
      const result = reduceRoom(ctx, state, { from: 'presenter', message: { ...command, room: ROOM, token: 'c'.repeat(43), seq: state.presenterSeq + 1 } as PresenterAction });
      if (!result.ok) throw new Error(`refused: ${result.code}`);
      state = result.state;
    };
    const said: string[] = [];
    for (let scenes = 0; scenes < 3;) {
      const view = roomSessionView(ctx, state);
      if (view.kind === 'scene') {
        scenes++;
        expect(view.title).toBeUndefined();
        out = '';
        controls.changed(state);
        said.push(out.split('\n')[1] ?? '');
        expect(said.at(-1)).toBe(`Scene ${presenterView(ctx, state, 0).sceneNumber}`);
        present({ type: 'advance', node: view.nodeId });
        continue;
      }
      // The story opens on a decision: the first step shows it, its vote not yet open.
      if (state.presenterSeq === 0) present({ type: 'advance', node: view.nodeId });
      present({ type: 'open', node: view.nodeId });
      present({ type: 'reveal', round: state.round });
      present({ type: 'choose', round: state.round, reply: view.replies.find((r) => r.enabled)!.id });
    }
    expect(said).toEqual(['Scene 1', 'Scene 2', 'Scene 3']);
  });
});
