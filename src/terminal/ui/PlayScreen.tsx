import { useSelector } from '@xstate/react';
import { Box } from 'ink';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { changeWords, debriefKey, decisionSetup, fellBehind, latestSaveKey, newerSaveAt, NEWER_SAVE_QUIT, saveKey, saveKeptInstead, saveSummary, FELL_BEHIND_FINISH, finishPlaythrough, peopleMet, PRACTICE_IDLE_MS, practiceClock, resumeOpening, sceneHeadingAt, sceneNumberAt, selectView, startSession, unavailableWords, pathReply, yourReply, DOUBLE_PRESS_MS, TOO_SOON_WORDS, type Recap, type PersistedScenarioSnapshot, type PlayableScenario, type RunOrigin, type SaveHold, type SessionActor, type SessionMode, type SessionView } from '../../machines/index.js';
import { hintLine, hintRows, NO_UNDO_WORDS, playHints, readOnHints, typedNumberHints, typeNumber, withOptionalHint, type Action, type Hint } from '../keys.js';
import { noteFinish, quitRetryWords, recordsNoticeLines, withoutToDo } from '../node/state-store.js';
import { noReplyEndWords, NOT_RECORDED_UNWRITABLE, recordedLine, saveKeptOnDisk, saveProgress, stateStore } from '../saves.js';
import { inkRows, wrapText } from '../wrap.js';
import { noteKeptExport, type DebriefFiles } from '../export.js';
import { testRunWords } from '../invocation.js';
import type { Row } from '../debrief-lines.js';
import { feedbackRows, momentRows, setupRows } from '../tall-rows.js';
import { followedOffset, inView, moreBelow, pageSize, ScrollRows, scrolledOffset, useFollowInView, useKeptOffset } from './ScrollRows.js';
import { useApp } from './AppContext.js';
import { DebriefScreen } from './DebriefScreen.js';
import { FeedbackScreen, quitOnly, type FeedbackControl } from './FeedbackScreen.js';
import { KeyHints } from './KeyHints.js';
import { Moment } from './Moment.js';
import { noReplyQuitWords, nothingNewQuitWords, QuitPrompt, quitPromptExtra, unsavedQuitWords } from './QuitPrompt.js';
import { hiddenReplyWords, REPLY_INDENT, ReplyList, replyRows, withReplies } from './ReplyList.js';
import { compactStatus, StatusLine, statusText } from './StatusLine.js';
import { meterRows } from './Meter.js';
import { useTheme } from './ThemeContext.js';
import { useArrivedAfter, useKeys } from './useKeys.js';
import { useScreenSize } from './useScreenSize.js';
import { withLongPathsShortened } from '../long-path.js';
import { Paragraph } from './Paragraph.js';
import { WHO_HINT, whoHeight, whoRows, WhoScreen } from './WhoScreen.js';


/** Rows the quit prompt leaves the rest of the screen at least (the status row, a row of the moment, the keys, the row kept spare): fewer, and a long path in it is shortened. */
const QUIT_ROOM = 4;
/** Props of PlayScreen. */
export interface PlayScreenProps {
  /** The scenario being played and its file. */
  playable: PlayableScenario;
  /** The running session. */
  actor: SessionActor;
  /** Practice shows feedback and allows undo; assessment holds both for the debrief. */
  mode: SessionMode;
  /** When the playthrough started (a resumed one keeps its first start). */
  startedAt?: string;
  /** The practice time a resumed save stands for (the core's savedActiveMs); this sitting adds to it. */
  activeMs?: number;
  /** How this run relates to the save in its slot (it replaces a further save only by the core's policy). */
  origin?: RunOrigin;
  /**
   * The save a continued run holds (the core's SaveHold): it is saved and finished only while no
   * other terminal went on with that save, so its earlier minutes are counted once.
   */
  hold?: SaveHold;
  /** Back to the scenario picker from the debrief, when there is one. */
  onBack?: () => void;
  /** True for a session restored from a save: it opens on what led to where it stopped. */
  resumed?: boolean;
  /** A line said where a resumed session opens (above where it left off, else over the help line until a key). */
  notice?: string;
}

