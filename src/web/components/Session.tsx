import { useSelector } from '@xstate/react';
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import {
  cleanText, clearSave, yourReplyLabel, newerSaveAt, feedbackOf, undoEnding, finishPlaythrough, holdSave, progressWords, sceneHeadingAt, sceneNumberAt, unavailableWords, DOUBLE_PRESS_MS, TOO_SOON_WORDS, PRACTICE_IDLE_MS, practiceClock, replayConversation, saveKey, selectView, startSession, whatIfFrom, movedSinceHold, sameButTime, whileHoldingTime, writeSave,
  type Debrief as DebriefData, type PersistedScenarioSnapshot, type PlayableScenario, type SessionActor, type SessionEvent, type SessionMode, type SessionView, type Scenario, type Turn,
} from '../../machines/index.js';
import { watcherOf } from '../adapters/local-store.js';
import { guardRecorded, keepUnwritten } from '../records-guard.js';
import { useStore, useStoreProblem, useTab } from '../store.js';
import { drawSeed, forgetSeedBeforeSave, seedBeforeSave } from '../unsaved-seed.js';
import { REPLY_KEYS_LABEL, setReplyKeys, typingIn, useKeyboardSeen, useReplyKeys } from '../reply-keys.js';
import { useSay } from '../say.js';
import { useTitle } from '../title.js';
import { browserLocks, practiceTurn, turnLockOf, type PracticeTurn } from '../practice-turn.js';
import { Announce } from './Announce.js';
import { ConfirmPanel, useConfirmation } from './Confirm.js';
import { BACK_IN_DEBRIEF, Debrief, focusWhatIf } from './Debrief.js';
import { Changes, Feedback } from './Feedback.js';
import { WhosWho } from './WhosWho.js';
import { Trail } from '../trail.js';

/** One moment of the conversation as it appeared: a scene, a decision or the ending. */
interface Moment {
  key: string;
  nodeId: string;
  /** How many replies had been chosen when it appeared. */
  turns: number;
  kind: SessionView['kind'];
  title?: string;
  /**
   * At a scene, its heading (the core's sceneHeading: its title, or "Scene 3" by its number in the
   * playthrough), the one the terminal, presenter mode and the recaps give it.
   */
  heading?: string;
  narration?: string;
  lines: SessionView['lines'];
  /** A scene's effects on the meters (practice mode), said with the scene. */
  sceneChanges: SessionView['sceneChanges'];
}

type Snapshot = ReturnType<SessionActor['getSnapshot']>;

function momentOf(view: SessionView, turns: number, heading: string | undefined): Moment {
  return { key: `${view.nodeId}@${turns}`, nodeId: view.nodeId, turns, kind: view.kind, title: view.title, heading, narration: view.narration, lines: view.lines, sceneChanges: view.sceneChanges };
}

/**
 * The moment a session stands at, a scene headed by the core (sceneHeadingAt), and the scenes passed
 * from the start up to it (this one counted). `scenesBefore`: those passed before it, carried forward
 * from the step before (see Session's `counted`); without it, a scene's number is worked out by
 * replaying the playthrough from its start (the core's sceneNumberAt), which at every step made a
 * long chain of scenes quadratic.
 */
function momentAt(scenario: Scenario, actor: SessionActor, scenesBefore?: number): { moment: Moment; scenes: number | undefined } {
  const snap = actor.getSnapshot();
  const view = selectView(scenario, snap);
  const scenes = view.kind !== 'scene' ? scenesBefore : scenesBefore !== undefined ? scenesBefore + 1 : sceneNumberAt(scenario, actor.getPersistedSnapshot());
  return { moment: momentOf(view, snap.context.transcript.length, view.kind === 'scene' ? sceneHeadingAt(scenario, actor.getPersistedSnapshot(), scenes) : undefined), scenes };
}

/**
 * One moment of the conversation, with the reply made there and its feedback (practice). Memoised:
 * a moment does not change once shown (its reply is the transcript's entry, the same object at
 * every later step), so each step draws only the new moment, not the whole conversation again.
 */
const MomentView = memo(function MomentView({ moment: m, turn, scenario, mode, current, welcome }: { moment: Moment; turn: Turn | undefined; scenario: Scenario; mode: SessionMode; current: boolean; welcome: boolean }) {
  const fb = turn ? feedbackOf(scenario, turn) : undefined;
  return (
    // Not a landmark each: a long conversation filled the list of landmarks with a region per
    // moment, many named "Scene" alike (an untitled decision too). Its heading names it.
    // The current moment takes the focus when its text is clicked (tabIndex -1, out of the Tab
    // order): the focus stays in the decision the volunteer is at (a Tab goes on to its replies).
    <section className="moment" data-current={current ? '' : undefined} tabIndex={current ? -1 : undefined}>
      {welcome && !fb && <WelcomeBack />}
      {/* An untitled scene by its number in the playthrough ("Scene 3", the core's heading): several were "Scene" alike.
          Said once: by the focus, which goes to it at each step (landAfter), and not by the log as
          well, which read the new moment out, this heading first, while the focus on it read it again
          (aria-live off: the log says the rest of the moment, the reply just made and its feedback). */}
      <h3 className="moment-heading" tabIndex={-1} aria-live="off">{m.heading ?? m.title ?? (m.kind === 'decision' ? 'Your turn' : 'Scene')}</h3>
      {m.narration && <p className="narration"><span className="sr-only">Narration: </span>{m.narration}</p>}
      {m.lines.map((l, i) => (
        <p className="line" key={i}><span className="speaker">{l.speaker}{l.role ? <span className="role"> ({l.role})</span> : null}:</span> {l.text}</p>
      ))}
      {/* A scene that moves a meter says so with its story (the meter moves as the scene is left), read with the moment as the log adds it. */}
      <Changes changes={m.sceneChanges} />
      {welcome && fb && <WelcomeBack />}
      {fb && <p className="line yours"><span className="speaker you">{yourReplyLabel(fb.replyKind)}:</span> {fb.replyText}</p>}
      {fb && mode === 'practice' && <Feedback feedback={fb} />}
    </section>
  );
});

/** Said where a resumed save opens (see WelcomeBack). */
export const WELCOME_BACK = 'Welcome back: you are where you left off.';

/**
 * "Welcome back", where a resumed save lands: just before the reply last made (or at the top of the
 * scene continued from), the step the page opens with at the top of the window. Above the whole
 * conversation, it was never seen on a phone (2,275 px above the screen on the-list at 390 px), as
 * the what-if note was not before it moved. Read out once, by its own status region as its words
 * arrive; the conversation's log is kept from reading it too (aria-live off around it: a region
 * inside another is read twice by some screen readers). Once its words are in, it is brought to the
 * top of the window (under the bar), the reply below it: its words arriving above the reply
 * already scrolled there would have pushed it above the window (the browser keeps the reply where it was).
 */
