import { countWords, recordCompletion, selectView, startSession, type Debrief } from '../../src/machines/index.js';
import { stateStore } from '../../src/terminal/node/state-store.js';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportsDir } from '../../src/terminal/export.js';
import { listCatalog } from '../../src/terminal/node/catalog-files.js';
import { loadPlayable, type PlayableScenario } from '../../src/terminal/scenario-source.js';
import { sessionSeed } from '../../src/terminal/seed.js';
import { playElement } from './helpers/play.js';
import { appElement, KEY, newPhone, playToDebrief, press, renderAt, tap, tempEnv, throughEnding, validatedCatalog } from './helpers/ink.js';
import { BUNDLED, bundledFile, bundledProse, rows, wrappedParagraphs } from './helpers/layout.js';

const PROSE = bundledProse();
const PG_DOWN = '\u001b[6~';
const PG_UP = '\u001b[5~';


const playables = new Map<string, PlayableScenario>();
function bundled(name: string): PlayableScenario {
  const p = playables.get(name) ?? loadPlayable(bundledFile(name));
  if ('problems' in p) throw new Error(p.problems);
  playables.set(name, p);
  return p;
}

/**
 * The picker's listing of the bundled scenarios, validated once for the file: these tests are about
 * layout; the picker's checking of files is tested where it is drawn (picker-open, rendering).
 */
const BUNDLED_CATALOG = validatedCatalog(BUNDLED);

/** The bundled scenarios in the picker's order (by title), as its numbers 1, 2, … */
const PICKER_ORDER = listCatalog(BUNDLED).entries.map((e) => basename(e.file));
/** The picker's number of a bundled scenario file, wherever new scenarios put it in the list. */
const numberOf = (file: string): number => {
  const n = PICKER_ORDER.indexOf(file) + 1;
  if (n === 0) throw new Error(`${file} is not in the picker`);
  return n;
};
/** The 11:40 p.m. call: a typical run touches 14 principles. */
const CALL = numberOf('left-placement-calls.json');

/**
 * The App opened on bundled scenario `n` (its number in the picker) as if it was picked there: the
 * content note, then Enter to start. The picker itself is tested above; opening it here would
 * validate every bundled file again for each test.
 */
async function openScenario(n: number, columns: number, env = tempEnv()) {
  const playable = bundled(PICKER_ORDER[n - 1] as string);
  const r = await renderAt(appElement({ env, dir: BUNDLED, start: { kind: 'play', playable, showNote: true } }).element, columns);
  expect(r.lastFrame()).toContain('Content note');
  await press(r, KEY.enter);
  return r;
}

/**
 * The debrief of a run through bundled scenario `n`, drawn at `columns`×24 by the play screen that
 * ran it. The run is the one playToDebrief plays by keys from openScenario (Enter on every scene,
 * then at each decision the first available reply of numbers pick, 1, 2, … as shown, with the
 * App's session seed), made through the core so that only the debrief is drawn: the screens on the
 * way are drawn and measured elsewhere (fit.test: every node and reply at 60 and 80 columns; the
 * playthroughs under "wrapped text"), and the first test below checks that this debrief is exactly
 * the one the App draws at the end of playToDebrief.
 */
