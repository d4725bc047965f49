import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPlayable } from '../../src/terminal/scenario-source.js';
import { appElement, enterPast, FIXTURES, KEY, newPhone, press, renderAt, tap, tempEnv } from './helpers/ink.js';
import { startSession } from '../../src/machines/index.js';
import { BUNDLED, rows } from './helpers/layout.js';
import type { AppStart } from '../../src/terminal/ui/App.js';
import { MIN_COLUMNS, MIN_ROWS } from '../../src/terminal/ui/useScreenSize.js';

/** Widest row of a frame, trailing spaces not counted. */
const widest = (frame: string) => Math.max(...rows(frame).map((l) => [...l.trimEnd()].length));

/** The app at a size after some keys; `start` as the command line would open it. */
/** In `reach`'s keys: Enter until the feedback is left (taller than the window, Enter reads on first). */
const PAST_FEEDBACK = 'past the feedback';

async function reach(columns: number, height: number, keys: string[], start?: AppStart) {
  const r = await renderAt(appElement({ env: tempEnv(), start }).element, columns, height);
  for (const key of keys) await (key === PAST_FEEDBACK ? enterPast(r, 'Feedback on your reply') : press(r, key));
  return r;
}

// Every kind of screen: picker, content note, decision, feedback, scene, the last feedback, debrief, and a trainer-led decision and reveal.
const SCREENS: { name: string; keys: string[]; start?: () => AppStart }[] = [
  { name: 'the picker', keys: [KEY.down] },
  { name: 'the content note', keys: ['1'] },
  { name: 'a decision', keys: ['1', KEY.enter, KEY.down] },
  { name: 'feedback', keys: ['1', KEY.enter, '1'] },
  { name: 'a scene', keys: ['1', KEY.enter, '1', KEY.enter] },
  { name: 'the debrief', keys: ['1', KEY.enter, '1', KEY.enter, KEY.enter, '1', KEY.enter] },
  { name: 'a trainer-led decision', keys: [KEY.enter, '3'], start: () => ({ kind: 'facilitate', playable: newPhone() }) },
  { name: 'a trainer-led reveal', keys: [KEY.enter, '3', 'r'], start: () => ({ kind: 'facilitate', playable: newPhone() }) },
];

describe('following the terminal when its window is resized', () => {
  it.each(SCREENS)('$name is laid out again at the new size, shrinking and growing, as if it had started there', async ({ keys, start }) => {
    const wide = await reach(120, 40, keys, start?.());
    const before = wide.lastFrame();
    await wide.resize(60, 24);
    const narrow = await reach(60, 24, keys, start?.());
    expect(wide.lastFrame()).toBe(narrow.lastFrame());
    expect(widest(wide.lastFrame())).toBeLessThanOrEqual(60);
    // And back: the wide layout returns.
    await wide.resize(120, 40);
    expect(wide.lastFrame()).toBe(before);
    wide.unmount();
    narrow.unmount();
  });

  it(`below ${MIN_COLUMNS}×${MIN_ROWS} (the size every screen is proven to fit, see fit.test) a notice asks for a larger window, keys other than Ctrl-C wait, and the screen comes back as it was`, async () => {
    const r = await reach(80, 24, ['1', KEY.enter]);
    const decision = r.lastFrame();
    await r.resize(40, 12);
    expect(r.lastFrame()).toContain('Make the window larger');
    expect(rows(r.lastFrame()).join(' ').replace(/\s+/g, ' ')).toContain('this window is 40×12');
    expect(r.lastFrame()).not.toContain('Decision 1');
    expect(rows(r.lastFrame()).length).toBeLessThanOrEqual(11);
    expect(widest(r.lastFrame())).toBeLessThanOrEqual(40);
    // During a playthrough Ctrl-C saves it.
    expect(rows(r.lastFrame()).join(' ').replace(/\s+/g, ' ')).toContain('Nothing is lost: the screen comes back as it was. Ctrl-C saves and quits.');
    // A reply typed blind is not taken.
    await tap(r, '1');
    await r.resize(80, 24);
    expect(r.lastFrame()).toBe(decision);
    // One row or one column short is too small, and the notice names the size needed; the
    // smallest window accepted shows the screen.
    for (const [c, h] of [[80, MIN_ROWS - 1], [MIN_COLUMNS - 1, 40]] as const) {
      await r.resize(c, h);
      expect(rows(r.lastFrame()).join(' ').replace(/\s+/g, ' ')).toContain(`Make the window larger. casa-practice needs at least ${MIN_COLUMNS}×${MIN_ROWS}; this window is ${c}×${h}.`);
    }
    await r.resize(MIN_COLUMNS, MIN_ROWS);
    expect(r.lastFrame()).not.toContain('Make the window larger');
    expect(rows(r.lastFrame())[0]).toMatch(/Decision 1 of about/);
    r.unmount();
  });

  // Newcomer pass (term-55): over the picker it said "Ctrl-C saves and quits.", where nothing is in
  // progress and Ctrl-C only quits.
  it('too small over the picker or a content note, the notice says Ctrl-C quits, not that it saves', async () => {
    for (const keys of [[], ['1']]) {
      const r = await reach(80, 24, keys);
      await r.resize(40, 12);
      const said = rows(r.lastFrame()).join(' ').replace(/\s+/g, ' ');
      expect(said).toContain('Nothing is lost: the screen comes back as it was. Ctrl-C quits.');
      expect(said).not.toContain('saves');
      r.unmount();
    }
  });

  it('on a very wide terminal, text stops at 100 columns on every screen of a playthrough', async () => {
    const playable = loadPlayable(join(BUNDLED, 'youth-discloses.json'));
    if ('problems' in playable) throw new Error(playable.problems);
    const r = await reach(180, 50, [KEY.enter], { kind: 'play', playable, showNote: true });
    const { playToDebrief } = await import('./helpers/ink.js');
    await playToDebrief(r);
    await press(r, KEY.tab);
    await press(r, KEY.tab);
    const widths = r.frames.map(widest);
    expect(Math.max(...widths)).toBeLessThanOrEqual(100);
    // Not vacuous: the text did use the width it had.
    expect(Math.max(...widths)).toBeGreaterThan(90);
    r.unmount();
  });
});