function WelcomeBack() {
  const box = useRef<HTMLDivElement>(null);
  const [said, setSaid] = useState(false);
  useEffect(() => setSaid(true), []);
  useLayoutEffect(() => {
    if (said) box.current?.scrollIntoView?.({ block: 'start', behavior: 'instant' });
  }, [said]);
  return (
    <div aria-live="off" className="welcome-back" ref={box}>
      <div role="status">{said && <p className="notice">{WELCOME_BACK}</p>}</div>
    </div>
  );
}

/** The moments after an event: anything past an undo goes, and a new moment is added once. */
function addMoment(moments: readonly Moment[], next: Moment): Moment[] {
  const { turns } = next;
  const kept = moments.filter((m) => m.turns <= turns && !(m.turns === turns && m.kind === 'ending'));
  // After an undo the decision is already the last moment kept: drop the moments after it.
  const at = kept.findIndex((m) => m.key === next.key);
  if (at >= 0) return kept.slice(0, at + 1);
  return [...kept, next];
}

export interface SessionProps {
  playable: PlayableScenario;
  mode: SessionMode;
  snapshot?: PersistedScenarioSnapshot;
  startedAt: string;
  /** The practice time a resumed save stands for (ms): this playthrough's minutes count on from it. */
  activeMs?: number;
  /** Saves on every step and records the completion (off for previews and what-if replays). */
  persist: boolean;
  paused: boolean;
  notice?: ReactNode;
  resumed?: boolean;
  /**
   * The page's addresses (a bundled scenario's play page): once the playthrough is finished and its
   * debrief kept, the address becomes the kept debrief's, so a reload (a phone dropping the page)
   * opens the debrief again instead of a new playthrough; trying again goes back to the first, in
   * the mode of the playthrough it starts (starting again in the other mode changes the address
   * too, or a reload before the first reply would open the mode the volunteer had just left).
   */
  addresses?: { playing: Record<SessionMode, string>; debrief: string };
  /** The first run is a what-if replay from `snapshot` (a kept debrief's, opened again): not saved, not recorded. */
  whatIf?: boolean;
  /** The first run was started again ("Try again" on a debrief opened again): said, and focus on its first moment. */
  again?: string | undefined;
  /** What the debrief offers in place of "Back to the scenarios" (a Preview's way back to the file's check). */
  back?: ReactNode;
  /** A what-if (`whatIf`) started from a debrief shown outside this session (a kept debrief's, opened again): back to that debrief. */
  onBackToDebrief?: () => void;
}

/**
 * The volunteer's own debrief, as it was shown at the end of the playthrough a what-if replays from:
 * shown again by "Back to your debrief" on the what-if's debrief (with its own what-ifs, from its
 * own replies), the words about the records as they were.
 */
interface OwnDebrief {
  debrief: DebriefData;
  mode: SessionMode;
  played: Parameters<typeof whatIfFrom>[1];
  recorded: boolean;
  inTabOnly: boolean;
  recordsLeft: boolean | 'newer';
  /** The playthrough went on in another tab (ELSEWHERE said above it). */
  elsewhere: boolean;
  /** Kept (its debrief can be opened again): see PlaythroughProps.onWhatIf. */
  kept: boolean;
  /** The decision (0-based) whose "What if: replay from here" on it was pressed last: the focus goes back there (focusWhatIf). */
  from: number;
}

/** Starts a playthrough and swaps in a new one for "try again" and "what if"; and shows the volunteer's own debrief again after a what-if. */
export function Session(props: SessionProps) {
  const [run, setRun] = useState<{ n: number; mode: SessionMode; snapshot?: PersistedScenarioSnapshot | undefined; persist: boolean; startedAt: string; activeMs?: number | undefined; notice?: ReactNode; resumed: boolean; whatIf: boolean; whatIfKept: boolean; again?: string | undefined; own?: OwnDebrief | undefined; showOwn?: boolean }>({ n: 0, mode: props.mode, snapshot: props.snapshot, persist: props.persist && props.whatIf !== true, startedAt: props.startedAt, activeMs: props.activeMs, notice: props.notice, resumed: props.resumed ?? false, whatIf: props.whatIf ?? false, whatIfKept: props.whatIf === true, again: props.again });
  const tryAgain = (mode = run.mode) => {
    backToPlaying(props.addresses, mode);
    setRun({ n: run.n + 1, mode, snapshot: undefined, persist: props.persist, startedAt: new Date().toISOString(), activeMs: undefined, notice: undefined, resumed: false, whatIf: false, whatIfKept: false, again: startedAgainWords(mode, run.mode) });
  };
  // The debrief a what-if comes from is the volunteer's own (a what-if's debrief offers its way
  // back to it): kept through what-ifs of what-ifs, until a new playthrough starts.
  const whatIfFromHere = (snapshot: PersistedScenarioSnapshot, kept: boolean, own: OwnDebrief | undefined) => {
    // A what-if replay is not saved: the address stays the kept debrief's, so a reload (a phone
    // dropping the page) opens that debrief again, not a new playthrough from the start.
    if (props.addresses && location.hash !== props.addresses.debrief) history.replaceState(history.state, '', props.addresses.debrief);
    setRun({ n: run.n + 1, mode: run.mode, snapshot, persist: false, startedAt: new Date().toISOString(), activeMs: undefined, notice: undefined, resumed: false, whatIf: true, whatIfKept: kept, again: undefined, own: own ?? run.own });
  };
  const backToYours = run.own ? () => setRun({ ...run, n: run.n + 1, showOwn: true }) : props.onBackToDebrief;
  if (run.showOwn && run.own) {
    return <OwnDebriefAgain key={run.n} playable={props.playable} own={run.own} back={props.back} offerRecords={props.persist || props.whatIf === true} onTryAgain={() => tryAgain()} onWhatIf={whatIfFromHere} />;
  }
  return (
    <Playthrough
      key={run.n}
      {...props}
      mode={run.mode}
      snapshot={run.snapshot}
      persist={run.persist}
      offerRecords={props.persist || props.whatIf === true}
      startedAt={run.startedAt}
      activeMs={run.activeMs}
      notice={run.notice}
      resumed={run.resumed}
      whatIf={run.whatIf}
      whatIfKept={run.whatIfKept}
      again={run.again}
      backToYours={run.whatIf ? backToYours : undefined}
      // A resumed save opens where the volunteer left off: its conversation so far is replayed above
      // it, and on a phone the page would open on the first scene, screens away from the decision.
      focusOnStart={run.n > 0 || run.resumed || run.whatIf || run.again !== undefined}
      onTryAgain={tryAgain}
      onWhatIf={whatIfFromHere}
    />
  );
}

/**
 * The volunteer's own debrief shown again ("Back to your debrief" on a what-if's), as it was at the
 * end of its playthrough, the focus back on the "What if: replay from here" the volunteer left it by
 * (focusWhatIf); at the top of the page, its heading focused, were that button not there.
 */
