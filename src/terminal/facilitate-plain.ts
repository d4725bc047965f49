import { decisionSetup, keptAsItWasWords, OUT_OF_DATE_SUMMARY, peopleMet, sceneHeadingAt, sceneNumberAt, backFromEndingWords, backLossWords, backToDecision, undoEnding, startOverFailedWords, entryOf, facilitatedDecision, MAX_VOTES, revealData, roomBack, roomLossWords, selectView, shownFileName, startFacilitation, startSession, unavailableWords, pathReply, type Debrief, type FacilitatedDecision, type RoomRound, type Scenario, type SessionView, type Votes } from '../machines/index.js';
import { carriedOnSummary, exportAgain, exportAgainFailedWords, exportedAgainHeading, exportRewriteDir, LATER_SUMMARY, laterSessionSummary, writeSummaryFile, exportTakenBackWords, type DebriefFiles, exportsDir, fallbackExportDir, keptExport, leavingPath, reopenedSummary, NOTHING_ENTERED_WORDS, newestSessionSummary, newSessionId, roomSummaryDir, SUMMARY_ELSEWHERE, summaryGoesTo, summaryRewriteDir, roomExitCode, writeSessionSummary } from './export.js';
import { command, commandName, otherStartValues } from './invocation.js';
import { wrapWords } from './wrap.js';
import { errorWords, refusedWords } from './node/state-store.js';
import { cannotContinueLines, dropRoomSession, finishedKeptWords, holdRoomSession, keepRoomSession, newRoomSessionArgs, readRoomSession, roomSessionArgs, ROOM_ELSEWHERE, roomSessionOnDisk, NEWER_ROOM_NOT_KEPT } from './saves.js';
import { revealText } from './reveal-text.js';
import { sessionSeed } from './seed.js';
import { chooseScenario, plainArgs, printDebrief, printMoment, printPeople, printReplies, printSetup, sayer, widthNow, type LineModeOptions } from './plain.js';

/** What the line-by-line trainer-led session needs. */
export type FacilitatePlainOptions = LineModeOptions & {
  /** `play … --facilitate --new`: a kept session is not carried on (it is replaced once the room votes). */
  startOver?: boolean;
};

/**
 * `--facilitate` without a terminal: at each decision the prompt and facilitator note are printed,
 * the room's votes are read as one line (`3 5 0`) or one count per line, `r` reveals every reply's
 * feedback side by side, then the number of the branch the room follows. The same Markdown session
 * summary is written at the end (or when input ends or `q` stops the session early).
 */
