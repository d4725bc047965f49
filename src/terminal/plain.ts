import { debriefModel, entryOf, finishPlaythrough, resumeRecap, selectView, startSession, VERDICT_WORDS, type Debrief, type PlayableScenario, type Scenario, type PersistedScenarioSnapshot, type SessionActor, type SessionMode, type SessionView, type Voice } from '../machines/index.js';
import { loadCatalog } from './catalog-validate.js';
import type { CliIO } from './commands.js';
import { debriefPlain } from './debrief-plain.js';
import { stateStore, writeSave } from './saves.js';
import { sessionSeed } from './seed.js';
import { wrapText } from './wrap.js';

/** What every line-by-line mode needs: input, output and the width to wrap at. */
export interface LineModeOptions {
  /** The scenario, or undefined to choose one from the bundled scenarios by number. */
  playable?: PlayableScenario;
  /** The next line of input, or undefined at end of input. */
  readLine: () => Promise<string | undefined>;
  io: CliIO;
  env: NodeJS.ProcessEnv;
  width: number;
}

/** What the line-by-line practice mode needs. */
export interface PlainOptions extends LineModeOptions {
  mode: SessionMode;
  /** A snapshot to continue from (resume). */
  snapshot?: PersistedScenarioSnapshot;
  /** When the resumed playthrough started. */
  startedAt?: string;
}

/** A printer that wraps each paragraph at the mode's width. */
export function sayer(io: CliIO, width: number): (text?: string, indent?: string) => void {
  return (text = '', indent = '') => io.out(`${wrapText(text, width, indent)}\n`);
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
    const playable = opts.playable ?? (await chooseScenario(opts));
    if (!playable) return 1;
    const code = await playOne(playable, fromList, opts, say);
    if (code !== 'back') return code;
    say();
  }
}

