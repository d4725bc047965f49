import { breaksCritical, changeWords, continueChoices, debriefModel, progressWords, decisionSetup, entryOf, finishPlaythrough, NO_ONE_MET, peopleMet, PRACTICE_IDLE_MS, practiceClock, resumeFailureLines, resumeOpening, newerSaveAt, NEWER_SAVE_MARK, saveKey, saveKeptInstead, sceneHeadingAt, sceneNumberAt, selectView, startSession, START_OVER_UNSAVED, unavailableWords, unknownReplyIdWords, pathReply, verdictLine, yourReply, yourReplyLabel, type Debrief, type PlayableScenario, type RunOrigin, type Scenario, type PersistedScenarioSnapshot, type SaveHold, type SetupMoment, type SessionActor, type SessionMode, type SessionView, type Voice, type Person } from '../machines/index.js';
import { loadCatalog } from './catalog-validate.js';
import { scenariosDir } from './paths.js';
import { leftOutNotice } from './scenario-files.js';
import type { CliIO } from './commands.js';
import { debriefPlain } from './debrief-plain.js';
import { command, commandName, otherStartValues, shellWord, testRunWords } from './invocation.js';
import { NO_UNDO_WORDS } from './keys.js';
import { NO_REPLY_UNSAVED, noReplyEndWords, readSaveFor, recordedLine, saveProgress, saveWaiting, setAsideDamagedSave, stateStore, unusableSaves } from './saves.js';
import { DAMAGED_SAVE_MARK, damagedSaveAt, noteFinish, OUTDATED_SAVE_MARK, notSavedWords, recordsNoticeLines, roomSessionMarks, roomSessionMarkWords } from './node/state-store.js';
import { sessionSeed } from './seed.js';
import { wrapKeepingDecisions, wrapWords } from './wrap.js';

/** What every line-by-line mode needs: input, output and the width to wrap at. */
export interface LineModeOptions {
  /** The scenario, or undefined to choose one from the bundled scenarios by number. */
  playable?: PlayableScenario;
  /** The next line of input, or undefined at end of input. */
  readLine: () => Promise<string | undefined>;
  io: CliIO;
  env: NodeJS.ProcessEnv;
  /** Columns to wrap at; a function is asked again for each paragraph (the window may be resized). */
  width: number | (() => number);
  /**
   * --plain was asked for (not line by line of itself, input piped): the commands named to go on
   * (resume, start over, carry a trainer-led session on) say it too; without it, in a terminal they
   * opened the full-screen app.
   */
  plainAsked?: boolean;
  /**
   * The terminal's width where stdout is one (undefined, or absent: a pipe or a file): a path longer
   * than it is named within the state folder (leavingPath), which the terminal broke mid-name; into
   * a pipe it stays whole, for scripts.
   */
  terminalWidth?: () => number | undefined;
}

/** Said where input ended before a reply was made or undone in this run (see saveAtEnd). */
export const INPUT_ENDED_UNSAVED = NO_REPLY_UNSAVED;

/** `args` as a command to go on line by line where --plain was asked for. */
export const plainArgs = (args: string, opts: Pick<LineModeOptions, 'plainAsked'>): string => (opts.plainAsked === true ? `${args} --plain` : args);

/** The width to wrap at now. */
export const widthNow = (width: LineModeOptions['width']): number => (typeof width === 'function' ? width() : width);

/** What the line-by-line practice mode needs. */
export interface PlainOptions extends LineModeOptions {
  mode: SessionMode;
  /** A snapshot to continue from (resume). */
  snapshot?: PersistedScenarioSnapshot;
  /** When the resumed playthrough started. */
  startedAt?: string;
  /** The practice time the resumed save stands for (the core's savedActiveMs). */
  activeMs?: number;
  /** The resumed save as read (the core's SaveHold): saved and finished only while no other terminal went on with it. */
  hold?: SaveHold;
  /**
   * How the run relates to its slot's save: 'continued' (resume), 'started-over' (--new), or
   * undefined to decide here: a save waiting is continued, and the volunteer is told so.
   */
  origin?: RunOrigin;
}

/** A printer that wraps each paragraph at the mode's width. */
export function sayer(io: CliIO, width: LineModeOptions['width']): (text?: string, indent?: string) => void {
  // "decision N" never broken at its space, whatever is said (wrapKeepingDecisions).
  return (text = '', indent = '') => io.out(`${wrapKeepingDecisions(text, widthNow(width), indent)}\n`);
}