describe('scrolled to the end, then the window grows', () => {
  it('the first PgUp in a trainer-led reveal moves the view (it did nothing once: the offset kept was past the new end)', async () => {
    const playable = loadPlayable(join(BUNDLED, 'trafficker-contact.json'), 'd1-text');
    if ('problems' in playable) throw new Error(playable.problems);
    const r = await reach(60, 24, [KEY.enter, '3', 'r'], { kind: 'facilitate', playable });
    for (let i = 0; i < 20 && !/\(end\)/.test(r.lastFrame()); i++) await press(r, '\u001b[6~');
    expect(r.lastFrame()).toContain('(end)');
    await r.resize(100, 40);
    const grown = r.lastFrame();
    const above = /↑ (\d+) more above/.exec(grown)?.[1];
    expect(above).toBeDefined();
    await press(r, '\u001b[5~');
    expect(r.lastFrame()).not.toBe(grown);
    expect(r.lastFrame()).not.toContain(`↑ ${above} more above`);
    r.unmount();
  });
});

/** The rows a scrolled view shows: between its "↑ … more above" row and its "↓ … more below" (or "(end)") row. */
function shownRows(frame: string): string[] {
  // (Trimmed: a trainer-led screen is drawn a column in from the edge.)
  const all = rows(frame).map((l) => l.trimStart());
  const top = all.findIndex((l) => /^↑ \d+ more above/.test(l));
  const bottom = all.findIndex((l, i) => i > top && (/^↓ \d+ more below/.test(l) || /^\(end\)/.test(l)));
  if (top < 0 || bottom < 0) throw new Error(`not a scrolled view:\n${frame}`);
  return all.slice(top + 1, bottom).map((l) => l.trim());
}
const words = (ls: string[]) => ls.join(' ').replace(/\s+/g, ' ').trim();

