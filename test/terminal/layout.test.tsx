import { recordCompletion } from '../../src/machines/index.js';
import { stateStore } from '../../src/terminal/node/state-store.js';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportsDir } from '../../src/terminal/export.js';
import { loadPlayable, type PlayableScenario } from '../../src/terminal/scenario-source.js';
import { appElement, KEY, playToDebrief, press, renderAt, tap, tempEnv } from './helpers/ink.js';
import { BUNDLED, bundledFile, bundledProse, rows, wrappedParagraphs } from './helpers/layout.js';

const PROSE = bundledProse();
const PG_DOWN = '\u001b[6~';
const PG_UP = '\u001b[5~';


function bundled(name: string): PlayableScenario {
  const p = loadPlayable(bundledFile(name));
  if ('problems' in p) throw new Error(p.problems);
  return p;
}

/** Asserts that no wrapped paragraph in any frame has a continuation row indented differently. */
function expectEvenIndents(frames: string[]): number {
  let checked = 0;
  for (const frame of new Set(frames)) {
    for (const { text, at } of wrappedParagraphs(frame, PROSE)) {
      const indents = new Set(at.continuationIndents);
      // Every continuation row starts at the same column, never right of where the paragraph began.
      expect({ text, indents: [...indents] }).toEqual({ text, indents: [at.continuationIndents[0]] });
      expect(at.continuationIndents[0], text).toBeLessThanOrEqual(at.firstColumn);
      checked++;
    }
  }
  return checked;
}

describe('wrapped text', () => {
  it.each([80, 60])('at %i columns, continuation rows of every wrapped paragraph line up (no stray leading space)', async (columns) => {
    const { element } = appElement({ env: tempEnv(), dir: BUNDLED });
    const r = await renderAt(element, columns);
    await press(r, KEY.down, KEY.down, KEY.down, KEY.down, KEY.down, KEY.down);
    // Picker → content note → a whole playthrough (first replies at 80, second at 60) → every debrief tab.
    await press(r, KEY.enter);
    await playToDebrief(r, columns === 80 ? 1 : 2);
    for (const key of [PG_DOWN, PG_DOWN, KEY.tab, PG_DOWN, PG_DOWN, PG_DOWN, KEY.tab, PG_DOWN, PG_DOWN, PG_DOWN]) await press(r, key);
    const checked = expectEvenIndents(r.frames);
    // Every screen of the way fits a 24-row terminal.
    for (const frame of r.frames) expect(rows(frame).length, frame).toBeLessThanOrEqual(24);
    // Not vacuous: many paragraphs were found wrapped over several rows.
    expect(checked).toBeGreaterThan(20);
    r.unmount();
  });

  it.each([80, 60])('at %i columns, the facilitator screens wrap evenly too (prompt, note, replies, reveal)', async (columns) => {
    const { element } = appElement({ env: tempEnv(), dir: BUNDLED, start: { kind: 'facilitate', playable: bundled('youth-discloses.json') } });
    const r = await renderAt(element, columns);
    await press(r, KEY.enter);
    for (let i = 0; i < 4; i++) {
      for (let k = 0; k < 10 && /Enter: continue/.test(r.lastFrame()); k++) await press(r, KEY.enter);
      await press(r, '4', 'r');
      // A reveal that fits has nothing to scroll: PgDn may draw nothing there.
      await tap(r, PG_DOWN, PG_DOWN);
      await press(r, '1');
    }
    expect(expectEvenIndents(r.frames)).toBeGreaterThan(5);
    // Votes, reveal and scenes all fit 24 rows; a long reveal scrolls instead.
    for (const frame of r.frames) expect(rows(frame).length, frame).toBeLessThanOrEqual(24);
    expect(r.frames.some((f) => /↓ \d+ more below/.test(f))).toBe(true);
    r.unmount();
  });
});

describe('fitting 24 rows', () => {
  // In the picker's order (by title).
  const TITLES = ['A text from her “cousin”', 'After Jazz goes back', 'New nails, new phone, new boyfriend', 'The 11:40 p.m. call', "Theo's friend from the game", 'Three good months for Rina', 'Two courts for Kenzie', 'Two weeks without a word', 'What Kiara tells you', "Writing Lupe's court report"];

  it.each([80, 60])('at %i columns the picker shows every bundled scenario (number, title, minutes, completion) within 24 rows', async (columns) => {
    const env = tempEnv();
    recordCompletion(stateStore(env), 'red-flags', 80);
    const { element } = appElement({ env, dir: BUNDLED });
    const r = await renderAt(element, columns);
    for (let i = 0; i < TITLES.length; i++) {
      const frame = rows(r.lastFrame());
      expect(frame.length).toBeLessThanOrEqual(24);
      for (const line of frame) expect([...line].length).toBeLessThanOrEqual(columns);
      const text = frame.join('\n');
      TITLES.forEach((t, n) => expect(text).toMatch(new RegExp(`${n + 1}\\. ${t.replace(/[.*+?()]/g, '\\$&')} +\\d+ min`)));
      expect(text).toMatch(/New nails, new phone, new boyfriend +18 min +✓ best 80%/);
      await press(r, KEY.down);
    }
    r.unmount();
  });

  it("shows only the highlighted scenario's summary, and it follows the arrows", async () => {
    const { element } = appElement({ env: tempEnv(), dir: BUNDLED });
    const r = await renderAt(element, 80);
    const flat = () => rows(r.lastFrame()).join(' ').replace(/\s+/g, ' ');
    expect(flat()).toContain('Practise saying nothing to them, telling the team everything');
    expect(flat()).not.toContain('After seven good weeks');
    await press(r, KEY.down);
    expect(flat()).toContain('After seven good weeks');
    expect(flat()).not.toContain('Practise saying nothing to them');
    r.unmount();
  });
});

