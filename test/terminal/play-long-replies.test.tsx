import { describe, expect, it } from 'vitest';
import { appElement, KEY, press, renderAt, tempEnv } from './helpers/ink.js';
import { longReplies } from './helpers/long-replies.js';
import { NO_REPLY_QUIT } from '../../src/terminal/ui/QuitPrompt.js';

const PG_DOWN = '\u001b[6~';
const PG_UP = '\u001b[5~';
const lines = (frame: string) => frame.split('\n').map((l) => l.trimEnd());
/** A screen's text with its row breaks, hanging indents, box sides and styles taken out, to find a reply's words wherever they were wrapped. */
// eslint-disable-next-line no-control-regex -- strips the inverse video the feedback box draws in
const flat = (frame: string) => frame.replace(/\u001b\[[0-9;]*m/g, '').replace(/[│]/g, ' ').replace(/\s+/g, ' ');
/**
 * The end of the highlighted reply, `n`, when the window shows it whole from its pointer to its
 * last words (the replies are shown in an order of the session's own, so found by its pointer).
 */
const highlightedEnd = (frame: string, n: number) => new RegExp(`› ${n}\\. (?:(?! \\d\\. ).)*?(Reply \\d ends here\\.)`).exec(flat(frame))?.[1];

async function open(columns: number) {
  const { playable, ends } = longReplies();
  const r = await renderAt(appElement({ env: tempEnv(), start: { kind: 'play', playable, showNote: false } }).element, columns, 24);
  return { r, ends, playable };
}

/** The frame fits the screen: one row spare (a frame as tall as the screen scrolls the terminal), no row wider than it. */
function fits(frame: string, columns: number) {
  expect(lines(frame).length).toBeLessThanOrEqual(23);
  for (const line of lines(frame)) expect(line.length).toBeLessThanOrEqual(columns);
}

describe('the play screen at a decision whose replies are taller than the screen', () => {
  for (const columns of [60, 80]) {
    it(`${columns}×24: the moment, prompt and replies scroll together (PgUp PgDn), every reply reachable, one row spare`, async () => {
      const { r, ends } = await open(columns);
      let frame = r.lastFrame();
      fits(frame, columns);
      // The moment first, with the status above and the help line below, saying the window scrolls.
      expect(frame).toContain('The paragraph');
      expect(frame).toMatch(/more below \(PgDn\)/);
      expect(flat(frame)).toContain('PgUp PgDn: scroll');
      expect(frame).not.toMatch(/more above/);
      // The replies right under the prompt, as where they are drawn whole.
      expect(frame).toMatch(/^Which paragraph goes into your report\?\n {2}1\. /m);
      // PgDn to the end: every reply's words, and the prompt, were in the window on the way.
      let seen = flat(frame);
      for (let i = 0; i < 20 && !frame.includes('(end)'); i++) {
        await press(r, PG_DOWN);
        frame = r.lastFrame();
        fits(frame, columns);
        seen += flat(frame);
      }
      expect(frame).toContain('(end)');
      expect(frame).toMatch(/more above \(PgUp\)/);
      expect(seen).toContain('Which paragraph goes into your report?');
      for (const end of ends) expect(seen).toContain(end);
      // Back to the top with PgUp.
      for (let i = 0; i < 20 && /more above/.test(frame); i++) {
        await press(r, PG_UP);
        frame = r.lastFrame();
      }
      expect(frame).toContain('The paragraph');
      // ↓ highlights each reply in turn, and brings it into the window whole, its last words too.
      const shown: (string | undefined)[] = [];
      for (let i = 1; i <= ends.length; i++) {
        await press(r, KEY.down);
        frame = r.lastFrame();
        fits(frame, columns);
        expect(frame).toMatch(new RegExp(`^› ${i}\\. `, 'm'));
        shown[i] = highlightedEnd(frame, i);
        expect(shown[i]).toBeDefined();
      }
      expect(new Set(shown.slice(1)).size).toBe(ends.length);
      // ↑ from the last goes back to the first, which is brought back into view.
      await press(r, KEY.up, KEY.up, KEY.up);
      frame = r.lastFrame();
      fits(frame, columns);
      expect(frame).toMatch(/^› 1\. /m);
      expect(highlightedEnd(frame, 1)).toBe(shown[1]);
      // Enter chooses the highlighted reply: its feedback follows (practice).
      await press(r, KEY.down, KEY.down, KEY.enter);
      frame = r.lastFrame();
      expect(frame).not.toContain('Which paragraph goes into your report?');
      expect(flat(frame)).toContain(shown[3]);
    });
  }

  it('60×24: a number key chooses a reply that is not in the window', async () => {
    const { r } = await open(60);
    // Which reply is 4 (↓ to it), then back up to the moment, reply 4 out of the window.
    await press(r, KEY.down, KEY.down, KEY.down, KEY.down);
    const fourth = highlightedEnd(r.lastFrame(), 4) as string;
    expect(fourth).toBeDefined();
    for (let i = 0; i < 20 && /more above/.test(r.lastFrame()); i++) await press(r, PG_UP);
    expect(flat(r.lastFrame())).not.toContain(fourth);
    await press(r, '4');
    expect(flat(r.lastFrame())).toContain(fourth);
    expect(r.lastFrame()).not.toContain('Which paragraph goes into your report?');
  });

  it('60×24: Enter with no reply highlighted says why in place of the help line, and q then n comes back to the place read; both within 23 rows', async () => {
    const { r } = await open(60);
    await press(r, KEY.enter);
    let frame = r.lastFrame();
    fits(frame, 60);
    expect(frame).toContain("Press a reply's number (1–4)");
    await press(r, KEY.down);
    expect(highlightedEnd(r.lastFrame(), 1)).toBeDefined();
    // Read on past it, then q, n: the window is where it was read, not back at reply 1.
    await press(r, PG_DOWN, PG_DOWN);
    const before = r.lastFrame();
    expect(before).not.toMatch(/^› 1\. /m);
    await press(r, 'q');
    fits(r.lastFrame(), 60);
    await press(r, 'n');
    frame = r.lastFrame();
    fits(frame, 60);
    expect(frame).toBe(before);
  });

  it('60×24: q keeps the window of the moment and replies above its question, within 23 rows; n brings the help line back', async () => {
    const { r } = await open(60);
    await press(r, KEY.down, PG_DOWN);
    const before = r.lastFrame();
    await press(r, 'q');
    const asked = r.lastFrame();
    fits(asked, 60);
    // A run with no reply made yet: the question says there is nothing new to save (in as many rows as the save question).
    expect(asked).toContain(NO_REPLY_QUIT);
    // The question under the window, as the trainer's screen has it: the replies still in sight,
    // the status on top. (The question stood alone under the status, the rest of the screen blank.)
    expect(lines(asked)[0]).toBe(lines(before)[0]);
    expect(asked).toMatch(/^ {2}\d\. \S/m);
    expect(asked).toMatch(/more (?:above \(PgUp\)|below \(PgDn\))/);
    await press(r, 'n');
    expect(r.lastFrame()).toBe(before);
  });

  for (const columns of [60, 80]) {
    it(`${columns}×24: with the quit question open, the highlighted reply stays whole in the shorter window; n brings the screen back as it was`, async () => {
      const { r, ends } = await open(columns);
      for (let i = 1; i <= ends.length; i++) {
        await press(r, KEY.down);
        const before = r.lastFrame();
        const whole = highlightedEnd(before, i);
        expect(whole).toBeDefined();
        await press(r, 'q');
        const asked = r.lastFrame();
        fits(asked, columns);
        expect(asked).toContain(NO_REPLY_QUIT);
        expect(highlightedEnd(asked, i)).toBe(whole);
        await press(r, 'n');
        expect(r.lastFrame()).toBe(before);
      }
    });
  }

  it('60×24 resized to 120×40 with a reply highlighted: still fits, that reply still in view and highlighted', async () => {
    const { r } = await open(60);
    await press(r, KEY.down, KEY.down, KEY.down);
    const third = highlightedEnd(r.lastFrame(), 3);
    expect(third).toBeDefined();
    await r.resize(120, 40);
    let frame = r.lastFrame();
    expect(lines(frame).length).toBeLessThanOrEqual(39);
    for (const line of lines(frame)) expect(line.length).toBeLessThanOrEqual(120);
    expect(highlightedEnd(frame, 3)).toBe(third);
    await r.resize(60, 24);
    frame = r.lastFrame();
    fits(frame, 60);
    expect(highlightedEnd(frame, 3)).toBe(third);
    // Enter still chooses it.
    await press(r, KEY.enter);
    expect(r.lastFrame()).not.toContain('Which paragraph goes into your report?');
    expect(flat(r.lastFrame())).toContain(third);
  });
});

describe('the play screen: Enter never chooses a reply PgUp/PgDn scrolled out of the window', () => {
  it('60×24: Enter on a highlighted reply scrolled out of view brings it back and says so; only Enter again chooses it', async () => {
    const { r, playable } = await open(60);
    await press(r, KEY.down);
    const first = highlightedEnd(r.lastFrame(), 1) as string;
    expect(first).toBeDefined();
    // Read on to the end: reply 1, still highlighted, is above the window.
    for (let i = 0; i < 20 && !r.lastFrame().includes('(end)'); i++) await press(r, PG_DOWN);
    expect(r.lastFrame()).not.toMatch(/^› 1\. /m);
    await press(r, KEY.enter);
    let frame = r.lastFrame();
    fits(frame, 60);
    // Not chosen: still the decision, reply 1 back in the window whole, and why in place of the help line.
    expect(frame).not.toContain('Your reply');
    expect(highlightedEnd(frame, 1)).toBe(first);
    expect(flat(frame)).toContain('Reply 1, the one highlighted, was out of view: it is shown now. Enter again chooses it.');
    // In view, Enter chooses it: its feedback follows (practice).
    await press(r, KEY.enter);
    frame = r.lastFrame();
    expect(frame).not.toContain('Which paragraph goes into your report?');
    // Its feedback, found by the reply's own words' end ("Reply N ends here."): the echo of a reply this
    // long is left out at 60×24 when the status takes a second row (an author's test says so there).
    const node = playable.scenario.nodes.find((n) => n.id === 'd9-report');
    const chosen = node?.kind === 'decision' ? node.replies.find((x) => x.text.endsWith(first)) : undefined;
    expect(chosen).toBeDefined();
    expect(flat(frame)).toContain(chosen!.feedback.slice(0, 60));
  });
});
