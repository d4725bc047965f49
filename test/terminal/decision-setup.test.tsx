import { basename, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { selectView, startSession, writeFacilitation, type PersistedScenarioSnapshot } from '../../src/machines/index.js';
import type { PlayableScenario } from '../../src/terminal/scenario-source.js';
import { stateStore } from '../../src/terminal/node/state-store.js';
import { scenarioFilesIn } from '../../src/terminal/scenario-files.js';
import { loadPlayable } from '../../src/terminal/scenario-source.js';
import { appElement, KEY, pastRecap, press, renderAt, tap, tempEnv } from './helpers/ink.js';
import { BUNDLED } from './helpers/layout.js';
import { playElement } from './helpers/play.js';
import { sessionAfter } from '../helpers/play.js';
import { setupSaves } from '../helpers/setup-saves.js';
import { setupRows } from '../../src/terminal/tall-rows.js';

afterEach(cleanup);

// testifying's decision 5 has no words of its own: "What do you say to Mr. Dunn?" asks about his
// line in the scene before it. Opened other than from that scene (an undo back to it, a resume's
// recap), it was drawn bare, and the volunteer had to answer a line no longer on the screen.
const DUNN = 'Mr. Dunn (placement staff member): “Yep, he\'s on here.';

/** testifying played by reply ids to the next decision after them (scenes continued). */
function testifying(replies: readonly string[]) {
  const playable = loadPlayable(join(BUNDLED, 'testifying.json'));
  if ('problems' in playable) throw new Error(playable.problems);
  return { playable, actor: sessionAfter(playable.scenario, replies) };
}

/**
 * Each bundled file's scenario and its saves at the decisions with no words of its own (setupSaves),
 * worked out once for the file's tests: the walk to every decision, a fresh session per reply, ran
 * again in each of them (eight times for testifying). The saves are only read (startSession and
 * writeFacilitation copy from them).
 */
const bundledSetups = new Map<string, { playable: PlayableScenario; saves: ReturnType<typeof setupSaves> }>();
function withSetupSaves(file: string) {
  let found = bundledSetups.get(file);
  if (!found) {
    const playable = loadPlayable(file);
    if ('problems' in playable) throw new Error(playable.problems);
    bundledSetups.set(file, (found = { playable, saves: setupSaves(playable.scenario) }));
  }
  return found;
}

/** The frame's rows as drawn (the last row of Ink's output is the cursor's). */
const rowsOf = (frame: string) => frame.replace(/\n$/, '').split('\n');

describe('a decision with no words of its own, opened without its scene', () => {
  it('after u back to it, shows the scene before it under "Before this:", at 60×24 with every reply and the keys', async () => {
    const { playable, actor } = testifying(['d1-scary', 'd2-around', 'd3-team', 'd4-arrange', 'd5-theirs']);
    expect(String(actor.getSnapshot().value)).toBe('d6-message');
    const r = await renderAt(playElement({ playable, actor, env: tempEnv() }), 60, 24);
    expect(r.lastFrame()).not.toContain('Mr. Dunn');
    await press(r, 'u');
    const frame = r.lastFrame();
    expect(frame).toContain('Decision 5 of');
    expect(frame).toContain('Before this:');
    expect(frame).toContain(DUNN);
    // The setup comes before the decision's question, and the replies and keys are all still there.
    expect(frame.indexOf(DUNN)).toBeLessThan(frame.indexOf('What do you say to Mr. Dunn?'));
    for (const text of ['Hm, I had the 14th.', 'I have the 14th from Ms. Ibarra.', 'Oh, you\'d know better than me']) expect(frame).toContain(text);
    expect(frame).toContain('u: undo');
    expect(rowsOf(frame).length).toBeLessThanOrEqual(23);
    // Answered, the next decision opens as it always does: the setup was for the decision undone to.
    await press(r, '1', KEY.enter);
    expect(r.lastFrame()).not.toContain('Before this:');
  });

  it('after a resume\'s "Where you left off", Enter opens it with its scene', async () => {
    const { playable, actor: played } = testifying(['d1-scary', 'd2-around', 'd3-team', 'd4-arrange']);
    const actor = startSession(playable.scenario, 'practice', played.getPersistedSnapshot() as PersistedScenarioSnapshot);
    const r = await renderAt(playElement({ playable, actor, env: tempEnv(), resumed: true }), 60, 24);
    expect(r.lastFrame()).toContain('Where you left off');
    await pastRecap(r);
    const frame = r.lastFrame();
    expect(frame).toContain('What do you say to Mr. Dunn?');
    expect(frame).toContain('Before this:');
    expect(frame).toContain(DUNN);
    expect(rowsOf(frame).length).toBeLessThanOrEqual(23);
  });

  // Session 47: before-relapse's untitled s1-triggers sets up d2-triggers. Under "Before this:" it had
  // no heading (a live room heads it "Scene 2", the core's decisionSetup heading now gives every UI).
  it('an untitled scene under "Before this:" is headed "Scene 2" by its number in the playthrough, at 60×24', async () => {
    const playable = loadPlayable(join(BUNDLED, 'before-relapse.json'));
    if ('problems' in playable) throw new Error(playable.problems);
    const actor = sessionAfter(playable.scenario, ['d1-yours', 'd2-list']);
    const r = await renderAt(playElement({ playable, actor, env: tempEnv() }), 60, 24);
    await press(r, 'u');
    const rows = rowsOf(r.lastFrame()).map((row) => row.trim());
    const at = rows.indexOf('Before this:');
    expect(at, r.lastFrame()).toBeGreaterThanOrEqual(0);
    expect(rows[at + 1], r.lastFrame()).toBe('Scene 2');
    expect(rows[at + 2], r.lastFrame()).toMatch(/^Rina shrugs and pulls/);
    expect(r.lastFrame()).toContain('Do you bring up what could go wrong?');
    expect(rows.length).toBeLessThanOrEqual(23);
  });

  // Session 47, later: the play screen drew that scene with no heading while it was on screen, and
  // "Where you left off" too, so a volunteer who undid or resumed found "Scene 2" under "Before
  // this:" for a scene they had read with none. Each is headed by the core's sceneHeading now.
  it('that untitled scene is headed "Scene 2" on screen too (60×24, whole with its keys), and in "Where you left off" (120×40)', async () => {
    const playable = loadPlayable(join(BUNDLED, 'before-relapse.json'));
    if ('problems' in playable) throw new Error(playable.problems);
    const actor = startSession(playable.scenario, 'practice', undefined, 7);
    actor.send({ type: 'scene.continue' });
    actor.send({ type: 'reply.choose', replyId: 'd1-yours' });
    expect(String(actor.getSnapshot().value)).toBe('s1-triggers');
    const r = await renderAt(playElement({ playable, actor, env: tempEnv() }), 60, 24);
    const live = rowsOf(r.lastFrame()).map((row) => row.trim());
    const at = live.indexOf('Scene 2');
    expect(at, r.lastFrame()).toBeGreaterThan(0);
    expect(live[at + 1], r.lastFrame()).toMatch(/^Rina shrugs and pulls/);
    expect(r.lastFrame()).toContain('case file.”');
    expect(r.lastFrame()).toContain('Enter: continue');
    expect(live.length).toBeLessThanOrEqual(23);
    // Saved at the decision it sets up, and resumed: the recap heads it the same.
    await press(r, KEY.enter);
    expect(r.lastFrame()).toContain('Do you bring up what could go wrong?');
    const resumed = startSession(playable.scenario, 'practice', actor.getPersistedSnapshot() as PersistedScenarioSnapshot);
    const again = await renderAt(playElement({ playable, actor: resumed, env: tempEnv(), resumed: true }), 120, 40);
    const recap = rowsOf(again.lastFrame()).map((row) => row.trim());
    expect(recap).toContain('Where you left off');
    const there = recap.indexOf('Scene 2');
    expect(there, again.lastFrame()).toBeGreaterThan(recap.indexOf('Where you left off'));
    expect(recap[there + 1], again.lastFrame()).toMatch(/^Rina shrugs and pulls/);
  });

  it('is drawn bare when played straight from its scene, which was just on the screen', async () => {
    const { playable, actor } = testifying(['d1-scary', 'd2-around', 'd3-team']);
    const r = await renderAt(playElement({ playable, actor, env: tempEnv() }), 60, 24);
    await press(r, '3');
    await press(r, KEY.enter);
    expect(r.lastFrame()).toContain(DUNN);
    await press(r, KEY.enter);
    expect(r.lastFrame()).toContain('What do you say to Mr. Dunn?');
    expect(r.lastFrame()).not.toContain('Before this:');
  });
});


describe('every bundled decision with no words of its own', () => {
  it('opened after a resume\'s recap at 60×24: its setup first, then its question, every reply and the keys, within the window', async () => {
    let checked = 0;
    for (const file of scenarioFilesIn(BUNDLED)) {
      const { playable, saves } = withSetupSaves(file);
      for (const [nodeId, save] of saves) {
        const r = await renderAt(playElement({ playable, actor: startSession(playable.scenario, 'practice', save), env: tempEnv(), resumed: true }), 60, 24);
        await pastRecap(r);
        const frame = r.lastFrame();
        const where = `${basename(file)} ${nodeId}`;
        const view = selectView(playable.scenario, startSession(playable.scenario, 'practice', save).getSnapshot());
        expect(frame, where).toContain('Before this:');
        expect(frame, where).toContain((view.prompt ?? '').slice(0, 20));
        for (const reply of view.replies) expect(frame, where).toContain(reply.text.slice(0, 15));
        expect(frame, where).toMatch(/q: (save & )?quit/);
        expect(rowsOf(frame).length, where).toBeLessThanOrEqual(23);
        r.unmount();
        checked++;
      }
    }
    // The finding counted 46 such decisions in the bundled scenarios; 43 are reached with a setup on the first path found here.
    expect(checked).toBeGreaterThanOrEqual(40);
  }, 120_000);
});

describe('trainer-led, going back (u) to a decision with no words of its own', () => {
  /** testifying led by a trainer at columns×rows to decision 6, then u and b: decision 5 with its votes again. */
  async function backToDecision5(columns: number, rows: number) {
    const playable = loadPlayable(join(BUNDLED, 'testifying.json'));
    if ('problems' in playable) throw new Error(playable.problems);
    const r = await renderAt(appElement({ env: tempEnv(), start: { kind: 'facilitate', playable } }).element, columns, rows);
    await press(r, KEY.enter);
    // Each decision's first reply followed (r, 1), each scene gone on from, to decision 6.
    for (let i = 0; i < 40 && !r.lastFrame().includes('Decision 6 of'); i++) {
      if (/Decision \d of/.test(r.lastFrame())) await press(r, 'r', '1');
      else await press(r, KEY.enter);
    }
    expect(r.lastFrame()).toContain('Decision 6 of');
    expect(r.lastFrame()).not.toContain('Mr. Dunn');
    await press(r, 'u');
    // Back at decision 5 as the room left it (revealed); b goes back to its votes, drawn with its setup.
    await press(r, 'b');
    return r.lastFrame();
  }

  it('draws it with the scene that set it up, at 60×24: the end of the setup above its title and Discuss prompt, the start a PgUp away', async () => {
    const frame = await backToDecision5(60, 24);
    expect(frame).toContain('Decision 5 of');
    expect(frame.replace(/\s+/g, ' ')).toContain('Mr. Dunn (placement staff member): “Yep, he\'s on here.');
    expect(frame, frame).toMatch(/↑ \d+ more above \(PgUp\)/);
    expect(frame.indexOf('Mr. Dunn')).toBeLessThan(frame.indexOf('The 21st'));
    expect(frame.replace(/\s+/g, ' ')).toContain('Discuss: Two things are off on this call. Which ones are yours to deal with, and how?');
    expect(frame).toMatch(/votes: 0/);
    expect(rowsOf(frame).length).toBeLessThanOrEqual(23);
  });

  it('at 120×40: a blank row under the heading, and one (not two) between the setup and the decision\'s title', async () => {
    const frame = await backToDecision5(120, 40);
    const rows = rowsOf(frame).map((row) => row.trim());
    expect(rows, frame).toContain('Before this:');
    // And a blank row between the heading and "Before this:", as above the title with no setup and
    // as the play screen has it (the dim heading stood right under "Decision 5 of about 7").
    expect(rows[rows.indexOf('Before this:') - 1], frame).toBe('');
    expect(rows[rows.indexOf('Before this:') - 2], frame).toMatch(/Decision 5 of/);
    // The decision's own title, after the setup's last words: one blank row above it, not two.
    const title = rows.indexOf('The 21st');
    expect(title, frame).toBeGreaterThan(rows.indexOf('Before this:'));
    expect(rows[title - 1]).toBe('');
    expect(rows[title - 2], frame).toMatch(/him for you\?”$/);
  });
});

describe('trainer-led, a kept session carried on at a decision with no words of its own', () => {
  it('opens it with the scene that set it up, at 60×24', async () => {
    const playable = loadPlayable(join(BUNDLED, 'testifying.json'));
    if ('problems' in playable) throw new Error(playable.problems);
    const env = tempEnv();
    const first = await renderAt(appElement({ env, start: { kind: 'facilitate', playable } }).element, 60, 24);
    await press(first, KEY.enter);
    for (let i = 0; i < 40 && !first.lastFrame().includes('Decision 5 of'); i++) {
      if (/Decision \d of/.test(first.lastFrame())) await press(first, 'r', '1');
      else await press(first, KEY.enter);
    }
    expect(first.lastFrame()).toContain('Decision 5 of');
    await press(first, 'q');
    await tap(first, 'y');
    first.unmount();
    const again = await renderAt(appElement({ env, start: { kind: 'facilitate', playable } }).element, 60, 24);
    for (let i = 0; i < 3 && !again.lastFrame().includes('Decision 5 of'); i++) await press(again, KEY.enter);
    const frame = again.lastFrame();
    expect(frame).toContain('Decision 5 of');
    expect(frame).toContain('Mr. Dunn (placement staff member)');
    expect(frame).toContain('The 21st');
    expect(frame).toContain('Discuss:');
    expect(rowsOf(frame).length).toBeLessThanOrEqual(23);
    // Its start is a PgUp away, "Before this:" and all; PgDn goes back to the decision's prompt.
    await press(again, '\u001b[5~');
    expect(again.lastFrame()).toContain('Before this:');
    expect(rowsOf(again.lastFrame()).length).toBeLessThanOrEqual(23);
    await press(again, '\u001b[6~');
    expect(again.lastFrame()).toContain('Discuss:');
  });
});

// From the terminal walkthrough (session 43): "Before this:" ran one scene's last line straight into
// the next scene's title ("…another hearing in three weeks." then "A closed door"), where the recap
// and the live play set scenes apart with a blank row.
describe('"Before this:" with two scenes', () => {
  it('sets a blank row between them, and one before the decision', () => {
    const scene = (heading: string, narration: string) => ({ heading, narration, lines: [], changes: [] });
    const rows = setupRows([scene('The next hearing', 'Another hearing in three weeks.'), scene('A closed door', 'Rithy is in his room.')], 60)
      .map((row) => row.map((c) => c.text).join(''));
    expect(rows).toEqual(['Before this:', 'The next hearing', 'Another hearing in three weeks.', '', 'A closed door', 'Rithy is in his room.', '']);
  });
});

// From the terminal walkthrough (session 44): a trainer-led decision with no words of its own,
// opened with its setup at 60×24 (a kept session carried on, u back to it), drew the setup first and
// its title and "Discuss:" below the fold: the trainer pausing the room for discussion had to PgDn
// to show the question. The window onto the moment now opens with the decision's title and prompt
// in view, the end of the setup above them, and its start a PgUp away.
describe('trainer-led, every bundled decision with no words of its own carried on at', () => {
  /** A kept session of `playable` at the decision `save` stands at, with no votes entered (every decision before followed after a reveal). */
  function keptAt(playable: PlayableScenario, save: PersistedScenarioSnapshot, env: NodeJS.ProcessEnv) {
    const turns = (save as unknown as { context: { transcript: unknown[] } }).context.transcript.length;
    writeFacilitation(stateStore(env), playable, save, { past: Array.from({ length: turns }, () => ({ votes: {}, revealed: true })), current: { votes: {}, revealed: false } });
  }

  it.each([[60, 24], [80, 24], [120, 40]])('at %i×%i: the title and the whole Discuss prompt on the first screen, every reply, the keys, within the window', async (columns, height) => {
    let checked = 0;
    for (const file of scenarioFilesIn(BUNDLED)) {
      const { playable, saves } = withSetupSaves(file);
      for (const [nodeId, save] of saves) {
        const env = tempEnv();
        keptAt(playable, save, env);
        const view = selectView(playable.scenario, startSession(playable.scenario, 'practice', save).getSnapshot());
        const r = await renderAt(appElement({ env, start: { kind: 'facilitate', playable } }).element, columns, height);
        for (let i = 0; i < 3 && !r.lastFrame().includes(`Decision ${view.progress.decision} of`); i++) await press(r, KEY.enter);
        const frame = r.lastFrame();
        const where = `${basename(file)} ${nodeId} at ${columns}×${height}\n${frame}`;
        const flat = frame.replace(/\s+/g, ' ');
        expect(frame, where).toContain(`Decision ${view.progress.decision} of`);
        if (view.title) expect(flat, where).toContain(view.title);
        if (view.discussionPrompt) expect(flat, where).toContain(`Discuss: ${view.discussionPrompt}`.replace(/\s+/g, ' '));
        // The setup's end, at least, is still there above the decision (its start a PgUp away at most).
        expect(frame, where).toMatch(/Before this:|more above \(PgUp\)/);
        for (const reply of view.replies) expect(frame, where).toContain(reply.text.slice(0, 15));
        expect(frame, where).toMatch(/q: end/);
        expect(rowsOf(frame).length, where).toBeLessThanOrEqual(height - 1);
        r.unmount();
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(40);
  }, 180_000);

  /** Testifying's kept trainer-led session carried on at decision 5 (d5-date, opened with its setup), at this size. */
  async function testifyingAtDecision5(columns: number, height: number) {
    const { playable, saves } = withSetupSaves(join(BUNDLED, 'testifying.json'));
    const save = saves.get('d5-date');
    if (!save) throw new Error('no save at d5-date');
    const env = tempEnv();
    keptAt(playable, save, env);
    const r = await renderAt(appElement({ env, start: { kind: 'facilitate', playable } }).element, columns, height);
    for (let i = 0; i < 3 && !r.lastFrame().includes('Decision 5 of'); i++) await press(r, KEY.enter);
    return r;
  }

  it('held there through a resize (120×40 to 60×24 and back), until PgUp scrolls it; a resize then keeps the place read', async () => {
    const r = await testifyingAtDecision5(120, 40);
    expect(r.lastFrame()).toContain('Before this:');
    await r.resize(60, 24);
    expect(r.lastFrame()).toContain('Discuss:');
    expect(r.lastFrame()).toContain('The 21st');
    expect(rowsOf(r.lastFrame()).length).toBeLessThanOrEqual(23);
    await r.resize(120, 40);
    await r.resize(60, 24);
    expect(r.lastFrame()).toContain('Discuss:');
    // Scrolled, the window stays where the trainer put it.
    await press(r, '\u001b[5~');
    expect(r.lastFrame()).toContain('Before this:');
    await r.resize(80, 24);
    await r.resize(60, 24);
    expect(r.lastFrame()).toContain('Before this:');
  });

  // Walked in tmux (term3-44): testifying's decision 5 carried on at 60×24 opened with its title and
  // Discuss prompt in view under "↑ N more above (PgUp)"; PgUp then PgDn came back to another view of
  // the same end: "↑ N+1 more above" and an "(end)" row, a row of the decision pushed out of the window.
  it('PgUp then PgDn comes back to the very view it opened with, at 60×24 and 120×40', async () => {
    for (const [columns, height] of [[60, 24], [120, 40]] as const) {
      const r = await testifyingAtDecision5(columns, height);
      const opened = r.lastFrame();
      expect(opened).toContain('Discuss:');
      expect(opened).not.toContain('(end)');
      await press(r, '\u001b[5~');
      expect(r.lastFrame()).toContain('Before this:');
      await press(r, '\u001b[6~');
      expect(r.lastFrame()).toBe(opened);
      // And PgUp from there moves as it did from the opening view.
      await press(r, '\u001b[5~');
      expect(r.lastFrame()).toContain('Before this:');
      r.unmount();
    }
  });

  // Walked in tmux (verfinalterm-44): testifying's decision 5 carried on at 60×24, PgUp then PgDn (the
  // opening view again), then a count typed (the heading takes a second row, "3 votes entered") left
  // the Discuss prompt cut after "Which ones are", under "↓ 1 more below (PgDn)": the window scrolled
  // to its end kept its offset as it shrank, and was no longer at its end.
  it('scrolled back to its end, a count typed keeps the decision\'s title and whole Discuss prompt in view', async () => {
    for (const [columns, height] of [[60, 24], [120, 40]] as const) {
      const r = await testifyingAtDecision5(columns, height);
      await press(r, '\u001b[5~');
      await press(r, '\u001b[6~');
      await press(r, '3');
      const frame = r.lastFrame();
      expect(frame).toMatch(/· 3 votes/);
      expect(frame.replace(/\s+/g, ' ')).toContain('The 21st Discuss: Two things are off on this call. Which ones are yours to deal with, and how?');
      expect(frame).not.toContain('more below');
      expect(frame).not.toContain('(end)');
      // PgUp then PgDn comes back to this view.
      await press(r, '\u001b[5~');
      await press(r, '\u001b[6~');
      expect(r.lastFrame()).toBe(frame);
      r.unmount();
    }
  });
});
