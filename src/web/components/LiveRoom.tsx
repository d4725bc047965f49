import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { backFromEndingWords, breaksCritical, roomsChoice, citationWords, replyScoreWords, STALE_DOWNLOAD_WORDS, backToDecision, scoreWords, VERDICT_WORDS, votesWords, type PresenterCommand, type PresenterView, type ServerError } from '../../machines/index.js';
import { backFromEnding, connectRoom, qrUrl, thisPageId, type RoomClient, type RoomLink, type RoomSnapshot, type RoomStatus } from '../room-client.js';
import { clickerButton, ClickerHint, NO_BRANCH_WORDS, useClickerKeys, type ClickerKeys } from '../clicker.js';
import { downloadText } from '../download.js';
import { useDownloadNote } from './DownloadNote.js';
import { Announce } from './Announce.js';
import { WhosWho } from './WhosWho.js';
import { BlankButton, BlankNotice } from './BlankProjector.js';
import { ConfirmPanel, useConfirmation } from './Confirm.js';
import { pagedRevealKeys, RevealPager } from './RevealPager.js';
import { DecisionSetup, FollowChoice, FollowReply, RoomOption, TrainerMoment, type SetupScene } from './TrainerMoment.js';
import { JoinUrl } from './JoinUrl.js';
import { useStepsHeight } from '../trainer-steps.js';
import { projectedEnding, projectedFollowed, projectedOutcome, projectedReplies, projectedReveal, projectedSetup, projectorAddress, momentHeading, stepWords, useProjector, useProjectorOverflow, useRevealPages, PROJECTOR_BLOCKED_WORDS, PROJECTOR_HOWTO_WORDS, PROJECTOR_OUT_OF_DATE_WORDS, type ProjectedPage, type ProjectorState } from '../projector.js';
import './LiveRoom.css';

/**
 * Presenter mode with a live room (`casa-practice room`): the page was opened from the presenter
 * address the room printed, so the room server holds the session and the phones' votes. This page
 * shows the join address, its QR code and the room code for the projector, how many phones joined
 * and voted (live), the trainer's buttons (open, lock, reveal, follow a reply, end), and on the
 * reveal the room's tally with vote bars and best practice marked. Everything comes from the room
 * client's snapshot; every action is a presenter command sent through it.
 */
/**
 * `onBreakEnded`: the room's break, this page's own, was ended elsewhere (the page's break ends with
 * it). `onBreakResumed`: the page was opened (reloaded) while the room is on its own break (the room
 * names this page's id, kept over a reload: thisPageId), so the page is on its break again, and its
 * "Back from break" ends it.
 */