function OwnDebriefAgain({ playable, own, back, offerRecords, onTryAgain, onWhatIf }: { playable: PlayableScenario; own: OwnDebrief; back: ReactNode; offerRecords: boolean; onTryAgain: () => void; onWhatIf: (snapshot: PersistedScenarioSnapshot, kept: boolean, own: OwnDebrief | undefined) => void }) {
  const { scenario } = playable;
  useTitle(`Debrief: ${scenario.title}`);
  const say = useSay();
  // The focus on the what-if pressed says that button's name only: the page says where it is.
  useEffect(() => {
    void (focusWhatIf(own.from) || landAfter('debrief'));
    say(BACK_IN_DEBRIEF);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, as it opens (own.from is its own from then on)
  }, []);
  return (
    <>
      {own.elsewhere && <p className="notice" role="alert">{ELSEWHERE}</p>}
      <Debrief
        scenario={scenario}
        debrief={own.debrief}
        mode={own.mode}
        recorded={own.recorded}
        inTabOnly={own.inTabOnly}
        recordsLeft={own.recordsLeft}
        whatIf={false}
        offerRecords={offerRecords}
        back={back}
        readingPlace={own.kept && !own.elsewhere ? 'kept' : undefined}
        onTryAgain={onTryAgain}
        onWhatIf={(decision) => {
          const at = whatIfFrom(scenario, own.played, decision);
          if (at) onWhatIf(at, own.kept, { ...own, from: decision });
        }}
      />
    </>
  );
}

/** The address back at the play page's own in `mode` (see SessionProps.addresses), without a new history entry. */
function backToPlaying(addresses: SessionProps['addresses'], mode: SessionMode): void {
  if (addresses && location.hash !== addresses.playing[mode]) history.replaceState(history.state, '', addresses.playing[mode]);
}

interface PlaythroughProps extends SessionProps {
  whatIf: boolean;
  /** Whether its debrief offers "My records": not when no playthrough of this page is recorded (a preview). */
  offerRecords: boolean;
  /** A what-if whose playthrough is kept (its debrief can be opened again): starting again loses only the what-if's own replies. */
  whatIfKept: boolean;
  /** Started by a button that is now gone (try again, start again, what if), or a save opened again: focus goes to the current moment. */
  focusOnStart: boolean;
  /** Starts a new playthrough, in `mode` when given (starting again in the other mode), else in this one. */
  onTryAgain: (mode?: SessionMode) => void;
  /**
   * `kept`: the playthrough replayed from is kept (its debrief can be opened again), not only in this
   * page. `own`: the debrief replayed from, when it is the volunteer's own (not a what-if's).
   */
  onWhatIf: (snapshot: PersistedScenarioSnapshot, kept: boolean, own: OwnDebrief | undefined) => void;
  /** A what-if's: back to the volunteer's own debrief (see DebriefProps.backToYours). */
  backToYours?: (() => void) | undefined;
  /** Said when this playthrough was started again (try again, start again): the button pressed is gone and focus is on the first moment. */
  again?: string | undefined;
}

/** What a new playthrough started again says, naming the mode when it is not the one just left. */
export function startedAgainWords(mode: SessionMode, before: SessionMode): string {
  return mode === before ? 'Started again from the beginning.' : `Started again from the beginning, in ${mode} mode.`;
}

