import { afterEach, describe, expect, it, vi } from 'vitest';
import { appElement, envWithSave, KEY, newPhone, pickerTitles, press, renderApp, SCENARIOS, settle, tempEnv, type Typable, validatedCatalog } from './helpers/ink.js';
import { BUNDLED } from './helpers/layout.js';
import type { AppStart } from '../../src/terminal/ui/App.js';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

/**
 * A key typed the moment a new screen is drawn (a paste, a script, a fast typist on a loaded
 * machine) belongs to that screen. Ink attaches a screen's key handler in an effect that runs after
 * the frame is written; before the app routed keys itself, such a key went to the screen that had
 * just gone (the picker), which opened another scenario.
 */
describe('a key typed as a screen appears', () => {
  it('goes to the new screen: Enter on a content note that has just been drawn starts that scenario', async () => {
    const { element } = appElement({ env: tempEnv(), catalog: validatedCatalog(BUNDLED) });
    const r = await renderApp(element);
    cleanup = () => r.unmount();
    // Enter is typed in the same turn as the frame that shows the content note, before any effect runs.
    const stdout = r.stdout as unknown as { write: (frame: string) => void };
    const write = stdout.write;
    let typed = false;
    stdout.write = (frame: string) => {
      write(frame);
      if (!typed && frame.includes('Content note')) {
        typed = true;
        queueMicrotask(() => r.stdin.write('\r'));
      }
    };
    // The scenario listed third, whichever it is.
    const third = pickerTitles(r.lastFrame() ?? '')[2] as string;
    expect(third).toBeTruthy();
    const before = r.frames.length;
    r.stdin.write('3');
    // Opening a scenario loads its screens lazily: wait for the note to be drawn.
    await vi.waitFor(() => expect(typed, r.lastFrame()).toBe(true), { timeout: 30_000, interval: 5 });
    // The Enter starts it: the note stays up while the scenario loads (its screen, the core).
    await vi.waitFor(() => expect(r.lastFrame()).not.toContain('Content note'), { timeout: 30_000, interval: 5 });
    await settle(r);
    const shown = r.frames.slice(before).filter((f) => f.includes('Content note'));
    expect(shown.length).toBeGreaterThan(0);
    const last = r.lastFrame() ?? '';
    // The scenario started: its first screen, not the content note again and not another scenario's note.
    expect(last).not.toContain('Content note');
    expect(shown[0]).toContain(third);
    expect(last).toContain(third);
    expect(r.frames.slice(before).filter((f) => f.includes('Content note')).every((f) => f === shown[0])).toBe(true);
  });
});

/** `n` turns of the event loop (the splitter hands on the keys of one input two turns apart). */
async function turns(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise((done) => setImmediate(done));
}

/**
 * Waits until the screen shows `text`, then until the app is idle. A key that opens a scenario
 * (Enter on a content note, R on the picker) leaves the screen that asked up while the scenario
 * loads, with nothing on screen for settle() to wait on: chunk() could end before the new screen
 * came, on a loaded machine. Any key held for the new screen has then been handed to it.
 */
async function shows(r: Typable & { lastFrame: () => string | undefined }, text: string): Promise<void> {
  await vi.waitFor(() => expect(r.lastFrame()).toContain(text), { timeout: 30_000, interval: 5 });
  await settle(r);
}

/** Writes several keys as one input (a paste, tmux send-keys, a fast typist over SSH), then waits until every key of it was handed on. */
async function chunk(r: Typable & { lastFrame: () => string | undefined }, keys: string): Promise<void> {
  r.stdin.write(keys);
  for (let i = 0; i < [...keys].length; i++) {
    await settle(r);
    await turns(4);
  }
  await settle(r);
}

/** The app opened on the fixture scenario's content note, unmounted after the test. */
async function openNewPhone(start: AppStart) {
  const r = await renderApp(appElement({ env: tempEnv(), start }).element);
  cleanup = () => r.unmount();
  return r;
}
/** "⏎1" in one input brings up decision `n` and leaves it unanswered; a 1 typed after it answers it. */
async function enterThenOne(r: Awaited<ReturnType<typeof renderApp>>, n: number) {
  await chunk(r, '\r1');
  // From the content note, the scenario loads first (its screen, the core), with the note still up.
  await shows(r, `Decision ${n} of about`);
  expect(r.lastFrame()).not.toContain('Feedback on your reply');
  await press(r, '1');
  expect(r.lastFrame()).toContain('Feedback on your reply');
}
const playNewPhone = () => openNewPhone({ kind: 'play', playable: newPhone(), showNote: true });
const facilitateNewPhone = () => openNewPhone({ kind: 'facilitate', playable: newPhone() });

