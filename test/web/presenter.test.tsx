// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { validateScenario } from '../../src/machines/index.js';
import { Facilitation } from '../../src/web/pages/Presenter.js';
import ProjectorScreen from '../../src/web/pages/ProjectorScreen.js';
import example from '../fixtures/good/example.json?raw';
import { renderApp } from './helpers.js';

afterEach(cleanup);

function scenario() {
  const s = validateScenario(example, 'example.json').scenario;
  if (!s) throw new Error('example invalid');
  return s;
}

const NOTE = 'Listen for whether the room treats the phone as proof of something.';

describe('presenter mode', () => {
  it('hides the facilitator note and scores until the reveal; the reveal marks best practice with vote bars; the trainer picks the branch', async () => {
    const user = userEvent.setup();
    render(<Facilitation playable={{ scenario: scenario(), file: 'example.json' }} />);
    expect(screen.getByText(/What is the most natural thing to say here/)).toBeTruthy();
    expect(screen.queryByText(NOTE)).toBeNull();
    expect(screen.queryByText(/Best practice/)).toBeNull();
    expect(screen.queryByText(/A light, friendly question/)).toBeNull();
    // The trainer may open the note on their own toggle.
    await user.click(screen.getByRole('button', { name: /Show the facilitator note/ }));
    expect(screen.getByText(NOTE)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: /Show the facilitator note|Facilitator note shown/ }));
    expect(screen.queryByText(NOTE)).toBeNull();
    // Votes: the option order is shuffled per session, so find each reply's box by its text.
    const box = (text: RegExp) => {
      const row = screen.getByText(text).closest('li');
      if (!row) throw new Error('no row');
      return within(row).getByRole('spinbutton');
    };
    await user.type(box(/How did you get it\?/), '3');
    await user.type(box(/You need to tell me the truth/), '1');
    await user.type(box(/Say nothing about the phone/), '1');
    expect(screen.getByText('5 votes entered.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Reveal the feedback' }));
    // After the reveal: the note, every reply's feedback, best practice marked, vote shares.
    expect(screen.getByText(NOTE)).toBeTruthy();
    const list = screen.getByRole('heading', { name: 'The replies, revealed' }).parentElement as HTMLElement;
    const items = within(list).getAllByRole('listitem').filter((li) => li.parentElement?.classList.contains('reveal'));
    expect(items).toHaveLength(3);
    const best = items.filter((li) => li.textContent?.includes('★ Best practice'));
    expect(best).toHaveLength(1);
    expect(best[0]?.textContent).toContain('How did you get it?');
    expect(best[0]?.textContent).toContain('Votes: 3 (60%)');
    expect((best[0]?.querySelector('.vote-bar') as HTMLElement).style.width).toBe('60%');
    expect(list.textContent).toContain('A light, friendly question');
    // The trainer follows the room's choice: the story goes on along that branch.
    await user.click(within(best[0] as HTMLElement).getByRole('button', { name: /Follow reply/ }));
    expect(screen.getByText(/My boyfriend got it for me/)).toBeTruthy();
    expect(screen.queryByText(NOTE)).toBeNull();
  });

  it('keyboard users keep their place: the reveal focuses the revealed replies, following one focuses the next moment', async () => {
    const user = userEvent.setup();
    render(<Facilitation playable={{ scenario: scenario(), file: 'example.json' }} />);
    screen.getByRole('button', { name: 'Reveal the feedback' }).focus();
    await user.keyboard('{Enter}');
    // The button pressed is gone: focus goes to what replaced it, not to the page's body.
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'The replies, revealed' }));
    within(screen.getByText(/How did you get it\?/).closest('li') as HTMLElement).getByRole('button', { name: /Follow reply/ }).focus();
    await user.keyboard('{Enter}');
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1 }));
  });

  it('the debrief offers no what-if replay, which presenter mode cannot do (a button that did nothing)', async () => {
    const user = userEvent.setup();
    render(<Facilitation playable={{ scenario: scenario(), file: 'example.json' }} />);
    for (let step = 0; step < 40 && !document.getElementById('debrief-heading'); step++) {
      const reveal = screen.queryByRole('button', { name: 'Reveal the feedback' });
      if (reveal) {
        await user.click(reveal);
        await user.click(screen.getAllByRole('button', { name: /Follow reply/ })[0] as HTMLElement);
      } else await user.click(screen.getByRole('button', { name: 'Continue' }));
    }
    expect(screen.getByRole('heading', { name: /^Debrief:/ })).toBeTruthy();
    expect(screen.getAllByRole('heading', { name: 'Your replies, annotated' })).toHaveLength(1);
    expect(screen.queryAllByRole('button', { name: /What if/ })).toEqual([]);
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });

  it('the session summary says how often the room matched best practice', async () => {
    const user = userEvent.setup();
    const blobs: Blob[] = [];
    URL.createObjectURL = vi.fn((b: Blob) => {
      blobs.push(b);
      return 'blob:summary';
    });
    URL.revokeObjectURL = vi.fn();
    render(<Facilitation playable={{ scenario: scenario(), file: 'example.json' }} />);
    const row = (text: RegExp) => screen.getByText(text).closest('li') as HTMLElement;
    await user.type(within(row(/You need to tell me the truth/)).getByRole('spinbutton'), '4');
    await user.type(within(row(/How did you get it\?/)).getByRole('spinbutton'), '1');
    await user.click(screen.getByRole('button', { name: 'Reveal the feedback' }));
    await user.click(within(screen.getByText(/You need to tell me the truth/).closest('li') as HTMLElement).getByRole('button', { name: /Follow reply/ }));
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await user.type(within(row(/Call your Advocate Supervisor/)).getByRole('spinbutton'), '5');
    await user.click(screen.getByRole('button', { name: 'Reveal the feedback' }));
    await user.click(within(screen.getByText(/Call your Advocate Supervisor/).closest('li') as HTMLElement).getByRole('button', { name: /Follow reply/ }));
    expect(screen.getByRole('heading', { name: 'How often the room matched best practice' })).toBeTruthy();
    const words = "The room's most-voted reply was best practice at 1 of 2 decisions with votes (50%); 6 of 10 votes (60%) went to best-practice replies.";
    expect(screen.getByText(words)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Download the session summary' }));
    const md = await blobs[0]?.text();
    expect(md).toContain('## How often the room matched best practice');
    expect(md).toContain(words);
    expect(md).toContain('Branch taken:');
  });
});

