import { createInterface, type Interface } from 'node:readline';
import { backFromEndingWords, backToDecision, decisionProgressWords, introductionWords, notStarted, presenterView, roomSceneNumber, roomSessionView, sceneWords, scoreWords, SELF_CARE, outcomeWords, unavailableWords, pathReply, type RoomContext, type RoomState, type SessionView } from '../../machines/index.js';
import type { CliIO } from '../commands.js';
import { saySpoken } from '../plain.js';
import { revealText } from '../reveal-text.js';
import { WHO_HEADING, WHO_HINT, whoRows } from '../ui/WhoScreen.js';
import { endAtEndlessLine, MAX_INPUT_LINE } from '../node/line-reader.js';
import { wrapText } from '../wrap.js';
import type { RoomServer } from './server.js';

export const CONTROLS_HELP = 'Run the session from here or from the presenter page. Type a letter and Enter: n next (past the content note or a scene) · o open the vote · l lock · r reveal · f the facilitator note (for you) · a reply number to follow that reply · u back to the decision before · s status · j how phones join (the address and QR code again) · p the presenter address again (for this laptop only) · w who\'s who · b a break (the phones are told, and wait) · e end the session (asks first). Ctrl+C closes the room and writes the summary.';

/** Said when the room goes on a break (b here, or "Take a break" on the presenter page). */
/** Said when the keys' input runs past MAX_INPUT_LINE with no line break (endAtEndlessLine): no key is read after it. */
export const KEYS_TOO_LONG = `A line of input ran past ${MAX_INPUT_LINE.toLocaleString('en-US')} characters with no line break: that is not keys typed here (a file of another kind, or a device such as /dev/zero?), so no more keys are read. The room carries on: run it from the presenter page; Ctrl+C closes the room.`;

export const ON_BREAK = 'On a break: the phones show that the session is on a break, with the scenario\'s title, and nothing of it; they cannot vote, and votes already cast are kept. b: back from the break (the phones show again what they showed).';

/**
 * Said first when the room's break ends, before the moment it was at (b here, or a presenter page's
 * "Back from break" or "End the break for the room"), with where it was ended when not here, as the
 * presenter page says a break ended elsewhere. `either`: the room did not say (a reducer caller
 * that gives no source).
 */
export const BACK_FROM_BREAK = {
  terminal: 'Back from the break: the phones show the session again.',
  page: 'Back from the break, ended on a presenter page: the phones show the session again.',
  either: 'Back from the break: the phones show the session again.',
} as const;

/** q (or quit, exit) typed here: the room is closed with Ctrl+C, which writes the summary. */
export const HOW_TO_CLOSE = 'To close the room, press Ctrl+C: the session summary is written, and "room --resume" opens the room again unless the session was ended for everyone (e).';

/**
 * e typed before the session started (the content note still up, no step taken): there is nothing
 * to end. It asked "End the session for everyone?", and a second e ended a session that never
 * began and wrote a summary of it ("The room made no decisions"). Nothing is asked or written.
 */
export const NOTHING_TO_END = 'The session has not started yet, so there is nothing to end and no summary is written. n shows the room the first step; to close the room, press Ctrl+C.';

/**
 * A number typed at a scene (to go on, say): it has no replies. It said "Reveal the votes before
 * choosing the branch", as if a vote were there to reveal.
 */
export const AT_A_SCENE = 'This is a scene: it has no replies to follow. n goes on to what comes next.';

/** After "End the session for everyone?" answered with anything but e (or a command, which is done). */
export const NOT_ENDED = 'The session was not ended: it carries on. Only e, typed again after the question, ends it.';

/**
 * A reply's number as typed: up to four digits, as a decision may have up to MAX_REPLIES (1000)
 * replies (two digits took reply 99 at most: "100" printed the list of commands).
 */
const REPLY_NUMBER = /^\d{1,4}$/;

/** " · u: back to decision 2" where going back is possible (the room followed a reply, no vote open here). */
function backHint(view: SessionView, state: RoomState): string {
  const back = backToDecision(view, state.history.length);
  return back === undefined ? '' : ` · u: back to decision ${back}`;
}

/** "Decision 2 of about 6: title". */
const decisionLine = (view: SessionView) => `${decisionProgressWords(view.progress)}${view.title ? `: ${view.title}` : ''}`;

/** " · w: who's who", the key that lists the people the room has met (as --facilitate's help line names it). */
const WHO = ` · ${WHO_HINT[0]}: ${WHO_HINT[1]}`;