function Playthrough({ playable, mode, snapshot, startedAt, activeMs, persist, offerRecords, paused, notice, resumed, whatIf, whatIfKept, again, back, backToYours, focusOnStart, onTryAgain, onWhatIf, addresses }: PlaythroughProps) {
  const store = useStore();
  const keptInTabOnly = useStoreProblem(store) !== undefined;
  // A newer version of casa-practice saved this scenario (the core's newerSaveAt): this playthrough is not saved over it.
  const [newerSaveHere] = useState(() => persist && newerSaveAt(store, saveKey(playable)) !== undefined);
  // The records are damaged and left as they were (no room for a copy): this finish is shown from this tab's memory only.
  const [recordsLeft, setRecordsLeft] = useState<boolean | 'newer'>(false);
  const { scenario } = playable;
  // A new actor replaces the first only to undo the reply that ended the story (an ended actor is
  // final): a session restored from the decision before it (the core's undoEnding), as the terminal does.
  // A new playthrough's seed (the order of its replies): until its first step is saved, the tab keeps
  // it, so a reload before the first reply shows the replies in the order the volunteer saw them.
  const tab = useTab();
  const [actor, setActor] = useState(() => startSession(scenario, mode, snapshot, snapshot ? undefined : persist ? seedBeforeSave(tab, saveKey(playable)) : drawSeed()));
  // Practice: the reply that ends the story gets its feedback and its undo, as every other reply
  // does, before the ending and the debrief (the terminal's last feedback, "Enter: see the debrief").
  // Until the volunteer goes on, the playthrough is not finished: the save holds the ended session
  // (a reload opens this step again, see endingHeldAt), nothing is recorded, and undo takes the
  // last reply back. A story ended by a Continue (a scene leading to its ending) opens its debrief
  // at once: the last reply's feedback was shown at the step before.
  const [lastFeedback, setLastFeedback] = useState(() => endingHeldAt(scenario, mode, snapshot));
  const endingHeld = useRef(lastFeedback);
  const view = useSelector(actor, useCallback((s: Snapshot) => selectView(scenario, s), [scenario]));
  const context = useSelector(actor, (s: Snapshot) => s.context);
  // Who's who: the people met so far (the core's peopleMet), worked out again as the story moves (the node, the replies made),
  // carried forward from step to step (see Trail: handed on in advance), not replayed from the start at every step.
  const trail = useMemo(() => new Trail(scenario), [scenario]);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- worked out again when the session moves, read from the actor
  const people = useMemo(() => trail.people(actor), [trail, actor, view.nodeId, context]);
  // A resumed save shows the whole conversation so far, replayed from its start (the current moment last).
  const [moments, setMoments] = useState<Moment[]>(() => {
    const replayed = snapshot ? replayConversation(scenario, snapshot) : [];
    return replayed.length > 0 ? replayed.map((m) => momentOf(m.view, m.turns, m.heading)) : [momentAt(scenario, actor).moment];
  });
  // The scenes passed up to the moment of the snapshot named (the last momentAt worked out), carried
  // on to the next moment by a Continue or a reply taken from that snapshot; worked out again by
  // replay where it is not known (the first step, after an undo, a step that did not move).
  const counted = useRef<{ snapshot: Snapshot; scenes: number | undefined }>(undefined);
  const [saveError, setSaveError] = useState<string>();
  // The replies the playthrough started with (a what-if's, kept from the playthrough it replays).
  const [startedWith] = useState(() => actor.getSnapshot().context.transcript);
  useTitle(`${view.done && !lastFeedback ? (whatIf ? 'What-if debrief' : 'Debrief') : mode === 'assessment' ? 'Assessment' : 'Practice'}: ${view.scenarioTitle}`);
  // Starting again loses the replies so far (and their save): it asks first, in the page.
  const restart = useConfirmation();
  const closeRestart = restart.close;
  // "Welcome back" is for the moment the save is opened: it goes once the volunteer moves on.
  const [welcomeBack, setWelcomeBack] = useState(resumed ?? false);
  // "Started again" likewise, until the first step of the new playthrough.
  const [startedAgain, setStartedAgain] = useState(again);
  // How many undos in a row (UNDONE_WORDS said anew each time, a new paragraph); gone at the next step.
  const [undone, setUndone] = useState<number>();
  const finished = useRef(false);
  // One save per scenario, shared by every tab: the save as this tab last read or wrote it (the
  // core's SaveHold, the rule the terminal keeps too). When it has changed (or gone) by this tab's
  // next step, another tab went on with the scenario (opened in two tabs, both continued) or
  // finished it: this tab stops there, neither saving over it nor recording a finish, or the
  // practice time in the save before the second tab opened it would be counted twice (each tab's
  // record counts it), and each tab's save would undo the other's.
  const [hold] = useState(() => (persist ? holdSave(store, saveKey(playable)) : undefined));
  const [elsewhere, setElsewhere] = useState(false);
  const stopped = useRef(false);
  // The minutes recorded are this playthrough's practice: a resumed save's time, then this
  // sitting's, less its breaks and the time the page was hidden (another tab, the screen locked,
  // the laptop closed), never the time the page was closed in between; and a tab left open but idle
  // stops counting PRACTICE_IDLE_MS after the last key, click, tap or mouse movement, until the next.
  const hidden = useSyncExternalStore(onVisibilityChange, pageHidden);
  const [clock] = useState(() => practiceClock(Date.now(), activeMs, paused || pageHidden(), { idleAfterMs: PRACTICE_IDLE_MS }));
  // Practice time another tab of this save counted (it only looked, and saved its reading time when
  // hidden or closed), joined with this tab's at its next save (the core's whileHoldingTime).
  const joinedMs = useRef(0);
  const practiceMs = useCallback((at: number) => clock.activeMs(at) + joinedMs.current, [clock]);
  // Two windows of one save on the screen at once take turns to count (practiceTurn: the browser's
  // lock of the save, where there is one), so no minute of the save is counted by both.
  const counting = !paused && !hidden;
  const countingNow = useRef(counting);
  countingNow.current = counting;
  const turn = useRef<PracticeTurn>(undefined);
  useEffect(() => {
    const lock = persist && hold ? turnLockOf(store, hold.key) : undefined;
    const mine = practiceTurn(clock, lock ? browserLocks() : undefined, lock ?? '', countingNow.current, { idleAfterMs: PRACTICE_IDLE_MS });
    turn.current = mine;
    return () => {
      if (turn.current === mine) turn.current = undefined;
      mine.close();
    };
  }, [clock, persist, hold, store]);
  useEffect(() => turn.current?.shown(counting), [counting]);
  // A tab that stopped (another went on) or finished counts no more: the next window of the save counts.
  useEffect(() => {
    if (elsewhere) turn.current?.close();
  }, [elsewhere]);
  // The replies and controls go as this tab stops: a focus on one of them went with it to the
  // document's body, and the next Tab started again from the top of the page. It goes to where the
  // conversation stopped, the newest moment's heading (or the debrief's, where a finish found so
  // opens the debrief), the alert after it saying why; a focus still in the page (the navigation) stays.
  useLayoutEffect(() => {
    if (!elsewhere) return;
    const active = document.activeElement;
    if (active && active !== document.body) return;
    (document.getElementById('debrief-heading') ?? newestMomentHeading())?.focus();
  }, [elsewhere]);
  useEffect(() => {
    const onInput = () => turn.current?.input();
    // click and focusin too: a screen reader activates a button or moves focus without key or pointer events.
    const events = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'click', 'focusin'] as const;
    for (const e of events) document.addEventListener(e, onInput, { capture: true, passive: true });
    return () => {
      for (const e of events) document.removeEventListener(e, onInput, { capture: true });
    };
  }, [clock]);

  // Saved on every step; at the ending the save goes and the completion is recorded (in practice
  // once the volunteer goes on from the last reply's feedback: until then the save holds the ended
  // session). `saveNow` saves the session as it stands, outside its steps: going on to the debrief,
  // and the session restored by undoing the last reply (a new actor, whose first step is that undo).
  const saveNow = useRef<() => void>(undefined);
  const restored = useRef(false);
  useEffect(() => {
    if (!persist || !hold) return;
    const save = (snap: Snapshot) => {
      if (stopped.current) return;
      try {
        const now = new Date();
        const step = snap.status === 'done' && !endingHeld.current
          ? (ms: number) => {
            if (finished.current) return;
            finished.current = true;
            turn.current?.close();
            const finish = finishPlaythrough(store, playable, snap.output as DebriefData, now, { mode: snap.context.mode, startedAt, randomBytes: (b) => crypto.getRandomValues(b), activeMs: ms, finishedSnapshot: actor.getPersistedSnapshot() });
            if (finish) guardRecorded(store, finish.recorded);
            const left = keepUnwritten(store, finish);
            if (left) setRecordsLeft(left === 'newer' ? 'newer' : true);
            // Kept: a reload opens this debrief again (no new history entry, and no change of page).
            if (finish && addresses) history.replaceState(history.state, '', addresses.debrief);
          }
          : (ms: number) => void writeSave(store, playable, actor.getPersistedSnapshot(), startedAt, now, ms);
        const mine = practiceMs(now.getTime());
        const held = whileHoldingTime(store, hold, { activeMs: mine, progressed: movedSinceHold(hold, actor.getPersistedSnapshot()) }, now, step);
        if (held.behind) {
          stopped.current = true;
          setElsewhere(true);
          return;
        }
        joinedMs.current += held.activeMs - mine;
        forgetSeedBeforeSave(tab, hold.key);
        setSaveError(undefined);
      } catch (e) {
        setSaveError(`Your progress could not be saved in this browser (${e instanceof Error ? e.message : 'storage refused it'}). You can go on; it will be kept in this tab only.`);
      }
    };
    // Saved from the first step on: opening a scenario and leaving at once leaves no save behind.
    const sub = actor.subscribe(save);
    saveNow.current = () => save(actor.getSnapshot());
    if (restored.current) {
      restored.current = false;
      save(actor.getSnapshot());
    }
    // And when the page is hidden or closed mid-step, so the minutes spent since the last step
    // (reading a long scene, then closing the laptop) are not lost: the save holds them.
    // Only over a save there already is: a page opened and hidden at once still leaves none.
    const leaving = () => {
      const snap = actor.getSnapshot();
      let saved = false;
      try {
        saved = store.read(saveKey(playable)) !== undefined;
      } catch {
        // Storage refused: nothing to bring up to date.
      }
      if ((snap.status !== 'done' || endingHeld.current) && saved) save(snap);
    };
    const onHide = () => document.visibilityState === 'hidden' && leaving();
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('pagehide', leaving);
    return () => {
      sub.unsubscribe();
      saveNow.current = undefined;
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('pagehide', leaving);
    };
  }, [actor, persist, hold, playable, startedAt, store, practiceMs, addresses, tab]);

  // Another tab that goes on with this scenario (or finishes it) is heard of at once, through the
  // browser's storage event: this tab stops before it takes a reply whose feedback would not count
  // (it found out only at its own next save, after showing that reply and its feedback).
  useEffect(() => {
    const watch = watcherOf(store);
    if (!persist || !hold || !watch) return;
    return watch(saveKey(playable), (text) => {
      // Only time added (a tab that looked, hidden or closed): this tab goes on, and its next save
      // joins that time to its own.
      if (stopped.current || finished.current || text === hold.text || sameButTime(hold.text, text)) return;
      // Gone on there: this tab's time since its last save is added to that save (when it took no
      // step of its own since) as it stops, through its save (whileHoldingTime).
      saveNow.current?.();
      if (stopped.current) return;
      let there: string | undefined;
      try {
        there = store.read(hold.key);
      } catch {
        there = text ?? undefined;
      }
      if (there === hold.text || sameButTime(hold.text, there)) return;
      stopped.current = true;
      setElsewhere(true);
    });
  }, [persist, hold, store, playable]);

  const advance = useCallback((event: SessionEvent) => {
    // Practice: a reply that ends the story is held at its feedback (see lastFeedback). Set before the
    // step is taken, as the save made at that step reads it.
    const holds = mode === 'practice' && event.type === 'reply.choose';
    // The new moment is in the page before focus moves to it: synchronously, never after an animation.
    flushSync(() => {
      closeRestart();
      setWelcomeBack(false);
      setStartedAgain(undefined);
      setUndone((u) => (event.type === 'decision.undo' ? (u ?? 0) + 1 : undefined));
      endingHeld.current = holds;
      const from = actor.getSnapshot();
      actor.send(event);
      const snap = actor.getSnapshot();
      if (event.type === 'scene.continue' || event.type === 'reply.choose') trail.handOn(from, snap, event.type === 'reply.choose' ? event.replyId : undefined);
      endingHeld.current = holds && snap.status === 'done';
      setLastFeedback(endingHeld.current);
      const onward = (event.type === 'scene.continue' || event.type === 'reply.choose') && snap !== from && counted.current?.snapshot === from;
      const { moment: next, scenes } = momentAt(scenario, actor, onward ? counted.current?.scenes : undefined);
      counted.current = { snapshot: snap, scenes };
      setMoments((m) => addMoment(m, next));
    });
    landAfter(actor.getSnapshot().status === 'done' ? (endingHeld.current && !stopped.current ? 'last-feedback' : 'debrief') : event.type === 'reply.choose' ? 'reply' : 'moment');
  }, [actor, scenario, closeRestart, mode, trail]);

  // From the last reply's feedback: on to the ending and the debrief, the playthrough finished there
  // (the completion recorded, the save gone, the address the kept debrief's).
  const seeDebrief = useCallback(() => {
    flushSync(() => {
      closeRestart();
      setWelcomeBack(false);
      setStartedAgain(undefined);
      setUndone(undefined);
      endingHeld.current = false;
      setLastFeedback(false);
    });
    saveNow.current?.();
    landAfter('debrief');
  }, [closeRestart]);

  // Start again (in this mode, or the other). At the last reply's feedback the story has ended: the
  // playthrough is finished first (recorded, its debrief kept), as "See the debrief" would, and as
  // the terminal's last feedback does (q there sees the debrief). Starting again there deleted the
  // save that held it, and its minutes never reached the records.
  const startAgain = (other?: SessionMode) => {
    if (endingHeld.current) {
      endingHeld.current = false;
      saveNow.current?.();
    }
    if (persist) clearSave(store, playable);
    onTryAgain(other);
  };

  // Undo: the last reply taken back. The reply that ended the story, at its feedback: back to that
  // decision in a session restored from just before it (an ended actor takes no event), saved.
  const undo = useCallback(() => {
    if (!endingHeld.current) return advance({ type: 'decision.undo' });
    const back = undoEnding(scenario, actor.getPersistedSnapshot());
    if (!back) return;
    const next = startSession(scenario, mode, back);
    flushSync(() => {
      closeRestart();
      setWelcomeBack(false);
      setStartedAgain(undefined);
      setUndone((u) => (u ?? 0) + 1);
      endingHeld.current = false;
      restored.current = true;
      setLastFeedback(false);
      setActor(next);
      const { moment, scenes } = momentAt(scenario, next);
      counted.current = { snapshot: next.getSnapshot(), scenes };
      setMoments((m) => addMoment(m, moment));
    });
    landAfter('moment');
  }, [advance, actor, scenario, mode, closeRestart]);

  // A what-if lands at its decision as a step does: the decision starts at the top of the window
  // (under the sticky bar), its what-if note below it. Focus alone let Chromium scroll the heading to
  // the middle of a phone's screen, the note ~150 px from the bottom: under a loaded machine's later
  // layout it was once found below the window.
  // A resumed save (a reload, "Continue where you stopped") opens with the step that led to where
  // the volunteer left off at the top of the window, as the terminal's "Where you left off" shows it
  // first: the reply last made (its feedback below it, in practice), or the scene continued from
  // (a decision may have no words of its own: the scene sets it up), then the newest moment. A plain
  // focus put the newest heading mid-screen on a phone, the last reply and most of its feedback
  // above the screen, behind the bar.
  // A save opened at the last reply's feedback (a reload there) opens as that step left the page.
  useEffect(() => {
    if (focusOnStart && endingHeld.current) return landAfter('last-feedback', true);
    const heading = focusOnStart ? newestMomentHeading() : undefined;
    if (!heading) return;
    if (!whatIf && !resumed) return heading.focus();
    heading.focus({ preventScroll: true });
    const moment = heading.closest('.moment');
    const before = whatIf ? undefined : moment?.previousElementSibling;
    const led = before?.classList.contains('moment') ? (before.querySelector<HTMLElement>('.yours') ?? before) : undefined;
    (led ?? moment)?.scrollIntoView?.({ block: 'start', behavior: 'instant' });
  }, [focusOnStart, whatIf, resumed]);

  const choose = useCallback((replyId: string) => advance({ type: 'reply.choose', replyId }), [advance]);


  // Why the reply whose number was just pressed cannot be chosen here (read out; see below).
  const [closedSaid, setClosedSaid] = useState<{ n: number; nodeId: string; text: string }>();
  // 1–9 choose a reply (without modifier keys) from the moment the decision is shown, wherever the
  // focus is on the page: a newcomer who opened a scenario (the focus on the page, or on its main
  // content from the first page) pressed 2 and nothing happened, until two Tabs had put the focus
  // in the decision, where alone the keys acted. Not while typing in a text field (the Preview's),
  // nor while a question is open (Start again?, any dialog), a break is shown or the playthrough went
  // on elsewhere. They can be turned off (WCAG 2.1.4: a number typed by speech software, or a key
  // pressed by mistake, answers the decision): the checkbox after the replies (reply-keys.ts).
  // A key held down chooses once: its auto-repeat would answer the decisions that follow, unseen.
  // In an assessment (no undo), a reply key pressed twice in quick succession answers only the
  // decision it was pressed at: the second press, landing on the decision the first one brought,
  // is said and not taken.
  const lastReplyKey = useRef<{ at: number; nodeId: string }>(undefined);
  const [tooSoon, setTooSoon] = useState<{ n: number; nodeId: string }>();
  const keysOn = useReplyKeys();
  const keyboardSeen = useKeyboardSeen();
  useEffect(() => {
    if (!keysOn || paused || view.done || restart.open || elsewhere) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.altKey || e.metaKey || e.defaultPrevented || e.repeat) return;
      if (!/^[1-9]$/.test(e.key) || typingIn(e.target) || questionOpen()) return;
      const reply = view.replies.find((r) => r.number === Number(e.key));
      const last = lastReplyKey.current;
      if (reply && mode === 'assessment' && last && last.nodeId !== view.nodeId && e.timeStamp - last.at < DOUBLE_PRESS_MS) {
        e.preventDefault();
        setTooSoon((c) => ({ n: (c?.n ?? 0) + 1, nodeId: view.nodeId }));
        return;
      }
      if (reply?.enabled) {
        e.preventDefault();
        lastReplyKey.current = { at: e.timeStamp, nodeId: view.nodeId };
        choose(reply.id);
      } else if (reply) {
        // A reply the story does not open here: say why, as the terminal does, instead of nothing.
        e.preventDefault();
        setClosedSaid((c) => ({ n: (c?.n ?? 0) + 1, nodeId: view.nodeId, text: unavailableWords(reply) }));
      } else if (view.kind === 'decision' && view.replies.length > 0) {
        // A number past the replies (9 of 4): it did nothing and said nothing, and a keyboard or
        // screen reader user could not tell a key that missed from a page that stopped listening.
        // Said politely, once a press, in the same region, with the keys that do choose; the focus
        // stays where it is.
        setClosedSaid((c) => ({ n: (c?.n ?? 0) + 1, nodeId: view.nodeId, text: noSuchReplyWords(Number(e.key), view.replies) }));
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [keysOn, paused, view, choose, restart.open, elsewhere, mode]);

  const wentOn = elsewhere && <p className="notice" role="alert">{ELSEWHERE}</p>;
  // (At the last reply's feedback, a save found gone on with in another tab opens the debrief, not
  // recorded here, as any other finish found so: there is nothing more to do here.)
  if (view.done && view.debrief && (!lastFeedback || elsewhere)) {
    const { debrief } = view;
    return (
      <>
        {wentOn}
        <Debrief
          scenario={scenario}
          debrief={debrief}
          mode={context.mode}
          recorded={persist && !elsewhere}
          inTabOnly={keptInTabOnly}
          recordsLeft={recordsLeft}
          whatIf={whatIf}
          offerRecords={offerRecords}
          back={back}
          backToYours={backToYours}
          readingPlace={addresses && persist && !whatIf && !elsewhere ? 'fresh' : undefined}
          onTryAgain={() => onTryAgain()}
          onWhatIf={(decision) => {
            const at = whatIfFrom(scenario, context, decision);
            const kept = persist && !elsewhere && saveError === undefined;
            if (at) onWhatIf(at, kept, whatIf ? undefined : { debrief, mode: context.mode, played: context, recorded: persist && !elsewhere, inTabOnly: keptInTabOnly, recordsLeft, elsewhere, kept, from: decision });
          }}
        />
      </>
    );
  }

  const first = moments[0];
  const earlier = first ? context.transcript.slice(0, first.turns) : [];
  // The ending waits for the debrief while the last reply's feedback is read (lastFeedback).
  const shown = lastFeedback ? moments.filter((m) => m.kind !== 'ending') : moments;
  // Where a resumed save opens (the landing effect above), "Welcome back" said there: the moment
  // with the reply last made (at the last reply's feedback, the newest), or the scene continued
  // from; the newest moment when it is the only one.
  const landing = !welcomeBack ? -1 : lastFeedback || shown.length < 2 ? shown.length - 1 : shown.length - 2;
  return (
    <div className="play">
      <div className="play-head">
        <h1>{view.scenarioTitle}</h1>
        <p className="status-line">
          {/* Separate phrases read aloud too: a full stop after each, for screen readers only (flex gaps are silent). */}
          <span>{mode === 'assessment' ? 'Assessment: feedback waits for the debrief' : 'Practice'}<span className="sr-only">. </span></span>
          <span aria-live="off">{progressWords(view)}<span className="sr-only">.</span></span>
        </p>
        {mode === 'practice' && view.meters.length > 0 && (
          <div className="meters">
            {view.meters.map((m) => (
              // Read once, in words, as one text ("Kiara's trust: 50 of 100"); the label, the bar and
              // the words beside it are for the eye only, as the debrief's score bar is. The bar was
              // the one read, a <meter> named by the label with aria-valuetext "50 of 100", but
              // Chromium's accessibility tree gives a meter its number only (its valuetext empty, an
              // ARIA meter's too): "Kiara's trust, 50", of what unsaid. One string: a colon in a
              // visually hidden span of its own was read " : " (Chromium spaces it as a block).
              <div className="meter" key={m.id}>
                <span className="sr-only">{`${m.label}: ${m.value} of ${m.max}`}</span>
                <span aria-hidden="true">{m.label}</span>
                <meter aria-hidden="true" min={m.min} max={m.max} value={m.value} />
                <span className="meter-text" aria-hidden="true">{`${m.value} of ${m.max}`}</span>
              </div>
            ))}
          </div>
        )}
        <WhosWho people={people} />
      </div>
      {/* Before the first reply of a new playthrough: the scenario may have been opened from a link,
          not from its card on the first page (where the note is too), as the terminal shows it first. */}
      {!snapshot && context.transcript.length === 0 && (
        <p className="content-note"><strong>Content note:</strong> {cleanText(scenario.contentNote)} Take a break whenever you need one (the button at the top of the page){persist ? (newerSaveHere ? '; this playthrough\'s progress is not saved (see the notice below)' : keptInTabOnly ? '; your progress is kept in this tab until you close it (see the notice at the top of the page)' : '; your progress is kept as you go') : ''}.</p>
      )}
      {notice && <Announce>{notice}</Announce>}
      {startedAgain && <Announce>{startedAgain}</Announce>}
      {/* From the first decision there is no earlier reply to keep (it said "with your earlier replies kept" there too). */}
      {whatIf && <Announce>What if: you are back at {startedWith.length === 0 ? 'the first decision, to choose again' : 'an earlier decision with your earlier replies kept'}. This replay is not added to your records{addresses ? ', and not saved: if the page is reloaded, your debrief opens again' : ''}.</Announce>}
      {saveError && <p className="notice" role="alert">{saveError}</p>}
      {/* Undo moves focus to the decision's heading, which names the decision and nothing more: what
          happened is said by a region always in the page (its words are read as they arrive), not in the log. */}
      <div className="sr-only" aria-live="polite">{undone !== undefined && <p key={undone}>{UNDONE_WORDS}</p>}</div>
      <h2 className="sr-only" id="transcript-heading">Conversation</h2>
      <div id="transcript" role="log" aria-labelledby="transcript-heading" className="transcript">
        {earlier.length > 0 && (
          <div className="earlier">
            <h3>Earlier in this conversation</h3>
            <ol>{earlier.map((t, i) => <li key={i}>{earlierReply(feedbackOf(scenario, t))}</li>)}</ol>
          </div>
        )}
        {shown.map((m, i) => <MomentView key={m.key} moment={m} turn={m.kind === 'decision' ? context.transcript[m.turns] : undefined} scenario={scenario} mode={mode} current={i === shown.length - 1 && m.kind === 'decision' && !lastFeedback && !elsewhere} welcome={i === landing} />)}
      </div>
      {wentOn}
      {/* Said where the volunteer is, not only above the conversation (a phone's screens away, seen
          by no one who arrived at the decision): a what-if looked like the playthrough itself. */}
      {whatIf && !elsewhere && <p className="notice what-if-note">{WHAT_IF_NOTE}</p>}
      {view.kind === 'decision' && !elsewhere && (
        // tabIndex -1: a click on the prompt or the hint keeps the focus in the decision (a Tab goes on to its replies).
        <div role="group" aria-labelledby="prompt" className="replies" tabIndex={-1}>
          <h3 id="prompt">{view.prompt}</h3>
          {keysOn && replyKeysWords(view.replies) && <p className={`hint reply-keys${keyboardSeen ? ' keyboard-seen' : ''}`} id="reply-keys">{replyKeysWords(view.replies)}</p>}
          <ol>
            {view.replies.map((r) => (
              <li key={r.id}>
                {/* Named as shown, its number first ("2. Do: Sit down…"): a speech-input user says "click 2"
                    (WCAG 2.5.3), and a screen reader reads the number once, in the name (the circle
                    itself stays hidden). A name of its own rather than the button's words with a full
                    stop hidden in them: Chromium set that apart, as "2 . Do:" (the circle is a flex item).
                    Its key (aria-keyshortcuts, "shortcut 2") only while the keys are on: turned off, it named a key that did nothing. */}
                <button type="button" className="reply" disabled={!r.enabled} aria-label={replyName(r)} aria-keyshortcuts={keysOn && r.number <= 9 ? String(r.number) : undefined} aria-describedby={r.enabled ? undefined : `why-${r.id}`} onClick={() => choose(r.id)}>
                  <span className="num" aria-hidden="true">{r.number}</span>
                  <span>{r.kind === 'do' ? <><em className="do">Do:</em>{' '}</> : null}{r.text}</span>
                </button>
                {!r.enabled && <span className="hint" id={`why-${r.id}`}> {unavailableWords(r)}</span>}
              </li>
            ))}
          </ol>
          {/* After the replies, not between the question and them: a Tab from the question goes to reply 1. */}
          <p className={`hint no-print reply-keys${keyboardSeen ? ' keyboard-seen' : ''}`}>
            <label><input type="checkbox" checked={keysOn} onChange={(e) => setReplyKeys(e.currentTarget.checked)} /> {REPLY_KEYS_LABEL}</label>
          </p>
          {/* Pressing the number of a closed reply: its reason, read out each time (the same words are beside it on screen); of no reply, which keys choose. */}
          <div className="sr-only" aria-live="polite">{closedSaid?.nodeId === view.nodeId && <p key={closedSaid.n}>{closedSaid.text}</p>}</div>
          {/* Read out each time (an Announce, empty before its words come): a status that appeared with its words in it was shown and not said. */}
          {tooSoon?.nodeId === view.nodeId && <Announce key={tooSoon.n} className="hint">{TOO_SOON_WORDS}</Announce>}
        </div>
      )}
      {lastFeedback && !elsewhere && (
        // Where the focus goes after the reply that ends the story, as it goes to the new moment's
        // heading after any other: reading on from it, the way on and the undo.
        <div className="last-reply">
          <h3 id={LAST_REPLY_HEADING} tabIndex={-1}>Your last reply</h3>
          <p>That reply ends the story. Read its feedback above, then see how the story ends in your debrief, or undo the reply to choose again.</p>
        </div>
      )}
      {!elsewhere && <p className="controls">
        {view.canContinue && <button type="button" className="primary" onClick={() => { lastReplyKey.current = undefined; advance({ type: 'scene.continue' }); }}>Continue</button>}
        {lastFeedback && <button type="button" className="primary" onClick={seeDebrief}>See the debrief</button>}
        {mode === 'practice' && (view.canUndo || lastFeedback) && <button type="button" onClick={undo}>Undo last reply</button>}
        {context.transcript.length > 0 && (
          <button type="button" {...restart.trigger('restart-confirm')} onKeyDown={restart.onEscape}>
            Start again from the beginning
          </button>
        )}
        {/* A what-if's way back to the debrief it replays from, before its end as on its debrief:
            the only way out was to start again from the beginning, or play the what-if to its end. */}
        {whatIf && backToYours && <button type="button" onClick={backToYours}>Back to your debrief</button>}
      </p>}
      {restart.open && !elsewhere && context.transcript.length > 0 && (
        // An h3: the controls that open it follow the current decision, in the conversation's section
        // (its h2, "Conversation"), as the decision's own heading (h3) is.
        <ConfirmPanel
          id="restart-confirm"
          level={3}
          confirmation={restart}
          title="Start again from the beginning?"
          keepLabel="No, keep going"
          confirmLabel="Yes, start again"
          onConfirm={() => startAgain()}
          // A saved playthrough keeps its mode when opened again: starting again is where to change it.
          alternative={{ label: `Start again in ${mode === 'assessment' ? 'practice' : 'assessment'} instead`, onConfirm: () => startAgain(mode === 'assessment' ? 'practice' : 'assessment') }}
        >
          {lastFeedback && persist ? ENDED_RESTART : `${whatIf && whatIfKept ? whatIfRestartLoss(whatIfReplies(startedWith, context.transcript)) : `${restartLoss(context.transcript.length, persist)} This cannot be undone.`} Your records of finished playthroughs stay as they are.`}
        </ConfirmPanel>
      )}
    </div>
  );
}