/** A playthrough: the moment, the replies, feedback, and the debrief at the end. */
export function PlayScreen({ playable, actor: firstActor, mode, startedAt: resumedStart, activeMs: resumedActive, origin = 'new', hold: heldSave, onBack, resumed = false, notice }: PlayScreenProps) {
  const app = useApp();
  // A new actor replaces the first only to undo the reply that ended the scenario (an ended actor is final).
  const [actor, setActor] = useState(firstActor);
  const beforeLastReply = useRef<PersistedScenarioSnapshot>(undefined);
  const finished = useRef(false);
  const { columns, rows } = useScreenSize();
  const selectedView = useSelector(actor, useCallback((snapshot) => selectView(playable.scenario, snapshot), [playable.scenario]));
  // An untitled scene headed by its number in the playthrough ("Scene 2", the core's sceneHeadingAt),
  // drawn and laid out as a title is: it had no heading while on screen, and then "Scene 2" under
  // "Before this" after an undo, and in "Where you left off" (as the web's play page, presenter mode
  // and the trainer's screen number it live).
  // The number is carried forward from scene to scene, as line-by-line play carries it: `scenesBefore`
  // is the number of the scene Enter left (set there), undefined until worked out once by replaying
  // the playthrough (the core's sceneNumberAt): at the start (a resumed save stands anywhere) and
  // after an undo. Replaying at every scene made a long chain of scenes quadratic. `numbered`: the
  // snapshot the scene on screen was numbered at, and its number (every scene counted, a titled one too).
  const scenesBefore = useRef<number | undefined>(undefined);
  const numbered = useRef<{ snapshot: unknown; n: number | undefined }>(undefined);
  const view = useMemo(() => {
    if (selectedView.kind !== 'scene') return selectedView;
    const n = scenesBefore.current !== undefined ? scenesBefore.current + 1 : sceneNumberAt(playable.scenario, actor.getPersistedSnapshot());
    numbered.current = { snapshot: actor.getSnapshot(), n };
    const heading = !selectedView.title ? sceneHeadingAt(playable.scenario, actor.getPersistedSnapshot(), n) : undefined;
    return heading === undefined ? selectedView : { ...selectedView, title: heading };
  }, [selectedView, playable.scenario, actor]);
  const title = view.scenarioTitle;
  // An author's test (--from, --set, --preview) says so in the status line of every screen, from the first.
  const test = testRunWords(playable)?.short;
  const [startedAt] = useState(() => resumedStart ?? new Date().toISOString());
  // Practice time: what a resumed save stands for, plus this sitting (the time between sittings is not
  // practice); as in the web app, a sitting left without a key press stops counting after PRACTICE_IDLE_MS.
  const [clock] = useState(() => practiceClock(Date.now(), resumedActive, false, { idleAfterMs: PRACTICE_IDLE_MS }));
  const [finishNotice, setFinishNotice] = useState<string>();
  // No reply is highlighted until a number or an arrow is pressed: Enter alone never answers.
  const [selected, setSelected] = useState(-1);
  // The digits typed so far of a reply number that more than one reply's number starts with.
  const typed = useRef('');
  const [typedShown, setTypedShown] = useState<number | undefined>(undefined);
  const [showFeedback, setShowFeedback] = useState(false);
  // The feedback screen's reading on (Enter pages down through feedback taller than the window).
  const feedback = useRef<FeedbackControl>(null);
  const [confirmQuit, setConfirmQuit] = useState(false);
  // "Who's who" (w) open over the scene or decision: the people met so far. Closing it leaves the
  // moment as it was (the reply highlighted, the place in a long moment), kept here meanwhile.
  const [whoOpen, setWhoOpen] = useState(false);
  const people = useMemo(() => (whoOpen ? peopleMet(playable.scenario, actor.getPersistedSnapshot()) : []), [whoOpen, playable.scenario, actor]);
  const peopleRows = useMemo(() => whoRows(people, columns), [people, columns]);
  const [whoOffset, setWhoOffset] = useKeptOffset(peopleRows, whoOpen);
  const theme = useTheme();
  // A resumed session first shows the scenes (and the reply) that set up where it stopped: before a
  // decision, which must not open bare, and (practice) before a scene a reply led to, whose feedback
  // the volunteer may have quit on (the core's resumeOpening). Enter then opens the moment as it stood.
  const [recap, setRecap] = useState<Recap | undefined>(() => (resumed ? resumeOpening(playable.scenario, firstActor.getPersistedSnapshot()) : undefined));
  // The recap as rows, and where its window is: kept as the place read when the window is resized (keptOffset).
  const recapRows = useMemo(() => (recap ? recapText(recap, columns) : []), [recap, columns]);
  const [recapOffset, setRecapOffset] = useKeptOffset(recapRows);
  // Why the reply just typed cannot be chosen; shown in place of the help line until the next key.
  // A resumed playthrough with nothing to recap opens on its decision: where progress cannot be
  // saved, that is said there first (the recap says it otherwise, a new one on its content note).
  const [unavailable, setUnavailable] = useState<string | undefined>(() => (resumed && !recap ? [stateStore(app.env).savingFailure(), notice].filter(Boolean).join(' ') || undefined : undefined));
  const hold = origin === 'continued' ? heldSave : undefined;
  // Whether a reply was made in this run: back at no reply after undoing them all, quitting is not
  // said to keep the earlier save because no reply was made (the snapshot keeps no trace of them).
  const repliedHere = useRef(false);
  // A reply made or undone in this run: what Ctrl-C or a closed window saves (endUnasked).
  const changedHere = useRef(false);
  const allUndone = (replies: number) => repliedHere.current && replies === 0;
  const save = () => saveProgress(playable, actor.getPersistedSnapshot(), origin, app.env, startedAt, clock.activeMs(Date.now()), hold, allUndone(actor.getSnapshot().context.transcript.length), undefined, columns);
  // Ctrl-C, a closed window or SIGTERM before a reply was made or undone in this run: nothing is
  // written (noReplyEndWords), as where piped input ends. Written, a run just opened became the
  // newest save, and `resume` and the picker's R opened it rather than the playthrough in progress;
  // a resumed save quit at once was written again as the newest. q's y does the same then, its
  // question saying there is nothing new to save (noReplyQuit).
  const endUnasked = () => (changedHere.current ? undefined : noReplyEndWords(playable, origin, app.env, undefined, hold)) ?? save().message;
  // The save at "save and quit" that found the state folder could not be written (it was writable
  // when the session began): the playthrough is not thrown away on that key press. The prompt asks
  // again, now as "Quit without saving?" (QuitPrompt reads the store's failure, said above the
  // hints too), so the volunteer can keep going, or make the folder writable and quit later.
  // Asked again, "y" tries the save once more: taken (the folder was made writable meanwhile), it
  // quits as a save does; refused, it quits with what that save said (the session lived in memory only).
  const [quitSaveFailed, setQuitSaveFailed] = useState<string>();
  const saveAndExit = () => {
    const knownBefore = stateStore(app.env).savingFailure() !== undefined;
    // Tried again each time: a folder made writable again (after "Quit without saving?" was asked) takes the save.
    const saved = save();
    if (!saved.ok && !knownBefore && quitSaveFailed === undefined) {
      setQuitSaveFailed(saved.message);
      return setConfirmQuit(true);
    }
    app.exit(saved.message, saved.ok ? 0 : 74);
  };

  // A new node starts with no reply highlighted. Reset while rendering (React renders again before
  // drawing), not in an effect, which drew the screen once more after every move to a new node.
  const [selectedAt, setSelectedAt] = useState(view.nodeId);
  // The decision opened other than straight from the scene that sets it up (an undo back to it, Enter
  // on a resume's recap): one with no words of its own ("What do you say to Mr. Dunn?") is drawn with
  // that scene above it, under a dim "Before this:" (the core's decisionSetup). Gone once it is answered.
  const [setupAt, setSetupAt] = useState<string>();
  const setup = useMemo(() => (setupAt === view.nodeId && view.kind === 'decision' ? decisionSetup(playable.scenario, actor.getPersistedSnapshot()) : []), [setupAt, view.nodeId, view.kind, playable.scenario, actor]);
  const setupText = useMemo(() => setupRows(setup, columns), [setup, columns]);
  // The moment's words as rows (its setup first, when shown), for the window onto a moment too tall
  // for the screen (see momentLayout).
  const textRows = useMemo(() => [...setupText, ...momentRows(view, columns)], [setupText, view, columns]);
  if (selectedAt !== view.nodeId) {
    setSelectedAt(view.nodeId);
    setSelected(-1);
  }
  const debriefOpen = view.done && !showFeedback;
  // Whether the finish found that another terminal went on with the held save: nothing was recorded or kept.
  const behind = useRef(false);
  const finish = () => {
    if (finished.current || !view.debrief) return;
    finished.current = true;
    const store = stateStore(app.env);
    // The record keeps the mode and the minutes spent; its id comes from the system's random source.
    const now = new Date();
    const details = { mode, startedAt, activeMs: clock.activeMs(now.getTime()), randomBytes: (b: Uint8Array) => crypto.getRandomValues(b), finishedSnapshot: actor.getPersistedSnapshot(), hold };
    const result = finishPlaythrough(store, playable, view.debrief, now, details);
    noteFinish(result, app.env);
    behind.current = result !== undefined && 'behind' in result;
    const recorded = recordedLine(result, app.env, playable);
    // Where the line under it says what to do about the state folder, the failure says what failed only.
    const failure = recorded?.startsWith(NOT_RECORDED_UNWRITABLE) === true ? withoutToDo(store.failure() ?? '') : store.failure();
    const lines = [result && 'notice' in result ? recordsNoticeLines(result) : undefined, failure, recorded].filter(Boolean);
    setFinishNotice(lines.length > 0 ? lines.join('\n') : undefined);
  };
  // What is said as the app ends on the debrief (a signal, Ctrl-C): where its debrief was kept, or why nothing was.
  // Not "kept" where a newer version's kept debrief holds the slot (the core's keepDebrief leaves it as it is).
  const endLine = () => (behind.current ? FELL_BEHIND_FINISH : playable.from === undefined && playable.set === undefined && playable.preview !== true ? (newerSaveAt(stateStore(app.env), debriefKey(playable)) !== undefined ? NEWER_DEBRIEF_NOT_KEPT : KEPT_DEBRIEF) : undefined);
  useEffect(() => {
    // Until the debrief opens the last reply can be undone; a closed terminal or SIGTERM on the last
    // feedback still records the completion and keeps the debrief.
    app.setSaver(view.done ? () => {
      finish();
      return endLine() ?? '';
    } : endUnasked);
    // The save and the record are written once the debrief opens: until then the last reply can be undone.
    if (debriefOpen) finish();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [view.done, debriefOpen, actor]);

  const canUndo = view.canUndo || (view.done && mode === 'practice' && beforeLastReply.current !== undefined);
  /** How the moment is laid out now (see momentLayout): read by the keys too, to scroll a moment too tall for the screen. */
  // What quitting does where progress cannot be saved (read when asked: a save of this scenario from
  // before is kept). The saves folder is read once as the prompt opens (again only if the failure
  // changes), not on every redraw while it is open: it was listed, and the saves in it read, at each
  // resize or other redraw of the screen.
  const savingFailure = stateStore(app.env).savingFailure();
  // Asked again after "save and quit" was refused (quitSaveFailed): why, and that y saves once that
  // is fixed (it tries the save again), in place of "cannot be saved and will be lost" (why was said
  // only after n, or as the app ended with the playthrough gone): `retry` (quitRetryWords).
  const quitAsked = useMemo(() => {
    if (!confirmQuit || savingFailure === undefined) return undefined;
    // Refused from the start, the same: which folder, why, and that y saves once it is writable.
    const why = quitRetryWords(app.env, quitSaveFailed !== undefined);
    return { words: unsavedQuitWords(saveKeptOnDisk(playable, app.env), app.env, why), retry: why !== undefined };
  }, [confirmQuit, savingFailure, playable, app.env, quitSaveFailed]);
  // A state folder's path so long that the prompt would push its question and keys off the screen
  // (some 2,200 characters at 60×24: "Quit without saving?" scrolled off the top) is shortened in the
  // middle, to a row of the box (withLongPathsShortened); whole wherever the prompt leaves the rest
  // of the screen QUIT_ROOM rows.
  const quitWords = quitAsked === undefined || quitPromptExtra(quitAsked.words, columns, app.env) <= rows - QUIT_ROOM ? quitAsked?.words
    : withLongPathsShortened(quitAsked.words, Math.max(1, columns - 4));
  const quitRetry = quitAsked?.retry ?? false;
  // Where quitting saves nothing new (started over, no reply yet: the earlier save stays), the
  // question and the help line say so rather than promise a save. Read as the replies made change
  // (a reply, an undo), not on every redraw.
  const repliesSoFar = useSelector(actor, (snapshot) => snapshot.context.transcript.length);
  const keptInstead = useMemo(() => {
    if (origin === 'continued') return undefined;
    const store = stateStore(app.env);
    // A newer version's save holds the slot (the core's newerSaveAt): quitting saves nothing, and
    // the question says so as the words on leaving do (it asked "Save your progress and quit?").
    if (newerSaveAt(store, saveKey(playable)) !== undefined) return NEWER_SAVE_QUIT;
    const kept = saveKeptInstead(store, playable, repliesSoFar, origin);
    return kept && nothingNewQuitWords(kept, origin, latestSaveKey(store) === kept.key, app.env, allUndone(repliesSoFar));
  }, [origin, app.env, playable, repliesSoFar]);
  // No reply made or undone in this run: the question says that y writes nothing (as Ctrl-C does),
  // a save continued kept as it was. Read as the question opens. The help line still says
  // "save & quit" (nothing is lost by q; a resumed screen stands exactly as it was left).
  const noReplyQuit = useMemo(() => {
    if (!confirmQuit || changedHere.current) return undefined;
    const store = stateStore(app.env);
    // Another terminal went on with the save this run continued: y says so as a save does (FELL_BEHIND_SAVE).
    if (hold !== undefined && fellBehind(store, hold)) return undefined;
    const own = origin === 'continued' ? saveSummary(store, saveKey(playable)) : undefined;
    return noReplyQuitWords(own, latestSaveKey(store) === saveKey(playable), app.env);
  }, [confirmQuit, origin, app.env, playable, hold]);
  const quitKept = savingFailure === undefined ? keptInstead ?? noReplyQuit : undefined;
  const quitPrompt = <QuitPrompt unsaved={quitWords} kept={quitKept} columns={columns} retry={quitRetry} />;
  const layout = (quitAsked = confirmQuit) => momentLayout({ view, setup: setupText.length, mode, test, columns, rows, canUndo, unsaved: savingFailure !== undefined || keptInstead !== undefined, typedShown, unavailable, confirmQuit: quitAsked, quitExtra: quitPromptExtra(quitWords ?? quitKept, columns, app.env) });
  // Replies that leave the moment's window fewer than its 4 rows (long replies at 60×24): the
  // moment, the prompt and the replies scroll together in one window (PgUp PgDn), the status and
  // the help line kept. Drawn whole, they made the frame taller than the screen (the terminal
  // scrolled, and the top was lost).
  // (As it is with no quit prompt open: the question can take the moment's place for a while, and
  // the window is found again as it was, the place read in the replies kept.)
  const shape = layout();
  const unasked = confirmQuit ? layout(false) : shape;
  const together = unasked.scroll?.together ?? false;
  // What is read before the replies in that window: the moment's words, a blank row, the prompt
  // (the replies right under it, as when they are drawn whole).
  const beforeReplies = useMemo(() => {
    const prompt = together && view.prompt ? wrapText(view.prompt, columns).split('\n').map((t): Row => [{ text: t, bold: true }]) : [];
    return [...textRows, ...(textRows.length > 0 && prompt.length > 0 ? [[{ text: '' }]] : []), ...prompt];
  }, [together, textRows, view.prompt, columns]);
  // The window's rows with no reply highlighted: where the place read is kept from (the pointer
  // moving is no new text).
  const windowPlain = useMemo(() => (together ? withReplies(beforeReplies, replyRows(view.replies, -1, columns), -1, !view.prompt).rows : textRows), [together, beforeReplies, textRows, view.replies, view.prompt, columns]);
  const windowList = together ? withReplies(beforeReplies, replyRows(view.replies, selected, columns), selected, !view.prompt) : undefined;
  const windowRows = windowList ? windowList.rows : textRows;
  // Where the window onto a moment too tall for the screen is (see momentLayout): each moment opens
  // at its top, and a resize keeps the place read (keptOffset).
  const [textOffset, setTextOffset] = useKeptOffset(windowPlain, view.nodeId);
  // The highlighted reply is brought into the window when it moves (a number, ↑↓) or the window is
  // resized, not as the decision opens (the moment first).
  const windowHeight = unasked.scroll?.height ?? 0;
  useFollowInView(`${selected}:${windowHeight}:${windowRows.length}`, windowList?.reply, windowRows.length, windowHeight, setTextOffset);

  const choose = (index: number) => {
    const reply = view.replies[index];
    if (!reply) return;
    if (!reply.enabled) return setUnavailable(unavailableWords(reply));
    beforeLastReply.current = actor.getPersistedSnapshot();
    setSetupAt(undefined);
    repliedHere.current = true;
    changedHere.current = true;
    actor.send({ type: 'reply.choose', replyId: reply.id });
    if (mode === 'practice') setShowFeedback(true);
  };
  // A decision takes only keys that came after it was drawn: the "1" of "⏎1" sent on a scene (or on
  // the feedback before it, or the recap) arrived before anyone saw the decision.
  const decisionShown = view.kind === 'decision' && !showFeedback && !recap ? `${actor.sessionId}:${view.nodeId}` : undefined;
  const arrivedAfterDecision = useArrivedAfter(decisionShown);
  // In an assessment, the reply key that answered the last decision (when, and where): the same or
  // another reply key pressed again as the decision it brought appears is refused (DOUBLE_PRESS_MS).
  // A key that came before the decision was drawn is dropped above; this is the press just after.
  const lastReplyKey = useRef<{ at: number; nodeId: string }>(undefined);
  const onAction = (a: Action, at: number) => {
    if (decisionShown !== undefined && a.type !== 'interrupt' && !arrivedAfterDecision()) return;
    const digits = typed.current;
    typed.current = '';
    setTypedShown(undefined);
    setUnavailable(undefined);
    if (a.type === 'interrupt') {
      if (!view.done) return app.exit(endUnasked(), 130);
      finish();
      return app.exit(endLine(), 130);
    }
    if (confirmQuit) {
      // Nothing new to save (the question said so): nothing is written, a save continued stays as it was.
      if (a.type === 'yes' && !changedHere.current && savingFailure === undefined) app.exit(endUnasked(), 0);
      else if (a.type === 'yes') saveAndExit();
      else if (a.type === 'no' || a.type === 'back') {
        setConfirmQuit(false);
        // Why the save failed, in place of the hints until the next key.
        if (quitSaveFailed !== undefined) setUnavailable(stateStore(app.env).savingFailure());
      }
      return;
    }
    if (whoOpen) {
      // Esc, w or Enter go back to the moment as it was; q goes back and asks to quit.
      if (a.type === 'back' || a.type === 'who' || a.type === 'enter' || a.type === 'quit') setWhoOpen(false);
      if (a.type === 'quit') setConfirmQuit(true);
      const { height } = whoHeight(people, columns, rows);
      const step = { up: -1, down: 1, 'page-up': -pageSize(height), 'page-down': pageSize(height), top: -peopleRows.length, bottom: peopleRows.length }[a.type as string];
      if (step !== undefined) setWhoOffset((o) => scrolledOffset(o, step, peopleRows.length, height));
      return;
    }
    // On the last reply's feedback, q goes on to the debrief: it is never skipped by accident.
    if (a.type === 'quit') return view.done ? setShowFeedback(false) : setConfirmQuit(true);
    if (recap) {
      // The recap goes, and the decision it led to keeps its setup above it (the recap said it on another screen).
      // Not while rows of it are still below the window: Enter reads on first, a page at a time
      // (the help line says "Enter: read on"). At 60×24 the reply, its feedback and the scene after
      // it rarely fit, and Enter went on past that scene unread: after a quit on the feedback, it
      // was never shown, and the decision it sets up does not show it again.
      if (a.type === 'enter' && moreBelow(recapOffset, recapRows.length, recapHeight)) return setRecapOffset((o) => scrolledOffset(o, pageSize(recapHeight), recapRows.length, recapHeight));
      if (a.type === 'enter') {
        setRecap(undefined);
        setSetupAt(view.nodeId);
      }
      // Back after a break is when a name is most easily forgotten: who's who from the recap too,
      // which it returns to as it was (where it was read).
      if (a.type === 'who') return setWhoOpen(true);
      // The recap shows the last reply and its feedback, as the feedback screen does: u undoes it
      // from here too (practice), back to that decision.
      if (a.type === 'undo' && mode === 'assessment') return setUnavailable(NO_UNDO_WORDS);
      if (a.type === 'undo' && view.canUndo) {
        setRecap(undefined);
        scenesBefore.current = undefined;
        changedHere.current = true;
        actor.send({ type: 'decision.undo' });
        setSetupAt(String(actor.getSnapshot().value));
        return setShowFeedback(false);
      }
      // (Home and End too, as on a scene, the feedback and the debrief: they did nothing here.)
      const step = { up: -1, down: 1, 'page-up': -pageSize(recapHeight), 'page-down': pageSize(recapHeight), top: -recapRows.length, bottom: recapRows.length }[a.type as string];
      if (step !== undefined) setRecapOffset((o) => scrolledOffset(o, step, recapRows.length, recapHeight));
      return;
    }
    // Practice's undo key is refused in words, not ignored (line by line says the same).
    if (a.type === 'undo' && mode === 'assessment') return setUnavailable(NO_UNDO_WORDS);
    if (a.type === 'undo' && view.canUndo) {
      scenesBefore.current = undefined;
      changedHere.current = true;
      actor.send({ type: 'decision.undo' });
      setSetupAt(String(actor.getSnapshot().value));
      return setShowFeedback(false);
    }
    if (a.type === 'undo' && view.done && showFeedback && mode === 'practice' && beforeLastReply.current) {
      // The reply that ended the scenario: back to that decision in a session restored from just before it.
      const restored = startSession(playable.scenario, mode, beforeLastReply.current);
      setSetupAt(String(restored.getSnapshot().value));
      scenesBefore.current = undefined;
      changedHere.current = true;
      setActor(restored);
      beforeLastReply.current = undefined;
      return setShowFeedback(false);
    }
    if (showFeedback) {
      // Feedback taller than the window is read on to its end first (FeedbackScreen's readOn).
      if (a.type === 'enter' && !feedback.current?.readOn()) setShowFeedback(false);
      return;
    }
    if (a.type === 'who' && (view.kind === 'scene' || view.kind === 'decision')) return setWhoOpen(true);
    // A moment too tall for the screen: its words scroll (↑↓ too on a scene; at a decision they choose a reply).
    const { scroll } = layout();
    if (scroll) {
      const total = windowRows.length;
      // Enter on a scene reads on to its rows below the window first, a page at a time (the help
      // line says "Enter: read on"), as on "Where you left off": it went on with them unread.
      if (view.kind === 'scene' && a.type === 'enter' && moreBelow(textOffset, total, scroll.height)) return setTextOffset((o) => scrolledOffset(o, pageSize(scroll.height), total, scroll.height));
      const step = { 'page-up': -pageSize(scroll.height), 'page-down': pageSize(scroll.height), top: -total, bottom: total, ...(view.kind === 'scene' ? { up: -1, down: 1 } : {}) }[a.type as string];
      if (step !== undefined) return setTextOffset((o) => scrolledOffset(o, step, total, scroll.height));
    }
    if (view.kind === 'scene' && a.type === 'enter') {
      lastReplyKey.current = undefined;
      // The count goes on from this scene's number, when it was numbered where the session stands
      // (a second Enter before the screen caught up is not counted twice: worked out again instead).
      scenesBefore.current = numbered.current?.snapshot === actor.getSnapshot() ? numbered.current.n : undefined;
      actor.send({ type: 'scene.continue' });
    }
    if (view.kind !== 'decision') return;
    if (a.type === 'number') {
      const last = lastReplyKey.current;
      if (mode === 'assessment' && last && last.nodeId !== view.nodeId && at - last.at < DOUBLE_PRESS_MS) return setUnavailable(TOO_SOON_WORDS);
      // Ten or more replies: "1" highlights reply 1 until Enter or a second digit (see typeNumber).
      const t = typeNumber(digits, a.n, view.replies.length);
      if (t.n !== undefined && t.only) {
        if (view.replies[t.n - 1]?.enabled) lastReplyKey.current = { at, nodeId: view.nodeId };
        choose(t.n - 1);
      }
      else if (t.n !== undefined) {
        typed.current = t.typed;
        setTypedShown(t.n);
        setSelected(t.n - 1);
      }
    }
    else if (a.type === 'up') setSelected((s) => (s < 0 ? view.replies.length - 1 : (s + view.replies.length - 1) % view.replies.length));
    else if (a.type === 'down') setSelected((s) => (s + 1) % view.replies.length);
    else if (a.type === 'enter' && selected >= 0) {
      // PgUp/PgDn can scroll the highlighted reply out of the window: Enter first brings it back
      // (saying so), and only Enter on it in view chooses it. Nothing is chosen that is not on screen.
      const reply = windowList?.reply;
      if (reply && !inView(textOffset, reply, windowRows.length, windowHeight)) {
        setTextOffset(followedOffset(textOffset, reply, windowRows.length, windowHeight));
        return setUnavailable(hiddenReplyWords(view.replies[selected]?.number ?? selected + 1, 'choose'));
      }
      choose(selected);
    }
    // Enter with no reply highlighted chooses nothing: say why, where the key hints are, until the next key.
    else if (a.type === 'enter') setUnavailable(`Press a reply's number (1–${view.replies.length}), or ↑↓ to choose one first.`);
  };
  useKeys((a) => {
    const now = Date.now();
    clock.input(now);
    onAction(a, now);
  }, !(view.done && !showFeedback));

  if (view.done && !showFeedback && view.debrief) {
    // Each export e writes is noted beside the debrief kept of this playthrough (not kept for an
    // author's test, nor where another terminal went on with the held save): opened again from the
    // picker, e there says where it is instead of writing a second pair of files.
    const onExported = (files: DebriefFiles) => {
      if (!behind.current && playable.from === undefined && playable.set === undefined && playable.preview !== true) noteKeptExport(app.env, playable, files);
    };
    return <DebriefScreen scenario={playable.scenario} debrief={view.debrief} mode={mode} recorded={playable.from === undefined && playable.set === undefined && playable.preview !== true} onBack={onBack} notice={finishNotice} openOnEnding leftOnEnding={endLine} onExported={onExported} />;
  }
  // Where progress cannot be saved, q only quits (its prompt says the playthrough will be lost).
  // Progress only: a records file that refused does not stop the save (q still saves).
  const failure = stateStore(app.env).savingFailure();
  const unsaved = failure !== undefined;
  const recapHints = withOptionalHint(quitOnly([['Enter', 'continue'], ...(mode === 'practice' && view.canUndo ? [['u', 'undo'] as const] : []), ['q', 'save & quit']], unsaved), WHO_HINT, (set) => inkRows(hintLine(set), columns));
  // A resumed playthrough opens here, not on the content note: where progress cannot be saved, it
  // says so here as the content note does, before the first reply rather than at the quit.
  const failureRows = (recap && failure ? 1 + inkRows(failure, columns) : 0) + (recap && notice ? 1 + inkRows(notice, columns) : 0);
  // (The status with its meters, as on every screen of the playthrough: where the trust stands is part of where it stopped.)
  const recapHeight = Math.max(4, rows - 1 - 1 - inkRows(statusText(view, mode, title, false, columns, test), columns) - meterRows(view.meters, columns) - failureRows - 1 - (confirmQuit ? 1 + quitPromptExtra(quitWords, columns, app.env) : 1 + inkRows(hintLine(recapHints), columns)));
  // (Drawn with "Enter: read on" while the recap has rows below its window: Enter pages to them first.
  // The height is worked out with "continue", the longer words.)
  const recapKeys = readOnHints(recapHints, recap !== undefined && moreBelow(recapOffset, recapRows.length, recapHeight));
  if (whoOpen) {
    const { height, scrolls, spaced } = whoHeight(people, columns, rows);
    return <WhoScreen rows={peopleRows} height={height} scrolls={scrolls} spaced={spaced} offset={whoOffset} width={columns} />;
  }
  if (recap) {
    return (
      <Box flexDirection="column">
        <StatusLine view={view} mode={mode} title={title} test={test} spaced={false} width={columns} />
        {failure && <Box marginTop={1}><Paragraph width={columns}>{failure}</Paragraph></Box>}
        {notice && <Box marginTop={1}><Paragraph color={theme.warn} width={columns}>{notice}</Paragraph></Box>}
        <Box marginTop={1}><Paragraph bold underline>Where you left off</Paragraph></Box>
        <ScrollRows rows={recapRows} height={recapHeight} offset={recapOffset} />
        {confirmQuit ? quitPrompt : <KeyHints set={recapKeys} />}
      </Box>
    );
  }
  if (showFeedback && view.lastFeedback) {
    return <FeedbackScreen view={{ ...view, lastFeedback: view.lastFeedback }} mode={mode} canUndo={canUndo} confirmQuit={confirmQuit} unsaved={unsaved || keptInstead !== undefined} quitWords={quitWords} quitRetry={quitRetry} quitKept={quitKept} test={test} control={feedback} />;
  }
  const { hintsToo, compact, gaps, spare, scroll } = shape;
  // A scene taller than its window: "Enter: read on" while rows are below it (see onAction).
  const hints = readOnHints(shape.hints, view.kind === 'scene' && scroll !== undefined && moreBelow(textOffset, windowRows.length, scroll.height));
  // Still too tall with the quit prompt (the longest decisions at 60×24): the question takes the
  // moment's place until it is answered (n brings the moment back), so the status stays on top.
  if (confirmQuit && spare < 0 && !scroll) {
    return (
      <Box flexDirection="column">
        <StatusLine view={view} mode={mode} title={title} test={test} compact={compact} width={columns} />
        {quitPrompt}
      </Box>
    );
  }
  // (Broken between whole hints when the moment scrolls: its help line is longer by the scroll keys.)
  const whole = scroll !== undefined;
  const footer = confirmQuit ? quitPrompt : unavailable ? <Box marginTop={gaps.hints ? 1 : 0} flexDirection="column"><Paragraph color={theme.warn} width={columns}>{unavailable}</Paragraph>{hintsToo && <KeyHints set={hints} spaced={false} width={columns} whole={whole} />}</Box> : <KeyHints set={hints} spaced={gaps.hints} width={columns} whole={whole} />;
  const decision = view.kind === 'decision' && (
    <Box flexDirection="column" marginTop={gaps.prompt ? 1 : 0}>
      <Paragraph bold width={columns}>{view.prompt}</Paragraph>
      <ReplyList replies={view.replies} selected={selected} width={columns} />
    </Box>
  );
  if (scroll?.together) {
    // Replies too tall beside even 4 rows of the moment: the moment, the prompt and the replies scroll together.
    // While the quit question shortens the window, a highlighted reply that was in view stays whole
    // in it (moved as little as it can; drawn only, so n brings the window back where it was). Its
    // end was cut off under the question.
    const reply = windowList?.reply;
    const shownOffset = confirmQuit && reply && inView(textOffset, reply, windowRows.length, windowHeight) ? followedOffset(textOffset, reply, windowRows.length, scroll.height) : textOffset;
    return (
      <Box flexDirection="column">
        <StatusLine view={view} mode={mode} title={title} test={test} spaced={false} compact={compact} width={columns} />
        <ScrollRows rows={windowRows} height={scroll.height} offset={shownOffset} pageKeysOnly />
        {footer}
      </Box>
    );
  }
  if (scroll) {
    // Too tall even packed: the moment's words scroll in a window; the prompt, the replies and the keys stay.
    return (
      <Box flexDirection="column">
        <StatusLine view={view} mode={mode} title={title} test={test} spaced={false} compact={compact} width={columns} />
        <ScrollRows rows={windowRows} height={scroll.height} offset={textOffset} pageKeysOnly={view.kind === 'decision'} />
        {decision}
        {footer}
      </Box>
    );
  }
  return (
    <Box flexDirection="column">
      <StatusLine view={view} mode={mode} title={title} test={test} spaced={gaps.status} compact={compact} width={columns} />
      {setupText.length > 0 && <ScrollRows rows={setupText} height={setupText.length} offset={0} />}
      {view.title && <Paragraph bold underline width={columns}>{view.title}</Paragraph>}
      {/* The first spoken line is not spaced again when only the status's blank row is above it. */}
      <Moment view={view} spaced={gaps.speech} firstSpaced={Boolean(view.title || view.narration)} width={columns} />
      {/* What continuing from this scene changes in the meters (practice mode), in the words of a reply's feedback; the meter above moves as the scene is left. */}
      {view.sceneChanges.length > 0 && (
        <Box flexDirection="column" marginTop={gaps.prompt ? 1 : 0}>
          {view.sceneChanges.map((c) => <Paragraph key={c.id} width={columns}>{changeWords(c)}</Paragraph>)}
        </Box>
      )}
      {decision}
      {footer}
    </Box>
  );
}

/** Said when the app is left before the debrief was looked at. */
const KEPT_DEBRIEF = 'Your debrief was kept: open the scenario\'s last debrief from the picker with d.';

/** Said instead of KEPT_DEBRIEF where a last debrief a newer version of casa-practice kept holds the slot: this one was not kept over it. */
const NEWER_DEBRIEF_NOT_KEPT = 'Not kept: your last debrief kept in this scenario was written by a newer version of casa-practice, and is left as it is. Update casa-practice to see it.';

/** What momentLayout needs to know. */
interface MomentState {
  view: SessionView;
  /** The rows of the decision's setup drawn above it (setupRows), 0 when none is. */
  setup: number;
  mode: SessionMode;
  /** An author's test (--from, --set, --preview), said in the status line (see StatusLine). */
  test: string | undefined;
  columns: number;
  rows: number;
  canUndo: boolean;
  /** True when progress cannot be saved (q only quits). */
  unsaved: boolean;
  /** A reply number half typed (ten or more replies). */
  typedShown: number | undefined;
  /** Why the reply just typed cannot be chosen, in place of the help line. */
  unavailable: string | undefined;
  confirmQuit: boolean;
  /** The rows the quit prompt takes beyond the help line (quitPromptExtra). */
  quitExtra: number;
}

/** How a scene or decision is laid out (see momentLayout). */
interface MomentShape {
  hints: Hint[];
  /** A notice over the help line rather than in its place (a scene). */
  hintsToo: boolean;
  compact: ReturnType<typeof compactStatus> | undefined;
  gaps: { prompt: boolean; hints: boolean; status: boolean; speech: boolean };
  spare: number;
  /** Rows under the window (the notice, the help line), when it scrolls. */
  footerRows?: number;
  scroll?: { together: boolean; height: number };
}

/**
 * How a scene or decision fits the screen. On a short terminal blank rows between parts go first
 * (least useful first), then the status line loses the scenario's title, so the whole moment stays
 * on screen; one row is kept spare so the frame never scrolls the terminal. When even that is too
 * tall (a trainer's long narration), `scroll`: the moment's words go in a window of `height` rows,
 * with the scroll keys in the help line; the prompt and the replies stay whole below it. When the
 * prompt and the replies leave that window fewer than 4 rows (its two "more" lines and two of the
 * moment; long replies), `together`: the window takes the prompt and the replies too.
 */
function momentLayout({ view, setup, mode, test, columns, rows, canUndo, unsaved, typedShown, unavailable, confirmQuit, quitExtra }: MomentState): MomentShape {
  const played = quitOnly(playHints(view.kind === 'decision' ? { kind: 'decision', replies: view.replies.length, canUndo: canUndo && mode === 'practice' } : { kind: 'scene', canUndo: canUndo && mode === 'practice' }), unsaved);
  // While a reply number is half typed (ten or more replies), its hints come first in place of the numbers'.
  const base: Hint[] = typedShown !== undefined && view.kind === 'decision' ? [...typedNumberHints(typedShown, view.replies.length, 'reply'), ['↑↓', 'move'] as const, ...played.slice(1)] : played;
  // w (who's who) only where the help line has room for it on the rows it takes anyway (see withOptionalHint).
  let hints = withOptionalHint(base, WHO_HINT, (set) => inkRows(hintLine(set), columns));
  // On a scene the only way on is a key: a notice there keeps the hints under it.
  const hintsToo = unavailable !== undefined && view.kind === 'scene';
  const footerOf = (set: Hint[]) => (unavailable === undefined ? hintLine(set) : hintsToo ? `${unavailable}\n${hintLine(set)}` : unavailable);
  const fullStatus = inkRows(statusText(view, mode, view.scenarioTitle, false, columns, test), columns) + meterRows(view.meters, columns);
  let spare = rows - 1 - setup - packedHeight(view, footerOf(hints), columns) - fullStatus - (confirmQuit ? quitExtra : 0);
  const compact = spare < 0 ? compactStatus(view, mode, columns, false, test) : undefined;
  if (compact) spare += fullStatus - compact.rows;
  const gaps = { prompt: spare >= 1, hints: spare >= 2, status: spare >= 3, speech: spare >= 3 + view.lines.length };
  if (spare >= 0) return { hints, hintsToo, compact, gaps, spare, scroll: undefined };
  if (confirmQuit) {
    // Where the moment, the prompt and the replies scroll together, the question goes under that
    // window in place of the help line, the window shorter by what the question adds (as on the
    // trainer's screen): the replies stay in sight. (The screen was left blank under the question.)
    const unasked = momentLayout({ view, setup, mode, test, columns, rows, canUndo, unsaved, typedShown, unavailable, confirmQuit: false, quitExtra });
    const height = unasked.scroll?.together ? unasked.scroll.height + (unasked.footerRows ?? 0) - (quitExtra + 1) : 0;
    if (height >= 4) return { ...unasked, spare, scroll: { together: true, height } };
    return { hints, hintsToo, compact, gaps, spare, scroll: undefined };
  }
  // The scroll keys before q (↑↓ choose a reply at a decision, so only PgUp PgDn scroll there).
  hints = withOptionalHint([...base.slice(0, -1), [view.kind === 'decision' ? 'PgUp PgDn' : '↑↓ PgUp PgDn', 'scroll'], ...base.slice(-1)], WHO_HINT, (set) => hintRows(set, columns).length);
  const footerRows = (unavailable === undefined ? 0 : inkRows(unavailable, columns)) + (unavailable === undefined || hintsToo ? hintRows(hints, columns).length : 0);
  const around = (compact?.rows ?? fullStatus) + footerRows;
  const decision = view.kind === 'decision' ? decisionHeight(view, columns) : 0;
  const together = view.kind === 'decision' && rows - 1 - around - decision < 4;
  return { hints, hintsToo, compact, gaps, spare, footerRows, scroll: { together, height: Math.max(4, rows - 1 - around - (together ? 0 : decision)) } };
}

/** Rows the prompt and the replies take. */
function decisionHeight(view: SessionView, columns: number): number {
  return inkRows(view.prompt ?? '', columns) + view.replies.reduce((n, r) => n + inkRows(`${pathReply(r.text, r.kind !== 'do')}${r.enabled ? '' : ' (not available now)'}`, columns - REPLY_INDENT), 0);
}

/** Rows the moment takes without blank rows and without the status, estimated by wrapping each part as Ink will. */
function packedHeight(view: SessionView, footer: string, columns: number): number {
  const rows = (text: string, width = columns) => inkRows(text, width);
  let n = 0;
  if (view.title) n += rows(view.title);
  if (view.narration) n += rows(view.narration);
  for (const line of view.lines) n += rows(`${line.speaker}${line.role ? ` (${line.role})` : ''}: “${line.text}”`);
  if (view.kind === 'decision') n += decisionHeight(view, columns);
  for (const c of view.sceneChanges) n += rows(changeWords(c));
  return n + rows(footer);
}

/**
 * The recap of a resumed session as rows: the reply that led here with its feedback (practice: the
 * volunteer may have quit while reading it; laid out as the feedback screen scrolls it), then each
 * scene passed since (with its meter changes).
 */
function recapText(recap: Recap, columns: number): Row[] {
  const w = (text: string, style: Omit<Row[number], 'text'> = {}): Row[] => wrapText(text, columns).split('\n').map((t) => [{ text: t, ...style }]);
  const out: Row[] = [];
  // Under "Where you left off", as the feedback screen showed it (the core's yourReply): "You do: …".
  const reply = recap.lastReply === undefined ? undefined : yourReply(recap.lastReply, recap.lastReplyKind);
  if (reply !== undefined && recap.lastFeedback) out.push(...feedbackRows(recap.lastFeedback, reply, columns));
  else if (reply !== undefined) out.push(...w(reply, { tone: 'muted' }));
  for (const scene of recap.scenes) {
    if (out.length > 0) out.push([{ text: '' }]);
    // As the live scene set it out (momentRows): the narration in italics, each spoken line after a
    // blank row with its speaker in bold, and what leaving the scene changed in the meters, in the
    // words the live scene showed under its lines. (They ran together in one block here.)
    // Headed as it was on screen (its title, or "Scene 2": the core's sceneHeading).
    out.push(...momentRows({ title: scene.heading, narration: scene.narration, lines: scene.lines, sceneChanges: scene.changes }, columns));
  }
  return out;
}