export function LiveRoom({ link, connect = (l) => connectRoom({ link: l, page: thisPageId() }), paused = false, onBreakEnded, onBreakResumed }: { link: RoomLink; connect?: (link: RoomLink) => RoomClient; paused?: boolean; onBreakEnded?: () => void; onBreakResumed?: () => void }) {
  const [client, setClient] = useState<RoomClient>();
  useEffect(() => {
    const c = connect(link);
    setClient(c);
    return () => c.close();
    // One connection per room link for the page's life.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [link.room, link.token]);
  // Until the connection is made (an effect, after the first drawing), the panel is drawn over a
  // client still connecting: its status region is in the page from the start, and the same region
  // says each status after (one shown with its words in it, then replaced by another, was not said).
  const waiting = useMemo(() => connectingClient(link.room), [link.room]);
  return <RoomPanel client={client ?? waiting} paused={paused} onBreakEnded={onBreakEnded} onBreakResumed={onBreakResumed} />;
}

/**
 * A scene's words as "Before this" shows them (a SetupScene): its heading (its title, or "Scene 1" by
 * its number in the playthrough, as the room heads the setup scenes it sends), narration and lines.
 */
function sceneWords(session: PresenterView['session'], sceneNumber: number | undefined): SetupScene {
  return {
    title: momentHeading(session, sceneNumber),
    ...(session.narration ? { narration: session.narration } : {}),
    lines: session.lines.map((l) => ({ speaker: l.speaker, ...(l.role ? { role: l.role } : {}), text: l.text })),
  };
}

/** A client that is connecting and stays so, sending nothing: the room panel before the connection is made. */
function connectingClient(room: string): RoomClient {
  const snapshot: RoomSnapshot = { status: 'connecting', room };
  return { subscribe: () => () => {}, getSnapshot: () => snapshot, send: () => false, close: () => {} };
}

const STATUS_WORDS: Record<RoomStatus, string> = {
  connecting: 'Connecting to the room…',
  open: 'Connected to the room.',
  reconnecting: 'Connection to the room lost: reconnecting…',
  closed: 'Disconnected from the room. Reload the page to connect again.',
  // The room's own words are shown instead (snap.error); these only if it sent none.
  outdated: 'This page is out of date: reload the page.',
  gone: 'This presenter page is for a room that is no longer running here. Open the presenter address the room command printed.',
  ended: 'The session has ended and the room has closed. The session summary was written on the laptop that ran the room.',
};

/**
 * The room closed (Ctrl+C) at the ending its story reached: `room --resume` opens it again, to go
 * back to decision `back` (as the terminal said), and the room client finds it by itself.
 */
export const closedAtEnding = (back: number) =>
  `The room has closed at the story's ending. The session summary was written on the laptop that ran the room. To go back to decision ${back}, resume the room on the laptop (room --resume): this page connects to it again by itself.`;

/**
 * Trying again without ever having reached the room (no view yet): nothing was lost. The room is
 * not running (closed with Ctrl+C, the page reopened from the browser's history), or this page was
 * opened from another server than the room's (the address has another port).
 */
const NEVER_CONNECTED = 'Cannot reach the room at this address: is the room command still running on this laptop, and is this the presenter address it printed? Trying again…';

const PHASE_WORDS: Record<PresenterView['phase'], string> = {
  idle: 'No vote open.',
  open: 'Voting is open.',
  locked: 'Voting is locked.',
  revealed: 'Votes revealed.',
  ended: 'The session has ended.',
};

/** The first step of a story that opens on a decision: the room is shown it, its vote not yet open (protocol 15). */
export const SHOW_DECISION = 'Show the decision';

/** Said when Page Down would lock a vote no phone has voted in yet (one press would skip the room's vote). */
const NO_VOTE_TO_LOCK = 'No phone has voted yet, so Page Down did not lock the vote. It locks it once a vote is in; to close it now, choose “Lock the vote”.';
/** Said when Page Down would reveal a vote no phone voted in. */
const NO_VOTE_TO_REVEAL = 'No phone voted, so Page Down did not reveal the votes: choose “Reveal the votes” to reveal them anyway.';

/**
 * Where the room's break was ended, when not from this page, as the room says it (`breakEndedBy`,
 * protocol version 10, and `breakEndedPage`, version 12: which page): the laptop's terminal (b) or
 * another presenter page. `either`: a room that
 * did not say (one resumed from a file of a room from before, whose break ended with no word of
 * where), worded for both, as before version 10.
 */
type BreakEnder = NonNullable<PresenterView['breakEndedBy']> | 'either';
const ENDED_FROM: Record<BreakEnder, string> = {
  terminal: 'the laptop’s terminal (b)',
  page: 'another presenter page',
  either: 'the laptop’s terminal or another presenter page',
};
/** The room's break ended from elsewhere than this page, by where it was ended. */
export const BREAK_ENDED_ELSEWHERE = Object.fromEntries(Object.entries(ENDED_FROM).map(([k, from]) => [k, `The room’s break was ended from ${from}: the phones show the session again.`])) as Record<BreakEnder, string>;
/** …when the break was this page's own: its "Take a break" panel closed with it. */
export const OWN_BREAK_ENDED_ELSEWHERE = Object.fromEntries(Object.entries(ENDED_FROM).map(([k, from]) => [k, `The room’s break was ended from ${from}, so this page is back from its break too: the phones show the session again.`])) as Record<BreakEnder, string>;

/**
 * The room's `on-break` refusal, in this page's words: the control that ends the break here is
 * named (the room's own words name both, and "Back from break" is at the top of the page only
 * during the page's own break).
 */
const ON_BREAK_REFUSED = {
  own: 'The room is on a break: end the break first with “Back from break” at the top of the page (or b in the room’s terminal).',
  other: 'The room is on a break: end the break first with “End the break for the room”, above the moment’s heading (or b in the room’s terminal).',
};

/** What the phone count is said with when it may be out of date (the connection is down). */
const COUNT_BEFORE: Partial<Record<RoomStatus, string>> = {
  reconnecting: 'Before the connection was lost: ',
  closed: 'Before the connection was lost: ',
  ended: 'When the room closed: ',
};

/** The break notice's words for a break this page did not take (the laptop's terminal's, or from before a reload). */
export const ROOM_ON_BREAK = 'The room is on a break: the phones show only that, and cannot vote.';
/** …for a break another presenter page is on and this page is not (back from its own while the other page is still on it). */
export const OTHER_PAGES_BREAK = 'The room is still on a break, another presenter page’s: the phones show only that, and cannot vote.';
/**
 * …for a break another presenter page took and this page was never on (a page opened during it, or
 * the trainer's own on-break tab closed and the presenter opened again): nothing is "still" on for
 * this page, and the page that took it may be gone (ending it here ends it for the room).
 */
export const ANOTHER_PAGES_BREAK = 'The room is on a break another presenter page took: the phones show only that, and cannot vote.';

/** The status line's words for the vote while the room is on a break (the phones cannot vote). */
const ON_BREAK_PHASE = 'The room is on a break.';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The room panel over a connected (or connecting) room client. */
export function RoomPanel({ client, paused = false, onBreakEnded, onBreakResumed }: { client: RoomClient; paused?: boolean; onBreakEnded?: () => void; onBreakResumed?: () => void }) {
  const snap: RoomSnapshot = useSyncExternalStore(client.subscribe, client.getSnapshot);
  // The status region is drawn empty first and its words put in after (as Announce does): a live
  // region that appears with its words already in it is often not read out.
  const [drawn, setDrawn] = useState(false);
  useEffect(() => setDrawn(true), []);
  // A refusal is shown until the trainer's next command (the client keeps the last one).
  const [dismissed, setDismissed] = useState<ServerError>();
  // A command waits for the room's answer (a new view or a refusal): no double sends.
  const [pending, setPending] = useState<{ view?: PresenterView; error?: ServerError }>();
  // The moment whose facilitator note the trainer asked to see before the reveal.
  const [noteFor, setNoteFor] = useState<string>();
  // Ending is for every phone and cannot be taken back (not even by restarting the room): asked first.
  const ending = useConfirmation();
  // The summary last downloaded from this page: after the room goes back from an ending and takes
  // another branch, the end screen says that copy is out of date (its file keeps the same name).
  const [downloaded, setDownloaded] = useState<string>();
  const { view, count } = snap;
  // The join block, QR code and all, took about 600 px of a 1280×720 laptop above the moment: every
  // decision's replies and the trainer's next step were below the fold. Once a phone has joined it
  // folds to a line (the room code and address; the QR code a button away), unless the trainer chose.
  const [joinChoice, setJoinChoice] = useState<boolean>();
  const joinOpen = joinChoice ?? (count?.joined ?? 0) === 0;
  const connected = snap.status === 'open';
  const busy = !connected || (pending !== undefined && pending.view === view && pending.error === snap.error);
  const outdated = snap.status === 'outdated';
  // Stopped for good (out of date, or another room runs here now): the room's words stand alone.
  const stopped = outdated || snap.status === 'gone';
  const error = !stopped && snap.error !== undefined && snap.error !== dismissed ? snap.error : undefined;
  // The break is over (ended from this page, or from the laptop's terminal): a step the room refused
  // because of it ("end the break first") is no longer said, as if still in the way.
  const onBreak = view?.onBreak === true;
  const [breakSeen, setBreakSeen] = useState(onBreak);
  if (breakSeen !== onBreak) {
    setBreakSeen(onBreak);
    if (!onBreak && snap.error?.code === 'on-break') setDismissed(snap.error);
  }

  // Keyboard and screen-reader users keep their place: a new moment focuses its heading; when the
  // button just pressed went away (open → lock/reveal, reveal → the tally), the next step is focused.
  const heading = useRef<HTMLHeadingElement>(null);
  const revealHeading = useRef<HTMLHeadingElement>(null);
  const controls = useRef<HTMLParagraphElement>(null);
  const revealList = useRef<HTMLOListElement>(null);
  const seen = useRef<{ node: string; phase: string; onBreak: boolean }>(undefined);
  // The trainer's steps stay at the window's bottom edge, never over what has the focus (trainer-steps.ts).
  useStepsHeight(controls, view !== undefined);
  useEffect(() => {
    if (!view) return;
    const before = seen.current;
    seen.current = { node: view.session.nodeId, phase: view.phase, onBreak: view.onBreak === true };
    if (!before) return;
    const lost = document.activeElement === null || document.activeElement === document.body;
    if (before.node !== view.session.nodeId || (lost && view.phase === 'ended')) heading.current?.focus();
    // "End the break for the room" goes away once the break is over: its focus goes to the next step too.
    else if (lost && (before.phase !== view.phase || (before.onBreak && view.onBreak !== true))) (view.phase === 'revealed' ? revealHeading.current : controls.current?.querySelector<HTMLButtonElement>('button:not(:disabled):not([aria-disabled="true"])'))?.focus();
  }, [view]);

  // Out of date (casa-practice was updated while this page was open): the moment and its buttons are
  // gone, and focus that was on them (now on nothing) moves to the one thing left to do.
  const reload = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (outdated && (document.activeElement === null || document.activeElement === document.body)) reload.current?.focus();
  }, [outdated]);

  const session = view?.session;
  const reveal = view?.phase === 'revealed' ? view.reveal : undefined;
  const back = view && session ? backToDecision(session, view.decisions.length) : undefined;
  // The reply the room chose at the reveal, if one alone has the most votes: the row's next step.
  const choice = reveal && session ? roomsChoice(reveal.entries, (id) => session.replies.some((r) => r.id === id && r.enabled)) : undefined;

  // The decision the room went back to ("Back to decision N", from this page, another or the
  // laptop's terminal: fewer decisions followed than before), or the one this page was opened at:
  // one with no words of its own is shown with the scenes that set it up (the room sends them, the
  // core's decisionSetup) under "Before this", on the laptop and the projector, as presenter mode
  // without a room does. Not when the story comes to it from those scenes, which the room has just seen.
  // `hidden`: a scene the projector did not show, the content note standing in for it until the
  // trainer's first step (the story's opening scene, in most scenarios).
  const [moment, setMoment] = useState<{ node: string; decisions: number; hidden?: SetupScene }>();
  const [setupAt, setSetupAt] = useState<string>();
  // The opening scene the room has not seen, and the moment after it where the projector shows it
  // under "Before this": the first step (Continue) moved the room past it while the projector still
  // showed the content note, and the room was asked about a scene it never saw (boy-red-flags' first
  // decision, "What do you say to Ray?", asks about Ray's words in it). The laptop showed it.
  const [opening, setOpening] = useState<{ node: string; scenes: readonly SetupScene[] }>();
  if (view && session && (moment?.node !== session.nodeId || moment.decisions !== view.decisions.length)) {
    setMoment({ node: session.nodeId, decisions: view.decisions.length, ...(view.contentNote && session.kind === 'scene' ? { hidden: sceneWords(session, view.sceneNumber) } : {}) });
    setSetupAt(moment === undefined || view.decisions.length < moment.decisions ? session.nodeId : undefined);
    setOpening(moment?.hidden && !view.contentNote && view.decisions.length === moment.decisions ? { node: session.nodeId, scenes: [moment.hidden] } : undefined);
  }
  const setup: readonly SetupScene[] = view?.setup && setupAt === session?.nodeId ? view.setup : [];
  const projectorSetup: readonly SetupScene[] = setup.length === 0 && opening !== undefined && opening.node === session?.nodeId ? opening.scenes : setup;

  // A presentation clicker (clicker.tsx): Page Down takes the next step, the vote's one at a time
  // (open it; lock it once a phone has voted; reveal it once locked, if any vote came in), never a
  // branch; Page Up goes back to the last decision where the page offers it.
  const page = useRef<HTMLDivElement>(null);
  const voted = snap.count?.voted ?? 0;
  // A reveal too long for the projector in type the room can read is shown there in pages, which
  // Page Down and Page Up step through first (see useRevealPages). This reveal, by its round.
  const revealId = session?.kind === 'decision' && reveal ? `${snap.room} ${view?.round}` : undefined;
  const paging = useRevealPages(revealId);
  // At the ending the story reached: back to the decision whose reply led there (a last branch followed by mistake).
  const backFromEnd = backFromEnding(view);
  const keys: ClickerKeys = !view || !session || stopped ? {} : view.phase === 'ended' ? {
    off: paused,
    ...(backFromEnd !== undefined ? { back: { label: `Back to decision ${backFromEnd}` } } : {}),
  } : {
    off: paused || ending.open,
    ...(session.kind === 'scene' ? (session.canContinue ? { next: { label: 'Continue' } } : {})
      : session.kind !== 'decision' ? {}
      // A story that opens on a decision: the first step shows it to the room, its vote not yet open.
      : view.phase === 'idle' && view.contentNote ? { next: { label: SHOW_DECISION } }
      : view.phase === 'idle' ? { next: { label: 'Open the vote' } }
      : view.phase === 'open' ? { next: { label: 'Lock the vote', when: 'once a phone has voted', ...(voted === 0 ? { refused: NO_VOTE_TO_LOCK } : {}) } }
      : view.phase === 'locked' ? { next: { label: 'Reveal the votes', when: 'if any vote came in', ...(voted === 0 ? { refused: NO_VOTE_TO_REVEAL } : {}) } }
      : pagedRevealKeys(paging, { nextNone: NO_BRANCH_WORDS }, {})),
    ...(view.phase === 'idle' && back !== undefined ? { back: { label: `Back to decision ${back}` } } : {}),
  };
  // A screen too long for a projector window: the keys scroll it first (projectorOverflowKeys).
  const overflow = useProjectorOverflow();
  const clicker = useClickerKeys(keys, page, overflow);

  // The trainer's break is the room's: the phones are told (they show the break, and cannot vote)
  // when it starts and when it ends. `told`: the break as this page last told the room of it; a
  // change made while the connection was down is told once it is back. Only this page's own break:
  // one taken from the laptop's terminal, or before this page was opened, is shown with its own way
  // to end it (below), not ended by a page that connects.
  const told = useRef(paused);
  // The room's break is this page's own (told by it): the room's "on a break" notice is not shown for
  // it, and the room's refusal for it names "Back from break" (at the top of the page).
  const [askedBreak, setAskedBreak] = useState(false);
  // The room names the pages on its break (protocol 14): two pages that took a break at once are both
  // on it, and a page back from it while another page is still on it is no longer on it (the room
  // stays on the other page's break, shown here as a break taken elsewhere, with its way to end it).
  const onIt = view?.onBreak === true && view.breakPages !== undefined && client.page !== undefined ? view.breakPages.includes(client.page) : undefined;
  const ownBreak = onIt ?? askedBreak;
  // Another page is on the room's break, and this page is not (its words say so): back from it while
  // the other page is still on it (this page was on the same break), or never on it.
  const othersBreak = onIt === false;
  const [breakOnAt, setBreakOnAt] = useState<number | undefined>(undefined);
  const breakNumber = view?.breakNumber;
  useEffect(() => {
    if (onIt === true && breakNumber !== undefined) setBreakOnAt(breakNumber);
  }, [onIt, breakNumber]);
  const backBeforeOthers = othersBreak && breakOnAt !== undefined && breakOnAt === breakNumber;
  // This page asked the room to end the break ("Back from break", or "End the break for the room"):
  // a break that ends otherwise was ended elsewhere (the laptop's terminal, or another presenter page).
  const endingBreak = useRef(false);
  // The number of the room's last break when this page asked for its own (the room numbers breaks in
  // order: this page's is the next, until the room says otherwise).
  const askedAfter = useRef(0);
  useEffect(() => {
    if (!connected || !view || view.phase === 'ended' || told.current === paused) return;
    // Back from its break, the page names the break it ends (protocol 13), so that the room changes
    // nothing if that break is over: the room's break now, or, before the room has said that the
    // break this page asked for began, the one it will be. A break begun and ended since is over.
    const last = view.breakNumber ?? 0;
    const ends = view.onBreak ? last : last === askedAfter.current ? last + 1 : last;
    if (!client.send(paused ? { type: 'break', on: true } : { type: 'break', on: false, break: Math.max(1, ends) })) return;
    if (paused) askedAfter.current = last;
    told.current = paused;
    endingBreak.current = !paused;
    if (paused) setAskedBreak(true);
  }, [connected, view, paused, client]);
  // Reloaded during its own break (its id kept over the reload, which the room's break names), the
  // page comes back on it: its break panel is shown again (App's), nothing is sent (the room is on it
  // already), and its "Back from break" ends it. It came back not on it, and showed the break as
  // another page's, which the room stayed on until "End the break for the room" or the terminal's b.
  // Only at the first view the page has: later, the room names this page on its break while the page
  // is not on it only until the room has its "Back from break".
  const firstView = useRef(true);
  useEffect(() => {
    if (!view || !firstView.current) return;
    firstView.current = false;
    if (onIt !== true || paused || view.phase === 'ended' || onBreakResumed === undefined) return;
    told.current = true;
    setAskedBreak(true);
    onBreakResumed();
  }, [view, onIt, paused, onBreakResumed]);
  // A break ended elsewhere is said (a polite region, below); one that was this page's own ends here
  // too (App closes its "Take a break" panel, and the projector shows the session again), with the
  // focus, left on nothing when the panel went, on the moment's heading.
  const [breakNews, setBreakNews] = useState<string>();
  const focusAfterBreak = useRef(false);
  const roomBreak = view === undefined ? undefined : view.onBreak === true;
  const lastRoomBreak = useRef(roomBreak);
  useEffect(() => {
    if (roomBreak === undefined) return;
    const was = lastRoomBreak.current;
    lastRoomBreak.current = roomBreak;
    if (was === roomBreak) return;
    if (roomBreak) {
      endingBreak.current = false;
      setBreakNews(undefined);
      return;
    }
    if (was === undefined) return;
    setAskedBreak(false);
    // Ended by this page's own command, or elsewhere: the room names the page that ended it (protocol
    // 12), so a page that pressed at the same moment as another (whose command then changed nothing)
    // says that the other page ended it, and one that pressed as the terminal's b came first says the
    // terminal. A room that names no page (a page that named none, a room resumed from before) leaves
    // it to whether this page asked.
    const endedBy = view?.breakEndedBy;
    const endedHere = endedBy === 'terminal' ? false
      : endedBy === 'page' && view?.breakEndedPage !== undefined && client.page !== undefined ? view.breakEndedPage === client.page
      : endingBreak.current;
    endingBreak.current = false;
    if (endedHere) return;
    // Not to be told again when this page comes back from its break: the room is back already.
    const mine = told.current && paused;
    told.current = false;
    const from = view?.breakEndedBy ?? 'either';
    setBreakNews((mine ? OWN_BREAK_ENDED_ELSEWHERE : BREAK_ENDED_ELSEWHERE)[from]);
    if (!mine) return;
    focusAfterBreak.current = true;
    onBreakEnded?.();
  }, [roomBreak, paused, onBreakEnded, view?.breakEndedBy, view?.breakEndedPage, client.page]);
  useEffect(() => {
    if (paused || !focusAfterBreak.current) return;
    focusAfterBreak.current = false;
    if (document.activeElement === null || document.activeElement === document.body) heading.current?.focus();
  }, [paused]);
  // Words for the break's region are put in once the page is shown (after a break of its own, hidden
  // until now): words in a region as it is shown are often not read out.
  const [shown, setShown] = useState(!paused);
  useEffect(() => setShown(!paused), [paused]);
  // On a break taken elsewhere (the laptop's terminal, or before a reload) too, the projector shows it.
  const roomOnBreak = view?.onBreak === true && view.phase !== 'ended';

  // The break notice with its way to end it (a break this page did not take), or the news that it ended elsewhere.
  const breakEnd = shown && roomOnBreak && !ownBreak;
  const breakNotice = breakEnd || (shown && !roomOnBreak && breakNews !== undefined);

  // How many phones had joined when the moment on screen came, or its vote opened: the projector's
  // join block at a decision (projectedRoom), which does not fold while the room reads it.
  const shownAt = view ? `${view.session.nodeId} ${view.round}` : undefined;
  const [shownWith, setShownWith] = useState<{ at?: string; joined: number }>({ joined: 0 });
  if (shownWith.at !== shownAt) setShownWith({ at: shownAt, joined: count?.joined ?? 0 });
  const joinedAtOpen = (shownWith.at === shownAt ? shownWith.joined : count?.joined ?? 0) > 0;
  const [openProjector, projectorOutdated, projectorBlocked, blank] = useProjector(projectedRoom(snap, revealId === undefined ? undefined : { id: revealId, at: paging.at }, projectorSetup, joinedAtOpen), true, clicker.press, paused || roomOnBreak);

  const send = (command: PresenterCommand) => {
    if (busy) return;
    setDismissed(snap.error);
    if (!client.send(command)) return;
    setPending({ view, error: snap.error });
    setBreakNews(undefined);
    if (command.type === 'break' && !command.on) endingBreak.current = true;
  };
  // While the room has not answered (or the connection is down) the room's buttons wait: marked
  // unavailable and doing nothing, but not disabled, which in a browser takes the focus off the
  // button just pressed and leaves it on nothing (a keyboard user started again from the top of
  // the page whenever the room was slow to answer, refused a step, or the connection dropped).
  const whenIdle = (onClick: () => void) => (busy ? { 'aria-disabled': true, onClick: undefined } : { onClick });
  const endTrigger = ending.trigger('end-session-confirm');

  return (
    <div className="facilitation live-room" ref={page}>
      {/* The room's connection, how to join and its break are for the room while it runs: on paper (a
          reveal printed) they came first, a third of a page, and a QR code to a room gone by then. */}
      <p role="status" className={`room-status room-${snap.status} no-print`}>
        {!drawn ? null : stopped ? (snap.error?.message || STATUS_WORDS[snap.status]) : snap.status === 'reconnecting' && !view ? NEVER_CONNECTED : snap.status === 'ended' && backFromEnd !== undefined ? closedAtEnding(backFromEnd) : STATUS_WORDS[snap.status]}
        {drawn && error && <> The room refused that: {error.code === 'on-break' ? ON_BREAK_REFUSED[ownBreak || paused ? 'own' : 'other'] : error.message}</>}
      </p>
      {outdated && <p><button type="button" className="primary" ref={reload} onClick={() => location.reload()}>Reload the page</button></p>}
      {/* Another room runs here now: this page's room code and join address would send phones to a room that has closed. */}
      {snap.status !== 'gone' && <section aria-labelledby="room-join-heading" className={joinOpen ? 'room-join no-print' : 'room-join room-join-folded no-print'}>
        {/* The section's name, not a heading: it comes before the moment's h1 (the page's first
            heading), and a heading here made the outline start at level 2. The region is named by it. */}
        <p id="room-join-heading" className="room-join-title">Vote from your phone</p>
        <p className="room-code">Room code <strong>{snap.room}</strong></p>
        {snap.join !== undefined && (joinOpen ? (
          <div className="room-qr">
            <img src={qrUrl} width={220} height={220} alt={`QR code for the join address ${snap.join}`} />
            <p>Join at <JoinUrl url={snap.join} /></p>
          </div>
        ) : <p className="room-join-at">Join at <JoinUrl url={snap.join} /></p>)}
        {count && (
          <p className="room-count">
            {COUNT_BEFORE[snap.status]}{plural(count.joined, 'phone joined', 'phones joined')} ({count.connected} connected)
            {view && view.phase !== 'idle' && view.phase !== 'ended' ? <>; {plural(count.voted, 'vote', 'votes')} in this round</> : null}
          </p>
        )}
        {/* The same button in both states, so the focus stays on it. Not on a page that is out of date: its one button is Reload. */}
        {snap.join !== undefined && !stopped && <button type="button" className="room-qr-toggle" aria-expanded={joinOpen} onClick={() => setJoinChoice(!joinOpen)}>{joinOpen ? 'Hide the QR code' : 'Show the QR code'}</button>}
      </section>}
      {/* Until the room's state arrives there is no moment: the page still has its one h1. */}
      {!(view && session) && <h1 className="sr-only">Presenter mode: live room</h1>}
      {view && session && (
        <>
          <p className="status-line">
            <span>{session.scenarioTitle}<span className="sr-only">. </span></span>
            <span>{stepWords(session, view.sceneNumber)}<span className="sr-only">. </span></span>
            <span>{roomOnBreak ? ON_BREAK_PHASE : PHASE_WORDS[view.phase]}</span>
          </p>
          {/* A break this page did not take (from the laptop's terminal, or before the page was reloaded): the room refuses its steps until it ends. */}
          {/* Polite, so a screen reader hears of a break taken (or ended) elsewhere; in the page before its words.
              Its button is after the region, not in it: a button in a live region may be read as part of
              the news ("…cannot vote. End the break for the room, button"), and read again when its
              state changes (aria-disabled while the room answers). One box holds both, by eye. */}
          <div className={breakNotice ? 'notice room-break-box no-print' : 'room-break-box no-print'}>
            <div aria-live="polite" className="room-break">
              {breakEnd && <p>{othersBreak ? (backBeforeOthers ? OTHER_PAGES_BREAK : ANOTHER_PAGES_BREAK) : ROOM_ON_BREAK}</p>}
              {shown && !roomOnBreak && breakNews && <p>{breakNews}</p>}
            </div>
            {breakEnd && <button type="button" {...whenIdle(() => send({ type: 'break', on: false, break: view?.breakNumber ?? 1 }))}>End the break for the room</button>}
          </div>
          {/* An untitled scene by its number in the playthrough ("Scene 3", the room's `sceneNumber`): several were "Scene" alike. */}
          <h1 ref={heading} tabIndex={-1}>{momentHeading(session, view.sceneNumber)}</h1>
          <DecisionSetup scenes={setup} id="room-setup-heading" />
          {view.contentNote && (
            <section aria-labelledby="room-note-heading" className="content-note">
              <h2 id="room-note-heading">Content note</h2>
              <p>{view.contentNote.text}</p>
              <p>Read it with the room before you start (the projector and the phones show it until your first step), and pause for the room whenever it needs a break.</p>
            </section>
          )}
          <TrainerMoment view={session} noteShown={noteFor === session.nodeId} revealed={reveal !== undefined} onToggleNote={() => setNoteFor(noteFor === session.nodeId ? undefined : session.nodeId)} introductions={view.introductions} />
          {session.kind === 'decision' && !reveal && view.phase !== 'ended' && (
            <section aria-labelledby="options-heading">
              <h2 id="options-heading">{session.prompt}</h2>
              <ol className="options">
                {session.replies.map((r) => (
                  <li key={r.id}><RoomOption reply={r} /></li>
                ))}
              </ol>
            </section>
          )}
          {session.kind === 'decision' && reveal && (
            <section aria-labelledby="reveal-heading">
              <h2 id="reveal-heading" ref={revealHeading} tabIndex={-1}>The replies, revealed</h2>
              <p className="room-total">{plural(reveal.total, 'vote', 'votes')} in all.</p>
              <ol className="reveal" ref={revealList}>
                {reveal.entries.map((e) => {
                  const reply = session.replies.find((r) => r.id === e.replyId);
                  return (
                    <li key={e.replyId} className={e.best ? 'best' : undefined} data-reply={e.replyId}>
                      {/* An action stays marked "Do:" at the reveal, as in the replies before it: never read as words to say. */}
                      <p><strong>{e.number}.</strong> {e.replyKind === 'do' ? <><em className="do">Do:</em>{' '}</> : null}{e.replyText} {e.best && <strong className="best-mark">★ Best practice</strong>}</p>
                      <div className="vote-row"><div className="vote-bar" aria-hidden="true" style={{ width: `${e.percent}%` }} /><span className="votes">Votes: {votesWords(e, reveal.total)}</span></div>
                      <p className="reply-score">{replyScoreWords(e.value)}</p>
                      <p>{e.feedback}</p>
                      <ul className="verdicts">{(e.assessments ?? []).map((a) => <li key={a.principleId} className={a.verdict}>{VERDICT_WORDS[a.verdict]} {a.title} <span className="cite">({citationWords(a.citation, breaksCritical(a))})</span></li>)}</ul>
                      <FollowReply reply={reply} number={e.number} disabled={busy} onFollow={() => send({ type: 'choose', round: view.round, reply: e.replyId })} />
                    </li>
                  );
                })}
              </ol>
              <RevealPager paging={paging} />
            </section>
          )}
          {view.phase === 'ended' && <Ended view={view} back={backFromEnd} downloaded={downloaded} onDownload={setDownloaded} />}
          <p className="controls trainer-steps" ref={controls} onKeyDown={ending.onEscape}>
            {view.phase !== 'ended' && session.kind === 'scene' && session.canContinue && (
              <button type="button" className="primary" {...whenIdle(() => send({ type: 'advance', node: session.nodeId }))} {...clickerButton('next')}>Continue</button>
            )}
            {/* The story opens on this decision: the first step shows it to the room (the projector leaves the
                content note), its vote not yet open, for the room to discuss it first, as at every other decision. */}
            {session.kind === 'decision' && view.phase === 'idle' && view.contentNote && (
              <button type="button" className="primary" {...whenIdle(() => send({ type: 'advance', node: session.nodeId }))} {...clickerButton('next')}>{SHOW_DECISION}</button>
            )}
            {session.kind === 'decision' && view.phase === 'idle' && !view.contentNote && (
              <button type="button" className="primary" {...whenIdle(() => send({ type: 'open', node: session.nodeId }))} {...clickerButton('next')}>Open the vote</button>
            )}
            {view.phase === 'open' && <button type="button" {...whenIdle(() => send({ type: 'lock', round: view.round }))} {...clickerButton('next')}>Lock the vote</button>}
            {session.kind === 'decision' && reveal && <FollowChoice choice={choice} list={revealList} disabled={busy} onFollow={() => choice && send({ type: 'choose', round: view.round, reply: choice.replyId })} />}
            {(view.phase === 'open' || view.phase === 'locked') && (
              // Page Down reveals only a locked vote (while it is open, it locks it first).
              <button type="button" className="primary" {...whenIdle(() => send({ type: 'reveal', round: view.round }))} {...(view.phase === 'locked' ? clickerButton('next') : {})}>Reveal the votes</button>
            )}
            {/* A Follow pressed by mistake: back to that decision, revealed again with its votes (before a vote opens here). */}
            {(view.phase === 'idle' || backFromEnd !== undefined) && back !== undefined && <button type="button" {...whenIdle(() => send({ type: 'back', node: session.nodeId }))} {...clickerButton('back')}>Back to decision {back}</button>}
            <BlankButton blank={blank} />
          </p>
          {/* The room's other buttons, in the page after the steps' row: with them, the row took two lines at 1280 px (Lock the vote, Reveal the votes, End the session, Open a projector window, Blank the projector). */}
          <p className="actions session-tools no-print" onKeyDown={ending.onEscape}>
            {/* Not before the first step (the content note up): there is nothing to end, and ending it wrote a
                summary of a session that never began on the laptop; the room's terminal says so to its e. */}
            {view.phase !== 'ended' && !view.contentNote && <button type="button" {...endTrigger} {...whenIdle(endTrigger.onClick)}>End the session</button>}
            <button type="button" onClick={openProjector} {...(view.contentNote ? { 'aria-describedby': 'projector-howto' } : {})}>Open a projector window</button>
          </p>
          {/* Before the first step, as presenter mode's first screen says it: where the window opens and how to make it the projector's. */}
          {view.contentNote && <p className="hint no-print" id="projector-howto">{PROJECTOR_HOWTO_WORDS}</p>}
          {/* For the trainer to answer "who is that?" (the laptop only, as in presenter mode; the phones have their own). */}
          {view.people && <WhosWho people={view.people} ended={view.phase === 'ended'} />}
          <BlankNotice blank={blank} />
          <ClickerHint keys={clicker.keys} said={clicker.said} overflow={overflow} />
          {projectorOutdated && <Announce>{PROJECTOR_OUT_OF_DATE_WORDS[projectorOutdated]}</Announce>}
          {projectorBlocked > 0 && <Announce key={projectorBlocked} className="notice no-print">{PROJECTOR_BLOCKED_WORDS} <span className="join-url">{projectorAddress()}</span></Announce>}
          {ending.open && view.phase !== 'ended' && (
            <ConfirmPanel
              id="end-session-confirm" confirmation={ending} title="End the session for everyone?" keepLabel="No, keep going" confirmLabel="Yes, end the session"
              onConfirm={() => {
                ending.close();
                send({ type: 'end' });
              }}
            >
              The phones stop voting and the session cannot be carried on, not even by restarting the room. The summary of what was decided so far is written on this laptop.
            </ConfirmPanel>
          )}
        </>
      )}
    </div>
  );
}

