// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRoom, memoryStore, presenterView, reduceRoom, roomContext, validateScenario, type PresenterAction, type PresenterCommand, type RoomContext, type RoomState } from '../../src/machines/index.js';
import { LiveRoom } from '../../src/web/components/LiveRoom.js';
import type { RoomClient, RoomLink, RoomSnapshot } from '../../src/web/room-client.js';
import { Facilitation } from '../../src/web/pages/Presenter.js';
import ProjectorScreen from '../../src/web/pages/ProjectorScreen.js';
import Preview from '../../src/web/pages/Preview.js';
import { StoreContext } from '../../src/web/store.js';
import lineBreaks from '../fixtures/good/line-breaks.json?raw';
import { renderApp, replyKey, scenariosReadBy } from './helpers.js';

// A trainer's own scenario, among the app's: the first page and presenter mode list it, and open it
// by its id, as they do a bundled one.
scenariosReadBy(async (builtIn) => [...(await builtIn()), { file: 'line-breaks.json', text: lineBreaks }]);

const ROOT = join(import.meta.dirname, '..', '..');
// The app's own stylesheets, whose rules for white-space are put into the test's document while a check looks (breaksOnPage): jsdom applies them to computed styles.
const CSS = ['src/web/styles.css', 'src/web/components/LiveRoom.css'].map((f) => readFileSync(join(ROOT, f), 'utf8')).join('\n');

/**
 * The rules of `css` that set white-space, each with that declaration alone, in their order and in
 * their @media blocks: the white-space jsdom computes for any element is the one the whole of `css`
 * gives (jsdom takes an element's value from the style rules that match it, also inside @media,
 * by specificity and order; the other rules set other properties). An error if a rule could set
 * white-space another way (its longhands, `all`, a var()): then this would not be the same.
 * Putting the whole stylesheets in the page at each check, jsdom parsed them again and matched each
 * element against all of their rules: a third of the checks' time (measured in the commit).
 */
function whiteSpaceRules(css: string): string {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  const STYLE_RULE = 1;
  const MEDIA_RULE = 4;
  const of = (rules: CSSRuleList): string[] => [...rules].flatMap((rule) => {
    if (rule.type === MEDIA_RULE) {
      const inner = of((rule as CSSMediaRule).cssRules);
      return inner.length ? [`@media ${(rule as CSSMediaRule).media.mediaText} {\n${inner.join('\n')}\n}`] : [];
    }
    if (rule.type !== STYLE_RULE) return [];
    const { style, selectorText } = rule as CSSStyleRule;
    for (let i = 0; i < style.length; i++) {
      const property = style.item(i);
      if (property === 'all' || property.startsWith('white-space-') || property.startsWith('text-wrap') || (property === 'white-space' && style.getPropertyValue(property).includes('var('))) {
        throw new Error(`${selectorText} sets ${property}: whiteSpaceRules would leave out how it sets white-space`);
      }
    }
    const value = style.getPropertyValue('white-space');
    return value ? [`${selectorText} { white-space: ${value}${style.getPropertyPriority('white-space') ? ' !important' : ''}; }`] : [];
  });
  return of(sheet.cssRules).join('\n');
}
const WHITE_SPACE_CSS = whiteSpaceRules(CSS);

// jsdom lays nothing out and scrolls nothing: its window.scrollTo prints "Not implemented: Window's
// scrollTo() method" (twenty times a run: the projector puts its scroll position back after fitting
// what it shows). Here it does what scrolling a page that cannot scroll does: nothing. Only that
// method is stubbed: jsdom's other messages (a real error among them) still print.
beforeEach(() => {
  vi.spyOn(window, 'scrollTo').mockImplementation(() => undefined);
});

afterEach(() => {
  vi.mocked(window.scrollTo).mockRestore();
  cleanup();
  document.head.querySelectorAll('style[data-app]').forEach((s) => s.remove());
  sessionStorage.clear();
});

