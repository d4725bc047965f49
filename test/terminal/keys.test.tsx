import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readRecords } from '../../src/machines/index.js';
import { stateStore } from '../../src/terminal/node/state-store.js';
import { keysIn, typeNumber } from '../../src/terminal/keys.js';
import { appElement, KEY, press, renderApp, renderAt, settle, tap, tempEnv, throughEnding } from './helpers/ink.js';
import { BUNDLED } from './helpers/layout.js';

afterEach(() => cleanup());

/** Picker → content note → the first decision of the example scenario. */
async function firstDecision(env = tempEnv()) {
  const app = appElement({ env });
  const r = await renderApp(app.element);
  await press(r, '1', KEY.enter);
  expect(r.lastFrame()).toContain('Decision 1 of about 2');
  return { r, env, exit: app.exit };
}

describe('keys that arrive together in one chunk', () => {
  it('splits plain text into keys and leaves escape sequences whole', () => {
    expect(keysIn('2\r')).toEqual(['2', '\r']);
    expect(keysIn('12')).toEqual(['1', '2']);
    expect(keysIn('\u001b[B')).toEqual(['\u001b[B']);
    expect(keysIn('q')).toEqual(['q']);
  });

  it('"2\\r" in one chunk answers reply 2 and then continues, exactly as typing 2 and Enter apart', async () => {
    const slow = await firstDecision();
    await press(slow.r, '2', KEY.enter);
    const expected = slow.r.lastFrame();
    expect(expected).toContain('Someone gave it to me');

    const fast = await firstDecision();
    await press(fast.r, `2${KEY.enter}`);
    await settle(fast.r);
    expect(fast.r.lastFrame()).toBe(expected);
    // The feedback on reply 2 was drawn on the way.
    expect(fast.r.frames.some((f) => f.includes('Feedback on your reply') && f.includes('You need to tell me the truth'))).toBe(true);
  });

  it('votes typed together ("12") count as twelve in a trainer-led session', async () => {
    const { loadPlayable } = await import('../../src/terminal/scenario-source.js');
    const { SCENARIOS } = await import('./helpers/ink.js');
    const playable = loadPlayable(`${SCENARIOS}/new-phone.json`);
    if ('problems' in playable) throw new Error(playable.problems);
    const { element } = appElement({ env: tempEnv(), start: { kind: 'facilitate', playable } });
    const r = await renderApp(element);
    await press(r, KEY.enter, '12');
    await settle(r);
    expect(r.lastFrame()).toMatch(/How did you get it\? · votes: 12/);
  });

  it('arrows and Enter in one chunk (a paste, tmux send-keys, a fast typist over SSH) open the scenario the arrows reached', async () => {
    const open = async (...chunks: string[]) => {
      const r = await renderAt(appElement({ env: tempEnv(), dir: BUNDLED }).element, 80, 40);
      await settle(r);
      for (const c of chunks) await press(r, c);
      // Enter leaves the picker up while the scenario loads, with nothing on screen for settle() to wait on.
      await vi.waitFor(() => expect(r.lastFrame()).toContain('Content note'), { timeout: 30_000, interval: 5 });
      await settle(r);
      const frame = r.lastFrame() ?? '';
      r.unmount();
      return frame;
    };
    const slow = await open(KEY.down, KEY.down, KEY.enter);
    expect(slow).toContain('Content note');
    expect(await open(`${KEY.down}${KEY.down}${KEY.enter}`)).toBe(slow);
  });
});

