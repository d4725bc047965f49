// @vitest-environment jsdom
// The Preview runs the audit (`casa-practice audit <file>`) on a valid file: a trainer who used only
// the browser was told "valid" for a file that fails the house rules of the bundled set, and never
// learnt it.
import { cleanup, configure, render, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import { memoryStore } from '../../src/machines/light.js';
import Preview from '../../src/web/pages/Preview.js';
import { StoreContext } from '../../src/web/store.js';
import example from '../fixtures/good/example.json?raw';
import trafficker from '../../scenarios/trafficker-contact.json?raw';
import { AXE_TAGS, COLOUR_RULES } from './helpers/axe-rules.js';

afterEach(cleanup);
configure({ asyncUtilTimeout: 15_000 });

function renderPreview() {
  return render(<StoreContext value={memoryStore()}><Preview /></StoreContext>);
}

async function upload(text: string, name: string) {
  const user = userEvent.setup();
  renderPreview();
  await user.upload(screen.getByLabelText('Scenario file (.json)'), new File([text], name, { type: 'application/json' }));
  await screen.findByText(new RegExp(`^${name.replace('.', '\\.')} is valid`));
  const heading = screen.getByRole('heading', { level: 2, name: 'House rules of the bundled set' });
  return heading.closest('section') as HTMLElement;
}

/**
 * A chain of `n` decisions, each reply adding to a variable of its own: the states multiply past the
 * exploration's limit (as test/machines/integrity.test.ts's tooManyStates), the last decision
 * routing poor conduct to the mixed ending. Valid, with a warning that its exploration is incomplete.
 */
function tooManyStates(n: number): string {
  const nodes: Record<string, unknown>[] = [];
  for (let i = 0; i < n; i++) {
    const next = i + 1 < n ? `d${i + 1}` : [{ when: { conduct: 'critical', gte: 1 }, to: 'end-mixed' }, { when: { conduct: 'score', lt: 50 }, to: 'end-mixed' }, { to: 'end-strong' }];
    const reply = (k: number, verdict: string) => ({ id: `d${i}-${'abc'[k]}`, text: 't', feedback: 'f (Red Flags)', effects: [{ var: 'abc'[k], add: i + 1 }], assessments: [{ principle: 'curious-not-interrogating', verdict, weight: 3 }], next });
    nodes.push({ id: `d${i}`, kind: 'decision', title: 't', narration: 'n', facilitatorNote: 'f', discussionPrompt: 'p', replies: [reply(0, 'violates'), reply(1, 'follows'), reply(2, 'follows')] });
  }
  nodes.push({ id: 'end-strong', kind: 'ending', ending: 'strong', title: 't', narration: 'n' }, { id: 'end-mixed', kind: 'ending', ending: 'mixed', title: 't', narration: 'n' });
  return JSON.stringify({
    id: 'many', version: 1, title: 't', summary: 's', contentNote: 'c', estimatedMinutes: 1, learningGoals: ['curious-not-interrogating'],
    characters: [{ id: 'y', name: 'Y', role: 'youth' }], variables: ['a', 'b', 'c'].map((id) => ({ id, label: id, min: 0, max: 1000, start: 0 })), start: 'd0', nodes,
  }, null, 2);
}

describe('the Preview audits a valid file against the house rules of the bundled set', () => {
  it('a file that fails them: each failure with its places (line:column, as the terminal names them) and its fix, and that the file still plays', async () => {
    const section = await upload(example, 'mine.json');
    // The validate result comes first, the audit after it.
    expect(await within(section).findByText('mine.json does not meet 2 of them:')).toBeTruthy();
    const list = section.querySelector('ol') as HTMLOListElement;
    const items = [...list.children] as HTMLElement[];
    expect(items).toHaveLength(2);
    const [few, steers] = items as [HTMLElement, HTMLElement];
    // As `casa-practice audit` prints them: the same places, the same fix.
    expect(few.querySelector('p')?.textContent).toBe('A playthrough can meet only 2 decisions (phone, after-visit); every playthrough meets at least 6:');
    expect([...few.querySelectorAll('ul > li')].map((li) => li.textContent)).toEqual([
      'mine.json:118:5 end-mixed (the ending of that route)',
      'mine.json:88:19 after-visit, reply after-supervisor: its "next" leads there (the last step of that route)',
    ]);
    expect(few.textContent).toContain('Its route: phone → boyfriend-open → after-visit → end-mixed');
    expect(few.textContent).toContain('Fix: On that route (phone → boyfriend-open → after-visit → end-mixed), lead through 4 more decisions before the ending, so that no playthrough meets fewer than 6.');
    expect(steers.textContent).toContain('mine.json:74:5 after-visit: the story\'s state decides what comes next here');
    expect([...steers.querySelectorAll('code')].map((c) => c.textContent)).toContain('"next"');
    expect(within(section).getByText('These are the house rules of the bundled set: mine.json still validates and plays as it is; a scenario added to the app\'s scenarios/ folder must meet them.')).toBeTruthy();
    // Over 2 decisions the wording shares are only to look at, as the terminal says, with their places.
    expect(section.textContent).toContain('To look at (not failed: over 2 decisions');
    expect(section.textContent).toContain('mine.json:27:9 phone, reply phone-curious');
    expect(section.textContent).toContain('The best reply comes first in 100% of decisions (25–45%): over 2 decisions no change brings it into range, so nothing needs changing for it here.');
    // Still playable; and nothing here is a live region (the verdict above is the one announced).
    expect(screen.getByRole('button', { name: 'Play it now (practice)' })).toBeTruthy();
    expect(section.querySelector('[aria-live], [role="status"], [role="alert"]')).toBeNull();
    const result = await axe.run(section, { runOnly: AXE_TAGS, rules: Object.fromEntries(COLOUR_RULES.map((r) => [r, { enabled: false }])), resultTypes: ['violations'] });
    expect(result.violations.map((v) => v.id)).toEqual([]);
  });

  it('a file that meets them is said to pass, with no list', async () => {
    const section = await upload(trafficker, 'trafficker-contact.json');
    expect(await within(section).findByText('Passed: trafficker-contact.json meets every house rule this check covers.')).toBeTruthy();
    expect(section.querySelector('ol')).toBeNull();
    expect(section.textContent).not.toContain('partial');
  });

  it('a prohibited act weighed below 3 is named at its assessment, with the fix, in a file the validator calls valid', async () => {
    const light = example.replace('{ "principle": "no-investigating", "verdict": "violates", "weight": 3 }', '{ "principle": "no-investigating", "verdict": "violates" }');
    const section = await upload(light, 'light.json');
    const item = (await within(section).findByText(/violates? a critical principle/)).closest('li') as HTMLElement;
    expect(item.textContent).toMatch(/light\.json:97:\d+ after-visit, reply [a-z-]+: violates no-investigating with weight 1/);
    expect(item.textContent).toContain('Fix: Give each of these assessments "weight": 3');
  });

  // A generated or damaged file with a long chain of scenes: "Its route" and the fix wrote all of it,
  // 5,000 ids in one paragraph each (found by newcomer-51 with a 10 MB file). Both name its first ids,
  // how many more, and its last, as the terminal's audit does (routeWords).
  it('a route through a chain of 5,000 scenes is named by its first ids, how many more, and its last', async () => {
    const file = JSON.parse(example) as { nodes: { id: string; kind: string; narration?: string; next?: unknown }[] };
    for (const n of file.nodes) if (n.next === 'after-visit') n.next = 'chain-0';
    for (let i = 0; i < 5_000; i++) file.nodes.push({ id: `chain-${i}`, kind: 'scene', narration: 'Time passes.', next: i + 1 < 5_000 ? `chain-${i + 1}` : 'after-visit' });
    const section = await upload(JSON.stringify(file, null, 2), 'chain.json');
    const few = (await within(section).findByText(/^A playthrough can meet only 2 decisions/)).closest('li') as HTMLElement;
    const route = 'phone → boyfriend-open → chain-0 → chain-1 → chain-2 → chain-3 → chain-4 → chain-5 → chain-6 → chain-7 → … 4,989 more … → chain-4997 → chain-4998 → chain-4999 → after-visit → end-mixed';
    expect([...few.querySelectorAll('p')].map((p) => p.textContent)).toEqual(expect.arrayContaining([`Its route: ${route}`, `Fix: On that route (${route}), lead through 4 more decisions before the ending, so that no playthrough meets fewer than 6.`]));
  }, 120_000);

  it('a file too large to explore whole is checked as far as the limit, and the page says the check was partial', async () => {
    const section = await upload(tooManyStates(20), 'many.json');
    expect(await within(section).findByText(/^This check was partial: it stopped at its limit after 60,000 reachable states/)).toBeTruthy();
    expect(section.textContent).toContain('Too many reachable states to check every playthrough');
  });
});