/**
 * The newest moment's heading: the conversation's last moment (after "Earlier in this
 * conversation", when there is one), looked up directly. A selector (#transcript
 * .moment:last-of-type .moment-heading) went through the whole page at every reply, a tenth of a
 * step's time in the component tests.
 */
function newestMomentHeading(): HTMLElement | null {
  const last = document.getElementById('transcript')?.lastElementChild;
  return last?.classList.contains('moment') ? last.querySelector<HTMLElement>('.moment-heading') : null;
}

/**
 * Where the focus and the window go after a step. What is new starts at the top of the window, under
 * the sticky bar (html's scroll-padding-top): after a reply ('reply'), the reply just made, its
 * feedback (practice), then the new moment and its replies; after Continue or Undo ('moment'), the
 * new moment (or the decision undo returns to) and its replies (a plain focus had left its replies
 * below a desktop's window); after the reply that ends the story in practice ('last-feedback'), that
 * reply and its feedback, the focus on the heading after them ("Your last reply") as it is on the
 * new moment's after any other reply. The focus goes to the heading without the browser's own
 * scroll, which showed just that heading, at the bottom of a desktop's window, with the new replies
 * below it (the reply keys act from the heading, unseen). Smooth unless the volunteer asks for
 * reduced motion (or `instant`: a page opened there). Where the reply and its feedback are taller
 * than the window (a long feedback on a small phone), the heading is below it: the volunteer reads
 * down to it, and a screen reader reads from the focus wherever it is.
 * The debrief ('debrief') is a page of its own: it opens at its top, the outcome and score in view,
 * as the page does when opened again. A smooth scroll still under way from the step before (the last
 * reply chosen soon after it) went on past an instant scroll to the top in Chromium, and left the
 * debrief 40 to 65 px down, the page's links under the sticky bar: it is taken to the top again at
 * the next frames until it stays there (three at most).
 */
