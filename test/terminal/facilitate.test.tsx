import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { loadPlayable, type PlayableScenario } from '../../src/terminal/scenario-source.js';
import { appElement, KEY, press, renderApp, SCENARIOS, tap, tempEnv } from './helpers/ink.js';

afterEach(() => cleanup());

function newPhone(): PlayableScenario {
  const p = loadPlayable(join(SCENARIOS, 'new-phone.json'));
  if ('problems' in p) throw new Error(p.problems);
  return p;
}

describe('trainer-led sessions (--facilitate)', () => {
  it('shows prompt and note without scores, tallies votes, reveals every reply, follows the room, and writes the summary', async () => {
    const { element } = appElement({ env: tempEnv(), start: { kind: 'facilitate', playable: newPhone() } });
    const r = await renderApp(element);
    await press(r, KEY.enter);
    let frame = r.lastFrame() ?? '';
    expect(frame).toContain('Discuss: What is the most natural thing to say here');
    expect(frame).toContain('Facilitator note: Listen for whether the room treats the phone as proof');
    expect(frame).not.toMatch(/follows|violates|Score/);

    await press(r, '1', '2', KEY.down, '3', KEY.down, '5', KEY.backspace, '+', '+', '-');
    frame = r.lastFrame() ?? '';
    expect(frame).toContain("That's a nice one! How did you get it? · votes: 12");
    expect(frame).toContain('You need to tell me the truth. · votes: 3');
    expect(frame).toContain('move on to school. · votes: 1');

    await press(r, 'r');
    frame = (r.lastFrame() ?? '').replace(/[│╭╮╰╯─]/g, ' ').replace(/\s+/g, ' ');
    // Side by side: the three replies head three columns of one row.
    expect(r.lastFrame()).toMatch(/1\. That's a nice one! How did +│ 2\. Who bought you that\? You +│ 3\. Say nothing about the/);
    for (const cell of ['Votes: 12 (75%)', 'Votes: 3 (19%)', 'Votes: 1 (6%)', 'Score: +2', 'Score: −3', 'Score: +1', '✗ violates: Curious']) expect(frame).toContain(cell);

    await press(r, '1', KEY.enter);
    expect(r.lastFrame()).toContain('Facilitator note: The guide\'s answer is the Advocate Supervisor');
    expect(r.lastFrame()).toContain('votes: 0');
    await press(r, '9', 'r', '1');
    const end = r.lastFrame() ?? '';
    expect(end).toContain('Debrief: Example: the new phone');
    const path = /Session summary written to:\s+(\S+\.md)/.exec(end)?.[1];
    expect(path).toBeDefined();
    const summary = readFileSync(path as string, 'utf8');
    expect(summary).toContain('## Decision 1: The new phone');
    expect(summary).toContain("| 1 | That's a nice one! How did you get it? | 12 (75%) |");
    expect(summary).toContain('| 2 | Who bought you that? You need to tell me the truth. | 3 (19%) |');
    expect(summary).toContain("Branch taken: 1. That's a nice one! How did you get it?");
    expect(summary).toContain('## Decision 2: After the visit');
    expect(summary).toContain('| 1 | Call your Advocate Supervisor to talk through what you noticed. | 9 (100%) |');
    expect(summary).toContain('## Debrief: Example: the new phone');
    expect(summary).toContain('**Score:** 4 of 4 (100%)');
  });

  it('ending a session early writes the summary so far', async () => {
    const { element, exit } = appElement({ env: tempEnv(), start: { kind: 'facilitate', playable: newPhone() } });
    const r = await renderApp(element);
    await press(r, KEY.enter, '7', 'q');
    await tap(r, 'y');
    const message = exit.mock.calls[0]?.[0] ?? '';
    const summary = readFileSync(/written to (\S+\.md)/.exec(message)?.[1] as string, 'utf8');
    expect(summary).toContain("| 1 | That's a nice one! How did you get it? | 7 (100%) |");
    expect(summary).toContain('The session stopped at this decision.');
    expect(summary).toContain('The session ended before the scenario did.');
  });
});
