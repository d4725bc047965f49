import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { appElement, KEY, newPhone, press, renderAt, tap, tempEnv } from './helpers/ink.js';

afterEach(() => cleanup());

const KEPT = "Your debrief was kept: open the scenario's last debrief from the picker with d.";

/** A practice playthrough of the new phone at 60×24, played to its last reply's feedback; the app's exit mock with it. */
async function atLastFeedback() {
  const { element, exit } = appElement({ env: tempEnv(), start: { kind: 'play', playable: newPhone(), showNote: true } });
  const r = await renderAt(element, 60, 24);
  for (let i = 0; i < 20 && !r.lastFrame().includes('Enter or q: see the debrief'); i++) await press(r, /1–\d or ↑↓ Enter: reply/.test(r.lastFrame()) ? '1' : KEY.enter);
  expect(r.lastFrame()).toContain('Feedback on your reply');
  return { r, exit };
}

// Found in the solo-60 tmux pass: Ctrl-C on "…: how it ended", the page a finished playthrough opens
// on before its debrief, ended the app with nothing said (the debrief unseen, and no word of it kept
// or of the finish recorded), where Ctrl-C on the last reply's feedback, a step before, says where it is.
describe('Ctrl-C on the ending\'s page, before the debrief was looked at', () => {
  it('says the debrief was kept and how to open it, as Ctrl-C on the last reply\'s feedback does', async () => {
    const before = await atLastFeedback();
    await tap(before.r, KEY.ctrlC);
    expect(before.exit).toHaveBeenCalledWith(KEPT, 130);
    before.r.unmount();

    const { r, exit } = await atLastFeedback();
    await press(r, KEY.enter);
    expect(r.lastFrame()).toContain('how it ended');
    await tap(r, KEY.ctrlC);
    expect(exit).toHaveBeenCalledTimes(1);
    expect(exit.mock.calls[0]?.[0]).toBe(KEPT);
    expect(exit.mock.calls[0]?.[1]).toBe(130);
    r.unmount();
  });

  it('once the debrief is open, q leaves as before, saying nothing of it (it is on screen)', async () => {
    const { r, exit } = await atLastFeedback();
    await press(r, KEY.enter, KEY.enter);
    expect(r.lastFrame()).toContain('[1 Summary]');
    await tap(r, 'q');
    expect(exit).toHaveBeenCalledWith(undefined, 0);
    r.unmount();
  });
});
