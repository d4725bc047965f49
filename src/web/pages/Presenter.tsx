import { useSelector } from '@xstate/react';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import {
  decisionSetup, backFromEndingWords, breaksCritical, citationWords, replyScoreWords, STALE_DOWNLOAD_WORDS, backLossWords, backToDecision, undoEnding, clampVotes, MAX_VOTES, TOO_MANY_VOTES, roomsChoice, clearFacilitation, facilitationKey, scoreWords, VERDICT_WORDS, facilitatedDecision, keptFacilitation, facilitationMarkdown, roomDidWords, localFileStamp, isEntry, quickEntry, sortEntries, readFacilitation, revealData, roomBack, roomLossWords, roomMadeWords, selectView,
  startFacilitation, startSession, summaryBaseName, votesEnteredWords, votesWords, writeFacilitation,
  type CatalogEntry, type Debrief as DebriefData, type FacilitatedDecision, type PlayableScenario, type RestoredFacilitation, type RevealEntry, type RoomRound, type SessionActor, type SessionView, type Store, type Votes,
} from '../../machines/index.js';
import { watcherOf } from '../adapters/local-store.js';
import { loaderFor, unusableSessions } from '../bundled-loader.js';
import { clickerButton, ClickerHint, NO_BRANCH_WORDS, useClickerKeys, type ClickerKeys } from '../clicker.js';
import { Announce } from '../components/Announce.js';
import { BlankButton, BlankNotice } from '../components/BlankProjector.js';
import { NoSuchScenario } from '../components/NoSuchScenario.js';
import { pagedRevealKeys, RevealPager } from '../components/RevealPager.js';
import { ConfirmPanel, useConfirmation } from '../components/Confirm.js';
import { Debrief } from '../components/Debrief.js';
import { LiveRoom } from '../components/LiveRoom.js';
import { WhosWho } from '../components/WhosWho.js';
import { DecisionSetup, FollowChoice, FollowReply, RoomOption, TrainerMoment, type SetupScene } from '../components/TrainerMoment.js';
import { downloadText } from '../download.js';
import { useDownloadNote } from '../components/DownloadNote.js';
import { hrefOf, useFollowedLink } from '../routing.js';
import { headedSetup, projectedEnding, projectedFollowed, projectedSetup, projectedOutcome, projectedReplies, projectedReveal, projectorAddress, momentHeading, stepWords, useProjector, useProjectorOverflow, useRevealPages, PROJECTOR_BLOCKED_WORDS, PROJECTOR_HOWTO_WORDS, PROJECTOR_OUT_OF_DATE_WORDS, type ProjectorState } from '../projector.js';
import { roomLinkHere, roomNamedHere } from '../room-client.js';
import { bundledById, scenarioTexts, type ScenarioText } from '../scenarios.js';
import { newerSaveWords, resumeNotice, unusableSessionWords } from '../storage-words.js';
import { setAsideNotice } from '../components/SetAside.js';
import { useStore } from '../store.js';
import { useFailPage, usePageLoading } from '../page-failure.js';
import { useTitle } from '../title.js';
import { Trail } from '../trail.js';
import { clearOfSteps, useNarrowSteps, useStepsHeight } from '../trainer-steps.js';

/** A scenario ready to present: its kept room session when there is one, or why it could not be resumed. */
interface Ready {
  kind: 'ready';
  playable: PlayableScenario;
  resumed?: RestoredFacilitation;
  notice?: ReactNode;
  /** Counts fresh starts ("Start over"), so each is a new session. */
  run: number;
  /** A new session opens on the scenario's content note, for the room to read first (as on the terminal). */
  intro?: boolean;
  /** The bundled scenarios' texts, to read a kept session again (one another tab may have started meanwhile). */
  texts: readonly ScenarioText[];
}

/** Presenter mode's list of scenarios, each kept session that opening would set aside found first (`unusable`, by id). */
interface Pick {
  kind: 'pick';
  entries: CatalogEntry[];
  unusable: Map<string, 'outdated' | 'damaged'>;
}

/**
 * The list, in the first page's order (and the terminal's): by title. A kept session is checked as
 * opening it would check it (replayed, moving nothing): one kept with another version of the scenario
 * or damaged was offered as "Resume the presenter session", and the click set it aside.
 */
function pickList(store: Store, texts: readonly ScenarioText[]): Pick {
  const entries = sortEntries(texts.map((t) => quickEntry(t.file, t.text)).filter(isEntry));
  const kept = entries.filter((e) => keptFacilitation(store, { scenario: { id: e.id }, bundled: true }) !== undefined).map((e) => e.id);
  return { kind: 'pick', entries, unusable: unusableSessions(store, texts, kept) };
}

/** Opens a scenario for the room: resumes its kept session, or starts fresh saying why a kept one could not be used. */
function openRoomSession(store: Store, playable: PlayableScenario, texts: readonly ScenarioText[]): Ready {
  const found = readFacilitation(store, loaderFor(texts, playable.scenario.id), playable);
  if (found.kind === 'ok') return { kind: 'ready', playable: found.playable, resumed: found, run: 0, texts };
  // Kept by a newer version of casa-practice (this tab left open after an update): left where it is, and said so.
  if (found.kind === 'bad' && found.newer !== undefined) return { kind: 'ready', playable, notice: newerSaveWords(found.newer, 'presenter session'), run: 0, intro: true, texts };
  if (found.kind === 'bad') return { kind: 'ready', playable, notice: setAsideNotice(resumeNotice(found.error, found.movedTo, found.damaged, 'presenter session', found.outdated), found.movedTo), run: 0, intro: true, texts };
  return { kind: 'ready', playable, run: 0, intro: true, texts };
}

/** Presenter mode for trainer-led sessions: large type, the room votes, the trainer reveals and picks the branch. */
/**
 * `onRoomBreakEnded`: a live room's break, taken on this page, was ended elsewhere (the page's break
 * ends with it). `onRoomBreakResumed`: the page was reloaded during its own break in a live room, which
 * the room is still on (the page's break begins again).
 */
