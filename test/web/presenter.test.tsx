// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { facilitationKey, memoryStore, selectView, startFacilitation, TOO_MANY_VOTES, validateScenario, writeFacilitation, type Scenario, type Store } from '../../src/machines/index.js';
import { localStore } from '../../src/web/adapters/local-store.js';
import { Facilitation } from '../../src/web/pages/Presenter.js';
import { App } from '../../src/web/App.js';
import ProjectorScreen from '../../src/web/pages/ProjectorScreen.js';
import { clickerClock, PROJECTOR_OVERFLOW_WORDS, SINGLE_KEYS_KEY } from '../../src/web/clicker.js';
import { LIVE_ROOM_ON_BREAK_WORDS, PROJECTOR_ON_BREAK_WORDS } from '../../src/web/components/BreakPanel.js';
import { PROJECTOR_CHANNEL, PROJECTOR_PROTOCOL } from '../../src/web/projector.js';
import { NARROW_STEPS } from '../../src/web/trainer-steps.js';
import example from '../fixtures/good/example.json?raw';
import { gatedPhoneText } from '../helpers/fixtures.js';
import { bundledById } from '../../src/web/scenarios.js';
import { announcedDuring, captureDownloads, overflowingProjector, pagingWindow, readAloud, renderApp } from './helpers.js';

afterEach(() => {
  cleanup();
  // The projector's blank is kept in the tab (sessionStorage) across pages: each test starts shown.
  sessionStorage.clear();
});

/** A value and everything in it made read-only: shared by every test, a change to it would throw. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

// The example, validated once for the file (each test validated it again, some several times: a
// twentieth of the file's time). Frozen: neither a test nor the page can change it for the next.
const EXAMPLE = deepFreeze(validateScenario(example, 'example.json').scenario);

function scenario(): Scenario {
  if (!EXAMPLE) throw new Error('example invalid');
  return EXAMPLE;
}

const NOTE = 'Listen for whether the room treats the phone as proof of something.';


/**
 * The buttons in `root` named `name`, as a role query finds them, each looked for within its own
 * paragraph or list item: a role query over the whole page works out the name and visibility of
 * every button in it, again after every change, more than the step it finds them for.
 */
function buttonsNamed(name: string | RegExp, root: ParentNode = document): HTMLElement[] {
  const named = (b: Element) => (typeof name === 'string' ? b.textContent === name : name.test(b.textContent ?? ''));
  return [...root.querySelectorAll('button')].filter(named).filter((b) => within(b.parentElement as HTMLElement).queryAllByRole('button', { name }).includes(b));
}

/** The one button in `root` named `name` (buttonsNamed), or undefined; more than one is an error, as getByRole's. */
function buttonNamed(name: string | RegExp, root: ParentNode = document): HTMLElement | undefined {
  const found = buttonsNamed(name, root);
  if (found.length > 1) throw new Error(`${found.length} buttons named ${String(name)}`);
  return found[0];
}

/**
 * Runs the presenter session on to its debrief: at each decision, reveal and follow the reply `pick`
 * chooses among the Follow buttons (the first by default); continue through scenes.
 */
async function presentToDebrief(user: ReturnType<typeof userEvent.setup>, pick = (follow: HTMLElement[]) => follow[0]): Promise<void> {
  for (let step = 0; step < 60 && !document.getElementById('debrief-heading'); step++) {
    const reveal = buttonNamed('Reveal the feedback');
    if (reveal) {
      await user.click(reveal);
      await user.click(pick(buttonsNamed(/Follow reply/)) as HTMLElement);
    } else {
      const next = buttonNamed('Continue');
      if (!next) throw new Error('no Continue');
      await user.click(next);
    }
  }
}

/** Presenter mode on the example: `count` typed in the second reply's vote box; the first reply's box. */
async function firstBoxAfterSecondCounted(user: ReturnType<typeof userEvent.setup>, count: string): Promise<HTMLInputElement> {
  render(<Facilitation playable={{ scenario: scenario(), file: 'example.json' }} />);
  const [box, second] = screen.getAllByRole('spinbutton') as HTMLInputElement[];
  await user.click(second as HTMLElement);
  await user.keyboard(count);
  return box as HTMLInputElement;
}