export function landAfter(step: 'reply' | 'moment' | 'last-feedback' | 'debrief', instant = false): void {
  if (step === 'debrief') {
    const heading = document.getElementById('debrief-heading');
    if (!heading) return;
    heading.focus({ preventScroll: true });
    let frames = 0;
    const toTop = () => {
      if (window.scrollY === 0) return;
      window.scrollTo({ top: 0, behavior: 'instant' });
      if (++frames <= 3) requestAnimationFrame(toTop);
    };
    toTop();
    return;
  }
  const target = step === 'last-feedback' ? document.getElementById(LAST_REPLY_HEADING) : newestMomentHeading();
  const start = step === 'last-feedback'
    ? newestMomentHeading()?.closest('.moment')?.querySelector<HTMLElement>('.yours')
    : step === 'reply' ? target?.closest('.moment')?.previousElementSibling?.querySelector<HTMLElement>('.yours') : target?.closest('.moment') ? target : undefined;
  if (!target || !start) {
    target?.focus();
    return;
  }
  target.focus({ preventScroll: true });
  const still = instant || (window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? true);
  start.scrollIntoView?.({ block: 'start', behavior: still ? 'instant' : 'smooth' });
}

/** The heading after the last reply's feedback, where the focus goes (see landAfter). */
const LAST_REPLY_HEADING = 'last-reply-heading';

