import { entryOf, facilitatedDecision, revealData, selectView, startFacilitation, type Debrief, type FacilitatedDecision, type Scenario, type SessionView, type Votes } from '../machines/index.js';
import { writeSessionSummary } from './export.js';
import { revealText } from './reveal-text.js';
import { sessionSeed } from './seed.js';
import { chooseScenario, printDebrief, printMoment, sayer, type LineModeOptions } from './plain.js';

/** What the line-by-line trainer-led session needs. */
export type FacilitatePlainOptions = LineModeOptions;

/**
 * `--facilitate` without a terminal: at each decision the prompt and facilitator note are printed,
 * the room's votes are read as one line (`3 5 0`) or one count per line, `r` reveals every reply's
 * feedback side by side, then the number of the branch the room follows. The same Markdown session
 * summary is written at the end (or when input ends or `q` stops the session early).
 */
export async function runFacilitatePlain(opts: FacilitatePlainOptions): Promise<number> {
  const { io, width } = opts;
  const say = sayer(io, width);
  const playable = opts.playable ?? (await chooseScenario(opts));
  if (playable === 'quit') return 0;
  if (!playable) return 1;
  const { scenario } = playable;
  const actor = startFacilitation(scenario, sessionSeed(opts.env));
  const log: FacilitatedDecision[] = [];
  const entry = entryOf(playable);
  say(`Trainer-led session: ${entry.title} (about ${entry.minutes} min)`);
  say(`Content note: ${entry.contentNote}`);
  say('A trainer-led session is not saved as it goes: q ends it and writes a summary of the votes so far.');
  say('At each decision type the room\'s votes, one count per reply on a line (e.g. 3 5 0) or one count per line; r reveals every reply\'s feedback and the facilitator note; then type the number of the reply the room follows. q ends the session.');
  const finish = (debrief?: Debrief) => {
    const path = writeSessionSummary(scenario, log, debrief, opts.env);
    // Not wrapped: a path broken across lines cannot be copied.
    io.out(`Session summary written to ${path}\n`);
  };
  // A closed terminal window or SIGTERM: the summary so far is written, then the session ends.
  const stopOnSignal = (signal: NodeJS.Signals) => {
    try {
      writeSessionSummary(scenario, log, undefined, opts.env);
    } catch {
      // nothing more can be done once the state folder is gone too
    }
    process.exit(signal === 'SIGHUP' ? 129 : 143);
  };
  const signals: NodeJS.Signals[] = ['SIGHUP', 'SIGTERM'];
  for (const s of signals) process.once(s, stopOnSignal);
  try {
    let shown: string | undefined;
    for (;;) {
      const snapshot = actor.getSnapshot();
      const view = selectView(scenario, snapshot);
      if (view.done) {
        finish(printDebrief(scenario, snapshot.output, io, width, 'room'));
        return 0;
      }
      if (view.kind === 'scene') {
        printMoment(view, say);
        actor.send({ type: 'scene.continue' });
        continue;
      }
      if (shown === view.nodeId) throw new Error('the session did not move on');
      shown = view.nodeId;
      const outcome = await decide(view, scenario, opts, say);
      const record = (chosen?: number): FacilitatedDecision => facilitatedDecision(view, votesById(view, outcome.votes), chosen);
      if (outcome.kind !== 'branch') {
        log.push(record());
        say();
        say(outcome.kind === 'ended' ? 'Input ended before the session finished.' : 'Session ended.');
        finish();
        return outcome.kind === 'ended' ? 1 : 0;
      }
      const reply = view.replies[outcome.index];
      if (!reply) continue;
      log.push(record(reply.number));
      say(`> The room follows ${reply.number}. ${reply.text}`, '  ');
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

type Outcome = { votes: number[] } & ({ kind: 'branch'; index: number } | { kind: 'stopped' } | { kind: 'ended' });

/** One decision: prompt, note and replies; votes; reveal; the room's branch. */
async function decide(view: SessionView, scenario: Scenario, opts: FacilitatePlainOptions, say: (t?: string, indent?: string) => void): Promise<Outcome> {
  const n = view.replies.length;
  const votes: number[] = Array(n).fill(0);
  let next = 0;
  let revealed = false;
  printMoment(view, say, false);
  if (view.discussionPrompt) say(`Discuss: ${view.discussionPrompt}`);
  // The facilitator note often gives the answer away: on a projected screen it waits for the reveal.
  say(view.prompt);
  for (const r of view.replies) say(`  ${r.number}. ${r.kind === 'do' ? '[do] ' : ''}${r.text}${r.enabled ? '' : ' (not available now)'}`, '     ');
  say(`Votes for reply 1 of ${n} (or all ${n} on one line; r to reveal):`);
  const tally = () => say(`Votes: ${view.replies.map((r, i) => `${r.number}: ${votes[i] ?? 0}`).join(' · ')}`);
  for (;;) {
    const line = await opts.readLine();
    if (line === undefined) return { kind: 'ended', votes };
    const word = line.trim().toLowerCase();
    if (word === 'q') return { kind: 'stopped', votes };
    if (revealed) {
      const index = view.replies.findIndex((r) => String(r.number) === word);
      if (index >= 0 && view.replies[index]?.enabled) return { kind: 'branch', index, votes };
      say(index >= 0 ? 'That reply is not available right now.' : `Type the number of the reply the room follows (${view.replies.filter((r) => r.enabled).map((r) => r.number).join(', ')}), or q.`);
      continue;
    }
    if (word === 'r') {
      revealed = true;
      opts.io.out(`\n${revealText(revealData(scenario, view, votesById(view, votes)), opts.width)}\n\n`);
      if (view.facilitatorNote) say(`Facilitator note: ${view.facilitatorNote}`);
      say('Which reply does the room follow? Type its number.');
      continue;
    }
    const counts = word.split(/[\s,]+/).filter(Boolean);
    if (counts.length === 0 || !counts.every((c) => /^\d{1,4}$/.test(c)) || (counts.length !== 1 && counts.length !== n)) {
      say(`Type one count (for reply ${next + 1}), ${n} counts on one line, r to reveal, or q.`);
      continue;
    }
    if (counts.length === n) counts.forEach((c, i) => (votes[i] = Number(c)));
    else {
      votes[next] = Number(counts[0]);
      next = (next + 1) % n;
    }
    tally();
    say(counts.length === 1 && next !== 0 ? `Votes for reply ${next + 1} of ${n} (r to reveal):` : 'Type r to reveal, or new counts to correct them.');
  }
}
