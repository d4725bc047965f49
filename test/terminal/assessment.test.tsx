import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { selectView, startSession } from '../../src/machines/index.js';
import { scenarioFilesIn } from '../../src/terminal/scenario-files.js';
import { loadPlayable } from '../../src/terminal/scenario-source.js';
import { sessionSeed } from '../../src/terminal/seed.js';
import { appElement, KEY, press, renderApp, renderAt, tempEnv, throughEnding } from './helpers/ink.js';
import { BUNDLED, rows } from './helpers/layout.js';
import { playElement } from './helpers/play.js';

afterEach(() => cleanup());

describe('assessment mode in the Ink app', () => {
  it('plays from the picker to the debrief with no feedback and no undo until the debrief', async () => {
    const { element } = appElement({ env: tempEnv(), mode: 'assessment' });
    const r = await renderApp(element);
    const { lastFrame } = r;
    await press(r, '1', KEY.enter);
    expect(lastFrame()).toContain('assessment (feedback at the end)');
    expect(lastFrame()).not.toContain('u: undo');
    await press(r, '2');
    // Straight on to the next moment: no feedback panel, no trust change shown as feedback.
    expect(lastFrame()).not.toContain('Feedback');
    expect(lastFrame()).toContain('Someone gave it to me');
    const scene = lastFrame();
    // No undo in assessment: the key undoes nothing and says why, above the key hints (as line by line says it).
    await press(r, 'u');
    expect(lastFrame()).toContain('Someone gave it to me');
    expect(lastFrame()).toContain('Undo is not available in assessment mode.');
    expect(lastFrame()).not.toBe(scene);
    // The next key takes the words away again.
    await press(r, KEY.enter);
    expect(lastFrame()).toContain('Decision 2 of about 2');
    expect(lastFrame()).not.toContain('Undo is not available');
    await press(r, 'u');
    expect(lastFrame()).toContain('Decision 2 of about 2');
    expect(lastFrame()).toContain('Undo is not available in assessment mode.');
    await press(r, '2');
    expect(await throughEnding(r)).toContain('Crossing a line');
    const debrief = lastFrame() ?? '';
    expect(debrief).toContain('Debrief: Example: the new phone');
    // It says it was an assessment (as the web app's debrief and the exports do).
    expect(debrief).toContain('Assessment mode. Added to your records:');
    expect(debrief).toContain('Ending: Crossing a line (harmful)');
    expect(debrief).toContain('Outcome: Needs review · ░░░░░░░░░░ 0% (6 points below zero, of 4 possible)');
    // Critical violations come first, before the principle table.
    expect(debrief).toContain('Critical violations: 1');
    expect(debrief.indexOf("! Don't investigate")).toBeGreaterThan(-1);
    expect(debrief.indexOf("! Don't investigate")).toBeLessThan(debrief.indexOf('Principles'));
    await press(r, KEY.tab);
    expect(lastFrame()).toContain('✗ violates Curious, not interrogating');
    // Shift+Tab goes back a tab (it went forward, tab 4 → 1, like Tab).
    await press(r, '\u001b[Z');
    expect(lastFrame()).toContain('[1 Summary]');
    await press(r, '\u001b[Z');
    expect(lastFrame()).toContain('[4 To work on]');
  });


  it('its debrief, reopened later from the picker (d), still says it was an assessment', async () => {
    const env = tempEnv();
    const r = await renderApp(appElement({ env, mode: 'assessment' }).element);
    await press(r, '1', KEY.enter, '2', KEY.enter, '2');
    expect(await throughEnding(r)).toContain('Crossing a line');
    r.unmount();
    // A picker opened without --assess: the mode comes from the kept debrief.
    const p = await renderApp(appElement({ env }).element);
    await press(p, 'd');
    expect(p.lastFrame()).toContain('Debrief: Example: the new phone');
    expect(p.lastFrame()?.replace(/\s+/g, ' ')).toContain('Assessment mode. Your last debrief of this scenario, from');
  });
});