export default function Presenter({ id, paused = false, onRoomBreakEnded, onRoomBreakResumed }: { id?: string; paused?: boolean; onRoomBreakEnded?: () => void; onRoomBreakResumed?: () => void }) {
  // Opened from a live room's presenter address: the room server runs the session (phones vote).
  // Its secret is kept in this tab only (roomLinkHere): another tab at the address names the room but cannot present it.
  const [room] = useState(roomLinkHere);
  const [unlinked] = useState(() => (room ? undefined : roomNamedHere()));
  const store = useStore();
  const [state, setState] = useState<{ kind: 'loading' } | Pick | { kind: 'missing' } | Ready>({ kind: 'loading' });
  const fail = useFailPage();
  // A live room's page is its own (LiveRoom): nothing of this page's loads.
  usePageLoading(!room && state.kind === 'loading');
  useEffect(() => {
    // A live room keeps its session on the room server: the typed-tally session is not read (nor a damaged one moved).
    if (room) return;
    let live = true;
    if (!id) {
      scenarioTexts().then((texts) => live && setState(pickList(store, texts))).catch((e: unknown) => live && fail(e));
    } else {
      bundledById(id).then(({ texts, loaded }) => live && setState(loaded?.ok ? openRoomSession(store, loaded.playable, texts) : { kind: 'missing' })).catch((e: unknown) => live && fail(e));
    }
    return () => {
      live = false;
    };
  }, [id, store, room, fail]);
  // Come back to by the browser's Back (a session opened by mistake), the scenario's link has the focus again, as on the first page.
  const cards = useFollowedLink(state.kind === 'pick');
  useTitle(room ? 'Presenter: live room' : state.kind === 'missing' ? 'Scenario not found' : state.kind === 'ready' ? `Presenter: ${state.playable.scenario.title}` : undefined);
  if (room) return <LiveRoom link={room} paused={paused} onBreakEnded={onRoomBreakEnded} onBreakResumed={onRoomBreakResumed} />;
  if (unlinked) return <><p className="notice no-print" role="status">{notLinkedWords(unlinked)}</p>{withoutRoom()}</>;
  return withoutRoom();

  function withoutRoom(): ReactNode {
    if (state.kind === 'loading') return <p>Loading…</p>;
    if (state.kind === 'missing') return <><h1>Scenario not found</h1><NoSuchScenario id={id ?? ''} back={<a href={hrefOf({ page: 'presenter' })}>Choose another scenario</a>} /></>;
    if (state.kind === 'pick') {
      return (
        <>
          <h1>Presenter mode</h1>
          <p>For a trainer-led session on a projector: the room discusses each decision and votes, you enter the votes, reveal the feedback, and pick the branch the story follows. Replies are shown without scores until the reveal.</p>
          <ul className="cards" aria-label="Scenarios to present" ref={cards.ref} onClick={cards.onClick}>
            {state.entries.map((e) => {
              const slot = { scenario: { id: e.id }, bundled: true };
              const room = keptFacilitation(store, slot);
              const kept = room?.decision;
              const finished = room?.finished ?? false;
              const ended = room?.ended ?? false;
              // One that opening would set aside (another version's, or damaged): said before the click, and a new session offered.
              const unusable = kept === undefined ? undefined : state.unusable.get(e.id);
              const action = unusable ? 'Start a new session' : finished ? 'Open the finished session' : ended ? 'Open the ended session' : kept !== undefined ? 'Resume the presenter session' : 'Present';
              return (
                <li key={e.id} className="card">
                  {/* The card's words apart from its button, as the first page's cards (Library): their
                      rows line up across a row of cards, and its content note has the first page's room
                      in large text on a narrow screen ("disappointment," broke mid-word at 320 px, 200%). */}
                  <div className="card-body">
                    <h2>{e.title}</h2>
                    <p className="meta">About {e.minutes} minutes</p>
                    {unusable && kept !== undefined && <p className="notice">{unusableSessionWords(unusable, kept - 1, finished ? 'finished' : ended ? 'ended' : 'in progress')}</p>}
                    {!unusable && kept !== undefined && <p className="meta">{finished ? 'A presenter session finished here: its debrief and summary are kept until you start it again.' : ended ? 'A presenter session was ended here before its story did: how the room did and its summary are kept until you start it again.' : `A presenter session is in progress here, ${roomMadeWords(kept - 1)}.`}</p>}
                    <p className="content-note"><strong>Content note:</strong> {e.contentNote}</p>
                  </div>
                  <p className="actions"><a className="button primary" href={hrefOf({ page: 'presenter', id: e.id })} aria-label={`${action}: ${e.title}`}>{action}</a></p>
                </li>
              );
            })}
          </ul>
        </>
      );
    }
    const { playable, run } = state;
    // Starting from the content note: if another tab (or window) has started this scenario's room
    // session meanwhile, this tab carries that one on, rather than a fresh one written over it.
    const start = () => {
      const now = openRoomSession(store, playable, state.texts);
      if (now.resumed) setState({ ...now, run: run + 1, notice: STARTED_ELSEWHERE });
      // One that could not be used (damaged meanwhile) has been moved aside: said, as on opening.
      else setState({ ...state, intro: false, run: run + 1, notice: now.notice ?? state.notice });
    };
    if (state.intro) return <Intro playable={playable} notice={state.notice} focusOnShow={run > 0} paused={paused} onStart={start} />;
    return (
      <Facilitation
        key={run}
        playable={playable}
        store={store}
        paused={paused}
        resumed={state.resumed}
        notice={state.notice}
        focusOnStart={run > 0}
        onStartOver={(withNote) => {
          clearFacilitation(store, playable);
          setState({ kind: 'ready', playable, run: run + 1, intro: withNote, texts: state.texts });
        }}
      />
    );
  }
}

/** Said on a presenter page whose address names a live room this tab holds no secret for (another tab, or the address copied). */
export function notLinkedWords(room: string): string {
  return `This address names live room ${room}, but its presenter secret is kept only in the tab the room's presenter address was opened in, so this page does not run the room. To run it from here, open the presenter address the room's terminal printed (type p there to print it again).`;
}

/** Said when Page Down would reveal the feedback with no votes entered: a press at the wrong moment would skip the room's vote. */
const NO_VOTES_ENTERED = 'No votes are entered yet, so Page Down did not reveal the feedback: type the room\'s votes first, or choose “Reveal the feedback” to reveal without them.';

/** Under a vote box holding what is not a count ("-3", "2.5"), and its description: kept as typed, not counted. */
const NOT_A_COUNT = 'Not counted: a count of votes is a whole number from 0.';

/** Said when Page Down would reveal the feedback with a vote box holding what is not a count. */
const NOT_A_COUNT_REFUSED = 'A vote box holds what is not a count, so Page Down did not reveal the feedback: put it right (a whole number from 0), or empty it.';

/** `record` without `key`. */
function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([id]) => id !== key));
}

/** Said when a clicker's Page Down or Page Up is pressed in a vote box, where it is the box's key. */
const IN_VOTE_BOX = 'In a vote box Page Down and Page Up are the box\'s, so they took no step: press Enter to go on from the boxes (from the last one, Enter goes to “Reveal the feedback”).';

