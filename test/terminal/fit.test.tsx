import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { conditionsOf, initialVariables, whenHolds } from '../../src/machines/conditions.js';
import type { Scenario } from '../../src/machines/schema/scenario.js';
import { scenarioFilesIn } from '../../src/terminal/scenario-files.js';
import { buildDebrief, selectView, startingAt as startAt, startSession, type Debrief, type PlayableScenario, type SessionActor, type SessionView } from '../../src/machines/index.js';
import { loadPlayable } from '../../src/terminal/scenario-source.js';
import { sessionSeed } from '../../src/terminal/seed.js';
import { appElement, KEY, press, renderAt, settle, tap, tempEnv, validatedCatalog } from './helpers/ink.js';
import { inkRows } from '../../src/terminal/wrap.js';
import { REPLY_INDENT } from '../../src/terminal/ui/ReplyList.js';
import { debriefElement, feedbackElement, playElement } from './helpers/play.js';
import { BUNDLED, rows } from './helpers/layout.js';
import { MIN_COLUMNS, MIN_ROWS } from '../../src/terminal/ui/useScreenSize.js';
import { NO_REPLY_QUIT } from '../../src/terminal/ui/QuitPrompt.js';

// The smallest window the app accepts (below it, it asks for a larger one), and 80 columns.
const HEIGHT = MIN_ROWS;
const FILES = scenarioFilesIn(BUNDLED);
const CASES = FILES.flatMap((file) => [MIN_COLUMNS, 80].map((columns) => ({ name: file.slice(BUNDLED.length + 1), file, columns })));
/** How many of the tallest decisions and feedback screens of each case are drawn again with the quit prompt. */
const TALLEST = 3;
/** Rows of a frame that hold something (its height without the blank rows a short screen drops first). */
const filled = (frame: string) => rows(frame).filter((l) => l.trim() !== '').length;
/** The `n` keys with the largest values. */
const tallest = <K,>(heights: Map<K, number>, n: number): K[] => [...heights].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k]) => k);

/** A state folder that cannot be written (a file where the folder should be), even for root. */
function unwritableStateEnv(): NodeJS.ProcessEnv {
  const file = join(mkdtempSync(join(tmpdir(), 'casa-fit-')), 'state');
  writeFileSync(file, 'not a folder');
  return tempEnv({ XDG_STATE_HOME: file });
}

const loaded = new Map<string, PlayableScenario>();
function load(file: string): PlayableScenario {
  const p = loaded.get(file) ?? loadPlayable(file);
  if ('problems' in p) throw new Error(p.problems);
  loaded.set(file, p);
  return p;
}

/**
 * Screens known not to fit, by "file@columns". None now: the three found one row too tall at 60×24
 * (trafficker-contact d1-text and d4-visit, court-report's feedback on d-opening-at-risk) fit since
 * the screens measure text as Ink wraps it (inkRows) and drop the scenario's title from the status
 * line when short of rows. The test expects exactly these, so never add to it to make it pass.
 */
const KNOWN_OVERFLOWS: Record<string, string[]> = {};

/**
 * How the frame fails to fit a columns × HEIGHT terminal: a row wider than it, or more than
 * HEIGHT − 1 rows (screens keep one row spare so the terminal never scrolls). Empty when it fits.
 */
function overflow(frame: string, columns: number, what: string): string[] {
  const fr = rows(frame);
  const out = fr.length > HEIGHT - 1 ? [`${what}: ${fr.length} rows`] : [];
  for (const line of fr) if ([...line].length > columns) out.push(`${what}: a row of ${[...line].length} columns: ${line.trim()}`);
  return out;
}

/**
 * The scenario with its variables starting where `when` holds, so a reply that is not available at
 * the declared starting values can still be chosen (each condition names one variable).
 */