/**
 * The plain mode: no cursor movement, no colour, one line of input per answer, so a scenario can
 * be scripted (`printf '1\n3\n' | casa-practice play x --plain`). Returns the exit code.
 */
export async function runPlain(opts: PlainOptions): Promise<number> {
  const say = sayer(opts.io, opts.width);
  // Picked from the list, the scenario can be put back (b) until the first reply is given.
  const fromList = !opts.playable;
  for (;;) {
    const playable = opts.playable ?? (await chooseScenario({ ...opts, marks: true }));
    if (playable === 'quit') return 0;
    if (!playable) return 1;
    const code = await playOne(playable, fromList, opts, say);
    if (code !== 'back') return code;
    say();
  }
}

/** A damaged save in the scenario's slot is moved aside before a new run can write over it, said on stderr (its file's path on a line of its own). */
function sayAside(playable: PlayableScenario, opts: PlainOptions): void {
  const aside = setAsideDamagedSave(playable, opts.env);
  if (aside) opts.io.err(`casa-practice: ${aside}\n`);
}

/** The run as it starts: a save waiting in the scenario's slot is continued unless the volunteer asked to start over. */
function continueOrStart(playable: PlayableScenario, opts: PlainOptions): { snapshot?: PersistedScenarioSnapshot; startedAt?: string; activeMs?: number; hold?: SaveHold; mode: SessionMode; origin: RunOrigin; notice?: string; playable?: PlayableScenario } {
  if (opts.origin !== undefined || opts.snapshot !== undefined) {
    const origin = opts.origin ?? 'continued';
    // --new: a save too damaged to read would be written over by the new run, unasked and unsaid.
    if (origin === 'started-over') sayAside(playable, opts);
    return { snapshot: opts.snapshot, startedAt: opts.startedAt, activeMs: opts.activeMs, ...(origin === 'continued' && opts.hold ? { hold: opts.hold } : {}), mode: opts.mode, origin };
  }
  const summary = saveWaiting(playable, opts.env);
  if (!summary) {
    sayAside(playable, opts);
    return { mode: opts.mode, origin: 'new' };
  }
  const found = readSaveFor(playable, summary.key, opts.env);
  if (found.kind !== 'ok') {
    if (found.kind === 'bad') opts.io.err(`casa-practice: ${resumeFailureLines(found.error, found.movedTo)}\n`);
    return { mode: opts.mode, origin: 'new' };
  }
  // Starting over is in the mode asked for (--assess kept): a save goes on in its own mode, which may be the other one.
  const assess = opts.mode === 'assessment' ? ' --assess' : '';
  // With the author's start it was opened with (--from, --set: a save slot of its own), quoted for a shell.
  const start = `${playable.from !== undefined ? ` --from ${shellWord(playable.from)}` : ''}${Object.entries(playable.set ?? {}).map(([k, v]) => ` --set ${shellWord(`${k}=${v}`)}`).join('')}${playable.preview === true ? ' --preview' : ''}`;
  const startOver = command(plainArgs(`play ${playable.bundled ? playable.scenario.id : shellWord(playable.file)}${start}${assess} --new`, opts), opts.env);
  const other = found.mode === opts.mode ? '' : ` This save is ${found.mode === 'practice' ? 'a practice run, so it goes on in practice, with feedback' : 'an assessment, so it goes on as one: no feedback until the debrief, and no undo'}.`;
  // A test's save begun with other --set values goes on with its own (readSaveFor), said with both.
  const values = otherStartValues(playable, found.playable);
  const continuing = continueChoices(summary).plainNotice;
  const said = values ? `${continuing.slice(0, -1)}, with the values it began with: ${values.saved} (you gave ${values.given} this time).` : continuing;
  const notice = `${said}${other} To start over ${values ? `with ${values.given} ` : ''}${found.mode === opts.mode ? 'instead' : `in ${opts.mode} instead`}: ${startOver}`;
  return { snapshot: found.snapshot, startedAt: found.startedAt, activeMs: found.activeMs, hold: found.hold, mode: found.mode, origin: 'continued', notice, playable: found.playable };
}

