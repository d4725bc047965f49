import { afterEach, describe, expect, it, vi } from 'vitest';
import { appElement, renderApp, settle, tempEnv, validatedCatalog } from './helpers/ink.js';
import { BUNDLED } from './helpers/layout.js';

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
    const before = r.frames.length;
    r.stdin.write('3');
    // Opening a scenario loads its screens lazily: wait for the note to be drawn.
    await vi.waitFor(() => expect(typed, r.lastFrame()).toBe(true), { timeout: 5000, interval: 5 });
    await settle(r);
    const shown = r.frames.slice(before).filter((f) => f.includes('Content note'));
    expect(shown.length).toBeGreaterThan(0);
    const last = r.lastFrame() ?? '';
    // The scenario started: its first screen, not the content note again and not another scenario's note.
    expect(last).not.toContain('Content note');
    expect(shown[0]).toContain('New nails, new phone, new boyfriend');
    expect(last).toContain('New nails, new phone, new boyfriend');
    expect(r.frames.slice(before).filter((f) => f.includes('Content note')).every((f) => f === shown[0])).toBe(true);
  });
});