/** The values of white-space that show a line break in the text as a new line. */
const KEEPS_BREAKS = new Set(['pre', 'pre-wrap', 'pre-line', 'break-spaces']);

/**
 * white-space as the browser draws `el`: its own computed value, or (jsdom computes only the rules
 * that match an element, not what it inherits) the nearest ancestor's that sets one.
 */
function whiteSpace(el: Element): string {
  for (let at: Element | null = el; at; at = at.parentElement) {
    const value = getComputedStyle(at).whiteSpace;
    if (value && value !== 'initial' && value !== 'inherit' && value !== 'unset') return value;
  }
  return 'normal';
}

/**
 * Every text on the page with a line break in it (a scenario's "\n"), each with how it is drawn;
 * `lost`: those drawn with the break made a space. Text only a screen reader gets (.sr-only) is
 * read, not drawn: left out.
 */
function breaksOnPage(root: Element = document.body): { kept: string[]; lost: string[] } {
  // The app's stylesheets are in the page while it is looked at, not while the test plays on: with
  // them, every role query and Tab matched each element against all of their rules, again after
  // each change (jsdom keeps no computed style across a change), most of this file's time. Their
  // rules for white-space only (whiteSpaceRules), the one property looked at.
  const style = document.createElement('style');
  style.dataset.app = '';
  style.textContent = WHITE_SPACE_CSS;
  document.head.append(style);
  try {
    return breaksDrawn(root);
  } finally {
    style.remove();
  }
}

function breaksDrawn(root: Element): { kept: string[]; lost: string[] } {
  const kept: string[] = [];
  const lost: string[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
    const el = n.parentElement;
    if (!el || !n.data.includes('\n') || el.closest('.sr-only, script, style')) continue;
    const where = `<${el.tagName.toLowerCase()}${el.className ? ` class="${el.className}"` : ''}> ${JSON.stringify(n.data.slice(0, 50))}`;
    (KEEPS_BREAKS.has(whiteSpace(el)) ? kept : lost).push(where);
  }
  return { kept, lost };
}

/** Checks the page now: some text with a line break is shown, and every one keeps it. Returns how many. */
function expectBreaksKept(root?: Element): number {
  const { kept, lost } = breaksOnPage(root);
  expect(lost).toEqual([]);
  expect(kept.length).toBeGreaterThan(0);
  return kept.length;
}

function scenario() {
  const s = validateScenario(lineBreaks, 'line-breaks.json').scenario;
  if (!s) throw new Error('line-breaks.json is not valid');
  return s;
}