describe('presenter mode', () => {
  // The points: found in a trainer's walkthrough, the intro said "Replies are shown without scores
  // until the reveal", but the web reveal showed none, where the terminal's (--facilitate) says
  // "Score: +3" under each reply and the summary has a Points column.
  it('hides the facilitator note and scores until the reveal; the reveal marks best practice with vote bars and shows each reply\'s points in the terminal\'s words, on the laptop and the projector; the trainer picks the branch', async () => {
    const user = userEvent.setup();
    // What the projector window is sent (ProjectorScreen shows a reveal's points as sent: see the projector's reveal test).
    const sent: { reveal?: { text: string; score?: string }[] }[] = [];
    const projector = new BroadcastChannel(PROJECTOR_CHANNEL);
    projector.onmessage = (e: MessageEvent<{ type?: string; state?: (typeof sent)[number] }>) => {
      if (e.data.type === 'state' && e.data.state) sent.push(e.data.state);
    };
    onTestFinished(() => projector.close());
    render(<Facilitation playable={{ scenario: scenario(), file: 'example.json' }} />);
    expect(screen.getByText(/What is the most natural thing to say here/)).toBeTruthy();
    expect(document.body.textContent).not.toContain('Score:');
    expect(screen.queryByText(NOTE)).toBeNull();
    expect(screen.queryByText(/Best practice/)).toBeNull();
    expect(screen.queryByText(/A light, friendly question/)).toBeNull();
    // The trainer may open the note on their own toggle.
    await user.click(screen.getByRole('button', { name: /Show the facilitator note/ }));
    expect(screen.getByText(NOTE)).toBeTruthy();
    // The button then says what it does (the terminal's "f: hide note"), not "Facilitator note shown".
    const hide = screen.getByRole('button', { name: 'Hide the facilitator note' });
    expect(hide.getAttribute('aria-expanded')).toBe('true');
    expect(document.activeElement).toBe(hide);
    await user.click(hide);
    expect(screen.queryByText(NOTE)).toBeNull();
    expect(screen.getByRole('button', { name: 'Show the facilitator note (trainer only)' })).toBe(document.activeElement);
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
    // The note is the room's now: no button to hide it (a disabled one said "Facilitator note shown").
    expect(screen.queryByRole('button', { name: /facilitator note/i })).toBeNull();
    const list = screen.getByRole('heading', { name: 'The replies, revealed' }).parentElement as HTMLElement;
    const items = within(list).getAllByRole('listitem').filter((li) => li.parentElement?.classList.contains('reveal'));
    expect(items).toHaveLength(3);
    const best = items.filter((li) => li.textContent?.includes('★ Best practice'));
    expect(best).toHaveLength(1);
    expect(best[0]?.textContent).toContain('How did you get it?');
    expect(best[0]?.textContent).toContain('Votes: 3 (60%)');
    expect((best[0]?.querySelector('.vote-bar') as HTMLElement).style.width).toBe('60%');
    expect(list.textContent).toContain('A light, friendly question');
    // Each reply's points (the example's, as the terminal's test reads them), found by its words: the replies are shuffled.
    const expected = [['How did you get it?', 'Score: +2'], ['You need to tell me the truth', 'Score: −3'], ['Say nothing about the phone', 'Score: +1']];
    const scores = (root: HTMLElement) => Object.fromEntries([...root.querySelectorAll('ol.reveal > li')].map((li) => [expected.find(([words]) => li.textContent?.includes(words!))?.[0], [...li.querySelectorAll('.reply-score')].map((p) => p.textContent)]));
    const want = Object.fromEntries(expected.map(([words, score]) => [words, [score]]));
    expect(scores(list)).toEqual(want);
    await waitFor(() => expect(sent.at(-1)?.reveal).toHaveLength(3));
    expect(Object.fromEntries(sent.at(-1)!.reveal!.map((r) => [expected.find(([words]) => r.text.includes(words!))?.[0], [r.score]]))).toEqual(want);
    expect(sent.slice(0, -1).some((state) => JSON.stringify(state).includes('Score:'))).toBe(false);
    // The trainer follows the room's choice: the story goes on along that branch.
    await user.click(within(best[0] as HTMLElement).getByRole('button', { name: /Follow reply/ }));
    expect(screen.getByText(/My boyfriend got it for me/)).toBeTruthy();
    expect(screen.queryByText(NOTE)).toBeNull();
  });

  // Untitled scenes were all headed "Scene", several alike in one session: each is numbered in the playthrough.
  it('an untitled scene on the projector is headed by its number in the playthrough ("Scene 1") once, not also in the status line above it', async () => {
    const user = userEvent.setup();
    render(<><div data-testid="laptop"><Facilitation playable={{ scenario: scenario(), file: 'example.json' }} /></div><div data-testid="projector"><ProjectorScreen /></div></>);
    const laptop = within(screen.getByTestId('laptop'));
    const projector = within(screen.getByTestId('projector'));
    await user.click(laptop.getAllByRole('spinbutton')[0] as HTMLElement);
    await user.keyboard('1{Enter}0{Enter}0{Enter}');
    await user.click(laptop.getByRole('button', { name: 'Reveal the feedback' }));
    const list = laptop.getByRole('heading', { name: 'The replies, revealed' }).parentElement as HTMLElement;
    const best = within(list).getAllByRole('listitem').find((li) => li.textContent?.includes('★ Best practice')) as HTMLElement;
    await user.click(within(best).getByRole('button', { name: /Follow reply/ }));
    await waitFor(() => expect(projector.getByText(/My boyfriend got it for me/)).toBeTruthy());
    expect(projector.getByRole('heading', { level: 1 }).textContent).toBe('Scene 1');
    expect(laptop.getByRole('heading', { level: 1 }).textContent).toBe('Scene 1');
    const status = screen.getByTestId('projector').querySelector('.status-line') as HTMLElement;
    expect(readAloud(status)).not.toMatch(/Scene/);
    expect(readAloud(status)).toBe(scenario().title);
  });

  // In a window narrower than 75em (a 1024×768 laptop) the row's first step at a reveal was "Follow
  // reply 2": nothing said it was the room's choice, and reply 2's own button had the same name.
  it('in a narrow window the reveal\'s first step is still named the room\'s choice, no button of the page named as it is, and follows the reply the room chose', async () => {
    const narrow = (query: string) => ({ matches: query === NARROW_STEPS, media: query, addEventListener: () => undefined, removeEventListener: () => undefined }) as unknown as MediaQueryList;
    const had = Object.getOwnPropertyDescriptor(window, 'matchMedia');
    Object.defineProperty(window, 'matchMedia', { configurable: true, writable: true, value: narrow });
    try {
      const user = userEvent.setup();
      render(<Facilitation playable={{ scenario: scenario(), file: 'example.json' }} />);
      // The room votes for "How did you get it?" (the replies are shuffled: found by its words).
      const boxes = screen.getAllByRole('spinbutton');
      const curious = boxes.findIndex((box) => box.closest('li')?.textContent?.includes('How did you get it?'));
      await user.click(boxes[0] as HTMLElement);
      await user.keyboard(boxes.map((_, i) => `${i === curious ? 4 : 1}{Enter}`).join(''));
      await user.click(screen.getByRole('button', { name: 'Reveal the feedback' }));
      const step = screen.getByRole('button', { name: `Follow the room: ${curious + 1}` });
      expect(step.closest('.trainer-steps')).not.toBeNull();
      const names = screen.getAllByRole('button').map((b) => b.textContent);
      expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
      // The same step as in a wide window: the story follows the room's choice.
      await user.click(step);
      expect(screen.getByText(/My boyfriend got it for me/)).toBeTruthy();
    } finally {
      if (had) Object.defineProperty(window, 'matchMedia', had);
      else delete (window as unknown as Record<string, unknown>).matchMedia;
    }
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

  // The projector showed a decision's replies under no question: the room voted on answers to "What
  // do you say to Ray?" (or "The message is sitting there. What do you do?", a line of the story)
  // that only the laptop and the phones showed.
  it('the projector heads a decision\'s replies with its question, as the laptop does, until the reveal; a scene has none', async () => {
    const user = userEvent.setup();
    render(<><div data-testid="laptop"><Facilitation playable={{ scenario: scenario(), file: 'example.json' }} /></div><div data-testid="projector"><ProjectorScreen /></div></>);
    const laptop = within(screen.getByTestId('laptop'));
    const projector = within(screen.getByTestId('projector'));
    const question = laptop.getByRole('heading', { level: 2, name: 'What do you say or do?' });
    const shown = await projector.findByRole('heading', { level: 2, name: question.textContent ?? '' });
    // It names the list of replies the room votes on, and comes after the discussion prompt.
    expect(projector.getByRole('list', { name: 'What do you say or do?' }).querySelectorAll('li').length).toBe(laptop.getAllByRole('spinbutton').length);
    const discussion = screen.getByTestId('projector').querySelector('.discussion') as HTMLElement;
    expect(discussion.compareDocumentPosition(shown) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    await user.click(laptop.getAllByRole('spinbutton')[0] as HTMLElement);
    await user.keyboard('1{Enter}0{Enter}0{Enter}');
    await user.click(laptop.getByRole('button', { name: 'Reveal the feedback' }));
    await projector.findAllByText('★ Best practice');
    expect(projector.queryByRole('heading', { name: 'What do you say or do?' })).toBeNull();
    const list = laptop.getByRole('heading', { name: 'The replies, revealed' }).parentElement as HTMLElement;
    const best = within(list).getAllByRole('listitem').find((li) => li.textContent?.includes('★ Best practice')) as HTMLElement;
    await user.click(within(best).getByRole('button', { name: /Follow reply/ }));
    await projector.findByText(/My boyfriend got it for me/);
    expect(screen.getByTestId('projector').querySelector('h2.prompt')).toBeNull();
  });

  it('reads the status line as two phrases, on the laptop and the projector, and each vote box with the reply it counts', async () => {
    render(<><div data-testid="laptop"><Facilitation playable={{ scenario: scenario(), file: 'example.json' }} /></div><div data-testid="projector"><ProjectorScreen /></div></>);
    const status = (id: string) => readAloud(screen.getByTestId(id).querySelector('.status-line') as HTMLElement);
    expect(status('laptop')).toMatch(/^\S.*\. Decision 1 of about 2$/);
    await waitFor(() => expect(status('projector')).toBe(status('laptop')));
    // Tab goes from box to box, past the replies' words: each box says which reply it counts.
    // Every box, so a "Do:" reply (shown in its own emphasis) is among them whatever the order.
    const laptop = within(screen.getByTestId('laptop'));
    const boxes = laptop.getAllByRole('spinbutton');
    expect(boxes.length).toBeGreaterThan(1);
    let doReplies = 0;
    for (const [i, box] of boxes.entries()) {
      const reply = (box.closest('li') as HTMLElement).querySelector('span')?.textContent ?? '';
      expect(reply).toMatch(new RegExp(`^${i + 1}\\. \\S`));
      if (reply.includes('Do: ')) doReplies++;
      expect(laptop.getByRole('spinbutton', { name: `Votes for reply ${i + 1}`, description: reply })).toBe(box);
    }
    expect(doReplies).toBeGreaterThan(0);
  });

  it('Enter in a vote box goes on to the next box, and from the last to the reveal, so the room\'s counts are typed one after another', async () => {
    // A trainer at the keyboard typed a count and pressed Enter, which did nothing, as in the
    // terminal (where the next count then joined the same reply's digits).
    const user = userEvent.setup();
    render(<Facilitation playable={{ scenario: scenario(), file: 'example.json' }} />);
    const boxes = screen.getAllByRole('spinbutton') as HTMLInputElement[];
    expect(boxes).toHaveLength(3);
    await user.click(boxes[0] as HTMLElement);
    await user.keyboard('12{Enter}3{Enter}1{Enter}');
    expect(boxes.map((b) => b.value)).toEqual(['12', '3', '1']);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Reveal the feedback' }));
    expect(screen.getByText('16 votes entered.')).toBeTruthy();
  });

  it('a count past 9999 is kept at 9999, and a status line says so until the count is in range', async () => {
    const user = userEvent.setup();
    render(<Facilitation playable={{ scenario: scenario(), file: 'example.json' }} />);
    const [box] = screen.getAllByRole('spinbutton') as HTMLInputElement[];
    const status = screen.getByRole('status');
    expect(status.textContent).toBe('');
    await user.click(box as HTMLElement);
    await user.keyboard('12345');
    expect(box?.value).toBe('9999');
    expect(status.textContent).toBe('At most 9999 votes per reply: a larger count is kept at 9999.');
    expect(screen.getByText('9999 votes entered.')).toBeTruthy();
    await user.keyboard('{Backspace}');
    expect(box?.value).toBe('999');
    expect(status.textContent).toBe('');
  });

  it('a count deleted with Backspace empties its box (the next digit is the count, not "05") and counts nothing', async () => {
    const user = userEvent.setup();
    const box = await firstBoxAfterSecondCounted(user, '2');
    await user.click(box as HTMLElement);
    await user.keyboard('3{Backspace}');
    expect(box?.value).toBe('');
    expect(screen.getByText('2 votes entered.')).toBeTruthy();
    await user.keyboard('5');
    expect(box?.value).toBe('5');
    expect(screen.getByText('7 votes entered.')).toBeTruthy();
  });

  // "-3" became 0 and "2.5" became 2 in the box, with nothing said: the trainer's number changed
  // under their hands. A count is a whole number from 0: anything else stays in the box as typed,
  // marked not counted (the box's own description says why), and the reveal waits for it.
  it('a count that is not a whole number from 0 ("-3", "2.5") stays as typed, marked not counted, and the reveal waits for it to be put right', async () => {
    const user = userEvent.setup();
    const box = await firstBoxAfterSecondCounted(user, '4');
    for (const typed of ['-3', '2.5']) {
      await user.click(box as HTMLElement);
      await user.keyboard(`{Control>}a{/Control}{Backspace}${typed}`);
      expect(box?.value, typed).toBe(typed);
      expect(box?.getAttribute('aria-invalid'), typed).toBe('true');
      expect(screen.getByRole('spinbutton', { name: 'Votes for reply 1', description: /Not counted: a count of votes is a whole number from 0\.$/ })).toBe(box);
      expect(screen.getByText('4 votes entered.')).toBeTruthy();
      // Reveal refused: the focus goes to the box to put right, nothing is revealed.
      await user.click(screen.getByRole('button', { name: 'Reveal the feedback' }));
      expect(screen.queryByRole('heading', { name: 'The replies, revealed' }), typed).toBeNull();
      expect(document.activeElement).toBe(box);
      // A clicker's Page Down from the page says why it reveals nothing.
      screen.getByRole('heading', { level: 1 }).focus();
      expect(await announcedDuring(() => user.keyboard('{PageDown}'))).toEqual([expect.stringMatching(/^A vote box holds what is not a count, so Page Down did not reveal the feedback/)]);
      expect(screen.queryByRole('heading', { name: 'The replies, revealed' })).toBeNull();
    }
    await user.click(box as HTMLElement);
    await user.keyboard('{Control>}a{/Control}{Backspace}3');
    expect(box?.value).toBe('3');
    expect(box?.getAttribute('aria-invalid')).toBeNull();
    expect(screen.getByRole('spinbutton', { name: 'Votes for reply 1' }).getAttribute('aria-describedby')).not.toMatch(/error/);
    expect(screen.getByText('7 votes entered.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Reveal the feedback' }));
    expect(screen.getByRole('heading', { name: 'The replies, revealed' })).toBeTruthy();
  });

  // The status kept the same words for a second count past the limit, so a screen reader said nothing
  // the second time and the count seemed taken as typed.
  it('each count past 9999 is said, the second with the same words too', async () => {
    const user = userEvent.setup();
    render(<Facilitation playable={{ scenario: scenario(), file: 'example.json' }} />);
    const [box, second] = screen.getAllByRole('spinbutton') as HTMLInputElement[];
    await user.click(box as HTMLElement);
    expect(await announcedDuring(() => user.keyboard('12345'))).toEqual([TOO_MANY_VOTES]);
    // Another digit in the same box (9999 shown, 99999 typed), then a count past the limit in the next box.
    expect(await announcedDuring(() => user.keyboard('9'))).toEqual([TOO_MANY_VOTES]);
    await user.click(second as HTMLElement);
    expect(await announcedDuring(() => user.keyboard('20000'))).toEqual([TOO_MANY_VOTES]);
    expect((screen.getAllByRole('spinbutton') as HTMLInputElement[]).map((b) => b.value)).toEqual(['9999', '9999', '']);
    // In range again: the words go.
    await user.keyboard('{Backspace}');
    expect(screen.getByRole('status').textContent).toBe('');
  });

  it('from the reveal, "Back to the votes" brings the boxes back with the counts kept, so a count typed wrong is put right and revealed again', async () => {
    const user = userEvent.setup();
    render(<Facilitation playable={{ scenario: scenario(), file: 'example.json' }} />);
    await user.click(screen.getAllByRole('spinbutton')[0] as HTMLElement);
    await user.keyboard('12{Enter}3{Enter}1{Enter}{Enter}');
    expect(await screen.findByRole('heading', { name: 'The replies, revealed' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Back to the votes' }));
    const boxes = screen.getAllByRole('spinbutton') as HTMLInputElement[];
    expect(boxes.map((b) => b.value)).toEqual(['12', '3', '1']);
    expect(document.activeElement).toBe(boxes[0]);
    // The second count was 30, not 3.
    await user.tab();
    await user.keyboard('{Backspace}30{Enter}');
    expect(screen.getByText('43 votes entered.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Reveal the feedback' }));
    expect(screen.getAllByText(/^Votes: 30 \(70%\)$/)).toHaveLength(1);
  });

  it('the debrief offers no what-if replay, which presenter mode cannot do (a button that did nothing)', async () => {
    const user = userEvent.setup();
    render(<Facilitation playable={{ scenario: scenario(), file: 'example.json' }} />);
    await presentToDebrief(user);
    expect(screen.getByRole('heading', { name: /^Debrief:/ })).toBeTruthy();
    // Focus is on the room's agreement, the first section under the debrief's heading (the page's
    // headings start at its h1: the agreement's h2 stood above it), so that reading on reaches it,
    // the summary's download and the rest of the debrief in turn.
    const agreement = screen.getByRole('heading', { name: 'How often the room matched best practice' });
    expect(document.activeElement).toBe(agreement);
    expect(agreement.compareDocumentPosition(screen.getByRole('button', { name: 'Download the session summary' })) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    const headings = [...document.querySelectorAll('h1, h2, h3')];
    expect(headings[0]?.tagName).toBe('H1');
    expect(headings[0]?.textContent).toMatch(/^Debrief: /);
    expect(headings[1]).toBe(agreement);
    // The transcript's heading, as in the Markdown summary and the terminal: "The room's replies, annotated" was the web's own.
    expect(screen.getAllByRole('heading', { name: 'Transcript' })).toHaveLength(1);
    expect(screen.queryAllByRole('button', { name: /What if/ })).toEqual([]);
    // A projector window can be opened at the end too (after a reload there was no way to).
    const open = vi.spyOn(window, 'open').mockReturnValue(null);
    try {
      await user.click(screen.getByRole('button', { name: 'Open a projector window' }));
      expect(open).toHaveBeenCalledTimes(1);
    } finally {
      open.mockRestore();
    }
    // A volunteer's "Try again" is not the room's: with nothing to start a new session from here, no button claims to.
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
  });

  it('the debrief speaks of the room, as the terminal\'s and the summary\'s do, and leads back to presenter mode', async () => {
    const user = userEvent.setup();
    render(<Facilitation playable={{ scenario: scenario(), file: 'example.json' }} />);
    // The least good reply each time: the debrief then has critical violations and things to work on.
    await presentToDebrief(user, (follow) => follow.find((b) => b.closest('li')?.textContent?.includes('violates')) ?? follow[0]);
    const debrief = screen.getByRole('article');
    // Scenario text may say "you" (a reply is said to the youth); the debrief's own words never do.
    expect(debrief.textContent).not.toMatch(/\b[Yy]ou chose\b|\bYour (replies|reply|path)\b|your records/);
    const inShort = within(screen.getByRole('region', { name: 'Principles of the guide' })).getAllByRole('listitem').map((li) => li.textContent ?? '');
    expect(inShort.length).toBeGreaterThan(0);
    for (const line of inShort) expect(line).toMatch(/^(The room|Critical: the room) /);
    expect(debrief.textContent).toContain('The room chose: “');
    expect(debrief.textContent).toContain('Trainer-led session: not added to My records.');
    expect(screen.getByRole('heading', { name: "The room's path beside best practice" })).toBeTruthy();
    expect(screen.getByRole('columnheader', { name: "The room's reply" })).toBeTruthy();
    expect(within(debrief).getByRole('link', { name: 'Back to presenter mode' }).getAttribute('href')).toBe('#/presenter');
    expect(within(debrief).queryByRole('link', { name: 'My records' })).toBeNull();
  });

  it('the session summary says how often the room matched best practice, under a name on the local clock', async () => {
    const user = userEvent.setup();
    const files = captureDownloads();
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
    // The screen says what the summary says, the branch the room took included (it gave only the votes).
    expect(screen.getByText(`The branch the room took was best practice at 1 of 2 decisions (50%). ${words}`)).toBeTruthy();
    // Downloaded at 18:00 UTC by a trainer in Los Angeles: named 10:00, as the screens show time (it was 18-00-00).
    const zone = process.env.TZ;
    process.env.TZ = 'America/Los_Angeles';
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-12-03T18:00:00Z') });
    try {
      await user.click(screen.getByRole('button', { name: 'Download the session summary' }));
    } finally {
      vi.useRealTimers();
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
    expect(files.map((f) => f.name)).toEqual(['example-new-phone-session-2026-12-03T10-00-00.md']);
    const md = await files[0]?.blob.text();
    // The core's summary as the terminal writes it, said once: no second section spliced in.
    expect(md).toContain(`## How the room did\n\nThe branch the room took was best practice at 1 of 2 decisions (50%).\n${words}\n`);
    expect(md?.split("The room's most-voted reply").length).toBe(2);
    expect(md).not.toContain('## How often the room matched best practice');
    expect(md).toContain('Branch taken:');
  });
});

describe('going back to the last decision', () => {
  it('"Back to decision 1" undoes the branch followed: the decision comes back with its votes and reveal, focus on it, and the summary forgets that branch', async () => {
    const user = userEvent.setup();
    const files = captureDownloads();
    render(<Facilitation playable={{ scenario: scenario(), file: 'example.json' }} />);
    expect(screen.queryByRole('button', { name: /^Back to decision/ })).toBeNull();
    const row = (text: RegExp) => screen.getByText(text).closest('li') as HTMLElement;
    await user.type(within(row(/How did you get it\?/)).getByRole('spinbutton'), '3');
    await user.type(within(row(/You need to tell me the truth/)).getByRole('spinbutton'), '1');
    await user.click(screen.getByRole('button', { name: 'Reveal the feedback' }));
    // The wrong button: the room's choice was the other reply.
    await user.click(within(screen.getByText(/You need to tell me the truth/).closest('li') as HTMLElement).getByRole('button', { name: /Follow reply/ }));
    expect(screen.getByRole('button', { name: 'Continue' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Back to decision 1' }));
    expect(screen.getByRole('heading', { level: 1, name: 'The new phone' })).toBe(document.activeElement);
    const revealed = screen.getByRole('region', { name: 'The replies, revealed' });
    expect(within(revealed).getByText('Votes: 3 (75%)')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^Back to decision/ })).toBeNull();
    // Back to the votes still has the counts typed.
    await user.click(screen.getByRole('button', { name: 'Back to the votes' }));
    expect(screen.getByText('4 votes entered.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Reveal the feedback' }));
    await user.click(within(screen.getByText(/How did you get it\?/).closest('li') as HTMLElement).getByRole('button', { name: /Follow reply/ }));
    await user.click(screen.getByRole('button', { name: 'Download the summary so far' }));
    expect(screen.getByText(`Session summary downloaded: ${files.at(-1)?.name}.`).closest('[aria-live="polite"]')).not.toBeNull();
    const md = await files.at(-1)?.blob.text() ?? '';
    expect(md.match(/^## Decision 1:/gm)).toHaveLength(1);
    expect(md).toMatch(/Branch taken: \d\. That's a nice one! How did you get it\?/);
    expect(md).not.toMatch(/Branch taken: \d\. Who bought you that\?/);
  });
});

describe('going back from the ending', () => {
  // The last Follow pressed by mistake ended the session with no way back ("Back to decision N" was offered at every other moment).
  it('"Back to decision 2" (and Page Up) at the end brings the last decision back revealed with its votes; the end says a downloaded summary stays as it is', async () => {
    const user = userEvent.setup();
    let clock = 0;
    clickerClock.now = () => (clock += 1000);
    try {
      const files = captureDownloads();
      render(<Facilitation playable={{ scenario: scenario(), file: 'example.json' }} store={memoryStore()} />);
      await user.type(screen.getAllByRole('spinbutton')[0] as HTMLElement, '2');
      await user.click(screen.getByRole('button', { name: 'Reveal the feedback' }));
      await user.click(screen.getAllByRole('button', { name: /Follow reply/ })[0] as HTMLElement);
      await user.click(screen.getByRole('button', { name: 'Continue' }));
      const title = screen.getByRole('heading', { level: 1 }).textContent ?? '';
      const [first, second] = screen.getAllByRole('spinbutton');
      await user.type(first as HTMLElement, '3');
      await user.type(second as HTMLElement, '1');
      await user.click(screen.getByRole('button', { name: 'Reveal the feedback' }));
      await user.click(screen.getAllByRole('button', { name: /Follow reply/ })[0] as HTMLElement);
      expect(screen.getByRole('heading', { name: /^Debrief:/ })).toBeTruthy();
      expect(screen.getByText(/^Back to decision 2: the room returns to it, revealed with its votes/).textContent).toContain('A summary already downloaded here stays as it is: download it again at the new ending.');
      expect(document.getElementById('clicker-keys')?.textContent).toContain('Page Up or Left arrow: Back to decision 2.');
      // Downloaded at this ending, which the room then goes back from.
      await user.click(screen.getByRole('button', { name: 'Download the session summary' }));
      const stale = /The summary downloaded earlier from this page is out of date/;
      expect(screen.queryByText(stale)).toBeNull();
      await user.click(screen.getByRole('button', { name: 'Back to decision 2' }));
      expect(screen.getByRole('heading', { level: 1, name: title })).toBe(document.activeElement);
      const revealed = screen.getByRole('region', { name: 'The replies, revealed' });
      expect(within(revealed).getByText('Votes: 3 (75%)')).toBeTruthy();
      // Another reply this time; the summary at the new ending has it, and not the one taken back.
      const follows = within(revealed).getAllByRole('button', { name: /Follow reply/ });
      const other = follows.at(-1) as HTMLElement;
      const otherText = (other.closest('li')?.querySelector('p')?.textContent ?? '').replace(/^\d+\.\s*/, '').replace(/\s*★ Best practice\s*$/, '').trim();
      await user.click(other);
      expect(screen.getByRole('heading', { name: /^Debrief:/ })).toBeTruthy();
      // The copy downloaded at the first ending names the branch taken back: said, until downloaded again.
      expect(screen.getByText(stale)).toBeTruthy();
      await user.click(screen.getByRole('button', { name: 'Download the session summary' }));
      expect(screen.queryByText(stale)).toBeNull();
      const md = await files.at(-1)?.blob.text() ?? '';
      expect(md.match(/^## Decision 2:/gm)).toHaveLength(1);
      expect(md).toContain(`Branch taken: ${follows.length}. ${otherText.slice(0, 20)}`);
      // A clicker's Page Up goes back from the end too.
      await user.keyboard('{PageUp}');
      expect(screen.getByRole('heading', { level: 1, name: title })).toBeTruthy();
      expect(screen.getByRole('region', { name: 'The replies, revealed' })).toBeTruthy();
    } finally {
      clickerClock.now = () => performance.now();
    }
  });
});

describe('going back from a decision with votes entered', () => {
  // It cleared the counts typed at the decision on screen without a word; Start over asks first.
  it('asks first, saying how many votes it clears; "No" keeps them, "Yes" goes back', async () => {
    const user = userEvent.setup();
    render(<Facilitation playable={{ scenario: scenario(), file: 'example.json' }} />);
    await user.click(screen.getByRole('button', { name: 'Reveal the feedback' }));
    await user.click(within(screen.getByText(/How did you get it\?/).closest('li') as HTMLElement).getByRole('button', { name: /Follow reply/ }));
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    const boxes = screen.getAllByRole('spinbutton');
    await user.type(boxes[0] as HTMLElement, '11');
    await user.type(boxes[1] as HTMLElement, '12');
    await user.click(screen.getByRole('button', { name: 'Back to decision 1' }));
    const question = screen.getByRole('group', { name: 'Go back to decision 1?' });
    expect(question.textContent).toContain('The 23 votes entered at this decision will be cleared.');
    await user.click(within(question).getByRole('button', { name: 'No, stay here' }));
    expect(screen.getByText('23 votes entered.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Back to decision 1' }));
    await user.click(screen.getByRole('button', { name: 'Yes, back to decision 1' }));
    expect(screen.getByRole('region', { name: 'The replies, revealed' })).toBeTruthy();
  });
});

describe('a presentation clicker (Page Down, Page Up, the arrows)', () => {
  // Each press a second after the last, unless a test says otherwise (the double-press guard reads this clock).
  let clock = 0;
  beforeEach(() => {
    clock = 0;
    clickerClock.now = () => (clock += 1000);
  });
  afterEach(() => {
    clickerClock.now = () => performance.now();
  });
  const hint = () => document.getElementById('clicker-keys')?.textContent;
  const row = (text: RegExp) => screen.getByText(text).closest('li') as HTMLElement;
  /** Which page of the reveal the projector shows, as the trainer's page says it. */
  const pagerLine = () => document.querySelector('.reveal-page-now')?.textContent;

  it('what a key said goes once the page moves on by a button: no words about the vote boxes, or about no votes, under the reveal', async () => {
    const user = userEvent.setup();
    render(<Facilitation playable={{ scenario: scenario(), file: 'example.json' }} />);
    const said = () => [...document.querySelectorAll('.hint')].map((p) => p.textContent).filter((t) => /took no step|No votes are entered yet/.test(t ?? ''));
    await user.keyboard('{PageDown}');
    expect(said()).toEqual([expect.stringMatching(/^No votes are entered yet/)]);
    const box = within(row(/How did you get it\?/)).getByRole('spinbutton');
    await user.type(box, '3');
    // Votes entered: "No votes are entered yet" is no longer so.
    expect(said()).toEqual([]);
    await user.keyboard('{PageDown}');
    expect(said()).toEqual([expect.stringMatching(/^In a vote box Page Down and Page Up are the box's/)]);
    // Enter from the box to the reveal button, then Enter on it: the page moves on without a clicker key.
    await user.keyboard('{Enter}{Enter}{Enter}{Enter}');
    expect(screen.getByRole('heading', { name: 'The replies, revealed' })).toBeTruthy();
    expect(said()).toEqual([]);
  });

  it('Page Down takes the page\'s next step and Page Up its step back, one at a time, each the button it names (aria-keyshortcuts, and a visible hint); never a reveal with no votes entered, never a branch', async () => {
    const user = userEvent.setup();
    render(<Facilitation playable={{ scenario: scenario(), file: 'example.json' }} />);
    const revealButton = screen.getByRole('button', { name: 'Reveal the feedback' });
    expect(revealButton.getAttribute('aria-keyshortcuts')).toBe('PageDown ArrowRight');
    expect(hint()).toBe('Clicker keys (also in the projector window): Page Down or Right arrow: Reveal the feedback, once votes are entered. B or . (a clicker\'s blank-screen button): blank or show the projector; can be turned off below.');
    // No votes entered: one press must not skip the room's vote. It says why, and reveals nothing.
    expect(await announcedDuring(() => user.keyboard('{PageDown}'))).toEqual(['No votes are entered yet, so Page Down did not reveal the feedback: type the room\'s votes first, or choose “Reveal the feedback” to reveal without them.']);
    // The key pressed is the one named: the Right arrow (a clicker may send it) was called Page Down.
    expect(await announcedDuring(() => user.keyboard('{ArrowRight}'))).toEqual(['No votes are entered yet, so Right arrow did not reveal the feedback: type the room\'s votes first, or choose “Reveal the feedback” to reveal without them.']);
    expect(screen.queryByRole('heading', { name: 'The replies, revealed' })).toBeNull();
    // In a vote box the keys are the box's: typing, and the arrows, Page Down and Page Up in it take no step.
    const box = within(row(/How did you get it\?/)).getByRole('spinbutton');
    await user.type(box, '3');
    // (Page Down there says how to leave the boxes, as nothing else happens; the arrows move in the box.)
    expect(await announcedDuring(() => user.keyboard('{ArrowRight}{PageDown}{ArrowLeft}{PageUp}'))).toEqual(['In a vote box Page Down and Page Up are the box\'s, so they took no step: press Enter to go on from the boxes (from the last one, Enter goes to “Reveal the feedback”).']);
    expect(document.activeElement).toBe(box);
    expect((box as HTMLInputElement).value).toBe('3');
    expect(screen.queryByRole('heading', { name: 'The replies, revealed' })).toBeNull();
    // Out of the box (on the page), the votes in: Page Down reveals, as the button does (focus on the reveal).
    (document.activeElement as HTMLElement).blur();
    await user.keyboard('{PageDown}');
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'The replies, revealed' }));
    // At the reveal the trainer chooses the branch: Page Down says so and follows nothing; Page Up is "Back to the votes".
    expect(hint()).toBe('Clicker keys (also in the projector window): Page Down or Right arrow does not choose the branch: press the Follow button of the reply the story follows. Page Up or Left arrow: Back to the votes. B or . (a clicker\'s blank-screen button): blank or show the projector; can be turned off below.');
    expect(await announcedDuring(() => user.keyboard('{PageDown}'))).toEqual(['Page Down does not choose the branch: press the Follow button of the reply the story follows.']);
    expect(screen.getByRole('heading', { name: 'The replies, revealed' })).toBeTruthy();
    expect(await announcedDuring(() => user.keyboard('{ArrowRight}'))).toEqual(['Right arrow does not choose the branch: press the Follow button of the reply the story follows.']);
    expect(screen.getByRole('button', { name: 'Back to the votes' }).getAttribute('aria-keyshortcuts')).toBe('PageUp ArrowLeft');
    await user.keyboard('{PageUp}');
    expect((within(row(/How did you get it\?/)).getByRole('spinbutton') as HTMLInputElement).value).toBe('3');
    (document.activeElement as HTMLElement).blur();
    // The right arrow is Page Down's twin (a clicker may send it).
    await user.keyboard('{ArrowRight}');
    await user.click(within(row(/How did you get it\?/)).getByRole('button', { name: /Follow reply/ }));
    // A scene: Page Down continues; Page Up would go back to decision 1.
    expect(screen.getByRole('button', { name: 'Continue' }).getAttribute('aria-keyshortcuts')).toBe('PageDown ArrowRight');
    expect(hint()).toBe('Clicker keys (also in the projector window): Page Down or Right arrow: Continue. Page Up or Left arrow: Back to decision 1. B or . (a clicker\'s blank-screen button): blank or show the projector; can be turned off below.');
    await user.keyboard('{PageDown}');
    expect(screen.getByRole('heading', { level: 1, name: 'After the visit' })).toBeTruthy();
    // Votes entered at decision 2: Page Up asks first, as the button does (the votes are not cleared
    // without the answer), and while it asks no key steps on.
    await user.type(screen.getAllByRole('spinbutton')[0] as HTMLElement, '4');
    (document.activeElement as HTMLElement).blur();
    expect(hint()).toMatch(/ Page Up or Left arrow: Back to decision 1, asking first \(it clears the votes entered here\)\. B or \. \(a clicker's blank-screen button\): blank or show the projector; can be turned off below\.$/);
    await user.keyboard('{PageUp}');
    const question = screen.getByRole('group', { name: 'Go back to decision 1?' });
    expect(document.activeElement).toBe(within(question).getByRole('button', { name: 'No, stay here' }));
    await user.keyboard('{PageUp}{PageDown}{ArrowLeft}');
    expect(screen.getByRole('group', { name: 'Go back to decision 1?' })).toBeTruthy();
    expect(screen.getByText('4 votes entered.')).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'The replies, revealed' })).toBeNull();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('group', { name: 'Go back to decision 1?' })).toBeNull();
    expect(screen.getByText('4 votes entered.')).toBeTruthy();
  });

  it('a screen too long for the projector window even in its smallest type: Page Down on the laptop scrolls that window down until the room has seen the rest, Page Up back up, before either takes a step (Page Down continued, and the room never saw the rest of the scene)', async () => {
    const user = userEvent.setup();
    const window1 = overflowingProjector();
    const { scrolls, overflow } = window1;
    try {
      render(<Facilitation playable={{ scenario: scenario(), file: 'example.json' }} />);
      await user.type(within(row(/How did you get it\?/)).getByRole('spinbutton'), '3');
      await user.click(screen.getByRole('button', { name: 'Reveal the feedback' }));
      await user.click(within(row(/How did you get it\?/)).getByRole('button', { name: /Follow reply/ }));
      expect(screen.getByRole('button', { name: 'Continue' })).toBeTruthy();
      const scene = screen.getByRole('heading', { level: 1 }).textContent;
      overflow(true, false);
      await waitFor(() => expect(hint()).toBe('Clicker keys (also in the projector window): Page Down or Right arrow: Show more on the projector. Page Up or Left arrow: Back to decision 1. B or . (a clicker\'s blank-screen button): blank or show the projector; can be turned off below.'));
      expect(screen.getByText(PROJECTOR_OVERFLOW_WORDS)).toBeTruthy();
      (document.activeElement as HTMLElement).blur();
      await user.keyboard('{PageDown}');
      await waitFor(() => expect(scrolls).toEqual(['next']));
      // The scene is still on screen: the key scrolled the projector, it did not continue.
      expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(scene);
      // The window scrolled to its end: Page Up scrolls it back up, and nothing else.
      overflow(false, true);
      await waitFor(() => expect(hint()).toBe('Clicker keys (also in the projector window): Page Down or Right arrow: Continue. Page Up or Left arrow: Back up on the projector. B or . (a clicker\'s blank-screen button): blank or show the projector; can be turned off below.'));
      expect(screen.queryByText(PROJECTOR_OVERFLOW_WORDS)).toBeNull();
      await user.keyboard('{PageUp}');
      await waitFor(() => expect(scrolls).toEqual(['next', 'back']));
      expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(scene);
      // The buttons do the same, for a trainer with a mouse.
      overflow(true, false);
      await user.click(await screen.findByRole('button', { name: 'Show more on the projector' }));
      await waitFor(() => expect(scrolls).toEqual(['next', 'back', 'next']));
      // The room has seen it all (the window at its end, or closed): Page Down continues, as before.
      overflow(false, false);
      await waitFor(() => expect(screen.queryByRole('button', { name: 'Show more on the projector' })).toBeNull());
      (document.activeElement as HTMLElement).blur();
      await user.keyboard('{PageDown}');
      expect(screen.getByRole('heading', { level: 1, name: 'After the visit' })).toBeTruthy();
      expect(scrolls).toHaveLength(3);
    } finally {
      window1.close();
    }
  });

  it('a reveal the projector window shows in pages: Page Down and Page Up (and the buttons) step through them first, each step said; past the last page Page Down is what it is at a reveal; the laptop follows the window that needs the most pages', async () => {
    const user = userEvent.setup();
    // A projector window that needs two pages for a reveal of three replies (ProjectorScreen measures it in Chromium).
    const window1 = pagingWindow((n) => [n.slice(0, 2), n.slice(2)]);
    let window2: ReturnType<typeof pagingWindow> | undefined;
    try {
      render(<Facilitation playable={{ scenario: scenario(), file: 'example.json' }} />);
      await user.type(within(row(/How did you get it\?/)).getByRole('spinbutton'), '3');
      (document.activeElement as HTMLElement).blur();
      await user.keyboard('{PageDown}');
      await waitFor(() => expect(pagerLine()).toBe('Projector: page 1 of 2 of the reveal, replies 1 and 2.'));
      expect(window1.asked.at(-1)).toEqual({ id: expect.any(String), at: 0 });
      expect(hint()).toBe('Clicker keys (also in the projector window): Page Down or Right arrow: Next projector page. Page Up or Left arrow: Back to the votes. B or . (a clicker\'s blank-screen button): blank or show the projector; can be turned off below.');
      expect(screen.getByRole('button', { name: 'Next projector page' }).getAttribute('aria-keyshortcuts')).toBe('PageDown ArrowRight');
      expect(screen.getByRole('button', { name: 'Back to the votes' }).getAttribute('aria-keyshortcuts')).toBe('PageUp ArrowLeft');
      expect(screen.getByRole('button', { name: 'Previous projector page' }).getAttribute('aria-disabled')).toBe('true');
      // Page Down shows the next page on the projector, and says so.
      expect(await announcedDuring(() => user.keyboard('{PageDown}'))).toEqual(['Projector: page 2 of 2 of the reveal, reply 3.']);
      await waitFor(() => expect(window1.asked.at(-1)).toEqual({ id: expect.any(String), at: 1 }));
      expect(screen.getByRole('heading', { name: 'The replies, revealed' })).toBeTruthy();
      // The last page: Page Down chooses no branch, as at any reveal; Page Up is the page before.
      expect(hint()).toBe('Clicker keys (also in the projector window): Page Down or Right arrow does not choose the branch: press the Follow button of the reply the story follows. Page Up or Left arrow: Previous projector page. B or . (a clicker\'s blank-screen button): blank or show the projector; can be turned off below.');
      expect(await announcedDuring(() => user.keyboard('{PageDown}'))).toEqual(['Page Down does not choose the branch: press the Follow button of the reply the story follows.']);
      expect(screen.getByRole('button', { name: 'Back to the votes' }).getAttribute('aria-keyshortcuts')).toBeNull();
      // A second, smaller window needs a page for each reply: the laptop steps through its three.
      window2 = pagingWindow((n) => n.map((x) => [x]), 'window-2');
      window2.hello();
      await waitFor(() => expect(pagerLine()).toBe('Projector: page 2 of 3 of the reveal, reply 2.'));
      expect(await announcedDuring(() => user.click(screen.getByRole('button', { name: 'Next projector page' })))).toEqual(['Projector: page 3 of 3 of the reveal, reply 3.']);
      // It closes: the first window's two pages again, on its last.
      window2.gone();
      await waitFor(() => expect(pagerLine()).toBe('Projector: page 2 of 2 of the reveal, reply 3.'));
      expect(await announcedDuring(() => user.keyboard('{PageUp}'))).toEqual(['Projector: page 1 of 2 of the reveal, replies 1 and 2.']);
      await waitFor(() => expect(window1.asked.at(-1)).toEqual({ id: expect.any(String), at: 0 }));
      // From the first page Page Up is "Back to the votes"; revealed again, the reveal starts at its first page.
      await user.keyboard('{PageUp}');
      expect(screen.queryByRole('heading', { name: 'The replies, revealed' })).toBeNull();
      (document.activeElement as HTMLElement).blur();
      await user.keyboard('{PageDown}');
      await waitFor(() => expect(pagerLine()).toBe('Projector: page 1 of 2 of the reveal, replies 1 and 2.'));
    } finally {
      window1.close();
      window2?.close();
    }
  });

  it('the page of a reveal the projector shows is kept through a reload of the trainer\'s page; the next reveal starts at its first', async () => {
    const user = userEvent.setup();
    const store = memoryStore();
    const window1 = pagingWindow((n) => n.map((x) => [x]));
    try {
      const page = renderApp('#/presenter/youth-discloses', store);
      await user.click(await screen.findByRole('button', { name: 'Start the session' }));
      await user.type(screen.getAllByRole('spinbutton')[0] as HTMLElement, '3');
      await user.click(screen.getByRole('button', { name: 'Reveal the feedback' }));
      await waitFor(() => expect(pagerLine()).toMatch(/^Projector: page 1 of \d of the reveal, reply 1\.$/));
      await user.click(screen.getByRole('button', { name: 'Next projector page' }));
      await waitFor(() => expect(window1.asked.at(-1)?.at).toBe(1));
      page.unmount();
      renderApp('#/presenter/youth-discloses', store);
      await waitFor(() => expect(pagerLine()).toMatch(/^Projector: page 2 of \d of the reveal, reply 2\.$/));
      await waitFor(() => expect(window1.asked.at(-1)?.at).toBe(1));
      // On to the next decision: its reveal opens on its first page.
      await user.click(screen.getAllByRole('button', { name: /Follow reply/ })[0] as HTMLElement);
      for (let i = 0; i < 10 && !screen.queryByRole('button', { name: 'Reveal the feedback' }); i++) await user.click(screen.getByRole('button', { name: 'Continue' }));
      await user.type(screen.getAllByRole('spinbutton')[0] as HTMLElement, '2');
      await user.click(screen.getByRole('button', { name: 'Reveal the feedback' }));
      await waitFor(() => expect(pagerLine()).toMatch(/^Projector: page 1 of \d of the reveal, reply 1\.$/));
      history.replaceState(null, '', '/');
    } finally {
      window1.close();
    }
  });

  it('a second press landing as the step the first one took appears is not taken (a clicker\'s double press), and is said', async () => {
    const user = userEvent.setup();
    render(<Facilitation playable={{ scenario: scenario(), file: 'example.json' }} />);
    await user.type(within(row(/How did you get it\?/)).getByRole('spinbutton'), '3');
    (document.activeElement as HTMLElement).blur();
    await user.keyboard('{PageDown}');
    await user.click(within(row(/How did you get it\?/)).getByRole('button', { name: /Follow reply/ }));
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await user.type(screen.getAllByRole('spinbutton')[0] as HTMLElement, '2');
    (document.activeElement as HTMLElement).blur();
    await user.keyboard('{PageDown}');
    expect(screen.getByRole('heading', { name: 'The replies, revealed' })).toBeTruthy();
    // Page Up twice, 150 ms apart: back to the votes, and not on to asking to leave the decision.
    clickerClock.now = () => clock;
    clock = 10_000;
    await user.keyboard('{PageUp}');
    expect(screen.getByText('2 votes entered.')).toBeTruthy();
    // (Back to the votes put the focus in the first box, where Page Up is the box's.)
    (document.activeElement as HTMLElement).blur();
    clock += 150;
    expect(await announcedDuring(() => user.keyboard('{PageUp}'))).toEqual(['Page Up was pressed again as this appeared, so the second press was not taken (the room has not seen this yet). Press it again to go on.']);
    expect(screen.queryByRole('group', { name: 'Go back to decision 1?' })).toBeNull();
    // Pressed again later: taken.
    clock += 1000;
    await user.keyboard('{PageUp}');
    expect(screen.getByRole('group', { name: 'Go back to decision 1?' })).toBeTruthy();
  });

  it('a key held down takes one step, and on a break the keys do nothing', async () => {
    const user = userEvent.setup();
    const { rerender } = render(<Facilitation playable={{ scenario: scenario(), file: 'example.json' }} />);
    await user.type(within(row(/How did you get it\?/)).getByRole('spinbutton'), '3');
    (document.activeElement as HTMLElement).blur();
    rerender(<Facilitation playable={{ scenario: scenario(), file: 'example.json' }} paused />);
    await user.keyboard('{PageDown}');
    expect(screen.queryByRole('heading', { name: 'The replies, revealed' })).toBeNull();
    rerender(<Facilitation playable={{ scenario: scenario(), file: 'example.json' }} />);
    // Held down: the first press reveals; its repeats take no step after it (Back to the votes is Page Up's anyway).
    await user.keyboard('{PageDown>5/}');
    expect(screen.getByRole('heading', { name: 'The replies, revealed' })).toBeTruthy();
    expect(screen.queryByText(/does not choose the branch/, { selector: '[role="status"] *' })).toBeNull();
  });

  it('a key pressed in the projector window (which has the focus once it is on the projector) is passed on to the trainer\'s page and taken there', async () => {
    const user = userEvent.setup();
    // The projector window: it passes the keys on, and scrolls nothing it need not.
    const projector = render(<ProjectorScreen />);
    const laptop = new BroadcastChannel('casa-practice-projector');
    const heard: unknown[] = [];
    laptop.onmessage = (e: MessageEvent) => heard.push(e.data);
    try {
      await user.keyboard('{PageDown}{ArrowLeft}');
      // With the key pressed, so the trainer's page names it (a Left arrow is not called Page Up).
      await waitFor(() => expect(heard).toEqual(expect.arrayContaining([{ type: 'key', key: 'next', pressed: 'PageDown', v: PROJECTOR_PROTOCOL }, { type: 'key', key: 'back', pressed: 'ArrowLeft', v: PROJECTOR_PROTOCOL }])));
      expect(heard.filter((m) => (m as { type?: string }).type === 'key')).toHaveLength(2);
    } finally {
      laptop.close();
      projector.unmount();
    }
    // The trainer's page takes a key its projector window passed on as its own.
    render(<Facilitation playable={{ scenario: scenario(), file: 'example.json' }} />);
    await user.type(within(row(/How did you get it\?/)).getByRole('spinbutton'), '3');
    const window_ = new BroadcastChannel('casa-practice-projector');
    try {
      // Even with the focus in a vote box on the laptop: the key was pressed in the other window.
      window_.postMessage({ type: 'key', key: 'next', v: PROJECTOR_PROTOCOL });
      expect(await screen.findByRole('heading', { name: 'The replies, revealed' })).toBeTruthy();
      // From a window of another version: not taken (it may mean something else there). The next
      // key, from this version, is taken at the reveal still.
      window_.postMessage({ type: 'key', key: 'back', v: PROJECTOR_PROTOCOL + 1 });
      window_.postMessage({ type: 'key', key: 'next', v: PROJECTOR_PROTOCOL });
      expect(await screen.findByText(/^Page Down does not choose the branch/, { selector: '[role="status"] *' })).toBeTruthy();
      expect(screen.getByRole('heading', { name: 'The replies, revealed' })).toBeTruthy();
      // The Right arrow pressed there is named as such (a word for a key that is not one of the clicker's is not said).
      window_.postMessage({ type: 'key', key: 'next', pressed: 'ArrowRight', v: PROJECTOR_PROTOCOL });
      expect(await screen.findByText(/^Right arrow does not choose the branch/, { selector: '[role="status"] *' })).toBeTruthy();
      window_.postMessage({ type: 'key', key: 'next', pressed: '<b>Enter</b>', v: PROJECTOR_PROTOCOL });
      expect(await screen.findByText(/^Page Down does not choose the branch/, { selector: '[role="status"] *' })).toBeTruthy();
      window_.postMessage({ type: 'key', key: 'back', v: PROJECTOR_PROTOCOL });
      expect(await screen.findByText('3 votes entered.')).toBeTruthy();
    } finally {
      window_.close();
    }
  });

  it('B or . (a clicker\'s blank-screen button), or "Blank the projector", blanks the projector and shows it again, from either window; typed in a vote box it is a letter', async () => {
    const user = userEvent.setup();
    const states: { kind?: string }[] = [];
    const listen = new BroadcastChannel(PROJECTOR_CHANNEL);
    listen.onmessage = (e: MessageEvent) => {
      if (e.data?.type === 'state') states.push(e.data.state);
    };
    try {
      render(<Facilitation playable={{ scenario: scenario(), file: 'example.json' }} />);
      const button = screen.getByRole('button', { name: 'Blank the projector' });
      expect(button.getAttribute('aria-pressed')).toBe('false');
      expect(button.getAttribute('aria-keyshortcuts')).toBe('B .');
      await waitFor(() => expect(states.at(-1)?.kind).toBe('moment'));
      expect(await announcedDuring(() => user.keyboard('b'))).toEqual(['The projector shows a blank screen. Press B or . (or “Blank the projector” again) to show the session to the room.']);
      expect(button.getAttribute('aria-pressed')).toBe('true');
      await waitFor(() => expect(states.at(-1)).toEqual({ kind: 'blank' }));
      await user.keyboard('.');
      expect(button.getAttribute('aria-pressed')).toBe('false');
      await waitFor(() => expect(states.at(-1)?.kind).toBe('moment'));
      // In a vote box B is a letter typed (the box takes digits only), not the blank key.
      await user.type(within(row(/How did you get it\?/)).getByRole('spinbutton'), 'b');
      expect(button.getAttribute('aria-pressed')).toBe('false');
      await user.click(button);
      expect(button.getAttribute('aria-pressed')).toBe('true');
      await waitFor(() => expect(states.at(-1)).toEqual({ kind: 'blank' }));
      // B pressed in the projector window, passed on: shown again.
      listen.postMessage({ type: 'key', key: 'blank', v: PROJECTOR_PROTOCOL });
      await waitFor(() => expect(button.getAttribute('aria-pressed')).toBe('false'));
      await waitFor(() => expect(states.at(-1)?.kind).toBe('moment'));
    } finally {
      listen.close();
    }
  });

  // WCAG 2.1.4 Character Key Shortcuts: B and . were always on, so a B typed by speech input, or a
  // stray key, blanked the projector in front of the room, with no way to turn them off.
  it('the single-key shortcuts (B and .) can be turned off with a labelled checkbox, kept by the browser for every presenter page and the projector window; the hint says so', async () => {
    const user = userEvent.setup();
    const heard: { type?: string; key?: string; state?: { kind?: string } }[] = [];
    const listen = new BroadcastChannel(PROJECTOR_CHANNEL);
    listen.onmessage = (e: MessageEvent) => heard.push(e.data);
    const hint = () => document.getElementById('clicker-keys')?.textContent ?? '';
    try {
      const laptop = render(<Facilitation playable={{ scenario: scenario(), file: 'example.json' }} />);
      const keys = screen.getByRole('checkbox', { name: 'Single-key shortcuts: B or . blanks the projector' }) as HTMLInputElement;
      expect(keys.checked).toBe(true);
      expect(hint()).toContain('B or . (a clicker\'s blank-screen button): blank or show the projector; can be turned off below.');
      await user.click(keys);
      expect(keys.checked).toBe(false);
      expect(hint()).toContain('B and . do nothing: single-key shortcuts are turned off');
      expect(hint()).not.toContain('B or . (a clicker');
      const button = screen.getByRole('button', { name: 'Blank the projector' });
      expect(button.getAttribute('aria-keyshortcuts')).toBeNull();
      await user.keyboard('b.B');
      expect(button.getAttribute('aria-pressed')).toBe('false');
      // The button still blanks it, and the notice names only the button.
      await user.click(button);
      expect(button.getAttribute('aria-pressed')).toBe('true');
      expect(screen.getByText(/^The projector shows a blank screen/).textContent).toBe('The projector shows a blank screen. Press “Blank the projector” again to show the session to the room.');
      await user.click(button);
      // Remembered in the browser: the next presenter page opens with the keys off.
      laptop.unmount();
      render(<Facilitation playable={{ scenario: scenario(), file: 'example.json' }} />);
      expect((screen.getByRole('checkbox', { name: 'Single-key shortcuts: B or . blanks the projector' }) as HTMLInputElement).checked).toBe(false);
      await user.keyboard('b');
      expect(screen.getByRole('button', { name: 'Blank the projector' }).getAttribute('aria-pressed')).toBe('false');
      cleanup();
      // The projector window, in the same browser, passes B and . on only while they are on.
      render(<ProjectorScreen />);
      await user.keyboard('b.');
      await user.keyboard('{PageDown}');
      await waitFor(() => expect(heard.filter((m) => m.type === 'key')).toEqual([{ type: 'key', key: 'next', pressed: 'PageDown', v: PROJECTOR_PROTOCOL }]));
      cleanup();
      // Turned on again: B blanks the projector.
      render(<Facilitation playable={{ scenario: scenario(), file: 'example.json' }} />);
      await user.click(screen.getByRole('checkbox', { name: 'Single-key shortcuts: B or . blanks the projector' }));
      expect(localStorage.getItem(SINGLE_KEYS_KEY)).toBeNull();
      expect(screen.getByRole('button', { name: 'Blank the projector' }).getAttribute('aria-keyshortcuts')).toBe('B .');
      await user.keyboard('b');
      expect(screen.getByRole('button', { name: 'Blank the projector' }).getAttribute('aria-pressed')).toBe('true');
    } finally {
      listen.close();
      localStorage.removeItem(SINGLE_KEYS_KEY);
    }
  });

  it('a projector the trainer blanked stays blank through a reload of the trainer\'s page (at a reveal), until the trainer shows it again', async () => {
    const user = userEvent.setup();
    const store = memoryStore();
    const projector = () => screen.getByTestId('projector');
    render(<div data-testid="projector"><ProjectorScreen /></div>);
    const page = renderApp('#/presenter/youth-discloses', store);
    await user.click(await screen.findByRole('button', { name: 'Start the session' }));
    await user.type(screen.getAllByRole('spinbutton')[0] as HTMLElement, '3');
    await user.click(screen.getByRole('button', { name: 'Reveal the feedback' }));
    await waitFor(() => expect(projector().querySelector('.facilitator-note')).toBeTruthy());
    await user.keyboard('b');
    await waitFor(() => expect(projector().querySelector('.projector-screen.blank')).toBeTruthy());
    // The trainer's page reloads: the page goes, and a new one opens the kept session at its reveal.
    page.unmount();
    renderApp('#/presenter/youth-discloses', store);
    expect(await screen.findByRole('heading', { name: 'The replies, revealed' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Blank the projector' }).getAttribute('aria-pressed')).toBe('true');
    expect(await screen.findByText(/^The projector shows a blank screen/)).toBeTruthy();
    // The room sees the blank screen still, never the reveal.
    await waitFor(() => expect(projector().querySelector('.projector-screen.blank')).toBeTruthy());
    expect(projector().querySelector('.facilitator-note')).toBeNull();
    await user.keyboard('b');
    await waitFor(() => expect(projector().querySelector('.facilitator-note')).toBeTruthy());
    history.replaceState(null, '', '/');
  });

  it('blanked on the content note, the projector stays blank when the session starts', async () => {
    const user = userEvent.setup();
    renderApp('#/presenter/youth-discloses', memoryStore());
    await screen.findByRole('button', { name: 'Start the session' });
    await user.keyboard('b');
    expect(screen.getByRole('button', { name: 'Blank the projector' }).getAttribute('aria-pressed')).toBe('true');
    await user.click(screen.getByRole('button', { name: 'Start the session' }));
    await screen.findByRole('button', { name: 'Download the summary so far' });
    expect(screen.getByRole('button', { name: 'Blank the projector' }).getAttribute('aria-pressed')).toBe('true');
    history.replaceState(null, '', '/');
  });

  it('the projector window shows a blank state as a dark screen with nothing to read, and passes B and . on to the trainer\'s page', async () => {
    const user = userEvent.setup();
    const projector = render(<ProjectorScreen />);
    const laptop = new BroadcastChannel(PROJECTOR_CHANNEL);
    const heard: unknown[] = [];
    laptop.onmessage = (e: MessageEvent) => heard.push(e.data);
    try {
      laptop.postMessage({ type: 'state', state: { kind: 'moment', scenarioTitle: 'Example', step: 'Scene', title: 'At the park', narration: 'You meet at the park.', lines: [{ speaker: 'Ana', role: 'CSW', text: 'Hi.' }], replies: [] }, v: PROJECTOR_PROTOCOL });
      expect(await screen.findByText('You meet at the park.')).toBeTruthy();
      // Who speaks, with their role, as the volunteer's page and the terminal say it.
      expect(projector.container.querySelector('.line')?.textContent).toBe('Ana (CSW): Hi.');
      laptop.postMessage({ type: 'state', state: { kind: 'blank' }, v: PROJECTOR_PROTOCOL });
      await waitFor(() => expect(screen.queryByText('You meet at the park.')).toBeNull());
      expect(projector.container.querySelector('.projector-screen.blank')).toBeTruthy();
      expect(projector.container.textContent).toBe('The trainer has blanked this screen.');
      expect(projector.container.querySelector('.sr-only')?.textContent).toBe('The trainer has blanked this screen.');
      await user.keyboard('b.');
      await waitFor(() => expect(heard.filter((m) => (m as { type?: string }).type === 'key')).toEqual([{ type: 'key', key: 'blank', v: PROJECTOR_PROTOCOL }, { type: 'key', key: 'blank', v: PROJECTOR_PROTOCOL }]));
    } finally {
      laptop.close();
      projector.unmount();
    }
  });

  it('the laptop introduces a character in the scenario\'s words where the room first hears them, only there, and not on the projector', async () => {
    const user = userEvent.setup();
    const projected: string[] = [];
    const listen = new BroadcastChannel(PROJECTOR_CHANNEL);
    listen.onmessage = (e: MessageEvent) => {
      if (e.data?.type === 'state') projected.push(JSON.stringify(e.data.state));
    };
    try {
      const { loaded } = await bundledById('red-flags');
      if (!loaded?.ok) throw new Error('red-flags');
      const yesi = loaded.playable.scenario.characters.find((c) => c.id === 'yesi')!;
      render(<Facilitation playable={loaded.playable} />);
      const intro = `Introducing ${yesi.name} (${yesi.role}): ${yesi.description}`;
      expect(screen.getByText(intro)).toBeTruthy();
      await waitFor(() => expect(projected.length).toBeGreaterThan(0));
      expect(projected.some((p) => p.includes('Introducing'))).toBe(false);
      // Each line names its speaker with their role, on the laptop and on the projector.
      expect(document.querySelector('.line .speaker')?.textContent).toBe(`${yesi.name} (${yesi.role}):`);
      expect((JSON.parse(projected.at(-1)!) as { lines: { speaker: string; role?: string }[] }).lines[0]).toMatchObject({ speaker: yesi.name, role: yesi.role });
      await user.click(screen.getByRole('button', { name: 'Continue' }));
      expect(screen.queryByText(/^Introducing /)).toBeNull();
    } finally {
      listen.close();
    }
  });

  it('an address naming no scenario says which name it did not find (shown as text), as the play page does', async () => {
    renderApp('#/presenter/no-such\u202escenario', memoryStore());
    await screen.findByRole('heading', { level: 1, name: 'Scenario not found' });
    const said = screen.getByText(/^There is no scenario called/);
    expect(said.textContent).toBe('There is no scenario called “no-suchscenario” here. Choose another scenario.');
    expect(within(said).getByRole('link', { name: 'Choose another scenario' }).getAttribute('href')).toMatch(/#\/presenter$/);
  });

  it('the keys\' hint names the blank-screen key on every presenter page, the end page too, where B blanks the projector', async () => {
    const user = userEvent.setup();
    const blankHint = 'B or . (a clicker\'s blank-screen button): blank or show the projector; can be turned off below.';
    renderApp('#/presenter/youth-discloses', memoryStore());
    await screen.findByRole('button', { name: 'Start the session' });
    expect(hint()).toMatch(/: Start the session\. B or \. /);
    expect(hint()?.endsWith(blankHint)).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Start the session' }));
    await screen.findByRole('button', { name: 'Download the summary so far' });
    expect(hint()?.endsWith(blankHint)).toBe(true);
    await presentToDebrief(user);
    // The end page has no next step for a key, but Page Up goes back to the last decision and B still blanks the projector: the hint says so.
    await screen.findByRole('button', { name: 'Download the session summary' });
    expect(hint()).toMatch(/^Clicker keys \(also in the projector window\): Page Up or Left arrow: Back to decision \d+\. B or \. /);
    expect(hint()?.endsWith(blankHint)).toBe(true);
    const blank = screen.getByRole('button', { name: 'Blank the projector' });
    expect(blank.getAttribute('aria-pressed')).toBe('false');
    await user.keyboard('b');
    expect(blank.getAttribute('aria-pressed')).toBe('true');
    history.replaceState(null, '', '/');
  });

  it('the content note\'s "Start the session" is Page Down\'s too', async () => {
    const user = userEvent.setup();
    renderApp('#/presenter/youth-discloses', memoryStore());
    const start = await screen.findByRole('button', { name: 'Start the session' });
    expect(start.getAttribute('aria-keyshortcuts')).toBe('PageDown ArrowRight');
    expect(hint()).toBe('Clicker keys (also in the projector window): Page Down or Right arrow: Start the session. B or . (a clicker\'s blank-screen button): blank or show the projector; can be turned off below.');
    await user.keyboard('{PageDown}');
    expect(await screen.findByRole('button', { name: 'Download the summary so far' })).toBeTruthy();
    history.replaceState(null, '', '/');
  });
});

describe('the summary so far', () => {
  it('includes the decision on screen with the votes entered there, as the terminal and the live room do, as still open', async () => {
    const user = userEvent.setup();
    const files = captureDownloads();
    render(<Facilitation playable={{ scenario: scenario(), file: 'example.json' }} />);
    const row = (text: RegExp) => screen.getByText(text).closest('li') as HTMLElement;
    await user.type(within(row(/How did you get it\?/)).getByRole('spinbutton'), '3');
    await user.type(within(row(/You need to tell me the truth/)).getByRole('spinbutton'), '1');
    await user.click(screen.getByRole('button', { name: 'Reveal the feedback' }));
    await user.click(screen.getByRole('button', { name: 'Download the summary so far' }));
    const md = await files.at(-1)?.blob.text() ?? '';
    expect(md).toContain('## Decision 1:');
    expect(md).toContain('Votes: 4 in all.');
    // The session goes on after the download: the file says so, not that it stopped or ended.
    expect(md).toContain('The room has not chosen a branch here yet: this summary was made during the session.');
    expect(md).toContain('## Debrief\n\nThe session is still going: the debrief comes once the story reaches its ending.\n');
    expect(md).not.toMatch(/The session (stopped|ended)/);
    expect(md).toContain("The room's most-voted reply was best practice at 1 of 1 decision with votes (100%); 3 of 4 votes (75%) went to best-practice replies.");
  });

  // "Start a new session?" said "Download the session summary first" just after the trainer had
  // downloaded it, nothing changed since. It says so only when the summary downloaded here is not
  // the one the page would give now (none yet, or the session changed since): at the finished
  // session, the ended one, and "Start over" mid-session.
  it('asking to start again says to download the summary first only when this page has not downloaded it as it is now', async () => {
    const user = userEvent.setup();
    const boxes = () => screen.getAllByRole('spinbutton');
    captureDownloads();
    const first = render(<Facilitation playable={{ scenario: scenario(), file: 'example.json' }} store={memoryStore()} onStartOver={() => {}} />);
    const asked = async (button: string, question: string) => {
      await user.click(screen.getByRole('button', { name: button }));
      const text = screen.getByRole('group', { name: question }).textContent ?? '';
      await user.keyboard('{Escape}');
      return text;
    };
    const FIRST = /Download the (session summary|summary so far) first if you want to keep it\./;
    const DONE = /The summary downloaded from this page has it all: nothing has changed since\./;
    // Mid-session: nothing downloaded, then downloaded, then a vote typed after the download.
    await user.type(boxes()[0] as HTMLElement, '3');
    expect(await asked('Start over', 'Start the presenter session over?')).toMatch(FIRST);
    await user.click(screen.getByRole('button', { name: 'Download the summary so far' }));
    const now = await asked('Start over', 'Start the presenter session over?');
    expect(now).toMatch(DONE);
    expect(now).not.toMatch(FIRST);
    await user.type(boxes()[1] as HTMLElement, '2');
    expect(await asked('Start over', 'Start the presenter session over?')).toMatch(FIRST);
    // Finished: before and after its download.
    await presentToDebrief(user);
    expect(await asked('Start a new session', 'Start a new presenter session?')).toMatch(FIRST);
    await user.click(screen.getByRole('button', { name: 'Download the session summary' }));
    expect(await asked('Start a new session', 'Start a new presenter session?')).toMatch(DONE);
    first.unmount();
    // Ended before the story did: the same.
    render(<Facilitation playable={{ scenario: scenario(), file: 'example.json' }} store={memoryStore()} onStartOver={() => {}} />);
    await user.type(boxes()[0] as HTMLElement, '1');
    await user.click(screen.getByRole('button', { name: 'End the session' }));
    await user.click(screen.getByRole('button', { name: 'Yes, end the session' }));
    expect(await asked('Start a new session', 'Start a new presenter session?')).toMatch(FIRST);
    await user.click(screen.getByRole('button', { name: 'Download the session summary' }));
    const ended = await asked('Start a new session', 'Start a new presenter session?');
    expect(ended).toMatch(DONE);
    expect(ended).not.toMatch(FIRST);
  });
});

describe('presenter mode opened at ?presenter', () => {
  afterEach(() => history.replaceState(null, '', '/'));

  it('lists the scenarios in the first page\'s order (by title, as the terminal\'s picker does)', async () => {
    renderApp('#/presenter');
    const presented = (await screen.findByRole('list', { name: 'Scenarios to present' })).querySelectorAll('h2');
    const titles = [...presented].map((h) => h.textContent);
    cleanup();
    renderApp('#/');
    const practised = [...(await screen.findByRole('list', { name: 'Scenarios' })).querySelectorAll('h2')].map((h) => h.textContent);
    expect(titles.length).toBeGreaterThanOrEqual(6);
    expect(titles).toEqual(practised);
    expect(titles).toEqual([...titles].sort((a, b) => new Intl.Collator('en').compare(a ?? '', b ?? '')));
  });

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
  it('the projector window shows the room nothing but the projected moment: no navigation, no buttons, no links', async () => {
    renderApp('#/projector');
    expect(await screen.findByRole('heading', { level: 1, name: 'Projector screen' })).toBeTruthy();
    expect(screen.getByRole('main')).toBeTruthy();
    expect(screen.queryAllByRole('navigation')).toEqual([]);
    expect(screen.queryAllByRole('button')).toEqual([]);
    expect(screen.queryAllByRole('link')).toEqual([]);
    expect(screen.queryByText(/Practice for CASA volunteers/)).toBeNull();
  });

  it('the projector window shows only what it can read of a malformed message (another version of the page), and keeps working', async () => {
    render(<ProjectorScreen />);
    await screen.findByRole('heading', { level: 1, name: 'Projector screen' });
    const laptop = new BroadcastChannel('casa-practice-projector');
    // Delivered on a later turn: each check below waits for the projector's page to show it.
    const send = (state: unknown) => laptop.postMessage({ type: 'state', state });
    try {
      // Lists holding null, numbers and objects where text or numbers belong: a null line or reply stopped the whole page before.
      send({ kind: 'moment', scenarioTitle: 'S', step: 'Decision 1', title: 'At the door', lines: [null, 5, { speaker: { x: 1 }, text: 'Hi.' }], replies: [null, { number: { n: 1 }, text: 'Say hello', kind: 'say' }, 'x'] });
      expect(await screen.findByRole('heading', { level: 1, name: 'At the door' })).toBeTruthy();
      expect(screen.getByText('Say hello')).toBeTruthy();
      send({ kind: 'moment', scenarioTitle: 'S', step: 'Decision 1', lines: [], replies: [], reveal: [null, { number: [2], text: 'Reply two', best: 'yes', verdicts: [null] }] });
      expect(await screen.findByText(/Reply two/)).toBeTruthy();
      expect(screen.queryByText(/Best practice/)).toBeNull();
      send({ kind: 'done', scenarioTitle: 'S', outcome: 'Finished', score: 'Score', agreement: '' });
      expect(await screen.findByRole('heading', { level: 1, name: 'Finished' })).toBeTruthy();
    } finally {
      laptop.close();
    }
  });

  it('when the browser opens no projector window (a pop-up blocker), the page says so with the address to open by hand, at each press', async () => {
    const user = userEvent.setup();
    const open = vi.spyOn(window, 'open').mockReturnValue(null);
    try {
      render(<Facilitation playable={{ scenario: scenario(), file: 'example.json' }} />);
      const button = screen.getByRole('button', { name: 'Open a projector window' });
      const words = /^The browser did not open the projector window \(it may block pop-ups for this site\)\. .* move that window to the projector: http:\/\/localhost(:\d+)?\/\?projector#\/projector$/;
      expect(await announcedDuring(() => user.click(button))).toEqual([expect.stringMatching(words)]);
      expect(document.activeElement).toBe(button);
      // Pressed again, still nothing opens: said again.
      expect(await announcedDuring(() => user.click(button))).toEqual([expect.stringMatching(words)]);
      // Once a window opens, the words go.
      open.mockReturnValue({} as Window);
      await user.click(button);
      expect(screen.queryByText(/did not open the projector window/)).toBeNull();
    } finally {
      open.mockRestore();
    }
  });

  it('at the reveal the projector gives the screen to the replies (as the terminal does): the moment and the discussion prompt make way, the note stays', async () => {
    render(<ProjectorScreen />);
    await screen.findByRole('heading', { level: 1, name: 'Projector screen' });
    const laptop = new BroadcastChannel('casa-practice-projector');
    const moment = { kind: 'moment', scenarioTitle: 'S', step: 'Decision 1 of about 2', title: 'At the café', narration: 'Jade scrolls on a new phone.', lines: [{ speaker: 'Jade', text: 'Look at this.' }], discussionPrompt: 'What would a question feel like to Jade?', replies: [{ number: 1, text: 'Nice one!', kind: 'say' }] };
    const reveal = [{ number: 1, text: 'Nice one!', best: true, votes: '3 (100%)', percent: 100, score: 'Score: +2', feedback: 'Curious, not interrogating.', verdicts: [] }];
    try {
      laptop.postMessage({ type: 'state', state: moment, v: PROJECTOR_PROTOCOL });
      expect(await screen.findByText('Jade scrolls on a new phone.')).toBeTruthy();
      expect(screen.getByText('What would a question feel like to Jade?')).toBeTruthy();
      laptop.postMessage({ type: 'state', state: { ...moment, note: 'Listen for assumptions.', reveal }, v: PROJECTOR_PROTOCOL });
      expect(await screen.findByText('Votes: 3 (100%)')).toBeTruthy();
      // Each reply's points, as the laptop sends them.
      expect(screen.getByText('Score: +2').closest('li')?.textContent).toContain('Nice one!');
      expect(screen.getByRole('heading', { level: 1, name: 'At the café' })).toBeTruthy();
      expect(screen.getByText('Listen for assumptions.')).toBeTruthy();
      expect(screen.queryByText('Jade scrolls on a new phone.')).toBeNull();
      expect(screen.queryByText('Look at this.')).toBeNull();
      expect(screen.queryByText('What would a question feel like to Jade?')).toBeNull();
    } finally {
      laptop.close();
    }
  });

  it('a projector window and a laptop page from different versions of casa-practice: the window says which page to reload and tells the laptop', async () => {
    const laptop = new BroadcastChannel('casa-practice-projector');
    const heard: unknown[] = [];
    laptop.onmessage = (e: MessageEvent) => heard.push(e.data);
    render(<div data-testid="projector"><ProjectorScreen /></div>);
    const projector = () => within(screen.getByTestId('projector'));
    await projector().findByRole('heading', { level: 1, name: 'Projector screen' });
    const moment = (title: string) => ({ kind: 'moment', scenarioTitle: 'S', step: 'Decision 1 of about 2', title, lines: [], replies: [{ number: 1, text: 'Say hello', kind: 'say' }] });
    try {
      // The window's hello names its version.
      await waitFor(() => expect(heard).toContainEqual({ type: 'hello', v: PROJECTOR_PROTOCOL }));
      // A laptop page from before versions (none sent): the moment, and the laptop's page to reload.
      laptop.postMessage({ type: 'state', state: moment('Old laptop') });
      expect(await projector().findByRole('heading', { level: 1, name: 'Old laptop' })).toBeTruthy();
      expect(projector().getByText('The trainer’s page is out of date: casa-practice was updated. Reload the presenter page on the laptop.')).toBeTruthy();
      await waitFor(() => expect(heard).toContainEqual({ type: 'mismatch', v: PROJECTOR_PROTOCOL }));
      // A newer laptop page: this window is the one to reload.
      laptop.postMessage({ type: 'state', state: moment('New laptop'), v: PROJECTOR_PROTOCOL + 1 });
      expect(await projector().findByRole('heading', { level: 1, name: 'New laptop' })).toBeTruthy();
      expect(projector().getByText(/^This window is out of date: casa-practice was updated\. On the laptop, choose “Open a projector window” again, or reload this window\.$/)).toBeTruthy();
      // It tells the laptop too (a second mismatch), and that message may arrive after the render.
      await waitFor(() => expect(heard.filter((m) => (m as { type?: string }).type === 'mismatch')).toHaveLength(2));
      // The same version: no notice, and nothing sent back.
      heard.length = 0;
      laptop.postMessage({ type: 'state', state: moment('Same version'), v: PROJECTOR_PROTOCOL });
      expect(await projector().findByRole('heading', { level: 1, name: 'Same version' })).toBeTruthy();
      expect(projector().queryByText(/out of date/)).toBeNull();
      expect(heard).toEqual([]);
    } finally {
      laptop.close();
    }
  });

  it('the laptop says when its projector window is from another version, and opening the window again (which reloads it) clears that', async () => {
    const user = userEvent.setup();
    const open = vi.spyOn(window, 'open').mockImplementation(() => null);
    render(<Facilitation playable={{ scenario: scenario(), file: 'example.json' }} />);
    await screen.findByRole('button', { name: 'Open a projector window' });
    const window_ = new BroadcastChannel('casa-practice-projector');
    try {
      // A window opened before an update: its hello has no version.
      const announced = await announcedDuring(async () => {
        window_.postMessage({ type: 'hello' });
        await screen.findByText(/^The projector window is from an older version of casa-practice/);
      });
      expect(announced.join(' ')).toBe('The projector window is from an older version of casa-practice, so it may not show this session as it should. Choose “Open a projector window” again: it reloads that window.');
      await user.click(screen.getByRole('button', { name: 'Open a projector window' }));
      expect(open).toHaveBeenCalledWith(expect.stringMatching(/\?projector#\/projector$/), 'casa-practice-projector', expect.stringContaining('popup'));
      expect(screen.queryByText(/projector window is from/)).toBeNull();
      // The window, reloaded, says hello at this version; the laptop answers with its state (at
      // its version), and still says nothing.
      const answers: unknown[] = [];
      window_.onmessage = (e: MessageEvent) => answers.push(e.data);
      window_.postMessage({ type: 'hello', v: PROJECTOR_PROTOCOL });
      await waitFor(() => expect(answers).toContainEqual(expect.objectContaining({ type: 'state', v: PROJECTOR_PROTOCOL })));
      expect(screen.queryByText(/projector window is from/)).toBeNull();
      // A window newer than this page tells the laptop so: this page is the one to reload.
      window_.postMessage({ type: 'mismatch', v: PROJECTOR_PROTOCOL + 1 });
      expect(await screen.findByText('The projector window is from a newer version of casa-practice than this page. Reload this page (your place in the session is kept), then choose “Open a projector window” again.')).toBeTruthy();
    } finally {
      window_.close();
      open.mockRestore();
    }
  });

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
  it('at the end the projector tells the room how the story ended, as the laptop\'s debrief does: the ending\'s title and the closing text that applies (its variant), above the outcome', async () => {
    const user = userEvent.setup();
    // The example's endings, each with a variant whose condition holds at the end (any score).
    const raw = JSON.parse(example) as { nodes: { kind: string; variants?: unknown }[] };
    for (const node of raw.nodes) if (node.kind === 'ending') node.variants = [{ when: { conduct: 'score', gte: 0 }, narration: 'The closing words this room earned.' }];
    const withVariants = validateScenario(JSON.stringify(raw), 'variants.json').scenario;
    if (!withVariants) throw new Error('variants invalid');
    render(<><div data-testid="laptop"><Facilitation playable={{ scenario: withVariants, file: 'variants.json' }} /></div><div data-testid="projector"><ProjectorScreen /></div></>);
    const projector = () => within(screen.getByTestId('projector'));
    await projector().findByText(/What is the most natural thing to say here/);
    // The room follows best practice at each decision.
    await presentToDebrief(user, (follow) => follow.find((b) => b.closest('li')?.textContent?.includes('★ Best practice')));
    const ending = within(screen.getByTestId('laptop')).getByRole('heading', { name: /^Ending: / });
    expect(ending.textContent).toBe('Ending: A plan you made together');
    expect(ending.nextElementSibling?.textContent).toBe('The closing words this room earned.');
    expect(await projector().findByRole('heading', { level: 1, name: 'Ending: A plan you made together' })).toBeTruthy();
    const shown = [...screen.getByTestId('projector').querySelectorAll('h1, h2, p')].map((e) => e.textContent);
    // The reply that led there (the branch followed last) under the ending's title.
    expect(shown.slice(1, 5)).toEqual(['Ending: A plan you made together', 'The story followed: Do: Call your Advocate Supervisor to talk through what you noticed.', 'The closing words this room earned.', 'Outcome: Strong']);
    expect(shown[0]).toBe(withVariants.title);
  });

  it('at an end the room reached through a prohibited activity, the projector says why the outcome needs review and names the critical violation, as the laptop\'s debrief does', async () => {
    const user = userEvent.setup();
    render(<><div data-testid="laptop"><Facilitation playable={{ scenario: scenario(), file: 'example.json' }} /></div><div data-testid="projector"><ProjectorScreen /></div></>);
    const projector = () => within(screen.getByTestId('projector'));
    await projector().findByText(/What is the most natural thing to say here/);
    // Looking the youth up online (investigating, a prohibited activity) where the story opens it.
    await presentToDebrief(user, (follow) => follow.find((b) => b.closest('li')?.textContent?.includes('Look Jade up')) ?? follow[0]);
    const laptop = screen.getByTestId('laptop');
    const outcome = laptop.querySelector('#outcome-heading');
    expect(outcome?.textContent).toBe('Outcome: Needs review');
    const reason = outcome?.nextElementSibling?.textContent ?? '';
    expect(reason).toMatch(/^A prohibited activity in the guide \(a critical violation\) always needs review/);
    const critical = [...laptop.querySelectorAll('ul.critical li')].map((li) => `${li.querySelector('strong')?.textContent} (guide: ${/\(guide: ([^)]+)\)/.exec(li.textContent ?? '')?.[1]})`);
    expect(critical).toEqual(['✗ Don\'t investigate (guide: "Prohibited Activities")']);
    // The projector: the outcome, why, then the critical violation, before the score.
    await projector().findByRole('heading', { name: 'Outcome: Needs review' });
    const shown = [...screen.getByTestId('projector').querySelectorAll('h2, p, li')].map((e) => e.textContent);
    const at = shown.indexOf('Outcome: Needs review');
    expect(shown.slice(at, at + 4)).toEqual(['Outcome: Needs review', reason, ...critical, expect.stringMatching(/^Score: /)]);
    expect(projector().getByRole('list', { name: 'Critical violations' })).toBeTruthy();
  });

  it('once the trainer follows a reply, the projector says which one the story follows, in words, at every moment up to the next reveal, and at the end which one it followed', async () => {
    const user = userEvent.setup();
    render(<><div data-testid="laptop"><Facilitation playable={{ scenario: scenario(), file: 'example.json' }} /></div><div data-testid="projector"><ProjectorScreen /></div></>);
    const laptop = within(screen.getByTestId('laptop'));
    const followed = () => screen.getByTestId('projector').querySelector('.followed')?.textContent;
    await within(screen.getByTestId('projector')).findByText(/What is the most natural thing to say here/);
    // Before any choice: nothing to say.
    expect(followed()).toBeUndefined();
    await user.click(laptop.getByRole('button', { name: 'Reveal the feedback' }));
    await within(screen.getByTestId('projector')).findByText('★ Best practice');
    const row = (text: RegExp) => within(screen.getByTestId('laptop')).getByText(text).closest('li') as HTMLElement;
    // The room's choice, not best practice: an action ("Do: …").
    await user.click(within(row(/Say nothing about the phone/)).getByRole('button', { name: /Follow reply/ }));
    await waitFor(() => expect(followed()).toBe('The story follows: Do: Say nothing about the phone and move on to school.'));
    // The scene after it, and the next decision until its reveal, still say it.
    await user.click(laptop.getByRole('button', { name: 'Continue' }));
    await within(screen.getByTestId('projector')).findByRole('heading', { level: 1, name: 'After the visit' });
    expect(followed()).toBe('The story follows: Do: Say nothing about the phone and move on to school.');
    // The reveal is that decision's replies alone.
    await user.click(laptop.getByRole('button', { name: 'Reveal the feedback' }));
    await waitFor(() => expect(screen.getByTestId('projector').querySelector('ol.reveal')).toBeTruthy());
    expect(followed()).toBeUndefined();
    // Back to the votes: the moment again, with the branch it is on.
    await user.click(laptop.getByRole('button', { name: 'Back to the votes' }));
    await waitFor(() => expect(followed()).toBe('The story follows: Do: Say nothing about the phone and move on to school.'));
    await user.click(laptop.getByRole('button', { name: 'Reveal the feedback' }));
    await user.click(within(row(/Call your Advocate Supervisor/)).getByRole('button', { name: /Follow reply/ }));
    // The end: the reply that led to the ending, under its title.
    const ending = await within(screen.getByTestId('projector')).findByRole('heading', { level: 1, name: /^Ending: / });
    expect(ending.nextElementSibling?.textContent).toMatch(/^The story followed: Do: Call your Advocate Supervisor/);
  });

  it('when the trainer leaves the session (another page, or the tab closed), the projector stops showing it, and follows the next one', async () => {
    const laptop = render(<Facilitation playable={{ scenario: scenario(), file: 'example.json' }} />);
    const projector = render(<div data-testid="projector"><ProjectorScreen /></div>);
    const shown = () => within(screen.getByTestId('projector'));
    expect(await shown().findByText(/How did you get it\?/)).toBeTruthy();
    // The trainer goes back to the scenario list: the page's session is gone from the screen.
    laptop.unmount();
    expect(await shown().findByText(/The trainer’s page has left the session/)).toBeTruthy();
    expect(shown().queryByText(/How did you get it\?/)).toBeNull();
    // A new session on the laptop: the projector follows it.
    const again = render(<Facilitation playable={{ scenario: scenario(), file: 'example.json' }} />);
    expect(await shown().findByText(/How did you get it\?/)).toBeTruthy();
    // The tab closed (no unmount runs then; the browser fires pagehide).
    window.dispatchEvent(new Event('pagehide'));
    expect(await shown().findByText(/The trainer’s page has left the session/)).toBeTruthy();
    // The browser had kept the page and shows it again (Back: the back/forward cache): no effect
    // runs again, and the projector shows the session once more.
    window.dispatchEvent(Object.assign(new Event('pageshow'), { persisted: true }));
    expect(await shown().findByText(/How did you get it\?/)).toBeTruthy();
    again.unmount();
    projector.unmount();
  });

  it('the projector says what the laptop says: "Scene 1" at the first scene, the discussion prompt labelled (for the room too on the projector, above the question), verdicts styled as on the laptop', async () => {
    const user = userEvent.setup();
    render(<><div data-testid="laptop"><Facilitation playable={{ scenario: scenario(), file: 'example.json' }} /></div><div data-testid="projector"><ProjectorScreen /></div></>);
    const laptop = within(screen.getByTestId('laptop'));
    const projector = () => within(screen.getByTestId('projector'));
    const stepOf = (where: HTMLElement) => where.querySelector('.status-line span:nth-child(2)')?.textContent;
    await projector().findByText(/What is the most natural thing to say here/);
    // The prompt is introduced to a screen reader on the laptop ("Discussion prompt: …"); on the
    // projector, where the decision's question comes under it, to the room too ("Discuss: …", as the
    // phones say it): unlabelled, in larger type than the question, it read as the question voted on.
    const prompt = (where: HTMLElement) => where.querySelector('.discussion')?.textContent;
    expect(prompt(screen.getByTestId('laptop'))).toMatch(/^Discussion prompt: What is the most natural thing/);
    expect(prompt(screen.getByTestId('projector'))).toBe(prompt(screen.getByTestId('laptop'))?.replace(/^Discussion prompt: /, 'Discuss: '));
    expect(screen.getByTestId('projector').querySelector('.discussion .sr-only')).toBeNull();
    expect(stepOf(screen.getByTestId('projector'))).toBe('Decision 1 of about 2');
    // The reveal: each verdict keeps its symbol and words, and has the laptop's class (its colour).
    await user.click(laptop.getByRole('button', { name: 'Reveal the feedback' }));
    const verdicts = (where: HTMLElement) => [...where.querySelectorAll('.reveal .verdicts li')].map((li) => `${li.className}|${li.textContent}`).sort();
    await projector().findByText('★ Best practice');
    const onLaptop = verdicts(screen.getByTestId('laptop'));
    expect(onLaptop.length).toBeGreaterThan(0);
    expect(onLaptop.some((v) => v.startsWith('violates|✗ violates '))).toBe(true);
    expect(onLaptop.some((v) => v.startsWith('follows|✓ follows '))).toBe(true);
    expect(verdicts(screen.getByTestId('projector'))).toEqual(onLaptop);
    // Follow a reply: a scene (untitled, the first). Both say "Scene 1": the projector once, as its heading.
    await user.click(laptop.getAllByRole('button', { name: /Follow reply/ })[0] as HTMLElement);
    expect(laptop.getByRole('button', { name: 'Continue' })).toBeTruthy();
    expect(stepOf(screen.getByTestId('laptop'))).toBe('Scene 1');
    await waitFor(() => expect(projector().getByRole('heading', { level: 1 }).textContent).toBe('Scene 1'));
    expect(stepOf(screen.getByTestId('projector'))).toBeUndefined();
  });

  it('at a reveal, a reply breaking a critical principle says ", critical" in its verdict, on the laptop and the projector, as the live feedback and the debrief do; only there', async () => {
    const user = userEvent.setup();
    render(<><div data-testid="laptop"><Facilitation playable={{ scenario: scenario(), file: 'example.json' }} /></div><div data-testid="projector"><ProjectorScreen /></div></>);
    const laptop = within(screen.getByTestId('laptop'));
    const projector = () => within(screen.getByTestId('projector'));
    await projector().findByText(/What is the most natural thing to say here/);
    await user.click(laptop.getByRole('button', { name: 'Reveal the feedback' }));
    await user.click(laptop.getAllByRole('button', { name: /Follow reply/ })[0] as HTMLElement);
    await user.click(laptop.getByRole('button', { name: 'Continue' }));
    // The second decision: looking Jade up online is investigating, a prohibited activity.
    await user.click(laptop.getByRole('button', { name: 'Reveal the feedback' }));
    await projector().findByText('★ Best practice');
    const verdicts = (where: string) => [...screen.getByTestId(where).querySelectorAll('.reveal > li')].map((li) => [li.textContent?.match(/Look Jade up|Call your Advocate|Decide it is probably/)?.[0], [...li.querySelectorAll('.verdicts li')].map((v) => v.textContent)]);
    for (const where of ['laptop', 'projector']) {
      const shown = Object.fromEntries(verdicts(where));
      expect(shown['Look Jade up'], where).toEqual(['✗ violates Don\'t investigate (guide: "Prohibited Activities", critical)']);
      // A broken principle that is not critical, and one kept, carry no such word.
      expect([...shown['Call your Advocate'], ...shown['Decide it is probably']].join(' '), where).not.toMatch(/critical/);
    }
  });

  it('an action stays marked "Do:" at the reveal, on the laptop and the projector, as in the replies before it', async () => {
    const user = userEvent.setup();
    render(<><div data-testid="laptop"><Facilitation playable={{ scenario: scenario(), file: 'example.json' }} /></div><div data-testid="projector"><ProjectorScreen /></div></>);
    const laptop = within(screen.getByTestId('laptop'));
    const projector = () => within(screen.getByTestId('projector'));
    await projector().findByText(/What is the most natural thing to say here/);
    // The reply that is an action, and the one said, as each screen shows them.
    const lines = (where: string, list: string) => [...screen.getByTestId(where).querySelectorAll(`${list} > li`)].map((li) => li.querySelector('p')?.textContent ?? li.textContent ?? '');
    const action = (l: readonly string[]) => l.find((t) => t.includes('Say nothing about the phone'));
    const said = (l: readonly string[]) => l.find((t) => t.includes('You need to tell me the truth'));
    expect(action(lines('projector', '.options'))).toMatch(/^\d\. Do: Say nothing about the phone/);
    await user.click(laptop.getByRole('button', { name: 'Reveal the feedback' }));
    await projector().findByText('★ Best practice');
    // "3. Say nothing about the phone…" read as words to say to Jade at the reveal.
    for (const where of ['laptop', 'projector']) {
      expect(action(lines(where, '.reveal')), where).toMatch(/^\d\. Do: Say nothing about the phone and move on to school\./);
      expect(said(lines(where, '.reveal')), where).toMatch(/^\d\. Who bought you that\?/);
    }
  });
});

describe('presenter mode keeps the room session through a reload', () => {
  const ID = 'youth-discloses';
  const KEY = `facilitation/${ID}.json`;
  afterEach(() => {
    history.replaceState(null, '', '/');
  });

  /** Opens the scenario in presenter mode over the store: a page load. */
  const open = async (store: Store) => {
    const app = renderApp(`#/presenter/${ID}`, store);
    // A new session opens on the content note; a kept one carries on where it was.
    const first = await screen.findByRole('button', { name: /^(Start the session|Download the summary so far)$/ });
    if (first.textContent === 'Start the session') await userEvent.setup().click(first);
    await screen.findByRole('button', { name: 'Download the summary so far' });
    return app;
  };
  const boxes = () => screen.getAllByRole('spinbutton');
  /** The session kept now: at its first moment (no reply chosen yet), with no votes entered and nothing revealed. */
  const keptFresh = (store: Store) => {
    const kept = JSON.parse(store.read(KEY) ?? 'null') as { past?: unknown[]; current?: { votes?: object; revealed?: boolean }; session?: { snapshot?: { context?: { transcript?: unknown[] } } } } | null;
    return { past: kept?.past?.length, votes: kept?.current?.votes, revealed: kept?.current?.revealed, replies: kept?.session?.snapshot?.context?.transcript?.length };
  };
  const FRESH = { past: 0, votes: {}, revealed: false, replies: 0 };
  /** Opens the scenario with nothing kept: its content note, before the session starts. */
  const onContentNote = async (store: Store) => {
    renderApp(`#/presenter/${ID}`, store);
    const start = await screen.findByRole('button', { name: 'Start the session' });
    const loaded = (await bundledById(ID)).loaded;
    if (!loaded?.ok) throw new Error('not loaded');
    return { start, playable: loaded.playable };
  };
  /** A session in which `votes` were typed for reply `box` at the first decision, then the page was closed. */
  const typedThenClosed = async (box: number, votes: string) => {
    const user = userEvent.setup();
    const store = memoryStore();
    const first = await open(store);
    await user.type(boxes()[box] as HTMLElement, votes);
    first.unmount();
    return { user, store };
  };
  /** The summary file without its time line (a reload may cross a minute). */
  const summaryText = async (files: { name: string; blob: Blob }[]) => {
    await userEvent.setup().click(screen.getByRole('button', { name: 'Download the summary so far' }));
    const md = await files.at(-1)?.blob.text();
    return md?.replace(/^Trainer-led session, .*$/m, '');
  };

  // A session was kept only from the room's first vote: reloaded (or the tab closed and opened again)
  // while the room discussed the first decision, the page opened on the content note again, and the
  // session started anew there drew its replies in another order than the room had been reading.
  // It is kept from its first moment, as the content note says.
  it('keeps the session from its first moment, as the content note says: a reload before any vote comes back to the first decision, its replies in the order the room saw them', async () => {
    const store = memoryStore();
    const { start } = await onContentNote(store);
    expect(document.body.textContent).toContain('The session is kept in this browser as it goes, from its first moment: a reload or a closed tab comes back to where you were.');
    expect(store.read(KEY)).toBeUndefined();
    await userEvent.setup().click(start);
    await screen.findByRole('button', { name: 'Download the summary so far' });
    expect(keptFresh(store)).toEqual(FRESH);
    const order = () => screen.getAllByRole('spinbutton').map((b) => b.getAttribute('aria-describedby'));
    const before = { title: screen.getByRole('heading', { level: 1 }).textContent, order: order() };
    cleanup();
    renderApp(`#/presenter/${ID}`, store);
    await screen.findByRole('button', { name: 'Download the summary so far' });
    expect(screen.queryByRole('button', { name: 'Start the session' })).toBeNull();
    expect({ title: screen.getByRole('heading', { level: 1 }).textContent, order: order() }).toEqual(before);
    // Nothing entered yet: no "votes and summary so far" to speak of.
    expect(screen.getByText(/^Resumed the presenter session/).textContent).toBe('Resumed the presenter session at decision 1.');
  });

  it('comes back at the same decision with the votes, the reveal and the summary so far, says so, and the projector follows', async () => {
    const files = captureDownloads();
    const user = userEvent.setup();
    const store = memoryStore({ 'saves/youth-discloses.json': 'the volunteer\'s own save' });
    const first = await open(store);
    await user.type(boxes()[0] as HTMLElement, '3');
    await user.type(boxes()[1] as HTMLElement, '1');
    await user.click(screen.getByRole('button', { name: 'Reveal the feedback' }));
    await user.click(screen.getAllByRole('button', { name: /Follow reply/ })[0] as HTMLElement);
    while (!screen.queryByRole('button', { name: 'Reveal the feedback' })) await user.click(screen.getByRole('button', { name: 'Continue' }));
    const decisionTitle = screen.getByRole('heading', { level: 1 }).textContent;
    await user.type(boxes()[1] as HTMLElement, '4');
    await user.click(screen.getByRole('button', { name: 'Reveal the feedback' }));
    const before = await summaryText(files);
    expect(before).toContain('## Decision 1:');
    expect(before).toContain('Branch taken:');
    // The page is reloaded (or the tab closed and opened again) over the same storage.
    first.unmount();
    await open(store);
    expect(screen.getByText('Resumed the presenter session at decision 2, with the votes and the summary so far.')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(decisionTitle);
    // Still revealed, with the votes typed before the reload.
    const list = screen.getByRole('heading', { name: 'The replies, revealed' }).parentElement as HTMLElement;
    expect(list.textContent).toContain('Votes: 4 (100%)');
    expect(await summaryText(files)).toBe(before);
    // A projector window left open (or opened again) shows the reveal the trainer came back to.
    render(<div data-testid="projector"><ProjectorScreen /></div>);
    expect(await within(screen.getByTestId('projector')).findByText('Votes: 4 (100%)')).toBeTruthy();
    // The volunteer's own save of the same scenario is another thing: untouched.
    expect(store.read('saves/youth-discloses.json')).toBe('the volunteer\'s own save');
  });

  it('resumed at a scene, the notice (and the picker) say the room is at a scene after the decision it made, not at the next decision', async () => {
    const user = userEvent.setup();
    const store = memoryStore();
    const first = await open(store);
    await user.type(boxes()[0] as HTMLElement, '2');
    await user.click(screen.getByRole('button', { name: 'Reveal the feedback' }));
    await user.click(screen.getAllByRole('button', { name: /Follow reply/ })[0] as HTMLElement);
    expect(screen.getByRole('button', { name: 'Continue' })).toBeTruthy();
    first.unmount();
    // The picker, which does not restore the session, says how far it has gone, not where it stands.
    const picker = renderApp('#/presenter', store);
    const card = (await screen.findByRole('heading', { level: 2, name: 'What Kiara tells you' })).closest('li') as HTMLElement;
    expect(within(card).getByText('A presenter session is in progress here, with 1 decision made.')).toBeTruthy();
    picker.unmount();
    await open(store);
    expect(screen.getByRole('button', { name: 'Continue' })).toBeTruthy();
    expect(screen.getByText('Resumed the presenter session at a scene, after decision 1, with the votes and the summary so far.')).toBeTruthy();
  });

  // Found in a trainer's walkthrough: presenter mode without a live room had no "End the session"
  // (a live room has one; the terminal's q ends and writes the summary): a trainer out of time could
  // not put how the room did on the projector.
  it('"End the session" asks first, as a live room\'s does, then shows how the room did with its summary to download, on the projector too; kept so across a reload, not carried on', async () => {
    const files = captureDownloads();
    const user = userEvent.setup();
    const store = memoryStore();
    const sent: { kind?: string; outcome?: string; agreement?: string }[] = [];
    const projector = new BroadcastChannel(PROJECTOR_CHANNEL);
    projector.onmessage = (e: MessageEvent<{ type?: string; state?: (typeof sent)[number] }>) => {
      if (e.data.type === 'state' && e.data.state) sent.push(e.data.state);
    };
    onTestFinished(() => projector.close());
    const first = await open(store);
    await user.type(boxes()[0] as HTMLElement, '3');
    await user.click(screen.getByRole('button', { name: 'Reveal the feedback' }));
    await user.click(screen.getAllByRole('button', { name: /Follow reply/ })[0] as HTMLElement);
    while (!screen.queryByRole('button', { name: 'Reveal the feedback' })) await user.click(screen.getByRole('button', { name: 'Continue' }));
    await user.type(boxes()[1] as HTMLElement, '2');
    const end = screen.getByRole('button', { name: 'End the session' });
    await user.click(end);
    const question = screen.getByRole('group', { name: 'End the session?' });
    expect(question.textContent).toContain('The session cannot be carried on after this.');
    // The safe answer first, as every question of the app; Escape keeps going too.
    expect(document.activeElement).toBe(within(question).getByRole('button', { name: 'No, keep going' }));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('group', { name: 'End the session?' })).toBeNull();
    expect(document.activeElement).toBe(end);
    await user.click(end);
    await user.click(screen.getByRole('button', { name: 'Yes, end the session' }));
    const heading = screen.getByRole('heading', { level: 2, name: 'How often the room matched best practice' });
    expect(document.activeElement).toBe(heading);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('The session has ended');
    const did = heading.nextElementSibling?.textContent;
    expect(did).toMatch(/^The branch the room took was best practice at \d of 1 decision/);
    expect(screen.queryAllByRole('spinbutton')).toEqual([]);
    expect(screen.queryByRole('button', { name: /^(Continue|Reveal the feedback|Back to decision \d)$/ })).toBeNull();
    // The projector: how the room did, as a live room's end screen.
    await waitFor(() => expect(sent.at(-1)).toMatchObject({ kind: 'done', outcome: 'The session has ended.', agreement: did }));
    // The summary: both decisions, the second where the session stopped, with its votes.
    await user.click(screen.getByRole('button', { name: 'Download the session summary' }));
    const md = await files.at(-1)?.blob.text();
    expect(md).toContain('## Decision 2:');
    expect(md).toContain('Votes: 2 in all.');
    expect(md).toContain('The session stopped at this decision.');
    expect(md).toContain('The session ended before the scenario did.');
    // A reload (or the picker): the ended session, not carried on.
    first.unmount();
    const picker = renderApp('#/presenter', store);
    const card = (await screen.findByRole('heading', { level: 2, name: 'What Kiara tells you' })).closest('li') as HTMLElement;
    expect(within(card).getByText(/^A presenter session was ended here before its story did/)).toBeTruthy();
    expect(within(card).getByRole('link', { name: /^Open the ended session:/ })).toBeTruthy();
    picker.unmount();
    renderApp(`#/presenter/${ID}`, store);
    expect(await screen.findByRole('heading', { level: 1, name: 'The session has ended' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2, name: 'How often the room matched best practice' }).nextElementSibling?.textContent).toBe(did);
    expect(screen.queryByText(/Resumed the presenter session/)).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Download the session summary' }));
    expect((await files.at(-1)?.blob.text())?.replace(/^Trainer-led session, .*$/m, '')).toBe(md?.replace(/^Trainer-led session, .*$/m, ''));
    // A new session, asked first, starts on the content note.
    await user.click(screen.getByRole('button', { name: 'Start a new session' }));
    await user.click(screen.getByRole('button', { name: 'Yes, start a new session' }));
    expect(await screen.findByRole('button', { name: 'Start the session' })).toBeTruthy();
    expect(store.read(KEY)).toBeUndefined();
  });

  // A session kept under another scenario's key (renamed by hand in the browser's storage) was
  // loaded by the scenario it names: presenter mode for red-flags carried on youth-discloses' session.
  it("a session of another scenario under this one's key is set aside, not carried on here", async () => {
    const { store } = await typedThenClosed(2, '7');
    const theirs = store.read(KEY) as string;
    store.write('facilitation/red-flags.json', theirs);
    renderApp('#/presenter/red-flags', store);
    await screen.findByRole('button', { name: 'Start the session' });
    expect(document.body.textContent).toContain('Could not resume: it belongs to the scenario "youth-discloses", not "red-flags". A copy of the save is kept');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toContain('New nails, new phone, new boyfriend');
    expect(document.body.textContent).not.toContain('Resumed the presenter session');
    expect(store.read(KEY)).toBe(theirs);
    expect([...store.data.keys()].some((k) => k.startsWith('facilitation/red-flags.json.damaged-'))).toBe(true);
  });

  it('keeps the votes typed at a decision not yet revealed', async () => {
    const { store } = await typedThenClosed(2, '7');
    await open(store);
    expect((boxes()[2] as HTMLInputElement).value).toBe('7');
    expect(screen.getByText('7 votes entered.')).toBeTruthy();
    expect(screen.getByText('Resumed the presenter session at decision 1, with the votes and the summary so far.')).toBeTruthy();
  });

  // The notice stayed above the reveal until the next decision: the trainer had moved on (as a
  // volunteer's "welcome back" goes at their next step). Typing a count is no step: it stays then.
  it('the resume notice goes once the trainer takes a step: at the reveal, and "Back to the votes" from a reveal resumed', async () => {
    const { user, store } = await typedThenClosed(2, '7');
    const resumed = await open(store);
    const NOTICE = 'Resumed the presenter session at decision 1, with the votes and the summary so far.';
    await user.type(boxes()[0] as HTMLElement, '1');
    expect(screen.getByText(NOTICE)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Reveal the feedback' }));
    expect(screen.getByRole('heading', { name: 'The replies, revealed' })).toBeTruthy();
    expect(screen.queryByText(NOTICE)).toBeNull();
    // Resumed at the reveal: back to the votes is a step too.
    resumed.unmount();
    await open(store);
    expect(screen.getByText(NOTICE)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Back to the votes' }));
    expect(screen.queryByText(NOTICE)).toBeNull();
  });

  it('a tab left on the content note while another tab started the session carries that session on at "Start the session", instead of writing a fresh one over it', async () => {
    const user = userEvent.setup();
    const store = memoryStore();
    const { start, playable } = await onContentNote(store);
    // Meanwhile another tab starts the session, and the room's 4 votes for a reply are kept.
    const other = startFacilitation(playable.scenario, 1);
    const reply = selectView(playable.scenario, other.getSnapshot()).replies[0]?.id as string;
    writeFacilitation(store, playable, other.getPersistedSnapshot(), { past: [], current: { votes: { [reply]: 4 }, revealed: false } });
    const kept = store.read(KEY);
    // Read out, not only shown: focus goes on past it to the moment's heading, and a screen reader
    // user was not told that the session (and the room's votes) came from another tab.
    const said = await announcedDuring(async () => {
      await user.click(start);
      await screen.findByText(/was started in another tab or window meanwhile, so this tab carries that session on/);
    });
    expect(said.filter((s) => /was started in another tab or window meanwhile/.test(s))).toHaveLength(1);
    expect(boxes().map((b) => (b as HTMLInputElement).value)).toContain('4');
    expect(store.read(KEY)).toBe(kept);
  });

  it('a kept session found damaged at "Start the session" is moved aside and said so, and the session starts fresh', async () => {
    const user = userEvent.setup();
    const store = memoryStore();
    const { start } = await onContentNote(store);
    store.write(KEY, '{"format":"casa-practice-facilitation"');
    const said = await announcedDuring(async () => {
      await user.click(start);
      await screen.findByText(/^The presenter session kept for this scenario could not be picked up/);
    });
    expect(said.filter((s) => /^The presenter session kept for this scenario could not be picked up/.test(s))).toHaveLength(1);
    // The new session is kept in its place (from its first moment), not the damaged one.
    expect(keptFresh(store)).toEqual(FRESH);
    expect([...store.data.keys()].filter((k) => k.startsWith(`${KEY}.damaged-`))).toHaveLength(1);
    expect(boxes().map((b) => (b as HTMLInputElement).value)).toEqual(boxes().map(() => ''));
  });

  it('a new session opens on the scenario\'s content note, on the laptop and on the projector, for the room to read first (as the terminal\'s first screen); Start goes to the first moment', async () => {
    const user = userEvent.setup();
    const store = memoryStore();
    const { start, playable: { scenario } } = await onContentNote(store);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(scenario.title);
    expect(within(screen.getByRole('region', { name: 'Content note' })).getByText(scenario.contentNote)).toBeTruthy();
    expect(screen.queryAllByRole('spinbutton')).toEqual([]);
    render(<div data-testid="projector"><ProjectorScreen /></div>);
    const projector = within(screen.getByTestId('projector'));
    expect(await projector.findByText(scenario.contentNote)).toBeTruthy();
    expect(projector.getByRole('heading', { level: 1, name: 'Content note' })).toBeTruthy();
    // Nothing is kept until the session has started and the room has done something.
    expect(store.read(KEY)).toBeUndefined();
    await user.click(start);
    expect(document.activeElement).toBe(screen.getAllByRole('heading', { level: 1 })[0]);
    expect(screen.getAllByRole('spinbutton').length).toBeGreaterThan(0);
    expect(await projector.findByText(/^Decision 1 of about/)).toBeTruthy();
  });

  // A newcomer trainer opened the projector window and found a tab over their own page, with no word
  // of what to do next: it opens as a window of its own, and the content note's page says where it
  // opens and how to put it on the projector.
  it('"Open a projector window" opens a window of its own (not a tab), and the content note\'s page says how to put it on the projector', async () => {
    const user = userEvent.setup();
    const open = vi.spyOn(window, 'open').mockReturnValue({} as Window);
    try {
      await onContentNote(memoryStore());
      const button = screen.getByRole('button', { name: 'Open a projector window' });
      const howto = document.getElementById(button.getAttribute('aria-describedby') ?? '');
      expect(howto?.textContent).toBe('The projector window opens on this screen: move it to the projector\'s screen and make it full screen there (F11; on a Mac, Control-Command-F).');
      await user.click(button);
      expect(open).toHaveBeenCalledTimes(1);
      const [url, name, features] = open.mock.calls[0] ?? [];
      expect([String(url), name]).toEqual(['/?projector#/projector', 'casa-practice-projector']);
      expect(String(features).split(',')).toContain('popup');
    } finally {
      open.mockRestore();
    }
  });

  it('opening a scenario and leaving at once keeps nothing; the picker names a session in progress', async () => {
    const user = userEvent.setup();
    const store = memoryStore();
    await onContentNote(store);
    expect(store.read(KEY)).toBeUndefined();
    cleanup();
    const first = await open(store);
    expect(keptFresh(store)).toEqual(FRESH);
    await user.type(boxes()[0] as HTMLElement, '2');
    expect(keptFresh(store).votes).not.toEqual({});
    first.unmount();
    renderApp('#/presenter', store);
    const card = (await screen.findByRole('heading', { level: 2, name: 'What Kiara tells you' })).closest('li') as HTMLElement;
    expect(within(card).getByText('A presenter session is in progress here, with no decision made yet.')).toBeTruthy();
    expect(within(card).getByRole('link', { name: /^Resume the presenter session:/ }).getAttribute('href')).toBe(`#/presenter/${ID}`);
  });

  it('start over asks first (Escape keeps the session), then starts fresh and deletes the kept session', async () => {
    const { user, store } = await typedThenClosed(0, '5');
    await open(store);
    const startOver = screen.getByRole('button', { name: 'Start over' });
    startOver.focus();
    await user.keyboard('{Enter}');
    expect(screen.getByRole('group', { name: 'Start the presenter session over?' })).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'No, keep this session' }));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('group', { name: 'Start the presenter session over?' })).toBeNull();
    expect(document.activeElement).toBe(startOver);
    expect(store.read(KEY)).toBeDefined();
    await user.keyboard('{Enter}');
    await user.click(screen.getByRole('button', { name: 'Yes, start over' }));
    // The kept session deleted: the new one is kept in its place, with none of its votes.
    expect(keptFresh(store)).toEqual(FRESH);
    expect(screen.queryByText(/Resumed the presenter session/)).toBeNull();
    expect(boxes().map((b) => (b as HTMLInputElement).value)).toEqual(boxes().map(() => ''));
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1 }));
  });

  it('start over is there all along, not only after a reload: mid-session it asks, says what is lost, then starts fresh', async () => {
    const user = userEvent.setup();
    const store = memoryStore();
    await open(store);
    const firstTitle = screen.getByRole('heading', { level: 1 }).textContent;
    await user.type(boxes()[0] as HTMLElement, '3');
    await user.click(screen.getByRole('button', { name: 'Reveal the feedback' }));
    await user.click(screen.getAllByRole('button', { name: /Follow reply/ })[0] as HTMLElement);
    expect(screen.queryByText(/Resumed the presenter session/)).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Start over' }));
    expect(screen.getByRole('group', { name: 'Start the presenter session over?' }).textContent).toContain('The decision the room has made and the votes entered will be lost');
    await user.click(screen.getByRole('button', { name: 'Yes, start over' }));
    expect(keptFresh(store)).toEqual(FRESH);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(firstTitle);
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1 }));
    expect(boxes().map((b) => (b as HTMLInputElement).value)).toEqual(boxes().map(() => ''));
  });

  it('start over before the room has entered anything says nothing is lost, not that votes are', async () => {
    const user = userEvent.setup();
    await open(memoryStore());
    await user.click(screen.getByRole('button', { name: 'Start over' }));
    const asked = screen.getByRole('group', { name: 'Start the presenter session over?' }).textContent ?? '';
    expect(asked).toContain('The room has entered nothing yet, so nothing is lost.');
    expect(asked).not.toMatch(/will be lost|Download the summary/);
  });

  // In a trainer's words, as a volunteer's damaged save is said: it said "(it is not valid JSON)".
  it('a damaged kept session is refused with one clear line in a trainer\'s words, kept aside, and nothing else changes', async () => {
    const damaged = '{"format":"casa-practice-facilitation","formatVersion":1,"scenario":{"source":"bundled","id":"youth-discloses"},"session":{"format":"casa-practice-session"';
    const store = memoryStore({ [KEY]: damaged, 'saves/youth-discloses.json': 'the volunteer\'s own save', 'records.json': 'records' });
    await open(store);
    expect(screen.getByText(/^The presenter session kept for this scenario could not be picked up/).textContent).toBe('The presenter session kept for this scenario could not be picked up where it stopped: what this browser kept of it is damaged and cannot be read. A copy of the session is kept in this browser\'s storage for this site (nothing was deleted). Your records and the presenter sessions of other scenarios are not affected. A new session starts from the beginning below. My records lists the copy under “Room in this browser”, to download or remove.');
    expect(document.body.textContent).not.toMatch(/JSON/);
    expect(screen.queryByText(/Resumed the presenter session/)).toBeNull();
    const aside = [...store.data.keys()].filter((k) => k.startsWith(`${KEY}.damaged-`));
    expect(aside).toHaveLength(1);
    expect(store.read(aside[0] as string)).toBe(damaged);
    expect(store.read('saves/youth-discloses.json')).toBe('the volunteer\'s own save');
    expect(store.read('records.json')).toBe('records');
    // The new session, kept in its place from its first moment.
    expect(keptFresh(store)).toEqual(FRESH);
  });

  it('a live room\'s presenter page leaves the typed-tally session alone, even a damaged one', async () => {
    // No socket in this test: the page's connection attempt goes nowhere.
    vi.stubGlobal('WebSocket', class { readyState = 0; send() {} close() {} addEventListener() {} removeEventListener() {} });
    try {
      const store = memoryStore({ [KEY]: 'damaged' });
      history.replaceState(null, '', `/?room=FAKE23&token=${'t'.repeat(43)}`);
      renderApp(`#/presenter/${ID}`, store);
      expect(await screen.findByText(/Connecting to the room/)).toBeTruthy();
      // Once the scenario has loaded (the page would have read the kept session by then), nothing was moved.
      await bundledById(ID);
      expect(store.read(KEY)).toBe('damaged');
      expect([...store.data.keys()]).toEqual([KEY]);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  // The break panel said "Everything waits for you" in a live room too, when an open vote stayed open
  // on the phones. The room is told of the break now: the panel says what the phones show meanwhile.
  it('a live room\'s break panel says what the phones show: the break, no voting, votes kept, the vote open again after it; "Everything waits" is not said', async () => {
    vi.stubGlobal('WebSocket', class { readyState = 0; send() {} close() {} addEventListener() {} removeEventListener() {} });
    try {
      const user = userEvent.setup();
      history.replaceState(null, '', `/?room=FAKE23&token=${'t'.repeat(43)}`);
      renderApp(`#/presenter/${ID}`, memoryStore());
      await screen.findByText(/Connecting to the room/);
      await user.click(screen.getByRole('button', { name: 'Take a break' }));
      expect(screen.getByRole('heading', { level: 1, name: 'Take a break' })).toBeTruthy();
      expect(screen.getByText(LIVE_ROOM_ON_BREAK_WORDS)).toBeTruthy();
      expect(screen.queryByText(/Everything waits for you/)).toBeNull();
      expect(screen.getByText(PROJECTOR_ON_BREAK_WORDS)).toBeTruthy();
    } finally {
      vi.unstubAllGlobals();
      history.replaceState(null, '', '/');
    }
  });

  it('a session kept for an older version of the scenario is refused, saying why', async () => {
    const { store } = await typedThenClosed(0, '1');
    const kept = JSON.parse(store.read(KEY) as string) as { session: { scenarioVersion: number } };
    kept.session.scenarioVersion -= 1;
    const text = JSON.stringify(kept);
    store.write(KEY, text);
    await open(store);
    // In a trainer's words (a presenter session, not "this save"), as presenter mode's list says it before the click; where the copy is, in a browser's words.
    expect(screen.getByText(/^The presenter session kept for this scenario/).closest('p')?.textContent).toBe('The presenter session kept for this scenario could not be picked up where it stopped: the scenario has changed since the session was kept, and the story may be different now. A copy of the session is kept in this browser\'s storage for this site (nothing was deleted). Your records and the presenter sessions of other scenarios are not affected. A new session starts from the beginning below. My records lists the copy under “Room in this browser”, to download or remove.');
    expect((boxes()[0] as HTMLInputElement).value).toBe('');
    // Kept whole, as outdated: it is not damaged.
    const aside = [...store.data.keys()].filter((k) => k.startsWith(`${KEY}.`));
    expect(aside).toEqual([expect.stringMatching(/\.outdated-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d$/)]);
    expect(store.read(aside[0] as string)).toBe(text);
  });

  it('a finished session is kept until the trainer starts again: a reload at the end shows the same end screen (it lost the debrief and the summary not yet downloaded)', async () => {
    const user = userEvent.setup();
    const files = captureDownloads();
    const store = memoryStore();
    const first = await open(store);
    await user.type(boxes()[0] as HTMLElement, '1');
    expect(store.read(KEY)).toBeDefined();
    await presentToDebrief(user);
    expect(screen.getByRole('heading', { name: /^Debrief:/ })).toBeTruthy();
    const agreement = screen.getByRole('heading', { name: 'How often the room matched best practice' }).nextElementSibling?.textContent;
    const endSummary = await (async () => {
      await user.click(screen.getByRole('button', { name: 'Download the session summary' }));
      return (await files.at(-1)?.blob.text())?.replace(/^Trainer-led session, .*$/m, '');
    })();
    expect(store.read(KEY)).toBeDefined();
    // Reloaded at the end screen (or the tab closed and opened again).
    first.unmount();
    renderApp(`#/presenter/${ID}`, store);
    expect(await screen.findByRole('heading', { name: /^Debrief:/ })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'How often the room matched best practice' }).nextElementSibling?.textContent).toBe(agreement);
    await user.click(screen.getByRole('button', { name: 'Download the session summary' }));
    expect((await files.at(-1)?.blob.text())?.replace(/^Trainer-led session, .*$/m, '')).toBe(endSummary);
    cleanup();
    // The picker says it has finished.
    renderApp('#/presenter', store);
    const card = (await screen.findByRole('heading', { level: 2, name: 'What Kiara tells you' })).closest('li') as HTMLElement;
    expect(within(card).getByText('A presenter session finished here: its debrief and summary are kept until you start it again.')).toBeTruthy();
    expect(within(card).getByRole('link', { name: 'Open the finished session: What Kiara tells you' })).toBeTruthy();
    cleanup();
    // Starting a new session asks first (the finished one may be the only copy of its summary); No keeps it.
    renderApp(`#/presenter/${ID}`, store);
    const again = await screen.findByRole('button', { name: 'Start a new session' });
    await user.click(again);
    expect(screen.getByRole('group', { name: 'Start a new presenter session?' }).textContent).toContain('Download the session summary first if you want to keep it.');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'No, keep the finished session' }));
    await user.keyboard('{Escape}');
    expect(store.read(KEY)).toBeDefined();
    expect(document.activeElement).toBe(again);
    // Yes starts a fresh session, and the finished one goes. It opens on the content note, as the
    // first session did (the new session may be for another room), with focus on its heading.
    await user.click(again);
    await user.click(screen.getByRole('button', { name: 'Yes, start a new session' }));
    expect(store.read(KEY)).toBeUndefined();
    expect(screen.getByRole('heading', { level: 2, name: 'Content note' })).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1 }));
    await user.click(screen.getByRole('button', { name: 'Start the session' }));
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1 }));
    expect(boxes().map((b) => (b as HTMLInputElement).value)).toEqual(boxes().map(() => ''));
  });
});