/**
 * Keys sent together in one input ("3⏎") are handed to the screens one by one; the ones after the
 * key that brings up a new screen arrived before that screen was drawn, so they are not its: the
 * Enter of "3⏎" typed on the picker skipped the content note the 3 opened, and "⏎1" answered a
 * decision no one had seen.
 */
describe('keys sent together with the one that brings up a new screen', () => {
  it('"3⏎" on the picker opens the content note and stays there: the note is always seen', async () => {
    const { element } = appElement({ env: tempEnv(), catalog: validatedCatalog(BUNDLED) });
    const r = await renderApp(element);
    cleanup = () => r.unmount();
    const third = pickerTitles(r.lastFrame() ?? '')[2] as string;
    expect(third).toBeTruthy();
    // Once there and back, so that opening draws the note at once (nothing left to load).
    await press(r, '3');
    expect(r.lastFrame()).toContain('Content note');
    await press(r, 'b');
    expect(r.lastFrame()).toContain('choose a scenario');
    await chunk(r, '3\r');
    await shows(r, 'Content note');
    expect(r.lastFrame()).toContain(third);
    // The next Enter, typed after the note was drawn, starts it.
    await press(r, KEY.enter);
    expect(r.lastFrame()).not.toContain('Content note');
  });

  it('"⏎1" on the content note starts the scenario and its first decision waits for a reply', async () => {
    const r = await playNewPhone();
    expect(r.lastFrame()).toContain('Content note');
    await enterThenOne(r, 1);
  });

  it('"⏎1" on a scene shows the next decision without answering it; "1⏎" on a decision still answers and goes on', async () => {
    const r = await playNewPhone();
    await press(r, KEY.enter);
    // The reply then Enter on its feedback, in one input: a scene.
    await chunk(r, '1\r');
    expect(r.lastFrame()).toContain('Enter: continue');
    expect(r.lastFrame()).not.toContain('Feedback on your reply');
    await enterThenOne(r, 2);
  });

  it('"R1" on the picker resumes the saved session and its decision waits for a reply', async () => {
    const env = await envWithSave();
    const r = await renderApp(appElement({ env, catalog: validatedCatalog(SCENARIOS) }).element);
    cleanup = () => r.unmount();
    expect(r.lastFrame()).toContain('R: resume saved');
    await chunk(r, 'R1');
    await shows(r, 'Decision 1 of about');
    expect(r.lastFrame()).not.toContain('Feedback on your reply');
  });

  it('trainer-led: "⏎3" on the content note is no vote, and "r1" reveals without following a branch', async () => {
    const r = await facilitateNewPhone();
    await chunk(r, '\r3');
    await shows(r, 'Decision 1 of about');
    expect(r.lastFrame()).not.toContain('votes: 3');
    await chunk(r, 'r1');
    expect(r.lastFrame()).toContain('Votes in all: 0');
    expect(r.lastFrame()).toContain('Decision 1 of about');
    await press(r, '1');
    expect(r.lastFrame()).not.toContain('Decision 1 of about');
  });
});

describe('keys sent together keep their order', () => {
  it('"12↓3" as one input (tmux send-keys 1 2 Down 3) gives the first reply 12 votes and the second 3', async () => {
    const r = await facilitateNewPhone();
    await press(r, KEY.enter);
    // Ink splits this at the arrow into "12", "↓" and "3", all in one turn.
    await chunk(r, `12${KEY.down}3`);
    // The votes as they stand once every key was counted (a loaded CI-like run read them before the last had been drawn, once in five).
    await vi.waitFor(() => {
      expect(r.lastFrame()).toMatch(/ 1\. .*· votes: 12$/m);
      expect(r.lastFrame()).toMatch(/ 2\. .*· votes: 3$/m);
    }, { timeout: 30_000, interval: 5 });
  });
});
