import { join } from 'node:path';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { loadPlayable } from '../../src/terminal/scenario-source.js';
import { appElement, KEY, press, renderAt, tempEnv } from './helpers/ink.js';
import { BUNDLED } from './helpers/layout.js';

afterEach(() => cleanup());

// Walked in tmux (term-59), 60×24: the reveal is a trainer-led session's longest screen (some 80
// rows at its first decision, the facilitator note last), and End did nothing there, nor Home, as
// at the decision before it; in the debrief, the feedback and a played decision they go to the end
// and back to the top.

const HOME = '\u001b[H';
const END = '\u001b[F';

describe('Home and End in a trainer-led session (60×24)', () => {
  it('at a decision and at its reveal: End goes to the last row, Home back to the first', async () => {
    const playable = loadPlayable(join(BUNDLED, 'trafficker-contact.json'));
    if ('problems' in playable) throw new Error(playable.problems);
    const r = await renderAt(appElement({ env: tempEnv(), start: { kind: 'facilitate', playable } }).element, 60, 24);
    await press(r, KEY.enter, KEY.enter);
    expect(r.lastFrame()).toContain('Decision 1 of about 9');
    expect(r.lastFrame()).toMatch(/more below \(PgDn\)/);
    await press(r, END);
    expect(r.lastFrame()).toContain('(end)');
    expect(r.lastFrame()).not.toMatch(/more below/);
    await press(r, HOME);
    expect(r.lastFrame()).not.toMatch(/more above/);
    expect(r.lastFrame()).toContain('A text at 9:40 p.m.');

    await press(r, '3', 'r');
    expect(r.lastFrame()).toContain('Votes in all: 3');
    expect(r.lastFrame()).not.toContain('Facilitator note');
    await press(r, END);
    expect(r.lastFrame()).toContain('Facilitator note');
    expect(r.lastFrame()).not.toMatch(/more below/);
    await press(r, HOME);
    expect(r.lastFrame()).toContain('Votes in all: 3');
    expect(r.lastFrame()).not.toMatch(/more above/);
  });
});