/** Where a session the trainer ended before its story did stands, on the laptop's status line and the projector's end screen (a live room's words). */
const SESSION_ENDED = 'The session has ended.';

/** Said when "Start the session" finds the room session started in another tab meanwhile. */
const STARTED_ELSEWHERE = 'This scenario\'s presenter session was started in another tab or window meanwhile, so this tab carries that session on (nothing was written over it).';

/**
 * Before a new room session: the scenario and its content note, shown on the projector too, so the
 * room reads what the scenario touches on before it starts (the terminal's first screen says the same).
 */
function Intro({ playable, notice, focusOnShow = false, paused = false, onStart }: { playable: PlayableScenario; notice?: ReactNode; focusOnShow?: boolean; paused?: boolean; onStart: () => void }) {
  const { scenario } = playable;
  // Shown again by "Start a new session": focus on its heading, as the button that led here is gone.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusOnShow) heading.current?.focus();
  }, [focusOnShow]);
  const page = useRef<HTMLDivElement>(null);
  // Its steps as the session's: one row at the window's bottom edge (trainer-steps.ts), so Start the
  // session is in view under a long content note (it was below a 1280×720 laptop's fold for most scenarios).
  const steps = useRef<HTMLParagraphElement>(null);
  useStepsHeight(steps, true);
  const keys: ClickerKeys = { next: { label: 'Start the session' }, off: paused };
  // A screen too long for a projector window: the keys scroll it first (projectorOverflowKeys).
  const overflow = useProjectorOverflow();
  const clicker = useClickerKeys(keys, page, overflow);
  const [openProjector, projectorOutdated, projectorBlocked, blank] = useProjector({
    kind: 'moment', scenarioTitle: scenario.title, step: `About ${scenario.estimatedMinutes} minutes`, title: 'Content note', narration: scenario.contentNote, lines: [], replies: [],
  }, true, clicker.press, paused);
  return (
    <div className="facilitation" ref={page}>
      <p className="status-line"><span>{scenario.title}<span className="sr-only">. </span></span><span>About {scenario.estimatedMinutes} minutes</span></p>
      {notice && <p className="notice no-print" role="status">{notice}</p>}
      <h1 ref={heading} tabIndex={-1}>{scenario.title}</h1>
      <p>{scenario.summary}</p>
      <section aria-labelledby="intro-note-heading" className="content-note">
        <h2 id="intro-note-heading">Content note</h2>
        <p>{scenario.contentNote}</p>
      </section>
      <p>Read the content note with the room before you start, and pause for the room whenever it needs a break. The session is kept in this browser as it goes, from its first moment: a reload or a closed tab comes back to where you were.</p>
      <p className="controls trainer-steps" ref={steps}>
        <button type="button" className="primary" onClick={onStart} {...clickerButton('next')}>Start the session</button>
        <button type="button" onClick={openProjector} aria-describedby="projector-howto">Open a projector window</button>
        <BlankButton blank={blank} />
      </p>
      <p className="hint no-print" id="projector-howto">{PROJECTOR_HOWTO_WORDS}</p>
      <BlankNotice blank={blank} />
      <ClickerHint keys={clicker.keys} said={clicker.said} overflow={overflow} />
      {projectorOutdated && <Announce>{PROJECTOR_OUT_OF_DATE_WORDS[projectorOutdated]}</Announce>}
      {projectorBlocked > 0 && <Announce key={projectorBlocked} className="notice no-print">{PROJECTOR_BLOCKED_WORDS} <span className="join-url">{projectorAddress()}</span></Announce>}
    </div>
  );
}

type Snapshot = ReturnType<SessionActor['getSnapshot']>;

interface Revealed {
  total: number;
  entries: RevealEntry[];
}

export interface FacilitationProps {
  playable: PlayableScenario;
  /** Where the session is kept as it goes (and cleared when it ends); none: nothing is kept. */
  store?: Store;
  /** A kept session to carry on from (readFacilitation). */
  resumed?: RestoredFacilitation;
  /** Why a kept session could not be resumed. */
  notice?: ReactNode;
  /** Started by "Start over" (a button now gone): focus goes to the first moment. */
  focusOnStart?: boolean;
  /**
   * The trainer chose to start over: the kept session goes and a fresh one begins, on the content
   * note first when `withNote` (a new session after a finished one: perhaps a new room).
   */
  onStartOver?: (withNote?: boolean) => void;
  /** On a break (the page is hidden): the clicker's keys do nothing. */
  paused?: boolean;
}