describe('line breaks a trainer writes in a scenario ("\\n") are shown as new lines', () => {
  it('the fixture has a line break in every text that may have one, and none in a one-line text', () => {
    const s = scenario();
    const first = s.nodes[0]!;
    expect(first.kind).toBe('decision');
    const texts = [s.summary, s.contentNote, s.characters[0]!.description!];
    for (const n of s.nodes) {
      texts.push(...(n.narration ? [n.narration] : []), ...(n.lines ?? []).map((l) => l.text));
      if (n.kind === 'decision') texts.push(...n.replies.flatMap((r) => [r.text, r.feedback]), ...[n.facilitatorNote, n.discussionPrompt, n.prompt].filter((t) => t !== undefined));
    }
    expect(texts.filter((t) => !t.includes('\n'))).toEqual([]);
    expect(validateScenario(lineBreaks, 'line-breaks.json').problems).toEqual([]);
  });

  it('on the first page, and in a practice playthrough to its debrief: every moment, reply and feedback, the ending', async () => {
    const user = userEvent.setup();
    renderApp('#/');
    await screen.findByRole('heading', { name: 'Example: line breaks' });
    const card = screen.getByRole('heading', { name: 'Example: line breaks' }).closest('.card') as HTMLElement;
    // The card's summary and content note.
    expect(expectBreaksKept(card)).toBe(2);
    cleanup();
    renderApp('#/play/line-breaks');
    await screen.findByRole('group', { name: /./ });
    const seen = await playChecking(user);
    // The content note, narration, lines, the prompt, every reply, feedback, the ending's narration, the debrief's transcript.
    for (const part of ['content-note', 'narration', 'line', 'line yours', 'feedback', 'feedback-text', 'reply', 'prompt', 'paths'])
      expect(seen.some((w) => w.classes.includes(part)), part).toBe(true);
  });

  it('in a file played from the Preview page', async () => {
    const user = userEvent.setup();
    render(<StoreContext value={memoryStore()}><Preview /></StoreContext>);
    await user.upload(screen.getByLabelText('Scenario file (.json)'), new File([lineBreaks], 'line-breaks.json'));
    await user.click(await screen.findByRole('button', { name: 'Play it now (practice)' }));
    await screen.findByRole('group', { name: /./ });
    await playChecking(user);
  });

  it('in presenter mode: the scenario list, the first screen, each moment, the reveal and the debrief, and on the projector', async () => {
    const user = userEvent.setup();
    renderApp('#/presenter');
    const card = (await screen.findByRole('heading', { name: 'Example: line breaks' })).closest('.card') as HTMLElement;
    expect(expectBreaksKept(card)).toBe(1);
    cleanup();
    // The first screen: the summary and the content note.
    renderApp('#/presenter/line-breaks');
    await screen.findByRole('button', { name: 'Start the session' });
    expect(expectBreaksKept()).toBe(2);
    cleanup();
    render(<><div data-testid="laptop"><Facilitation playable={{ scenario: scenario(), file: 'line-breaks.json' }} /></div><div data-testid="projector" className="presenter"><ProjectorScreen /></div></>);
    const laptop = screen.getByTestId('laptop');
    const projector = screen.getByTestId('projector');
    await user.click(within(laptop).getByRole('button', { name: /Show the facilitator note/ }));
    const seen: string[] = [];
    const check = async () => {
      // The projector window is told by a message: it shows the laptop's moment once that arrives.
      await waitFor(() => expect(projector.querySelector('h1')?.textContent).toBe(laptop.querySelector('h1')?.textContent));
      expectBreaksKept();
      seen.push(...breaksOnPage(projector).kept);
    };
    for (let step = 0; step < 20 && !document.getElementById('debrief-heading'); step++) {
      await check();
      const reveal = within(laptop).queryByRole('button', { name: 'Reveal the feedback' });
      if (reveal) {
        await user.click(reveal);
        await waitFor(() => expect(projector.querySelector('.reveal')).toBeTruthy());
        expectBreaksKept();
        seen.push(...breaksOnPage(projector).kept);
        await user.click(within(laptop).getAllByRole('button', { name: /Follow reply/ })[0] as HTMLElement);
      } else await user.click(within(laptop).getByRole('button', { name: 'Continue' }));
    }
    expect(document.getElementById('debrief-heading')).toBeTruthy();
    expectBreaksKept();
    // The projector showed narration, lines, the discussion prompt, the replies, the note and the feedback.
    for (const part of ['narration', 'line', 'discussion', 'facilitator-note', '<li>', '<p>'])
      expect(seen.some((w) => w.includes(part)), part).toBe(true);
  });

  it('in a live room: the trainer\'s page and the projector, from the content note through each vote\'s reveal to the end', async () => {
    const user = userEvent.setup();
    const client = new FakeRoom(roomContext(scenario()));
    render(<><div data-testid="laptop"><LiveRoom link={LINK} connect={() => client} /></div><div data-testid="projector"><ProjectorScreen /></div></>);
    client.push();
    const laptop = screen.getByTestId('laptop');
    const projector = screen.getByTestId('projector');
    const seen: string[] = [];
    const check = async () => {
      // The projector shows the content note until the first step, the laptop's moment from then on.
      const shown = () => (laptop.querySelector('.content-note') ? 'Content note' : laptop.querySelector('h1:not(.sr-only)')?.textContent);
      await waitFor(() => expect(projector.querySelector('h1')?.textContent?.replace(/^Ending: /, '')).toBe(shown()));
      expectBreaksKept();
      seen.push(...breaksOnPage(laptop).kept);
    };
    // The content note, before the first step.
    await check();
    expect(seen.some((w) => w.includes('Mentions a possible older partner.\\n'))).toBe(true);
    const button = (name: string) => within(laptop).queryByRole('button', { name });
    for (let step = 0; step < 30 && client.state.phase !== 'ended'; step++) {
      const next = button('Continue') ?? button('Start the session') ?? button('Show the decision') ?? button('Open the vote') ?? button('Reveal the votes');
      if (next) {
        await user.click(next);
        client.answer();
      } else {
        await user.click(within(laptop).getAllByRole('button', { name: /Follow reply/ })[0] as HTMLElement);
        client.answer();
      }
      await check();
    }
    expect(client.state.phase).toBe('ended');
    for (const part of ['narration', 'line', 'discussion', '<h2> "What do you say', '<li>', '<p> "A light, friendly question'])
      expect(seen.some((w) => w.includes(part)), part).toBe(true);
  });
});

