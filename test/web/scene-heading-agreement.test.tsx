// @vitest-environment jsdom
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as core from '../../src/machines/index.js';
import type { Scenario } from '../../src/machines/index.js';
import { Facilitation } from '../../src/web/pages/Presenter.js';
import ProjectorScreen from '../../src/web/pages/ProjectorScreen.js';
import { momentHeading } from '../../src/web/projector.js';
import youthDiscloses from '../../scenarios/youth-discloses.json?raw';
import { renderApp } from './helpers.js';

// The core's sceneHeading, watched (its behaviour unchanged): the projector's heading of a scene is
// the core's, not a copy of its rule kept in the web app (which could drift from what the volunteer's
// page, the terminal and the live room head it by).
vi.mock('../../src/machines/index.js', async (original) => {
  const actual = await original<typeof import('../../src/machines/index.js')>();
  return { ...actual, sceneHeading: vi.fn(actual.sceneHeading) };
});

afterEach(() => {
  cleanup();
  sessionStorage.clear();
});

describe("a scene's heading on the projector and on the volunteer's page", () => {
  it("presenter mode heads a scene by the core's sceneHeading (its title, or \"Scene N\"): the rule is the core's, in one place", () => {
    const watched = vi.mocked(core.sceneHeading);
    watched.mockClear();
    expect(momentHeading({ kind: 'scene', title: undefined }, 3)).toBe('Scene 3');
    expect(momentHeading({ kind: 'scene', title: 'A cancelled visit' }, 3)).toBe('A cancelled visit');
    expect(momentHeading({ kind: 'scene', title: undefined })).toBe('Scene');
    expect(watched.mock.calls).toEqual([[undefined, 3], ['A cancelled visit', 3], [undefined, undefined]]);
    // What the core says is what the projector shows.
    watched.mockReturnValueOnce('Scene three');
    expect(momentHeading({ kind: 'scene', title: undefined }, 3)).toBe('Scene three');
    // A decision or an ending keeps its own words where it has no title.
    expect(momentHeading({ kind: 'decision', title: undefined })).toBe('Decision');
    expect(momentHeading({ kind: 'ending', title: undefined })).toBe('Ending');
  });

  it('on one path through youth-discloses (titled and untitled scenes), the laptop, the projector and the volunteer\'s page head every scene alike', async () => {
    const scenario = core.validateScenario(youthDiscloses, 'youth-discloses.json').scenario as Scenario;
    // The path: the last reply in the file at each decision (it passes "A cancelled visit", titled,
    // and untitled scenes), found by its words on either page.
    const decisions = new Set(scenario.nodes.filter((n) => n.kind === 'decision').map((n) => n.title));
    const firstReply = (title: string) => {
      const node = scenario.nodes.find((n) => n.kind === 'decision' && n.title === title);
      if (node?.kind !== 'decision') throw new Error(`no decision titled ${title}`);
      return (node.replies.at(-1) as { text: string }).text;
    };
    const user = userEvent.setup();

    // The volunteer's page: every moment in the conversation under its heading, scenes among them.
    renderApp('#/play/youth-discloses');
    await screen.findByRole('group', { name: /./ });
    for (let step = 0; step < 60 && !document.getElementById('debrief-heading') && !document.getElementById('last-reply-heading'); step++) {
      const group = document.querySelector<HTMLElement>('.play > [role="group"].replies');
      if (group) {
        const title = document.querySelector('#transcript .moment[data-current] .moment-heading')?.textContent ?? '';
        const words = firstReply(title);
        await user.click(within(group).getAllByRole('button').find((b) => b.textContent?.includes(words)) as HTMLElement);
        continue;
      }
      await user.click(within(document.querySelector('.play > .controls') as HTMLElement).getByRole('button', { name: 'Continue' }));
    }
    const volunteer = [...document.querySelectorAll('#transcript .moment .moment-heading')].map((h) => h.textContent ?? '').filter((h) => !decisions.has(h));
    cleanup();

    // Presenter mode, with its projector: each scene's heading on both screens.
    render(<><div data-testid="laptop"><Facilitation playable={{ scenario, file: 'youth-discloses.json' }} /></div><div data-testid="projector"><ProjectorScreen /></div></>);
    const laptop = within(screen.getByTestId('laptop'));
    const projector = within(screen.getByTestId('projector'));
    const start = laptop.queryByRole('button', { name: 'Start the session' });
    if (start) await user.click(start);
    const presenter: string[] = [];
    for (let step = 0; step < 60; step++) {
      const h1 = laptop.getByRole('heading', { level: 1 }).textContent ?? '';
      const cont = laptop.queryByRole('button', { name: 'Continue' });
      const reveal = laptop.queryByRole('button', { name: 'Reveal the feedback' });
      if (cont) {
        await waitFor(() => expect(projector.getByRole('heading', { level: 1 }).textContent).toBe(h1));
        presenter.push(h1);
        await user.click(cont);
      } else if (reveal) {
        const words = firstReply(h1);
        await user.click(reveal);
        const list = laptop.getByRole('heading', { name: 'The replies, revealed' }).parentElement as HTMLElement;
        const item = within(list).getAllByRole('listitem').find((li) => li.textContent?.includes(words)) as HTMLElement;
        await user.click(within(item).getByRole('button', { name: /Follow reply/ }));
      } else break;
    }
    expect(presenter.length).toBeGreaterThan(3);
    expect(presenter.some((h) => /^Scene \d+$/.test(h))).toBe(true);
    expect(presenter.some((h) => !/^Scene\b/.test(h))).toBe(true);
    expect(volunteer).toEqual(presenter);
  });
});