describe('a reply key pressed twice in an assessment', () => {
  const T0 = Date.parse('2026-11-20T18:00:00Z');
  /** court-report in `mode` at its first decision, with the clock (Date only) held at T0 for the test to move. */
  async function atFirstDecision(mode: 'practice' | 'assessment') {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(T0);
    const playable = loadPlayable(`${BUNDLED}/court-report.json`);
    if ('problems' in playable) throw new Error(playable.problems);
    const r = await renderApp(appElement({ env: tempEnv(), mode, start: { kind: 'play', playable, showNote: false } }).element);
    await press(r, KEY.enter);
    expect(r.lastFrame()).toMatch(/Decision 1 of about/);
    return r;
  }
  afterEach(() => {
    vi.useRealTimers();
  });

  // A key pressed twice (150–300 ms apart) answered the decision the first press brought, unseen,
  // and in an assessment nothing takes a reply back. The web app refuses it the same way.
  it('does not answer the decision the first press brought, says so, and a moment later the key answers it', async () => {
    const r = await atFirstDecision('assessment');
    await press(r, '1');
    expect(r.lastFrame()).toMatch(/Decision 2 of about/);
    const decision2 = r.lastFrame();
    vi.setSystemTime(T0 + 200);
    await press(r, '1');
    expect(r.lastFrame()).toMatch(/Decision 2 of about/);
    expect((r.lastFrame() ?? '').replace(/\s+/g, ' ')).toContain('That key was pressed again as this decision appeared, so it did not answer it');
    vi.setSystemTime(T0 + 1_200);
    await press(r, '1');
    expect(r.lastFrame()).not.toBe(decision2);
    expect(r.lastFrame()).not.toMatch(/Decision 2 of about|pressed again/);
  });

  it('in practice (which has undo), the second press answers the next decision as before', async () => {
    const r = await atFirstDecision('practice');
    await press(r, '1', KEY.enter);
    expect(r.lastFrame()).toMatch(/Decision 2 of about/);
    vi.setSystemTime(T0 + 200);
    await press(r, '1');
    expect(r.lastFrame()).toContain('Feedback on your reply');
  });
});

describe('the status line at 60 columns', () => {
  /** Each bundled scenario at 60 columns in a mode (an assessment at its first decision): its file, its rows, and the status rows above the trust meter. */
  async function statusesAt60(mode: 'practice' | 'assessment') {
    const env = tempEnv();
    const out: { file: string; frame: string[]; status: string[] }[] = [];
    for (const file of scenarioFilesIn(BUNDLED)) {
      const playable = loadPlayable(file);
      if ('problems' in playable) throw new Error(playable.problems);
      const actor = startSession(playable.scenario, mode, undefined, sessionSeed(env));
      if (mode === 'assessment') while (selectView(playable.scenario, actor.getSnapshot()).kind === 'scene') actor.send({ type: 'scene.continue' });
      const r = await renderAt(playElement({ playable, actor, env, mode }), 60);
      const frame = rows(r.lastFrame() ?? '');
      out.push({ file, frame, status: frame.slice(0, frame.findIndex((row) => row.includes('trust'))) });
      r.unmount();
    }
    return out;
  }

  it('breaks between its parts (title · step · mode), never starting a row with "·", in every bundled scenario', async () => {
    const all = await statusesAt60('assessment');
    for (const { file, frame, status } of all) {
      expect(frame.filter((row) => row.trimStart().startsWith('·')), file).toEqual([]);
      // The parts are whole, each on one row where it fits: in full, or "· assessment" in the short form a screen short of rows draws.
      expect(status.some((row) => row.includes('assessment (feedback at the end)') || row.endsWith(' · assessment')), file).toBe(true);
      expect(status.some((row) => /Decision 1 of about \d+/.test(row)), file).toBe(true);
    }
    // Some titles are too long to share a row at 60 columns: the test saw a break.
    expect(all.filter(({ status }) => status.length > 1).length).toBeGreaterThan(0);
  });

  it('in practice, keeps "practice" beside the step, the break after the title, in every bundled scenario', async () => {
    const all = await statusesAt60('practice');
    for (const { file, status } of all) {
      expect(status.map((row) => row.trim()), file).not.toContain('practice');
      expect(status.some((row) => /(About \d+ decisions ahead|Decision 1 of about \d+) · practice$/.test(row)), file).toBe(true);
    }
    expect(all.filter(({ status }) => status.length > 1).length).toBeGreaterThan(0);
  });
});
