import { afterEach, describe, expect, it } from 'vitest';
import { themeFor } from '../../src/terminal/theme.js';
import { appElement, colourLevelForFile, KEY, newPhone, press, renderAt, tempEnv } from './helpers/ink.js';
import { outputCachesShared, shareOutputCaches, sharedSizes } from './helpers/ink-output-cache.js';

// Colours on, so the lines Ink tokenises hold escape codes as well as text.
colourLevelForFile(3);

/**
 * The frames of the new-phone example at 60 columns, in colour: the content note, the first
 * decision, the feedback on one reply, undone, and on another; every frame but the "Loading…" ones (how many of those a lazy screen shows
 * depends on the machine's speed), and none twice in a row.
 */
async function framesOfAPlaythrough(): Promise<string[]> {
  const r = await renderAt(appElement({ env: tempEnv(), theme: themeFor({}), start: { kind: 'play', playable: newPhone(), showNote: true } }).element, 60, 24);
  await press(r, KEY.enter, '1', 'u', '2');
  // Taken before unmounting: with CI set in the environment, Ink writes one more frame as it unmounts.
  const frames = r.frames.filter((f, i) => f.trim() !== 'Loading…' && f !== r.frames[i - 1]);
  r.unmount();
  return frames;
}

describe("Ink's per-frame caches, kept across frames by the test helpers", () => {
  afterEach(() => shareOutputCaches(true));

  it('are in place (Ink\'s Output still has the caches test/terminal/helpers/ink-output-cache.ts keeps)', () => {
    expect(outputCachesShared, "Ink's Output changed shape: update or remove helpers/ink-output-cache.ts").toBe(true);
  });

  it('draw exactly the frames Ink draws without them, when filled and when read again', async () => {
    shareOutputCaches(false);
    const own = await framesOfAPlaythrough();
    shareOutputCaches(true);
    const filling = await framesOfAPlaythrough();
    expect(sharedSizes().getStyledChars).toBeGreaterThan(0);
    const reading = await framesOfAPlaythrough();
    expect(own.length).toBeGreaterThanOrEqual(5);
    expect(own.join('\n')).toContain('\u001b[');
    expect(own.at(-1)).toContain('Feedback on your reply');
    expect(filling).toEqual(own);
    expect(reading).toEqual(own);
  });
});