export function Facilitation({ playable, store, resumed, notice, focusOnStart = false, onStartOver, paused = false }: FacilitationProps) {
  const { scenario } = playable;
  // Replaced only when the room goes back from the ending (a final state: the session before its last reply is restored).
  const [actor, setActor] = useState(() => (resumed ? startSession(scenario, 'practice', resumed.snapshot) : startFacilitation(scenario, crypto.getRandomValues(new Uint32Array(1))[0])));
  const view = useSelector(actor, useCallback((s: Snapshot) => selectView(scenario, s), [scenario]));
  const snapshot = useSelector(actor, (s: Snapshot) => s);
  // The scene number, introductions and who's who, carried forward from step to step (see Trail):
  // worked out by replaying the playthrough from its start only where not known (the first moment,
  // a kept session resumed, after going back). Replaying at every step made a long chain quadratic.
  const [trail] = useState(() => new Trail(scenario));
  // Who the room hears for the first time at this moment (read aloud by the trainer; the laptop only).
  // eslint-disable-next-line react-hooks/exhaustive-deps -- worked out again when the session moves (snapshot), read from the actor
  const introductions = useMemo(() => trail.introductions(actor), [trail, actor, snapshot]);
  // A scene's number in the playthrough ("Scene 3"): untitled scenes were all headed "Scene", here and on the projector.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- as introductions
  const sceneNumber = useMemo(() => trail.sceneNumber(actor), [trail, actor, snapshot]);
  // The decision gone back to ("Back to decision N"), or a kept session came back at: one with no
  // words of its own is shown with the scenes that set it up, under "Before this" (the core's
  // decisionSetup, as the terminal's presenter screen does), on the laptop and the projector. Not
  // when the story comes to it from those scenes, which the room has just seen. Each scene under the
  // core's heading (its title, or "Scene 2" when untitled, as a live room heads it): an untitled one had none.
  const [setupAt, setSetupAt] = useState<string | undefined>(() => (resumed && !resumed.finished ? String(actor.getSnapshot().value) : undefined));
  const setup = useMemo((): SetupScene[] => (setupAt === view.nodeId && view.kind === 'decision' ? headedSetup(decisionSetup(scenario, actor.getPersistedSnapshot())) : []), [setupAt, view.nodeId, view.kind, scenario, actor]);
  const [votes, setVotes] = useState<Record<string, number>>(() => ({ ...resumed?.progress.current.votes }));
  // How many counts over the most a reply can have (it is kept at that most) were typed in a row
  // (0: the last count was in range): each is said anew, the same words again too.
  const [tooMany, setTooMany] = useState(0);
  // What was typed in a box that is not a count (a whole number from 0: "-3", "2.5"), by reply: kept
  // in the box as typed and not counted, never changed to a number the trainer did not type.
  const [notCounts, setNotCounts] = useState<Record<string, string>>({});
  const [revealed, setRevealed] = useState<Revealed | undefined>(() => (resumed?.progress.current.revealed ? revealData(scenario, selectView(scenario, actor.getSnapshot()), resumed.progress.current.votes) : undefined));
  const [showNote, setShowNote] = useState(false);
  const [decisions, setDecisions] = useState<FacilitatedDecision[]>(() => resumed?.decisions ?? []);
  const [reveals, setReveals] = useState<Revealed[]>(() => resumed?.reveals ?? []);
  // What the room entered at each decision it followed: kept with the session, so a reload rebuilds the summary.
  const [past, setPast] = useState<RoomRound[]>(() => resumed?.progress.past ?? []);
  const [welcomeBack, setWelcomeBack] = useState(resumed !== undefined);
  // Where the session came back to, said once: the moment on screen when it was restored.
  // "with the votes and the summary so far" only where the room has entered something (a session is
  // kept from its first moment, before any vote).
  const [resumedAt] = useState(() => `${whereWords(view)}${(resumed?.decisions.length ?? 0) > 0 || Object.values(votes).some((v) => v > 0) || resumed?.progress.current.revealed ? ', with the votes and the summary so far' : ''}`);
  const startOver = useConfirmation();
  // "End the session" (as a live room's): the trainer out of time ends it before its story does; the
  // page then shows how the room did and its summary, kept so until the trainer starts a new session.
  const endSession = useConfirmation();
  const [ended, setEnded] = useState(() => resumed?.ended === true && !resumed.finished);
  // Going back asks first when it would clear the votes entered at this decision (as the terminal's u does).
  const goBack = useConfirmation();
  const [saveError, setSaveError] = useState<string>();
  // The decisions as the summary downloaded at an ending had them: once the room goes back from that
  // ending and ends by another path, the end says that copy is out of date (it names a branch taken back).
  const [downloadedEnd, setDownloadedEnd] = useState<string>();
  const downloaded = useDownloadNote();
  // What the summary downloaded from this page held (summaryHeld), if any: asking to start again says
  // to download it first only when it is not the summary the page would give now (it said so just
  // after the download, nothing changed since). Not known after a reload: then it says so.
  const [downloadedHeld, setDownloadedHeld] = useState<string>();
  const heading = useRef<HTMLHeadingElement>(null);
  const revealHeading = useRef<HTMLHeadingElement>(null);
  const revealButton = useRef<HTMLButtonElement>(null);
  const revealList = useRef<HTMLOListElement>(null);
  // The trainer's steps' row: kept at the window's bottom edge, never over what has the focus.
  const steps = useRef<HTMLParagraphElement>(null);
  useStepsHeight(steps, !ended && !(view.done && view.debrief));
  // In a narrow window (1024×768), the reveal's first step in shorter words: its row one line (trainer-steps.ts).
  const narrowSteps = useNarrowSteps();
  // Enter in a vote box goes on to the next box (and from the last to the reveal), as in a form:
  // a trainer types the room's counts one after another, and Enter used to leave the focus where
  // it was, so the next count joined the same reply's digits ("12", Enter, "3" made 123).
  const nextOnEnter = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'Enter' || e.nativeEvent.isComposing) return;
    e.preventDefault();
    const boxes = [...(e.currentTarget.closest('ol')?.querySelectorAll<HTMLInputElement>('input.vote-input') ?? [])];
    const next = boxes[boxes.indexOf(e.currentTarget) + 1] ?? revealButton.current;
    next?.focus();
  };

  // Kept from its first moment ("Start the session", or "Start over") and on every change (a vote
  // typed, the reveal, each step), so a reload or a closed tab comes back here, the replies in the
  // order the room saw them; kept at the ending too (a reload there lost the debrief and the summary
  // not yet downloaded), until the trainer starts again. Opening a scenario and leaving at once (its
  // content note) keeps nothing. Kept only from the first vote (or the first Continue), a reload
  // while the room discussed the first decision opened the content note again, and the session
  // started anew drew its replies in another order.
  const [opened] = useState(() => (resumed ? JSON.stringify([actor.getPersistedSnapshot(), past, votes, revealed !== undefined, ended]) : undefined));
  const written = useRef<string | undefined>(opened);
  // Two tabs (or windows) on the same scenario keep the same session: once another one changes it,
  // this tab stops writing (the latest change is kept, not silently overwritten) until the trainer
  // takes over here. `mine` is the text this tab last wrote, to tell its own writes from another's.
  const [elsewhere, setElsewhere] = useState<'no' | 'yes' | 'taken over'>('no');
  const mine = useRef<string | undefined>(undefined);
  const watch = watcherOf(store);
  useEffect(() => watch?.(facilitationKey(playable), (text) => {
    if (text === undefined || text !== mine.current) setElsewhere('yes');
  }), [watch, playable]);
  useEffect(() => {
    if (!store || elsewhere === 'yes') return;
    try {
      const persisted = actor.getPersistedSnapshot();
      const text = JSON.stringify([persisted, past, votes, revealed !== undefined, ended]);
      if (text === written.current) return;
      written.current = text;
      mine.current = store.read(writeFacilitation(store, playable, persisted, { past, current: { votes, revealed: revealed !== undefined }, ...(ended ? { ended } : {}) }));
      setSaveError(undefined);
    } catch (e) {
      setSaveError(`The presenter session could not be saved in this browser (${e instanceof Error ? e.message : 'storage refused it'}). You can go on; a reload would start it again.`);
    }
  }, [store, playable, actor, snapshot, past, votes, revealed, ended, elsewhere]);
  // Taking over writes this tab's session at once (even unchanged); the other tab then hears of it and stops.
  const takeOver = () => {
    written.current = undefined;
    flushSync(() => setElsewhere('taken over'));
    heading.current?.focus();
  };

  useEffect(() => {
    if (focusOnStart) heading.current?.focus();
  }, [focusOnStart]);

  // The decision "Back to decision N" goes to, if any (the core's rule, as the terminal's u).
  // Who's who: the people the room has met so far (the core's peopleMet), with the room's reveals:
  // a name in feedback the room has seen revealed counts, none in feedback not yet revealed.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- worked out again when the session moves (snapshot), read from the actor
  const people = useMemo(() => trail.people(actor, { past, current: { revealed: revealed !== undefined } }), [trail, actor, snapshot, past, revealed]);
  const back = backToDecision(view, past.length);
  const entered = Object.values(votes).reduce((n, v) => n + v, 0);
  const backLoss = view.kind === 'decision' ? backLossWords(entered) : undefined;

  // A presentation clicker (clicker.tsx): Page Down takes the next step (never a reveal before any
  // vote is entered, never a branch), Page Up the step back (one at a time: from the reveal back to
  // the votes, from there back to the last decision, asking first when votes are entered here).
  const page = useRef<HTMLDivElement>(null);
  const atReveal = view.kind === 'decision' && revealed !== undefined;
  // A reveal too long for the projector in type the room can read is shown there in pages, which
  // the keys step through first (see useRevealPages). This reveal, by where the session stands.
  const revealId = atReveal ? `${scenario.id} ${view.nodeId} ${past.length}` : undefined;
  const paging = useRevealPages(revealId);
  // Ended by the trainer: nothing to step through (the session is not carried on).
  const keys: ClickerKeys = ended ? { off: paused || startOver.open } : view.done ? {
    off: paused || startOver.open,
    ...(back !== undefined ? { back: { label: `Back to decision ${back}` } } : {}),
  } : {
    off: paused || goBack.open || startOver.open || endSession.open,
    inField: IN_VOTE_BOX,
    ...(view.kind === 'decision'
      ? (atReveal ? {} : { next: { label: 'Reveal the feedback', when: 'once votes are entered', ...(Object.keys(notCounts).length > 0 ? { refused: NOT_A_COUNT_REFUSED } : entered === 0 ? { refused: NO_VOTES_ENTERED } : {}) } })
      : view.canContinue ? { next: { label: 'Continue' } } : {}),
    ...(atReveal ? pagedRevealKeys(paging, { nextNone: NO_BRANCH_WORDS }, { back: { label: 'Back to the votes' } }) : back !== undefined ? { back: { label: `Back to decision ${back}`, ...(backLoss ? { when: 'asking first (it clears the votes entered here)' } : {}) } } : {}),
  };
  // A screen too long for a projector window: the keys scroll it first (projectorOverflowKeys).
  const overflow = useProjectorOverflow();
  const clicker = useClickerKeys(keys, page, overflow);

  // What the projector window shows: the moment, and after the reveal the feedback and votes (the
  // note too); the trainer's own toggle of the note stays on the laptop.
  // The decisions as the session's summary and how the room did take them: with the decision on
  // screen and the votes entered there (as the terminal's and the live room's do), while it is not over.
  const here = !view.done && view.kind === 'decision';
  const summaryDecisions = here ? [...decisions, facilitatedDecision(view, votes as Votes)] : decisions;
  // What a summary downloaded now holds, but its time: the decisions, and whether it is final (finished or ended).
  const summaryHeld = JSON.stringify([summaryDecisions, view.done, ended]);
  const keepSummary = keepSummaryWords(downloadedHeld === summaryHeld);
  const projected: ProjectorState = ended && !view.done
    // Ended before the story did: how the room did, as a live room's end screen says it.
    ? { kind: 'done', scenarioTitle: view.scenarioTitle, outcome: SESSION_ENDED, score: '', agreement: roomDidWords(scenario, summaryDecisions).join(' ') }
    : view.done && view.debrief
    ? { kind: 'done', scenarioTitle: view.scenarioTitle, ending: projectedEnding(view), followed: projectedFollowed(view, false), ...projectedOutcome(view.debrief), score: `Score: ${scoreWords(view.debrief.score)}`, agreement: roomDidWords(scenario, decisions).join(' ') }
    : {
      kind: 'moment', scenarioTitle: view.scenarioTitle, step: stepWords(view, sceneNumber),
      title: momentHeading(view, sceneNumber), narration: view.narration, lines: view.lines.map((l) => ({ speaker: l.speaker, role: l.role, text: l.text })), discussionPrompt: view.discussionPrompt,
      ...(view.prompt !== undefined ? { prompt: view.prompt } : {}),
      ...(setup.length > 0 ? { setup: projectedSetup(setup) } : {}),
      replies: projectedReplies(view.replies),
      followed: projectedFollowed(view, revealed !== undefined),
      ...(revealed ? {
        note: view.facilitatorNote,
        reveal: projectedReveal(revealed.entries, revealed.total, view.replies),
        page: { id: revealId ?? '', at: paging.at },
      } : {}),
    };
  // Only the tab in charge of the room session drives the projector window. On a break (paused) it shows the room the break screen.
  const [openProjector, projectorOutdated, projectorBlocked, blank] = useProjector(projected, elsewhere !== 'yes' || !store, clicker.press, paused);

  // `replyId`: the reply followed (at a decision), and whether the room saw its reveal (`revealedThere`):
  // the trail of the moment left is handed on to the next.
  const step = (send: () => void, replyId?: string, revealedThere?: boolean) => {
    const from = actor.getSnapshot();
    flushSync(() => {
      send();
      trail.handOn(from, actor.getSnapshot(), replyId, revealedThere);
      setVotes({});
      setTooMany(0);
      setNotCounts({});
      setRevealed(undefined);
      setShowNote(false);
      setSetupAt(undefined);
      setWelcomeBack(false);
      startOver.close();
      endSession.close();
      setElsewhere((e) => (e === 'taken over' ? 'no' : e));
    });
    // At the end, how often the room matched best practice (and its summary's download): the
    // section under the debrief's heading, so the page's headings start at its h1.
    (document.getElementById('agreement-heading') ?? heading.current)?.focus();
  };

  // The Reveal button goes away with the votes: focus moves to the revealed replies that replace it (as in a live room).
  // The reveal starts at the top of the window, under the sticky bar (scroll-padding-top), as a
  // volunteer's new moment does (Session's landAfter): the browser's own scroll to the focus showed
  // just the heading, at the bottom of a 1280×720 window over the trainer's steps, the first reply's
  // Follow button half under them, or not, as the steps' height was measured before or after.
  const reveal = () => {
    // A box holding what is not a count: the reveal waits for it, the focus on it (its description says why).
    const notCount = options.current?.querySelector<HTMLInputElement>('input.vote-input[aria-invalid="true"]');
    if (notCount) {
      notCount.focus();
      return;
    }
    // The resume notice goes with the trainer's first step, as at every step (a volunteer's goes so too).
    flushSync(() => {
      setRevealed(revealData(scenario, view, votes as Votes));
      setWelcomeBack(false);
    });
    revealHeading.current?.focus({ preventScroll: true });
    revealHeading.current?.scrollIntoView?.({ block: 'start', behavior: 'instant' });
    clearOfSteps(steps.current);
  };
  // Back from the reveal to the vote boxes, the counts kept (the terminal's b): a count typed wrong
  // can be put right and revealed again. Focus goes to the first box.
  const options = useRef<HTMLOListElement>(null);
  const backToVotes = () => {
    flushSync(() => {
      setRevealed(undefined);
      setWelcomeBack(false);
    });
    options.current?.querySelector<HTMLInputElement>('input.vote-input')?.focus();
  };
  const follow = (number: number, replyId: string) => {
    const decision = facilitatedDecision(view, votes as Votes, number);
    if (revealed) setReveals((r) => [...r, revealed]);
    setDecisions((d) => [...d, decision]);
    setPast((p) => [...p, { votes: { ...votes }, revealed: revealed !== undefined }]);
    step(() => actor.send({ type: 'reply.choose', replyId }), replyId, revealed !== undefined);
  };
  // Back to the decision the room last followed a reply at (a Follow button pressed by mistake, or
  // the room wants to follow another branch): the story goes back there, with that decision's votes
  // and reveal as they were, and the summary forgets the branch taken.
  const undo = () => {
    // The core's record of the session without that branch, and what the room had entered there.
    const last = roomBack({ past, decisions, reveals });
    if (!last) return;
    // At the ending (a final state, which takes no event): the session as it was before its last reply.
    const fromEnding = view.done ? undoEnding(scenario, actor.getPersistedSnapshot()) : undefined;
    if (view.done && !fromEnding) return;
    const session = fromEnding ? startSession(scenario, 'practice', fromEnding) : actor;
    flushSync(() => {
      if (fromEnding) {
        actor.stop();
        setActor(session);
      } else actor.send({ type: 'decision.undo' });
      setDecisions(last.decisions);
      setReveals(last.reveals);
      setPast(last.past);
      setShowNote(false);
      setTooMany(0);
      setNotCounts({});
      setWelcomeBack(false);
      startOver.close();
      setElsewhere((e) => (e === 'taken over' ? 'no' : e));
      const back = selectView(scenario, session.getSnapshot());
      setSetupAt(back.nodeId);
      setVotes(last.current.votes);
      setRevealed(last.current.revealed ? revealData(scenario, back, last.current.votes) : undefined);
    });
    heading.current?.focus();
  };
  // "Yes, end the session": what was entered is kept (the summary takes it), the page shows how the room did.
  const endNow = () => {
    flushSync(() => {
      endSession.close();
      goBack.close();
      setEnded(true);
    });
    document.getElementById('agreement-heading')?.focus();
  };
  const summary = (debrief: DebriefData | undefined) => {
    // The summary so far ends with the decision on screen and the votes entered there, said to be
    // still open (the session goes on after the download), or, ended, to be where the session stopped.
    // How often the room matched best practice is the core's section, in the words of the end screen.
    const md = facilitationMarkdown(scenario, summaryDecisions, debrief, new Date(), !view.done && !ended);
    const file = `${summaryBaseName(scenario, localFileStamp())}.md`;
    downloadText(file, md, 'text/markdown');
    downloaded.say(`Session summary downloaded: ${file}.`);
    if (view.done) setDownloadedEnd(JSON.stringify(decisions));
    setDownloadedHeld(summaryHeld);
  };

  if (view.done && view.debrief) {
    return (
      <>
        <div onKeyDown={startOver.onEscape} ref={page}>
          <Debrief scenario={scenario} debrief={view.debrief} mode="practice" recorded={false} whatIf={false} onTryAgain={() => onStartOver?.()} voice="room"
            again={onStartOver ? <button type="button" className="primary" {...startOver.trigger('new-session-confirm')}>Start a new session</button> : null}
            lead={(
            <section aria-labelledby="agreement-heading" className="no-print">
              <h2 id="agreement-heading" tabIndex={-1}>How often the room matched best practice</h2>
              <p>{roomDidWords(scenario, decisions).join(' ')}</p>
              {/* A projector window can be opened again here too (after a reload at the end): it shows how the story ended. */}
              <p className="controls"><button type="button" className="primary" onClick={() => summary(view.debrief)}>Download the session summary</button> <button type="button" onClick={openProjector}>Open a projector window</button> <BlankButton blank={blank} />{back !== undefined && <> <button type="button" onClick={undo} {...clickerButton('back')}>Back to decision {back}</button></>}</p>
              {downloaded.note}
              {back !== undefined && <p className="hint">{backFromEndingWords(back, 'downloaded')}</p>}
              {downloadedEnd !== undefined && downloadedEnd !== JSON.stringify(decisions) && <Announce className="notice no-print">{STALE_DOWNLOAD_WORDS}</Announce>}
              <BlankNotice blank={blank} />
              <ClickerHint keys={clicker.keys} said={clicker.said} overflow={overflow} />
              {projectorOutdated && <Announce>{PROJECTOR_OUT_OF_DATE_WORDS[projectorOutdated]}</Announce>}
              {projectorBlocked > 0 && <Announce key={projectorBlocked} className="notice no-print">{PROJECTOR_BLOCKED_WORDS} <span className="join-url">{projectorAddress()}</span></Announce>}
            </section>
            )} />
          {/* The finished session is kept in this browser until then: its summary may not be downloaded yet.
              An h3: it opens from "Start a new session", under the debrief's last h2, "What next". */}
          {startOver.open && (
            <ConfirmPanel id="new-session-confirm" level={3} confirmation={startOver} title="Start a new presenter session?" keepLabel="No, keep the finished session" confirmLabel="Yes, start a new session" onConfirm={() => onStartOver?.(true)}>
              The finished session kept in this browser, with its debrief and how the room did, will be deleted. {keepSummary('the session summary')}
            </ConfirmPanel>
          )}
        </div>
      </>
    );
  }


  if (ended) {
    return (
      <div className="facilitation" ref={page} onKeyDown={startOver.onEscape}>
        <p className="status-line"><span>{view.scenarioTitle}<span className="sr-only">. </span></span><span>Ended before the story did</span></p>
        <h1 ref={heading} tabIndex={-1}>The session has ended</h1>
        <section aria-labelledby="agreement-heading">
          <h2 id="agreement-heading" tabIndex={-1}>How often the room matched best practice</h2>
          <p>{roomDidWords(scenario, summaryDecisions).join(' ')}</p>
          <p>The session ended before the scenario did, so there is no debrief. It is kept in this browser, with its summary, until you start a new session.</p>
          <p className="controls">
            <button type="button" className="primary" onClick={() => summary(undefined)}>Download the session summary</button>
            <button type="button" onClick={openProjector}>Open a projector window</button>
            <BlankButton blank={blank} />
            {onStartOver && <button type="button" {...startOver.trigger('new-session-confirm')}>Start a new session</button>}
          </p>
          {downloaded.note}
        </section>
        {startOver.open && (
          <ConfirmPanel id="new-session-confirm" confirmation={startOver} title="Start a new presenter session?" keepLabel="No, keep the ended session" confirmLabel="Yes, start a new session" onConfirm={() => onStartOver?.(true)}>
            The ended session kept in this browser, with how the room did, will be deleted. {keepSummary('the session summary')}
          </ConfirmPanel>
        )}
        <BlankNotice blank={blank} />
        <ClickerHint keys={clicker.keys} said={clicker.said} overflow={overflow} />
        {projectorOutdated && <Announce>{PROJECTOR_OUT_OF_DATE_WORDS[projectorOutdated]}</Announce>}
        {projectorBlocked > 0 && <Announce key={projectorBlocked} className="notice no-print">{PROJECTOR_BLOCKED_WORDS} <span className="join-url">{projectorAddress()}</span></Announce>}
      </div>
    );
  }

  const total = Object.values(votes).reduce((a, b) => a + b, 0);
  // The reply the room chose at the reveal, if one alone has the most votes: the row's next step.
  const choice = revealed ? roomsChoice(revealed.entries, (id) => view.replies.some((r) => r.id === id && r.enabled)) : undefined;
  // Escape on a button of the trainer's (either row) closes the question it or another asked.
  const escape = (e: KeyboardEvent) => {
    goBack.onEscape(e);
    startOver.onEscape(e);
    endSession.onEscape(e);
  };
  return (
    <div className="facilitation" ref={page}>
      {/* Separate phrases read aloud too: a full stop after the title, for screen readers only (flex gaps are silent). */}
      <p className="status-line"><span>{view.scenarioTitle}<span className="sr-only">. </span></span><span>{stepWords(view, sceneNumber)}</span></p>
      {elsewhere === 'yes' && store && (
        <div className="notice no-print">
          <p role="alert">This presenter session was changed in another tab or window, so this tab has stopped saving it (the other tab's changes are kept) and no longer updates the projector window. Carry on there, or take over here: this tab's session is then saved and projected, and the other tab stops.</p>
          <p className="actions"><button type="button" onClick={takeOver}>Take over the presenter session here</button></p>
        </div>
      )}
      {/* Announced (focus goes on to the moment's heading below it, past these words). */}
      {elsewhere === 'taken over' && <Announce className="notice no-print">This tab keeps the presenter session and updates the projector window now; the other tab has stopped.</Announce>}
      {/* Read out as well (an Announce): after "Start the session" it comes with the session, and a status that appeared with its words in it was not said. */}
      {notice && <Announce className="notice no-print">{notice}</Announce>}
      {saveError && <p className="notice no-print" role="alert">{saveError}</p>}
      {welcomeBack && resumed && (
        <div className="notice no-print">
          <p role="status">Resumed the presenter session {resumedAt}.</p>
        </div>
      )}
      <h1 ref={heading} tabIndex={-1}>{momentHeading(view, sceneNumber)}</h1>
      <DecisionSetup scenes={setup} id="setup-heading" />
      <TrainerMoment view={view} noteShown={showNote} revealed={revealed !== undefined} onToggleNote={() => setShowNote((s) => !s)} introductions={introductions} />
      {view.kind === 'decision' && !revealed && (
        <section aria-labelledby="options-heading">
          <h2 id="options-heading">{view.prompt}</h2>
          <ol className="options" ref={options}>
            {view.replies.map((r) => (
              <li key={r.id} className="vote-row">
                <span id={`opt-${r.id}`}><RoomOption reply={r} /></span>
                <label className="no-print">
                  <span className="sr-only">Votes for reply {r.number}</span>
                  {/* Described by the reply it counts: moving from box to box (Tab) passes over the replies' words. */}
                  <input className="vote-input" type="number" inputMode="numeric" min={0} max={MAX_VOTES} step={1} value={notCounts[r.id] ?? votes[r.id] ?? ''} placeholder="0"
                    aria-describedby={notCounts[r.id] !== undefined ? `opt-${r.id} not-count-${r.id}` : `opt-${r.id}`} aria-invalid={notCounts[r.id] !== undefined ? true : undefined}
                    onChange={(e) => {
                      // Half-typed ("-", "1e"): the browser reports no value yet; the count stays as it was.
                      if (e.target.validity.badInput) return;
                      const text = e.target.value;
                      const typed = Number(text);
                      const counted = text !== '' && Number.isInteger(typed) && typed >= 0;
                      setNotCounts((n) => (text === '' || counted ? without(n, r.id) : { ...n, [r.id]: text }));
                      // Emptied: no count (the box shows its placeholder, and the next digit typed is the count).
                      // Not a count: none either, until it is put right.
                      if (!counted) {
                        setTooMany(0);
                        setVotes((v) => without(v, r.id));
                        return;
                      }
                      setTooMany((n) => (typed > MAX_VOTES ? n + 1 : 0));
                      setVotes((v) => ({ ...v, [r.id]: clampVotes(typed) }));
                    }} onKeyDown={nextOnEnter} />
                </label>
                {notCounts[r.id] !== undefined && <span className="vote-error no-print" id={`not-count-${r.id}`}>{NOT_A_COUNT}</span>}
              </li>
            ))}
          </ol>
          <p className="hint">{votesEnteredWords(total)}.</p>
          {/* In the page from the start, so that a screen reader announces the words when they come; each
              count past the limit puts them in as a new line (keyed by the count), or a second one,
              with the same words, was not read out at all. */}
          <p className="hint no-print" role="status">{tooMany > 0 && <span key={tooMany}>{TOO_MANY_VOTES}</span>}</p>
        </section>
      )}
      {view.kind === 'decision' && revealed && (
        <section aria-labelledby="reveal-heading">
          <h2 id="reveal-heading" ref={revealHeading} tabIndex={-1}>The replies, revealed</h2>
          <ol className="reveal" ref={revealList}>
            {revealed.entries.map((e) => {
              const reply = view.replies.find((r) => r.id === e.replyId);
              return (
                <li key={e.replyId} className={e.best ? 'best' : undefined}>
                  {/* An action stays marked "Do:" at the reveal, as in the replies before it: never read as words to say. */}
                  <p><strong>{e.number}.</strong> {e.replyKind === 'do' ? <><em className="do">Do:</em>{' '}</> : null}{e.replyText} {e.best && <strong className="best-mark">★ Best practice</strong>}</p>
                  <div className="vote-row"><div className="vote-bar" aria-hidden="true" style={{ width: `${e.percent}%` }} /><span>Votes: {votesWords(e, revealed.total)}</span></div>
                  <p className="reply-score">{replyScoreWords(e.value)}</p>
                  <p>{e.feedback}</p>
                  <ul className="verdicts">{e.assessments.map((a) => <li key={a.principleId} className={a.verdict}>{VERDICT_WORDS[a.verdict]} {a.title} <span className="cite">({citationWords(a.citation, breaksCritical(a))})</span></li>)}</ul>
                  <FollowReply reply={reply} number={e.number} onFollow={() => follow(e.number, e.replyId)} />
                </li>
              );
            })}
          </ol>
          <RevealPager paging={paging} />
        </section>
      )}
      {/* The trainer's steps, one row (at the window's bottom edge on a laptop: trainer-steps.ts), the
          next step first: the steps and Blank the projector, in one line at 1280 px wide in
          presenter mode's type. The session's other buttons, for now and then, are in the row after
          it, in the page: all in the one row took two lines (121 px of a 720 px window), seven
          buttons of 1,777 px in 1,168. Start over is there all along (it was offered only after a
          reload, in the resume notice). */}
      <p className="controls trainer-steps" ref={steps} onKeyDown={escape}>
        {view.kind === 'decision' && !revealed && <button type="button" className="primary" ref={revealButton} onClick={reveal} {...clickerButton('next')}>Reveal the feedback</button>}
        {view.kind === 'decision' && revealed && <FollowChoice choice={choice} list={revealList} short={narrowSteps} onFollow={() => choice && follow(choice.number, choice.replyId)} />}
        {view.kind === 'decision' && revealed && <button type="button" onClick={backToVotes} {...(paging.at === 0 ? clickerButton('back') : {})}>Back to the votes</button>}
        {view.canContinue && <button type="button" className="primary" onClick={() => step(() => actor.send({ type: 'scene.continue' }))} {...clickerButton('next')}>Continue</button>}
        {back !== undefined && (backLoss
          ? <button type="button" {...goBack.trigger('back-confirm')} {...(atReveal ? {} : clickerButton('back'))}>Back to decision {back}</button>
          : <button type="button" onClick={undo} {...(atReveal ? {} : clickerButton('back'))}>Back to decision {back}</button>)}
        <BlankButton blank={blank} />
      </p>
      <p className="actions session-tools no-print" onKeyDown={escape}>
        <button type="button" onClick={() => summary(undefined)}>Download the summary so far</button>
        <button type="button" onClick={openProjector}>Open a projector window</button>
        {onStartOver && <button type="button" {...startOver.trigger('start-over-confirm')}>Start over</button>}
        <button type="button" {...endSession.trigger('end-session-confirm')}>End the session</button>
      </p>
      {downloaded.note}
      {goBack.open && back !== undefined && backLoss && (
        <ConfirmPanel id="back-confirm" confirmation={goBack} title={`Go back to decision ${back}?`} keepLabel="No, stay here" confirmLabel={`Yes, back to decision ${back}`} onConfirm={() => { goBack.close(); undo(); }}>
          {backLoss}
        </ConfirmPanel>
      )}
      {startOver.open && (
        <ConfirmPanel id="start-over-confirm" confirmation={startOver} title="Start the presenter session over?" keepLabel="No, keep this session" confirmLabel="Yes, start over" onConfirm={() => onStartOver?.()}>
          {startOverLoss(decisions.length, view.kind === 'decision' && Object.values(votes).some((n) => n > 0), keepSummary('the summary so far'))}
        </ConfirmPanel>
      )}
      {/* As a live room's "End the session" asks it; with no phones, nothing is said of them. */}
      {endSession.open && (
        <ConfirmPanel id="end-session-confirm" confirmation={endSession} title="End the session?" keepLabel="No, keep going" confirmLabel="Yes, end the session" onConfirm={endNow}>
          The session cannot be carried on after this. How the room did so far is shown next, with the summary of what was decided to download.
        </ConfirmPanel>
      )}
      {/* For the trainer to answer "who is that?" (the laptop only, as the terminal's w). */}
      <WhosWho people={people} ended={view.done} />
      <BlankNotice blank={blank} />
      <ClickerHint keys={clicker.keys} said={clicker.said} overflow={overflow} />
      {projectorOutdated && <Announce>{PROJECTOR_OUT_OF_DATE_WORDS[projectorOutdated]}</Announce>}
      {projectorBlocked > 0 && <Announce key={projectorBlocked} className="notice no-print">{PROJECTOR_BLOCKED_WORDS} <span className="join-url">{projectorAddress()}</span></Announce>}
    </div>
  );
}