async function openDebrief(n: number, columns: number, pick: number, env = tempEnv()) {
  const playable = bundled(PICKER_ORDER[n - 1] as string);
  const actor = startSession(playable.scenario, 'practice', undefined, sessionSeed(env));
  for (let i = 0; i < 80; i++) {
    const view = selectView(playable.scenario, actor.getSnapshot());
    if (view.done) break;
    if (view.kind === 'scene') {
      actor.send({ type: 'scene.continue' });
      continue;
    }
    const reply = [pick, 1, 2, 3, 4, 5].map((k) => view.replies[k - 1]).find((x) => x?.enabled);
    if (!reply) throw new Error(`no reply available at "${view.nodeId}"`);
    actor.send({ type: 'reply.choose', replyId: reply.id });
  }
  const r = await renderAt(playElement({ playable, actor, env }), columns);
  await throughEnding(r);
  expect(r.lastFrame()).toContain('Debrief:');
  return r;
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
    const { element } = appElement({ env: tempEnv(), catalog: BUNDLED_CATALOG });
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
  // In the picker's order (by title): every bundled scenario.
  const TITLES = listCatalog(BUNDLED).entries.map((e) => e.title);

  // With fourteen or more bundled scenarios the list no longer fits beside a long summary, at 60 columns
  // nor at 80 (thirteen did at 80, to the row): it is then a window that follows the highlight and
  // says how many more are above and below (Picker), and every scenario is reached with the arrows.
  it.each([80, 60])('at %i columns the picker shows every bundled scenario (number, title, minutes, completion) within 24 rows', async (columns) => {
    const env = tempEnv();
    recordCompletion(stateStore(env), 'red-flags', 80);
    const { element } = appElement({ env, catalog: BUNDLED_CATALOG });
    const r = await renderAt(element, columns);
    expect(TITLES.length).toBeGreaterThanOrEqual(10);
    const entry = (n: number) => new RegExp(`${n + 1}\\. ${(TITLES[n] as string).replace(/[.*+?()]/g, '\\$&')} +\\d+ min`);
    const seen = new Set<number>();
    for (let i = 0; i < TITLES.length; i++) {
      const frame = rows(r.lastFrame());
      expect(frame.length).toBeLessThanOrEqual(24);
      for (const line of frame) expect([...line].length).toBeLessThanOrEqual(columns);
      const text = frame.join('\n');
      const shown = TITLES.map((_, n) => n).filter((n) => entry(n).test(text));
      shown.forEach((n) => seen.add(n));
      if (shown.length < TITLES.length) expect(text).toMatch(/(↑|↓) \d+ more/);
      // The highlighted scenario is always on screen.
      expect(text).toMatch(new RegExp(`^› +${entry(i).source}`, 'm'));
      if (text.includes('New nails, new phone, new boyfriend')) expect(text).toMatch(/New nails, new phone, new boyfriend +18 min +best 80%/);
      await press(r, KEY.down);
    }
    expect(seen.size).toBe(TITLES.length);
    r.unmount();
  });

  it("shows only the highlighted scenario's summary, and it follows the arrows", async () => {
    const { element } = appElement({ env: tempEnv(), catalog: BUNDLED_CATALOG });
    const r = await renderAt(element, 80);
    const flat = () => rows(r.lastFrame()).join(' ').replace(/\s+/g, ' ');
    expect(flat()).toContain('What do you do, who do you tell, and what do you do with how it leaves you feeling?');
    expect(flat()).not.toContain('After seven good weeks');
    await press(r, KEY.down);
    expect(flat()).toContain('After seven good weeks');
    expect(flat()).not.toContain('who do you tell, and what do you do with how it leaves');
    r.unmount();
  });
});

/**
 * The section's rows on screen now: below the tabs line (and the top indicator when it scrolls),
 * above the bottom indicator, or above the help line when the section fits.
 */