export async function runFacilitatePlain(opts: FacilitatePlainOptions): Promise<number> {
  const { io, width } = opts;
  const say = sayer(io, width);
  const opened = opts.playable ?? (await chooseScenario({ ...opts, roomMarks: true }));
  if (opened === 'quit') return 0;
  if (!opened) return 1;
  // A session kept from before (q, input ended, a closed window) is carried on, as a volunteer's
  // save is in this mode; --new starts over instead. One that cannot be used is moved aside.
  const found = opts.startOver ? undefined : readRoomSession(opened, opts.env);
  if (found?.kind === 'bad') io.err(`casa-practice: ${cannotContinueLines(found, 'a new session starts', 'The trainer-led session', NEWER_ROOM_NOT_KEPT)}\n`);
  const resumed = found?.kind === 'ok' ? found : undefined;
  // Carried on, with its own starting values (a session begun with other --set values than given now).
  const playable = resumed?.playable ?? opened;
  const values = resumed ? otherStartValues(opened, playable) : undefined;
  const { scenario } = playable;
  let actor = resumed ? startSession(scenario, 'practice', resumed.snapshot) : startFacilitation(scenario, sessionSeed(opts.env));
  const log: FacilitatedDecision[] = [...(resumed?.decisions ?? [])];
  // What the room entered at each decision followed, and at the one on screen, kept with the session.
  const past: RoomRound[] = [...(resumed?.progress.past ?? [])];
  let kept = resumed !== undefined;
  // A kept session carried on: stopped again with nothing new, its summary is not written twice.
  let carriedOn = resumed !== undefined;
  // A kept session carried on opens on its decision a while after the room saw the scene before it:
  // one with no words of its own is printed after that scene (the core's decisionSetup), once.
  let setupFirst = resumed !== undefined && resumed.finished !== true;
  // The kept session as this run read it: another window that goes on with the same session is not
  // written over; this run stops keeping and says so once.
  let hold = holdRoomSession(playable, opts.env);
  let elsewhere = false;
  // The debrief the full-screen session exported (e) at an ending the room then went back from, kept
  // with the session: kept on as it goes here too (line by line has no e), written again for the
  // next ending, and named as out of date when the session stops or starts over before then.
  let exported: DebriefFiles | undefined = resumed?.progress.exported === undefined ? undefined : { ...resumed.progress.exported };
  const exportedNow = () => (exported === undefined ? undefined : keptExport(exported));
  // Where the summary goes should the state folder stop taking writes, and the file it was written
  // to, kept beside the votes (RoomProgress.summaryDir and summary): carried on from another folder,
  // the session finds its summary there (as the full-screen app does).
  const startedIn = fallbackExportDir(opts.env);
  // Which session this is, written in each of its summaries and kept with it (RoomProgress.sessionId):
  // carried on, laterSessionSummary finds the summary it wrote where nothing could be kept as it
  // stopped. A new one for a session started over (and for one kept before sessions had one).
  let sessionId = resumed?.progress.sessionId ?? newSessionId();
  const keptBeside = () => {
    const withExport = exportedNow();
    return { ...(withExport === undefined ? {} : { exported: withExport }), summaryDir: startedIn, sessionId, ...(sessionSummary === undefined ? {} : { summary: sessionSummary }) };
  };
  const keepNow = (progress: Parameters<typeof keepRoomSession>[2]): boolean => {
    if (!elsewhere && keepRoomSession(playable, actor.getPersistedSnapshot(), { ...progress, ...keptBeside() }, hold, opts.env)) return true;
    if (!elsewhere) say(ROOM_ELSEWHERE);
    elsewhere = true;
    return false;
  };
  // Where the state folder stops taking the session's writes after it began (made read-only, say):
  // said once, with where its summary goes then (refusedDir). Nothing was said, and the summary was
  // refused too as the session stopped: the room's votes were lost.
  let refusedDir: string | undefined;
  const keep = (current: RoomRound) => {
    // Nothing is kept until the room has done something.
    if (!kept && past.length === 0 && !current.revealed && !Object.values(current.votes).some((n) => n > 0)) return;
    if (keepNow({ past, current })) kept = true;
    if (summaryDir === undefined && refusedDir === undefined && (refusedDir = roomSummaryDir(opts.env)) !== undefined) {
      say(`This session is no longer kept as it goes: ${refusedWords(opts.env) ?? 'the state folder cannot be written'}; ${summaryGoesTo(refusedDir)} when it ends.`);
    }
  };
  // A command to type later, never broken inside: after its words where the line has room, else on a
  // line of its own (at 60 columns "node bin/casa-practice." ended a row and "js --facilitate …" began
  // the next; wrapped at a space, a copied command ran without its scenario).
  // One longer than a line is broken between its words with line continuations (wrapWords).
  // A summary's path on rows of its own: whole, or in a terminal narrower than it within the state
  // folder (leavingPath), since the terminal broke it mid-name at 60 columns.
  const shownSummaryPath = (path: string) => {
    const columns = opts.terminalWidth?.();
    return columns === undefined ? shownFileName(path) : leavingPath(path, columns, opts.env);
  };
  // An export's two files as the summary's path is named (shownSummaryPath), the folder line said once
  // after both where they are named the same way: by their whole paths, the terminal broke them mid-name.
  const shownExportPaths = (files: { markdown: string; json: string }) => {
    const [md, js] = [shownSummaryPath(files.markdown), shownSummaryPath(files.json)].map((p) => p.split('\n'));
    const [mdRest, jsRest] = [(md ?? []).slice(1).join('\n'), (js ?? []).slice(1).join('\n')];
    return mdRest === jsRest ? [md?.[0], js?.[0], ...(md ?? []).slice(1)].join('\n') : [...(md ?? []), ...(js ?? [])].join('\n');
  };
  const sayCommand = (words: string, cmd: string) => io.out(`${wrapWords(`${words} ${cmd}`, widthNow(width), `${commandName(opts.env)} `)}\n`);
  // A command for this session (to carry it on, to start over): with --plain where the trainer asked
  // for it, so that it goes on line by line (without, in a terminal it opened the full-screen app).
  const sessionCommand = (args: string) => command(plainArgs(args, opts), opts.env);
  const entry = entryOf(playable);
  say(`Trainer-led session: ${entry.title} (about ${entry.minutes} min)`);
  say(`Content note: ${entry.contentNote}`);
  // A finished session opened again: kept until the trainer starts a new one (as presenter mode keeps
  // it), its debrief rather than a new session, with u back from its ending as when it had just ended.
  let reopened = resumed?.finished === true;
  // The summary it wrote at its ending, found again by what it says: written again in its place after
  // u. Or one it marked since it was last kept (reopenedSummary): opened read-only, gone back from its
  // ending and stopped, it wrote a newer file, which leaving named as up to date; the older is out of date.
  const atReopen = reopened && resumed ? reopenedSummary(resumed, actor.getSnapshot().output as Debrief, opts.env) : undefined;
  const foundAtOpen = atReopen?.path;
  if (reopened) {
    const newest = foundAtOpen ?? newestSessionSummary(scenario, opts.env);
    // The path on a line of its own, not wrapped (inside the sentence, at 60 columns it was broken mid-name).
    const [where, path] = foundAtOpen ? [', to:', foundAtOpen] : newest ? ['; the newest summary of this scenario is:', newest] : [', in:', exportsDir(opts.env)];
    if (atReopen?.since === true && foundAtOpen !== undefined) {
      say(`This trainer-led session finished here; its debrief follows, as the session was kept at its ending. ${LATER_SUMMARY}`);
      io.out(`${shownSummaryPath(foundAtOpen)}\n`);
      if (atReopen.outOfDate !== undefined) {
        say(OUT_OF_DATE_SUMMARY);
        io.out(`${shownSummaryPath(atReopen.outOfDate)}\n`);
      }
    } else {
      say(`This trainer-led session finished here; its debrief follows. Its summary was written when it finished${where}`);
      io.out(`${shownSummaryPath(path)}\n`);
    }
    sayCommand('To start a new session:', sessionCommand(newRoomSessionArgs(opened)));
  } else if (resumed) {
    say(`Continuing the trainer-led session kept at ${resumed.standsAt}, with the room's votes and the summary so far${values ? `, and with the values it began with: ${values.saved} (you gave ${values.given} this time)` : ''}.`);
    // Carried on as it was last kept: a folder that takes no write now may have stopped taking them
    // during the session before, and the room gone further than this.
    // Where a summary of it was written since (laterSessionSummary), whatever the folder takes now: where it is.
    const later = laterSessionSummary(resumed, opts.env);
    if (roomSummaryDir(opts.env) !== undefined || later !== undefined) say(keptAsItWasWords(resumed));
    if (later !== undefined) {
      say(LATER_SUMMARY);
      io.out(`${shownSummaryPath(later)}\n`);
    }
    sayCommand(values ? `To start over with ${values.given} instead:` : 'To start over instead:', sessionCommand(newRoomSessionArgs(opened)));
  }
  // One begun at a scene (--from, --set) is kept apart from the scenario's own: the same start carries
  // it on, so that command is named (opening the scenario with --facilitate opened another session).
  const again = roomSessionArgs(playable);
  // Where the state folder cannot be written, the summary goes where e: export writes then (roomSummaryDir).
  const summaryDir = roomSummaryDir(opts.env);
  if (!reopened && summaryDir !== undefined) say(`This session is not kept as it goes, since the state folder cannot be written (see above): q ends it, and ${summaryGoesTo(summaryDir)} when it ends.`);
  else if (!reopened && again.startsWith('play ')) sayCommand('The session is kept as it goes: q ends it for now and writes a summary of the votes so far; this command carries it on:', sessionCommand(again));
  else if (!reopened) say('The session is kept as it goes: q ends it for now and writes a summary of the votes so far; opening this scenario with --facilitate again carries it on.');
  if (!reopened) say('At each decision type the room\'s votes, one count per reply on a line (e.g. 3 5 0) or one count per line; r reveals every reply\'s feedback and the facilitator note; then type the number (or the id) of the reply the room follows. u goes back to the decision before, with its votes; w says who\'s who (the people met so far); s starts the session over (asked first). q ends the session.');
  // Whether the summary was written: a state folder that cannot be written ends the session with
  // one line and exit code 74, as in the full-screen app, not with an error.
  // The summary written at the ending, once the room has gone back from it (u): every later summary
  // of this session is written in its place, so no file says the room took a branch it took back.
  let endSummary: string | undefined = foundAtOpen;
  // Where every summary of this session is written: that one, or for a kept session carried on the
  // summary so far it wrote when it stopped (stoppedSessionSummary), so that one file holds the
  // whole session; a new file only when neither is found (and for a session started over).
  // Else the summary written since it was last kept, where the state folder stopped taking writes
  // (laterSessionSummary, named above): carried on, a second file was written beside it.
  // Where a summary of it was written since it was last kept, before the one kept with it: that is the
  // file the trainer was told is the summary (carriedOnSummary, the core's sessionSummaryFile); the
  // one passed over is named as out of date where the summary is named.
  const atOpen = resumed && !reopened ? carriedOnSummary(resumed, selectView(scenario, actor.getSnapshot()), opts.env) : {};
  let sessionSummary: string | undefined = foundAtOpen ?? atOpen.path;
  // An earlier summary of this session, out of date: one it could not be written in again (a new
  // file was written elsewhere), or, carried on, the one passed over for a newer (see above).
  let outOfDate: string | undefined = atOpen.outOfDate ?? atReopen?.outOfDate;
  // The summary written: in its file again (sessionSummary), else a new one (writeSummaryFile): where
  // that file is refused (the state folder made read-only since it was written), a new file where e:
  // export writes then (roomSummaryDir), the first then out of date. It said "The session summary
  // could not be written" where the session began read-only, and the room's votes were lost.
  const writeSummary = (debrief?: Debrief) => {
    const written = writeSummaryFile((dir, path) => writeSessionSummary(scenario, log, debrief, opts.env, new Date(), { carriedOn, session: sessionId, ...(path !== undefined ? { path } : {}), ...(dir !== undefined ? { dir } : {}) }), sessionSummary, summaryDir, () => roomSummaryDir(opts.env));
    sessionSummary = written.path;
    if (written.outOfDate !== undefined) outOfDate = written.outOfDate;
    return written;
  };
  const finish = (debrief?: Debrief): boolean => {
    try {
      const written = writeSummary(debrief);
      if (debrief) endSummary = written.path;
      // On a line of its own, not wrapped: a path broken across lines cannot be copied (after the
      // words, at 60 columns the terminal broke it mid-name).
      // Begun where the state folder could not be written, which has taken the session since (made
      // writable part-way): the summary where it was said to go, without "cannot be written", as the
      // full-screen app says it (and as the exit code, 0, already had it).
      const refusedNow = written.elsewhere || (summaryDir !== undefined && !(kept && !elsewhere && roomSessionOnDisk(playable, opts.env)));
      if (refusedNow) say(SUMMARY_ELSEWHERE);
      io.out(`${refusedNow ? '' : 'Session summary written to:\n'}${shownSummaryPath(written.path)}\n`);
      // An earlier summary of this session, out of date: named after this one, as plainly.
      // (The words wrapped as every line is, the path on rows of its own: at 60 columns they ran on past the row.)
      if (outOfDate !== undefined && outOfDate !== written.path) {
        say(OUT_OF_DATE_SUMMARY);
        io.out(`${shownSummaryPath(outOfDate)}\n`);
      }
      return true;
    } catch (e) {
      say(`The session summary could not be written (${errorWords(e)}).`);
      return false;
    }
  };
  // Ctrl-C, a closed terminal window or SIGTERM: the summary so far is written (if the room has made
  // a decision; the votes typed at the one on screen are not known here), then the session ends, as
  // the full-screen app's Ctrl-C ends it. Ctrl-C ended it at once, the summary not written nor said.
  const stopOnSignal = (signal: NodeJS.Signals) => {
    try {
      if (signal !== 'SIGINT') {
        if (log.length > 0) writeSummary();
      } else {
        // Said as q says it (finish names the summary), on a line of its own: the ^C the terminal
        // echoed is still on the current one.
        io.out('\n');
        say('Session stopped before its end.');
        if (log.length > 0) finish();
        if (kept && !elsewhere && roomSessionOnDisk(playable, opts.env)) sayCommand('To carry on with this session later:', sessionCommand(roomSessionArgs(playable)));
      }
    } catch {
      // nothing more can be done once the state folder is gone too
    }
    process.exit(signal === 'SIGINT' ? 130 : signal === 'SIGHUP' ? 129 : 143);
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGHUP', 'SIGTERM'];
  for (const s of signals) process.once(s, stopOnSignal);
  try {
    let shown: string | undefined;
    // What the room had entered at the next decision shown: a kept session's, or the decision gone back to.
    let restore: RoomRound | undefined = resumed?.progress.current;
    // The number of the last scene shown in the playthrough, carried forward from scene to scene
    // (an untitled one is headed "Scene N"), as line-by-line play carries it. Undefined until worked
    // out once by replaying the playthrough (the core's sceneNumberAt): at the start (a kept session
    // stands anywhere), after going back and after starting over. Replaying at every scene made a
    // long chain of scenes quadratic.
    let scenesBefore: number | undefined;
    for (;;) {
      const snapshot = actor.getSnapshot();
      const view = selectView(scenario, snapshot);
      if (view.done) {
        // Kept at the ending too, until the trainer starts a new session (--new, or s): opening the
        // scenario again shows its debrief rather than starting a new session without a word.
        // (Opened again finished: as it was kept, and its summary not written twice.)
        // (Opened again finished, its ending's export is its own: written again only after u, at the next ending.)
        const before = reopened ? undefined : exported;
        const again = before === undefined ? undefined : exportAgain(scenario, snapshot.output as Debrief, before, opts.env, { trainerLed: true });
        if (again?.files) exported = again.files;
        if (past.length > 0 && !reopened) keepNow({ past, current: { votes: {}, revealed: false } });
        const debrief = printDebrief(scenario, snapshot.output, io, widthNow(width), 'room');
        const written = reopened || finish(debrief);
        // Each path on a line of its own, whole (a path broken across lines cannot be copied).
        if (again?.files) io.out(`${exportedAgainHeading(again)}\n${shownExportPaths(again.files)}\n`);
        else if (again) say(exportAgainFailedWords(again.inPlace, errorWords(again.error), 'opening the session in the full-screen app (without --plain) and pressing e there exports it'));
        // The last branch followed by mistake: u goes back to that decision, as from any before it.
        const back = backToDecision(view, past.length);
        // (Also where the summary could not be written: going back then loses nothing.)
        const undone = back !== undefined ? undoEnding(scenario, actor.getPersistedSnapshot()) : undefined;
        const last = undone ? roomBack({ past, decisions: log }) : undefined;
        if (back !== undefined && undone && last) {
          // Said once: "u: back to decision 2 (Back to decision 2: …)" named it twice, a sentence in brackets.
          // The debrief exported at this ending (in the full-screen app) goes back with the room and is
          // written again at the next ending, as the full-screen words say (backFromDebriefWords); said
          // of the summary alone, the file written again under it came as a surprise.
          // (Its folder taking no writes now, opened again read-only: written where the summary goes, exportAgain.)
          const exportNewIn = exported === undefined ? undefined : exportRewriteDir(exported, opts.env);
          const alsoExport = exported === undefined ? '' : exportNewIn === undefined ? ' The debrief exported at this ending is written again then too.'
            : ` The debrief exported at this ending cannot be written again in its folder, so it is then written to ${shownFileName(exportNewIn)} too.`;
          // Where the ending's summary cannot be written again (opened again read-only), where a new one goes.
          const newIn = endSummary === undefined ? undefined : summaryRewriteDir(endSummary, opts.env);
          say(`${backFromEndingWords(back, endSummary !== undefined ? (newIn !== undefined ? 'refused' : reopened && atReopen?.since === true ? 'written since' : 'written') : written ? 'not found' : 'failed', newIn === undefined ? undefined : shownFileName(newIn))}${alsoExport} Type u to go back; anything else, or Enter, finishes.`);
          const answer = await opts.readLine();
          if (answer?.trim().toLowerCase() === 'u') {
            reopened = false;
            actor.stop();
            actor = startSession(scenario, 'practice', undone);
            log.splice(0, log.length, ...last.decisions);
            past.splice(0, past.length, ...last.past);
            restore = last.current;
            shown = undefined;
            scenesBefore = undefined;
            say(`< Back to decision ${back}, with the room's votes there.`);
            // A decision with no words of its own, after the scene that set it up (the core's decisionSetup).
            printSetup(decisionSetup(scenario, actor.getPersistedSnapshot()), say);
            continue;
          }
        }
        if (!reopened && !elsewhere && roomSessionOnDisk(playable, opts.env)) {
          // Its command never broken inside (at 60 columns it was wrapped at a space): sayCommand.
          const words = finishedKeptWords(playable, opts.env);
          sayCommand(words.slice(0, words.length - command(newRoomSessionArgs(playable), opts.env).length).trimEnd(), sessionCommand(newRoomSessionArgs(playable)));
        }
        // The same code as the full-screen debrief gives (roomExitCode): 74 where the state folder
        // refused the session, from the start or part-way through (it was 0 then).
        return roomExitCode(written, opts.env);
      }
      // No "Introducing …" before a character's first line: on a projected screen (as the full-screen
      // session) the room sees what presenter mode's projector shows; w says who's who, as when playing.
      if (view.kind === 'scene') {
        // An untitled scene headed by its number (the core's sceneHeadingAt), as presenter mode and the full-screen session head it.
        // Counted whether or not it is printed as a number (a titled scene is a scene passed, as sceneNumberAt counts it).
        const sceneNumber = scenesBefore !== undefined ? scenesBefore + 1 : sceneNumberAt(scenario, actor.getPersistedSnapshot());
        printMoment(view, say, { meters: false, heading: sceneHeadingAt(scenario, actor.getPersistedSnapshot(), sceneNumber) });
        scenesBefore = sceneNumber;
        // A scene's own discussion prompt is the room's, as at a decision (presenter mode shows it too).
        if (view.discussionPrompt) say(`Discuss: ${view.discussionPrompt}`);
        actor.send({ type: 'scene.continue' });
        continue;
      }
      if (shown === view.nodeId) throw new Error('the session did not move on');
      const before = restore;
      restore = undefined;
      shown = view.nodeId;
      // The session is kept at this decision, once it is kept at all.
      keep(before ?? { votes: {}, revealed: false });
      if (setupFirst) printSetup(decisionSetup(scenario, actor.getPersistedSnapshot()), say);
      setupFirst = false;
      const back = backToDecision(view, past.length);
      const outcome = await decide(view, scenario, opts, say, before, (votes, revealed, wasRevealed) => keep({ votes: votesById(view, votes), revealed, ...(wasRevealed ? { wasRevealed } : {}) }), back, log.length, (revealed, wasRevealed) => printPeople(peopleMet(scenario, actor.getPersistedSnapshot(), { past, current: { revealed, wasRevealed } }), say));
      if (outcome.kind === 'back') {
        // The branch followed last is undone (the core's decision.undo and roomBack, as presenter
        // mode's "Back to decision N"): that decision again with its votes and reveal as they were.
        const last = roomBack({ past, decisions: log });
        if (!last) continue;
        actor.send({ type: 'decision.undo' });
        log.splice(0, log.length, ...last.decisions);
        past.splice(0, past.length, ...last.past);
        restore = last.current;
        shown = undefined;
        scenesBefore = undefined;
        say(`< Back to decision ${back ?? ''}, with the room's votes there.`);
        // A decision with no words of its own, after the scene that set it up (the core's decisionSetup).
        printSetup(decisionSetup(scenario, actor.getPersistedSnapshot()), say);
        continue;
      }
      const record = (chosen?: number): FacilitatedDecision => facilitatedDecision(view, votesById(view, outcome.votes), chosen);
      if (outcome.kind === 'start-over') {
        // The summary so far is written first (as q writes it), the kept session goes, and a new
        // session begins at the start, as presenter mode's Start over.
        // (Where the state folder cannot be written, to where e: export writes: roomSummaryDir.)
        if (log.length > 0 || outcome.votes.some((n) => n > 0)) {
          log.push(record());
          if (!finish()) {
            // Nothing the room did is dropped unsaid: the session stays as it was, and kept.
            log.pop();
            say(startOverFailedWords());
            restore = { votes: votesById(view, outcome.votes), revealed: outcome.revealed, ...(outcome.wasRevealed ? { wasRevealed: true } : {}) };
            shown = undefined;
            continue;
          }
        }
        if (exported !== undefined) io.out(`${exportTakenBackWords(exported.markdown, widthNow(width), opts.env)}\n`);
        exported = undefined;
        if (kept && !elsewhere) dropRoomSession(playable, opts.env);
        kept = false;
        carriedOn = false;
        // The new session's summaries are its own: never written over the one before's.
        sessionSummary = undefined;
        outOfDate = undefined;
        endSummary = undefined;
        sessionId = newSessionId();
        hold = holdRoomSession(playable, opts.env);
        elsewhere = false;
        actor.stop();
        actor = startFacilitation(scenario, sessionSeed(opts.env));
        log.length = 0;
        past.length = 0;
        shown = undefined;
        restore = undefined;
        scenesBefore = undefined;
        say();
        say('Starting the session over from the beginning.');
        continue;
      }
      if (outcome.kind !== 'branch') {
        say();
        // q stops a session that is kept to carry on (not "ended", which read as if it were over).
        say(outcome.kind === 'ended' ? 'Input ended before the session finished.' : 'Session stopped before its end.');
        // A session in which the room entered nothing leaves no empty summary file behind.
        if (log.length === 0 && !outcome.revealed && !outcome.votes.some((n) => n > 0)) {
          say(NOTHING_ENTERED_WORDS);
          return outcome.kind === 'ended' ? 1 : 0;
        }
        log.push(record());
        const written = finish();
        // Kept again with where its summary went (RoomProgress.summary): carried on from any folder, that file is written again.
        if (written && kept && !elsewhere) keepRoomSession(playable, actor.getPersistedSnapshot(), { past, current: { votes: votesById(view, outcome.votes), revealed: outcome.revealed, ...(outcome.wasRevealed ? { wasRevealed: true } : {}) }, ...keptBeside() }, hold, opts.env);
        if (exported !== undefined) io.out(`${exportTakenBackWords(exported.markdown, widthNow(width), opts.env)}\n`);
        if (elsewhere) say(ROOM_ELSEWHERE);
        else if (kept && roomSessionOnDisk(playable, opts.env)) sayCommand('To carry on with this session later:', sessionCommand(roomSessionArgs(playable)));
        // Written elsewhere (the state folder cannot be written, from the start or part-way through):
        // the session was not kept, 74 as full screen (roomExitCode); it was 0 refused part-way.
        return outcome.kind === 'ended' ? 1 : roomExitCode(written, opts.env);
      }
      const reply = view.replies[outcome.index];
      if (!reply) continue;
      log.push(record(reply.number));
      past.push({ votes: votesById(view, outcome.votes), revealed: outcome.revealed });
      say(`> The room follows ${reply.number}. ${pathReply(reply.text, reply.kind !== 'do')}`, '  ');
      actor.send({ type: 'reply.choose', replyId: reply.id });
    }
  } finally {
    for (const s of signals) process.removeListener(s, stopOnSignal);
    actor.stop();
  }
}

/** Votes typed in the replies' order, by reply id. */
function votesById(view: SessionView, counts: readonly number[]): Votes {
  return Object.fromEntries(view.replies.map((r, i) => [r.id, counts[i] ?? 0]));
}

/** The command that starts a trainer-led session of this scenario over. */

type Outcome = { votes: number[]; revealed: boolean; wasRevealed?: boolean } & ({ kind: 'branch'; index: number } | { kind: 'stopped' } | { kind: 'ended' } | { kind: 'back' } | { kind: 'start-over' });

/**
 * One decision: prompt, note and replies; votes; reveal; the room's branch. `before`: what the room
 * had entered here in a kept session; `changed`: told of every count and the reveal, to keep them.
 */
async function decide(view: SessionView, scenario: Scenario, opts: FacilitatePlainOptions, say: (t?: string, indent?: string) => void, before: RoomRound | undefined, changed: (votes: readonly number[], revealed: boolean, wasRevealed: boolean) => void, back?: number, decisions = 0, who?: (revealed: boolean, wasRevealed: boolean) => void): Promise<Outcome> {
  // u, said where the other commands are, when there is a decision to go back to.
  const orBack = back === undefined ? '' : `, u to go back to decision ${back}`;
  const n = view.replies.length;
  const votes: number[] = view.replies.map((r) => before?.votes[r.id] ?? 0);
  let next = 0;
  let revealed = false;
  // Revealed, then back to the votes (b): the room has seen every reply's feedback all the same.
  let wasRevealed = before?.wasRevealed === true;
  printMoment(view, say, { prompt: false, meters: false });
  if (view.discussionPrompt) say(`Discuss: ${view.discussionPrompt}`);
  // The facilitator note often gives the answer away: on a projected screen it waits for the reveal.
  printReplies(view, say);
  // A decision come back to already revealed (u) asks for the branch, not for votes.
  if (!before?.revealed) say(`Votes for reply 1 of ${n} (or all ${n} on one line; r to reveal):`);
  const tally = () => say(`Votes: ${view.replies.map((r, i) => `${r.number}: ${votes[i] ?? 0}`).join(' · ')}`);
  const reveal = () => {
    revealed = true;
    opts.io.out(`\n${revealText(revealData(scenario, view, votesById(view, votes)), widthNow(opts.width), view.replies)}\n\n`);
    if (view.facilitatorNote) say(`Facilitator note: ${view.facilitatorNote}`);
    say('Which reply does the room follow? Type its number (or its id).');
  };
  // Carried on from a kept session: the counts entered so far, or the reveal as it was.
  if (before?.revealed) reveal();
  else if (votes.some((c) => c > 0)) {
    tally();
    say('Type r to reveal, or new counts to correct them.');
  }
  for (;;) {
    const line = await opts.readLine();
    if (line === undefined) return { kind: 'ended', votes, revealed };
    const word = line.trim().toLowerCase();
    if (word === 'q') return { kind: 'stopped', votes, revealed };
    // Who's who, as when playing line by line: the votes and the reveal stay as they are. Whoever the
    // room has seen named in the feedback revealed is met (the core's peopleMet with the reveals).
    if (word === 'w' && who) {
      who(revealed, wasRevealed);
      // The replies and what to type next, again under the list (they stood above it): the counts or
      // the branch typed next are read against them.
      printReplies(view, say);
      if (revealed) say('Which reply does the room follow? Type its number (or its id).');
      else {
        if (votes.some((c) => c > 0)) tally();
        say(`Votes for reply ${next + 1} of ${n} (or all ${n} on one line; r to reveal):`);
      }
      continue;
    }
    if (word === 's') {
      // Asked first, saying what is lost (the core's words, as the full-screen app and presenter mode say them).
      const loss = roomLossWords(decisions, votes.some((n) => n > 0));
      const aside = roomSummaryDir(opts.env);
      const lost = loss === undefined ? '' : `${loss} will be lost; the summary so far is written first${aside === undefined ? '' : `, to ${shownFileName(aside)}, since the state folder cannot be written`}. `;
      say(`Start the session over from the beginning? ${lost}Type y to start over, anything else to carry on.`);
      const answer = await opts.readLine();
      if (answer === undefined) return { kind: 'ended', votes, revealed };
      if (answer.trim().toLowerCase() === 'y') return { kind: 'start-over', votes, revealed, wasRevealed };
      say('The session goes on.');
      continue;
    }
    if (word === 'u') {
      if (back === undefined) {
        say('There is no decision to go back to yet.');
        continue;
      }
      // Going back clears the votes entered here: asked first, as the full-screen app asks (a stray
      // u lost them unasked).
      const loss = backLossWords(votes.reduce((sum, c) => sum + c, 0));
      if (loss !== undefined) {
        say(`Go back to decision ${back}? ${loss} Type y to go back, anything else to stay.`);
        const answer = await opts.readLine();
        if (answer === undefined) return { kind: 'ended', votes, revealed };
        if (answer.trim().toLowerCase() !== 'y') {
          say(`Still at decision ${view.progress.decision}, with the room's votes.`);
          continue;
        }
      }
      return { kind: 'back', votes, revealed };
    }
    if (revealed && word === 'b') {
      // Back to the votes, as the full-screen app's b and presenter mode's "Back to the votes": the counts kept.
      revealed = false;
      wasRevealed = true;
      changed(votes, revealed, wasRevealed);
      tally();
      say('Back to the votes: type new counts, or r to reveal again.');
      continue;
    }
    if (revealed) {
      // Its number, or its id (as line-by-line play takes it: a trainer scripting a session from the file).
      const index = view.replies.findIndex((r) => String(r.number) === word || r.id === word);
      if (index >= 0 && view.replies[index]?.enabled) return { kind: 'branch', index, votes, revealed };
      // Why not, in the core's words (as the full-screen app and presenter mode say it).
      const closed = view.replies[index];
      say(closed ? unavailableWords(closed) : `Type the number of the reply the room follows (${view.replies.filter((r) => r.enabled).map((r) => r.number).join(', ')}) or its id, b to go back to the votes${orBack}, w for who's who, or q.`);
      continue;
    }
    if (word === 'r') {
      reveal();
      changed(votes, revealed, wasRevealed);
      continue;
    }
    const counts = word.split(/[\s,]+/).filter(Boolean);
    if (counts.every((c) => /^\d+$/.test(c)) && counts.some((c) => Number(c) > MAX_VOTES)) {
      say(`At most ${MAX_VOTES} votes per reply: type the count${counts.length === 1 ? '' : 's'} again.`);
      continue;
    }
    if (counts.length === 0 || !counts.every((c) => /^\d{1,4}$/.test(c)) || (counts.length !== 1 && counts.length !== n)) {
      // What was wrong first: a typo ("1O" for 10) and two counts for three replies were told the same.
      // (Said as typed: `word` is lower-cased.)
      // (An empty line, Enter alone, is not a word: it said '"" is not a count.'.)
      const notCount = line.trim().split(/[\s,]+/).find((c) => c !== '' && !/^\d{1,4}$/.test(c));
      const wrong = notCount !== undefined ? `"${[...notCount.replace(/\p{C}/gu, '')].slice(0, 20).join('')}" is not a count. ` : counts.length > 0 ? `${counts.length} counts for ${n} replies. ` : '';
      say(`${wrong}Type one count (for reply ${next + 1}), ${n} counts on one line, r to reveal${orBack}, w for who's who, or q.`);
      continue;
    }
    if (counts.length === n) counts.forEach((c, i) => (votes[i] = Number(c)));
    else {
      votes[next] = Number(counts[0]);
      next = (next + 1) % n;
    }
    changed(votes, revealed, wasRevealed);
    tally();
    say(counts.length === 1 && next !== 0 ? `Votes for reply ${next + 1} of ${n} (r to reveal):` : 'Type r to reveal, or new counts to correct them.');
  }
}