describe('two presenter tabs on the same scenario', () => {
  beforeEach(() => window.localStorage.clear());
  afterEach(() => window.localStorage.clear());

  it('closing the tab that has stopped leaves the projector on the session of the tab in charge', async () => {
    const user = userEvent.setup();
    const store = localStore();
    const playable = { scenario: scenario(), file: 'example.json' };
    render(<><div data-testid="a"><Facilitation playable={playable} store={store} /></div><div data-testid="projector"><ProjectorScreen /></div></>);
    const b = render(<div data-testid="b"><Facilitation playable={playable} store={store} /></div>);
    const key = store.prefix + facilitationKey(playable);
    await user.type(within(screen.getByTestId('a')).getAllByRole('spinbutton')[0] as HTMLElement, '3');
    act(() => void window.dispatchEvent(new StorageEvent('storage', { key, oldValue: null, newValue: window.localStorage.getItem(key), storageArea: window.localStorage })));
    expect(within(screen.getByTestId('b')).getByRole('alert')).toBeTruthy();
    // What goes over the channel once tab B is closed, up to a marker sent after it.
    const heard: unknown[] = [];
    const listener = new BroadcastChannel(PROJECTOR_CHANNEL);
    const marker = new BroadcastChannel(PROJECTOR_CHANNEL);
    const markerHeard = new Promise<void>((resolve) => {
      listener.onmessage = (e: MessageEvent) => (e.data === 'marker' ? resolve() : void heard.push(e.data));
    });
    try {
      b.unmount();
      marker.postMessage('marker');
      await markerHeard;
      expect(heard).toEqual([]);
    } finally {
      listener.close();
      marker.close();
    }
    // Tab A still drives the projector: a change there shows.
    await user.click(within(screen.getByTestId('a')).getByRole('button', { name: 'Reveal the feedback' }));
    expect(await within(screen.getByTestId('projector')).findByText('★ Best practice')).toBeTruthy();
    expect(within(screen.getByTestId('projector')).queryByText(/has left the session/)).toBeNull();
  });

  it('the tab that did not make the latest change says so and stops saving, until the trainer takes over there', async () => {
    const user = userEvent.setup();
    // Two tabs of the app: two sessions over the one localStorage of this site.
    const store = localStore();
    const playable = { scenario: scenario(), file: 'example.json' };
    render(<><div data-testid="a"><Facilitation playable={playable} store={store} /></div><div data-testid="b"><Facilitation playable={playable} store={store} /></div></>);
    const a = within(screen.getByTestId('a'));
    const b = within(screen.getByTestId('b'));
    const key = store.prefix + facilitationKey(playable);
    const kept = () => window.localStorage.getItem(key);
    // What the browser does after a write: a storage event in the site's other tabs (both mounts hear it here; the writer knows its own).
    const heard = () => act(() => void window.dispatchEvent(new StorageEvent('storage', { key, oldValue: null, newValue: kept(), storageArea: window.localStorage })));

    await user.type(a.getAllByRole('spinbutton')[0] as HTMLElement, '3');
    const fromA = kept();
    expect(fromA).not.toBeNull();
    heard();
    expect(a.queryByRole('alert')).toBeNull();
    expect(b.getByRole('alert').textContent).toBe('This presenter session was changed in another tab or window, so this tab has stopped saving it (the other tab\'s changes are kept) and no longer updates the projector window. Carry on there, or take over here: this tab\'s session is then saved and projected, and the other tab stops.');
    // Tab B goes on, but writes nothing over tab A's session.
    await user.type(b.getAllByRole('spinbutton')[1] as HTMLElement, '5');
    await user.click(b.getByRole('button', { name: 'Reveal the feedback' }));
    expect(kept()).toBe(fromA);
    // The trainer takes over in B: B's session is kept at once, B says so, and tab A, hearing of it, stops.
    // B says so to a screen reader too (focus goes on past the words, to the moment's heading).
    const said = await announcedDuring(() => user.click(b.getByRole('button', { name: 'Take over the presenter session here' })));
    expect(said).toEqual(['This tab keeps the presenter session and updates the projector window now; the other tab has stopped.']);
    const fromB = JSON.parse(kept() ?? 'null') as { current: { votes: Record<string, number>; revealed: boolean } };
    expect(Object.values(fromB.current.votes)).toEqual([5]);
    expect(fromB.current.revealed).toBe(true);
    expect(b.queryByRole('alert')).toBeNull();
    expect(b.getByText('This tab keeps the presenter session and updates the projector window now; the other tab has stopped.')).toBeTruthy();
    expect(document.activeElement).toBe(b.getByRole('heading', { level: 1 }));
    const before = kept();
    heard();
    expect(a.getByRole('alert').textContent).toMatch(/^This presenter session was changed in another tab or window/);
    await user.type(a.getAllByRole('spinbutton')[1] as HTMLElement, '2');
    expect(kept()).toBe(before);
    // A session removed in another tab (it ended there, or started over) stops this one too.
    await user.click(a.getByRole('button', { name: 'Take over the presenter session here' }));
    expect(kept()).not.toBe(before);
    window.localStorage.removeItem(key);
    heard();
    expect(b.getByRole('alert')).toBeTruthy();
  });

  it('only the tab in charge drives the projector window; the tab that took over sends its session at once', async () => {
    const user = userEvent.setup();
    const store = localStore();
    const playable = { scenario: scenario(), file: 'example.json' };
    // Every state any page sends to the projector, in order (posting is synchronous; delivery is not).
    const sent: string[] = [];
    const [A_VOTES, B_VOTES] = ['"votes":"3 (100%)"', '"votes":"5 (100%)"'];
    const original = BroadcastChannel.prototype.postMessage;
    const post = vi.spyOn(BroadcastChannel.prototype, 'postMessage').mockImplementation(function (this: BroadcastChannel, message: unknown) {
      if ((message as { type?: string }).type === 'state') sent.push(JSON.stringify((message as { state: unknown }).state));
      original.call(this, message);
    });
    try {
      render(<><div data-testid="a"><Facilitation playable={playable} store={store} /></div><div data-testid="b"><Facilitation playable={playable} store={store} /></div></>);
      const a = within(screen.getByTestId('a'));
      const b = within(screen.getByTestId('b'));
      const key = store.prefix + facilitationKey(playable);
      const heard = () => act(() => void window.dispatchEvent(new StorageEvent('storage', { key, oldValue: null, newValue: window.localStorage.getItem(key), storageArea: window.localStorage })));
      await user.type(a.getAllByRole('spinbutton')[0] as HTMLElement, '3');
      heard();
      expect(b.getByRole('alert')).toBeTruthy();
      // Tab B goes on (its votes, its reveal) but sends the projector nothing; tab A still does.
      sent.length = 0;
      await user.type(b.getAllByRole('spinbutton')[1] as HTMLElement, '5');
      await user.click(b.getByRole('button', { name: 'Reveal the feedback' }));
      expect(sent).toEqual([]);
      await user.click(a.getByRole('button', { name: 'Reveal the feedback' }));
      expect(sent.some((s) => s.includes(A_VOTES))).toBe(true);
      expect(sent.some((s) => s.includes(B_VOTES))).toBe(false);
      // A projector window opened now hears only from tab A.
      sent.length = 0;
      render(<div data-testid="projector"><ProjectorScreen /></div>);
      await waitFor(() => expect(sent.length).toBeGreaterThan(0));
      expect(sent.every((s) => s.includes(A_VOTES))).toBe(true);
      expect(await within(screen.getByTestId('projector')).findByText('Votes: 3 (100%)')).toBeTruthy();
      // Taking over in B sends B's session at once; then tab A, hearing of it, stops sending.
      sent.length = 0;
      await user.click(b.getByRole('button', { name: 'Take over the presenter session here' }));
      expect(sent.at(-1)).toContain(B_VOTES);
      heard();
      expect(a.getByRole('alert')).toBeTruthy();
      sent.length = 0;
      await user.click(a.getAllByRole('button', { name: /Follow reply/ })[0] as HTMLElement);
      expect(sent).toEqual([]);
    } finally {
      post.mockRestore();
    }
  });
});