/** At a story's first decision while the content note is up: the step that shows it (the room's `advance`). */
export const FIRST_DECISION = 'n: show the room the first decision, to discuss before o opens its vote';

/** Whether a vote is under way at the decision (open, locked or revealed). */
const voting = (state: RoomState) => state.phase === 'open' || state.phase === 'locked' || state.phase === 'revealed';

/**
 * The trainer's controls in the terminal, line by line (the same commands the presenter page
 * sends, applied through the same reducer): a room can be run with no browser at all. Every
 * change, from here or from the presenter page, is printed as one short block.
 */
export function roomControls(server: RoomServer, ctx: RoomContext, io: CliIO, width: () => number, input: NodeJS.ReadableStream = process.stdin, joinBlock?: () => string, presenterBlock?: () => string): { start: (state: RoomState) => void; changed: (state: RoomState) => void; close: () => void } {
  // The width is read at every block: a terminal resized mid-session gets blocks that fit it.
  const say = (text = '', indent = '') => io.out(`${wrapText(text, width(), indent)}\n`);
  /**
   * What the room hears at this moment: who it hears for the first time, introduced in the
   * scenario's words (as the presenter page does), then the narration and each line.
   */
  const story = (view: SessionView, state: RoomState) => {
    for (const i of presenterView(ctx, state, 0).introductions ?? []) say(introductionWords(i), '  ');
    if (view.narration) say(view.narration);
    for (const line of view.lines) saySpoken(line, say);
  };
  let lines: Interface | undefined = createInterface({ input, terminal: false });
  // Input with no line break in sight (< /dev/zero) filled the memory until the room, every phone with
  // it, was stopped by the system: the keys are read no more, and the room carries on from the presenter page.
  endAtEndlessLine(input, lines, () => say(KEYS_TOO_LONG));

  /** The state last described: going back is told by the history growing shorter. */
  let previous: RoomState | undefined;
  const describe = (state: RoomState) => {
    try {
      tell(state);
    } finally {
      previous = state;
    }
  };
  const tell = (state: RoomState) => {
    // The room's break, from here or the presenter page: the phones show only that; b ends it, and
    // the block after it is the moment as it was (an open vote open again, its votes kept).
    // The guide's Self-Care words with it, as the web's "Take a break" shows the trainer and the phones
    // show the room: the terminal's trainer had the break and none of them.
    if (state.onBreak && state.phase !== 'ended') {
      say(ON_BREAK);
      return say(`From the in-service guide, ${SELF_CARE.heading}: ${SELF_CARE.text}`, '  ');
    }
    // Back from it: said, before the moment it was at (which alone read as if nothing had happened).
    if (previous?.onBreak === true) say(BACK_FROM_BREAK[state.breakEndedBy ?? 'either']);
    const view = roomSessionView(ctx, state);
    if (state.phase === 'ended') {
      if (view.done) {
        say();
        if (view.title) say(`Ending: ${view.title}`);
        story(view, state);
        // How the room did, in the phones' words ("The room's score: …"), with why the band is what it
        // is: the phones and the projector showed it, and the trainer at this terminal had nothing to read out.
        if (view.debrief) {
          say(outcomeWords(view.debrief.outcome));
          say(`The room's score: ${scoreWords(view.debrief.score)}`);
        }
      }
      // Its summary is written as it ends (the line after this one says where): Ctrl+C only closes.
      // A last branch followed by mistake can be taken back (u), as any branch before it.
      const back = view.done ? backToDecision(view, state.history.length) : undefined;
      return say(view.done ? `The scenario has reached its ending, and the session with it.${back === undefined ? '' : ` ${backFromEndingWords(back)} Type u to go back.`} Ctrl+C closes the room.` : 'The session has ended: phones can no longer vote. Ctrl+C closes the room.');
    }
    if (view.kind === 'scene') {
      say();
      // An untitled scene by its number in the playthrough ("Scene 3"), as the presenter page and projector head it.
      say(view.title ? `Scene: ${view.title}` : sceneWords(roomSceneNumber(ctx, state)));
      story(view, state);
      // A scene may carry its own discussion prompt and note (the presenter page and projector show them).
      if (view.discussionPrompt) say(`Discuss: ${view.discussionPrompt}`, '  ');
      return say(`(n: next${backHint(view, state)}${view.facilitatorNote ? ' · f: facilitator note' : ''}${WHO})`);
    }
    // A story that opens on a decision: the content note first (start prints it), then n shows the
    // room that decision, its vote not yet open, to discuss it first, as at every other decision.
    if (state.phase === 'idle' && notStarted(state)) return say(`(${FIRST_DECISION}${WHO})`);
    if (state.phase === 'idle') {
      say();
      say(decisionLine(view));
      story(view, state);
      if (view.discussionPrompt) say(`Discuss: ${view.discussionPrompt}`, '  ');
      return say(`(o: open the vote${backHint(view, state)}${view.facilitatorNote ? ' · f: facilitator note' : ''}${WHO})`);
    }
    if (state.phase === 'open') {
      say(`Vote open (round ${state.round}). ${view.prompt ?? ''}`);
      // A reply the story does not open here is marked, as the phones grey it out (and --facilitate marks it).
      for (const r of view.replies) say(`  ${r.number}. ${pathReply(r.text, r.kind !== 'do')}${r.enabled ? '' : ' (not available now)'}`, '     ');
      return say(`l: lock · r: reveal · s: how many voted${WHO}`);
    }
    if (state.phase === 'locked') return say('Vote locked. r: reveal');
    // Back (u) at the decision followed before: which one it is, before its reveal as it was.
    if (previous !== undefined && previous.phase !== 'revealed' && previous.history.length > state.history.length) {
      say();
      say(`Back to ${decisionLine(view).replace(/^D/, 'd')}`);
    }
    const reveal = presenterView(ctx, state, server.connectedPhones()).reveal;
    // With the replies as offered, so one the story does not open here says why in place of its number.
    if (reveal) io.out(`\n${revealText(reveal, width(), view.replies)}\n\n`);
    // Once revealed, the note is the room's too (the presenter page shows it then, as --facilitate does).
    if (view.facilitatorNote) say(`Facilitator note: ${view.facilitatorNote}`, '  ');
    // w works here too, so the line names it as the other hints do (with no full stop before it, it is
    // 60 columns whole: one row of the narrowest terminal the app draws in).
    say(`Type the number of the reply the room follows${WHO}`);
  };

  /** How many phones are here and have voted (the s key). */
  const countWords = (state: RoomState) => {
    const c = presenterView(ctx, state, server.connectedPhones()).count;
    // Between votes the round's number is the last one's, whose votes went with its decision:
    // "0 voted in round 1" would read as if nobody had voted there (the presenter page says nothing of votes then).
    const votes = voting(state) ? `${c.voted} voted in round ${c.round}` : 'no vote is open';
    return `${c.connected} ${c.connected === 1 ? 'phone' : 'phones'} connected, ${c.joined} joined; ${votes}.`;
  };

  /**
   * 'e' was typed once: ending is for everyone, so it asks first. Not undone by u, which goes back
   * only from an ending the story reached (the room refuses it after an end for everyone), nor by
   * room --resume, which does not open a room whose session was ended for everyone.
   */
  let ending = false;
  const act = (word: string) => {
    const state = server.state();
    const confirmed = ending && word === 'e';
    // Asked, and answered with something else (y, as the app's other questions take): said, not the list of commands.
    const declined = ending && !confirmed;
    ending = false;
    if (word === 'e' && notStarted(state)) return say(NOTHING_TO_END);
    if (word === 'e' && !confirmed && state.phase !== 'ended') {
      ending = true;
      return say('End the session for everyone? Phones stop voting and the session cannot be carried on: unlike an ending the story reaches, u cannot go back from it, and "room --resume" does not open it again. Type e again to end it; anything else carries on.');
    }
    const view = roomSessionView(ctx, state);
    const result =
      word === 'n' ? server.present({ type: 'advance', node: view.nodeId })
      : word === '' ? (view.kind === 'scene' || (view.kind === 'decision' && notStarted(state)) ? server.present({ type: 'advance', node: view.nodeId }) : undefined)
      : word === 'o' ? server.present({ type: 'open', node: view.nodeId })
      : word === 'l' ? server.present({ type: 'lock', round: state.round })
      : word === 'r' ? server.present({ type: 'reveal', round: state.round })
      : word === 'e' ? server.present({ type: 'end' })
      : word === 'u' ? server.present({ type: 'back', node: view.nodeId })
      : word === 'b' ? server.present(state.onBreak === true ? { type: 'break', on: false, break: state.breakNumber ?? 1 } : { type: 'break', on: true })
      : REPLY_NUMBER.test(word) ? server.present({ type: 'choose', round: state.round, reply: view.replies.find((r) => String(r.number) === word)?.id ?? 'none' })
      : undefined;
    if (word === 's') return say(countWords(state));
    // How phones join, again (printed once when the room opened, it scrolled away with the first
    // scene): for a volunteer who arrives late. The room stays where it is.
    if (word === 'j') return joinBlock ? io.out(`\n${joinBlock()}`) : say('How phones join was printed when the room opened.');
    // The presenter address, again: the page keeps its secret only in the tab it was opened in (it
    // takes it out of its address bar), so a trainer whose tab closed needs the printed address.
    if (word === 'p') return presenterBlock ? io.out(`\n${presenterBlock()}`) : say('The presenter address was printed when the room opened.');
    // Who's who, as --facilitate shows it (its heading and rows, in plain text): the people the room
    // has met so far with the scenario's words about them (the core's peopleMet, with the reveals).
    // The room stays where it is.
    if (word === WHO_HINT[0]) {
      const rows = whoRows(presenterView(ctx, state, 0).people ?? [], width());
      return io.out(`\n${WHO_HEADING}\n\n${rows.map((r) => r.map((s) => s.text).join('')).join('\n')}\n`);
    }
    // The note before the reveal, for the trainer's eyes (the presenter page's "trainer only" button):
    // it often names the answer, so the reveal is where the room's screens show it.
    // A scene's note has no reveal: it stays the trainer's.
    if (word === 'f') {
      if (view.kind === 'scene') return say(view.facilitatorNote ? `Facilitator note (for you): ${view.facilitatorNote}` : 'This scene has no facilitator note.', '  ');
      if (view.kind !== 'decision') return say('The facilitator note belongs to a decision or a scene; this is neither.');
      // Once revealed, the room has seen it (the reveal block printed it): not "the room sees it at the reveal".
      const whose = state.phase === 'revealed' ? '' : ' (for you; the room sees it at the reveal)';
      return say(view.facilitatorNote ? `Facilitator note${whose}: ${view.facilitatorNote}` : 'This decision has no facilitator note.', '  ');
    }
    if (['q', 'quit', 'exit'].includes(word)) return say(HOW_TO_CLOSE);
    if (result === undefined) return declined ? say(NOT_ENDED) : word === '' ? undefined : say(CONTROLS_HELP);
    // A number no reply has here ("9" of three): which numbers there are, not "That reply is not
    // available", nor (before the reveal) "Reveal the votes first".
    if (result.ok) return;
    // A reply that is there but closed at this point of the story: why (the core's words), as --facilitate says it.
    const closed = result.code === 'unknown-reply' && REPLY_NUMBER.test(word) ? view.replies.find((r) => String(r.number) === word && !r.enabled) : undefined;
    if (closed) return say(unavailableWords(closed));
    const none = (result.code === 'unknown-reply' || result.code === 'not-now') && view.kind === 'decision' && view.replies.length > 0 && REPLY_NUMBER.test(word) && view.replies.every((r) => String(r.number) !== word);
    say(result.code === 'on-break' ? 'The room is on a break: type b to end it first (the phones then show again what they showed).'
      : word === 'o' && result.code === 'not-now' && notStarted(state) && view.kind === 'decision' ? `The content note is still up: ${FIRST_DECISION}.`
      : view.kind === 'scene' && REPLY_NUMBER.test(word) ? AT_A_SCENE
      : none ? `There is no reply ${word} at this decision: type a number from 1 to ${view.replies.length}.` : result.message);
  };

  lines.on('line', (line) => act(line.trim().toLowerCase()));
  // Input that ends (no terminal, or a closed pipe) leaves the room running: the presenter page and Ctrl+C remain.
  lines.on('close', () => (lines = undefined));
  return {
    /**
     * The first block, at start or at `room --resume`: a room resumed in the middle of a vote says
     * which decision it is at and how many have voted, before the replies (or the reveal).
     */
    start: (state: RoomState) => {
      const view = roomSessionView(ctx, state);
      // Before the first step, the content note, to read with the room (the projector shows it too).
      const note = presenterView(ctx, state, 0).contentNote;
      if (note) {
        say();
        say(`Content note (about ${note.minutes} minutes): ${note.text}`);
        say('Read it with the room before you start.');
      }
      if (voting(state) && view.kind === 'decision') {
        say();
        say(decisionLine(view));
        if (view.discussionPrompt) say(`Discuss: ${view.discussionPrompt}`, '  ');
        say(countWords(state));
      }
      // Resumed on a break: the moment it waits at (an open vote's replies too, which were said only
      // once the break was over), then the break and how to end it.
      if (state.onBreak && state.phase !== 'ended') {
        const { onBreak: _break, ...moment } = state;
        describe(moment);
      }
      describe(state);
    },
    changed: describe,
    close: () => {
      lines?.close();
      lines = undefined;
    },
  };
}