describe('scrolled down in the debrief, then the window is resized', () => {
  // The offset was kept as a count of rows: rewrapped at the new width, the same count of rows
  // ended somewhere else in the text (120×40 → 60×24 went back by a decision and a half; 60×24 →
  // 120×40 skipped on past the rest of the decision being read).
  it.each([[120, 40, 60, 24], [60, 24, 120, 40]] as const)('at %i×%i → %i×%i the row read at the top is still at the top, rewrapped, and back where it was', async (c1, h1, c2, h2) => {
    const playable = loadPlayable(join(BUNDLED, 'couch-rent.json'));
    if ('problems' in playable) throw new Error(playable.problems);
    const r = await reach(c1, h1, [KEY.enter], { kind: 'play', playable, showNote: true });
    const { playToDebrief } = await import('./helpers/ink.js');
    await playToDebrief(r); // through how it ended, to the summary
    await press(r, '2'); // the transcript
    await press(r, '\u001b[6~', '\u001b[6~'); // PgDn, PgDn
    const before = shownRows(r.lastFrame());
    const top = before.find((l) => l !== '') as string;
    expect(top).toBeDefined();
    await r.resize(c2, h2);
    const after = shownRows(r.lastFrame());
    // The first row shown now holds where the row read began (wider, it may begin earlier and go
    // on further: a suffix of it, from a word on, begins as the row read does, or the row read as
    // it, as holdsStart below has it; only the first was allowed, which passed while the row read
    // ended a paragraph, and failed when it began "You chose: “I promise…" and went on at 120)…
    const first = words([after.find((l) => l !== '') ?? '']);
    const from = first.split(' ').map((_, k, all) => all.slice(k).join(' '));
    const read = words([top]);
    expect(from.some((tail) => read.startsWith(tail) || tail.startsWith(read))).toBe(true);
    // …and the whole row read is on the screen, wrapped to the new width.
    expect(words(after)).toContain(words([top]));
    // Resized back, the section is where it was: the same row at the top (it was a row or so above).
    await r.resize(c1, h1);
    expect(shownRows(r.lastFrame()).find((l) => l !== '')).toBe(top);
    r.unmount();
  });
});