const ROOM = 'FAKE23';
const LINK: RoomLink = { room: ROOM, token: 't'.repeat(43) };

/**
 * A room without a socket (as test/web/live-room.test.tsx's): the page's commands are applied by
 * the core's own reducer when the test says the room answers, and its views pushed to the page.
 */
class FakeRoom implements RoomClient {
  state: RoomState;
  sent: PresenterCommand[] = [];
  snapshot: RoomSnapshot = { status: 'connecting', room: ROOM };
  private listeners = new Set<() => void>();
  constructor(readonly ctx: RoomContext) {
    this.state = createRoom(ctx, ROOM, 1, new Date('2026-01-01T00:00:00Z'));
  }
  subscribe = (l: () => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };
  getSnapshot = () => this.snapshot;
  send(command: PresenterCommand): boolean {
    if (this.snapshot.status !== 'open') return false;
    this.sent.push(command);
    return true;
  }
  close(): void {}
  answer(): void {
    const command = this.sent.at(-1);
    if (!command) throw new Error('nothing sent');
    const result = reduceRoom(this.ctx, this.state, { from: 'presenter', message: { ...command, room: ROOM, token: LINK.token, seq: this.state.presenterSeq + 1 } as PresenterAction });
    if (!result.ok) throw new Error(`refused: ${result.code}`);
    this.state = result.state;
    this.push();
  }
  push(): void {
    const view = presenterView(this.ctx, this.state, 0);
    act(() => {
      this.snapshot = { status: 'open', room: ROOM, view, count: view.count, join: `http://192.0.2.7:8080/join?room=${ROOM}` };
      for (const l of this.listeners) l();
    });
  }
}

/**
 * Plays on (reply 1, Continue) to the debrief, checking at each step that every text with a line
 * break keeps it; returns each such text seen, with its element's classes.
 */
async function playChecking(user: ReturnType<typeof userEvent.setup>): Promise<{ classes: string; text: string }[]> {
  const seen: { classes: string; text: string }[] = [];
  const look = () => {
    expectBreaksKept();
    for (const el of document.querySelectorAll('*')) {
      const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n as Text).data.includes('\n'));
      if (!own) continue;
      const container = el.closest('.content-note, .narration, .line, .feedback, .feedback-text, .reply, #prompt, .paths');
      seen.push({ classes: `${el.className} ${container ? (container.id || container.className) : ''}`, text: el.textContent ?? '' });
    }
  };
  for (let step = 0; step < 40 && !document.getElementById('debrief-heading'); step++) {
    look();
    const group = screen.queryByRole('group', { name: /./ });
    if (group) await replyKey(user, '1');
    else {
      screen.getByRole('button', { name: /^(Continue|See the debrief)$/ }).focus();
      await user.keyboard('{Enter}');
    }
  }
  expect(document.getElementById('debrief-heading')).toBeTruthy();
  look();
  return seen;
}