/**
 * Whether a playthrough opens at the last reply's feedback, its ending held (see Playthrough's
 * lastFeedback): a practice save that holds an ended session (a reload there), which the core can
 * take back to the decision before its last reply.
 */
function endingHeldAt(scenario: Scenario, mode: SessionMode, snapshot: PersistedScenarioSnapshot | undefined): boolean {
  return mode === 'practice' && snapshot?.status === 'done' && undoEnding(scenario, snapshot) !== undefined;
}

/** Said when practice's undo takes the last reply back (focus goes to the decision's heading, which only names it). */
export const UNDONE_WORDS = 'Your last reply was undone. You are back at this decision: choose again.';

const ELSEWHERE = 'You went on with this scenario in another tab or window, so it stopped here: nothing more from this tab is saved or added to your records. To go on here, reload this page; it opens where the other one left off.';

/**
 * Whether a question is open on the page (Start again?, a file's question in the Preview, any
 * dialog): a number pressed then is not an answer to the decision behind it.
 */
function questionOpen(): boolean {
  return document.querySelector('.confirm, dialog[open], [role="dialog"], [role="alertdialog"]') !== null;
}

/**
 * "Press 1 to 3 to choose.", naming only the keys that choose something here: a reply the story
 * does not open is left out ("Press 2 or 3 to choose."); none at all, no hint.
 */
