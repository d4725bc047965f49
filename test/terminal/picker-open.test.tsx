import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { appElement, KEY, openPicker, pickerTitles, press, renderAt, settle, tempEnv, validatedCatalog } from './helpers/ink.js';
import { BUNDLED } from './helpers/layout.js';

afterEach(() => cleanup());


/** Waits (event-loop turns, 30 s at most: the scenario's modules are loaded first, slow on a loaded machine) until a content note is on screen. */
async function noteShown(r: { lastFrame: () => string | undefined }): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(r.lastFrame() ?? '').includes('Content note') && Date.now() < deadline) await new Promise((done) => setImmediate(done));
}

describe('opening a scenario from the picker', () => {
  it('a number then Enter typed before the scenario has loaded opens that number, not the highlighted one', async () => {
    const { r, list } = await openPicker();
    // Two keys in quick succession (not one chunk): the picker is still on screen while 2 loads.
    r.stdin.write('2');
    r.stdin.write(KEY.enter);
    await noteShown(r);
    await settle(r);
    const frame = r.lastFrame() ?? '';
    expect(frame).toContain('Content note');
    expect(frame.split('\n')[0]).toBe(list[1]);
  });
});

describe('coming back to the picker', () => {
  it('b on a content note returns to the scenario it came from, still highlighted', async () => {
    const { element } = appElement({ env: tempEnv(), catalog: validatedCatalog(BUNDLED) });
    const r = await renderAt(element, 80, 40);
    await settle(r);
    const list = pickerTitles(r.lastFrame());
    expect(list.length).toBeGreaterThanOrEqual(4);
    await press(r, KEY.down, KEY.down, KEY.down, KEY.enter);
    expect(r.lastFrame()).toContain('Content note');
    expect(r.lastFrame().split('\n')[0]).toBe(list[3]);
    await press(r, 'b');
    expect(r.lastFrame()).toContain('choose a scenario');
    expect(r.lastFrame()).toMatch(new RegExp(`^› +4\\. ${list[3]}`, 'm'));
    // Enter opens it again.
    await press(r, KEY.enter);
    expect(r.lastFrame().split('\n')[0]).toBe(list[3]);
  });
});