// Every other screen that scrolls kept its place as a count of rows too: resized, the reader was
// somewhere else in the text (60×24 → 120×40 went on past what was being read; 120×40 → 60×24 went
// back to text already read). The fixture's narration and feedback are long enough to scroll at
// both sizes, in numbered sentences short enough that every row holds one's number: no two rows are
// alike, so the row read can be found again.
describe('scrolled down on any screen that scrolls, then the window is resized', () => {
  const tall = () => {
    const p = loadPlayable(join(FIXTURES, 'tall', 'long-text.json'));
    if ('problems' in p) throw new Error(p.problems);
    return p;
  };
  const play = (): AppStart => ({ kind: 'play', playable: tall(), showNote: true });
  const facilitate = (): AppStart => ({ kind: 'facilitate', playable: tall() });
  // Saved after the first reply and the long scene it led to: it opens on "Where you left off".
  const resumed = (): AppStart => {
    const playable = tall();
    const actor = startSession(playable.scenario, 'practice');
    actor.send({ type: 'reply.choose', replyId: 'phone-curious' });
    actor.send({ type: 'scene.continue' });
    return { kind: 'play', playable, snapshot: actor.getPersistedSnapshot(), showNote: false };
  };
  const SCROLLED: { name: string; keys: string[]; start: () => AppStart; rows?: number }[] = [
    { name: 'a decision whose moment scrolls', keys: [KEY.enter], start: play },
    // Feedback is at most 2,000 characters: at 100 columns even the fixture's fits 120×40 (and 120×30)
    // whole, drawn tighter, so it is read at 120×24, where it scrolls too.
    { name: 'feedback', keys: [KEY.enter, '1'], start: play, rows: 24 },
    { name: 'a scene', keys: [KEY.enter, '1', PAST_FEEDBACK], start: play },
    { name: 'the recap of a resumed playthrough', keys: [], start: resumed },
    { name: 'a trainer-led decision', keys: [KEY.enter], start: facilitate },
    { name: 'a trainer-led scene', keys: [KEY.enter, 'r', '1'], start: facilitate },
  ];
  // The short status on a scene too tall for 60×24: "After 1 of about 2 decisions · Jade's trust
  // ██████░░░░ 60 of 100" is 63 characters, but the check of whether the meter fits beside the step
  // measured it with no bar (meters.map(meterText) passed each meter's index as its cells): the row
  // was cut to "… 60/1…" (when the meter said "60/100"). The meter goes on a row of its own, whole.
  it('the short status of a scene too tall for 60×24 puts a meter that does not fit beside the step on its own row, whole', async () => {
    const r = await reach(60, 24, [KEY.enter, '1', PAST_FEEDBACK], play());
    const shown = (r.lastFrame() ?? '').split('\n');
    expect(shown[0]).toBe('After 1 of about 2 decisions');
    expect(shown[1]).toMatch(/^Jade's trust [█░]{10} 60 of 100$/);
    expect(r.lastFrame()).not.toContain('…');
  });
  const PG_DN = '\u001b[6~';
  /** Whether the first row shown holds where `row` began: from a word on, the one begins as the other (a wider row may begin earlier, and go on further). */
  const holdsStart = (shown: string[], row: string) => {
    const first = words([shown.find((l) => l !== '') ?? '']);
    const read = words([row]);
    return first.split(' ').some((_, k, all) => {
      const tail = all.slice(k).join(' ');
      return read.startsWith(tail) || tail.startsWith(read);
    });
  };
  const cases = SCROLLED.flatMap((s) => [[60, 24, 120, s.rows ?? 40], [120, s.rows ?? 40, 60, 24]].map(([c1, h1, c2, h2]) => ({ ...s, c1, h1, c2, h2 })));
  it.each(cases)('$name, at $c1×$h1 → $c2×$h2 and back: the row read at the top is still at the top (or in view, at the end)', async ({ keys, start, c1, h1, c2, h2 }) => {
    const r = await reach(c1 as number, h1 as number, keys, start());
    await press(r, PG_DN);
    const before = shownRows(r.lastFrame());
    const top = before.find((l) => l !== '') as string;
    expect(top).toMatch(/\d/);
    await r.resize(c2 as number, h2 as number);
    const after = shownRows(r.lastFrame());
    // Wrapped to the new width, the whole row read is on the screen…
    expect(words(after)).toContain(words([top]));
    // …and it begins on the first row, unless the text ends first (the window shows its end).
    if (!/^\s*\(end\)/m.test(r.lastFrame())) expect(holdsStart(after, top), `${top}\n---\n${after.join('\n')}`).toBe(true);
    // Back to the first size, the window is where it was: the same row at the top.
    await r.resize(c1 as number, h1 as number);
    expect(shownRows(r.lastFrame()).find((l) => l !== '')).toBe(top);
    r.unmount();
  });

  // The reveal's replies go one under another at 60 columns and side by side at 120: the place read
  // is a place in one reply's column (the first, where they are side by side). Counted across the
  // columns, 120×40 → 60×24 went from the first reply's feedback to the third's.
  // (The line between columns is drawn as a space by rows(): a column ends at three spaces or more.)
  const cells = (shown: string[]) => shown.map((l) => l.split(/ {3,}/).map((c) => c.trim()));
  const column = (shown: string[], c: number) => cells(shown).map((row) => row[c] ?? '');
  // (Four pages down at 60×24 is in the second reply: side by side, that is the second column.)
  it.each([[60, 24, 120, 40, 2], [60, 24, 120, 40, 4], [120, 40, 60, 24, 2]])('a trainer-led reveal, at %i×%i → %i×%i and back, %i pages down: the text read at the top left is at the top of its reply\'s column', async (c1, h1, c2, h2, pages) => {
    const r = await reach(c1, h1, [KEY.enter, 'r'], facilitate());
    await press(r, ...Array<string>(pages).fill(PG_DN));
    const top = column(shownRows(r.lastFrame()), 0).find((l) => l !== '') as string;
    expect(top).toMatch(/[a-z]/);
    await r.resize(c2, h2);
    const after = shownRows(r.lastFrame());
    const holding = [0, 1, 2].map((c) => column(after, c)).find((col) => words(col).includes(words([top])));
    expect(holding, `${top}\n---\n${after.join('\n')}`).toBeDefined();
    if (!/^\s*\(end\)/m.test(r.lastFrame())) expect(holdsStart(holding as string[], top), `${top}\n---\n${after.join('\n')}`).toBe(true);
    // Back to the first size, the window is where it was (in the same reply, not the first column's).
    await r.resize(c1, h1);
    expect(column(shownRows(r.lastFrame()), 0).find((l) => l !== '')).toBe(top);
    r.unmount();
  });
});
