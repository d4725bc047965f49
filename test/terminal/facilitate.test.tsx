import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { loadPlayable, type PlayableScenario } from '../../src/terminal/scenario-source.js';
import { recordCompletion } from '../../src/machines/index.js';
import { stateStore } from '../../src/terminal/node/state-store.js';
import { appElement, KEY, press, renderApp, SCENARIOS, tap, tempEnv } from './helpers/ink.js';

afterEach(() => cleanup());

function newPhone(): PlayableScenario {
  const p = loadPlayable(join(SCENARIOS, 'new-phone.json'));
  if ('problems' in p) throw new Error(p.problems);
  return p;
}

describe('trainer-led sessions (--facilitate)', () => {
  it('shows the prompt without scores or the note, tallies votes, reveals every reply with best practice and the note, follows the room, and writes the summary', async () => {
    const { element } = appElement({ env: tempEnv(), start: { kind: 'facilitate', playable: newPhone() } });
    const r = await renderApp(element);
    await press(r, KEY.enter);
    let frame = r.lastFrame() ?? '';
    expect(frame).toContain('Discuss: What is the most natural thing to say here');
    // The note gives the answer away: hidden from the room until the trainer shows it with f.
    expect(frame).not.toContain('Facilitator note');
    expect(frame).toContain('f: facilitator note');
    expect(frame).not.toMatch(/follows|violates|Score|best practice/);
    await press(r, 'f');
    expect(r.lastFrame()).toContain('Facilitator note: Listen for whether the room treats the phone as proof');
    expect(r.lastFrame()).toContain('f: hide note');
    await press(r, 'f');
    expect(r.lastFrame()).not.toContain('Facilitator note');

    await press(r, '1', '2', KEY.down, '3', KEY.down, '5', KEY.backspace, '+', '+', '-');
    frame = r.lastFrame() ?? '';
    expect(frame).toContain("That's a nice one! How did you get it? · votes: 12");
    expect(frame).toContain('You need to tell me the truth. · votes: 3');
    expect(frame).toContain('move on to school. · votes: 1');

    await press(r, 'r');
    frame = (r.lastFrame() ?? '').replace(/[│╭╮╰╯─]/g, ' ').replace(/\s+/g, ' ');
    // Side by side: the three replies head three columns of one row.
    expect(r.lastFrame()).toMatch(/1\. That's a nice one! How did +│ 2\. Who bought you that\? You +│ 3\. Say nothing about the/);
    for (const cell of ['Votes: 12 (75%)', 'Votes: 3 (19%)', 'Votes: 1 (6%)', 'Score: +2', 'Score: −3', 'Score: +1', '✗ violates: Curious', 'Votes in all: 16', '████████░░']) expect(frame).toContain(cell);
    // Best practice is marked under the first reply only, and the note is shown now.
    expect(r.lastFrame()).toMatch(/^ *★ best practice +│/m);
    expect(r.lastFrame()?.match(/★ best practice/g)).toHaveLength(1);
    // The note follows the replies: scroll to it.
    for (let i = 0; i < 10 && /more below/.test(r.lastFrame() ?? ''); i++) await press(r, '\u001b[6~');
    expect((r.lastFrame() ?? '').replace(/\s+/g, ' ')).toContain('Facilitator note: Listen for whether the room treats the phone as proof');

    await press(r, '1', KEY.enter);
    expect(r.lastFrame()).not.toContain('Facilitator note');
    expect(r.lastFrame()).toContain('votes: 0');
    await press(r, '9', 'r', '1');
    const end = r.lastFrame() ?? '';
    expect(end).toContain('Debrief: Example: the new phone');
    expect(end).toContain("3 Room's path");
    const path = /Session summary written to:\s+(\S+\.md)/.exec(end)?.[1];
    expect(path).toBeDefined();
    const summary = readFileSync(path as string, 'utf8');
    expect(summary).toContain('## Decision 1: The new phone');
    expect(summary).toContain("| 1 | ★ best practice: That's a nice one! How did you get it? | +2 | 12 (75%) |");
    expect(summary).toContain('| 2 | Who bought you that? You need to tell me the truth. | −3 | 3 (19%) |');
    expect(summary).toContain("Branch taken: 1. That's a nice one! How did you get it? (★ best practice)");
    expect(summary).toContain('The branch the room took was best practice at 2 of 2 decisions (100%).');
    expect(summary).toContain('## Decision 2: After the visit');
    expect(summary).toContain('| 1 | ★ best practice: Call your Advocate Supervisor to talk through what you noticed. | +2 | 9 (100%) |');
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
    expect(summary).toContain("| 1 | ★ best practice: That's a nice one! How did you get it? | +2 | 7 (100%) |");
    expect(summary).toContain('The session stopped at this decision.');
    expect(summary).toContain('The session ended before the scenario did.');
  });

  it('the picker hides personal best scores, and the content note promises no saving', async () => {
    const env = tempEnv();
    recordCompletion(stateStore(env), 'example-new-phone', 80);
    const practice = await renderApp(appElement({ env }).element);
    expect(practice.lastFrame()).toContain('✓ best 80%');
    cleanup();
    const { element } = appElement({ env, start: { kind: 'facilitate' } });
    const r = await renderApp(element);
    expect(r.lastFrame()).toContain('Example: the new phone');
    expect(r.lastFrame()).not.toMatch(/best \d+%/);
    await press(r, '1');
    const note = (r.lastFrame() ?? '').replace(/[│╭╮╰╯─]/g, ' ').replace(/\s+/g, ' ');
    expect(note).toContain('Content note');
    expect(note).not.toContain('saves your progress');
    expect(note).toContain('A trainer-led session is not saved as it goes: q ends it and writes a summary of the votes so far.');
  });
});
