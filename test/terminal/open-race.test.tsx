import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { appElement, KEY, newPhone, openPicker, press, renderApp, settle, tempEnv } from './helpers/ink.js';

afterEach(() => cleanup());

// When opening a scenario has done its work, Enter is typed before React has drawn the screen it
// asked for (the turn after: setImmediate, as React's scheduler draws in a task of its own).
const typeEnter = vi.hoisted(() => ({ now: undefined as (() => void) | undefined }));
vi.mock('../../src/terminal/saves.js', async (original) => {
  const real = await original<typeof import('../../src/terminal/saves.js')>();
  return {
    ...real,
    // What opening a scenario asks last (the save to offer), before the screen it opens is drawn.
    saveToOffer: (...args: Parameters<typeof real.saveToOffer>) => {
      const found = real.saveToOffer(...args);
      const type = typeEnter.now;
      typeEnter.now = undefined;
      if (type) setImmediate(type);
      return found;
    },
  };
});

// A screen's code gone from dist/ (the app rebuilt while it ran): its lazy import fails.
const gone = vi.hoisted(() => ({ playScreen: false }));
vi.mock('../../src/terminal/ui/PlayScreen.js', async (original) => {
  const real = await original<typeof import('../../src/terminal/ui/PlayScreen.js')>();
  // (Thrown from the factory, Vitest wraps the error in its own.)
  return {
    ...real,
    get PlayScreen() {
      if (gone.playScreen) throw Object.assign(new Error("Cannot find module '/app/dist/src/terminal/bundle-PlayScreen-x.js' imported from /app/dist/src/terminal/bundle-run-app-y.js"), { code: 'ERR_MODULE_NOT_FOUND' });
      return real.PlayScreen;
    },
  };
});


describe('opening a scenario from the picker', () => {
  it('Enter typed after the scenario has loaded but before its content note is drawn opens nothing else', async () => {
    const { r, list } = await openPicker();
    let typed = false;
    typeEnter.now = () => {
      typed = true;
      r.stdin.write(KEY.enter);
    };
    r.stdin.write('2');
    await vi.waitFor(() => expect(typed).toBe(true), { timeout: 30_000, interval: 5 });
    await vi.waitFor(() => expect(r.lastFrame()).toContain('Content note'), { timeout: 30_000, interval: 5 });
    await settle(r);
    expect((r.lastFrame() ?? '').split('\n')[0]).toBe(list[1]);
    expect(r.frames.filter((f) => f.includes('Content note')).every((f) => f.split('\n')[0] === list[1])).toBe(true);
  });
});

describe('a screen whose code cannot be loaded (the app rebuilt or updated while it ran)', () => {
  it('ends the app with words saying so and how to start it again, not a stack trace', async () => {
    gone.playScreen = true;
    const { element, exit } = appElement({ env: tempEnv(), start: { kind: 'play', playable: newPhone(), showNote: true } });
    const r = await renderApp(element);
    await press(r, KEY.enter);
    await vi.waitFor(() => expect(exit, r.lastFrame()).toHaveBeenCalled(), { timeout: 30_000, interval: 5 });
    const [said, code] = exit.mock.calls[0] ?? [];
    expect(said).toMatch(/^casa-practice could not load part of itself: it was probably rebuilt or updated while it was running \(Cannot find module .+\)\. Start it again with: \S/);
    expect(code).toBe(1);
    expect(r.lastFrame()).not.toMatch(/ERR_MODULE_NOT_FOUND|at .+:\d+:\d+/);
  });
});
