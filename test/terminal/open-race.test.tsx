import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { KEY, openPicker, settle } from './helpers/ink.js';

afterEach(() => cleanup());

// When opening a scenario has done its work, Enter is typed before React has drawn the screen it
// asked for (the turn after: setImmediate, as React's scheduler draws in a task of its own).
const typeEnter = vi.hoisted(() => ({ now: undefined as (() => void) | undefined }));
vi.mock('../../src/terminal/saves.js', async (original) => {
  const real = await original<typeof import('../../src/terminal/saves.js')>();
  return {
    ...real,
    saveWaiting: (...args: Parameters<typeof real.saveWaiting>) => {
      const found = real.saveWaiting(...args);
      const type = typeEnter.now;
      typeEnter.now = undefined;
      if (type) setImmediate(type);
      return found;
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
    await vi.waitFor(() => expect(typed).toBe(true), { timeout: 5000, interval: 5 });
    await vi.waitFor(() => expect(r.lastFrame()).toContain('Content note'), { timeout: 5000, interval: 5 });
    await settle(r);
    expect((r.lastFrame() ?? '').split('\n')[0]).toBe(list[1]);
    expect(r.frames.filter((f) => f.includes('Content note')).every((f) => f.split('\n')[0] === list[1])).toBe(true);
  });
});
