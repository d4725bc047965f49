import { dirname } from 'node:path';
import { useSelector } from '@xstate/react';
import { Box, Text } from 'ink';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { decisionSetup, peopleMet, sceneNumberAt, sceneWords, roomDidWords, backLossWords, backToDecision, startSession, undoEnding, startOverFailedWords, shownFileName, votesEnteredWords, progressWords, clampVotes, MAX_VOTES, TOO_MANY_VOTES, facilitatedDecision, revealData, roomBack, roomLossWords, selectView, unavailableWords, type Debrief, type FacilitatedDecision, type PlayableScenario, type RestoredFacilitation, type RoomRound, type Scenario, type SessionActor, type SessionView } from '../../machines/index.js';
import { command } from '../invocation.js';
import { dropRoomSession, finishedKeptWords, holdRoomSession, keepRoomSession, ROOM_ELSEWHERE, roomSessionArgs, roomSessionOnDisk } from '../saves.js';
import { hintRows, readOnHints, revealHints, sceneHints, typeNumber, voteHints, withRevealWho, withRoomWho, type Action, type Hint, type RoomKeys } from '../keys.js';
import { revealTextRows } from '../reveal-text.js';
import { setupRows } from '../tall-rows.js';
import type { Span } from '../debrief-lines.js';
import { columnsOf, cutEnd, inkRows, pathLineRows, wrapText } from '../wrap.js';
import { carriedOnSummary, isWithin, EXPORT_TAKEN_BACK, exportTakenBackWords, exportsDir, fallbackExportDir, reopenedSummary, outOfDateWords, LATER_SUMMARY, writeSummaryFile, type DebriefFiles, keptExport, leavingPath, newestSessionSummary, newSessionId, NOTHING_ENTERED_WORDS, refusedSummaryDir, roomExitCode, roomSummaryDir, shownPath, shownStateDir, SUMMARY_ELSEWHERE, summaryGoesTo, summaryRewriteDir, exportRewriteDir, writeSessionSummary } from '../export.js';
import { errorWords, failureReason, refusedWords, savingFailureShort, stateStore } from '../node/state-store.js';
import { stateDir } from '../state.js';
import { useApp } from './AppContext.js';
import { DebriefScreen, sayFolderOnce } from './DebriefScreen.js';
import { KeyHints } from './KeyHints.js';
import { Paragraph } from './Paragraph.js';
import { Moment } from './Moment.js';
import { hiddenReplyWords, REPLY_INDENT, ReplyList, replyRows, replyText, withReplies } from './ReplyList.js';
import { statusParts } from './StatusLine.js';
import { followedOffset, inView, maxOffset, moreBelow, pageSize, ScrollRows, scrolledOffset, useFollowInView, useKeptOffset } from './ScrollRows.js';
import { useTheme } from './ThemeContext.js';
import { useArrivedAfter, useKeys } from './useKeys.js';
import { useScreenSize } from './useScreenSize.js';
import { WHO_HINT, whoHeight, whoRows, WhoScreen } from './WhoScreen.js';

/** Props of FacilitateScreen. */
export interface FacilitateScreenProps {
  /** The scenario the room plays. */
  playable: PlayableScenario;
  /** The running session (practice mode; the trainer picks each branch). */
  actor: SessionActor;
  /** A kept session carried on: the votes and reveal where it stopped, and the decisions before. */
  resumed?: RestoredFacilitation;
  /** Said above the first help line until the next key (a kept session that could not be used). */
  notice?: string;
  /**
   * The summary the session before wrote as the trainer started over (s and y): where it went is said
   * on the first screen, whole where the screen has the rows for it, else in one row (see wholeFits).
   */
  summaryBefore?: string;
  /**
   * Every summary written by starting over (s) in this run, oldest first: named again as the app is
   * left, where the first screen had room only for the one row saying that they would be.
   */
  before?: readonly string[];
  /**
   * The debrief the session before exported at an ending the room then went back from (u), and then
   * started over (s and y): said on the first screen beside where its summary went, in q's words
   * (exportTakenBackWords). It describes that ending, and nothing said so.
   */
  exportBefore?: string;
  /** Every such export of the sessions started over in this run, oldest first: named again as the app is left. */
  exportsBefore?: readonly string[];
  /**
   * s (asked first): the session is started over; `summary` is the summary so far it wrote (`tell`:
   * said on the next session's first screen; at the debrief, which said it, only on leaving), and
   * `exportTakenBack` the debrief e exported at an ending the room went back from, which describes
   * that ending. The screen has already written that summary and removed the kept session.
   */
  onStartOver?: (summary?: { path: string; tell: boolean; exportTakenBack?: string }) => void;
}