function replyKeysWords(replies: readonly { number: number; enabled: boolean }[]): string | undefined {
  const keys = replies.filter((r) => r.enabled && r.number <= 9).map((r) => r.number);
  if (keys.length === 0) return undefined;
  if (keys.length === 1) return `Press ${keys[0]} to choose.`;
  const first = keys[0] as number;
  const last = keys[keys.length - 1] as number;
  if (keys.length > 2 && last - first === keys.length - 1) return `Press ${first} to ${last} to choose.`;
  return `Press ${keys.slice(0, -1).join(', ')} or ${last} to choose.`;
}

/** A reply key past the replies, pressed: "There is no reply 9 here. Press 1 to 4 to choose." (replyKeysWords). */
export function noSuchReplyWords(key: number, replies: readonly { number: number; enabled: boolean }[]): string {
  const keys = replyKeysWords(replies);
  return `There is no reply ${key} here.${keys ? ` ${keys}` : ''}`;
}

/** A reply's name, as it is shown: "2. Do: Sit down beside her.", "3. What happened?" (the full stop a pause after the number). */
function replyName(r: { number: number; kind: 'say' | 'do'; text: string }): string {
  return `${r.number}. ${r.kind === 'do' ? 'Do: ' : ''}${r.text}`;
}

const pageHidden = (): boolean => document.visibilityState === 'hidden';
function onVisibilityChange(listener: () => void): () => void {
  document.addEventListener('visibilitychange', listener);
  return () => document.removeEventListener('visibilitychange', listener);
}

/** What starting again loses, in words. */
function restartLoss(replies: number, saved: boolean): string {
  const made = replies === 1 ? 'The reply you have made' : `The ${replies} replies you have made`;
  return `${made} in this playthrough will be lost${saved ? ', and the progress saved in this browser will be deleted' : ''}.`;
}

/** "Start again from the beginning?" at the last reply's feedback, the story ended (see startAgain). */
export const ENDED_RESTART = 'The story has ended, so this playthrough is added to your records first, and its debrief kept: “See your last debrief” on the scenarios page opens it. Its last reply can then no longer be undone.';

/** Shown just above the current decision (or Continue) throughout a what-if replay. */
export const WHAT_IF_NOTE = 'What-if replay: not saved, not added to your records.';

/** How many replies were made in a what-if: those after the replies it started with (an undo past them counts what is chosen again). */
function whatIfReplies(startedWith: readonly Turn[], now: readonly Turn[]): number {
  let same = 0;
  while (same < startedWith.length && same < now.length && startedWith[same]?.nodeId === now[same]?.nodeId && startedWith[same]?.replyId === now[same]?.replyId) same++;
  return now.length - same;
}

/**
 * What starting again from a what-if loses: only its own replies. The replies before it are the
 * playthrough it replays, whose debrief is kept (it said they would all be lost, "This cannot be undone").
 */
export function whatIfRestartLoss(replies: number): string {
  const made = replies === 0 ? 'This what-if replay ends; you have made no reply in it yet.' : `${replies === 1 ? 'The reply' : `The ${replies} replies`} you have made in this what-if replay will be lost: a what-if is not saved.`;
  return `${made} The playthrough it replays is kept: "See your last debrief" on the scenario's card opens its debrief again, until you next finish this scenario.`;
}

/** An earlier reply in the recap, as the conversation shows it: "You: …", or "You do: …" for an action (the core's yourReplyLabel, as the terminal labels it). */
function earlierReply(f: { replyText: string; replyKind: 'say' | 'do' }) {
  return <><span className="speaker you">{yourReplyLabel(f.replyKind)}:</span> {f.replyText}</>;
}