/** The section's rows on screen now: between the tabs line (and its blank and top indicator) and the bottom indicator. */
function sectionRows(frame: string): { content: string[]; below: boolean; above: boolean } {
  const fr = rows(frame);
  const tabs = fr.findIndex((l) => /\[\d [A-Z]/.test(l));
  const bottom = fr.findIndex((l, i) => i > tabs && /^(↓ \d+ more below|\(end\))/.test(l));
  expect(bottom, frame).toBeGreaterThan(tabs);
  return { content: fr.slice(tabs + 3, bottom), below: fr[bottom]?.startsWith('↓') ?? false, above: /^↑ \d+ more above/.test(fr[tabs + 2] ?? '') };
}

describe('scrolling the debrief', () => {
  it.each([80, 60])('at %i×24 the summary of a scenario touching many principles scrolls with ↓/PgDn/PgUp, every principle reachable, within 24 rows', async (columns) => {
    const env = tempEnv();
    const { element } = appElement({ env, dir: BUNDLED });
    const r = await renderAt(element, columns);
    await press(r, '4', KEY.enter); // The 11:40 p.m. call
    await playToDebrief(r, 2);
    let now = sectionRows(r.lastFrame());
    expect(now.below).toBe(true);
    expect(now.above).toBe(false);
    // One row at a time to the end: the rows seen, in order, are the whole section.
    const all = [...now.content];
    for (let i = 0; i < 200 && now.below; i++) {
      await press(r, KEY.down);
      expect(rows(r.lastFrame()).length).toBeLessThanOrEqual(24);
      const next = sectionRows(r.lastFrame());
      expect(next.content.slice(0, -1)).toEqual(now.content.slice(1));
      all.push(next.content[next.content.length - 1] as string);
      now = next;
    }
    expect(now.below).toBe(false);
    expect(r.lastFrame()).toContain('(end)');
    expect(now.above).toBe(true);

    // Every principle in the exported debrief was on screen at some point, with its status.
    await press(r, 'e');
    expect(r.lastFrame()).toContain('Debrief exported to:');
    const dir = exportsDir(env);
    const md = readFileSync(join(dir, readdirSync(dir).find((f) => f.endsWith('.md')) as string), 'utf8');
    const principles = [...md.matchAll(/^\| (.+?) \| (✗ violated|○ missed|✓ followed) \|/gm)].map((m) => [m[1] as string, m[2] as string]);
    expect(principles.length).toBeGreaterThan(10);
    const text = all.join(' ').replace(/\s+/g, ' ');
    for (const [title, status] of principles) expect(text).toContain(`${status} ${title}`);
    expect(text).toMatch(/Score: -?\d+ of \d+/);

    // PgUp pages back to the top.
    for (let i = 0; i < 40 && sectionRows(r.lastFrame()).above; i++) await press(r, PG_UP);
    expect(sectionRows(r.lastFrame()).content[0]).toMatch(/^Ending:/);
    expect(rows(r.lastFrame()).length).toBeLessThanOrEqual(24);
    r.unmount();
  });

  it('PgDn moves a page at a time and the path comparison scrolls too (60×24)', async () => {
    const { element } = appElement({ env: tempEnv(), dir: BUNDLED });
    const r = await renderAt(element, 60);
    await press(r, '4', KEY.enter);
    await playToDebrief(r, 2);
    const top = sectionRows(r.lastFrame()).content;
    await press(r, PG_DOWN);
    const page = sectionRows(r.lastFrame()).content;
    // A page keeps one row of the previous one, so the reader keeps their place.
    expect(page[0]).toBe(top[top.length - 1]);
    await press(r, '3');
    expect(sectionRows(r.lastFrame()).below).toBe(true);
    let seen = rows(r.lastFrame()).join('\n');
    for (let i = 0; i < 20 && sectionRows(r.lastFrame()).below; i++) {
      await press(r, PG_DOWN);
      seen += rows(r.lastFrame()).join('\n');
    }
    expect(seen).toMatch(/Best: /);
    expect(seen).toMatch(/The best-practice path from the start/);
    expect(sectionRows(r.lastFrame()).below).toBe(false);
    r.unmount();
  });
});
