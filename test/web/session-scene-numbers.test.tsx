// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sceneChain } from '../../bench/hostile.js';
import { branching } from '../terminal/helpers/scene-numbers.js';
import { renderPractice } from './helpers/render-session.js';

// The volunteer's page heads an untitled scene "Scene N" by its number in the playthrough. It was
// worked out by replaying the playthrough from its start at every step (quadratic in a long chain of
// scenes); it is now carried forward from step to step, and worked out again only where the count is
// not known (the first step, after an undo). The machine's steps taken by those replays are counted
// through xstate's `transition` (the running session does not use it).
const steps = vi.hoisted(() => ({ count: 0 }));
vi.mock('xstate', async (importOriginal) => {
  const real = await importOriginal<typeof import('xstate')>();
  return { ...real, transition: (...args: Parameters<typeof real.transition>) => { steps.count++; return real.transition(...args); } };
});

// Who's who is carried forward from step to step too (src/web/trail.ts): it was worked out by a
// replay of its own at every step (the core's peopleMet), and the steps counted here include its.

afterEach(cleanup);

const renderSession = (text: string) => renderPractice(text, 'chain.json');

/** The scenes' headings in the conversation, in order. */
const headings = () => [...document.querySelectorAll('#transcript .moment-heading')].map((h) => h.textContent).filter((h) => /^Scene \d+$|^The bus$/.test(h ?? ''));
const continueOn = () => fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
const reply = (id: string) => fireEvent.click(screen.getByRole('button', { name: new RegExp(`Reply ${id}\\.`) }));

describe("the volunteer's page, untitled scenes numbered in the playthrough", () => {
  it('counts every scene passed (a titled one too), and counts again after an undo', () => {
    renderSession(branching());
    continueOn();
    continueOn();
    continueOn();
    reply('d1-a');
    continueOn();
    continueOn();
    fireEvent.click(screen.getByRole('button', { name: 'Undo last reply' }));
    reply('d1-b');
    continueOn();
    reply('d2-a');
    // a0 and a1 were the 4th and 5th scenes (the undo takes them out of the conversation); b0 is
    // the 4th, and the last scene the 5th.
    expect(headings()).toEqual(['Scene 1', 'The bus', 'Scene 3', 'Scene 4', 'Scene 5']);
    expect(document.querySelector('#transcript')?.textContent).toContain('Narration of b0.');
    expect(document.querySelector('#transcript')?.textContent).not.toContain('Narration of a0.');
  });

  it('a chain of 150 scenes: numbered 1 to 150, with the machine stepped a number of times that grows with the chain, not its square', () => {
    renderSession(sceneChain(150));
    steps.count = 0;
    for (let i = 1; i < 150; i++) continueOn();
    expect(headings()).toEqual(Array.from({ length: 150 }, (_, i) => `Scene ${i + 1}`));
    // Replaying from the start at every step took 149 × 150 / 2 = 11,175 steps.
    expect(steps.count).toBeLessThan(10 * 150);
  });
});