/** A trainer-led session: prompt and note, room votes, reveal, the room's branch, and a written summary. */
export function FacilitateScreen({ playable, actor: given, resumed, notice: opening, summaryBefore, before = [], exportBefore, exportsBefore = [], onStartOver }: FacilitateScreenProps) {
  // Replaced only when the room goes back from the ending (a final state: the session is restored from before its last reply).
  const [actor, setActor] = useState(given);
  const app = useApp();
  const theme = useTheme();
  const { columns, rows: screenRows } = useScreenSize();
  const { scenario } = playable;
  const view = useSelector(actor, useCallback((snapshot) => selectView(scenario, snapshot), [scenario]));
  // A kept session carried on at a decision with some counts typed: the highlight starts at the first
  // reply without a count (where the trainer was going on to), not at reply 1, so the next count typed
  // does not overwrite the first reply's.
  const [selected, setSelected] = useState(() => {
    const kept = resumed?.progress.current.votes;
    if (kept === undefined || view.kind !== 'decision') return 0;
    const next = view.replies.findIndex((r) => !Object.hasOwn(kept, r.id));
    return next < 0 ? 0 : next;
  });
  // "Who's who" (w) over a scene or a decision, as when playing: the people the room has met so far,
  // with the scenario's words about them, for the trainer to say who someone is. It is where this
  // screen says it, at every size: no "Introducing …" above the moment. This screen is the one the
  // room sees (projected), and presenter mode keeps its introductions off the projector, on the
  // trainer's laptop page (the live room's terminal controls, also the trainer's own, say them too).
  // They were shown here only where the moment fitted with them (never at 60×24), and only for
  // someone speaking: Mr. Osei, named in a reply, never had one. Closing it leaves the moment as it
  // was (votes, reveal, place).
  const [whoOpen, setWhoOpen] = useState(false);
  const [votes, setVotes] = useState<Record<string, number>>(() => ({ ...resumed?.progress.current.votes }));
  // Why the branch just typed cannot be followed (reveal only), or why a kept session could not be
  // carried on: said in place of the help line until the next key.
  // Where the state folder cannot be written, nothing of the session is kept, and its summary goes
  // where the debrief's e: export writes then (roomSummaryDir): said on the first screen (the content
  // note says it too, but a kept session opened again skips the note).
  const [elsewhereDir] = useState(() => roomSummaryDir(app.env));
  const [unavailable, setUnavailable] = useState<string | undefined>();
  // A shorter form of the line said in place of the help line (`of`: the line it stands for), said
  // where the whole would push part of the moment out of view (see unavailableRows).
  const [unavailableShort, setUnavailableShort] = useState<{ of: string; short: string }>();
  // What the first screen says (where the summary before a start over went, a kept session that could
  // not be used, a state folder that cannot be written): above the help line, until the next key. Said
  // in its place, the keys were hidden until a key was pressed, after s and y in front of the room.
  // Each but a kept session's failure has a one-row form, said where the whole would push the
  // moment out of view (see firstNotice).
  const [firstSaid, setFirstSaid] = useState<FirstNotice | undefined>(() => (opening !== undefined ? { whole: opening }
    : summaryBefore !== undefined ? { whole: [summaryBeforeWords(summaryBefore, elsewhereDir !== undefined, app.env), ...(exportBefore === undefined ? [] : [exportTakenBackWords(exportBefore, columns, app.env)])].join('\n'), short: exportBefore === undefined ? SUMMARY_BEFORE_SHORT : SUMMARY_EXPORT_BEFORE_SHORT }
      : elsewhereDir !== undefined ? { whole: unwritableNow(elsewhereDir), short: UNWRITABLE_SHORT } : undefined));
  // The decision whose replies are revealed: a reveal belongs to its decision, never to the next.
  const [revealedAt, setRevealedAt] = useState(resumed?.progress.current.revealed ? view.nodeId : undefined);
  const reveal = revealedAt !== undefined && revealedAt === view.nodeId;
  // The decision whose replies were revealed and then hidden again (b, back to the votes): the room
  // has seen its feedback all the same, so who's who keeps the names in it (kept with the session).
  const [wasRevealedAt, setWasRevealedAt] = useState(resumed?.progress.current.wasRevealed === true ? view.nodeId : undefined);
  const wasRevealed = !reveal && wasRevealedAt !== undefined && wasRevealedAt === view.nodeId;
  const setReveal = (on: boolean) => {
    if (!on && reveal) setWasRevealedAt(view.nodeId);
    setRevealedAt(on ? view.nodeId : undefined);
  };
  // The facilitator note often gives the answer away: hidden from the projected room until the
  // trainer shows it (f) or the replies are revealed.
  const [noteShown, setNoteShown] = useState(false);
  // A question asked in place of the help line: q (stop now), s (start over), or u (back) when it
  // would clear the votes entered at this decision.
  const [confirm, setConfirm] = useState<'quit' | 'start-over' | 'back'>();
  const confirmQuit = confirm !== undefined;
  const log = useRef<FacilitatedDecision[]>(resumed?.decisions ?? []);
  // What the room entered at each decision followed, kept with the session (see keepRoomSession).
  const past = useRef<RoomRound[]>(resumed?.progress.past ?? []);
  // Who's who (w): a name in any reply's feedback revealed counts (the room has seen every reply's at
  // a reveal), none in feedback not yet revealed (the core's peopleMet, with the reveals).
  const people = useMemo(() => (whoOpen ? peopleMet(scenario, actor.getPersistedSnapshot(), { past: past.current, current: { revealed: reveal, wasRevealed } }) : []), [whoOpen, scenario, actor, reveal, wasRevealed]);
  const peopleRows = useMemo(() => whoRows(people, columns - 2), [people, columns]);
  const [whoOffset, setWhoOffset] = useKeptOffset(peopleRows, whoOpen);
  const [summaryPath, setSummaryPath] = useState<string>();
  // The debrief e exported at this session's ending (this run): written again at a later ending, once
  // the room has gone back from it (u), and named as out of date on leaving before that ending.
  // Kept with the session (keepRoomSession), so a session stopped after u and carried on in another
  // run writes it again at its next ending too, and leaving before then says what it describes. A
  // finished session opened again holds its ending's export until the room goes back from that ending.
  const [keptExported] = useState<DebriefFiles | undefined>(() => (resumed?.progress.exported === undefined ? undefined : { ...resumed.progress.exported }));
  const [exportedFiles, setExportedFiles] = useState<DebriefFiles | undefined>(resumed?.finished === true ? undefined : keptExported);
  const exportAtEnding = useRef(resumed?.finished === true ? keptExported : undefined);
  // A finished session opened again: shown as it ended, nothing written again (until the room goes
  // back from its ending, u, as from a session that has just ended).
  const [reopened, setReopened] = useState(resumed?.finished === true);
  // The decision gone back to (u), or a kept session opened again at: one with no words of its own
  // ("What do you say to Mr. Dunn?") is drawn with the scene that set it up above it, under a dim
  // "Before this:" (the core's decisionSetup), as the room last saw that scene a while ago.
  const [setupAt, setSetupAt] = useState<string | undefined>(() => (resumed !== undefined && resumed.finished !== true ? String(given.getSnapshot().value) : undefined));

  const current = (chosen?: number): FacilitatedDecision => facilitatedDecision(view, votes, chosen);
  // A state folder that cannot be written must not end the session with an error: it says so instead.
  // `onScreen`: for the debrief's notice, the path within the state folder on a line of its own (as
  // the debrief's own export says it), so that it is not broken mid-name at 60 columns; leaving the
  // app prints the whole path where it fits a row, else the same as on screen (leavingPath).
  // The summary written at the ending, once the room has gone back from it (u): every later summary
  // of this session is written in its place, so no file says the room took a branch it took back.
  // A finished session opened again: the summary it wrote at its ending, found by what it says.
  // Or one it marked since it was last kept (reopenedSummary): opened read-only, gone back from its
  // ending (u) and stopped, it wrote a newer file, which leaving named as up to date; it named the older.
  const [atReopen] = useState(() => (resumed?.finished === true && view.debrief ? reopenedSummary(resumed, view.debrief, app.env) : undefined));
  const foundAtOpen = atReopen?.path;
  const endSummary = useRef<string | undefined>(foundAtOpen);
  // Where every summary of this session is written: the one written at its ending (above), or, for a
  // kept session carried on, the summary so far it wrote when it stopped (stoppedSessionSummary),
  // so that the trainer has one file for the session, the whole of it (it was written beside the
  // summary so far: two files for one session). A new file only when neither is found.
  // Where the state folder stopped taking writes after the session was last kept, the summary
  // written then where the app was started (laterSessionSummary, as the choice to carry on names it),
  // before the one kept with the session: that is the file the trainer was told is the summary
  // (carriedOnSummary, the core's sessionSummaryFile). The one passed over is named as out of date.
  const [atOpen] = useState(() => (resumed !== undefined && resumed.finished !== true ? carriedOnSummary(resumed, view, app.env) : {}));
  const sessionSummary = useRef<string | undefined>(foundAtOpen ?? atOpen.path);
  // An earlier summary of this session, out of date: one it could not be written in again (a new
  // file was written elsewhere), or, carried on, the one passed over for a newer (see above).
  const outOfDate = useRef<string | undefined>(atOpen.outOfDate ?? atReopen?.outOfDate);
  // Which session this is, written in each of its summaries and kept with it (RoomProgress.sessionId):
  // carried on, laterSessionSummary finds the summary it wrote where nothing could be kept as it
  // stopped (a new id for a session kept before sessions had one).
  const [sessionId] = useState(() => resumed?.progress.sessionId ?? newSessionId());
  const summary = (debrief?: Debrief): { path: string; elsewhere?: boolean } | { error: string } => {
    const write = (dir: string | undefined, path: string | undefined) => {
      const written = writeSessionSummary(scenario, log.current, debrief, app.env, new Date(), { carriedOn: resumed !== undefined, session: sessionId, ...(path !== undefined ? { path } : {}), ...(dir !== undefined ? { dir } : {}) });
      sessionSummary.current = written;
      if (debrief) endSummary.current = written;
      return written;
    };
    try {
      // Refused (the state folder stopped taking writes during the session: made read-only, say), the
      // summary goes where e: export writes then, as where it could not be written from the start. It
      // said "The session summary could not be written (permission denied)", and the room's votes
      // were lost. Only where the state folder refuses writes (refusedSummaryDir: this summary can be
      // the first it refuses, at the ending), as q and s say; not where only its exports folder
      // refused. The file it was to be written in again, left as it was, is out of date then.
      const written = writeSummaryFile(write, sessionSummary.current, elsewhereDir, () => refusedSummaryDir(app.env));
      if (written.outOfDate !== undefined) outOfDate.current = written.outOfDate;
      return { path: written.path, ...(written.elsewhere ? { elsewhere: true } : {}) };
    } catch (e) {
      return { error: errorWords(e) };
    }
  };
  // Whether the summary last written was (roomExitCode: 74 where it could not be).
  const summaryWritten = useRef(true);
  // The words of the summary written at the ending as leaving the app prints them (onScreen false:
  // leavingPath). Leaving the debrief printed the screen's words, a whole path where the app was
  // started, which the terminal broke mid-name at 60 columns ("…-session-2026-12-07T19" / "-57-56.md").
  const summaryLeaving = useRef<string | undefined>(undefined);
  const writeSummary = (debrief?: Debrief, onScreen = false): string => {
    const written = summary(debrief);
    summaryWritten.current = !('error' in written);
    summaryLeaving.current = undefined;
    if ('error' in written) return `The session summary could not be written (${written.error}).`;
    const words = (onScreen: boolean) => {
      // An earlier summary of this session, out of date: named after this one, as plainly (OUT_OF_DATE_SUMMARY).
      const older = outOfDate.current !== undefined && outOfDate.current !== written.path ? `\n${outOfDateWords(onScreen ? shownFileName(outOfDate.current) : leavingPath(outOfDate.current, columns, app.env))}` : '';
      // Outside the state folder (it cannot be written): the whole path, on a row of its own.
      if (elsewhereDir !== undefined || written.elsewhere === true) {
        const where = onScreen ? shownFileName(written.path) : leavingPath(written.path, columns, app.env);
        // The state folder has taken the session since (keptSince): the summary where it was said to go,
        // not "The state folder cannot be written" (and exit code 74) beside the command to carry it on.
        if (written.elsewhere !== true && keptOnDisk.current && roomSessionOnDisk(playable, app.env)) return `Session summary written to:\n${where}${older}`;
        return `${SUMMARY_ELSEWHERE}\n${where}${older}`;
      }
      // "(in the state folder …)" only where it is (the file kept with a session carried on can be where
      // the app was started: it said "/tmp/here/…-session-….md (in the state folder …)").
      const inState = isWithin(written.path, stateDir(app.env)) ? `\n(in the state folder ${shownStateDir(app.env)})` : '';
      return onScreen ? `Session summary written to:\n${shownPath(written.path, app.env)}${inState}${older}` : `Session summary written to:\n${leavingPath(written.path, columns, app.env)}${older}`;
    };
    // (Only there: a summary in the state folder is named within it, as e: export's files are, which leaving says once.)
    if (onScreen && (elsewhereDir !== undefined || written.elsewhere === true)) summaryLeaving.current = words(false);
    return words(onScreen);
  };
  // s, once the trainer has said yes: the summary so far is written (nothing the room did is lost
  // unsaid), the kept session goes, and a new session begins at the start.
  // What starting over loses (the core's words), undefined when the room has entered nothing yet.
  const startOverLoss = () => roomLossWords(log.current.length, view.kind === 'decision' && Object.values(votes).some((n) => n > 0));
  const roomDidSomething = () => startOverLoss() !== undefined;
  // Once: a second y (a key held, or typed twice) while the new session opens starts nothing more.
  const startingOver = useRef(false);
  const startOver = () => {
    setConfirm(undefined);
    if (startingOver.current) return;
    const did = roomDidSomething();
    const here = view.kind === 'decision';
    if (here) log.current.push(current());
    // Where the state folder cannot be written, to where e: export writes (the question said where).
    const written = did ? summary() : undefined;
    if (written && 'error' in written) {
      // Nothing the room did is dropped unsaid: the session stays as it was, and kept.
      if (here) log.current.pop();
      setUnavailable(startOverFailedWords(written.error));
      return;
    }
    startingOver.current = true;
    // (The other window's session, when it went on elsewhere, is its own: not dropped from here.)
    if (kept.current && !elsewhere.current) dropRoomSession(playable, app.env);
    kept.current = false;
    // The path within the state folder on a row of its own, as the debrief names the summary: the
    // whole path, broken mid-name at 60 columns, could not be copied.
    onStartOver?.(written === undefined ? undefined : { path: written.path, tell: true, ...(takenBack() === undefined ? {} : { exportTakenBack: takenBack() }) });
  };
  // Leaving, after where this session's summary went: the debrief exported at an ending the room went
  // back from, which describes that ending (once this session ends again it is written again), and the
  // summaries written by starting over in this run (the first screen may have had room only to say
  // they would be named: SUMMARY_BEFORE_SHORT).
  // The same words for the sessions started over in this run (s): what q would have said of each.
  const takenBack = () => (exportedFiles !== undefined && !view.done ? exportedFiles.markdown : undefined);
  const beforeWords = () => [...(before.length === 0 ? [] : [summariesBeforeWords(before, columns, app.env)]), ...exportsBefore.map((md) => exportTakenBackWords(md, columns, app.env))];
  const leavingWords = (words: string): string => {
    const here = takenBack();
    // The state folder named once, "(in the state folder above)" after (as the debrief's q says it): at
    // 60 columns each file within it was followed by the whole folder again.
    return sayFolderOnce([words, ...(here === undefined ? [] : [exportTakenBackWords(here, columns, app.env)]), ...beforeWords()]).join('\n');
  };
  // Whether q's question on screen is its short form (quitShortQuestion), set as it is drawn.
  const shortAsked = useRef(false);
  const stop = (interrupted = false) => {
    // A session in which the room entered nothing leaves no empty summary file behind (and is not kept).
    if (!roomDidSomething()) return app.exit(leavingWords(NOTHING_ENTERED_WORDS), interrupted ? 130 : 0);
    if (view.kind === 'decision') log.current.push(current());
    const written = writeSummary();
    keepSummary();
    // The session is kept: opening the scenario again carries on from here.
    // The command ends its line: printed as the app ends, it goes on a row of its own where the row
    // has no room for it after the words, broken between its words with line continuations where it
    // is longer than a row (run-app's wrapWords); the terminal broke it mid-name at 60 columns.
    const again = elsewhere.current ? `\n${ROOM_ELSEWHERE}` : kept.current && roomSessionOnDisk(playable, app.env) ? `\nTo carry on with this session later: ${command(roomSessionArgs(playable), app.env)}` : '';
    // q asked in its short form ("Not kept (permission denied)"): the file that refused, said here.
    const why = shortAsked.current ? failureReason(app.env) : undefined;
    // The same code as line by line (roomExitCode): 74 where the summary could not be written or the
    // state folder refused the session and took nothing since (it was 0 for a summary written in its
    // file where the app was started while the session was no longer kept).
    app.exit(`${why === undefined ? '' : `Not kept: ${why}.\n`}${leavingWords(written)}${again}`, interrupted ? 130 : roomExitCode(summaryWritten.current, app.env));
  };
  // A closed window (or SIGTERM) writes the summary as q does, the decision on screen with the votes
  // entered there ("The session stopped at this decision"). It wrote the decisions followed only: the
  // room's votes on screen were in the kept session but not in the summary, and nothing was written
  // for a room that had voted at its first decision. Set after each frame, so it sees what is on screen.
  const onHangup = useRef<() => string | undefined>(undefined);
  useEffect(() => {
    onHangup.current = () => {
      if (!roomDidSomething()) return before.length === 0 && exportsBefore.length === 0 ? undefined : leavingWords(NOTHING_ENTERED_WORDS);
      if (view.kind === 'decision') log.current.push(current());
      const written = writeSummary();
      keepSummary();
      return leavingWords(written);
    };
  });
  useEffect(() => {
    // A finished session opened again: its summary was written when it finished (not written twice).
    if (view.done && !summaryPath) setSummaryPath(reopened ? finishedSummaryWords(scenario, endSummary.current, app.env, atReopen?.since === true ? atReopen.outOfDate ?? '' : undefined) : writeSummary(view.debrief, true));
    // A closed window: the summary so far, as q writes it (see onHangup).
    app.setSaver(view.done ? undefined : () => onHangup.current?.());
    // When the session ends (or starts): the summary is written once, not on every vote.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [view.done]);
  // A new decision starts with no votes (not the first drawn: a kept session's votes are its own).
  const drawnAt = useRef(view.nodeId);
  useEffect(() => {
    if (drawnAt.current === view.nodeId) return;
    drawnAt.current = view.nodeId;
    setSelected(0);
    setVotes({});
    setRevealedAt(undefined);
    setWasRevealedAt(undefined);
    setNoteShown(false);
  }, [view.nodeId]);
  // Kept as it goes (every vote, the reveal, each step), so q or a closed window loses nothing:
  // opening the scenario again asks to carry on. Nothing is kept until the room has done something.
  // At the ending it is kept too, as presenter mode keeps it: opening the scenario again offers its
  // debrief and how the room did, until the trainer starts a new session (s, or --new).
  const kept = useRef(resumed !== undefined);
  // Begun where the state folder could not be written (elsewhereDir), whether its last write of the
  // session was taken (made writable since): see keptSince. Not a kept session carried on and not
  // written since, whose file on disk is the one from before.
  const keptOnDisk = useRef(false);
  // The kept session as this window read it: another window that goes on with the same session
  // (the same scenario opened twice) is not written over; this one stops keeping and says so.
  const [hold] = useState(() => holdRoomSession(playable, app.env));
  const elsewhere = useRef(false);
  // A kept session opened again is not written as it opens (nothing has changed yet): a second
  // window opened on it would otherwise take it over from the window in use.
  const opened = useRef(false);
  // The state folder stopped taking the session's writes after it began (made read-only, say): said
  // at once, in alone practice's words and place (the store's line, in place of the help line until
  // the next key), once until a write is taken again. Nothing was said until q, while line by line
  // said it at once; a closed window then left the summary where nobody was told it went.
  const refusalSaid = useRef(false);
  // Where this run's summary goes should the state folder stop taking writes (the folder the app was
  // started in), kept with the session (RoomProgress.summaryDir): carried on from another folder, a
  // summary written there after the session was last kept is found all the same (laterSessionSummary).
  const [startedIn] = useState(() => fallbackExportDir(app.env));
  // What is kept beside the votes: the debrief e exported (see keptExported), where the summary goes
  // should the folder refuse, and the file the summary was written to (RoomProgress.summary).
  // (These three are callbacks, each changed only with what it reads, so that the effect that keeps
  // the session below names them as its dependencies and runs on the same changes as before.)
  const keptBeside = useCallback(() => {
    const exported = exportedFiles === undefined ? undefined : keptExport(exportedFiles);
    return { ...(exported === undefined ? {} : { exported }), summaryDir: startedIn, sessionId, ...(sessionSummary.current === undefined ? {} : { summary: sessionSummary.current }) };
  }, [exportedFiles, startedIn, sessionId]);
  // The room's round on screen now, as kept: only the votes for this decision's replies.
  const roundNow = useCallback((): RoomRound => {
    const ids = new Set(view.kind === 'decision' ? view.replies.map((r) => r.id) : []);
    return { votes: Object.fromEntries(Object.entries(votes).filter(([id]) => ids.has(id))), revealed: reveal, ...(wasRevealed ? { wasRevealed: true } : {}) };
  }, [view, votes, reveal, wasRevealed]);
  // The summary just written (q, a closed window): the session kept again, with where its summary
  // went (RoomProgress.summary), so that carried on from any folder it writes that file again. A
  // summary written outside the state folder (which could not be written as the session began, and
  // has taken it since), carried on from another folder, was not found: a second file was written
  // for the same session, and nothing named the first.
  const keepSummary = () => {
    if (!kept.current || elsewhere.current || reopened || sessionSummary.current === undefined) return;
    keepRoomSession(playable, actor.getPersistedSnapshot(), { past: past.current, current: view.done ? { votes: {}, revealed: false } : roundNow(), ...keptBeside() }, hold, app.env);
  };
  const saySavingRefused = useCallback(() => {
    const failure = stateStore(app.env).savingFailure();
    if (failure === undefined) refusalSaid.current = false;
    else if (!refusalSaid.current) {
      refusalSaid.current = true;
      setUnavailable(failure);
      const short = savingFailureShort(app.env);
      setUnavailableShort(short === undefined ? undefined : { of: failure, short });
    }
  }, [app.env]);
  useEffect(() => {
    const first = !opened.current;
    opened.current = true;
    if (first && resumed !== undefined) return;
    const keep = (progress: Parameters<typeof keepRoomSession>[2]) => {
      if (!elsewhere.current && keepRoomSession(playable, actor.getPersistedSnapshot(), { ...progress, ...keptBeside() }, hold, app.env)) {
        // Begun where the state folder could not be written: whether it has taken this session since.
        if (elsewhereDir !== undefined) keptOnDisk.current = roomSessionOnDisk(playable, app.env);
        else if (!view.done) saySavingRefused();
        return true;
      }
      elsewhere.current = true;
      setUnavailable(ROOM_ELSEWHERE);
      return false;
    };
    if (view.done) {
      if (reopened || past.current.length === 0) return;
      if (keep({ past: past.current, current: { votes: {}, revealed: false } })) kept.current = true;
      return;
    }
    // Only the votes for this decision's replies (the last one's are cleared a moment later).
    const current = roundNow();
    if (!kept.current && past.current.length === 0 && !reveal && !Object.values(current.votes).some((n) => n > 0)) return;
    if (keep({ past: past.current, current })) kept.current = true;
  }, [view, reveal, roundNow, keptBeside, saySavingRefused, playable, actor, app.env, reopened, hold, resumed, elsewhereDir]);
  const revealRows = useMemo(() => {
    // After the reveal the facilitator note is shown too, below the replies.
    const note = view.facilitatorNote ? [[{ text: '' }], ...wrapText(`Facilitator note: ${view.facilitatorNote}`, columns - 2).split('\n').map((text) => [{ text, tone: 'muted' as const }])] : [];
    return [...revealTextRows(revealData(scenario, view, votes), columns - 2, view.replies), ...note];
  }, [scenario, view, votes, columns]);
  // A scene's own note too (presenter mode has its "trainer only" button there as well), behind f.
  const note = (view.kind === 'decision' || view.kind === 'scene') && view.facilitatorNote ? view.facilitatorNote : undefined;
  const showNote = note !== undefined && noteShown;

  const width = columns - 2;
  // The votes in all, as presenter mode says them under its boxes: the trainer sees when the room has voted.
  const entered = Object.values(votes).reduce((n, v) => n + v, 0);
  // Where the session stands, as presenter mode's status line says it: at a scene its number in the
  // playthrough ("Scene 3", the core's sceneNumberAt), which heads an untitled scene there too. It
  // named no step at a scene, so an untitled one was headed by the scenario's title alone.
  // Carried forward from scene to scene, as line-by-line play carries it: `scenesBefore` is the number
  // of the scene Enter left (set there), undefined until worked out once by replaying the playthrough:
  // the first scene shown (a kept session stands anywhere) and after going back (a new session
  // started over is a new screen). Replaying at every scene made a long chain of scenes quadratic.
  // `numbered`: the snapshot the scene on screen was numbered at, and its number.
  const scenesBefore = useRef<number | undefined>(undefined);
  const numbered = useRef<{ snapshot: unknown; n: number | undefined }>(undefined);
  const sceneNumber = useMemo(() => {
    if (view.kind !== 'scene') return undefined;
    const n = scenesBefore.current !== undefined ? scenesBefore.current + 1 : sceneNumberAt(scenario, actor.getPersistedSnapshot());
    numbered.current = { snapshot: actor.getSnapshot(), n };
    return n;
  }, [view, scenario, actor]);
  const step = view.kind === 'decision' ? [progressWords(view)] : view.kind === 'scene' ? [sceneWords(sceneNumber)] : [];
  const heading = roomHeading(view.scenarioTitle, step, view.kind === 'decision' && !reveal && entered > 0 ? entered : undefined, columns - 2);
  // u goes back to the decision the room last followed a reply at (a key pressed by mistake in front of the room).
  const back = backToDecision(view, past.current.length);
  const room: RoomKeys = { back, startOver: onStartOver !== undefined };
  // The reveal's help line names the scroll keys only when it scrolls; its rows are counted with
  // them, so the shorter line fits the same room.
  const rowsOf = (text: string, w = width) => inkRows(text, w);
  // What is said in place of the help line, a line at a time: a path in it (where the summary before a
  // start over went, "(in the state folder …)") on rows of its own, cut only at the width (pathLineRows).
  // The folder the summary goes to where the state folder cannot be written (the one the app was
  // started in, spaces and all) is one word to them: told by its "/" alone, "…/my practice folder
  // for the volunteers as it stops." was broken at a space of its last name (at 60 columns).
  // Where the state folder refused its writes from the start: which folder, and why (said by q's question).
  const [refused] = useState(() => (elsewhereDir === undefined ? undefined : refusedWords(app.env)));
  const knownPaths = useMemo(() => (elsewhereDir === undefined ? [] : [shownFileName(elsewhereDir), shownFileName(stateStore(app.env).dir)]), [elsewhereDir, app.env]);
  // (The file a refused write named, spaces and all, one word too: see saySavingRefused.)
  const refusedPath = stateStore(app.env).savingRefusal()?.path;
  const unavailableLines = (text: string | undefined) => text?.split('\n').flatMap((line) => pathLineRows(line, width, refusedPath === undefined ? knownPaths : [...knownPaths, shownFileName(refusedPath)])) ?? [];
  const unavailableWhole = useMemo(() => unavailableLines(unavailable), [unavailable, width, knownPaths, refusedPath]); // eslint-disable-line react-hooks/exhaustive-deps
  const shortSaid = unavailable !== undefined && unavailableShort?.of === unavailable ? unavailableShort.short : undefined;
  const unavailableShortRows = useMemo(() => unavailableLines(shortSaid), [shortSaid, width, knownPaths, refusedPath]); // eslint-disable-line react-hooks/exhaustive-deps
  // The first screen's notice, above whichever help line is drawn (none while a question or a line in its place is).
  // w (who's who): at a decision named only where the help line has room for it on the rows it takes
  // anyway, on a scene always (see withRoomWho).
  const withWho = (set: Hint[], always = false): Hint[] => withRoomWho(set, WHO_HINT, (s) => hintRows(s, width).reduce((n, row) => n + rowsOf(row), 0), always);
  // Whole where the screen has the rows for it (the moment, its replies and the help line all in view,
  // or a reveal whole), else in one row: at 60×24 the three rows of where the summary before went
  // pushed youth-discloses' first Discuss prompt under "↓ 4 more below" until the first key.
  const noticeRows = (text: string | undefined) => text?.split('\n').flatMap((line) => pathLineRows(line, width, knownPaths)) ?? [];
  const wholeRows = useMemo(() => noticeRows(firstSaid?.whole), [firstSaid, width, knownPaths]); // eslint-disable-line react-hooks/exhaustive-deps
  const shortRows = useMemo(() => noticeRows(firstSaid?.short), [firstSaid, width, knownPaths]); // eslint-disable-line react-hooks/exhaustive-deps
  const countOf = (rows: readonly string[]) => rows.reduce((n, row) => n + rowsOf(row), 0);
  const setup = useMemo(() => (setupAt === view.nodeId && view.kind === 'decision' ? decisionSetup(scenario, actor.getPersistedSnapshot()) : []), [setupAt, view.nodeId, view.kind, scenario, actor]);
  const setupText = useMemo(() => setupRows(setup, width), [setup, width]);
  // Each reply's votes, kept whole after it (see ReplyList): the rows of "text · votes: n" either way.
  const tally = (r: { id: string }) => `votes: ${votes[r.id] ?? 0}`;
  // The decision's question ("What do you say to Ray?") heads its replies, as the play screen, the
  // presenter page, the projector and the phones head them: the room voted on replies to a question
  // this screen never showed. Drawn where the screen has the rows for it with the whole moment, or
  // where the moment and the replies scroll together; where only the moment scrolls above the
  // replies, at its end (scrolledMoment), not as a row of its own above them (at 60×24 that pushed the
  // end of the Discuss prompt under "↓ more below").
  const promptLines = useMemo(() => (view.kind === 'decision' && view.prompt ? wrapText(view.prompt, width).split('\n').map((t) => [{ text: t, bold: true }]) : []), [view.kind, view.prompt, width]);
  const repliesRows = view.replies.reduce((n, r) => n + rowsOf(`${replyText(r)} · ${tally(r)}`, width - REPLY_INDENT), 0);
  // The rows of the screen above its help line, packed (no blank rows between its parts).
  const contentRows = rowsOf(heading) + setupText.length + (view.title ? rowsOf(view.title) : 0) + (view.narration ? rowsOf(view.narration) : 0)
    + view.lines.reduce((n, l) => n + rowsOf(`${l.speaker}${l.role ? ` (${l.role})` : ''}: “${l.text}”`), 0)
    + (view.discussionPrompt ? rowsOf(`Discuss: ${view.discussionPrompt}`) : 0) + (showNote ? rowsOf(`Facilitator note: ${note}`) : 0)
    + (view.kind === 'decision' ? repliesRows : 0);
  const baseHints = view.kind === 'scene' ? sceneHints(room, note === undefined ? 'none' : showNote ? 'shown' : 'hidden') : reveal ? revealHints(view.replies.length, room) : voteHints(note === undefined ? 'none' : showNote ? 'shown' : 'hidden', false, room);
  const wholeFits = (): boolean => {
    if (firstSaid?.short === undefined) return true;
    const hints = (set: readonly Hint[]) => hintRows(set, width).reduce((n, row) => n + rowsOf(row), 0);
    if (view.kind === 'decision' && reveal) return revealRows.length <= screenRows - 1 - rowsOf(heading) - (view.title ? rowsOf(view.title) : 0) - 2 - countOf(wholeRows) - hints(baseHints);
    return screenRows - 1 - contentRows - countOf(wholeRows) - hints(withWho(baseHints, view.kind === 'scene')) >= 0;
  };
  const openedRows = firstSaid === undefined ? [] : wholeFits() ? wholeRows : shortRows;
  const openedCount = countOf(openedRows);
  const withOpened = (hints: ReactNode) => (openedRows.length === 0 ? hints : <Box flexDirection="column">{openedRows.map((row, i) => <Paragraph key={i} width={width}>{row}</Paragraph>)}{hints}</Box>);
  // At the reveal w is named whenever it can be (withRevealWho): on a row more where the reveal fits
  // whole all the same, else in place of s, else not (no row of feedback is cut for it).
  const setRows = (set: readonly Hint[]) => hintRows(set, width).reduce((n, row) => n + rowsOf(row), 0);
  const revealRoomFor = (footer: number) => screenRows - 1 - rowsOf(heading) - (view.title ? rowsOf(view.title) : 0) - 2 - footer;
  const revealSpare = view.kind === 'decision' && reveal && revealRows.length <= revealRoomFor(openedCount + setRows(baseHints) + 1) + 1;
  const revealWho = (set: Hint[]): Hint[] => withRevealWho(set, WHO_HINT, setRows, revealSpare);
  const fullHints = view.kind === 'decision' && reveal ? revealWho(baseHints) : withWho(baseHints, view.kind === 'scene');
  // The line said in place of the help line, whole where the moment (or the reveal) fits whole with
  // it, else its short form where it has one: at 60×24 the store's "Progress is not being saved: …"
  // (five rows, the refused file's path on two of them) pushed youth-discloses' first Discuss prompt
  // under "↓ 3 more below" until the next key. q names the file all the same.
  const unavailableFits = (): boolean => {
    const count = countOf(unavailableWhole);
    if (view.kind === 'decision' && reveal) return revealRows.length <= revealRoomFor(count) + 1;
    return screenRows - 1 - contentRows - count >= 0;
  };
  const unavailableRows = shortSaid === undefined || unavailableFits() ? unavailableWhole : unavailableShortRows;
  // The state folder refused the session's writes since it began (made read-only, say): q says the
  // session is no longer kept and where its summary goes. It said "The session is kept to carry on
  // later", and leaving lost the summary.
  const refusedSince = (confirm === 'quit' || confirm === 'start-over') && elsewhereDir === undefined ? roomSummaryDir(app.env) : undefined;
  // The state folder could not be written as the session began, and it has taken the session since
  // (made writable again): q said "The session is not kept: … cannot be written", and leaving then
  // named the command to carry it on (the session was on disk after all).
  const keptSince = confirm === 'quit' && elsewhereDir !== undefined && keptOnDisk.current && roomSessionOnDisk(playable, app.env);
  const question = confirm === 'quit' ? (!roomDidSomething() ? QUIT_NOTHING_QUESTION : elsewhereDir !== undefined ? (keptSince ? quitKeptSinceQuestion(elsewhereDir) : quitUnwritableQuestion(elsewhereDir, refused)) : refusedSince !== undefined ? quitRefusedSinceQuestion(refusedSince, refusedWords(app.env)) : QUIT_QUESTION) : confirm === 'start-over' ? startOverQuestion(startOverLoss(), elsewhereDir ?? refusedSince) : confirm === 'back' && back !== undefined ? backQuestion(back, entered) : undefined;
  // The question (q, s, u) a row at a time, a folder it names whole on its rows (pathLineRows).
  const questionLines = (text: string) => text.split('\n').flatMap((line) => pathLineRows(line, width, refusedSince === undefined ? knownPaths : [...knownPaths, shownFileName(refusedSince)]));
  // q where the state folder refuses writes names the folder, why, and where the summary goes: five
  // rows at 60 columns, where the help line it replaces had two, and youth-discloses' first Discuss
  // prompt went under "↓ 3 more below" until n. Where the whole would push part of the moment (or of
  // the reveal) out of view that the help line left in it, its short form (quitShortQuestion): why,
  // and that leaving names the summary's file (it does, whole).
  const quitShort = confirm === 'quit' && roomDidSomething() && (elsewhereDir !== undefined || refusedSince !== undefined) ? quitShortQuestion(keptSince, stateStore(app.env).savingRefusal()?.error) : undefined;
  const questionFits = (count: number): boolean => {
    const helpRows = unavailable !== undefined ? countOf(unavailableRows) : openedCount + setRows(fullHints);
    if (count <= helpRows) return true;
    if (view.kind === 'decision' && reveal) return revealRows.length <= revealRoomFor(count) + 1;
    return screenRows - 1 - contentRows - count >= 0;
  };
  const askShort = question !== undefined && quitShort !== undefined && !questionFits(countOf(questionLines(question)));
  const questionRows = question === undefined ? undefined : askShort ? questionLines(quitShort) : questionLines(question);
  // Asked in its short form, the question named neither the file refused nor why: leaving says them (stop).
  shortAsked.current = askShort;
  const footerRows = questionRows !== undefined ? questionRows.reduce((n, row) => n + rowsOf(row), 0) : unavailable !== undefined ? unavailableRows.reduce((n, row) => n + rowsOf(row), 0) : openedCount + hintRows(fullHints, width).reduce((n, row) => n + rowsOf(row), 0);

  // A blank row above and below the reveal; when it scrolls, the row that says there is more above
  // is the one above (blank at the top), so it is not left blank twice.
  const revealRoom = revealRoomFor(footerRows);
  // One row more than that fits whole without the blank row above (counted as scrolling, it filled
  // the scrolling window exactly: no row said there was more, yet the help line offered the scroll keys).
  const revealTight = revealRows.length === revealRoom + 1;
  const revealScrolls = revealRows.length > revealRoom + 1;
  const revealHeight = Math.max(4, revealScrolls ? revealRoom + 1 : revealTight ? revealRows.length : revealRoom);
  const hintSet = view.kind === 'decision' && reveal && !revealScrolls ? revealWho(revealHints(view.replies.length, room, false)) : fullHints;
  // The moment's rows in its window, and where the decision's own rows (its title to its Discuss prompt) end.
  const { momentRows, ownEnd } = useMemo(() => {
    const w = (text: string, style: Omit<Span, 'text'> = {}) => wrapText(text, width).split('\n').map((t) => [{ text: t, ...style }]);
    const own = [
      ...setupText,
      ...(view.title ? w(view.title, { bold: true }) : []), ...(view.narration ? w(view.narration) : []),
      ...view.lines.flatMap((l) => w(`${l.speaker}${l.role ? ` (${l.role})` : ''}: “${l.text}”`)),
      ...(view.discussionPrompt ? w(`Discuss: ${view.discussionPrompt}`, { bold: true }) : []),
    ];
    return { momentRows: [...own, ...(showNote ? w(`Facilitator note: ${note}`, { tone: 'muted' }) : [])], ownEnd: own.length };
  }, [view, width, showNote, note, setupText]);
  // The scrolling layout has its own help line (with PgUp PgDn), which can take another row.
  const scrollHints = withWho(voteHints(note === undefined ? 'none' : showNote ? 'shown' : 'hidden', true, room));
  // A question, or a line said in place of the help line (a count past the most), takes the help line's place here too.
  const footerSaid = confirmQuit || unavailable !== undefined;
  const scrollFooterRows = footerSaid ? footerRows : openedCount + hintRows(scrollHints, width).reduce((n, row) => n + rowsOf(row), 0);
  // Replies that leave the moment's window fewer than 3 rows (its two "more" lines and one row of
  // it; long replies at 60×24): the moment and the replies scroll together in one window (PgUp
  // PgDn), as the reveal does, the highlighted reply kept in it. Drawn whole, they made the frame
  // taller than the screen, and Ink then clears the terminal on every key.
  // The rows under the window with no question open (q, s, u): the help line, or a line said in its place.
  const unaskedFooterRows = unavailable !== undefined ? unavailableRows.reduce((n, row) => n + rowsOf(row), 0) : openedCount + hintRows(scrollHints, width).reduce((n, row) => n + rowsOf(row), 0);
  const together = view.kind === 'decision' && !reveal && screenRows - 1 - rowsOf(heading) - scrollFooterRows - repliesRows < 3;
  const togetherHeight = Math.max(4, screenRows - 1 - rowsOf(heading) - scrollFooterRows);
  // The window's height with no question open: the highlighted reply is followed in it, so opening
  // a question (q, s, u) moves nothing, and n brings the screen back exactly as it was (the window
  // grown or shrunk by the question had moved, and stayed there).
  const unaskedHeight = Math.max(4, screenRows - 1 - rowsOf(heading) - unaskedFooterRows);
  // The window's rows with no reply highlighted: where the place read is kept from (the pointer
  // moving is no new text).
  // Scrolled together, the question after the moment and a blank row, the replies right under it (as the play screen draws them).
  const beforeReplies = useMemo(() => (promptLines.length === 0 ? momentRows : [...momentRows, ...(momentRows.length > 0 ? [[{ text: '' }]] : []), ...promptLines]), [momentRows, promptLines]);
  // Where only the moment scrolls above the replies: the question as its last rows, read last as the
  // trainer pages down to the replies (trafficker-contact's first decision at 60×24 never showed
  // it). Not after a setup ("Before this:"), whose window is held on the decision's own rows to its
  // Discuss prompt (endShaped): a row more there cut the prompt under "↓ 1 more below".
  const scrolledMoment = useMemo(() => (view.kind === 'decision' && !reveal && setupText.length === 0 ? [...momentRows, ...promptLines] : momentRows), [view.kind, reveal, setupText, momentRows, promptLines]);
  const togetherPlain = useMemo(() => (together ? withReplies(beforeReplies, replyRows(view.replies, -1, width, (r) => `votes: ${votes[r.id] ?? 0}`), -1, promptLines.length === 0).rows : scrolledMoment), [together, beforeReplies, promptLines, scrolledMoment, view.replies, width, votes]);
  const togetherList = together ? withReplies(beforeReplies, replyRows(view.replies, selected, width, tally), selected, promptLines.length === 0) : undefined;
  const togetherRows = togetherList ? togetherList.rows : scrolledMoment;
  // Where the window onto the reveal or the moment is: each decision, and its reveal, opens at the
  // top, and a resize keeps the place read (keptOffset), not the count of rows above it.
  const place = `${view.nodeId}:${reveal}`;
  const [offset, setOffset] = useKeptOffset(view.kind === 'decision' && reveal ? revealRows : togetherPlain, place);
  // A decision drawn with its setup ("Before this:") whose window scrolls (60×24, and 80×24 with a
  // long setup) opens with the decision's own title and Discuss prompt in view, the end of the setup
  // above them and its start a PgUp away: drawn from the top, the setup filled the window, and the
  // trainer pausing the room for discussion had to PgDn to show the question. Held there (through a
  // resize, a count typed, a question asked) until the window is scrolled (PgUp PgDn, f, a reply
  // moved to out of view); a new place (another decision, its reveal and back) holds again.
  const [scrolledAt, setScrolledAt] = useState<{ place: string; scrolled: boolean }>({ place, scrolled: false });
  if (scrolledAt.place !== place) setScrolledAt({ place, scrolled: false });
  const held = setupText.length > 0 && view.kind === 'decision' && !reveal && !(scrolledAt.place === place && scrolledAt.scrolled);
  const heldOffset = (total: number, height: number) => followedOffset(0, { first: setupText.length, end: ownEnd }, total, height);
  // The highlighted reply is brought into the window when it moves (↑↓, Enter) or its votes change
  // (the window shrinks by the heading's "votes entered" row), not as the decision opens (the moment first).
  useFollowInView(`${selected}:${entered}:${unaskedHeight}:${togetherRows.length}`, togetherList?.reply, togetherRows.length, unaskedHeight, setOffset);
  // At least one row of the moment between its two "more" lines (a decision whose replies fill the
  // window, the-list's last at 60×24, left the frame a row too tall, and Ink then clears the terminal).
  const momentHeight = Math.max(3, screenRows - 1 - rowsOf(heading) - scrollFooterRows - repliesRows);
  // Held, the decision's own rows whole under the "more above" line with no "(end)" row below them
  // where that is what lets them fit (a window of 3 rows, the-list's and jae-and-hyung's long replies
  // at 60×24), else from its title on.
  const endShaped = setupText.length > 0 && view.kind === 'decision' && !reveal && !together && momentRows.length === ownEnd && momentRows.length > momentHeight && ownEnd - setupText.length <= momentHeight - 1;
  const heldAtEnd = held && endShaped;
  // Scrolled back to its end (PgUp, then PgDn), such a window is drawn as it opened: PgDn stopped a
  // row short of that view, with an "(end)" row under it and "↑ 4 more above" for the opening's 3.
  // It stays at its end when it shrinks unscrolled (a count typed: the heading's "votes entered" row),
  // its offset then moved to the new end: kept, the Discuss prompt was cut under "↓ 1 more below".
  const endSeen = useRef<{ place: string; offset: number; height: number } | undefined>(undefined);
  const shrunkAtEnd = endShaped && endSeen.current !== undefined && endSeen.current.place === place && endSeen.current.offset === offset && endSeen.current.height > momentHeight;
  const drawnAtEnd = heldAtEnd || (endShaped && (offset >= maxOffset(momentRows.length, momentHeight) || shrunkAtEnd));
  useEffect(() => {
    endSeen.current = drawnAtEnd && !held ? { place, offset, height: momentHeight } : undefined;
    if (shrunkAtEnd) setOffset(maxOffset(momentRows.length, momentHeight));
  });
  // Where the window onto the moment (or the moment and the replies together) is drawn from, held or not.
  const windowOffset = held ? (together ? heldOffset(togetherRows.length, togetherHeight) : heldAtEnd ? momentRows.length - (momentHeight - 1) : heldOffset(momentRows.length, momentHeight)) : offset;
  // The window scrolled from where it is drawn: the hold ends there, nothing moves yet.
  const endHold = () => {
    if (!held) return;
    setOffset(windowOffset);
    setScrolledAt({ place, scrolled: true });
  };
  // Generous spacing for a projected screen, as far as the rows allow (least useful gaps go first).
  const packed = contentRows + footerRows;
  const spare = screenRows - 1 - packed;
  // A scene too long even packed (a trainer's long narration) scrolls too, with ↑↓ as well (nothing else takes them there).
  const sceneScrolls = view.kind === 'scene' && spare < 0;
  const sceneScrollHints = withWho([...baseHints.slice(0, 1), ['↑↓ PgUp PgDn', 'scroll'] as const, ...baseHints.slice(1)], true);
  const sceneHeight = Math.max(4, screenRows - 1 - rowsOf(heading) - (footerSaid ? footerRows : openedCount + hintRows(sceneScrollHints, width).reduce((n, row) => n + rowsOf(row), 0)));
  const sceneMore = sceneScrolls && moreBelow(offset, momentRows.length, sceneHeight);

  // The counts as the keys have left them, ahead of the next render (keys can come faster).
  const votesNow = useRef(votes);
  votesNow.current = votes;
  const setVote = (f: (n: number) => number) => {
    const id = view.replies[selected]?.id;
    if (!id) return;
    const typed = f(votesNow.current[id] ?? 0);
    // A count past the most a reply can have says so, in place of the help line, until the next key.
    if (typed > MAX_VOTES) setUnavailable(TOO_MANY_VOTES);
    votesNow.current = { ...votesNow.current, [id]: clampVotes(typed) };
    setVotes(votesNow.current);
  };
  // Back to the decision the room last followed a reply at: the story goes back there (the core's
  // decision.undo), with that decision's votes and reveal as they were, and the summary so far
  // without the branch (the core's roomBack, as presenter mode's "Back to decision N").
  const goBack = () => {
    const last = roomBack({ past: past.current, decisions: log.current });
    if (!last) return;
    scenesBefore.current = undefined;
    actor.send({ type: 'decision.undo' });
    setSetupAt(String(actor.getSnapshot().value));
    backAt(last, selectView(scenario, actor.getSnapshot()));
  };
  /** The decision gone back to (`there`), drawn with what the room had entered there, not cleared as a new decision is; the summary so far without the branch (`last`). */
  const backAt = (last: { past: RoomRound[]; decisions: FacilitatedDecision[]; current: RoomRound }, there: SessionView) => {
    past.current = last.past;
    log.current = last.decisions;
    drawnAt.current = there.nodeId;
    votesNow.current = last.current.votes;
    setVotes(last.current.votes);
    setRevealedAt(last.current.revealed ? there.nodeId : undefined);
    setWasRevealedAt(last.current.wasRevealed === true ? there.nodeId : undefined);
    setSelected(0);
    setNoteShown(false);
  };
  // A decision (its votes, then its reveal) takes only keys that came after it was drawn: the "3" of
  // "⏎3" sent on a scene is not a vote, and the "1" of "r1" not the branch the room follows.
  const branchTyped = useRef('');
  const arrivedAfterShown = useArrivedAfter(view.kind === 'decision' ? `${view.nodeId}:${reveal}` : undefined);
  const onAction = (a: Action) => {
    if (a.type === 'interrupt') return stop(true);
    if (view.kind === 'decision' && !arrivedAfterShown()) return;
    // The digits typed so far of a branch's number that more than one reply's number starts with
    // (ten replies or more): any other key than a digit or Enter drops them.
    const digits = branchTyped.current;
    branchTyped.current = '';
    if (unavailable !== undefined) setUnavailable(undefined);
    if (firstSaid !== undefined) setFirstSaid(undefined);
    if (confirm) {
      if (a.type === 'no' || a.type === 'back') return setConfirm(undefined);
      if (a.type !== 'yes') return;
      if (confirm === 'quit') return stop();
      if (confirm === 'start-over') return startOver();
      setConfirm(undefined);
      return goBack();
    }
    if (whoOpen) {
      // Esc, w or Enter go back to the moment as it was; q goes back and asks to end the session.
      if (a.type === 'back' || a.type === 'who' || a.type === 'enter' || a.type === 'quit') setWhoOpen(false);
      if (a.type === 'quit') setConfirm('quit');
      const { height } = whoHeight(people, width, screenRows);
      const step = { up: -1, down: 1, 'page-up': -pageSize(height), 'page-down': pageSize(height), top: -peopleRows.length, bottom: peopleRows.length }[a.type as string];
      if (step !== undefined) setWhoOffset((o) => scrolledOffset(o, step, peopleRows.length, height));
      return;
    }
    if (a.type === 'who') return setWhoOpen(true);
    if (a.type === 'quit') return setConfirm('quit');
    if (a.type === 'restart' && onStartOver) return setConfirm('start-over');
    // Going back clears what the room entered at this decision: asked first when there is any (a
    // stray u in front of the room lost 19 votes with no way to get them back).
    if (a.type === 'undo' && back !== undefined) return view.kind === 'decision' && entered > 0 ? setConfirm('back') : goBack();
    if (view.kind === 'scene') {
      // A scene taller than the window: Enter reads on to its rows below first, a page at a time
      // ("Enter: read on"), as when playing alone; it went on with them unread by the room.
      if (a.type === 'enter' && sceneMore) return setOffset((o) => scrolledOffset(o, pageSize(sceneHeight), momentRows.length, sceneHeight));
      if (a.type === 'enter') {
        // The count goes on from this scene's number, when it was numbered where the session stands
        // (a second Enter before the screen caught up is not counted twice: worked out again instead).
        scenesBefore.current = numbered.current?.snapshot === actor.getSnapshot() ? numbered.current.n : undefined;
        return actor.send({ type: 'scene.continue' });
      }
      if (a.type === 'note' && note !== undefined) {
        // Scrolled to as at a decision, whether the scene scrolls yet or not: a scene that fits only
        // without its note scrolls once it is shown, and left at its top the note began on the last row.
        if (!noteShown) setOffset(momentRows.length);
        return setNoteShown(!noteShown);
      }
      const step = sceneScrolls ? { up: -1, down: 1, 'page-up': -pageSize(sceneHeight), 'page-down': pageSize(sceneHeight), top: -momentRows.length, bottom: momentRows.length }[a.type as string] : undefined;
      if (step !== undefined) setOffset((o) => scrolledOffset(o, step, momentRows.length, sceneHeight));
      return;
    }
    if (reveal) {
      if (a.type === 'back') setReveal(false);
      // Home and End too, as in the debrief and when playing: the facilitator note, last, is a key away.
      const step = { up: -1, down: 1, 'page-up': -pageSize(revealHeight), 'page-down': pageSize(revealHeight), top: -revealRows.length, bottom: revealRows.length }[a.type as string];
      if (step !== undefined) setOffset((o) => scrolledOffset(o, step, revealRows.length, revealHeight));
      let reply: (typeof view.replies)[number] | undefined;
      if (a.type === 'number') {
        // Ten replies or more: "1" waits for Enter or a second digit, as when playing (typeNumber).
        const t = typeNumber(digits, a.n, view.replies.length);
        if (t.n !== undefined && !t.only) {
          branchTyped.current = t.typed;
          return setUnavailable(`Reply ${t.n}: Enter follows it, or type the next digit.`);
        }
        reply = t.n === undefined ? undefined : view.replies[t.n - 1];
      } else if (a.type === 'enter' && digits !== '') reply = view.replies[Number(digits) - 1];
      // A branch the story does not allow here says why, in place of the help line, until the next key.
      setUnavailable(reply && !reply.enabled ? unavailableWords(reply) : undefined);
      if (reply?.enabled) {
        log.current.push(current(reply.number));
        past.current = [...past.current, { votes: { ...votes }, revealed: true }];
        setSetupAt(undefined);
        actor.send({ type: 'reply.choose', replyId: reply.id });
      }
      return;
    }
    if (a.type === 'page-up' || a.type === 'page-down' || a.type === 'top' || a.type === 'bottom') {
      const height = together ? togetherHeight : momentHeight;
      const step = { 'page-up': -pageSize(height), 'page-down': pageSize(height), top: -togetherRows.length, bottom: togetherRows.length }[a.type];
      endHold();
      return setOffset((o) => scrolledOffset(o, step, togetherRows.length, height));
    }
    // A count, + - or Enter act on the highlighted reply: scrolled out of the window (PgUp/PgDn), it
    // is first brought back into view, and the key does nothing else (no count goes to a reply unseen).
    const acts = a.type === 'enter' || a.type === 'number' || a.type === 'erase' || a.type === 'plus' || a.type === 'minus';
    const reply = spare < 0 && togetherList?.reply;
    if (acts && reply && !inView(windowOffset, reply, togetherRows.length, togetherHeight)) {
      endHold();
      setOffset(followedOffset(windowOffset, reply, togetherRows.length, togetherHeight));
      return setUnavailable(hiddenReplyWords(view.replies[selected]?.number ?? selected + 1, a.type === 'enter' ? 'next' : 'vote'));
    }
    // The highlighted reply moved is followed in the window (moment and replies together) from where it is drawn.
    if (together && (a.type === 'up' || a.type === 'down' || a.type === 'enter')) endHold();
    if (a.type === 'up') setSelected((s) => (s + view.replies.length - 1) % view.replies.length);
    // Enter after a count goes on to the next reply (as in a form), so the next count typed is not
    // added to the same reply's digits.
    else if (a.type === 'down' || a.type === 'enter') setSelected((s) => (s + 1) % view.replies.length);
    else if (a.type === 'number') setVote((n) => n * 10 + a.n);
    else if (a.type === 'erase') setVote((n) => Math.floor(n / 10));
    else if (a.type === 'plus') setVote((n) => n + 1);
    else if (a.type === 'minus') setVote((n) => n - 1);
    // R too (Caps Lock on): nothing else is R here.
    else if (a.type === 'reveal' || a.type === 'resume') setReveal(true);
    else if (a.type === 'note' && note !== undefined) {
      // Shown, the note is scrolled to when the moment scrolls (its first row at the top, as far as
      // the end allows; ScrollRows clamps): drawn below the fold, f seemed to do nothing.
      if (!noteShown) {
        endHold();
        setOffset(momentRows.length);
      }
      setNoteShown(!noteShown);
    }
  };
  useKeys(onAction, !view.done);

  if (view.done && view.debrief) {
    // How often the room matched best practice, in presenter mode's words, above where the summary went.
    const agreement = roomDidWords(scenario, log.current).join(' ');
    // u: back to the decision whose reply ended the story, once its summary is written (here, or when a
    // finished session opened again ended: found again by its words, or a new one is written).
    // (Or once it was tried and could not be written: going back then loses nothing, and a branch
    // followed by mistake at the last decision could not be taken back with the state folder unwritable.)
    const summaryFailed = !reopened && endSummary.current === undefined && summaryPath !== undefined;
    const backFromEnd = reopened || endSummary.current !== undefined || summaryFailed ? back : undefined;
    const goBackFromEnding = () => {
      const undone = undoEnding(scenario, actor.getPersistedSnapshot());
      const last = roomBack({ past: past.current, decisions: log.current });
      if (!undone || !last) return;
      const session = startSession(scenario, 'practice', undone);
      backAt(last, selectView(scenario, session.getSnapshot()));
      setSetupAt(String(session.getSnapshot().value));
      setSummaryPath(undefined);
      setReopened(false);
      if (exportAtEnding.current !== undefined && exportedFiles === undefined) setExportedFiles(exportAtEnding.current);
      exportAtEnding.current = undefined;
      actor.stop();
      scenesBefore.current = undefined;
      setActor(session);
    };
    // Where the summary went, then what u does, in the fewest rows (at 60×24 the notices took 11 of 24
    // rows, the debrief 6): how the room did opens the Summary section instead (lead), and u's words
    // do not name again what the help line names ("u: back to decision N").
    // The debrief exported is written again at the next ending too where it was exported at this one:
    // opened again finished, its ending's export (exportAtEnding), which u takes along (goBackFromEnding).
    const exportBack = exportedFiles ?? (reopened ? exportAtEnding.current : undefined);
    // The ending's summary, where its file cannot be written again (opened again read-only): where a new one goes.
    const newIn = endSummary.current === undefined ? undefined : summaryRewriteDir(endSummary.current, app.env);
    // …and the debrief exported, where its folder takes no writes: where it is written at the next ending.
    const exportNewIn = exportBack === undefined ? undefined : exportRewriteDir(exportBack, app.env);
    const said = [summaryPath, backFromEnd !== undefined ? backFromDebriefWords(backFromEnd, endSummary.current !== undefined ? (newIn !== undefined ? 'refused' : 'written') : summaryFailed ? 'failed' : 'not found', exportBack !== undefined, newIn === undefined ? undefined : shownFileName(newIn), exportNewIn === undefined ? undefined : shownFileName(exportNewIn)) : undefined].filter((x) => x !== undefined).join('\n');
    // The state folder cannot be written, and the summary went elsewhere for it: e exports there too, at once.
    const summaryBeside = endSummary.current !== undefined && stateStore(app.env).savingFailure() !== undefined && !isWithin(endSummary.current, exportsDir(app.env)) ? dirname(endSummary.current) : undefined;
    // s (asked first): a new session; the finished one is no longer kept (its summary file stays).
    const again = onStartOver ? { question: NEW_SESSION_QUESTION, onConfirm: () => {
      dropRoomSession(playable, app.env);
      kept.current = false;
      onStartOver(endSummary.current === undefined ? undefined : { path: endSummary.current, tell: false });
    } } : undefined;
    // q: where the summary is, and that the finished session is kept (as line by line says).
    const farewell = () => [(reopened ? undefined : summaryLeaving.current) ?? summaryPath, ...beforeWords(), roomSessionOnDisk(playable, app.env) ? finishedKeptWords(playable, app.env) : undefined].filter(Boolean).join('\n') || undefined;
    // Where the summary was written gives way first where rows are short (the farewell says it on
    // leaving all the same): at 60×24 with a long state folder, after e, "Back to decision N" (what u
    // does) was left out instead, and read only once the session was left.
    return <DebriefScreen scenario={scenario} debrief={view.debrief} notice={said} lead={agreement} voice="room" startOver={again} farewell={farewell} givesWay={summaryPath} failedBefore={summaryFailed} openOnEnding={!reopened}
      exportedBefore={exportedFiles} onExported={setExportedFiles} exportedAlready={reopened ? exportAtEnding.current : undefined} paths={endSummary.current === undefined ? undefined : [shownFileName(endSummary.current)]}
      back={backFromEnd !== undefined ? { label: `back to decision ${backFromEnd}`, onBack: goBackFromEnding } : undefined} exportFirstTo={summaryBeside} />;
  }
  if (whoOpen) {
    const { height, scrolls, spaced } = whoHeight(people, width, screenRows);
    return <Box paddingX={1}><WhoScreen rows={peopleRows} height={height} scrolls={scrolls} spaced={spaced} offset={whoOffset} width={width} /></Box>;
  }
  const footer = questionRows !== undefined ? <Box flexDirection="column">{questionRows.map((row, i) => <Paragraph key={i} bold width={width}>{row}</Paragraph>)}</Box> : unavailable ? <Box flexDirection="column">{unavailableRows.map((row, i) => <Paragraph key={i} width={width}>{row}</Paragraph>)}</Box> : withOpened(<KeyHints set={hintSet} spaced={false} width={width} whole />);
  if (view.kind === 'decision' && reveal) {
    // The room has seen the moment: the reveal gets the screen, and scrolls when it is longer.
    return (
      <Box flexDirection="column" paddingX={1}>
        <Paragraph bold>{heading}</Paragraph>
        {view.title && <Paragraph bold underline>{view.title}</Paragraph>}
        {!revealScrolls && !revealTight && <Text> </Text>}
        <ScrollRows rows={revealRows} height={revealHeight} offset={offset} />
        <Text> </Text>
        {footer}
      </Box>
    );
  }
  // The question where the whole screen has its rows, its blank rows given up first.
  const promptShown = spare >= promptLines.length ? promptLines.length : 0;
  const gap = (rank: number) => (spare - promptShown >= rank ? 1 : 0);
  if (spare < 0 && together) {
    // Replies too tall beside even 3 rows of the moment: the moment and the replies scroll together.
    // While a question shortens the window, a highlighted reply that was in view stays whole in it
    // (moved as little as it can; drawn only, so n brings the window back where it was), as in play.
    const reply = togetherList?.reply;
    const shownOffset = !held && confirm !== undefined && reply && inView(offset, reply, togetherRows.length, unaskedHeight) ? followedOffset(offset, reply, togetherRows.length, togetherHeight) : windowOffset;
    return (
      <Box flexDirection="column" paddingX={1}>
        <Paragraph bold>{heading}</Paragraph>
        <ScrollRows rows={togetherRows} height={togetherHeight} offset={shownOffset} pageKeysOnly />
        {footerSaid ? footer : withOpened(<KeyHints set={scrollHints} spaced={false} width={width} whole />)}
      </Box>
    );
  }
  if (spare < 0 && view.kind === 'decision') {
    // Too long even packed: the moment, prompt and note scroll (PgUp/PgDn) above the replies.
    return (
      <Box flexDirection="column" paddingX={1}>
        <Paragraph bold>{heading}</Paragraph>
        <ScrollRows rows={scrolledMoment} height={momentHeight} offset={windowOffset} pageKeysOnly atEnd={drawnAtEnd} />
        <ReplyList replies={view.replies} selected={selected} tally={tally} width={width} />
        {footerSaid ? footer : withOpened(<KeyHints set={scrollHints} spaced={false} width={width} whole />)}
      </Box>
    );
  }
  if (sceneScrolls) {
    return (
      <Box flexDirection="column" paddingX={1}>
        <Paragraph bold>{heading}</Paragraph>
        <ScrollRows rows={momentRows} height={sceneHeight} offset={offset} />
        {footerSaid ? footer : withOpened(<KeyHints set={readOnHints(sceneScrollHints, sceneMore)} spaced={false} width={width} whole />)}
      </Box>
    );
  }
  return (
    <Box flexDirection="column" paddingX={1}>
      <Paragraph bold>{heading}</Paragraph>
      {/* A blank row under the heading where the rows allow, as above the title when there is no setup
          (and as the play screen sets it): at 120×40 "Before this:" stood right under the heading. */}
      {setupText.length > 0 && <Box marginTop={gap(6)}><ScrollRows rows={setupText} height={setupText.length} offset={0} /></Box>}
      {/* The setup ends on a blank row of its own: no second one above the title (there were two at 120×40). */}
      {view.title && <Box marginTop={setupText.length > 0 ? 0 : gap(6)}><Paragraph bold underline>{view.title}</Paragraph></Box>}
      {/* The first spoken line is not spaced again when nothing comes before it in the moment. */}
      {/* A moment with no words (a decision with only a title and a prompt) takes no blank row of its own. */}
      {(view.narration || view.lines.length > 0) && <Box marginTop={gap(5)} flexDirection="column"><Moment view={view} spaced={spare >= 6 + view.lines.length} firstSpaced={view.narration !== undefined && view.narration !== ''} /></Box>}
      {view.discussionPrompt && <Box marginTop={gap(3)}><Paragraph><Text bold>Discuss: </Text>{view.discussionPrompt}</Paragraph></Box>}
      {showNote && <Box marginTop={gap(4)}><Paragraph color={theme.muted}><Text bold>Facilitator note: </Text>{note}</Paragraph></Box>}
      {view.kind === 'decision' && (
        <Box marginTop={gap(1)} flexDirection="column">
          {promptShown > 0 && <Paragraph bold width={width}>{view.prompt}</Paragraph>}
          <ReplyList replies={view.replies} selected={selected} tally={tally} width={width} />
        </Box>
      )}
      <Box marginTop={gap(2)} flexDirection="column">{footer}</Box>
    </Box>
  );
}

/** Where a finished session opened again says its summary is: the one it wrote (`found`), else the newest of the scenario, or the exports folder. */
function finishedSummaryWords(scenario: Scenario, found: string | undefined, env: NodeJS.ProcessEnv, since?: string): string {
  // Written since it was kept (reopenedSummary; `since`: the one written at its ending, now out of
  // date, or ''): named as line by line names it, each file whole on its rows, "(in the state folder …)" only after one in it.
  if (found !== undefined && since !== undefined) {
    const named = (path: string) => (isWithin(path, stateDir(env)) ? `${shownPath(path, env)}\n(in the state folder ${shownStateDir(env)})` : shownFileName(path));
    return `Kept as it was at its ending. ${LATER_SUMMARY}\n${named(found)}${since === '' ? '' : `\n${outOfDateWords(named(since))}`}`;
  }
  if (found !== undefined) return `Its summary was written when it finished, to:\n${shownPath(found, env)}\n(in the state folder ${shownStateDir(env)})`;
  const newest = newestSessionSummary(scenario, env);
  return newest
    ? `Its summary was written when it finished (the newest summary of this scenario):\n${shownPath(newest, env)}\n(in the state folder ${shownStateDir(env)})`
    : `Its summary was written when it finished, to:\n${shownPath(exportsDir(env), env)}/\n(in the state folder ${shownStateDir(env)})`;
}

/**
 * What u does on a trainer-led debrief, under where the summary went: the core's words
 * (backFromEndingWords, said line by line and by presenter mode) without "Back to decision N:",
 * which the help line's "u: back to decision N" says; two rows at 60 columns, not four.
 */
export function backFromDebriefWords(back: number, summary: 'written' | 'refused' | 'not found' | 'failed', exported = false, newIn?: string, exportNewIn?: string): string {
  // The debrief exported, its folder taking no writes now (opened again read-only): written at the
  // next ending in `exportNewIn` (exportAgain). The words said it "is written again", which was refused.
  if (exported && exportNewIn !== undefined) {
    const before = backFromDebriefWords(back, summary, false, newIn).slice(0, -1);
    return `${before}; the debrief exported cannot be written again ${summary === 'refused' && newIn === exportNewIn ? 'either, so it is then written there too' : `in its folder, so it is then written to ${exportNewIn} instead`}.`;
  }
  // The debrief e exported too (this run), at the next ending: it described the ending taken back.
  if (exported) return `${backFromDebriefWords(back, summary, false, newIn).slice(0, -1).replace('the summary is then written again in the same file', 'the summary and the debrief exported are then written again in the same files')}${summary === 'written' ? '' : '; the debrief exported is written again at the next ending'}.`;
  const then = summary === 'written'
    ? 'the summary is then written again in the same file'
    // Its file can no longer be written (opened again while the state folder is read-only): where a new one goes.
    : summary === 'refused'
      ? `its summary's folder takes no writes now, so a new summary is then written${newIn === undefined ? '' : ` to ${newIn}`}`
    : summary === 'not found'
      ? 'a new summary is then written (the one from this ending was not found)'
      : 'the summary, not written at this ending, is tried again';
  return `u: the room returns to decision ${back}, revealed with its votes; ${then}.`;
}

/** A question's keys, kept on one row: at 60 columns "(y /" ended a row and "n)" began the next. */
const YES_NO = '(y\u00a0/\u00a0n)';

const QUIT_QUESTION = `Stop now and write the summary so far? The session is kept to carry on later. ${YES_NO}`;

/**
 * q where the state folder cannot be written: the session is not kept, why (`refused`: the folder
 * that refused and the error, refusedWords), and that its summary goes to `dir`
 * (roomSummaryDir). It said "The state folder cannot be written" without naming it or why.
 */
function quitUnwritableQuestion(dir: string, refused: string | undefined): string {
  return `Stop now? ${refused === undefined ? 'The state folder cannot be written, so the session is not kept' : `The session is not kept: ${refused}`}; ${summaryGoesTo(dir)} as it stops. ${YES_NO}`;
}

/**
 * q where the state folder could not be written as the session began but has taken it since: the
 * session is kept, and its summary still goes to `dir`, where it was said to go from the start.
 */
function quitKeptSinceQuestion(dir: string): string {
  return `Stop now? The state folder can be written again, so the session is kept to carry on later; ${summaryGoesTo(dir)} as it stops. ${YES_NO}`;
}

/** q where the state folder stopped taking the session's writes after it began: `refused` as quitUnwritableQuestion's. */
function quitRefusedSinceQuestion(dir: string, refused: string | undefined): string {
  return `Stop now? The session is no longer kept as it goes${refused === undefined ? ', since the state folder cannot be written' : `: ${refused}`}; ${summaryGoesTo(dir)} as it stops. ${YES_NO}`;
}

/**
 * The quit question where the state folder refuses writes (quitUnwritableQuestion, quitKeptSinceQuestion,
 * quitRefusedSinceQuestion) in two rows of a 60-column screen: whether the session is kept, why not
 * (`error`: the refused write's), and that its summary's file is named on leaving (it is, whole).
 */
function quitShortQuestion(kept: boolean, error: unknown): string {
  return `Stop now? ${kept ? 'Kept to carry on later' : `Not kept${error === undefined ? '' : ` (${errorWords(error)})`}`}; the summary's file is named as it stops. ${YES_NO}`;
}

/** The first screen's line where the state folder cannot be written. */
function unwritableNow(dir: string): string {
  return `The state folder cannot be written: this session is not kept, and ${summaryGoesTo(dir)} when it ends.`;
}

const QUIT_NOTHING_QUESTION = `Stop now? The room has entered nothing yet, so no summary is written. ${YES_NO}`;

const NEW_SESSION_QUESTION = `Start a new session of this scenario? This finished one is no longer kept to open again (its summary file stays). ${YES_NO}`;

/** s asks first, saying what is lost (the core's words, as presenter mode's Start over says them), if anything. */
function backQuestion(decision: number, votes: number): string {
  return `Go back to decision ${decision}? ${backLossWords(votes) ?? ''} ${YES_NO}`;
}

/** `elsewhere`: the state folder cannot be written, so the summary so far is written there (roomSummaryDir). */
function startOverQuestion(loss: string | undefined, elsewhere: string | undefined): string {
  return `Start the session over from the beginning? ${loss ? `${loss} will be lost; the summary so far is written first${elsewhere === undefined ? '' : `, to ${shownFileName(elsewhere)}, since the state folder cannot be written`}. ` : ''}${YES_NO}`;
}

/** A first screen's notice: `whole`, or `short` (one row at 60 columns) where the whole would push the moment out of view. */
interface FirstNotice {
  whole: string;
  short?: string;
}

/** Where the summary of the session before a start over went, its path within the state folder on a row of its own. */
function summaryBeforeWords(path: string, elsewhere: boolean, env: NodeJS.ProcessEnv): string {
  return elsewhere ? `The summary of the session before was written to:\n${shownFileName(path)}` : `The summary of the session before was written to:\n${shownPath(path, env)}\n(in the state folder ${shownStateDir(env)})`;
}

/** summaryBeforeWords in one row (56 columns): the path is named on leaving (summariesBeforeWords). */
export const SUMMARY_BEFORE_SHORT = 'Summary of the session before written: named on leaving.';

/** unwritableNow in one row: where the summary goes is said by the content note before it, the quit question and on leaving. */
export const UNWRITABLE_SHORT = 'State folder cannot be written: this session is not kept.';

/** As the app is left: the summaries written by starting over (s) in this run, each as leavingPath says a path. */
export function summariesBeforeWords(paths: readonly string[], columns: number, env: NodeJS.ProcessEnv): string {
  const head = paths.length === 1 ? 'The summary of the session before was written to:' : 'The summaries of the sessions before were written to:';
  return [head, ...paths.map((p) => leavingPath(p, columns, env))].join('\n');
}

export { EXPORT_TAKEN_BACK, exportTakenBackWords };

/** summaryBeforeWords and exportTakenBackWords in one row (54 columns): both are named on leaving. */
export const SUMMARY_EXPORT_BEFORE_SHORT = 'Summary written, export out of date: named on leaving.';

/**
 * The session's heading, "Title · Decision n of about m", and at a decision with counts typed the
 * votes in all ("12 votes entered", presenter mode's words). The count never takes a row more than
 * the heading had without it (at 60 columns "What Kiara tells you · Decision 1 of about 8" went to
 * two rows at the first count typed, moving the whole screen down a row in front of the room): where
 * the whole words do not fit, "12 votes"; where even that does not, the title is cut with "…".
 */
export function roomHeading(title: string, step: readonly string[], entered: number | undefined, width: number): string {
  const plain = statusParts([title, ...step], width);
  if (entered === undefined) return plain;
  const rows = (text: string) => inkRows(text, width);
  const fitting = [votesEnteredWords(entered), votesShortWords(entered)].map((votes) => statusParts([title, ...step, votes], width)).find((text) => rows(text) <= rows(plain));
  if (fitting !== undefined) return fitting;
  const rest = [...step, votesShortWords(entered)].join(' · ');
  const room = width - columnsOf(` · ${rest}`);
  // A title cut to fewer than a few letters says nothing: the count takes its row then.
  return rows(plain) === 1 && room >= 8 ? `${cutEnd(title, room)} · ${rest}` : statusParts([title, ...step, votesEnteredWords(entered)], width);
}

/** The votes in all in the fewest words, for a heading short of room: "12 votes". */
function votesShortWords(total: number): string {
  return `${total} vote${total === 1 ? '' : 's'}`;
}