describe('a reply the story does not open at this decision', () => {
  /** The example with "phone-accuse" offered only at trust 80 or more (trust starts at 50). */
  function gatedExample() {
    const gated = validateScenario(gatedPhoneText(example), 'example.json').scenario;
    if (!gated) throw new Error('not valid');
    return gated;
  }

  it('says why beside it, in the words a volunteer playing alone gets, and its vote box is described by them', () => {
    const gated = gatedExample();
    render(<Facilitation playable={{ scenario: gated, file: 'example.json' }} />);
    const row = screen.getByText(/You need to tell me the truth/).closest('li');
    if (!row) throw new Error('no row');
    const n = row.querySelector('strong')?.textContent?.replace('.', '');
    expect(row.textContent).toContain(`Reply ${n} is not available now: it needs Jade's trust at least 80 (now 50).`);
    expect(within(row).getByRole('spinbutton').getAttribute('aria-describedby')).toBe('opt-phone-accuse');
    expect(document.getElementById('opt-phone-accuse')?.textContent).toContain('it needs Jade\'s trust at least 80');
  });

  it('after the reveal, says why in place of its Follow button (it had no button and no reason, though the room may have voted for it)', async () => {
    const user = userEvent.setup();
    const gated = gatedExample();
    render(<Facilitation playable={{ scenario: gated, file: 'example.json' }} />);
    await user.type(within(screen.getByText(/You need to tell me the truth/).closest('li') as HTMLElement).getByRole('spinbutton'), '7');
    await user.click(screen.getByRole('button', { name: 'Reveal the feedback' }));
    const row = within(screen.getByRole('region', { name: 'The replies, revealed' })).getByText(/You need to tell me the truth/).closest('li') as HTMLElement;
    const n = row.querySelector('strong')?.textContent?.replace('.', '');
    expect(within(row).queryByRole('button')).toBeNull();
    expect(row.textContent).toContain(`Reply ${n} is not available now: it needs Jade's trust at least 80 (now 50).`);
    expect(screen.getAllByRole('button', { name: /^Follow reply/ })).toHaveLength(2);
  });

  it('the projector says it too, beside the reply before the reveal and under it at the reveal: the room saw it as one more choice to vote for', async () => {
    const user = userEvent.setup();
    const gated = gatedExample();
    render(<><div data-testid="laptop"><Facilitation playable={{ scenario: gated, file: 'example.json' }} /></div><div data-testid="projector"><ProjectorScreen /></div></>);
    const projector = () => screen.getByTestId('projector');
    const laptopRow = within(screen.getByTestId('laptop')).getByText(/You need to tell me the truth/).closest('li') as HTMLElement;
    const n = laptopRow.querySelector('strong')?.textContent?.replace('.', '');
    const words = `Reply ${n} is not available now: it needs Jade's trust at least 80 (now 50).`;
    expect(laptopRow.textContent).toContain(words);
    const shownRow = () => [...projector().querySelectorAll('li')].find((li) => li.textContent?.includes('You need to tell me the truth'));
    await waitFor(() => expect(shownRow()?.textContent).toContain(words));
    // The other replies say nothing of the kind.
    expect([...projector().querySelectorAll('ol.options li')].filter((li) => li.textContent?.includes('is not available now'))).toHaveLength(1);
    await user.click(screen.getByRole('button', { name: 'Reveal the feedback' }));
    await waitFor(() => expect(projector().querySelector('ol.reveal')).toBeTruthy());
    expect(shownRow()?.textContent).toContain(words);
    expect([...projector().querySelectorAll('ol.reveal > li')].filter((li) => li.textContent?.includes('is not available now'))).toHaveLength(1);
  });
});

