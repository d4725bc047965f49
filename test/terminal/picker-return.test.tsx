import { join } from 'node:path';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { loadPlayable } from '../../src/terminal/scenario-source.js';
import { appElement, KEY, playToDebrief, press, renderApp, SCENARIOS, tap, tempEnv } from './helpers/ink.js';

afterEach(() => cleanup());

/** The picker's highlighted line (›), its number and title. */
const highlighted = (frame: string | undefined) => /^› (\d+\. .+?)(?: {2,}|$)/m.exec(frame ?? '')?.[1];

describe('the picker that comes back after a playthrough', () => {
  it('is on the scenario just played when it was chosen from the list', async () => {
    const r = await renderApp(appElement({ env: tempEnv() }).element);
    expect(highlighted(r.lastFrame())).toBe('1. Example: the new phone');
    await press(r, '2');
    await playToDebrief(r);
    await press(r, 'b');
    expect(highlighted(r.lastFrame())).toBe('2. Zz Red title here');
  });

  // Opened with R, the picker came back on scenario 1, not on the scenario just played.
  it('is on the scenario just played when it was opened with R (resume)', async () => {
    const env = tempEnv();
    // A save of the second scenario (opened, past its content note, a reply made and undone, then q
    // and y: q saves nothing before a reply is made or undone in the run).
    const second = loadPlayable(join(SCENARIOS, 'escape-codes.json'));
    if ('problems' in second) throw new Error(second.problems);
    const first = await renderApp(appElement({ env, start: { kind: 'play', playable: second, showNote: true } }).element);
    await press(first, KEY.enter, '1', 'u', 'q');
    await tap(first, 'y');
    first.unmount();

    const r = await renderApp(appElement({ env }).element);
    expect(highlighted(r.lastFrame())).toBe('1. Example: the new phone');
    await press(r, 'R');
    await playToDebrief(r);
    expect(r.lastFrame()).toContain('Zz Red title here');
    await press(r, 'b');
    expect(highlighted(r.lastFrame())).toBe('2. Zz Red title here');
  });
});
