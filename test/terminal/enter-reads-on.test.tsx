import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { loadPlayable } from '../../src/terminal/scenario-source.js';
import { appElement, KEY, press, renderAt, SCENARIOS, tempEnv } from './helpers/ink.js';

afterEach(() => cleanup());

// Found by the term-60 pass: on a scene, a reply's feedback or an ending taller than the screen (a
// trainer's long narration at 60×24), "Enter: continue" went on at once and the rows below the
// window were never read. Enter now reads on first, a page at a time, and the help line says so
// ("Enter: read on"), as "Where you left off" already did (recap-read-on.test).

/** Sentences enough to fill several screens at 60×24, the last one marked so the test can see it was shown. */
const long = (what: string) => `${Array.from({ length: 24 }, (_, i) => `This is sentence ${i + 1} of the ${what}, which goes on for a while.`).join(' ')} The ${what} ends here.`;

/** The new-phone fixture with a long first feedback, a long scene after it and long endings. */
function tallScenario() {
  const file = JSON.parse(readFileSync(join(SCENARIOS, 'new-phone.json'), 'utf8')) as { $schema?: string; nodes: { id: string; kind: string; narration?: string; replies?: { id: string; feedback?: string }[] }[] };
  delete file.$schema;
  for (const node of file.nodes) {
    if (node.id === 'boyfriend-open') node.narration = long('scene');
    if (node.kind === 'ending') node.narration = long('ending');
    for (const reply of node.replies ?? []) if (reply.id === 'phone-curious') reply.feedback = long('feedback');
  }
  const path = join(mkdtempSync(join(tmpdir(), 'tall-')), 'tall.json');
  writeFileSync(path, JSON.stringify(file, null, 2));
  const playable = loadPlayable(path);
  if ('problems' in playable) throw new Error(playable.problems);
  return playable;
}

type Screen = Awaited<ReturnType<typeof renderAt>>;

/**
 * Presses Enter while the screen shows `marker`, checking on each frame that the help line says
 * what Enter does there: "read on" while rows are below the window, going on at its end. Returns
 * the frames seen, the last the one Enter left.
 */
async function readThrough(r: Screen, marker: RegExp, goesOn: RegExp): Promise<string[]> {
  const frames: string[] = [];
  for (let i = 0; i < 30 && marker.test(r.lastFrame()); i++) {
    const frame = r.lastFrame();
    frames.push(frame);
    // (A trainer-led screen's rows begin one column in.)
    if (/more below/.test(frame)) {
      expect(frame, frame).toMatch(/^ ?Enter: read on · /m);
      expect(frame, frame).not.toMatch(goesOn);
    } else expect(frame, frame).toMatch(goesOn);
    for (const row of frame.split('\n')) expect([...row].length, row).toBeLessThanOrEqual(60);
    await press(r, KEY.enter);
  }
  expect(r.lastFrame()).not.toMatch(marker);
  return frames;
}

describe('Enter on a scene, feedback or ending taller than the screen reads on before it goes on', () => {
  it('at 60×24: every page of each is shown, the help line saying "Enter: read on" until its end', async () => {
    const { element } = appElement({ env: tempEnv(), start: { kind: 'play', playable: tallScenario(), showNote: false } });
    const r = await renderAt(element, 60, 24);
    expect(r.lastFrame()).toMatch(/How did you get it/);
    await press(r, '1');

    const feedback = await readThrough(r, /Feedback on your reply/, /^Enter: continue · /m);
    // More than a screen: the check above meant something; its last words were on screen before Enter went on.
    expect(feedback.length).toBeGreaterThan(1);
    expect(feedback[0]).toMatch(/more below/);
    expect(feedback.at(-1)).toContain('The feedback ends here.');

    const scene = await readThrough(r, /sentence \d+ of the scene/, /^Enter: continue · /m);
    expect(scene.length).toBeGreaterThan(1);
    expect(scene.at(-1)).toContain('The scene ends here.');
    expect(r.lastFrame()).toMatch(/After the visit/);

    // The last reply's feedback, then how it ended.
    await press(r, '1');
    await press(r, KEY.enter);
    expect(r.lastFrame()).toMatch(/how it ended/);
    const ending = await readThrough(r, /how it ended/, /^Enter or q: see the debrief/m);
    expect(ending.length).toBeGreaterThan(1);
    // q still goes on from anywhere on the ending: said beside "Enter: read on".
    expect(ending[0]).toMatch(/^Enter: read on · q: see the debrief/m);
    expect(ending.at(-1)).toContain('The ending ends here.');
    expect(r.lastFrame()).toContain('Debrief');
    r.unmount();
  });

  it('trainer-led at 60×24: the scene the room reads is shown to its end before Enter goes on', async () => {
    const { element } = appElement({ env: tempEnv(), start: { kind: 'facilitate', playable: tallScenario() } });
    const r = await renderAt(element, 60, 24);
    await press(r, KEY.enter, 'r', '1');
    const scene = await readThrough(r, /sentence \d+ of the scene/, /^ Enter: continue · /m);
    expect(scene.length).toBeGreaterThan(1);
    expect(scene[0]).toMatch(/more below/);
    expect(scene.at(-1)).toContain('The scene ends here.');
    expect(r.lastFrame()).toMatch(/After the visit/);
    r.unmount();
  });
});