describe('a decision with no words of its own, opened other than from the scene before it', () => {
  // testifying's decision 5 ("What do you say to Mr. Dunn?") asks about his line in the scene before
  // it. "Back to decision 5" opened it bare, on the laptop and the projector: the room was asked
  // about a line it last saw a branch ago (the terminal showed it under "Before this:").
  const DUNN = /Yep, he's on here\. The 21st, 8:30, downtown\./;
  afterEach(() => {
    history.replaceState(null, '', '/');
  });

  /** Follows, at the decision `laptop` shows, the reply of id `replyId` (revealed first), continuing through scenes to the next decision. */
  const followById = async (user: ReturnType<typeof userEvent.setup>, root: HTMLElement, nodes: Scenario['nodes'], replyId: string) => {
    const laptop = within(root);
    const text = nodes.flatMap((n) => (n.kind === 'decision' ? n.replies : [])).find((r) => r.id === replyId)?.text ?? '';
    for (let next = buttonNamed('Continue', root); next; next = buttonNamed('Continue', root)) await user.click(next);
    const reveal = buttonNamed('Reveal the feedback', root);
    if (!reveal) throw new Error('no Reveal the feedback');
    await user.click(reveal);
    const item = within(laptop.getByRole('region', { name: 'The replies, revealed' })).getAllByRole('listitem').find((li) => li.textContent?.includes(text.slice(0, 30)));
    await user.click(within(item as HTMLElement).getByRole('button', { name: /Follow reply/ }));
    for (let next = buttonNamed('Continue', root); next; next = buttonNamed('Continue', root)) await user.click(next);
  };
  const follows = (a: Element, b: Element) => Boolean(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);

  it('"Back to decision 5", and a reload there, show the scene that set it up under "Before this", on the laptop and the projector, as a region of its own; gone once the story moves on, and never when the story comes from that scene', async () => {
    const user = userEvent.setup();
    const { loaded } = await bundledById('testifying');
    if (!loaded?.ok) throw new Error('testifying not loaded');
    const { playable } = loaded;
    const { nodes } = playable.scenario;
    const store = memoryStore();
    const first = render(<Facilitation playable={playable} store={store} />);
    render(<div data-testid="projector"><ProjectorScreen /></div>);
    let laptopRoot = first.container;
    let laptop = within(laptopRoot);
    const projector = within(screen.getByTestId('projector'));
    for (const id of ['d1-scary', 'd2-around', 'd3-team', 'd4-arrange']) await followById(user, laptopRoot, nodes, id);
    // Straight from Mr. Dunn's scene, which the room has just seen: the decision as it always was.
    expect(laptop.getByRole('heading', { level: 2, name: 'What do you say to Mr. Dunn?' })).toBeTruthy();
    await waitFor(() => expect(projector.getByText(/I have the 14th from Ms\. Ibarra/)).toBeTruthy());
    expect(screen.queryByRole('region', { name: 'Before this' })).toBeNull();
    await followById(user, laptopRoot, nodes, 'd5-theirs');
    expect(screen.queryByText(DUNN)).toBeNull();
    await user.click(laptop.getByRole('button', { name: 'Back to decision 5' }));
    // The decision's heading has the focus; its setup follows it, a region under its own heading,
    // Mr. Dunn's line as the scene said it, before the decision's reveal.
    const h1 = laptop.getByRole('heading', { level: 1 });
    expect(document.activeElement).toBe(h1);
    const setup = laptop.getByRole('region', { name: 'Before this' });
    expect(within(setup).getByText(DUNN)).toBeTruthy();
    expect(within(setup).getByText(/^Mr\. Dunn/).textContent).toBe('Mr. Dunn (placement staff member):');
    const headings = laptop.getAllByRole('heading').map((h) => `${h.tagName} ${h.textContent}`);
    expect(headings.indexOf('H2 Before this')).toBe(headings.indexOf(`H1 ${h1.textContent}`) + 1);
    expect(follows(h1, setup) && follows(setup, laptop.getByRole('region', { name: 'The replies, revealed' }))).toBe(true);
    // Back at the reveal, which gets the projector's screen: the setup makes way there.
    await waitFor(() => expect(screen.getByTestId('projector').querySelector('ol.reveal')).toBeTruthy());
    expect(projector.queryByRole('region', { name: 'Before this' })).toBeNull();
    // Back to the votes: on the projector too, above the decision's replies.
    await user.click(laptop.getByRole('button', { name: 'Back to the votes' }));
    const projected = await projector.findByRole('region', { name: 'Before this' });
    expect(within(projected).getByText(DUNN)).toBeTruthy();
    expect(follows(projector.getByRole('heading', { level: 1 }), projected) && follows(projected, screen.getByTestId('projector').querySelector('ol.options') as HTMLElement)).toBe(true);
    // The trainer's page reloaded here (the kept session): the setup again, on both screens.
    first.unmount();
    await waitFor(() => expect(screen.getByTestId('projector').textContent).not.toMatch(DUNN));
    const again = renderApp('#/presenter/testifying', store);
    laptopRoot = again.container;
    laptop = within(laptopRoot);
    expect(await laptop.findByText('Resumed the presenter session at decision 5, with the votes and the summary so far.')).toBeTruthy();
    expect(within(laptop.getByRole('region', { name: 'Before this' })).getByText(DUNN)).toBeTruthy();
    expect(within(await projector.findByRole('region', { name: 'Before this' })).getByText(DUNN)).toBeTruthy();
    // On along another branch: the next moment opens as it always does, on both screens.
    await followById(user, laptopRoot, nodes, 'd5-check');
    expect(laptop.queryByRole('region', { name: 'Before this' })).toBeNull();
    await waitFor(() => expect(projector.queryByText(DUNN)).toBeNull());
  });

  // Session 47: before-relapse's s1-triggers, untitled, sets up d2-triggers. A live room headed it
  // "Scene 2" under "Before this"; presenter mode without a room gave it no heading, on the laptop
  // and the projector, though both had headed it "Scene 2" while showing it.
  it('an untitled scene under "Before this" is headed by its number in the playthrough ("Scene 2"), as the laptop and the projector headed it while showing it: gone back to, and after a reload there', async () => {
    const user = userEvent.setup();
    const { loaded } = await bundledById('before-relapse');
    if (!loaded?.ok) throw new Error('before-relapse not loaded');
    const { playable } = loaded;
    const { nodes } = playable.scenario;
    const store = memoryStore();
    const first = render(<Facilitation playable={playable} store={store} />);
    render(<div data-testid="projector"><ProjectorScreen /></div>);
    let laptop = within(first.container);
    const projector = within(screen.getByTestId('projector'));
    const h3s = (region: HTMLElement) => within(region).getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
    // To d1-good, then the room follows d1-yours to s1-triggers: shown, it is "Scene 2" on both screens.
    await user.click(laptop.getByRole('button', { name: 'Continue' }));
    await user.click(laptop.getByRole('button', { name: 'Reveal the feedback' }));
    const yours = nodes.flatMap((n) => (n.kind === 'decision' ? n.replies : [])).find((r) => r.id === 'd1-yours')?.text ?? '';
    const item = within(laptop.getByRole('region', { name: 'The replies, revealed' })).getAllByRole('listitem').find((li) => li.textContent?.includes(yours.slice(0, 30)));
    await user.click(within(item as HTMLElement).getByRole('button', { name: /Follow reply/ }));
    expect(laptop.getByRole('heading', { level: 1 }).textContent).toBe('Scene 2');
    await waitFor(() => expect(projector.getByRole('heading', { level: 1 }).textContent).toBe('Scene 2'));
    await user.click(laptop.getByRole('button', { name: 'Continue' }));
    expect(laptop.getByRole('heading', { level: 2, name: 'Nothing is wrong today. Do you bring up what could go wrong?' })).toBeTruthy();
    expect(laptop.queryByRole('region', { name: 'Before this' })).toBeNull();
    // On, then back to decision 2 and its votes: the scene under "Before this", headed "Scene 2" on both screens.
    await followById(user, first.container, nodes, 'd2-list');
    await user.click(laptop.getByRole('button', { name: 'Back to decision 2' }));
    expect(h3s(laptop.getByRole('region', { name: 'Before this' }))).toEqual(['Scene 2']);
    await user.click(laptop.getByRole('button', { name: 'Back to the votes' }));
    expect(h3s(laptop.getByRole('region', { name: 'Before this' }))).toEqual(['Scene 2']);
    await waitFor(() => expect(h3s(projector.getByRole('region', { name: 'Before this' }))).toEqual(['Scene 2']));
    // The page reloaded there (the kept session): the same heading, on both screens.
    first.unmount();
    await waitFor(() => expect(projector.queryByRole('region', { name: 'Before this' })).toBeNull());
    const again = renderApp('#/presenter/before-relapse', store);
    laptop = within(again.container);
    expect(await laptop.findByText(/^Resumed the presenter session at decision 2/)).toBeTruthy();
    expect(h3s(laptop.getByRole('region', { name: 'Before this' }))).toEqual(['Scene 2']);
    await waitFor(() => expect(h3s(projector.getByRole('region', { name: 'Before this' }))).toEqual(['Scene 2']));
  });
});

