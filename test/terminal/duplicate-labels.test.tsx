import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { loadPlayable } from '../../src/terminal/scenario-source.js';
import type { ChangeView, FeedbackView } from '../../src/machines/index.js';
import { themeFor } from '../../src/terminal/theme.js';
import { FeedbackPanel } from '../../src/terminal/ui/FeedbackPanel.js';
import { ThemeContext } from '../../src/terminal/ui/ThemeContext.js';
import { appElement, KEY, press, renderApp, renderAt, SCENARIOS, settle, tempEnv } from './helpers/ink.js';

afterEach(() => cleanup());

/**
 * The new-phone fixture with a second meter labelled as the first ("Jade's trust"), which the
 * first reply changes too: a file a trainer might write (validate warns, duplicate-label, but
 * the file still plays).
 */
function twoMetersOneLabel(): string {
  const scenario = JSON.parse(readFileSync(join(SCENARIOS, 'new-phone.json'), 'utf8')) as {
    variables: Record<string, unknown>[];
    nodes: { replies?: { effects?: Record<string, unknown>[] }[] }[];
  };
  scenario.variables.push({ id: 'trust-csw', label: "Jade's trust", min: 0, max: 10, start: 5, shown: true });
  scenario.nodes[0]?.replies?.[0]?.effects?.push({ var: 'trust-csw', add: 1 });
  const file = join(mkdtempSync(join(tmpdir(), 'labels-')), 'two-meters.json');
  writeFileSync(file, JSON.stringify(scenario, null, 2));
  return file;
}

/**
 * The same, starting with two scenes: the first moves both meters labelled "Jade's trust", the
 * second only a third ("Your worry"), then the fixture's first decision.
 */
function twoScenesFirst(): string {
  const scenario = JSON.parse(readFileSync(twoMetersOneLabel(), 'utf8')) as { start: string; variables: Record<string, unknown>[]; nodes: Record<string, unknown>[] };
  scenario.variables.push({ id: 'worry', label: 'Your worry', min: 0, max: 10, start: 2, shown: true });
  scenario.nodes.unshift(
    { id: 's1', kind: 'scene', narration: 'Jade waves from the café door.', effects: [{ var: 'trust', add: 5 }, { var: 'trust-csw', add: 1 }], next: 's2' },
    { id: 's2', kind: 'scene', narration: 'She sits down without a word about her day.', effects: [{ var: 'worry', add: 1 }], next: scenario.start },
  );
  scenario.start = 's1';
  const file = join(mkdtempSync(join(tmpdir(), 'labels-')), 'two-scenes.json');
  writeFileSync(file, JSON.stringify(scenario, null, 2));
  return file;
}

describe('two meters with the same label', () => {
  it('a file with them plays: both meters and both changes of a reply are drawn, each once', async () => {
    const playable = loadPlayable(twoMetersOneLabel());
    if ('problems' in playable) throw new Error(playable.problems);
    const r = await renderApp(appElement({ env: tempEnv(), start: { kind: 'play', playable, showNote: true } }).element);
    await press(r, KEY.enter);
    const decision = r.lastFrame() ?? '';
    expect(decision).toMatch(/Jade's trust .* 50 of 100/);
    expect(decision).toMatch(/Jade's trust .* 5 of 10/);
    await press(r, '1');
    const feedback = r.lastFrame() ?? '';
    expect(feedback.split("Jade's trust: 50 → 60 (+10)").length - 1).toBe(1);
    expect(feedback.split("Jade's trust: 5 → 6 (+1)").length - 1).toBe(1);
  });

  // Session 30: a reply's changes (and a scene's) were keyed by label, so two numbers labelled the
  // same were two children with one key. When the panel was drawn again with other changes, React
  // kept one of the two as a stale row: "Jade's trust: 50 → 60" stayed on screen under the new change.
  it('a panel drawn again with other changes shows only the new ones (no stale row left by a repeated key)', async () => {
    const view = (changes: ChangeView[]): FeedbackView => ({ nodeId: 'n', replyId: 'r', replyText: 'Ask how she got it.', replyKind: 'say', feedback: 'Curious, not interrogating (Red Flags).', changes, assessments: [] });
    const panel = (changes: ChangeView[]) => (
      <ThemeContext.Provider value={themeFor({})}><FeedbackPanel feedback={view(changes)} fit={1} width={80} /></ThemeContext.Provider>
    );
    const r = await renderAt(panel([{ id: 'trust', label: "Jade's trust", from: 50, to: 60 }, { id: 'trust-csw', label: "Jade's trust", from: 5, to: 6 }]), 80);
    expect(r.lastFrame()).toContain("Jade's trust: 50 → 60 (+10)");
    expect(r.lastFrame()).toContain("Jade's trust: 5 → 6 (+1)");
    r.rerender(panel([{ id: 'worry', label: 'Your worry', from: 2, to: 3 }]));
    await settle(r);
    const frame = r.lastFrame();
    expect(frame).toContain('Your worry: 2 → 3 (+1)');
    expect(frame).not.toContain("Jade's trust");
    r.unmount();
  });

  // The same at a scene followed by a scene (PlayScreen keeps the list between them).
  it('a scene after one that moved both same-labelled meters shows only its own change', async () => {
    const playable = loadPlayable(twoScenesFirst());
    if ('problems' in playable) throw new Error(playable.problems);
    const r = await renderApp(appElement({ env: tempEnv(), start: { kind: 'play', playable, showNote: true } }).element);
    await press(r, KEY.enter);
    const first = r.lastFrame() ?? '';
    expect(first).toContain('Jade waves');
    expect(first).toContain("Jade's trust: 50 → 55 (+5)");
    expect(first).toContain("Jade's trust: 5 → 6 (+1)");
    await press(r, KEY.enter);
    const second = r.lastFrame() ?? '';
    expect(second).toContain('She sits down');
    expect(second).toContain('Your worry: 2 → 3 (+1)');
    expect(second).not.toMatch(/Jade's trust: \d/);
  });
});