/** " · Voting is open: 12 votes so far" while the vote is open, " · Voting is closed" once locked; nothing otherwise. */
function voteWords(phase: PresenterView['phase'], voted: number): string {
  if (phase === 'open') return ` · Voting is open: ${plural(voted, 'vote', 'votes')} so far`;
  return phase === 'locked' ? ' · Voting is closed' : '';
}

/**
 * What the projector window shows in a live room: how to join, the moment and its options (after the
 * room's first branch, the reply the story follows), and after the reveal the tally, feedback and
 * note; at the end, how the story ended, the outcome and how often
 * the room matched best practice. Never the trainer's buttons. How to join is the whole block (room
 * code, address, QR code) while the room is still joining (the content note, and until a vote has
 * opened, the first decision's "Before this" too) and while a decision waits for its votes; at a
 * reveal, at the scenes after the first vote, and at the decisions after it once a phone has
 * joined, one line (address and code) for late joiners: at
 * 1280×720 the block pushed 5 of court-report's 11 reveals past the window's bottom even in the
 * smallest type. A decision shown with the scenes that set it up (`setup`, see RoomPanel) after the
 * first vote has the line too, and so has one after it when a phone had joined as it came on screen
 * or its vote opened (`joinedAtOpen`).
 */
function projectedRoom(snap: RoomSnapshot, page?: ProjectedPage, setup: readonly SetupScene[] = [], joinedAtOpen = false): ProjectorState {
  const view = snap.view;
  if (!view) return { kind: 'moment', scenarioTitle: '', step: snap.status === 'outdated' ? 'Waiting for the trainer to reload the presenter page.' : snap.status === 'gone' ? 'Waiting for the trainer to open the presenter page of the room running now.' : 'Connecting to the room…', lines: [], replies: [] };
  const session = view.session;
  if (view.phase === 'ended') {
    const debrief = session.debrief;
    return { kind: 'done', scenarioTitle: session.scenarioTitle, ending: projectedEnding(session), followed: projectedFollowed(session, false), ...(debrief ? projectedOutcome(debrief) : { outcome: 'The session has ended.' }), score: debrief ? `Score: ${scoreWords(debrief.score)}` : '', agreement: view.did.join(' ') };
  }
  // Before the trainer's first step: the content note, for the room to read first (as presenter mode's first screen).
  if (view.contentNote) {
    return {
      kind: 'moment', scenarioTitle: session.scenarioTitle, step: `About ${view.contentNote.minutes} minutes`, title: 'Content note', narration: view.contentNote.text, lines: [], replies: [],
      ...(snap.join !== undefined ? { join: { room: snap.room, url: snap.join, layout: 'block' } } : {}),
    };
  }
  const reveal = view.phase === 'revealed' ? view.reveal : undefined;
  // Until the first vote opens, the whole block, the first decision's setup (the opening scene the
  // content note stood in for) above it too: people join at the start, and the block went at the
  // moment after the note. Later, with a decision's setup above it, the one line: the block beside
  // the setup pushed the-list's d9-report and trafficker-contact's d6-parking past a 1280×720
  // window's bottom, in its smallest type. At a decision without a setup (its vote after the first),
  // the block only when no phone had joined as it came on screen or its vote opened (`joinedAtOpen`),
  // as the presenter page folds its own once one has: with the room in, the block pushed the moment
  // down and its type smaller at every vote. Not folded while the room reads it (the moment would jump).
  const block = view.round === 0 || (!joinedAtOpen && setup.length === 0 && session.kind === 'decision' && !reveal);
  return {
    kind: 'moment', scenarioTitle: session.scenarioTitle,
    // The vote's state for the room too (it was on the laptop only): open with how many have voted, or closed.
    step: `${stepWords(session, view.sceneNumber)}${voteWords(view.phase, snap.count?.voted ?? 0)}`,
    // An untitled scene by its number, as on the laptop ("Scene 3"; the projector does not say it twice).
    title: momentHeading(session, view.sceneNumber), narration: session.narration, lines: session.lines.map((l) => ({ speaker: l.speaker, role: l.role, text: l.text })), discussionPrompt: session.discussionPrompt,
    // The decision's question, which the room votes on (the laptop and the phones showed it, the projector did not).
    ...(session.kind === 'decision' && session.prompt !== undefined ? { prompt: session.prompt } : {}),
    // A decision gone back to, with no words of its own: the scenes that set it up (the reveal gives the screen to the replies).
    ...(setup.length > 0 ? { setup: projectedSetup(setup) } : {}),
    replies: session.kind === 'decision' ? projectedReplies(session.replies) : [],
    ...(reveal ? { note: session.facilitatorNote, reveal: projectedReveal(reveal.entries, reveal.total, session.replies), ...(page ? { page } : {}) } : {}),
    followed: projectedFollowed(session, reveal !== undefined),
    ...(snap.join !== undefined ? { join: { room: snap.room, url: snap.join, layout: block ? 'block' : 'line' } } : {}),
  };
}