describe('Enter never sends a reply nobody chose', () => {
  it('no reply is highlighted on arrival; Enter alone chooses nothing and says why, until a number or an arrow', async () => {
    const { r } = await firstDecision();
    const frame = r.lastFrame() ?? '';
    expect(frame).not.toContain('›');
    // Where the key hints were, what to do instead (it looked as if Enter did not work).
    await press(r, KEY.enter);
    expect(r.lastFrame()).toContain("Press a reply's number (1–3), or ↑↓ to choose one first.");
    expect(r.lastFrame()).not.toContain('Feedback on your reply');
    expect(r.lastFrame()?.replace("Press a reply's number (1–3), or ↑↓ to choose one first.", '')).toBe(frame.replace(/1–3 or ↑↓ Enter: reply.*$/m, ''));
    await press(r, KEY.down);
    expect(r.lastFrame()).not.toContain("Press a reply's number");
    expect(r.lastFrame()).toMatch(/› 1\. That's a nice one!/);
    await press(r, KEY.enter);
    expect(r.lastFrame()).toContain('Feedback on your reply');
  });

  it('a reply highlighted with the arrows is forgotten on the next decision and after undo: nothing is highlighted there', async () => {
    const { r } = await firstDecision();
    await press(r, KEY.down, KEY.down, KEY.enter);
    expect(r.lastFrame()).toContain('Feedback on your reply');
    await press(r, 'u');
    expect(r.lastFrame()).toContain('Decision 1 of about 2');
    expect(r.lastFrame()).not.toContain('›');
    await press(r, KEY.down, KEY.enter, KEY.enter, KEY.enter);
    expect(r.lastFrame()).toContain('Decision 2 of about 2');
    expect(r.lastFrame()).not.toContain('›');
    await press(r, KEY.enter);
    expect(r.lastFrame()).toContain('Decision 2 of about 2');
    expect(r.lastFrame()).toContain("Press a reply's number");
  });

  it('a double Enter on the feedback continues once and answers nothing on the next screen', async () => {
    const { r } = await firstDecision();
    await press(r, '1');
    await press(r, `${KEY.enter}${KEY.enter}`);
    await settle(r);
    expect(r.lastFrame()).toContain('My boyfriend got it for me');
    await press(r, `${KEY.enter}${KEY.enter}`);
    await settle(r);
    // On decision 2, with nothing chosen.
    expect(r.lastFrame()).toContain('Decision 2 of about 2');
    expect(r.lastFrame()).not.toContain('Feedback on your reply');
    expect(r.lastFrame()).not.toContain('›');
  });

  it('undo works on the feedback of the reply that ended the scenario; the record is written only when the debrief opens', async () => {
    const { r, env } = await firstDecision();
    await press(r, '1', KEY.enter, KEY.enter, '3');
    expect(r.lastFrame()).toContain('Enter or q: see the debrief');
    expect(r.lastFrame()).toMatch(/u: undo/);
    expect(readRecords(stateStore(env)).records).toEqual({});
    await press(r, 'u');
    expect(r.lastFrame()).toContain('Decision 2 of about 2');
    expect(r.lastFrame()).not.toContain('Feedback on your reply');
    await press(r, '1', KEY.enter);
    await throughEnding(r);
    expect(r.lastFrame()).toContain('Debrief: Example: the new phone');
    expect(r.lastFrame()).toContain('Outcome: Strong · ██████████ 100% (4 of 4 points)');
    const records = readRecords(stateStore(env)).records;
    expect(Object.values(records)).toHaveLength(1);
  });
});

describe('numbers of two digits', () => {
  it('typeNumber: a number opens at once when no other starts with it, else it is highlighted until Enter or the next digit', () => {
    // Nine or fewer: every digit names its item at once, as before.
    expect(typeNumber('', 3, 9)).toEqual({ typed: '3', n: 3, only: true });
    expect(typeNumber('', 1, 9)).toEqual({ typed: '1', n: 1, only: true });
    // Twelve: "1" may become 10, 11 or 12; "2" cannot grow.
    expect(typeNumber('', 1, 12)).toEqual({ typed: '1', n: 1, only: false });
    expect(typeNumber('1', 2, 12)).toEqual({ typed: '12', n: 12, only: true });
    expect(typeNumber('', 2, 12)).toEqual({ typed: '2', n: 2, only: true });
    // A digit that cannot continue starts a new number; one no item has names nothing.
    expect(typeNumber('1', 5, 12)).toEqual({ typed: '5', n: 5, only: true });
    expect(typeNumber('', 0, 12)).toEqual({ typed: '', only: false });
    expect(typeNumber('', 9, 4)).toEqual({ typed: '', only: false });
    expect(typeNumber('1', 0, 100)).toEqual({ typed: '10', n: 10, only: false });
  });

  it('the picker with ten or more scenarios: "1" "0" opens the tenth, "1" Enter the first, "3" the third at once; the help line offers them all', async () => {
    const open = async () => {
      const r = await renderAt(appElement({ env: tempEnv(), dir: BUNDLED }).element, 80, 40);
      await settle(r);
      return r;
    };
    const r = await open();
    const picker = r.lastFrame();
    const count = /Enter or 1–(\d+): open/.exec(picker)?.[1];
    expect(Number(count)).toBeGreaterThanOrEqual(10);
    const title = (n: number) => new RegExp(`^[ ›]\\s+${n}\\. (.+?)(?: {2,}|$)`, 'm').exec(picker)?.[1]?.split(' · ')[0]?.trim() ?? '';
    expect(title(10)).not.toBe('');

    // "1" only highlights the first (it may still become 10); "0" then opens the tenth.
    await press(r, '1');
    expect(r.lastFrame()).toContain('choose a scenario');
    expect(r.lastFrame()).toMatch(/^› +1\. /m);
    // The help line says what Enter and the next digit would do.
    expect(r.lastFrame()).toMatch(count === '10' ? /Enter: open 1 · 0: open 10 · / : /Enter: open 1 · 0–\d: open 10–1\d · /);
    await press(r, '0');
    expect(r.lastFrame()).toContain('Content note');
    expect(r.lastFrame()).toContain(title(10));
    r.unmount();

    const first = await open();
    await press(first, '1', KEY.enter);
    expect(first.lastFrame()).toContain('Content note');
    expect(first.lastFrame()).toContain(title(1));
    first.unmount();

    const third = await open();
    await press(third, '3');
    expect(third.lastFrame()).toContain('Content note');
    expect(third.lastFrame()).toContain(title(3));
    third.unmount();
  });

  it('a decision with eleven replies: "1" highlights reply 1 and says what comes next, a second "1" answers reply 11', async () => {
    const { readFileSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { SCENARIOS } = await import('./helpers/ink.js');
    const { loadPlayable } = await import('../../src/terminal/scenario-source.js');
    const { selectView, startSession } = await import('../../src/machines/index.js');
    const { playElement } = await import('./helpers/play.js');
    // The fixture with its first decision given more replies (copies of its first one), eleven in all.
    const doc = JSON.parse(readFileSync(join(SCENARIOS, 'new-phone.json'), 'utf8')) as { nodes: { kind: string; replies?: { id: string; text: string }[] }[] };
    const decision = doc.nodes.find((n) => n.kind === 'decision')!;
    const model = decision.replies![0]!;
    for (let i = 1; decision.replies!.length < 11; i++) decision.replies!.push({ ...model, id: `extra-${i}`, text: `Extra reply number ${i}, said kindly` });
    expect(decision.replies).toHaveLength(11);
    const env = tempEnv();
    const file = join(env.XDG_STATE_HOME!, 'eleven.json');
    writeFileSync(file, JSON.stringify(doc));
    const playable = loadPlayable(file);
    if ('problems' in playable) throw new Error(playable.problems);
    const actor = startSession(playable.scenario, 'practice', undefined, 1);
    const eleventh = selectView(playable.scenario, actor.getSnapshot()).replies.find((x) => x.number === 11)!;
    const r = await renderAt(playElement({ playable, actor, env }), 80, 40);
    expect(r.lastFrame()).toContain('1–11 or ↑↓ Enter: reply');
    await press(r, '1');
    expect(r.lastFrame()).toMatch(/^› +1\. /m);
    expect(r.lastFrame()).toContain('Enter: reply 1 · 0–1: reply 10–11 · ↑↓: move');
    await press(r, '1');
    expect(r.lastFrame()).toContain('Feedback on your reply');
    expect(r.lastFrame()).toContain(eleventh.text.slice(0, 20));
    r.unmount();
  });
});

/**
 * Caps Lock on: the full-screen app took "Q", "Y", "U" and the rest for nothing (line by line reads
 * them in either case), so a volunteer could not quit, answer the question or undo, with no word why.
 */
describe('letters in either case (Caps Lock)', () => {
  it('Q asks, Y saves and quits, U undoes, as q, y and u do', async () => {
    const { r, exit } = await firstDecision();
    await press(r, '1', 'U');
    expect(r.lastFrame()).toContain('Decision 1 of about 2');
    await press(r, 'Q');
    expect(r.lastFrame()).toContain('Save your progress and quit?');
    await tap(r, 'Y');
    expect(exit).toHaveBeenCalledTimes(1);
    expect(exit.mock.calls[0]?.[0]).toMatch(/^Progress saved to /);
  });

  it('R reveals in a trainer-led session, and r resumes in the picker, as the other case does', async () => {
    const { loadPlayable } = await import('../../src/terminal/scenario-source.js');
    const { SCENARIOS, envWithSave } = await import('./helpers/ink.js');
    const playable = loadPlayable(`${SCENARIOS}/new-phone.json`);
    if ('problems' in playable) throw new Error(playable.problems);
    const room = await renderApp(appElement({ env: tempEnv(), start: { kind: 'facilitate', playable } }).element);
    await press(room, KEY.enter, '3', 'R');
    expect(room.lastFrame()).toContain('Votes in all: 3');
    room.unmount();

    const picker = await renderApp(appElement({ env: await envWithSave() }).element);
    expect(picker.lastFrame()).toContain('press R to resume it');
    await press(picker, 'r');
    expect(picker.lastFrame()).toContain('Decision 1 of about 2');
  });
});
