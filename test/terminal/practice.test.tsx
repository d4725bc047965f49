import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { appElement, KEY, newPhone, pickerTitles, press, renderApp, renderAt, SCENARIOS, tap, tempEnv, throughEnding } from './helpers/ink.js';
import { loadPlayable } from '../../src/terminal/scenario-source.js';
import { readRecords, recordCompletion, selectView, startSession } from '../../src/machines/index.js';
import { playElement } from './helpers/play.js';
import { BUNDLED } from './helpers/layout.js';
import { stateStore } from '../../src/terminal/node/state-store.js';

afterEach(() => cleanup());

describe('practice mode in the Ink app', () => {
  it('plays a scenario from the picker to the debrief by keystrokes, with feedback after each reply, and exports it', async () => {
    const env = tempEnv();
    const { element, exit } = appElement({ env });
    const r = await renderApp(element);
    const { lastFrame } = r;
    expect(lastFrame()).toContain('choose a scenario');
    expect(lastFrame()).toMatch(/1\. Example: the new phone +5 min/);
    // Files with errors are not offered (one fails the quick read, one only full validation), and
    // the notice above the list says which (see picker-notices.test).
    expect(pickerTitles(lastFrame() ?? '').join(' ')).not.toMatch(/broken|dangling start/i);
    expect(lastFrame()!.replace(/\s+/g, ' ')).toContain('2 files left out: broken.json (it lacks an id, title, summary, content note or estimated minutes); dangling-start.json (it has errors). To see why, run:');

    await press(r, '1');
    expect(lastFrame()).toContain('Content note');
    expect(lastFrame()).toContain('Mentions a possible older partner');
    // q here just quits (nothing to save yet): the note says q saves once the scenario has started.
    expect(lastFrame()!.replace(/\s+/g, ' ')).toContain('Once you have started, q saves your progress and quits.');
    await press(r, 'b');
    expect(lastFrame()).toContain('choose a scenario');
    await press(r, KEY.enter, KEY.enter);

    expect(lastFrame()).toContain('Decision 1 of about 2');
    expect(lastFrame()).toContain('Jade (youth): “Look, finally a phone');
    expect(lastFrame()).toMatch(/Jade's trust █{5}░{5} 50 of 100/);
    expect(lastFrame()).toContain('1. That\'s a nice one!');

    await press(r, '1');
    expect(lastFrame()).toContain('Feedback on your reply');
    expect(lastFrame()).toContain('✓ follows Curious, not interrogating (guide: "Red Flags")');
    expect(lastFrame()).toContain("Jade's trust: 50 → 60");

    await press(r, KEY.enter);
    expect(lastFrame()).toContain('My boyfriend got it for me');
    await press(r, KEY.enter);
    expect(lastFrame()).toContain('Decision 2 of about 2');
    // Arrows + Enter choose too: nothing is highlighted at first, so down three times to the third reply.
    await press(r, KEY.down, KEY.down, KEY.down, KEY.enter);
    expect(lastFrame()).toContain('✗ violates Take suspicions to the Advocate Supervisor');
    await press(r, KEY.enter);
    await throughEnding(r);

    const debrief = lastFrame() ?? '';
    expect(debrief).toContain('Debrief: Example: the new phone');
    expect(debrief).toContain('Outcome: Needs review · ███░░░░░░░ 25% (1 of 4 points)');
    expect(debrief).toContain('Critical violations: none');
    expect(debrief.indexOf('✗ Take suspicions')).toBeLessThan(debrief.indexOf('✓ Followed: Curious'));
    // Where the finished practice went, and the command that shows it.
    expect(debrief).toContain('\nAdded to your records: casa-practice records\n');

    await press(r, KEY.tab);
    expect(lastFrame()).toContain('Decision 1 of 2');
    expect(lastFrame()).toContain('You chose: “That\'s a nice one! How did you get it?” (+2; best here +2)');
    await press(r, KEY.down);
    expect(lastFrame()).toContain('Decision 2 of 2');
    await press(r, KEY.tab);
    expect(lastFrame()).toContain('1. The new phone — same as best practice ✓');
    expect(lastFrame()).toMatch(/You: +Do: Decide it is probably nothing.*Best: +Do: Call your Advocate Supervisor/);
    expect(lastFrame()).toContain('yourself. (−1)');

    await press(r, 'e');
    // Each path on a line of its own, relative to the state folder.
    const paths = /\n(exports\/\S+\.md)\n(exports\/\S+\.json)\n/.exec(lastFrame() ?? '');
    expect(paths).not.toBeNull();
    const state = join(env.XDG_STATE_HOME as string, 'casa-practice');
    const markdown = readFileSync(join(state, paths?.[1] as string), 'utf8');
    expect(markdown).toContain('**Score:** 25% (1 of 4 points)');
    // Where it was gone against, in the table and under "To work on" (it said neither).
    expect(markdown).toContain('| Take suspicions to the Advocate Supervisor | ✗ went against (decision 2) | Red Flags |');
    expect(markdown).toMatch(/\n- You went against "Take suspicions to the Advocate Supervisor" \(guide: "Red Flags"\)\. [^\n]* Gone against at decision 2 \("[^"\n]+"\)\.\n/);
    expect(JSON.parse(readFileSync(join(state, paths?.[2] as string), 'utf8'))).toMatchObject({
      format: 'casa-practice-debrief', formatVersion: 1, mode: 'practice', debrief: { scenarioId: 'example-new-phone', score: { earned: 1, best: 4 } },
    });
    // A second e writes nothing new and says where the export already is.
    await press(r, 'e');
    expect(lastFrame()).toContain(`Already exported to:\n${paths?.[1]}\n${paths?.[2]}`);
    expect(readdirSync(join(state, 'exports'))).toHaveLength(2);

    expect(readRecords(stateStore(env)).records['example-new-phone']).toMatchObject({ bestPercent: 25, completions: 1 });
    expect(readRecords(stateStore(env)).playthroughs).toMatchObject([{ scenarioId: 'example-new-phone', mode: 'practice', seconds: expect.any(Number), score: { percent: 25 }, decisions: [{}, {}] }]);
    await tap(r, 'q');
    expect(exit).toHaveBeenCalled();
  });

  // An author's --from test is not in the records, and its debrief says so; the exported files said
  // nothing of it, so handed on they passed for a volunteer's playthrough.
  it('an author\'s --from test exports a debrief that says it was not added to the records', async () => {
    const env = tempEnv();
    const playable = loadPlayable(join(SCENARIOS, 'new-phone.json'), 'after-visit');
    if ('problems' in playable) throw new Error(playable.problems);
    const r = await renderApp(appElement({ env, start: { kind: 'play', playable, showNote: false } }).element);
    expect(r.lastFrame()).toContain('Decision 1 of about 1');
    await press(r, '1', KEY.enter);
    await throughEnding(r);
    expect(r.lastFrame()).toContain('Debrief: Example: the new phone');
    await press(r, 'e');
    const paths = /\n(exports\/\S+\.md)\n(exports\/\S+\.json)\n/.exec(r.lastFrame() ?? '');
    expect(paths).not.toBeNull();
    const state = join(env.XDG_STATE_HOME as string, 'casa-practice');
    expect(readFileSync(join(state, paths?.[1] as string), 'utf8')).toContain('_Practice mode · not added to the records · exported');
    expect(JSON.parse(readFileSync(join(state, paths?.[2] as string), 'utf8'))).toMatchObject({ recorded: false });
    expect(readRecords(stateStore(env)).playthroughs).toEqual([]);
  });

  // A scene with no title and no narration (Renee's call in youth-discloses) had two blank rows
  // above its spoken line: the status's and the line's own.
  it('a scene with only a spoken line has one blank row above it, not two (60×24 and 120×40)', async () => {
    for (const [columns, rows] of [[60, 24], [120, 40]] as const) {
      const r = await renderAt(appElement({ env: tempEnv(), start: { kind: 'play', playable: newPhone(), showNote: true } }).element, columns, rows);
      await press(r, KEY.enter, '1', KEY.enter);
      const frame = r.lastFrame() ?? '';
      expect(frame).toContain('Jade (youth): “My boyfriend got it for me.');
      const all = frame.split('\n').map((l) => l.trimEnd());
      const doubled = all.flatMap((l, i) => (l === '' && all[i + 1] === '' && all.slice(i).some((x) => x !== '') ? [i + 1] : []));
      expect(doubled, `${columns}×${rows}`).toEqual([]);
      cleanup();
    }
  });

  it('u undoes the last decision exactly: same screen, same trust, same step', async () => {
    const env = tempEnv();
    const { element } = appElement({ env });
    const r = await renderApp(element);
    const { lastFrame } = r;
    await press(r, '1', KEY.enter);
    const before = lastFrame();
    await press(r, '2');
    expect(lastFrame()).toContain("Jade's trust: 50 → 30");
    await press(r, 'u');
    expect(lastFrame()).toBe(before);
    await press(r, '1', KEY.enter);
    expect(lastFrame()).toContain('My boyfriend got it for me');
    // Undo from the scene after the decision goes back to the decision too.
    await press(r, 'u');
    expect(lastFrame()).toBe(before);
  });

  it('marks completed scenarios in the picker with their best score', async () => {
    const env = tempEnv();
    recordCompletion(stateStore(env), 'example-new-phone', 75);
    recordCompletion(stateStore(env), 'example-new-phone', 50);
    const { element } = appElement({ env });
    const { lastFrame } = await renderApp(element);
    expect(lastFrame()).toMatch(/1\. Example: the new phone +5 min +best 75%/);
    expect(existsSync(env.XDG_STATE_HOME as string)).toBe(true);
  });
});

// A scene's effects moved the meter with nothing said: couch-rent's "The server" takes 15 from
// Arev's trust as the volunteer goes on, and the status line's meter just dropped.
describe('a scene that changes a meter', () => {
  const couchRent = (mode: 'practice' | 'assessment') => {
    const playable = loadPlayable(join(BUNDLED, 'couch-rent.json'), 's4-server');
    if ('problems' in playable) throw new Error(playable.problems);
    return { playable, actor: startSession(playable.scenario, mode), mode };
  };

  it('says the change on the scene screen in the words of a reply\'s feedback, and the meter follows on Enter', async () => {
    const r = await renderAt(playElement({ ...couchRent('practice'), env: tempEnv() }), 60);
    const frame = r.lastFrame();
    expect(frame).toContain('The server');
    expect(frame).toContain("Arev's trust: 50 → 35 (−15)");
    expect(frame).toMatch(/Arev's trust █{5}░{5} 50 of 100/);
    await press(r, KEY.enter);
    expect(r.lastFrame()).toMatch(/Arev's trust █{3,4}░{6,7} 35 of 100/);
    expect(r.lastFrame()).not.toContain('→ 35');
    r.unmount();
  });

  // A label may be 80 characters: at 60 columns its meter takes two rows (and its change two more),
  // but each meter was counted as one row, so the scene with its change ran past the screen's foot.
  it('a meter whose long label takes two rows is counted as two: the scene and its change fit 60x24, however long the scene', async () => {
    const { playable } = couchRent('practice');
    const label = "Arev's trust in you, as she tells it to her friends at the drop-in centre";
    const scene = playable.scenario.nodes.find((n) => n.id === 's4-server');
    if (scene?.kind !== 'scene') throw new Error('couch-rent has no scene s4-server');
    // The scene's narration made longer, a sentence at a time, up to where it scrolls.
    for (let more = 0; more <= 8; more++) {
      const narration = `${scene.narration ?? ''}${' The server comes back with the card machine and waits.'.repeat(more)}`;
      const scenario = {
        ...playable.scenario,
        variables: (playable.scenario.variables ?? []).map((v) => (v.id === 'trust' ? { ...v, label } : v)),
        nodes: playable.scenario.nodes.map((n) => (n === scene ? { ...scene, narration } : n)),
      };
      const r = await renderAt(playElement({ playable: { ...playable, scenario }, actor: startSession(scenario, 'practice'), mode: 'practice', env: tempEnv() }), 60, 24);
      const frame = r.lastFrame() ?? '';
      expect(frame.split('\n').length, `${more} sentences more`).toBeLessThanOrEqual(23);
      expect(frame.replace(/\s+/g, ' '), `${more} sentences more`).toMatch(/\(−15\)|more below/);
      r.unmount();
    }
  });

  it('the same long label on the feedback to a reply that changes the meter: it fits 60x24, however long the feedback', async () => {
    const start = loadPlayable(join(BUNDLED, 'couch-rent.json'), 'd1-bench');
    if ('problems' in start) throw new Error(start.problems);
    const label = "Arev's trust in you, as she tells it to her friends at the drop-in centre";
    for (let more = 0; more <= 8; more++) {
      const scenario = {
        ...start.scenario,
        variables: (start.scenario.variables ?? []).map((v) => (v.id === 'trust' ? { ...v, label } : v)),
        nodes: start.scenario.nodes.map((n) => (n.kind === 'decision' ? { ...n, replies: n.replies.map((r) => ({ ...r, feedback: `${r.feedback}${' Keeping a promise you can keep builds trust (Building Rapport).'.repeat(more)}` })) } : n)),
      };
      const actor = startSession(scenario, 'practice');
      const r = await renderAt(playElement({ playable: { ...start, scenario }, actor, mode: 'practice', env: tempEnv() }), 60, 24);
      const number = selectView(scenario, actor.getSnapshot()).replies.find((x) => x.id === 'd1-promise')?.number ?? 1;
      await press(r, String(number));
      const frame = r.lastFrame() ?? '';
      expect(frame.split('\n').length, `${more} sentences more`).toBeLessThanOrEqual(23);
      r.unmount();
    }
  });

  it('says nothing of it in an assessment (no meter, no feedback until the debrief)', async () => {
    const r = await renderAt(playElement({ ...couchRent('assessment'), env: tempEnv() }), 60);
    expect(r.lastFrame()).toContain('The server');
    expect(r.lastFrame()).not.toContain("Arev's trust");
    r.unmount();
  });
});