function enabling(scenario: Scenario, when: Parameters<typeof conditionsOf>[0]): Scenario {
  const variables = (scenario.variables ?? []).map((v) => {
    const mine = conditionsOf(when).filter((c) => 'var' in c && c.var === v.id) as Extract<ReturnType<typeof conditionsOf>[number], { var: string }>[];
    if (mine.length === 0) return v;
    // A flag starts as its condition asks ("is": true or false).
    if (v.type === 'flag') {
      const is = mine.find((c) => c.is !== undefined)?.is;
      return is === undefined ? v : { ...v, start: is };
    }
    // Numbers without a range are left as they are (the bundled scenarios have none).
    if (v.min === undefined || v.max === undefined || typeof v.start !== 'number') return v;
    const [min, max] = [v.min, v.max];
    const bounds = mine.flatMap((c) => [c.eq, c.ne, c.gt, c.gte, c.lt, c.lte]).filter((n): n is number => n !== undefined);
    const candidates = [v.start, min, max, ...bounds.flatMap((n) => [n - 1, n, n + 1])].filter((n) => n >= min && n <= max);
    const start = candidates.find((n) => whenHolds(mine, { [v.id]: n }));
    if (start === undefined) throw new Error(`no value of "${v.id}" satisfies ${JSON.stringify(mine)}`);
    return { ...v, start };
  });
  return { ...scenario, variables };
}

/**
 * The reply's number on the screen at `node` and the session's view right after choosing it, from a
 * fresh session. Both are data the terminal's size does not change, so they are worked out once per
 * file and shared by its two sizes.
 */
const replied = new Map<string, { number: number | undefined; view: SessionView }>();
function afterReply(file: string, scenario: Scenario, node: string, replyId: string, start: () => SessionActor) {
  const key = JSON.stringify([file, node, replyId]);
  let found = replied.get(key);
  if (!found) {
    const actor = start();
    const number = selectView(scenario, actor.getSnapshot()).replies.find((x) => x.id === replyId)?.number;
    actor.send({ type: 'reply.choose', replyId });
    replied.set(key, (found = { number, view: selectView(scenario, actor.getSnapshot()) }));
  }
  return found;
}

/**
 * The file's scenario started at a node (the core returns errors as values; here the node always
 * exists), and the same with variables set so a reply is available (see enabling). Made once per
 * file and shared by its 60- and 80-column cases: the same scenario object, so the core's
 * per-scenario work (compiling the machine, the graph and best-path analyses behind the view) is
 * done once per node, not once per node and size.
 */
const moved = new Map<string, Scenario>();
function startingAt(file: string, scenario: Scenario, from: string): Scenario {
  const key = JSON.stringify([file, from]);
  let found = moved.get(key);
  if (!found) {
    const m = startAt(scenario, from);
    if (!m.ok) throw new Error(m.error);
    moved.set(key, (found = m.scenario));
  }
  return found;
}
const enabled = new Map<string, Scenario>();
function enablingAt(file: string, scenario: Scenario, node: string, reply: { id: string; when?: Parameters<typeof conditionsOf>[0] }): Scenario {
  const key = JSON.stringify([file, node, reply.id]);
  let found = enabled.get(key);
  if (!found) enabled.set(key, (found = enabling(scenario, reply.when)));
  return found;
}