async function playOne(playable: PlayableScenario, fromList: boolean, opts: PlainOptions, say: Say): Promise<number | 'back'> {
  const { io } = opts;
  const { scenario } = playable;
  const actor = startSession(scenario, opts.mode, opts.snapshot, sessionSeed(opts.env));
  const startedAt = opts.startedAt ?? new Date().toISOString();
  const entry = entryOf(playable);
  say(`${entry.title} (about ${entry.minutes} min, ${opts.mode} mode)`);
  say(`Content note: ${entry.contentNote}`);
  if (opts.snapshot !== undefined) {
    say('Continuing where you stopped.');
    printRecap(scenario, actor, say);
  }
  say(`Type a reply number and press Enter. Also: ${fromList ? 'b back to the scenarios (before your first reply), ' : ''}u undo (practice mode), q save and quit.`);
  const save = () => {
    const path = writeSave(playable, actor.getPersistedSnapshot(), opts.env, startedAt);
    // Not wrapped: a path broken across lines cannot be copied.
    io.out(`Progress saved to ${path}\nContinue with: casa-practice resume\n`);
  };
  // Ctrl-C, a closed terminal window or SIGTERM: save, then leave at once.
  const stopOnSignal = (signal: NodeJS.Signals) => {
    try {
      save();
    } catch {
      // the output is gone; the save was still attempted
    }
    process.exit(signal === 'SIGINT' ? 130 : signal === 'SIGHUP' ? 129 : 143);
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGHUP', 'SIGTERM'];
  for (const s of signals) process.once(s, stopOnSignal);
  try {
    return await playLoop(actor, playable, { ...opts, canGoBack: fromList }, say, save);
  } finally {
    for (const s of signals) process.removeListener(s, stopOnSignal);
    actor.stop();
  }
}

type Say = (text?: string, indent?: string) => void;

/** Prints a finished session's debrief as text and returns it. */
export function printDebrief(scenario: Scenario, output: unknown, io: CliIO, width: number, voice: Voice = 'you'): Debrief {
  const debrief = output as Debrief;
  io.out(`\n${debriefPlain(debriefModel(scenario, debrief), width, voice)}`);
  return debrief;
}

async function playLoop(actor: SessionActor, playable: PlayableScenario, opts: PlainOptions & { canGoBack: boolean }, say: Say, save: () => void): Promise<number | 'back'> {
  const { scenario } = playable;
  let shownNode: string | undefined;
  let replied = false;
  for (;;) {
    const snapshot = actor.getSnapshot();
    const view = selectView(scenario, snapshot);
    if (view.done) {
      const notice = finishPlaythrough(stateStore(opts.env), playable, printDebrief(scenario, snapshot.output, opts.io, opts.width))?.notice;
      if (notice) opts.io.err(`casa-practice: ${notice}\n`);
      return 0;
    }
    if (shownNode !== view.nodeId) {
      printMoment(view, say);
      shownNode = view.nodeId;
    }
    if (view.kind === 'scene') {
      actor.send({ type: 'scene.continue' });
      continue;
    }
    const enabled = view.replies.filter((r) => r.enabled);
    const answer = await opts.readLine();
    if (answer === undefined) {
      say();
      say('Input ended before the scenario finished.');
      save();
      return 1;
    }
    const word = answer.trim().toLowerCase();
    if (word === 'q') {
      save();
      return 0;
    }
    if (word === 'b' && opts.canGoBack && !replied) return 'back';
    if (word === 'u') {
      if (!view.canUndo) say(opts.mode === 'assessment' ? 'Undo is not available in assessment mode.' : 'There is nothing to undo yet.');
      else {
        actor.send({ type: 'decision.undo' });
        say('Undone: back to the previous decision.');
        shownNode = undefined;
      }
      continue;
    }
    const reply = view.replies.find((r) => String(r.number) === word);
    if (!reply || !reply.enabled) {
      say(reply ? 'That reply is not available right now.' : `Please type a number from the list (${enabled.map((r) => r.number).join(', ')}), ${opts.canGoBack && !replied ? 'b, ' : ''}u or q.`);
      continue;
    }
    say(`> ${reply.number}. You${reply.kind === 'do' ? ' do' : ''}: ${reply.text}`, '  ');
    actor.send({ type: 'reply.choose', replyId: reply.id });
    replied = true;
    const after = selectView(scenario, actor.getSnapshot());
    if (after.lastFeedback) printFeedback(after.lastFeedback, say);
  }
}

/** A resumed decision does not open bare: the last reply and the scenes since, before it. */
function printRecap(scenario: Scenario, actor: SessionActor, say: Say): void {
  if (selectView(scenario, actor.getSnapshot()).kind !== 'decision') return;
  const recap = resumeRecap(scenario, actor.getPersistedSnapshot());
  if (!recap.lastReply && recap.scenes.length === 0) return;
  say();
  say('Where you left off:');
  if (recap.lastReply) say(`Your last reply: "${recap.lastReply}"`);
  for (const scene of recap.scenes) {
    if (scene.title) say(`-- ${scene.title} --`);
    if (scene.narration) say(scene.narration);
    for (const line of scene.lines) say(`${line.speaker}${line.role ? ` (${line.role})` : ''}: "${line.text}"`);
  }
}

/** A scene or decision as text: heading, meters, narration, lines, and for a decision the prompt and replies. */
export function printMoment(view: SessionView, say: Say, showPrompt = true): void {
  say();
  if (view.kind === 'decision') say(`-- Decision ${view.progress.decision} of about ${view.progress.about}${view.title ? `: ${view.title}` : ''} --`);
  else if (view.title) say(`-- ${view.title} --`);
  for (const m of view.meters) say(`[${m.label}: ${m.value} of ${m.max}]`);
  if (view.narration) say(view.narration);
  for (const line of view.lines) say(`${line.speaker}${line.role ? ` (${line.role})` : ''}: "${line.text}"`);
  if (view.kind !== 'decision' || !showPrompt) return;
  say(view.prompt);
  for (const r of view.replies) say(`  ${r.number}. ${r.kind === 'do' ? '[do] ' : ''}${r.text}${r.enabled ? '' : ' (not available now)'}`, '     ');
}

function printFeedback(f: NonNullable<SessionView['lastFeedback']>, say: Say): void {
  say(`Feedback: ${f.feedback}`, '  ');
  for (const a of f.assessments) say(`  ${VERDICT_WORDS[a.verdict]}: ${a.title} (${a.citation})`, '    ');
  for (const c of f.changes) say(`  ${c.label}: ${c.from} → ${c.to}`);
}

/** Lists the bundled scenarios and reads a number; undefined when input ends. */
export async function chooseScenario(opts: Pick<PlainOptions, 'io' | 'width' | 'readLine'>): Promise<PlayableScenario | undefined> {
  const say = (text = '', indent = '') => opts.io.out(`${wrapText(text, opts.width, indent)}\n`);
  const catalog = loadCatalog().entries;
  if (catalog.length === 0) {
    opts.io.err('casa-practice: no valid scenarios found.\n');
    return undefined;
  }
  say('Scenarios:');
  catalog.forEach((c, i) => say(`  ${i + 1}. ${c.title} (about ${c.minutes} min): ${c.summary}`, '     '));
  for (;;) {
    say('Scenario number:');
    const line = await opts.readLine();
    if (line === undefined) return undefined;
    const entry = catalog[Number(line.trim()) - 1];
    if (entry?.playable && /^\d+$/.test(line.trim())) return entry.playable;
    say(`Please type a number from 1 to ${catalog.length}.`);
  }
}