function sectionRows(frame: string): { content: string[]; below: boolean; above: boolean; scrolls: boolean } {
  const fr = rows(frame);
  const tabs = fr.findIndex((l) => /\[\d [A-Z]/.test(l));
  const bottom = fr.findIndex((l, i) => i > tabs && /^(↓ \d+ more below|\(end\))/.test(l));
  if (bottom < 0) {
    const hints = fr.findIndex((l, i) => i > tabs && /^Tab\/←→: section/.test(l));
    expect(hints, frame).toBeGreaterThan(tabs);
    // Under the blank row below the tab line, where the section fits with a row to spare (as a section that scrolls opens with its blank "more above" row).
    return { content: fr.slice(fr[tabs + 1]?.trim() === '' ? tabs + 2 : tabs + 1, hints), below: false, above: false, scrolls: false };
  }
  return { content: fr.slice(tabs + 2, bottom), below: fr[bottom]?.startsWith('↓') ?? false, above: /^↑ \d+ more above/.test(fr[tabs + 1] ?? ''), scrolls: true };
}

/** Scrolls the section one row at a time from the top to the end; returns every row, in order. */
async function readSection(r: Awaited<ReturnType<typeof renderAt>>): Promise<string[]> {
  let now = sectionRows(r.lastFrame());
  expect(now.above).toBe(false);
  const all = [...now.content];
  for (let i = 0; i < 300 && now.below; i++) {
    await press(r, KEY.down);
    expect(rows(r.lastFrame()).length).toBeLessThanOrEqual(24);
    const next = sectionRows(r.lastFrame());
    expect(next.content.slice(0, -1)).toEqual(now.content.slice(1));
    all.push(next.content[next.content.length - 1] as string);
    now = next;
  }
  if (now.scrolls) {
    expect(r.lastFrame()).toContain('(end)');
    expect(now.above).toBe(true);
  }
  return all;
}

describe('a moment or feedback too long for the window', () => {
  // A scenario may hold up to 4,000 characters of narration and 2,000 of feedback: three screens at 60×24.
  const sentences = (n: number, what: string) => Array.from({ length: n }, (_, i) => `${what} ${i + 1} goes on here.`).join(' ');
  const long = (): PlayableScenario => {
    const p = newPhone();
    const nodes = p.scenario.nodes.map((n) => {
      if (n.id === 'phone' && n.kind === 'decision') return { ...n, narration: sentences(50, 'Decision sentence'), replies: n.replies.map((r, i) => (i === 0 ? { ...r, feedback: sentences(40, 'Feedback sentence') } : r)) };
      if (n.kind === 'scene') return { ...n, narration: sentences(40, 'Scene sentence') };
      return n;
    });
    return { ...p, scenario: { ...p.scenario, nodes } };
  };
  const fits = (frame: string) => {
    expect(rows(frame).length, frame).toBeLessThanOrEqual(23);
    for (const row of rows(frame)) expect([...row].length, row).toBeLessThanOrEqual(60);
  };

  it('at 60×24 scrolls its words in a window (PgUp PgDn at a decision, ↑↓ too elsewhere), the status, replies and keys staying whole', async () => {
    const p = long();
    const r = await renderAt(playElement({ playable: p, actor: startSession(p.scenario, 'practice'), env: tempEnv() }), 60);
    // The decision: the top of its narration, the whole of its replies, and how to see the rest.
    let frame = r.lastFrame();
    fits(frame);
    expect(rows(frame)[0]).toMatch(/^Decision 1 of about 2/);
    expect(frame).toContain('Decision sentence 1 goes on here.');
    expect(frame).not.toContain('Decision sentence 50 goes on here.');
    for (const text of ['What do you say or do?', '1. That\'s a nice one! How did you get it?', '3. Do: Say nothing about the phone', 'PgUp PgDn: scroll · q: save & quit']) expect(frame).toContain(text);
    // ↓ highlights a reply, as on every decision; PgDn scrolls.
    await press(r, KEY.down);
    expect(r.lastFrame()).toContain('Decision sentence 1 goes on here.');
    for (let i = 0; i < 10 && !/Decision sentence 50 goes/.test(r.lastFrame()); i++) await press(r, PG_DOWN);
    frame = r.lastFrame();
    fits(frame);
    expect(frame).toContain('Decision sentence 50 goes on here.');
    expect(frame).toMatch(/↑ \d+ more above \(PgUp\)/);
    expect(frame).toContain('What do you say or do?');
    // The feedback: its reply, the feedback scrolled to its end, the principle and the trust change.
    await press(r, '1');
    frame = r.lastFrame();
    fits(frame);
    expect(frame).toContain('Feedback on your reply');
    expect(frame).toContain('“That\'s a nice one! How did you get it?”');
    // (Enter reads on while rows are below the window: enter-reads-on.test.)
    expect(frame).toContain('Enter: read on · ↑↓ PgUp PgDn: scroll · u: undo');
    for (let i = 0; i < 40 && !/\(end\)/.test(r.lastFrame()); i++) await press(r, KEY.down);
    frame = r.lastFrame();
    fits(frame);
    expect(frame).toContain('Feedback sentence 40 goes on here.');
    expect(frame).toContain('✓ follows Curious, not interrogating');
    expect(frame).toContain("Jade's trust: 50 → 60");
    // The scene after it opens at its top; ↓ scrolls it, Enter reads on to its end, then goes on.
    await press(r, KEY.enter);
    frame = r.lastFrame();
    fits(frame);
    expect(frame).toContain('Scene sentence 1 goes on here.');
    expect(frame).toContain('Enter: read on');
    expect(frame).toContain('↑↓ PgUp PgDn: scroll');
    await press(r, KEY.down, KEY.down);
    expect(r.lastFrame()).toMatch(/↑ 2 more above/);
    for (let i = 0; i < 40 && /more below/.test(r.lastFrame()); i++) await press(r, KEY.enter);
    expect(r.lastFrame()).toContain('Enter: continue');
    await press(r, KEY.enter);
    expect(r.lastFrame()).toMatch(/Decision 2 of about 2/);
  });

  it('at 100×40 the same moment fits whole: no window, no scroll keys', async () => {
    const p = long();
    const r = await renderAt(playElement({ playable: p, actor: startSession(p.scenario, 'practice'), env: tempEnv() }), 100, 40);
    expect(r.lastFrame().replace(/\s+/g, ' ')).toContain('Decision sentence 50 goes on here.');
    expect(r.lastFrame()).not.toContain('scroll');
    expect(r.lastFrame()).not.toContain('more below');
  });
});

describe('how it ended', () => {
  // A trainer's ending may be long: at 60×24 its page scrolls and says how, and never grows past the window.
  const longEnding = (): PlayableScenario => {
    const p = newPhone();
    const narration = Array.from({ length: 40 }, (_, i) => `Sentence ${i + 1} of how it ended.`).join(' ');
    return { ...p, scenario: { ...p.scenario, nodes: p.scenario.nodes.map((n) => (n.kind === 'ending' ? { ...n, narration } : n)) } };
  };
  const ended = (p: PlayableScenario) => {
    const actor = startSession(p.scenario, 'practice');
    for (let i = 0; i < 20 && !selectView(p.scenario, actor.getSnapshot()).done; i++) {
      const view = selectView(p.scenario, actor.getSnapshot());
      actor.send(view.kind === 'scene' ? { type: 'scene.continue' } : { type: 'reply.choose', replyId: view.replies[0]!.id });
    }
    return actor;
  };

  it('at 60×24 a long ending scrolls within the window (↑↓ PgUp PgDn), and a section\'s number opens that section of the debrief', async () => {
    const p = longEnding();
    const r = await renderAt(playElement({ playable: p, actor: ended(p), env: tempEnv() }), 60);
    const first = r.lastFrame();
    expect(first).toContain('Example: the new phone: how it ended');
    expect(first).toContain('Sentence 1 of how it ended.');
    expect(first).toMatch(/↓ \d+ more below/);
    // Enter reads on while rows are below (enter-reads-on.test); q goes on from anywhere.
    expect(first).toContain('Enter: read on · q: see the debrief · ↑↓ PgUp PgDn: scroll');
    expect(rows(first).length).toBeLessThanOrEqual(24);
    for (const row of rows(first)) expect([...row].length).toBeLessThanOrEqual(60);
    for (let i = 0; i < 10 && !/\(end\)/.test(r.lastFrame()); i++) await press(r, PG_DOWN);
    expect(r.lastFrame()).toContain('Sentence 40 of how it ended.');
    expect(r.lastFrame()).toContain('Enter or q: see the debrief · ↑↓ PgUp PgDn: scroll');
    expect(rows(r.lastFrame()).length).toBeLessThanOrEqual(24);
    await press(r, '4');
    expect(r.lastFrame()).toContain('Debrief: Example: the new phone');
    expect(r.lastFrame()).toContain('[4 To work on]');
    // The transcript's tab has the heading every view gives it (the web's said "Your replies, annotated").
    expect(r.lastFrame()).toContain(' 2 Transcript ');
  });

  it('a long ending keeps one row spare at 60×24 (a full frame made Ink clear the terminal and its scrollback at every key)', async () => {
    // Walkthrough: one blank row too many above the help line (KeyHints' own and a Box's) made the
    // page 24 rows in a 24-row window; each ↑↓ then wrote ESC[2J ESC[3J, wiping what was above.
    const p = longEnding();
    const r = await renderAt(playElement({ playable: p, actor: ended(p), env: tempEnv() }), 60);
    expect(rows(r.lastFrame()).length).toBeLessThanOrEqual(23);
    await press(r, KEY.down);
    expect(rows(r.lastFrame()).length).toBeLessThanOrEqual(23);
    // One blank row above the help line, as the comment on the page says.
    const drawn = rows(r.lastFrame());
    const hint = drawn.findIndex((l) => l.startsWith('Enter: read on · q: see the debrief'));
    expect(drawn[hint - 1]).toBe('');
    expect(drawn[hint - 2]).toMatch(/more below/);
  });

  it('a short one needs no scrolling, and its help line offers none', async () => {
    const p = newPhone();
    const r = await renderAt(playElement({ playable: p, actor: ended(p), env: tempEnv() }), 60);
    expect(r.lastFrame()).toContain('how it ended');
    expect(r.lastFrame()).not.toContain('more below');
    expect(r.lastFrame()).not.toContain('scroll');
    await press(r, KEY.enter);
    expect(r.lastFrame()).toContain('[1 Summary]');
  });
});

describe('the debrief', () => {
  it.each([80, 60])('at %i×24 the summary shows the outcome band and a score bar first, and a table of every principle with ✓/✗/○ counts; at 80 it fits the first page whole', async (columns) => {
    const env = tempEnv();
    const r = await openDebrief(CALL, columns, 2, env);
    // The debrief drawn at once is the one the App draws after playing there by keys.
    const played = await openScenario(CALL, columns);
    await playToDebrief(played, 2);
    expect(r.lastFrame()).toBe(played.lastFrame());
    played.unmount();
    const first = sectionRows(r.lastFrame());
    expect(first.content[0]).toMatch(/^Ending: /);
    expect(first.content[1]).toMatch(/^Outcome: (Strong|Developing|Needs review) · [█░]{10} \d+% \((\d+ of \d+ points|\d+ points? below zero, of \d+ possible)/);
    if (columns === 80) expect(first.scrolls).toBe(false);
    const all = await readSection(r);

    // Every principle of the exported debrief is in the table once, with its counts.
    await press(r, 'e');
    const dir = exportsDir(env);
    const { debrief } = JSON.parse(readFileSync(join(dir, readdirSync(dir).find((f) => f.endsWith('.json')) as string), 'utf8')) as { debrief: Debrief };
    expect(debrief.principles.length).toBeGreaterThan(10);
    const text = all.join(' ').replace(/\s+/g, ' ');
    for (const p of debrief.principles) {
      // How many times (the export's counts are summed weights): what the transcript shows, the
      // chances missed as the words count them (none beside best practice for one followed elsewhere).
      const times = (verdict: string) => p.notes.filter((n) => n.verdict === verdict).length;
      expect(text, p.title).toContain(`${p.title} ${countWords({ status: p.status, followed: times('follows'), violated: times('violates'), missed: times('missed'), missedBelowBest: p.missedBelowBest })}`);
      // Gone against: a row of its own, marked ✗; missed and followed are listed under their mark.
      if (p.status === 'violated') expect(all.filter((l) => l.startsWith(`✗ ${p.title.split(' ').slice(0, 3).join(' ')}`)), p.title).toHaveLength(1);
    }
    expect(text).toMatch(/○ Missed a chance: /);
    expect(text).toMatch(/✓ Followed: /);
    // A principle followed and gone against shows both counts, not only "violated".
    expect(all.some((l) => /^✗ .* ✓\d+ ✗\d+/.test(l))).toBe(true);
    r.unmount();
  });

  // Bundled scenarios, by file (their picker numbers move when a scenario is added). A run that
  // goes against many different principles can need a second page: "↓ n more below" says so.
  // (harm-reduction's and left-placement-calls' runs here fitted while the principles listed together
  // could be broken mid-title to save a row; each whole on its row, they take a second page: below.)
  it.each(['trafficker-contact', 'youth-relapses', 'boy-red-flags'])('at 80×24 the summary of a run through bundled scenario %s fits the first page whole', async (id) => {
    const r = await openDebrief(numberOf(`${id}.json`), 80, 1);
    const first = sectionRows(r.lastFrame());
    expect(first.scrolls, r.lastFrame()).toBe(false);
    expect(first.content.join('\n')).toMatch(/^Outcome: .* [█░]{10} \d+% \(/m);
    expect(first.content.join('\n')).toContain('Principles');
    r.unmount();
  });

  // red-flags' run touches 16 principles (five gone against), more than one 80×24 page holds since
  // its principles were titled by the conduct they score: the first page keeps the outcome, why,
  // and every principle gone against, and says how much more there is below. (So do harm-reduction's
  // and left-placement-calls' runs, since the principles listed together are each whole on a row.)
  it.each(['red-flags', 'harm-reduction', 'left-placement-calls'])('at 80×24 a %s run too long for one page shows the outcome, why, and every principle gone against on the first, and says what is below', async (id) => {
    const r = await openDebrief(numberOf(`${id}.json`), 80, 1);
    const first = sectionRows(r.lastFrame());
    expect(first.scrolls, r.lastFrame()).toBe(true);
    expect(first.below, r.lastFrame()).toBe(true);
    const text = first.content.join('\n');
    expect(text).toMatch(/^Outcome: .* [█░]{10} \d+% \(/m);
    expect(text).toMatch(/^Why: /m);
    const all = (await readSection(r)).join('\n');
    const against = all.split('\n').filter((l) => l.startsWith('✗ '));
    expect(against.length).toBeGreaterThan(2);
    for (const row of against) expect(first.content, row).toContain(row);
    r.unmount();
  });

  it.each([80, 60])('at %i×24 "To work on" names each principle once, in the guide\'s words, and scrolls with ↓/PgDn/PgUp within 24 rows', async (columns) => {
    const env = tempEnv();
    const r = await openDebrief(CALL, columns, 2, env);
    await press(r, '4');
    expect(sectionRows(r.lastFrame()).below).toBe(true);
    const text = (await readSection(r)).join(' ').replace(/\s+/g, ' ');
    await press(r, 'e');
    const dir = exportsDir(env);
    const { debrief } = JSON.parse(readFileSync(join(dir, readdirSync(dir).find((f) => f.endsWith('.json')) as string), 'utf8')) as { debrief: Debrief };
    const growth = debrief.principles.filter((p) => p.status !== 'followed');
    expect(growth.length).toBeGreaterThan(3);
    for (const p of growth) expect(text.split(`"${p.title}"`).length - 1, p.title).toBe(1);
    // Each principle gone against says where, as a missed chance does ("You went against …" said not where).
    const against = growth.filter((p) => p.status === 'violated');
    expect(against.length).toBeGreaterThan(0);
    expect(text.match(/ Gone against at decision \d+ \(“[^”]+”\)/g) ?? [], text).toHaveLength(against.length);
    expect(text).toMatch(/^Outcome: \w/);
    // PgUp pages back to the top.
    for (let i = 0; i < 40 && sectionRows(r.lastFrame()).above; i++) await press(r, PG_UP);
    expect(sectionRows(r.lastFrame()).content[0]).toMatch(/^Outcome:/);
    r.unmount();
  });

  it('PgDn moves a page at a time and the path comparison scrolls too (60×24)', async () => {
    const r = await openDebrief(CALL, 60, 2);
    await press(r, '4');
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