describe('presenter mode opened at ?presenter', () => {
  afterEach(() => history.replaceState(null, '', '/'));

  it('opens presenter mode, and the other pages are still reached from the navigation', async () => {
    const user = userEvent.setup();
    history.replaceState(null, '', '/?presenter');
    renderApp('');
    expect(await screen.findByRole('heading', { level: 1, name: 'Presenter mode' })).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    await user.click(within(nav).getByRole('link', { name: 'My records' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'My records' })).toBeTruthy();
    expect(within(nav).getByRole('link', { name: 'My records' }).getAttribute('aria-current')).toBe('page');
    await user.click(within(nav).getByRole('link', { name: 'Scenarios' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Practise a conversation' })).toBeTruthy();
    await user.click(within(nav).getByRole('link', { name: 'Presenter mode' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Presenter mode' })).toBeTruthy();
  });
});

describe('presenter mode on two screens', () => {
  it('the projector window shows the moment without the note, then the reveal with best practice, as the laptop sends it', async () => {
    const user = userEvent.setup();
    render(<><Facilitation playable={{ scenario: scenario(), file: 'example.json' }} /><div data-testid="projector"><ProjectorScreen /></div></>);
    const projector = () => within(screen.getByTestId('projector'));
    expect(await projector().findByText(/What is the most natural thing to say here/)).toBeTruthy();
    expect(projector().getByText(/How did you get it\?/)).toBeTruthy();
    // The trainer's own look at the note stays on the laptop.
    await user.click(screen.getByRole('button', { name: /Show the facilitator note/ }));
    expect(projector().queryByText(NOTE)).toBeNull();
    const row = screen.getAllByText(/How did you get it\?/)[0]?.closest('li') as HTMLElement;
    await user.type(within(row).getByRole('spinbutton'), '2');
    await user.click(screen.getByRole('button', { name: 'Reveal the feedback' }));
    expect(await projector().findByText(NOTE)).toBeTruthy();
    const best = projector().getByText('★ Best practice').closest('li') as HTMLElement;
    expect(best.textContent).toContain('How did you get it?');
    expect(best.textContent).toContain('Votes: 2 (100%)');
  });
});