/**
 * The end: the outcome (headed by itself), then how often the room matched best practice; the
 * summary is written on the laptop by the room. `downloaded`: the summary this page last
 * downloaded, said to be out of date when the room has since gone back from that ending and ended
 * otherwise.
 */
function Ended({ view, back, downloaded, onDownload }: { view: PresenterView; back?: number; downloaded?: string; onDownload: (markdown: string) => void }) {
  // How the story ended, as the projector says it (projectedOutcome): the outcome, why, the critical
  // violations that set it and the score. The laptop said the outcome alone, less than the room saw.
  const debrief = view.session.debrief;
  const outcome = debrief ? projectedOutcome(debrief) : undefined;
  const stale = downloaded !== undefined && view.summary !== undefined && downloaded !== view.summary.markdown;
  const note = useDownloadNote();
  // The outcome is headed by itself ("Outcome: Needs review"), as the projector and presenter mode's
  // debrief head it: under "How often the room matched best practice" it was a section named for
  // something else, and heading navigation never came to it.
  return (
    <>
      {outcome && debrief && (
        <section aria-labelledby="room-outcome-heading">
          <h2 id="room-outcome-heading">{outcome.outcome}</h2>
          <p>{outcome.reason}</p>
          {outcome.critical.length > 0 && <ul className="critical" aria-label="Critical violations">{outcome.critical.map((c, i) => <li key={i}>{c}</li>)}</ul>}
          <p>Score: {scoreWords(debrief.score)}</p>
        </section>
      )}
      <section aria-labelledby="room-ended-heading">
        <h2 id="room-ended-heading">How often the room matched best practice</h2>
        <p className="room-agreement">{view.did.join(' ')}</p>
        {view.summary ? (
          <p>
            <button type="button" onClick={() => {
              if (!view.summary) return;
              downloadText(view.summary.fileName, view.summary.markdown, 'text/markdown');
              note.say(`Session summary downloaded: ${view.summary.fileName}.`);
              onDownload(view.summary.markdown);
            }}>Download the session summary (Markdown)</button>{' '}
            The same summary is written on the laptop running the room, in the folder the room command named in the terminal.
          </p>
        ) : <p>The session summary is written on the laptop running the room, in the folder the room command named in the terminal.</p>}
        {note.note}
        {stale && <Announce className="notice no-print">{STALE_DOWNLOAD_WORDS} The laptop's file is up to date already.</Announce>}
        {back !== undefined && <p className="hint no-print">{backFromEndingWords(back, view.summary ? 'written and downloaded' : 'written')}</p>}
      </section>
    </>
  );
}