describe(`the picker and the trainer-led screens fit the smallest window the app accepts (${MIN_COLUMNS}×${MIN_ROWS})`, () => {
  it('the picker of the bundled scenarios', async () => {
    const r = await renderAt(appElement({ env: tempEnv(), catalog: validatedCatalog(BUNDLED) }).element, MIN_COLUMNS, HEIGHT);
    expect(r.lastFrame()).toContain('choose a scenario');
    expect(overflow(r.lastFrame(), MIN_COLUMNS, 'the picker')).toEqual([]);
    r.unmount();
  });

  // The picker says what the scenario is chosen for, when it is not plain practice; the longer
  // heading takes its rows from the list, not from the spare row.
  it.each([
    ['a trainer-led session (--facilitate)', { start: { kind: 'facilitate' } as const }, 'casa-practice: choose a scenario for a trainer-led session'],
    ['an assessment (--assess)', { mode: 'assessment' } as const, 'casa-practice: choose a scenario for an assessment'],
  ])('the picker for %s says so', async (_what, opts, heading) => {
    const r = await renderAt(appElement({ env: tempEnv(), catalog: validatedCatalog(BUNDLED), ...opts }).element, MIN_COLUMNS, HEIGHT);
    expect(r.lastFrame().split('\n')[0]?.trim()).toBe(heading);
    expect(overflow(r.lastFrame(), MIN_COLUMNS, 'the picker')).toEqual([]);
    r.unmount();
  });

  // "New nails, new phone, new boyfriend (in progress)" wraps at 60 columns: the list was measured
  // as one row per scenario, and the frame took all 24 rows (the spare one too).
  it('the trainer-led picker with a room session kept, whose marked title wraps', async () => {
    const env = tempEnv();
    const playable = load(join(BUNDLED, 'red-flags.json'));
    const kept = await renderAt(appElement({ env, start: { kind: 'facilitate', playable } }).element, MIN_COLUMNS, HEIGHT);
    await press(kept, KEY.enter, KEY.enter, '3', 'q');
    await tap(kept, 'y');
    kept.unmount();
    const r = await renderAt(appElement({ env, catalog: validatedCatalog(BUNDLED), start: { kind: 'facilitate' } }).element, MIN_COLUMNS, HEIGHT);
    expect(r.lastFrame()).toContain('New nails, new phone, new boyfriend (in');
    expect(overflow(r.lastFrame(), MIN_COLUMNS, 'the picker')).toEqual([]);
    // Down to it and back: the window follows the highlight and still fits.
    for (const key of [KEY.down, KEY.down, KEY.down, KEY.up, KEY.up, KEY.up]) {
      await press(r, key);
      expect(overflow(r.lastFrame(), MIN_COLUMNS, 'the picker')).toEqual([]);
    }
    r.unmount();
  });

  // The content note is the first screen of every playthrough and trainer-led session; with the
  // notice that the state folder cannot be written it is taller still (harm-reduction's ran to 25 rows
  // as a trainer-led session, its title above the window).
  it.each(FILES.flatMap((file) => [false, true].flatMap((facilitating) => [false, true].map((unwritable) => ({ name: file.slice(BUNDLED.length + 1), file, facilitating, unwritable })))))(
    '$name: the content note (trainer-led $facilitating, state folder unwritable $unwritable)', async ({ file, facilitating, unwritable }) => {
      const playable = load(file);
      const env = unwritable ? unwritableStateEnv() : tempEnv();
      const r = await renderAt(appElement({ env, start: facilitating ? { kind: 'facilitate', playable } : { kind: 'play', playable, showNote: true } }).element, MIN_COLUMNS, HEIGHT);
      expect(r.lastFrame()).toContain('Content note');
      expect(r.lastFrame()).toContain(playable.scenario.title);
      expect(overflow(r.lastFrame(), MIN_COLUMNS, 'the content note')).toEqual([]);
      r.unmount();
    });

  // The vote screen keeps its replies whole and scrolls the moment above them, so the decisions with
  // the most rows of replies (measured as the screen measures them, over every bundled decision)
  // are the ones that could overflow; they are drawn, with their reveal.
  const decisions = FILES.flatMap((file) => load(file).scenario.nodes.flatMap((n) => (n.kind === 'decision'
    ? [{ file, node: n.id, rows: n.replies.reduce((sum, x) => sum + inkRows(`${x.kind === 'do' ? 'Do: ' : ''}${x.text} · votes: 999`, MIN_COLUMNS - 2 - REPLY_INDENT), 0) }]
    : [])));
  it('checks every bundled decision', () => {
    expect(decisions.length).toBeGreaterThanOrEqual(40);
  });
  it.each([...decisions].sort((a, b) => b.rows - a.rows).slice(0, TALLEST))('trainer-led $node ($rows rows of replies): the vote screen and the reveal', async ({ file, node }) => {
    const playable = loadPlayable(file, node);
    if ('problems' in playable) throw new Error(playable.problems);
    const r = await renderAt(appElement({ env: tempEnv(), start: { kind: 'facilitate', playable } }).element, MIN_COLUMNS, HEIGHT);
    await press(r, KEY.enter);
    expect(r.lastFrame()).toContain('votes: 0');
    const problems = overflow(r.lastFrame(), MIN_COLUMNS, 'the vote screen');
    await press(r, 'r');
    expect(r.lastFrame()).toContain('Votes in all');
    problems.push(...overflow(r.lastFrame(), MIN_COLUMNS, 'the reveal'));
    expect(problems).toEqual([]);
    r.unmount();
  });
});

