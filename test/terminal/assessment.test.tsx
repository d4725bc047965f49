import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { appElement, KEY, press, renderApp, tap, tempEnv } from './helpers/ink.js';

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
    // No undo in assessment: the key draws nothing.
    expect(await tap(r, 'u')).toBe(false);
    expect(lastFrame()).toBe(scene);
    await press(r, KEY.enter);
    expect(lastFrame()).toContain('Decision 2 of about 2');
    await press(r, '2');
    const debrief = lastFrame() ?? '';
    expect(debrief).toContain('Debrief: Example: the new phone');
    expect(debrief).toContain('Ending: Crossing a line (harmful)');
    expect(debrief).toContain('Outcome: Needs review · ░░░░░░░░░░ 0% (−6 of 4)');
    // Critical violations come first, before the principle table.
    expect(debrief).toContain('Critical violations: 1');
    expect(debrief.indexOf("! Don't investigate")).toBeGreaterThan(-1);
    expect(debrief.indexOf("! Don't investigate")).toBeLessThan(debrief.indexOf('Principles'));
    await press(r, KEY.tab);
    expect(lastFrame()).toContain('✗ violates: Curious, not interrogating');
  });
});