/**
 * Where a room session stands, for the resume notice: "at decision 2", or at a scene by its title
 * and the decisions behind it ("at the scene “Driving home”, after decision 1"), since the next
 * moment after a scene need not be a decision.
 */
function whereWords(view: SessionView): string {
  if (view.kind === 'decision') return `at decision ${view.progress.decision}`;
  const made = view.progress.decision;
  const moment = view.kind === 'scene' ? (view.title ? `the scene “${view.title}”` : 'a scene') : 'the ending';
  return `at ${moment}, ${made === 0 ? 'before the first decision' : `after decision ${made}`}`;
}

/** What starting the room session over loses, in words (the core's, as the terminal says them), if anything; `keep`: keepSummaryWords'. */
function startOverLoss(decisions: number, votesEntered: boolean, keep: string): string {
  const loss = roomLossWords(decisions, votesEntered);
  return loss ? `${loss} will be lost, and the session kept in this browser deleted. ${keep}` : 'The room has entered nothing yet, so nothing is lost.';
}

/**
 * Said when asking to start again, of the summary (`summary`: "the session summary", "the summary
 * so far"): to download it first, unless the one this page downloaded is as the session is now.
 */
function keepSummaryWords(upToDate: boolean): (summary: string) => string {
  return (summary) => (upToDate ? 'The summary downloaded from this page has it all: nothing has changed since.' : `Download ${summary} first if you want to keep it.`);
}