describe(`every screen of every bundled scenario fits the smallest window the app accepts (${MIN_COLUMNS}×${MIN_ROWS}) and 80×${MIN_ROWS}`, () => {
  it('checks every bundled scenario', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(6);
  });

  it.each(CASES)(`$name at $columns×${HEIGHT}: the content note, every scene and decision, every reply's feedback, the quit prompt on the tallest, and a debrief`, async ({ name, file, columns }) => {
    const playable = load(file);
    const { scenario } = playable;
    const env = tempEnv();
    const problems: string[] = [];
    const check = (what: string) => problems.push(...overflow(r.lastFrame(), columns, what));

    // Through the App once: the content note, then the start node as the App draws it.
    const r = await renderAt(appElement({ env, dir: BUNDLED, start: { kind: 'play', playable, showNote: true } }).element, columns, HEIGHT);
    expect(r.lastFrame()).toContain('Content note');
    check('the content note');
    await press(r, KEY.enter);
    const fromApp = r.lastFrame();

    // Then each node on its own, played from there with the declared starting values (as
    // `play --from` does): a fresh session on the bare play screen, quick to mount.
    const session = (s: Scenario) => startSession(s, 'practice', undefined, sessionSeed(env));
    const mount = async (p: PlayableScenario) => {
      r.rerender(playElement({ playable: p, actor: session(p.scenario), env }));
      await settle(r);
    };
    const defaults = initialVariables(scenario.variables);
    const nodes = new Set<string>();
    const replies = new Set<string>();
    let debriefs = 0;
    // How many feedback screens were also reached by typing the reply on the play screen.
    let typed = 0;
    // Each decision's and feedback screen's height as drawn, to ask the quit question on the tallest.
    const decisionHeights = new Map<string, number>();
    const feedbackViews = new Map<string, SessionView & { lastFeedback: NonNullable<SessionView['lastFeedback']> }>();
    const feedbackRows = new Map<string, number>();
    for (const node of scenario.nodes) {
      if (node.kind === 'ending') continue;
      const from = { ...playable, scenario: startingAt(file, scenario, node.id) };
      await mount(from);
      const moment = r.lastFrame();
      // The bare play screen draws exactly what the App draws.
      if (node.id === scenario.start) expect(moment).toBe(fromApp);
      expect(moment).toMatch(node.kind === 'scene' ? /Enter: continue/ : /1–\d or ↑↓ Enter: reply/);
      check(`node "${node.id}"`);
      nodes.add(node.id);
      if (node.kind !== 'decision') continue;
      decisionHeights.set(node.id, filled(moment));

      for (const reply of node.replies) {
        const available = whenHolds(reply.when, defaults);
        const at = available ? from : { ...from, scenario: enablingAt(file, from.scenario, node.id, reply) };
        // The feedback screen for this reply, drawn from the session right after it (no keys).
        const { number, view } = afterReply(file, at.scenario, node.id, reply.id, () => session(at.scenario));
        if (!view.lastFeedback || number === undefined) throw new Error(`reply "${reply.id}" was not taken at "${node.id}"`);
        r.rerender(feedbackElement({ view: { ...view, lastFeedback: view.lastFeedback }, env }));
        await settle(r);
        const drawn = r.lastFrame();
        expect(drawn).toContain('Feedback on your reply');
        check(`the feedback on reply "${reply.id}"`);
        replies.add(reply.id);
        feedbackViews.set(reply.id, { ...view, lastFeedback: view.lastFeedback });
        feedbackRows.set(reply.id, filled(drawn));
        // Typed on the play screen as well: the first reply of each case (the play screen draws
        // exactly the same feedback screen, and undo goes back to the moment exactly), and the
        // first reply that ends the scenario (its debrief's three tabs fit too).
        const ends = view.done && debriefs === 0;
        if (typed > 0 && !ends) continue;
        typed++;
        await mount(at);
        await press(r, String(number));
        expect(r.lastFrame()).toBe(drawn);
        if (!ends) {
          await press(r, 'u');
          if (available) expect(r.lastFrame()).toBe(moment);
          continue;
        }
        debriefs++;
        await press(r, KEY.enter);
        // How the story ended, before the debrief.
        expect(r.lastFrame()).toContain(': how it ended');
        check('how it ended');
        await press(r, KEY.enter);
        expect(r.lastFrame()).toContain('Debrief:');
        // With the line saying the practice was recorded (a run with --from or --set has none).
        expect(r.lastFrame()).toContain('Added to your records');
        check('the debrief summary');
        for (const tab of ['turns', 'paths', 'to work on']) {
          await press(r, KEY.tab);
          check(`the debrief's ${tab}`);
        }
      }
    }
    // The quit prompt (q) on the tallest decisions and feedback screens: it fits with the status on
    // top, and n brings back exactly the screen it covered.
    const asked = (what: string, question = 'Save your progress and quit?') => {
      expect(r.lastFrame()).toContain(question);
      // The status on top: the title, and the step with the mode (on the next row where the three
      // do not fit one: the break falls after the title).
      expect(rows(r.lastFrame()).slice(0, 2).some((row) => /Decision \d+ of about \d+/.test(row)), rows(r.lastFrame()).slice(0, 2).join('\n')).toBe(true);
      check(what);
    };
    for (const id of tallest(decisionHeights, TALLEST)) {
      await mount({ ...playable, scenario: startingAt(file, scenario, id) });
      const moment = r.lastFrame();
      await press(r, 'q');
      // Mounted there with no reply made in the run: the question says there is nothing new to save
      // (its words take the row "Continue later with: … resume" takes under the save question).
      asked(`the quit prompt at "${id}"`, NO_REPLY_QUIT);
      await press(r, 'n');
      expect(r.lastFrame()).toBe(moment);
    }
    for (const id of tallest(feedbackRows, TALLEST)) {
      const view = feedbackViews.get(id);
      if (!view) throw new Error(id);
      r.rerender(feedbackElement({ view, env, confirmQuit: true }));
      await settle(r);
      asked(`the quit prompt on the feedback on "${id}"`);
    }
    r.unmount();

    // Not a sample: every scene and decision, and every reply, was drawn and measured.
    expect([...nodes].sort()).toEqual(scenario.nodes.filter((n) => n.kind !== 'ending').map((n) => n.id).sort());
    expect([...replies].sort()).toEqual(scenario.nodes.flatMap((n) => (n.kind === 'decision' ? n.replies.map((x) => x.id) : [])).sort());
    expect(typed).toBeGreaterThanOrEqual(1);
    expect(debriefs).toBe(1);
    expect(problems).toEqual(KNOWN_OVERFLOWS[`${name}@${columns}`] ?? []);
  });
});