describe('presenter mode: Who\'s who', () => {
  // The play page had a "Who's who" and the terminal's trainer-led session its w; presenter mode had
  // neither, and a trainer asked "who is Ms. Park?" had nothing to look at.
  it('a disclosure of the people the room has met so far, a name in revealed feedback counted once revealed and not before', async () => {
    const user = userEvent.setup();
    // The example with Ms. Park named only in the feedback of a reply the room does not follow.
    const data = JSON.parse(example) as { characters: object[]; nodes: { id: string; replies?: { id: string; feedback: string }[] }[] };
    data.characters.push({ id: 'park', name: 'Ms. Park', role: 'attorney', description: 'Jade\'s attorney.' });
    const accuse = data.nodes.find((n) => n.id === 'phone')?.replies?.find((r) => r.id === 'phone-accuse');
    if (!accuse) throw new Error('no phone-accuse');
    accuse.feedback = `${accuse.feedback} Ms. Park, her attorney, would say the same.`;
    const withPark = validateScenario(JSON.stringify(data), 'example.json').scenario;
    if (!withPark) throw new Error('invalid');
    render(<Facilitation playable={{ scenario: withPark, file: 'example.json' }} />);
    const who = () => {
      const summary = screen.getByText(/^Who’s who/);
      const details = summary.closest('details');
      if (!details) throw new Error('not a disclosure');
      return { summary, details };
    };
    expect(who().summary.textContent).toBe('Who’s who (1 met so far)');
    expect(who().details.open).toBe(false);
    await user.click(who().summary);
    expect(who().details.open).toBe(true);
    expect(within(who().details).getByRole('listitem').textContent).toBe('Jade (youth)');
    // Votes being entered: the feedback is not on screen, so Ms. Park is not given away.
    expect(within(who().details).queryByText('Ms. Park')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Reveal the feedback' }));
    expect(who().summary.textContent).toBe('Who’s who (2 met so far)');
    expect(within(who().details).getByText('Ms. Park').parentElement?.textContent).toBe('Ms. Park (attorney): Jade\'s attorney.');
    // The room follows another reply: Ms. Park was seen in the reveal, so still met.
    const curious = within(screen.getByRole('region', { name: 'The replies, revealed' })).getAllByRole('listitem').find((li) => li.textContent?.includes('A light, friendly question'));
    await user.click(within(curious as HTMLElement).getByRole('button', { name: /Follow reply/ }));
    expect(screen.queryByRole('region', { name: 'The replies, revealed' })).toBeNull();
    expect(within(who().details).getByText('Ms. Park')).toBeTruthy();
  });
});

// "Take a break" changed only the laptop: the projector kept showing the decision and its replies
// (or the reveal and its votes) to the room for the whole break.
describe('a trainer\'s break on the projector', () => {
  it('"Take a break" shows the room a calm break screen (the scenario\'s title, nothing of the session); back from it, the projector shows the reveal again as it was; a blanked projector is blank again', async () => {
    const user = userEvent.setup();
    const { loaded } = await bundledById('youth-discloses');
    if (!loaded?.ok) throw new Error('youth-discloses');
    const title = loaded.playable.scenario.title;
    const projector = () => within(screen.getByTestId('projector'));
    const screenOf = () => screen.getByTestId('projector').querySelector('.projector-screen');
    render(<div data-testid="projector"><ProjectorScreen /></div>);
    renderApp('#/presenter/youth-discloses', memoryStore());
    // On the content note too.
    await screen.findByRole('button', { name: 'Start the session' });
    await projector().findByRole('heading', { level: 1, name: 'Content note' });
    await user.click(screen.getByRole('button', { name: 'Take a break' }));
    expect(await projector().findByRole('heading', { level: 1, name: 'Taking a break' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Back from break' }));
    expect(await projector().findByRole('heading', { level: 1, name: 'Content note' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Start the session' }));
    await user.type(screen.getAllByRole('spinbutton')[0] as HTMLElement, '3');
    await user.click(screen.getByRole('button', { name: 'Reveal the feedback' }));
    await waitFor(() => expect(screenOf()?.querySelector('.facilitator-note')).toBeTruthy());
    const before = screenOf()?.outerHTML;
    await user.click(screen.getByRole('button', { name: 'Take a break' }));
    expect(await projector().findByRole('heading', { level: 1, name: 'Taking a break' })).toBeTruthy();
    expect(screenOf()?.className).toBe('projector-screen on-break');
    expect(screenOf()?.textContent).toBe(`${title}Taking a breakBack soon: the session carries on from where it stopped.`);
    expect(projector().getByRole('status').textContent).toBe('Back soon: the session carries on from where it stopped.');
    expect(screenOf()?.querySelector('ol, .facilitator-note, .vote-row')).toBeNull();
    // The trainer is told on the break panel.
    expect(screen.getByText(PROJECTOR_ON_BREAK_WORDS)).toBeTruthy();
    // B on the break panel (here also heard by the projector window's page, which passes it on) does not blank the projector behind the trainer's back.
    await user.keyboard('b');
    expect(screen.getByRole('button', { name: 'Blank the projector', hidden: true }).getAttribute('aria-pressed')).toBe('false');
    await user.click(screen.getByRole('button', { name: 'Back to where I was' }));
    await waitFor(() => expect(screenOf()?.outerHTML).toBe(before));
    expect(screen.getByRole('button', { name: 'Blank the projector' }).getAttribute('aria-pressed')).toBe('false');
    // Blanked, then a break: the break screen, then dark again until the trainer shows it.
    await user.keyboard('b');
    await waitFor(() => expect(screenOf()?.className).toBe('projector-screen blank'));
    await user.click(screen.getByRole('button', { name: 'Take a break' }));
    expect(await projector().findByRole('heading', { level: 1, name: 'Taking a break' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Back from break' }));
    await waitFor(() => expect(screenOf()?.className).toBe('projector-screen blank'));
    expect(screen.getByRole('button', { name: 'Blank the projector' }).getAttribute('aria-pressed')).toBe('true');
    await user.keyboard('b');
    await waitFor(() => expect(screenOf()?.outerHTML).toBe(before));
    history.replaceState(null, '', '/');
  });

  // Without a live room, a reload during the break ended it: the page came back at the decision and
  // the projector showed it to the room. The tab keeps the break now (PRESENTER_BREAK_KEY), as a live room does.
  it('a reload of the presenter page during a break (no live room) comes back on the break, the projector still showing the break screen; back from it, the decision', async () => {
    const user = userEvent.setup();
    const kept = new Map<string, string>();
    const tab = { getItem: (k: string) => kept.get(k) ?? null, setItem: (k: string, v: string) => void kept.set(k, v), removeItem: (k: string) => void kept.delete(k) };
    const store = memoryStore();
    const projector = () => within(screen.getByTestId('projector'));
    render(<div data-testid="projector"><ProjectorScreen /></div>);
    window.location.hash = '#/presenter/youth-discloses';
    const first = render(<App store={store} tab={tab} />);
    await user.click(await screen.findByRole('button', { name: 'Start the session' }));
    // A vote entered: the session is kept from here on, so a reload comes back to this decision.
    await user.type(screen.getAllByRole('spinbutton')[0] as HTMLElement, '3');
    const decision = screen.getByRole('button', { name: 'Reveal the feedback' });
    expect(decision).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Take a break' }));
    expect(await projector().findByRole('heading', { level: 1, name: 'Taking a break' })).toBeTruthy();
    // The reload.
    first.unmount();
    render(<App store={store} tab={tab} />);
    expect(await screen.findByRole('heading', { level: 1, name: 'Take a break' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Back from break' })).toBeTruthy();
    expect(await projector().findByRole('heading', { level: 1, name: 'Taking a break' })).toBeTruthy();
    // The session waits behind the break, and the projector is not shown it meanwhile.
    await screen.findByRole('button', { name: 'Reveal the feedback', hidden: true });
    expect(projector().queryByRole('heading', { level: 1, name: 'Taking a break' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Back from break' }));
    expect(await screen.findByRole('button', { name: 'Reveal the feedback' })).toBeTruthy();
    await waitFor(() => expect(projector().queryByRole('heading', { level: 1, name: 'Taking a break' })).toBeNull());
    // Back from it, a reload stays back.
    expect(kept.size).toBe(0);
    history.replaceState(null, '', '/');
  });

  it('the break is sent as a state of its own (the version raised), to a projector window opened during the break too; the blank key, on the trainer\'s page or passed on from the projector, does nothing meanwhile', async () => {
    const states: unknown[] = [];
    const listen = new BroadcastChannel(PROJECTOR_CHANNEL);
    listen.onmessage = (e: MessageEvent) => {
      if (e.data?.type === 'state') states.push(e.data);
    };
    try {
      // Raised for the break (version 12): a window from before it, which cannot show one, says it is out of date.
      expect(PROJECTOR_PROTOCOL).toBeGreaterThanOrEqual(12);
      const user = userEvent.setup();
      const playable = { scenario: scenario(), file: 'example.json' };
      const page = render(<Facilitation playable={playable} />);
      // At a reveal: its replies, votes, note and page come back as they were.
      await user.type(screen.getAllByRole('spinbutton')[0] as HTMLElement, '2');
      await user.click(screen.getByRole('button', { name: 'Reveal the feedback' }));
      await waitFor(() => expect((states.at(-1) as { state: { reveal?: unknown } } | undefined)?.state.reveal).toBeTruthy());
      const shown = states.at(-1) as { state: { page?: unknown; note?: unknown } };
      expect(shown.state.page).toMatchObject({ at: 0 });
      expect(shown.state.note).toBe(NOTE);
      page.rerender(<Facilitation playable={playable} paused />);
      const onBreak = { type: 'state', state: { kind: 'break', scenarioTitle: playable.scenario.title }, v: PROJECTOR_PROTOCOL };
      await waitFor(() => expect(states.at(-1)).toEqual(onBreak));
      // A window opened now says hello, and is sent the break.
      states.length = 0;
      listen.postMessage({ type: 'hello', v: PROJECTOR_PROTOCOL });
      await waitFor(() => expect(states).toEqual([onBreak]));
      // B on the trainer's page (hidden behind the break) does nothing, nor B passed on from the projector window.
      await user.keyboard('b');
      expect(screen.getByRole('button', { name: 'Blank the projector' }).getAttribute('aria-pressed')).toBe('false');
      listen.postMessage({ type: 'key', key: 'blank', v: PROJECTOR_PROTOCOL });
      // Answered in order: the hello after the key is answered once the key was taken (or not).
      listen.postMessage({ type: 'hello', v: PROJECTOR_PROTOCOL });
      await waitFor(() => expect(states).toEqual([onBreak, onBreak]));
      page.rerender(<Facilitation playable={playable} />);
      await waitFor(() => expect(states.at(-1)).toEqual(shown));
      expect(screen.getByRole('button', { name: 'Blank the projector' }).getAttribute('aria-pressed')).toBe('false');
    } finally {
      listen.close();
    }
  });

  it('the break panel says what the projector shows only in a presenter session, not on a volunteer\'s page', async () => {
    const user = userEvent.setup();
    renderApp('#/play/youth-discloses', memoryStore());
    await screen.findByRole('group', { name: /./ });
    await user.click(screen.getByRole('button', { name: 'Take a break' }));
    expect(screen.getByRole('heading', { level: 1, name: 'Take a break' })).toBeTruthy();
    expect(screen.queryByText(PROJECTOR_ON_BREAK_WORDS)).toBeNull();
    expect(screen.queryByText(LIVE_ROOM_ON_BREAK_WORDS)).toBeNull();
    expect(screen.getByText(/^Everything waits for you/)).toBeTruthy();
    history.replaceState(null, '', '/');
  });

  it('the projector window shows a break as "Taking a break" under the scenario\'s title, as text; a title that is not text is left out', async () => {
    const projector = render(<ProjectorScreen />);
    const laptop = new BroadcastChannel(PROJECTOR_CHANNEL);
    try {
      laptop.postMessage({ type: 'state', state: { kind: 'moment', scenarioTitle: 'S', step: 'Decision 1 of about 2', title: 'At the café', lines: [], replies: [{ number: 1, text: 'Nice one!', kind: 'say' }] }, v: PROJECTOR_PROTOCOL });
      expect(await screen.findByText('Nice one!')).toBeTruthy();
      laptop.postMessage({ type: 'state', state: { kind: 'break', scenarioTitle: '<b>New nails</b>' }, v: PROJECTOR_PROTOCOL });
      expect(await screen.findByRole('heading', { level: 1, name: 'Taking a break' })).toBeTruthy();
      expect(screen.queryByText('Nice one!')).toBeNull();
      expect(projector.container.querySelector('.status-line')?.textContent).toBe('<b>New nails</b>');
      expect(projector.container.querySelector('b')).toBeNull();
      expect(screen.getByRole('status').textContent).toBe('Back soon: the session carries on from where it stopped.');
      // Nothing says the versions differ.
      expect(screen.queryByText(/out of date/)).toBeNull();
      laptop.postMessage({ type: 'state', state: { kind: 'break', scenarioTitle: { x: 1 } }, v: PROJECTOR_PROTOCOL });
      await waitFor(() => expect(projector.container.querySelector('.status-line')).toBeNull());
      expect(screen.getByRole('heading', { level: 1, name: 'Taking a break' })).toBeTruthy();
    } finally {
      laptop.close();
      projector.unmount();
    }
  });
});
