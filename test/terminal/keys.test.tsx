import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { readRecords } from '../../src/machines/index.js';
import { stateStore } from '../../src/terminal/node/state-store.js';
import { keysIn } from '../../src/terminal/keys.js';
import { appElement, KEY, press, renderApp, settle, tap, tempEnv } from './helpers/ink.js';

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
});

describe('Enter never sends a reply nobody chose', () => {
  it('no reply is highlighted on arrival; Enter alone does nothing until a number or an arrow', async () => {
    const { r } = await firstDecision();
    const frame = r.lastFrame() ?? '';
    expect(frame).not.toContain('›');
    expect(await tap(r, KEY.enter)).toBe(false);
    expect(r.lastFrame()).toBe(frame);
    await press(r, KEY.down);
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
    expect(await tap(r, KEY.enter)).toBe(false);
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
    expect(r.lastFrame()).toContain('Enter: see the debrief');
    expect(r.lastFrame()).toMatch(/u: undo/);
    expect(readRecords(stateStore(env)).records).toEqual({});
    await press(r, 'u');
    expect(r.lastFrame()).toContain('Decision 2 of about 2');
    expect(r.lastFrame()).not.toContain('Feedback on your reply');
    await press(r, '1', KEY.enter);
    expect(r.lastFrame()).toContain('Debrief: Example: the new phone');
    expect(r.lastFrame()).toContain('Outcome: Strong · ██████████ 100% (4 of 4)');
    const records = readRecords(stateStore(env)).records;
    expect(Object.values(records)).toHaveLength(1);
  });
});