describe(`every ending of every bundled scenario, each of its variants too, fits ${MIN_COLUMNS}×${MIN_ROWS} and 80×${MIN_ROWS}`, () => {
  // The debrief drawn above is of one ending per scenario. An ending's closing text gets the page
  // the debrief opens on ("how it ended"), and each variant of it (told instead when its condition
  // holds) is a text of its own: every one is drawn there, in one debrief screen per scenario and
  // size given each ending in turn (no playthrough, no new mount: cheap). (Under "To work on" it is
  // told again, in the section's window, whose height the text does not change.)
  const endings = (file: string): { what: string; ending: NonNullable<Debrief['ending']> }[] => load(file).scenario.nodes.flatMap((n) => (n.kind === 'ending'
    ? [{ what: n.id, ending: { id: n.id, kind: n.ending, title: n.title, narration: n.narration } }, ...(n.variants ?? []).map((v, i) => ({ what: `${n.id} variant ${i + 1}`, ending: { id: n.id, kind: n.ending, title: n.title, narration: v.narration } }))]
    : []));
  it('checks every ending variant', () => {
    expect(FILES.flatMap(endings).filter((e) => e.what.includes('variant')).length).toBeGreaterThanOrEqual(20);
  });
  it.each(CASES)(`$name at $columns×${HEIGHT}: how it ended, for each ending and variant`, async ({ name, file, columns }) => {
    const { scenario } = load(file);
    const env = tempEnv();
    const all = endings(file);
    const base = buildDebrief(scenario, [], all[0]?.ending.id);
    const debriefOf = (ending: NonNullable<Debrief['ending']>) => debriefElement({ scenario, debrief: { ...base, ending }, env });
    const r = await renderAt(debriefOf(all[0]!.ending), columns, HEIGHT);
    const problems: string[] = [];
    for (const { what, ending } of all) {
      r.rerender(debriefOf(ending));
      await settle(r);
      // The scenario's title, then the ending's (the story scrolls beneath it where it is longer).
      expect(r.lastFrame()).toContain(': how it ended');
      expect(r.lastFrame().replace(/\s+/g, ' ')).toContain(ending.title.split(' ').slice(0, 3).join(' '));
      problems.push(...overflow(r.lastFrame(), columns, `${name} ${what}: how it ended`));
    }
    r.unmount();
    expect(problems).toEqual([]);
  });
});