async function playOne(opened: PlayableScenario, fromList: boolean, opts: PlainOptions, say: Say): Promise<number | 'back'> {
  const { io } = opts;
  const run = continueOrStart(opened, opts);
  // The save's own (a test's save goes on with the --set values it began with).
  const playable = run.playable ?? opened;
  const { scenario } = playable;
  const actor = startSession(scenario, run.mode, run.snapshot, sessionSeed(opts.env));
  const startedAt = run.startedAt ?? new Date().toISOString();
  // Practice time: what a resumed save stands for, plus this sitting (never the time between sittings);
  // as in the web app, a sitting left without a line typed stops counting after PRACTICE_IDLE_MS.
  const clock = practiceClock(Date.now(), run.activeMs, false, { idleAfterMs: PRACTICE_IDLE_MS });
  const readLine = async () => {
    const line = await opts.readLine();
    clock.input(Date.now());
    return line;
  };
  const entry = entryOf(playable);
  say(`${entry.title} (about ${entry.minutes} min, ${run.mode} mode)`);
  // An author's test (--from, --set, --preview) says so from its start, not only in its debrief's last line.
  const test = testRunWords(playable);
  if (test) say(test.line);
  say(`Content note: ${entry.contentNote}`);
  // Its command (to start over) is not wrapped as words are (wrapText broke it at a space): see wrapWords.
  if (run.notice) io.out(`${wrapWords(run.notice, widthNow(opts.width), `${commandName(opts.env)} `)}\n`);
  else if (run.snapshot !== undefined) say('Continuing where you stopped.');
  // Only when there is a save to keep: --new with none (as in scripts) is simply a new run.
  else if (opts.origin === 'started-over' && saveWaiting(playable, opts.env) !== undefined) say(stateStore(opts.env).savingFailure() === undefined ? 'Starting over: your save is kept until you make your first reply.' : `Starting over: ${START_OVER_UNSAVED}.`);
  // The keys line after the recap stands apart from its last scene, as it stands apart from the
  // first scene on a new run: it ran on from "…she keeps it." as if the scene said it.
  if (run.snapshot !== undefined && printRecap(scenario, actor, say)) say();
  // Only the keys that do something here: assessment has no undo, and u only where there is a reply
  // to undo (a resumed run past one; a new run's first decision has none, and u there said only
  // "There is nothing to undo yet."), as the full-screen app's help line offers it; the loop says
  // when u comes to undo something (undo.said). Said again when an undo comes back to no reply at
  // all: b and q do there what they did before the first reply (which is far up the screen by then),
  // said as what they do from here (`again`).
  const undo = { said: run.mode === 'practice' && selectView(scenario, actor.getSnapshot()).canUndo };
  // A reply's id is taken too (playLoop), as play --help says: the hint named numbers alone (val-56).
  const keysLine = (again: boolean) => `Type a reply number (or its id from the scenario file) and press Enter. Also: ${fromList ? `b back to the scenarios (${again ? 'until you reply again' : 'before your first reply'}), ` : ''}${undo.said ? 'u undo, ' : ''}w who's who, ${quitHint(playable, run.origin, opts.env, again)}.`;
  say(keysLine(false));
  let saveFailed = false;
  // Whether a reply was made in this sitting: back at no reply after undoing them all, a save kept
  // instead is not said to be kept because no reply was made (the snapshot keeps no trace of them).
  // `changed`: a reply made or undone in this sitting, what input that ends keeps (saveAtEnd).
  const sitting = { replied: false, changed: false };
  const save = () => {
    const undone = sitting.replied && actor.getSnapshot().context.transcript.length === 0;
    // In a terminal, the save named as the full-screen app names it at that width: "Progress saved to:"
    // and the file on rows of its own where the line does not fit (it said "Progress saved to" over the
    // path, wrapped by the terminal mid-name). Piped, one line, as before.
    const columns = opts.terminalWidth?.() === undefined ? undefined : widthNow(opts.width);
    const saved = saveProgress(playable, actor.getPersistedSnapshot(), run.origin, opts.env, startedAt, clock.activeMs(Date.now()), run.hold, undone, plainArgs('resume', opts), columns);
    if (!saved.ok) saveFailed = true;
    // Wrapped without breaking a word (wrapWords): a path is left whole for the terminal to wrap, so
    // that it can be copied, and the command line to continue is kept on a line of its own.
    io.out(`${wrapWords(saved.message, widthNow(opts.width), `${commandName(opts.env)} `)}\n`);
  };
  // Input that ended (a pipe run dry, Ctrl-D), a signal or q before a reply was made or undone in
  // this sitting has nothing new to save: written, this run became the newest save, and `resume` and
  // the picker's R opened it rather than the playthrough really in progress (`echo | … play red-flags`).
  // Nothing is written then; a save this run continued is left as it was. Where saving writes
  // nothing anyway (started over, the earlier save kept; a newer version's save), save's words say so.
  const saveAtEnd = () => {
    const words = sitting.changed ? undefined : noReplyEndWords(playable, run.origin, opts.env, plainArgs('resume', opts), run.hold);
    if (words === undefined) return save();
    io.out(`${wrapWords(words, widthNow(opts.width), `${commandName(opts.env)} `)}\n`);
  };
  // Ctrl-C, a closed terminal window or SIGTERM: save as input that ends does (nothing written
  // before a reply is made or undone in this run), then leave at once.
  const stopOnSignal = (signal: NodeJS.Signals) => {
    try {
      // On a line of its own: the ^C the terminal echoed is still on the current one.
      io.out('\n');
      saveAtEnd();
    } catch {
      // the output is gone; the save was still attempted
    }
    process.exit(signal === 'SIGINT' ? 130 : signal === 'SIGHUP' ? 129 : 143);
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGHUP', 'SIGTERM'];
  for (const s of signals) process.once(s, stopOnSignal);
  try {
    const code = await playLoop(actor, playable, { ...opts, readLine, mode: run.mode, startedAt, hold: run.hold, canGoBack: fromList, sitting, undo, practiceMs: (now) => clock.activeMs(now.getTime()), keysLine: () => keysLine(true) }, say, save, saveAtEnd);
    return code === 0 && saveFailed ? 74 : code;
  } finally {
    for (const s of signals) process.removeListener(s, stopOnSignal);
    actor.stop();
  }
}

export type Say = (text?: string, indent?: string) => void;

/**
 * What q does, as the first hint says it, as the full-screen app's help line and quit question say
 * it: it saves and quits only where it saves. Where the state folder cannot be written nothing is
 * saved; a run that started over (or began anew beside a save that got further) keeps the earlier
 * save, not this run, until it has made a reply (the core's saveKeptInstead). It said "q save and
 * quit" in both, and q then said the playthrough was not kept, or the earlier save was.
 */
function quitHint(playable: PlayableScenario, origin: RunOrigin, env: NodeJS.ProcessEnv, again = false): string {
  const store = stateStore(env);
  if (store.savingFailure() !== undefined) return 'q quit (this playthrough cannot be saved)';
  // Beside a newer version's save (the core's newerSaveAt), q saves nothing: the notice above said why.
  if (origin !== 'continued' && newerSaveAt(store, saveKey(playable)) !== undefined) return 'q quit (this playthrough is not saved)';
  if (origin === 'continued' || saveKeptInstead(store, playable, 0, origin) === undefined) return 'q save and quit';
  // (Started over, the line before says the save is kept until the first reply; `again`: every
  // reply made was undone, and the next one is what q saves from.)
  return origin === 'started-over' ? `q quit (from your ${again ? 'next' : 'first'} reply on: save and quit)` : 'q quit (your earlier save is kept until this run gets further; from then on: save and quit)';
}

/** Prints a finished session's debrief as text and returns it. */
export function printDebrief(scenario: Scenario, output: unknown, io: CliIO, width: number, voice: Voice = 'you', mode: SessionMode = 'practice'): Debrief {
  const debrief = output as Debrief;
  io.out(`\n${debriefPlain(debriefModel(scenario, debrief), width, voice, mode)}`);
  return debrief;
}

async function playLoop(actor: SessionActor, playable: PlayableScenario, opts: PlainOptions & { canGoBack: boolean; sitting: { replied: boolean; changed: boolean }; undo: { said: boolean }; practiceMs: (now: Date) => number; keysLine: () => string }, say: Say, save: () => void, saveAtEnd: () => void): Promise<number | 'back'> {
  const { scenario } = playable;
  let shownNode: string | undefined;
  // A reply made, not all undone since: b (back to the scenarios) goes back only before it.
  let replied = false;
  // Set by an undo: the decision gone back to is printed again with the scene that set it up, when it
  // has no words of its own (the core's decisionSetup): that scene is far up the screen by now.
  let withSetup = false;
  // The scenes passed from the start before the moment the loop stands at, carried forward from
  // scene to scene (each untitled one is headed "Scene N" by its number). Undefined until worked
  // out once by replaying the playthrough (the core's sceneNumberAt): at the start (a resumed save
  // stands anywhere) and after an undo. Replaying at every scene made a long chain quadratic.
  let scenesBefore: number | undefined;
  for (;;) {
    const snapshot = actor.getSnapshot();
    const view = selectView(scenario, snapshot);
    if (view.done) {
      const store = stateStore(opts.env);
      const now = new Date();
      // A continued run finishes only while it holds its save (see the core's SaveHold).
      const details = { mode: opts.mode, startedAt: opts.startedAt, activeMs: opts.practiceMs(now), randomBytes: (bytes: Uint8Array) => crypto.getRandomValues(bytes), finishedSnapshot: actor.getPersistedSnapshot(), hold: opts.hold };
      const finished = finishPlaythrough(store, playable, printDebrief(scenario, snapshot.output, opts.io, widthNow(opts.width), 'you', opts.mode), now, details);
      noteFinish(finished, opts.env);
      const notice = finished && 'notice' in finished ? recordsNoticeLines(finished) : undefined;
      if (notice) opts.io.err(`casa-practice: ${notice}\n`);
      const recorded = recordedLine(finished, opts.env, playable);
      if (recorded) {
        say();
        say(recorded);
      }
      // Only the records file refused the write (a state folder that cannot be written at all was
      // said at the start): say this playthrough is not in them, as the full-screen debrief does.
      if (store.lostWrites() && store.savingFailure() === undefined) {
        const words = notSavedWords(opts.env);
        if (words) opts.io.err(`casa-practice: ${words}\n`);
      }
      return store.lostWrites() ? 74 : 0;
    }
    // This scene's number in the playthrough (counted whether or not it is printed, as sceneNumberAt counts every scene passed).
    const sceneNumber = view.kind !== 'scene' ? undefined : scenesBefore !== undefined ? scenesBefore + 1 : sceneNumberAt(scenario, actor.getPersistedSnapshot());
    if (shownNode !== view.nodeId) {
      if (withSetup) printSetup(decisionSetup(scenario, actor.getPersistedSnapshot()), say);
      withSetup = false;
      // An untitled scene headed by its number in the playthrough ("Scene 2", the core's sceneHeadingAt),
      // as "Before this" and "Where you left off" head it later: it had no heading while it was read.
      printMoment(view, say, { heading: view.kind === 'scene' ? sceneHeadingAt(scenario, actor.getPersistedSnapshot(), sceneNumber) : undefined });
      shownNode = view.nodeId;
    }
    if (view.kind === 'scene') {
      scenesBefore = sceneNumber;
      actor.send({ type: 'scene.continue' });
      // A turn of the event loop between scenes, which wait for no input here: Ctrl-C or SIGTERM is
      // handled (saved, then quit) at the next scene, and the output drains. Without it a file with a
      // long chain of scenes (5,000, from a generator or a damaged file) ran through them in one go
      // for minutes, deaf to both, as no decision asked for a line.
      await new Promise<void>((resolve) => setImmediate(resolve));
      continue;
    }
    const enabled = view.replies.filter((r) => r.enabled);
    // Practice's u, once it has a reply to undo and the keys said last did not offer it (the first
    // reply of a new run, the first after undoing them all).
    const canUndo = opts.mode === 'practice' && view.canUndo;
    if (canUndo && !opts.undo.said) {
      say('You can now type u to undo your last reply.');
      opts.undo.said = true;
    }
    const answer = await opts.readLine();
    if (answer === undefined) {
      say();
      say('Input ended before the scenario finished.');
      saveAtEnd();
      return 1;
    }
    const word = answer.trim().toLowerCase();
    // Before a reply is made or undone in this run there is nothing new to save: q writes nothing,
    // as input that ends does (saveAtEnd), and a save this run continued stays as it was. (Where
    // nothing can be saved, q says why, as its hint and the full-screen app's question do.)
    if (word === 'q') {
      if (stateStore(opts.env).savingFailure() === undefined) saveAtEnd();
      else save();
      return 0;
    }
    if (word === 'b' && opts.canGoBack && !replied) return 'back';
    // Who's who: the people met so far in this story (the core's peopleMet), none met later.
    if (word === 'w') {
      printPeople(peopleMet(scenario, actor.getPersistedSnapshot()), say);
      printReplies(view, say);
      continue;
    }
    if (word === 'u') {
      if (!view.canUndo) say(opts.mode === 'assessment' ? NO_UNDO_WORDS : 'There is nothing to undo yet.');
      else {
        actor.send({ type: 'decision.undo' });
        opts.sitting.changed = true;
        say('Undone: back to the previous decision.');
        // Back to no reply at all: the keys again, b and q as they were before the first reply (started
        // over, q quits and keeps the earlier save again; it said "from your first reply on: save and
        // quit"). b goes back to the scenarios again, as before the first reply: nothing is lost by it.
        if (actor.getSnapshot().context.transcript.length === 0) {
          replied = false;
          // (Without u: nothing is left to undo. It is offered again after the next reply.)
          opts.undo.said = false;
          say(opts.keysLine());
        }
        shownNode = undefined;
        withSetup = true;
        // Back at an earlier decision: the count is worked out again at the next scene.
        scenesBefore = undefined;
      }
      continue;
    }
    // A reply's number as shown, or its id from the file: the numbers follow the shuffled order,
    // so an author scripting a path (printf 'd1-glad\nd2-plan\n' | … --plain) types ids.
    const reply = view.replies.find((r) => String(r.number) === word) ?? view.replies.find((r) => r.id === word);
    if (!reply || !reply.enabled) {
      // The other keys that work here: b before the first reply, u in practice with a reply to undo, w, q.
      const keys = [...(opts.canGoBack && !replied ? ['b'] : []), ...(canUndo ? ['u'] : []), 'w'];
      // An id-shaped answer gets this decision's ids in practice only: ids can name the answer (the
      // room's phones never see them), and an assessment must not list them before the debrief.
      const idHelp = opts.mode === 'practice' ? unknownReplyIdWords(word, view.replies) : undefined;
      say(reply ? unavailableWords(reply) : idHelp ?? `Please type a number from the list (${enabled.map((r) => r.number).join(', ')}), a reply id, ${keys.length > 0 ? `${keys.join(', ')} ` : ''}or q.`);
      continue;
    }
    say(`> ${reply.number}. ${yourReplyLabel(reply.kind)}: ${reply.text}`, '  ');
    actor.send({ type: 'reply.choose', replyId: reply.id });
    replied = true;
    opts.sitting.replied = true;
    opts.sitting.changed = true;
    const after = selectView(scenario, actor.getSnapshot());
    if (after.lastFeedback) printFeedback(after.lastFeedback, say);
  }
}

/**
 * A resumed decision does not open bare: the last reply and the scenes since, before it. A practice
 * session saved on a scene a reply led to (the app saves there, its feedback up or just read) gets
 * the same before the scene, the feedback included (the core's resumeOpening).
 */
function printRecap(scenario: Scenario, actor: SessionActor, say: Say): boolean {
  const recap = resumeOpening(scenario, actor.getPersistedSnapshot());
  if (!recap) return false;
  say();
  say('Where you left off:');
  // Its wrapped rows indented, as the live run's "> 2. You: …" and the feedback under it (they began
  // at the margin, like the narration of the scenes below).
  // As the live run echoed it ("> 2. You do: …"; the core's yourReply).
  if (recap.lastReply) say(yourReply(recap.lastReply, recap.lastReplyKind, ['"', '"']), '  ');
  // Its feedback, as printed after the reply (practice only): the volunteer may have quit there.
  if (recap.lastFeedback) printFeedback(recap.lastFeedback, say);
  recap.scenes.forEach((scene, i) => {
    // A blank row before each, as printMoment sets out the live scene and the full-screen recap its
    // scenes (they ran together, and into the feedback); none right under the heading.
    if (i > 0 || recap.lastReply) say();
    // Headed as it was while on screen (its title, or "Scene 2": the core's sceneHeading).
    say(`-- ${scene.heading} --`);
    if (scene.narration) say(scene.narration);
    for (const line of scene.lines) saySpoken(line, say);
    // What leaving the scene changed in the meters, as printMoment said it under the live scene.
    for (const c of scene.changes) say(changeWords(c));
  });
  return true;
}

/**
 * A spoken line as every plain printer says it: 'Name (role): "…"', its wrapped rows indented under
 * the name (as the room's controls did alone), so that a long line's second row is not taken for
 * narration.
 */
export function saySpoken(line: { speaker: string; role?: string; text: string }, say: Say): void {
  say(`${line.speaker}${line.role ? ` (${line.role})` : ''}: "${line.text}"`, '  ');
}

/**
 * A decision's setup (the core's decisionSetup), before it is asked again: "Before this:" and each
 * scene under its heading (its title, or "Scene 2" when untitled: an untitled one had none).
 */
export function printSetup(scenes: readonly SetupMoment[], say: Say): void {
  if (scenes.length === 0) return;
  say();
  say('Before this:');
  scenes.forEach((scene, i) => {
    // A blank row between scenes, as the recap sets them apart (untitled ones ran together).
    if (i > 0) say();
    say(`-- ${scene.heading} --`);
    if (scene.narration) say(scene.narration);
    for (const line of scene.lines) saySpoken(line, say);
  });
}

/**
 * A scene or decision as text: heading, meters, narration, lines, and for a decision the prompt and
 * replies. A trainer-led session leaves the meters and their changes out (`meters: false`), as its
 * full-screen, presenter and projector views do: the room follows the story and its votes.
 */
export function printMoment(view: SessionView, say: Say, { prompt: showPrompt = true, meters = true, heading }: { prompt?: boolean; meters?: boolean; heading?: string } = {}): void {
  say();
  if (view.kind === 'decision') say(`-- ${progressWords(view)}${view.title ? `: ${view.title}` : ''} --`);
  // `heading`: a scene's heading (the core's sceneHeadingAt: an untitled one "Scene 3" by its number
  // in the playthrough), as presenter mode, the web's play page, "Before this" and the recaps head it.
  else if (heading ?? view.title) say(`-- ${heading ?? view.title} --`);
  // Meters go under a decision's heading or a titled scene's: an untitled scene ("Scene 3") between
  // a reply and the next decision would print the same meter twice (the reply's feedback has just
  // said what changed).
  if (meters && (view.kind === 'decision' || view.title)) for (const m of view.meters) say(`[${m.label}: ${m.value} of ${m.max}]`);
  if (view.narration) say(view.narration);
  for (const line of view.lines) saySpoken(line, say);
  // What continuing from a scene changes in the meters (practice mode), as a reply's feedback says it.
  if (meters) for (const c of view.sceneChanges) say(changeWords(c));
  if (view.kind !== 'decision' || !showPrompt) return;
  printReplies(view, say);
}

/** A decision's question and its numbered replies (again after who's who, which stood between them and the answer). */
export function printReplies(view: SessionView, say: Say): void {
  say(view.prompt);
  for (const r of view.replies) say(`  ${r.number}. ${pathReply(r.text, r.kind !== 'do')}${r.enabled ? '' : ' (not available now)'}`, '     ');
}

/** Who's who, line by line: each person met so far with their role and the scenario's sentence about them. */
export function printPeople(people: readonly Person[], say: Say): void {
  say();
  say('Who\'s who (the people you have met so far):');
  if (people.length === 0) say(`  ${NO_ONE_MET}`, '  ');
  for (const p of people) say(`  ${p.name}${p.role ? ` (${p.role})` : ''}${p.description ? `: ${p.description}` : ''}`, '    ');
  say();
}

function printFeedback(f: NonNullable<SessionView['lastFeedback']>, say: Say): void {
  say(`Feedback: ${f.feedback}`, '  ');
  for (const a of f.assessments) say(`  ${verdictLine({ ...a, critical: breaksCritical(a) })}`, '    ');
  for (const c of f.changes) say(`  ${changeWords(c)}`);
}

/** Under a line-by-line list with a trainer-led session marked: what opening it does there. */
export const ROOM_MARKS_PLAIN = 'A scenario marked (in progress) carries on its trainer-led session, one marked (finished) shows its debrief; each then names the command that starts a new session.';

/**
 * Lists the bundled scenarios (`dir`: another folder, for tests) and reads a number; 'quit' for q,
 * undefined when input ends (after saying so). `marks`: a volunteer's saves marked; `roomMarks`: a
 * trainer-led session kept marked, as the full-screen picker marks it (line by line, opening one
 * carries it on or shows its debrief without asking: unmarked, a trainer who meant a new session
 * found the last one's votes carried on).
 */
export async function chooseScenario(opts: Pick<PlainOptions, 'io' | 'width' | 'readLine'> & { env?: NodeJS.ProcessEnv; marks?: boolean; roomMarks?: boolean; dir?: string }): Promise<PlayableScenario | 'quit' | undefined> {
  const say = sayer(opts.io, opts.width);
  const listing = loadCatalog(opts.dir);
  const catalog = listing.entries;
  // The files left out (errors, not JSON, unreadable), as the full-screen picker names them: a file
  // with errors was dropped from this list without a word. Wrapped without breaking a word, so that
  // the validate command and its paths can be copied.
  const leftOut = leftOutNotice(listing.leftOut, scenariosDir(), (args) => command(args, opts.env));
  const sayLeftOut = (out: (text: string) => void) => leftOut && out(`${wrapWords(leftOut, widthNow(opts.width), `${commandName(opts.env)} `)}\n`);
  if (catalog.length === 0) {
    opts.io.err('casa-practice: no valid scenarios found.\n');
    sayLeftOut(opts.io.err);
    return undefined;
  }
  say('Scenarios:');
  // Scenarios with a save are marked (opening one continues it); one a newer version wrote is marked as that (opening it cannot continue it).
  const saved = (c: (typeof catalog)[number]) => opts.marks === true && c.playable !== undefined && saveWaiting(c.playable, opts.env) !== undefined;
  const newer = (c: (typeof catalog)[number]) => opts.marks === true && c.playable !== undefined && newerSaveAt(stateStore(opts.env), saveKey(c.playable)) !== undefined;
  // One too damaged to continue is marked as the full-screen picker marks it (opening it sets the save aside and starts anew).
  const damaged = (c: (typeof catalog)[number]) => opts.marks === true && c.playable !== undefined && damagedSaveAt(stateStore(opts.env), saveKey(c.playable));
  // One whose save cannot be continued once replayed (made with another edit of the scenario, its
  // values edited) is marked as what it is: "(saved)" said that opening it continued it.
  const savedFiles = new Set(catalog.filter(saved).map((c) => c.file));
  const unusable = savedFiles.size > 0 ? unusableSaves(catalog, savedFiles, opts.env) : new Map<string, 'outdated' | 'damaged'>();
  const mark = (c: (typeof catalog)[number]) => {
    const why = unusable.get(c.file);
    if (why !== undefined) return ` ${why === 'outdated' ? OUTDATED_SAVE_MARK : DAMAGED_SAVE_MARK}`;
    return savedFiles.has(c.file) ? ' (saved)' : newer(c) ? ` ${NEWER_SAVE_MARK}` : damaged(c) ? ` ${DAMAGED_SAVE_MARK}` : '';
  };
  // Wrapped rows hang under the title, after "10. " as after "9. ".
  const rooms = opts.roomMarks === true ? roomSessionMarks(opts.env ?? process.env, catalog) : undefined;
  catalog.forEach((c, i) => say(`  ${i + 1}. ${c.title}${mark(c)}${roomSessionMarkWords(rooms?.get(c.file))} (about ${c.minutes} min): ${c.summary}`, ' '.repeat(`  ${i + 1}. `.length)));
  if (rooms !== undefined && rooms.size > 0) say(ROOM_MARKS_PLAIN);
  sayLeftOut(opts.io.out);
  for (;;) {
    say('Scenario number (q to quit):');
    const line = await opts.readLine();
    if (line === undefined) {
      say('Input ended before a scenario was chosen.');
      return undefined;
    }
    if (line.trim().toLowerCase() === 'q') return 'quit';
    const entry = catalog[Number(line.trim()) - 1];
    if (entry?.playable && /^\d+$/.test(line.trim())) return entry.playable;
    say(`Please type a number from 1 to ${catalog.length}, or q to quit.`);
  }
}
